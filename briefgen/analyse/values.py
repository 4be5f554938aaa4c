"""Money (the Value table) and the other figures (the Figures table), merged across sources.

The figures are read once, by the `briefgen_figures` component (briefgen/annotate/figures.py):
amount, ISO 4217 currency or unit, multiplier, range, hedge. This stage takes the figures of
the content sentences, asks `annotate.figures.refers_to` what each measures in a dependency
parse of its sentence (only the few sentences that hold a figure are parsed), and merges the
same figure (amount + currency or unit, and what it is counted per) reported by several
articles into one value carrying all their sources. A range is one row. Money goes to
`Brief.values`; percentages and quantities go to `Brief.figures`, one row per thing measured.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from briefgen.annotate.figures import Figure, FigureKind, figures_in, refers_to
from briefgen.brief import KeyFigure, Value
from briefgen.corpus import Sentence, doc_text, sorted_sources, source_order

log = logging.getLogger(__name__)


@dataclass
class Found:
    """One figure in one content sentence, before merging."""

    sentence: Sentence
    figure: Figure
    refers_to: str | None = None

    @property
    def kind(self) -> FigureKind:
        return self.figure.kind


# --------------------------------------------------------------------------- what a figure measures


def _in_sentence_text(
    sentence: Sentence, figs: Sequence[Figure]
) -> list[tuple[tuple[int, int], tuple[int, int]] | None]:
    """Where each figure (text order) and its range are in `sentence.text`, the whitespace-
    normalised text that is parsed; None for a figure the text does not hold as written."""
    text = doc_text(sentence.span.doc)
    at = 0
    starts: dict[int, int] = {}  # Doc offset -> offset in sentence.text
    out: list[tuple[tuple[int, int], tuple[int, int]] | None] = []
    for fig in figs:
        own = " ".join(text[fig.start_char : fig.end_char].split())
        i = sentence.text.find(own, at)
        if i < 0:
            out.append(None)
            continue
        at = i + len(own)
        starts[fig.start_char] = i
        whole = " ".join(text[fig.range_start : fig.range_end].split())
        r = starts.get(fig.range_start, i)
        out.append(((i, at), (r, r + len(whole))))
    return out


def _measure(found: Sequence[Found], nlp) -> None:
    """Set `refers_to` of every figure from a parse of its sentence."""
    by_sentence: dict[int, list[Found]] = {}
    for f in found:
        by_sentence.setdefault(id(f.sentence), []).append(f)
    holders = sorted((members[0].sentence for members in by_sentence.values()), key=_sentence_key)
    docs = parse_sentences(nlp, [s.text for s in holders])
    for sentence, doc in zip(holders, docs, strict=True):
        members = by_sentence[id(sentence)]
        places = _in_sentence_text(sentence, [f.figure for f in members])
        others = [own for place in places if place is not None for own in (place[0],)]
        for f, place in zip(members, places, strict=True):
            if place is not None:
                start, end = place[1]
                f.refers_to = refers_to(doc, start, end, f.kind, others)


# --------------------------------------------------------------------------- merging and output


def _text(f: Found) -> str:
    """The figure as written; a range as the whole range ("US$12-15 billion", "from 29% to 19%")."""
    return f.figure.range_text or f.figure.text


def _pick_text(figs: Sequence[Found]) -> str:
    """The most common wording; ties go to the longer (hedged) one, then the earliest."""
    counts = Counter(_text(f) for f in figs)
    return min(counts, key=lambda t: (-counts[t], -len(t), t))


def _same_phrase(a: str, b: str) -> bool:
    wa, wb = set(a.lower().split()), set(b.lower().split())
    return wa <= wb or wb <= wa


def _pick_refers_to(figs: Sequence[Found]) -> str | None:
    """Distinct phrases by how often sources use them; at most two, joined by "; "."""
    phrases: list[tuple[str, int]] = []  # (phrase, count) in first-seen order
    for fig in figs:
        if not fig.refers_to:
            continue
        for i, (phrase, count) in enumerate(phrases):
            if _same_phrase(phrase, fig.refers_to):
                longer = fig.refers_to if len(fig.refers_to) > len(phrase) else phrase
                phrases[i] = (longer, count + 1)
                break
        else:
            phrases.append((fig.refers_to, 1))
    ranked = sorted(range(len(phrases)), key=lambda i: (-phrases[i][1], i))
    chosen = [phrases[i][0] for i in ranked[:2]]
    return "; ".join(chosen) or None


def _position(f: Found) -> tuple[int, int, int]:
    return (source_order(f.sentence.source_id), f.sentence.index, f.figure.start_char)


def _words(phrase: str | None) -> set[str]:
    return {w for w in (phrase or "").lower().split() if len(w) > 3}


def _by_what_they_measure(members: Sequence[Found]) -> list[list[Found]]:
    """Split one percentage or quantity by what it measures: "10%" of a stake and "10%" of a
    growth rate are two figures. Phrases that share a word, or a figure with no phrase, join
    the first group."""
    groups: list[tuple[set[str], list[Found]]] = []
    for f in members:
        words = _words(f.refers_to)
        for seen, group in groups:
            if not words or not seen or words & seen:
                seen |= words
                group.append(f)
                break
        else:
            groups.append((words, [f]))
    return [group for _, group in groups]


def _one_per_range(found: Sequence[Found]) -> list[Found]:
    """A range is one figure: keep its low end, which carries the whole range's text; a change
    ("from 29% to 19%") keeps the level it goes to."""
    return [f for f in found if f.figure.low is None or _kept_end(f.figure)]


def _kept_end(fig: Figure) -> bool:
    if fig.change:
        return fig.change == "to"
    return fig.amount == fig.low


def _high(fig: Figure) -> int | float | None:
    """The top of a range; none for a change, whose amount is the level it goes to."""
    return None if fig.change else fig.high


def _groups(found: Sequence[Found]) -> list[list[Found]]:
    """The same figure (amount, currency or unit, range, what it is counted per) across
    sentences and sources."""
    groups: dict[tuple, list[Found]] = {}
    for f in sorted(_one_per_range(found), key=_position):
        fig = f.figure
        high = _high(fig)
        top = round(float(high), 6) if high is not None else None
        key = (fig.kind, fig.currency or fig.unit, round(float(fig.amount), 6), top, fig.per)
        groups.setdefault(key, []).append(f)
    out: list[list[Found]] = []
    for members in groups.values():
        if members[0].kind == FigureKind.MONEY:
            out.append(members)  # the same sum of money is one value, however worded
        else:
            out.extend(_by_what_they_measure(members))
    return out


def _money(members: Sequence[Found]) -> tuple[tuple, Value]:
    first = members[0].figure
    sources = sorted_sources(f.sentence.source_id for f in members)
    value = Value(
        text=_pick_text(members),
        amount=first.amount,
        currency=first.currency,
        refers_to=_pick_refers_to(members),
        sources=sources,
        per=first.per,
        high=_high(first),
    )
    return (-len(sources), -float(first.amount), _position(members[0])), value


def _key_figure(members: Sequence[Found]) -> tuple[tuple, KeyFigure]:
    first = members[0].figure
    sources = sorted_sources(f.sentence.source_id for f in members)
    figure = KeyFigure(
        text=_pick_text(members),
        amount=first.amount,
        unit=first.unit,
        refers_to=_pick_refers_to(members),
        sources=sources,
        kind=str(first.kind),
        per=first.per,
        high=_high(first),
    )
    return (-len(sources), _position(members[0])), figure


@dataclass(frozen=True)
class Figures:
    """The Brief's two tables of figures: money, and the other figures that matter."""

    values: list[Value]
    figures: list[KeyFigure]


