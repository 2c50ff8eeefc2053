from django.contrib import admin

from bitesize.skills.models import Industry, Skill, SkillAlias


class SkillAliasInline(admin.TabularInline):  # type: ignore[type-arg]
    model = SkillAlias
    fields = ("alias", "key")
    extra = 1


@admin.register(Skill)
class SkillAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("name", "category", "slug")
    list_filter = ("category",)
    search_fields = ("name", "aliases__alias")
    prepopulated_fields = {"slug": ("name",)}
    inlines = (SkillAliasInline,)


@admin.register(Industry)
class IndustryAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("name", "slug")
    search_fields = ("name",)
