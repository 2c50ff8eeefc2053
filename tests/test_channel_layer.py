"""The channel layer a deployment uses keeps a quiet connection open.

A consumer waits on the layer for messages addressed to it. With Redis, that wait is a
blocking pop the server ends every few seconds; the client's socket read timeout must be
longer than that, or an idle consumer dies with a timeout and its WebSocket closes (redis-py 8
lowered the default read timeout to the length of that pop)."""

from __future__ import annotations

import asyncio

import pytest
from channels.layers import get_channel_layer
from django.conf import settings


@pytest.mark.skipif(not settings.REDIS_URL, reason="needs REDIS_URL: the Redis channel layer")
def test_a_consumer_waits_quietly_on_redis_longer_than_the_blocking_pop() -> None:
    async def run() -> dict[str, str]:
        layer = get_channel_layer()
        assert layer is not None
        channel = await layer.new_channel()
        waiting = asyncio.ensure_future(layer.receive(channel))
        # Two of the layer's blocking pops pass with nothing to read.
        await asyncio.sleep(layer.brpop_timeout * 2 + 1)
        assert not waiting.done() or waiting.exception() is None
        await layer.send(channel, {"type": "hello", "text": "still here"})
        message: dict[str, str] = await asyncio.wait_for(waiting, timeout=5)
        await layer.flush()
        return message

    assert asyncio.run(run()) == {"type": "hello", "text": "still here"}
