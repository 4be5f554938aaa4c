"""Markdown → plain text, with markdown-it (imported on first use): blocks kept apart, list
items and table rows kept as lines, markup dropped."""

from __future__ import annotations

import re
from functools import cache
from typing import Any


@cache
def _markdown_parser() -> Any:
    from markdown_it import MarkdownIt

    # CommonMark without typographic replacements: quotes and dashes stay as written.
    return MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])


def markdown_to_text(source: str) -> str:
    """Markdown → plain text. Headings, paragraphs, quotes and code become blank-line separated
    blocks (heading markers dropped); list items become "• item" / "1. item" lines and table
    rows "cell | cell" lines; links keep their text; images, raw HTML tags, emphasis markers
    and rules are dropped."""
    blocks: list[str] = []
    group: list[str] = []  # lines of the current list or table, one block when it closes
    lists: list[int | None] = []  # per open list: next number, or None for bullets
    marker: str | None = None  # "• " of a list item whose first line is not written yet
    row: list[str] | None = None  # cells of the current table row

    def emit(text: str) -> None:
        nonlocal marker
        if row is not None:
            row.append(text.replace("\n", " "))
        elif marker is not None:
            group.append(marker + text)
            marker = None
        elif lists:
            group.append("  " * len(lists) + text)
        else:
            blocks.append(text)

    for token in _markdown_parser().parse(source):
        kind = token.type
        if kind in ("bullet_list_open", "ordered_list_open"):
            ordered = kind == "ordered_list_open"
            lists.append(int(token.attrGet("start") or 1) if ordered else None)
        elif kind in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
            if not lists:
                blocks.append("\n".join(group))
                group = []
        elif kind == "list_item_open":
            number = lists[-1]
            marker = "  " * (len(lists) - 1) + ("• " if number is None else f"{number}. ")
            if number is not None:
                lists[-1] = number + 1
        elif kind == "list_item_close":
            marker = None
        elif kind == "tr_open":
            row = []
        elif kind == "tr_close" and row is not None:
            cells, row = row, None
            group.append(" | ".join(cells))
        elif kind == "table_close" and not lists:
            blocks.append("\n".join(group))
            group = []
        elif kind == "inline":
            emit(_inline_text(token.children or []))
        elif kind in ("fence", "code_block"):
            emit(token.content.rstrip("\n"))
        elif kind == "html_block":
            emit(_strip_tags(token.content))
        # heading/paragraph/blockquote open-close and rules carry no text of their own
    return "\n\n".join(block for block in blocks if block.strip()) + "\n"


_TAG = re.compile(r"<!--.*?-->|<[^>]*>", re.S)
_BR = re.compile(r"<br\s*/?>", re.I)


def _strip_tags(html: str) -> str:
    """Text left in a raw HTML block inside Markdown (comments and tags removed)."""
    return " ".join(_TAG.sub(" ", html).split())


def _inline_text(children: list[Any]) -> str:
    """The prose of one inline run: text and code kept, markup dropped.

    A soft line break joins hard-wrapped lines of one sentence with a space, but stays a line
    break after a line that ends a sentence or is short (a label or heading-like line), so
    text laid out one paragraph per line keeps its lines, as in a .txt file."""
    lines: list[str] = []
    current: list[str] = []
    for child in children:
        kind = child.type
        if kind in ("text", "code_inline"):
            current.append(child.content)
        elif kind == "softbreak":
            line = "".join(current).rstrip()
            if line[-1:] in ".!?:;\"'”’)]" or len(line.split()) < 8:
                lines.append(line)
                current = []
            else:
                current = [line, " "]
        elif kind == "hardbreak" or (kind == "html_inline" and _BR.match(child.content)):
            lines.append("".join(current).rstrip())
            current = []
        # links, emphasis, strikethrough, images and inline HTML tags contribute no text
    lines.append("".join(current))
    return "\n".join(line.strip() for line in lines).strip()
