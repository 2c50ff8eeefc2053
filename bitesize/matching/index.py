"""The in-memory matching index of this process, kept fresh from the database.

Each process builds its index on first use, from the mentors' stored vectors (MentorVector):
only texts without one are embedded, and only when they are few (MATCHING_BUILD_EMBED_LIMIT);
the vectors it embeds are stored for the next process. Past the limit, those mentors rank on
lexical signals until `manage.py embed_mentors` has stored theirs and they change, or the next
start. Profile and history changes write a MentorChange row (services call mentor_changed);
before ranking, a process applies the rows it has not seen yet, reusing stored vectors and
embedding a changed text itself, so every process sees a change at its next ranking, with no
broker involved and without waiting for the task that stores the new vectors."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence

import numpy as np
from django.conf import settings

from bitesize.matching.changes import mentor_changed
from bitesize.matching.documents import MentorDoc
from bitesize.matching.engine import F32, MatchIndex, mentor_texts, text_key
from bitesize.matching.models import MentorChange
from bitesize.matching.selectors import mentor_docs, stored_vectors, synonyms

__all__ = ["current_index", "mentor_changed", "reset_index"]

log = logging.getLogger(__name__)
_lock = threading.Lock()
_index: MatchIndex | None = None
_seen = 0


def embedder() -> Callable[[Sequence[str]], np.ndarray] | None:
    from bitesize.matching import embedding

    return embedding.embed if embedding.model_available() else None


def _model_id() -> str:
    from bitesize.matching import embedding

    return embedding.model_id()


def current_index() -> MatchIndex:
    global _index, _seen
    with _lock:
        if _index is None:
            last = MentorChange.objects.order_by("-id").values_list("id", flat=True).first() or 0
            embed = embedder()
            docs = mentor_docs()
            index = MatchIndex(background=settings.MATCHING_BACKGROUND_REBUILD)
            index.build(
                docs,
                embedder=embed,
                synonyms=synonyms(),
                known=stored_vectors(model=_model_id()) if embed else None,
                embed_limit=settings.MATCHING_BUILD_EMBED_LIMIT,
            )
            _store(docs, index.take_embedded())
            _index, _seen = index, last
            log.info("Matching index built with %d mentors.", len(_index))
            return _index
        changes = list(MentorChange.objects.filter(id__gt=_seen).values_list("id", "mentor_id"))
        if changes:
            ids = {mentor_id for _, mentor_id in changes}
            docs_by_id = {d.mentor_id: d for d in mentor_docs(ids)}
            known = stored_vectors(model=_model_id(), mentor_ids=ids) if _index.semantic else None
            for mentor_id in ids:
                if mentor_id in docs_by_id:
                    _index.upsert(docs_by_id[mentor_id], known=known)
                else:
                    _index.remove(mentor_id)
            _seen = max(i for i, _ in changes)
        return _index


def _store(docs: Sequence[MentorDoc], embedded: dict[str, F32]) -> None:
    """Keep what the build embedded, so that the next process start finds it."""
    if not embedded:
        return
    from bitesize.matching.services import mentor_vectors_save  # services import this module

    rows = {
        (doc.mentor_id, key): embedded[key]
        for doc in docs
        for key in map(text_key, mentor_texts(doc))
        if key in embedded
    }
    mentor_vectors_save(model=_model_id(), rows=[(m, k, v) for (m, k), v in rows.items()])


def reset_index() -> None:
    """Forget the index (tests use a fresh database each time)."""
    global _index, _seen
    with _lock:
        _index, _seen = None, 0
