"""Slot computation: wall-clock rules across DST, odd offsets, buffers, limits and windows.

Pure functions, so no database. Unless a test says otherwise the mentor lives in UTC, works the
week of Monday 1 June 2026, and is asked on the Sunday before with no minimum notice.
"""

import random
from collections import Counter
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from itertools import pairwise
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import pytest

from bitesize.scheduling import slots
from bitesize.scheduling.slots import (
    DateOverride,
    Policy,
    WeeklyRule,
    available_intervals,
    earliest_slot,
    free_slots,
    mutual_slots,
    subtract,
)

MONDAY = date(2026, 6, 1)
TUESDAY = MONDAY + timedelta(days=1)
NOW = datetime(2026, 5, 31, 12, tzinfo=UTC)
QUARTER = timedelta(minutes=15)
HALF_HOUR = timedelta(minutes=30)
DAY = timedelta(days=1)
NINE_TO_NOON = [WeeklyRule(0, time(9), time(12))]


def utc(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=UTC)


def local(zone: str, day: date, hour: int, minute: int = 0, fold: int = 0) -> datetime:
    """The UTC instant of a wall-clock time; in UTC, because Python never finds a datetime in
    a repeated hour equal to one in another zone."""
    clock = datetime.combine(day, time(hour, minute, fold=fold), tzinfo=ZoneInfo(zone))
    return clock.astimezone(UTC)


def wall(moments: list[datetime], zone: str = "UTC") -> list[str]:
    return [moment.astimezone(ZoneInfo(zone)).strftime("%H:%M") for moment in moments]


def quarters(first: str, last: str) -> list[str]:
    start = datetime.strptime(first, "%H:%M")  # noqa: DTZ007 (only the clock face matters)
    count = (datetime.strptime(last, "%H:%M") - start) // QUARTER + 1  # noqa: DTZ007
    return [(start + n * QUARTER).strftime("%H:%M") for n in range(count)]


def slots_on(
    day: date,
    *,
    rules: list[WeeklyRule],
    zone: str = "UTC",
    overrides: list[DateOverride] | None = None,
    booked: list[slots.Interval] | None = None,
    busy: list[slots.Interval] | None = None,
    duration: timedelta = HALF_HOUR,
    now: datetime = NOW,
    **policy: Any,
) -> list[datetime]:
    """The free slots that start on `day` in the mentor's zone."""
    policy.setdefault("min_notice", timedelta(0))
    midnight = datetime.combine(day, time(), tzinfo=ZoneInfo(zone))
    return free_slots(
        rules=rules,
        overrides=overrides or [],
        policy=Policy(zone=zone, **policy),
        duration=duration,
        booked=booked or [],
        busy=busy or [],
        now=now,
        start=midnight,
        end=midnight + DAY,
    )


@lru_cache
def transitions(zone: str, year: int) -> list[tuple[datetime, timedelta, timedelta]]:
    """(instant, offset before, offset after) of each change of offset in `year`."""
    tz = ZoneInfo(zone)
    found = []
    moment = datetime(year, 1, 1, tzinfo=UTC)
    offset = offset_at(moment, tz)
    while moment.year == year:
        moment += QUARTER
        now_offset = offset_at(moment, tz)
        if now_offset != offset:
            found.append((moment, offset, now_offset))
            offset = now_offset
    return found


def offset_at(moment: datetime, tz: ZoneInfo) -> timedelta:
    offset = moment.astimezone(tz).utcoffset()
    assert offset is not None
    return offset


