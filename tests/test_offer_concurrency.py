"""One ask, several mentors pressing "accept" at the same moment: exactly one takes it,
over real HTTP against a threaded server and the configured database."""

from __future__ import annotations

import threading
import urllib.error
import urllib.request
from collections import Counter

import pytest

from bitesize.accounts.services import access_token_create
from bitesize.asks import services
from bitesize.asks.models import Ask, Offer
from bitesize.asks.services import ask_create, ask_go_now
from bitesize.communities.models import Membership
from bitesize.profiles.services import profile_skill_add
from bitesize.scheduling.models import Booking, BookingSeat
from conftest import make_user

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

MENTORS = 8


def test_several_mentors_accept_one_ask_at_once_and_exactly_one_wins(
    live_server, bob, org, monkeypatch
):
    monkeypatch.setattr(services, "WAVE", MENTORS)
    tokens = {}
    for n in range(MENTORS):
        user = make_user(f"mentor{n}@example.com", f"Mentor {n}", mentor=True)
        profile_skill_add(profile=user.profile, text="PostgreSQL", level=4)
        user.profile.available_now = True
        user.profile.session_lengths = [15]
        user.profile.save()
        Membership.objects.create(community=org, user=user, role=Membership.Role.MENTOR)
        tokens[user.pk] = access_token_create(user=user, name="load")[1]
    ask = ask_create(
        asker=bob,
        question="Our PostgreSQL primary is at 100% CPU since the last deploy, what do I check?",
        objective="find the query or setting that causes it",
        minutes=15,
        urgency=Ask.Urgency.NOW,
    )
    ask_go_now(ask=ask, by=bob)
    offers = list(Offer.objects.filter(ask=ask))
    assert len(offers) == MENTORS
    barrier = threading.Barrier(MENTORS)
    statuses: dict[int, int] = {}

    def accept(offer: Offer) -> None:
        request = urllib.request.Request(
            f"{live_server.url}/api/v1/offers/{offer.pk}/accept",
            data=b"",
            method="POST",
            headers={"Authorization": f"Bearer {tokens[offer.mentor_id]}"},
        )
        barrier.wait()
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                statuses[offer.mentor_id] = response.status
        except urllib.error.HTTPError as error:
            statuses[offer.mentor_id] = error.code

    threads = [threading.Thread(target=accept, args=(offer,)) for offer in offers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert Counter(statuses.values()) == {200: 1, 409: MENTORS - 1}, statuses
    winner = next(m for m, s in statuses.items() if s == 200)
    booking = Booking.objects.get()
    assert (booking.mentor_id, booking.mentee_id) == (winner, bob.pk)
    assert BookingSeat.objects.filter(holding=True).count() == 2
    assert Counter(Offer.objects.values_list("state", flat=True)) == {
        "accepted": 1,
        "taken": MENTORS - 1,
    }
    assert Offer.objects.get(state="accepted").mentor_id == winner
    ask.refresh_from_db()
    assert ask.state == Ask.State.BOOKED
