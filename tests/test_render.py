"""Markdown and HTML rendering: structure, escaping, determinism and template lookup."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.front_matter import front_matter_plugin

from briefgen import render
from briefgen.brief import (
    Brief,
    ContextItem,
    KeyFigure,
    KeyPoint,
    Mineral,
    OpenQuestion,
    Party,
    Source,
    TimelineEvent,
    Value,
)
from briefgen.render.markdown_escape import normalise

DATA = Path(__file__).parent / "data"
SECTIONS = [
    "Key points",
    "Parties",
    "Value",
    "Minerals",
    "Timeline",
    "Context",
    "Open questions",
    "Sources",
]
MD = MarkdownIt("commonmark").enable("table").use(footnote_plugin).use(front_matter_plugin)


def seeds_like() -> Brief:
    """A hand-made brief carrying the seed articles' real facts (the pipeline is tested apart)."""
    return Brief.from_dict(json.loads((DATA / "brief-seeds-like.json").read_text("utf-8")))


def text_of(inline: Token) -> str:
    """What a reader sees of an inline token: its text, escapes and entities resolved."""
    return "".join(c.content for c in inline.children or [] if c.type == "text")


def headings(tokens: list[Token], level: str) -> list[str]:
    return [
        text_of(tokens[i + 1])
        for i, t in enumerate(tokens)
        if t.type == "heading_open" and t.tag == level
    ]


def table_rows(tokens: list[Token]) -> list[list[str]]:
    """Each table row (header first) as the texts of its cells."""
    rows: list[list[str]] = []
    for i, t in enumerate(tokens):
        if t.type == "tr_open":
            rows.append([])
        elif t.type in {"th_open", "td_open"}:
            rows[-1].append(text_of(tokens[i + 1]))
    return rows


def section_tokens(markdown: str, heading: str) -> list[Token]:
    tokens = MD.parse(markdown)
    start = next(i for i, t in enumerate(tokens) if t.type == "inline" and t.content == heading)
    end = next(
        (i for i in range(start + 1, len(tokens)) if tokens[i].type == "heading_open"),
        len(tokens),
    )
    return tokens[start + 2 : end]


# ---------------------------------------------------------------------------------------------
# Markdown structure


def test_markdown_starts_with_yaml_front_matter() -> None:
    brief = seeds_like()
    markdown = render.render_markdown(brief)
    assert markdown.startswith("---\n")
    meta = yaml.safe_load(markdown.split("---\n")[1])
    assert meta["title"] == brief.title
    assert meta["date"] == "2025-09-09"
    assert meta["sources"] == 5


def test_front_matter_tags_are_minerals_then_principal_parties() -> None:
    meta = render.front_matter(seeds_like())
    assert meta["tags"][:3] == ["copper", "gold", "rare earth elements"]
    assert "US Strategic Metals" in meta["tags"]
    # Only the parties the analysis marked principal, not every party with a role.
    assert "Marco Rubio" not in meta["tags"]
    assert "Pakistan" not in meta["tags"]


def test_front_matter_cannot_be_broken_by_the_title() -> None:
    title = 'Deal: "done" --- \n---\ntags: [pwned]\n# {{ x }}'
    markdown = render.render_markdown(replace(seeds_like(), title=title))
    front, _body = markdown.removeprefix("---\n").split("\n---\n", 1)
    meta = yaml.safe_load(front)
    assert set(meta) == {"title", "date", "sources", "tags"}
    assert meta["title"] == 'Deal: "done" --- --- tags: [pwned] # {{ x }}'
    assert "pwned" not in meta["tags"]


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet=st.one_of(st.sampled_from(list("-:#'\"{}[]|*&!%@`>\n ")), st.characters())))
def test_any_title_reaches_front_matter_and_heading_as_the_same_text(title: str) -> None:
    markdown = render.render_markdown(Brief(title=title, generated="2025-09-09"))
    front, body = markdown.removeprefix("---\n").split("\n---\n", 1)
    assert yaml.safe_load(front)["title"] == normalise(title)
    assert headings(MD.parse(body), "h1") == [normalise(title)]
    assert headings(MD.parse(body), "h2") == SECTIONS


