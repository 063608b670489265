"""Term discovery measured on the three gold sets: top-1 renderings, injected variation, speed.

For each set (../shared/data/<set>, gold alignments, so the aligner is not what is measured):

1. top-1: the 50 most frequent discovered terms, and the share whose first rendering is one of
   the acceptable renderings in our hand-written list ``benchmarks/terms_gold/<set>.tsv``
   (term, acceptable renderings separated by ``|``, a synonym for the injection test); terms
   the list does not judge are printed and counted as wrong.
2. false variation: terms reported as rendered several ways on the unmodified set, per 1,000
   pairs.
3. injected variation: for up to 20 listed terms with a synonym whose dominant rendering was
   found, the rendering is replaced by the synonym in every third pair that used it; the share
   of those terms that term discovery then reports as rendered several ways, with the synonym.

Then the wall time of ``bitext terms`` on a 100-paragraph article (the first 100 links of the
academic set as paragraphs, en -> zh), run twice; the second run is the warm one.

    PYTHONPATH=. python benchmarks/terms_discovery.py [--sets academic,political] [--dump]
"""

from __future__ import annotations

import argparse
import ast
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bitext.align.model import Alignment, Link
from bitext.check.discover import Candidate, discover_terms
from bitext.check.term_renderings import _key
from bitext.document import Document, Segment

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
GOLD = Path(__file__).resolve().parent / "terms_gold"
SETS = ("mac-dev", "academic", "political")
TOP = 50
INJECTED = 20


def _document(lines: list[str], lang: str, path: str) -> Document:
    text, segments = "", []
    for i, line in enumerate(lines):
        segments.append(Segment(line, len(text), len(text) + len(line), lang, i, i))
        text += line + "\n"
    return Document(text, tuple(segments), lang, path=path)


def load_set(name: str) -> list[tuple[list[Link], list[str], list[str], str, str]]:
    root = DATA / name
    meta = json.loads((root / "meta.json").read_text(encoding="utf-8"))
    docs = []
    for gold in sorted((root / "gold").glob("*.align")):
        links = []
        for line in gold.read_text(encoding="utf-8").splitlines():
            src, tgt = line.split(":")
            links.append(Link(tuple(ast.literal_eval(src)), tuple(ast.literal_eval(tgt)), 1.0))
        src_lines = (root / "src" / gold.stem).read_text(encoding="utf-8").splitlines()
        tgt_lines = (root / "tgt" / gold.stem).read_text(encoding="utf-8").splitlines()
        docs.append((links, src_lines, tgt_lines, meta["src_lang"], meta["tgt_lang"]))
    return docs


def alignment_of(links, src_lines, tgt_lines, src_lang, tgt_lang) -> Alignment:
    src = _document(src_lines, src_lang, "src")
    tgt = _document(tgt_lines, tgt_lang, "tgt")
    return Alignment(tuple(links), src.segments, tgt.segments)


def read_gold(name: str) -> dict[str, tuple[set[str], str]]:
    gold = {}
    path = GOLD / f"{name}.tsv"
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cells = [*line.split("\t"), "", ""]
        gold[cells[0]] = ({a.strip() for a in cells[1].split("|") if a.strip()}, cells[2].strip())
    return gold


def acceptable(rendering: str, accepted: set[str], lang: str) -> bool:
    return _key(rendering, lang) in {_key(a, lang) for a in accepted}


def discover_set(docs) -> list[tuple[int, Candidate]]:
    out = []
    for d, doc in enumerate(docs):
        out += [(d, c) for c in discover_terms(alignment_of(*doc), limit=None)]
    out.sort(key=lambda dc: (-dc[1].count, dc[1].term))
    return out


def top1(name: str, found, gold, lang: str, dump: bool) -> float:
    right = 0
    top = found[:TOP]
    for _, c in top:
        first = c.renderings[0].text if c.renderings else ""
        judged = gold.get(c.term)
        ok = judged is not None and bool(first) and acceptable(first, judged[0], lang)
        right += ok
        if dump or judged is None or not ok:
            mark = "ok " if ok else ("?? " if judged is None else "no ")
            shown = ", ".join(f"{r.text} ×{r.pairs}" for r in c.renderings) or "-"
            print(f"    {mark}{c.term} ({c.kind}, {c.count}): {shown}")
    return right / max(1, len(top))


