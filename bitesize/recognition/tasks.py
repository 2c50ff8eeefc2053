"""Background work of recognition: bring a session's points and both people's badges up to
date. Idempotent, so the services that change a session enqueue it freely."""

from __future__ import annotations

from django.db import transaction
from django_tasks import task


@task()
def recognise_booking_task(booking_id: int) -> int:
    from bitesize.recognition.services import recognise_booking
    from bitesize.scheduling.models import Booking

    booking = Booking.objects.filter(pk=booking_id).first()
    if booking is None:
        return 0
    return len(recognise_booking(booking))


def recognise_later(booking_id: int | None) -> None:
    """Enqueue the recognition of a session once the current transaction commits."""
    if booking_id is not None:
        transaction.on_commit(lambda: recognise_booking_task.enqueue(booking_id))
