"""Ingestion: a folder of article files → list[Article] (`read_folder`).

One job per module, in the order a file meets them:

- `folder`: which files are articles (walk, include/exclude, hidden names, symlinks).
- `decode`: bytes → clean text (binary files refused, encodings, character cleaning).
- `markdown`, `html`: a format → plain text (markdown-it; trafilatura for saved web pages).
- `reflow`: text printed one word per line → ordinary lines.
- `metadata`, `dates`: title, outlet, date and author from front matter and header lines.
- `duplicates`: exact and near-duplicate articles.
- `read`: `read_folder`, tying them together and reporting every skipped file.

Slow imports (trafilatura ~0.2 s, markdown-it, charset-normalizer, PyYAML) happen only when a
file needs them.
"""

from briefgen.ingest.folder import KINDS, PATTERNS
from briefgen.ingest.read import ReadReport, normalise, read_folder

__all__ = ["KINDS", "PATTERNS", "ReadReport", "normalise", "read_folder"]
