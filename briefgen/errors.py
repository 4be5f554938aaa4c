"""Errors a user can act on. Each carries the exit code the CLI returns (see README)."""

from __future__ import annotations


class BriefgenError(Exception):
    """A problem with the input or environment, reported as one line, never a traceback."""

    exit_code = 1


class NoArticlesError(BriefgenError):
    """The folder holds nothing usable."""


class ModelNotFoundError(BriefgenError):
    """No spaCy English pipeline is installed under the requested (or default) names."""


class UsageError(BriefgenError):
    """Bad options or paths, in the style of the CLI framework's own usage errors."""

    exit_code = 2
