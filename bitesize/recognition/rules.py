"""The point rules, in one place and without the database: what each kind of participation
is worth, the anti-gaming limits, and a community's overrides of both. The services gather
the facts of a session from the database and ask these functions what to award; re-asking
with the same facts gives the same answer, and the ledger's unique keys make it count once."""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Any


class Kind(StrEnum):
    SESSION = "session"  # a session both confirmed, with attendance recorded for both
    DEBRIEF = "debrief"  # one person finished their side of the debrief
    REFLECTION = "reflection"  # the mentee wrote a reflection
    ACTION_DONE = "action_done"  # the mentee did an action item from a session
    ADVICE_HELPFUL = "advice_helpful"  # the mentee marked a piece of advice helpful
    TIE_BREAK = "tie_break"  # the mentor gave a tie-break session
    PUNCTUAL = "punctual"  # joined the room on time
    NO_SHOW = "no_show"  # penalty: did not turn up
    LATE_CANCEL = "late_cancel"  # penalty: cancelled inside the mentor's late-cancel window
    REDEMPTION = "redemption"  # a reward was redeemed (a debit, never earned)
    ADJUSTMENT = "adjustment"  # a correction by an operator


LABELS: dict[str, str] = {
    Kind.SESSION: "Session held",
    Kind.DEBRIEF: "Debrief completed",
    Kind.REFLECTION: "Reflection written",
    Kind.ACTION_DONE: "Action item done",
    Kind.ADVICE_HELPFUL: "Advice marked helpful",
    Kind.TIE_BREAK: "Tie-break given",
    Kind.PUNCTUAL: "On time",
    Kind.NO_SHOW: "No-show",
    Kind.LATE_CANCEL: "Late cancellation",
    Kind.REDEMPTION: "Reward redeemed",
    Kind.ADJUSTMENT: "Adjustment",
}

# The kinds a community may re-price, and the defaults.
DEFAULT_POINTS: dict[str, int] = {
    Kind.SESSION: 10,
    Kind.DEBRIEF: 3,
    Kind.REFLECTION: 3,
    Kind.ACTION_DONE: 5,
    Kind.ADVICE_HELPFUL: 2,
    Kind.TIE_BREAK: 5,
    Kind.PUNCTUAL: 1,
    Kind.NO_SHOW: -10,
    Kind.LATE_CANCEL: -5,
}
PENALTIES = frozenset({Kind.NO_SHOW, Kind.LATE_CANCEL})


@dataclass(frozen=True)
class Rules:
    points: Mapping[str, int] = field(default_factory=lambda: dict(DEFAULT_POINTS))
    # Sessions of one pair that earn anything in one ISO week; the rest earn nothing.
    pair_cap_per_week: int = 2
    # Action items of one session that earn points.
    actions_per_session: int = 3
    # Joining at most this many minutes after the start counts as on time.
    punctual_minutes: int = 2

    def worth(self, kind: str) -> int:
        return self.points.get(kind, 0)


LIMITS = {
    "pair_cap_per_week": (0, 20),
    "actions_per_session": (0, 10),
    "punctual_minutes": (0, 15),
}
POINT_RANGE = (-100, 100)


def validate_overrides(data: Any) -> dict[str, Any]:
    """A community's overrides, checked: {"points": {kind: n}, and any of LIMITS}. Raises
    ValueError with a message for people; returns the cleaned overrides."""
    if data in (None, ""):
        return {}
    if not isinstance(data, dict):
        raise ValueError("Overrides must be an object.")
    cleaned: dict[str, Any] = {}
    for key, value in data.items():
        if key == "points":
            if not isinstance(value, dict):
                raise ValueError("points must map a kind to a number.")
            points: dict[str, int] = {}
            for kind, n in value.items():
                if kind not in DEFAULT_POINTS:
                    raise ValueError(f"Unknown kind {kind!r}; use one of {sorted(DEFAULT_POINTS)}.")
                if not isinstance(n, int) or isinstance(n, bool):
                    raise ValueError(f"points for {kind} must be a whole number.")
                low, high = (POINT_RANGE[0], 0) if kind in PENALTIES else (0, POINT_RANGE[1])
                if not low <= n <= high:
                    raise ValueError(f"points for {kind} must be between {low} and {high}.")
                points[kind] = n
            cleaned["points"] = points
        elif key in LIMITS:
            low, high = LIMITS[key]
            if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
                raise ValueError(f"{key} must be a whole number from {low} to {high}.")
            cleaned[key] = value
        else:
            raise ValueError(f"Unknown setting {key!r}.")
    return cleaned


