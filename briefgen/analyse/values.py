"""Money, percentages and quantities: normalised, tied to what they measure, merged across sources.

A figure is found by a regular grammar over the sentence text (spaCy's MONEY entities miss forms
such as "Rs 1,500-crore"), normalised to a number and an ISO 4217 code or a unit, and then read
in a dependency parse of its sentence to find the noun phrase it measures (`refers_to`). Only the
few sentences that hold a figure are parsed. The same figure (amount + currency or unit) reported
by several articles becomes one value carrying all their sources.
"""

from __future__ import annotations

import itertools
import logging
import re
import tomllib
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from importlib import resources

from briefgen.brief import Value
from briefgen.corpus import Sentence, doc_text, sorted_sources, source_order

log = logging.getLogger(__name__)

CURRENCY_FILE = "currencies.toml"

# Multipliers written after a number. Single letters only count when no letter follows ("$3m",
# "US$8.5bn"), which the figure pattern enforces.
SCALES: dict[str, int] = {
    "thousand": 10**3,
    "k": 10**3,
    "lakh": 10**5,
    "lakhs": 10**5,
    "lac": 10**5,
    "million": 10**6,
    "millions": 10**6,
    "mln": 10**6,
    "mn": 10**6,
    "m": 10**6,
    "crore": 10**7,
    "crores": 10**7,
    "cr": 10**7,
    "billion": 10**9,
    "billions": 10**9,
    "bln": 10**9,
    "bn": 10**9,
    "b": 10**9,
    "trillion": 10**12,
    "trn": 10**12,
    "tn": 10**12,
}

# Words that qualify a figure; they stay in `text` because they change what the figure claims.
HEDGES = (
    "approximately",
    "approx.",
    "about",
    "around",
    "roughly",
    "nearly",
    "almost",
    "some",
    "up to",
    "more than",
    "over",
    "at least",
    "at most",
    "less than",
    "under",
    "close to",
    "as much as",
    "as little as",
    "in excess of",
    "upwards of",
    "an estimated",
    "estimated",
    "just over",
    "just under",
    "well over",
    "no more than",
    "no less than",
    "an additional",
    "a further",
)

PERCENT_UNITS: dict[str, str] = {
    "%": "%",
    "percent": "%",
    "per cent": "%",
    "pct": "%",
    "percentage points": "percentage points",
    "percentage point": "percentage points",
}

# Quantity units: written form -> (canonical unit, factor to it). Distances are left out on
# purpose: in deal news they locate things ("50 km from the border") rather than size the deal.
QUANTITY_UNITS: dict[str, tuple[str, float]] = {
    "tonnes": ("t", 1),
    "tonne": ("t", 1),
    "tons": ("t", 1),
    "ton": ("t", 1),
    "metric tons": ("t", 1),
    "metric tonnes": ("t", 1),
    "kilotonnes": ("t", 1e3),
    "kilotonne": ("t", 1e3),
    "kilotons": ("t", 1e3),
    "kiloton": ("t", 1e3),
    "kt": ("t", 1e3),
    "megatonnes": ("t", 1e6),
    "megatons": ("t", 1e6),
    "Mt": ("t", 1e6),
    "kilograms": ("t", 1e-3),
    "kg": ("t", 1e-3),
    "tonnes per year": ("t/y", 1),
    "tonnes per annum": ("t/y", 1),
    "tonnes a year": ("t/y", 1),
    "tons per year": ("t/y", 1),
    "tons a year": ("t/y", 1),
    "tpa": ("t/y", 1),
    "ktpa": ("t/y", 1e3),
    "Mtpa": ("t/y", 1e6),
    "mtpa": ("t/y", 1e6),
    "troy ounces": ("oz", 1),
    "ounces": ("oz", 1),
    "oz": ("oz", 1),
    "koz": ("oz", 1e3),
    "Moz": ("oz", 1e6),
    "carats": ("ct", 1),
    "barrels per day": ("bbl/d", 1),
    "barrels a day": ("bbl/d", 1),
    "bpd": ("bbl/d", 1),
    "barrels": ("bbl", 1),
    "bbl": ("bbl", 1),
    "megawatts": ("MW", 1),
    "MW": ("MW", 1),
    "gigawatts": ("MW", 1e3),
    "GW": ("MW", 1e3),
    "MWh": ("MWh", 1),
    "megawatt hours": ("MWh", 1),
    "megawatt-hours": ("MWh", 1),
    "gigawatt hours": ("MWh", 1e3),
    "gigawatt-hours": ("MWh", 1e3),
    "terawatt hours": ("MWh", 1e6),
    "terawatt-hours": ("MWh", 1e6),
    "GWh": ("MWh", 1e3),
    "TWh": ("MWh", 1e6),
    "hectares": ("ha", 1),
    "ha": ("ha", 1),
    "acres": ("acre", 1),
    "square kilometres": ("km2", 1),
    "square kilometers": ("km2", 1),
    "sq km": ("km2", 1),
    "km2": ("km2", 1),
    "pounds of": ("lb", 1),  # mass only when followed by "of" ("2 million pounds of uranium")
    "lbs": ("lb", 1),
}

