"""Cohort matching for programs: the optimal assignment of mentees to mentors with capacities.

Pure computation (no ORM). The caller scores every (mentee, mentor) pair, says which pairs are
allowed (time-zone gap, reporting line, ...) and which must be kept, and gets back the pairs.

The problem is the transportation LP

    maximise   sum w[i, j] * x[i, j]          over allowed pairs
    subject to sum_j x[i, j] <= 1             (a mentee takes at most one mentor)
               sum_i x[i, j] <= capacity[j]   (a mentor takes at most capacity[j] mentees)
               x >= 0

Its constraint matrix is the incidence matrix of a bipartite graph, which is totally unimodular,
so every vertex of the polytope is integral: the simplex optimum *is* the optimal assignment (we
still check the integrality of what HiGHS returns and fail loudly otherwise).

10,000 mentees x 2,000 mentors is 14 million allowed pairs: too many to hand to a solver, and
expanding mentors into capacity-many seats for `linear_sum_assignment` (or the sparse
`min_weight_full_bipartite_matching`) makes it larger still, and slow when scores are correlated.
A top-K shortcut is only safe with a proof, so we prove it, per instance, with LP duality:

1. Candidates: each mentee's best few mentors and each mentor's best few mentees.
2. Solve the LP on the candidates with HiGHS (`scipy.optimize.linprog`): interior point with
   crossover, which ends on a vertex and copes best with these LPs; tight dual simplex when that
   vertex cannot be certified.
3. Prices certifying it on the candidates: v[j] >= 0 per mentor with u[i] = w[i, j] - v[j] >= 0
   for a mentee on mentor j, u[i] = 0 for an unmatched one, v[j] = 0 for a mentor with a free
   seat, and u[i] + v[j] >= w[i, j] on every candidate. These are difference constraints between
   mentor prices, so Bellman-Ford over the mentors finds them (see `_duals`).
4. Price every allowed pair: with u_all[i] = max(0, max_j w[i, j] - v[j]) over *all* pairs,
   (u_all, v) is feasible for the dual of the full problem, so by weak duality its value D
   bounds every assignment, and D - P (P: our value) is a proven optimality gap. Zero: done.
5. Otherwise, reduced-cost fixing: an assignment that uses a pair with w - u_all - v < -(D - P)
   is worth less than P, so the optimum lies among the other pairs (usually about one per
   mentee). Solve on those, then certify again with 3-4. If they are too many, add each mentee's
   and each mentor's most violated pairs instead (column generation). Rounds either add pairs
   or (a bounded number of times) switch to a proven superset of the optimum, so this ends; in
   practice after two or three LPs.

Objectives:
- "score" maximises the total score. A pair with a negative score is never chosen (it would
  lower the total) unless it is a must pair; zero-score pairs do not change the total, so after
  the optimum is found, still-unmatched mentees take an allowed zero-score pair where a mentor
  has a seat left (mentees prefer being matched; this is a free, greedy extra).
- "coverage" first matches as many mentees as possible, then maximises the total score among
  those assignments (lexicographic). We add a bonus M per matched pair. For an optimum X of the
  bonus problem that is not of maximum cardinality there is an augmenting path with k pairs of X
  and k + 1 new ones; it would change the bonus objective by at least M + min - k * (max - min)
  (min, max: extreme scores), so M > k * (max - min) - min makes X improvable, a contradiction.
  We start with a small M (numerically kind), check the result for an augmenting path by a
  breadth-first search over all allowed pairs, and raise M only when one exists; with
  M > n * (max - min) - min no path can exist. An optimum of the bonus problem that has maximum
  cardinality has the best score among all maximum-cardinality assignments, since M is the same
  for all of them. So the answer is exact without a needlessly huge M.

Must pairs are fixed first (the mentee leaves the problem, the mentor loses one seat); what is
left is the same problem again, so the combination is optimal under the constraint.

"Exact" is up to floating point: we stop when the proven gap is below 1e-9 * max|w| per mentee
(at most 1e-5 for 10,000 mentees with scores in [0, 1]); in practice the gap is ~1e-12.

Scores come as a dense array, or as a scipy.sparse array whose stored entries are the candidate
pairs (see `CohortProblem.from_triples`); pairs that are not stored are not allowed.
"""

from __future__ import annotations

import heapq
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any, Literal, TypeAlias

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp  # type: ignore[import-untyped]
from scipy.optimize import linprog  # type: ignore[import-untyped]

Objective: TypeAlias = Literal["score", "coverage"]
Progress: TypeAlias = Callable[[str, float], None]
Pair: TypeAlias = tuple[int, int]
FloatArray: TypeAlias = npt.NDArray[np.float64]
IntArray: TypeAlias = npt.NDArray[np.int64]
BoolArray: TypeAlias = npt.NDArray[np.bool_]
# scipy ships no type information; a scipy.sparse array or matrix of candidate pairs.
SparseScores: TypeAlias = Any

# Tuning knobs (tests shrink them to exercise column generation on small instances).
ALL_PAIRS_LIMIT = 20_000  # up to this many allowed pairs, skip candidate selection
# Candidates per round: each mentee's best few mentors, and each mentor's best 4 * capacity + 4
# mentees up to a cap. Mentor-side picks matter most: with correlated scores every mentee's
# favourites are the same few mentors, and an LP over those alone is slow and says little.
ROW_CANDIDATES = 2
COL_CANDIDATES_PER_SEAT = 4
COL_CANDIDATES_MAX = 64
GREEDY_PREFIX = 32  # the greedy baseline sorts this many of a mentee's mentors at first
BLOCK_CELLS = 2_000_000  # dense scores are scanned in row blocks of about this many cells
RELATIVE_TOLERANCE = 1e-9  # reduced costs up to this * max|weight| count as zero
FIXING_ROUNDS = 3  # how often to restart from the pairs reduced-cost fixing keeps
# Interior point with crossover is the most even-tempered on these LPs; its tolerances are
# loose, so if its vertex cannot be certified optimal we re-solve with tight dual simplex.
LP_ATTEMPTS: tuple[tuple[str, dict[str, Any]], ...] = (
    ("highs-ipm", {}),
    ("highs-ds", {"primal_feasibility_tolerance": 1e-10, "dual_feasibility_tolerance": 1e-10}),
)


