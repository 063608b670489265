"""English quantities: digits, number words, percent, fractions, -fold, scales, months."""

from __future__ import annotations

import math
import re
from dataclasses import replace

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
from .units import feet_inches, with_measures

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

_WEEKDAYS = {
    d: i + 1
    for i, d in enumerate(
        ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
    )
}
_DECADE_WORDS = {w[:-1] + "ies": v for w, v in _TENS.items()}  # twenties .. nineties

_WORD = "|".join(sorted([*_ONES, *_TENS, *_SCALES, "dozen"], key=len, reverse=True))
#: a run of number words; ``_word_numbers`` cuts it into the numbers it holds ("two three-inch"
#: is 2 and 3, "a five-year" is 5, "a hundred and ten" is 110).
_EN_WORDS = rf"(?:\b(?:a|{_WORD})\b[ -](?:and[ -])?)*\b(?:{_WORD})\b"
_EN_NUM = rf"(?:{_DIGITS}|{_EN_WORDS})"
_SCALE_SUFFIX = r"(?:[\s-]*(?:thousand|million|billion|trillion|bn)\b|(?<=\d)(?:bn|m|k)\b)"
_MONTH_RE = "|".join(sorted(_MONTHS, key=len, reverse=True))
#: words before a bare "May" that make it the month ("in May", "early May", "since May")
_MAY_CONTEXT = re.compile(
    r"\b(?:in|of|since|until|till|by|from|to|through|early|late|mid|last|next|this|that|"
    r"each|every|during|before|after|and|or|on)[\s-]+$",
    re.IGNORECASE,
)
#: hedges that make an amount approximate ("almost 16 million" for 1576万)
_HEDGE = re.compile(
    r"\b(?:about|almost|nearly|around|roughly|approximately|some|close to|up to|less than|"
    r"fewer than|under|just under|estimated|an estimated|circa)\s+$",
    re.IGNORECASE,
)
_MORE_THAN = re.compile(r"\b(?:more than|over|above|upwards of|in excess of)\s+$", re.IGNORECASE)
#: hedges that make an amount an upper bound ("almost half a century" for 四十多年)
_BELOW = re.compile(
    r"\b(?:almost|nearly|close to|just under|not quite|less than|fewer than|no more than|"
    r"not more than|at most)\s+$",
    re.IGNORECASE,
)
#: "four or five", "3 to 4": two neighbouring counts, one vague amount (= 四五个)
_OR_RANGE = re.compile(rf"\b({_EN_WORDS}|\d{{1,2}})\s+(?:or|to)\s+({_EN_WORDS}|\d{{1,2}})\b",
                       re.IGNORECASE)  # fmt: skip
#: "(25-220)", "(1881–1936)", "(c. 1340-1400)": a lifespan or a dynasty's dates, added for
#: the reader as often as they are dropped
_DATE_RANGE = re.compile(r"[(（](?:c\.\s*|ca\.\s*|AD\s*)?(\d{1,4})\s*[-–—]\s*(\d{1,4})[)）]")
#: a span that dates a period: "the past 30 years", "30 years ago", "some three decades ago"
_DATING_BEFORE = re.compile(
    r"\b(?:past|last)\s+(?:(?:some|about|nearly|almost|over|more than)\s+)?$", re.IGNORECASE
)
_DATING_AFTER = re.compile(
    r"[\s-]*(?:years?|decades?)\s+(?:and\s+more\s+)?(?:ago|since)\b", re.IGNORECASE
)
_DECADES_AGO = re.compile(r"\s+(?:ago|since)\b", re.IGNORECASE)
#: "the scale of parts per million": a rate's denominator, not an amount
_PER_SCALE = re.compile(r"\b(?:parts?\s+)?per\s+(hundred|thousand|million|billion)\b",
                        re.IGNORECASE)  # fmt: skip
#: SI prefixes on units: "384 kilobits" = 384千比特, "5 km", "2 GHz"
_SI_PREFIX = {"kilo": 1e3, "mega": 1e6, "giga": 1e9, "tera": 1e12, "k": 1e3, "M": 1e6, "G": 1e9,
              "T": 1e12}  # fmt: skip
