"""Numbers as meanings, not strings: ``六成`` = 60%, ``1.5亿`` = 150 million, ``tenfold`` = ×10.

``number-mismatch`` compares what numbers *mean* on each side of a pair. This module turns text
into ``Quantity`` values with exact spans into the original string. cn2an (LIBRARIES.md row 3)
converts Chinese numerals; the semantics of 成 (×10%), 倍 (a multiplier), 多/余/几 (approximate:
"more than") and English number words are ours.

A quantity is *strong* when its absence on the other side is worth reporting (digits, percents,
multipliers, Chinese numerals of 3 and more) and *weak* when it only helps to match (English
"one"/"two", Chinese 一/两, ordinals, "half"): those are too often idiomatic to require.
"""

from __future__ import annotations

import math
import re
import warnings
from dataclasses import dataclass

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
    #: other values the same words may stand for (1920s -> 20 as in 二十年代; 10:00 -> 22 h).
    alts: tuple[float, ...] = ()

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

    def matches(self, other: Quantity) -> bool:
        """Whether two quantities can mean the same thing (leniently: false alarms cost trust)."""
        mine, theirs = (self.value, *self.alts), (other.value, *other.alts)
        if any(_close(a, b) for a in mine for b in theirs):
            return True
        for a, b in ((self, other), (other, self)):
            if a.step and a.value <= b.value < a.value + a.step:
                return True
        for a, b in ((self, other), (other, self)):  # 20世纪 covers the 1920s
            if a.kind == "century" and (a.value - 1) * 100 <= b.value < a.value * 100:
                return True
        # 增加了两倍 is read as both ×2 and ×3 by Chinese readers: accept off-by-one multipliers.
        multiplier = "multiplier" in (self.kind, other.kind)
        return multiplier and abs(self.value - other.value) == 1


def _close(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-6, abs_tol=1e-9)


def _fmt(value: float) -> str:
    if float(value).is_integer():
        return str(int(value))
    return f"{value:.4f}".rstrip("0").rstrip(".")


# ---------------------------------------------------------------------------------- shared
_DIGITS = r"\d+(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
#: "1." or "(2)" opening a segment, and "[3]" footnote marks, are structure, not content.
_STRUCTURE = re.compile(r"^\s*(?:\(?\d{1,2}[.、)](?!\d))|\[\d{1,3}\]")
#: labels ("Figure 2-1", "eq. (3.2)", "图2.1", "式（2.1）", "第十一章"): compared only with the
#: other side's labels, since a translation often says 如图所示 for "in Figure 3"
_LABEL_NUMBER = r"[（(]?(\d+(?:[.\-–]\d+)*)[）)]?"
_LABELS = re.compile(
    r"\b(?:fig(?:ure)?s?|tables?|eqs?|equations?|sections?|appendix|chapters?|parts?)\.?\s*"
    + _LABEL_NUMBER
    + r"|[图表式]\s*"
    + _LABEL_NUMBER
    + r"|方程\s*"
    + _LABEL_NUMBER
    + r"|第\s*([\d零〇一二两三四五六七八九十百]+)\s*(?:章|节|部分|条|款|卷|篇|编)",
    re.IGNORECASE,
)


def _labels(text: str, norm: str, out: _Collector) -> None:
    for m in _LABELS.finditer(norm):
        number = next(g for g in m.groups() if g)
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
    return float(text.replace(",", ""))


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
    ) -> None:
        if value is None or not self.free(m.start(), m.end()):
            return
        span = text[m.start() : m.end()]
        self.found.append(Quantity(value, kind, m.start(), m.end(), span, strong, step, alts))

    def add_span(
        self, text: str, start: int, end: int, value: float | None, *, strong: bool = True
    ) -> None:
        """Like ``add`` for an explicit span (part of a match)."""
        match = re.compile(re.escape(text[start:end])).match(text, start)
        if match:
            self.add(text, match, value, strong=strong)

    def result(self) -> list[Quantity]:
        return sorted(self.found, key=lambda q: (q.start, q.end))


