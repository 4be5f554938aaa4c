"""Surface forms of names: folding quotes, case and spelling, acronym shape, and what the words
of a name say about it (a person's core name, an organisation by its words)."""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.tokens import Token

from briefgen.analyse.parties.words import ORG_HEADS, ORG_SUFFIXES, PERSON_TITLES

# The pure string helpers below are called hundreds of thousands of times on a few thousand
# recurring words and names (every token of every sentence, every candidate): each is
# memoised. Bounded, so a huge corpus cannot grow them without limit; they return str or bool
# only, so a cached result cannot be mutated by a caller.
MEMO = 65536


@lru_cache(maxsize=MEMO)
def straight_quotes(text: str) -> str:
    """Curly quotes and apostrophes made straight, as the word lists spell them."""
    return text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')


def lowered(token: Token) -> str:
    """A token's lower-case text with straight quotes, for looking it up in the word lists."""
    return straight_quotes(token.lower_)


@lru_cache(maxsize=MEMO)
def is_capitalised(word: str) -> bool:
    """Starts upper-case, or with a French/Italian elision before a capital ("d'Affaires")."""
    return word[:1].isupper() or bool(re.match(r"[dl]['’][A-Z]", word))


@lru_cache(maxsize=MEMO)
def looks_like_acronym(text: str) -> bool:
    """Acronym-shaped: short, starts upper-case, two capitals or more ("FWO", "U.S.", "MoU")."""
    return bool(re.fullmatch(r"[A-Z][A-Za-z&.]{0,9}", text)) and sum(c.isupper() for c in text) >= 2


@lru_cache(maxsize=MEMO)
def acronym_letters(text: str) -> str:
    """The letters an acronym spells: "MoUs" -> "MOU", "U.S." -> "US", "REEs" -> "REE"."""
    letters = re.sub(r"[^A-Za-z]", "", text)
    if len(letters) > 2 and letters.endswith("s") and letters[-2].isupper():
        letters = letters[:-1]
    return letters.upper()


@lru_cache(maxsize=MEMO)
def fold_spelling(word: str) -> str:
    """British and American spellings to one key: organisation/organization, centre/center."""
    if len(word) > 5:
        word = re.sub(r"is(e|ed|es|ing|ation|ations)$", r"iz\1", word)
    if len(word) >= 6:
        word = re.sub(r"our(s?)$", r"or\1", word)
    if len(word) >= 5:
        word = re.sub(r"tre(s?)$", r"ter\1", word)
    word = re.sub(r"^(def|lic|off)ence$", r"\1ense", word)
    return {"programme": "program", "catalogue": "catalog"}.get(word, word)


@lru_cache(maxsize=MEMO)
def plain_key(text: str) -> str:
    """Case, quotes, dots, hyphens and a leading article removed: "the U.S." -> "us"."""
    text = straight_quotes(text).casefold().replace("&", " and ").replace(".", "")
    text = re.sub(r"'s\b", "", text)
    text = re.sub(r"[-‐‑–—/,']", " ", text)
    text = re.sub(r"^(the|a|an)\s+", "", " ".join(text.split()))
    return text


def core_person_tokens(text: str) -> list[str]:
    """A person's name without leading titles or abbreviations: "CDA Baker" -> ["baker"]."""
    tokens = text.split()
    while len(tokens) > 1 and (
        straight_quotes(tokens[0]).casefold().rstrip(".") in PERSON_TITLES
        or (tokens[0].isupper() and len(tokens[0]) <= 4)
    ):
        tokens = tokens[1:]
    return [straight_quotes(t).casefold() for t in tokens]


_ORG_SUFFIX_KEYS = frozenset(fold_spelling(w) for w in ORG_SUFFIXES)
_ORG_HEAD_KEYS = frozenset(fold_spelling(w) for w in ORG_HEADS)


@lru_cache(maxsize=MEMO)
def org_by_words(text: str) -> bool:
    """The words of the name say organisation: "Barrick Gold", "Ministry of Energy"."""
    words = [fold_spelling(w) for w in plain_key(text).split()]
    if len(words) < 2:
        return False
    return words[-1] in _ORG_SUFFIX_KEYS or (words[0] in _ORG_HEAD_KEYS and words[1] == "of")
