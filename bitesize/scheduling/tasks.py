"""Background work of scheduling. Tasks re-read the booking and act only if it is still
in the state they were planned for: a task is safe to run twice or after a change."""

from __future__ import annotations

from datetime import datetime

from django.db import IntegrityError, transaction
from django_tasks import task

from bitesize.notifications.services import deliver_mail, notify
from bitesize.scheduling.messages import reminder_mail
from bitesize.scheduling.models import Booking, ReminderSent
from bitesize.scheduling.services import booking_expire


@task()
def send_reminder(booking_id: int, kind: str, start_iso: str) -> str:
    start = datetime.fromisoformat(start_iso)
    booking = (
        Booking.objects.select_related("mentor__profile", "mentee__profile")
        .filter(pk=booking_id)
        .first()
    )
    if booking is None or booking.state != Booking.State.CONFIRMED or booking.start != start:
        return "stale"
    try:
        with transaction.atomic():
            # The unique row is the claim: a second run of this reminder fails here and sends
            # nothing. The mail goes out inside the same transaction, so a crash before the
            # commit leaves no claim behind and the retry sends it.
            ReminderSent.objects.create(booking=booking, kind=kind, start=start)
            for person in (booking.mentor, booking.mentee):
                mail = reminder_mail(booking, person, kind)
                deliver_mail({"to": person.email, "subject": mail.subject, "body": mail.body})
                notify(
                    user=person,
                    kind=f"booking.reminder.{kind}",
                    title=mail.subject,
                    url=f"/sessions/{booking.pk}/",
                )
    except IntegrityError:
        return "already sent"
    return "sent"


@task()
def expire_request(booking_id: int) -> str:
    booking = Booking.objects.filter(pk=booking_id).first()
    if booking is None:
        return "gone"
    return "expired" if booking_expire(booking=booking) else "answered"
