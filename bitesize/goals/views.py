from __future__ import annotations

from typing import cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from bitesize.accounts.models import User
from bitesize.debriefs.ledger import ledger_of
from bitesize.debriefs.models import ActionItem, Conflict
from bitesize.goals.selectors import goal_sessions, goal_timeline
from bitesize.goals.services import access_goal_by_id, goal_set_sharing


@login_required
def goal_detail(request: HttpRequest, pk: int) -> HttpResponse:
    goal = access_goal_by_id(cast(User, request.user), pk)
    ledger = ledger_of(goal)
    items = [item for group in ledger.values() for item in group]
    flaggable = items if len({item.mentor_id for item in items}) > 1 else []
    return render(
        request,
        "goals/detail.html",
        {
            "goal": goal,
            "timeline": goal_timeline(goal),
            "sessions": goal_sessions(goal),
            "ledger": ledger,
            "flaggable": flaggable,
            "conflicts": Conflict.objects.filter(goal=goal).select_related(
                "a__mentor__profile", "b__mentor__profile", "tie_break_ask"
            ),
            "actions": ActionItem.objects.filter(goal=goal, state=ActionItem.State.OPEN),
        },
    )


@login_required
@require_POST
def goal_sharing(request: HttpRequest, pk: int) -> HttpResponse:
    user = cast(User, request.user)
    goal = access_goal_by_id(user, pk)
    share = request.POST.get("share") == "yes"
    goal_set_sharing(goal=goal, by=user, share=share)
    messages.info(
        request,
        "Mentors on this goal see earlier sessions and advice."
        if share
        else "Mentors on this goal see only the ask of their own session.",
    )
    return redirect("goal_detail", pk=pk)
