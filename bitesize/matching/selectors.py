"""The database side of matching: mentors and asks as the engine's plain documents. The
evaluation command reads its imported mentors back through the same functions."""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Iterable
from datetime import timedelta

import numpy as np
from django.db.models import Count, F, Q
from django.utils import timezone

from bitesize.asks.models import Ask, Offer
from bitesize.matching.documents import AskDoc, HelpRecord, MentorDoc
from bitesize.matching.engine import F32
from bitesize.matching.models import MentorVector
from bitesize.profiles.models import Profile, ProfileLanguage, ProfileSkill
from bitesize.scheduling.models import Booking
from bitesize.skills.models import SkillAlias


def synonyms() -> dict[str, str]:
    """Every alias of the catalogue, lower-cased, mapped to its skill's name."""
    return {
        alias.lower(): name
        for alias, name in SkillAlias.objects.values_list("alias", "skill__name")
    }


CHUNK = 2000  # ids per IN (...) query, far below SQLite's limit of bound variables


def stored_vectors(
    *, model: str, mentor_ids: Iterable[int] | None = None, digests: Iterable[str] | None = None
) -> dict[str, F32]:
    """Stored vectors of this model by text digest (engine.text_key), as float32 rows: all of
    them, or those of some mentors, or of some texts. Identical texts share one entry."""
    rows = MentorVector.objects.filter(model=model)
    parts = [rows]
    if digests is not None or mentor_ids is not None:
        field = "digest__in" if digests is not None else "mentor_id__in"
        values: list[object] = list(digests if digests is not None else mentor_ids or ())
        parts = [
            rows.filter(**{field: values[i : i + CHUNK]}) for i in range(0, len(values), CHUNK)
        ]
    found: dict[str, F32] = {}
    for part in parts:
        fetched = list(part.values_list("digest", "codes", "scale"))
        if not fetched:
            continue
        # One buffer for all codes: decoding row by row costs more than the query at 100k.
        codes = np.frombuffer(b"".join(bytes(c) for _, c, _ in fetched), dtype=np.int8)
        scale = np.array([s for _, _, s in fetched], dtype=np.float32)
        matrix = codes.reshape(len(fetched), -1).astype(np.float32) * scale[:, None]
        found.update(zip((d for d, _, _ in fetched), matrix, strict=True))
    return found


def stored_digests(*, model: str, mentor_ids: Iterable[int]) -> dict[int, set[str]]:
    """mentor id -> digests of their stored vectors of this model."""
    ids = list(mentor_ids)
    found: dict[int, set[str]] = defaultdict(set)
    for i in range(0, len(ids), CHUNK):
        for mentor_id, digest in MentorVector.objects.filter(
            model=model, mentor_id__in=ids[i : i + CHUNK]
        ).values_list("mentor_id", "digest"):
            found[mentor_id].add(digest)
    return found


def mentor_docs(mentor_ids: Iterable[int] | None = None) -> list[MentorDoc]:
    """Mentors as documents, in a fixed number of queries however many there are."""
    profiles = Profile.objects.filter(is_mentor=True, user__is_active=True)
    if mentor_ids is not None:
        profiles = profiles.filter(user_id__in=list(mentor_ids))
    rows = list(
        profiles.values_list(
            "id",
            "user_id",
            "name",
            "headline",
            "bio",
            "help_with",
            "time_zone",
            "weekly_capacity",
            "available_now",
        )
    )
    profile_ids = [r[0] for r in rows]
    user_ids = [r[1] for r in rows]
    skills: dict[int, list[tuple[str, int]]] = defaultdict(list)
    for profile_id, name, tag, level in ProfileSkill.objects.filter(
        profile_id__in=profile_ids
    ).values_list("profile_id", "skill__name", "tag", "level"):
        skills[profile_id].append((name or tag, level))
    languages: dict[int, list[str]] = defaultdict(list)
    for profile_id, code in ProfileLanguage.objects.filter(profile_id__in=profile_ids).values_list(
        "profile_id", "code"
    ):
        languages[profile_id].append(code)
    history = _history(user_ids)
    stats = _stats(user_ids)
    responses = _response_minutes(user_ids)
    docs = []
    for pid, uid, name, headline, bio, help_with, zone, capacity, now in rows:
        s = stats.get(uid, {})
        docs.append(
            MentorDoc(
                mentor_id=uid,
                name=name,
                headline=headline,
                bio=bio,
                help_with=help_with,
                skills=tuple(n for n, _ in skills[pid]),
                skill_levels=tuple(lv for _, lv in skills[pid]),
                history=tuple(history.get(uid, ())),
                time_zone=zone,
                languages=tuple(languages[pid]),
                sessions=s.get("sessions", 0),
                no_shows=s.get("no_shows", 0),
                late_cancels=s.get("late_cancels", 0),
                booked_this_week=s.get("week", 0),
                weekly_capacity=capacity,
                available_now=now,
                median_response_minutes=responses.get(uid),
            )
        )
    return docs


