import json

import pytest
from django.test import Client
from django.urls import reverse

from bitesize.accounts.services import access_token_create
from bitesize.asks.hints import ask_hints
from bitesize.asks.models import Ask
from bitesize.asks.services import ask_create, ask_withdraw
from bitesize.communities.models import Membership
from bitesize.goals.models import Goal
from bitesize.profiles.services import profile_skill_add
from bitesize.scheduling.models import Booking
from conftest import client_for, make_user, set_hours

pytestmark = pytest.mark.django_db

GOOD = {
    "question": "How do I plan a zero-downtime Kubernetes upgrade from 1.29 to 1.31 for 40 apps?",
    "objective": "write the upgrade runbook and pick a maintenance strategy",
    "minutes": 30,
}


def test_hints_coach_vague_and_sprawling_asks():
    assert (
        ask_hints(question=GOOD["question"], objective=GOOD["objective"], context="", minutes=30)
        == []
    )
    vague = ask_hints(question="Any advice?", objective="learn", context="", minutes=30)
    assert len(vague) >= 3 and any("one decision" in h for h in vague)
    many = ask_hints(
        question="What? Why? How? When?" + " word" * 10,
        objective="know all the answers",
        context="",
        minutes=30,
    )
    assert any("several questions" in h for h in many)
    long = ask_hints(
        question="word " * 300, objective="decide what to do next", context="", minutes=10
    )
    assert any("Trim" in h for h in long) and any("20–30 minutes" in h for h in long)


def test_ask_normalises_skills_and_requires_an_objective(bob):
    ask = ask_create(asker=bob, skills=["k8s", "Medieval falconry"], **GOOD)
    assert list(ask.skills.values_list("name", flat=True)) == ["Kubernetes"]
    assert ask.tags == ["Medieval falconry"]
    with pytest.raises(Exception, match="able to do"):
        ask_create(asker=bob, question=GOOD["question"], objective=" ")


def test_audience_and_goal_must_be_the_askers_own(bob, charlie, network, org):
    foreign_goal = Goal.objects.create(owner=charlie, title="Someone else's goal")
    with pytest.raises(Exception) as caught:
        ask_create(asker=bob, audience_ids=[network.pk], goal_id=foreign_goal.pk, **GOOD)
    assert set(caught.value.message_dict) == {"audience", "goal"}
    assert not Ask.objects.exists()
    assert ask_create(asker=bob, audience_ids=[org.pk], **GOOD).audience.get() == org


def test_form_shows_hints_first_and_posts_after_confirmation(bob):
    client = client_for(bob)
    data = {
        "question": "Any advice on my career please?",
        "objective": "learn",
        "minutes": 30,
        "format": "video",
        "urgency": "week",
    }
    first = client.post(reverse("ask_new"), data)
    assert first.status_code == 200 and "A few tips before you post" in first.content.decode()
    assert not Ask.objects.exists()
    posted = client.post(reverse("ask_new"), {**data, "post_anyway": "1"})
    assert posted.status_code == 302 and Ask.objects.count() == 1


def test_form_errors_are_clear(bob):
    response = client_for(bob).post(reverse("ask_new"), {"question": "", "minutes": 7})
    assert response.status_code == 400
    body = response.content.decode()
    assert "Say what you want to be able to do after the session." in body


def test_outsiders_get_404_on_asks_and_change_nothing(bob, charlie):
    ask = ask_create(asker=bob, **GOOD)
    client = client_for(charlie)
    for name in ("ask_detail", "ask_edit"):
        assert client.get(reverse(name, args=[ask.pk])).status_code == 404
    assert client.post(reverse("ask_withdraw", args=[ask.pk])).status_code == 404
    _, raw = access_token_create(user=charlie, name="t")
    auth = {"HTTP_AUTHORIZATION": f"Bearer {raw}"}
    assert Client().get(f"/api/v1/asks/{ask.pk}", **auth).status_code == 404
    assert Client().get(f"/api/v1/asks/{ask.pk}/suggestions", **auth).status_code == 404
    assert (
        Client()
        .put(
            f"/api/v1/asks/{ask.pk}",
            data=json.dumps({**GOOD, "question": "x y z"}),
            content_type="application/json",
            **auth,
        )
        .status_code
        == 404
    )
    ask.refresh_from_db()
    assert ask.state == "open" and ask.question == GOOD["question"]


def test_withdraw_once(bob):
    ask = ask_create(asker=bob, **GOOD)
    assert ask_withdraw(ask=ask, by=bob).state == "withdrawn"
    with pytest.raises(Exception, match="no longer open"):
        ask_withdraw(ask=ask, by=bob)


