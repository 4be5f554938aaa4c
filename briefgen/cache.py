"""On-disk cache: parsed Docs per article, and the finished analysis (the Brief) per corpus.

Two kinds of entry, each keyed by a SHA-256 over everything that can change it:

- ``docs/ab/<key>.spacy``: one article's Doc as a spaCy DocBin; key = the article's text hash,
  the model package and version, spaCy's version and briefgen's parsing code (nlp.py, the
  annotating components and their data files: `parser_files`). A new or
  edited article is parsed; the others are read back (~30x faster than parsing them).
- ``analysis/<key>.json``: the Brief without its ``generated`` date (that comes from the run);
  key = every article's hash and metadata in order, the model, briefgen's version and code, and
  `Options.cache_key()`: every option that changes the analysis (not how to run it: jobs,
  cache, date...; the option table in config.py says which).
  A hit skips spaCy entirely, which is what makes a rebuild after a template edit fast.

Every file is written to a temporary name and renamed (atomic), and starts with a checksum of
its content: a partial, corrupt or foreign file is a miss (logged at debug level) and is simply
rebuilt. The cache never makes a build fail.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import asdict
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from briefgen import __version__, interrupts
from briefgen.brief import Article, Brief
from briefgen.config import Options

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

    from briefgen.corpus import ParsedArticle

log = logging.getLogger(__name__)

FORMAT = 1  # bump when the layout or the entry format changes
MAGIC = b"briefgen-cache-1\n"
DIGEST_BYTES = 64  # hex SHA-256 of the payload, after MAGIC and before a newline

DATE_PLACEHOLDER = ""  # `generated` as stored: each run sets its own date


def _sha256(*parts: bytes) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(len(part).to_bytes(8, "little"))  # length-prefixed: no ambiguous joins
        digest.update(part)
    return digest.hexdigest()


def _files_digest(root: Path, files: Sequence[Path]) -> str:
    parts: list[bytes] = []
    for path in files:
        parts += [path.relative_to(root).as_posix().encode(), path.read_bytes()]
    return _sha256(*parts)


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """Hash of briefgen's own code and data, so an edited stage never reads a stale analysis.

    The version number alone would not do: it does not change while the code is being worked
    on. Templates are left out (rendering is not cached). Costs ~2 ms.
    """
    package = Path(__file__).resolve().parent
    files = sorted(
        p
        for p in package.rglob("*")
        if p.is_file()
        and "__pycache__" not in p.parts
        and "templates" not in p.relative_to(package).parts
        and p.suffix not in (".pyc", ".pyo")
    )
    return _files_digest(package, files)


def parser_files() -> list[Path]:
    """The code that turns text into Docs: pipes and chunking, the annotating components and
    their data files (an edited cue list must not be read from Docs annotated before)."""
    package = Path(__file__).resolve().parent
    files = [package / "nlp.py"]
    for folder in ("annotate", "data"):
        files += sorted(
            p
            for p in (package / folder).rglob("*")
            if p.is_file() and p.suffix in (".py", ".toml", ".jsonl", ".json")
        )
    return files


@lru_cache(maxsize=1)
def parser_fingerprint() -> str:
    """Hash of `parser_files()`: keys the Doc entries."""
    return _files_digest(Path(__file__).resolve().parent, parser_files())


def analysis_key(articles: Sequence[Article], options: Options, model: str) -> str:
    """Key of the analysis of `articles` under `options` with the model `model` (model_key).

    The options are keyed by `options.cache_key()`; `model` by the package it resolves to, and
    the file-selecting options by the `articles` they select.
    """
    spec = {
        "format": FORMAT,
        "briefgen": __version__,
        "code": code_fingerprint(),
        "model": model,
        # The text is represented by its hash; everything else about an article is metadata
        # that reaches the Brief's sources.
        "articles": [
            {k: v for k, v in asdict(article).items() if k != "text"} for article in articles
        ],
        "options": options.cache_key(),
    }
    text = json.dumps(spec, sort_keys=True, ensure_ascii=False, default=str)
    return _sha256(text.encode())


def doc_key(article: Article, model: str) -> str:
    """Key of one article's parsed Doc."""
    spec = [str(FORMAT), __version__, parser_fingerprint(), model, article.sha256]
    return _sha256(*(part.encode() for part in spec))


def _pack(payload: bytes) -> bytes:
    return MAGIC + hashlib.sha256(payload).hexdigest().encode() + b"\n" + payload


def _unpack(data: bytes) -> bytes | None:
    head = len(MAGIC) + DIGEST_BYTES + 1
    if len(data) < head or not data.startswith(MAGIC):
        return None
    digest, payload = data[len(MAGIC) : head - 1], data[head:]
    if hashlib.sha256(payload).hexdigest().encode() != digest:
        return None
    return payload