@dataclass(frozen=True, eq=False)  # eq=False: numpy arrays have no truth value for ==
class CohortProblem:
    """One program's matching problem. Mentees are rows, mentors are columns.

    `scores` is dense (n_mentees, n_mentors), or scipy.sparse with the candidate pairs stored.
    `allowed` (dense scores only) and `forbidden` both remove pairs; `must` pairs are kept.
    """

    scores: npt.NDArray[np.float64] | SparseScores
    capacity: npt.NDArray[np.int64]
    allowed: npt.NDArray[np.bool_] | None = None
    must: tuple[Pair, ...] = ()
    objective: Objective = "score"
    forbidden: tuple[Pair, ...] = ()

    @classmethod
    def from_triples(
        cls,
        mentee: Iterable[int] | npt.ArrayLike,
        mentor: Iterable[int] | npt.ArrayLike,
        score: Iterable[float] | npt.ArrayLike,
        *,
        n_mentees: int,
        n_mentors: int,
        capacity: npt.ArrayLike,
        must: tuple[Pair, ...] = (),
        forbidden: tuple[Pair, ...] = (),
        objective: Objective = "score",
    ) -> CohortProblem:
        """A sparse problem: only the given (mentee, mentor, score) triples may be matched."""
        rows = np.asarray(mentee, dtype=np.int64)
        cols = np.asarray(mentor, dtype=np.int64)
        values = np.asarray(score, dtype=np.float64)
        if not rows.shape == cols.shape == values.shape or rows.ndim != 1:
            raise ValueError("mentee, mentor and score must be 1-D and of the same length")
        _check_range(rows, n_mentees, "mentee")
        _check_range(cols, n_mentors, "mentor")
        matrix = sp.coo_array((values, (rows, cols)), shape=(n_mentees, n_mentors))
        return cls(
            scores=matrix,
            capacity=np.asarray(capacity, dtype=np.int64),
            must=must,
            forbidden=forbidden,
            objective=objective,
        )


@dataclass(frozen=True)
class CohortResult:
    pairs: tuple[Pair, ...]  # (mentee, mentor), sorted by mentee
    objective_value: float  # total score of the pairs
    matched: int
    coverage: float  # matched / n_mentees (0.0 without mentees)
    greedy_value: float  # total score of the greedy baseline's pairs
    greedy_matched: int
    # (objective_value - greedy_value) / |greedy_value|, 0 when greedy is 0; for positive totals
    # that is objective_value / greedy_value - 1. With "coverage" compare `matched` first.
    gain_over_greedy: float
    seconds: float  # wall time of solve(), greedy baseline included


def solve(problem: CohortProblem, *, progress: Progress | None = None) -> CohortResult:
    """The optimal assignment for `problem`, with the greedy baseline for comparison.

    Raises ValueError for malformed input and for must pairs that are forbidden or exceed a
    mentor's capacity. `progress(phase, fraction)` is called with the phases "building",
    "solving", "greedy" and "done", each from 0.0 to 1.0.
    """
    started = time.perf_counter()
    report = progress or _silent
    prepared = _prepare(problem, report)
    mentor_of = _optimal(prepared, report)
    report("greedy", 0.0)
    baseline = _greedy(prepared)
    report("greedy", 1.0)
    pairs = _pairs(mentor_of)
    value = prepared.total(mentor_of)
    greedy_value = prepared.total(baseline)
    matched = len(pairs)
    result = CohortResult(
        pairs=pairs,
        objective_value=value,
        matched=matched,
        coverage=matched / prepared.n if prepared.n else 0.0,
        greedy_value=greedy_value,
        greedy_matched=int(np.count_nonzero(baseline >= 0)),
        gain_over_greedy=(value - greedy_value) / abs(greedy_value) if greedy_value else 0.0,
        seconds=time.perf_counter() - started,
    )
    report("done", 1.0)
    return result


def greedy(problem: CohortProblem) -> tuple[Pair, ...]:
    """The baseline: must pairs, then repeatedly the best remaining allowed pair.

    Pairs are taken in order of score (ties: lower mentee, then lower mentor) while the mentee
    is free and the mentor has a seat. With "score" only positive pairs are taken, then free
    zero-score ones as in `solve`; with "coverage" every allowed pair may be taken.
    """
    return _pairs(_greedy(_prepare(problem, _silent)))


def bench(
    n_mentees: int = 10_000,
    n_mentors: int = 2_000,
    seed: int = 7,
    *,
    objective: Objective = "score",
    progress: Progress | None = None,
) -> CohortResult:
    """Solve a random instance: scores uniform in [0, 1), 30 % of pairs forbidden, capacity 1-8."""
    rng = np.random.default_rng(seed)
    scores = rng.random((n_mentees, n_mentors))
    allowed = np.empty((n_mentees, n_mentors), dtype=np.bool_)
    for start, stop in _blocks(n_mentees, n_mentors):
        allowed[start:stop] = rng.random((stop - start, n_mentors)) >= 0.3
    capacity = rng.integers(1, 9, size=n_mentors, dtype=np.int64)
    problem = CohortProblem(scores=scores, capacity=capacity, allowed=allowed, objective=objective)
    return solve(problem, progress=progress)


