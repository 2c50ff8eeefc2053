from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.db.models import (
    Avg,
    Count,
    DurationField,
    ExpressionWrapper,
    F,
    Q,
    QuerySet,
    Sum,
)
from django.http import Http404

from bitesize.accounts.models import User
from bitesize.debriefs.models import (
    MAX_ADVICE,
    ActionItem,
    AdviceItem,
    Conflict,
    Rating,
    Reflection,
)
from bitesize.debriefs.services import DEBRIEF_STATES
from bitesize.rooms.models import RoomState, WrittenAnswer
from bitesize.scheduling.models import Booking


@dataclass
class Debrief:
    """A session's debrief as one person may see it."""

    booking: Booking
    is_mentor: bool
    advice: list[AdviceItem]
    reflection: Reflection | None  # the mentor sees it only when shared
    actions: list[ActionItem]  # the mentee's own
    my_rating: Rating | None
    other_rated: bool
    todo: list[str] = field(default_factory=list)
    drafts: list[str] = field(default_factory=list)  # advice to start from: the shared notes

    @property
    def done(self) -> bool:
        return not self.todo


_BULLET = re.compile(r"^\s*(?:[-*\u2022\u2013>]+|\d{1,2}[.)])\s*")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"'“(A-Z0-9])")
ADVICE_TEXT_MAX = 400
PARAGRAPH = 200  # a line longer than this is prose (a written answer): one draft per sentence


def advice_drafts(*texts: str) -> list[str]:
    """The first lines of the shared notes, then of a written answer, as advice items to start
    from: bullets and numbers taken off, a paragraph taken sentence by sentence, lines too short
    to act on skipped, at most as many as a debrief holds."""
    drafts: list[str] = []
    for text in texts:
        for raw in text.splitlines():
            line = _BULLET.sub("", raw).strip()
            for part in _SENTENCE_END.split(line) if len(line) > PARAGRAPH else [line]:
                if len(part.split()) < 3 or part[:ADVICE_TEXT_MAX] in drafts:
                    continue
                drafts.append(part[:ADVICE_TEXT_MAX])
                if len(drafts) == MAX_ADVICE:
                    return drafts
    return drafts


def debrief_for(booking: Booking, viewer: User) -> Debrief | None:
    if booking.state not in DEBRIEF_STATES and not Rating.objects.filter(booking=booking).exists():
        return None
    is_mentor = viewer.pk == booking.mentor_id
    ratings = {r.author_id: r for r in Rating.objects.filter(booking=booking)}
    reflection = Reflection.objects.filter(booking=booking).first()
    if reflection is not None and is_mentor and not reflection.shared:
        reflection = None
    actions = (
        list(ActionItem.objects.filter(booking=booking, owner=viewer).select_related("advice"))
        if not is_mentor
        else []
    )
    advice = list(AdviceItem.objects.filter(booking=booking))
    todo = []
    drafts: list[str] = []
    if is_mentor and not advice:
        todo.append("Write down your advice")
        notes = RoomState.objects.filter(booking=booking).values_list("notes", flat=True).first()
        answer = WrittenAnswer.objects.filter(booking=booking).values_list("body", flat=True)
        drafts = advice_drafts(notes or "", answer.first() or "")
    if not is_mentor and reflection is None:
        todo.append("Write your reflection")
    if viewer.pk not in ratings:
        todo.append("Rate the session and confirm it took place")
    return Debrief(
        booking=booking,
        is_mentor=is_mentor,
        advice=advice,
        reflection=reflection,
        actions=actions,
        my_rating=ratings.get(viewer.pk),
        other_rated=any(a != viewer.pk for a in ratings),
        todo=todo,
        drafts=drafts,
    )


def access_action_by_id(user: User, action_id: int) -> ActionItem:
    item = ActionItem.objects.filter(pk=action_id, owner=user).select_related("advice").first()
    if item is None:
        raise Http404("No such action item.")
    return item


def access_advice_by_id(user: User, advice_id: int) -> AdviceItem:
    """The two people of the session see its advice; nobody else."""
    item = AdviceItem.objects.filter(Q(mentor=user) | Q(mentee=user), pk=advice_id).first()
    if item is None:
        raise Http404("No such advice.")
    return item


def access_conflict_by_id(user: User, conflict_id: int) -> Conflict:
    """A goal's conflict flags are its owner's alone."""
    found = (
        Conflict.objects.filter(pk=conflict_id, goal__owner=user)
        .select_related("goal", "a__mentor__profile", "b__mentor__profile")
        .first()
    )
    if found is None:
        raise Http404("No such flag.")
    return found


def open_actions(user: User) -> QuerySet[ActionItem]:
    return ActionItem.objects.filter(owner=user, state=ActionItem.State.OPEN).order_by("due", "id")


@dataclass(frozen=True)
class Impact:
    sessions: int
    minutes: int
    people: int
    average_rating: float | None
    ratings: int
    advice_given: int
    advice_helpful: int
    applied: list[ActionItem]


def impact_of(mentor: User) -> Impact:
    """What a mentor's sessions led to: counts, ratings and the advice mentees applied."""
    done = Booking.objects.filter(mentor=mentor, state=Booking.State.COMPLETED)
    length = ExpressionWrapper(F("end") - F("start"), output_field=DurationField())
    totals = done.aggregate(n=Count("id"), people=Count("mentee", distinct=True), time=Sum(length))
    minutes = totals["time"].total_seconds() // 60 if totals["time"] else 0
    rated = Rating.objects.filter(
        booking__mentor=mentor, took_place=True, stars__isnull=False
    ).exclude(author=mentor)
    stars = rated.aggregate(avg=Avg("stars"), n=Count("id"))
    advice = AdviceItem.objects.filter(mentor=mentor).aggregate(
        n=Count("id"), helpful=Count("id", filter=Q(helpful=True))
    )
    applied = list(
        ActionItem.objects.filter(advice__mentor=mentor, state=ActionItem.State.DONE)
        .select_related("advice", "owner__profile")
        .order_by("-done_at")[:50]
    )
    return Impact(
        sessions=totals["n"],
        minutes=int(minutes),
        people=totals["people"],
        average_rating=round(stars["avg"], 1) if stars["avg"] is not None else None,
        ratings=stars["n"],
        advice_given=advice["n"],
        advice_helpful=advice["helpful"],
        applied=applied,
    )
