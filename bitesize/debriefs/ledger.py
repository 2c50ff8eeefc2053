"""The advice ledger of a goal: conflict flags between mentors, and the mentee's decisions.

Detection itself is pure (conflicts.py); this module stores its findings and the decisions,
and opens a tie-break: a short session with a third mentor, or with both mentors, who see
both items and their assumptions."""

from __future__ import annotations

from collections import defaultdict

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django_tasks import task

from bitesize.accounts.models import User
from bitesize.asks.models import Ask
from bitesize.asks.services import ask_create
from bitesize.debriefs.conflicts import Advice, find_conflicts, topic_of
from bitesize.debriefs.models import AdviceItem, Conflict
from bitesize.goals.models import Goal
from bitesize.notifications.services import notify


def topic_label(key: str) -> str:
    """A topic as people read it: "specialising versus staying broad"."""
    from bitesize.debriefs.conflicts import TOPICS

    names = {t.key: t.name for t in TOPICS}
    return names.get(key, key.replace("_", " ") if key else "other advice")


def advice_topic(text: str, assumption: str) -> str:
    return topic_of(Advice(text, assumption))[:60]


def ledger_scan(*, goal: Goal) -> list[Conflict]:
    """Flag new conflicts among a goal's advice; pairs already flagged (or decided) stay as
    they are."""
    items = list(AdviceItem.objects.filter(goal=goal).order_by("pk"))
    found = find_conflicts(
        [Advice(a.text, a.assumption) for a in items], [a.mentor_id for a in items]
    )
    new = []
    for i, j, verdict in found:
        a, b = sorted((items[i], items[j]), key=lambda item: item.pk)
        try:
            with transaction.atomic():
                new.append(
                    Conflict.objects.create(
                        goal=goal,
                        a=a,
                        b=b,
                        topic=verdict.topic[:60],
                        explanation=verdict.explanation[:500],
                        confidence=verdict.confidence,
                    )
                )
        except IntegrityError:
            continue
    if new:
        notify(
            user=goal.owner,
            kind="ledger.conflict",
            title=f"Your mentors disagree on “{goal.title[:60]}”",
            body=new[0].explanation,
            url=f"/goals/{goal.pk}/#ledger",
        )
    return new


@task()
def scan_goal(goal_id: int) -> str:
    goal = Goal.objects.filter(pk=goal_id).first()
    if goal is None:
        return "gone"
    return f"{len(ledger_scan(goal=goal))} new"


def ledger_of(goal: Goal) -> dict[str, list[AdviceItem]]:
    """The goal's advice grouped by topic, topics in the order they first came up."""
    groups: dict[str, list[AdviceItem]] = defaultdict(list)
    for item in (
        AdviceItem.objects.filter(goal=goal)
        .select_related("mentor__profile")
        .order_by("created_at", "position")
    ):
        groups[topic_label(item.topic)].append(item)
    return dict(groups)


def _own(conflict: Conflict, by: User) -> None:
    if by.pk != conflict.goal.owner_id:
        raise PermissionDenied("Only the goal's owner decides.")


def conflict_resolve(*, conflict: Conflict, by: User, decision: str, rationale: str) -> Conflict:
    """Record the mentee's decision: keep one, combine both, decide after the tie-break, or
    say it was not a conflict after all ("dismiss")."""
    _own(conflict, by)
    rationale = rationale.strip()
    errors: dict[str, str] = {}
    if decision not in (*Conflict.Decision.values, "dismiss"):
        errors["decision"] = "Pick keep the first, keep the second, combine, or not a conflict."
    if decision == Conflict.Decision.TIE_BREAK and conflict.tie_break_ask_id is None:
        errors["decision"] = "Ask for a tie-break first."
    if decision != "dismiss" and len(rationale) < 10:
        errors["rationale"] = "Say in a sentence why: it is what you will read again later."
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        conflict = Conflict.objects.select_for_update().get(pk=conflict.pk)
        if conflict.state in (Conflict.State.RESOLVED, Conflict.State.DISMISSED):
            raise ValidationError({"state": "You have already decided this one."})
        if decision == "dismiss":
            conflict.state, conflict.decision = Conflict.State.DISMISSED, ""
        else:
            conflict.state, conflict.decision = Conflict.State.RESOLVED, decision
        conflict.rationale = rationale[:2000]
        conflict.decided_at = timezone.now()
        conflict.save(update_fields=["state", "decision", "rationale", "decided_at"])
    return conflict


