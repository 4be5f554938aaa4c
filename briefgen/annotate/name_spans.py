"""Where a name starts and ends in a Doc, and the words around it, read with the word lists of
`data/names.toml`: the token-level readings the parties stage (`analyse/parties/`) asks for.

- `entity_pieces`, `clean_range`: an entity split at line breaks, bullets and parentheses, and
  trimmed of articles, possessives and titles, a hyphenated continuation joined;
- `person_after_title`, `titled_person`: a person's name after a title;
- `country_pair_parts`: countries run together ("U.S.-Pakistan");
- `not_a_name`: no letters, chrome, a common-noun acronym, a lone generic or title word, a
  minister's portfolio, or no proper noun;
- `title_before`, `title_after`: a person's title ("Commerce Minister Jam Kamal", "X, the Acting
  Deputy Chief of Mission");
- `heads`: whether a head title ties a person to the organisation named next to them ("Ofgem
  chief executive Jane Roe", "Jane Roe, president of Ofgem", "the head of Ofgem, Jane Roe");
  `leads`: whether a person is given as a country's leader ("Freedonian President Ana Reyes");
- `proper_here`, `runs_on`: whether a known name is used as one at a place in the text;
- `acronym_uses`, `used_as_common_noun`, `reads_as_common_word`, `lower_case_initials`: how
  an acronym is used ("an EV battery plant") and which lower-case words spell one.

Each function reads one Doc (or one span of it); what the readings mean across articles is
decided in `analyse/parties/`.
"""

from __future__ import annotations

import re
from weakref import WeakKeyDictionary

from spacy.tokens import Doc, Span, Token

from briefgen.annotate.names import (
    ARTICLES,
    BULLET_MARKS,
    CHROME,
    CONNECTORS,
    DETERMINERS,
    GENERIC_WORDS,
    GOVERNMENT_WORDS,
    HEAD_TITLES,
    HYPHENS,
    INDEFINITE_ARTICLES,
    INNER_CONNECTORS,
    LEADER_TITLES,
    LONE_NON_NAMES,
    PERSON_TITLES,
    PORTFOLIO_WORDS,
    POSSESSIVES,
    TITLE_WORDS,
    acronym_letters,
    content_words,
    countries,
    country_of,
    document_by_words,
    is_capitalised,
    looks_like_acronym,
    lowered,
    name_key,
    org_by_words,
    plain_key,
    token_bounds,
    token_texts,
)

MAX_NAME_TOKENS = 8  # longer "entities" are sentence fragments the model ran together
MAX_EXPANSION_WORDS = 6  # lower-case words that may spell out an acronym
COMMON_NOUN_TAGS = frozenset({"NN", "NNS"})
PROPER_NOUN_TAGS = frozenset({"NNP", "NNPS"})
# Countries run together: "U.S.-Pakistan", "Pakistan and the United States", "A, B".
COUNTRY_PAIR_BREAK = re.compile(r"(?<=[\w.])[-‐‑–](?=\w)|,? and (?:the )?|, (?:the )?")

# --------------------------------------------------------------------------- edges of a name


def entity_pieces(doc: Doc, start: int, end: int) -> list[tuple[int, int]]:
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
        lowered(tok) in DETERMINERS
        or lowered(tok) in POSSESSIVES
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
        or plain_key(text) in table.capitals
        or all(t.ent_type_ in ("GPE", "LOC") for t in before)
        or (len(before) == 1 and lowered(before[0]) in GENERIC_WORDS)
        or (
            len(before) == 1
            and before[0].pos_ == "PROPN"
            and len(after) >= 3
            and org_by_words(after.text)
        )
    )


