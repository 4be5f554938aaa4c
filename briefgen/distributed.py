"""Many folders on a Dask cluster: `briefgen build --each PARENT --scheduler ADDRESS|local`.

The client (this process) submits one task per folder; a worker builds and renders the brief
(`batch.build_one`, as a local build does) and returns the files' bytes; the client names and
writes them in command-line order through the same reporter as a local build, so the files
are byte-identical. Each worker loads the spaCy pipeline once, when it joins (`LoadPipeline`).
Folders, templates and the cache must be on storage every worker sees: paths go out absolute.

Faults: `build_one` turns every error into an Outcome, so a task only fails when its worker
dies. The scheduler then reruns it on another worker, once (ALLOWED_FAILURES: set for `local`;
start your own scheduler with it, see the README), and a second death is reported as that
folder's failure; `retries` reruns a task that raised once more. Ctrl-C cancels every future
and closes the client before the CLI reports it; only the client writes files, atomically
(output.write_files), so none is left half-written.

Imported only for --scheduler (batch.runner): a local build never imports Dask.
"""

from __future__ import annotations

import contextlib
import logging
import signal
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace
from pathlib import Path

import dask
from distributed import Client, Future, KilledWorker, LocalCluster, WorkerPlugin, as_completed

from briefgen import batch, interrupts, nlp
from briefgen.console import VERBOSE
from briefgen.errors import BriefgenError, ExitStatus, Interrupted

LOCAL = "local"  # --scheduler local: a LocalCluster of worker processes on this machine
ALLOWED_FAILURES = 1  # worker deaths a task survives (rerun elsewhere) before it fails
RETRIES = 1  # reruns of a task that raised
CONNECT_TIMEOUT = "10s"
POLL = 0.02  # s between looks at finished tasks: a signal is handled between two

log = logging.getLogger(__name__)


class LoadPipeline(WorkerPlugin):
    """Loads the spaCy pipeline once per worker, as it joins, not per task."""

    name = "briefgen-pipeline"

    def __init__(self, model: str | None) -> None:
        self.model = model

    def setup(self, worker: object) -> None:
        nlp.load(self.model)  # memoised per process: every task on this worker reuses it


def dask_setup(worker: object) -> None:
    """Preload of a `local` cluster's worker processes. Ctrl-C at a terminal reaches the whole
    process group: the client decides, as with batch.py's pool workers (interrupts.init_worker),
    and the workers go when it closes the cluster or dies."""
    with contextlib.suppress(ValueError):  # not the main thread: nothing to ignore there
        signal.signal(signal.SIGINT, signal.SIG_IGN)


def _quiet_resource_tracker() -> None:
    """Start multiprocessing's resource tracker without its warnings. The workers' queues hold
    semaphores it removes when this process ends; after Ctrl-C that end is os._exit
    (interrupts.exit_now), and the tracker would print "leaked semaphore objects" under the
    run's one line. It still removes them."""
    from multiprocessing import resource_tracker

    flag = "ignore::UserWarning"
    sys.warnoptions.append(flag)  # the tracker is started with this process's -W options
    try:
        resource_tracker.ensure_running()
    finally:
        sys.warnoptions.remove(flag)


def local_cluster(workers: int) -> LocalCluster:
    """A LocalCluster of `workers` single-threaded worker processes, retrying a dead worker's
    task once (tests and the benchmark use it too)."""
    _quiet_resource_tracker()
    with dask.config.set({"distributed.scheduler.allowed-failures": ALLOWED_FAILURES}):
        return LocalCluster(
            n_workers=workers,
            threads_per_worker=1,  # one spaCy parse per process, as a local --jobs build
            processes=True,
            dashboard_address=":0",  # any free port: 8787 may be another cluster's
            silence_logs=logging.ERROR,
            preload=[__name__],  # dask_setup below, in each worker process
        )


