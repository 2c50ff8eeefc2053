"""The "now" route: offers to mentors available now, first to accept wins, silence and
declines pass the ask on, and nobody taking it falls back to booking."""

import json
import time
from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from bitesize.accounts.services import access_token_create
from bitesize.asks import services
from bitesize.asks.models import Ask, Offer
from bitesize.asks.selectors import now_status
from bitesize.asks.services import (
    OfferClosed,
    ask_create,
    ask_go_now,
    ask_withdraw,
    offer_accept,
    offer_decline,
    offer_expire,
)
from bitesize.communities.models import Membership
from bitesize.notifications.models import Notification
from bitesize.profiles.services import profile_skill_add
from bitesize.scheduling.models import Booking, BookingSeat
from conftest import client_for, make_user, run_due_tasks

pytestmark = pytest.mark.django_db

NOW_ASK: dict[str, Any] = {
    "question": "Our Kubernetes rollout is stuck with pods in CrashLoopBackOff after the upgrade",
    "objective": "find why the pods crash and get the rollout moving again",
    "minutes": 15,
    "urgency": Ask.Urgency.NOW,
}


def mentor(org, n, *, available=True, skill="Kubernetes"):
    user = make_user(f"mentor{n}@example.com", f"Mentor {n}", mentor=True)
    profile_skill_add(profile=user.profile, text=skill, level=4)
    user.profile.available_now = available
    user.profile.session_lengths = [15, 30]
    user.profile.save()
    Membership.objects.create(community=org, user=user, role=Membership.Role.MENTOR)
    return user


@pytest.fixture
def mentors(org):
    return [mentor(org, n) for n in range(5)]


def api(user):
    token = access_token_create(user=user, name="test")[1]
    return Client(headers={"Authorization": f"Bearer {token}"})


def test_going_now_offers_the_ask_to_the_best_available_mentors(bob, org, mentors):
    busy = mentor(org, 99, available=False)  # no free slot and not available now
    ask = ask_go_now(ask=ask_create(asker=bob, **NOW_ASK), by=bob)

    assert ask.state == Ask.State.SEARCHING
    offers = list(ask.offers.all())
    assert len(offers) == services.WAVE
    assert [o.rank for o in offers] == [1, 2, 3]
    assert all(o.state == Offer.State.PENDING for o in offers)
    assert all(o.deadline - o.sent_at == timedelta(minutes=3) for o in offers)
    offered = {o.mentor_id for o in offers}
    assert busy.pk not in offered and bob.pk not in offered
    assert offered <= {m.pk for m in mentors}
    assert Notification.objects.filter(kind="offer", user_id__in=offered).count() == 3
    status = now_status(ask)
    assert (status.state, status.waiting, status.asked) == ("searching", 3, 3)
    assert status.eta_seconds is not None and 0 < status.eta_seconds <= 180


def test_nobody_available_now_is_a_clear_error_and_changes_nothing(bob, org):
    mentor(org, 1, available=False)
    ask = ask_create(asker=bob, **NOW_ASK)
    with pytest.raises(Exception, match="available right now"):
        ask_go_now(ask=ask, by=bob)
    ask.refresh_from_db()
    assert ask.state == Ask.State.OPEN and not Offer.objects.exists()


def test_the_first_to_accept_takes_the_ask_and_a_session_starts_now(bob, mentors):
    ask = ask_go_now(ask=ask_create(asker=bob, **NOW_ASK), by=bob)
    first, second, _third = ask.offers.select_related("mentor")
    before = timezone.now()

    won = offer_accept(offer=first, by=first.mentor)

    booking = Booking.objects.get()
    assert won.state == Offer.State.ACCEPTED and won.booking == booking
    assert (booking.mentor, booking.mentee, booking.ask) == (first.mentor, bob, ask)
    assert booking.state == Booking.State.CONFIRMED
    assert before - timedelta(seconds=1) <= booking.start <= timezone.now()
    assert booking.end - booking.start == timedelta(minutes=15)
    assert BookingSeat.objects.filter(booking=booking, holding=True).count() == 2
    ask.refresh_from_db()
    assert ask.state == Ask.State.BOOKED and ask.now_candidates == []
    assert set(ask.offers.values_list("state", flat=True)) == {"accepted", "taken"}
    with pytest.raises(OfferClosed, match="Another mentor took this ask"):
        offer_accept(offer=second, by=second.mentor)
    assert Booking.objects.count() == 1
    status = now_status(ask)
    assert status.state == "booked" and status.booking == booking


