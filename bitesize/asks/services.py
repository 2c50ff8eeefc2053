from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta
from functools import partial

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from bitesize.accounts.models import User
from bitesize.asks.models import Ask, Offer
from bitesize.communities.models import Membership
from bitesize.goals.models import Goal
from bitesize.lib.live import live_send
from bitesize.matching.changes import mentor_changed
from bitesize.profiles.choices import SESSION_LENGTHS, Format
from bitesize.skills.catalogue import clean_label
from bitesize.skills.selectors import skill_resolve

MAX_SKILLS = 8


def _clean(
    *,
    asker: User,
    question: str,
    objective: str,
    minutes: int,
    format: str,
    urgency: str,
    audience_ids: Iterable[int],
    goal_id: int | None,
) -> tuple[list[int], Goal | None]:
    errors: dict[str, str] = {}
    if len(question.split()) < 3:
        errors["question"] = "Write the question you want answered."
    if not objective.strip():
        errors["objective"] = "Say what you want to be able to do after the session."
    if minutes not in SESSION_LENGTHS:
        errors["minutes"] = "Pick 5, 10, 15, 20, 30, 45 or 60 minutes."
    if format not in Format.values:
        errors["format"] = "Pick video, audio, text chat or a written answer."
    if urgency not in Ask.Urgency.values:
        errors["urgency"] = "Pick now, within 24 hours, this week or flexible."
    audience = sorted(set(audience_ids))
    mine = set(Membership.objects.filter(user=asker).values_list("community_id", flat=True))
    if set(audience) - mine:
        errors["audience"] = "You can only ask within communities you belong to."
    goal = None
    if goal_id is not None:
        goal = Goal.objects.filter(pk=goal_id, owner=asker).first()
        if goal is None:
            errors["goal"] = "No such goal of yours."
    if errors:
        raise ValidationError(errors)
    return audience, goal


def _set_skills(ask: Ask, texts: Iterable[str]) -> None:
    skills, tags = [], []
    for text in list(dict.fromkeys(t for t in (clean_label(x) for x in texts) if t))[:MAX_SKILLS]:
        skill = skill_resolve(text)
        if skill is not None:
            skills.append(skill)
        else:
            tags.append(text)
    ask.skills.set(skills)
    ask.tags = tags
    ask.save(update_fields=["tags", "updated_at"])


def ask_create(
    *,
    asker: User,
    question: str,
    objective: str,
    context: str = "",
    skills: Iterable[str] = (),
    minutes: int = 30,
    format: str = Format.VIDEO,
    urgency: str = Ask.Urgency.WEEK,
    audience_ids: Iterable[int] = (),
    goal_id: int | None = None,
) -> Ask:
    audience, goal = _clean(
        asker=asker,
        question=question,
        objective=objective,
        minutes=minutes,
        format=format,
        urgency=urgency,
        audience_ids=audience_ids,
        goal_id=goal_id,
    )
    with transaction.atomic():
        ask = Ask.objects.create(
            asker=asker,
            question=question.strip(),
            objective=objective.strip()[:300],
            context=context.strip(),
            minutes=minutes,
            format=format,
            urgency=urgency,
            goal=goal,
        )
        ask.audience.set(audience)
        _set_skills(ask, skills)
    return ask


def ask_update(
    *,
    ask: Ask,
    by: User,
    question: str,
    objective: str,
    context: str,
    skills: Iterable[str],
    minutes: int,
    format: str,
    urgency: str,
    audience_ids: Iterable[int],
    goal_id: int | None,
) -> Ask:
    if by.pk != ask.asker_id:
        raise PermissionDenied("Only the person who asked can edit the ask.")
    if ask.state != Ask.State.OPEN:
        raise ValidationError({"state": "Only open asks can be edited."})
    audience, goal = _clean(
        asker=by,
        question=question,
        objective=objective,
        minutes=minutes,
        format=format,
        urgency=urgency,
        audience_ids=audience_ids,
        goal_id=goal_id,
    )
    with transaction.atomic():
        ask.question, ask.objective, ask.context = (
            question.strip(),
            objective.strip()[:300],
            context.strip(),
        )
        ask.minutes, ask.format, ask.urgency, ask.goal = minutes, format, urgency, goal
        ask.save()
        ask.audience.set(audience)
        _set_skills(ask, skills)
    return ask


def ask_withdraw(*, ask: Ask, by: User) -> Ask:
    if by.pk != ask.asker_id:
        raise PermissionDenied("Only the person who asked can withdraw the ask.")
    with transaction.atomic():
        locked = Ask.objects.select_for_update().get(pk=ask.pk)
        if locked.state not in (Ask.State.OPEN, Ask.State.SEARCHING):
            raise ValidationError({"state": "This ask is no longer open."})
        _close_offers(locked, Offer.State.WITHDRAWN)
        locked.state = Ask.State.WITHDRAWN
        locked.now_candidates = []
        locked.save(update_fields=["state", "now_candidates", "updated_at"])
    ask.refresh_from_db()
    return ask


