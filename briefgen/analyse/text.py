"""Text helpers shared by the extract stages (context, open questions).

Normalised text and names for comparison, content-word keys, entities of a span read once per
Doc, and the calendar and time words that place a sentence in time: a past time other than the
event's (`other_time`: background) or a time ahead (`future_time`: a milestone of the event).
"""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Span, Token

from briefgen.corpus import span_ents

CONTENT_POS = frozenset({"NOUN", "PROPN", "VERB", "ADJ", "NUM"})
WORD = re.compile(r"[A-Za-z][A-Za-z'’\-]*|\d[\d,.]*")
# Quotation marks: a sentence holding one reports what someone said.
QUOTE_MARKS = re.compile(r"[“”\"]")

# --- calendar and time words ----------------------------------------------------------------

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = (
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december",
)  # fmt: skip
# Expressions that move a sentence away from the event's own time, into the past. A bare year
# ("in 2020") is the past unless its clause speaks of the future (`other_time`).
PAST_TIME = re.compile(
    r"\b(?:last|past|previous|earlier this|earlier in the)\s+"
    r"(?:week|month|year|decade|quarter|spring|summer|autumn|fall|winter|"
    rf"{'|'.join(WEEKDAYS)})s?\b"
    r"|\bin recent (?:days|weeks|months|years)\b|\b(?:years|months|weeks|decades) ago\b"
    r"|\brecently\b|\bpreviously\b|\bearlier\b|\bformerly\b|\bat the time\b"
    r"|\bsince (?:19|20)\d\d\b",
    re.IGNORECASE,
)
IN_YEAR = re.compile(r"\bin (?:19|20)\d\d\b", re.IGNORECASE)
# The sentence speaks of the future: a plan, a forecast, a schedule ("would" is left out: in
# reported speech it is as often a past hope as a plan).
FUTURE_TENSE = re.compile(
    r"\b(?:will|shall)\b|\w'll\b"
    r"|\b(?:is|are|was|were)\s+(?:\w+ly\s+)?(?:expected|set|scheduled|due|planned|poised|slated|"
    r"likely|going)\s+to\b|\b(?:plans?|planning|intends?|intending|aims?|aiming)\s+to\b",
    re.IGNORECASE,
)
_MONTH_NAMES = "|".join(m for m in MONTHS if m != "may")  # "may" is more often the verb
# A time ahead of the event: a milestone, deadline or horizon ("later this year", "by 2030",
# "within 18 months", "by the end of the decade", "next year").
FUTURE_TIME = re.compile(
    r"\blater (?:this|next) (?:year|month|week|decade|quarter|spring|summer|autumn|fall|winter)\b"
    r"|\b(?:next|coming) (?:year|month|week|decade|quarter|spring|summer|autumn|fall|winter)\b"
    r"|\bin the (?:coming|next) (?:few )?(?:days|weeks|months|years|decade)\b"
    r"|\bwithin (?:the next )?(?:\w+ )?(?:days|weeks|months|years)\b"
    r"|\bby (?:the )?(?:end|middle|start|beginning) of (?:the |this |next )?(?:year|decade|"
    r"month|quarter|(?:19|20)\d\d)\b"
    r"|\bby (?:(?:early|mid|late)[- ])?(?:(?:19|20)\d\d|" + _MONTH_NAMES + r")\b"
    r"|\b(?:first|second|third|fourth) quarter of (?:next year|(?:19|20)\d\d)\b",
    re.IGNORECASE,
)
# A date a future sentence schedules something for ("start production in 2027").
SCHEDULED_DATE = re.compile(
    r"\b(?:in|from|starting|until|through|before|after|during) (?:the )?"
    r"(?:(?:first|second|third|fourth|last) (?:half|quarter) of |(?:end|start|beginning|middle)"
    r" of |(?:early|mid|late)[- ])?(?:(?:19|20)\d\d|" + _MONTH_NAMES + r")\b",
    re.IGNORECASE,
)


# Where the clause holding a date starts: "The policy, launched in 2020, aims to..."
CLAUSE_BREAK = re.compile(r"[,;:—–()]|\s(?:which|that|who|while|after|before)\s", re.IGNORECASE)


def speaks_of_future(text: str) -> bool:
    """The sentence states a plan, forecast or schedule ("will", "expected to", "plans to")."""
    return FUTURE_TENSE.search(text) is not None


def date_ahead(text: str, date: re.Match[str]) -> bool:
    """A date the sentence schedules something for: its own clause speaks of the future before
    it ("is expected to start production *in 2027*"), or it opens a sentence about the future
    ("*In 2027*, the plant will..."). "The policy, launched in 2020, aims to" is the past."""
    before = text[: date.start()]
    breaks = [m.end() for m in CLAUSE_BREAK.finditer(before)]
    clause = before[breaks[-1] if breaks else 0 :]
    if FUTURE_TENSE.search(clause):
        return True
    opens = not before.strip() and re.match(r"\s*,", text[date.end() :]) is not None
    return opens and speaks_of_future(text[date.end() :])


def future_time(text: str) -> bool:
    """The sentence names a time ahead: a milestone ("later this year", "by 2030") or a date in
    a statement about the future ("is expected to start production in 2027")."""
    if FUTURE_TIME.search(text):
        return True
    return any(date_ahead(text, m) for m in SCHEDULED_DATE.finditer(text))


def other_time(text: str) -> bool:
    """The sentence points to a past time other than the event's ("last year", "in 2020");
    a year a plan is scheduled for is a milestone, not another time."""
    if PAST_TIME.search(text):
        return True
    return any(not date_ahead(text, m) for m in IN_YEAR.finditer(text))


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
    return {
        stem(t.lemma_)
        for t in span
        if t.pos_ in CONTENT_POS and not t.is_stop and (t.is_alpha or t.like_num)
    }


def text_keys(text: str) -> set[str]:
    """Content-word keys of raw text, for items (key points) that carry no parse."""
    return {stem(w) for w in WORD.findall(text) if w.lower() not in STOP_WORDS and len(w) > 1}


@lru_cache(maxsize=65536)  # pure, and called on the same names again and again
def norm_text(text: str) -> str:
    """Lower-cased text with abbreviation dots, hyphens, possessives and extra spaces removed."""
    t = text.replace("’", "'").lower()
    t = re.sub(r"'s\b", "", t)
    t = re.sub(r"(?<=\w)\.(?=\w)|(?<=\b\w)\.", "", t)  # U.S. -> us
    t = re.sub(r"[-–—/]", " ", t)
    return " ".join(t.split())


def norm_name(text: str) -> str:
    """Entity text for comparison: no leading article, possessive, punctuation or case."""
    t = re.sub(r"^\W+|\W+$", "", norm_text(text))  # bullets, brackets, quotes
    return re.sub(r"^the\s+", "", t)


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
