"""Roles: a person's title from the text ("Commerce Minister Jam Kamal", "X, the Acting Deputy
Chief of Mission"), the signatories of a signing from a dependency parse of the few sentences
that report one, and the tier a party ranks in (principals, officials, others)."""

from __future__ import annotations

import logging
from collections import Counter, defaultdict
from collections.abc import Sequence

from spacy.language import Language
from spacy.tokens import Token

from briefgen.analyse.parties.mentions import Mention, by_sentence
from briefgen.analyse.signing import event_dating, signatory_tokens, signing_sentences
from briefgen.annotate.names import (
    BULLET_MARKS,
    CONNECTORS,
    GOVERNMENT_WORDS,
    HEAD_TITLES,
    TITLE_WORDS,
    country_of,
    is_capitalised,
    lowered,
    name_key,
    straight_quotes,
)
from briefgen.corpus import Sentence

log = logging.getLogger(__name__)

# The parser costs 5-20 ms a sentence here; signatories recur across articles, so the first
# sentences with each distinct set of names find them (keeps big corpora bounded).
MAX_PARSED_SENTENCES = 150


def _is_break(token: Token) -> bool:
    return token.is_space or "\n" in token.text or token.text in BULLET_MARKS


def _title_before(m: Mention, blocked: set[int]) -> str | None:
    """The title right before a name: "Chargé d'Affaires Natalie Baker", "Commerce Minister"."""
    doc, span = m.doc, m.sentence.span
    first, _ = m.token_range()
    run: list[int] = []
    i = first - 1
    if i - 2 >= span.start and doc[i].text == ")" and doc[i - 2].text == "(":
        i -= 3  # "Chief Executive Officer (CEO) Sarah Whitcombe"
    while i >= span.start and i not in blocked and not _is_break(doc[i]):
        low = lowered(doc[i])
        if not (is_capitalised(doc[i].text) or low in CONNECTORS or low in TITLE_WORDS):
            break
        run.insert(0, i)
        i -= 1
    # Start at the first title word, or a word right before a head ("Commerce Minister");
    # skip what comes earlier ("Embassy Islamabad", "US").
    while run:
        low = lowered(doc[run[0]])
        nxt = lowered(doc[run[1]]) if len(run) > 1 else ""
        portfolio = (
            nxt in HEAD_TITLES
            and low not in CONNECTORS
            and country_of(doc[run[0]].text) is None
            and doc[run[0]].ent_type_ not in ("GPE", "NORP")
        )
        if low in TITLE_WORDS or portfolio:
            break
        run.pop(0)
    # End at the last title word unless an "of" complement follows it ("Minister of Finance");
    # capitalised words after it are a first name the model left out ("chief executive Ana").
    titled = [k for k, j in enumerate(run) if lowered(doc[j]) in TITLE_WORDS]
    if titled and not any(lowered(doc[j]) in CONNECTORS for j in run[titled[-1] :]):
        run = run[: titled[-1] + 1]
    while run and lowered(doc[run[-1]]) in CONNECTORS:
        run.pop()
    if not any(lowered(doc[j]) in HEAD_TITLES for j in run):
        return None
    return doc[run[0] : run[-1] + 1].text


def _title_after(m: Mention) -> str | None:
    """An apposition: "Zach Harkenrider, the Acting Deputy Chief of Mission at ..."."""
    doc, span = m.doc, m.sentence.span
    _, j = m.token_range()
    if j >= span.end or doc[j].text != ",":
        return None
    j += 1
    if j < span.end and doc[j].lower_ in ("the", "a", "an"):
        j += 1
    run: list[int] = []
    while j < span.end and len(run) < 10 and (doc[j].is_alpha or is_capitalised(doc[j].text)):
        run.append(j)
        j += 1
    heads = [k for k, t in enumerate(run) if lowered(doc[t]) in HEAD_TITLES]
    if not heads:
        return None
    h = heads[-1]
    for t in run[:h]:  # only title-like words before the head ("a company that hired ..." is not)
        if not (
            lowered(doc[t]) in TITLE_WORDS
            or is_capitalised(doc[t].text)
            or doc[t].pos_ in ("NOUN", "ADJ")
        ):
            return None
    end = h + 1
    if end + 1 < len(run) and doc[run[end]].lower_ == "of":  # "Chief of Mission"
        k = end + 1
        if doc[run[k]].lower_ == "the":
            k += 1
        if k < len(run) and is_capitalised(doc[run[k]].text):
            end = k + 1
            while end < len(run) and is_capitalised(doc[run[end]].text):
                end += 1
    return doc[run[0] : run[end - 1] + 1].text


