"""Reading + layout detection + paragraph pairing speed on large bilingual files (no embedding).

Builds each one-file layout from examples/article.{en,zh}.txt repeated until it is about
``--mb`` megabytes, writes it (GB18030 for one of them, CRLF for another) to a temporary
directory, and prints per layout: size, seconds to decode, detect and cut it into pairs, pairs
found, and MB/s. Figures on a shared 2-core machine are noisy; compare runs on the same machine.

    python benchmarks/layout_speed.py --mb 1
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # this checkout's bitext, not an installed one

from bitext.layout import parse_layout  # noqa: E402
from bitext.reader import read_text  # noqa: E402


def build(mb: float) -> dict[str, tuple[str, str, str]]:
    en = (ROOT / "examples/article.en.txt").read_text(encoding="utf-8").strip().split("\n\n")
    zh = (ROOT / "examples/article.zh.txt").read_text(encoding="utf-8").strip().split("\n\n")
    intro = "双语精读｜递归自我改进\n标签：人工智能 对齐\n发布时间:2026-06-20 04:28阅读:1\n\n"
    one = {
        "marked": "\n\n".join(f"原文：{e}\n翻译：{z}" for e, z in zip(en, zh, strict=True)),
        "inline": "\n".join(f"原文: {e} 翻译: {z} 解析: 略。" for e, z in zip(en, zh, strict=True)),
        "alternating": "\n\n".join(f"{e}\n\n{z}" for e, z in zip(en, zh, strict=True)),
        "tsv": "\n".join(f"{e}\t{z}" for e, z in zip(en, zh, strict=True)),
    }
    out = {}
    for name, block in one.items():
        reps = max(1, int(mb * 1_000_000 / len(block.encode("utf-8"))))
        text = intro + "\n\n".join([block] * reps) + "\n"
        encoding = "gb18030" if name == "marked" else "utf-8"
        if name == "alternating":
            text = text.replace("\n", "\r\n")
        out[name] = (text, encoding, ".tsv" if name == "tsv" else ".txt")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=1.0)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        print(f"{'layout':<12} {'MB':>6} {'seconds':>8} {'MB/s':>6} {'pairs':>7} {'unpaired':>8}")
        for name, (text, encoding, suffix) in build(args.mb).items():
            path = Path(tmp) / f"{name}{suffix}"
            path.write_bytes(text.encode(encoding))
            size = path.stat().st_size / 1e6
            start = time.perf_counter()
            decoded = read_text(path)
            layout = parse_layout(decoded.text, path=str(path))
            took = time.perf_counter() - start
            assert layout.name == name, (layout.name, name)
            print(
                f"{name:<12} {size:>6.2f} {took:>8.2f} {size / took:>6.2f} "
                f"{len(layout.pairs):>7} {len(layout.unpaired):>8}"
            )


if __name__ == "__main__":
    main()
