"""Dates written in an article's metadata → ISO "YYYY-MM-DD": complete calendar dates only
(partial or ambiguous ones give None), English month names, optional weekday and time.

Runs before spaCy, on metadata lines, so it reads the text itself; month names come from
python-dateutil, as in the date reader (`briefgen.annotate.dates`)."""

from __future__ import annotations

import re
from datetime import date

_WEEKDAY = r"(?:(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|sday|urday)?\.?,?\s+)?"
_TIME = (
    r"(?:\s*(?:,|\||-|–|—|at|T)?\s*\d{1,2}[:.]\d{2}(?:[:.]\d{2}(?:\.\d+)?)?"
    r"\s*(?:[ap]\.?m\.?)?\s*(?:Z|[+-]\d{2}:?\d{2}|\(?[A-Z]{2,5}\)?)?)?"
)
_DATE_FORMS = (
    ("ymd", re.compile(rf"(?i){_WEEKDAY}(\d{{4}})[-/.](\d{{1,2}})[-/.](\d{{1,2}}){_TIME}")),
    (
        "dmy",
        re.compile(
            rf"(?i){_WEEKDAY}(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?([a-z]+)\.?,?\s+(\d{{4}}){_TIME}"
        ),
    ),
    (
        "mdy",
        re.compile(
            rf"(?i){_WEEKDAY}([a-z]+)\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}}){_TIME}"
        ),
    ),
    ("numeric", re.compile(rf"(?i){_WEEKDAY}(\d{{1,2}})[/.-](\d{{1,2}})[/.-](\d{{4}}){_TIME}")),
)


# A time of day written before the date ("09:41 | 17 March 2026").
_LEADING_TIME = re.compile(
    r"(?i)^\d{1,2}[:.]\d{2}(?![./-]?\d)\s*(?:[ap]\.?m\.?)?\s*(?:[A-Z]{2,5}\s*)?[|,–—-]?\s*"
)


def parse_date(value: str) -> str | None:
    """A complete calendar date → "YYYY-MM-DD"; None for partial ("September 2025"),
    ambiguous ("08/09/2025") or unrecognised text. English month names; a time of day may come
    before or after it."""
    value = _LEADING_TIME.sub("", value.strip(), count=1).strip().rstrip(".")
    if len(value) > 60:
        return None
    for form, pattern in _DATE_FORMS:
        found = pattern.fullmatch(value)
        if not found:
            continue
        a, b, c = found.groups()
        if form == "ymd":
            year, month, day = int(a), int(b), int(c)
        elif form == "dmy":
            year, month, day = int(c), _month(b), int(a)
        elif form == "mdy":
            year, month, day = int(c), _month(a), int(b)
        else:
            first, second = int(a), int(b)
            if first <= 12 and second <= 12 and first != second:
                return None  # 08/09/2025: September or August? Not guessed.
            year = int(c)
            day, month = (first, second) if first > 12 or first == second else (second, first)
        try:
            return date(year, month, day).isoformat()
        except ValueError:
            return None
    return None


def _month(name: str) -> int:
    """1-12 for a month name or its abbreviation ("Sep", "Sept"), from python-dateutil's table
    (the one the date reader uses), else 0. Imported here: most articles give no written date."""
    from dateutil.parser import parserinfo

    found = parserinfo().month(name) if len(name) >= 3 else None
    return found or 0  # 0 makes date() fail
