"""Community insights: admins see how mentoring fares in their community as aggregates only,
never a name or a word anyone wrote, and figures about fewer than five people stay hidden."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.db.models import Model
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from bitesize.accounts.models import User
from bitesize.accounts.services import access_token_create
from bitesize.asks.models import Ask
from bitesize.communities.insights import Figure, insights_of
from bitesize.communities.models import Community, Membership
from bitesize.debriefs.models import ActionItem, AdviceItem, Conflict, Rating, Reflection
from bitesize.goals.models import Goal
from bitesize.notifications.models import Notification
from bitesize.profiles.services import profile_skill_add
from bitesize.recognition.models import PointEntry
from bitesize.recognition.services import points_sync_for
from bitesize.recognition.tests.helpers import session
from bitesize.scheduling.models import Booking
from bitesize.skills.models import Skill
from conftest import client_for, make_user

pytestmark = pytest.mark.django_db

REFLECTION = "I am nervous about the cluster migration and my manager"
COMMENT = "The mentor arrived late and seemed distracted"
ADVICE = "Drain and upgrade one node pool at a time"
QUESTION = "How do we move Project Zebra to the new cluster quietly?"
ACTION = "Write the Zebra runbook for the on-call team"
MENTEE_NAMES = ["Erin Quist", "Farid Lomax", "Greta Vance", "Hugo Brandt"]
MENTOR_NAMES = ["Ines Fairbairn", "Jonas Petrakis", "Kaia Lindqvist", "Luca Ferreira"]


@dataclass
class Seeded:
    community: Community
    mentors: list[User]
    mentees: list[User]
    held: list[Booking]


def member(community, email, name, *, role=Membership.Role.MEMBER, mentor=False):
    user = make_user(email, name, mentor=mentor)
    Membership.objects.create(community=community, user=user, role=role)
    return user


def held(mentor, mentee, start, *, minutes=30):
    """A session held in full (both confirmed, both in the room), with its ledger entries."""
    booking = session(mentor, mentee, start=start, minutes=minutes)
    points_sync_for(booking)
    return booking


@pytest.fixture
def seeded(org, alice, bob, dana):
    """Northwind: five mentors and five mentees, one session per pair two hours ago, advice in
    each, four complete debriefs, a no-show, a late cancel, and asks about Kubernetes (and one
    about Python)."""
    mentors = [alice] + [
        member(org, f"mentor{n}@example.com", name, role=Membership.Role.MENTOR, mentor=True)
        for n, name in enumerate(MENTOR_NAMES)
    ]
    mentees = [bob] + [
        member(org, f"mentee{n}@example.com", name) for n, name in enumerate(MENTEE_NAMES)
    ]
    profile_skill_add(profile=mentors[1].profile, text="Kubernetes", level=3)
    profile_skill_add(profile=mentors[2].profile, text="Kubernetes", level=1)  # learning only
    kubernetes = Skill.objects.get(name="Kubernetes")
    start = timezone.now() - timedelta(hours=2)
    sessions = []
    for n, (mentor, mentee) in enumerate(zip(mentors, mentees, strict=True)):
        ask = Ask.objects.create(asker=mentee, question=QUESTION, objective="move it")
        ask.audience.add(org)
        ask.skills.add(kubernetes)
        Ask.objects.filter(pk=ask.pk).update(created_at=start - timedelta(hours=2 * (n + 1)))
        booking = held(mentor, mentee, start)
        Booking.objects.filter(pk=booking.pk).update(ask=ask)
        sessions.append(booking)
        advice = AdviceItem.objects.create(
            booking=booking, mentor=mentor, mentee=mentee, position=1, text=ADVICE, helpful=n < 3
        )
        if n < 4:  # four complete debriefs: advice, a private reflection, both ratings
            Reflection.objects.create(booking=booking, author=mentee, text=REFLECTION)
        ActionItem.objects.create(
            owner=mentee,
            booking=booking,
            advice=advice,
            text=ACTION,
            due=timezone.localdate() - timedelta(days=1 if n < 4 else 0),
            state=ActionItem.State.DONE if n < 3 else ActionItem.State.OPEN,
        )
    # Two four-star ratings with a private comment; the rest are five stars.
    Rating.objects.filter(booking=sessions[0]).update(stars=4, comment=COMMENT)
    python = Ask.objects.create(asker=mentees[0], question=QUESTION, objective="learn python")
    python.audience.add(org)
    python.skills.add(Skill.objects.get(name="Python"))
    # Asks not posted to the community do not count, even a member's.
    Ask.objects.create(asker=dana, question=QUESTION, objective="elsewhere").skills.add(kubernetes)
    yesterday = timezone.now() - timedelta(days=1)
    nobody: tuple[User, ...] = ()
    session(
        mentors[0],
        mentees[1],
        start=yesterday,
        state=Booking.State.NO_SHOW,
        confirmed=nobody,
        attended=nobody,
    )
    session(
        mentors[1],
        mentees[2],
        start=yesterday,
        state=Booking.State.CANCELLED,
        late_cancel=True,
        confirmed=nobody,
        attended=nobody,
    )
    return Seeded(org, mentors, mentees, sessions)


def test_the_admin_sees_the_seeded_community_in_figures(seeded, dana):
    report = insights_of(seeded.community, days=90)
    p, a, f = report.participation, report.asks, report.follow_through
    assert p.members == 11  # five mentors, five mentees, the owner
    assert (p.sessions, p.mentees, p.mentors) == (
        Figure(5, False),
        Figure(5, False),
        Figure(5, False),
    )
    # Minutes come from the ledger: 30 minutes together in each of the five sessions.
    assert PointEntry.objects.filter(kind="session", minutes=30).count() == 5
    assert p.minutes == Figure(150, False)
    assert p.took_part == Figure(91, False, "%")  # 10 of 11 members
    assert a.asks == Figure(6, False)
    assert a.with_session == Figure(83, False, "%")  # 5 of 6 asks
    assert a.median_hours == Figure(6.0, False, " h")  # waits of 2, 4, 6, 8 and 10 hours
    assert a.no_show_rate == Figure(17, False, "%")  # 1 of 6 sessions due
    assert a.late_cancel_rate == Figure(14, False, "%")  # 1 of 7 booked
    assert f.debriefed == Figure(80, False, "%")  # 4 of 5
    assert f.average_rating == Figure(4.8, False, " / 5")  # eight fives and two fours
    assert f.ratings == Figure(10, False)
    assert f.helpful == Figure(60, False, "%")  # 3 of 5 advice items
    assert (f.actions_done, f.actions_due, f.actions_done_share) == (
        Figure(3, False),
        Figure(5, False),
        Figure(60, False, "%"),
    )
    months = [m for m in report.months if m.sessions.value]
    assert len(months) == 1 and months[0].sessions == Figure(5, False) and months[0].bar == 100
    kubernetes, python = report.skills
    assert (kubernetes.name, kubernetes.askers, kubernetes.mentors) == (
        "Kubernetes",
        Figure(5, False),
        Figure(None, True),  # alice and one more offer it: fewer than five
    )
    assert (python.name, python.askers, python.mentors) == (
        "Python",
        Figure(None, True),
        Figure(0, False),
    )

    page = client_for(dana).get(reverse("community_insights", args=["northwind"]))
    assert page.status_code == 200
    html = page.content.decode()
    for text in ("150", "83%", "6.0 h", "4.8 / 5", "60%", "Kubernetes", "Last 90 days"):
        assert text in html
    assert html.count('class="bar"') == 1


def test_the_json_endpoint_gives_the_same_figures(seeded, dana):
    token = access_token_create(user=dana, name="t")[1]
    response = Client(headers={"Authorization": f"Bearer {token}"}).get(
        "/api/v1/communities/northwind/insights?days=90"
    )
    assert response.status_code == 200
    body = response.json()
    assert body["days"] == 90 and body["min_group"] == 5
    assert body["participation"]["sessions"] == {"value": 5, "hidden": False}
    assert body["participation"]["minutes"] == {"value": 150, "hidden": False}
    assert body["asks"]["median_hours"] == {"value": 6.0, "hidden": False}
    assert body["follow_through"]["average_rating"] == {"value": 4.8, "hidden": False}
    assert body["skills"][1] == {
        "name": "Python",
        "askers": {"value": None, "hidden": True},
        "mentors": {"value": 0, "hidden": False},
    }


def snapshot() -> dict[str, int]:
    models: list[type[Model]] = [
        Booking, Rating, Reflection, AdviceItem, ActionItem, Ask, Conflict, PointEntry,
        Membership, Notification,
    ]  # fmt: skip
    return {m.__name__: m.objects.count() for m in models}


@pytest.mark.parametrize("who", ["bob", "alice", "charlie"])
def test_plain_members_mentors_and_outsiders_get_404_and_nothing_changes(seeded, who, request):
    user = request.getfixturevalue(who)
    before = snapshot()
    client = client_for(user)
    assert client.get(reverse("community_insights", args=["northwind"])).status_code == 404
    assert client.get("/api/v1/communities/northwind/insights").status_code == 404
    token = access_token_create(user=user, name="t")[1]
    api = client.get(
        "/api/v1/communities/northwind/insights", headers={"Authorization": f"Bearer {token}"}
    )
    assert api.status_code == 404 and api.json() == {"detail": "No such community."}
    assert snapshot() == before
    page = client.get(reverse("community_detail", args=["northwind"])).content.decode()
    assert reverse("community_insights", args=["northwind"]) not in page


def test_anonymous_visitors_are_sent_to_log_in(seeded, client):
    response = client.get(reverse("community_insights", args=["northwind"]))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert client.get("/api/v1/communities/northwind/insights").status_code == 401


def test_admins_find_insights_on_the_community_page(seeded, dana):
    page = client_for(dana).get(reverse("community_detail", args=["northwind"])).content.decode()
    assert reverse("community_insights", args=["northwind"]) in page


def test_no_names_and_no_private_words_reach_the_page_or_the_api(seeded, dana):
    html = client_for(dana).get(reverse("community_insights", args=["northwind"])).content.decode()
    api = client_for(dana).get("/api/v1/communities/northwind/insights").content.decode()
    for text in (REFLECTION, COMMENT, ADVICE, QUESTION, ACTION, "Zebra", "distracted"):
        assert text not in html and text not in api
    for person in [*seeded.mentors, *seeded.mentees, dana]:
        for text in (person.profile.name, person.email, person.profile.handle):
            assert text not in html and text not in api


def test_figures_about_fewer_than_five_people_show_as_fewer_than_five(org, alice, bob, dana):
    """Three mentees with one mentor: every session figure describes too few people."""
    mentees = [bob, member(org, "e1@example.com", "Erin Quist")]
    mentees.append(member(org, "e2@example.com", "Farid Lomax"))
    start = timezone.now() - timedelta(hours=3)
    for n, mentee in enumerate(mentees):
        held(alice, mentee, start - timedelta(minutes=40 * n))
    report = insights_of(org, days=90)
    assert report.participation.sessions == Figure(None, True)
    assert report.participation.minutes == Figure(None, True)
    assert report.participation.mentees == Figure(None, True)
    assert report.follow_through.average_rating == Figure(None, True, " / 5")
    assert all(m.bar == 0 for m in report.months)
    html = client_for(dana).get(reverse("community_insights", args=["northwind"])).content.decode()
    assert "fewer than 5" in html
    assert 'class="bar"' not in html
    assert ">90<" not in html  # the three sessions' 90 minutes
    body = client_for(dana).get("/api/v1/communities/northwind/insights").json()
    assert body["participation"]["sessions"] == {"value": None, "hidden": True}
    assert body["participation"]["minutes"] == {"value": None, "hidden": True}
    assert [m["sessions"] for m in body["months"] if m["sessions"]["hidden"]]


def test_the_threshold_is_a_setting(org, alice, bob, dana, settings):
    held(alice, bob, timezone.now() - timedelta(hours=3))
    settings.INSIGHTS_MIN_GROUP = 1
    assert insights_of(org, days=30).participation.sessions == Figure(1, False)
    settings.INSIGHTS_MIN_GROUP = 2
    assert insights_of(org, days=30).participation.sessions == Figure(None, True)


def test_a_month_with_three_mentees_is_hidden_and_draws_no_bar(seeded, dana):
    back = timezone.now() - timedelta(days=60)
    for mentor, mentee in zip(seeded.mentors[:3], seeded.mentees[:3], strict=True):
        held(mentor, mentee, back)
    report = insights_of(seeded.community, days=90)
    month = back.date().replace(day=1)
    (old,) = [m for m in report.months if m.month == month]
    assert old.sessions == Figure(None, True) and old.mentees == Figure(None, True)
    assert old.bar == 0
    assert report.participation.sessions == Figure(8, False)
    # The last 30 days leave the old month out.
    assert insights_of(seeded.community, days=30).participation.sessions == Figure(5, False)
    html = (
        client_for(dana)
        .get(reverse("community_insights", args=["northwind"]) + "?days=365")
        .content.decode()
    )
    assert html.count('class="bar"') == 1 and "Last 12 months" in html


def test_sessions_with_someone_outside_the_community_do_not_count(org, alice, dana, charlie):
    for n in range(5):
        held(alice, charlie, timezone.now() - timedelta(hours=3 + n))
    assert insights_of(org, days=90).participation.sessions == Figure(0, False)


def test_conflict_flags_are_counted_by_how_they_were_resolved(org, alice, bob, dana, settings):
    settings.INSIGHTS_MIN_GROUP = 1
    others = [
        member(org, f"m{n}@example.com", f"Mentor {n}", role=Membership.Role.MENTOR, mentor=True)
        for n in range(3)
    ]
    goal = Goal.objects.create(owner=bob, title="Grow into a senior engineer")
    items = []
    for n, mentor in enumerate([alice, *others]):
        booking = held(mentor, bob, timezone.now() - timedelta(days=n + 1))
        items.append(
            AdviceItem.objects.create(
                booking=booking, mentor=mentor, mentee=bob, goal=goal, position=1, text=ADVICE
            )
        )
    one, two, three, four = items
    flags = [
        (one, two, Conflict.State.RESOLVED, Conflict.Decision.COMBINE),
        (one, three, Conflict.State.RESOLVED, Conflict.Decision.KEEP_A),
        (two, three, Conflict.State.RESOLVED, Conflict.Decision.KEEP_B),
        (one, four, Conflict.State.OPEN, ""),
        (two, four, Conflict.State.TIE_BREAK, ""),
        (three, four, Conflict.State.DISMISSED, ""),
    ]
    for a, b, state, decision in flags:
        Conflict.objects.create(
            goal=goal, a=a, b=b, explanation="They disagree", state=state, decision=decision
        )
    counts = {c.label: c.count.value for c in insights_of(org, days=90).conflicts}
    assert counts == {
        "Flags raised": 6,
        "Kept one piece of advice": 2,
        "Combined both": 1,
        "Decided after a tie-break": 0,
        "Tie-break under way": 1,
        "Not a conflict after all": 1,
        "Still open": 1,
    }
    settings.INSIGHTS_MIN_GROUP = 5  # one mentee's goal: hidden again
    hidden = insights_of(org, days=90).conflicts
    assert hidden[0].count == Figure(None, True)
    html = client_for(dana).get(reverse("community_insights", args=["northwind"])).content.decode()
    assert "They disagree" not in html


def test_a_bad_period_is_a_400_with_a_form_error_and_the_default_period(seeded, dana):
    response = client_for(dana).get(reverse("community_insights", args=["northwind"]) + "?days=7")
    assert response.status_code == 400
    html = response.content.decode()
    assert "Pick a period of 30 days, 90 days or 12 months" in html
    assert "Showing the last 90 days instead." in html
    api = client_for(dana)
    bad = api.get("/api/v1/communities/northwind/insights?days=7")
    assert bad.status_code == 400 and "days" in bad.json()["errors"]
    assert api.get("/api/v1/communities/northwind/insights?days=soon").status_code == 422


def test_the_page_runs_a_fixed_number_of_queries(seeded, dana, django_assert_max_num_queries):
    client = client_for(dana)
    url = reverse("community_insights", args=["northwind"])
    with django_assert_max_num_queries(16):
        assert client.get(url).status_code == 200
    # Twice the sessions, more months: still the same queries.
    back = timezone.now() - timedelta(days=45)
    for mentor, mentee in zip(seeded.mentors, seeded.mentees, strict=True):
        held(mentor, mentee, back)
    with django_assert_max_num_queries(16):
        assert client.get(url + "?days=365").status_code == 200