# "$9,850 a tonne", "$6 billion a year": what a figure is counted per (kept in text, and the
# same amount per year and in total are different values).
RATE_BASES = {
    "tonne": "tonne",
    "ton": "tonne",
    "metric ton": "tonne",
    "ounce": "ounce",
    "oz": "ounce",
    "barrel": "barrel",
    "share": "share",
    "pound": "pound",
    "kilogram": "kilogram",
    "kg": "kilogram",
    "carat": "carat",
    "year": "year",
    "annum": "year",
    "month": "month",
    "week": "week",
    "day": "day",
}

RANGE_JOIN = re.compile(r"^\s*(?:-|–|—|to|and)\s*$", re.IGNORECASE)
FROM_BEFORE = re.compile(r"\bfrom\s*$", re.IGNORECASE)
BETWEEN_BEFORE = re.compile(r"\bbetween\s*$", re.IGNORECASE)

# Verbs that state a level or a change of level: what they measure is their object if they have
# one ("cut tariffs from 29% to 19%"), else their subject ("X is valued at $5m", "shares rose 12%").
LEVEL_VERBS = frozenset(
    """be value worth cost total amount estimate price stand reach exceed top put peg range vary
    rise fall climb drop grow increase decrease jump surge slump decline gain lose hit cut reduce
    lower raise lift boost double halve set fix cap""".split()  # noqa: SIM905 (a word list)
)
# Verbs whose action a money figure measures, named as a noun so `refers_to` stays a noun phrase.
MONEY_ACTIONS = {
    "invest": "investment",
    "spend": "spending",
    "pay": "payment",
    "lend": "loan",
    "loan": "loan",
    "borrow": "borrowing",
    "raise": "fundraising",
    "fund": "funding",
    "finance": "financing",
    "pledge": "pledge",
    "commit": "commitment",
    "allocate": "allocation",
    "earmark": "allocation",
    "grant": "grant",
    "award": "award",
    "sell": "sale",
    "buy": "purchase",
    "purchase": "purchase",
    "acquire": "acquisition",
    "earn": "earnings",
    "save": "savings",
}
# The same for quantities ("will produce 2.5 million tonnes of copper").
QUANTITY_ACTIONS = {
    "produce": "production",
    "export": "exports",
    "import": "imports",
    "ship": "shipments",
    "supply": "supply",
    "sell": "sales",
    "mine": "mining",
    "extract": "extraction",
    "process": "processing",
    "refine": "refining",
    "recycle": "recycling",
    "store": "storage",
    "generate": "generation",
    "hold": "holdings",
    "consume": "consumption",
}
# Verbs by which someone puts a figure on something: their active subject is the valuer, never
# what is measured ("a mine analysts valued at $2bn").
VALUING_VERBS = frozenset(
    """value estimate put peg price assess appraise reckon calculate gauge figure forecast project
    predict""".split()  # noqa: SIM905 (a word list)
)
REPORTING_VERBS = frozenset(
    """say tell report claim state announce note add believe think expect
    describe""".split()  # noqa: SIM905 (a word list)
)
# People and groups of people who report or put a value on things; never what a figure measures.
PEOPLE_NOUNS = frozenset(
    """official analyst source people person executive banker expert observer investor trader
    economist insider diplomat spokesperson spokesman spokeswoman researcher critic lawmaker
    minister authority regulator broker consultant adviser advisor manager director
    representative negotiator""".split()  # noqa: SIM905 (a word list)
)
# Left modifiers that praise rather than describe ("a landmark $500 million deal").
PUFFERY = frozenset(
    "landmark historic major massive huge big mega record whopping hefty".split()  # noqa: SIM905
)
NOUN_MODIFIER_DEPS = frozenset(("compound", "nmod", "amod", "nummod", "quantmod", "appos", "poss"))
VERB_ARG_DEPS = frozenset(("dobj", "attr", "oprd", "npadvmod", "advmod", "acomp"))
SUBJECT_DEPS = frozenset(("nsubj", "nsubjpass"))
NP_LEFT_DEPS = frozenset(("amod", "compound", "nmod", "npadvmod"))
NP_PREPS = frozenset(("of", "for", "in", "on", "into"))
PURPOSE_PREPS = frozenset(("for", "on", "into", "toward", "towards"))
ACTION_PREPS = frozenset(("in", "on", "for", "into", "to", "toward", "towards"))
MAX_REFERS_WORDS = 10


