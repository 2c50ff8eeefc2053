"""Redeeming a reward in two browsers: a member with enough points asks for it on the
community's rewards page, an admin approves it, and the member sees it approved and their
points debited once."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.db import connections
from django.test import Client

from bitesize.accounts.models import User
from bitesize.recognition import services
from bitesize.recognition.models import PointEntry, Redemption, Reward
from bitesize.recognition.rules import Kind

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def signed_in(browser, url: str, user: User):
    client = Client()
    client.force_login(user)
    context = browser.new_context(viewport={"width": 390, "height": 844})
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


def test_a_member_redeems_a_reward_and_an_admin_approves_it(browser, live_server, bob, dana, org):
    reward = services.reward_create(
        community=org, by=dana, name="Conference ticket", cost=40, stock=3
    )
    services.points_adjust(user=bob, community=org, points=50, reason="Welcome", key="welcome")
    url = live_server.url

    member = signed_in(browser, url, bob)
    member.goto(f"{url}/c/{org.slug}/rewards/")
    assert member.locator("[data-balance]").inner_text() == "50"
    member.locator(f'[data-reward="{reward.pk}"] button', has_text="Redeem").click()
    member.get_by_text("An admin will approve it").wait_for()
    member.locator("[data-redemption]", has_text="Waiting for approval").wait_for()
    redemption = Redemption.objects.get()
    assert not PointEntry.objects.filter(user=bob, kind=Kind.REDEMPTION).exists()

    admin = signed_in(browser, url, dana)
    admin.goto(f"{url}/c/{org.slug}/rewards/")
    waiting = admin.locator(f'[data-waiting="{redemption.pk}"]')
    waiting.get_by_text("Bob Okafor").wait_for()
    waiting.get_by_role("button", name="Approve").click()
    admin.get_by_text("Approved “Conference ticket”").wait_for()
    assert admin.locator(f'[data-waiting="{redemption.pk}"]').count() == 0

    member.reload()
    member.locator("[data-redemption]", has_text="Approved").wait_for()
    assert member.locator("[data-balance]").inner_text() == "10"
    debits = PointEntry.objects.filter(user=bob, kind=Kind.REDEMPTION)
    assert list(debits.values_list("points", flat=True)) == [-40]
    assert Reward.objects.get(pk=reward.pk).stock == 2
    member.context.close()
    admin.context.close()
    # Database work done while Playwright ran used connections of its own context.
    connections.close_all()
