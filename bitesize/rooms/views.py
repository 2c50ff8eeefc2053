from __future__ import annotations

from typing import cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from bitesize.accounts.models import User
from bitesize.profiles.selectors import access_profile_by_handle
from bitesize.profiles.services import profile_ensure
from bitesize.rooms import selectors, services
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


@login_required
@require_POST
def room_invite(request: HttpRequest, pk: int) -> HttpResponse:
    """Invite a third person into the room, e.g. another mentor for a tie-break. They are
    named by their profile handle, and only someone the inviter can see can be invited."""
    viewer = cast(User, request.user)
    booking = selectors.access_room_by_id(viewer, pk)
    handle = request.POST.get("handle", "").strip().removeprefix("@")
    try:
        guest = access_profile_by_handle(viewer, handle).user
        services.room_guest_invite(booking=booking, by=viewer, guest=guest)
    except Http404:
        messages.error(request, "No one you can see has that handle.")
    except (ValidationError, PermissionDenied) as exc:
        text = " ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
        messages.error(request, text)
    else:
        messages.success(request, f"{guest.profile.name} can join the room now.")
    return redirect("session_detail", pk=booking.pk)
