"""Stored mentor vectors: written by the task after a change and by `embed_mentors`, read by
the index build instead of running the model. A counting fake stands in for the model, so
that each test can say exactly which texts were embedded."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import numpy as np
import pytest
from django.core.management import call_command
from django.test import override_settings

from bitesize.accounts.models import User
from bitesize.matching import embedding
from bitesize.matching.documents import AskDoc
from bitesize.matching.engine import MatchIndex, _dot, _nearest, _top, mentor_texts, text_key
from bitesize.matching.index import current_index, reset_index
from bitesize.matching.models import MentorVector
from bitesize.matching.selectors import mentor_docs, stored_vectors
from bitesize.matching.tests import test_engine as engine_docs
from bitesize.matching.tests.test_engine import KUBERNETES_ASK, FakeEmbedder
from bitesize.profiles.models import Profile
from bitesize.profiles.services import profile_update
from conftest import make_user, run_due_tasks

MODEL = embedding.model_id()


@pytest.fixture
def model(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeEmbedder]:
    fake = FakeEmbedder()
    monkeypatch.setattr(embedding, "embed", fake)
    monkeypatch.setattr(embedding, "model_available", lambda: True)
    yield fake


def texts_of(user: User) -> list[str]:
    return [t for doc in mentor_docs([user.pk]) for t in mentor_texts(doc)]


def digests(user: User) -> set[str]:
    return set(MentorVector.objects.filter(mentor_id=user.pk).values_list("digest", flat=True))


def change(user: User, capture: Callable[..., Any], **fields: object) -> None:
    with capture(execute=True):
        profile_update(profile=user.profile, fields=fields)


# -- the task ------------------------------------------------------------------------------------


def test_a_profile_change_stores_the_vector_of_the_new_text(
    alice: User,
    model: FakeEmbedder,
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> None:
    change(alice, django_capture_on_commit_callbacks, headline="Kubernetes upgrades, calmly")

    assert run_due_tasks() == 1
    (text,) = texts_of(alice)
    assert "Kubernetes upgrades, calmly" in text
    row = MentorVector.objects.get(mentor_id=alice.pk)
    assert (row.digest, row.model) == (text_key(text), MODEL)
    assert len(bytes(row.codes)) == 64  # one int8 per dimension of the fake model
    stored = stored_vectors(model=MODEL)[row.digest]
    vector = model([text])[0]
    step = float(abs(vector).max()) / 127  # int8 codes: within half a step of each value
    assert float(abs(stored - vector).max()) <= step / 2 + 1e-6


def test_a_stale_vector_is_replaced_and_an_unchanged_one_not_recomputed(
    alice: User,
    model: FakeEmbedder,
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> None:
    change(alice, django_capture_on_commit_callbacks, headline="Kubernetes upgrades")
    run_due_tasks()
    before = digests(alice)

    change(alice, django_capture_on_commit_callbacks, headline="Helm charts and operators")
    run_due_tasks()

    after = digests(alice)
    assert after == {text_key(t) for t in texts_of(alice)} and after.isdisjoint(before)
    model.calls.clear()
    change(alice, django_capture_on_commit_callbacks, time_zone="Europe/Paris")  # same text
    run_due_tasks()
    assert model.calls == [] and digests(alice) == after


def test_a_mentor_who_stops_mentoring_loses_their_vectors(
    alice: User,
    model: FakeEmbedder,
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> None:
    change(alice, django_capture_on_commit_callbacks, headline="Kubernetes")
    run_due_tasks()
    assert digests(alice)

    change(alice, django_capture_on_commit_callbacks, is_mentor=False)
    run_due_tasks()

    assert not MentorVector.objects.exists()


# -- the index build -----------------------------------------------------------------------------


def test_the_index_build_uses_stored_vectors_without_embedding_them(
    alice: User, model: FakeEmbedder
) -> None:
    call_command("embed_mentors", no_progress=True)
    model.calls.clear()

    index = current_index()

    assert index.semantic and alice.pk in index
    assert model.calls == []  # nothing of alice's was embedded again
    ranked = index.rank(AskDoc(text="kubernetes"))
    assert [r.mentor_id for r in ranked] == [alice.pk]
    assert model.calls == [["kubernetes"]]  # the ask itself, as always


def test_the_index_build_embeds_missing_vectors_and_stores_them(
    alice: User, model: FakeEmbedder
) -> None:
    current_index()

    assert model.calls == [texts_of(alice)]
    assert digests(alice) == {text_key(t) for t in texts_of(alice)}
    reset_index()  # as a second process would
    model.calls.clear()
    current_index()
    assert model.calls == []


@override_settings(MATCHING_BUILD_EMBED_LIMIT=0)
def test_past_the_limit_the_build_ranks_on_lexical_signals_until_a_change(
    alice: User,
    model: FakeEmbedder,
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> None:
    index = current_index()

    assert model.calls == [] and not MentorVector.objects.exists()
    assert [r.mentor_id for r in index.rank(AskDoc(text="kubernetes"))] == [alice.pk]
    change(alice, django_capture_on_commit_callbacks, headline="Kubernetes")
    current_index()
    assert model.calls == [texts_of(alice)]  # the changed mentor is embedded in-process
    assert current_index().semantic


def test_a_change_reaches_the_index_before_the_task_has_run(
    alice: User, model: FakeEmbedder, django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    index = current_index()
    change(alice, django_capture_on_commit_callbacks, headline="Salary negotiation coach")

    ranked = current_index().rank(AskDoc(text="salary negotiation coach"))

    assert current_index() is index and ranked[0].mentor_id == alice.pk
    assert model.calls[-2] == texts_of(alice)  # embedded here, no stored vector yet


def test_the_lexical_fallback_ignores_stored_vectors(
    alice: User, model: FakeEmbedder, monkeypatch: pytest.MonkeyPatch
) -> None:
    call_command("embed_mentors", no_progress=True)
    monkeypatch.setattr(embedding, "model_available", lambda: False)

    index = current_index()

    assert not index.semantic
    assert [r.mentor_id for r in index.rank(AskDoc(text="kubernetes"))] == [alice.pk]


# -- the back-fill command -----------------------------------------------------------------------


def test_embed_mentors_back_fills_every_mentor_and_embeds_identical_texts_once(
    alice: User, model: FakeEmbedder, capsys: pytest.CaptureFixture[str]
) -> None:
    twins = [make_user(f"twin{i}@example.com", "Twin", mentor=True) for i in range(2)]
    Profile.objects.filter(user__in=twins).update(headline="Kubernetes operator")
    make_user("mentee@example.com", "Not a mentor")

    call_command("embed_mentors", no_progress=True)

    embedded = [t for call in model.calls for t in call]
    assert sorted(embedded) == sorted({*texts_of(alice), *texts_of(twins[0])})
    assert MentorVector.objects.count() == 3
    assert "3 mentors: 2 texts embedded" in capsys.readouterr().out
    model.calls.clear()
    call_command("embed_mentors", no_progress=True)  # a second run finds nothing to do
    assert model.calls == []


def test_embed_mentors_refuses_without_the_model(monkeypatch: pytest.MonkeyPatch, db: Any) -> None:
    monkeypatch.setattr(embedding, "model_available", lambda: False)
    with pytest.raises(Exception, match="unavailable"):
        call_command("embed_mentors", no_progress=True)


# -- the engine, without a database --------------------------------------------------------------


def test_build_and_upsert_take_known_vectors_instead_of_embedding() -> None:
    embedder = FakeEmbedder()
    docs = [engine_docs.alice(), engine_docs.erin(), engine_docs.frank()]
    texts = [t for doc in docs for t in mentor_texts(doc)]
    known = {text_key(t): v for t, v in zip(texts, embedder(texts), strict=True)}
    reference = MatchIndex(background=False)
    reference.build(docs, embedder=FakeEmbedder())
    embedder.calls.clear()

    index = MatchIndex(background=False)
    index.build(docs, embedder=embedder, known=known)
    index.upsert(engine_docs.frank(bio="Pandas and Polars"), known=known)

    assert embedder.calls == [["Data scientist\nPandas and Polars"]]
    vector = FakeEmbedder()([KUBERNETES_ASK.text])[0]
    reference.upsert(engine_docs.frank(bio="Pandas and Polars"))
    assert index.rank(KUBERNETES_ASK, ask_vector=vector) == reference.rank(
        KUBERNETES_ASK, ask_vector=vector
    )


def test_a_build_over_the_limit_embeds_nothing_and_counts_what_it_left() -> None:
    embedder = FakeEmbedder()
    index = MatchIndex(background=False)
    docs = [engine_docs.alice(), engine_docs.erin(), engine_docs.frank()]
    index.build(docs, embedder=embedder, embed_limit=2)

    assert embedder.calls == [] and index.unembedded > 2 and not index.semantic
    assert index.take_embedded() == {}
    assert len(index.rank(KUBERNETES_ASK)) == 3


def test_the_fast_scan_finds_the_same_rows_as_an_exact_scan() -> None:
    rng = np.random.default_rng(7)
    vecs = rng.standard_normal((5000, 384)).astype(np.float32)
    vecs /= np.linalg.norm(vecs, axis=1, keepdims=True)
    vecs[:500] = vecs[0]  # a crowd of equal vectors: the exact scan decides
    mask = rng.random(5000) < 0.6
    for query in (rng.standard_normal(384).astype(np.float32), vecs[0]):
        exact = np.where(mask, _dot(vecs, query), -np.inf)
        expected = set(_top(exact, 300).tolist())
        found = set(_nearest(vecs, query, mask, 300).tolist())
        cut = np.sort(exact[list(expected)])[0]
        # Equal to the exact scan, up to which of the rows tied at the cut are taken.
        assert {r for r in found ^ expected if exact[r] != cut} == set()
        assert len(found) == 300 and mask[list(found)].all()


@pytest.mark.parametrize("first_id", [1, 10**12])  # a table by id, or a binary search
def test_an_audience_limits_the_ranking_however_sparse_the_ids(first_id: int) -> None:
    docs = [
        engine_docs.alice(mentor_id=first_id),
        engine_docs.erin(mentor_id=first_id + 7),
        engine_docs.frank(mentor_id=first_id * 3),
    ]
    index = MatchIndex(background=False)
    index.build(docs, embedder=FakeEmbedder())

    ranked = index.rank(KUBERNETES_ASK, allowed={first_id + 7, first_id * 3, 999})

    assert {r.mentor_id for r in ranked} == {first_id + 7, first_id * 3}
    index.remove(first_id + 7)
    assert {r.mentor_id for r in index.rank(KUBERNETES_ASK, allowed={first_id + 7})} == set()