# --- DST ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("zone", "before", "after", "utc_hour_before", "utc_hour_after"),
    [
        pytest.param(
            "Europe/Berlin", date(2026, 3, 23), date(2026, 3, 30), 8, 7, id="berlin-29-march"
        ),
        pytest.param(
            "Europe/Berlin", date(2026, 10, 19), date(2026, 10, 26), 7, 8, id="berlin-25-oct"
        ),
        pytest.param(
            "America/New_York", date(2026, 3, 2), date(2026, 3, 9), 14, 13, id="ny-8-march"
        ),
        pytest.param(
            "America/New_York", date(2026, 10, 26), date(2026, 11, 2), 13, 14, id="ny-1-nov"
        ),
    ],
)
def test_monday_rule_keeps_nine_local_on_both_sides_of_a_dst_change(
    zone, before, after, utc_hour_before, utc_hour_after
):
    week = available_intervals(NINE_TO_NOON, [], zone, utc(before, 0), utc(after + DAY, 0))

    assert week == [
        (utc(before, utc_hour_before), utc(before, utc_hour_before + 3)),
        (utc(after, utc_hour_after), utc(after, utc_hour_after + 3)),
    ]
    for monday, hour in ((before, utc_hour_before), (after, utc_hour_after)):
        found = slots_on(monday, rules=NINE_TO_NOON, zone=zone, now=utc(before, 0) - DAY)
        assert found[0] == utc(monday, hour)
        assert wall(found, zone) == quarters("09:00", "11:30")


def test_rule_across_a_skipped_hour_lasts_the_real_elapsed_time():
    sunday = date(2026, 3, 29)
    rules = [WeeklyRule(6, time(1), time(4))]

    opened = available_intervals(rules, [], "Europe/Berlin", utc(sunday, 0), utc(sunday, 12))
    found = slots_on(sunday, rules=rules, zone="Europe/Berlin", now=utc(sunday, 0) - DAY)

    assert opened == [(utc(sunday, 0), utc(sunday, 2))]
    assert wall(found, "Europe/Berlin") == quarters("01:00", "01:45") + quarters("03:00", "03:30")


def test_santiago_skipped_midnight_leaves_only_the_hours_that_exist():
    zone = "America/Santiago"
    [(jump, before, _)] = [t for t in transitions(zone, 2026) if t[2] > t[1]]
    skipped = (jump + before).replace(tzinfo=None)
    assert skipped.time() == time(0), "Chile is expected to jump from 00:00 to 01:00"
    rules = [WeeklyRule(skipped.weekday(), time(0), time(3))]

    opened = available_intervals(rules, [], zone, jump - DAY, jump + DAY)
    found = slots_on(skipped.date(), rules=rules, zone=zone, now=jump - 2 * DAY)

    assert opened == [(jump, jump + timedelta(hours=2))]
    assert found[0] == jump
    assert wall(found, zone) == quarters("01:00", "02:30")
    # A slot at a skipped time would not survive the round trip through the wall clock.
    for slot in found:
        clock = slot.astimezone(ZoneInfo(zone)).replace(tzinfo=None)
        assert local(zone, clock.date(), clock.hour, clock.minute) == slot


def test_santiago_rule_ending_in_the_skipped_hour_ends_at_the_jump():
    zone = "America/Santiago"
    [(jump, before, _)] = [t for t in transitions(zone, 2026) if t[2] > t[1]]
    eve = (jump + before).date() - DAY
    rules = [WeeklyRule(eve.weekday(), time(22), time(0, 30))]

    opened = available_intervals(rules, [], zone, jump - DAY, jump + DAY)

    assert opened == [(local(zone, eve, 22), jump)]
    assert jump - local(zone, eve, 22) == timedelta(hours=2)


def test_santiago_repeated_hour_gives_each_slot_once_and_the_real_length():
    zone = "America/Santiago"
    [(back, _, after)] = [t for t in transitions(zone, 2026) if t[2] < t[1]]
    repeated = (back + after).replace(tzinfo=None)
    assert repeated.time() == time(23), "Chile is expected to repeat 23:00–24:00"
    day = repeated.date()
    rules = [WeeklyRule(day.weekday(), time(22), time(1))]

    opened = available_intervals(rules, [], zone, back - DAY, back + DAY)
    found = slots_on(day, rules=rules, zone=zone, now=back - 2 * DAY)
    found += slots_on(day + DAY, rules=rules, zone=zone, now=back - 2 * DAY)

    assert opened == [(local(zone, day, 22), local(zone, day + DAY, 1))]
    assert opened[0][1] - opened[0][0] == timedelta(hours=4)
    assert len(found) == len(set(found)) == 15
    assert all(b - a == QUARTER for a, b in pairwise(found))
    assert wall(found, zone).count("23:00") == 2


