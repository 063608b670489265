"""The ``bitext`` command: a thin typer shell over the library API."""

from .main import app, main, run

__all__ = ["app", "main", "run"]
