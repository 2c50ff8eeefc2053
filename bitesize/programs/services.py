"""Writes of programs: the program itself, its participants and pair rules, and cohort runs.

Access is checked by the callers' getters (selectors.access_program_by_id answers 404 to
anyone who does not administer the community; the Django admin is for staff); services check
what the data must satisfy, whoever calls them."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from datetime import date, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify

from bitesize.accounts.models import User
from bitesize.communities.models import Community, Membership
from bitesize.notifications.services import notify
from bitesize.programs import cohort
from bitesize.programs.models import (
    CohortPair,
    CohortRun,
    Objective,
    PairRule,
    Participant,
    Program,
)

log = logging.getLogger(__name__)

PROGRESS_EVERY = 0.5  # seconds between progress writes while a run works
STALE_AFTER = timedelta(minutes=30)  # a running run silent this long lost its worker

PROGRAM_FIELDS = (
    "name",
    "description",
    "starts_on",
    "ends_on",
    "objective",
    "max_tz_gap_hours",
    "exclude_reporting_line",
    "default_capacity",
)


class RunInProgress(Exception):
    """The program already has a queued or running cohort run."""


def _validate(instance: Any) -> None:
    # full_clean checks fields and constraints (dates in order, ranges, unique slug) with
    # messages per field; the API turns them into a 400 that names the field.
    instance.full_clean()


def program_create(
    *,
    community: Community,
    by: User | None,
    name: str,
    starts_on: date,
    ends_on: date,
    slug: str = "",
    **fields: Any,
) -> Program:
    unknown = set(fields) - set(PROGRAM_FIELDS)
    if unknown:
        raise TypeError(f"unknown program fields: {sorted(unknown)}")
    with transaction.atomic():
        if not slug:
            base = slugify(name)[:50] or "program"
            slug, n = base, 1
            while Program.objects.filter(community=community, slug=slug).exists():
                n += 1
                slug = f"{base}-{n}"
        program = Program(
            community=community,
            name=name,
            slug=slug,
            starts_on=starts_on,
            ends_on=ends_on,
            created_by=by,
            **fields,
        )
        _validate(program)
        program.save()
    return program


def program_update(*, program: Program, fields: dict[str, Any]) -> Program:
    unknown = set(fields) - set(PROGRAM_FIELDS)
    if unknown:
        raise TypeError(f"unknown program fields: {sorted(unknown)}")
    with transaction.atomic():
        for name, value in fields.items():
            setattr(program, name, value)
        _validate(program)
        program.save(update_fields=list(fields) or None)
    return program


def participant_add(
    *,
    program: Program,
    user: User,
    role: str,
    capacity: int | None = None,
    goals: str = "",
    skills: Sequence[str] = (),
) -> tuple[Participant, bool]:
    """Add a member of the program's community as mentee or mentor (again: update them)."""
    if role not in Participant.Role.values:
        raise ValidationError({"role": f"Unknown role {role!r}; use mentee or mentor."})
    if role == Participant.Role.MENTEE and capacity is not None:
        raise ValidationError({"capacity": "Only mentors have a capacity."})
    if not Membership.objects.filter(community_id=program.community_id, user=user).exists():
        raise ValidationError({"user": "Not a member of this program's community."})
    clean_skills = list(dict.fromkeys(s.strip() for s in skills if s.strip()))
    with transaction.atomic():
        participant, created = Participant.objects.select_for_update().get_or_create(
            program=program,
            user=user,
            role=role,
            defaults={"capacity": capacity, "goals": goals, "skills": clean_skills},
        )
        if not created:
            participant.capacity, participant.goals = capacity, goals
            participant.skills = clean_skills
        _validate(participant)
        if not created:
            participant.save(update_fields=["capacity", "goals", "skills"])
    return participant, created


def participant_remove(*, participant: Participant) -> None:
    """Remove someone from the program, with the pair rules that name them in that role."""
    with transaction.atomic():
        side = "mentee" if participant.role == Participant.Role.MENTEE else "mentor"
        PairRule.objects.filter(
            program_id=participant.program_id, **{side: participant.user}
        ).delete()
        participant.delete()


