"""View models: what the templates show beyond the Brief's own fields, computed once from it.

The templates only format. Anything that takes a decision (which dated item is the event, which
rows of the corroboration matrix a conflict names, where a date sits on the timeline axis) is
made here, in plain Python, from the Brief alone, so that the Markdown, HTML, PDF and SVG files
all say the same thing. Strings here are plain text: each template escapes them on output.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from briefgen.brief import Brief, OpenQuestion, QuestionKind, Source, TimelineEvent
from briefgen.render.formatting import format_amount, plural

# A conflict question quotes the sources in “…”; a quote this long names its sentence.
_QUOTE = re.compile(r"“([^”]+)”")
_MIN_QUOTE_CHARS = 20
_SOURCE_ID = re.compile(r"\bS\d+\b")
_BARE_YEAR = re.compile(r"\d{4}")
# The matrix shows the money figures that lead the brief, not every figure found.
MATRIX_VALUES = 4


def distinct(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))


def shorten(text: str, limit: int) -> str:
    """`text` cut at a word boundary to at most `limit` characters, with "…" when cut."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit)
    return text[: cut if cut > limit // 2 else limit - 1].rstrip(" ,;:") + "…"


def _iso(text: str | None) -> date | None:
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        return None


# ---------------------------------------------------------------------------------------------
# Sources


@dataclass(frozen=True)
class SourceLine:
    """One source as the Sources list gives it: what it is, then the file it came from."""

    id: str
    title: str | None
    details: list[str]  # author, outlet, date: the known ones, in that order
    file: str


def source_line(source: Source) -> SourceLine:
    details = [d for d in (source.author, source.outlet, source.date) if d]
    return SourceLine(source.id, source.title, details, source.file)


def sources_note(brief: Brief) -> str | None:
    """One sentence when some sources lack an outlet or a date, so a reader knows the list is
    not hiding them: "Outlet not known for 5 of 5 sources; date not known for 4 of 5." """
    total = len(brief.sources)
    no_outlet = sum(1 for s in brief.sources if not s.outlet)
    no_date = sum(1 for s in brief.sources if not s.date)
    if no_outlet == no_date == total:
        sources = plural(total, "source")
        return f"No outlet or date known for any of the {sources}: the articles did not say."
    parts = []
    if no_outlet:
        parts.append(f"outlet not known for {no_outlet} of {plural(total, 'source')}")
    if no_date:
        of = f"{total}" if parts else plural(total, "source")
        parts.append(f"date not known for {no_date} of {of}")
    if not parts:
        return None
    return "; ".join(parts).capitalize() + ": the articles did not say."


# ---------------------------------------------------------------------------------------------
# At a glance


@dataclass(frozen=True)
class Glance:
    """The box at the top of every output. Every entry is a plain sentence or None."""

    event: str | None  # "2026-03-12 (Thursday)": the dated item most sources give
    reported: str  # "3 sources from 2 outlets, 2026-03-12 to 2026-03-14"
    principals: list[str]
    value: str | None  # "USD 9.8 billion for the agreement (2 of 3 sources)"
    minerals: list[str]


def event_item(brief: Brief) -> TimelineEvent | None:
    """The timeline item taken as the event: of the items with a full date, the one the most
    sources give (earlier in the Brief's order on a tie), leaving out dates after the newest
    article, which are plans rather than what happened."""
    latest = max((d for s in brief.sources if (d := _iso(s.date))), default=None)
    dated = [
        t
        for t in brief.timeline
        if (day := _iso(t.date)) is not None and (latest is None or day <= latest)
    ]
    if not dated:
        return None
    return max(dated, key=lambda t: (len(distinct(t.sources)), -brief.timeline.index(t)))


def _date_range(days: list[str]) -> str | None:
    ordered = sorted(set(days))
    if not ordered:
        return None
    return ordered[0] if len(ordered) == 1 else f"{ordered[0]} to {ordered[-1]}"


def reported(brief: Brief) -> str:
    total = len(brief.sources)
    outlets = distinct([s.outlet for s in brief.sources if s.outlet])
    text = plural(total, "source")
    if outlets:
        text += f" from {plural(len(outlets), 'outlet')}"
    dates = _date_range([s.date for s in brief.sources if s.date])
    if dates:
        text += f", published {dates}"
    if total and not outlets and not dates:
        text += " (no outlet or date given)"
    return text


def glance(brief: Brief) -> Glance:
    event = event_item(brief)
    event_text = None
    if event is not None and event.date:
        event_text = event.date if event.text == event.date else f"{event.date} ({event.text})"
    value_text = None
    if brief.values:
        top = brief.values[0]
        value_text = format_amount(top)
        if top.refers_to:
            value_text += f" for the {top.refers_to}"
        value_text += f" ({len(distinct(top.sources))} of {plural(len(brief.sources), 'source')})"
    return Glance(
        event=event_text,
        reported=reported(brief),
        principals=[p.name for p in brief.parties if p.principal],
        value=value_text,
        minerals=[m.name for m in brief.minerals],
    )


# ---------------------------------------------------------------------------------------------
# Corroboration matrix: rows are key points and the leading money figures, columns are sources


@dataclass(frozen=True)
class Cell:
    x: float
    y: float
    stated: bool  # the source states the row's fact
    disputed: bool  # the source is named by a conflict question about the row


@dataclass(frozen=True)
class MatrixRow:
    label: str  # short, for the picture
    text: str  # whole, for the text alternative
    y: float
    cells: list[Cell]
    count: str  # "4/5"
    conflict: bool


@dataclass(frozen=True)
class Matrix:
    columns: list[tuple[str, float]]  # source id, x of its column's centre
    groups: list[tuple[str, float]]  # group heading, y of its baseline
    rows: list[MatrixRow]
    width: float
    height: float
    legend_y: float
    cell: float
    description: str  # the text alternative
    empty: bool = field(default=False)


# Geometry in SVG user units (CSS px).
_LABEL_WIDTH = 300.0
_CELL = 15.0
_ROW = 18.0
_LABEL_CHARS = 56
_COUNT_WIDTH = 70.0


def _conflicts(brief: Brief) -> list[OpenQuestion]:
    return [q for q in brief.open_questions if q.kind is QuestionKind.CONFLICT]


def _quotes(question: OpenQuestion) -> list[str]:
    """The long quoted excerpts of a question, without their ellipses."""
    found = _QUOTE.findall(f"{question.text} {question.basis}")
    quotes = [q.strip("…. ").strip() for q in found]
    return [q for q in quotes if len(q) >= _MIN_QUOTE_CHARS]


def _names(question: OpenQuestion, figure: str, text: str) -> bool:
    """Does the conflict question name this row: its figure as written, or a sentence of it?"""
    whole = f"{question.text} {question.basis}"
    if figure and figure in whole:
        return True
    return any(quote in text for quote in _quotes(question))


def _named_sources(question: OpenQuestion) -> set[str]:
    return set(_SOURCE_ID.findall(question.text))


def corroboration(brief: Brief) -> Matrix:
    ids = [s.id for s in brief.sources]
    total = len(ids)
    conflicts = _conflicts(brief)
    x0 = _LABEL_WIDTH
    columns = [(sid, x0 + n * _CELL + _CELL / 2) for n, sid in enumerate(ids)]
    y = 34.0  # below the column headings
    groups: list[tuple[str, float]] = []
    rows: list[MatrixRow] = []
    items: list[tuple[str, list[tuple[str, str, str, list[str]]]]] = [
        (
            "Key points",
            [
                (f"{n}. {shorten(k.text, _LABEL_CHARS)}", k.text, "", k.sources)
                for n, k in enumerate(brief.summary, start=1)
            ],
        ),
        (
            "Money figures",
            [
                (
                    shorten(
                        f"{format_amount(v)}" + (f": {v.refers_to}" if v.refers_to else ""),
                        _LABEL_CHARS,
                    ),
                    f"{v.text} ({format_amount(v)})",
                    v.text,
                    v.sources,
                )
                for v in brief.values[:MATRIX_VALUES]
            ],
        ),
    ]
    for heading, entries in items:
        if not entries:
            continue
        y += 6
        groups.append((heading, y + 8))
        y += 12
        for label, text, figure, sources in entries:
            named = [q for q in conflicts if _names(q, figure, text)]
            disputed = set().union(*(_named_sources(q) for q in named)) if named else set()
            cells = [
                Cell(x - _CELL / 2 + 1.5, y + 1.5, sid in sources, sid in disputed)
                for sid, x in columns
            ]
            stated = len(set(sources) & set(ids))
            rows.append(MatrixRow(label, text, y, cells, f"{stated}/{total}", bool(named)))
            y += _ROW
    legend_y = y + 10
    width = x0 + total * _CELL + _COUNT_WIDTH
    return Matrix(
        columns=columns,
        groups=groups,
        rows=rows,
        width=max(width, 520.0),
        height=legend_y + 20,
        legend_y=legend_y,
        cell=_CELL - 3,
        description=_matrix_description(rows, ids),
        empty=not rows or not ids,
    )


def _matrix_description(rows: list[MatrixRow], ids: list[str]) -> str:
    lines = ["Which source states each key point and money figure."]
    for row in rows:
        stated = [sid for sid, cell in zip(ids, row.cells, strict=True) if cell.stated]
        line = f"{row.text}: stated by {', '.join(stated) or 'no source'} ({row.count})"
        if row.conflict:
            disputed = [sid for sid, cell in zip(ids, row.cells, strict=True) if cell.disputed]
            line += f"; disputed between {', '.join(disputed)}" if disputed else "; disputed"
        lines.append(line + ".")
    return "\n".join(lines)


# ---------------------------------------------------------------------------------------------
# Timeline strip: full dates and bare years on an axis, the rest listed beside it


@dataclass(frozen=True)
class Mark:
    number: int
    x: float  # the day, or the start of the year
    x_end: float  # = x for a day; the end of the year for a bare year
    level: int  # 0, 1, 2: raised when the marker before is too close
    when: str  # "2026-03-12 (Thursday)" or "2020"
    text: str
    event: bool  # the item taken as the event


@dataclass(frozen=True)
class Strip:
    marks: list[Mark]
    ticks: list[tuple[float, str]]  # year boundaries on the axis
    undated: list[tuple[str, str]]  # (when as written, what)
    width: float
    height: float
    axis_y: float
    axis_left: float
    axis_right: float
    list_y: float
    undated_x: float
    line: float  # between listed items
    description: str


_STRIP_WIDTH = 720.0
_AXIS_LEFT = 20.0
_AXIS_RIGHT = 430.0  # the undated list sits to the right of the axis
_LINE = 13.0
_TEXT_CHARS = 62
_UNDATED_CHARS = 48


def _span(item: TimelineEvent) -> tuple[date, date] | None:
    """The days an item covers: its full date, or the whole of a bare year ("2020")."""
    day = _iso(item.date)
    if day is not None:
        return day, day
    if _BARE_YEAR.fullmatch(item.text.strip()):
        year = int(item.text.strip())
        return date(year, 1, 1), date(year, 12, 31)
    return None


def timeline_strip(brief: Brief) -> Strip:
    event = event_item(brief)
    spans = [(t, s) for t in brief.timeline if (s := _span(t)) is not None]
    spans.sort(key=lambda pair: (pair[1][0], pair[1][1]))
    # The undated column is narrow: the phrase and its event share one line's characters.
    undated = [
        (t.text, shorten(t.event, max(12, _UNDATED_CHARS - len(t.text))))
        for t in brief.timeline
        if _span(t) is None
    ]
    marks: list[Mark] = []
    ticks: list[tuple[float, str]] = []
    if spans:
        first = date(spans[0][1][0].year, 1, 1)
        last = date(max(s[1] for _, s in spans).year + 1, 1, 1)
        days = (last - first).days

        def x_of(day: date) -> float:
            return _AXIS_LEFT + (day - first).days / days * (_AXIS_RIGHT - _AXIS_LEFT)

        years = range(first.year, last.year + 1)
        step = max(1, len(years) // 8)  # at most ~8 year labels
        ticks = [(x_of(date(y, 1, 1)), str(y)) for y in years if (y - first.year) % step == 0]
        previous_x, level = -100.0, 0
        for number, (item, (start, end)) in enumerate(spans, start=1):
            x = x_of(start)
            level = level + 1 if x - previous_x < 14 and level < 2 else 0
            previous_x = x
            when = item.text if item.date is None else item.date
            if item.date and item.text != item.date:
                when = f"{item.date} ({item.text})"
            marks.append(
                Mark(
                    number,
                    x,
                    x_of(end),
                    level,
                    when,
                    shorten(item.event, _TEXT_CHARS),
                    item is event,
                )
            )
    axis_y = 46.0
    list_y = axis_y + 28
    rows = max(len(marks), len(undated) + 1, 1)
    return Strip(
        marks=marks,
        ticks=ticks,
        undated=undated,
        width=_STRIP_WIDTH,
        height=list_y + rows * _LINE + 6,
        axis_y=axis_y,
        axis_left=_AXIS_LEFT,
        axis_right=_AXIS_RIGHT,
        list_y=list_y,
        undated_x=_AXIS_RIGHT + 30,
        line=_LINE,
        description=_strip_description(brief, spans, undated, event),
    )


def _strip_description(
    brief: Brief,
    spans: list[tuple[TimelineEvent, tuple[date, date]]],
    undated: list[tuple[str, str]],
    event: TimelineEvent | None,
) -> str:
    lines = ["Timeline of the dated items in order, then the items without a full date."]
    for item, _ in spans:
        marker = " (the event)" if item is event else ""
        lines.append(f"{item.date or item.text}{marker}: {item.event}")
    lines += [f"Undated, {when}: {what}" for when, what in undated]
    if len(lines) == 1:
        lines.append("No dated items.")
    return "\n".join(lines)
