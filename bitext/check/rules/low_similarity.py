"""``low-similarity``: an aligned pair scoring far below the document's own pairs.

A fixed cosine threshold does not travel: scores depend on the encoder, the genre and how free
the translation is. So each document calibrates itself with a robust z-score (Iglewicz and
Hoaglin's modified z, 1993): ``z = 0.6745 * (score - median) / MAD``. A pair is reported when
``z < -z_threshold``, i.e. it is an outlier on the low side of this document's distribution.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable
from typing import Any, ClassVar

from ..finding import Finding, Severity
from .base import CheckContext, Rule
from .spans import excerpt, link_text, paired_links, segments_span

#: 3.5 is Iglewicz and Hoaglin's recommended cut-off for the modified z-score. Measured with
#: benchmarks/lint_rules.py (built-in encoder, 8 gold documents of shared/data, 20 targets per
#: document swapped with far-away ones): z 3.5 catches 65/160 swaps with 12 flags on untouched
#: pairs and 0.50 flags per 100 correct gold pairs; z 3.0: 92/160, 26, 1.00; z 2.5: 114/160,
#: 58, 2.00. We keep 3.5: a warning that is usually right is worth more than one that is often
#: there. Lower it in config (``z-threshold``) for a stricter review.
Z_THRESHOLD = 3.5
#: below this many scored pairs the median and MAD are too noisy to call anything an outlier.
MIN_PAIRS = 8
#: floor for the MAD so a very uniform document (all pairs ~0.8) does not flag a 0.75 pair;
#: 0.03 is about the spread of cosine scores between near-literal translations.
MAD_FLOOR = 0.03
#: 0.6745 = Phi^-1(0.75): makes the MAD comparable with a standard deviation.
_MAD_SCALE = 0.6745


class LowSimilarity(Rule):
    id = "low-similarity"
    default_severity = Severity.WARNING
    description = (
        "An aligned pair scores far below this document's own similarity distribution "
        "(robust z-score): a possible mistranslation."
    )
    options: ClassVar[dict[str, Any]] = {
        "z_threshold": Z_THRESHOLD,
        "min_pairs": MIN_PAIRS,
        "mad_floor": MAD_FLOOR,
    }

    def run(self, ctx: CheckContext) -> Iterable[Finding]:
        pairs = list(paired_links(ctx))
        if len(pairs) < int(self.config["min_pairs"]):
            return
        scores = [link.score for _, link in pairs]
        median = statistics.median(scores)
        mad = statistics.median(abs(s - median) for s in scores)
        mad = max(mad, float(self.config["mad_floor"]), 1e-9)
        for index, link in pairs:
            z = _MAD_SCALE * (link.score - median) / mad
            if z >= -float(self.config["z_threshold"]):
                continue
            src_span = segments_span(ctx.alignment.src, link.src)
            tgt_span = segments_span(ctx.alignment.tgt, link.tgt)
            text = link_text(ctx.alignment.tgt, link.tgt)
            yield self.finding(
                ctx,
                f"pair scores {link.score:.2f}, far below this document's median {median:.2f} "
                f"(robust z {z:.1f}): possible mistranslation of “{excerpt(text, 40)}”",
                pair=index,
                src_span=src_span,
                tgt_span=tgt_span,
                match=link_text(ctx.alignment.src, link.src),
            )