def test_markdown_has_title_then_sections_in_order() -> None:
    tokens = MD.parse(render.render_markdown(seeds_like()))
    assert headings(tokens, "h1") == [seeds_like().title]
    with_figures = [*SECTIONS[:3], "Other figures", *SECTIONS[3:]]  # only when there are any
    assert headings(tokens, "h2") == with_figures


def test_title_block_gives_date_and_number_of_sources() -> None:
    markdown = render.render_markdown(seeds_like())
    assert "generated 2025-09-09 from 5 sources" in markdown


def test_key_points_say_how_many_sources_report_them() -> None:
    tokens = section_tokens(render.render_markdown(seeds_like()), "Key points")
    items = [t.content for t in tokens if t.type == "inline"]
    assert len(items) == 6
    assert "*(reported by 4 of 5 sources: [S1][], [S2][], [S4][], [S5][])*" in items[0]
    assert "*(reported by 1 of 5 sources: [S2][])*" in items[3]


def test_parties_render_as_a_gfm_table_with_one_row_per_party() -> None:
    brief = seeds_like()
    rows = table_rows(section_tokens(render.render_markdown(brief), "Parties"))
    assert rows[0] == ["Party", "Type", "Role", "Also called", "Sources"]
    assert len(rows) == 1 + len(brief.parties)
    assert rows[1][:4] == [
        "US Strategic Metals",
        "organisation",
        "signatory; Missouri-based producer and recycler of critical minerals",
        "U.S. Strategic Metals, United States Strategic Metals, USSM",
    ]
    assert rows[-1][2] == "—"  # a missing role reads as a dash, not an empty cell


def test_values_render_as_a_gfm_table_with_readable_amounts() -> None:
    rows = table_rows(section_tokens(render.render_markdown(seeds_like()), "Value"))
    assert rows[0] == ["Figure", "Amount", "Refers to", "Sources"]
    assert rows[1][:2] == ["$500 million", "USD 500 million"]
    assert len(rows) == 3  # money only: the tariff cut is among the other figures
    others = table_rows(section_tokens(render.render_markdown(seeds_like()), "Other figures"))
    assert ["from 29% to 19%", "19%"] in [row[:2] for row in others]


def test_every_source_reference_is_a_link_to_the_sources_section() -> None:
    brief = seeds_like()
    tokens = MD.parse(render.render_markdown(brief))
    children = [c for t in tokens if t.type == "inline" for c in t.children or []]
    links = [
        (c.attrs["href"], children[i + 1].content)
        for i, c in enumerate(children)
        if c.type == "link_open"
    ]
    assert {href for href, _ in links} == {"#sources"}
    assert {text for _, text in links} == {s.id for s in brief.sources}
    assert not any(c.type == "footnote_ref" for c in children)


def test_source_definitions_give_what_is_known_and_the_file() -> None:
    markdown = render.render_markdown(seeds_like())
    line = next(x for x in markdown.splitlines() if x.startswith("- **S3**:"))
    assert "Pakistan, U.S. Firm Strike Deal on Critical Minerals" in line
    assert "unknown" not in line
    assert "002\\_52a4952619dd66ce.txt" in line


def test_source_definitions_name_author_outlet_and_date_when_known() -> None:
    brief = seeds_like()
    brief.sources[0] = replace(
        brief.sources[0], title="Deal signed", outlet="Dawn", date="2025-09-08", author="A. Writer"
    )
    markdown = render.render_markdown(brief)
    line = next(x for x in markdown.splitlines() if x.startswith("- **S1**:"))
    assert "*Deal signed*. A. Writer, Dawn, 2025-09-08." in line


def test_empty_sections_say_so_instead_of_vanishing() -> None:
    markdown = render.render_markdown(Brief(title="Nothing found", generated="2025-01-02"))
    assert headings(MD.parse(markdown), "h2") == SECTIONS
    for message in (
        "No key points could be drawn from the sources.",
        "No parties identified in the sources.",
        "No money figures in the sources.",
        "No minerals named in the sources.",
        "No dated events in the sources.",
        "No background found in the sources.",
        "No open questions raised.",
        "No sources.",
    ):
        assert message in markdown


