"""Tenancy: outsiders get 404 on every community page, and a denied request changes nothing."""

import threading

import pytest
from django.db import connection
from django.urls import reverse

from bitesize.communities.models import Community, Membership
from bitesize.communities.services import membership_join
from conftest import client_for

pytestmark = pytest.mark.django_db


def snapshot() -> list[tuple[int, int, str]]:
    return sorted(Membership.objects.values_list("community_id", "user_id", "role"))


@pytest.mark.parametrize("name", ["community_detail", "community_members"])
def test_outsider_gets_404_on_organisation_pages(name, org, alice, charlie):
    assert client_for(charlie).get(reverse(name, args=[org.slug])).status_code == 404


def test_unknown_community_is_404_not_500(charlie):
    assert client_for(charlie).get(reverse("community_detail", args=["nope"])).status_code == 404


def test_members_page_is_404_for_plain_members(org, bob, alice):
    assert client_for(bob).get(reverse("community_members", args=[org.slug])).status_code == 404


def test_outsider_cannot_join_an_invite_only_organisation(org, alice, charlie):
    before = snapshot()
    response = client_for(charlie).post(reverse("community_join", args=[org.slug]))
    assert response.status_code == 404
    assert snapshot() == before


def test_outsider_cannot_change_roles_or_remove_members(org, alice, bob, charlie):
    before = snapshot()
    target = Membership.objects.get(user=bob, community=org)
    client = client_for(charlie)
    assert (
        client.post(
            reverse("member_role", args=[org.slug, target.pk]), {"role": "owner"}
        ).status_code
        == 404
    )
    assert client.post(reverse("member_remove", args=[org.slug, target.pk])).status_code == 404
    assert (
        client.post(
            reverse("community_members", args=[org.slug]),
            {"email": "charlie@example.com", "role": "owner"},
        ).status_code
        == 404
    )
    assert snapshot() == before


def test_member_cannot_promote_themself(org, bob, dana):
    before = snapshot()
    mine = Membership.objects.get(user=bob, community=org)
    response = client_for(bob).post(
        reverse("member_role", args=[org.slug, mine.pk]), {"role": "admin"}
    )
    assert response.status_code == 404
    assert snapshot() == before


def test_membership_ids_of_another_community_are_404(org, network, dana, charlie):
    elsewhere = Membership.objects.create(community=network, user=charlie)
    response = client_for(dana).post(reverse("member_remove", args=[org.slug, elsewhere.pk]))
    assert response.status_code == 404
    assert Membership.objects.filter(pk=elsewhere.pk).exists()


def test_owner_adds_a_member_and_changes_a_role(org, dana, charlie):
    client = client_for(dana)
    response = client.post(
        reverse("community_members", args=[org.slug]),
        {"email": "CHARLIE@example.com", "role": "mentor"},
    )
    assert response.status_code == 302
    membership = Membership.objects.get(community=org, user=charlie)
    assert membership.role == "mentor"
    client.post(reverse("member_role", args=[org.slug, membership.pk]), {"role": "admin"})
    membership.refresh_from_db()
    assert membership.role == "admin"


def test_adding_an_unknown_email_is_a_form_error(org, dana):
    response = client_for(dana).post(
        reverse("community_members", args=[org.slug]),
        {"email": "nobody@example.com", "role": "member"},
    )
    assert response.status_code == 400
    assert "No Bitesize account" in response.content.decode()


def test_the_last_owner_cannot_leave_or_be_demoted(org, dana):
    client = client_for(dana)
    mine = Membership.objects.get(user=dana, community=org)
    client.post(reverse("member_role", args=[org.slug, mine.pk]), {"role": "member"})
    client.post(reverse("community_leave", args=[org.slug]))
    mine.refresh_from_db()
    assert mine.role == "owner"


def test_an_admin_cannot_make_owners(org, dana, bob):
    admin = Membership.objects.get(user=bob, community=org)
    admin.role = "admin"
    admin.save()
    client_for(bob).post(reverse("member_role", args=[org.slug, admin.pk]), {"role": "owner"})
    admin.refresh_from_db()
    assert admin.role == "admin"


def test_anyone_signed_in_may_join_an_open_network(network, charlie):
    client = client_for(charlie)
    assert client.get(reverse("community_detail", args=[network.slug])).status_code == 200
    client.post(reverse("community_join", args=[network.slug]))
    client.post(reverse("community_join", args=[network.slug]))
    assert Membership.objects.filter(community=network, user=charlie).count() == 1


def test_creating_a_community_makes_the_creator_owner(charlie):
    response = client_for(charlie).post(
        reverse("community_list"),
        {"name": "Climate Builders", "kind": "network", "description": "", "join_policy": "open"},
    )
    assert response.status_code == 302
    community = Community.objects.get(name="Climate Builders")
    assert Membership.objects.get(community=community, user=charlie).role == "owner"


def test_community_list_hides_invite_only_organisations_from_outsiders(org, network, charlie):
    body = client_for(charlie).get(reverse("community_list")).content.decode()
    assert "Data Guild" in body and "Northwind" not in body


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_joins_leave_one_membership(network, charlie):
    errors: list[BaseException] = []

    def join() -> None:
        try:
            membership_join(community=network, user=charlie)
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=join) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert Membership.objects.filter(community=network, user=charlie).count() == 1
