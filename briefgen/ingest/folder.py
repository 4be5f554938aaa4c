"""Which files in a source folder are articles: the folder walk, `--include`/`--exclude`
patterns, hidden names, symlinks, ignored paths (e.g. the output folder) and files that are not
regular files. Skips a user should hear about come back as warning lines; the rest is logged at
debug level."""

from __future__ import annotations

import logging
import os
import stat
from collections.abc import Sequence
from fnmatch import fnmatchcase
from pathlib import Path
from typing import NamedTuple

from briefgen.errors import BriefgenError, UsageError

log = logging.getLogger(__name__)

# Suffix (case-insensitive) → how the file is read.
KINDS = {".txt": "text", ".md": "markdown", ".html": "html", ".htm": "html"}
PATTERNS = tuple(f"*{suffix}" for suffix in KINDS)
_SUFFIXES = ", ".join(KINDS)


class ArticleFile(NamedTuple):
    rel: str  # path relative to the source folder, "/"-separated: the file's name in the brief
    path: Path  # where to read it (a symlink's target)
    kind: str  # a value of KINDS


def check_folder(folder: Path) -> Path:
    """The folder, resolved; a one-line error if it is missing, not a folder or unreadable."""
    if not folder.exists():
        raise UsageError(f"source folder {folder} does not exist")
    if not folder.is_dir():
        raise UsageError(f"{folder} is not a folder")
    if not os.access(folder, os.R_OK | os.X_OK):
        raise BriefgenError(f"cannot read folder {folder}: permission denied")
    return folder.resolve()


def find_article_files(
    root: Path,
    *,
    recursive: bool,
    include: Sequence[str] = (),
    exclude: Sequence[str] = (),
    ignored: frozenset[Path] = frozenset(),
) -> tuple[list[ArticleFile], list[str]]:
    """Every article file to read, sorted by relative path, plus warning lines.

    `include`/`exclude` are `fnmatch` patterns matched, case-sensitively, against the relative
    path ("./a.txt" means "a.txt"). Hidden names are skipped. Symlinks to files inside `root`
    are read; symlinks that lead outside are not followed (a warning). Symlinked folders are
    never descended: their target is either inside `root` (and read there) or outside it; this
    also rules out loops.
    """
    include, exclude = _patterns(include), _patterns(exclude)
    found: list[ArticleFile] = []
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
                found.append(chosen)
        stack.extend(reversed(subfolders))
    found.sort(key=lambda file: file.rel.split("/"))
    return found, notes


def nothing_found_message(
    folder: Path, root: Path, skipped: int, recursive: bool, ignored: frozenset[Path]
) -> str:
    """Why a folder gave no articles: what was looked for, what was skipped, and how many
    article files wait in sub-folders when the walk was not recursive."""
    looked = ", ".join(PATTERNS)
    extra = f"; skipped {skipped} unusable file{'s' if skipped != 1 else ''}" if skipped else ""
    if not recursive:
        every, _ = find_article_files(root, recursive=True, ignored=ignored)
        deeper = [file for file in every if "/" in file.rel]
        if deeper:
            extra += f"; {len(deeper)} more in sub-folders (read them with --recursive)"
    return f"no articles found in {folder.as_posix().rstrip('/')}/ (looked for {looked}{extra})"


def _choose_file(
    entry: os.DirEntry[str],
    rel: str,
    root: Path,
    include: tuple[str, ...],
    exclude: tuple[str, ...],
    ignored: frozenset[Path],
    notes: list[str],
) -> ArticleFile | None:
    """The article file this directory entry is, or None if it is not one to read."""
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
    return ArticleFile(rel, path, kind)


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
