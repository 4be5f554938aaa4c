"""Countries: the table of names, short forms, demonyms and capitals (briefgen/data/parties.toml),
and the name key that folds a country's forms inside any name."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

from briefgen.analyse.parties.names import MEMO, fold_spelling, plain_key


@dataclass(frozen=True)
class Countries:
    """The country table, keyed by `plain_key` of each form."""

    names: dict[str, str]  # key of a name or short form -> canonical name
    demonyms: dict[str, str]
    capitals: dict[str, str]
    max_words: int


@cache
def countries() -> Countries:
    """The country table shipped in briefgen/data/parties.toml."""
    data = tomllib.loads(
        resources.files("briefgen").joinpath("data/parties.toml").read_text(encoding="utf-8")
    )
    names: dict[str, str] = {}
    demonyms: dict[str, str] = {}
    capitals: dict[str, str] = {}
    for row in data["countries"]:
        name = row["name"]
        for form in [name, *row.get("forms", [])]:
            names[plain_key(form)] = name
        for demonym in row.get("demonyms", []):
            demonyms[plain_key(demonym)] = name
            if demonym[-1] in "aeioun" and not demonym.endswith("ese"):
                demonyms[plain_key(demonym + "s")] = name  # "Pakistanis", "Americans"
        for capital in row.get("capitals", []):
            capitals[plain_key(capital)] = name
    return Countries(names, demonyms, capitals, max(len(k.split()) for k in names))


@lru_cache(maxsize=MEMO)  # pure, and called on the same names again and again
def country_of(text: str) -> str | None:
    """The canonical country a name or short form denotes: "U.S." -> "United States"."""
    return countries().names.get(plain_key(text))


@lru_cache(maxsize=MEMO)  # pure, and called on the same names again and again
def name_key(text: str) -> str:
    """The key under which two surface forms are the same name.

    Spelling variants, dots, quotes, hyphens and case are folded, and a country's short forms
    inside a name become the country ("U.S. Strategic Metals" = "United States Strategic Metals").
    """
    words = [fold_spelling(w) for w in plain_key(text).split()]
    table = countries()
    out: list[str] = []
    i = 0
    while i < len(words):
        for n in range(min(table.max_words, len(words) - i), 0, -1):
            country = table.names.get(" ".join(words[i : i + n]))
            if country:
                out.append("<" + country.casefold().replace(" ", "_") + ">")
                i += n
                break
        else:
            out.append(words[i])
            i += 1
    return " ".join(out)
