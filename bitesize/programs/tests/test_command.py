"""manage.py cohort_match: a progress bar on stderr, the figures on stdout, a stored run
unless --dry-run."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from bitesize.programs import cohort
from bitesize.programs.models import CohortPair, CohortRun
from bitesize.programs.tests.conftest import SCORES, table_scorer

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def scored(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cohort, "engine_scores", table_scorer(dict(SCORES)))


def run_command(*args: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("cohort_match", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_it_matches_a_program_by_slug_and_stores_the_run(program):
    out, err = run_command("spring-cohort")
    run = CohortRun.objects.get()
    assert run.state == "done" and run.started_by is None
    assert CohortPair.objects.filter(run=run).count() == 2
    assert out.splitlines() == [
        "Spring cohort (Northwind), objective score",
        "Coverage:  2/2 mentees matched (100.0%)",
        "Objective: 1.70",
        "Greedy:    1.10 (2 matched)",
        "Gain:      +54.55% over greedy",
        f"Stored as run {run.pk} (2 pairs).",
    ]
    # The bar went through the phases and ended full.
    assert "scoring" in err and "solving" in err and "100%" in err


def test_a_dry_run_prints_the_pairs_and_stores_nothing(program):
    out, _ = run_command(str(program.pk), "--dry-run", "--objective", "coverage", "--no-progress")
    assert not CohortRun.objects.exists()
    assert "objective coverage, dry run" in out
    assert "  Mia → Ben (0.9)" in out and "  Noor → Ada (0.8)" in out
    assert "Dry run: nothing was stored." in out


def test_it_accepts_community_and_program_slug(program):
    out, _ = run_command("northwind/spring-cohort", "--dry-run", "--no-progress")
    assert "Objective: 1.70" in out


def test_it_says_what_is_wrong(program, people):
    with pytest.raises(CommandError, match="No program 'nope'"):
        run_command("nope")
    CohortRun.objects.create(program=program, objective="score", state="running")
    with pytest.raises(CommandError, match="already queued or running"):
        run_command("spring-cohort")
    assert CohortRun.objects.count() == 1
