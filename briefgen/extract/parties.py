"""Parties: who is involved, from spaCy's entities, cleaned, merged across articles, with roles.

1. Candidates per sentence: NER entities (ORG, GPE, PERSON, NORP); names the text defines with an
   acronym ("Frontier Works Organisation (FWO)"); names after a title that the statistical model
   missed ("Field Marshal Syed Asim Munir").
2. Clean: split at line breaks and bullets; strip articles, possessives and titles; join
   hyphenated names ("Mota-Engil"); split country pairs ("U.S.-Pakistan").
3. Reject junk: single generic or title words, common-noun acronyms ("memorandum of understanding
   (MoU)"), words that are not proper nouns, and names seen only in headings or site chrome.
4. Propagate: a multi-word name or acronym found once is a mention wherever its tokens recur.
5. Merge surface forms (union-find): spelling variants, country short forms, demonyms and
   capitals, acronyms, corporate suffixes, surnames.
6. Per party: type (vote, corrected by the words of the name), fullest name, role (a title from
   the text; "signatory" from a dependency parse of the few signing sentences), then order:
   signatories, officials, others, each by salience (sources x mentions).
"""

from __future__ import annotations

import logging
import re
import tomllib
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from itertools import pairwise

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from briefgen.brief import Party
from briefgen.corpus import Sentence, sorted_sources

log = logging.getLogger(__name__)

LABELS = ("ORG", "GPE", "PERSON", "NORP")
# On a tied vote the more specific reading wins: a name that is sometimes an ORG usually is one.
LABEL_PRIORITY = {"ORG": 0, "GPE": 1, "PERSON": 2, "NORP": 3}
MAX_NAME_TOKENS = 8  # longer "entities" are sentence fragments the model ran together

# --- word lists (lowercase, straight quotes). General English, never one event's names. --------

DETERMINERS = frozenset({"the", "a", "an", "this", "that", "these", "those"})
POSSESSIVES = frozenset({"'s", "'"})
BULLET_MARKS = frozenset({"•", "·", "*", "▪", "►", "‣", "◦"})
HYPHENS = frozenset({"-", "‐", "‑"})
# Small words allowed inside names and titles ("Bank of England", "Chief of the Army Staff").
CONNECTORS = frozenset(
    {
        "of", "and", "for", "the", "&", "de", "del", "du", "des", "la", "le", "da", "di", "y",
        "von", "van", "on",
    }
)  # fmt: skip
# Heads of titles: the word that makes a phrase a role ("Commerce Minister", "Chargé d'Affaires").
HEAD_TITLES = frozenset(
    {
        "president", "president-elect", "minister", "premier", "chancellor", "secretary",
        "secretary-general", "chief", "ambassador", "envoy", "consul", "chargé", "charge",
        "d'affaires", "director", "director-general", "chairman", "chairwoman", "chairperson",
        "ceo", "cfo", "coo", "cto", "governor", "mayor", "senator", "congressman",
        "congresswoman", "lawmaker", "marshal", "general", "admiral", "colonel", "brigadier",
        "captain", "lieutenant", "commander", "commissioner", "spokesperson", "spokesman",
        "spokeswoman", "adviser", "advisor", "counsellor", "counselor", "attaché", "attache",
        "king", "queen", "prince", "princess", "sheikh", "emir", "sultan", "pope", "judge",
        "justice", "prosecutor", "founder", "co-founder", "head", "leader", "speaker",
        "administrator", "superintendent", "inspector", "officer", "treasurer", "dean",
    }
)  # fmt: skip
# Words that qualify a title ("Acting Deputy ...", "Prime ...", "Field Marshal").
TITLE_MODIFIERS = frozenset(
    {
        "acting", "deputy", "vice", "senior", "former", "interim", "assistant", "associate",
        "executive", "prime", "foreign", "field", "first", "under", "special", "principal",
        "managing", "permanent", "high", "lord", "state", "federal", "provincial", "chief",
    }
)  # fmt: skip
HONORIFICS = frozenset(
    {"mr", "mrs", "ms", "miss", "mx", "dr", "sir", "dame", "prof", "professor", "rev", "hon"}
)
TITLE_WORDS = HEAD_TITLES | TITLE_MODIFIERS
# Capitalised words that are not names on their own ("House" of "Prime Minister's House").
GENERIC_WORDS = frozenset(
    {
        "house", "embassy", "consulate", "state", "states", "office", "ministry", "government",
        "department", "company", "group", "cabinet", "court", "parliament", "senate",
        "administration", "agency", "army", "navy", "police", "council", "committee",
        "commission", "bank", "university", "board", "mission", "post", "posts", "comment",
        "comments", "city", "province", "capital", "country", "nation", "federal", "national",
        "international", "global", "republic", "kingdom", "union", "organisation",
        "organization", "corporation", "authority", "institute", "centre", "center",
        "foundation", "association", "party", "people", "team", "staff", "news", "press",
        "media", "update", "report", "home", "page", "menu", "search", "share", "video",
        "photo", "related", "previous", "next", "advertisement", "more", "secretariat",
        "assembly", "division", "bureau", "unit", "service", "services", "project",
        "programme", "program", "plan", "initiative", "deal", "agreement", "memorandum",
        "accord", "treaty", "today", "world", "region", "market", "sector", "industry",
    }
)  # fmt: skip
# A name ending in one of these is an organisation whatever the model said ("Barrick Gold").
ORG_SUFFIXES = frozenset(
    {
        "gold", "metals", "metal", "mining", "mines", "minerals", "resources", "group",
        "corporation", "corp", "company", "co", "ltd", "limited", "inc", "incorporated", "plc",
        "llc", "llp", "gmbh", "ag", "sa", "nv", "bv", "spa", "holdings", "holding", "partners",
        "capital", "ventures", "industries", "enterprises", "technologies", "technology",
        "systems", "solutions", "energy", "petroleum", "oil", "gas", "steel", "motors",
        "airlines", "airways", "bank", "fund", "trust", "foundation", "institute",
        "university", "college", "school", "hospital", "organisation", "organization",
        "agency", "authority", "ministry", "department", "commission", "committee", "council",
        "cabinet", "board", "bureau", "office", "embassy", "consulate", "association",
        "federation", "alliance", "network", "party", "army", "navy", "force", "forces",
        "police", "parliament", "assembly", "senate", "court", "exchange", "administration",
        "secretariat", "logistics", "works", "mission", "programme", "program", "initiative",
    }
)  # fmt: skip
# ... or starting with one of these followed by "of" ("Ministry of Finance", "Bank of England").
ORG_HEADS = frozenset(
    {
        "ministry", "department", "bank", "university", "office", "embassy", "consulate",
        "institute", "commission", "council", "board", "bureau", "court", "house",
        "federation", "association", "organisation", "organization", "government", "college",
    }
)  # fmt: skip
# Organisations that are government bodies rank with officials.
GOVERNMENT_WORDS = frozenset(
    {
        "ministry", "department", "embassy", "consulate", "cabinet", "government",
        "parliament", "senate", "congress", "assembly", "commission", "agency", "office",
        "army", "navy", "police", "council", "secretariat", "administration", "court", "bureau",
    }
)  # fmt: skip
# Company-form endings that variants drop ("Mota-Engil Group" = "Mota-Engil").
CORPORATE_SUFFIXES = frozenset(
    {
        "group", "inc", "incorporated", "ltd", "limited", "corp", "corporation", "co",
        "company", "plc", "llc", "llp", "holdings", "holding", "gmbh", "ag", "sa", "nv", "bv",
    }
)  # fmt: skip
# Lines of site furniture: entities found only there are not parties.
CHROME = re.compile(
    r"^\s*(posted by|previous post|next post|related posts?|leave a (comment|reply)|"
    r"you may also like|read more|read next|share (this|on)|follow us|subscribe|advertisement|"
    r"sponsored|\d+\s+comments?|comments?\b|all rights reserved|copyright|sign up|newsletter|"
    r"click here|tags?:|filed under|most popular|trending|recommended)",
    re.IGNORECASE,
)
# One of these alone is never a name ("House" of "Prime Minister's House", "Chargé", "Metals").
LONE_NON_NAMES = TITLE_WORDS | GENERIC_WORDS | HONORIFICS | ORG_SUFFIXES
# Signing: these verbs make their subjects and "with"/"between" objects signatories.
SIGN_VERBS = frozenset({"sign", "ink", "seal", "countersign", "co-sign"})
# These do only when their object is an agreement ("struck an agreement", "entered into a deal").
DEAL_VERBS = frozenset({"strike", "enter", "conclude", "reach", "finalise", "finalize", "clinch"})
AGREEMENT_NOUNS = frozenset(
    {
        "agreement", "agreements", "deal", "deals", "accord", "accords", "pact", "pacts",
        "treaty", "treaties", "memorandum", "memoranda", "mou", "mous", "moa", "loi",
        "contract", "contracts", "partnership", "partnerships", "framework", "understanding",
        "alliance", "venture", "arrangement", "protocol", "declaration", "charter",
    }
)  # fmt: skip
# The parser costs 5-20 ms a sentence here; signatories recur across articles, so the first
# sentences with each distinct set of names find them (keeps big corpora bounded).
MAX_PARSED_SENTENCES = 150
PERSON_INSTITUTION_NOUNS = frozenset({"administration", "government", "campaign", "cabinet"})


