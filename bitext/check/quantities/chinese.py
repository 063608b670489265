"""Chinese quantities: 六成 = 60%, 1.5亿, 两个多小时, 十倍, 百分之四十, 三分之二, 2025年2月."""

from __future__ import annotations

import math
import re
from dataclasses import replace

from .common import (
    _CN_DIGIT,
    _CN_UNIT,
    _DIGITS,
    _FULLWIDTH,
    _STRUCTURE,
    Quantity,
    _cn_value,
    _Collector,
    _labels,
    _mask,
    _times,
)
from .units import ZH_HEIGHT, with_measures, zh_height
from .words import word_spans

_CN = r"[零〇一二两三四五六七八九十百千万亿]+(?:点[零〇一二三四五六七八九]+)?"
_ZH_NUM = rf"(?:(?:{_DIGITS})[十百千万亿]*|{_CN})"
#: words whose numeral characters are not numbers (十分 "very", 千万 "by all means", 一些 "some").
_ZH_IDIOMS = re.compile(
    r"一些|一样|一起|一直|一定|一般|一切|统一|唯一|一旦|一致|一方面|一边|一点|(?<!分)之一|一成不变"
    r"|(?<![零〇一二两三四五六七八九十百千万\d])十分(?![钟之])|千万(?=[不别要])|万一|万物|万万|一下|一再|一向|一同|不一|(?<![零〇一二两三四五六七八九十百千\d])万分(?!之)|百般|千方百计|三思|四处"
    r"|百姓|千古|万岁|五湖四海|七嘴八舌|乱七八糟|一心一意|三心二意|四面八方|千千万万"
    r"|千[米克瓦兆]|[几数][十百千万亿]+"
    # literary idioms jieba tags as numerals (m): 十万八千里 "a long way", 千年万载 "for ever",
    # 千层糕 "layer cake", 七成新 "fairly new", 十有八九 "most likely"
    r"|十万八千里|千年万载|千层|[一二三四五六七八九十]成新|十有[八九]"
)
#: measure words and units: a Chinese numeral followed by one of these is a real count (三个,
#: 十年, 五名), while a bare one is often part of a word or an idiom (四处, 百姓) and only helps.
_MEASURE = re.compile(
    r"[个年月日号天周岁次名位人种项家条章篇部本台所场届件份张只倍成%万亿千百元米秒分点层级代]"
    r"|小时|分钟|公里|美元|英里|世纪|季度"
)


def _step_for(value: float) -> float:
    """十多 covers 10-19, 三十多 30-39, 100多 100-199: one unit of the leading digit."""
    return float(10 ** math.floor(math.log10(value))) if value >= 10 else 1.0


#: hedges before or after an amount: 约3万, 近百人, 1500万左右
_HEDGE_BEFORE = re.compile(r"(?:约|大约|大概|近|将近|接近|逾|超过|不到|上下|左右|差不多)$")
_HEDGE_AFTER = re.compile(r"^(?:左右|上下|多|余)")
#: 星期三, 礼拜天, 周一 (but not 每周一次 "once a week")
_WEEKDAY = re.compile(r"(?:星期|礼拜|周)([一二三四五六日天])(?![次遍回个])")
_WEEKDAY_VALUE = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "日": 7, "天": 7}
#: 5千米, 3千瓦: the 千 is a unit prefix (masked as an idiom), so the amount may also be 3000
_KILO_UNIT = re.compile(r"\s*千[米克瓦]")
#: 十四五岁, 十七八个, 一二十件, 三四百, 五六岁: a range of two neighbouring digits
_RANGE = re.compile(
    r"(?<![零〇一二两三四五六七八九])((?:[一二三四五六七八九]?十)?)([一二三四五六七八九])"
    r"([一二三四五六七八九])([十百千万]?)(?![零〇一二三四五六七八九])"
)


#: 一千个, 一万个不服, 一万心眼子: a bare 一千/一万 is as often hyperbole as "a thousand" is
_HYPERBOLE = re.compile(
    r"(?<![\d零〇一二两三四五六七八九十百千万亿点.])一[千万](?![\d零〇一二两三四五六七八九十百千万亿点])"
)
#: 一分部署，九分落实; 三分天注定，七分靠打拼: shares of ten in a saying, not counts
_SHARES = re.compile(
    r"([一二三四五六七八九])分(?![钟之])[^，。；！？,;]{1,10}[，,；;]\s*([一二三四五六七八九])分(?![钟之])"
)
#: ordinals without 第: 十八届 (the 18th session), 党的十八大 (the 18th Congress); like 第十八届
_ORDINAL = re.compile(
    r"([零〇一二两三四五六七八九十百]+)(?=届)|(?<=党的|中共)([零〇一二三四五六七八九十]+)(?=大)"
)
#: upper bounds: 将近五十, 不到1300 (cf. "almost", "under")
_BELOW = re.compile(r"(?:将近|接近|近|不到|不足|差不多)$")
#: a span that dates a period: 三十多年来, 30年前, 改革开放40年以来
_DATING = re.compile(r"(?:多|余)?\s*年(?:多)?(?:来|以来|前|间)")
#: (25-220), （1881—1936）: a lifespan or dynasty's dates
_DATE_RANGE = re.compile(r"[(（](?:公元)?(\d{1,4})\s*[-–—~～至]+\s*(\d{1,4})年?[)）]")
#: 3K背景辐射, 5G网络, 3D打印: a number and one capital letter before a Chinese noun name a
#: thing (a measurement with its unit, 2TeV的, 7cm波, stays a number)
_LATIN_NAME = re.compile(r"(?<![\d.])\d+(?=[A-Z](?![A-Za-z])(?![的之地得])[\u4e00-\u9fff])")