def clean_range(doc: Doc, start: int, end: int, label: str, limit: int) -> tuple[int, int] | None:
    """Strip articles, possessives, punctuation and titles; join a hyphenated continuation."""
    while start < end and _strippable(doc[start]):
        start += 1
    table = countries()
    whole_country = country_of(doc[start:end].text) is not None  # "People's Republic of China"
    for k in range(start + 1, end - 2):  # "Jammu's Frontier Works Organisation": a place's org
        if whole_country:
            break
        if lowered(doc[k]) in POSSESSIVES and _is_possessor_only(doc[start:k], doc[k + 1 : end]):
            start = k + 1
            break
    if (  # "Local Bugis fishermen": a capitalised adjective only because it opens the sentence
        end - start > 1
        and (doc[start].is_sent_start or doc[start - 1].is_space)
        and doc[start].tag_ in ("JJ", "JJR", "JJS", "RB", "DT", "PDT")
        and plain_key(doc[start].text) not in table.demonyms
        and country_of(doc[start].text) is None
    ):
        start += 1
    while end > start and (lowered(doc[end - 1]) in POSSESSIVES or doc[end - 1].is_punct):
        end -= 1
    if label == "PERSON":  # "President Donald Trump" -> "Donald Trump" (the title is a role)
        while end - start > 1 and lowered(doc[start]).rstrip(".") in PERSON_TITLES:
            start += 1
    if label in ("ORG", "PERSON"):  # "Embassy Acting", "US Chargé": ran into the next title
        while (
            end - start > 1
            and lowered(doc[end - 1]) in TITLE_WORDS
            and lowered(doc[end - 2]) not in CONNECTORS
        ):
            end -= 1
    if label in ("ORG", "PERSON"):  # "Mota" + "-Engil"
        while (
            end + 1 < limit
            and not doc[end - 1].whitespace_
            and doc[end].text in HYPHENS
            and not doc[end].whitespace_
            and doc[end + 1].is_alpha
            and is_capitalised(doc[end + 1].text)
            and country_of(doc[end + 1].text) is None
        ):
            end += 2
    return (start, end) if start < end else None


def country_pair_parts(text: str) -> list[str] | None:
    """The countries of a name that runs several together ("U.S.-Pakistan", "Pakistan and the
    United States"), or None when it is not such a run."""
    if country_of(text):
        return None
    parts = COUNTRY_PAIR_BREAK.split(text)
    table = countries()
    if len(parts) < 2 or not all(country_of(p) or plain_key(p) in table.demonyms for p in parts):
        return None
    return parts


# --------------------------------------------------------------------------- people and titles


def person_after_title(doc: Doc, start: int, end: int) -> tuple[int, int] | None:
    """The name in a span that opens with a title: "Chargé d'Affaires Laura Brent" -> "Laura
    Brent" (two or three proper nouns, no company words); None otherwise."""
    i = start
    while i < end and is_capitalised(doc[i].text) and lowered(doc[i]).rstrip(".") in PERSON_TITLES:
        i += 1
    rest = doc[i:end]
    if i == start or not 2 <= len(rest) <= 3 or org_by_words(rest.text):
        return None
    if all(t.is_alpha and is_capitalised(t.text) and t.pos_ == "PROPN" for t in rest):
        return (i, end)
    return None


def titled_person(doc: Doc, start: int, end: int, lower: int) -> bool:
    """Whether a name the model took for an organisation or place is a person's, by the title
    right before it: "Lunga chief executive Mwila Banda" (two or three proper nouns, no company
    or country words)."""
    if not 2 <= end - start <= 3 or start - 1 < lower:
        return False
    before = [lowered(doc[k]).rstrip(".") for k in range(max(lower, start - 3), start)]
    if before[-1] not in PERSON_TITLES or not any(w in HEAD_TITLES for w in before):
        return False
    rest = doc[start:end]
    if org_by_words(rest.text) or country_of(rest.text) is not None:
        return False
    return all(t.is_alpha and is_capitalised(t.text) and t.pos_ == "PROPN" for t in rest)


def _is_break(token: Token) -> bool:
    return token.is_space or "\n" in token.text or token.text in BULLET_MARKS