# --- data --------------------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class Mention:
    """One occurrence of a name in a content sentence (char offsets in the article's Doc)."""

    text: str
    label: str
    sentence: Sentence
    start: int
    end: int
    origin: int = 1  # overlap priority: 0 acronym definition, 1 NER, 2 after a title, 3 propagated
    weak: bool = False  # in a heading or site-chrome line: kept only if the name is in body text
    adjectival: bool = False  # a demonym used as an adjective ("American security")

    @property
    def doc(self) -> Doc:
        return self.sentence.span.doc

    @property
    def position(self) -> tuple[int, int, int]:
        return (self.sentence.article_index, self.sentence.index, self.start)

    def overlaps(self, start: int, end: int) -> bool:
        return self.start < end and start < self.end


@dataclass(frozen=True)
class Countries:
    names: dict[str, str]  # key of a name or short form -> canonical name
    demonyms: dict[str, str]
    capitals: dict[str, str]
    max_words: int


# --- small helpers -----------------------------------------------------------------------------


def _quotes(text: str) -> str:
    return text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')


def _low(token: Token) -> str:
    return _quotes(token.lower_)


def _is_cap(token: Token) -> bool:
    text = token.text
    return text[:1].isupper() or bool(re.match(r"^[dl]['’][A-Z]", text))


def _is_break(token: Token) -> bool:
    return token.is_space or "\n" in token.text or token.text in BULLET_MARKS


def _looks_like_acronym(text: str) -> bool:
    """Acronym-shaped: short, starts upper-case, two capitals or more ("FWO", "U.S.", "MoU")."""
    return bool(re.fullmatch(r"[A-Z][A-Za-z&.]{0,9}", text)) and sum(c.isupper() for c in text) >= 2


def _acronym_letters(text: str) -> str:
    """The letters an acronym spells: "MoUs" -> "MOU", "U.S." -> "US", "REEs" -> "REE"."""
    letters = re.sub(r"[^A-Za-z]", "", text)
    if len(letters) > 2 and letters.endswith("s") and letters[-2].isupper():
        letters = letters[:-1]
    return letters.upper()


def _spelling(word: str) -> str:
    """British and American spellings to one key: organisation/organization, centre/center."""
    if len(word) > 5:
        word = re.sub(r"is(e|ed|es|ing|ation|ations)$", r"iz\1", word)
    if len(word) >= 6:
        word = re.sub(r"our(s?)$", r"or\1", word)
    if len(word) >= 5:
        word = re.sub(r"tre(s?)$", r"ter\1", word)
    word = re.sub(r"^(def|lic|off)ence$", r"\1ense", word)
    return {"programme": "program", "catalogue": "catalog"}.get(word, word)


def _plain_key(text: str) -> str:
    """Case, quotes, dots, hyphens and a leading article removed: "the U.S." -> "us"."""
    text = _quotes(text).casefold().replace("&", " and ").replace(".", "")
    text = re.sub(r"'s\b", "", text)
    text = re.sub(r"[-‐‑–—/,']", " ", text)
    text = re.sub(r"^(the|a|an)\s+", "", " ".join(text.split()))
    return text


@cache
def countries() -> Countries:
    """The country table shipped in briefgen/data/parties.toml."""
    data = tomllib.loads(
        resources.files("briefgen").joinpath("data/parties.toml").read_text(encoding="utf-8")
    )
    names: dict[str, str] = {}
    demonyms: dict[str, str] = {}
    capitals: dict[str, str] = {}
    for row in data["countries"]:
        name = row["name"]
        for form in [name, *row.get("forms", [])]:
            names[_plain_key(form)] = name
        for demonym in row.get("demonyms", []):
            demonyms[_plain_key(demonym)] = name
            if demonym[-1] in "aeioun" and not demonym.endswith("ese"):
                demonyms[_plain_key(demonym + "s")] = name  # "Pakistanis", "Americans"
        for capital in row.get("capitals", []):
            capitals[_plain_key(capital)] = name
    return Countries(names, demonyms, capitals, max(len(k.split()) for k in names))


def country_of(text: str) -> str | None:
    """The canonical country a name or short form denotes: "U.S." -> "United States"."""
    return countries().names.get(_plain_key(text))


