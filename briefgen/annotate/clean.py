"""Corpus → content sentences: site chrome, headings and list fragments removed.

Works on lines first, then on spaCy's sentences inside each line, because spaCy happily glues a
heading line onto the sentence after it ("Looking Ahead\\n\\nThe MoU marks ..."). The rules look
at shape only (line length and case, final punctuation, a finite verb, second-person address,
lines repeated at the edges of otherwise unrelated articles), never at particular strings.

A line is one unit, except that
- hard-wrapped paragraphs are joined back (a full-width line without final punctuation),
- a lead-in ending in ":" is joined to the quotation that follows it, and
- a lead-in ending in ":" followed by a list of fragments ("The meeting was attended by:" +
  names) becomes one sentence "lead-in: item; item; item." so the list's facts survive.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise

from spacy.tokens import Doc, Span, Token

from briefgen.annotate.dates import DateMention
from briefgen.annotate.dates import read as read_date
from briefgen.corpus import ParsedArticle, Sentence, doc_text, span_ents
from briefgen.data import load as load_data

# A list marker (matched at a line's start with .match): symbols, "1." / "1)" / "a)". Digits need
# the dot or parenthesis and a space, so a sentence that opens with a figure is not a list item.
BULLET = re.compile(r"(?:[•·▪◦‣●○■□►▶✓✔\-\*–—]|\(?\d{1,2}[.)]|\(?[a-z][)])\s+")
# A dateline: a place in capitals or a site's name, maybe a day and an agency, then a dash; or
# only the day and agency ("Feb 3 (Wire) - "), or only the agency ("(Wire) -- ").
_DATELINE_PLACE = (
    r"(?:[A-Z]{3,}(?:[ ,.'’-]{1,2}[A-Z]{2,}){0,3}\.?"  # ISLAMABAD, NEW YORK
    r"|[A-Z][\w&'’-]*\.[a-z]{2,3})"  # a site that reports under its own name: Example.com
)
_DATELINE_DAY = r"[A-Z][a-z]{2,8}\.?\s+\d{1,2}"  # March 14
_DATELINE_AGENCY = r"\([^)\n]{1,30}\)"  # (Reuters)
DATELINE = re.compile(
    rf"(?:{_DATELINE_PLACE}(?:,\s*{_DATELINE_DAY})?(?:\s*{_DATELINE_AGENCY})?"
    rf"|{_DATELINE_DAY}\s*{_DATELINE_AGENCY}"
    rf"|{_DATELINE_AGENCY})"
    r"\s*[—–-]{1,2}\s+(?=[A-Z“\"])"
)
# A place and a colon ("Muscat: Oman ..."): a dateline when the words before the colon
# name no person or organisation (see `_trim_dateline`).
PLACE_COLON = re.compile(r"([A-Z][\w’'.-]*(?: [A-Z][\w’'.-]*){0,2}):\s+(?=[A-Z“\"])")
# The day in a dateline ("March 14"), for `dateline_day`.
DATELINE_DAY = re.compile(_DATELINE_DAY)
# A photo credit ("AGENCY/First Last"): the line is a picture caption, not the story.
# Two names after the slash, so "US/Canada" is not a credit.
PHOTO_CREDIT = re.compile(r"\b[A-Z]{2,}(?: Photo)?/[A-Z][a-z]+ [A-Z][a-z]+")
# A piece ending in a short capitalised abbreviation ("Oct.", "St.") that the next piece
# continues with a number ("4, ...") was split inside a phrase.
ABBREVIATION_END = re.compile(r"\b[A-Z][a-z]{1,3}\.$")
_WORDS = load_data("clean")


def _alternation(phrases: list[str]) -> str:
    return "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True))


# ", opens new tab" after a link's words: screen-reader text printed into the story.
LINK_LABEL = re.compile(rf",?\s*\b(?:{_alternation(_WORDS['link_labels'])})\b,?", re.I)
# "(left)", "(second from right)": a picture caption placing the people in it.
PICTURE_POSITION = re.compile(rf"\((?:{_alternation(_WORDS['picture_positions'])})\)", re.I)
# "Photo credit:", "Image:", "FILE PHOTO:" (capitalised): a caption and its credit.
CREDIT_LABEL = re.compile(rf"(?<![\w-])(?:{_alternation(_WORDS['credit_labels'])}):", re.I)
AUTHOR_ROLES = frozenset(_WORDS["author_roles"])
CREDIT_PHRASE = re.compile(rf"\b(?:{_alternation(_WORDS['credit_phrases'])})\b", re.I)
DATELINE_UNITS = 5  # a dateline opens the story: look for it in its first lines only
FINAL = tuple(".!?")
CLOSERS = "\"'”’)]»"
OPEN_QUOTES = '“"‘«'
FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})
SECOND_PERSON = frozenset({"you", "your", "yours", "yourself"})
PLACES = frozenset({"GPE", "LOC"})
ARTICLES = frozenset({"a", "an", "the"})
YEAR = re.compile(r"\b(?:19|20)\d\d\b")
DAY_NUMBER = re.compile(r"\b\d{1,2}(?:st|nd|rd|th)?\b")
PICTURE_AGE = 2  # years: a present-tense scene this much older than the story is a file picture
NAMED = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "PRODUCT", "LAW"})

MIN_WORDS = 4  # "He was with the delegation." is the shortest kind of fact worth keeping
MIN_BULLET_WORDS = 6  # a list item without a final stop must look like a whole sentence
# A statement the tagger finds no finite verb in ("The offer values Acme at $3 billion, up from
# $2 billion.", "$200 million of preferred stock bought by the agency at $50 a share.") is kept
# when it is this long, ends like a sentence (or is a list item) and gives money or a percentage.
MIN_VERBLESS_WORDS = 10
CURRENCY_SIGNS = frozenset("$£€¥₹")
LIST_MAX_ITEMS = 10  # a lead-in list longer than this is a table, not a sentence
LIST_MAX_WORDS = 70
WRAP_MAX_WIDTH = 120  # hard-wrapped text is at most this wide (e-mail, plain-text wires)
EDGE_UNITS = 4  # header/footer zone, in units, for boilerplate detection
COPY_SHARE = 0.5  # articles sharing this share of their lines are copies, not a shared template


@dataclass
class _Unit:
    """A stretch of one article's text that is read as one block (usually one line)."""

    start: int  # char offsets into doc.text, list marker excluded
    end: int
    bullet: bool
    indent: int
    para: int  # paragraph number: blank lines separate paragraphs
    items: tuple[tuple[int, int], ...] = ()  # for a lead-in joined with its list


