"""The one ASGI application: HTTP through Django, WebSocket through Channels."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bitesize.settings")
django_asgi = get_asgi_application()

from channels.auth import AuthMiddlewareStack  # noqa: E402
from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402
from channels.security.websocket import AllowedHostsOriginValidator  # noqa: E402
from django.urls import path  # noqa: E402

from bitesize.lib.live import LiveConsumer  # noqa: E402
from bitesize.rooms.consumers import RoomConsumer  # noqa: E402

websocket_urls = [
    path("ws/live/", LiveConsumer.as_asgi()),
    path("ws/rooms/<int:booking_id>/", RoomConsumer.as_asgi()),
]

application = ProtocolTypeRouter(
    {
        "http": django_asgi,
        "websocket": AllowedHostsOriginValidator(AuthMiddlewareStack(URLRouter(websocket_urls))),
    }
)
