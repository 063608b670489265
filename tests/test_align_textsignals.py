"""Per-sentence text signals (bitext.align.textsignals): the evidence behind quote_diff and
anaphor_diff."""

from __future__ import annotations

import numpy as np
import pytest

from bitext.align.textsignals import TextSignals, quote_balance, starts_with_anaphor


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("小玄子道：“很好！”", 0),
        ("小玄子一怔，道：“好，咱们打个彩头。", 1),
        ("明天我带银子来，中午时分，在这里再打过。”", -1),
        ("'I can see you've never done any wrestling,' laughed Misty.", 0),
        ("'But you're a quick mover all the same!", 1),
        ("A few more goes and I'd have had you, though—'", -1),
        ("Trinket recalled Whiskers' fight with the seven wrestlers.", 0),  # possessive
        ("this was only 'play-fighting' and not in earnest", 0),
        ("“Come here,” she said.", 0),
        ("「好」他說。『走吧", 1),
    ],
)
def test_quote_balance(text, expected):
    assert quote_balance(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("This is the paramount reality.", True),
        ("It requires teamwork.", True),
        ("“Such things happen,” she said.", True),  # after an opening quote
        ("(Which is why we left.)", True),
        ("these rules apply to all.", True),
        ("这是当代中国的最大国情。", True),
        ("此举意义重大。", True),
        ("其中三个已经完成。", True),
        ("“那你明天再来吧。”", True),
        ("Italy is far away.", False),  # "It" inside a word
        ("Thesis statements come first.", False),
        ("He likes tea.", False),  # personal pronouns: Chinese often drops them
        ("他喜欢喝茶。", False),
        ("此外，我们还要加强监督。", False),  # besides
        ("其实他早就知道了。", False),  # in fact
        ("其他国家也一样。", False),  # other
        ("那么，我们怎么办？", False),  # then
        ("We must act.", False),
        ("我们必须行动。", False),
    ],
)
def test_starts_with_anaphor(text, expected):
    assert starts_with_anaphor(text) is expected


def test_signals_are_counted_per_sentence_and_sliced():
    signals = TextSignals.of(["“你好？", "再见！”", "Why?! 'No.'", "这是真的。"])
    np.testing.assert_array_equal(signals.quotes, [1, -1, 0, 0])
    np.testing.assert_array_equal(signals.questions, [1, 0, 1, 0])
    np.testing.assert_array_equal(signals.exclamations, [0, 1, 1, 0])
    np.testing.assert_array_equal(signals.anaphors, [0, 0, 0, 1])
    np.testing.assert_array_equal(signals.slice(1, 3).quotes, [-1, 0])
    np.testing.assert_array_equal(signals.slice(2, 4).anaphors, [0, 1])
