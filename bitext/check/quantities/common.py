"""What every quantity reader shares: the ``Quantity`` type, matching, spans, and the parts
of text both languages write the same way (digits, clock times, figure and chapter labels).
"""

from __future__ import annotations

import math
import re
import warnings
from dataclasses import dataclass, replace
from typing import Any

_FULLWIDTH = str.maketrans("０１２３４５６７８９％．，", "0123456789%.,")


@dataclass(frozen=True)
class Quantity:
    """One number found in text: what it means and where it is."""

    value: float
    kind: str  # "number" | "percent" | "multiplier" | "minutes"
    start: int
    end: int
    text: str
    strong: bool = True
    #: "more than" forms (两个多, 十多, 三十余): the meaning covers [value, value + step).
    step: float = 0.0
    #: other values the same words may stand for (1920s -> 20 as in 二十年代; 10:00 -> 22 h;
    #: 384 kilobits -> 384000; 3K -> 3).
    alts: tuple[float, ...] = ()
    #: a hedged or rounded amount ("almost 16 million", "about 30", 1.5亿): it may match a
    #: value within the rule's ``approx-tolerance`` (relative).
    approx: bool = False
    #: an amount of a unit: (dimension, unit system, value in SI units), e.g. 130 pounds is
    #: ("mass", "imperial", 58.97); 二十英尺 and "six-meter" are both lengths near 6 m.
    measure: tuple[str, str, float] | None = None
    #: an upper bound ("almost half a century", 将近五十): it may be the top of a "more than"
    #: range on the other side (四十多年 = 40-49 years).
    below: bool = False
    #: dates a period rather than counting something: a year, a lifespan or dynasty range
    #: "(25-220)", "the past 30 years", 三十多年来. A translation adds these to explain.
    dating: bool = False
    #: a range with two named ends (十七八 = 17-18, "four or five"): the span [value,
    #: value + step) is meant, so it may overlap another vague amount.
    is_range: bool = False

    def label(self) -> str:
        """A short human form of the meaning: ``60%``, ``×10``, ``99 min``, ``150000000``."""
        number = _fmt(self.value)
        more = "+" if self.step else ""
        return {
            "percent": f"{number}%{more}",
            "time": f"{int(self.value)}:{round(self.value % 1 * 60):02d}",
            "multiplier": f"×{number}{more}",
            "minutes": f"{number} min",
            "century": f"{number}世纪",
            "label": f"#{number}",
        }.get(self.kind, number + more)

    def matches(self, other: Quantity, tolerance: float = 0.0) -> bool:
        """Whether two quantities can mean the same thing (leniently: false alarms cost trust).

        ``tolerance`` is relative and applies only when one side is hedged or rounded
        (``approx``): 1576万 matches "almost 16 million" at 0.03.
        """
        mine, theirs = (self.value, *self.alts), (other.value, *other.alts)
        if any(_close(a, b) for a in mine for b in theirs):
            return True
        for a, b in ((self, other), (other, self)):
            # only the rounder side may be approximate: "almost 16 million" covers 1576万, but
            # 5001多 does not cover "5,000"
            rounder = a.approx and _significant(a.value) < _significant(b.value)
            near = abs(a.value - b.value) <= tolerance * max(abs(a.value), abs(b.value))
            if tolerance and rounder and near:
                return True
        for a, b in ((self, other), (other, self)):
            values = (b.value, *b.alts)
            if a.step and not b.step and any(a.value <= v < a.value + a.step for v in values):
                return True
            # "almost half a century" is the top of 四十多年 (40-49)
            if a.below and b.step and b.value < a.value <= b.value + b.step:
                return True
        # a range that overlaps another vague amount: 十七八 (17-18) and "more than a dozen"
        # (12-21), 五六岁 and "four or five"; two open "more than" forms (30多, "more than
        # 30") must still start at the same value
        if self.step and other.step and (self.is_range or other.is_range):
            low, high = (
                max(self.value, other.value),
                min(self.value + self.step, other.value + other.step),
            )
            if low < high:
                return True
        if _same_measure(self, other, tolerance):
            return True
        for a, b in ((self, other), (other, self)):  # 20世纪 covers the 1920s
            if a.kind == "century" and (a.value - 1) * 100 <= b.value < a.value * 100:
                return True
        # 增加了两倍 is read as both ×2 and ×3 by Chinese readers: accept off-by-one multipliers.
        multiplier = "multiplier" in (self.kind, other.kind)
        return multiplier and abs(self.value - other.value) == 1


