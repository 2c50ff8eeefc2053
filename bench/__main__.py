"""`make bench`: measure, print a table, compare with a reference measured in the same run.

Runs against its own SQLite database under var/bench/ (or DATABASE_URL when set), seeded with
`seed_demo --mentors N`. Nothing here asserts: the figures are for reading and for notes.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench")
    parser.add_argument("--mentors", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()

    os.environ.setdefault("BITESIZE_VAR_DIR", str(ROOT / "var" / "bench"))
    os.environ.setdefault("DEBUG", "1")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bitesize.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    from bitesize.profiles.models import Profile
    from bitesize.profiles.selectors import DirectoryQuery, mentor_directory
    from bitesize.skills.selectors import skill_ids_for_query

    call_command("migrate", verbosity=0)
    have = Profile.objects.filter(is_mentor=True).count()
    seed_rate = None
    if have < args.mentors:
        started = time.perf_counter()
        call_command("seed_demo", mentors=args.mentors - have, mentees=0, no_progress=True)
        seed_rate = (args.mentors - have) / (time.perf_counter() - started)
    from django.contrib.auth.models import AnonymousUser

    viewer = AnonymousUser()

    def page_of(query: DirectoryQuery) -> Callable[[], object]:
        return lambda: list(mentor_directory(viewer, query)[:12])

    def reference() -> object:
        # The floor: one page of mentors by an indexed filter, no search, no ranking.
        return list(Profile.objects.filter(is_mentor=True).order_by("pk")[:12])

    cases: list[tuple[str, Callable[[], object]]] = [
        ("reference: first page, indexed filter", reference),
        ("directory: no filter", page_of(DirectoryQuery())),
        ("directory: synonym 'k8s'", page_of(DirectoryQuery(text="k8s"))),
        (
            "directory: 'salary negotiation' + language",
            page_of(DirectoryQuery(text="salary negotiation", language="en")),
        ),
        (
            "directory: time-zone overlap ≥ 4 h",
            page_of(DirectoryQuery(overlap_hours=4, viewer_zone="Europe/Berlin")),
        ),
        (
            "skills: resolve a 6-word query",
            lambda: skill_ids_for_query("how do I negotiate a promotion"),
        ),
    ]
    rows = []
    base_p50 = None
    for name, run in cases:
        run()  # warm caches
        samples = []
        for _ in range(args.repeat):
            started = time.perf_counter()
            run()
            samples.append((time.perf_counter() - started) * 1000)
        samples.sort()
        p50 = statistics.median(samples)
        p95 = samples[min(len(samples) - 1, int(len(samples) * 0.95))]
        base_p50 = base_p50 or p50
        rows.append((name, p50, p95, p50 / base_p50))

    mentors = Profile.objects.filter(is_mentor=True).count()
    print(
        f"\nBitesize bench · {mentors} mentors · {args.repeat} runs each · "
        f"database {django.db.connection.vendor}"
    )
    if seed_rate:
        print(
            f"seed_demo: {seed_rate:,.0f} people/s "
            f"(100,000 mentors ≈ {100_000 / seed_rate / 60:.1f} min)"
        )
    width = max(len(r[0]) for r in rows)
    print(f"\n{'case':<{width}}  {'p50 ms':>8}  {'p95 ms':>8}  {'× ref':>6}")
    for name, p50, p95, ratio in rows:
        print(f"{name:<{width}}  {p50:>8.2f}  {p95:>8.2f}  {ratio:>6.1f}")


if __name__ == "__main__":
    main()
