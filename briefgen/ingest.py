"""Folder → list[Article]. First version: UTF-8 .txt/.md files in the folder (issue 7 extends)."""

from __future__ import annotations

import hashlib
import logging
import re
from pathlib import Path

from briefgen.brief import Article
from briefgen.errors import NoArticlesError, UsageError

log = logging.getLogger(__name__)
PATTERNS = ("*.txt", "*.md")


def normalise(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    return re.sub(r"[ \t]+\n", "\n", text).strip() + "\n"


def read_folder(
    folder: Path,
    *,
    recursive: bool = False,
    include: tuple[str, ...] = (),
    exclude: tuple[str, ...] = (),
) -> list[Article]:
    if not folder.is_dir():
        raise UsageError(f"{folder} is not a folder")
    files = sorted(p for pattern in PATTERNS for p in folder.glob(pattern) if p.is_file())
    articles = []
    for path in files:
        text = normalise(path.read_text(encoding="utf-8"))
        articles.append(
            Article(
                file=path.relative_to(folder).as_posix(),
                text=text,
                sha256=hashlib.sha256(text.encode()).hexdigest(),
            )
        )
    if not articles:
        looked = ", ".join(PATTERNS)
        raise NoArticlesError(f"no articles found in {folder}/ (looked for {looked})")
    return articles