def content_sentences(corpus: list[ParsedArticle]) -> list[Sentence]:
    """Every article's content sentences, in corpus and reading order, re-indexed per article."""
    candidates = [list(_candidates(parsed.doc)) for parsed in corpus]
    keys = [[_key(text) for _, text in found] for found in candidates]  # each once
    boilerplate = _boilerplate_keys(candidates, keys)
    out: list[Sentence] = []
    for a_index, (parsed, found) in enumerate(zip(corpus, candidates, strict=True)):
        seen: set[str] = set()
        index = 0
        for (span, text), key in zip(found, keys[a_index], strict=True):
            if key in boilerplate or key in seen:
                continue
            seen.add(key)
            out.append(Sentence(parsed.source_id, a_index, index, span, text))
            index += 1
    return out


# ---------------------------------------------------------------------------- units (lines)


def _lines(text: str) -> Iterable[tuple[int, int, int, int]]:
    """(start, end, indent, paragraph) of every non-blank line, whitespace trimmed."""
    para = 0
    offset = 0
    blank = False
    for line in text.split("\n"):
        start, offset = offset, offset + len(line) + 1
        if not line.strip():
            blank = True
            continue
        if blank:
            para += 1
            blank = False
        lead = len(line) - len(line.lstrip())
        yield start + lead, start + len(line.rstrip()), lead, para


