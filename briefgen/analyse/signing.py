"""Signing: which sentences report a signing, and who is party to it.

Read two ways, for two stages. The parties stage runs the dependency parser on the few
sentences that report a signing (`signing_sentences`) and takes the subjects, agents and
"with"/"between" objects of the signing verb (`signatory_tokens`): exact, but 5-20 ms a
sentence. The open questions read every sentence about the deal from its surface
(`signing_roles`): names before the verb, after "between" or "with", and the facilitators
("facilitated by C"), which a party's role does not record. The two word lists differ (the
surface reading also counts the noun "signing"; the parse also "reach", "finalise", "clinch"
with an agreement as object); they sit side by side here so a change to one is made knowing
the other, and merging them would change what each stage finds.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from spacy.tokens import Doc, Span, Token

from briefgen.analyse.text import ents
from briefgen.annotate import dates
from briefgen.annotate.dates import DateMention
from briefgen.corpus import Sentence

# --- read from a dependency parse (parties) -----------------------------------------------

# Signing: these verbs make their subjects and "with"/"between" objects signatories.
SIGN_VERBS = frozenset({"sign", "ink", "seal", "countersign", "co-sign"})
# These do only when their object is an agreement ("struck an agreement", "entered into a deal").
DEAL_VERBS = frozenset({"strike", "enter", "conclude", "reach", "finalise", "finalize", "clinch"})
AGREEMENT_NOUNS = frozenset(
    {
        "agreement", "agreements", "deal", "deals", "accord", "accords", "pact", "pacts",
        "treaty", "treaties", "memorandum", "memoranda", "mou", "mous", "moa", "loi",
        "contract", "contracts", "partnership", "partnerships", "framework", "understanding",
        "alliance", "venture", "arrangement", "protocol", "declaration", "charter",
    }
)  # fmt: skip


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
OTHER_AGREEMENT_WORDS = frozenset(
    {"similar", "previous", "earlier", "prior", "former", "past", "preceding", "older"}
)
# Adverbs that move a signing into the past ("had previously signed"); not a bare "earlier",
# which news copy also uses for the same day ("signed earlier, officials said").
PAST_ADVERBS = frozenset({"previously", "formerly"})
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
        # "with a consortium led by Mota Rail": the group's leader signs for it
        out += [
            t
            for c in head.children
            if c.dep_ == "acl"
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


GOVERNMENT_NOUNS = frozenset({"government", "administration", "cabinet", "authorities"})
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


# --- read from the surface (open questions) -----------------------------------------------

SIGN_LEMMAS = frozenset({"sign", "ink", "strike", "seal", "conclude", "enter", "signing"})
FACILITATOR_CUES = re.compile(
    r"\b(?:facilitated|brokered|mediated|arranged|witnessed|overseen|hosted)\s+by\b"
    r"|\bin the presence of\b|\bwith the (?:help|support|facilitation) of\b",
    re.IGNORECASE,
)
SIGNING_WORDS = re.compile(r"\b(?:signed|signing|inked|struck|sealed|between)\b", re.IGNORECASE)
SIGNED_BY = re.compile(r"\b(?:signed|inked)\s+(?:on behalf of [^,]+,?\s+)?by\b", re.IGNORECASE)


def part_of_longer_name(e: Span) -> bool:
    """A piece of a longer name: "Missouri-based", or a place NER split off a company name."""
    doc = e.doc
    if e.end >= len(doc):
        return False
    nxt = doc[e.end]
    if nxt.text in ("-", "–") and not e[-1].whitespace_:
        return True
    return e.label_ == "GPE" and nxt.text[:1].isupper() and not nxt.ent_type_ and nxt.is_alpha


def entities_in(tokens: Span, labels: tuple[str, ...] = ("ORG", "GPE", "PERSON")) -> list[Span]:
    """Named parties in a stretch of a sentence, without possessive modifiers ("Pakistan's
    FWO") or pieces of longer names."""
    out = []
    for e in ents(tokens):
        if e.label_ not in labels or part_of_longer_name(e):
            continue
        nxt = e.doc[e.end] if e.end < len(e.doc) else None
        if nxt is not None and nxt.text in ("’s", "'s", "’", "'"):
            continue
        out.append(e)
    return out


CLAUSE_BOUNDARY = frozenset({"that", "which", "who", "after", "before", "when", "while", ",", ";"})


def signing_roles(sentence: Sentence) -> tuple[list[Span], list[Span]]:
    """(signatories, facilitators) a sentence names for a signing it reports: "between A and
    B", "A and B signed", "signed ... with B"; "facilitated by C"."""
    span = sentence.span
    verbs = [t for t in span if t.lemma_.lower() in SIGN_LEMMAS]
    if not verbs:
        return [], []
    doc = span.doc
    facilitators: list[Span] = []
    for m in FACILITATOR_CUES.finditer(span.text):
        after = span.char_span(m.end(), len(span.text), alignment_mode="expand")
        if after is not None:
            facilitators.extend(entities_in(after)[:1])
    signatories: list[Span] = []
    verb = verbs[0]
    for t in doc[verb.i : span.end]:
        if t.lower_ == "between":
            rest = doc[t.i + 1 : span.end]
            orgs = [e for e in entities_in(rest) if e.label_ == "ORG"]
            signatories.extend(orgs[:3] if len(orgs) >= 2 else entities_in(rest)[:2])
            break
    if verb.pos_ == "VERB":  # "A and B signed"; not "... said: 'This signing ...'"
        start = span.start
        for t in doc[span.start : verb.i]:
            if t.lower_ in CLAUSE_BOUNDARY:
                start = t.i + 1
        signatories.extend(entities_in(doc[start : verb.i]))
    for t in doc[verb.i : span.end]:
        if t.lower_ == "with":
            signatories.extend(entities_in(doc[t.i + 1 : span.end])[:1])
            break
    facilitator_ids = {(e.start, e.end) for e in facilitators}
    signatories = [e for e in signatories if (e.start, e.end) not in facilitator_ids]
    return signatories, facilitators
