"""A saved web page → its main text and metadata, with trafilatura (imported on first use;
it works on the string only: no URL is given, nothing is fetched)."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager

from briefgen.ingest.dates import parse_date
from briefgen.ingest.decode import Unreadable
from briefgen.ingest.markdown import markdown_to_text
from briefgen.ingest.metadata import FIELD_LIMITS, Meta, clean_value

log = logging.getLogger(__name__)

# Dates only from the page's markup, and validated against a fixed latest date rather than
# "today", so the same page gives the same date on every run.
_HTML_DATE_PARAMS = {"original_date": True, "extensive_search": False, "max_date": "2099-12-31"}
_HAS_DOCUMENT = re.compile(r"<(?:html|body)\b", re.I)


def html_to_text(html: str) -> tuple[str, Meta]:
    """Main text (as Markdown, then plain text) and metadata of a saved web page."""
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
        title=clean_value(getattr(doc, "title", None), FIELD_LIMITS["title"]),
        outlet=clean_value(getattr(doc, "sitename", None), FIELD_LIMITS["outlet"]),
        date=parse_date(found_date) if isinstance(found_date, str) else None,
        author=clean_value(getattr(doc, "author", None), FIELD_LIMITS["author"]),
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
