"""Background work of the room: after the start, tell a no-show from a session that took
place by who joined the room."""

from __future__ import annotations

from datetime import datetime, timedelta

from django_tasks import task

from bitesize.rooms.services import room_detect_no_show
from bitesize.scheduling.models import Booking

# The scheduling rules allow a no-show from ten minutes after the start.
NO_SHOW_AFTER = timedelta(minutes=10)


@task()
def detect_no_show(booking_id: int, start_iso: str) -> str:
    booking = (
        Booking.objects.select_related("mentor__profile", "mentee__profile")
        .filter(pk=booking_id)
        .first()
    )
    if booking is None or booking.start != datetime.fromisoformat(start_iso):
        return "stale"
    return room_detect_no_show(booking=booking)
