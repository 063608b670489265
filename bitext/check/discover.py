"""Term discovery: the source's terms and the renderings the translation actually used for them.

Used by ``bitext terms``, the term-variation rule and the review page's term table. Three steps,
each in its own module: ``term_sources`` finds the source terms (repeated noun phrases,
acronyms, names, words kept in English; forms grouped), ``term_renderings`` aligns each term to
the span of the translation that renders it in every pair where it occurs, and this module puts
the counts together: each rendering with how many pairs used it and a confidence, whether the
term was rendered several ways, and what a glossary expects where one lists the term. Both
directions: the source language is read from the alignment's segments, never assumed.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

from ..align.model import Alignment
from .glossary import Glossary, Term
from .term_lexicon import english_key
from .term_params import (
    COS_WEIGHT,
    DICE_WEIGHT,
    MAX_RENDERINGS,
    MIN_OCCURRENCES,
    SHORT_DOCUMENT_PAIRS,
    VARIANT_MIN_AGREEMENT,
    VARIANT_MIN_COS,
    VARIANT_MIN_PAIRS,
    VARIANT_MIN_PAIRS_SHORT,
    VARIANT_MIN_PRECISION,
    VARIANT_MIN_SHARE,
)
from .term_renderings import (
    Choice,
    Claim,
    TargetIndex,
    Use,
    choose_renderings,
    claims_of,
    same_family,
    score_candidates,
    texts_to_embed,
)
from .term_sources import SourceTerm, find_source_terms

#: a term whose occurrences lie at least this often inside one longer term is part of that term
#: ("cosmic" inside "cosmic rays": 48 of 51 in the academic set).
SUBSUMED_SHARE = 0.8


@dataclass(frozen=True)
class Rendering:
    """One way the translation rendered a term: in how many pairs, and how sure we are."""

    text: str
    pairs: int
    #: the mean of its pair scores over the best possible score (cosine 1, Dice 1), in [0, 1]
    confidence: float
    dice: float
    #: the term as it is (kept in English, or a Latin word of a Chinese source kept)
    kept: bool = False
    #: counts as a competing rendering (a synonym that follows the term), not a stray choice
    variant: bool = True


@dataclass(frozen=True)
class Evidence:
    """What decides whether one rendering competes with the term's dominant one."""

    text: str
    key: str
    kept: bool
    pairs: int
    #: its cosine to the term
    cos: float
    #: of the pairs whose translation has it spelled so, the share whose source has the term
    precision: float
    #: its cosine to the dominant rendering
    agreement: float


@dataclass(frozen=True)
class Candidate:
    """A source term with the renderings the translation used for it, most used first."""

    term: str
    kind: str  # "acronym" | "name" | "phrase" | "word" | "kept"
    count: int
    pairs: tuple[int, ...]
    renderings: tuple[Rendering, ...] = ()
    #: pairs whose translation keeps the term as it is
    kept: int = 0
    #: how many competing renderings (variants) the translation used; 2 or more is variation
    ways: int = 0
    #: the pairs where the term occurs and what was chosen in each (offsets into the documents)
    uses: tuple[Use, ...] = ()
    #: the renderings a glossary lists for the term ("" when no glossary lists it)
    expected: tuple[str, ...] = ()
    #: the glossary term's name when a glossary lists the term
    glossary_term: str = ""
    #: what decided which renderings compete, every rendering (not only those listed)
    evidence: tuple[Evidence, ...] = ()

    @property
    def inconsistent(self) -> bool:
        """Rendered two or more different ways in this document."""
        return self.ways >= 2

    @property
    def en(self) -> str:  # the name used before discovery worked in both directions
        return self.term


@lru_cache(maxsize=1)
def phrase_encoder() -> Any:
    """The built-in encoder (with its on-disk cache) for short phrases, loaded once."""
    from ..embed import DEFAULT_MODEL, get_encoder

    return get_encoder(DEFAULT_MODEL)


