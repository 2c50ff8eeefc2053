"""Writes for scheduling. Every state change is one function with an actor and a reason,
inside a transaction that takes the two people's rows in a fixed order; it records an
event, notifies both sides after commit and re-plans the reminders.

No double booking: on PostgreSQL an exclusion constraint on seats is the last word; on
SQLite every transaction is IMMEDIATE (settings), so the re-check and the insert below
cannot interleave with another writer."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from bitesize.accounts.models import User
from bitesize.asks.models import Ask
from bitesize.matching.changes import mentor_changed
from bitesize.profiles.choices import SESSION_LENGTHS
from bitesize.profiles.models import Profile
from bitesize.rooms.events import room_send
from bitesize.safety.selectors import is_blocked
from bitesize.scheduling import calendar, slots
from bitesize.scheduling.models import (
    Availability,
    Booking,
    BookingEvent,
    BookingSeat,
    BusyTime,
    CalendarSource,
    DateOverride,
    FeedToken,
    WeeklyRule,
)
from bitesize.scheduling.selectors import (
    Schedule,
    calendar_busy,
    held_intervals,
    mentor_booked,
    schedule_for,
)


class SlotTaken(Exception):
    """The time asked for is not (or no longer) free. Views answer 409."""


def availability_ensure(*, user: User) -> Availability:
    availability, _ = Availability.objects.get_or_create(user=user)
    return availability


@dataclass(frozen=True)
class RuleSpec:
    weekday: int
    start: str  # "HH:MM"
    end: str


def _parse_time(text: str, what: str) -> time:
    try:
        hours, minutes = text.strip().split(":")
        return time(int(hours), int(minutes))
    except ValueError as exc:
        raise ValidationError({what: f"{text!r} is not a time like 09:30."}) from exc


def availability_set_rules(*, user: User, rules: list[RuleSpec]) -> Availability:
    """Replace the weekly rules at once; overlapping rules of one day are refused."""
    parsed = []
    for rule in rules:
        if not 0 <= rule.weekday <= 6:
            raise ValidationError({"weekday": "Weekdays go from 0 (Monday) to 6 (Sunday)."})
        start, end = _parse_time(rule.start, "start"), _parse_time(rule.end, "end")
        if start == end and rule.start.strip() != "00:00":
            # 00:00–00:00 is the whole day; any other equal pair is a slip of the keyboard.
            raise ValidationError({"end": f"{rule.start}–{rule.end} is empty."})
        parsed.append((rule.weekday, start, end))
    by_day: dict[int, list[tuple[object, object]]] = {}
    for weekday, start, end in parsed:
        by_day.setdefault(weekday, []).append((start, end))
    for weekday, spans in by_day.items():
        spans.sort()  # type: ignore[arg-type]
        for (_, end_a), (start_b, _) in itertools.pairwise(spans):
            if end_a > start_b:  # type: ignore[operator]
                raise ValidationError({"rules": f"Rules on day {weekday} overlap."})
    with transaction.atomic():
        availability = availability_ensure(user=user)
        availability.rules.all().delete()
        WeeklyRule.objects.bulk_create(
            WeeklyRule(availability=availability, weekday=w, start=s, end=e) for w, s, e in parsed
        )
    return availability


POLICY_FIELDS = (
    "buffer_before",
    "buffer_after",
    "min_notice",
    "horizon_days",
    "max_per_day",
    "step",
    "auto_confirm",
    "confirm_within_hours",
    "late_cancel_hours",
    "paused_until",
)


def availability_update(
    *, user: User, rules: list[RuleSpec] | None = None, policy: dict[str, object] | None = None
) -> Availability:
    """Change the policy fields given and, when given, replace the weekly rules; all of it or
    nothing."""
    with transaction.atomic():
        availability = availability_ensure(user=user)
        for name, value in (policy or {}).items():
            if name not in POLICY_FIELDS:
                raise ValidationError({name: "Not an availability setting."})
            setattr(availability, name, value)
        try:
            availability.full_clean(exclude=["user"])
        except ValidationError as exc:
            availability.refresh_from_db()
            raise ValidationError({k: " ".join(v) for k, v in exc.message_dict.items()}) from exc
        availability.save()
        if rules is not None:
            availability_set_rules(user=user, rules=rules)
    return availability


def availability_set_day(
    *, user: User, day: date, spans: list[tuple[str, str]] | None
) -> Availability:
    """Override one date: spans replace the weekly hours; [] is a day off; None removes the
    override."""
    parsed = [(_parse_time(s, "start"), _parse_time(e, "end")) for s, e in spans or []]
    with transaction.atomic():
        availability = availability_ensure(user=user)
        availability.overrides.filter(day=day).delete()
        if spans is not None:
            rows = [
                DateOverride(availability=availability, day=day, start=s, end=e) for s, e in parsed
            ] or [DateOverride(availability=availability, day=day)]
            DateOverride.objects.bulk_create(rows)
    return availability


def _lock_people(*user_ids: int) -> None:
    """Row locks on both people in id order, so that two bookings touching the same people
    wait for each other instead of deadlocking (no-op on SQLite, which locks the file)."""
    list(User.objects.select_for_update().filter(pk__in=user_ids).order_by("pk").values("pk"))


def slot_is_free(
    schedule: Schedule,
    *,
    mentee_id: int,
    start: datetime,
    minutes: int,
    now: datetime,
    exclude_booking: int | None = None,
) -> bool:
    duration = timedelta(minutes=minutes)
    window_end = start + duration + timedelta(days=8)
    window_start = start - timedelta(days=8)
    people = [schedule.mentor_id, mentee_id]
    held = held_intervals(people, window_start, window_end, exclude_booking=exclude_booking)
    busy = calendar_busy(people, window_start, window_end)
    found = slots.free_slots(
        rules=schedule.rules,
        overrides=schedule.overrides,
        policy=schedule.policy,
        duration=duration,
        booked=mentor_booked(
            [schedule.mentor_id], window_start, window_end, exclude_booking=exclude_booking
        )[schedule.mentor_id],
        busy=[
            *held[schedule.mentor_id],
            *held[mentee_id],
            *busy[schedule.mentor_id],
            *busy[mentee_id],
        ],
        now=now,
        start=start,
        end=start + timedelta(minutes=1),
        limit=1,
    )
    return bool(found) and found[0] == start


def _record(
    booking: Booking, kind: str, actor: User | None, reason: str = "", **data: object
) -> None:
    BookingEvent.objects.create(
        booking=booking, kind=kind, actor=actor, reason=reason[:300], data=data
    )


def _recognise(booking: Booking) -> None:
    """Points and badges follow the session's outcome, after commit (recognition app)."""
    from bitesize.recognition.tasks import recognise_later

    recognise_later(booking.pk)


