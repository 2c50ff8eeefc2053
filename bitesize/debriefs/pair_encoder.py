"""The conflict detector's pair encoder: two advice items read together by a fine-tuned MiniLM.

The embedding model reads each item alone, so two items that recommend different concrete
things ("Go native: Swift and Kotlin" and "Flutter, one codebase") end up close together: both
are about building a mobile app. The pair encoder is the same all-MiniLM-L6-v2, fine-tuned on
the labelled advice pairs (data/README.md) to read both items at once and say whether they
conflict, agree, or are about different things. `tools/train_conflict_encoder.py` trains it
and writes data/conflict_encoder.onnx (int8, run on onnxruntime like the embedding model) with
data/conflict_encoder.json (its hash, threshold and how it was trained). Nothing is downloaded.

When the file is missing or does not match its hash, `available()` is False, a warning says
why once, and the detector falls back to its rules and the learned stance model.
"""

from __future__ import annotations

import hashlib
import json
import logging
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
from tokenizers import Encoding, Tokenizer

from bitesize.matching import embedding

DATA = Path(__file__).parent / "data"
MODEL_FILE = DATA / "conflict_encoder.onnx"
META_FILE = DATA / "conflict_encoder.json"
LABELS = ("conflict", "compatible", "unrelated")

logger = logging.getLogger(__name__)

Probabilities = npt.NDArray[np.float64]


def reading(text: str, assumption: str = "") -> str:
    """What the encoder reads of one item: the advice, then its assumption in brackets (as in
    training, tools/train_conflict_encoder.py)."""
    text, assumption = text.strip(), assumption.strip()
    return f"{text} ({assumption})" if assumption else text


@dataclass(frozen=True)
class _Encoder:
    session: Any  # onnxruntime.InferenceSession, which has no type information
    tokenizer: Tokenizer
    threshold: float
    sha256: str


_lock = threading.Lock()
_loaded = False
_encoder: _Encoder | None = None
_failure = ""


def _open() -> _Encoder:
    started = time.perf_counter()
    model_file, meta_file = MODEL_FILE, META_FILE
    meta: dict[str, Any] = json.loads(meta_file.read_text(encoding="utf-8"))
    if list(meta.get("labels", ())) != list(LABELS):
        raise ValueError(f"the model's labels {meta.get('labels')} are not {list(LABELS)}")
    threshold = float(meta["threshold"])
    if not 0 < threshold < 1:
        raise ValueError(f"threshold {threshold} is not a probability")
    data = model_file.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    if digest != meta["sha256"]:
        raise ValueError(f"{model_file.name} sha256 {digest} differs from {meta_file.name}")
    tokenizer = Tokenizer.from_file(str(embedding._tokenizer_path()))  # the base model's own
    tokenizer.no_padding()
    tokenizer.enable_truncation(max_length=int(meta["max_tokens"]))
    session = embedding.cpu_session(data)
    names = {i.name for i in session.get_inputs()}
    if names != {"input_ids", "token_type_ids", "attention_mask"}:
        raise ValueError(f"unexpected model inputs {sorted(names)}")
    logger.info("Conflict pair encoder loaded in %.2f s", time.perf_counter() - started)
    return _Encoder(session, tokenizer, threshold, digest)


def _get() -> _Encoder | None:
    global _loaded, _encoder, _failure
    if _loaded:
        return _encoder
    with _lock:
        if not _loaded:
            try:
                _encoder = _open()
            # Any failure (missing file, changed bytes, bad JSON) leaves the fallback to decide.
            except Exception as exc:
                _failure = f"{type(exc).__name__}: {exc}"
                logger.warning(
                    "Conflict pair encoder unavailable; the detector falls back to its rules "
                    "and the learned stance model. Reason: %s",
                    _failure,
                )
            _loaded = True
    return _encoder


def _reset() -> None:
    """Forget the loaded encoder (or the failure), so that tests can load again."""
    global _loaded, _encoder, _failure
    with _lock:
        _loaded, _encoder, _failure = False, None, ""
    _pair.cache_clear()


def available() -> bool:
    """Whether the pair encoder can run in this process (loads it once)."""
    return _get() is not None


def threshold() -> float:
    """P(conflict) from which the detector flags a pair, chosen when the model was trained."""
    encoder = _get()
    if encoder is None:
        raise RuntimeError(f"conflict pair encoder unavailable: {_failure}")
    return encoder.threshold


CACHE_SIZE = 20_000  # pairs; a worker rescanning a goal after a debrief reads only new pairs


def probabilities(pairs: Sequence[tuple[str, str]]) -> Probabilities:
    """P(conflict), P(compatible), P(unrelated) per pair of readings, shape (n, 3): the mean of
    the two orders, so that (a, b) and (b, a) get the same answer.

    One pair, one order at a time: the int8 model quantises its activations with one scale
    per run, so in a padded batch a pair's answer would depend on the other pairs with it.
    Answers are kept per process (CACHE_SIZE pairs), since a goal's ledger is scanned again
    after each debrief and most of its pairs were read before."""
    encoder = _get()
    if encoder is None:
        raise RuntimeError(f"conflict pair encoder unavailable: {_failure}")
    out = np.zeros((len(pairs), len(LABELS)), dtype=np.float64)
    for row, (a, b) in enumerate(pairs):
        out[row] = _pair(encoder.sha256, *sorted((a, b)))
    return out


@lru_cache(maxsize=CACHE_SIZE)
def _pair(model: str, a: str, b: str) -> Probabilities:
    """Both orders of one pair (a <= b), for the model with this hash."""
    encoder = _get()
    assert encoder is not None and encoder.sha256 == model
    forward = _run(encoder, encoder.tokenizer.encode(a, b))
    backward = _run(encoder, encoder.tokenizer.encode(b, a))
    result: Probabilities = (forward + backward) / 2
    result.setflags(write=False)  # shared by every caller that asks for this pair
    return result


def _run(encoder: _Encoder, encoding: Encoding) -> Probabilities:
    feed = {
        "input_ids": np.array([encoding.ids], dtype=np.int64),
        "token_type_ids": np.array([encoding.type_ids], dtype=np.int64),
        "attention_mask": np.ones((1, len(encoding.ids)), dtype=np.int64),
    }
    logits = encoder.session.run(["logits"], feed)[0][0].astype(np.float64)
    odds = np.exp(logits - logits.max())
    result: Probabilities = odds / odds.sum()
    return result
