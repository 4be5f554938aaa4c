"""Cues: the phrases that tell what a sentence speaks to, marked once per article.

The kinds and their patterns are data (`briefgen/data/cues.toml`: binding terms, who pays,
approvals, a schedule, a site, a setting, the event itself, a future step). The component
`briefgen_cues` marks every match as a span in `doc.spans["cues"]` labelled with its kind; the
analysis asks `has(span, kind)`, `find(span, kind)` or `at(token, kind)` and never reads the words
itself. A kind is given by regular expressions over the text (`patterns`), by the lemmas of single
words (`lemmas`: every inflection of "invest"), or both.
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from spacy.attrs import LEMMA
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from briefgen import data
from briefgen.annotate.per_doc import once_per_doc

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence

FACTORY = "briefgen_cues"
SPANS_KEY = "cues"
DATA_FILE = "cues"
WHITESPACE = r"\s+"


@lru_cache(maxsize=1)
def patterns(marked_only: bool = True) -> dict[str, re.Pattern[str]]:
    """Each cue kind's patterns as one compiled expression, in the data file's order; with
    `marked_only`, without the kinds only the rewriting code reads (`mark = false`)."""
    compiled: dict[str, re.Pattern[str]] = {}
    for kind, entry in data.load(DATA_FILE)["kinds"].items():
        if not entry.get("patterns") or (marked_only and not entry.get("mark", True)):
            continue
        # A space in a pattern stands for any whitespace: articles break lines mid-phrase.
        alternatives = "|".join("(?:" + p.replace(" ", WHITESPACE) + ")" for p in entry["patterns"])
        flags = 0 if entry.get("case", False) else re.IGNORECASE
        compiled[kind] = re.compile(alternatives, flags)
    return compiled


@lru_cache(maxsize=1)
def lemma_kinds(marked_only: bool = True) -> dict[str, frozenset[str]]:
    """Each cue kind given by lemmas: the lower-case lemmas of the words that are that cue;
    with `marked_only`, without the kinds only the rewriting code reads (`mark = false`)."""
    return {
        kind: frozenset(lemma.lower() for lemma in entry["lemmas"])
        for kind, entry in data.load(DATA_FILE)["kinds"].items()
        if entry.get("lemmas") and (not marked_only or entry.get("mark", True))
    }


@lru_cache(maxsize=1)
def kinds_by_lemma() -> dict[str, tuple[str, ...]]:
    """Each marked lower-case lemma's cue kinds, in the data file's order: one look-up a word."""
    out: dict[str, tuple[str, ...]] = {}
    for kind, lemmas in lemma_kinds().items():
        for lemma in lemmas:
            out[lemma] = (*out.get(lemma, ()), kind)
    return out


def word_list(kind: str) -> frozenset[str]:
    """The words of a cue kind given by lemmas, for code that rewrites a sentence's text."""
    return lemma_kinds(marked_only=False)[kind]


@lru_cache(maxsize=1)
def participles() -> dict[str, str]:
    """Past participles of the verbs of an ongoing choice ("choose" -> "chosen")."""
    return dict(data.load(DATA_FILE)["participles"])


@dataclass(frozen=True)
class DealName:
    """A name of the agreement itself, as a cue kind: "MoU", "joint venture", "agreement"."""

    kind: str
    label: str  # as the questions write it
    preliminary: bool  # usually non-binding (an MoU, a letter of intent)


@lru_cache(maxsize=1)
def deal_names() -> tuple[DealName, ...]:
    """The cue kinds that name the agreement, in the data file's order (the order of
    preference)."""
    return tuple(
        DealName(kind, entry["deal_name"], bool(entry.get("preliminary", False)))
        for kind, entry in data.load(DATA_FILE)["kinds"].items()
        if entry.get("deal_name")
    )


def pattern(kind: str) -> re.Pattern[str]:
    """The expression of one cue kind, for code that rewrites a sentence around its cue."""
    return patterns(marked_only=False)[kind]


