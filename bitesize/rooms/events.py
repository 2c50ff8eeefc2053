"""Room events over the channel layer: every connection to a room is in its group."""

from __future__ import annotations

from typing import Any

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import transaction


def room_group(booking_id: int) -> str:
    return f"room.{booking_id}"


def room_send(booking_id: int, event: str, data: dict[str, Any]) -> None:
    """Tell every connection in the room, once the current transaction commits."""

    def send() -> None:
        layer = get_channel_layer()
        if layer is not None:
            async_to_sync(layer.group_send)(
                room_group(booking_id), {"type": "room.event", "event": event, "data": data}
            )

    transaction.on_commit(send)
