"""Errors a user can act on, and the exit statuses of the `briefgen` command (see README).

Each error carries the ExitStatus the CLI returns for it.
"""

from __future__ import annotations

from enum import IntEnum


class ExitStatus(IntEnum):
    """What the `briefgen` command exits with (README, "Exit codes"), as httpie's ExitStatus."""

    SUCCESS = 0  # every brief built and written
    ERROR = 1  # nothing usable, model missing, unwritable output, a failed folder, a bug
    USAGE = 2  # bad option, missing folder, bad configuration (Click's own code for these)
    INTERRUPTED = 130  # Ctrl-C: 128 + SIGINT, as a shell reports it
    TERMINATED = 143  # SIGTERM (kill, a service manager, a CI timeout): 128 + SIGTERM


class BriefgenError(Exception):
    """A problem with the input or environment, reported as one line, never a traceback."""

    exit_code = ExitStatus.ERROR


class NoArticlesError(BriefgenError):
    """The folder holds nothing usable."""


class NothingToBriefError(BriefgenError):
    """The articles were read, but no key point could be taken from them."""


class ModelNotFoundError(BriefgenError):
    """No spaCy English pipeline is installed under the requested (or default) names."""


class UsageError(BriefgenError):
    """Bad options or paths, in the style of the CLI framework's own usage errors."""

    exit_code = ExitStatus.USAGE


class Interrupted(BaseException):  # a signal, like KeyboardInterrupt, not an error
    """SIGINT or SIGTERM arrived: the run stops, nothing more is written (briefgen.interrupts).

    A BaseException, so no `except Exception` swallows it, and not a KeyboardInterrupt, so the
    CLI framework does not turn a SIGTERM into its own silent exit 130.
    """

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum

    @property
    def exit_code(self) -> int:
        return 128 + self.signum  # as a shell reports a death by this signal
