import json
from typing import Any

import pytest
from django.test import Client

from bitesize.accounts.models import AccessToken
from bitesize.accounts.services import access_token_create, access_token_revoke
from bitesize.profiles.models import Profile
from conftest import client_for, make_user

pytestmark = pytest.mark.django_db


def bearer(user: Any) -> dict[str, str]:
    _, raw = access_token_create(user=user, name="test")
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def test_anonymous_calls_get_401_with_a_message(client):
    response = client.get("/api/v1/me")
    assert response.status_code == 401
    assert "Authentication required" in response.json()["detail"]


def test_me_with_a_token(bob, org):
    response = Client().get("/api/v1/me", **bearer(bob))
    assert response.status_code == 200
    data = response.json()
    assert data["email"] == "bob@example.com"
    assert data["profile"]["name"] == "Bob Okafor"
    assert data["communities"] == [
        {
            "id": org.pk,
            "slug": "northwind",
            "name": "Northwind",
            "kind": "organisation",
            "role": "member",
        }
    ]
    assert AccessToken.objects.get(user=bob).last_used_at is not None


def test_revoked_or_wrong_token_is_401(bob):
    token, raw = access_token_create(user=bob, name="old")
    access_token_revoke(token=token)
    assert Client().get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {raw}").status_code == 401
    assert Client().get("/api/v1/me", HTTP_AUTHORIZATION="Bearer bsz_nope").status_code == 401


def test_profile_update_with_a_token(bob):
    response = Client().patch(
        "/api/v1/me/profile",
        data=json.dumps(
            {
                "headline": "Analyst",
                "time_zone": "Asia/Kathmandu",
                "languages": ["ne", "en"],
                "is_mentor": True,
                "session_lengths": [15, 5],
                "formats": ["chat"],
            }
        ),
        content_type="application/json",
        **bearer(bob),
    )
    assert response.status_code == 200, response.content
    data = response.json()
    assert data["time_zone"] == "Asia/Kathmandu" and data["session_lengths"] == [5, 15]
    assert sorted(data["languages"]) == ["en", "ne"]


def test_bad_profile_update_is_400_and_changes_nothing(bob):
    response = Client().patch(
        "/api/v1/me/profile",
        data=json.dumps({"headline": "Changed", "time_zone": "Mars/Base", "formats": ["fax"]}),
        content_type="application/json",
        **bearer(bob),
    )
    assert response.status_code == 400
    body = response.json()
    assert set(body["errors"]) == {"time_zone", "formats"}
    assert "time_zone" in body["detail"]
    assert Profile.objects.get(user=bob).headline == ""


def test_schema_errors_are_422_with_field_names(bob):
    response = Client().patch(
        "/api/v1/me/profile",
        data=json.dumps({"weekly_capacity": 500}),
        content_type="application/json",
        **bearer(bob),
    )
    assert response.status_code == 422
    assert "weekly_capacity" in response.json()["errors"]


def test_malformed_json_is_a_4xx(bob):
    response = Client().patch(
        "/api/v1/me/profile", data="{nope", content_type="application/json", **bearer(bob)
    )
    assert 400 <= response.status_code < 500


def test_session_auth_needs_csrf_for_writes(bob):
    client = Client(enforce_csrf_checks=True)
    client.force_login(bob)
    assert client.get("/api/v1/me").status_code == 200
    response = client.patch(
        "/api/v1/me/profile", data=json.dumps({"headline": "x"}), content_type="application/json"
    )
    assert response.status_code in (401, 403)
    assert Profile.objects.get(user=bob).headline == ""


