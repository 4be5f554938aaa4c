"""Acronyms and short names: the ones a text defines ("Frontier Works Organisation (FWO)",
"Corporación Nacional del Cobre (Codelco)") and whether a name's initials spell one."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from spacy.tokens import Doc

from briefgen.analyse.parties.names import (
    acronym_letters,
    is_capitalised,
    looks_like_acronym,
    lowered,
    straight_quotes,
)
from briefgen.analyse.parties.words import (
    CONNECTORS,
    CORPORATE_SUFFIXES,
    DETERMINERS,
    HYPHENS,
    PERSON_TITLES,
    POSSESSIVES,
)
from briefgen.corpus import Sentence


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


# Letters an acronym may add for a company form the name is written without: "Contemporary
# Amperex Technology (CATL)" is "... Technology Co., Limited" to its owners.
_COMPANY_FORM_INITIALS = frozenset(w[0].upper() for w in CORPORATE_SUFFIXES)
MAX_DROPPED_FORM_LETTERS = 2


def aligns_without_company_form(letters: str, words: Sequence[str]) -> bool:
    """Whether the words' initials spell `letters` but for a last letter or two that stand for
    a company form left out of the name ("Limited", "Co."); two words at least must spell the
    rest, so a lone word never matches by its initial."""
    if len(words) < 2:
        return False
    for k in range(1, MAX_DROPPED_FORM_LETTERS + 1):
        head, tail = letters[:-k], letters[-k:]
        if len(head) < 2 or not set(tail) <= _COMPANY_FORM_INITIALS:
            break
        if aligns(head, words):
            return True
    return False


def loosely_aligns(letters: str, words: Sequence[str]) -> bool:
    """Whether the initials spell `letters` with a company form on one side only: left out of
    the acronym ("EV" for "Eastern Valley Ltd") or of the name ("CATL" for "Contemporary
    Amperex Technology")."""
    core = list(words)
    while len(core) > 2 and core[-1].lower().rstrip(".") in CORPORATE_SUFFIXES:
        core.pop()
    return aligns(letters, core) or aligns_without_company_form(letters, words)


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
    short name, word beginnings) spell the short name; failing that, the shortest whose
    initials spell it but for a company-form letter ("... Technology (CATL)")."""
    words = [re.sub(r"['’]s?$", "", doc[a:b].text) for a, b in units]
    fallback: list[tuple[int, int]] = []  # the initials spell all but a company-form letter
    for k in range(1, len(units) + 1):
        first = words[-k].lower()
        if first in CONNECTORS or first in DETERMINERS:
            continue
        if looks_like_acronym(short):
            letters = acronym_letters(short)
            if aligns(letters, words[-k:]):
                return units[-k:]
            if aligns_without_company_form(letters, words[-k:]):
                fallback = fallback or units[-k:]
        elif spells_by_prefixes(short, words[-k:]):
            return units[-k:]
    return fallback


def _company_form_start(doc: Doc, lower: int, i: int) -> int:
    """Where a company form ends the name before token i ("Inc.", ", Ltd", "Co. Ltd"); i if
    none does."""
    j = i
    while j - 1 > lower and (
        doc[j - 1].text == ","
        or straight_quotes(doc[j - 1].lower_).rstrip(".") in CORPORATE_SUFFIXES
    ):
        j -= 1
    return j


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
        end = match[-1][1] if match else i
        form = _company_form_start(doc, span.start, i)
        if not match and form < i:  # "Kestrel Bay Resources Inc. (KBR)": no letter for "Inc."
            match = _expansion(doc, _word_units_before(doc, span.start, form), acronym)
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
        found.append((match[0][0], end, i + 1, common))
    return found


def definition_label(doc: Doc, last: int, acronym: int) -> str:
    for i in (last, acronym):
        label = doc[i].ent_type_
        if label in ("GPE", "LOC"):
            return "GPE"
        if label in ("ORG", "NORP"):
            return label
    return "ORG"  # a name defined with an acronym is almost always an organisation
