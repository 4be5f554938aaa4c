"""Open questions: what the sources do not settle, derived from the analysis of this event.

Four kinds, each raised only when the evidence for it is there:

- ``conflict``: sources disagree on a figure or a length of time for the same thing, the day
  of signing, who signed (a signatory in one source is only a facilitator in another), or a
  person's name. The deal's
  own value is compared across every sentence about the deal that measures it as a whole ("a
  $9.8bn agreement", "a project officials valued at about $9bn"): two amounts within a factor of
  1.5 are one figure reported two ways; a part ("the first phase") or a change ("raised from")
  is not a disagreement, and a hedge ("about") is noted in the basis.
- ``thin-sourcing``: a headline figure that a minority of sources report, or that sources attach
  to different things (the whole deal or its first phase?).
- ``gap``: what a deal brief normally states and these sources leave out: binding status (for
  MoUs and other preliminary agreements), financing, where facilities go, timeline, approvals.
  Each is asked only when no sentence about the deal speaks to it. What a source itself says
  is not known ("it is unclear whether the ban will be extended") is asked too.
- ``follow-through``: statements about the future ("will", "expected to", "currently choosing",
  "lays the groundwork for") turned into questions about whether and when they happen; steps
  that name who acts and by when first. The deal's terms ("financing will come from") and
  restatements of the partnership ("will work with B") are not steps to follow up.

Every question names the parties, figures or places it is about, and its ``basis`` gives the
source ids and the evidence. Lists come out most important first, at most `MAX_QUESTIONS`.

Modules: `event` (what the event is, from `actors` and `figures`; the names of the agreement
are the `deal_name_*` cues of briefgen/data/cues.toml), one module
per kind of check (`conflicts`, `headline_figures`, `gaps`, `uncertain`, `follow_through` with
`promises`), `phrasing` for the wording they share, `tokens` for the tokens a cue marks, and
`draft` for what they return.
Signing sentences are read by `briefgen.analyse.signing`, shared with the parties stage.
"""

from __future__ import annotations

from collections.abc import Sequence

from briefgen.analyse.questions.conflicts import (
    date_conflicts,
    duration_conflicts,
    figure_conflicts,
    name_conflicts,
    signatory_conflicts,
    signer_conflicts,
)
from briefgen.analyse.questions.draft import QuestionDraft
from briefgen.analyse.questions.event import describe
from briefgen.analyse.questions.follow_through import follow_through
from briefgen.analyse.questions.gaps import gap_questions
from briefgen.analyse.questions.headline_figures import figure_questions
from briefgen.analyse.questions.uncertain import uncertainty_questions
from briefgen.analyse.signing import Signing
from briefgen.analyse.text import overlap, text_keys
from briefgen.brief import Brief, OpenQuestion
from briefgen.corpus import Sentence

__all__ = ["find_open_questions"]

MAX_QUESTIONS = 8
# Two questions sharing this much of the shorter one's content words ask the same thing.
SAME_QUESTION = 0.75
# Most questions any one kind may take, so one noisy signal cannot crowd out the others.
KIND_CAP = {"conflict": 3, "thin-sourcing": 2, "gap": 4, "follow-through": 3}


def select(candidates: Sequence[QuestionDraft]) -> list[QuestionDraft]:
    """Best of each kind first (so every supported kind is asked), then by priority, capped."""
    ranked = sorted(candidates, key=lambda c: (-c.priority, c.kind, c.text))
    unique: list[QuestionDraft] = []
    for c in ranked:
        keys = text_keys(c.text)
        if all(
            c.topic != u.topic and overlap(keys, text_keys(u.text)) < SAME_QUESTION for u in unique
        ):
            unique.append(c)
    chosen: list[QuestionDraft] = []
    for kind in ("conflict", "thin-sourcing", "gap", "follow-through"):
        best = next((c for c in unique if c.kind == kind), None)
        if best is not None:
            chosen.append(best)
    for c in unique:
        if len(chosen) >= MAX_QUESTIONS:
            break
        if c in chosen or sum(x.kind == c.kind for x in chosen) >= KIND_CAP[c.kind]:
            continue
        chosen.append(c)
    return sorted(chosen, key=lambda c: (-c.priority, c.kind, c.text))


def find_open_questions(
    brief: Brief, sentences: Sequence[Sentence], signings: Sequence[Signing] | None = None
) -> list[OpenQuestion]:
    """3–8 questions the sources leave open, most important first (fewer when fewer hold).
    `signings`: `read_signings(sentences, nlp)`, as the parties stage read them, if known."""
    if not sentences:
        return []
    event = describe(brief, sentences, signings)
    figure_disputes, disputed = figure_conflicts(event)
    candidates = [
        *figure_disputes,
        *figure_questions(event, disputed),
        *signatory_conflicts(event),
        *signer_conflicts(event),
        *date_conflicts(event, {source.id: source.date for source in brief.sources}),
        *duration_conflicts(event),
        *name_conflicts(event),
        *gap_questions(event),
        *uncertainty_questions(event),
        *follow_through(event),
    ]
    return [c.question() for c in select(candidates)]