def _history(user_ids: list[int]) -> dict[int, list[HelpRecord]]:
    """Sessions each mentor completed, with what was asked."""
    done = Booking.objects.filter(mentor_id__in=user_ids, state=Booking.State.COMPLETED)
    ask_skills: dict[int, list[str]] = defaultdict(list)
    ask_ids = [a for a in done.values_list("ask_id", flat=True) if a]
    for ask_id, name in Ask.skills.through.objects.filter(ask_id__in=ask_ids).values_list(
        "ask_id", "skill__name"
    ):
        ask_skills[ask_id].append(name)
    found: dict[int, list[HelpRecord]] = defaultdict(list)
    for mentor_id, question, objective, ask_id, context, tags, rating, solved in done.values_list(
        "mentor_id",
        "question",
        "objective",
        "ask_id",
        "ask__context",
        "ask__tags",
        "mentee_rating",
        "solved",
    ):
        text = "\n".join(p for p in (question, objective, context or "") if p)
        found[mentor_id].append(
            HelpRecord(
                text=text,
                skills=tuple(ask_skills.get(ask_id, ())) + tuple(tags or ()),
                rating=float(rating) if rating else None,
                accepted=solved,
            )
        )
    return found


def _stats(user_ids: list[int]) -> dict[int, dict[str, int]]:
    week_start = timezone.now() - timedelta(days=timezone.now().weekday())
    rows = (
        Booking.objects.filter(mentor_id__in=user_ids)
        .values("mentor_id")
        .annotate(
            sessions=Count("id", filter=Q(state=Booking.State.COMPLETED)),
            no_shows=Count("id", filter=Q(state=Booking.State.NO_SHOW)),
            late_cancels=Count(
                "id",
                filter=Q(
                    state=Booking.State.CANCELLED, late_cancel=True, cancelled_by_id=F("mentor_id")
                ),
            ),
            week=Count("id", filter=Q(state__in=Booking.HOLDING, start__gte=week_start)),
        )
    )
    return {r["mentor_id"]: r for r in rows}


def _response_minutes(user_ids: list[int]) -> dict[int, float]:
    """How quickly each mentor answers offers (accept or decline), median over the last 90
    days; mentors who have not answered one yet have no figure."""
    since = timezone.now() - timedelta(days=90)
    waits: dict[int, list[float]] = defaultdict(list)
    rows = Offer.objects.filter(
        mentor_id__in=user_ids, answered_at__isnull=False, sent_at__gte=since
    ).values_list("mentor_id", "sent_at", "answered_at")
    for mentor_id, sent, answered in rows:
        assert answered is not None  # filtered above
        waits[mentor_id].append((answered - sent).total_seconds() / 60)
    return {m: statistics.median(w) for m, w in waits.items()}


def ask_doc(ask: Ask) -> AskDoc:
    asker = Profile.objects.filter(user_id=ask.asker_id).first()
    languages = (
        tuple(ProfileLanguage.objects.filter(profile=asker).values_list("code", flat=True))
        if asker
        else ()
    )
    met = frozenset(
        Booking.objects.filter(mentee_id=ask.asker_id, state__in=Booking.HOLDING).values_list(
            "mentor_id", flat=True
        )
    )
    return AskDoc(
        text=ask.text,
        skills=tuple(ask.skills.values_list("name", flat=True)) + tuple(ask.tags),
        languages=languages,
        time_zone=asker.time_zone if asker else "UTC",
        met_mentor_ids=met,
    )
