from __future__ import annotations

from typing import cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from bitesize.accounts.models import User
from bitesize.profiles.selectors import access_profile_by_handle
from bitesize.safety.forms import ReportForm
from bitesize.safety.models import Block
from bitesize.safety.services import block_create, block_remove, report_create


def _user(request: HttpRequest) -> User:
    return cast(User, request.user)


@login_required
@require_POST
def block(request: HttpRequest, handle: str) -> HttpResponse:
    profile = access_profile_by_handle(request.user, handle)
    if profile.user_id == request.user.pk:
        raise Http404("No such person.")
    block_create(blocker=_user(request), blocked=profile.user)
    messages.success(
        request,
        f"You blocked {profile.name}. Neither of you will be suggested to, shown to or "
        "booked by the other.",
    )
    return redirect("settings")


@login_required
@require_POST
def unblock(request: HttpRequest, user_id: int) -> HttpResponse:
    found = Block.objects.filter(blocker=request.user.pk, blocked_id=user_id).first()
    if found is None:
        raise Http404("No such block.")
    block_remove(blocker=_user(request), blocked=found.blocked)
    messages.info(request, "Unblocked.")
    return redirect("settings")


@login_required
def report(request: HttpRequest, handle: str) -> HttpResponse:
    profile = access_profile_by_handle(request.user, handle)
    if profile.user_id == request.user.pk:
        raise Http404("No such person.")
    form = ReportForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                report_create(
                    reporter=_user(request),
                    reported=profile.user,
                    reason=form.cleaned_data["reason"],
                    details=form.cleaned_data["details"],
                )
            except ValidationError as exc:
                for field, problems in exc.message_dict.items():
                    form.add_error(field if field in form.fields else None, problems)
            else:
                messages.success(request, "Thank you. The team will look at your report.")
                if form.cleaned_data["also_block"]:
                    block_create(blocker=_user(request), blocked=profile.user)
                    return redirect("settings")
                return redirect("profile_detail", handle=handle)
        status = 400
    return render(request, "safety/report.html", {"profile": profile, "form": form}, status=status)
