"""The analysed corpus: parsed articles and the content sentences every later stage reads."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING
from weakref import WeakKeyDictionary

from briefgen.brief import Article

if TYPE_CHECKING:  # spaCy is not imported on the cached-rebuild path
    from spacy.tokens import Doc, Span, Token


@dataclass(frozen=True)
class ParsedArticle:
    source_id: str  # "S1", "S2", ... in input order
    article: Article
    doc: Doc


@dataclass(frozen=True)
class Sentence:
    """One content sentence (site chrome, headings and fragments already removed)."""

    source_id: str
    article_index: int  # position of the article in the corpus
    index: int  # position of the sentence within its article's content sentences
    span: Span
    text: str  # whitespace-normalised, bullets stripped

    @property
    def words(self) -> int:
        return len(self.text.split())

    @property
    def ents(self) -> tuple[Span, ...]:
        """The entities inside the sentence, as `span.ents` gives them (same order and values),
        without rebuilding every entity of the article on each call (see `span_ents`)."""
        return span_ents(self.span)


# Each Doc's entities with their start tokens, read once. Weak keys: the entry goes with its
# Doc, nothing is pickled or written to a DocBin with it, and a recycled id() never aliases.
_DOC_ENTS: WeakKeyDictionary[Doc, tuple[list[int], tuple[Span, ...]]] = WeakKeyDictionary()


_DOC_TEXT: WeakKeyDictionary[Doc, str] = WeakKeyDictionary()


def doc_text(doc: Doc) -> str:
    """`doc.text`, joined once per Doc: spaCy rebuilds it from every token on each access."""
    text = _DOC_TEXT.get(doc)
    if text is None:
        text = _DOC_TEXT[doc] = doc.text
    return text


def parsed_article(source_id: str, article: Article, doc: Doc) -> ParsedArticle:
    """`article` with its Doc, whose `doc_text` is the article's own text: spaCy's tokens
    give back exactly the text they were parsed from, so the text is not held twice (about
    6 KB an article)."""
    _DOC_TEXT[doc] = article.text
    return ParsedArticle(source_id=source_id, article=article, doc=doc)


def doc_ents(doc: Doc) -> tuple[Span, ...]:
    """`doc.ents`, built once per Doc: spaCy rebuilds every entity Span on each access."""
    return _indexed_ents(doc)[1]


def _indexed_ents(doc: Doc) -> tuple[list[int], tuple[Span, ...]]:
    cached = _DOC_ENTS.get(doc)
    if cached is None:
        found = tuple(doc.ents)
        cached = ([e.start for e in found], found)
        _DOC_ENTS[doc] = cached
    return cached


def span_ents(span: Span) -> tuple[Span, ...]:
    """The entities wholly inside `span`, like `span.ents` (which scans the whole Doc's
    entities on every call: ~35 µs on a long article); here a bisect into the Doc's list."""
    starts, found = _indexed_ents(span.doc)
    out = []
    for i in range(bisect_left(starts, span.start), len(found)):
        e = found[i]
        if e.end > span.end:  # spaCy's own loop stops here too (the entities are in order)
            break
        out.append(e)
    return tuple(out)


def display(tokens: Iterable[Token]) -> str:
    """Tokens as text, lower-casing common words so a phrase reads mid-sentence."""
    out = []
    for t in tokens:
        word = t.text if t.pos_ == "PROPN" or t.text.isupper() else t.text.lower()
        out.append(word + t.whitespace_)
    return "".join(out).strip()


def source_order(source_id: str) -> int:
    """Sort key for source ids: S2 before S10."""
    return int(source_id.lstrip("S") or 0)


def sorted_sources(ids: Iterable[str]) -> list[str]:
    return sorted(set(ids), key=source_order)


@dataclass(frozen=True)
class SentenceGroup:
    """Sentences from one or more articles that state the same fact; the first represents it."""

    sentences: tuple[Sentence, ...]

    @property
    def representative(self) -> Sentence:
        return self.sentences[0]

    @property
    def sources(self) -> list[str]:
        return sorted_sources(s.source_id for s in self.sentences)
