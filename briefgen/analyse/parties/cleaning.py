"""Cleaning candidate spans into names, and rejecting what is not a name.

Entities are split at line breaks, bullets and parentheses; articles, possessives and titles
are stripped; hyphenated names joined ("Mota" + "-Engil"); country pairs split ("U.S.-Pakistan").
Junk: no letters, lower case, too long, site chrome, common-noun acronyms, lone generic or title
words, a minister's portfolio ("Transport Minister"), or no proper noun at all.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from briefgen.analyse.parties.mentions import Mention
from briefgen.annotate.names import (
    BULLET_MARKS,
    CHROME,
    CONNECTORS,
    DETERMINERS,
    GENERIC_WORDS,
    HEAD_TITLES,
    HYPHENS,
    LONE_NON_NAMES,
    PERSON_TITLES,
    PORTFOLIO_WORDS,
    POSSESSIVES,
    TITLE_WORDS,
    acronym_letters,
    countries,
    country_of,
    document_by_words,
    is_capitalised,
    looks_like_acronym,
    lowered,
    org_by_words,
    plain_key,
)

MAX_NAME_TOKENS = 8  # longer "entities" are sentence fragments the model ran together


def entity_pieces(doc: Doc, start: int, end: int) -> list[tuple[int, int]]:
    """An entity split at line breaks, bullets and parentheses ("Critical Minerals
    Development\\n • FWO")."""
    pieces = []
    current = start
    for i in range(start, end):
        tok = doc[i]
        after_newline = i > 0 and "\n" in doc[i - 1].text + doc[i - 1].whitespace_
        if (
            tok.is_space
            or "\n" in tok.text
            or tok.text in BULLET_MARKS
            or tok.text in "()[]"  # "Truth Social (FWO": the model ran over a parenthesis
            or (tok.text in "-–—" and after_newline)
        ):
            if current < i:
                pieces.append((current, i))
            current = i + 1
    if current < end:
        pieces.append((current, end))
    return pieces


def _strippable(tok: Token) -> bool:
    return (
        lowered(tok) in DETERMINERS
        or lowered(tok) in POSSESSIVES
        or tok.is_punct
        or tok.is_space
        or tok.text in BULLET_MARKS
    )


def _is_possessor_only(before: Span, after: Span) -> bool:
    """Whether "<before>'s <after>" names <after>, owned by a place or institution: a known
    place or a lone generic word before it, or one proper noun before a name of three or more
    words that ends like an organisation ("Mombasa's Coastal Harbour Development Organisation";
    "Moody's Investors Service" and "Prime Minister's Office" stay whole)."""
    text = before.text
    table = countries()
    return (
        country_of(text) is not None
        or plain_key(text) in table.capitals
        or all(t.ent_type_ in ("GPE", "LOC") for t in before)
        or (len(before) == 1 and lowered(before[0]) in GENERIC_WORDS)
        or (
            len(before) == 1
            and before[0].pos_ == "PROPN"
            and len(after) >= 3
            and org_by_words(after.text)
        )
    )


def clean_range(doc: Doc, start: int, end: int, label: str, limit: int) -> tuple[int, int] | None:
    """Strip articles, possessives, punctuation and titles; join a hyphenated continuation."""
    while start < end and _strippable(doc[start]):
        start += 1
    table = countries()
    whole_country = country_of(doc[start:end].text) is not None  # "People's Republic of China"
    for k in range(start + 1, end - 2):  # "Jammu's Frontier Works Organisation": a place's org
        if whole_country:
            break
        if lowered(doc[k]) in POSSESSIVES and _is_possessor_only(doc[start:k], doc[k + 1 : end]):
            start = k + 1
            break
    if (  # "Local Bugis fishermen": a capitalised adjective only because it opens the sentence
        end - start > 1
        and (doc[start].is_sent_start or doc[start - 1].is_space)
        and doc[start].tag_ in ("JJ", "JJR", "JJS", "RB", "DT", "PDT")
        and plain_key(doc[start].text) not in table.demonyms
        and country_of(doc[start].text) is None
    ):
        start += 1
    while end > start and (lowered(doc[end - 1]) in POSSESSIVES or doc[end - 1].is_punct):
        end -= 1
    if label == "PERSON":  # "President Donald Trump" -> "Donald Trump" (the title is a role)
        while end - start > 1 and lowered(doc[start]).rstrip(".") in PERSON_TITLES:
            start += 1
    if label in ("ORG", "PERSON"):  # "Embassy Acting", "US Chargé": ran into the next title
        while (
            end - start > 1
            and lowered(doc[end - 1]) in TITLE_WORDS
            and lowered(doc[end - 2]) not in CONNECTORS
        ):
            end -= 1
    if label in ("ORG", "PERSON"):  # "Mota" + "-Engil"
        while (
            end + 1 < limit
            and not doc[end - 1].whitespace_
            and doc[end].text in HYPHENS
            and not doc[end].whitespace_
            and doc[end + 1].is_alpha
            and is_capitalised(doc[end + 1].text)
            and country_of(doc[end + 1].text) is None
        ):
            end += 2
    return (start, end) if start < end else None


def split_country_pair(m: Mention) -> list[Mention]:
    """Countries the model ran together are each a mention: "U.S.-Pakistan" (one token to
    spaCy), "Pakistan and the United States"."""
    if m.label == "PERSON" or country_of(m.text):
        return [m]
    parts = re.split(r"(?<=[\w.])[-‐‑–](?=\w)|,? and (?:the )?|, (?:the )?", m.text)
    table = countries()
    if len(parts) < 2 or not all(country_of(p) or plain_key(p) in table.demonyms for p in parts):
        return [m]
    out = []
    offset = 0
    for part in parts:
        at = m.text.find(part, offset)
        out.append(Mention(part, "GPE", m.sentence, m.start + at, m.start + at + len(part)))
        offset = at + len(part)
    return out


def person_after_title(doc: Doc, start: int, end: int) -> tuple[int, int] | None:
    """The name in a span that opens with a title: "Chargé d'Affaires Laura Brent" -> "Laura
    Brent" (two or three proper nouns, no company words); None otherwise."""
    i = start
    while i < end and is_capitalised(doc[i].text) and lowered(doc[i]).rstrip(".") in PERSON_TITLES:
        i += 1
    rest = doc[i:end]
    if i == start or not 2 <= len(rest) <= 3 or org_by_words(rest.text):
        return None
    if all(t.is_alpha and is_capitalised(t.text) and t.pos_ == "PROPN" for t in rest):
        return (i, end)
    return None


def titled_person(doc: Doc, start: int, end: int, lower: int) -> bool:
    """Whether a name the model took for an organisation or place is a person's, by the title
    right before it: "Lunga chief executive Mwila Banda" (two or three proper nouns, no company
    or country words)."""
    if not 2 <= end - start <= 3 or start - 1 < lower:
        return False
    before = [lowered(doc[k]).rstrip(".") for k in range(max(lower, start - 3), start)]
    if before[-1] not in PERSON_TITLES or not any(w in HEAD_TITLES for w in before):
        return False
    rest = doc[start:end]
    if org_by_words(rest.text) or country_of(rest.text) is not None:
        return False
    return all(t.is_alpha and is_capitalised(t.text) and t.pos_ == "PROPN" for t in rest)


def _before_title(tok: Token) -> bool:
    nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
    return nxt is not None and lowered(nxt) in HEAD_TITLES


def is_junk(m: Mention, common_acronyms: set[str]) -> bool:
    """Not a name: no letters, lower case, too long, chrome, a common-noun acronym, a lone
    generic or title word, or no proper noun in it ("• Identify")."""
    text = m.text
    if not any(c.isalpha() for c in text) or not is_capitalised(text):
        return True
    span = m.doc.char_span(m.start, m.end, alignment_mode="expand")
    tokens = [t for t in span if not t.is_space] if span is not None else []
    if not tokens or len(tokens) > MAX_NAME_TOKENS or CHROME.match(text):
        return True
    if document_by_words(text):
        return True  # "Inflation Reduction Act": a law, not a party
    if looks_like_acronym(text) and acronym_letters(text) in common_acronyms:
        return True
    content = [
        lowered(t).rstrip(".")
        for t in tokens
        if not t.is_punct and lowered(t) not in CONNECTORS and lowered(t) not in POSSESSIVES
    ]
    if not content:
        return True
    if len(content) == 1 and content[0] in LONE_NON_NAMES:
        return True  # "House", "Chargé", "Metals"
    if len(content) == 1 and content[0] in PORTFOLIO_WORDS and _before_title(tokens[-1]):
        return True  # "Transport" of "Transport Minister Frank Tayali"
    if all(w in PERSON_TITLES for w in content):
        return True
    return (
        m.label != "NORP"
        and country_of(text) is None
        and not looks_like_acronym(text)
        and not any(t.pos_ == "PROPN" for t in tokens)
    )


def without_overlaps(mentions: list[Mention]) -> list[Mention]:
    """Where candidates overlap, an acronym definition beats NER, which beats a title-led guess;
    then the longer wins."""
    kept: list[Mention] = []
    for m in sorted(mentions, key=lambda m: (m.origin, m.start - m.end, m.start)):
        if not any(k.overlaps(m.start, m.end) for k in kept):
            kept.append(m)
    return sorted(kept, key=lambda m: m.start)
