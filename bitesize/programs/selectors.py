"""Reads of programs. Programs are visible to their community's admins and owners only; every
fetch by id goes through an access-checked getter that answers 404 to anyone else."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from bitesize.accounts.models import User
from bitesize.communities.models import Community, Membership
from bitesize.programs.models import CohortPair, CohortRun, Program


def administered_community_ids(user: User) -> list[int]:
    if not user.is_authenticated:
        return []
    return list(
        Membership.objects.filter(user=user, role__in=Membership.ADMIN_ROLES).values_list(
            "community_id", flat=True
        )
    )


def programs_of(community: Community) -> QuerySet[Program]:
    return Program.objects.filter(community=community).select_related("community")


def access_program_by_id(user: User, program_id: int) -> Program:
    """The program, if the user administers its community; else 404."""
    program = (
        Program.objects.select_related("community")
        .filter(pk=program_id, community_id__in=administered_community_ids(user))
        .first()
    )
    if program is None:
        raise Http404("No such program.")
    return program


def access_run_by_id(user: User, run_id: int) -> CohortRun:
    """The cohort run, if the user administers its program's community; else 404."""
    run = (
        CohortRun.objects.select_related("program__community")
        .filter(pk=run_id, program__community_id__in=administered_community_ids(user))
        .first()
    )
    if run is None:
        raise Http404("No such cohort run.")
    return run


def runs_of(program: Program) -> QuerySet[CohortRun]:
    return CohortRun.objects.filter(program=program).order_by("-created_at", "-id")


def pairs_of(run: CohortRun) -> QuerySet[CohortPair]:
    return CohortPair.objects.filter(run=run).select_related("mentee__profile", "mentor__profile")


def program_by_reference(reference: str) -> Program:
    """For operators: a program by id, by slug when only one community uses it, or by
    "community-slug/program-slug". Raises Program.DoesNotExist or MultipleObjectsReturned."""
    if reference.isdigit():
        return Program.objects.select_related("community").get(pk=int(reference))
    if "/" in reference:
        community, slug = reference.split("/", 1)
        return Program.objects.select_related("community").get(community__slug=community, slug=slug)
    return Program.objects.select_related("community").get(slug=reference)