def name_key(text: str) -> str:
    """The key under which two surface forms are the same name.

    Spelling variants, dots, quotes, hyphens and case are folded, and a country's short forms
    inside a name become the country ("U.S. Strategic Metals" = "United States Strategic Metals").
    """
    words = [_spelling(w) for w in _plain_key(text).split()]
    table = countries()
    out: list[str] = []
    i = 0
    while i < len(words):
        for n in range(min(table.max_words, len(words) - i), 0, -1):
            country = table.names.get(" ".join(words[i : i + n]))
            if country:
                out.append("<" + country.casefold().replace(" ", "_") + ">")
                i += n
                break
        else:
            out.append(words[i])
            i += 1
    return " ".join(out)


def _core_person_tokens(text: str) -> list[str]:
    """A person's name without leading titles or abbreviations: "CDA Baker" -> ["baker"]."""
    tokens = text.split()
    while len(tokens) > 1 and (
        _quotes(tokens[0]).casefold().rstrip(".") in TITLE_WORDS | HONORIFICS
        or (tokens[0].isupper() and len(tokens[0]) <= 4)
    ):
        tokens = tokens[1:]
    return [_quotes(t).casefold() for t in tokens]


_ORG_SUFFIX_KEYS = frozenset(_spelling(w) for w in ORG_SUFFIXES)
_ORG_HEAD_KEYS = frozenset(_spelling(w) for w in ORG_HEADS)


def _org_by_words(text: str) -> bool:
    """The words of the name say organisation: "Barrick Gold", "Ministry of Energy"."""
    words = [_spelling(w) for w in _plain_key(text).split()]
    if len(words) < 2:
        return False
    return words[-1] in _ORG_SUFFIX_KEYS or (words[0] in _ORG_HEAD_KEYS and words[1] == "of")


# --- 1-3: candidates, cleaning, junk -----------------------------------------------------------


def _line_of(text: str, char: int) -> str:
    start = text.rfind("\n", 0, char) + 1
    end = text.find("\n", char)
    return text[start : end if end != -1 else len(text)]


HEADING_SMALL_WORDS = CONNECTORS | {"a", "an", "at", "by", "in", "to", "with", "from", "vs", "or"}


def is_heading_line(line: str) -> bool:
    """A heading or site-chrome line: short, Title Case, no sentence punctuation; or chrome."""
    stripped = line.strip()
    if not stripped:
        return False
    if CHROME.match(stripped):
        return True
    if stripped[0] in BULLET_MARKS or stripped[0] in "-–—":  # a list item is content
        return False
    stripped = re.sub(r"^\d+[.)]\s+", "", stripped)  # "2. Logistics and Infrastructure"
    if not stripped or stripped[-1] in ".!?:;\"”'’)…":
        return False
    words = re.findall(r"[^\W\d_][\w'’.&-]*", stripped)
    if not words or len(words) > 12 or not words[0][0].isupper():
        return False
    return all(w[0].isupper() or w.lower() in HEADING_SMALL_WORDS for w in words)


def _mention(
    sentence: Sentence, start_tok: int, end_tok: int, label: str, origin: int, text: str
) -> Mention:
    """A mention over tokens [start_tok, end_tok); `text` is the article's text (Doc.text is
    rebuilt on every access, so callers compute it once)."""
    doc = sentence.span.doc
    start = doc[start_tok].idx
    end = doc[end_tok - 1].idx + len(doc[end_tok - 1].text)
    return Mention(
        text=" ".join(text[start:end].split()),
        label=label,
        sentence=sentence,
        start=start,
        end=end,
        origin=origin,
        weak=is_heading_line(_line_of(text, start)),
        adjectival=label == "NORP" and doc[end_tok - 1].tag_ == "JJ",
    )


def _word_units_before(doc: Doc, lower: int, i: int) -> list[tuple[int, int]]:
    """Words (token ranges; hyphenated words and possessives kept whole) that end before token i."""
    units: list[tuple[int, int]] = []
    j = i - 1
    while j >= lower and len(units) < 12:
        end = j + 1
        if _low(doc[j]) in POSSESSIVES and j > lower:  # "Prime Minister's Office"
            j -= 1
        tok = doc[j]
        if not (tok.is_alpha or re.fullmatch(r"[dl]['’]\w+|&|[A-Z](\.[A-Z])+\.?", tok.text)):
            break
        start = j
        while (  # "Mota-Engil", "Guinea-Bissau"
            start - 2 >= lower
            and doc[start - 1].text in HYPHENS
            and not doc[start - 1].whitespace_
            and not doc[start - 2].whitespace_
            and doc[start - 2].is_alpha
        ):
            start -= 2
        units.insert(0, (start, end))
        j = start - 1
    return units


def _initial_options(word: str) -> list[str]:
    """What a word may give an acronym: its initial, all its capitals ("US"), or the initials
    of its hyphenated parts."""
    options = [word[:1].upper()]
    letters = re.sub(r"[^A-Za-z]", "", word)
    if len(letters) > 1 and letters.isupper():
        options.append(letters)
    if "-" in word:
        options.append("".join(p[:1].upper() for p in word.split("-") if p))
    return options


def aligns(letters: str, words: Sequence[str]) -> bool:
    """Whether the words' initials spell `letters` (connectors may or may not contribute)."""

    @cache
    def go(i: int, j: int) -> bool:
        if j == len(words):
            return i == len(letters)
        word = words[j]
        if word.lower() in CONNECTORS and go(i, j + 1):
            return True
        return any(
            letters.startswith(option, i) and go(i + len(option), j + 1)
            for option in _initial_options(word)
        )

    return bool(words) and go(0, 0)


def spells_by_prefixes(alias: str, words: Sequence[str]) -> bool:
    """Whether word beginnings spell a syllabic short name: "Corporación Nacional del Cobre" ->
    "Codelco" (Co + del + co). The first word and at least one other must contribute."""
    target = alias.casefold()
    folded = [w.casefold() for w in words]

    @cache
    def go(i: int, j: int, used: int) -> bool:
        if j == len(folded):
            return i == len(target) and used >= 2
        word = folded[j]
        lowest = 1 if j == 0 else 0
        return any(
            target.startswith(word[:k], i) and go(i + k, j + 1, used + (k > 0))
            for k in range(len(word), lowest - 1, -1)
        )

    return bool(words) and go(0, 0, 0)


def _is_short_name(text: str) -> bool:
    """What a parenthesis after a name may hold: an acronym ("FWO") or one capitalised word
    that the name's word beginnings spell ("Codelco")."""
    return _looks_like_acronym(text) or bool(re.fullmatch(r"[A-Z][a-z]{2,11}", text))


