from __future__ import annotations

import zoneinfo

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from bitesize.profiles.choices import LANGUAGE_CHOICES, SESSION_LENGTHS, Format
from bitesize.skills.models import Industry, Skill


def _default_lengths() -> list[int]:
    return [15, 30]


def _default_formats() -> list[str]:
    return [Format.VIDEO.value]


class Profile(models.Model):
    class Visibility(models.TextChoices):
        PUBLIC = "public", "Everyone"
        COMMUNITIES = "communities", "Members of my communities only"

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile"
    )
    handle = models.SlugField(max_length=40, unique=True)
    name = models.CharField(max_length=100)
    headline = models.CharField(max_length=140, blank=True)
    bio = models.TextField(max_length=3000, blank=True)
    photo = models.ImageField(upload_to="photos/", blank=True)
    time_zone = models.CharField(max_length=64, default="UTC")
    industries = models.ManyToManyField(Industry, blank=True, related_name="profiles")
    visibility = models.CharField(
        max_length=12, choices=Visibility.choices, default=Visibility.PUBLIC
    )

    # Mentor settings.
    is_mentor = models.BooleanField(default=False, db_index=True)
    help_with = models.TextField(
        max_length=1000, blank=True, help_text="What you like to help with, in a few lines."
    )
    session_lengths = models.JSONField(default=_default_lengths)
    formats = models.JSONField(default=_default_formats)
    weekly_capacity = models.PositiveSmallIntegerField(
        default=3, validators=[MinValueValidator(1), MaxValueValidator(40)]
    )
    available_now = models.BooleanField(default=False)
    meeting_url = models.URLField(blank=True)

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ("name",)
        indexes = [
            # The directory's default order: mentors, available ones first, then by name.
            models.Index(
                fields=("-available_now", "name", "id"),
                condition=Q(is_mentor=True),
                name="profile_directory_idx",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(weekly_capacity__gte=1) & Q(weekly_capacity__lte=40),
                name="profile_capacity_range",
            )
        ]

    def __str__(self) -> str:
        return self.name or str(self.user)

    @property
    def tz(self) -> zoneinfo.ZoneInfo:
        try:
            return zoneinfo.ZoneInfo(self.time_zone)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            return zoneinfo.ZoneInfo("UTC")

    @property
    def initials(self) -> str:
        parts = self.name.split()
        return "".join(p[0] for p in parts[:2]).upper() or "?"

    def format_labels(self) -> list[str]:
        labels = dict(Format.choices)
        return [str(labels[f]) for f in self.formats if f in labels]

    def lengths_label(self) -> str:
        return ", ".join(str(n) for n in sorted(self.session_lengths)) + " min"


class ProfileLanguage(models.Model):
    profile = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="languages")
    code = models.CharField(max_length=8, choices=LANGUAGE_CHOICES)

    class Meta:
        ordering = ("code",)
        constraints = [
            models.UniqueConstraint(fields=("profile", "code"), name="profile_language_unique")
        ]

    def __str__(self) -> str:
        return self.get_code_display()


class ProfileSkill(models.Model):
    """A skill on a profile: a catalogue skill, or a free-text tag the catalogue lacks."""

    class Level(models.IntegerChoices):
        LEARNING = 1, "Learning"
        WORKING = 2, "Working knowledge"
        ADVANCED = 3, "Advanced"
        EXPERT = 4, "Expert"

    profile = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="skills")
    skill = models.ForeignKey(
        Skill, on_delete=models.PROTECT, null=True, blank=True, related_name="profile_skills"
    )
    tag = models.CharField(max_length=80, blank=True)
    level = models.PositiveSmallIntegerField(choices=Level.choices, default=Level.WORKING)

    class Meta:
        ordering = ("-level", "id")
        constraints = [
            models.UniqueConstraint(
                fields=("profile", "skill"),
                condition=Q(skill__isnull=False),
                name="profile_skill_unique",
            ),
            models.UniqueConstraint(
                fields=("profile", "tag"),
                condition=Q(skill__isnull=True),
                name="profile_tag_unique",
            ),
            models.CheckConstraint(
                condition=Q(skill__isnull=False) | ~Q(tag=""), name="profile_skill_or_tag"
            ),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return self.skill.name if self.skill_id and self.skill else self.tag


ALLOWED_LENGTHS = SESSION_LENGTHS
