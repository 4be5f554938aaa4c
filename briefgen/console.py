"""The terminal side of the CLI: warnings on stderr one line each, and progress bars.

Library code only logs; this module decides how that reads at a terminal or in a log file.
"""

from __future__ import annotations

import contextlib
import logging
import re
import sys
import warnings
from collections.abc import Iterator
from contextvars import ContextVar
from typing import Any

QUIET, NORMAL, VERBOSE = -1, 0, 1
log = logging.getLogger("briefgen")

# The folder being built, so log lines from a batch say which brief they are about.
FOLDER: ContextVar[str | None] = ContextVar("briefgen_folder", default=None)


# ---------------------------------------------------------------------------------------------
# Logging: library warnings to stderr, one line each


class _LineFormatter(logging.Formatter):
    """`warning: message` on one line; in a batch `warning: FOLDER: message`."""

    def __init__(self, verbosity: int) -> None:
        super().__init__()
        self.verbosity = verbosity

    def format(self, record: logging.LogRecord) -> str:
        message = re.sub(r"\s*\n\s*", " ", record.getMessage()).strip()
        folder = FOLDER.get()
        if folder:
            message = f"{folder}: {message}"
        line = f"{record.levelname.lower()}: {message}"
        if self.verbosity >= VERBOSE:
            if record.name != "briefgen" and not record.name.startswith("briefgen."):
                line = f"{line} [{record.name}]"
            if record.exc_info:
                line = f"{line}\n{self.formatException(record.exc_info)}"
        return line


class _StderrHandler(logging.Handler):
    """Writes to whatever sys.stderr is at the time (a progress bar redirects it)."""

    def emit(self, record: logging.LogRecord) -> None:
        try:
            sys.stderr.write(self.format(record) + "\n")
            sys.stderr.flush()
        except Exception:
            self.handleError(record)


class _Once(logging.Filter):
    """Each distinct warning once per run; installation notices (not about the brief) only -v."""

    # WeasyPrint says this on every PDF when the system lacks HarfBuzz-Subset: true, but about
    # the machine, not the brief; the README names the system packages instead.
    ENVIRONMENT_NOTICES = ("HarfBuzz-Subset",)

    def __init__(self, verbosity: int) -> None:
        super().__init__()
        self.verbosity = verbosity
        self.seen: set[tuple[str, int, str]] = set()

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if self.verbosity < VERBOSE and any(n in message for n in self.ENVIRONMENT_NOTICES):
            return False
        key = (record.name, record.levelno, message)
        if key in self.seen:
            return False
        self.seen.add(key)
        return True


def _show_warning(message: Any, category: type[Warning], *_: Any, **__: Any) -> None:
    # Python warnings (e.g. from spaCy) as one log line instead of file:line + source excerpt.
    logging.getLogger("py.warnings").warning("%s: %s", category.__name__, message)


def configure_logging(verbosity: int) -> None:
    """-q: errors only; default: warnings; -v: briefgen's debug detail and tracebacks."""
    root = logging.getLogger()
    for handler in [h for h in root.handlers if isinstance(h, _StderrHandler)]:
        root.removeHandler(handler)
    handler = _StderrHandler()
    handler.setFormatter(_LineFormatter(verbosity))
    handler.addFilter(_Once(verbosity))
    root.addHandler(handler)
    root.setLevel(logging.ERROR if verbosity <= QUIET else logging.WARNING)
    log.setLevel(
        logging.DEBUG if verbosity >= VERBOSE else logging.ERROR if verbosity <= QUIET else 0
    )
    warnings.showwarning = _show_warning


@contextlib.contextmanager
def logging_to_stderr(verbosity: int) -> Iterator[None]:
    """`configure_logging` for the length of one command, then the previous state back.

    The command may run inside a bigger process (a test, a notebook calling `main`).
    """
    root = logging.getLogger()
    saved = (list(root.handlers), root.level, log.level, warnings.showwarning)
    configure_logging(verbosity)
    try:
        yield
    finally:
        root.handlers[:] = saved[0]
        root.setLevel(saved[1])
        log.setLevel(saved[2])
        warnings.showwarning = saved[3]


# ---------------------------------------------------------------------------------------------
# Progress: a transient bar on stderr, only at a terminal


class Bar:
    """A rich progress bar, started on the first update with `total` above `minimum`.

    Callable as `bar(done, total)`, the shape of the pipeline's parse-progress hook.
    """

    def __init__(self, label: str, enabled: bool, minimum: int) -> None:
        self.label = label
        self.enabled = enabled
        self.minimum = minimum
        self._progress: Any = None
        self._task: Any = None
        self._finished = False

    def __call__(self, done: int, total: int) -> None:
        if not self.enabled or self._finished or total <= self.minimum:
            return
        if self._progress is None:
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

            self._progress = Progress(
                "[progress.description]{task.description}",
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                console=Console(stderr=True),
                transient=True,
                # Paths printed meanwhile go above the bar if stdout is this terminal too.
                redirect_stdout=sys.stdout.isatty(),
            )
            self._progress.start()
            self._task = self._progress.add_task(self.label, total=total)
        self._progress.update(self._task, completed=done, total=total, refresh=True)
        if done >= total:  # transient: gone once complete, before anything else is printed
            self.close()
            self._finished = True

    def close(self) -> None:
        if self._progress is not None:
            self._progress.stop()
            self._progress = None

    def __enter__(self) -> Bar:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()


def interactive(verbosity: int) -> bool:
    return verbosity > QUIET and sys.stderr.isatty()
