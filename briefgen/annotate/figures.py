"""Figures: every money amount, percentage and quantity in an article, read once.

The component `briefgen_figures` finds each figure with one regular grammar over the Doc's text:
an optional hedge ("approximately", "up to"), an optional currency before the number ("$",
"US$", "Rs", "PKR"), the number, a multiplier ("m", "bn", "lakh", "crore") and a currency, a
percent form or a unit after it ("dollars", "%", "kilotons"), and what it is counted per ("a
year"). A regex rather than spaCy's Matcher because the tokenizer cuts these forms unevenly
("US$8.5bn", "Rs 1,500-crore", "$1.2-1.5 billion") and spaCy's MONEY entities miss some of them.
Ranges ("$1.2 to 1.5 billion", "10-15%", "from 29% to 19%") share their currency, unit and
multiplier. Ambiguous currency forms ("Rs", "¥") take the currency of the country named nearest.

Each figure is a span in `doc.spans["figures"]` whose `Span._.figure` holds plain data (numbers,
strings, booleans), so it survives the DocBin cache and worker processes; `figure_of(span)`
gives it back as a typed `Figure`, and `figures_in(span)` lists the figures of a sentence. For a
money figure the component also reads, from the words next to it (no parse needed), the phrase
it measures ("a $5m *grant*", "*the first phase* is valued at $5m") and whether it is the price
of a transaction ("agreed to buy ... for $5m").

`refers_to` is the other reading of what a figure measures, from a dependency parse; it is run by
the values stage on the few sentences that hold a figure (`briefgen.nlp.parse_syntax`), because
the main pipeline has no parser (see the README's "Values").

Word lists are data: briefgen/data/figures.toml (scales, hedges, units, the words of the two
readings of what a figure measures) and briefgen/data/currencies.toml.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from functools import lru_cache
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from briefgen.annotate.names import COMPANY_FORMS
from briefgen.annotate.per_doc import once_per_doc
from briefgen.corpus import display
from briefgen.data import load as load_data

FACTORY = "briefgen_figures"
SPANS_KEY = "figures"
EXTENSION = "figure"  # Span._.figure: the figure's data as a dict of plain values
DATA_FILE = "figures"
CURRENCY_FILE = "currencies"


class FigureKind(StrEnum):
    MONEY = "money"
    PERCENT = "percent"
    QUANTITY = "quantity"


@dataclass(frozen=True)
class Figure:
    """One figure as written in an article, normalised."""

    text: str  # as a brief shows it: hedge kept, "from 29%", a borrowed range end as the range
    amount: int | float  # number x multiplier x unit factor ("$1.5bn" -> 1.5e9, "40 kt" -> 4e4)
    kind: FigureKind
    currency: str | None  # ISO 4217 code of a money figure
    unit: str | None  # "%", "percentage points", "t", "t/y", "oz", "MW", ... otherwise
    scale: int | None  # the multiplier written or shared in a range (1e6 for "m"), if any
    per: str | None  # what it is counted per ("year" in "$6 billion a year")
    hedge: str | None  # "about", "up to", ... as written, lower-cased
    approximate: bool  # the hedge says the figure is rounded ("about", "nearly")
    low: int | float | None  # the range this figure is an end of ("$1.2-1.5 billion")
    high: int | float | None
    start_char: int  # the figure in its Doc's text, hedge included
    end_char: int
    range_start: int  # the whole range in its Doc's text (the figure itself when none)
    range_end: int
    measures: str | None  # money: the phrase next to it that it measures ("first phase")
    measures_head: str | None  # the lemma of that phrase's head noun ("phase")
    measured_after: bool  # the phrase follows the figure ("a $5m grant")
    part: bool  # the phrase names a part of something ("the first phase", "a tranche")
    price: bool  # the figure prices a transaction ("agreed to buy ... for $5m")
    change: str | None = None  # "from" or "to": an end of a change ("from 29% to 19%")
    range_text: str | None = None  # the whole range as a brief shows it ("between $1m and $2m")

    @property
    def bare(self) -> str:
        """The text without an approximating hedge: the figure's label ("$9 billion")."""
        if self.approximate and self.hedge and self.text.lower().startswith(self.hedge + " "):
            return self.text[len(self.hedge) + 1 :]
        return self.text


# --------------------------------------------------------------------------- word lists


@dataclass(frozen=True)
class Ambiguity:
    default: str
    hints: tuple[tuple[str, re.Pattern[str]], ...]  # (code, words that point to it)


@dataclass(frozen=True)
class Currencies:
    prefixes: dict[str, str]  # form -> ISO code, or "?" + form for an ambiguous form
    names: dict[str, str]  # lower-cased form -> ISO code or "?" + form
    ambiguous: dict[str, Ambiguity]


