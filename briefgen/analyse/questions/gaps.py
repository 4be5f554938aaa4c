"""Gaps: what a deal brief normally states and these sources leave out. Binding status (for
MoUs and other preliminary agreements), financing, where facilities go, timeline, approvals;
each asked only when no sentence that could be about the event speaks to it."""

from __future__ import annotations

import re
from collections.abc import Iterable

from spacy.tokens import Token

from briefgen.analyse.questions.actors import Actor, mentions
from briefgen.analyse.questions.draft import QuestionDraft
from briefgen.analyse.questions.event import Event
from briefgen.analyse.questions.figures import (
    figure_label,
    headline_figure,
    is_version,
    measures_the_deal,
    phase_of,
)
from briefgen.analyse.questions.phrasing import a_an, cite, ids, quote_around
from briefgen.analyse.questions.tokens import cue_tokens
from briefgen.analyse.text import ents, future_time, has_word, is_word
from briefgen.annotate import cues
from briefgen.annotate.names import in_a_sentence, name_key
from briefgen.corpus import Sentence, display, sorted_sources


def clause_with(text: str, phrase: str) -> str:
    """The clause (between ; and :) of a sentence that holds a phrase."""
    parts = [p.strip() for p in re.split(r"[;:]", text) if p.strip()]
    return next((p for p in parts if phrase in p), text)


def silent_on(sentences: Iterable[Sentence], kind: str) -> bool:
    """No sentence holds a cue of `kind` (see briefgen/data/cues.toml)."""
    return not any(cues.has(s.span, kind) for s in sentences)


def first_cue(sentence: Sentence, kind: str) -> str | None:
    """The words of the first cue of `kind` in a sentence, as its text writes them."""
    found = cues.find(sentence.span, kind)
    return cues.words(found[0]) if found else None


def principals_list(event: Event) -> str:
    names = [a.short for a in event.principals[:2]]
    return " or ".join(names) if names else "the parties"


def modifiers_before(token: Token, floor: int) -> int:
    """Start of the noun phrase ending at `token`: nouns, adjectives, names and hyphens, up to
    a capitalised word that is not a name (a list item's verb, a heading)."""
    doc = token.doc
    start = token.i
    while start > floor:
        prev = doc[start - 1]
        if prev.text == "-" and not prev.whitespace_ and start - 2 >= floor:
            start -= 1
            continue
        if prev.pos_ not in ("NOUN", "PROPN", "ADJ") or not is_word(prev):
            break
        if prev.text[:1].isupper() and not prev.ent_type_:
            break
        start -= 1
    return start


def placed_in(first: Token, floor: int) -> bool:
    """The noun phrase starting at `first` follows "in/at/near (the)": a place."""
    i = first.i - 1
    if i >= floor and first.doc[i].pos_ == "DET":
        i -= 1
    return i >= floor and first.doc[i].lower_ in ("in", "at", "near", "inside", "outside")


def facility_mentions(event: Event) -> list[tuple[str, Sentence]]:
    """Facilities the deal would create ("a poly-metallic refinery", "value-addition
    facilities"), with the sentence naming each."""
    out: list[tuple[str, Sentence]] = []
    for s in event.relevant:
        if not cues.has(s.span, "creates"):
            continue  # "access to its processing facilities": what exists needs no site
        for t in cue_tokens(s.span, "facility_noun"):
            if t.pos_ != "NOUN":
                continue
            start = modifiers_before(t, s.span.start)
            if placed_in(t.doc[start], s.span.start):
                continue  # "built in the port": the port is where, not what is built
            if any(cues.at(w, "deal_financing") for w in t.doc[start : t.i]):
                continue  # "a financing facility" is money, not a place
            phrase = display(t.doc[start : t.i + 1]).replace(" - ", "-")
            if not any(phrase == p for p, _ in out):
                out.append((phrase, s))
    return out


def specific_place(sentence: Sentence, event: Event) -> str | None:
    """A place in the sentence narrower than the countries every source names."""
    broad = {k for c in event.countries for k in c.keys}
    for e in ents(sentence.span):
        if e.label_ in ("GPE", "LOC", "FAC") and name_key(e.text) not in broad:
            return e.text
    return first_cue(sentence, "place_phrase")


def gap_questions(event: Event) -> list[QuestionDraft]:
    """What a deal brief normally states and no current sentence speaks to: binding status,
    financing, the site of facilities, a timetable, approvals."""
    if event.deal_noun is None:
        return []  # not a deal: the deal checklist does not apply
    facilities = facility_mentions(event)
    asked = (
        binding_gap(event),
        financing_gap(event),
        location_gap(event, facilities),
        timeline_gap(event, facilities),
        approvals_gap(event),
    )
    return [c for c in asked if c is not None]


def binding_gap(event: Event) -> QuestionDraft | None:
    """A preliminary agreement (an MoU) whose binding status no source states."""
    noun = event.deal_noun
    if noun is None or not event.preliminary or not silent_on(event.sentences, "binding"):
        return None
    return QuestionDraft(
        "gap",
        85,
        f"Is {event.deal} legally binding, and is a definitive agreement to follow? No source"
        f" states its status; {a_an(noun)} {noun} is usually non-binding.",
        f"{ids(event.deal_sources)} call it {a_an(noun)} {noun};"
        f" none of the {event.n_sources} sources mentions binding terms,"
        " obligations or a definitive agreement.",
        "gap:binding",
    )


def buyer(event: Event) -> Actor | None:
    """The principal the sources show acquiring ("A agreed to acquire B"), if the deal is a
    purchase: the one named before an acquiring verb most often."""
    votes: dict[str, int] = {}
    for s in event.relevant:
        verbs = [t for t in cue_tokens(s.span, "acquiring_verb") if t.pos_ == "VERB"]
        if not verbs:
            continue
        before = name_key(s.text[: verbs[0].idx - s.span.start_char])
        for a in event.principals:
            if any(len(f) > 2 and has_word(f, before) for f in a.keys):
                votes[a.name] = votes.get(a.name, 0) + 1
    if not votes:
        return None
    best = max(event.principals, key=lambda a: (votes.get(a.name, 0), -event.principals.index(a)))
    return best if votes.get(best.name) else None


def paid_how(sentence: Sentence) -> bool:
    """The sentence says how a price is settled ("in cash", "an all-share offer")."""
    return cues.has(sentence.span, "payment_form") or cues.has(sentence.span, "payment_form_more")


def financing_gap(event: Event) -> QuestionDraft | None:
    """No source says who funds the deal (hopes and plans to attract investment do not count);
    for a purchase, how the buyer pays."""
    about = event.current
    if any(cues.has(s.span, "finance_stated") and not cues.has(s.span, "hedged") for s in about):
        return None
    fig = headline_figure(event.figures)
    if fig is not None and not measures_the_deal(fig):
        fig = None  # "a $6,000 tax credit" is a term of the deal, not what must be funded
    hedged = [
        s for s in about if cues.has(s.span, "finance_mention") and cues.has(s.span, "hedged")
    ]
    what = event.deal
    if fig is not None:
        phase = phase_of(fig)
        what = f"the {figure_label(fig)} {phase}" if phase else f"the {figure_label(fig)}"
    value = f"; value stated in {ids(fig.sources)}" if fig else ""
    purchaser = buyer(event)
    if purchaser is not None:
        form = next((s for s in about if cues.has(s.span, "payment_form")), None)
        only = (
            f" {form.source_id} says only"
            f" {quote_around(form.text, first_cue(form, 'payment_form') or '', 3)}."
            if form
            else ""
        )
        price = f"the {figure_label(fig)} price" if fig is not None else event.deal
        return QuestionDraft(
            "gap",
            84,
            f"How will {purchaser.name} pay {price}: cash on hand, new debt or shares?"
            f" No source says how it is funded.{only}",
            f"No source says how {purchaser.short} funds the purchase{value}.",
            "gap:financing",
        )
    if fig is None:
        return None  # no money the deal involves: nothing to fund (a trade pact, a ban)
    if any(is_version(m.sentence, m.figure.measures_head) for m in fig.mentions):
        # A bid ("its third offer of $X"): the bidder pays, not the target or the host.
        if any(paid_how(s) for s in about):
            return None  # "an all-share offer": how it is paid is stated
        return QuestionDraft(
            "gap",
            84,
            f"How would the {figure_label(fig)} offer be paid: cash on hand, new debt or"
            " shares? No source says.",
            f"No source says how the offer would be paid{value}.",
            "gap:financing",
        )
    mention = first_cue(hedged[0], "finance_mention") or "" if hedged else ""
    only = (
        f" {hedged[0].source_id} mentions only"
        f" {quote_around(clause_with(hedged[0].text, mention), mention)}."
        if hedged
        else ""
    )
    host = event.host.name if event.host else None
    return QuestionDraft(
        "gap",
        84,
        f"Who finances {what}: {principals_list(event)}, {host or 'the host government'}"
        f" or outside investors? No source names a funder.{only}",
        "No source says who funds, pays or invests"
        + value
        + (f"; financing is mentioned only as intent ({hedged[0].source_id})" if hedged else "")
        + ".",
        "gap:financing",
    )


