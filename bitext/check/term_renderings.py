"""Term -> rendering alignment inside aligned pairs: which span of the translation renders a term.

Candidates are runs of 1 to ``MAX_RUN_WORDS`` words of each pair's target sentences, never a
span that cuts a word: jieba's words on the Chinese side (with Latin words kept in English as
words of their own), plain words on the English side; a run never starts or ends on a function
word or crosses punctuation. Each candidate is scored against the term with two signals:

* the cosine of the built-in encoder's embeddings of the term and of the candidate (it embeds
  short phrases well across languages: doom ~ 末日 0.50, doom ~ 研究 0.11); every candidate is
  embedded once per call, and through the encoder's cache like sentences;
* the Dice coefficient of term and candidate over the document's pairs: of the near-synonyms
  in one pair, the one that follows the term around the document.

In every pair where the term occurs, the best candidate above ``MIN_PAIR_SCORE`` is the
rendering used there; the counts of those choices are the term's renderings. Two refinements:
a span that another term of the same pair renders much more closely is left to that term
(``claimed``: socialism is 社会主义's, not 特色's), and the pairs left without a rendering are
read again with Dice over those pairs alone (a synonym the encoder knows badly, lad for 男孩,
that fills exactly the pairs the dominant rendering is missing from).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from ..align.model import Alignment
from ..document import Segment
from .term_lexicon import EN_STOPWORDS, ZH_FUNCTION_WORDS, english_stem, jieba_words
from .term_params import (
    CLAIM_COS_MARGIN,
    COS_WEIGHT,
    DICE_WEIGHT,
    FAMILY_LONG_PREFIX,
    FAMILY_LONG_PREFIX_SHARE,
    FAMILY_MIN_PREFIX,
    FAMILY_PREFIX_SHARE,
    GAP_MIN_COS,
    GAP_MIN_PAIRS,
    MAX_RUN_CHARS,
    MAX_RUN_WORDS,
    MAX_SCORED_CANDIDATES,
    MIN_PAIR_SCORE,
    NAME_EXTEND_COS_DROP,
    WHOLE_SAME_PAIRS_COS_DROP,
)
from .term_sources import SourceTerm

_LATIN = r"[A-Za-z][A-Za-z0-9]*(?:[\-.'’&][A-Za-z0-9]+)*"
_ZH_PIECES = re.compile(rf"({_LATIN})|([\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+)")
#: an English word starts at a word boundary, digits and all: "18th", never "th" out of it
_EN_WORD = re.compile(rf"(?<![A-Za-z0-9])[0-9]*{_LATIN}")
#: words that may sit inside an English rendering (Communist Party of China), never at its edge
_EN_INNER = frozenset({"of", "and", "the", "for", "in", "on", "to", "de"})
_ZH_INNER = frozenset({"之", "与", "和", "的"})
#: adjectives that begin a rendering (大模型) but are never one alone
_ZH_NOT_ALONE = frozenset("大小多少新老高低长短好")


@dataclass(frozen=True)
class Span:
    """A candidate's place in a pair's translation: offsets into the target document's text."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Use:
    """One pair where a term occurs, and the rendering chosen there (``key`` "" when none)."""

    pair: int
    src_start: int
    src_end: int
    key: str
    tgt_start: int
    tgt_end: int
    text: str
    score: float


@dataclass(frozen=True)
class Choice:
    """What one candidate is for a term: its Dice, cosine, score and its pairs in the document."""

    key: str
    cos: float
    dice: float
    score: float
    together: int  # pairs with the term whose translation has the candidate
    df: int  # pairs of the document whose translation has the candidate


@dataclass(frozen=True)
class _Word:
    text: str
    start: int
    end: int
    joins: bool  # nothing but at most one space between this word and the previous one
    edge_ok: bool  # may start or end a rendering
    inner_ok: bool  # may sit inside one


