"""English quantities: digits, number words, percent, fractions, -fold, scales, months."""

from __future__ import annotations

import re

from .common import (
    _DIGITS,
    _FULLWIDTH,
    _STRUCTURE,
    Quantity,
    _Collector,
    _labels,
    _mask,
    _number,
    _times,
)

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
