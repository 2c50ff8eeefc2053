from dataclasses import replace
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from bitesize.scheduling.calendar import (
    PRODID,
    CalendarError,
    Person,
    SessionEvent,
    busy_from_ics,
    feed,
    invite,
)

BITESIZE = Person("Bitesize", "no-reply@bitesize.example")
ALICE = Person("Alice Moreau", "alice@example.org")  # the mentor
BOB = Person("Bob Okafor", "bob@example.org")  # the mentee
START = datetime(2026, 3, 29, 9, 15, tzinfo=UTC)
BERLIN = ZoneInfo("Europe/Berlin")


def session(**changes):
    event = SessionEvent(
        uid="booking-42@bitesize.example",
        sequence=0,
        start=START,
        end=START + timedelta(minutes=30),
        summary="Bitesize: Alice Moreau × Bob Okafor (30 min)",
        description="Question: how do I shard this table?\nObjective: pick a shard key",
        url="https://bitesize.example/bookings/42",
        location="https://bitesize.example/rooms/42",
        organizer=BITESIZE,
        attendees=(ALICE, BOB),
        created=datetime(2026, 3, 1, 12, tzinfo=UTC),
    )
    return replace(event, **changes)


def parse(data):
    return Calendar.from_ical(data)


def only_event(calendar):
    [event] = calendar.walk("VEVENT")
    return event


def ics(*vevents, head=""):
    """A VCALENDAR around VEVENT bodies, in the CRLF form real files use."""
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Test//EN"]
    lines += [line.strip() for line in head.splitlines() if line.strip()]
    for body in vevents:
        lines += ["BEGIN:VEVENT", *[line.strip() for line in body.splitlines() if line.strip()]]
        lines += ["END:VEVENT"]
    lines += ["END:VCALENDAR"]
    return ("\r\n".join(lines) + "\r\n").encode()


def utc(*args):
    return datetime(*args, tzinfo=UTC)


# invite ---------------------------------------------------------------------------------------


def test_invite_request_parses_back_with_uid_sequence_people_and_url():
    calendar = parse(invite(session(sequence=3), "REQUEST"))
    event = only_event(calendar)

    assert str(calendar["METHOD"]) == "REQUEST"
    assert str(calendar["PRODID"]) == PRODID
    assert str(calendar["VERSION"]) == "2.0"
    assert str(event["UID"]) == "booking-42@bitesize.example"
    assert event["SEQUENCE"] == 3
    assert str(event["STATUS"]) == "CONFIRMED"
    assert str(event["URL"]) == "https://bitesize.example/bookings/42"
    assert str(event["LOCATION"]) == "https://bitesize.example/rooms/42"
    assert str(event["SUMMARY"]) == "Bitesize: Alice Moreau × Bob Okafor (30 min)"
    assert str(event["DESCRIPTION"]).startswith("Question: how do I shard this table?\n")
    assert event["DTSTAMP"].dt == utc(2026, 3, 1, 12)
    organizer = event["ORGANIZER"]
    assert str(organizer) == "mailto:no-reply@bitesize.example"
    assert organizer.params["CN"] == "Bitesize"
    attendees = {str(a): a.params for a in event["ATTENDEE"]}
    assert set(attendees) == {"mailto:alice@example.org", "mailto:bob@example.org"}
    assert attendees["mailto:alice@example.org"]["CN"] == "Alice Moreau"
    assert attendees["mailto:bob@example.org"]["CN"] == "Bob Okafor"
    for params in attendees.values():
        assert params["ROLE"] == "REQ-PARTICIPANT"
        assert params["PARTSTAT"] == "NEEDS-ACTION"
        assert params["RSVP"] == "FALSE"


def test_invite_without_tz_writes_utc_times_with_z():
    data = invite(session(), "REQUEST")
    event = only_event(parse(data))

    assert b"\r\nDTSTART:20260329T091500Z\r\n" in data
    assert b"\r\nDTEND:20260329T094500Z\r\n" in data
    assert event["DTSTART"].dt == START
    assert event["DTEND"].dt == START + timedelta(minutes=30)
    assert parse(data).walk("VTIMEZONE") == []