def injected(
    src_lines: list[str], tgt_lines: list[str], links, c: Candidate, first: str, synonym: str
) -> list[str]:
    """The target lines with the term's rendering ``first`` replaced by ``synonym`` in every
    third pair that used it: in such a pair, as many copies of ``first`` as the source has of
    the term, from the one chosen there on (not every copy of the string, which would also
    rewrite the same word where it renders another source word)."""
    text = "".join(line + "\n" for line in tgt_lines)
    starts = [0]
    for line in tgt_lines:
        starts.append(starts[-1] + len(line) + 1)
    spans: list[tuple[int, int]] = []
    for u in [u for u in c.uses if u.text == first][::3]:
        assert text[u.tgt_start : u.tgt_end] == first
        source = " ".join(src_lines[i] for i in links[u.pair].src)
        times = max(1, _occurrences(c.term, source))
        end = max(starts[j + 1] for j in links[u.pair].tgt)
        at = u.tgt_start
        while times and at >= 0 and at + len(first) <= end:
            spans.append((at, at + len(first)))
            times -= 1
            at = text.find(first, at + len(first), end)
    for start, stop in sorted(spans, reverse=True):
        text = text[:start] + synonym + text[stop:]
    return text.split("\n")[: len(tgt_lines)]


def _occurrences(term: str, source: str) -> int:
    if term.isascii():
        return len(re.findall(rf"(?<![A-Za-z]){re.escape(term)}", source, flags=re.IGNORECASE))
    return source.count(term)


def inject(name: str, docs, found, gold, lang: str) -> tuple[int, int]:
    """(terms flagged with their synonym, terms injected)."""
    done = hit = 0
    used_terms: set[str] = set()
    for d, c in found:
        if done >= INJECTED:
            break
        judged = gold.get(c.term)
        if judged is None or not judged[1] or not c.renderings or c.term in used_terms:
            continue
        first = c.renderings[0].text
        if not acceptable(first, judged[0], lang) or len(c.renderings[0:1]) == 0:
            continue
        links, src_lines, tgt_lines, src_lang, tgt_lang = docs[d]
        pairs = [u.pair for u in c.uses if u.text == first]
        if len(pairs) < 3:
            continue
        changed = injected(src_lines, tgt_lines, links, c, first, judged[1])
        again = discover_terms(
            alignment_of(links, src_lines, changed, src_lang, tgt_lang), limit=None
        )
        term = next((x for x in again if x.term == c.term), None)
        ok = (
            term is not None
            and term.inconsistent
            and any(r.variant and judged[1] in r.text for r in term.renderings)
        )
        done += 1
        hit += ok
        used_terms.add(c.term)
        if not ok:
            shown = ", ".join(f"{r.text} ×{r.pairs}" for r in term.renderings) if term else "-"
            print(
                f"    missed {c.term}: {first} -> {judged[1]} in {len(pairs[::3])} pairs: {shown}"
            )
    return hit, done


def speed() -> None:
    links, src, tgt, _, _ = load_set("academic")[0]
    with tempfile.TemporaryDirectory() as tmp:
        en, zh = Path(tmp) / "article.en.txt", Path(tmp) / "article.zh.txt"
        en.write_text(
            "\n\n".join(
                " ".join(src[i] for i in link.src) for link in links[:100] if link.src and link.tgt
            ),
            encoding="utf-8",
        )
        zh.write_text(
            "\n\n".join(
                "".join(tgt[j] for j in link.tgt) for link in links[:100] if link.src and link.tgt
            ),
            encoding="utf-8",
        )
        cmd = [sys.executable, "-m", "bitext", "terms", str(en), str(zh), "--src-lang", "en"]
        env = {**os.environ, "PYTHONWARNINGS": "ignore"}
        times = []
        for _ in range(2):
            start = time.perf_counter()
            subprocess.run(cmd, check=True, capture_output=True, env=env)
            times.append(time.perf_counter() - start)
    print(f"bitext terms, 100-paragraph article: cold {times[0]:.2f} s, warm {times[1]:.2f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", default=",".join(SETS))
    parser.add_argument("--dump", action="store_true", help="print every top term")
    parser.add_argument("--no-speed", action="store_true")
    parser.add_argument(
        "--show", action="store_true", help="print each variation on the unmodified set"
    )
    args = parser.parse_args()
    for name in args.sets.split(","):
        docs = load_set(name)
        lang = docs[0][4]
        gold = read_gold(name)
        start = time.perf_counter()
        found = discover_set(docs)
        took = time.perf_counter() - start
        pairs = sum(len(doc[0]) for doc in docs)
        print(f"{name} ({docs[0][3]}->{lang}): {pairs} pairs, {len(found)} terms, {took:.1f} s")
        share = top1(name, found, gold, lang, args.dump)
        flagged = sum(1 for _, c in found if c.inconsistent)
        if args.show:
            for d, c in found:
                if c.inconsistent:
                    shown = ", ".join(
                        f"{r.text} ×{r.pairs}{'' if r.variant else ' (-)'}" for r in c.renderings
                    )
                    print(f"    variation doc {d}: {c.term} ({c.kind}, {c.count}): {shown}")
        hit, done = inject(name, docs, found, gold, lang)
        print(
            f"  top-1 of the {TOP} most frequent: {share:.0%}; variation reported on the "
            f"unmodified set: {flagged} ({1000 * flagged / pairs:.1f} per 1,000 pairs); "
            f"injected variation found: {hit}/{done}"
        )
    if not args.no_speed:
        speed()


if __name__ == "__main__":
    main()
