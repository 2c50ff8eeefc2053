"""Slot computation for bookings: pure functions over UTC intervals, no ORM.

Availability is written in the mentor's wall-clock time and expanded one local day at a time
with zoneinfo; everything after that (busy times, buffers, limits, step alignment) is interval
arithmetic in UTC (DESIGN.md §6).

Wall-clock times are turned into instants by one rule, used everywhere: a repeated time (the
hour clocks fall back over) means its first occurrence, and a skipped time (the hour clocks
jump over) means the instant of the jump. So 00:00–03:00 on a day whose midnight is skipped
covers 01:00–03:00, and a rule across a repeated hour lasts the real elapsed time.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

__all__ = [
    "DateOverride",
    "Interval",
    "Policy",
    "WeeklyRule",
    "available_intervals",
    "earliest_slot",
    "free_slots",
    "mutual_slots",
    "subtract",
]

Interval = tuple[datetime, datetime]
"""Aware UTC datetimes, start < end, half-open [start, end)."""

_ZERO = timedelta(0)
_SECOND = timedelta(seconds=1)
_DAY = timedelta(days=1)
_MIDNIGHT = time(0)


@dataclass(frozen=True)
class WeeklyRule:
    """Open hours on one weekday, in the mentor's wall-clock time.

    weekday: 0 = Monday … 6 = Sunday. An end at or before the start runs past midnight into
    the next day (22:00–02:00); time(0) as the end means midnight.
    """

    weekday: int
    start: time
    end: time

    def __post_init__(self) -> None:
        if not 0 <= self.weekday <= 6:
            raise ValueError(f"weekday must be 0 (Monday) to 6 (Sunday), got {self.weekday}")
        _check_wall_times(self.start, self.end)


@dataclass(frozen=True)
class DateOverride:
    """Open hours that replace the weekly rules of one local date; () is a day off."""

    day: date
    intervals: tuple[tuple[time, time], ...]

    def __post_init__(self) -> None:
        for start, end in self.intervals:
            _check_wall_times(start, end)


@dataclass(frozen=True)
class Policy:
    """How a mentor's open hours turn into bookable slots."""

    zone: str
    buffer_before: timedelta = timedelta(0)
    buffer_after: timedelta = timedelta(0)
    min_notice: timedelta = timedelta(hours=4)
    horizon: timedelta = timedelta(days=30)
    max_per_day: int | None = None
    max_per_week: int | None = None
    step: timedelta = timedelta(minutes=15)

    def __post_init__(self) -> None:
        _zone(self.zone)
        if self.step <= _ZERO:
            raise ValueError(f"step must be positive, got {self.step}")
        if self.buffer_before < _ZERO or self.buffer_after < _ZERO:
            raise ValueError("buffers cannot be negative")
        for name in ("max_per_day", "max_per_week"):
            value = getattr(self, name)
            if value is not None and value < 0:
                raise ValueError(f"{name} cannot be negative, got {value}")


def available_intervals(
    rules: Sequence[WeeklyRule],
    overrides: Sequence[DateOverride],
    zone: str,
    start: datetime,
    end: datetime,
) -> list[Interval]:
    """Open hours in [start, end), in UTC, sorted and merged."""
    start = _as_utc(start, "start")
    end = _as_utc(end, "end")
    hours = _OpenHours(rules, overrides, zone)
    return hours.between(start, end) if start < end else []


def subtract(intervals: Sequence[Interval], busy: Sequence[Interval]) -> list[Interval]:
    """What is left of `intervals` outside every `busy` interval, sorted and merged."""
    blocked = _merge(_as_intervals(busy, "busy"))
    return _cut(_merge(_as_intervals(intervals, "intervals")), blocked, _ends(blocked))


def free_slots(
    *,
    rules: Sequence[WeeklyRule],
    overrides: Sequence[DateOverride],
    policy: Policy,
    duration: timedelta,
    booked: Sequence[Interval],
    busy: Sequence[Interval],
    now: datetime,
    start: datetime | None = None,
    end: datetime | None = None,
    limit: int | None = None,
) -> list[datetime]:
    """Start times (UTC) of free slots of `duration` for a mentor, earliest first.

    booked: the mentor's own sessions; each blocks itself widened by the buffers, keeps the
    slot's own buffers clear, and counts toward the limits of the local day and ISO week it
    starts in. busy: anything else that blocks, without buffers and without counting.
    The window [max(start or now, now + min_notice), min(end, now + horizon)) bounds the slot
    starts; a slot may run past the window's end if the open hours allow it.
    """
    if limit is not None and limit < 0:
        raise ValueError(f"limit cannot be negative, got {limit}")
    found: list[datetime] = []
    if limit == 0:
        return found
    for slot in _slot_starts(
        rules=rules,
        overrides=overrides,
        policy=policy,
        duration=duration,
        booked=booked,
        busy=busy,
        now=now,
        start=start,
        end=end,
    ):
        found.append(slot)
        if len(found) == limit:
            break
    return found