def test_invite_with_tz_writes_tzid_and_a_vtimezone_that_gives_the_same_instant():
    data = invite(session(tz="Asia/Kathmandu"), "REQUEST")
    calendar = parse(data)
    event = only_event(calendar)

    # 09:15 UTC is 15:00 in Kathmandu, UTC+05:45.
    assert b"\r\nDTSTART;TZID=Asia/Kathmandu:20260329T150000\r\n" in data
    assert event["DTSTART"].dt == START
    [vtimezone] = calendar.walk("VTIMEZONE")
    assert vtimezone.tz_name == "Asia/Kathmandu"
    # Read the wall time through the VTIMEZONE itself, as a client without the tz database does.
    own_zone = vtimezone.to_tz(lookup_tzid=False)
    wall = event["DTSTART"].dt.replace(tzinfo=None)
    assert wall.replace(tzinfo=own_zone) == START


def test_invite_keeps_the_wall_clock_across_dst_in_the_vtimezone():
    summer = utc(2026, 7, 1, 8)
    data = invite(
        session(tz="Europe/Berlin", start=summer, end=summer + timedelta(hours=1)), "REQUEST"
    )
    calendar = parse(data)
    [vtimezone] = calendar.walk("VTIMEZONE")

    assert b"DTSTART;TZID=Europe/Berlin:20260701T100000" in data
    wall = only_event(calendar)["DTSTART"].dt.replace(tzinfo=None)
    assert wall.replace(tzinfo=vtimezone.to_tz(lookup_tzid=False)) == summer


def test_invite_request_carries_a_display_reminder_15_minutes_before():
    [alarm] = parse(invite(session(), "REQUEST")).walk("VALARM")

    assert str(alarm["ACTION"]) == "DISPLAY"
    assert alarm["TRIGGER"].dt == timedelta(minutes=-15)
    assert str(alarm["DESCRIPTION"])


def test_cancel_has_method_cancel_status_cancelled_the_same_uid_and_a_higher_sequence():
    request = parse(invite(session(sequence=1), "REQUEST"))
    cancel = parse(invite(session(sequence=2), "CANCEL"))

    assert str(cancel["METHOD"]) == "CANCEL"
    assert str(only_event(cancel)["STATUS"]) == "CANCELLED"
    assert only_event(cancel)["UID"] == only_event(request)["UID"]
    assert only_event(cancel)["SEQUENCE"] > only_event(request)["SEQUENCE"]
    assert cancel.walk("VALARM") == []


def test_cancel_of_a_session_already_marked_cancelled_is_still_cancelled():
    cancel = parse(invite(session(sequence=2, status="CANCELLED"), "CANCEL"))

    assert str(only_event(cancel)["STATUS"]) == "CANCELLED"


def test_invite_lines_end_in_crlf_and_none_is_longer_than_75_octets():
    long_text = "Wie teile ich diese Tabelle auf? Größe, Schlüssel, Übergänge — 日本語も. " * 8
    data = invite(session(description=long_text, tz="Europe/Berlin"), "REQUEST")

    assert data.endswith(b"END:VCALENDAR\r\n")
    lines = data.split(b"\r\n")
    assert lines[-1] == b""
    assert all(b"\n" not in line and b"\r" not in line for line in lines)
    assert max(len(line) for line in lines) <= 75
    assert any(line.startswith(b" ") for line in lines)  # really folded
    assert str(only_event(parse(data))["DESCRIPTION"]) == long_text


def test_invite_without_created_stamps_the_current_time_in_utc():
    before = datetime.now(UTC).replace(microsecond=0)
    event = only_event(parse(invite(session(created=None), "REQUEST")))
    after = datetime.now(UTC)

    assert before <= event["DTSTAMP"].dt <= after
    assert event["DTSTAMP"].dt.utcoffset() == timedelta(0)


@pytest.mark.parametrize(
    ("changes", "method"),
    [
        ({"start": datetime(2026, 3, 29, 9)}, "REQUEST"),  # noqa: DTZ001 - naive on purpose
        ({"end": START}, "REQUEST"),
        ({"status": "CANCELLED"}, "REQUEST"),
        ({"status": "MAYBE"}, "REQUEST"),
        ({"tz": "Mars/Olympus_Mons"}, "REQUEST"),
        ({"sequence": -1}, "CANCEL"),
        ({"attendees": (Person("Eve", "eve@example.org\r\nATTENDEE:mailto:x@y.z"),)}, "REQUEST"),
        ({"url": "https://bitesize.example/\r\nX-EVIL:1"}, "REQUEST"),
    ],
)
def test_invite_refuses_what_no_client_could_use(changes, method):
    with pytest.raises(CalendarError):
        invite(session(**changes), method)


