"""A confirmed booking that starts around now, made directly (the booking rules have their
own tests): the room tests need the time, not the way to it."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.test import Client
from django.utils import timezone

from bitesize.accounts.models import User
from bitesize.scheduling.models import Booking, BookingSeat


def booking_now(
    mentor: User,
    mentee: User,
    *,
    start: datetime | None = None,
    minutes: int = 30,
    format: str = "video",
    state: str = Booking.State.CONFIRMED,
) -> Booking:
    start = start or timezone.now() - timedelta(minutes=1)
    booking = Booking.objects.create(
        mentor=mentor,
        mentee=mentee,
        start=start,
        end=start + timedelta(minutes=minutes),
        format=format,
        question="How do I size node pools for a bursty workload?",
        state=state,
    )
    BookingSeat.objects.bulk_create(
        BookingSeat(
            booking=booking,
            user=u,
            start=booking.start,
            end=booking.end,
            holding=state in Booking.HOLDING,
        )
        for u in (mentor, mentee)
    )
    return booking


def session_cookie(user: User) -> str:
    client = Client()
    client.force_login(user)
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"
