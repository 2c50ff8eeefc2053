"""Reads of profiles: who may see whom, and the mentor directory."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from bitesize.accounts.models import User
from bitesize.communities.models import Membership
from bitesize.profiles.choices import time_zone_names
from bitesize.profiles.models import Profile, ProfileSkill
from bitesize.safety.selectors import not_blocked_with
from bitesize.skills.selectors import skill_query

WORKDAY = (time(9), time(18))


def visible_profiles(viewer: User | AnonymousUser) -> QuerySet[Profile]:
    """Profiles the viewer may see: public ones, their own, and those of people who share a
    community with them; never someone the viewer blocked or was blocked by."""
    if not viewer.is_authenticated:
        return Profile.objects.filter(visibility=Profile.Visibility.PUBLIC)
    shared = Membership.objects.filter(
        user_id=OuterRef("user_id"),
        community__memberships__user_id=viewer.pk,
    )
    return Profile.objects.filter(
        Q(visibility=Profile.Visibility.PUBLIC) | Q(user_id=viewer.pk) | Exists(shared),
        not_blocked_with(viewer.pk),
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
        named = skill_query(text)
        ranked_skills = set(named.ids)
        by_skill = Q(
            pk__in=ProfileSkill.objects.filter(skill_id__in=named.ids).values("profile_id")
        )
        if named.covered:
            # The query is made of skill names only ("k8s", "salary negotiation"): an indexed
            # lookup answers it, without scanning every profile's text.
            mentors = mentors.filter(by_skill)
        else:
            tagged = ProfileSkill.objects.filter(skill__isnull=True, tag__icontains=text)
            text_match = (
                Q(name__icontains=text)
                | Q(headline__icontains=text)
                | Q(help_with__icontains=text)
                | Q(pk__in=tagged.values("profile_id"))
            )
            mentors = mentors.filter(text_match | by_skill if named.ids else text_match)
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
        near = [
            zone
            for zone in time_zone_names()
            if workday_overlap_hours(query.viewer_zone, zone) >= query.overlap_hours
        ]
        mentors = mentors.filter(time_zone__in=near)
    order = ["-available_now", "name", "pk"]
    if ranked_skills:
        mentors = mentors.annotate(
            matched_skills=Count(
                "skills", filter=Q(skills__skill_id__in=ranked_skills), distinct=True
            )
        )
        order.insert(0, "-matched_skills")
    return (
        mentors.select_related("user")
        .prefetch_related("skills__skill", "languages")
        .order_by(*order)
    )
