"""Run one stage of the analysis in a forked process while this process runs another.

After the parallel parse the analysis ran in one process while the other core idled (about
17 s of a 62 s build of 1,000 articles on 2 cores). Stages that do not read each other's
results can run side by side: the child is forked, so it starts with this process's parsed
Docs and sentences without pickling them, and only its result (plain Brief data) is pickled
back. Its workers are killed on Ctrl-C or an error, as the parse workers are (interrupts).
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from typing import Any, TypeVar

from briefgen import interrupts

T = TypeVar("T")

_job: Callable[[], Any] | None = None  # what the forked child runs (it inherits this global)


def _run_job() -> Any:
    assert _job is not None, "start() sets the job before forking"
    return _job()


def start(job: Callable[[], T]) -> Callable[[], T]:
    """Start `job()` in a forked child; return a function that waits for its result.

    The child sees this process's memory as it is now. Waiting re-raises the child's error;
    where fork is not available the job runs here, at once.
    """
    global _job
    if "fork" not in multiprocessing.get_all_start_methods():
        done = job()
        return lambda: done
    _job = job
    pool = ProcessPoolExecutor(
        max_workers=1,
        mp_context=multiprocessing.get_context("fork"),
        initializer=interrupts.init_worker,
        initargs=(os.getpid(),),
    )
    try:
        with interrupts.held():  # the child is forked here
            future = pool.submit(_run_job)
    except BaseException:
        interrupts.stop_pool(pool)
        raise
    finally:
        _job = None  # the child has its copy

    def wait() -> T:
        try:
            result: T = interrupts.result(future)
        except BaseException:
            interrupts.stop_pool(pool)
            raise
        pool.shutdown(wait=True)
        return result

    return wait