# ---------------------------------------------------------------------------------- Chinese
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
_CN = r"[零〇一二两三四五六七八九十百千万亿]+(?:点[零〇一二三四五六七八九]+)?"
_ZH_NUM = rf"(?:(?:{_DIGITS})[十百千万亿]*|{_CN})"
#: words whose numeral characters are not numbers (十分 "very", 千万 "by all means", 一些 "some").
_ZH_IDIOMS = re.compile(
    r"一些|一样|一起|一直|一定|一般|一切|统一|唯一|一旦|一致|一方面|一边|一点|(?<!分)之一|一成不变"
    r"|十分|千万(?=[不别要])|万一|万物|万万|一下|一再|一向|一同|不一|万分|百般|千方百计|三思|四处"
    r"|百姓|千古|万岁|五湖四海|七嘴八舌|乱七八糟|一心一意|三心二意|四面八方|千千万万"
    r"|千[米克瓦兆]|[几数][十百千万亿]+"
)
#: measure words and units: a Chinese numeral followed by one of these is a real count (三个,
#: 十年, 五名), while a bare one is often part of a word or an idiom (四处, 百姓) and only helps.
_MEASURE = re.compile(
    r"[个年月日号天周岁次名位人种项家条章篇部本台所场届件份张只倍成%万亿千百元米秒分点层级代]"
    r"|小时|分钟|公里|美元|英里|世纪|季度"
)


def _cn_value(token: str) -> float | None:
    """Value of a Chinese or mixed numeral (``三万``, ``1.5亿``, ``二〇二五``); None if none."""
    token = token.translate(_FULLWIDTH)
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


def _step_for(value: float) -> float:
    """十多 covers 10-19, 三十多 30-39, 100多 100-199: one unit of the leading digit."""
    return float(10 ** math.floor(math.log10(value))) if value >= 10 else 1.0


def chinese_quantities(text: str) -> list[Quantity]:
    """Quantities in Chinese (or mixed) text, with spans into ``text``."""
    norm = _mask(_mask(text.translate(_FULLWIDTH), _ZH_IDIOMS), _STRUCTURE)
    out = _Collector()
    _labels(text, norm, out)
    _times(text, norm, out)
    for m in re.finditer(rf"({_ZH_NUM})\s*世纪", norm):
        out.add(text, m, _cn_value(m.group(1)), "century")
    # 二三十年代, 七八十个: a range of tens; each end only helps matching
    for m in re.finditer(r"([一二三四五六七八九])([一二三四五六七八九])十", norm):
        for group in (1, 2):
            out.add_span(text, m.start(group), m.start(group) + 1, 10.0 * _CN_DIGIT[m.group(group)],
                         strong=False)  # fmt: skip
    n = _ZH_NUM
    # 1小时39分 / 两个多小时二十分钟 -> minutes
    for m in re.finditer(rf"({n})\s*个?多?\s*小时\s*({n})\s*分钟?", norm):
        hours, minutes = _cn_value(m.group(1)), _cn_value(m.group(2))
        if hours is not None and minutes is not None:
            out.add(text, m, hours * 60 + minutes, "minutes")
    # 百分之四十, 千分之五, 三分之二
    for m in re.finditer(rf"(百|千|{n})分之({n})", norm):
        whole = {"百": 100.0, "千": 1000.0}.get(m.group(1)) or _cn_value(m.group(1))
        part = _cn_value(m.group(2))
        if whole and part is not None:
            out.add(text, m, round(part / whole * 100, 4), "percent")
    for m in re.finditer(rf"({n})\s*%", norm):
        out.add(text, m, _cn_value(m.group(1)), "percent")
    # 六成 = 60%, 六成五 = 65%, 6成 = 60%
    for m in re.finditer(r"([一二两三四五六七八九十]|\d)成([一二三四五六七八九])?", norm):
        tens = _cn_value(m.group(1))
        ones = _cn_value(m.group(2)) if m.group(2) else 0.0
        if tens is not None and ones is not None:
            out.add(text, m, tens * 10 + ones, "percent")
    # 十倍 / 百倍 / 3倍 / 十多倍
    for m in re.finditer(rf"({n})(多|余)?倍", norm):
        value = _cn_value(m.group(1))
        step = _step_for(value) if value and m.group(2) else 0.0
        out.add(text, m, value, "multiplier", step=step)
    # 两个多小时, 十多个, 三十余, 十几
    for m in re.finditer(rf"({n})(个多|多|余|几)", norm):
        value = _cn_value(m.group(1))
        if value:
            step = 1.0 if m.group(2) == "个多" else _step_for(value)
            out.add(
                text, m, value, strong=value >= 3 or bool(re.search(r"\d", m.group(1))), step=step
            )
    for m in re.finditer(n, norm):
        token = m.group()
        if re.search(r"\d", token):
            out.add(text, m, _cn_value(token))
        elif len(token) > 1 and token.endswith("两") and token[-2] not in "百千万亿":
            # 二十两 is twenty taels (两 the unit), not 22: read what precedes it
            value = _cn_value(token[:-1])
            out.add_span(text, m.start(), m.end() - 1, value, strong=False)
        elif re.fullmatch(r"[一二两三四五六七八九]{2}", token) and not norm.startswith(
            "年", m.end()
        ):  # 两三个, 七八成: a range, each end only helps matching
            for offset, char in enumerate(token):
                sub = re.compile(char).match(norm, m.start() + offset)
                if sub:
                    out.add(text, sub, float(_CN_DIGIT[char]), strong=False)
        else:
            value = _cn_value(token)
            counted = bool(_MEASURE.match(norm, m.end()))
            strong = value is not None and value >= 3 and (counted or len(token) > 1)
            out.add(text, m, value, strong=strong)
    # 一半 = half
    for m in re.finditer(r"一半", norm):
        out.add(text, m, 50.0, "percent", strong=False)
    return out.result()


