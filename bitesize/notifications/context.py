from __future__ import annotations

from django.http import HttpRequest

from bitesize.notifications.services import unread_count


def unread(request: HttpRequest) -> dict[str, int]:
    """The unread count in the top bar; the live socket keeps it current afterwards."""
    if not request.user.is_authenticated:
        return {}
    return {"unread_notifications": unread_count(request.user.pk)}
