"""Starting runs at the same moment: exactly one is queued, however many requests race, on
SQLite and on PostgreSQL (each thread has its own database connection)."""

from __future__ import annotations

import threading
from collections import Counter

import pytest
from django.db import connection
from django_tasks_db.models import DBTaskResult

from bitesize.programs import services
from bitesize.programs.models import CohortRun

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

RACERS = 8


def test_concurrent_starts_queue_exactly_one_run(program, dana):
    barrier = threading.Barrier(RACERS)
    outcomes: list[str] = [""] * RACERS

    def race(n: int) -> None:
        try:
            barrier.wait()
            services.cohort_run_start(program=program, by=dana)
            outcomes[n] = "started"
        except services.RunInProgress:
            outcomes[n] = "refused"
        except Exception as exc:  # reported by the assertion below
            outcomes[n] = f"{type(exc).__name__}: {exc}"
        finally:
            connection.close()

    threads = [threading.Thread(target=race, args=(n,)) for n in range(RACERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert Counter(outcomes) == {"started": 1, "refused": RACERS - 1}, outcomes
    assert CohortRun.objects.filter(program=program).count() == 1
    assert DBTaskResult.objects.count() == 1  # one task for the one run
