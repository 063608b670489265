"""The package version, in a module of its own so that any module can read it without importing
the package root (which would make an import cycle through ``bitext/__init__.py``)."""

__version__ = "0.1.0"
