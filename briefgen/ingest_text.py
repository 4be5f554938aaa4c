"""Bytes → clean plain text: decoding (BOMs, declared and detected encodings), refusing binary
files, normalising characters and whitespace, and turning Markdown and HTML into plain text."""

from __future__ import annotations

import codecs
import logging
import re
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from typing import Any

from briefgen.ingest_meta import Meta, clean_value, parse_date

log = logging.getLogger("briefgen.ingest")


class Unreadable(Exception):
    """A file that cannot become an article; the message is the reason shown to the user."""


# Signatures of files that turn up renamed or mixed in with articles.
_MAGIC = (
    (b"%PDF-", "a PDF document"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive or Office document"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Office document"),
    (b"\x1f\x8b", "gzip-compressed data"),
    (b"{\\rtf", "an RTF document"),
)


def reject_binary_head(head: bytes) -> None:
    """Raise Unreadable if the first bytes are a known binary format's signature."""
    for magic, what in _MAGIC:
        if head.startswith(magic):
            raise Unreadable(f"not text (looks like {what})")
    if head.startswith(b"RIFF") and head[8:12] == b"WEBP":
        raise Unreadable("not text (looks like a WebP image)")


_BOMS = (  # UTF-32 first: its little-endian BOM starts with UTF-16's
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16"),
)

# Legacy encodings charset-normalizer may choose from when a file is not UTF-8.
_LEGACY = (
    "cp1252",
    "cp1250",
    "cp1251",
    "cp1253",
    "cp1254",
    "cp1255",
    "cp1256",
    "cp1257",
    "koi8_r",
    "gb18030",
    "big5",
    "shift_jis",
    "euc_jp",
    "euc_kr",
)
_MULTI_BYTE = {"gb18030", "big5", "shift_jis", "euc_jp", "euc_kr"}

# Characters that need cleaning. Most files have none: one search of this class is the only
# per-character pass over a clean file (str.translate with a table is ~20x slower).
_UNUSUAL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u00ad\u200b\u2028\u2029\u2060\ufeff]")
# Control characters that never belong in an article (tab and line breaks are not among them).
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f]")
_LINE_BREAK = re.compile(r"\r\n?|[\x0b\x0c\x85\u2028\u2029]")
# Removed: control characters, and invisible ones that split words for a tokenizer (soft
# hyphen, zero-width space, word joiner, stray byte-order marks). ZWJ/ZWNJ stay: scripts need them.
_DROP = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\u00ad\u200b\u2060\ufeff]")


def decode(data: bytes, *, html: bool = False) -> str:
    """Bytes → clean text: BOM, else a declared HTML charset, else UTF-8, else a detected legacy
    code page; then `clean_characters`. Raises Unreadable for binary data."""
    text = _decode(data, html)
    if _UNUSUAL.search(text) is None:
        return _nfc(text)
    controls = len(_CONTROL.findall(text))
    if controls > 1 and controls > len(text) // 100:
        raise Unreadable("not text (binary data)")
    return _clean(text)


def _decode(data: bytes, html: bool) -> str:
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(codec)
            except UnicodeDecodeError:
                raise Unreadable(f"not text (invalid {name} after its byte-order mark)") from None
    if b"\0" in data:
        utf16 = _bomless_utf16(data)
        if utf16 is None:
            raise Unreadable("not text (contains NUL bytes)")
        return utf16
    declared = _declared_charset(data) if html else None
    for codec in (declared or "utf-8", "utf-8"):
        try:
            return data.decode(codec)
        except (UnicodeDecodeError, LookupError):  # LookupError: not a text codec ("hex")
            pass
    return _decode_legacy(data)


def _bomless_utf16(data: bytes) -> str | None:
    """UTF-16 without a BOM: mostly-ASCII text has a zero in every other byte."""
    if len(data) < 4 or len(data) % 2:
        return None
    for codec, zeros in (("utf-16-le", data[1::2]), ("utf-16-be", data[0::2])):
        if zeros.count(0) >= 0.95 * len(zeros):
            try:
                return data.decode(codec)
            except UnicodeDecodeError:
                return None
    return None


_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.I)


def _declared_charset(data: bytes) -> str | None:
    found = _META_CHARSET.search(data[:4096])
    if not found:
        return None
    try:
        name = codecs.lookup(found.group(1).decode("ascii")).name
    except LookupError:
        return None
    if name.startswith(("utf-16", "utf-32")):  # cannot be declared inside ASCII bytes
        return None
    # As browsers do (WHATWG Encoding): latin-1 and ASCII labels mean windows-1252.
    return "cp1252" if name in ("latin-1", "iso8859-1", "ascii") else name


