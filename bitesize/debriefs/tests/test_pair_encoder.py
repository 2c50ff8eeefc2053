"""The conflict detector's pair encoder: the committed int8 model, its answers, its place in
the detector, and what happens when its file is missing or changed."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from bitesize.debriefs import conflicts, pair_encoder
from bitesize.debriefs.conflicts import Advice, classify, classify_many, find_conflicts
from bitesize.matching import embedding

needs_model = pytest.mark.skipif(
    not embedding.model_available(), reason="the detector uses the encoder beside the embedding"
)

# Two mentors recommending different ways to do the same thing, with no word of disagreement:
# what the rules and the stance model do not see. Written for this test; no labelled pair has
# them.
ALONE = Advice(
    "Work through the book on your own, chapter by chapter.", "You learn best at your own pace."
)
GROUP = Advice("Find a study group; you will stick with it.")


@pytest.fixture
def fresh_encoder() -> Iterator[None]:
    pair_encoder._reset()
    yield
    pair_encoder._reset()


def test_the_committed_model_loads_and_matches_its_record() -> None:
    meta = json.loads(pair_encoder.META_FILE.read_text(encoding="utf-8"))

    assert pair_encoder.available()
    assert 0.0 < pair_encoder.threshold() < 1.0
    assert meta["labels"] == list(pair_encoder.LABELS)
    assert meta["training_pairs"] >= 4000
    assert "advice_pairs_holdout2.jsonl" not in meta["training_files"]


def test_probabilities_are_one_per_pair_and_the_same_either_way_round() -> None:
    pairs = [
        (pair_encoder.reading(ALONE.text, ALONE.assumption), GROUP.text),
        ("Ask for 15% more than the offer.", "Book a week off after the launch."),
    ]

    forward = pair_encoder.probabilities(pairs)
    backward = pair_encoder.probabilities([(b, a) for a, b in pairs])

    assert forward.shape == (2, 3)
    assert np.allclose(forward.sum(axis=1), 1.0)
    assert np.allclose(forward, backward)
    assert pair_encoder.probabilities([]).shape == (0, 3)


def test_answers_are_kept_per_pair_and_do_not_depend_on_the_company_they_are_asked_in(
    fresh_encoder: None,
) -> None:
    pair = (pair_encoder.reading(ALONE.text, ALONE.assumption), GROUP.text)
    others = [("Ask for 15% more than the offer.", "Book a week off after the launch.")] * 3

    alone = pair_encoder.probabilities([pair])
    misses = pair_encoder._pair.cache_info().misses
    in_company = pair_encoder.probabilities([*others, pair])[-1]

    assert np.array_equal(alone[0], in_company)
    assert pair_encoder._pair.cache_info().misses == misses + 1  # only the new pair was read
    pair_encoder._pair.cache_clear()
    assert np.array_equal(pair_encoder.probabilities([pair]), alone)


def test_the_assumption_is_read_in_brackets_after_the_advice() -> None:
    assert pair_encoder.reading(" Go remote. ", " You live far away. ") == (
        "Go remote. (You live far away.)"
    )
    assert pair_encoder.reading("Go remote.") == "Go remote."


@needs_model
def test_it_flags_two_concrete_alternatives_the_rules_miss_and_says_so() -> None:
    without = classify_many([(ALONE, GROUP)], use_encoder=False)[0]
    verdict = classify(ALONE, GROUP)

    assert without.label != "conflict"
    assert verdict.label == "conflict"
    assert verdict.topic == "learning_approach"
    assert verdict.explanation.startswith(
        "Both are about how to learn; read together, they recommend different things "
        "(pair encoder, p = 0."
    )
    assert 'One assumes "You learn best at your own pace"' in verdict.explanation
    assert classify(GROUP, ALONE).confidence == verdict.confidence  # either way round


@needs_model
def test_the_same_advice_from_two_mentors_is_not_a_conflict() -> None:
    verdicts = classify_many(
        [(ALONE, ALONE), (GROUP, Advice("Find a study group, you'll stick with it!"))]
    )

    assert [v.label for v in verdicts] == ["compatible", "compatible"]


@needs_model
def test_agreeing_and_unrelated_advice_is_not_flagged() -> None:
    verdicts = classify_many(
        [
            (
                Advice("Never accept an offer on the call."),
                Advice("Say thanks, then ask for two days to read it properly."),
            ),
            (
                Advice("Learn Go for the platform team's services."),
                Advice("Book your holiday before the summer rush."),
            ),
        ]
    )

    assert all(v.label != "conflict" for v in verdicts)


@needs_model
def test_the_ledger_flags_only_pairs_of_different_mentors() -> None:
    items = [ALONE, GROUP, ALONE, GROUP]

    found = find_conflicts(items, ["ana", "ana", "ben", "ben"])

    assert sorted((i, j) for i, j, _ in found) == [(0, 3), (1, 2)]


@pytest.mark.parametrize("broken", ["changed bytes", "missing file", "bad record"])
def test_a_changed_or_missing_model_is_refused_and_the_detector_goes_on(
    broken: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    fresh_encoder: None,
) -> None:
    model = tmp_path / "conflict_encoder.onnx"
    meta = tmp_path / "conflict_encoder.json"
    data = bytearray(pair_encoder.MODEL_FILE.read_bytes())
    if broken == "changed bytes":
        data[len(data) // 2] ^= 0xFF
    if broken != "missing file":
        model.write_bytes(bytes(data))
    meta.write_text(
        "{" if broken == "bad record" else pair_encoder.META_FILE.read_text(encoding="utf-8"),
        encoding="utf-8",
    )
    monkeypatch.setattr(pair_encoder, "MODEL_FILE", model)
    monkeypatch.setattr(pair_encoder, "META_FILE", meta)

    with caplog.at_level(logging.WARNING, logger=pair_encoder.__name__):
        assert not pair_encoder.available()
        verdict = classify("Specialise now.", "Stay a generalist for two more years.")

    assert verdict.label == "conflict"  # the rules (and the stance model) still decide
    assert "pair encoder" not in verdict.explanation
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1 and "falls back" in warnings[0].getMessage()
    with pytest.raises(RuntimeError, match="unavailable"):
        pair_encoder.probabilities([("a", "b")])


def test_the_held_out_set_for_the_encoder_is_new_balanced_and_shares_no_item() -> None:
    holdout = conflicts.load_pairs(conflicts.HOLDOUT2)
    meta = json.loads(pair_encoder.META_FILE.read_text(encoding="utf-8"))
    seen = {
        " ".join(item.text.casefold().split())
        for name in meta["training_files"]
        for p in conflicts.load_pairs(conflicts.DATA.parent / name)
        for item in (p.a, p.b)
    }

    assert len(holdout) >= 300 and {p.split for p in holdout} == {"holdout2"}
    assert {p.label for p in holdout} == set(conflicts.LABELS)
    assert min(sum(p.label == label for p in holdout) for label in conflicts.LABELS) >= 110
    assert {p.topic for p in holdout} == {t.key for t in conflicts.TOPICS}
    assert len({p.id for p in holdout}) == len(holdout)
    # The training tool drops the few training pairs that repeat a held-out item ("Stay
    # remote."); the newest training file has none at all.
    newest = conflicts.load_pairs(conflicts.DATA.parent / "advice_pairs_train3.jsonl")
    held = {" ".join(i.text.casefold().split()) for p in holdout for i in (p.a, p.b)}
    assert not any(" ".join(i.text.casefold().split()) in held for p in newest for i in (p.a, p.b))
    assert len(seen) > 9000