def test_markdown_is_identical_on_every_render() -> None:
    brief = seeds_like()
    assert render.render_markdown(brief) == render.render_markdown(seeds_like())
    assert render.render_markdown(brief.to_dict()) == render.render_markdown(brief)


def test_markdown_ends_with_exactly_one_newline() -> None:
    markdown = render.render_markdown(seeds_like())
    assert markdown.endswith("#sources\n") and not markdown.endswith("\n\n")


# ---------------------------------------------------------------------------------------------
# Hostile article text

HOSTILE = {
    "script": "<script>alert(1)</script>",
    "link": "[click me](javascript:alert(1))",
    "image": "![x](http://evil.example/pixel.png)",
    "heading": "# Fake heading",
    "pipes": "a | b | c",
    "jinja": "{{ 7 * 7 }}{% if true %}x{% endif %}",
}


def hostile_brief() -> Brief:
    h = HOSTILE
    return Brief(
        title=h["heading"] + " " + h["jinja"],
        generated="2025-09-09",
        sources=[Source("S1", "a|b.txt", h["link"], h["script"], None, 10, "0")],
        summary=[KeyPoint(h["script"] + "\n# not a heading\n> not a quote", ["S1"])],
        parties=[
            Party(h["pipes"], "ORG", [h["image"]], h["link"], 3, ["S1"]),
            Party("- 1. list", "PERSON", [], "> quote", 1, ["S1"]),
        ],
        values=[Value("$5 | $6", 5.0, "USD", h["pipes"], ["S1"])],
        minerals=[Mineral(h["image"], 1, ["S1"])],
        timeline=[TimelineEvent("1. May", None, h["jinja"], ["S1"])],
        context=[ContextItem("<img src=x onerror=alert(1)>", ["S1"])],
        open_questions=[OpenQuestion(h["link"], h["script"])],
    )


def test_hostile_text_adds_no_html_link_or_image_to_the_markdown() -> None:
    tokens = MD.parse(render.render_markdown(hostile_brief()))
    types = {t.type for t in tokens} | {
        c.type for t in tokens if t.type == "inline" for c in t.children or []
    }
    assert not types & {"html_block", "html_inline", "image"}
    # The only links are the template's source references, all to the Sources heading.
    links = [c for t in tokens if t.type == "inline" for c in t.children or []]
    assert {c.attrs["href"] for c in links if c.type == "link_open"} == {"#sources"}
    # The one quote block is the template's at-a-glance box: "> not a quote" made none.
    assert [t.type for t in tokens].count("blockquote_open") == 1


def test_hostile_text_adds_no_heading_and_breaks_no_table() -> None:
    markdown = render.render_markdown(hostile_brief())
    tokens = MD.parse(markdown)
    assert headings(tokens, "h2") == SECTIONS
    assert headings(tokens, "h1") == ["# Fake heading {{ 7 * 7 }}{% if true %}x{% endif %}"]
    parties = table_rows(section_tokens(markdown, "Parties"))
    assert [len(row) for row in parties] == [5, 5, 5]
    assert parties[1][0] == "a | b | c"
    assert parties[2][0] == "- 1. list"
    values = table_rows(section_tokens(markdown, "Value"))
    assert [len(row) for row in values] == [4, 4]


def test_template_syntax_in_article_text_is_not_evaluated() -> None:
    markdown = render.render_markdown(hostile_brief())
    html = render.render_html(hostile_brief())
    assert "49" not in markdown and "49" not in html
    assert "{{ 7 * 7 }}" in MD.render(markdown)


def test_html_escapes_hostile_text() -> None:
    html = render.render_html(hostile_brief())
    assert "<script>" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


# ---------------------------------------------------------------------------------------------
# HTML


def test_html_source_references_are_superscripts_linking_to_the_sources_list() -> None:
    html = render.render_html(seeds_like())
    assert '<sup class="refs"><a href="#src-S1">1</a>,<a href="#src-S2">2</a>' in html
    assert '<li id="src-S3">' in html


