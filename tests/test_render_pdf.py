"""PDF output: content, page size, layout rules and byte-identical renders."""

from __future__ import annotations

import io
import json
import logging
import os
import time
from collections import defaultdict
from dataclasses import replace
from pathlib import Path

import pypdf
import pytest

from briefgen import render
from briefgen.brief import Brief, KeyPoint, Party, Source

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
A4 = (595.28, 841.89)  # points
LETTER = (612.0, 792.0)


def seeds_like() -> Brief:
    return Brief.from_dict(json.loads((DATA / "brief-seeds-like.json").read_text("utf-8")))


@pytest.fixture(scope="module")
def seeds_pdf() -> bytes:
    return render.render_pdf(seeds_like())


def read(pdf: bytes) -> pypdf.PdfReader:
    return pypdf.PdfReader(io.BytesIO(pdf))


def text_of(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in read(pdf).pages)


def test_pdf_contains_the_title_and_every_section_heading(seeds_pdf: bytes) -> None:
    text = text_of(seeds_pdf)
    assert "US Strategic Metals and Frontier Works Organization" in text
    for heading in SECTIONS:
        assert f"\n{heading}\n" in text


def test_key_points_come_first(seeds_pdf: bytes) -> None:
    text = text_of(seeds_pdf)
    # As headings, on lines of their own: the at-a-glance box above names "Minerals" too.
    assert text.index("\nKey points\n") < min(text.index(f"\n{h}\n") for h in SECTIONS[1:])


def test_seeds_sized_brief_fits_on_two_pages(seeds_pdf: bytes) -> None:
    assert len(read(seeds_pdf).pages) == 2


def test_pages_have_a_running_header_and_a_numbered_dated_footer(seeds_pdf: bytes) -> None:
    pages = [page.extract_text() for page in read(seeds_pdf).pages]
    assert "page 1 of 2" in pages[0] and "page 2 of 2" in pages[1]
    assert all("generated 2025-09-09" in page for page in pages)
    # Page 2 repeats the title in its header; page 1 shows it once, as the title itself.
    assert pages[1].count("US Strategic Metals and Frontier Works Organization sign") == 1
    assert pages[0].count("US Strategic Metals and Frontier Works Organization") == 1


def test_a4_is_the_default_paper(seeds_pdf: bytes) -> None:
    box = read(seeds_pdf).pages[0].mediabox
    assert (float(box.width), float(box.height)) == pytest.approx(A4, abs=0.5)


def test_letter_paper_on_request() -> None:
    box = read(render.render_pdf(seeds_like(), paper="letter")).pages[0].mediabox
    assert (float(box.width), float(box.height)) == pytest.approx(LETTER, abs=0.5)


def test_pdf_metadata_carries_the_title_and_the_brief_date(seeds_pdf: bytes) -> None:
    meta = read(seeds_pdf).metadata
    assert meta is not None
    assert meta.title == seeds_like().title
    assert meta.creation_date is not None and meta.modification_date is not None
    assert meta.creation_date.date().isoformat() == "2025-09-09"
    assert meta.modification_date.date().isoformat() == "2025-09-09"


def test_source_references_link_to_the_sources_list(seeds_pdf: bytes) -> None:
    page = read(seeds_pdf).pages[0]
    links = [a.get_object() for a in page.get("/Annots", [])]
    internal = [a for a in links if a.get("/Subtype") == "/Link" and "/Dest" in a]
    assert len(internal) >= len(seeds_like().summary)


def test_same_brief_gives_byte_identical_pdfs(seeds_pdf: bytes) -> None:
    assert render.render_pdf(seeds_like()) == seeds_pdf


