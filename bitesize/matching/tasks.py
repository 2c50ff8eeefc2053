"""Background work of matching. A mentor's vectors are stored after each change, so that the
next process start finds them instead of running the model (index.py); the task re-reads the
mentor and does only what is still missing, so running it twice or late is harmless."""

from __future__ import annotations

from django_tasks import task

from bitesize.matching import embedding
from bitesize.matching.selectors import mentor_docs
from bitesize.matching.services import mentor_vectors_refresh


@task()
def store_mentor_vectors(mentor_id: int) -> str:
    if not embedding.model_available():
        return "no model"
    docs = mentor_docs([mentor_id])
    done = mentor_vectors_refresh(
        docs=docs,
        embedder=embedding.embed,
        model=embedding.model_id(),
        gone=() if docs else (mentor_id,),
    )
    return f"embedded {done.embedded}, reused {done.reused}, removed {done.removed}"
