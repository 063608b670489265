"""Term hits per aligned pair, computed once per check context and shared by the five term rules.

Matching every term in both documents is the expensive part of the glossary checks; the rules
themselves only read this index. Each link of the alignment becomes a ``PairTerms``: the English
forms found in its source segments and the renderings (and English forms) found in its target
segments, so an n-m link is judged as one unit.

The direction comes from the documents (``src.lang``), never from which side is English. For
en->zh the source is matched for English forms and the translation for renderings; for zh->en
the source is matched for approved Chinese renderings (whole jieba words: 推理 inside a longer
word is no evidence) and English forms it keeps (foom), the translation for English forms and
``forbidden_en`` renderings.

Evidence rule, decided here once: a finding that says a rendering is *there* (forbidden,
inconsistent, unexpected) stands on whole jieba words only (轰 inside 轰然巨响 is not 轰); a
finding that says a term is *not* rendered (missing) is silenced by any hit of the term in the
pair's translation, even one inside a longer word or swallowed by a longer term (``tgt_present``).
"""

from __future__ import annotations

import weakref
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import cached_property
from pathlib import Path
from typing import Any

from ..align.model import Alignment
from ..document import Document
from .finding import Finding
from .glossary import Glossary, Term, load_glossaries
from .rules.base import CheckContext, Rule
from .terms import Hit, TermSet

#: the five term rules, in the order their findings are listed for one pair.
TERM_RULES = (
    "term-missing",
    "term-forbidden",
    "term-untranslated",
    "term-inconsistent",
    "term-unexpected",
)


@dataclass(frozen=True)
class PairTerms:
    """Term hits of one link: ``src`` in its source segments, ``tgt`` in its target segments."""

    link: int
    src: tuple[Hit, ...]
    tgt: tuple[Hit, ...]
    #: character span covering the link's target segments (None for a 1-0 link)
    tgt_span: tuple[int, int] | None
    #: terms with any hit in the translation before overlaps were resolved (AI inside AI安全)
    tgt_present: frozenset[int] = frozenset()

    @cached_property
    def src_terms(self) -> frozenset[int]:
        return frozenset(h.term for h in self.src)

    def first_src(self, term: int) -> Hit | None:
        return next((h for h in self.src if h.term == term), None)

    def tgt_of(self, term: int, *kinds: str) -> list[Hit]:
        return [h for h in self.tgt if h.term == term and h.kind in kinds]


@dataclass(frozen=True)
class TermIndex:
    """Everything the term rules need, for one context."""

    terms: TermSet
    pairs: tuple[PairTerms, ...]
    #: "en-zh" (English source, Chinese translation) or "zh-en"
    direction: str = "en-zh"

    @property
    def from_chinese(self) -> bool:
        return self.direction == "zh-en"

    def term(self, index: int) -> Term:
        return self.terms.terms[index]

    def approved(self, term: Term) -> tuple[str, ...]:
        """What the translation may use for ``term``: its renderings, or its English forms."""
        return term.en if self.from_chinese else term.zh

    def preferred(self, term: Term) -> str:
        return term.name if self.from_chinese else term.preferred

    def approves(self, pair: PairTerms, rendering: str) -> bool:
        """True when some term in the pair's source lists ``rendering`` as approved."""
        if self.from_chinese:
            folded = rendering.casefold()
            return any(
                folded in {f.casefold() for f in (*self.term(t).en, *self.term(t).variants)}
                for t in pair.src_terms
            )
        return any(rendering in self.terms.terms[t].zh for t in pair.src_terms)


def _glossaries(items: Iterable[Any]) -> tuple[Glossary, ...]:
    return load_glossaries(items)


def direction_of(src: Document, tgt: Document) -> str:
    """ "zh-en" when the source is Chinese and the translation is not, else "en-zh"."""
    return "zh-en" if src.lang.startswith("zh") and not tgt.lang.startswith("zh") else "en-zh"


