"""The ledger from stored facts: idempotent, and every anti-gaming rule with a test."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from bitesize.asks.models import Ask
from bitesize.communities.models import Membership
from bitesize.debriefs.models import ActionItem, AdviceItem, Conflict, Rating, Reflection
from bitesize.debriefs.services import action_item_update, advice_mark, rating_submit
from bitesize.goals.models import Goal
from bitesize.notifications.models import Notification
from bitesize.recognition import services
from bitesize.recognition.models import BadgeAward, PointEntry, RecognitionSettings
from bitesize.recognition.rules import Kind
from bitesize.recognition.tests.helpers import MONDAY, session
from bitesize.rooms.services import room_detect_no_show
from bitesize.safety.services import block_create
from bitesize.scheduling.models import Booking, BookingEvent
from bitesize.scheduling.services import booking_cancel
from conftest import make_user, run_due_tasks

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


def test_a_late_cancel_through_the_booking_service_costs_points(
    alice, bob, django_capture_on_commit_callbacks
):
    now = timezone.now()
    booking = session(
        alice,
        bob,
        start=now + timedelta(hours=1),
        state=Booking.State.CONFIRMED,
        confirmed=(),
        attended=(),
    )
    with django_capture_on_commit_callbacks(execute=True):
        booking_cancel(booking=booking, by=bob, reason="Something came up", now=now)
    run_due_tasks()
    assert ledger(bob) == [(Kind.LATE_CANCEL, -5)] and ledger(alice) == []


def test_a_no_show_the_room_detects_costs_whoever_never_joined(
    alice, bob, django_capture_on_commit_callbacks
):
    now = timezone.now()
    booking = session(
        alice,
        bob,
        start=now - timedelta(minutes=15),
        state=Booking.State.CONFIRMED,
        confirmed=(),
        attended=(alice,),
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert room_detect_no_show(booking=booking, now=now) == "no-show"
    run_due_tasks()
    assert ledger(bob) == [(Kind.NO_SHOW, -10)] and ledger(alice) == []


def test_the_mentor_of_a_tie_break_session_earns_for_it(alice, bob, org):
    carol = make_user("carol@example.com", "Carol Diaz", mentor=True)
    Membership.objects.create(community=org, user=carol)
    goal = Goal.objects.create(owner=bob, title="Upgrade the cluster")
    first = session(alice, bob)
    second = session(carol, bob, start=MONDAY + timedelta(days=1))
    a, b = (
        AdviceItem.objects.create(
            booking=s, mentor=s.mentor, mentee=bob, goal=goal, position=1, text=text
        )
        for s, text in ((first, "Upgrade in place node by node"), (second, "Build a new cluster"))
    )
    ask = Ask.objects.create(asker=bob, question="Which way?", objective="Decide", goal=goal)
    Conflict.objects.create(goal=goal, a=a, b=b, explanation="They differ", tie_break_ask=ask)
    dave = make_user("dave@example.com", "Dave Ng", mentor=True)
    Membership.objects.create(community=org, user=dave)
    tie_break = session(dave, bob, start=MONDAY + timedelta(days=2), ask=ask)
    services.points_sync_for(tie_break)
    assert (Kind.TIE_BREAK, 5) in ledger(dave)
    services.badges_sync_for(dave)
    assert BadgeAward.objects.filter(user=dave, code="tie-breaker").exists()