def _expansion(doc: Doc, units: list[tuple[int, int]], short: str) -> list[tuple[int, int]]:
    """The shortest run of words before the parenthesis whose initials (or, for a one-word
    short name, word beginnings) spell the short name."""
    words = [re.sub(r"['’]s?$", "", doc[a:b].text) for a, b in units]
    for k in range(1, len(units) + 1):
        first = words[-k].lower()
        if first in CONNECTORS or first in DETERMINERS:
            continue
        if _looks_like_acronym(short):
            if aligns(_acronym_letters(short), words[-k:]):
                return units[-k:]
        elif spells_by_prefixes(short, words[-k:]):
            return units[-k:]
    return []


def _is_capitalised_word(word: str) -> bool:
    return word[:1].isupper() or bool(re.match(r"[dl]['’][A-Z]", word))


def acronym_definitions(sentence: Sentence) -> list[tuple[int, int, int, bool]]:
    """Acronyms the sentence defines: (expansion start, expansion end, acronym token, common).

    `common` marks an expansion that is not a name: lower case ("memorandum of understanding
    (MoU)") or only title words ("Chief Executive Officer (CEO)"); institution words make a
    name ("Prime Minister's Office (PMO)").
    """
    span, doc = sentence.span, sentence.span.doc
    found = []
    for tok in span:
        i = tok.i
        if tok.text != "(" or i + 2 >= span.end or doc[i + 2].text != ")":
            continue
        acronym = doc[i + 1].text
        if not _is_short_name(acronym):
            continue
        match = _expansion(doc, _word_units_before(doc, span.start, i), acronym)
        if not match:
            continue
        content = [doc[a:b].text for a, b in match if doc[a:b].text.lower() not in CONNECTORS]
        if all(_is_capitalised_word(w) for w in content):
            words = {re.sub(r"'s$", "", _quotes(w).casefold()) for w in content}
            common = words <= TITLE_WORDS | HONORIFICS
        elif all(w.islower() for w in content):
            common = True
        else:
            continue
        found.append((match[0][0], match[-1][1], i + 1, common))
    return found


def _definition_label(doc: Doc, last: int, acronym: int) -> str:
    for i in (last, acronym):
        label = doc[i].ent_type_
        if label in ("GPE", "LOC"):
            return "GPE"
        if label in ("ORG", "NORP"):
            return label
    return "ORG"  # a name defined with an acronym is almost always an organisation


def _pieces(doc: Doc, start: int, end: int) -> list[tuple[int, int]]:
    """An entity split at line breaks, bullets and parentheses ("Critical Minerals
    Development\\n • FWO")."""
    pieces = []
    current = start
    for i in range(start, end):
        tok = doc[i]
        after_newline = i > 0 and "\n" in doc[i - 1].text + doc[i - 1].whitespace_
        if (
            tok.is_space
            or "\n" in tok.text
            or tok.text in BULLET_MARKS
            or tok.text in "()[]"  # "Truth Social (FWO": the model ran over a parenthesis
            or (tok.text in "-–—" and after_newline)
        ):
            if current < i:
                pieces.append((current, i))
            current = i + 1
    if current < end:
        pieces.append((current, end))
    return pieces


def _strippable(tok: Token) -> bool:
    return (
        _low(tok) in DETERMINERS
        or _low(tok) in POSSESSIVES
        or tok.is_punct
        or tok.is_space
        or tok.text in BULLET_MARKS
    )


def _is_possessor_only(before: Span, after: Span) -> bool:
    """Whether "<before>'s <after>" names <after>, owned by a place or institution: a known
    place or a lone generic word before it, or one proper noun before a name of three or more
    words that ends like an organisation ("Mombasa's Coastal Harbour Development Organisation";
    "Moody's Investors Service" and "Prime Minister's Office" stay whole)."""
    text = before.text
    table = countries()
    return (
        country_of(text) is not None
        or _plain_key(text) in table.capitals
        or all(t.ent_type_ in ("GPE", "LOC") for t in before)
        or (len(before) == 1 and _low(before[0]) in GENERIC_WORDS)
        or (
            len(before) == 1
            and before[0].pos_ == "PROPN"
            and len(after) >= 3
            and _org_by_words(after.text)
        )
    )


def _clean_range(doc: Doc, start: int, end: int, label: str, limit: int) -> tuple[int, int] | None:
    """Strip articles, possessives, punctuation and titles; join a hyphenated continuation."""
    while start < end and _strippable(doc[start]):
        start += 1
    table = countries()
    whole_country = country_of(doc[start:end].text) is not None  # "People's Republic of China"
    for k in range(start + 1, end - 2):  # "Jammu's Frontier Works Organisation": a place's org
        if whole_country:
            break
        if _low(doc[k]) in POSSESSIVES and _is_possessor_only(doc[start:k], doc[k + 1 : end]):
            start = k + 1
            break
    if (  # "Local Bugis fishermen": a capitalised adjective only because it opens the sentence
        end - start > 1
        and (doc[start].is_sent_start or doc[start - 1].is_space)
        and doc[start].tag_ in ("JJ", "JJR", "JJS", "RB", "DT", "PDT")
        and _plain_key(doc[start].text) not in table.demonyms
        and country_of(doc[start].text) is None
    ):
        start += 1
    while end > start and (_low(doc[end - 1]) in POSSESSIVES or doc[end - 1].is_punct):
        end -= 1
    if label == "PERSON":  # "President Donald Trump" -> "Donald Trump" (the title is a role)
        while end - start > 1 and _low(doc[start]).rstrip(".") in TITLE_WORDS | HONORIFICS:
            start += 1
    if label in ("ORG", "PERSON"):  # "Embassy Acting", "US Chargé": ran into the next title
        while (
            end - start > 1
            and _low(doc[end - 1]) in TITLE_WORDS
            and _low(doc[end - 2]) not in CONNECTORS
        ):
            end -= 1
    if label in ("ORG", "PERSON"):  # "Mota" + "-Engil"
        while (
            end + 1 < limit
            and not doc[end - 1].whitespace_
            and doc[end].text in HYPHENS
            and not doc[end].whitespace_
            and doc[end + 1].is_alpha
            and _is_cap(doc[end + 1])
            and country_of(doc[end + 1].text) is None
        ):
            end += 2
    return (start, end) if start < end else None


def _split_country_pair(m: Mention) -> list[Mention]:
    """Countries the model ran together are each a mention: "U.S.-Pakistan" (one token to
    spaCy), "Pakistan and the United States"."""
    if m.label == "PERSON" or country_of(m.text):
        return [m]
    parts = re.split(r"(?<=[\w.])[-‐‑–](?=\w)|,? and (?:the )?|, (?:the )?", m.text)
    table = countries()
    if len(parts) < 2 or not all(country_of(p) or _plain_key(p) in table.demonyms for p in parts):
        return [m]
    out = []
    offset = 0
    for part in parts:
        at = m.text.find(part, offset)
        out.append(Mention(part, "GPE", m.sentence, m.start + at, m.start + at + len(part)))
        offset = at + len(part)
    return out


