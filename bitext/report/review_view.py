"""The review page's view model: what to show where, computed from a ``LintResult``.

Kept apart from the HTML so that the hard parts (which pair a finding belongs to, which
characters of which sentence to mark, what the summaries count) are plain data with plain tests,
and the template only lays them out. Nothing here knows about HTML or escaping.
"""

from __future__ import annotations

import bisect
import json
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..aligned import AlignedDocuments
from ..check.finding import Finding, Location, Severity
from ..document import Document, Segment
from ..signature import short_signature
from .review_marks import Fragment, Span, mark_fragments

#: worst first: the order of the summary columns and of the severity filters.
SEVERITIES: tuple[str, ...] = ("error", "warning", "info")


@dataclass(frozen=True)
class SegmentView:
    line: int
    kind: str
    fragments: tuple[Fragment, ...]


@dataclass(frozen=True)
class FindingView:
    id: str  # "f3": stable, the finding's 1-based place in the result
    rule: str
    severity: str
    message: str
    match: str
    suggestion: str
    term: str
    where: str  # "a.en.md:3:14 ↔ a.zh.md:3:7"
    #: id of the repeated-findings group ("g2") this one belongs to, "" when it repeats nothing
    group: str = ""
    #: beyond the first ``GROUP_SHOWN`` of its group: shown compact, listed under the group
    folded: bool = False


@dataclass(frozen=True)
class RepeatedView:
    """Findings of one rule with one message in one file, folded under one expandable row."""

    id: str  # "g1"
    rule: str
    severity: str
    message: str
    path: str
    members: tuple[tuple[str, str], ...]  # (finding id, where), in document order

    @property
    def count(self) -> int:
        return len(self.members)


@dataclass(frozen=True)
class RowView:
    """One aligned pair (or one unpaired line when ``kind == 'unpaired'``)."""

    id: str
    number: int  # 1-based pair number as shown; the link index is ``number - 1``
    kind: str  # "1-1", "2-1", "1-0", "0-1", "unpaired"
    score: float | None
    bar: float  # score clamped to [0, 1] for the colour bar
    low_confidence: bool
    src: tuple[SegmentView, ...]
    tgt: tuple[SegmentView, ...]
    findings: tuple[FindingView, ...]


@dataclass(frozen=True)
class DocumentView:
    id: str
    src_path: str
    tgt_path: str
    src_lang: str
    tgt_lang: str
    layout: str
    warnings: tuple[str, ...]
    rows: tuple[RowView, ...]
    unpaired: tuple[RowView, ...]
    #: findings that point into this document but at no sentence (document-level)
    loose: tuple[FindingView, ...]


@dataclass(frozen=True)
class PageView:
    title: str
    documents: tuple[DocumentView, ...]
    general: tuple[FindingView, ...]  # findings tied to no document shown here
    rules: tuple[tuple[str, int], ...]  # (rule id, count), sorted by id
    severities: tuple[tuple[str, int], ...]  # (severity, count), worst first
    summary: tuple[tuple[str, tuple[int, ...], int], ...]  # rule, counts per severity, total
    #: term, the renderings the translation used with counts, the glossary's expected, count
    terms: tuple[tuple[str, str, str, int], ...]
    total: int
    signature_short: str
    signature_full: str
    data: dict[str, Any] = field(default_factory=dict)
    #: groups of more than ``GROUP_SHOWN`` alike findings (same file, rule and message)
    repeated: tuple[RepeatedView, ...] = ()


def build_page(
    documents: Sequence[AlignedDocuments],
    findings: Sequence[Finding],
    signature: Mapping[str, Any],
    glossaries: Sequence[Any] = (),
) -> PageView:
    """Place every finding on a pair, an unpaired line, a document or the general list."""
    views, repeated = _fold([_finding_view(i, f) for i, f in enumerate(findings, 1)], findings)
    placed: list[list[tuple[Finding, FindingView]]] = [[] for _ in documents]
    general: list[FindingView] = []
    document_of = _DocumentFinder(documents)
    for finding, view in zip(findings, views, strict=True):
        doc_index = document_of(finding)
        if doc_index is None:
            general.append(view)
        else:
            placed[doc_index].append((finding, view))
    docs = tuple(
        _document_view(i, doc, placed[i], len(documents) > 1) for i, doc in enumerate(documents)
    )
    by_rule = Counter(f.rule for f in findings)
    by_sev = Counter(_sev(f) for f in findings)
    return PageView(
        title=_title(docs),
        documents=docs,
        general=tuple(general),
        rules=tuple(sorted(by_rule.items())),
        severities=tuple((s, by_sev.get(s, 0)) for s in SEVERITIES),
        summary=_summary(findings),
        terms=_term_table(documents, findings, glossaries),
        total=len(findings),
        signature_short=short_signature(signature),
        signature_full=json.dumps(
            signature, ensure_ascii=False, indent=2, sort_keys=True, default=str
        ),
        data={
            "findings": [_finding_data(v, f) for v, f in zip(views, findings, strict=True)],
            "signature": dict(signature),
        },
        repeated=repeated,
    )


