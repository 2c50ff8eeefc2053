"""Writes of recognition. Points and badges are derived from facts already stored (ratings,
attendance, debriefs, blocks) by idempotent functions: running them again adds nothing. The
rules themselves are in rules.py; this module gathers the facts and writes the ledger."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Q, Sum
from django.utils import timezone

from bitesize.accounts.models import User
from bitesize.asks.models import Offer
from bitesize.communities.models import Community, Membership
from bitesize.debriefs.models import ActionItem, AdviceItem, Conflict, Rating, Reflection
from bitesize.notifications.services import notify
from bitesize.recognition import rules
from bitesize.recognition.models import (
    BadgeAward,
    CustomBadge,
    Kudos,
    PointEntry,
    RecognitionPrefs,
    RecognitionSettings,
    Redemption,
    Reward,
)
from bitesize.rooms.models import Attendance
from bitesize.rooms.selectors import answered_in_time_ids, mentoring_minutes
from bitesize.safety.selectors import is_blocked
from bitesize.scheduling.models import Booking, BookingEvent
from bitesize.skills.models import Skill


# --- facts ------------------------------------------------------------------------------
def community_of_booking(booking: Booking) -> Community | None:
    """The community a session counts in: one of its ask's audience both people belong to,
    else the oldest community they share, else none (points then count in no community)."""
    shared = Community.objects.filter(memberships__user_id=booking.mentor_id).filter(
        memberships__user_id=booking.mentee_id
    )
    if booking.ask_id is not None:
        preferred = shared.filter(asks__id=booking.ask_id).order_by("pk").first()
        if preferred is not None:
            return preferred
    return shared.order_by("pk").first()


def rules_of(community: Community | None) -> rules.Rules:
    if community is None:
        return rules.rules_for()
    row = RecognitionSettings.objects.filter(community=community).first()
    return rules.rules_for(row.rules if row else None)


def _confirmed_by(booking_id: int) -> frozenset[int]:
    return frozenset(
        Rating.objects.filter(booking_id=booking_id, took_place=True).values_list(
            "author_id", flat=True
        )
    )


def _first_joined(booking_id: int) -> dict[int, datetime]:
    first: dict[int, datetime] = {}
    rows = Attendance.objects.filter(booking_id=booking_id).values_list("user_id", "joined_at")
    for user_id, joined in rows:
        if user_id not in first or joined < first[user_id]:
            first[user_id] = joined
    return first


def _week_rank(booking: Booking, rule_set: rules.Rules) -> int:
    """Where this session falls among the pair's otherwise-eligible sessions of its week."""
    monday = booking.start - timedelta(days=booking.start.isocalendar().weekday - 1)
    window = (monday - timedelta(days=1), monday + timedelta(days=8))
    pair = Q(mentor_id=booking.mentor_id, mentee_id=booking.mentee_id) | Q(
        mentor_id=booking.mentee_id, mentee_id=booking.mentor_id
    )
    candidates = Booking.objects.filter(
        pair, state=Booking.State.COMPLETED, start__range=window
    ).values_list("pk", "start")
    people = {booking.mentor_id, booking.mentee_id}
    answered = answered_in_time_ids(pk for pk, _ in candidates)
    eligible = [
        (start, pk)
        for pk, start in candidates
        if people <= _confirmed_by(pk) and (pk in answered or people <= set(_first_joined(pk)))
    ]
    return rules.week_rank((booking.start, booking.pk), eligible)


def _absent(booking: Booking) -> frozenset[int]:
    """Who missed a no-show session: the other side of the person who reported it, or,
    when the room detected it, whoever never joined."""
    event = (
        BookingEvent.objects.filter(booking=booking, kind=BookingEvent.Kind.NO_SHOW)
        .order_by("-at", "-id")
        .first()
    )
    if event is not None and event.actor_id in (booking.mentor_id, booking.mentee_id):
        return frozenset({booking.other(event.actor_id)})
    present = set(_first_joined(booking.pk))
    return frozenset(p for p in (booking.mentor_id, booking.mentee_id) if p not in present)