def title_before(doc: Doc, first: int, floor: int, blocked: set[int]) -> str | None:
    """The title right before a name starting at token `first` (not before token `floor`, nor
    over `blocked` tokens): "Chargé d'Affaires Natalie Baker", "Commerce Minister"."""
    run: list[int] = []
    i = first - 1
    if i - 2 >= floor and doc[i].text == ")" and doc[i - 2].text == "(":
        i -= 3  # "Chief Executive Officer (CEO) Sarah Whitcombe"
    while i >= floor and i not in blocked and not _is_break(doc[i]):
        low = lowered(doc[i])
        if not (is_capitalised(doc[i].text) or low in CONNECTORS or low in TITLE_WORDS):
            break
        run.insert(0, i)
        i -= 1
    # Start at the first title word, or a word right before a head ("Commerce Minister");
    # skip what comes earlier ("Embassy Islamabad", "US").
    while run:
        low = lowered(doc[run[0]])
        nxt = lowered(doc[run[1]]) if len(run) > 1 else ""
        portfolio = (
            nxt in HEAD_TITLES
            and low not in CONNECTORS
            and country_of(doc[run[0]].text) is None
            and doc[run[0]].ent_type_ not in ("GPE", "NORP")
        )
        if low in TITLE_WORDS or portfolio:
            break
        run.pop(0)
    # End at the last title word unless an "of" complement follows it ("Minister of Finance");
    # capitalised words after it are a first name the model left out ("chief executive Ana").
    titled = [k for k, j in enumerate(run) if lowered(doc[j]) in TITLE_WORDS]
    if titled and not any(lowered(doc[j]) in CONNECTORS for j in run[titled[-1] :]):
        run = run[: titled[-1] + 1]
    while run and lowered(doc[run[-1]]) in CONNECTORS:
        run.pop()
    if not any(lowered(doc[j]) in HEAD_TITLES for j in run):
        return None
    return doc[run[0] : run[-1] + 1].text


def title_after(doc: Doc, end: int, ceiling: int) -> str | None:
    """An apposition after a name ending before token `end` (within the sentence, before
    `ceiling`): "Zach Harkenrider, the Acting Deputy Chief of Mission at ..."."""
    j = end
    if j >= ceiling or doc[j].text != ",":
        return None
    j += 1
    if j < ceiling and doc[j].lower_ in ARTICLES:
        j += 1
    run: list[int] = []
    while j < ceiling and len(run) < 10 and (doc[j].is_alpha or is_capitalised(doc[j].text)):
        run.append(j)
        j += 1
    heads = [k for k, t in enumerate(run) if lowered(doc[t]) in HEAD_TITLES]
    if not heads:
        return None
    h = heads[-1]
    for t in run[:h]:  # only title-like words before the head ("a company that hired ..." is not)
        if not (
            lowered(doc[t]) in TITLE_WORDS
            or is_capitalised(doc[t].text)
            or doc[t].pos_ in ("NOUN", "ADJ")
        ):
            return None
    end = h + 1
    if end + 1 < len(run) and doc[run[end]].lower_ == "of":  # "Chief of Mission"
        k = end + 1
        if doc[run[k]].lower_ == "the":
            k += 1
        if k < len(run) and is_capitalised(doc[run[k]].text):
            end = k + 1
            while end < len(run) and is_capitalised(doc[run[end]].text):
                end += 1
    return doc[run[0] : run[end - 1] + 1].text


MAX_TITLE_GAP = 6  # tokens between an organisation and its head: "chief executive officer of the"


def _title_gap(tokens: Span) -> bool:
    """Words that only make a title: title words, connectors, articles and commas, a head
    among them ("president of", ", the chief executive of the")."""
    words = [lowered(t) for t in tokens if t.text != ","]
    return (
        0 < len(tokens) <= MAX_TITLE_GAP
        and all(t.text == "," or lowered(t) in TITLE_WORDS | CONNECTORS | ARTICLES for t in tokens)
        and any(w in HEAD_TITLES for w in words)
    )


def heads(doc: Doc, org: tuple[int, int], person: tuple[int, int]) -> bool:
    """Whether the person (tokens [start, end)) heads the organisation named in the same
    sentence, by a head title between or around them: "Ofgem chief executive Jane Roe", "Jane
    Roe, president of Ofgem", "the head of Ofgem, Jane Roe"."""
    if person[1] <= org[0]:
        return _title_gap(doc[person[1] : org[0]])
    if org[1] > person[0]:
        return False
    if _title_gap(doc[org[1] : person[0]]):
        return True
    # "the head of [the] ORG, PERSON": a title before the organisation, a comma before the person
    if doc[org[1] : person[0]].text != ",":
        return False
    k = org[0] - 1
    if k >= 0 and lowered(doc[k]) in ARTICLES:
        k -= 1
    if k < 1 or lowered(doc[k]) != "of":
        return False
    return lowered(doc[k - 1]) in HEAD_TITLES


def _leader_title(tokens: Span) -> bool:
    """Title words only, naming a country's leader: "President", "Prime Minister"."""
    words = [lowered(t) for t in tokens]
    return (
        0 < len(words) <= MAX_TITLE_GAP
        and all(w in TITLE_WORDS for w in words)
        and any(
            " ".join(words[k : k + n]) in LEADER_TITLES
            for n in (1, 2)
            for k in range(len(words) - n + 1)
        )
    )