class TargetIndex:
    """The candidate spans of every pair's translation, and in how many pairs each occurs."""

    def __init__(self, alignment: Alignment, lang: str) -> None:
        self.lang = lang
        self.pairs: list[dict[str, list[Span]]] = []
        for link in alignment.links:
            spans: dict[str, list[Span]] = defaultdict(list)
            for j in link.tgt:
                for key, span in _candidates(alignment.tgt[j], lang):
                    spans[key].append(span)
            self.pairs.append(dict(spans))
        self.df: Counter[str] = Counter()
        self.where: dict[str, list[int]] = defaultdict(list)
        for p, spans in enumerate(self.pairs):
            self.df.update(spans.keys())
            for key in spans:
                self.where[key].append(p)

    def spelled(self, key: str, text: str) -> set[int]:
        """The pairs whose translation has ``key`` spelled ``text`` (case aside): "advancement",
        not every word of its stem (advance, advanced)."""
        folded = text.casefold()
        return {
            p
            for p in self.where.get(key, ())
            if any(span.text.casefold() == folded for span in self.pairs[p][key])
        }

    def surface(self, key: str, pairs: Sequence[int]) -> str:
        """The most used spelling of ``key`` in ``pairs`` (ties: the first in text order)."""
        seen: Counter[str] = Counter()
        for p in pairs:
            for span in self.pairs[p].get(key, ()):
                seen[span.text] += 1
        return max(seen, key=lambda s: (seen[s], -len(s))) if seen else key


def _words(seg: Segment, lang: str) -> list[_Word]:
    text = seg.text
    words: list[_Word] = []
    last = 0
    if lang == "en":
        for m in _EN_WORD.finditer(text):
            gap = text[last : m.start()]
            lower = m.group().lower()
            words.append(
                _Word(
                    m.group(),
                    seg.start + m.start(),
                    seg.start + m.end(),
                    bool(words) and gap in ("", " "),
                    lower not in EN_STOPWORDS,
                    lower not in EN_STOPWORDS or lower in _EN_INNER,
                )
            )
            last = m.end()
        return words
    for m in _ZH_PIECES.finditer(text):
        gap = text[last : m.start()]
        joins = bool(words) and gap in ("", " ")
        if m.group(1):
            words.append(
                _Word(m.group(), seg.start + m.start(), seg.start + m.end(), joins, True, True)
            )
        else:
            offset = m.start()
            for k, token in enumerate(jieba_words(m.group())):
                function = token in ZH_FUNCTION_WORDS
                words.append(
                    _Word(
                        token,
                        seg.start + offset,
                        seg.start + offset + len(token),
                        joins if k == 0 else True,
                        not function,
                        not function or token in _ZH_INNER,
                    )
                )
                offset += len(token)
        last = m.end()
    return words


def _candidates(seg: Segment, lang: str) -> list[tuple[str, Span]]:
    words = _words(seg, lang)
    out = []
    for i, first in enumerate(words):
        if not first.edge_ok:
            continue
        for n in range(1, MAX_RUN_WORDS + 1):
            if i + n > len(words):
                break
            run = words[i : i + n]
            if n > 1 and (not run[-1].joins or (not run[-1].inner_ok and not run[-1].edge_ok)):
                break
            if not run[-1].edge_ok or (n == 1 and first.text in _ZH_NOT_ALONE):
                continue
            text = seg.text[first.start - seg.start : run[-1].end - seg.start]
            if lang != "en" and len(text) > MAX_RUN_CHARS:
                break
            out.append((_key(text, lang), Span(first.start, run[-1].end, text)))
    return out


def _key(text: str, lang: str) -> str:
    """Spellings that are one rendering: case, spacing, and in English the word's stem (Porter:
    development/developing/develop, reform/reforms) with a possessive taken off (China's)."""
    if lang == "en":
        return " ".join(english_stem(w) for w in text.split())
    return re.sub(r"[A-Za-z]+", lambda m: m.group().lower(), text)


def same_family(a: str, b: str, lang: str) -> bool:
    """Two rendering keys that are one rendering with more or less around it (雷达 / 脉冲雷达,
    reform / reform and opening) or one English word family (China / Chinese, social /
    socialist): never a competing rendering of each other."""
    if lang != "en":
        return a in b or b in a
    wa, wb = a.replace("-", " ").split(), b.replace("-", " ").split()
    short, long_ = (wa, wb) if len(wa) <= len(wb) else (wb, wa)
    if any(long_[i : i + len(short)] == short for i in range(len(long_) - len(short) + 1)):
        return True
    # the same content words in another order or part of speech: "economic and social" /
    # "social and economic", "allocating resources" / "resource allocation"
    ca, cb = _content_roots(wa), _content_roots(wb)
    if ca and ca == cb:
        return True
    if len(wa) == 1 and len(wb) == 1 and _root(wa[0]) == _root(wb[0]):
        return True  # social / society / socialism, theory / theoretical, cosmos / cosmic
    x, y = wa[0], wb[0]
    common = len(_common_prefix(x, y))
    shorter = min(len(x), len(y))
    if common >= FAMILY_LONG_PREFIX and common >= FAMILY_LONG_PREFIX_SHARE * shorter:
        return True  # democrat / democraci, judici / judiciari
    return common >= FAMILY_MIN_PREFIX and common >= FAMILY_PREFIX_SHARE * shorter


