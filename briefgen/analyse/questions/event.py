"""What the event is: its principals (marked by the parties stage), what the sources call the
deal, the sentences about it (and those where a gap must be silent), and its money figures."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from briefgen.analyse.parties.roles import principals
from briefgen.analyse.questions.actors import (
    Actor,
    Roster,
    actors_from,
    fallback_parties,
    naming,
    signing_roles,
)
from briefgen.analyse.questions.figures import Figure, find_figures
from briefgen.analyse.signing import Signing, read_signings
from briefgen.analyse.text import other_time
from briefgen.annotate import cues
from briefgen.annotate.cues import DealName
from briefgen.annotate.names import name_key
from briefgen.brief import Brief
from briefgen.corpus import Sentence, sorted_sources


def half_the_sources(n_sources: int) -> int:
    """How many sources make half of them (at least one)."""
    return max(1, (n_sources + 1) // 2)


@dataclass
class Event:
    """Everything the checks read about the event, computed once."""

    n_sources: int
    actors: list[Actor]  # every party, most important first
    principals: list[Actor]  # the organisations at the centre of the deal
    countries: list[Actor]  # places named by most sources (too broad to locate a facility)
    deal_noun: str | None  # "MoU", "agreement", ... (None: the event is not a deal)
    preliminary: bool
    deal_sources: list[str]  # sources that use that name
    relevant: list[Sentence]  # sentences about the deal (not background)
    current: list[Sentence]  # every sentence but background: where a gap must be silent
    sentences: list[Sentence]
    naming_principals: set[int]  # ids of the sentences that name a principal
    roster: Roster  # `actors`, to find the one a mention refers to
    figures: list[Figure] = field(default_factory=list)
    signings: list[Signing] = field(default_factory=list)  # what `read_signings` read

    @property
    def deal(self) -> str:
        """The deal as a question names it: "the A–B MoU"."""
        noun = self.deal_noun or "deal"
        signers = [a.short for a in self.principals[:2]]
        return f"the {'–'.join(signers)} {noun}" if len(signers) == 2 else f"the {noun}"

    @property
    def host(self) -> Actor | None:
        return self.countries[0] if self.countries else None


def principal_actors(
    brief: Brief,
    actors: Sequence[Actor],
    signings: Sequence[Signing],
    sentences: Sequence[Sentence],
    n_sources: int,
) -> list[Actor]:
    """The principals as the parties stage marked them (`Party.principal`), organisations
    first; for parties that carry no mark (a Brief from elsewhere), the same definition
    (`parties.roles.principals`) applied to them and the signings."""
    marked = sorted((a for a in actors if a.principal), key=lambda a: a.type != "ORG")
    if marked:
        return marked
    signed_in: dict[str, set[str]] = {}
    roster = Roster(actors)
    for signing in signings:
        for actor in signing_roles(signing, roster)[0]:
            signed_in.setdefault(actor.name, set()).add(signing.sentence.source_id)
    parties = list(brief.parties) or fallback_parties(sentences)
    by_name = {a.name: a for a in actors}
    return [by_name[name] for name in principals(parties, signed_in, n_sources)]


def short_for_an_org(place: Actor, actors: Sequence[Actor]) -> bool:
    """A "place" that opens an organisation's name is that organisation's short name
    ("Cordillera" for Cordillera Minerals), which the entity tagger took for a place."""
    key = name_key(place.name)
    if key.startswith("<"):  # a country: "US Strategic Metals" is not the United States
        return False
    return any(
        a.type == "ORG" and name_key(a.name).startswith(key + " ") for a in actors if a != place
    )


def deal_noun(sentences: Sequence[Sentence], n_sources: int) -> tuple[str | None, bool, list[str]]:
    """What the sources call the deal (preliminary forms win when half the sources use them),
    whether that form is preliminary, and the sources using it."""
    names = cues.deal_names()
    by_term: dict[str, set[str]] = {}
    in_article: dict[int, list[DealName]] = {}  # the names an article uses anywhere
    for s in sentences:
        doc = s.span.doc
        used = in_article.get(id(doc))
        if used is None:
            used = in_article[id(doc)] = [n for n in names if cues.has(doc[:], n.kind)]
        for name in used:
            found = by_term.get(name.label)
            if found is not None and s.source_id in found:
                continue  # already counted for this source
            if cues.has(s.span, name.kind):
                by_term.setdefault(name.label, set()).add(s.source_id)
    if not by_term:
        return None, False, []
    half = half_the_sources(n_sources)
    preliminary = [
        n.label for n in names if n.preliminary and len(by_term.get(n.label, ())) >= half
    ]
    if preliminary:
        return preliminary[0], True, sorted_sources(by_term[preliminary[0]])
    order = [n.label for n in names]
    best = max(by_term, key=lambda t: (len(by_term[t]), -order.index(t)))
    if len(by_term[best]) < half:
        return None, False, []
    return best, False, sorted_sources(by_term[best])


def refers_to_deal(sentence: Sentence, noun: str | None) -> bool:
    """A definite mention of the deal: "the MoU", "this agreement", "the partnership"."""
    return noun is not None and cues.has(sentence.span, "deal_reference")


def about_the_deal(
    sentences: Sequence[Sentence],
    normalised: Sequence[str],
    named: set[int],
    noun: str | None,
    background: set[str],
) -> list[Sentence]:
    """Sentences about the deal: they name a principal (ids in `named`) or "the agreement", or
    directly follow one that does (articles continue a topic: "The first phase is valued at
    $5m."). `normalised`: each sentence's `name_key`."""
    out: list[Sentence] = []
    previous: Sentence | None = None  # the last sentence that is directly about the deal
    for s, key in zip(sentences, normalised, strict=True):
        names = id(s) in named
        elsewhere = other_time(s.span) and not names
        direct = (names or refers_to_deal(s, noun)) and key not in background
        follows = (
            previous is not None
            and previous.source_id == s.source_id
            and previous.index == s.index - 1
        )
        if key not in background and not elsewhere and (direct or follows):
            out.append(s)
        previous = s if direct and not elsewhere else None
    return out


def describe(
    brief: Brief, sentences: Sequence[Sentence], signings: Sequence[Signing] | None = None
) -> Event:
    """What the questions ask about: the parties, principals, deal, figures and the
    sentences about the deal. `signings`: `read_signings(sentences, nlp)`, if read already."""
    n = len(brief.sources) or len({s.source_id for s in sentences})
    if signings is None:
        from briefgen import nlp

        signings = read_signings(sentences, nlp.load())
    actors = actors_from(brief, sentences)
    principals = principal_actors(brief, actors, signings, sentences, n)
    half = half_the_sources(n)
    countries = [
        a
        for a in actors
        if a.type == "GPE" and len(a.sources) >= half and not short_for_an_org(a, actors)
    ]
    noun, preliminary, noun_sources = deal_noun(sentences, n)
    background = {name_key(c.text) for c in brief.context}
    # Each sentence's name key, and whether it names a principal, worked out once: several
    # checks ask, and tens of thousands of sentences would overflow `name_key`'s memo.
    normalised = [name_key(s.text) for s in sentences]
    named = naming(sentences, normalised, principals)
    relevant = about_the_deal(sentences, normalised, named, noun, background)
    # A gap is asked only if no sentence that could be about this event fills it, so the
    # silence test reads more than `relevant`: all but context items and other-time sentences.
    current = [
        s
        for s, key in zip(sentences, normalised, strict=True)
        if key not in background and (id(s) in named or not other_time(s.span))
    ]
    event = Event(
        n,
        actors,
        principals,
        countries,
        noun,
        preliminary,
        noun_sources,
        relevant,
        current,
        list(sentences),
        named,
        Roster(actors),
    )
    event.figures = find_figures(brief, event.sentences, event.relevant)
    event.signings = list(signings)
    return event
