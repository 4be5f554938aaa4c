"""The date reader: each date or time expression marked once, read into plain typed data, and
placed on the calendar only by arithmetic on the article's own date."""

from __future__ import annotations

from datetime import date

import pytest
from spacy.tokens import DocBin

from briefgen.analyse.calendar import anchors, event_day, place, weekday_matches
from briefgen.annotate.dates import SPANS_KEY, DateMention, date_of, mentions, read


def test_calendar_parts_are_the_ones_the_text_gives():
    m = read("Wednesday, April 30")
    assert (m.kind, m.year, m.month, m.day, m.weekday) == ("point", None, 4, 30, 2)
    assert (read("30 April 2025").year, read("30 April 2025").day) == (2025, 30)
    assert (read("March 2024").month, read("March 2024").day) == (3, None)
    assert (read("Sept. 3").month, read("Sept. 3").day) == (9, 3)


@pytest.mark.parametrize(
    ("text", "offset", "unit"),
    [
        ("yesterday", -1, "day"),
        ("last month", -1, "month"),
        ("next year", 1, "year"),
        ("this week", 0, "week"),
        ("two years ago", -2, "year"),
        ("last Monday", -1, "week"),
    ],
)
def test_relative_expressions_are_an_offset_and_a_unit(text, offset, unit):
    m = read(text)
    assert (m.offset, m.unit) == (offset, unit)
    assert m.is_relative


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("six-year", "duration"),
        ("10 years", "duration"),
        ("each year", "frequency"),
        ("in recent months", "vague"),
        ("the 1990s", "vague"),
    ],
)
def test_spans_of_time_and_frequencies_are_not_points(text, kind):
    m = read(text)
    assert m.kind == kind
    assert (m.year, m.month, m.day) == (None, None, None)


def test_orientation_comes_from_the_words_and_from_the_sentence(nlp):
    doc = nlp(
        "The plant, launched in 2020, will start production in 2027. "
        "The two firms had recently revived talks that began last month."
    )
    found = {span.text: m.orientation for span, m in mentions(doc[:])}
    assert found["2020"] == "past"
    assert found["2027"] == "future"
    assert found["last month"] == "past"
    assert found["recently"] == "past"  # a time phrase the model does not tag as a date


def test_the_marks_survive_the_doc_cache(nlp):
    doc = nlp("The accord was signed on Tuesday, March 4, 2025, in the capital.")
    data = DocBin(store_user_data=True, docs=[doc]).to_bytes()
    (back,) = DocBin(store_user_data=True).from_bytes(data).get_docs(nlp.vocab)
    (span,) = back.spans[SPANS_KEY]
    assert date_of(span) == DateMention(
        text="Tuesday, March 4, 2025", kind="point", year=2025, month=3, day=4, weekday=1
    )


def test_a_weekday_is_placed_in_the_week_of_the_article():
    assert place(read("Monday"), "2025-06-05").iso == "2025-06-02"
    assert place(read("Thursday"), "2025-06-05").iso == "2025-06-05"
    assert place(read("last Thursday"), "2025-06-05").iso == "2025-05-29"
    assert place(read("next Monday"), "2025-06-05").iso == "2025-06-09"


def test_nothing_relative_is_placed_without_an_article_date():
    for text in ("Monday", "yesterday", "last month", "next year", "two years ago"):
        assert place(read(text), None).when is None


def test_months_and_years_get_a_position_but_no_day():
    assert place(read("last month"), "2025-01-15") == place(read("December 2024"), None)
    assert place(read("last month"), "2025-01-15").iso is None
    assert place(read("two years ago"), "2025-01-15").when == (2023, 1, 1)
    assert place(read("last May"), "2025-06-10").when == (2025, 5, 1)
    assert place(read("last May"), "2025-03-10").when == (2024, 5, 1)


def test_a_day_and_month_take_the_year_nearest_the_article():
    assert place(read("December 30"), "2025-01-02").iso == "2024-12-30"
    assert place(read("December 30"), None).iso is None
    assert place(read("December 30"), None, {2023}).iso == "2023-12-30"


def test_a_weekday_agrees_with_the_day_it_falls_on():
    assert weekday_matches(read("Wednesday"), "2025-04-30")
    assert not weekday_matches(read("Tuesday"), "2025-04-30")


