"""Small corpora for the corpus-mode tests, written from our own example article and texts.

``article_corpus`` cuts examples/article.{en,zh}.txt into one document pair per paragraph (two
paragraphs per document, some in a subfolder); ``term_corpus`` is three short pairs where
"reward hacking" is rendered 奖励黑客 in two documents and 奖励破解 in the third.
"""

from __future__ import annotations

from pathlib import Path

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"

TERM_DOCS = {
    "a": (
        "Reward hacking is a problem for every lab.\n"
        "The team studied reward hacking in small models.\n"
        "Their report explains how reward hacking appears during training.\n"
        "The weather was cold in the city that week.\n",
        "奖励黑客是每个实验室都面临的问题。\n团队研究了小模型中的奖励黑客。\n"
        "他们的报告解释了奖励黑客如何在训练中出现。\n那一周城里的天气很冷。\n",
    ),
    "b": (
        "Engineers met to discuss reward hacking last spring.\n"
        "They agreed that reward hacking is hard to measure.\n"
        "A new benchmark tests reward hacking directly.\n"
        "Lunch was served in the garden.\n",
        "去年春天，工程师们开会讨论了奖励黑客。\n他们一致认为奖励黑客很难衡量。\n"
        "一个新的基准直接测试奖励黑客。\n午餐在花园里供应。\n",
    ),
    "c": (
        "Reward hacking worries the safety community.\n"
        "Some researchers think reward hacking will get worse.\n"
        "Others say reward hacking can be fixed with better tests.\n"
        "The meeting ended early.\n",
        "奖励破解让安全社区感到担忧。\n一些研究人员认为奖励破解会变得更糟。\n"
        "另一些人说，更好的测试可以解决奖励破解。\n会议提前结束了。\n",
    ),
}


def article_corpus(root: Path, documents: int = 5) -> tuple[Path, Path]:
    """``root/en`` and ``root/zh`` with ``documents`` pairs (doc0.txt, part2/doc2.txt, ...)."""
    en = (EXAMPLES / "article.en.txt").read_text(encoding="utf-8").split("\n\n")
    zh = (EXAMPLES / "article.zh.txt").read_text(encoding="utf-8").split("\n\n")
    for n in range(documents):
        i = (2 * n) % len(en)
        name = f"doc{n}.txt" if n % 2 == 0 else f"part{n}/doc{n}.txt"
        for side, paras in (("en", en), ("zh", zh)):
            path = root / side / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(paras[i].strip() + "\n\n" + paras[i + 1].strip() + "\n", "utf-8")
    return root / "en", root / "zh"


def term_corpus(root: Path) -> tuple[Path, Path]:
    for name, (en, zh) in TERM_DOCS.items():
        for side, text in (("en", en), ("zh", zh)):
            (root / side).mkdir(parents=True, exist_ok=True)
            (root / side / f"{name}.txt").write_text(text, encoding="utf-8")
    return root / "en", root / "zh"
