"""iCalendar for sessions: invites, subscribable feeds and busy-time import.

Pure functions over frozen dataclasses, no ORM. icalendar writes and parses RFC 5545 (folding,
escaping, VTIMEZONE); recurring-ical-events expands recurrences. This module only decides what
goes into a message and how much untrusted input it is willing to read.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import recurring_ical_events  # type: ignore[import-untyped]
import x_wr_timezone  # type: ignore[import-untyped]
from icalendar import Alarm, Calendar, Component, Event, vCalAddress, vDuration
from icalendar.enums import STATUS

Interval = tuple[datetime, datetime]  # aware, UTC, half-open

PRODID = "-//Bitesize//Micromentoring//EN"
REMINDER_BEFORE = timedelta(minutes=15)
MAX_BYTES = 2 * 1024 * 1024
MAX_EVENTS = 5_000
# dateutil walks every recurrence from DTSTART, not from the window, and keeps what it walked
# in a cache: a minutely rule that started years ago (or INTERVAL=0, which never advances)
# costs time and memory long before the window's instance count can stop it.
MAX_STEPS = 1_000_000

_STATUSES = frozenset({"CONFIRMED", "TENTATIVE", "CANCELLED"})
# icalendar parses leniently and keeps unreadable values as errors on the component; for these
# properties a silent skip would drop busy time, so such a file is refused instead.
_TIME_PROPERTIES = frozenset(
    {"DTSTART", "DTEND", "DURATION", "RRULE", "RDATE", "EXDATE", "RECURRENCE-ID"}
)
# What the libraries raise for malformed data (missing DTSTART is a KeyError, comparing a
# DATE with a DATE-TIME a TypeError); none of it may escape as a 500.
_LIBRARY_ERRORS = (ValueError, KeyError, TypeError, OverflowError)


class CalendarError(ValueError):
    """Calendar data that cannot be written or read as asked."""


@dataclass(frozen=True)
class Person:
    name: str
    email: str


@dataclass(frozen=True)
class SessionEvent:
    uid: str
    sequence: int
    start: datetime
    end: datetime
    summary: str
    description: str
    url: str
    location: str
    organizer: Person
    attendees: tuple[Person, ...]
    status: str = "CONFIRMED"
    tz: str | None = None
    created: datetime | None = None


def invite(event: SessionEvent, method: Literal["REQUEST", "CANCEL"]) -> bytes:
    """An RFC 5546 iTIP message for one session, to attach as text/calendar.

    REQUEST creates or updates the session in the recipient's calendar (same UID, higher
    SEQUENCE) and carries a display reminder; CANCEL removes it and is always
    STATUS:CANCELLED.
    """
    if method == "REQUEST":
        if event.status == "CANCELLED":
            raise CalendarError(f"{event.uid}: a cancelled session is sent with method CANCEL")
        status, reminder = event.status, True
    elif method == "CANCEL":
        # RFC 5546 forbids VALARM in a CANCEL.
        status, reminder = "CANCELLED", False
    else:
        raise CalendarError(f"unsupported iTIP method {method!r}")
    calendar = _calendar()
    calendar.method = method
    calendar.add_component(_vevent(event, status=status, reminder=reminder))
    _add_timezones(calendar, [event])
    return _serialise(calendar)


def feed(
    events: Sequence[SessionEvent], *, name: str, refresh: timedelta = timedelta(hours=1)
) -> bytes:
    """A subscribable calendar (no METHOD) of sessions, cancelled ones included as such.

    Cancelled sessions stay in the feed with STATUS:CANCELLED so that a subscriber who
    already has them sees them cancelled rather than silently gone.
    """
    if refresh <= timedelta(0):
        raise CalendarError("the refresh interval must be positive")
    uids = [event.uid for event in events]
    if len(set(uids)) != len(uids):
        raise CalendarError("a feed holds each session once; duplicate UIDs given")
    calendar = _calendar()
    calendar.calendar_name = name
    # RFC 7986 requires VALUE=DURATION here, which the refresh_interval setter leaves out;
    # Outlook and older Apple clients read only the X- name, which icalendar would write as
    # text ("1:00:00") unless handed a vDuration.
    calendar.add("REFRESH-INTERVAL", vDuration(refresh), parameters={"VALUE": "DURATION"})
    calendar.add("X-PUBLISHED-TTL", vDuration(refresh))
    for event in events:
        # No VALARM: subscribers set their own reminders, and one arrives with the invite.
        calendar.add_component(_vevent(event, status=event.status, reminder=False))
    _add_timezones(calendar, events)
    return _serialise(calendar)


def busy_from_ics(
    data: bytes | str,
    start: datetime,
    end: datetime,
    *,
    default_zone: str = "UTC",
    max_bytes: int = MAX_BYTES,
    max_events: int = MAX_EVENTS,
    max_steps: int = MAX_STEPS,
) -> list[Interval]:
    """The busy time in [start, end) described by an .ics file or feed, sorted, merged, UTC.

    Recurring events are expanded (RRULE, RDATE, EXDATE, RECURRENCE-ID overrides);
    TRANSP:TRANSPARENT and STATUS:CANCELLED instances are free. Floating times and all-day
    dates are read in `default_zone`. Touching intervals are merged too.

    Raises CalendarError for data that is not iCalendar, is larger than `max_bytes`, has more
    than `max_events` instances in the window, or whose recurrences need more than
    `max_steps` dates walked to reach the window's end; ValueError for a naive or empty
    window or an unknown `default_zone`.
    """
    window = _utc_window(start, end)
    zone = _zone(default_zone)
    calendar = _parse(data, max_bytes)
    local_start, local_end = (moment.astimezone(zone) for moment in window)
    busy: list[Interval] = []
    try:
        query = recurring_ical_events.CalendarQuery(_standard(calendar))
        _check_recurrence_cost(query, local_end, zone, max_steps)
        count = 0
        for series in query.series:
            # Series.between yields occurrences lazily; CalendarQuery.between would first
            # build a component copy for every instance in the window.
            for occurrence in series.between(local_start, local_end):
                count += 1
                if count > max_events:
                    raise CalendarError(
                        f"the calendar has more than {max_events} events in the window"
                    )
                if _is_free(occurrence.as_component(False)):
                    continue
                interval = _clip(
                    _as_utc(occurrence.start, zone), _as_utc(occurrence.end, zone), window
                )
                if interval is not None:
                    busy.append(interval)
    except CalendarError:
        raise
    except _LIBRARY_ERRORS as error:
        raise CalendarError(f"the calendar cannot be read: {_detail(error)}") from error
    return _merge(busy)


def _calendar() -> Calendar:
    # Calendar.new() would add a random calendar UID on every render, which makes feeds
    # differ between fetches for no reason.
    calendar = Calendar()
    calendar.prodid = PRODID
    calendar.version = "2.0"
    return calendar


def _serialise(calendar: Calendar) -> bytes:
    # to_ical is unannotated; it folds lines at 75 octets and ends them with CRLF.
    data: bytes = calendar.to_ical()
    return data


def _vevent(event: SessionEvent, *, status: str, reminder: bool) -> Event:
    zone = _check_event(event)
    stamp = event.created if event.created is not None else datetime.now(UTC)
    try:
        vevent = Event.new(
            uid=event.uid,
            sequence=event.sequence,
            stamp=stamp.astimezone(UTC),
            start=event.start.astimezone(zone),
            end=event.end.astimezone(zone),
            summary=event.summary,
            description=event.description,
            url=event.url,
            location=event.location,
            organizer=vCalAddress.new(event.organizer.email, cn=event.organizer.name),
            attendees=[
                vCalAddress.new(
                    person.email,
                    cn=person.name,
                    role="REQ-PARTICIPANT",
                    partstat="NEEDS-ACTION",
                    rsvp=False,
                )
                for person in event.attendees
            ],
            status=STATUS(status),
        )
    except ValueError as error:  # e.g. a line break in an address or URL
        raise CalendarError(f"{event.uid}: {error}") from error
    if reminder:
        vevent.add_component(Alarm.new_display(description=event.summary, trigger=-REMINDER_BEFORE))
    return vevent


def _check_event(event: SessionEvent) -> tzinfo:
    """The zone to write the event's times in, after refusing what no client could use."""
    if event.start.tzinfo is None or event.end.tzinfo is None:
        raise CalendarError(f"{event.uid}: start and end must be aware datetimes")
    if event.created is not None and event.created.tzinfo is None:
        raise CalendarError(f"{event.uid}: created must be an aware datetime")
    if event.end <= event.start:
        raise CalendarError(f"{event.uid}: the session must end after it starts")
    if event.status not in _STATUSES:
        raise CalendarError(f"{event.uid}: unknown status {event.status!r}")
    if event.sequence < 0:
        raise CalendarError(f"{event.uid}: the sequence cannot be negative")
    if event.tz is None:
        return UTC
    try:
        return ZoneInfo(event.tz)
    except (ZoneInfoNotFoundError, ValueError) as error:
        raise CalendarError(f"{event.uid}: unknown time zone {event.tz!r}") from error