@lru_cache(maxsize=1)
def currencies() -> Currencies:
    """The shipped currency lexicon (briefgen/data/currencies.toml)."""
    raw = load_data(CURRENCY_FILE)
    prefixes: dict[str, str] = {}
    names: dict[str, str] = {}
    for entry in raw.get("currency", []):
        code = entry["code"]
        for form in entry.get("prefixes", []):
            prefixes.setdefault(form, code)
            if re.fullmatch(r"[A-Z]{3}", form):
                names.setdefault(form.lower(), code)
        for form in entry.get("names", []):
            names.setdefault(form.lower(), code)
    ambiguous: dict[str, Ambiguity] = {}
    for entry in raw.get("ambiguous", []):
        hints = tuple(
            (code, re.compile(r"\b(?:" + "|".join(map(re.escape, words)) + r")\b"))
            for code, words in entry.get("hints", {}).items()
        )
        for form in entry["forms"]:
            ambiguous[form.lower()] = Ambiguity(entry["default"], hints)
            if form[:1].isupper() or not form[:1].isalpha():
                prefixes.setdefault(form, "?" + form.lower())
            else:
                names.setdefault(form.lower(), "?" + form.lower())
    return Currencies(prefixes, names, ambiguous)


_WORDS = load_data(DATA_FILE)
SCALES: dict[str, int] = {form: int(value) for form, value in _WORDS["scales"].items()}
APPROXIMATE_HEDGES = frozenset(_WORDS["hedges"]["approximate"])
HEDGES = (*_WORDS["hedges"]["approximate"], *_WORDS["hedges"]["bound"])
PERCENT_UNITS: dict[str, str] = dict(_WORDS["percent"])
QUANTITY_UNITS: dict[str, tuple[str, float]] = {
    form: (unit, factor) for form, (unit, factor) in _WORDS["quantity"].items()
}
RATE_BASES: dict[str, str] = dict(_WORDS["rate_bases"])
SUBUNITS: dict[str, tuple[str, float]] = {
    form: (code, factor) for form, (code, factor) in _WORDS["subunits"].items()
}
HOUSE_DOLLARS: dict[str, str] = dict(_WORDS["house_dollars"])
RANGE_VERBS = frozenset(_WORDS["range_verbs"]["words"])
_MEASURED = _WORDS["measured"]
PART_WORDS = frozenset(_MEASURED["part"])
VALUING_LEMMAS = frozenset(_MEASURED["valuing"])
VALUERS = frozenset(_MEASURED["valuers"])
TRANSACTION_LEMMAS = frozenset(_MEASURED["transaction"])
BEFORE_WORDS = frozenset(_MEASURED["before"])
MEASURE_NOUNS = frozenset(_MEASURED["measure_nouns"])
_REFERS = _WORDS["refers_to"]
LEVEL_VERBS = frozenset(_REFERS["level_verbs"])
VALUING_VERBS = frozenset(_REFERS["valuing_verbs"])
REPORTING_VERBS = frozenset(_REFERS["reporting_verbs"])
PEOPLE_NOUNS = frozenset(_REFERS["people"])
PUFFERY = frozenset(_REFERS["puffery"])
MONEY_ACTIONS: dict[str, str] = dict(_REFERS["money_actions"])
QUANTITY_ACTIONS: dict[str, str] = dict(_REFERS["quantity_actions"])

RANGE_JOIN = re.compile(r"^\s*(?:-|–|—|to|and)\s*$", re.IGNORECASE)
FROM_BEFORE = re.compile(r"\bfrom\s*$", re.IGNORECASE)
BETWEEN_BEFORE = re.compile(r"\bbetween\s*$", re.IGNORECASE)


def _alternation(forms: Iterable[str]) -> str:
    # Longest first so "US$" wins over "$" and "per cent" over "per".
    return "|".join(re.escape(f) for f in sorted(set(forms), key=lambda f: (-len(f), f)))


@lru_cache(maxsize=1)
def figure_pattern() -> re.Pattern[str]:
    """Hedge? prefix? number scale? unit?; which parts make a figure is decided afterwards."""
    table = currencies()
    posts = [*table.names, *PERCENT_UNITS, *SUBUNITS]
    number = r"\d{1,3}(?:,\d{2,3})+(?:\.\d+)?|\d+(?:\.\d+)?"
    return re.compile(
        rf"(?<![\w$€£¥₹.,])"
        rf"(?:(?P<hedge>(?i:{_alternation(HEDGES)}))\s+)?"
        rf"(?:(?P<prefix>{_alternation(table.prefixes)})\s?)?"
        rf"(?P<number>{number})(?!\d)"
        rf"(?:\s?-?\s?(?P<scale>(?i:{_alternation(SCALES)}))(?![\w$]))?"
        rf"(?:\s?(?P<unit>{_alternation(QUANTITY_UNITS)})(?!\w)"
        rf"|\s?(?P<post>(?i:{_alternation(posts)}))(?!\w))?"
        rf"(?:(?:\s+(?:a|an|per)\s+|\s?/\s?)(?P<per>{_alternation(RATE_BASES)})(?!\w))?"
    )


# --------------------------------------------------------------------------- finding figures


