"""Background work of asks: offers that reach their deadline pass the ask on."""

from __future__ import annotations

from django_tasks import task

from bitesize.asks.services import offer_expire


@task()
def expire_offer(offer_id: int) -> str:
    return offer_expire(offer_id=offer_id)
