"""Every clean party mention in the content sentences.

Per sentence: names the text defines with an acronym, NER entities (ORG, GPE, PERSON, NORP),
and names after a title that the model missed; cleaned, junk removed, overlaps resolved. Names
seen only in headings or chrome are dropped, so are initialisms used as common nouns ("EV
battery"), and names found once are propagated to every place their tokens recur.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING

from briefgen.analyse.parties.cleaning import is_junk, split_country_pair, without_overlaps
from briefgen.analyse.parties.initialisms import common_initialisms
from briefgen.analyse.parties.mentions import LABELS, Mention, make_mention
from briefgen.analyse.parties.propagation import propagate
from briefgen.annotate.name_spans import (
    clean_range,
    entity_pieces,
    person_after_title,
    titled_person,
)
from briefgen.annotate.names import (
    PERSON_INSTITUTION_NOUNS,
    AcronymDefinition,
    acronym_definitions,
    acronym_letters,
    described_names,
    document_by_words,
    name_key,
    not_party_spans,
    party_entities,
    titled_names,
)
from briefgen.corpus import Sentence, doc_text

if TYPE_CHECKING:
    from spacy.tokens import Span


def _definitions(sentence: Sentence) -> list[AcronymDefinition]:
    return acronym_definitions(sentence.span.doc, sentence.span.start, sentence.span.end)


def _sentence_candidates(
    sentence: Sentence, text: str, definitions: list[AcronymDefinition], ents: tuple[Span, ...]
) -> tuple[list[Mention], list[tuple[str, str]]]:
    """Raw, cleaned candidates of one sentence, and the acronym pairs it defines
    (`definitions`: the acronym definitions the annotator found in the sentence; `ents`: the
    entities, as the names annotator corrected them, that start in the sentence)."""
    span, doc = sentence.span, sentence.span.doc
    found: list[Mention] = []
    pairs: list[tuple[str, str]] = []
    for d in definitions:
        if d.common:
            continue
        expansion = make_mention(sentence, d.start, d.end, d.label, 0, text)
        short = make_mention(sentence, d.short, d.short_end, d.label, 0, text)
        found += [expansion, short]
        pairs.append((short.text, expansion.text))
    described = described_names(doc, span.start, span.end)  # "investment firm Harbour Crest"
    for ent in ents:
        if ent.start < span.start or ent.end > span.end or ent.label_ not in LABELS:
            continue
        for a, b in entity_pieces(doc, ent.start, ent.end):
            cleaned = clean_range(doc, a, b, ent.label_, span.end)
            if cleaned is None:
                continue
            a, b = cleaned
            label = ent.label_
            person = person_after_title(doc, a, b)
            if person is not None and label != "PERSON":  # "Chargé d'Affaires Laura Brent"/ORG
                (a, b), label = person, "PERSON"
            elif label != "PERSON" and titled_person(doc, a, b, span.start):
                label = "PERSON"  # "chief executive Mwila Banda", read as an ORG
            elif (a, b) in described:
                label = "ORG"  # "analysts at Fenwick", "the miner Lunga", read as a person
            nxt = doc[b] if b < span.end else None
            if label == "PERSON" and nxt is not None and nxt.text in PERSON_INSTITUTION_NOUNS:
                # "the Trump administration" is an organisation, not the person
                found.append(make_mention(sentence, a, b + 1, "ORG", 1, text))
                continue
            found += split_country_pair(make_mention(sentence, a, b, label, 1, text))
    for a, b in described:
        found.append(make_mention(sentence, a, b, "ORG", 1, text))  # as sure as NER
    for titled in titled_names(doc, span.start, span.end):
        a, b = titled.start, titled.end
        guess = make_mention(sentence, a, b, "PERSON", 2, text)
        inside = [m for m in found if m.label == "PERSON" and a <= m.token_range()[0]]
        if any(guess.start <= m.start and m.end <= guess.end for m in inside):
            guess = Mention(guess.text, "PERSON", sentence, guess.start, guess.end, 1, guess.weak)
        found.append(guess)  # completes a shorter PERSON span ("Boateng" of "Kofi Mensah Boateng")
    return found, pairs


def _not_party_label(m: Mention, spans: list[tuple[int, int, str]]) -> str | None:
    """The label of the words that never name a party the mention lies inside ("(NYSE: NLI)",
    "the Kessel Ridge mine"), if any."""
    a, b = m.token_range()
    for start, end, label in spans:
        if (start <= a and b <= end) or (label == "EXCHANGE" and a <= start and end <= b):
            return label  # "Nasdaq stock exchange" holds an exchange's name
    return None


class _EntityIndex:
    """A Doc's entities found by sentence with a bisect, not a scan of the article's every
    entity for each of its sentences."""

    def __init__(self, ents: tuple[Span, ...]) -> None:
        self.ents = ents
        self.order = sorted(range(len(ents)), key=lambda k: ents[k].start)
        self.starts = [ents[k].start for k in self.order]

    def starting_in(self, start: int, end: int) -> tuple[Span, ...]:
        """The entities that start in tokens [start, end), in the Doc's order (an entity
        inside the sentence is one of them)."""
        lo, hi = bisect_left(self.starts, start), bisect_left(self.starts, end)
        return tuple(self.ents[k] for k in sorted(self.order[lo:hi]))


class _NeverIndex:
    """A Doc's words that never name a party (`not_party_spans`), found by sentence: a bisect
    instead of a scan of the whole article for every sentence and mention."""

    def __init__(self, spans: list[tuple[int, int, str]]) -> None:
        self.spans = spans
        self.order = sorted(range(len(spans)), key=lambda k: spans[k][0])
        self.starts = [spans[k][0] for k in self.order]
        self.longest = max((end - start for start, end, _ in spans), default=0)

    def overlapping(self, start: int, end: int) -> list[tuple[int, int, str]]:
        """The spans that overlap tokens [start, end), in the Doc's list order."""
        lo = bisect_left(self.starts, start - self.longest)
        hi = bisect_left(self.starts, end)
        ks = sorted(k for k in self.order[lo:hi] if self.spans[k][1] > start)
        return [self.spans[k] for k in ks]


