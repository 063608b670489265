"""How long `bitext --help` and `bitext --version` take against importing typer and rich alone.

Issue 16's target: `bitext --help` within 2x the time of `python -c "import typer, rich.console"`
(the floor any typer+rich CLI pays). Best of N runs of each, wall clock, on this machine.

    python benchmarks/startup.py [--runs 10]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time


def best(cmd: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        times.append(time.perf_counter() - t0)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    floor = best([sys.executable, "-c", "import typer, rich.console"], args.runs)
    rows = [("import typer, rich.console", floor)]
    for argv in (["--help"], ["--version"], ["align", "--help"], ["lint", "--help"]):
        rows.append(
            (f"bitext {' '.join(argv)}", best([sys.executable, "-m", "bitext", *argv], args.runs))
        )
    for name, seconds in rows:
        print(f"{name:32s} {seconds * 1000:7.1f} ms  {seconds / floor:4.2f}x")


if __name__ == "__main__":
    main()