def _raw_units(text: str) -> list[_Unit]:
    units = []
    for start, end, indent, para in _lines(text):
        marker = BULLET.match(text, start, end)
        bullet = marker is not None and marker.end() < end
        if bullet and marker is not None:
            start = marker.end()
        units.append(_Unit(start, end, bullet, indent, para))
    return units


def _ends_sentence(text: str) -> bool:
    return text.rstrip(CLOSERS).endswith(FINAL)


def _join_wrapped(units: list[_Unit], text: str, doc: Doc) -> list[_Unit]:
    """Join hard-wrapped lines back into their paragraph line."""
    widths = sorted(u.end - u.start for u in units)
    wide = widths[int(0.9 * (len(widths) - 1))] if widths else 0
    wrapped = 40 <= wide <= WRAP_MAX_WIDTH
    out: list[_Unit] = []
    for unit in units:
        if out and out[-1].para == unit.para and not unit.bullet:
            prev = out[-1]
            prev_text = text[prev.start : prev.end]
            head = text[unit.start : unit.start + 1]
            full = wrapped and (prev.end - prev.start) >= 0.75 * wide
            open_end = not _ends_sentence(prev_text) and not prev_text.endswith(":")
            # A line that starts in lower case continues the one before it (wrapped text, or a
            # list item running onto a second line). In wrapped text, so does a line after one
            # that stops on a small word ("Acme said on" / "Monday it ...") or after an
            # abbreviation before a number ("on Oct." / "4, the day ...").
            cut_short = wrapped and (
                (open_end and _ends_on_small_word(doc, prev.end))
                or (head.isdigit() and ABBREVIATION_END.search(prev_text) is not None)
            )
            if (open_end and (head.islower() or full)) or cut_short:
                prev.end = unit.end
                continue
        out.append(unit)
    return out


def _ends_on_small_word(doc: Doc, end: int) -> bool:
    """The text before `end` stops on a function word ("on", "the", "and"): it runs on."""
    span = doc.char_span(max(end - 1, 0), end, alignment_mode="expand")
    return span is not None and len(span) > 0 and span[-1].is_stop and span[-1].is_lower


def _join_leadins(units: list[_Unit], doc: Doc, text: str) -> list[_Unit]:
    """Join "X said:" to the quotation after it, and "attended by:" to a list of fragments."""
    out: list[_Unit] = []
    i = 0
    while i < len(units):
        unit = units[i]
        body = text[unit.start : unit.end]
        if body.endswith(":") and i + 1 < len(units):
            nxt = units[i + 1]
            if not nxt.bullet and text[nxt.start] in OPEN_QUOTES:
                out.append(_Unit(unit.start, nxt.end, unit.bullet, unit.indent, unit.para))
                i += 2
                continue
            items = _list_after(units, i + 1)
            if items and _fragment_list(items, doc, text):
                out.append(
                    _Unit(
                        unit.start,
                        items[-1].end,
                        unit.bullet,
                        unit.indent,
                        unit.para,
                        items=tuple((it.start, it.end) for it in items),
                    )
                )
                i += 1 + len(items)
                continue
        out.append(unit)
        i += 1
    return out


def _list_after(units: list[_Unit], first: int) -> list[_Unit]:
    """The run of list items at one indentation starting at `first` (empty if nested)."""
    items: list[_Unit] = []
    for unit in units[first:]:
        if not unit.bullet:
            break
        if items and unit.indent != items[0].indent:
            return []  # a nested list has structure a flat sentence would lose
        items.append(unit)
    return items


def _fragment_list(items: list[_Unit], doc: Doc, text: str) -> bool:
    if not 2 <= len(items) <= LIST_MAX_ITEMS:
        return False
    words = sum(len(text[u.start : u.end].split()) for u in items)
    if words > LIST_MAX_WORDS:
        return False
    return not any(_has_finite_verb(_span(doc, u.start, u.end)) for u in items)


# ---------------------------------------------------------------------------- sentences


