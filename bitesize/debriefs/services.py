"""Writes of the debrief and its follow-up. Only the two people of a session write to it,
and only once it has started; each write is one function in one transaction."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import partial

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from bitesize.accounts.models import User
from bitesize.debriefs.ledger import advice_topic, scan_goal
from bitesize.debriefs.models import MAX_ADVICE, ActionItem, AdviceItem, Rating, Reflection
from bitesize.debriefs.tasks import plan_check_in
from bitesize.goals.models import Goal
from bitesize.matching.changes import mentor_changed
from bitesize.notifications.services import notify
from bitesize.recognition.tasks import recognise_later
from bitesize.scheduling.models import Booking

DEBRIEF_STATES = (Booking.State.CONFIRMED, Booking.State.COMPLETED)


@dataclass(frozen=True)
class AdviceIn:
    text: str
    assumption: str = ""


def _open_debrief(booking: Booking, by: User, now: datetime | None = None) -> None:
    if by.pk not in (booking.mentor_id, booking.mentee_id):
        raise PermissionDenied("Only the two people of a session can debrief it.")
    if booking.state not in DEBRIEF_STATES:
        raise ValidationError(
            {"state": f"A {booking.get_state_display().lower()} session has no debrief."}
        )
    if (now or timezone.now()) < booking.start:
        raise ValidationError({"state": "The debrief opens when the session starts."})


def advice_set(*, booking: Booking, by: User, items: list[AdviceIn]) -> list[AdviceItem]:
    """The mentor's advice for a session, 1 to 5 short items; saving again edits them in
    place, so a mentee's verdicts and action items stay attached."""
    _open_debrief(booking, by)
    if by.pk != booking.mentor_id:
        raise PermissionDenied("Only the mentor gives advice in a debrief.")
    cleaned = [AdviceIn(i.text.strip(), i.assumption.strip()) for i in items if i.text.strip()]
    errors: dict[str, str] = {}
    if not cleaned:
        errors["items"] = "Add at least one piece of advice."
    elif len(cleaned) > MAX_ADVICE:
        errors["items"] = f"Keep it to {MAX_ADVICE} items; pick the ones that matter most."
    for n, item in enumerate(cleaned, 1):
        if len(item.text) > 400 or len(item.assumption) > 400:
            errors[f"item{n}"] = "Keep each item and its assumption under 400 characters."
        elif len(item.text.split()) < 3:
            errors[f"item{n}"] = "Write advice someone can act on, in a short sentence."
    if errors:
        raise ValidationError(errors)
    goal_id = booking.ask.goal_id if booking.ask_id and booking.ask else None
    with transaction.atomic():
        Booking.objects.select_for_update().filter(pk=booking.pk).first()
        saved = []
        for position, item in enumerate(cleaned, 1):
            advice, _ = AdviceItem.objects.update_or_create(
                booking=booking,
                position=position,
                defaults={
                    "mentor_id": booking.mentor_id,
                    "mentee_id": booking.mentee_id,
                    "goal_id": goal_id,
                    "text": item.text,
                    "assumption": item.assumption,
                    "topic": advice_topic(item.text, item.assumption),
                },
            )
            saved.append(advice)
        AdviceItem.objects.filter(booking=booking, position__gt=len(cleaned)).delete()
        if goal_id is not None:
            transaction.on_commit(partial(scan_goal.enqueue, goal_id))
        notify(
            user=booking.mentee,
            kind="debrief.advice",
            title=f"{by.profile.name} wrote down their advice",
            body="Turn it into action items while it is fresh.",
            url=f"/sessions/{booking.pk}/#debrief",
        )
    recognise_later(booking.pk)
    return saved


def advice_mark(*, advice: AdviceItem, by: User, helpful: bool) -> AdviceItem:
    if by.pk != advice.mentee_id:
        raise PermissionDenied("Only the mentee rates advice.")
    advice.helpful = helpful
    advice.save(update_fields=["helpful"])
    recognise_later(advice.booking_id)
    return advice


def reflection_save(*, booking: Booking, by: User, text: str, shared: bool) -> Reflection:
    _open_debrief(booking, by)
    if by.pk != booking.mentee_id:
        raise PermissionDenied("Only the mentee writes a reflection.")
    text = text.strip()
    if len(text) < 10:
        raise ValidationError({"text": "Write a sentence or two: what did you take away?"})
    if len(text) > 4000:
        raise ValidationError({"text": "Keep the reflection under 4,000 characters."})
    with transaction.atomic():
        reflection, _ = Reflection.objects.update_or_create(
            booking=booking, defaults={"author": by, "text": text, "shared": shared}
        )
        recognise_later(booking.pk)
    return reflection


