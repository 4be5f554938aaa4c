"""Wording of questions and their bases: articles, verb agreement with a count of sources,
source ids, short quotations, and tokens as text that reads mid-sentence."""

from __future__ import annotations

import re
from collections.abc import Iterable

from briefgen.corpus import Sentence, sorted_sources


def a_an(word: str) -> str:
    """The indefinite article for a word, acronyms by their spoken first letter ("an MoU")."""
    if re.match(r"[A-Z]{2}|[A-Z][a-z]?[A-Z]", word):
        return "an" if word[0] in "AEFHILMNORSX" else "a"
    return "an" if word[:1].lower() in "aeiou" else "a"


def says(sources: Iterable[str]) -> str:
    return "says" if len(set(sources)) == 1 else "say"


def report(sources: Iterable[str]) -> str:
    return "reports" if len(set(sources)) == 1 else "report"


def ids(sources: Iterable[str], limit: int = 6) -> str:
    """Source ids for a question: all of a few, the first three and a count of many."""
    ordered = sorted_sources(sources)
    if len(ordered) <= limit:
        return ", ".join(ordered)
    return f"{', '.join(ordered[:3])} and {len(ordered) - 3} more"


def quote(text: str, max_words: int = 16) -> str:
    """A short quotation of a sentence: its first words, cut at a word boundary."""
    words = text.strip().rstrip(".").split()
    short = " ".join(words[:max_words])
    return f"“{short}{'…' if len(words) > max_words else ''}”"


def quote_around(text: str, pattern: re.Pattern[str] | str, width: int = 7) -> str:
    """A short quotation of the words around the first match of a pattern (or substring)."""
    if isinstance(pattern, str):
        # A figure is shown tidied ("$10" for "$ 10"): found whatever spacing the text has.
        loose = re.compile(r"\s*".join(map(re.escape, "".join(pattern.split()))))
        m = loose.search(text)
        at_char = m.start() if m else -1
    else:
        m = pattern.search(text)
        at_char = m.start() if m else -1
    if at_char < 0:
        return quote(text, 2 * width)
    words = text.strip().rstrip(".").split()
    at = len(text[:at_char].split())
    start, end = max(0, at - width), min(len(words), at + width + 1)
    inner = " ".join(words[start:end])
    return f"“{'…' if start else ''}{inner}{'…' if end < len(words) else ''}”"


def cite(sentence: Sentence, pattern: re.Pattern[str] | str, width: int = 7) -> str:
    """Evidence from one sentence: its source id and the words around a pattern ("S2: “…”")."""
    return f"{sentence.source_id}: {quote_around(sentence.text, pattern, width)}"
