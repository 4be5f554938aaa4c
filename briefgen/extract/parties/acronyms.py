"""Acronyms and short names: the ones a text defines ("Frontier Works Organisation (FWO)",
"Corporación Nacional del Cobre (Codelco)") and whether a name's initials spell one."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from spacy.tokens import Doc

from briefgen.corpus import Sentence
from briefgen.extract.parties.names import (
    acronym_letters,
    is_capitalised,
    looks_like_acronym,
    lowered,
    straight_quotes,
)
from briefgen.extract.parties.words import (
    CONNECTORS,
    DETERMINERS,
    HYPHENS,
    PERSON_TITLES,
    POSSESSIVES,
)


def _word_units_before(doc: Doc, lower: int, i: int) -> list[tuple[int, int]]:
    """Words (token ranges; hyphenated words and possessives kept whole) that end before token i."""
    units: list[tuple[int, int]] = []
    j = i - 1
    while j >= lower and len(units) < 12:
        end = j + 1
        if lowered(doc[j]) in POSSESSIVES and j > lower:  # "Prime Minister's Office"
            j -= 1
        tok = doc[j]
        if not (tok.is_alpha or re.fullmatch(r"[dl]['’]\w+|&|[A-Z](\.[A-Z])+\.?", tok.text)):
            break
        start = j
        while (  # "Mota-Engil", "Guinea-Bissau"
            start - 2 >= lower
            and doc[start - 1].text in HYPHENS
            and not doc[start - 1].whitespace_
            and not doc[start - 2].whitespace_
            and doc[start - 2].is_alpha
        ):
            start -= 2
        units.insert(0, (start, end))
        j = start - 1
    return units


def _initial_options(word: str) -> list[str]:
    """What a word may give an acronym: its initial, all its capitals ("US"), or the initials
    of its hyphenated parts."""
    options = [word[:1].upper()]
    letters = re.sub(r"[^A-Za-z]", "", word)
    if len(letters) > 1 and letters.isupper():
        options.append(letters)
    if "-" in word:
        options.append("".join(p[:1].upper() for p in word.split("-") if p))
    return options


def aligns(letters: str, words: Sequence[str]) -> bool:
    """Whether the words' initials spell `letters` (connectors may or may not contribute)."""

    @cache
    def go(i: int, j: int) -> bool:
        if j == len(words):
            return i == len(letters)
        word = words[j]
        if word.lower() in CONNECTORS and go(i, j + 1):
            return True
        return any(
            letters.startswith(option, i) and go(i + len(option), j + 1)
            for option in _initial_options(word)
        )

    return bool(words) and go(0, 0)


def spells_by_prefixes(alias: str, words: Sequence[str]) -> bool:
    """Whether word beginnings spell a syllabic short name: "Corporación Nacional del Cobre" ->
    "Codelco" (Co + del + co). The first word and at least one other must contribute."""
    target = alias.casefold()
    folded = [w.casefold() for w in words]

    @cache
    def go(i: int, j: int, used: int) -> bool:
        if j == len(folded):
            return i == len(target) and used >= 2
        word = folded[j]
        lowest = 1 if j == 0 else 0
        return any(
            target.startswith(word[:k], i) and go(i + k, j + 1, used + (k > 0))
            for k in range(len(word), lowest - 1, -1)
        )

    return bool(words) and go(0, 0, 0)


def _is_short_name(text: str) -> bool:
    """What a parenthesis after a name may hold: an acronym ("FWO") or one capitalised word
    that the name's word beginnings spell ("Codelco")."""
    return looks_like_acronym(text) or bool(re.fullmatch(r"[A-Z][a-z]{2,11}", text))


def _expansion(doc: Doc, units: list[tuple[int, int]], short: str) -> list[tuple[int, int]]:
    """The shortest run of words before the parenthesis whose initials (or, for a one-word
    short name, word beginnings) spell the short name."""
    words = [re.sub(r"['’]s?$", "", doc[a:b].text) for a, b in units]
    for k in range(1, len(units) + 1):
        first = words[-k].lower()
        if first in CONNECTORS or first in DETERMINERS:
            continue
        if looks_like_acronym(short):
            if aligns(acronym_letters(short), words[-k:]):
                return units[-k:]
        elif spells_by_prefixes(short, words[-k:]):
            return units[-k:]
    return []


def acronym_definitions(sentence: Sentence) -> list[tuple[int, int, int, bool]]:
    """Acronyms the sentence defines: (expansion start, expansion end, acronym token, common).

    `common` marks an expansion that is not a name: lower case ("memorandum of understanding
    (MoU)") or only title words ("Chief Executive Officer (CEO)"); institution words make a
    name ("Prime Minister's Office (PMO)").
    """
    span, doc = sentence.span, sentence.span.doc
    found = []
    for tok in span:
        i = tok.i
        if tok.text != "(" or i + 2 >= span.end or doc[i + 2].text != ")":
            continue
        acronym = doc[i + 1].text
        if not _is_short_name(acronym):
            continue
        match = _expansion(doc, _word_units_before(doc, span.start, i), acronym)
        if not match:
            continue
        content = [doc[a:b].text for a, b in match if doc[a:b].text.lower() not in CONNECTORS]
        if all(is_capitalised(w) for w in content):
            words = {re.sub(r"'s$", "", straight_quotes(w).casefold()) for w in content}
            common = words <= PERSON_TITLES
        elif all(w.islower() for w in content):
            common = True
        else:
            continue
        found.append((match[0][0], match[-1][1], i + 1, common))
    return found


def definition_label(doc: Doc, last: int, acronym: int) -> str:
    for i in (last, acronym):
        label = doc[i].ent_type_
        if label in ("GPE", "LOC"):
            return "GPE"
        if label in ("ORG", "NORP"):
            return label
    return "ORG"  # a name defined with an acronym is almost always an organisation