def earliest_slot(
    *,
    rules: Sequence[WeeklyRule],
    overrides: Sequence[DateOverride],
    policy: Policy,
    duration: timedelta,
    booked: Sequence[Interval],
    busy: Sequence[Interval],
    now: datetime,
    start: datetime | None = None,
    end: datetime | None = None,
) -> datetime | None:
    """The first free slot, or None; scans day by day and stops at the first one."""
    slots = _slot_starts(
        rules=rules,
        overrides=overrides,
        policy=policy,
        duration=duration,
        booked=booked,
        busy=busy,
        now=now,
        start=start,
        end=end,
    )
    return next(slots, None)


def mutual_slots(
    *,
    mentor_rules: Sequence[WeeklyRule],
    mentor_overrides: Sequence[DateOverride],
    policy: Policy,
    duration: timedelta,
    mentor_booked: Sequence[Interval],
    mentee_busy: Sequence[Interval],
    other_busy: Sequence[Interval] = (),
    now: datetime,
    start: datetime | None = None,
    end: datetime | None = None,
    limit: int | None = None,
) -> list[datetime]:
    """Slots that suit the mentor and leave the mentee's sessions and busy times alone."""
    return free_slots(
        rules=mentor_rules,
        overrides=mentor_overrides,
        policy=policy,
        duration=duration,
        booked=mentor_booked,
        busy=[*mentee_busy, *other_busy],
        now=now,
        start=start,
        end=end,
        limit=limit,
    )


def _slot_starts(
    *,
    rules: Sequence[WeeklyRule],
    overrides: Sequence[DateOverride],
    policy: Policy,
    duration: timedelta,
    booked: Sequence[Interval],
    busy: Sequence[Interval],
    now: datetime,
    start: datetime | None,
    end: datetime | None,
) -> Iterator[datetime]:
    # Validation happens here, before the generator, so bad input fails at the call site.
    if duration <= _ZERO:
        raise ValueError(f"duration must be positive, got {duration}")
    now = _as_utc(now, "now")
    first = now + policy.min_notice
    if start is not None:
        first = max(first, _as_utc(start, "start"))
    stop = now + policy.horizon
    if end is not None:
        stop = min(stop, _as_utc(end, "end"))
    own = _as_intervals(booked, "booked")
    # Widening by the larger buffer on both sides is exactly "the booking's buffers stay
    # clear of the slot and the slot's buffers stay clear of the booking".
    margin = max(policy.buffer_before, policy.buffer_after)
    blocked = _merge([(a - margin, b + margin) for a, b in own] + _as_intervals(busy, "busy"))
    limits = _Limits(own, policy)
    hours = _OpenHours(rules, overrides, policy.zone)
    return _scan(hours, blocked, limits, policy, duration, first, stop)


def _scan(
    hours: _OpenHours,
    blocked: list[Interval],
    limits: _Limits,
    policy: Policy,
    duration: timedelta,
    first: datetime,
    stop: datetime,
) -> Iterator[datetime]:
    if not hours.weekly and not hours.dated:
        return
    ends = _ends(blocked)
    day = first.astimezone(hours.zone).date()
    # One local day at a time, so earliest_slot pays only for the days before its answer.
    while True:
        local = _local_day(policy.zone, day)
        if local.start >= stop:
            return
        lo, hi = max(first, local.start), min(stop, local.end)
        i = bisect_right(ends, lo)
        if i < len(blocked) and blocked[i][0] <= lo:
            # No slot starts inside a block, so leap to its end: a mentor away for three
            # weeks costs one step, not twenty-one days of expansion.
            first = blocked[i][1]
            day = max(day, first.astimezone(hours.zone).date())
            continue
        if lo < hi and not limits.closes(day):
            # Slots starting today may end tomorrow, so look `duration` past the day.
            for a, b in _cut(hours.between(lo, hi + duration), blocked, ends):
                yield from _aligned(local, a, b - duration, hi, policy.step)
        day += _DAY


