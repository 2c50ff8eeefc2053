"""A visitor becomes a mentor and finds themself in the directory, in a real Chromium."""

from __future__ import annotations

import email
import re
from pathlib import Path

import pytest

from bitesize.accounts.models import User
from bitesize.lib.mail import outbox_messages

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def verification_link(outbox: Path) -> str:
    messages = outbox_messages(outbox)
    assert len(messages) == 1, messages
    message = email.message_from_bytes(messages[0].read_bytes())
    text = next(
        part.get_payload(decode=True).decode()
        for part in message.walk()
        if part.get_content_type() == "text/plain"
    )
    match = re.search(r"https?://\S+/accounts/confirm-email/\S+", text)
    assert match, text
    return match.group(0)


def test_visitor_signs_up_verifies_becomes_a_mentor_and_is_found_by_synonym(
    page, live_server, outbox
):
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Join free").click()
    page.fill("input[name=email]", "priya@example.com")
    page.fill("input[name=name]", "Priya Raman")
    page.fill("input[name=password1]", "a long enough passphrase")
    page.fill("input[name=password2]", "a long enough passphrase")
    page.get_by_role("button", name="Sign Up").click()
    page.wait_for_url("**/accounts/confirm-email/")

    # The browser's zone (Asia/Kolkata, set on the context) came along with the sign-up.
    assert User.objects.get(email="priya@example.com").profile.time_zone == "Asia/Kolkata"

    page.goto(verification_link(outbox))
    page.get_by_role("button", name="Confirm").click()
    page.wait_for_url("**/welcome/")
    page.get_by_role("link", name="I want to mentor").click()

    page.fill("input[name=headline]", "Platform engineer · Kubernetes in production since 2016")
    page.get_by_role("button", name="Save basics").click()
    page.wait_for_selector("text=Profile saved.")

    skill = page.locator("#skill-form input[name=skill]")
    skill.fill("Kubernetes")
    page.select_option("#skill-form select[name=level]", "4")
    page.get_by_role("button", name="Add skill").click()
    page.wait_for_selector("#skills-section .chip:has-text('Kubernetes')")

    page.check("input[name=is_mentor]")
    page.check("input[name=session_lengths][value='15']")
    page.check("input[name=formats][value='chat']")
    page.fill("input[name=weekly_capacity]", "4")
    page.fill("textarea[name=help_with]", "Cluster upgrades, on-call, platform teams.")
    page.get_by_role("button", name="Save mentor settings").click()
    page.wait_for_selector("text=Mentor settings saved.")

    # A phone-sized screen keeps the menu behind the burger.
    page.locator("label.nav-burger").click()
    page.get_by_role("link", name="Find a mentor").click()
    page.fill("input[name=q]", "k8s")
    page.get_by_role("button", name="Search").click()
    page.wait_for_url("**/mentors/?*q=k8s*")
    count = page.locator("#result-count")
    count.filter(has_text="1 mentor").wait_for()
    card = page.locator(".mentor-card", has_text="Priya Raman")
    assert "Kubernetes" in card.inner_text()
    # Nothing overflows the 390 px viewport.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
