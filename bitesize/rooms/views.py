from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from bitesize.accounts.models import User
from bitesize.profiles.choices import Format
from bitesize.profiles.selectors import access_profile_by_handle
from bitesize.profiles.services import profile_ensure
from bitesize.rooms import selectors, services
from bitesize.scheduling.messages import local_time
from bitesize.scheduling.models import Booking
from bitesize.scheduling.selectors import access_booking_by_id

# A refused answer is kept for the form it came from, up to this many characters.
DRAFT_KEEP = 20_000


def draft_key(booking_id: int) -> str:
    return f"written-answer-draft:{booking_id}"


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
            "in_room": True,
            **answer_context(request, booking, me.time_zone, now),
        },
    )


def answer_context(
    request: HttpRequest, booking: Booking, zone: str, now: datetime
) -> dict[str, Any]:
    """What the written answer part of a page shows: the form for the mentor while the
    booked time runs (with a refused draft and its errors, if any), else the answer."""
    if booking.format != Format.WRITTEN:
        return {"written": False}
    window = selectors.answer_window(booking)
    confirmed = booking.state == Booking.State.CONFIRMED
    held = booking.state in (
        Booking.State.CONFIRMED,
        Booking.State.COMPLETED,
        Booking.State.NO_SHOW,
    )
    mine = request.user.pk == booking.mentor_id
    can_answer = confirmed and window.state(now) == "open" and mine
    # A refused draft is shown once, where it was written; taken out of the session either way.
    draft = request.session.pop(draft_key(booking.pk), None) if mine else None
    draft = draft if can_answer else None
    answer = selectors.written_answer_of(booking)
    return {
        "written": True,
        "answer": answer,
        "can_answer": can_answer,
        "answer_window": window.state(now) if held else "",
        "answer_due": local_time(booking.end, zone),
        "answer_opens": local_time(booking.start, zone),
        "answer_left": time_left(booking.end - now),
        "answer_draft": draft["body"] if draft else (answer.body if answer else ""),
        "answer_errors": draft["errors"] if draft else [],
        "answer_submitted": local_time(answer.submitted_at, zone) if answer else "",
        "answer_edited": local_time(answer.updated_at, zone)
        if answer and answer.updated_at != answer.submitted_at
        else "",
        "is_mentor": mine,
    }


def time_left(left: timedelta) -> str:
    minutes = max(0, -(-int(left.total_seconds()) // 60))  # started minutes count whole
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes} min" if hours else f"{minutes} min"


@login_required
@require_POST
def written_answer(request: HttpRequest, pk: int) -> HttpResponse:
    """The mentor saves the answer of a written session. Anyone else gets 404 and changes
    nothing; a refused text comes back in the form with what is wrong with it."""
    viewer = cast(User, request.user)
    booking = access_booking_by_id(viewer, pk)
    if viewer.pk != booking.mentor_id:
        raise Http404("No answer of yours to write in this session.")
    body = request.POST.get("body", "")
    if request.POST.get("next") == "room":
        back = redirect("room", pk=booking.pk)
    else:
        back = redirect(f"/sessions/{booking.pk}/#answer")
    try:
        services.written_answer_submit(booking=booking, by=viewer, body=body)
    except ValidationError as exc:
        problems = exc.message_dict.get("body", []) if hasattr(exc, "error_dict") else []
        if problems:
            request.session[draft_key(booking.pk)] = {"body": body[:DRAFT_KEEP], "errors": problems}
        else:
            for problem in exc.messages:
                messages.error(request, problem)
    else:
        messages.success(
            request, f"Your answer is saved; {booking.mentee.profile.name} can read it."
        )
    return back


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
