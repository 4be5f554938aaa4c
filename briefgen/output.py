"""Writing briefs safely: file names from titles, and all-or-nothing atomic writes.

A brief's files (Markdown, JSON, and optionally HTML and PDF) are rendered in memory first,
then staged as hidden temp files next to their targets (each fsynced), then renamed into place
with `os.replace`. A failure or Ctrl-C before the renames leaves the old files untouched and no
temp file behind; the renames themselves cannot fail half-written. A SIGINT or SIGTERM arriving
while a brief is written waits until its files are in place (briefgen.interrupts.deferred).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import tempfile
import unicodedata
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote

from briefgen import interrupts
from briefgen.config import Paper

if TYPE_CHECKING:
    from briefgen.brief import Brief

MAX_STEM = 80
FALLBACK_STEM = "brief"
# Names Windows refuses for a file whatever its extension (CON.md is still CON).
WINDOWS_RESERVED = frozenset(
    {"con", "prn", "aux", "nul"}
    | {f"com{i}" for i in range(1, 10)}
    | {f"lpt{i}" for i in range(1, 10)}
)
# File suffixes in the order they are written and printed.
FORMATS = ("md", "json", "html", "pdf", "matrix.svg", "timeline.svg")
# The Markdown links its pictures as "{stem}.matrix.svg": the stem is only known when writing.
# Article text can never produce it (the Markdown escaper writes "{" as "&#123;").
PICTURE_STEM = "{stem}"


def slugify(text: str, max_len: int = MAX_STEM) -> str:
    """A file stem for `text`: ASCII, lowercase, words joined by hyphens, at most `max_len` chars.

    Never empty, never "." or "..", no path separators, no Windows device name. Accents fold to
    their base letters; a title with no Latin letters or digits at all gets a stable
    "brief-<hash>" so that different such titles still get different names.
    """
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-")
    if len(slug) > max_len:
        cut = slug.rfind("-", 0, max_len + 1)
        # Cut at a word boundary unless that would throw most of the stem away.
        slug = slug[:cut] if cut > max_len // 2 else slug[:max_len].rstrip("-")
    if not slug:
        if not text.strip():
            return FALLBACK_STEM
        digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:8]
        return f"{FALLBACK_STEM}-{digest}"
    if slug in WINDOWS_RESERVED:
        slug = f"{slug}-{FALLBACK_STEM}"
    return slug


def disambiguate(stem: str, folder_name: str, taken: set[str]) -> str:
    """`stem` if free, else `stem-<folder>` (then -2, -3, ...): one brief per folder, no clashes."""
    if stem not in taken:
        return stem
    suffix = slugify(folder_name, max_len=MAX_STEM // 2)
    base = f"{slugify(stem, max_len=MAX_STEM - len(suffix) - 1)}-{suffix}"
    candidate, n = base, 2
    while candidate in taken:
        candidate = f"{base}-{n}"
        n += 1
    return candidate


def render_all(
    brief: Brief,
    *,
    pdf: bool = False,
    html: bool = False,
    templates: Path | None = None,
    paper: Paper | str = Paper.A4,
    pictures: bool = False,
) -> dict[str, bytes]:
    """Every requested format of `brief`, rendered in memory: {"md": ..., "json": ..., ...}.

    Renderers are imported here, not at module level: WeasyPrint (~0.5 s) only with `pdf`.
    `pictures`: also the two SVG pictures ("matrix.svg", "timeline.svg"), linked from the
    Markdown as "{stem}.matrix.svg", which `write_files` completes with the file stem.
    """
    from briefgen import render

    stem = PICTURE_STEM if pictures else None
    files = {
        "md": render.render_markdown(brief, templates, pictures=stem).encode("utf-8"),
        "json": brief.to_json().encode("utf-8"),
    }
    if pictures:  # the SVG files the Markdown links, next to it
        for name, svg in render.render_pictures(brief, templates).items():
            files[f"{name}.svg"] = svg.encode("utf-8")
    if html:
        files["html"] = render.render_html(brief, templates, paper).encode("utf-8")
    if pdf:
        files["pdf"] = render.render_pdf(brief, templates, paper)
    return files


def target_path(out_dir: Path, stem: str, suffix: str) -> Path:
    """`out_dir/stem.suffix`, refusing any name that would land outside `out_dir`."""
    name = f"{stem}.{suffix}"
    if stem in ("", ".", "..") or any(sep in name for sep in ("/", "\\", "\0")):
        raise ValueError(f"unsafe output file name {name!r}")
    path = out_dir / name
    if path.resolve().parent != out_dir.resolve():
        raise ValueError(f"output file name {name!r} escapes {out_dir}")
    return path


def _fsync_dir(folder: Path) -> None:
    # Makes the renames themselves durable; not possible (nor needed) on every platform.
    with contextlib.suppress(OSError, AttributeError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _file_mode(path: Path) -> int:
    """The mode a plain `open(path, "w")` would give: the old file's, else 0o666 minus umask."""
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _stage(path: Path, data: bytes) -> Path:
    """`data` in a hidden temp file next to `path`, flushed to disk; removed again on failure."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        # mkstemp makes the file private (0600); a brief is an ordinary document.
        with contextlib.suppress(OSError, NotImplementedError):
            os.chmod(fd, _file_mode(path))
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return Path(tmp)


def _stage_all(targets: list[tuple[Path, bytes]]) -> list[tuple[Path, Path]]:
    """(temp file, target) for each target, every temp flushed to disk; none left on failure.

    The files are staged in parallel threads: their fsyncs overlap, so a brief's four or five
    files cost about one flush to disk rather than one each (~25 -> ~15 ms a brief here)."""
    if len(targets) <= 1:
        return [(_stage(path, data), path) for path, data in targets]
    with ThreadPoolExecutor(max_workers=len(targets)) as pool:
        futures = [(pool.submit(_stage, path, data), path) for path, data in targets]
    staged: list[tuple[Path, Path]] = []
    errors: list[BaseException] = []
    for future, path in futures:
        error = future.exception()
        if error is None:
            staged.append((future.result(), path))
        else:
            errors.append(error)
    if errors:
        for tmp, _ in staged:
            with contextlib.suppress(FileNotFoundError):
                tmp.unlink()
        raise errors[0]
    return staged


def write_files(out_dir: Path, stem: str, files: Mapping[str, bytes]) -> list[Path]:
    """Write `stem.<suffix>` for each entry of `files` into `out_dir`, all or nothing.

    Returns the written paths in FORMATS order. The folder is created if needed.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    if "md" in files:
        link_stem = quote(stem).encode("ascii")  # a slug already is a safe link
        files = {**files, "md": files["md"].replace(PICTURE_STEM.encode(), link_stem)}
    order = sorted(files, key=lambda s: (FORMATS.index(s) if s in FORMATS else len(FORMATS), s))
    targets = [(target_path(out_dir, stem, suffix), files[suffix]) for suffix in order]
    staged: list[tuple[Path, Path]] = []
    with interrupts.deferred():
        try:
            staged = _stage_all(targets)
            for tmp, path in staged:
                os.replace(tmp, path)
        finally:
            # After a complete run every temp has been renamed away; otherwise clean up the rest.
            for tmp, _ in staged:
                with contextlib.suppress(FileNotFoundError):
                    tmp.unlink()
        _fsync_dir(out_dir)
    return [path for path, _ in targets]