def test_a_repeated_wall_time_means_its_first_occurrence():
    zone = "America/Santiago"
    [(back, _, after)] = [t for t in transitions(zone, 2026) if t[2] < t[1]]
    day = (back + after).date()
    rules = [WeeklyRule(day.weekday(), time(22), time(23, 30))]

    opened = available_intervals(rules, [], zone, back - DAY, back + DAY)

    assert opened == [(local(zone, day, 22), local(zone, day, 23, 30, fold=0))]
    assert opened[0][1] < back


# --- Half- and quarter-hour zones -----------------------------------------------------------


@pytest.mark.parametrize(
    ("zone", "step", "expected_utc"),
    [
        ("Asia/Kolkata", 15, ["03:30", "03:45", "04:00", "04:15", "04:30"]),
        ("Asia/Kathmandu", 15, ["03:15", "03:30", "03:45", "04:00", "04:15"]),
        ("Asia/Kathmandu", 60, ["03:15", "04:15"]),
    ],
)
def test_odd_offset_zones_start_on_local_quarters(zone, step, expected_utc):
    rules = [WeeklyRule(0, time(9), time(10, 30))]

    found = slots_on(MONDAY, rules=rules, zone=zone, step=timedelta(minutes=step))

    assert wall(found) == expected_utc
    assert wall(found, zone)[0] == "09:00"


def test_unaligned_notice_rounds_up_to_the_next_local_quarter_in_kathmandu():
    zone = "Asia/Kathmandu"
    policy = Policy(zone=zone)

    found = earliest_slot(
        rules=NINE_TO_NOON,
        overrides=[],
        policy=policy,
        duration=HALF_HOUR,
        booked=[],
        busy=[],
        now=utc(MONDAY, 3, 20) - policy.min_notice,
    )

    assert found == utc(MONDAY, 3, 30)
    assert wall([found], zone) == ["09:15"]


# --- Buffers, bookings and busy times -------------------------------------------------------


@pytest.mark.parametrize(
    ("before", "after", "expected"),
    [
        (0, 0, [*quarters("09:00", "09:30"), *quarters("10:30", "11:30")]),
        (0, 15, [*quarters("09:00", "09:15"), *quarters("10:45", "11:30")]),
        (15, 0, [*quarters("09:00", "09:15"), *quarters("10:45", "11:30")]),
        (10, 20, ["09:00", *quarters("11:00", "11:30")]),
    ],
)
def test_buffers_keep_slots_and_bookings_apart_on_both_sides(before, after, expected):
    found = slots_on(
        MONDAY,
        rules=NINE_TO_NOON,
        booked=[(utc(MONDAY, 10), utc(MONDAY, 10, 30))],
        buffer_before=timedelta(minutes=before),
        buffer_after=timedelta(minutes=after),
    )

    assert wall(found) == expected


def test_buffers_may_stick_out_of_the_open_hours():
    found = slots_on(
        MONDAY,
        rules=[WeeklyRule(0, time(9), time(10))],
        buffer_before=QUARTER,
        buffer_after=QUARTER,
    )

    assert wall(found) == ["09:00", "09:15", "09:30"]


def test_busy_times_block_without_buffers():
    found = slots_on(
        MONDAY,
        rules=NINE_TO_NOON,
        busy=[(utc(MONDAY, 10), utc(MONDAY, 10, 30))],
        buffer_before=QUARTER,
        buffer_after=QUARTER,
    )

    assert wall(found) == [*quarters("09:00", "09:30"), *quarters("10:30", "11:30")]


def test_partial_overlaps_trim_the_open_hours():
    found = slots_on(
        MONDAY,
        rules=NINE_TO_NOON,
        busy=[(utc(MONDAY, 8, 30), utc(MONDAY, 9, 10))],
        booked=[(utc(MONDAY, 11, 50), utc(MONDAY, 12, 30))],
    )

    assert wall(found) == quarters("09:15", "11:15")


def test_back_to_back_bookings_block_as_one_and_an_exact_gap_stays_bookable():
    found = slots_on(
        MONDAY,
        rules=NINE_TO_NOON,
        booked=[
            (utc(MONDAY, 9), utc(MONDAY, 9, 30)),
            (utc(MONDAY, 9, 30), utc(MONDAY, 10)),
            (utc(MONDAY, 10, 30), utc(MONDAY, 11)),
        ],
    )

    assert wall(found) == ["10:00", *quarters("11:00", "11:30")]


