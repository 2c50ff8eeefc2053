"""The matching engine: which mentors can best help with an ask, and why (DESIGN §5).

Two stages. **Retrieve** a few hundred candidates among the mentors the asker may reach, as the
union of three cheap channels: semantic (the ask's vector against one vector per mentor, an
exact scan with argpartition), lexical (BM25 over each mentor's document, through bm25s) and
experience (the most active mentors: activity alone is a strong baseline on real data, and a
topical scan misses the generalist whose centroid is a blur of many topics). **Rerank** them
with a linear score of named features, each in [0, 1], weighted by WEIGHTS; every suggestion
carries its components (in score points) and reasons a person can read.

Freshness. `upsert` and `remove` change vectors, evidence and eligibility at once; an upsert
embeds only the texts of that mentor it has not embedded before (usually one new record). BM25
statistics are global, so its bm25s index is a snapshot: mentors changed since are scored
exactly, with the snapshot's statistics, from a small overlay, and once the overlay holds
REBUILD_SHARE of the mentors a background thread builds a new snapshot and swaps it in. No
request waits for a rebuild; at 100k mentors one costs tens of seconds of one CPU (bm25s counts
terms in Python), which is why it is not done per change.

Memory. Nothing keeps a text: per mentor one float32 retrieval row (150 MB at 100k mentors),
its BM25 document as term ids and counts, and for its MAX_RECORDS latest help records an int8
vector (384 bytes) and their term ids.
"""

from __future__ import annotations

import dataclasses
import hashlib
import logging
import math
import re
import threading
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence, Sized
from dataclasses import dataclass, field
from typing import Any, Final, TypeAlias

import bm25s  # type: ignore[import-untyped]
import numpy as np
import numpy.typing as npt
from bm25s.stopwords import STOPWORDS_EN  # type: ignore[import-untyped]
from scipy import sparse  # type: ignore[import-untyped]

from bitesize.matching.documents import AskDoc, MentorDoc

log = logging.getLogger(__name__)

# What each named feature weighs in the score. The positive weights add up to 1, so a mentor at
# the top of every feature scores 100. Defaults read each feature as a share of a decision,
# relevance first and logistics second. The four that the routing data exercises were then
# tuned (evaluation.tune_weights) on validation splits carved from the *train* questions of
# both sites, the newest 10 % of train by qid, with one objective for both (mean MRR over the
# popularity baseline's), never on a test split, and scaled back to their 0.78 share. Evidence
# (record by record) and the mentor-level semantic and lexical scores turned out to be partners,
# not substitutes: tuned on one site alone each site prefers a different one, together they
# beat either. The data knows nothing of languages, zones, reliability, novelty or load: those
# keep their defaults.
WEIGHTS: Final[Mapping[str, float]] = {
    "evidence": 0.28,  # how many of the asks most similar to this one they helped with, how well
    "experience": 0.20,  # log of how often they helped: a prior, not the whole ranking
    "semantic": 0.18,  # the ask against the mentor's profile and history as a whole
    "lexical": 0.12,  # BM25 of the ask against the mentor's document, relative to the best
    "language": 0.07,  # a language in common with the asker
    "time_zone": 0.05,  # working-hours overlap, from a hook the caller provides
    "reliability": 0.05,  # shows up, keeps bookings, answers requests quickly
    "novelty": 0.05,  # someone the mentee has not met yet (diversity)
    "load": -0.10,  # share of this week's capacity already booked: spreads demand
}

BM25_K1: Final = 1.2
BM25_B: Final = 0.75
TAG_REPEAT: Final = 3  # skills and tags count three times in a document, as in the baseline
PROFILE_SHARE: Final = 0.5  # profile vs history centroid in the mentor's retrieval vector
EXPERIENCE_CHANNEL: Final = 0.25  # share of `candidates` taken from the most active mentors

# Evidence: the candidates' past help records are ranked by similarity to the ask (cosine +
# RECORD_WORDS * share of the ask's idf mass in the record + RECORD_SKILLS * the same for
# skills); each of the EVIDENCE_K best votes for its mentor with 1 / rank ** EVIDENCE_DECAY,
# times how well it went. Votes by rank rather than raw similarity keep one scale on every
# site, with or without the sentence model. Summing votes is the "document model" of expert
# finding: a mentor's evidence grows with how much of their history resembles the ask.
EVIDENCE_K: Final = 300
EVIDENCE_DECAY: Final = 0.5
RECORD_WORDS: Final = 0.5
RECORD_SKILLS: Final = 0.5
VOTE_FULL: Final = float(np.sum(1.0 / np.arange(1, EVIDENCE_K + 1) ** EVIDENCE_DECAY))
SIMILAR_SHARE: Final = 0.7  # a record counts as "similar" in reasons from this share of the best
ACCEPTED_BONUS: Final = 0.5  # an accepted answer / solved ask counts 1.5 times
RATING_BONUS: Final = 0.25  # a 5-star rating counts 1.25 times, a 1-star one 0.75 times
MAX_RECORDS: Final = 64  # latest records per mentor kept for evidence (memory bound)

REBUILD_SHARE: Final = 0.002
GATE = 0
REBUILD_MIN: Final = 64

Embedder: TypeAlias = Callable[[Sequence[str]], npt.NDArray[np.floating[Any]]]
Allowed: TypeAlias = Callable[[int], bool] | Collection[int] | None
F32: TypeAlias = npt.NDArray[np.float32]
I32: TypeAlias = npt.NDArray[np.int32]
I64: TypeAlias = npt.NDArray[np.int64]
Mask: TypeAlias = npt.NDArray[np.bool_]


class _Default:
    """The production embedder, resolved at build time (tests pass their own, or None)."""


DEFAULT_EMBEDDER: Final = _Default()


@dataclass(frozen=True)
class Ranked:
    mentor_id: int
    score: float  # 0..100
    components: dict[str, float] = field(default_factory=dict)  # score points per feature
    reasons: list[str] = field(default_factory=list)


# ---------------------------------------------------------------------------------------------
# Text


_WORD = re.compile(r"[^\W_][\w+#]*")  # keeps c++ and c#, and words in any script
_STOP: Final = frozenset(STOPWORDS_EN)


def words(text: str) -> list[str]:
    """Lower-cased words without English stop words (they only lengthen BM25's postings)."""
    return [w for w in _WORD.findall(text.lower()) if w not in _STOP]


def skill_key(name: str) -> str:
    """One spelling per skill: "Node.js", "node-js" and "node js" are all "node js"."""
    return " ".join(_WORD.findall(name.lower()))


def _skill_token(key: str) -> str:
    return "skill:" + key.replace(" ", "_")  # ":" never occurs in a word, so no clash


