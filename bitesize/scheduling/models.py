from __future__ import annotations

import uuid
from datetime import timedelta

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q

from bitesize.profiles.choices import Format


class Availability(models.Model):
    """A mentor's booking policy. Weekly rules and date overrides hang off it; times are
    wall-clock in the mentor's profile time zone."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="availability"
    )
    buffer_before = models.PositiveSmallIntegerField(
        default=0, validators=[MaxValueValidator(120)], help_text="Minutes kept free before."
    )
    buffer_after = models.PositiveSmallIntegerField(
        default=5, validators=[MaxValueValidator(120)], help_text="Minutes kept free after."
    )
    min_notice = models.PositiveIntegerField(
        default=240,
        validators=[MaxValueValidator(60 * 24 * 14)],
        help_text="Minutes between booking and start, at least.",
    )
    horizon_days = models.PositiveSmallIntegerField(
        default=30, validators=[MinValueValidator(1), MaxValueValidator(365)]
    )
    max_per_day = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(24)]
    )
    step = models.PositiveSmallIntegerField(
        default=15, validators=[MinValueValidator(5), MaxValueValidator(60)]
    )
    auto_confirm = models.BooleanField(
        default=True, help_text="Confirm requests at once; otherwise accept each one."
    )
    confirm_within_hours = models.PositiveSmallIntegerField(
        default=24, validators=[MinValueValidator(1), MaxValueValidator(168)]
    )
    late_cancel_hours = models.PositiveSmallIntegerField(
        default=12, validators=[MaxValueValidator(168)]
    )
    paused_until = models.DateField(null=True, blank=True, help_text="On vacation until.")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "availabilities"

    def __str__(self) -> str:
        return f"Availability of {self.user}"


class WeeklyRule(models.Model):
    availability = models.ForeignKey(Availability, on_delete=models.CASCADE, related_name="rules")
    weekday = models.PositiveSmallIntegerField(validators=[MaxValueValidator(6)])  # 0 = Monday
    start = models.TimeField()
    end = models.TimeField(help_text="An end at or before the start runs past midnight.")

    class Meta:
        ordering = ("weekday", "start")

    def __str__(self) -> str:
        return f"{self.weekday} {self.start:%H:%M}–{self.end:%H:%M}"


class DateOverride(models.Model):
    """Hours that replace the weekly rules on one local date; a row without times is a day
    off."""

    availability = models.ForeignKey(
        Availability, on_delete=models.CASCADE, related_name="overrides"
    )
    day = models.DateField()
    start = models.TimeField(null=True, blank=True)
    end = models.TimeField(null=True, blank=True)

    class Meta:
        ordering = ("day", "start")
        constraints = [
            models.CheckConstraint(
                condition=Q(start__isnull=True, end__isnull=True)
                | Q(start__isnull=False, end__isnull=False),
                name="override_both_times_or_none",
            )
        ]

    def __str__(self) -> str:
        return f"{self.day}: {'off' if self.start is None else f'{self.start}–{self.end}'}"


class CalendarSource(models.Model):
    """An outside calendar whose busy times block slots: an uploaded file or a feed URL."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_sources"
    )
    name = models.CharField(max_length=80)
    url = models.URLField(max_length=1000, blank=True)
    last_synced_at = models.DateTimeField(null=True, blank=True)
    last_error = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.name


class BusyTime(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="busy_times"
    )
    source = models.ForeignKey(CalendarSource, on_delete=models.CASCADE, related_name="busy")
    start = models.DateTimeField()
    end = models.DateTimeField()

    class Meta:
        indexes = [models.Index(fields=("user", "start"))]
        constraints = [models.CheckConstraint(condition=Q(end__gt=F("start")), name="busy_order")]

    def __str__(self) -> str:
        return f"busy {self.start:%Y-%m-%d %H:%M}–{self.end:%H:%M}"


def _uid() -> str:
    return uuid.uuid4().hex