def session_facts(booking: Booking, rule_set: rules.Rules) -> rules.SessionFacts:
    reflection = Reflection.objects.filter(booking=booking).exists()
    advice = AdviceItem.objects.filter(booking=booking).exists()
    confirmed = _confirmed_by(booking.pk)
    debrief_done = {booking.mentor_id} if advice and booking.mentor_id in confirmed else set()
    if reflection and booking.mentee_id in confirmed:
        debrief_done.add(booking.mentee_id)
    completed = booking.state == Booking.State.COMPLETED
    return rules.SessionFacts(
        booking_id=booking.pk,
        mentor_id=booking.mentor_id,
        mentee_id=booking.mentee_id,
        state=booking.state,
        start=booking.start,
        confirmed_by=confirmed,
        first_joined=_first_joined(booking.pk),
        answered=bool(answered_in_time_ids([booking.pk])),
        minutes_together=mentoring_minutes(booking) if completed else 0,
        blocked=is_blocked(booking.mentor_id, booking.mentee_id),
        rank_in_week=_week_rank(booking, rule_set) if completed else 0,
        debrief_done=frozenset(debrief_done),
        reflection=reflection,
        tie_break=booking.ask_id is not None
        and Conflict.objects.filter(tie_break_ask_id=booking.ask_id).exists(),
        absent=_absent(booking) if booking.state == Booking.State.NO_SHOW else frozenset(),
        late_cancel_by=booking.cancelled_by_id
        if booking.state == Booking.State.CANCELLED and booking.late_cancel
        else None,
    )


# --- the ledger -------------------------------------------------------------------------
def _write(
    awards: list[rules.Award], *, community: Community | None, booking: Booking | None
) -> list[PointEntry]:
    """Append the awards not yet in the ledger; an award whose key is there is skipped."""
    now = timezone.now()
    written = []
    for award in awards:
        try:
            with transaction.atomic():
                written.append(
                    PointEntry.objects.create(
                        user_id=award.user_id,
                        community=community,
                        kind=award.kind,
                        points=award.points,
                        reason=award.reason,
                        key=award.key,
                        booking=booking,
                        minutes=award.minutes,
                        at=now,
                    )
                )
        except IntegrityError:
            continue  # already in the ledger: the event counts once
    return written


def points_sync_for(booking: Booking) -> list[PointEntry]:
    """Bring the ledger up to date with one session: the session itself, its debrief, the
    mentee's done action items and the advice they found helpful, or its penalty. Returns
    the entries it added (none when run again)."""
    booking = Booking.objects.get(pk=booking.pk)
    community = community_of_booking(booking)
    rule_set = rules_of(community)
    facts = session_facts(booking, rule_set)
    awards = rules.session_awards(facts, rule_set)
    earns = not rules.session_eligible(facts, rule_set)
    if earns:
        done = ActionItem.objects.filter(
            booking=booking, owner_id=booking.mentee_id, state=ActionItem.State.DONE
        ).order_by("done_at", "pk")
        for rank, item in enumerate(done):
            award = rules.action_award(
                user_id=booking.mentee_id,
                action_id=item.pk,
                rank_in_session=rank,
                session_earns=True,
                rules=rule_set,
            )
            if award is not None:
                awards.append(award)
        for advice in AdviceItem.objects.filter(booking=booking, helpful=True):
            award = rules.advice_award(
                mentor_id=booking.mentor_id, advice_id=advice.pk, session_earns=True, rules=rule_set
            )
            if award is not None:
                awards.append(award)
    with transaction.atomic():
        return _write(awards, community=community, booking=booking)


def points_adjust(
    *, user: User, community: Community | None, points: int, reason: str, key: str
) -> PointEntry | None:
    """An operator's correction, as a new entry (the ledger is never edited)."""
    award = rules.Award(user.pk, rules.Kind.ADJUSTMENT, points, reason[:200], f"adjust:{key}")
    written = _write([award], community=community, booking=None)
    return written[0] if written else None


def balance_of(user_id: int, community: Community | None) -> int:
    total = PointEntry.objects.filter(user_id=user_id, community=community).aggregate(
        n=Sum("points")
    )["n"]
    return int(total or 0)


