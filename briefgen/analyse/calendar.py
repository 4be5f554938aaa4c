"""Placing a date mention on the calendar: pure arithmetic on what `annotate.dates` read.

A mention becomes an ISO day only when its day, month and year are all known: written, or
taken from the article's own date (a day and month without a year lies nearest that date; a
weekday is the one of the article's week; "yesterday" is the day before), or, without an article
date, from the one year the article states. A month or a year ("last month", "March", "2023")
gets a calendar position for ordering (its first day) but no ISO day. Nothing is invented: with
no article date, "Monday" and "last year" stay unplaced.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from briefgen.annotate.dates import DateMention

Position = tuple[int, int, int]


@dataclass(frozen=True)
class Placed:
    iso: str | None  # the day, when the mention names one and it is known
    when: Position | None  # where it sorts: the day, or the start of its month or year


def article_day(value: str | None) -> date | None:
    """The article's own date ("YYYY-MM-DD..."), when it has a valid one."""
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


# A day and month without a year further ahead of the anchor than this is one already past:
# news copy names coming days with their year, or within weeks ("January 14" in December).
AHEAD_DAYS = 62
# An article date this many days after every other source's is suspect (see `anchors`).
PAGE_DATE_GAP = 60


def infer_year(
    month: int,
    day: int,
    published: date | None,
    years: Collection[int],
    ahead: bool = False,
) -> int | None:
    """The year of a day-and-month date, from the article's date (or, for an undated article,
    the date of the event the sources cover): the nearest one, unless that lies more than
    AHEAD_DAYS ahead of it without the text looking ahead; else the one year the article
    states."""
    if published is not None:
        candidates = []
        for year in (published.year - 1, published.year, published.year + 1):
            try:
                candidates.append(date(year, month, day))
            except ValueError:
                continue
        if not ahead:
            near = [d for d in candidates if (d - published).days <= AHEAD_DAYS]
            candidates = near or candidates
        if candidates:
            return min(candidates, key=lambda d: (abs((d - published).days), d)).year
    if len(years) == 1:
        return next(iter(years))
    return None


def anchors(
    published: Sequence[date | None], stated_years: Sequence[Collection[int]]
) -> list[date | None]:
    """Each article's date as the anchor of its relative dates, except a page date that is not
    the article's: one more than PAGE_DATE_GAP days after every other source's date, in a year
    the article's own text never names (a site header showing the day it was saved)."""
    out = list(published)
    # The latest other date of each article: the latest date, or for the article that has it,
    # the next one (sorted once: comparing every article with every other was quadratic).
    ranked = sorted(((d, j) for j, d in enumerate(published) if d is not None), reverse=True)
    if len(ranked) < 2:
        return out  # no other source's date to compare with
    (latest, latest_k), (runner_up, _) = ranked[0], ranked[1]
    for k, day in enumerate(published):
        if day is None:
            continue
        latest_other = runner_up if k == latest_k else latest
        if (day - latest_other).days > PAGE_DATE_GAP and day.year not in stated_years[k]:
            out[k] = None
    return out


def dateline_date(
    day: DateMention | None, event: date | None, years: Collection[int]
) -> date | None:
    """The date of an undated article whose dateline gives a day and month ("LONDON, March 14
    (Wire) -"): the year nearest the date of the event the sources cover, else the one year the
    article states. An anchor for its relative dates as good as a written article date."""
    if day is None or day.month is None or day.day is None:
        return None
    year = day.year or infer_year(day.month, day.day, event, years)
    if year is None:
        return None
    try:
        return date(year, day.month, day.day)
    except ValueError:
        return None


def event_day(anchored: Sequence[date | None], written: Sequence[date]) -> date | None:
    """The date the sources are about, for placing day-and-month dates of undated articles: the
    median of the articles' dates, else of the full dates the texts write."""
    days = sorted(d for d in anchored if d is not None) or sorted(written)
    return days[(len(days) - 1) // 2] if days else None


def _weekday_near(published: date, weekday: int, m: DateMention) -> date:
    """The weekday of the article's week: the last one on or before its date, or the next one
    after it when the mention looks ahead ("next Monday", a plan)."""
    ahead = (m.offset or 0) > 0 or (m.offset is None and m.orientation == "future")
    if ahead:
        return published + timedelta(days=(weekday - published.weekday()) % 7 or 7)
    back = (published.weekday() - weekday) % 7
    if m.offset is not None and m.offset < 0 and back == 0:
        back = 7  # "last Monday" said on a Monday
    return published - timedelta(days=back)


def _shift_month(year: int, month: int, by: int) -> tuple[int, int]:
    n = year * 12 + (month - 1) + by
    return n // 12, n % 12 + 1


def place(
    m: DateMention,
    article_date: str | None,
    years: Collection[int] = (),
    event: date | None = None,
) -> Placed:
    """Where a point in time sits, given the article's date, the years the article states and
    the date of the event the sources cover (`event_day`), which gives the year of a day and
    month in an undated article; relative dates ("Monday") need the article's own date."""
    published = article_day(article_date)
    near = published or event
    ahead = m.orientation == "future"
    if m.month is not None and m.day is not None and m.offset is None:
        year = m.year if m.year is not None else infer_year(m.month, m.day, near, years, ahead)
        if year is None:
            return Placed(None, None)
        try:
            day = date(year, m.month, m.day)
        except ValueError:  # Feb 29 in a year without it
            return Placed(None, None)
        return Placed(day.isoformat(), (day.year, day.month, day.day))
    if m.is_relative or m.offset is not None:
        return _relative(m, published)
    if m.month is not None:
        # A month alone is vaguer: its year comes from its own article only.
        year = m.year if m.year is not None else infer_year(m.month, 1, published, years, ahead)
        return Placed(None, (year, m.month, 1) if year is not None else None)
    if m.year is not None:
        return Placed(None, (m.year, 1, 1))
    return Placed(None, None)


def _relative(m: DateMention, published: date | None) -> Placed:
    """ "Monday", "yesterday", "last month", "next year", "two years ago", "last May"."""
    if published is None:
        return Placed(None, None)
    if m.weekday is not None and m.month is None:
        day = _weekday_near(published, m.weekday, m)
        return Placed(day.isoformat(), (day.year, day.month, day.day))
    by = m.offset or 0
    if m.unit == "day":
        day = published + timedelta(days=by)
        return Placed(day.isoformat(), (day.year, day.month, day.day))
    if m.unit == "week":
        start = published - timedelta(days=published.weekday()) + timedelta(weeks=by)
        return Placed(None, (start.year, start.month, start.day))
    if m.month is not None:  # "last May": the May before the article's month
        year = published.year + by
        if by < 0 and m.month < published.month:
            year += 1
        elif by > 0 and m.month > published.month:
            year -= 1
        return Placed(None, (year, m.month, 1))
    if m.unit == "month":
        year, month = _shift_month(published.year, published.month, by)
        return Placed(None, (year, month, 1))
    if m.unit == "quarter":
        first = (published.month - 1) // 3 * 3 + 1
        year, month = _shift_month(published.year, first, 3 * by)
        return Placed(None, (year, month, 1))
    if m.unit == "year":
        return Placed(None, (published.year + by, 1, 1))
    if m.unit == "decade":
        return Placed(None, (published.year + 10 * by, 1, 1))
    return Placed(None, None)


def weekday_matches(m: DateMention, iso: str) -> bool:
    """A weekday-only mention agrees with a day ("Wednesday" and 2025-04-30)."""
    return m.weekday is not None and date.fromisoformat(iso).weekday() == m.weekday