@dataclass(frozen=True)
class Ambiguity:
    default: str
    hints: tuple[tuple[str, re.Pattern[str]], ...]  # (code, words that point to it)


@dataclass(frozen=True)
class Currencies:
    prefixes: dict[str, str]  # form -> ISO code, or "?" + form for an ambiguous form
    names: dict[str, str]  # lower-cased form -> ISO code or "?" + form
    ambiguous: dict[str, Ambiguity]


@dataclass
class Figure:
    """One number found in a sentence, before merging."""

    sentence: Sentence
    start: int  # char offsets in sentence.text, hedge included
    end: int
    number: Decimal
    scale: int | None
    prefix: str | None
    post: str | None  # currency name, percent form or quantity unit as written
    hedge: str | None
    currency: str | None = None
    kind: str | None = None  # money | percent | quantity; None = a bare number
    unit: str | None = None
    factor: float = 1.0
    range_start: int = -1  # char span of the range this figure belongs to (itself if none)
    range_end: int = -1
    prefix_word: str | None = None  # "from" in "from 29% to 19%"
    per: str | None = None  # "year" in "$6 billion a year"
    borrowed: bool = False  # currency, unit or multiplier taken from the other end of a range
    refers_to: str | None = None

    @property
    def amount(self) -> float:
        value = self.number * (self.scale or 1)
        result = float(value) * self.factor
        return int(result) if result == int(result) and abs(result) < 1e18 else result

    @property
    def text(self) -> str:
        return self.sentence.text[self.start : self.end]


# --------------------------------------------------------------------------- currency lexicon


@lru_cache(maxsize=1)
def currencies() -> Currencies:
    """The shipped currency lexicon (briefgen/data/currencies.toml)."""
    raw = tomllib.loads(resources.files("briefgen").joinpath("data", CURRENCY_FILE).read_text())
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


def _alternation(forms: Iterable[str]) -> str:
    # Longest first so "US$" wins over "$" and "per cent" over "per".
    return "|".join(re.escape(f) for f in sorted(set(forms), key=lambda f: (-len(f), f)))


@lru_cache(maxsize=1)
def figure_pattern() -> re.Pattern[str]:
    """Hedge? prefix? number scale? unit?; which parts make a figure is decided afterwards."""
    table = currencies()
    posts = [*table.names, *PERCENT_UNITS]
    number = r"\d{1,3}(?:,\d{2,3})+(?:\.\d+)?|\d+(?:\.\d+)?"
    return re.compile(
        rf"(?<![\w$€£¥₹.,])"
        rf"(?:(?P<hedge>(?i:{_alternation(HEDGES)}))\s+)?"
        rf"(?:(?P<prefix>{_alternation(table.prefixes)})\s?)?"
        rf"(?P<number>{number})(?!\d)"
        rf"(?:\s?-?\s?(?P<scale>(?i:{_alternation(SCALES)}))(?![\w$]))?"
        rf"(?:\s?(?P<unit>{_alternation(QUANTITY_UNITS)})(?!\w)"
        rf"|\s?(?P<post>(?i:{_alternation(posts)}))(?!\w))?"
        rf"(?:\s+(?:a|an|per)\s+(?P<per>{_alternation(RATE_BASES)})(?!\w))?"
    )


# --------------------------------------------------------------------------- finding figures


