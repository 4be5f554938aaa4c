"""Actors: the parties as the questions use them (name, acronym, forms to match), taken from
the parties stage or, when it gave none, straight from entity mentions; whether a sentence
names one; and which of them a signing shows signing or helping. Names are compared by the one
spelling key, `briefgen.annotate.names.name_key`."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Span

from briefgen.analyse.signing import NAME_LABELS, Signing
from briefgen.analyse.text import ents, has_word
from briefgen.annotate import cues
from briefgen.annotate.names import initials, name_key
from briefgen.brief import Brief, Party
from briefgen.corpus import Sentence, sorted_sources


@dataclass(frozen=True)
class Actor:
    """A party as the questions match it in text."""

    name: str
    short: str  # acronym when the sources use one
    type: str
    sources: tuple[str, ...]
    role: str | None = None
    keys: frozenset[str] = frozenset()  # `name_key` of the name and aliases, to find in text
    initials: str = ""  # of the name: "Frontier Works Organisation" -> "FWO"
    principal: bool = False  # one of the parties the deal is between (Party.principal)


class Roster:
    """The actors by spelling and by initials, the first in the list's order winning, so the
    party a mention refers to is one look-up however many parties there are."""

    def __init__(self, actors: Sequence[Actor]) -> None:
        self.by_key: dict[str, Actor] = {}
        self.by_initials: dict[str, Actor] = {}
        for a in actors:
            for key in a.keys:
                self.by_key.setdefault(key, a)
            self.by_initials.setdefault(a.initials, a)


def actor_for(roster: Roster, text: str) -> Actor | None:
    """The party an entity mention refers to (by name, alias, spelling variant or acronym)."""
    found = roster.by_key.get(name_key(text))
    if found is None and text.isupper() and len(text) > 1:
        found = roster.by_initials.get(text)  # an acronym the parties stage did not record
    return found


def actors_from(brief: Brief, sentences: Sequence[Sentence]) -> list[Actor]:
    """The brief's parties as actors (from entity mentions when the brief has none)."""
    parties: list[Party] = list(brief.parties) or fallback_parties(sentences)
    out = []
    for p in parties:
        acronyms = [a for a in (p.name, *p.aliases) if re.fullmatch(r"[A-Z][A-Z&.]{1,6}", a)]
        short = min(acronyms, key=len) if acronyms else p.name
        out.append(
            Actor(
                name=p.name,
                short=short,
                type=p.type,
                sources=tuple(sorted_sources(p.sources)),
                role=p.role,
                keys=frozenset(k for k in map(name_key, (p.name, *p.aliases)) if k),
                initials=initials(p.name),
                principal=p.principal,
            )
        )
    return out


def names_the_agreement(entity: Span) -> bool:
    """The entity is a name of the agreement itself ("the MoU"), as the deal-name cues mark it:
    a cue covering all its words but an article."""
    words = entity[1:] if entity[0].lower_ == "the" else entity
    return any(
        cue.start <= words.start and cue.end >= words.end
        for name in cues.deal_names()
        for cue in cues.find(entity.sent, name.kind)
    )


def fallback_parties(sentences: Sequence[Sentence]) -> list[Party]:
    """Parties straight from entity mentions, when the parties stage gave none: spelling
    variants and acronyms folded into the long name, names of the agreement left out."""
    names: dict[str, list[str]] = {}
    labels: dict[str, str] = {}
    sources: dict[str, set[str]] = {}
    for s in sentences:
        for e in ents(s.span):
            if e.label_ not in ("ORG", "GPE", "PERSON", "NORP") or not name_key(e.text):
                continue
            if names_the_agreement(e):
                continue
            key = name_key(e.text)
            surface = re.sub(r"^\W+|\W+$", "", e.text)
            names.setdefault(key, []).append(re.sub(r"^(?:the|The)\s+", "", surface))
            labels.setdefault(key, e.label_)
            sources.setdefault(key, set()).add(s.source_id)
    for key in sorted(names):
        forms = names[key]
        if len(key) > 6 or not forms[0].isupper():
            continue
        target = next(
            (k for k in sorted(names) if k != key and initials(names[k][0]) == forms[0]), None
        )
        if target is not None:
            names[target].extend(names.pop(key))
            sources[target] |= sources.pop(key)
    parties = []
    for key, forms in names.items():
        counts = Counter(forms)
        name = max(counts, key=lambda f: (counts[f], len(f), f))
        parties.append(
            Party(
                name,
                labels[key],
                sorted(set(forms)),
                None,
                len(forms),
                sorted_sources(sources[key]),
            )
        )
    return sorted(parties, key=lambda p: (-len(p.sources), -p.mentions, p.name))


