"""Replaying a routing data set through a ranker: the protocol of
shared/data/routing-dev/README.md, its metrics and its two baselines. Pure functions, no ORM:
the eval_routing command builds mentors through the database and calls these; the reference
builders here (mentor_docs_from_train) serve tests and tuning.

Mentors and relevant sets are keyed as in the file (answerer ids, usually strings); a rank
function returns keys in that space, best first. A relevant mentor it leaves out counts as
not found, so a ranker that returns its top 100 is scored as if the rest came after.
"""

from __future__ import annotations

import gzip
import json
import math
import zlib
from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Hashable, Mapping, Sequence, Sized
from pathlib import Path
from typing import Any, TypeAlias

import bm25s  # type: ignore[import-untyped]
import numpy as np

from bitesize.matching.documents import AskDoc, HelpRecord, MentorDoc
from bitesize.matching.engine import MatchIndex, rating_of

Question: TypeAlias = dict[str, Any]
Key: TypeAlias = Hashable
RankFn: TypeAlias = Callable[[AskDoc], Sequence[Key]]
LabelledAsk: TypeAlias = tuple[AskDoc, set[Key]]

VALIDATION_SHARE = 0.10  # the newest tenth of train stands in for test when tuning
METRICS = ("P@1", "nDCG@3", "MRR", "hit@10")


def load_questions(path: str | Path) -> list[Question]:
    """One question per line of a JSONL file, gzipped when its name ends in .gz."""
    path = Path(path)
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def _answerers(question: Question) -> list[Key]:
    """Who answered, once per answer (someone who answered twice appears twice)."""
    answers = question.get("answers")
    if answers:
        return [a["answerer_id"] for a in answers]
    return list(question.get("answerer_ids") or [])


def mentor_keys(train: Sequence[Question]) -> set[Key]:
    """Everyone with at least one answer in train."""
    return {key for q in train for key in _answerers(q)}


def split(questions: Sequence[Question]) -> tuple[list[Question], list[Question]]:
    """(train, test) per the protocol: test keeps only questions some mentor answered."""
    train = [q for q in questions if q.get("split_temporal") == "train"]
    mentors = mentor_keys(train)
    test = [
        q
        for q in questions
        if q.get("split_temporal") != "train" and mentors.intersection(_answerers(q))
    ]
    return train, test


def _qid(question: Question) -> tuple[int, str]:
    qid = str(question["qid"])
    return (int(qid), "") if qid.isdigit() else (0, qid)


def validation_split(train: Sequence[Question]) -> tuple[list[Question], list[Question]]:
    """The same protocol inside train: its newest tenth (by qid, ids grow with time) is the
    test of an earlier train. Weights are tuned here and nowhere else."""
    ordered = sorted(train, key=_qid)
    cut = len(ordered) - max(1, int(len(ordered) * VALIDATION_SHARE))
    relabelled = [
        {**q, "split_temporal": "train" if i < cut else "test"} for i, q in enumerate(ordered)
    ]
    return split(relabelled)


def mentor_id(key: Key) -> int:
    """The engine's integer id for a data set key: the number itself when it is one."""
    text = str(key)
    return int(text) if text.isdigit() else zlib.crc32(text.encode())


def ask_text(question: Question) -> str:
    return f"{question.get('title', '')}\n{question.get('body', '')}".strip()


def mentor_docs_from_train(train: Sequence[Question]) -> list[MentorDoc]:
    """Each mentor with their train answers as help history, oldest first: the question as
    the text, its tags as skills, the answer's score as a rating, and whether it was accepted.
    The production path builds the same from profiles, asks and sessions in the database."""
    history: dict[Key, list[HelpRecord]] = defaultdict(list)
    for q in sorted(train, key=_qid):
        best: dict[Key, int] = {}
        for answer in q.get("answers") or []:
            key, score = answer["answerer_id"], int(answer.get("score") or 0)
            best[key] = max(best.get(key, score), score)
        for key in dict.fromkeys(_answerers(q)):  # one record per question, however many answers
            history[key].append(
                HelpRecord(
                    text=ask_text(q),
                    skills=tuple(q.get("tags") or ()),
                    rating=rating_of(best[key]) if key in best else None,
                    accepted=q.get("accepted_answerer_id") == key,
                )
            )
    return [
        MentorDoc(
            mentor_id=mentor_id(key),
            name=f"Person {key}",
            history=tuple(records),
            sessions=len(records),
            weekly_capacity=40,  # as the eval command gives them: routing, not scheduling
        )
        for key, records in history.items()
    ]


def asks_from_test(
    test: Sequence[Question], mentors: Collection[Key] | None = None
) -> list[LabelledAsk]:
    """Each test question as an ask, with its relevant mentors: the answerers who are mentors
    (every answerer when `mentors` is None). Questions with none are skipped."""
    out = []
    for q in test:
        relevant = set(_answerers(q))
        if mentors is not None:
            relevant &= set(mentors)
        if relevant:
            out.append((AskDoc(text=ask_text(q), skills=tuple(q.get("tags") or ())), relevant))
    return out


# -- metrics: ranked keys, best first, against the set of relevant keys ------------------------


def p_at_1(ranked: Sequence[Key], relevant: Collection[Key]) -> float:
    return 1.0 if ranked and ranked[0] in relevant else 0.0


def ndcg_at_3(ranked: Sequence[Key], relevant: Collection[Key]) -> float:
    """Binary gains; the ideal ranking puts min(3, |relevant|) relevant mentors first."""
    dcg = sum(1.0 / math.log2(i + 2) for i, key in enumerate(ranked[:3]) if key in relevant)
    ideal = sum(1.0 / math.log2(i + 2) for i in range(min(3, len(relevant))))
    return dcg / ideal if ideal else 0.0


