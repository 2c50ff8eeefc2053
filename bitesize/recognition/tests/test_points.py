"""The ledger from stored facts: idempotent, and every anti-gaming rule with a test."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bitesize.debriefs.models import ActionItem, AdviceItem, Reflection
from bitesize.debriefs.services import action_item_update, advice_mark
from bitesize.notifications.models import Notification
from bitesize.recognition import services
from bitesize.recognition.models import BadgeAward, PointEntry, RecognitionSettings
from bitesize.recognition.rules import Kind
from bitesize.recognition.tests.helpers import MONDAY, session
from bitesize.safety.services import block_create
from bitesize.scheduling.models import Booking, BookingEvent
from conftest import run_due_tasks

pytestmark = pytest.mark.django_db


def ledger(user):
    return sorted(PointEntry.objects.filter(user=user).values_list("kind", "points"))


def test_a_held_session_earns_both_people_once_in_their_community(alice, bob, org):
    booking = session(alice, bob, late_by=5)
    added = services.points_sync_for(booking)
    assert ledger(alice) == [(Kind.PUNCTUAL, 1), (Kind.SESSION, 10)]
    assert ledger(bob) == [(Kind.SESSION, 10)]
    assert {e.community_id for e in added} == {org.pk}
    mentor_entry = PointEntry.objects.get(user=alice, kind=Kind.SESSION)
    assert mentor_entry.minutes == 25 and mentor_entry.booking == booking
    assert services.points_sync_for(booking) == []  # re-running changes nothing
    assert PointEntry.objects.count() == 3
    assert services.balance_of(alice.pk, org) == 11


def test_it_awards_nothing_unless_both_confirmed(alice, bob):
    booking = session(alice, bob, confirmed=(alice,))
    assert services.points_sync_for(booking) == []
    assert PointEntry.objects.count() == 0


def test_it_awards_nothing_without_attendance_for_both(alice, bob):
    booking = session(alice, bob, attended=(alice,))
    assert services.points_sync_for(booking) == []
    booking = session(alice, bob, start=MONDAY + timedelta(days=1), attended=())
    assert services.points_sync_for(booking) == []
    assert PointEntry.objects.count() == 0


def test_it_caps_the_sessions_of_a_pair_per_week(alice, bob):
    days = [session(alice, bob, start=MONDAY + timedelta(days=n)) for n in (3, 0, 1)]
    for booking in days:  # synced out of order: the first two of the week earn
        services.points_sync_for(booking)
    earned = set(
        PointEntry.objects.filter(user=bob, kind=Kind.SESSION).values_list("booking_id", flat=True)
    )
    assert earned == {days[1].pk, days[2].pk}
    next_week = session(alice, bob, start=MONDAY + timedelta(days=7))
    assert services.points_sync_for(next_week) != []


def test_a_community_can_change_the_cap_and_the_points(alice, bob, org):
    RecognitionSettings.objects.create(
        community=org, rules={"pair_cap_per_week": 1, "points": {"session": 20}}
    )
    first = session(alice, bob)
    second = session(alice, bob, start=MONDAY + timedelta(days=1))
    services.points_sync_for(first)
    services.points_sync_for(second)
    assert ledger(bob) == [(Kind.PUNCTUAL, 1), (Kind.SESSION, 20)]


def test_blocked_people_earn_nothing_from_each_other(alice, bob):
    block_create(blocker=bob, blocked=alice)
    booking = session(alice, bob)
    assert services.points_sync_for(booking) == []
    no_show = session(alice, bob, start=MONDAY + timedelta(days=1), state=Booking.State.NO_SHOW)
    assert services.points_sync_for(no_show) == []
    assert PointEntry.objects.count() == 0


def test_debrief_reflection_actions_and_helpful_advice_earn(alice, bob):
    booking = session(alice, bob)
    advice = AdviceItem.objects.create(
        booking=booking, mentor=alice, mentee=bob, position=1, text="Drain the nodes one by one"
    )
    Reflection.objects.create(booking=booking, author=bob, text="Drain first, then upgrade.")
    items = [
        ActionItem.objects.create(owner=bob, booking=booking, text=f"Step {n}") for n in range(4)
    ]
    services.points_sync_for(booking)
    assert (Kind.DEBRIEF, 3) in ledger(alice) and (Kind.REFLECTION, 3) in ledger(bob)
    advice_mark(advice=advice, by=bob, helpful=True)
    for item in items:
        action_item_update(item=item, by=bob, state=ActionItem.State.DONE)
    services.points_sync_for(booking)
    assert (Kind.ADVICE_HELPFUL, 2) in ledger(alice)
    done = [k for k, _ in ledger(bob) if k == Kind.ACTION_DONE]
    assert len(done) == 3  # at most three action items per session earn
    before = PointEntry.objects.count()
    services.points_sync_for(booking)
    assert PointEntry.objects.count() == before


def test_action_items_of_a_session_that_earned_nothing_earn_nothing(alice, bob):
    booking = session(alice, bob, attended=(alice,))
    item = ActionItem.objects.create(owner=bob, booking=booking, text="Read the runbook")
    action_item_update(item=item, by=bob, state=ActionItem.State.DONE)
    services.points_sync_for(booking)
    assert PointEntry.objects.count() == 0


def test_a_no_show_costs_the_person_who_did_not_come(alice, bob):
    booking = session(alice, bob, state=Booking.State.NO_SHOW, confirmed=(), attended=(alice,))
    BookingEvent.objects.create(booking=booking, kind=BookingEvent.Kind.NO_SHOW, actor=None)
    services.points_sync_for(booking)
    assert ledger(bob) == [(Kind.NO_SHOW, -10)]
    assert ledger(alice) == []


def test_a_reported_no_show_costs_the_other_side(alice, bob):
    booking = session(alice, bob, state=Booking.State.NO_SHOW, confirmed=(), attended=())
    BookingEvent.objects.create(booking=booking, kind=BookingEvent.Kind.NO_SHOW, actor=bob)
    services.points_sync_for(booking)
    assert ledger(alice) == [(Kind.NO_SHOW, -10)] and ledger(bob) == []


def test_a_late_cancel_costs_who_cancelled(alice, bob):
    booking = session(
        alice,
        bob,
        state=Booking.State.CANCELLED,
        confirmed=(),
        attended=(),
        late_cancel=True,
        cancelled_by=bob,
    )
    services.points_sync_for(booking)
    services.points_sync_for(booking)
    assert ledger(bob) == [(Kind.LATE_CANCEL, -5)] and ledger(alice) == []


def test_rating_the_session_recognises_it_in_the_background(
    alice, bob, django_capture_on_commit_callbacks
):
    from bitesize.debriefs.models import Rating
    from bitesize.debriefs.services import rating_submit

    booking = session(alice, bob, state=Booking.State.CONFIRMED, confirmed=(alice,))
    Rating.objects.filter(booking=booking).delete()
    now = booking.end + timedelta(minutes=1)
    with django_capture_on_commit_callbacks(execute=True):
        rating_submit(booking=booking, by=alice, took_place=True, stars=5, now=now)
        rating_submit(booking=booking, by=bob, took_place=True, stars=4, now=now)
    assert run_due_tasks() >= 1
    assert ledger(bob) == [(Kind.PUNCTUAL, 1), (Kind.SESSION, 10)]
    first = BadgeAward.objects.get(user=bob, code="first-session")
    assert Notification.objects.filter(
        user=bob, kind="recognition.badge", url=f"/badges/{first.public_id}/"
    ).exists()
    run_due_tasks()
    assert BadgeAward.objects.filter(user=bob).count() == 1
