"""Community insights for its admins: whether mentoring works in the community, as aggregates
only. Reads, no writes.

A session counts in a community when both its mentor and its mentee are (current) members.
Every figure comes from an aggregate query in the database together with the number of
distinct people it describes; a figure about fewer than settings.INSIGHTS_MIN_GROUP people
(but more than none) is hidden, and its value never leaves this module. Nothing anyone wrote
(questions, advice, reflections, rating comments) and no name is read here.

Suppression is per figure: a hidden monthly count can still be worked out from the total
and the other months when only one month is hidden. The threshold guards against reading
one person's record off a figure, not against every combination of figures.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.conf import settings
from django.db.models import (
    Avg,
    Count,
    DurationField,
    Exists,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce, TruncMonth
from django.utils import timezone

from bitesize.asks.models import Ask
from bitesize.communities.models import Community, Membership
from bitesize.debriefs.models import ActionItem, AdviceItem, Conflict, Rating, Reflection
from bitesize.profiles.models import ProfileSkill
from bitesize.recognition.models import PointEntry
from bitesize.recognition.rules import Kind
from bitesize.scheduling.models import Booking
from bitesize.skills.models import Skill

PERIODS: dict[int, str] = {30: "Last 30 days", 90: "Last 90 days", 365: "Last 12 months"}
DEFAULT_DAYS = 90
TOP_SKILLS = 10

COMPLETED = Booking.State.COMPLETED
NO_SHOW = Booking.State.NO_SHOW
CANCELLED = Booking.State.CANCELLED
# An ask "got a session" once a mentor confirmed a time for it (held or missed since).
GOT_SESSION = (Booking.State.CONFIRMED, COMPLETED, NO_SHOW)


def min_group() -> int:
    return int(getattr(settings, "INSIGHTS_MIN_GROUP", 5))


@dataclass(frozen=True)
class Figure:
    """One number on the page. `value` is None when the figure is hidden or has no data."""

    value: int | float | None
    hidden: bool
    unit: str = ""

    def __str__(self) -> str:
        if self.hidden:
            return f"fewer than {min_group()}"
        if self.value is None:
            return "–"
        return f"{self.value}{self.unit}"


def figure(value: int | float | None, people: int, unit: str = "") -> Figure:
    """A figure describing `people` distinct persons: hidden when there are some, but fewer
    than the threshold. None means there was nothing to measure."""
    if 0 < people < min_group():
        return Figure(None, True, unit)
    return Figure(value, False, unit)


def percent(part: int, whole: int) -> int | None:
    return round(100 * part / whole) if whole else None


@dataclass(frozen=True)
class Month:
    month: date
    sessions: Figure
    mentees: Figure
    bar: int  # width in percent of the busiest shown month; 0 when hidden


@dataclass(frozen=True)
class SkillGap:
    name: str
    askers: Figure  # distinct people who asked about it
    mentors: Figure  # the community's mentors who offer it


@dataclass(frozen=True)
class ConflictCount:
    label: str
    count: Figure


@dataclass(frozen=True)
class Participation:
    members: int
    sessions: Figure
    minutes: Figure
    mentees: Figure
    mentors: Figure
    took_part: Figure  # percent of members


@dataclass(frozen=True)
class AskFlow:
    asks: Figure
    with_session: Figure  # percent
    median_hours: Figure
    no_show_rate: Figure  # percent of held or missed sessions
    late_cancel_rate: Figure  # percent of held, missed or cancelled sessions


@dataclass(frozen=True)
class FollowThrough:
    debriefed: Figure  # percent of held sessions with both debriefs done
    average_rating: Figure
    ratings: Figure
    helpful: Figure  # percent of advice items the mentee marked helpful
    actions_due: Figure
    actions_done: Figure  # of those due
    actions_done_share: Figure  # percent


@dataclass(frozen=True)
class Insights:
    days: int
    label: str
    since: datetime
    until: datetime
    min_group: int
    participation: Participation
    months: list[Month]
    asks: AskFlow
    follow_through: FollowThrough
    skills: list[SkillGap]
    conflicts: list[ConflictCount]


# --- the sets every figure starts from -------------------------------------------------------
def member_ids(community: Community) -> QuerySet[Membership, int]:
    """The members' user ids, as a subquery."""
    return Membership.objects.filter(community=community).values_list("user_id", flat=True)


