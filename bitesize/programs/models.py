"""Programs: time-boxed mentoring campaigns of a community, with cohort matching (DESIGN §3).

A Program lists its mentees and mentors (Participant) and explicit pair rules (PairRule); a
CohortRun computes the optimal assignment for it in the background and keeps the pairs it
found (CohortPair) beside the figures that say how good they are."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q

from bitesize.communities.models import Community


class Objective(models.TextChoices):
    SCORE = "score", "Highest total score"
    COVERAGE = "coverage", "Most mentees matched, then highest score"


class Program(models.Model):
    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="programs")
    name = models.CharField(max_length=120)
    slug = models.SlugField(max_length=60)
    description = models.TextField(max_length=3000, blank=True)
    starts_on = models.DateField()
    ends_on = models.DateField()
    objective = models.CharField(max_length=10, choices=Objective.choices, default="score")
    max_tz_gap_hours = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MaxValueValidator(12)],
        help_text="Largest time-zone difference within a pair, in hours; empty: no limit.",
    )
    exclude_reporting_line = models.BooleanField(
        default=False,
        help_text="Never pair two people when one is the other's manager, directly or not.",
    )
    default_capacity = models.PositiveSmallIntegerField(
        default=2,
        validators=[MinValueValidator(1), MaxValueValidator(50)],
        help_text="Mentees per mentor, unless the mentor has a capacity of their own.",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("-starts_on", "name")
        constraints = [
            models.UniqueConstraint(fields=("community", "slug"), name="program_slug_unique"),
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")),
                name="program_ends_after_start",
                violation_error_message="A program ends on or after the day it starts.",
            ),
            models.CheckConstraint(
                condition=Q(default_capacity__gte=1) & Q(default_capacity__lte=50),
                name="program_capacity_range",
            ),
            models.CheckConstraint(
                condition=Q(max_tz_gap_hours__isnull=True) | Q(max_tz_gap_hours__lte=12),
                name="program_tz_gap_range",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Participant(models.Model):
    class Role(models.TextChoices):
        MENTEE = "mentee", "Mentee"
        MENTOR = "mentor", "Mentor"

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="participants")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="program_participations"
    )
    role = models.CharField(max_length=6, choices=Role.choices)
    capacity = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MaxValueValidator(50)],
        help_text="Mentors only: mentees at most; empty: the program's default.",
    )
    goals = models.TextField(
        max_length=2000, blank=True, help_text="Mentees: what they want from the program."
    )
    skills = models.JSONField(default=list, blank=True, help_text="Mentees: skills wanted.")
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("program", "role", "id")
        constraints = [
            models.UniqueConstraint(
                fields=("program", "user", "role"), name="participant_unique_role"
            ),
            models.CheckConstraint(
                condition=Q(capacity__isnull=True) | Q(capacity__lte=50),
                name="participant_capacity_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.role}) in {self.program}"


class PairRule(models.Model):
    """An explicit decision of the program's admins about one (mentee, mentor) pair."""

    class Kind(models.TextChoices):
        MUST = "must", "Must match"
        MUST_NOT = "must_not", "Must not match"

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="rules")
    mentee = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    mentor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=8, choices=Kind.choices)
    note = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("program", "id")
        constraints = [
            models.UniqueConstraint(
                fields=("program", "mentee", "mentor"), name="pair_rule_unique"
            ),
            models.UniqueConstraint(
                fields=("program", "mentee"),
                condition=Q(kind="must"),
                name="pair_rule_one_must_per_mentee",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.mentee} / {self.mentor}: {self.get_kind_display()}"


class CohortRun(models.Model):
    class State(models.TextChoices):
        QUEUED = "queued", "Queued"
        RUNNING = "running", "Running"
        DONE = "done", "Done"
        FAILED = "failed", "Failed"

    ACTIVE = (State.QUEUED, State.RUNNING)

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="runs")
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    state = models.CharField(max_length=8, choices=State.choices, default=State.QUEUED)
    objective = models.CharField(max_length=10, choices=Objective.choices)
    phase = models.CharField(max_length=20, blank=True)
    progress = models.FloatField(default=0.0)  # 0..1 over all phases
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # Figures, set when the run is done.
    mentees = models.PositiveIntegerField(default=0)
    mentors = models.PositiveIntegerField(default=0)
    matched = models.PositiveIntegerField(default=0)
    coverage = models.FloatField(null=True, blank=True)
    objective_value = models.FloatField(null=True, blank=True)
    greedy_value = models.FloatField(null=True, blank=True)
    greedy_matched = models.PositiveIntegerField(null=True, blank=True)
    gain_over_greedy = models.FloatField(null=True, blank=True)
    seconds = models.FloatField(null=True, blank=True)  # scoring and solving, wall time
    error = models.TextField(blank=True)
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("-created_at", "-id")
        constraints = [
            # At most one queued or running run per program, whoever starts it and however
            # many requests race: the database refuses the second.
            models.UniqueConstraint(
                fields=("program",),
                condition=Q(state__in=("queued", "running")),
                name="cohort_run_one_active_per_program",
            ),
            models.CheckConstraint(
                condition=Q(progress__gte=0.0) & Q(progress__lte=1.0),
                name="cohort_run_progress_range",
            ),
        ]

    def __str__(self) -> str:
        return f"Run {self.pk} of {self.program} ({self.state})"

    @property
    def is_active(self) -> bool:
        return self.state in self.ACTIVE

    @property
    def gain_label(self) -> str:
        return "" if self.gain_over_greedy is None else f"{self.gain_over_greedy:+.1%}"


class CohortPair(models.Model):
    run = models.ForeignKey(CohortRun, on_delete=models.CASCADE, related_name="pairs")
    mentee = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    mentor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    score = models.FloatField()  # the matching engine's 0..100 for this pair
    must = models.BooleanField(default=False)  # kept because of a must-match rule
    reasons = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ("run", "-score", "id")
        constraints = [
            models.UniqueConstraint(fields=("run", "mentee"), name="cohort_pair_one_per_mentee"),
        ]

    def __str__(self) -> str:
        return f"{self.mentee} → {self.mentor} ({self.score:.1f})"