def test_a_decline_passes_the_ask_to_the_next_mentor(bob, mentors):
    ask = ask_go_now(ask=ask_create(asker=bob, **NOW_ASK), by=bob)
    first = ask.offers.select_related("mentor").first()
    offer_decline(offer=first, by=first.mentor, reason="In a meeting")
    first.refresh_from_db()
    assert (first.state, first.reason) == (Offer.State.DECLINED, "In a meeting")
    assert ask.offers.filter(state=Offer.State.PENDING).count() == services.WAVE
    assert ask.offers.count() == 4 and ask.offers.get(rank=4).state == Offer.State.PENDING
    with pytest.raises(OfferClosed, match="already declined"):
        offer_decline(offer=first, by=first.mentor)


def test_when_everyone_declines_the_ask_falls_back_to_booking(bob, mentors):
    ask = ask_go_now(ask=ask_create(asker=bob, **NOW_ASK), by=bob)
    waiting = ask.offers.filter(state="pending").select_related("mentor")
    while (offer := waiting.first()) is not None:
        offer_decline(offer=offer, by=offer.mentor)
    ask.refresh_from_db()
    assert ask.offers.count() == len(mentors)
    assert ask.state == Ask.State.OPEN and ask.now_gave_up_at is not None
    assert now_status(ask).state == "unanswered"
    note = Notification.objects.get(user=bob, kind="ask.now.unanswered")
    assert note.url == f"/asks/{ask.pk}/"
    page = client_for(bob).get(f"/asks/{ask.pk}/").content.decode()
    assert "Nobody could take it right now" in page and "Book" in page


def test_silence_past_the_deadline_passes_the_ask_on(
    bob, mentors, settings, django_capture_on_commit_callbacks
):
    settings.NOW_OFFER_SECONDS = 1
    with django_capture_on_commit_callbacks(execute=True):
        ask = ask_go_now(ask=ask_create(asker=bob, **NOW_ASK), by=bob)
    assert run_due_tasks() == 0  # nothing is due before the deadline
    time.sleep(1.1)
    with django_capture_on_commit_callbacks(execute=True):
        assert run_due_tasks() == 3
    states = dict(ask.offers.values_list("rank", "state"))
    assert states == {1: "expired", 2: "expired", 3: "expired", 4: "pending", 5: "pending"}
    # The same expiry again (a duplicate task, or a late worker) changes nothing.
    assert offer_expire(offer_id=ask.offers.get(rank=1).pk) == "stale"
    time.sleep(1.1)
    with django_capture_on_commit_callbacks(execute=True):
        run_due_tasks()
    ask.refresh_from_db()
    assert ask.state == Ask.State.OPEN and ask.now_gave_up_at is not None


def test_an_expired_offer_cannot_be_accepted(bob, mentors):
    ask = ask_go_now(ask=ask_create(asker=bob, **NOW_ASK), by=bob)
    offer = ask.offers.select_related("mentor").first()
    with pytest.raises(OfferClosed, match="expired"):
        offer_accept(offer=offer, by=offer.mentor, now=offer.deadline + timedelta(seconds=1))
    assert not Booking.objects.exists()


def test_withdrawing_while_searching_closes_every_offer(bob, mentors):
    ask = ask_go_now(ask=ask_create(asker=bob, **NOW_ASK), by=bob)
    ask_withdraw(ask=ask, by=bob)
    assert set(ask.offers.values_list("state", flat=True)) == {"withdrawn"}
    offer = ask.offers.select_related("mentor").first()
    with pytest.raises(OfferClosed, match="withdrew"):
        offer_accept(offer=offer, by=offer.mentor)
    assert not Booking.objects.exists()


def test_a_mentor_already_in_a_session_cannot_take_it_and_nothing_changes(bob, mentors, org):
    ask = ask_go_now(ask=ask_create(asker=bob, **NOW_ASK), by=bob)
    offer = ask.offers.select_related("mentor").first()
    other = make_user("other@example.com", "Other Mentee")
    Membership.objects.create(community=org, user=other)
    earlier = ask_go_now(
        ask=ask_create(asker=other, **{**NOW_ASK, "question": NOW_ASK["question"] + " again"}),
        by=other,
    )
    mine = earlier.offers.get(mentor=offer.mentor)
    offer_accept(offer=mine, by=offer.mentor)
    with pytest.raises(Exception, match="another session"):
        offer_accept(offer=offer, by=offer.mentor)
    offer.refresh_from_db()
    ask.refresh_from_db()
    assert offer.state == Offer.State.PENDING and ask.state == Ask.State.SEARCHING


