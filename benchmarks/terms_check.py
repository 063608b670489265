"""Speed of the glossary term checks and of term discovery on a real gold-aligned document.

Reads ../shared/data/<set> (one sentence a line, gold links ``[i,j]:[k]``), builds the documents
and the gold alignment, then times ``bitext.check_terms`` with a glossary (default: the shipped
ai-safety) and ``discover_terms``. Prints findings per rule so that false positives on text
outside the glossary's domain are visible. Timings on a shared machine are noisy.

    PYTHONPATH=. python benchmarks/terms_check.py [--set academic] [--glossary ai-safety]
"""

from __future__ import annotations

import argparse
import ast
import time
from collections import Counter
from pathlib import Path

import bitext
from bitext.align.model import Alignment, Link
from bitext.check.discover import discover_terms
from bitext.document import Document, Segment

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"


def load_set(name: str) -> tuple[Alignment, Document, Document]:
    root = DATA / name
    doc_id = sorted(p.name for p in (root / "src").iterdir())[0]
    docs = []
    for side, lang in (("src", "en"), ("tgt", "zh")):
        lines = (root / side / doc_id).read_text(encoding="utf-8").splitlines()
        text, segments = "", []
        for i, line in enumerate(lines):
            segments.append(Segment(line, len(text), len(text) + len(line), lang, i, i))
            text += line + "\n"
        docs.append(Document(text, tuple(segments), lang, path=f"{name}/{side}/{doc_id}"))
    links = []
    for line in (root / "gold" / f"{doc_id}.align").read_text(encoding="utf-8").splitlines():
        src, tgt = line.split(":")
        links.append(Link(tuple(ast.literal_eval(src)), tuple(ast.literal_eval(tgt)), 1.0))
    src_doc, tgt_doc = docs
    return Alignment(tuple(links), src_doc.segments, tgt_doc.segments), src_doc, tgt_doc


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", default="academic")
    parser.add_argument("--glossary", default="ai-safety")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    alignment, src, tgt = load_set(args.set)
    glossary = bitext.load_glossary(args.glossary)
    print(
        f"set {args.set}: {len(src.segments)} source / {len(tgt.segments)} target sentences, "
        f"{len(src.text) + len(tgt.text)} characters, {len(alignment.links)} gold links; "
        f"glossary {glossary.name} ({len(glossary.terms)} terms)"
    )
    start = time.perf_counter()
    findings = bitext.check_terms(alignment, src, tgt, [glossary])
    print(f"check_terms, first run (includes jieba start-up): {time.perf_counter() - start:.2f} s")
    times = []
    for _ in range(args.repeat):
        start = time.perf_counter()
        again = bitext.check_terms(alignment, src, tgt, [glossary])
        times.append(time.perf_counter() - start)
        assert again == findings, "check_terms is not deterministic"
    print(f"check_terms, warm: best {min(times):.2f} s of {args.repeat}")
    for rule, count in sorted(Counter(f.rule for f in findings).items()):
        terms = Counter(f.term for f in findings if f.rule == rule).most_common(5)
        print(f"  {rule}: {count}  (top terms: {', '.join(f'{t} {n}' for t, n in terms)})")
    start = time.perf_counter()
    candidates = discover_terms(alignment, [glossary])
    print(f"discover_terms: {time.perf_counter() - start:.2f} s, {len(candidates)} candidates")
    for c in candidates[:10]:
        found = ", ".join(f"{r.text} ×{r.pairs}" for r in c.renderings) or "-"
        print(f"  {c.en} ({c.kind}, ×{c.count}): {found}{'  [several]' if c.inconsistent else ''}")


if __name__ == "__main__":
    main()
