"""Rewards: members redeem, admins approve, and the ledger is debited exactly once."""

from __future__ import annotations

import threading

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection

from bitesize.recognition import services
from bitesize.recognition.models import PointEntry, Redemption, Reward
from bitesize.recognition.rules import Kind
from conftest import client_for


def give(user, community, points, key="seed"):
    services.points_adjust(user=user, community=community, points=points, reason="Seed", key=key)


@pytest.fixture
def mug(dana, org):
    return services.reward_create(community=org, by=dana, name="Team mug", cost=30, stock=2)


def debits(user):
    return list(
        PointEntry.objects.filter(user=user, kind=Kind.REDEMPTION).values_list("points", flat=True)
    )


@pytest.mark.django_db
def test_a_member_redeems_and_an_admin_approves_once(bob, dana, org, mug):
    give(bob, org, 50)
    redemption = services.redemption_request(reward=mug, by=bob)
    assert debits(bob) == []  # nothing is debited before approval
    services.redemption_decide(redemption=redemption, by=dana, approve=True)
    assert debits(bob) == [-30]
    assert services.balance_of(bob.pk, org) == 20
    mug.refresh_from_db()
    assert mug.stock == 1
    with pytest.raises(ValidationError, match="already decided"):
        services.redemption_decide(redemption=redemption, by=dana, approve=True)
    assert debits(bob) == [-30]


@pytest.mark.django_db
def test_it_refuses_a_redemption_without_enough_points(bob, org, mug):
    give(bob, org, 29)
    with pytest.raises(ValidationError, match="You need 30 points"):
        services.redemption_request(reward=mug, by=bob)
    assert Redemption.objects.count() == 0


@pytest.mark.django_db
def test_requests_waiting_count_against_the_balance(bob, org, mug):
    give(bob, org, 45)
    services.redemption_request(reward=mug, by=bob)
    with pytest.raises(ValidationError):
        services.redemption_request(reward=mug, by=bob)


@pytest.mark.django_db
def test_points_of_another_community_do_not_pay(bob, org, network, mug):
    give(bob, network, 100)
    with pytest.raises(ValidationError):
        services.redemption_request(reward=mug, by=bob)


@pytest.mark.django_db
def test_a_rejection_debits_nothing(bob, dana, org, mug):
    give(bob, org, 50)
    redemption = services.redemption_request(reward=mug, by=bob)
    services.redemption_decide(redemption=redemption, by=dana, approve=False)
    assert debits(bob) == [] and Reward.objects.get(pk=mug.pk).stock == 2


@pytest.mark.django_db
def test_out_of_stock_is_refused(bob, dana, org):
    one = services.reward_create(community=org, by=dana, name="Lunch", cost=10, stock=1)
    give(bob, org, 100)
    first = services.redemption_request(reward=one, by=bob)
    second = services.redemption_request(reward=one, by=bob)
    services.redemption_decide(redemption=first, by=dana, approve=True)
    with pytest.raises(ValidationError, match="out of stock"):
        services.redemption_decide(redemption=second, by=dana, approve=True)
    assert debits(bob) == [-10]
    assert Redemption.objects.get(pk=second.pk).state == Redemption.State.REQUESTED


@pytest.mark.django_db
def test_only_admins_create_rewards_and_decide(alice, bob, org, mug):
    give(bob, org, 50)
    redemption = services.redemption_request(reward=mug, by=bob)
    with pytest.raises(PermissionDenied):
        services.reward_create(community=org, by=alice, name="Mine", cost=1, stock=1)
    with pytest.raises(PermissionDenied):
        services.redemption_decide(redemption=redemption, by=alice, approve=True)
    assert debits(bob) == [] and Reward.objects.count() == 1


@pytest.mark.django_db
def test_outsiders_get_404_and_change_nothing(charlie, bob, org, mug):
    give(bob, org, 50)
    redemption = services.redemption_request(reward=mug, by=bob)
    outsider = client_for(charlie)
    assert outsider.get("/c/northwind/rewards/").status_code == 404
    assert outsider.post(f"/c/northwind/rewards/{mug.pk}/redeem/").status_code == 404
    member = client_for(bob)  # a member, not an admin
    assert member.post(f"/c/northwind/redemptions/{redemption.pk}/approve/").status_code == 404
    assert Redemption.objects.count() == 1 and debits(bob) == []
    assert Redemption.objects.get().state == Redemption.State.REQUESTED


@pytest.mark.django_db
def test_the_rewards_page_redeems_and_approves(bob, dana, org, mug):
    give(bob, org, 40)
    page = client_for(bob).get("/c/northwind/rewards/")
    assert page.status_code == 200 and "Team mug" in page.content.decode()
    response = client_for(bob).post(f"/c/northwind/rewards/{mug.pk}/redeem/")
    assert response.status_code == 302
    redemption = Redemption.objects.get()
    response = client_for(dana).post(f"/c/northwind/redemptions/{redemption.pk}/approve/")
    assert response.status_code == 302
    assert debits(bob) == [-30]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_approvals_at_the_same_moment_debit_once(bob, dana, org, mug):
    give(bob, org, 50)
    redemption = services.redemption_request(reward=mug, by=bob)
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def approve() -> None:
        try:
            barrier.wait()
            services.redemption_decide(redemption=redemption, by=dana, approve=True)
            outcomes.append("approved")
        except ValidationError:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=approve) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["approved", "refused"]
    assert debits(bob) == [-30]
    assert Reward.objects.get(pk=mug.pk).stock == 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_approvals_that_together_overdraw_let_only_one_through(bob, dana, org):
    lunch = services.reward_create(community=org, by=dana, name="Lunch", cost=30, stock=5)
    give(bob, org, 60)
    first = services.redemption_request(reward=lunch, by=bob)
    second = services.redemption_request(reward=lunch, by=bob)
    give(bob, org, -30, key="spent-elsewhere")  # now only one of the two can be paid
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def approve(row: Redemption) -> None:
        try:
            barrier.wait()
            services.redemption_decide(redemption=row, by=dana, approve=True)
            outcomes.append("approved")
        except ValidationError:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=approve, args=(r,)) for r in (first, second)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["approved", "refused"]
    assert services.balance_of(bob.pk, org) == 0
