"""The advice ledger: conflicting advice from two mentors is flagged, and the mentee decides,
or asks a third mentor to break the tie."""

from datetime import timedelta

import pytest
from django.utils import timezone

from bitesize.asks.services import ask_create
from bitesize.communities.models import Membership
from bitesize.debriefs.models import AdviceItem, Conflict
from bitesize.debriefs.services import AdviceIn, advice_set
from bitesize.goals.models import Goal
from bitesize.goals.selectors import brief_for
from bitesize.matching.services import suggestions_for
from bitesize.notifications.models import Notification
from bitesize.profiles.services import profile_skill_add
from bitesize.scheduling.models import Booking
from conftest import client_for, make_user, run_due_tasks

pytestmark = pytest.mark.django_db

SPECIALISE = AdviceIn(
    "Specialise in backend performance now and stop spreading yourself thin",
    "you want a staff role within three years",
)
GENERALIST = AdviceIn(
    "Stay a generalist for two more years before you pick a specialty",
    "you are still finding out what you enjoy",
)


def mentor(org, n):
    user = make_user(f"m{n}@example.com", f"Mentor {n}", mentor=True)
    profile_skill_add(profile=user.profile, text="Career development", level=4)
    Membership.objects.create(community=org, user=user, role=Membership.Role.MENTOR)
    return user


def session(goal, mentor_user, mentee, days_ago=5):
    ask = ask_create(
        asker=mentee,
        question="Should I specialise or stay broad as a mid-level engineer?",
        objective="choose what to focus on next year",
        goal_id=goal.pk,
    )
    start = timezone.now() - timedelta(days=days_ago)
    return Booking.objects.create(
        mentor=mentor_user,
        mentee=mentee,
        start=start,
        end=start + timedelta(minutes=30),
        question=ask.question,
        ask=ask,
        state=Booking.State.CONFIRMED,
    )


@pytest.fixture
def disagreement(bob, org, django_capture_on_commit_callbacks):
    goal = Goal.objects.create(owner=bob, title="Grow into a senior engineer")
    one, two = mentor(org, 1), mentor(org, 2)
    with django_capture_on_commit_callbacks(execute=True):
        advice_set(booking=session(goal, one, bob, 9), by=one, items=[SPECIALISE])
        advice_set(booking=session(goal, two, bob, 2), by=two, items=[GENERALIST])
    run_due_tasks()
    return goal, one, two


def test_opposing_advice_from_two_mentors_is_flagged_with_an_explanation(disagreement, bob):
    goal, one, two = disagreement
    conflict = Conflict.objects.get()
    assert {conflict.a.mentor, conflict.b.mentor} == {one, two}
    assert conflict.state == Conflict.State.OPEN and conflict.explanation
    assert AdviceItem.objects.filter(topic="").count() == 0  # both filed under a topic
    note = Notification.objects.get(user=bob, kind="ledger.conflict")
    assert note.url == f"/goals/{goal.pk}/#ledger"
    page = client_for(bob).get(f"/goals/{goal.pk}/").content.decode()
    assert "Your mentors disagree" in page and SPECIALISE.assumption in page
    # Scanning again flags nothing new.
    from bitesize.debriefs.ledger import ledger_scan

    assert ledger_scan(goal=goal) == []


def test_the_mentee_decides_with_a_rationale_shown_in_the_ledger(disagreement, bob):
    goal = disagreement[0]
    conflict = Conflict.objects.get()
    client = client_for(bob)
    client.post(f"/conflicts/{conflict.pk}/resolve/", {"decision": "combine", "rationale": ""})
    conflict.refresh_from_db()
    assert conflict.state == Conflict.State.OPEN  # refused: no rationale
    client.post(
        f"/conflicts/{conflict.pk}/resolve/",
        {
            "decision": "combine",
            "rationale": "Generalist for a year, then backend performance once I know I like it",
        },
    )
    conflict.refresh_from_db()
    assert (conflict.state, conflict.decision) == ("resolved", "combine")
    page = client.get(f"/goals/{goal.pk}/").content.decode()
    assert "Combine them" in page and "then backend performance" in page