def _candidates(doc: Doc) -> Iterable[tuple[Span, str]]:
    """(span, text) of every sentence-like piece of the article, before corpus-level checks."""
    text = doc_text(doc)  # built from the tokens on every access: read it once
    units = _join_leadins(_join_wrapped(_raw_units(text), text, doc), doc, text)
    sents = list(doc.sents)
    starts = [s.start_char for s in sents]
    story_year = _story_year(text)
    for u_index, unit in enumerate(units):
        if is_caption(text[unit.start : unit.end]):
            continue  # a picture caption, however many sentences it has
        lead_end = unit.end
        if unit.items:
            lead_end = text.rfind(":", unit.start, unit.items[0][0]) + 1
        lead = _Unit(unit.start, lead_end, unit.bullet, unit.indent, unit.para)
        pieces = _pieces(text, lead, sents, starts)
        first = _span(doc, *pieces[0]) if pieces else None
        if first is not None and is_file_picture(first, story_year):
            continue  # the caption of an old picture, and its notes
        if unit.items and pieces:
            # Sentences before the lead-in stand alone; the lead-in takes the list.
            *pieces, (list_start, _) = pieces
        if u_index >= len(units) - EDGE_UNITS and first is not None and _author_note(first):
            continue  # "Jane Roe is a journalist ...": the note on the author at the foot
        for n, (start, end) in enumerate(pieces):
            last = n == len(pieces) - 1 and not unit.items
            if n == 0 and u_index < DATELINE_UNITS:
                start = _trim_dateline(doc, text, start, end)
            start, end = _trim_quotes(text, start, end)
            span = _span(doc, start, end)
            if span is not None and _is_sentence(span, text[start:end], last, unit.bullet):
                yield span, _without_link_labels(" ".join(text[start:end].split()))
        if unit.items:
            yield from _list_sentence(doc, text, list_start, lead_end, unit.items)


def _author_note(span: Span) -> bool:
    """Opens with a person's name, then "is a/an" and a writer's role ("Jane Roe is a freelance
    journalist ..."): the note about the author of the piece."""
    ents = span_ents(span)
    if not ents or ents[0].label_ != "PERSON" or ents[0].start != span.start:
        return False
    after = span.doc[ents[0].end : min(ents[0].end + 2, span.end)]
    if [t.lower_ for t in after] not in (["is", "a"], ["is", "an"]):
        return False
    role_words = span.doc[ents[0].end + 2 : min(ents[0].end + 8, span.end)]
    return any(t.lower_ in AUTHOR_ROLES for t in role_words)


def _story_year(text: str) -> int | None:
    """The year the article names most often (the latest of equals): the story's own year."""
    counts: dict[int, int] = defaultdict(int)
    for found in YEAR.finditer(text):
        counts[int(found.group())] += 1
    return max(counts, key=lambda y: (counts[y], y)) if counts else None


def _pieces(text: str, unit: _Unit, sents: list[Span], starts: list[int]) -> list[list[int]]:
    """spaCy's sentences clipped to the unit, with bad splits repaired."""
    import bisect

    first = max(bisect.bisect_right(starts, unit.start) - 1, 0)
    pieces: list[list[int]] = []
    for k in range(first, len(sents)):
        sent = sents[k]
        if sent.start_char >= unit.end:
            break
        start, end = max(sent.start_char, unit.start), min(sent.end_char, unit.end)
        piece = text[start:end]
        start += len(piece) - len(piece.lstrip())
        end -= len(piece) - len(piece.rstrip())
        if end <= start:
            continue
        head = text[start]
        prev = text[pieces[-1][0] : pieces[-1][1]] if pieces else ""
        # spaCy sometimes splits after an abbreviation ("U.S. firm", "on Oct. 4") or a lead-in
        # colon: a piece starting in lower case, or with a number after an abbreviation, or
        # following a colon, belongs to the one before.
        if pieces and (
            head.islower()
            or prev.endswith(":")
            or (head.isdigit() and ABBREVIATION_END.search(prev))
        ):
            pieces[-1][1] = end
        else:
            pieces.append([start, end])
    return pieces


