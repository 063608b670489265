"""Sentence-boundary accuracy, speed and memory of ``bitext split`` beside pysbd and plain Punkt.

Method (issue 2): every document of ../shared/data/*/{src,tgt} is already one sentence per line.
Consecutive gold sentences are joined into paragraph-sized windows (English with a space,
Chinese with nothing), each window is re-split by each system, and the predicted boundaries
(sentence end offsets inside the window) are compared with the gold ones: precision, recall, F1
over all windows of one language. The window's own end is not counted (every system gets it).

Then throughput on a ~5 MB input per language (the gold text repeated, windows as paragraphs)
and peak Python memory (tracemalloc) at 1 MB and 5 MB, to show memory grows with the text only.

    python benchmarks/split_accuracy.py            # accuracy + speed + memory
    python benchmarks/split_accuracy.py --no-speed # accuracy only
    python benchmarks/split_accuracy.py --errors zh --show 30   # where bitext disagrees
"""

from __future__ import annotations

import argparse
import gc
import json
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DATA = ROOT.parent / "shared" / "data"

# A window of 5 gold sentences is about one paragraph of these texts (academic prose, speeches,
# novels). bitext's F1 moved by less than 0.002 between windows of 3, 5, 8 and 12 (--window).
WINDOW = 5
JOINER = {"en": " ", "zh": ""}
REPEAT = 3

Spans = list[tuple[int, int]]


def load_docs() -> dict[str, list[tuple[str, list[str]]]]:
    """{lang: [(name, sentences)]} from every data set's src and tgt sides."""
    docs: dict[str, list[tuple[str, list[str]]]] = {"en": [], "zh": []}
    for meta_path in sorted(DATA.glob("*/meta.json")):
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        for side in ("src", "tgt"):
            lang = meta[f"{side}_lang"]
            for f in sorted((meta_path.parent / side).iterdir()):
                lines = [ln.strip() for ln in f.read_text(encoding="utf-8").splitlines()]
                docs[lang].append(
                    (f"{meta_path.parent.name}/{side}/{f.name}", [ln for ln in lines if ln])
                )
    return docs


def windows(sentences: list[str], lang: str) -> list[tuple[str, set[int]]]:
    out = []
    for i in range(0, len(sentences), WINDOW):
        chunk = sentences[i : i + WINDOW]
        text = JOINER[lang].join(chunk)
        ends, pos = set(), 0
        for s in chunk[:-1]:
            pos += len(s)
            ends.add(pos)
            pos += len(JOINER[lang])
        out.append((text, ends))
    return out


def bitext_splitter(lang: str) -> Callable[[str], Spans]:
    from bitext.split import split_text

    return lambda text: [(s.start, s.end) for s in split_text(text, lang).segments]


def punkt_splitter(lang: str) -> Callable[[str], Spans]:
    from nltk.tokenize.punkt import PunktSentenceTokenizer

    tok = PunktSentenceTokenizer()  # no parameters: what Punkt does without trained data
    return lambda text: list(tok.span_tokenize(text))


def pysbd_splitter(lang: str) -> Callable[[str], Spans]:
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import pysbd

    seg = pysbd.Segmenter(language=lang, clean=False, char_span=True)
    return lambda text: [(s.start, s.end) for s in seg.segment(text)]


SYSTEMS = {"bitext": bitext_splitter, "pysbd": pysbd_splitter, "punkt-plain": punkt_splitter}


def predicted_ends(text: str, spans: Spans) -> set[int]:
    ends = set()
    for _, end in spans:
        while end > 0 and text[end - 1].isspace():
            end -= 1
        if 0 < end < len(text.rstrip()):
            ends.add(end)
    return ends


def score(split: Callable[[str], Spans], wins: list[tuple[str, set[int]]]) -> dict[str, float]:
    tp = fp = fn = 0
    for text, gold in wins:
        pred = predicted_ends(text, split(text))
        tp += len(pred & gold)
        fp += len(pred - gold)
        fn += len(gold - pred)
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"P": p, "R": r, "F1": f, "tp": tp, "fp": fp, "fn": fn}


