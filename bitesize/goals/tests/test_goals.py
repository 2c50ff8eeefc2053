"""A goal carries context across sessions and mentors: its timeline, and the brief the next
mentor reads (only while the mentee shares it)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from bitesize.asks.services import ask_create
from bitesize.communities.models import Membership
from bitesize.debriefs.services import AdviceIn, action_item_add, advice_set
from bitesize.goals.models import Goal
from bitesize.goals.selectors import brief_for, goal_timeline
from bitesize.scheduling.models import Booking
from conftest import client_for, make_user

pytestmark = pytest.mark.django_db


def session_on(goal, mentor, mentee, *, days_ago):
    ask = ask_create(
        asker=mentee,
        question=f"Should I move into management, take {days_ago}?",
        objective="decide whether to apply for the lead role",
        goal_id=goal.pk,
    )
    start = timezone.now() - timedelta(days=days_ago)
    return Booking.objects.create(
        mentor=mentor,
        mentee=mentee,
        start=start,
        end=start + timedelta(minutes=30),
        question=ask.question,
        ask=ask,
        state=Booking.State.CONFIRMED,
    )


@pytest.fixture
def story(alice, bob, org):
    goal = Goal.objects.create(owner=bob, title="Become a team lead within a year")
    carol = make_user("carol@example.com", "Carol Ng", mentor=True)
    Membership.objects.create(community=org, user=carol, role=Membership.Role.MENTOR)
    first = session_on(goal, alice, bob, days_ago=20)
    advice_set(
        booking=first,
        by=alice,
        items=[AdviceIn("Ask your manager for a lead trial project", "your manager supports it")],
    )
    action_item_add(by=bob, text="Book a talk with my manager", booking=first)
    second = session_on(goal, carol, bob, days_ago=-2)  # the next session, not yet held
    return goal, first, second, carol


def test_the_timeline_gathers_asks_sessions_advice_and_actions(story, bob):
    goal = story[0]
    kinds = [m.kind for m in goal_timeline(goal)]
    assert kinds[0] == "session" and {"ask", "advice", "action"} <= set(kinds)
    assert kinds.index("advice") < kinds.index("action")
    page = client_for(bob).get(f"/goals/{goal.pk}/").content.decode()
    assert "Ask your manager for a lead trial project" in page
    assert "Book a talk with my manager" in page and "Alice Moreau" in page


def test_the_next_mentor_reads_the_earlier_advice_while_the_mentee_shares_it(story, bob):
    goal, first, second, carol = story
    brief = brief_for(second)
    assert brief.goal == goal
    assert [b.pk for b in brief.earlier_sessions] == [first.pk]
    assert [a.text for a in brief.earlier_advice] == ["Ask your manager for a lead trial project"]
    page = client_for(carol).get(f"/sessions/{second.pk}/").content.decode()
    assert "Advice they already have" in page and "lead trial project" in page

    client_for(bob).post(f"/goals/{goal.pk}/sharing/", {"share": "no"})
    goal.refresh_from_db()
    assert goal.share_with_mentors is False
    assert brief_for(Booking.objects.get(pk=second.pk)).earlier_advice == []
    page = client_for(carol).get(f"/sessions/{second.pk}/").content.decode()
    assert "lead trial project" not in page


def test_goals_are_their_owners_alone(story, alice, charlie):
    goal = story[0]
    for person in (alice, charlie):
        assert client_for(person).get(f"/goals/{goal.pk}/").status_code == 404
        response = client_for(person).post(f"/goals/{goal.pk}/sharing/", {"share": "no"})
        assert response.status_code == 404
    goal.refresh_from_db()
    assert goal.share_with_mentors is True