class _Synonyms:
    """Any alias (or the canonical name itself) -> the canonical skill name."""

    def __init__(self, mapping: Mapping[str, str] | None) -> None:
        self.canonical: dict[str, str] = {}
        for alias, name in (mapping or {}).items():
            for key in (skill_key(alias), skill_key(name)):
                if key:
                    self.canonical[key] = name
        self.first_words = frozenset(key.split()[0] for key in self.canonical)
        self.longest = max((len(key.split()) for key in self.canonical), default=0)

    def resolve(self, skill: str) -> tuple[str, str]:
        """(key, display name) of a skill or tag, canonical when the catalogue knows it."""
        key = skill_key(skill)
        name = self.canonical.get(key)
        if name is None:
            return key, skill.strip()
        return skill_key(name), name

    def find(self, tokens: Sequence[str]) -> list[str]:
        """Canonical names of the aliases mentioned in free text ("k8s" -> "Kubernetes")."""
        # The set test is a C-speed exit for the many texts that mention no alias at all.
        if self.first_words.isdisjoint(tokens):
            return []
        found = []
        for i, token in enumerate(tokens):
            if token not in self.first_words:
                continue
            for n in range(min(self.longest, len(tokens) - i), 0, -1):  # longest alias wins
                name = self.canonical.get(" ".join(tokens[i : i + n]))
                if name is not None:
                    found.append(name)
                    break
        return found


_LANGUAGES: Final = {
    "ar": "Arabic", "bn": "Bengali", "cs": "Czech", "da": "Danish", "de": "German",
    "el": "Greek", "en": "English", "es": "Spanish", "fa": "Persian", "fi": "Finnish",
    "fr": "French", "he": "Hebrew", "hi": "Hindi", "hu": "Hungarian", "id": "Indonesian",
    "it": "Italian", "ja": "Japanese", "ko": "Korean", "nl": "Dutch", "no": "Norwegian",
    "pl": "Polish", "pt": "Portuguese", "ro": "Romanian", "ru": "Russian", "sv": "Swedish",
    "sw": "Swahili", "th": "Thai", "tr": "Turkish", "uk": "Ukrainian", "ur": "Urdu",
    "vi": "Vietnamese", "zh": "Chinese",
}  # fmt: skip


def _language(code: str) -> str:
    return code.strip().lower().replace("_", "-").split("-")[0]


def rating_of(score: float) -> float:
    """A 1..5 rating from a vote score: 0 is neutral (3 stars), each doubling adds a star."""
    if score >= 0:
        return min(5.0, 3.0 + math.log2(1.0 + score))
    return max(1.0, 3.0 - math.log2(1.0 - score))


# ---------------------------------------------------------------------------------------------
# Per-mentor state


@dataclass
class _Records:
    """A mentor's latest help records in the columnar form rerank concatenates."""

    keys: list[int]  # hash of each text, to reuse its vector on upsert (texts are not kept)
    codes: npt.NDArray[np.int8] | None  # (records, dim): vectors as int8 codes ...
    scale: F32 | None  # ... times one scale per record (see _quantize)
    word_ids: I32  # unique word ids of every record, concatenated
    word_counts: I32  # how many belong to each record
    skill_ids: I32
    skill_counts: I32
    quality: F32  # vote multiplier: accepted, rating, and n / kept when history was cut
    rating: F32  # nan when not rated
    accepted: Mask

    def __len__(self) -> int:
        return len(self.quality)


@dataclass
class _Mentor:
    doc: MentorDoc  # without its history: kept texts would cost gigabytes at 100k mentors
    row: int
    helped: int  # records in the full history, or completed sessions
    doc_ids: I32  # the BM25 document: sorted unique term ids ...
    doc_tf: I32  # ... and how often each occurs
    skills: dict[str, str]  # skill key -> display name, profile skills first
    languages: frozenset[str]
    profile_key: int
    profile_vec: F32 | None
    records: _Records


class _Vocabulary:
    """Term ids, shared by BM25 and evidence, and per-record document frequencies."""

    def __init__(self) -> None:
        self.ids: dict[str, int] = {}
        self.df = np.zeros(1024, dtype=np.int64)
        self.records = 0

    def __len__(self) -> int:
        return len(self.ids)

    def ids_of(self, terms: Iterable[str]) -> I32:
        ids = self.ids
        out = np.array([ids.setdefault(t, len(ids)) for t in terms], dtype=np.int32)
        if len(ids) > len(self.df):
            self.df = np.concatenate([self.df, np.zeros(len(ids) + len(self.df), np.int64)])
        return out

    def count(self, records: _Records, sign: int) -> None:
        # Ids are unique within a record, so each occurrence is one record containing the term.
        np.add.at(self.df, records.word_ids, sign)
        np.add.at(self.df, records.skill_ids, sign)
        self.records += sign * len(records)

    def idf(self, term_ids: Sequence[int]) -> F32:
        df = self.df[np.asarray(term_ids, dtype=np.int64)].astype(np.float32)
        n = float(max(self.records, 1))
        idf: F32 = np.log1p((n - df + 0.5) / (df + 0.5)).astype(np.float32)
        idf[df == 0] = 0.0  # a term no record has cannot match: leave it out of the norm too
        return idf


class _Lexical:
    """BM25 over mentor documents: a bm25s snapshot plus an exact overlay of later changes."""

    def __init__(self) -> None:
        self.bm25: Any = None
        self.doc_rows: I64 = np.zeros(0, dtype=np.int64)
        self.vocab_size = 0
        self.df: I64 = np.zeros(0, dtype=np.int64)
        self.n_docs = 0
        self.avgdl = 1.0
        self.overlay: dict[int, tuple[I32, I32]] = {}  # row -> (term ids, counts)

    @classmethod
    def build(cls, docs: Sequence[tuple[int, I32, I32]], vocab_size: int) -> _Lexical:
        lexical = cls()
        docs = [d for d in docs if len(d[1])]
        if not docs:
            return lexical
        sequences = [np.repeat(ids, tf).tolist() for _, ids, tf in docs]  # order is irrelevant
        bm25 = bm25s.BM25(k1=BM25_K1, b=BM25_B)
        # Ids rather than strings: the index keeps none of the texts. Every id below
        # vocab_size gets a column, so ids from the shared vocabulary need no remapping.
        bm25.index(
            (sequences, {i: i for i in range(vocab_size)}),
            create_empty_token=False,
            show_progress=False,
        )
        lexical.bm25 = bm25
        lexical.doc_rows = np.array([row for row, _, _ in docs], dtype=np.int64)
        lexical.vocab_size = vocab_size
        lexical.df = np.bincount(np.concatenate([ids for _, ids, _ in docs]), minlength=vocab_size)
        lexical.n_docs = len(docs)
        lexical.avgdl = sum(len(s) for s in sequences) / len(docs)
        return lexical

    def scores(self, query: Sequence[int], n_rows: int) -> F32 | None:
        """BM25 per row (0 where a document has none of the terms); None without terms."""
        if not query:
            return None
        out = np.zeros(n_rows, dtype=np.float32)
        known = [i for i in query if i < self.vocab_size]  # newer terms are in no snapshot doc
        if self.bm25 is not None and known:
            out[self.doc_rows] = self.bm25.get_scores_from_ids(known)
        if self.overlay:
            q = np.unique(np.asarray(query, dtype=np.int64))
            df = np.zeros(len(q))
            df[q < self.vocab_size] = self.df[q[q < self.vocab_size]]
            # bm25s's default ("lucene") formula, so overlay and snapshot share one scale.
            idf = np.log1p((self.n_docs - df + 0.5) / (df + 0.5))
            for row, (ids, tf) in self.overlay.items():
                at = np.clip(np.searchsorted(ids, q), 0, max(len(ids) - 1, 0))
                hit = ids[at] == q if len(ids) else np.zeros(len(q), dtype=np.bool_)
                f = tf[at[hit]].astype(np.float64)
                norm = BM25_K1 * (1.0 - BM25_B + BM25_B * float(tf.sum()) / self.avgdl)
                out[row] = float(np.sum(idf[hit] * f / (norm + f)))
        return out