def _add_timezones(calendar: Calendar, events: Iterable[SessionEvent]) -> None:
    years = [moment.year for event in events for moment in (event.start, event.end)]
    if not years:
        return
    # icalendar defaults to 1970-2038, which puts some 140 transitions into every invite;
    # the years around the sessions still show clients the zone's DST pattern.
    calendar.add_missing_timezones(
        first_date=date(min(years) - 1, 1, 1), last_date=date(max(years) + 2, 1, 1)
    )


def _utc_window(start: datetime, end: datetime) -> Interval:
    if start.tzinfo is None or end.tzinfo is None:
        raise ValueError("the window must be given in aware datetimes")
    if end <= start:
        raise ValueError("the window must end after it starts")
    return start.astimezone(UTC), end.astimezone(UTC)


def _zone(key: str) -> ZoneInfo:
    try:
        return ZoneInfo(key)
    except (ZoneInfoNotFoundError, ValueError) as error:
        raise ValueError(f"unknown time zone {key!r}") from error


def _parse(data: bytes | str, max_bytes: int) -> Calendar:
    # A str is never shorter in UTF-8 than in characters, so this refuses huge text before
    # paying for its encoding.
    if len(data) > max_bytes or (isinstance(data, str) and len(data.encode()) > max_bytes):
        raise CalendarError(f"the calendar is larger than {max_bytes} bytes")
    try:
        calendar = Calendar.from_ical(data)
    except _LIBRARY_ERRORS as error:
        raise CalendarError(f"this is not iCalendar data: {_detail(error)}") from error
    # from_ical returns whatever component the text holds, a lone VEVENT or a vCard too.
    if not isinstance(calendar, Calendar):
        raise CalendarError(f"expected a VCALENDAR, found {calendar.name or 'nothing'}")
    for vevent in calendar.walk("VEVENT"):
        _check_vevent(vevent)
    return calendar


