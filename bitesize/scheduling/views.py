from __future__ import annotations

import secrets
from collections import OrderedDict
from datetime import UTC, date, datetime, timedelta
from typing import cast
from zoneinfo import ZoneInfo

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from bitesize.accounts.models import User
from bitesize.asks.selectors import access_ask_by_id
from bitesize.debriefs.selectors import debrief_for
from bitesize.goals.selectors import brief_for
from bitesize.profiles.models import Profile
from bitesize.profiles.selectors import access_profile_by_handle
from bitesize.profiles.services import profile_ensure
from bitesize.scheduling import calendar, services, slots
from bitesize.scheduling.forms import (
    BookingForm,
    BusyImportForm,
    PolicyForm,
    ReasonForm,
    RescheduleForm,
)
from bitesize.scheduling.messages import local_time, session_event
from bitesize.scheduling.models import Booking, CalendarSource, FeedToken
from bitesize.scheduling.selectors import (
    access_booking_by_id,
    bookings_of,
    calendar_busy,
    held_intervals,
    mentor_booked,
    schedule_for,
)

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def _user(request: HttpRequest) -> User:
    return cast(User, request.user)


def slots_for(
    *,
    mentor: Profile,
    viewer: User,
    minutes: int,
    days: int = 14,
    start: datetime | None = None,
    exclude_booking: int | None = None,
) -> list[datetime]:
    """Free slots of a mentor over the next days that leave the viewer's time alone."""
    schedule = schedule_for(mentor.user)
    if minutes not in schedule.lengths:
        offered = ", ".join(map(str, schedule.lengths))
        raise ValidationError({"minutes": f"This mentor offers sessions of {offered} minutes."})
    now = timezone.now()
    begin = max(start.astimezone(UTC) if start else now, now)
    end = begin + timedelta(days=days)
    if schedule.paused_until:
        paused_end = datetime.combine(
            schedule.paused_until + timedelta(days=1),
            datetime.min.time(),  # type: ignore[operator]
            tzinfo=ZoneInfo(schedule.zone),
        )
        begin = max(begin, paused_end.astimezone(UTC))
    people = [mentor.user_id, viewer.pk]
    window = (begin - timedelta(days=8), end + timedelta(days=1))
    held = held_intervals(people, *window, exclude_booking=exclude_booking)
    busy = calendar_busy(people, *window)
    booked = mentor_booked([mentor.user_id], *window, exclude_booking=exclude_booking)
    return slots.free_slots(
        rules=schedule.rules,
        overrides=schedule.overrides,
        policy=schedule.policy,
        duration=timedelta(minutes=minutes),
        booked=booked[mentor.user_id],
        busy=[
            *held[mentor.user_id],
            *(held[viewer.pk] if viewer.pk != mentor.user_id else []),
            *busy[mentor.user_id],
            *busy[viewer.pk],
        ],
        now=now,
        start=begin,
        end=end,
        limit=400,
    )


def group_by_day(found: list[datetime], zone: str) -> OrderedDict[date, list[datetime]]:
    tz = ZoneInfo(zone)
    days: OrderedDict[date, list[datetime]] = OrderedDict()
    for moment in found:
        local = moment.astimezone(tz)
        days.setdefault(local.date(), []).append(local)
    return days


@login_required
def book(request: HttpRequest, handle: str) -> HttpResponse:
    """A mentee picks a slot (shown in their own zone) and says what the session is for."""
    viewer = _user(request)
    me = profile_ensure(user=viewer)
    mentor = access_profile_by_handle(viewer, handle)
    if not mentor.is_mentor:
        raise Http404("This person does not offer mentoring.")
    lengths = sorted(mentor.session_lengths)
    minutes = int(request.GET.get("minutes") or request.POST.get("minutes") or lengths[0])
    if minutes not in lengths:
        minutes = lengths[0]
    ask = None
    if (ask_id := request.GET.get("ask") or request.POST.get("ask", "")).isdigit():
        ask = access_ask_by_id(viewer, int(ask_id))
        if ask.asker_id != viewer.pk:
            raise Http404("No such ask.")
    initial: dict[str, object] = {"minutes": minutes, "format": mentor.formats[0]}
    if ask is not None:
        initial.update(question=ask.question, objective=ask.objective)
        if ask.format in mentor.formats:
            initial["format"] = ask.format
    form = BookingForm(mentor=mentor, initial=initial)
    status = 200
    if request.method == "POST":
        form = BookingForm(request.POST, mentor=mentor)
        if form.is_valid():
            data = form.cleaned_data
            try:
                booking = services.booking_create(
                    mentor=mentor.user,
                    mentee=viewer,
                    start=data["start"],
                    minutes=data["minutes"],
                    format=data["format"],
                    question=data["question"],
                    objective=data["objective"],
                    idempotency_key=data["idempotency_key"],
                    ask=ask,
                )
            except services.SlotTaken as exc:
                form.add_error("start", str(exc))
                status = 409
            except ValidationError as exc:
                for field, problems in exc.message_dict.items():
                    form.add_error(field if field in form.fields else None, problems)
                status = 400
            else:
                done = "confirmed" if booking.state == Booking.State.CONFIRMED else "requested"
                messages.success(
                    request, f"Session {done}: {local_time(booking.start, me.time_zone)}."
                )
                return redirect("session_detail", pk=booking.pk)
        else:
            status = 400
    found = (
        slots_for(mentor=mentor, viewer=viewer, minutes=minutes)
        if viewer.pk != mentor.user_id
        else []
    )
    return render(
        request,
        "scheduling/book.html",
        {
            "mentor": mentor,
            "me": me,
            "form": form,
            "minutes": minutes,
            "lengths": lengths,
            "days": group_by_day(found, me.time_zone),
            "key": secrets.token_urlsafe(16),
            "is_me": viewer.pk == mentor.user_id,
            "ask": ask,
        },
        status=status,
    )


