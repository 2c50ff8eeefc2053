"""A goal's story across mentors: its timeline, and the brief a mentor reads before a session."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Q

from bitesize.asks.models import Ask
from bitesize.debriefs.models import ActionItem, AdviceItem, Conflict
from bitesize.goals.models import Goal
from bitesize.scheduling.models import Booking


@dataclass(frozen=True)
class Moment:
    at: datetime
    kind: str  # ask, session, advice, action, done
    title: str
    detail: str = ""
    who: str = ""
    url: str = ""


def goal_sessions(goal: Goal) -> list[Booking]:
    return list(
        Booking.objects.filter(Q(ask__goal=goal) | Q(advice__goal=goal))
        .exclude(state__in=(Booking.State.DECLINED, Booking.State.EXPIRED))
        .select_related("mentor__profile")
        .distinct()
        .order_by("start")
    )


def goal_timeline(goal: Goal) -> list[Moment]:
    """Everything that happened under a goal, oldest first."""
    moments: list[Moment] = []
    for ask in Ask.objects.filter(goal=goal):
        moments.append(
            Moment(ask.created_at, "ask", ask.question, ask.objective, "", f"/asks/{ask.pk}/")
        )
    for b in goal_sessions(goal):
        moments.append(
            Moment(
                b.start,
                "session",
                f"{b.minutes} min with {b.mentor.profile.name}",
                b.get_state_display(),
                b.mentor.profile.name,
                f"/sessions/{b.pk}/",
            )
        )
    for a in AdviceItem.objects.filter(goal=goal).select_related("mentor__profile"):
        moments.append(Moment(a.created_at, "advice", a.text, a.assumption, a.mentor.profile.name))
    for item in ActionItem.objects.filter(goal=goal):
        moments.append(
            Moment(
                item.created_at,
                "action",
                item.text,
                item.get_state_display(),
                "",
                f"/actions/{item.pk}/",
            )
        )
        if item.done_at:
            moments.append(Moment(item.done_at, "done", item.text, item.outcome))
    return sorted(moments, key=lambda m: m.at)


@dataclass(frozen=True)
class Brief:
    """What a mentor reads before a session: the ask, and, when the mentee shares it, the
    goal with its earlier sessions and the advice other mentors gave."""

    booking: Booking
    goal: Goal | None
    earlier_sessions: list[Booking]
    earlier_advice: list[AdviceItem]
    open_actions: list[ActionItem]
    tie_breaks: list[Conflict]  # disagreements this session is meant to settle


def brief_for(booking: Booking) -> Brief:
    ask = booking.ask
    goal = ask.goal if ask is not None and ask.goal is not None else None
    # A tie-break is shared by asking for it: its mentors always see both items.
    tie_breaks = (
        list(
            Conflict.objects.filter(tie_break_ask=ask).select_related(
                "a__mentor__profile", "b__mentor__profile"
            )
        )
        if ask is not None
        else []
    )
    if goal is None or not goal.share_with_mentors:
        return Brief(
            booking, goal if goal and goal.share_with_mentors else None, [], [], [], tie_breaks
        )
    earlier = [b for b in goal_sessions(goal) if b.pk != booking.pk and b.start < booking.start]
    advice = list(
        AdviceItem.objects.filter(goal=goal)
        .exclude(booking=booking)
        .select_related("mentor__profile")
        .order_by("created_at")
    )
    actions = list(ActionItem.objects.filter(goal=goal, state=ActionItem.State.OPEN)[:10])
    return Brief(booking, goal, earlier, advice, actions, tie_breaks)
