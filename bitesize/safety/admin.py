from __future__ import annotations

from typing import cast

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest

from bitesize.accounts.models import User
from bitesize.safety.models import Block, Report
from bitesize.safety.services import report_resolve

ReportModelAdmin = admin.ModelAdmin[Report]


def _resolve(request: HttpRequest, reports: QuerySet[Report], action: str, label: str) -> None:
    done = 0
    for report in reports.filter(state=Report.State.OPEN):
        try:
            report_resolve(report=report, by=cast(User, request.user), action=action)
        except ValidationError:
            continue
        done += 1
    messages.info(request, f"{label}: {done} report{'s' if done != 1 else ''}.")


@admin.action(description="Dismiss (no action needed)")
def dismiss(
    modeladmin: admin.ModelAdmin[Report], request: HttpRequest, qs: QuerySet[Report]
) -> None:
    _resolve(request, qs, "dismiss", "Dismissed")


@admin.action(description="Mark as handled (action taken)")
def handled(
    modeladmin: admin.ModelAdmin[Report], request: HttpRequest, qs: QuerySet[Report]
) -> None:
    _resolve(request, qs, "note", "Marked handled")


@admin.action(description="Deactivate the reported accounts")
def deactivate(modeladmin: ReportModelAdmin, request: HttpRequest, qs: QuerySet[Report]) -> None:
    _resolve(request, qs, "deactivate", "Deactivated")


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin[Report]):
    """The moderation queue: open reports first, oldest first."""

    list_display = ("created_at", "reported", "reason", "reporter", "state", "handled_by")
    list_filter = ("state", "reason")
    search_fields = ("reported__email", "reporter__email", "details")
    readonly_fields = (
        "reporter",
        "reported",
        "reason",
        "details",
        "created_at",
        "handled_by",
        "handled_at",
    )
    fields = (*readonly_fields, "state", "resolution")
    actions = (dismiss, handled, deactivate)
    list_select_related = ("reported", "reporter", "handled_by")

    def get_queryset(self, request: HttpRequest) -> QuerySet[Report]:
        return super().get_queryset(request).order_by("-state", "created_at")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


@admin.register(Block)
class BlockAdmin(admin.ModelAdmin[Block]):
    list_display = ("created_at", "blocker", "blocked")
    search_fields = ("blocker__email", "blocked__email")
    readonly_fields = ("blocker", "blocked", "created_at")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False
