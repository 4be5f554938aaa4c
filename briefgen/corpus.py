"""The analysed corpus: parsed articles and the content sentences every later stage reads."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from spacy.tokens import Doc, Span

from briefgen.brief import Article


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
