"""Program pages for a community's admins and owners: their programs, each program's runs
with figures, a button that starts a run, and the pairs of the latest finished run. Anyone
else gets 404. Programs are set up through the API or the operator console."""

from __future__ import annotations

from typing import cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from bitesize.accounts.models import User
from bitesize.communities.selectors import access_community_by_slug
from bitesize.lib.http import HtmxHttpRequest
from bitesize.programs import services
from bitesize.programs.models import CohortRun, Participant, Program
from bitesize.programs.selectors import access_program_by_id, pairs_of, programs_of, runs_of

PAIRS_SHOWN = 200


def _program(request: HttpRequest, slug: str, pk: int) -> Program:
    program = access_program_by_id(cast(User, request.user), pk)
    if program.community.slug != slug:
        raise Http404("No such program.")
    return program


@login_required
def program_list(request: HttpRequest, slug: str) -> HttpResponse:
    community = access_community_by_slug(cast(User, request.user), slug, admin=True)
    programs = list(programs_of(community))
    latest: dict[int, CohortRun] = {}
    for run in CohortRun.objects.filter(program__in=programs).order_by("program", "-created_at"):
        latest.setdefault(run.program_id, run)
    rows = [(p, latest.get(p.pk)) for p in programs]
    return render(request, "programs/list.html", {"community": community, "rows": rows})


@login_required
def program_detail(request: HtmxHttpRequest, slug: str, pk: int) -> HttpResponse:
    program = _program(request, slug, pk)
    runs = list(runs_of(program)[:20])
    shown = next((r for r in runs if r.state == CohortRun.State.DONE), None)
    pairs = list(pairs_of(shown)[:PAIRS_SHOWN]) if shown else []
    roles = list(Participant.objects.filter(program=program).values_list("role", flat=True))
    context = {
        "community": program.community,
        "program": program,
        "runs": runs,
        "active": any(r.is_active for r in runs),
        "shown": shown,
        "pairs": pairs,
        "mentees": roles.count(Participant.Role.MENTEE),
        "mentors": roles.count(Participant.Role.MENTOR),
    }
    template = "programs/_runs.html" if request.htmx else "programs/detail.html"
    return render(request, template, context)


@login_required
@require_POST
def run_start(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    program = _program(request, slug, pk)
    objective = request.POST.get("objective") or None
    try:
        run = services.cohort_run_start(
            program=program, by=cast(User, request.user), objective=objective
        )
    except services.RunInProgress as exc:
        messages.error(request, str(exc))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, f"Cohort run {run.pk} is queued; this page follows it.")
    return redirect("program_detail", slug=slug, pk=pk)
