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

from briefgen.annotate.name_spans import (
    acronym_uses,
    lower_case_initials,
    reads_as_common_word,
    used_as_common_noun,
)
from briefgen.annotate.names import CONNECTORS, acronym_letters, aligns, loosely_aligns
from briefgen.corpus import Sentence


def _acronym_uses(sentences: Sequence[Sentence]) -> dict[str, list[tuple[Token, Span]]]:
    """Acronym-shaped tokens (with their sentence) by the letters they spell ("EV", "EVs" ->
    "EV"), countries left out ("US")."""
    found: dict[str, list[tuple[Token, Span]]] = defaultdict(list)
    for s in sentences:
        for letters, tok in acronym_uses(s.span):
            found[letters].append((tok, s.span))
    return found


def _lower_case_initials(sentences: Sequence[Sentence], wanted: set[str]) -> set[str]:
    """Which of the `wanted` letter strings a run of lower-case words ending in a noun spells."""
    prefixes = {w[:k] for w in wanted for k in range(1, len(w) + 1)}
    spelled: set[str] = set()
    for s in sentences:
        spelled |= lower_case_initials(s.span, wanted, prefixes)
    return spelled


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
            all(used_as_common_noun(t, span) for t, span in uses[letters])
            and any(reads_as_common_word(t, span) for t, span in uses[letters])
        )
    ]
    defined_letters = {acronym_letters(d) for d in defined}
    name_list = sorted(set(names))
    return {c for c in candidates if not _named(c, name_list, defined_letters)}
