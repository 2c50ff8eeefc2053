"""Reads of communities. Every fetch by id or slug goes through an access-checked getter,
so that a view cannot hand an outsider someone else's community by accident."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from bitesize.accounts.models import User
from bitesize.communities.models import Community, Membership


def community_list_for(user: User) -> QuerySet[Community]:
    """Communities the user belongs to, then open networks they may join."""
    return (
        Community.objects.filter(
            Q(memberships__user=user) | Q(join_policy=Community.JoinPolicy.OPEN)
        )
        .distinct()
        .annotate(member_count=Count("memberships", distinct=True))
        .order_by("name")
    )


def membership_of(user: User, community: Community) -> Membership | None:
    if not user.is_authenticated:
        return None
    return Membership.objects.filter(user=user, community=community).first()


def access_community_by_slug(user: User, slug: str, *, admin: bool = False) -> Community:
    """The community, if the user may see it (or administer it, with admin=True); else 404."""
    community = Community.objects.filter(slug=slug).first()
    if community is None or not user.is_authenticated:
        raise Http404("No such community.")
    membership = membership_of(user, community)
    if admin:
        if membership is None or not membership.is_admin:
            raise Http404("No such community.")
    elif membership is None and not community.is_listed:
        raise Http404("No such community.")
    return community


def community_ids_of(user: User) -> list[int]:
    if not user.is_authenticated:
        return []
    return list(Membership.objects.filter(user=user).values_list("community_id", flat=True))