def pair_rule_set(
    *, program: Program, mentee: User, mentor: User, kind: str, note: str = ""
) -> tuple[PairRule, bool]:
    """Say that a mentee must (or must not) be matched with a mentor in this program."""
    if kind not in PairRule.Kind.values:
        raise ValidationError({"kind": f"Unknown kind {kind!r}; use must or must_not."})
    if mentee.pk == mentor.pk:
        raise ValidationError({"mentor": "A person cannot mentor themselves."})
    members = set(
        Participant.objects.filter(program=program, user__in=[mentee, mentor]).values_list(
            "user_id", "role"
        )
    )
    if (mentee.pk, Participant.Role.MENTEE) not in members:
        raise ValidationError({"mentee": "Not a mentee of this program."})
    if (mentor.pk, Participant.Role.MENTOR) not in members:
        raise ValidationError({"mentor": "Not a mentor of this program."})
    try:
        with transaction.atomic():
            rule, created = PairRule.objects.update_or_create(
                program=program, mentee=mentee, mentor=mentor, defaults={"kind": kind, "note": note}
            )
    except IntegrityError as exc:  # the one-must-per-mentee constraint
        raise ValidationError(
            {"kind": "This mentee already has a must-match mentor in this program."}
        ) from exc
    return rule, created


def pair_rule_remove(*, rule: PairRule) -> None:
    rule.delete()


# --- cohort runs -------------------------------------------------------------------------------


def cohort_run_start(
    *,
    program: Program,
    by: User | None,
    objective: str | None = None,
    enqueue: bool = True,
) -> CohortRun:
    """Queue a cohort run of the program; the task computes it (enqueue=False: the caller
    runs cohort_run_execute itself, as the command does).

    Raises RunInProgress when one is queued or running (the database guarantees it, however
    many requests race), ValidationError when the program has no mentee or no mentor."""
    objective = objective or program.objective
    if objective not in Objective.values:
        raise ValidationError({"objective": "Use score or coverage."})
    roles = set(Participant.objects.filter(program=program).values_list("role", flat=True))
    if Participant.Role.MENTEE not in roles or Participant.Role.MENTOR not in roles:
        raise ValidationError("Add at least one mentee and one mentor before matching.")
    try:
        with transaction.atomic():
            # A running run that has been silent for long lost its worker; it would block
            # the program for good otherwise.
            CohortRun.objects.filter(
                program=program,
                state=CohortRun.State.RUNNING,
                updated_at__lt=timezone.now() - STALE_AFTER,
            ).update(
                state=CohortRun.State.FAILED,
                error="No progress for 30 minutes: the worker running it stopped.",
                finished_at=timezone.now(),
                updated_at=timezone.now(),
            )
            if CohortRun.objects.filter(program=program, state__in=CohortRun.ACTIVE).exists():
                raise RunInProgress("A cohort run of this program is already queued or running.")
            run = CohortRun.objects.create(
                program=program, started_by=by, objective=objective, phase="queued"
            )
            if enqueue:
                from bitesize.programs.tasks import run_cohort

                run_id = run.pk
                transaction.on_commit(lambda: run_cohort.enqueue(run_id))
    except IntegrityError as exc:  # a concurrent start won the race to the unique index
        raise RunInProgress("A cohort run of this program is already queued or running.") from exc
    return run


class _ProgressWriter:
    """Writes a run's progress at most every PROGRESS_EVERY seconds (and at each new phase),
    and passes it on to an optional listener (the command's progress bar)."""

    def __init__(self, run_id: int, listener: Callable[[str, float], None] | None) -> None:
        self.run_id = run_id
        self.listener = listener
        self.phase = ""
        self.written = 0.0

    def __call__(self, phase: str, fraction: float) -> None:
        if self.listener is not None:
            self.listener(phase, fraction)
        now = time.monotonic()
        if phase != self.phase or now - self.written >= PROGRESS_EVERY:
            self.phase, self.written = phase, now
            CohortRun.objects.filter(pk=self.run_id, state=CohortRun.State.RUNNING).update(
                phase=phase, progress=fraction, updated_at=timezone.now()
            )


