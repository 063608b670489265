"""Speed and false alarms of the glossary term checks, and term discovery, on gold-aligned text.

Reads ../shared/data/<set> (one sentence a line, gold links ``[i,j]:[k]``; the languages from
its meta.json, so mac-dev and political run zh->en), builds the documents and the gold
alignment, then times ``bitext.check_terms`` with a glossary (default: the shipped ai-safety)
and ``discover_terms``. The gold translations are published, correct ones, so every term finding
at warning or error level on them is a false alarm: printed per 100 gold pairs, per rule and
severity (``--all-sets`` for every set, ``--show`` to read them). Timings are noisy.

    PYTHONPATH=. python benchmarks/terms_check.py [--set academic] [--glossary ai-safety]
    PYTHONPATH=. python benchmarks/terms_check.py --all-sets --no-discover
"""

from __future__ import annotations

import argparse
import ast
import json
import time
from collections import Counter
from pathlib import Path

import bitext
from bitext.align.model import Alignment, Link
from bitext.check.discover import discover_terms
from bitext.check.glossary import Glossary
from bitext.document import Document, Segment

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"


def load_doc(name: str, doc_id: str) -> tuple[Alignment, Document, Document]:
    root = DATA / name
    meta = json.loads((root / "meta.json").read_text(encoding="utf-8"))
    docs = []
    for side, lang in (("src", meta["src_lang"]), ("tgt", meta["tgt_lang"])):
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


def doc_ids(name: str) -> list[str]:
    return sorted(p.name for p in (DATA / name / "src").iterdir())


def load_set(name: str) -> tuple[Alignment, Document, Document]:
    return load_doc(name, doc_ids(name)[0])


def false_alarms(name: str, glossary: Glossary, show: bool) -> None:
    """Term findings on every gold document of ``name``, per 100 gold pairs with both sides."""
    counts: Counter[tuple[str, str]] = Counter()
    pairs = 0
    for doc_id in doc_ids(name):
        alignment, src, tgt = load_doc(name, doc_id)
        pairs += sum(1 for link in alignment.links if link.src and link.tgt)
        for f in bitext.check_terms(alignment, src, tgt, [glossary]):
            counts[(f.rule, f.severity.value)] += 1
            if show and f.severity.value != "info":
                where = f.source or f.target
                print(f"    {doc_id}:{where.line if where else '?'} {f.rule} {f.message}")
    alarms = sum(n for (_, sev), n in counts.items() if sev != "info")
    detail = ", ".join(f"{r} {s} {n}" for (r, s), n in sorted(counts.items())) or "none"
    print(
        f"{name}: {pairs} gold pairs, {alarms} term findings at warning/error = "
        f"{100 * alarms / max(pairs, 1):.2f} per 100 pairs ({detail})"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", default="academic")
    parser.add_argument("--glossary", default="ai-safety")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--all-sets", action="store_true", help="false alarms on every set")
    parser.add_argument("--show", action="store_true", help="print each warning/error finding")
    parser.add_argument("--no-discover", action="store_true")
    args = parser.parse_args()
    glossary = bitext.load_glossary(args.glossary)
    if args.all_sets:
        for name in sorted(p.name for p in DATA.iterdir() if (p / "meta.json").is_file()):
            false_alarms(name, glossary, args.show)
        return
    alignment, src, tgt = load_set(args.set)
    print(
        f"set {args.set} ({src.lang}->{tgt.lang}): {len(src.segments)} source / "
        f"{len(tgt.segments)} target sentences, "
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
    if args.no_discover:
        return
    start = time.perf_counter()
    candidates = discover_terms(alignment, [glossary])
    print(f"discover_terms: {time.perf_counter() - start:.2f} s, {len(candidates)} candidates")
    for c in candidates[:10]:
        found = ", ".join(f"{r.text} ×{r.pairs}" for r in c.renderings) or "-"
        print(f"  {c.en} ({c.kind}, ×{c.count}): {found}{'  [several]' if c.inconsistent else ''}")


if __name__ == "__main__":
    main()
