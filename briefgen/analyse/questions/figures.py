"""Money figures: every money figure the `briefgen_figures` component found, with the thing it
measures ("$5m *first phase*", "*a deal* worth $5m"), grouped into figures (from the values stage
when it has them)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from briefgen.analyse.questions.phrasing import cite
from briefgen.analyse.questions.tokens import cue_tokens
from briefgen.analyse.signing import SIGN_LEMMAS
from briefgen.analyse.text import other_time, stem
from briefgen.annotate import cues
from briefgen.annotate.figures import Figure as Written
from briefgen.annotate.figures import FigureKind, figures_in
from briefgen.brief import Brief
from briefgen.corpus import Sentence, sorted_sources, source_order


def same_amount(a: float, b: float) -> bool:
    return abs(a - b) <= 0.01 * max(abs(a), abs(b))


def distinct_amounts(mentions: Sequence[Mention]) -> list[float]:
    """The different amounts stated, in order of first mention (1% apart is the same)."""
    amounts: list[float] = []
    for m in mentions:
        if not any(same_amount(m.amount, a) for a in amounts):
            amounts.append(m.amount)
    return amounts


@dataclass(frozen=True)
class Mention:
    sentence: Sentence
    figure: Written  # the figure as the annotation read it
    text: str  # the figure as written, hedge included
    amount: float
    referent: str | None  # the noun phrase it measures, as written
    head: str | None  # its head noun's class: "deal" for any name of the agreement
    part: bool = False  # measures a part ("the first phase", "a tranche"), not the whole
    whole: bool = False  # measures the undertaking as a whole (the deal, the project)

    @property
    def currency(self) -> str | None:
        return self.figure.currency

    @property
    def hedge(self) -> str | None:
        return self.figure.hedge

    @property
    def thing(self) -> str | None:
        """What the figure measures, for comparison: "deal" for the undertaking as a whole."""
        return "deal" if self.whole else self.head


@dataclass(frozen=True)
class Figure:
    text: str
    label: str  # the text without an approximating hedge ("$9 billion")
    amount: float
    currency: str | None
    sources: tuple[str, ...]
    mentions: tuple[Mention, ...]
    refers_to: str | None
    key: bool  # stated in a sentence about the deal

    @property
    def heads(self) -> list[str]:
        return sorted({m.head for m in self.mentions if m.head})


def head_class(lemma: str) -> str:
    """The class of the noun a figure measures: the stem of its head's lemma, or "deal" for any
    name of the agreement."""
    return "deal" if lemma in cues.word_list("deal_head") else stem(lemma)


def signs_the_deal(sentence: Sentence) -> bool:
    return any(t.lemma_.lower() in SIGN_LEMMAS for t in sentence.span)


def is_version(sentence: Sentence, head_lemma: str | None) -> bool:
    """The noun a figure measures is one of several versions made in turn (an offer, a bid)."""
    return any(t.lemma_.lower() == head_lemma for t in cue_tokens(sentence.span, "version_noun"))


def money_mentions(sentences: Sequence[Sentence]) -> list[Mention]:
    out = []
    for s in sentences:
        money = [f for f in figures_in(s.span) if f.kind == FigureKind.MONEY]
        for f in money:
            referent: str | None
            if f.measures:
                referent = f.measures
                head = head_class(f.measures_head) if f.measures_head else None
            elif f.price:
                referent, head = "deal", "deal"
            else:
                referent, head = None, None
            # What a signing sentence says is "worth $X" is what the deal builds or buys ("signed
            # an agreement to build a supply chain worth $9.8bn"), and so is its only figure; a
            # "$2bn smelter" beside other figures is a part of it.
            measured_before = bool(f.measures) and not f.measured_after
            whole = not f.part and (
                head == "deal"
                or f.measures_head in cues.word_list("whole_head")
                or (signs_the_deal(s) and (measured_before or len(money) == 1))
            )
            # "its third offer": an ordinal counts versions of the whole bid, not a part of it.
            part = f.part and not is_version(s, f.measures_head)
            out.append(Mention(s, f, f.text, f.amount, referent, head, part, whole))
    return out


def find_figures(
    brief: Brief, sentences: Sequence[Sentence], about_deal: Sequence[Sentence]
) -> list[Figure]:
    """Money figures with every sentence that states them and what each ties them to; a
    figure is `key` when a sentence about the deal states it."""
    mentions = money_mentions(sentences)
    relevant = {id(s) for s in about_deal}
    figures: list[Figure] = []
    values = [v for v in brief.values if v.kind == "money" and v.amount]
    if values:
        for v in values:
            assert v.amount is not None
            ms = tuple(
                m
                for m in mentions
                if same_amount(m.amount, v.amount) and m.currency in (v.currency, None)
            )
            sources = sorted_sources([*v.sources, *(m.sentence.source_id for m in ms)])
            figures.append(
                Figure(
                    v.text,
                    next((m.figure.bare for m in ms if m.text == v.text), v.text),
                    v.amount,
                    v.currency,
                    tuple(sources),
                    ms,
                    v.refers_to,
                    any(id(m.sentence) in relevant for m in ms),
                )
            )
    else:  # no values stage output: group the MONEY entities ourselves
        for a in distinct_amounts(mentions):
            ms = tuple(m for m in mentions if same_amount(m.amount, a))
            figures.append(
                Figure(
                    ms[0].text,
                    ms[0].figure.bare,
                    a,
                    None,
                    tuple(sorted_sources(m.sentence.source_id for m in ms)),
                    ms,
                    None,
                    any(id(m.sentence) in relevant for m in ms),
                )
            )
    return figures


def converts(m: Mention) -> bool:
    """The mention is another figure converted into its currency: written in brackets right
    after a figure in another currency ("21.4 billion pounds ($27.18 billion)")."""
    doc = m.sentence.span.doc
    start = m.figure.range_start
    for other in figures_in(m.sentence.span):
        if other.kind != FigureKind.MONEY or other.currency in (None, m.currency):
            continue
        between = doc.text[other.range_end : start]
        if other.range_end <= start and between.strip() == "(":
            return True
    return False


def conversion(fig: Figure) -> bool:
    """A figure some source gives as the conversion of another: not a figure of its own."""
    return any(converts(m) for m in fig.mentions)


def past_price(fig: Figure) -> bool:
    """Every mention prices an earlier purchase ("bought a stake for $3bn in 2016"): a figure
    of the background, not the deal's."""
    return all(m.figure.price and other_time(m.sentence.span) for m in fig.mentions)


