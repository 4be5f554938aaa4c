"""Open questions: what the sources do not settle, derived from the analysis of this event.

Four kinds, each raised only when the evidence for it is there:

- ``conflict``: sources disagree on a figure for the same thing, the day of signing, who signed
  (a signatory in one source is only a facilitator in another), or a person's name.
- ``thin-sourcing``: a headline figure that a minority of sources report, or that sources attach
  to different things (the whole deal or its first phase?).
- ``gap``: what a deal brief normally states and these sources leave out: binding status (for
  MoUs and other preliminary agreements), financing, where facilities go, timeline, approvals.
  Each is asked only when no sentence about the deal speaks to it.
- ``follow-through``: statements about the future ("will", "expected to", "currently choosing",
  "lays the groundwork for") turned into questions about whether and when they happen.

Every question names the parties, figures or places it is about, and its ``basis`` gives the
source ids and the evidence. Lists come out most important first, at most `MAX_QUESTIONS`.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from spacy.tokens import Span, Token

from briefgen.brief import Brief, OpenQuestion, Party
from briefgen.corpus import Sentence, sorted_sources, source_order
from briefgen.extract.context import (
    OTHER_TIME,
    ents,
    has_word,
    norm_name,
    norm_text,
    overlap,
    span_keys,
    stem,
    text_keys,
)

MAX_QUESTIONS = 8
MAX_CLAIMS = 3  # disagreeing figures named in one question
# Two questions sharing this much of the shorter one's content words ask the same thing.
SAME_QUESTION = 0.75
# Most questions any one kind may take, so one noisy signal cannot crowd out the others.
KIND_CAP = {"conflict": 3, "thin-sourcing": 2, "gap": 4, "follow-through": 3}

# Names for the agreement itself; the first group is preliminary (usually non-binding).
PRELIMINARY_TERMS: tuple[tuple[str, str], ...] = (
    (r"memorand(?:um|a) of understanding|mous?\b", "MoU"),
    (r"letters? of intent|lois?\b", "letter of intent"),
    (r"framework agreements?|cooperation frameworks?", "framework agreement"),
    (r"term sheets?|heads of terms|heads of agreement", "term sheet"),
    (r"agreements? in principle|preliminary agreements?", "preliminary agreement"),
)
DEAL_TERMS: tuple[tuple[str, str], ...] = (
    *PRELIMINARY_TERMS,
    (r"joint ventures?", "joint venture"),
    (r"contracts?\b", "contract"),
    (r"agreements?\b", "agreement"),
    (r"deals?\b", "deal"),
    (r"accords?\b|pacts?\b", "accord"),
    (r"partnerships?\b", "partnership"),
)
DEAL_HEADS = frozenset(
    {
        "memorandum",
        "mou",
        "agreement",
        "deal",
        "contract",
        "accord",
        "pact",
        "partnership",
        "framework",
        "venture",
        "transaction",
    }
)
SIGN_LEMMAS = frozenset({"sign", "ink", "strike", "seal", "conclude", "enter", "signing"})
FACILITATOR_CUES = re.compile(
    r"\b(?:facilitated|brokered|mediated|arranged|witnessed|overseen|hosted)\s+by\b"
    r"|\bin the presence of\b|\bwith the (?:help|support|facilitation) of\b",
    re.IGNORECASE,
)
SIGNING_WORDS = re.compile(r"\b(?:signed|signing|inked|struck|sealed|between)\b", re.IGNORECASE)
SIGNED_BY = re.compile(r"\b(?:signed|inked)\s+(?:on behalf of [^,]+,?\s+)?by\b", re.IGNORECASE)

# A sentence "speaks to" a gap when one of these matches (searched in every sentence that is not
# background).
BINDING_CUES = re.compile(
    r"\b(?:non-?binding|legally binding|binding|enforceable|definitive agreement|"
    r"final agreement|obligations?|not a contract|legally)\b",
    re.IGNORECASE,
)
FINANCE_WORDS = r"(?:financ\w*|fund\w*|pay\w*|invest\w*|loans?|lend\w*|equity|capital|bankroll\w*)"
FINANCE_STATED = re.compile(
    r"\b(?:funded|financed|paid|backed|underwritten|bankrolled|capitali[sz]ed)\s+by\b"
    r"|\b(?:will|to|would|shall|has agreed to)\s+(?:\w+\s+)?(?:fund|finance|pay|invest|lend|"
    r"provide|contribute|put up|bear)\b"
    r"|\b(?:loan|credit line|equity stake|grant)s?\s+(?:of|from)\b"
    r"|\bcost\w* will be (?:borne|shared|covered)\b",
    re.IGNORECASE,
)
FINANCE_MENTION = re.compile(rf"\b{FINANCE_WORDS}\b", re.IGNORECASE)
# Finance words that state no commitment: plans to explore, hopes to attract, opportunities.
HEDGED = re.compile(
    r"\b(?:explor\w*|hop\w*|seek\w*|aim\w*|attract\w*|opportunit\w*|could|may|might|potential|"
    r"willingness|interest(?:ed)? in)\b",
    re.IGNORECASE,
)
APPROVAL_CUES = re.compile(
    r"\b(?:approv\w*|regulat\w*|clearance|cleared|permits?|licen[cs]\w*|ratif\w*|"
    r"subject to|antitrust|competition (?:authority|commission)|parliament\w*|cabinet|"
    r"environmental impact|consent)\b",
    re.IGNORECASE,
)
SCHEDULE_CUES = re.compile(
    r"\b(?:timeline|timetable|schedule[ds]?|deadline|milestones|by (?:the end of |early |"
    r"mid-?|late )?(?:19|20)\d\d|within (?:\w+ )?(?:days|weeks|months|years)|"
    r"(?:first|second|third|fourth) quarter|next (?:year|month|week)|by (?:january|february|"
    r"march|april|may|june|july|august|september|october|november|december))\b",
    re.IGNORECASE,
)
# Dates that only schedule something when the sentence speaks of the future.
FUTURE_DATE = re.compile(
    r"\b(?:in|from|starting|until|through) (?:(?:early|mid|late)-? )?(?:(?:19|20)\d\d|"
    r"january|february|march|april|june|july|august|september|october|november|december)\b",
    re.IGNORECASE,
)
FACILITY_NOUNS = frozenset(
    {
        "refinery",
        "plant",
        "factory",
        "facility",
        "smelter",
        "mill",
        "hub",
        "terminal",
        "warehouse",
        "port",
        "laboratory",
        "centre",
        "center",
        "park",
        "zone",
        "pipeline",
    }
)
# "in the Atacama region", "near the port of Sines": a site even when NER misses the name.
PLACE_PHRASE = re.compile(
    r"\b(?:in|near|at|outside)\s+(?:the\s+)?(?:[A-Z][\w'’-]+\s+){1,3}(?:region|province|state|"
    r"district|county|city|town|valley|basin|prefecture|municipality|governorate|oblast|"
    r"industrial (?:park|zone)|special economic zone)\b"
    r"|\b(?:in|near|at)\s+(?:the\s+)?(?:city|town|port|province|region|state|district) of"
    r"\s+[A-Z]"
)
# Future statements worth following up, and the evaluative ones that are not.
FUTURE = re.compile(
    r"\b(?:will|shall)\b|\b(?:is|are|was|were)\s+(?:expected|set|scheduled|due|planned|"
    r"poised|slated|likely)\s+to\b|\b(?:plans?|planning|intends?|intending)\s+to\b"
    r"|\bcurrently\s+\w+ing\b|\b(?:lays?|laid|laying)\s+(?:the\s+)?groundwork\s+for\b"
    r"|\bpaves?\s+the\s+way\s+for\b|\bexpressed\s+(?:willingness|readiness|interest)\s+to\b",
    re.IGNORECASE,
)
EVALUATIVE_LEMMAS = frozenset(
    {
        "benefit",
        "help",
        "strengthen",
        "deepen",
        "unlock",
        "boost",
        "improve",
        "serve",
        "be",
        "make",
        "bring",
        "create",
        "contribute",
        "transform",
        "mark",
        "signal",
        "reflect",
        "show",
        "result",
        "prove",
        "remain",
        "focus",
        "cover",
        "include",
        "involve",
        "ensure",
        "prioritize",
        "prioritise",
        "emphasize",
        "emphasise",
        "continue",
    }
)
DROP_ADVERBS = frozenset({"now", "immediately", "soon", "also", "then", "currently", "quickly"})
PARTICIPLES = {
    "choose": "chosen",
    "select": "selected",
    "pick": "picked",
    "identify": "identified",
    "name": "named",
    "appoint": "appointed",
    "hire": "hired",
    "negotiate": "negotiated",
    "finalize": "finalized",
    "finalise": "finalised",
    "review": "reviewed",
    "evaluate": "evaluated",
    "draft": "drafted",
}
PRONOUNS = frozenset({"they", "it", "he", "she", "we", "this", "these", "those", "that"})
FINITE_TAGS = frozenset({"VBZ", "VBD", "VBP", "MD"})
# Passive futures that state the deal's terms ("will be financed by", "will be split"), not a
# step anyone must take.
TERMS_LEMMAS = frozenset(
    {
        "finance",
        "fund",
        "pay",
        "value",
        "price",
        "split",
        "share",
        "own",
        "hold",
        "base",
        "comprise",
    }
)
QUOTE_MARKS = re.compile(r"[“”\"]")
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
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


# --- small text helpers -------------------------------------------------------------------------


def a_an(word: str) -> str:
    """The indefinite article for a word, acronyms by their spoken first letter ("an MoU")."""
    if re.match(r"[A-Z]{2}|[A-Z][a-z]?[A-Z]", word):
        return "an" if word[0] in "AEFHILMNORSX" else "a"
    return "an" if word[:1].lower() in "aeiou" else "a"


def says(sources: Iterable[str]) -> str:
    return "says" if len(set(sources)) == 1 else "say"


def report(sources: Iterable[str]) -> str:
    return "reports" if len(set(sources)) == 1 else "report"


def ids(sources: Iterable[str], limit: int = 6) -> str:
    """Source ids for a question: all of a few, the first three and a count of many."""
    ordered = sorted_sources(sources)
    if len(ordered) <= limit:
        return ", ".join(ordered)
    return f"{', '.join(ordered[:3])} and {len(ordered) - 3} more"


def quote(text: str, max_words: int = 16) -> str:
    """A short quotation of a sentence: its first words, cut at a word boundary."""
    words = text.strip().rstrip(".").split()
    short = " ".join(words[:max_words])
    return f"“{short}{'…' if len(words) > max_words else ''}”"


def quote_around(text: str, pattern: re.Pattern[str] | str, width: int = 7) -> str:
    """A short quotation of the words around the first match of a pattern (or substring)."""
    if isinstance(pattern, str):
        at_char = text.find(pattern)
    else:
        m = pattern.search(text)
        at_char = m.start() if m else -1
    if at_char < 0:
        return quote(text, 2 * width)
    words = text.strip().rstrip(".").split()
    at = len(text[:at_char].split())
    start, end = max(0, at - width), min(len(words), at + width + 1)
    inner = " ".join(words[start:end])
    return f"“{'…' if start else ''}{inner}{'…' if end < len(words) else ''}”"


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


def display(span_or_tokens: Iterable[Token]) -> str:
    """Tokens as text, lower-casing common words so a phrase reads mid-sentence."""
    out = []
    for t in span_or_tokens:
        word = t.text if t.pos_ == "PROPN" or t.text.isupper() else t.text.lower()
        out.append(word + t.whitespace_)
    return "".join(out).strip()


def initials(name: str) -> str:
    return "".join(w[0] for w in re.findall(r"[A-Za-z][\w’'-]*", name) if w[0].isupper())


# --- what the event is: principals, the deal, the sentences about it ------------------------


@dataclass(frozen=True)
class Actor:
    name: str
    short: str  # acronym when the sources use one
    type: str
    forms: frozenset[str]  # normalised names and aliases
    sources: tuple[str, ...]
    role: str | None = None
    folded: frozenset[str] = frozenset()  # the forms with regional spellings folded
    initials: str = ""  # of the name: "Frontier Works Organisation" -> "FWO"


@dataclass
class Event:
    n_sources: int
    actors: list[Actor]  # every party, most important first
    principals: list[Actor]  # the organisations at the centre of the deal
    countries: list[Actor]  # places named by most sources (too broad to locate a facility)
    deal_noun: str | None  # "MoU", "agreement", ... (None: the event is not a deal)
    preliminary: bool
    deal_sources: list[str]  # sources that use that name
    relevant: list[Sentence]  # sentences about the deal (not background)
    current: list[Sentence]  # every sentence but background: where a gap must be silent
    sentences: list[Sentence]
    figures: list[Figure] = field(default_factory=list)

    @property
    def deal(self) -> str:
        """The deal as a question names it: "the A–B MoU"."""
        noun = self.deal_noun or "deal"
        signers = [a.short for a in self.principals[:2]]
        return f"the {'–'.join(signers)} {noun}" if len(signers) == 2 else f"the {noun}"

    @property
    def host(self) -> Actor | None:
        return self.countries[0] if self.countries else None

    def actor(self, text: str) -> Actor | None:
        return actor_for(self.actors, text)


def actor_for(actors: Sequence[Actor], text: str) -> Actor | None:
    """The party an entity mention refers to (by name, alias or acronym)."""
    name = norm_name(text)
    for a in actors:
        if name in a.forms:
            return a
    folded = regional(text)
    for a in actors:  # a spelling variant or acronym the parties stage did not record
        if folded in a.folded:
            return a
        if text.isupper() and len(text) > 1 and a.initials == text:
            return a
    return None


def actors_from(brief: Brief, sentences: Sequence[Sentence]) -> list[Actor]:
    parties: list[Party] = list(brief.parties) or fallback_parties(sentences)
    out = []
    for p in parties:
        forms = {norm_name(p.name), *(norm_name(a) for a in p.aliases)}
        acronyms = [a for a in (p.name, *p.aliases) if re.fullmatch(r"[A-Z][A-Z&.]{1,6}", a)]
        short = min(acronyms, key=len) if acronyms else p.name
        out.append(
            Actor(
                name=p.name,
                short=short,
                type=p.type,
                forms=frozenset(f for f in forms if f),
                sources=tuple(sorted_sources(p.sources)),
                role=p.role,
                folded=frozenset(regional(f) for f in forms if f),
                initials=initials(p.name),
            )
        )
    return out


def fallback_parties(sentences: Sequence[Sentence]) -> list[Party]:
    """Parties straight from entity mentions, when the parties stage gave none: spelling
    variants and acronyms folded into the long name, names of the agreement left out."""
    deal_word = re.compile(rf"(?:{'|'.join(p for p, _ in DEAL_TERMS)})", re.IGNORECASE)
    names: dict[str, list[str]] = {}
    labels: dict[str, str] = {}
    sources: dict[str, set[str]] = {}
    for s in sentences:
        for e in ents(s.span):
            name = norm_name(e.text)
            if e.label_ not in ("ORG", "GPE", "PERSON", "NORP") or not name:
                continue
            if deal_word.fullmatch(name):
                continue
            key = regional(e.text)
            surface = re.sub(r"^\W+|\W+$", "", e.text)
            names.setdefault(key, []).append(re.sub(r"^(?:the|The)\s+", "", surface))
            labels.setdefault(key, e.label_)
            sources.setdefault(key, set()).add(s.source_id)
    for key in sorted(names):
        forms = names[key]
        if len(key) > 6 or not forms[0].isupper():
            continue
        target = next(
            (k for k in sorted(names) if k != key and initials(names[k][0]) == forms[0]), None
        )
        if target is not None:
            names[target].extend(names.pop(key))
            sources[target] |= sources.pop(key)
    parties = []
    for key, forms in names.items():
        counts = Counter(forms)
        name = max(counts, key=lambda f: (counts[f], len(f), f))
        parties.append(
            Party(
                name,
                labels[key],
                sorted(set(forms)),
                None,
                len(forms),
                sorted_sources(sources[key]),
            )
        )
    return sorted(parties, key=lambda p: (-len(p.sources), -p.mentions, p.name))


def choose_principals(
    actors: Sequence[Actor], sentences: Sequence[Sentence], n_sources: int
) -> list[Actor]:
    """The parties the sources show signing, organisations first, most sources first; without
    signing sentences, organisations named by at least half the sources."""
    signed: dict[str, set[str]] = {}
    for s in sentences:
        for e in signing_roles(s)[0]:
            actor = actor_for(actors, e.text)
            if actor is not None:
                signed.setdefault(actor.name, set()).add(s.source_id)
    if signed:
        ranked = sorted(
            (a for a in actors if a.name in signed),
            key=lambda a: (a.type != "ORG", -len(signed[a.name]), actors.index(a)),
        )
        return ranked[:3]
    half = max(1, (n_sources + 1) // 2)
    orgs = [a for a in actors if a.type == "ORG" and len(a.sources) >= half]
    orgs.sort(
        key=lambda a: (
            0 if a.role and "signator" in a.role.lower() else 1,
            -len(a.sources),
            actors.index(a),
        )
    )
    return orgs[:3]


def deal_noun(sentences: Sequence[Sentence], n_sources: int) -> tuple[str | None, bool, list[str]]:
    """What the sources call the deal (preliminary forms win when half the sources use them),
    whether that form is preliminary, and the sources using it."""
    by_term: dict[str, set[str]] = {}
    for s in sentences:
        for pattern, label in DEAL_TERMS:
            if re.search(rf"\b(?:{pattern})", s.text, re.IGNORECASE):
                by_term.setdefault(label, set()).add(s.source_id)
    if not by_term:
        return None, False, []
    half = max(1, (n_sources + 1) // 2)
    preliminary = [label for _, label in PRELIMINARY_TERMS if len(by_term.get(label, ())) >= half]
    if preliminary:
        return preliminary[0], True, sorted_sources(by_term[preliminary[0]])
    best = max(by_term, key=lambda t: (len(by_term[t]), -[lbl for _, lbl in DEAL_TERMS].index(t)))
    if len(by_term[best]) < half:
        return None, False, []
    return best, False, sorted_sources(by_term[best])


def mentions(sentence: Sentence, actor: Actor, normalised: str | None = None) -> bool:
    """The sentence names the actor (`normalised`: the sentence's `norm_text`, if known)."""
    text = normalised if normalised is not None else norm_text(sentence.text)
    if any(len(f) > 2 and has_word(f, text) for f in actor.forms):
        return True
    return actor.short.isupper() and has_word(actor.short, sentence.text)


def refers_to_deal(sentence: Sentence, noun: str | None) -> bool:
    """A definite mention of the deal: "the MoU", "this agreement", "the partnership"."""
    if noun is None:
        return False
    return (
        re.search(
            r"\b(?:the|this|that)\s+(?:new\s+|landmark\s+|first\s+)?"
            r"(?:mou|memorandum|agreement|deal|partnership|contract|accord|collaboration|"
            r"joint venture|framework)\b",
            sentence.text,
            re.IGNORECASE,
        )
        is not None
    )


def about_the_deal(
    sentences: Sequence[Sentence],
    principals: Sequence[Actor],
    noun: str | None,
    background: set[str],
) -> list[Sentence]:
    """Sentences about the deal: they name a principal or "the agreement", or directly follow
    one that does (articles continue a topic: "The first phase is valued at $5m.")."""
    out: list[Sentence] = []
    previous: Sentence | None = None  # the last sentence that is directly about the deal
    for s in sentences:
        normalised = norm_text(s.text)
        names = any(mentions(s, p, normalised) for p in principals)
        elsewhere = OTHER_TIME.search(s.text) is not None and not names
        direct = (names or refers_to_deal(s, noun)) and normalised not in background
        follows = (
            previous is not None
            and previous.source_id == s.source_id
            and previous.index == s.index - 1
        )
        if normalised not in background and not elsewhere and (direct or follows):
            out.append(s)
        previous = s if direct and not elsewhere else None
    return out


def describe(brief: Brief, sentences: Sequence[Sentence]) -> Event:
    n = len(brief.sources) or len({s.source_id for s in sentences})
    actors = actors_from(brief, sentences)
    principals = choose_principals(actors, sentences, n)
    half = max(1, (n + 1) // 2)
    countries = [a for a in actors if a.type == "GPE" and len(a.sources) >= half]
    noun, preliminary, noun_sources = deal_noun(sentences, n)
    background = {norm_text(c.text) for c in brief.context}
    relevant = about_the_deal(sentences, principals, noun, background)
    # A gap is asked only if no sentence that could be about this event fills it, so the
    # silence test reads more than `relevant`: all but context items and other-time sentences.
    current = [
        s
        for s in sentences
        if norm_text(s.text) not in background
        and (not OTHER_TIME.search(s.text) or any(mentions(s, p) for p in principals))
    ]
    event = Event(
        n,
        actors,
        principals,
        countries,
        noun,
        preliminary,
        noun_sources,
        relevant,
        current,
        list(sentences),
    )
    event.figures = find_figures(event, brief)
    return event


# --- figures ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Mention:
    sentence: Sentence
    text: str  # the figure as written
    amount: float
    referent: str | None  # the noun phrase it measures, as written
    head: str | None  # its head noun's class: "deal" for any name of the agreement


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


def head_class(tokens: Sequence[Token]) -> str | None:
    nouns = [t for t in tokens if t.pos_ in ("NOUN", "PROPN")]
    if not nouns:
        return None
    head = stem(nouns[0].lemma_)
    return "deal" if nouns[0].lemma_.lower() in DEAL_HEADS else head


def is_word(t: Token) -> bool:
    return any(ch.isalnum() for ch in t.text)


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
    return tokens if any(t.pos_ in ("NOUN", "PROPN") for t in tokens) else []


def is_price(span: Span, sentence: Span) -> bool:
    """ "... agreed to buy a 51% stake ... for $1.1 billion": the figure prices the deal."""
    doc = span.doc
    before = doc[span.start - 1] if span.start > sentence.start else None
    return (
        before is not None
        and before.lower_ == "for"
        and any(t.lemma_.lower() in TRANSACTION_LEMMAS for t in doc[sentence.start : span.start])
    )


def money_mentions(sentences: Sequence[Sentence]) -> list[Mention]:
    out = []
    for s in sentences:
        for e in ents(s.span):
            if e.label_ != "MONEY":
                continue
            amount = amount_of(e.text)
            if amount is None:
                continue
            tokens = phrase_after(e, s.span) or phrase_before(e, s.span)
            if tokens:
                referent: str | None = display(tokens)
                head = head_class(tokens)
            elif is_price(e, s.span):
                referent, head = "deal", "deal"
            else:
                referent, head = None, None
            out.append(Mention(s, e.text, amount, referent, head))
    return out


def find_figures(event: Event, brief: Brief) -> list[Figure]:
    """Money figures with every sentence that states them and what each ties them to."""
    mentions = money_mentions(event.sentences)
    relevant = {id(s) for s in event.relevant}
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
        amounts: list[float] = []
        for m in mentions:
            if not any(same_amount(m.amount, a) for a in amounts):
                amounts.append(m.amount)
        for a in amounts:
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


# --- questions --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Candidate:
    kind: str
    priority: float
    text: str
    basis: str
    topic: str  # what it is about, so two questions on one thing are not both asked

    def question(self) -> OpenQuestion:
        return OpenQuestion(text=self.text, basis=self.basis, kind=self.kind)


def figure_label(fig: Figure) -> str:
    return re.sub(r"^(?:approximately|about|around|some|an estimated|nearly)\s+", "", fig.text)


def figure_questions(event: Event) -> list[Candidate]:
    """Thin sourcing of a headline figure, one figure tied to different things, and figures
    that disagree about the same thing."""
    conflicts, disputed = figure_conflicts(event)
    out: list[Candidate] = list(conflicts)
    key = sorted(
        (f for f in event.figures if f.key and not any(id(m) in disputed for m in f.mentions)),
        key=lambda f: (-len(f.sources), -f.amount, f.text),
    )
    n = event.n_sources
    for rank, fig in enumerate(key):
        label = figure_label(fig)
        by_head: dict[str, list[Mention]] = {}
        for m in fig.mentions:
            if m.head:
                by_head.setdefault(m.head, []).append(m)
        thin = n >= 3 and len(fig.sources) * 2 < n
        evidence = "; ".join(
            f"{m.sentence.source_id}: {quote_around(m.sentence.text, m.text, 6)}"
            for m in sample_mentions(fig.mentions)
        )
        coverage = f"{label} appears in {len(fig.sources)} of {n} sources ({ids(fig.sources)})"
        if len(by_head) >= 2:
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
                Candidate(
                    "thin-sourcing" if thin else "conflict",
                    93 - rank,
                    text,
                    f"{coverage}; {evidence}.",
                    f"figure:{label}",
                )
            )
        elif thin and rank == 0:
            what = fig.refers_to or next((m.referent for m in fig.mentions if m.referent), None)
            about = f" for the {what}" if what else ""
            out.append(
                Candidate(
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


def sample_mentions(mentions: Sequence[Mention], limit: int = 3) -> list[Mention]:
    """Evidence to quote: one mention per thing the figure is tied to, then the rest, in source
    order, at most `limit`."""
    ordered = sorted(mentions, key=lambda m: (source_order(m.sentence.source_id), m.sentence.index))
    firsts = [m for i, m in enumerate(ordered) if m.head not in {x.head for x in ordered[:i]}]
    rest = [m for m in ordered if m not in firsts]
    chosen = (firsts + rest)[:limit]
    return sorted(chosen, key=ordered.index)


def currency_mark(text: str) -> str:
    """The currency sign or word a money expression uses ("$", "rs", "eur"), "" if none."""
    m = re.search(
        r"[$€£¥₹]|\b(?:[A-Z]{3}|rs\.?|rupees?|euros?|pounds?|yuan|yen|dollars?)\b",
        text,
        re.IGNORECASE,
    )
    return m.group(0).lower().rstrip(".s") if m else ""


def figure_conflicts(event: Event) -> tuple[list[Candidate], set[int]]:
    """Different amounts (same currency) for the same thing, from different sources; and the
    ids of the mentions involved (their figures need no thin-sourcing question too)."""
    out: list[Candidate] = []
    disputed: set[int] = set()
    mentions = [m for f in event.figures if f.key for m in f.mentions if m.head]
    by_head: dict[tuple[str, str], list[Mention]] = {}
    for m in mentions:
        by_head.setdefault((m.head or "", currency_mark(m.text)), []).append(m)
    for (head, _), ms in sorted(by_head.items()):
        amounts: list[float] = []
        for m in ms:
            if not any(same_amount(m.amount, a) for a in amounts):
                amounts.append(m.amount)
        if len(amounts) < 2:
            continue
        groups = [[m for m in ms if same_amount(m.amount, a)] for a in amounts]
        # A range or a change ("from $2m to $3m") states both amounts in one sentence.
        sentence_sets = [{id(m.sentence) for m in g} for g in groups]
        if any(a & b for i, a in enumerate(sentence_sets) for b in sentence_sets[i + 1 :]):
            continue
        thing = event.deal if head == "deal" else f"the {ms[0].referent}"
        groups.sort(
            key=lambda g: (
                -len({m.sentence.source_id for m in g}),
                source_order(min((m.sentence.source_id for m in g), key=source_order)),
            )
        )
        if len(groups) > MAX_CLAIMS:
            groups = groups[:MAX_CLAIMS]  # the best-supported figures; the count says the rest
        groups.sort(key=lambda g: min(source_order(m.sentence.source_id) for m in g))
        claims = "; ".join(
            f"{ids(m.sentence.source_id for m in g)} {says(m.sentence.source_id for m in g)}"
            f" {g[0].text}"
            for g in groups
        )
        disputed |= {id(m) for m in ms}
        out.append(
            Candidate(
                "conflict",
                97,
                f"What is the value of {thing}? Sources disagree"
                + (f" ({len(amounts)} different figures)" if len(amounts) > MAX_CLAIMS else "")
                + f": {claims}.",
                "; ".join(
                    f"{m.sentence.source_id}: {quote_around(m.sentence.text, m.text, 6)}"
                    for m in sample_mentions(ms)
                )
                + ".",
                f"figure-conflict:{head}",
            )
        )
    return out, disputed


def part_of_longer_name(e: Span) -> bool:
    """A piece of a longer name: "Missouri-based", or a place NER split off a company name."""
    doc = e.doc
    if e.end >= len(doc):
        return False
    nxt = doc[e.end]
    if nxt.text in ("-", "–") and not e[-1].whitespace_:
        return True
    return e.label_ == "GPE" and nxt.text[:1].isupper() and not nxt.ent_type_ and nxt.is_alpha


def entities_in(tokens: Span, labels: tuple[str, ...] = ("ORG", "GPE", "PERSON")) -> list[Span]:
    """Named parties in a stretch of a sentence, without possessive modifiers ("Pakistan's
    FWO") or pieces of longer names."""
    out = []
    for e in ents(tokens):
        if e.label_ not in labels or part_of_longer_name(e):
            continue
        nxt = e.doc[e.end] if e.end < len(e.doc) else None
        if nxt is not None and nxt.text in ("’s", "'s", "’", "'"):
            continue
        out.append(e)
    return out


CLAUSE_BOUNDARY = frozenset({"that", "which", "who", "after", "before", "when", "while", ",", ";"})


def signing_roles(sentence: Sentence) -> tuple[list[Span], list[Span]]:
    """(signatories, facilitators) a sentence names for a signing it reports: "between A and
    B", "A and B signed", "signed ... with B"; "facilitated by C"."""
    span = sentence.span
    verbs = [t for t in span if t.lemma_.lower() in SIGN_LEMMAS]
    if not verbs:
        return [], []
    doc = span.doc
    facilitators: list[Span] = []
    for m in FACILITATOR_CUES.finditer(span.text):
        after = span.char_span(m.end(), len(span.text), alignment_mode="expand")
        if after is not None:
            facilitators.extend(entities_in(after)[:1])
    signatories: list[Span] = []
    verb = verbs[0]
    for t in doc[verb.i : span.end]:
        if t.lower_ == "between":
            rest = doc[t.i + 1 : span.end]
            orgs = [e for e in entities_in(rest) if e.label_ == "ORG"]
            signatories.extend(orgs[:3] if len(orgs) >= 2 else entities_in(rest)[:2])
            break
    if verb.pos_ == "VERB":  # "A and B signed"; not "... said: 'This signing ...'"
        start = span.start
        for t in doc[span.start : verb.i]:
            if t.lower_ in CLAUSE_BOUNDARY:
                start = t.i + 1
        signatories.extend(entities_in(doc[start : verb.i]))
    for t in doc[verb.i : span.end]:
        if t.lower_ == "with":
            signatories.extend(entities_in(doc[t.i + 1 : span.end])[:1])
            break
    facilitator_ids = {(e.start, e.end) for e in facilitators}
    signatories = [e for e in signatories if (e.start, e.end) not in facilitator_ids]
    return signatories, facilitators


def signatory_conflicts(event: Event) -> list[Candidate]:
    """A party that signs in some sources and only facilitates in others."""
    signs: dict[str, set[str]] = {}
    helps: dict[str, set[str]] = {}
    evidence: dict[tuple[str, str], Sentence] = {}
    names: dict[str, Actor] = {}
    for s in event.relevant:
        signers, facilitators = signing_roles(s)
        for role, named in (("signs", signers), ("helps", facilitators)):
            for e in named:
                actor = event.actor(e.text)
                if actor is None:
                    continue
                names[actor.name] = actor
                (signs if role == "signs" else helps).setdefault(actor.name, set()).add(s.source_id)
                evidence.setdefault((role, actor.name), s)
    out = []
    principal_names = {a.name for a in event.principals}
    for name in sorted(helps, key=lambda n: names[n].name):
        if name not in principal_names:
            continue  # the question is who signed the deal, asked about its central parties
        only_helps = helps[name] - signs.get(name, set())
        signing = signs.get(name, set()) - helps[name]
        if not only_helps or not signing:
            continue
        actor = names[name]
        helps_sentence = evidence[("helps", name)]
        other = [a.short for a in event.principals if a.name != name][:1]
        with_whom = f" with {other[0]}" if other else ""
        text = (
            f"Is {actor.name} ({actor.short}) a signatory of the {event.deal_noun or 'deal'}"
            f"{with_whom} or only its facilitator? {ids(signing)} {report(signing)} {actor.short}"
            " signing;"
            f" {ids(only_helps)} {says(only_helps)} it facilitated the agreement."
            if actor.short != actor.name
            else f"Is {actor.name} a signatory{with_whom} or only a facilitator? {ids(signing)}"
            f" {report(signing)} it signing; {ids(only_helps)} {says(only_helps)} it facilitated"
            " the agreement."
        )
        basis = (
            f"{helps_sentence.source_id}: {quote_around(helps_sentence.text, FACILITATOR_CUES)};"
            f" {evidence[('signs', name)].source_id}:"
            f" {quote_around(evidence[('signs', name)].text, SIGNING_WORDS)}."
        )
        out.append(Candidate("conflict", 95, text, basis, f"signatory:{name}"))
    return out


def signer_conflicts(event: Event) -> list[Candidate]:
    """Sources naming different people as the ones who signed ("signed by ...")."""
    by_person: dict[str, dict[str, Sentence]] = {}
    for s in event.relevant:
        for m in SIGNED_BY.finditer(s.text):
            after = s.text[m.end() :]
            person = next(
                (
                    e.text
                    for e in ents(s.span)
                    if e.label_ == "PERSON" and e.text in after[:80] and len(e.text.split()) > 1
                ),
                None,
            )
            if person:
                by_person.setdefault(person, {}).setdefault(s.source_id, s)
    if len(by_person) < 2:
        return []
    people = sorted(by_person, key=lambda p: (min(map(source_order, by_person[p])), p))
    sources = [set(by_person[p]) for p in people]
    if any(a & b for i, a in enumerate(sources) for b in sources[i + 1 :]):
        return []  # a source naming several signers lists them; nobody contradicts it
    claims = "; ".join(f"{ids(by_person[p])}: {p}" for p in people)
    basis = "; ".join(
        f"{src}: {quote(sent.text, 16)}" for p in people for src, sent in by_person[p].items()
    )
    return [
        Candidate(
            "conflict",
            88,
            f"Who signed {event.deal}? Sources name different signatories ({claims}); did"
            " each sign for a different party, or do the reports disagree?",
            basis + ".",
            "signers",
        )
    ]


def day_of(text: str) -> str | None:
    """A weekday or a month-and-day written in a date expression, normalised."""
    low = text.lower()
    for d in WEEKDAYS:
        if re.search(rf"\b{d}\b", low) and not re.search(r"\b(?:last|next|previous)\b", low):
            return d.capitalize()
    m = re.search(
        rf"\b({'|'.join(MONTHS)})\s+(\d{{1,2}})\b|\b(\d{{1,2}})\s+({'|'.join(MONTHS)})\b", low
    )
    if m:
        month = m.group(1) or m.group(4)
        day = m.group(2) or m.group(3)
        return f"{month.capitalize()} {int(day)}"
    return None


def date_conflicts(event: Event) -> list[Candidate]:
    """Sources that put the signing on different days."""
    days: dict[str, dict[str, Sentence]] = {}
    for s in event.relevant:
        if not any(t.lemma_.lower() in SIGN_LEMMAS for t in s.span):
            continue
        if not any(mentions(s, p) for p in event.principals) or QUOTE_MARKS.search(s.text):
            continue
        for e in ents(s.span):
            if e.label_ == "DATE" and (day := day_of(e.text)):
                days.setdefault(day, {}).setdefault(s.source_id, s)
    if len(days) < 2:
        return []
    by_source: dict[str, set[str]] = {}
    for day, srcs in days.items():
        for src in srcs:
            by_source.setdefault(src, set()).add(day)
    if any(len(v) > 1 for v in by_source.values()):
        return []  # one source naming two days describes two events, not a conflict
    ordered = sorted(days, key=lambda d: (-len(days[d]), min(map(source_order, days[d]))))
    claims = "; ".join(f"{ids(days[d])}: {d}" for d in ordered)
    basis = "; ".join(
        f"{src}: {quote(s.text, 14)}" for d in ordered for src, s in sorted(days[d].items())
    )
    return [
        Candidate(
            "conflict",
            90,
            f"On which day was {event.deal} signed? Sources differ ({claims}).",
            basis + ".",
            "date:signing",
        )
    ]


def regional(name: str) -> str:
    """A name with British/American spelling differences and punctuation folded away."""
    return " ".join(stem(w) for w in norm_name(name).split())


def name_conflicts(event: Event) -> list[Candidate]:
    """The same person's name spelled two ways (regional spellings of an organisation's name,
    Organisation/Organization, are style, not a conflict, and are not asked about)."""
    spellings: dict[str, dict[str, set[str]]] = {}
    for s in event.sentences:
        for e in ents(s.span):
            if e.label_ == "PERSON" and len(e.text.split()) >= 2:
                spellings.setdefault("PERSON", {}).setdefault(e.text, set()).add(s.source_id)
    out = []
    names = sorted(spellings.get("PERSON", {}))
    # Only names sharing their first or last word can be one name spelled twice; comparing
    # within those blocks keeps this linear-ish on hundreds of articles.
    blocks: dict[str, list[str]] = {}
    for name in names:
        words = name.lower().split()
        blocks.setdefault("first:" + words[0], []).append(name)
        blocks.setdefault("last:" + words[-1], []).append(name)
    pairs = sorted({(a, b) for block in blocks.values() for a in block for b in block if a < b})
    done: set[str] = set()
    for a, b in pairs:
        if a in done or b in done or norm_name(a) == norm_name(b):
            continue
        if len(a.split()) != len(b.split()):
            continue  # "Natalie Baker" and "Chargé d'Affaires Natalie Baker" are one name
        matcher = SequenceMatcher(None, a.lower(), b.lower())
        if matcher.quick_ratio() < 0.85 or matcher.ratio() < 0.85:
            continue
        src_a = spellings["PERSON"][a]
        src_b = spellings["PERSON"][b]
        if src_a & src_b:
            continue  # one source spelling both ways is a typo, not a disagreement
        done |= {a, b}
        if min(map(source_order, src_b)) < min(map(source_order, src_a)):
            a, b, src_a, src_b = b, a, src_b, src_a
        out.append(
            Candidate(
                "conflict",
                70,
                f"Which spelling of the name is correct: {a} ({ids(src_a)}) or {b} ({ids(src_b)})?",
                f"{a} in {ids(src_a)}; {b} in {ids(src_b)}.",
                f"name:{norm_name(a)}",
            )
        )
    return out


# --- gaps ---------------------------------------------------------------------------------------


def clause_with(text: str, pattern: re.Pattern[str]) -> str:
    """The clause (between ; and :) of a sentence where a pattern matches."""
    parts = [p.strip() for p in re.split(r"[;:]", text) if p.strip()]
    return next((p for p in parts if pattern.search(p)), text)


def silent_on(sentences: Iterable[Sentence], pattern: re.Pattern[str]) -> bool:
    return not any(pattern.search(s.text) for s in sentences)


def principals_list(event: Event) -> str:
    names = [a.short for a in event.principals[:2]]
    return " or ".join(names) if names else "the parties"


def headline_figure(event: Event) -> Figure | None:
    key = [f for f in event.figures if f.key]
    return max(key, key=lambda f: (len(f.sources), f.amount)) if key else None


def modifiers_before(token: Token, floor: int) -> int:
    """Start of the noun phrase ending at `token`: nouns, adjectives, names and hyphens, up to
    a capitalised word that is not a name (a list item's verb, a heading)."""
    doc = token.doc
    start = token.i
    while start > floor:
        prev = doc[start - 1]
        if prev.text == "-" and not prev.whitespace_ and start - 2 >= floor:
            start -= 1
            continue
        if prev.pos_ not in ("NOUN", "PROPN", "ADJ") or not is_word(prev):
            break
        if prev.text[:1].isupper() and not prev.ent_type_:
            break
        start -= 1
    return start


def facility_mentions(event: Event) -> list[tuple[str, Sentence]]:
    """Facilities the deal would create ("a poly-metallic refinery", "value-addition
    facilities"), with the sentence naming each."""
    out: list[tuple[str, Sentence]] = []
    for s in event.relevant:
        for t in s.span:
            if t.pos_ != "NOUN" or t.lemma_.lower() not in FACILITY_NOUNS:
                continue
            start = modifiers_before(t, s.span.start)
            phrase = display(t.doc[start : t.i + 1]).replace(" - ", "-")
            if not any(phrase == p for p, _ in out):
                out.append((phrase, s))
    return out


def specific_place(sentence: Sentence, event: Event) -> str | None:
    """A place in the sentence narrower than the countries every source names."""
    broad = {f for c in event.countries for f in c.forms}
    for e in ents(sentence.span):
        if e.label_ in ("GPE", "LOC", "FAC") and norm_name(e.text) not in broad:
            return e.text
    m = PLACE_PHRASE.search(sentence.text)
    return m.group(0) if m else None


def gap_questions(event: Event) -> list[Candidate]:
    if event.deal_noun is None:
        return []  # not a deal: the deal checklist does not apply
    out: list[Candidate] = []
    about = event.current
    about_sources = sorted_sources(s.source_id for s in about)
    n = event.n_sources
    deal = event.deal
    host = event.host.name if event.host else None

    if event.preliminary and silent_on(event.sentences, BINDING_CUES):
        out.append(
            Candidate(
                "gap",
                85,
                f"Is {deal} legally binding, and is a definitive agreement to follow? No source"
                f" states its status; {a_an(event.deal_noun)} {event.deal_noun} is usually"
                " non-binding.",
                f"{ids(event.deal_sources)} call it {a_an(event.deal_noun)} {event.deal_noun};"
                f" none of the {n} sources mentions binding terms,"
                " obligations or a definitive agreement.",
                "gap:binding",
            )
        )

    if not any(FINANCE_STATED.search(s.text) and not HEDGED.search(s.text) for s in about):
        fig = headline_figure(event)
        hedged = [s for s in about if FINANCE_MENTION.search(s.text) and HEDGED.search(s.text)]
        what = deal
        if fig is not None:
            phase = next((m.referent for m in fig.mentions if m.head not in (None, "deal")), None)
            what = f"the {figure_label(fig)} {phase}" if phase else f"the {figure_label(fig)}"
        only = (
            f" {hedged[0].source_id} mentions only"
            f" {quote_around(clause_with(hedged[0].text, FINANCE_MENTION), FINANCE_MENTION)}."
            if hedged
            else ""
        )
        out.append(
            Candidate(
                "gap",
                84,
                f"Who finances {what}: {principals_list(event)}, {host or 'the host government'}"
                f" or outside investors? No source names a funder.{only}",
                "No source says who funds, pays or invests"
                + (f"; value stated in {ids(fig.sources)}" if fig else "")
                + (
                    f"; financing is mentioned only as intent ({hedged[0].source_id})"
                    if hedged
                    else ""
                )
                + ".",
                "gap:financing",
            )
        )

    facilities = facility_mentions(event)
    if facilities and not any(specific_place(s, event) for _, s in facilities):
        names = " and ".join(p for p, _ in facilities[:2])
        srcs = sorted_sources(s.source_id for _, s in facilities)
        where = f" in {host}" if host else ""
        said = (
            f" Sources say only “in {host}”."
            if host and any(host.lower() in s.text.lower() for _, s in facilities)
            else " No source names a site."
        )
        out.append(
            Candidate(
                "gap",
                75,
                f"Where{where} would the {names} be built?{said}",
                f"Facilities named in {ids(srcs)}: "
                + "; ".join(f"{s.source_id}: {quote(s.text, 14)}" for _, s in facilities[:2])
                + "; no site, province or city given.",
                "gap:location",
            )
        )

    if not any(
        SCHEDULE_CUES.search(s.text) or (FUTURE.search(s.text) and FUTURE_DATE.search(s.text))
        for s in about
    ):
        items = [p for p, _ in facilities[:1]]
        fig = headline_figure(event)
        phase = None
        if fig is not None:
            phase = next((m.referent for m in fig.mentions if m.head not in (None, "deal")), None)
        if phase:
            items.insert(0, phase)
        immediate = [s for s in about if re.search(r"\bimmediately\b", s.text, re.IGNORECASE)]
        detail = f" for the {' and the '.join(items)}" if items else ""
        note = (
            f" {immediate[0].source_id} says only that it begins “immediately”."
            if immediate
            else ""
        )
        out.append(
            Candidate(
                "gap",
                72,
                f"What is the timetable for {deal}: dates and milestones{detail}? No source gives"
                f" a schedule.{note}",
                f"No sentence in {ids(about_sources)} gives a date, deadline or milestone"
                " after the signing.",
                "gap:timeline",
            )
        )

    if silent_on(about, APPROVAL_CUES):
        where = f" in {host}" if host else ""
        out.append(
            Candidate(
                "gap",
                60,
                f"Which approvals{where} does {deal} still need (government, regulators,"
                " licences), and have they been sought?",
                f"No sentence in {ids(about_sources)} mentions approval, permits,"
                " licences or regulators.",
                "gap:approvals",
            )
        )
    return out


# --- follow-through -------------------------------------------------------------------------


@dataclass(frozen=True)
class Promise:
    sentence: Sentence
    question: str
    keys: frozenset[str]
    firm: bool  # "will", "is expected to", "plans to" rather than willingness or groundwork


SOFT_CUES = re.compile(r"willingness|readiness|interest|groundwork|way for|currently", re.I)


CLAUSE_START = re.compile(r"(?:^|[,;:]\s+|\s(?:that|which|who)\s+)", re.IGNORECASE)


def subject_of(text: str, end: int, sentence: Sentence) -> str | None:
    """The words before `end` back to the clause start; None for a bare pronoun, nothing, or
    words holding a verb of their own (then "will" belongs to a clause we cannot isolate)."""
    before = text[:end]
    starts = [m.end() for m in CLAUSE_START.finditer(before)]
    subject = before[starts[-1] if starts else 0 :].strip()
    words = [w for w in subject.split() if w.lower() not in DROP_ADVERBS]
    if not words or (len(words) == 1 and words[0].lower() in PRONOUNS):
        return None
    if words[0].lower() in ("and", "but", "or", "as", "if", "while", "when", "although"):
        return None
    finite = {t.text for t in sentence.span if t.tag_ in FINITE_TAGS}
    if any(w in finite for w in words):
        # "The deal is subject to approval and is expected to close": the cue shares the
        # sentence's subject.
        return sentence_subject(sentence) if words[-1].lower() == "and" else None
    return " ".join(words)


def sentence_subject(sentence: Sentence) -> str | None:
    """The words before a sentence's first finite verb, when they look like a short subject."""
    words: list[str] = []
    for t in sentence.span:
        if t.tag_ in FINITE_TAGS:
            break
        if not t.is_space:
            words.append(t.text)
    if not words or len(words) > 8 or words[0].lower() in PRONOUNS or "," in words:
        return None
    return re.sub(r"\s+([’'],?s)\b", r"\1", " ".join(words))


def mid_sentence(phrase: str, sentence: Sentence) -> str:
    """Lower-case a phrase's first word unless the sentence parses it as a name or acronym."""
    first = phrase.split(maxsplit=1)[0] if phrase else ""
    token = next((t for t in sentence.span if t.text == first), None)
    if first.isupper() or (token is not None and token.pos_ == "PROPN" and token.ent_type_):
        return phrase
    return phrase[:1].lower() + phrase[1:]


def predicate(rest: str, max_items: int = 2, max_words: int = 22) -> str:
    """The words after a future cue, tidied: a list ("to: a; b; c") becomes "to a and b"."""
    rest = rest.strip().rstrip(".")
    words = rest.split()
    while words and words[0].lower().strip(",") in DROP_ADVERBS:
        words = words[1:]
    rest = " ".join(words)
    if ";" in rest:
        lead, _, items_text = rest.partition(":")
        items = [i.strip() for i in (items_text or lead).split(";") if i.strip()]
        items = [i[:1].lower() + i[1:] if not i[:2].isupper() else i for i in items]
        shown = items[:max_items]
        listed = " and ".join(shown) + ("…" if len(items) > max_items else "")
        rest = f"{lead.strip()} {listed}" if items_text else listed
    rest = rest.replace(" :", "").rstrip(":; ")
    rest = re.sub(
        r",\s*(?:producing|signaling|signalling|marking|which|with an emphasis)\b.*$", "", rest
    )
    # "..., the company said on Wednesday": attribution, not part of the plan.
    rest = re.sub(
        r",\s*(?:[^,]{0,60}?\s)?(?:said|says|told|added|noted|announced|according to)\b.*$",
        "",
        rest,
    )
    words = rest.split()
    return " ".join(words[:max_words]) + ("…" if len(words) > max_words else "")


def tag_of(word: str, sentence: Sentence) -> str:
    token = next((t for t in sentence.span if t.text == word), None)
    return token.tag_ if token is not None else ""


def lemma_of(word: str, sentence: Sentence) -> str:
    token = next((t for t in sentence.span if t.text == word), None)
    return token.lemma_.lower() if token is not None else word.lower()


def promise_question(sentence: Sentence) -> str | None:
    """Rewrite a sentence's statement about the future as a "when / whether" question."""
    text = sentence.text
    m = FUTURE.search(text)
    if m is None:
        return None
    cue = m.group(0).lower()
    rest = predicate(text[m.end() :])
    if not rest:
        return None
    if "groundwork" in cue or "way for" in cue:
        return f"Will {mid_sentence(rest, sentence)} go ahead, and when?"
    subject = subject_of(text, m.start(), sentence)
    if "currently" in cue:
        verb = cue.split()[-1]
        participle = PARTICIPLES.get(lemma_of(verb, sentence))
        obj = re.match(r"(?:a|an|the)\s+(\w+)(.*)$", rest)
        if participle is None or obj is None:
            return None
        return f"Which {obj.group(1)} will be {participle}{obj.group(2)}, and when?"
    if subject is None:
        return None
    subject = mid_sentence(subject, sentence)
    if any(w in cue for w in ("willingness", "readiness", "interest")):
        return f"Will {subject} act on their stated willingness to {rest}, and when?"
    verb, *after = rest.split()
    lemma = lemma_of(verb, sentence)
    passive = lemma == "be" and bool(after) and tag_of(after[0], sentence) == "VBN"
    if lemma in EVALUATIVE_LEMMAS and not passive:
        return None  # "will benefit both countries" is a forecast, not a plan to check
    if passive and lemma_of(after[0], sentence) in TERMS_LEMMAS:
        return None
    return f"When will {subject} {rest}?"


def follow_through(event: Event) -> list[Candidate]:
    promises: list[tuple[Promise, list[Sentence]]] = []
    pool = sorted(
        {id(s): s for s in [*event.relevant, *event.sentences]}.values(),
        key=lambda s: (source_order(s.source_id), s.index),
    )
    relevant = {id(s) for s in event.relevant}
    for s in pool:
        if QUOTE_MARKS.search(s.text):
            continue  # quoted hopes are rhetoric, not plans
        q = promise_question(s)
        if q is None:
            continue
        keys = frozenset(span_keys(s.span))
        for p, same in promises:
            if overlap(set(p.keys), set(keys)) >= 0.5:
                same.append(s)
                break
        else:
            cue = FUTURE.search(s.text)
            firm = cue is not None and not SOFT_CUES.search(cue.group(0))
            promises.append((Promise(s, q, keys, firm), [s]))
    out = []
    ranked = sorted(
        promises,
        key=lambda ps: (
            id(ps[0].sentence) not in relevant,
            not ps[0].firm,
            -len({s.source_id for s in ps[1]}),
            source_order(ps[0].sentence.source_id),
            ps[0].sentence.index,
        ),
    )
    for rank, (p, same) in enumerate(ranked):
        is_relevant = id(p.sentence) in relevant
        srcs = sorted_sources(s.source_id for s in same)
        basis = "; ".join(f"{s.source_id}: {quote_around(s.text, FUTURE)}" for s in same[:3])
        priority = (80 if rank == 0 else 66 - 3 * rank) if is_relevant else 45 - rank
        out.append(
            Candidate(
                "follow-through",
                priority,
                p.question,
                f"Announced as a future step, not reported done ({ids(srcs)}): {basis}.",
                f"promise:{norm_text(p.question)}",
            )
        )
    return out


# --- selection --------------------------------------------------------------------------------


def select(candidates: Sequence[Candidate]) -> list[Candidate]:
    """Best of each kind first (so every supported kind is asked), then by priority, capped."""
    ranked = sorted(candidates, key=lambda c: (-c.priority, c.kind, c.text))
    unique: list[Candidate] = []
    for c in ranked:
        keys = text_keys(c.text)
        if all(
            c.topic != u.topic and overlap(keys, text_keys(u.text)) < SAME_QUESTION for u in unique
        ):
            unique.append(c)
    chosen: list[Candidate] = []
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


def find_open_questions(brief: Brief, sentences: Sequence[Sentence]) -> list[OpenQuestion]:
    """3–8 questions the sources leave open, most important first (fewer when fewer hold)."""
    if not sentences:
        return []
    event = describe(brief, sentences)
    candidates = [
        *figure_questions(event),
        *signatory_conflicts(event),
        *signer_conflicts(event),
        *date_conflicts(event),
        *name_conflicts(event),
        *gap_questions(event),
        *follow_through(event),
    ]
    return [c.question() for c in select(candidates)]