@contextlib.contextmanager
def connect(scheduler: str, workers: int) -> Iterator[Client]:
    """A client of the scheduler at `scheduler`, or of a new LocalCluster for "local"."""
    if scheduler == LOCAL:
        cluster = local_cluster(workers)
        try:
            with Client(cluster, set_as_default=False) as client:
                yield client
        finally:
            with contextlib.suppress(Exception):
                cluster.close(timeout=5)
        return
    try:
        client = Client(scheduler, timeout=CONNECT_TIMEOUT, set_as_default=False)
    except (OSError, ValueError, TypeError) as err:
        raise BriefgenError(f"cannot reach the Dask scheduler at {scheduler}: {err}") from None
    with client:
        yield client


@contextlib.contextmanager
def _quiet_dask(verbosity: int) -> Iterator[None]:
    """Dask's info lines (cluster start, client connect) off the terminal; its warnings at -v."""
    dask_log = logging.getLogger("distributed")
    saved = dask_log.level
    dask_log.setLevel(logging.WARNING if verbosity >= VERBOSE else logging.ERROR)
    try:
        yield
    finally:
        dask_log.setLevel(saved)


def _portable(job: batch.Job) -> batch.Job:
    """The job as a worker elsewhere needs it: absolute paths (its working folder is not ours),
    the generation date fixed here (one date for the whole run), one parse process per task."""
    from briefgen.pipeline import generation_date

    opts = job.options
    lexicons = tuple(
        str(Path(p).resolve()) if Path(p).is_file() else p for p in opts.minerals_lexicon
    )
    opts = replace(
        opts,
        jobs=1,
        date=generation_date(opts.date),
        cache_dir=str(Path(opts.cache_dir).resolve()) if opts.cache_dir else None,
        minerals_lexicon=lexicons,
    )
    out = job.output
    if out.templates:
        out = replace(out, templates=str(Path(out.templates).resolve()))
    return replace(job, folder=job.folder.resolve(), options=opts, output=out)


def _outcome(future: Future, job: batch.Job) -> batch.Outcome:
    """The task's Outcome, named by the folder as given; a task that failed becomes one."""
    if future.status == "finished":
        return replace(future.result(), folder=job.folder)
    if future.status == "error":
        err = future.exception()
        if isinstance(err, KilledWorker):
            reason = f"its worker died {ALLOWED_FAILURES + 1} times (KilledWorker)"
        else:
            first = str(err).splitlines()[0] if str(err) else ""
            reason = f"{type(err).__name__}: {first}" if first else type(err).__name__
        error = f"worker failed: {reason}"
    else:
        error = f"task {future.status} on the cluster"
    return batch.Outcome(job.folder, error=error, exit_code=ExitStatus.ERROR)


def run(
    jobs: Sequence[batch.Job],
    *,
    scheduler: str,
    workers: int,
    verbosity: int,
    on_outcome: Callable[[batch.Outcome], None],
    progress: batch.Progress | None = None,  # parse progress stays on the workers
    task: Callable[[batch.Job], batch.Outcome] = batch.build_one,
) -> None:
    """Build every job on the cluster, calling `on_outcome` in job order as soon as each one
    (and all before it) is done, as `batch.run` does. `workers` sizes a `local` cluster."""
    if not jobs:
        return
    with _quiet_dask(verbosity), connect(scheduler, workers) as client:
        client.register_plugin(LoadPipeline(jobs[0].options.model))
        futures = [client.submit(task, _portable(job), pure=False, retries=RETRIES) for job in jobs]
        where = {future.key: i for i, future in enumerate(futures)}
        try:
            ready: dict[int, batch.Outcome] = {}
            finished = as_completed(futures, loop=client.loop)
            done, next_index = 0, 0
            while next_index < len(jobs):
                arrived = finished.next_batch(block=False)
                if not arrived:
                    time.sleep(POLL)
                for future in arrived:
                    i = where[future.key]
                    ready[i] = _outcome(future, jobs[i])
                    done += 1
                    log.debug("done %d of %d: %s", done, len(jobs), jobs[i].folder)
                while next_index in ready:
                    on_outcome(ready.pop(next_index))
                    next_index += 1
        except BaseException as stop:  # Ctrl-C, SIGTERM, a write error: nothing more runs for us
            if isinstance(stop, Interrupted):
                # Taken here, so the cluster is closed without a re-sent signal cutting it short.
                interrupts.report(stop.signum)
            with contextlib.suppress(Exception):
                client.cancel(futures, force=True)
            raise