#: derivational endings of Porter stems that one word family shares (societi / social / socialist
#: -> soci; theori / theoret -> theor; cosmo / cosmic -> cosm); longest first
_DERIVATIONAL = ("ist", "ism", "eti", "iti", "al", "ic", "et", "i", "o")
#: a root shorter than this is too short to tell a family (art / artist is fine, "ic" is not)
_MIN_ROOT = 4


def _root(stem: str) -> str:
    """A Porter stem without its derivational endings, so that a noun, its adjective and its
    -ist/-ism share one root; a stem whose root would be too short is its own root."""
    word = stem
    changed = True
    while changed:
        changed = False
        for end in _DERIVATIONAL:
            if word.endswith(end) and len(word) - len(end) >= _MIN_ROOT:
                word = word[: -len(end)]
                changed = True
                break
    return word


def _content_roots(words: Sequence[str]) -> frozenset[str]:
    return frozenset(_root(w) for w in words if w not in _EN_INNER)


def _common_prefix(x: str, y: str) -> str:
    n = 0
    while n < min(len(x), len(y)) and x[n] == y[n]:
        n += 1
    return x[:n]


def score_candidates(
    term: SourceTerm, index: TargetIndex, vectors: dict[str, np.ndarray]
) -> dict[str, Choice]:
    """Dice and cosine of ``term`` with the candidates of its pairs (the best by Dice)."""
    pairs = term.pairs
    together: Counter[str] = Counter()
    for p in pairs:
        together.update(index.pairs[p].keys())
    dice = {k: 2 * n / (len(pairs) + index.df[k]) for k, n in together.items()}
    ranked = sorted(dice, key=lambda k: (-dice[k], -together[k], k))[:MAX_SCORED_CANDIDATES]
    term_vector = vectors[term.meaning]
    out = {}
    for k in ranked:
        cos = float(term_vector @ vectors[index.surface(k, pairs)])
        out[k] = Choice(
            k, cos, dice[k], COS_WEIGHT * cos + DICE_WEIGHT * dice[k], together[k], index.df[k]
        )
    return out


def texts_to_embed(terms: Sequence[SourceTerm], index: TargetIndex) -> list[str]:
    """Every string ``score_candidates`` will look up, so that they are embedded in one batch."""
    texts: dict[str, None] = {}
    for term in terms:
        texts[term.meaning] = None
        pairs = term.pairs
        together: Counter[str] = Counter()
        for p in pairs:
            together.update(index.pairs[p].keys())
        dice = {k: 2 * n / (len(pairs) + index.df[k]) for k, n in together.items()}
        for k in sorted(dice, key=lambda k: (-dice[k], -together[k], k))[:MAX_SCORED_CANDIDATES]:
            texts[index.surface(k, pairs)] = None
    return list(texts)


@dataclass(frozen=True)
class Claim:
    """A span of one pair's translation chosen as another term's rendering, and how close."""

    term: str
    pair: int
    src_start: int
    src_end: int
    tgt_start: int
    tgt_end: int
    cos: float


def claims_of(term: SourceTerm, uses: Sequence[Use], choices: dict[str, Choice]) -> list[Claim]:
    """What ``term``'s renderings claim, pair by pair (see ``choose_renderings``' ``claimed``)."""
    return [
        Claim(term.key, u.pair, u.src_start, u.src_end, u.tgt_start, u.tgt_end, choices[u.key].cos)
        for u in uses
        if u.key
    ]


