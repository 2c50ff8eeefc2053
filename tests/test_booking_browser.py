"""A mentee books a slot shown in their zone; the mentor sees the same session in theirs."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.test import Client

from bitesize.scheduling.models import Booking
from conftest import set_hours

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def sign_in(browser, live_server, user, zone: str):
    client = Client()
    client.force_login(user)
    context = browser.new_context(viewport={"width": 390, "height": 844}, timezone_id=zone)
    context.set_default_timeout(15_000)
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    return context


def test_mentee_books_in_their_zone_and_mentor_sees_it_in_theirs(browser, live_server, alice, bob):
    set_hours(alice)
    alice.profile.session_lengths = [30]
    alice.profile.save()
    bob.profile.time_zone = "Asia/Kolkata"
    bob.profile.save()

    mentee = sign_in(browser, live_server, bob, "Asia/Kolkata").new_page()
    mentee.goto(f"{live_server.url}/people/{alice.profile.handle}/")
    mentee.get_by_role("link", name="Book a session").click()
    assert "shown in your time zone, Asia/Kolkata" in mentee.content()
    first = mentee.locator(".slot").first
    chosen = datetime.fromisoformat(first.locator("input").get_attribute("value"))
    shown = first.inner_text().strip()
    assert shown == chosen.astimezone(ZoneInfo("Asia/Kolkata")).strftime("%H:%M")
    first.click()
    mentee.fill("textarea[name=question]", "How do I size node pools for a bursty workload?")
    mentee.fill("input[name=objective]", "pick instance types for next quarter")
    mentee.get_by_role("button", name="Book the session").click()
    mentee.wait_for_url("**/sessions/*/")
    assert f"{shown} (Asia/Kolkata)" in mentee.locator("#when-mine").inner_text()
    assert mentee.locator(".countdown").inner_text().startswith("Starts in")

    booking = Booking.objects.get()
    assert booking.start == chosen and booking.state == "confirmed"
    mentor = sign_in(browser, live_server, alice, "Europe/Berlin").new_page()
    mentor.goto(f"{live_server.url}/sessions/")
    mentor.get_by_role("link", name="with Bob Okafor").click()
    berlin = chosen.astimezone(ZoneInfo("Europe/Berlin")).strftime("%H:%M")
    assert f"{berlin} (Europe/Berlin)" in mentor.locator("#when-mine").inner_text()
    assert f"{shown} (Asia/Kolkata)" in mentor.locator("#when-theirs").inner_text()
