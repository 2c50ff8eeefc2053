"""The recognition API: points, badges, kudos, leaderboards and rewards (docs/api.md)."""

from __future__ import annotations

from datetime import datetime
from typing import Any, cast
from uuid import UUID

from django.http import Http404, HttpRequest
from ninja import Router, Schema, Status
from pydantic import Field

from bitesize.accounts.models import User
from bitesize.communities.models import Community
from bitesize.profiles.selectors import access_profile_by_handle
from bitesize.recognition import credentials, selectors, services
from bitesize.recognition.models import (
    BadgeAward,
    CustomBadge,
    RecognitionSettings,
    Redemption,
    Reward,
)

router = Router(tags=["recognition"])
ERR = {400: dict, 403: dict, 404: dict}


def _user(request: HttpRequest) -> User:
    return cast(User, request.user)


class EntryOut(Schema):
    kind: str
    points: int
    reason: str
    community: str | None
    session: int | None
    at: datetime


class StreakOut(Schema):
    weeks: int
    grace_used: bool
    alive: bool


class PointsOut(Schema):
    total: int
    streak: StreakOut
    entries: list[EntryOut]


class BadgeOut(Schema):
    id: UUID
    code: str
    name: str
    description: str
    earned_at: datetime
    url: str
    credential_url: str


class PublicBadgeOut(BadgeOut):
    earner: str
    credential: str = Field(..., description="The signed OpenBadgeCredential (VC-JWT)")


class PrefsIO(Schema):
    hide_kudos: bool = False
    leaderboard_opt_out: bool = False


class KudosIn(Schema):
    message: str = Field(..., max_length=500)


class RowOut(Schema):
    rank: int
    name: str
    handle: str
    value: int


class RewardIn(Schema):
    name: str = Field(..., max_length=80)
    description: str = Field("", max_length=300)
    cost: int = Field(..., ge=1)
    stock: int = Field(..., ge=0)


class RewardOut(Schema):
    id: int
    name: str
    description: str
    cost: int
    stock: int
    active: bool


class RedemptionOut(Schema):
    id: int
    reward: int
    reward_name: str
    member: str
    cost: int
    state: str
    decided_at: datetime | None


class RewardsOut(Schema):
    balance: int
    rewards: list[RewardOut]
    mine: list[RedemptionOut]
    waiting: list[RedemptionOut] = Field(..., description="Admins only; empty for members")


def badge_out(award: BadgeAward) -> BadgeOut:
    return BadgeOut(
        id=award.public_id,
        code=award.code,
        name=award.name,
        description=award.description,
        earned_at=award.earned_at,
        url=f"/badges/{award.public_id}/",
        credential_url=f"/badges/{award.public_id}/credential.jwt",
    )


def reward_out(r: Reward) -> RewardOut:
    return RewardOut(
        id=r.pk, name=r.name, description=r.description, cost=r.cost, stock=r.stock, active=r.active
    )


def redemption_out(r: Redemption) -> RedemptionOut:
    return RedemptionOut(
        id=r.pk,
        reward=r.reward_id,
        reward_name=r.reward.name,
        member=r.user.profile.name,
        cost=r.cost,
        state=r.state,
        decided_at=r.decided_at,
    )


@router.get("/me/points", response=PointsOut, summary="My points ledger, total and streak")
def my_points(request: HttpRequest) -> PointsOut:
    user = _user(request)
    streak = selectors.streak_of(user)
    return PointsOut(
        total=selectors.points_total(user.pk),
        streak=StreakOut(weeks=streak.weeks, grace_used=streak.grace_used, alive=streak.alive),
        entries=[
            EntryOut(
                kind=e.kind,
                points=e.points,
                reason=e.reason,
                community=e.community.slug if e.community else None,
                session=e.booking_id,
                at=e.at,
            )
            for e in selectors.ledger_of(user.pk)
        ],
    )


@router.get("/me/badges", response=list[BadgeOut], summary="My badges")
def my_badges(request: HttpRequest) -> list[BadgeOut]:
    return [badge_out(a) for a in selectors.badges_of(_user(request).pk)]


@router.put("/me/recognition", response=PrefsIO, summary="My recognition preferences")
def my_prefs(request: HttpRequest, payload: PrefsIO) -> PrefsIO:
    row = services.prefs_update(
        user=_user(request),
        hide_kudos=payload.hide_kudos,
        leaderboard_opt_out=payload.leaderboard_opt_out,
    )
    return PrefsIO(hide_kudos=row.hide_kudos, leaderboard_opt_out=row.leaderboard_opt_out)


@router.get(
    "/badges/{public_id}",
    response={200: PublicBadgeOut, 404: dict},
    auth=None,
    summary="A badge, public, with its signed credential",
)
def badge(request: HttpRequest, public_id: UUID) -> PublicBadgeOut:
    award = selectors.badge_by_public_id(str(public_id))
    return PublicBadgeOut(
        **badge_out(award).model_dump(),
        earner=award.user.profile.name,
        credential=credentials.badge_jwt(award),
    )


@router.post("/profiles/{handle}/kudos", response={201: dict, **ERR}, summary="Send kudos")
def kudos(request: HttpRequest, handle: str, payload: KudosIn) -> Status[dict[str, int]]:
    profile = access_profile_by_handle(request.user, handle)
    row = services.kudos_give(
        sender=_user(request), recipient=profile.user, message=payload.message
    )
    return Status(201, {"id": row.pk})


