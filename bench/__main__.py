"""`make bench`: measure, print a table, compare with a reference measured in the same run.

Runs against its own SQLite database under var/bench/ (or DATABASE_URL when set), seeded with
`seed_demo --mentors N`. Nothing here asserts: the figures are for reading and for notes.
Each group starts with its reference; "× ref" is a case's p50 over the reference's p50. The
cases of a group take turns run by run, so a passing load weighs on all of them alike.
"""

from __future__ import annotations

import argparse
import itertools
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
Case = tuple[str, Callable[[], object], str]  # name, work, goal


def measure(runs: list[Callable[[], object]], repeat: int) -> list[tuple[float, float]]:
    """(p50, p95) in ms of each run. The runs take turns, so that a load that comes and goes
    on the machine weighs on a case and on its reference alike."""
    for run in runs:
        run()  # warm caches
    samples: list[list[float]] = [[] for _ in runs]
    for _ in range(repeat):
        for run, times in zip(runs, samples, strict=True):
            started = time.perf_counter()
            run()
            times.append((time.perf_counter() - started) * 1000)
    found = []
    for times in samples:
        times.sort()
        found.append((statistics.median(times), times[min(len(times) - 1, int(len(times) * 0.95))]))
    return found


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench")
    parser.add_argument("--mentors", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument(
        "--conflicts-only", action="store_true", help="only the advice conflict detection group"
    )
    parser.add_argument(
        "--embed-max",
        type=int,
        default=12_000,
        help="Embed at most this many missing mentor texts for the ranking groups (stored in "
        "the bench database, so once); a group missing more is skipped, or see --tile-vectors.",
    )
    parser.add_argument(
        "--tile-vectors",
        action="store_true",
        help="Give mentors still without a stored vector the vector of another mentor's real "
        "text (said in the group's title). Timing does not depend on which vectors they are; "
        "embedding 100,000 distinct demo profiles takes one core one to two hours.",
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
    for size in sorted({10_000, args.mentors}):
        if size <= mentors:
            groups.append(ranking_group(size, args.embed_max, args.tile_vectors))
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
        if not cases:
            print(f"\n{title}")
            continue
        print(f"\n{title}\n{'case':<{width}}  {'p50 ms':>8}  {'p95 ms':>8}  {'× ref':>6}  goal")
        figures = measure([run for _, run, _ in cases], args.repeat)
        reference = figures[0][0]
        for (name, _, goal), (p50, p95) in zip(cases, figures, strict=True):
            print(f"{name:<{width}}  {p50:>8.2f}  {p95:>8.2f}  {p50 / reference:>6.2f}  {goal}")

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
    """Quality, not time: the conflict class of the labelled advice pairs, detector (in full,
    without the pair encoder, without either learned part, and on rules alone) beside its
    reference baselines, scored in the same run (bitesize/debriefs/data/README.md)."""
    from bitesize.debriefs.conflicts import evaluate

    goal_precision, goal_recall = 0.8, 0.6
    print(
        "\nAdvice conflict detection (labelled pairs; rules designed on dev; dev, test and holdout"
        " are training data of the pair encoder; holdout2, by a writer who saw nothing of the"
        " detector, is the held-out measure)\n"
        f"{'method':<48}  {'split':<8}  {'P':>5}  {'R':>5}  {'F1':>5}  {'acc':>5}  {'n':>4}  goal"
    )
    for method, split, s in evaluate().rows:
        goal = ""
        if method.startswith("detector"):
            met = s.precision >= goal_precision and s.recall >= goal_recall
            goal = f"P >= {goal_precision} at R >= {goal_recall}: {'met' if met else 'not met'}"
        print(
            f"{method:<48}  {split:<8}  {s.precision:>5.2f}  {s.recall:>5.2f}  {s.f1:>5.2f}  "
            f"{s.accuracy:>5.2f}  {s.n:>4}  {goal}"
        )
    ledger_scan_time()


def ledger_scan_time(items: int = 24, mentors: int = 4, new: int = 3, repeat: int = 5) -> None:
    """Time, not quality: the detector over one goal's advice (every pair of items from two
    different mentors), with the pair encoder against the reference without it: a first scan
    (nothing cached: a new worker process) and the scan after one more debrief of `new` items
    (the earlier pairs' answers cached, as in a worker that scanned the goal before). The
    items' embeddings are cached in every case, as they are after the first scan."""
    from bitesize.debriefs import conflicts, pair_encoder

    pairs = conflicts.load_pairs(conflicts.HOLDOUT2)
    advice = [p.a for p in pairs[:: max(1, len(pairs) // items)]][:items]
    who = [n % mentors for n in range(len(advice))]
    compared = sum(1 for i in range(len(advice)) for j in range(i) if who[i] != who[j])
    conflicts.find_conflicts(advice, who)  # loads both models, caches the embeddings
    times: dict[str, list[float]] = {"reference": [], "first": [], "after": []}
    for _ in range(repeat):
        started = time.perf_counter()
        conflicts.find_conflicts(advice, who, use_encoder=False)
        times["reference"].append(time.perf_counter() - started)
        pair_encoder._pair.cache_clear()
        started = time.perf_counter()
        conflicts.find_conflicts(advice, who)
        times["first"].append(time.perf_counter() - started)
        pair_encoder._pair.cache_clear()
        conflicts.find_conflicts(advice[:-new], who[:-new])
        started = time.perf_counter()
        conflicts.find_conflicts(advice, who)
        times["after"].append(time.perf_counter() - started)
    reference = statistics.median(times["reference"]) * 1000
    print(
        f"\nLedger scan of one goal: {len(advice)} items from {mentors} mentors, {compared} pairs"
        f" (median of {repeat})\n{'case':<56}  {'ms':>8}  {'x ref':>6}"
    )
    for key, name in (
        ("reference", "reference: detector without the pair encoder"),
        ("first", "with the pair encoder, first scan"),
        ("after", f"with the pair encoder, after a debrief of {new} new items"),
    ):
        ms = statistics.median(times[key]) * 1000
        print(f"{name:<56}  {ms:>8.0f}  {ms / reference:>6.2f}")


def ranking_group(size: int, embed_max: int, tile: bool) -> tuple[str, list[Case]]:
    """One ask ranked over `size` demo mentors with real sentence vectors (stored ones; those
    missing are embedded once here and stored), the ask's own vector computed beforehand.
    Reference: an exact flat scan of the same vectors (numpy dot product + top-k)."""
    from tqdm import tqdm

    from bitesize.demo import content
    from bitesize.matching import embedding
    from bitesize.matching.documents import AskDoc
    from bitesize.matching.engine import MatchIndex, flat_scan, mentor_texts, text_key
    from bitesize.matching.selectors import mentor_docs, stored_vectors, synonyms
    from bitesize.matching.services import mentor_vectors_refresh
    from bitesize.profiles.models import Profile

    title = f"Ranking one ask over {size:,} mentors (ask vector given)"
    if not embedding.model_available():
        return title + ": skipped, the embedding model is unavailable", []
    model = embedding.model_id()
    ids = list(
        Profile.objects.filter(is_mentor=True, user__is_active=True)
        .order_by("user_id")
        .values_list("user_id", flat=True)[:size]
    )
    docs = mentor_docs(ids)
    texts = {text_key(t): t for doc in docs for t in mentor_texts(doc)}
    known = stored_vectors(model=model, mentor_ids=ids)
    missing = [key for key in texts if key not in known]
    note = f"{len(texts):,} distinct texts, all with real vectors"
    if missing and len(missing) <= embed_max:
        print(f"Embedding {len(missing):,} mentor texts for the {size:,} group, stored once:")
        started = time.perf_counter()
        with tqdm(total=len(missing), unit="texts") as bar:
            for start in range(0, len(docs), 500):  # stored as it goes: an interrupt keeps it
                mentor_vectors_refresh(
                    docs=docs[start : start + 500],
                    embedder=embedding.embed,
                    model=model,
                    progress=bar.update,
                )
        print(f"({len(missing) / (time.perf_counter() - started):.0f} texts/s)")
        known = stored_vectors(model=model, mentor_ids=ids)
    elif missing and not (tile and known):
        return (
            f"{title}: skipped, {len(missing):,} of {len(texts):,} distinct mentor texts have "
            f"no stored vector (more than --embed-max {embed_max:,}). Run `manage.py "
            f"embed_mentors` on the bench database once, or pass --tile-vectors.",
            [],
        )
    elif missing:
        real = list(known.values())
        known.update((key, real[i % len(real)]) for i, key in enumerate(missing))
        note = (
            f"{len(texts) - len(missing):,} real vectors, {len(missing):,} mentors given "
            f"one of those (--tile-vectors)"
        )
    started = time.perf_counter()
    index = MatchIndex(background=False)
    index.build(docs, embedder=embedding.embed, synonyms=synonyms(), known=known)
    build = time.perf_counter() - started
    questions = [q for area in content.AREAS.values() for q in area.mentee_questions[:4]]
    asks = [AskDoc(text=q) for q in questions]
    vectors = index.ask_vectors(asks)
    assert vectors is not None
    pairs = list(zip(asks, vectors, strict=True))
    allowed = set(ids[::5] + ids[1::5] + ids[2::5])  # 60 %: an audience that excludes some

    def cycled(work: Callable[[AskDoc, Any], object]) -> Callable[[], object]:
        asks_in_turn = itertools.cycle(pairs)
        return lambda: work(*next(asks_in_turn))

    title += f"\n({note}; index built from them in {build:.1f} s; {len(asks)} asks in turn)"
    return (
        title,
        [
            (
                "reference: flat scan, exact top 300 (numpy)",
                cycled(lambda ask, v: flat_scan(index, v, 300)),
                "",
            ),
            (
                "retrieval stage: 300 candidates",
                cycled(lambda ask, v: index.retrieve(ask, candidates=300, ask_vector=v)),
                "<= 1.5 x ref",
            ),
            (
                "rank end to end: top 30",
                cycled(lambda ask, v: index.rank(ask, k=30, ask_vector=v)),
                "p95 <= 30 ms" if size >= 100_000 else "",
            ),
            (
                "rank end to end, within a 60 % audience",
                cycled(lambda ask, v: index.rank(ask, k=30, allowed=allowed, ask_vector=v)),
                "p95 <= 30 ms" if size >= 100_000 else "",
            ),
        ],
    )


if __name__ == "__main__":
    main()
