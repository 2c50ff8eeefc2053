"""Programs in the Django admin, for staff: participants and rules inline, a button and an
action that start a cohort run, and each run's figures and pairs."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import URLPattern, path, reverse
from django.utils.html import format_html, format_html_join
from django.views.decorators.http import require_POST

from bitesize.accounts.models import User
from bitesize.programs import services
from bitesize.programs.models import CohortPair, CohortRun, PairRule, Participant, Program

RUN_GROUPS: tuple[tuple[str | None, tuple[str, ...]], ...] = (
    (None, ("program", "started_by", "state", "objective", "phase", "percent")),
    (
        "Figures",
        (
            "mentees",
            "mentors",
            "matched",
            "coverage_display",
            "objective_value",
            "greedy_value",
            "greedy_matched",
            "gain_display",
            "seconds",
            "error",
        ),
    ),
    ("Times", ("created_at", "started_at", "finished_at", "published_at")),
    ("Pairs", ("pair_table",)),
)
PAIRS_SHOWN = 50  # on the run page; the pair list has them all, with search and filters


class ParticipantInline(admin.TabularInline):  # type: ignore[type-arg]
    model = Participant
    raw_id_fields = ("user",)
    fields = ("user", "role", "capacity", "goals", "skills")
    extra = 0


class PairRuleInline(admin.TabularInline):  # type: ignore[type-arg]
    model = PairRule
    raw_id_fields = ("mentee", "mentor")
    fields = ("mentee", "mentor", "kind", "note")
    extra = 0


def _start(request: HttpRequest, program: Program) -> CohortRun | None:
    try:
        run = services.cohort_run_start(program=program, by=request.user)  # type: ignore[arg-type]
    except services.RunInProgress as exc:
        messages.error(request, f"{program}: {exc}")
        return None
    except ValidationError as exc:
        messages.error(request, f"{program}: {' '.join(exc.messages)}")
        return None
    messages.success(request, f"{program}: cohort run {run.pk} queued.")
    return run


@admin.register(Program)
class ProgramAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("name", "community", "starts_on", "ends_on", "objective", "people", "runs")
    list_filter = ("objective", "community__kind", "community")
    search_fields = ("name", "slug", "community__name")
    date_hierarchy = "starts_on"
    prepopulated_fields = {"slug": ("name",)}
    raw_id_fields = ("created_by",)
    inlines = (ParticipantInline, PairRuleInline)
    actions = ("start_run",)
    change_form_template = "admin/programs/program/change_form.html"

    def get_queryset(self, request: HttpRequest) -> QuerySet[Program]:
        programs: QuerySet[Program] = super().get_queryset(request)
        return programs.select_related("community").annotate(
            participant_count=Count("participants", distinct=True),
            run_count=Count("runs", distinct=True),
        )

    @admin.display(description="Participants", ordering="participant_count")
    def people(self, obj: Any) -> int:
        return int(obj.participant_count)

    @admin.display(description="Runs", ordering="run_count")
    def runs(self, obj: Any) -> str:
        url = reverse("admin:programs_cohortrun_changelist") + f"?program__id__exact={obj.pk}"
        return format_html('<a href="{}">{}</a>', url, obj.run_count)

    @admin.action(description="Start a cohort run", permissions=["change"])
    def start_run(self, request: HttpRequest, queryset: QuerySet[Program]) -> None:
        for program in queryset:
            _start(request, program)

    def get_urls(self) -> list[URLPattern]:
        start = self.admin_site.admin_view(require_POST(self.start_run_view))
        return [
            path("<path:object_id>/start-run/", start, name="programs_program_start_run"),
            *super().get_urls(),
        ]

    def start_run_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        program = get_object_or_404(Program, pk=object_id)
        if not self.has_change_permission(request, program):
            raise PermissionDenied
        run = _start(request, program)
        if run is None:
            return HttpResponseRedirect(reverse("admin:programs_program_change", args=[program.pk]))
        return HttpResponseRedirect(reverse("admin:programs_cohortrun_change", args=[run.pk]))


@admin.register(CohortRun)
class CohortRunAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = (
        "id",
        "program",
        "state",
        "objective",
        "percent",
        "coverage_display",
        "objective_value",
        "gain_display",
        "created_at",
    )
    list_filter = ("state", "objective", "program__community", "program")
    search_fields = ("program__name", "program__slug", "error")
    date_hierarchy = "created_at"
    list_select_related = ("program",)
    actions = ("publish",)
    fieldsets = [(title, {"fields": fields}) for title, fields in RUN_GROUPS]
    readonly_fields = [name for _, fields in RUN_GROUPS for name in fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # runs are started from a program

    @admin.display(description="Progress")
    def percent(self, obj: CohortRun) -> str:
        return f"{obj.progress:.0%}" + (f" ({obj.phase})" if obj.is_active and obj.phase else "")

    @admin.display(description="Coverage", ordering="coverage")
    def coverage_display(self, obj: CohortRun) -> str:
        if obj.coverage is None:
            return "–"
        return f"{obj.matched}/{obj.mentees} ({obj.coverage:.0%})"

    @admin.display(description="Gain over greedy", ordering="gain_over_greedy")
    def gain_display(self, obj: CohortRun) -> str:
        return obj.gain_label or "–"

    @admin.display(description="Pairs")
    def pair_table(self, obj: CohortRun) -> str:
        pairs = list(
            CohortPair.objects.filter(run=obj).select_related("mentee__profile", "mentor__profile")[
                :PAIRS_SHOWN
            ]
        )
        if not pairs:
            return "–"
        url = reverse("admin:programs_cohortpair_changelist") + f"?run__id__exact={obj.pk}"
        rows = format_html_join(
            "",
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            (
                (
                    _name(p.mentee),
                    _name(p.mentor),
                    f"{p.score:.1f}",  # arguments are escaped to text before formatting
                    "must" if p.must else "",
                    "; ".join(p.reasons or []),
                )
                for p in pairs
            ),
        )
        return format_html(
            '<p><a href="{}">All {} pairs, with search and filters</a></p>'
            "<table><thead><tr><th>Mentee</th><th>Mentor</th><th>Score</th><th>Rule</th>"
            "<th>Reasons</th></tr></thead><tbody>{}</tbody></table>",
            url,
            obj.matched,
            rows,
        )

    @admin.action(description="Publish: tell matched pairs", permissions=["change"])
    def publish(self, request: HttpRequest, queryset: QuerySet[CohortRun]) -> None:
        for run in queryset.select_related("program"):
            try:
                told = services.cohort_run_publish(run=run, by=request.user)  # type: ignore[arg-type]
            except ValidationError as exc:
                messages.error(request, f"Run {run.pk}: {' '.join(exc.messages)}")
            else:
                messages.success(request, f"Run {run.pk}: {told} people notified.")


def _name(user: User) -> str:
    profile = getattr(user, "profile", None)
    return (profile.name if profile else "") or user.email


@admin.register(CohortPair)
class CohortPairAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("run", "mentee", "mentor", "score", "must")
    list_filter = ("must", "run__program", "run__state", "run")
    search_fields = (
        "mentee__email",
        "mentee__profile__name",
        "mentor__email",
        "mentor__profile__name",
    )
    list_select_related = ("run__program", "mentee", "mentor")
    readonly_fields = ("run", "mentee", "mentor", "score", "must", "reasons")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False
