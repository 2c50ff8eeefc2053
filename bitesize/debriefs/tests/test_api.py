import json

import pytest
from django.test import Client

from bitesize.accounts.services import access_token_create
from bitesize.debriefs.models import ActionItem, AdviceItem, Rating
from bitesize.debriefs.tests.test_debriefs import session

pytestmark = pytest.mark.django_db


def api(user):
    return Client(
        headers={"Authorization": f"Bearer {access_token_create(user=user, name='t')[1]}"}
    )


def put(client, path, body):
    return client.put(path, json.dumps(body), content_type="application/json")


def post(client, path, body):
    return client.post(path, json.dumps(body), content_type="application/json")


def test_the_whole_debrief_over_the_api(alice, bob):
    booking = session(alice, bob)
    base = f"/api/v1/bookings/{booking.pk}/debrief"
    advice = put(
        api(alice),
        f"{base}/advice",
        {"items": [{"text": "Run the upgrade on a canary pool", "assumption": "spare capacity"}]},
    )
    assert advice.status_code == 200 and advice.json()[0]["assumption"] == "spare capacity"
    too_many = put(api(alice), f"{base}/advice", {"items": [{"text": "Do a thing now"}] * 6})
    assert too_many.status_code == 422 and AdviceItem.objects.count() == 1
    assert (
        put(api(bob), f"{base}/reflection", {"text": "Canary first, then all."}).status_code == 200
    )
    assert api(alice).get(base).json()["reflection"] is None  # private unless shared
    item = post(
        api(bob),
        "/api/v1/action-items",
        {"text": "Create the canary pool", "session": booking.pk, "advice": advice.json()[0]["id"]},
    )
    assert item.status_code == 201
    done = api(bob).patch(
        f"/api/v1/action-items/{item.json()['id']}",
        json.dumps({"state": "done", "outcome": "Caught a bad CRD"}),
        content_type="application/json",
    )
    assert done.status_code == 200 and done.json()["state"] == "done"
    bad = post(api(bob), f"{base}/rating", {"took_place": True})
    assert bad.status_code == 400 and "stars" in bad.json()["errors"]
    assert post(api(bob), f"{base}/rating", {"took_place": True, "stars": 5}).status_code == 201
    closed = post(api(alice), f"{base}/rating", {"took_place": True, "stars": 4})
    assert closed.json()["session_state"] == "completed"
    assert api(bob).get(base).json()["todo"] == []


def test_outsiders_get_404_from_the_debrief_api_and_nothing_changes(alice, bob, charlie):
    booking = session(alice, bob)
    base = f"/api/v1/bookings/{booking.pk}/debrief"
    client = api(charlie)
    assert client.get(base).status_code == 404
    assert (
        put(client, f"{base}/advice", {"items": [{"text": "Take over this one"}]}).status_code
        == 404
    )
    assert put(client, f"{base}/reflection", {"text": "Not mine to write"}).status_code == 404
    assert post(client, f"{base}/rating", {"took_place": False}).status_code == 404
    assert (
        post(client, "/api/v1/action-items", {"text": "x y z", "session": booking.pk}).status_code
        == 404
    )
    mine = ActionItem.objects.create(owner=bob, text="Mine")
    assert (
        client.patch(
            f"/api/v1/action-items/{mine.pk}",
            json.dumps({"state": "done"}),
            content_type="application/json",
        ).status_code
        == 404
    )
    mine.refresh_from_db()
    assert mine.state == "open" and not AdviceItem.objects.exists() and not Rating.objects.exists()