def test_invite_escapes_text_and_names_instead_of_breaking_lines():
    event = session(
        summary="Bitesize\r\nMETHOD:CANCEL",
        attendees=(Person('Bob "the; builder"', "bob@example.org"),),
    )
    calendar = parse(invite(event, "REQUEST"))

    assert str(calendar["METHOD"]) == "REQUEST"
    assert str(only_event(calendar)["SUMMARY"]) == "Bitesize\nMETHOD:CANCEL"
    assert only_event(calendar)["ATTENDEE"].params["CN"] == 'Bob "the; builder"'


# feed -----------------------------------------------------------------------------------------


def test_feed_with_two_sessions_and_one_cancelled_parses_with_name_and_refresh_interval():
    events = [
        session(uid="booking-1@bitesize.example"),
        session(
            uid="booking-2@bitesize.example",
            start=START + timedelta(days=1),
            end=START + timedelta(days=1, minutes=15),
        ),
        session(uid="booking-3@bitesize.example", sequence=4, status="CANCELLED"),
    ]
    data = feed(events, name="Alice Moreau — Bitesize", refresh=timedelta(minutes=30))
    calendar = parse(data)

    assert "METHOD" not in calendar
    assert str(calendar["X-WR-CALNAME"]) == "Alice Moreau — Bitesize"
    assert b"\r\nREFRESH-INTERVAL;VALUE=DURATION:PT30M\r\n" in data
    assert b"\r\nX-PUBLISHED-TTL:PT30M\r\n" in data
    assert calendar.refresh_interval == timedelta(minutes=30)
    statuses = {str(e["UID"]): str(e["STATUS"]) for e in calendar.walk("VEVENT")}
    assert statuses == {
        "booking-1@bitesize.example": "CONFIRMED",
        "booking-2@bitesize.example": "CONFIRMED",
        "booking-3@bitesize.example": "CANCELLED",
    }
    assert calendar.walk("VALARM") == []
    assert max(len(line) for line in data.split(b"\r\n")) <= 75


def test_feed_has_one_vtimezone_for_each_tzid_used():
    events = [
        session(uid="a@bitesize.example", tz="Europe/Berlin"),
        session(uid="b@bitesize.example", tz="Europe/Berlin"),
        session(uid="c@bitesize.example", tz="America/Sao_Paulo"),
        session(uid="d@bitesize.example"),
    ]
    calendar = parse(feed(events, name="Sessions"))

    assert sorted(tz.tz_name for tz in calendar.walk("VTIMEZONE")) == [
        "America/Sao_Paulo",
        "Europe/Berlin",
    ]
    assert calendar.get_missing_tzids() == set()
    for event, vevent in zip(events, calendar.walk("VEVENT"), strict=True):
        assert vevent["DTSTART"].dt == event.start


def test_empty_feed_is_still_a_calendar():
    calendar = parse(feed([], name="Nothing yet"))

    assert str(calendar["X-WR-CALNAME"]) == "Nothing yet"
    assert calendar.walk("VEVENT") == []


def test_feed_refuses_the_same_session_twice():
    with pytest.raises(CalendarError):
        feed([session(), session(sequence=1)], name="Sessions")


# busy_from_ics --------------------------------------------------------------------------------

WEEKLY_IN_BERLIN = ics(
    """
    UID:standup@example.org
    DTSTAMP:20260101T000000Z
    DTSTART;TZID=Europe/Berlin:20260316T100000
    DTEND;TZID=Europe/Berlin:20260316T110000
    RRULE:FREQ=WEEKLY;COUNT=5
    EXDATE;TZID=Europe/Berlin:20260323T100000
    """,
    """
    UID:standup@example.org
    DTSTAMP:20260101T000000Z
    RECURRENCE-ID;TZID=Europe/Berlin:20260406T100000
    DTSTART;TZID=Europe/Berlin:20260407T140000
    DTEND;TZID=Europe/Berlin:20260407T150000
    """,
)


