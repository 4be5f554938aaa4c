"""A WeasyPrint URL fetcher that reads only the template folders and `data:` URIs.

By default WeasyPrint fetches whatever a document names: `file://` and `http(s)://` images,
stylesheets, fonts, `@import`s, and `<a rel="attachment">` targets, which it embeds in the PDF.
Article text is autoescaped, so it cannot add such references, but a template folder is user
input too and may be copied from anywhere; this fetcher is the second wall. Refusals are logged
warnings and the render goes on without the resource (WeasyPrint treats a fetcher exception as
"resource missing"), so a hostile reference can cost nothing but a missing picture.
"""

from __future__ import annotations

import logging
import mimetypes
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname

from weasyprint.urls import URLFetcher, URLFetcherResponse

log = logging.getLogger(__name__)


class RefusedURLError(ValueError):
    """A URL outside what the fetcher serves. WeasyPrint catches it and skips the resource."""


class _RefusalsAlreadyWarned(logging.Filter):
    """Drop WeasyPrint's own `error` line about a resource this fetcher refused: the refusal was
    logged once as briefgen's warning, and a run that went as intended prints no error."""

    def filter(self, record: logging.LogRecord) -> bool:
        args = record.args if isinstance(record.args, tuple) else ()
        # WeasyPrint re-raises the fetcher's exception as its URLFetchingError, inside the
        # `except`, so ours is that error's __context__.
        return not any(
            isinstance(arg, RefusedURLError) or isinstance(arg.__context__, RefusedURLError)
            for arg in args
            if isinstance(arg, BaseException)
        )


# WeasyPrint logs every failed fetch on its "weasyprint" logger (css, images, attachments).
logging.getLogger("weasyprint").addFilter(_RefusalsAlreadyWarned())


class TemplateFolderFetcher(URLFetcher):
    """Serve real files under `roots` (after resolving symlinks and `..`) and `data:` URIs."""

    def __init__(self, roots: Iterable[Path], **kwargs: object) -> None:
        super().__init__(allowed_protocols=("data",), **kwargs)
        self.roots = tuple(dict.fromkeys(Path(root).resolve() for root in roots))
        self.served: list[str] = []
        self.refused: list[str] = []

    def fetch(self, url: str, headers: dict[str, str] | None = None) -> URLFetcherResponse:
        scheme = urlsplit(url).scheme.lower()
        if scheme == "data":
            # urllib's DataHandler decodes in memory: no I/O.
            self.served.append(url[:40])
            return super().fetch(url, headers)
        if scheme == "file":
            path = self._allowed_path(url)
            if path is not None:
                self.served.append(str(path))
                content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
                return URLFetcherResponse(
                    path.as_uri(), path.read_bytes(), {"Content-Type": content_type}
                )
        self.refused.append(url)
        log.warning("not fetching %s: only files in the template folder are used", url[:200])
        raise RefusedURLError(f"refused {url[:200]}")

    def _allowed_path(self, url: str) -> Path | None:
        parts = urlsplit(url)
        if parts.netloc not in ("", "localhost"):
            return None  # file://host/share is a network path
        try:
            path = Path(url2pathname(parts.path)).resolve(strict=True)
        except (OSError, RuntimeError, ValueError):
            return None
        if not path.is_file():
            return None
        return path if any(path.is_relative_to(root) for root in self.roots) else None