def test_html_sets_the_page_size_from_paper() -> None:
    assert "@page { size: A4; }" in render.render_html(seeds_like())
    assert "@page { size: letter; }" in render.render_html(seeds_like(), paper="Letter")


def test_unknown_paper_size_is_a_render_error() -> None:
    with pytest.raises(render.RenderError, match="paper"):
        render.render_html(seeds_like(), paper="a5")


def test_html_puts_key_points_before_parties() -> None:
    html = render.render_html(seeds_like())
    assert html.index("<h2>Key points</h2>") < html.index("<h2>Parties</h2>")


# ---------------------------------------------------------------------------------------------
# Templates


def test_default_templates_are_found_without_a_templates_folder() -> None:
    folder = render.default_templates_dir()
    assert {"brief.md.j2", "brief.html.j2", "brief.css"} <= {p.name for p in folder.iterdir()}


def test_user_template_folder_overrides_file_by_file(tmp_path: Path) -> None:
    (tmp_path / "brief.md.j2").write_text("# {{ brief.title }}\n", encoding="utf-8")
    (tmp_path / "brief.css").write_text("h1 { color: rgb(1, 2, 3); }", encoding="utf-8")
    assert render.render_markdown(seeds_like(), tmp_path) == f"# {seeds_like().title}\n"
    html = render.render_html(seeds_like(), tmp_path)
    assert "rgb(1, 2, 3)" in html  # the user's stylesheet ...
    assert "<h2>Open questions</h2>" in html  # ... inside the default HTML template


def test_missing_templates_folder_is_a_render_error(tmp_path: Path) -> None:
    with pytest.raises(render.RenderError, match="not found"):
        render.render_markdown(seeds_like(), tmp_path / "nope")


def test_broken_user_template_is_a_one_line_render_error(tmp_path: Path) -> None:
    (tmp_path / "brief.md.j2").write_text("line one\n{% for x in %}\n", encoding="utf-8")
    with pytest.raises(render.RenderError, match=r"brief\.md\.j2:2"):
        render.render_markdown(seeds_like(), tmp_path)


def test_undefined_template_variables_fail_loudly(tmp_path: Path) -> None:
    (tmp_path / "brief.md.j2").write_text("{{ brief.no_such_field }}\n", encoding="utf-8")
    with pytest.raises(render.RenderError, match="no_such_field"):
        render.render_markdown(seeds_like(), tmp_path)


# ---------------------------------------------------------------------------------------------
# Helpers


@pytest.mark.parametrize(
    ("amount", "currency", "unit", "expected"),
    [
        (500_000_000, "USD", None, "USD 500 million"),
        (1_250_000_000, "USD", None, "USD 1.25 billion"),
        (2500, "EUR", None, "EUR 2,500"),
        (12.5, None, "%", "12.5%"),
        (40, None, "kt", "40 kt"),
        (None, "USD", None, "—"),
    ],
)
def test_amounts_are_written_for_readers(
    amount: float | None, currency: str | None, unit: str | None, expected: str
) -> None:
    if currency:
        figure: Value | KeyFigure = Value("x", amount, currency, None, [])
    else:
        figure = KeyFigure("x", amount, unit, None, [])
    assert render.format_amount(figure) == expected


def test_a_price_keeps_its_unit_and_a_range_writes_its_multiplier_once() -> None:
    assert render.format_amount(Value("x", 95, "USD", None, [], per="kilogram")) == (
        "USD 95 per kilogram"
    )
    assert render.format_amount(Value("x", 12e9, "USD", None, [], high=15e9)) == (
        "USD 12–15 billion"
    )


def test_the_other_figures_have_their_own_table() -> None:
    brief = Brief(
        "T",
        "2025-01-01",
        values=[Value("$5m", 5e6, "USD", "grant", ["S1"])],
        figures=[KeyFigure("a 10% stake", 10, "%", "stake in the mine", ["S1"])],
    )
    markdown = render.render_markdown(brief)
    value_table = markdown.split("## Value")[1].split("## Other figures")[0]
    figures_table = markdown.split("## Other figures")[1].split("## Minerals")[0]
    assert "USD 5 million" in value_table and "10%" not in value_table
    assert "| a 10% stake | 10% | stake in the mine |" in figures_table
