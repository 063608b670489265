"""Lint configuration: ``[tool.bitext]`` in ``pyproject.toml`` or a ``.bitext.toml``.

Found by walking up from the first input (like ruff and black), or named with ``--config``.
Every key is checked before any text is read; an unknown key is a ``ConfigError`` naming the
file and the key, because a silently ignored typo is a rule the user thinks is on.

```toml
[tool.bitext]                 # in .bitext.toml: the same keys at top level
glossaries = ["ai-safety", "docs/terms.yaml"]   # paths are relative to this file
model = "use-multilingual"
select = ["omission", "number-mismatch", "term"]  # ids, or a prefix before "-"
ignore = ["en-hygiene"]
fail-on = "warning"           # error | warning | info | never
cjk-spacing = "one"           # none | one | off

[tool.bitext.severity]
addition = "error"

[tool.bitext.rules.low-similarity]
z-threshold = 3.0
```
"""

from __future__ import annotations

import os
import stat
import sys
import warnings
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .check.finding import Severity
from .check.rules.base import RULES
from .errors import BitextWarning, ConfigError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

CONFIG_NAMES = (".bitext.toml", "pyproject.toml")
FAIL_ON = ("error", "warning", "info", "never")
DEFAULT_FAIL_ON = "error"
KEYS = ("glossaries", "model", "select", "ignore", "severity", "rules", "fail-on", "cjk-spacing")


@dataclass(frozen=True)
class LintConfig:
    """A validated configuration. ``select=None`` means every registered rule."""

    path: str | None = None
    glossaries: tuple[str, ...] = ()
    model: str | None = None
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    severity: Mapping[str, str] = field(default_factory=dict)
    #: rule id -> options, option names with "_" (config files may write "-")
    rules: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    fail_on: str = DEFAULT_FAIL_ON
    cjk_spacing: str | None = None


def find_config(start: str | Path) -> Path | None:
    """The nearest ``.bitext.toml``, or ``pyproject.toml`` with ``[tool.bitext]``, upwards."""
    here = Path(start).resolve()
    if not here.is_dir():
        here = here.parent
    for folder in (here, *here.parents):
        candidate = folder / ".bitext.toml"
        if candidate.is_file():
            return candidate
        candidate = folder / "pyproject.toml"
        if candidate.is_file() and "bitext" in _tool_table(_read_toml(candidate), candidate):
            return candidate
    return None


def _tool_table(data: Mapping[str, Any], path: Path) -> Mapping[str, Any]:
    """``[tool]`` of a TOML file; ``tool = 5`` or ``tool = "bitext"`` is a ConfigError."""
    tool = data.get("tool", {})
    if not isinstance(tool, dict):
        kinds = {bool: "true/false", int: "a number", float: "a number", str: "a string"}
        kind = kinds.get(type(tool), "a list" if isinstance(tool, list) else "a value")
        raise ConfigError(f"{path}: 'tool' must be a table ([tool.NAME] sections), not {kind}")
    return tool


class ConfigPermissionWarning(BitextWarning):
    """A config file in use that someone else could have written."""


def unsafe_config_warning(path: str | Path) -> str | None:
    """A warning when ``path`` is owned by another user and group- or world-writable.

    A ``.bitext.toml`` found in a parent folder (``/tmp``, a shared checkout) silently sets
    ``fail-on`` and ``ignore``; if another account owns it and others may write to it, the
    settings may be nobody's choice. None when the file is ours, or writable by its owner only.
    """
    try:
        info = os.stat(path)
    except OSError:
        return None
    if not hasattr(os, "geteuid") or info.st_uid == os.geteuid():
        return None
    if not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        return None
    who = "anyone" if info.st_mode & stat.S_IWOTH else "its group"
    return (
        f"{path}: config in use is owned by another user (uid {info.st_uid}) and {who} can "
        "write to it; check its settings, or pass --config"
    )


def load_config(path: str | Path) -> LintConfig:
    """Read and validate one config file (``pyproject.toml`` or a ``.bitext.toml``).

    Warns (``ConfigPermissionWarning``) when the file could have been written by someone else.
    """
    path = Path(path)
    if not path.is_file():
        raise ConfigError(f"{path}: config file not found")
    data = _read_toml(path)
    if path.name == "pyproject.toml" or "tool" in data:
        data = _tool_table(data, path).get("bitext", {})
        if not isinstance(data, dict):
            raise ConfigError(f"{path}: [tool.bitext] must be a table")
    config = parse_config(data, source=str(path), base_dir=path.parent)
    warning = unsafe_config_warning(path)
    if warning:
        warnings.warn(warning, ConfigPermissionWarning, stacklevel=2)
    return config