def test_a_tie_break_goes_to_a_third_mentor_who_sees_both_items(disagreement, bob, org):
    goal, one, two = disagreement
    third = mentor(org, 3)
    conflict = Conflict.objects.get()
    response = client_for(bob).post(f"/conflicts/{conflict.pk}/tie-break/")
    conflict.refresh_from_db()
    ask = conflict.tie_break_ask
    assert response.status_code == 302 and response["Location"] == f"/asks/{ask.pk}/"
    assert conflict.state == Conflict.State.TIE_BREAK and ask.goal == goal
    suggested = {s.profile.user_id for s in suggestions_for(ask)}
    assert third.pk in suggested and not suggested & {one.pk, two.pk}
    start = timezone.now() + timedelta(days=1)
    booking = Booking.objects.create(
        mentor=third,
        mentee=bob,
        start=start,
        end=start + timedelta(minutes=15),
        question=ask.question,
        ask=ask,
        state=Booking.State.CONFIRMED,
    )
    brief = brief_for(booking)
    assert brief.tie_breaks == [conflict]
    page = client_for(third).get(f"/sessions/{booking.pk}/").content.decode()
    assert SPECIALISE.text in page and GENERALIST.assumption in page
    client_for(bob).post(
        f"/conflicts/{conflict.pk}/resolve/",
        {"decision": "tie_break", "rationale": "Mentor 3 pointed out I do not yet know"},
    )
    conflict.refresh_from_db()
    assert (conflict.state, conflict.decision) == ("resolved", "tie_break")


def test_only_the_goals_owner_sees_and_decides_its_flags(disagreement, alice, charlie):
    conflict = Conflict.objects.get()
    for person in (alice, charlie, conflict.a.mentor):
        client = client_for(person)
        assert (
            client.post(
                f"/conflicts/{conflict.pk}/resolve/",
                {"decision": "keep_a", "rationale": "I decide for you"},
            ).status_code
            == 404
        )
        assert client.post(f"/conflicts/{conflict.pk}/tie-break/").status_code == 404
    conflict.refresh_from_db()
    assert conflict.state == Conflict.State.OPEN and conflict.tie_break_ask is None


def test_the_ledger_api_is_the_goals_owners_alone(disagreement, bob, charlie):
    import json

    from django.test import Client

    from bitesize.accounts.services import access_token_create

    goal = disagreement[0]
    conflict = Conflict.objects.get()

    def api(user):
        token = access_token_create(user=user, name="t")[1]
        return Client(headers={"Authorization": f"Bearer {token}"})

    body = json.dumps({"decision": "keep_a", "rationale": "I decide for you"})
    for person in (charlie, conflict.a.mentor):
        client = api(person)
        assert client.get(f"/api/v1/goals/{goal.pk}/ledger").status_code == 404
        path = f"/api/v1/conflicts/{conflict.pk}/decision"
        assert client.post(path, body, content_type="application/json").status_code == 404
        assert client.post(f"/api/v1/conflicts/{conflict.pk}/tie-break").status_code == 404
    conflict.refresh_from_db()
    assert conflict.state == Conflict.State.OPEN and conflict.tie_break_ask is None
    ledger = api(bob).get(f"/api/v1/goals/{goal.pk}/ledger").json()
    assert [c["id"] for c in ledger["conflicts"]] == [conflict.pk]
    decided = api(bob).post(
        f"/api/v1/conflicts/{conflict.pk}/decision",
        json.dumps({"decision": "keep_b", "rationale": "Broad first suits where I am now"}),
        content_type="application/json",
    )
    assert decided.status_code == 200 and decided.json()["decision"] == "keep_b"


