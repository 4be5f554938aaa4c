"""The Markdown as wikis show it: rendered by markdown-it-py (footnote plugin on, as in
MkDocs-style and CommonMark renderers) and Python-Markdown (footnotes, tables and toc, as in
MkDocs). Citations must come out as one short link per source per item, the Sources list
without back-links, and nothing of the Markdown syntax left showing."""

from __future__ import annotations

import json
import re
from pathlib import Path

import markdown as python_markdown
import pytest
from markdown_it import MarkdownIt
from mdit_py_plugins.anchors import anchors_plugin
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.front_matter import front_matter_plugin

from briefgen import render
from briefgen.brief import Brief

DATA = Path(__file__).parent / "data"
LINK = re.compile(r'<a href="([^"]*)">([^<]*)</a>')


def seeds_like() -> Brief:
    return Brief.from_dict(json.loads((DATA / "brief-seeds-like.json").read_text("utf-8")))


def markdown_it(text: str) -> str:
    md = MarkdownIt("commonmark").enable("table").use(footnote_plugin).use(front_matter_plugin)
    return md.use(anchors_plugin, max_level=2).render(text)


def python_markdown_html(text: str) -> str:
    body = text.split("---\n", 2)[2]  # MkDocs strips the YAML front matter itself
    return python_markdown.markdown(body, extensions=["footnotes", "tables", "toc"])


RENDERERS = {"markdown-it-py": markdown_it, "Python-Markdown": python_markdown_html}


@pytest.fixture(params=sorted(RENDERERS), scope="module")
def page(request: pytest.FixtureRequest) -> str:
    return RENDERERS[request.param](render.render_markdown(seeds_like()))


def key_point_items(page: str) -> list[str]:
    section = page.split(">Key points</h2>", 1)[1].split("<h2", 1)[0]
    return re.findall(r"<li>(.*?)</li>", section, flags=re.S)


def test_each_key_point_links_each_of_its_sources_once(page: str) -> None:
    brief = seeds_like()
    for item, point in zip(key_point_items(page), brief.summary, strict=True):
        links = LINK.findall(item)
        # In the order of the Sources list, each once.
        assert [text for _, text in links] == sorted(set(point.sources), key=lambda i: int(i[1:]))
        assert {href for href, _ in links} == {"#sources"}


def test_references_resolve_to_the_sources_heading(page: str) -> None:
    assert 'id="sources"' in page
    assert "[S" not in re.sub(r"<[^>]+>", "", page)  # no reference left unresolved as text


def test_no_footnote_numbering_or_back_link_clutter(page: str) -> None:
    for clutter in ("↩", "footnote", "[1:", ":1]", "<sup"):
        assert clutter not in page


def test_the_sources_list_says_what_each_source_is_without_links(page: str) -> None:
    section = page.split(">Sources</h2>", 1)[1]
    items = re.findall(r"<li>(.*?)</li>", section, flags=re.S)
    assert len(items) == len(seeds_like().sources)
    assert not any("<a " in item for item in items)
    assert (
        "<strong>S3</strong>: <em>Pakistan, U.S. Firm Strike Deal on Critical Minerals</em>"
        in (items[2])
    )
    assert "No outlet or date known for any of the 5 sources" in section


def test_the_glance_box_is_a_quote_with_labelled_lines(page: str) -> None:
    box = page.split("<blockquote>", 1)[1].split("</blockquote>", 1)[0]
    assert "<strong>At a glance</strong>" in box
    assert "<li><strong>Principals:</strong> US Strategic Metals, Frontier Works Organization" in (
        box
    )
