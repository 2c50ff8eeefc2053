"""What people hear about their sessions: notifications, e-mails with calendar invites, and
the reminders and deadlines planned as background tasks. Runs after a change commits."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from django.utils.formats import date_format

from bitesize.accounts.models import User
from bitesize.notifications.services import Attachment, Mail, notify
from bitesize.scheduling import calendar
from bitesize.scheduling.models import Booking

REMINDERS = (("24h", timedelta(hours=24)), ("15m", timedelta(minutes=15)))


def local_time(moment: datetime, zone: str) -> str:
    """'Tue 3 Mar, 09:00 (Europe/Berlin)': a time as its reader lives it, with the zone."""
    local = moment.astimezone(ZoneInfo(zone))
    return f"{date_format(local, 'D j M, H:i')} ({zone})"


def booking_url(booking: Booking) -> str:
    return f"{settings.SITE_URL}/sessions/{booking.pk}/"


def session_event(booking: Booking) -> calendar.SessionEvent:
    mentor, mentee = booking.mentor.profile, booking.mentee.profile
    url = booking_url(booking)
    where = booking.meeting_url or url
    return calendar.SessionEvent(
        uid=f"booking-{booking.uid}@{settings.SITE_URL.split('://')[-1].split('/')[0]}",
        sequence=booking.sequence,
        start=booking.start,
        end=booking.end,
        summary=f"Bitesize: {mentor.name} × {mentee.name} ({booking.minutes} min)",
        description=(
            f"Question: {booking.question}\n"
            + (f"Objective: {booking.objective}\n" if booking.objective else "")
            + f"Join: {where}\nSession page: {url}"
        ),
        url=url,
        location=where,
        organizer=calendar.Person(
            "Bitesize", settings.DEFAULT_FROM_EMAIL.split("<")[-1].strip(">")
        ),
        attendees=(
            calendar.Person(mentor.name, booking.mentor.email),
            calendar.Person(mentee.name, booking.mentee.email),
        ),
        status="CANCELLED"
        if booking.state not in Booking.HOLDING
        else ("CONFIRMED" if booking.state == Booking.State.CONFIRMED else "TENTATIVE"),
    )


def _invite(booking: Booking, method: str) -> Attachment:
    data = calendar.invite(session_event(booking), method)  # type: ignore[arg-type]
    return Attachment("invite.ics", data, f"text/calendar;method={method}")


HEADLINES = {
    "requested": ("New request: {other}, {when}", "{other} asked for {minutes} minutes."),
    "confirmed": ("Confirmed: {other}, {when}", "Your {minutes}-minute session is confirmed."),
    "declined": ("Declined: {other}, {when}", "{actor} declined the request."),
    "expired": ("Expired: {other}, {when}", "The request expired without an answer."),
    "cancelled": ("Cancelled: {other}, {when}", "{actor} cancelled the session."),
    "rescheduled": ("Moved: {other}, now {when}", "{actor} moved the session."),
    "completed": ("Completed: {other}", "The session is marked as done."),
    "no_show": ("No-show: {other}, {when}", "The session is recorded as a no-show."),
}


def booking_changed(booking_id: int, kind: str, actor_id: int | None, reason: str) -> None:
    booking = (
        Booking.objects.select_related("mentor__profile", "mentee__profile")
        .filter(pk=booking_id)
        .first()
    )
    if booking is None:
        return
    actor = (
        None
        if actor_id is None
        else (booking.mentor if actor_id == booking.mentor_id else booking.mentee)
    )
    method = None
    if kind in ("confirmed", "rescheduled") and booking.state == Booking.State.CONFIRMED:
        method = "REQUEST"
    elif kind in ("cancelled", "declined", "expired") or (
        kind == "rescheduled" and booking.state == Booking.State.REQUESTED
    ):
        method = "CANCEL" if kind != "rescheduled" else None
    for person, other in ((booking.mentor, booking.mentee), (booking.mentee, booking.mentor)):
        if kind == "requested" and person.pk == booking.mentee_id:
            continue  # the mentee made the request; the page already told them
        when = local_time(booking.start, person.profile.time_zone)
        title_t, body_t = HEADLINES.get(kind, ("Update: {other}", ""))
        values = {
            "other": other.profile.name,
            "when": when,
            "minutes": booking.minutes,
            "actor": actor.profile.name if actor else "Bitesize",
        }
        title = title_t.format(**values)
        body = body_t.format(**values) + (f" Reason: {reason}" if reason else "")
        if kind == "requested":
            deadline = (
                local_time(booking.confirm_by, person.profile.time_zone)
                if booking.confirm_by
                else ""
            )
            body += f" Accept or decline by {deadline}."
        lines = [
            body,
            "",
            f"When: {when}, {booking.minutes} minutes",
            f"Question: {booking.question}",
            f"Session page: {booking_url(booking)}",
        ]
        if kind == "expired" and person.pk == booking.mentee_id:
            lines.append(
                f"Other times with {other.profile.name}: "
                f"{settings.SITE_URL}/people/{other.profile.handle}/book/"
            )
        attachments = (_invite(booking, method),) if method else ()
        notify(
            user=person,
            kind=f"booking.{kind}",
            title=title,
            body=body,
            url=f"/sessions/{booking.pk}/",
            mail=Mail(subject=title, body="\n".join(lines), attachments=attachments),
        )
    plan_tasks(booking)


def plan_tasks(booking: Booking) -> None:
    """Reminders for a confirmed session and the deadline of a request. Each task checks
    again when it runs, so a task planned before a change simply does nothing."""
    from bitesize.scheduling.tasks import expire_request, send_reminder

    now = timezone.now()
    if booking.state == Booking.State.CONFIRMED:
        for kind, ahead in REMINDERS:
            at = booking.start - ahead
            if at > now:
                send_reminder.using(run_after=at).enqueue(
                    booking.pk, kind, booking.start.isoformat()
                )
    if booking.state == Booking.State.REQUESTED and booking.confirm_by:
        expire_request.using(run_after=booking.confirm_by).enqueue(booking.pk)
    from bitesize.debriefs.tasks import plan_debrief

    plan_debrief(booking)
    if booking.state == Booking.State.CONFIRMED:
        from bitesize.rooms.tasks import NO_SHOW_AFTER, detect_no_show

        detect_no_show.using(run_after=booking.start + NO_SHOW_AFTER).enqueue(
            booking.pk, booking.start.isoformat()
        )


def reminder_mail(booking: Booking, person: User, kind: str) -> Mail:
    other = booking.mentee if person.pk == booking.mentor_id else booking.mentor
    when = local_time(booking.start, person.profile.time_zone)
    soon = "in 15 minutes" if kind == "15m" else "tomorrow" if kind == "24h" else "soon"
    return Mail(
        subject=f"Reminder: {other.profile.name} {soon} ({when})",
        body=(
            f"Your {booking.minutes}-minute session with {other.profile.name} starts {soon}.\n\n"
            f"When: {when}\nQuestion: {booking.question}\n"
            f"Join: {booking.meeting_url or booking_url(booking)}\n"
        ),
    )