def is_caption(line: str) -> bool:
    """A picture caption: a credit ("WIRE/Jane Roe", "Photo credit: ...", "Image courtesy of
    ...") or people placed in the picture ("Jane Roe (left) shakes hands with ...")."""
    if PHOTO_CREDIT.search(line) or PICTURE_POSITION.search(line) or CREDIT_PHRASE.search(line):
        return True
    return any(m.group(0)[0].isupper() for m in CREDIT_LABEL.finditer(line))


def _without_link_labels(text: str) -> str:
    """The sentence without the screen-reader text of its links (", opens new tab")."""
    if not LINK_LABEL.search(text):
        return text
    return " ".join(LINK_LABEL.sub(" ", text).split()).replace(" ,", ",")


def _trim_dateline(doc: Doc, text: str, start: int, end: int) -> int:
    """Skip a dateline ("ISLAMABAD — ", "LONDON (Reuters) - ", "Feb 3 (Reuters) - ",
    "Muscat: ") at the start of a story."""
    match = DATELINE.match(text, start, end)
    if match:
        return match.end()
    place = PLACE_COLON.match(text, start, end)
    if place:
        # A place (the small model does not always see one at a story's top), not a speaker or
        # a company ("Jane Roe: We agreed ...").
        span = _span(doc, place.start(1), place.end(1))
        ents = span_ents(span) if span is not None else []
        if all(e.label_ in PLACES for e in ents):
            return place.end()
    return start


def dateline_day(doc: Doc) -> DateMention | None:
    """The day and month a story's dateline gives ("March 14" of "LONDON, March 14 (Wire) - ");
    None without one. The year is not written there: `analyse.calendar.dateline_date` infers
    it, so the article's relative dates ("on Wednesday") can be placed."""
    text = doc_text(doc)
    for line_no, (start, end, _, _) in enumerate(_lines(text)):
        if line_no >= DATELINE_UNITS:
            break
        match = DATELINE.match(text, start, end)
        day = DATELINE_DAY.search(match.group(0)) if match else None
        if day is not None:
            mention = read_date(day.group(0))
            return mention if mention.month is not None and mention.day is not None else None
    return None


