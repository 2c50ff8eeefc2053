"""Cohort assignment: optimal against brute force and an independent solver, never worse than
greedy, and strict about capacity, forbidden pairs and must pairs.

No database: the assignment is a pure computation. Several tests shrink the module's tuning
knobs so that candidate selection, column generation and reduced-cost fixing run on instances
small enough to check exhaustively.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from typing import Any

import numpy as np
import pytest
from scipy.optimize import linear_sum_assignment  # type: ignore[import-untyped]

from bitesize.matching import cohort
from bitesize.matching.cohort import CohortProblem, CohortResult, bench, greedy, solve

Instance = tuple[np.ndarray, np.ndarray, np.ndarray, tuple[tuple[int, int], ...]]


@pytest.fixture
def tiny_knobs(monkeypatch: pytest.MonkeyPatch) -> None:
    # One candidate per mentee and mentor, no shortcut for small problems, one-row blocks:
    # every instance goes through pricing, fixing and column generation.
    monkeypatch.setattr(cohort, "ALL_PAIRS_LIMIT", 0)
    monkeypatch.setattr(cohort, "ROW_CANDIDATES", 1)
    monkeypatch.setattr(cohort, "COL_CANDIDATES_MAX", 1)
    monkeypatch.setattr(cohort, "BLOCK_CELLS", 1)


def random_instance(rng: np.random.Generator, n: int, m: int) -> Instance:
    """Scores with negatives, exact zeros and ties; about 30 % forbidden; up to two must pairs."""
    scores = np.round(rng.normal(0.3, 0.6, (n, m)), 1)
    allowed = rng.random((n, m)) >= 0.3
    capacity = rng.integers(0, 3, m)
    must: list[tuple[int, int]] = []
    for _ in range(rng.integers(0, 3)):
        if n and m:
            i, j = int(rng.integers(n)), int(rng.integers(m))
            taken = np.bincount([b for _, b in must], minlength=m)[j]
            if allowed[i, j] and taken < capacity[j] and all(a != i for a, _ in must):
                must.append((i, j))
    return scores, allowed, capacity, tuple(must)


def brute_force(instance: Instance, objective: str) -> tuple[int, float]:
    """Best (matched, score) by enumerating every assignment; "score" ignores matched."""
    scores, allowed, capacity, must = instance
    n, m = scores.shape
    best: tuple[int, float] | None = None
    result = (0, 0.0)
    forced = dict(must)
    for choice in itertools.product(range(-1, m), repeat=n):
        if any(choice[i] != j for i, j in forced.items()):
            continue
        if any(j >= 0 and not allowed[i, j] for i, j in enumerate(choice)):
            continue
        if any(choice.count(j) > capacity[j] for j in range(m)):
            continue
        value = float(sum(scores[i, j] for i, j in enumerate(choice) if j >= 0))
        matched = sum(j >= 0 for j in choice)
        count = 0 if objective == "score" else matched
        if best is None or (count, value) > (best[0], best[1] + 1e-9):
            best, result = (count, value), (matched, value)
    return result


def seats_optimum(scores: np.ndarray, allowed: np.ndarray, capacity: np.ndarray, objective: str):
    """The optimum by scipy's linear_sum_assignment with one column per seat (an independent
    method): each mentee also gets a private "unmatched" column of value 0."""
    n, m = scores.shape
    seat_mentor = np.repeat(np.arange(m), capacity)
    bonus = 0.0
    if objective == "coverage":
        bonus = (n + 1) * (np.ptp(scores) + abs(scores.min()) + 1)
    value = np.where(allowed[:, seat_mentor], scores[:, seat_mentor] + bonus, -np.inf)
    dummy = np.full((n, n), -np.inf)
    np.fill_diagonal(dummy, 0.0)
    rows, cols = linear_sum_assignment(np.hstack((value, dummy)), maximize=True)
    real = cols < len(seat_mentor)
    matched = int(real.sum())
    return matched, float(scores[rows[real], seat_mentor[cols[real]]].sum())


def assert_valid(result: CohortResult, instance: Instance) -> None:
    scores, allowed, capacity, must = instance
    n, m = scores.shape
    mentees = [i for i, _ in result.pairs]
    assert mentees == sorted(set(mentees)), "one mentor per mentee, sorted by mentee"
    assert all(allowed[i, j] for i, j in result.pairs)
    load = np.bincount([j for _, j in result.pairs], minlength=m)
    assert (load <= capacity).all()
    assert set(must) <= set(result.pairs)
    assert result.matched == len(result.pairs)
    assert result.coverage == (len(result.pairs) / n if n else 0.0)
    assert result.objective_value == pytest.approx(sum(scores[i, j] for i, j in result.pairs))


def test_it_matches_brute_force_on_small_instances() -> None:
    rng = np.random.default_rng(11)
    for _ in range(120):
        instance = random_instance(rng, int(rng.integers(0, 6)), int(rng.integers(0, 4)))
        scores, allowed, capacity, must = instance
        for objective in ("score", "coverage"):
            result = solve(CohortProblem(scores, capacity, allowed, must, objective))
            assert_valid(result, instance)
            matched, value = brute_force(instance, objective)
            assert result.objective_value == pytest.approx(value, abs=1e-9)
            if objective == "coverage":
                assert result.matched == matched


@pytest.mark.usefixtures("tiny_knobs")
@pytest.mark.parametrize("layout", ["dense", "sparse"])
def test_column_generation_matches_brute_force(layout: str) -> None:
    rng = np.random.default_rng(12)
    for _ in range(80):
        instance = random_instance(rng, int(rng.integers(0, 6)), int(rng.integers(0, 4)))
        scores, allowed, capacity, must = instance
        for objective in ("score", "coverage"):
            if layout == "dense":
                problem = CohortProblem(scores, capacity, allowed, must, objective)
            else:
                rows, cols = np.nonzero(allowed)
                problem = CohortProblem.from_triples(
                    rows,
                    cols,
                    scores[rows, cols],
                    n_mentees=scores.shape[0],
                    n_mentors=scores.shape[1],
                    capacity=capacity,
                    must=must,
                    objective=objective,
                )
            result = solve(problem)
            assert_valid(result, instance)
            matched, value = brute_force(instance, objective)
            assert result.objective_value == pytest.approx(value, abs=1e-9)
            if objective == "coverage":
                assert result.matched == matched


@pytest.mark.usefixtures("tiny_knobs")
@pytest.mark.parametrize("method", ["highs-ipm", "highs-ds"])
def test_each_lp_method_alone_gives_the_optimum(
    monkeypatch: pytest.MonkeyPatch, method: str
) -> None:
    monkeypatch.setattr(cohort, "LP_ATTEMPTS", ((method, {}),))
    rng = np.random.default_rng(13)
    for _ in range(40):
        instance = random_instance(rng, 5, 3)
        scores, allowed, capacity, must = instance
        result = solve(CohortProblem(scores, capacity, allowed, must))
        assert result.objective_value == pytest.approx(brute_force(instance, "score")[1])


def test_it_falls_back_to_dual_simplex_when_the_first_lp_fails(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # No iterations and no presolve: the first attempt stops without an answer.
    attempts: tuple[tuple[str, dict[str, Any]], ...] = (
        ("highs-ipm", {"maxiter": 0, "presolve": False}),
        ("highs-ds", {}),
    )
    monkeypatch.setattr(cohort, "LP_ATTEMPTS", attempts)
    outcomes: list[tuple[str, bool]] = []
    real_lp = cohort._restricted_lp

    def spy(*args: Any) -> Any:
        chosen = real_lp(*args)
        outcomes.append((args[-2], chosen is not None))
        return chosen

    monkeypatch.setattr(cohort, "_restricted_lp", spy)
    instance = random_instance(np.random.default_rng(14), 5, 3)
    scores, allowed, capacity, must = instance
    result = solve(CohortProblem(scores, capacity, allowed, must))
    assert result.objective_value == pytest.approx(brute_force(instance, "score")[1])
    assert outcomes == [("highs-ipm", False), ("highs-ds", True)]


def correlated_instance(rng: np.random.Generator, n: int, m: int) -> Instance:
    # Everyone wants the same few mentors: candidates by raw score are poor, so pricing,
    # fixing and column generation all have work to do.
    quality = rng.random(m)
    scores = 0.8 * quality[None, :] + 0.2 * rng.random((n, m))
    allowed = rng.random((n, m)) >= 0.3
    capacity = rng.integers(0, 5, m)
    return scores, allowed, capacity, ()


@pytest.mark.parametrize("objective", ["score", "coverage"])
def test_it_matches_an_independent_solver_on_medium_instances(
    monkeypatch: pytest.MonkeyPatch, objective: str
) -> None:
    monkeypatch.setattr(cohort, "ALL_PAIRS_LIMIT", 0)
    monkeypatch.setattr(cohort, "ROW_CANDIDATES", 2)
    monkeypatch.setattr(cohort, "COL_CANDIDATES_MAX", 2)
    kept_sizes: list[int | None] = []
    real_kept = cohort._DenseEdges.kept

    def spy(self: Any, *args: Any) -> Any:
        kept = real_kept(self, *args)
        kept_sizes.append(None if kept is None else len(kept))
        return kept

    monkeypatch.setattr(cohort._DenseEdges, "kept", spy)
    rng = np.random.default_rng(15)
    for n, m in [(60, 15), (80, 30), (40, 40), (120, 10)]:
        for make in (random_instance, correlated_instance):
            instance = make(rng, n, m)
            scores, allowed, capacity, _ = instance
            result = solve(CohortProblem(scores, capacity, allowed, (), objective))
            assert_valid(result, (scores, allowed, capacity, ()))
            matched, value = seats_optimum(scores, allowed, capacity, objective)
            if objective == "coverage":
                assert result.matched == matched
            assert result.objective_value == pytest.approx(value, abs=1e-9)
    assert any(size is not None for size in kept_sizes), "reduced-cost fixing was exercised"


def test_sparse_and_dense_inputs_agree() -> None:
    rng = np.random.default_rng(16)
    scores, allowed, capacity, _ = correlated_instance(rng, 200, 40)
    rows, cols = np.nonzero(allowed)
    for objective in ("score", "coverage"):
        dense = solve(CohortProblem(scores, capacity, allowed, objective=objective))
        sparse = solve(
            CohortProblem.from_triples(
                rows,
                cols,
                scores[rows, cols],
                n_mentees=200,
                n_mentors=40,
                capacity=capacity,
                objective=objective,
            )
        )
        assert sparse.objective_value == pytest.approx(dense.objective_value, abs=1e-9)
        assert sparse.matched == dense.matched
        assert greedy(
            CohortProblem.from_triples(
                rows, cols, scores[rows, cols], n_mentees=200, n_mentors=40, capacity=capacity
            )
        ) == greedy(CohortProblem(scores, capacity, allowed))


def reference_greedy(instance: Instance, objective: str) -> tuple[tuple[int, int], ...]:
    """Greedy as specified, the slow way: sort every allowed pair once and scan."""
    scores, allowed, capacity, must = instance
    n, m = scores.shape
    mentor_of = dict(must)
    seats = capacity.copy()
    for _, j in must:
        seats[j] -= 1
    pairs = [(i, j) for i in range(n) for j in range(m) if allowed[i, j]]
    if objective == "score":
        pairs = [(i, j) for i, j in pairs if scores[i, j] > 0]
    for i, j in sorted(pairs, key=lambda p: (-scores[p], p[0], p[1])):
        if i not in mentor_of and seats[j] > 0:
            mentor_of[i], seats[j] = j, seats[j] - 1
    if objective == "score":
        for i in range(n):
            free = [j for j in range(m) if allowed[i, j] and scores[i, j] == 0 and seats[j] > 0]
            if i not in mentor_of and free:
                mentor_of[i], seats[free[0]] = free[0], seats[free[0]] - 1
    return tuple(sorted(mentor_of.items()))


@pytest.mark.parametrize("prefix", [1, 2, 32])
def test_greedy_takes_the_best_remaining_pair_first(
    monkeypatch: pytest.MonkeyPatch, prefix: int
) -> None:
    monkeypatch.setattr(cohort, "GREEDY_PREFIX", prefix)
    rng = np.random.default_rng(17)
    for _ in range(150):
        instance = random_instance(rng, int(rng.integers(0, 9)), int(rng.integers(0, 5)))
        scores, allowed, capacity, must = instance
        for objective in ("score", "coverage"):
            problem = CohortProblem(scores, capacity, allowed, must, objective)
            assert greedy(problem) == reference_greedy(instance, objective)


def test_greedy_is_never_better() -> None:
    rng = np.random.default_rng(18)
    for _ in range(60):
        n, m = int(rng.integers(1, 40)), int(rng.integers(1, 12))
        instance = random_instance(rng, n, m)
        scores, allowed, capacity, must = instance
        for objective in ("score", "coverage"):
            result = solve(CohortProblem(scores, capacity, allowed, must, objective))
            pairs = greedy(CohortProblem(scores, capacity, allowed, must, objective))
            greedy_value = sum(scores[i, j] for i, j in pairs)
            assert result.greedy_matched == len(pairs)
            assert result.greedy_value == pytest.approx(greedy_value)
            if objective == "score":
                assert result.objective_value >= greedy_value - 1e-9
            else:
                assert (result.matched, result.objective_value + 1e-9) >= (
                    len(pairs),
                    greedy_value,
                )


def test_greedy_is_strictly_worse_on_a_crafted_instance() -> None:
    # Greedy grabs the single best pair (0, 0) and leaves mentee 1 the poor mentor 1; the
    # optimum gives mentor 0 to mentee 1 and mentor 1 to mentee 0.
    scores = np.array([[1.0, 0.9], [0.8, 0.1]])
    result = solve(CohortProblem(scores, np.array([1, 1])))
    assert result.pairs == ((0, 1), (1, 0))
    assert result.objective_value == pytest.approx(1.7)
    assert greedy(CohortProblem(scores, np.array([1, 1]))) == ((0, 0), (1, 1))
    assert result.greedy_value == pytest.approx(1.1)
    assert result.gain_over_greedy == pytest.approx(1.7 / 1.1 - 1)


def test_must_pairs_are_kept_even_when_they_cost_score() -> None:
    scores = np.array([[1.0, 0.9], [0.8, 0.1]])
    problem = CohortProblem(scores, np.array([1, 1]), must=((0, 0),))
    result = solve(problem)
    assert result.pairs == ((0, 0), (1, 1))
    assert result.objective_value == pytest.approx(1.1)
    assert greedy(problem) == ((0, 0), (1, 1))


def test_a_must_pair_with_a_negative_score_is_still_kept() -> None:
    scores = np.array([[-0.5, 0.2]])
    result = solve(CohortProblem(scores, np.array([1, 1]), must=((0, 0),)))
    assert result.pairs == ((0, 0),)
    assert result.objective_value == pytest.approx(-0.5)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"allowed": np.array([[False, True], [True, True]])}, r"pair \(0, 0\) is forbidden"),
        ({"forbidden": ((0, 0),)}, r"pair \(0, 0\) is forbidden"),
        ({"must": ((0, 0), (1, 0))}, "mentor 0 has 2 must-match mentees but capacity 1"),
        ({"must": ((0, 0), (0, 1))}, r"mentee 0 has two must-match mentors \(0 and 1\)"),
        ({"must": ((0, 5),)}, r"must-match mentor index 5 is out of range \(0..1\)"),
        ({"must": ((0, 1),), "capacity": np.array([1, 0])}, "mentor 1 has 1 must-match"),
    ],
)
def test_conflicting_must_pairs_are_rejected(changes: dict[str, Any], message: str) -> None:
    fields: dict[str, Any] = {
        "scores": np.array([[1.0, 0.5], [0.5, 1.0]]),
        "capacity": np.array([1, 1]),
        "must": ((0, 0),),
    }
    fields.update(changes)
    with pytest.raises(ValueError, match=message):
        solve(CohortProblem(**fields))
    with pytest.raises(ValueError, match=message):
        greedy(CohortProblem(**fields))


def test_the_same_must_pair_twice_counts_once() -> None:
    problem = CohortProblem(np.array([[1.0, 0.5]]), np.array([1, 1]), must=((0, 1), (0, 1)))
    assert solve(problem).pairs == ((0, 1),)


def test_mentors_with_capacity_zero_stay_unused() -> None:
    rng = np.random.default_rng(19)
    scores = rng.random((30, 6))
    scores[:, 2] = 5.0  # everyone's favourite, but closed
    capacity = np.array([3, 2, 0, 4, 0, 1])
    for objective in ("score", "coverage"):
        result = solve(CohortProblem(scores, capacity, objective=objective))
        used = {j for _, j in result.pairs}
        assert used.isdisjoint({2, 4})
        assert result.matched == 10


@pytest.mark.usefixtures("tiny_knobs")
def test_forbidden_pairs_are_never_used() -> None:
    rng = np.random.default_rng(20)
    scores = rng.random((40, 8)) + 1.0
    allowed = rng.random((40, 8)) >= 0.5
    # The best pair of each mentee is forbidden by the list on top of the mask.
    forbidden = tuple((i, int(np.argmax(scores[i]))) for i in range(40))
    capacity = np.full(8, 10)
    for objective in ("score", "coverage"):
        problem = CohortProblem(scores, capacity, allowed, (), objective, forbidden)
        for pairs in (solve(problem).pairs, greedy(problem)):
            assert all(allowed[i, j] for i, j in pairs)
            assert set(pairs).isdisjoint(forbidden)


def test_forbidden_pairs_may_hold_any_score() -> None:
    scores = np.array([[np.nan, 0.4], [np.inf, -np.inf]])
    allowed = np.array([[False, True], [False, False]])
    result = solve(CohortProblem(scores, np.array([1, 1]), allowed))
    assert result.pairs == ((0, 1),)


@pytest.mark.parametrize(
    ("n", "m", "allowed"), [(0, 3, None), (3, 0, None), (0, 0, None), (3, 2, "none")]
)
def test_empty_problems_give_empty_results(n: int, m: int, allowed: str | None) -> None:
    mask = np.zeros((n, m), dtype=bool) if allowed == "none" else None
    for objective in ("score", "coverage"):
        problem = CohortProblem(np.ones((n, m)), np.ones(m, dtype=np.int64), mask, (), objective)
        result = solve(problem)
        assert result.pairs == ()
        assert (result.matched, result.coverage, result.objective_value) == (0, 0.0, 0.0)
        assert (result.greedy_value, result.gain_over_greedy) == (0.0, 0.0)
        assert greedy(problem) == ()
    empty = CohortProblem.from_triples([], [], [], n_mentees=n, n_mentors=m, capacity=np.ones(m))
    assert solve(empty).pairs == ()


def test_coverage_matches_more_mentees_than_score() -> None:
    # Mentee 0 loves mentor 0, who is mentee 1's only option; mentor 1 is mentee 0's poor
    # second choice. "score" gives mentor 0 to mentee 0 (1.0, one matched); "coverage" moves
    # mentee 0 to mentor 1 so that mentee 1 can have mentor 0 (0.3, both matched).
    scores = np.array([[1.0, 0.1], [0.2, 0.9]])
    allowed = np.array([[True, True], [True, False]])
    by_score = solve(CohortProblem(scores, np.array([1, 1]), allowed))
    by_coverage = solve(CohortProblem(scores, np.array([1, 1]), allowed, objective="coverage"))
    assert by_score.pairs == ((0, 0),)
    assert by_coverage.pairs == ((0, 1), (1, 0))
    assert by_coverage.matched > by_score.matched
    assert by_coverage.objective_value == pytest.approx(0.3)
    assert by_coverage.coverage == 1.0


@pytest.mark.parametrize("knobs", ["default", "tiny"])
def test_coverage_follows_a_long_costly_augmenting_path(
    request: pytest.FixtureRequest, knobs: str
) -> None:
    # Mentee i scores 1.0 with mentor i - 1 and 0.0 with mentor i. The best total leaves
    # mentee 0 out; matching everyone means moving all forty one step along the chain, losing
    # 40 points for one more mentee: far more than the first, small coverage bonus pays for.
    if knobs == "tiny":
        request.getfixturevalue("tiny_knobs")
    length = 40
    scores = np.zeros((length + 1, length + 1))
    allowed = np.eye(length + 1, dtype=bool)
    for i in range(1, length + 1):
        scores[i, i - 1] = 1.0
        allowed[i, i - 1] = True
    capacity = np.ones(length + 1, dtype=np.int64)
    by_score = solve(CohortProblem(scores, capacity, allowed))
    by_coverage = solve(CohortProblem(scores, capacity, allowed, objective="coverage"))
    assert by_score.pairs == tuple((i, i - 1) for i in range(1, length + 1))
    assert (by_score.matched, by_score.objective_value) == (length, length)
    assert by_coverage.pairs == tuple((i, i) for i in range(length + 1))
    assert (by_coverage.matched, by_coverage.objective_value) == (length + 1, 0.0)


def test_score_never_takes_a_negative_pair_but_coverage_may() -> None:
    scores = np.array([[-0.2, -0.1]])
    assert solve(CohortProblem(scores, np.array([1, 1]))).pairs == ()
    assert greedy(CohortProblem(scores, np.array([1, 1]))) == ()
    coverage = CohortProblem(scores, np.array([1, 1]), objective="coverage")
    assert solve(coverage).pairs == ((0, 1),)
    assert greedy(coverage) == ((0, 1),)


def test_score_gives_zero_score_pairs_to_mentees_left_over() -> None:
    # Mentee 1's only allowed pair scores 0: it changes nothing, so it is taken while there
    # is a seat; mentee 2's zero pair is with the same mentor, who is full by then.
    scores = np.array([[0.7, 0.0], [0.0, 0.0], [0.5, 0.0]])
    allowed = np.array([[True, False], [False, True], [True, True]])
    result = solve(CohortProblem(scores, np.array([1, 1]), allowed))
    assert result.pairs == ((0, 0), (1, 1))
    assert result.objective_value == pytest.approx(0.7)


def test_progress_reports_each_phase_in_order() -> None:
    calls: list[tuple[str, float]] = []
    rng = np.random.default_rng(21)
    solve(
        CohortProblem(rng.random((50, 10)), np.full(10, 4)),
        progress=lambda phase, fraction: calls.append((phase, fraction)),
    )
    phases = [phase for phase, _ in calls]
    assert [p for i, p in enumerate(phases) if i == 0 or phases[i - 1] != p] == [
        "building",
        "solving",
        "greedy",
        "done",
    ]
    assert all(0.0 <= fraction <= 1.0 for _, fraction in calls)
    for phase in ("building", "solving", "greedy"):
        fractions = [f for p, f in calls if p == phase]
        assert fractions == sorted(fractions)
        assert (fractions[0], fractions[-1]) == (0.0, 1.0)
    assert calls[-1] == ("done", 1.0)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"scores": np.ones(3)}, "scores must be 2-D"),
        ({"scores": np.array([["a", "b"]] * 2)}, "scores must be numbers"),
        ({"capacity": np.array([1, 1, 1])}, r"capacity must have shape \(2,\)"),
        ({"capacity": np.array([1, -1])}, "capacity must be >= 0; mentor 1"),
        ({"capacity": np.array([1.5, 1.0])}, "whole numbers"),
        ({"allowed": np.ones((2, 3), dtype=bool)}, "allowed must be a boolean array"),
        ({"allowed": np.ones((2, 2))}, "allowed must be a boolean array"),
        ({"scores": np.array([[1.0, np.nan], [0.0, 1.0]])}, r"pair \(0, 1\) is not finite"),
        ({"forbidden": ((2, 0),)}, "forbidden mentee index 2 is out of range"),
        ({"objective": "happiness"}, "objective must be 'score' or 'coverage'"),
    ],
)
def test_malformed_input_is_rejected(changes: dict[str, Any], message: str) -> None:
    fields: dict[str, Any] = {"scores": np.array([[1.0, 0.5], [0.5, 1.0]]), "capacity": [1, 1]}
    fields.update(changes)
    with pytest.raises(ValueError, match=message):
        solve(CohortProblem(**fields))


def test_malformed_sparse_input_is_rejected() -> None:
    with pytest.raises(ValueError, match=r"pair \(0, 1\) is given twice"):
        solve(
            CohortProblem.from_triples(
                [0, 0], [1, 1], [0.5, 0.6], n_mentees=1, n_mentors=2, capacity=[1, 1]
            )
        )
    with pytest.raises(ValueError, match="mentor index 2 is out of range"):
        CohortProblem.from_triples([0], [2], [0.5], n_mentees=1, n_mentors=2, capacity=[1, 1])
    with pytest.raises(ValueError, match="same length"):
        CohortProblem.from_triples([0, 1], [0], [0.5], n_mentees=2, n_mentors=2, capacity=[1, 1])
    with pytest.raises(ValueError, match=r"pair \(0, 1\) is not finite"):
        solve(
            CohortProblem.from_triples(
                [0, 0], [0, 1], [0.5, np.inf], n_mentees=1, n_mentors=2, capacity=[1, 1]
            )
        )
    problem = CohortProblem.from_triples([0], [0], [0.5], n_mentees=1, n_mentors=1, capacity=[1])
    with pytest.raises(ValueError, match="allowed needs dense scores"):
        solve(CohortProblem(problem.scores, problem.capacity, np.ones((1, 1), dtype=bool)))


def test_whole_number_scores_are_fine() -> None:
    result = solve(CohortProblem(np.array([[3, 1], [2, 1]]), np.array([1, 1])))
    assert result.pairs == ((0, 0), (1, 1))
    assert result.objective_value == 4.0


def test_prices_certify_an_optimal_choice_and_refuse_a_suboptimal_one() -> None:
    # The crafted instance: candidates are all four pairs; (0, 1) + (1, 0) is optimal (1.7),
    # greedy's (0, 0) + (1, 1) is not (1.1).
    rows, cols = np.array([0, 0, 1, 1]), np.array([0, 1, 0, 1])
    weights = np.array([1.0, 0.9, 0.8, 0.1])
    capacity = np.array([1, 1])
    optimal = np.array([False, True, True, False])
    prices = cohort._duals(2, 2, rows, cols, weights, optimal, capacity, 1e-9)
    assert prices is not None
    u, v = prices
    assert (u >= -1e-12).all() and (v >= -1e-12).all()
    assert (u[rows] + v[cols] >= weights - 1e-12).all()
    assert u.sum() + capacity @ v == pytest.approx(1.7)
    suboptimal = np.array([True, False, False, True])
    assert cohort._duals(2, 2, rows, cols, weights, suboptimal, capacity, 1e-9) is None


def test_a_sparse_problem_only_uses_the_given_pairs() -> None:
    problem = CohortProblem.from_triples(
        [0, 1, 1, 2],
        [1, 1, 0, 0],
        [0.9, 0.8, 0.1, 0.0],
        n_mentees=3,
        n_mentors=2,
        capacity=[1, 1],
        must=((2, 0),),
    )
    result = solve(problem)
    assert result.pairs == ((0, 1), (2, 0))
    assert result.objective_value == pytest.approx(0.9)


@pytest.fixture
def bench_result() -> Iterator[CohortResult]:
    yield bench(n_mentees=400, n_mentors=80, seed=3)


def test_bench_solves_its_random_instance(bench_result: CohortResult) -> None:
    assert bench_result.objective_value >= bench_result.greedy_value
    assert 0 < bench_result.matched <= 400
    assert bench_result.coverage == bench_result.matched / 400
    assert bench_result.seconds > 0
    again = bench(n_mentees=400, n_mentors=80, seed=3, objective="coverage")
    assert again.matched >= bench_result.matched
