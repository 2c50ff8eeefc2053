"""Suggestions for an ask: the engine's ranking over the mentors the asker may reach, with
the earliest slot that suits both within the ask's urgency, and reasons a person can read."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

import numpy as np
import numpy.typing as npt
from django.db import transaction
from django.utils import timezone

from bitesize.asks.models import Ask
from bitesize.communities.models import Membership
from bitesize.matching.documents import MentorDoc
from bitesize.matching.engine import Embedder, _quantize, mentor_texts, text_key
from bitesize.matching.index import current_index
from bitesize.matching.models import MentorVector
from bitesize.matching.selectors import ask_doc, stored_digests, stored_vectors
from bitesize.profiles.models import Profile
from bitesize.profiles.selectors import visible_profiles, workday_overlap_hours
from bitesize.scheduling.messages import local_time
from bitesize.scheduling.selectors import earliest_mutual_slots

WINDOWS: dict[str, timedelta] = {
    Ask.Urgency.NOW: timedelta(hours=3),
    Ask.Urgency.DAY: timedelta(days=1),
    Ask.Urgency.WEEK: timedelta(days=7),
    Ask.Urgency.FLEXIBLE: timedelta(days=21),
}
SLOT_WEIGHT = 0.15  # share of the final score that a slot inside the urgency window earns


@dataclass
class Suggestion:
    profile: Profile
    score: int
    reasons: list[str] = field(default_factory=list)
    slot: datetime | None = None
    components: dict[str, float] = field(default_factory=dict)


def reachable_mentor_ids(ask: Ask) -> set[int]:
    """Mentors the asker may see, within the ask's audience, never the asker."""
    mentors = (
        visible_profiles(ask.asker)
        .filter(is_mentor=True, user__is_active=True)
        .exclude(user_id=ask.asker_id)
    )
    from bitesize.debriefs.ledger import tie_break_mentors

    # A tie-break asks for a third view: the two mentors who disagree are not suggested.
    mentors = mentors.exclude(user_id__in=tie_break_mentors(ask))
    audience = list(ask.audience.values_list("pk", flat=True))
    if audience:
        members = Membership.objects.filter(community_id__in=audience).values("user_id")
        mentors = mentors.filter(user_id__in=members)
    return set(mentors.values_list("user_id", flat=True))


def suggestions_for(
    ask: Ask, *, k: int = 10, now: datetime | None = None, urgency: str | None = None
) -> list[Suggestion]:
    now = now or timezone.now()
    urgency = urgency or ask.urgency
    allowed = reachable_mentor_ids(ask)
    if not allowed:
        return []
    doc = ask_doc(ask)
    ranked = current_index().rank(doc, allowed=allowed, k=max(k * 3, 30))
    window = WINDOWS.get(urgency, timedelta(days=7))
    slots = earliest_mutual_slots(
        mentor_ids=[r.mentor_id for r in ranked],
        mentee_id=ask.asker_id,
        minutes=ask.minutes,
        now=now,
        within=window,
    )
    profiles = {
        p.user_id: p for p in Profile.objects.filter(user_id__in=[r.mentor_id for r in ranked])
    }
    found = []
    for r in ranked:
        profile = profiles.get(r.mentor_id)
        if profile is None:
            continue
        slot = slots.get(r.mentor_id)
        reasons = list(r.reasons)
        if slot is not None:
            reasons.append(f"Free {local_time(slot, doc.time_zone)}")
        elif urgency in (Ask.Urgency.NOW, Ask.Urgency.DAY):
            reasons.append("No free slot within your urgency window")
        overlap = workday_overlap_hours(doc.time_zone, profile.time_zone)
        if overlap >= 4:
            reasons.append(f"{overlap:.0f} h of your working day in common")
        score = round((1 - SLOT_WEIGHT) * r.score + SLOT_WEIGHT * (100 if slot else 0))
        found.append(
            Suggestion(
                profile=profile,
                score=score,
                reasons=reasons,
                slot=slot,
                components=dict(r.components),
            )
        )
    found.sort(key=lambda s: (-s.score, s.profile.name))
    return found[:k]


@dataclass(frozen=True)
class VectorRefresh:
    embedded: int = 0  # distinct texts run through the model
    reused: int = 0  # vectors copied from an identical text stored before
    removed: int = 0  # vectors of texts the mentors no longer have, or of another model


def mentor_vectors_refresh(
    *,
    docs: Sequence[MentorDoc],
    embedder: Embedder,
    model: str,
    gone: Iterable[int] = (),
    batch: int = 256,
    progress: Callable[[int], None] | None = None,
) -> VectorRefresh:
    """Store a vector for each text of these mentors that has none (each distinct text
    embedded once, a text stored for anyone copied rather than embedded) and delete their
    vectors of texts they no longer have; `gone` mentors lose all of theirs. Idempotent."""
    wanted = {doc.mentor_id: {text_key(t): t for t in mentor_texts(doc)} for doc in docs}
    have = stored_digests(model=model, mentor_ids=wanted)
    missing = {
        (mentor_id, digest): text
        for mentor_id, texts in wanted.items()
        for digest, text in texts.items()
        if digest not in have.get(mentor_id, ())
    }
    texts = {digest: text for (_, digest), text in missing.items()}
    vectors = stored_vectors(model=model, digests=texts)
    reused = len(vectors)
    todo = [digest for digest in texts if digest not in vectors]
    for start in range(0, len(todo), batch):  # the slow part, outside any transaction
        part = todo[start : start + batch]
        matrix = np.asarray(embedder([texts[d] for d in part]), dtype=np.float32)
        vectors.update(zip(part, matrix, strict=True))
        if progress is not None:
            progress(len(part))
    removed = 0
    with transaction.atomic():
        for mentor_id, digests in have.items():
            stale = digests - wanted[mentor_id].keys()
            if stale:
                removed += MentorVector.objects.filter(
                    mentor_id=mentor_id, model=model, digest__in=stale
                ).delete()[0]
        removed += MentorVector.objects.filter(mentor_id__in=list(gone)).delete()[0]
        removed += (
            MentorVector.objects.filter(mentor_id__in=list(wanted)).exclude(model=model).delete()[0]
        )
        mentor_vectors_save(
            model=model,
            rows=[(m, d, vectors[d]) for m, d in missing if d in vectors],
        )
    return VectorRefresh(embedded=len(todo), reused=reused, removed=removed)


def mentor_vectors_save(
    *, model: str, rows: Sequence[tuple[int, str, npt.NDArray[np.floating[Any]]]]
) -> int:
    """Store (mentor id, text digest, vector) rows; a row stored already is kept as it is."""
    if not rows:
        return 0
    codes, scale = _quantize(np.stack([np.asarray(v, dtype=np.float32) for _, _, v in rows]))
    MentorVector.objects.bulk_create(
        (
            MentorVector(
                mentor_id=mentor_id, digest=digest, model=model, codes=c.tobytes(), scale=float(s)
            )
            for (mentor_id, digest, _), c, s in zip(rows, codes, scale, strict=True)
        ),
        batch_size=1000,
        ignore_conflicts=True,  # another process stored the same text first: equal vectors
    )
    return len(rows)
