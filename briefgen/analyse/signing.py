"""Signing: the one reader of who signed with whom, what kind of agreement, and who helped.

`read_signings` takes the content sentences that report a signing (`signing_sentences`: a
signing verb, or "agreement with/between"), runs the dependency parser on one sentence per
set of names (rewordings of one sentence add nothing; 5-20 ms a sentence), and returns a
`Signing` per sentence: the signatories (subjects, agents and "with"/"between" objects of the
signing verb, partners of agreement nouns), the facilitators ("facilitated by C", "in the
presence of C"), where a "signed by" phrase names the signers, and the agreement noun. A
sentence that names the same parties as a parsed one takes its reading, by name. Signings of
another agreement ("a similar pact X signed in 2022", "last year's deal") are left out. The
parties stage and the open questions both read this result; the word lists are in
briefgen/data/signings.toml.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span, Token

from briefgen import data
from briefgen.annotate import dates
from briefgen.annotate.dates import DateMention
from briefgen.annotate.names import name_key
from briefgen.corpus import Sentence

if TYPE_CHECKING:
    from spacy.language import Language

log = logging.getLogger(__name__)


def _words(key: str) -> frozenset[str]:
    return data.words("signings", key)


# Signing: these verbs make their subjects and "with"/"between" objects signatories.
SIGN_VERBS = _words("sign_verbs")
# These do only when their object is an agreement ("struck an agreement", "entered into a deal").
DEAL_VERBS = _words("deal_verbs")
AGREEMENT_NOUNS = _words("agreement_nouns")
FACILITATION_VERBS = _words("facilitation_verbs")
FACILITATION_NOUNS = _words("facilitation_nouns")
SIGN_LEMMAS = _words("signing_lemmas")  # a sentence that talks about a signing
GOVERNMENT_NOUNS = _words("government_nouns")
LEADER_VERBS = _words("leader_verbs")
NAME_LABELS = ("ORG", "GPE", "PERSON", "NORP")

# The parser costs 5-20 ms a sentence; signatories recur across articles, so the first
# sentences with each distinct set of names are parsed (keeps big corpora bounded).
MAX_PARSED_SENTENCES = 150


def signing_sentences(sentences: Sequence[Sentence]) -> list[Sentence]:
    """The few sentences worth a dependency parse: a signing verb or "agreement with/between"."""
    out = []
    for s in sentences:
        tokens = list(s.span)
        lows = [t.lower_ for t in tokens]
        agreement = any(w in AGREEMENT_NOUNS for w in lows)
        signs = any(t.pos_ == "VERB" and t.lemma_.lower() in SIGN_VERBS for t in tokens)
        deals = agreement and any(t.lemma_.lower() in DEAL_VERBS for t in tokens)
        nominal = any(a in AGREEMENT_NOUNS and b in ("between", "with") for a, b in pairwise(lows))
        if signs or deals or nominal:
            out.append(s)
    return out


def _objects_of(token: Token, preps: tuple[str, ...]) -> list[Token]:
    """The objects of a token's prepositions; in "with a consortium to rebuild the line" the
    parser makes the object the subject of the clause after it."""
    objects = []
    for prep in token.children:
        if prep.dep_ != "prep" or prep.lower_ not in preps:
            continue
        for obj in prep.children:
            if obj.dep_ == "pobj":
                objects.append(obj)
            elif obj.dep_ == "pcomp":
                objects += [c for c in obj.children if c.dep_ == "nsubj"]
    return objects


def _agreements_of(verb: Token) -> list[Token]:
    """The agreement a verb takes: "struck an agreement", "entered into a partnership"."""
    objs = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass", "attr")]
    objs += _objects_of(verb, ("into",))
    return [o for o in objs if o.lower_ in AGREEMENT_NOUNS]


# --- which signing: this event's or an earlier one ----------------------------------------

# "a similar pact", "the previous agreement", "an earlier accord": another agreement than the
# one the articles report.
OTHER_AGREEMENT_WORDS = _words("other_agreement_words")
# Adverbs that move a signing into the past ("had previously signed"); not a bare "earlier",
# which news copy also uses for the same day ("signed earlier, officials said").
PAST_ADVERBS = _words("past_adverbs")
TIME_PREPS = frozenset({"in", "on", "during", "at", "since"})


@dataclass(frozen=True)
class EventDating:
    """How the corpus dates the signing it reports: to the day ("on Thursday"), and in which
    years when a day comes with one. A past signing dated only by a year is then another one."""

    by_day: bool = False
    years: frozenset[int] = frozenset()


def _time_dates(tok: Token) -> list[DateMention]:
    """The dates (as `annotate.dates` read them) among the words that date a verb or an
    agreement noun: its time modifiers' subtrees."""
    ranges = []
    for child in tok.children:
        prep_of_time = child.dep_ == "prep" and child.lower_ in TIME_PREPS
        if prep_of_time or child.dep_ in ("npadvmod", "advmod", "tmod"):
            ranges.append((child.left_edge.i, child.right_edge.i + 1))
    return _dates_within(tok, ranges)


