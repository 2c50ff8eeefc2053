from __future__ import annotations

from django.db import models


class MentorChange(models.Model):
    """A mentor whose profile or history changed. Every process reads the rows past the last
    one it saw before ranking and refreshes those mentors in its in-memory index, so a change
    shows in suggestions from every process at once, with no broker."""

    mentor_id = models.BigIntegerField(db_index=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("id",)

    def __str__(self) -> str:
        return f"mentor {self.mentor_id} changed"