def _pick_title(titles: list[str]) -> str | None:
    """The title the sources use most; then the longer; then the first seen."""
    if not titles:
        return None
    counts = Counter(straight_quotes(t).casefold() for t in titles)
    best = min(
        range(len(titles)),
        key=lambda i: (-counts[straight_quotes(titles[i]).casefold()], -len(titles[i]), i),
    )
    return titles[best]


def name_tokens(mentions: Sequence[Mention]) -> defaultdict[int, set[int]]:
    """Tokens of the mentions (of person and organisation names), per Doc (by id): a title
    never runs into one."""
    blocked: defaultdict[int, set[int]] = defaultdict(set)
    for m in mentions:
        a, b = m.token_range()
        blocked[id(m.doc)].update(range(a, b))
    return blocked


def person_title(ms: Sequence[Mention], blocked: defaultdict[int, set[int]]) -> str | None:
    """The title the sources give a person, before or after any of their mentions."""
    titles = []
    for m in sorted(ms, key=lambda m: m.position):
        a, b = m.token_range()
        own = blocked[id(m.doc)] - set(range(a, b))
        titles += [t for t in (_title_before(m, own), _title_after(m)) if t]
    return _pick_title(titles)


def signatories(
    sentences: Sequence[Sentence], mentions: list[Mention], nlp: Language | None
) -> set[Mention]:
    """Mentions that are parties to a signing the articles report, from a dependency parse of
    the signing sentences (an earlier or similar agreement's signatories are not)."""
    in_sentence = by_sentence(mentions)
    chosen: list[Sentence] = []
    seen: set[frozenset[str]] = set()  # one sentence per set of names: rewordings add nothing
    for s in signing_sentences(sentences):
        names = frozenset(name_key(m.text) for m in in_sentence[id(s)])
        if names and names not in seen and len(chosen) < MAX_PARSED_SENTENCES:
            seen.add(names)
            chosen.append(s)
    if not chosen:
        return set()
    if nlp is None or "parser" not in nlp.component_names:
        log.warning("no dependency parser in the pipeline: signatories not identified")
        return set()
    from briefgen.nlp import parse_syntax

    found: set[Mention] = set()
    unique = list(dict.fromkeys(s.span.text for s in chosen))  # syndicated copies parse once
    # Entities are not read from these parses; without NER the same parses cost less than half.
    skip = [pipe for pipe in ("ner",) if pipe in nlp.pipe_names]
    with nlp.select_pipes(disable=skip):
        parsed = dict(zip(unique, parse_syntax(nlp, unique), strict=True))
    dating = event_dating(list(parsed.values()))  # an earlier signing is not this event's
    for sentence in chosen:
        doc = parsed[sentence.span.text]
        for tok in signatory_tokens(doc, dating):
            at = sentence.span.start_char + tok.idx
            found.update(m for m in in_sentence[id(sentence)] if m.start <= at < m.end)
    return found


def tier(signatory: bool, kind: str, name: str, title: str | None) -> int:
    """0 principals (signatories), 1 officials (titled people, government bodies), 2 others."""
    if signatory:
        return 0
    government = kind == "ORG" and any(w in GOVERNMENT_WORDS for w in name_key(name).split())
    return 1 if (kind == "PERSON" and title) or government else 2
