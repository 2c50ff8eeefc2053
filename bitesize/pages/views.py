from __future__ import annotations

from typing import cast

from django.contrib.auth.decorators import login_required
from django.db import connection
from django.db.models import Count, Q, QuerySet
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from bitesize.accounts.models import User
from bitesize.asks.models import Ask
from bitesize.communities.models import Membership
from bitesize.goals.models import Goal
from bitesize.profiles.forms import GoalForm
from bitesize.profiles.models import Profile
from bitesize.profiles.selectors import visible_profiles
from bitesize.profiles.services import profile_ensure
from bitesize.scheduling.models import Booking
from bitesize.scheduling.selectors import bookings_of
from bitesize.skills.models import Category, Skill


def landing(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("dashboard")
    mentors = visible_profiles(request.user).filter(is_mentor=True)
    featured = (
        mentors.exclude(headline="")
        .prefetch_related("skills__skill", "languages")
        .order_by("-available_now", "?")[:6]
    )
    return render(
        request,
        "pages/landing.html",
        {
            "featured": featured,
            "mentor_count": mentors.count(),
            "skill_count": Skill.objects.count(),
            "categories": Category.choices,
        },
    )


def completeness(profile: Profile, goal_count: int) -> list[tuple[str, bool, str]]:
    """The steps that make a profile useful to matching, each with whether it is done."""
    skills = profile.skills.count()
    steps = [
        ("Add a headline", bool(profile.headline), "#basics"),
        ("Add a photo", bool(profile.photo), "#photo"),
        ("Add three or more skills", skills >= 3, "#skills"),
        ("Pick your languages", profile.languages.exists(), "#basics"),
        ("Write a short bio", len(profile.bio) >= 40, "#basics"),
    ]
    if profile.is_mentor:
        steps.append(("Say what you can help with", bool(profile.help_with), "#mentor"))
    else:
        steps.append(("Set a goal", goal_count > 0, "#goals"))
    return steps


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    user = cast(User, request.user)
    profile = profile_ensure(user=user)
    goals = list(Goal.objects.filter(owner=user, status=Goal.Status.ACTIVE))
    steps = completeness(profile, len(goals))
    my_skills = list(profile.skills.exclude(skill=None).values_list("skill_id", flat=True))
    mentors = visible_profiles(user).filter(is_mentor=True, user__is_active=True).exclude(user=user)
    suggested: QuerySet[Profile]
    if my_skills:
        suggested = (
            mentors.annotate(shared=Count("skills", filter=Q(skills__skill_id__in=my_skills)))
            .filter(shared__gt=0)
            .order_by("-shared", "-available_now", "name")
        )
    else:
        suggested = mentors.order_by("-available_now", "name")
    memberships = Membership.objects.filter(user=user).select_related("community")
    upcoming = list(
        bookings_of(user)
        .filter(end__gte=timezone.now(), state__in=Booking.OPEN)
        .order_by("start")[:5]
    )
    for b in upcoming:
        b.other_profile = (b.mentee if b.mentor_id == user.pk else b.mentor).profile  # type: ignore[attr-defined]
    return render(
        request,
        "pages/dashboard.html",
        {
            "profile": profile,
            "goals": goals,
            "goal_form": GoalForm(),
            "steps": steps,
            "done": sum(1 for s in steps if s[1]),
            "suggested": suggested.prefetch_related("skills__skill", "languages")[:6],
            "memberships": memberships,
            "upcoming": upcoming,
            "me": profile,
            "open_asks": Ask.objects.filter(asker=user, state=Ask.State.OPEN)[:3],
            "available_count": mentors.filter(available_now=True).count(),
        },
    )


@login_required
def welcome(request: HttpRequest) -> HttpResponse:
    profile_ensure(user=cast(User, request.user))
    return render(request, "pages/welcome.html")


def healthz(request: HttpRequest) -> JsonResponse:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})
