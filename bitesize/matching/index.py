"""The in-memory matching index of this process, kept fresh from the database.

Each process builds its index on first use. Profile and history changes write a MentorChange
row (services call mentor_changed); before ranking, a process applies the rows it has not
seen yet, so every process sees a change at its next ranking, with no broker involved."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence

import numpy as np
from django.conf import settings

from bitesize.matching.changes import mentor_changed
from bitesize.matching.engine import MatchIndex
from bitesize.matching.models import MentorChange
from bitesize.matching.selectors import mentor_docs, synonyms

__all__ = ["current_index", "mentor_changed", "reset_index"]

log = logging.getLogger(__name__)
_lock = threading.Lock()
_index: MatchIndex | None = None
_seen = 0


def embedder() -> Callable[[Sequence[str]], np.ndarray] | None:
    from bitesize.matching import embedding

    return embedding.embed if embedding.model_available() else None


def current_index() -> MatchIndex:
    global _index, _seen
    with _lock:
        if _index is None:
            last = MentorChange.objects.order_by("-id").values_list("id", flat=True).first() or 0
            _index = MatchIndex(background=settings.MATCHING_BACKGROUND_REBUILD)
            _index.build(mentor_docs(), embedder=embedder(), synonyms=synonyms())
            _seen = last
            log.info("Matching index built with %d mentors.", len(_index))
            return _index
        changes = list(MentorChange.objects.filter(id__gt=_seen).values_list("id", "mentor_id"))
        if changes:
            ids = {mentor_id for _, mentor_id in changes}
            docs = {d.mentor_id: d for d in mentor_docs(ids)}
            for mentor_id in ids:
                if mentor_id in docs:
                    _index.upsert(docs[mentor_id])
                else:
                    _index.remove(mentor_id)
            _seen = max(i for i, _ in changes)
        return _index


def reset_index() -> None:
    """Forget the index (tests use a fresh database each time)."""
    global _index, _seen
    with _lock:
        _index, _seen = None, 0
