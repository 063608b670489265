"""``low-similarity``: an aligned pair scoring far below the document's own pairs of its kind.

A fixed cosine threshold does not travel: scores depend on the encoder, the genre and how free
the translation is. So each document calibrates itself with a robust z-score (Iglewicz and
Hoaglin's modified z, 1993): ``z = 0.6745 * (score - median) / MAD``.

Cosine alone punished short segments (issue 18: 5 of 5 findings false on a real article, all
free but correct renderings of headings and short sentences): a five-word sentence or a heading
has few words to agree on, so its cosine is noisy. The evidence against a pair is therefore

    evidence = -z(cosine) + LENGTH_WEIGHT * max(0, |z(log length ratio)| - LENGTH_SLACK)

(a wrong sentence in the slot usually has the wrong length too; the length ratio of a pair is
compared with the document's own ratio, so the Chinese characters-per-word constant cancels),
and a pair is reported when the evidence passes ``z_threshold``, or the higher
``short_z_threshold`` when either side is a heading or shorter than ``short_words`` words, or
the link merges more than two sentences (a merged link's cosine is lower by nature: it is
compared with the stronger bar, not with 1-1 pairs).

Two refinements came from the per-set figures (issue 18, round 3): the median a pair is
compared with is the median of its *neighbours* (``local_window`` pairs each side), since a
novel's dialogue and its narration score differently; and where the aligner estimated a
``Link.confidence`` (P(link correct), ``bitext.align.confidence``), a pair must also be
unlikely in absolute terms (confidence below ``max_confidence``, or ``short_max_confidence``
for short or merged pairs): a pair well inside the range of real translations is not flagged
because its neighbours happen to score higher, unless the evidence alone passes
``sure_z_threshold`` (a tight technical document, where 0.31 among pairs at 0.8 is far out).
A link without a confidence (hand-built or imported alignments) is judged on the z-score alone:
its score may come from anywhere, so the aligner's model cannot be applied to it.
"""

from __future__ import annotations

import math
import re
import statistics
from collections.abc import Iterable, Sequence
from typing import Any, ClassVar

from ...document import Segment
from ..finding import Finding, Severity
from .base import CheckContext, Rule
from .spans import excerpt, link_text, paired_links, segments_span

# Values below: benchmarks/lint_rules.py, section "low-similarity" (built-in encoder, the gold
# links of shared/data with the aligner's confidence model applied to them, 20 targets per
# document swapped with far-away ones), tuned over a grid (z, short z, max confidence, short
# max confidence): on each two sets the point with <= 0.5 false alarms per 100 correct pairs on
# each set and the best recall on the weaker set (ties: fewer false alarms), reported on the
# third. Held out: academic 0.19/100 and 20/20 swaps, political 0.29/100 and 19/20 (both
# tuned to the shipped point), mac-dev 1.14/100 and 95/120 (tuned to z 2.0: academic's and
# political's swaps are caught at nearly every grid point, so they cannot tell how far to go
# on a literary text). Leave one *document* out (the other 7 tune): mac-dev 0.76/100 and
# 86/120. Shipped: the point the two non-literary held-out runs chose; in sample it gives
# academic 0.19/100 20/20, mac-dev 0.46/100 87/120, political 0.29/100 19/20 (before round 3:
# 0.47 / 0.23 / 0.88 per 100 and 20/20, 59/120, 20/20).
#: evidence needed against an ordinary pair (3.5 was Iglewicz and Hoaglin's cut-off for z alone).
Z_THRESHOLD = 2.5
#: evidence needed against a heading, a short sentence or a merged link: "far stronger"
#: (issue 18); with the confidence bar below, 3.0 is enough.
SHORT_Z_THRESHOLD = 3.0
#: a pair is flagged only below this ``Link.confidence`` (0.92 is a cosine of about 0.24 for
#: a 1-1 link under the built-in model), and short or merged ones below the second (0.84: a
#: cosine of about 0.08, the level of unrelated sentences).
MAX_CONFIDENCE = 0.92
SHORT_MAX_CONFIDENCE = 0.84
#: evidence that needs no low confidence to agree: the round-2 bar for short sentences ("far
#: stronger evidence"); on the benchmark it changes no false alarm and catches one more swap.
SURE_Z_THRESHOLD = 5.0
#: pairs on each side whose median a pair is compared with (dialogue and narration differ)
LOCAL_WINDOW = 15
#: a side with fewer words than this is short (issue 18: "sentences under ~6 words").
SHORT_WORDS = 6
#: weight of the length-ratio outlier in the evidence, and how far out (in robust z) a length
#: ratio may be before it counts at all: free translations vary in length, swaps vary more.
LENGTH_WEIGHT = 0.25
LENGTH_SLACK = 1.0
#: below this many scored pairs the median and MAD are too noisy to call anything an outlier.
MIN_PAIRS = 8
#: floor for the MAD so a short or very uniform document does not flag an ordinary free
#: rendering: 0.07 is about the spread of cosines in real translations (per-set MAD on the gold
#: sets: academic 0.055, political 0.08, mac-dev 0.09); a 25-pair article cannot be trusted to
#: be tighter than that (benchmark: floor 0.03 -> 0.07 took false alarms 0.62 -> 0.50 at z 3.0,
#: swaps caught unchanged). The first value, 0.03, flagged two correct pairs of
#: examples/flawed.bilingual.txt.
MAD_FLOOR = 0.07
#: floor for the MAD of log length ratios (a document of near-identical ratios).
LENGTH_MAD_FLOOR = 0.05
#: Chinese characters per English word, to count a Chinese side's length in words (only for
#: ``short_words``; the ratio test compares with the document's own ratio).
HAN_PER_WORD = 1.6
#: 0.6745 = Phi^-1(0.75): makes the MAD comparable with a standard deviation.
_MAD_SCALE = 0.6745

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_WORD = re.compile(r"[A-Za-z0-9]+(?:['’.\-][A-Za-z0-9]+)*")


