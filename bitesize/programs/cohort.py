"""The database side of a program's cohort matching: the program read as plain values, each
(mentee, mentor) pair scored by the matching engine, the assignment solved exactly by
matching/cohort.py, and the answer as named pairs. Reads only; services.py stores runs.

Scoring. Each mentee becomes an ask document (what they want from the program, their active
goals, the skills they are learning or asked for, their headline) and is ranked by the same
engine that ranks mentors for an ask, restricted to the program's mentors, so a pair's score
is the 0..100 a suggestion would show, with its reasons. Mentors the engine leaves out (no
mentor profile, or booked up this week) score 0 with a reason saying so: they may still be
matched, but only where nothing better exists. Scoring costs about 0.1 ms of Python per pair,
so in programs with more than SCORED_PER_MENTEE mentors each mentee's candidates are their
SCORED_PER_MENTEE best mentors (plus a must-match one); the assignment is optimal over those.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, time
from typing import TypeAlias

import numpy as np
import numpy.typing as npt

from bitesize.communities.models import Membership
from bitesize.goals.models import Goal
from bitesize.matching.cohort import CohortProblem, CohortResult, solve
from bitesize.matching.documents import AskDoc
from bitesize.matching.index import current_index
from bitesize.profiles.models import ProfileLanguage, ProfileSkill
from bitesize.profiles.selectors import workday_overlap_hours
from bitesize.programs.models import PairRule, Participant, Program
from bitesize.programs.rules import Person, Rules, allowed_pairs, why_not
from bitesize.safety.models import Block
from bitesize.scheduling.models import Booking

# (phase, fraction): compute() reports the overall fraction 0..1, a scorer its phase's 0..1.
Progress: TypeAlias = Callable[[str, float], None]
FloatArray: TypeAlias = npt.NDArray[np.float64]
Reasons: TypeAlias = dict[tuple[int, int], list[str]]  # (mentee row, mentor column) -> reasons

# Where each phase sits on the overall 0..1 scale: (start, share). Scoring runs the engine once
# per mentee and dominates small programs; the LP dominates very large ones.
PHASES: Mapping[str, tuple[float, float]] = {
    "loading": (0.0, 0.02),
    "scoring": (0.02, 0.48),
    "building": (0.50, 0.05),
    "solving": (0.55, 0.35),
    "greedy": (0.90, 0.04),
    "saving": (0.94, 0.06),
    "done": (1.0, 0.0),
}
UNSCORED = "Not ranked by the matching engine (no mentor profile, or fully booked this week)"
MAX_REASONS = 4
# Per mentee, the engine scores this many of the program's mentors, best first; the assignment
# is optimal among those pairs. Up to this many mentors, that is every pair.
SCORED_PER_MENTEE = 300


class CohortError(ValueError):
    """The program cannot be matched as it stands; the message says why, with names."""


def overall(phase: str, fraction: float) -> float:
    start, share = PHASES.get(phase, (0.0, 0.0))
    return min(1.0, max(0.0, start + share * min(1.0, max(0.0, fraction))))


@dataclass(frozen=True)
class Cohort:
    """A program as plain values: mentees are rows, mentors columns."""

    mentees: list[Person]
    mentors: list[Person]
    capacity: list[int]
    wants: list[str]  # per mentee: the text that describes what they want
    skills: list[tuple[str, ...]]  # per mentee: skills wanted
    rules: Rules
    languages: dict[int, tuple[str, ...]] = field(default_factory=dict)
    met: dict[int, frozenset[int]] = field(default_factory=dict)  # mentee -> mentors met


@dataclass(frozen=True)
class NamedPair:
    mentee: Person
    mentor: Person
    score: float
    must: bool
    reasons: list[str]


@dataclass(frozen=True)
class Outcome:
    cohort: Cohort
    result: CohortResult
    pairs: list[NamedPair]


@dataclass
class Scored:
    """Candidate pairs (mentee row, mentor column) with their 0..100 scores and reasons; a
    pair that is not here is never matched. Each pair at most once."""

    rows: list[int] = field(default_factory=list)
    cols: list[int] = field(default_factory=list)
    scores: list[float] = field(default_factory=list)
    reasons: Reasons = field(default_factory=dict)

    def add(self, row: int, col: int, score: float, reasons: list[str]) -> None:
        self.rows.append(row)
        self.cols.append(col)
        self.scores.append(score)
        self.reasons[(row, col)] = reasons


Scorer: TypeAlias = Callable[[Cohort, Progress], Scored]


def load_cohort(program: Program) -> Cohort:
    """The program's participants, capacities and rules, in a fixed number of queries."""
    participants = list(
        # People who have left the community, or whose account is closed, are not matched.
        Participant.objects.filter(
            program=program,
            user__is_active=True,
            user__memberships__community_id=program.community_id,
        )
        .select_related("user__profile")
        .order_by("role", "id")
    )

    def person(p: Participant) -> Person:
        profile = getattr(p.user, "profile", None)
        name = (profile.name if profile else "") or p.user.email
        return Person(p.user_id, name, profile.time_zone if profile else "UTC")

    mentee_rows = [p for p in participants if p.role == Participant.Role.MENTEE]
    mentor_rows = [p for p in participants if p.role == Participant.Role.MENTOR]
    mentee_ids = [p.user_id for p in mentee_rows]
    goals: dict[int, list[str]] = defaultdict(list)
    for owner, title, description in Goal.objects.filter(
        owner_id__in=mentee_ids, status=Goal.Status.ACTIVE
    ).values_list("owner_id", "title", "description"):
        goals[owner].append(f"{title}. {description}".strip(" ."))
    learning: dict[int, list[str]] = defaultdict(list)
    for user_id, name, tag in ProfileSkill.objects.filter(
        profile__user_id__in=mentee_ids, level=ProfileSkill.Level.LEARNING
    ).values_list("profile__user_id", "skill__name", "tag"):
        learning[user_id].append(name or tag)
    languages: dict[int, list[str]] = defaultdict(list)
    for user_id, code in ProfileLanguage.objects.filter(
        profile__user_id__in=mentee_ids
    ).values_list("profile__user_id", "code"):
        languages[user_id].append(code)
    met: dict[int, set[int]] = defaultdict(set)
    for mentee_id, mentor_id in Booking.objects.filter(
        mentee_id__in=mentee_ids, state__in=Booking.HOLDING
    ).values_list("mentee_id", "mentor_id"):
        met[mentee_id].add(mentor_id)
    wants, skills = [], []
    for p in mentee_rows:
        profile = getattr(p.user, "profile", None)
        headline = profile.headline if profile else ""
        wanted = tuple(dict.fromkeys([*(str(s) for s in p.skills or ()), *learning[p.user_id]]))
        text = [p.goals, *goals[p.user_id], headline]
        if wanted:
            text.append("Wants to learn " + ", ".join(wanted))
        wants.append("\n".join(t for t in text if t.strip()))
        skills.append(wanted)
    rule_rows = list(
        PairRule.objects.filter(program=program).values_list("mentee", "mentor", "kind")
    )
    manager_of = dict(
        Membership.objects.filter(community_id=program.community_id).values_list(
            "user_id", "reports_to_id"
        )
    )
    # People who blocked each other (either way) are never paired.
    people = [p.user_id for p in participants]
    blocked = {
        pair
        for a, b in Block.objects.filter(blocker_id__in=people, blocked_id__in=people).values_list(
            "blocker_id", "blocked_id"
        )
        for pair in ((a, b), (b, a))
    }
    rules = Rules(
        on=program.starts_on,
        max_tz_gap_hours=program.max_tz_gap_hours,
        exclude_reporting_line=program.exclude_reporting_line,
        manager_of=manager_of,
        must=frozenset((a, b) for a, b, kind in rule_rows if kind == PairRule.Kind.MUST),
        must_not=frozenset(
            {(a, b) for a, b, kind in rule_rows if kind == PairRule.Kind.MUST_NOT} | blocked
        ),
    )
    return Cohort(
        mentees=[person(p) for p in mentee_rows],
        mentors=[person(p) for p in mentor_rows],
        capacity=[
            p.capacity if p.capacity is not None else program.default_capacity for p in mentor_rows
        ],
        wants=wants,
        skills=skills,
        rules=rules,
        languages={k: tuple(v) for k, v in languages.items()},
        met={k: frozenset(v) for k, v in met.items()},
    )