def _dates_within(tok: Token, ranges: list[tuple[int, int]]) -> list[DateMention]:
    if not ranges:
        return []
    return [
        m
        for span, m in dates.mentions(tok.sent)
        if any(a <= span.start and span.end <= b for a, b in ranges)
    ]


def _to_the_day(m: DateMention) -> bool:
    """How news dates the signing it reports: "on Thursday", "on 14 March", "yesterday"."""
    return (
        m.weekday is not None
        or (m.month is not None and m.day is not None)
        or (m.unit == "day" and (m.offset or 0) <= 0)
        or (m.unit == "week" and m.offset == 0)
    )


def _years_back(m: DateMention) -> bool:
    """A year or more back: "last year", "the previous decade", "two years ago"."""
    back = (m.offset is not None and m.offset < 0) or m.orientation == "past"
    return m.unit in ("year", "decade") and back


def _agreement_words_say_other(noun: Token) -> bool:
    """The agreement's own words make it another: "a similar pact", "last year's deal", "the
    2019 accord"."""
    for child in noun.children:
        if child.i > noun.i:
            continue
        if child.lower_ in OTHER_AGREEMENT_WORDS:
            return True
        found = _dates_within(noun, [(child.left_edge.i, child.right_edge.i + 1)])
        if any(_years_back(m) for m in found):
            return True
        if child.dep_ in ("nummod", "compound", "amod") and any(
            m.year is not None and m.text == child.text for m in found
        ):
            return True
    return False


def _agreements_around(tok: Token) -> list[Token]:
    """The agreements a signing verb is about: its objects, or the noun its clause describes
    ("a similar pact Indonesia signed")."""
    found = _agreements_of(tok) if tok.pos_ == "VERB" else [tok]
    if tok.pos_ == "VERB" and tok.dep_ in ("relcl", "acl") and tok.head.lower_ in AGREEMENT_NOUNS:
        found.append(tok.head)
    return found


def _is_past(verb: Token) -> bool:
    return verb.tag_ in ("VBD", "VBN") and not any(
        c.lower_ in ("will", "shall", "would") for c in verb.children
    )


def is_other_signing(tok: Token, dating: EventDating | None = None) -> bool:
    """Whether a signing verb or agreement noun is about another agreement than the event's:
    a similar, previous or earlier one; one dated a year or more back; or a past signing dated
    by a year alone (or a year other than the event's) where the corpus dates its own to the
    day."""
    if any(_agreement_words_say_other(a) for a in _agreements_around(tok)):
        return True
    if tok.pos_ != "VERB":
        return False
    when = _time_dates(tok)
    if any(_to_the_day(m) for m in when):
        return False
    if any(_years_back(m) for m in when) or any(
        c.dep_ == "advmod" and c.lower_ in PAST_ADVERBS and c.n_rights == 0 for c in tok.children
    ):
        return True
    years = {m.year for m in when if m.year is not None}
    if not years or not _is_past(tok) or dating is None:
        return False
    if dating.years:
        return max(years) < max(dating.years)
    return dating.by_day


def _signing_verbs(doc: Doc) -> list[Token]:
    verbs = []
    for tok in doc:
        lemma = tok.lemma_.lower()
        if tok.pos_ == "VERB" and (
            lemma in SIGN_VERBS or (lemma in DEAL_VERBS and _agreements_of(tok))
        ):
            verbs.append(tok)
    return verbs


def event_dating(docs: Sequence[Doc]) -> EventDating:
    """How the parsed signing sentences date the event's signing (see `EventDating`)."""
    by_day = False
    years: set[int] = set()
    for doc in docs:
        for verb in _signing_verbs(doc):
            when = _time_dates(verb)
            if is_other_signing(verb) or not any(_to_the_day(m) for m in when):
                continue
            by_day = True
            years.update(m.year for m in when if m.year is not None)
    return EventDating(by_day, frozenset(years))


