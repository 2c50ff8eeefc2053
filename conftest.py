"""Shared fixtures: the named cast (alice the mentor, bob the mentee, charlie the outsider,
dana the organisation's owner), and a real Chromium for browser tests."""

from __future__ import annotations

import asyncio
import os
import shutil
from collections.abc import Callable, Coroutine, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

import pytest
from allauth.account.models import EmailAddress
from asgiref.sync import sync_to_async
from channels.layers import DEFAULT_CHANNEL_LAYER, channel_layers
from django.conf import settings
from django.core.servers.basehttp import ThreadedWSGIServer
from django.db import connections
from django.test import Client

from bitesize.accounts.models import User
from bitesize.communities.models import Community, Membership
from bitesize.profiles.models import Profile
from bitesize.profiles.services import profile_ensure, profile_skill_add

# The live test server queues 10 connections by default; load tests open 50 at once.
ThreadedWSGIServer.request_queue_size = 128

PASSWORD = "correct horse battery staple"
T = TypeVar("T")


def make_user(
    email: str,
    name: str,
    *,
    mentor: bool = False,
    zone: str = "Europe/Berlin",
    visibility: str = Profile.Visibility.PUBLIC,
) -> User:
    user = User.objects.create_user(email=email, password=PASSWORD)
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    profile = profile_ensure(user=user, name=name, time_zone=zone)
    profile.is_mentor = mentor
    profile.visibility = visibility
    profile.save()
    return user


@pytest.fixture
def org(db: Any) -> Community:
    return Community.objects.create(
        name="Northwind",
        slug="northwind",
        kind=Community.Kind.ORGANISATION,
        join_policy=Community.JoinPolicy.INVITE,
    )


@pytest.fixture
def network(db: Any) -> Community:
    return Community.objects.create(
        name="Data Guild",
        slug="data-guild",
        kind=Community.Kind.NETWORK,
        join_policy=Community.JoinPolicy.OPEN,
    )


@pytest.fixture
def alice(db: Any, org: Community) -> User:
    """A mentor inside the organisation, visible to its members only."""
    user = make_user(
        "alice@example.com", "Alice Moreau", mentor=True, visibility=Profile.Visibility.COMMUNITIES
    )
    profile_skill_add(profile=user.profile, text="Kubernetes", level=4)
    Membership.objects.create(community=org, user=user, role=Membership.Role.MENTOR)
    return user


@pytest.fixture
def bob(db: Any, org: Community) -> User:
    """A mentee in the same organisation."""
    user = make_user("bob@example.com", "Bob Okafor", zone="Africa/Lagos")
    Membership.objects.create(community=org, user=user, role=Membership.Role.MEMBER)
    return user


@pytest.fixture
def dana(db: Any, org: Community) -> User:
    """The organisation's owner."""
    user = make_user("dana@example.com", "Dana Whitfield", zone="Europe/London")
    Membership.objects.create(community=org, user=user, role=Membership.Role.OWNER)
    return user


@pytest.fixture
def charlie(db: Any) -> User:
    """The outsider: in no community, must see nothing of the organisation."""
    return make_user("charlie@example.com", "Charlie Tran", zone="America/Los_Angeles")


@pytest.fixture(scope="session", autouse=True)
def _end_stray_database_sessions(django_db_setup: Any, django_db_blocker: Any) -> Iterator[None]:
    """At the end of the run, end the PostgreSQL sessions that threads of the run left open
    (servers, loops of async tests), so that the test database can be dropped."""
    yield
    with django_db_blocker.unblock():
        if connections["default"].vendor == "postgresql":
            with connections["default"].cursor() as cursor:
                cursor.execute(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                    " WHERE datname = current_database() AND pid <> pg_backend_pid()"
                )


def run_async(make: Callable[[], Coroutine[Any, Any, T]]) -> T:
    """Run a coroutine to completion on its own loop in its own thread, so that it works
    whatever loop this thread has (Playwright's sync API keeps one running)."""

    async def main() -> T:
        try:
            return await make()
        finally:
            # Database work of the coroutine ran in asgiref's shared sync thread; close its
            # connection so the test database can be dropped at the end of the run.
            await sync_to_async(connections.close_all)()

    def run() -> T:
        loop = asyncio.new_event_loop()
        try:
            return loop.run_until_complete(main())
        finally:
            # What the scenario left running (a consumer still waiting on the channel layer)
            # is cancelled. With Redis, a wait on a connection of another test's loop may
            # never answer its cancellation: give it a moment, then close the loop anyway
            # rather than hang the run (asyncio.run would wait for ever).
            left = [task for task in asyncio.all_tasks(loop) if not task.done()]
            for task in left:
                task.cancel()
            if left:
                loop.run_until_complete(asyncio.wait(left, timeout=5))
            loop.run_until_complete(loop.shutdown_asyncgens())
            loop.close()

    if settings.REDIS_URL:
        # The Redis layer keeps receiving state bound to the loops that used it; this loop
        # gets a layer of its own. The groups live in Redis, so nothing is lost.
        channel_layers.backends.pop(DEFAULT_CHANNEL_LAYER, None)
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(run).result()


