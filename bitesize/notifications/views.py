from __future__ import annotations

from typing import cast

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from bitesize.accounts.models import User
from bitesize.notifications.models import Notification
from bitesize.notifications.services import notifications_mark_read


@login_required
def notification_list(request: HttpRequest) -> HttpResponse:
    notes = Notification.objects.filter(user=request.user.pk)[:100]
    return render(request, "notifications/list.html", {"notes": notes})


@login_required
@require_POST
def notification_read(request: HttpRequest) -> HttpResponse:
    ids = [int(i) for i in request.POST.getlist("id") if i.isdigit()] or None
    notifications_mark_read(user=cast(User, request.user), ids=ids)
    return redirect(request.POST.get("next") or "notifications")