def _same_measure(a: Quantity, b: Quantity, tolerance: float) -> bool:
    """The same amount of the same dimension: 600厘米 is 6 metres; across unit systems (60 kg
    and "130 pounds", 二十英尺 and "six-meter") a translator rounds the conversion, so
    ``tolerance`` (relative) applies there, and only there."""
    if a.measure is None or b.measure is None or a.measure[0] != b.measure[0]:
        return False
    x, y = a.measure[2], b.measure[2]
    if _close(x, y):
        return True
    converted = a.measure[1] != b.measure[1]
    return converted and abs(x - y) <= tolerance * max(abs(x), abs(y))


def _significant(value: float) -> int:
    """Significant digits: 16000000 -> 2, 15760000 -> 4, 2.7255 -> 5."""
    digits = f"{abs(value):.6f}".rstrip("0").replace(".", "").lstrip("0").rstrip("0")
    return len(digits) or 1


def _close(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-6, abs_tol=1e-9)


def _fmt(value: float) -> str:
    if float(value).is_integer():
        return str(int(value))
    return f"{value:.4f}".rstrip("0").rstrip(".")


# ---------------------------------------------------------------------------------- shared
#: 1,500 and 1，500 (full-width, mapped to "," first); 100 000 with a (thin) space, as in
#: scientific text; then plain digits with decimals.
_DIGITS = (
    r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?(?!\d)"
    r"|\d{1,3}(?:[ \u2009\u202f]\d{3})+(?![\d.,])"
    r"|\d+(?:\.\d+)?)"
)
#: structure, not content: "1." or "(2)" opening a segment, a heading number "1.1 " opening it,
#: "[3]" footnote marks (a heading "1.2. Range" or "1.1.Radar" too, but not "1.5 million"),
#: and inline enumerators "(1) … (2) …" (a translation writes ①②).
_STRUCTURE = re.compile(
    r"^\s*(?:\(?\d{1,2}[.、)](?!\d)|\d{1,2}(?:\.\d{1,2})+(?:\.(?=\s*[A-Z])|\s(?!\s*[a-z%\d])|(?=[\u4e00-\u9fff])"
    r"(?![万亿千百十倍成年月日个%])))|\[\d{1,3}\]"
    r"|(?<=[\s:;：；，,])[(（]\d{1,2}[)）](?=\s)"
)
#: labels ("Figure 2-1", "eq. (3.2)", "图2.1", "式（2.1）", "第十一章"): compared only with the
#: other side's labels, since a translation often says 如图所示 for "in Figure 3"
_LABEL_NUMBER = r"[（(]?(\d+(?:[.\-–]\d+)*)[）)]?"
_LABELS = re.compile(
    r"\b(?:fig(?:ure)?s?|tables?|eqs?|equations?|sections?|appendix|chapters?|parts?)\.?\s*"
    + _LABEL_NUMBER
    + r"|(?<![代发列外报仪方公形模样程地意试企构])[图表式]\s*"
    + _LABEL_NUMBER
    + r"|方程\s*"
    + _LABEL_NUMBER
    + r"|第\s*([\d零〇一二两三四五六七八九十百]+)\s*(?:章|节|部分|条|款|卷|篇|编)",
    re.IGNORECASE,
)


def _labels(text: str, norm: str, out: _Collector) -> None:
    for m in _LABELS.finditer(norm):
        number = next(g for g in m.groups() if g)
        ends = re.fullmatch(r"(\d+)[\-–](\d+)", number)
        plural = re.match(r"[a-z]+s\b", m.group(0), re.IGNORECASE)
        if ends and plural and int(ends.group(1)) < int(ends.group(2)):
            # "Parts 2-15", "Figures 3–5": a range of labels, not the label 2.15
            for group in (1, 2):
                start = m.start() + m.group(0).index(number) + ends.start(group)
                out.add_span(text, start, start + len(ends.group(group)),
                             float(ends.group(group)), kind="label")  # fmt: skip
            continue
        if re.fullmatch(r"[\d.\-–]+", number):
            head, *rest = re.split(r"[.\-–]", number)
            value: float | None = float(head + ("." + "".join(rest) if rest else ""))
        else:
            value = _cn_value(number)
        out.add(text, m, value, "label")