def mentions(sentence: Sentence, actor: Actor, normalised: str | None = None) -> bool:
    """The sentence names the actor (`normalised`: the sentence's `name_key`, if known)."""
    text = normalised if normalised is not None else name_key(sentence.text)
    # `in` first: a substring test is ~50x cheaper than the word-bounded search, and most of
    # a party's many spellings are in no given sentence.
    if any(len(f) > 2 and f in text and has_word(f, text) for f in actor.keys):
        return True
    short = actor.short
    return short.isupper() and short in sentence.text and has_word(short, sentence.text)


# A run of word characters. A spelling found with `has_word` has each of its runs standing
# whole in the text (its ends are word boundaries, and so is any non-word character inside
# it), so a spelling none of whose runs is in a sentence need not be searched for.
WORD_RUN = re.compile(r"\w+")


class Spellings:
    """Parties' spellings (`Actor.keys`) by one run each, the one fewest of them share
    ("minerals" is in most of a party's spellings, "12" in one), so a sentence is searched
    only for the few spellings filed under its own runs."""

    def __init__(self, actors: Sequence[Actor]) -> None:
        keys = sorted({k for a in actors for k in a.keys if len(k) > 2})
        runs = {k: set(WORD_RUN.findall(k)) for k in keys}
        shared = Counter(run for found in runs.values() for run in found)
        self.by_run: dict[str, list[str]] = {}
        self.always: list[str] = []  # no word character: searched in every sentence
        for key in keys:
            if not runs[key]:
                self.always.append(key)
                continue
            rarest = min(runs[key], key=lambda r: (shared[r], -len(r), r))
            self.by_run.setdefault(rarest, []).append(key)

    def candidates(self, text: str) -> list[str]:
        """The spellings that may be in `text` (a `name_key`): all that are, and a few more."""
        found = self.by_run.keys() & set(WORD_RUN.findall(text))
        return [k for run in sorted(found) for k in self.by_run[run]] + self.always


def naming(
    sentences: Sequence[Sentence], normalised: Sequence[str], actors: Sequence[Actor]
) -> set[int]:
    """Ids of the sentences that name any of `actors`, as `mentions` tells (`normalised`: each
    sentence's `name_key`). The same test, but each sentence is searched only for its
    `Spellings.candidates`: a party spelled a hundred ways across thousands of articles costs
    a sentence a few look-ups, not a hundred searches."""
    spellings = Spellings(actors)
    shorts = [a.short for a in actors if a.short.isupper()]
    out: set[int] = set()
    for s, text in zip(sentences, normalised, strict=True):
        if any(k in text and has_word(k, text) for k in spellings.candidates(text)) or any(
            short in s.text and has_word(short, s.text) for short in shorts
        ):
            out.add(id(s))
    return out


def signing_roles(signing: Signing, roster: Roster) -> tuple[list[Actor], list[Actor]]:
    """(signatories, facilitators) of a signing, as actors, in the order the sentence names
    them."""
    signers: list[Actor] = []
    helpers: list[Actor] = []
    for e in signing.sentence.ents:
        if e.label_ not in NAME_LABELS:
            continue
        actor = actor_for(roster, e.text)
        if actor is None:
            continue
        if signing.facilitated(e.start_char, e.end_char):
            helpers.append(actor)
        elif signing.signed(e.start_char, e.end_char):
            signers.append(actor)
    return signers, helpers