# --- Window: notice, horizon, start and end -------------------------------------------------


def test_min_notice_hides_slots_that_start_too_soon():
    found = free_slots(
        rules=[WeeklyRule(0, time(9), time(17))],
        overrides=[],
        policy=Policy(zone="UTC", min_notice=timedelta(hours=4)),
        duration=HALF_HOUR,
        booked=[],
        busy=[],
        now=utc(MONDAY, 7),
        start=utc(MONDAY, 0),
        limit=1,
    )

    assert found == [utc(MONDAY, 11)]


def test_horizon_ends_the_search_and_is_exclusive():
    every_day = [WeeklyRule(weekday, time(9), time(10)) for weekday in range(7)]
    policy = Policy(zone="UTC", min_notice=timedelta(0), horizon=timedelta(days=2, hours=9))

    found = free_slots(
        rules=every_day,
        overrides=[],
        policy=policy,
        duration=HALF_HOUR,
        booked=[],
        busy=[],
        now=utc(MONDAY, 0),
    )

    assert {slot.date() for slot in found} == {MONDAY, TUESDAY}
    assert found[-1] == utc(TUESDAY, 9, 30)


def test_a_slot_may_start_just_before_the_window_end_and_run_past_it():
    found = free_slots(
        rules=NINE_TO_NOON,
        overrides=[],
        policy=Policy(zone="UTC", min_notice=timedelta(0)),
        duration=HALF_HOUR,
        booked=[],
        busy=[],
        now=NOW,
        start=utc(MONDAY, 8),
        end=utc(MONDAY, 9, 10),
    )

    assert found == [utc(MONDAY, 9)]


def test_limit_stops_after_that_many_slots():
    found = free_slots(
        rules=NINE_TO_NOON,
        overrides=[],
        policy=Policy(zone="UTC"),
        duration=HALF_HOUR,
        booked=[],
        busy=[],
        now=NOW,
        limit=3,
    )

    assert found == [utc(MONDAY, 9), utc(MONDAY, 9, 15), utc(MONDAY, 9, 30)]


# --- Limits ---------------------------------------------------------------------------------


def test_max_per_day_closes_a_full_day():
    rules = [WeeklyRule(0, time(9), time(17)), WeeklyRule(1, time(9), time(17))]
    booked = [(utc(MONDAY, 9), utc(MONDAY, 9, 30)), (utc(MONDAY, 13), utc(MONDAY, 13, 30))]

    assert slots_on(MONDAY, rules=rules, booked=booked, max_per_day=2) == []
    assert slots_on(TUESDAY, rules=rules, booked=booked, max_per_day=2)[0] == utc(TUESDAY, 9)
    assert slots_on(MONDAY, rules=rules, booked=booked, max_per_day=3)[0] == utc(MONDAY, 9, 30)


def test_max_per_day_counts_the_mentor_local_day():
    zone = "Asia/Tokyo"
    rules = [WeeklyRule(0, time(9), time(17)), WeeklyRule(1, time(9), time(17))]
    after_midnight_tuesday = [(utc(MONDAY, 15, 30), utc(MONDAY, 16))]

    monday = slots_on(MONDAY, rules=rules, zone=zone, booked=after_midnight_tuesday, max_per_day=1)
    tuesday = slots_on(
        TUESDAY, rules=rules, zone=zone, booked=after_midnight_tuesday, max_per_day=1
    )

    assert monday[0] == local(zone, MONDAY, 9)
    assert tuesday == []


def test_max_per_week_closes_the_iso_week_in_the_mentor_zone():
    zone = "America/Los_Angeles"
    sunday_evening = local(zone, MONDAY + 6 * DAY, 20)
    assert sunday_evening.date() == MONDAY + 7 * DAY
    every_day = [WeeklyRule(weekday, time(9), time(17)) for weekday in range(7)]

    found = earliest_slot(
        rules=every_day,
        overrides=[],
        policy=Policy(zone=zone, min_notice=timedelta(0), max_per_week=1),
        duration=HALF_HOUR,
        booked=[(sunday_evening, sunday_evening + HALF_HOUR)],
        busy=[],
        now=utc(MONDAY, 0),
    )

    assert found == local(zone, MONDAY + 7 * DAY, 9)


