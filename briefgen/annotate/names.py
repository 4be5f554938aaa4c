"""Names: the words a name is read with, the one spelling key, and the name annotations.

The component `briefgen_names` writes onto each Doc (plain span groups, kept by the DocBin
cache and by worker processes):

- `doc.spans["name_acronyms"]` / `doc.spans["name_acronym_short"]`, aligned: a long form the
  text defines and its short form ("Frontier Works Organisation (FWO)", "Compañía Minera
  del Norte (Cominor)"); the long form's label is ORG, GPE or NORP, or COMMON when the long form
  is not a name ("memorandum of understanding (MoU)", "Chief Executive Officer (CEO)");
- `doc.spans["name_titles"]` / `doc.spans["name_titled"]`, aligned: a title and the name right
  after it that the entity recogniser may have missed ("Field Marshal Syed Asim Munir");
- `doc.spans["name_not_parties"]`: words that look like names but never name a party: a
  ticker in brackets ("(NYSE: NLI)"), a stock exchange, a time zone after a clock time ("5pm
  BST"), a chemical formula ("NdPr"), the name of a site before a works noun ("Kessel Ridge"
  of "the Kessel Ridge mine", "Harrow Creek Project"), an acronym after a quantity ("25,000
  mt/y LCE") or ending a clause after a percentage ("at 6% APR."), and a benchmark rate before a
  spread ("the five-year Bund + 2%"), labelled TICKER, EXCHANGE, TIME_ZONE, FORMULA, FACILITY,
  UNIT, RATE;
- `doc.spans["name_entities"]`: spaCy's entities, with an organisation's first word restored
  where the model dropped it ("KB" of "KB Metals Corp.");
- `doc.spans["name_corporate"]`: a name right before a noun only a company has ("Norland" of
  "Norland Chairman", "Tamsin Gold" of "Tamsin Gold's shareholders"): evidence of an organisation;
- `doc.spans["name_described"]`: an organisation's name right after a lower-case noun that
  describes one ("Harbour No. 2" of "investment firm Harbour No. 2") or after its staff
  ("analysts at X"), missed or not by NER;
- `doc.spans["name_placed"]`: the first word of a name used as a place: after "in", "at",
  "near" ..., after a place and a comma ("Kessel Ridge, Nevada"), after a settlement noun
  and "of" and in the list it opens ("the cities of X and Y"): SETTLEMENT; after "from",
  which also takes organisations ("a bid from Tamsin Gold"): PLACE_LOOSE. Not "a stake in X" nor
  "in X's plan".

Read them with `acronym_definitions`, `titled_names`, `not_party_spans`, `party_entities`,
`corporate_name_starts`, `described_names` and `place_positions`; `is_heading_line` tells a heading
or site-chrome line by its shape.
The string functions are the one place that says when two names are spelled the same
(`name_key`), what a company form is (`without_company_form`), whether initials spell an
acronym (`aligns`), and which country a form denotes (`country_of`). The word lists live in
briefgen/data/names.toml, the country table in briefgen/data/parties.toml.
"""

from __future__ import annotations

import re
import unicodedata
from array import array
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Any

import jellyfish
from spacy.language import Language

from briefgen import data
from briefgen.annotate.per_doc import once_per_doc

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

COMPONENT = "briefgen_names"
ACRONYMS = "name_acronyms"  # long forms; label ORG | GPE | NORP | COMMON
ACRONYM_SHORTS = "name_acronym_short"  # the short form of the long form at the same index
TITLES = "name_titles"  # a title before a name
TITLED = "name_titled"  # the name after the title at the same index
# TICKER | EXCHANGE | TIME_ZONE | FORMULA | FACILITY | UNIT | RATE
NOT_PARTIES = "name_not_parties"
ENTITIES = "name_entities"  # spaCy's entities, an organisation's dropped first word restored
CORPORATE = "name_corporate"  # a name right before a noun only a company has
DESCRIBED = "name_described"  # an organisation's name right after a noun describing one
PLACED = "name_placed"  # a word used as a place: PLACE | PLACE_LOOSE | SETTLEMENT
COMMON = "COMMON"

# The pure string helpers below are called hundreds of thousands of times on a few thousand
# recurring words and names: each is memoised, bounded, and returns str or bool only.
MEMO = 65536


# --------------------------------------------------------------------------- word lists


def _words(key: str) -> frozenset[str]:
    return data.words("names", key)


DETERMINERS = _words("determiners")
ARTICLES = _words("articles")
FOREIGN_ARTICLES = _words("foreign_articles")
INDEFINITE_ARTICLES = _words("indefinite_articles")
INNER_CONNECTORS = _words("inner_connectors")
CONNECTORS = _words("connectors")
HEAD_TITLES = _words("head_titles")
TITLE_MODIFIERS = _words("title_modifiers")
HONORIFICS = _words("honorifics")
GENERIC_WORDS = _words("generic_words")
ORG_SUFFIXES = _words("org_suffixes")
ORG_HEADS = _words("org_heads")
GOVERNMENT_WORDS = _words("government_words")
COMPANY_FORMS = _words("company_forms")
# Company forms that are never a word of the name itself ("plc", "ltd", not "holdings").
BARE_COMPANY_FORMS = COMPANY_FORMS - _words("company_forms_also_name_words")
BUSINESS_WORDS = _words("business_words")
REGION_WORDS = _words("region_words")
PORTFOLIO_WORDS = _words("portfolio_words")
PERSON_INSTITUTION_NOUNS = _words("person_institution_nouns")
GOVERNING_NOUNS = _words("governing_nouns")
LEADER_TITLES = _words("leader_titles")
EXCHANGES = _words("exchanges")
TIME_ZONES = _words("time_zones")
BUSINESS_UNIT_NOUNS = _words("business_unit_nouns")
FACILITY_NOUNS = _words("facility_nouns") | BUSINESS_UNIT_NOUNS
OWNER_WORDS = _words("owner_words")
ELEMENT_SYMBOLS = _words("element_symbols")
HOLDING_NOUNS = _words("holding_nouns")
PLACE_PREPOSITIONS = _words("place_prepositions")
LOOSE_PLACE_PREPOSITIONS = _words("loose_place_prepositions")
ALL_PLACE_PREPOSITIONS = PLACE_PREPOSITIONS | LOOSE_PLACE_PREPOSITIONS
PLACE_NOUNS = _words("place_nouns")
PLACE_SUFFIXES = _words("place_suffixes")
PLACE_HEADS = _words("place_heads")
CORPORATE_NOUNS = _words("corporate_nouns")
DOCUMENT_SUFFIXES = _words("document_suffixes")
ORG_DESCRIPTORS = _words("org_descriptors")
FIRM_STAFF_NOUNS = _words("firm_staff_nouns")
CHROME = re.compile(r"^\s*(" + "|".join(data.load("names")["chrome"]) + ")", re.IGNORECASE)
TITLE_WORDS = HEAD_TITLES | TITLE_MODIFIERS
# One of these alone is never a name ("House" of "Prime Minister's House", "Chargé", "Metals").
LONE_NON_NAMES = TITLE_WORDS | GENERIC_WORDS | HONORIFICS | ORG_SUFFIXES | FACILITY_NOUNS
# A title or honorific before a name is a role, not part of the name.
PERSON_TITLES = TITLE_WORDS | HONORIFICS
POSSESSIVES = frozenset({"'s", "'"})
BULLET_MARKS = frozenset({"•", "·", "*", "▪", "►", "‣", "◦"})
HYPHENS = frozenset({"-", "‐", "‑"})


