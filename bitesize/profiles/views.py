from __future__ import annotations

from typing import cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from bitesize.accounts.models import User
from bitesize.communities.selectors import community_ids_of
from bitesize.goals.models import Goal
from bitesize.goals.services import access_goal_by_id, goal_create, goal_set_status
from bitesize.lib.http import HtmxHttpRequest
from bitesize.profiles.forms import (
    DirectoryForm,
    GoalForm,
    MentorForm,
    PhotoForm,
    ProfileForm,
    SkillAddForm,
)
from bitesize.profiles.models import Profile
from bitesize.profiles.selectors import (
    DirectoryQuery,
    access_profile_by_handle,
    mentor_directory,
    workday_overlap_hours,
)
from bitesize.profiles.services import (
    profile_ensure,
    profile_set_available_now,
    profile_set_photo,
    profile_skill_add,
    profile_skill_remove,
    profile_update,
)
from bitesize.skills.selectors import skill_search


def _me(request: HttpRequest) -> Profile:
    return profile_ensure(user=cast(User, request.user))


def _apply_errors(form: ProfileForm | MentorForm | PhotoForm, exc: ValidationError) -> None:
    for field, problems in exc.message_dict.items():
        form.add_error(field if field in form.fields else None, problems)


def profile_detail(request: HttpRequest, handle: str) -> HttpResponse:
    profile = access_profile_by_handle(request.user, handle)
    overlap = None
    if request.user.is_authenticated and profile.user_id != request.user.pk:
        overlap = workday_overlap_hours(_me(request).time_zone, profile.time_zone)
    return render(
        request,
        "profiles/detail.html",
        {"profile": profile, "overlap": overlap, "is_me": profile.user_id == request.user.pk},
    )


@login_required
def profile_edit(request: HttpRequest) -> HttpResponse:
    profile = _me(request)
    basics = ProfileForm(
        initial={
            "name": profile.name,
            "headline": profile.headline,
            "bio": profile.bio,
            "time_zone": profile.time_zone,
            "languages": [lang.code for lang in profile.languages.all()],
            "industries": list(profile.industries.all()),
            "visibility": profile.visibility,
        }
    )
    mentor = MentorForm(
        initial={
            "is_mentor": profile.is_mentor,
            "help_with": profile.help_with,
            "session_lengths": profile.session_lengths,
            "formats": profile.formats,
            "weekly_capacity": profile.weekly_capacity,
            "available_now": profile.available_now,
            "meeting_url": profile.meeting_url,
        }
    )
    photo = PhotoForm()
    section = request.POST.get("section", "")
    if request.method == "POST" and section == "basics":
        basics = ProfileForm(request.POST)
        if basics.is_valid():
            data = basics.cleaned_data
            try:
                profile_update(
                    profile=profile,
                    fields={
                        k: data[k] for k in ("name", "headline", "bio", "time_zone", "visibility")
                    },
                    languages=data["languages"],
                    industry_ids=[i.pk for i in data["industries"]],
                )
            except ValidationError as exc:
                _apply_errors(basics, exc)
            else:
                messages.success(request, "Profile saved.")
                return redirect("profile_edit")
    elif request.method == "POST" and section == "mentor":
        mentor = MentorForm(request.POST)
        if mentor.is_valid():
            try:
                profile_update(profile=profile, fields=dict(mentor.cleaned_data))
            except ValidationError as exc:
                _apply_errors(mentor, exc)
            else:
                messages.success(request, "Mentor settings saved.")
                return redirect("profile_edit")
    elif request.method == "POST" and section == "photo":
        photo = PhotoForm(request.POST, request.FILES)
        if photo.is_valid():
            try:
                upload = None if photo.cleaned_data["remove"] else photo.cleaned_data["photo"]
                if upload is not None or photo.cleaned_data["remove"]:
                    profile_set_photo(profile=profile, upload=upload)
            except ValidationError as exc:
                _apply_errors(photo, exc)
            else:
                messages.success(request, "Photo saved.")
                return redirect("profile_edit")
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "profiles/edit.html",
        {
            "profile": profile,
            "basics": basics,
            "mentor": mentor,
            "photo": photo,
            "skill_form": SkillAddForm(),
            "goal_form": GoalForm(),
            "goals": Goal.objects.filter(owner=request.user.pk),
        },
        status=status,
    )