# --- Overrides and rules past midnight ------------------------------------------------------


def test_day_off_override_removes_the_weekly_hours():
    rules = [WeeklyRule(0, time(9), time(10)), WeeklyRule(1, time(9), time(10))]
    day_off = [DateOverride(MONDAY, ())]

    assert slots_on(MONDAY, rules=rules, overrides=day_off) == []
    assert wall(slots_on(TUESDAY, rules=rules, overrides=day_off)) == quarters("09:00", "09:30")


def test_override_adds_hours_on_a_day_without_rules():
    saturday = MONDAY + 5 * DAY
    extra = [DateOverride(saturday, ((time(10), time(11)),))]

    assert wall(slots_on(saturday, rules=NINE_TO_NOON, overrides=extra)) == quarters(
        "10:00", "10:30"
    )


def test_override_replaces_the_weekly_hours_of_its_own_day_only():
    afternoon = [DateOverride(MONDAY, ((time(14), time(15)),))]

    assert wall(slots_on(MONDAY, rules=NINE_TO_NOON, overrides=afternoon)) == quarters(
        "14:00", "14:30"
    )
    assert slots_on(MONDAY + 7 * DAY, rules=NINE_TO_NOON, overrides=afternoon)[0] == utc(
        MONDAY + 7 * DAY, 9
    )


def test_overrides_for_the_same_day_add_up():
    overrides = [
        DateOverride(MONDAY, ((time(9), time(10)),)),
        DateOverride(MONDAY, ((time(14), time(15)),)),
    ]

    opened = available_intervals(NINE_TO_NOON, overrides, "UTC", utc(MONDAY, 0), utc(TUESDAY, 0))

    assert opened == [(utc(MONDAY, 9), utc(MONDAY, 10)), (utc(MONDAY, 14), utc(MONDAY, 15))]


def test_rule_past_midnight_runs_into_the_next_day():
    friday, saturday = MONDAY + 4 * DAY, MONDAY + 5 * DAY
    rules = [WeeklyRule(4, time(22), time(2))]

    opened = available_intervals(rules, [], "UTC", utc(friday, 0), utc(saturday + DAY, 0))

    assert opened == [(utc(friday, 22), utc(saturday, 2))]
    assert wall(slots_on(saturday, rules=rules)) == quarters("00:00", "01:30")


def test_midnight_end_joins_the_next_days_hours_so_a_slot_can_span_midnight():
    rules = [WeeklyRule(0, time(20), time(0)), WeeklyRule(1, time(0), time(2))]

    opened = available_intervals(rules, [], "UTC", utc(MONDAY, 0), utc(TUESDAY + DAY, 0))

    assert opened == [(utc(MONDAY, 20), utc(TUESDAY, 2))]
    assert slots_on(MONDAY, rules=rules)[-1] == utc(MONDAY, 23, 45)


def test_rule_with_equal_start_and_end_lasts_a_whole_day():
    rules = [WeeklyRule(2, time(9), time(9))]
    wednesday = MONDAY + 2 * DAY

    opened = available_intervals(rules, [], "UTC", utc(MONDAY, 0), utc(MONDAY + 7 * DAY, 0))

    assert opened == [(utc(wednesday, 9), utc(wednesday + DAY, 9))]


def test_day_off_cancels_the_night_starting_that_day_not_the_one_before():
    nights = [WeeklyRule(0, time(22), time(2)), WeeklyRule(1, time(22), time(2))]
    tuesday_off = [DateOverride(TUESDAY, ())]

    opened = available_intervals(
        nights, tuesday_off, "UTC", utc(MONDAY, 0), utc(TUESDAY + 2 * DAY, 0)
    )

    assert opened == [(utc(MONDAY, 22), utc(TUESDAY, 2))]


# --- earliest_slot --------------------------------------------------------------------------

RANDOM_ZONES = (
    "Europe/Berlin",
    "America/New_York",
    "America/Santiago",
    "Asia/Kathmandu",
    "Asia/Kolkata",
    "Australia/Lord_Howe",
)


