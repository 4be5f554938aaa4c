"""Headline figures: a figure about the deal that only a minority of sources report, or that
the sources tie to different things (the whole deal, or only its first phase?)."""

from __future__ import annotations

from briefgen.analyse.questions.draft import QuestionDraft
from briefgen.analyse.questions.event import Event
from briefgen.analyse.questions.figures import (
    Mention,
    conversion,
    figure_label,
    past_price,
    quote_mentions,
)
from briefgen.analyse.questions.phrasing import ids, report
from briefgen.corpus import source_order


def figure_questions(event: Event, disputed: set[int]) -> list[QuestionDraft]:
    """Thin sourcing of a headline figure, and one figure tied to different things; figures
    whose mentions are `disputed` (ids of mentions in a conflict) are asked about there."""
    out: list[QuestionDraft] = []
    key = sorted(
        (f for f in event.figures if f.key and not any(id(m) in disputed for m in f.mentions)),
        key=lambda f: (-len(f.sources), -f.amount, f.text),
    )
    n = event.n_sources
    for rank, fig in enumerate(key):
        label = figure_label(fig)
        by_head: dict[str, list[Mention]] = {}
        for m in fig.mentions:
            if m.thing:  # the deal, or the part or thing the figure is tied to
                by_head.setdefault(m.thing, []).append(m)
        thin = n >= 3 and len(fig.sources) * 2 < n
        evidence = quote_mentions(fig.mentions)
        coverage = f"{label} appears in {len(fig.sources)} of {n} sources ({ids(fig.sources)})"
        # One figure tied to the deal and to a part of it ("the first phase") asks which; tied to
        # two names of one thing ("price floor", "floor price"), it asks nothing.
        if len(by_head) >= 2 and any(m.part for m in fig.mentions):
            heads = sorted(
                by_head,
                key=lambda h: (
                    h != "deal",
                    min(source_order(m.sentence.source_id) for m in by_head[h]),
                ),
            )
            first = event.deal if heads[0] == "deal" else f"the {by_head[heads[0]][0].referent}"
            second = ", ".join(
                f"the {by_head[h][0].referent}" for h in heads[1:] if by_head[h][0].referent
            )
            text = (
                f"Is {label} the value of {first} or only of {second}? "
                + (
                    f"The figure appears in only {len(fig.sources)} of {n} sources"
                    f" ({ids(fig.sources)}), which "
                    if thin
                    else "The sources "
                )
                + "tie it to both."
            )
            out.append(
                QuestionDraft(
                    "thin-sourcing" if thin else "conflict",
                    93 - rank,
                    text,
                    f"{coverage}; {evidence}.",
                    f"figure:{label}",
                )
            )
        elif thin and rank == 0 and not conversion(fig) and not past_price(fig):
            # The first of what the sources tie it to: the question names one thing, not a list.
            what = (fig.refers_to or "").split("; ")[0] or next(
                (m.referent for m in fig.mentions if m.referent), None
            )
            about = f" for the {what}" if what else ""
            out.append(
                QuestionDraft(
                    "thin-sourcing",
                    90,
                    f"Can the {label} figure{about} be confirmed? Only {len(fig.sources)} of {n}"
                    f" sources ({ids(fig.sources)}) {report(fig.sources)} it; the others give no"
                    " value.",
                    f"{coverage}; {evidence}.",
                    f"figure:{label}",
                )
            )
    return out
