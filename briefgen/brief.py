"""The Brief: the one plain-data contract between analysis and rendering.

Field names follow DESIGN.md (schema "briefgen/brief@1"); other tools read them.
Lists are ordered most important first; every fact carries the ids of its sources.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import Any

SCHEMA = "briefgen/brief@1"


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
    type: str  # ORG | GPE | PERSON | NORP
    aliases: list[str]
    role: str | None
    mentions: int
    sources: list[str]


@dataclass(frozen=True)
class Value:
    text: str
    amount: float | None
    currency: str | None  # ISO 4217 for money; None for percentages and quantities
    refers_to: str | None
    sources: list[str]
    kind: str = "money"  # money | percent | quantity
    unit: str | None = None  # "%", "kt", ... for non-money values


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
    kind: str = "gap"  # thin-sourcing | conflict | gap | follow-through


@dataclass
class Brief:
    title: str
    generated: str  # YYYY-MM-DD
    sources: list[Source] = field(default_factory=list)
    summary: list[KeyPoint] = field(default_factory=list)
    parties: list[Party] = field(default_factory=list)
    values: list[Value] = field(default_factory=list)
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
            values=[Value(**v) for v in data.get("values", [])],
            minerals=[Mineral(**m) for m in data.get("minerals", [])],
            timeline=[TimelineEvent(**t) for t in data.get("timeline", [])],
            context=[ContextItem(**c) for c in data.get("context", [])],
            open_questions=[OpenQuestion(**q) for q in data.get("open_questions", [])],
            schema=data.get("schema", SCHEMA),
        )