def choose_renderings(
    term: SourceTerm,
    index: TargetIndex,
    choices: dict[str, Choice],
    claimed: dict[int, list[Claim]] | None = None,
) -> list[Use]:
    """In each pair where ``term`` occurs, the best-scoring candidate there (or none).

    ``claimed``: per pair, the spans other terms took as their renderings. A candidate that
    overlaps one a term of another place in the source renders more closely is that term's
    (socialism in "socialism with Chinese characteristics" renders 社会主义, not 特色), so it
    is not this term's rendering there.
    """
    uses = []
    first_occurrence: dict[int, Any] = {}
    for o in term.occurrences:
        first_occurrence.setdefault(o.pair, o)
    for p in term.pairs:
        o = first_occurrence[p]
        present = [choices[k] for k in index.pairs[p] if k in choices]
        if claimed and claimed.get(p):
            present = [
                c
                for c in present
                if not _taken(index.pairs[p][c.key][0], c.cos, o, term.key, claimed[p])
            ]
        best = max(present, key=lambda c: (c.score, len(c.key), c.key), default=None)
        if best is None or best.score < MIN_PAIR_SCORE:
            uses.append(Use(p, o.start, o.end, "", 0, 0, "", best.score if best else 0.0))
            continue
        best = _whole_name(term, _closer_whole(best, present), present, index.lang)
        span = index.pairs[p][best.key][0]
        uses.append(Use(p, o.start, o.end, best.key, span.start, span.end, span.text, best.score))
    return _fill_gaps(uses, index, choices)


def _taken(span: Span, cos: float, o: Any, key: str, claims: Sequence[Claim]) -> bool:
    return any(
        c.term != key
        and c.cos > cos + CLAIM_COS_MARGIN
        and c.tgt_start < span.end
        and span.start < c.tgt_end
        and (c.src_end <= o.start or o.end <= c.src_start)
        for c in claims
    )


def _fill_gaps(uses: list[Use], index: TargetIndex, choices: dict[str, Choice]) -> list[Use]:
    """The pairs where no candidate reached ``MIN_PAIR_SCORE``, read again with Dice over those
    pairs alone: a synonym the encoder does not know well (lad for 男孩, cosine 0.27) that fills
    exactly the pairs the dominant rendering is missing from is the rendering there."""
    gaps = [n for n, u in enumerate(uses) if not u.key]
    if len(gaps) < GAP_MIN_PAIRS:
        return uses
    together: Counter[str] = Counter()
    for n in gaps:
        together.update(k for k in index.pairs[uses[n].pair] if k in choices)
    score = {
        k: COS_WEIGHT * choices[k].cos + DICE_WEIGHT * 2 * t / (len(gaps) + index.df[k])
        for k, t in together.items()
        if t >= GAP_MIN_PAIRS and choices[k].cos >= GAP_MIN_COS
    }
    out = list(uses)
    for n in gaps:
        u = uses[n]
        here = [k for k in index.pairs[u.pair] if k in score and score[k] >= MIN_PAIR_SCORE]
        if not here:
            continue
        key = max(here, key=lambda k: (score[k], len(k), k))
        span = index.pairs[u.pair][key][0]
        out[n] = Use(
            u.pair, u.src_start, u.src_end, key, span.start, span.end, span.text, score[key]
        )
    return out


def _whole_name(term: SourceTerm, best: Choice, present: list[Choice], lang: str) -> Choice:
    """ "Dr Karpathy" rendered Karpathy博士: when the best candidate is part of the term kept as
    it is (Karpathy), a candidate that extends it by translated words (博士) renders the rest."""
    words = term.form.casefold().split()
    if lang == "en" or len(words) < 2 or best.key not in words:
        return best
    longer = [
        c
        for c in present
        if best.key in c.key and c.key != best.key and c.cos >= best.cos - NAME_EXTEND_COS_DROP
    ]
    return max(longer, key=lambda c: (c.score, c.key)) if longer else best


def _closer_whole(best: Choice, present: list[Choice]) -> Choice:
    """Dice favours a part found in every pair (模型 in 大语言模型 and 大模型); a candidate that
    contains the best one and is at least as close in meaning is the whole rendering; so is one
    found in exactly the same pairs and nearly as close (前沿模型论坛 beside 模型论坛)."""
    longer = [
        c
        for c in present
        if best.key in c.key
        and c.key != best.key
        and c.score >= MIN_PAIR_SCORE
        and (
            c.cos >= best.cos
            or (c.together == best.together and c.cos >= best.cos - WHOLE_SAME_PAIRS_COS_DROP)
        )
    ]
    return max(longer, key=lambda c: (c.cos, c.key)) if longer else best
