"""View models (briefgen/render/view.py): the at-a-glance box, source lines, matrix, timeline."""

from __future__ import annotations

from briefgen import render
from briefgen.brief import (
    Brief,
    KeyPoint,
    Mineral,
    OpenQuestion,
    Party,
    Source,
    TimelineEvent,
    Value,
)
from briefgen.render import view


def source(
    n: int,
    title: str | None = None,
    outlet: str | None = None,
    date: str | None = None,
    author: str | None = None,
) -> Source:
    return Source(f"S{n}", f"{n:03}.txt", title, outlet, date, 100, "0" * 64, author)


def deal_brief() -> Brief:
    """A written-for-the-test brief: a port deal signed on a Tuesday, reported over two days."""
    return Brief(
        title="Harbourline agrees to run Port Verde",
        generated="2026-02-20",
        sources=[
            source(1, outlet="Coast Daily", date="2026-02-18", title="Harbourline wins Port Verde"),
            source(2, outlet="Coast Daily", date="2026-02-19"),
            source(3),
        ],
        summary=[
            KeyPoint(
                "Harbourline signed a 30-year concession to run Port Verde on Tuesday.",
                ["S1", "S2", "S3"],
            ),
            KeyPoint("The concession is worth $2.4 billion, the ministry said.", ["S1"]),
        ],
        parties=[
            Party("Harbourline", "ORG", [], "operator", 9, ["S1", "S2", "S3"], principal=True),
            Party("Verde", "GPE", [], "signatory", 4, ["S1", "S2"], principal=True),
            Party("Ministry of Ports", "ORG", [], None, 2, ["S1"]),
        ],
        values=[
            Value("$2.4 billion", 2.4e9, "USD", "concession", ["S1", "S3"]),
            Value("$2 billion", 2e9, "USD", "concession", ["S2"]),
        ],
        minerals=[Mineral("iron ore", 3, ["S2"])],
        timeline=[
            TimelineEvent("2019", None, "The port was privatised.", ["S2"]),
            TimelineEvent(
                "Tuesday", "2026-02-17", "Harbourline signed the concession.", ["S1", "S2", "S3"]
            ),
            TimelineEvent("Monday", "2026-02-16", "The cabinet approved the deal.", ["S1"]),
            TimelineEvent("2030", "2030-01-01", "The new quay is due to open.", ["S1", "S2", "S3"]),
            TimelineEvent("next year", None, "Dredging starts.", ["S3"]),
        ],
        open_questions=[
            OpenQuestion(
                "What is the concession worth? S1, S3 value it at $2.4 billion; S2 at $2 billion.",
                "S1: “The concession is worth $2.4 billion, the ministry said”",
                "conflict",
            ),
            OpenQuestion("Who pays for dredging?", "No source says.", "gap"),
        ],
    )


def test_glance_takes_the_event_date_from_the_dated_item_most_sources_give() -> None:
    g = view.glance(deal_brief())
    # The 2030 opening has as many sources but comes after the newest article: a plan.
    assert g.event == "2026-02-17 (Tuesday)"


def test_glance_names_principals_headline_value_minerals_and_reporting() -> None:
    g = view.glance(deal_brief())
    assert g.principals == ["Harbourline", "Verde"]
    assert g.value == "USD 2.4 billion for the concession (2 of 3 sources)"
    assert g.minerals == ["iron ore"]
    assert g.reported == "3 sources from 1 outlet, published 2026-02-18 to 2026-02-19"


def test_glance_without_dates_or_money_says_nothing_false() -> None:
    g = view.glance(Brief(title="Nothing", generated="2026-01-01", sources=[source(1)]))
    assert (g.event, g.value, g.principals) == (None, None, [])
    assert g.reported == "1 source (no outlet or date given)"


def test_every_output_opens_with_the_glance_box() -> None:
    brief = deal_brief()
    markdown = render.render_markdown(brief)
    assert "> - **Event date:** 2026-02-17 (Tuesday)" in markdown
    assert markdown.index("At a glance") < markdown.index("## Key points")
    html = render.render_html(brief)
    assert html.index('class="glance"') < html.index('class="key-points"')
    assert "<dd>USD 2.4 billion for the concession (2 of 3 sources)</dd>" in html


def test_source_lines_say_what_each_source_is_or_give_the_file() -> None:
    brief = deal_brief()
    first = view.source_line(brief.sources[0])
    assert (first.title, first.details) == (
        "Harbourline wins Port Verde",
        ["Coast Daily", "2026-02-18"],
    )
    bare = view.source_line(brief.sources[2])
    assert (bare.title, bare.details, bare.file) == (None, [], "003.txt")


def test_one_line_says_which_sources_lack_outlet_or_date() -> None:
    assert view.sources_note(deal_brief()) == (
        "Outlet not known for 1 of 3 sources; date not known for 1 of 3: the articles did not say."
    )
    whole = Brief(
        title="t", generated="2026-01-01", sources=[source(1, outlet="A", date="2026-01-01")]
    )
    assert view.sources_note(whole) is None


def test_sources_note_and_lines_reach_markdown_and_html() -> None:
    brief = deal_brief()
    markdown = render.render_markdown(brief)
    assert (
        "- **S1**: *Harbourline wins Port Verde*. Coast Daily, 2026-02-18. File 001\\.txt."
        in markdown
    )
    assert "Outlet not known for 1 of 3 sources" in markdown
    html = render.render_html(brief)
    assert '<p class="note">Outlet not known for 1 of 3 sources' in html
    assert '<span class="file">File 001.txt</span>' in html
    # A file is all that is known of S3: it is the entry, not a grey footnote to it.
    assert '<span class="file-only">File 003.txt</span>' in html
