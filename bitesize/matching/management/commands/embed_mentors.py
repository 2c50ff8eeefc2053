"""Back-fill the stored vectors of every mentor (after an upgrade, a model change, or a bulk
import), so that no process start has to run the model over all of them."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from bitesize.matching import embedding
from bitesize.matching.selectors import mentor_docs
from bitesize.matching.services import VectorRefresh, mentor_vectors_refresh

CHUNK = 500  # mentors per round: what is embedded is stored before the next round starts


class Command(BaseCommand):
    help = "Store sentence vectors for every mentor text that has none (identical texts once)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--no-progress", action="store_true")

    def handle(self, *args: Any, no_progress: bool, **options: Any) -> None:
        if not embedding.model_available():
            raise CommandError("The embedding model is unavailable; see the log for why.")
        docs = sorted(mentor_docs(), key=lambda d: d.mentor_id)
        total = VectorRefresh()
        with tqdm(total=len(docs), unit="mentors", disable=no_progress or None) as bar:
            for start in range(0, len(docs), CHUNK):
                done = mentor_vectors_refresh(
                    docs=docs[start : start + CHUNK],
                    embedder=embedding.embed,
                    model=embedding.model_id(),
                )
                total = VectorRefresh(
                    embedded=total.embedded + done.embedded,
                    reused=total.reused + done.reused,
                    removed=total.removed + done.removed,
                )
                bar.update(len(docs[start : start + CHUNK]))
        self.stdout.write(
            f"{len(docs)} mentors: {total.embedded} texts embedded, {total.reused} copied "
            f"from identical texts, {total.removed} stale vectors removed."
        )
