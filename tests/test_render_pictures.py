"""The two pictures (corroboration matrix, timeline strip): SVG from the Brief, deterministic,
inline in the HTML, files linked from the Markdown."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from test_render_view import deal_brief

from briefgen import render
from briefgen.output import render_all, write_files
from briefgen.render import view

SVG = "{http://www.w3.org/2000/svg}"


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def test_pictures_are_well_formed_svg_with_text_alternatives() -> None:
    pictures = render.render_pictures(deal_brief())
    assert sorted(pictures) == ["matrix", "timeline"]
    for svg in pictures.values():
        root = parse(svg)
        assert root.tag == f"{SVG}svg" and root.get("role") == "img"
        assert root.find(f"{SVG}title") is not None
        assert (root.find(f"{SVG}desc").text or "").strip()


def test_pictures_are_identical_on_every_render() -> None:
    assert render.render_pictures(deal_brief()) == render.render_pictures(deal_brief())


def test_matrix_rows_are_key_points_and_money_figures_filled_where_a_source_states_them() -> None:
    matrix = view.corroboration(deal_brief())
    assert [row.count for row in matrix.rows] == ["3/3", "1/3", "2/3", "1/3"]
    assert [c.stated for c in matrix.rows[2].cells] == [True, False, True]  # $2.4 billion: S1, S3
    assert [c.stated for c in matrix.rows[3].cells] == [False, True, False]  # $2 billion: S2


def test_matrix_marks_the_rows_a_conflict_question_names() -> None:
    matrix = view.corroboration(deal_brief())
    # The question names both figures and quotes the second key point's sentence.
    assert [row.conflict for row in matrix.rows] == [False, True, True, True]
    assert all(c.disputed for c in matrix.rows[2].cells)  # S1, S2, S3 are all named
    assert "disputed between S1, S2, S3" in matrix.description


def test_disputed_cells_differ_in_shape_not_only_colour() -> None:
    root = parse(render.render_pictures(deal_brief())["matrix"])
    rows = [g for g in root.iter(f"{SVG}g") if g.get("class") == "row"]
    slashes = [len(list(g.iter(f"{SVG}line"))) for g in rows]
    assert slashes == [0, 3, 3, 3]


def test_timeline_puts_dated_items_and_years_in_order_and_marks_the_event() -> None:
    strip = view.timeline_strip(deal_brief())
    assert [m.when for m in strip.marks] == [
        "2019",
        "2026-02-16 (Monday)",
        "2026-02-17 (Tuesday)",
        "2030-01-01 (2030)",
    ]
    assert [m.event for m in strip.marks] == [False, False, True, False]
    assert [m.x for m in strip.marks] == sorted(m.x for m in strip.marks)
    assert strip.marks[0].x_end > strip.marks[0].x  # a bare year spans its year
    assert strip.undated == [("next year", "Dredging starts.")]


def test_a_timeline_without_dates_says_so() -> None:
    brief = deal_brief()
    brief.timeline = [t for t in brief.timeline if t.text == "next year"]
    svg = render.render_pictures(brief)["timeline"]
    assert "No item has a full date or a year." in svg
    assert "Dredging starts." in svg


def test_html_shows_both_pictures_inline() -> None:
    html = render.render_html(deal_brief())
    assert html.count("<svg ") == 2
    assert html.index('class="picture matrix"') < html.index('class="parties"')
    assert html.index("<h2>Timeline</h2>") < html.index('class="picture strip"')


def test_markdown_links_the_picture_files_only_when_asked() -> None:
    assert ".svg" not in render.render_markdown(deal_brief())
    markdown = render.render_markdown(deal_brief(), pictures="port-deal")
    assert "](port-deal.matrix.svg)" in markdown
    assert "](port-deal.timeline.svg)" in markdown


def test_written_markdown_links_the_svg_files_written_beside_it(tmp_path: Path) -> None:
    files = render_all(deal_brief(), pictures=True)
    paths = write_files(tmp_path, "port-deal", files)
    assert [p.name for p in paths] == [
        "port-deal.md",
        "port-deal.json",
        "port-deal.matrix.svg",
        "port-deal.timeline.svg",
    ]
    markdown = (tmp_path / "port-deal.md").read_text("utf-8")
    for name in ("port-deal.matrix.svg", "port-deal.timeline.svg"):
        assert f"]({name})" in markdown
        assert parse((tmp_path / name).read_text("utf-8")).tag == f"{SVG}svg"
    assert "{stem}" not in markdown


def test_without_pictures_the_output_is_markdown_and_json_only() -> None:
    files = render_all(deal_brief())
    assert sorted(files) == ["json", "md"]
    assert b".svg" not in files["md"]