# --------------------------------------------------------------------------- surface forms


@lru_cache(maxsize=MEMO)
def straight_quotes(text: str) -> str:
    """Curly quotes and apostrophes made straight, as the word lists spell them."""
    return text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')


def lowered(token: Token) -> str:
    """A token's lower-case text with straight quotes, for looking it up in the word lists."""
    return straight_quotes(token.lower_)


@lru_cache(maxsize=MEMO)
def is_capitalised(word: str) -> bool:
    """Starts upper-case, or with a French/Italian elision before a capital ("d'Affaires")."""
    return word[:1].isupper() or bool(re.match(r"[dl]['’][A-Z]", word))


@lru_cache(maxsize=MEMO)
def looks_like_acronym(text: str) -> bool:
    """Acronym-shaped: short, starts upper-case, two capitals or more ("FWO", "U.S.", "MoU")."""
    return bool(re.fullmatch(r"[A-Z][A-Za-z&.]{0,9}", text)) and sum(c.isupper() for c in text) >= 2


@lru_cache(maxsize=MEMO)
def acronym_letters(text: str) -> str:
    """The letters an acronym spells: "MoUs" -> "MOU", "U.S." -> "US", "REEs" -> "REE"."""
    letters = re.sub(r"[^A-Za-z]", "", text)
    if len(letters) > 2 and letters.endswith("s") and letters[-2].isupper():
        letters = letters[:-1]
    return letters.upper()


@lru_cache(maxsize=MEMO)
def fold_spelling(word: str) -> str:
    """British and American spellings to one key: organisation/organization, centre/center."""
    if len(word) > 5:
        word = re.sub(r"is(e|ed|es|ing|ation|ations)$", r"iz\1", word)
    if len(word) >= 6:
        word = re.sub(r"our(s?)$", r"or\1", word)
    if len(word) >= 5:
        word = re.sub(r"tre(s?)$", r"ter\1", word)
    word = re.sub(r"^(def|lic|off)ence$", r"\1ense", word)
    return {"programme": "program", "catalogue": "catalog"}.get(word, word)


@lru_cache(maxsize=MEMO)
def plain_key(text: str) -> str:
    """Case, accents, quotes, dots, hyphens and a leading article removed: "the U.S." -> "us",
    "Andrés" -> "andres", "Ta'mir" -> "tamir"."""
    text = straight_quotes(text)
    if not text.isascii():  # ASCII has no accents: NFKD leaves it as it is
        text = unicodedata.normalize("NFKD", text)
        text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.casefold().replace("&", " and ").replace(".", "")
    text = re.sub(r"'s\b", "", text)
    text = re.sub(r"(?<=\w)'(?=\w)", "", text)  # an apostrophe inside a word
    text = re.sub(r"[-‐‑–—/,']", " ", text)
    text = re.sub(r"^(the|a|an)\s+", "", " ".join(text.split()))
    return text


@lru_cache(maxsize=MEMO)
def transliteration_key(name: str) -> str:
    """A looser key for a person's name, without what varies in writing one name: accents
    ("Máximo" / "Maximo"), a possessive ("Zelensky's"), doubled letters of a transliteration
    ("Zelenskyy"), case."""
    bare = unicodedata.normalize("NFKD", name)
    bare = "".join(c for c in bare if not unicodedata.combining(c)).lower()
    bare = bare.replace("’", "'").removesuffix("'s").removesuffix("'")
    return "".join(c for i, c in enumerate(bare) if i == 0 or c != bare[i - 1])


@lru_cache(maxsize=MEMO)
def sound_key(word: str) -> str:
    """How a word sounds, by American Soundex (jellyfish): its first letter and the classes of
    the next three consonant sounds ("Okonkwo" and "Okonkvo" are both "O252")."""
    letters = "".join(c for c in plain_key(word) if c.isalpha() and c.isascii())
    return jellyfish.soundex(letters) if letters else ""


def core_person_tokens(text: str) -> list[str]:
    """A person's name without leading titles or abbreviations: "CDA Baker" -> ["baker"]."""
    tokens = text.split()
    while len(tokens) > 1 and (
        straight_quotes(tokens[0]).casefold().rstrip(".") in PERSON_TITLES
        or (tokens[0].isupper() and len(tokens[0]) <= 4)
    ):
        tokens = tokens[1:]
    return [straight_quotes(t).casefold() for t in tokens]


_ORG_SUFFIX_KEYS = frozenset(fold_spelling(w) for w in ORG_SUFFIXES)
_ORG_HEAD_KEYS = frozenset(fold_spelling(w) for w in ORG_HEADS)


@lru_cache(maxsize=MEMO)
def document_by_words(text: str) -> bool:
    """The words of the name say law or document: "Mineral Supply Security Act"."""
    words = plain_key(text).split()
    return len(words) >= 2 and words[-1] in DOCUMENT_SUFFIXES


@lru_cache(maxsize=MEMO)
def place_by_words(text: str) -> bool:
    """The words of the name say place: "Copperbelt Province", "Salar de Quilmar"."""
    words = plain_key(text).split()
    return len(words) >= 2 and (words[-1] in PLACE_SUFFIXES or words[0] in PLACE_HEADS)


@lru_cache(maxsize=MEMO)
def org_by_words(text: str) -> bool:
    """The words of the name say organisation: "Barrick Gold", "Ministry of Energy"."""
    words = [fold_spelling(w) for w in plain_key(text).split()]
    if len(words) < 2:
        return False
    return words[-1] in _ORG_SUFFIX_KEYS or (words[0] in _ORG_HEAD_KEYS and words[1] == "of")


def title_by_words(text: str) -> bool:
    """The words of the name say the title of an outlet or firm, not a person: a definite
    article of another language, then capitalised words ("Le Figaro", "El Universal")."""
    words = text.split()
    return (
        len(words) >= 2
        and words[0].casefold() in FOREIGN_ARTICLES
        and all(is_capitalised(w) for w in words)
    )


def one_body_by_words(text: str) -> bool:
    """The words of a name the model read as a group of people say one body: two or more
    capitalised words, the last not a plural, not a known demonym ("Sino Canadian"; not
    "Latin Americans", "South Korean")."""
    words = text.split()
    return (
        len(words) >= 2
        and all(is_capitalised(w) for w in words)
        and not words[-1].endswith("s")
        and plain_key(text) not in countries().demonyms
        and country_of(text) is None
    )


def without_company_form(words: Sequence[str], keep: int = 1) -> list[str]:
    """Lower-case words of a name without the company forms that end it ("co", "ltd"), keeping
    at least `keep` words: ["lunga", "copper", "plc"] -> ["lunga", "copper"]."""
    out = list(words)
    while len(out) > keep and out[-1].rstrip(".") in COMPANY_FORMS:
        out.pop()
    return out


