"""Which (mentee, mentor) pairs a program allows: pure functions, no ORM.

- Time zones: the gap is the difference of the two UTC offsets on the program's first day,
  around the clock (UTC+12 and UTC-11 are one hour apart, not 23), so DST is taken as it is
  when the program starts.
- Reporting line: two people are in one reporting line when one is the other's manager,
  directly or through managers of managers. Peers under the same manager are not.
- Explicit must-not pairs are never allowed; must pairs have to pass the rules above (an
  admin who wants an exception drops the rule for the program rather than for one pair).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import numpy as np
import numpy.typing as npt


@dataclass(frozen=True)
class Person:
    user_id: int
    name: str
    time_zone: str = "UTC"


@dataclass(frozen=True)
class Rules:
    on: date  # offsets are taken at noon UTC of this day
    max_tz_gap_hours: int | None = None
    exclude_reporting_line: bool = False
    manager_of: Mapping[int, int | None] = field(default_factory=dict)  # user -> manager
    must: frozenset[tuple[int, int]] = frozenset()  # (mentee user, mentor user)
    must_not: frozenset[tuple[int, int]] = frozenset()


def utc_offset_hours(zone: str, on: date) -> float:
    try:
        tz = ZoneInfo(zone)
    except (ZoneInfoNotFoundError, ValueError):
        tz = ZoneInfo("UTC")
    offset = datetime.combine(on, time(12), tzinfo=UTC).astimezone(tz).utcoffset()
    return offset.total_seconds() / 3600 if offset is not None else 0.0


def zone_gap_hours(zone_a: str, zone_b: str, on: date) -> float:
    """Hours between two zones' clocks on a day, the short way around (0..12)."""
    gap = abs(utc_offset_hours(zone_a, on) - utc_offset_hours(zone_b, on)) % 24
    return min(gap, 24 - gap)


def line_of(user_id: int, manager_of: Mapping[int, int | None]) -> list[int]:
    """The user's managers, nearest first (a cycle in the data ends the walk)."""
    seen = {user_id}
    chain = []
    current = manager_of.get(user_id)
    while current is not None and current not in seen:
        chain.append(current)
        seen.add(current)
        current = manager_of.get(current)
    return chain


def in_one_line(a: int, b: int, manager_of: Mapping[int, int | None]) -> bool:
    return b in line_of(a, manager_of) or a in line_of(b, manager_of)


def why_not(mentee: Person, mentor: Person, rules: Rules) -> str | None:
    """Why the pair is not allowed (None: it is)."""
    if mentee.user_id == mentor.user_id:
        return "is the same person"
    if (mentee.user_id, mentor.user_id) in rules.must_not:
        return "is a must-not-match pair"
    if rules.max_tz_gap_hours is not None:
        gap = zone_gap_hours(mentee.time_zone, mentor.time_zone, rules.on)
        if gap > rules.max_tz_gap_hours:
            return f"is {gap:g} h apart in time zones (at most {rules.max_tz_gap_hours} h)"
    if rules.exclude_reporting_line and in_one_line(
        mentee.user_id, mentor.user_id, rules.manager_of
    ):
        return "is within one reporting line"
    return None


def allowed_pairs(
    mentees: Sequence[Person], mentors: Sequence[Person], rules: Rules
) -> npt.NDArray[np.bool_]:
    """allowed[i, j]: may mentee i be matched with mentor j."""
    allowed = np.ones((len(mentees), len(mentors)), dtype=np.bool_)
    if rules.max_tz_gap_hours is not None:
        # Offsets once per zone, then the whole matrix at once.
        zones = {p.time_zone for p in (*mentees, *mentors)}
        offset = {z: utc_offset_hours(z, rules.on) for z in zones}
        a = np.array([offset[p.time_zone] for p in mentees]).reshape(-1, 1)
        b = np.array([offset[p.time_zone] for p in mentors]).reshape(1, -1)
        gap = np.abs(a - b) % 24
        allowed &= np.minimum(gap, 24 - gap) <= rules.max_tz_gap_hours + 1e-9
    column = {p.user_id: j for j, p in enumerate(mentors)}
    row = {p.user_id: i for i, p in enumerate(mentees)}
    for i, mentee in enumerate(mentees):
        j = column.get(mentee.user_id)
        if j is not None:
            allowed[i, j] = False
        if rules.exclude_reporting_line:
            for manager in line_of(mentee.user_id, rules.manager_of):
                if manager in column:
                    allowed[i, column[manager]] = False
    if rules.exclude_reporting_line:
        for j, mentor in enumerate(mentors):
            for manager in line_of(mentor.user_id, rules.manager_of):
                if manager in row:
                    allowed[row[manager], j] = False
    for mentee_id, mentor_id in rules.must_not:
        if mentee_id in row and mentor_id in column:
            allowed[row[mentee_id], column[mentor_id]] = False
    return allowed
