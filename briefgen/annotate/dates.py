"""Dates and times: every date or time expression of an article, read once.

The component `briefgen_dates` takes spaCy's DATE entities (and EVENT entities that are holidays)
plus the time phrases the model leaves out ("recently", "at the time", "within 18 months") and
writes them to `doc.spans["dates"]`, each labelled with its kind and carrying, in
`span._.date`, plain data (so it survives the DocBin cache and worker processes):

- kind: a point in time ("July 31", "Monday", "last month", "2025"), a duration ("six-year",
  "10 years"), a frequency ("each year") or a vague period ("in recent months", "today");
- a duration's length: its amount and unit ("four months" = 4 month, "at least" a floor), and,
  when it is the length of something ("banned for four months", "a four-month ban"), what it
  measures: the lemmas of that noun or of the nouns of its clause (`measures`);
- the calendar parts the text gives (year, month, day, weekday), parsed by python-dateutil;
- a relative expression as an offset and a unit, not resolved ("yesterday" = -1 day, "last
  month" = -1 month, "two years ago" = -2 years, "next Monday" = weekday 0, +1 week);
- orientation: "past" when the expression (or the phrase around it in its sentence: "in
  2020" in a past clause, "by 2030") points to a time before the event, "future" when to a
  time ahead, None otherwise; `own_orientation` is what its own words say ("last year").

Placing relative dates on the calendar needs the article's date and is pure arithmetic: it is in
`briefgen.analyse.calendar`. The analysis reads `DateMention`s through `mentions(span)` and
`date_of(span)`, never the words. The word lists and phrase patterns are in data/dates.toml.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import asdict, dataclass
from datetime import datetime
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Literal, cast

from dateutil import parser as dateutil_parser
from spacy.language import Language
from spacy.tokens import Doc, Span

from briefgen.annotate.per_doc import once_per_doc
from briefgen.data import load as load_data

if TYPE_CHECKING:
    from collections.abc import Iterable

FACTORY = "briefgen_dates"
SPANS_KEY = "dates"
EXTENSION = "date"
DATA_FILE = "dates"

Kind = Literal["point", "duration", "frequency", "vague"]
Unit = Literal["day", "week", "month", "quarter", "season", "year", "decade"]
Orientation = Literal["past", "future"]
KINDS: tuple[Kind, ...] = ("point", "duration", "frequency", "vague")

YEAR = r"(?:19|20)\d\d"
LINE = re.compile(r"[^\n]+")
# A year token: "2025", also inside "FY2025" or "mid-2027"; not a decade ("1990s").
YEAR_IN_WORD = re.compile(rf"(?<!\d){YEAR}(?!\d|s\b)")
# dateutil fills what the text does not give from a default date: parsed twice with two
# defaults, a field is the text's own when both parses agree on it.
DEFAULTS = (datetime(1904, 1, 1), datetime(1908, 2, 2))


@dataclass(frozen=True)
class DateMention:
    """One date or time expression, as written and as read; nothing resolved."""

    text: str  # whitespace-normalised, as written
    kind: Kind
    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None  # 0 = Monday
    offset: int | None = None  # relative to the article's own time, in `unit`s
    unit: Unit | None = None
    orientation: Orientation | None = None  # said by its own words or by its sentence
    own_orientation: Orientation | None = None  # said by its own words ("last year")
    holiday: bool = False
    entity: bool = True  # a DATE/EVENT entity of the model (False: a time phrase it missed)
    phrase: str | None = None  # the sentence's time phrase around it ("in 2027", "by 2030")
    amount: float | None = None  # a duration's count ("four months" = 4)
    length_unit: str | None = None  # a duration's unit ("month")
    at_least: bool = False  # the duration is a floor ("for at least four months")
    measures: str | None = None  # lemmas of what the duration is the length of ("ban export")

    @property
    def days(self) -> float | None:
        """A duration's length in days, to compare lengths written in different units."""
        if self.amount is None or self.length_unit is None:
            return None
        per_day = length_words().days.get(self.length_unit)
        return self.amount * per_day if per_day is not None else None

    @property
    def is_point(self) -> bool:
        return self.kind == "point"

    @property
    def is_relative(self) -> bool:
        """Placed only by the article's own date: "Monday", "last month", "yesterday"."""
        if self.offset is not None:
            return True
        return self.weekday is not None and self.month is None and self.year is None

    @property
    def names_day(self) -> bool:
        """The expression names one day: a calendar day, a weekday, "yesterday", a holiday."""
        return (
            (self.month is not None and self.day is not None)
            or self.weekday is not None
            or self.unit == "day"
            or self.holiday
        )

    @property
    def is_event_day(self) -> bool:
        """A day news copy uses for the event's own time: today, yesterday, tomorrow, this
        week, or a weekday without a calendar date."""
        if self.month is not None or self.year is not None:
            return False
        if self.unit == "day" and self.offset is not None and abs(self.offset) <= 1:
            return True
        if self.unit == "week" and self.offset == 0 and self.weekday is None:
            return True
        return self.weekday is not None and self.offset is None

    def to_data(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> DateMention:
        return cls(**data)


# --------------------------------------------------------------------------- data


@dataclass(frozen=True)
class _Words:
    days: dict[str, int]
    shift: dict[str, int]
    units: dict[str, Unit]
    counts: dict[str, int]
    frequency: re.Pattern[str]
    duration: re.Pattern[str]
    holiday: re.Pattern[str]
    anchored_elsewhere: frozenset[str]
    past: re.Pattern[str]
    in_year: re.Pattern[str]
    future: re.Pattern[str]
    scheduled: re.Pattern[str]
    future_tense: re.Pattern[str]
    clause_break: re.Pattern[str]


def _fill(pattern: str) -> str:
    info = dateutil_parser.parserinfo()
    months = "|".join(names[-1].lower() for names in info.MONTHS if names[-1] != "May")
    weekdays = "|".join(names[-1].lower() for names in info.WEEKDAYS)
    return pattern.replace("{month}", f"(?:{months})").replace("{weekday}", f"(?:{weekdays})")


def _compile(patterns: str | list[str], flags: int = re.IGNORECASE) -> re.Pattern[str]:
    items = [patterns] if isinstance(patterns, str) else patterns
    alternatives = "|".join(
        "(?:" + _fill(p).replace("{year}", YEAR).replace(" ", r"\s+") + ")" for p in items
    )
    return re.compile(alternatives, flags)


@lru_cache(maxsize=1)
def words() -> _Words:
    table = load_data(DATA_FILE)
    kinds, side = table["kinds"], table["orientation"]
    counts = {k: int(v) for k, v in table["counts"].items()}
    count_words = "|".join(re.escape(c) for c in sorted(counts, key=len, reverse=True))
    units = "|".join(kinds["duration_units"])
    return _Words(
        days=dict(table["days"]),
        shift=dict(table["shift"]),
        units=cast("dict[str, Unit]", dict(table["units"])),
        counts=counts,
        frequency=_compile(kinds["frequency"]),
        duration=re.compile(
            rf"\b(?P<count>\d+(?:\.\d+)?|{count_words})[\s-]+(?P<unit>{units})s?\b", re.IGNORECASE
        ),
        holiday=_compile(kinds["holidays"], flags=0),
        anchored_elsewhere=frozenset(kinds["anchored_elsewhere"]),
        past=_compile(side["past"]),
        in_year=_compile(side["in_year"]),
        future=_compile(side["future"]),
        scheduled=_compile(side["scheduled"]),
        future_tense=_compile(side["future_tense"]),
        clause_break=_compile(side["clause_break"]),
    )


# --------------------------------------------------------------------------- reading one date


_INFO = dateutil_parser.parserinfo()


def _month(word: str) -> int | None:
    """A month name or abbreviation (dateutil's table); "may" only when written "May"."""
    word = word.rstrip(".")
    if word.lower() == "may" and word.islower():
        return None
    found = _INFO.month(word)
    return found if found is not None and len(word) >= 3 else None


def _weekday(word: str) -> int | None:
    """A weekday's name (dateutil's table); an abbreviation ("Wed") only capitalised."""
    word = word.rstrip(".,")
    found = _INFO.weekday(word)
    if found is None or len(word) < 3:
        return None
    return found if len(word) > 4 or word[0].isupper() else None


def _calendar(text: str) -> tuple[int | None, int | None, int | None]:
    """(year, month, day) as the text gives them, parsed by dateutil; a day only with a month,
    a year only when written with four digits (so "10 years" gives neither)."""
    results = []
    for default in DEFAULTS:
        try:
            results.append(dateutil_parser.parse(text, default=default, fuzzy=True))
        except (ValueError, OverflowError):
            return None, None, None
    a, b = results
    year = a.year if a.year == b.year and YEAR_IN_WORD.search(text) else None
    month = a.month if a.month == b.month else None
    day = a.day if a.day == b.day and month is not None else None
    return year, month, day


@lru_cache(maxsize=8192)  # the same expressions recur across articles
def read(text: str, entity: bool = True) -> DateMention:
    """What a date expression says, without the sentence around it (orientation from its own
    words only)."""
    text = " ".join(text.split())
    w = words()
    tokens = re.findall(r"[A-Za-z]+\.?|\d+(?:st|nd|rd|th)?", text)
    lower = [t.lower().rstrip(".") for t in tokens]
    month = next((m for t in tokens if (m := _month(t)) is not None), None)
    weekday = next((d for t in tokens if (d := _weekday(t)) is not None), None)
    holiday = bool(w.holiday.search(text))
    # dateutil moves a date to the weekday it names: the weekday is read apart, as written.
    calendar_text = " ".join(t for t in tokens if _weekday(t) is None) if month else ""
    year, parsed_month, day = _calendar(calendar_text) if calendar_text else (None, None, None)
    if year is None and (found := YEAR_IN_WORD.search(text)):
        year = int(found.group())
    if month is not None and parsed_month == month and day is not None:
        day = day if re.search(rf"\b0?{day}(?:st|nd|rd|th)?\b", text) else None
    else:
        day = None

    offset: int | None = None
    unit: Unit | None = None
    shifted = False
    for k, word in enumerate(lower):
        if word in w.days:
            offset, unit = w.days[word], "day"
        elif word in w.shift and k + 1 < len(lower):
            nxt = lower[k + 1]
            if nxt in w.units:
                offset, unit, shifted = w.shift[word], w.units[nxt], True
            elif _weekday(tokens[k + 1]) is not None or _month(tokens[k + 1]) is not None:
                offset, shifted = w.shift[word], True
                unit = "week" if _weekday(tokens[k + 1]) is not None else "year"
        elif word == "ago" and k >= 1 and lower[k - 1] in w.units:
            count_word = " ".join(lower[max(k - 3, 0) : k - 1])
            count = _count(count_word, w.counts)
            unit = w.units[lower[k - 1]]
            offset = -count if count else None

    ago = "ago" in lower
    length = w.duration.search(text)
    if w.frequency.search(text):
        kind: Kind = "frequency"
    elif length is not None and not ago:
        kind = "duration"
    elif (
        month is not None
        or weekday is not None
        or YEAR_IN_WORD.search(text)
        or (unit == "day" and word_in(lower, ("yesterday", "tomorrow", "tonight")))
        or ago
        # "last month", "next year"; "the coming days" and "the next decade" are too vague
        or (shifted and "past" not in lower and unit not in ("day", "decade"))
        or holiday
    ):
        kind = "point"
    else:
        kind = "vague"
    if any(word in w.anchored_elsewhere for word in lower) and not ago and offset is not None:
        offset, unit = None, None  # "two years earlier": relative to another time
    # Orientation is what the words say of the event's time: "last month" is another, past
    # time; "yesterday" is the event's own day, however near.
    orientation: Orientation | None = None
    if w.past.search(text):
        orientation = "past"
    elif w.future.search(text):
        orientation = "future"
    return DateMention(
        text=text,
        kind=kind,
        year=year,
        month=month,
        day=day,
        weekday=weekday,
        offset=offset if kind in ("point", "vague") else None,
        unit=unit if kind in ("point", "vague") else None,
        orientation=orientation,
        own_orientation=orientation,
        holiday=holiday,
        entity=entity,
        **(_length(text, length) if kind == "duration" and length is not None else {}),
    )


def _length(text: str, found: re.Match[str]) -> dict[str, Any]:
    """A duration's amount, unit and floor: "at least four months" = 4, "month", a floor."""
    count = found.group("count").lower()
    amount = float(count) if count[0].isdigit() else float(words().counts.get(count) or 0) or None
    unit = found.group("unit").lower().replace("centurie", "century")
    floor = any(re.search(rf"\b{b}\b", text, re.IGNORECASE) for b in length_words().floor)
    return {"amount": amount, "length_unit": unit if amount else None, "at_least": floor}


@dataclass(frozen=True)
class _LengthWords:
    lead: frozenset[str]
    bounds: tuple[tuple[str, ...], ...]  # longest first
    floor: tuple[str, ...]
    change: frozenset[str]
    generic: frozenset[str]
    days: dict[str, float]


@lru_cache(maxsize=1)
def length_words() -> _LengthWords:
    table = load_data(DATA_FILE)["lengths"]
    bounds = sorted((tuple(b.split()) for b in table["bounds"]), key=len, reverse=True)
    return _LengthWords(
        lead=frozenset(table["lead"]),
        bounds=tuple(bounds),
        floor=tuple(table["floor"]),
        change=frozenset(table["change"]),
        generic=frozenset(table["generic"]),
        days={k: float(v) for k, v in table["days"].items()},
    )


NOUN_RUN = frozenset({"NOUN", "PROPN", "ADJ"})
CLAUSE_PUNCT = frozenset({",", ";", ":", "—", "–", "(", ")"})


def measured(span: Span, sent: Span) -> tuple[str | None, bool]:
    """What a duration is the length of, as lemmas: the noun it qualifies ("a six-month
    *ban*") or, after "for" ("*exports* suspended for six months"), the nouns of its clause;
    None when it is no length ("after three months") or an addition ("for another month").
    Also whether a bound before it makes it a floor ("for a minimum of six months")."""
    lw, doc = length_words(), span.doc
    units = words().units
    if "-" in span.text and span.end < sent.end and doc[span.end].pos_ in NOUN_RUN:
        k, head = span.end, None
        while k < sent.end and (doc[k].pos_ in NOUN_RUN or doc[k].text == "-"):
            head = doc[k] if doc[k].pos_ == "NOUN" else head
            k += 1
        lemma = head.lemma_.lower() if head is not None else None
        return (lemma if lemma and lemma not in lw.generic else None), False
    i, floor = span.start - 1, False
    while i >= sent.start:
        bound = next(
            (
                b
                for b in lw.bounds
                if i - len(b) + 1 >= sent.start
                and tuple(t.lower_ for t in doc[i - len(b) + 1 : i + 1]) == b
            ),
            None,
        )
        if bound is None:
            break
        floor = floor or " ".join(bound) in lw.floor
        i -= len(bound)
    if i < sent.start or doc[i].lower_ not in lw.lead:
        return None, False
    start = i
    while start > sent.start and not (
        doc[start - 1].text in CLAUSE_PUNCT or "\n" in doc[start - 1].text_with_ws
    ):
        start -= 1
    clause = [*doc[start:i], *span]
    if any(t.lemma_.lower() in lw.change or t.lower_ in lw.change for t in clause):
        return None, False
    nouns = [
        t.lemma_.lower()
        for t in doc[start:i]
        if t.pos_ == "NOUN" and t.ent_type_ != "DATE" and t.lower_ not in units
    ]
    kept = [n for k, n in enumerate(nouns) if n not in lw.generic and n not in nouns[:k]]
    return " ".join(kept) or None, floor  # in text order: the first is most often the subject


def word_in(words_: list[str], wanted: Iterable[str]) -> bool:
    return any(w in words_ for w in wanted)


def _count(text: str, counts: dict[str, int]) -> int | None:
    """The count before a unit: "two" 2, "a" 1, "10" 10, "a few" None (vague)."""
    for n in range(len(text.split()), 0, -1):
        tail = " ".join(text.split()[-n:])
        if tail.isdigit():
            return int(tail)
        if tail in counts:
            return counts[tail] or None
    return None


# --------------------------------------------------------------------------- in a sentence


def _date_ahead(w: _Words, text: str, start: int, end: int) -> bool:
    """A date the sentence schedules something for: its own clause speaks of the future before
    it ("is expected to start production *in 2027*"), or it opens a sentence about the future
    ("*In 2027*, the plant will..."). "The policy, launched in 2020, aims to" is the past."""
    before = text[:start]
    breaks = [m.end() for m in w.clause_break.finditer(before)]
    clause = before[breaks[-1] if breaks else 0 :]
    if w.future_tense.search(clause):
        return True
    opens = not before.strip() and re.match(r"\s*,", text[end:]) is not None
    return opens and w.future_tense.search(text[end:]) is not None


def _cues(text: str) -> list[tuple[int, int, Orientation | None]]:
    """Phrases of a sentence that place what it says before or after the event (None: a date
    phrase, "from 2031", that places it neither way by itself)."""
    w = words()
    out: list[tuple[int, int, Orientation | None]] = []
    out += [(m.start(), m.end(), "past") for m in w.past.finditer(text)]
    out += [
        (m.start(), m.end(), "past")
        for m in w.in_year.finditer(text)
        if not _date_ahead(w, text, m.start(), m.end())
    ]
    out += [(m.start(), m.end(), "future") for m in w.future.finditer(text)]
    for m in w.scheduled.finditer(text):
        ahead = _date_ahead(w, text, m.start(), m.end())
        out.append((m.start(), m.end(), "future" if ahead else None))
    return sorted(out, key=lambda cue: (cue[0], cue[1], cue[2] or ""))


def speaks_of_future(text: str) -> bool:
    """The text states a plan, forecast or schedule ("will", "expected to", "plans to")."""
    return words().future_tense.search(text) is not None


def _date_entities(doc: Doc) -> list[Span]:
    """The Doc's date entities (and holidays), in order; [] for a Doc without entities."""
    holiday = words().holiday
    return [
        e
        for e in doc.ents
        if e.label_ == "DATE" or (e.label_ == "EVENT" and holiday.search(" ".join(e.text.split())))
    ]


@lru_cache(maxsize=1)
def _date_expression() -> re.Pattern[str]:
    """Dates written with calendar words, for Docs parsed without the entity recogniser (the
    dependency parses of a few sentences): "Thursday", "14 March 2019", "last year"."""
    w = words()

    def names(table: list[tuple[str, ...]]) -> str:
        return "|".join(sorted({n for row in table for n in row}, key=len, reverse=True))

    months, weekdays = names(_INFO.MONTHS), names(_INFO.WEEKDAYS)
    full_months = "|".join(row[-1] for row in _INFO.MONTHS)  # a bare month: capitalised
    day = r"\d{1,2}(?:st|nd|rd|th)?"
    month = rf"(?i:{months})\.?"
    calendar = (
        rf"(?:(?i:{weekdays}),?\s+)?(?:{month}\s+{day}(?:,?\s+{YEAR})?"
        rf"|{day}\s+(?:of\s+)?{month}(?:,?\s+{YEAR})?|{month}\s+{YEAR})"
    )
    units = "|".join(w.units)
    counts = "|".join(re.escape(c) for c in sorted(w.counts, key=len, reverse=True))
    relative = (
        rf"(?i:(?:{'|'.join(w.shift)})\s+(?:{units}|{weekdays}|{months})"
        rf"|(?:\d+|{counts})\s+(?:{units})\s+ago|{'|'.join(w.days)})"
    )
    return re.compile(rf"\b(?:{calendar}|{relative}|(?i:{weekdays})|(?:{full_months})|{YEAR})\b")


def _dates_without_entities(sent: Span) -> list[Span]:
    out = []
    for m in _date_expression().finditer(sent.text):
        start = sent.start_char + m.start()
        found = sent.doc.char_span(start, start + len(m.group()), alignment_mode="expand")
        if found is not None:
            out.append(found)
    return out


@Language.factory(FACTORY, assigns=["doc.spans", f"span._.{EXTENSION}"], requires=["doc.ents"])
def make_date_reader(nlp: Language, name: str) -> DateReader:
    return DateReader()


class DateReader:
    """Marks every date and time expression of a Doc (see the module's docstring)."""

    def __call__(self, doc: Doc) -> Doc:
        spans: list[Span] = []
        # Read once per Doc: Span.ents scans every entity of the Doc, per sentence and line.
        entities = _date_entities(doc) if doc.has_annotation("ENT_IOB") else None
        starts = [e.start for e in entities or ()]
        for sent in doc.sents:
            if entities is None:
                in_sentence = _dates_without_entities(sent)
            else:
                first = bisect_left(starts, sent.start)
                in_sentence = []
                for ent in entities[first:]:
                    if ent.start >= sent.end:
                        break
                    if ent.end <= sent.end:
                        in_sentence.append(ent)
            # A line is a unit of its own (spaCy may glue a heading or the next paragraph onto a
            # sentence): a phrase's clause never reaches across a line break.
            for line in LINE.finditer(sent.text):
                start, end = sent.start_char + line.start(), sent.start_char + line.end()
                spans.extend(self._sentence(sent, in_sentence, line.group(), start, end))
        doc.spans[SPANS_KEY] = spans
        return doc

    def _sentence(
        self, sent: Span, entities: list[Span], text: str, base: int, stop: int
    ) -> list[Span]:
        doc = sent.doc
        out: list[Span] = []
        marked: list[tuple[Span, DateMention]] = []
        for ent in entities:
            if base <= ent.start_char and ent.end_char <= stop:
                marked.append((ent, read(ent.text)))
        for start, end, side in _cues(text):
            s, e = base + start, base + end
            hit = next(
                (
                    k
                    for k, (span, _) in enumerate(marked)
                    if span.start_char < e and s < span.end_char
                ),
                None,
            )
            if hit is not None and (side is None or marked[hit][1].orientation in (None, side)):
                span, mention = marked[hit]
                if mention.orientation is None or mention.phrase is None:
                    a, b = min(s, span.start_char) - base, max(e, span.end_char) - base
                    phrase = mention.phrase or " ".join(text[a:b].split())
                    marked[hit] = (span, _with_orientation(mention, side, phrase))
                continue
            if side is None:
                continue
            phrase_span = doc.char_span(s, e, alignment_mode="expand")
            if phrase_span is not None:
                found = read(phrase_span.text, entity=False)
                marked.append((phrase_span, _with_orientation(found, side)))
        for span, mention in marked:
            if mention.amount is not None:
                data = mention.to_data()
                data["measures"], floor = measured(span, sent)
                data["at_least"] = mention.at_least or floor
                mention = DateMention.from_data(data)
            out_span = Span(doc, span.start, span.end, label=mention.kind)
            out_span._.set(EXTENSION, mention.to_data())
            out.append(out_span)
        return out


def _with_orientation(
    mention: DateMention, side: Orientation | None, phrase: str | None = None
) -> DateMention:
    data = mention.to_data()
    data["orientation"] = data["orientation"] or side
    data["phrase"] = phrase
    return DateMention.from_data(data)


if not Span.has_extension(EXTENSION):
    Span.set_extension(EXTENSION, default=None)


# --------------------------------------------------------------------------- reading the marks


def date_of(span: Span) -> DateMention:
    """The reading of a span of `doc.spans["dates"]`."""
    data = span._.get(EXTENSION)
    if data is None:
        return read(span.text)
    return DateMention.from_data(data)


def _index(doc: Doc) -> tuple[list[int], list[tuple[Span, DateMention]]]:
    """A Doc's date spans with their readings, sorted by start, and their starts."""
    marked = sorted(
        ((s, date_of(s)) for s in doc.spans.get(SPANS_KEY, ())),
        key=lambda pair: (pair[0].start_char, pair[0].end_char),
    )
    return [s.start_char for s, _ in marked], marked


def mentions(span: Span) -> list[tuple[Span, DateMention]]:
    """The date and time expressions inside `span` (a sentence), in text order."""
    starts, marked = once_per_doc(span.doc, "dates by start", _index)
    out = []
    for k in range(bisect_left(starts, span.start_char), len(marked)):
        found = marked[k]
        if found[0].start_char >= span.end_char:
            break
        if found[0].end_char <= span.end_char:
            out.append(found)
    return out