def initials(name: str) -> str:
    """The capitals that start a name's words: "Frontier Works Organisation" -> "FWO"."""
    return "".join(w[0] for w in re.findall(r"[A-Za-z][\w’'-]*", name) if w[0].isupper())


# --------------------------------------------------------------------------- countries


@dataclass(frozen=True)
class Countries:
    """The country table, keyed by `plain_key` of each form."""

    names: dict[str, str]  # key of a name or short form -> canonical name
    demonyms: dict[str, str]
    capitals: dict[str, str]
    max_words: int
    first_words: frozenset[str]  # the first word of every key of `names`
    shared: dict[str, frozenset[str]]  # key of a short name of several countries -> those
    institutions: dict[str, str]  # name key of a nickname -> name key of the body
    with_article: frozenset[str]  # canonical names said with "the"


@cache
def countries() -> Countries:
    """The country table shipped in briefgen/data/parties.toml."""
    table = data.load("parties")
    names: dict[str, str] = {}
    demonyms: dict[str, str] = {}
    capitals: dict[str, str] = {}
    shared: dict[str, frozenset[str]] = {}
    for row in table["countries"]:
        name = row["name"]
        for form in [name, *row.get("forms", [])]:
            names[plain_key(form)] = name
        for demonym in row.get("demonyms", []):
            demonyms[plain_key(demonym)] = name
            if demonym[-1] in "aeioun" and not demonym.endswith("ese"):
                demonyms[plain_key(demonym + "s")] = name  # "Pakistanis", "Americans"
        for capital in row.get("capitals", []):
            capitals[plain_key(capital)] = name
        for form in row.get("shared", []):
            shared[plain_key(form)] = shared.get(plain_key(form), frozenset()) | {name}
    institutions = {
        plain_key(row["name"]): " ".join(fold_spelling(w) for w in plain_key(row["aka"]).split())
        for row in table["institutions"]
    }
    width = max(len(k.split()) for k in names)
    first_words = frozenset(k.split(" ")[0] for k in names)
    with_article = frozenset(table["countries_with_article"])
    return Countries(
        names, demonyms, capitals, width, first_words, shared, institutions, with_article
    )


def in_a_sentence(name: str) -> str:
    """A name as a sentence writes it: "the" before a country that takes it ("the United
    States"), other names as they are."""
    return "the " + name if name in countries().with_article else name


@lru_cache(maxsize=MEMO)
def country_of(text: str) -> str | None:
    """The canonical country a name or short form denotes: "U.S." -> "United States"."""
    return countries().names.get(plain_key(text))


@lru_cache(maxsize=MEMO)
def name_key(text: str) -> str:
    """The key under which two surface forms are the same name: the one spelling key.

    Spelling variants, dots, quotes, hyphens, "&" and case are folded, a leading article is
    dropped, and a country's short forms inside a name become the country ("U.S. Strategic
    Metals" = "United States Strategic Metals" = "US Strategic Metals").
    """
    words = [fold_spelling(w) for w in plain_key(text).split()]
    table = countries()
    out: list[str] = []
    i = 0
    while i < len(words):
        if words[i] in table.first_words:  # no country's name starts with any other word
            for n in range(min(table.max_words, len(words) - i), 0, -1):
                country = table.names.get(" ".join(words[i : i + n]))
                if country:
                    out.append("<" + country.casefold().replace(" ", "_") + ">")
                    i += n
                    break
            else:
                out.append(words[i])
                i += 1
        else:
            out.append(words[i])
            i += 1
    return " ".join(out)


# --------------------------------------------------------------------------- initials


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


MIN_COMPOUND_PART = 3  # letters of each part of a compound word ("waste|water", not "r|are")


def aligns_in_compounds(letters: str, words: Sequence[str]) -> bool:
    """Whether lower-case words spell `letters` by their initials, a compound word adding the
    initial of its second part: "wastewater treatment" for "WWT" (connectors may be left out)."""

    def second_part(word: str, letter: str) -> bool:
        inner = word[MIN_COMPOUND_PART : len(word) - MIN_COMPOUND_PART + 1]
        return letter in inner

    @cache
    def go(i: int, j: int) -> bool:
        if j == len(words):
            return i == len(letters)
        word = words[j].lower()
        if word in CONNECTORS and go(i, j + 1):
            return True
        if i >= len(letters) or not word.startswith(letters[i].lower()):
            return False
        if go(i + 1, j + 1):
            return True
        nxt = letters[i + 1 : i + 2].lower()
        return bool(nxt) and second_part(word, nxt) and go(i + 2, j + 1)

    return bool(words) and all(w.islower() for w in words) and go(0, 0)


# Letters an acronym may add for a company form the name is written without: "Contemporary
# Amperex Technology (CATL)" is "... Technology Co., Limited" to its owners.
_COMPANY_FORM_INITIALS = frozenset(w[0].upper() for w in COMPANY_FORMS)
MAX_DROPPED_FORM_LETTERS = 2


def aligns_without_company_form(letters: str, words: Sequence[str]) -> bool:
    """Whether the words' initials spell `letters` but for a last letter or two that stand for
    a company form left out of the name ("Limited", "Co."); two words at least must spell the
    rest, so a lone word never matches by its initial."""
    if len(words) < 2:
        return False
    for k in range(1, MAX_DROPPED_FORM_LETTERS + 1):
        head, tail = letters[:-k], letters[-k:]
        if len(head) < 2 or not set(tail) <= _COMPANY_FORM_INITIALS:
            break
        if aligns(head, words):
            return True
    return False


def loosely_aligns(letters: str, words: Sequence[str]) -> bool:
    """Whether the initials spell `letters` with a company form on one side only: left out of
    the acronym ("EV" for "Eastern Valley Ltd") or of the name ("CATL" for "Contemporary
    Amperex Technology")."""
    core = without_company_form([w.lower() for w in words], keep=2)
    return aligns(letters, list(words)[: len(core)]) or aligns_without_company_form(letters, words)


def spells_by_prefixes(alias: str, words: Sequence[str]) -> bool:
    """Whether word beginnings spell a syllabic short name: "Compañía Minera del Norte" ->
    "Cominor" (Co + mi + nor). The first word and at least one other must contribute."""
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


# --------------------------------------------------------------------------- annotations


@dataclass(frozen=True)
class AcronymDefinition:
    """A long form the text defines with a short form: tokens [start, end) and `short`."""

    start: int
    end: int
    short: int  # the short form's first token
    label: str  # ORG | GPE | NORP, or COMMON: the long form is not a name
    long_text: str
    short_text: str
    short_end: int = -1  # the short form's end token (one token when not given)

    def __post_init__(self) -> None:
        if self.short_end < 0:
            object.__setattr__(self, "short_end", self.short + 1)

    @property
    def common(self) -> bool:
        return self.label == COMMON


@dataclass(frozen=True)
class TitledName:
    """A name right after a title: title tokens [title_start, title_end), name [start, end)."""

    title_start: int
    title_end: int
    start: int
    end: int


