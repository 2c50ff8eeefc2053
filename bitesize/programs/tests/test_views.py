"""The program pages: for the community's admins and owners; 404 for anyone else."""

from __future__ import annotations

import pytest
from django.urls import reverse

from bitesize.programs import cohort, services
from bitesize.programs.models import CohortRun
from bitesize.programs.tests.conftest import SCORES, execute, table_scorer
from conftest import client_for

pytestmark = pytest.mark.django_db


def test_the_owner_sees_programs_runs_and_pairs(dana, program, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(cohort, "engine_scores", table_scorer(dict(SCORES)))
    execute(services.cohort_run_start(program=program, by=dana, enqueue=False))
    client = client_for(dana)
    listing = client.get(reverse("program_list", args=["northwind"]))
    assert listing.status_code == 200
    assert b"Spring cohort" in listing.content and b"2/2 matched" in listing.content
    page = client.get(reverse("program_detail", args=["northwind", program.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Pairs of run" in html and "Noor" in html and "table says 0.8" in html
    assert "+54.5%" in html
    assert "hx-trigger" not in html  # nothing to follow


def test_starting_a_run_from_the_page_queues_it_and_the_page_follows_it(dana, program):
    client = client_for(dana)
    response = client.post(
        reverse("program_run_start", args=["northwind", program.pk]), {"objective": "coverage"}
    )
    assert response.status_code == 302
    run = CohortRun.objects.get()
    assert (run.state, run.objective, run.started_by) == ("queued", "coverage", dana)
    page = client.get(reverse("program_detail", args=["northwind", program.pk]))
    assert b'hx-trigger="every 2s"' in page.content
    fragment = client.get(
        reverse("program_detail", args=["northwind", program.pk]), headers={"HX-Request": "true"}
    )
    assert fragment.status_code == 200 and b"<html" not in fragment.content
    again = client.post(reverse("program_run_start", args=["northwind", program.pk]), follow=True)
    assert b"already queued or running" in again.content
    assert CohortRun.objects.count() == 1


@pytest.mark.parametrize("who", ["bob", "charlie", "alice"])
def test_others_get_404_and_start_nothing(who, request, program):
    client = client_for(request.getfixturevalue(who))
    assert client.get(reverse("program_list", args=["northwind"])).status_code == 404
    assert client.get(reverse("program_detail", args=["northwind", program.pk])).status_code == 404
    start = client.post(reverse("program_run_start", args=["northwind", program.pk]))
    assert start.status_code == 404
    assert not CohortRun.objects.exists()


def test_a_program_is_only_found_under_its_own_community(dana, program, network):
    from bitesize.communities.models import Membership

    Membership.objects.create(community=network, user=dana, role=Membership.Role.ADMIN)
    url = reverse("program_detail", args=["data-guild", program.pk])
    assert client_for(dana).get(url).status_code == 404
