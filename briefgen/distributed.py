"""Briefs on a Dask cluster: `briefgen build FOLDER|--each PARENT --scheduler ADDRESS|local`.

Many folders: the client (this process) submits one task per folder; a worker builds and
renders the brief (`batch.build_one`, as a local build does) and returns the files' bytes; the
client names and writes them in command-line order through the same reporter as a local build,
so the files are byte-identical. Folders, templates and the cache must be on storage every
worker sees: paths go out absolute; fsspec URLs (s3://…) go as given, each worker fetching
its folder into a temporary one (briefgen.ingest.remote).

One folder: the client reads the articles and builds the brief itself, but the parse (most of
the time) goes to the workers in shards of consecutive articles (`ShardParser`); each returns
its Docs' bytes with their custom attributes, as a local parse's worker processes do, so the
analysis reads the same annotations as after a local parse. Articles the cache
holds are not sent. Each worker loads the spaCy pipeline once, when it joins (`LoadPipeline`).

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
from typing import TYPE_CHECKING, Any

import dask
from distributed import Client, Future, KilledWorker, LocalCluster, WorkerPlugin, as_completed

from briefgen import batch, interrupts, nlp
from briefgen.console import FOLDER, QUIET, VERBOSE
from briefgen.errors import BriefgenError, ExitStatus, Interrupted

if TYPE_CHECKING:
    from spacy.language import Language

    from briefgen.brief import Article
    from briefgen.corpus import ParsedArticle

LOCAL = "local"  # --scheduler local: a LocalCluster of worker processes on this machine
ALLOWED_FAILURES = 1  # worker deaths a task survives (rerun elsewhere) before it fails
RETRIES = 1  # reruns of a task that raised
CONNECT_TIMEOUT = "10s"
POLL = 0.02  # s between looks at finished tasks: a signal is handled between two
# Words per parse shard of one folder: about two shards per worker thread, within these bounds.
# At ~200 us a word on one core, 2,000 words is ~0.4 s (the ~2 ms task overhead is lost in it)
# and 50,000 words ~10 s (a worker lost mid-shard costs little to redo).
MIN_SHARD_WORDS = 2_000
MAX_SHARD_WORDS = 50_000

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
    """Dask's lines off the terminal, its warnings at -v: info lines (cluster start, client
    connect), and errors the run reports itself in one line (a `local` scheduler, in this
    process, logs "Task ... marked as failed" when a task's workers died)."""
    dask_log = logging.getLogger("distributed")
    saved = dask_log.level
    dask_log.setLevel(logging.WARNING if verbosity >= VERBOSE else logging.CRITICAL)
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
    # A URL stays as given: the worker fetches it (memory:// is private to each process).
    folder = job.folder.resolve() if isinstance(job.folder, Path) else job.folder
    return replace(job, folder=folder, options=opts, output=out)


def _failure(future: Future) -> str:
    """One line on why a task did not finish."""
    if future.status != "error":
        return f"task {future.status} on the cluster"
    err = future.exception()
    if isinstance(err, KilledWorker):
        reason = f"its worker died {ALLOWED_FAILURES + 1} times (KilledWorker)"
    else:
        first = str(err).splitlines()[0] if str(err) else ""
        reason = f"{type(err).__name__}: {first}" if first else type(err).__name__
    return f"worker failed: {reason}"


def _outcome(future: Future, job: batch.Job) -> tuple[batch.Outcome, list[logging.LogRecord]]:
    """The task's Outcome, named by the folder as given (a task that failed becomes one), and
    the log records it wrote."""
    if future.status == "finished":
        outcome, records = future.result()
        return replace(outcome, folder=job.folder), records
    return batch.Outcome(job.folder, error=_failure(future), exit_code=ExitStatus.ERROR), []


def _as_finished(client: Client, futures: Sequence[Future]) -> Iterator[Future]:
    """The futures as they finish (or fail). Polled, not awaited: a signal is handled between
    two looks; the caller cancels the futures when it stops early."""
    finished = as_completed(futures, loop=client.loop)
    left = len(futures)
    while left:
        arrived = finished.next_batch(block=False)
        if not arrived:
            time.sleep(POLL)
        left -= len(arrived)
        yield from arrived


@contextlib.contextmanager
def _cancelled_on_exit(client: Client, futures: Sequence[Future]) -> Iterator[None]:
    """Ctrl-C, SIGTERM, an error: the cluster forgets the tasks not needed any more."""
    try:
        yield
    except BaseException as stop:
        if isinstance(stop, Interrupted):  # taken first: cancelling may take a while
            interrupts.report(stop.signum)
        with contextlib.suppress(Exception):
            client.cancel(list(futures), force=True)
        raise


# ---------------------------------------------------------------------------------------------
# Log lines: written on the worker, shown by the client as a local build shows them


class _Collect(logging.Handler):
    """Keeps a task's log records as plain data (their args or traceback may not pickle)."""

    def __init__(self, level: int) -> None:
        super().__init__(level)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.name.split(".")[0] in ("distributed", "dask", "tornado"):
            return  # the worker's own business, in its own log
        ours = record.name == "briefgen" or record.name.startswith("briefgen.")
        if not ours and record.levelno < logging.WARNING:
            return  # other libraries' detail: not shown by a local build either
        plain = {"msg": record.getMessage(), "args": None, "exc_info": None, "exc_text": None}
        self.records.append(logging.makeLogRecord({**record.__dict__, **plain}))


def logged(
    verbosity: int, func: Callable[..., Any], *args: Any
) -> tuple[Any, list[logging.LogRecord]]:
    """On a worker: `func(*args)` and the log records it wrote that the client's `verbosity`
    shows (console.configure_logging's levels)."""
    level = logging.DEBUG if verbosity >= VERBOSE else logging.WARNING
    level = logging.ERROR if verbosity <= QUIET else level
    collect = _Collect(level)
    root, ours = logging.getLogger(), logging.getLogger("briefgen")
    saved = ours.level
    ours.setLevel(level)
    root.addHandler(collect)
    try:
        return func(*args), collect.records
    finally:
        root.removeHandler(collect)
        ours.setLevel(saved)


def replay(records: Sequence[logging.LogRecord], label: str | None) -> None:
    """A task's log records through this process's handlers, labelled with its folder as the
    worker's lines were (console.FOLDER)."""
    token = FOLDER.set(label)
    try:
        for record in records:
            logging.getLogger(record.name).handle(record)
    finally:
        FOLDER.reset(token)


# ---------------------------------------------------------------------------------------------
# One folder: the parse in shards


def shards(articles: Sequence[Article], words: int) -> list[range]:
    """Runs of consecutive articles of `words` words or fewer (an article longer alone)."""
    runs: list[range] = []
    start, total = 0, 0
    for i, article in enumerate(articles):
        if i > start and total + article.words > words:
            runs.append(range(start, i))
            start, total = i, 0
        total += article.words
    if articles:
        runs.append(range(start, len(articles)))
    return runs


def shard_words(words: int, threads: int) -> int:
    """Words per shard: two shards per worker thread, within MIN/MAX_SHARD_WORDS."""
    return max(MIN_SHARD_WORDS, min(MAX_SHARD_WORDS, -(-words // (2 * max(1, threads)))))


def parse_shard(model: str | None, articles: Sequence[Article]) -> nlp.Packed:
    """On a worker: the articles' Docs (long ones joined from chunks, as nlp.parse does),
    packed as a local parse's worker processes send theirs (`nlp.pack_docs`)."""
    return nlp.pack_docs(p.doc for p in nlp.parse(nlp.load(model), articles, jobs=1))


class ShardParser:
    """`nlp.parse` with the parsing done on the cluster's workers, a shard per task; the Docs
    come back in the client's vocabulary, in article order (pipeline.Parser)."""

    def __init__(self, client: Client, model: str | None, verbosity: int) -> None:
        self.client = client
        self.model = model
        self.verbosity = verbosity

    def __call__(
        self,
        pipeline: Language,
        articles: Sequence[Article],
        jobs: int = 1,  # the workers' threads decide, not --jobs
        progress: nlp.Progress | None = None,
        **_: Any,
    ) -> list[ParsedArticle]:
        from spacy.tokens import Doc

        from briefgen.corpus import ParsedArticle

        threads = sum(self.client.nthreads().values())
        runs = shards(articles, shard_words(sum(a.words for a in articles), threads))
        log.debug("parsing %d articles in %d shards on the cluster", len(articles), len(runs))
        futures = [
            self.client.submit(
                logged,
                self.verbosity,
                parse_shard,
                self.model,
                [articles[i] for i in run],
                pure=False,
                retries=RETRIES,
            )
            for run in runs
        ]
        where = {future.key: run for future, run in zip(futures, runs, strict=True)}
        docs: list[Doc | None] = [None] * len(articles)
        records: dict[int, list[logging.LogRecord]] = {}  # by first article: replayed in order
        done = 0
        with _cancelled_on_exit(self.client, futures):
            for future in _as_finished(self.client, futures):
                run = where[future.key]
                if future.status != "finished":
                    which = f"{len(run)} article(s) from {articles[run.start].file}"
                    raise BriefgenError(f"parsing {which}: {_failure(future)}")
                shard, records[run.start] = future.result()
                for i, doc in zip(run, nlp.unpack_docs(pipeline, shard), strict=True):
                    docs[i] = doc
                done += len(run)
                if progress is not None:
                    progress(done)
        for start in sorted(records):
            replay(records[start], FOLDER.get())
        return [
            ParsedArticle(source_id=f"S{i + 1}", article=article, doc=doc)
            for i, (article, doc) in enumerate(zip(articles, docs, strict=True))
            if doc is not None
        ]


# ---------------------------------------------------------------------------------------------
# The run


def run(
    jobs: Sequence[batch.Job],
    *,
    scheduler: str,
    workers: int,
    verbosity: int,
    on_outcome: Callable[[batch.Outcome], None],
    progress: batch.Progress | None = None,
    task: Callable[[batch.Job], batch.Outcome] = batch.build_one,
) -> None:
    """Build every job on the cluster, calling `on_outcome` in job order as soon as each one
    (and all before it) is done, as `batch.run` does. `workers` sizes a `local` cluster.
    One job: built here, its articles parsed on the cluster in shards, `progress(articles
    parsed, articles)` as shards come back; several: `progress(jobs done, jobs)` as tasks
    complete, in any order."""
    if not jobs:
        return
    with _quiet_dask(verbosity), connect(scheduler, workers) as client:
        client.register_plugin(LoadPipeline(jobs[0].options.model))
        try:
            if len(jobs) == 1:
                parser = ShardParser(client, jobs[0].options.model, verbosity)
                on_outcome(batch.build_one(jobs[0], progress, parser))
            else:
                _run_folders(client, jobs, task, on_outcome, progress, verbosity)
        except Interrupted as stop:
            # Taken here, so the cluster is closed without a re-sent signal cutting it short.
            interrupts.report(stop.signum)
            raise


def _run_folders(
    client: Client,
    jobs: Sequence[batch.Job],
    task: Callable[[batch.Job], batch.Outcome],
    on_outcome: Callable[[batch.Outcome], None],
    progress: batch.Progress | None,
    verbosity: int,
) -> None:
    """One task per folder; the outcomes to `on_outcome` in job order, `progress` as each
    task completes (a slow first folder does not hide the others')."""
    futures = [
        client.submit(logged, verbosity, task, _portable(job), pure=False, retries=RETRIES)
        for job in jobs
    ]
    where = {future.key: i for i, future in enumerate(futures)}
    ready: dict[int, tuple[batch.Outcome, list[logging.LogRecord]]] = {}
    next_index = 0
    # Ctrl-C, SIGTERM, a write error: nothing more runs for us.
    with _cancelled_on_exit(client, futures):
        for done, future in enumerate(_as_finished(client, futures), start=1):
            i = where[future.key]
            ready[i] = _outcome(future, jobs[i])
            log.debug("done %d of %d: %s", done, len(jobs), jobs[i].folder)
            if progress is not None:
                progress(done, len(jobs))
            while next_index in ready:  # each folder's log lines, then its outcome
                outcome, records = ready.pop(next_index)
                replay(records, jobs[next_index].label)
                on_outcome(outcome)
                next_index += 1
