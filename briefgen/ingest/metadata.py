"""Article metadata written in the file itself: YAML front matter (PyYAML imported only when a
file starts with "---"), lines such as "By Jane Doe" or "Date: 2025-09-08" at the top of a
text, and a first-line headline."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from briefgen.ingest.dates import parse_date


@dataclass(frozen=True)
class Meta:
    """What a file says about itself: all optional; `date` is ISO YYYY-MM-DD."""

    title: str | None = None
    outlet: str | None = None
    date: str | None = None
    author: str | None = None

    def filled_from(self, other: Meta) -> Meta:
        """This metadata, with gaps filled from `other` (self wins)."""
        return Meta(
            title=self.title or other.title,
            outlet=self.outlet or other.outlet,
            date=self.date or other.date,
            author=self.author or other.author,
        )


# Longest value kept from a header line or a web page's metadata.
FIELD_LIMITS = {"title": 300, "outlet": 100, "author": 200}


def clean_value(value: object, limit: int) -> str | None:
    """A string value with whitespace collapsed and cut to `limit` chars; None if empty."""
    if not isinstance(value, str):
        return None
    value = " ".join(value.split())
    return value[:limit] if value else None


# Metadata key (lower-case) → Meta field, for front matter keys and "Key: value" lines.
_KEYS = {
    "title": "title",
    "headline": "title",
    "date": "date",
    "published": "date",
    "pubdate": "date",
    "published_at": "date",
    "author": "author",
    "authors": "author",
    "by": "author",
    "byline": "author",
    "source": "outlet",
    "outlet": "outlet",
    "publication": "outlet",
    "publisher": "outlet",
    "site": "outlet",
    "site_name": "outlet",
    "sitename": "outlet",
}

# Front matter

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)


def split_front_matter(text: str) -> tuple[Meta, str]:
    """YAML front matter ("---" … "---" at the very top), if it carries article metadata."""
    found = _FRONT_MATTER.match(text[:65536])
    if not found:
        return Meta(), text
    import yaml

    try:
        data = yaml.safe_load(found.group(1) or "")
    except (yaml.YAMLError, RecursionError, ValueError):
        return Meta(), text
    if not isinstance(data, dict) or not any(str(k).strip().lower() in _KEYS for k in data):
        return Meta(), text  # e.g. a "---" rule followed by prose, not front matter
    values: dict[str, str] = {}
    for key, value in data.items():
        field = _KEYS.get(str(key).strip().lower())
        if field and field not in values:
            cleaned = _front_value(field, value)
            if cleaned:
                values[field] = cleaned
    return Meta(**values), text[found.end() :]


def _front_value(field: str, value: object) -> str | None:
    if field == "date":
        if isinstance(value, date):  # PyYAML reads bare ISO dates as date/datetime
            return date(value.year, value.month, value.day).isoformat()
        return parse_date(value) if isinstance(value, str) else None
    if field == "author" and isinstance(value, list):
        value = ", ".join(str(v) for v in value if isinstance(v, str | int))
    return clean_value(value, 300)


# Header lines at the top of a text

_HEADER_LINES = 6  # metadata is looked for among the first few non-empty lines only
_SCAN_LINES = 64  # ... and never further down than this (blank lines included)
_KEYED = re.compile(
    r"(?i)^(?P<key>title|headline|date|dated|published(?:\s+(?:on|at|date))?|posted(?:\s+on)?"
    r"|publication\s+date|date\s+published"
    r"|(?:last\s+)?updated(?:\s+on)?|source|outlet|publication|publisher|authors?|byline"
    r"|written\s+by|by)\s*:\s*(?P<value>\S.*)$"
)
_UNKEYED_DATE = re.compile(
    r"(?i)^(?:date|dated|published(?:\s+on)?|posted\s+on|(?:last\s+)?updated(?:\s+on)?)"
    r"\s+(?P<value>\S.*)$"
)
_BYLINE = re.compile(r"(?i)^(?:written\s+)?by\s+(?P<value>\S.*)$")
_NAME_WORD = re.compile(
    r"^(?:[A-Z][\w'’.-]*,?|[A-Z]\.|and|&|de|da|del|der|di|du|van|von|bin|ibn|al|el|la|le)$"
)
_LIST_ITEM = re.compile(r"(?:[•·*–-]|\d+[.)])\s")
# A date the first line opens with, the body following on the same line ("date 2025-09-08 The
# ministry said ..."): an ISO date only, so where the date ends is never a guess.
_LEADING_DATE = re.compile(
    r"(?i)^(?:date|dated|published(?:\s+on)?)\s*:?\s+(?P<value>\d{4}-\d{2}-\d{2})(?:\s+|$)"
)
# A news agency dateline opening the body: "PLACE, (AGENCY - 8th Sep, 2025) ..." or
# "PLACE, September 8, 2025 (Agency) - ...": the date is the article's.
_DATELINE = re.compile(
    r"^[A-Z][\w.'’ -]{1,40}?,\s*(?:\((?P<inside>[^()]{4,100})\)"
    r"|(?P<before>[^()]{6,40}?)\s*\([^()]{2,40}\)\s*[-–—:])"
)
# Fields of a header line set apart by a bullet or a bar: "By Jane Doe • Published: 2 May 2025".
_FIELD_SEPARATOR = re.compile(r"\s[•|·]\s")
_CLOCK_TIME = re.compile(r"(?i)^\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s+[A-Z]{2,4})?$")
_DATELINE_PARTS = re.compile(r"\s[-–—|/]\s")
_DATELINE_LINES = 8  # a dateline is looked for among the first few non-empty lines


def split_header(text: str) -> tuple[Meta, str]:
    """Metadata from the top of a text, and the text without the recognised metadata lines.

    Looks at the first few non-empty lines, stopping at the first line of body prose:
    "Title: …", "Source: …"/"Outlet: …", "Author: …", "By Jane Doe", "Date: 2025-09-08",
    "Published 8 September 2025" or a line that is only a date. The first line is the
    headline (kept in the text) when it is short, has no final full stop and is followed by a
    blank line, a metadata line or body prose.
    """
    lines = text.split("\n", _SCAN_LINES)  # the last item may hold the unsplit rest
    found: dict[str, str] = {}
    drop: set[int] = set()
    headline: str | None = None
    seen = 0
    for i, line in enumerate(lines[:_SCAN_LINES]):
        stripped = line.strip()
        if not stripped:
            continue
        seen += 1
        if seen == 1 and (leading := _LEADING_DATE.match(stripped)):
            iso = parse_date(leading["value"])
            if iso:
                found["date"] = iso
                lines[i] = stripped[leading.end() :]
                stripped = lines[i]
                if not stripped:
                    drop.add(i)
                    continue
        if seen > _HEADER_LINES or _is_prose(stripped):
            break
        items = _metadata_items(stripped)
        if any(found.get(field, value) != value for field, value in items):
            break  # a second, different date (or byline) up here is content, e.g. a timeline
        if items:
            found.update(items)
            drop.add(i)
        elif seen == 1 and _looks_like_headline(stripped) and _ends_header_line(lines, i):
            headline = stripped
    meta = Meta(
        title=found.get("title") or headline,
        outlet=found.get("outlet"),
        date=found.get("date") or dateline_date(lines[:_SCAN_LINES]),
        author=found.get("author"),
    )
    if not drop and "date" not in found:
        return meta, text
    return meta, "\n".join(line for i, line in enumerate(lines) if i not in drop)


def dateline_date(lines: list[str]) -> str | None:
    """The complete date of a news agency dateline that opens one of the first lines."""
    seen = 0
    for line in lines:
        stripped = line.strip()
        if not stripped:
            continue
        seen += 1
        if seen > _DATELINE_LINES:
            break
        found = _DATELINE.match(stripped)
        if not found:
            continue
        if found["before"]:
            return parse_date(found["before"])
        parts = _DATELINE_PARTS.split(found["inside"])
        return next((iso for part in reversed(parts) if (iso := parse_date(part))), None)
    return None


def _metadata_items(line: str) -> list[tuple[str, str]]:
    """The metadata a header line gives: one field, or several on one line between bullets or
    bars ("By Jane Doe • Published: 2 May 2025 • 9:53"), every part metadata or a clock time."""
    single = _metadata_line(line)
    if single is not None:
        return [single]
    parts = [part.strip() for part in _FIELD_SEPARATOR.split(line)]
    if len(parts) < 2:
        return []
    items: list[tuple[str, str]] = []
    for part in parts:
        item = _metadata_line(part)
        if item is None and not _CLOCK_TIME.match(part):
            return []
        if item is not None and item[0] not in dict(items):
            items.append(item)
    return items


def _metadata_line(line: str) -> tuple[str, str] | None:
    """(field, value) if the line is a metadata line, else None."""
    bullet = _LIST_ITEM.match(line)  # "- Published Date: ..." in a page's list of details
    keyed = _KEYED.match(line) or (_KEYED.match(line[bullet.end() :]) if bullet else None)
    if keyed:
        key = " ".join(keyed["key"].lower().split())
        value = keyed["value"].strip()
        # Keys _KEYS lacks are dates ("dated", "posted on") or bylines ("written by").
        field = _KEYS.get(key, "author" if key.endswith("by") else "date")
        if field == "date":
            iso = parse_date(value)
            return ("date", iso) if iso else None
        cleaned = clean_value(value, FIELD_LIMITS[field])
        if cleaned and (field != "outlet" or len(cleaned.split()) <= 10):
            return field, cleaned
        return None
    unkeyed = _UNKEYED_DATE.match(line)
    if unkeyed:
        iso = parse_date(unkeyed["value"])
        return ("date", iso) if iso else None
    byline = _BYLINE.match(line)
    if byline and _looks_like_name(byline["value"]):
        return "author", byline["value"].strip()
    iso = parse_date(line)
    return ("date", iso) if iso else None


def _looks_like_name(value: str) -> bool:
    """A byline's names: a few capitalised words ("Jane Okafor", "Jane Okafor and Li Wei")."""
    words = value.split()
    return (
        1 <= len(words) <= 8
        and len(value) <= 100
        and words[0][0].isupper()
        and all(_NAME_WORD.match(word) for word in words)
    )


def _looks_like_headline(line: str) -> bool:
    """A short line without a final full stop that starts like a title, not a list item."""
    words = line.split()
    first = words[0] if words else ""
    return (
        3 <= len(words) <= 25
        and len(line) <= 200
        and line[-1] not in ".,;:"
        and (first[0] in "\"'“‘" or first[0].isdigit() or any(ch.isupper() for ch in first))
        and not _LIST_ITEM.match(line)
    )


def _ends_header_line(lines: list[str], i: int) -> bool:
    """Is line i followed by a blank line, the end, a metadata line or body prose?"""
    if i + 1 >= len(lines):
        return True
    following = lines[i + 1].split("\n", 1)[0].strip()
    return not following or _metadata_line(following) is not None or _is_prose(following)


def _is_prose(line: str) -> bool:
    """A line of body text: a long line, or a sentence-sized line ending like a sentence."""
    words = len(line.split())
    return words > 30 or (words >= 10 and line[-1] in ".!?\"'”’")
