"""Blocks and reports: a block hides two people from each other everywhere, at once."""

import json

import pytest
from django.test import Client

from bitesize.accounts.services import access_token_create
from bitesize.asks.models import Ask, Offer
from bitesize.asks.services import ask_create, ask_go_now
from bitesize.matching.services import suggestions_for
from bitesize.profiles.selectors import DirectoryQuery, mentor_directory
from bitesize.safety.models import Block, Report
from bitesize.safety.services import block_create, block_remove, report_create, report_resolve
from bitesize.scheduling.models import Booking
from bitesize.scheduling.services import booking_create
from conftest import client_for, make_user, set_hours

pytestmark = pytest.mark.django_db

ASK = {
    "question": "How do I plan a zero-downtime Kubernetes upgrade for forty services?",
    "objective": "write the upgrade runbook",
    "minutes": 30,
}


def api(user):
    token = access_token_create(user=user, name="test")[1]
    return Client(headers={"Authorization": f"Bearer {token}"})


@pytest.mark.parametrize("who_blocks", ["mentee", "mentor"])
def test_a_block_either_way_removes_the_mentor_from_suggestions_and_the_directory(
    alice, bob, who_blocks
):
    ask = ask_create(asker=bob, **ASK)
    assert [s.profile.user_id for s in suggestions_for(ask)] == [alice.pk]
    blocker, blocked = (bob, alice) if who_blocks == "mentee" else (alice, bob)
    block_create(blocker=blocker, blocked=blocked)
    assert suggestions_for(ask) == []
    assert alice.profile not in mentor_directory(bob, DirectoryQuery())
    assert client_for(bob).get(f"/people/{alice.profile.handle}/").status_code == 404
    assert client_for(alice).get(f"/people/{bob.profile.handle}/").status_code == 404
    block_remove(blocker=blocker, blocked=blocked)
    assert [s.profile.user_id for s in suggestions_for(ask)] == [alice.pk]


def test_blocked_people_cannot_book_each_other_and_nothing_is_stored(alice, bob):
    from datetime import timedelta

    from django.utils import timezone

    set_hours(alice)
    block_create(blocker=alice, blocked=bob)
    with pytest.raises(Exception, match="cannot book a session with this person"):
        booking_create(
            mentor=alice,
            mentee=bob,
            start=timezone.now() + timedelta(days=2),
            minutes=30,
            format="video",
            question="Help me plan the Kubernetes upgrade please",
        )
    assert not Booking.objects.exists()


def test_a_block_closes_waiting_offers_and_keeps_the_pair_apart_on_the_now_route(alice, bob, org):
    alice.profile.available_now = True
    alice.profile.session_lengths = [30]
    alice.profile.save()
    ask = ask_go_now(ask=ask_create(asker=bob, urgency=Ask.Urgency.NOW, **ASK), by=bob)
    offer = Offer.objects.get(ask=ask)
    block_create(blocker=bob, blocked=alice)
    offer.refresh_from_db()
    assert offer.state == Offer.State.WITHDRAWN
    assert api(alice).post(f"/api/v1/offers/{offer.pk}/accept").status_code == 409
    assert not Booking.objects.exists()


def test_blocking_twice_is_one_block_and_yourself_is_refused(alice, bob):
    block_create(blocker=bob, blocked=alice)
    block_create(blocker=bob, blocked=alice)
    assert Block.objects.count() == 1
    with pytest.raises(Exception, match="yourself"):
        block_create(blocker=bob, blocked=bob)


def test_block_and_unblock_from_the_pages(alice, bob):
    client = client_for(bob)
    profile_page = client.get(f"/people/{alice.profile.handle}/").content.decode()
    assert "Block Alice Moreau" in profile_page and "Report Alice Moreau" in profile_page
    response = client.post(f"/people/{alice.profile.handle}/block/")
    assert response.status_code == 302 and Block.objects.filter(blocker=bob).count() == 1
    settings_page = client.get("/settings/").content.decode()
    assert "Alice Moreau" in settings_page and "Unblock" in settings_page
    client.post(f"/settings/blocked/{alice.pk}/unblock/")
    assert not Block.objects.exists()
    assert client.post(f"/settings/blocked/{alice.pk}/unblock/").status_code == 404


