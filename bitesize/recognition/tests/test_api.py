"""The recognition API end to end, and outsiders getting 404 with nothing changed."""

from __future__ import annotations

import json

import pytest
from django.test import Client
from joserfc import jwt
from joserfc.jwk import KeySet

from bitesize.accounts.services import access_token_create
from bitesize.recognition import services
from bitesize.recognition.models import BadgeAward, Kudos, PointEntry, Redemption, Reward
from bitesize.recognition.tests.helpers import session

pytestmark = pytest.mark.django_db


def api(user):
    return Client(
        headers={"Authorization": f"Bearer {access_token_create(user=user, name='t')[1]}"}
    )


def post(client, path, body=None):
    return client.post(path, json.dumps(body or {}), content_type="application/json")


def test_points_badges_and_the_public_credential(alice, bob):
    services.recognise_booking(session(alice, bob))
    me = api(bob).get("/api/v1/me/points").json()
    assert me["total"] == 11 and me["streak"]["alive"] in (True, False)
    assert {e["kind"] for e in me["entries"]} == {"session", "punctual"}
    badges = api(bob).get("/api/v1/me/badges").json()
    assert [b["code"] for b in badges] == ["first-session"]
    public = Client().get(f"/api/v1/badges/{badges[0]['id']}")
    assert public.status_code == 200 and public.json()["earner"] == "Bob Okafor"
    keys = KeySet.import_key_set(Client().get("/.well-known/jwks.json").json())
    claims = jwt.decode(public.json()["credential"], keys).claims
    assert claims["credentialSubject"]["achievement"]["name"] == "First session"


def test_preferences_and_kudos(alice, bob, charlie):
    response = api(bob).put(
        "/api/v1/me/recognition",
        json.dumps({"hide_kudos": True, "leaderboard_opt_out": False}),
        content_type="application/json",
    )
    assert response.json() == {"hide_kudos": True, "leaderboard_opt_out": False}
    sent = post(api(bob), f"/api/v1/profiles/{alice.profile.handle}/kudos", {"message": "Thanks!"})
    assert sent.status_code == 201
    # alice's profile is visible to her communities only: charlie gets 404, nothing stored
    denied = post(
        api(charlie), f"/api/v1/profiles/{alice.profile.handle}/kudos", {"message": "Hi there"}
    )
    assert denied.status_code == 404 and Kudos.objects.count() == 1


def test_leaderboard_and_rewards_over_the_api(alice, bob, dana, org):
    services.points_sync_for(session(alice, bob))
    rows = api(bob).get("/api/v1/communities/northwind/leaderboard?by=points&period=all").json()
    assert [r["name"] for r in rows] == ["Alice Moreau", "Bob Okafor"]
    added = post(
        api(dana), "/api/v1/communities/northwind/rewards", {"name": "Book", "cost": 10, "stock": 1}
    )
    assert added.status_code == 201
    reward_id = added.json()["id"]
    asked = post(api(bob), f"/api/v1/communities/northwind/rewards/{reward_id}/redeem")
    assert asked.status_code == 201 and asked.json()["state"] == "requested"
    decided = post(
        api(dana), f"/api/v1/communities/northwind/redemptions/{asked.json()['id']}/approve"
    )
    assert decided.status_code == 200 and decided.json()["state"] == "approved"
    again = post(
        api(dana), f"/api/v1/communities/northwind/redemptions/{asked.json()['id']}/approve"
    )
    assert again.status_code == 400
    assert PointEntry.objects.filter(user=bob, kind="redemption").count() == 1
    poor = post(api(bob), f"/api/v1/communities/northwind/rewards/{reward_id}/redeem")
    assert poor.status_code == 400  # out of stock now


def test_outsiders_get_404_from_community_recognition(alice, bob, charlie, dana, org):
    reward = services.reward_create(community=org, by=dana, name="Book", cost=1, stock=1)
    client = api(charlie)
    assert client.get("/api/v1/communities/northwind/leaderboard").status_code == 404
    assert client.get("/api/v1/communities/northwind/rewards").status_code == 404
    assert (
        post(client, f"/api/v1/communities/northwind/rewards/{reward.pk}/redeem").status_code == 404
    )
    assert (
        post(
            client, "/api/v1/communities/northwind/rewards", {"name": "X", "cost": 1, "stock": 1}
        ).status_code
        == 404
    )
    member = post(
        api(bob), "/api/v1/communities/northwind/rewards", {"name": "X", "cost": 1, "stock": 1}
    )
    assert member.status_code == 403
    assert Reward.objects.count() == 1 and Redemption.objects.count() == 0
    assert not BadgeAward.objects.exists()


def test_admins_manage_recognition_settings_and_badges_over_the_api(bob, charlie, dana, org):
    from bitesize.recognition.models import CustomBadge, RecognitionSettings

    path = "/api/v1/communities/northwind/recognition"
    assert api(dana).get(path).json() == {"leaderboards": True, "rules": {}, "badges": []}
    body = {"leaderboards": False, "rules": {"points": {"session": 15}}}
    changed = api(dana).put(path, json.dumps(body), content_type="application/json")
    assert changed.status_code == 200, changed.json()
    assert changed.json()["leaderboards"] is False
    assert changed.json()["rules"] == {"points": {"session": 15}}
    bad = api(dana).put(
        path, json.dumps({"rules": {"points": {"nonsense": 1}}}), content_type="application/json"
    )
    assert bad.status_code == 400 and "Unknown kind" in json.dumps(bad.json())
    badge = post(
        api(dana),
        "/api/v1/communities/northwind/badges",
        {"name": "Northwind regular", "metric": "sessions", "threshold": 5},
    )
    assert badge.status_code == 201 and badge.json()["name"] == "Northwind regular"
    assert [b["name"] for b in api(dana).get(path).json()["badges"]] == ["Northwind regular"]
    # A plain member and an outsider get 404, and nothing changes.
    for person in (bob, charlie):
        client = api(person)
        assert client.get(path).status_code == 404
        assert (
            client.put(
                path, json.dumps({"leaderboards": True}), content_type="application/json"
            ).status_code
            == 404
        )
        assert (
            post(
                client,
                "/api/v1/communities/northwind/badges",
                {"name": "Mine", "metric": "points", "threshold": 1},
            ).status_code
            == 404
        )
    assert RecognitionSettings.objects.get(community=org).leaderboards is False
    assert CustomBadge.objects.count() == 1
