"""Reads for scheduling: a mentor's schedule as the pure slot functions take it, the busy
times of a person, and access-checked bookings."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db.models import Q, QuerySet
from django.http import Http404

from bitesize.accounts.models import User
from bitesize.profiles.models import Profile
from bitesize.scheduling import slots
from bitesize.scheduling.models import Availability, Booking, BookingSeat, BusyTime


@dataclass(frozen=True)
class Schedule:
    """Everything slot search needs to know about one mentor."""

    mentor_id: int
    zone: str
    rules: tuple[slots.WeeklyRule, ...]
    overrides: tuple[slots.DateOverride, ...]
    policy: slots.Policy
    lengths: tuple[int, ...]
    paused_until: date | None


def schedules_for(mentor_ids: list[int]) -> dict[int, Schedule]:
    """Schedules of many mentors in a fixed number of queries."""
    profiles = {
        p.user_id: p
        for p in Profile.objects.filter(user_id__in=mentor_ids).only(
            "user_id", "time_zone", "session_lengths", "weekly_capacity"
        )
    }
    availabilities = {
        a.user_id: a
        for a in Availability.objects.filter(user_id__in=mentor_ids).prefetch_related(
            "rules", "overrides"
        )
    }
    result = {}
    for mentor_id in mentor_ids:
        profile = profiles.get(mentor_id)
        if profile is None:
            continue
        availability = availabilities.get(mentor_id) or Availability(user_id=mentor_id)
        rules = (
            tuple(slots.WeeklyRule(r.weekday, r.start, r.end) for r in availability.rules.all())
            if availability.pk
            else ()
        )
        by_day: dict[object, list[tuple[object, object]]] = {}
        if availability.pk:
            for o in availability.overrides.all():
                by_day.setdefault(o.day, [])
                if o.start is not None:
                    by_day[o.day].append((o.start, o.end))
        overrides = tuple(
            slots.DateOverride(day, tuple(spans))  # type: ignore[arg-type]
            for day, spans in sorted(by_day.items())  # type: ignore[type-var]
        )
        policy = slots.Policy(
            zone=profile.time_zone,
            buffer_before=timedelta(minutes=availability.buffer_before),
            buffer_after=timedelta(minutes=availability.buffer_after),
            min_notice=timedelta(minutes=availability.min_notice),
            horizon=timedelta(days=availability.horizon_days),
            max_per_day=availability.max_per_day,
            max_per_week=profile.weekly_capacity,
            step=timedelta(minutes=availability.step),
        )
        result[mentor_id] = Schedule(
            mentor_id=mentor_id,
            zone=profile.time_zone,
            rules=rules,
            overrides=overrides,
            policy=policy,
            lengths=tuple(profile.session_lengths),
            paused_until=availability.paused_until,
        )
    return result


def schedule_for(mentor: User) -> Schedule:
    found = schedules_for([mentor.pk])
    if mentor.pk not in found:
        raise Http404("No such mentor.")
    return found[mentor.pk]


def held_intervals(
    user_ids: list[int], start: datetime, end: datetime, *, exclude_booking: int | None = None
) -> dict[int, list[slots.Interval]]:
    """Each person's sessions that hold time in the window (as mentor or mentee)."""
    seats = BookingSeat.objects.filter(
        user_id__in=user_ids, holding=True, start__lt=end, end__gt=start
    )
    if exclude_booking is not None:
        seats = seats.exclude(booking_id=exclude_booking)
    held: dict[int, list[slots.Interval]] = {uid: [] for uid in user_ids}
    for user_id, s, e in seats.values_list("user_id", "start", "end"):
        held[user_id].append((s, e))
    return held


def mentor_booked(
    user_ids: list[int], start: datetime, end: datetime, *, exclude_booking: int | None = None
) -> dict[int, list[slots.Interval]]:
    """Sessions each person mentors in the window: they carry buffers and count to limits."""
    bookings = Booking.objects.filter(
        mentor_id__in=user_ids, state__in=Booking.HOLDING, start__lt=end, end__gt=start
    )
    if exclude_booking is not None:
        bookings = bookings.exclude(pk=exclude_booking)
    booked: dict[int, list[slots.Interval]] = {uid: [] for uid in user_ids}
    for mentor_id, s, e in bookings.values_list("mentor_id", "start", "end"):
        booked[mentor_id].append((s, e))
    return booked


def calendar_busy(
    user_ids: list[int], start: datetime, end: datetime
) -> dict[int, list[slots.Interval]]:
    busy: dict[int, list[slots.Interval]] = {uid: [] for uid in user_ids}
    rows = BusyTime.objects.filter(user_id__in=user_ids, start__lt=end, end__gt=start)
    for user_id, s, e in rows.values_list("user_id", "start", "end"):
        busy[user_id].append((s, e))
    return busy


def bookings_of(user: User) -> QuerySet[Booking]:
    return Booking.objects.filter(Q(mentor=user) | Q(mentee=user)).select_related(
        "mentor__profile", "mentee__profile"
    )


def access_booking_by_id(user: User, booking_id: int) -> Booking:
    """A booking is its two people's alone: anyone else gets 404."""
    booking = bookings_of(user).filter(pk=booking_id).first()
    if booking is None:
        raise Http404("No such booking.")
    return booking