def conflict_flag(*, goal: Goal, by: User, a_id: int, b_id: int, note: str = "") -> Conflict:
    """The mentee marks two pieces of advice from different mentors as disagreeing, where the
    ledger did not: the flag is then decided like any other (keep one, combine, tie-break). A
    pair once called "not a conflict" opens again."""
    if by.pk != goal.owner_id:
        raise PermissionDenied("Only the goal's owner flags its advice.")
    note = " ".join(note.split())
    items = list(AdviceItem.objects.filter(goal=goal, pk__in={a_id, b_id}).order_by("pk"))
    if a_id == b_id or len(items) != 2:
        raise ValidationError({"advice": "Pick two different pieces of advice from this goal."})
    a, b = items
    if a.mentor_id == b.mentor_id:
        raise ValidationError(
            {"advice": "Both come from the same mentor: ask them which one they meant."}
        )
    if len(note) > 300:
        raise ValidationError({"note": "Keep the note under 300 characters."})
    explanation = "You marked these as disagreeing" + (f": {note}" if note else ".")
    with transaction.atomic():
        existing = Conflict.objects.select_for_update().filter(a=a, b=b).first()
        if existing is not None and existing.state != Conflict.State.DISMISSED:
            raise ValidationError({"advice": "These two are flagged already: decide it above."})
        if existing is not None:
            existing.state, existing.decision, existing.rationale = Conflict.State.OPEN, "", ""
            existing.decided_at = None
            existing.source, existing.explanation = Conflict.Source.MENTEE, explanation
            existing.save(
                update_fields=[
                    "state",
                    "decision",
                    "rationale",
                    "decided_at",
                    "source",
                    "explanation",
                ]
            )
            return existing
        try:
            with transaction.atomic():
                return Conflict.objects.create(
                    goal=goal,
                    a=a,
                    b=b,
                    topic=(a.topic or b.topic)[:60],
                    explanation=explanation,
                    confidence=1.0,
                    source=Conflict.Source.MENTEE,
                )
        except IntegrityError:  # flagged at the same moment by the ledger or another request
            raise ValidationError(
                {"advice": "These two are flagged already: decide it above."}
            ) from None


def conflict_tie_break(*, conflict: Conflict, by: User, minutes: int = 15) -> Ask:
    """Open a short ask for a tie-break. The mentee books a third mentor from its suggestions
    (the two who disagree are left out of them), or one of the two and invites the other to
    the room; either way the mentors' brief shows both items and their assumptions."""
    _own(conflict, by)
    if conflict.state != Conflict.State.OPEN:
        raise ValidationError({"state": "Only an open flag can go to a tie-break."})
    a, b = conflict.a, conflict.b
    with transaction.atomic():
        ask = ask_create(
            asker=by,
            question=f"Two mentors disagree on {topic_label(conflict.topic)}: which fits my case?",
            objective="decide between the two pieces of advice and know why",
            context=(
                f"Advice 1 ({a.mentor.profile.name}): {a.text}"
                + (f" — assuming {a.assumption}" if a.assumption else "")
                + f"\nAdvice 2 ({b.mentor.profile.name}): {b.text}"
                + (f" — assuming {b.assumption}" if b.assumption else "")
            ),
            minutes=minutes,
            goal_id=conflict.goal_id,
        )
        Conflict.objects.filter(pk=conflict.pk).update(
            state=Conflict.State.TIE_BREAK, tie_break_ask=ask
        )
    conflict.refresh_from_db()
    return ask


def tie_break_mentors(ask: Ask) -> set[int]:
    """The mentors whose disagreement an ask is meant to break."""
    ids: set[int] = set()
    for a_mentor, b_mentor in Conflict.objects.filter(tie_break_ask=ask).values_list(
        "a__mentor_id", "b__mentor_id"
    ):
        ids |= {a_mentor, b_mentor}
    return ids
