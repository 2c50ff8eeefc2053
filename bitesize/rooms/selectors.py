"""Reads for the room: who may enter, when it is open, who was there and for how long."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import F, Q
from django.http import Http404
from django.utils import timezone

from bitesize.accounts.models import User
from bitesize.profiles.choices import Format
from bitesize.rooms.models import Attendance, RoomGuest, RoomMessage, RoomState, WrittenAnswer
from bitesize.scheduling.models import Booking

OPENS_BEFORE = timedelta(minutes=5)
# After the booked end the room stays open a while for the last words and the notes.
STAYS_OPEN = timedelta(minutes=30)
Interval = tuple[datetime, datetime]


def access_room_by_id(user: User, booking_id: int) -> Booking:
    """A room is its booking's two people's, and an invited guest's; anyone else gets 404."""
    if not user.is_authenticated:
        raise Http404("No such room.")
    booking = (
        Booking.objects.filter(
            Q(mentor=user) | Q(mentee=user) | Q(room_guests__user=user), pk=booking_id
        )
        .select_related("mentor__profile", "mentee__profile")
        .distinct()
        .first()
    )
    if booking is None:
        raise Http404("No such room.")
    return booking


def role_of(booking: Booking, user_id: int) -> str:
    if user_id == booking.mentor_id:
        return "mentor"
    return "mentee" if user_id == booking.mentee_id else "guest"


@dataclass(frozen=True)
class Window:
    opens: datetime
    closes: datetime

    def state(self, now: datetime) -> str:
        return "early" if now < self.opens else "closed" if now >= self.closes else "open"


def room_window(booking: Booking) -> Window:
    return Window(booking.start - OPENS_BEFORE, booking.end + STAYS_OPEN)


def room_is_open(booking: Booking, now: datetime | None = None) -> bool:
    now = now or timezone.now()
    return booking.state == Booking.State.CONFIRMED and room_window(booking).state(now) == "open"


def room_state_of(booking: Booking) -> RoomState | None:
    return RoomState.objects.filter(booking=booking).first()


def recent_messages(booking: Booking, limit: int = 200) -> list[RoomMessage]:
    rows = (
        RoomMessage.objects.filter(booking=booking)
        .select_related("author__profile")
        .order_by("-created_at", "-id")[:limit]
    )
    return list(reversed(rows))


def guests_of(booking: Booking) -> list[RoomGuest]:
    return list(RoomGuest.objects.filter(booking=booking).select_related("user__profile"))


# --- attendance -----------------------------------------------------------------------------
def union(intervals: Iterable[Interval]) -> list[Interval]:
    merged: list[Interval] = []
    for start, end in sorted(intervals):
        if end <= start:
            continue
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def overlap(a: Iterable[Interval], b: Iterable[Interval]) -> timedelta:
    """How long both were present: the intersection of two people's presence."""
    total = timedelta()
    left, right = union(a), union(b)
    i = j = 0
    while i < len(left) and j < len(right):
        start = max(left[i][0], right[j][0])
        end = min(left[i][1], right[j][1])
        if end > start:
            total += end - start
        if left[i][1] < right[j][1]:
            i += 1
        else:
            j += 1
    return total


def presence(booking: Booking, now: datetime | None = None) -> dict[int, list[Interval]]:
    """Each person's time in the room. A connection still open counts until now, and never
    past the room's closing (a server that crashed never wrote its leave time)."""
    now = now or timezone.now()
    cap = min(now, room_window(booking).closes)
    found: dict[int, list[Interval]] = {booking.mentor_id: [], booking.mentee_id: []}
    rows = Attendance.objects.filter(booking=booking).values_list("user_id", "joined_at", "left_at")
    for user_id, joined, left in rows:
        found.setdefault(user_id, []).append((joined, min(left or cap, cap)))
    return found


def mentoring_minutes(booking: Booking, now: datetime | None = None) -> int:
    """Minutes the mentor and the mentee were in the room together; for a written answer
    given in time, the booked length instead: the mentor spent that time writing."""
    if booking.format == Format.WRITTEN and answered_in_time(booking):
        return booking.minutes
    times = presence(booking, now)
    both = overlap(times[booking.mentor_id], times[booking.mentee_id])
    return int(both.total_seconds() // 60)


def joined(booking: Booking) -> set[int]:
    return set(Attendance.objects.filter(booking=booking).values_list("user_id", flat=True))


# --- written answers --------------------------------------------------------------------------
def answer_window(booking: Booking) -> Window:
    """The agreed time for a written answer: the booked time itself."""
    return Window(booking.start, booking.end)


def written_answer_of(booking: Booking) -> WrittenAnswer | None:
    return WrittenAnswer.objects.filter(booking=booking).first()


def answered_in_time(booking: Booking) -> bool:
    """A written answer was given by the end of the booked time. The service takes answers
    only within the booked time, so one given before the start was given in the time the
    session had before it was moved, and counts too."""
    return WrittenAnswer.objects.filter(booking=booking, submitted_at__lte=booking.end).exists()


def answered_in_time_ids(booking_ids: Iterable[int]) -> set[int]:
    """Of these bookings, the ones with a written answer given by the end of their booked
    time (see answered_in_time)."""
    return set(
        WrittenAnswer.objects.filter(
            booking_id__in=list(booking_ids),
            booking__format=Format.WRITTEN,
            submitted_at__lte=F("booking__end"),
        ).values_list("booking_id", flat=True)
    )
