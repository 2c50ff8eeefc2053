from __future__ import annotations

import statistics
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Case, Q, QuerySet, Value, When
from django.http import Http404
from django.utils import timezone

from bitesize.accounts.models import User
from bitesize.asks.models import Ask, Offer
from bitesize.scheduling.models import Booking


def asks_visible_to(user: User) -> QuerySet[Ask]:
    """The asker sees their asks; a mentor sees an ask once it was offered to them or they
    have a session for it."""
    return Ask.objects.filter(
        Q(asker=user) | Q(bookings__mentor=user) | Q(offers__mentor=user)
    ).distinct()


def access_ask_by_id(user: User, ask_id: int) -> Ask:
    ask = asks_visible_to(user).filter(pk=ask_id).prefetch_related("skills", "audience").first()
    if ask is None:
        raise Http404("No such ask.")
    return ask


def offers_for(mentor: User) -> QuerySet[Offer]:
    """A mentor's offers, waiting ones first, then the most recent."""
    return (
        Offer.objects.filter(mentor=mentor)
        .select_related("ask__asker__profile")
        .annotate(answered=Case(When(state=Offer.State.PENDING, then=Value(0)), default=Value(1)))
        .order_by("answered", "-sent_at")
    )


def pending_offers_for(mentor: User, now: datetime | None = None) -> QuerySet[Offer]:
    now = now or timezone.now()
    return (
        Offer.objects.filter(mentor=mentor, state=Offer.State.PENDING, deadline__gt=now)
        .select_related("ask__asker__profile")
        .order_by("deadline")
    )


def access_offer_by_id(user: User, offer_id: int) -> Offer:
    """Only the mentor an offer was made to can see or answer it."""
    offer = (
        Offer.objects.filter(pk=offer_id, mentor=user).select_related("ask__asker__profile").first()
    )
    if offer is None:
        raise Http404("No such offer.")
    return offer


@dataclass(frozen=True)
class NowStatus:
    state: str  # searching, booked, unanswered, idle
    waiting: int  # offers waiting for an answer
    asked: int  # mentors asked so far
    declined: int
    expired: int
    deadline: datetime | None  # the latest deadline of the waiting offers
    eta_seconds: int | None  # expected wait for a first "yes", from how these mentors answer
    booking: Booking | None


def now_status(ask: Ask, now: datetime | None = None) -> NowStatus:
    now = now or timezone.now()
    rows = list(ask.offers.values_list("mentor_id", "state", "sent_at", "deadline"))
    waiting = [(m, sent, dl) for m, s, sent, dl in rows if s == Offer.State.PENDING and dl > now]
    counts = {s: sum(1 for _, st, _, _ in rows if st == s) for s in Offer.State.values}
    booking = None
    if ask.state == Ask.State.BOOKED:
        booking = (
            Booking.objects.filter(ask=ask)
            .select_related("mentor__profile")
            .order_by("-id")
            .first()
        )
    if ask.state == Ask.State.SEARCHING:
        state = "searching"
    elif booking is not None and ask.now_started_at is not None:
        state = "booked"
    elif ask.state == Ask.State.OPEN and ask.now_gave_up_at is not None:
        state = "unanswered"
    else:
        state = "idle"
    return NowStatus(
        state=state,
        waiting=len(waiting),
        asked=len(rows),
        declined=counts[Offer.State.DECLINED],
        expired=counts[Offer.State.EXPIRED],
        deadline=max((dl for _, _, dl in waiting), default=None),
        eta_seconds=_eta(waiting, now) if state == "searching" else None,
        booking=booking,
    )


RECENT_ACCEPTED = 20  # a mentor's usual time to accept: the median of their last this many
RECENT_EVERYONE = 200  # the fallback for mentors with none: everyone's last this many


def _eta(waiting: list[tuple[int, datetime, datetime]], now: datetime) -> int | None:
    """The earliest expected answer among the waiting offers: each mentor's median time to
    accept over their last accepted offers (everyone's median when they have none yet),
    never past the offer's deadline. One small indexed read per waiting mentor, and one for
    everyone's."""
    if not waiting:
        return None
    accepted = Offer.objects.filter(
        state=Offer.State.ACCEPTED, answered_at__isnull=False, sent_at__gte=now - timedelta(days=90)
    ).order_by("-sent_at")

    def median_seconds(offers: QuerySet[Offer], limit: int) -> float | None:
        rows = offers.values_list("sent_at", "answered_at")[:limit]
        seconds = [(answered - sent).total_seconds() for sent, answered in rows if answered]
        return statistics.median(seconds) if seconds else None

    fallback = median_seconds(accepted, RECENT_EVERYONE)
    usual = {
        mentor_id: median_seconds(accepted.filter(mentor_id=mentor_id), RECENT_ACCEPTED)
        for mentor_id in {mentor_id for mentor_id, _, _ in waiting}
    }
    best = None
    for mentor_id, sent, deadline in waiting:
        typical = usual[mentor_id] if usual[mentor_id] is not None else fallback
        if typical is None:
            typical = (deadline - sent).total_seconds() / 2
        expected = min(sent + timedelta(seconds=typical), deadline)
        left = max(0, round((expected - now).total_seconds()))
        best = left if best is None else min(best, left)
    return best
