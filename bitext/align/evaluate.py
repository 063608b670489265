"""Read and write the ``[i,j]:[k]`` links format and score a test alignment against gold.

The format is the one Vecalign and Bertalign read and write, and the one of the gold sets in
``../shared/data``: one link per line, 0-based sentence indices, ``[]`` for an empty side.

Scoring follows the definition used by Vecalign/Bertalign's evaluation (written from the
definition, not from their code):

* **precision** looks at every test link whose two sides are not both empty; a *strict* hit is a
  test link that is identical to a gold link, a *lax* hit is a strict hit or a test link that
  shares at least one source sentence and one target sentence with some gold link (so a test 1-0
  link that is not in the gold is a lax miss: it shares no target sentence with anything).
* **recall** counts the same way, but over the gold links that have *both* sides non-empty,
  looked up among the test links: omissions and additions in the gold never lower recall.
* counts are summed over all documents before dividing (micro average); 0/0 gives 0.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from ..errors import InputError
from .model import Alignment, Link

#: one link per line: ``[1,2]:[3]``, ``[]:[4]``, ``[5]:[]``; spaces are tolerated.
_LINE = re.compile(r"^\s*\[\s*([0-9,\s]*)\]\s*:\s*\[\s*([0-9,\s]*)\]\s*$")

LinkPair = tuple[tuple[int, ...], tuple[int, ...]]


def _indices(text: str) -> tuple[int, ...]:
    parts = [p.strip() for p in text.split(",")]
    if parts == [""]:
        return ()
    if any(not p.isdigit() for p in parts):
        raise ValueError(text)
    return tuple(int(p) for p in parts)


def parse_links(text: str, source: str = "<string>") -> list[LinkPair]:
    """Parse the links format; blank lines are skipped. Raises InputError naming file:line."""
    links: list[LinkPair] = []
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        match = _LINE.match(line)
        try:
            if match is None:
                raise ValueError(line)
            links.append((_indices(match.group(1)), _indices(match.group(2))))
        except ValueError:
            shown = line.strip()[:60]
            raise InputError(
                f"{source}:{lineno}: not an alignment link like [0,1]:[2] (got {shown!r})"
            ) from None
    return links


def read_links(path: str | Path) -> list[LinkPair]:
    """Read one ``NNN.align`` file."""
    path = Path(path)
    if not path.exists():
        raise InputError(f"{path}: no such file")
    if path.is_dir():
        raise InputError(f"{path}: is a directory, expected an .align file")
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(f"{path}: not a UTF-8 text file of alignment links") from None
    return parse_links(text, str(path))


def _pairs(links: Iterable[Link | LinkPair]) -> list[LinkPair]:
    out = []
    for link in links:
        if isinstance(link, Link):
            out.append((tuple(link.src), tuple(link.tgt)))
        else:
            out.append((tuple(link[0]), tuple(link[1])))
    return out


def format_links(alignment: Alignment | Iterable[Link | LinkPair]) -> str:
    """The links format, one ``[i,j]:[k]`` line per link, newline-terminated."""
    links = alignment.links if isinstance(alignment, Alignment) else alignment
    lines = [f"[{','.join(map(str, s))}]:[{','.join(map(str, t))}]" for s, t in _pairs(links)]
    return "".join(line + "\n" for line in lines)


@dataclass(frozen=True)
class Scores:
    """Strict and lax precision/recall/F1 with the counts they come from."""

    strict_precision: float
    strict_recall: float
    strict_f1: float
    lax_precision: float
    lax_recall: float
    lax_f1: float
    #: test links counted for precision; strict and lax hits among them
    test_links: int
    test_strict_hits: int
    test_lax_hits: int
    #: gold links counted for recall (both sides non-empty); strict and lax hits among them
    gold_links: int
    gold_strict_hits: int
    gold_lax_hits: int
    documents: int = 1

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def _hits(candidates: Sequence[LinkPair], reference: Sequence[LinkPair]) -> tuple[int, int, int]:
    """(counted, strict hits, lax hits) of ``candidates`` looked up in ``reference``."""
    exact = set(reference)
    src_to_tgts: dict[int, set[int]] = {}
    for src, tgt in reference:
        for i in src:
            src_to_tgts.setdefault(i, set()).update(tgt)
    counted = strict = lax = 0
    for src, tgt in candidates:
        counted += 1
        if (src, tgt) in exact:
            strict += 1
            lax += 1
            continue
        reachable: set[int] = set()
        for i in src:
            reachable |= src_to_tgts.get(i, set())
        if reachable.intersection(tgt):
            lax += 1
    return counted, strict, lax


def _ratio(num: int, den: int) -> float:
    return num / den if den else 0.0


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def score_many(pairs: Iterable[tuple[Iterable[Any], Iterable[Any]]]) -> Scores:
    """Score several (gold, test) documents together (counts summed, then divided)."""
    tc = ts = tl = gc = gs = gl = docs = 0
    for gold_links, test_links in pairs:
        gold = _pairs(gold_links)
        test = _pairs(test_links)
        docs += 1
        test_counted = [(s, t) for s, t in test if s or t]
        gold_counted = [(s, t) for s, t in gold if s and t]
        c, s, lx = _hits(test_counted, gold)
        tc, ts, tl = tc + c, ts + s, tl + lx
        c, s, lx = _hits(gold_counted, test)
        gc, gs, gl = gc + c, gs + s, gl + lx
    sp, sr = _ratio(ts, tc), _ratio(gs, gc)
    lp, lr = _ratio(tl, tc), _ratio(gl, gc)
    return Scores(
        strict_precision=sp,
        strict_recall=sr,
        strict_f1=_f1(sp, sr),
        lax_precision=lp,
        lax_recall=lr,
        lax_f1=_f1(lp, lr),
        test_links=tc,
        test_strict_hits=ts,
        test_lax_hits=tl,
        gold_links=gc,
        gold_strict_hits=gs,
        gold_lax_hits=gl,
        documents=docs,
    )


def score(gold: Iterable[Any], test: Iterable[Any] | Alignment) -> Scores:
    """Score one test alignment (links, pairs or an Alignment) against one gold alignment."""
    test_links = test.links if isinstance(test, Alignment) else test
    return score_many([(gold, test_links)])


def _align_files(path: Path) -> dict[str, Path]:
    return {p.name: p for p in sorted(path.glob("*.align")) if p.is_file()}


def score_paths(gold: str | Path, test: str | Path) -> Scores:
    """Score two ``.align`` files, or two directories of ``NNN.align`` files matched by name."""
    gold, test = Path(gold), Path(test)
    for p in (gold, test):
        if not p.exists():
            raise InputError(f"{p}: no such file or directory")
    if gold.is_dir() != test.is_dir():
        raise InputError(f"{gold} and {test}: give two .align files or two directories")
    if not gold.is_dir():
        return score_many([(read_links(gold), read_links(test))])
    gold_files, test_files = _align_files(gold), _align_files(test)
    if not gold_files:
        raise InputError(f"{gold}: no .align files in this directory")
    missing = sorted(set(gold_files) - set(test_files))
    if missing:
        raise InputError(f"{test}: missing {', '.join(missing[:5])} (present in {gold})")
    extra = sorted(set(test_files) - set(gold_files))
    if extra:
        raise InputError(f"{test}: {', '.join(extra[:5])} has no gold file in {gold}")
    return score_many(
        (read_links(gold_files[n]), read_links(test_files[n])) for n in sorted(gold_files)
    )
