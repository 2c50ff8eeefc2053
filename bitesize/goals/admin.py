from django.contrib import admin

from bitesize.goals.models import Goal


@admin.register(Goal)
class GoalAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("title", "owner", "status", "created_at")
    list_filter = ("status", "created_at")
    search_fields = ("title", "owner__email")
    raw_id_fields = ("owner",)
