from datetime import date, datetime
from typing import cast

from django.http import Http404, HttpRequest
from ninja import Router, Schema, Status
from pydantic import Field

from bitesize.accounts.models import User
from bitesize.debriefs import ledger, services
from bitesize.debriefs.models import ActionItem, AdviceItem, Conflict
from bitesize.debriefs.selectors import (
    access_action_by_id,
    access_conflict_by_id,
    debrief_for,
)
from bitesize.goals.services import access_goal_by_id
from bitesize.scheduling.selectors import access_booking_by_id

router = Router(tags=["debriefs"])
ERR = {400: dict, 403: dict, 404: dict}


def _user(request: HttpRequest) -> User:
    return cast(User, request.user)


class AdviceIO(Schema):
    text: str = Field(..., max_length=400)
    assumption: str = Field("", max_length=400, description="The context it rests on")


class AdviceOut(AdviceIO):
    id: int
    mentor: str
    topic: str
    helpful: bool | None


class AdviceSetIn(Schema):
    items: list[AdviceIO] = Field(..., max_length=5)


class ReflectionIO(Schema):
    text: str = Field(..., max_length=4000)
    shared: bool = False


class RatingIn(Schema):
    took_place: bool = Field(..., description="false reports a no-show of the other person")
    stars: int | None = Field(None, ge=1, le=5)
    comment: str = Field("", max_length=1000, description="Private: only operators see it")
    solved: bool = Field(False, description="Mentee only: it solved the ask")


class DebriefOut(Schema):
    session: int
    advice: list[AdviceOut]
    reflection: ReflectionIO | None = Field(None, description="The mentor sees it when shared")
    rated: bool
    other_rated: bool
    todo: list[str]


class ActionIn(Schema):
    text: str = Field(..., max_length=300)
    due: date | None = None
    session: int | None = None
    advice: int | None = None


class ActionPatch(Schema):
    state: str = Field(..., description="open, done or dropped")
    outcome: str = Field("", max_length=2000)
    due: date | None = None


class ActionOut(Schema):
    id: int
    text: str
    due: date | None
    state: str
    outcome: str
    session: int | None
    advice: int | None
    goal: int | None


def advice_out(a: AdviceItem) -> AdviceOut:
    return AdviceOut(
        id=a.pk,
        text=a.text,
        assumption=a.assumption,
        mentor=a.mentor.profile.name,
        topic=a.topic,
        helpful=a.helpful,
    )


def action_out(item: ActionItem) -> ActionOut:
    return ActionOut(
        id=item.pk,
        text=item.text,
        due=item.due,
        state=item.state,
        outcome=item.outcome,
        session=item.booking_id,
        advice=item.advice_id,
        goal=item.goal_id,
    )


@router.get("/bookings/{booking_id}/debrief", response={200: DebriefOut, **ERR})
def debrief_get(request: HttpRequest, booking_id: int) -> DebriefOut:
    booking = access_booking_by_id(_user(request), booking_id)
    debrief = debrief_for(booking, _user(request))
    if debrief is None:
        raise Http404("This session has no debrief.")
    r = debrief.reflection
    return DebriefOut(
        session=booking.pk,
        advice=[advice_out(a) for a in debrief.advice],
        reflection=ReflectionIO(text=r.text, shared=r.shared) if r else None,
        rated=debrief.my_rating is not None,
        other_rated=debrief.other_rated,
        todo=debrief.todo,
    )


@router.put("/bookings/{booking_id}/debrief/advice", response={200: list[AdviceOut], **ERR})
def debrief_advice(request: HttpRequest, booking_id: int, payload: AdviceSetIn) -> list[AdviceOut]:
    booking = access_booking_by_id(_user(request), booking_id)
    items = [services.AdviceIn(i.text, i.assumption) for i in payload.items]
    return [
        advice_out(a) for a in services.advice_set(booking=booking, by=_user(request), items=items)
    ]


@router.put("/bookings/{booking_id}/debrief/reflection", response={200: ReflectionIO, **ERR})
def debrief_reflection(
    request: HttpRequest, booking_id: int, payload: ReflectionIO
) -> ReflectionIO:
    booking = access_booking_by_id(_user(request), booking_id)
    r = services.reflection_save(
        booking=booking, by=_user(request), text=payload.text, shared=payload.shared
    )
    return ReflectionIO(text=r.text, shared=r.shared)


@router.post("/bookings/{booking_id}/debrief/rating", response={201: dict, **ERR})
def debrief_rating(request: HttpRequest, booking_id: int, payload: RatingIn) -> Status[dict]:  # type: ignore[type-arg]
    booking = access_booking_by_id(_user(request), booking_id)
    rating = services.rating_submit(
        booking=booking,
        by=_user(request),
        took_place=payload.took_place,
        stars=payload.stars,
        comment=payload.comment,
        solved=payload.solved,
    )
    booking.refresh_from_db()
    return Status(
        201,
        {"took_place": rating.took_place, "stars": rating.stars, "session_state": booking.state},
    )