def test_report_form_queues_a_report_and_can_block_at_once(alice, bob):
    client = client_for(bob)
    missing = client.post(f"/people/{alice.profile.handle}/report/", {"reason": "other"})
    assert missing.status_code == 400 and "what happened" in missing.content.decode()
    assert not Report.objects.exists()
    sent = client.post(
        f"/people/{alice.profile.handle}/report/",
        {"reason": "harassment", "details": "Rude messages after the session", "also_block": "on"},
    )
    assert sent.status_code == 302
    report = Report.objects.get()
    assert (report.reporter, report.reported, report.state) == (bob, alice, "open")
    assert Block.objects.filter(blocker=bob, blocked=alice).exists()


def test_moderation_queue_is_for_operators_and_deactivation_takes_effect(alice, bob, charlie):
    report = report_create(reporter=bob, reported=alice, reason="spam", details="Sells courses")
    with pytest.raises(Exception, match="Only operators"):
        report_resolve(report=report, by=charlie, action="dismiss")
    report.refresh_from_db()
    assert report.state == Report.State.OPEN
    assert client_for(charlie).get("/admin/safety/report/").status_code == 302  # to the login

    operator = make_user("ops@example.com", "Ops")
    operator.is_staff = operator.is_superuser = True
    operator.save()
    queue = client_for(operator).get("/admin/safety/report/")
    assert queue.status_code == 200 and "Sells courses" not in queue.content.decode()
    assert "alice@example.com" in queue.content.decode()
    response = client_for(operator).post(
        "/admin/safety/report/",
        {"action": "deactivate", "_selected_action": [report.pk]},
    )
    assert response.status_code == 302
    report.refresh_from_db()
    alice.refresh_from_db()
    assert report.state == Report.State.ACTIONED and report.handled_by == operator
    assert not alice.is_active
    assert suggestions_for(ask_create(asker=bob, **ASK)) == []
    with pytest.raises(Exception, match="already handled"):
        report_resolve(report=report, by=operator, action="dismiss")


def test_api_blocks_and_reports(alice, bob, charlie):
    client = api(bob)
    made = client.post(
        "/api/v1/blocks", json.dumps({"person": alice.profile.handle}), "application/json"
    )
    assert made.status_code == 201 and made.json()["person"] == alice.profile.handle
    assert [b["name"] for b in client.get("/api/v1/blocks").json()] == ["Alice Moreau"]
    assert client.delete(f"/api/v1/blocks/{alice.profile.handle}").status_code == 204
    assert client.delete(f"/api/v1/blocks/{alice.profile.handle}").status_code == 404
    bad = client.post(
        "/api/v1/reports",
        json.dumps({"person": alice.profile.handle, "reason": "boring"}),
        "application/json",
    )
    assert bad.status_code == 400 and "reason" in bad.json()["errors"]
    good = client.post(
        "/api/v1/reports",
        json.dumps({"person": alice.profile.handle, "reason": "no_show", "details": "3 times"}),
        "application/json",
    )
    assert good.status_code == 201 and good.json()["state"] == "open"


def test_outsiders_cannot_block_or_report_people_they_cannot_see(alice, charlie):
    # alice is visible to her organisation only; charlie is outside it.
    client = api(charlie)
    for path, body in (
        ("/api/v1/blocks", {"person": alice.profile.handle}),
        ("/api/v1/reports", {"person": alice.profile.handle, "reason": "spam"}),
    ):
        assert client.post(path, json.dumps(body), "application/json").status_code == 404
    assert client_for(charlie).post(f"/people/{alice.profile.handle}/block/").status_code == 404
    assert client_for(charlie).get(f"/people/{alice.profile.handle}/report/").status_code == 404
    assert not Block.objects.exists() and not Report.objects.exists()
