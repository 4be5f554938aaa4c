"""Follow-through: the future steps the sources announce, as questions on whether and when
they happen, one per step however many sources repeat it."""

from __future__ import annotations

from dataclasses import dataclass, replace

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Span

from briefgen.analyse.questions.draft import QuestionDraft
from briefgen.analyse.questions.event import Event
from briefgen.analyse.questions.phrasing import cite, ids
from briefgen.analyse.questions.promises import future_step
from briefgen.analyse.text import QUOTE_MARKS, overlap, span_keys
from briefgen.annotate import cues
from briefgen.annotate.names import name_key
from briefgen.corpus import Sentence, sorted_sources, source_order


@dataclass(frozen=True)
class Promise:
    sentence: Sentence
    question: str
    keys: frozenset[str]
    step: str  # who does what, as `promises.Step.key`
    milestone: str  # a milestone and its year, as `promises.Step.milestone`
    quantities: frozenset[str]  # as `promises.Step.quantities`
    firm: bool  # "will", "is expected to", "plans to" rather than willingness or groundwork
    actor: bool  # names who acts ("the government will choose"), not a passive or a thing
    dated: bool  # gives its time ("later this year")


def first_future_cue(sentence: Sentence) -> Span | None:
    """The sentence's first statement about the future ("will", "plans to"), if any."""
    found = cues.find(sentence.span, "future_step")
    return found[0] if found else None


def future_words(sentence: Sentence) -> str:
    cue = first_future_cue(sentence)
    return cues.words(cue) if cue is not None else ""


def follow_through(event: Event) -> list[QuestionDraft]:
    """One question per promise (rewordings across sources grouped), about the deal first,
    firm ones ("will") before soft ones ("willingness"), those naming who acts and by when
    before passives and open-ended ones, then by sources."""
    promises: list[tuple[Promise, list[Sentence]]] = []
    pool = sorted(
        {id(s): s for s in [*event.relevant, *event.sentences]}.values(),
        key=lambda s: (source_order(s.source_id), s.index),
    )
    relevant = {id(s) for s in event.relevant}
    # The sources report the deal signed (not a preliminary accord to be followed by one): a
    # future signing is the event itself, told before it happened.
    signed = bool(event.signings) and event.deal_noun is not None and not event.preliminary
    names = frozenset(
        w
        for a in event.actors
        for w in a.name.split()
        if w[:1].isupper() and w.lower() not in STOP_WORDS
    )
    for s in pool:
        if QUOTE_MARKS.search(s.text):
            continue  # quoted hopes are rhetoric, not plans
        step = future_step(s, names)
        if step is None:
            continue
        if step.signs and signed:
            continue  # "will go ahead with the signing by Friday": the event itself
        keys = frozenset(span_keys(s.span))
        for k, (p, same) in enumerate(promises):
            if (
                overlap(set(p.keys), set(keys)) >= 0.5
                or (step.key and step.key == p.step)
                or (step.milestone and step.milestone == p.milestone)
                or step.quantities & p.quantities
            ):
                same.append(s)
                if step.dated and not p.dated:
                    # One step told twice: ask it in the wording that gives its time.
                    promises[k] = (replace(p, question=step.question, dated=True), same)
                break
        else:
            cue = first_future_cue(s)
            firm = cue is not None and not cues.has(cue, "soft_step")
            promises.append(
                (
                    Promise(
                        s,
                        step.question,
                        keys,
                        step.key,
                        step.milestone,
                        step.quantities,
                        firm,
                        step.actor,
                        step.dated,
                    ),
                    [s],
                )
            )
    # A step that names who acts and by when, in a sentence of this event (not background),
    # is as much about the deal as one naming its parties: both come first.
    current = {id(s) for s in event.current}
    first_tier = {
        id(p.sentence)
        for p, _ in promises
        if id(p.sentence) in relevant or (p.actor and p.dated and id(p.sentence) in current)
    }
    out = []
    ranked = sorted(
        promises,
        key=lambda ps: (
            id(ps[0].sentence) not in first_tier,
            not ps[0].firm,
            # Checkable first: someone named to act, by a stated time.
            not ps[0].actor,
            not ps[0].dated,
            -len({s.source_id for s in ps[1]}),
            source_order(ps[0].sentence.source_id),
            ps[0].sentence.index,
        ),
    )
    for rank, (p, same) in enumerate(ranked):
        is_relevant = id(p.sentence) in first_tier
        srcs = sorted_sources(s.source_id for s in same)
        basis = "; ".join(cite(s, future_words(s)) for s in same[:3])
        priority = (80 if rank == 0 else 66 - 3 * rank) if is_relevant else 45 - rank
        out.append(
            QuestionDraft(
                "follow-through",
                priority,
                p.question,
                f"Announced as a future step, not reported done ({ids(srcs)}): {basis}.",
                f"promise:{name_key(p.question)}",
            )
        )
    return out