def discover_terms(
    alignment: Alignment,
    glossaries: Sequence[Glossary] = (),
    *,
    min_count: int = MIN_OCCURRENCES,
    limit: int | None = 100,
    known: str = "skip",
    encoder: Any = None,
) -> list[Candidate]:
    """The source terms of ``alignment`` with their renderings, most frequent first.

    ``known``: "skip" leaves out the terms ``glossaries`` list; "mark" keeps them with the
    glossary's renderings in ``expected``. ``encoder``: anything with ``encode(texts)``
    returning unit rows (default: the built-in encoder).
    """
    if not alignment.links or not alignment.src or not alignment.tgt:
        return []
    src_lang = _side_lang(alignment.src)
    tgt_lang = _side_lang(alignment.tgt)
    terms = [t for t in find_source_terms(alignment, src_lang) if len(t.occurrences) >= min_count]
    terms = _drop_subsumed(terms)
    lookup = _GlossaryLookup(glossaries, src_lang)
    if known == "skip":
        terms = [t for t in terms if lookup(t) is None]
    terms.sort(key=lambda t: (-len(t.occurrences), t.form.casefold(), t.form))
    if limit is not None:
        terms = terms[:limit]
    if not terms:
        return []
    index = TargetIndex(alignment, tgt_lang)
    texts = texts_to_embed(terms, index)
    vectors = dict(zip(texts, (encoder or phrase_encoder()).encode(texts), strict=True))
    scored = [score_candidates(term, index, vectors) for term in terms]
    # first every term's own best choice, then again with what the others claimed set aside
    claimed: dict[int, list[Claim]] = defaultdict(list)
    for term, choices in zip(terms, scored, strict=True):
        for claim in claims_of(term, choose_renderings(term, index, choices), choices):
            claimed[claim.pair].append(claim)
    out = []
    for term, choices in zip(terms, scored, strict=True):
        uses = choose_renderings(term, index, choices, claimed)
        out.append(_candidate(term, uses, choices, index, lookup(term), vectors))
    return out


def _side_lang(segments: Sequence[Any]) -> str:
    langs = Counter(seg.lang for seg in segments)
    return langs.most_common(1)[0][0]


def _drop_subsumed(terms: list[SourceTerm]) -> list[SourceTerm]:
    """Leave out a term that mostly occurs inside one longer term (cosmic in cosmic rays)."""
    spans: dict[int, list[tuple[int, int, str]]] = defaultdict(list)
    for t in terms:
        for o in t.occurrences:
            spans[o.pair].append((o.start, o.end, t.key))
    kept = []
    for t in terms:
        inside: Counter[str] = Counter()
        for o in t.occurrences:
            around = {
                key
                for start, end, key in spans[o.pair]
                if key != t.key
                and start <= o.start
                and o.end <= end
                and end - start > o.end - o.start
            }
            inside.update(around)
        share = max(inside.values(), default=0) / len(t.occurrences)
        if share < SUBSUMED_SHARE:
            kept.append(t)
    return kept


def _candidate(
    term: SourceTerm,
    uses: list[Use],
    choices: dict[str, Choice],
    index: TargetIndex,
    listed: Term | None,
    vectors: dict[str, Any],
) -> Candidate:
    chosen: dict[str, list[Use]] = defaultdict(list)
    for use in uses:
        if use.key:
            chosen[use.key].append(use)
    best_score = COS_WEIGHT + DICE_WEIGHT
    found = []
    for key, used in chosen.items():
        c = choices[key]
        surface = Counter(u.text for u in used).most_common(1)[0][0]
        rendering = Rendering(
            text=surface,
            pairs=len(used),
            confidence=round(min(1.0, sum(u.score for u in used) / len(used) / best_score), 2),
            dice=round(c.dice, 3),
            kept=_is_kept(surface, term.form),
        )
        found.append((rendering, c))
    found.sort(key=lambda rc: (-rc[0].pairs, -rc[0].confidence, rc[0].text))
    evidence = _evidence(found, index, term.pairs, vectors)
    marks = mark_variants(evidence, index.lang, len(index.pairs))
    renderings = [replace(r, variant=v) for (r, _), v in zip(found, marks, strict=True)]
    kept = sum(r.pairs for r in renderings if r.kept)
    ways = sum(1 for r in renderings if r.variant)
    kind = "kept" if renderings and renderings[0].kept and term.kind != "acronym" else term.kind
    return Candidate(
        term=term.form,
        kind=kind,
        count=len(term.occurrences),
        pairs=term.pairs,
        renderings=tuple(renderings[:MAX_RENDERINGS]),
        kept=kept,
        ways=ways,
        uses=tuple(uses),
        expected=listed.zh if listed is not None else (),
        glossary_term=listed.name if listed is not None else "",
        evidence=tuple(evidence),
    )