@dataclass
class _Match:
    """One number found in the text, before ranges are linked and bare numbers dropped."""

    start: int  # char offsets in the Doc's text, hedge included
    end: int
    number: Decimal
    scale: int | None
    prefix: str | None
    post: str | None  # currency name or percent form as written
    unit: str | None  # quantity unit as written, then the canonical unit
    hedge: str | None
    per: str | None
    kind: FigureKind | None = None  # None = a bare number
    currency: str | None = None
    factor: float = 1.0
    range_start: int = -1
    range_end: int = -1
    prefix_word: str | None = None  # "from" in "from 29% to 19%"
    borrowed: bool = False  # currency, unit or multiplier taken from the other end of a range
    other: _Match | None = None  # the other end of its range

    @property
    def amount(self) -> int | float:
        result = float(self.number * (self.scale or 1)) * self.factor
        return int(result) if result == int(result) and abs(result) < 1e18 else result


def _resolve_currency(form: str, doc: Doc, text: str, start: int) -> str:
    """An ambiguous form ("Rs", "rupees") resolved by the country words nearest to it in its
    sentence, then by those most frequent in the article, then the form's default."""
    ambiguity = currencies().ambiguous[form]
    token = doc.char_span(start, start + 1, alignment_mode="expand")
    sentence = token[0].sent if token is not None and len(token) else doc[:]
    best: tuple[int, str] | None = None
    for code, pattern in ambiguity.hints:
        for match in pattern.finditer(sentence.text):
            distance = abs(sentence.start_char + match.start() - start)
            if best is None or distance < best[0]:
                best = (distance, code)
    if best is not None:
        return best[1]
    counts = {code: len(pattern.findall(text)) for code, pattern in ambiguity.hints}
    top = max(counts.values(), default=0)
    if top:
        return next(code for code, _ in ambiguity.hints if counts[code] == top)
    return ambiguity.default


def house_dollar(text: str) -> str | None:
    """The currency a bare "$" means in an article whose house style writes US dollars as
    "$US" (Australian papers: "$US2.2 billion ($3.3 billion)"); None for the wire default."""
    for form, code in HOUSE_DOLLARS.items():
        if re.search(re.escape(form) + r"\s?\d", text):
            return code
    return None


def _is_subunit(m: _Match, text: str) -> bool:
    """ "12p", "45 pence"; a one-letter form only glued to its number and not an abbreviation
    ("3 p.m.", "p. 4")."""
    if m.scale is not None or m.post is None:
        return False
    if len(m.post) > 1:
        return True
    return text[m.end - 2 : m.end - 1].isdigit() and text[m.end : m.end + 1] != "."


def _classify(m: _Match, doc: Doc, text: str, bare_dollar: str | None = None) -> None:
    table = currencies()
    code: str | None = None
    if m.prefix:
        code = table.prefixes[m.prefix]
        if m.prefix == "$" and bare_dollar:
            code = bare_dollar
    elif m.post and m.post.lower() in table.names:
        code = table.names[m.post.lower()]
    elif m.post and m.post.lower() in SUBUNITS and _is_subunit(m, text):
        code, m.factor = SUBUNITS[m.post.lower()]  # "12p": 0.12 GBP
    if code is not None:
        if code.startswith("?"):
            code = _resolve_currency(code[1:], doc, text, m.start)
        m.kind, m.currency, m.unit = FigureKind.MONEY, code, None
    elif m.post and m.post.lower() in PERCENT_UNITS:
        m.kind, m.unit = FigureKind.PERCENT, PERCENT_UNITS[m.post.lower()]
    elif m.unit is not None:
        unit, factor = QUANTITY_UNITS[m.unit]
        m.kind, m.unit, m.factor = FigureKind.QUANTITY, unit, factor


def _matches(doc: Doc, text: str) -> list[_Match]:
    found: list[_Match] = []
    bare_dollar = house_dollar(text)
    for m in figure_pattern().finditer(text):
        scale, unit, per = m.group("scale"), m.group("unit"), m.group("per")
        end = m.end()
        if unit == "pounds of" and not per:  # the "of" only decided the sense
            end = m.start("unit") + len("pounds")
        hedge = m.group("hedge")
        match = _Match(
            start=m.start(),
            end=end,
            number=Decimal(m.group("number").replace(",", "")),
            scale=SCALES[scale.lower()] if scale else None,
            prefix=m.group("prefix"),
            post=m.group("post"),
            unit=unit,
            hedge=hedge.lower() if hedge else None,
            per=RATE_BASES[per] if per else None,
        )
        _classify(match, doc, text, bare_dollar)
        found.append(match)
    starts = [sent.start_char for sent in doc.sents]

    def same_sentence(a: int, b: int) -> bool:
        return bisect_right(starts, a) == bisect_right(starts, b)

    _link_ranges(found, text, same_sentence)
    return found


def _looks_like_year(m: _Match, text: str) -> bool:
    raw = text[m.start : m.end]
    return m.scale is None and raw.isdigit() and 1800 <= int(raw) <= 2100


