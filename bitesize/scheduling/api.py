from datetime import UTC, date, datetime, timedelta
from typing import cast

from django.http import HttpRequest
from django.utils import timezone
from ninja import Query, Router, Schema, Status
from pydantic import Field

from bitesize.accounts.models import User
from bitesize.notifications.models import Notification
from bitesize.notifications.services import notifications_mark_read
from bitesize.profiles.selectors import access_profile_by_handle
from bitesize.profiles.services import profile_ensure
from bitesize.scheduling import services
from bitesize.scheduling.messages import local_time
from bitesize.scheduling.models import Booking
from bitesize.scheduling.schemas import (
    AvailabilityIO,
    BookingIn,
    BookingOut,
    DayIn,
    NotificationOut,
    OverrideOut,
    PersonOut,
    ReasonIn,
    RescheduleIn,
    RuleIO,
    SlotOut,
)
from bitesize.scheduling.selectors import access_booking_by_id, bookings_of
from bitesize.scheduling.views import slots_for

router = Router(tags=["scheduling"])
ERR = {400: dict, 404: dict, 409: dict}


def _user(request: HttpRequest) -> User:
    return cast(User, request.user)


def booking_out(booking: Booking, viewer: User) -> BookingOut:
    mine = booking.mentor if viewer.pk == booking.mentor_id else booking.mentee

    def person(user: User) -> PersonOut:
        return PersonOut(
            handle=user.profile.handle, name=user.profile.name, time_zone=user.profile.time_zone
        )

    return BookingOut(
        id=booking.pk,
        state=booking.state,
        start=booking.start,
        end=booking.end,
        minutes=booking.minutes,
        format=booking.format,
        question=booking.question,
        objective=booking.objective,
        mentor=person(booking.mentor),
        mentee=person(booking.mentee),
        role="mentor" if viewer.pk == booking.mentor_id else "mentee",
        confirm_by=booking.confirm_by,
        meeting_url=booking.meeting_url,
        cancel_reason=booking.cancel_reason,
        late_cancel=booking.late_cancel,
        start_local=local_time(booking.start, mine.profile.time_zone),
        url=f"/sessions/{booking.pk}/",
    )


def availability_out(user: User) -> AvailabilityIO:
    availability = services.availability_ensure(user=user)
    spans: dict[date, list[tuple[str, str]]] = {}
    for o in availability.overrides.all():
        spans.setdefault(o.day, [])
        if o.start is not None and o.end is not None:
            spans[o.day].append((o.start.strftime("%H:%M"), o.end.strftime("%H:%M")))
    return AvailabilityIO(
        time_zone=profile_ensure(user=user).time_zone,
        rules=[
            RuleIO(weekday=r.weekday, start=r.start.strftime("%H:%M"), end=r.end.strftime("%H:%M"))
            for r in availability.rules.all()
        ],
        buffer_before=availability.buffer_before,
        buffer_after=availability.buffer_after,
        min_notice=availability.min_notice,
        horizon_days=availability.horizon_days,
        max_per_day=availability.max_per_day,
        step=availability.step,
        auto_confirm=availability.auto_confirm,
        confirm_within_hours=availability.confirm_within_hours,
        late_cancel_hours=availability.late_cancel_hours,
        paused_until=availability.paused_until,
        overrides=[OverrideOut(day=d, spans=s) for d, s in sorted(spans.items())],
    )


@router.get("/availability", response=AvailabilityIO, summary="My availability")
def availability_get(request: HttpRequest) -> AvailabilityIO:
    return availability_out(_user(request))


@router.put("/availability", response={200: AvailabilityIO, **ERR}, summary="Set my availability")
def availability_put(request: HttpRequest, payload: AvailabilityIO) -> AvailabilityIO:
    user = _user(request)
    services.availability_update(
        user=user,
        rules=[services.RuleSpec(r.weekday, r.start, r.end) for r in payload.rules],
        policy=payload.model_dump(exclude={"rules", "overrides", "time_zone"}),
    )
    return availability_out(user)


@router.put(
    "/availability/days/{day}",
    response={200: AvailabilityIO, **ERR},
    summary="Override one date (spans), make it a day off ([]) or clear it (null)",
)
def availability_day(request: HttpRequest, day: date, payload: DayIn) -> AvailabilityIO:
    services.availability_set_day(user=_user(request), day=day, spans=payload.spans)
    return availability_out(_user(request))


class SlotQuery(Schema):
    minutes: int = Field(30, ge=5, le=60)
    days: int = Field(14, ge=1, le=60)
    start: datetime | None = None


