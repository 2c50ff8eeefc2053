from __future__ import annotations

from django.db import transaction

from bitesize.matching.models import MentorChange


def mentor_changed(mentor_id: int) -> None:
    """Record that a mentor's profile or history changed, inside the caller's transaction,
    so other processes see it exactly when the change itself is committed (index.py); after
    the commit, a task stores the vectors of the mentor's new texts (tasks.py)."""
    MentorChange.objects.create(mentor_id=mentor_id)
    transaction.on_commit(lambda: _store_vectors(mentor_id))


def _store_vectors(mentor_id: int) -> None:
    from bitesize.matching.tasks import store_mentor_vectors  # imports the services: not at load

    store_mentor_vectors.enqueue(mentor_id)