def _borrow(target: _Match, donor: _Match) -> None:
    target.kind, target.currency, target.unit, target.factor = (
        donor.kind,
        donor.currency,
        donor.unit,
        donor.factor,
    )
    target.borrowed = True


def _link_ranges(found: list[_Match], text: str, same_sentence: Callable[[int, int], bool]) -> None:
    """ "$1.2 to 1.5 billion", "10-15%", "from 29% to 19%": share units, mark the range span."""
    for m in found:
        m.range_start, m.range_end = m.start, m.end
    for low, high in itertools.pairwise(found):
        between = text[low.end : high.start]
        if not RANGE_JOIN.match(between) or not same_sentence(low.end - 1, high.start):
            continue
        joiner = between.strip().lower()
        before = text[max(0, low.start - 40) : low.start]
        if joiner == "and" and not BETWEEN_BEFORE.search(before):
            continue  # "a 51% stake and 3 seats" is no range
        if low.kind is None and high.kind is not None:
            if _looks_like_year(low, text):
                continue  # "in 2020 to 5%"
            _borrow(low, high)
        elif high.kind is None and low.kind is not None:
            if high.scale is None and joiner not in ("-", "–", "—"):
                continue  # "sold 5% to 3 investors"; but "$1.2 to 1.5 billion" is a range
            _borrow(high, low)
        elif low.kind is None or low.kind != high.kind or low.currency != high.currency:
            continue
        # One multiplier written for both ("$1.2-1.5 billion"), unless the numbers say otherwise
        # ("$700,000 to $1.2 million" has none to share).
        if low.scale is None and high.scale and low.number <= high.number:
            low.scale, low.borrowed = high.scale, True
        elif high.scale is None and low.scale and high.number >= low.number:
            high.scale, high.borrowed = low.scale, True
        start = low.range_start
        for m in (low, high):
            m.range_start, m.range_end = start, high.end
        low.other, high.other = high, low
        low.per = low.per or high.per  # "US$42–44 per kg": both ends are per kg
        high.per = high.per or low.per
        if joiner == "to" and FROM_BEFORE.search(before) and not _spans_a_range(before):
            low.prefix_word, high.prefix_word = "from", "to"


# A currency sign set apart from its number ("$ 10"): shown as "$10".
SIGN_SPACE = re.compile(r"([^\w\s])\s+(?=\d)")


def _tidy(raw: str) -> str:
    """The figure as written, in one line and with its currency sign next to the number."""
    spaced = " ".join(raw.split())
    return SIGN_SPACE.sub(lambda m: m[1] if unicodedata.category(m[1]) == "Sc" else m[0], spaced)


def _range_text(m: _Match, text: str) -> str:
    """ "between $300m and $400m", "from 29% to 19%", "US$12-15 billion": the whole range."""
    raw = _tidy(text[m.range_start : m.range_end])
    if m.prefix_word:
        return f"from {raw}"
    if BETWEEN_BEFORE.search(text[max(0, m.range_start - 40) : m.range_start]):
        return f"between {raw}"
    return raw


def _spans_a_range(before: str) -> bool:
    """ "ranged from $1m to $3m" is a range; "cut from 29% to 19%" is a change."""
    words = before.lower().split()
    return len(words) >= 2 and words[-2] in RANGE_VERBS


def _display_text(m: _Match, text: str) -> str:
    # A range end that borrowed its currency or multiplier is shown as the whole range, so the
    # text never claims "$1.2" for 1.2 billion.
    if m.borrowed:
        raw = text[m.range_start : m.range_end]
        if BETWEEN_BEFORE.search(text[max(0, m.range_start - 40) : m.range_start]):
            raw = "between " + raw
        return _tidy(raw)
    written = _tidy(text[m.start : m.end])
    return f"{m.prefix_word} {written}" if m.prefix_word else written


# --------------------------------------------------------------------------- the phrase next to it


def _is_word(t: Token) -> bool:
    return any(ch.isalnum() for ch in t.text)


NP_POS = frozenset({"NOUN", "PROPN", "ADJ", "NUM", "DET", "ADP", "PART"})
SKIP_BEFORE = frozenset({"approximately", "about", "around", "some", "$"})
TIME_LABELS = frozenset({"DATE", "TIME"})


def _phrase_after(span: Span, sentence: Span) -> list[Token]:
    """ "$5m *memorandum of understanding*": the noun phrase a figure modifies."""
    doc, i = span.doc, span.end
    out: list[Token] = []
    while i < sentence.end:
        t = doc[i]
        if t.ent_type_ in TIME_LABELS:
            break  # "£5bn last week": a time is not what money measures
        if (t.pos_ in ("NOUN", "PROPN", "ADJ") and _is_word(t)) or (
            t.lower_ == "of" and out and i + 1 < len(doc) and doc[i + 1].pos_ in ("NOUN", "PROPN")
        ):
            out.append(t)
            i += 1
            continue
        break
    return out if out and out[0].pos_ in ("NOUN", "PROPN", "ADJ") else []


