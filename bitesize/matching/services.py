"""Suggestions for an ask: the engine's ranking over the mentors the asker may reach, with
the earliest slot that suits both within the ask's urgency, and reasons a person can read."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.utils import timezone

from bitesize.asks.models import Ask
from bitesize.communities.models import Membership
from bitesize.matching.index import current_index
from bitesize.matching.selectors import ask_doc
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
