"""The room page, attendance and no-shows, and the pure parts: notes merge, time together,
TURN credentials."""

import base64
import hashlib
import hmac
import random
from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone

from bitesize.rooms import merge
from bitesize.rooms.ice import turn_credentials
from bitesize.rooms.limits import Budget
from bitesize.rooms.models import Attendance, RoomGuest, RoomState
from bitesize.rooms.selectors import mentoring_minutes, overlap
from bitesize.rooms.services import attendance_join, attendance_leave, room_guest_invite
from bitesize.rooms.tests.helpers import booking_now
from bitesize.scheduling.models import Booking, BookingEvent
from conftest import client_for, run_due_tasks

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def at(minutes: float) -> datetime:
    return T0 + timedelta(minutes=minutes)


# --- the page -------------------------------------------------------------------------------
def test_outsider_gets_404_and_nothing_changes(alice, bob, charlie):
    booking = booking_now(alice, bob)
    response = client_for(charlie).get(f"/sessions/{booking.pk}/room/")
    assert response.status_code == 404
    assert not RoomState.objects.exists() and not Attendance.objects.exists()
    assert client_for(charlie).get("/sessions/999/room/").status_code == 404


def test_anonymous_is_sent_to_log_in(client, alice, bob):
    booking = booking_now(alice, bob)
    response = client.get(f"/sessions/{booking.pk}/room/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_participants_and_guest_get_the_room(alice, bob, charlie):
    booking = booking_now(alice, bob)
    room_guest_invite(booking=booking, by=alice, guest=charlie)
    for person in (alice, bob, charlie):
        response = client_for(person).get(f"/sessions/{booking.pk}/room/")
        assert response.status_code == 200
        assert f'data-socket="/ws/rooms/{booking.pk}/"' in response.content.decode()


def test_early_room_says_when_it_opens(alice, bob):
    booking = booking_now(alice, bob, start=timezone.now() + timedelta(hours=2))
    page = client_for(bob).get(f"/sessions/{booking.pk}/room/").content.decode()
    assert "The room is not open yet" in page and "data-socket" not in page


def test_text_chat_room_has_no_video_and_own_link_is_shown(alice, bob):
    booking = booking_now(alice, bob, format="chat")
    booking.meeting_url = "https://meet.example.com/alice"
    booking.save()
    page = client_for(bob).get(f"/sessions/{booking.pk}/room/").content.decode()
    assert 'data-media=""' in page and "<video" not in page and 'id="chat-form"' in page
    assert 'href="https://meet.example.com/alice"' in page
    session = client_for(bob).get(f"/sessions/{booking.pk}/").content.decode()
    assert f'href="/sessions/{booking.pk}/room/"' in session


def test_guest_cannot_invite_and_participants_are_not_guests(alice, bob, charlie):
    booking = booking_now(alice, bob)
    room_guest_invite(booking=booking, by=bob, guest=charlie)
    with pytest.raises(Exception, match="Only the two participants"):
        room_guest_invite(booking=booking, by=charlie, guest=alice)
    with pytest.raises(Exception, match="already in the session"):
        room_guest_invite(booking=booking, by=alice, guest=bob)
    assert RoomGuest.objects.count() == 1


# --- attendance and no-shows ----------------------------------------------------------------
def test_mentoring_minutes_are_the_overlap_of_both(alice, bob):
    booking = booking_now(alice, bob, start=at(0), minutes=30)
    for user, joined, left in (
        (alice, 0, 12),
        (alice, 14, 31),
        (bob, 3, 20),
        (bob, 25, None),
    ):
        row = attendance_join(booking=booking, user=user, now=at(joined))
        if left is not None:
            attendance_leave(attendance=row, now=at(left))
    # alice 0-12, 14-31; bob 3-20, 25-now (capped at the room's closing, end + 30 min)
    assert mentoring_minutes(booking, now=at(28)) == 9 + 6 + 3
    assert mentoring_minutes(booking, now=at(500)) == 9 + 6 + 6


def test_overlap_of_presence_merges_each_persons_connections():
    a = [(at(0), at(10)), (at(5), at(15))]  # two tabs
    b = [(at(12), at(40))]
    assert overlap(a, b) == timedelta(minutes=3)
    assert overlap(a, []) == timedelta()


def test_a_side_that_never_joined_is_a_no_show(alice, bob):
    booking = booking_now(alice, bob, start=timezone.now() - timedelta(minutes=11))
    attendance_join(booking=booking, user=alice)
    from bitesize.scheduling.messages import plan_tasks

    plan_tasks(booking)
    run_due_tasks()
    booking.refresh_from_db()
    assert booking.state == Booking.State.NO_SHOW
    event = booking.events.get(kind=BookingEvent.Kind.NO_SHOW)
    assert event.actor is None and event.reason == "Bob Okafor did not join the room."


def test_both_joined_or_own_link_is_not_a_no_show(alice, bob):
    from bitesize.scheduling.messages import plan_tasks

    met = booking_now(alice, bob, start=timezone.now() - timedelta(minutes=50), minutes=20)
    elsewhere = booking_now(alice, bob, start=timezone.now() - timedelta(minutes=15), minutes=5)
    elsewhere.meeting_url = "https://meet.example.com/alice"
    elsewhere.save()
    for user in (alice, bob):
        attendance_join(booking=met, user=user)
    plan_tasks(met)
    plan_tasks(elsewhere)
    run_due_tasks()
    assert set(Booking.objects.values_list("state", flat=True)) == {Booking.State.CONFIRMED}


def test_no_show_check_waits_for_its_time(alice, bob):
    from bitesize.scheduling.messages import plan_tasks

    booking = booking_now(alice, bob, start=timezone.now() + timedelta(hours=1))
    plan_tasks(booking)
    run_due_tasks()
    booking.refresh_from_db()
    assert booking.state == Booking.State.CONFIRMED


# --- notes merge ----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("base", "current", "incoming", "merged"),
    [
        ("abc", "abc", "abXc", "abXc"),
        ("abc", "abYc", "abc", "abYc"),
        ("hello world", "hello big world", "hello world!", "hello big world!"),
        ("ab", "aXb", "aYb", "aXYb"),  # both insert at one point: both kept
        ("abc", "abXc", "abXc", "abXc"),  # the same change once
        ("one two three", "one 2 three", "one deux three", "one 2deux three"),
        ("keep this", "", "keep this and more", " and more"),
        ("", "", "first words", "first words"),
    ],
)
def test_merge_keeps_both_sides(base, current, incoming, merged):
    assert merge.merge(base, current, incoming) == merged