_SI_UNIT = re.compile(
    r"\s*(?:(kilo|mega|giga|tera)(?:bits?|bytes?|watts?|metres?|meters?|grams?|hertz|volts?|"
    r"tons?|tonnes?|calories?)\b|(k|M|G|T)(?:b|bps|B|Hz|W|Wh|m|g|V|t|eV)\b)"
)
#: "(Sewell 2005, 110–111)", "(Giddens 1984: 364)": citations a translation often drops
_CITATION = re.compile(
    r"\((?:see\s+)?[A-Z][\w'’.\-]+(?:(?:\s+(?:and|&)\s+|,\s+|\s+)[A-Z][\w'’.\-]+)*"
    r"(?:\s+et\s+al\.?)?,?\s+\d{4}[a-z]?(?:[,:]\s*[\d–\-, ]+)?(?:;[^()]*)?\)"
)


_VAGUE = re.compile(r"\b(?:several|a few|few|some|many|hundreds of|thousands of)\s+$")


def _word_numbers(run: str) -> list[tuple[int, int, float, bool]]:
    """Cut a run of number words into numbers: ``(start, end, value, led_by_a)``.

    A number grows only where English grammar lets it: ones after tens (twenty-five), anything
    after hundred or a scale, "and" only after hundred or a scale; "a" counts only before
    hundred/thousand/million/dozen ("a five-year" is 5, "two three-inch" is 2 then 3).
    """
    tokens = [(m.start(), m.end(), m.group().lower()) for m in re.finditer(r"[A-Za-z]+", run)]
    out: list[tuple[int, int, float, bool]] = []
    i = 0
    while i < len(tokens):
        start = i
        led_by_a = tokens[i][2] == "a"
        if led_by_a:
            if i + 1 < len(tokens) and tokens[i + 1][2] in (*_SCALES, "dozen"):
                i += 1
            else:
                i += 1
                continue
        if tokens[i][2] == "and":
            i += 1
            continue
        total = current = 0
        last = ""  # kind of the previous token: ones / tens / hundred / scale
        end = i
        biggest = float("inf")
        j = i
        while j < len(tokens):
            word = tokens[j][2]
            if word == "a" and j == start and led_by_a:
                j += 1
                continue
            if word == "and":
                if (
                    last in ("hundred", "scale")
                    and j + 1 < len(tokens)
                    and (tokens[j + 1][2] in _ONES or tokens[j + 1][2] in _TENS)
                ):
                    j += 1
                    continue
                break
            if word in _ONES:
                if (
                    last in ("ones",)
                    or (last == "tens" and _ONES[word] >= 10)
                    or (last == "tens" and _ONES[word] == 0)
                ):
                    break
                current += _ONES[word]
                last = "ones"
            elif word in _TENS:
                if last in ("ones", "tens"):
                    break
                current += _TENS[word]
                last = "tens"
            elif word == "hundred":
                if last == "hundred" or (current >= 100):
                    break
                current = (current or 1) * 100
                last = "hundred"
            elif word == "dozen":
                if last not in ("", "ones"):
                    break
                current = (current or 1) * 12
                last = "hundred"
            elif word in _SCALES:
                if _SCALES[word] >= biggest:
                    break
                biggest = _SCALES[word]
                total += (current or 1) * _SCALES[word]
                current = 0
                last = "scale"
            else:
                break
            end = j
            j += 1
        if end < i or (end == i and tokens[i][2] == "a"):
            i += 1
            continue
        out.append((tokens[start][0], tokens[end][1], float(total + current), led_by_a))
        i = end + 1
    return out


def _words_value(phrase: str) -> float | None:
    """``twenty-five`` -> 25, ``a hundred and ten`` -> 110, ``3`` -> 3 (the whole phrase)."""
    phrase = phrase.strip()
    if re.fullmatch(_DIGITS, phrase):
        return _number(phrase)
    numbers = _word_numbers(phrase)
    if len(numbers) == 1 and numbers[0][0] == 0 and numbers[0][1] == len(phrase):
        return numbers[0][2]
    return None


