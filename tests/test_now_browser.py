"""The "now" route in two browsers on one ASGI server: the mentee posts an urgent ask, the
offer arrives live on the mentor's dashboard, the mentor accepts, and the mentee's page turns
to "is taking your ask" without a reload (the pages poll only every 20-30 s, so a change within
a few seconds came over the WebSocket)."""

from __future__ import annotations

import re

import pytest
from django.db import connections

from bitesize.asks.models import Ask, Offer
from bitesize.scheduling.models import Booking
from conftest import signed_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

LIVE = 6_000  # ms: well under the panels' polling interval


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
