"""Options shared by several commands, declared once so their names, help and defaults never drift.

The pipeline options (``--src-lang`` … ``--no-cache``) are one ``PipelineOptions`` in the
library; ``@pipeline_options`` adds one typer option per field to a command and hands the
command a ready ``pipeline=PipelineOptions(...)``. ``@check_options`` does the same for
``--glossary``, ``--config`` and ``--isolated``. Ranges and choices are read from the library's
constants (sacrebleu's habit).
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import typer

from ..align.params import DEFAULT_MAX_ALIGN, DEFAULT_WIDEN, MAX_ALIGN_RANGE
from ..model_names import DEFAULT_MODEL
from ..options import LAYOUT_CHOICES, WIDEN_RANGE, PipelineOptions

OutputOpt = typer.Option(
    None, "-o", "--output", help="Write to this file instead of stdout.", dir_okay=False
)
ForceOpt = typer.Option(False, "--force", help="Overwrite the --output file if it exists.")

_PIPELINE = "Pipeline"
_CHECKS = "Checks"

#: (parameter name, type, typer option) for each ``PipelineOptions`` field, in --help order.
PIPELINE_PARAMETERS: tuple[tuple[str, Any, Any], ...] = (
    ("src_lang", str | None, typer.Option(
        None, "--src-lang", metavar="en|zh", rich_help_panel=_PIPELINE,
        help="Language of the source (default: read from the text). The first file is always "
        "the source; a language that contradicts the text is an error.")),
    ("tgt_lang", str | None, typer.Option(
        None, "--tgt-lang", metavar="en|zh", rich_help_panel=_PIPELINE,
        help="Language of the translation (default: read from the text).")),
    ("presplit", bool, typer.Option(
        False, "--presplit", rich_help_panel=_PIPELINE,
        help="Take each line as one sentence (the form of gold data).")),
    ("layout", str, typer.Option(
        "auto", "--layout", rich_help_panel=_PIPELINE,
        help=f"Layout of one bilingual file: {' | '.join(LAYOUT_CHOICES)}.")),
    ("max_align", int, typer.Option(
        DEFAULT_MAX_ALIGN, "--max-align", min=MAX_ALIGN_RANGE[0], max=MAX_ALIGN_RANGE[1],
        rich_help_panel=_PIPELINE, help="Most sentences in one link side, searched everywhere.")),
    ("widen", int, typer.Option(
        DEFAULT_WIDEN, "--widen", min=WIDEN_RANGE[0], max=WIDEN_RANGE[1],
        rich_help_panel=_PIPELINE,
        help="Next to links of --max-align or one less, also try one sentence against up to "
        "this many more (a list sentence rendered as many); 0 makes --max-align a hard limit.")),
    ("split_semicolon", bool, typer.Option(
        False, "--split-semicolon", rich_help_panel=_PIPELINE,
        help="Also end sentences at semicolons.")),
    ("encoding", str | None, typer.Option(
        None, "--encoding", rich_help_panel=_PIPELINE,
        help="Force the input encoding (default: detect UTF-8/UTF-16/GB18030).")),
    ("model", str | None, typer.Option(
        None, "--model", envvar="BITEXT_MODEL", rich_help_panel=_PIPELINE,
        help=f"Encoder: '{DEFAULT_MODEL}' (built-in, offline) or 'st:MODEL' "
        "(sentence-transformers).")),
    ("cache_dir", Path | None, typer.Option(
        None, "--cache-dir", envvar="BITEXT_CACHE_DIR", rich_help_panel=_PIPELINE,
        help="Embedding cache directory.")),
    ("no_cache", bool, typer.Option(
        False, "--no-cache", rich_help_panel=_PIPELINE,
        help="Do not read or write the embedding cache.")),
)  # fmt: skip

CHECK_PARAMETERS: tuple[tuple[str, Any, Any], ...] = (
    ("glossary", list[str] | None, typer.Option(
        None, "--glossary", "-g", rich_help_panel=_CHECKS,
        help="Glossary YAML file or shipped glossary name (repeatable), e.g. -g ai-safety.")),
    ("config", Path | None, typer.Option(
        None, "--config", rich_help_panel=_CHECKS,
        help="Config file (default: .bitext.toml or pyproject.toml \\[tool.bitext], upwards "
        "from the first input).")),
    ("isolated", bool, typer.Option(
        False, "--isolated", rich_help_panel=_CHECKS,
        help="Ignore every config file.")),
)  # fmt: skip

_BY_NAME = {name: option for name, _, option in (*PIPELINE_PARAMETERS, *CHECK_PARAMETERS)}
#: single options for commands that take one or two of them (``split``, ``cache``)
EncodingOpt = _BY_NAME["encoding"]
CacheDirOpt = _BY_NAME["cache_dir"]
ModelOpt = _BY_NAME["model"]
NoCacheOpt = _BY_NAME["no_cache"]
GlossaryOpt = _BY_NAME["glossary"]

F = TypeVar("F", bound=Callable[..., Any])


def _add_parameters(
    func: Callable[..., Any],
    extra: tuple[tuple[str, Any, Any], ...],
    collect: Callable[[dict[str, Any]], dict[str, Any]],
) -> Callable[..., Any]:
    """``func`` with ``extra`` typer parameters appended; ``collect`` turns their values into
    the keyword arguments ``func`` really takes."""
    signature = inspect.signature(func, eval_str=True)
    own = [p for p in signature.parameters.values() if p.name not in ("pipeline", "checks")]
    added = [
        inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=option, annotation=kind)
        for name, kind, option in extra
    ]
    names = [name for name, _, _ in extra]

    @functools.wraps(func)
    def command(*args: Any, **kwargs: Any) -> Any:
        values = {name: kwargs.pop(name) for name in names if name in kwargs}
        kwargs.update(collect(values))
        return func(*args, **kwargs)

    params = [
        p.replace(kind=inspect.Parameter.KEYWORD_ONLY)
        if p.kind is inspect.Parameter.POSITIONAL_OR_KEYWORD
        else p
        for p in own
    ]
    command.__signature__ = signature.replace(parameters=[*params, *added])  # type: ignore[attr-defined]
    command.__annotations__ = {p.name: p.annotation for p in [*own, *added]}
    if signature.return_annotation is not inspect.Signature.empty:
        command.__annotations__["return"] = signature.return_annotation
    del command.__wrapped__  # typer must read the signature above, not the function's own
    return command


def pipeline_options(func: F) -> F:
    """Add every pipeline option to a command; it receives ``pipeline: PipelineOptions``."""

    def collect(values: dict[str, Any]) -> dict[str, Any]:
        no_cache = values.pop("no_cache", False)
        cache_dir = values.pop("cache_dir", None)
        options = PipelineOptions(
            **values, cache_dir=str(cache_dir) if cache_dir else None, use_cache=not no_cache
        )
        return {"pipeline": options}

    return _add_parameters(func, PIPELINE_PARAMETERS, collect)  # type: ignore[return-value]


def check_options(func: F) -> F:
    """Add ``--glossary``, ``--config`` and ``--isolated``; the command receives
    ``checks: CheckChoice``."""
    return _add_parameters(func, CHECK_PARAMETERS, _collect_checks)  # type: ignore[return-value]


def config_options(func: F) -> F:
    """Add ``--config`` and ``--isolated`` only (a command that reads config but no glossary)."""
    return _add_parameters(func, CHECK_PARAMETERS[1:], _collect_checks)  # type: ignore[return-value]


def _collect_checks(values: dict[str, Any]) -> dict[str, Any]:
    glossaries = tuple(values.get("glossary") or ())
    choice = CheckChoice(glossaries, values.get("config"), bool(values.get("isolated")))
    return {"checks": choice}


@dataclass(frozen=True)
class CheckChoice:
    """What the user chose for glossaries and config (``@check_options``)."""

    glossaries: tuple[str, ...] = ()
    config: Path | None = None
    isolated: bool = False


__all__ = [
    "CHECK_PARAMETERS",
    "PIPELINE_PARAMETERS",
    "CacheDirOpt",
    "CheckChoice",
    "EncodingOpt",
    "ForceOpt",
    "GlossaryOpt",
    "ModelOpt",
    "NoCacheOpt",
    "OutputOpt",
    "check_options",
    "config_options",
    "pipeline_options",
    "rule_ids",
]


def rule_ids(value: str | None) -> list[str] | None:
    """``--select``/``--ignore`` as a list of comma-separated ids, blanks dropped (None: not
    given)."""
    if value is None:
        return None
    return [part.strip() for part in value.split(",") if part.strip()]