def _person_after_title(doc: Doc, start: int, end: int) -> tuple[int, int] | None:
    """The name in a span that opens with a title: "Chargé d'Affaires Laura Brent" -> "Laura
    Brent" (two or three proper nouns, no company words); None otherwise."""
    i = start
    while i < end and _is_cap(doc[i]) and _low(doc[i]).rstrip(".") in TITLE_WORDS | HONORIFICS:
        i += 1
    rest = doc[i:end]
    if i == start or not 2 <= len(rest) <= 3 or _org_by_words(rest.text):
        return None
    if all(t.is_alpha and _is_cap(t) and t.pos_ == "PROPN" for t in rest):
        return (i, end)
    return None


def _title_led_names(sentence: Sentence) -> list[tuple[int, int]]:
    """Names right after a title that NER missed: "Field Marshal Syed Asim Munir"."""
    span, doc = sentence.span, sentence.span.doc
    found = []
    for tok in span:
        if not (_is_cap(tok) and _low(tok) in HEAD_TITLES):
            continue
        j = tok.i + 1
        if j < span.end and doc[j].lower_ == "of":  # "Chief of Mission", "Secretary of State"
            j += 2 if j + 1 < span.end and doc[j + 1].lower_ == "the" else 1
            if not (j < span.end and _is_cap(doc[j])):
                continue
            j += 1
        start = j
        while (
            j < span.end
            and doc[j].is_alpha
            and _is_cap(doc[j])
            and doc[j].pos_ == "PROPN"
            and _low(doc[j]) not in TITLE_WORDS | HONORIFICS | GENERIC_WORDS
        ):
            j += 1
        longer = j < span.end and doc[j].is_alpha and _is_cap(doc[j])
        if 2 <= j - start <= 3 and not longer:
            found.append((start, j))
    return found


def _is_junk(m: Mention, common_acronyms: set[str]) -> bool:
    """Not a name: no letters, lower case, too long, chrome, a common-noun acronym, a lone
    generic or title word, or no proper noun in it ("• Identify")."""
    text = m.text
    if not any(c.isalpha() for c in text) or not _is_capitalised_word(text):
        return True
    span = m.doc.char_span(m.start, m.end, alignment_mode="expand")
    tokens = [t for t in span if not t.is_space] if span is not None else []
    if not tokens or len(tokens) > MAX_NAME_TOKENS or CHROME.match(text):
        return True
    if _looks_like_acronym(text) and _acronym_letters(text) in common_acronyms:
        return True
    content = [
        _low(t).rstrip(".")
        for t in tokens
        if not t.is_punct and _low(t) not in CONNECTORS and _low(t) not in POSSESSIVES
    ]
    if not content:
        return True
    if len(content) == 1 and content[0] in LONE_NON_NAMES:
        return True  # "House", "Chargé", "Metals"
    if all(w in TITLE_WORDS | HONORIFICS for w in content):
        return True
    return (
        m.label != "NORP"
        and country_of(text) is None
        and not _looks_like_acronym(text)
        and not any(t.pos_ == "PROPN" for t in tokens)
    )


def _without_overlaps(mentions: list[Mention]) -> list[Mention]:
    """Where candidates overlap, an acronym definition beats NER, which beats a title-led guess;
    then the longer wins."""
    kept: list[Mention] = []
    for m in sorted(mentions, key=lambda m: (m.origin, m.start - m.end, m.start)):
        if not any(k.overlaps(m.start, m.end) for k in kept):
            kept.append(m)
    return sorted(kept, key=lambda m: m.start)


def _sentence_candidates(
    sentence: Sentence, text: str
) -> tuple[list[Mention], list[tuple[str, str]]]:
    """Raw, cleaned candidates of one sentence, and the acronym pairs it defines."""
    span, doc = sentence.span, sentence.span.doc
    found: list[Mention] = []
    pairs: list[tuple[str, str]] = []
    for start, end, acronym, common in acronym_definitions(sentence):
        if common:
            continue
        label = _definition_label(doc, end - 1, acronym)
        expansion = _mention(sentence, start, end, label, 0, text)
        short = _mention(sentence, acronym, acronym + 1, label, 0, text)
        found += [expansion, short]
        pairs.append((short.text, expansion.text))
    for ent in span.ents:
        if ent.label_ not in LABELS:
            continue
        for a, b in _pieces(doc, ent.start, ent.end):
            cleaned = _clean_range(doc, a, b, ent.label_, span.end)
            if cleaned is None:
                continue
            a, b = cleaned
            label = ent.label_
            person = _person_after_title(doc, a, b)
            if person is not None and label != "PERSON":  # "Chargé d'Affaires Laura Brent"/ORG
                (a, b), label = person, "PERSON"
            nxt = doc[b] if b < span.end else None
            if label == "PERSON" and nxt is not None and nxt.text in PERSON_INSTITUTION_NOUNS:
                # "the Trump administration" is an organisation, not the person
                found.append(_mention(sentence, a, b + 1, "ORG", 1, text))
                continue
            found += _split_country_pair(_mention(sentence, a, b, label, 1, text))
    for a, b in _title_led_names(sentence):
        guess = _mention(sentence, a, b, "PERSON", 2, text)
        inside = [m for m in found if m.label == "PERSON" and a <= _token_range(m)[0]]
        if any(guess.start <= m.start and m.end <= guess.end for m in inside):
            guess = Mention(guess.text, "PERSON", sentence, guess.start, guess.end, 1, guess.weak)
        found.append(guess)  # completes a shorter PERSON span ("Boateng" of "Kofi Mensah Boateng")
    return found, pairs


# --- 4: propagation ----------------------------------------------------------------------------


def _token_key(m: Mention) -> tuple[str, ...] | None:
    span = m.doc.char_span(m.start, m.end)
    return tuple(t.text for t in span) if span is not None else None


def _proper_here(doc: Doc, i: int, limit: int) -> bool:
    """Whether a known one-word name at token i is used as a name here: a proper noun, an
    acronym, or a capitalised noun in subject position ("Trump took credit"; the tagger reads a
    sentence-initial "Trump" as the card-game noun)."""
    tok = doc[i]
    if tok.pos_ == "PROPN" or _looks_like_acronym(tok.text):
        return True
    nxt = doc[i + 1] if i + 1 < limit else None
    return tok.pos_ == "NOUN" and nxt is not None and nxt.pos_ in ("VERB", "AUX")


