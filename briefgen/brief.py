"""The Brief: the one plain-data contract between analysis and rendering.

Field names follow DESIGN.md (schema "briefgen/brief@1"); other tools read them.
Lists are ordered most important first; every fact carries the ids of its sources.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import Any

SCHEMA = "briefgen/brief@1"


# Closed sets of values. StrEnum members are strings: brief.json, the templates and comparisons
# such as `party.type == "ORG"` see exactly the values the contract names.


class PartyType(StrEnum):
    """What a party is (spaCy's entity labels)."""

    ORG = "ORG"  # company, agency, institution
    GPE = "GPE"  # country, state, city
    PERSON = "PERSON"
    NORP = "NORP"  # nationality, religious or political group


class ValueKind(StrEnum):
    """What a figure measures. A `Value` is always money; a `KeyFigure` is never money."""

    MONEY = "money"  # has a currency
    PERCENT = "percent"  # stakes, shares of revenue, rates, tariffs
    QUANTITY = "quantity"  # has a unit: tonnes, GWh, ...


class QuestionKind(StrEnum):
    """The four kinds of open question (README, "Context and open questions")."""

    THIN_SOURCING = "thin-sourcing"
    CONFLICT = "conflict"
    GAP = "gap"
    FOLLOW_THROUGH = "follow-through"


def _as_members(item: Any, **enums: type[StrEnum]) -> None:
    """Turn the named fields of a frozen dataclass into members of their enums.

    Fields of a closed set are typed `Enum | str` so that brief.json (through `Brief.from_dict`)
    and the analysis may give the plain string; once built they always hold the member, and a
    string outside the set is a ValueError.
    """
    for name, enum in enums.items():
        object.__setattr__(item, name, enum(getattr(item, name)))


@dataclass(frozen=True)
class Article:
    """One input file, read and decoded (ingest's output)."""

    file: str  # path relative to the source folder, POSIX separators
    text: str
    sha256: str  # of the decoded, normalised text
    title: str | None = None
    outlet: str | None = None
    date: str | None = None  # ISO YYYY-MM-DD when known
    author: str | None = None

    @property
    def words(self) -> int:
        return len(self.text.split())


@dataclass(frozen=True)
class Source:
    id: str  # "S1", "S2", ... in input order
    file: str
    title: str | None
    outlet: str | None
    date: str | None
    words: int
    sha256: str
    author: str | None = None


@dataclass(frozen=True)
class KeyPoint:
    text: str
    sources: list[str]


@dataclass(frozen=True)
class Party:
    name: str
    type: PartyType | str  # a PartyType once built
    aliases: list[str]
    role: str | None
    mentions: int
    sources: list[str]
    # One of the parties the deal is between (at most three; analyse/parties/roles.principals).
    principal: bool = False

    def __post_init__(self) -> None:
        _as_members(self, type=PartyType)


@dataclass(frozen=True)
class Value:
    """A money figure: an amount, a price per unit or a range, and what it is the money for."""

    text: str
    amount: float | None  # the low end of a range
    currency: str | None  # ISO 4217
    refers_to: str | None
    sources: list[str]
    kind: ValueKind | str = ValueKind.MONEY  # always money; kept for readers of brief@1
    per: str | None = None  # what a price is counted per: "kilogram", "share", "year"
    high: float | None = None  # the high end of a range ("$12-15 billion")

    def __post_init__(self) -> None:
        _as_members(self, kind=ValueKind)
        if self.kind is not ValueKind.MONEY:
            raise ValueError(f"a Value is money, not {self.kind}: use a KeyFigure")


@dataclass(frozen=True)
class KeyFigure:
    """A figure that is not money (a stake, a share, a rate, a tonnage), with what it measures."""

    text: str
    amount: float | None  # the low end of a range
    unit: str | None  # "%", "percentage points", "t", "t/y", "MW", ...
    refers_to: str | None
    sources: list[str]
    kind: ValueKind | str = ValueKind.PERCENT  # percent or quantity
    per: str | None = None
    high: float | None = None

    def __post_init__(self) -> None:
        _as_members(self, kind=ValueKind)
        if self.kind is ValueKind.MONEY:
            raise ValueError("a KeyFigure is not money: use a Value")


@dataclass(frozen=True)
class Mineral:
    name: str
    mentions: int
    sources: list[str]


@dataclass(frozen=True)
class TimelineEvent:
    text: str  # the date as written
    date: str | None  # ISO YYYY-MM-DD only when the text gives a full date
    event: str  # the sentence (or clause) saying what happened
    sources: list[str]


@dataclass(frozen=True)
class ContextItem:
    text: str
    sources: list[str]


@dataclass(frozen=True)
class OpenQuestion:
    text: str
    basis: str
    kind: QuestionKind | str = QuestionKind.GAP  # a QuestionKind once built

    def __post_init__(self) -> None:
        _as_members(self, kind=QuestionKind)


@dataclass
class Brief:
    title: str
    generated: str  # YYYY-MM-DD
    sources: list[Source] = field(default_factory=list)
    summary: list[KeyPoint] = field(default_factory=list)
    parties: list[Party] = field(default_factory=list)
    values: list[Value] = field(default_factory=list)
    figures: list[KeyFigure] = field(default_factory=list)
    minerals: list[Mineral] = field(default_factory=list)
    timeline: list[TimelineEvent] = field(default_factory=list)
    context: list[ContextItem] = field(default_factory=list)
    open_questions: list[OpenQuestion] = field(default_factory=list)
    schema: str = SCHEMA

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        # "schema" first, as in the contract, for a reader skimming the file.
        return {"schema": data.pop("schema"), **data}

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2) + "\n"

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Brief:
        return cls(
            title=data["title"],
            generated=data["generated"],
            sources=[Source(**s) for s in data.get("sources", [])],
            summary=[KeyPoint(**k) for k in data.get("summary", [])],
            parties=[Party(**p) for p in data.get("parties", [])],
            values=[_value(v) for v in data.get("values", []) if _is_money(v)],
            figures=[
                *(_key_figure(v) for v in data.get("values", []) if not _is_money(v)),
                *(KeyFigure(**f) for f in data.get("figures", [])),
            ],
            minerals=[Mineral(**m) for m in data.get("minerals", [])],
            timeline=[TimelineEvent(**t) for t in data.get("timeline", [])],
            context=[ContextItem(**c) for c in data.get("context", [])],
            open_questions=[OpenQuestion(**q) for q in data.get("open_questions", [])],
            schema=data.get("schema", SCHEMA),
        )


# Briefs written before `figures` existed kept percentages and quantities among the values,
# with a `unit` field: read them into the field they belong to now.


def _is_money(value: dict[str, Any]) -> bool:
    return value.get("kind", ValueKind.MONEY) == ValueKind.MONEY


def _value(data: dict[str, Any]) -> Value:
    return Value(**{k: v for k, v in data.items() if k != "unit"})


def _key_figure(data: dict[str, Any]) -> KeyFigure:
    return KeyFigure(**{k: v for k, v in data.items() if k != "currency"})
