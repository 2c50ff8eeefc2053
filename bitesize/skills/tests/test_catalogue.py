from collections import Counter

import pytest

from bitesize.skills.catalogue import load_catalogue, load_industries, resolve_key, skill_key
from bitesize.skills.models import Category, Skill, SkillAlias
from bitesize.skills.selectors import skill_ids_for_query, skill_resolve, skill_search


def test_keys_ignore_case_spacing_punctuation_and_spelling():
    assert skill_key("Node.js") == skill_key("node js") == skill_key("NODEJS")
    assert skill_key("Optimisation") == skill_key("optimization")
    assert skill_key("Behaviour") == skill_key("behavior")
    assert skill_key("C++") != skill_key("C")
    assert skill_key("Objectives & key results") == skill_key("objectives and key results")


def test_resolve_accepts_plurals_and_close_spellings_but_not_strangers():
    keys = {skill_key("Kubernetes"): 1, skill_key("OKR"): 2}
    assert resolve_key(skill_key("kubernetes"), keys) == 1
    assert resolve_key(skill_key("Kubernets"), keys) == 1
    assert resolve_key(skill_key("OKRs"), keys) == 2
    assert resolve_key(skill_key("Basket weaving"), keys) is None
    assert resolve_key("", keys) is None


def test_shipped_catalogue_is_large_curated_and_unambiguous():
    entries = load_catalogue()
    assert len(entries) >= 400
    per_category = Counter(e.category for e in entries)
    assert set(per_category) == set(Category.values)
    assert min(per_category.values()) >= 20
    names = [skill_key(e.name) for e in entries]
    assert len(names) == len(set(names))
    assert len(load_industries()) >= 25


@pytest.mark.django_db
def test_migration_loads_catalogue_with_synonyms():
    assert Skill.objects.count() == len(load_catalogue())
    assert SkillAlias.objects.count() > 250
    assert skill_resolve("k8s").name == "Kubernetes"
    assert skill_resolve("CV").name == "Resume writing"
    assert skill_resolve("underwater basket weaving") is None


@pytest.mark.django_db
def test_query_finds_skills_named_by_any_run_of_words():
    ids = skill_ids_for_query("help with k8s and salary negotiation")
    names = set(Skill.objects.filter(pk__in=ids).values_list("name", flat=True))
    assert {"Kubernetes", "Salary negotiation"} <= names


@pytest.mark.django_db
def test_search_matches_prefixes_and_synonyms():
    assert "Kubernetes" in [s.name for s in skill_search("kube")]
    assert "Kubernetes" in [s.name for s in skill_search("k8s")]
    assert list(skill_search("   ")) == []
