"""Leaderboards, kudos, streaks and preferences, as members and outsiders see them."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from bitesize.communities.models import Membership
from bitesize.recognition import selectors, services
from bitesize.recognition.models import Kudos, PointEntry, RecognitionSettings
from bitesize.recognition.tests.helpers import session
from bitesize.safety.services import block_create
from conftest import client_for, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def this_week(alice, bob):
    start = timezone.now().replace(microsecond=0) - timedelta(hours=2)
    services.points_sync_for(session(alice, bob, start=start, minutes=40))


def test_the_leaderboard_ranks_points_and_mentoring_minutes(alice, bob, org, this_week):
    points = selectors.leaderboard(org, measure="points", period="week")
    assert [(r.name, r.value) for r in points] == [("Alice Moreau", 11), ("Bob Okafor", 11)]
    minutes = selectors.leaderboard(org, measure="minutes", period="all")
    assert [(r.name, r.value) for r in minutes] == [("Alice Moreau", 40)]
    page = client_for(bob).get("/c/northwind/leaderboard/?by=minutes&period=month")
    assert page.status_code == 200 and "Alice Moreau" in page.content.decode()


def test_spending_does_not_lower_the_leaderboard(alice, bob, dana, org, this_week):
    reward = services.reward_create(community=org, by=dana, name="Mug", cost=5, stock=1)
    row = services.redemption_request(reward=reward, by=bob)
    services.redemption_decide(redemption=row, by=dana, approve=True)
    assert {r.name: r.value for r in selectors.leaderboard(org, measure="points", period="all")}[
        "Bob Okafor"
    ] == 11


def test_opting_out_leaves_a_person_off(alice, bob, org, this_week):
    services.prefs_update(user=alice, hide_kudos=False, leaderboard_opt_out=True)
    names = [r.name for r in selectors.leaderboard(org, measure="points", period="all")]
    assert names == ["Bob Okafor"]
    assert selectors.leaderboard(org, measure="minutes", period="all") == []


def test_a_community_can_switch_leaderboards_off(bob, dana, org, this_week):
    assert "/c/northwind/leaderboard/" in client_for(bob).get("/c/northwind/").content.decode()
    services.recognition_settings_update(community=org, by=dana, leaderboards=False)
    assert client_for(bob).get("/c/northwind/leaderboard/").status_code == 404
    # The community page no longer links to it.
    assert "/c/northwind/leaderboard/" not in client_for(bob).get("/c/northwind/").content.decode()


def test_outsiders_get_404_for_a_leaderboard(charlie, org, this_week):
    assert client_for(charlie).get("/c/northwind/leaderboard/").status_code == 404


def test_settings_are_validated_and_for_admins_only(bob, dana, org):
    with pytest.raises(ValidationError):
        services.recognition_settings_update(
            community=org, by=dana, leaderboards=True, overrides={"points": {"session": 5000}}
        )
    with pytest.raises(PermissionDenied):
        services.recognition_settings_update(community=org, by=bob, leaderboards=False)
    assert RecognitionSettings.objects.count() == 0


def test_kudos_show_on_the_profile_unless_opted_out(alice, bob):
    services.kudos_give(sender=bob, recipient=alice, message="Thanks for the upgrade plan!")
    profile = client_for(bob).get(f"/people/{alice.profile.handle}/").content.decode()
    assert "Thanks for the upgrade plan!" in profile
    services.prefs_update(user=alice, hide_kudos=True, leaderboard_opt_out=False)
    profile = client_for(bob).get(f"/people/{alice.profile.handle}/").content.decode()
    assert "Thanks for the upgrade plan!" not in profile


def test_kudos_through_the_profile_form(alice, bob):
    response = client_for(bob).post(
        f"/people/{alice.profile.handle}/kudos/", {"message": "You made my week"}
    )
    assert response.status_code == 302
    assert Kudos.objects.get().message == "You made my week"


def test_no_kudos_between_blocked_people(alice, bob):
    block_create(blocker=alice, blocked=bob)
    with pytest.raises(PermissionDenied):
        services.kudos_give(sender=bob, recipient=alice, message="Thanks anyway")
    assert Kudos.objects.count() == 0


def test_no_kudos_to_strangers_or_oneself(alice, charlie):
    with pytest.raises(PermissionDenied):
        services.kudos_give(sender=charlie, recipient=alice, message="Hello there")
    with pytest.raises(ValidationError):
        services.kudos_give(sender=alice, recipient=alice, message="Well done me")
    assert Kudos.objects.count() == 0


def test_the_profile_shows_badges_and_streak(alice, bob, this_week):
    services.badges_sync_for(bob)
    page = client_for(alice).get(f"/people/{bob.profile.handle}/").content.decode()
    assert "First session" in page and "1-week participation streak" in page


def test_my_points_page_lists_the_ledger_and_saves_preferences(alice, bob, this_week):
    client = client_for(bob)
    page = client.get("/points/").content.decode()
    assert "Session held as mentee" in page and "data-points-total>11<" in page
    client.post("/points/", {"leaderboard_opt_out": "on"})
    assert selectors.prefs_of(bob.pk).leaderboard_opt_out is True
    assert selectors.prefs_of(bob.pk).hide_kudos is False


def test_members_in_another_community_are_not_ranked_there(alice, org, network):
    outsider = make_user("eve@example.com", "Eve Stone")
    Membership.objects.create(community=network, user=outsider)
    PointEntry.objects.create(
        user=outsider,
        community=org,
        kind="session",
        points=10,
        reason="x",
        key="k",
        at=timezone.now(),
    )
    assert selectors.leaderboard(org, measure="points", period="all") == []


def test_admins_switch_leaderboards_set_rules_and_add_badges_on_the_page(bob, dana, org):
    admin = client_for(dana)
    assert admin.get("/c/northwind/recognition/").status_code == 200
    admin.post(
        "/c/northwind/recognition/", {"form": "settings", "rules": '{"points": {"session": 15}}'}
    )
    row = RecognitionSettings.objects.get(community=org)
    assert row.leaderboards is False and row.rules == {"points": {"session": 15}}
    admin.post("/c/northwind/recognition/", {"form": "settings", "rules": "{not json"})
    assert RecognitionSettings.objects.get(community=org).rules == {"points": {"session": 15}}
    admin.post(
        "/c/northwind/recognition/",
        {"form": "badge", "name": "Regular", "metric": "sessions", "threshold": "5"},
    )
    assert org.badges.get().name == "Regular"


def test_members_and_outsiders_get_404_from_the_settings_page(bob, charlie, org):
    for person in (bob, charlie):
        client = client_for(person)
        assert client.get("/c/northwind/recognition/").status_code == 404
        response = client.post(
            "/c/northwind/recognition/", {"form": "settings", "leaderboards": "on"}
        )
        assert response.status_code == 404
    assert RecognitionSettings.objects.count() == 0


def test_the_leaderboard_page_costs_the_same_queries_for_more_people(alice, bob, org):
    def seed(n):
        for i in range(n):
            person = make_user(f"p{n}-{i}@example.com", f"Person {n}-{i}")
            Membership.objects.create(community=org, user=person)
            PointEntry.objects.create(
                user=person,
                community=org,
                kind="session",
                points=5 + i,
                reason="x",
                key=f"k{n}-{i}",
                at=timezone.now(),
            )

    client = client_for(bob)
    seed(2)
    client.get("/c/northwind/leaderboard/?period=all")  # warm the session
    with CaptureQueriesContext(connection) as few:
        client.get("/c/northwind/leaderboard/?period=all")
    seed(8)
    with CaptureQueriesContext(connection) as many:
        page = client.get("/c/northwind/leaderboard/?period=all")
    assert page.content.decode().count("Person 8-") == 8
    assert len(many.captured_queries) == len(few.captured_queries)
