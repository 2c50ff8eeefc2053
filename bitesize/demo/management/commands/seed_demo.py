from __future__ import annotations

import time
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from bitesize.demo.people import DEMO_DOMAIN, DEMO_LOGINS, DEMO_PASSWORD
from bitesize.demo.seeding import Seeder
from bitesize.demo.stories import seed_history, seed_stories
from bitesize.profiles.models import Profile


class Command(BaseCommand):
    help = "Fill the platform with demo mentors, mentees and communities."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--mentors", type=int, default=96)
        parser.add_argument("--mentees", type=int, default=48)
        parser.add_argument(
            "--seed", type=int, default=7, help="Random seed; same seed, same people."
        )
        parser.add_argument(
            "--if-empty", action="store_true", help="Do nothing when people exist already."
        )
        parser.add_argument("--no-progress", action="store_true")
        parser.add_argument(
            "--allow-without-debug",
            action="store_true",
            help="Seed even with DEBUG off (the demo accounts share a published password).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        mentors, mentees = options["mentors"], options["mentees"]
        if mentors < 0 or mentees < 0:
            raise CommandError("--mentors and --mentees take zero or more.")
        if not settings.DEBUG and not options["allow_without_debug"]:
            raise CommandError(
                "DEBUG is off: this looks like a production site, and every demo account "
                "shares a published password. Pass --allow-without-debug to seed anyway."
            )
        if options["if_empty"] and Profile.objects.exists():
            self.stdout.write("Demo data is there already; keeping it.")
            return
        started = time.monotonic()
        bar = tqdm(
            total=mentors + mentees,
            unit="people",
            disable=options["no_progress"],
            desc="Seeding",
        )
        seeder = Seeder(seed=options["seed"], progress=bar.update)
        seeder.create_named()
        stats = seeder.create(mentors=mentors, mentees=mentees)
        bar.close()
        seed_stories(DEMO_DOMAIN)
        seed_history(DEMO_DOMAIN)
        elapsed = time.monotonic() - started
        self.stdout.write(
            self.style.SUCCESS(
                f"Seeded {stats.mentors} mentors and {stats.mentees} mentees across "
                f"{len(stats.by_zone)} time zones, {stats.skills} skills, "
                f"{stats.memberships} memberships in {elapsed:.1f} s."
            )
        )
        self.stdout.write(f"Log in with any of these (password {DEMO_PASSWORD}):")
        for role, email in DEMO_LOGINS:
            self.stdout.write(f"  {role:<10} {email}")