def _fold(
    views: list[FindingView], findings: Sequence[Finding]
) -> tuple[list[FindingView], tuple[RepeatedView, ...]]:
    """Mark findings alike (``report.text.group_key``) past ``GROUP_SHOWN`` as folded, and
    list every group larger than that once (issue 18: the flood buries what matters)."""
    from dataclasses import replace

    from .text import GROUP_SHOWN, group_key

    members: dict[tuple[str, str, str], list[int]] = defaultdict(list)
    for k, f in enumerate(findings):
        members[group_key(f)].append(k)
    groups: list[RepeatedView] = []
    out = list(views)
    for key, indices in members.items():
        if len(indices) <= GROUP_SHOWN:
            continue
        gid = f"g{len(groups) + 1}"
        first = views[indices[0]]
        groups.append(
            RepeatedView(
                gid,
                first.rule,
                first.severity,
                first.message,
                key[0],
                tuple((views[k].id, views[k].where) for k in indices),
            )
        )
        for place, k in enumerate(indices):
            out[k] = replace(views[k], group=gid, folded=place >= GROUP_SHOWN)
    return out, tuple(groups)


def _title(docs: Sequence[DocumentView]) -> str:
    if len(docs) != 1:
        return f"bitext review: {len(docs)} documents"
    paths = list(dict.fromkeys(p for p in (docs[0].src_path, docs[0].tgt_path) if p))
    return "bitext review" + (f": {' ↔ '.join(paths)}" if paths else "")


# -- findings -------------------------------------------------------------------------------


def _sev(finding: Finding) -> str:
    return Severity(finding.severity).value


def _where(loc: Location | None) -> str:
    return f"{loc.path}:{loc.line}:{loc.column}" if loc else ""


def _finding_view(number: int, f: Finding) -> FindingView:
    where = " ↔ ".join(w for w in (_where(f.source), _where(f.target)) if w)
    return FindingView(
        id=f"f{number}",
        rule=f.rule,
        severity=_sev(f),
        message=f.message,
        match=f.match,
        suggestion=f.suggestion,
        term=f.term,
        where=where,
    )


def _finding_data(view: FindingView, f: Finding) -> dict[str, Any]:
    def loc(x: Location | None) -> dict[str, Any] | None:
        if x is None:
            return None
        return {"path": x.path, "line": x.line, "column": x.column, "start": x.start, "end": x.end}

    return {
        "id": view.id,
        "rule": f.rule,
        "severity": view.severity,
        "message": f.message,
        "match": f.match,
        "suggestion": f.suggestion,
        "term": f.term,
        "pair": f.pair,
        "source": loc(f.source),
        "target": loc(f.target),
    }


class _DocumentFinder:
    """Which document a finding is about: the first whose source or target path it names."""

    def __init__(self, documents: Sequence[AlignedDocuments]) -> None:
        self.count = len(documents)
        self.src: dict[str, int] = {}
        self.tgt: dict[str, int] = {}
        for i, doc in enumerate(documents):
            self.src.setdefault(_path(doc.src), i)
            self.tgt.setdefault(_path(doc.tgt), i)

    def __call__(self, f: Finding) -> int | None:
        hits = [
            table[loc.path]
            for table, loc in ((self.src, f.source), (self.tgt, f.target))
            if loc is not None and loc.path in table
        ]
        if hits:
            return min(hits)
        if self.count == 1 and ((f.source is None and f.target is None) or f.pair is not None):
            return 0
        return None


def _path(doc: Document) -> str:
    return doc.path or "<text>"


