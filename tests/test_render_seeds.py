"""The real seeds brief, built by the whole pipeline, renders as the product promises."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pypdf
import pytest

from briefgen import render
from briefgen.brief import Brief

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
EMPTY_SECTION_MESSAGES = {
    "No key points could be drawn from the sources.",
    "No parties identified in the sources.",
    "No money figures in the sources.",
    "No minerals named in the sources.",
    "No dated events in the sources.",
    "No background found in the sources.",
    "No open questions raised.",
    "No sources.",
}


@pytest.fixture(scope="module")
def seeds_brief(monkeypatch_module: pytest.MonkeyPatch) -> Brief:
    from briefgen.pipeline import build

    monkeypatch_module.delenv("SOURCE_DATE_EPOCH", raising=False)
    return build(SEEDS, date="2025-09-09", jobs=1)


@pytest.fixture(scope="module")
def monkeypatch_module() -> Iterator[pytest.MonkeyPatch]:
    with pytest.MonkeyPatch.context() as patch:
        yield patch


def test_seeds_brief_pdf_is_three_a4_pages(seeds_brief: Brief) -> None:
    reader = pypdf.PdfReader(io.BytesIO(render.render_pdf(seeds_brief)))
    assert len(reader.pages) == 3  # with the two pictures


def test_seeds_brief_markdown_has_no_empty_section(seeds_brief: Brief) -> None:
    lines = set(render.render_markdown(seeds_brief).splitlines())
    assert not lines & EMPTY_SECTION_MESSAGES
