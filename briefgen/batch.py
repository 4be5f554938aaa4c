"""One brief per folder: build and render in memory, in this process or spread over a pool.

Workers only compute (build + render to bytes); the parent process names and writes the files,
in command-line order, so file names are deterministic and a worker dying cannot leave a
half-written file. Every failure becomes an `Outcome` with an error: one folder failing never
stops the others.
"""

from __future__ import annotations

import contextlib
import functools
import inspect
import logging
import os
import time
import traceback
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from briefgen import interrupts
from briefgen.config import Options, OutputOptions
from briefgen.console import FOLDER, configure_logging
from briefgen.errors import BriefgenError, ExitStatus

if TYPE_CHECKING:
    from briefgen.brief import Brief
    from briefgen.ingest import ReadReport
    from briefgen.pipeline import Parser

Progress = Callable[[int, int], None]  # (articles parsed so far, articles in total)

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Job:
    folder: Path | str  # a str is an fsspec URL (briefgen.ingest.remote), fetched where built
    options: Options
    output: OutputOptions
    label: str | None = None  # prefix for log lines; None for a single brief


@dataclass(frozen=True)
class Outcome:
    folder: Path | str  # as in its Job
    title: str = ""
    files: dict[str, bytes] = field(default_factory=dict)  # suffix -> content, FORMATS order
    summary: str = ""  # one line on what was read and found, for the CLI (success only)
    error: str | None = None  # one line; None on success
    exit_code: ExitStatus = ExitStatus.SUCCESS
    traceback: str | None = None  # for -v, on internal errors only

    @property
    def ok(self) -> bool:
        return self.error is None


@contextlib.contextmanager
def _labelled(label: str | None) -> Iterator[None]:
    token = FOLDER.set(label)
    try:
        yield
    finally:
        FOLDER.reset(token)


def _call_build(
    folder: Path,
    options: Options,
    progress: Progress | None,
    report: ReadReport,
    parser: Parser | None = None,
) -> Brief:
    from briefgen import pipeline

    # The parse-progress hook is optional in pipeline.build; pass it only where it is accepted.
    if progress is not None and "progress" in inspect.signature(pipeline.build).parameters:
        return pipeline.build(folder, options, progress=progress, report=report, parser=parser)
    return pipeline.build(folder, options, report=report, parser=parser)


def summary_line(brief: Brief, read: ReadReport, seconds: float) -> str:
    """ "5 articles read (1 duplicate skipped), 6 key points, 8 open questions, 3.4 s"."""
    points, questions = len(brief.summary), len(brief.open_questions)
    return (
        f"{read.describe()}, {points} key point{'s' if points != 1 else ''}, "
        f"{questions} open question{'s' if questions != 1 else ''}, {seconds:.1f} s"
    )


def build_one(job: Job, progress: Progress | None = None, parser: Parser | None = None) -> Outcome:
    """Build and render one brief. Errors become the Outcome's message; Ctrl-C propagates.
    `parser` replaces `nlp.parse` (pipeline.build)."""
    from briefgen.ingest import ReadReport
    from briefgen.ingest.remote import local_copy
    from briefgen.output import render_all

    out = job.output
    started = time.perf_counter()
    read = ReadReport()
    with _labelled(job.label):
        try:
            with local_copy(job.folder, job.options) as folder:  # a URL: fetched here
                brief = _call_build(folder, job.options, progress, read, parser)
            templates = Path(out.templates) if out.templates else None
            log.debug("rendering %s", job.folder)
            files = render_all(
                brief,
                pdf=out.pdf,
                html=out.html,
                templates=templates,
                paper=out.paper,
                pictures=out.pictures,
            )
        except BriefgenError as err:
            return Outcome(job.folder, error=str(err), exit_code=err.exit_code)
        except Exception as err:  # a bug: one line here, the traceback on request (-v)
            return Outcome(
                job.folder,
                error=f"internal error: {type(err).__name__}: {err}",
                exit_code=ExitStatus.ERROR,
                traceback=traceback.format_exc(),
            )
    summary = summary_line(brief, read, time.perf_counter() - started)
    return Outcome(job.folder, title=brief.title, files=files, summary=summary)


def _init_worker(verbosity: int, parent: int) -> None:
    """Pool initializer: signals are the parent's to handle (interrupts.init_worker); log lines
    as the parent's.

    The spaCy pipeline is not preloaded here: `nlp.load` memoises it per process on first use,
    so each worker loads it at most once, and not at all when every brief comes from the cache.
    """
    interrupts.init_worker(parent)
    configure_logging(verbosity)


def run(
    jobs: Sequence[Job],
    *,
    workers: int,
    verbosity: int,
    on_outcome: Callable[[Outcome], None],
    progress: Progress | None = None,
) -> None:
    """Build every job, calling `on_outcome` in job order as soon as each one (and all before
    it) is done. One job: in this process, `progress(articles parsed, articles)`; several:
    `progress(jobs done, jobs)` after each outcome. One worker: in this process.
    """
    if len(jobs) == 1:
        on_outcome(build_one(jobs[0], progress))
        return
    if workers <= 1:
        for done, job in enumerate(jobs, start=1):
            on_outcome(build_one(job))
            if progress is not None:
                progress(done, len(jobs))
        return
    pool = ProcessPoolExecutor(
        max_workers=min(workers, len(jobs)),
        initializer=_init_worker,
        initargs=(verbosity, os.getpid()),
    )
    try:
        with interrupts.held():  # the workers are forked here
            futures: list[Future[Outcome]] = [pool.submit(build_one, job) for job in jobs]
        for done, (job, future) in enumerate(zip(jobs, futures, strict=True), start=1):
            try:
                outcome = interrupts.result(future)
            except Exception as err:  # the worker died (killed, out of memory, ...)
                reason = f"{type(err).__name__}: {err}" if str(err) else type(err).__name__
                error = f"worker failed: {reason}"
                outcome = Outcome(job.folder, error=error, exit_code=ExitStatus.ERROR)
            on_outcome(outcome)
            if progress is not None:
                progress(done, len(jobs))
    except BaseException:  # Ctrl-C, SIGTERM: workers ignore SIGINT; stop them now
        interrupts.stop_pool(pool)
        raise
    pool.shutdown(wait=True)


Runner = Callable[..., None]  # run's signature: (jobs, *, workers, verbosity, on_outcome, progress)
DASK_MISSING = 'distributed builds need Dask: pip install "briefgen[dask]"'


def runner(scheduler: str | None) -> Runner:
    """`run` on this machine, or on the Dask cluster at `scheduler` ("local": a LocalCluster).

    Dask is imported only here, only for a scheduler; without it, a BriefgenError naming the
    install command (exit 1, as a missing model).
    """
    if scheduler is None:
        return run
    try:
        from briefgen import distributed
    except ImportError as err:
        if (err.name or "").split(".")[0] not in ("dask", "distributed"):
            raise
        raise BriefgenError(f"--scheduler {scheduler}: {DASK_MISSING}") from None
    return functools.partial(distributed.run, scheduler=scheduler)


def default_workers(jobs: int) -> int:
    """--jobs 0 means all cores."""
    return jobs if jobs > 0 else (os.cpu_count() or 1)