def leads(doc: Doc, place: tuple[int, int], person: tuple[int, int]) -> bool:
    """Whether the text gives the person (tokens [start, end)) as the leader of the country
    named in the same sentence: "Freedonian President Ana Reyes", "Freedonia's Prime Minister
    Ana Reyes", "Reyes, the Freedonian president"."""
    if place[1] <= person[0]:
        start = place[1]
        if start < person[0] and lowered(doc[start]) in POSSESSIVES:
            start += 1
        return _leader_title(doc[start : person[0]])
    if person[1] >= place[0] or doc[person[1]].text != ",":
        return False
    between = doc[person[1] + 1 : place[0]]
    if len(between) > 1 or any(lowered(t) not in ARTICLES for t in between):
        return False
    end = place[1]
    while end < len(doc) and lowered(doc[end]) in TITLE_WORDS:
        end += 1
    return _leader_title(doc[place[1] : end])


def government_by_words(name: str) -> bool:
    """The words of an organisation's name say government body: "Ministry of Mines"."""
    return any(w in GOVERNMENT_WORDS for w in name_key(name).split())


# --------------------------------------------------------------------------- not a name


def _before_title(tok: Token) -> bool:
    nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
    return nxt is not None and lowered(nxt) in HEAD_TITLES


def not_a_name(
    text: str,
    doc: Doc,
    start: int,
    end: int,
    label: str,
    common_acronyms: set[str],
    sentence_start: int = -1,
) -> bool:
    """`text`, at characters [start, end) of the Doc, is not a name: no letters, lower case,
    too long, chrome, a common-noun acronym, a lone generic or title word, a "person" that is
    the capitalised first word of its sentence (which starts at token `sentence_start`) before
    a lower-case noun ("Northstar copper prices fell"), or no proper noun in it ("• Identify")."""
    if looks_like_acronym(text) and acronym_letters(text) in common_acronyms:
        return True
    # The rest does not depend on `common_acronyms`: read once per mention (the parties stage
    # asks again as the common acronyms grow, and for every propagated copy).
    memo = _NOT_A_NAME.get(doc)
    if memo is None:
        memo = _NOT_A_NAME[doc] = {}
    key = (text, start, end, label, sentence_start)
    found = memo.get(key)
    if found is None:
        found = memo[key] = _not_a_name(text, doc, start, end, label, sentence_start)
    return found


_NOT_A_NAME: WeakKeyDictionary[Doc, dict[tuple[str, int, int, str, int], bool]] = (
    WeakKeyDictionary()
)


def _not_a_name(text: str, doc: Doc, start: int, end: int, label: str, sentence_start: int) -> bool:
    """`not_a_name` but for the common-noun acronyms."""
    if not any(c.isalpha() for c in text) or not is_capitalised(text):
        return True
    bounds = token_bounds(doc, start, end)
    span = (
        doc[bounds[0] : bounds[1]] if bounds else doc.char_span(start, end, alignment_mode="expand")
    )
    tokens = [t for t in span if not t.is_space] if span is not None else []
    if not tokens or len(tokens) > MAX_NAME_TOKENS or CHROME.match(text):
        return True
    if document_by_words(text):
        return True  # "Mineral Supply Security Act": a law, not a party
    content = [
        low.rstrip(".")
        for low, t in ((lowered(t), t) for t in tokens)
        if not t.is_punct and low not in CONNECTORS and low not in POSSESSIVES
    ]
    if not content:
        return True
    if len(content) == 1 and content[0] in LONE_NON_NAMES:
        return True  # "House", "Chargé", "Metals"
    if len(content) == 1 and content[0] in PORTFOLIO_WORDS and _before_title(tokens[-1]):
        return True  # "Transport" of "Transport Minister Frank Tayali"
    if all(w in PERSON_TITLES for w in content):
        return True
    if label == "PERSON" and _opens_before_a_noun(tokens, sentence_start):
        return True
    return (
        label != "NORP"
        and country_of(text) is None
        and not looks_like_acronym(text)
        and not any(t.pos_ == "PROPN" for t in tokens)
    )


