"""Bytes → clean text: refusing binary files, decoding (byte-order marks, a declared HTML
charset, UTF-8, detected legacy code pages) and cleaning characters (line breaks, control and
invisible characters, Unicode NFC). charset-normalizer is imported only for non-UTF-8 files."""

from __future__ import annotations

import codecs
import re
import unicodedata


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

# Control characters that never belong in an article (tab and "\n" are not among them).
_CONTROLS = r"\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f"
# Invisible characters that split words for a tokenizer: soft hyphen, zero-width space, word
# joiner, stray byte-order marks. ZWJ/ZWNJ stay: scripts need them.
_INVISIBLE = r"\u00ad\u200b\u2060\ufeff"
# Line breaks other than "\n".
_BREAKS = r"\r\x0b\x0c\x85\u2028\u2029"

_CONTROL = re.compile(f"[{_CONTROLS}]")
_DROP = re.compile(f"[{_CONTROLS}{_INVISIBLE}]")
_LINE_BREAK = re.compile(rf"\r\n?|[{_BREAKS}]")  # "\r\n" is one break
# Everything above. Most files have none: one search of this class is the only per-character
# pass over a clean file (str.translate with a table is ~20x slower).
_UNUSUAL = re.compile(f"[{_CONTROLS}{_INVISIBLE}{_BREAKS}]")


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


def clean_characters(text: str) -> str:
    """Line endings to "\\n", control and invisible characters removed, Unicode NFC.
    Quotes, dashes and non-breaking spaces are kept as written."""
    return _clean(text) if _UNUSUAL.search(text) else _nfc(text)


def _clean(text: str) -> str:
    return _nfc(_DROP.sub("", _LINE_BREAK.sub("\n", text)))


def _nfc(text: str) -> str:
    return text if unicodedata.is_normalized("NFC", text) else unicodedata.normalize("NFC", text)


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
    for codec in dict.fromkeys((declared or "utf-8", "utf-8")):  # each codec tried once
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
