"""The skill catalogue: normalising free text to catalogue skills, and loading the curated
catalogue shipped in data/. Pure functions here; the ORM appears only in the loader."""

from __future__ import annotations

import difflib
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.utils.text import slugify

DATA_DIR = Path(__file__).parent / "data"

_SPELLING = (
    (re.compile(r"isation"), "ization"),
    (re.compile(r"ise\b"), "ize"),
    (re.compile(r"ising\b"), "izing"),
    (re.compile(r"our\b"), "or"),
    (re.compile(r"yse\b"), "yze"),
)
_STRIP = re.compile(r"[^a-z0-9+#]+")


def skill_key(text: str) -> str:
    """The matching key of a skill name or alias: case, spacing, punctuation and British or
    American spelling do not matter ("Node.js" = "nodejs", "Optimisation" = "optimization")."""
    text = text.casefold().replace("&", " and ")
    for pattern, replacement in _SPELLING:
        text = pattern.sub(replacement, text)
    return _STRIP.sub("", text)


def clean_label(text: str) -> str:
    return " ".join(text.split())[:80]


@dataclass(frozen=True)
class Entry:
    name: str
    category: str
    synonyms: tuple[str, ...]


def load_catalogue() -> list[Entry]:
    raw: list[dict[str, Any]] = json.loads((DATA_DIR / "skills.json").read_text("utf-8"))
    return [Entry(r["name"], r["category"], tuple(r.get("synonyms", ()))) for r in raw]


def load_industries() -> list[str]:
    names: list[str] = json.loads((DATA_DIR / "industries.json").read_text("utf-8"))
    return names


def resolve_key(key: str, keys: dict[str, int]) -> int | None:
    """The skill id a key stands for: exact, then a plural, then a close spelling."""
    if not key:
        return None
    if key in keys:
        return keys[key]
    if key.endswith("s") and key[:-1] in keys:
        return keys[key[:-1]]
    if len(key) >= 6:
        # A typo keeps the first letter and about the length; comparing with those keys
        # only keeps the fuzzy step cheap enough to run on every word of a query.
        near = [k for k in keys if k[0] == key[0] and abs(len(k) - len(key)) <= 2]
        close = difflib.get_close_matches(key, near, n=1, cutoff=0.9)
        if close:
            return keys[close[0]]
    return None


def sync_catalogue(skill_model: Any, alias_model: Any, industry_model: Any) -> int:
    """Insert or update the shipped catalogue. Takes the model classes so that a data
    migration can pass its historical models. Returns the number of skills."""
    entries = load_catalogue()
    existing = {s.key: s for s in skill_model.objects.all()}
    for entry in entries:
        key = skill_key(entry.name)
        skill = existing.get(key)
        if skill is None:
            skill = skill_model.objects.create(
                name=entry.name, slug=slugify(entry.name) or key, category=entry.category, key=key
            )
            existing[key] = skill
        elif skill.category != entry.category or skill.name != entry.name:
            skill.category, skill.name = entry.category, entry.name
            skill.save(update_fields=["category", "name"])
        for synonym in entry.synonyms:
            alias_key = skill_key(synonym)
            if alias_key and alias_key not in existing:
                alias_model.objects.update_or_create(
                    key=alias_key, defaults={"skill": skill, "alias": synonym}
                )
    for name in load_industries():
        industry_model.objects.get_or_create(slug=slugify(name), defaults={"name": name})
    return len(entries)
