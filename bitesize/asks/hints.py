"""Coaching towards a specific, answerable ask. Pure: the form shows these before posting."""

from __future__ import annotations

import re

VAGUE = re.compile(
    r"\b(any (advice|tips|thoughts)|general (advice|guidance)|pick your brain|help me with"
    r" everything|where do i (even )?start|just want to chat|anything)\b",
    re.IGNORECASE,
)
QUESTION = re.compile(r"\?")


def ask_hints(*, question: str, objective: str, context: str, minutes: int) -> list[str]:
    """Concrete suggestions for an ask that is vague or sprawling; empty when it is fine."""
    hints = []
    q = " ".join(question.split())
    words = len(q.split())
    if words < 8:
        hints.append(
            "Add the situation in one or two sentences: what you are working on and where you "
            "are stuck. Mentors answer specific questions best."
        )
    if VAGUE.search(q) or VAGUE.search(objective):
        hints.append(
            "Name the one decision or problem you want to solve, e.g. “Should I accept offer A "
            "or B?” rather than “any advice on my career?”."
        )
    if len(QUESTION.findall(q)) > 2:
        hints.append(
            "This looks like several questions. Keep the most important one here and post the "
            "others as separate asks: each gets the right mentor."
        )
    if words > 250 or len(context.split()) > 400:
        hints.append("Trim it to what a mentor needs in the first two minutes; link the rest.")
    obj = objective.strip().lower()
    if len(obj.split()) < 3:
        hints.append(
            "Make the objective something you can check afterwards: “After this session I can "
            "explain my pricing to the board”."
        )
    if minutes <= 10 and words > 120:
        hints.append("A question this size usually needs 20–30 minutes.")
    return hints