def _aligned(
    day: _LocalDay, lo: datetime, latest: datetime, before: datetime, step: timedelta
) -> Iterator[datetime]:
    """Starts in [lo, latest] and before `before` whose wall-clock time is a step multiple."""
    for piece_start, piece_end, anchor in day.pieces:
        edge = min(before, piece_end)
        slot = max(lo, piece_start)
        if slot >= edge or slot > latest:
            continue
        # Round up to the next step from the anchor: no per-minute probing, and the anchor
        # already carries the offset, so +05:45 lands on :15, :30, :45 and :00 UTC.
        slot = anchor - ((anchor - slot) // step) * step
        while slot <= latest and slot < edge:
            yield slot
            slot += step


class _Limits:
    """Which local days max_per_day and max_per_week close, from the mentor's bookings."""

    def __init__(self, own: list[Interval], policy: Policy) -> None:
        self.max_per_day = policy.max_per_day
        self.max_per_week = policy.max_per_week
        self.per_day: dict[date, int] = {}
        # Keyed by the week's Monday, which names the ISO week as well as (year, week) does.
        self.per_week: dict[date, int] = {}
        if self.max_per_day is None and self.max_per_week is None:
            return
        zone = _zone(policy.zone)
        for a, _ in own:
            day = a.astimezone(zone).date()
            self.per_day[day] = self.per_day.get(day, 0) + 1
            monday = _monday(day)
            self.per_week[monday] = self.per_week.get(monday, 0) + 1

    def closes(self, day: date) -> bool:
        if self.max_per_day is not None and self.per_day.get(day, 0) >= self.max_per_day:
            return True
        return (
            self.max_per_week is not None
            and self.per_week.get(_monday(day), 0) >= self.max_per_week
        )


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


class _OpenHours:
    """A mentor's weekly rules and overrides, expanded to UTC on demand."""

    def __init__(
        self, rules: Sequence[WeeklyRule], overrides: Sequence[DateOverride], zone: str
    ) -> None:
        self.zone_name = zone
        self.zone = _zone(zone)
        weekly: dict[int, list[tuple[time, time]]] = {}
        for rule in rules:
            weekly.setdefault(rule.weekday, []).append((rule.start, rule.end))
        # Sorted tuples make equal schedules share entries in the _expand cache.
        self.weekly = {weekday: tuple(sorted(pairs)) for weekday, pairs in weekly.items()}
        dated: dict[date, list[tuple[time, time]]] = {}
        for override in overrides:
            dated.setdefault(override.day, []).extend(override.intervals)
        self.dated = {day: tuple(sorted(pairs)) for day, pairs in dated.items()}

    def of_day(self, day: date) -> tuple[Interval, ...]:
        """The hours of the rules that start on `day`, including their tails past midnight."""
        pairs = self.dated.get(day)
        if pairs is None:
            pairs = self.weekly.get(day.weekday(), ())
        return _expand(self.zone_name, day, pairs) if pairs else ()

    def between(self, start: datetime, end: datetime) -> list[Interval]:
        # A rule lasts at most 24 hours, so only the day before `start` can reach into it.
        day = start.astimezone(self.zone).date() - _DAY
        last = end.astimezone(self.zone).date()
        spans: list[Interval] = []
        while day <= last:
            for a, b in self.of_day(day):
                if a < end and b > start:
                    spans.append((max(a, start), min(b, end)))
            day += _DAY
        return _merge(spans)


@dataclass(frozen=True, slots=True)
class _LocalDay:
    """One local date in UTC: [start, end), cut where the offset changes.

    Each piece carries the instant its offset would put at local midnight, from which the
    step-aligned wall-clock times of that piece are whole steps away.
    """

    start: datetime
    end: datetime
    pieces: tuple[tuple[datetime, datetime, datetime], ...]


@lru_cache(maxsize=8192)
def _local_day(zone_name: str, day: date) -> _LocalDay:
    zone = _zone(zone_name)
    start = _wall_to_utc(datetime.combine(day, _MIDNIGHT), zone)
    end = _wall_to_utc(datetime.combine(day + _DAY, _MIDNIGHT), zone)
    midnight = datetime.combine(day, _MIDNIGHT, tzinfo=UTC)
    pieces = []
    piece_start = start
    # A DST change moves the UTC instant of "09:00" by the change, so each offset needs its
    # own anchor; checking the offset at both ends costs two lookups on ordinary days.
    while piece_start < end:
        offset = _offset(zone, piece_start)
        piece_end = end
        if _offset(zone, end - _SECOND) != offset:
            piece_end = _transition(zone, piece_start, end - _SECOND)
        pieces.append((piece_start, piece_end, midnight - offset))
        piece_start = piece_end
    return _LocalDay(start, end, tuple(pieces))


@lru_cache(maxsize=16384)
def _expand(
    zone_name: str, day: date, pairs: tuple[tuple[time, time], ...]
) -> tuple[Interval, ...]:
    zone = _zone(zone_name)
    spans = []
    for start, end in pairs:
        a = _wall_to_utc(datetime.combine(day, start), zone)
        b = _wall_to_utc(datetime.combine(day if end > start else day + _DAY, end), zone)
        if a < b:
            spans.append((a, b))
    return tuple(_merge(spans))


def _wall_to_utc(wall: datetime, zone: ZoneInfo) -> datetime:
    """The first instant the clock in `zone` shows `wall`, or the jump over it if skipped."""
    first = wall.replace(tzinfo=zone).astimezone(UTC)
    if first.astimezone(zone).replace(tzinfo=None) == wall:
        return first
    # In a gap fold=1 applies the later offset, which lands just before the jump.
    before = wall.replace(tzinfo=zone, fold=1).astimezone(UTC)
    return _transition(zone, before, first)


def _transition(zone: ZoneInfo, before: datetime, after: datetime) -> datetime:
    """The first whole second in (before, after] whose offset differs from before's."""
    offset = _offset(zone, before)
    # zoneinfo does not expose its transitions; tzdata puts them on whole seconds, so a
    # binary search over seconds finds the exact instant in under twenty lookups.
    base = before.replace(microsecond=0)
    seconds = (after - base) // _SECOND
    step = bisect_left(
        range(seconds + 1), True, key=lambda n: _offset(zone, base + n * _SECOND) != offset
    )
    return base + step * _SECOND


def _offset(zone: ZoneInfo, moment: datetime) -> timedelta:
    return moment.astimezone(zone).utcoffset() or _ZERO


@lru_cache(maxsize=1024)
def _zone(name: str) -> ZoneInfo:
    return ZoneInfo(name)


def _as_utc(moment: datetime, what: str) -> datetime:
    # Most callers already pass UTC; skipping astimezone for them matters for 200 mentors.
    if moment.tzinfo is UTC:
        return moment
    if moment.utcoffset() is None:
        raise ValueError(
            f"{what} must be an aware datetime, got naive {moment.isoformat()}; "
            "attach a tzinfo such as datetime.UTC"
        )
    return moment.astimezone(UTC)


def _as_intervals(items: Sequence[Interval], what: str) -> list[Interval]:
    spans = []
    for raw_start, raw_end in items:
        start, end = _as_utc(raw_start, what), _as_utc(raw_end, what)
        if end < start:
            raise ValueError(f"{what} interval ends before it starts: {start} > {end}")
        if start < end:
            spans.append((start, end))
    return spans


def _check_wall_times(start: time, end: time) -> None:
    if start.tzinfo is not None or end.tzinfo is not None:
        raise ValueError("open hours are wall-clock times in the mentor's zone; drop the tzinfo")


def _merge(spans: list[Interval]) -> list[Interval]:
    merged: list[Interval] = []
    for a, b in sorted(spans):
        # Touching spans join, so hours that run on past midnight fit a slot across it.
        if merged and a <= merged[-1][1]:
            if b > merged[-1][1]:
                merged[-1] = (merged[-1][0], b)
        else:
            merged.append((a, b))
    return merged


def _ends(blocked: list[Interval]) -> list[datetime]:
    return [b for _, b in blocked]


def _cut(spans: list[Interval], blocked: list[Interval], ends: list[datetime]) -> list[Interval]:
    """`spans` minus `blocked`; both sorted and merged, `ends` the ends of `blocked`."""
    left: list[Interval] = []
    for a, b in spans:
        # Merged blocks end in order, so bisect skips every block that ends before the span.
        i = bisect_right(ends, a)
        while a < b and i < len(blocked) and blocked[i][0] < b:
            if blocked[i][0] > a:
                left.append((a, blocked[i][0]))
            a = max(a, blocked[i][1])
            i += 1
        if a < b:
            left.append((a, b))
    return left
