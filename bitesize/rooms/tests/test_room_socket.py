"""The room's WebSocket: who gets in, and that signals, chat, notes and the timebox reach the
right people."""

import asyncio
from datetime import timedelta
from typing import Any

import pytest
from channels.db import database_sync_to_async
from channels.layers import get_channel_layer
from channels.testing import WebsocketCommunicator
from django.utils import timezone

from bitesize.asgi import application
from bitesize.rooms.models import Attendance, RoomGuest, RoomMessage, RoomState
from bitesize.rooms.services import room_guest_invite
from bitesize.rooms.tests.helpers import booking_now, session_cookie
from bitesize.scheduling.models import Booking, BookingSeat
from bitesize.scheduling.services import booking_cancel
from conftest import make_user, run_async

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def socket(booking_id: int, cookie: str = "") -> WebsocketCommunicator:
    headers = [(b"origin", b"http://localhost"), (b"host", b"localhost")]
    if cookie:
        headers.append((b"cookie", cookie.encode()))
    return WebsocketCommunicator(application, f"/ws/rooms/{booking_id}/", headers=headers)


async def next_of(ws: WebsocketCommunicator, kind: str) -> dict[str, Any]:
    """The next message of a kind, skipping others (presence, media)."""
    for _ in range(20):
        message: dict[str, Any] = await ws.receive_json_from(timeout=5)
        if message["type"] == kind:
            return message
    raise AssertionError(f"no {kind} message")


def refused(booking_id: int, cookie: str) -> int:
    async def scenario() -> int:
        ws = socket(booking_id, cookie)
        connected, code = await ws.connect()
        assert not connected
        # As a server does when the client goes: the consumer stops, and its wait on the
        # channel layer with it (left running, the loop's shutdown would have to cancel it).
        await ws.disconnect()
        return int(code)

    return run_async(scenario)


def test_outsider_and_anonymous_get_404_and_nothing_is_recorded(alice, bob, charlie):
    booking = booking_now(alice, bob)
    assert refused(booking.pk, session_cookie(charlie)) == 4404
    assert refused(booking.pk, "") == 4404
    assert refused(booking.pk + 1000, session_cookie(alice)) == 4404
    assert not Attendance.objects.exists()
    assert not RoomState.objects.exists()


def test_room_opens_five_minutes_before_the_start_and_only_for_confirmed(alice, bob, charlie):
    soon = booking_now(alice, bob, start=timezone.now() + timedelta(minutes=7))
    assert refused(soon.pk, session_cookie(bob)) == 4409
    cancelled = booking_now(
        alice, bob, start=timezone.now() + timedelta(hours=2), state=Booking.State.CANCELLED
    )
    assert refused(cancelled.pk, session_cookie(bob)) == 4409
    # Another pair (the first one is busy then).
    almost = booking_now(
        make_user("erin@example.com", "Erin Park", mentor=True),
        charlie,
        start=timezone.now() + timedelta(minutes=4, seconds=50),
    )
    ws = socket(almost.pk, session_cookie(charlie))

    async def scenario() -> None:
        assert (await ws.connect())[0]
        welcome = await next_of(ws, "welcome")
        assert (
            welcome["role"] == "mentee" and welcome["timebox"]["start"] > welcome["timebox"]["now"]
        )
        await ws.disconnect()

    run_async(scenario)
    assert not Attendance.objects.filter(booking=soon).exists()


def test_signals_reach_only_the_peer_they_are_addressed_to(alice, bob, charlie):
    booking = booking_now(alice, bob)
    room_guest_invite(booking=booking, by=alice, guest=charlie)
    a, b, c = (socket(booking.pk, session_cookie(u)) for u in (alice, bob, charlie))

    async def scenario() -> None:
        assert (await a.connect())[0]
        alice_peer = (await next_of(a, "welcome"))["peer"]
        assert (await b.connect())[0]
        welcome = await next_of(b, "welcome")
        bob_peer = welcome["peer"]
        assert welcome["role"] == "mentee" and welcome["name"] == "Bob Okafor"
        joined = await next_of(a, "join")
        assert joined["from"] == bob_peer and joined["data"]["name"] == "Bob Okafor"
        await a.send_json_to({"type": "here", "to": bob_peer, "data": {}})
        here = await next_of(b, "here")
        assert here["from"] == alice_peer and here["data"]["name"] == "Alice Moreau"

        assert (await c.connect())[0]
        assert (await next_of(c, "welcome"))["role"] == "guest"
        await next_of(a, "join")
        await next_of(b, "join")

        offer = {"description": {"type": "offer", "sdp": "v=0\r\n"}}
        await a.send_json_to({"type": "signal", "to": bob_peer, "data": offer})
        got = await next_of(b, "signal")
        assert got == {"type": "signal", "from": alice_peer, "data": offer}
        assert await c.receive_nothing(timeout=0.3)

        await b.disconnect()
        left = await next_of(a, "leave")
        assert left["from"] == bob_peer
        await a.disconnect()
        await c.disconnect()

    run_async(scenario)
    rows = Attendance.objects.filter(booking=booking)
    assert rows.count() == 3
    assert all(r.left_at is not None and r.left_at >= r.joined_at for r in rows)