# The "now" route: the ask goes as offers to the best mentors available now, a few at a time;
# the first to accept takes it, and silence or a decline passes it on to the next.

WAVE = 3  # offers waiting for an answer at any moment
MAX_OFFERS = 12  # mentors asked in all before the ask falls back to booking
AVAILABLE_WITHIN = timedelta(minutes=15)  # a free slot this soon counts as available now


class OfferClosed(Exception):
    """The offer can no longer be accepted or declined (taken, expired, withdrawn)."""


def offer_deadline() -> timedelta:
    return timedelta(seconds=settings.NOW_OFFER_SECONDS)


def _now_candidates(ask: Ask, now: datetime) -> list[list[object]]:
    from bitesize.matching.services import suggestions_for

    asked = set(ask.offers.values_list("mentor_id", flat=True))
    soon = now + AVAILABLE_WITHIN
    return [
        [s.profile.user_id, s.score, s.reasons[:3]]
        for s in suggestions_for(ask, k=MAX_OFFERS * 2, now=now, urgency=Ask.Urgency.NOW)
        if s.profile.user_id not in asked
        and (s.profile.available_now or (s.slot is not None and s.slot <= soon))
    ][:MAX_OFFERS]


def ask_go_now(*, ask: Ask, by: User, now: datetime | None = None) -> Ask:
    """Send the ask as offers to the best mentors who are available now."""
    if by.pk != ask.asker_id:
        raise PermissionDenied("Only the person who asked can send the ask out.")
    now = now or timezone.now()
    candidates = _now_candidates(ask, now)
    if not candidates:
        raise ValidationError(
            {"now": "No mentor you can reach is available right now. Book a slot instead."}
        )
    with transaction.atomic():
        locked = Ask.objects.select_for_update().get(pk=ask.pk)
        if locked.state != Ask.State.OPEN:
            raise ValidationError({"state": "Only an open ask can go out now."})
        locked.state = Ask.State.SEARCHING
        locked.now_started_at, locked.now_gave_up_at = now, None
        locked.now_candidates = candidates
        locked.save(update_fields=["state", "now_started_at", "now_gave_up_at", "now_candidates"])
        _fan_out(locked, now)
    ask.refresh_from_db()
    return ask


def ask_stop_now(*, ask: Ask, by: User) -> Ask:
    """Stop looking for someone now; the ask stays open for booking."""
    if by.pk != ask.asker_id:
        raise PermissionDenied("Only the person who asked can stop it.")
    with transaction.atomic():
        locked = Ask.objects.select_for_update().get(pk=ask.pk)
        if locked.state != Ask.State.SEARCHING:
            raise ValidationError({"state": "This ask is not looking for a mentor now."})
        _close_offers(locked, Offer.State.WITHDRAWN)
        locked.state, locked.now_candidates = Ask.State.OPEN, []
        locked.save(update_fields=["state", "now_candidates", "updated_at"])
        _tell_asker(locked)
    ask.refresh_from_db()
    return ask


def _fan_out(ask: Ask, now: datetime) -> None:
    """Keep WAVE offers waiting; with nobody left to ask and nobody to wait for, give up.
    The caller holds the ask's row."""
    from bitesize.notifications.services import notify

    pending = ask.offers.filter(state=Offer.State.PENDING).count()
    sent = ask.offers.count()
    candidates = list(ask.now_candidates)
    new: list[Offer] = []
    while pending + len(new) < WAVE and candidates and sent + len(new) < MAX_OFFERS:
        mentor_id, score, reasons = candidates.pop(0)
        new.append(
            Offer.objects.create(
                ask=ask,
                mentor_id=mentor_id,
                rank=sent + len(new) + 1,
                score=score,
                reasons=reasons,
                sent_at=now,
                deadline=now + offer_deadline(),
            )
        )
    ask.now_candidates = candidates
    ask.save(update_fields=["now_candidates", "updated_at"])
    if not pending and not new:
        ask.state, ask.now_gave_up_at = Ask.State.OPEN, now
        ask.save(update_fields=["state", "now_gave_up_at", "updated_at"])
        notify(
            user=ask.asker,
            kind="ask.now.unanswered",
            title="Nobody could take your ask right now",
            body="Pick one of the suggested slots to book instead.",
            url=f"/asks/{ask.pk}/",
        )
    for offer in new:
        transaction.on_commit(partial(_plan_expiry, offer.pk, offer.deadline))
        notify(
            user=offer.mentor,
            kind="offer",
            title=f"Can you help now? {ask.minutes} min",
            body=ask.question[:200],
            url="/offers/",
        )
        live_send(offer.mentor_id, "offers", {"offer": offer.pk, "state": offer.state})
    _tell_asker(ask)


