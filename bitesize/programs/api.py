"""Programs in the JSON API: for the admins and owners of a community. Everyone else gets 404
for the community's programs and runs, and nothing changes."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Literal, cast

from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import Http404, HttpRequest
from ninja import Router, Schema, Status
from pydantic import Field

from bitesize.accounts.models import User
from bitesize.communities.selectors import access_community_by_slug
from bitesize.profiles.models import Profile
from bitesize.programs import services
from bitesize.programs.models import CohortPair, CohortRun, PairRule, Participant, Program
from bitesize.programs.selectors import (
    access_program_by_id,
    access_run_by_id,
    pairs_of,
    programs_of,
    runs_of,
)

router = Router(tags=["programs"])
ERR: dict[int, Any] = {400: dict, 401: dict, 404: dict, 422: dict}

ObjectiveName = Literal["score", "coverage"]


class ProgramIn(Schema):
    name: str = Field(..., min_length=1, max_length=120)
    slug: str = Field("", max_length=60, pattern=r"^[-a-z0-9]*$", description="Default: from name")
    description: str = Field("", max_length=3000)
    starts_on: date
    ends_on: date
    objective: ObjectiveName = "score"
    max_tz_gap_hours: int | None = Field(
        None, ge=0, le=12, description="Largest time-zone gap within a pair, in hours"
    )
    exclude_reporting_line: bool = Field(
        False, description="Never pair someone with a manager in their reporting line"
    )
    default_capacity: int = Field(2, ge=1, le=50, description="Mentees per mentor by default")


class ProgramPatch(Schema):
    name: str | None = Field(None, min_length=1, max_length=120)
    description: str | None = Field(None, max_length=3000)
    starts_on: date | None = None
    ends_on: date | None = None
    objective: ObjectiveName | None = None
    max_tz_gap_hours: int | None = Field(None, ge=0, le=12)
    exclude_reporting_line: bool | None = None
    default_capacity: int | None = Field(None, ge=1, le=50)


class ProgramOut(Schema):
    id: int
    community: str
    name: str
    slug: str
    description: str
    starts_on: date
    ends_on: date
    objective: str
    max_tz_gap_hours: int | None
    exclude_reporting_line: bool
    default_capacity: int
    mentees: int
    mentors: int


class ParticipantIn(Schema):
    person: str = Field(..., min_length=1, description="The member's profile handle")
    role: Literal["mentee", "mentor"]
    capacity: int | None = Field(None, ge=1, le=50, description="Mentors only")
    goals: str = Field("", max_length=2000, description="Mentees: what they want")
    skills: list[str] = Field(default_factory=list, max_length=20, description="Skills wanted")


class ParticipantOut(Schema):
    id: int
    person: str
    name: str
    role: str
    capacity: int | None
    goals: str
    skills: list[str]


class RuleIn(Schema):
    mentee: str = Field(..., min_length=1, description="The mentee's profile handle")
    mentor: str = Field(..., min_length=1, description="The mentor's profile handle")
    kind: Literal["must", "must_not"]
    note: str = Field("", max_length=200)


class RuleOut(Schema):
    id: int
    mentee: str
    mentor: str
    kind: str
    note: str


class RunIn(Schema):
    objective: ObjectiveName | None = Field(None, description="Default: the program's")


class PairOut(Schema):
    mentee: str
    mentee_name: str
    mentor: str
    mentor_name: str
    score: float = Field(..., description="The matching engine's 0..100 for the pair")
    must: bool
    reasons: list[str]


class RunOut(Schema):
    id: int
    program: int
    state: str
    objective: str
    phase: str
    progress: float = Field(..., ge=0, le=1)
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None
    mentees: int
    mentors: int
    matched: int
    coverage: float | None = Field(..., description="matched / mentees")
    objective_value: float | None = Field(..., description="Total score of the pairs")
    greedy_value: float | None = Field(..., description="Total score of the greedy pairing")
    greedy_matched: int | None
    gain_over_greedy: float | None = Field(..., description="(objective - greedy) / greedy")
    seconds: float | None
    error: str
    published_at: datetime | None
    pairs: list[PairOut] | None = Field(None, description="With GET of one run")


def _program_out(program: Program) -> ProgramOut:
    counts = Participant.objects.filter(program=program).aggregate(
        mentees=Count("id", filter=Q(role="mentee")), mentors=Count("id", filter=Q(role="mentor"))
    )
    return ProgramOut(
        id=program.pk,
        community=program.community.slug,
        name=program.name,
        slug=program.slug,
        description=program.description,
        starts_on=program.starts_on,
        ends_on=program.ends_on,
        objective=program.objective,
        max_tz_gap_hours=program.max_tz_gap_hours,
        exclude_reporting_line=program.exclude_reporting_line,
        default_capacity=program.default_capacity,
        mentees=counts["mentees"],
        mentors=counts["mentors"],
    )


def _handle(user: User) -> str:
    profile = getattr(user, "profile", None)
    return profile.handle if profile else ""


def _name(user: User) -> str:
    profile = getattr(user, "profile", None)
    return (profile.name if profile else "") or user.email


def _participant_out(p: Participant) -> ParticipantOut:
    return ParticipantOut(
        id=p.pk,
        person=_handle(p.user),
        name=_name(p.user),
        role=p.role,
        capacity=p.capacity,
        goals=p.goals,
        skills=list(p.skills or []),
    )


def _rule_out(rule: PairRule) -> RuleOut:
    return RuleOut(
        id=rule.pk,
        mentee=_handle(rule.mentee),
        mentor=_handle(rule.mentor),
        kind=rule.kind,
        note=rule.note,
    )


def _pair_out(pair: CohortPair) -> PairOut:
    return PairOut(
        mentee=_handle(pair.mentee),
        mentee_name=_name(pair.mentee),
        mentor=_handle(pair.mentor),
        mentor_name=_name(pair.mentor),
        score=pair.score,
        must=pair.must,
        reasons=list(pair.reasons or []),
    )


def _run_out(run: CohortRun, *, pairs: bool = False) -> RunOut:
    return RunOut(
        id=run.pk,
        program=run.program_id,
        state=run.state,
        objective=run.objective,
        phase=run.phase,
        progress=run.progress,
        created_at=run.created_at,
        started_at=run.started_at,
        finished_at=run.finished_at,
        mentees=run.mentees,
        mentors=run.mentors,
        matched=run.matched,
        coverage=run.coverage,
        objective_value=run.objective_value,
        greedy_value=run.greedy_value,
        greedy_matched=run.greedy_matched,
        gain_over_greedy=run.gain_over_greedy,
        seconds=run.seconds,
        error=run.error,
        published_at=run.published_at,
        pairs=[_pair_out(p) for p in pairs_of(run)] if pairs else None,
    )


def _member(program: Program, handle: str, field: str) -> User:
    """A member of the program's community by handle; a 400 naming the field otherwise."""
    profile = (
        Profile.objects.select_related("user")
        .filter(handle=handle, user__memberships__community_id=program.community_id)
        .first()
    )
    if profile is None:
        raise ValidationError({field: f"No member of this community has the handle {handle!r}."})
    return profile.user