@pytest.fixture
def mentors(alice, org):
    """alice knows Kubernetes (org-only profile); two public mentors know other things."""
    set_hours(alice)
    alice.profile.session_lengths = [30]
    alice.profile.headline = "Platform engineer, Kubernetes upgrades and on-call"
    alice.profile.save()
    sales = make_user("sam@example.com", "Sam Seller", mentor=True)
    profile_skill_add(profile=sales.profile, text="Salary negotiation", level=4)
    designer = make_user("dee@example.com", "Dee Designer", mentor=True)
    profile_skill_add(profile=designer.profile, text="Figma", level=4)
    for m in (sales, designer):
        set_hours(m)
        m.profile.session_lengths = [30]
        m.profile.save()
    return {"alice": alice, "sales": sales, "designer": designer}


def test_suggestions_rank_the_right_mentor_first_with_reasons_and_a_slot(mentors, bob):
    ask = ask_create(asker=bob, skills=["k8s"], **GOOD)
    response = Client().get(
        f"/api/v1/asks/{ask.pk}/suggestions",
        HTTP_AUTHORIZATION=f"Bearer {access_token_create(user=bob, name='t')[1]}",
    )
    found = response.json()
    assert found[0]["name"] == "Alice Moreau"
    assert 0 <= found[-1]["score"] <= found[0]["score"] <= 100
    assert found[0]["reasons"] and found[0]["earliest_slot"] is not None
    assert any("Free" in r for r in found[0]["reasons"])


def test_suggestions_never_include_the_asker_or_people_outside_the_audience(
    mentors, bob, org, charlie
):
    own = ask_create(asker=mentors["alice"], **GOOD)
    names = [s["name"] for s in _suggest(mentors["alice"], own)]
    assert "Alice Moreau" not in names
    # charlie is outside the organisation: alice (org-only profile) is out of his reach.
    theirs = ask_create(asker=charlie, skills=["k8s"], **GOOD)
    assert "Alice Moreau" not in [s["name"] for s in _suggest(charlie, theirs)]
    # An ask within the organisation reaches its members only.
    Membership.objects.create(community=org, user=mentors["sales"], role="mentor")
    scoped = ask_create(asker=bob, audience_ids=[org.pk], **GOOD)
    assert {s["name"] for s in _suggest(bob, scoped)} == {"Alice Moreau", "Sam Seller"}


def test_a_mentor_at_capacity_is_not_suggested(mentors, bob):
    alice = mentors["alice"]
    alice.profile.weekly_capacity = 1
    alice.profile.save()
    Booking.objects.create(
        mentor=alice,
        mentee=bob,
        start="2999-01-01T10:00Z",
        end="2999-01-01T10:30Z",
        question="x" * 20,
        state="confirmed",
    )
    from bitesize.matching.changes import mentor_changed

    mentor_changed(alice.pk)
    ask = ask_create(asker=bob, skills=["k8s"], **GOOD)
    assert "Alice Moreau" not in [s["name"] for s in _suggest(bob, ask)]


def test_a_profile_change_shows_in_suggestions_at_once(mentors, bob):
    ask = ask_create(
        asker=bob,
        question="How do I prototype an onboarding flow in Figma quickly?",
        objective="ship a clickable prototype by Friday",
        skills=["Figma"],
    )
    assert _suggest(bob, ask)[0]["name"] == "Dee Designer"
    sales = mentors["sales"]
    profile_skill_add(profile=sales.profile, text="Figma", level=4)
    sales.profile.headline = "Figma prototyping and onboarding flows, ex-design lead"
    sales.profile.save()
    from bitesize.matching.changes import mentor_changed

    mentor_changed(sales.pk)
    names = [s["name"] for s in _suggest(bob, ask)]
    assert names.index("Sam Seller") < 2


def test_booking_from_an_ask_links_it_and_marks_it_booked(mentors, bob):
    ask = ask_create(asker=bob, skills=["k8s"], **GOOD)
    top = _suggest(bob, ask)[0]
    client = client_for(bob)
    page = client.get(top["book_url"])
    assert page.status_code == 200 and GOOD["question"][:30] in page.content.decode()
    response = client.post(
        reverse("book", args=[top["mentor"]]),
        {
            "start": top["earliest_slot"],
            "minutes": 30,
            "format": "video",
            "ask": ask.pk,
            "question": GOOD["question"],
            "objective": GOOD["objective"],
            "idempotency_key": "a1",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    ask.refresh_from_db()
    assert ask.state == "booked" and Booking.objects.get().ask == ask


def _suggest(user, ask):
    _, raw = access_token_create(user=user, name="t")
    return (
        Client()
        .get(f"/api/v1/asks/{ask.pk}/suggestions", HTTP_AUTHORIZATION=f"Bearer {raw}")
        .json()
    )