def test_pdf_bytes_do_not_depend_on_the_clock_even_with_fonttools_subsetting(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Without libharfbuzz-subset WeasyPrint subsets fonts with fontTools, which stamps each font
    # with the current time unless SOURCE_DATE_EPOCH is set. Force that path and move the clock.
    import weasyprint.pdf.fonts

    monkeypatch.setattr(weasyprint.pdf.fonts, "harfbuzz_subset", None)
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    now = time.time()
    monkeypatch.setattr(time, "time", lambda: now)
    first = render.render_pdf(seeds_like())
    monkeypatch.setattr(time, "time", lambda: now + 86_400 * 400)
    assert render.render_pdf(seeds_like()) == first


def test_render_pdf_restores_the_callers_source_date_epoch(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "12345")
    render.render_pdf(Brief(title="t", generated="2025-01-01"))
    assert os.environ["SOURCE_DATE_EPOCH"] == "12345"


def test_bad_brief_date_is_a_render_error() -> None:
    with pytest.raises(render.RenderError, match="YYYY-MM-DD"):
        render.render_pdf(Brief(title="t", generated="09/09/2025"))


def rows_per_page(brief: Brief, templates: Path | None = None) -> dict[int, set[int]]:
    """Page numbers on which each body row's boxes were laid out, keyed by the row element.

    Header rows are left out: they repeat on every page by design."""
    from weasyprint import HTML

    document = HTML(string=render.render_html(brief, templates)).render()
    pages: dict[int, set[int]] = defaultdict(set)
    for number, page in enumerate(document.pages, start=1):
        for group in page._page_box.descendants():
            if type(group).__name__ == "TableRowGroupBox" and not group.is_header:
                for row in group.children:
                    pages[id(row.element)].add(number)
    return pages


def long_parties_brief() -> Brief:
    # Tall rows (about ten lines each), so that some page boundary falls inside one.
    role = "a party whose role takes many lines to explain in this table " * 10
    parties = [Party(f"Organisation {i}", "ORG", [f"Org{i}"], role, 2, ["S1"]) for i in range(10)]
    return Brief(
        title="Many parties",
        generated="2025-09-09",
        sources=[Source("S1", "a.txt", "A", None, None, 100, "0")],
        parties=parties,
    )


def test_table_rows_never_split_across_pages() -> None:
    pages = rows_per_page(long_parties_brief())
    assert max(max(p) for p in pages.values()) >= 2  # the table does run over pages
    assert all(len(p) == 1 for p in pages.values())


def test_row_check_detects_split_rows_when_the_stylesheet_allows_them(tmp_path: Path) -> None:
    css = render.find_template_file("brief.css", render.template_dirs()).read_text("utf-8")
    (tmp_path / "brief.css").write_text(
        css.replace("tr { break-inside: avoid; }", "tr { break-inside: auto; }"), "utf-8"
    )
    pages = rows_per_page(long_parties_brief(), tmp_path)
    assert any(len(p) > 1 for p in pages.values())


def test_an_empty_brief_still_renders_every_section() -> None:
    text = text_of(render.render_pdf(Brief(title="Nothing found", generated="2025-01-02")))
    for heading in SECTIONS:
        assert f"\n{heading}\n" in text
    assert "No money figures in the sources." in text


def page_boxes(brief: Brief) -> list[list[object]]:
    """Each page's laid-out boxes, in document order."""
    from weasyprint import HTML

    document = HTML(string=render.render_html(brief)).render()
    return [list(page._page_box.descendants()) for page in document.pages]


def test_table_header_rows_repeat_on_every_page_the_table_reaches() -> None:
    pages = page_boxes(long_parties_brief())
    with_rows = [
        boxes
        for boxes in pages
        if any(type(b).__name__ == "TableRowGroupBox" and not b.is_header for b in boxes)  # type: ignore[attr-defined]
    ]
    assert len(with_rows) >= 2
    for boxes in with_rows:
        assert any(type(b).__name__ == "TableRowGroupBox" and b.is_header for b in boxes)  # type: ignore[attr-defined]


def test_no_page_ends_with_a_section_heading() -> None:
    # Key points added one line at a time move every later heading through the page ends.
    base = seeds_like()
    filler = KeyPoint("A key point written to push the later sections down by a line.", ["S1"])
    for extra in range(0, 40, 5):
        brief = replace(base, summary=base.summary + [filler] * extra)
        for boxes in page_boxes(brief):
            tags = [getattr(b, "element_tag", None) for b in boxes]
            content = [t for t in tags if t in {"h2", "li", "tr", "p", "dd", "figure"}]
            assert content[-1] != "h2", f"a heading ends a page with {extra} extra key points"


def test_the_shipped_stylesheet_gives_weasyprint_nothing_to_warn_about(
    caplog: pytest.LogCaptureFixture,
) -> None:
    # Screen-only rules (media features WeasyPrint does not read) must not cost a warning line
    # on every PDF build.
    caplog.set_level(logging.WARNING, logger="weasyprint")
    render.render_pdf(seeds_like())
    assert [r.getMessage() for r in caplog.records if r.name.startswith("weasyprint")] == []