def words(text: str, lang: str) -> float:
    """Length of ``text`` in English words (Chinese characters count ``1 / HAN_PER_WORD``)."""
    if lang.startswith("zh"):
        return len(_HAN.findall(text)) / HAN_PER_WORD + len(_WORD.findall(text))
    return float(len(_WORD.findall(text)))


def robust_z(values: Sequence[float], floor: float) -> list[float]:
    """Modified z-scores of ``values`` against their own median and MAD (at least ``floor``)."""
    median = statistics.median(values)
    mad = max(statistics.median(abs(v - median) for v in values), floor, 1e-9)
    return [_MAD_SCALE * (v - median) / mad for v in values]


def local_z(values: Sequence[float], floor: float, window: int) -> list[float]:
    """Modified z-scores against the median of each value's ``window`` neighbours on each side
    (the document's median when ``window`` is 0), with the document's MAD (at least ``floor``)."""
    if window <= 0 or len(values) <= 2 * window + 1:
        return robust_z(values, floor)
    median = statistics.median(values)
    mad = max(statistics.median(abs(v - median) for v in values), floor, 1e-9)
    out = []
    for i, v in enumerate(values):
        near = [*values[max(0, i - window) : i], *values[i + 1 : i + 1 + window]]
        out.append(_MAD_SCALE * (v - statistics.median(near)) / mad)
    return out


class LowSimilarity(Rule):
    id = "low-similarity"
    default_severity = Severity.WARNING
    description = (
        "An aligned pair scores far below this document's own pairs of its kind (robust "
        "z-score of similarity and length ratio): a possible mistranslation."
    )
    options: ClassVar[dict[str, Any]] = {
        "z_threshold": Z_THRESHOLD,
        "short_z_threshold": SHORT_Z_THRESHOLD,
        "short_words": SHORT_WORDS,
        "length_weight": LENGTH_WEIGHT,
        "min_pairs": MIN_PAIRS,
        "mad_floor": MAD_FLOOR,
        "max_confidence": MAX_CONFIDENCE,
        "short_max_confidence": SHORT_MAX_CONFIDENCE,
        "local_window": LOCAL_WINDOW,
        "sure_z_threshold": SURE_Z_THRESHOLD,
    }

    def run(self, ctx: CheckContext) -> Iterable[Finding]:
        pairs = list(paired_links(ctx))
        if len(pairs) < int(self.config["min_pairs"]):
            return
        src, tgt = ctx.alignment.src, ctx.alignment.tgt
        scores = [link.score for _, link in pairs]
        sizes = [(_side_words(src, link.src), _side_words(tgt, link.tgt)) for _, link in pairs]
        z_cos = local_z(scores, float(self.config["mad_floor"]), int(self.config["local_window"]))
        z_len = robust_z([math.log((t + 1) / (s + 1)) for s, t in sizes], LENGTH_MAD_FLOOR)
        median = statistics.median(scores)
        weight = float(self.config["length_weight"])
        for (index, link), zc, zl, (s_words, t_words) in zip(
            pairs, z_cos, z_len, sizes, strict=True
        ):
            evidence = -zc + weight * max(0.0, abs(zl) - LENGTH_SLACK)
            short = (
                min(s_words, t_words) < float(self.config["short_words"])
                or len(link.src) + len(link.tgt) > 2
                or _heading(src, link.src)
                or _heading(tgt, link.tgt)
            )
            key = "short_z_threshold" if short else "z_threshold"
            if evidence <= float(self.config[key]):
                continue
            bar = float(self.config["short_max_confidence" if short else "max_confidence"])
            sure = evidence > float(self.config["sure_z_threshold"])
            if not sure and link.confidence is not None and link.confidence >= bar:
                continue
            text = link_text(tgt, link.tgt)
            yield self.finding(
                ctx,
                f"pair scores {link.score:.2f}, far below this document's median {median:.2f} "
                f"(robust z {zc:.1f} against the pairs around it): possible mistranslation "
                f"of “{excerpt(text, 40)}”",
                pair=index,
                src_span=segments_span(src, link.src),
                tgt_span=segments_span(tgt, link.tgt),
                match=link_text(src, link.src),
            )


def _side_words(segments: Sequence[Segment], indices: Sequence[int]) -> float:
    return sum(words(segments[i].text, segments[i].lang) for i in indices)


def _heading(segments: Sequence[Segment], indices: Sequence[int]) -> bool:
    return any(segments[i].kind == "heading" for i in indices)
