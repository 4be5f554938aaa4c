"""Folder → list[Article]: find the article files, read each one (ingest_text: decoding and
Markdown/HTML to plain text; ingest_meta: metadata lines), and drop empty, binary and duplicate
files (ingest_dedup).

Everything skipped is reported as one warning line naming the file and the reason, through
`logging.getLogger(__name__)`; nothing here prints. Slow imports (trafilatura ~0.2 s,
markdown-it, charset-normalizer, PyYAML) happen only when a file needs them.
"""

from __future__ import annotations

import hashlib
import logging
import os
import stat
from collections.abc import Sequence
from fnmatch import fnmatchcase
from pathlib import Path

from briefgen.brief import Article
from briefgen.errors import BriefgenError, NoArticlesError, UsageError
from briefgen.ingest_dedup import find_duplicates
from briefgen.ingest_meta import split_front_matter, split_header
from briefgen.ingest_text import (
    Unreadable,
    decode,
    html_to_text,
    markdown_to_text,
    normalise,
    reject_binary_head,
    tidy,
)

__all__ = ["KINDS", "PATTERNS", "normalise", "read_folder"]

log = logging.getLogger(__name__)

# Suffix (case-insensitive) → how the file is read.
KINDS = {".txt": "text", ".md": "markdown", ".html": "html", ".htm": "html"}
PATTERNS = tuple(f"*{suffix}" for suffix in KINDS)


def read_folder(
    folder: Path,
    *,
    recursive: bool = False,
    include: Sequence[str] = (),
    exclude: Sequence[str] = (),
    ignore: Sequence[Path] = (),
) -> list[Article]:
    """Read every article in `folder`, sorted by relative path (so source ids are stable).

    `include`/`exclude` are `fnmatch` patterns matched, case-sensitively, against the path
    relative to `folder` with "/" separators; `*` also matches "/" (so "*.md" selects Markdown
    files at any depth). With `include`, only matching files are read; an exclude pattern that
    matches a sub-folder's path skips that folder. Paths in `ignore` (e.g. the output folder)
    are never read.
    """
    folder = Path(folder)
    root = _check_folder(folder)
    ignored = frozenset(Path(p).resolve() for p in ignore)
    include, exclude = _patterns(include), _patterns(exclude)
    found, notes = _find_files(root, recursive, include, exclude, ignored)
    for note in notes:
        log.warning("%s", note)
    articles: list[Article] = []
    for rel, path, kind in found:
        try:
            articles.append(_read_article(rel, path, kind))
        except Unreadable as reason:
            log.warning("skipped %s: %s", rel, reason)
    duplicates = find_duplicates([a.text for a in articles])
    for dup in duplicates:
        how = "duplicate" if dup.percent is None else "near-duplicate"
        same = "" if dup.percent is None else f" ({dup.percent}% same wording)"
        log.warning(
            "skipped %s: %s of %s%s", articles[dup.index].file, how, articles[dup.of].file, same
        )
    dropped = {dup.index for dup in duplicates}
    kept = [a for i, a in enumerate(articles) if i not in dropped]
    if not kept:
        skipped = len(notes) + len(found)
        raise NoArticlesError(_nothing_found(folder, root, skipped, recursive, ignored))
    return kept


def _check_folder(folder: Path) -> Path:
    if not folder.exists():
        raise UsageError(f"source folder {folder} does not exist")
    if not folder.is_dir():
        raise UsageError(f"{folder} is not a folder")
    if not os.access(folder, os.R_OK | os.X_OK):
        raise BriefgenError(f"cannot read folder {folder}: permission denied")
    return folder.resolve()


def _nothing_found(
    folder: Path, root: Path, skipped: int, recursive: bool, ignored: frozenset[Path]
) -> str:
    looked = ", ".join(PATTERNS)
    extra = f"; skipped {skipped} unusable file{'s' if skipped != 1 else ''}" if skipped else ""
    if not recursive:
        every, _ = _find_files(root, True, (), (), ignored)
        deeper = [rel for rel, _, _ in every if "/" in rel]
        if deeper:
            extra += f"; {len(deeper)} more in sub-folders (read them with --recursive)"
    return f"no articles found in {folder.as_posix().rstrip('/')}/ (looked for {looked}{extra})"


# Finding files


