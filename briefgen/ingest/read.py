"""Folder → list[Article]: find the article files (`folder`), read each one — decode
(`decode`), Markdown/HTML to plain text (`markdown`, `html`), text printed one word per line
rejoined (`reflow`), metadata from the top (`metadata`), whitespace tidied — and drop
duplicates (`duplicates`).

Everything skipped is reported as one warning line naming the file and the reason, through
logging; nothing here prints.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from briefgen.brief import Article
from briefgen.config import Options
from briefgen.errors import NoArticlesError
from briefgen.ingest.budget import within_budget
from briefgen.ingest.decode import Unreadable, clean_characters, decode, reject_binary_head
from briefgen.ingest.duplicates import find_duplicates
from briefgen.ingest.folder import (
    ArticleFile,
    check_folder,
    find_article_files,
    nothing_found_message,
)
from briefgen.ingest.html import html_to_text
from briefgen.ingest.markdown import markdown_to_text
from briefgen.ingest.metadata import split_front_matter, split_header
from briefgen.ingest.reflow import rejoin_word_lines

log = logging.getLogger(__name__)


@dataclass
class ReadReport:
    """What `read_folder` did, for the build's summary line (each skip is also a warning)."""

    read: int = 0  # articles kept
    unreadable: int = 0  # files skipped: empty, binary, no text, cannot read
    duplicates: int = 0  # exact or near duplicates of another article
    cut: int = 0  # articles cut at the per-article budget

    def describe(self) -> str:
        """ "5 articles read (1 duplicate, 1 unreadable skipped; 1 cut at the size limit)"."""
        text = f"{self.read} article{'s' if self.read != 1 else ''} read"
        skipped = [
            f"{n} {what}"
            for n, what in ((self.duplicates, "duplicate"), (self.unreadable, "unreadable"))
            if n
        ]
        notes = [f"{', '.join(skipped)} skipped"] if skipped else []
        if self.cut:
            notes.append(f"{self.cut} cut at the size limit")
        return f"{text} ({'; '.join(notes)})" if notes else text


def read_folder(
    folder: Path,
    *,
    recursive: bool = False,
    include: Sequence[str] = (),
    exclude: Sequence[str] = (),
    ignore: Sequence[Path] = (),
    max_article_chars: int = Options.max_article_chars,
    report: ReadReport | None = None,
) -> list[Article]:
    """Read every article in `folder`, sorted by relative path (so source ids are stable).

    `include`/`exclude` are `fnmatch` patterns matched, case-sensitively, against the path
    relative to `folder` with "/" separators; `*` also matches "/" (so "*.md" selects Markdown
    files at any depth). With `include`, only matching files are read; an exclude pattern that
    matches a sub-folder's path skips that folder. Paths in `ignore` (e.g. the output folder)
    are never read. An article's text is bounded by `ingest.budget` (at most
    `max_article_chars` characters, repeats read once, no endless word); a cut is a warning.
    `report`, when given, is filled with what was read and skipped.
    """
    report = report if report is not None else ReadReport()
    folder = Path(folder)
    root = check_folder(folder)
    ignored = frozenset(Path(p).resolve() for p in ignore)
    found, notes = find_article_files(
        root, recursive=recursive, include=include, exclude=exclude, ignored=ignored
    )
    for note in notes:
        log.warning("%s", note)
    articles: list[Article] = []
    for file in found:
        try:
            article, cut = _read_article(file, max_article_chars)
            articles.append(article)
            report.cut += cut
        except Unreadable as reason:
            report.unreadable += 1
            log.warning("skipped %s: %s", file.rel, reason)
    duplicates = find_duplicates([a.text for a in articles])
    for dup in duplicates:
        how = "duplicate" if dup.percent is None else "near-duplicate"
        same = "" if dup.percent is None else f" ({dup.percent}% same wording)"
        log.warning(
            "skipped %s: %s of %s%s", articles[dup.index].file, how, articles[dup.of].file, same
        )
    dropped = {dup.index for dup in duplicates}
    kept = [a for i, a in enumerate(articles) if i not in dropped]
    report.duplicates += len(dropped)
    report.unreadable += len(notes)
    report.read += len(kept)
    if not kept:
        skipped = len(notes) + len(found)
        raise NoArticlesError(nothing_found_message(folder, root, skipped, recursive, ignored))
    return kept


def normalise(text: str) -> str:
    """A decoded plain text as ingest stores it (characters cleaned, whitespace tidied)."""
    return _tidy(clean_characters(text))


def _read_article(file: ArticleFile, max_chars: int) -> tuple[Article, bool]:
    """The article, and whether it was cut at the per-article budget."""
    data = _read_bytes(file.path)
    if not data:
        raise Unreadable("empty file")
    text = decode(data, html=file.kind == "html")
    if not text.strip():
        raise Unreadable("empty (only whitespace)")
    if file.kind == "html":
        text, meta = html_to_text(text)
    else:
        meta, text = split_front_matter(text)
        if file.kind == "markdown":
            text = markdown_to_text(text)
    text = rejoin_word_lines(text)  # before the header: its lines must be whole lines
    header, text = split_header(text)
    meta = meta.filled_from(header)
    budgeted = within_budget(text, max_chars)
    if budgeted.truncated_from is not None:
        log.warning(
            "%s: read only the first %s of %s characters (per-article limit, max-article-chars)",
            file.rel,
            f"{len(budgeted.text):,}",
            f"{budgeted.truncated_from:,}",
        )
    if budgeted.repeats:
        log.debug("%s: %d repeated sentences or lines read once", file.rel, budgeted.repeats)
    text = _tidy(budgeted.text)
    if not text.strip():
        raise Unreadable("no article text found")
    article = Article(
        file=file.rel,
        text=text,
        sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        title=meta.title,
        outlet=meta.outlet,
        date=meta.date,
        author=meta.author,
    )
    return article, budgeted.truncated_from is not None


def _read_bytes(path: Path) -> bytes:
    try:
        with path.open("rb") as handle:
            head = handle.read(4096)
            reject_binary_head(head)  # before reading the rest of a possibly huge binary
            return head + handle.read()
    except OSError as err:
        raise Unreadable(f"cannot read ({err.strerror or err})") from None


def _tidy(text: str) -> str:
    """No trailing whitespace on lines, at most one blank line in a row, one final newline."""
    text = "\n".join(line.rstrip() for line in text.split("\n"))
    while "\n\n\n" in text:  # a substring test is far cheaper than a regex pass
        text = text.replace("\n\n\n", "\n\n")
    return text.strip() + "\n"
