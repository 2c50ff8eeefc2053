"""Cohort runs end to end on the database: started through the service, computed by the task,
stored with their figures and pairs; rules honoured; one active run per program."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django_tasks_db.models import DBTaskResult

from bitesize.communities.models import Membership
from bitesize.notifications.models import Notification
from bitesize.programs import cohort, services
from bitesize.programs.models import CohortPair, CohortRun, PairRule
from bitesize.programs.rules import Person, Rules, allowed_pairs, zone_gap_hours
from bitesize.programs.tests.conftest import SCORES, execute, member, table_scorer
from conftest import run_due_tasks

pytestmark = pytest.mark.django_db


@pytest.fixture
def scored(monkeypatch: pytest.MonkeyPatch) -> dict[tuple[str, str], float]:
    """Runs started through the task score pairs from a table instead of the engine."""
    table = dict(SCORES)
    monkeypatch.setattr(cohort, "engine_scores", table_scorer(table))
    return table


def pairs_of(run: CohortRun) -> set[tuple[str, str]]:
    return {
        (p.mentee.profile.name, p.mentor.profile.name)
        for p in CohortPair.objects.filter(run=run).select_related(
            "mentee__profile", "mentor__profile"
        )
    }


def test_a_run_started_by_the_service_is_computed_by_the_task(program, dana, scored, start):
    run = start(program=program, by=dana)
    assert (run.state, run.objective, run.started_by) == ("queued", "score", dana)
    assert run_due_tasks() == 1
    run.refresh_from_db()
    assert run.state == CohortRun.State.DONE, run.error
    assert pairs_of(run) == {("Mia", "Ben"), ("Noor", "Ada")}
    assert (run.mentees, run.mentors, run.matched, run.coverage) == (2, 2, 2, 1.0)
    assert run.objective_value == pytest.approx(1.7)
    assert run.greedy_value == pytest.approx(1.1)
    assert run.gain_over_greedy == pytest.approx(1.7 / 1.1 - 1)
    assert (run.progress, run.phase) == (1.0, "done")
    assert run.started_at is not None and run.finished_at is not None
    assert run.seconds is not None and run.seconds >= 0
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"


def test_running_the_task_twice_computes_once(program, dana, scored, start):
    run = start(program=program, by=dana)
    run = execute(run)
    again = services.cohort_run_execute(run_id=run.pk)
    assert again is not None and again.state == "done"
    assert CohortPair.objects.filter(run=run).count() == 2


def test_a_second_start_is_refused_while_one_is_active(program, dana, scored, start):
    first = start(program=program, by=dana)
    with pytest.raises(services.RunInProgress):
        start(program=program, by=dana)
    assert CohortRun.objects.count() == 1
    run_due_tasks()
    second = start(program=program, by=dana, objective="coverage")
    assert second.pk != first.pk and second.objective == "coverage"


def test_a_run_that_lost_its_worker_does_not_block_the_program(program, dana, scored, start):
    stuck = services.cohort_run_start(program=program, by=dana, enqueue=False)
    long_ago = stuck.created_at - services.STALE_AFTER * 2
    CohortRun.objects.filter(pk=stuck.pk).update(state="running", updated_at=long_ago)
    fresh = start(program=program, by=dana)
    stuck.refresh_from_db()
    assert stuck.state == "failed" and "worker" in stuck.error
    assert fresh.state == "queued"


def test_coverage_matches_more_mentees_than_score(program, dana, people, scored, org, start):
    # Ada is Noor's only allowed mentor now; by score Mia takes Ada and Noor goes without.
    services.pair_rule_set(
        program=program, mentee=people["Noor"], mentor=people["Ben"], kind="must_not"
    )
    scored[("Mia", "Ben")] = 0.1
    by_score = services.cohort_run_start(program=program, by=dana, enqueue=False)
    services.cohort_run_execute(run_id=by_score.pk)
    by_coverage = start(program=program, by=dana, objective="coverage")
    run_due_tasks()
    by_score.refresh_from_db()
    by_coverage.refresh_from_db()
    assert pairs_of(by_score) == {("Mia", "Ada")}
    assert (by_score.matched, by_score.coverage) == (1, 0.5)
    assert pairs_of(by_coverage) == {("Mia", "Ben"), ("Noor", "Ada")}
    assert (by_coverage.matched, by_coverage.coverage) == (2, 1.0)


def test_the_time_zone_gap_rule_is_honoured(program, dana, people, scored, start):
    # Ben moves to Tokyo: 8 hours from Berlin in March, more than the program allows.
    people["Ben"].profile.time_zone = "Asia/Tokyo"
    people["Ben"].profile.save()
    services.program_update(program=program, fields={"max_tz_gap_hours": 4})
    run = start(program=program, by=dana)
    run_due_tasks()
    run.refresh_from_db()
    assert pairs_of(run) == {("Mia", "Ada")}
    program.max_tz_gap_hours = 8
    program.save()
    run = start(program=program, by=dana)
    run_due_tasks()
    run.refresh_from_db()
    assert pairs_of(run) == {("Mia", "Ben"), ("Noor", "Ada")}


def test_the_reporting_line_rule_is_honoured(program, dana, people, scored, org, start):
    # Ada manages Noor's manager: Noor and Ada are in one reporting line.
    boss = member(org, "lee@example.com", "Lee")
    Membership.objects.filter(user=boss).update(reports_to=people["Ada"])
    Membership.objects.filter(user=people["Noor"]).update(reports_to=boss)
    run = services.cohort_run_start(program=program, by=dana, enqueue=False)
    run = execute(run)
    assert pairs_of(run) == {("Mia", "Ben"), ("Noor", "Ada")}  # the rule is off by default
    services.program_update(program=program, fields={"exclude_reporting_line": True})
    run = services.cohort_run_start(program=program, by=dana, enqueue=False)
    run = execute(run)
    assert pairs_of(run) == {("Mia", "Ada"), ("Noor", "Ben")}


def test_must_and_must_not_rules_are_honoured(program, dana, people, scored, start):
    services.pair_rule_set(program=program, mentee=people["Mia"], mentor=people["Ada"], kind="must")
    run = services.cohort_run_start(program=program, by=dana, enqueue=False)
    run = execute(run)
    assert pairs_of(run) == {("Mia", "Ada"), ("Noor", "Ben")}
    assert CohortPair.objects.get(run=run, mentee=people["Mia"]).must is True
    assert run.objective_value == pytest.approx(1.1)

    PairRule.objects.all().delete()
    services.pair_rule_set(
        program=program, mentee=people["Mia"], mentor=people["Ben"], kind="must_not"
    )
    run = services.cohort_run_start(program=program, by=dana, enqueue=False)
    run = execute(run)
    assert pairs_of(run) == {("Mia", "Ada"), ("Noor", "Ben")}


def test_a_must_pair_that_breaks_a_rule_fails_the_run_with_names(
    program, dana, people, scored, start
):
    people["Ben"].profile.time_zone = "America/Los_Angeles"
    people["Ben"].profile.save()
    services.program_update(program=program, fields={"max_tz_gap_hours": 3})
    services.pair_rule_set(program=program, mentee=people["Mia"], mentor=people["Ben"], kind="must")
    run = start(program=program, by=dana)
    run_due_tasks()
    run.refresh_from_db()
    assert run.state == "failed"
    assert run.error == (
        "Mia and Ben must match, but the pair is 9 h apart in time zones (at most 3 h)."
    )
    assert not CohortPair.objects.exists()


def test_must_pairs_beyond_a_mentors_capacity_fail_the_run(program, dana, people, scored, start):
    services.pair_rule_set(program=program, mentee=people["Mia"], mentor=people["Ada"], kind="must")
    services.pair_rule_set(
        program=program, mentee=people["Noor"], mentor=people["Ada"], kind="must"
    )
    run = services.cohort_run_start(program=program, by=dana, enqueue=False)
    run = execute(run)
    assert run.state == "failed"
    assert run.error == "Ada has 2 must-match mentees but room for 1."


def test_an_unexpected_error_fails_the_run_and_frees_the_program(
    program, dana, monkeypatch: pytest.MonkeyPatch, start
):
    def broken(cohort_: cohort.Cohort, progress: cohort.Progress) -> None:
        raise RuntimeError("the index is gone")

    monkeypatch.setattr(cohort, "engine_scores", broken)
    run = start(program=program, by=dana)
    run_due_tasks()
    run.refresh_from_db()
    assert (run.state, run.error) == ("failed", "Internal error: RuntimeError: the index is gone")
    start(program=program, by=dana)  # not blocked


def test_progress_is_written_while_the_run_works(program, dana, scored, start):
    seen: list[tuple[str, float]] = []
    run = services.cohort_run_start(program=program, by=dana, enqueue=False)

    def listener(phase: str, fraction: float) -> None:
        stored = CohortRun.objects.get(pk=run.pk)
        seen.append((stored.phase, stored.progress))

    services.cohort_run_execute(run_id=run.pk, progress=listener)
    phases = [p for i, (p, _) in enumerate(seen) if i == 0 or seen[i - 1][0] != p]
    assert phases[:3] == ["loading", "scoring", "building"]
    assert "solving" in phases and phases[-1] == "done"
    fractions = [f for _, f in seen]
    assert fractions == sorted(fractions)


def test_starting_needs_mentees_and_mentors(org, dana, people, start):
    program = services.program_create(
        community=org, by=dana, name="Empty", starts_on=date(2027, 1, 1), ends_on=date(2027, 2, 1)
    )
    services.participant_add(program=program, user=people["Mia"], role="mentee")
    with pytest.raises(ValidationError, match="at least one mentee and one mentor"):
        start(program=program, by=dana)
    assert not CohortRun.objects.exists()


def test_participants_must_be_members_and_rules_need_the_right_roles(program, people, charlie):
    with pytest.raises(ValidationError, match="Not a member"):
        services.participant_add(program=program, user=charlie, role="mentee")
    with pytest.raises(ValidationError, match="Not a mentee"):
        services.pair_rule_set(
            program=program, mentee=people["Ada"], mentor=people["Ben"], kind="must"
        )
    services.pair_rule_set(program=program, mentee=people["Mia"], mentor=people["Ada"], kind="must")
    with pytest.raises(ValidationError, match="already has a must-match mentor"):
        services.pair_rule_set(
            program=program, mentee=people["Mia"], mentor=people["Ben"], kind="must"
        )


def test_publishing_tells_each_matched_person_once(program, dana, people, scored, start):
    run = services.cohort_run_start(program=program, by=dana, enqueue=False)
    run = execute(run)
    assert services.cohort_run_publish(run=run, by=dana) == 4
    titles = set(Notification.objects.values_list("user__profile__name", "title"))
    assert ("Mia", "Spring cohort: your mentor is Ben") in titles
    assert ("Ben", "Spring cohort: your mentee is Mia") in titles
    with pytest.raises(ValidationError, match="published already"):
        services.cohort_run_publish(run=run, by=dana)
    assert Notification.objects.count() == 4


def test_the_engine_scores_pairs_by_what_mentees_want(org, dana, alice):
    # The real engine: a mentee who wants Kubernetes goes to Alice, who knows it.
    rita = member(org, "rita@example.com", "Rita")
    sam = member(org, "sam@example.com", "Sam", role=Membership.Role.MENTOR)
    sam.profile.is_mentor = True
    sam.profile.headline = "Watercolour painter"
    sam.profile.save()
    program = services.program_create(
        community=org,
        by=dana,
        name="Platform",
        starts_on=date(2027, 3, 1),
        ends_on=date(2027, 4, 1),
        default_capacity=1,
    )
    services.participant_add(
        program=program,
        user=rita,
        role="mentee",
        goals="Run our services on Kubernetes",
        skills=["Kubernetes"],
    )
    services.participant_add(program=program, user=alice, role="mentor")
    services.participant_add(program=program, user=sam, role="mentor")
    outcome = cohort.compute(program)
    (pair,) = outcome.pairs
    assert (pair.mentee.name, pair.mentor.name) == ("Rita", "Alice Moreau")
    assert 0 < pair.score <= 100
    assert any("Kubernetes" in reason for reason in pair.reasons)


def test_zone_gaps_go_the_short_way_around() -> None:
    on = date(2027, 1, 15)
    assert zone_gap_hours("Pacific/Auckland", "Pacific/Pago_Pago", on) == 0  # +13 and -11
    assert zone_gap_hours("Europe/Berlin", "Asia/Kolkata", on) == 4.5
    assert zone_gap_hours("Europe/Berlin", "Europe/Berlin", on) == 0
    mentees = [Person(1, "a", "Europe/Berlin"), Person(2, "b", "Asia/Tokyo")]
    mentors = [Person(3, "c", "Europe/London"), Person(1, "a", "Europe/Berlin")]
    allowed = allowed_pairs(mentees, mentors, Rules(on=on, max_tz_gap_hours=1))
    assert allowed.tolist() == [[True, False], [False, False]]  # never oneself


def test_the_database_refuses_a_second_active_run(program):
    from django.db import IntegrityError, transaction

    CohortRun.objects.create(program=program, objective="score", state="running")
    CohortRun.objects.create(program=program, objective="score", state="done")
    with pytest.raises(IntegrityError), transaction.atomic():
        CohortRun.objects.create(program=program, objective="score", state="queued")


def test_large_programs_score_each_mentees_best_mentors_and_their_must_pair(
    org, dana, alice, monkeypatch: pytest.MonkeyPatch
):
    # One scored mentor per mentee stands for "more mentors than SCORED_PER_MENTEE".
    monkeypatch.setattr(cohort, "SCORED_PER_MENTEE", 1)
    rita = member(org, "rita@example.com", "Rita")
    tom = member(org, "tom@example.com", "Tom")
    sam = member(org, "sam@example.com", "Sam", role=Membership.Role.MENTOR)
    sam.profile.is_mentor = True
    sam.profile.headline = "Watercolour painter"
    sam.profile.save()
    uma = member(org, "uma@example.com", "Uma")  # no mentor profile: the engine skips her
    program = services.program_create(
        community=org,
        by=dana,
        name="Platform",
        starts_on=date(2027, 3, 1),
        ends_on=date(2027, 4, 1),
        default_capacity=1,
    )
    for mentee in (rita, tom):
        services.participant_add(
            program=program, user=mentee, role="mentee", goals="Kubernetes in production"
        )
    for mentor in (alice, sam, uma):
        services.participant_add(program=program, user=mentor, role="mentor")
    services.pair_rule_set(program=program, mentee=tom, mentor=sam, kind="must")

    loaded = cohort.load_cohort(program)
    scored = cohort.engine_scores(loaded, lambda phase, fraction: None)
    names = [p.name for p in loaded.mentors]
    candidates = {
        (loaded.mentees[i].name, names[j]) for i, j in zip(scored.rows, scored.cols, strict=True)
    }
    assert candidates == {
        ("Rita", "Alice Moreau"),
        ("Rita", "Uma"),
        ("Tom", "Alice Moreau"),
        ("Tom", "Sam"),
        ("Tom", "Uma"),
    }
    assert scored.reasons[(0, names.index("Uma"))] == [cohort.UNSCORED]

    outcome = cohort.compute(program)
    pairs = {(p.mentee.name, p.mentor.name, p.must) for p in outcome.pairs}
    assert pairs == {("Rita", "Alice Moreau", False), ("Tom", "Sam", True)}


def test_people_who_left_the_community_are_not_matched(program, dana, people, scored):
    Membership.objects.filter(user=people["Ben"]).delete()
    people["Noor"].is_active = False
    people["Noor"].save()
    run = execute(services.cohort_run_start(program=program, by=dana, enqueue=False))
    assert pairs_of(run) == {("Mia", "Ada")}
    assert (run.mentees, run.mentors) == (1, 1)


def test_people_who_blocked_each_other_are_never_paired(program, dana, people, scored, start):
    from bitesize.safety.services import block_create

    best = execute(services.cohort_run_start(program=program, by=dana, enqueue=False))
    (mentor_of_mia,) = {m for mentee, m in pairs_of(best) if mentee == "Mia"}
    block_create(blocker=people[mentor_of_mia], blocked=people["Mia"])
    run = execute(services.cohort_run_start(program=program, by=dana, enqueue=False))
    assert ("Mia", mentor_of_mia) not in pairs_of(run)
