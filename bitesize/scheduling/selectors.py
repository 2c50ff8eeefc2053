"""Reads for scheduling: a mentor's schedule as the pure slot functions take it, the busy
times of a person, and access-checked bookings."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.db.models import Q, QuerySet
from django.http import Http404

from bitesize.accounts.models import User
from bitesize.profiles.models import Profile
from bitesize.scheduling import slots
from bitesize.scheduling.models import (
    Availability,
    Booking,
    BookingSeat,
    BusyTime,
    DateOverride,
    WeeklyRule,
)


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


POLICY_COLUMNS = (
    "user_id",
    "buffer_before",
    "buffer_after",
    "min_notice",
    "horizon_days",
    "max_per_day",
    "step",
    "paused_until",
)


def schedules_for(mentor_ids: list[int]) -> dict[int, Schedule]:
    """Schedules of many mentors in four queries of plain values (matching asks for hundreds
    at a time, so no model instances are built)."""
    profiles = {
        user_id: (zone, lengths, capacity)
        for user_id, zone, lengths, capacity in Profile.objects.filter(
            user_id__in=mentor_ids
        ).values_list("user_id", "time_zone", "session_lengths", "weekly_capacity")
    }
    defaults = Availability()
    policies = {
        row[0]: row
        for row in Availability.objects.filter(user_id__in=mentor_ids).values_list(*POLICY_COLUMNS)
    }
    rules: dict[int, list[slots.WeeklyRule]] = {}
    for user_id, weekday, start, end in WeeklyRule.objects.filter(
        availability__user_id__in=mentor_ids
    ).values_list("availability__user_id", "weekday", "start", "end"):
        rules.setdefault(user_id, []).append(slots.WeeklyRule(weekday, start, end))
    days: dict[int, dict[date, list[tuple[time, time]]]] = {}
    for user_id, day, opens, closes in DateOverride.objects.filter(
        availability__user_id__in=mentor_ids
    ).values_list("availability__user_id", "day", "start", "end"):
        spans = days.setdefault(user_id, {}).setdefault(day, [])
        if opens is not None and closes is not None:
            spans.append((opens, closes))
    result = {}
    for mentor_id, (zone, lengths, capacity) in profiles.items():
        _, before, after, notice, horizon, per_day, step, paused = policies.get(mentor_id) or (
            mentor_id,
            defaults.buffer_before,
            defaults.buffer_after,
            defaults.min_notice,
            defaults.horizon_days,
            defaults.max_per_day,
            defaults.step,
            defaults.paused_until,
        )
        result[mentor_id] = Schedule(
            mentor_id=mentor_id,
            zone=zone,
            rules=tuple(rules.get(mentor_id, ())),
            overrides=tuple(
                slots.DateOverride(day, tuple(spans))
                for day, spans in sorted(days.get(mentor_id, {}).items())
            ),
            policy=slots.Policy(
                zone=zone,
                buffer_before=timedelta(minutes=before),
                buffer_after=timedelta(minutes=after),
                min_notice=timedelta(minutes=notice),
                horizon=timedelta(days=horizon),
                max_per_day=per_day,
                max_per_week=capacity,
                step=timedelta(minutes=step),
            ),
            lengths=tuple(lengths),
            paused_until=paused,
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


def earliest_mutual_slots(
    *,
    mentor_ids: list[int],
    mentee_id: int,
    minutes: int,
    now: datetime,
    within: timedelta = timedelta(days=14),
) -> dict[int, datetime | None]:
    """For each mentor, the first slot of `minutes` that suits them and the mentee within the
    window, or None. Matching calls this for its candidates: a fixed number of queries
    however many mentors, then the pure slot search per mentor."""
    from bitesize.scheduling import slots as slot_search

    schedules = schedules_for(mentor_ids)
    window = (now - timedelta(days=8), now + within + timedelta(days=1))
    people = [*schedules, mentee_id]
    held = held_intervals(people, *window)
    busy = calendar_busy(people, *window)
    booked = mentor_booked(list(schedules), *window)
    mentee_busy = [*held[mentee_id], *busy[mentee_id]]
    found: dict[int, datetime | None] = dict.fromkeys(mentor_ids)
    for mentor_id, schedule in schedules.items():
        if mentor_id == mentee_id or minutes not in schedule.lengths:
            continue
        start = now
        if schedule.paused_until:
            start = max(
                now,
                datetime.combine(
                    schedule.paused_until + timedelta(days=1),
                    datetime.min.time(),
                    tzinfo=ZoneInfo(schedule.zone),
                ),
            )
        found[mentor_id] = slot_search.earliest_slot(
            rules=schedule.rules,
            overrides=schedule.overrides,
            policy=schedule.policy,
            duration=timedelta(minutes=minutes),
            booked=booked[mentor_id],
            busy=[*held[mentor_id], *busy[mentor_id], *mentee_busy],
            now=now,
            start=start,
            end=now + within,
        )
    return found
