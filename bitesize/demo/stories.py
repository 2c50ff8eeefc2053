"""A lived-in demo: Bob has a goal with two past sessions, each debriefed, whose advice
disagrees, so the goal page shows the ledger with a flag to decide; Alice's impact page shows
advice he applied. Built through the same services as real use."""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from bitesize.accounts.models import User
from bitesize.asks.services import ask_create
from bitesize.communities.models import Community, Membership
from bitesize.debriefs.ledger import ledger_scan
from bitesize.debriefs.models import ActionItem, AdviceItem
from bitesize.debriefs.services import (
    AdviceIn,
    action_item_add,
    action_item_update,
    advice_mark,
    advice_set,
    rating_submit,
    reflection_save,
)
from bitesize.goals.models import Goal
from bitesize.recognition.services import kudos_give, recognise_booking, reward_create
from bitesize.rooms.services import attendance_join, attendance_leave
from bitesize.scheduling.models import Booking, BookingSeat

GOAL = "Grow from analyst into a data team lead"


def _past_session(
    mentor: User,
    mentee: User,
    goal: Goal | None,
    question: str,
    days_ago: int,
    objective: str = "decide my next step towards leading the data team",
    skills: tuple[str, ...] = (),
    audience: Community | None = None,
) -> Booking:
    ask = ask_create(
        asker=mentee,
        question=question,
        objective=objective,
        skills=skills,
        minutes=30,
        audience_ids=[audience.pk] if audience else [],
        goal_id=goal.pk if goal else None,
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
    # Told as it happened: the ask a day before the session, both in the room on time.
    type(ask).objects.filter(pk=ask.pk).update(created_at=start - timedelta(days=1))
    for person, late in ((mentor, 0), (mentee, 2)):
        row = attendance_join(booking=booking, user=person, now=start + timedelta(minutes=late))
        attendance_leave(attendance=row, now=booking.end)
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
    for booking in (first, second):
        recognise_booking(booking)
    return True


# Past sessions in Northwind, so that leaderboards, badges, rewards and the admins' insights
# have something to show: (question, objective, advice with its assumption).
HISTORY: tuple[tuple[str, str, tuple[str, ...], tuple[tuple[str, str], ...]], ...] = (
    (
        "Our integration tests fail at random and block merges. Where do I start?",
        "have a plan to make the suite trustworthy within a month",
        ("Test automation", "Python"),
        (
            ("Tag the ten flakiest tests and fix one a week", "the suite blocks merges today"),
            ("Record each flaky failure with its seed in one place", ""),
        ),
    ),
    (
        "How do I run my first one-to-ones as a new team lead?",
        "run a useful first round of one-to-ones next week",
        ("Technical leadership", "Coaching"),
        (
            ("Ask each person what they want more and less of", "you inherited the team"),
            ("Keep a shared running doc per person with actions", ""),
        ),
    ),
    (
        "Which metric should our route-planning service alert on?",
        "pick the two alerts that matter for the on-call rota",
        ("Observability", "Kubernetes"),
        (
            ("Alert on the share of routes planned late, not on CPU", "drivers wait on late plans"),
            ("Page only when the error budget burns twice as fast", ""),
        ),
    ),
    (
        "How do I present a cost-saving proposal to the operations directors?",
        "get a yes to a three-month pilot",
        ("Stakeholder management",),
        (
            ("Open with the money saved per depot per month", "directors think in depots"),
            ("Ask for a pilot in one region instead of a rollout", ""),
        ),
    ),
    (
        "Should our warehouse data move from nightly batches to streaming?",
        "decide whether streaming is worth it this year",
        ("Data engineering", "SQL"),
        (
            ("Stream only the stock levels the pickers see", "other reports are read daily"),
            ("Keep the nightly batch for finance until quarter end", ""),
        ),
    ),
    (
        "How do I write a promotion case for a senior engineer on my team?",
        "write a case the committee can judge in ten minutes",
        ("Promotion case", "Technical leadership"),
        (
            ("Lead with three projects and their measured effect", "the committee reads many"),
            ("Quote peers from other teams on the engineer's impact", ""),
        ),
    ),
)


def seed_history(domain: str) -> int:
    """Completed, debriefed sessions between Northwind's mentors and members over the last
    ten weeks, with points, badges, kudos and two rewards; the count of sessions made."""
    community = Community.objects.filter(slug="northwind").first()
    dana = User.objects.filter(email=f"dana@{domain}").first()
    if community is None or dana is None:
        return 0
    if Booking.objects.filter(question=HISTORY[0][0]).exists():
        return 0
    members = User.objects.filter(memberships__community=community).order_by("pk")
    mentors = list(
        members.filter(memberships__role=Membership.Role.MENTOR, profile__is_mentor=True)[:8]
    )
    mentees = list(members.filter(memberships__role=Membership.Role.MEMBER)[:8])
    if len(mentors) < 2 or len(mentees) < 2:
        return 0
    made: list[Booking] = []
    with transaction.atomic():
        for n in range(18):
            mentor, mentee = mentors[n % len(mentors)], mentees[(n * 3 + 1) % len(mentees)]
            question, objective, skills, advice = HISTORY[n % len(HISTORY)]
            booking = _past_session(
                mentor, mentee, None, question, 3 + n * 4, objective, skills, community
            )
            items = advice_set(
                booking=booking, by=mentor, items=[AdviceIn(t, a) for t, a in advice]
            )
            advice_mark(advice=items[0], by=mentee, helpful=True)
            if n % 5:
                reflection_save(
                    booking=booking,
                    by=mentee,
                    text="Clearer now. I will try the first suggestion this week.",
                    shared=n % 2 == 0,
                )
            if n % 3 == 0:
                item = action_item_add(
                    by=mentee,
                    text=f"Try it: {items[0].text[:80]}",
                    due=timezone.localdate(),
                    booking=booking,
                    advice=items[0],
                )
                action_item_update(item=item, by=mentee, state="done", outcome="Done, it helped")
            for person, stars in ((mentee, 5 if n % 4 else 4), (mentor, 5)):
                rating_submit(booking=booking, by=person, took_place=True, stars=stars)
            made.append(booking)
        reward_create(
            community=community,
            by=dana,
            name="Lunch with the leadership team",
            cost=60,
            stock=4,
            description="An hour over lunch with two directors, on a topic you choose.",
        )
        reward_create(
            community=community,
            by=dana,
            name="A conference ticket",
            cost=250,
            stock=1,
            description="One ticket to a conference of your choice this year.",
        )
    for booking in made:
        recognise_booking(booking)
    for booking in made[:4]:
        kudos_give(
            sender=booking.mentee,
            recipient=booking.mentor,
            message="Thank you, your advice got me unstuck the same week.",
        )
    return len(made)