# --- preparation -------------------------------------------------------------------------------


def _silent(phase: str, fraction: float) -> None:
    return None


def _blocks(n: int, m: int) -> Iterator[tuple[int, int]]:
    step = max(1, BLOCK_CELLS // max(m, 1))
    for start in range(0, n, step):
        yield start, min(n, start + step)


def _check_range(values: IntArray, size: int, what: str) -> None:
    bad = (values < 0) | (values >= size)
    if bad.any():
        raise ValueError(f"{what} index {int(values[bad][0])} is out of range (0..{size - 1})")


def _pair_array(pairs: Iterable[Pair], what: str, n: int, m: int) -> IntArray:
    array = np.asarray(list(pairs), dtype=np.int64).reshape(-1, 2)
    _check_range(array[:, 0], n, f"{what} mentee")
    _check_range(array[:, 1], m, f"{what} mentor")
    return array


class _Edges:
    """The eligible pairs: allowed, and usable by the objective, outside must rows and full mentors.

    Two layouts (dense scores scanned in row blocks, or sparse rows) behind one interface.
    """

    n: int
    m: int
    count: int
    low: float  # smallest and largest eligible score (0.0 when there is none)
    high: float
    col_limit: IntArray  # how many of its best mentees each mentor proposes per round

    def weights(self, rows: IntArray, cols: IntArray) -> FloatArray:
        raise NotImplementedError

    def all_pairs(self) -> tuple[IntArray, IntArray]:
        raise NotImplementedError

    def candidates(self, values: Iterator[tuple[IntArray, IntArray, FloatArray]]) -> IntArray:
        """Keys (row * m + col) of each row's and each column's best pairs among `values`."""
        parts = list(values)
        rows = np.concatenate([p[0] for p in parts]) if parts else np.empty(0, np.int64)
        cols = np.concatenate([p[1] for p in parts]) if parts else np.empty(0, np.int64)
        vals = np.concatenate([p[2] for p in parts]) if parts else np.empty(0, np.float64)
        # A pair can come both as a row's and as a column's pick: count it once.
        keys, first = np.unique(rows * self.m + cols, return_index=True)
        keep = _best_per_row_and_col(
            rows[first], cols[first], vals[first], ROW_CANDIDATES, self.col_limit
        )
        return keys[keep]

    def scan(
        self,
        threshold: float,
        u: FloatArray | None,
        v: FloatArray | None,
        offset: float,
        row_max: FloatArray | None = None,
    ) -> Iterator[tuple[IntArray, IntArray, FloatArray]]:
        """Pairs whose value (weight + offset - u - v) exceeds `threshold`, pre-thinned.

        With `row_max`, also store each row's max of weight + offset - v there (-inf if none).
        """
        raise NotImplementedError

    def kept(
        self, u: FloatArray, v: FloatArray, offset: float, floor: float, limit: int
    ) -> IntArray | None:
        """Keys of all pairs with weight + offset - u - v >= floor; None if more than `limit`."""
        raise NotImplementedError

    def reach(self, rows: IntArray) -> BoolArray:
        """Mentors with an eligible pair to any of `rows`."""
        raise NotImplementedError

    def row_best(self) -> tuple[IntArray, FloatArray]:
        """Each row's best mentor (-1 if none) and its score; ties go to the lower mentor."""
        raise NotImplementedError

    def row_order(self, row: int, limit: int | None = None) -> tuple[IntArray, FloatArray]:
        """A row's eligible mentors by score, best first (ties: lower mentor first).

        With `limit`, a prefix of that order: all of it if shorter than `limit`, else at least
        `limit` entries (more when there are ties at the cut).
        """
        raise NotImplementedError

    def zero_cols(self, row: int) -> IntArray:
        """Mentors of an allowed zero-score pair of `row` (for the "score" objective)."""
        raise NotImplementedError


class _DenseEdges(_Edges):
    def __init__(self, scores: npt.NDArray[Any], eligible: BoolArray, zero: BoolArray | None):
        self.scores = scores
        self.eligible = eligible
        self.zero = zero
        self.n, self.m = eligible.shape
        self.count = int(np.count_nonzero(eligible))
        low, high = np.inf, -np.inf
        for start, stop in _blocks(self.n, self.m):
            values = scores[start:stop][eligible[start:stop]]
            if values.size:
                low, high = min(low, float(values.min())), max(high, float(values.max()))
        self.low, self.high = (low, high) if self.count else (0.0, 0.0)

    def weights(self, rows: IntArray, cols: IntArray) -> FloatArray:
        return np.asarray(self.scores[rows, cols], dtype=np.float64)

    def all_pairs(self) -> tuple[IntArray, IntArray]:
        rows, cols = np.nonzero(self.eligible)
        return rows.astype(np.int64), cols.astype(np.int64)

    def _values(
        self, start: int, stop: int, u: FloatArray | None, v: FloatArray | None, offset: float
    ) -> npt.NDArray[Any]:
        block = self.scores[start:stop]
        if u is not None and v is not None:
            block = block + (offset - u[start:stop, None]) - v[None, :]
        return np.where(self.eligible[start:stop], block, -np.inf)

    def scan(
        self,
        threshold: float,
        u: FloatArray | None,
        v: FloatArray | None,
        offset: float,
        row_max: FloatArray | None = None,
    ) -> Iterator[tuple[IntArray, IntArray, FloatArray]]:
        m = self.m
        limit = int(self.col_limit.max()) if m else 0
        for start, stop in _blocks(self.n, m):
            values = self._values(start, stop, u, v, offset)
            if row_max is not None and u is not None:
                row_max[start:stop] = values.max(axis=1) + u[start:stop]
            hit = values > threshold
            if np.count_nonzero(hit) <= hit.size // 8:
                # Few pass (pricing, usually): hand them all over for the global pick.
                rows, cols = np.nonzero(hit)
                yield rows + start, cols, values[rows, cols]
                continue
            # Each column's best few in this block (the global pick is made later) ...
            height = stop - start
            take = min(limit, height)
            if take:
                idx = np.argpartition(values, height - take, axis=0)[height - take :, :]
                best = np.take_along_axis(values, idx, axis=0)
                hit = best > threshold
                yield idx[hit] + start, np.nonzero(hit)[1], best[hit]
            # ... and each row's best few, by repeated argmax (much faster than argpartition
            # for a handful); this overwrites `values`, so it comes last.
            lines = np.arange(height)
            for _ in range(min(ROW_CANDIDATES, m)):
                idx = np.argmax(values, axis=1)
                best = values[lines, idx]
                hit = best > threshold
                yield lines[hit] + start, idx[hit], best[hit]
                values[lines, idx] = -np.inf

    def kept(
        self, u: FloatArray, v: FloatArray, offset: float, floor: float, limit: int
    ) -> IntArray | None:
        parts: list[IntArray] = []
        found = 0
        for start, stop in _blocks(self.n, self.m):
            rows, cols = np.nonzero(self._values(start, stop, u, v, offset) >= floor)
            found += len(rows)
            if found > limit:
                return None
            parts.append((rows + start) * self.m + cols)
        return np.concatenate(parts) if parts else np.empty(0, dtype=np.int64)

    def reach(self, rows: IntArray) -> BoolArray:
        return np.asarray(self.eligible[rows].any(axis=0), dtype=np.bool_)

    def row_best(self) -> tuple[IntArray, FloatArray]:
        cols = np.full(self.n, -1, dtype=np.int64)
        best = np.full(self.n, -np.inf)
        if not self.m:
            return cols, best
        for start, stop in _blocks(self.n, self.m):
            values = np.where(self.eligible[start:stop], self.scores[start:stop], -np.inf)
            idx = np.argmax(values, axis=1)
            best[start:stop] = values[np.arange(stop - start), idx]
            cols[start:stop] = idx
        cols[best == -np.inf] = -1
        return cols, best

    def row_order(self, row: int, limit: int | None = None) -> tuple[IntArray, FloatArray]:
        cols = np.flatnonzero(self.eligible[row]).astype(np.int64)
        values = np.asarray(self.scores[row, cols], dtype=np.float64)
        return _order(cols, values, limit)

    def zero_cols(self, row: int) -> IntArray:
        if self.zero is None:
            return np.empty(0, dtype=np.int64)
        return np.flatnonzero(self.zero[row]).astype(np.int64)


class _SparseEdges(_Edges):
    def __init__(
        self, n: int, m: int, rows: IntArray, cols: IntArray, values: FloatArray, zero: IntArray
    ):
        order = np.lexsort((cols, rows))
        self.n, self.m = n, m
        self.rows, self.cols, self.values = rows[order], cols[order], values[order]
        self.indptr = np.concatenate(([0], np.cumsum(np.bincount(self.rows, minlength=n))))
        self.zero = np.sort(zero)  # keys row * m + col of allowed zero-score pairs
        self.keys = self.rows * m + self.cols
        self.count = len(self.rows)
        self.low = float(self.values.min()) if self.count else 0.0
        self.high = float(self.values.max()) if self.count else 0.0

    def weights(self, rows: IntArray, cols: IntArray) -> FloatArray:
        return self.values[np.searchsorted(self.keys, rows * self.m + cols)]

    def all_pairs(self) -> tuple[IntArray, IntArray]:
        return self.rows, self.cols

    def _values(self, u: FloatArray | None, v: FloatArray | None, offset: float) -> FloatArray:
        if u is None or v is None:
            return self.values
        return self.values + offset - u[self.rows] - v[self.cols]

    def scan(
        self,
        threshold: float,
        u: FloatArray | None,
        v: FloatArray | None,
        offset: float,
        row_max: FloatArray | None = None,
    ) -> Iterator[tuple[IntArray, IntArray, FloatArray]]:
        values = self._values(u, v, offset)
        if row_max is not None and u is not None:
            row_max.fill(-np.inf)
            filled = np.flatnonzero(np.diff(self.indptr))
            if filled.size:
                row_max[filled] = np.maximum.reduceat(values, self.indptr[filled]) + u[filled]
        hit = values > threshold
        yield self.rows[hit], self.cols[hit], values[hit]

    def kept(
        self, u: FloatArray, v: FloatArray, offset: float, floor: float, limit: int
    ) -> IntArray | None:
        keys = self.keys[self._values(u, v, offset) >= floor]
        return keys if len(keys) <= limit else None

    def _slices(self, rows: IntArray) -> IntArray:
        starts, stops = self.indptr[rows], self.indptr[rows + 1]
        lengths = stops - starts
        offsets = np.repeat(starts - np.cumsum(lengths) + lengths, lengths)
        return (offsets + np.arange(int(lengths.sum()))).astype(np.int64)

    def reach(self, rows: IntArray) -> BoolArray:
        hit = np.zeros(self.m, dtype=np.bool_)
        hit[self.cols[self._slices(rows)]] = True
        return hit

    def row_best(self) -> tuple[IntArray, FloatArray]:
        cols = np.full(self.n, -1, dtype=np.int64)
        best = np.full(self.n, -np.inf)
        if self.count:
            order = np.lexsort((self.cols, -self.values, self.rows))
            first = order[self.indptr[:-1][np.diff(self.indptr) > 0]]
            cols[self.rows[first]] = self.cols[first]
            best[self.rows[first]] = self.values[first]
        return cols, best

    def row_order(self, row: int, limit: int | None = None) -> tuple[IntArray, FloatArray]:
        start, stop = int(self.indptr[row]), int(self.indptr[row + 1])
        return _order(self.cols[start:stop], self.values[start:stop], limit)

    def zero_cols(self, row: int) -> IntArray:
        lo, hi = np.searchsorted(self.zero, [row * self.m, (row + 1) * self.m])
        return (self.zero[lo:hi] - row * self.m).astype(np.int64)


@dataclass
class _Prepared:
    n: int
    m: int
    objective: Objective
    edges: _Edges
    base: IntArray  # mentor of each must mentee, -1 elsewhere
    remaining: IntArray  # seats left after the must pairs
    score_of: Callable[[IntArray, IntArray], FloatArray]  # score of any allowed pairs

    def total(self, mentor_of: IntArray) -> float:
        rows = np.flatnonzero(mentor_of >= 0)
        return float(np.sum(self.score_of(rows, mentor_of[rows])))


def _prepare(problem: CohortProblem, report: Progress) -> _Prepared:
    report("building", 0.0)
    if problem.objective not in ("score", "coverage"):
        raise ValueError(f"objective must be 'score' or 'coverage', not {problem.objective!r}")
    if sp.issparse(problem.scores):
        prepared = _prepare_sparse(problem)
    else:
        prepared = _prepare_dense(problem, report)
    per_col = COL_CANDIDATES_PER_SEAT * prepared.remaining + 4
    prepared.edges.col_limit = np.minimum(per_col, COL_CANDIDATES_MAX)
    report("building", 1.0)
    return prepared


def _capacity(problem: CohortProblem, m: int) -> IntArray:
    raw = np.asarray(problem.capacity)
    if raw.shape != (m,):
        raise ValueError(f"capacity must have shape ({m},), one per mentor, not {raw.shape}")
    whole = np.issubdtype(raw.dtype, np.integer) or (
        np.issubdtype(raw.dtype, np.floating) and bool(np.all(raw == np.round(raw)))
    )
    if raw.size and not whole:
        raise ValueError("capacity must hold whole numbers")
    capacity = raw.astype(np.int64)
    if (capacity < 0).any():
        raise ValueError(f"capacity must be >= 0; mentor {int(np.argmax(capacity < 0))} has less")
    return capacity


def _apply_must(
    must: IntArray, allowed: Callable[[int, int], bool], capacity: IntArray, n: int
) -> tuple[IntArray, IntArray]:
    """Check the must pairs; return each mentee's forced mentor (-1 if none) and seats left."""
    base = np.full(n, -1, dtype=np.int64)
    for mentee, mentor in sorted({(int(i), int(j)) for i, j in must}):
        if base[mentee] >= 0:
            raise ValueError(
                f"mentee {mentee} has two must-match mentors ({int(base[mentee])} and {mentor})"
            )
        if not allowed(mentee, mentor):
            raise ValueError(f"must-match pair ({mentee}, {mentor}) is forbidden")
        base[mentee] = mentor
    load = np.bincount(base[base >= 0], minlength=len(capacity))
    over = np.flatnonzero(load > capacity)
    if over.size:
        j = int(over[0])
        raise ValueError(
            f"mentor {j} has {int(load[j])} must-match mentees but capacity {int(capacity[j])}"
        )
    return base, capacity - load


def _prepare_dense(problem: CohortProblem, report: Progress) -> _Prepared:
    scores = np.asarray(problem.scores)
    if scores.ndim != 2:
        raise ValueError(f"scores must be 2-D (mentees x mentors), not {scores.ndim}-D")
    if not np.issubdtype(scores.dtype, np.floating):
        if not (np.issubdtype(scores.dtype, np.integer) or scores.dtype == np.bool_):
            raise ValueError(f"scores must be numbers, not {scores.dtype}")
        scores = scores.astype(np.float64)
    n, m = scores.shape
    capacity = _capacity(problem, m)
    if problem.allowed is None:
        eligible = np.ones((n, m), dtype=np.bool_)
    else:
        mask = np.asarray(problem.allowed)
        if mask.shape != (n, m) or mask.dtype != np.bool_:
            raise ValueError(f"allowed must be a boolean array of shape {(n, m)}")
        eligible = mask.copy()
    forbidden = _pair_array(problem.forbidden, "forbidden", n, m)
    eligible[forbidden[:, 0], forbidden[:, 1]] = False
    blocks = list(_blocks(n, m))
    zero_found = False
    for number, (start, stop) in enumerate(blocks):
        allowed = eligible[start:stop]
        block = scores[start:stop]
        bad = allowed & ~np.isfinite(block)
        if bad.any():
            i, j = (int(x[0]) for x in np.nonzero(bad))
            raise ValueError(f"score of allowed pair ({start + i}, {j}) is not finite")
        if problem.objective == "score":
            zero_found = zero_found or bool((allowed & (block == 0)).any())
        report("building", 0.5 * (number + 1) / len(blocks))
    must = _pair_array(problem.must, "must-match", n, m)
    base, remaining = _apply_must(must, lambda i, j: bool(eligible[i, j]), capacity, n)
    must_rows, full_cols = base >= 0, remaining == 0
    zero: BoolArray | None = None
    if zero_found:
        zero = eligible & (scores == 0)
        zero[must_rows] = False
        zero[:, full_cols] = False
    if problem.objective == "score":
        for number, (start, stop) in enumerate(blocks):
            eligible[start:stop] &= scores[start:stop] > 0
            report("building", 0.5 + 0.4 * (number + 1) / len(blocks))
    eligible[must_rows] = False
    eligible[:, full_cols] = False

    def score_of(rows: IntArray, cols: IntArray) -> FloatArray:
        return np.asarray(scores[rows, cols], dtype=np.float64)

    edges = _DenseEdges(scores, eligible, zero)
    return _Prepared(n, m, problem.objective, edges, base, remaining, score_of)


def _prepare_sparse(problem: CohortProblem) -> _Prepared:
    if problem.allowed is not None:
        raise ValueError("allowed needs dense scores; with sparse scores leave the pairs out")
    matrix = sp.coo_array(problem.scores)
    n, m = (int(x) for x in matrix.shape)
    capacity = _capacity(problem, m)
    rows = np.asarray(matrix.row, dtype=np.int64)
    cols = np.asarray(matrix.col, dtype=np.int64)
    values = np.asarray(matrix.data, dtype=np.float64)
    keys = rows * m + cols
    order = np.argsort(keys, kind="stable")
    keys, rows, cols, values = keys[order], rows[order], cols[order], values[order]
    if keys.size and (np.diff(keys) == 0).any():
        i = int(np.argmax(np.diff(keys) == 0))
        raise ValueError(f"pair ({int(rows[i])}, {int(cols[i])}) is given twice")
    forbidden = _pair_array(problem.forbidden, "forbidden", n, m)
    keep = ~np.isin(keys, forbidden[:, 0] * m + forbidden[:, 1])
    keys, rows, cols, values = keys[keep], rows[keep], cols[keep], values[keep]
    bad = ~np.isfinite(values)
    if bad.any():
        i = int(np.argmax(bad))
        raise ValueError(f"score of allowed pair ({int(rows[i])}, {int(cols[i])}) is not finite")

    def allowed(i: int, j: int) -> bool:
        k = np.searchsorted(keys, i * m + j)
        return bool(k < len(keys) and keys[k] == i * m + j)

    must = _pair_array(problem.must, "must-match", n, m)
    base, remaining = _apply_must(must, allowed, capacity, n)
    usable = (base[rows] < 0) & (remaining[cols] > 0)
    zero = keys[usable & (values == 0)] if problem.objective == "score" else keys[:0]
    if problem.objective == "score":
        usable &= values > 0

    def score_of(r: IntArray, c: IntArray) -> FloatArray:
        return values[np.searchsorted(keys, r * m + c)]

    edges = _SparseEdges(n, m, rows[usable], cols[usable], values[usable], zero)
    return _Prepared(n, m, problem.objective, edges, base, remaining, score_of)


def _best_per_row_and_col(
    rows: IntArray, cols: IntArray, values: FloatArray, per_row: int, per_col: IntArray
) -> BoolArray:
    """Mask of each row's `per_row` best and each column's `per_col[col]` best entries."""
    keep = np.zeros(len(rows), dtype=np.bool_)
    for group, other, limit in ((rows, cols, None), (cols, rows, per_col)):
        order = np.lexsort((other, -values, group))
        sorted_group = group[order]
        rank = np.arange(len(order)) - np.searchsorted(sorted_group, sorted_group)
        bound = per_row if limit is None else limit[sorted_group]
        keep[order[rank < bound]] = True
    return keep


def _order(cols: IntArray, values: FloatArray, limit: int | None) -> tuple[IntArray, FloatArray]:
    """`cols` (ascending) by value, best first, ties in column order; a prefix with `limit`."""
    if limit is not None and len(values) > limit:
        # Everything at least as good as the limit-th best: an exact prefix, ties included.
        floor = np.partition(values, len(values) - limit)[len(values) - limit]
        keep = values >= floor
        cols, values = cols[keep], values[keep]
    order = np.argsort(-values, kind="stable")  # stable: ties keep the lower mentor first
    return cols[order], values[order]


def _pairs(mentor_of: IntArray) -> tuple[Pair, ...]:
    rows = np.flatnonzero(mentor_of >= 0)
    return tuple(zip(rows.tolist(), mentor_of[rows].tolist(), strict=True))


# --- greedy baseline ---------------------------------------------------------------------------


def _greedy(prepared: _Prepared) -> IntArray:
    """Each mentee's mentor (-1: none) by the greedy baseline described in `greedy`."""
    edges = prepared.edges
    mentor_of = prepared.base.copy()
    seats = prepared.remaining.copy()
    left = int(seats.sum())
    best_col, best_value = edges.row_best()
    rows = np.flatnonzero(best_col >= 0)
    # Lazy greedy: a heap of each free mentee's best pair as last seen. Mentors only ever fill
    # up, so a mentee's true best can only get worse; re-checking on pop yields exactly the
    # global "best remaining pair" order (ties by mentee, then mentor).
    heap = list(
        zip(
            (-best_value[rows]).tolist(),
            rows.tolist(),
            best_col[rows].tolist(),
            [-1] * len(rows),
            strict=True,
        )
    )
    heapq.heapify(heap)
    # A mentee's order is sorted lazily: a short prefix first, eight times longer ones as needed.
    orders: dict[int, tuple[IntArray, FloatArray, int]] = {}  # cols, scores, prefix asked
    open_seats = seats.tolist()  # plain list for the scalar bookkeeping ...
    is_open = seats > 0  # ... and a mask to skip full mentors a window at a time
    while heap and left:
        _, row, col, position = heapq.heappop(heap)
        if open_seats[col] > 0:
            mentor_of[row] = col
            open_seats[col] -= 1
            left -= 1
            is_open[col] = open_seats[col] > 0
            continue
        nxt, found = position + 1, -1
        while True:
            if row not in orders or (nxt >= len(orders[row][0]) >= orders[row][2]):
                asked = orders[row][2] * 8 if row in orders else GREEDY_PREFIX
                cols, values = edges.row_order(row, asked)
                orders[row] = (cols, values, asked)
            order, values, asked = orders[row]
            whole = len(order) < asked  # a prefix is at least `asked` long
            while nxt < len(order):
                window = is_open[order[nxt : nxt + 64]]
                if window.any():
                    found = nxt + int(window.argmax())
                    break
                nxt = min(nxt + 64, len(order))
            if found >= 0 or whole:
                break
        if found >= 0:
            heapq.heappush(heap, (-float(values[found]), row, int(order[found]), found))
    seats = np.array(open_seats, dtype=np.int64)
    if prepared.objective == "score":
        _zero_fill(prepared, mentor_of, seats)
    return mentor_of


def _zero_fill(prepared: _Prepared, mentor_of: IntArray, seats: IntArray) -> None:
    """Give still-free mentees an allowed zero-score pair where a seat is left (score-neutral)."""
    for row in np.flatnonzero(mentor_of < 0).tolist():
        cols = prepared.edges.zero_cols(row)
        open_cols = cols[seats[cols] > 0]
        if open_cols.size:
            mentor_of[row] = open_cols[0]
            seats[open_cols[0]] -= 1


# --- optimal assignment ------------------------------------------------------------------------


def _optimal(prepared: _Prepared, report: Progress) -> IntArray:
    """Each mentee's mentor (-1: none) in a proven optimum; the method is in the module doc."""
    report("solving", 0.0)
    edges, remaining, n, m = prepared.edges, prepared.remaining, prepared.n, prepared.m
    mentor_of = prepared.base.copy()
    if edges.count == 0:
        report("solving", 1.0)
        return mentor_of
    complete = edges.count <= ALL_PAIRS_LIMIT
    if complete:
        rows, cols = edges.all_pairs()
        keys = rows * m + cols
    else:
        keys = edges.candidates(edges.scan(-np.inf, None, None, 0.0))
    coverage = prepared.objective == "coverage"
    # Coverage bonus M = (k + 1) * unit > k * (max - min) - min: exact for augmenting paths
    # with up to k old pairs; k grows only when the result can still be augmented.
    unit = (edges.high - edges.low) + abs(edges.low) + 1.0
    free_rows = prepared.base < 0
    k_needed = min(int(np.count_nonzero(free_rows)), int(remaining.sum()))
    k = 1
    rounds = fixings = 0
    while True:
        offset = (k + 1) * unit if coverage else 0.0
        tol = RELATIVE_TOLERANCE * max(1.0, abs(edges.low + offset), abs(edges.high + offset))
        rows, cols = keys // m, keys % m
        weights = edges.weights(rows, cols) + offset
        chosen, u, v = _solve_candidates(n, m, rows, cols, weights, remaining, tol)
        rounds += 1
        report("solving", min(0.95, 1.0 - 0.5**rounds))
        if not complete:
            row_max = np.empty(n)
            violated = edges.candidates(edges.scan(tol, u, v, offset, row_max))
            # The mentor prices v with each mentee's best use of them over *all* pairs are a
            # feasible dual of the full problem; its value bounds every assignment from above.
            u_all = np.maximum(row_max, 0.0)
            gap = float(u_all.sum() + remaining @ v) - float(weights[chosen].sum())
            if gap > tol * (n + 1):
                # Reduced-cost fixing: an assignment using a pair with w - u_all - v < -gap is
                # worse than the one in hand (its value is at most the bound minus that), so
                # the optimum lies among the other pairs; usually about one per mentee.
                kept = None
                if fixings < FIXING_ROUNDS:
                    kept = edges.kept(u_all, v, offset, -gap - tol, len(keys))
                if kept is not None and not np.array_equal(kept, keys):
                    keys, fixings = kept, fixings + 1
                    continue
                fresh = np.setdiff1d(violated, keys, assume_unique=True)
                if fresh.size:
                    keys = np.union1d(keys, fresh)
                    continue
        lp_mentor = np.full(n, -1, dtype=np.int64)
        lp_mentor[rows[chosen]] = cols[chosen]
        if coverage and _can_augment(edges, lp_mentor, free_rows, remaining):
            if k >= k_needed:
                raise RuntimeError("coverage bonus is past its proven bound; numerical trouble")
            k, fixings = min(k * 16, k_needed), 0
            continue
        break
    mentor_of[rows[chosen]] = cols[chosen]
    if prepared.objective == "score":
        seats = remaining - np.bincount(cols[chosen], minlength=m)
        _zero_fill(prepared, mentor_of, seats)
    report("solving", 1.0)
    return mentor_of


def _solve_candidates(
    n: int,
    m: int,
    rows: IntArray,
    cols: IntArray,
    weights: FloatArray,
    capacity: IntArray,
    tol: float,
) -> tuple[BoolArray, FloatArray, FloatArray]:
    """The optimal choice among the candidate pairs, with prices (u, v) that certify it."""
    for method, options in LP_ATTEMPTS:
        chosen = _restricted_lp(n, m, rows, cols, weights, capacity, method, options)
        if chosen is None:
            continue
        prices = _duals(n, m, rows, cols, weights, chosen, capacity, tol)
        if prices is not None:
            return chosen, prices[0], prices[1]
    raise RuntimeError("HiGHS did not find a certifiably optimal assignment")


def _restricted_lp(
    n: int,
    m: int,
    rows: IntArray,
    cols: IntArray,
    weights: FloatArray,
    capacity: IntArray,
    method: str,
    options: dict[str, Any],
) -> BoolArray | None:
    """Which candidate pairs the transportation LP over the candidates chooses (None: failed)."""
    count = len(rows)
    if not count:
        return np.zeros(0, dtype=np.bool_)
    # Column p of the constraint matrix has a 1 in mentee row rows[p] and mentor row n + cols[p].
    indices = np.empty(2 * count, dtype=np.int64)
    indices[0::2], indices[1::2] = rows, n + cols
    matrix = sp.csc_array(
        (np.ones(2 * count), indices, np.arange(0, 2 * count + 1, 2)), shape=(n + m, count)
    )
    bounds = np.concatenate((np.ones(n), capacity.astype(np.float64)))
    result = linprog(
        -weights, A_ub=matrix, b_ub=bounds, bounds=(0, None), method=method, options=options
    )
    if result.status != 0 or result.x is None:
        return None
    x = np.asarray(result.x, dtype=np.float64)
    # Total unimodularity makes every vertex integral; check rather than trust.
    if np.abs(x - np.round(x)).max() > 1e-6:
        return None
    return x > 0.5


def _duals(
    n: int,
    m: int,
    rows: IntArray,
    cols: IntArray,
    weights: FloatArray,
    chosen: BoolArray,
    capacity: IntArray,
    tol: float,
) -> tuple[FloatArray, FloatArray] | None:
    """Dual prices (u per mentee, v per mentor) that prove the candidate solution optimal.

    Node 0 is the zero price, node j + 1 is mentor j; an arc a -> b of length L says
    v[b] <= v[a] + L, and shortest distances from node 0 satisfy all of them:
    - mentee i on mentor j, candidate k: w[i, j] - v[j] >= w[i, k] - v[k]   (k -> j)
      and u[i] = w[i, j] - v[j] >= 0                                        (0 -> j)
    - unmatched mentee i, candidate k: v[k] >= w[i, k], i.e. u[i] = 0 works (k -> 0)
    - mentor with a free seat: v[j] <= 0 (0 -> j); every mentor: v[j] >= 0  (j -> 0)
    A negative cycle would mean the LP answer is not optimal.
    """
    mentor = np.full(n, -1, dtype=np.int64)
    mentor[rows[chosen]] = cols[chosen]
    own = np.zeros(n)
    own[rows[chosen]] = weights[chosen]
    matched = rows[chosen]
    on = mentor[rows] >= 0  # candidate pairs of matched mentees
    open_cols = np.flatnonzero(np.bincount(cols[chosen], minlength=m) < capacity)
    mentor_nodes = np.arange(1, m + 1)
    arcs = (
        (cols[on] + 1, mentor[rows[on]] + 1, own[rows[on]] - weights[on]),
        (0, mentor[matched] + 1, own[matched]),
        (cols[~on] + 1, 0, -weights[~on]),
        (0, open_cols + 1, 0.0),
        (mentor_nodes, 0, 0.0),
    )
    shaped = [np.broadcast_arrays(np.asarray(a), np.asarray(b), np.asarray(c)) for a, b, c in arcs]
    source = np.concatenate([a for a, _, _ in shaped]).astype(np.int64)
    target = np.concatenate([b for _, b, _ in shaped]).astype(np.int64)
    length = np.concatenate([c for _, _, c in shaped]).astype(np.float64)
    order = np.argsort(target, kind="stable")
    source, target, length = source[order], target[order], length[order]
    starts = np.flatnonzero(np.diff(target, prepend=-1))
    heads = target[starts]
    dist = np.full(m + 1, np.inf)
    dist[0] = 0.0
    slack = tol * 1e-3  # ignore improvements below rounding noise
    for _ in range(m + 2):
        best = np.minimum.reduceat(dist[source] + length, starts)
        better = best < dist[heads] - slack
        if not better.any():
            break
        dist[heads[better]] = best[better]
    else:
        return None  # a negative cycle: the LP answer is not optimal
    v = dist[1:]
    v[~np.isfinite(v)] = 0.0  # mentors without seats: no candidate pair uses them
    u = np.zeros(n)
    u[matched] = own[matched] - v[mentor[matched]]
    # Complementary slackness makes the dual value equal the primal one; a bug would not.
    gap = abs(float(u.sum() + (capacity * v).sum()) - float(weights[chosen].sum()))
    if gap > tol * (len(matched) + 1) * 1e3:
        raise RuntimeError(f"dual prices do not certify the assignment (gap {gap:.3g})")
    return u, v


def _can_augment(
    edges: _Edges, mentor_of: IntArray, free_rows: BoolArray, remaining: IntArray
) -> bool:
    """Whether an alternating path (over all eligible pairs) could match one more mentee."""
    load = np.bincount(mentor_of[mentor_of >= 0], minlength=edges.m)
    spare = load < remaining
    seen = np.zeros(edges.m, dtype=np.bool_)
    frontier = np.flatnonzero(free_rows & (mentor_of < 0))
    while frontier.size:
        reached = edges.reach(frontier) & ~seen
        if (reached & spare).any():
            return True
        seen |= reached
        on = mentor_of >= 0
        frontier = np.flatnonzero(on & reached[np.where(on, mentor_of, 0)])
    return False