def test_uninvited_third_person_cannot_join_a_guests_room(alice, bob, charlie):
    booking = booking_now(alice, bob)
    dave = make_user("dave@example.com", "Dave Lin")
    room_guest_invite(booking=booking, by=bob, guest=dave)
    assert refused(booking.pk, session_cookie(charlie)) == 4404
    assert RoomGuest.objects.filter(booking=booking).count() == 1


def test_chat_arrives_both_ways_and_is_kept(alice, bob):
    booking = booking_now(alice, bob, format="chat")
    a, b = socket(booking.pk, session_cookie(alice)), socket(booking.pk, session_cookie(bob))

    async def scenario() -> None:
        assert (await a.connect())[0]
        await next_of(a, "welcome")
        assert (await b.connect())[0]
        await next_of(b, "welcome")
        await a.send_json_to({"type": "chat", "body": "Hello Bob"})
        for ws in (a, b):
            message = await next_of(ws, "chat")
            assert message["body"] == "Hello Bob" and message["name"] == "Alice Moreau"
        await b.send_json_to({"type": "chat", "body": "  Hi Alice  "})
        for ws in (a, b):
            assert (await next_of(ws, "chat"))["body"] == "Hi Alice"
        await b.send_json_to({"type": "chat", "body": "   "})
        assert (await next_of(b, "error"))["message"] == "Write a message first."
        await a.disconnect()
        await b.disconnect()

    run_async(scenario)
    assert list(RoomMessage.objects.values_list("author__email", "body")) == [
        ("alice@example.com", "Hello Bob"),
        ("bob@example.com", "Hi Alice"),
    ]

    ws = socket(booking.pk, session_cookie(bob))

    async def rejoin() -> None:
        assert (await ws.connect())[0]
        welcome = await next_of(ws, "welcome")
        assert [m["body"] for m in welcome["messages"]] == ["Hello Bob", "Hi Alice"]
        await ws.disconnect()

    run_async(rejoin)


def test_notes_typed_at_once_by_both_keep_every_word(alice, bob):
    booking = booking_now(alice, bob)
    a, b = socket(booking.pk, session_cookie(alice)), socket(booking.pk, session_cookie(bob))
    base = "Plan:\n"

    async def scenario() -> None:
        assert (await a.connect())[0]
        await next_of(a, "welcome")
        assert (await b.connect())[0]
        await next_of(b, "welcome")
        await a.send_json_to({"type": "notes", "base": "", "text": base, "seq": 1})
        first = await next_of(b, "notes")
        assert first["text"] == base and first["version"] == 1
        # Both edit the same version at once.
        await a.send_json_to({"type": "notes", "base": base, "text": base + "- spot nodes\n"})
        await b.send_json_to({"type": "notes", "base": base, "text": "Goal: cost\n" + base})
        versions = [(await next_of(a, "notes"))["version"] for _ in range(3)]
        assert versions == [1, 2, 3]
        await a.disconnect()
        await b.disconnect()

    run_async(scenario)
    state = RoomState.objects.get(booking=booking)
    assert state.notes == "Goal: cost\nPlan:\n- spot nodes\n"
    assert state.notes_version == 3


def test_only_the_mentor_extends_and_only_into_free_time(alice, bob, charlie):
    booking = booking_now(alice, bob, minutes=20)
    end = booking.end
    a, b = socket(booking.pk, session_cookie(alice)), socket(booking.pk, session_cookie(bob))

    async def scenario() -> None:
        assert (await a.connect())[0]
        before = (await next_of(a, "welcome"))["timebox"]
        assert (await b.connect())[0]
        await next_of(b, "welcome")
        await b.send_json_to({"type": "extend"})
        assert (await next_of(b, "error"))["message"] == "Only the mentor can extend the session."
        await a.send_json_to({"type": "extend"})
        for ws in (a, b):
            box = await next_of(ws, "timebox")
            assert box["end"] == before["end"] + 5 * 60 * 1000 and box["extended"] == 5
        await a.disconnect()
        await b.disconnect()

    run_async(scenario)
    booking.refresh_from_db()
    assert booking.end == end + timedelta(minutes=5)
    assert set(BookingSeat.objects.filter(booking=booking).values_list("end", flat=True)) == {
        booking.end
    }
    # The booking's history says who extended it, and by how much.
    extended = booking.events.get(kind="extended")
    assert extended.actor == alice and extended.data["minutes"] == 5
    # The mentor's next session starts right after: no more minutes.
    booking_now(alice, charlie, start=booking.end + timedelta(minutes=2))
    a = socket(booking.pk, session_cookie(alice))

    async def blocked() -> None:
        assert (await a.connect())[0]
        await next_of(a, "welcome")
        await a.send_json_to({"type": "extend"})
        assert "next slot is taken" in (await next_of(a, "error"))["message"]
        await a.disconnect()

    run_async(blocked)
    booking.refresh_from_db()
    assert booking.end == end + timedelta(minutes=5)
    assert booking.events.filter(kind="extended").count() == 1