def _resolve_currency(form: str, sentence: Sentence, position: int) -> str:
    """An ambiguous form ("Rs", "rupees") resolved by the country words nearest to it."""
    ambiguity = currencies().ambiguous[form]
    best: tuple[int, str] | None = None
    for code, pattern in ambiguity.hints:
        for match in pattern.finditer(sentence.text):
            distance = abs(match.start() - position)
            if best is None or distance < best[0]:
                best = (distance, code)
    if best is not None:
        return best[1]
    article = doc_text(sentence.span.doc)
    counts = {code: len(pattern.findall(article)) for code, pattern in ambiguity.hints}
    top = max(counts.values(), default=0)
    if top:
        return next(code for code, _ in ambiguity.hints if counts[code] == top)
    return ambiguity.default


def _classify(fig: Figure) -> None:
    table = currencies()
    code: str | None = None
    if fig.prefix:
        code = table.prefixes[fig.prefix]
    elif fig.post and fig.post.lower() in table.names:
        code = table.names[fig.post.lower()]
    if code is not None:
        if code.startswith("?"):
            code = _resolve_currency(code[1:], fig.sentence, fig.start)
        fig.kind, fig.currency = "money", code
    elif fig.post and fig.post.lower() in PERCENT_UNITS:
        fig.kind, fig.unit = "percent", PERCENT_UNITS[fig.post.lower()]
    elif fig.unit is not None:
        unit, factor = QUANTITY_UNITS[fig.unit]
        fig.kind, fig.unit, fig.factor = "quantity", unit, factor


def figures_in(sentence: Sentence) -> list[Figure]:
    """Every money amount, percentage and quantity written in one sentence, ranges split."""
    found: list[Figure] = []
    for m in figure_pattern().finditer(sentence.text):
        scale = m.group("scale")
        unit = m.group("unit")
        end = m.end()
        if unit == "pounds of" and not m.group(
            "per"
        ):  # the "of" only decided the sense; it is not part of the figure
            end = m.start("unit") + len("pounds")
        fig = Figure(
            sentence=sentence,
            start=m.start(),
            end=end,
            number=Decimal(m.group("number").replace(",", "")),
            scale=SCALES[scale.lower()] if scale else None,
            prefix=m.group("prefix"),
            post=m.group("post"),
            hedge=m.group("hedge"),
            unit=unit,
            per=RATE_BASES[m.group("per")] if m.group("per") else None,
        )
        _classify(fig)
        found.append(fig)
    _link_ranges(found)
    return [f for f in found if f.kind is not None]


def _looks_like_year(fig: Figure) -> bool:
    raw = fig.sentence.text[fig.start : fig.end]
    return fig.scale is None and raw.isdigit() and 1800 <= int(raw) <= 2100


def _borrow(target: Figure, donor: Figure) -> None:
    target.kind, target.currency, target.unit, target.factor = (
        donor.kind,
        donor.currency,
        donor.unit,
        donor.factor,
    )
    target.borrowed = True


def _link_ranges(figs: list[Figure]) -> None:
    """ "$1.2 to 1.5 billion", "10-15%", "from 29% to 19%": share units, mark the range span."""
    for fig in figs:
        fig.range_start, fig.range_end = fig.start, fig.end
    for low, high in itertools.pairwise(figs):
        between = low.sentence.text[low.end : high.start]
        if not RANGE_JOIN.match(between):
            continue
        joiner = between.strip().lower()
        before = low.sentence.text[: low.start]
        if joiner == "and" and not BETWEEN_BEFORE.search(before):
            continue  # "a 51% stake and 3 seats" is no range
        if low.kind is None and high.kind is not None:
            if _looks_like_year(low):
                continue  # "in 2020 to 5%"
            _borrow(low, high)
        elif high.kind is None and low.kind is not None:
            if high.scale is None and joiner not in ("-", "–", "—"):
                continue  # "sold 5% to 3 investors"; but "$1.2 to 1.5 billion" is a range
            _borrow(high, low)
        elif low.kind is None or low.kind != high.kind or low.currency != high.currency:
            continue
        # One multiplier written for both ("$1.2-1.5 billion"), unless the numbers say otherwise
        # ("$900,000 to $1.2 million" has none to share).
        if low.scale is None and high.scale and low.number <= high.number:
            low.scale, low.borrowed = high.scale, True
        elif high.scale is None and low.scale and high.number >= low.number:
            high.scale, high.borrowed = low.scale, True
        start = low.range_start
        for fig in (low, high):
            fig.range_start, fig.range_end = start, high.end
        if joiner == "to" and FROM_BEFORE.search(before):
            low.prefix_word, high.prefix_word = "from", "to"