def action_item_add(
    *,
    by: User,
    text: str,
    due: date | None = None,
    booking: Booking | None = None,
    advice: AdviceItem | None = None,
    goal: Goal | None = None,
) -> ActionItem:
    errors: dict[str, str] = {}
    text = text.strip()
    if not 3 <= len(text) <= 300:
        errors["text"] = "Say what you will do, in up to 300 characters."
    if due is not None and due < timezone.localdate() - timedelta(days=1):
        errors["due"] = "Pick a due date from today on."
    if booking is not None:
        _open_debrief(booking, by)
        if by.pk != booking.mentee_id:
            raise PermissionDenied("Action items belong to the mentee.")
    if advice is not None and (booking is None or advice.booking_id != booking.pk):
        errors["advice"] = "That advice is not from this session."
    if goal is not None and goal.owner_id != by.pk:
        errors["goal"] = "No such goal of yours."
    if errors:
        raise ValidationError(errors)
    if goal is None and booking is not None and booking.ask_id and booking.ask:
        goal = booking.ask.goal
    with transaction.atomic():
        item = ActionItem.objects.create(
            owner=by, booking=booking, advice=advice, goal=goal, text=text, due=due
        )
        transaction.on_commit(partial(plan_check_in, item))
    return item


def action_item_update(
    *, item: ActionItem, by: User, state: str, outcome: str = "", due: date | None = None
) -> ActionItem:
    """Mark an item done or dropped (with what happened), or move its due date. When advice
    led to it, the mentor hears that their advice was applied."""
    if by.pk != item.owner_id:
        raise PermissionDenied("Only the owner changes an action item.")
    if state not in ActionItem.State.values:
        raise ValidationError({"state": "Pick open, done or dropped."})
    with transaction.atomic():
        # of=self: PostgreSQL cannot lock the nullable side of the join with the advice.
        item = (
            ActionItem.objects.select_for_update(of=("self",))
            .select_related("advice")
            .get(pk=item.pk)
        )
        became_done = state == ActionItem.State.DONE and item.state != ActionItem.State.DONE
        item.state = state
        item.outcome = outcome.strip()[:2000] or item.outcome
        item.done_at = timezone.now() if state == ActionItem.State.DONE else None
        if due is not None:
            item.due = due
        item.save(update_fields=["state", "outcome", "done_at", "due", "updated_at"])
        recognise_later(item.booking_id)
        item.checkins.filter(answered_at__isnull=True).update(answered_at=timezone.now())
        if due is not None:
            transaction.on_commit(partial(plan_check_in, item))
        if became_done and item.advice is not None:
            advice = item.advice
            notify(
                user=User.objects.get(pk=advice.mentor_id),
                kind="debrief.applied",
                title="Your advice was applied",
                body=f"“{advice.text[:120]}” — {item.outcome[:200] or item.text}",
                url="/impact/",
            )
    return item


def _ended_in_room(booking: Booking) -> bool:
    from bitesize.rooms.models import RoomState

    return RoomState.objects.filter(booking=booking, ended_at__isnull=False).exists()


def rating_submit(
    *,
    booking: Booking,
    by: User,
    took_place: bool,
    stars: int | None = None,
    comment: str = "",
    solved: bool = False,
    now: datetime | None = None,
) -> Rating:
    """One person's closing word. Both confirming completes the session; a reported no-show
    records one, unless the other person already confirmed it took place."""
    from bitesize.scheduling.services import booking_complete, booking_no_show

    now = now or timezone.now()
    _open_debrief(booking, by, now)
    errors: dict[str, str] = {}
    if took_place and stars not in (1, 2, 3, 4, 5):
        errors["stars"] = "Rate the session from 1 to 5."
    if not took_place and now < booking.start + timedelta(minutes=10):
        errors["took_place"] = "Report a no-show from 10 minutes after the start."
    if errors:
        raise ValidationError(errors)
    is_mentee = by.pk == booking.mentee_id
    try:
        with transaction.atomic():
            rating = Rating.objects.create(
                booking=booking,
                author=by,
                took_place=took_place,
                stars=stars if took_place else None,
                comment=comment.strip()[:1000],
                solved=solved and is_mentee and took_place,
            )
            if is_mentee and took_place:
                Booking.objects.filter(pk=booking.pk).update(
                    mentee_rating=stars, solved=rating.solved
                )
                mentor_changed(booking.mentor_id)
            other = Rating.objects.filter(booking=booking).exclude(author=by).first()
            booking.refresh_from_db()
            if booking.state == Booking.State.CONFIRMED:
                both = took_place and other is not None and other.took_place
                if both and (booking.end <= now or _ended_in_room(booking)):
                    # Ended early in the room: it is over, so it completes at its booked end.
                    booking_complete(booking=booking, by=None, now=max(now, booking.end))
                elif not took_place and (other is None or not other.took_place):
                    booking_no_show(booking=booking, by=by, now=now)
    except IntegrityError as exc:
        raise ValidationError({"rating": "You have already rated this session."}) from exc
    recognise_later(booking.pk)
    return rating