def test_end_session_sends_everyone_to_the_debrief(alice, bob):
    booking = booking_now(alice, bob)
    a, b = socket(booking.pk, session_cookie(alice)), socket(booking.pk, session_cookie(bob))

    async def scenario() -> None:
        assert (await a.connect())[0]
        await next_of(a, "welcome")
        assert (await b.connect())[0]
        await next_of(b, "welcome")
        await b.send_json_to({"type": "end"})
        for ws in (a, b):
            assert (await next_of(ws, "ended"))["url"] == f"/sessions/{booking.pk}/#debrief"
        await a.disconnect()
        await b.disconnect()

    run_async(scenario)
    state = RoomState.objects.get(booking=booking)
    assert state.ended_by == bob and state.ended_at is not None


def test_welcome_carries_turn_credentials_when_configured(settings, alice, bob):
    settings.STUN_URLS = ["stun:turn.example.org:3478"]
    settings.TURN_URLS = ["turn:turn.example.org:3478?transport=udp"]
    settings.TURN_SECRET = "s3cret"
    settings.TURN_TTL = 600
    booking = booking_now(alice, bob)
    ws = socket(booking.pk, session_cookie(bob))

    async def scenario() -> list[dict[str, Any]]:
        assert (await ws.connect())[0]
        ice = (await next_of(ws, "welcome"))["ice"]
        await ws.disconnect()
        return list(ice)

    ice = run_async(scenario)
    assert ice[0] == {"urls": ["stun:turn.example.org:3478"]}
    expiry, user_id = ice[1]["username"].split(":")
    assert user_id == str(bob.pk)
    assert 590 <= int(expiry) - timezone.now().timestamp() <= 600
    assert ice[1]["credential"]


def test_a_connection_that_ends_by_an_error_still_records_the_leave(alice, bob, monkeypatch):
    """When the channel layer fails under a consumer (Redis gone, a read timeout), no
    disconnect comes; the time in the room must still close."""
    booking = booking_now(alice, bob)
    layer = get_channel_layer()
    assert layer is not None
    broken = asyncio.Event()
    receive = type(layer).receive

    async def failing_receive(self: Any, channel: str) -> dict[str, Any]:
        waiting = asyncio.ensure_future(receive(self, channel))
        await broken.wait()
        waiting.cancel()
        raise ConnectionError("the channel layer went away")

    monkeypatch.setattr(type(layer), "receive", failing_receive)
    ws = socket(booking.pk, session_cookie(bob))

    async def scenario() -> None:
        assert (await ws.connect())[0]
        await next_of(ws, "welcome")
        assert await Attendance.objects.filter(left_at__isnull=True).acount() == 1
        broken.set()
        with pytest.raises(ConnectionError):
            await ws.receive_output(timeout=5)

    run_async(scenario)
    row = Attendance.objects.get(booking=booking)
    assert row.user == bob and row.left_at is not None


def test_cancelling_a_session_closes_its_room_for_everyone_in_it(alice, bob):
    booking = booking_now(alice, bob)
    ws = socket(booking.pk, session_cookie(bob))

    async def scenario() -> None:
        assert (await ws.connect())[0]
        await next_of(ws, "welcome")
        await database_sync_to_async(booking_cancel)(
            booking=booking, by=alice, reason="Something urgent came up"
        )
        closed = await next_of(ws, "closed")
        assert closed["reason"] == "The session was cancelled."
        assert (await ws.receive_output(timeout=5))["code"] == 4409
        await ws.disconnect()

    run_async(scenario)
    assert Attendance.objects.get(booking=booking, user=bob).left_at is not None
    assert refused(booking.pk, session_cookie(bob)) == 4409


def test_a_chat_flood_is_refused_after_the_connections_budget(alice, bob):
    booking = booking_now(alice, bob, format="chat")
    ws = socket(booking.pk, session_cookie(bob))

    async def scenario() -> None:
        assert (await ws.connect())[0]
        await next_of(ws, "welcome")
        for n in range(10):
            await ws.send_json_to({"type": "chat", "body": f"message {n}"})
        assert "too many messages" in (await next_of(ws, "error"))["message"]
        await ws.disconnect()

    run_async(scenario)
    assert RoomMessage.objects.count() == 8