# --------------------------------------------------------------------------- what a figure measures


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


# Company forms the parser reads as common nouns heading a name ("Lunga Copper plc").
COMPANY_FORMS = frozenset("plc ltd inc llc corp co limited ag sa nv bv gmbh".split())  # noqa: SIM905


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


def refers_to(doc, start: int, end: int, kind: str, skip_spans: Sequence[tuple[int, int]] = ()):
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


# --------------------------------------------------------------------------- merging and output


def _figure_text(fig: Figure) -> str:
    # A range end that borrowed its currency or multiplier is shown as the whole range, so the
    # text never claims "$1.2" for 1.2 billion.
    if fig.borrowed:
        raw = fig.sentence.text[fig.range_start : fig.range_end]
        if BETWEEN_BEFORE.search(fig.sentence.text[: fig.range_start]):
            raw = "between " + raw
        return " ".join(raw.split())
    text = " ".join(fig.text.split())
    return f"{fig.prefix_word} {text}" if fig.prefix_word else text


def _pick_text(figs: Sequence[Figure]) -> str:
    """The most common wording; ties go to the longer (hedged) one, then the earliest."""
    counts = Counter(_figure_text(f) for f in figs)
    return min(counts, key=lambda t: (-counts[t], -len(t), t))


def _same_phrase(a: str, b: str) -> bool:
    wa, wb = set(a.lower().split()), set(b.lower().split())
    return wa <= wb or wb <= wa


def _pick_refers_to(figs: Sequence[Figure]) -> str | None:
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


def _position(fig: Figure) -> tuple[int, int, int]:
    return (source_order(fig.sentence.source_id), fig.sentence.index, fig.start)


def _merge(figs: Sequence[Figure]) -> list[Value]:
    groups: dict[tuple, list[Figure]] = {}
    for fig in sorted(figs, key=_position):
        key = (fig.kind, fig.currency or fig.unit, round(float(fig.amount), 6), fig.per)
        groups.setdefault(key, []).append(fig)
    values: list[tuple[tuple, Value]] = []
    for members in groups.values():
        first = members[0]
        sources = sorted_sources(f.sentence.source_id for f in members)
        value = Value(
            text=_pick_text(members),
            amount=first.amount,
            currency=first.currency,
            refers_to=_pick_refers_to(members),
            sources=sources,
            kind=first.kind or "money",
            unit=first.unit,
        )
        if first.kind == "money":
            order: tuple = (0, -len(sources), -float(first.amount), _position(first))
        else:
            order = (1, -len(sources), 0.0, _position(first))
        values.append((order, value))
    return [v for _, v in sorted(values, key=lambda pair: pair[0])]


def find_values(sentences: Sequence[Sentence], nlp) -> list[Value]:
    """Money (first), then percentages and quantities that something in the text is measured by.

    Money is always reported; a percentage or quantity only when the parse ties it to a noun
    phrase, because a bare "40%" with nothing it measures is noise in a brief.
    """
    figs = [fig for sentence in sentences for fig in figures_in(sentence)]
    if not figs:
        return []
    holders = sorted({id(f.sentence): f.sentence for f in figs}.values(), key=_sentence_key)
    docs = dict(
        zip((id(s) for s in holders), parse_sentences(nlp, [s.text for s in holders]), strict=True)
    )
    for fig in figs:
        others = [(f.start, f.end) for f in figs if f.sentence is fig.sentence]
        fig.refers_to = refers_to(
            docs[id(fig.sentence)], fig.range_start, fig.range_end, fig.kind or "money", others
        )
    kept = [f for f in figs if f.kind == "money" or f.refers_to]
    log.debug("values: %d figures found, %d kept", len(figs), len(kept))
    return _merge(kept)


def _sentence_key(sentence: Sentence) -> tuple[int, int]:
    return (source_order(sentence.source_id), sentence.index)


def parse_sentences(nlp, texts: Sequence[str]) -> list:
    """Dependency parses for the sentences that hold figures (the main pipeline has no parser)."""
    from briefgen.nlp import parse_syntax

    return parse_syntax(nlp, texts)
