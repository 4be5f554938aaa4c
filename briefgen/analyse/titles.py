"""The brief's title: the articles' own headline that best matches the key points, else one cut
from the lead key point.

Headlines come from the article metadata (`Article.title`) or, for plain text, from a headline
line at the top of the article (short, no final full stop, mostly capitalised, not a byline). A
headline qualifies when at least half of its content words (stemmed) occur in the key points;
the best share wins, then the headline more sources carry, then the earliest source. Site names
after a separator ("... | Dawn", "... - Reuters") are cut off. Without a qualifying headline the
lead key point is shortened to its main clause: parentheses, a leading attribution and trailing
clauses dropped, at most `MAX_WORDS` words, ending on a content word.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence

from briefgen.annotate.clean import (
    HEADLINE_FUNCTION_WORDS,
    is_byline,
    is_caption,
    main_clause_end,
    without_attribution,
    without_dateline,
)
from briefgen.brief import KeyPoint, Party
from briefgen.corpus import ParsedArticle

MAX_WORDS = 14
MIN_HEADLINE_WORDS = 3
MAX_HEADLINE_WORDS = 18
MIN_MATCH = 0.5  # share of the headline's content words the key points must contain
HEAD_LINES = 3  # a plain-text headline stands in the first lines of the file
FALLBACK = "Briefing note"
STOP = HEADLINE_FUNCTION_WORDS  # a title does not end on these; not content words

WORD = re.compile(r"[A-Za-z][A-Za-z'’.-]*|\d[\d,.]*")
# "Headline | Site", "Headline - Site", "Headline — Site": a short tail after a spaced separator.
SITE_SEPARATORS = (" | ", " - ", " – ", " — ", " :: ")
SITE_MAX_WORDS = 4
PARENTHESES = re.compile(r"\s*\([^()]{0,60}\)")


def derive_title(
    corpus: Sequence[ParsedArticle], summary: Sequence[KeyPoint], parties: Sequence[Party]
) -> str:
    """A short, informative title for the brief; deterministic for the same input."""
    headline = best_headline(corpus, summary)
    if headline:
        return headline
    if summary:
        return title_from_sentence(summary[0].text) or FALLBACK
    names = [p.name for p in parties[:2]]
    return f"{FALLBACK}: {' and '.join(names)}" if names else FALLBACK


def best_headline(corpus: Sequence[ParsedArticle], summary: Sequence[KeyPoint]) -> str | None:
    """The candidate headline whose content words the key points carry best, if one qualifies."""
    stem = _stemmer()
    said = {stem(w) for kp in summary for w in _content_words(kp.text)}
    if not said:
        return None
    support: Counter[str] = Counter()
    first_seen: dict[str, int] = {}
    for position, parsed in enumerate(corpus):
        for headline in dict.fromkeys(_headlines(parsed)):
            support[headline] += 1
            first_seen.setdefault(headline, position)
    best: tuple[float, int, int] | None = None
    choice = None
    for headline in first_seen:
        words = {stem(w) for w in _content_words(headline)}
        if not words:
            continue
        share = len(words & said) / len(words)
        key = (share, support[headline], -first_seen[headline])
        if share >= MIN_MATCH and (best is None or key > best):
            best, choice = key, headline
    return choice


def _headlines(parsed: ParsedArticle) -> Iterable[str]:
    title = parsed.article.title
    if title:
        cleaned = clean_headline(title)
        if cleaned:
            yield cleaned
    lines = [line.strip() for line in parsed.article.text.splitlines() if line.strip()]
    for line in lines[:HEAD_LINES]:
        if looks_like_headline(line) and not is_caption(line):
            yield clean_headline(line)


def looks_like_headline(line: str) -> bool:
    """Short, no final full stop, mostly capitalised words, not a byline or a date."""
    words = WORD.findall(line)
    if not MIN_HEADLINE_WORDS <= len(words) <= MAX_HEADLINE_WORDS:
        return False
    if line.rstrip("”\"'’").endswith((".", ":", ";", ",")) or is_byline(line):
        return False
    content = [w for w in words if w.lower() not in STOP and w[0].isalpha()]
    capitalised = [w for w in content if w[0].isupper()]
    return len(content) >= 2 and len(capitalised) >= 0.5 * len(content)


def clean_headline(text: str) -> str:
    """Whitespace normalised, a trailing site name and stray punctuation removed."""
    text = " ".join(text.split())
    cuts = [text.rfind(sep) for sep in SITE_SEPARATORS]
    cut = max(cuts)
    if cut > 0:
        head, tail = text[:cut], text[cut + 3 :]
        if len(tail.split()) <= SITE_MAX_WORDS and len(WORD.findall(head)) >= MIN_HEADLINE_WORDS:
            text = head
    return text.strip(" .,;:|-–—")


def title_from_sentence(sentence: str) -> str:
    """The main clause of a sentence, as a title: at most MAX_WORDS words."""
    text = without_attribution(without_dateline(" ".join(sentence.split())))
    text = PARENTHESES.sub("", text)
    words = text.split()
    # Cut at the first clause break after a few words: the main clause carries the news.
    end = main_clause_end(text, min_words=6)
    if end is not None:
        words = text[:end].split()
    words = words[:MAX_WORDS]
    while words and words[-1].lower().strip(".,;:") in STOP:
        words.pop()
    title = " ".join(words).strip(" .,;:")
    return title[:1].upper() + title[1:]


def _content_words(text: str) -> list[str]:
    """Lower-cased words without stop words; "U.S." and "US" are one word."""
    words = (w.lower().replace(".", "") for w in WORD.findall(text))
    return [w for w in words if w and w not in STOP]


def _stemmer():
    from briefgen.analyse.summarize import english_stemmer

    return english_stemmer()
