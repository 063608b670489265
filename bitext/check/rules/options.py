"""Type checks for rule options, so a wrong value fails when config loads, not mid-run.

Each option's default says what it accepts: a bool wants a bool, a number a number (not a bool),
a string a string, a list a list of strings.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ...errors import ConfigError


def check_option_types(
    rule_id: str, defaults: Mapping[str, Any], config: Mapping[str, Any]
) -> None:
    """Raise ``ConfigError`` naming the rule and option whose value has the wrong type."""
    for name, default in defaults.items():
        value = config.get(name, default)
        if isinstance(default, bool):
            ok, want = isinstance(value, bool), "true or false"
        elif isinstance(default, (int, float)):
            ok = isinstance(value, (int, float)) and not isinstance(value, bool) and value >= 0
            want = "a number >= 0"
        elif isinstance(default, str):
            ok, want = isinstance(value, str), "a string"
        elif isinstance(default, (list, tuple)):
            ok = isinstance(value, (list, tuple)) and all(isinstance(v, str) for v in value)
            want = "a list of strings"
        else:  # pragma: no cover - no such option today
            continue
        if not ok:
            raise ConfigError(f"rule {rule_id}: option {name} must be {want}, not {value!r}")