def test_merge_of_edits_in_different_places_keeps_all_of_them():
    rng = random.Random(7)
    words = [f"w{i}" for i in range(60)]
    for _ in range(200):
        base = list(words)
        cut = rng.randrange(10, 50)
        left, right = list(base), list(base)
        i, j = rng.randrange(0, cut - 1), rng.randrange(cut + 1, 60)
        left[i] = f"L{i}"
        right[j] = f"R{j}"
        result = merge.merge(" ".join(base), " ".join(left), " ".join(right))
        assert result.split(" ") == [*left[:j], f"R{j}", *left[j + 1 :]]


# --- TURN -----------------------------------------------------------------------------------
def test_turn_credentials_follow_the_coturn_rest_scheme():
    username, password = turn_credentials(secret="north", user_id=42, ttl=3600, now=T0)
    assert username == f"{int(T0.timestamp()) + 3600}:42"
    expected = hmac.new(b"north", username.encode(), hashlib.sha1).digest()
    assert base64.b64decode(password) == expected


def test_participant_invites_a_guest_by_handle_and_outsiders_cannot(alice, bob, charlie, dana):
    booking = booking_now(alice, bob)
    response = client_for(charlie).post(
        f"/sessions/{booking.pk}/room/invite/", {"handle": dana.profile.handle}
    )
    assert response.status_code == 404
    assert not RoomGuest.objects.exists()
    response = client_for(bob).post(
        f"/sessions/{booking.pk}/room/invite/", {"handle": "@" + dana.profile.handle}
    )
    assert response.status_code == 302
    assert list(RoomGuest.objects.values_list("user", "invited_by")) == [(dana.pk, bob.pk)]
    assert client_for(dana).get(f"/sessions/{booking.pk}/room/").status_code == 200
    # The guest sees the room, not the booking's own page, and cannot invite further.
    assert client_for(dana).get(f"/sessions/{booking.pk}/").status_code == 404
    client_for(dana).post(f"/sessions/{booking.pk}/room/invite/", {"handle": "x"})
    assert RoomGuest.objects.count() == 1
    page = client_for(alice).get(f"/sessions/{booking.pk}/").content.decode()
    assert "In the room as well: Dana Whitfield." in page


def test_own_meeting_link_is_in_the_invite_and_on_the_booking_page(alice, bob):
    from bitesize.scheduling import calendar
    from bitesize.scheduling.messages import session_event

    booking = booking_now(alice, bob, start=timezone.now() + timedelta(days=1))
    booking.meeting_url = "https://meet.example.com/alice"
    booking.save()
    ics = calendar.invite(session_event(booking), "REQUEST").decode()
    assert "LOCATION:https://meet.example.com/alice" in ics.replace("\r\n ", "")
    page = client_for(bob).get(f"/sessions/{booking.pk}/").content.decode()
    assert 'href="https://meet.example.com/alice"' in page


def test_notes_over_the_limit_are_refused_whole(alice, bob):
    from django.core.exceptions import ValidationError

    from bitesize.rooms.services import NOTES_MAX, room_notes_edit

    booking = booking_now(alice, bob)
    room_notes_edit(booking=booking, by=alice, base="", text="x" * (NOTES_MAX - 5))
    with pytest.raises(ValidationError, match="nothing was changed"):
        room_notes_edit(booking=booking, by=bob, base="", text="more than five")
    state = RoomState.objects.get(booking=booking)
    assert state.notes == "x" * (NOTES_MAX - 5) and state.notes_version == 1


def test_a_large_rewrite_merges_as_one_replacement():
    base = "a" * 3000
    assert merge.merge(base, base + "!", "b" * 3000) == "b" * 3000 + "!"


def test_a_connections_budget_refuses_a_flood_and_recovers_after_its_window() -> None:
    now = [0.0]
    budget = Budget(clock=lambda: now[0])
    assert [budget.allow("chat") for _ in range(10)] == [True] * 8 + [False] * 2
    assert budget.allow("signal") and budget.allow("ping")  # other kinds have their own
    now[0] = 9.9
    assert not budget.allow("chat")
    now[0] = 10.0
    assert budget.allow("chat")
    assert "too many messages" in Budget.refusal("chat")
