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


class MentorVector(models.Model):
    """The sentence vector of one text of a mentor (their profile, or one kept help record),
    stored so that an index build reads vectors instead of running the model for every mentor.

    Keyed by the text's digest and the model that embedded it: an edited text gets a new row
    and its old one goes (services.mentor_vectors_refresh), and another model's vectors are
    never mixed in. Compact: one int8 code per dimension times one scale (388 bytes for 384
    dimensions), the form the index keeps in memory anyway."""

    mentor_id = models.BigIntegerField()
    digest = models.CharField(max_length=32)  # engine.text_key of the embedded text
    model = models.CharField(max_length=64)  # embedding.model_id()
    codes = models.BinaryField()
    scale = models.FloatField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["mentor_id", "model", "digest"], name="mentor_vector_unique"
            )
        ]
        indexes = [models.Index(fields=["model", "digest"], name="mentor_vector_by_text")]

    def __str__(self) -> str:
        return f"vector {self.digest[:8]} of mentor {self.mentor_id}"
