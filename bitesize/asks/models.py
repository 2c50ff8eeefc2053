from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from bitesize.communities.models import Community
from bitesize.goals.models import Goal
from bitesize.profiles.choices import Format
from bitesize.skills.models import Skill


class Ask(models.Model):
    """One specific question a person brings, with what they want to be able to do after."""

    class Urgency(models.TextChoices):
        NOW = "now", "Now"
        DAY = "24h", "Within 24 hours"
        WEEK = "week", "This week"
        FLEXIBLE = "flexible", "Flexible"

    class State(models.TextChoices):
        OPEN = "open", "Open"
        SEARCHING = "searching", "Finding a mentor now"
        BOOKED = "booked", "Booked"
        WITHDRAWN = "withdrawn", "Withdrawn"

    asker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="asks"
    )
    question = models.TextField(max_length=2000)
    objective = models.CharField(max_length=300)
    context = models.TextField(max_length=3000, blank=True)
    skills = models.ManyToManyField(Skill, blank=True, related_name="asks")
    tags = models.JSONField(default=list, blank=True, help_text="Skills not in the catalogue.")
    minutes = models.PositiveSmallIntegerField(
        default=30, validators=[MinValueValidator(5), MaxValueValidator(60)]
    )
    format = models.CharField(max_length=10, choices=Format.choices, default=Format.VIDEO)
    urgency = models.CharField(max_length=10, choices=Urgency.choices, default=Urgency.WEEK)
    audience = models.ManyToManyField(
        Community,
        blank=True,
        related_name="asks",
        help_text="Communities whose mentors may see it; none means every mentor you can see.",
    )
    goal = models.ForeignKey(
        Goal, on_delete=models.SET_NULL, null=True, blank=True, related_name="asks"
    )
    state = models.CharField(max_length=10, choices=State.choices, default=State.OPEN)
    now_started_at = models.DateTimeField(
        null=True, blank=True, help_text="When the ask last went out as offers to mentors."
    )
    now_gave_up_at = models.DateTimeField(
        null=True, blank=True, help_text="When nobody took it and it fell back to booking."
    )
    now_candidates = models.JSONField(
        default=list,
        blank=True,
        help_text="Mentors still to offer it to, best first: [mentor id, score, reasons].",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ("-created_at",)
        indexes = [models.Index(fields=("asker", "state"))]

    def __str__(self) -> str:
        return self.question[:60]

    @property
    def text(self) -> str:
        return "\n".join(p for p in (self.question, self.objective, self.context) if p)


class Offer(models.Model):
    """An ask sent to one mentor who is available now, to accept or decline before a deadline.
    The first mentor to accept takes the ask; the other offers close."""

    class State(models.TextChoices):
        PENDING = "pending", "Waiting for an answer"
        ACCEPTED = "accepted", "Accepted"
        DECLINED = "declined", "Declined"
        EXPIRED = "expired", "No answer in time"
        TAKEN = "taken", "Taken by another mentor"
        WITHDRAWN = "withdrawn", "Withdrawn"

    ask = models.ForeignKey(Ask, on_delete=models.CASCADE, related_name="offers")
    mentor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="offers"
    )
    rank = models.PositiveSmallIntegerField(help_text="1 for the best match.")
    score = models.PositiveSmallIntegerField(default=0)
    reasons = models.JSONField(default=list, blank=True)
    state = models.CharField(max_length=10, choices=State.choices, default=State.PENDING)
    sent_at = models.DateTimeField()
    deadline = models.DateTimeField()
    answered_at = models.DateTimeField(null=True, blank=True)
    reason = models.CharField(max_length=300, blank=True, help_text="Why it was declined.")
    booking = models.ForeignKey(
        "scheduling.Booking", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ("rank",)
        constraints = [
            models.UniqueConstraint(fields=("ask", "mentor"), name="offer_once_per_mentor"),
        ]
        indexes = [models.Index(fields=("mentor", "state"))]

    def __str__(self) -> str:
        return f"offer of ask {self.ask_id} to mentor {self.mentor_id}"