def client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def outbox(settings: Any) -> Path:
    """This test's outbox folder (see _isolated_files)."""
    return Path(settings.EMAIL_FILE_PATH)


# --- browser ------------------------------------------------------------------------------
CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"


@pytest.fixture
def browser() -> Iterator[Any]:
    """A Chromium per test. Not per session: Playwright's sync API switches the context
    that Django keeps its database connections in, and a session-wide one would hide the
    connection that carries the test database's serialized contents."""
    if not Path(CHROMIUM).exists():
        if os.environ.get("BITESIZE_REQUIRE_BROWSER"):
            pytest.fail(f"Chromium not found at {CHROMIUM}; browser tests are required here.")
        pytest.skip(f"Chromium not found at {CHROMIUM} (apt-get install chromium to run it).")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"  # Playwright's loop runs in this thread
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-dev-shm-usage",
            ],
        )
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, timezone_id="Asia/Kolkata"
    )
    context.set_default_timeout(15_000)
    pg = context.new_page()
    yield pg
    context.close()
    # Database work done while Playwright ran used connections of its own context; close
    # them so the test database can be dropped at the end of the run.
    connections.close_all()


@pytest.fixture(autouse=True)
def _isolated_files(tmp_path: Path, settings: Any) -> None:
    """Uploads and e-mail of a test go to its own folder, never to var/."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.EMAIL_BACKEND = "bitesize.lib.mail.OutboxBackend"
    settings.EMAIL_FILE_PATH = str(tmp_path / "outbox")
    settings.ACCOUNT_RATE_LIMITS = False  # the cache may be a shared Redis
    settings.MATCHING_BACKGROUND_REBUILD = False


# Transactional tests (threads, live servers, sockets) flush the database when they end, which
# would take the skill catalogue that migrations load with it; they are marked
# serialized_rollback=True so that it is restored for each of them.


def run_due_tasks() -> int:
    """Run every background task that is due, as the worker does, in this process (without
    the worker's loop, which closes database connections between tasks)."""
    from django_tasks_db.management.commands.db_worker import Worker
    from django_tasks_db.models import DBTaskResult

    worker = Worker(
        queue_names=["*"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
        excluded_queue_names=[],
    )
    ran = 0
    while (result := DBTaskResult.objects.ready().order_by("enqueued_at").first()) is not None:
        result.claim(worker.worker_id)
        worker.run_task(result)
        ran += 1
    return ran


def set_hours(
    user: User, *, days: range = range(7), start: str = "08:00", end: str = "20:00", **policy: Any
) -> None:
    """Open a mentor's calendar: the same hours every day, and any policy fields."""
    from bitesize.scheduling.services import RuleSpec, availability_update

    availability_update(
        user=user,
        rules=[RuleSpec(day, start, end) for day in days],
        policy={"min_notice": 60, "buffer_after": 0, **policy},
    )


@pytest.fixture(autouse=True)
def _fresh_matching_index() -> Iterator[None]:
    """Each test has its own database, so each starts with a fresh in-memory index."""
    from bitesize.matching.index import reset_index

    reset_index()
    yield
    reset_index()


# --- the ASGI application in a thread (HTTP and WebSocket), for live browser tests -----------
def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def asgi_url() -> Iterator[str]:
    """The project's ASGI application under uvicorn in a thread, on the test database and
    the channel layer the settings name (in-memory, or Redis with REDIS_URL)."""
    import threading
    import time

    import uvicorn

    from bitesize.asgi import application

    port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(
            application, host="127.0.0.1", port=port, log_level="warning", lifespan="off"
        )
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    for _ in range(200):
        if server.started:
            break
        time.sleep(0.05)
    assert server.started, "uvicorn did not start"
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)
    connections.close_all()


def signed_in(browser: Any, url: str, user: User, zone: str) -> Any:
    """A page of a new browser context carrying the user's session cookie."""
    from django.conf import settings as django_settings
    from django.test import Client

    client = Client()
    client.force_login(user)
    context = browser.new_context(viewport={"width": 390, "height": 844}, timezone_id=zone)
    context.set_default_timeout(15_000)
    context.add_cookies(
        [
            {
                "name": django_settings.SESSION_COOKIE_NAME,
                "value": client.cookies[django_settings.SESSION_COOKIE_NAME].value,
                "url": url,
            }
        ]
    )
    return context.new_page()