# --- badges -----------------------------------------------------------------------------
def _accept_minutes(user_id: int) -> tuple[float, ...]:
    """How long the person took to accept, as a mentor: offers of the "now" route and
    requests of the "book" route, the latest 20."""
    samples: list[tuple[datetime, float]] = []
    offers = Offer.objects.filter(
        mentor_id=user_id, state=Offer.State.ACCEPTED, answered_at__isnull=False
    ).values_list("sent_at", "answered_at")
    for sent, answered in offers:
        if answered is not None:
            samples.append((answered, (answered - sent).total_seconds() / 60))
    confirms = BookingEvent.objects.filter(
        booking__mentor_id=user_id, kind=BookingEvent.Kind.CONFIRMED, actor_id=user_id
    ).values_list("booking_id", "at")
    requested = dict(
        BookingEvent.objects.filter(
            booking_id__in=[b for b, _ in confirms], kind=BookingEvent.Kind.REQUESTED
        ).values_list("booking_id", "at")
    )
    for booking_id, at in confirms:
        if booking_id in requested:
            samples.append((at, (at - requested[booking_id]).total_seconds() / 60))
    samples.sort(reverse=True)
    return tuple(minutes for _, minutes in samples[:20])


def badge_facts(user_id: int) -> rules.BadgeFacts:
    sessions = PointEntry.objects.filter(user_id=user_id, kind=rules.Kind.SESSION)
    booking_ids = list(sessions.values_list("booking_id", flat=True))
    pairs = Booking.objects.filter(pk__in=booking_ids).values_list("mentor_id", "mentee_id")
    people = {m if m != user_id else e for m, e in pairs}
    categories = (
        Skill.objects.filter(asks__bookings__in=booking_ids)
        .order_by()
        .values("category")
        .distinct()
        .count()
    )
    return rules.BadgeFacts(
        sessions=len(booking_ids),
        people=len(people),
        categories=categories,
        actions_done=PointEntry.objects.filter(
            user_id=user_id, kind=rules.Kind.ACTION_DONE
        ).count(),
        tie_breaks=PointEntry.objects.filter(user_id=user_id, kind=rules.Kind.TIE_BREAK).count(),
        accept_minutes=_accept_minutes(user_id),
    )


def _custom_earned(user_id: int) -> list[CustomBadge]:
    earned = []
    communities = Membership.objects.filter(user_id=user_id).values_list("community_id", flat=True)
    for badge in CustomBadge.objects.filter(community_id__in=list(communities)):
        entries = PointEntry.objects.filter(user_id=user_id, community_id=badge.community_id)
        if badge.metric == CustomBadge.Metric.SESSIONS:
            value = entries.filter(kind=rules.Kind.SESSION).count()
        else:
            value = int(
                entries.exclude(kind=rules.Kind.REDEMPTION).aggregate(n=Sum("points"))["n"] or 0
            )
        if value >= badge.threshold:
            earned.append(badge)
    return earned


def _award(
    user: User, *, code: str, name: str, description: str, custom: CustomBadge | None
) -> BadgeAward | None:
    try:
        with transaction.atomic():
            award = BadgeAward.objects.create(
                user=user,
                code=code,
                custom=custom,
                name=name,
                description=description,
                earned_at=timezone.now(),
            )
            notify(
                user=user,
                kind="recognition.badge",
                title=f"You earned the {name} badge",
                body=description,
                url=f"/badges/{award.public_id}/",
            )
    except IntegrityError:
        return None  # earned before
    return award


def badges_sync_for(user: User) -> list[BadgeAward]:
    """Award every badge the person's record earns and they do not hold yet, each with a
    notification. Returns the new ones (none when run again)."""
    held = set(BadgeAward.objects.filter(user=user).values_list("code", flat=True))
    new = []
    for code in rules.badges_earned(badge_facts(user.pk)):
        if code not in held:
            spec = rules.BUILT_IN_BY_CODE[code]
            award = _award(
                user, code=code, name=spec.name, description=spec.description, custom=None
            )
            if award is not None:
                new.append(award)
    for badge in _custom_earned(user.pk):
        if badge.code not in held:
            award = _award(
                user, code=badge.code, name=badge.name, description=badge.description, custom=badge
            )
            if award is not None:
                new.append(award)
    return new


def recognise_booking(booking: Booking) -> list[PointEntry]:
    """Points for one session, then the badges of both people."""
    entries = points_sync_for(booking)
    for user in User.objects.filter(pk__in=(booking.mentor_id, booking.mentee_id)):
        badges_sync_for(user)
    return entries