class Booking(models.Model):
    class State(models.TextChoices):
        REQUESTED = "requested", "Requested"
        CONFIRMED = "confirmed", "Confirmed"
        DECLINED = "declined", "Declined"
        EXPIRED = "expired", "Expired"
        CANCELLED = "cancelled", "Cancelled"
        COMPLETED = "completed", "Completed"
        NO_SHOW = "no_show", "No-show"

    # States that hold the time: a person cannot be in another session then.
    HOLDING = (State.REQUESTED, State.CONFIRMED, State.COMPLETED, State.NO_SHOW)
    OPEN = (State.REQUESTED, State.CONFIRMED)

    mentor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="bookings_as_mentor"
    )
    mentee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="bookings_as_mentee"
    )
    start = models.DateTimeField()
    end = models.DateTimeField()
    format = models.CharField(max_length=10, choices=Format.choices, default=Format.VIDEO)
    question = models.TextField(max_length=2000)
    objective = models.CharField(max_length=300, blank=True)
    ask = models.ForeignKey(
        "asks.Ask", on_delete=models.SET_NULL, null=True, blank=True, related_name="bookings"
    )
    state = models.CharField(max_length=10, choices=State.choices, default=State.REQUESTED)
    confirm_by = models.DateTimeField(null=True, blank=True)
    meeting_url = models.URLField(blank=True, help_text="The mentor's own link, if any.")
    uid = models.CharField(max_length=32, default=_uid, unique=True, editable=False)
    sequence = models.PositiveIntegerField(default=0)
    idempotency_key = models.CharField(max_length=80, blank=True)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    cancel_reason = models.CharField(max_length=300, blank=True)
    late_cancel = models.BooleanField(default=False)
    # The mentee's verdict after the session; matching reads it as evidence of good help.
    mentee_rating = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    solved = models.BooleanField(default=False, help_text="The mentee says this solved it.")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ("start",)
        indexes = [
            models.Index(fields=("mentor", "start")),
            models.Index(fields=("mentee", "start")),
            models.Index(fields=("state", "confirm_by")),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(end__gt=F("start")), name="booking_order"),
            models.CheckConstraint(condition=~Q(mentor=F("mentee")), name="booking_two_people"),
            models.UniqueConstraint(
                fields=("mentee", "idempotency_key"),
                condition=~Q(idempotency_key=""),
                name="booking_idempotency",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.mentor} × {self.mentee} at {self.start:%Y-%m-%d %H:%M}"

    @property
    def duration(self) -> timedelta:
        return self.end - self.start

    @property
    def minutes(self) -> int:
        return int(self.duration.total_seconds() // 60)

    def other(self, user_id: int) -> int:
        return self.mentee_id if user_id == self.mentor_id else self.mentor_id


class BookingSeat(models.Model):
    """One row per person and booking. On PostgreSQL an exclusion constraint forbids two
    holding seats of one person whose times overlap; SQLite gets the same guarantee from a
    re-check inside an immediate transaction (services.booking_create)."""

    booking = models.ForeignKey(Booking, on_delete=models.CASCADE, related_name="seats")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    start = models.DateTimeField()
    end = models.DateTimeField()
    holding = models.BooleanField(default=True)

    class Meta:
        indexes = [
            models.Index(fields=("user", "start"), condition=Q(holding=True), name="seat_hold_idx")
        ]
        constraints = [
            models.UniqueConstraint(fields=("booking", "user"), name="seat_once_per_booking")
        ]

    def __str__(self) -> str:
        return f"seat of {self.user_id} in booking {self.booking_id}"


class BookingEvent(models.Model):
    """The history of a booking: every state change with its actor and reason."""

    class Kind(models.TextChoices):
        REQUESTED = "requested", "Requested"
        CONFIRMED = "confirmed", "Confirmed"
        DECLINED = "declined", "Declined"
        EXPIRED = "expired", "Expired"
        CANCELLED = "cancelled", "Cancelled"
        RESCHEDULED = "rescheduled", "Rescheduled"
        COMPLETED = "completed", "Completed"
        NO_SHOW = "no_show", "No-show"
        EXTENDED = "extended", "Extended in the room"

    booking = models.ForeignKey(Booking, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reason = models.CharField(max_length=300, blank=True)
    data = models.JSONField(default=dict, blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("at", "id")

    def __str__(self) -> str:
        return f"{self.kind} at {self.at:%Y-%m-%d %H:%M}"


class ReminderSent(models.Model):
    """A reminder that went out. Unique per booking, kind and start time, so a retried or
    duplicated task cannot send it twice, and a rescheduled session gets its own."""

    booking = models.ForeignKey(Booking, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(max_length=8)  # "24h" or "15m"
    start = models.DateTimeField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=("booking", "kind", "start"), name="reminder_once")
        ]

    def __str__(self) -> str:
        return f"{self.kind} reminder for booking {self.booking_id}"


class FeedToken(models.Model):
    """The secret in a person's private calendar feed URL; revoking makes a new one."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="feed_token"
    )
    token = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"calendar feed of {self.user_id}"