# ---------------------------------------------------------------------------------------------
# The index


@dataclass
class _Query:
    term_ids: list[int]  # for BM25: unique words and skill tokens
    word_ids: list[int]
    skill_ids: list[int]
    skills: dict[str, str]  # key -> display name


class MatchIndex:
    """All mentors of this process, ready to rank. Build once, then upsert/remove per change.

    Thread-safe: writers hold a lock; rank() takes references under it and works outside.
    """

    def __init__(
        self, *, weights: Mapping[str, float] | None = None, background: bool = True
    ) -> None:
        unknown = set(weights or {}) - set(WEIGHTS)
        if unknown:
            raise ValueError(f"unknown weights: {sorted(unknown)}")
        self.weights = {**WEIGHTS, **(weights or {})}
        self.background = background  # False: rebuild BM25 inline (deterministic tests)
        self._lock = threading.RLock()
        self._reset(None, None)

    def _reset(self, embedder: Embedder | None, synonyms: Mapping[str, str] | None) -> None:
        self._embedder = embedder
        self._synonyms = _Synonyms(synonyms)
        self._dim = 0
        self._mentors: dict[int, _Mentor] = {}
        self._by_row: list[_Mentor | None] = []
        self._vocab = _Vocabulary()
        self._vecs: F32 = np.zeros((0, 0), dtype=np.float32)
        self._ids: I64 = np.zeros(0, dtype=np.int64)
        self._eligible: Mask = np.zeros(0, dtype=np.bool_)
        self._experience: F32 = np.zeros(0, dtype=np.float32)
        self._load: F32 = np.zeros(0, dtype=np.float32)
        self._reliability: F32 = np.zeros(0, dtype=np.float32)
        self._record_count: I64 = np.zeros(0, dtype=np.int64)  # kept help records per row
        self._n = 0  # rows in use; removed mentors leave theirs behind, ineligible
        self._by_experience: I64 | None = None  # rows, most active first (cached)
        self._sorted: tuple[I64, I64] | None = None  # (ids ascending, their rows) (cached)
        self._row_of: I64 | None = None  # id -> row (-1: none), when ids are dense (cached)
        self._lexical = _Lexical()
        self._generation = 0  # counts changes; a BM25 snapshot knows which it contains
        self._row_generation: dict[int, int] = {}  # row -> generation of its latest change
        self._rebuilding = False
        self._embedded: dict[str, F32] = {}  # text_key -> vector, embedded by the last build
        self.unembedded = 0  # texts the last build left without a vector (over embed_limit)

    def __len__(self) -> int:
        return len(self._mentors)

    def __contains__(self, mentor_id: object) -> bool:
        return mentor_id in self._mentors

    @property
    def semantic(self) -> bool:
        """Whether this index ranks with sentence vectors (False: on lexical signals alone)."""
        return self._embedder is not None and self._dim > 0

    # -- building and freshness ---------------------------------------------------------------

    def build(
        self,
        mentors: Sequence[MentorDoc],
        *,
        embedder: Embedder | _Default | None = DEFAULT_EMBEDDER,
        synonyms: Mapping[str, str] | None = None,
        known: Mapping[str, npt.NDArray[np.floating[Any]]] | None = None,
        embed_limit: int | None = None,
    ) -> None:
        """Replace the index with these mentors, embedding all their texts in one pass.

        `known` maps text_key(text) to vectors computed before (stored ones): those texts are
        not embedded again. When more than `embed_limit` texts remain, none is embedded here:
        their mentors rank on lexical signals until an upsert brings their vectors (a process
        start must not wait tens of minutes for the model; see index.py)."""
        if isinstance(embedder, _Default):
            embedder = _production_embedder()
        with self._lock:
            self._reset(embedder, synonyms)
            docs = list({doc.mentor_id: doc for doc in mentors}.values())
            texts = list(dict.fromkeys(t for doc in docs for t in _texts(doc)))
            vectors = self._known(texts, known)
            missing = [t for t in texts if t not in vectors]
            if embed_limit is not None and len(missing) > embed_limit and self._embedder:
                log.warning(
                    "%d mentor texts have no stored vector (more than %d): their mentors rank "
                    "on lexical signals until embedded (manage.py embed_mentors)",
                    len(missing),
                    embed_limit,
                )
                self.unembedded = len(missing)
                missing = []
            fresh = self._embed_all(missing)
            self._embedded = {text_key(t): v for t, v in fresh.items()}
            vectors.update(fresh)
            self._grow(len(docs))
            for doc in docs:
                self._store(doc, vectors)
            self._rebuild_lexical(wait=True)

    def take_embedded(self) -> dict[str, F32]:
        """Vectors the last build computed itself, by text_key (for the caller to store)."""
        with self._lock:
            embedded, self._embedded = self._embedded, {}
            return embedded

    def upsert(
        self, doc: MentorDoc, *, known: Mapping[str, npt.NDArray[np.floating[Any]]] | None = None
    ) -> None:
        """Add a mentor or replace one, visible to the next rank() in this process. Texts in
        `known` (by text_key) or already in the index are not embedded again."""
        with self._lock:
            old = self._mentors.get(doc.mentor_id)
            self._own_rows()
            reuse = {hash(t): v for t, v in self._known(_texts(doc), known).items()}
            if old is not None:  # reuse what is embedded already: usually all but one record
                if old.profile_vec is not None:
                    reuse[old.profile_key] = old.profile_vec
                records = old.records
                if records.codes is not None and records.scale is not None:
                    vecs = _dequantize(records.codes, records.scale)
                    embedded = np.any(records.codes != 0, axis=1)  # zeros: never embedded
                    reuse.update(
                        (key, vec)
                        for key, vec, ok in zip(records.keys, vecs, embedded, strict=True)
                        if ok
                    )
            new = [t for t in _texts(doc) if hash(t) not in reuse]
            vectors = {**reuse, **{hash(t): v for t, v in self._embed_all(new).items()}}
            self._grow(1)
            mentor = self._store(
                doc, {t: vectors[hash(t)] for t in _texts(doc) if hash(t) in vectors}
            )
            self._lexical.overlay[mentor.row] = (mentor.doc_ids, mentor.doc_tf)
            self._changed()

    def remove(self, mentor_id: int) -> None:
        with self._lock:
            mentor = self._mentors.pop(mentor_id, None)
            if mentor is None:
                return
            self._own_rows()
            self._forget(mentor)
            self._lexical.overlay.pop(mentor.row, None)
            self._changed()

    def _own_rows(self) -> None:
        """Copy the row list before changing it: views taken before keep the old one."""
        self._by_row = list(self._by_row)

    def refresh_lexical(self) -> None:
        """Fold every pending change into a new BM25 snapshot now (tests, commands)."""
        self._rebuild_lexical(wait=True)

    def _changed(self) -> None:
        self._generation += 1
        self._by_experience = None
        self._sorted = None
        self._row_of = None
        threshold = max(REBUILD_MIN, int(REBUILD_SHARE * len(self._mentors)))
        if len(self._lexical.overlay) >= threshold:
            self._rebuild_lexical(wait=not self.background)

    def _rebuild_lexical(self, *, wait: bool) -> None:
        with self._lock:
            if self._rebuilding and not wait:
                return
            self._rebuilding = True
            generation = self._generation
            vocab_size = len(self._vocab)
            docs = [(m.row, m.doc_ids, m.doc_tf) for m in self._mentors.values()]

        def work() -> None:
            try:
                lexical = _Lexical.build(docs, vocab_size)
            except Exception:
                log.exception("BM25 rebuild failed; ranking keeps the previous snapshot")
                with self._lock:
                    self._rebuilding = False
                return
            with self._lock:
                # Changes made while this one was building stay in the overlay.
                lexical.overlay = {
                    row: entry
                    for row, entry in self._lexical.overlay.items()
                    if self._row_generation.get(row, 0) > generation
                }
                self._lexical = lexical
                self._rebuilding = False

        if wait:
            work()
        else:
            threading.Thread(target=work, name="bm25-rebuild", daemon=True).start()

    def _known(
        self, texts: Sequence[str], known: Mapping[str, npt.NDArray[np.floating[Any]]] | None
    ) -> dict[str, F32]:
        """The vectors of these texts found in `known`, as unit rows; {} without a model
        (vectors are useless when asks cannot be embedded)."""
        if self._embedder is None or not known:
            return {}
        found = {t: known[key] for t in texts if (key := text_key(t)) in known}
        if not found:
            return {}
        matrix = _unit(np.stack(list(found.values())))
        self._adopt(matrix.shape[1])
        return dict(zip(found, matrix, strict=True))

    def _adopt(self, dim: int) -> None:
        """Take the vectors' dimension from the first ones seen; later ones must agree."""
        if self._dim == 0:
            self._dim = dim
            self._vecs = np.zeros((len(self._ids), self._dim), dtype=np.float32)
        elif dim != self._dim:
            raise ValueError(f"vectors of dimension {dim} for an index of {self._dim}")

    def _embed_all(self, texts: Sequence[str]) -> dict[str, F32]:
        """Vectors for these texts, each distinct text embedded once; {} without a model."""
        unique = list(dict.fromkeys(t for t in texts if t))
        if self._embedder is None or not unique:
            return {}
        try:
            matrix = np.asarray(self._embedder(unique), dtype=np.float32)
        except Exception:
            # The sentence model improves ranking, it is never a dependency: go lexical.
            log.exception("Embedding failed; this index ranks on lexical signals only")
            self._embedder = None
            return {}
        if matrix.ndim != 2 or len(matrix) != len(unique):
            raise ValueError(f"embedder returned shape {matrix.shape} for {len(unique)} texts")
        self._adopt(matrix.shape[1])
        return dict(zip(unique, _unit(matrix), strict=True))

    def _grow(self, extra: int) -> None:
        size = self._n + extra
        if size <= len(self._ids):
            return
        size = max(size, 2 * len(self._ids), 64)  # doubling: amortised O(1) per upsert

        def grown(a: npt.NDArray[Any]) -> npt.NDArray[Any]:
            out = np.zeros((size, *a.shape[1:]), dtype=a.dtype)
            out[: len(a)] = a
            return out

        if self._dim:
            self._vecs = grown(self._vecs)
        self._ids = grown(self._ids)
        self._eligible = grown(self._eligible)
        self._experience = grown(self._experience)
        self._load = grown(self._load)
        self._reliability = grown(self._reliability)
        self._record_count = grown(self._record_count)

    def _store(self, doc: MentorDoc, vectors: Mapping[str, F32]) -> _Mentor:
        old = self._mentors.get(doc.mentor_id)
        if old is not None:
            self._forget(old)
            row = old.row
        else:
            row = self._n
            self._n += 1
            self._by_row.append(None)
        mentor = self._prepare(doc, row, vectors)
        self._mentors[doc.mentor_id] = mentor
        self._by_row[row] = mentor
        self._vocab.count(mentor.records, +1)
        self._ids[row] = doc.mentor_id
        capacity = max(doc.weekly_capacity, 0)
        self._eligible[row] = doc.booked_this_week < capacity
        self._load[row] = min(1.0, doc.booked_this_week / capacity) if capacity else 1.0
        self._experience[row] = math.log1p(mentor.helped)
        self._reliability[row] = _reliability(doc)
        self._record_count[row] = len(mentor.records)
        if self._dim:
            self._vecs[row] = self._mentor_vector(mentor)
        self._row_generation[row] = self._generation + 1
        return mentor

    def _forget(self, mentor: _Mentor) -> None:
        self._vocab.count(mentor.records, -1)
        self._by_row[mentor.row] = None
        self._ids[mentor.row] = -1  # so an id added again later (on a new row) is found there
        self._eligible[mentor.row] = False
        self._experience[mentor.row] = 0.0
        self._record_count[mentor.row] = 0

    def _prepare(self, doc: MentorDoc, row: int, vectors: Mapping[str, F32]) -> _Mentor:
        syn, vocab = self._synonyms, self._vocab
        skills: dict[str, str] = {}
        tokens: list[str] = []

        def add_skills(names: Iterable[str], repeat: int) -> list[str]:
            added = []
            for name in names:
                key, display = syn.resolve(name)
                if key:
                    skills.setdefault(key, display)
                    added.append(_skill_token(key))
                    tokens.extend([_skill_token(key), *key.split()] * repeat)
            return added

        profile_words = words(f"{doc.headline}\n{doc.help_with}\n{doc.bio}")
        tokens.extend(profile_words)
        add_skills(doc.skills, TAG_REPEAT)
        add_skills(syn.find(profile_words), 1)

        kept = doc.history[-MAX_RECORDS:]
        first_kept = len(doc.history) - len(kept)
        rec_words: list[list[str]] = []
        rec_skills: list[list[str]] = []
        for i, record in enumerate(doc.history):  # all of it feeds BM25, the latest evidence
            text_words = words(record.text)
            tokens.extend(text_words)
            found = add_skills(record.skills, TAG_REPEAT) + add_skills(syn.find(text_words), 1)
            if i >= first_kept:
                skill_words = [w for s in record.skills for w in words(s)]
                rec_words.append(list(dict.fromkeys(text_words + skill_words)))
                rec_skills.append(list(dict.fromkeys(found)))

        doc_ids, doc_tf = np.unique(vocab.ids_of(tokens), return_counts=True)
        codes, scale = None, None
        if self._dim:  # a record without text (or whose embedding failed) is a zero vector
            blank = np.zeros(self._dim, dtype=np.float32)
            matrix = np.array([vectors.get(r.text, blank) for r in kept], dtype=np.float32)
            codes, scale = _quantize(matrix.reshape(len(kept), self._dim))
        rating = np.array([np.nan if r.rating is None else r.rating for r in kept], np.float32)
        accepted = np.array([r.accepted for r in kept], dtype=np.bool_)
        quality = (
            1.0
            + ACCEPTED_BONUS * accepted
            + RATING_BONUS * np.nan_to_num((np.clip(rating, 1, 5) - 3.0) / 2.0)
        )
        # When history was cut to MAX_RECORDS, each kept record stands for n / kept of it.
        quality *= len(doc.history) / max(len(kept), 1)
        profile_text = _profile_text(doc)
        return _Mentor(
            doc=dataclasses.replace(doc, history=()),
            row=row,
            helped=max(len(doc.history), doc.sessions),
            doc_ids=doc_ids.astype(np.int32),
            doc_tf=doc_tf.astype(np.int32),
            skills=skills,
            languages=frozenset(_language(code) for code in doc.languages if code.strip()),
            profile_key=hash(profile_text),
            profile_vec=vectors.get(profile_text) if profile_text else None,
            records=_Records(
                keys=[hash(r.text) for r in kept],
                codes=codes,
                scale=scale,
                word_ids=vocab.ids_of(t for group in rec_words for t in group),
                word_counts=np.array([len(g) for g in rec_words], dtype=np.int32),
                skill_ids=vocab.ids_of(t for group in rec_skills for t in group),
                skill_counts=np.array([len(g) for g in rec_skills], dtype=np.int32),
                quality=quality.astype(np.float32),
                rating=rating,
                accepted=accepted,
            ),
        )

    def _mentor_vector(self, mentor: _Mentor) -> F32:
        parts: list[tuple[float, F32]] = []
        records = mentor.records
        if records.codes is not None and records.scale is not None and len(records):
            centroid = _dequantize(records.codes, records.scale).mean(axis=0, keepdims=True)
            parts.append((1.0 - PROFILE_SHARE, _unit(centroid)[0]))
        if mentor.profile_vec is not None:
            parts.append((PROFILE_SHARE, mentor.profile_vec))
        if not parts:
            return np.zeros(self._dim, dtype=np.float32)
        total = sum(w for w, _ in parts)
        mixed = np.stack([(w / total) * v for w, v in parts]).sum(axis=0, keepdims=True)
        vector: F32 = _unit(mixed)[0]
        return vector

    # -- ranking ------------------------------------------------------------------------------

    def ask_vectors(self, asks: Sequence[AskDoc]) -> F32 | None:
        """Unit vectors of these asks in one batch, or None without the sentence model."""
        embedder = self._embedder
        if not self.semantic or embedder is None or not asks:
            return None
        try:
            matrix = np.asarray(embedder([a.text for a in asks]), dtype=np.float32)
        except Exception:
            # This ask falls back to lexical signals; the index keeps its vectors.
            log.exception("Embedding the ask failed; ranking it on lexical signals")
            return None
        return _unit(matrix.reshape(len(asks), self._dim))

    def rank(
        self,
        ask: AskDoc,
        *,
        allowed: Allowed = None,
        k: int = 50,
        candidates: int = 300,
        ask_vector: npt.NDArray[np.floating[Any]] | None = None,
        zone_overlap: Callable[[str, str], float] | None = None,
        slot_text: Callable[[int], str | None] | None = None,
    ) -> list[Ranked]:
        """The k best mentors for the ask among `allowed` (ids, a predicate, or everyone).

        Mentors at capacity are never returned. Two hooks bring the caller's scheduling
        knowledge: `zone_overlap(ask_zone, mentor_zone)` -> 0..1 (neutral 0.5 without it) and
        `slot_text(mentor_id)` -> e.g. "tomorrow 10:00" (a reason "Free tomorrow 10:00").
        """
        if k <= 0:
            return []
        with self._lock:
            view = _View(self)
        if not view.n:
            return []
        qvec = self._query_vector(ask, ask_vector, view)
        query = self._query(ask)
        mask = view.eligible.copy()
        predicate: Callable[[int], bool] | None = None
        if callable(allowed):
            predicate = allowed
        elif allowed is not None:
            mask &= self._rows_mask(allowed, view)
        rows, sem, lex = self._retrieve(view, qvec, query, mask, candidates)
        if predicate is not None:
            keep = np.array([predicate(int(i)) for i in view.ids[rows]], dtype=np.bool_)
            if keep.sum() < min(k, candidates) and len(rows) < mask.sum():
                # Too few passed: ask the predicate about everyone, then retrieve again.
                ids = view.ids[: view.n]
                mask &= np.fromiter((predicate(int(i)) for i in ids), np.bool_, len(ids))
                rows, sem, lex = self._retrieve(view, qvec, query, mask, candidates)
            else:
                rows, sem, lex = rows[keep], sem[keep], lex[keep]
        if not len(rows):
            return []
        return self._rerank(ask, view, rows, sem, lex, qvec, query, k, zone_overlap, slot_text)

    def retrieve(self, ask: AskDoc, *, candidates: int = 300, ask_vector: F32 | None = None) -> I64:
        """The first stage alone: candidate mentor ids (for the bench against flat_scan)."""
        with self._lock:
            view = _View(self)
        qvec = self._query_vector(ask, ask_vector, view)
        rows, _, _ = self._retrieve(view, qvec, self._query(ask), view.eligible, candidates)
        return view.ids[rows]

    def _query_vector(
        self, ask: AskDoc, given: npt.NDArray[np.floating[Any]] | None, view: _View
    ) -> F32 | None:
        if view.vecs is None:
            return None
        if given is None:
            if not ask.text.strip():
                return None
            vectors = self.ask_vectors([ask])
            return None if vectors is None else vectors[0]
        vector = np.asarray(given, dtype=np.float32).reshape(-1)
        if vector.shape != (view.vecs.shape[1],):
            raise ValueError(f"ask_vector has shape {vector.shape}, the index {self._dim}")
        return vector

    def _query(self, ask: AskDoc) -> _Query:
        text_words = words(ask.text)
        skills: dict[str, str] = {}
        for name in [*ask.skills, *self._synonyms.find(text_words)]:
            key, display = self._synonyms.resolve(name)
            if key:
                skills.setdefault(key, display)
        all_words = list(dict.fromkeys(text_words + [w for key in skills for w in key.split()]))
        skill_tokens = [_skill_token(key) for key in skills]
        vocab = self._vocab.ids  # read only: terms no mentor has cannot match anything
        word_ids = [vocab[w] for w in all_words if w in vocab]
        skill_ids = [vocab[s] for s in skill_tokens if s in vocab]
        return _Query(word_ids + skill_ids, word_ids, skill_ids, skills)

    def _rows_mask(self, allowed: Collection[int], view: _View) -> Mask:
        mask = np.zeros(view.n, dtype=np.bool_)
        if not allowed:
            return mask
        wanted = np.fromiter(allowed, dtype=np.int64, count=len(allowed))
        ids = view.ids[: view.n]
        row_of, by_id = self._row_of, self._sorted  # read once: a change may reset them
        if row_of is None and by_id is None:  # built once per change, used by every ranking
            top = int(ids.max(initial=-1))
            if top < DENSE_IDS * view.n + 1024:  # a table indexed by id: one gather per set
                row_of = np.full(top + 1, -1, dtype=np.int64)
                live = np.flatnonzero(ids >= 0)
                row_of[ids[live]] = live
                self._row_of = row_of
            else:  # sparse ids: a binary search each
                order = np.argsort(ids, kind="stable")
                by_id = self._sorted = (ids[order], order.astype(np.int64))
        if row_of is not None:
            rows = row_of[wanted[(wanted >= 0) & (wanted < len(row_of))]]
        else:
            assert by_id is not None
            sorted_ids, sorted_rows = by_id
            at = np.clip(np.searchsorted(sorted_ids, wanted), 0, len(sorted_ids) - 1)
            rows = sorted_rows[at[sorted_ids[at] == wanted]]
        mask[rows[(rows >= 0) & (rows < view.n)]] = True  # a table built by a newer view
        return mask

    def _retrieve(
        self, view: _View, qvec: F32 | None, query: _Query, mask: Mask, candidates: int
    ) -> tuple[I64, F32, F32]:
        """Candidate rows with their semantic and BM25 scores."""
        n = view.n
        parts: list[I64] = []
        sem: F32 | None = None
        if qvec is not None and view.vecs is not None:
            parts.append(_nearest(view.vecs[:n], qvec, mask, candidates))
        lex = view.lexical.scores(query.term_ids, n)
        if lex is not None:
            parts.append(_top(np.where(mask, lex, 0.0), candidates, floor=0.0))
        if view.by_experience is None:
            view.by_experience = np.argsort(-view.experience[:n], kind="stable").astype(np.int64)
            self._by_experience = view.by_experience
        order, need = view.by_experience, max(1, int(candidates * EXPERIENCE_CHANNEL))
        head = order[: 8 * need]  # the most active allowed are usually among the first few
        picked = head[mask[head]][:need]
        if len(picked) < need and len(head) < len(order):
            picked = order[mask[order]][:need]
        parts.append(picked)
        rows = np.unique(np.concatenate(parts))
        zeros = _zeros(rows)
        if qvec is not None and view.vecs is not None:
            sem = _dot(view.vecs[rows], qvec)  # the same bits as a scan with _dot would give
        return (
            rows,
            sem if sem is not None else zeros,
            lex[rows] if lex is not None else zeros,
        )

    def _rerank(
        self,
        ask: AskDoc,
        view: _View,
        rows: I64,
        sem: F32,
        lex: F32,
        qvec: F32 | None,
        query: _Query,
        k: int,
        zone_overlap: Callable[[str, str], float] | None,
        slot_text: Callable[[int], str | None] | None,
    ) -> list[Ranked]:
        mentors = [m for m in (view.by_row[r] for r in rows) if m is not None]
        assert len(mentors) == len(rows)  # candidate rows are eligible, hence present
        evidence = _Evidence.compute(mentors, view.record_count[rows], qvec, query, view.vocab)
        ids = view.ids[rows]
        top_experience = float(view.experience[: view.n].max(initial=0.0))
        lex_top = float(lex.max(initial=0.0))
        met = ask.met_mentor_ids
        asked = {_language(c) for c in ask.languages if c.strip()}
        zone = np.full(len(rows), 0.5)
        if zone_overlap is not None:
            zone = np.clip([zone_overlap(ask.time_zone, m.doc.time_zone) for m in mentors], 0, 1)
        lexical = lex / lex_top if lex_top > 0 else _zeros(rows)
        proof = np.log1p(evidence.votes) / math.log1p(VOTE_FULL)
        activity = view.experience[rows] / top_experience if top_experience else _zeros(rows)
        gate = {
            0: np.ones(len(rows)),
            1: lexical,
            2: np.maximum(lexical, np.minimum(proof, 1.0)),
            3: np.sqrt(lexical),
            4: np.minimum(1.0, lexical + proof),
        }[GATE]
        features: dict[str, npt.NDArray[np.floating[Any]]] = {
            "evidence": proof,
            "experience": activity * gate,
            "semantic": np.clip(sem, 0.0, 1.0),
            "lexical": lexical,
            "language": np.array([_language_match(asked, m.languages) for m in mentors])
            if asked
            else np.full(len(rows), 0.5),
            "time_zone": zone,
            "reliability": view.reliability[rows],
            "novelty": np.isin(ids, np.fromiter(met, np.int64, len(met)), invert=True).astype(
                np.float64
            ),
            "load": view.load[rows],
        }
        points = {name: 100.0 * self.weights[name] * f for name, f in features.items()}
        total = np.sum(list(points.values()), axis=0)
        # Ordered on the raw total: the displayed score saturates at 100, the ranking not.
        order = np.lexsort((ids, -total))[:k]
        out = []
        for i in order:
            mentor = mentors[i]
            reasons = _reasons(
                mentor,
                query,
                evidence.similar(i, mentor),
                languages=sorted(asked & mentor.languages),
                zone=float(zone[i]) if zone_overlap is not None else None,
                slot=slot_text(mentor.doc.mentor_id) if slot_text is not None else None,
                met=mentor.doc.mentor_id in met,
                met_anyone=bool(met),
            )
            out.append(
                Ranked(
                    mentor_id=mentor.doc.mentor_id,
                    score=round(float(np.clip(total[i], 0.0, 100.0)), 1),
                    components={name: round(float(p[i]), 2) for name, p in points.items()},
                    reasons=reasons,
                )
            )
        return out


