"""Match a program's cohort here and now, with a progress bar: the same computation as a run
started from the API or the admin, without the task worker. --dry-run stores nothing."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from bitesize.programs import cohort, services
from bitesize.programs.models import Objective, Program
from bitesize.programs.selectors import program_by_reference

STEPS = 1000  # the bar counts thousandths of the whole run
SHOWN = 50  # pairs a dry run prints


class Command(BaseCommand):
    help = "Compute the optimal mentee-mentor assignment of a program (by id or slug)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("program", help='Program id, slug, or "community-slug/program-slug".')
        parser.add_argument(
            "--objective",
            choices=Objective.values,
            help="score: highest total score; coverage: most mentees matched, then score. "
            "Default: the program's own.",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Compute and print; store no run."
        )
        parser.add_argument("--no-progress", action="store_true", help="No progress bar.")

    def handle(
        self,
        *args: Any,
        program: str,
        objective: str | None,
        dry_run: bool,
        no_progress: bool,
        **options: Any,
    ) -> None:
        try:
            found = program_by_reference(program)
        except Program.DoesNotExist as exc:
            raise CommandError(f"No program {program!r}.") from exc
        except Program.MultipleObjectsReturned as exc:
            raise CommandError(
                f"Several communities have a program {program!r}; "
                "use its id or community-slug/program-slug."
            ) from exc
        objective = objective or found.objective
        self.stdout.write(
            f"{found.name} ({found.community.name}), objective {objective}"
            + (", dry run" if dry_run else "")
        )
        bar = tqdm(
            total=STEPS,
            # The raw stream: OutputWrapper would end every redraw with a newline.
            file=self.stderr._out,
            disable=no_progress,
            bar_format="{desc:<9} {percentage:3.0f}%|{bar}| {elapsed}",
            dynamic_ncols=True,
        )

        shown = [""]

        def progress(phase: str, fraction: float) -> None:
            bar.update(max(0, round(fraction * STEPS) - bar.n))
            if phase != shown[0]:
                shown[0] = phase
                bar.set_description_str(phase)  # a new phase always shows

        try:
            figures = self._match(found, objective, dry_run, progress)
        finally:
            bar.close()
        self.stdout.write(figures)

    def _match(self, program: Program, objective: str, dry_run: bool, progress: Any) -> str:
        if dry_run:
            try:
                outcome = cohort.compute(program, objective=objective, progress=progress)
            except cohort.CohortError as exc:
                raise CommandError(str(exc)) from exc
            progress("done", 1.0)
            r = outcome.result
            lines = [
                f"  {p.mentee.name} → {p.mentor.name} ({p.score:.1f})"
                for p in outcome.pairs[:SHOWN]
            ]
            if len(outcome.pairs) > SHOWN:
                lines.append(f"  … and {len(outcome.pairs) - SHOWN} more pairs")
            return "\n".join(
                [
                    *lines,
                    _figures(
                        len(outcome.cohort.mentees),
                        r.matched,
                        r.objective_value,
                        r.greedy_value,
                        r.greedy_matched,
                        r.gain_over_greedy,
                    ),
                    "Dry run: nothing was stored.",
                ]
            )
        try:
            run = services.cohort_run_start(
                program=program, by=None, objective=objective, enqueue=False
            )
        except services.RunInProgress as exc:
            raise CommandError(str(exc)) from exc
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        done = services.cohort_run_execute(run_id=run.pk, progress=progress)
        if done is None or done.state != done.State.DONE:
            raise CommandError(f"Run {run.pk} failed: {done.error if done else 'gone'}")
        return "\n".join(
            [
                _figures(
                    done.mentees,
                    done.matched,
                    done.objective_value or 0.0,
                    done.greedy_value or 0.0,
                    done.greedy_matched or 0,
                    done.gain_over_greedy or 0.0,
                ),
                f"Stored as run {done.pk} ({done.matched} pairs).",
            ]
        )


def _figures(
    mentees: int, matched: int, value: float, greedy: float, greedy_matched: int, gain: float
) -> str:
    share = matched / mentees if mentees else 0.0
    return "\n".join(
        [
            f"Coverage:  {matched}/{mentees} mentees matched ({share:.1%})",
            f"Objective: {value:.2f}",
            f"Greedy:    {greedy:.2f} ({greedy_matched} matched)",
            f"Gain:      {gain:+.2%} over greedy",
        ]
    )