def _user(request: HttpRequest) -> User:
    return cast(User, request.user)


@router.get(
    "/communities/{slug}/programs",
    response={200: list[ProgramOut], **ERR},
    summary="Programs of a community you administer",
)
def program_list(request: HttpRequest, slug: str) -> list[ProgramOut]:
    community = access_community_by_slug(_user(request), slug, admin=True)
    return [_program_out(p) for p in programs_of(community)]


@router.post(
    "/communities/{slug}/programs",
    response={201: ProgramOut, **ERR},
    summary="Create a program in a community you administer",
)
def program_create(request: HttpRequest, slug: str, payload: ProgramIn) -> Status[ProgramOut]:
    community = access_community_by_slug(_user(request), slug, admin=True)
    data = payload.model_dump()
    program = services.program_create(community=community, by=_user(request), **data)
    return Status(201, _program_out(program))


@router.get("/programs/{program_id}", response={200: ProgramOut, **ERR}, summary="A program")
def program_get(request: HttpRequest, program_id: int) -> ProgramOut:
    return _program_out(access_program_by_id(_user(request), program_id))


@router.patch(
    "/programs/{program_id}",
    response={200: ProgramOut, **ERR},
    summary="Change a program's dates, objective or rules",
)
def program_patch(request: HttpRequest, program_id: int, payload: ProgramPatch) -> ProgramOut:
    program = access_program_by_id(_user(request), program_id)
    fields = payload.model_dump(exclude_unset=True)
    for key in ("name", "description", "starts_on", "ends_on", "objective"):
        if key in fields and fields[key] is None:
            raise ValidationError({key: "May not be null."})
    if fields.get("exclude_reporting_line", False) is None:
        raise ValidationError({"exclude_reporting_line": "May not be null."})
    if "default_capacity" in fields and fields["default_capacity"] is None:
        raise ValidationError({"default_capacity": "May not be null."})
    return _program_out(services.program_update(program=program, fields=fields))


@router.get(
    "/programs/{program_id}/participants",
    response={200: list[ParticipantOut], **ERR},
    summary="Mentees and mentors of a program",
)
def participant_list(request: HttpRequest, program_id: int) -> list[ParticipantOut]:
    program = access_program_by_id(_user(request), program_id)
    found = Participant.objects.filter(program=program).select_related("user__profile")
    return [_participant_out(p) for p in found]


