"""The live WebSocket: only signed-in people connect, and events reach their pages."""

import pytest
from asgiref.sync import sync_to_async
from channels.testing import WebsocketCommunicator
from django.conf import settings
from django.test import Client

from bitesize.asgi import application
from bitesize.lib.live import live_send
from conftest import run_async

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def communicator(cookie: str = "") -> WebsocketCommunicator:
    headers = [(b"origin", b"http://localhost"), (b"host", b"localhost")]
    if cookie:
        headers.append((b"cookie", cookie.encode()))
    return WebsocketCommunicator(application, "/ws/live/", headers=headers)


def session_cookie(user) -> str:
    client = Client()
    client.force_login(user)
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"


def test_anonymous_socket_is_refused(db):
    async def scenario() -> None:
        ws = communicator()
        connected, code = await ws.connect()
        assert not connected and code == 4401
        await ws.disconnect()

    run_async(scenario)


def test_foreign_origin_is_refused(bob):
    cookie = session_cookie(bob).encode()

    async def scenario() -> None:
        ws = WebsocketCommunicator(
            application,
            "/ws/live/",
            headers=[(b"origin", b"http://evil.example"), (b"cookie", cookie)],
        )
        connected, _ = await ws.connect()
        assert not connected
        await ws.disconnect()

    run_async(scenario)


def test_events_reach_only_their_person(alice, bob):
    bob_ws, alice_ws = communicator(session_cookie(bob)), communicator(session_cookie(alice))

    async def scenario() -> None:
        assert (await bob_ws.connect())[0]
        assert (await alice_ws.connect())[0]
        assert (await bob_ws.receive_json_from())["event"] == "hello"
        assert (await alice_ws.receive_json_from())["event"] == "hello"
        await sync_to_async(live_send)(bob.pk, "notification", {"unread": 3})
        assert await bob_ws.receive_json_from(timeout=5) == {
            "event": "notification",
            "data": {"unread": 3},
        }
        assert await alice_ws.receive_nothing(timeout=0.5)
        await bob_ws.send_json_to({"event": "ping"})
        assert (await bob_ws.receive_json_from())["event"] == "pong"
        await bob_ws.disconnect()
        await alice_ws.disconnect()

    run_async(scenario)
