"""Text helpers shared by the extract stages (context, open questions).

Normalised text and names for comparison, content-word keys, entities of a span read once per
Doc, and whether a sentence's dates (as `briefgen.annotate.dates` read them) point to a past time
other than the event's (`other_time`: background) or a time ahead (`future_time`: a milestone).
"""

from __future__ import annotations

import re
from functools import lru_cache
from weakref import WeakKeyDictionary

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Doc, Span, Token

from briefgen.annotate import cues, dates
from briefgen.corpus import span_ents

CONTENT_POS = frozenset({"NOUN", "PROPN", "VERB", "ADJ", "NUM"})
WORD = re.compile(r"[A-Za-z][A-Za-z'’\-]*|\d[\d,.]*")
# Quotation marks: a sentence holding one reports what someone said.
QUOTE_MARKS = re.compile(r"[“”\"]")

# --- sentences that lean on the one before ----------------------------------------------------

OPENING_PUNCT = "“\"‘'«("


def opens_leaning(span: Span, *, demonstratives: bool = True) -> bool:
    """The first word points at an earlier sentence: a personal pronoun ("She said …", "It’s
    …") or, with `demonstratives`, a demonstrative ("Such chips …"; "This year, …" opens a date,
    not a reference)."""
    first = next((t for t in span if not (t.is_punct or t.is_space)), None)
    if first is None or first.ent_type_ in ("DATE", "TIME"):
        return False
    word = first.lower_.strip(OPENING_PUNCT)
    return word in cues.word_list("pronoun_opener") or (
        demonstratives and word in cues.word_list("demonstrative_opener")
    )


# --- time ---------------------------------------------------------------------------------

# The one reading of future tense, shared with the date reader that uses it to tell a scheduled
# date ("will start production in 2027") from a past one.
speaks_of_future = dates.speaks_of_future


def future_time(span: Span) -> bool:
    """The sentence names a time ahead: a milestone ("later this year", "by 2030") or a date in
    a statement about the future ("is expected to start production in 2027")."""
    return any(m.orientation == "future" for _, m in dates.mentions(span))


def other_time(span: Span) -> bool:
    """The sentence points to a past time other than the event's ("last year", "in 2020",
    "recently"); a year a plan is scheduled for is a milestone, not another time."""
    return any(m.orientation == "past" for _, m in dates.mentions(span))


def past_perfect(span: Span) -> bool:
    """A past perfect ("had fallen", "had already signed"): something before the event."""
    tokens = list(span)
    return any(
        t.lemma_ == "have"
        and t.tag_ == "VBD"
        and any(u.tag_ == "VBN" for u in tokens[i + 1 : i + 4] if u.pos_ in ("VERB", "AUX"))
        for i, t in enumerate(tokens)
    )


# --- normalised text and keys ---------------------------------------------------------------


@lru_cache(maxsize=65536)  # pure, and called on every content word of every sentence
def stem(word: str) -> str:
    """A crude, deterministic stem so lemmas and raw words of one word family compare equal."""
    w = word.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    for suffix, keep in (("ies", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", "")):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3 and not w.endswith("ss"):
            w = w[: -len(suffix)] + keep
            break
    # "include"/"including", "organise"/"organize": one key per word family.
    w = w.replace("is", "iz") if w.endswith(("isat", "isation", "ise", "is")) else w
    return w[:-1] if w.endswith("e") and len(w) >= 4 else w


def ents(span: Span) -> tuple[Span, ...]:
    """The entities inside a span, like `span.ents`, which rescans the whole Doc on every call
    (measured: half a millisecond per sentence on long articles); each Doc is read once."""
    return span_ents(span)


def span_keys(span: Span) -> set[str]:
    """Content-word keys of a parsed span (stemmed lemmas of nouns, verbs, adjectives, numbers)."""
    # Read once per span (the context stage asks for every sentence twice); a fresh set each
    # call, as callers may add to it.
    memo = _SPAN_KEYS.get(span.doc)
    if memo is None:
        memo = _SPAN_KEYS[span.doc] = {}
    keys = memo.get((span.start, span.end))
    if keys is None:
        keys = memo[(span.start, span.end)] = tuple(  # a tuple, which the GC stops tracking
            {
                stem(t.lemma_)
                for t in span
                if t.pos_ in CONTENT_POS and not t.is_stop and (t.is_alpha or t.like_num)
            }
        )
    return set(keys)


_SPAN_KEYS: WeakKeyDictionary[Doc, dict[tuple[int, int], tuple[str, ...]]] = WeakKeyDictionary()


def text_keys(text: str) -> set[str]:
    """Content-word keys of raw text, for items (key points) that carry no parse."""
    return {stem(w) for w in WORD.findall(text) if w.lower() not in STOP_WORDS and len(w) > 1}


def has_word(phrase: str, text: str) -> bool:
    return _word_pattern(phrase).search(text) is not None


@lru_cache(maxsize=65536)  # few phrases, looked up in many texts: compiled once each
def _word_pattern(phrase: str) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w){re.escape(phrase)}(?!\w)")


def containment(a: set[str] | frozenset[str], b: set[str] | frozenset[str]) -> float:
    """Share of `a` found in `b` (0 when `a` is empty)."""
    return len(a & b) / len(a) if a else 0.0


def overlap(a: set[str] | frozenset[str], b: set[str] | frozenset[str]) -> float:
    """Share of the smaller set found in the other."""
    return len(a & b) / min(len(a), len(b)) if a and b else 0.0


def is_word(t: Token) -> bool:
    """The token holds a letter or digit (not only punctuation)."""
    return any(ch.isalnum() for ch in t.text)