class _View:
    """References to the index's state, taken under its lock: an upsert replaces arrays when
    they grow and the row list when rows change, so a rank() in progress keeps a consistent
    picture without copying anything (a copy of 100,000 rows per ranking is not free)."""

    def __init__(self, index: MatchIndex) -> None:
        self.n = index._n
        self.vecs: F32 | None = index._vecs if index._dim else None
        self.ids = index._ids
        self.eligible = index._eligible[: self.n]
        self.experience = index._experience
        self.load = index._load
        self.reliability = index._reliability
        self.record_count = index._record_count
        self.by_row = index._by_row  # writers replace it rather than change it (_own_rows)
        self.vocab = index._vocab
        self.lexical = index._lexical
        self.by_experience = index._by_experience


@dataclass
class _Evidence:
    """The votes of the help records most similar to the ask, for their mentors."""

    votes: F32  # per candidate
    owner: I64  # per voting record, best first: its candidate ...
    record: I64  # ... and its index among that mentor's records
    sim: F32

    @classmethod
    def compute(
        cls,
        mentors: list[_Mentor],
        counts: I64,
        qvec: F32 | None,
        query: _Query,
        vocab: _Vocabulary,
    ) -> _Evidence:
        # `counts` comes from the index's array, a cheap way to see that no candidate has
        # history; the objects themselves count otherwise (an upsert may run meanwhile).
        if not counts.any():
            nothing = np.zeros(0, dtype=np.int64)
            return cls(_zeros(counts), nothing, nothing, np.zeros(0, dtype=np.float32))
        records = [m.records for m in mentors]
        counts = np.fromiter((len(r.quality) for r in records), np.int64, len(records))
        total = int(counts.sum())
        if total == 0:
            nothing = np.zeros(0, dtype=np.int64)
            return cls(_zeros(counts), nothing, nothing, np.zeros(0, dtype=np.float32))
        owner = np.repeat(np.arange(len(records), dtype=np.int64), counts)
        local = np.arange(total, dtype=np.int64) - np.repeat(np.cumsum(counts) - counts, counts)
        sim = np.zeros(total, dtype=np.float32)
        coded = [(r.codes, r.scale) for r in records if r.codes is not None and r.scale is not None]
        if qvec is not None and sum(len(c) for c, _ in coded) == total:
            # (Otherwise some were stored before this index had vectors: no semantic part.)
            codes = np.concatenate([c for c, _ in coded]).astype(np.float32)
            sim += _dot(codes, qvec) * np.concatenate([s for _, s in coded])
        overlaps = (
            (query.word_ids, RECORD_WORDS, [(r.word_ids, r.word_counts) for r in records]),
            (query.skill_ids, RECORD_SKILLS, [(r.skill_ids, r.skill_counts) for r in records]),
        )
        for query_ids, share, columns in overlaps:
            # The share of the ask's idf mass found in a record: BM25 without its length
            # normalisation, which says little about records of a few dozen words.
            idf = vocab.idf(query_ids)
            norm = float(idf.sum())
            if not query_ids or norm <= 0:
                continue
            weight = np.zeros(len(vocab) + 1, dtype=np.float32)
            weight[np.asarray(query_ids)] = idf / norm
            indptr = np.zeros(total + 1, dtype=np.int64)
            np.cumsum(np.concatenate([c for _, c in columns]), out=indptr[1:])
            term_ids = np.concatenate([ids for ids, _ in columns])
            matrix = sparse.csr_matrix(
                (np.ones(len(term_ids), dtype=np.float32), term_ids, indptr),
                shape=(total, len(weight)),
            )
            sim += share * np.asarray(matrix @ weight, dtype=np.float32)
        best = min(EVIDENCE_K, total)
        top = np.argpartition(-sim, best - 1)[:best]
        top = top[np.argsort(-sim[top], kind="stable")]
        top = top[sim[top] > 0]
        quality = np.concatenate([r.quality for r in records])
        weights = quality[top] / np.arange(1, len(top) + 1, dtype=np.float32) ** EVIDENCE_DECAY
        votes = np.bincount(owner[top], weights=weights, minlength=len(records))
        return cls(votes.astype(np.float32), owner[top], local[top], sim[top])

    def similar(self, candidate: int, mentor: _Mentor) -> tuple[int, list[float], int]:
        """(count, ratings, accepted) of the candidate's records close to the best match."""
        if not len(self.sim):
            return 0, [], 0
        close = self.record[(self.owner == candidate) & (self.sim >= SIMILAR_SHARE * self.sim[0])]
        ratings = [float(r) for r in mentor.records.rating[close] if not np.isnan(r)]
        return len(close), ratings, int(mentor.records.accepted[close].sum())