def resolve_config(
    inputs: Iterable[str | Path],
    config: LintConfig | str | Path | None = None,
    *,
    isolated: bool = False,
) -> LintConfig:
    """The config every command uses: ``config`` when named (a path or a loaded one), none at
    all with ``isolated`` (ruff's name), else the one found upwards from the first input."""
    if isolated:
        if config is not None and not isinstance(config, LintConfig):
            raise ConfigError("--isolated ignores every config file: drop --config or --isolated")
        return LintConfig()
    if isinstance(config, LintConfig):
        return config
    if config is not None:
        return load_config(config)
    return discover_config(inputs)


def discover_config(inputs: Iterable[str | Path]) -> LintConfig:
    """The config found from the first input, or the defaults when there is none."""
    for item in inputs:
        found = find_config(item)
        return load_config(found) if found else LintConfig()
    found = find_config(Path.cwd())
    return load_config(found) if found else LintConfig()


def parse_config(
    data: Mapping[str, Any], *, source: str = "<config>", base_dir: str | Path | None = None
) -> LintConfig:
    """Validate a config mapping; every error names ``source`` and the offending key."""
    unknown = sorted(set(data) - set(KEYS))
    if unknown:
        raise ConfigError(f"{source}: unknown key {unknown[0]!r} (known keys: {', '.join(KEYS)})")
    glossaries = tuple(_resolve(g, base_dir) for g in _strings(data, "glossaries", source))
    select = _strings(data, "select", source) if "select" in data else None
    if select is not None:
        check_rule_patterns(select, f"{source}: key 'select'")
    ignore = _strings(data, "ignore", source)
    check_rule_patterns(ignore, f"{source}: key 'ignore'")
    severity = _table(data, "severity", source)
    for rule, value in severity.items():
        _known_rule(rule, f"{source}: key 'severity.{rule}'")
        if value not in {s.value for s in Severity}:
            raise ConfigError(
                f"{source}: key 'severity.{rule}' must be error, warning or info, not {value!r}"
            )
    rules: dict[str, dict[str, Any]] = {}
    for rule, options in _table(data, "rules", source).items():
        _known_rule(rule, f"{source}: key 'rules.{rule}'")
        if not isinstance(options, dict):
            raise ConfigError(f"{source}: key 'rules.{rule}' must be a table of options")
        rules[rule] = {k.replace("-", "_"): v for k, v in options.items()}
    fail_on = data.get("fail-on", DEFAULT_FAIL_ON)
    if fail_on not in FAIL_ON:
        raise ConfigError(f"{source}: key 'fail-on' must be one of {', '.join(FAIL_ON)}")
    spacing = data.get("cjk-spacing")
    if spacing is not None and spacing not in ("none", "one", "off"):
        raise ConfigError(f"{source}: key 'cjk-spacing' must be none, one or off")
    model = data.get("model")
    if model is not None and not isinstance(model, str):
        raise ConfigError(f"{source}: key 'model' must be a string")
    return LintConfig(
        path=None if source == "<config>" else source,
        glossaries=glossaries,
        model=model,
        select=select,
        ignore=ignore,
        severity=dict(severity),
        rules=rules,
        fail_on=fail_on,
        cjk_spacing=spacing,
    )


def rule_matches(pattern: str, rule_id: str) -> bool:
    """``term`` selects ``term-missing`` and every other ``term-*``; ``all`` selects all."""
    return pattern in ("all", rule_id) or rule_id.startswith(pattern.rstrip("-") + "-")


def check_rule_patterns(patterns: Iterable[str], where: str) -> None:
    """Every pattern must name at least one registered rule."""
    for pattern in patterns:
        if not any(rule_matches(pattern, rule) for rule in RULES):
            raise ConfigError(
                f"{where}: unknown rule {pattern!r} (known: {', '.join(sorted(RULES))})"
            )


def _known_rule(rule: str, where: str) -> None:
    if rule not in RULES:
        raise ConfigError(f"{where}: unknown rule {rule!r} (known: {', '.join(sorted(RULES))})")


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror}") from None


def _strings(data: Mapping[str, Any], key: str, source: str) -> tuple[str, ...]:
    value = data.get(key, [])
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{source}: key {key!r} must be a list of strings")
    return tuple(value)


def _table(data: Mapping[str, Any], key: str, source: str) -> dict[str, Any]:
    value = data.get(key, {})
    if not isinstance(value, dict):
        raise ConfigError(f"{source}: key {key!r} must be a table")
    return value


def _resolve(glossary: str, base_dir: str | Path | None) -> str:
    """A glossary path relative to the config file; a bare shipped name stays as it is."""
    if base_dir is None or not any(c in glossary for c in "/\\.") or Path(glossary).is_absolute():
        return glossary
    return str(Path(base_dir) / glossary)