@login_required
@require_POST
def skill_add(request: HtmxHttpRequest) -> HttpResponse:
    profile = _me(request)
    form = SkillAddForm(request.POST)
    status = 200
    if form.is_valid():
        try:
            profile_skill_add(
                profile=profile, text=form.cleaned_data["skill"], level=form.cleaned_data["level"]
            )
            form = SkillAddForm()
        except ValidationError as exc:
            for field, problems in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, problems)
            status = 400
    else:
        status = 400
    if not request.htmx:
        if status == 200:
            return redirect("profile_edit")
        messages.error(request, "; ".join(str(e) for errs in form.errors.values() for e in errs))
        return redirect("profile_edit")
    # htmx swaps the section even on a form error, so answer 200 with the errors shown.
    return render(request, "profiles/_skills.html", {"profile": profile, "skill_form": form})


@login_required
@require_POST
def skill_remove(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    profile = _me(request)
    profile_skill_remove(profile=profile, profile_skill_id=pk)
    if not request.htmx:
        return redirect("profile_edit")
    return render(
        request, "profiles/_skills.html", {"profile": profile, "skill_form": SkillAddForm()}
    )


@require_GET
def skill_suggest(request: HttpRequest) -> HttpResponse:
    skills = skill_search(request.GET.get("skill", "") or request.GET.get("q", ""), limit=8)
    return render(request, "profiles/_skill_options.html", {"skills": skills})


@login_required
@require_POST
def goal_add(request: HttpRequest) -> HttpResponse:
    form = GoalForm(request.POST)
    if form.is_valid():
        try:
            goal_create(owner=cast(User, request.user), title=form.cleaned_data["title"])
            messages.success(request, "Goal added.")
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
    else:
        messages.error(request, " ".join(str(e) for errs in form.errors.values() for e in errs))
    return redirect(request.POST.get("next") or "profile_edit")


@login_required
@require_POST
def goal_status(request: HttpRequest, pk: int) -> HttpResponse:
    goal = access_goal_by_id(cast(User, request.user), pk)
    try:
        goal_set_status(goal=goal, status=request.POST.get("status", ""))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect(request.POST.get("next") or "profile_edit")


@login_required
@require_POST
def available_toggle(request: HtmxHttpRequest) -> HttpResponse:
    profile = _me(request)
    try:
        profile_set_available_now(profile=profile, available=request.POST.get("available") == "1")
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    if request.htmx:
        return render(request, "profiles/_available.html", {"profile": profile})
    return redirect("dashboard")


def directory(request: HtmxHttpRequest) -> HttpResponse:
    form = DirectoryForm(request.GET or None)
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    viewer_zone = "UTC"
    if request.user.is_authenticated:
        viewer_zone = _me(request).time_zone
    community_id = None
    if (raw := request.GET.get("community", "")).isdigit() and int(raw) in community_ids_of(
        cast(User, request.user)
    ):
        community_id = int(raw)
    query = DirectoryQuery(
        text=data.get("q") or "",
        skill_id=data.get("skill"),
        industry_id=data["industry"].pk if data.get("industry") else None,
        language=data.get("language") or "",
        overlap_hours=data.get("overlap") or 0,
        viewer_zone=viewer_zone,
        available_now=bool(data.get("now")),
        community_id=community_id,
    )
    page = Paginator(mentor_directory(request.user, query), 12).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    context = {"form": form, "page": page, "params": params.urlencode(), "viewer_zone": viewer_zone}
    template = "profiles/_directory_results.html" if request.htmx else "profiles/directory.html"
    return render(request, template, context)
