from __future__ import annotations

from django.db.models import Exists, OuterRef, Q

from bitesize.safety.models import Block


def blocked_either_way(user_id: int) -> set[int]:
    """People this person blocked or was blocked by."""
    rows = Block.objects.filter(Q(blocker_id=user_id) | Q(blocked_id=user_id)).values_list(
        "blocker_id", "blocked_id"
    )
    return {b if a == user_id else a for a, b in rows}


def is_blocked(a: int, b: int) -> bool:
    return Block.objects.filter(
        Q(blocker_id=a, blocked_id=b) | Q(blocker_id=b, blocked_id=a)
    ).exists()


def not_blocked_with(viewer_id: int, user_field: str = "user_id") -> Q:
    """A filter for rows whose `user_field` person has no block with the viewer, either way."""
    return ~Exists(
        Block.objects.filter(blocker_id=OuterRef(user_field), blocked_id=viewer_id)
    ) & ~Exists(Block.objects.filter(blocker_id=viewer_id, blocked_id=OuterRef(user_field)))