# --- community settings and custom badges -----------------------------------------------
def _require_admin(user: User, community: Community) -> None:
    if not Membership.objects.filter(
        user=user, community=community, role__in=Membership.ADMIN_ROLES
    ).exists():
        raise PermissionDenied("Only the community's admins can do that.")


def recognition_settings_update(
    *, community: Community, by: User, leaderboards: bool, overrides: Any = None
) -> RecognitionSettings:
    _require_admin(by, community)
    try:
        cleaned = rules.validate_overrides(overrides)
    except ValueError as exc:
        raise ValidationError({"rules": str(exc)}) from exc
    with transaction.atomic():
        row, _ = RecognitionSettings.objects.update_or_create(
            community=community, defaults={"leaderboards": leaderboards, "rules": cleaned}
        )
    return row


def custom_badge_create(
    *, community: Community, by: User, name: str, description: str, metric: str, threshold: int
) -> CustomBadge:
    _require_admin(by, community)
    errors = {}
    if not 2 <= len(name.strip()) <= 60:
        errors["name"] = "Give the badge a name of up to 60 characters."
    if metric not in CustomBadge.Metric.values:
        errors["metric"] = "Pick sessions or points."
    if not 1 <= threshold <= 100_000:
        errors["threshold"] = "Pick a threshold from 1 to 100,000."
    if errors:
        raise ValidationError(errors)
    return CustomBadge.objects.create(
        community=community,
        name=name.strip(),
        description=description.strip()[:200] or name.strip(),
        metric=metric,
        threshold=threshold,
    )


# --- preferences and kudos --------------------------------------------------------------
def prefs_update(*, user: User, hide_kudos: bool, leaderboard_opt_out: bool) -> RecognitionPrefs:
    with transaction.atomic():
        row, _ = RecognitionPrefs.objects.update_or_create(
            user=user,
            defaults={"hide_kudos": hide_kudos, "leaderboard_opt_out": leaderboard_opt_out},
        )
    return row


KUDOS_PER_DAY = 10


def kudos_give(*, sender: User, recipient: User, message: str) -> Kudos:
    """Thanks to someone the sender knows: a session together or a shared community. Never
    to oneself, never between people who blocked each other."""
    if sender.pk == recipient.pk:
        raise ValidationError({"recipient": "Thank someone else."})
    if is_blocked(sender.pk, recipient.pk):
        raise PermissionDenied("You cannot send kudos to this person.")
    met = Booking.objects.filter(
        Q(mentor=sender, mentee=recipient) | Q(mentor=recipient, mentee=sender)
    ).exists()
    shared = (
        Membership.objects.filter(user=sender)
        .filter(community__memberships__user=recipient)
        .exists()
    )
    if not (met or shared):
        raise PermissionDenied("Send kudos to people you have met or share a community with.")
    message = message.strip()
    if not 3 <= len(message) <= 500:
        raise ValidationError({"message": "Say thanks in 3 to 500 characters."})
    since = timezone.now() - timedelta(days=1)
    if Kudos.objects.filter(sender=sender, created_at__gte=since).count() >= KUDOS_PER_DAY:
        raise ValidationError({"message": "That is plenty of kudos for today; more tomorrow."})
    with transaction.atomic():
        kudos = Kudos.objects.create(sender=sender, recipient=recipient, message=message)
        notify(
            user=recipient,
            kind="recognition.kudos",
            title=f"{sender.profile.name} sent you kudos",
            body=message[:200],
            url=f"/people/{recipient.profile.handle}/",
        )
    return kudos


# --- rewards ----------------------------------------------------------------------------
def reward_create(
    *, community: Community, by: User, name: str, cost: int, stock: int, description: str = ""
) -> Reward:
    _require_admin(by, community)
    errors = {}
    if not 2 <= len(name.strip()) <= 80:
        errors["name"] = "Name the reward in up to 80 characters."
    if not 1 <= cost <= 1_000_000:
        errors["cost"] = "A reward costs from 1 to 1,000,000 points."
    if not 0 <= stock <= 100_000:
        errors["stock"] = "Stock is from 0 to 100,000."
    if errors:
        raise ValidationError(errors)
    return Reward.objects.create(
        community=community,
        name=name.strip(),
        description=description.strip()[:300],
        cost=cost,
        stock=stock,
    )