def _without_valuer(tokens: list[Token]) -> list[Token]:
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


def _phrase_before(span: Span, sentence: Span) -> list[Token]:
    """The noun phrase a figure measures: "*The first phase* is valued at $5m", "*a deal* worth
    $5m", "*an investment* of $5m"."""
    doc = span.doc
    i = span.start - 1
    sent_start = sentence.start
    while i >= sent_start and doc[i].lower_ in SKIP_BEFORE:
        i -= 1
    if i < sent_start:
        return []
    word = doc[i].lower_
    if word == "at" and i - 1 >= sent_start and doc[i - 1].lemma_.lower() in VALUING_LEMMAS:
        i -= 2
        while i >= sent_start and doc[i].pos_ in ("AUX", "ADV", "PART"):
            i -= 1
    elif word in BEFORE_WORDS:
        i -= 1
        if word == "worth":  # "The contract is worth $600m": the subject before the copula
            while i >= sent_start and doc[i].pos_ in ("AUX", "ADV", "PART"):
                i -= 1
    else:
        return []
    end = i + 1
    # Walk back over the noun phrase; "of" may join it ("first phase of investment"), and "for"
    # after a measure noun ("the value *for* the unit"); other prepositions end it ("a stake in
    # a mine *in* a deal valued at").
    while i >= sent_start and doc[i].pos_ in NP_POS and _is_word(doc[i]):
        if doc[i].ent_type_ in TIME_LABELS or (doc[i].pos_ == "ADP" and not _joins(doc[i])):
            break
        i -= 1
    tokens = list(doc[i + 1 : end])
    while tokens and tokens[0].pos_ in ("ADP", "DET", "PART"):
        tokens = tokens[1:]
    if word == "at":
        tokens = _without_valuer(tokens)
    return tokens if any(t.pos_ in ("NOUN", "PROPN") for t in tokens) else []


def _joins(preposition: Token) -> bool:
    """A preposition inside the phrase a figure measures: "of", or "for" after a measure noun."""
    if preposition.lower_ == "of":
        return True
    before = preposition.nbor(-1) if preposition.i > 0 else None
    return (
        preposition.lower_ == "for"
        and before is not None
        and before.lemma_.lower() in MEASURE_NOUNS
    )


def _head_noun(tokens: Sequence[Token]) -> Token | None:
    """The head of the phrase a figure measures: its last noun before any "of" or "for"
    ("battery supply *chain*", "*phase* of investment", "*value* for the unit")."""
    before_of: list[Token] = []
    for t in tokens:
        if t.lower_ in ("of", "for") and before_of:
            break
        before_of.append(t)
    nouns = [t for t in before_of if t.pos_ in ("NOUN", "PROPN")]
    return nouns[-1] if nouns else None


def _is_price(span: Span, sentence: Span) -> bool:
    """ "... agreed to buy a 51% stake ... for $1.1 billion": the figure prices the deal."""
    doc = span.doc
    before = doc[span.start - 1] if span.start > sentence.start else None
    return (
        before is not None
        and before.lower_ == "for"
        and any(t.lemma_.lower() in TRANSACTION_LEMMAS for t in doc[sentence.start : span.start])
    )


def _measured(span: Span) -> dict[str, Any]:
    """What the words next to a money figure (or its range) say it measures."""
    sentence = span[0].sent
    after = _phrase_after(span, sentence)
    tokens = after or _phrase_before(span, sentence)
    head = _head_noun(tokens)
    return {
        "measures": display(tokens) if tokens else None,
        "measures_head": head.lemma_.lower() if head is not None else None,
        "measured_after": bool(after),
        "part": any(t.lemma_.lower() in PART_WORDS for t in tokens),
        "price": not tokens and _is_price(span, sentence),
    }


# --------------------------------------------------------------------------- the component


@Language.factory(FACTORY, assigns=["doc.spans", "span._.figure"])
def make_figure_reader(nlp: Language, name: str) -> FigureReader:
    return FigureReader()


class FigureReader:
    """Finds every figure of a Doc and writes it to `doc.spans["figures"]` with its data."""

    def __call__(self, doc: Doc) -> Doc:
        text = doc.text
        spans: list[Span] = []
        seen: set[tuple[int, int]] = set()
        for m in _matches(doc, text):
            if m.kind is None:
                continue  # a bare number: a count, a year, an age
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is None or not len(span) or (span.start_char, span.end_char) in seen:
                continue  # the data is keyed by the span's characters: one figure a span
            seen.add((span.start_char, span.end_char))
            data: dict[str, Any] = {
                "text": _display_text(m, text),
                "amount": m.amount,
                "kind": str(m.kind),
                "currency": m.currency,
                "unit": m.unit,
                "scale": m.scale,
                "per": m.per,
                "hedge": m.hedge,
                # offsets relative to the span, so they survive Doc.from_docs
                "at": [m.start - span.start_char, m.end - span.start_char],
                "range": [m.range_start - span.start_char, m.range_end - span.start_char],
                "other": m.other.amount if m.other is not None else None,
                "change": m.prefix_word,
                "range_text": _range_text(m, text) if m.other is not None else None,
                "measures": None,
                "measures_head": None,
                "measured_after": False,
                "part": False,
                "price": False,
            }
            if m.kind == FigureKind.MONEY:
                whole = doc.char_span(m.range_start, m.range_end, alignment_mode="expand")
                if whole is not None and len(whole):
                    data.update(_measured(whole))
            span._.set(EXTENSION, data)
            spans.append(span)
        doc.spans[SPANS_KEY] = spans
        return doc


