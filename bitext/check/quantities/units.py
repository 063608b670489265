"""Units of length, mass and area, so that a converted amount still matches its original.

Literary and journalistic translators convert units for their readers: 一米六零 becomes "five
feet four inches", 六十公斤 "about 130 pounds", 二十英尺 "six-meter". Each amount followed by a
unit gets a ``measure`` (dimension, unit system, value in SI units); ``Quantity.matches``
compares measures of the same dimension exactly within one system and with the rule's
``approx-tolerance`` across systems (a conversion is always rounded). The factors are the
definitions of the units (1 ft = 0.3048 m, 1 lb = 0.45359237 kg, 1 斤 = 0.5 kg, 1 亩 = 666.67 m²).
"""

from __future__ import annotations

import re
from dataclasses import replace

from .common import Quantity

# (pattern, dimension, system, SI factor); longest patterns first where one is a prefix of another
_EN_UNITS: list[tuple[str, str, str, float]] = [
    (r"square\s+kilomet(?:re|er)s?|sq\.?\s*km|km2|km²", "area", "metric", 1e6),
    (r"square\s+met(?:re|er)s?|sq\.?\s*m\b|m2|m²", "area", "metric", 1.0),
    (r"hectares?", "area", "metric", 1e4),
    (r"acres?", "area", "imperial", 4046.8564224),
    (r"kilomet(?:re|er)s?|km", "length", "metric", 1e3),
    (r"centimet(?:re|er)s?|cm", "length", "metric", 1e-2),
    (r"millimet(?:re|er)s?|mm", "length", "metric", 1e-3),
    (r"met(?:re|er)s?", "length", "metric", 1.0),
    (r"feet|foot|ft", "length", "imperial", 0.3048),
    (r"inch(?:es)?", "length", "imperial", 0.0254),
    (r"yards?", "length", "imperial", 0.9144),
    (r"miles?", "length", "imperial", 1609.344),
    (r"kilo(?:gram(?:me)?)?s?|kg", "mass", "metric", 1.0),
    (r"gram(?:me)?s?", "mass", "metric", 1e-3),
    (r"tonnes?|tons?", "mass", "metric", 1e3),
    (r"pounds?|lbs?", "mass", "imperial", 0.45359237),
    (r"ounces?|oz", "mass", "imperial", 0.028349523125),
]
_ZH_UNITS: list[tuple[str, str, str, float]] = [
    (r"平方公里|平方千米", "area", "metric", 1e6),
    (r"平方米", "area", "metric", 1.0),
    (r"公顷", "area", "metric", 1e4),
    (r"英亩", "area", "imperial", 4046.8564224),
    (r"亩", "area", "chinese", 2000 / 3),
    (r"公里|千米", "length", "metric", 1e3),
    (r"厘米|公分", "length", "metric", 1e-2),
    (r"毫米", "length", "metric", 1e-3),
    (r"英尺|呎", "length", "imperial", 0.3048),
    (r"英寸|吋", "length", "imperial", 0.0254),
    (r"英里", "length", "imperial", 1609.344),
    (r"米", "length", "metric", 1.0),
    (r"丈", "length", "chinese", 10 / 3),
    (r"尺", "length", "chinese", 1 / 3),
    (r"里(?!面|头|边)", "length", "chinese", 500.0),
    (r"公斤|千克", "mass", "metric", 1.0),
    (r"克", "mass", "metric", 1e-3),
    (r"吨", "mass", "metric", 1e3),
    (r"斤", "mass", "chinese", 0.5),
    (r"磅", "mass", "imperial", 0.45359237),
    (r"盎司", "mass", "imperial", 0.028349523125),
]


def _compile(table: list[tuple[str, str, str, float]], lead: str, tail: str):
    return [(re.compile(lead + f"(?:{p})" + tail, re.IGNORECASE), d, s, f) for p, d, s, f in table]


_EN = _compile(_EN_UNITS, r"[\s-]*", r"\b")
_ZH = _compile(_ZH_UNITS, r"\s*", "")

#: "five feet four inches", "6 ft 2 in": one height
_FEET_INCHES = r"[\s-]*(?:feet|foot|ft)\.?,?\s*(?:and\s+)?({n})[\s-]*(?:inch(?:es)?|in\.?(?!\w))"
#: 一米六零, 一米六, 1米75: a height in metres said as metres and centimetres
ZH_HEIGHT = re.compile(
    r"([一两二三]|\d)米([零〇一二三四五六七八九]{1,2}|\d{1,2})(?![\d零〇一二三四五六七八九十百千万米厘毫])"
)
_CN_DIGIT = dict(zip("零〇一二三四五六七八九", (0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9), strict=True))


def feet_inches(number: str) -> re.Pattern[str]:
    """The pattern of a feet-and-inches height, given the pattern of one number."""
    return re.compile(rf"({number}){_FEET_INCHES.format(n=number)}", re.IGNORECASE)


def zh_height(metres: str, rest: str) -> float:
    """一米六零 = 1.60, 一米六 = 1.6, 1米75 = 1.75."""
    whole = _CN_DIGIT.get(metres, 2 if metres == "两" else None)
    whole = int(metres) if whole is None else whole
    digits = "".join(str(_CN_DIGIT.get(c, c)) for c in rest)
    return whole + int(digits) / 10 ** len(digits)


def with_measures(text: str, found: list[Quantity], lang: str) -> list[Quantity]:
    """``found`` with a measure on every plain amount that a unit of length, mass or area
    follows (``130 pounds``, ``六十公斤``, ``six-meter``)."""
    table = _ZH if lang == "zh" else _EN
    out = []
    for q in found:
        if q.kind == "number" and q.measure is None:
            for pattern, dimension, system, factor in table:
                if pattern.match(text, q.end):
                    q = replace(q, measure=(dimension, system, q.value * factor))
                    break
        out.append(q)
    return out