def rules_for(overrides: Mapping[str, Any] | None = None) -> Rules:
    """The defaults with a community's (already validated) overrides applied."""
    rules = Rules()
    if not overrides:
        return rules
    points = {**DEFAULT_POINTS, **overrides.get("points", {})}
    limits = {k: v for k, v in overrides.items() if k in LIMITS}
    return replace(rules, points=points, **limits)


@dataclass(frozen=True)
class Award:
    user_id: int
    kind: str
    points: int
    reason: str
    key: str
    minutes: int = 0


@dataclass(frozen=True)
class SessionFacts:
    """What the database knows of one session, gathered by the services."""

    booking_id: int
    mentor_id: int
    mentee_id: int
    state: str  # the Booking.State value
    start: datetime
    confirmed_by: frozenset[int] = frozenset()  # people who rated it as having taken place
    first_joined: Mapping[int, datetime] = field(default_factory=dict)  # user id -> first join
    # A written session whose answer came in the booked time: the answer stands for the room.
    answered: bool = False
    minutes_together: int = 0
    blocked: bool = False
    # Position of this session among the pair's eligible sessions of its ISO week (0 first).
    rank_in_week: int = 0
    debrief_done: frozenset[int] = frozenset()
    reflection: bool = False
    tie_break: bool = False
    # No-shows and late cancels: the people at fault.
    absent: frozenset[int] = frozenset()
    late_cancel_by: int | None = None

    @property
    def people(self) -> tuple[int, int]:
        return (self.mentor_id, self.mentee_id)


def session_eligible(facts: SessionFacts, rules: Rules) -> str:
    """Why a session earns nothing, or "" when it earns. The anti-gaming rules live here."""
    if facts.blocked:
        return "blocked"
    if facts.state != "completed":
        return "not completed"
    if not set(facts.people) <= facts.confirmed_by:
        return "not confirmed by both"
    if not facts.answered and not set(facts.people) <= set(facts.first_joined):
        return "attendance not recorded for both"
    if facts.rank_in_week >= rules.pair_cap_per_week:
        return "weekly cap for this pair reached"
    return ""


def session_awards(facts: SessionFacts, rules: Rules) -> list[Award]:
    """Everything one session is worth to its two people, penalties included."""
    b = facts.booking_id
    if facts.blocked:
        return []  # nothing, good or bad, between people who blocked each other
    awards: list[Award] = []
    if facts.state == "no_show":
        for user_id in sorted(facts.absent):
            awards.append(
                Award(
                    user_id,
                    Kind.NO_SHOW,
                    rules.worth(Kind.NO_SHOW),
                    "Missed a session",
                    f"no_show:{b}",
                )
            )
        return awards
    if facts.state == "cancelled":
        if facts.late_cancel_by is not None:
            awards.append(
                Award(
                    facts.late_cancel_by,
                    Kind.LATE_CANCEL,
                    rules.worth(Kind.LATE_CANCEL),
                    "Cancelled a session at short notice",
                    f"late_cancel:{b}",
                )
            )
        return awards
    if session_eligible(facts, rules):
        return []
    for user_id in facts.people:
        role = "mentor" if user_id == facts.mentor_id else "mentee"
        awards.append(
            Award(
                user_id,
                Kind.SESSION,
                rules.worth(Kind.SESSION),
                f"Session held as {role}",
                f"session:{b}",
                minutes=facts.minutes_together if role == "mentor" else 0,
            )
        )
        joined = facts.first_joined.get(user_id)
        if joined is not None and joined <= facts.start + timedelta(minutes=rules.punctual_minutes):
            awards.append(
                Award(
                    user_id,
                    Kind.PUNCTUAL,
                    rules.worth(Kind.PUNCTUAL),
                    "Joined on time",
                    f"punctual:{b}",
                )
            )
        if user_id in facts.debrief_done:
            awards.append(
                Award(
                    user_id,
                    Kind.DEBRIEF,
                    rules.worth(Kind.DEBRIEF),
                    "Debrief completed",
                    f"debrief:{b}",
                )
            )
    if facts.reflection:
        awards.append(
            Award(
                facts.mentee_id,
                Kind.REFLECTION,
                rules.worth(Kind.REFLECTION),
                "Reflection written",
                f"reflection:{b}",
            )
        )
    if facts.tie_break:
        awards.append(
            Award(
                facts.mentor_id,
                Kind.TIE_BREAK,
                rules.worth(Kind.TIE_BREAK),
                "Gave a tie-break session",
                f"tie_break:{b}",
            )
        )
    # A session entry is kept even when a community prices it at 0: badges, streaks and
    # mentoring minutes count sessions from the ledger.
    return [a for a in awards if a.points != 0 or a.kind == Kind.SESSION]