if not Span.has_extension(EXTENSION):
    Span.set_extension(EXTENSION, default=None)


def figure_of(span: Span) -> Figure:
    """The typed figure of a span of `doc.spans["figures"]`."""
    d = span._.get(EXTENSION)
    base = span.start_char
    amount, other = d["amount"], d["other"]
    low, high = (None, None) if other is None else (min(amount, other), max(amount, other))
    hedge = d["hedge"]
    return Figure(
        text=d["text"],
        amount=amount,
        kind=FigureKind(d["kind"]),
        currency=d["currency"],
        unit=d["unit"],
        scale=d["scale"],
        per=d["per"],
        hedge=hedge,
        approximate=hedge in APPROXIMATE_HEDGES,
        low=low,
        high=high,
        start_char=base + d["at"][0],
        end_char=base + d["at"][1],
        range_start=base + d["range"][0],
        range_end=base + d["range"][1],
        measures=d["measures"],
        measures_head=d["measures_head"],
        measured_after=d["measured_after"],
        part=d["part"],
        change=d.get("change"),
        range_text=d.get("range_text"),
        price=d["price"],
    )


def _index(doc: Doc) -> tuple[list[int], list[Figure]]:
    """A Doc's figures sorted by start, and their starts."""
    figures = sorted(
        (figure_of(s) for s in doc.spans.get(SPANS_KEY, ())),
        key=lambda f: (f.start_char, f.end_char),
    )
    return [f.start_char for f in figures], figures


def figures_in(span: Span) -> list[Figure]:
    """The figures written inside `span` (a sentence), in text order."""
    starts, figures = once_per_doc(span.doc, "figures by start", _index)
    out = []
    for fig in figures[bisect_left(starts, span.start_char) :]:
        if fig.start_char >= span.end_char:
            break
        if fig.end_char <= span.end_char:
            out.append(fig)
    return out


# --------------------------------------------------------------------------- what a figure measures
#
# Read from a dependency parse of the figure's sentence (`briefgen.nlp.parse_syntax`).

NOUN_MODIFIER_DEPS = frozenset(("compound", "nmod", "amod", "nummod", "quantmod", "appos", "poss"))
VERB_ARG_DEPS = frozenset(("dobj", "attr", "oprd", "npadvmod", "advmod", "acomp"))
SUBJECT_DEPS = frozenset(("nsubj", "nsubjpass"))
NP_LEFT_DEPS = frozenset(("amod", "compound", "nmod", "npadvmod"))
NP_PREPS = frozenset(("of", "for", "in", "on", "into"))
PURPOSE_PREPS = frozenset(("for", "on", "into", "toward", "towards"))
ACTION_PREPS = frozenset(("in", "on", "for", "into", "to", "toward", "towards"))
MAX_REFERS_WORDS = 10


def _join(tokens: Iterable) -> str:
    toks = sorted(tokens, key=lambda t: t.i)
    out = []
    for tok, nxt in zip(toks, [*toks[1:], None], strict=False):
        out.append(tok.text)
        if nxt is not None:
            out.append(tok.whitespace_ if nxt.i == tok.i + 1 else " ")
    return "".join(out).strip()


def _pobj(prep, skip: set[int]):
    """The noun a preposition governs, looking through a figure ("of 40 kilotons of ore")."""
    obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
    if obj is not None and obj.i in skip:
        inner = [p for p in obj.rights if p.dep_ == "prep" and p.lower_ == "of"]
        obj = next((c for p in inner for c in p.children if c.dep_ == "pobj"), None)
    if obj is None or obj.i in skip or obj.pos_ not in ("NOUN", "PROPN"):
        return None
    return obj


def _inner_hyphen(tok) -> bool:
    """The hyphen inside a word ("electric-vehicle", "London-listed"), kept in a phrase."""
    if tok.text not in ("-", "‐", "‑") or tok.whitespace_ or tok.i == 0:
        return False
    return not tok.doc[tok.i - 1].whitespace_


