from __future__ import annotations

from typing import cast

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from bitesize.accounts.models import User
from bitesize.profiles.services import profile_ensure
from bitesize.rooms import selectors
from bitesize.scheduling.messages import local_time
from bitesize.scheduling.models import Booking


@login_required
def room(request: HttpRequest, pk: int) -> HttpResponse:
    """The live room of a booking. Outsiders get 404; the page says when a room that is
    not open yet opens. The room itself runs in static/js/room.js over /ws/rooms/<pk>/."""
    viewer = cast(User, request.user)
    booking = selectors.access_room_by_id(viewer, pk)
    me = profile_ensure(user=viewer)
    window = selectors.room_window(booking)
    now = timezone.now()
    state = window.state(now) if booking.state == Booking.State.CONFIRMED else "not_confirmed"
    role = selectors.role_of(booking, viewer.pk)
    others = [p for p in (booking.mentor, booking.mentee) if p.pk != viewer.pk]
    return render(
        request,
        "rooms/room.html",
        {
            "booking": booking,
            "role": role,
            "others": [o.profile for o in others],
            "state": state,
            "opens_local": local_time(window.opens, me.time_zone),
            "media": booking.format in ("video", "audio"),
            "video": booking.format == "video",
        },
    )