def test_busy_expands_a_weekly_rule_with_exdate_and_a_moved_instance_across_dst_in_berlin():
    busy = busy_from_ics(WEEKLY_IN_BERLIN, utc(2026, 3, 1), utc(2026, 5, 1))

    # Berlin moves from UTC+1 to UTC+2 on 29 March: 10:00 local is 09:00 UTC, then 08:00.
    assert busy == [
        (utc(2026, 3, 16, 9), utc(2026, 3, 16, 10)),
        # 23 March is excluded
        (utc(2026, 3, 30, 8), utc(2026, 3, 30, 9)),
        # 6 April moved to the 7th, 14:00 local
        (utc(2026, 4, 7, 12), utc(2026, 4, 7, 13)),
        (utc(2026, 4, 13, 8), utc(2026, 4, 13, 9)),
    ]


def test_busy_accepts_text_as_well_as_bytes():
    assert busy_from_ics(WEEKLY_IN_BERLIN.decode(), utc(2026, 3, 1), utc(2026, 5, 1)) == (
        busy_from_ics(WEEKLY_IN_BERLIN, utc(2026, 3, 1), utc(2026, 5, 1))
    )


def test_busy_returns_utc_whatever_zone_the_window_is_given_in():
    busy = busy_from_ics(
        WEEKLY_IN_BERLIN,
        datetime(2026, 3, 16, tzinfo=BERLIN),
        datetime(2026, 3, 17, tzinfo=BERLIN),
    )

    assert busy == [(utc(2026, 3, 16, 9), utc(2026, 3, 16, 10))]
    assert busy[0][0].tzinfo is UTC


def test_busy_skips_transparent_and_cancelled_events_and_cancelled_instances():
    data = ics(
        """
        UID:busy@example.org
        DTSTART:20260105T090000Z
        DTEND:20260105T100000Z
        """,
        """
        UID:holiday-note@example.org
        DTSTART:20260105T120000Z
        DTEND:20260105T130000Z
        TRANSP:TRANSPARENT
        """,
        """
        UID:called-off@example.org
        DTSTART:20260105T140000Z
        DTEND:20260105T150000Z
        STATUS:CANCELLED
        """,
        """
        UID:daily@example.org
        DTSTART:20260105T160000Z
        DTEND:20260105T163000Z
        RRULE:FREQ=DAILY;COUNT=3
        """,
        """
        UID:daily@example.org
        RECURRENCE-ID:20260106T160000Z
        DTSTART:20260106T160000Z
        DTEND:20260106T163000Z
        STATUS:CANCELLED
        """,
    )

    assert busy_from_ics(data, utc(2026, 1, 1), utc(2026, 2, 1)) == [
        (utc(2026, 1, 5, 9), utc(2026, 1, 5, 10)),
        (utc(2026, 1, 5, 16), utc(2026, 1, 5, 16, 30)),
        (utc(2026, 1, 7, 16), utc(2026, 1, 7, 16, 30)),
    ]


def test_busy_all_day_events_block_the_whole_day_in_the_default_zone():
    data = ics(
        """
        UID:offsite@example.org
        DTSTART;VALUE=DATE:20260105
        DTEND;VALUE=DATE:20260107
        """,
        """
        UID:birthday@example.org
        DTSTART;VALUE=DATE:20260110
        """,
    )

    in_utc = busy_from_ics(data, utc(2026, 1, 1), utc(2026, 2, 1))
    in_tokyo = busy_from_ics(data, utc(2026, 1, 1), utc(2026, 2, 1), default_zone="Asia/Tokyo")

    assert in_utc == [
        (utc(2026, 1, 5), utc(2026, 1, 7)),
        (utc(2026, 1, 10), utc(2026, 1, 11)),
    ]
    # Midnight in Tokyo (UTC+9) is 15:00 UTC the day before.
    assert in_tokyo == [
        (utc(2026, 1, 4, 15), utc(2026, 1, 6, 15)),
        (utc(2026, 1, 9, 15), utc(2026, 1, 10, 15)),
    ]