def action_award(
    *, user_id: int, action_id: int, rank_in_session: int, session_earns: bool, rules: Rules
) -> Award | None:
    """A done action item earns when its session earned, up to a few per session."""
    if not session_earns or rank_in_session >= rules.actions_per_session:
        return None
    points = rules.worth(Kind.ACTION_DONE)
    if points == 0:
        return None
    return Award(user_id, Kind.ACTION_DONE, points, "Did an action item", f"action:{action_id}")


def advice_award(
    *, mentor_id: int, advice_id: int, session_earns: bool, rules: Rules
) -> Award | None:
    """Advice the mentee found helpful earns its mentor, when the session earned."""
    points = rules.worth(Kind.ADVICE_HELPFUL)
    if not session_earns or points == 0:
        return None
    return Award(
        mentor_id, Kind.ADVICE_HELPFUL, points, "Advice marked helpful", f"advice:{advice_id}"
    )


def week_rank(this: tuple[datetime, int], pair_sessions: Iterable[tuple[datetime, int]]) -> int:
    """Where a session falls among the pair's sessions of the same ISO week (UTC), ordered
    by start then id, so that every run ranks them the same whatever order they arrive in."""
    week = this[0].isocalendar()[:2]
    return sum(1 for s in pair_sessions if s[0].isocalendar()[:2] == week and s < this)


# --- badges -----------------------------------------------------------------------------
@dataclass(frozen=True)
class BadgeSpec:
    code: str
    name: str
    description: str


BUILT_IN: tuple[BadgeSpec, ...] = (
    BadgeSpec("first-session", "First session", "Held a first confirmed session."),
    BadgeSpec("sessions-10", "10 sessions", "Held 10 confirmed sessions."),
    BadgeSpec("sessions-25", "25 sessions", "Held 25 confirmed sessions."),
    BadgeSpec("sessions-50", "50 sessions", "Held 50 confirmed sessions."),
    BadgeSpec("connector", "Connector", "Held sessions with 10 different people."),
    BadgeSpec("polymath", "Polymath", "Held sessions across 5 skill categories."),
    BadgeSpec(
        "quick-responder",
        "Quick responder",
        "Accepts requests quickly: a median time to accept under 10 minutes.",
    ),
    BadgeSpec("follow-through", "Follow-through", "Did 10 action items from sessions."),
    BadgeSpec("tie-breaker", "Tie-breaker", "Gave a tie-break session on conflicting advice."),
)
BUILT_IN_BY_CODE = {b.code: b for b in BUILT_IN}
QUICK_MINUTES = 10
QUICK_MIN_SAMPLES = 3


@dataclass(frozen=True)
class BadgeFacts:
    sessions: int = 0
    people: int = 0
    categories: int = 0
    actions_done: int = 0
    tie_breaks: int = 0
    accept_minutes: tuple[float, ...] = ()


def median_minutes(samples: Iterable[float]) -> float | None:
    values = list(samples)
    return statistics.median(values) if values else None


def badges_earned(facts: BadgeFacts) -> list[str]:
    """The built-in badges these facts earn."""
    codes = []
    for threshold, code in (
        (1, "first-session"),
        (10, "sessions-10"),
        (25, "sessions-25"),
        (50, "sessions-50"),
    ):
        if facts.sessions >= threshold:
            codes.append(code)
    if facts.people >= 10:
        codes.append("connector")
    if facts.categories >= 5:
        codes.append("polymath")
    median = median_minutes(facts.accept_minutes)
    if (
        len(facts.accept_minutes) >= QUICK_MIN_SAMPLES
        and median is not None
        and median < QUICK_MINUTES
    ):
        codes.append("quick-responder")
    if facts.actions_done >= 10:
        codes.append("follow-through")
    if facts.tie_breaks >= 1:
        codes.append("tie-breaker")
    return codes


# --- streaks ----------------------------------------------------------------------------
def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


@dataclass(frozen=True)
class Streak:
    weeks: int  # weeks with participation in the current streak
    grace_used: bool  # the one missed week is spent
    alive: bool  # the streak can still go on this week


def weekly_streak(days: Iterable[date], today: date) -> Streak:
    """Weekly participation streak, in ISO weeks of the person's own dates. A streak runs
    back from this week (or last week, when this week has nothing yet) over consecutive
    weeks with participation; one missed week is forgiven per streak, a second ends it."""
    weeks = {_monday(d) for d in days if d <= today}
    this_week = _monday(today)
    week = this_week if this_week in weeks else this_week - timedelta(weeks=1)
    count = 0
    grace_used = False
    while True:
        if week in weeks:
            count += 1
        elif not grace_used and week - timedelta(weeks=1) in weeks:
            grace_used = True  # the one missed week, bridged
        else:
            break
        week -= timedelta(weeks=1)
    return Streak(weeks=count, grace_used=grace_used, alive=count > 0)