def _token_edges(doc: Doc) -> tuple[array[int], array[int]]:
    import numpy as np
    from spacy.attrs import IDX, LENGTH

    starts = doc.to_array(IDX).astype(np.int64)  # one attribute a call: several cost 5x as much
    ends = starts + doc.to_array(LENGTH).astype(np.int64)  # uint64 + int64 would be float
    # Machine integers, 8 bytes a token: a tuple of Python ints cost 72 (a third of the
    # parties stage's memory in a big event), and bisect reads an array as fast.
    return array("q", starts.tobytes()), array("q", ends.tobytes())


def token_bounds(doc: Doc, start: int, end: int) -> tuple[int, int] | None:
    """The tokens [a, b) that cover exactly the characters [start, end), or None if either
    offset is not on a token's edge: `doc.char_span(start, end)` as token indices, without a
    Span (the parties stage asks this for every mention, several times)."""
    starts, ends = once_per_doc(doc, "token_edges", _token_edges)
    a = bisect_left(starts, start)
    b = bisect_left(ends, end)  # token ends ascend strictly: no token is empty
    if a == len(starts) or starts[a] != start or b == len(ends) or ends[b] != end or b < a:
        return None
    return a, b + 1


def token_texts(doc: Doc) -> tuple[str, ...]:
    """Every token's text, read once per Doc."""
    return token_column(doc, "ORTH")


def content_words(doc: Doc) -> tuple[bool, ...]:
    """For every token, whether it is a lower-case alphabetic word and no stop word."""

    def read(doc: Doc) -> tuple[bool, ...]:
        from spacy.attrs import IS_ALPHA, IS_LOWER, IS_STOP

        alpha, lower, stop = (doc.to_array(a).astype(bool) for a in (IS_ALPHA, IS_LOWER, IS_STOP))
        return tuple((alpha & lower & ~stop).tolist())

    return once_per_doc(doc, "content_words", read)


STRING_ATTRS = frozenset({"ORTH", "LOWER", "TAG", "POS", "LEMMA", "ENT_TYPE"})
# One str object per string id for every Doc's columns: `StringStore[id]` makes a new object
# each call, and the parent keeps its Docs' columns (~60 bytes a token each, not 8).
_string_of: dict[int, str] = {}


def token_column(doc: Doc, attr: str) -> tuple[Any, ...]:
    """One attribute of every token, read once per Doc through `Doc.to_array` (a pass over
    Token objects costs more than the test made of each): strings for ORTH, LOWER, TAG, POS,
    LEMMA and ENT_TYPE (`Token.text`, `.lower_`, `.tag_`, ...), 0/1 for flags such as
    IS_ALPHA."""

    def read(doc: Doc) -> tuple[Any, ...]:  # a tuple: the garbage collector stops tracking it
        values = doc.to_array(attr).tolist()
        if attr in STRING_ATTRS:
            strings = doc.vocab.strings
            for v in set(values).difference(_string_of):
                _string_of[v] = strings[v]
            return tuple(map(_string_of.__getitem__, values))
        return tuple(values)

    return once_per_doc(doc, "column " + attr, read)


def _all_acronym_definitions(doc: Doc) -> tuple[list[int], list[AcronymDefinition]]:
    """Every definition, ordered by where its long form starts, with those starts (for bisect)."""
    if ACRONYMS not in doc.spans:
        return [], []
    found = sorted(
        (
            AcronymDefinition(
                long.start, long.end, short.start, long.label_, long.text, short.text, short.end
            )
            for long, short in zip(doc.spans[ACRONYMS], doc.spans[ACRONYM_SHORTS], strict=True)
        ),
        key=lambda d: d.start,
    )
    return [d.start for d in found], found


def acronym_definitions(
    doc: Doc, start: int = 0, end: int | None = None
) -> list[AcronymDefinition]:
    """The acronym definitions wholly inside tokens [start, end) of an annotated Doc."""
    end = len(doc) if end is None else end
    starts, found = once_per_doc(doc, "acronyms", _all_acronym_definitions)
    inside = []
    for d in found[bisect_left(starts, start) :]:
        if d.start >= end:
            break
        if d.short_end <= end:
            inside.append(d)
    return inside


def _all_titled_names(doc: Doc) -> tuple[list[int], list[TitledName]]:
    if TITLED not in doc.spans:
        return [], []
    found = sorted(
        (
            TitledName(title.start, title.end, name.start, name.end)
            for title, name in zip(doc.spans[TITLES], doc.spans[TITLED], strict=True)
        ),
        key=lambda t: t.title_start,
    )
    return [t.title_start for t in found], found


def titled_names(doc: Doc, start: int = 0, end: int | None = None) -> list[TitledName]:
    """Names after a title wholly inside tokens [start, end) of an annotated Doc."""
    end = len(doc) if end is None else end
    starts, found = once_per_doc(doc, "titled", _all_titled_names)
    inside = []
    for t in found[bisect_left(starts, start) :]:
        if t.title_start >= end:
            break
        if t.end <= end:
            inside.append(t)
    return inside


def _word_units_before(doc: Doc, lower: int, i: int) -> list[tuple[int, int]]:
    """Words (token ranges; hyphenated words and possessives kept whole) that end before token i."""
    units: list[tuple[int, int]] = []
    j = i - 1
    while j >= lower and len(units) < 12:
        end = j + 1
        if lowered(doc[j]) in POSSESSIVES and j > lower:  # "Prime Minister's Office"
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


def _expansion(doc: Doc, units: list[tuple[int, int]], short: str) -> list[tuple[int, int]]:
    """The shortest run of words before the parenthesis whose initials (or, for a one-word
    short name, word beginnings) spell the short name; failing that, the shortest whose
    initials spell it but for a company-form letter ("... Technology (CATL)")."""
    words = [re.sub(r"['’]s?$", "", doc[a:b].text) for a, b in units]
    fallback: list[tuple[int, int]] = []  # the initials spell all but a company-form letter
    for k in range(1, len(units) + 1):
        first = words[-k].lower()
        if first in CONNECTORS or first in DETERMINERS:
            continue
        if looks_like_acronym(short):
            letters = acronym_letters(short)
            if aligns(letters, words[-k:]) or aligns(letters, _without_country_tail(words[-k:])):
                return units[-k:]
            if aligns_without_company_form(letters, words[-k:]) or aligns_in_compounds(
                letters, words[-k:]
            ):
                fallback = fallback or units[-k:]
        elif spells_by_prefixes(short, words[-k:]):
            return units[-k:]
    return fallback


def _without_country_tail(words: list[str]) -> list[str]:
    """A name's words without a company form and "of/de <country>" ending it: "Sociedad
    Minera Austral de Chile SA" -> "Sociedad Minera Austral" (its acronym spells no C)."""
    out = list(words)
    while len(out) > 1 and out[-1].lower().rstrip(".") in COMPANY_FORMS:
        out.pop()
    if len(out) > 2 and out[-2].lower() in CONNECTORS and country_of(out[-1]) is not None:
        out = out[:-2]
    return out if len(out) < len(words) else []


