from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from bitesize.accounts.models import User
from bitesize.debriefs import ledger, services
from bitesize.debriefs.models import MAX_ADVICE, ActionItem, AdviceItem
from bitesize.debriefs.selectors import (
    access_action_by_id,
    access_advice_by_id,
    access_conflict_by_id,
    impact_of,
    open_actions,
)
from bitesize.goals.services import access_goal_by_id
from bitesize.scheduling.selectors import access_booking_by_id


def _user(request: HttpRequest) -> User:
    return cast(User, request.user)


def _date(text: str) -> date | None:
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        raise ValidationError({"due": "Give the due date as a date."}) from None


def _back(request: HttpRequest, pk: int, run: Callable[[], object]) -> HttpResponse:
    """Run a debrief write; on bad input say what is wrong, keep everything stored."""
    try:
        run()
    except ValidationError as exc:
        for problem in exc.messages:
            messages.error(request, problem)
    except PermissionDenied as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "Saved.")
    return redirect(f"/sessions/{pk}/#debrief")


@login_required
@require_POST
def advice_save(request: HttpRequest, pk: int) -> HttpResponse:
    booking = access_booking_by_id(_user(request), pk)
    items = [
        services.AdviceIn(
            request.POST.get(f"text_{n}", ""), request.POST.get(f"assumption_{n}", "")
        )
        for n in range(1, MAX_ADVICE + 1)
    ]
    return _back(
        request,
        pk,
        lambda: services.advice_set(booking=booking, by=_user(request), items=items),
    )


@login_required
@require_POST
def reflection_save(request: HttpRequest, pk: int) -> HttpResponse:
    booking = access_booking_by_id(_user(request), pk)
    return _back(
        request,
        pk,
        lambda: services.reflection_save(
            booking=booking,
            by=_user(request),
            text=request.POST.get("text", ""),
            shared=bool(request.POST.get("shared")),
        ),
    )


@login_required
@require_POST
def action_add(request: HttpRequest, pk: int) -> HttpResponse:
    booking = access_booking_by_id(_user(request), pk)

    def run() -> ActionItem:
        advice_id = request.POST.get("advice", "")
        advice = (
            AdviceItem.objects.filter(pk=int(advice_id), booking=booking).first()
            if advice_id.isdigit()
            else None
        )
        return services.action_item_add(
            by=_user(request),
            text=request.POST.get("text", ""),
            due=_date(request.POST.get("due", "")),
            booking=booking,
            advice=advice,
        )

    return _back(request, pk, run)


@login_required
@require_POST
def rating_save(request: HttpRequest, pk: int) -> HttpResponse:
    booking = access_booking_by_id(_user(request), pk)
    stars = request.POST.get("stars", "")
    return _back(
        request,
        pk,
        lambda: services.rating_submit(
            booking=booking,
            by=_user(request),
            took_place=request.POST.get("took_place") != "no",
            stars=int(stars) if stars.isdigit() else None,
            comment=request.POST.get("comment", ""),
            solved=bool(request.POST.get("solved")),
        ),
    )


@login_required
@require_POST
def advice_helpful(request: HttpRequest, pk: int) -> HttpResponse:
    advice = access_advice_by_id(_user(request), pk)
    return _back(
        request,
        advice.booking_id,
        lambda: services.advice_mark(
            advice=advice, by=_user(request), helpful=request.POST.get("helpful") == "yes"
        ),
    )


@login_required
def action_list(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    done = ActionItem.objects.filter(owner=user).exclude(state=ActionItem.State.OPEN)
    return render(
        request,
        "debriefs/actions.html",
        {
            "open": open_actions(user).select_related("advice", "booking__mentor__profile"),
            "done": done.order_by("-updated_at")[:30],
        },
    )


@login_required
def action_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The check-in: done? what happened? or a new date."""
    item = access_action_by_id(_user(request), pk)
    if request.method == "POST":
        try:
            services.action_item_update(
                item=item,
                by=_user(request),
                state=request.POST.get("state", ActionItem.State.OPEN),
                outcome=request.POST.get("outcome", ""),
                due=_date(request.POST.get("due", "")),
            )
        except ValidationError as exc:
            for problem in exc.messages:
                messages.error(request, problem)
        else:
            messages.success(request, "Thanks — noted.")
            return redirect("actions")
    return render(request, "debriefs/action.html", {"item": item})


@login_required
def impact(request: HttpRequest) -> HttpResponse:
    return render(request, "debriefs/impact.html", {"impact": impact_of(_user(request))})


@login_required
@require_POST
def conflict_resolve(request: HttpRequest, pk: int) -> HttpResponse:
    conflict = access_conflict_by_id(_user(request), pk)
    try:
        ledger.conflict_resolve(
            conflict=conflict,
            by=_user(request),
            decision=request.POST.get("decision", ""),
            rationale=request.POST.get("rationale", ""),
        )
    except ValidationError as exc:
        for problem in exc.messages:
            messages.error(request, problem)
    else:
        messages.success(request, "Decision recorded in your ledger.")
    return redirect(f"/goals/{conflict.goal_id}/#conflict-{conflict.pk}")


@login_required
@require_POST
def conflict_tie_break(request: HttpRequest, pk: int) -> HttpResponse:
    conflict = access_conflict_by_id(_user(request), pk)
    try:
        ask = ledger.conflict_tie_break(conflict=conflict, by=_user(request))
    except ValidationError as exc:
        for problem in exc.messages:
            messages.error(request, problem)
        return redirect(f"/goals/{conflict.goal_id}/#conflict-{conflict.pk}")
    messages.success(
        request,
        "Tie-break asked. Book a third mentor below, or book one of the two and invite the "
        "other to the room; they will see both pieces of advice.",
    )
    return redirect("ask_detail", pk=ask.pk)


@login_required
@require_POST
def conflict_flag(request: HttpRequest, pk: int) -> HttpResponse:
    goal = access_goal_by_id(_user(request), pk)
    try:
        conflict = ledger.conflict_flag(
            goal=goal,
            by=_user(request),
            a_id=_int(request.POST.get("a")),
            b_id=_int(request.POST.get("b")),
            note=request.POST.get("note", ""),
        )
    except ValidationError as exc:
        for problem in exc.messages:
            messages.error(request, problem)
        return redirect(f"/goals/{goal.pk}/#flag")
    messages.success(request, "Flagged. Decide it when you are ready, or ask for a tie-break.")
    return redirect(f"/goals/{goal.pk}/#conflict-{conflict.pk}")


def _int(value: str | None) -> int:
    try:
        return int(value or "")
    except ValueError:
        return 0
