"""The corpus term report: each term's renderings across documents, as a map-reduce.

Map (on the worker that aligned the pair, ``task.document_terms``): one document's
``{term: {rendering: occurrences}}``. Reduce (``merge_term_counts``, also on the cluster, a tree
of ``REDUCE_FANOUT``-wide tasks): ``{term: {rendering: [documents, occurrences]}}``. The client
only gathers the root and orders it (``term_report``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from .settings import TERM_MIN_DOCUMENTS

#: {term: [documents, {rendering: [documents, occurrences]}]}
Counts = dict[str, list[Any]]


@dataclass(frozen=True)
class TermRendering:
    text: str
    documents: int
    occurrences: int


@dataclass(frozen=True)
class CorpusTerm:
    """One term and how the corpus renders it, most-used rendering first."""

    term: str
    documents: int
    renderings: tuple[TermRendering, ...]

    @property
    def inconsistent(self) -> bool:
        return len(self.renderings) > 1

    def line(self) -> str:
        """``reward hacking: 奖励黑客 in 31 documents, 奖励破解 in 4``."""
        parts = [
            f"{r.text} in {r.documents} document{'s' if r.documents != 1 else ''}"
            for r in self.renderings
        ]
        return f"{self.term}: " + ", ".join(parts)


def merge_term_counts(*parts: Any) -> Counts:
    """Merge per-document term counts (``PairResult``s, their ``terms`` dicts) and earlier
    merges into one. A dask task: it runs on a worker next to its inputs."""
    total: Counts = {}
    for part in parts:
        if part is None:
            continue
        if hasattr(part, "terms"):  # a PairResult: one document
            _add_document(total, part.terms or {})
        elif all(isinstance(v, list) for v in part.values()):  # an earlier merge
            for term, (documents, renderings) in part.items():
                into = total.setdefault(term, [0, {}])
                into[0] += documents
                for text, (docs, occ) in renderings.items():
                    have = into[1].setdefault(text, [0, 0])
                    have[0] += docs
                    have[1] += occ
        else:  # one document's {term: {rendering: occurrences}}
            _add_document(total, part)
    return total


def _add_document(total: Counts, document: dict[str, dict[str, int]]) -> None:
    for term, renderings in document.items():
        into = total.setdefault(term, [0, {}])
        into[0] += 1
        for text, occurrences in renderings.items():
            have = into[1].setdefault(text, [0, 0])
            have[0] += 1
            have[1] += occurrences


def term_report(counts: Counts, glossary_terms: frozenset[str] = frozenset()) -> list[CorpusTerm]:
    """Terms ordered for a reader: rendered more than one way first, then by documents.

    A discovered term (not in ``glossary_terms``) needs ``TERM_MIN_DOCUMENTS`` documents."""
    terms = []
    for term, (documents, renderings) in counts.items():
        if term not in glossary_terms and documents < TERM_MIN_DOCUMENTS:
            continue
        rows = sorted(
            (TermRendering(text, docs, occ) for text, (docs, occ) in renderings.items()),
            key=lambda r: (-r.documents, -r.occurrences, r.text),
        )
        terms.append(CorpusTerm(term, documents, tuple(rows)))
    terms.sort(key=lambda t: (not t.inconsistent, -t.documents, t.term.casefold(), t.term))
    return terms


def report_json(terms: list[CorpusTerm]) -> str:
    """``terms.json``: deterministic (sorted keys, no timestamps)."""
    data = [
        {
            "term": t.term,
            "documents": t.documents,
            "inconsistent": t.inconsistent,
            "renderings": [
                {"text": r.text, "documents": r.documents, "occurrences": r.occurrences}
                for r in t.renderings
            ],
        }
        for t in terms
    ]
    return json.dumps({"terms": data}, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
