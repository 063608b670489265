"""term-inconsistent: within one document a term is rendered more than one way.

Variants are the approved and forbidden renderings (these as whole jieba words) found in pairs
whose source has the term (末日论者 here, 末世论者 there). A Latin rendering the glossary
approves (AGI beside 通用人工智能) is the acronym kept, not a competing variant. For a Chinese
source (zh->en) a variant is the English form used (hyperparameter / hyper-parameter, or a
forbidden_en one) for one Chinese rendering of the term; acronyms (LLM beside large language
model) do not compete, and a pair whose source has two renderings of the term is not attributed.
Every occurrence of a minority variant gets a finding whose message lists each variant with its
count and lines and names the dominant one. With several approved renderings this is a warning;
``single: true`` on the term, ``single_rendering: true`` on the glossary or the rule option
``single`` make it an error.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import replace
from typing import Any, ClassVar

from ..finding import Finding, Severity
from ..glossary import is_acronym
from ..term_index import PairTerms, TermIndex, TermRule
from ..terms import Hit, form_of, has_han
from .base import CheckContext

#: how many line numbers a message lists per variant before "…"
_MAX_LINES = 5


class TermInconsistent(TermRule):
    id = "term-inconsistent"
    default_severity = Severity.WARNING
    description = "A term is rendered in more than one way within one document."
    options: ClassVar[Mapping[str, Any]] = {"single": False}

    def run(self, ctx: CheckContext) -> Iterator[Finding]:
        index = self.index(ctx)
        uses: dict[tuple[int, str], dict[str, list[tuple[int, Hit]]]] = {}
        for pair in index.pairs:
            for key, variant, hit in self._variants(index, pair):
                uses.setdefault(key, {}).setdefault(variant, []).append((pair.link, hit))
        for key in sorted(uses):
            if len(uses[key]) > 1:
                yield from self._report(ctx, index, key, uses[key])

    @staticmethod
    def _variants(index: TermIndex, pair: PairTerms) -> Iterator[tuple[tuple[int, str], str, Hit]]:
        """(group, variant, hit) for every rendering of a source term in the pair's translation.

        en->zh groups by term; zh->en by term and the Chinese rendering in the source."""
        for hit in pair.tgt:
            # a forbidden rendering counts only as a whole word; an approved one inside a longer
            # word is still the term's rendering here, where the source has the term (jieba cuts
            # 智能体能 as 智能/体能)
            if hit.term not in pair.src_terms or (hit.kind == "forbidden" and not hit.whole):
                continue
            if not index.from_chinese:
                if hit.kind in ("zh", "forbidden") and has_han(hit.text):
                    yield (hit.term, ""), hit.rendering, hit
                continue
            sources = {h.rendering for h in pair.src if h.term == hit.term}
            if len(sources) != 1:
                continue
            (source,) = sources
            if hit.kind == "en" and not is_acronym(hit.text):
                yield (hit.term, source), form_of(index.term(hit.term), hit.text), hit
            elif hit.kind == "forbidden":
                yield (hit.term, source), hit.rendering, hit

    def _report(
        self,
        ctx: CheckContext,
        index: TermIndex,
        key: tuple[int, str],
        variants: dict[str, list[tuple[int, Hit]]],
    ) -> Iterator[Finding]:
        t, source = key
        term = index.term(t)
        if index.from_chinese:
            approved = (*term.en, *term.variants)
            order = {r: i for i, r in enumerate((*approved, *term.forbidden_en))}
        else:
            approved = term.zh
            order = {r: i for i, r in enumerate((*term.zh, *term.forbidden))}
        ranked = sorted(variants, key=lambda r: (-len(variants[r]), order.get(r, 99), r))
        dominant = ranked[0]
        # the rendering to converge on: the most used approved one (a forbidden rendering may
        # dominate by count, but findings never ask to replace an approved one with it)
        keep = next((r for r in ranked if r in approved), dominant)
        summary = "; ".join(self._describe(ctx, r, variants[r], r == dominant) for r in ranked)
        single = term.single or index.terms.glossary_of(t).single_rendering or self.config["single"]
        severity = Severity.ERROR if single else self.severity
        name = f"{source}' ('{term.name}')" if source else f"{term.name}'"
        for rendering in (r for r in ranked if r != keep):
            for link, hit in variants[rendering]:
                src = index.pairs[link].first_src(t)
                finding = self.finding(
                    ctx,
                    f"'{name} is rendered {len(variants)} ways in this document: {summary}",
                    pair=link,
                    src_span=(src.start, src.end) if src else None,
                    tgt_span=(hit.start, hit.end),
                    match=hit.text,
                    suggestion=keep,
                    term=term.name,
                )
                yield replace(finding, severity=severity)

    @staticmethod
    def _describe(
        ctx: CheckContext, rendering: str, hits: list[tuple[int, Hit]], dominant: bool
    ) -> str:
        lines = sorted({ctx.tgt.position(h.start).line for _, h in hits})
        shown = ", ".join(str(n) for n in lines[:_MAX_LINES]) + (
            ", …" if len(lines) > _MAX_LINES else ""
        )
        label = " (dominant)" if dominant else ""
        return f"{rendering} ×{len(hits)}{label} (line {shown})"
