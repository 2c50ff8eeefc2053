from collections import Counter

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from bitesize.accounts.models import User
from bitesize.communities.models import Community, Membership
from bitesize.demo.people import DEMO_LOGINS, DEMO_PASSWORD
from bitesize.profiles.models import Profile, ProfileSkill

pytestmark = pytest.mark.django_db


def seed(**options: object) -> None:
    # The test run has DEBUG off, as production does.
    call_command("seed_demo", allow_without_debug=True, **options)


def test_it_refuses_to_seed_a_production_site():
    with pytest.raises(CommandError, match="published password"):
        call_command("seed_demo", mentors=1, mentees=0, no_progress=True)
    assert not User.objects.exists()


def test_demo_is_a_living_platform():
    seed(mentors=80, mentees=40, no_progress=True)
    mentors = Profile.objects.filter(is_mentor=True)
    assert mentors.count() >= 80
    assert Profile.objects.filter(is_mentor=False).exclude(handle="operator").count() >= 40
    assert mentors.values("time_zone").distinct().count() >= 8
    kinds = Counter(Community.objects.values_list("kind", flat=True))
    assert kinds == {"organisation": 1, "network": 2}
    assert Membership.objects.filter(role="owner").exists()
    # Varied people: distinct headlines and skills on every mentor.
    assert mentors.values("headline").distinct().count() > 60
    assert not mentors.exclude(pk__in=ProfileSkill.objects.values("profile")).exists()


def test_demo_logins_work_and_a_second_run_keeps_the_data():
    seed(mentors=5, mentees=3, no_progress=True)
    for _role, email in DEMO_LOGINS:
        assert Client().login(email=email, password=DEMO_PASSWORD), email
    assert User.objects.get(email=DEMO_LOGINS[-1][1]).is_superuser
    before = User.objects.count()
    seed(if_empty=True, no_progress=True)
    assert User.objects.count() == before


def test_same_seed_same_people():
    seed(mentors=10, mentees=0, seed=3, no_progress=True)
    first = list(Profile.objects.order_by("pk").values_list("name", flat=True))
    Profile.objects.all().delete()
    User.objects.all().delete()
    seed(mentors=10, mentees=0, seed=3, no_progress=True)
    assert list(Profile.objects.order_by("pk").values_list("name", flat=True)) == first


def test_the_demo_has_a_goal_with_debriefs_and_a_flag_to_decide():
    from bitesize.debriefs.models import ActionItem, Conflict
    from bitesize.goals.models import Goal
    from bitesize.scheduling.models import Booking

    seed(mentors=12, mentees=4, no_progress=True)
    from bitesize.demo.stories import GOAL

    goal = Goal.objects.get(owner__email="bob@demo.bitesize.local", title=GOAL)
    assert Booking.objects.filter(ask__goal=goal, state="completed").count() == 2
    assert ActionItem.objects.filter(goal=goal, state="done").count() == 1
    assert Conflict.objects.filter(goal=goal, state="open").count() == 1
    seed(mentors=0, mentees=0, no_progress=True)
    assert Goal.objects.filter(title=GOAL).count() == 1


def test_the_demo_community_has_a_history_with_points_badges_kudos_and_rewards():
    from bitesize.communities.models import Community
    from bitesize.demo.stories import HISTORY, seed_history
    from bitesize.recognition.models import BadgeAward, Kudos, PointEntry, Reward
    from bitesize.recognition.selectors import leaderboard
    from bitesize.scheduling.models import Booking

    seed(mentors=30, mentees=20, no_progress=True)
    northwind = Community.objects.get(slug="northwind")
    history = Booking.objects.filter(question__in=[h[0] for h in HISTORY])
    assert history.count() == 18 and set(history.values_list("state", flat=True)) == {"completed"}
    assert PointEntry.objects.filter(user__email="alice@demo.bitesize.local").exists()
    assert BadgeAward.objects.exists() and Kudos.objects.count() == 4
    assert Reward.objects.filter(community=northwind).count() == 2
    assert len(leaderboard(northwind, measure="points", period="all")) >= 4
    assert seed_history("demo.bitesize.local") == 0  # once only
