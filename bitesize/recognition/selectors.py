"""Reads of recognition: a person's ledger, badges, streak and kudos; a community's
leaderboards and rewards. Community reads go through access-checked getters (404 outside)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.db.models import QuerySet, Sum
from django.http import Http404
from django.utils import timezone

from bitesize.accounts.models import User
from bitesize.communities.models import Community, Membership
from bitesize.profiles.models import Profile
from bitesize.recognition import rules
from bitesize.recognition.models import (
    BadgeAward,
    Kudos,
    PointEntry,
    RecognitionPrefs,
    RecognitionSettings,
    Redemption,
    Reward,
)
from bitesize.safety.selectors import not_blocked_with


def access_member_community(user: User, slug: str) -> tuple[Community, Membership]:
    """A community the user is a member of, with their membership; anyone else gets 404."""
    if not user.is_authenticated:
        raise Http404("No such community.")
    membership = (
        Membership.objects.filter(user=user, community__slug=slug)
        .select_related("community")
        .first()
    )
    if membership is None:
        raise Http404("No such community.")
    return membership.community, membership


def access_reward_by_id(user: User, slug: str, reward_id: int) -> tuple[Reward, Membership]:
    community, membership = access_member_community(user, slug)
    reward = Reward.objects.filter(pk=reward_id, community=community).first()
    if reward is None:
        raise Http404("No such reward.")
    return reward, membership


def access_redemption_by_id(user: User, slug: str, redemption_id: int) -> Redemption:
    """A redemption of the community, for its admins only; 404 to anyone else."""
    community, membership = access_member_community(user, slug)
    if not membership.is_admin:
        raise Http404("No such request.")
    row = (
        Redemption.objects.filter(pk=redemption_id, reward__community=community)
        .select_related("reward__community")
        .first()
    )
    if row is None:
        raise Http404("No such request.")
    return row


def ledger_of(user_id: int, limit: int = 50) -> list[PointEntry]:
    return list(PointEntry.objects.filter(user_id=user_id).select_related("community")[:limit])


def points_total(user_id: int) -> int:
    total = PointEntry.objects.filter(user_id=user_id).aggregate(n=Sum("points"))["n"]
    return int(total or 0)


def badges_of(user_id: int) -> list[BadgeAward]:
    return list(BadgeAward.objects.filter(user_id=user_id))


def badge_by_public_id(public_id: str) -> BadgeAward:
    """A badge's public page: anyone may see the earner's name, the badge and the date."""
    award = (
        BadgeAward.objects.filter(public_id=public_id, user__is_active=True)
        .select_related("user__profile")
        .first()
    )
    if award is None:
        raise Http404("No such badge.")
    return award


def prefs_of(user_id: int) -> RecognitionPrefs:
    return RecognitionPrefs.objects.filter(user_id=user_id).first() or RecognitionPrefs(
        user_id=user_id
    )


def kudos_for_profile(recipient_id: int, viewer: User, limit: int = 10) -> list[Kudos]:
    """Kudos shown on a profile: none when the person opted out, and none from people the
    viewer blocked or was blocked by."""
    if prefs_of(recipient_id).hide_kudos:
        return []
    rows = Kudos.objects.filter(recipient_id=recipient_id).select_related("sender__profile")
    if viewer.is_authenticated:
        rows = rows.filter(not_blocked_with(viewer.pk, "sender_id"))
    return list(rows[:limit])


def streak_of(user: User, today: datetime | None = None) -> rules.Streak:
    """Weekly participation streak, in the person's own time zone."""
    zone = ZoneInfo(getattr(getattr(user, "profile", None), "time_zone", "UTC") or "UTC")
    now = (today or timezone.now()).astimezone(zone)
    since = now - timedelta(weeks=60)
    moments = PointEntry.objects.filter(
        user=user, kind=rules.Kind.SESSION, booking__start__gte=since
    ).values_list("booking__start", flat=True)
    return rules.weekly_streak((m.astimezone(zone).date() for m in moments if m), now.date())


# --- leaderboards -----------------------------------------------------------------------
PERIODS = {"week": "This week", "month": "This month", "all": "All time"}
MEASURES = {"points": "Points", "minutes": "Mentoring minutes"}


@dataclass(frozen=True)
class Row:
    rank: int
    user_id: int
    name: str
    handle: str
    value: int


def leaderboards_on(community: Community) -> bool:
    row = RecognitionSettings.objects.filter(community=community).first()
    return row is None or row.leaderboards


def _period_start(period: str, now: datetime) -> datetime | None:
    if period == "week":
        day = now - timedelta(days=now.weekday())
        return day.replace(hour=0, minute=0, second=0, microsecond=0)
    if period == "month":
        return now.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    return None


def leaderboard(
    community: Community, *, measure: str, period: str, now: datetime | None = None, limit: int = 20
) -> list[Row]:
    """Members ranked by points earned (spending does not lower it) or mentoring minutes in
    the community, for a period in UTC; people who opted out are left off."""
    entries = PointEntry.objects.filter(
        community=community, user__memberships__community=community
    ).exclude(user__recognition_prefs__leaderboard_opt_out=True)
    start = _period_start(period, now or timezone.now())
    if start is not None:
        entries = entries.filter(at__gte=start)
    if measure == "minutes":
        entries = entries.filter(kind=rules.Kind.SESSION, minutes__gt=0)
        totals = entries.values("user_id").annotate(value=Sum("minutes"))
    else:
        entries = entries.exclude(kind=rules.Kind.REDEMPTION)
        totals = entries.values("user_id").annotate(value=Sum("points"))
    ranked = list(totals.filter(value__gt=0).order_by("-value", "user_id")[:limit])
    profiles = {
        p.user_id: p for p in Profile.objects.filter(user_id__in=[r["user_id"] for r in ranked])
    }
    rows = []
    for n, r in enumerate(ranked, 1):
        p = profiles.get(r["user_id"])
        rows.append(Row(n, r["user_id"], p.name if p else "", p.handle if p else "", r["value"]))
    return rows


# --- rewards ----------------------------------------------------------------------------
def rewards_of(community: Community, *, admin: bool = False) -> QuerySet[Reward]:
    rows = Reward.objects.filter(community=community)
    return rows if admin else rows.filter(active=True)


def redemptions_waiting(community: Community) -> QuerySet[Redemption]:
    return Redemption.objects.filter(
        reward__community=community, state=Redemption.State.REQUESTED
    ).select_related("reward", "user__profile")


def redemptions_of(user: User, community: Community) -> QuerySet[Redemption]:
    return Redemption.objects.filter(user=user, reward__community=community).select_related(
        "reward"
    )
