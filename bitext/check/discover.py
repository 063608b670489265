"""Candidate terms a glossary does not know yet, found in an aligned document pair.

Used by ``bitext terms``. English candidates are acronyms, capitalised names (``Frontier Model
Forum``) and repeated multi-word phrases of content words; Latin tokens kept in the Chinese
(``OpenAI``, ``foom``) are candidates too. Renderings come from co-occurrence across aligned
pairs: a Chinese n-gram that appears in the targets of the pairs whose source has the term, and
rarely elsewhere, scored with the Dice coefficient. No external service, no model: the
alignment already did the hard part.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..align.model import Alignment
from .glossary import Glossary, Term, is_acronym
from .terms import TermSet

#: a rendering must be at least this associated with the term (Dice over aligned pairs); 0.3
#: kept the right rendering and dropped sentence-level noise on our AI-policy example articles.
MIN_DICE = 0.3
#: a further rendering must score at least this share of the best one's Dice (drops 会议, a word
#: that merely shares sentences with 前沿模型论坛, in tests/data/terms/article.*.txt).
MIN_RELATIVE_DICE = 0.6
#: a longer string found in at least this share of a rendering's pairs replaces it (斯丁 ->
#: 奥斯丁 in the academic gold set: 10 of 11 pairs).
EXTEND_SHARE = 0.8
#: only renderings this short are split into the longer variants that contain them (奖励);
#: a 4-character 拉普拉斯 inside 拉普拉斯变换/拉普拉斯反变换 is a rendering of its own.
SPLIT_MAX_CHARS = 2
#: Chinese n-gram lengths tried as renderings (递归式自我升级 has 7 characters).
NGRAM_SIZES = range(2, 9)
#: renderings reported per candidate
MAX_RENDERINGS = 3

_WORD = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:['’\-][A-Za-z0-9]+)*")
_LATIN_IN_ZH = re.compile(r"(?<![A-Za-z0-9])[A-Za-z][A-Za-z0-9]*(?:[\-.][A-Za-z0-9]+)*")
_HAN_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]+")
#: Chinese function characters that never begin or end a rendering candidate.
_EDGE_CHARS = set("的了是在和与对将把被也都就而及或其这那个一为中上等之以从到向于着过")
_STOPWORD_TEXT = """
a about above after again against all also am an and any are as at be because been before being
below between both but by can could did do does doing down during each even few for from further
had has have having he her here hers him his how however i if in into is it its itself just like
many may me might more most much must my no nor not now of off on once one only or other our ours
out over own same she should so some such than that the their theirs them then there these they
this those through to too under until up very was we were what when where which while who whom
why will with would yet you your new first last next several said says say make made makes use
used using get gets got way ways well still thing things
"""
_STOPWORDS = frozenset(_STOPWORD_TEXT.split())


@dataclass(frozen=True)
class Rendering:
    """A Chinese string found for a candidate: in how many of its pairs, and how strongly."""

    text: str
    pairs: int
    dice: float


@dataclass(frozen=True)
class Candidate:
    """A proposed glossary term with the renderings the translation used for it."""

    en: str
    kind: str  # "acronym" | "name" | "phrase" | "kept"
    count: int
    pairs: tuple[int, ...]
    renderings: tuple[Rendering, ...] = ()
    #: pairs whose translation keeps the English as it is
    kept: int = 0
    #: rendered more than one way (two renderings in different pairs, or kept and translated)
    inconsistent: bool = False


def _pair_texts(alignment: Alignment) -> list[tuple[str, str]]:
    return [
        (
            " ".join(alignment.src[i].text for i in link.src),
            "".join(alignment.tgt[i].text for i in link.tgt),
        )
        for link in alignment.links
    ]


def _english_candidates(text: str) -> Iterable[tuple[str, str]]:
    """(form, kind) for every candidate occurrence in one source text."""
    words = list(_WORD.finditer(text))
    shouting = sum(1 for m in words if m.group().isupper()) * 2 > len(words)  # a CAPS heading
    for m in words:
        token = m.group()
        if is_acronym(token) and not shouting and token.lower() not in _STOPWORDS:
            yield (token[:-1] if token.endswith("s") and len(token) > 2 else token), "acronym"
    for name in _capitalised_runs(text, words):
        yield name, "name"
    # phrases are lower-case content words (the sentence's first word may be capitalised)
    lowered = [m.group().lower() for m in words]
    plain = [m.group().islower() or k == 0 for k, m in enumerate(words)]
    for n in (2, 3):
        for k in range(len(lowered) - n + 1):
            gram = lowered[k : k + n]
            if all(plain[k : k + n]) and all(
                w.isalpha() and len(w) >= 3 and w not in _STOPWORDS for w in gram
            ):
                yield " ".join(gram), "phrase"


def _capitalised_runs(text: str, words: Sequence[re.Match[str]]) -> Iterable[str]:
    """Runs of capitalised words not at a sentence start; of/for/and may join two capitals."""
    run: list[str] = []
    for k, m in enumerate(words):
        token = m.group()
        before = text[words[k - 1].end() : m.start()] if k else "."
        sentence_start = before.strip(" \"'“‘(") in {".", "!", "?", ":"}
        if token[0].isupper() and (not sentence_start or is_acronym(token)):
            run.append(token)
            continue
        joins = k + 1 < len(words) and words[k + 1].group()[0].isupper()
        if run and token in {"of", "for", "and"} and joins:
            run.append(token)
            continue
        yield from _trimmed(run)
        run = []
    yield from _trimmed(run)


def _trimmed(run: list[str]) -> Iterable[str]:
    while run and run[-1].lower() in _STOPWORDS:
        run = run[:-1]
    while run and run[0].lower() in _STOPWORDS:
        run = run[1:]
    if run and not (len(run) == 1 and (len(run[0]) < 3 or is_acronym(run[0]))):
        yield " ".join(run)


def _han_ngrams(text: str) -> set[str]:
    grams = set()
    for run in _HAN_RUN.findall(text):
        for n in NGRAM_SIZES:
            for k in range(len(run) - n + 1):
                gram = run[k : k + n]
                if gram[0] not in _EDGE_CHARS and gram[-1] not in _EDGE_CHARS:
                    grams.add(gram)
    return grams


def _renderings(pairs: Sequence[int], grams: list[set[str]], df: Counter[str]) -> list[Rendering]:
    """The n-grams most associated with ``pairs`` (Dice), longest first among equals.

    A string is extended to a longer one found in nearly as many pairs (斯丁 -> 奥斯丁); a
    two-character prefix that only exists because of two renderings (奖励 in 奖励黑客 and
    奖励作弊) is replaced by them when they cover all of its pairs; a string overlapping a
    chosen one in the same pairs (系统的传递函 beside 传递函数) is a fragment and dropped.
    """
    together: Counter[str] = Counter()
    for p in pairs:
        together.update(grams[p])
    need = 2 if len(pairs) >= 2 else 1
    scored = [
        Rendering(z, c, round(2 * c / (len(pairs) + df[z]), 3))
        for z, c in together.items()
        if c >= need
    ]
    scored = [r for r in scored if r.dice >= MIN_DICE]
    scored.sort(key=lambda r: (-r.dice, -len(r.text), r.text))
    chosen: list[Rendering] = []
    for r in scored:
        r = _extend(r, scored)
        longer = [s for s in scored if r.text in s.text and s.text != r.text]
        split = _split(r, longer, pairs, grams) if len(r.text) <= SPLIT_MAX_CHARS else []
        for item in split or [r]:
            if not any(_same_span(item, c, pairs, grams) for c in chosen):
                chosen.append(item)
        if len(chosen) >= MAX_RENDERINGS:
            break
    best = max((c.dice for c in chosen), default=0.0)
    return [c for c in chosen if c.dice >= MIN_RELATIVE_DICE * best][:MAX_RENDERINGS]


def _extend(r: Rendering, scored: Sequence[Rendering]) -> Rendering:
    while True:
        longer = [s for s in scored if r.text in s.text and s.text != r.text]
        longer = [s for s in longer if s.pairs >= EXTEND_SHARE * r.pairs]
        if not longer:
            return r
        r = max(longer, key=lambda s: (s.pairs, len(s.text), s.text))


def _same_span(a: Rendering, b: Rendering, pairs: Sequence[int], grams: list[set[str]]) -> bool:
    """True when ``a`` and ``b`` nest, or overlap at their edges in mostly the same pairs."""
    if a.text in b.text or b.text in a.text:
        return True
    shifted = any(
        a.text[-k:] == b.text[:k] or b.text[-k:] == a.text[:k]
        for k in range(1, min(len(a.text), len(b.text)))
    )
    if not shifted:
        return False
    in_a = {p for p in pairs if a.text in grams[p]}
    in_b = {p for p in pairs if b.text in grams[p]}
    return len(in_a & in_b) * 2 >= min(len(in_a), len(in_b))


def _split(
    r: Rendering, longer: list[Rendering], pairs: Sequence[int], grams: list[set[str]]
) -> list[Rendering]:
    """Two or more longer renderings that together cover every pair of ``r``, else none."""
    todo = {p for p in pairs if r.text in grams[p]}
    picked: list[Rendering] = []
    for s in sorted(longer, key=lambda s: (-s.pairs, -s.dice, -len(s.text), s.text)):
        if any(s.text in q.text or q.text in s.text for q in picked):
            continue
        covered = {p for p in pairs if s.text in grams[p]}
        if covered & todo:
            picked.append(s)
            todo -= covered
        if not todo:
            break
    return picked if not todo and len(picked) >= 2 else []


def discover_terms(
    alignment: Alignment,
    glossaries: Sequence[Glossary] = (),
    *,
    min_count: int = 2,
    limit: int = 100,
) -> list[Candidate]:
    """Propose terms from ``alignment`` that ``glossaries`` do not cover, best first."""
    texts = _pair_texts(alignment)
    found: dict[str, tuple[str, str]] = {}  # casefold -> (display form, kind)
    occurrences: Counter[str] = Counter()
    pairs_of: dict[str, set[int]] = {}
    for p, (src, _) in enumerate(texts):
        for form, kind in _english_candidates(src):
            key = form.casefold()
            found.setdefault(key, (form, kind))
            occurrences[key] += 1
            pairs_of.setdefault(key, set()).add(p)
    kept_count: Counter[str] = Counter()
    kept_pairs: dict[str, set[int]] = {}
    for p, (_, tgt) in enumerate(texts):
        for m in _LATIN_IN_ZH.finditer(tgt):
            token = m.group()
            if len(token) < 2 or token.lower() in _STOPWORDS:
                continue
            key = token.casefold()
            kept_count[key] += 1
            kept_pairs.setdefault(key, set()).add(p)
            found.setdefault(key, (token, "kept"))
    known = _known(glossaries)
    grams = [_han_ngrams(tgt) for _, tgt in texts]
    df: Counter[str] = Counter()
    for g in grams:
        df.update(g)
    candidates = []
    for key, (form, kind) in found.items():
        count = max(occurrences[key], kept_count[key])
        if count < min_count or known(form):
            continue
        if kind == "phrase" and _subsumed(key, occurrences, found):
            continue
        pairs = sorted(pairs_of.get(key, set()) | kept_pairs.get(key, set()))
        kept_in = kept_pairs.get(key, set()) or _kept_in(form, pairs, texts)
        translated = [p for p in pairs if p not in kept_in]
        renderings = _renderings(translated, grams, df) if key in pairs_of and translated else []
        kept = len(kept_in)
        if kind == "phrase" and not renderings:
            continue  # repeated word pairs with no consistent rendering are mostly noise
        candidates.append(
            Candidate(
                en=form,
                kind=kind,
                count=count,
                pairs=tuple(pairs),
                renderings=tuple(renderings),
                kept=kept,
                inconsistent=_inconsistent(renderings, kept, pairs, grams),
            )
        )
    candidates.sort(key=lambda c: (-c.count, c.en.casefold(), c.en))
    return candidates[:limit]


def _kept_in(form: str, pairs: Sequence[int], texts: Sequence[tuple[str, str]]) -> set[int]:
    """The ``pairs`` whose translation has ``form`` as it is (case-insensitively)."""
    pattern = re.compile(rf"(?<![A-Za-z0-9]){re.escape(form)}(?![A-Za-z0-9])", re.IGNORECASE)
    return {p for p in pairs if pattern.search(texts[p][1])}


def _subsumed(key: str, occurrences: Counter[str], found: dict[str, tuple[str, str]]) -> bool:
    """A phrase inside a longer phrase seen as often is not a term of its own."""
    return any(
        other != key and key in other and occurrences[other] >= occurrences[key]
        for other, (_, kind) in found.items()
        if kind == "phrase" and len(other) > len(key)
    )


def _inconsistent(
    renderings: Sequence[Rendering], kept: int, pairs: Sequence[int], grams: list[set[str]]
) -> bool:
    if kept and renderings:
        return True  # kept in English in some pairs, translated in others
    if len(renderings) < 2:
        return False
    first = {p for p in pairs if renderings[0].text in grams[p]}
    second = {p for p in pairs if renderings[1].text in grams[p]}
    return len(first & second) * 2 < min(len(first), len(second))


def _known(glossaries: Sequence[Glossary]):
    terms = TermSet.from_glossaries(glossaries)
    regexes = terms.regexes

    def known(form: str) -> bool:
        return any(r.fullmatch(form) for r in regexes)

    return known


def starter_glossary(candidates: Sequence[Candidate], name: str) -> Glossary:
    """A glossary to review: one term per candidate that has a rendering or stays in English."""
    terms = []
    seen: set[str] = set()
    for c in candidates:
        if c.en.casefold() in seen:
            continue
        seen.add(c.en.casefold())
        top = c.renderings[0].pairs if c.renderings else 0
        seen_as = ", ".join(f"{r.text} ×{r.pairs}" for r in c.renderings)
        kept = f"kept in English ×{c.kept}" if c.kept else ""
        note = (
            f"found {c.count}× in the source; "
            if c.kind != "kept"
            else f"found {c.count}× in the translation; "
        )
        note += "; ".join(x for x in (seen_as, kept) if x) or "no rendering found"
        if c.inconsistent:
            note += "; rendered more than one way: choose one"
        if c.kept >= max(top, 1):
            terms.append(Term(en=(c.en,), keep=True, note=note))
        elif c.renderings:
            terms.append(Term(en=(c.en,), zh=(c.renderings[0].text,), note=note))
    return Glossary(
        name=name,
        terms=tuple(terms),
        version="0.1",
        description="Starter glossary written by bitext terms: review every entry.",
    )