def random_case(seed: int) -> dict[str, Any]:
    """A random mentor, mostly around one of the zone's 2026 DST changes."""
    rng = random.Random(seed)
    zone = rng.choice(RANDOM_ZONES)
    changes = [moment for moment, _, _ in transitions(zone, 2026)] or [utc(MONDAY, 0)]
    now = rng.choice(changes) + timedelta(minutes=5 * rng.randrange(-4 * 288, 288))
    today = now.astimezone(ZoneInfo(zone)).date()

    def clock() -> time:
        return time(rng.randrange(24), rng.randrange(0, 60, 5))

    def spans(count: int) -> list[slots.Interval]:
        starts = [now + timedelta(minutes=5 * rng.randrange(-576, 2304)) for _ in range(count)]
        return [(s, s + timedelta(minutes=rng.choice([15, 30, 45, 60, 120]))) for s in starts]

    def minutes(*choices: int) -> timedelta:
        return timedelta(minutes=rng.choice(choices))

    case: dict[str, Any] = {
        "rules": [WeeklyRule(rng.randrange(7), clock(), clock()) for _ in range(rng.randint(0, 8))],
        "overrides": [
            DateOverride(
                today + rng.randrange(-1, 7) * DAY,
                tuple((clock(), clock()) for _ in range(rng.randint(0, 2))),
            )
            for _ in range(rng.randint(0, 3))
        ],
        "policy": Policy(
            zone=zone,
            buffer_before=minutes(0, 5, 15),
            buffer_after=minutes(0, 10, 20),
            min_notice=minutes(0, 60, 240),
            horizon=timedelta(days=rng.randint(1, 6)),
            max_per_day=rng.choice([None, 1, 2, 4]),
            max_per_week=rng.choice([None, 2, 6]),
            step=minutes(15, 30, 60),
        ),
        "duration": minutes(15, 30, 45, 60, 90),
        "booked": spans(rng.randint(0, 12)),
        "busy": spans(rng.randint(0, 8)),
        "now": now,
    }
    if rng.random() < 0.3:
        case["start"] = now + timedelta(minutes=5 * rng.randrange(0, 864))
    if rng.random() < 0.3:
        case["end"] = now + timedelta(minutes=5 * rng.randrange(0, 1728))
    return case


