"""How much one room connection may send: a sliding window per kind of message, so that a
runaway page or a flood of chat cannot fill the room for everyone. Pure, no I/O."""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable

# kind -> (messages, per seconds). Signalling bursts while a call is set up (ICE candidates),
# so its budget is wide; chat is people typing.
LIMITS: dict[str, tuple[int, float]] = {
    "chat": (8, 10.0),
    "notes": (60, 10.0),
    "media": (30, 10.0),
    "signal": (400, 10.0),
    "here": (60, 10.0),
    "extend": (5, 10.0),
    "end": (5, 10.0),
}
WHAT = {"chat": "messages", "notes": "note edits"}


class Budget:
    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self.clock = clock
        self.sent: dict[str, deque[float]] = {}

    def allow(self, kind: str) -> bool:
        """Count one message of this kind; False when the window is already full."""
        limit = LIMITS.get(kind)
        if limit is None:
            return True
        count, window = limit
        now = self.clock()
        sent = self.sent.setdefault(kind, deque())
        while sent and now - sent[0] >= window:
            sent.popleft()
        if len(sent) >= count:
            return False
        sent.append(now)
        return True

    @staticmethod
    def refusal(kind: str) -> str:
        return f"Slow down: too many {WHAT.get(kind, 'messages')} at once. Try again in a moment."