@router.get(
    "/mentors/{handle}/slots",
    response={200: list[SlotOut], **ERR},
    summary="Free slots with a mentor that suit both of you",
)
def mentor_slots(request: HttpRequest, handle: str, q: Query[SlotQuery]) -> list[SlotOut]:  # type: ignore[type-arg]
    viewer = _user(request)
    mentor = access_profile_by_handle(viewer, handle)
    found = slots_for(mentor=mentor, viewer=viewer, minutes=q.minutes, days=q.days, start=q.start)
    zone = profile_ensure(user=viewer).time_zone
    return [
        SlotOut(
            start=s,
            end=s + timedelta(minutes=q.minutes),
            local=local_time(s, zone),
            mentor_local=local_time(s, mentor.time_zone),
        )
        for s in found
    ]


@router.post(
    "/bookings",
    response={201: BookingOut, 200: BookingOut, **ERR},
    summary="Book a slot (409 when it is taken)",
)
def booking_create(request: HttpRequest, payload: BookingIn) -> Status[BookingOut]:
    viewer = _user(request)
    mentor = access_profile_by_handle(viewer, payload.mentor)
    key = payload.idempotency_key or request.headers.get("Idempotency-Key", "")
    before = Booking.objects.filter(mentee=viewer, idempotency_key=key).exists() if key else False
    booking = services.booking_create(
        mentor=mentor.user,
        mentee=viewer,
        start=payload.start,
        minutes=payload.minutes,
        format=payload.format,
        question=payload.question,
        objective=payload.objective,
        idempotency_key=key,
    )
    return Status(200 if before else 201, booking_out(booking, viewer))


class BookingFilter(Schema):
    when: str = Field("upcoming", pattern="^(upcoming|past|all)$")


@router.get("/bookings", response=list[BookingOut], summary="My sessions")
def booking_list(request: HttpRequest, f: Query[BookingFilter]) -> list[BookingOut]:  # type: ignore[type-arg]
    viewer = _user(request)
    now = timezone.now()
    items = bookings_of(viewer)
    if f.when == "upcoming":
        items = items.filter(end__gte=now, state__in=Booking.OPEN).order_by("start")
    elif f.when == "past":
        items = items.filter(end__lt=now).order_by("-start")
    return [booking_out(b, viewer) for b in items[:200]]


@router.get("/bookings/{booking_id}", response={200: BookingOut, 404: dict})
def booking_get(request: HttpRequest, booking_id: int) -> BookingOut:
    return booking_out(access_booking_by_id(_user(request), booking_id), _user(request))


def _act(request: HttpRequest, booking_id: int) -> tuple[User, Booking]:
    viewer = _user(request)
    return viewer, access_booking_by_id(viewer, booking_id)


@router.post("/bookings/{booking_id}/confirm", response={200: BookingOut, **ERR, 403: dict})
def booking_confirm(request: HttpRequest, booking_id: int) -> BookingOut:
    viewer, booking = _act(request, booking_id)
    return booking_out(services.booking_confirm(booking=booking, by=viewer), viewer)


@router.post("/bookings/{booking_id}/decline", response={200: BookingOut, **ERR, 403: dict})
def booking_decline(request: HttpRequest, booking_id: int, payload: ReasonIn) -> BookingOut:
    viewer, booking = _act(request, booking_id)
    return booking_out(
        services.booking_decline(booking=booking, by=viewer, reason=payload.reason), viewer
    )


@router.post("/bookings/{booking_id}/cancel", response={200: BookingOut, **ERR, 403: dict})
def booking_cancel(request: HttpRequest, booking_id: int, payload: ReasonIn) -> BookingOut:
    viewer, booking = _act(request, booking_id)
    return booking_out(
        services.booking_cancel(booking=booking, by=viewer, reason=payload.reason), viewer
    )


@router.post("/bookings/{booking_id}/reschedule", response={200: BookingOut, **ERR, 403: dict})
def booking_reschedule(request: HttpRequest, booking_id: int, payload: RescheduleIn) -> BookingOut:
    viewer, booking = _act(request, booking_id)
    moved = services.booking_reschedule(
        booking=booking, by=viewer, start=payload.start.astimezone(UTC), reason=payload.reason
    )
    return booking_out(moved, viewer)


@router.get("/notifications", response=list[NotificationOut], tags=["notifications"])
def notification_list(request: HttpRequest) -> list[NotificationOut]:
    return [
        NotificationOut(
            id=n.pk,
            kind=n.kind,
            title=n.title,
            body=n.body,
            url=n.url,
            created_at=n.created_at,
            read=n.read_at is not None,
        )
        for n in Notification.objects.filter(user=_user(request))[:100]
    ]


class ReadIn(Schema):
    ids: list[int] | None = None


@router.post("/notifications/read", response=dict, tags=["notifications"])
def notification_read(request: HttpRequest, payload: ReadIn) -> dict[str, int]:
    return {"marked": notifications_mark_read(user=_user(request), ids=payload.ids)}
