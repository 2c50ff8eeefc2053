"""Sessions in a given state for recognition tests, written straight to the database."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bitesize.accounts.models import User
from bitesize.debriefs.models import Rating
from bitesize.rooms.models import Attendance
from bitesize.scheduling.models import Booking, BookingEvent

MONDAY = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def session(
    mentor: User,
    mentee: User,
    *,
    start: datetime = MONDAY,
    minutes: int = 30,
    state: str = Booking.State.COMPLETED,
    confirmed: tuple[User, ...] | None = None,
    attended: tuple[User, ...] | None = None,
    late_by: int = 0,
    **fields: object,
) -> Booking:
    """A session; by default held in full: both confirmed, both in the room from the start."""
    booking = Booking.objects.create(
        mentor=mentor,
        mentee=mentee,
        start=start,
        end=start + timedelta(minutes=minutes),
        question="How do I upgrade Kubernetes without downtime?",
        state=state,
        **fields,
    )
    BookingEvent.objects.create(booking=booking, kind=BookingEvent.Kind.REQUESTED, actor=mentee)
    for person in (mentor, mentee) if confirmed is None else confirmed:
        Rating.objects.create(booking=booking, author=person, took_place=True, stars=5)
    for person in (mentor, mentee) if attended is None else attended:
        joined = start + timedelta(minutes=late_by if person == mentee else 0)
        Attendance.objects.create(
            booking=booking,
            user=person,
            joined_at=joined,
            left_at=start + timedelta(minutes=minutes),
        )
    return booking
