"""Community insights in the JSON API: aggregates for the community's admins and owners;
everyone else gets 404."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, cast

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from ninja import Router, Schema

from bitesize.accounts.models import User
from bitesize.communities.insights import DEFAULT_DAYS, PERIODS, Insights, insights_of
from bitesize.communities.selectors import access_community_by_slug

router = Router(tags=["communities"])
ERR: dict[int, Any] = {400: dict, 401: dict, 404: dict, 422: dict}


class FigureOut(Schema):
    value: int | float | None
    hidden: bool


class ParticipationOut(Schema):
    members: int
    sessions: FigureOut
    minutes: FigureOut
    mentees: FigureOut
    mentors: FigureOut
    took_part: FigureOut


class MonthOut(Schema):
    month: date
    sessions: FigureOut
    mentees: FigureOut


class AskFlowOut(Schema):
    asks: FigureOut
    with_session: FigureOut
    median_hours: FigureOut
    no_show_rate: FigureOut
    late_cancel_rate: FigureOut


class FollowThroughOut(Schema):
    debriefed: FigureOut
    average_rating: FigureOut
    ratings: FigureOut
    helpful: FigureOut
    actions_due: FigureOut
    actions_done: FigureOut
    actions_done_share: FigureOut


class SkillGapOut(Schema):
    name: str
    askers: FigureOut
    mentors: FigureOut


class ConflictCountOut(Schema):
    label: str
    count: FigureOut


class InsightsOut(Schema):
    days: int
    since: datetime
    until: datetime
    min_group: int
    participation: ParticipationOut
    months: list[MonthOut]
    asks: AskFlowOut
    follow_through: FollowThroughOut
    skills: list[SkillGapOut]
    conflicts: list[ConflictCountOut]


@router.get(
    "/communities/{slug}/insights",
    response={200: InsightsOut, **ERR},
    summary="Aggregates of a community you administer",
)
def insights(request: HttpRequest, slug: str, days: int = DEFAULT_DAYS) -> Insights:
    community = access_community_by_slug(cast(User, request.user), slug, admin=True)
    if days not in PERIODS:
        raise ValidationError({"days": "Use days=30, 90 or 365."})
    return insights_of(community, days=days)