def _summary(findings: Sequence[Finding]) -> tuple[tuple[str, tuple[int, ...], int], ...]:
    table: dict[str, Counter[str]] = defaultdict(Counter)
    for f in findings:
        table[f.rule][_sev(f)] += 1
    return tuple(
        (rule, tuple(table[rule][s] for s in SEVERITIES), sum(table[rule].values()))
        for rule in sorted(table)
    )


#: terms listed in the review page's term table per document
TERM_TABLE_LIMIT = 60


def _term_table(
    documents: Sequence[AlignedDocuments], findings: Sequence[Finding], glossaries: Sequence[Any]
) -> tuple[tuple[str, str, str, int], ...]:
    """Per term, the renderings the translation actually used with their counts (term
    discovery), and the glossary's expected rendering where one lists the term; glossary terms
    that discovery did not list come from the term-* findings."""
    from ..check.discover import discover_terms

    rows: list[tuple[str, str, str, int]] = []
    seen: set[str] = set()
    for doc in documents:
        for c in discover_terms(
            doc.alignment, tuple(glossaries), known="mark", limit=TERM_TABLE_LIMIT
        ):
            used = " · ".join(f"{r.text} ×{r.pairs}" for r in c.renderings)
            if c.inconsistent:
                used += f" [rendered {c.ways} ways]"
            rows.append((c.term, used, " / ".join(c.expected), c.count))
            seen.add(c.term.casefold())
            seen.add(c.glossary_term.casefold())
    for term, rendering, expected, n in _term_renderings(findings):
        if term.casefold() not in seen:
            rows.append((term, rendering, expected, n))
    return tuple(rows)


def _term_renderings(findings: Sequence[Finding]) -> tuple[tuple[str, str, str, int], ...]:
    """How each glossary term was rendered, from the term-* findings (term, rendering, count)."""
    counts: Counter[tuple[str, str]] = Counter()
    expected: dict[tuple[str, str], set[str]] = defaultdict(set)
    for f in findings:
        if not f.rule.startswith("term-"):
            continue
        term = f.term or f.match
        rendering = f.match if f.target is not None else ""
        counts[(term, rendering)] += 1
        if f.suggestion:
            expected[(term, rendering)].add(f.suggestion)
    rows = sorted(counts.items(), key=lambda kv: (kv[0][0].casefold(), -kv[1], kv[0][1]))
    return tuple((t, r, " / ".join(sorted(expected[(t, r)])), n) for (t, r), n in rows)


# -- documents, rows and marks ----------------------------------------------------------------


_SpansBySegment = dict[tuple[int, int], list[Span]]


class _SideIndex:
    """Finds the segment (and the pair) that contains a character offset of one side's text."""

    def __init__(self, entries: Iterable[tuple[Segment, str]]) -> None:
        self.entries = sorted(entries, key=lambda e: (e[0].start, e[0].end))
        self.starts = [seg.start for seg, _ in self.entries]

    def owner(self, offset: int) -> str | None:
        i = bisect.bisect_right(self.starts, offset) - 1
        if i < 0:
            return None
        seg, key = self.entries[i]
        return key if offset <= seg.end else None  # ``==``: a caret just after the last char

    def touched(self, start: int, end: int) -> list[Segment]:
        """The segments a span overlaps (a zero-width span: those it sits in or at the edge of)."""
        lo = max(0, bisect.bisect_right(self.starts, start) - 1)
        hi = bisect.bisect_right(self.starts, end)
        segs = [seg for seg, _ in self.entries[lo:hi]]
        if start == end:
            return [seg for seg in segs if seg.start <= start <= seg.end]
        return [seg for seg in segs if seg.start < end and start < seg.end]


