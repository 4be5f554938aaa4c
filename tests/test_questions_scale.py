"""Open questions at scale: the look-ups that replace a scan of every token, spelling or party
give the same answers as the scan, and their cost grows with the sentences, not with how many
ways a party is spelled (thousands of articles spell a principal a hundred ways)."""

from __future__ import annotations

import pytest
import spacy

from briefgen.analyse.questions.actors import (
    Actor,
    Roster,
    Spellings,
    actor_for,
    actors_from,
    mentions,
    naming,
)
from briefgen.analyse.questions.tokens import cue_tokens
from briefgen.annotate import cues
from briefgen.annotate.names import name_key
from briefgen.brief import Brief
from briefgen.corpus import Sentence


def test_cue_tokens_are_the_tokens_at_a_cue(seeds_sentences):
    kinds = sorted({*cues.patterns(), *cues.lemma_kinds()})
    hits = 0
    for kind in kinds:
        for s in seeds_sentences:
            expected = [t.i for t in s.span if cues.at(t, kind)]
            assert [t.i for t in cue_tokens(s.span, kind)] == expected, (kind, s.text)
            hits += len(expected)
    assert hits > 100  # the seeds hold cues of many kinds: the comparison is not vacuous


def seed_actors(sentences: list[Sentence]) -> list[Actor]:
    """The seeds' parties straight from their entity mentions, with a place and a name whose
    keys hold non-word characters (a country key is "<pakistan>")."""
    found = actors_from(Brief(title="t", generated="2025-01-01"), sentences)
    assert len(found) > 10
    odd = Actor(
        "Pakistan Minerals (Pvt) Ltd",
        "PML",
        "ORG",
        ("S1",),
        keys=frozenset({name_key("Pakistan"), "pml (pvt)", "x", "(pvt) ltd"}),
    )
    return [*found, odd]


def test_naming_finds_the_sentences_mentions_finds(seeds_sentences):
    everyone = seed_actors(seeds_sentences)
    keys = [name_key(s.text) for s in seeds_sentences]
    for group in ([a] for a in everyone):
        expected = {
            id(s)
            for s, key in zip(seeds_sentences, keys, strict=True)
            if any(mentions(s, a, key) for a in group)
        }
        assert naming(seeds_sentences, keys, group) == expected
    all_named = naming(seeds_sentences, keys, everyone)
    assert 0 < len(all_named) < len(seeds_sentences)


def many_spellings_event(n: int) -> tuple[list[Sentence], list[str], Actor]:
    """`n` sentences, every fourth naming one of a party's 200 spellings."""
    blank = spacy.blank("en")
    spellings = [f"holding {i} minerals" for i in range(200)]
    party = Actor("Holding Minerals", "HM", "ORG", ("S1",), keys=frozenset(spellings))
    sentences = []
    for i in range(n):
        k = i % 200
        text = (
            f"Holding {k} Minerals signed on day {k}."
            if i % 4 == 0
            else f"The port handled {k} tonnes of ore on day {k}."
        )
        sentences.append(Sentence(f"S{i + 1}", i, 0, blank(text)[:], text))
    return sentences, [name_key(s.text) for s in sentences], party


def test_naming_searches_a_sentence_only_for_the_spellings_it_shares(monkeypatch):
    """The spellings searched for grow with the sentences, not with sentences x spellings."""
    searched: list[str] = []
    real_candidates = Spellings.candidates

    def counting_candidates(self: Spellings, text: str) -> list[str]:
        found = real_candidates(self, text)
        searched.extend(found)
        return found

    monkeypatch.setattr(Spellings, "candidates", counting_candidates)
    counts = {}
    for n in (100, 400):
        sentences, keys, party = many_spellings_event(n)
        searched.clear()
        assert len(naming(sentences, keys, [party])) == n // 4
        counts[n] = len(searched)
    # Each sentence is searched for the one spelling filed under its number (a scan would try
    # all 200 on every sentence that names none).
    assert counts == {100: 100, 400: 400}


def test_actor_for_takes_the_first_party_with_the_spelling_then_initials():
    first = Actor("Andes Mining Corporation", "AMC", "ORG", ("S1",), keys=frozenset({"amc"}))
    second = Actor("Amcor", "Amcor", "ORG", ("S1",), keys=frozenset({"amc", "amcor"}))
    works = Actor(
        "Frontier Works Organisation",
        "Frontier Works Organisation",
        "ORG",
        ("S1",),
        keys=frozenset({"frontier works organization"}),
        initials="FWO",
    )
    roster = Roster([first, second, works])
    assert actor_for(roster, "AMC") is first
    assert actor_for(roster, "Amcor") is second
    assert actor_for(roster, "Frontier Works Organization") is works
    assert actor_for(roster, "FWO") is works  # an acronym no party recorded, by initials
    assert actor_for(roster, "Fwo") is None  # initials are matched only when written as such
    assert actor_for(roster, "Nobody Ltd") is None


@pytest.mark.parametrize("n", [1, 7])
def test_roster_of_many_parties_finds_each(n):
    parties = [
        Actor(f"Party {i}", f"P{i}", "ORG", ("S1",), keys=frozenset({f"party {i}"}))
        for i in range(n * 50)
    ]
    roster = Roster(parties)
    assert all(actor_for(roster, a.name) is a for a in parties)