def engine_scores(cohort: Cohort, progress: Progress) -> Scored:
    """Each mentee's best SCORED_PER_MENTEE mentors (all of them in smaller programs), scored
    0..100 by the matching engine, with reasons; and every must-match pair."""
    n, m = len(cohort.mentees), len(cohort.mentors)
    scored = Scored()
    if not n or not m:
        return scored
    index = current_index()
    column = {p.user_id: j for j, p in enumerate(cohort.mentors)}
    # Every channel may return all of them: the experience channel takes a quarter.
    candidates = 4 * m + 4
    # Mentors the engine does not rank (no mentor profile, or booked up this week) are
    # candidates of every mentee, at score 0.
    rankable = {
        r.mentor_id
        for r in index.rank(AskDoc(text=""), allowed=set(column), k=m, candidates=candidates)
    }
    unranked = [j for p, j in column.items() if p not in rankable]
    must_of = dict(cohort.rules.must)
    docs = [
        AskDoc(
            text=cohort.wants[i],
            skills=cohort.skills[i],
            languages=cohort.languages.get(mentee.user_id, ()),
            time_zone=mentee.time_zone,
            met_mentor_ids=cohort.met.get(mentee.user_id, frozenset()),
        )
        for i, mentee in enumerate(cohort.mentees)
    ]
    vectors = index.ask_vectors([d for d in docs if d.text.strip()]) if rankable else None
    vector_of = iter(vectors) if vectors is not None else None
    noon = datetime.combine(cohort.rules.on, time(12), tzinfo=UTC)

    def overlap(zone_a: str, zone_b: str) -> float:
        return workday_overlap_hours(zone_a, zone_b, on=noon) / 9.0

    k = min(len(rankable), SCORED_PER_MENTEE)
    for i, doc in enumerate(docs):
        vector = next(vector_of) if vector_of is not None and doc.text.strip() else None
        ranked = []
        if rankable:
            ranked = index.rank(
                doc,
                allowed=rankable,
                k=k,
                candidates=candidates,
                ask_vector=vector,
                zone_overlap=overlap,
            )
            must = must_of.get(cohort.mentees[i].user_id)
            if must in rankable and all(r.mentor_id != must for r in ranked):
                ranked += index.rank(
                    doc, allowed={must}, k=1, ask_vector=vector, zone_overlap=overlap
                )
        for r in ranked:
            scored.add(i, column[r.mentor_id], r.score, r.reasons[:MAX_REASONS])
        for j in unranked:
            scored.add(i, j, 0.0, [UNSCORED])
        progress("scoring", (i + 1) / n)
    return scored


