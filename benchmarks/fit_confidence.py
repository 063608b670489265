"""Fit ``params.CONFIDENCE`` (P(link correct)) on the gold sets, leave-one-set-out.

    /work/main/.venv/bin/python benchmarks/fit_confidence.py

Runs the production aligner (``align``, cached vectors) on every gold document, takes each
link's ``confidence.features`` and whether the gold holds that exact link, and fits a logistic
model (Newton's method, a small ridge) three times, each on two sets, printing the expected
calibration error (ECE, 10 equal-width bins) and the mean confidence vs accuracy on the third;
then once on all three: the weights to put in ``params.CONFIDENCE``.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from align_data import MemoryEncoder, load_sets  # noqa: E402

from bitext.align.aligner import align  # noqa: E402
from bitext.align.confidence import NAMES  # noqa: E402

#: ridge on the weights (keeps the null weights finite: few unlinked sentences in gold)
RIDGE = 1e-3


def collect(docs, encoder) -> tuple[np.ndarray, np.ndarray]:
    xs, ys = [], []
    for gold, src, tgt in docs:
        feats: list = []
        result = align(src, tgt, encoder=encoder, _features_out=feats)
        truth = {(tuple(s), tuple(t)) for s, t in gold}
        xs += feats
        ys += [(link.src, link.tgt) in truth for link in result.links]
    return np.array(xs), np.array(ys, dtype=np.float64)


def fit(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    w = np.zeros(x.shape[1])
    for _ in range(50):
        p = 1 / (1 + np.exp(-x @ w))
        grad = x.T @ (p - y) + RIDGE * w
        hess = (x * (p * (1 - p))[:, None]).T @ x + RIDGE * np.eye(len(w))
        w -= np.linalg.solve(hess, grad)
    return w


def ece(p: np.ndarray, y: np.ndarray, bins: int = 10) -> float:
    idx = np.minimum((p * bins).astype(int), bins - 1)
    total = 0.0
    for b in range(bins):
        sel = idx == b
        if sel.any():
            total += sel.sum() / len(p) * abs(p[sel].mean() - y[sel].mean())
    return total


def main() -> None:
    sets = load_sets()
    encoder = MemoryEncoder()
    data = {name: collect(docs, encoder) for name, docs in sets.items()}
    for held in data:
        x = np.concatenate([data[n][0] for n in data if n != held])
        y = np.concatenate([data[n][1] for n in data if n != held])
        w = fit(x, y)
        xh, yh = data[held]
        p = 1 / (1 + np.exp(-xh @ w))
        green = (p >= 0.8).mean()
        print(
            f"held out {held:9}: {len(yh)} links, accuracy {yh.mean():.4f}, mean confidence "
            f"{p.mean():.4f}, ECE {ece(p, yh):.4f}, links with confidence >= 0.8: {green:.1%}"
        )
    x = np.concatenate([d[0] for d in data.values()])
    y = np.concatenate([d[1] for d in data.values()])
    w = fit(x, y)
    p = 1 / (1 + np.exp(-x @ w))
    print(f"all three sets: {len(y)} links, ECE {ece(p, y):.4f} (in sample)")
    pairs = ", ".join(f'"{n}": {v:.3f}' for n, v in zip(NAMES, w, strict=True))
    print("CONFIDENCE = {" + pairs + "}")


if __name__ == "__main__":
    main()
