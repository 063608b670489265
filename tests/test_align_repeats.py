"""Which sentences count as the first copy of text pasted twice (``bitext.align.repeats``)."""

from __future__ import annotations

from bitext.align.repeats import first_copies


def test_first_copies_marks_runs_repeated_at_once():
    texts = [
        "A heading of some length",
        "June 6, 2014",
        "A heading of some  length",
        "June 6, 2014",
        "Body.",
    ]
    assert first_copies(texts, 20).tolist() == [True, True, False, False, False]
    assert not first_copies(texts, 100).any()  # shorter than asked
    assert not first_copies(["Yes.", "Yes.", "No."], 20).any()
    assert not first_copies(
        ["A long enough sentence here.", "x", "A long enough sentence here."], 5
    ).any()