def _propagate(
    sentences: Sequence[Sentence],
    mentions: list[Mention],
    texts: dict[int, str],
    common: set[str],
) -> list[Mention]:
    """A name found once is a mention wherever its exact tokens recur ("Widodo said" after
    "Joko Widodo"); a one-word name only where the tagger reads a proper noun."""
    votes: dict[tuple[str, ...], Counter[str]] = defaultdict(Counter)
    surnames: dict[str, set[tuple[str, ...]]] = defaultdict(set)
    for m in mentions:
        key = _token_key(m)
        if key and m.label != "NORP":
            votes[key][m.label] += 1
            if m.label == "PERSON" and len(key) >= 2:
                surnames[key[-1]].add(key)
    for surname, names in surnames.items():
        if len(names) == 1 and (surname,) not in votes:  # unambiguous family names
            votes[(surname,)]["PERSON"] += 1
    if not votes:
        return mentions
    labels = {k: min(v, key=lambda lab: (-v[lab], LABEL_PRIORITY[lab])) for k, v in votes.items()}
    by_first: dict[str, list[tuple[str, ...]]] = defaultdict(list)  # longest first
    for key in sorted(labels, key=len, reverse=True):
        by_first[key[0]].append(key)
    by_sentence: dict[int, list[Mention]] = defaultdict(list)
    for m in mentions:
        by_sentence[id(m.sentence)].append(m)
    out: list[Mention] = []
    for sentence in sentences:
        existing = by_sentence.get(id(sentence), [])
        span, doc = sentence.span, sentence.span.doc
        words = [t.text for t in span]
        i = 0
        while i < len(words):
            step = 1
            for key in by_first.get(words[i], ()):
                n = len(key)
                if tuple(words[i : i + n]) != key:
                    continue
                a, b = span.start + i, span.start + i + n
                if n == 1 and not _proper_here(doc, a, span.end):
                    break
                after = doc[b] if b < span.end else None
                if (
                    after is not None
                    and after.is_alpha
                    and _is_cap(after)
                    and _low(after) not in TITLE_WORDS | HONORIFICS
                ):
                    break  # part of a longer name ("Rio Tinto Chief Executive" is not)
                new = _mention(sentence, a, b, labels[key], 3, texts[id(sentence.span.doc)])
                if _is_junk(new, common):  # a surname such as "Chargé" minted from a title
                    break
                clash = [m for m in existing if m.overlaps(new.start, new.end)]
                if all(new.start <= m.start and m.end <= new.end for m in clash) and not any(
                    (m.start, m.end) == (new.start, new.end) for m in clash
                ):
                    existing = [m for m in existing if m not in clash] + [new]
                    step = n
                break
            i += step
        out += sorted(existing, key=lambda m: m.start)
    return out


# --- 5: merging forms --------------------------------------------------------------------------


class _UnionFind:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:  # the earlier-seen form stays the root: deterministic
            self.parent[max(ra, rb)] = min(ra, rb)


def _form_label(text: str, mentions: Iterable[Mention]) -> str:
    """The label most mentions carry, corrected where the words of the name say otherwise."""
    votes = Counter(m.label for m in mentions)
    label = min(votes, key=lambda lab: (-votes[lab], LABEL_PRIORITY[lab]))
    if country_of(text):
        return "GPE"
    if label != "ORG" and _org_by_words(text):
        return "ORG"
    if label == "PERSON" and _looks_like_acronym(text):
        return "ORG"
    return label


def _stem(text: str) -> str | None:
    """A name without its company form or "of <country>" tail: "National Logistics Corporation
    of Pakistan" -> "national logistics"; None when nothing is dropped or nothing is left."""
    words = name_key(text).split()
    original = list(words)
    if len(words) >= 4 and words[-2] == "of" and words[-1].startswith("<"):
        words = words[:-2]
    while len(words) >= 2 and words[-1] in CORPORATE_SUFFIXES:  # "Holding Group", "Co Ltd"
        words = words[:-1]
    distinctive = [w for w in words if not w.startswith("<") and w not in GENERIC_WORDS]
    if words == original or not distinctive:
        return None
    return " ".join(words)


def _is_subsequence(short: list[str], long: list[str]) -> bool:
    it = iter(long)
    return all(word in it for word in short)


@dataclass
class _Merged:
    root: dict[int, int]  # form index -> cluster root
    short_forms: set[int]  # surnames and title+surname forms merged into a full name


def _merge(texts: list[str], labels: list[str], pairs: Iterable[tuple[str, str]]) -> _Merged:
    """Union the surface forms that name the same party."""
    n = len(texts)
    uf = _UnionFind(n)
    index = {t: i for i, t in enumerate(texts)}
    keys = [name_key(t) for t in texts]
    person = [lab == "PERSON" for lab in labels]

    same: dict[tuple[str, bool], int] = {}  # spelling and punctuation variants
    for i in range(n):
        uf.union(same.setdefault((keys[i], person[i]), i), i)

    for short, long in pairs:  # acronyms the text defines
        if short in index and long in index:
            uf.union(index[short], index[long])

    table = countries()  # country names and short forms; demonyms and capitals if named too
    anchor: dict[str, int] = {}
    for i in range(n):
        country = None if person[i] else country_of(texts[i])
        if country:
            uf.union(anchor.setdefault(country, i), i)
    for i in range(n):
        plain = _plain_key(texts[i])
        country = table.demonyms.get(plain)
        if country is None and labels[i] == "GPE":
            country = table.capitals.get(plain)
        if country in anchor and not person[i]:
            uf.union(anchor[country], i)

    # "Mota-Engil Group" = "Mota-Engil", even where the model took the short form for a person
    stems = {i: _stem(texts[i]) for i in range(n) if not person[i]}
    by_stem: dict[str, list[int]] = defaultdict(list)  # forms by key and by stem
    for j in range(n):
        by_stem[keys[j]].append(j)
        if stems.get(j):
            by_stem[str(stems[j])].append(j)
    for i, stem in stems.items():
        if stem is None:
            continue
        roots = {uf.find(j) for j in by_stem[stem] if j != i}
        roots.discard(uf.find(i))
        if len(roots) == 1:
            uf.union(i, roots.pop())

    by_initial: dict[str, list[int]] = defaultdict(list)  # multi-word names by first letter
    for j in range(n):
        words = [w for w in texts[j].split() if w.lower() not in CONNECTORS]
        if not person[j] and len(texts[j].split()) >= 2 and words:
            by_initial[words[0][0].upper()].append(j)
    sizes = Counter(uf.find(i) for i in range(n))
    for i in range(n):  # an acronym nobody defined, matching one name's initials
        if person[i] or not _looks_like_acronym(texts[i]) or country_of(texts[i]):
            continue
        if sizes[uf.find(i)] > 1:
            continue
        letters = _acronym_letters(texts[i])
        roots = {
            uf.find(j)
            for j in by_initial[letters[0]]
            if aligns(letters, [re.sub(r"['’]s$", "", w) for w in texts[j].split()])
        }
        if len(roots) == 1:
            uf.union(i, roots.pop())

    short_forms: set[int] = set()  # "Baker", "CDA Baker" -> "Natalie Baker" when unambiguous
    cores = {i: _core_person_tokens(texts[i]) for i in range(n) if person[i]}
    by_last: dict[str, list[int]] = defaultdict(list)
    for i, core in cores.items():
        by_last[core[-1]].append(i)
    sizes = Counter(uf.find(i) for i in range(n))
    for i in range(n):  # a surname the model called an ORG or GPE ("Pacheco added", "AMB Brent")
        core = _core_person_tokens(texts[i])
        if (
            not person[i]
            and sizes[uf.find(i)] == 1
            and len(core) == 1
            and not _looks_like_acronym(core[0])
            and not _org_by_words(texts[i])
            and _plain_key(core[0]) not in table.capitals | table.demonyms
            and country_of(core[0]) is None
        ):
            cores[i] = core
    for i in sorted(cores, key=lambda i: (len(cores[i]), i)):
        core = cores[i]
        roots = {
            uf.find(j)
            for j in by_last[core[-1]]
            if len(cores[j]) > len(core) and _is_subsequence(core, cores[j])
        }
        if not roots and len(core) == 1:  # family name first: "Xi" = "Xi Jinping"
            roots = {uf.find(j) for j in cores if len(cores[j]) > 1 and cores[j][0] == core[0]}
        if len(roots) == 1:
            uf.union(i, roots.pop())
            short_forms.add(i)
    return _Merged({i: uf.find(i) for i in range(n)}, short_forms)