def _noun_phrase(head, skip: set[int], depth: int = 0) -> str:
    """The head noun with its left modifiers and one prepositional tail; figures left out.

    The top level drops articles, possessives and puffery ("a landmark $500 million MoU" ->
    "memorandum of understanding"); nested phrases keep them ("phase of the project").
    """
    keep: list = []
    for child in head.lefts:
        if depth == 0 and child.dep_ not in NP_LEFT_DEPS:
            continue
        if depth == 0 and child.lower_ in PUFFERY:
            continue
        keep.extend(
            t
            for t in child.subtree
            if t.i not in skip and (not t.is_punct or _inner_hyphen(t)) and t.dep_ != "predet"
        )
    keep.append(head)
    first = min(keep, key=lambda t: t.i)
    text = _join(keep)
    if first.is_sent_start and first.pos_ != "PROPN" and not first.text.isupper():
        text = text[:1].lower() + text[1:]  # "Awards ranged..." -> "awards"
    if depth < 2:
        for child in head.rights:
            if child.dep_ == "prep" and child.lower_ in NP_PREPS:
                obj = _pobj(child, skip)
                if obj is not None:
                    text = f"{text} {child.lower_} {_noun_phrase(obj, skip, depth + 1)}"
                break
    words = text.split()
    return " ".join(words[:MAX_REFERS_WORDS])


def _is_people(tok) -> bool:
    return tok is not None and tok.lemma_.lower() in PEOPLE_NOUNS


def _glued_thing(people):
    """The noun the parser glued onto a group of people before a clause of theirs: "a project
    officials valued at $9bn" reads as the compound "project officials"."""
    return next(
        (
            c
            for c in people.lefts
            if c.dep_ in ("compound", "nmod") and _is_noun(c) and not _is_people(c)
        ),
        None,
    )


def _people_described(tok):
    """The people a noun describes: "people familiar with the matter" for "matter"."""
    prep = tok.head if tok.dep_ == "pobj" else None
    modifier = prep.head if prep is not None and prep.dep_ == "prep" else None
    if modifier is not None and modifier.dep_ in ("amod", "acl") and _is_people(modifier.head):
        return modifier.head
    return None


def _measured_noun(tok):
    """`tok`, unless it names the people who put a figure on something or report it: then the
    thing they valued ("project" in "a project officials valued at"), or None."""
    says = VALUING_VERBS | REPORTING_VERBS
    clause = next(
        (c for c in tok.children if c.dep_ in ("acl", "relcl") and c.lemma_.lower() in says), None
    )
    if clause is not None and not _is_people(tok):
        tok = _people_described(tok) or tok  # "people familiar with the matter valued at"
    if not _is_people(tok):
        return tok
    subject_of = tok.dep_ in SUBJECT_DEPS and tok.head.lemma_.lower() in says
    if clause is None and not subject_of:
        return tok
    glued = _glued_thing(tok)
    if glued is not None:
        return glued
    verb = tok.head if subject_of else None
    if verb is not None and verb.dep_ in ("acl", "relcl") and _is_noun(verb.head):
        return _measured_noun(verb.head)  # "the mine, which analysts valued at"
    return None


def _phrase(head, skip: set[int]) -> str | None:
    """The noun phrase of what a figure measures, headed by `head` or by the thing the people
    it names put a figure on."""
    head = _measured_noun(head)
    return _noun_phrase(head, skip) if head is not None else None


def _is_name(tok) -> bool:
    """A named thing: a proper noun, or a company form after one ("Lunga Copper plc")."""
    if tok.pos_ == "PROPN":
        return True
    return tok.lower_.rstrip(".") in COMPANY_FORMS and any(
        c.dep_ == "compound" and c.pos_ == "PROPN" for c in tok.lefts
    )


def _child(tok, deps: frozenset[str] | tuple[str, ...], skip: set[int]):
    return next((c for c in tok.children if c.dep_ in deps and c.i not in skip), None)


def _is_noun(tok) -> bool:
    return tok is not None and tok.pos_ in ("NOUN", "PROPN")


def _prep_tail(tokens, preps: frozenset[str], skip: set[int]):
    """The first (preposition, noun) among the right children of `tokens`."""
    for tok in tokens:
        for prep in tok.rights:  # "paid $3m to the farmers": the parser calls "to" a dative
            if prep.dep_ in ("prep", "dative") and prep.lower_ in preps:
                obj = _pobj(prep, skip)
                if obj is not None:
                    return prep, obj
    return None


