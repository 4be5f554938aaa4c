"""Stopping on SIGINT (Ctrl-C) or SIGTERM: within 2 s, one line, no worker and no temp file left.

The CLI wraps a command in `handling()`. A signal raises `Interrupted` in the main thread; the
command catches it, stops its worker pools (`stop_pool`), prints one line (`report`) and exits
128 + the signal number. What could get in the way has a layer here each:

- the exception lands in a finalizer (`__del__`), where Python prints "Exception ignored" and
  carries on: a watchdog thread sends the signal again every RESEND s until the command takes it;
- the main thread is stuck: GRACE s after the signal the watchdog kills the workers, prints
  the line and ends the process itself;
- a brief or a cache entry being written: inside `deferred()` a signal waits until the files are
  renamed into place, so nothing is left half-written;
- the main thread waiting for a worker: `result` wakes up every RESEND s to let the handler run
  (a signal the OS hands to another thread does not wake a blocked lock).

Worker processes ignore SIGINT (Ctrl-C reaches the whole process group: the parent decides), die
on SIGTERM, and die with their parent even if it is SIGKILLed (`init_worker`).
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from briefgen.errors import Interrupted

if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor

SIGNALS = (signal.SIGINT, signal.SIGTERM)
RESEND = 0.2  # s between re-sent signals while the first one has not been taken
GRACE = 1.5  # s after the signal before the watchdog ends the process itself
REAP = 5.0  # s at most to reap one killed worker (stop_pool)
WORDS = {signal.SIGINT: "interrupted", signal.SIGTERM: "terminated"}
PR_SET_PDEATHSIG = 1  # linux/prctl.h

T = TypeVar("T")


@dataclass
class _State:
    signum: int | None = None  # the first signal received
    taken: bool = False  # the command caught Interrupted and is stopping
    deferring: int = 0  # depth of deferred() sections
    reported: bool = False


_state = _State()


def _on_signal(signum: int, frame: Any) -> None:
    if _state.signum is None:
        _state.signum = signum
        threading.Thread(target=_watch, args=(time.monotonic(),), daemon=True).start()
    if _state.taken or _state.deferring:
        return
    raise Interrupted(_state.signum)


@contextlib.contextmanager
def handling() -> Iterator[None]:
    """SIGINT and SIGTERM raise `Interrupted` for the length of one command (main thread only)."""
    global _state
    _state = _State()
    saved = {signum: signal.getsignal(signum) for signum in SIGNALS}
    for signum in SIGNALS:
        signal.signal(signum, _on_signal)
    try:
        yield
    finally:
        for signum, handler in saved.items():
            signal.signal(signum, handler)


def received() -> int | None:
    """The signal that arrived during `handling()`, if any."""
    return _state.signum


def check() -> None:
    """Raise `Interrupted` if a signal arrived and nobody has taken it yet."""
    if _state.signum is not None and not _state.taken:
        raise Interrupted(_state.signum)


@contextlib.contextmanager
def deferred() -> Iterator[None]:
    """A signal arriving inside is raised when the block ends (a file is all written or not)."""
    check()
    _state.deferring += 1
    try:
        yield
    finally:
        _state.deferring -= 1
    if not _state.deferring:
        check()


def report(signum: int, *, raw: bool = False) -> int:
    """Take the signal: print the run's one line about it, once; the exit status (128 + signum).

    `raw` writes to file descriptor 2 directly: the watchdog may run while the main thread
    holds sys.stderr's lock.
    """
    _state.taken = True
    if not _state.reported:
        _state.reported = True
        name = signal.Signals(signum)
        line = f"error: {WORDS.get(name, 'stopped')} by {name.name}"
        if raw:
            with contextlib.suppress(OSError):
                os.write(2, (line + "\n").encode())
        else:
            print(line, file=sys.stderr, flush=True)
    return 128 + signum


def exit_now(signum: int) -> None:
    """End the process at once with 128 + signum: workers killed, no atexit hooks (they join
    pools and threads, which is what hangs)."""
    kill_children()
    code = report(signum, raw=True)
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(Exception):
            stream.flush()
    os._exit(code)


def _watch(started: float) -> None:
    while True:
        time.sleep(RESEND)
        signum = _state.signum
        if signum is None or _state.deferring:
            continue
        if time.monotonic() - started >= GRACE:
            exit_now(signum)
        if not _state.taken:  # the first one was swallowed (a finalizer) or is still pending
            with contextlib.suppress(OSError):
                os.kill(os.getpid(), signum)


# ---------------------------------------------------------------------------------------------
# Worker processes


@contextlib.contextmanager
def held() -> Iterator[None]:
    """Signals held (not lost) while worker processes are forked: a child starts with them
    blocked and unblocks them once `init_worker` has set its own handlers."""
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, SIGNALS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def init_worker(parent: int) -> None:
    """First thing in a worker process: SIGINT is the parent's, SIGTERM ends it, and it ends
    when `parent` (the pid that started it) does."""
    global _state
    _state = _State()  # a forked copy of the parent's
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if sys.platform.startswith("linux"):
        import ctypes

        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # the parent died before the line above took effect
        os._exit(1)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, SIGNALS)


def result(future: Future[T]) -> T:
    """`future.result()`, waking up regularly so that a signal is handled while waiting."""
    while True:
        try:
            return future.result(timeout=RESEND)
        except TimeoutError:
            continue


def stop_pool(pool: ProcessPoolExecutor) -> None:
    """Kill a pool's workers now (they may be mid-batch, or blocked writing to a full pipe)."""
    # `_processes` is private but stable since 3.2; without it, every child of this process.
    processes = list((getattr(pool, "_processes", None) or {}).values())
    if not processes:
        import multiprocessing

        processes = multiprocessing.active_children()
    for process in processes:
        with contextlib.suppress(Exception):
            process.kill()
    pool.shutdown(wait=False, cancel_futures=True)
    # A killed process is reaped at once, unless the machine is busy: wait a little longer
    # for that than for a process still running.
    for process in processes:
        deadline = time.monotonic() + REAP
        with contextlib.suppress(Exception):
            process.join(timeout=REAP)
            # `join` returns when the process's pipe closes, which a dying process does a moment
            # before it can be reaped: poll until it is (else it is still listed as a child).
            while process.exitcode is None and time.monotonic() < deadline:
                time.sleep(0.001)


def kill_children() -> None:
    """Kill every worker process this process started (the last resort before exiting)."""
    import multiprocessing

    with contextlib.suppress(Exception):
        for process in multiprocessing.active_children():
            with contextlib.suppress(Exception):
                process.kill()