def find_mentions(sentences: Sequence[Sentence]) -> tuple[list[Mention], list[tuple[str, str]]]:
    """Every clean party mention in the sentences, and the acronym pairs the text defines."""
    common: set[str] = set()
    definitions = [_definitions(s) for s in sentences]  # read once, used twice
    for defs in definitions:  # "memorandum of understanding (MoU)", "... Act (IRA)": no party
        common.update(
            acronym_letters(d.short_text)
            for d in defs
            if d.common or document_by_words(d.long_text)
        )
    texts = {id(s.span.doc): doc_text(s.span.doc) for s in sentences}  # by Doc id
    docs = {id(s.span.doc): s.span.doc for s in sentences}
    ents = {key: _EntityIndex(party_entities(doc)) for key, doc in docs.items()}
    never = {key: _NeverIndex(not_party_spans(doc)) for key, doc in docs.items()}
    mentions: list[Mention] = []
    pairs: list[tuple[str, str]] = []
    sites: Counter[str] = Counter()  # mentions of a name inside a site's name, by name key
    named: Counter[str] = Counter()  # its other mentions
    for s, defs in zip(sentences, definitions, strict=True):
        key = id(s.span.doc)
        in_sentence = ents[key].starting_in(s.span.start, s.span.end)
        found, defined = _sentence_candidates(s, texts[key], defs, in_sentence)
        span = s.span
        # Every span a mention of the sentence can lie in or hold overlaps the sentence.
        around = never[key].overlapping(span.start, span.end)
        sites.update(
            name_key(span.doc[a:b].text)
            for a, b, label in around
            if label == "FACILITY" and span.start <= a < span.end
        )
        found = [m for m in found if _not_party_label(m, around) is None]
        for m in found:
            if m.label != "GPE":
                named[name_key(m.text)] += 1  # a place's mentions prove no party
        mentions += without_overlaps([m for m in found if not is_junk(m, common)])
        pairs += defined
    # a name the sources often give a site ("the Kessel Ridge mine") names it everywhere
    sites_only = {k for k, n in sites.items() if 3 * n >= named[k]}
    mentions = [m for m in mentions if name_key(m.text) not in sites_only]
    strong = {name_key(m.text) for m in mentions if not m.weak}
    mentions = [m for m in mentions if not m.weak or name_key(m.text) in strong]
    # "a domestic EV industry": initialisms the text uses as common nouns, known only once
    # every name is (a name whose initials spell one makes it a name after all)
    common |= common_initialisms(sentences, [m.text for m in mentions], [a for a, _ in pairs])
    mentions = [m for m in mentions if not is_junk(m, common)]
    mentions = propagate(sentences, mentions, texts, common)
    return mentions, pairs