def _find_files(
    root: Path,
    recursive: bool,
    include: tuple[str, ...],
    exclude: tuple[str, ...],
    ignored: frozenset[Path],
) -> tuple[list[tuple[str, Path, str]], list[str]]:
    """(relative POSIX path, path to read, kind) for every file to read, plus warning lines.

    Hidden names are skipped. Symlinks to files inside `root` are read; symlinks that lead
    outside are not followed (a warning). Symlinked folders are never descended: their target
    is either inside `root` (and read there) or outside it; this also rules out loops.
    """
    found: list[tuple[str, Path, str]] = []
    notes: list[str] = []
    stack: list[tuple[Path, str]] = [(root, "")]
    while stack:
        directory, prefix = stack.pop()
        try:
            # Sorted so traversal and warnings do not depend on the filesystem's order.
            entries = sorted(os.scandir(directory), key=lambda e: e.name)
        except OSError as err:
            notes.append(f"skipped {prefix or './'}: cannot read folder ({err.strerror})")
            continue
        subfolders = []
        for entry in entries:
            rel = prefix + _printable_name(entry.name)
            if entry.name.startswith("."):
                log.debug("ignored hidden %s", rel)
                continue
            if _is_dir(entry):
                if not recursive or _matches(rel, exclude):
                    continue
                if entry.is_symlink():
                    target = _resolve(entry.path)
                    if target is not None and not _inside(target, root):
                        notes.append(f"skipped {rel}/: symlink to a folder outside the source")
                    continue
                if Path(entry.path) in ignored:
                    log.debug("ignored %s/ (output or ignored folder)", rel)
                    continue
                subfolders.append((Path(entry.path), rel + "/"))
                continue
            chosen = _choose_file(entry, rel, root, include, exclude, ignored, notes)
            if chosen is not None:
                found.append((rel, *chosen))
        stack.extend(reversed(subfolders))
    found.sort(key=lambda item: item[0].split("/"))
    return found, notes


def _choose_file(
    entry: os.DirEntry[str],
    rel: str,
    root: Path,
    include: tuple[str, ...],
    exclude: tuple[str, ...],
    ignored: frozenset[Path],
    notes: list[str],
) -> tuple[Path, str] | None:
    """(path to read, kind) if this directory entry is an article file to read, else None."""
    selected = _matches(rel, include)
    if (include and not selected) or _matches(rel, exclude):
        log.debug("ignored %s (--include/--exclude)", rel)
        return None
    kind = KINDS.get(os.path.splitext(entry.name)[1].lower())
    if kind is None:
        # Other files (images, PDFs, notes) are normal in a working folder: silent, unless
        # the user's --include pattern picked this one by name.
        if selected:
            notes.append(f"skipped {rel}: unsupported file type (briefgen reads {_SUFFIXES})")
        else:
            log.debug("ignored %s: not an article file type", rel)
        return None
    path = Path(entry.path)
    if entry.is_symlink():
        target = _resolve(entry.path)
        if target is None:
            notes.append(f"skipped {rel}: broken symlink")
            return None
        if not _inside(target, root):
            notes.append(f"skipped {rel}: symlink to a file outside the source folder")
            return None
        path = target
        if any(p in ignored for p in path.parents):
            log.debug("ignored %s (links into an ignored folder)", rel)
            return None
    if path in ignored:  # ignored folders themselves were never entered
        log.debug("ignored %s (ignored path)", rel)
        return None
    try:
        mode = entry.stat().st_mode  # follows symlinks; cached by scandir for plain files
    except OSError as err:
        notes.append(f"skipped {rel}: cannot read ({err.strerror})")
        return None
    if not stat.S_ISREG(mode):  # a FIFO or device would block or never end
        notes.append(f"skipped {rel}: not a regular file")
        return None
    return path, kind


_SUFFIXES = ", ".join(KINDS)


def _patterns(patterns: Sequence[str]) -> tuple[str, ...]:
    """Patterns are relative to the folder: "./a.txt" means "a.txt"."""
    return tuple(p.removeprefix("./") for p in patterns)


def _printable_name(name: str) -> str:
    """A file name as shown and stored. Names that are not valid UTF-8 arrive with lone
    surrogates, which would break writing the brief: they get U+FFFD instead."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _matches(rel: str, patterns: tuple[str, ...]) -> bool:
    return any(fnmatchcase(rel, pattern) for pattern in patterns)


def _is_dir(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()
    except OSError:
        return False


def _resolve(path: str) -> Path | None:
    try:
        return Path(path).resolve(strict=True)
    except (OSError, RuntimeError):  # missing target, or a symlink loop
        return None


def _inside(path: Path, root: Path) -> bool:
    return path == root or root in path.parents


# Reading one file


def _read_article(rel: str, path: Path, kind: str) -> Article:
    data = _read_bytes(path)
    if not data:
        raise Unreadable("empty file")
    text = decode(data, html=kind == "html")
    if not text.strip():
        raise Unreadable("empty (only whitespace)")
    if kind == "html":
        text, meta = html_to_text(text)
    else:
        meta, text = split_front_matter(text)
        if kind == "markdown":
            text = markdown_to_text(text)
    header, text = split_header(text)
    meta = meta.filled_from(header)
    text = tidy(text)
    if not text.strip():
        raise Unreadable("no article text found")
    return Article(
        file=rel,
        text=text,
        sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        title=meta.title,
        outlet=meta.outlet,
        date=meta.date,
        author=meta.author,
    )


def _read_bytes(path: Path) -> bytes:
    try:
        with path.open("rb") as handle:
            head = handle.read(4096)
            reject_binary_head(head)  # before reading the rest of a possibly huge binary
            return head + handle.read()
    except OSError as err:
        raise Unreadable(f"cannot read ({err.strerror or err})") from None
