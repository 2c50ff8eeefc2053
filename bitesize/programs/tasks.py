"""Background work of programs: cohort runs, computed by the task worker so that a large
program never blocks a request. Safe to run twice (only the first claims the run)."""

from __future__ import annotations

from django_tasks import task

from bitesize.programs.services import cohort_run_execute


@task()
def run_cohort(run_id: int) -> str:
    run = cohort_run_execute(run_id=run_id)
    return "gone" if run is None else run.state