def test_busy_reads_floating_times_in_the_default_zone_across_dst():
    data = ics(
        """
        UID:gym@example.org
        DTSTART:20260327T180000
        DTEND:20260327T190000
        RRULE:FREQ=DAILY;COUNT=3
        """
    )

    assert busy_from_ics(data, utc(2026, 3, 1), utc(2026, 4, 1), default_zone="Europe/Berlin") == [
        (utc(2026, 3, 27, 17), utc(2026, 3, 27, 18)),
        (utc(2026, 3, 28, 17), utc(2026, 3, 28, 18)),
        (utc(2026, 3, 29, 16), utc(2026, 3, 29, 17)),
    ]


def test_busy_repeats_utc_events_at_the_wall_clock_of_x_wr_timezone():
    # Google writes UTC times and names the zone the series repeats in with X-WR-TIMEZONE.
    data = ics(
        """
        UID:google-weekly@example.org
        DTSTART:20260323T090000Z
        DTEND:20260323T093000Z
        RRULE:FREQ=WEEKLY;COUNT=2
        """,
        head="X-WR-TIMEZONE:Europe/Berlin",
    )

    assert busy_from_ics(data, utc(2026, 3, 1), utc(2026, 4, 15)) == [
        (utc(2026, 3, 23, 9), utc(2026, 3, 23, 9, 30)),
        (utc(2026, 3, 30, 8), utc(2026, 3, 30, 8, 30)),
    ]


def test_busy_keeps_a_custom_vtimezone_without_tzname_beside_x_wr_timezone():
    # Outlook's VTIMEZONEs carry no TZNAME; x-wr-timezone 2.0.1 would take such times for
    # floating ones and move them into the X-WR-TIMEZONE zone.
    data = ics(
        """
        UID:outlook@example.org
        DTSTART;TZID=Customised Time Zone:20260316T100000
        DTEND;TZID=Customised Time Zone:20260316T110000
        RRULE:FREQ=WEEKLY;COUNT=3
        """,
        head="""
        X-WR-TIMEZONE:Europe/Berlin
        BEGIN:VTIMEZONE
        TZID:Customised Time Zone
        BEGIN:STANDARD
        DTSTART:16011025T030000
        RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10
        TZOFFSETFROM:+0500
        TZOFFSETTO:+0400
        END:STANDARD
        BEGIN:DAYLIGHT
        DTSTART:16010329T020000
        RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3
        TZOFFSETFROM:+0400
        TZOFFSETTO:+0500
        END:DAYLIGHT
        END:VTIMEZONE
        """,
    )

    assert busy_from_ics(data, utc(2026, 3, 1), utc(2026, 4, 15)) == [
        (utc(2026, 3, 16, 6), utc(2026, 3, 16, 7)),
        (utc(2026, 3, 23, 6), utc(2026, 3, 23, 7)),
        (utc(2026, 3, 30, 5), utc(2026, 3, 30, 6)),
    ]


def test_busy_drops_events_outside_the_window_and_clips_partial_ones():
    data = ics(
        """
        UID:before@example.org
        DTSTART:20260105T070000Z
        DTEND:20260105T080000Z
        """,
        """
        UID:ends-at-the-start@example.org
        DTSTART:20260105T080000Z
        DTEND:20260105T090000Z
        """,
        """
        UID:over-the-start@example.org
        DTSTART:20260105T083000Z
        DTEND:20260105T093000Z
        """,
        """
        UID:inside@example.org
        DTSTART:20260105T120000Z
        DTEND:20260105T130000Z
        """,
        """
        UID:over-the-end@example.org
        DTSTART:20260105T163000Z
        DTEND:20260105T173000Z
        """,
        """
        UID:starts-at-the-end@example.org
        DTSTART:20260105T170000Z
        DTEND:20260105T180000Z
        """,
    )

    assert busy_from_ics(data, utc(2026, 1, 5, 9), utc(2026, 1, 5, 17)) == [
        (utc(2026, 1, 5, 9), utc(2026, 1, 5, 9, 30)),
        (utc(2026, 1, 5, 12), utc(2026, 1, 5, 13)),
        (utc(2026, 1, 5, 16, 30), utc(2026, 1, 5, 17)),
    ]


