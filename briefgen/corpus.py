"""The analysed corpus: parsed articles and the content sentences every later stage reads."""

from __future__ import annotations

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
