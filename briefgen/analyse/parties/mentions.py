"""A mention: one occurrence of a name in a content sentence, and how one is made from tokens
(marked weak when its line is a heading or site chrome)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from spacy.tokens import Doc

from briefgen.annotate.names import (
    corporate_name_starts,
    is_heading_line,
    place_positions,
    token_bounds,
)
from briefgen.corpus import Sentence

LABELS = ("ORG", "GPE", "PERSON", "NORP")
# On a tied vote the more specific reading wins: a name that is sometimes an ORG usually is one.
LABEL_PRIORITY = {"ORG": 0, "GPE": 1, "PERSON": 2, "NORP": 3}


@dataclass(frozen=True, eq=False)
class Mention:
    """One occurrence of a name in a content sentence (char offsets in the article's Doc)."""

    text: str
    label: str
    sentence: Sentence
    start: int
    end: int
    origin: int = 1  # overlap priority: 0 acronym definition, 1 NER, 2 after a title, 3 propagated
    weak: bool = False  # in a heading or site-chrome line: kept only if the name is in body text
    adjectival: bool = False  # a demonym used as an adjective ("American security")
    corporate: bool = False  # right before a noun only a company has ("Norland Chairman")

    @property
    def doc(self) -> Doc:
        return self.sentence.span.doc

    @property
    def position(self) -> tuple[int, int, int]:
        return (self.sentence.article_index, self.sentence.index, self.start)

    def overlaps(self, start: int, end: int) -> bool:
        return self.start < end and start < self.end

    def token_range(self) -> tuple[int, int]:
        """The mention's tokens [start, end) in its Doc (read once: asked many times)."""
        tokens: tuple[int, int] | None = self.__dict__.get("_tokens")
        if tokens is None:
            tokens = token_bounds(self.doc, self.start, self.end)
            if tokens is None:  # offsets come from tokens; this is the general reading
                span = self.doc.char_span(self.start, self.end, alignment_mode="expand")
                assert span is not None
                tokens = (span.start, span.end)
            object.__setattr__(self, "_tokens", tokens)  # a cache, not a field: frozen stays
        return tokens


def by_sentence(mentions: Iterable[Mention]) -> defaultdict[int, list[Mention]]:
    """Mentions grouped by the sentence they are in (keyed by the sentence's id)."""
    grouped: defaultdict[int, list[Mention]] = defaultdict(list)
    for m in mentions:
        grouped[id(m.sentence)].append(m)
    return grouped


# No heading is longer; bounding the search keeps a one-line article of a million characters
# from costing a copy of the whole line per mention.
LONGEST_HEADING_CHARS = 300


def _line_of(text: str, char: int) -> str:
    """The line holding `char`, or "" when it is longer than any heading."""
    start = text.rfind("\n", max(0, char - LONGEST_HEADING_CHARS), char) + 1
    if start == 0 and char > LONGEST_HEADING_CHARS:
        return ""
    end = text.find("\n", char, start + LONGEST_HEADING_CHARS + 1)
    if end == -1:
        if len(text) - start > LONGEST_HEADING_CHARS:
            return ""
        end = len(text)
    return text[start:end]


def _joined_to_next(doc: Doc, end_tok: int) -> bool:
    """A hyphen right after the name joins it to the next word: "Harrow-owned"."""
    return (
        end_tok + 1 < len(doc)
        and not doc[end_tok - 1].whitespace_
        and doc[end_tok].text in ("-", "‐", "‑")
        and not doc[end_tok].whitespace_
    )


def make_mention(
    sentence: Sentence, start_tok: int, end_tok: int, label: str, origin: int, text: str
) -> Mention:
    """A mention over tokens [start_tok, end_tok); `text` is the article's text (Doc.text is
    rebuilt on every access, so callers compute it once)."""
    doc = sentence.span.doc
    start = doc[start_tok].idx
    end = doc[end_tok - 1].idx + len(doc[end_tok - 1].text)
    corporate = corporate_name_starts(doc).get(end_tok, end_tok) <= start_tok
    return Mention(
        text=" ".join(text[start:end].split()),
        label=label,
        sentence=sentence,
        start=start,
        end=end,
        origin=origin,
        weak=is_heading_line(_line_of(text, start)),
        adjectival=label == "NORP"
        and (doc[end_tok - 1].tag_ == "JJ" or _joined_to_next(doc, end_tok)),
        corporate=corporate,
    )


def places_among(
    mentions: Iterable[Mention], strict: bool = False, settlements: bool = False
) -> set[str]:
    """The forms some mention uses as a place: right after a preposition of place (`strict`:
    one only a place follows) or a settlement noun ("the city of X"; `settlements`: only
    those), by the annotation `briefgen.annotate.names.place_positions`."""
    wanted = {"SETTLEMENT"} if settlements else {"SETTLEMENT", "PLACE"}
    if not strict and not settlements:
        wanted.add("PLACE_LOOSE")
    found: set[str] = set()
    for m in mentions:
        if place_positions(m.doc).get(m.token_range()[0]) in wanted:
            found.add(m.text)
    return found