def test_busy_merges_overlapping_and_touching_events():
    data = ics(
        """
        UID:a@example.org
        DTSTART:20260105T090000Z
        DTEND:20260105T100000Z
        """,
        """
        UID:b@example.org
        DTSTART:20260105T093000Z
        DTEND:20260105T110000Z
        """,
        """
        UID:c@example.org
        DTSTART:20260105T110000Z
        DTEND:20260105T113000Z
        """,
        """
        UID:d@example.org
        DTSTART:20260105T094500Z
        DTEND:20260105T095000Z
        """,
        """
        UID:e@example.org
        DTSTART:20260105T140000Z
        DTEND:20260105T150000Z
        """,
    )

    assert busy_from_ics(data, utc(2026, 1, 5), utc(2026, 1, 6)) == [
        (utc(2026, 1, 5, 9), utc(2026, 1, 5, 11, 30)),
        (utc(2026, 1, 5, 14), utc(2026, 1, 5, 15)),
    ]


def test_busy_of_a_calendar_without_events_is_empty():
    assert busy_from_ics(ics(), utc(2026, 1, 1), utc(2026, 2, 1)) == []


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"hello world",
        b"<!doctype html><html><body>Sign in</body></html>",
        b'{"events": []}',
        b"\xff\xfe\x00\x01binary",
        b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Bob\r\nEND:VCARD\r\n",
        b"BEGIN:VEVENT\r\nUID:a\r\nDTSTART:20260105T090000Z\r\nEND:VEVENT\r\n",
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\n",
        ics("UID:a\nDTSTART:tomorrow-ish"),
        ics("UID:a\nSUMMARY:no start"),
        ics("UID:a\nDTSTART:20260105T090000Z\nRRULE:garbage"),
        ics("UID:a\nDTSTART:20260105T090000Z\nRRULE:FREQ=SOMETIMES"),
        ics("UID:a\nDTSTART:20260105T090000Z\nRRULE:FREQ=DAILY\nEXDATE:yesterday"),
    ],
)
def test_busy_refuses_what_is_not_icalendar(data):
    with pytest.raises(CalendarError):
        busy_from_ics(data, utc(2026, 1, 1), utc(2026, 2, 1))


def test_busy_refuses_a_file_larger_than_max_bytes():
    padding = "X-PADDING:" + "x" * 60
    data = ics("UID:a\nDTSTART:20260105T090000Z\n" + "\n".join([padding] * 40_000))
    assert len(data) > 2 * 1024 * 1024

    with pytest.raises(CalendarError, match="larger than"):
        busy_from_ics(data, utc(2026, 1, 1), utc(2026, 2, 1))
    with pytest.raises(CalendarError, match="larger than"):
        busy_from_ics(data.decode(), utc(2026, 1, 1), utc(2026, 2, 1))
    with pytest.raises(CalendarError, match="larger than"):
        busy_from_ics(WEEKLY_IN_BERLIN, utc(2026, 3, 1), utc(2026, 5, 1), max_bytes=100)


def test_busy_counts_max_bytes_in_utf8_for_text():
    data = ics("UID:a\nDTSTART:20260105T090000Z\nSUMMARY:" + "ü" * 300).decode()

    with pytest.raises(CalendarError, match="larger than"):
        busy_from_ics(data, utc(2026, 1, 1), utc(2026, 2, 1), max_bytes=len(data) + 100)


def test_busy_endless_minutely_event_hits_max_events_instead_of_hanging():
    data = ics(
        """
        UID:every-minute@example.org
        DTSTART:20260101T000000Z
        DTEND:20260101T000030Z
        RRULE:FREQ=MINUTELY
        """
    )

    with pytest.raises(CalendarError, match="more than 5000 events"):
        busy_from_ics(data, utc(2026, 1, 1), utc(2026, 2, 1))
    # A day has 1,440 minutes, within the limit.
    assert busy_from_ics(data, utc(2026, 1, 1), utc(2026, 1, 1, 0, 10)) == [
        (utc(2026, 1, 1, 0, m), utc(2026, 1, 1, 0, m, 30)) for m in range(10)
    ]


def test_busy_endless_daily_event_without_end_counts_against_max_events():
    data = ics(
        """
        UID:forever@example.org
        DTSTART:20260101T090000Z
        DTEND:20260101T093000Z
        RRULE:FREQ=DAILY
        """
    )

    assert len(busy_from_ics(data, utc(2026, 1, 1), utc(2026, 2, 1))) == 31
    with pytest.raises(CalendarError, match="more than 30 events"):
        busy_from_ics(data, utc(2026, 1, 1), utc(2026, 2, 1), max_events=30)