def mrr(ranked: Sequence[Key], relevant: Collection[Key]) -> float:
    """Reciprocal rank of the first relevant mentor (0 when none is ranked)."""
    for i, key in enumerate(ranked):
        if key in relevant:
            return 1.0 / (i + 1)
    return 0.0


def hit_at_10(ranked: Sequence[Key], relevant: Collection[Key]) -> float:
    return 1.0 if any(key in relevant for key in ranked[:10]) else 0.0


def evaluate(
    rank_fn: RankFn, asks: Sequence[LabelledAsk], mentors: int | Sized
) -> dict[str, float]:
    """Mean P@1, nDCG@3, MRR and hit@10 over the asks, with n and the number of mentors."""
    totals = dict.fromkeys(METRICS, 0.0)
    for ask, relevant in asks:
        ranked = list(rank_fn(ask))
        totals["P@1"] += p_at_1(ranked, relevant)
        totals["nDCG@3"] += ndcg_at_3(ranked, relevant)
        totals["MRR"] += mrr(ranked, relevant)
        totals["hit@10"] += hit_at_10(ranked, relevant)
    n = len(asks)
    result = {name: total / n if n else 0.0 for name, total in totals.items()}
    result["n"] = n
    result["mentors"] = mentors if isinstance(mentors, int) else len(mentors)
    return result


# -- baselines ---------------------------------------------------------------------------------


def popularity_ranker(train: Sequence[Question]) -> RankFn:
    """Most train answers first (ties in order of first answer), whatever the ask."""
    ranking = [key for key, _ in Counter(k for q in train for k in _answerers(q)).most_common()]
    return lambda ask: ranking


def bm25_baseline(train: Sequence[Question], *, k1: float = 1.5, b: float = 0.75) -> RankFn:
    """The README's reference: BM25 over each mentor's answered titles, bodies and tags (tags
    three times), one document per mentor, the ask's text and tags as the query. Text is split
    on white space because the data set comes lower-cased with punctuation removed."""
    documents: dict[Key, list[str]] = defaultdict(list)
    for q in train:
        tokens = f"{q.get('title', '')} {q.get('body', '')}".split()
        tokens += list(q.get("tags") or ()) * 3
        for key in _answerers(q):  # once per answer, as popularity counts them
            documents[key].extend(tokens)
    keys = list(documents)
    retriever = bm25s.BM25(k1=k1, b=b)
    retriever.index([documents[key] for key in keys], show_progress=False)

    def rank(ask: AskDoc) -> list[Key]:
        ids = retriever.get_tokens_ids(f"{ask.text} {' '.join(ask.skills)}".lower().split())
        scores = retriever.get_scores_from_ids(ids)
        return [keys[i] for i in np.argsort(-scores, kind="stable")]

    return rank


def engine_ranker(
    index: MatchIndex,
    asks: Sequence[LabelledAsk],
    key_of: Mapping[int, Key],
    *,
    k: int = 100,
) -> RankFn:
    """The engine as production calls it, with the asks embedded in one batch up front."""
    docs = [ask for ask, _ in asks]
    vectors = index.ask_vectors(docs)
    by_text = {} if vectors is None else dict(zip((a.text for a in docs), vectors, strict=True))

    def rank(ask: AskDoc) -> list[Key]:
        ranked = index.rank(ask, k=k, ask_vector=by_text.get(ask.text))
        return [key_of[r.mentor_id] for r in ranked]

    return rank


def tune_weights(
    sites: Sequence[tuple[MatchIndex, Sequence[LabelledAsk], Mapping[int, Key], float]],
    names: Sequence[str],
    *,
    factors: Sequence[float] = (0.0, 0.5, 0.75, 1.5, 2.0),
    rounds: int = 3,
) -> tuple[dict[str, float], float]:
    """Coordinate search over some weights of the engines, for one objective over all sites:
    the mean of MRR / the site's baseline MRR. Feed it validation splits only (tuning on the
    test split would grade the engine on questions it was fitted to). Returns the best
    weights and their objective; the engines are left with the weights they had."""
    saved = [dict(index.weights) for index, _, _, _ in sites]
    rankers = [(index, asks, key_of, base) for index, asks, key_of, base in sites]

    def objective(weights: Mapping[str, float]) -> float:
        total = 0.0
        for index, asks, key_of, base in rankers:
            index.weights.update(weights)
            total += evaluate(engine_ranker(index, asks, key_of), asks, 0)["MRR"] / base
        return total / len(rankers)

    best = {name: sites[0][0].weights[name] for name in names}
    best_value = objective(best)
    try:
        for _ in range(rounds):
            improved = False
            for name in names:
                for factor in factors:
                    trial = {**best, name: best[name] * factor}
                    value = objective(trial)
                    if value > best_value + 1e-4:  # ties keep the default: no drift on noise
                        best, best_value, improved = trial, value, True
            if not improved:
                break
    finally:
        for (index, _, _, _), weights in zip(sites, saved, strict=True):
            index.weights.update(weights)
    return best, best_value


def format_table(rows: Sequence[tuple[str, Mapping[str, float]]]) -> str:
    """One table: a row per system with P@1, nDCG@3, MRR, hit@10, n and mentors."""
    width = max([len("system"), *(len(name) for name, _ in rows)])
    head = f"{'system':<{width}}  " + "  ".join(f"{m:>6}" for m in METRICS)
    head += f"  {'n':>5}  {'mentors':>7}"
    lines = [head, "-" * len(head)]
    for name, result in rows:
        cells = "  ".join(f"{result[m]:>6.3f}" for m in METRICS)
        lines.append(
            f"{name:<{width}}  {cells}  {int(result['n']):>5}  {int(result['mentors']):>7}"
        )
    return "\n".join(lines)
