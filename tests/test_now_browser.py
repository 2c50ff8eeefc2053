"""The "now" route in two browsers on one ASGI server: the mentee posts an urgent ask, the
offer arrives live on the mentor's dashboard, the mentor accepts, and the mentee's page turns
to "is taking your ask" without a reload (the pages poll only every 20-30 s, so a change within
a few seconds came over the WebSocket)."""

from __future__ import annotations

import re
import socket
import threading
import time
from collections.abc import Iterator

import pytest
from django.conf import settings
from django.db import connections
from django.test import Client

from bitesize.accounts.models import User
from bitesize.asks.models import Ask, Offer
from bitesize.scheduling.models import Booking

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

LIVE = 6_000  # ms: well under the panels' polling interval


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def asgi_url() -> Iterator[str]:
    """The project's ASGI application (HTTP and WebSocket) under uvicorn in a thread, on the
    test database and the in-memory or Redis channel layer the settings name."""
    import uvicorn

    from bitesize.asgi import application

    port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(
            application, host="127.0.0.1", port=port, log_level="warning", lifespan="off"
        )
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    for _ in range(200):
        if server.started:
            break
        time.sleep(0.05)
    assert server.started, "uvicorn did not start"
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)
    connections.close_all()


def signed_in(browser, url: str, user: User, zone: str):
    client = Client()
    client.force_login(user)
    context = browser.new_context(viewport={"width": 390, "height": 844}, timezone_id=zone)
    context.set_default_timeout(15_000)
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": url,
            }
        ]
    )
    return context.new_page()


def test_an_urgent_ask_reaches_a_free_mentor_live_and_both_land_in_a_session(
    browser, asgi_url, alice, bob
):
    from playwright.sync_api import expect

    alice.profile.available_now = True
    alice.profile.session_lengths = [15, 30]
    alice.profile.save()

    mentor = signed_in(browser, asgi_url, alice, "Europe/Berlin")
    mentor.goto(f"{asgi_url}/")
    expect(mentor.locator("#offers")).to_contain_text("No one is waiting for you right now")
    mentor.wait_for_function("() => document.body.dataset.live && window.WebSocket")

    mentee = signed_in(browser, asgi_url, bob, "Africa/Lagos")
    mentee.goto(f"{asgi_url}/asks/new/")
    question = "Pods in our Kubernetes cluster hit CrashLoopBackOff right after the 1.31 upgrade"
    mentee.fill("textarea[name=question]", question)
    mentee.fill("input[name=objective]", "find why the pods crash and get the rollout moving")
    mentee.fill("input[name=skills]", "Kubernetes")
    mentee.select_option("select[name=minutes]", "15")
    mentee.select_option("select[name=urgency]", "now")
    mentee.locator("form button[type=submit]").last.click()
    if mentee.locator("text=A few tips before you post").count():
        mentee.locator("form button[type=submit]").last.click()
    mentee.wait_for_url("**/asks/*/")
    expect(mentee.locator("#now")).to_contain_text("Asking mentors who are free now")
    expect(mentee.locator("[data-deadline]")).to_have_text(re.compile(r"in [0-3]:\d\d"))

    # The offer arrives on the mentor's open dashboard without a reload.
    offer = mentor.locator("#offers .offer")
    expect(offer).to_contain_text(question, timeout=LIVE)
    expect(offer).to_contain_text("Bob Okafor")
    offer.get_by_role("button", name="Accept and start").click()
    mentor.wait_for_url("**/sessions/*/")

    # The mentee's page turns live, too.
    expect(mentee.locator("#now")).to_contain_text("Alice Moreau is taking your ask", timeout=LIVE)
    mentee.get_by_role("link", name="Open the session").click()
    mentee.wait_for_url("**/sessions/*/")

    booking = Booking.objects.get()
    assert (booking.mentor, booking.mentee, booking.state) == (alice, bob, "confirmed")
    assert Ask.objects.get().state == Ask.State.BOOKED
    assert Offer.objects.get().state == Offer.State.ACCEPTED
    mentor.context.close()
    mentee.context.close()
    connections.close_all()
