from datetime import datetime
from typing import cast

from django.http import HttpRequest
from ninja import Router, Schema, Status
from pydantic import Field

from bitesize.accounts.models import User
from bitesize.asks import services
from bitesize.asks.hints import ask_hints
from bitesize.asks.models import Ask
from bitesize.asks.selectors import access_ask_by_id
from bitesize.matching.services import suggestions_for

router = Router(tags=["asks"])
ERR = {400: dict, 404: dict, 403: dict}


class AskIn(Schema):
    question: str = Field(..., min_length=1, max_length=2000)
    objective: str = Field(
        ..., min_length=1, max_length=300, description="After this session I can …"
    )
    context: str = Field("", max_length=3000)
    skills: list[str] = Field(default_factory=list, max_length=8)
    minutes: int = 30
    format: str = "video"
    urgency: str = Field("week", description="now, 24h, week or flexible")
    audience: list[int] = Field(default_factory=list, description="Community ids; empty = all")
    goal: int | None = None


class AskOut(Schema):
    id: int
    question: str
    objective: str
    context: str
    skills: list[str]
    minutes: int
    format: str
    urgency: str
    audience: list[int]
    goal: int | None
    state: str
    created_at: datetime
    hints: list[str]
    url: str


class SuggestionOut(Schema):
    mentor: str = Field(..., description="The mentor's handle")
    name: str
    headline: str
    score: int = Field(..., ge=0, le=100)
    reasons: list[str]
    earliest_slot: datetime | None
    book_url: str


def ask_out(ask: Ask) -> AskOut:
    return AskOut(
        id=ask.pk,
        question=ask.question,
        objective=ask.objective,
        context=ask.context,
        skills=[*ask.skills.values_list("name", flat=True), *ask.tags],
        minutes=ask.minutes,
        format=ask.format,
        urgency=ask.urgency,
        audience=list(ask.audience.values_list("pk", flat=True)),
        goal=ask.goal_id,
        state=ask.state,
        created_at=ask.created_at,
        hints=ask_hints(
            question=ask.question, objective=ask.objective, context=ask.context, minutes=ask.minutes
        ),
        url=f"/asks/{ask.pk}/",
    )


def _fields(payload: AskIn) -> dict[str, object]:
    return {
        "question": payload.question,
        "objective": payload.objective,
        "context": payload.context,
        "skills": payload.skills,
        "minutes": payload.minutes,
        "format": payload.format,
        "urgency": payload.urgency,
        "audience_ids": payload.audience,
        "goal_id": payload.goal,
    }


@router.post(
    "/asks", response={201: AskOut, **ERR}, summary="Post an ask (hints say how to sharpen it)"
)
def ask_create(request: HttpRequest, payload: AskIn) -> Status[AskOut]:
    ask = services.ask_create(asker=cast(User, request.user), **_fields(payload))  # type: ignore[arg-type]
    return Status(201, ask_out(ask))


@router.get("/asks", response=list[AskOut], summary="My asks")
def ask_list(request: HttpRequest) -> list[AskOut]:
    return [ask_out(a) for a in Ask.objects.filter(asker=request.user.pk)[:200]]


@router.get("/asks/{ask_id}", response={200: AskOut, 404: dict})
def ask_get(request: HttpRequest, ask_id: int) -> AskOut:
    return ask_out(access_ask_by_id(cast(User, request.user), ask_id))


@router.put("/asks/{ask_id}", response={200: AskOut, **ERR})
def ask_update(request: HttpRequest, ask_id: int, payload: AskIn) -> AskOut:
    user = cast(User, request.user)
    ask = access_ask_by_id(user, ask_id)
    return ask_out(services.ask_update(ask=ask, by=user, **_fields(payload)))  # type: ignore[arg-type]


@router.post("/asks/{ask_id}/withdraw", response={200: AskOut, **ERR})
def ask_withdraw(request: HttpRequest, ask_id: int) -> AskOut:
    user = cast(User, request.user)
    return ask_out(services.ask_withdraw(ask=access_ask_by_id(user, ask_id), by=user))


@router.get(
    "/asks/{ask_id}/suggestions",
    response={200: list[SuggestionOut], **ERR},
    summary="Ranked mentors for an ask, with a 0–100 score and reasons",
)
def ask_suggestions(request: HttpRequest, ask_id: int) -> list[SuggestionOut]:
    user = cast(User, request.user)
    ask = access_ask_by_id(user, ask_id)
    if ask.asker_id != user.pk:
        return []
    return [
        SuggestionOut(
            mentor=s.profile.handle,
            name=s.profile.name,
            headline=s.profile.headline,
            score=s.score,
            reasons=s.reasons,
            earliest_slot=s.slot,
            book_url=f"/people/{s.profile.handle}/book/?ask={ask.pk}&minutes={ask.minutes}",
        )
        for s in suggestions_for(ask)
    ]