def _from_verb(verb, via: str, root, kind: str, skip: set[int]) -> str | None:
    """What a figure attached to a verb, or to "worth", measures."""
    if verb.lower_ == "worth" or verb.pos_ == "ADJ":  # "a deal worth $5bn" / "it is worth $5bn"
        if _is_noun(verb.head) and verb.head != verb:
            return _phrase(verb.head, skip)
        if verb.head == verb:
            return None
        verb = verb.head
    subject = _child(verb, SUBJECT_DEPS, skip)
    if subject is None and verb.dep_ == "xcomp":  # "costs are expected to be $3bn"
        subject = _child(verb.head, SUBJECT_DEPS, skip)
    if subject is not None and subject.pos_ == "PRON":
        subject = None
    lemma = verb.lemma_.lower()
    if subject is not None and subject.dep_ == "nsubj" and lemma in VALUING_VERBS:
        # a person or a named body as the active subject of "value" is who values: "a mine
        # Barclays valued at $2bn"; "a stake sources put at $40m" is about the stake (the
        # parser may glue it onto the valuers). "The offer values X at $5bn" keeps the offer.
        if _is_people(subject):
            subject = _glued_thing(subject)
        elif subject.pos_ == "PROPN":
            subject = None
    obj = _child(verb, ("dobj",), skip)
    attached_to_noun = verb.dep_ in ("acl", "relcl") and _is_noun(verb.head)
    if via == "prep" and subject is not None and subject.dep_ == "nsubjpass":
        return _phrase(subject, skip)  # "the first phase is valued at", "stake was raised to"
    actions = MONEY_ACTIONS if kind == "money" else QUANTITY_ACTIONS
    if (
        lemma in LEVEL_VERBS
        and via not in SUBJECT_DEPS
        and not (via == "dobj" and lemma in actions)
    ):
        if _is_noun(obj):
            return _phrase(obj, skip)
        if subject is not None:
            return _phrase(subject, skip)
        return _phrase(verb.head, skip) if attached_to_noun else None
    if _is_noun(obj):  # "bought the stake for $5m"
        noun = actions.get(lemma)
        if noun and _is_name(obj):  # "buy Lunga Copper plc for $1bn": the purchase of it
            return f"{noun} of {_noun_phrase(obj, skip, 1)}"
        return _phrase(obj, skip)
    if attached_to_noun and subject is None:
        return _phrase(verb.head, skip)  # "a loan that was extended for $5m"
    noun = actions.get(lemma)
    if noun:
        tail = _prep_tail((verb, root), ACTION_PREPS, skip)
        if kind != "money":  # "produce 40 kilotons of copper" -> "production of copper"
            material = _prep_tail((root,), frozenset(("of",)), skip)
            tail = material or tail
        if tail:
            return f"{noun} {tail[0].lower_} {_noun_phrase(tail[1], skip, 1)}"
        return noun
    spent_on = _prep_tail((verb, root), frozenset(("in",)), skip)
    if spent_on and kind == "money":  # "approved Rs 3 billion in spending"
        return _phrase(spent_on[1], skip)
    purpose = _prep_tail((verb, root), PURPOSE_PREPS, skip)
    if purpose:  # "received $5m for the mine", "$5m will go toward the refinery"
        return _phrase(purpose[1], skip)
    return None


def refers_to(
    doc: Doc, start: int, end: int, kind: str, skip_spans: Sequence[tuple[int, int]] = ()
) -> str | None:
    """The noun phrase the figure at doc.text[start:end] measures, read from the parse.

    `skip_spans` are the other figures of the sentence, which never belong to the phrase.
    """
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    own = {t.i for t in span}
    skip = set(own)
    for s, e in skip_spans:
        other = doc.char_span(s, e, alignment_mode="expand")
        skip.update(t.i for t in other or ())
    roots = [t for t in span if t.head.i not in own or t.head == t]
    root = min(roots, key=lambda t: (len(list(t.ancestors)), t.i))
    found = _by_attachment(root, kind, skip)
    if found is None:  # "a plant with 10 gigawatt hours of annual capacity"
        tail = _prep_tail((root,), frozenset(("of",)), skip)
        found = _phrase(tail[1], skip) if tail else None
    return found


def _by_attachment(root, kind: str, skip: set[int]) -> str | None:
    """What a figure measures, read from where it hangs in the parse."""
    tok = root
    for _ in range(4):  # a few hops at most: figure -> preposition -> verb -> argument
        head, dep = tok.head, tok.dep_
        if head == tok:
            return None
        if dep == "conj" and head.pos_ in ("VERB", "AUX") and head.i not in skip:
            # "spend $300m on X, and a further $120m on Y": the parser hangs the second
            # figure on the verb; it is that verb's argument
            return _from_verb(head, "dobj", root, kind, skip)
        if dep == "conj":  # "$5m and $3m": the first conjunct carries the attachment
            skip.add(head.i)
            tok = head
            continue
        if dep in NOUN_MODIFIER_DEPS and _is_noun(head):
            return _phrase(head, skip)
        if dep == "pobj" and head.pos_ == "ADP":
            governor = head.head
            if _is_noun(governor) and head.lower_ in ("of", "worth", "at"):
                return _phrase(governor, skip)
            if governor.pos_ in ("VERB", "AUX", "ADJ") or governor.lower_ == "worth":
                return _from_verb(governor, "prep", root, kind, skip)
            if governor.pos_ == "ADV" or (governor.dep_ == "prep" and governor != head):
                tok = head if governor.dep_ == "prep" else governor  # "up from $1.2 million"
                continue
            return None
        if dep == "prep" and head.lower_ == "worth":
            return _from_verb(head, "prep", root, kind, skip)
        if head.pos_ in ("VERB", "AUX", "ADJ") and (dep in VERB_ARG_DEPS or dep in SUBJECT_DEPS):
            return _from_verb(head, dep, root, kind, skip)
        return None
    return None
