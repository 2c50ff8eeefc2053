"""Bookings end to end through the services and the API: states, overlaps, idempotency,
privacy and what the two people hear."""

from __future__ import annotations

import email
import json
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from bitesize.accounts.services import access_token_create
from bitesize.lib.mail import outbox_messages
from bitesize.notifications.models import Notification
from bitesize.scheduling import services
from bitesize.scheduling.models import Booking, BookingEvent, BookingSeat
from conftest import client_for, make_user, run_due_tasks, set_hours

pytestmark = pytest.mark.django_db


def tomorrow_at(hour: int, zone: str = "Europe/Berlin", minute: int = 0, days: int = 2) -> datetime:
    local = datetime.now(ZoneInfo(zone)) + timedelta(days=days)
    return local.replace(hour=hour, minute=minute, second=0, microsecond=0).astimezone(UTC)


@pytest.fixture
def open_alice(alice):
    set_hours(alice)
    alice.profile.session_lengths = [15, 30]
    alice.profile.formats = ["video", "chat"]
    alice.profile.save()
    return alice


def book(mentee, mentor, start, minutes=30, **extra):
    return services.booking_create(
        mentor=mentor,
        mentee=mentee,
        start=start,
        minutes=minutes,
        format="video",
        question="How do I run my first cluster upgrade safely?",
        **extra,
    )


def api(user):
    _, raw = access_token_create(user=user, name="t")
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def post(path, data, auth):
    return Client().post(
        path, data=json.dumps(data, default=str), content_type="application/json", **auth
    )


def test_a_free_slot_is_booked_and_confirmed_at_once(
    open_alice, bob, django_capture_on_commit_callbacks
):
    start = tomorrow_at(10)
    with django_capture_on_commit_callbacks(execute=True):
        booking = book(bob, open_alice, start)
    assert booking.state == Booking.State.CONFIRMED and booking.end - booking.start == timedelta(
        minutes=30
    )
    assert set(BookingSeat.objects.filter(booking=booking).values_list("user_id", flat=True)) == {
        open_alice.pk,
        bob.pk,
    }
    assert list(booking.events.values_list("kind", flat=True)) == ["requested", "confirmed"]
    assert Notification.objects.filter(user=open_alice, kind="booking.confirmed").exists()
    assert Notification.objects.filter(user=bob, kind="booking.confirmed").exists()


def test_confirmation_mail_carries_an_invite_in_each_persons_zone(
    open_alice, bob, outbox, django_capture_on_commit_callbacks
):
    start = tomorrow_at(10)
    with django_capture_on_commit_callbacks(execute=True):
        book(bob, open_alice, start)
    run_due_tasks()
    mails = {
        m["To"]: m
        for m in (email.message_from_bytes(p.read_bytes()) for p in outbox_messages(outbox))
    }
    assert set(mails) == {"alice@example.com", "bob@example.com"}
    alice_text = mails["alice@example.com"].get_payload()[0].get_payload(decode=True).decode()
    bob_text = mails["bob@example.com"].get_payload()[0].get_payload(decode=True).decode()
    assert "10:00 (Europe/Berlin)" in alice_text
    lagos = start.astimezone(ZoneInfo("Africa/Lagos")).strftime("%H:%M")
    assert f"{lagos} (Africa/Lagos)" in bob_text
    part = next(
        p for p in mails["bob@example.com"].walk() if p.get_content_type() == "text/calendar"
    )
    assert part.get_param("method") == "REQUEST"
    cal = Calendar.from_ical(part.get_payload(decode=True))
    event = cal.walk("VEVENT")[0]
    assert event.decoded("DTSTART") == start and str(cal["METHOD"]) == "REQUEST"