# --- 6: roles ----------------------------------------------------------------------------------


def _token_range(m: Mention) -> tuple[int, int]:
    span = m.doc.char_span(m.start, m.end, alignment_mode="expand")
    assert span is not None  # offsets come from tokens
    return span.start, span.end


def _title_before(m: Mention, blocked: set[int]) -> str | None:
    """The title right before a name: "Chargé d'Affaires Natalie Baker", "Commerce Minister"."""
    doc, span = m.doc, m.sentence.span
    first, _ = _token_range(m)
    run: list[int] = []
    i = first - 1
    while i >= span.start and i not in blocked and not _is_break(doc[i]):
        low = _low(doc[i])
        if not (_is_cap(doc[i]) or low in CONNECTORS or low in TITLE_WORDS):
            break
        run.insert(0, i)
        i -= 1
    # Start at the first title word, or a word right before a head ("Commerce Minister");
    # skip what comes earlier ("Embassy Islamabad", "US").
    while run:
        low = _low(doc[run[0]])
        nxt = _low(doc[run[1]]) if len(run) > 1 else ""
        portfolio = (
            nxt in HEAD_TITLES
            and low not in CONNECTORS
            and country_of(doc[run[0]].text) is None
            and doc[run[0]].ent_type_ not in ("GPE", "NORP")
        )
        if low in TITLE_WORDS or portfolio:
            break
        run.pop(0)
    while run and _low(doc[run[-1]]) in CONNECTORS:
        run.pop()
    if not any(_low(doc[j]) in HEAD_TITLES for j in run):
        return None
    return doc[run[0] : run[-1] + 1].text


def _title_after(m: Mention) -> str | None:
    """An apposition: "Zach Harkenrider, the Acting Deputy Chief of Mission at ..."."""
    doc, span = m.doc, m.sentence.span
    _, j = _token_range(m)
    if j >= span.end or doc[j].text != ",":
        return None
    j += 1
    if j < span.end and doc[j].lower_ in ("the", "a", "an"):
        j += 1
    run: list[int] = []
    while j < span.end and len(run) < 10 and (doc[j].is_alpha or _is_cap(doc[j])):
        run.append(j)
        j += 1
    heads = [k for k, t in enumerate(run) if _low(doc[t]) in HEAD_TITLES]
    if not heads:
        return None
    h = heads[-1]
    for t in run[:h]:  # only title-like words before the head ("a company that hired ..." is not)
        if not (_low(doc[t]) in TITLE_WORDS or _is_cap(doc[t]) or doc[t].pos_ in ("NOUN", "ADJ")):
            return None
    end = h + 1
    if end + 1 < len(run) and doc[run[end]].lower_ == "of":  # "Chief of Mission"
        k = end + 1
        if doc[run[k]].lower_ == "the":
            k += 1
        if k < len(run) and _is_cap(doc[run[k]]):
            end = k + 1
            while end < len(run) and _is_cap(doc[run[end]]):
                end += 1
    return doc[run[0] : run[end - 1] + 1].text


def _pick_title(titles: list[str]) -> str | None:
    """The title the sources use most; then the longer; then the first seen."""
    if not titles:
        return None
    counts = Counter(_quotes(t).casefold() for t in titles)
    best = min(
        range(len(titles)),
        key=lambda i: (-counts[_quotes(titles[i]).casefold()], -len(titles[i]), i),
    )
    return titles[best]


def _signing_sentences(sentences: Sequence[Sentence]) -> list[Sentence]:
    """The few sentences worth a dependency parse: a signing verb or "agreement with/between"."""
    out = []
    for s in sentences:
        tokens = list(s.span)
        lows = [_low(t) for t in tokens]
        agreement = any(w in AGREEMENT_NOUNS for w in lows)
        signs = any(t.pos_ == "VERB" and t.lemma_.lower() in SIGN_VERBS for t in tokens)
        deals = agreement and any(t.lemma_.lower() in DEAL_VERBS for t in tokens)
        nominal = any(a in AGREEMENT_NOUNS and b in ("between", "with") for a, b in pairwise(lows))
        if signs or deals or nominal:
            out.append(s)
    return out


def _objects_of(token: Token, preps: tuple[str, ...]) -> list[Token]:
    return [
        obj
        for prep in token.children
        if prep.dep_ == "prep" and prep.lower_ in preps
        for obj in prep.children
        if obj.dep_ == "pobj"
    ]


def _agreements_of(verb: Token) -> list[Token]:
    """The agreement a verb takes: "struck an agreement", "entered into a partnership"."""
    objs = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass", "attr")]
    objs += _objects_of(verb, ("into",))
    return [o for o in objs if _low(o) in AGREEMENT_NOUNS]