class Cache:
    """A cache folder. Reads return None on any miss; writes never raise."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._write_failed = False

    def _path(self, kind: str, key: str, suffix: str) -> Path:
        if kind == "docs":  # thousands of entries: fan out like git's objects/
            return self.root / kind / key[:2] / f"{key}{suffix}"
        return self.root / kind / f"{key}{suffix}"

    def _read(self, path: Path) -> bytes | None:
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError as err:
            log.debug("cache entry %s unreadable (%s); rebuilding it", path, err)
            return None
        payload = _unpack(data)
        if payload is None:
            log.debug("cache entry %s is corrupt or partial; rebuilding it", path)
        return payload

    def _write(self, path: Path, payload: bytes) -> None:
        # A signal waits until the entry is in place: no temp file left (briefgen.interrupts).
        with interrupts.deferred():
            self._write_now(path, payload)

    def _write_now(self, path: Path, payload: bytes) -> None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._tag()
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=path.suffix)
            try:
                with os.fdopen(fd, "wb") as f:
                    f.write(_pack(payload))
                os.replace(tmp, path)  # atomic: readers see the old entry or the whole new one
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise
        except OSError as err:
            if not self._write_failed:  # once per build, not once per article
                log.warning("cannot write the cache in %s: %s", self.root, err.strerror or err)
            self._write_failed = True

    def _tag(self) -> None:
        # Tells backup tools (and people) that the folder is disposable: bford.info/cachedir
        tag = self.root / "CACHEDIR.TAG"
        if not tag.exists():
            tag.write_text(
                "Signature: 8a477f597d28d172789f06886806bc55\n"
                "# This file marks briefgen's cache; the folder can be deleted at any time.\n",
                encoding="ascii",
            )

    def get_brief(self, key: str) -> Brief | None:
        payload = self._read(self._path("analysis", key, ".json"))
        if payload is None:
            return None
        try:
            return Brief.from_dict(json.loads(payload))
        except (ValueError, TypeError, KeyError) as err:  # valid file, unexpected content
            log.debug("cache entry %s does not hold a brief (%s); rebuilding it", key, err)
            return None

    def put_brief(self, key: str, brief: Brief) -> None:
        data = brief.to_dict()
        data["generated"] = DATE_PLACEHOLDER
        self._write(self._path("analysis", key, ".json"), json.dumps(data).encode())

    def get_doc(self, key: str, vocab: Vocab, text: str) -> Doc | None:
        """The cached Doc for `key` if it exists and is a parse of exactly `text`."""
        payload = self._read(self._path("docs", key, ".spacy"))
        if payload is None:
            return None
        from spacy.tokens import DocBin

        try:
            docs = list(DocBin().from_bytes(payload).get_docs(vocab))
        except Exception as err:  # DocBin raises whatever msgpack/zlib/numpy raise
            log.debug("cache entry %s is not a DocBin (%s); rebuilding it", key, err)
            return None
        if len(docs) != 1 or docs[0].text != text:
            log.debug("cache entry %s holds another text; rebuilding it", key)
            return None
        return docs[0]

    def put_doc(self, key: str, doc: Doc) -> None:
        from spacy.tokens import DocBin

        self._write(
            self._path("docs", key, ".spacy"), DocBin(docs=[doc], store_user_data=True).to_bytes()
        )


def for_options(options: Options) -> Cache | None:
    """The cache `options` ask for: only with a `cache_dir` (the CLI passes <out>/.cache), so
    the library writes nothing unless asked; None with cache=False."""
    if not options.cache or not options.cache_dir:
        return None
    return Cache(Path(options.cache_dir))


def entry_paths(root: Path) -> list[Path]:
    """Every entry file under a cache folder (for tests and `du`-style reporting)."""
    return sorted(p for p in root.rglob("*") if p.suffix in (".json", ".spacy") and p.is_file())


def parse(
    nlp: Language,
    articles: Sequence[Article],
    store: Cache | None,
    model: str,
    *,
    jobs: int = 1,
    progress: Callable[[int], None] | None = None,
    parser: Callable[..., list[ParsedArticle]] | None = None,
) -> list[ParsedArticle]:
    """`nlp.parse`, reading each article's Doc from `store` when it is there and storing new ones.

    `model` is `nlp.model_key(...)` of the loaded pipeline; `progress` gets articles done.
    `parser`, called as `nlp.parse` is, parses the articles not cached (default `nlp.parse`;
    a Dask build parses them in shards on its workers, briefgen.distributed).
    """
    from briefgen import nlp as nlp_module
    from briefgen.corpus import parsed_article

    keys = [doc_key(article, model) for article in articles] if store is not None else []
    docs: dict[int, Doc] = {}
    if store is not None:
        for i, (article, key) in enumerate(zip(articles, keys, strict=True)):
            doc = store.get_doc(key, nlp.vocab, article.text)
            if doc is not None:
                docs[i] = doc
    hits = len(docs)
    if progress is not None and hits:
        progress(hits)
    missing = [i for i in range(len(articles)) if i not in docs]
    if missing:
        report = (lambda done: progress(hits + done)) if progress is not None else None
        parse_missing = parser or nlp_module.parse
        fresh = parse_missing(nlp, [articles[i] for i in missing], jobs=jobs, progress=report)
        for i, parsed in zip(missing, fresh, strict=True):
            docs[i] = parsed.doc
            if store is not None:
                store.put_doc(keys[i], parsed.doc)
    return [parsed_article(f"S{i + 1}", article, docs[i]) for i, article in enumerate(articles)]