def _check_vevent(vevent: Component) -> None:
    uid = vevent.get("UID", "without UID")
    if "DTSTART" not in vevent:
        raise CalendarError(f"event {uid} has no DTSTART")
    for name, message in vevent.errors:
        if name in _TIME_PROPERTIES:
            raise CalendarError(f"event {uid}: unreadable {name}: {message}")
    rules = vevent.get("RRULE", [])
    for rule in rules if isinstance(rules, list) else [rules]:
        # "RRULE:garbage" parses to an empty rule that the expansion would silently ignore.
        if "FREQ" not in rule:
            raise CalendarError(f"event {uid}: RRULE without FREQ")
        if any(interval < 1 for interval in rule.get("INTERVAL", [])):
            raise CalendarError(f"event {uid}: RRULE INTERVAL must be at least 1")


class _FromXWRTimezone(x_wr_timezone.UTCChangingWalker):
    # x-wr-timezone 2.0.1 takes a time whose zone has no name for floating, so a custom
    # VTIMEZONE without TZNAME (as Outlook writes them) would be relabelled into the
    # calendar's zone. recurring_ical_events.of() applies it unchanged, hence CalendarQuery.
    def is_Floating(self, moment: datetime) -> bool:
        return moment.tzinfo is None


def _standard(calendar: Calendar) -> Calendar:
    """The calendar with X-WR-TIMEZONE (Google, Apple) applied to its UTC and floating times.

    Recurrences of a UTC DTSTART then keep their wall-clock time across DST, as the
    publisher's client showed them. An unknown zone name is ignored.
    """
    name = calendar.get("X-WR-TIMEZONE")
    if name is None:
        return calendar
    try:
        zone = ZoneInfo(str(name))
    except (ZoneInfoNotFoundError, ValueError):
        return calendar
    standard: Calendar = _FromXWRTimezone(zone).walk(calendar)
    return standard


def _check_recurrence_cost(query: Any, stop: datetime, zone: ZoneInfo, max_steps: int) -> None:
    """Walk each series' rules up to the window's end, refusing more than max_steps dates.

    Series.between asks dateutil for everything from DTSTART on and lists it in one go,
    so a bound has to come before it. The rules are cached by dateutil, so the walk is not
    repeated by the expansion that follows. `recurrence.rrules` and `_add_to_stop` belong
    to recurring-ical-events 3.8.2 (pinned); `rrules` is absent for a series without a
    base event, which walks nothing.
    """
    steps = 0
    for series in query.series:
        # A moved THISANDFUTURE override makes the library query beyond the window's end.
        limit = stop + getattr(series, "_add_to_stop", timedelta(0))
        for rule in getattr(series.recurrence, "rrules", ()):
            for when in rule:
                steps += 1
                if steps > max_steps:
                    raise CalendarError(
                        f"the calendar's recurrences need more than {max_steps} steps to expand"
                    )
                if (when if when.tzinfo is not None else when.replace(tzinfo=zone)) > limit:
                    break


def _detail(error: BaseException) -> str:
    # Parser messages quote the offending line, which may be a whole megabyte long.
    text = str(error)
    return text if len(text) <= 200 else text[:200] + "…"


def _is_free(component: Component) -> bool:
    return (
        str(component.get("TRANSP", "")).upper() == "TRANSPARENT"
        or str(component.get("STATUS", "")).upper() == "CANCELLED"
    )


def _as_utc(moment: date, zone: ZoneInfo) -> datetime:
    if not isinstance(moment, datetime):
        moment = datetime.combine(moment, time(), tzinfo=zone)
    elif moment.tzinfo is None:
        moment = moment.replace(tzinfo=zone)
    return moment.astimezone(UTC)


def _clip(start: datetime, end: datetime, window: Interval) -> Interval | None:
    start, end = max(start, window[0]), min(end, window[1])
    return (start, end) if start < end else None


def _merge(intervals: list[Interval]) -> list[Interval]:
    merged: list[Interval] = []
    for start, end in sorted(intervals):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged
