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
from itertools import pairwise

from spacy.tokens import Doc, Span, Token

from briefgen.corpus import Sentence
from briefgen.extract.text import ents

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
    return [
        obj
        for prep in token.children
        if prep.dep_ == "prep" and prep.lower_ in preps
        for obj in prep.children
        if obj.dep_ == "pobj"
    ]


def _agreements_of(verb: Token) -> list[Token]:
    """The agreement a verb takes: "struck an agreement", "entered into a partnership"."""
    objs = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass", "attr")]
    objs += _objects_of(verb, ("into",))
    return [o for o in objs if o.lower_ in AGREEMENT_NOUNS]


def signatory_tokens(doc: Doc) -> list[Token]:
    """Heads of the parties to a signing in a parsed sentence: subjects and agents of signing
    verbs, their "with"/"between" objects, and the partners of agreement nouns ("MoU with X")."""
    heads: list[Token] = []
    for tok in doc:
        lemma = tok.lemma_.lower()
        signing = tok.pos_ == "VERB" and (
            lemma in SIGN_VERBS or (lemma in DEAL_VERBS and _agreements_of(tok))
        )
        if signing:
            heads += [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass", "dobj")]
            heads += [o for c in tok.children if c.dep_ == "agent" for o in c.children]
            heads += _objects_of(tok, ("with", "between"))
            for agreement in _agreements_of(tok):
                heads += _objects_of(agreement, ("with", "between"))
        elif tok.lower_ in AGREEMENT_NOUNS:
            heads += _objects_of(tok, ("with", "between"))
    if any(t.pos_ == "VERB" and t.lemma_.lower() in SIGN_VERBS for t in doc):
        # "inked at the House on Monday between X and Y": the parser may hang "between" anywhere
        heads += [o for t in doc if t.lower_ == "between" for o in t.children if o.dep_ == "pobj"]
    out: list[Token] = []
    for head in heads:
        out += [head, *head.conjuncts]
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
