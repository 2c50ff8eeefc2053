"""Fixed vocabularies of profiles: session lengths, formats, languages, time zones."""

from __future__ import annotations

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


def _tzdata_text(name: str) -> str:
    return (resources.files("tzdata.zoneinfo") / name).read_text("utf-8")


@lru_cache(maxsize=1)
def time_zone_names() -> tuple[str, ...]:
    """The zones people pick from: one or more per country, as the IANA database lists
    them in zone.tab (so "Europe/Amsterdam", not its alias target), plus UTC."""
    names = {
        line.split("\t")[2]
        for line in _tzdata_text("zone.tab").splitlines()
        if line and not line.startswith("#")
    }
    return (*sorted(names), "UTC")


@lru_cache(maxsize=1)
def _zone_links() -> dict[str, str]:
    """Old names and the zone they link to ("Asia/Calcutta" is "Asia/Kolkata"). Browsers
    still report some old names."""
    links = {}
    for line in _tzdata_text("tzdata.zi").splitlines():
        if line.startswith("L "):
            _, target, name = line.split()
            links[name] = target
    return links


def canonical_zone(name: str) -> str:
    """A listed zone stays as it is; an old alias becomes the zone it links to."""
    listed = _listed_zones()
    seen = 0
    while name not in listed and name in _zone_links() and seen < 5:
        name, seen = _zone_links()[name], seen + 1
    return name


def is_time_zone(name: str) -> bool:
    return canonical_zone(name) in _listed_zones()


@lru_cache(maxsize=1)
def _listed_zones() -> frozenset[str]:
    return frozenset(time_zone_names())
