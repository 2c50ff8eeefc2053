from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import Http404

from bitesize.accounts.models import User
from bitesize.asks.models import Ask


def asks_visible_to(user: User) -> QuerySet[Ask]:
    """The asker sees their asks; a mentor sees an ask once they have a session for it."""
    return Ask.objects.filter(Q(asker=user) | Q(bookings__mentor=user)).distinct()


def access_ask_by_id(user: User, ask_id: int) -> Ask:
    ask = asks_visible_to(user).filter(pk=ask_id).prefetch_related("skills", "audience").first()
    if ask is None:
        raise Http404("No such ask.")
    return ask