def signatory_tokens(doc: Doc, dating: EventDating | None = None) -> list[Token]:
    """Heads of the parties to a signing in a parsed sentence: subjects and agents of signing
    verbs, their "with"/"between" objects, and the partners of agreement nouns ("MoU with X").
    Signings of another agreement ("a similar pact X signed in 2022") are left out."""
    heads: list[Token] = []
    verbs = _signing_verbs(doc)
    other = {v.i for v in verbs if is_other_signing(v, dating)}
    signing = [v for v in verbs if v.i not in other]
    for verb in signing:
        heads += [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "dobj")]
        # "signed by Transport Minister Frank Tayali and Mota Rail chief executive Paulo
        # Serrano": the parser nests such names anyhow, so every word up to the clause's end
        heads += [t for c in verb.children if c.dep_ == "agent" for t in _words_after(c)]
        heads += _objects_of(verb, ("with", "between"))
        for agreement in _agreements_of(verb):
            heads += _objects_of(agreement, ("with", "between"))
    for tok in doc:  # "an MoU with X"; not the pact of an earlier signing
        if tok.lower_ not in AGREEMENT_NOUNS or is_other_signing(tok, dating):
            continue
        governor = tok.head.head if tok.dep_ == "pobj" else tok.head
        if governor.i not in other and tok.head.i not in other:
            heads += _objects_of(tok, ("with", "between"))
    if any(v.lemma_.lower() in SIGN_VERBS for v in signing):
        # "inked at the House on Monday between X and Y": the parser may hang "between" anywhere
        # but on a common noun ("the line between Kapiri Mposhi and Chingola" is a route)
        heads += [
            o
            for t in doc
            if t.lower_ == "between" and not _on_common_noun(t)
            for o in t.children
            if o.dep_ == "pobj"
        ]
    out: list[Token] = []
    for head in heads:
        out += [head, *head.conjuncts]
        # "Andes Mining Corporation (AMC)": the short form in brackets is the same party
        out += [c for t in (head, *head.conjuncts) for c in t.children if c.dep_ == "appos"]
        # "with a consortium led by Mota Rail": the group's leader signs for it (not "an order,
        # seen by Harbour Wire": a witness of the paper)
        out += [
            t
            for c in head.children
            if c.dep_ == "acl" and c.lemma_.lower() in LEADER_VERBS
            for a in c.children
            if a.dep_ == "agent"
            for t in _words_after(a)
        ]
        if head.lower_ in GOVERNMENT_NOUNS:  # "Zambia's government signed"
            for owner in (c for c in head.children if c.dep_ == "poss"):
                out += [owner, *owner.conjuncts]
    return out


def _on_common_noun(prep: Token) -> bool:
    head = prep.head
    return head.pos_ == "NOUN" and head.lower_ not in AGREEMENT_NOUNS


PHRASE_END = frozenset({",", ";", ":", ".", "(", "who", "which", "that", "after", "when", "while"})


def _words_after(prep: Token) -> list[Token]:
    """The words of the noun phrases after a preposition, up to a verb, another preposition
    ("of" aside: "Minister of Finance") or the clause's end: "by A and B, the company said",
    "led by A to rebuild the line" -> A and B, A."""
    out: list[Token] = []
    for tok in prep.doc[prep.i + 1 : prep.sent.end]:
        if (
            tok.lower_ in PHRASE_END
            or tok.pos_ in ("VERB", "AUX", "PART", "SCONJ")
            or (tok.pos_ == "ADP" and tok.lower_ != "of")
        ):
            break
        out.append(tok)
    return out


# --- the reader -------------------------------------------------------------------------------


def facilitations(doc: Doc) -> list[tuple[Token, list[Token]]]:
    """Those who helped a signing without signing, with the word that says so: the agents of
    "facilitated", "brokered", "witnessed" ... and the "of" objects of "in the presence of",
    "with the support of"."""
    out: list[tuple[Token, list[Token]]] = []
    for tok in doc:
        if tok.pos_ == "VERB" and tok.lemma_.lower() in FACILITATION_VERBS:
            words = [t for c in tok.children if c.dep_ == "agent" for t in _words_after(c)]
        elif tok.lower_ in FACILITATION_NOUNS:
            words = [t for c in tok.children if c.lower_ == "of" for t in _words_after(c)]
        else:
            continue
        if words:
            out.append((tok, words))
    return out


def _signed_by(doc: Doc, dating: EventDating) -> list[Token]:
    """The "by" of each "signed by ..." phrase of this event's signing."""
    return [
        c
        for v in _signing_verbs(doc)
        if v.lemma_.lower() in SIGN_VERBS and not is_other_signing(v, dating)
        for c in v.children
        if c.dep_ == "agent"
    ]


