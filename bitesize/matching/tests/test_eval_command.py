import gzip
import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from bitesize.accounts.models import User
from bitesize.asks.models import Ask
from bitesize.scheduling.models import Booking

pytestmark = pytest.mark.django_db

TOPICS = [
    ("gradle build cache slow", ["gradle", "android-studio"]),
    ("recyclerview scroll jank", ["android-recyclerview", "performance"]),
    ("kotlin coroutine cancel", ["kotlin", "coroutines"]),
]


def dataset(path):
    rows = []
    qid = 0
    for round_ in range(8):
        for topic, (title, tags) in enumerate(TOPICS):
            qid += 1
            expert = 100 + topic  # each topic has its expert; 999 answers everything a little
            answers = [{"answerer_id": expert, "answer_id": qid * 10, "score": 3}]
            if round_ % 2:
                answers.append({"answerer_id": 999, "answer_id": qid * 10 + 1, "score": 0})
            rows.append(
                {
                    "qid": qid,
                    "split_temporal": "train" if round_ < 7 else "test",
                    "split": "train",
                    "title": f"{title} question {round_}",
                    "body": f"details about {title}",
                    "tags": tags,
                    "asker_id": 500 + qid,
                    "answerer_ids": [a["answerer_id"] for a in answers],
                    "answers": answers,
                    "accepted_answerer_id": expert,
                }
            )
    with gzip.open(path, "wt") as out:
        for row in rows:
            out.write(json.dumps(row) + "\n")


def test_eval_routing_prints_the_table_and_leaves_the_database_alone(tmp_path):
    path = tmp_path / "tiny.questions.jsonl.gz"
    dataset(path)
    before = (User.objects.count(), Ask.objects.count(), Booking.objects.count())
    out = StringIO()
    call_command("eval_routing", str(path), lexical_only=True, stdout=out)
    table = out.getvalue()
    assert "popularity" in table and "BM25" in table and "Bitesize engine" in table
    engine_row = next(line for line in table.splitlines() if line.startswith("Bitesize engine"))
    assert float(engine_row.split()[-4]) == 1.0  # MRR: the topic's expert always comes first
    assert (User.objects.count(), Ask.objects.count(), Booking.objects.count()) == before


def test_eval_routing_reports_a_missing_file(tmp_path):
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("eval_routing", str(tmp_path / "nope.jsonl"))