def _plan_expiry(offer_id: int, deadline: datetime) -> None:
    from bitesize.asks.tasks import expire_offer

    expire_offer.using(run_after=deadline).enqueue(offer_id)


def _tell_asker(ask: Ask) -> None:
    live_send(ask.asker_id, "ask-now", {"ask": ask.pk, "state": ask.state})


def _close_offers(ask: Ask, state: str) -> None:
    pending = ask.offers.filter(state=Offer.State.PENDING)
    mentors = list(pending.values_list("mentor_id", flat=True))
    pending.update(state=state)
    for mentor_id in mentors:
        live_send(mentor_id, "offers", {"ask": ask.pk, "state": state})


def _lock_offer(offer: Offer, now: datetime) -> tuple[Ask, Offer]:
    """The ask first, then the offer: every path takes them in this order."""
    ask = Ask.objects.select_for_update().get(pk=offer.ask_id)
    offer = Offer.objects.select_for_update(of=("self",)).select_related("mentor").get(pk=offer.pk)
    if offer.state == Offer.State.PENDING and offer.deadline <= now:
        raise OfferClosed("This offer has expired.")
    if offer.state != Offer.State.PENDING:
        raise OfferClosed(
            {
                Offer.State.TAKEN: "Another mentor took this ask a moment before you.",
                Offer.State.EXPIRED: "This offer has expired.",
                Offer.State.WITHDRAWN: "The person withdrew the ask.",
                Offer.State.ACCEPTED: "You have already accepted this offer.",
                Offer.State.DECLINED: "You have already declined this offer.",
            }.get(Offer.State(offer.state), "This offer is closed.")
        )
    return ask, offer


def offer_accept(*, offer: Offer, by: User, now: datetime | None = None) -> Offer:
    """Take the ask. Exactly one mentor wins even when several accept at once: the ask's row
    is locked (an IMMEDIATE transaction on SQLite) and only a searching ask can be taken."""
    from bitesize.scheduling.services import booking_start_now

    if by.pk != offer.mentor_id:
        raise PermissionDenied("This offer was made to someone else.")
    now = now or timezone.now()
    with transaction.atomic():
        ask, offer = _lock_offer(offer, now)
        if ask.state != Ask.State.SEARCHING:
            raise OfferClosed("Another mentor took this ask a moment before you.")
        booking = booking_start_now(mentor=by, ask=ask, now=now)
        offer.state, offer.answered_at, offer.booking = Offer.State.ACCEPTED, now, booking
        offer.save(update_fields=["state", "answered_at", "booking"])
        mentor_changed(by.pk)  # how quickly they answer is part of their reliability
        ask.state, ask.now_candidates = Ask.State.BOOKED, []
        ask.save(update_fields=["now_candidates", "updated_at"])
        _close_offers(ask, Offer.State.TAKEN)
        _tell_asker(ask)
    return offer


def offer_decline(
    *, offer: Offer, by: User, reason: str = "", now: datetime | None = None
) -> Offer:
    if by.pk != offer.mentor_id:
        raise PermissionDenied("This offer was made to someone else.")
    now = now or timezone.now()
    with transaction.atomic():
        ask, offer = _lock_offer(offer, now)
        offer.state, offer.answered_at = Offer.State.DECLINED, now
        offer.reason = reason.strip()[:300]
        offer.save(update_fields=["state", "answered_at", "reason"])
        mentor_changed(by.pk)
        if ask.state == Ask.State.SEARCHING:
            _fan_out(ask, now)
    return offer


def offer_expire(*, offer_id: int, now: datetime | None = None) -> str:
    """Close an offer nobody answered by its deadline and pass the ask on. Safe to run twice
    or after the offer was answered."""
    now = now or timezone.now()
    with transaction.atomic():
        offer = Offer.objects.filter(pk=offer_id).first()
        if offer is None:
            return "gone"
        ask = Ask.objects.select_for_update().get(pk=offer.ask_id)
        updated = Offer.objects.filter(
            pk=offer_id, state=Offer.State.PENDING, deadline__lte=now
        ).update(state=Offer.State.EXPIRED)
        if not updated:
            return "stale"
        live_send(offer.mentor_id, "offers", {"offer": offer_id, "state": Offer.State.EXPIRED})
        if ask.state == Ask.State.SEARCHING:
            _fan_out(ask, now)
    return "expired"
