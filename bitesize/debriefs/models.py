"""What a session leaves behind: the mentor's advice, the mentee's reflection and action
items, both people's rating and confirmation, and the check-ins that follow up."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from bitesize.goals.models import Goal
from bitesize.scheduling.models import Booking

MAX_ADVICE = 5


class AdviceItem(models.Model):
    """One short, actionable piece of advice, with the assumption or context behind it."""

    booking = models.ForeignKey(Booking, on_delete=models.CASCADE, related_name="advice")
    mentor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    mentee = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    goal = models.ForeignKey(
        Goal, on_delete=models.SET_NULL, null=True, blank=True, related_name="advice"
    )
    position = models.PositiveSmallIntegerField()
    text = models.CharField(max_length=400)
    assumption = models.CharField(
        max_length=400, blank=True, help_text="The context or assumption the advice rests on."
    )
    topic = models.CharField(max_length=60, blank=True)
    helpful = models.BooleanField(null=True, blank=True, help_text="The mentee's verdict.")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("booking", "position")
        constraints = [
            models.UniqueConstraint(fields=("booking", "position"), name="advice_position_once")
        ]
        indexes = [models.Index(fields=("mentee", "goal"))]

    def __str__(self) -> str:
        return self.text[:60]


class Reflection(models.Model):
    """The mentee's own notes on a session: private unless they share them with the mentor."""

    booking = models.OneToOneField(Booking, on_delete=models.CASCADE, related_name="reflection")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    text = models.TextField(max_length=4000)
    shared = models.BooleanField(default=False, help_text="Shown to the mentor.")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"reflection on session {self.booking_id}"


class ActionItem(models.Model):
    """Something the mentee will do, often turned from a piece of advice, with a due date."""

    class State(models.TextChoices):
        OPEN = "open", "To do"
        DONE = "done", "Done"
        DROPPED = "dropped", "Dropped"

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="action_items"
    )
    booking = models.ForeignKey(
        Booking, on_delete=models.CASCADE, null=True, blank=True, related_name="action_items"
    )
    advice = models.ForeignKey(
        AdviceItem, on_delete=models.SET_NULL, null=True, blank=True, related_name="actions"
    )
    goal = models.ForeignKey(
        Goal, on_delete=models.SET_NULL, null=True, blank=True, related_name="action_items"
    )
    text = models.CharField(max_length=300)
    due = models.DateField(null=True, blank=True)
    state = models.CharField(max_length=10, choices=State.choices, default=State.OPEN)
    outcome = models.TextField(max_length=2000, blank=True, help_text="What happened.")
    done_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ("state", "due", "id")
        indexes = [models.Index(fields=("owner", "state", "due"))]

    def __str__(self) -> str:
        return self.text[:60]


class Rating(models.Model):
    """One person's closing word on a session: did it take place, how useful was it (1–5),
    and a private comment that the other person never sees."""

    booking = models.ForeignKey(Booking, on_delete=models.CASCADE, related_name="ratings")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    took_place = models.BooleanField(help_text="False reports a no-show of the other person.")
    stars = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    comment = models.TextField(max_length=1000, blank=True)
    solved = models.BooleanField(default=False, help_text="The mentee says it solved the ask.")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=("booking", "author"), name="rating_once_per_person")
        ]

    def __str__(self) -> str:
        return f"rating of session {self.booking_id} by {self.author_id}"


class CheckIn(models.Model):
    """A follow-up on an action item when it falls due: done? what happened?"""

    action = models.ForeignKey(ActionItem, on_delete=models.CASCADE, related_name="checkins")
    due = models.DateField(help_text="The due date it was sent for.")
    sent_at = models.DateTimeField(auto_now_add=True)
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=("action", "due"), name="checkin_once_per_due_date")
        ]

    def __str__(self) -> str:
        return f"check-in on action {self.action_id}"


class DebriefReminder(models.Model):
    """A reminder to finish a debrief, sent once per person and session."""

    booking = models.ForeignKey(Booking, on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=("booking", "person"), name="debrief_reminder_once")
        ]

    def __str__(self) -> str:
        return f"debrief reminder for session {self.booking_id}"


class Conflict(models.Model):
    """Two advice items from different mentors on the same topic that point different ways,
    flagged in a goal's ledger until the mentee decides."""

    class State(models.TextChoices):
        OPEN = "open", "To decide"
        TIE_BREAK = "tie_break", "Tie-break asked"
        RESOLVED = "resolved", "Decided"
        DISMISSED = "dismissed", "Not a conflict"

    class Source(models.TextChoices):
        DETECTED = "detected", "Found by the ledger"
        MENTEE = "mentee", "Marked by the mentee"

    class Decision(models.TextChoices):
        KEEP_A = "keep_a", "Keep the first"
        KEEP_B = "keep_b", "Keep the second"
        COMBINE = "combine", "Combine them"
        TIE_BREAK = "tie_break", "Decided after a tie-break"

    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="conflicts")
    a = models.ForeignKey(AdviceItem, on_delete=models.CASCADE, related_name="+")
    b = models.ForeignKey(AdviceItem, on_delete=models.CASCADE, related_name="+")
    topic = models.CharField(max_length=60, blank=True)
    explanation = models.CharField(max_length=500)
    confidence = models.FloatField(default=0.0)
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.DETECTED)
    state = models.CharField(max_length=10, choices=State.choices, default=State.OPEN)
    decision = models.CharField(max_length=10, choices=Decision.choices, blank=True)
    rationale = models.TextField(max_length=2000, blank=True)
    tie_break_ask = models.ForeignKey(
        "asks.Ask", on_delete=models.SET_NULL, null=True, blank=True, related_name="tie_breaks"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("state", "-created_at")
        constraints = [
            models.UniqueConstraint(fields=("a", "b"), name="conflict_once_per_pair"),
            models.CheckConstraint(condition=models.Q(a__lt=models.F("b")), name="conflict_a_lt_b"),
        ]

    def __str__(self) -> str:
        return f"conflict {self.a_id} vs {self.b_id}"
