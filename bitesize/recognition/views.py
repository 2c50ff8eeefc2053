"""Pages of recognition: a person's points, public badge pages and their credentials, the
published key, kudos, and a community's leaderboards and rewards. Views stay thin."""

from __future__ import annotations

import json
from typing import cast
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from bitesize.accounts.models import User
from bitesize.profiles.selectors import access_profile_by_handle
from bitesize.recognition import credentials, rules, selectors, services
from bitesize.recognition.models import CustomBadge, RecognitionSettings, Redemption


def _user(request: HttpRequest) -> User:
    return cast(User, request.user)


def _error(request: HttpRequest, exc: ValidationError | PermissionDenied) -> None:
    if isinstance(exc, ValidationError):
        for text in exc.messages:
            messages.error(request, text)
    else:
        messages.error(request, str(exc))


# --- badges and the key -----------------------------------------------------------------
def jwks(request: HttpRequest) -> JsonResponse:
    response = JsonResponse(credentials.jwks())
    response["Cache-Control"] = "public, max-age=3600"
    response["Access-Control-Allow-Origin"] = "*"
    return response


def badge_page(request: HttpRequest, public_id: UUID) -> HttpResponse:
    award = selectors.badge_by_public_id(str(public_id))
    return render(request, "recognition/badge.html", {"award": award})


def badge_credential(request: HttpRequest, public_id: UUID) -> HttpResponse:
    award = selectors.badge_by_public_id(str(public_id))
    response = HttpResponse(credentials.badge_jwt(award), content_type="application/vc+jwt")
    response["Access-Control-Allow-Origin"] = "*"
    return response


def achievement(request: HttpRequest, code: str) -> JsonResponse:
    """The achievement a credential points at, so its id resolves."""
    spec = rules.BUILT_IN_BY_CODE.get(code)
    if spec is None and code.startswith("custom-") and code[7:].isdigit():
        badge = CustomBadge.objects.filter(pk=int(code[7:])).first()
        if badge is not None:
            spec = rules.BadgeSpec(code, badge.name, badge.description)
    if spec is None:
        raise Http404("No such achievement.")
    data = credentials.badge_credential_achievement(spec)
    return JsonResponse(data)


