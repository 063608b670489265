"""What every pair of a run is aligned and checked with, and the hash that lets a re-run skip it.

``CorpusJob`` is small, frozen and picklable: dask ships it with each task. Its ``signature``
holds everything that changes an output's bytes (bitext's version, the encoder, every pipeline
option, the format, the lint setup) and nothing that does not (cache directory, worker count), so
``pair_hash`` — the inputs' bytes plus that signature — says whether an existing output is
still what this run would write.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from ..errors import UsageError
from ..options import PipelineOptions  # the one option set of every aligning command
from .settings import MAX_PAIR_BYTES

#: ``--format`` -> suffix of each pair's output (links as in the gold sets: NNN.align).
FORMAT_SUFFIX = {"links": ".align", "jsonl": ".jsonl", "tsv": ".tsv", "tmx": ".tmx"}
#: ``--merge FILE`` suffix -> the format each pair contributes to it.
MERGE_FORMATS = {".tmx": "tmx", ".jsonl": "jsonl"}
#: the lint findings of each pair sit next to its output under this suffix.
LINT_SUFFIX = ".lint.json"


@dataclass(frozen=True)
class LintSpec:
    """How to lint each pair; loaded (and validated) once per process from these names."""

    config: str | None = None
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] | None = None
    glossaries: tuple[str, ...] = ()
    #: glossary digests, so that editing a glossary invalidates the outputs it checked
    digests: tuple[str, ...] = ()


@dataclass(frozen=True)
class CorpusJob:
    """Everything a worker needs to turn one pair into its outputs."""

    options: PipelineOptions = field(default_factory=PipelineOptions)
    fmt: str = "tsv"
    merge_fmt: str | None = None
    lint: LintSpec | None = None
    #: also compute the per-pair term counts of the corpus term report
    terms: bool = False
    max_bytes: int = MAX_PAIR_BYTES

    def __post_init__(self) -> None:
        if self.fmt not in FORMAT_SUFFIX:
            raise UsageError(
                f"--format must be one of {', '.join(FORMAT_SUFFIX)}, not {self.fmt!r}"
            )

    @property
    def suffix(self) -> str:
        return FORMAT_SUFFIX[self.fmt]

    def signature(self) -> dict[str, Any]:
        """What decides an output's bytes (no cache directory, no worker count)."""
        from ..version import __version__

        options = {
            k: v for k, v in self.options.as_dict().items() if k not in ("cache_dir", "use_cache")
        }
        return {
            "version": __version__,
            "options": options,
            "format": self.fmt,
            "merge": self.merge_fmt,
            "lint": asdict(self.lint) if self.lint else None,
            "terms": self.terms,
        }

    def key(self) -> str:
        """A short stable id of the job, cache options included (names its worker plugin)."""
        record = {**self.signature(), "cache": [self.options.cache_dir, self.options.use_cache]}
        return _digest(json.dumps(record, sort_keys=True).encode())[:16]


def pair_hash(src: str | Path, tgt: str | Path, job: CorpusJob) -> str:
    """sha256 of both paths and files' bytes and the job signature. Raises ``OSError``."""
    h = hashlib.sha256()
    for path in (src, tgt):
        h.update(str(path).encode("utf-8", "surrogatepass") + b"\0")
        h.update(Path(path).read_bytes())
        h.update(b"\0")
    h.update(json.dumps(job.signature(), sort_keys=True).encode())
    return "sha256:" + h.hexdigest()


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