def measures_the_deal(fig: Figure) -> bool:
    """Some source ties the figure to the deal: its whole, a part of it, its price, or an offer
    for it ("the third offer of $X")."""
    return any(
        m.whole or m.part or m.figure.price or is_version(m.sentence, m.figure.measures_head)
        for m in fig.mentions
    )


def figure_label(fig: Figure) -> str:
    return fig.label


def headline_figure(figures: Sequence[Figure]) -> Figure | None:
    """The figure about the deal that most sources report (then the largest)."""
    key = [f for f in figures if f.key and not conversion(f) and not past_price(f)]
    return max(key, key=lambda f: (len(f.sources), f.amount)) if key else None


def phase_of(fig: Figure) -> str | None:
    """What a figure measures when that is a part of the deal ("first phase"), as written."""
    return next((m.referent for m in fig.mentions if m.head not in (None, "deal")), None)


def sample_mentions(mentions: Sequence[Mention], limit: int = 3) -> list[Mention]:
    """Evidence to quote: one mention per thing the figure is tied to, then the rest, in source
    order, at most `limit`."""
    ordered = sorted(mentions, key=lambda m: (source_order(m.sentence.source_id), m.sentence.index))
    firsts: list[Mention] = []
    heads: set[str | None] = set()  # of the mentions before: a first is the first of its head
    for m in ordered:
        if m.head not in heads:
            firsts.append(m)
            heads.add(m.head)
    rest = [m for m in ordered if m not in firsts]
    chosen = (firsts + rest)[:limit]
    return sorted(chosen, key=ordered.index)


def quote_mentions(mentions: Sequence[Mention]) -> str:
    """Evidence for a figure: a few of its mentions, each quoted around the figure."""
    return "; ".join(cite(m.sentence, m.text, 6) for m in sample_mentions(mentions))
