from django.contrib import admin

from bitesize.profiles.models import Profile, ProfileLanguage, ProfileSkill


class ProfileSkillInline(admin.TabularInline):  # type: ignore[type-arg]
    model = ProfileSkill
    autocomplete_fields = ("skill",)
    extra = 0


class ProfileLanguageInline(admin.TabularInline):  # type: ignore[type-arg]
    model = ProfileLanguage
    extra = 0


@admin.register(Profile)
class ProfileAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("name", "handle", "is_mentor", "available_now", "time_zone", "visibility")
    list_filter = ("is_mentor", "available_now", "visibility", "industries")
    search_fields = ("name", "handle", "headline", "user__email")
    raw_id_fields = ("user",)
    filter_horizontal = ("industries",)
    inlines = (ProfileSkillInline, ProfileLanguageInline)