@router.post(
    "/programs/{program_id}/participants",
    response={201: ParticipantOut, 200: ParticipantOut, **ERR},
    summary="Add a member as mentee or mentor (201), or update them (200)",
)
def participant_add(
    request: HttpRequest, program_id: int, payload: ParticipantIn
) -> Status[ParticipantOut]:
    program = access_program_by_id(_user(request), program_id)
    user = _member(program, payload.person, "person")
    participant, created = services.participant_add(
        program=program,
        user=user,
        role=payload.role,
        capacity=payload.capacity,
        goals=payload.goals,
        skills=payload.skills,
    )
    return Status(201 if created else 200, _participant_out(participant))


@router.delete(
    "/programs/{program_id}/participants/{participant_id}",
    response={204: None, **ERR},
    summary="Remove a participant (and the pair rules that name them)",
)
def participant_remove(request: HttpRequest, program_id: int, participant_id: int) -> Status[None]:
    program = access_program_by_id(_user(request), program_id)
    participant = Participant.objects.filter(program=program, pk=participant_id).first()
    if participant is None:
        raise Http404("No such participant.")
    services.participant_remove(participant=participant)
    return Status(204, None)


@router.get(
    "/programs/{program_id}/rules",
    response={200: list[RuleOut], **ERR},
    summary="Must-match and must-not-match pairs of a program",
)
def rule_list(request: HttpRequest, program_id: int) -> list[RuleOut]:
    program = access_program_by_id(_user(request), program_id)
    rules = PairRule.objects.filter(program=program).select_related(
        "mentee__profile", "mentor__profile"
    )
    return [_rule_out(r) for r in rules]


@router.post(
    "/programs/{program_id}/rules",
    response={201: RuleOut, 200: RuleOut, **ERR},
    summary="Say that a mentee must (not) be matched with a mentor (201; 200 if changed)",
)
def rule_set(request: HttpRequest, program_id: int, payload: RuleIn) -> Status[RuleOut]:
    program = access_program_by_id(_user(request), program_id)
    mentee = _member(program, payload.mentee, "mentee")
    mentor = _member(program, payload.mentor, "mentor")
    rule, created = services.pair_rule_set(
        program=program, mentee=mentee, mentor=mentor, kind=payload.kind, note=payload.note
    )
    return Status(201 if created else 200, _rule_out(rule))


@router.delete(
    "/programs/{program_id}/rules/{rule_id}", response={204: None, **ERR}, summary="Drop a rule"
)
def rule_remove(request: HttpRequest, program_id: int, rule_id: int) -> Status[None]:
    program = access_program_by_id(_user(request), program_id)
    rule = PairRule.objects.filter(program=program, pk=rule_id).first()
    if rule is None:
        raise Http404("No such rule.")
    services.pair_rule_remove(rule=rule)
    return Status(204, None)


@router.get(
    "/programs/{program_id}/runs",
    response={200: list[RunOut], **ERR},
    summary="Cohort runs of a program, newest first (without pairs)",
)
def run_list(request: HttpRequest, program_id: int) -> list[RunOut]:
    program = access_program_by_id(_user(request), program_id)
    return [_run_out(r) for r in runs_of(program)[:100]]


@router.post(
    "/programs/{program_id}/runs",
    response={202: RunOut, 409: dict, **ERR},
    summary="Start a cohort run (202); 409 while another one is queued or running",
)
def run_start(request: HttpRequest, program_id: int, payload: RunIn) -> Status[Any]:
    program = access_program_by_id(_user(request), program_id)
    try:
        run = services.cohort_run_start(
            program=program, by=_user(request), objective=payload.objective
        )
    except services.RunInProgress as exc:
        active = runs_of(program).filter(state__in=CohortRun.ACTIVE).first()
        return Status(409, {"detail": str(exc), "run": active.pk if active else None})
    return Status(202, _run_out(run))


@router.get(
    "/cohort-runs/{run_id}",
    response={200: RunOut, **ERR},
    summary="A cohort run: state, progress, figures and pairs",
)
def run_get(request: HttpRequest, run_id: int) -> RunOut:
    return _run_out(access_run_by_id(_user(request), run_id), pairs=True)


class PublishOut(Schema):
    notified: int = Field(..., description="People told about their match")
    run: RunOut


@router.post(
    "/cohort-runs/{run_id}/publish",
    response={200: PublishOut, **ERR},
    summary="Tell every matched mentee and mentor about their match (once)",
)
def run_publish(request: HttpRequest, run_id: int) -> PublishOut:
    run = access_run_by_id(_user(request), run_id)
    told = services.cohort_run_publish(run=run, by=_user(request))
    return PublishOut(notified=told, run=_run_out(run))
