"""Blocks and reports. A block takes effect at once everywhere: suggestions, the directory,
profiles, bookings, offers and cohort matching all read it."""

from __future__ import annotations

from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from bitesize.accounts.models import User
from bitesize.asks.models import Ask, Offer
from bitesize.matching.changes import mentor_changed
from bitesize.safety.models import Block, Report

MAX_OPEN_REPORTS_PER_DAY = 10


def block_create(*, blocker: User, blocked: User) -> Block:
    if blocker.pk == blocked.pk:
        raise ValidationError({"person": "You cannot block yourself."})
    try:
        with transaction.atomic():
            block = Block.objects.create(blocker=blocker, blocked=blocked)
            # Offers between the two that are still waiting close at once.
            pending = Offer.objects.filter(state=Offer.State.PENDING)
            pending.filter(mentor=blocked, ask__asker=blocker).update(state=Offer.State.WITHDRAWN)
            pending.filter(mentor=blocker, ask__asker=blocked).update(state=Offer.State.WITHDRAWN)
            for person in (blocker, blocked):
                mentor_changed(person.pk)
    except IntegrityError:
        return Block.objects.get(blocker=blocker, blocked=blocked)
    return block


def block_remove(*, blocker: User, blocked: User) -> bool:
    with transaction.atomic():
        deleted, _ = Block.objects.filter(blocker=blocker, blocked=blocked).delete()
        if deleted:
            mentor_changed(blocked.pk)
    return bool(deleted)


def report_create(*, reporter: User, reported: User, reason: str, details: str = "") -> Report:
    errors: dict[str, str] = {}
    if reporter.pk == reported.pk:
        errors["person"] = "You cannot report yourself."
    if reason not in Report.Reason.values:
        errors["reason"] = "Pick a reason from the list."
    if reason == Report.Reason.OTHER and not details.strip():
        errors["details"] = "Say briefly what happened."
    since = timezone.now() - timedelta(days=1)
    if Report.objects.filter(reporter=reporter, created_at__gte=since).count() >= (
        MAX_OPEN_REPORTS_PER_DAY
    ):
        errors["reason"] = "You have sent many reports today; the team will look at them first."
    if errors:
        raise ValidationError(errors)
    return Report.objects.create(
        reporter=reporter, reported=reported, reason=reason, details=details.strip()[:2000]
    )


def report_resolve(*, report: Report, by: User, action: str, resolution: str = "") -> Report:
    """Close a report. `action` is "dismiss", "note" (action taken outside the platform) or
    "deactivate" (the reported account can no longer sign in and leaves every list)."""
    if not by.is_staff:
        raise PermissionDenied("Only operators handle reports.")
    if action not in ("dismiss", "note", "deactivate"):
        raise ValidationError({"action": "Pick dismiss, note or deactivate."})
    with transaction.atomic():
        report = Report.objects.select_for_update().get(pk=report.pk)
        if report.state != Report.State.OPEN:
            raise ValidationError({"state": "This report was already handled."})
        report.state = Report.State.DISMISSED if action == "dismiss" else Report.State.ACTIONED
        report.handled_by, report.handled_at = by, timezone.now()
        report.resolution = resolution.strip()[:500]
        report.save(update_fields=["state", "handled_by", "handled_at", "resolution"])
        if action == "deactivate":
            User.objects.filter(pk=report.reported_id).update(is_active=False)
            Ask.objects.filter(
                asker_id=report.reported_id, state__in=(Ask.State.OPEN, Ask.State.SEARCHING)
            ).update(state=Ask.State.WITHDRAWN)
            Offer.objects.filter(
                Q(mentor_id=report.reported_id) | Q(ask__asker_id=report.reported_id),
                state=Offer.State.PENDING,
            ).update(state=Offer.State.WITHDRAWN)
            mentor_changed(report.reported_id)
    return report
