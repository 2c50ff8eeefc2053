"""The room's WebSocket at /ws/rooms/<booking id>/: WebRTC signalling between the people in
the room, chat, shared notes, the timebox and the written answer as it is saved.

Signalling is relayed, never interpreted: each connection gets a random peer id, and a
message addressed to a peer goes through the room's group to the one connection with that
id, in whichever server process it lives. The browsers run the "perfect negotiation"
pattern on top (static/js/room.js)."""

from __future__ import annotations

import secrets
from typing import Any

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils import timezone

from bitesize.accounts.models import User
from bitesize.rooms import selectors, services
from bitesize.rooms.events import room_group
from bitesize.rooms.ice import ice_servers
from bitesize.rooms.limits import Budget
from bitesize.rooms.models import Attendance
from bitesize.scheduling.models import Booking

# Close codes the page understands: not found (or not yours), not open (yet or any more).
NOT_FOUND, NOT_OPEN = 4404, 4409
SIGNAL_MAX = 64_000


def _enter(user: User, booking_id: int) -> tuple[Booking | None, int]:
    try:
        booking = selectors.access_room_by_id(user, booking_id)
    except Http404:
        return None, NOT_FOUND
    if not selectors.room_is_open(booking):
        return None, NOT_OPEN
    return booking, 0


def _welcome(booking: Booking, user: User, peer: str) -> dict[str, Any]:
    state = selectors.room_state_of(booking)
    answer = selectors.written_answer_of(booking) if booking.format == "written" else None
    return {
        "type": "welcome",
        "peer": peer,
        "user": user.pk,
        "name": user.profile.name,
        "role": selectors.role_of(booking, user.pk),
        "format": booking.format,
        "timebox": services.timebox_data(booking, state),
        "notes": {
            "text": state.notes if state else "",
            "version": state.notes_version if state else 0,
        },
        "messages": [services.message_data(m) for m in selectors.recent_messages(booking)],
        "answer": services.answer_data(answer) if answer is not None else None,
        "ice": ice_servers(user_id=user.pk, now=timezone.now()),
    }


def _fresh(booking_id: int) -> Booking:
    return Booking.objects.get(pk=booking_id)


class RoomConsumer(AsyncJsonWebsocketConsumer):  # type: ignore[misc]
    booking: Booking
    user: User
    peer: str
    budget: Budget
    attendance: Attendance | None = None

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        # A consumer can also end by an error (the channel layer failing, say) without a
        # disconnect; the leave time is recorded either way, or the minutes stay open.
        try:
            await super().__call__(scope, receive, send)
        finally:
            if self.attendance is not None:
                await database_sync_to_async(services.attendance_leave)(attendance=self.attendance)

    async def connect(self) -> None:
        user = self.scope.get("user")
        if user is None or not user.is_authenticated:
            await self.close(code=NOT_FOUND)
            return
        booking_id = int(self.scope["url_route"]["kwargs"]["booking_id"])
        booking, code = await database_sync_to_async(_enter)(user, booking_id)
        if booking is None:
            await self.close(code=code)
            return
        self.booking, self.user = booking, user
        self.peer = secrets.token_hex(8)
        self.budget = Budget()
        self.group = room_group(booking.pk)
        await self.channel_layer.group_add(self.group, self.channel_name)
        await self.accept()
        self.attendance = await database_sync_to_async(services.attendance_join)(
            booking=booking, user=user
        )
        welcome = await database_sync_to_async(_welcome)(booking, user, self.peer)
        await self.send_json(welcome)
        await self._relay("join", None, {"user": user.pk, "name": welcome["name"]})

    async def disconnect(self, code: int) -> None:
        if not hasattr(self, "group"):
            return
        if self.attendance is not None:  # first: the time is what the minutes are made of
            await database_sync_to_async(services.attendance_leave)(attendance=self.attendance)
            self.attendance = None
        await self.channel_layer.group_discard(self.group, self.channel_name)
        await self._relay("leave", None, {"user": self.user.pk})

    async def _relay(self, kind: str, to: str | None, data: dict[str, Any]) -> None:
        await self.channel_layer.group_send(
            self.group,
            {"type": "room.relay", "kind": kind, "from": self.peer, "to": to, "data": data},
        )

    async def receive_json(self, content: Any, **kwargs: Any) -> None:
        if not isinstance(content, dict) or not isinstance(content.get("type"), str):
            await self._error("Send a JSON object with a type.")
            return
        kind = content["type"]
        if not self.budget.allow(kind):
            await self._error(Budget.refusal(kind))
            return
        try:
            if kind == "ping":
                now = int(timezone.now().timestamp() * 1000)
                await self.send_json({"type": "pong", "now": now, "t": content.get("t")})
            elif kind in ("signal", "here"):
                to = content.get("to")
                data = content.get("data", {})
                if not isinstance(to, str) or not isinstance(data, dict):
                    raise ValidationError("A signal needs a peer to go to and data.")
                if len(str(data)) > SIGNAL_MAX:
                    raise ValidationError("That signal is too large.")
                if kind == "here":
                    data = {"user": self.user.pk, "name": await self._name()}
                await self._relay(kind, to, data)
            elif kind == "media":
                flags = {k: bool(content.get(k)) for k in ("audio", "video", "screen")}
                await self._relay("media", None, {"user": self.user.pk, **flags})
            elif kind == "chat":
                await database_sync_to_async(services.room_message_post)(
                    booking=self.booking, author=self.user, body=str(content.get("body", ""))
                )
            elif kind == "notes":
                base, text = content.get("base"), content.get("text")
                if not isinstance(base, str) or not isinstance(text, str):
                    raise ValidationError("Notes need the text they started from and the text.")
                await database_sync_to_async(services.room_notes_edit)(
                    booking=self.booking,
                    by=self.user,
                    base=base,
                    text=text,
                    tag=f"{self.peer}:{content.get('seq', '')}",
                )
            elif kind == "extend":
                booking = await database_sync_to_async(_fresh)(self.booking.pk)
                self.booking = await database_sync_to_async(services.room_extend)(
                    booking=booking, by=self.user
                )
            elif kind == "end":
                await database_sync_to_async(services.room_end)(booking=self.booking, by=self.user)
            else:
                await self._error(f"Unknown message type {kind!r}.")
        except ValidationError as exc:
            await self._error(" ".join(exc.messages))
        except PermissionDenied as exc:
            await self._error(str(exc))

    async def _error(self, message: str) -> None:
        await self.send_json({"type": "error", "message": message})

    @database_sync_to_async  # type: ignore[misc]
    def _name(self) -> str:
        return str(self.user.profile.name)

    async def room_relay(self, message: dict[str, Any]) -> None:
        if message["from"] == self.peer or message["to"] not in (None, self.peer):
            return
        await self.send_json(
            {"type": message["kind"], "from": message["from"], "data": message["data"]}
        )

    async def room_event(self, message: dict[str, Any]) -> None:
        await self.send_json({"type": message["event"], **message["data"]})
        if message["event"] == "closed":  # the booking was cancelled: nobody stays in
            await self.close(code=NOT_OPEN)
