from __future__ import annotations

from typing import cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from bitesize.accounts.models import User
from bitesize.communities.forms import (
    CommunityForm,
    InsightsPeriodForm,
    MemberAddForm,
    RoleForm,
)
from bitesize.communities.insights import DEFAULT_DAYS, PERIODS, insights_of
from bitesize.communities.models import Community, Membership
from bitesize.communities.selectors import (
    access_community_by_slug,
    community_list_for,
    membership_of,
)
from bitesize.communities.services import (
    community_create,
    membership_add,
    membership_join,
    membership_remove,
    membership_set_role,
)
from bitesize.recognition.selectors import leaderboards_on


def _user(request: HttpRequest) -> User:
    return cast(User, request.user)


@login_required
def community_list(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    communities = list(community_list_for(user))
    mine = set(Membership.objects.filter(user=user).values_list("community_id", flat=True))
    form = CommunityForm()
    if request.method == "POST":
        form = CommunityForm(request.POST)
        if form.is_valid():
            community = community_create(by=user, **form.cleaned_data)
            messages.success(request, f"{community.name} is ready. Add its first members.")
            return redirect("community_detail", slug=community.slug)
    return render(
        request,
        "communities/list.html",
        {"communities": communities, "mine": mine, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
def community_detail(request: HttpRequest, slug: str) -> HttpResponse:
    community = access_community_by_slug(_user(request), slug)
    membership = membership_of(_user(request), community)
    counts = {
        role: community.memberships.filter(role=role).count() for role in Membership.Role.values
    }
    mentors = (
        community.memberships.filter(user__profile__is_mentor=True)
        .select_related("user__profile")
        .order_by("user__profile__name")[:12]
    )
    return render(
        request,
        "communities/detail.html",
        {
            "community": community,
            "membership": membership,
            "leaderboards": leaderboards_on(community),
            "counts": counts,
            "member_total": sum(counts.values()),
            "mentors": mentors,
        },
    )


@login_required
def community_insights(request: HttpRequest, slug: str) -> HttpResponse:
    """Aggregates for the community's admins and owners; everyone else gets 404."""
    community = access_community_by_slug(_user(request), slug, admin=True)
    form = InsightsPeriodForm(request.GET if "days" in request.GET else None)
    days = DEFAULT_DAYS
    if form.is_bound and form.is_valid():
        days = form.cleaned_data["days"]
    return render(
        request,
        "communities/insights.html",
        {
            "community": community,
            "form": form,
            "periods": PERIODS,
            "report": insights_of(community, days=days),
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def community_join(request: HttpRequest, slug: str) -> HttpResponse:
    community = access_community_by_slug(_user(request), slug)
    try:
        membership_join(community=community, user=_user(request))
    except PermissionDenied as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"Welcome to {community.name}.")
    return redirect("community_detail", slug=community.slug)


@login_required
@require_POST
def community_leave(request: HttpRequest, slug: str) -> HttpResponse:
    community = access_community_by_slug(_user(request), slug)
    membership = membership_of(_user(request), community)
    if membership is None:
        raise Http404("You are not a member.")
    try:
        membership_remove(membership=membership, by=_user(request))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("community_detail", slug=community.slug)
    messages.success(request, f"You left {community.name}.")
    return redirect("community_list")


@login_required
def community_members(request: HttpRequest, slug: str) -> HttpResponse:
    """The admins' page: add people, change roles, remove members."""
    user = _user(request)
    community = access_community_by_slug(user, slug, admin=True)
    form = MemberAddForm()
    status = 200
    if request.method == "POST":
        form = MemberAddForm(request.POST)
        if form.is_valid():
            invitee = User.objects.filter(email__iexact=form.cleaned_data["email"]).first()
            if invitee is None:
                form.add_error("email", "No Bitesize account uses that e-mail address yet.")
            else:
                try:
                    membership_add(
                        community=community, user=invitee, role=form.cleaned_data["role"], by=user
                    )
                except PermissionDenied as exc:
                    form.add_error(None, str(exc))
                else:
                    messages.success(request, f"{invitee.email} is now a member.")
                    return redirect("community_members", slug=slug)
        status = 400
    members = community.memberships.select_related("user__profile").order_by("role", "user__email")
    return render(
        request,
        "communities/members.html",
        {
            "community": community,
            "members": members,
            "form": form,
            "roles": Membership.Role.choices,
        },
        status=status,
    )


def _member_in(community: Community, pk: int) -> Membership:
    membership = (
        Membership.objects.filter(pk=pk, community=community).select_related("community").first()
    )
    if membership is None:
        raise Http404("No such member.")
    return membership


@login_required
@require_POST
def member_role(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    community = access_community_by_slug(_user(request), slug, admin=True)
    membership = _member_in(community, pk)
    form = RoleForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Pick a valid role.")
    else:
        try:
            membership_set_role(
                membership=membership, role=form.cleaned_data["role"], by=_user(request)
            )
        except (PermissionDenied, ValidationError) as exc:
            messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
        else:
            messages.success(request, "Role changed.")
    return redirect("community_members", slug=slug)


@login_required
@require_POST
def member_remove(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    community = access_community_by_slug(_user(request), slug, admin=True)
    membership = _member_in(community, pk)
    try:
        membership_remove(membership=membership, by=_user(request))
    except (PermissionDenied, ValidationError) as exc:
        messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
    else:
        messages.success(request, "Member removed.")
    return redirect("community_members", slug=slug)