def _pending_cost(user_id: int, community_id: int) -> int:
    total = Redemption.objects.filter(
        user_id=user_id, reward__community_id=community_id, state=Redemption.State.REQUESTED
    ).aggregate(n=Sum("cost"))["n"]
    return int(total or 0)


def _lock_member(user_id: int, community_id: int) -> None:
    """Serialise spending of one person's points in one community (PostgreSQL row lock;
    SQLite's immediate transactions serialise every writer anyway)."""
    list(
        Membership.objects.select_for_update()
        .filter(user_id=user_id, community_id=community_id)
        .values_list("pk", flat=True)
    )


def redemption_request(*, reward: Reward, by: User) -> Redemption:
    """A member asks for a reward. Refused without enough points (counting their requests
    still waiting) or stock; nothing is debited until an admin approves."""
    if not Membership.objects.filter(user=by, community_id=reward.community_id).exists():
        raise PermissionDenied("Rewards are for the community's members.")
    with transaction.atomic():
        _lock_member(by.pk, reward.community_id)
        reward = Reward.objects.select_for_update().get(pk=reward.pk)
        if not reward.active or reward.stock < 1:
            raise ValidationError({"reward": "This reward is out of stock."})
        available = balance_of(by.pk, reward.community) - _pending_cost(by.pk, reward.community_id)
        if available < reward.cost:
            raise ValidationError(
                {"reward": f"You need {reward.cost} points; you have {max(available, 0)}."}
            )
        redemption = Redemption.objects.create(reward=reward, user=by, cost=reward.cost)
        for admin in User.objects.filter(
            memberships__community_id=reward.community_id,
            memberships__role__in=Membership.ADMIN_ROLES,
        ):
            notify(
                user=admin,
                kind="recognition.redemption",
                title=f"{by.profile.name} asks for “{reward.name}”",
                url=f"/c/{reward.community.slug}/rewards/",
            )
    return redemption


def redemption_decide(
    *, redemption: Redemption, by: User, approve: bool, note: str = ""
) -> Redemption:
    """An admin approves (the ledger is debited exactly once, the stock goes down by one) or
    rejects a request. Deciding twice, or at the same moment, changes nothing the second time."""
    reward = redemption.reward
    _require_admin(by, reward.community)
    with transaction.atomic():
        # Locks in a fixed order: the member's membership (their balance), then the request.
        _lock_member(redemption.user_id, reward.community_id)
        row = Redemption.objects.select_for_update().get(pk=redemption.pk)
        if row.state != Redemption.State.REQUESTED:
            raise ValidationError({"state": "This request was already decided."})
        now = timezone.now()
        if approve:
            if balance_of(row.user_id, reward.community) < row.cost:
                raise ValidationError({"state": "The member no longer has enough points."})
            taken = Reward.objects.filter(pk=reward.pk, stock__gte=1).update(stock=F("stock") - 1)
            if not taken:
                raise ValidationError({"state": "The reward is out of stock."})
            try:
                with transaction.atomic():
                    PointEntry.objects.create(
                        user_id=row.user_id,
                        community=reward.community,
                        kind=rules.Kind.REDEMPTION,
                        points=-row.cost,
                        reason=f"Redeemed “{reward.name}”"[:200],
                        key=f"redemption:{row.pk}",
                        at=now,
                    )
            except IntegrityError as exc:
                raise ValidationError({"state": "This request was already decided."}) from exc
        state = Redemption.State.APPROVED if approve else Redemption.State.REJECTED
        changed = Redemption.objects.filter(pk=row.pk, state=Redemption.State.REQUESTED).update(
            state=state, decided_by=by, decided_at=now, note=note.strip()[:300]
        )
        if not changed:
            raise ValidationError({"state": "This request was already decided."})
        row.refresh_from_db()
        notify(
            user=User.objects.get(pk=row.user_id),
            kind="recognition.redemption",
            title=f"Your request for “{reward.name}” was {'approved' if approve else 'rejected'}",
            body=row.note,
            url=f"/c/{reward.community.slug}/rewards/",
        )
    return row
