"""Checks over aligned pairs. Every check returns ``Finding`` objects and nothing else."""

from .finding import Finding, Location, Severity

__all__ = ["Finding", "Location", "Severity"]