def _trim_quotes(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop an opening quote mark that is never closed (a quote split across sentences)."""
    body = text[start:end]
    if body[:1] in OPEN_QUOTES:
        curly_open, curly_close = body.count("“"), body.count("”")
        unbalanced = curly_open > curly_close if body[0] == "“" else body.count(body[0]) % 2 == 1
        if unbalanced:
            start += 1
            while start < end and text[start].isspace():
                start += 1
    return start, end


def _list_sentence(
    doc: Doc, text: str, start: int, lead_end: int, items: tuple[tuple[int, int], ...]
) -> Iterable[tuple[Span, str]]:
    """One sentence from a lead-in and its list of fragments: "lead-in: a; b; c."."""
    lead = " ".join(text[start:lead_end].split())
    parts = [" ".join(text[s:e].split()).rstrip(";,.") for s, e in items]
    span = _span(doc, start, items[-1][1])
    lead_span = _span(doc, start, lead_end)
    if span is None or not lead[:1].isupper() or not _has_finite_verb(lead_span):
        return
    yield span, f"{lead} {'; '.join(parts)}."


def _span(doc: Doc, start: int, end: int) -> Span | None:
    return doc.char_span(start, end, alignment_mode="expand")


def _has_finite_verb(span: Span | Sequence[Token] | None) -> bool:
    return span is not None and any(t.tag_ in FINITE_TAGS for t in span)


def _is_sentence(span: Span, text: str, last: bool, bullet: bool) -> bool:
    """Whether a piece of text reads as a sentence of the article (not chrome or a heading)."""
    tokens = list(span)  # made once for the several readings below
    words = [t for t in tokens if t.is_alpha or t.like_num]
    opening = text[:1]
    if len(words) < MIN_WORDS or not (
        opening.isupper() or opening in OPEN_QUOTES or opening in CURRENCY_SIGNS
    ):
        return False
    if text.endswith(":"):
        return False  # a lead-in whose list or quote could not be attached
    # Headings, bylines, "Related Posts", share bars: no final stop. A list item may lack one,
    # but not when it is the headline of another story ("Minister resigns over port deal").
    if (
        last
        and not _ends_sentence(text)
        and (not bullet or len(words) < MIN_BULLET_WORDS or _headlinese(tokens))
    ):
        return False
    if not (_has_finite_verb(tokens) or _verbless_statement(tokens, text, words, bullet)):
        return False
    if _title_case(tokens) or _imperative(tokens):
        return False
    return not _addresses_reader(span, tokens)


def _headlinese(span: Sequence[Token]) -> bool:
    """Written like a headline: no article ("a", "the") and its verbs in the present tense
    ("Minister resigns over port deal after protests")."""
    if any(t.lower_ in ARTICLES for t in span):
        return False
    finite = [t for t in span if t.tag_ in FINITE_TAGS]
    return bool(finite) and all(t.tag_ in ("VBZ", "VBP") for t in finite)


def is_file_picture(span: Span, story_year: int | None) -> bool:
    """A caption of an old picture: told in the present tense and ending on a date at least
    PICTURE_AGE years before the story's year ("Workers walk past the plant in Perth, on May 5,
    2016.")."""
    if story_year is None:
        return False
    finite = [t for t in span if t.tag_ in FINITE_TAGS]
    if not finite or not all(t.tag_ in ("VBZ", "VBP") for t in finite):
        return False
    tail = span[-2:] if span[-1].is_punct else span[-1:]
    date = next((e for e in span_ents(span) if e.label_ == "DATE" and e.end >= tail.end - 1), None)
    if date is None or not DAY_NUMBER.search(date.text):
        return False  # a picture is dated to the day; "by mid-2027" is a plan
    year = YEAR.search(date.text)
    return year is not None and int(year.group()) <= story_year - PICTURE_AGE


def _verbless_statement(span: Sequence[Token], text: str, words: list[Token], bullet: bool) -> bool:
    """A long statement of figures the tagger found no finite verb in: a participle or
    gerund carries it ("bought by", "representing"), or the verb was read as a noun."""
    if not (bullet or _ends_sentence(text)) or len(words) < MIN_VERBLESS_WORDS:
        return False
    # Money or a percentage: the terms of a deal, not a promotional line ("... across 40 trade
    # titles.") whose imperative the tagger missed.
    has_terms = any(t.tag_ == "$" or t.text == "%" or t.lower_ == "percent" for t in span)
    return has_terms and any(t.pos_ in ("VERB", "AUX") for t in span)


def _title_case(span: Sequence[Token]) -> bool:
    """Every content word capitalised: a headline or section heading."""
    content = [t for t in span if t.is_alpha and not t.is_stop]
    return len(content) >= 2 and all(t.text[0].isupper() for t in content)


def _imperative(span: Sequence[Token]) -> bool:
    """Opens with a bare verb ("Subscribe to ...", "Click here ..."): a call to action.
    A quoted command ("“Stop the war,” protesters chanted.") is reported speech, not chrome."""
    first = next((t for t in span if not t.is_space), None)
    return first is not None and first.tag_ == "VB"


def _addresses_reader(span: Span, tokens: Sequence[Token]) -> bool:
    """Talks to the reader ("you", "your") outside a quotation and names nobody: site chrome
    (`tokens`: the span's tokens)."""
    if any(e.label_ in NAMED for e in span_ents(span)):
        return False
    depth = 0
    for t in tokens:
        if t.text in ("“", "‘") or (t.text == '"' and depth == 0):
            depth += 1
        elif t.text in ("”", "’", '"') and depth:
            depth -= 1
        elif depth == 0 and t.lower_ in SECOND_PERSON:
            return True
    return False


# ---------------------------------------------------------------------------- boilerplate


def _key(text: str) -> str:
    """Comparison key: case, digits and spacing do not make two lines different."""
    return re.sub(r"\d+", "0", " ".join(text.lower().split()))


def _boilerplate_keys(
    candidates: list[list[tuple[Span, str]]], keys_by_article: list[list[str]]
) -> set[str]:
    """Anonymous sentences repeated at the top or bottom of articles that otherwise differ.

    Newsroom templates ("All stories are checked by two editors.") repeat across unrelated
    articles in the header or footer and name nobody; a quotation repeated by two outlets sits
    in the body, a press release's lead names its parties, and a syndicated copy shares most of
    its lines, so none of those counts. `keys_by_article`: the `_key` of every candidate.
    """
    where: dict[str, set[int]] = defaultdict(set)
    edge: dict[str, set[int]] = defaultdict(set)
    keys_of: list[set[str]] = []
    for a, keys in enumerate(keys_by_article):
        keys_of.append(set(keys))
        # The header and footer: a quarter of the article at each end, at most EDGE_UNITS lines.
        zone = max(1, min(EDGE_UNITS, len(keys) // 4))
        for i, key in enumerate(keys):
            where[key].add(a)
            if i < zone or i >= len(keys) - zone:
                edge[key].add(a)
    # A line that names someone is news even when repeated (a press release's lead, a company
    # profile): only anonymous lines can be templates.
    named = {
        key
        for found, keys in zip(candidates, keys_by_article, strict=True)
        for (span, _), key in zip(found, keys, strict=True)
        if any(e.label_ in NAMED for e in span_ents(span))
    }
    out = set()
    for key, articles in where.items():
        if len(articles) < 2 or edge[key] != articles or key in named:
            continue
        ordered = sorted(articles)
        pairs = list(pairwise(ordered))
        copies = sum(1 for x, y in pairs if _copies(keys_of[x] - {key}, keys_of[y] - {key}))
        if copies < 0.5 * len(pairs):
            out.add(key)
    return out


def _copies(a: set[str], b: set[str]) -> bool:
    """Two articles share at least COPY_SHARE of their (other) lines: one story, re-posted."""
    return bool(a and b) and len(a & b) >= COPY_SHARE * min(len(a), len(b))


# ---------------------------------------------------------------------------- headlines
# A headline (`Article.title`, a line at the top of a plain-text file) and a key point cut down
# to a title are strings, not sentences of a Doc: these read their words for `analyse/titles.py`.

HEADLINE_FUNCTION_WORDS = frozenset(_WORDS["headline_function_words"])
BYLINE = re.compile(rf"^(?:{_alternation(_WORDS['byline_openers'])})\s", re.I)
ATTRIBUTION = re.compile(
    rf"^(?:{_alternation(_WORDS['attribution_openers'])})[^,]{{0,80}},\s*", re.IGNORECASE
)
# Where a trailing clause starts: a comma, a spaced dash, a semicolon or colon, or a clause opener.
CLAUSE_BREAK = re.compile(rf",\s|\s[—–]\s|;\s|:\s|\s(?:{_alternation(_WORDS['clause_openers'])})\s")


def is_byline(line: str) -> bool:
    """The line names who wrote the piece ("By Jane Roe", "Posted by ...")."""
    return BYLINE.match(line) is not None


def without_dateline(text: str) -> str:
    """The text without a dateline at its start ("SANTIAGO — ", "LONDON (Wire) - ")."""
    match = DATELINE.match(text)
    return text[match.end() :] if match else text


def without_attribution(text: str) -> str:
    """The text without an opening attribution ("According to officials, ")."""
    return ATTRIBUTION.sub("", text, count=1)


def main_clause_end(text: str, min_words: int) -> int | None:
    """Where the first trailing clause after `min_words` words starts, if one does."""
    for match in CLAUSE_BREAK.finditer(text):
        if len(text[: match.start()].split()) >= min_words:
            return match.start()
    return None
