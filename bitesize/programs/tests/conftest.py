"""A small program of the organisation: two mentees, two mentors, and scores where the best
assignment is not the greedy one (the greedy pairing takes the single best pair first)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest

from bitesize.accounts.models import User
from bitesize.communities.models import Community, Membership
from bitesize.programs import services
from bitesize.programs.cohort import Cohort, Progress, Scored
from bitesize.programs.models import CohortRun, Program
from conftest import make_user


def member(org: Community, email: str, name: str, zone: str = "Europe/Berlin", **kw: Any) -> User:
    user = make_user(email, name, zone=zone)
    Membership.objects.create(community=org, user=user, **kw)
    return user


def table_scorer(table: dict[tuple[str, str], float]) -> Callable[[Cohort, Progress], Any]:
    """A scorer that reads (mentee name, mentor name) -> score from a table (0 if absent)."""

    def scorer(cohort: Cohort, progress: Progress) -> Scored:
        scored = Scored()
        for i, a in enumerate(cohort.mentees):
            for j, b in enumerate(cohort.mentors):
                score = table.get((a.name, b.name), 0.0)
                scored.add(i, j, score, [f"table says {score:g}"])
        progress("scoring", 1.0)
        return scored

    return scorer


# Greedy takes Mia -> Ada (1.0) first and leaves Noor with Ben (0.1): 1.1 in total. The
# optimum gives Ada to Noor and Ben to Mia: 0.9 + 0.8 = 1.7.
SCORES = {
    ("Mia", "Ada"): 1.0,
    ("Mia", "Ben"): 0.9,
    ("Noor", "Ada"): 0.8,
    ("Noor", "Ben"): 0.1,
}


@pytest.fixture
def people(org: Community, dana: User) -> dict[str, User]:
    return {
        "Mia": member(org, "mia@example.com", "Mia"),
        "Noor": member(org, "noor@example.com", "Noor"),
        "Ada": member(org, "ada@example.com", "Ada", role=Membership.Role.MENTOR),
        "Ben": member(org, "ben@example.com", "Ben", role=Membership.Role.MENTOR),
    }


@pytest.fixture
def program(org: Community, dana: User, people: dict[str, User]) -> Program:
    program = services.program_create(
        community=org,
        by=dana,
        name="Spring cohort",
        starts_on=date(2027, 3, 1),
        ends_on=date(2027, 5, 31),
        default_capacity=1,
    )
    for name in ("Mia", "Noor"):
        services.participant_add(program=program, user=people[name], role="mentee")
    for name in ("Ada", "Ben"):
        services.participant_add(program=program, user=people[name], role="mentor")
    return program


@pytest.fixture
def start(django_capture_on_commit_callbacks: Any) -> Callable[..., CohortRun]:
    """cohort_run_start with its after-commit work done (the task is enqueued)."""

    def call(**kwargs: Any) -> CohortRun:
        with django_capture_on_commit_callbacks(execute=True):
            return services.cohort_run_start(**kwargs)

    return call


def execute(run: CohortRun) -> CohortRun:
    """Compute a queued run here and now, as the task would."""
    done = services.cohort_run_execute(run_id=run.pk)
    assert done is not None
    return done
