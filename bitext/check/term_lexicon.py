"""Word lists and word tools that term discovery shares: stopwords, jieba, wordfreq, plurals.

Our own short lists (function words of both languages, generic Chinese nouns that are never a
glossary entry, personal titles), a private jieba tokenizer (the global one and the glossary
matcher's stay untouched), and the English key that groups a plural with its singular.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from functools import cache, lru_cache
from typing import Any

_EN_STOPWORD_TEXT = """
a about above across after again against all almost along already also although always am among
an and another any anyone anything are around as at away back be because become becomes been
before being below besides between both but by can cannot could did do does doing done down
during each either else enough even ever every everyone everything few for from further had has
have having he her here hers herself him himself his how however i if in into is it its itself
just least less let like many may me might mine more most much must my myself neither never no
none nor not nothing now of off often on once one only onto or other others otherwise our ours
ourselves out over own per perhaps quite rather same shall she should since so some someone
something sometimes somewhat still such than that the their theirs them themselves then there
therefore these they this those though through thus to together too toward towards under unless
until up upon us very was we well were what whatever when whenever where whether which while who
whoever whole whom whose why will with within without would yet you your yours yourself
new first last next several said says say make made makes use used using get gets got way ways
thing things many much lot lots kind sort part time times year years day days also really even
obvious clear certain likely possible important different good bad great small large big little
long short high low old young true false real right left able own sure best better worse worst
whole full same other such general particular various necessary difficult easy hard simple
mr mrs ms dr prof yes oh ah thou thee thy thine hath doth unto shalt wilt art hast
"""
#: English function words and everyday adjectives/adverbs that are never a term on their own or
#: at the edge of a phrase ("always obvious", "the next").
EN_STOPWORDS = frozenset(_EN_STOPWORD_TEXT.split())

#: personal titles that belong to a name as written (Dr Karpathy), never a name alone.
TITLES = frozenset({"Dr", "Mr", "Mrs", "Ms", "Prof", "Professor", "Sir", "Dame", "Lord", "Lady"})

_ZH_FUNCTION_TEXT = """
的 了 是 在 和 与 对 将 把 被 也 都 就 而 及 或 其 这 那 个 一 为 中 上 下 等 之 以 从 到
向 于 着 过
他 她 它 我 你 您 们 我们 他们 她们 它们 你们 自己 这个 那个 这些 那些 这样 那样 这种 那种 一个
一种 一些 就是 还是 但是 可是 因为 所以 如果 虽然 而且 并且 以及 或者 已经 正在 非常 十分 很 最
更 又 再 还 只 才 却 便 即 则 乃 所 之后 之前 以后 以前 时 里 地 得 吗 呢 吧 啊 呀 么 什么 怎么
没有 不 没 有 要 会 能 可以 应该 可能 让 使 给 用 说 看 做 去 来 得到 进行 通过 按照 根据 关于
对于 由于 至于 以及 然后 如此 那么 这么 每 各 该 此 本 某 其他 其中 之中 当 并 且
"""
#: Chinese function words: a rendering candidate never starts or ends with one.
ZH_FUNCTION_WORDS = frozenset(_ZH_FUNCTION_TEXT.split())

_ZH_GENERIC_TEXT = """
时候 东西 事情 地方 方面 情况 问题 样子 时间 人们 大家 一切 部分 结果 原因 方式 过程 意思 办法
目的 关系 作用 条件 基础 程度 范围 内容 形式 水平 能力 地位 标准 任务 工作 方法 手段 左右 前后
上下 之间 以来 当中 当时 现在 今天 明天 昨天 以后 开始 时期 阶段 年代 日子 一天 今后 这里 那里
哪里 这儿 那儿 身上 心里 手里 眼里 面前 后来 原来 本来 自然 一样 同样 一般 一定
"""
#: Chinese nouns too generic to be a glossary entry (时候, 东西, 方面).
ZH_GENERIC_NOUNS = frozenset(_ZH_GENERIC_TEXT.split())
#: single characters that are terms all the same (党 the Party, 国 a state).
ZH_SINGLE_CHAR_TERMS = frozenset("党国")


def english_key(word: str) -> str:
    """A lower-case word with a plural ending taken off, so model and models group together."""
    word = word.lower()
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 4 and word.endswith(("ches", "shes", "sses", "xes")):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is", "'s")):
        return word[:-1]
    return word


@lru_cache(maxsize=16384)
def english_stem(word: str) -> str:
    """Porter's stem of a lower-cased word without its possessive (nltk's stemmer needs no data)."""
    from nltk.stem import PorterStemmer

    word = re.sub(r"['’]s?$", "", word.lower())
    return _porter(PorterStemmer).stem(word) if word else word


@cache
def _porter(cls: Any) -> Any:
    return cls()


@lru_cache(maxsize=16384)
def zipf(word: str) -> float:
    """wordfreq's zipf frequency of an English word (0 when it has never seen it)."""
    from wordfreq import zipf_frequency

    return float(zipf_frequency(word, "en"))


_jieba_lock = threading.Lock()


@cache
def _tokenizer() -> Any:
    """A private jieba tokenizer whose cache lives under bitext's cache directory."""
    from ..jieba_setup import private_tokenizer

    return private_tokenizer()


@cache
def _pos_tokenizer() -> Any:
    from ..jieba_setup import pos_tokenizer

    return pos_tokenizer(_tokenizer())


def jieba_words(text: str, pos: bool = False) -> Iterator[Any]:
    """jieba's words of ``text`` (``(word, flag)`` pairs with ``pos``); they join to ``text``."""
    with _jieba_lock:
        if pos:
            items: list[Any] = [(w.word, w.flag) for w in _pos_tokenizer().cut(text)]
        else:
            items = list(_tokenizer().cut(text))
    return iter(items)