def _reasons(
    mentor: _Mentor,
    query: _Query,
    similar: tuple[int, list[float], int],
    *,
    languages: list[str],
    zone: float | None,
    slot: str | None,
    met: bool,
    met_anyone: bool,
) -> list[str]:
    doc = mentor.doc
    reasons = []
    count, ratings, accepted = similar
    if count:
        notes = []
        if ratings:
            notes.append(f"avg rating {sum(ratings) / len(ratings):.1f}")
        if accepted:
            notes.append(f"{accepted} marked as the solution")
        line = f"Helped with {count} similar question{'s' if count > 1 else ''}"
        reasons.append(line + (f" ({', '.join(notes)})" if notes else ""))
    known = [mentor.skills[key] for key in query.skills if key in mentor.skills]
    if known:
        reasons.append("Knows " + ", ".join(known[:4]))
    for code in languages:
        if code != "en":  # on an English-speaking platform, "Speaks English" says nothing
            reasons.append(f"Speaks {_LANGUAGES.get(code, code.upper())}")
    if slot:
        reasons.append(f"Free {slot}")
    if zone is not None and zone >= 0.5:
        reasons.append("Working hours overlap with yours")
    if doc.available_now:
        reasons.append("Available now")
    if doc.median_response_minutes is not None and doc.median_response_minutes <= 120:
        reasons.append(f"Usually replies within {_duration(doc.median_response_minutes)}")
    if doc.sessions >= 5 and doc.no_shows == 0 and doc.late_cancels == 0:
        reasons.append(f"{doc.sessions} sessions without a no-show or late cancellation")
    if not count and mentor.helped >= 5:
        reasons.append(f"Has helped {mentor.helped} times")
    if met:
        reasons.append("You have met before")
    elif met_anyone:
        reasons.append("Someone new for you")
    return reasons


