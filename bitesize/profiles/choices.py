"""Fixed vocabularies of profiles: session lengths, formats, languages, time zones."""

from __future__ import annotations

import zoneinfo
from functools import lru_cache
from importlib import resources

from django.conf.global_settings import LANGUAGES
from django.db import models

SESSION_LENGTHS = (5, 10, 15, 20, 30, 45, 60)


class Format(models.TextChoices):
    VIDEO = "video", "Video call"
    AUDIO = "audio", "Audio call"
    CHAT = "chat", "Text chat"
    WRITTEN = "written", "Written answer"


# Two-letter ISO 639-1 codes with English names, from Django's own list.
LANGUAGE_CHOICES: tuple[tuple[str, str], ...] = tuple(
    sorted({(code, str(name)) for code, name in LANGUAGES if len(code) == 2}, key=lambda c: c[1])
)
LANGUAGE_NAMES = dict(LANGUAGE_CHOICES)


_HIDDEN_ZONE_PREFIXES = ("Etc/", "SystemV/", "US/", "posix/", "right/")


@lru_cache(maxsize=1)
def _zone_links() -> dict[str, str]:
    """Old zone names and the canonical name they link to ("Asia/Calcutta" is
    "Asia/Kolkata"), from the IANA data of the pinned tzdata package. Browsers still
    report some old names."""
    text = (resources.files("tzdata.zoneinfo") / "tzdata.zi").read_text("utf-8")
    links = {}
    for line in text.splitlines():
        if line.startswith("L "):
            _, target, name = line.split()
            links[name] = target
    return links


def canonical_zone(name: str) -> str:
    return _zone_links().get(name, name)


@lru_cache(maxsize=1)
def time_zone_names() -> tuple[str, ...]:
    """Canonical IANA zones for pickers: Region/City names, plus UTC."""
    links = _zone_links()
    zones = (z for z in zoneinfo.available_timezones() if "/" in z and z not in links)
    return (*sorted(z for z in zones if not z.startswith(_HIDDEN_ZONE_PREFIXES)), "UTC")


def is_time_zone(name: str) -> bool:
    return canonical_zone(name) in time_zone_names()
