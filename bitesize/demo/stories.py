"""A lived-in demo: Bob has a goal with two past sessions, each debriefed, whose advice
disagrees, so the goal page shows the ledger with a flag to decide; Alice's impact page shows
advice he applied. Built through the same services as real use."""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from bitesize.accounts.models import User
from bitesize.asks.services import ask_create
from bitesize.communities.models import Membership
from bitesize.debriefs.ledger import ledger_scan
from bitesize.debriefs.models import ActionItem, AdviceItem
from bitesize.debriefs.services import (
    AdviceIn,
    action_item_add,
    action_item_update,
    advice_set,
    rating_submit,
    reflection_save,
)
from bitesize.goals.models import Goal
from bitesize.scheduling.models import Booking, BookingSeat

GOAL = "Grow from analyst into a data team lead"


def _past_session(mentor: User, mentee: User, goal: Goal, question: str, days_ago: int) -> Booking:
    ask = ask_create(
        asker=mentee,
        question=question,
        objective="decide my next step towards leading the data team",
        minutes=30,
        goal_id=goal.pk,
    )
    start = (timezone.now() - timedelta(days=days_ago)).replace(minute=0, second=0, microsecond=0)
    booking = Booking.objects.create(
        mentor=mentor,
        mentee=mentee,
        start=start,
        end=start + timedelta(minutes=30),
        question=question,
        objective=ask.objective,
        ask=ask,
        state=Booking.State.CONFIRMED,
    )
    BookingSeat.objects.bulk_create(
        BookingSeat(booking=booking, user=u, start=booking.start, end=booking.end)
        for u in (mentor, mentee)
    )
    ask.state = ask.State.BOOKED
    ask.save(update_fields=["state"])
    # Told as it happened: the ask a day before the session.
    type(ask).objects.filter(pk=ask.pk).update(created_at=start - timedelta(days=1))
    return booking


def seed_stories(domain: str) -> bool:
    bob = User.objects.filter(email=f"bob@{domain}").first()
    alice = User.objects.filter(email=f"alice@{domain}").first()
    if bob is None or alice is None or Goal.objects.filter(owner=bob, title=GOAL).exists():
        return False
    other = (
        User.objects.filter(
            profile__is_mentor=True,
            memberships__community__slug="northwind",
            memberships__role=Membership.Role.MENTOR,
        )
        .exclude(pk__in=(alice.pk, bob.pk))
        .order_by("pk")
        .first()
    )
    if other is None:
        return False
    with transaction.atomic():
        goal = Goal.objects.create(owner=bob, title=GOAL)
        first = _past_session(
            alice, bob, goal, "Should I go deep on ML engineering or broaden into analytics?", 12
        )
        advice = advice_set(
            booking=first,
            by=alice,
            items=[
                AdviceIn(
                    "Specialise in ML engineering now and stop spreading yourself thin",
                    "you want the tech-lead track within two years",
                ),
                AdviceIn(
                    "Pair with the platform team on one production model this quarter",
                    "your manager can free a day a week",
                ),
            ],
        )
        reflection_save(
            booking=first,
            by=bob,
            text="Depth first sounds right if I want the tech lead role. Talk to my manager.",
            shared=True,
        )
        item = action_item_add(
            by=bob,
            text="Ask my manager for a day a week with the platform team",
            due=timezone.localdate(),
            booking=first,
            advice=advice[1],
        )
        action_item_update(
            item=item,
            by=bob,
            state="done",
            outcome="Approved: Tuesdays with the platform team from next month",
        )
        for person, stars in ((bob, 5), (alice, 4)):
            rating_submit(booking=first, by=person, took_place=True, stars=stars, solved=True)

        second = _past_session(
            other, bob, goal, "How do I become a data lead without losing touch with the work?", 4
        )
        advice_set(
            booking=second,
            by=other,
            items=[
                AdviceIn(
                    "Stay a generalist for two more years before you pick a specialty",
                    "a lead needs to judge work across the whole data stack",
                ),
                AdviceIn(
                    "Run the team's weekly planning for a month to practise leading",
                    "the current lead agrees to hand it over",
                ),
            ],
        )
        action_item_add(
            by=bob,
            text="Offer to run weekly planning in March",
            due=timezone.localdate() + timedelta(days=10),
            booking=second,
        )
        rating_submit(booking=second, by=bob, took_place=True, stars=4)
        rating_submit(booking=second, by=other, took_place=True, stars=5)
        # The debriefs were written right after each session.
        for booking in (first, second):
            AdviceItem.objects.filter(booking=booking).update(created_at=booking.end)
            ActionItem.objects.filter(booking=booking).update(created_at=booking.end)
        ledger_scan(goal=goal)
    return True