@login_required
def session_list(request: HttpRequest) -> HttpResponse:
    viewer = _user(request)
    me = profile_ensure(user=viewer)
    now = timezone.now()
    mine = bookings_of(viewer)
    upcoming = list(mine.filter(end__gte=now, state__in=Booking.OPEN).order_by("start"))
    past = list(mine.exclude(pk__in=[b.pk for b in upcoming]).order_by("-start")[:50])
    for b in (*upcoming, *past):
        b.other_profile = (b.mentee if b.mentor_id == viewer.pk else b.mentor).profile  # type: ignore[attr-defined]
    return render(
        request,
        "scheduling/sessions.html",
        {"upcoming": upcoming, "past": past, "me": me, "now": now},
    )


@login_required
def session_detail(request: HttpRequest, pk: int) -> HttpResponse:
    viewer = _user(request)
    booking = access_booking_by_id(viewer, pk)
    me = profile_ensure(user=viewer)
    other = booking.mentee if viewer.pk == booking.mentor_id else booking.mentor
    reschedule_days: OrderedDict[date, list[datetime]] = OrderedDict()
    if booking.state in Booking.OPEN and request.GET.get("reschedule"):
        found = slots_for(
            mentor=booking.mentor.profile,
            viewer=booking.mentee,
            minutes=booking.minutes,
            exclude_booking=booking.pk,
        )
        reschedule_days = group_by_day(found, me.time_zone)
    return render(
        request,
        "scheduling/session.html",
        {
            "booking": booking,
            "me": me,
            "other": other.profile,
            "is_mentor": viewer.pk == booking.mentor_id,
            "mine_local": local_time(booking.start, me.time_zone),
            "their_local": local_time(booking.start, other.profile.time_zone),
            "events": booking.events.select_related("actor__profile"),
            "reason_form": ReasonForm(),
            "reschedule_days": reschedule_days,
            "now": timezone.now(),
            "debrief": debrief_for(booking, viewer) if booking.start <= timezone.now() else None,
            "advice_slots": [f":{n}" for n in range(1, 6)],
            "brief": brief_for(booking) if viewer.pk == booking.mentor_id else None,
        },
    )


@login_required
@require_POST
def session_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    viewer = _user(request)
    booking = access_booking_by_id(viewer, pk)
    reason = ReasonForm(request.POST)
    reason.is_valid()
    text = reason.cleaned_data.get("reason", "") if reason.is_valid() else ""
    try:
        if action == "confirm":
            services.booking_confirm(booking=booking, by=viewer)
        elif action == "decline":
            services.booking_decline(booking=booking, by=viewer, reason=text)
        elif action == "cancel":
            services.booking_cancel(booking=booking, by=viewer, reason=text)
        elif action == "reschedule":
            form = RescheduleForm(request.POST)
            if not form.is_valid():
                raise ValidationError({"start": "Pick a new time."})
            services.booking_reschedule(
                booking=booking, by=viewer, start=form.cleaned_data["start"], reason=text
            )
        elif action == "no-show":
            services.booking_no_show(booking=booking, by=viewer)
        elif action == "complete":
            services.booking_complete(booking=booking, by=viewer)
        else:
            raise Http404("No such action.")
    except (ValidationError, PermissionDenied, services.SlotTaken) as exc:
        text = " ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
        messages.error(request, text)
    else:
        messages.success(request, "Done.")
    return redirect("session_detail", pk=pk)