def _after_change(booking: Booking, kind: str, actor: User | None, reason: str = "") -> None:
    """Tell both people and re-plan reminders once the change is committed."""
    from bitesize.scheduling.messages import booking_changed

    booking_id = booking.pk
    transaction.on_commit(
        lambda: booking_changed(booking_id, kind, actor.pk if actor else None, reason)
    )


def booking_create(
    *,
    mentor: User,
    mentee: User,
    start: datetime,
    minutes: int,
    format: str,
    question: str,
    objective: str = "",
    idempotency_key: str = "",
    now: datetime | None = None,
    ask: Ask | None = None,
) -> Booking:
    """Book a slot, for an ask or directly. The same idempotency key from the same mentee
    returns the first booking instead of making a second one."""
    now = now or timezone.now()
    if start.tzinfo is None:
        raise ValidationError({"start": "Give the start time with its offset or in UTC."})
    start = start.astimezone(UTC)
    errors: dict[str, str] = {}
    question = question.strip()
    if mentor.pk == mentee.pk:
        errors["mentor"] = "You cannot book a session with yourself."
    elif is_blocked(mentor.pk, mentee.pk):
        errors["mentor"] = "You cannot book a session with this person."
    if len(question) < 10:
        errors["question"] = "Say in a sentence or two what you want help with."
    profile = Profile.objects.filter(user=mentor).first()
    if profile is None or not profile.is_mentor:
        errors["mentor"] = "This person does not offer mentoring."
    elif minutes not in profile.session_lengths:
        offered = ", ".join(map(str, profile.session_lengths))
        errors["minutes"] = f"This mentor offers sessions of {offered} minutes."
    elif format not in profile.formats:
        errors["format"] = f"This mentor offers: {', '.join(profile.formats)}."
    if minutes not in SESSION_LENGTHS:
        errors["minutes"] = "Sessions last 5 to 60 minutes."
    if ask is not None and (ask.asker_id != mentee.pk or ask.state != Ask.State.OPEN):
        errors["ask"] = "That ask is not yours or no longer open."
    if errors:
        raise ValidationError(errors)
    assert profile is not None
    key = idempotency_key.strip()[:80]
    if key:
        earlier = Booking.objects.filter(mentee=mentee, idempotency_key=key).first()
        if earlier is not None:
            return _same_request(earlier, mentor=mentor, start=start, minutes=minutes)
    schedule = schedule_for(mentor)
    if schedule.paused_until and schedule.paused_until >= start.date():
        raise SlotTaken("This mentor is away then; pick a later date.")
    availability = availability_ensure(user=mentor)
    try:
        with transaction.atomic():
            _lock_people(mentor.pk, mentee.pk)
            if not slot_is_free(
                schedule, mentee_id=mentee.pk, start=start, minutes=minutes, now=now
            ):
                raise SlotTaken("That time is no longer free. Pick another slot.")
            confirmed = availability.auto_confirm
            booking = Booking.objects.create(
                mentor=mentor,
                mentee=mentee,
                start=start,
                end=start + timedelta(minutes=minutes),
                format=format,
                question=question,
                objective=objective.strip()[:300],
                state=Booking.State.CONFIRMED if confirmed else Booking.State.REQUESTED,
                confirm_by=None
                if confirmed
                else min(now + timedelta(hours=availability.confirm_within_hours), start),
                meeting_url=profile.meeting_url,
                idempotency_key=key,
                ask=ask,
            )
            if ask is not None:
                Ask.objects.filter(pk=ask.pk).update(state=Ask.State.BOOKED)
            BookingSeat.objects.bulk_create(
                BookingSeat(booking=booking, user_id=uid, start=booking.start, end=booking.end)
                for uid in (mentor.pk, mentee.pk)
            )
            _record(booking, BookingEvent.Kind.REQUESTED, mentee)
            if confirmed:
                _record(booking, BookingEvent.Kind.CONFIRMED, None, "Confirmed automatically.")
            _after_change(booking, "confirmed" if confirmed else "requested", mentee)
    except IntegrityError as exc:
        if key and Booking.objects.filter(mentee=mentee, idempotency_key=key).exists():
            earlier = Booking.objects.get(mentee=mentee, idempotency_key=key)
            return _same_request(earlier, mentor=mentor, start=start, minutes=minutes)
        # The exclusion constraint (PostgreSQL) caught an overlap the re-check missed.
        raise SlotTaken("That time is no longer free. Pick another slot.") from exc
    return booking


