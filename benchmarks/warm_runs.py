"""Warm against cold re-runs of the CLI, and what the cache holds per sentence (issue 19 item 3).

Usage (from the repository root)::

    python benchmarks/warm_runs.py [--rounds 3] [--skip-large]

Each figure is the wall time of a fresh ``python -m bitext`` process (what a user or a CI job
waits for), the median of ``--rounds``:

* ``version``: ``bitext --version``, the floor (Python, typer, numpy);
* the bundled example, ``bitext align examples/article.en.txt examples/article.zh.txt``:
  no cache, cold (empty cache folder), warm (same folder again). Target: warm <= 3x version;
* lint of a 100-paragraph article (the example's paragraphs ten times over, each copy with its
  own numbers so no sentence repeats): cold, warm. Target: warm <= 5x version;
* ~11k sentences (the three gold sets of ../shared/data, zh->en, plus mac-dev again with a
  copy mark on each line; ``--presplit``): cold, warm. Target: warm <= 0.25x cold.

It checks that ``--format jsonl`` output is byte-identical with ``--no-cache``, a cold and a warm
cache, and prints the cache's size on disk per sentence (file size / sentences cached) after the
11k run.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data"
EXAMPLE = [ROOT / "examples" / "article.en.txt", ROOT / "examples" / "article.zh.txt"]


def bitext(*args: str | Path, cache: Path | None = None) -> tuple[float, bytes]:
    """Run ``python -m bitext ARGS`` once: (wall seconds, stdout)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    extra = ["--cache-dir", str(cache)] if cache else []
    start = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "bitext", *map(str, args), *extra],
        cwd=ROOT,
        env=env,
        capture_output=True,
        check=False,
    )
    wall = time.perf_counter() - start
    if proc.returncode not in (0, 1):
        raise SystemExit(f"bitext {' '.join(map(str, args))} failed:\n{proc.stderr.decode()}")
    return wall, proc.stdout


def median_wall(rounds: int, *args: str | Path, cache: Path | None = None) -> float:
    return statistics.median(bitext(*args, cache=cache)[0] for _ in range(rounds))


def against_version(rounds: int, *args: str | Path, cache: Path) -> tuple[float, float]:
    """Median walls of ``bitext ARGS`` and of ``bitext --version``, run alternately so that
    a busy neighbour slows both alike (on the shared 2-core box --version alone varied from
    0.17 to 0.84 s within minutes)."""
    runs, versions = [], []
    for _ in range(rounds):
        versions.append(bitext("--version")[0])
        runs.append(bitext(*args, cache=cache)[0])
    return statistics.median(runs), statistics.median(versions)


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:12]


def hundred_paragraphs(folder: Path) -> list[Path]:
    """The example article ten times, each copy's numbers changed, as 100+ paragraphs."""
    out = []
    for src in EXAMPLE:
        paragraphs = [p for p in src.read_text("utf-8").split("\n\n") if p.strip()]
        copies = []
        for k in range(10):
            for p in paragraphs:
                bump = re.sub(r"\d+", lambda m, k=k: str(int(m.group()) + 7 * k + 1), p)
                tag = f"Part {k + 1}. " if src.name.endswith(".en.txt") else f"第{k + 1}部分。"
                copies.append(tag + bump)
        path = folder / src.name.replace("article", "article100")
        path.write_text("\n\n".join(copies) + "\n", "utf-8")
        out.append(path)
    return out


