"""Quotation balance per sentence (bitext.align.textsignals): the evidence behind quote_diff."""

from __future__ import annotations

import numpy as np
import pytest

from bitext.align.textsignals import TextSignals, quote_balance


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


def test_signals_are_counted_per_sentence_and_sliced():
    signals = TextSignals.of(["“你好？", "再见！”", "Why?! 'No.'"])
    np.testing.assert_array_equal(signals.quotes, [1, -1, 0])
    np.testing.assert_array_equal(signals.questions, [1, 0, 1])
    np.testing.assert_array_equal(signals.exclamations, [0, 1, 1])
    np.testing.assert_array_equal(signals.slice(1, 3).quotes, [-1, 0])
