"""How long the review page takes to render, how big it is, and (with --browser) how long
headless chromium takes to load it and run a filter, for a long document.

    python benchmarks/review_page.py --pairs 5000 --browser

The document is synthetic (our own EN/ZH sentence pairs repeated, a finding on every fourth
pair, a 1-0 and a 0-1 every 50 pairs); only the sizes matter here, not the text.
Figures on a shared 2-core machine are noisy: take the best of --repeat runs.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from bitext.align.model import Alignment, Link  # noqa: E402
from bitext.check.finding import Finding, Severity  # noqa: E402
from bitext.check.rules.base import locate  # noqa: E402
from bitext.document import Document, Segment  # noqa: E402
from bitext.pipeline import AlignedDocuments  # noqa: E402
from bitext.report.base import LintResult  # noqa: E402
from bitext.report.html import render_html  # noqa: E402

PAIRS = [
    (
        "Alignment research asks whether a model pursues the goal we meant.",
        "对齐研究关注模型是否追求我们本来想要的目标。",
    ),
    (
        "In 2023, the lab reported a 40% drop in reward hacking.",
        "2023年，该实验室报告奖励黑客行为下降了四成。",
    ),
    ("Careful evaluation matters as much as careful training.", "审慎的评估与审慎的训练同样重要。"),
    (
        "Interpretability tools let us look inside the network.",
        "可解释性工具让我们得以观察网络内部。",
    ),
]


def synthetic(n: int) -> LintResult:
    src_text, tgt_text, src_segs, tgt_segs, links = [], [], [], [], []
    so = to = 0
    for i in range(n):
        en, zh = PAIRS[i % len(PAIRS)]
        kind = "1-0" if i % 50 == 25 else "0-1" if i % 50 == 26 else "1-1"
        s_idx: tuple[int, ...] = ()
        t_idx: tuple[int, ...] = ()
        if kind != "0-1":
            src_segs.append(Segment(en, so, so + len(en), "en", i, len(src_segs)))
            src_text.append(en + "\n")
            so += len(en) + 1
            s_idx = (len(src_segs) - 1,)
        if kind != "1-0":
            tgt_segs.append(Segment(zh, to, to + len(zh), "zh", i, len(tgt_segs)))
            tgt_text.append(zh + "\n")
            to += len(zh) + 1
            t_idx = (len(tgt_segs) - 1,)
        links.append(Link(s_idx, t_idx, 0.5 + (i % 10) / 20))
    src = Document("".join(src_text), tuple(src_segs), "en", "long.en.md")
    tgt = Document("".join(tgt_text), tuple(tgt_segs), "zh", "long.zh.md")
    docs = AlignedDocuments(src, tgt, Alignment(tuple(links), src.segments, tgt.segments))
    findings = []
    for n_link, link in enumerate(links):
        if n_link % 4 == 1 and link.src and link.tgt:
            s, t = src_segs[link.src[0]], tgt_segs[link.tgt[0]]
            a, b = s.start + s.text.find("40%"), t.start + t.text.find("四成")
            findings.append(
                Finding(
                    "number-mismatch",
                    Severity.ERROR,
                    "40% in the source, 四成 in the translation",
                    source=locate(src, a, a + 3) if a >= s.start else None,
                    target=locate(tgt, b, b + 2) if b >= t.start else None,
                    pair=n_link,
                    match="四成",
                )
            )
    return LintResult((docs,), tuple(findings), {"version": "bench"})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pairs", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--browser", action="store_true", help="also time loading it in chromium")
    args = parser.parse_args()

    result = synthetic(args.pairs)
    times = []
    for _ in range(args.repeat):
        start = time.perf_counter()
        html = render_html(result)
        times.append(time.perf_counter() - start)
    size = len(html.encode("utf-8"))
    print(f"pairs: {args.pairs}  findings: {len(result.findings)}")
    print(f"render: best {min(times) * 1000:.0f} ms of {args.repeat}  ({size / 1024:.0f} KiB)")
    if args.browser:
        from cdp_browser import Browser, find_chromium

        chromium = find_chromium()
        if chromium is None:
            sys.exit("no chromium on PATH")
        with tempfile.TemporaryDirectory() as tmp:
            page = Path(tmp) / "review.html"
            page.write_text(html, encoding="utf-8")
            with Browser(chromium, timeout=120) as b:
                b.open_page()
                start = time.perf_counter()
                b.navigate(page.as_uri())
                load = time.perf_counter() - start
                filt = b.evaluate(
                    "(() => { const t = performance.now();"
                    " document.querySelector('input[data-filter=severity][value=error]').click();"
                    " return performance.now() - t; })()"
                )
                problems = b.problems()
        print(f"chromium load: {load * 1000:.0f} ms  filter change: {filt:.0f} ms")
        print(f"console problems: {len(problems)}")


if __name__ == "__main__":
    main()