def _company_form_start(doc: Doc, lower: int, i: int) -> int:
    """Where a company form ends the name before token i ("Inc.", ", Ltd", "Co. Ltd"); i if
    none does."""
    j = i
    while j - 1 > lower and (
        doc[j - 1].text == "," or straight_quotes(doc[j - 1].lower_).rstrip(".") in COMPANY_FORMS
    ):
        j -= 1
    return j


# One capitalised word, perhaps with an apostrophe inside ("Cominor", "Ta’mir").
SHORT_NAME = re.compile(r"[A-Z][a-z]{2,11}|[A-Z][a-z]{0,5}['’][a-z]{2,8}")


def _is_short_name(text: str) -> bool:
    """What a parenthesis after a name may hold: an acronym ("FWO") or one capitalised word
    that the name's word beginnings spell ("Cominor")."""
    return looks_like_acronym(text) or bool(SHORT_NAME.fullmatch(text))


def _definition_label(doc: Doc, last: int, acronym: int) -> str:
    for i in (last, acronym):
        label = doc[i].ent_type_
        if label in ("GPE", "LOC"):
            return "GPE"
        if label in ("ORG", "NORP"):
            return label
    return "ORG"  # a name defined with an acronym is almost always an organisation


def _definition(doc: Doc, lower: int, i: int) -> tuple[int, int, str] | None:
    """The long form before "(" at token i, whose short form is token i + 1, and its label."""
    acronym = doc[i + 1].text
    match = _expansion(doc, _word_units_before(doc, lower, i), acronym)
    end = match[-1][1] if match else i
    form = _company_form_start(doc, lower, i)
    if not match and form < i:  # "Kestrel Bay Resources Inc. (KBR)": no letter for "Inc."
        match = _expansion(doc, _word_units_before(doc, lower, form), acronym)
    if not match:
        return _entity_alias(doc, lower, i)
    content = [doc[a:b].text for a, b in match if doc[a:b].text.lower() not in CONNECTORS]
    if all(is_capitalised(w) for w in content):
        words = {re.sub(r"'s$", "", straight_quotes(w).casefold()) for w in content}
        common = words <= PERSON_TITLES  # "Chief Executive Officer (CEO)"
    elif all(w.islower() for w in content):
        common = True  # "memorandum of understanding (MoU)"
    else:
        return None
    return match[0][0], end, COMMON if common else _definition_label(doc, end - 1, i + 1)


def _entity_alias(doc: Doc, lower: int, i: int) -> tuple[int, int, str] | None:
    """An organisation the model found right before "(" at token i, with a short name in the
    bracket that its initials do not spell: another name it goes by, a ticker or its name in
    another language ("Fenwick Partners (FWK)", "Northern Mining Co. (Cominor)")."""
    short = doc[i + 1].text
    last = doc[i - 1] if i - 1 >= lower else None
    if last is None or short in EXCHANGES or country_of(short) is not None:
        return None
    if plain_key(short) in countries().capitals or doc[i + 1].ent_type_ in ("LOC", "FAC"):
        return None  # "Ashbury Capital (London)" says where, not who
    start = _name_before(doc, lower, i)
    return (start, i, "ORG") if start is not None else None


def _name_before(doc: Doc, lower: int, i: int) -> int | None:
    """The start of the organisation's name that ends right before token i: an ORG entity, or
    capitalised words the words of which say organisation ("Andean Copper Mining Co")."""
    last = doc[i - 1] if i - 1 >= lower else None
    if last is None:
        return None
    if last.ent_type_ == "ORG":
        start = i - 1
        while (
            start - 1 >= lower and doc[start].ent_iob_ == "I" and doc[start - 1].ent_type_ == "ORG"
        ):
            start -= 1
    else:
        start = i
        while start - 1 >= lower and (
            is_capitalised(doc[start - 1].text) or doc[start - 1].lower_ in ("of", "&")
        ):
            start -= 1
        if not org_by_words(doc[start:i].text):
            return None
    while start < i and lowered(doc[start]) in DETERMINERS:
        start += 1
    for k in range(i - 1, start, -1):  # "Peru's Northern Mining Co.": the owner goes
        if lowered(doc[k]) in POSSESSIVES and (
            country_of(doc[start:k].text) or plain_key(doc[start:k].text) in countries().demonyms
        ):
            start = k + 1
            break
    return start if start < i else None


def _known_as(doc: Doc, lower: int, comma: int, upper: int) -> tuple[int, int, int, int] | None:
    """ "Andean Copper Mining, known as Ancomin": the name before the comma at token `comma`
    and the one to three capitalised words after "known as" (long start, end, short start,
    end)."""
    start = _name_before(doc, lower, comma)
    if start is None:
        return None
    j = comma + 1
    if doc[j].lower_ == "also":
        j += 1
    j += 2  # "known as"
    end = j
    while end < upper and end - j < 3 and doc[end].is_alpha and is_capitalised(doc[end].text):
        end += 1
    return (start, comma, j, end) if end > j else None


def _title_led_name(doc: Doc, head: int, lower: int, upper: int) -> tuple[int, int] | None:
    """The name right after a head title at token `head` that NER may have missed: "Field
    Marshal Syed Asim Munir", "Chief of Mission Zach Harkenrider" (two or three proper nouns)."""
    j = head + 1
    if j < upper and doc[j].lower_ == "of":  # "Chief of Mission", "Secretary of State"
        j += 2 if j + 1 < upper and doc[j + 1].lower_ == "the" else 1
        if not (j < upper and is_capitalised(doc[j].text)):
            return None
        j += 1
    start = j
    while (
        j < upper
        and doc[j].is_alpha
        and is_capitalised(doc[j].text)
        and doc[j].pos_ == "PROPN"
        and lowered(doc[j]) not in PERSON_TITLES | GENERIC_WORDS
    ):
        j += 1
    longer = j < upper and doc[j].is_alpha and is_capitalised(doc[j].text)
    return (start, j) if 2 <= j - start <= 3 and not longer else None


def not_party_spans(doc: Doc) -> list[tuple[int, int, str]]:
    """Token ranges [start, end) and labels of the words that never name a party."""
    if NOT_PARTIES not in doc.spans:
        return []
    return [(s.start, s.end, s.label_) for s in doc.spans[NOT_PARTIES]]


def _indexed_described(doc: Doc) -> tuple[tuple[int, ...], tuple[tuple[int, int, int], ...]]:
    """The DESCRIBED spans as (order, start, end) sorted by start, and their starts."""
    if DESCRIBED not in doc.spans:
        return (), ()
    ranges = sorted((s.start, k, s.end) for k, s in enumerate(doc.spans[DESCRIBED]))
    return tuple(r[0] for r in ranges), tuple((k, a, b) for a, k, b in ranges)