def accuracy(docs: dict[str, list[tuple[str, list[str]]]]) -> None:
    print(f"Boundary accuracy, windows of {WINDOW} gold sentences ({DATA})")
    print(f"{'lang':4} {'set':10} {'system':12} {'P':>6} {'R':>6} {'F1':>6}  {'fp':>5} {'fn':>5}")
    for lang in ("en", "zh"):
        sets = sorted({name.split("/")[0] for name, _ in docs[lang]})
        for system, make in SYSTEMS.items():
            split = make(lang)
            for name in [*sets, "all"]:
                wins = [
                    w
                    for doc, sents in docs[lang]
                    if name in ("all", doc.split("/")[0])
                    for w in windows(sents, lang)
                ]
                s = score(split, wins)
                print(
                    f"{lang:4} {name:10} {system:12} {s['P']:6.3f} {s['R']:6.3f} {s['F1']:6.3f}"
                    f"  {s['fp']:5d} {s['fn']:5d}"
                )


def show_errors(docs: dict[str, list[tuple[str, list[str]]]], lang: str, limit: int) -> None:
    split = bitext_splitter(lang)
    shown = 0
    for doc, sents in docs[lang]:
        for text, gold in windows(sents, lang):
            pred = predicted_ends(text, split(text))
            for pos in sorted(pred ^ gold):
                tag = "extra  " if pos in pred else "missed "
                print(f"{tag}{doc}: {text[max(0, pos - 30) : pos]}|{text[pos : pos + 20]}")
                shown += 1
                if shown >= limit:
                    return


def big_text(docs: dict[str, list[tuple[str, list[str]]]], lang: str, size_mb: float) -> str:
    paragraphs = [text for _, sents in docs[lang] for text, _ in windows(sents, lang)]
    unit = "\n\n".join(paragraphs) + "\n\n"
    target = int(size_mb * 1_000_000)
    reps = target // len(unit.encode("utf-8")) + 1
    return unit * reps


def speed_and_memory(docs: dict[str, list[tuple[str, list[str]]]], size_mb: float) -> None:
    from bitext.split import split_text

    split_text("Warm up. Import nltk once.", "en")
    print(f"\nThroughput, best of {REPEAT} runs, one thread. The machine is shared, so wall time")
    print("is noisy; CPU time (process_time) is what this process itself used.")
    for lang in ("en", "zh"):
        text = big_text(docs, lang, size_mb)
        mb = len(text.encode("utf-8")) / 1e6
        walls, cpus = [], []
        for _ in range(REPEAT):
            gc.collect()
            t0, c0 = time.perf_counter(), time.process_time()
            doc = split_text(text, lang)
            walls.append(time.perf_counter() - t0)
            cpus.append(time.process_time() - c0)
            segments = len(doc.segments)
            del doc
        wall, cpu = min(walls), min(cpus)
        print(
            f"{lang}: {mb:.1f} MB, {segments} segments: wall {wall:.2f} s = {mb / wall:.2f} MB/s, "
            f"CPU {cpu:.2f} s = {mb / cpu:.2f} MB/s"
        )
    print("\nPeak traced memory of split_text (tracemalloc), text itself not counted")
    for lang in ("en", "zh"):
        for size in (1.0, size_mb):
            text = big_text(docs, lang, size)
            mb = len(text.encode("utf-8")) / 1e6
            gc.collect()
            tracemalloc.start()
            doc = split_text(text, lang)
            _, peak = tracemalloc.get_traced_memory()
            tracemalloc.stop()
            print(
                f"{lang}: input {mb:.1f} MB ({sys.getsizeof(text) / 1e6:.1f} MB as str), "
                f"peak {peak / 1e6:.1f} MB = {peak / sys.getsizeof(text):.2f}x the str, "
                f"{len(doc.segments)} segments"
            )
            del doc


def main() -> None:
    global WINDOW
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--no-speed", action="store_true", help="accuracy only")
    ap.add_argument("--size-mb", type=float, default=5.0, help="input size for throughput")
    ap.add_argument("--window", type=int, default=WINDOW, help="gold sentences per window")
    ap.add_argument(
        "--systems", default=",".join(SYSTEMS), help=f"comma-separated, of: {', '.join(SYSTEMS)}"
    )
    ap.add_argument("--errors", choices=("en", "zh"), help="print bitext's disagreements")
    ap.add_argument("--show", type=int, default=40, help="how many disagreements to print")
    args = ap.parse_args()
    if not DATA.is_dir():
        sys.exit(f"no data at {DATA}")
    WINDOW = args.window
    for name in set(SYSTEMS) - set(args.systems.split(",")):
        del SYSTEMS[name]
    docs = load_docs()
    if args.errors:
        show_errors(docs, args.errors, args.show)
        return
    accuracy(docs)
    if not args.no_speed:
        speed_and_memory(docs, args.size_mb)


if __name__ == "__main__":
    main()