def booking_start_now(*, mentor: User, ask: Ask, now: datetime | None = None) -> Booking:
    """The session an accepted offer lands in: it starts now and is confirmed, since the mentor
    has just said yes. Called inside the caller's transaction, which holds the ask; the seats
    still refuse a person who is in another session now."""
    start = (now or timezone.now()).astimezone(UTC).replace(microsecond=0)
    end = start + timedelta(minutes=ask.minutes)
    people = [mentor.pk, ask.asker_id]
    if is_blocked(*people):
        raise ValidationError({"mentor": "You cannot take this ask."})
    _lock_people(*people)
    held = held_intervals(people, start, end)
    if held[mentor.pk]:
        raise SlotTaken("You are in another session now, so you cannot take this one.")
    if held[ask.asker_id]:
        raise SlotTaken("The person asking is in another session now.")
    profile = Profile.objects.get(user=mentor)
    try:
        with transaction.atomic():
            booking = Booking.objects.create(
                mentor=mentor,
                mentee_id=ask.asker_id,
                start=start,
                end=end,
                format=ask.format,
                question=ask.question,
                objective=ask.objective,
                state=Booking.State.CONFIRMED,
                meeting_url=profile.meeting_url,
                ask=ask,
            )
            BookingSeat.objects.bulk_create(
                BookingSeat(booking=booking, user_id=uid, start=start, end=end) for uid in people
            )
    except IntegrityError as exc:  # the exclusion constraint (PostgreSQL) saw an overlap
        raise SlotTaken("One of you is in another session now.") from exc
    Ask.objects.filter(pk=ask.pk).update(state=Ask.State.BOOKED)
    _record(booking, BookingEvent.Kind.CONFIRMED, mentor, "Accepted an offer to help now.")
    _after_change(booking, "confirmed", mentor)
    return booking


def _same_request(earlier: Booking, *, mentor: User, start: datetime, minutes: int) -> Booking:
    if earlier.mentor_id != mentor.pk or earlier.start != start or earlier.minutes != minutes:
        raise ValidationError(
            {"idempotency_key": "This key was used for a different booking; use a new key."}
        )
    return earlier


def _transition(
    booking: Booking,
    *,
    allowed: tuple[str, ...],
    to: str,
    by: User | None,
    reason: str,
    event: str,
    release: bool,
) -> Booking:
    with transaction.atomic():
        _lock_people(booking.mentor_id, booking.mentee_id)
        booking = Booking.objects.select_for_update().get(pk=booking.pk)
        if booking.state not in allowed:
            raise ValidationError(
                {"state": f"A {booking.get_state_display().lower()} session cannot be {event}."}
            )
        booking.state = to
        fields = ["state", "updated_at"]
        if release:
            BookingSeat.objects.filter(booking=booking).update(holding=False)
            booking.sequence += 1
            fields.append("sequence")
        booking.save(update_fields=fields)
        _record(booking, event, by, reason)
        _after_change(booking, event, by, reason)
    return booking


