"""What the matching engine knows about mentors and asks: plain data, built from the
database by matching/selectors.py, so that the engine itself needs no ORM."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class HelpRecord:
    """One time a mentor helped: a past session (or, in evaluation, an answer)."""

    text: str  # the ask's question, objective and context
    skills: tuple[str, ...] = ()  # skill names or tags of that ask
    rating: float | None = None  # 1..5 from the mentee, when given
    accepted: bool = False  # the mentee marked this help as the one that solved it


@dataclass(frozen=True)
class MentorDoc:
    mentor_id: int
    name: str = ""
    headline: str = ""
    bio: str = ""
    help_with: str = ""
    skills: tuple[str, ...] = ()  # catalogue skill names and free tags on the profile
    skill_levels: tuple[int, ...] = ()  # parallel to skills, 1..4
    history: tuple[HelpRecord, ...] = ()
    time_zone: str = "UTC"
    languages: tuple[str, ...] = ()
    # Reliability and load, computed from bookings.
    sessions: int = 0
    no_shows: int = 0
    late_cancels: int = 0
    median_response_minutes: float | None = None
    booked_this_week: int = 0
    weekly_capacity: int = 3
    available_now: bool = False


@dataclass(frozen=True)
class AskDoc:
    text: str  # question + objective + context
    skills: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    time_zone: str = "UTC"
    met_mentor_ids: frozenset[int] = field(default_factory=frozenset)