def sessions_in(community: Community) -> QuerySet[Booking]:
    """Bookings that count in the community: both people are members."""
    members = member_ids(community)
    return Booking.objects.filter(mentor_id__in=members, mentee_id__in=members)


def _both_sides(mentees: int, mentors: int) -> int:
    """A session figure describes its mentees and its mentors: the smaller side decides."""
    return min(mentees, mentors)


# --- the figures -----------------------------------------------------------------------------
def _participation(
    community: Community, held: QuerySet[Booking], totals: dict[str, Any]
) -> Participation:
    people = _both_sides(totals["mentees"], totals["mentors"])
    members = Membership.objects.filter(community=community).aggregate(
        total=Count("id"),
        took_part=Count(
            "id",
            filter=Q(user_id__in=held.values("mentor_id"))
            | Q(user_id__in=held.values("mentee_id")),
        ),
    )
    # Mentoring minutes are the ledger's: the time mentor and mentee were in the room together,
    # or a written answer's booked length (rooms.selectors.mentoring_minutes), written on the
    # mentor's session entry.
    minutes = PointEntry.objects.filter(kind=Kind.SESSION, booking__in=held.values("pk")).aggregate(
        n=Coalesce(Sum("minutes"), 0)
    )["n"]
    return Participation(
        members=members["total"],
        sessions=figure(totals["held"], people),
        minutes=figure(minutes, people),
        mentees=figure(totals["mentees"], totals["mentees"]),
        mentors=figure(totals["mentors"], totals["mentors"]),
        took_part=figure(
            percent(members["took_part"], members["total"]), members["took_part"], "%"
        ),
    )


def _months(held: QuerySet[Booking], since: datetime, until: datetime) -> list[Month]:
    rows = {
        r["month"].date(): r
        for r in held.annotate(month=TruncMonth("start"))
        .values("month")
        .annotate(n=Count("id"), mentees=Count("mentee", distinct=True))
        .annotate(mentors=Count("mentor", distinct=True))
        .order_by("month")
    }
    found: list[tuple[date, Figure, Figure]] = []
    month = since.date().replace(day=1)
    while month <= until.date():
        row = rows.get(month, {"n": 0, "mentees": 0, "mentors": 0})
        people = _both_sides(row["mentees"], row["mentors"])
        found.append((month, figure(row["n"], people), figure(row["mentees"], row["mentees"])))
        month = (month + timedelta(days=32)).replace(day=1)
    busiest = max((int(s.value or 0) for _, s, _ in found if not s.hidden), default=0)
    return [
        Month(m, s, p, round(100 * int(s.value or 0) / busiest) if busiest and not s.hidden else 0)
        for m, s, p in found
    ]