def test_busy_refuses_a_dense_rule_that_started_long_before_the_window():
    # dateutil walks from DTSTART: six years of minutes before the window is reached.
    data = ics(
        """
        UID:since-2020@example.org
        DTSTART:20200101T000000Z
        DTEND:20200101T000030Z
        RRULE:FREQ=MINUTELY
        """
    )

    with pytest.raises(CalendarError, match="steps"):
        busy_from_ics(data, utc(2026, 1, 1), utc(2026, 1, 1, 0, 5), max_steps=50_000)


def test_busy_counts_steps_up_to_where_a_thisandfuture_override_reaches():
    # The override moves the series from 2030 back to 2026, so the library queries four
    # years beyond the window: two million minutes that a one-hour window would not show.
    data = ics(
        """
        UID:moved@example.org
        DTSTART:20260101T000000Z
        DTEND:20260101T000030Z
        RRULE:FREQ=MINUTELY
        """,
        """
        UID:moved@example.org
        RECURRENCE-ID;RANGE=THISANDFUTURE:20300101T000000Z
        DTSTART:20260101T000000Z
        DTEND:20260101T000030Z
        """,
    )

    with pytest.raises(CalendarError, match="steps"):
        busy_from_ics(data, utc(2026, 1, 1), utc(2026, 1, 1, 1), max_steps=20_000)


def test_busy_accepts_a_weekly_rule_from_decades_ago():
    data = ics(
        """
        UID:since-1990@example.org
        DTSTART:19900101T090000Z
        DTEND:19900101T100000Z
        RRULE:FREQ=WEEKLY
        """
    )

    # 1 January 1990 was a Monday, like 5 January 2026.
    assert busy_from_ics(data, utc(2026, 1, 1), utc(2026, 1, 8)) == [
        (utc(2026, 1, 5, 9), utc(2026, 1, 5, 10)),
    ]


def test_busy_refuses_a_rule_that_never_advances():
    data = ics(
        """
        UID:stuck@example.org
        DTSTART:20260101T090000Z
        DTEND:20260101T100000Z
        RRULE:FREQ=DAILY;INTERVAL=0
        """
    )

    with pytest.raises(CalendarError, match="INTERVAL"):
        busy_from_ics(data, utc(2026, 1, 1), utc(2026, 2, 1))


@pytest.mark.parametrize(
    ("start", "end", "zone"),
    [
        (datetime(2026, 1, 1), utc(2026, 2, 1), "UTC"),  # noqa: DTZ001 - naive on purpose
        (utc(2026, 2, 1), utc(2026, 1, 1), "UTC"),
        (utc(2026, 1, 1), utc(2026, 2, 1), "Nowhere/Special"),
    ],
)
def test_busy_refuses_a_bad_window_or_zone(start, end, zone):
    with pytest.raises(ValueError):
        busy_from_ics(WEEKLY_IN_BERLIN, start, end, default_zone=zone)


# round trip -----------------------------------------------------------------------------------


def test_feed_read_back_with_busy_from_ics_gives_exactly_the_sessions_except_cancelled():
    sessions = [
        session(
            uid="1@bitesize.example",
            start=utc(2026, 3, 27, 8),
            end=utc(2026, 3, 27, 8, 20),
            tz="Europe/Berlin",
        ),
        session(
            uid="2@bitesize.example",
            start=utc(2026, 3, 30, 8),
            end=utc(2026, 3, 30, 9),
            tz="Europe/Berlin",
        ),
        session(
            uid="3@bitesize.example",
            start=utc(2026, 3, 30, 14),
            end=utc(2026, 3, 30, 14, 5),
            tz="Asia/Kathmandu",
        ),
        session(
            uid="4@bitesize.example", start=utc(2026, 4, 2, 23, 30), end=utc(2026, 4, 3, 0, 30)
        ),
        session(
            uid="5@bitesize.example",
            start=utc(2026, 4, 1, 10),
            end=utc(2026, 4, 1, 11),
            status="CANCELLED",
        ),
    ]

    busy = busy_from_ics(feed(sessions, name="Alice"), utc(2026, 3, 1), utc(2026, 5, 1))

    assert busy == [(s.start, s.end) for s in sessions if s.status != "CANCELLED"]