@login_required
def availability_page(request: HttpRequest) -> HttpResponse:
    """The mentor's week grid: drag or click hours on and off, plus the booking policy."""
    viewer = _user(request)
    me = profile_ensure(user=viewer)
    availability = services.availability_ensure(user=viewer)
    policy = PolicyForm(instance=availability)
    busy_form = BusyImportForm()
    status = 200
    if request.method == "POST" and request.POST.get("section") == "week":
        try:
            rules = rules_from_cells(request.POST.getlist("cell"))
            services.availability_set_rules(user=viewer, rules=rules)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            status = 400
        else:
            messages.success(request, "Weekly hours saved.")
            return redirect("availability")
    elif request.method == "POST" and request.POST.get("section") == "policy":
        policy = PolicyForm(request.POST, instance=availability)
        if policy.is_valid():
            services.availability_update(
                user=viewer, policy={k: policy.cleaned_data[k] for k in services.POLICY_FIELDS}
            )
            messages.success(request, "Booking rules saved.")
            return redirect("availability")
        status = 400
    elif request.method == "POST" and request.POST.get("section") == "day":
        try:
            day = date.fromisoformat(request.POST.get("day", ""))
            kind = request.POST.get("kind")
            spans = (
                None
                if kind == "clear"
                else []
                if kind == "off"
                else [(request.POST.get("start", ""), request.POST.get("end", ""))]
            )
            services.availability_set_day(user=viewer, day=day, spans=spans)
        except (ValueError, ValidationError) as exc:
            messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
            status = 400
        else:
            messages.success(request, "Date saved.")
            return redirect("availability")
    elif request.method == "POST" and request.POST.get("section") == "busy":
        busy_form = BusyImportForm(request.POST, request.FILES)
        if busy_form.is_valid():
            try:
                count = services.busy_import(
                    user=viewer,
                    name=busy_form.cleaned_data["name"] or "Calendar",
                    data=busy_form.cleaned_data.get("data"),
                    url=busy_form.cleaned_data["url"],
                )
            except calendar.CalendarError as exc:
                busy_form.add_error(None, str(exc))
                status = 400
            else:
                messages.success(request, f"{count} busy time{'s' if count != 1 else ''} imported.")
                return redirect("availability")
        else:
            status = 400
    grid = {w: [] for w in range(7)}  # type: dict[int, list[str]]
    for rule in availability.rules.all():
        grid[rule.weekday].append(f"{rule.start:%H:%M}-{rule.end:%H:%M}")
    hours = [f"{h:02d}:{m:02d}" for h in range(24) for m in (0, 30)]
    selected = {
        (rule.weekday, f"{h:02d}:{m:02d}")
        for rule in availability.rules.all()
        for h in range(24)
        for m in (0, 30)
        if _inside(
            rule.start.hour * 60 + rule.start.minute,
            rule.end.hour * 60 + rule.end.minute,
            h * 60 + m,
        )
    }
    preview = []
    if me.is_mentor and me.session_lengths:
        preview = slots_for(mentor=me, viewer=viewer, minutes=min(me.session_lengths), days=7)[:8]
    return render(
        request,
        "scheduling/availability.html",
        {
            "me": me,
            "availability": availability,
            "policy": policy,
            "busy_form": busy_form,
            "weekdays": list(enumerate(WEEKDAYS)),
            "hours": hours,
            "selected": selected,
            "overrides": availability.overrides.all(),
            "sources": CalendarSource.objects.filter(user=viewer),
            "preview": [local_time(s, me.time_zone) for s in preview],
        },
        status=status,
    )


def rules_from_cells(cells: list[str]) -> list[services.RuleSpec]:
    """Half-hour cells ("0-09:00" is Monday 09:00–09:30) merged into weekly rules."""
    marked: dict[int, set[int]] = {}
    for cell in cells:
        day, _, clock = cell.partition("-")
        try:
            hour, minute = (int(x) for x in clock.split(":"))
            weekday = int(day)
        except ValueError as exc:
            raise ValidationError(f"{cell!r} is not a cell of the week grid.") from exc
        if not (0 <= weekday <= 6 and 0 <= hour <= 23 and minute in (0, 30)):
            raise ValidationError(f"{cell!r} is not a cell of the week grid.")
        marked.setdefault(weekday, set()).add(hour * 60 + minute)
    rules = []
    for weekday, minutes in sorted(marked.items()):
        runs: list[list[int]] = []
        for minute in sorted(minutes):
            if runs and minute == runs[-1][1]:
                runs[-1][1] = minute + 30
            else:
                runs.append([minute, minute + 30])
        for begin, finish in runs:
            finish %= 24 * 60
            rules.append(
                services.RuleSpec(
                    weekday,
                    f"{begin // 60:02d}:{begin % 60:02d}",
                    f"{finish // 60:02d}:{finish % 60:02d}",
                )
            )
    return rules


def _inside(start: int, end: int, minute: int) -> bool:
    if end <= start:
        return minute >= start or minute < end
    return start <= minute < end


def feed(request: HttpRequest, token: str) -> HttpResponse:
    """A person's private calendar feed: anyone with the secret URL may read it."""
    owner = FeedToken.objects.filter(token=token).select_related("user").first()
    if owner is None:
        raise Http404("No such calendar.")
    since = timezone.now() - timedelta(days=30)
    items = (
        bookings_of(owner.user)
        .filter(end__gte=since)
        .exclude(state__in=(Booking.State.DECLINED, Booking.State.EXPIRED))
    )
    data = calendar.feed([session_event(b) for b in items], name="Bitesize sessions")
    return HttpResponse(data, content_type="text/calendar; charset=utf-8")


@login_required
@require_POST
def feed_reset(request: HttpRequest) -> HttpResponse:
    services.feed_token_reset(user=_user(request))
    messages.success(request, "New calendar link made; the old one no longer works.")
    return redirect("availability")