def signatory_tokens(doc: Doc) -> list[Token]:
    """Heads of the parties to a signing in a parsed sentence: subjects and agents of signing
    verbs, their "with"/"between" objects, and the partners of agreement nouns ("MoU with X")."""
    heads: list[Token] = []
    for tok in doc:
        lemma = tok.lemma_.lower()
        signing = tok.pos_ == "VERB" and (
            lemma in SIGN_VERBS or (lemma in DEAL_VERBS and _agreements_of(tok))
        )
        if signing:
            heads += [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass", "dobj")]
            heads += [o for c in tok.children if c.dep_ == "agent" for o in c.children]
            heads += _objects_of(tok, ("with", "between"))
            for agreement in _agreements_of(tok):
                heads += _objects_of(agreement, ("with", "between"))
        elif _low(tok) in AGREEMENT_NOUNS:
            heads += _objects_of(tok, ("with", "between"))
    if any(t.pos_ == "VERB" and t.lemma_.lower() in SIGN_VERBS for t in doc):
        # "inked at the House on Monday between X and Y": the parser may hang "between" anywhere
        heads += [o for t in doc if t.lower_ == "between" for o in t.children if o.dep_ == "pobj"]
    out: list[Token] = []
    for head in heads:
        out += [head, *head.conjuncts]
    return out


def _signatories(
    sentences: Sequence[Sentence], mentions: list[Mention], nlp: Language | None
) -> set[Mention]:
    """Mentions that are parties to a signing, from a dependency parse of the signing sentences."""
    by_sentence: dict[int, list[Mention]] = defaultdict(list)
    for m in mentions:
        by_sentence[id(m.sentence)].append(m)
    chosen: list[Sentence] = []
    seen: set[frozenset[str]] = set()  # one sentence per set of names: rewordings add nothing
    for s in _signing_sentences(sentences):
        names = frozenset(name_key(m.text) for m in by_sentence[id(s)])
        if names and names not in seen and len(chosen) < MAX_PARSED_SENTENCES:
            seen.add(names)
            chosen.append(s)
    if not chosen:
        return set()
    if nlp is None or "parser" not in nlp.component_names:
        log.warning("no dependency parser in the pipeline: signatories not identified")
        return set()
    from briefgen.nlp import parse_syntax

    found: set[Mention] = set()
    unique = list(dict.fromkeys(s.span.text for s in chosen))  # syndicated copies parse once
    # Entities are not read from these parses; without NER the same parses cost less than half.
    skip = [pipe for pipe in ("ner",) if pipe in nlp.pipe_names]
    with nlp.select_pipes(disable=skip):
        parsed = dict(zip(unique, parse_syntax(nlp, unique), strict=True))
    for sentence in chosen:
        doc = parsed[sentence.span.text]
        for tok in signatory_tokens(doc):
            at = sentence.span.start_char + tok.idx
            found.update(m for m in by_sentence[id(sentence)] if m.start <= at < m.end)
    return found


# --- putting it together -----------------------------------------------------------------------


def find_mentions(sentences: Sequence[Sentence]) -> tuple[list[Mention], list[tuple[str, str]]]:
    """Every clean party mention in the sentences, and the acronym pairs the text defines."""
    common: set[str] = set()
    for s in sentences:
        for _, _, acronym, is_common in acronym_definitions(s):
            if is_common:
                common.add(_acronym_letters(s.span.doc[acronym].text))
    texts: dict[int, str] = {}  # Doc.text is rebuilt on each access: once per Doc (by id)
    for s in sentences:
        if id(s.span.doc) not in texts:
            texts[id(s.span.doc)] = s.span.doc.text
    mentions: list[Mention] = []
    pairs: list[tuple[str, str]] = []
    for s in sentences:
        found, defined = _sentence_candidates(s, texts[id(s.span.doc)])
        mentions += _without_overlaps([m for m in found if not _is_junk(m, common)])
        pairs += defined
    strong = {name_key(m.text) for m in mentions if not m.weak}
    mentions = [m for m in mentions if not m.weak or name_key(m.text) in strong]
    mentions = _propagate(sentences, mentions, texts, common)
    return mentions, pairs


def _tier(signatory: bool, kind: str, name: str, title: str | None) -> int:
    """0 principals (signatories), 1 officials (titled people, government bodies), 2 others."""
    if signatory:
        return 0
    government = kind == "ORG" and any(w in GOVERNMENT_WORDS for w in name_key(name).split())
    return 1 if (kind == "PERSON" and title) or government else 2


def find_parties(sentences: Sequence[Sentence], nlp: Language | None = None) -> list[Party]:
    """The parties in the content sentences, merged across articles, most important first."""
    mentions, pairs = find_mentions(sentences)
    if not mentions:
        return []
    by_form: dict[str, list[Mention]] = {}
    for m in sorted(mentions, key=lambda m: m.position):
        by_form.setdefault(m.text, []).append(m)
    texts = list(by_form)
    index = {t: i for i, t in enumerate(texts)}
    labels = [_form_label(t, by_form[t]) for t in texts]
    merged = _merge(texts, labels, pairs)
    clusters: dict[int, list[int]] = defaultdict(list)
    for i in range(len(texts)):
        clusters[merged.root[i]].append(i)

    signed = _signatories(sentences, mentions, nlp)
    blocked: dict[int, set[int]] = defaultdict(set)  # tokens of names, per Doc (by id)
    for m in mentions:
        if m.label in ("PERSON", "ORG"):
            a, b = _token_range(m)
            blocked[id(m.doc)].update(range(a, b))

    ranked: list[tuple[tuple[int, int, tuple[int, int, int], str], Party]] = []
    for members in clusters.values():
        ms = [m for i in members for m in by_form[texts[i]]]
        name = _cluster_name(members, texts, merged.short_forms, by_form)
        # A country is a GPE; otherwise the type of the fullest name, which carries the most
        # evidence ("Rio Tinto Group" is an ORG where the model read "Rio Tinto" as a person).
        kind = "GPE" if any(country_of(texts[i]) for i in members) else labels[index[name]]
        if kind == "NORP" and all(m.adjectival for m in ms):
            continue  # "Asian neighbours": a description, not a party
        title = None
        if kind == "PERSON":
            titles = []
            for m in sorted(ms, key=lambda m: m.position):
                a, b = _token_range(m)
                own = blocked[id(m.doc)] - set(range(a, b))
                titles += [t for t in (_title_before(m, own), _title_after(m)) if t]
            title = _pick_title(titles)
        signatory = any(m in signed for m in ms)
        role = "; ".join(r for r in ("signatory" if signatory else None, title) if r) or None
        sources = sorted_sources(m.sentence.source_id for m in ms)
        party = Party(
            name=name,
            type=kind,
            aliases=sorted({texts[i] for i in members}, key=lambda t: (t.casefold(), t)),
            role=role,
            mentions=len(ms),
            sources=sources,
        )
        first = min(m.position for m in ms)
        tier = _tier(signatory, kind, name, title)
        ranked.append(((tier, -len(sources) * len(ms), first, name), party))
    return [party for _, party in sorted(ranked, key=lambda item: item[0])]


def _cluster_name(
    members: list[int], texts: list[str], short_forms: set[int], by_form: dict[str, list[Mention]]
) -> str:
    """The fullest form: a country's own name; else the longest non-acronym, non-surname form
    (in words, country prefixes counted once), then the most mentioned, then the first seen."""
    for i in members:
        country = country_of(texts[i])
        if country:
            return country
    pool = [i for i in members if i not in short_forms] or members
    pool = [i for i in pool if not _looks_like_acronym(texts[i])] or pool
    best = min(
        pool,
        key=lambda i: (-len(name_key(texts[i]).split()), -len(by_form[texts[i]]), i),
    )
    return texts[best]