def _scaled(number: str, suffix: str) -> float | None:
    value = _words_value(number)
    if value is None:
        return None
    key = re.sub(r"[\s-]", "", suffix).lower()
    factor = {"bn": 1e9, "m": 1e6, "k": 1e3}.get(key, _SCALES.get(key, 1))
    return value * factor


def _hedged(norm: str, start: int) -> tuple[bool, bool]:
    """(approximate, "more than") from the words just before ``start``."""
    before = norm[max(0, start - 20) : start]
    return bool(_HEDGE.search(before)), bool(_MORE_THAN.search(before))


def _step_for(value: float) -> float:
    """ "more than 30" covers 30-39, like 三十多: one unit of the leading digit."""
    return float(10 ** math.floor(math.log10(value))) if value >= 10 else 1.0


def english_quantities(text: str) -> list[Quantity]:
    """Quantities in English text, with spans into ``text``."""
    norm = _mask(text.translate(_FULLWIDTH), _STRUCTURE)
    out = _Collector()
    n = _EN_NUM
    flags = re.IGNORECASE
    _labels(text, norm, out)
    _times(text, norm, out)
    for m in _PER_SCALE.finditer(norm):
        out.add_span(text, m.start(1), m.end(1), float(_SCALES[m.group(1).lower()]), strong=False)
    out.add_dated_periods(text, norm, _DATE_RANGE)
    # five feet four inches = 1.63 m (= 一米六零, give or take the conversion)
    for m in feet_inches(n).finditer(norm):
        feet, inches = _words_value(m.group(1)), _words_value(m.group(2))
        if feet is not None and inches is not None:
            metres = feet * 0.3048 + inches * 0.0254
            out.add(text, m, feet + inches / 12, measure=("length", "imperial", metres))
    _decades(text, norm, out)
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
        approx, _ = _hedged(norm, m.start())
        out.add(text, m, _words_value(m.group(1)), "percent", approx=approx)
    # "1 in 10", "one part in a hundred thousand" = 十分之一, 十万分之一
    for m in re.finditer(rf"\b({n})\s+(?:parts?\s+|out\s+)?(?:in|of)\s+(?:a\s+|every\s+)?({n})\b",
                         norm, flags):  # fmt: skip
        part, whole = _words_value(m.group(1)), _words_value(m.group(2))
        if (
            part
            and whole
            and whole > part
            and m.group(0).lower().split()[1] in ("in", "parts", "part", "out")
        ):
            out.add(text, m, round(part / whole * 100, 6), "percent")
    _fractions(text, norm, out)
    # tenfold, 3x, three times, 10-fold
    for m in re.finditer(rf"\b({'|'.join(_FOLD)})fold\b", norm, flags):
        out.add(text, m, float(_FOLD[m.group(1).lower()]), "multiplier")
    for m in re.finditer(rf"({n})\s*(?:-?fold\b|times\b|(?<=\d)x\b|×)", norm, flags):
        out.add(text, m, _words_value(m.group(1)), "multiplier")
    # $1.5bn, 150 million, 3 thousand; "3K" and "5m" may also be 3 kelvin and 5 metres
    for m in re.finditer(rf"({n}){_SCALE_SUFFIX}", norm, flags):
        suffix = norm[m.end(1) : m.end()]
        approx, more = _hedged(norm, m.start())
        value = _scaled(m.group(1), suffix)
        raw = _words_value(m.group(1))
        alts = (raw,) if raw is not None and len(suffix.strip()) == 1 else ()
        step = _step_for(value) if value and more else 0.0
        out.add(text, m, value, alts=alts, approx=True, step=step)
        del approx
    _months_and_days(text, norm, out)
    _ranges(text, norm, out)
    _or_ranges(text, norm, out)
    for m in re.finditer(rf"(?<![\w.])({_DIGITS})(st|nd|rd|th)?(?![\d])", norm):
        approx, more = _hedged(norm, m.start())
        value = _number(m.group(1))
        si = _SI_UNIT.match(norm, m.end())
        alts = (value * _SI_PREFIX[si.group(1) or si.group(2)],) if si else ()
        step = _step_for(value) if more and value else 0.0
        # an ordinal ("the 18th Congress") only helps, like "eighteenth"
        strong = not m.group(2)
        out.add(text, m, value, alts=alts, approx=approx, step=step, strong=strong)
    for m in re.finditer(rf"(?<![\w.]){_DIGITS}", norm):  # digits glued to letters: H100, GPT-4
        out.add(text, m, _number(m.group()))
    # TLR7, H100: a name's number only helps (Toll样受体7 is the same receptor); a unit's
    # power (cm3, m2) is no number at all
    for m in re.finditer(r"(?<=[A-Z])\d+(?:\.\d+)?(?![\d.])", norm):
        out.add(text, m, _number(m.group()), strong=False)
    # "the Laplace transform is unity" = 1
    for m in re.finditer(r"\b(?:is|to|equals) (unity)\b", norm):
        out.add_span(text, m.start(1), m.end(1), 1.0, strong=False)
    ordinal = rf"\b(?:({'|'.join(_TENS)})[ -])?({'|'.join(_ORDINALS)})\b"
    for m in re.finditer(ordinal, norm, flags):  # twenty-first = 21, before "twenty" is read
        if m.group(1):
            value = _TENS[m.group(1).lower()] + _ORDINALS[m.group(2).lower()]
            out.add(text, m, float(value), strong=False)
    _number_words(text, norm, out)
    for m in re.finditer(ordinal, norm, flags):
        out.add(text, m, float(_ORDINALS[m.group(2).lower()]), strong=False)
    # "(Sewell 2005, 110–111)": a translation often drops citations, so they only help matching
    out.weaken([m.span() for m in _CITATION.finditer(norm)])
    return [_hedges(norm, q) for q in with_measures(text, out.result(), "en")]


