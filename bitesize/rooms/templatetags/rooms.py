"""The room's part of the session page: the way in before and during the session, the
written answer of a written session, and the shared notes and time together afterwards,
where the debrief picks up."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils import timezone

from bitesize.rooms import selectors
from bitesize.rooms.views import answer_context
from bitesize.scheduling.models import Booking

register = template.Library()


@register.inclusion_tag("rooms/_panel.html", takes_context=True)
def room_panel(context: dict[str, Any], booking: Booking) -> dict[str, Any]:
    now = timezone.now()
    request = context["request"]
    viewer = request.user
    me = context.get("me")
    zone = me.time_zone if me is not None else viewer.profile.time_zone
    window = selectors.room_window(booking)
    state = selectors.room_state_of(booking)
    held = booking.state in (Booking.State.CONFIRMED, Booking.State.COMPLETED)
    return {
        "booking": booking,
        "open": selectors.room_is_open(booking, now),
        "upcoming": booking.state == Booking.State.CONFIRMED and window.state(now) == "early",
        "after": held and now >= booking.start,
        "notes": state.notes if state else "",
        "minutes": selectors.mentoring_minutes(booking, now) if held else 0,
        "messages": selectors.recent_messages(booking) if held else [],
        "can_invite": booking.state == Booking.State.CONFIRMED
        and now < window.closes
        and selectors.role_of(booking, viewer.pk) != "guest",
        "guests": selectors.guests_of(booking),
        "csrf_token": context.get("csrf_token"),
        **answer_context(request, booking, zone, now),
    }
