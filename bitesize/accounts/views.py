from __future__ import annotations

from typing import cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from bitesize.accounts.forms import AccessTokenForm
from bitesize.accounts.models import AccessToken, User
from bitesize.accounts.services import access_token_create, access_token_revoke
from bitesize.safety.models import Block

MAX_TOKENS = 20


@login_required
def settings_page(request: HttpRequest) -> HttpResponse:
    user = cast(User, request.user)
    form = AccessTokenForm()
    new_token = None
    status = 200
    if request.method == "POST":
        form = AccessTokenForm(request.POST)
        active = AccessToken.objects.filter(user=user, revoked_at__isnull=True).count()
        if active >= MAX_TOKENS:
            form.add_error(None, f"You have {MAX_TOKENS} active tokens; revoke one first.")
        if form.is_valid():
            _, new_token = access_token_create(user=user, name=form.cleaned_data["name"])
            form = AccessTokenForm()
        else:
            status = 400
    tokens = AccessToken.objects.filter(user=user)
    return render(
        request,
        "accounts/settings.html",
        {
            "form": form,
            "tokens": tokens,
            "new_token": new_token,
            "blocks": Block.objects.filter(blocker=user).select_related("blocked__profile"),
        },
        status=status,
    )


@login_required
@require_POST
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    token = AccessToken.objects.filter(pk=pk, user=request.user.pk).first()
    if token is None:
        raise Http404("No such token.")
    access_token_revoke(token=token)
    messages.success(request, f"Token “{token.name}” revoked.")
    return redirect("settings")