def check(cohort: Cohort) -> None:
    """Raise CohortError, naming people, when must-match rules cannot all hold."""
    row = {p.user_id: i for i, p in enumerate(cohort.mentees)}
    column = {p.user_id: j for j, p in enumerate(cohort.mentors)}
    taken: dict[int, int] = defaultdict(int)
    for mentee_id, mentor_id in sorted(cohort.rules.must):
        if mentee_id not in row or mentor_id not in column:
            continue  # a rule about someone no longer in the program
        mentee, mentor = cohort.mentees[row[mentee_id]], cohort.mentors[column[mentor_id]]
        problem = why_not(mentee, mentor, cohort.rules)
        if problem is not None:
            raise CohortError(
                f"{mentee.name} and {mentor.name} must match, but the pair {problem}."
            )
        taken[column[mentor_id]] += 1
    for j, count in sorted(taken.items()):
        if count > cohort.capacity[j]:
            mentor = cohort.mentors[j]
            raise CohortError(
                f"{mentor.name} has {count} must-match mentees but room for {cohort.capacity[j]}."
            )


def compute(
    program: Program,
    *,
    objective: str | None = None,
    progress: Progress | None = None,
    scorer: Scorer | None = None,
) -> Outcome:
    """The optimal assignment for the program as it stands (nothing is stored)."""
    report = progress or (lambda phase, fraction: None)

    def step(phase: str, fraction: float) -> None:
        report(phase, overall(phase, fraction))

    step("loading", 0.0)
    cohort = load_cohort(program)
    check(cohort)
    step("loading", 1.0)
    row = {p.user_id: i for i, p in enumerate(cohort.mentees)}
    column = {p.user_id: j for j, p in enumerate(cohort.mentors)}
    step("scoring", 0.0)
    scored = (scorer or engine_scores)(cohort, step)
    n, m = len(cohort.mentees), len(cohort.mentors)
    must = tuple(
        sorted((row[a], column[b]) for a, b in cohort.rules.must if a in row and b in column)
    )
    rows = np.asarray(scored.rows, dtype=np.int64)
    cols = np.asarray(scored.cols, dtype=np.int64)
    values = np.asarray(scored.scores, dtype=np.float64)
    keep = allowed_pairs(cohort.mentees, cohort.mentors, cohort.rules)[rows, cols]
    rows, cols, values = rows[keep], cols[keep], values[keep]
    score_of = dict(
        zip(zip(rows.tolist(), cols.tolist(), strict=True), values.tolist(), strict=True)
    )
    # A must pair the scorer left out still counts (check() made sure the rules allow it).
    missing = [pair for pair in must if pair not in score_of]
    if missing:
        rows = np.concatenate((rows, [i for i, _ in missing]))
        cols = np.concatenate((cols, [j for _, j in missing]))
        values = np.concatenate((values, np.zeros(len(missing))))
        score_of.update(dict.fromkeys(missing, 0.0))
    problem = CohortProblem.from_triples(
        rows,
        cols,
        values,
        n_mentees=n,
        n_mentors=m,
        capacity=np.asarray(cohort.capacity, dtype=np.int64),
        must=must,
        objective="coverage" if (objective or program.objective) == "coverage" else "score",
    )

    def solver_progress(phase: str, fraction: float) -> None:
        # The solver's "done" is not ours: saving comes after it.
        if phase == "done":
            phase, fraction = "greedy", 1.0
        step(phase, fraction)

    try:
        result = solve(problem, progress=solver_progress)
    except ValueError as exc:  # check() covers must pairs; this is a safety net
        raise CohortError(str(exc)) from exc
    must_set = set(must)
    pairs = [
        NamedPair(
            mentee=cohort.mentees[i],
            mentor=cohort.mentors[j],
            score=score_of[(i, j)],
            must=(i, j) in must_set,
            reasons=scored.reasons.get((i, j), []),
        )
        for i, j in result.pairs
    ]
    return Outcome(cohort=cohort, result=result, pairs=pairs)
