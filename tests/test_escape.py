"""The Markdown escaper: any text renders as that text, literally, and as nothing else."""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.footnote import footnote_plugin

from briefgen.render.markdown_escape import escape, normalise

# CommonMark + GFM tables + footnotes: what the brief's Markdown uses.
MD = MarkdownIt("commonmark").enable("table").use(footnote_plugin)

# Text biased towards Markdown syntax, mixed with arbitrary Unicode.
MARKDOWNISH = st.text(
    alphabet=st.one_of(
        st.sampled_from(list("\\`*_[]()<>!&#|~^${}:-+=.1 \n\t\"'/")),
        st.characters(),
    ),
    max_size=60,
)
HOSTILE = [
    "[click](javascript:alert(1))",
    "![x](http://evil.example/a.png)",
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "# Heading",
    "> quote",
    "- item",
    "+ item",
    "* item",
    "1. item",
    "12) item",
    "---",
    "===",
    "```python",
    "~~~",
    "    indented code",
    "a | b | c",
    "{{ 7 * 7 }} {% raw %}",
    "&amp; &#60; &copy;",
    "[^S1] [^S1]: fake footnote",
    "[ref]: http://evil.example",
    "<http://evil.example>",
    "$x^2$ costs $500 and $1",
    "**bold** _em_ `code` ~~gone~~",
    "trailing backslash \\",
    "line one\nline two\n\n# not a heading",
    "a\\|b",
    "\x00nul and \x1b[31m escape",
]


def inline_children(tokens: list[Token]) -> list[Token]:
    return [child for token in tokens if token.type == "inline" for child in token.children or []]


def plain_text(tokens: list[Token]) -> str:
    return "".join(t.content for t in inline_children(tokens) if t.type == "text")


def assert_only_text(tokens: list[Token]) -> None:
    for token in tokens:
        assert token.type not in {"html_block", "html_inline"}, token
    for child in inline_children(tokens):
        assert child.type == "text", child


@settings(max_examples=400, deadline=None)
@given(MARKDOWNISH)
@example("1. item")
@example("\xa0# heading after a no-break space")
def test_escaped_text_renders_as_one_paragraph_of_the_same_text(text: str) -> None:
    expected = normalise(text)
    tokens = MD.parse(escape(text))
    if not expected:
        assert tokens == []
        return
    assert [t.type for t in tokens] == ["paragraph_open", "inline", "paragraph_close"]
    assert_only_text(tokens)
    assert plain_text(tokens) == expected


@settings(max_examples=300, deadline=None)
@given(MARKDOWNISH)
def test_escaped_text_stays_inside_its_table_cell(text: str) -> None:
    source = f"| text | next |\n|---|---|\n| {escape(text)} | x |\n"
    tokens = MD.parse(source)
    cells = [t for t in tokens if t.type in {"th_open", "td_open"}]
    assert len(cells) == 4
    assert_only_text(tokens)
    body_cell = inline_children(tokens[tokens.index(cells[2]) + 1 : tokens.index(cells[2]) + 2])
    assert "".join(c.content for c in body_cell) == normalise(text)


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_renders_as_literal_text(text: str) -> None:
    html = MD.render(escape(text))
    assert html.startswith("<p>")
    for tag in ("<a ", "<img", "<script", "<h1", "<blockquote", "<li", "<pre", "<code", "<hr"):
        assert tag not in html


def test_escape_collapses_newlines_so_text_cannot_start_a_block() -> None:
    assert "\n" not in escape("first\n# second\n> third")


def test_escape_leaves_ordinary_prose_readable() -> None:
    text = "Pakistan and the United States signed a memorandum (MoU) on Monday, officials said."
    assert escape(text) == text


def test_escape_neutralises_link_injection() -> None:
    assert escape("[x](javascript:alert(1))") == "\\[x\\](javascript:alert(1))"


def test_escape_marks_dollar_signs_so_wikis_do_not_typeset_math() -> None:
    assert "$" not in escape("$500 million and $1 billion")


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="{}%#x \\", max_size=30))
@example("{{ config.secret }}")
@example("{% include '/etc/passwd' %}")
@example("{# comment #}")
def test_escape_leaves_no_jinja_tag_opener_for_wikis_that_run_pages_through_jinja(
    text: str,
) -> None:
    escaped = escape(text)
    for opener in ("{{", "{%", "{#"):
        assert opener not in escaped
    assert plain_text(MD.parse(escaped)) == normalise(text)


def test_escape_keeps_an_ordered_list_marker_as_text() -> None:
    assert escape("2025. A year of deals") == "2025\\. A year of deals"


def test_escape_drops_what_no_utf8_file_can_hold() -> None:
    assert escape("lone \ud800 surrogate").encode("utf-8") == b"lone surrogate"
