"""Two Chromiums with fake cameras meet in one room: they connect peer to peer and decode
each other's video, chat both ways, share notes and see the countdown.

The servers are real uvicorn processes on the test database. One process on the default
set-up; with DATABASE_URL (PostgreSQL) and REDIS_URL set, two processes on two ports, one
per participant, so that signalling has to cross Redis."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.db import connection, connections
from django.test import Client
from django.utils import timezone

from bitesize.rooms.models import Attendance, RoomMessage, RoomState, WrittenAnswer
from bitesize.rooms.tests.helpers import booking_now
from conftest import CHROMIUM
from tests.test_serve import free_port

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

UVICORN = [sys.executable, "-m", "uvicorn", "bitesize.asgi:application", "--host", "127.0.0.1"]
MEDIA_ARGS = [
    "--use-fake-device-for-media-stream",
    "--use-fake-ui-for-media-stream",
    "--allow-loopback-in-peer-connection",
    "--autoplay-policy=no-user-gesture-required",
]


@pytest.fixture
def media_browser() -> Iterator[Any]:
    """Chromium with a fake camera and microphone that needs no permission prompt."""
    if not Path(CHROMIUM).exists():
        if os.environ.get("BITESIZE_REQUIRE_BROWSER"):
            pytest.fail(f"Chromium not found at {CHROMIUM}; browser tests are required here.")
        pytest.skip(f"Chromium not found at {CHROMIUM}.")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"  # Playwright's loop runs in this thread
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", *MEDIA_ARGS],
        )
        yield chromium
        connections.close_all()
        chromium.close()


def database_url() -> str:
    """The URL of the database this test runs on (the test database, not the real one)."""
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{Path(db['NAME']).resolve()}"
    auth = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


class Servers:
    """uvicorn processes serving the app on the test database."""

    def __init__(self, count: int, logs: Path) -> None:
        env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")}
        env.update(
            DEBUG="1",
            SECRET_KEY=settings.SECRET_KEY,
            DATABASE_URL=database_url(),
            BITESIZE_VAR_DIR=str(logs / "var"),
            PYTHONUNBUFFERED="1",
        )
        if settings.REDIS_URL:
            env["REDIS_URL"] = settings.REDIS_URL
        self.ports = [free_port() for _ in range(count)]
        self.logs = [logs / f"server-{port}.log" for port in self.ports]
        self.processes = [
            subprocess.Popen(
                [*UVICORN, "--port", str(port)],
                env=env,
                cwd=settings.BASE_DIR,
                stdout=log.open("w"),
                stderr=subprocess.STDOUT,
            )
            for port, log in zip(self.ports, self.logs, strict=True)
        ]
        for port, process in zip(self.ports, self.processes, strict=True):
            deadline = time.monotonic() + 60
            while True:
                try:
                    with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2):
                        break
                except OSError:
                    assert process.poll() is None, self.output()
                    assert time.monotonic() < deadline, "a server did not answer within 60 s"
                    time.sleep(0.3)

    def url(self, index: int) -> str:
        return f"http://127.0.0.1:{self.ports[index % len(self.ports)]}"

    def output(self) -> str:
        return "\n".join(log.read_text() for log in self.logs if log.exists())

    def stop(self) -> None:
        for process in self.processes:
            process.terminate()
        for process in self.processes:
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()


def signed_in(browser: Any, user: Any, base: str) -> Any:
    client = Client()
    client.force_login(user)
    context = browser.new_context(viewport={"width": 1100, "height": 900})
    context.set_default_timeout(30_000)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": base}])
    page = context.new_page()
    page.on("dialog", lambda dialog: dialog.accept())
    page.on("console", lambda m: print(user.email, m.type, m.text) if m.type == "error" else None)
    return page


def connected(pages: tuple[Any, ...]) -> None:
    """Each page has one remote peer, connected, with video frames decoded from it."""
    try:
        for page in pages:
            page.wait_for_selector(".tile-remote[data-state=connected]")
            page.wait_for_function(
                "() => window.bitesizeRoom.framesDecoded().then(f => f.length === 1 && f[0] > 10)"
            )
    except Exception:
        for page in pages:
            print(page.evaluate("() => window.bitesizeRoom.describe()"))
        raise


def meet(media_browser: Any, alice: Any, bob: Any, tmp_path: Path, processes: int) -> None:
    booking = booking_now(alice, bob, minutes=20)
    servers = Servers(processes, tmp_path)
    try:
        mentor = signed_in(media_browser, alice, servers.url(0))
        mentee = signed_in(media_browser, bob, servers.url(1))
        for page, base in ((mentor, servers.url(0)), (mentee, servers.url(1))):
            page.goto(f"{base}/sessions/{booking.pk}/room/")
        pages = (mentor, mentee)

        # Both reach the connected state and decode the other's video.
        connected(pages)
        for page in pages:
            size = page.evaluate(
                """() => new Promise(done => document.querySelector('.tile-remote video')
                    .requestVideoFrameCallback((now, f) => done([f.width, f.height])))"""
            )
            assert size[0] > 0 and size[1] > 0
            # Device choice lists the (fake) camera and microphone by name.
            assert page.locator("#cam-select option").count() >= 1
            assert page.locator("#mic-select option").count() >= 1

        # Chat both ways.
        mentee.fill("#chat-input", "Hello Alice, thanks for making time")
        mentee.press("#chat-input", "Enter")
        mentor.wait_for_selector("#chat-log li:has-text('Hello Alice, thanks for making time')")
        mentor.fill("#chat-input", "Hi Bob! Tell me about the workload")
        mentor.press("#chat-input", "Enter")
        mentee.wait_for_selector("#chat-log li:has-text('Tell me about the workload')")

        # Shared notes reach the other side.
        mentor.fill("#notes", "Try spot node pools for the batch jobs")
        mentee.wait_for_function(
            "() => document.querySelector('#notes').value.includes('spot node pools')"
        )

        # Mute and camera off show on the other side.
        mentee.click("#mute")
        mentee.click("#camera")
        mentor.wait_for_selector(".tile-remote[data-audio=off][data-video=off]")

        # Rejoin after the connection drops: the mentee's page reloads, both connect again.
        mentee.reload()
        connected(pages)
        assert mentee.input_value("#notes") == "Try spot node pools for the batch jobs"
        assert mentee.locator("#chat-log li").count() == 2

        # The countdown of the booked length, by the server's clock.
        for page in pages:
            shown = re.fullmatch(r"(\d+):\d\d left", page.inner_text("#timebox"))
            assert shown and 0 <= int(shown[1]) < 20  # the booking began a minute ago

        # "End session" takes both to the debrief.
        mentee.click("#end")
        for page in pages:
            page.wait_for_url(f"**/sessions/{booking.pk}/*")
            assert page.locator("#room-record").count() == 1
            page.context.close()
        # Leaving the room records the leave time. The page closes its socket when it goes;
        # should that close not arrive, the server notices the dead connection by its ping
        # timeout (uvicorn: 20 s interval + 20 s), so allow for that.
        deadline = time.monotonic() + 60
        while Attendance.objects.filter(booking=booking, left_at__isnull=True).exists():
            assert time.monotonic() < deadline, list(
                Attendance.objects.filter(booking=booking).values_list("user_id", "left_at")
            )
            time.sleep(0.2)
    except BaseException:
        print(servers.output())
        raise
    finally:
        servers.stop()
    assert list(RoomMessage.objects.order_by("id").values_list("author__email", flat=True)) == [
        "bob@example.com",
        "alice@example.com",
    ]
    assert "spot node pools" in RoomState.objects.get(booking=booking).notes
    rows = Attendance.objects.filter(booking=booking)
    assert {row.user_id for row in rows} == {alice.pk, bob.pk}
    assert all(row.left_at is not None for row in rows)
    connections.close_all()  # this context's connection, before the database is dropped


def test_two_browsers_meet_in_one_room(media_browser, alice, bob, tmp_path):
    meet(media_browser, alice, bob, tmp_path, processes=1)


@pytest.mark.skipif(
    not (os.environ.get("DATABASE_URL") and os.environ.get("REDIS_URL")),
    reason="needs DATABASE_URL (PostgreSQL) and REDIS_URL: two processes share them",
)
def test_two_browsers_meet_across_two_server_processes(media_browser, alice, bob, tmp_path):
    assert connection.vendor == "postgresql"
    meet(media_browser, alice, bob, tmp_path, processes=2)


def test_text_chat_room_has_no_media_and_warns_before_the_end(media_browser, alice, bob, tmp_path):
    start = timezone.now() - timedelta(minutes=3, seconds=15)
    booking = booking_now(alice, bob, start=start, minutes=5, format="chat")
    servers = Servers(1, tmp_path)
    try:
        mentor, mentee = (signed_in(media_browser, u, servers.url(0)) for u in (alice, bob))
        for page in (mentor, mentee):
            page.goto(f"{servers.url(0)}/sessions/{booking.pk}/room/")
            page.wait_for_selector("#room[data-connected='1']")
            assert page.locator("video").count() == 0
        mentor.wait_for_function(
            "() => document.querySelector('#room-status').textContent.includes('Bob Okafor')"
        )
        mentor.fill("#chat-input", "Short one: what did you try?")
        mentor.press("#chat-input", "Enter")
        mentee.wait_for_selector("#chat-log li:has-text('what did you try?')")
        for page in (mentor, mentee):
            assert re.fullmatch(r"[01]:\d\d left", page.inner_text("#timebox"))
            assert "Two minutes left" in page.inner_text("#room-warning")
        # The mentor's next time is free: five more minutes for both.
        mentor.click("#extend")
        for page in (mentor, mentee):
            page.wait_for_function(
                "() => /^[56]:\\d\\d left$/.test(document.querySelector('#timebox').textContent)"
            )
            assert page.locator("#room-warning").is_hidden()
            page.context.close()
    except BaseException:
        print(servers.output())
        raise
    finally:
        servers.stop()
    booking.refresh_from_db()
    assert booking.end == start + timedelta(minutes=10)
    connections.close_all()


def test_a_written_answer_saved_in_the_room_shows_live_to_the_mentee(
    media_browser, alice, bob, tmp_path
):
    booking = booking_now(alice, bob, format="written")
    servers = Servers(1, tmp_path)
    try:
        mentor, mentee = (signed_in(media_browser, u, servers.url(0)) for u in (alice, bob))
        for page in (mentor, mentee):
            page.goto(f"{servers.url(0)}/sessions/{booking.pk}/room/")
            page.wait_for_selector("#room[data-connected='1']")
        assert mentee.locator("#answer-body").is_hidden()
        assert "The answer is due by" in mentee.inner_text("#answer-due")
        # Too short: the API's reason shows beside the button and nothing is stored.
        mentor.fill("#answer-input", "Use pools.")
        mentor.evaluate(
            "() => document.querySelector('#answer-input').removeAttribute('minlength')"
        )
        mentor.click("#answer-form button[type=submit]")
        mentor.wait_for_function(
            "() => document.querySelector('#answer-status').textContent.includes('at least 20')"
        )
        # Saved over the API without leaving the room; the mentee's page shows it at once.
        text = (
            "Split the batch jobs into their own spot node pool.\nKeep the API on on-demand nodes."
        )
        mentor.fill("#answer-input", text)
        mentor.click("#answer-form button[type=submit]")
        mentor.wait_for_function(
            "() => document.querySelector('#answer-status').textContent.startsWith('Saved at')"
        )
        mentee.wait_for_function(
            "() => document.querySelector('#answer-body').textContent.includes('spot node pool')"
        )
        assert mentee.locator("#answer-due").is_hidden()
        assert mentor.evaluate("() => document.querySelector('#room').dataset.connected") == "1"
        for page in (mentor, mentee):
            page.context.close()
    except BaseException:
        print(servers.output())
        raise
    finally:
        servers.stop()
    assert WrittenAnswer.objects.get(booking=booking).body == text
    connections.close_all()