@dataclass(frozen=True)
class Signing:
    """A content sentence's report of a signing of the event's agreement. Positions are char
    offsets in the article's text (the sentence's Doc)."""

    sentence: Sentence
    signatories: tuple[int, ...]  # starts of the signatories' words
    facilitators: tuple[int, ...]  # starts of the facilitators' words
    signed_by: tuple[int, ...]  # ends of the "by" of "signed by ...": the signers' names follow
    agreement: str | None  # the agreement noun the sentence uses, lower case ("mou", "deal")
    cue: str  # the word that reports the signing ("signed", "agreement"), for quoting
    helped_cue: str = ""  # the word that reports the help ("facilitated"), for quoting

    def signed(self, start: int, end: int) -> bool:
        """Whether the name at chars [start, end) signs here."""
        return any(start <= at < end for at in self.signatories)

    def facilitated(self, start: int, end: int) -> bool:
        """Whether the name at chars [start, end) only helps here."""
        return any(start <= at < end for at in self.facilitators)


def _names(sentence: Sentence) -> list[Span]:
    return [e for e in sentence.ents if e.label_ in NAME_LABELS]


def _cue(sentence: Sentence) -> str:
    for t in sentence.span:
        if t.lemma_.lower() in SIGN_LEMMAS or t.lower_ == "between":
            return t.text
    return next((t.text for t in sentence.span if t.lower_ in AGREEMENT_NOUNS), "")


def _agreement(sentence: Sentence) -> str | None:
    return next((t.lower_ for t in sentence.span if t.lower_ in AGREEMENT_NOUNS), None)


def _read_parse(sentence: Sentence, doc: Doc, dating: EventDating) -> Signing:
    base = sentence.span.start_char
    helps = facilitations(doc)
    helped = {base + t.idx for _, words in helps for t in words}
    signed = {base + t.idx for t in signatory_tokens(doc, dating)} - helped
    by = [base + t.idx + len(t.text) for t in _signed_by(doc, dating)]
    return Signing(
        sentence,
        tuple(sorted(signed)),
        tuple(sorted(helped)),
        tuple(sorted(by)),
        _agreement(sentence),
        _cue(sentence),
        helps[0][0].text if helps else "",
    )


def _read_twin(sentence: Sentence, twin: Signing) -> Signing:
    """A sentence naming the same parties as a parsed one: the same names sign and help."""

    def keys(positions: tuple[int, ...]) -> set[str]:
        return {
            name_key(e.text)
            for e in _names(twin.sentence)
            if any(e.start_char <= at < e.end_char for at in positions)
        }

    signers, helpers = keys(twin.signatories), keys(twin.facilitators)
    names = _names(sentence)
    return Signing(
        sentence,
        tuple(e.start_char for e in names if name_key(e.text) in signers),
        tuple(e.start_char for e in names if name_key(e.text) in helpers),
        (),
        _agreement(sentence),
        _cue(sentence),
    )


def read_signings(sentences: Sequence[Sentence], nlp: Language | None) -> list[Signing]:
    """Every content sentence's report of a signing of the event's agreement, in order."""
    chosen: dict[frozenset[str], Sentence] = {}
    named: list[tuple[Sentence, frozenset[str]]] = []
    for s in signing_sentences(sentences):
        names = frozenset(name_key(e.text) for e in _names(s))
        if not names:
            continue
        if names not in chosen and len(chosen) < MAX_PARSED_SENTENCES:
            chosen[names] = s
        named.append((s, names))
    if not chosen:
        return []
    if nlp is None or "parser" not in nlp.component_names:
        log.warning("no dependency parser in the pipeline: signatories not identified")
        return []
    from briefgen.nlp import parse_syntax

    unique = list(dict.fromkeys(s.span.text for s in chosen.values()))  # syndicated copies
    # Entities are not read from these parses; without NER the same parses cost less than half.
    # Of briefgen's annotations only the dates are read (`_dates_within`).
    unread = ("ner", "briefgen_cues", "briefgen_figures", "briefgen_names")
    skip = [pipe for pipe in unread if pipe in nlp.pipe_names]
    with nlp.select_pipes(disable=skip):
        parsed = dict(zip(unique, parse_syntax(nlp, unique), strict=True))
    dating = event_dating(list(parsed.values()))  # an earlier signing is not this event's
    read = {names: _read_parse(s, parsed[s.span.text], dating) for names, s in chosen.items()}
    out = []
    for s, names in named:
        if names in read:
            first = read[names]
            out.append(first if first.sentence is s else _read_twin(s, first))
    return out