def described_names(doc: Doc, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Token ranges of the organisations' names after a describing noun, inside [start, end)."""
    end = len(doc) if end is None else end
    starts, ranges = once_per_doc(doc, "described", _indexed_described)
    # Each range inside [start, end) starts there: a bisect, then the annotation's own order.
    lo, hi = bisect_left(starts, start), bisect_left(starts, end)
    inside = sorted(r for r in ranges[lo:hi] if r[2] <= end)
    return [(a, b) for _, a, b in inside]


def _continues_name(doc: Doc, j: int, end: int) -> bool:
    """Whether token j goes on an organisation's name: a capitalised word (not a date), "&" or
    "of" before one, or the "." and number of "No. 1"."""
    tok = doc[j]
    if tok.is_alpha and is_capitalised(tok.text):
        return tok.ent_type_ not in ("DATE", "TIME")
    if tok.lower_ in ("&", "of"):
        return j + 1 < end and is_capitalised(doc[j + 1].text)
    if tok.text == ".":
        return doc[j - 1].text == "No" and j + 1 < end
    return tok.like_num and doc[j - 1].text in ("No", ".")


def _described(doc: Doc, sent: Span, words: _Words) -> list[Span]:
    """Names after a lower-case noun that describes an organisation: "investment firm Harbour
    No. 2", "the miner Lunga Copper" (capitalised words, "No. 1", "&", "of"), or after its
    staff: "analysts at Fenwick Partners"."""
    from spacy.tokens import Span

    found: list[Span] = []
    lowers = words.lower
    for i in range(sent.start, sent.end - 1):
        if lowers[i] in FIRM_STAFF_NOUNS and lowers[i + 1] == "at":
            i += 1  # the name starts after "at"
        elif not (lowers[i] in ORG_DESCRIPTORS and doc[i].is_lower):
            continue
        j = i + 1
        while j < sent.end and _continues_name(doc, j, sent.end):
            j += 1
            if doc[j - 1].like_num:  # "No. 1" ends the name
                break
        name = doc[i + 1 : j]
        if (
            j - (i + 1) >= 1
            and country_of(name.text) is None
            and not all(lowered(t).rstrip(".") in PERSON_TITLES | GENERIC_WORDS for t in name)
        ):
            found.append(Span(doc, i + 1, j, label="ORG"))
    return found


HEADING_SMALL_WORDS = CONNECTORS | {"a", "an", "at", "by", "in", "to", "with", "from", "vs", "or"}


@lru_cache(maxsize=MEMO)
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


def place_positions(doc: Doc) -> dict[int, str]:
    """Token index -> PLACE, PLACE_LOOSE or SETTLEMENT: the first words of names used as places."""

    def positions(doc: Doc) -> dict[int, str]:
        return {s.start: s.label_ for s in doc.spans[PLACED]} if PLACED in doc.spans else {}

    return once_per_doc(doc, "placed", positions)


def _placed(doc: Doc, sent: Span, words: _Words) -> list[Span]:
    """Capitalised words used as a place: after a preposition of place, not after a noun of
    holding ("a stake in X") nor before a possessive ("in X's plan"); after a place and a
    comma ("Kessel Ridge, Nevada"); after a settlement noun and "of" ("the port of X"), and
    the names listed with it ("the cities of X and Y")."""
    from spacy.tokens import Span

    found: list[Span] = []
    texts, lowers, lowereds = words.text, words.lower, words.lowered
    listed_from = -1  # where a list of places after "the cities of" may continue
    for i in range(sent.start + 1, sent.end):
        if not is_capitalised(texts[i]):
            continue
        prev_lower = lowers[i - 1]
        end = i
        while end < sent.end and is_capitalised(texts[end]):
            end += 1
        owner = end < sent.end and lowereds[end] in POSSESSIVES
        holding = i - 2 >= sent.start and lowers[i - 2] in HOLDING_NOUNS
        settlement = prev_lower == "of" and i - 2 >= sent.start and lowereds[i - 2] in PLACE_NOUNS
        listed = i - 1 == listed_from and prev_lower in ("and", ",")
        if prev_lower in ALL_PLACE_PREPOSITIONS and not (owner or holding):
            label = "PLACE" if prev_lower in PLACE_PREPOSITIONS else "PLACE_LOOSE"
            found.append(Span(doc, i, i + 1, label=label))
        elif texts[i - 1] == "," and i - 2 >= sent.start and doc[i - 2].ent_type_ in ("GPE", "LOC"):
            found.append(Span(doc, i, i + 1, label="PLACE"))
        elif (settlement or listed) and not owner:
            found.append(Span(doc, i, i + 1, label="SETTLEMENT"))
            listed_from = end
    return found


def corporate_name_starts(doc: Doc) -> dict[int, int]:
    """For each token where a name right before a noun only a company has ends: the first
    token of the longest such name ending there."""

    def starts(doc: Doc) -> dict[int, int]:
        found: dict[int, int] = {}
        for span in doc.spans.get(CORPORATE, ()):
            found[span.end] = min(span.start, found.get(span.end, span.start))
        return found

    return once_per_doc(doc, "corporate", starts)


def _corporate(doc: Doc, sent: Span, words: _Words) -> list[Span]:
    """Names right before a company's noun, or before its possessive ("Tamsin Gold's board")."""
    from spacy.tokens import Span

    found: list[Span] = []
    for i in range(sent.start + 1, sent.end):
        if words.lowered[i] not in CORPORATE_NOUNS:
            continue
        end = i - 1 if words.lowered[i - 1] in POSSESSIVES else i
        start = end
        while (
            start - 1 >= sent.start
            and doc[start - 1].is_alpha
            and is_capitalised(doc[start - 1].text)
            and lowered(doc[start - 1]).rstrip(".") not in PERSON_TITLES
        ):
            start -= 1
        if start < end:
            found.append(Span(doc, start, end, label="CORPORATE"))
    return found


def party_entities(doc: Doc) -> tuple[Span, ...]:
    """The Doc's entities as the names annotator corrected them (spaCy's own if unannotated)."""
    if ENTITIES not in doc.spans:
        return tuple(doc.ents)
    return tuple(doc.spans[ENTITIES])


@lru_cache(maxsize=MEMO)
def _is_formula(text: str) -> bool:
    """Spelled only of element symbols, two or more, one of two letters: "NdPr", "NdFeB"."""
    parts = re.findall(r"[A-Z][a-z]?\d*", text)
    if len(parts) < 2 or "".join(parts) != text:
        return False
    symbols = [re.sub(r"\d", "", p) for p in parts]
    return all(p in ELEMENT_SYMBOLS for p in symbols) and any(len(p) == 2 for p in symbols)


def _is_clock_time(tok: Token) -> bool:
    return any(c.isdigit() for c in tok.text) or tok.lower_ in ("am", "pm", "a.m.", "p.m.", "noon")


def _ticker_end(doc: Doc, i: int, upper: int) -> int | None:
    """The end of a bracketed listing at "(" token i: "(NYSE: NLI)", "(NYSE:NLI)", "(ASX: TGL,
    LSE: TGL)"; None if the bracket holds anything else."""
    j = i + 1
    seen = False
    while j < upper and doc[j].text != ")":
        text = doc[j].text
        head = text.split(":")[0]
        if head in EXCHANGES or text in (":", ",", ";") or (seen and text.isupper()):
            seen = seen or head in EXCHANGES
            j += 1
            continue
        return None
    return j + 1 if seen and j < upper else None


def _facility_name(doc: Doc, noun: int, lower: int) -> tuple[int, int] | None:
    """The name of the site a works noun at token `noun` follows: capitalised words, perhaps
    then up to three lower-case modifiers ("Kessel Ridge rare earth facility"); a capitalised
    noun is part of the name ("Harrow Creek Project")."""
    j = noun - 1
    modifiers = 0
    while j >= lower and doc[j].is_lower and doc[j].is_alpha and modifiers < 3:
        if doc[j].pos_ not in ("NOUN", "ADJ"):
            return None
        j -= 1
        modifiers += 1
    end = j + 1
    while j >= lower and (
        (doc[j].is_alpha and is_capitalised(doc[j].text))
        or doc[j].text in HYPHENS
        or (  # "Loma de Plata": a small word inside the name
            doc[j].lower_ in CONNECTORS - {"and", "&"}
            and j - 1 >= lower
            and is_capitalised(doc[j - 1].text)
            and j + 1 < end
        )
    ):
        j -= 1
    start = j + 1
    while start < end and lowered(doc[start]) in DETERMINERS:
        start += 1  # "The Loma de Plata brine operation"
    if start == end:
        return None
    owned_unit = (
        lowered(doc[noun]) in BUSINESS_UNIT_NOUNS
        and start - 1 >= lower
        and lowered(doc[start - 1]) in OWNER_WORDS | POSSESSIVES
    )  # "its Battery Metals business", "Kestrel's Base Metals business": a unit
    if (org_by_words(doc[start:end].text) and not owned_unit) or country_of(doc[start:end].text):
        return None  # "the Tamsin Gold Group project": the owner, not the site
    return (start, noun + 1) if end == noun and not doc[noun].is_lower else (start, end)


def _after_quantity(doc: Doc, i: int, lower: int) -> bool:
    """Whether token i follows a number, or a unit after a number: "30,000 mt/y LCE" is a
    measure, not a name."""
    j = i - 1
    while j >= lower and i - j <= 3 and (doc[j].is_lower or doc[j].text == "/"):
        if doc[j].is_stop:
            return False
        j -= 1  # a unit between: "mt/y", "tonnes"
    return j >= lower and _quantity(doc[j])


def _after_percentage(doc: Doc, i: int, lower: int, upper: int) -> bool:
    """Whether token i follows a percentage and ends its clause: "at 6% APR." is a term of a
    payment, not a name ("a 10% KBM stake" names KBM)."""
    return (
        i - 2 >= lower
        and doc[i - 1].text == "%"
        and _quantity(doc[i - 2])
        and (i + 1 >= upper or doc[i + 1].is_punct)
    )


SPREAD_WORDS = frozenset({"+", "plus"})


def _before_a_spread(doc: Doc, i: int, upper: int) -> bool:
    """Whether token i adds a spread to the name before it: "+ 1%", "plus 2 percentage"."""
    return (
        doc[i].lower_ in SPREAD_WORDS
        and i + 1 < upper
        and _quantity(doc[i + 1])
        and (i + 2 >= upper or doc[i + 2].text == "%" or doc[i + 2].lower_.startswith("percent"))
    )


def _quantity(tok: Token) -> bool:
    """A number that is not a year ("In 2023 NLC bid" names NLC)."""
    return tok.like_num and not re.fullmatch(r"(1[89]|20)\d\d", tok.text)


def _listed_names(doc: Doc, start: int, upper: int) -> list[tuple[int, int]]:
    """The capitalised names listed from token `start` ("Corvo in Argentina and Brela in
    Portugal"): each name, up to the clause's end; a place after "in" is where, not a site."""
    names: list[tuple[int, int]] = []
    i = start
    while i < upper and doc[i].text not in (".", ";", ":") and len(names) < 6:
        if (
            doc[i].is_alpha
            and is_capitalised(doc[i].text)
            and not (i > start and doc[i - 1].lower_ in PLACE_PREPOSITIONS)
        ):
            end = i
            while end < upper and doc[end].is_alpha and is_capitalised(doc[end].text):
                end += 1
            names.append((i, end))
            i = end
        elif doc[i].is_alpha and doc[i].is_lower and doc[i].lower_ not in ("and", "in", "or"):
            break  # the list is over ("... , but neither has a date")
        else:
            i += 1
    return [n for n in names if not org_by_words(doc[n[0] : n[1]].text)]


def _coordinated_name(doc: Doc, start: int, lower: int) -> tuple[int, int] | None:
    """The capitalised name joined by "and" or a comma before token `start`, if any."""
    j = start - 1
    if j < lower or doc[j].lower_ not in ("and", ",", "&"):
        return None
    end = j
    while j - 1 >= lower and doc[j - 1].is_alpha and is_capitalised(doc[j - 1].text):
        j -= 1
    while j < end and lowered(doc[j]) in DETERMINERS:
        j += 1  # "The Tarrow and Kelby operations"
    if j == end or org_by_words(doc[j:end].text) or country_of(doc[j:end].text):
        return None
    return (j, end)


@dataclass(frozen=True)
class _Words:
    """A Doc's token texts, read once: the sentence scans below look at every token, and a
    Token object per look costs more than the test itself."""

    text: tuple[str, ...]
    lower: tuple[str, ...]  # `Token.lower_`
    lowered: tuple[str, ...]  # `lowered(token)`: lower case, straight quotes

    @classmethod
    def of(cls, doc: Doc) -> _Words:
        texts, lowers = token_column(doc, "ORTH"), token_column(doc, "LOWER")
        return cls(texts, lowers, tuple(straight_quotes(w) for w in lowers))


def _not_parties(doc: Doc, sent: Span, words: _Words) -> list[Span]:
    """The sentence's words that look like names but never name a party (see NOT_PARTIES)."""
    from spacy.tokens import Span

    found: list[Span] = []
    texts, lowers = words.text, words.lower
    i = sent.start
    while i < sent.end:
        text = texts[i]
        end = _ticker_end(doc, i, sent.end) if text == "(" else None
        if end is not None:
            found.append(Span(doc, i, end, label="TICKER"))
            i = end
            continue
        if text.split(":")[0] in EXCHANGES:
            found.append(Span(doc, i, i + 1, label="EXCHANGE"))
        elif text in TIME_ZONES and i > sent.start and _is_clock_time(doc[i - 1]):
            found.append(Span(doc, i, i + 1, label="TIME_ZONE"))
        elif looks_like_acronym(text) and _after_quantity(doc, i, sent.start):
            found.append(Span(doc, i, i + 1, label="UNIT"))
        elif looks_like_acronym(text) and _after_percentage(doc, i, sent.start, sent.end):
            found.append(Span(doc, i, i + 1, label="UNIT"))  # "loans accrue at 6% APR."
        elif lowers[i] in SPREAD_WORDS and _before_a_spread(doc, i, sent.end):
            start = i
            while start - 1 >= sent.start and is_capitalised(doc[start - 1].text):
                start -= 1
            if start < i:  # "the five-year Bund + 2%", "SOFR plus 2%": a rate
                found.append(Span(doc, start, i, label="RATE"))
        elif _is_formula(text):
            found.append(Span(doc, i, i + 1, label="FORMULA"))
        elif words.lowered[i] in FACILITY_NOUNS and i + 1 < sent.end and texts[i + 1] in (",", ":"):
            # "two lithium projects, Corvo in Argentina and Brela in Portugal": the sites listed
            found += [
                Span(doc, a, b, label="FACILITY") for a, b in _listed_names(doc, i + 2, sent.end)
            ]
            site = _facility_name(doc, i, sent.start)
            while site is not None:
                found.append(Span(doc, *site, label="FACILITY"))
                site = _coordinated_name(doc, site[0], sent.start)
        elif words.lowered[i] in FACILITY_NOUNS:
            site = _facility_name(doc, i, sent.start)
            while site is not None:  # "the Pálida and Orcuna brine operations": both sites
                found.append(Span(doc, *site, label="FACILITY"))
                site = _coordinated_name(doc, site[0], sent.start)
        i += 1
    return found


def _restored_entities(doc: Doc) -> list[Span]:
    """spaCy's entities, an organisation's capitalised first words put back when the model left
    them out or cut the name in two: "KB Metals Corp." read as "Metals Corp.", "Tamsin
    Gold LB Subsidiary" as "Tamsin" + "LB Subsidiary"."""
    from spacy.tokens import Span

    out: list[Span] = []
    for ent in doc.ents:
        start = ent.start
        if ent.label_ == "ORG" and start > 0 and _lost_first_word(doc[start - 1]):
            start -= 1
        last = out[-1] if out else None
        if ent.label_ == "ORG" and last is not None and last.end == start and _name_head(last):
            out[-1] = Span(doc, last.start, ent.end, label="ORG")
            continue
        out.append(Span(doc, start, ent.end, label=ent.label_))
    return out


def _lost_first_word(prev: Token) -> bool:
    """A capitalised proper noun outside any entity, right before an organisation's name."""
    return (
        prev.ent_iob_ == "O"
        and prev.tag_ == "NNP"
        and prev.is_alpha
        and prev.text[:1].isupper()
        and not prev.is_sent_end
        and lowered(prev).rstrip(".") not in PERSON_TITLES | GENERIC_WORDS | DETERMINERS
        and country_of(prev.text) is None
        and plain_key(prev.text) not in countries().demonyms
    )


def _name_head(ent: Span) -> bool:
    """A one-word entity that may open an organisation's name: not a country, capital or
    demonym ("Tamsin" of "Tamsin Gold LB Subsidiary", not "China" of "China Minmetals")."""
    return (
        len(ent) == 1
        and ent.label_ in ("GPE", "PERSON", "ORG")
        and ent[0].is_alpha
        and ent[0].text[:1].isupper()
        and country_of(ent.text) is None
        and plain_key(ent.text) not in countries().capitals | countries().demonyms
    )


# What a bracket after a name may hold, as a token's whole text.
BRACKETED = re.compile(r"^(?:[A-Z][A-Za-z&.]{0,9}|" + SHORT_NAME.pattern + ")$")
TITLE_HEADS = HEAD_TITLES | {h.replace("'", "’") for h in HEAD_TITLES}


class NameAnnotator:
    """The `briefgen_names` component: acronym definitions and names after titles, per
    sentence, found with spaCy's Matcher and PhraseMatcher and checked by the rules above."""

    def __init__(self, nlp: Language) -> None:
        from spacy.matcher import Matcher, PhraseMatcher

        # Only plain ORTH/LOWER tests: a REGEX or IN predicate runs on every token of every
        # Doc (it was a third of the component); the bracket's text is checked on the matches.
        self.matcher = Matcher(nlp.vocab)
        self.matcher.add("ACRONYM", [[{"ORTH": "("}, {}, {"ORTH": ")"}]])
        known = [{"LOWER": "known"}, {"LOWER": "as"}]
        self.matcher.add(
            "KNOWN_AS",
            [[{"ORTH": ","}, *known], [{"ORTH": ","}, {"LOWER": "also"}, *known]],
        )
        # A title is one token ("co-founder" is three and is not a head title's match).
        heads = [nlp.make_doc(head) for head in sorted(TITLE_HEADS)]
        self.titles = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.titles.add("TITLE", [head for head in heads if len(head) == 1])

    def _matches(self, doc: Doc) -> list[tuple[str, int, int]]:
        """(kind, start, end) by start: ACRONYM "(" + a short name + ")", KNOWN_AS
        ", (also) known as", TITLE a head title ("minister")."""
        strings = doc.vocab.strings
        found = [
            (strings[match_id], start, end)
            for match_id, start, end in [*self.matcher(doc), *self.titles(doc)]
        ]
        found = [m for m in found if m[0] != "ACRONYM" or BRACKETED.search(doc[m[1] + 1].text)]
        found.sort(key=lambda m: m[1])
        return found

    def __call__(self, doc: Doc) -> Doc:
        from spacy.tokens import Span

        longs: list[Span] = []
        shorts: list[Span] = []
        titles: list[Span] = []
        titled: list[Span] = []
        words = _Words.of(doc)
        matches = self._matches(doc)
        k = 0
        for sent in doc.sents:
            while k < len(matches) and matches[k][1] < sent.start:
                k += 1
            while k < len(matches) and matches[k][1] < sent.end:
                kind, s, e = matches[k]
                k += 1
                if e > sent.end:
                    continue
                if kind == "ACRONYM":
                    if not _is_short_name(doc[s + 1].text):
                        continue
                    found = _definition(doc, sent.start, s)
                    if found is not None:
                        a, b, label = found
                        longs.append(Span(doc, a, b, label=label))
                        shorts.append(Span(doc, s + 1, s + 2, label=label))
                elif kind == "KNOWN_AS":
                    alias = _known_as(doc, sent.start, s, sent.end)
                    if alias is not None:
                        a, b, c, d = alias
                        longs.append(Span(doc, a, b, label="ORG"))
                        shorts.append(Span(doc, c, d, label="ORG"))
                elif is_capitalised(doc[s].text):
                    name = _title_led_name(doc, s, sent.start, sent.end)
                    if name is not None:
                        titles.append(Span(doc, s, s + 1, label="TITLE"))
                        titled.append(Span(doc, name[0], name[1], label="PERSON"))
        doc.spans[ACRONYMS] = longs
        doc.spans[ACRONYM_SHORTS] = shorts
        doc.spans[TITLES] = titles
        doc.spans[TITLED] = titled
        sents = list(doc.sents)
        doc.spans[NOT_PARTIES] = [s for sent in sents for s in _not_parties(doc, sent, words)]
        doc.spans[ENTITIES] = _restored_entities(doc)
        doc.spans[CORPORATE] = [s for sent in sents for s in _corporate(doc, sent, words)]
        doc.spans[DESCRIBED] = [s for sent in sents for s in _described(doc, sent, words)]
        doc.spans[PLACED] = [s for sent in sents for s in _placed(doc, sent, words)]
        return doc


@Language.factory(
    COMPONENT,
    assigns=["doc.spans"],
    requires=["token.pos", "doc.ents", "doc.sents"],
)
def make_name_annotator(nlp: Language, name: str) -> NameAnnotator:
    return NameAnnotator(nlp)
