"""Serve Bitesize: the ASGI server (HTTP and WebSocket) and the task worker, together.

Ctrl-C (or SIGTERM) stops both. At scale, run `uvicorn bitesize.asgi:application` and
`manage.py db_worker` as separate services instead (docs/operations.md).
"""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from bitesize.demo.people import DEMO_LOGINS, DEMO_PASSWORD


class Command(BaseCommand):
    help = "Serve HTTP and WebSocket with uvicorn and run the background task worker beside it."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--workers", type=int, default=1, help="ASGI worker processes.")
        parser.add_argument("--no-worker", action="store_true", help="Do not start a task worker.")

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG:
            call_command("collectstatic", interactive=False, verbosity=0)
        host, port = options["host"], options["port"]
        server = [
            sys.executable,
            "-m",
            "uvicorn",
            "bitesize.asgi:application",
            "--host",
            host,
            "--port",
            str(port),
            "--workers",
            str(options["workers"]),
            "--no-server-header",
            "--proxy-headers",
            "--log-level",
            "warning",
        ]
        children = [subprocess.Popen(server)]  # noqa: S603
        if not options["no_worker"]:
            worker = [sys.executable, "manage.py", "db_worker", "--no-reload", "--interval", "1"]
            children.append(subprocess.Popen(worker))  # noqa: S603
        url = f"http://{host}:{port}/"
        self.stdout.write(self.style.SUCCESS(f"\nBitesize is running at {url}"))
        self.stdout.write("Demo logins (password for all: " + DEMO_PASSWORD + "):")
        for role, email in DEMO_LOGINS:
            self.stdout.write(f"  {role:<14} {email}")
        self.stdout.write(f"Operators: {url}admin/  ·  API docs: {url}api/v1/docs")
        self.stdout.write("Press Ctrl-C to stop.\n")

        stopping = False

        def stop(signum: int, frame: object) -> None:
            nonlocal stopping
            stopping = True

        signal.signal(signal.SIGINT, stop)
        signal.signal(signal.SIGTERM, stop)
        try:
            while not stopping and all(child.poll() is None for child in children):
                time.sleep(0.3)
        finally:
            for child in children:
                if child.poll() is None:
                    child.terminate()
            for child in children:
                try:
                    child.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    child.kill()
        failed = [c.returncode for c in children if c.returncode not in (0, -15, None)]
        if failed and not stopping:
            raise SystemExit(f"A server process stopped unexpectedly (exit {failed[0]}).")
        self.stdout.write("Stopped.")