def location_gap(event: Event, facilities: list[tuple[str, Sentence]]) -> QuestionDraft | None:
    """Facilities the deal would build, with no site narrower than the country named."""
    sited = any(specific_place(s, event) for _, s in facilities) or any(
        cues.has(s.span, "siting") and specific_place(s, event) for s in event.current
    )
    if not facilities or sited:
        return None
    names = " and ".join(p for p, _ in facilities[:2])
    srcs = sorted_sources(s.source_id for _, s in facilities)
    country = next((c for c in event.countries for _, s in facilities if mentions(s, c)), None)
    place = in_a_sentence(country.name) if country else ""
    where = f" in {place}" if country else ""
    said = (
        f" Sources say only “in {place}” ({ids(srcs)})." if country else " No source names a site."
    )
    return QuestionDraft(
        "gap",
        75,
        f"Where{where} would the {names} be built?{said}",
        "; ".join(cite(s, p.split()[-1]) for p, s in facilities[:2])
        + "; no source gives a site, province or city.",
        "gap:location",
    )


def timeline_gap(event: Event, facilities: list[tuple[str, Sentence]]) -> QuestionDraft | None:
    """No date, deadline or milestone for what the deal starts."""
    about = event.current
    if any(cues.has(s.span, "schedule") or future_time(s.span) for s in about):
        return None
    items = [p for p, _ in facilities[:1]]
    fig = headline_figure(event.figures)
    phase = phase_of(fig) if fig is not None else None
    if phase:
        items.insert(0, phase)
    immediate = [s for s in about if cues.has(s.span, "immediate")]
    detail = f" for the {' and the '.join(items)}" if items else ""
    note = f" {immediate[0].source_id} says only that it begins “immediately”." if immediate else ""
    return QuestionDraft(
        "gap",
        72,
        f"What is the timetable for {event.deal}: dates and milestones{detail}? No source gives"
        f" a schedule.{note}",
        f"No sentence in {ids(current_sources(event))} gives a date, deadline or milestone"
        " after the signing.",
        "gap:timeline",
    )


def approvals_gap(event: Event) -> QuestionDraft | None:
    """No mention of the approvals, permits or regulators the deal needs."""
    if not silent_on(event.current, "approval"):
        return None
    host = event.host.name if event.host else None
    where = f" in {host}" if host else ""
    return QuestionDraft(
        "gap",
        60,
        f"Which approvals{where} does {event.deal} still need (government, regulators,"
        " licences), and have they been sought?",
        f"No sentence in {ids(current_sources(event))} mentions approval, permits,"
        " licences or regulators.",
        "gap:approvals",
    )


def current_sources(event: Event) -> list[str]:
    """The sources of the sentences a gap must be silent in."""
    return sorted_sources(s.source_id for s in event.current)