def cohort_run_execute(
    *,
    run_id: int,
    progress: Callable[[str, float], None] | None = None,
    scorer: cohort.Scorer | None = None,
) -> CohortRun | None:
    """Compute a queued run and store its pairs and figures. Safe to call twice: only the
    call that moves the run from queued to running does the work. None: no such run."""
    started = timezone.now()
    claimed = CohortRun.objects.filter(pk=run_id, state=CohortRun.State.QUEUED).update(
        state=CohortRun.State.RUNNING,
        started_at=started,
        phase="loading",
        progress=0.0,
        updated_at=started,
    )
    run = CohortRun.objects.select_related("program__community").filter(pk=run_id).first()
    if run is None or not claimed:
        return run
    clock = time.perf_counter()
    writer = _ProgressWriter(run_id, progress)
    try:
        outcome = cohort.compute(
            run.program, objective=run.objective, progress=writer, scorer=scorer
        )
    except cohort.CohortError as exc:
        return _fail(run, str(exc))
    except Exception as exc:
        log.exception("Cohort run %s failed", run_id)
        return _fail(run, f"Internal error: {type(exc).__name__}: {exc}")
    writer("saving", cohort.overall("saving", 0.0))
    result = outcome.result
    with transaction.atomic():
        CohortPair.objects.bulk_create(
            [
                CohortPair(
                    run=run,
                    mentee_id=pair.mentee.user_id,
                    mentor_id=pair.mentor.user_id,
                    score=round(pair.score, 4),
                    must=pair.must,
                    reasons=pair.reasons,
                )
                for pair in outcome.pairs
            ],
            batch_size=1000,
        )
        run.state = CohortRun.State.DONE
        run.phase = "done"
        run.progress = 1.0
        run.mentees = len(outcome.cohort.mentees)
        run.mentors = len(outcome.cohort.mentors)
        run.matched = result.matched
        run.coverage = result.coverage
        run.objective_value = result.objective_value
        run.greedy_value = result.greedy_value
        run.greedy_matched = result.greedy_matched
        run.gain_over_greedy = result.gain_over_greedy
        run.seconds = time.perf_counter() - clock
        run.finished_at = timezone.now()
        run.save()
    if progress is not None:
        progress("done", 1.0)
    return run


def _fail(run: CohortRun, error: str) -> CohortRun:
    run.state = CohortRun.State.FAILED
    run.error = error
    run.finished_at = timezone.now()
    run.save(update_fields=["state", "error", "finished_at", "updated_at"])
    return run


def cohort_run_publish(*, run: CohortRun, by: User | None) -> int:
    """Tell each matched pair about their match, once. Returns how many people were told."""
    with transaction.atomic():
        locked = CohortRun.objects.select_for_update().get(pk=run.pk)
        if locked.state != CohortRun.State.DONE:
            raise ValidationError("Only a finished run can be published.")
        if locked.published_at is not None:
            raise ValidationError("This run has been published already.")
        program = run.program
        told = 0
        for pair in CohortPair.objects.filter(run=locked).select_related(
            "mentee__profile", "mentor__profile"
        ):
            for person, other, role in (
                (pair.mentee, pair.mentor, "mentor"),
                (pair.mentor, pair.mentee, "mentee"),
            ):
                profile = getattr(other, "profile", None)
                name = profile.name if profile else other.email
                notify(
                    user=person,
                    kind="program.matched",
                    title=f"{program.name}: your {role} is {name}",
                    body=f"You were matched for {program.name} "
                    f"({program.starts_on:%d %b} – {program.ends_on:%d %b %Y}).",
                    url=f"/people/{profile.handle}/" if profile else "",
                )
                told += 1
        locked.published_at = timezone.now()
        locked.save(update_fields=["published_at", "updated_at"])
        run.published_at = locked.published_at
    return told
