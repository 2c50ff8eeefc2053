"""ICE servers for the room's peer connections: STUN, and TURN with short-lived credentials
in coturn's REST scheme (use-auth-secret): the user name is "<expiry>:<user id>" and the
password is base64(HMAC-SHA1(shared secret, user name)). coturn checks both without a
database, and a leaked credential stops working after TURN_TTL seconds."""

from __future__ import annotations

import base64
import hashlib
import hmac
from datetime import datetime
from typing import Any

from django.conf import settings


def turn_credentials(*, secret: str, user_id: int, ttl: int, now: datetime) -> tuple[str, str]:
    username = f"{int(now.timestamp()) + ttl}:{user_id}"
    digest = hmac.new(secret.encode(), username.encode(), hashlib.sha1).digest()
    return username, base64.b64encode(digest).decode()


def ice_servers(*, user_id: int, now: datetime) -> list[dict[str, Any]]:
    """The RTCConfiguration.iceServers a participant's browser uses."""
    servers: list[dict[str, Any]] = []
    if settings.STUN_URLS:
        servers.append({"urls": list(settings.STUN_URLS)})
    if settings.TURN_URLS and settings.TURN_SECRET:
        username, credential = turn_credentials(
            secret=settings.TURN_SECRET, user_id=user_id, ttl=settings.TURN_TTL, now=now
        )
        servers.append(
            {"urls": list(settings.TURN_URLS), "username": username, "credential": credential}
        )
    return servers
