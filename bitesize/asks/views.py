from __future__ import annotations

from typing import cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from bitesize.accounts.models import User
from bitesize.asks import services
from bitesize.asks.forms import AskForm
from bitesize.asks.hints import ask_hints
from bitesize.asks.models import Ask, Offer
from bitesize.asks.selectors import (
    access_ask_by_id,
    access_offer_by_id,
    now_status,
    offers_for,
    pending_offers_for,
)
from bitesize.matching.services import suggestions_for
from bitesize.scheduling.services import SlotTaken


def _user(request: HttpRequest) -> User:
    return cast(User, request.user)


@login_required
def ask_list(request: HttpRequest) -> HttpResponse:
    asks = Ask.objects.filter(asker=request.user.pk).prefetch_related("skills")
    return render(request, "asks/list.html", {"asks": asks})


def _save(request: HttpRequest, form: AskForm, ask: Ask | None) -> tuple[Ask | None, list[str]]:
    data = form.cleaned_data
    hints = ask_hints(
        question=data["question"],
        objective=data["objective"],
        context=data["context"],
        minutes=data["minutes"],
    )
    if hints and not data.get("post_anyway"):
        return None, hints
    fields = {
        "question": data["question"],
        "objective": data["objective"],
        "context": data["context"],
        "skills": form.skill_list(),
        "minutes": data["minutes"],
        "format": data["format"],
        "urgency": data["urgency"],
        "audience_ids": [c.pk for c in data["audience"]],
        "goal_id": data["goal"].pk if data["goal"] else None,
    }
    if ask is None:
        return services.ask_create(asker=_user(request), **fields), []
    return services.ask_update(ask=ask, by=_user(request), **fields), []


@login_required
def ask_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    ask = access_ask_by_id(_user(request), pk) if pk else None
    if ask is not None and ask.asker_id != request.user.pk:
        raise PermissionDenied
    initial = {}
    if ask is not None:
        initial = {
            "question": ask.question,
            "objective": ask.objective,
            "context": ask.context,
            "skills": ", ".join([*ask.skills.values_list("name", flat=True), *ask.tags]),
            "minutes": ask.minutes,
            "format": ask.format,
            "urgency": ask.urgency,
            "audience": list(ask.audience.all()),
            "goal": ask.goal,
        }
    elif request.GET.get("goal", "").isdigit():
        initial = {"goal": int(request.GET["goal"])}
    form = AskForm(request.POST or None, user=_user(request), initial=initial)
    hints: list[str] = []
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                saved, hints = _save(request, form, ask)
            except ValidationError as exc:
                for field, problems in exc.message_dict.items():
                    form.add_error(field if field in form.fields else None, problems)
                status = 400
            else:
                if saved is not None:
                    if ask is None and saved.urgency == Ask.Urgency.NOW:
                        _go_now(request, saved)
                    else:
                        messages.success(request, "Ask posted. Here are the mentors who fit best.")
                    return redirect("ask_detail", pk=saved.pk)
        else:
            status = 400
    return render(
        request, "asks/edit.html", {"form": form, "ask": ask, "hints": hints}, status=status
    )


@login_required
def ask_detail(request: HttpRequest, pk: int) -> HttpResponse:
    ask = access_ask_by_id(_user(request), pk)
    mine = ask.asker_id == request.user.pk
    suggestions = suggestions_for(ask) if mine and ask.state == Ask.State.OPEN else []
    return render(
        request,
        "asks/detail.html",
        {
            "ask": ask,
            "mine": mine,
            "suggestions": suggestions,
            "now": now_status(ask) if mine else None,
            "bookings": ask.bookings.select_related("mentor__profile"),
        },
    )


def _go_now(request: HttpRequest, ask: Ask) -> bool:
    try:
        services.ask_go_now(ask=ask, by=_user(request))
    except ValidationError as exc:
        messages.warning(request, " ".join(exc.messages))
        return False
    messages.success(request, "Asking the best mentors who are free right now.")
    return True


@login_required
@require_POST
def ask_now(request: HttpRequest, pk: int) -> HttpResponse:
    ask = access_ask_by_id(_user(request), pk)
    if ask.asker_id != request.user.pk:
        raise PermissionDenied
    _go_now(request, ask)
    return redirect("ask_detail", pk=pk)


@login_required
@require_POST
def ask_now_stop(request: HttpRequest, pk: int) -> HttpResponse:
    ask = access_ask_by_id(_user(request), pk)
    try:
        services.ask_stop_now(ask=ask, by=_user(request))
    except (ValidationError, PermissionDenied) as exc:
        messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
    return redirect("ask_detail", pk=pk)


@login_required
def ask_now_status(request: HttpRequest, pk: int) -> HttpResponse:
    """The live "now" panel of an ask page; the page refreshes it on every live event."""
    ask = access_ask_by_id(_user(request), pk)
    if ask.asker_id != request.user.pk:
        raise PermissionDenied
    return render(request, "asks/_now.html", {"ask": ask, "now": now_status(ask)})


@login_required
def offer_list(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    template = "asks/_offers.html" if request.headers.get("HX-Request") else "asks/offers.html"
    return render(
        request,
        template,
        {
            "pending": pending_offers_for(user),
            "recent": offers_for(user).exclude(state=Offer.State.PENDING)[:20],
        },
    )


@login_required
@require_POST
def offer_accept(request: HttpRequest, pk: int) -> HttpResponse:
    offer = access_offer_by_id(_user(request), pk)
    try:
        offer = services.offer_accept(offer=offer, by=_user(request))
    except (services.OfferClosed, SlotTaken) as exc:
        messages.error(request, str(exc))
        return redirect("offers")
    messages.success(request, "It's yours. The session starts now.")
    return redirect("session_detail", pk=offer.booking_id)


@login_required
@require_POST
def offer_decline(request: HttpRequest, pk: int) -> HttpResponse:
    offer = access_offer_by_id(_user(request), pk)
    try:
        services.offer_decline(
            offer=offer, by=_user(request), reason=request.POST.get("reason", "")
        )
    except services.OfferClosed as exc:
        messages.error(request, str(exc))
    else:
        messages.info(request, "Declined. It goes to the next mentor.")
    return redirect("offers")


@login_required
@require_POST
def ask_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    ask = access_ask_by_id(_user(request), pk)
    try:
        services.ask_withdraw(ask=ask, by=_user(request))
    except (ValidationError, PermissionDenied) as exc:
        messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
    else:
        messages.success(request, "Ask withdrawn.")
    return redirect("ask_detail", pk=pk)
