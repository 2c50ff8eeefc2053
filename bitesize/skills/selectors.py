from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from django.db.models import Q, QuerySet

from bitesize.skills.catalogue import resolve_key, skill_key
from bitesize.skills.models import Skill, SkillAlias


@lru_cache(maxsize=1)
def _keys(version: int) -> dict[str, int]:
    keys = dict(SkillAlias.objects.values_list("key", "skill_id"))
    keys.update(Skill.objects.values_list("key", "id"))
    return keys


def skill_keys() -> dict[str, int]:
    """Every name and alias key mapped to its skill id, cached per process. The catalogue
    changes only through sync_skills; the count keys the cache so a sync is picked up."""
    return _keys(SkillAlias.objects.count() * 100_000 + Skill.objects.count())


def skill_resolve(text: str) -> Skill | None:
    """The catalogue skill free text stands for, or None when it is not in the catalogue."""
    skill_id = resolve_key(skill_key(text), skill_keys())
    return Skill.objects.filter(pk=skill_id).first() if skill_id else None


@dataclass(frozen=True)
class SkillQuery:
    ids: frozenset[int]
    covered: bool  # every word of the query belongs to a skill it names


def skill_query(text: str) -> SkillQuery:
    """Catalogue skills a search query names: the whole query, or any run of its words."""
    keys = skill_keys()
    words = text.split()
    found: set[int] = set()
    used = [False] * len(words)
    for size in range(min(len(words), 4), 0, -1):
        for start in range(len(words) - size + 1):
            skill_id = resolve_key(skill_key(" ".join(words[start : start + size])), keys)
            if skill_id:
                found.add(skill_id)
                used[start : start + size] = [True] * size
    return SkillQuery(frozenset(found), bool(words) and all(used))


def skill_ids_for_query(text: str) -> set[int]:
    return set(skill_query(text).ids)


def skill_search(query: str, *, limit: int = 10) -> QuerySet[Skill]:
    query = query.strip()
    if not query:
        return Skill.objects.none()
    key = skill_key(query)
    matches = Skill.objects.filter(
        Q(name__icontains=query) | Q(key__startswith=key) | Q(aliases__key__startswith=key)
    ).distinct()
    exact = skill_resolve(query)
    if exact is not None:
        matches = Skill.objects.filter(Q(pk=exact.pk) | Q(pk__in=matches.values("pk")))
    return matches.order_by("name")[:limit]