# --- a person's recognition -------------------------------------------------------------
@login_required
def my_points(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    if request.method == "POST":
        services.prefs_update(
            user=user,
            hide_kudos=bool(request.POST.get("hide_kudos")),
            leaderboard_opt_out=bool(request.POST.get("leaderboard_opt_out")),
        )
        messages.success(request, "Saved your recognition preferences.")
        return redirect("my_points")
    return render(
        request,
        "recognition/points.html",
        {
            "entries": selectors.ledger_of(user.pk),
            "total": selectors.points_total(user.pk),
            "badges": selectors.badges_of(user.pk),
            "streak": selectors.streak_of(user),
            "prefs": selectors.prefs_of(user.pk),
        },
    )


@login_required
@require_POST
def kudos_send(request: HttpRequest, handle: str) -> HttpResponse:
    profile = access_profile_by_handle(request.user, handle)
    try:
        services.kudos_give(
            sender=_user(request), recipient=profile.user, message=request.POST.get("message", "")
        )
        messages.success(request, f"Your kudos went to {profile.name}.")
    except (ValidationError, PermissionDenied) as exc:
        _error(request, exc)
    return redirect("profile_detail", handle=handle)


# --- a community's leaderboards and rewards ---------------------------------------------
@login_required
def leaderboard(request: HttpRequest, slug: str) -> HttpResponse:
    community, membership = selectors.access_member_community(_user(request), slug)
    if not selectors.leaderboards_on(community):
        raise Http404("This community has no leaderboards.")
    measure = request.GET.get("by", "points")
    period = request.GET.get("period", "week")
    if measure not in selectors.MEASURES or period not in selectors.PERIODS:
        measure, period = "points", "week"
    return render(
        request,
        "recognition/leaderboard.html",
        {
            "community": community,
            "membership": membership,
            "rows": selectors.leaderboard(community, measure=measure, period=period),
            "measure": measure,
            "measure_label": selectors.MEASURES[measure],
            "period": period,
            "measures": selectors.MEASURES,
            "periods": selectors.PERIODS,
            "opted_out": selectors.prefs_of(_user(request).pk).leaderboard_opt_out,
        },
    )


@login_required
def rewards(request: HttpRequest, slug: str) -> HttpResponse:
    user = _user(request)
    community, membership = selectors.access_member_community(user, slug)
    if request.method == "POST":
        try:
            services.reward_create(
                community=community,
                by=user,
                name=request.POST.get("name", ""),
                description=request.POST.get("description", ""),
                cost=_int(request.POST.get("cost")),
                stock=_int(request.POST.get("stock")),
            )
            messages.success(request, "Reward added.")
        except (ValidationError, PermissionDenied) as exc:
            _error(request, exc)
        return redirect("rewards", slug=slug)
    return render(
        request,
        "recognition/rewards.html",
        {
            "community": community,
            "membership": membership,
            "rewards": selectors.rewards_of(community, admin=membership.is_admin),
            "balance": services.balance_of(user.pk, community),
            "mine": selectors.redemptions_of(user, community)[:20],
            "waiting": selectors.redemptions_waiting(community) if membership.is_admin else [],
        },
    )


def _int(value: str | None) -> int:
    try:
        return int(value or "")
    except ValueError:
        return -1


@login_required
@require_POST
def reward_redeem(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    reward, _ = selectors.access_reward_by_id(_user(request), slug, pk)
    try:
        services.redemption_request(reward=reward, by=_user(request))
        messages.success(request, f"Asked for “{reward.name}”. An admin will approve it.")
    except (ValidationError, PermissionDenied) as exc:
        _error(request, exc)
    return redirect("rewards", slug=slug)


@login_required
@require_POST
def redemption_decide(request: HttpRequest, slug: str, pk: int, decision: str) -> HttpResponse:
    row = selectors.access_redemption_by_id(_user(request), slug, pk)
    if decision not in ("approve", "reject"):
        raise Http404("No such decision.")
    try:
        row = services.redemption_decide(
            redemption=row,
            by=_user(request),
            approve=decision == "approve",
            note=request.POST.get("note", ""),
        )
        verb = "Approved" if row.state == Redemption.State.APPROVED else "Rejected"
        messages.success(request, f"{verb} “{row.reward.name}”.")
    except (ValidationError, PermissionDenied) as exc:
        _error(request, exc)
    return redirect("rewards", slug=slug)


@login_required
def manage(request: HttpRequest, slug: str) -> HttpResponse:
    """A community's admins: leaderboards on or off, point-rule overrides, custom badges."""
    user = _user(request)
    community, membership = selectors.access_member_community(user, slug)
    if not membership.is_admin:
        raise Http404("No such page.")
    current = RecognitionSettings.objects.filter(community=community).first()
    if request.method == "POST":
        try:
            if request.POST.get("form") == "badge":
                services.custom_badge_create(
                    community=community,
                    by=user,
                    name=request.POST.get("name", ""),
                    description=request.POST.get("description", ""),
                    metric=request.POST.get("metric", ""),
                    threshold=_int(request.POST.get("threshold")),
                )
                messages.success(request, "Badge added.")
            else:
                text = request.POST.get("rules", "").strip()
                try:
                    overrides = json.loads(text) if text else {}
                except ValueError as exc:
                    raise ValidationError({"rules": "The overrides are not valid JSON."}) from exc
                services.recognition_settings_update(
                    community=community,
                    by=user,
                    leaderboards=bool(request.POST.get("leaderboards")),
                    overrides=overrides,
                )
                messages.success(request, "Saved.")
        except (ValidationError, PermissionDenied) as exc:
            _error(request, exc)
        return redirect("recognition_manage", slug=slug)
    return render(
        request,
        "recognition/manage.html",
        {
            "community": community,
            "settings": current or RecognitionSettings(community=community),
            "rules_text": json.dumps(current.rules) if current and current.rules else "",
            "kinds": sorted(rules.DEFAULT_POINTS),
            "badges": CustomBadge.objects.filter(community=community),
            "metrics": CustomBadge.Metric.choices,
        },
    )