def find_figures(sentences: Sequence[Sentence], nlp) -> Figures:
    """Money (the Value table) and, apart, percentages and quantities (the Figures table).

    Money is always reported; a percentage or quantity only when the parse ties it to a noun
    phrase, because a bare "40%" with nothing it measures is noise in a brief.
    """
    found = [Found(s, fig) for s in sentences for fig in figures_in(s.span)]
    if not found:
        return Figures([], [])
    _measure(found, nlp)
    kept = [f for f in found if f.kind == FigureKind.MONEY or f.refers_to]
    log.debug("values: %d figures found, %d kept", len(found), len(kept))
    values: list[tuple[tuple, Value]] = []
    others: list[tuple[tuple, KeyFigure]] = []
    for members in _groups(kept):
        if members[0].kind == FigureKind.MONEY:
            values.append(_money(members))
        else:
            others.append(_key_figure(members))
    return Figures(
        [v for _, v in sorted(values, key=lambda pair: pair[0])],
        [f for _, f in sorted(others, key=lambda pair: pair[0])],
    )


def find_values(sentences: Sequence[Sentence], nlp) -> list[Value]:
    """The money figures only (see `find_figures`)."""
    return find_figures(sentences, nlp).values


def _sentence_key(sentence: Sentence) -> tuple[int, int]:
    return (source_order(sentence.source_id), sentence.index)


def parse_sentences(nlp, texts: Sequence[str]) -> list:
    """Dependency parses for the sentences that hold figures (the main pipeline has no parser).

    `refers_to` reads only the parse, tags and lemmas: entities and briefgen's annotations of
    these sentences are never read, and without them the parses cost about half as much.
    """
    from briefgen.annotate import COMPONENTS
    from briefgen.nlp import parse_syntax

    unread = {"ner", *(name for name, _ in COMPONENTS)}
    with nlp.select_pipes(disable=[pipe for pipe in nlp.pipe_names if pipe in unread]):
        return parse_syntax(nlp, texts)
