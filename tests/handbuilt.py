"""Hand-built aligned documents for rule and reporter tests (no encoder, exact spans).

Each pair is ``(source, target, score)``; ``None`` on a side makes a 1-0 or 0-1 link. Each
sentence is its own line, so a finding's line number is easy to predict.
"""

from __future__ import annotations

from collections.abc import Sequence

from bitext.align.model import Alignment, Link
from bitext.document import Document
from bitext.pipeline import AlignedDocuments

Pair = tuple[str | None, str | None, float]


def aligned(
    pairs: Sequence[Pair],
    src_path: str = "article.en.md",
    tgt_path: str = "article.zh.md",
    src_lang: str = "en",
    tgt_lang: str = "zh",
) -> AlignedDocuments:
    src_sents: list[str] = []
    tgt_sents: list[str] = []
    links = []
    for source, target, score in pairs:
        s: tuple[int, ...] = ()
        t: tuple[int, ...] = ()
        if source is not None:
            s = (len(src_sents),)
            src_sents.append(source)
        if target is not None:
            t = (len(tgt_sents),)
            tgt_sents.append(target)
        links.append(Link(s, t, score))
    src = Document.from_sentences(src_sents, src_lang, src_path)
    tgt = Document.from_sentences(tgt_sents, tgt_lang, tgt_path)
    alignment = Alignment(
        tuple(links), src.segments, tgt.segments, signature={"encoder": "hand-built"}
    )
    return AlignedDocuments(src, tgt, alignment)


#: a short, realistic article pair used across tests: clean unless a test breaks it.
CLEAN = [
    ("Large language models are trained on text from the internet.",
     "大型语言模型使用互联网上的文本进行训练。", 0.82),
    ("Researchers worry that such systems may learn to deceive their overseers.",
     "研究人员担心，这类系统可能学会欺骗监督者。", 0.79),
    ("Interpretability aims to explain what happens inside a neural network.",
     "可解释性研究旨在解释神经网络内部发生了什么。", 0.84),
    ("The survey covered 1,200 engineers in 2025.",
     "这项调查在2025年覆盖了1200名工程师。", 0.81),
    ("Sixty percent of them said alignment was their top priority.",
     "其中六成表示对齐是他们的首要任务。", 0.78),
    ("The budget grew tenfold to 1.5 billion dollars.",
     "预算增长了十倍，达到15亿美元。", 0.80),
    ("Training the model took more than two hours.",
     "训练这个模型花了两个多小时。", 0.83),
    ("The report was published in February 2025.",
     "该报告于2025年2月发布。", 0.85),
    ("Most users never read the documentation.",
     "大多数用户从不阅读文档。", 0.80),
    ("Safety evaluations now happen before every release.",
     "现在每次发布之前都会进行安全评估。", 0.81),
]  # fmt: skip
