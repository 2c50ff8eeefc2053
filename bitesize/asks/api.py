from datetime import datetime
from typing import cast

from django.http import Http404, HttpRequest
from ninja import Router, Schema, Status
from pydantic import Field

from bitesize.accounts.models import User
from bitesize.asks import services
from bitesize.asks.hints import ask_hints
from bitesize.asks.models import Ask, Offer
from bitesize.asks.selectors import (
    NowStatus,
    access_ask_by_id,
    access_offer_by_id,
    now_status,
    offers_for,
)
from bitesize.matching.services import suggestions_for

router = Router(tags=["asks"])
ERR = {400: dict, 404: dict, 403: dict}
CONFLICT = {**ERR, 409: dict}


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


class NowOut(Schema):
    state: str = Field(..., description="idle, searching, booked or unanswered")
    waiting: int = Field(..., description="Offers waiting for an answer")
    asked: int = Field(..., description="Mentors asked so far")
    declined: int
    expired: int
    deadline: datetime | None = Field(None, description="When the current round closes")
    eta_seconds: int | None = Field(None, description="Expected wait for a first acceptance")
    booking: int | None = None
    session_url: str | None = None


def now_out(status: NowStatus) -> NowOut:
    booking = status.booking
    return NowOut(
        state=status.state,
        waiting=status.waiting,
        asked=status.asked,
        declined=status.declined,
        expired=status.expired,
        deadline=status.deadline,
        eta_seconds=status.eta_seconds,
        booking=booking.pk if booking else None,
        session_url=f"/sessions/{booking.pk}/" if booking else None,
    )


def _own_ask(request: HttpRequest, ask_id: int) -> tuple[User, Ask]:
    user = cast(User, request.user)
    ask = access_ask_by_id(user, ask_id)
    if ask.asker_id != user.pk:
        raise Http404("No such ask.")
    return user, ask


@router.post(
    "/asks/{ask_id}/now",
    response={200: NowOut, **ERR},
    summary="Send the ask as offers to the best mentors available now",
)
def ask_now(request: HttpRequest, ask_id: int) -> NowOut:
    user, ask = _own_ask(request, ask_id)
    return now_out(now_status(services.ask_go_now(ask=ask, by=user)))


@router.get("/asks/{ask_id}/now", response={200: NowOut, **ERR}, summary="Live state and ETA")
def ask_now_get(request: HttpRequest, ask_id: int) -> NowOut:
    _, ask = _own_ask(request, ask_id)
    return now_out(now_status(ask))


@router.delete(
    "/asks/{ask_id}/now", response={200: NowOut, **ERR}, summary="Stop; the ask stays open"
)
def ask_now_stop(request: HttpRequest, ask_id: int) -> NowOut:
    user, ask = _own_ask(request, ask_id)
    return now_out(now_status(services.ask_stop_now(ask=ask, by=user)))


class OfferOut(Schema):
    id: int
    ask: int
    asker: str = Field(..., description="The asker's name")
    question: str
    objective: str
    context: str
    minutes: int
    format: str
    state: str = Field(..., description="pending, accepted, declined, expired, taken, withdrawn")
    sent_at: datetime
    deadline: datetime
    answered_at: datetime | None
    score: int
    reasons: list[str]
    booking: int | None
    session_url: str | None


class DeclineIn(Schema):
    reason: str = Field("", max_length=300)


def offer_out(offer: Offer) -> OfferOut:
    ask = offer.ask
    return OfferOut(
        id=offer.pk,
        ask=ask.pk,
        asker=ask.asker.profile.name,
        question=ask.question,
        objective=ask.objective,
        context=ask.context,
        minutes=ask.minutes,
        format=ask.format,
        state=offer.state,
        sent_at=offer.sent_at,
        deadline=offer.deadline,
        answered_at=offer.answered_at,
        score=offer.score,
        reasons=[str(r) for r in offer.reasons],
        booking=offer.booking_id,
        session_url=f"/sessions/{offer.booking_id}/" if offer.booking_id else None,
    )


@router.get("/offers", response=list[OfferOut], tags=["offers"], summary="Offers made to me")
def offer_list(request: HttpRequest, state: str | None = None) -> list[OfferOut]:
    offers = offers_for(cast(User, request.user))
    if state:
        offers = offers.filter(state=state)
    return [offer_out(o) for o in offers[:100]]


@router.get("/offers/{offer_id}", response={200: OfferOut, 404: dict}, tags=["offers"])
def offer_get(request: HttpRequest, offer_id: int) -> OfferOut:
    return offer_out(access_offer_by_id(cast(User, request.user), offer_id))


@router.post(
    "/offers/{offer_id}/accept",
    response={200: OfferOut, **CONFLICT},
    tags=["offers"],
    summary="Take the ask; exactly one mentor wins, the others get 409",
)
def offer_accept(request: HttpRequest, offer_id: int) -> OfferOut:
    user = cast(User, request.user)
    offer = services.offer_accept(offer=access_offer_by_id(user, offer_id), by=user)
    return offer_out(offer)


@router.post("/offers/{offer_id}/decline", response={200: OfferOut, **CONFLICT}, tags=["offers"])
def offer_decline(request: HttpRequest, offer_id: int, payload: DeclineIn) -> OfferOut:
    user = cast(User, request.user)
    offer = services.offer_decline(
        offer=access_offer_by_id(user, offer_id), by=user, reason=payload.reason
    )
    return offer_out(offer)