def test_eta_comes_from_how_quickly_these_mentors_usually_accept(bob, mentors, alice):
    past = ask_create(asker=bob, **{**NOW_ASK, "question": NOW_ASK["question"] + " before"})
    now = timezone.now()
    for m in mentors:
        Offer.objects.create(
            ask=past,
            mentor=m,
            rank=1,
            sent_at=now - timedelta(hours=1),
            deadline=now - timedelta(minutes=57),
            answered_at=now - timedelta(hours=1) + timedelta(seconds=40),
            state=Offer.State.ACCEPTED,
        )
    ask = ask_go_now(ask=ask_create(asker=bob, **NOW_ASK), by=bob, now=now)
    assert now_status(ask, now=now).eta_seconds == 40
    assert now_status(ask, now=now + timedelta(seconds=30)).eta_seconds == 10


def test_eta_uses_each_mentors_recent_answers_and_everyones_when_they_have_none(bob, mentors, org):
    now = timezone.now()

    def accepted(mentor, seconds, hours_ago):
        question = f"{NOW_ASK['question']} ({Offer.objects.count()})"
        sent = now - timedelta(hours=hours_ago)
        Offer.objects.create(
            ask=ask_create(asker=bob, **{**NOW_ASK, "question": question}),
            mentor=mentor,
            rank=1,
            sent_at=sent,
            deadline=sent + timedelta(minutes=3),
            answered_at=sent + timedelta(seconds=seconds),
            state=Offer.State.ACCEPTED,
        )

    outsider = mentor(org, 50, available=False)  # not offered: only in everyone's figure
    for n in range(3):
        accepted(outsider, 150, hours_ago=n + 1)
    ask = ask_go_now(ask=ask_create(asker=bob, **NOW_ASK), by=bob, now=now)
    waiting = [o.mentor for o in ask.offers.order_by("rank")]
    assert now_status(ask, now=now).eta_seconds == 150  # nobody waiting has answered before
    # A waiting mentor's own last answers count, the recent ones only (older than 90 days not).
    accepted(waiting[0], 60, hours_ago=2)
    accepted(waiting[0], 80, hours_ago=3)
    accepted(waiting[0], 5, hours_ago=24 * 91)
    assert now_status(ask, now=now).eta_seconds == 70


# --- pages and API ------------------------------------------------------------------------


def test_posting_an_urgent_ask_goes_out_at_once_and_the_page_shows_the_live_state(bob, mentors):
    client = client_for(bob)
    data = {**NOW_ASK, "format": "video", "post_anyway": "1"}
    response = client.post("/asks/new/", data)
    ask = Ask.objects.get()
    assert response.status_code == 302 and ask.state == Ask.State.SEARCHING
    page = client.get(f"/asks/{ask.pk}/").content.decode()
    assert "Asking mentors who are free now" in page and "Waiting for 3 mentors" in page
    panel = client.get(f"/asks/{ask.pk}/now/status/").content.decode()
    assert 'data-now-state="searching"' in panel


def test_mentor_sees_offers_and_accepts_from_the_page(bob, mentors):
    ask = ask_go_now(ask=ask_create(asker=bob, **NOW_ASK), by=bob)
    offer = ask.offers.select_related("mentor").first()
    client = client_for(offer.mentor)
    listing = client.get("/offers/").content.decode()
    assert NOW_ASK["question"] in listing and "Accept and start" in listing
    dashboard = client.get("/", follow=True)
    assert dashboard.status_code == 200
    response = client.post(f"/offers/{offer.pk}/accept/")
    booking = Booking.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/sessions/{booking.pk}/"
    panel = client_for(bob).get(f"/asks/{ask.pk}/now/status/").content.decode()
    assert 'data-now-state="booked"' in panel and offer.mentor.profile.name in panel


def test_api_go_now_offers_accept_and_conflict(bob, mentors):
    ask = ask_create(asker=bob, **NOW_ASK)
    started = api(bob).post(f"/api/v1/asks/{ask.pk}/now")
    assert started.status_code == 200, started.content
    assert started.json()["state"] == "searching" and started.json()["waiting"] == 3
    offers = list(Offer.objects.filter(ask=ask).select_related("mentor"))
    listed = api(offers[0].mentor).get("/api/v1/offers?state=pending")
    assert [o["id"] for o in listed.json()] == [offers[0].pk]
    assert listed.json()[0]["question"] == NOW_ASK["question"]
    won = api(offers[0].mentor).post(f"/api/v1/offers/{offers[0].pk}/accept")
    assert won.status_code == 200 and won.json()["state"] == "accepted"
    assert won.json()["session_url"] == f"/sessions/{won.json()['booking']}/"
    lost = api(offers[1].mentor).post(f"/api/v1/offers/{offers[1].pk}/accept")
    assert lost.status_code == 409
    assert lost.json()["detail"] == "Another mentor took this ask a moment before you."
    state = api(bob).get(f"/api/v1/asks/{ask.pk}/now").json()
    assert state["state"] == "booked" and state["booking"] == won.json()["booking"]