def test_the_mentee_flags_advice_the_ledger_missed_and_decides_it_like_any_other(
    disagreement, bob, org
):
    goal, _one, _two = disagreement
    Conflict.objects.all().delete()  # as if the detector had not seen it
    first, second = AdviceItem.objects.order_by("pk")
    client = client_for(bob)
    page = client.get(f"/goals/{goal.pk}/").content.decode()
    assert 'id="flag"' in page

    response = client.post(
        f"/goals/{goal.pk}/conflicts/",
        {"a": second.pk, "b": first.pk, "note": "  one says narrow,   one says broad "},
    )
    conflict = Conflict.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"#conflict-{conflict.pk}")
    assert (conflict.a, conflict.b, conflict.source) == (first, second, Conflict.Source.MENTEE)
    assert (
        conflict.explanation == "You marked these as disagreeing: one says narrow, one says broad"
    )
    assert "You marked these as disagreeing" in client.get(f"/goals/{goal.pk}/").content.decode()
    # Flagging the same pair again is refused; dismissed, it can be flagged again.
    client.post(f"/goals/{goal.pk}/conflicts/", {"a": first.pk, "b": second.pk})
    assert Conflict.objects.count() == 1
    client.post(f"/conflicts/{conflict.pk}/resolve/", {"decision": "dismiss"})
    client.post(f"/goals/{goal.pk}/conflicts/", {"a": first.pk, "b": second.pk})
    conflict.refresh_from_db()
    assert conflict.state == Conflict.State.OPEN and conflict.decided_at is None


def test_a_flag_needs_two_items_of_the_goal_from_different_mentors(disagreement, bob, org):
    goal, one, _two = disagreement
    Conflict.objects.all().delete()
    first, second = AdviceItem.objects.order_by("pk")
    other_goal = Goal.objects.create(owner=bob, title="Speak at a conference")
    third = mentor(org, 3)
    stray = advice_set(booking=session(other_goal, third, bob), by=third, items=[SPECIALISE])[0]
    same = advice_set(booking=session(goal, one, bob, 1), by=one, items=[GENERALIST])[0]
    cases = [
        ({"a": first.pk, "b": first.pk}, "Pick two different pieces of advice from this goal."),
        ({"a": first.pk, "b": stray.pk}, "Pick two different pieces of advice from this goal."),
        ({"a": first.pk, "b": "x"}, "Pick two different pieces of advice from this goal."),
        ({"a": first.pk, "b": same.pk}, "Both come from the same mentor"),
        ({"a": first.pk, "b": second.pk, "note": "n" * 301}, "under 300 characters"),
    ]
    for data, problem in cases:
        page = client_for(bob).post(f"/goals/{goal.pk}/conflicts/", data, follow=True)
        assert problem in page.content.decode()
    assert not Conflict.objects.exists()


def test_only_the_goals_owner_can_flag_its_advice(disagreement, alice, charlie, bob):
    goal, one, _two = disagreement
    Conflict.objects.all().delete()
    first, second = AdviceItem.objects.order_by("pk")
    for person in (alice, charlie, one):
        response = client_for(person).post(
            f"/goals/{goal.pk}/conflicts/", {"a": first.pk, "b": second.pk}
        )
        assert response.status_code == 404
    assert not Conflict.objects.exists()


def test_flagging_over_the_api(disagreement, bob, charlie):
    import json

    from django.test import Client

    from bitesize.accounts.services import access_token_create

    goal = disagreement[0]
    Conflict.objects.all().delete()
    first, second = AdviceItem.objects.order_by("pk")

    def api(user):
        token = access_token_create(user=user, name="t")[1]
        return Client(headers={"Authorization": f"Bearer {token}"})

    path = f"/api/v1/goals/{goal.pk}/conflicts"
    body = json.dumps({"a": first.pk, "b": second.pk, "note": "opposite directions"})
    assert api(charlie).post(path, body, content_type="application/json").status_code == 404
    assert not Conflict.objects.exists()
    bad = api(bob).post(
        path, json.dumps({"a": first.pk, "b": first.pk}), content_type="application/json"
    )
    assert bad.status_code == 400 and "two different pieces of advice" in json.dumps(bad.json())
    made = api(bob).post(path, body, content_type="application/json")
    assert made.status_code == 201
    assert made.json()["source"] == "mentee" and made.json()["state"] == "open"
    again = api(bob).post(path, body, content_type="application/json")
    assert again.status_code == 400 and Conflict.objects.count() == 1
