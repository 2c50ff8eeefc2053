"""Replay a routing data set (question -> the people who answered it) through the production
matching engine and print P@1, nDCG@3, MRR and hit@10 beside two baselines.

Mentors and their history are written to the database as real profiles, asks and completed
sessions, then read back through the loader that production uses (matching.selectors). All
of it happens inside one transaction that is rolled back at the end: the database is left as
it was. The protocol is the one in shared/data/routing-dev/README.md."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta
from typing import Any

from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from tqdm import tqdm

from bitesize.accounts.models import User
from bitesize.asks.models import Ask
from bitesize.matching import evaluation
from bitesize.matching.engine import MatchIndex, rating_of
from bitesize.matching.index import embedder
from bitesize.matching.selectors import ask_doc, mentor_docs, synonyms
from bitesize.profiles.models import Profile
from bitesize.scheduling.models import Booking
from bitesize.skills.selectors import skill_resolve


class Rollback(Exception):
    pass


class Command(BaseCommand):
    help = "Evaluate mentor routing on a JSONL (or .jsonl.gz) question file."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("path")
        parser.add_argument(
            "--lexical-only", action="store_true", help="Rank without the sentence model."
        )

    def handle(self, *args: Any, path: str, lexical_only: bool, **options: Any) -> None:
        try:
            questions = evaluation.load_questions(path)
        except OSError as exc:
            raise CommandError(f"Cannot read {path}: {exc}") from exc
        train, test = evaluation.split(questions)
        started = time.monotonic()
        try:
            with transaction.atomic():
                table = self._run(train, test, lexical_only)
                raise Rollback
        except Rollback:
            pass
        self.stdout.write(table)
        self.stdout.write(f"({time.monotonic() - started:.0f} s; the database was left unchanged)")

    def _run(
        self, train: list[dict[str, Any]], test: list[dict[str, Any]], lexical_only: bool
    ) -> str:
        # 1. Everyone in the train split becomes a person; answerers become mentors.
        mentor_keys = sorted({a["answerer_id"] for q in train for a in q.get("answers", [])})
        people = sorted(
            {*mentor_keys, *(q["asker_id"] for q in train if q.get("asker_id") is not None)}
        )
        password = make_password(None)
        users = User.objects.bulk_create(
            User(email=f"eval-{key}@eval.bitesize.local", password=password) for key in people
        )
        user_of = {key: u.pk for key, u in zip(people, users, strict=True)}
        mentor_set = set(mentor_keys)
        Profile.objects.bulk_create(
            Profile(
                user_id=user_of[key],
                handle=f"eval-{key}",
                name=f"Person {key}",
                is_mentor=key in mentor_set,
                weekly_capacity=40,
            )
            for key in people
        )
        # 2. Each train question becomes an ask; each answer a completed session for it.
        skill_cache: dict[str, Any] = {}
        asks, ask_skills, sessions = [], [], []
        start = datetime(2019, 1, 1, tzinfo=UTC)
        for q in tqdm(train, desc="history", unit="questions", disable=None):
            answers = [a for a in q.get("answers", []) if a["answerer_id"] in mentor_set]
            if not answers or q.get("asker_id") is None:
                continue
            tags = list(q.get("tags") or [])
            resolved = [skill_cache.setdefault(t, skill_resolve(t)) for t in tags]
            ask = Ask(
                asker_id=user_of[q["asker_id"]],
                question=q["title"],
                objective="",
                context=q.get("body", ""),
                state=Ask.State.BOOKED,
                tags=[t for t, s in zip(tags, resolved, strict=True) if s is None],
            )
            asks.append(ask)
            ask_skills.append([s for s in resolved if s is not None])
            best: dict[Any, int] = {}
            for a in answers:  # one session per mentor and question, rated by their best answer
                best[a["answerer_id"]] = max(
                    best.get(a["answerer_id"], -(10**9)), int(a.get("score") or 0)
                )
            for key, score in best.items():
                if key == q["asker_id"]:
                    continue
                solved = q.get("accepted_answerer_id") == key
                sessions.append(
                    (ask, user_of[key], user_of[q["asker_id"]], round(rating_of(score)), solved)
                )
        Ask.objects.bulk_create(asks, batch_size=2000)
        Ask.skills.through.objects.bulk_create(
            (
                Ask.skills.through(ask_id=a.pk, skill_id=s.pk)
                for a, skills in zip(asks, ask_skills, strict=True)
                for s in set(skills)
            ),
            batch_size=5000,
            ignore_conflicts=True,
        )
        Booking.objects.bulk_create(
            (
                Booking(
                    mentor_id=m,
                    mentee_id=e,
                    ask=a,
                    question=a.question,
                    start=start + timedelta(hours=n),
                    end=start + timedelta(hours=n, minutes=30),
                    state=Booking.State.COMPLETED,
                    mentee_rating=rating,
                    solved=solved,
                )
                for n, (a, m, e, rating, solved) in enumerate(sessions)
            ),
            batch_size=5000,
        )
        # 3. Read the mentors back as production does and rank the test asks.
        docs = mentor_docs([user_of[k] for k in mentor_keys])
        key_of = {user_of[k]: k for k in mentor_keys}
        index = MatchIndex(background=False)
        index.build(docs, embedder=None if lexical_only else embedder(), synonyms=synonyms())

        # 4. Test questions become asks too, read back as production reads an ask.
        guest = User.objects.create(email="eval-guest@eval.bitesize.local", password=password)
        Profile.objects.create(user=guest, handle="eval-guest", name="Guest")
        labelled = []
        for q in test:
            relevant = {a["answerer_id"] for a in q.get("answers", [])} & mentor_set
            if not relevant:
                continue
            tags = list(q.get("tags") or [])
            resolved = [skill_cache.setdefault(t, skill_resolve(t)) for t in tags]
            ask = Ask.objects.create(
                asker_id=user_of.get(q.get("asker_id"), guest.pk),
                question=q["title"],
                objective="",
                context=q.get("body", ""),
                tags=[t for t, r in zip(tags, resolved, strict=True) if r is None],
            )
            ask.skills.set({r for r in resolved if r is not None})
            labelled.append((ask_doc(ask), relevant))
        asks_test = labelled
        rank = evaluation.engine_ranker(index, asks_test, key_of)
        rows = [
            (
                "Bitesize engine" + (" (lexical only)" if lexical_only else ""),
                evaluation.evaluate(rank, asks_test, len(mentor_set)),
            ),
            (
                "popularity",
                evaluation.evaluate(
                    evaluation.popularity_ranker(train), asks_test, len(mentor_set)
                ),
            ),
            (
                "BM25",
                evaluation.evaluate(evaluation.bm25_baseline(train), asks_test, len(mentor_set)),
            ),
        ]
        return evaluation.format_table(rows)
