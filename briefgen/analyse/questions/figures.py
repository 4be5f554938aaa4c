"""Money figures: every MONEY entity with the thing it measures ("$5m *first phase*", "*a
deal* worth $5m"), grouped into figures (from the values stage when it has them)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Span, Token

from briefgen.analyse.questions.deal_words import DEAL_HEADS
from briefgen.analyse.questions.phrasing import cite, display
from briefgen.analyse.signing import SIGN_LEMMAS
from briefgen.analyse.text import ents, is_word, stem
from briefgen.brief import Brief
from briefgen.corpus import Sentence, sorted_sources, source_order

SCALES = {
    "thousand": 1e3,
    "k": 1e3,
    "lakh": 1e5,
    "million": 1e6,
    "m": 1e6,
    "mn": 1e6,
    "crore": 1e7,
    "billion": 1e9,
    "bn": 1e9,
    "b": 1e9,
    "trillion": 1e12,
}


def amount_of(text: str) -> float | None:
    """The number a money expression states ("$500 million" → 5e8), None if it has none."""
    m = re.search(r"(\d[\d,]*(?:\.\d+)?)\s*-?\s*([a-z]+)?", text.lower())
    if not m:
        return None
    value = float(m.group(1).replace(",", ""))
    scale = SCALES.get((m.group(2) or "").rstrip("s"), 1.0)
    return value * scale


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
    text: str  # the figure as written
    amount: float
    referent: str | None  # the noun phrase it measures, as written
    head: str | None  # its head noun's class: "deal" for any name of the agreement
    part: bool = False  # measures a part ("the first phase", "a tranche"), not the whole
    whole: bool = False  # measures the undertaking as a whole (the deal, the project)

    @property
    def thing(self) -> str | None:
        """What the figure measures, for comparison: "deal" for the undertaking as a whole."""
        return "deal" if self.whole else self.head


@dataclass(frozen=True)
class Figure:
    text: str
    amount: float
    currency: str | None
    sources: tuple[str, ...]
    mentions: tuple[Mention, ...]
    refers_to: str | None
    key: bool  # stated in a sentence about the deal

    @property
    def heads(self) -> list[str]:
        return sorted({m.head for m in self.mentions if m.head})


NP_POS = frozenset({"NOUN", "PROPN", "ADJ", "NUM", "DET", "ADP", "PART"})


def head_noun(tokens: Sequence[Token]) -> Token | None:
    """The head of the phrase a figure measures: its last noun before any "of" ("battery supply
    *chain*", "*phase* of investment")."""
    before_of: list[Token] = []
    for t in tokens:
        if t.lower_ == "of" and before_of:
            break
        before_of.append(t)
    nouns = [t for t in before_of if t.pos_ in ("NOUN", "PROPN")]
    return nouns[-1] if nouns else None


def head_class(tokens: Sequence[Token]) -> str | None:
    """The class of the noun a figure measures: the stem of the phrase's head, or "deal" for any
    name of the agreement."""
    head = head_noun(tokens)
    if head is None:
        return None
    return "deal" if head.lemma_.lower() in DEAL_HEADS else stem(head.lemma_)


def phrase_after(span: Span, sentence: Span) -> list[Token]:
    """ "$5m *memorandum of understanding*": the noun phrase a figure modifies."""
    doc, i = span.doc, span.end
    out: list[Token] = []
    while i < sentence.end:
        t = doc[i]
        if (t.pos_ in ("NOUN", "PROPN", "ADJ") and is_word(t)) or (
            t.lower_ == "of" and out and i + 1 < len(doc) and doc[i + 1].pos_ in ("NOUN", "PROPN")
        ):
            out.append(t)
            i += 1
            continue
        break
    return out if out and out[0].pos_ in ("NOUN", "PROPN", "ADJ") else []


VALUING_LEMMAS = frozenset({"value", "estimate", "put", "price", "peg"})
# Who puts a value on something: "a project *officials* valued at $9bn" (a reduced relative
# clause; the thing valued is the project, not the officials).
VALUERS = frozenset(
    {
        "official", "analyst", "source", "expert", "banker", "executive", "investor", "observer",
        "government", "ministry", "company", "firm", "people", "report", "estimate", "media",
    }
)  # fmt: skip
# Nouns that name the undertaking as a whole: a figure measuring one measures the deal.
WHOLE_HEADS = frozenset(
    {
        "project", "investment", "programme", "program", "package", "scheme", "initiative",
        "transaction", "acquisition", "takeover", "purchase", "merger", "buyout", "undertaking",
    }
)  # fmt: skip
# Words that make a figure measure a part of something: a phase, a tranche, the first plant.
PART_WORDS = frozenset(
    {
        "phase", "stage", "tranche", "portion", "part", "instalment", "installment", "component",
        "first", "second", "third", "initial", "pilot", "opening", "early",
    }
)  # fmt: skip
# "buy a stake for $5m": the price of the transaction itself.
TRANSACTION_LEMMAS = frozenset(
    {"buy", "acquire", "sell", "purchase", "pay", "agree", "sign", "take", "divest", "merge"}
)


def phrase_before(span: Span, sentence: Span) -> list[Token]:
    """The noun phrase a figure measures: "*The first phase* is valued at $5m", "*a deal* worth
    $5m", "*an investment* of $5m"."""
    doc = span.doc
    i = span.start - 1
    sent_start = sentence.start
    while i >= sent_start and doc[i].lower_ in ("approximately", "about", "around", "some", "$"):
        i -= 1
    if i < sent_start:
        return []
    word = doc[i].lower_
    if word == "at" and i - 1 >= sent_start and doc[i - 1].lemma_.lower() in VALUING_LEMMAS:
        i -= 2
        while i >= sent_start and doc[i].pos_ in ("AUX", "ADV", "PART"):
            i -= 1
    elif word in ("worth", "of", "totalling", "totaling", "costing"):
        i -= 1
        if word == "worth":  # "The contract is worth $600m": the subject before the copula
            while i >= sent_start and doc[i].pos_ in ("AUX", "ADV", "PART"):
                i -= 1
    else:
        return []
    end = i + 1
    # Walk back over the noun phrase; "of" may join it ("first phase of investment"), other
    # prepositions end it ("a stake in a mine *in* a deal valued at").
    while i >= sent_start and doc[i].pos_ in NP_POS and is_word(doc[i]):
        if doc[i].pos_ == "ADP" and doc[i].lower_ != "of":
            break
        i -= 1
    tokens = list(doc[i + 1 : end])
    while tokens and tokens[0].pos_ in ("ADP", "DET", "PART"):
        tokens = tokens[1:]
    if word == "at":
        tokens = without_valuer(tokens)
    return tokens if any(t.pos_ in ("NOUN", "PROPN") for t in tokens) else []


def without_valuer(tokens: list[Token]) -> list[Token]:
    """ "a project officials valued at": drop the subject of the valuing verb, known by its word
    ("officials", "analysts") or by a plural noun after a singular one ("a project officials")."""
    nouns = [i for i, t in enumerate(tokens) if t.pos_ in ("NOUN", "PROPN")]
    if len(nouns) < 2:
        return tokens
    last = tokens[nouns[-1]]
    before = tokens[nouns[-2]]
    plural_after_singular = last.tag_ in ("NNS", "NNPS") and before.tag_ in ("NN", "NNP")
    if last.lemma_.lower() in VALUERS or plural_after_singular:
        return tokens[: nouns[-2] + 1]
    return tokens


def is_price(span: Span, sentence: Span) -> bool:
    """ "... agreed to buy a 51% stake ... for $1.1 billion": the figure prices the deal."""
    doc = span.doc
    before = doc[span.start - 1] if span.start > sentence.start else None
    return (
        before is not None
        and before.lower_ == "for"
        and any(t.lemma_.lower() in TRANSACTION_LEMMAS for t in doc[sentence.start : span.start])
    )


CURRENCY_SIGN = re.compile(r"(?:[A-Z]{1,3})?[$€£¥₹]|Rs\.?|[A-Z]{3}")


def with_currency(money: Span, sentence: Span) -> str:
    """The figure as written, with a currency sign the entity left out ("$" + "9.8bn")."""
    if money.start > sentence.start and not currency_mark(money.text):
        prev = money.doc[money.start - 1]
        if CURRENCY_SIGN.fullmatch(prev.text):
            return prev.text + prev.whitespace_ + money.text
    return money.text


def is_part(tokens: Sequence[Token]) -> bool:
    """The phrase names a part of something: "the first phase", "a tranche of the loan"."""
    return any(t.lemma_.lower() in PART_WORDS for t in tokens)


def signs_the_deal(sentence: Sentence) -> bool:
    return any(t.lemma_.lower() in SIGN_LEMMAS for t in sentence.span)


def money_mentions(sentences: Sequence[Sentence]) -> list[Mention]:
    out = []
    for s in sentences:
        money = [e for e in ents(s.span) if e.label_ == "MONEY"]
        for e in money:
            amount = amount_of(e.text)
            if amount is None:
                continue
            text = with_currency(e, s.span)
            after = phrase_after(e, s.span)
            tokens = after or phrase_before(e, s.span)
            part = is_part(tokens)
            if tokens:
                referent: str | None = display(tokens)
                head = head_class(tokens)
            elif is_price(e, s.span):
                referent, head = "deal", "deal"
            else:
                referent, head = None, None
            # What a signing sentence says is "worth $X" is what the deal builds or buys ("signed
            # an agreement to build a supply chain worth $9.8bn"), and so is its only figure; a
            # "$2bn smelter" beside other figures is a part of it.
            measured_before = bool(tokens) and not after
            noun = head_noun(tokens)
            whole = not part and (
                head == "deal"
                or (noun is not None and noun.lemma_.lower() in WHOLE_HEADS)
                or (signs_the_deal(s) and (measured_before or len(money) == 1))
            )
            out.append(Mention(s, text, amount, referent, head, part, whole))
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
            ms = tuple(m for m in mentions if same_amount(m.amount, v.amount))
            sources = sorted_sources([*v.sources, *(m.sentence.source_id for m in ms)])
            figures.append(
                Figure(
                    v.text,
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
                    a,
                    None,
                    tuple(sorted_sources(m.sentence.source_id for m in ms)),
                    ms,
                    None,
                    any(id(m.sentence) in relevant for m in ms),
                )
            )
    return figures


def figure_label(fig: Figure) -> str:
    return re.sub(r"^(?:approximately|about|around|some|an estimated|nearly)\s+", "", fig.text)


def headline_figure(figures: Sequence[Figure]) -> Figure | None:
    """The figure about the deal that most sources report (then the largest)."""
    key = [f for f in figures if f.key]
    return max(key, key=lambda f: (len(f.sources), f.amount)) if key else None


def phase_of(fig: Figure) -> str | None:
    """What a figure measures when that is a part of the deal ("first phase"), as written."""
    return next((m.referent for m in fig.mentions if m.head not in (None, "deal")), None)


def sample_mentions(mentions: Sequence[Mention], limit: int = 3) -> list[Mention]:
    """Evidence to quote: one mention per thing the figure is tied to, then the rest, in source
    order, at most `limit`."""
    ordered = sorted(mentions, key=lambda m: (source_order(m.sentence.source_id), m.sentence.index))
    firsts = [m for i, m in enumerate(ordered) if m.head not in {x.head for x in ordered[:i]}]
    rest = [m for m in ordered if m not in firsts]
    chosen = (firsts + rest)[:limit]
    return sorted(chosen, key=ordered.index)


def quote_mentions(mentions: Sequence[Mention]) -> str:
    """Evidence for a figure: a few of its mentions, each quoted around the figure."""
    return "; ".join(cite(m.sentence, m.text, 6) for m in sample_mentions(mentions))


def currency_mark(text: str) -> str:
    """The currency sign or word a money expression uses ("$", "rs", "eur"), "" if none."""
    m = re.search(
        r"[$€£¥₹]|\b(?:[A-Z]{3}|rs\.?|rupees?|euros?|pounds?|yuan|yen|dollars?)\b",
        text,
        re.IGNORECASE,
    )
    return m.group(0).lower().rstrip(".s") if m else ""
