"""Money, percentages and quantities: tied to what they measure, merged across sources.

The figures are read once, by the `briefgen_figures` component (briefgen/annotate/figures.py):
amount, ISO 4217 currency or unit, multiplier, range, hedge. This stage takes the figures of
the content sentences, asks `annotate.figures.refers_to` what each measures in a dependency
parse of its sentence (only the few sentences that hold a figure are parsed), and merges the
same figure (amount + currency or unit, and what it is counted per) reported by several
articles into one value carrying all their sources.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from briefgen.annotate.figures import Figure, FigureKind, figures_in, refers_to
from briefgen.brief import Value
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


def _pick_text(figs: Sequence[Found]) -> str:
    """The most common wording; ties go to the longer (hedged) one, then the earliest."""
    counts = Counter(f.figure.text for f in figs)
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


def _merge(found: Sequence[Found]) -> list[Value]:
    groups: dict[tuple, list[Found]] = {}
    for f in sorted(found, key=_position):
        fig = f.figure
        key = (fig.kind, fig.currency or fig.unit, round(float(fig.amount), 6), fig.per)
        groups.setdefault(key, []).append(f)
    values: list[tuple[tuple, Value]] = []
    for members in groups.values():
        first = members[0].figure
        sources = sorted_sources(f.sentence.source_id for f in members)
        value = Value(
            text=_pick_text(members),
            amount=first.amount,
            currency=first.currency,
            refers_to=_pick_refers_to(members),
            sources=sources,
            kind=str(first.kind),
            unit=first.unit,
        )
        if first.kind == FigureKind.MONEY:
            order: tuple = (0, -len(sources), -float(first.amount), _position(members[0]))
        else:
            order = (1, -len(sources), 0.0, _position(members[0]))
        values.append((order, value))
    return [v for _, v in sorted(values, key=lambda pair: pair[0])]


def find_values(sentences: Sequence[Sentence], nlp) -> list[Value]:
    """Money (first), then percentages and quantities that something in the text is measured by.

    Money is always reported; a percentage or quantity only when the parse ties it to a noun
    phrase, because a bare "40%" with nothing it measures is noise in a brief.
    """
    found = [Found(s, fig) for s in sentences for fig in figures_in(s.span)]
    if not found:
        return []
    _measure(found, nlp)
    kept = [f for f in found if f.kind == FigureKind.MONEY or f.refers_to]
    log.debug("values: %d figures found, %d kept", len(found), len(kept))
    return _merge(kept)


def _sentence_key(sentence: Sentence) -> tuple[int, int]:
    return (source_order(sentence.source_id), sentence.index)


def parse_sentences(nlp, texts: Sequence[str]) -> list:
    """Dependency parses for the sentences that hold figures (the main pipeline has no parser)."""
    from briefgen.nlp import parse_syntax

    return parse_syntax(nlp, texts)
