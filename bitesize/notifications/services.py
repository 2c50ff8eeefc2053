"""Notifications: an entry in the notification centre, a live unread count on every open
page, and e-mail through a background task, all sent only once the transaction commits."""

from __future__ import annotations

from dataclasses import dataclass, field
from email.mime.text import MIMEText

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.utils import timezone

from bitesize.accounts.models import User
from bitesize.lib.live import live_send
from bitesize.notifications.models import Notification


@dataclass(frozen=True)
class Attachment:
    filename: str
    content: bytes
    mimetype: str


@dataclass(frozen=True)
class Mail:
    subject: str
    body: str
    attachments: tuple[Attachment, ...] = field(default=())


def unread_count(user_id: int) -> int:
    return Notification.objects.filter(user_id=user_id, read_at__isnull=True).count()


def notify(
    *, user: User, kind: str, title: str, body: str = "", url: str = "", mail: Mail | None = None
) -> Notification:
    note = Notification.objects.create(user=user, kind=kind, title=title, body=body, url=url)
    user_id = user.pk
    transaction.on_commit(
        lambda: live_send(user_id, "notifications", {"unread": unread_count(user_id)})
    )
    if mail is not None:
        from bitesize.notifications.tasks import send_mail_task

        payload = {
            "to": user.email,
            "subject": mail.subject,
            "body": mail.body,
            "attachments": [
                (a.filename, a.content.decode("utf-8"), a.mimetype) for a in mail.attachments
            ],
        }
        transaction.on_commit(lambda: send_mail_task.enqueue(payload))
    return note


def notifications_mark_read(*, user: User, ids: list[int] | None = None) -> int:
    unread = Notification.objects.filter(user=user, read_at__isnull=True)
    if ids is not None:
        unread = unread.filter(pk__in=ids)
    count = unread.update(read_at=timezone.now())
    user_id = user.pk
    transaction.on_commit(
        lambda: live_send(user_id, "notifications", {"unread": unread_count(user_id)})
    )
    return count


def deliver_mail(payload: dict[str, object]) -> None:
    """Send one e-mail now (the task calls this)."""
    message = EmailMultiAlternatives(
        subject=settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + str(payload["subject"]),
        body=str(payload["body"]),
        to=[str(payload["to"])],
    )
    for filename, content, mimetype in payload.get("attachments", []):  # type: ignore[attr-defined]
        kind, _, params = mimetype.partition(";")
        if kind == "text/calendar":
            # Calendar clients look for the iTIP method on the part itself.
            part = MIMEText(content, "calendar", "utf-8")
            for param in filter(None, (p.strip() for p in params.split(";"))):
                name, _, value = param.partition("=")
                part.set_param(name, value)
            part.add_header("Content-Disposition", "attachment", filename=filename)
            message.attach(part)
        else:
            message.attach(filename, content, mimetype)
    message.send()
