"""Run part of the analysis in a forked process while this process runs another part.

After the parallel parse the analysis ran in one process while the other core idled (about
17 s of a 62 s build of 1,000 articles on 2 cores). Stages that do not read each other's
results can run side by side: the child is forked, so it starts with this process's parsed
Docs and sentences without pickling them, and only its result (plain Brief data) is pickled
back. A value the child needs later (the Parties table, for Context) is handed over when this
process has it. The child is killed on Ctrl-C or an error, as the parse workers are
(interrupts).
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any, Generic, TypeVar

from briefgen import interrupts

T = TypeVar("T")

_job: Callable[[], Any] | None = None  # what the forked child runs (it inherits this global)


def can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


def _run_job() -> Any:
    assert _job is not None, "start() sets the job before forking"
    return _job()


class Handoff:
    """One value this process gives a forked child once it has it. Made before the fork."""

    def __init__(self) -> None:
        self._parent = os.getpid()
        self._queue: Any = multiprocessing.get_context("fork").Queue(maxsize=1)

    def give(self, value: Any) -> None:
        self._queue.put(value)  # a feeder thread sends it: this process goes on at once

    def take(self) -> Any:
        """In the child: wait for the value."""
        assert os.getpid() != self._parent, "take() is the child's side"
        return self._queue.get()

    def close(self) -> None:
        self._queue.close()
        self._queue.cancel_join_thread()  # a value the child never took does not hold up exit


class Running(Generic[T]):
    """A job started beside this process: `result()` waits for it, `cancel()` stops it."""

    def __init__(self, pool: ProcessPoolExecutor, future: Future[T]) -> None:
        self._pool, self._future = pool, future

    def result(self) -> T:
        """The job's result; its error re-raised here."""
        try:
            result: T = interrupts.result(self._future)
        except BaseException:
            self.cancel()
            raise
        self._pool.shutdown(wait=True)
        return result

    def cancel(self) -> None:
        """Kill the child now (this process failed or was interrupted before it waited)."""
        interrupts.stop_pool(self._pool)


def start(job: Callable[[], T]) -> Running[T]:
    """Start `job()` in a forked child (where `can_fork()`); the child sees this process's
    memory as it is now."""
    global _job
    _job = job
    pool = ProcessPoolExecutor(
        max_workers=1,
        mp_context=multiprocessing.get_context("fork"),
        initializer=interrupts.init_worker,
        initargs=(os.getpid(),),
    )
    try:
        with interrupts.held():  # the child is forked here
            future: Future[T] = pool.submit(_run_job)
    except BaseException:
        interrupts.stop_pool(pool)
        raise
    finally:
        _job = None  # the child has its copy
    return Running(pool, future)