#: clock times: 7:30, 10：00 -> hours (10:00 also matches "10 p.m." as 22)
_TIME = re.compile(r"(?<![\d.])(\d{1,2})[:：](\d{2})(?![\d:：])")


def _times(text: str, norm: str, out: _Collector) -> None:
    for m in _TIME.finditer(norm):
        hours, minutes = int(m.group(1)), int(m.group(2))
        if hours < 24 and minutes < 60:
            value = hours + minutes / 60
            out.add(text, m, value, "time", alts=(value + 12,) if hours < 12 else ())


def _number(text: str) -> float:
    return float(re.sub(r"[, \u2009\u202f]", "", text))


def _mask(text: str, pattern: re.Pattern[str]) -> str:
    """``text`` with every match of ``pattern`` blanked (same length, so offsets stay valid)."""
    return pattern.sub(lambda m: " " * len(m.group()), text)


class _Collector:
    """Collects quantities, refusing any that overlap one already found (first pattern wins)."""

    def __init__(self) -> None:
        self.found: list[Quantity] = []

    def free(self, start: int, end: int) -> bool:
        return all(end <= q.start or start >= q.end for q in self.found)

    def add(
        self,
        text: str,
        m: re.Match[str],
        value: float | None,
        kind: str = "number",
        *,
        strong: bool = True,
        step: float = 0.0,
        alts: tuple[float, ...] = (),
        approx: bool = False,
        measure: tuple[str, str, float] | None = None,
        dating: bool = False,
        is_range: bool = False,
    ) -> None:
        if value is None or not self.free(m.start(), m.end()):
            return
        span = text[m.start() : m.end()]
        self.found.append(
            Quantity(
                value,
                kind,
                m.start(),
                m.end(),
                span,
                strong,
                step,
                alts,
                approx,
                measure,
                dating=dating,
                is_range=is_range,
            )
        )

    def add_dated_periods(self, text: str, norm: str, pattern: re.Pattern[str]) -> None:
        """Years of a bracketed period, "(25-220)" or （1937—1945年）, as dating numbers: a
        translation may add such a period for its reader where the source dates nothing."""
        for m in pattern.finditer(norm):
            first, last = int(m.group(1)), int(m.group(2))
            if first < last <= 2100:
                for group in (1, 2):
                    self.add_span(text, m.start(group), m.end(group), float(m.group(group)),
                                  dating=True)  # fmt: skip

    def add_span(self, text: str, start: int, end: int, value: float | None, **kwargs: Any) -> None:
        """Like ``add`` for an explicit span (part of a match)."""
        match = re.compile(re.escape(text[start:end])).match(text, start)
        if match:
            self.add(text, match, value, **kwargs)

    def weaken(self, spans: list[tuple[int, int]]) -> None:
        """Quantities inside any of ``spans`` only help matching (numerals inside names)."""
        self.found = [
            replace(q, strong=False) if any(a <= q.start and q.end <= b for a, b in spans) else q
            for q in self.found
        ]

    def result(self) -> list[Quantity]:
        return sorted(self.found, key=lambda q: (q.start, q.end))


_CN_DIGIT = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_CN_UNIT = {"十": 10, "百": 100, "千": 1000, "万": 10_000, "亿": 100_000_000}


def _cn_value(token: str) -> float | None:
    """Value of a Chinese or mixed numeral (``三万``, ``1.5亿``, ``二〇二五``); None if none."""
    token = re.sub(r"[, \u2009\u202f]", "", token.translate(_FULLWIDTH))
    if token in _CN_UNIT:
        return float(_CN_UNIT[token])
    if re.fullmatch(r"[零〇一二两三四五六七八九]{3,}", token):  # 二〇二五: digit by digit
        return float("".join(str(_CN_DIGIT[c]) for c in token))
    import cn2an  # lazy: only when a number is being read

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            return float(cn2an.cn2an(token, "smart"))
        except (ValueError, KeyError, TypeError, IndexError):
            return None
