"""Days of signing in the open questions: a weekday that matches the date is no conflict."""

from __future__ import annotations

from briefgen.analyse.questions.conflicts import _same_day, signing_day
from briefgen.annotate.dates import read


def days_given(*claims: tuple[str, str, str | None]) -> dict[str, set[str]]:
    """{day key: sources} for (source, date as written, the source's own date) claims."""
    days: dict = {}
    shown = {}
    for source, text, published in claims:
        m = read(text)
        found = signing_day(m, published)
        assert found is not None
        days.setdefault(found[0], {})[source] = None
        shown.setdefault(found[0], m)
    _same_day(days, shown)
    return {key: set(sources) for key, sources in days.items()}


def test_a_weekday_placed_by_the_article_date_is_the_same_day():
    assert days_given(("S1", "Wednesday", "2025-05-01"), ("S2", "April 30", "2025-05-02")) == {
        "2025-04-30": {"S1", "S2"}
    }


def test_an_unplaced_weekday_that_falls_on_the_date_is_the_same_day():
    assert days_given(("S1", "Wednesday", None), ("S2", "April 30, 2025", None)) == {
        "2025-04-30": {"S1", "S2"}
    }


def test_a_weekday_that_does_not_fall_on_the_date_stays_a_different_day():
    assert len(days_given(("S1", "Tuesday", None), ("S2", "April 30, 2025", None))) == 2


def test_a_relative_week_names_no_signing_day():
    assert signing_day(read("last week"), "2025-05-01") is None
