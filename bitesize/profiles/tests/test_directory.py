from typing import Any

import pytest
from django.urls import reverse

from bitesize.communities.models import Membership
from bitesize.profiles.models import Profile
from bitesize.profiles.services import profile_skill_add, profile_update
from bitesize.skills.models import Industry
from conftest import client_for, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def public_mentors(db: Any) -> dict[str, Any]:
    people = {
        "tokyo": make_user("kenji@example.com", "Kenji Sato", mentor=True, zone="Asia/Tokyo"),
        "paris": make_user("claire@example.com", "Claire Dubois", mentor=True, zone="Europe/Paris"),
        "mentee": make_user("sam@example.com", "Sam Mentee", zone="Europe/Paris"),
    }
    profile_skill_add(profile=people["tokyo"].profile, text="Kubernetes", level=4)
    profile_skill_add(profile=people["paris"].profile, text="Salary negotiation", level=3)
    profile_update(
        profile=people["paris"].profile,
        fields={"available_now": True},
        languages=["fr", "en"],
        industry_ids=[Industry.objects.get(name="Fintech").pk],
    )
    return people


def names(response: Any) -> list[str]:
    return [m.name for m in response.context["page"]]


def test_synonym_search_finds_the_skilled_mentor(public_mentors, client):
    assert names(client.get(reverse("directory"), {"q": "k8s"})) == ["Kenji Sato"]
    assert names(client.get(reverse("directory"), {"q": "comp negotiation"})) == ["Claire Dubois"]


def test_text_search_matches_names_and_mentees_are_not_listed(public_mentors, client):
    assert names(client.get(reverse("directory"), {"q": "claire"})) == ["Claire Dubois"]
    assert "Sam Mentee" not in names(client.get(reverse("directory")))


def test_filters_language_industry_and_available_now(public_mentors, client):
    fintech = Industry.objects.get(name="Fintech").pk
    assert names(client.get(reverse("directory"), {"language": "fr"})) == ["Claire Dubois"]
    assert names(client.get(reverse("directory"), {"industry": fintech})) == ["Claire Dubois"]
    assert names(client.get(reverse("directory"), {"now": "on"})) == ["Claire Dubois"]


def test_time_zone_overlap_uses_the_viewers_zone(public_mentors):
    client = client_for(public_mentors["mentee"])  # Europe/Paris
    assert names(client.get(reverse("directory"), {"overlap": "6"})) == ["Claire Dubois"]
    assert sorted(names(client.get(reverse("directory"), {"overlap": "0"}))) == [
        "Claire Dubois",
        "Kenji Sato",
    ]


def test_bad_filter_values_get_a_clear_message_not_a_500(public_mentors, client):
    response = client.get(reverse("directory"), {"overlap": "lots", "industry": "abc"})
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()


def test_community_only_mentors_show_to_members_only(alice, bob, charlie):
    assert "Alice Moreau" in names(client_for(bob).get(reverse("directory"), {"q": "k8s"}))
    assert "Alice Moreau" not in names(client_for(charlie).get(reverse("directory"), {"q": "k8s"}))


def test_community_filter_ignores_communities_the_viewer_is_not_in(alice, org, charlie):
    response = client_for(charlie).get(reverse("directory"), {"community": org.pk})
    assert "Alice Moreau" not in names(response)


def test_pagination_and_query_count(client, django_assert_max_num_queries):
    for n in range(30):
        make_user(f"m{n}@example.com", f"Mentor {n:02d}", mentor=True)
    with django_assert_max_num_queries(8):
        first = client.get(reverse("directory"))
    assert len(first.context["page"]) == 12 and first.context["page"].paginator.num_pages == 3
    third = client.get(reverse("directory"), {"page": 3})
    assert len(third.context["page"]) == 6


def test_htmx_request_gets_only_the_results(public_mentors, client):
    response = client.get(reverse("directory"), {"q": "k8s"}, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert "Kenji Sato" in body and "<html" not in body


def test_membership_grants_visibility_of_private_profiles(alice, charlie, org):
    Membership.objects.create(community=org, user=charlie)
    assert "Alice Moreau" in names(client_for(charlie).get(reverse("directory")))
    assert Profile.objects.get(user=alice).visibility == Profile.Visibility.COMMUNITIES
