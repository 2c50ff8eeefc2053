import pytest
from django.urls import reverse

from bitesize.goals.models import Goal
from conftest import client_for, make_user

pytestmark = pytest.mark.django_db


def test_landing_for_visitors_and_redirect_for_members(client, bob):
    response = client.get("/")
    assert response.status_code == 200 and "One question." in response.content.decode()
    assert client_for(bob).get("/").status_code == 302


def test_dashboard_needs_login(client):
    response = client.get(reverse("dashboard"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_dashboard_suggests_mentors_sharing_skills(bob, alice, django_assert_max_num_queries):
    from bitesize.profiles.services import profile_skill_add

    profile_skill_add(profile=bob.profile, text="k8s", level=1)
    for n in range(10):
        make_user(f"m{n}@example.com", f"Other Mentor {n}", mentor=True)
    client = client_for(bob)
    with django_assert_max_num_queries(16):
        response = client.get(reverse("dashboard"))
    body = response.content.decode()
    assert "Alice Moreau" in body
    assert [m.name for m in response.context["suggested"]] == ["Alice Moreau"]


def test_goals_added_from_the_dashboard(bob):
    client = client_for(bob)
    client.post(reverse("goal_add"), {"title": "Lead my first team", "next": "/dashboard/"})
    assert Goal.objects.get(owner=bob).title == "Lead my first team"
    client.post(reverse("goal_add"), {"title": "x"})
    assert Goal.objects.filter(owner=bob).count() == 1


def test_another_persons_goal_is_404(alice, bob):
    goal = Goal.objects.create(owner=bob, title="Become a staff engineer")
    response = client_for(alice).post(reverse("goal_status", args=[goal.pk]), {"status": "dropped"})
    assert response.status_code == 404
    goal.refresh_from_db()
    assert goal.status == "active"


def test_available_now_switch(alice, bob):
    response = client_for(alice).post(
        reverse("available_toggle"), {"available": "1"}, HTTP_HX_REQUEST="true"
    )
    assert "Available now" in response.content.decode()
    alice.profile.refresh_from_db()
    assert alice.profile.available_now
    client_for(bob).post(reverse("available_toggle"), {"available": "1"})
    bob.profile.refresh_from_db()
    assert not bob.profile.available_now


def test_healthz(client):
    assert client.get("/healthz").json() == {"status": "ok"}


def test_admin_lists_and_searches_profiles(db):
    from bitesize.accounts.models import User

    admin = User.objects.create_superuser("ops@example.com", "x" * 20)
    client = client_for(admin)
    make_user("zed@example.com", "Zed Quinn", mentor=True)
    for path in (
        "/admin/profiles/profile/?q=Zed",
        "/admin/skills/skill/?q=k8s",
        "/admin/communities/membership/",
        "/admin/accounts/user/?q=zed",
    ):
        response = client.get(path)
        assert response.status_code == 200, path
    assert "Zed Quinn" in client.get("/admin/profiles/profile/?q=Zed").content.decode()
    assert "Kubernetes" in client.get("/admin/skills/skill/?q=k8s").content.decode()
