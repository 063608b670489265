"""Fit the aligner's feature weights (``bitext.align.params.WEIGHTS``) on the gold sets.

An averaged structured perceptron (Collins 2002): align each document with the current weights,
then move the weights towards the features of the gold links and away from those of the links
the search chose instead; the average of all weight vectors seen is the result. Gold links the
search cannot represent (longer than ``max_align``, outside the band) are left out, and so are
the predicted links that overlap them.

    python benchmarks/fit_weights.py [--epochs 10] [--rate 0.005] [--real-spans near]
        [--near-delta -0.03] [--start weights.json] [--freeze f1,f2] [--train mac-dev,academic]

Starts from the weights in params.py (so a rerun continues from the committed ones) or from
``--start``; ``--freeze`` keeps some features at their start; ``--train`` fits on some sets
only while every epoch still prints all three (cross-validation: the others are held out).
Prints the weights as a Python dict to paste into params.py. Uses the benchmark embedding
cache.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from align_data import MemoryEncoder, load_sets  # noqa: E402

from bitext.align import aligner  # noqa: E402
from bitext.align.evaluate import score_many  # noqa: E402
from bitext.align.params import WEIGHTS  # noqa: E402
from bitext.align.scoring import FEATURES  # noqa: E402


def link_features(trace, link):
    """Features of one link (block coordinates) or None when the search cannot produce it."""
    _, _, band, shapes, feats, null_tgt, _ = trace
    i0, i1, j0, j1 = link
    a, b = i1 - i0, j1 - j0
    if a == 0:
        return null_tgt[j0]
    if (a, b) not in shapes:
        return None
    if not (band.lo[i0] <= j0 <= band.hi[i0] and band.lo[i1] <= j1 <= band.hi[i1]):
        return None
    return feats[i1, shapes.index((a, b)), j1 - band.lo[i1]]


def gold_links(gold):
    out = []
    i = j = 0
    for src, tgt in gold:
        i0 = src[0] if src else i
        j0 = tgt[0] if tgt else j
        out.append((i0, i0 + len(src), j0, j0 + len(tgt)))
        i, j = i0 + len(src), j0 + len(tgt)
    return out


def update(trace, gold) -> np.ndarray:
    path = set(trace[6])
    gold_set = set(gold)
    delta = np.zeros(len(FEATURES))
    blocked_src: set[int] = set()
    blocked_tgt: set[int] = set()
    for link in gold_set - path:
        f = link_features(trace, link)
        if f is None:
            blocked_src.update(range(link[0], link[1]))
            blocked_tgt.update(range(link[2], link[3]))
        else:
            delta += f
    for link in path - gold_set:
        if blocked_src.intersection(range(link[0], link[1])) or blocked_tgt.intersection(
            range(link[2], link[3])
        ):
            continue
        delta -= link_features(trace, link)
    return delta


def run(docs, encoder, weights: np.ndarray, keep: bool, **params):
    results = []
    saved = aligner._Engine.__init__

    def init(self, *args, **kwargs):
        saved(self, *args, **kwargs)
        self.keep_features = keep
        run.engines.append(self)

    run.engines = []
    aligner._Engine.__init__ = init
    try:
        wd = {f: float(w) for f, w in zip(FEATURES, weights, strict=True)}
        for gold, src, tgt in docs:
            results.append(
                (gold, aligner.align(src, tgt, encoder=encoder, weights=wd, **params).links)
            )
    finally:
        aligner._Engine.__init__ = saved
    return results, run.engines


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--epochs", type=int, default=10)
    ap.add_argument("--rate", type=float, default=0.005)
    ap.add_argument("--real-spans", default="sum", help="aligner real_spans setting")
    ap.add_argument("--near-delta", type=float, default=None, help="aligner near_delta")
    ap.add_argument(
        "--param", action="append", default=[], help="another aligner setting, NAME=JSON"
    )
    ap.add_argument("--start", help="JSON file of starting weights (default: params.WEIGHTS)")
    ap.add_argument("--freeze", default="", help="comma-separated features kept at their start")
    ap.add_argument("--train", default="", help="comma-separated sets to fit on (default all)")
    args = ap.parse_args()
    params: dict = {"real_spans": args.real_spans}
    if args.near_delta is not None:
        params["near_delta"] = args.near_delta
    for item in args.param:
        key, _, value = item.partition("=")
        params[key] = json.loads(value)
    start = json.loads(Path(args.start).read_text()) if args.start else WEIGHTS
    frozen = np.array([f in args.freeze.split(",") for f in FEATURES])
    sets = load_sets()
    encoder = MemoryEncoder()
    train = args.train.split(",") if args.train else sorted(sets)
    docs = [doc for name in train for doc in sets[name]]
    w = np.array([start.get(f, 0.0) for f in FEATURES])
    total = np.zeros_like(w)
    steps = 0
    rng = np.random.default_rng(0)
    for epoch in range(args.epochs):
        order = rng.permutation(len(docs))
        for d in order:
            gold, _src, _tgt = docs[d]
            _, engines = run([docs[d]], encoder, w, keep=True, **params)
            trace = engines[0].trace[0]
            w = w + args.rate * np.where(frozen, 0.0, update(trace, gold_links(gold)))
            total += w
            steps += 1
        avg = total / steps
        line = []
        for name in sorted(sets):
            res, _ = run(sets[name], encoder, avg, keep=False, **params)
            line.append(f"{name} {score_many(res).strict_f1:.4f}")
        print(f"epoch {epoch + 1}: " + "  ".join(line), flush=True)
    avg = total / steps
    print("WEIGHTS = {")
    for f, v in zip(FEATURES, avg, strict=True):
        print(f'    "{f}": {v:.3f},')
    print("}")


if __name__ == "__main__":
    main()