@router.get(
    "/communities/{slug}/leaderboard", response={200: list[RowOut], **ERR}, summary="Leaderboard"
)
def leaderboard(
    request: HttpRequest, slug: str, by: str = "points", period: str = "week"
) -> list[RowOut]:
    community, _ = selectors.access_member_community(_user(request), slug)
    if not selectors.leaderboards_on(community):
        raise Http404("This community has no leaderboards.")
    if by not in selectors.MEASURES or period not in selectors.PERIODS:
        raise Http404("Use by=points|minutes and period=week|month|all.")
    rows = selectors.leaderboard(community, measure=by, period=period)
    return [RowOut(rank=r.rank, name=r.name, handle=r.handle, value=r.value) for r in rows]


@router.get("/communities/{slug}/rewards", response={200: RewardsOut, **ERR}, summary="Rewards")
def rewards(request: HttpRequest, slug: str) -> RewardsOut:
    user = _user(request)
    community, membership = selectors.access_member_community(user, slug)
    waiting = selectors.redemptions_waiting(community) if membership.is_admin else []
    return RewardsOut(
        balance=services.balance_of(user.pk, community),
        rewards=[reward_out(r) for r in selectors.rewards_of(community, admin=membership.is_admin)],
        mine=[
            redemption_out(r)
            for r in selectors.redemptions_of(user, community).select_related("user__profile")
        ],
        waiting=[redemption_out(r) for r in waiting],
    )


@router.post(
    "/communities/{slug}/rewards", response={201: RewardOut, **ERR}, summary="Add a reward"
)
def reward_add(request: HttpRequest, slug: str, payload: RewardIn) -> Status[RewardOut]:
    community, _ = selectors.access_member_community(_user(request), slug)
    reward = services.reward_create(community=community, by=_user(request), **payload.model_dump())
    return Status(201, reward_out(reward))


@router.post(
    "/communities/{slug}/rewards/{reward_id}/redeem",
    response={201: RedemptionOut, **ERR},
    summary="Ask for a reward",
)
def redeem(request: HttpRequest, slug: str, reward_id: int) -> Status[RedemptionOut]:
    reward, _ = selectors.access_reward_by_id(_user(request), slug, reward_id)
    row = services.redemption_request(reward=reward, by=_user(request))
    return Status(201, redemption_out(row))


@router.post(
    "/communities/{slug}/redemptions/{redemption_id}/{decision}",
    response={200: RedemptionOut, **ERR},
    summary="Approve or reject a request (admins)",
)
def decide(
    request: HttpRequest, slug: str, redemption_id: int, decision: str, note: str = ""
) -> RedemptionOut:
    row = selectors.access_redemption_by_id(_user(request), slug, redemption_id)
    if decision not in ("approve", "reject"):
        raise Http404("Use approve or reject.")
    row = services.redemption_decide(
        redemption=row, by=_user(request), approve=decision == "approve", note=note[:300]
    )
    return redemption_out(row)


# --- a community's recognition settings (its admins) ------------------------------------------
class CustomBadgeIO(Schema):
    name: str = Field(..., max_length=60)
    description: str = Field("", max_length=200)
    metric: str = Field(..., description="sessions or points, counted inside the community")
    threshold: int = Field(..., ge=1, le=100_000)


class CustomBadgeOut(CustomBadgeIO):
    id: int
    code: str


class RecognitionSettingsIO(Schema):
    leaderboards: bool = Field(True, description="show leaderboards to members")
    rules: dict[str, Any] = Field(
        default_factory=dict,
        description='overrides of the point rules, e.g. {"points": {"session": 15}}',
    )


class RecognitionSettingsOut(RecognitionSettingsIO):
    badges: list[CustomBadgeOut]


def custom_badge_out(badge: CustomBadge) -> CustomBadgeOut:
    return CustomBadgeOut(
        id=badge.pk,
        code=badge.code,
        name=badge.name,
        description=badge.description,
        metric=badge.metric,
        threshold=badge.threshold,
    )


def _admin_community(request: HttpRequest, slug: str) -> Community:
    """The community, for its admins and owners; anyone else gets 404."""
    community, membership = selectors.access_member_community(_user(request), slug)
    if not membership.is_admin:
        raise Http404("No such community.")
    return community


def _settings_out(community: Community) -> RecognitionSettingsOut:
    row = RecognitionSettings.objects.filter(community=community).first()
    badges = CustomBadge.objects.filter(community=community).order_by("pk")
    return RecognitionSettingsOut(
        leaderboards=row.leaderboards if row else True,
        rules=row.rules if row else {},
        badges=[custom_badge_out(b) for b in badges],
    )


@router.get(
    "/communities/{slug}/recognition",
    response={200: RecognitionSettingsOut, **ERR},
    summary="A community's recognition settings (admins)",
)
def recognition_settings(request: HttpRequest, slug: str) -> RecognitionSettingsOut:
    return _settings_out(_admin_community(request, slug))


@router.put(
    "/communities/{slug}/recognition",
    response={200: RecognitionSettingsOut, **ERR},
    summary="Switch leaderboards and override point rules (admins)",
)
def recognition_settings_put(
    request: HttpRequest, slug: str, payload: RecognitionSettingsIO
) -> RecognitionSettingsOut:
    community = _admin_community(request, slug)
    services.recognition_settings_update(
        community=community,
        by=_user(request),
        leaderboards=payload.leaderboards,
        overrides=payload.rules,
    )
    return _settings_out(community)


@router.post(
    "/communities/{slug}/badges",
    response={201: CustomBadgeOut, **ERR},
    summary="Define a community badge (admins)",
)
def custom_badge_add(
    request: HttpRequest, slug: str, payload: CustomBadgeIO
) -> Status[CustomBadgeOut]:
    community = _admin_community(request, slug)
    badge = services.custom_badge_create(
        community=community, by=_user(request), **payload.model_dump()
    )
    return Status(201, custom_badge_out(badge))
