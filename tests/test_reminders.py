"""Reminders reach each person exactly once, through a real SMTP server, even when a task is
planned twice and the worker is killed and started again."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from aiosmtpd.controller import Controller
from django.conf import settings
from django.db import connection
from django_tasks_db.models import DBTaskResult

from bitesize.scheduling import services
from bitesize.scheduling.models import ReminderSent
from bitesize.scheduling.tasks import send_reminder
from conftest import set_hours

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


class Inbox:
    def __init__(self) -> None:
        self.messages: list[tuple[str, list[str], bytes]] = []

    async def handle_DATA(self, server: object, session: object, envelope: object) -> str:
        self.messages.append((envelope.mail_from, list(envelope.rcpt_tos), envelope.content))  # type: ignore[attr-defined]
        return "250 OK"


@pytest.fixture
def smtp():
    inbox = Inbox()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield inbox, port
    finally:
        controller.stop()


def database_url() -> str:
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    auth = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{auth}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


def worker(tmp_path: Path, port: int, *args: str) -> subprocess.Popen[str]:
    env = {k: v for k, v in os.environ.items() if k != "REDIS_URL"}
    env.update(
        DEBUG="1",
        DATABASE_URL=database_url(),
        EMAIL_URL=f"smtp://127.0.0.1:{port}",
        BITESIZE_VAR_DIR=str(tmp_path / "var"),
    )
    return subprocess.Popen(
        [
            sys.executable,
            "manage.py",
            "db_worker",
            "--no-reload",
            "--interval",
            "0.2",
            "--no-startup-delay",
            *args,
        ],
        cwd=settings.BASE_DIR,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def wait_for(condition, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.1)


def test_reminders_are_planned_for_24h_and_15m_before(alice, bob):
    set_hours(alice)
    start = _slot(2)
    booking = services.booking_create(
        mentor=alice,
        mentee=bob,
        start=start,
        minutes=30,
        format="video",
        question="Planning reminders properly",
    )
    planned = sorted(
        r.run_after for r in DBTaskResult.objects.filter(task_path__endswith="send_reminder")
    )
    assert planned == [start - timedelta(hours=24), start - timedelta(minutes=15)]
    assert booking.state == "confirmed"


def test_each_reminder_goes_out_once_across_duplicates_and_a_killed_worker(
    alice, bob, smtp, tmp_path
):
    inbox, port = smtp
    set_hours(alice)
    booking = services.booking_create(
        mentor=alice,
        mentee=bob,
        start=_slot(2),
        minutes=30,
        format="video",
        question="Exactly once, please",
    )
    DBTaskResult.objects.all().delete()  # only the copies below, due now
    for _ in range(3):  # planned three times, as a retry storm or a re-plan would
        send_reminder.enqueue(booking.pk, "24h", booking.start.isoformat())

    first = worker(tmp_path, port)
    wait_for(lambda: ReminderSent.objects.exists())
    first.send_signal(signal.SIGKILL)
    first.wait(timeout=30)
    second = worker(tmp_path, port, "--batch")
    output, _ = second.communicate(timeout=120)
    assert second.returncode == 0, output

    recipients = sorted(rcpt for _, rcpts, _ in inbox.messages for rcpt in rcpts)
    assert recipients == ["alice@example.com", "bob@example.com"]
    assert ReminderSent.objects.filter(booking=booking, kind="24h").count() == 1
    assert all(b"Reminder:" in content for _, _, content in inbox.messages)


def test_a_moved_or_cancelled_session_gets_no_stale_reminder(alice, bob, smtp, tmp_path):
    inbox, port = smtp
    set_hours(alice)
    booking = services.booking_create(
        mentor=alice,
        mentee=bob,
        start=_slot(2),
        minutes=30,
        format="video",
        question="Stale reminders stay quiet",
    )
    old_start = booking.start.isoformat()
    services.booking_reschedule(booking=booking, by=bob, start=_slot(3), reason="Moved")
    DBTaskResult.objects.all().delete()
    send_reminder.enqueue(booking.pk, "24h", old_start)
    process = worker(tmp_path, port, "--batch")
    output, _ = process.communicate(timeout=120)
    assert process.returncode == 0, output
    assert inbox.messages == [] and not ReminderSent.objects.exists()


def _slot(days: int) -> datetime:
    local = datetime.now(ZoneInfo("Europe/Berlin")) + timedelta(days=days)
    return local.replace(hour=11, minute=0, second=0, microsecond=0).astimezone(UTC)