def _opens_before_a_noun(tokens: list[Token], sentence_start: int) -> bool:
    """One word opening its sentence right before a lower-case common noun: capitalised only by
    its place ("Northstar copper prices"); a person's name seldom qualifies a noun."""
    if len(tokens) != 1 or tokens[0].i != sentence_start:
        return False
    doc, i = tokens[0].doc, tokens[0].i
    return i + 1 < len(doc) and doc[i + 1].is_lower and doc[i + 1].tag_ in COMMON_NOUN_TAGS


# --------------------------------------------------------------------------- a known name here


def proper_here(doc: Doc, i: int, limit: int) -> bool:
    """Whether a known one-word name at token i is used as a name here: a proper noun, an
    acronym, or a capitalised noun in subject position ("Trump took credit"; the tagger reads a
    sentence-initial "Trump" as the card-game noun)."""
    tok = doc[i]
    if tok.pos_ == "PROPN" or looks_like_acronym(tok.text):
        return True
    nxt = doc[i + 1] if i + 1 < limit else None
    return tok.pos_ == "NOUN" and nxt is not None and nxt.pos_ in ("VERB", "AUX")


def runs_on(doc: Doc, end: int, limit: int) -> bool:
    """A name ending before token `end` runs on into a longer one: a capitalised word follows
    that is not a title ("Tamsin Gold Chief Executive" ends at "Gold")."""
    after = doc[end] if end < limit else None
    return (
        after is not None
        and after.is_alpha
        and is_capitalised(after.text)
        and lowered(after) not in PERSON_TITLES
    )


# --------------------------------------------------------------------------- acronyms in use


def acronym_uses(span: Span) -> list[tuple[str, Token]]:
    """Acronym-shaped tokens of a span with the letters they spell ("EV", "EVs" -> "EV"),
    countries left out ("US")."""
    found = []
    doc = span.doc
    texts = token_texts(doc)
    for i in range(span.start, span.end):
        text = texts[i]
        if looks_like_acronym(text) and country_of(text) is None:
            letters = acronym_letters(text)
            if len(letters) >= 2:
                found.append((letters, doc[i]))
    return found


def _is_plural(tok: Token) -> bool:
    """A plural ("EVs", "MoUs") is a count noun, not a name."""
    return tok.text.endswith("s") and acronym_letters(tok.text) != tok.text.replace(".", "")


def used_as_common_noun(tok: Token, span: Span) -> bool:
    """Used before a common noun ("EV battery"), as a plural ("EVs"), or after an indefinite
    article ("an IPO"): the uses of a common noun."""
    if _is_plural(tok):
        return True
    prev = tok.doc[tok.i - 1] if tok.i > span.start else None
    if prev is not None and prev.lower_ in INDEFINITE_ARTICLES:
        return True
    nxt = tok.doc[tok.i + 1] if tok.i + 1 < span.end else None
    return nxt is not None and nxt.is_lower and nxt.is_alpha and nxt.tag_ in COMMON_NOUN_TAGS


def reads_as_common_word(tok: Token, span: Span) -> bool:
    """The tagger calls it a common word, or a lower-case adjective qualifies it ("a domestic
    EV industry")."""
    if tok.tag_ not in PROPER_NOUN_TAGS:
        return True
    prev = tok.doc[tok.i - 1] if tok.i > span.start else None
    return prev is not None and prev.is_lower and prev.tag_ in ("JJ", "JJR", "JJS")


def lower_case_initials(span: Span, wanted: set[str], prefixes: set[str]) -> set[str]:
    """Which of the `wanted` letter strings (`prefixes`: all their prefixes) a run of lower-case
    words ending in a noun spells: "electric-vehicle" -> EV, "liquefied natural gas" -> LNG,
    "rate of return" -> ROR."""
    spelled: set[str] = set()
    doc = span.doc
    content = content_words(doc)  # a run starts only at one, so most tokens are never made
    for i in range(span.start, span.end):
        if not content[i]:
            continue
        letters = ""
        words = 0
        for k in range(i, span.end):
            tok = doc[k]
            if tok.text in HYPHENS:
                continue
            if tok.lower_ in INNER_CONNECTORS and tok.is_lower:
                continue
            if not content[k] or words == MAX_EXPANSION_WORDS:
                break
            letters += tok.text[0].upper()
            words += 1
            if letters not in prefixes:
                break
            if letters in wanted and words >= 2 and tok.tag_ in COMMON_NOUN_TAGS:
                spelled.add(letters)
    return spelled
