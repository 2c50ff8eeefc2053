"""Background work of debriefs: a nudge when a debrief is not done a day after the session,
and a check-in when an action item falls due. Each task re-reads what it acts on and claims a
unique row, so it is safe to run twice or after a change."""

from __future__ import annotations

from datetime import date, datetime

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django_tasks import task

from bitesize.debriefs.models import ActionItem, CheckIn, DebriefReminder, Rating
from bitesize.notifications.services import Mail, notify
from bitesize.scheduling.models import Booking


@task()
def remind_debrief(booking_id: int, end_iso: str) -> str:
    from bitesize.debriefs.selectors import debrief_for
    from bitesize.scheduling.services import booking_complete

    booking = (
        Booking.objects.select_related("mentor__profile", "mentee__profile")
        .filter(pk=booking_id)
        .first()
    )
    if booking is None or booking.end != datetime.fromisoformat(end_iso):
        return "stale"
    ratings = list(Rating.objects.filter(booking=booking))
    if (
        booking.state == Booking.State.CONFIRMED
        and len(ratings) == 2
        and all(r.took_place for r in ratings)
    ):
        booking_complete(booking=booking, by=None)
        booking.refresh_from_db()
    sent = 0
    for person in (booking.mentor, booking.mentee):
        debrief = debrief_for(booking, person)
        if debrief is None or debrief.done:
            continue
        try:
            with transaction.atomic():
                DebriefReminder.objects.create(booking=booking, person=person)
                other = booking.mentee if person.pk == booking.mentor_id else booking.mentor
                title = f"Finish the debrief of your session with {other.profile.name}"
                url = f"/sessions/{booking.pk}/#debrief"
                notify(
                    user=person,
                    kind="debrief.reminder",
                    title=title,
                    body="Still to do: " + "; ".join(debrief.todo) + ".",
                    url=url,
                    mail=Mail(
                        subject=title,
                        body="Still to do: "
                        + "; ".join(debrief.todo)
                        + f".\n\n{settings.SITE_URL}{url}\n",
                    ),
                )
                sent += 1
        except IntegrityError:
            continue
    return f"sent {sent}"


@task()
def check_in(action_id: int, due_iso: str) -> str:
    item = ActionItem.objects.select_related("owner", "advice").filter(pk=action_id).first()
    due = date.fromisoformat(due_iso)
    if item is None or item.state != ActionItem.State.OPEN or item.due != due:
        return "stale"
    try:
        with transaction.atomic():
            CheckIn.objects.create(action=item, due=due)
            notify(
                user=item.owner,
                kind="debrief.checkin",
                title=f"Due today: {item.text[:80]}",
                body="Done? What happened? A line helps you, and the mentor who suggested it.",
                url=f"/actions/{item.pk}/",
                mail=Mail(
                    subject=f"Due today: {item.text[:80]}",
                    body=(f"Done? What happened?\n\n{settings.SITE_URL}/actions/{item.pk}/\n"),
                ),
            )
    except IntegrityError:
        return "already sent"
    return "sent"


def plan_debrief(booking: Booking) -> None:
    """Called whenever a session's reminders are planned: the debrief nudge a day after."""
    if booking.state == Booking.State.CONFIRMED:
        remind_debrief.using(run_after=booking.end + settings.DEBRIEF_REMINDER_AFTER).enqueue(
            booking.pk, booking.end.isoformat()
        )


def plan_check_in(item: ActionItem) -> None:
    """The check-in goes out on the morning of the due date, in the owner's time zone."""
    if item.due is None or item.state != ActionItem.State.OPEN:
        return
    from zoneinfo import ZoneInfo

    zone = ZoneInfo(item.owner.profile.time_zone)
    at = datetime.combine(item.due, datetime.min.time(), zone).replace(hour=9)
    check_in.using(run_after=max(at, timezone.now())).enqueue(item.pk, item.due.isoformat())
