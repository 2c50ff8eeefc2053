"""Reads of profiles: who may see whom, and the mentor directory."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Value
from django.http import Http404
from django.utils import timezone

from bitesize.accounts.models import User
from bitesize.communities.models import Membership
from bitesize.profiles.models import Profile
from bitesize.skills.selectors import skill_ids_for_query

WORKDAY = (time(9), time(18))


def visible_profiles(viewer: User | AnonymousUser) -> QuerySet[Profile]:
    """Profiles the viewer may see: public ones, their own, and those of people who share a
    community with them."""
    if not viewer.is_authenticated:
        return Profile.objects.filter(visibility=Profile.Visibility.PUBLIC)
    shared = Membership.objects.filter(
        user_id=OuterRef("user_id"),
        community__memberships__user_id=viewer.pk,
    )
    return Profile.objects.filter(
        Q(visibility=Profile.Visibility.PUBLIC) | Q(user_id=viewer.pk) | Exists(shared)
    )


def access_profile_by_handle(viewer: User | AnonymousUser, handle: str) -> Profile:
    profile = (
        visible_profiles(viewer)
        .filter(handle=handle, user__is_active=True)
        .select_related("user")
        .prefetch_related("skills__skill", "languages", "industries")
        .first()
    )
    if profile is None:
        raise Http404("No such person.")
    return profile


def workday_overlap_hours(zone_a: str, zone_b: str, on: datetime | None = None) -> float:
    """Hours that 09:00–18:00 in one zone shares with 09:00–18:00 in the other, on a day."""
    return _overlap((on or timezone.now()).date().isoformat(), zone_a, zone_b)


@lru_cache(maxsize=4096)
def _overlap(day_iso: str, zone_a: str, zone_b: str) -> float:
    day = datetime.fromisoformat(day_iso).date()

    def span(zone: str) -> tuple[datetime, datetime]:
        tz = ZoneInfo(zone)
        return (
            datetime.combine(day, WORKDAY[0], tzinfo=tz),
            datetime.combine(day, WORKDAY[1], tzinfo=tz),
        )

    best = 0.0
    a_start, a_end = span(zone_a)
    # The other side's workday may fall on the previous or next calendar day in UTC terms.
    for shift in (-1, 0, 1):
        b_start, b_end = (t + timedelta(days=shift) for t in span(zone_b))
        shared = (min(a_end, b_end) - max(a_start, b_start)).total_seconds() / 3600
        best = max(best, shared)
    return best


@dataclass(frozen=True)
class DirectoryQuery:
    text: str = ""
    skill_id: int | None = None
    industry_id: int | None = None
    language: str = ""
    overlap_hours: int = 0
    viewer_zone: str = "UTC"
    available_now: bool = False
    community_id: int | None = None


def mentor_directory(viewer: User | AnonymousUser, query: DirectoryQuery) -> QuerySet[Profile]:
    """Mentors the viewer may see that match the query, best matches first."""
    mentors = visible_profiles(viewer).filter(is_mentor=True, user__is_active=True)
    ranked_skills: set[int] = set()
    text = query.text.strip()
    if text:
        ranked_skills = skill_ids_for_query(text)
        text_match = (
            Q(name__icontains=text)
            | Q(headline__icontains=text)
            | Q(help_with__icontains=text)
            | Q(skills__tag__icontains=text)
        )
        if ranked_skills:
            text_match |= Q(skills__skill_id__in=ranked_skills)
        mentors = mentors.filter(pk__in=Profile.objects.filter(text_match).values("pk"))
    if query.skill_id:
        ranked_skills.add(query.skill_id)
        mentors = mentors.filter(skills__skill_id=query.skill_id)
    if query.industry_id:
        mentors = mentors.filter(industries__id=query.industry_id)
    if query.language:
        mentors = mentors.filter(languages__code=query.language)
    if query.available_now:
        mentors = mentors.filter(available_now=True)
    if query.community_id:
        mentors = mentors.filter(user__memberships__community_id=query.community_id)
    if query.overlap_hours:
        zones = mentors.order_by().values_list("time_zone", flat=True).distinct()
        near = [
            z for z in zones if workday_overlap_hours(query.viewer_zone, z) >= query.overlap_hours
        ]
        mentors = mentors.filter(time_zone__in=near)
    if ranked_skills:
        mentors = mentors.annotate(
            matched_skills=Count(
                "skills", filter=Q(skills__skill_id__in=ranked_skills), distinct=True
            )
        )
    else:
        mentors = mentors.annotate(matched_skills=Value(0))
    return (
        mentors.select_related("user")
        .prefetch_related("skills__skill", "languages")
        .order_by("-matched_skills", "-available_now", "name", "pk")
    )