def _hedges(norm: str, q: Quantity) -> Quantity:
    """What the words around an amount say: "almost" (an upper bound), "more than" (a range
    upwards, also for "more than a dozen times"), "the past 30 years" (dating a period)."""
    before = norm[max(0, q.start - 20) : q.start]
    if _BELOW.search(before):
        q = replace(q, below=True, approx=True)
    elif not q.step and q.value and _MORE_THAN.search(before):
        q = replace(q, step=_step_for(q.value))
    after = _DECADES_AGO if re.search(r"(?:decades?|years?)$", q.text, re.I) else _DATING_AFTER
    if q.kind == "number" and (_DATING_BEFORE.search(before) or after.match(norm, q.end)):
        q = replace(q, dating=True)
    return q


def _or_ranges(text: str, norm: str, out: _Collector) -> None:
    """ "four or five", "3 to 4": one amount covering both counts, as 四五个 is in Chinese."""
    for m in _OR_RANGE.finditer(norm):
        low, high = _words_value(m.group(1)), _words_value(m.group(2))
        if low is not None and high == low + 1 and 1 <= low < 100:
            out.add(text, m, low, step=1.5, approx=True, is_range=True)


def _decades(text: str, norm: str, out: _Collector) -> None:
    """the 1920s (= 二十年代), the seventies, two decades, the past decade, half a century."""
    flags = re.IGNORECASE
    for m in re.finditer(r"(?<![\d.])(1\d|20)(\d)0s\b", norm):
        decade = float(m.group(2)) * 10
        out.add(text, m, float(m.group(1) + m.group(2) + "0"), alts=(decade,))
    for m in re.finditer(rf"\b(?:the\s+)?(?:early|mid|late)?[\s-]*({'|'.join(_DECADE_WORDS)})\b",
                         norm, flags):  # fmt: skip
        value = float(_DECADE_WORDS[m.group(1).lower()])
        out.add_span(text, m.start(1), m.end(1), value, alts=(1900 + value,), strong=False)
    for m in re.finditer(rf"\b(?:(a|{_EN_WORDS})\s+)?decades?\b", norm, flags):
        if m.group(1):  # two decades = 20 years, a decade = 10
            count = 1.0 if m.group(1).lower() == "a" else _words_value(m.group(1))
            out.add(text, m, count * 10 if count else None, alts=(count or 0.0,))
        else:  # "the past decade" = 过去十年; "decades" = 几十年
            plural = m.group().lower().endswith("s")
            out.add(text, m, 10.0, strong=False, step=90.0 if plural else 0.0)
    for m in re.finditer(r"\bhalf\s+a\s+century\b", norm, flags):
        out.add(text, m, 50.0, approx=True)
    for m in re.finditer(r"\b(?:centenary|centennial)\b", norm, flags):
        out.add(text, m, 100.0)
    # "during much of last century" = 20世纪 (or 21世纪, depending on when it was written)
    for m in re.finditer(r"\b(?:last|this|the\s+past|the\s+previous)\s+century\b", norm, flags):
        out.add(text, m, 20.0, "century", strong=False, alts=(21.0,))