def eleven_thousand(folder: Path) -> tuple[list[Path], int]:
    """zh and en files of the three gold sets (zh->en) plus mac-dev once more, marked."""
    zh: list[str] = []
    en: list[str] = []
    for name in ("mac-dev", "political", "academic"):
        zh_side, en_side = ("tgt", "src") if name == "academic" else ("src", "tgt")
        for doc in sorted((DATA / name / "src").iterdir()):
            zh += (DATA / name / zh_side / doc.name).read_text("utf-8").splitlines()
            en += (DATA / name / en_side / doc.name).read_text("utf-8").splitlines()
    for doc in sorted((DATA / "mac-dev" / "src").iterdir()):
        zh += [f"{t}（重）" for t in (doc).read_text("utf-8").splitlines()]
        en += [
            f"{t} (again)"
            for t in (DATA / "mac-dev" / "tgt" / doc.name).read_text("utf-8").splitlines()
        ]
    paths = [folder / "big.zh.txt", folder / "big.en.txt"]
    paths[0].write_text("\n".join(zh) + "\n", "utf-8")
    paths[1].write_text("\n".join(en) + "\n", "utf-8")
    return paths, len(zh) + len(en)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--skip-large", action="store_true", help="no 11k-sentence run")
    args = parser.parse_args()
    rounds = args.rounds

    with tempfile.TemporaryDirectory(prefix="bitext-warm-") as tmp:
        tmp_path = Path(tmp)
        version = median_wall(max(5, rounds), "--version")
        print(f"bitext --version                     {version:6.2f} s")

        cache = tmp_path / "c1"
        jsonl = ("align", *EXAMPLE, "--format", "jsonl")
        _, no_cache = bitext(*jsonl, "--no-cache")
        cold_s, cold = bitext(*jsonl, cache=cache)
        _, warm = bitext(*jsonl, cache=cache)
        warm_s, version = against_version(rounds, "align", *EXAMPLE, cache=cache)
        print(f"bitext --version (alternating)       {version:6.2f} s")
        same = no_cache == cold == warm
        print(f"example align: cold                  {cold_s:6.2f} s")
        print(
            f"example align: warm                  {warm_s:6.2f} s  = {warm_s / version:.1f}x "
            f"version (target <= 3x)"
        )
        print(
            f"example jsonl no-cache/cold/warm     {digest(no_cache)} {digest(cold)} "
            f"{digest(warm)}  identical: {same}"
        )

        pair = hundred_paragraphs(tmp_path)
        cache = tmp_path / "c2"
        cold_s = bitext("lint", *pair, cache=cache)[0]
        warm_s, version = against_version(rounds, "lint", *pair, cache=cache)
        print(f"bitext --version (alternating)       {version:6.2f} s")
        n_par = pair[0].read_text("utf-8").count("\n\n") + 1
        print(f"lint {n_par} paragraphs: cold             {cold_s:6.2f} s")
        print(
            f"lint {n_par} paragraphs: warm             {warm_s:6.2f} s  = {warm_s / version:.1f}x "
            "version (target <= 5x)"
        )

        if args.skip_large or not DATA.is_dir():
            return
        big, sentences = eleven_thousand(tmp_path)
        cache = tmp_path / "c3"
        run = ("align", *big, "--presplit", "--src-lang", "zh", "--tgt-lang", "en")
        cold_s, cold = bitext(*run, "--format", "jsonl", cache=cache)
        warm_s, warm = bitext(*run, "--format", "jsonl", cache=cache)
        warm_s = statistics.median([warm_s] + [bitext(*run, cache=cache)[0] for _ in range(1)])
        print(f"{sentences:,} sentences: cold              {cold_s:6.2f} s")
        print(
            f"{sentences:,} sentences: warm              {warm_s:6.2f} s  = {warm_s / cold_s:.2f}x "
            f"cold (target <= 0.25x); jsonl identical: {cold == warm}"
        )
        sys.path.insert(0, str(ROOT))
        from bitext.embed.cache import EmbeddingCache

        info = EmbeddingCache(cache).info()
        files = ", ".join(p.name for p in cache.iterdir())
        print(
            f"cache after it: {info.size_bytes / 2**20:.1f} MiB for {info.entries:,} distinct "
            f"sentences = {info.size_bytes / info.entries / 1000:.2f} KB per sentence ({files})"
        )


if __name__ == "__main__":
    main()