def _ask_flow(community: Community, since: datetime, totals: dict[str, Any]) -> AskFlow:
    asks = Ask.objects.filter(
        audience=community, asker_id__in=member_ids(community), created_at__gte=since
    )
    booked = Booking.objects.filter(ask=OuterRef("pk"), state__in=GOT_SESSION)
    counts = asks.aggregate(
        n=Count("id"),
        askers=Count("asker", distinct=True),
        got=Count("id", filter=Q(Exists(booked))),
        got_askers=Count("asker", distinct=True, filter=Q(Exists(booked))),
    )
    median: float | None = None
    if counts["got"]:
        # The median wait in the database: order the waits and read the middle one or two.
        waits = (
            asks.filter(Exists(booked))
            .annotate(first=Subquery(booked.order_by("start").values("start")[:1]))
            .annotate(wait=ExpressionWrapper(F("first") - F("created_at"), DurationField()))
            .order_by("wait")
            .values_list("wait", flat=True)
        )
        n = counts["got"]
        middle = list(waits[(n - 1) // 2 : n // 2 + 1])
        hours = [max(w, timedelta()).total_seconds() / 3600 for w in middle]
        median = round(sum(hours) / len(hours), 1)
    due = _both_sides(totals["due_mentees"], totals["due_mentors"])
    met = _both_sides(totals["met_mentees"], totals["met_mentors"])
    return AskFlow(
        asks=figure(counts["n"], counts["askers"]),
        with_session=figure(percent(counts["got"], counts["n"]), counts["askers"], "%"),
        median_hours=figure(median, counts["got_askers"], " h"),
        no_show_rate=figure(
            percent(totals["no_show"], totals["held"] + totals["no_show"]), met, "%"
        ),
        late_cancel_rate=figure(
            percent(
                totals["late_cancel"], totals["held"] + totals["no_show"] + totals["cancelled"]
            ),
            due,
            "%",
        ),
    )


def _follow_through(held: QuerySet[Booking], totals: dict[str, Any]) -> FollowThrough:
    today = timezone.localdate()
    people = _both_sides(totals["mentees"], totals["mentors"])
    held_ids = held.values("pk")
    ratings = Rating.objects.filter(booking__in=held_ids, stars__isnull=False).aggregate(
        avg=Avg("stars"),
        n=Count("id"),
        mentees=Count("booking__mentee", distinct=True),
        mentors=Count("booking__mentor", distinct=True),
    )
    rated = _both_sides(ratings["mentees"], ratings["mentors"])
    advice = AdviceItem.objects.filter(booking__in=held_ids).aggregate(
        n=Count("id"),
        helpful=Count("id", filter=Q(helpful=True)),
        mentees=Count("mentee", distinct=True),
        mentors=Count("mentor", distinct=True),
    )
    actions = ActionItem.objects.filter(
        booking__in=held_ids, owner_id=F("booking__mentee_id"), due__lte=today
    ).aggregate(
        due=Count("id"),
        done=Count("id", filter=Q(state=ActionItem.State.DONE)),
        owners=Count("owner", distinct=True),
    )
    average = round(ratings["avg"], 1) if ratings["avg"] is not None else None
    return FollowThrough(
        debriefed=figure(percent(totals["debriefed"], totals["held"]), people, "%"),
        average_rating=figure(average, rated, " / 5"),
        ratings=figure(ratings["n"], rated),
        helpful=figure(
            percent(advice["helpful"], advice["n"]),
            _both_sides(advice["mentees"], advice["mentors"]),
            "%",
        ),
        actions_due=figure(actions["due"], actions["owners"]),
        actions_done=figure(actions["done"], actions["owners"]),
        actions_done_share=figure(percent(actions["done"], actions["due"]), actions["owners"], "%"),
    )


def _skills(community: Community, since: datetime) -> list[SkillGap]:
    """The most-asked catalogue skills in the community's asks, against how many of its
    mentors offer each (working knowledge or better)."""
    members = member_ids(community)
    asks = Ask.objects.filter(audience=community, asker_id__in=members, created_at__gte=since)
    offering = (
        ProfileSkill.objects.filter(
            skill=OuterRef("pk"),
            level__gte=ProfileSkill.Level.WORKING,
            profile__is_mentor=True,
            profile__user_id__in=members,
        )
        .order_by()
        .values("skill")
        .annotate(n=Count("profile"))
        .values("n")
    )
    rows = (
        Skill.objects.filter(asks__in=asks.values("pk"))
        .annotate(askers=Count("asks__asker", distinct=True))
        .annotate(mentors=Coalesce(Subquery(offering, output_field=IntegerField()), Value(0)))
        .order_by("-askers", "name")
        .values_list("name", "askers", "mentors")[:TOP_SKILLS]
    )
    gaps = [SkillGap(name, figure(a, a), figure(m, m)) for name, a, m in rows]
    # Hidden rows go last, by name, so that their order tells nothing of their size.
    shown = [g for g in gaps if not g.askers.hidden]
    return shown + sorted((g for g in gaps if g.askers.hidden), key=lambda g: g.name)


def _conflicts(community: Community, since: datetime) -> list[ConflictCount]:
    members = member_ids(community)
    flags = Conflict.objects.filter(
        created_at__gte=since,
        goal__owner_id__in=members,
        a__mentor_id__in=members,
        b__mentor_id__in=members,
    )
    resolved = Q(state=Conflict.State.RESOLVED)
    kinds: list[tuple[str, str, Q]] = [
        ("raised", "Flags raised", Q()),
        ("kept", "Kept one piece of advice", resolved & Q(decision__in=("keep_a", "keep_b"))),
        ("combined", "Combined both", resolved & Q(decision=Conflict.Decision.COMBINE)),
        (
            "tie_broken",
            "Decided after a tie-break",
            resolved & Q(decision=Conflict.Decision.TIE_BREAK),
        ),
        ("tie_break", "Tie-break under way", Q(state=Conflict.State.TIE_BREAK)),
        ("dismissed", "Not a conflict after all", Q(state=Conflict.State.DISMISSED)),
        ("open", "Still open", Q(state=Conflict.State.OPEN)),
    ]
    aggregates: dict[str, Any] = {}
    for key, _, condition in kinds:
        aggregates[key] = Count("id", filter=condition)
        aggregates[f"{key}_people"] = Count("goal__owner", distinct=True, filter=condition)
    counts = flags.aggregate(**aggregates)
    return [
        ConflictCount(label, figure(counts[key], counts[f"{key}_people"]))
        for key, label, _ in kinds
    ]


def _session_totals(in_period: QuerySet[Booking]) -> dict[str, Any]:
    """Counts over the period's sessions, in one query."""
    held = Q(state=COMPLETED)
    met = Q(state__in=(COMPLETED, NO_SHOW))
    due = Q(state__in=(COMPLETED, NO_SHOW, CANCELLED))
    debriefed = held & Q(
        Exists(AdviceItem.objects.filter(booking=OuterRef("pk"))),
        Exists(Reflection.objects.filter(booking=OuterRef("pk"))),
        Exists(
            Rating.objects.filter(
                booking=OuterRef("pk"), author=OuterRef("mentor"), took_place=True
            )
        ),
        Exists(
            Rating.objects.filter(
                booking=OuterRef("pk"), author=OuterRef("mentee"), took_place=True
            )
        ),
    )
    return in_period.aggregate(
        held=Count("id", filter=held),
        mentees=Count("mentee", distinct=True, filter=held),
        mentors=Count("mentor", distinct=True, filter=held),
        no_show=Count("id", filter=Q(state=NO_SHOW)),
        met_mentees=Count("mentee", distinct=True, filter=met),
        met_mentors=Count("mentor", distinct=True, filter=met),
        cancelled=Count("id", filter=Q(state=CANCELLED)),
        late_cancel=Count("id", filter=Q(state=CANCELLED, late_cancel=True)),
        due_mentees=Count("mentee", distinct=True, filter=due),
        due_mentors=Count("mentor", distinct=True, filter=due),
        debriefed=Count("id", filter=debriefed),
    )


def insights_of(
    community: Community, *, days: int = DEFAULT_DAYS, now: datetime | None = None
) -> Insights:
    """The community's insights over the last `days` days (one of PERIODS). The caller has
    checked that the viewer administers the community."""
    if days not in PERIODS:
        raise ValueError(f"days must be one of {sorted(PERIODS)}")
    until = now or timezone.now()
    since = until - timedelta(days=days)
    in_period = sessions_in(community).filter(start__gte=since, start__lte=until)
    held = in_period.filter(state=COMPLETED)
    totals = _session_totals(in_period)
    return Insights(
        days=days,
        label=PERIODS[days],
        since=since,
        until=until,
        min_group=min_group(),
        participation=_participation(community, held, totals),
        months=_months(held, since, until),
        asks=_ask_flow(community, since, totals),
        follow_through=_follow_through(held, totals),
        skills=_skills(community, since),
        conflicts=_conflicts(community, since),
    )