def test_a_day_and_month_well_ahead_of_the_article_is_the_one_before():
    # "created on 7 January", said in October: last January, not the coming one.
    assert place(read("7 January"), "2024-10-16").iso == "2024-01-07"
    # A date a few weeks ahead is the coming one; a future-looking one is always nearest.
    assert place(read("January 14"), "2024-12-05").iso == "2025-01-14"


def test_an_undated_articles_day_and_month_take_the_year_of_the_sources_date():
    covered = date(2024, 11, 13)
    assert place(read("November 8"), None, {2030}, covered).iso == "2024-11-08"
    assert place(read("Monday"), None, (), covered).iso is None  # needs the article's own date


def test_a_page_date_months_after_the_other_sources_is_not_an_anchor():
    days = [date(2025, 7, 10), date(2026, 2, 8), None]
    assert anchors(days, [set(), {2028}, set()]) == [date(2025, 7, 10), None, None]
    # ... unless the article's own text names that year
    assert anchors(days, [set(), {2026}, set()]) == days


def test_the_sources_date_is_the_median_article_date_else_of_the_written_dates():
    assert event_day([date(2024, 5, 2), None, date(2024, 4, 26)], []) == date(2024, 4, 26)
    assert event_day([None], [date(2024, 10, 4)]) == date(2024, 10, 4)
    assert event_day([None], []) is None


# --- lengths of time and periods (durations with an amount, parts of a year) -------------------


def lengths(nlp, text: str) -> dict[str, DateMention]:
    doc = nlp(text)
    return {span.text: m for span, m in mentions(doc[:]) if m.kind == "duration"}


def test_a_duration_has_an_amount_and_a_unit():
    m = read("six months")
    assert (m.kind, m.amount, m.length_unit, m.at_least) == ("duration", 6.0, "month", False)
    months, year = read("12 months").days, read("one year").days
    assert months is not None and year is not None and abs(months - year) < 0.01 * year


def test_a_length_after_for_measures_the_nouns_of_its_clause(nlp):
    found = lengths(nlp, "Ruritania is halting nickel exports for a minimum of five months.")
    (m,) = found.values()
    assert m.amount == 5 and m.at_least
    assert "export" in (m.measures or "").split()


def test_a_length_before_a_noun_measures_that_noun(nlp):
    (m,) = lengths(nlp, "The two firms signed a 15-year supply contract on Monday.").values()
    assert (m.amount, m.length_unit, m.measures) == (15.0, "year", "contract")


def test_a_time_after_a_span_or_an_added_span_measures_nothing(nlp):
    found = lengths(
        nlp,
        "The embargo could be reviewed after two months. "
        "The embargo was then extended for another three months.",
    )
    assert [m.measures for m in found.values()] == [None, None]


@pytest.mark.parametrize(
    ("sentence", "phrase", "year"),
    [
        (
            "The plant will start output in the first months of 2026.",
            "the first months of 2026",
            2026,
        ),
        ("The plant will start output in H2 2027.", "H2 2027", 2027),
        ("Commissioning of the plant is targeted for 2028.", "2028", 2028),
        ("The plant will start output in the third quarter.", "the third quarter", None),
    ],
)
def test_parts_of_a_year_and_targets_are_time_phrases(nlp, sentence, phrase, year):
    found = {span.text: m for span, m in mentions(nlp(sentence)[:])}
    assert found[phrase].phrase is not None
    assert found[phrase].year == year


def test_page_dates_are_found_as_comparing_every_article_with_every_other_finds_them():
    import random
    from datetime import timedelta

    from briefgen.analyse.calendar import PAGE_DATE_GAP

    def every_pair(published, stated):
        out = list(published)
        for k, day in enumerate(published):
            others = [d for j, d in enumerate(published) if j != k and d is not None]
            late = others and (day - max(others)).days > PAGE_DATE_GAP if day else False
            if late and day.year not in stated[k]:
                out[k] = None
        return out

    rng = random.Random(3)
    for _ in range(200):
        n = rng.randint(0, 7)
        start = date(2030, 1, 1)
        published = [
            None if rng.random() < 0.2 else start + timedelta(days=rng.choice([0, 1, 2, 200, 400]))
            for _ in range(n)
        ]
        stated = [set(rng.sample([2030, 2031], rng.randint(0, 1))) for _ in range(n)]
        assert anchors(published, stated) == every_pair(published, stated)