@router.get("/action-items", response=list[ActionOut], summary="My action items")
def action_list(request: HttpRequest, state: str | None = None) -> list[ActionOut]:
    items = ActionItem.objects.filter(owner=_user(request))
    if state:
        items = items.filter(state=state)
    return [action_out(i) for i in items[:200]]


@router.post("/action-items", response={201: ActionOut, **ERR})
def action_add(request: HttpRequest, payload: ActionIn) -> Status[ActionOut]:
    user = _user(request)
    booking = access_booking_by_id(user, payload.session) if payload.session else None
    advice = None
    if payload.advice is not None:
        advice = AdviceItem.objects.filter(pk=payload.advice, mentee=user).first()
        if advice is None:
            raise Http404("No such advice.")
    item = services.action_item_add(
        by=user, text=payload.text, due=payload.due, booking=booking, advice=advice
    )
    return Status(201, action_out(item))


@router.patch("/action-items/{item_id}", response={200: ActionOut, **ERR})
def action_update(request: HttpRequest, item_id: int, payload: ActionPatch) -> ActionOut:
    user = _user(request)
    item = services.action_item_update(
        item=access_action_by_id(user, item_id),
        by=user,
        state=payload.state,
        outcome=payload.outcome,
        due=payload.due,
    )
    return action_out(item)


class ConflictOut(Schema):
    id: int
    topic: str
    a: AdviceOut
    b: AdviceOut
    explanation: str
    source: str = Field(..., description="detected (by the ledger) or mentee (flagged by hand)")
    state: str
    decision: str
    rationale: str
    decided_at: datetime | None
    tie_break_ask: int | None


class LedgerOut(Schema):
    goal: int
    topics: dict[str, list[AdviceOut]]
    conflicts: list[ConflictOut]


class DecisionIn(Schema):
    decision: str = Field(..., description="keep_a, keep_b, combine, tie_break or dismiss")
    rationale: str = Field("", max_length=2000)


def conflict_out(c: Conflict) -> ConflictOut:
    return ConflictOut(
        id=c.pk,
        topic=c.topic,
        a=advice_out(c.a),
        b=advice_out(c.b),
        explanation=c.explanation,
        source=c.source,
        state=c.state,
        decision=c.decision,
        rationale=c.rationale,
        decided_at=c.decided_at,
        tie_break_ask=c.tie_break_ask_id,
    )


@router.get("/goals/{goal_id}/ledger", response={200: LedgerOut, 404: dict})
def ledger_get(request: HttpRequest, goal_id: int) -> LedgerOut:
    goal = access_goal_by_id(_user(request), goal_id)
    conflicts = Conflict.objects.filter(goal=goal).select_related(
        "a__mentor__profile", "b__mentor__profile"
    )
    return LedgerOut(
        goal=goal.pk,
        topics={t: [advice_out(a) for a in items] for t, items in ledger.ledger_of(goal).items()},
        conflicts=[conflict_out(c) for c in conflicts],
    )


class FlagIn(Schema):
    a: int = Field(..., description="an advice item of the goal")
    b: int = Field(..., description="an advice item of the goal, from another mentor")
    note: str = Field("", max_length=300, description="how they disagree, in the mentee's words")


@router.post(
    "/goals/{goal_id}/conflicts",
    response={201: ConflictOut, **ERR},
    summary="Flag two pieces of advice as disagreeing, where the ledger did not",
)
def conflict_flag(request: HttpRequest, goal_id: int, payload: FlagIn) -> Status[ConflictOut]:
    conflict = ledger.conflict_flag(
        goal=access_goal_by_id(_user(request), goal_id),
        by=_user(request),
        a_id=payload.a,
        b_id=payload.b,
        note=payload.note,
    )
    return Status(201, conflict_out(access_conflict_by_id(_user(request), conflict.pk)))


@router.post("/conflicts/{conflict_id}/decision", response={200: ConflictOut, **ERR})
def conflict_decide(request: HttpRequest, conflict_id: int, payload: DecisionIn) -> ConflictOut:
    conflict = ledger.conflict_resolve(
        conflict=access_conflict_by_id(_user(request), conflict_id),
        by=_user(request),
        decision=payload.decision,
        rationale=payload.rationale,
    )
    return conflict_out(access_conflict_by_id(_user(request), conflict.pk))


@router.post(
    "/conflicts/{conflict_id}/tie-break",
    response={201: dict, **ERR},
    summary="Open a short tie-break ask; suggestions leave out the two mentors",
)
def conflict_tie_break(request: HttpRequest, conflict_id: int) -> Status[dict]:  # type: ignore[type-arg]
    ask = ledger.conflict_tie_break(
        conflict=access_conflict_by_id(_user(request), conflict_id), by=_user(request)
    )
    return Status(201, {"ask": ask.pk, "url": f"/asks/{ask.pk}/"})
