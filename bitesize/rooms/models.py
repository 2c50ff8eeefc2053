"""The live room of a booking: who was there when, what was said in the chat, the shared
notes, and a third person invited for a tie-break. The room itself is the booking; these
rows hang off it."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from bitesize.scheduling.models import Booking


class RoomState(models.Model):
    """What the room adds to its booking: the shared notes with their version, the minutes
    added by extensions, and when someone ended the session."""

    booking = models.OneToOneField(Booking, on_delete=models.CASCADE, related_name="room")
    notes = models.TextField(blank=True)
    notes_version = models.PositiveIntegerField(default=0)
    notes_updated_at = models.DateTimeField(null=True, blank=True)
    extended_minutes = models.PositiveSmallIntegerField(default=0)
    ended_at = models.DateTimeField(null=True, blank=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    def __str__(self) -> str:
        return f"room of booking {self.booking_id}"


class RoomGuest(models.Model):
    """A third person a participant invited, e.g. another mentor for a tie-break."""

    booking = models.ForeignKey(Booking, on_delete=models.CASCADE, related_name="room_guests")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=("booking", "user"), name="room_guest_once"),
        ]

    def __str__(self) -> str:
        return f"guest {self.user_id} in booking {self.booking_id}"


class Attendance(models.Model):
    """One connection of one person to the room: when it opened and when it closed."""

    booking = models.ForeignKey(Booking, on_delete=models.CASCADE, related_name="attendance")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    joined_at = models.DateTimeField()
    left_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("joined_at", "id")
        indexes = [models.Index(fields=("booking", "user"))]
        constraints = [
            models.CheckConstraint(
                condition=Q(left_at__isnull=True) | Q(left_at__gte=F("joined_at")),
                name="attendance_order",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user_id} in booking {self.booking_id} from {self.joined_at:%H:%M}"


class RoomMessage(models.Model):
    booking = models.ForeignKey(Booking, on_delete=models.CASCADE, related_name="room_messages")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    body = models.TextField(max_length=4000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("created_at", "id")

    def __str__(self) -> str:
        return f"message {self.pk} in booking {self.booking_id}"


class WrittenAnswer(models.Model):
    """The mentor's answer to a session of format "written answer", written from the start
    to the end of the booked time. The booked time is what the mentor agreed to spend on it."""

    booking = models.OneToOneField(Booking, on_delete=models.CASCADE, related_name="written_answer")
    body = models.TextField(max_length=8000)
    submitted_at = models.DateTimeField()
    updated_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"written answer of booking {self.booking_id}"
