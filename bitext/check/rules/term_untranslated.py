"""term-untranslated: a term that should be translated is left in English, or a ``keep: true``
term (foom, p(doom)) was translated.

A Latin rendering the glossary approves (AGI, LLM) is a rendering, not English left behind, and
so is an acronym the translation introduced beside its rendering ("递归式自我升级"(RSI), then
RSI: kind ``abbr``). A translated keep-term that is also forbidden is left to term-forbidden.
For a Chinese source only the keep-term half applies (the translation is English anyway).
"""

from __future__ import annotations

from collections.abc import Iterator

from ..finding import Finding, Severity
from ..term_index import PairTerms, TermIndex, TermRule, quoted
from .base import CheckContext


class TermUntranslated(TermRule):
    id = "term-untranslated"
    default_severity = Severity.WARNING
    description = (
        "A term is left in English though it should be translated, or a keep-term was translated."
    )

    def run(self, ctx: CheckContext) -> Iterator[Finding]:
        index = self.index(ctx)
        for pair in index.pairs:
            if not index.from_chinese:
                yield from self._left_in_english(ctx, index, pair)
            yield from self._keep_translated(ctx, index, pair)

    def _left_in_english(
        self, ctx: CheckContext, index: TermIndex, pair: PairTerms
    ) -> Iterator[Finding]:
        for hit in pair.tgt:
            term = index.term(hit.term)
            if hit.kind != "en" or term.keep or not term.zh:
                continue
            if pair.tgt_of(hit.term, "zh"):
                continue  # "通用人工智能 (artificial general intelligence)": a gloss, fine
            src = pair.first_src(hit.term)
            finding = self.finding(
                ctx,
                f"'{hit.text}' is left in English; translate it as {quoted(term.zh)}",
                pair=pair.link,
                src_span=(src.start, src.end) if src else None,
                tgt_span=(hit.start, hit.end),
                match=hit.text,
                suggestion=term.preferred,
                term=term.name,
            )
            yield self.with_term_severity(finding, term)

    def _keep_translated(
        self, ctx: CheckContext, index: TermIndex, pair: PairTerms
    ) -> Iterator[Finding]:
        if pair.tgt_span is None:
            return
        for t in sorted(pair.src_terms):
            term = index.term(t)
            if not term.keep:
                continue
            if any(
                h.term == t and (h.kind == "en" or h.whole)
                for h in pair.tgt
                if h.kind in ("en", "forbidden")
            ):
                continue
            src = pair.first_src(t)
            assert src is not None
            gloss = f" (a gloss such as {quoted(term.gloss)} may follow it)" if term.gloss else ""
            finding = self.finding(
                ctx,
                f"'{src.text}' should stay in English in the translation{gloss}",
                pair=pair.link,
                src_span=(src.start, src.end),
                tgt_span=pair.tgt_span,
                match=src.text,
                suggestion=term.name,
                term=term.name,
            )
            yield self.with_term_severity(finding, term)