def _fractions(text: str, norm: str, out: _Collector) -> None:
    """two-thirds, a quarter, four fifths, half; "a fifth" may also be the ordinal 5."""
    for m in re.finditer(
        rf"\b(?:(a|one|two|three|four|five|six|seven|eight|nine)[ -])?({'|'.join(_FRACTIONS)})\b",
        norm,
        re.IGNORECASE,
    ):
        word = m.group(2).lower()
        numerator = _words_value(m.group(1) or "one") or 1.0
        denominator = _FRACTIONS[word]
        if word in ("third", "fifth", "fourth", "tenth") and not m.group(1):
            continue  # a bare "third" is an ordinal, read below
        # "a third of the budget" is an amount; "a third called…" (the ordinal) only helps
        counted = (m.group(1) or "a").lower() not in ("a", "one")
        strong = word not in ("half", "fourth", "second") and (
            counted or bool(re.match(r"\s+of\b", norm[m.end() :]))
        )
        alts = (float(denominator),) if not counted else ()
        out.add(text, m, round(numerator / denominator * 100, 4), "percent", strong=strong,
                alts=alts)  # fmt: skip


def _months_and_days(text: str, norm: str, out: _Collector) -> None:
    """ "February 2025", "Feb. 3", "in May" (= 5月); "on Monday" (= 周一, 星期一)."""
    for m in re.finditer(rf"\b({_MONTH_RE})\b\.?", norm):
        if m.group(1) == "May":
            near = norm[max(0, m.start() - 4) : m.end() + 5]
            if not re.search(r"\d", near) and not _MAY_CONTEXT.search(norm[: m.start()]):
                continue
        out.add(text, m, float(_MONTHS[m.group(1)]))
    for m in re.finditer(rf"\b({'|'.join(_WEEKDAYS)})s?\b", norm):
        out.add(text, m, float(_WEEKDAYS[m.group(1)]), "weekday")


def _ranges(text: str, norm: str, out: _Collector) -> None:
    """ "1997-98" is 1997 to 1998 (= 1997至1998): the second end is read in full."""
    for m in re.finditer(r"(?<![\w.])((?:1\d|20)\d\d)[-–/](\d\d)(?![\d\w])", norm):
        first = m.group(1)
        out.add_span(text, m.start(1), m.end(1), float(first))
        out.add_span(text, m.start(2), m.end(2), float(first[:2] + m.group(2)), alts=(
            float(m.group(2)),))  # fmt: skip


def _number_words(text: str, norm: str, out: _Collector) -> None:
    """Number words; "a thousand", "several hundred" and "thousands" are hyperbole or vague."""
    for run in re.finditer(_EN_WORDS, norm, re.IGNORECASE):
        for start, end, value, led_by_a in _word_numbers(run.group()):
            a, b = run.start() + start, run.start() + end
            before = norm[max(0, a - 12) : a].lower()
            vague = bool(_VAGUE.search(before))
            hyperbole = led_by_a and value >= 1000
            approx, more = _hedged(norm, a)
            strong = value >= 3 and not vague and not hyperbole
            step = _step_for(value) if more else (value * 9 if vague else 0.0)
            out.add_span(text, a, b, value, strong=strong, approx=approx, step=step)