def build_index(
    alignment: Alignment, src: Document, tgt: Document, glossaries: Sequence[Glossary]
) -> TermIndex:
    """Match every term of ``glossaries`` in both documents and group the hits by link."""
    terms = TermSet.from_glossaries(glossaries)
    direction = direction_of(src, tgt)
    src_doc, tgt_doc = _with_segments(src, alignment.src), _with_segments(tgt, alignment.tgt)
    src_hits: list[Hit] = []
    tgt_hits: list[Hit] = []
    tgt_all: list[Hit] = []
    if terms.terms and direction == "en-zh":
        src_hits = terms.english_hits(src_doc)
        tgt_hits, tgt_all = terms.chinese_hits(tgt_doc)
    elif terms.terms:
        resolved, _ = terms.chinese_hits(src_doc)
        # evidence that the Chinese source has a term: an approved rendering as a whole word,
        # or an English form it keeps; a forbidden rendering in an original is just a word
        src_hits = [h for h in resolved if h.kind in ("zh", "en") and h.whole]
        tgt_hits, tgt_all = terms.english_target_hits(tgt_doc)
    s_hits, t_hits, t_all = (_by_segment(h) for h in (src_hits, tgt_hits, tgt_all))
    pairs = []
    for n, link in enumerate(alignment.links):
        span = None
        if link.tgt:
            segs = [alignment.tgt[i] for i in link.tgt]
            span = (min(s.start for s in segs), max(s.end for s in segs))
        pairs.append(
            PairTerms(
                link=n,
                src=_of(s_hits, link.src),
                tgt=_of(t_hits, link.tgt),
                tgt_span=span,
                tgt_present=frozenset(h.term for h in _of(t_all, link.tgt)),
            )
        )
    return TermIndex(terms, tuple(pairs), direction)


def _by_segment(hits: list[Hit]) -> dict[int, list[Hit]]:
    grouped: dict[int, list[Hit]] = {}
    for hit in hits:
        grouped.setdefault(hit.segment, []).append(hit)
    return grouped


def _of(grouped: dict[int, list[Hit]], segments: Sequence[int]) -> tuple[Hit, ...]:
    """The hits of ``segments`` (sentence indices), in segment order."""
    return tuple(h for i in segments for h in grouped.get(i, ()))


def _with_segments(doc: Document, segments: tuple[Any, ...]) -> Document:
    """The alignment's segments are authoritative (a bilingual doc may hold both sides)."""
    return doc if doc.segments == segments else replace(doc, segments=segments)


_CACHE: dict[int, tuple[weakref.ref[Any], TermIndex]] = {}


def term_index(ctx: CheckContext) -> TermIndex:
    """The index for ``ctx``, built on first use and shared by every term rule of that run."""
    cached = _CACHE.get(id(ctx))
    if cached is not None and cached[0]() is ctx:
        return cached[1]
    index = build_index(ctx.alignment, ctx.src, ctx.tgt, _glossaries(ctx.glossaries))
    key = id(ctx)
    _CACHE[key] = (weakref.ref(ctx, lambda _ref: _CACHE.pop(key, None)), index)
    return index


class TermRule(Rule):
    """Base of the five term rules: the index, and per-term severities from the glossary."""

    def index(self, ctx: CheckContext) -> TermIndex:
        return term_index(ctx)

    def with_term_severity(self, finding: Finding, term: Term) -> Finding:
        """A term's own ``severity:`` overrides the rule's default."""
        if term.severity is None or term.severity == finding.severity:
            return finding
        return replace(finding, severity=term.severity)


def quoted(items: Iterable[str]) -> str:
    return " / ".join(items)


def check_terms(
    alignment: Alignment,
    src_doc: Document,
    tgt_doc: Document,
    glossaries: Iterable[Glossary | str | Path],
    *,
    rules: Iterable[str] | None = None,
) -> list[Finding]:
    """Run the term rules (default: all five) on an aligned pair of documents.

    ``glossaries`` may hold loaded ``Glossary`` objects, file paths or shipped names. Findings
    come back ordered by pair, then position, then rule.
    """
    from .rules.base import load_rule

    selected = list(rules) if rules is not None else list(TERM_RULES)
    unknown = [r for r in selected if r not in TERM_RULES]
    if unknown:
        from ..errors import UsageError

        raise UsageError(
            f"not a term rule: {', '.join(unknown)} (term rules: {', '.join(TERM_RULES)})"
        )
    ctx = CheckContext(alignment, src_doc, tgt_doc, glossaries=_glossaries(glossaries))
    findings: list[Finding] = []
    for rule_id in selected:
        findings.extend(load_rule(rule_id).from_config().run(ctx))
    return sort_findings(findings)


def sort_findings(findings: Iterable[Finding]) -> list[Finding]:
    def key(f: Finding) -> tuple[Any, ...]:
        src = f.source.start if f.source else -1
        tgt = f.target.start if f.target else -1
        pair = f.pair if f.pair is not None else -1
        return (
            pair,
            src,
            tgt,
            TERM_RULES.index(f.rule) if f.rule in TERM_RULES else 99,
            f.term,
            f.message,
        )

    return sorted(findings, key=key)


__all__ = [
    "TERM_RULES",
    "PairTerms",
    "TermIndex",
    "TermRule",
    "check_terms",
    "term_index",
]