def _duration(minutes: float) -> str:
    if minutes < 60:
        return f"{max(5, math.ceil(minutes / 5) * 5)} min"
    return f"{math.ceil(minutes / 60)} h"


def _language_match(asked: set[str], spoken: frozenset[str]) -> float:
    if not asked or not spoken:
        return 0.5  # unknown on either side: neither a plus nor a minus
    return 1.0 if asked & spoken else 0.0


def _reliability(doc: MentorDoc) -> float:
    # Kept bookings, Laplace-smoothed, a no-show costing twice a late cancel; a newcomer
    # starts at 1 (the benefit of the doubt). Replies: 1 at once, 0.5 after four hours.
    kept = (doc.sessions + 1) / (doc.sessions + 1 + 2 * doc.no_shows + doc.late_cancels)
    replies = 0.5
    if doc.median_response_minutes is not None:
        replies = 1.0 / (1.0 + max(doc.median_response_minutes, 0.0) / 240.0)
    return 0.7 * kept + 0.3 * replies


def _profile_text(doc: MentorDoc) -> str:
    parts = [doc.headline, doc.help_with, doc.bio, ", ".join(doc.skills)]
    return "\n".join(p.strip() for p in parts if p.strip())


def text_key(text: str) -> str:
    """A digest of a text that every process computes alike (hash() differs per process):
    how stored vectors are found."""
    return hashlib.blake2b(text.encode(), digest_size=16).hexdigest()


