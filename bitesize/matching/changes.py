from __future__ import annotations

from bitesize.matching.models import MentorChange


def mentor_changed(mentor_id: int) -> None:
    """Record that a mentor's profile or history changed, inside the caller's transaction,
    so other processes see it exactly when the change itself is committed (index.py)."""
    MentorChange.objects.create(mentor_id=mentor_id)