def booking_confirm(*, booking: Booking, by: User) -> Booking:
    if by.pk != booking.mentor_id:
        raise PermissionDenied("Only the mentor can accept a request.")
    return _transition(
        booking,
        allowed=(Booking.State.REQUESTED,),
        to=Booking.State.CONFIRMED,
        by=by,
        reason="",
        event=BookingEvent.Kind.CONFIRMED,
        release=False,
    )


def booking_decline(*, booking: Booking, by: User, reason: str) -> Booking:
    if by.pk != booking.mentor_id:
        raise PermissionDenied("Only the mentor can decline a request.")
    return _transition(
        booking,
        allowed=(Booking.State.REQUESTED,),
        to=Booking.State.DECLINED,
        by=by,
        reason=reason,
        event=BookingEvent.Kind.DECLINED,
        release=True,
    )


def booking_expire(*, booking: Booking, now: datetime | None = None) -> Booking | None:
    """A request the mentor left unanswered past its deadline; None if it was answered."""
    now = now or timezone.now()
    if (
        booking.state != Booking.State.REQUESTED
        or not booking.confirm_by
        or booking.confirm_by > now
    ):
        return None
    try:
        return _transition(
            booking,
            allowed=(Booking.State.REQUESTED,),
            to=Booking.State.EXPIRED,
            by=None,
            reason="The mentor did not answer in time.",
            event=BookingEvent.Kind.EXPIRED,
            release=True,
        )
    except ValidationError:
        return None  # answered meanwhile


def booking_cancel(
    *, booking: Booking, by: User, reason: str, now: datetime | None = None
) -> Booking:
    now = now or timezone.now()
    if by.pk not in (booking.mentor_id, booking.mentee_id):
        raise PermissionDenied("Only the two people in a session can cancel it.")
    if len(reason.strip()) < 3:
        raise ValidationError({"reason": "Give the other person a short reason."})
    availability = availability_ensure(user=booking.mentor)
    late = booking.start - now < timedelta(hours=availability.late_cancel_hours)
    booking = _transition(
        booking,
        allowed=Booking.OPEN,
        to=Booking.State.CANCELLED,
        by=by,
        reason=reason.strip(),
        event=BookingEvent.Kind.CANCELLED,
        release=True,
    )
    Booking.objects.filter(pk=booking.pk).update(
        cancelled_by=by, cancel_reason=reason.strip()[:300], late_cancel=late
    )
    booking.refresh_from_db()
    _recognise(booking)
    # Anyone already in its room leaves it (the room is open only for confirmed sessions).
    room_send(booking.pk, "closed", {"reason": "The session was cancelled."})
    return booking


def booking_reschedule(
    *, booking: Booking, by: User, start: datetime, reason: str, now: datetime | None = None
) -> Booking:
    now = now or timezone.now()
    if by.pk not in (booking.mentor_id, booking.mentee_id):
        raise PermissionDenied("Only the two people in a session can move it.")
    if booking.state not in Booking.OPEN:
        raise ValidationError({"state": "Only upcoming sessions can be moved."})
    schedule = schedule_for(booking.mentor)
    with transaction.atomic():
        _lock_people(booking.mentor_id, booking.mentee_id)
        booking = Booking.objects.select_for_update().get(pk=booking.pk)
        if not slot_is_free(
            schedule,
            mentee_id=booking.mentee_id,
            start=start,
            minutes=booking.minutes,
            now=now,
            exclude_booking=booking.pk,
        ):
            raise SlotTaken("That time is not free. Pick another slot.")
        old_start = booking.start
        booking.end = start + booking.duration
        booking.start = start
        booking.sequence += 1
        availability = availability_ensure(user=booking.mentor)
        needs_ok = by.pk == booking.mentee_id and not availability.auto_confirm
        booking.state = Booking.State.REQUESTED if needs_ok else Booking.State.CONFIRMED
        booking.confirm_by = (
            min(now + timedelta(hours=availability.confirm_within_hours), start)
            if needs_ok
            else None
        )
        try:
            with transaction.atomic():
                booking.save(
                    update_fields=["start", "end", "sequence", "state", "confirm_by", "updated_at"]
                )
                BookingSeat.objects.filter(booking=booking).update(
                    start=booking.start, end=booking.end
                )
        except IntegrityError as exc:
            raise SlotTaken("That time is not free. Pick another slot.") from exc
        _record(
            booking,
            BookingEvent.Kind.RESCHEDULED,
            by,
            reason,
            old_start=old_start.isoformat(),
            new_start=start.isoformat(),
        )
        _after_change(booking, BookingEvent.Kind.RESCHEDULED, by, reason)
    return booking


