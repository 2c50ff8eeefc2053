"""The programs API: a community admin runs a program end to end; members and outsiders get
404 and change nothing; bad input gets a 4xx that says what is wrong."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from bitesize.programs import cohort
from bitesize.programs.models import CohortRun, PairRule, Participant, Program
from bitesize.programs.tests.conftest import SCORES, table_scorer
from conftest import client_for, run_due_tasks

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def scored(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cohort, "engine_scores", table_scorer(dict(SCORES)))


def call(client: Client, method: str, url: str, body: Any = None) -> Any:
    kwargs: dict[str, Any] = {}
    if body is not None:
        kwargs = {"data": json.dumps(body), "content_type": "application/json"}
    return getattr(client, method)(f"/api/v1{url}", **kwargs)


def handle(user: Any) -> str:
    return str(user.profile.handle)


NEW_PROGRAM = {"name": "Autumn cohort", "starts_on": "2027-09-01", "ends_on": "2027-11-30"}


def test_an_admin_runs_a_program_end_to_end(dana, people, org, django_capture_on_commit_callbacks):
    client = client_for(dana)
    response = call(
        client,
        "post",
        "/communities/northwind/programs",
        {**NEW_PROGRAM, "max_tz_gap_hours": 6, "default_capacity": 1},
    )
    assert response.status_code == 201, response.json()
    program = response.json()
    assert program["slug"] == "autumn-cohort"
    assert (program["mentees"], program["mentors"], program["max_tz_gap_hours"]) == (0, 0, 6)
    base = f"/programs/{program['id']}"
    for name, role in (("Mia", "mentee"), ("Noor", "mentee"), ("Ada", "mentor"), ("Ben", "mentor")):
        body = {"person": handle(people[name]), "role": role}
        response = call(client, "post", f"{base}/participants", body)
        assert response.status_code == 201, response.json()
    again = call(
        client,
        "post",
        f"{base}/participants",
        {"person": handle(people["Mia"]), "role": "mentee", "goals": "Lead a team"},
    )
    assert again.status_code == 200 and again.json()["goals"] == "Lead a team"
    rule = call(
        client,
        "post",
        f"{base}/rules",
        {"mentee": handle(people["Noor"]), "mentor": handle(people["Ben"]), "kind": "must_not"},
    )
    assert rule.status_code == 201
    assert rule.json()["kind"] == "must_not"
    assert [r["id"] for r in call(client, "get", f"{base}/rules").json()] == [rule.json()["id"]]
    assert call(client, "get", base).json()["mentees"] == 2

    with django_capture_on_commit_callbacks(execute=True):
        started = call(client, "post", f"{base}/runs", {"objective": "coverage"})
    assert started.status_code == 202, started.json()
    run = started.json()
    assert (run["state"], run["objective"], run["progress"]) == ("queued", "coverage", 0.0)
    busy = call(client, "post", f"{base}/runs", {})
    assert busy.status_code == 409
    assert busy.json() == {
        "detail": "A cohort run of this program is already queued or running.",
        "run": run["id"],
    }
    assert run_due_tasks() == 1

    done = call(client, "get", f"/cohort-runs/{run['id']}").json()
    assert (done["state"], done["phase"], done["progress"]) == ("done", "done", 1.0)
    assert (done["mentees"], done["mentors"], done["matched"], done["coverage"]) == (2, 2, 2, 1.0)
    assert done["objective_value"] == pytest.approx(1.7)
    # Greedy gives Ada to Mia (1.0), and Noor, who may not have Ben, goes without.
    assert (done["greedy_value"], done["greedy_matched"]) == (pytest.approx(1.0), 1)
    assert done["gain_over_greedy"] == pytest.approx(0.7)
    assert {(p["mentee_name"], p["mentor_name"]) for p in done["pairs"]} == {
        ("Mia", "Ben"),
        ("Noor", "Ada"),
    }
    assert all(p["reasons"] for p in done["pairs"])
    listed = call(client, "get", f"{base}/runs").json()
    assert [r["id"] for r in listed] == [run["id"]] and listed[0]["pairs"] is None

    published = call(client, "post", f"/cohort-runs/{run['id']}/publish")
    assert published.status_code == 200
    assert published.json()["notified"] == 4
    assert call(client, "post", f"/cohort-runs/{run['id']}/publish").status_code == 400


@pytest.mark.parametrize("who", ["bob", "charlie", "alice"])
def test_members_and_outsiders_get_404_and_change_nothing(
    who, request, program, people, dana, django_capture_on_commit_callbacks
):
    run = CohortRun.objects.create(program=program, objective="score", state="done")
    client = client_for(request.getfixturevalue(who))
    before = (
        Program.objects.count(),
        Participant.objects.count(),
        PairRule.objects.count(),
        CohortRun.objects.count(),
    )
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        responses = [
            call(client, "get", "/communities/northwind/programs"),
            call(client, "post", "/communities/northwind/programs", NEW_PROGRAM),
            call(client, "get", f"/programs/{program.pk}"),
            call(client, "patch", f"/programs/{program.pk}", {"default_capacity": 5}),
            call(client, "get", f"/programs/{program.pk}/participants"),
            call(
                client,
                "post",
                f"/programs/{program.pk}/participants",
                {"person": handle(people["Mia"]), "role": "mentor"},
            ),
            call(
                client,
                "post",
                f"/programs/{program.pk}/rules",
                {"mentee": handle(people["Mia"]), "mentor": handle(people["Ada"]), "kind": "must"},
            ),
            call(client, "get", f"/programs/{program.pk}/runs"),
            call(client, "post", f"/programs/{program.pk}/runs", {}),
            call(client, "get", f"/cohort-runs/{run.pk}"),
            call(client, "post", f"/cohort-runs/{run.pk}/publish"),
            call(
                client,
                "delete",
                f"/programs/{program.pk}/participants/{Participant.objects.first().pk}",
            ),
        ]
    assert [r.status_code for r in responses] == [404] * len(responses)
    assert all(set(r.json()) == {"detail"} for r in responses)
    after = (
        Program.objects.count(),
        Participant.objects.count(),
        PairRule.objects.count(),
        CohortRun.objects.count(),
    )
    assert after == before
    assert callbacks == []  # no task was enqueued
    program.refresh_from_db()
    assert program.default_capacity == 1
    run.refresh_from_db()
    assert run.published_at is None


def test_an_admin_of_another_community_sees_nothing_here(program, network, charlie):
    from bitesize.communities.models import Membership

    Membership.objects.create(community=network, user=charlie, role=Membership.Role.OWNER)
    client = client_for(charlie)
    assert call(client, "get", f"/programs/{program.pk}").status_code == 404
    assert call(client, "post", f"/programs/{program.pk}/runs", {}).status_code == 404
    assert call(client, "get", "/communities/data-guild/programs").json() == []
    assert not CohortRun.objects.exists()


def test_anonymous_requests_are_refused(program):
    assert call(Client(), "get", f"/programs/{program.pk}").status_code == 401
    assert call(Client(), "post", f"/programs/{program.pk}/runs", {}).status_code == 401
    assert not CohortRun.objects.exists()


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"name": "x", "starts_on": "2027-01-01"}, "ends_on"),
        ({**NEW_PROGRAM, "objective": "happiness"}, "objective"),
        ({**NEW_PROGRAM, "default_capacity": 0}, "default_capacity"),
        ({**NEW_PROGRAM, "max_tz_gap_hours": 13}, "max_tz_gap_hours"),
        ({**NEW_PROGRAM, "starts_on": "next monday"}, "starts_on"),
        ({**NEW_PROGRAM, "slug": "Not A Slug"}, "slug"),
    ],
)
def test_malformed_programs_get_422_naming_the_field(dana, body, field):
    response = call(client_for(dana), "post", "/communities/northwind/programs", body)
    assert response.status_code == 422
    assert field in response.json()["errors"], response.json()
    assert not Program.objects.exists()


def test_a_program_that_ends_before_it_starts_gets_400(dana, program):
    client = client_for(dana)
    body = {**NEW_PROGRAM, "ends_on": "2027-08-01"}
    response = call(client, "post", "/communities/northwind/programs", body)
    assert response.status_code == 400
    assert response.json()["detail"] == "A program ends on or after the day it starts."
    patched = call(client, "patch", f"/programs/{program.pk}", {"ends_on": "2020-01-01"})
    assert patched.status_code == 400
    program.refresh_from_db()
    assert str(program.ends_on) == "2027-05-31"
    taken = call(
        client, "post", "/communities/northwind/programs", {**NEW_PROGRAM, "slug": "spring-cohort"}
    )
    assert taken.status_code == 400 and "already exists" in taken.json()["detail"]


def test_bad_participants_rules_and_runs_get_a_clear_4xx(dana, program, people, charlie):
    client = client_for(dana)
    base = f"/programs/{program.pk}"
    cases = [
        (
            call(client, "post", f"{base}/participants", {"person": "nobody", "role": "mentee"}),
            400,
            "person: No member of this community has the handle 'nobody'.",
        ),
        (
            # Charlie exists, but is not in the community: the same answer as for nobody.
            call(
                client,
                "post",
                f"{base}/participants",
                {"person": handle(charlie), "role": "mentee"},
            ),
            400,
            f"person: No member of this community has the handle {handle(charlie)!r}.",
        ),
        (
            call(
                client,
                "post",
                f"{base}/participants",
                {"person": handle(people["Mia"]), "role": "mentee", "capacity": 3},
            ),
            400,
            "capacity: Only mentors have a capacity.",
        ),
        (
            call(
                client,
                "post",
                f"{base}/rules",
                {"mentee": handle(people["Ada"]), "mentor": handle(people["Ben"]), "kind": "must"},
            ),
            400,
            "mentee: Not a mentee of this program.",
        ),
        (
            call(client, "post", f"{base}/runs", {"objective": "fastest"}),
            422,
            "Invalid request: objective: Input should be 'score' or 'coverage'",
        ),
    ]
    for response, status, detail in cases:
        assert (response.status_code, response.json()["detail"]) == (status, detail)
    assert call(client, "post", f"{base}/participants", {"role": "mentee"}).status_code == 422
    assert Participant.objects.count() == 4
    assert not PairRule.objects.exists()
    assert not CohortRun.objects.exists()


def test_a_run_of_an_empty_program_gets_400(dana, org):
    client = client_for(dana)
    program = call(client, "post", "/communities/northwind/programs", NEW_PROGRAM).json()
    response = call(client, "post", f"/programs/{program['id']}/runs", {})
    assert response.status_code == 400
    assert response.json()["detail"] == "Add at least one mentee and one mentor before matching."
    assert not CohortRun.objects.exists()


def test_the_endpoints_are_in_the_openapi_document(dana):
    schema = client_for(dana).get("/api/v1/openapi.json").json()
    for path in (
        "/api/v1/communities/{slug}/programs",
        "/api/v1/programs/{program_id}",
        "/api/v1/programs/{program_id}/participants",
        "/api/v1/programs/{program_id}/rules",
        "/api/v1/programs/{program_id}/runs",
        "/api/v1/cohort-runs/{run_id}",
        "/api/v1/cohort-runs/{run_id}/publish",
    ):
        assert path in schema["paths"], path
    assert "RunOut" in schema["components"]["schemas"]