@Language.factory(FACTORY, assigns=["doc.spans"])
def make_cue_marker(nlp: Language, name: str) -> CueMarker:
    return CueMarker()


class CueMarker:
    """Marks every cue of every kind in a Doc."""

    def __init__(self) -> None:
        self.kinds_of_id: dict[int, tuple[str, ...]] = {}  # lemma string id -> its cue kinds

    def __call__(self, doc: Doc) -> Doc:
        text = doc.text
        spans: list[Span] = []
        for kind, expression in patterns().items():
            for m in expression.finditer(text):
                span = doc.char_span(m.start(), m.end(), label=kind, alignment_mode="expand")
                if span is not None:
                    spans.append(span)
        # Lemmas as string ids (no Token objects), each id's kinds looked up once per process.
        strings = doc.vocab.strings
        of_id = self.kinds_of_id
        for i, lemma_id in enumerate(doc.to_array(LEMMA).tolist()):
            kinds = of_id.get(lemma_id)
            if kinds is None:
                kinds = of_id[lemma_id] = kinds_by_lemma().get(strings[lemma_id].lower(), ())
            for kind in kinds:
                spans.append(Span(doc, i, i + 1, label=kind))
        doc.spans[SPANS_KEY] = spans
        return doc


@dataclass(frozen=True)
class _Cues:
    """One kind's cues in a Doc, ordered by their characters: offsets only, 32 bytes a cue (a
    Span for each held about 200, in every process that reads the cues)."""

    start_chars: array[int]
    end_chars: array[int]
    starts: array[int]  # tokens
    ends: array[int]

    def within(self, start_char: int, end_char: int) -> Iterator[int]:
        """The positions of the cues inside the characters [start_char, end_char)."""
        for k in range(bisect_left(self.start_chars, start_char), len(self.start_chars)):
            if self.start_chars[k] >= end_char:
                return
            if self.end_chars[k] <= end_char:
                yield k


def _index(doc: Doc) -> dict[str, _Cues]:
    """Each kind's cues in a Doc, built on first use."""
    by_kind: dict[str, list[tuple[int, int, int, int]]] = {}
    for span in doc.spans.get(SPANS_KEY, ()):
        by_kind.setdefault(span.label_, []).append(
            (span.start_char, span.end_char, span.start, span.end)
        )
    index = {}
    for kind, found in by_kind.items():
        found.sort(key=lambda cue: (cue[0], cue[1]))
        index[kind] = _Cues(*(array("q", column) for column in zip(*found, strict=True)))
    return index


def _of_kind(doc: Doc, kind: str) -> _Cues | None:
    return once_per_doc(doc, "cues by kind", _index).get(kind)


def find(span: Span, kind: str) -> Sequence[Span]:
    """The cues of `kind` inside `span` (a sentence), in text order."""
    cues = _of_kind(span.doc, kind)
    if cues is None:
        return []
    doc = span.doc
    return [
        Span(doc, cues.starts[k], cues.ends[k], label=kind)
        for k in cues.within(span.start_char, span.end_char)
    ]


def has(span: Span, kind: str) -> bool:
    """Whether `span` holds a cue of `kind`."""
    cues = _of_kind(span.doc, kind)
    return cues is not None and any(True for _ in cues.within(span.start_char, span.end_char))


AT_REACH = 8  # `at` looks for a cue holding the token within this many tokens either side


def at(token: Token, kind: str) -> bool:
    """Whether `token` is, or is inside, a cue of `kind`."""
    cues = _of_kind(token.doc, kind)
    if cues is None:
        return False
    near = token.doc[max(0, token.i - AT_REACH) : token.i + AT_REACH]
    return any(
        cues.starts[k] <= token.i < cues.ends[k]
        for k in cues.within(near.start_char, near.end_char)
    )


def words(cue: Span) -> str:
    """A cue's text with its whitespace normalised, as it reads in a sentence's text."""
    return " ".join(cue.text.split())