def _decode_legacy(data: bytes) -> str:
    """A non-UTF-8 file. Short Western texts give charset-normalizer too little to tell
    cp1252 from its cousins (it guesses cp1250, mac_roman, koi8_r ...), so cp1252 wins unless
    the detected encoding yields a non-Latin script and charset-normalizer is confident about it.
    """
    from charset_normalizer import from_bytes

    try:
        western: str | None = data.decode("cp1252")
    except UnicodeDecodeError:
        western = None
    best = from_bytes(data, cp_isolation=list(_LEGACY)).best()
    if best is not None:
        detected = str(best)
        confident = best.coherence >= 0.2 or best.encoding in _MULTI_BYTE
        if western is None or (confident and _non_latin_letters(detected)):
            return detected
    if western is not None:
        return western
    raise Unreadable("not text (unknown encoding or binary data)")


def _non_latin_letters(text: str) -> bool:
    return any(ch.isalpha() and ord(ch) > 0x24F for ch in text)


def clean_characters(text: str) -> str:
    """Line endings to "\\n", control and invisible characters removed, Unicode NFC.
    Quotes, dashes and non-breaking spaces are kept as written."""
    return _clean(text) if _UNUSUAL.search(text) else _nfc(text)


def _clean(text: str) -> str:
    return _nfc(_DROP.sub("", _LINE_BREAK.sub("\n", text)))


def _nfc(text: str) -> str:
    return text if unicodedata.is_normalized("NFC", text) else unicodedata.normalize("NFC", text)


def tidy(text: str) -> str:
    """No trailing whitespace on lines, at most one blank line in a row, one final newline."""
    text = "\n".join(line.rstrip() for line in text.split("\n"))
    while "\n\n\n" in text:  # a substring test is far cheaper than a regex pass
        text = text.replace("\n\n\n", "\n\n")
    return text.strip() + "\n"


def normalise(text: str) -> str:
    """A decoded plain text as ingest stores it (characters cleaned, whitespace tidied)."""
    return tidy(clean_characters(text))


# Dates only from the page's markup, and validated against a fixed latest date rather than
# "today", so the same page gives the same date on every run.
_HTML_DATE_PARAMS = {"original_date": True, "extensive_search": False, "max_date": "2099-12-31"}
_HAS_DOCUMENT = re.compile(r"<(?:html|body)\b", re.I)


def html_to_text(html: str) -> tuple[str, Meta]:
    """Main text (as Markdown, then plain text) and metadata of a saved web page.

    trafilatura works on the string only: nothing is fetched (no URL is given)."""
    import trafilatura

    if not _HAS_DOCUMENT.search(html[:5000]):
        html = f"<html><body>{html}</body></html>"  # a bare fragment, as saved by some tools
    with _quiet("trafilatura", "htmldate", "justext"):
        try:
            doc = trafilatura.bare_extraction(
                html,
                with_metadata=True,
                include_comments=False,
                include_tables=True,
                include_images=False,
                include_links=False,
                include_formatting=True,
                date_extraction_params=dict(_HTML_DATE_PARAMS),
            )
        except Exception as err:  # a third-party parser on arbitrary input: report, go on
            raise Unreadable(f"cannot extract text from the HTML ({type(err).__name__})") from None
    text = getattr(doc, "text", None)
    if not isinstance(text, str) or not text.strip():
        raise Unreadable("no article text found in the HTML")
    found_date = getattr(doc, "date", None)
    meta = Meta(
        title=clean_value(getattr(doc, "title", None), 300),
        outlet=clean_value(getattr(doc, "sitename", None), 100),
        date=parse_date(found_date) if isinstance(found_date, str) else None,
        author=clean_value(getattr(doc, "author", None), 200),
    )
    return markdown_to_text(text), meta


@contextmanager
def _quiet(*names: str) -> Iterator[None]:
    """Silence libraries' own log lines for one call: ingest reports each skipped file itself,
    in one line naming the file. With briefgen at DEBUG level they stay audible."""
    if log.isEnabledFor(logging.DEBUG):
        yield
        return
    loggers = [logging.getLogger(name) for name in names]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        for logger, level in zip(loggers, levels, strict=True):
            logger.setLevel(level)


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
