"""Escape untrusted text so that Markdown renders it as plain text and nothing else.

Article text comes from the web. Put through `escape`, any string renders in CommonMark, GFM
(GitHub, GitLab) and Python-Markdown (MkDocs) as one run of literal text: no raw HTML, no link
or image, no emphasis or code, no table-cell break, no heading, quote, list or rule, no entity,
no footnote reference, no `{{`, `{%` or `{#` that a Jinja-based wiki (mkdocs-macros) would
read as a template tag, no `$…$` that GitHub would typeset as math.

How:
- whitespace runs (newlines included) collapse to one space, so a value can never start a new
  line and therefore never a new block; control characters are dropped (CommonMark would turn
  NUL into U+FFFD anyway);
- characters with inline meaning are escaped. A backslash works for the characters every one of
  these renderers accepts after a backslash (Python-Markdown accepts fewer than CommonMark and
  prints the backslash for the others); the rest become character references (`&lt;`, `&#124;`),
  which all of them decode. `&#124;` is also the one form of `|` that no GFM table splits on;
- a leading character that could open a block (`#`, `>`, `-`, `+`, `=`, `1.`) is escaped too, for
  templates that put a value at the start of a line.
"""

from __future__ import annotations

import re

# Generous on purpose: escaping a harmless character costs a few bytes of source, missing one
# costs an injection.
_ESCAPES = {
    "\\": "\\\\",
    "`": "\\`",
    "*": "\\*",
    "_": "\\_",
    "[": "\\[",
    "]": "\\]",
    "!": "\\!",  # so that a value ending in "!" cannot glue onto a following "[^S1]" as an image
    # References, not backslashes: "\\{%" still holds the "{%" that a Jinja-based wiki would
    # read as a statement before any Markdown renderer sees the backslash.
    "{": "&#123;",
    "}": "&#125;",
    "&": "&amp;",
    "<": "&lt;",
    "|": "&#124;",
    "$": "&#36;",
    "~": "&#126;",
    "^": "&#94;",
}
_LEADING = {
    "#": "\\#",
    ">": "\\>",
    "-": "\\-",
    "+": "\\+",
    "=": "&#61;",  # a setext underline; Python-Markdown has no backslash escape for "="
}
_WHITESPACE = re.compile(r"[ \t\n\r\f\v]+")
# C0 controls other than whitespace, DEL, C1 controls, and lone surrogates (no UTF-8 file can
# hold them, so the Markdown could not even be written).
_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
_ORDERED_MARKER = re.compile(r"^(\d+)([.)])")


def normalise(text: str) -> str:
    """Drop control characters, collapse whitespace runs to one space, strip the ends.

    This is the only change `escape` makes to what a reader sees. The ends lose every kind of
    Unicode whitespace because renderers trim paragraphs and table cells that way.
    """
    return _WHITESPACE.sub(" ", _CONTROLS.sub("", text)).strip()


def escape(text: str) -> str:
    """Return Markdown source that renders as exactly `normalise(text)`, in a paragraph,
    list item or table cell, whatever surrounds it on the line."""
    plain = normalise(text)
    if not plain:
        return ""
    head = _LEADING.get(plain[0])
    if head is not None:
        return head + "".join(_ESCAPES.get(ch, ch) for ch in plain[1:])
    escaped = "".join(_ESCAPES.get(ch, ch) for ch in plain)
    # "2025. A year…" at the start of a line would become an ordered list item.
    return _ORDERED_MARKER.sub(r"\1\\\2", escaped, count=1)
