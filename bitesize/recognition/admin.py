"""Operators see the ledger but never edit it: corrections are new entries
(services.points_adjust)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from bitesize.recognition.models import (
    BadgeAward,
    CustomBadge,
    Kudos,
    PointEntry,
    Redemption,
    Reward,
)


@admin.register(PointEntry)
class PointEntryAdmin(admin.ModelAdmin[PointEntry]):
    list_display = ("at", "user", "community", "kind", "points", "reason")
    list_filter = ("kind",)
    search_fields = ("user__email", "key")
    raw_id_fields = ("user", "booking")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(BadgeAward)
class BadgeAwardAdmin(admin.ModelAdmin[BadgeAward]):
    list_display = ("earned_at", "user", "name", "code")
    search_fields = ("user__email", "code")
    raw_id_fields = ("user",)


admin.site.register(CustomBadge)
admin.site.register(Kudos)
admin.site.register(Reward)
admin.site.register(Redemption)
