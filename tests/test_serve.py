"""`make run`'s path end to end: migrate, seed, and `manage.py serve` answering HTTP and
WebSocket from one process tree, with the task worker beside it; Ctrl-C stops both."""

from __future__ import annotations

import http.cookiejar
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings
from websockets.asyncio.client import connect
from websockets.exceptions import InvalidStatus

from conftest import run_async


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def embedded_env(tmp_path: Path) -> dict[str, str]:
    """The embedded default: a fresh SQLite file, no Redis, whatever the suite runs on."""
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")}
    env.update(DEBUG="1", BITESIZE_VAR_DIR=str(tmp_path / "var"), PYTHONUNBUFFERED="1")
    return env


def manage(env: dict[str, str], *args: str) -> str:
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        env=env,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def login_cookie(port: int) -> str:
    """Log alice in through the real login form and return her cookie header."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    base = f"http://127.0.0.1:{port}"
    opener.open(f"{base}/accounts/login/").read()
    csrf = next(c.value for c in jar if c.name == "csrftoken")
    form = urllib.parse.urlencode(
        {
            "login": "alice@demo.bitesize.local",
            "password": "bitesize-demo",
            "csrfmiddlewaretoken": csrf,
        }
    ).encode()
    request = urllib.request.Request(
        f"{base}/accounts/login/", data=form, headers={"Referer": f"{base}/accounts/login/"}
    )
    assert "Hello, Alice" in opener.open(request).read().decode()
    return "; ".join(f"{c.name}={c.value}" for c in jar)


async def first_message(port: int, cookie: str | None) -> str:
    headers = {"Cookie": cookie} if cookie else {}
    try:
        async with connect(
            f"ws://127.0.0.1:{port}/ws/live/",
            origin=f"http://127.0.0.1:{port}",  # type: ignore[arg-type]
            additional_headers=headers,
        ) as ws:
            return str(await ws.recv())
    except InvalidStatus as refused:
        return f"refused {refused.response.status_code}"


def test_serve_answers_http_and_websocket_and_stops_on_ctrl_c(embedded_env):
    manage(embedded_env, "migrate", "--no-input", "-v", "0")
    out = manage(embedded_env, "seed_demo", "--mentors", "6", "--mentees", "3", "--no-progress")
    assert "alice@demo.bitesize.local" in out
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "manage.py", "serve", "--port", str(port)],
        env=embedded_env,
        cwd=settings.BASE_DIR,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2) as response:
                    body = response.read().decode()
                break
            except OSError:
                assert server.poll() is None, server.stdout.read() if server.stdout else ""
                assert time.monotonic() < deadline, "the server did not answer within 60 s"
                time.sleep(0.3)
        assert "One question." in body and "Browse" in body
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/static/css/app.css") as css:
            assert css.status == 200
        # The same process serves the WebSocket: refused without a session, greeted with one.
        assert run_async(lambda: first_message(port, None)) == "refused 403"
        cookie = login_cookie(port)
        hello = json.loads(run_async(lambda: first_message(port, cookie)))
        assert hello["event"] == "hello"
    finally:
        server.send_signal(signal.SIGINT)
        output, _ = server.communicate(timeout=30)
    assert server.returncode == 0, output
    assert f"http://127.0.0.1:{port}/" in output and "bitesize-demo" in output
    assert "Starting worker" in output  # the task worker ran beside the server
    assert "Stopped." in output
