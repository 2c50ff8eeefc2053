"""Recognition: the points ledger, badges earned, kudos, and a community's rewards. The
ledger is append-only: a row is never updated or deleted; a correction is a new row."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from bitesize.communities.models import Community
from bitesize.recognition.rules import LABELS
from bitesize.scheduling.models import Booking


class RecognitionSettings(models.Model):
    """A community's switches and point-rule overrides (validated by rules.validate_overrides)."""

    community = models.OneToOneField(
        Community, on_delete=models.CASCADE, related_name="recognition"
    )
    leaderboards = models.BooleanField(default=True, help_text="Show leaderboards to members.")
    rules = models.JSONField(default=dict, blank=True, help_text="Overrides of the point rules.")
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"recognition settings of {self.community_id}"


class RecognitionPrefs(models.Model):
    """A person's choices: keep kudos off their profile, stay off leaderboards."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="recognition_prefs"
    )
    hide_kudos = models.BooleanField(default=False)
    leaderboard_opt_out = models.BooleanField(default=False)

    def __str__(self) -> str:
        return f"recognition preferences of {self.user_id}"


class PointEntry(models.Model):
    """One line of a person's points ledger, with its reason. `key` names the event it is
    for (e.g. "session:12"), unique per person, so that awarding twice counts once."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    community = models.ForeignKey(
        Community, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    kind = models.CharField(max_length=20)
    points = models.IntegerField()
    reason = models.CharField(max_length=200)
    key = models.CharField(max_length=80)
    booking = models.ForeignKey(
        Booking, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Minutes of mentoring a session entry stands for (the mentor's entry only).
    minutes = models.PositiveIntegerField(default=0)
    at = models.DateTimeField()

    class Meta:
        ordering = ("-at", "-id")
        constraints = [
            models.UniqueConstraint(fields=("user", "key"), name="point_entry_once_per_event")
        ]
        indexes = [
            models.Index(fields=("user", "at")),
            models.Index(fields=("community", "at")),
        ]

    def __str__(self) -> str:
        return f"{self.points:+d} for {self.user_id}: {self.reason}"

    @property
    def label(self) -> str:
        return LABELS.get(self.kind, self.kind)


class CustomBadge(models.Model):
    """A badge a community defines: reach a number of sessions or points inside it."""

    class Metric(models.TextChoices):
        SESSIONS = "sessions", "Sessions in this community"
        POINTS = "points", "Points earned in this community"

    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="badges")
    name = models.CharField(max_length=60)
    description = models.CharField(max_length=200)
    metric = models.CharField(max_length=10, choices=Metric.choices)
    threshold = models.PositiveIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(100_000)]
    )
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.name

    @property
    def code(self) -> str:
        return f"custom-{self.pk}"


class BadgeAward(models.Model):
    """A badge someone earned; its public id names its page and its credential."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="badges"
    )
    code = models.CharField(max_length=40)
    custom = models.ForeignKey(
        CustomBadge, on_delete=models.CASCADE, null=True, blank=True, related_name="awards"
    )
    name = models.CharField(max_length=60)
    description = models.CharField(max_length=200)
    earned_at = models.DateTimeField()

    class Meta:
        ordering = ("-earned_at", "-id")
        constraints = [
            models.UniqueConstraint(fields=("user", "code"), name="badge_once_per_person")
        ]

    def __str__(self) -> str:
        return f"{self.name} for {self.user_id}"


class Kudos(models.Model):
    """Thanks from one person to another, with a message."""

    sender = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="kudos_received"
    )
    message = models.CharField(max_length=500)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("-created_at", "-id")
        verbose_name_plural = "kudos"
        constraints = [
            models.CheckConstraint(
                condition=~Q(sender=models.F("recipient")), name="kudos_not_self"
            )
        ]

    def __str__(self) -> str:
        return f"kudos from {self.sender_id} to {self.recipient_id}"


class Reward(models.Model):
    """Something a community offers for points, while stock lasts."""

    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="rewards")
    name = models.CharField(max_length=80)
    description = models.CharField(max_length=300, blank=True)
    cost = models.PositiveIntegerField(validators=[MinValueValidator(1)])
    stock = models.PositiveIntegerField()
    active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("cost", "name")
        constraints = [
            models.CheckConstraint(condition=Q(cost__gte=1), name="reward_cost_positive"),
            models.CheckConstraint(condition=Q(stock__gte=0), name="reward_stock_not_negative"),
        ]

    def __str__(self) -> str:
        return self.name


class Redemption(models.Model):
    """A member's request for a reward; an admin approves (debiting the points once) or
    rejects it."""

    class State(models.TextChoices):
        REQUESTED = "requested", "Waiting for approval"
        APPROVED = "approved", "Approved"
        REJECTED = "rejected", "Rejected"

    reward = models.ForeignKey(Reward, on_delete=models.CASCADE, related_name="redemptions")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    cost = models.PositiveIntegerField(help_text="The cost when it was requested.")
    state = models.CharField(max_length=10, choices=State.choices, default=State.REQUESTED)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    note = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("-created_at", "-id")
        indexes = [models.Index(fields=("reward", "state"))]

    def __str__(self) -> str:
        return f"redemption of {self.reward_id} by {self.user_id}"
