from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.text import slugify

from bitesize.accounts.models import User
from bitesize.communities.models import Community, Membership


def community_create(
    *, name: str, kind: str, by: User, description: str = "", join_policy: str = "invite"
) -> Community:
    base = slugify(name)[:50] or "community"
    with transaction.atomic():
        slug, n = base, 1
        while Community.objects.filter(slug=slug).exists():
            n += 1
            slug = f"{base}-{n}"
        community = Community.objects.create(
            name=name, slug=slug, kind=kind, description=description, join_policy=join_policy
        )
        Membership.objects.create(community=community, user=by, role=Membership.Role.OWNER)
    return community


def membership_join(*, community: Community, user: User) -> Membership:
    """Join an open network. Joining twice is harmless and returns the existing membership."""
    if not community.is_listed:
        raise PermissionDenied("This community is by invitation only.")
    try:
        with transaction.atomic():
            membership, _ = Membership.objects.get_or_create(community=community, user=user)
    except IntegrityError:  # a concurrent join won the insert
        membership = Membership.objects.get(community=community, user=user)
    return membership


def membership_add(
    *, community: Community, user: User, role: str = Membership.Role.MEMBER, by: User | None
) -> Membership:
    """An admin adds (or re-roles) a member; by=None is the system, for seeding and SSO."""
    if by is not None:
        _require_admin(community, by)
    with transaction.atomic():
        membership, created = Membership.objects.get_or_create(
            community=community, user=user, defaults={"role": role}
        )
        if not created and membership.role != role:
            membership.role = role
            membership.save(update_fields=["role"])
    return membership


def membership_set_role(*, membership: Membership, role: str, by: User) -> Membership:
    if role not in Membership.Role.values:
        raise ValidationError({"role": f"Unknown role {role!r}."})
    with transaction.atomic():
        actor = _require_admin(membership.community, by)
        # Row lock, then re-read: two admins changing roles at once cannot both remove the
        # last owner.
        membership = Membership.objects.select_for_update().get(pk=membership.pk)
        touches_owner = Membership.Role.OWNER in (membership.role, role)
        if touches_owner and actor.role != Membership.Role.OWNER:
            raise PermissionDenied("Only an owner can grant or take the owner role.")
        if membership.role == Membership.Role.OWNER and role != Membership.Role.OWNER:
            _keep_an_owner(membership)
        membership.role = role
        membership.save(update_fields=["role"])
    return membership


def membership_remove(*, membership: Membership, by: User) -> None:
    with transaction.atomic():
        if membership.user_id != by.pk:
            actor = _require_admin(membership.community, by)
            if membership.role == Membership.Role.OWNER and actor.role != Membership.Role.OWNER:
                raise PermissionDenied("Only an owner can remove an owner.")
        membership = Membership.objects.select_for_update().get(pk=membership.pk)
        if membership.role == Membership.Role.OWNER:
            _keep_an_owner(membership)
        membership.delete()


def _require_admin(community: Community, user: User) -> Membership:
    membership = Membership.objects.filter(community=community, user=user).first()
    if membership is None or not membership.is_admin:
        raise PermissionDenied("Only the community's admins can do that.")
    return membership


def _keep_an_owner(membership: Membership) -> None:
    owners = Membership.objects.filter(
        community_id=membership.community_id, role=Membership.Role.OWNER
    ).exclude(pk=membership.pk)
    if not owners.exists():
        raise ValidationError("A community needs at least one owner.")