# ---------------------------------------------------------------------------------- English
_ONES = {
    w: i
    for i, w in enumerate(
        [
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
        ]
    )
}
_TENS = {
    w: 10 * (i + 2)
    for i, w in enumerate(
        ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
    )
}
_SCALES = {
    "hundred": 100,
    "thousand": 1_000,
    "million": 1_000_000,
    "billion": 1_000_000_000,
    "trillion": 1_000_000_000_000,
}
_ORDINALS = {
    w: i + 1
    for i, w in enumerate(
        [
            "first",
            "second",
            "third",
            "fourth",
            "fifth",
            "sixth",
            "seventh",
            "eighth",
            "ninth",
            "tenth",
            "eleventh",
            "twelfth",
            "thirteenth",
            "fourteenth",
            "fifteenth",
            "sixteenth",
            "seventeenth",
            "eighteenth",
            "nineteenth",
            "twentieth",
        ]
    )
}
_MONTHS = {
    m: i + 1
    for i, m in enumerate(
        [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ]
    )
}
_MONTHS.update({m[:3]: v for m, v in _MONTHS.items()} | {"Sept": 9})
_FRACTIONS = {
    "half": 2,
    "halves": 2,
    "third": 3,
    "thirds": 3,
    "quarter": 4,
    "quarters": 4,
    "fourth": 4,
    "fourths": 4,
    "fifth": 5,
    "fifths": 5,
    "tenth": 10,
    "tenths": 10,
}
_FOLD = {
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "hundred": 100,
    "thousand": 1000,
}

_WORD = "|".join(sorted([*_ONES, *_TENS, *_SCALES, "dozen"], key=len, reverse=True))
_EN_WORDS = rf"(?:\b(?:a|{_WORD})\b[ -](?:and[ -])?)*\b(?:{_WORD})\b"
_EN_NUM = rf"(?:{_DIGITS}|{_EN_WORDS})"
_SCALE_SUFFIX = r"(?:[\s-]*(?:thousand|million|billion|trillion|bn)\b|(?<=\d)(?:bn|m|k)\b)"
_MONTH_RE = "|".join(sorted(_MONTHS, key=len, reverse=True))


def _words_value(phrase: str) -> float | None:
    """``twenty-five`` -> 25, ``a hundred and ten`` -> 110, ``3`` -> 3."""
    phrase = phrase.strip()
    if re.fullmatch(_DIGITS, phrase):
        return _number(phrase)
    total = current = 0
    seen = False
    for word in re.split(r"[ -]+", phrase.lower()):
        if word in ("and", ""):
            continue
        if word == "a":
            current = current or 1
        elif word in _ONES:
            current += _ONES[word]
        elif word in _TENS:
            current += _TENS[word]
        elif word == "dozen":
            current = (current or 1) * 12
        elif word == "hundred":
            current = (current or 1) * 100
        elif word in _SCALES:
            total += (current or 1) * _SCALES[word]
            current = 0
        else:
            return None
        seen = True
    return float(total + current) if seen else None


def _scaled(number: str, suffix: str) -> float | None:
    value = _words_value(number)
    if value is None:
        return None
    key = re.sub(r"[\s-]", "", suffix).lower()
    factor = {"bn": 1e9, "m": 1e6, "k": 1e3}.get(key, _SCALES.get(key, 1))
    return value * factor