def test_skills_add_and_remove(bob):
    auth = bearer(bob)
    response = Client().post(
        "/api/v1/me/skills",
        data=json.dumps({"skill": "k8s", "level": 3}),
        content_type="application/json",
        **auth,
    )
    assert response.status_code == 201
    assert response.json()["label"] == "Kubernetes"
    item_id = response.json()["id"]
    again = Client().post(
        "/api/v1/me/skills",
        data=json.dumps({"skill": "Kubernetes", "level": 4}),
        content_type="application/json",
        **auth,
    )
    assert again.status_code == 200 and again.json()["id"] == item_id and again.json()["level"] == 4
    assert Client().delete(f"/api/v1/me/skills/{item_id}", **auth).status_code == 204
    assert Client().delete(f"/api/v1/me/skills/{item_id}", **auth).status_code == 404


def test_someone_elses_skill_is_404(alice, bob):
    item = alice.profile.skills.get()
    assert Client().delete(f"/api/v1/me/skills/{item.pk}", **bearer(bob)).status_code == 404
    assert alice.profile.skills.filter(pk=item.pk).exists()


def test_skill_search(bob):
    data = Client().get("/api/v1/skills", {"q": "k8s"}, **bearer(bob)).json()
    assert data[0]["name"] == "Kubernetes" and "k8s" in data[0]["synonyms"]


def test_mentor_search_respects_visibility(alice, bob, charlie):
    make_user("pub@example.com", "Pat Public", mentor=True)
    seen_by_bob = Client().get("/api/v1/mentors", {"q": "k8s"}, **bearer(bob)).json()
    assert [m["name"] for m in seen_by_bob["items"]] == ["Alice Moreau"]
    seen_by_charlie = Client().get("/api/v1/mentors", **bearer(charlie)).json()
    assert [m["name"] for m in seen_by_charlie["items"]] == ["Pat Public"]


def test_profile_read_is_404_for_outsiders(alice, bob, charlie):
    handle = alice.profile.handle
    assert Client().get(f"/api/v1/profiles/{handle}", **bearer(bob)).status_code == 200
    response = Client().get(f"/api/v1/profiles/{handle}", **bearer(charlie))
    assert response.status_code == 404 and response.json()["detail"]


def test_community_filter_of_a_foreign_community_is_404(org, alice, charlie):
    response = Client().get("/api/v1/mentors", {"community": org.pk}, **bearer(charlie))
    assert response.status_code == 404


def test_openapi_document_lists_the_endpoints(client):
    schema = client.get("/api/v1/openapi.json").json()
    for path in (
        "/api/v1/me",
        "/api/v1/me/profile",
        "/api/v1/skills",
        "/api/v1/mentors",
        "/api/v1/profiles/{handle}",
        "/api/v1/me/skills",
    ):
        assert path in schema["paths"], path
    assert client.get("/api/v1/docs").status_code == 200


def test_session_client_reads_me(bob):
    assert client_for(bob).get("/api/v1/me").json()["email"] == "bob@example.com"


def test_only_mentors_can_be_available_now(bob, alice):
    response = Client().patch(
        "/api/v1/me/profile",
        data=json.dumps({"available_now": True}),
        content_type="application/json",
        **bearer(bob),
    )
    assert response.status_code == 400 and "available_now" in response.json()["errors"]
    alice.profile.available_now = True
    alice.profile.save()
    response = Client().patch(
        "/api/v1/me/profile",
        data=json.dumps({"is_mentor": False}),
        content_type="application/json",
        **bearer(alice),
    )
    assert response.status_code == 200 and response.json()["available_now"] is False


def test_industries_are_listed_and_unknown_ids_reported_with_other_errors(bob):
    industries = Client().get("/api/v1/industries", **bearer(bob)).json()
    assert len(industries) >= 25 and {"id", "name", "slug"} <= set(industries[0])
    response = Client().patch(
        "/api/v1/me/profile",
        data=json.dumps({"industry_ids": [industries[0]["id"], 999999], "time_zone": "Nowhere"}),
        content_type="application/json",
        **bearer(bob),
    )
    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"industry_ids", "time_zone"}
    assert not Profile.objects.get(user=bob).industries.exists()