def mentor_texts(doc: MentorDoc) -> list[str]:
    """What gets embedded for a mentor: the profile and the kept records' texts."""
    return _texts(doc)


def _texts(doc: MentorDoc) -> list[str]:
    """What gets embedded for a mentor: the profile and the kept records' texts."""
    return [t for t in (_profile_text(doc), *(r.text for r in doc.history[-MAX_RECORDS:])) if t]


def _zeros(like: Sized) -> F32:
    return np.zeros(len(like), dtype=np.float32)


def _unit(matrix: npt.NDArray[np.floating[Any]]) -> F32:
    m = np.asarray(matrix, dtype=np.float32)
    out: F32 = m / np.maximum(np.linalg.norm(m, axis=1, keepdims=True), 1e-12)
    return out


def _dot(matrix: F32, vector: F32) -> F32:
    """matrix @ vector as every score of the engine is computed (features, evidence): einsum's
    own summation order, which the tuned weights and the evaluation figures were made with."""
    out: F32 = np.einsum("ij,j->i", matrix, vector)
    return out


def _scan(matrix: F32, vector: F32) -> F32:
    """matrix @ vector through BLAS (sgemv), to choose candidates among all mentors. That scan
    reads 150 MB at 100,000 mentors and is bound by memory; on two busy cores sgemv took half
    of einsum's time at the median. Its sums differ from _dot's in the last bits only, so the
    candidates' scores are computed again with _dot, and rankings stay exactly as they were."""
    out: F32 = matrix @ vector
    return out