def english_quantities(text: str) -> list[Quantity]:
    """Quantities in English text, with spans into ``text``."""
    norm = _mask(text.translate(_FULLWIDTH), _STRUCTURE)
    out = _Collector()
    n = _EN_NUM
    flags = re.IGNORECASE
    _labels(text, norm, out)
    _times(text, norm, out)
    for m in re.finditer(r"(?<![\d.])(1\d|20)(\d)0s\b", norm):  # the 1920s = 二十年代
        decade = float(m.group(2)) * 10
        out.add(text, m, float(m.group(1) + m.group(2) + "0"), alts=(decade,))
    for m in re.finditer(rf"\b(?:(a|{_EN_WORDS})\s+)?decades?\b", norm, flags):
        if m.group(1):  # two decades = 20 years
            count = _words_value(m.group(1))
            out.add(text, m, count * 10 if count else None, alts=(count or 0.0,))
    for m in re.finditer(r"\b(?:centenary|centennial)\b", norm, flags):
        out.add(text, m, 100.0)
    # 1 hour 39 minutes, 2 hours and 5 mins -> minutes
    for m in re.finditer(
        rf"({n})\s*(?:hours?|hrs?|h)\s*(?:and\s+)?({n})\s*(?:minutes?|mins?|m)\b", norm, flags
    ):
        hours, minutes = _words_value(m.group(1)), _words_value(m.group(2))
        if hours is not None and minutes is not None:
            out.add(text, m, hours * 60 + minutes, "minutes")
    for m in re.finditer(
        rf"({n})\s*(?:%|percent\b|per\s+cent\b|pct\b|percentage points?\b)", norm, flags
    ):
        out.add(text, m, _words_value(m.group(1)), "percent")
    # two-thirds, a quarter, four fifths, half
    for m in re.finditer(
        rf"\b(?:(a|one|two|three|four|five|six|seven|eight|nine)[ -])?({'|'.join(_FRACTIONS)})\b",
        norm,
        flags,
    ):
        numerator = _words_value(m.group(1) or "one") or 1.0
        denominator = _FRACTIONS[m.group(2).lower()]
        strong = m.group(2).lower() not in ("half", "fourth", "second") and bool(m.group(1))
        if m.group(2).lower() in ("third", "fifth", "fourth", "tenth") and not m.group(1):
            continue  # a bare "third" is an ordinal, read below
        out.add(text, m, round(numerator / denominator * 100, 4), "percent", strong=strong)
    # tenfold, 3x, three times, 10-fold
    for m in re.finditer(rf"\b({'|'.join(_FOLD)})fold\b", norm, flags):
        out.add(text, m, float(_FOLD[m.group(1).lower()]), "multiplier")
    for m in re.finditer(rf"({n})\s*(?:-?fold\b|times\b|(?<=\d)x\b|×)", norm, flags):
        out.add(text, m, _words_value(m.group(1)), "multiplier")
    # $1.5bn, 150 million, 3 thousand
    for m in re.finditer(rf"({n}){_SCALE_SUFFIX}", norm, flags):
        suffix = norm[m.end(1) : m.end()]
        out.add(text, m, _scaled(m.group(1), suffix))
    # months: "February 2025", "Feb. 3"; a bare "May" only beside a number
    for m in re.finditer(rf"\b({_MONTH_RE})\b\.?", norm):
        near = norm[max(0, m.start() - 4) : m.end() + 5]
        if m.group(1) == "May" and not re.search(r"\d", near):
            continue
        out.add(text, m, float(_MONTHS[m.group(1)]))
    for m in re.finditer(rf"(?<![\w.])({_DIGITS})(?:st|nd|rd|th)?(?![\d])", norm):
        out.add(text, m, _number(m.group(1)))
    for m in re.finditer(rf"(?<![\w.]){_DIGITS}", norm):  # digits glued to letters: H100, GPT-4
        out.add(text, m, _number(m.group()))
    for m in re.finditer(_EN_WORDS, norm, flags):
        value = _words_value(m.group())
        out.add(text, m, value, strong=value is not None and value >= 3 and m.group() != "a")
    for m in re.finditer(rf"\b({'|'.join(_ORDINALS)})\b", norm, flags):
        out.add(text, m, float(_ORDINALS[m.group(1).lower()]), strong=False)
    return out.result()


def quantities(text: str, lang: str) -> list[Quantity]:
    """Quantities of ``text`` read as ``lang`` ("zh" reads digits and Chinese numerals)."""
    return chinese_quantities(text) if lang.startswith("zh") else english_quantities(text)