def brute_force(case: dict[str, Any]) -> list[datetime]:
    """Every UTC quarter hour checked against the spec, one condition at a time."""
    policy, duration, now = case["policy"], case["duration"], case["now"]
    zone = ZoneInfo(policy.zone)
    lo = max(case.get("start") or now, now + policy.min_notice)
    hi = min(case.get("end") or now + policy.horizon, now + policy.horizon)
    opened = available_intervals(
        case["rules"], case["overrides"], policy.zone, lo - DAY, hi + duration
    )
    before, after = policy.buffer_before, policy.buffer_after
    per_day = Counter(a.astimezone(zone).date() for a, _ in case["booked"])
    per_week = Counter(day.isocalendar()[:2] for day in per_day.elements())
    found = []
    # Every offset and step in these cases is a multiple of 15 minutes, so every aligned
    # start is on the UTC quarter-hour grid; the buffers are checked as the spec words them,
    # not through the widened blocks that slots.py uses.
    moment = datetime.fromtimestamp(lo.timestamp() // 900 * 900, UTC)
    while moment < hi:
        clock = moment.astimezone(zone)
        seconds_since_midnight = clock.hour * 3600 + clock.minute * 60
        end = moment + duration
        if (
            moment >= lo
            and seconds_since_midnight % policy.step.total_seconds() == 0
            and any(a <= moment and end <= b for a, b in opened)
            and all(end <= a or b <= moment for a, b in case["busy"])
            and all(end <= a - before or b + after <= moment for a, b in case["booked"])
            and all(end + after <= a or b <= moment - before for a, b in case["booked"])
            and (policy.max_per_day is None or per_day[clock.date()] < policy.max_per_day)
            and (
                policy.max_per_week is None
                or per_week[clock.date().isocalendar()[:2]] < policy.max_per_week
            )
        ):
            found.append(moment)
        moment += QUARTER
    return found


def test_free_slots_agree_with_a_brute_force_check_on_random_inputs():
    for seed in range(300):
        case = random_case(seed)

        found = free_slots(**case)

        assert found == brute_force(case), f"seed {seed}"
        assert all(slot.tzinfo is UTC for slot in found), f"seed {seed}"


def test_earliest_slot_is_the_first_free_slot_on_random_inputs():
    nones = 0
    for seed in range(300):
        case = random_case(seed)

        first = earliest_slot(**case)

        assert first == next(iter(free_slots(**case, limit=1)), None), f"seed {seed}"
        assert first is None or first.tzinfo is UTC
        nones += first is None
    assert 0 < nones < 300, "the random cases should cover both outcomes"


def test_earliest_slot_is_none_when_nothing_fits():
    now = utc(MONDAY, 0)
    common: dict[str, Any] = {"rules": NINE_TO_NOON, "overrides": [], "booked": [], "now": now}
    policy = Policy(zone="UTC")

    assert (
        earliest_slot(**common, policy=policy, duration=HALF_HOUR, busy=[(now, now + 31 * DAY)])
        is None
    )
    assert earliest_slot(**common, policy=policy, duration=timedelta(hours=4), busy=[]) is None
    assert (
        earliest_slot(
            **common, policy=Policy(zone="UTC", max_per_day=0), duration=HALF_HOUR, busy=[]
        )
        is None
    )


def test_earliest_slot_stops_scanning_at_the_first_day_with_a_slot(monkeypatch):
    scanned: list[date] = []
    real = slots._local_day

    def spy(zone: str, day: date) -> slots._LocalDay:
        scanned.append(day)
        return real(zone, day)

    # Ten years of horizon: a scan that expanded it all would visit thousands of days.
    monkeypatch.setattr(slots, "_local_day", spy)
    every_day = [WeeklyRule(weekday, time(9), time(17)) for weekday in range(7)]

    found = earliest_slot(
        rules=every_day,
        overrides=[],
        policy=Policy(zone="Europe/Berlin", horizon=timedelta(days=3650)),
        duration=HALF_HOUR,
        booked=[],
        busy=[],
        now=utc(MONDAY, 0),
    )

    assert found == utc(MONDAY, 7)
    assert scanned == [MONDAY]


# --- mutual_slots and subtract --------------------------------------------------------------


def test_mutual_slots_avoid_the_mentee_and_other_busy_times():
    found = mutual_slots(
        mentor_rules=NINE_TO_NOON,
        mentor_overrides=[],
        policy=Policy(zone="UTC", buffer_after=QUARTER),
        duration=HALF_HOUR,
        mentor_booked=[(utc(MONDAY, 9), utc(MONDAY, 9, 30))],
        mentee_busy=[(utc(MONDAY, 10), utc(MONDAY, 10, 30))],
        other_busy=[(utc(MONDAY, 11), utc(MONDAY, 12))],
        now=NOW,
        end=utc(TUESDAY, 0),
    )

    assert wall(found) == ["10:30"]


def test_subtract_cuts_partial_and_whole_overlaps():
    left = subtract(
        [(utc(MONDAY, 9), utc(MONDAY, 12)), (utc(MONDAY, 14), utc(MONDAY, 15))],
        [
            (utc(MONDAY, 8), utc(MONDAY, 9, 30)),
            (utc(MONDAY, 10), utc(MONDAY, 10, 15)),
            (utc(MONDAY, 11, 45), utc(MONDAY, 14, 30)),
        ],
    )

    assert left == [
        (utc(MONDAY, 9, 30), utc(MONDAY, 10)),
        (utc(MONDAY, 10, 15), utc(MONDAY, 11, 45)),
        (utc(MONDAY, 14, 30), utc(MONDAY, 15)),
    ]


def test_subtract_sorts_and_merges_its_input_and_drops_what_is_covered():
    left = subtract(
        [
            (utc(MONDAY, 13), utc(MONDAY, 14)),
            (utc(MONDAY, 9), utc(MONDAY, 10)),
            (utc(MONDAY, 10), utc(MONDAY, 11)),
        ],
        [(utc(MONDAY, 12), utc(MONDAY, 15))],
    )

    assert left == [(utc(MONDAY, 9), utc(MONDAY, 11))]


# --- Time zones of inputs and outputs, and invalid input ------------------------------------


def test_inputs_in_other_zones_give_the_same_utc_slots():
    tokyo, santiago = ZoneInfo("Asia/Tokyo"), ZoneInfo("America/Santiago")
    booked = [(utc(MONDAY, 10), utc(MONDAY, 10, 30))]
    busy = [(utc(MONDAY, 13), utc(MONDAY, 14))]
    mentor: dict[str, Any] = {
        "rules": [WeeklyRule(0, time(9), time(17))],
        "overrides": [],
        "policy": Policy(zone="Europe/Lisbon"),
        "duration": HALF_HOUR,
    }

    in_utc = free_slots(**mentor, booked=booked, busy=busy, now=NOW)
    elsewhere = free_slots(
        **mentor,
        booked=[(a.astimezone(tokyo), b.astimezone(tokyo)) for a, b in booked],
        busy=[(a.astimezone(santiago), b.astimezone(santiago)) for a, b in busy],
        now=NOW.replace(tzinfo=ZoneInfo("UTC")),
        start=utc(MONDAY, 0).astimezone(santiago),
    )

    assert in_utc
    assert elsewhere == in_utc
    assert all(slot.tzinfo is UTC for slot in elsewhere)
    opened = available_intervals(
        NINE_TO_NOON, [], "Asia/Tokyo", NOW.astimezone(tokyo), NOW + 2 * DAY
    )
    assert all(a.tzinfo is UTC and b.tzinfo is UTC for a, b in opened)


NAIVE = datetime(2026, 6, 1, 9)  # noqa: DTZ001 (the point of the tests below)


@pytest.mark.parametrize("field", ["now", "start", "end", "booked", "busy"])
def test_naive_datetimes_are_rejected_with_a_clear_message(field):
    arguments: dict[str, Any] = {
        "rules": NINE_TO_NOON,
        "overrides": [],
        "policy": Policy(zone="UTC"),
        "duration": HALF_HOUR,
        "booked": [],
        "busy": [],
        "now": NOW,
    }
    arguments[field] = [(NAIVE, NAIVE + HALF_HOUR)] if field in ("booked", "busy") else NAIVE

    with pytest.raises(ValueError, match=f"{field} must be an aware datetime, got naive"):
        free_slots(**arguments)
    with pytest.raises(ValueError, match=f"{field} must be an aware datetime, got naive"):
        earliest_slot(**arguments)


def test_naive_datetimes_are_rejected_by_the_interval_helpers():
    with pytest.raises(ValueError, match="start must be an aware datetime"):
        available_intervals(NINE_TO_NOON, [], "UTC", NAIVE, NOW)
    with pytest.raises(ValueError, match="busy must be an aware datetime"):
        subtract([(NOW, NOW + DAY)], [(NAIVE, NAIVE + HALF_HOUR)])


@pytest.mark.parametrize(
    "make",
    [
        pytest.param(lambda: WeeklyRule(7, time(9), time(10)), id="weekday"),
        pytest.param(lambda: WeeklyRule(0, time(9, tzinfo=UTC), time(10)), id="aware-rule"),
        pytest.param(
            lambda: DateOverride(MONDAY, ((time(9), time(10, tzinfo=UTC)),)), id="aware-override"
        ),
        pytest.param(lambda: Policy(zone="UTC", step=timedelta(0)), id="step"),
        pytest.param(lambda: Policy(zone="UTC", buffer_before=-QUARTER), id="buffer"),
        pytest.param(lambda: Policy(zone="UTC", max_per_week=-1), id="max-per-week"),
        pytest.param(lambda: subtract([(NOW + DAY, NOW)], []), id="reversed-interval"),
        pytest.param(
            lambda: free_slots(
                rules=[],
                overrides=[],
                policy=Policy(zone="UTC"),
                duration=timedelta(0),
                booked=[],
                busy=[],
                now=NOW,
            ),
            id="duration",
        ),
        pytest.param(
            lambda: free_slots(
                rules=[],
                overrides=[],
                policy=Policy(zone="UTC"),
                duration=HALF_HOUR,
                booked=[],
                busy=[],
                now=NOW,
                limit=-1,
            ),
            id="limit",
        ),
    ],
)
def test_invalid_input_is_rejected(make):
    with pytest.raises(ValueError):
        make()


def test_unknown_zone_is_rejected():
    with pytest.raises(ZoneInfoNotFoundError):
        Policy(zone="Mars/Olympus_Mons")
