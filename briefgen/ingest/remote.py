"""Source folders given as fsspec URLs (`s3://bucket/event/`, `gcs://…`, `file://…`,
`memory://…`): the article files are fetched into a private temporary folder on the machine that
builds the brief, read from there exactly as a local folder is, and the folder is removed
afterwards, whatever happens.

Only the files a local read would look at are fetched: the same hidden names, `--recursive`,
`--include`/`--exclude` and article suffixes (`folder.find_article_files` then applies them once
more to the copy). Files the local walk only names without reading (an unsupported file picked by
`--include`, article files below a non-recursive walk, which the "no articles" hint counts) are
copied empty, so warnings, errors and the brief are the same as a local build of the same files.
Messages name the URL, never the temporary folder. A CLI run keeps its copies under one
temporary folder (`fetch_area`) that it removes at the end, so a copy is gone even when the
worker process making it was killed (Ctrl-C stops a pool's workers with SIGKILL).

fsspec is optional (`pip install "briefgen[remote]"`) and imported only when a URL is given: a
local path never imports it. URLs stay strings: pathlib would turn "s3://b/x" into "s3:/b/x".
"""

from __future__ import annotations

import contextlib
import os
import posixpath
import re
import shutil
import tempfile
from collections.abc import Iterator, Sequence
from fnmatch import fnmatchcase
from pathlib import Path
from typing import TYPE_CHECKING, Any

from briefgen.errors import BriefgenError, UsageError
from briefgen.ingest.folder import KINDS
from briefgen.process import environ_set

if TYPE_CHECKING:
    from briefgen.config import Options

Folder = Path | str  # a local folder, or a URL (str, as given)

REMOTE_MISSING = 'folders given as URLs need fsspec: pip install "briefgen[remote]"'
# The run's fetch area, inherited by the worker processes it starts (a pool, a local cluster).
AREA_VARIABLE = "BRIEFGEN_FETCH_AREA"
_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")  # scheme:// (a Windows "C:\" has no "//")


def is_url(value: object) -> bool:
    """A source given as a URL ("s3://bucket/event/"), not a local path."""
    return isinstance(value, str) and _URL.match(value) is not None


def source_name(folder: Folder) -> str:
    """The folder's own name, as output names use it: a URL's last path part."""
    if not is_url(folder):
        return Path(folder).resolve().name
    return str(folder).split("://", 1)[1].rstrip("/").rsplit("/", 1)[-1]


def problem(url: str) -> str | None:
    """Why `url` cannot be read as a source folder, worded as the CLI's check of a local folder
    ("does not exist.", "is a file."); None when it is a folder."""
    fs, root = _filesystem(url)
    with _reading(url):
        if fs.isdir(root):
            return None
        return "is a file." if fs.isfile(root) else "does not exist."


def subfolders(url: str) -> list[str]:
    """The URLs of the non-hidden subfolders of `url`, sorted (`--each`)."""
    fs, root = _filesystem(url)
    with _reading(url):
        entries = fs.ls(root, detail=True)
    names = sorted(
        posixpath.basename(entry["name"].rstrip("/"))
        for entry in entries
        if entry["type"] == "directory"
    )
    return [f"{url.rstrip('/')}/{name}" for name in names if name and not name.startswith(".")]


@contextlib.contextmanager
def fetch_area() -> Iterator[None]:
    """While a run builds: URLs are copied under one temporary folder, removed on the way out
    with whatever a killed worker left in it."""
    area = tempfile.mkdtemp(prefix="briefgen-fetch-")
    try:
        with environ_set(AREA_VARIABLE, area):
            yield
    finally:
        shutil.rmtree(area, ignore_errors=True)


@contextlib.contextmanager
def local_copy(folder: Folder, options: Options) -> Iterator[Path]:
    """`folder` itself, or a URL's article files in a temporary folder removed on the way out
    (an error, Ctrl-C); errors raised inside name the URL instead of the temporary folder."""
    if not isinstance(folder, str) or not is_url(folder):
        yield Path(folder)
        return
    fs, root = _filesystem(folder)
    why = problem(folder)
    if why == "does not exist.":
        raise UsageError(f"source folder {folder} does not exist")
    if why is not None:
        raise UsageError(f"{folder} is not a folder")
    area = os.environ.get(AREA_VARIABLE)  # a remote Dask worker has none: the system's
    temp = Path(
        tempfile.mkdtemp(
            prefix="briefgen-fetch-", dir=area if area and os.path.isdir(area) else None
        )
    )
    local = temp / (source_name(folder) or "source")
    try:
        local.mkdir()
        with _reading(folder):
            _fetch(fs, root, local, options)
        try:
            yield local
        except BriefgenError as err:
            shown = str(err).replace(local.as_posix(), folder.rstrip("/"))
            raise type(err)(shown) from None
    finally:
        shutil.rmtree(temp, ignore_errors=True)


def _filesystem(url: str) -> tuple[Any, str]:
    """The fsspec filesystem for `url` and the folder's path on it (no trailing "/")."""
    try:
        from fsspec.core import url_to_fs
    except ImportError:
        raise UsageError(f"{url}: {REMOTE_MISSING}") from None
    try:
        fs, root = url_to_fs(url)
    except (ImportError, ValueError) as err:  # unknown scheme, or its package (s3fs) missing
        raise UsageError(f"cannot read {url}: {err}") from None
    return fs, root.rstrip("/") or root


@contextlib.contextmanager
def _reading(url: str) -> Iterator[None]:
    """The filesystem's own errors (no credentials, network, permission) as one line."""
    try:
        yield
    except BriefgenError:
        raise
    except Exception as err:
        reason = f"{type(err).__name__}: {err}" if str(err) else type(err).__name__
        raise BriefgenError(f"cannot read {url}: {reason}") from None


def _fetch(fs: Any, root: str, local: Path, options: Options) -> None:
    """Copy into `local` the files under `root` a local read would see (module docstring)."""
    include = tuple(p.removeprefix("./") for p in options.include)
    exclude = tuple(p.removeprefix("./") for p in options.exclude)
    fetch: list[tuple[str, Path]] = []
    for name in sorted(fs.find(root)):
        rel = name[len(root) :].lstrip("/")
        parts = rel.split("/")
        if not rel or any(part.startswith(".") for part in parts):
            continue  # hidden: never read
        article = posixpath.splitext(rel)[1].lower() in KINDS
        if len(parts) > 1 and not options.recursive:
            if article:  # counted by the "no articles" hint, never read
                _touch(local / rel)
            continue
        folders = ["/".join(parts[:i]) for i in range(1, len(parts))]
        if any(_matches(f, exclude) for f in folders) or _matches(rel, exclude):
            continue
        selected = _matches(rel, include)
        if include and not selected:
            continue
        if article:
            fetch.append((name, local / rel))
        elif selected:  # named in a warning ("unsupported file type"), never read
            _touch(local / rel)
    for _, path in fetch:
        path.parent.mkdir(parents=True, exist_ok=True)
    if fetch:  # one call: remote filesystems fetch a list concurrently
        fs.get([name for name, _ in fetch], [str(path) for _, path in fetch])


def _touch(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.touch()


def _matches(rel: str, patterns: Sequence[str]) -> bool:
    return any(fnmatchcase(rel, pattern) for pattern in patterns)
