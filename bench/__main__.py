"""`make bench`: measure, print a table, compare with a reference measured in the same run.

Runs against its own SQLite database under var/bench/ (or DATABASE_URL when set), seeded with
`seed_demo --mentors N`. Nothing here asserts: the figures are for reading and for notes.
Each group starts with its reference; "× ref" is a case's p50 over the reference's p50.
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
Case = tuple[str, Callable[[], object], str]  # name, work, goal


def measure(run: Callable[[], object], repeat: int) -> tuple[float, float]:
    run()  # warm caches
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        samples.append((time.perf_counter() - started) * 1000)
    samples.sort()
    return statistics.median(samples), samples[min(len(samples) - 1, int(len(samples) * 0.95))]


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench")
    parser.add_argument("--mentors", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument(
        "--conflicts-only", action="store_true", help="only the advice conflict detection group"
    )
    args = parser.parse_args()
    if args.conflicts_only:
        sys.path.insert(0, str(ROOT))
        advice_conflicts()
        return

    os.environ.setdefault("BITESIZE_VAR_DIR", str(ROOT / "var" / "bench"))
    os.environ.setdefault("DEBUG", "1")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bitesize.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from datetime import timedelta

    from django.contrib.auth.models import AnonymousUser
    from django.core.management import call_command
    from django.utils import timezone

    from bitesize.matching import cohort, embedding
    from bitesize.profiles.models import Profile
    from bitesize.profiles.selectors import DirectoryQuery, mentor_directory
    from bitesize.scheduling import slots
    from bitesize.scheduling.models import Availability
    from bitesize.scheduling.selectors import earliest_mutual_slots, schedules_for
    from bitesize.skills.selectors import skill_ids_for_query

    call_command("migrate", verbosity=0)
    have = Profile.objects.filter(is_mentor=True).count()
    seed_rate = None
    if have < args.mentors:
        started = time.perf_counter()
        call_command("seed_demo", mentors=args.mentors - have, mentees=0, no_progress=True)
        seed_rate = (args.mentors - have) / (time.perf_counter() - started)
    if not Availability.objects.exists():
        sys.exit("This bench database predates availability: delete var/bench/ and run again.")

    viewer = AnonymousUser()

    def page_of(query: DirectoryQuery) -> Callable[[], object]:
        return lambda: list(mentor_directory(viewer, query)[:12])

    now = timezone.now()
    mentee = Profile.objects.filter(is_mentor=False).values_list("user_id", flat=True).first()
    assert mentee is not None
    mentor_ids = list(
        Availability.objects.filter(rules__isnull=False)
        .values_list("user_id", flat=True)
        .distinct()[:200]
    )
    one = schedules_for(mentor_ids[:1])[mentor_ids[0]]
    booked = [
        (now + timedelta(days=d, hours=h), now + timedelta(days=d, hours=h, minutes=30))
        for d in range(14)
        for h in (3, 7)
    ][:20]
    fourteen = (now, now + timedelta(days=14))

    groups: list[tuple[str, list[Case]]] = [
        (
            "Mentor directory (one page of 12)",
            [
                (
                    "reference: first page by an indexed filter",
                    lambda: list(Profile.objects.filter(is_mentor=True).order_by("pk")[:12]),
                    "",
                ),
                ("no filter", page_of(DirectoryQuery()), ""),
                ("synonym 'k8s'", page_of(DirectoryQuery(text="k8s")), ""),
                (
                    "'salary negotiation' + language",
                    page_of(DirectoryQuery(text="salary negotiation", language="en")),
                    "",
                ),
                (
                    "time-zone overlap >= 4 h",
                    page_of(DirectoryQuery(overlap_hours=4, viewer_zone="Europe/Berlin")),
                    "",
                ),
                (
                    "resolve a 6-word query to skills",
                    lambda: skill_ids_for_query("how do I negotiate a promotion"),
                    "",
                ),
            ],
        ),
        (
            "Slots for one mentor over 14 days",
            [
                (
                    "reference: expand weekly rules only",
                    lambda: slots.available_intervals(
                        one.rules, one.overrides, one.zone, *fourteen
                    ),
                    "",
                ),
                (
                    "free slots, 20 sessions booked",
                    lambda: slots.free_slots(
                        rules=one.rules,
                        overrides=one.overrides,
                        policy=one.policy,
                        duration=timedelta(minutes=30),
                        booked=booked,
                        busy=[],
                        now=now,
                        end=fourteen[1],
                    ),
                    "p95 <= 5 ms",
                ),
            ],
        ),
        (
            f"Earliest mutual slot across {len(mentor_ids)} mentors",
            [
                ("reference: load their schedules only", lambda: schedules_for(mentor_ids), ""),
                (
                    "earliest slot each, queries included",
                    lambda: earliest_mutual_slots(
                        mentor_ids=mentor_ids, mentee_id=mentee, minutes=30, now=now
                    ),
                    "p95 <= 50 ms",
                ),
            ],
        ),
    ]
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
    width = 48
    for title, cases in groups:
        print(f"\n{title}\n{'case':<{width}}  {'p50 ms':>8}  {'p95 ms':>8}  {'× ref':>6}  goal")
        reference = None
        for name, run, goal in cases:
            p50, p95 = measure(run, args.repeat)
            reference = reference or p50
            print(f"{name:<{width}}  {p50:>8.2f}  {p95:>8.2f}  {p50 / reference:>6.1f}  {goal}")

    print("\nOnce each (too slow to repeat)")
    if embedding.model_available():
        print(f"sentence embedding throughput: {embedding.throughput():.0f} texts/s (1 thread)")
    else:
        print("sentence embedding: model unavailable")
    result = cohort.bench()
    print(
        f"cohort 10,000 mentees x 2,000 mentors: {result.seconds:.1f} s (goal <= 30 s), "
        f"objective {result.objective_value:.1f} vs greedy {result.greedy_value:.1f} "
        f"({result.gain_over_greedy:+.3%}), matched {result.matched} vs {result.greedy_matched}"
    )
    advice_conflicts()


def advice_conflicts() -> None:
    """Quality, not time: the conflict class of the labelled advice pairs, detector (with and
    without its learned stance model, and on rules alone) beside its reference baselines, scored
    in the same run (bitesize/debriefs/data/README.md)."""
    from bitesize.debriefs.conflicts import evaluate

    goal_precision, goal_recall = 0.8, 0.6
    print(
        "\nAdvice conflict detection (labelled pairs; dev designed on, test held out)\n"
        f"{'method':<48}  {'split':<5}  {'P':>5}  {'R':>5}  {'F1':>5}  {'acc':>5}  {'n':>4}  goal"
    )
    for method, split, s in evaluate().rows:
        goal = ""
        if method.startswith("detector"):
            met = s.precision >= goal_precision and s.recall >= goal_recall
            goal = f"P >= {goal_precision} at R >= {goal_recall}: {'met' if met else 'not met'}"
        print(
            f"{method:<48}  {split:<5}  {s.precision:>5.2f}  {s.recall:>5.2f}  {s.f1:>5.2f}  "
            f"{s.accuracy:>5.2f}  {s.n:>4}  {goal}"
        )


if __name__ == "__main__":
    main()