def booking_complete(*, booking: Booking, by: User | None, now: datetime | None = None) -> Booking:
    now = now or timezone.now()
    if booking.end > now:
        raise ValidationError({"state": "A session can be completed once it has ended."})
    mentor_changed(booking.mentor_id)  # their history grew: matching must see it
    booking = _transition(
        booking,
        allowed=(Booking.State.CONFIRMED,),
        to=Booking.State.COMPLETED,
        by=by,
        reason="",
        event=BookingEvent.Kind.COMPLETED,
        release=False,
    )
    _recognise(booking)
    return booking


def booking_no_show(
    *, booking: Booking, by: User | None, now: datetime | None = None, reason: str = ""
) -> Booking:
    """Nobody (or the other side) turned up: allowed from 10 minutes after the start."""
    now = now or timezone.now()
    if now < booking.start + timedelta(minutes=10):
        raise ValidationError({"state": "Wait until 10 minutes after the start."})
    booking = _transition(
        booking,
        allowed=(Booking.State.CONFIRMED,),
        to=Booking.State.NO_SHOW,
        by=by,
        reason=reason,
        event=BookingEvent.Kind.NO_SHOW,
        release=False,
    )
    _recognise(booking)
    return booking


BUSY_WINDOW = timedelta(days=90)
FETCH_LIMIT = 2 * 1024 * 1024


def _fetch(url: str) -> bytes:
    """Read a calendar URL, refusing addresses inside the operator's network unless allowed
    (a feed URL must not become a way to probe internal services)."""
    import ipaddress
    import socket
    import urllib.request
    from urllib.parse import urlparse

    from django.conf import settings

    parsed = urlparse(url)
    if parsed.scheme not in ("http", "https") or not parsed.hostname:
        raise calendar.CalendarError("Give an http(s) calendar URL.")
    if not getattr(settings, "CALENDAR_FETCH_ALLOW_PRIVATE", False):
        try:
            addresses = {info[4][0] for info in socket.getaddrinfo(parsed.hostname, None)}
        except OSError as exc:
            raise calendar.CalendarError(f"Cannot resolve {parsed.hostname}.") from exc
        for address in addresses:
            ip = ipaddress.ip_address(address)
            if ip.is_private or ip.is_loopback or ip.is_link_local or ip.is_reserved:
                raise calendar.CalendarError("That address is not reachable from here.")
    request = urllib.request.Request(  # noqa: S310 - the scheme is checked above
        url, headers={"User-Agent": "Bitesize calendar import"}
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 - checked above
            data: bytes = response.read(FETCH_LIMIT + 1)
    except OSError as exc:
        raise calendar.CalendarError(f"Could not read the calendar: {exc}") from exc
    if len(data) > FETCH_LIMIT:
        raise calendar.CalendarError("That calendar is larger than 2 MB.")
    return data


def busy_import(
    *, user: User, name: str, data: bytes | None = None, url: str = "", now: datetime | None = None
) -> int:
    """Import busy times from an .ics file or URL for the next 90 days, replacing what the
    same source gave before. Returns how many busy times there are now."""
    now = now or timezone.now()
    if data is None:
        data = _fetch(url)
    zone = Profile.objects.filter(user=user).values_list("time_zone", flat=True).first() or "UTC"
    intervals = calendar.busy_from_ics(
        data, now - timedelta(days=1), now + BUSY_WINDOW, default_zone=zone
    )
    with transaction.atomic():
        source, _ = CalendarSource.objects.get_or_create(
            user=user, name=name[:80], defaults={"url": url}
        )
        source.url, source.last_synced_at, source.last_error = url, now, ""
        source.save(update_fields=["url", "last_synced_at", "last_error"])
        source.busy.all().delete()
        BusyTime.objects.bulk_create(
            BusyTime(user=user, source=source, start=s, end=e) for s, e in intervals
        )
    return len(intervals)


def feed_token_reset(*, user: User) -> FeedToken:
    import secrets

    with transaction.atomic():
        FeedToken.objects.filter(user=user).delete()
        return FeedToken.objects.create(user=user, token=secrets.token_urlsafe(32))


def feed_token_ensure(*, user: User) -> FeedToken:
    existing = FeedToken.objects.filter(user=user).first()
    return existing or feed_token_reset(user=user)