DENSE_IDS: Final = 8  # an id -> row table up to 8 slots per mentor (64 bytes each)
SCAN_MARGIN: Final = 64  # extra rows the fast scan keeps, re-scored exactly
SCAN_ERROR: Final = 1e-4  # far above how much sgemv's and einsum's sums of 384 terms differ


def _nearest(matrix: F32, vector: F32, mask: Mask, k: int) -> I64:
    """The rows of the k highest _dot scores among `mask`, as a full scan with _dot would find
    them, in about the time of one sgemv: sgemv keeps k + SCAN_MARGIN rows, _dot re-scores
    those, and when rows near the cut are too many to be sure, _dot scans everything."""
    scanned = np.where(mask, _scan(matrix, vector), -np.inf)
    pool = _top(scanned, k + SCAN_MARGIN)
    if len(pool) <= k:
        return pool
    exact = _dot(matrix[pool], vector)
    best = np.argpartition(-exact, k - 1)[:k]
    cut = float(exact[best].min())
    if float(scanned[pool].min()) >= cut - SCAN_ERROR and len(pool) < int(mask.sum()):
        return _top(np.where(mask, _dot(matrix, vector), -np.inf), k)  # a crowd at the cut
    return pool[best]


def _quantize(matrix: F32) -> tuple[npt.NDArray[np.int8], F32]:
    """Rows as int8 codes times a scale each: a quarter of float32's memory, and a cosine
    error near 1e-3, far below what separates two mentors."""
    scale = np.abs(matrix).max(axis=1, initial=0.0) / 127.0
    scale = np.where(scale > 0, scale, 1.0).astype(np.float32)
    return np.round(matrix / scale[:, None]).astype(np.int8), scale


def _dequantize(codes: npt.NDArray[np.int8], scale: F32) -> F32:
    out: F32 = codes.astype(np.float32) * scale[:, None]
    return out


def _top(scores: npt.NDArray[np.floating[Any]], k: int, floor: float = -np.inf) -> I64:
    """Indices of the k largest scores above floor, unordered (argpartition, no full sort)."""
    if k <= 0 or not len(scores):
        return np.zeros(0, dtype=np.int64)
    idx = np.argpartition(-scores, k - 1)[:k] if k < len(scores) else np.arange(len(scores))
    out: I64 = idx[scores[idx] > floor].astype(np.int64)
    return out


def _production_embedder() -> Embedder | None:
    # Imported here, so that the model and onnxruntime load only when a default index is built.
    from bitesize.matching import embedding

    return embedding.embed if embedding.model_available() else None


def flat_scan(index: MatchIndex, vector: npt.NDArray[np.floating[Any]], k: int) -> I64:
    """Reference for the bench: the k eligible mentor ids with the highest dot product, exact,
    best first, through the same vectors and kernel as the semantic channel."""
    view = _View(index)
    if view.vecs is None or k <= 0:
        return np.zeros(0, dtype=np.int64)
    scores = np.where(
        view.eligible, _scan(view.vecs[: view.n], np.asarray(vector, np.float32)), -np.inf
    )
    top = _top(scores, k)
    out: I64 = view.ids[top[np.argsort(-scores[top], kind="stable")]]
    return out
