from django.contrib import admin

from bitesize.communities.models import Community, Membership


class MembershipInline(admin.TabularInline):  # type: ignore[type-arg]
    model = Membership
    raw_id_fields = ("user", "reports_to")
    extra = 0


@admin.register(Community)
class CommunityAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("name", "kind", "join_policy", "created_at")
    list_filter = ("kind", "join_policy")
    search_fields = ("name", "slug", "description")
    prepopulated_fields = {"slug": ("name",)}
    inlines = (MembershipInline,)


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("user", "community", "role", "joined_at")
    list_filter = ("role", "community__kind", "community")
    search_fields = ("user__email", "community__name")
    raw_id_fields = ("user", "reports_to")
