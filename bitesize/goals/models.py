from __future__ import annotations

from django.conf import settings
from django.db import models


class Goal(models.Model):
    """A mentee's longer-term goal; asks, sessions and advice gather under it."""

    class Status(models.TextChoices):
        ACTIVE = "active", "Active"
        ACHIEVED = "achieved", "Achieved"
        DROPPED = "dropped", "Dropped"

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="goals"
    )
    title = models.CharField(max_length=160)
    description = models.TextField(max_length=2000, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.ACTIVE)
    share_with_mentors = models.BooleanField(
        default=True,
        help_text="Mentors on this goal see earlier sessions and advice in their brief.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ("status", "-created_at")

    def __str__(self) -> str:
        return self.title