def _document_view(
    index: int, doc: AlignedDocuments, placed: list[tuple[Finding, FindingView]], many: bool
) -> DocumentView:
    links = doc.alignment.links
    src_segs = doc.alignment.src or doc.src.segments
    tgt_segs = doc.alignment.tgt or doc.tgt.segments
    prefix = f"d{index + 1}-" if many else ""
    pair_keys = [f"{prefix}p{n + 1}" for n in range(len(links))]
    unpaired_keys = [f"{prefix}u{n + 1}" for n in range(len(doc.unpaired))]
    unpaired_sides = [_side_of(seg, doc) for seg in doc.unpaired]

    entries: dict[str, list[tuple[Segment, str]]] = {
        "src": [(src_segs[i], pair_keys[n]) for n, link in enumerate(links) for i in link.src],
        "tgt": [(tgt_segs[i], pair_keys[n]) for n, link in enumerate(links) for i in link.tgt],
    }
    for seg, key, side in zip(doc.unpaired, unpaired_keys, unpaired_sides, strict=True):
        entries[side].append((seg, key))
    owned, spans, loose = _place(placed, pair_keys, {s: _SideIndex(e) for s, e in entries.items()})

    def views(segs: Iterable[Segment], side: str) -> tuple[SegmentView, ...]:
        text = doc.src if side == "src" else doc.tgt
        return tuple(
            _segment_view(seg, spans[side].get((seg.start, seg.end), ()), text) for seg in segs
        )

    rows = []
    for n, link in enumerate(links):
        score = None if not link.src or not link.tgt else float(link.score)
        rows.append(
            RowView(
                id=pair_keys[n],
                number=n + 1,
                kind=link.kind,
                score=score,
                bar=0.0 if score is None else min(1.0, max(0.0, score)),
                low_confidence=bool(link.low_confidence),
                src=views((src_segs[i] for i in link.src), "src"),
                tgt=views((tgt_segs[i] for i in link.tgt), "tgt"),
                findings=tuple(owned.get(pair_keys[n], ())),
            )
        )
    unpaired = [
        RowView(
            id=key,
            number=n + 1,
            kind="unpaired",
            score=None,
            bar=0.0,
            low_confidence=False,
            src=views((seg,), "src") if side == "src" else (),
            tgt=views((seg,), "tgt") if side == "tgt" else (),
            findings=tuple(owned.get(key, ())),
        )
        for n, (seg, key, side) in enumerate(
            zip(doc.unpaired, unpaired_keys, unpaired_sides, strict=True)
        )
    ]
    return DocumentView(
        id=f"d{index + 1}",
        src_path=doc.src.path or "",
        tgt_path=doc.tgt.path or "",
        src_lang=doc.src.lang,
        tgt_lang=doc.tgt.lang,
        layout=doc.layout,
        warnings=tuple(dict.fromkeys((*doc.warnings, *doc.alignment.warnings))),
        rows=tuple(rows),
        unpaired=tuple(unpaired),
        loose=tuple(loose),
    )


def _place(
    placed: Sequence[tuple[Finding, FindingView]],
    pair_keys: Sequence[str],
    index_of: Mapping[str, _SideIndex],
) -> tuple[dict[str, list[FindingView]], dict[str, _SpansBySegment], list[FindingView]]:
    """Row of each finding (its pair index, else the sentence at its offset), and its spans
    bucketed by the segments they touch (so marking stays linear in the document size)."""
    owned: dict[str, list[FindingView]] = defaultdict(list)
    spans: dict[str, _SpansBySegment] = {"src": defaultdict(list), "tgt": defaultdict(list)}
    loose: list[FindingView] = []
    for f, view in placed:
        key: str | None = None
        if f.pair is not None and 0 <= f.pair < len(pair_keys):
            key = pair_keys[f.pair]
        for side, loc in (("src", f.source), ("tgt", f.target)):
            if loc is not None:
                span = Span(loc.start, loc.end, view.id, view.severity)
                for seg in index_of[side].touched(loc.start, loc.end):
                    spans[side][(seg.start, seg.end)].append(span)
                key = key or index_of[side].owner(loc.start)
        if key is None:
            loose.append(view)
        else:
            owned[key].append(view)
    return owned, spans, loose


def _side_of(seg: Segment, doc: AlignedDocuments) -> str:
    """Which side an unpaired segment belongs to, so its offsets index the right text.

    In one bilingual file both sides hold the same text, so only the language can tell; with two
    files, the text the offsets point at decides (a Chinese title may sit in the English file).
    """
    by_lang = "tgt" if seg.lang == doc.tgt.lang != doc.src.lang else "src"
    if doc.src.text == doc.tgt.text:
        return by_lang
    if doc.src.text[seg.start : seg.end] == seg.text:
        return "src"
    if doc.tgt.text[seg.start : seg.end] == seg.text:
        return "tgt"
    return by_lang


def _segment_view(seg: Segment, spans: Sequence[Span], doc: Document) -> SegmentView:
    return SegmentView(
        line=doc.position(seg.start).line if seg.start <= len(doc.text) else 0,
        kind=seg.kind,
        fragments=mark_fragments(seg.text, seg.start, spans),
    )
