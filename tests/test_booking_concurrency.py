"""No double booking under load: 50 people ask for overlapping slots of one mentor at the
same moment, over real HTTP against a threaded server and the configured database."""

from __future__ import annotations

import json
import threading
import urllib.error
import urllib.request
from collections import Counter
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bitesize.accounts.services import access_token_create
from bitesize.communities.models import Membership
from bitesize.scheduling.models import Booking, BookingSeat
from conftest import make_user, set_hours

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PEOPLE = 50


def test_fifty_concurrent_requests_for_overlapping_slots_book_exactly_one(live_server, alice, org):
    set_hours(alice)
    alice.profile.session_lengths = [30, 60]
    alice.profile.save()
    tokens = []
    for n in range(PEOPLE):
        user = make_user(f"mentee{n}@example.com", f"Mentee {n}")
        Membership.objects.create(community=org, user=user)
        tokens.append(access_token_create(user=user, name="load")[1])
    local = datetime.now(ZoneInfo("Europe/Berlin")) + timedelta(days=3)
    base = local.replace(hour=10, minute=0, second=0, microsecond=0).astimezone(UTC)
    barrier = threading.Barrier(PEOPLE)
    statuses: list[int] = [0] * PEOPLE
    bodies: list[dict[str, object]] = [{}] * PEOPLE

    def ask(n: int) -> None:
        # Every request overlaps every other, partly or fully: 10:00–11:00, 10:15–10:45 and
        # 10:30–11:00 in the mentor's zone.
        start, minutes = [
            (base, 60),
            (base + timedelta(minutes=15), 30),
            (base + timedelta(minutes=30), 30),
        ][n % 3]
        data = json.dumps(
            {
                "mentor": alice.profile.handle,
                "start": start.isoformat(),
                "minutes": minutes,
                "question": f"Question number {n} about k8s",
            }
        )
        request = urllib.request.Request(
            f"{live_server.url}/api/v1/bookings",
            data=data.encode(),
            method="POST",
            headers={"Authorization": f"Bearer {tokens[n]}", "Content-Type": "application/json"},
        )
        barrier.wait()
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                statuses[n], bodies[n] = response.status, json.loads(response.read())
        except urllib.error.HTTPError as error:
            statuses[n], bodies[n] = error.code, json.loads(error.read())

    threads = [threading.Thread(target=ask, args=(n,)) for n in range(PEOPLE)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert Counter(statuses) == {201: 1, 409: PEOPLE - 1}, Counter(statuses)
    refused = [b for s, b in zip(statuses, bodies, strict=True) if s == 409]
    assert all("no longer free" in str(b["detail"]) for b in refused)
    assert Booking.objects.count() == 1
    assert BookingSeat.objects.filter(user=alice, holding=True).count() == 1
