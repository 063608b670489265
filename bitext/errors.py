"""Errors a user can act on.

The library raises these and never prints or exits; the CLI turns any of them into one red
``Error:`` line on stderr and exit code 2 (findings, which are not errors, exit 1).
"""

from __future__ import annotations


class BitextError(Exception):
    """Root of every error bitext raises on purpose. The message is for a translator."""


class InputError(BitextError):
    """A file that cannot be read as text: missing, a directory, empty, binary, undecodable."""


class UsageError(BitextError):
    """Options that do not fit together, or an output file that would be overwritten."""


class ConfigError(BitextError):
    """A malformed configuration file or an unknown key in it."""


class GlossaryError(ConfigError):
    """A malformed glossary, pointing at file:line."""


class OutputError(BitextError):
    """An output that cannot be written (full disk, read-only folder); the old file is kept."""


class ModelError(BitextError):
    """An encoder that cannot be loaded (not on disk, optional extra missing)."""


class BitextWarning(UserWarning):
    """Something went wrong that bitext worked around (e.g. an unusable embedding cache).

    The library reports these through ``warnings.warn``; the CLI shows each as one yellow
    ``Warning:`` line.
    """
