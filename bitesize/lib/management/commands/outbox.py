"""Read the embedded e-mail outbox: list the latest messages, or print one."""

from __future__ import annotations

import email
from email.message import Message
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from bitesize.lib.mail import outbox_messages


def _text(message: Message) -> str:
    for part in message.walk():
        if part.get_content_type() == "text/plain":
            payload = part.get_payload(decode=True)
            if isinstance(payload, bytes):
                return payload.decode(part.get_content_charset() or "utf-8", "replace")
    return ""


class Command(BaseCommand):
    help = "List the newest messages in the e-mail outbox, or show one with --show N."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--last", type=int, default=10, help="How many to list.")
        parser.add_argument("--show", type=int, help="Print message N of the list (1 = newest).")

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.EMAIL_BACKEND != "bitesize.lib.mail.OutboxBackend":
            raise CommandError("E-mail goes out over SMTP here (EMAIL_URL); there is no outbox.")
        newest = list(reversed(outbox_messages()))
        if options["show"] is not None:
            if not 1 <= options["show"] <= len(newest):
                raise CommandError(f"The outbox holds {len(newest)} message(s).")
            path = newest[options["show"] - 1]
            message = email.message_from_bytes(path.read_bytes())
            for header in ("Date", "From", "To", "Subject"):
                self.stdout.write(f"{header}: {message.get(header, '')}")
            self.stdout.write(f"File: {path}\n\n{_text(message)}")
            return
        if not newest:
            self.stdout.write(f"The outbox ({settings.EMAIL_FILE_PATH}) is empty.")
            return
        for number, path in enumerate(newest[: options["last"]], start=1):
            message = email.message_from_bytes(path.read_bytes())
            self.stdout.write(
                f"{number:>3}  {message.get('Date', '')}  {message.get('To', '')}  "
                f"{message.get('Subject', '')}"
            )
