from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from bitesize.accounts.models import User
from bitesize.asks.models import Ask
from bitesize.communities.models import Membership
from bitesize.goals.models import Goal
from bitesize.profiles.choices import SESSION_LENGTHS, Format
from bitesize.skills.catalogue import clean_label
from bitesize.skills.selectors import skill_resolve

MAX_SKILLS = 8


def _clean(
    *,
    asker: User,
    question: str,
    objective: str,
    minutes: int,
    format: str,
    urgency: str,
    audience_ids: Iterable[int],
    goal_id: int | None,
) -> tuple[list[int], Goal | None]:
    errors: dict[str, str] = {}
    if len(question.split()) < 3:
        errors["question"] = "Write the question you want answered."
    if not objective.strip():
        errors["objective"] = "Say what you want to be able to do after the session."
    if minutes not in SESSION_LENGTHS:
        errors["minutes"] = "Pick 5, 10, 15, 20, 30, 45 or 60 minutes."
    if format not in Format.values:
        errors["format"] = "Pick video, audio, text chat or a written answer."
    if urgency not in Ask.Urgency.values:
        errors["urgency"] = "Pick now, within 24 hours, this week or flexible."
    audience = sorted(set(audience_ids))
    mine = set(Membership.objects.filter(user=asker).values_list("community_id", flat=True))
    if set(audience) - mine:
        errors["audience"] = "You can only ask within communities you belong to."
    goal = None
    if goal_id is not None:
        goal = Goal.objects.filter(pk=goal_id, owner=asker).first()
        if goal is None:
            errors["goal"] = "No such goal of yours."
    if errors:
        raise ValidationError(errors)
    return audience, goal


def _set_skills(ask: Ask, texts: Iterable[str]) -> None:
    skills, tags = [], []
    for text in list(dict.fromkeys(t for t in (clean_label(x) for x in texts) if t))[:MAX_SKILLS]:
        skill = skill_resolve(text)
        if skill is not None:
            skills.append(skill)
        else:
            tags.append(text)
    ask.skills.set(skills)
    ask.tags = tags
    ask.save(update_fields=["tags", "updated_at"])


def ask_create(
    *,
    asker: User,
    question: str,
    objective: str,
    context: str = "",
    skills: Iterable[str] = (),
    minutes: int = 30,
    format: str = Format.VIDEO,
    urgency: str = Ask.Urgency.WEEK,
    audience_ids: Iterable[int] = (),
    goal_id: int | None = None,
) -> Ask:
    audience, goal = _clean(
        asker=asker,
        question=question,
        objective=objective,
        minutes=minutes,
        format=format,
        urgency=urgency,
        audience_ids=audience_ids,
        goal_id=goal_id,
    )
    with transaction.atomic():
        ask = Ask.objects.create(
            asker=asker,
            question=question.strip(),
            objective=objective.strip()[:300],
            context=context.strip(),
            minutes=minutes,
            format=format,
            urgency=urgency,
            goal=goal,
        )
        ask.audience.set(audience)
        _set_skills(ask, skills)
    return ask


def ask_update(
    *,
    ask: Ask,
    by: User,
    question: str,
    objective: str,
    context: str,
    skills: Iterable[str],
    minutes: int,
    format: str,
    urgency: str,
    audience_ids: Iterable[int],
    goal_id: int | None,
) -> Ask:
    if by.pk != ask.asker_id:
        raise PermissionDenied("Only the person who asked can edit the ask.")
    if ask.state != Ask.State.OPEN:
        raise ValidationError({"state": "Only open asks can be edited."})
    audience, goal = _clean(
        asker=by,
        question=question,
        objective=objective,
        minutes=minutes,
        format=format,
        urgency=urgency,
        audience_ids=audience_ids,
        goal_id=goal_id,
    )
    with transaction.atomic():
        ask.question, ask.objective, ask.context = (
            question.strip(),
            objective.strip()[:300],
            context.strip(),
        )
        ask.minutes, ask.format, ask.urgency, ask.goal = minutes, format, urgency, goal
        ask.save()
        ask.audience.set(audience)
        _set_skills(ask, skills)
    return ask


def ask_withdraw(*, ask: Ask, by: User) -> Ask:
    if by.pk != ask.asker_id:
        raise PermissionDenied("Only the person who asked can withdraw the ask.")
    with transaction.atomic():
        updated = Ask.objects.filter(pk=ask.pk, state=Ask.State.OPEN).update(
            state=Ask.State.WITHDRAWN
        )
        if not updated:
            raise ValidationError({"state": "This ask is no longer open."})
    ask.refresh_from_db()
    return ask
