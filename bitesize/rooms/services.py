"""Writes for the live room. Each runs in a transaction and tells the room after commit."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from bitesize.accounts.models import User
from bitesize.notifications.models import Notification
from bitesize.notifications.services import Mail, notify
from bitesize.profiles.choices import Format
from bitesize.rooms import merge
from bitesize.rooms.events import room_send
from bitesize.rooms.models import Attendance, RoomGuest, RoomMessage, RoomState, WrittenAnswer
from bitesize.rooms.selectors import answer_window, joined, role_of
from bitesize.scheduling.messages import booking_url, local_time
from bitesize.scheduling.models import Availability, Booking, BookingEvent, BookingSeat
from bitesize.scheduling.selectors import calendar_busy, held_intervals
from bitesize.scheduling.services import booking_no_show

NOTES_MAX = 20_000
MESSAGE_MAX = 4000
EXTENSION = timedelta(minutes=5)
ANSWER_MIN, ANSWER_MAX = 20, 8000
ANSWER_OVER = "The agreed time for this answer is over."
TAKEN = "The next slot is taken; the session cannot be extended."


def room_ensure(*, booking: Booking) -> RoomState:
    state, _ = RoomState.objects.get_or_create(booking=booking)
    return state


def _when(moment: datetime) -> int:
    return int(moment.timestamp() * 1000)


def attendance_join(*, booking: Booking, user: User, now: datetime | None = None) -> Attendance:
    now = now or timezone.now()
    with transaction.atomic():
        room_ensure(booking=booking)
        return Attendance.objects.create(booking=booking, user=user, joined_at=now)


def attendance_leave(*, attendance: Attendance, now: datetime | None = None) -> Attendance:
    now = now or timezone.now()
    with transaction.atomic():
        Attendance.objects.filter(pk=attendance.pk, left_at__isnull=True).update(
            left_at=max(now, attendance.joined_at)
        )
    attendance.refresh_from_db()
    return attendance


def message_data(message: RoomMessage) -> dict[str, Any]:
    return {
        "id": message.pk,
        "author": message.author_id,
        "name": message.author.profile.name,
        "body": message.body,
        "at": _when(message.created_at),
    }


def room_message_post(*, booking: Booking, author: User, body: str) -> RoomMessage:
    body = body.strip()
    if not body:
        raise ValidationError({"body": "Write a message first."})
    if len(body) > MESSAGE_MAX:
        raise ValidationError({"body": f"Keep a message under {MESSAGE_MAX} characters."})
    with transaction.atomic():
        message = RoomMessage.objects.create(booking=booking, author=author, body=body)
        room_send(booking.pk, "chat", message_data(message))
    return message


def room_notes_edit(
    *, booking: Booking, by: User, base: str, text: str, tag: str = ""
) -> RoomState:
    """Merge one person's edit of the shared notes. `base` is the text their edit started
    from, so whatever others wrote since stays, and so does what this person typed."""
    too_long = ValidationError(
        {"notes": f"The notes are limited to {NOTES_MAX} characters; nothing was changed."}
    )
    if len(text) > NOTES_MAX or len(base) > NOTES_MAX:
        raise too_long
    with transaction.atomic():
        room_ensure(booking=booking)
        state = RoomState.objects.select_for_update().get(booking=booking)
        merged = merge.merge(base, state.notes, text)
        if len(merged) > NOTES_MAX:
            raise too_long  # refused whole rather than cut: what is there stays
        if merged != state.notes:
            state.notes = merged
            state.notes_version += 1
            state.notes_updated_at = timezone.now()
            state.save(update_fields=["notes", "notes_version", "notes_updated_at"])
        room_send(
            booking.pk,
            "notes",
            {"text": state.notes, "version": state.notes_version, "tag": tag, "by": by.pk},
        )
    return state


def timebox_data(booking: Booking, state: RoomState | None) -> dict[str, Any]:
    return {
        "start": _when(booking.start),
        "end": _when(booking.end),
        "extended": state.extended_minutes if state else 0,
        "now": _when(timezone.now()),
    }


def room_extend(*, booking: Booking, by: User, now: datetime | None = None) -> Booking:
    """Five more minutes, asked by the mentor, if both people's next time is free."""
    now = now or timezone.now()
    if by.pk != booking.mentor_id:
        raise PermissionDenied("Only the mentor can extend the session.")
    with transaction.atomic():
        booking = Booking.objects.select_for_update().get(pk=booking.pk)
        if booking.state != Booking.State.CONFIRMED or now >= booking.end or (now < booking.start):
            raise ValidationError({"end": "A session can be extended while it runs."})
        new_end = booking.end + EXTENSION
        buffer = (
            Availability.objects.filter(user_id=booking.mentor_id)
            .values_list("buffer_after", flat=True)
            .first()
        )
        until = new_end + timedelta(minutes=buffer or 0)
        people = [booking.mentor_id, booking.mentee_id]
        held = held_intervals(people, booking.end, until, exclude_booking=booking.pk)
        busy = calendar_busy([booking.mentor_id], booking.end, until)
        if any(held.values()) or any(busy.values()):
            raise ValidationError({"end": TAKEN})
        booking.end = new_end
        booking.save(update_fields=["end", "updated_at"])
        try:
            with transaction.atomic():
                BookingSeat.objects.filter(booking=booking).update(end=new_end)
        except IntegrityError as exc:
            # PostgreSQL's exclusion constraint saw a booking the check above missed.
            raise ValidationError({"end": TAKEN}) from exc
        minutes = int(EXTENSION.total_seconds() // 60)
        BookingEvent.objects.create(
            booking=booking,
            kind=BookingEvent.Kind.EXTENDED,
            actor=by,
            reason=f"{minutes} more minutes",
            data={"minutes": minutes, "end": new_end.isoformat()},
        )
        state = room_ensure(booking=booking)
        state.extended_minutes += minutes
        state.save(update_fields=["extended_minutes"])
        room_send(booking.pk, "timebox", timebox_data(booking, state))
    return booking


def room_end(*, booking: Booking, by: User, now: datetime | None = None) -> RoomState:
    """Someone ends the session: everyone in the room goes to the debrief."""
    now = now or timezone.now()
    with transaction.atomic():
        room_ensure(booking=booking)
        state = RoomState.objects.select_for_update().get(booking=booking)
        if state.ended_at is None:
            state.ended_at, state.ended_by = now, by
            state.save(update_fields=["ended_at", "ended_by"])
        room_send(booking.pk, "ended", {"by": by.pk, "url": f"/sessions/{booking.pk}/#debrief"})
    return state


def room_guest_invite(*, booking: Booking, by: User, guest: User) -> RoomGuest:
    """A participant invites a third person, e.g. another mentor for a tie-break."""
    if role_of(booking, by.pk) == "guest":
        raise PermissionDenied("Only the two participants can invite someone.")
    if guest.pk in (booking.mentor_id, booking.mentee_id):
        raise ValidationError({"guest": "This person is already in the session."})
    with transaction.atomic():
        row, _ = RoomGuest.objects.get_or_create(
            booking=booking, user=guest, defaults={"invited_by": by}
        )
    return row


def room_detect_no_show(*, booking: Booking, now: datetime | None = None) -> str:
    """Ten minutes after the start, a confirmed session that one side never joined is a
    no-show. Sessions held elsewhere (the mentor's own link) or in writing are left alone:
    the room cannot see them. Safe to run twice: only a confirmed booking changes."""
    now = now or timezone.now()
    if booking.state != Booking.State.CONFIRMED:
        return "not confirmed"
    if booking.meeting_url or booking.format == "written":
        return "not held in the room"
    present = joined(booking)
    missing = [p for p in (booking.mentor, booking.mentee) if p.pk not in present]
    if not missing:
        return "both joined"
    names = " and ".join(p.profile.name for p in missing)
    try:
        booking_no_show(booking=booking, by=None, now=now, reason=f"{names} did not join the room.")
    except ValidationError:
        return "too early"
    return "no-show"


# --- written answers --------------------------------------------------------------------------
def answer_body_errors(body: str) -> list[str]:
    """What is wrong with the text of a written answer (already stripped), if anything."""
    if not body:
        return ["Write your answer first."]
    if len(body) < ANSWER_MIN:
        return [f"Write at least {ANSWER_MIN} characters: an answer the mentee can act on."]
    if len(body) > ANSWER_MAX:
        return [f"Keep the answer to {ANSWER_MAX} characters or fewer (this one has {len(body)})."]
    return []


def answer_data(answer: WrittenAnswer) -> dict[str, Any]:
    return {
        "body": answer.body,
        "submitted_at": _when(answer.submitted_at),
        "updated_at": _when(answer.updated_at),
    }


def written_answer_submit(
    *, booking: Booking, by: User, body: str, now: datetime | None = None
) -> WrittenAnswer:
    """The mentor writes (or rewrites) the answer of a written session, within the booked
    time. The first answer notifies the mentee; every save reaches an open room page."""
    now = now or timezone.now()
    if by.pk != booking.mentor_id:
        raise PermissionDenied("Only the mentor writes the answer.")
    body = body.strip()
    with transaction.atomic():
        # The lock orders two saves at once: the second one finds the first and edits it.
        booking = Booking.objects.select_for_update().get(pk=booking.pk)
        if booking.format != Format.WRITTEN:
            raise ValidationError("This session is not a written answer.")
        if booking.state != Booking.State.CONFIRMED:
            raise ValidationError(
                f"The session is {booking.get_state_display().lower()}; "
                "only a confirmed session takes an answer."
            )
        window = answer_window(booking).state(now)
        if window == "early":
            opens = local_time(booking.start, by.profile.time_zone)
            raise ValidationError(f"The time for this answer opens at {opens}.")
        if window == "closed":
            raise ValidationError(ANSWER_OVER)
        if problems := answer_body_errors(body):
            raise ValidationError({"body": problems})
        answer = WrittenAnswer.objects.filter(booking=booking).first()
        if answer is None:
            answer = WrittenAnswer.objects.create(
                booking=booking, body=body, submitted_at=now, updated_at=now
            )
            _answer_notify(booking, first=True)
        elif answer.body != body or answer.submitted_at < booking.start:
            if answer.submitted_at < booking.start:  # given before the session was moved
                answer.submitted_at = now
            answer.body, answer.updated_at = body, now
            answer.save(update_fields=["body", "submitted_at", "updated_at"])
            _answer_notify(booking, first=False)
        room_send(booking.pk, "answer", answer_data(answer))
    return answer


def _answer_notify(booking: Booking, *, first: bool) -> None:
    """The mentee hears of the answer, and of an edit unless a notice they have not read
    yet already leads them to the page (where they find the latest text)."""
    url = f"/sessions/{booking.pk}/#answer"
    name = booking.mentor.profile.name
    if first:
        title = f"{name} answered your question in writing"
        notify(
            user=booking.mentee,
            kind="session.answer",
            title=title,
            body="Read it on the session page.",
            url=url,
            mail=Mail(
                subject=title, body=f"{title}.\n\nRead it here: {booking_url(booking)}#answer"
            ),
        )
        return
    waiting = Notification.objects.filter(
        user_id=booking.mentee_id, kind="session.answer", url=url, read_at__isnull=True
    )
    if not waiting.exists():
        notify(
            user=booking.mentee,
            kind="session.answer",
            title=f"{name} edited their written answer",
            body="Read the latest version on the session page.",
            url=url,
        )
