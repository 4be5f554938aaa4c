"""Stated uncertainty: what a source itself says is not known ("it is unclear whether the ban
will be extended"), asked as the question it leaves open ("Will the ban be extended?")."""

from __future__ import annotations

from spacy.tokens import Span, Token

from briefgen.analyse.questions.draft import QuestionDraft
from briefgen.analyse.questions.event import Event
from briefgen.analyse.questions.phrasing import cite
from briefgen.analyse.questions.promises import predicate
from briefgen.analyse.text import QUOTE_MARKS
from briefgen.annotate import cues
from briefgen.annotate.names import name_key
from briefgen.corpus import Sentence

# An auxiliary or modal that a question puts first ("the ban will be extended" -> "will the
# ban be extended"), by part-of-speech tag and lemma, not by word.
AUX_TAGS = frozenset({"MD", "VBZ", "VBP", "VBD"})
AUX_LEMMAS = frozenset({"be", "have", "do"})


def mid_sentence(span: Span) -> str:
    """A span's words as written, its first lower-cased unless a name or an acronym."""
    if not len(span):
        return ""
    first = span[0]
    if first.pos_ == "PROPN" or first.text.isupper():
        return span.text.strip()
    return (first.lower_ + first.whitespace_ + span[1:].text).strip()


def auxiliary(clause: Span) -> Token | None:
    """The clause's first modal or finite auxiliary (its first finite verb), if it is one that
    a question can put first."""
    for t in clause:
        if t.tag_ not in AUX_TAGS:
            continue
        if t.tag_ == "MD" or t.lemma_.lower() in AUX_LEMMAS:
            return t
        return None  # a finite main verb ("the ban covers ..."): no inversion
    return None


def as_question(cue: Span, sentence: Sentence) -> str | None:
    """The question a statement of uncertainty leaves open, or None when its clause cannot be
    turned into one."""
    wh = cue[-1].lower_
    clause = sentence.span.doc[cue.end : sentence.span.end]
    if not len(clause):
        return None
    aux = auxiliary(clause)
    if aux is None:
        if wh in ("whether", "if"):
            return None
        tail = predicate(mid_sentence(clause))
        return f"{wh.capitalize()} {tail}?" if tail else None
    before = mid_sentence(clause.doc[clause.start : aux.i])
    after = predicate(clause.doc[aux.i + 1 : clause.end].text)
    if not after:
        return None
    head = (
        aux.text.lower() if aux.tag_ != "MD" else ("will" if aux.lower_ == "would" else aux.lower_)
    )
    parts = [head, before, after] if wh in ("whether", "if") else [wh, head, before, after]
    text = " ".join(p for p in parts if p)
    return text[:1].upper() + text[1:] + "?"


def uncertainty_questions(event: Event) -> list[QuestionDraft]:
    """One question per statement that something is not known, in sentences of this event
    (not background, not a quotation)."""
    out: list[QuestionDraft] = []
    for s in event.current:
        if QUOTE_MARKS.search(s.text):
            continue
        for cue in cues.find(s.span, "uncertainty"):
            question = as_question(cue, s)
            if question is None:
                continue
            out.append(
                QuestionDraft(
                    "gap",
                    86,
                    f"{question} {s.source_id} says this is not known.",
                    f"Stated as open by the source: {cite(s, cues.words(cue))}.",
                    f"uncertain:{name_key(question)}",
                )
            )
    return out