def test_api_decline_and_stop(bob, mentors):
    ask = ask_create(asker=bob, **NOW_ASK)
    api(bob).post(f"/api/v1/asks/{ask.pk}/now")
    offer = Offer.objects.filter(ask=ask).select_related("mentor").first()
    declined = api(offer.mentor).post(
        f"/api/v1/offers/{offer.pk}/decline",
        json.dumps({"reason": "On call"}),
        content_type="application/json",
    )
    assert declined.status_code == 200 and declined.json()["state"] == "declined"
    stopped = api(bob).delete(f"/api/v1/asks/{ask.pk}/now")
    assert stopped.status_code == 200 and stopped.json()["state"] == "idle"
    ask.refresh_from_db()
    assert ask.state == Ask.State.OPEN
    assert not Offer.objects.filter(ask=ask, state="pending").exists()
    again = api(bob).delete(f"/api/v1/asks/{ask.pk}/now")
    assert again.status_code == 400 and "not looking" in again.content.decode()


def test_api_going_now_with_nobody_available_says_so(bob, org):
    ask = ask_create(asker=bob, **NOW_ASK)
    response = api(bob).post(f"/api/v1/asks/{ask.pk}/now")
    assert response.status_code == 400
    assert "available right now" in response.content.decode()


def test_outsiders_get_404_for_offers_and_now_state_and_nothing_changes(bob, charlie, mentors):
    ask = ask_go_now(ask=ask_create(asker=bob, **NOW_ASK), by=bob)
    offer = ask.offers.select_related("mentor").first()
    other_mentor = next(m for m in mentors if not ask.offers.filter(mentor=m).exists())
    for person in (charlie, other_mentor, bob):
        for method, path in (
            ("get", f"/api/v1/offers/{offer.pk}"),
            ("post", f"/api/v1/offers/{offer.pk}/accept"),
            ("post", f"/api/v1/offers/{offer.pk}/decline"),
        ):
            client = api(person)
            response = (
                client.get(path)
                if method == "get"
                else client.post(path, json.dumps({}), content_type="application/json")
            )
            assert response.status_code == 404, (person, path)
        assert client_for(person).post(f"/offers/{offer.pk}/accept/").status_code == 404
        assert client_for(person).post(f"/offers/{offer.pk}/decline/").status_code == 404
    for person in (charlie, offer.mentor):
        assert api(person).get(f"/api/v1/asks/{ask.pk}/now").status_code == 404
        assert api(person).delete(f"/api/v1/asks/{ask.pk}/now").status_code == 404
        assert api(person).post(f"/api/v1/asks/{ask.pk}/now").status_code == 404
    assert client_for(charlie).get(f"/asks/{ask.pk}/now/status/").status_code == 404
    assert client_for(charlie).post(f"/asks/{ask.pk}/now/stop/").status_code == 404
    offer.refresh_from_db()
    ask.refresh_from_db()
    assert offer.state == Offer.State.PENDING and ask.state == Ask.State.SEARCHING
    assert not Booking.objects.exists()
    # The offered mentor may read the ask it was offered; the outsider may not.
    assert client_for(offer.mentor).get(f"/asks/{ask.pk}/").status_code == 200
    assert client_for(charlie).get(f"/asks/{ask.pk}/").status_code == 404


def test_how_quickly_a_mentor_answers_feeds_matching_reliability(bob, mentors):
    from bitesize.matching.selectors import mentor_docs

    ask = ask_go_now(ask=ask_create(asker=bob, **NOW_ASK), by=bob)
    offer = ask.offers.select_related("mentor").first()
    offer_decline(offer=offer, by=offer.mentor, now=offer.sent_at + timedelta(minutes=2))
    (doc,) = mentor_docs([offer.mentor_id])
    assert doc.median_response_minutes == 2
    assert mentor_docs([mentors[-1].pk])[0].median_response_minutes is None
