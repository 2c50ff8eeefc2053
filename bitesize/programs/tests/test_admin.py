"""The admin pages of programs render for staff, and start runs from a button or an action."""

from __future__ import annotations

import pytest
from django.urls import reverse

from bitesize.programs import cohort, services
from bitesize.programs.models import CohortPair, CohortRun
from bitesize.programs.tests.conftest import SCORES, execute, table_scorer
from conftest import client_for, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff():
    user = make_user("ops@example.com", "Ops")
    user.is_staff = user.is_superuser = True
    user.save()
    return client_for(user)


@pytest.fixture
def done_run(program, dana, monkeypatch: pytest.MonkeyPatch) -> CohortRun:
    monkeypatch.setattr(cohort, "engine_scores", table_scorer(dict(SCORES)))
    run = services.cohort_run_start(program=program, by=dana, enqueue=False)
    return execute(run)


def test_the_pages_render_for_staff(staff, program, done_run):
    pair = CohortPair.objects.filter(run=done_run).first()
    urls = [
        reverse("admin:programs_program_changelist"),
        reverse("admin:programs_program_change", args=[program.pk]),
        reverse("admin:programs_program_add"),
        reverse("admin:programs_cohortrun_changelist"),
        reverse("admin:programs_cohortrun_changelist") + "?state__exact=done&q=spring",
        reverse("admin:programs_cohortrun_change", args=[done_run.pk]),
        reverse("admin:programs_cohortpair_changelist") + f"?run__id__exact={done_run.pk}&q=mia",
        reverse("admin:programs_cohortpair_change", args=[pair.pk]),
    ]
    for url in urls:
        assert staff.get(url).status_code == 200, url
    page = staff.get(reverse("admin:programs_cohortrun_change", args=[done_run.pk])).content
    assert b"2/2 (100%)" in page and b"+54.5%" in page
    assert b"All 2 pairs, with search and filters" in page
    found = staff.get(reverse("admin:programs_cohortpair_changelist") + "?q=noor").content
    assert b"noor@example.com" in found and b"mia@example.com" not in found


def test_the_button_starts_a_run_and_shows_it(staff, program):
    url = reverse("admin:programs_program_start_run", args=[program.pk])
    assert staff.get(url).status_code == 405  # a write needs a POST
    response = staff.post(url)
    run = CohortRun.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:programs_cohortrun_change", args=[run.pk])
    again = staff.post(url, follow=True)
    assert b"already queued or running" in again.content
    assert CohortRun.objects.count() == 1


def test_the_action_starts_runs(staff, program):
    response = staff.post(
        reverse("admin:programs_program_changelist"),
        {"action": "start_run", "_selected_action": [program.pk]},
        follow=True,
    )
    assert response.status_code == 200
    assert CohortRun.objects.filter(program=program, state="queued").count() == 1


def test_community_admins_without_staff_rights_are_kept_out(dana, program):
    url = reverse("admin:programs_program_start_run", args=[program.pk])
    assert client_for(dana).post(url).status_code == 302  # to the admin login
    assert not CohortRun.objects.exists()