def test_reschedule_keeps_the_uid_raises_the_sequence_and_frees_the_old_time(
    open_alice, bob, charlie, outbox, django_capture_on_commit_callbacks
):
    first, second = tomorrow_at(10), tomorrow_at(11)
    with django_capture_on_commit_callbacks(execute=True):
        booking = book(bob, open_alice, first)
    with django_capture_on_commit_callbacks(execute=True):
        moved = services.booking_reschedule(booking=booking, by=bob, start=second, reason="Clash")
    assert moved.start == second and moved.sequence == booking.sequence + 1
    event = moved.events.get(kind=BookingEvent.Kind.RESCHEDULED)
    assert event.data["old_start"] == first.isoformat() and event.reason == "Clash"
    # The old time is free again for someone else.
    charlie.profile.visibility = "public"
    assert book(make_user("dan@example.com", "Dan"), open_alice, first).state == "confirmed"
    run_due_tasks()
    invites = []
    for path in outbox_messages(outbox):
        for part in email.message_from_bytes(path.read_bytes()).walk():
            if part.get_content_type() == "text/calendar":
                invites.append(Calendar.from_ical(part.get_payload(decode=True)).walk("VEVENT")[0])
    uids = {str(e["UID"]) for e in invites if e.decoded("DTSTART") in (first, second)}
    sequences = sorted(
        int(e["SEQUENCE"]) for e in invites if e.decoded("DTSTART") in (first, second)
    )
    assert len(uids) == 1 and sequences[0] < sequences[-1]


