"""Refit term-variation's bar (``VariantBar``) leave-one-set-out and print the held-out figures.

Runs term discovery once on each gold set (gold alignments) and once per injected variation
(the same injection as ``terms_discovery.py``: a listed synonym in every third pair that used
the term's dominant rendering), keeps every candidate's ``evidence``, and then applies
``mark_variants`` with each setting of a grid. For each set held out, the setting with the most
injected variations found among those with at most 1 false variation per 1,000 pairs on each
of the two others is reported on the held-out set; then the setting chosen on all three.
A false variation is a term rendered several ways on the unmodified set; an injection is found
when its synonym is among the competing renderings.

    PYTHONPATH=. python benchmarks/terms_variation_fit.py
"""

from __future__ import annotations

import itertools
import time
from dataclasses import dataclass

from terms_discovery import (
    INJECTED,
    SETS,
    acceptable,
    alignment_of,
    discover_set,
    injected,
    load_set,
    read_gold,
)

from bitext.check.discover import Evidence, VariantBar, discover_terms, mark_variants

GRID = {
    "min_pairs": (2, 3, 4),
    "min_cos": (0.25, 0.3, 0.4),
    "min_share": (0.05, 0.1, 0.15, 0.2, 0.3),
    "min_precision": (0.7, 0.8, 0.9, 1.0),
    "min_agreement": (0.0, 0.3, 0.35, 0.4, 0.5),
}
#: the loosest setting of the grid: a term it does not flag no setting flags (a looser bar only
#: adds competing renderings), so only the others are scored
LOOSEST = VariantBar(**{k: min(v) for k, v in GRID.items()})
MAX_FALSE_PER_1000 = 1.0


@dataclass(frozen=True)
class Case:
    evidence: tuple[Evidence, ...]
    document_pairs: int
    synonym: str = ""  # "" for an unmodified term


def collect(name: str) -> tuple[list[Case], list[Case], int, str]:
    """(unmodified terms with 2+ renderings, injected terms, pairs, target language)."""
    docs = load_set(name)
    lang = docs[0][4]
    gold = read_gold(name)
    found = discover_set(docs)
    natural = [Case(c.evidence, len(docs[d][0])) for d, c in found if len(c.evidence) >= 2]
    natural = [
        c for c in natural if sum(mark_variants(c.evidence, lang, c.document_pairs, LOOSEST)) >= 2
    ]
    cases: list[Case] = []
    used: set[str] = set()
    for d, c in found:
        if len(cases) >= INJECTED:
            break
        judged = gold.get(c.term)
        if judged is None or not judged[1] or not c.renderings or c.term in used:
            continue
        first = c.renderings[0].text
        if not acceptable(first, judged[0], lang):
            continue
        links, src_lines, tgt_lines, src_lang, tgt_lang = docs[d]
        if len([u for u in c.uses if u.text == first]) < 3:
            continue
        changed = injected(src_lines, tgt_lines, links, c, first, judged[1])
        again = discover_terms(
            alignment_of(links, src_lines, changed, src_lang, tgt_lang), limit=None
        )
        term = next((x for x in again if x.term == c.term), None)
        used.add(c.term)
        cases.append(Case(term.evidence if term else (), len(links), judged[1]))
    return natural, cases, sum(len(doc[0]) for doc in docs), lang


def score(bar: VariantBar, data) -> tuple[float, int, int]:
    """(false variations per 1,000 pairs, injections found, injections) on one set."""
    natural, cases, pairs, lang = data
    false = sum(sum(mark_variants(c.evidence, lang, c.document_pairs, bar)) >= 2 for c in natural)
    hit = 0
    for c in cases:
        marks = mark_variants(c.evidence, lang, c.document_pairs, bar)
        hit += sum(marks) >= 2 and any(
            m and c.synonym in e.text for e, m in zip(c.evidence[1:], marks[1:], strict=True)
        )
    return 1000 * false / pairs, hit, len(cases)


def best(bars, results, sets) -> VariantBar:
    def key(bar):
        r = [results[bar][s] for s in sets]
        worst = max(x[0] for x in r)
        found = sum(x[1] for x in r) / max(1, sum(x[2] for x in r))
        return (worst > MAX_FALSE_PER_1000, -found, sum(x[0] for x in r))

    return min(bars, key=key)


def main() -> None:
    start = time.perf_counter()
    data = {name: collect(name) for name in SETS}
    print(
        f"discovery on {len(SETS)} sets and their injections: {time.perf_counter() - start:.0f} s"
    )
    bars = [
        VariantBar(**dict(zip(GRID, values, strict=True)))
        for values in itertools.product(*GRID.values())
    ]
    results = {bar: {s: score(bar, data[s]) for s in SETS} for bar in bars}

    def shown(bar, sets) -> str:
        return "; ".join(
            f"{s} {results[bar][s][0]:.1f} per 1,000, {results[bar][s][1]}/{results[bar][s][2]}"
            for s in sets
        )

    for held in SETS:
        train = [s for s in SETS if s != held]
        bar = best(bars, results, train)
        print(f"held out {held}: {shown(bar, [held])}  (tuned on {', '.join(train)}: {bar})")
    bar = best(bars, results, SETS)
    print(f"chosen on all three: {bar}\n  {shown(bar, SETS)}")
    print(f"current VariantBar(): {shown(VariantBar(), SETS)}")


if __name__ == "__main__":
    main()