def chinese_quantities(text: str) -> list[Quantity]:
    """Quantities in Chinese (or mixed) text, with spans into ``text``."""
    norm = _mask(_mask(text.translate(_FULLWIDTH), _ZH_IDIOMS), _STRUCTURE)
    out = _Collector()
    _labels(text, norm, out)
    _times(text, norm, out)
    out.add_dated_periods(text, norm, _DATE_RANGE)
    for m in ZH_HEIGHT.finditer(norm):  # 一米六零 = 1.60 m
        metres = zh_height(m.group(1), m.group(2))
        out.add(text, m, metres, measure=("length", "metric", metres))
    for m in _SHARES.finditer(norm):
        if _CN_DIGIT[m.group(1)] + _CN_DIGIT[m.group(2)] == 10:
            for group in (1, 2):
                out.add_span(text, m.start(group), m.end(group), float(_CN_DIGIT[m.group(group)]),
                             strong=False)  # fmt: skip
    for m in _HYPERBOLE.finditer(norm):
        out.add(text, m, _cn_value(m.group()), strong=False)
    for m in _ORDINAL.finditer(norm):
        group = 1 if m.group(1) else 2
        out.add_span(text, m.start(group), m.end(group), _cn_value(m.group(group)), strong=False)
    for m in _WEEKDAY.finditer(norm):
        out.add(text, m, float(_WEEKDAY_VALUE[m.group(1)]), "weekday")
    # 一九六几年 = the 1960s
    for m in re.finditer(r"([零〇一二三四五六七八九]{3})几(?=年)", norm):
        value = _cn_value(m.group(1))
        if value is not None:
            out.add(text, m, value * 10, step=10.0, alts=(value % 10 * 10,))
    # 一百多亿, 三十多万: "more than" before the scale
    for m in re.finditer(rf"({_ZH_NUM})(多|余)([万亿])", norm):
        value = _cn_value(m.group(1))
        scale = 1e4 if m.group(3) == "万" else 1e8
        if value:
            out.add(text, m, value * scale, step=_step_for(value) * scale, approx=True)
    _ranges(text, norm, out)
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
    for m in re.finditer(rf"({n})(个多|多|余|几|(?=年多))", norm):  # 35年多 = more than 35
        value = _cn_value(m.group(1))
        if value:
            step = 1.0 if m.group(2) in ("个多", "") else _step_for(value)
            out.add(
                text, m, value, strong=value >= 3 or bool(re.search(r"\d", m.group(1))), step=step
            )
    # 第三代, 第十八届: ordinals only help matching (like "third"); 第十一章 is a label above
    for m in re.finditer(rf"第\s*({n})", norm):
        out.add(text, m, _cn_value(m.group(1)), strong=False)
    for m in re.finditer(n, norm):
        token = m.group()
        if re.search(r"\d", token):
            kilo = _KILO_UNIT.match(text, m.end())
            value = _cn_value(token)
            alts = (value * 1000,) if kilo and value is not None else ()
            out.add(text, m, value, alts=alts, approx=_approx(norm, m, token))
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
    out.weaken(word_spans(text))
    # digits glued to Latin letters (TLR7, FOXP3, cm2, cos2πf0t) are names and units, as the
    # English reader also leaves them: they only help matching
    out.weaken([(m.start(), m.end()) for m in re.finditer(r"(?<=[A-Za-z])\d+(?:\.\d+)?", text)])
    out.weaken([m.span() for m in _LATIN_NAME.finditer(text)])
    return [_hedges(norm, q) for q in with_measures(text, out.result(), "zh")]


def _hedges(norm: str, q: Quantity) -> Quantity:
    """将近五十 is an upper bound; 三十多年来 dates a period."""
    if _BELOW.search(norm[max(0, q.start - 2) : q.start]):
        q = replace(q, below=True, approx=True)
    if q.kind == "number" and _DATING.match(norm, q.end):
        q = replace(q, dating=True)
    return q


def _approx(norm: str, m: re.Match[str], token: str) -> bool:
    """An amount in 万/亿 (rounded by nature) or with a hedge (约, 左右, 多) may be approximate."""
    return (
        bool(re.search(r"[万亿]", token))
        or bool(_HEDGE_BEFORE.search(norm[max(0, m.start() - 3) : m.start()]))
        or bool(_HEDGE_AFTER.match(norm[m.end() : m.end() + 2]))
    )


def _ranges(text: str, norm: str, out: _Collector) -> None:
    """十七八岁 = 17 to 18, 一二十 = 10 to 20, 三四百 = 300 to 400: one quantity covering both."""
    for m in _RANGE.finditer(norm):
        prefix, low, high, unit = m.groups()
        if _CN_DIGIT[high] != _CN_DIGIT[low] + 1 or (prefix and unit):
            continue
        if re.match(r"[十百千万亿]", norm[m.end() : m.end() + 1]) and not unit:
            continue  # 二三十 handled as tens below
        scale = float(_CN_UNIT.get(unit, 1))
        base = _cn_value(prefix) or 0.0 if prefix else 0.0
        first = base + _CN_DIGIT[low] * scale
        last = base + _CN_DIGIT[high] * scale
        out.add(text, m, first, step=(last - first) + scale / 2, approx=True, is_range=True)