def test_cancel_sends_a_cancel_invite_and_marks_late_cancels(
    open_alice, bob, outbox, django_capture_on_commit_callbacks
):
    soon = timezone.now().replace(second=0, microsecond=0) + timedelta(hours=3)
    soon = soon.replace(minute=(soon.minute // 15) * 15)
    set_hours(open_alice, start="00:00", end="00:00")
    with django_capture_on_commit_callbacks(execute=True):
        booking = book(bob, open_alice, soon)
        cancelled = services.booking_cancel(booking=booking, by=bob, reason="Sick today")
    assert (
        cancelled.state == "cancelled" and cancelled.late_cancel and cancelled.cancelled_by == bob
    )
    assert not BookingSeat.objects.filter(booking=booking, holding=True).exists()
    run_due_tasks()
    methods = [
        part.get_param("method")
        for path in outbox_messages(outbox)
        for part in email.message_from_bytes(path.read_bytes()).walk()
        if part.get_content_type() == "text/calendar"
    ]
    assert methods.count("CANCEL") == 2


def test_cancel_needs_a_reason_and_cannot_happen_twice(open_alice, bob):
    booking = book(bob, open_alice, tomorrow_at(10))
    with pytest.raises(Exception, match="reason"):
        services.booking_cancel(booking=booking, by=bob, reason="")
    services.booking_cancel(booking=booking, by=bob, reason="Plans changed")
    with pytest.raises(Exception, match="cannot be cancelled"):
        services.booking_cancel(booking=booking, by=open_alice, reason="again")


def test_requests_wait_for_the_mentor_and_expire(open_alice, bob):
    set_hours(open_alice, auto_confirm=False, confirm_within_hours=2)
    booking = book(bob, open_alice, tomorrow_at(10))
    assert booking.state == "requested" and booking.confirm_by is not None
    assert services.booking_expire(booking=booking) is None  # not due yet
    expired = services.booking_expire(
        booking=booking, now=booking.confirm_by + timedelta(seconds=1)
    )
    assert expired is not None and expired.state == "expired"
    assert book(bob, open_alice, tomorrow_at(10)).state == "requested"  # the time is free again


def test_only_the_mentor_accepts_or_declines(open_alice, bob):
    set_hours(open_alice, auto_confirm=False)
    booking = book(bob, open_alice, tomorrow_at(10))
    with pytest.raises(Exception, match="Only the mentor"):
        services.booking_confirm(booking=booking, by=bob)
    assert services.booking_confirm(booking=booking, by=open_alice).state == "confirmed"
    other = book(bob, open_alice, tomorrow_at(12))
    declined = services.booking_decline(booking=other, by=open_alice, reason="Out of my depth")
    assert declined.state == "declined"


@pytest.mark.parametrize("offset", [0, 15, -15, 10])
def test_overlapping_requests_are_refused_partial_overlaps_included(open_alice, bob, offset):
    book(bob, open_alice, tomorrow_at(10))
    other = make_user("erin@example.com", "Erin")
    with pytest.raises(services.SlotTaken):
        book(other, open_alice, tomorrow_at(10) + timedelta(minutes=offset), minutes=30)


def test_a_mentee_cannot_be_in_two_sessions_at_once(open_alice, bob):
    kenji = make_user("kenji@example.com", "Kenji", mentor=True)
    set_hours(kenji)
    kenji.profile.session_lengths = [30]
    kenji.profile.save()
    book(bob, open_alice, tomorrow_at(10))
    with pytest.raises(services.SlotTaken):
        book(bob, kenji, tomorrow_at(10, minute=15))


def test_a_mentor_who_is_a_mentee_elsewhere_is_busy_then(open_alice, bob):
    kenji = make_user("kenji@example.com", "Kenji", mentor=True)
    set_hours(kenji)
    kenji.profile.session_lengths = [30]
    kenji.profile.save()
    book(open_alice, kenji, tomorrow_at(10))  # alice learns from kenji at 10:00
    with pytest.raises(services.SlotTaken):
        book(bob, open_alice, tomorrow_at(10))


def test_same_idempotency_key_returns_the_first_booking(open_alice, bob):
    first = book(bob, open_alice, tomorrow_at(10), idempotency_key="abc")
    again = book(bob, open_alice, tomorrow_at(10), idempotency_key="abc")
    assert again.pk == first.pk and Booking.objects.count() == 1
    with pytest.raises(Exception, match="different booking"):
        book(bob, open_alice, tomorrow_at(12), idempotency_key="abc")


def test_api_books_with_201_then_409_for_the_same_time(open_alice, bob, dana):
    handle = open_alice.profile.handle
    slots = Client().get(f"/api/v1/mentors/{handle}/slots", {"minutes": 30}, **api(bob)).json()
    assert slots and slots[0]["local"].endswith("(Africa/Lagos)")
    assert slots[0]["mentor_local"].endswith("(Europe/Berlin)")
    body = {
        "mentor": handle,
        "start": slots[0]["start"],
        "minutes": 30,
        "question": "How do I plan a zero-downtime upgrade?",
    }
    created = post("/api/v1/bookings", body, api(bob))
    assert created.status_code == 201, created.content
    assert created.json()["state"] == "confirmed" and created.json()["role"] == "mentee"
    clash = post("/api/v1/bookings", body, api(dana))
    assert clash.status_code == 409 and "no longer free" in clash.json()["detail"]
    replay = post("/api/v1/bookings", {**body, "idempotency_key": "k1"}, api(dana))
    assert replay.status_code == 409


def test_api_explains_bad_booking_input(open_alice, bob):
    handle = open_alice.profile.handle
    start = tomorrow_at(10).isoformat()
    bad_length = post(
        "/api/v1/bookings",
        {"mentor": handle, "start": start, "minutes": 45, "question": "A long enough question"},
        api(bob),
    )
    assert bad_length.status_code == 400 and "minutes" in bad_length.json()["errors"]
    naive = post(
        "/api/v1/bookings",
        {
            "mentor": handle,
            "start": "2030-01-01T10:00:00",
            "minutes": 30,
            "question": "A long enough question",
        },
        api(bob),
    )
    assert naive.status_code == 400 and "start" in naive.json()["errors"]
    off_grid = post(
        "/api/v1/bookings",
        {
            "mentor": handle,
            "start": tomorrow_at(10, minute=7).isoformat(),
            "minutes": 30,
            "question": "A long enough question",
        },
        api(bob),
    )
    assert off_grid.status_code == 409
    assert Booking.objects.count() == 0


def test_outsiders_get_404_and_change_nothing(open_alice, bob, charlie):
    booking = book(bob, open_alice, tomorrow_at(10))
    auth = api(charlie)
    assert Client().get(f"/api/v1/bookings/{booking.pk}", **auth).status_code == 404
    for action in ("confirm", "decline", "cancel", "reschedule"):
        response = post(
            f"/api/v1/bookings/{booking.pk}/{action}",
            {"reason": "x" * 5, "start": tomorrow_at(12).isoformat()},
            auth,
        )
        assert response.status_code == 404, action
    assert client_for(charlie).get(reverse("session_detail", args=[booking.pk])).status_code == 404
    assert (
        client_for(charlie)
        .post(reverse("session_action", args=[booking.pk, "cancel"]), {"reason": "nope"})
        .status_code
        == 404
    )
    # alice's profile is for her organisation only: charlie cannot see her slots or book her.
    handle = open_alice.profile.handle
    assert Client().get(f"/api/v1/mentors/{handle}/slots", **auth).status_code == 404
    assert (
        post(
            "/api/v1/bookings",
            {
                "mentor": handle,
                "start": tomorrow_at(12).isoformat(),
                "minutes": 30,
                "question": "Sneaky question here",
            },
            auth,
        ).status_code
        == 404
    )
    booking.refresh_from_db()
    assert booking.state == "confirmed" and Booking.objects.count() == 1
    assert not BookingEvent.objects.filter(actor=charlie).exists()


def test_booking_page_shows_slots_in_the_mentees_zone_and_books(open_alice, bob):
    client = client_for(bob)
    page = client.get(reverse("book", args=[open_alice.profile.handle]), {"minutes": 30})
    assert (
        page.status_code == 200 and "shown in your time zone, Africa/Lagos" in page.content.decode()
    )
    start = tomorrow_at(10)
    response = client.post(
        reverse("book", args=[open_alice.profile.handle]),
        {
            "start": start.isoformat(),
            "minutes": 30,
            "format": "video",
            "question": "How should I structure a platform team?",
            "idempotency_key": "form-1",
        },
    )
    booking = Booking.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/sessions/{booking.pk}/"
    detail = client.get(response["Location"]).content.decode()
    lagos = start.astimezone(ZoneInfo("Africa/Lagos")).strftime("%H:%M")
    assert f"{lagos} (Africa/Lagos)" in detail and "10:00 (Europe/Berlin)" in detail
    # The browser's back button resubmits the same form: no second booking.
    client.post(
        reverse("book", args=[open_alice.profile.handle]),
        {
            "start": start.isoformat(),
            "minutes": 30,
            "format": "video",
            "question": "How should I structure a platform team?",
            "idempotency_key": "form-1",
        },
    )
    assert Booking.objects.count() == 1


def test_booking_form_errors_keep_the_page(open_alice, bob):
    response = client_for(bob).post(
        reverse("book", args=[open_alice.profile.handle]),
        {"minutes": 30, "format": "video", "question": "short"},
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "Pick a time." in body and "at least 10 characters" in body


def test_session_pages_list_and_countdown(open_alice, bob):
    booking = book(bob, open_alice, tomorrow_at(10))
    body = client_for(bob).get(reverse("sessions")).content.decode()
    assert f"/sessions/{booking.pk}/" in body and "data-countdown" in body


def test_week_grid_saves_merged_rules(alice):
    client = client_for(alice)
    cells = ["0-09:00", "0-09:30", "0-10:00", "2-14:00", "6-23:30"]
    assert (
        client.post(reverse("availability"), {"section": "week", "cell": cells}).status_code == 302
    )
    rules = [
        (r.weekday, r.start.strftime("%H:%M"), r.end.strftime("%H:%M"))
        for r in alice.availability.rules.all()
    ]
    assert rules == [(0, "09:00", "10:30"), (2, "14:00", "14:30"), (6, "23:30", "00:00")]
    bad = client.post(reverse("availability"), {"section": "week", "cell": ["9-25:00"]})
    assert bad.status_code == 400 and alice.availability.rules.count() == 3


def test_policy_form_rejects_nonsense_and_keeps_values(alice):
    client = client_for(alice)
    response = client.post(
        reverse("availability"),
        {"section": "policy", "buffer_before": "-5", "step": "2", "horizon_days": "30"},
    )
    assert response.status_code == 400
    alice.availability.refresh_from_db()
    assert alice.availability.step == 15


def test_availability_api_round_trip(alice):
    auth = api(alice)
    body = {
        "rules": [{"weekday": 0, "start": "09:00", "end": "12:00"}],
        "buffer_after": 10,
        "min_notice": 120,
        "auto_confirm": False,
    }
    response = Client().put(
        "/api/v1/availability", data=json.dumps(body), content_type="application/json", **auth
    )
    assert response.status_code == 200, response.content
    data = response.json()
    assert data["rules"] == body["rules"] and data["auto_confirm"] is False
    overlap = {
        "rules": [
            {"weekday": 0, "start": "09:00", "end": "12:00"},
            {"weekday": 0, "start": "11:00", "end": "13:00"},
        ]
    }
    bad = Client().put(
        "/api/v1/availability", data=json.dumps(overlap), content_type="application/json", **auth
    )
    assert bad.status_code == 400
    assert Client().get("/api/v1/availability", **auth).json()["rules"] == body["rules"]


def test_calendar_feed_lists_sessions_and_a_reset_link_revokes_it(open_alice, bob):
    book(bob, open_alice, tomorrow_at(10))
    token = services.feed_token_ensure(user=bob).token
    response = Client().get(f"/calendar/{token}.ics")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    events = Calendar.from_ical(response.content).walk("VEVENT")
    assert len(events) == 1 and events[0].decoded("DTSTART") == tomorrow_at(10)
    client_for(bob).post(reverse("feed_reset"))
    assert Client().get(f"/calendar/{token}.ics").status_code == 404


def test_busy_times_from_an_ics_upload_block_slots(open_alice, bob):
    start = tomorrow_at(10)
    ics = (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//EN\r\nBEGIN:VEVENT\r\nUID:x@t\r\n"
        f"DTSTAMP:20260101T000000Z\r\nDTSTART:{start:%Y%m%dT%H%M%SZ}\r\n"
        f"DTEND:{start + timedelta(hours=1):%Y%m%dT%H%M%SZ}\r\nSUMMARY:Dentist\r\n"
        "END:VEVENT\r\nEND:VCALENDAR\r\n"
    ).encode()
    assert services.busy_import(user=open_alice, name="Work", data=ics) == 1
    with pytest.raises(services.SlotTaken):
        book(bob, open_alice, start + timedelta(minutes=30))
    response = client_for(open_alice).post(
        reverse("availability"),
        {"section": "busy", "name": "Broken", "url": "", "file": _upload(b"not a calendar")},
    )
    assert response.status_code == 400 and "iCalendar" in response.content.decode()


def _upload(data: bytes):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("cal.ics", data, content_type="text/calendar")


def test_private_calendar_urls_are_refused(alice, settings):
    settings.CALENDAR_FETCH_ALLOW_PRIVATE = False
    from bitesize.scheduling.calendar import CalendarError

    with pytest.raises(CalendarError, match="not reachable"):
        services.busy_import(user=alice, name="Internal", url="http://127.0.0.1:9/cal.ics")


def test_earliest_mutual_slots_for_many_mentors(open_alice, bob, django_assert_max_num_queries):
    from bitesize.scheduling.selectors import earliest_mutual_slots

    others = []
    for n in range(5):
        mentor = make_user(f"m{n}@example.com", f"Mentor {n}", mentor=True, zone="Asia/Tokyo")
        set_hours(mentor, days=range(n % 7, n % 7 + 1))
        mentor.profile.session_lengths = [30]
        mentor.profile.save()
        others.append(mentor)
    first = book(bob, open_alice, tomorrow_at(10))
    now = timezone.now()
    ids = [open_alice.pk, *(m.pk for m in others), 999_999]
    with django_assert_max_num_queries(8):
        found = earliest_mutual_slots(mentor_ids=ids, mentee_id=bob.pk, minutes=30, now=now)
    assert set(found) == set(ids) and found[999_999] is None
    assert all(s is None or s >= now + timedelta(minutes=60) for s in found.values())
    # bob's own session blocks that time with every mentor.
    assert all(s is None or not (first.start <= s < first.end) for s in found.values())


def test_the_database_itself_refuses_overlapping_seats_on_postgresql(open_alice, bob):
    from django.db import IntegrityError, connection, transaction

    if connection.vendor != "postgresql":
        pytest.skip("The exclusion constraint exists on PostgreSQL; SQLite re-checks in services.")
    first = book(bob, open_alice, tomorrow_at(10))
    other = Booking.objects.create(
        mentor=open_alice,
        mentee=make_user("zoe@example.com", "Zoe"),
        start=first.start,
        end=first.end,
        question="Sneaking past the services",
        state="confirmed",
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        BookingSeat.objects.create(
            booking=other, user=open_alice, start=first.start + timedelta(minutes=10), end=first.end
        )
    # A released seat (cancelled session) no longer holds the time.
    BookingSeat.objects.filter(booking=first).update(holding=False)
    BookingSeat.objects.create(booking=other, user=open_alice, start=first.start, end=first.end)
