from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import Http404

from bitesize.accounts.models import User
from bitesize.goals.models import Goal

MAX_ACTIVE_GOALS = 10


def access_goal_by_id(user: User, goal_id: int) -> Goal:
    """A goal is its owner's alone (mentors see it later through a session's brief)."""
    goal = Goal.objects.filter(pk=goal_id, owner_id=user.pk).first()
    if goal is None:
        raise Http404("No such goal.")
    return goal


def goal_create(*, owner: User, title: str, description: str = "") -> Goal:
    title = " ".join(title.split())
    if len(title) < 5:
        raise ValidationError({"title": "Say in a few words what you want to achieve."})
    if Goal.objects.filter(owner=owner, status=Goal.Status.ACTIVE).count() >= MAX_ACTIVE_GOALS:
        raise ValidationError(
            {"title": f"You have {MAX_ACTIVE_GOALS} active goals; close one before adding more."}
        )
    return Goal.objects.create(owner=owner, title=title[:160], description=description.strip())


def goal_set_status(*, goal: Goal, status: str) -> Goal:
    if status not in Goal.Status.values:
        raise ValidationError({"status": f"Unknown status {status!r}."})
    goal.status = status
    goal.save(update_fields=["status", "updated_at"])
    return goal


def goal_set_sharing(*, goal: Goal, by: User, share: bool) -> Goal:
    if by.pk != goal.owner_id:
        raise Http404("No such goal.")
    goal.share_with_mentors = share
    goal.save(update_fields=["share_with_mentors", "updated_at"])
    return goal
