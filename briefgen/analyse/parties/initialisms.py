"""Common-noun initialisms: short capitalised tokens the text uses as ordinary words ("an EV
battery plant", "a domestic EV industry", "an IPO"), which NER often tags as organisations.

An acronym is a common noun when nothing in the text makes it a name (no definition, no
capitalised name whose initials spell it) and either the text spells it out in lower case
somewhere ("electric-vehicle battery" for EV), or every use of it is a common noun's (before a
common noun, in the plural, after "a"/"an") and at least one use reads as a common word (the
tagger calls it a common noun, or a lower-case adjective sits before it: "a domestic EV
industry"). Organisations used as modifiers ("the IMF loan", "LG consortium") are read as proper
nouns with no lower-case spelling-out, so they stay.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence

from spacy.tokens import Span, Token

from briefgen.annotate.names import (
    CONNECTORS,
    HYPHENS,
    acronym_letters,
    aligns,
    country_of,
    looks_like_acronym,
    loosely_aligns,
)
from briefgen.corpus import Sentence

MAX_EXPANSION_WORDS = 6
COMMON_NOUN_TAGS = frozenset({"NN", "NNS"})
PROPER_NOUN_TAGS = frozenset({"NNP", "NNPS"})
# Words that may sit inside a lower-case expansion without giving it a letter ("rate of return").
INNER_CONNECTORS = frozenset({"of", "and"})


def _acronym_uses(sentences: Sequence[Sentence]) -> dict[str, list[tuple[Token, Span]]]:
    """Acronym-shaped tokens (with their sentence) by the letters they spell ("EV", "EVs" ->
    "EV"), countries left out ("US")."""
    found: dict[str, list[tuple[Token, Span]]] = defaultdict(list)
    for s in sentences:
        for tok in s.span:
            if looks_like_acronym(tok.text) and country_of(tok.text) is None:
                letters = acronym_letters(tok.text)
                if len(letters) >= 2:
                    found[letters].append((tok, s.span))
    return found


def _is_plural(tok: Token) -> bool:
    """A plural ("EVs", "MoUs") is a count noun, not a name."""
    return tok.text.endswith("s") and acronym_letters(tok.text) != tok.text.replace(".", "")


def _used_as_common_noun(tok: Token, span: Span) -> bool:
    """Used before a common noun ("EV battery"), as a plural ("EVs"), or after an indefinite
    article ("an IPO"): the uses of a common noun."""
    if _is_plural(tok):
        return True
    prev = tok.doc[tok.i - 1] if tok.i > span.start else None
    if prev is not None and prev.lower_ in ("a", "an"):
        return True
    nxt = tok.doc[tok.i + 1] if tok.i + 1 < span.end else None
    return nxt is not None and nxt.is_lower and nxt.is_alpha and nxt.tag_ in COMMON_NOUN_TAGS


def _reads_as_common_word(tok: Token, span: Span) -> bool:
    """The tagger calls it a common word, or a lower-case adjective qualifies it ("a domestic
    EV industry")."""
    if tok.tag_ not in PROPER_NOUN_TAGS:
        return True
    prev = tok.doc[tok.i - 1] if tok.i > span.start else None
    return prev is not None and prev.is_lower and prev.tag_ in ("JJ", "JJR", "JJS")


def _lower_case_initials(sentences: Sequence[Sentence], wanted: set[str]) -> set[str]:
    """Which of the `wanted` letter strings a run of lower-case words ending in a noun spells:
    "electric-vehicle" -> EV, "liquefied natural gas" -> LNG, "rate of return" -> ROR."""
    prefixes = {w[:k] for w in wanted for k in range(1, len(w) + 1)}
    spelled: set[str] = set()
    for s in sentences:
        tokens = list(s.span)
        for i, first in enumerate(tokens):
            if not _content_word(first):
                continue
            letters = ""
            words = 0
            for tok in tokens[i:]:
                if tok.text in HYPHENS:
                    continue
                if tok.lower_ in INNER_CONNECTORS and tok.is_lower:
                    continue
                if not _content_word(tok) or words == MAX_EXPANSION_WORDS:
                    break
                letters += tok.text[0].upper()
                words += 1
                if letters not in prefixes:
                    break
                if letters in wanted and words >= 2 and tok.tag_ in COMMON_NOUN_TAGS:
                    spelled.add(letters)
    return spelled


def _content_word(tok: Token) -> bool:
    return tok.is_alpha and tok.is_lower and not tok.is_stop


def _named(letters: str, names: Sequence[str], defined: set[str]) -> bool:
    """The text makes the acronym a name: it defines it, or a capitalised name's initials
    spell it (perhaps but for a company form: "EV" for "Eastern Valley Ltd")."""
    if letters in defined:
        return True
    for name in names:
        words = name.replace("’s", "").replace("'s", "").split()
        capitalised = [w for w in words if w.lower() not in CONNECTORS]
        if len(capitalised) < 2 or not all(w[:1].isupper() for w in capitalised):
            continue
        if capitalised[0][0] == letters[0] and (
            aligns(letters, words) or loosely_aligns(letters, words)
        ):
            return True
    return False


def common_initialisms(
    sentences: Sequence[Sentence], names: Iterable[str], defined: Iterable[str]
) -> set[str]:
    """Letters of the acronyms the text uses as common nouns ("EV"), given the names found
    (`names`) and the acronyms the text defines (`defined`)."""
    uses = _acronym_uses(sentences)
    if not uses:
        return set()
    spelled = _lower_case_initials(sentences, set(uses))
    candidates = [
        letters
        for letters in sorted(uses)
        if letters in spelled
        or (
            all(_used_as_common_noun(t, span) for t, span in uses[letters])
            and any(_reads_as_common_word(t, span) for t, span in uses[letters])
        )
    ]
    defined_letters = {acronym_letters(d) for d in defined}
    name_list = sorted(set(names))
    return {c for c in candidates if not _named(c, name_list, defined_letters)}