@dataclass(frozen=True)
class VariantBar:
    """What a competing rendering needs; ``bitext/check/term_params.py`` has the values and
    where they came from (``benchmarks/terms_variation_fit.py`` refits them)."""

    min_cos: float = VARIANT_MIN_COS
    min_pairs: int = VARIANT_MIN_PAIRS
    min_pairs_short: int = VARIANT_MIN_PAIRS_SHORT
    short_document_pairs: int = SHORT_DOCUMENT_PAIRS
    min_share: float = VARIANT_MIN_SHARE
    min_precision: float = VARIANT_MIN_PRECISION
    min_agreement: float = VARIANT_MIN_AGREEMENT


def mark_variants(
    evidence: Sequence[Evidence], lang: str, document_pairs: int, bar: VariantBar = VariantBar()
) -> list[bool]:
    """Which renderings (most used first) compete with the dominant one: a synonym of it
    (``agreement``), chosen in enough pairs, spelled so mostly where the term is, and not the
    same rendering with more or less around it (雷达 / 脉冲雷达) nor another form of its word
    (social / society); kept in English and translated always compete (Karpathy /
    Karpathy博士). A long document needs more pairs of evidence than a short article: it has
    many more terms, each a chance of a translator's passing synonym."""
    out: list[bool] = []
    families: list[tuple[str, bool]] = []
    rendered = sum(e.pairs for e in evidence)
    short = document_pairs < bar.short_document_pairs
    min_pairs = bar.min_pairs_short if short else bar.min_pairs
    for n, e in enumerate(evidence):
        related = any(kept == e.kept and same_family(key, e.key, lang) for key, kept in families)
        variant = n == 0 or (
            not related
            and e.cos >= bar.min_cos
            and e.pairs >= min_pairs
            and e.pairs >= bar.min_share * rendered
            and e.precision >= bar.min_precision
            and e.agreement >= bar.min_agreement
        )
        if variant:
            families.append((e.key, e.kept))
        out.append(variant)
    return out


def _evidence(
    found: list[tuple[Rendering, Choice]],
    index: TargetIndex,
    term_pairs: Sequence[int],
    vectors: dict[str, Any],
) -> list[Evidence]:
    if not found:
        return []
    in_term = set(term_pairs)
    first = vectors[index.surface(found[0][1].key, term_pairs)]
    out = []
    for r, c in found:
        spelled = index.spelled(c.key, r.text)
        out.append(
            Evidence(
                text=r.text,
                key=c.key,
                kept=r.kept,
                pairs=r.pairs,
                cos=round(c.cos, 4),
                precision=round(len(spelled & in_term) / len(spelled), 4) if spelled else 0.0,
                agreement=round(float(first @ vectors[index.surface(c.key, term_pairs)]), 4),
            )
        )
    return out


def _is_kept(surface: str, form: str) -> bool:
    """The rendering is (part of) the term as written: Latin words the source has too."""
    words = surface.casefold().split()
    return bool(words) and surface.isascii() and set(words) <= set(form.casefold().split())


class _GlossaryLookup:
    """The glossary term that lists a source term: by English form (en source) or rendering."""

    def __init__(self, glossaries: Sequence[Glossary], src_lang: str) -> None:
        self.by_form: dict[str, Term] = {}
        for glossary in glossaries:
            for term in glossary.terms:
                forms = (*term.en, *term.variants) if src_lang == "en" else term.zh
                for form in forms:
                    self.by_form[_form_key(form)] = term

    def __call__(self, term: SourceTerm) -> Term | None:
        return self.by_form.get(_form_key(term.form)) or self.by_form.get(term.key)


def _form_key(form: str) -> str:
    words = form.split()
    if len(words) == 1 and words[0].isupper():
        return words[0].rstrip("s") if len(words[0]) > 2 else words[0]
    return " ".join(english_key(w) for w in words) if words else form


def starter_glossary(
    candidates: Sequence[Candidate], name: str, src_lang: str | None = None
) -> Glossary:
    """A glossary to review, in the direction of the document (see ``bitext.check.starter``)."""
    from .starter import starter_glossary as build

    return build(candidates, name, src_lang)
