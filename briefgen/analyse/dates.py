"""Timeline: points in time the articles mention, what happened then, merged across sources.

Dates are the points in time `briefgen.annotate.dates` marked (spaCy's DATE entities, holidays,
and time phrases the model missed); durations, frequencies and vague periods ("six-year", "each
year", "in recent months", "today") are skipped. `briefgen.analyse.calendar` places them: an ISO
date when day, month and year are known, written or taken from the article's own date (a day
and month take the nearest year, "Monday" the article's week, "yesterday" the day before), or,
without an article date, a day and month take the one year the article states; "last month" or
"2023" get a position for ordering but no day. Nothing is guessed without an article date.

A sentence that holds several dates gives one event per date, each the clause that holds it
(split at ";", ", and", "after", "following", "while" ...); when no clean clause holds a date on
its own, the sentence gives one event, under its most specific date. Entries with an ISO date or
a stated (or safely inferred) year come first in calendar order, a bare year or month sorting as
its start; the rest follow by how many sources report them.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date

from spacy.tokens import Span, Token

from briefgen.analyse.calendar import anchors, article_day, dateline_date, event_day, place
from briefgen.analyse.text import opens_leaning
from briefgen.annotate.clean import dateline_day
from briefgen.annotate.dates import DateMention, mentions
from briefgen.brief import ContextItem, TimelineEvent
from briefgen.corpus import (
    ParsedArticle,
    Sentence,
    doc_text,
    sorted_sources,
    source_order,
)

# Prepositions dropped together with a date when the date is taken out of its event sentence.
DATE_PREPOSITION = re.compile(r"\s*\b(?:on|in|during)\s+$", re.IGNORECASE)
# A part of the day after a date ("on Wednesday *morning*") goes out with it.
PART_OF_DAY = re.compile(r"\s+(?:morning|afternoon|evening|night)\b", re.IGNORECASE)
# A date glued to a word ("mid-2027", "2026-2031") cannot come out cleanly: it stays.
GLUED = re.compile(r"[\w-]$")
# A clause cut from a longer sentence opens without its connector ("but the deal is ...").
LEADING_CONNECTOR = re.compile(r"^(?:but|and|yet|so|though|although|while)\s+", re.IGNORECASE)
# A clause that attributes the sentence ("…, according to the companies on Monday") dates the
# statement before it, not itself.
ATTRIBUTION = re.compile(r"^[\s,]*according to\b", re.IGNORECASE)
# Tags of a finite verb: a clause without one ("less severely than currently, with …
# expected") is no event.
FINITE_TAGS = frozenset(["VBD", "VBZ", "VBP", "MD"])
# A date followed by a possessive ("last year's law") qualifies a noun; cutting it out would leave
# "the 's law".
POSSESSIVE = re.compile(r"['’]s?(?=\s|$)")
# Where a long sentence may be cut after the clause that holds the date.
CLAUSE_BREAK = re.compile(
    r";|\s[—–]\s|,\s+(?=(?:which|who|while|with|according|signaling|signalling|marking|making"
    r"|adding|saying|but|although|though|as)\b)",
    re.IGNORECASE,
)
# Words after which a date that ends its clause is part of what is said ("by 2031", "since May",
# "on Pakistan's Independence Day"): the date is kept in the event.
KEEPS_DATE = re.compile(
    r"(?:\b(?:by|until|till|since|from|to|before|after|through|throughout|of|for|between|and"
    r"|or|than|as|at|the|a|an|its|their|his|her|this|that)|['’]s?)\s*$",
    re.IGNORECASE,
)
# Words that open a new clause inside a sentence; what they introduce is an event of its own.
SUBORDINATORS = frozenset(
    [
        "after",
        "before",
        "following",
        "while",
        "whereas",
        "although",
        "though",
        "because",
        "since",
        "until",
        "when",
    ]
)
COORDINATORS = frozenset(["and", "but", "yet"])
MIN_CLAUSE_WORDS = 3  # words a clause must keep besides its date to stand as an event
MAX_EVENT_WORDS = 40
# Words of an event the Context tells in full that the timeline keeps as a pointer to it.
POINTER_WORDS = 8
SIMILAR = 0.25  # share of content words two sentences must have in common to be one event
MAX_PEERS = 64  # distinct wordings of an event each mention is compared with (_representative)
SCORE_DIGITS = 9  # a representative's summed similarity, rounded: float noise is no tie-break
# Reporting verbs say nothing about which event a sentence is about.
REPORTING = frozenset(["say", "tell", "add", "note", "state", "report", "announce", "confirm"])


@dataclass
class _Mention:
    sentence: Sentence
    text: str  # the date as written
    iso: str | None
    month_day: tuple[int, int] | None  # a day and month the text gives, with or without year
    written_in_full: bool  # the text gives day, month and year
    when: tuple[int, int, int] | None  # calendar position for ordering only; never shown
    event: str
    words: dict[str, int]  # content lemmas of the sentence outside the date, with weights
    position: tuple[int, int, int]


@dataclass
class _Event:
    mentions: list[_Mention] = field(default_factory=list)

    @property
    def dated(self) -> _Mention | None:
        """The mention that gives the day: one that writes it in full, else one placed by its
        article's date (or the year of the sources' date)."""
        placed = [m for m in self.mentions if m.iso]
        return next((m for m in placed if m.written_in_full), placed[0] if placed else None)

    @property
    def iso(self) -> str | None:
        return self.dated.iso if self.dated else None

    @property
    def sources(self) -> list[str]:
        return sorted_sources(m.sentence.source_id for m in self.mentions)

    @property
    def when(self) -> tuple[int, int, int] | None:
        if self.iso:
            day = date.fromisoformat(self.iso)
            return day.year, day.month, day.day
        return min((m.when for m in self.mentions if m.when), default=None)


# --------------------------------------------------------------------------- reading one date


def specificity(m: DateMention) -> tuple[bool, int, bool]:
    """How precisely a date names its time: a full date first, then by unit (a day, a month, a
    year or vaguer), then a stated year over a relative one."""
    full = m.month is not None and m.day is not None
    if full or m.weekday is not None or m.unit == "day" or m.holiday:
        unit = 2
    elif m.month is not None or m.unit == "month":
        unit = 1
    else:
        unit = 0
    return full and m.year is not None, unit, m.year is not None


# --------------------------------------------------------------------------- event text


def capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


def event_text(text: str, start: int, end: int) -> str:
    """The sentence as the event, without the date phrase where it comes out cleanly, and cut to
    the clause that holds the date when the sentence is long."""
    before, after = text[:start], text[end:]
    if POSSESSIVE.match(after) or GLUED.search(before):
        # "in last year's act", "mid-2027": the date belongs to a word, keep it
        return shorten(text, start)
    if part := PART_OF_DAY.match(after):
        after = after[part.end() :]
    cut = False
    if prep := DATE_PREPOSITION.search(before):  # "... signed on Monday between ..."
        before, cut = before[: prep.start()], True
    if not before.strip():  # "Last Monday, the cabinet ...", "In 2023, the ..."
        rest = re.sub(r"^[\s,;:—–-]+", "", after)
        text, anchor = capitalise(rest), 0
    elif not re.sub(r"[\s.!?]+", "", after) and (cut or not KEEPS_DATE.search(before)):
        # The date ends the clause: "... rose to 820,000 tonnes last year."
        text, anchor = before.rstrip(" ,;:—–") + after.strip(), len(before)
    elif cut:
        text, anchor = before + after, len(before)
    else:
        anchor = start
    return shorten(text, anchor)


def shorten(text: str, anchor: int) -> str:
    """At most MAX_EVENT_WORDS words: the clauses up to the date's, or the opening clause and the
    date's clause, or the date's clause alone; a cut is marked with an ellipsis."""
    if len(text.split()) <= MAX_EVENT_WORDS:
        return " ".join(text.split())
    cuts = [0, *(m.start() for m in CLAUSE_BREAK.finditer(text)), len(text)]
    segments = [text[a:b] for a, b in itertools.pairwise(cuts) if b > a]
    ends = [b for a, b in itertools.pairwise(cuts) if b > a]
    k = next((i for i, end in enumerate(ends) if end >= anchor), len(segments) - 1)

    def words(parts: list[str]) -> list[str]:
        return " ".join(parts).split()

    def tidy(piece: str) -> str:
        return LEADING_CONNECTOR.sub("", " ".join(piece.split()).strip(" ,;:—–"))

    if k > 0 and ATTRIBUTION.match(segments[k]):
        k -= 1  # the date is when it was said: the event is what was said

    if len(words(segments[: k + 1])) <= MAX_EVENT_WORDS:
        short = tidy("".join(segments[: k + 1]))
    elif len(words([segments[0], segments[k]])) <= MAX_EVENT_WORDS:
        short = f"{tidy(segments[0])} … {tidy(segments[k])}"
    else:
        short = tidy(" ".join(words([segments[k]])[:MAX_EVENT_WORDS]))
    return short if short == " ".join(text.split()) else capitalise(short) + " …"


def _content_words(tokens: Span, date_tokens: range) -> dict[str, int]:
    """Content lemmas of the clause outside the date, names weighing double: who and where
    identify an event better than common words do."""
    weights: dict[str, int] = {}
    for t in tokens:
        if t.i in date_tokens or t.is_stop or t.lemma_.lower() in REPORTING:
            continue
        if t.pos_ in ("NOUN", "PROPN", "VERB", "ADJ", "NUM"):
            weight = 2 if t.pos_ == "PROPN" or t.ent_type_ else 1
            lemma = t.lemma_.lower()
            weights[lemma] = max(weights.get(lemma, 0), weight)
    return weights


# --------------------------------------------------------------------------- clauses


@dataclass
class _Clause:
    start: int  # doc token index where the clause begins (its connector included)
    body: int  # where its own words begin, after ";", ", and", "after" ...
    end: int  # exclusive


def _has_verb(tokens: Sequence[Token]) -> bool:
    return any(t.pos_ in ("VERB", "AUX") for t in tokens)


def _until_comma(tokens: Sequence[Token], k: int) -> list[Token]:
    out = []
    for t in tokens[k:]:
        if t.text in (",", ";"):
            break
        out.append(t)
    return out


def clauses(span: Span, dates: Sequence[Span]) -> list[_Clause]:
    """The sentence cut where a new clause opens: at ";", at ", and/but" followed by a verb (not
    a list of names), before a subordinator ("after", "following", "while" ...), and at the comma
    that closes a sentence-opening subordinate clause ("After talks in May, the firms ...")."""
    inside = {i for d in dates for i in range(d.start, d.end)}
    tokens = list(span)
    opens: list[tuple[int, int]] = []  # (start, body) as doc token indices
    for k, t in enumerate(tokens):
        if k == 0 or t.i in inside:
            continue
        if t.text == ";":
            opens.append((t.i, t.i + 1))
        elif (
            t.lower_ in COORDINATORS
            and t.pos_ == "CCONJ"
            and tokens[k - 1].text == ","
            and _has_verb(_until_comma(tokens, k + 1))
        ):
            opens.append((t.i - 1, t.i + 1))
        elif t.lower_ in SUBORDINATORS and t.pos_ in ("SCONJ", "ADP", "VERB"):
            opens.append((t.i, t.i + 1))
    if tokens and tokens[0].lower_ in SUBORDINATORS:
        comma = next((t for t in tokens[1:] if t.text == ","), None)
        if comma is not None and comma.i not in inside:
            opens.append((comma.i, comma.i + 1))
    opens = sorted(set(opens))
    starts = [(span.start, span.start), *((a, b) for a, b in opens if a > span.start)]
    ends = [a for a, _ in starts[1:]] + [span.end]
    return [_Clause(a, b, e) for (a, b), e in zip(starts, ends, strict=True) if e > a]


def _clause_words(doc_tokens: Span, clause: _Clause, dates: Sequence[Span]) -> int:
    inside = {i for d in dates for i in range(d.start, d.end)}
    return sum(
        1
        for t in doc_tokens[clause.body : clause.end]
        if t.i not in inside and not t.is_punct and not t.is_space
    )


def _holding(clause: _Clause, dates: Sequence[Span]) -> list[Span]:
    return [d for d in dates if clause.start <= d.start < clause.end]


def clauses_of_dates(span: Span, dates: Sequence[Span]) -> list[tuple[_Clause, list[Span]]]:
    """Each dated clause with its dates. A clause too short to stand once its date is out
    ("after 2020") joins the clause before it (or after it, when it opens the sentence)."""
    doc = span.doc
    parts = clauses(span, dates)
    changed = True
    while changed and len(parts) > 1:
        changed = False
        for x, part in enumerate(parts):
            held = _holding(part, dates)
            if held and _clause_words(doc[:], part, held) < MIN_CLAUSE_WORDS:
                if x > 0:
                    parts[x - 1] = _Clause(parts[x - 1].start, parts[x - 1].body, part.end)
                else:
                    parts[1] = _Clause(part.start, part.body, parts[1].end)
                del parts[x]
                changed = True
                break
    return [(part, held) for part in parts if (held := _holding(part, dates))]


def clause_event(span: Span, clause: _Clause, written: str) -> str | None:
    """The event of one date told in its own clause: the clause without its connector and,
    where it comes out cleanly, without the date; capitalised and closed with a full stop."""
    doc = span.doc
    if not any(t.tag_ in FINITE_TAGS for t in doc[clause.body : clause.end]):
        return None
    first, last = doc[clause.body], doc[clause.end - 1]
    text = " ".join(doc_text(doc)[first.idx : last.idx + len(last.text)].split())
    start = text.find(written)
    if start < 0:
        return None
    event = event_text(text, start, start + len(written)).strip(" ,;:—–")
    if not event.endswith((".", "!", "?", "…")):
        event += "."
    return capitalise(event)


# --------------------------------------------------------------------------- the timeline


def _date_spans(sentence: Sentence, dated: bool) -> list[tuple[Span, DateMention]]:
    """The sentence's points in time (durations, frequencies and vague periods are not); in a
    dated article, also "today" when the sentence tells what was done ("signed today")."""
    return [
        (span, m)
        for span, m in mentions(sentence.span)
        if m.is_point or (dated and _today_of_a_past_act(span, m, sentence.span))
    ]


def _today_of_a_past_act(span: Span, m: DateMention, sentence: Span) -> bool:
    """ "today" (not "today's") in a sentence with a verb in the past tense."""
    if not (m.unit == "day" and m.offset == 0 and m.month is None and m.year is None):
        return False
    if span.end < len(span.doc) and span.doc[span.end].text in ("'s", "’s"):
        return False
    return any(t.tag_ == "VBD" for t in sentence)


def _article_years(parsed: ParsedArticle) -> set[int]:
    doc = parsed.doc
    return {m.year for _, m in mentions(doc[:]) if m.year is not None and m.entity}


def _sentence_dates(sentence: Sentence, dated: bool) -> list[_Dated]:
    """The sentence's points in time, each written text once, with its offset in the text."""
    seen: set[str] = set()
    out = []
    for span, m in _date_spans(sentence, dated):
        written = m.text
        start = sentence.text.find(written)
        if start < 0 or written.lower() in seen:
            continue
        seen.add(written.lower())
        out.append(_Dated(span, m, start))
    return out


@dataclass(frozen=True)
class _Dated:
    span: Span
    mention: DateMention
    start: int  # offset of the written date in the sentence's text

    @property
    def written(self) -> str:
        return self.mention.text


def _most_specific(dates: list[_Dated]) -> _Dated:
    """The date that names its time most precisely; the first of equals."""
    return max(dates, key=lambda d: specificity(d.mention))


def _written_days(parsed: ParsedArticle) -> list[date]:
    """The full dates (day, month and year) the article's text writes."""
    out = []
    for _, m in mentions(parsed.doc[:]):
        if m.is_point and m.year and m.month and m.day and m.offset is None:
            try:
                out.append(date(m.year, m.month, m.day))
            except ValueError:
                continue
    return out


def _mentions(sentences: Sequence[Sentence], corpus: Sequence[ParsedArticle]) -> list[_Mention]:
    years_by_article = [_article_years(parsed) for parsed in corpus]
    anchored = anchors([article_day(p.article.date) for p in corpus], years_by_article)
    covered = event_day(anchored, [d for p in corpus for d in _written_days(p)])
    # An undated article whose dateline gives the day ("LONDON, March 14 (Wire) -") is dated by it.
    anchored = [
        day or dateline_date(dateline_day(p.doc), covered, years)
        for day, p, years in zip(anchored, corpus, years_by_article, strict=True)
    ]
    out: list[_Mention] = []
    for sentence in sentences:
        years = years_by_article[sentence.article_index]
        anchor = anchored[sentence.article_index]
        if opens_leaning(sentence.span, demonstratives=False):
            continue  # "It plans a second kiln in 2026": names nobody out of its paragraph
        dates = _sentence_dates(sentence, anchor is not None)
        # (date, event text, tokens its words come from) for each entry this sentence gives
        entries: list[tuple[_Dated, str, Span]] = []
        if len(dates) > 1:
            parts = clauses_of_dates(sentence.span, [d.span for d in dates])
            if len(parts) > 1:  # the dates sit in clauses of their own
                for part, held in parts:
                    chosen = _most_specific([d for d in dates if d.span in held])
                    event = clause_event(sentence.span, part, chosen.written)
                    if event is not None:
                        entries.append((chosen, event, sentence.span.doc[part.start : part.end]))
            if not entries:  # no clause to isolate: one entry for the sentence, not two alike
                dates = [_most_specific(dates)]
        if not entries:
            for dated in dates:
                event = event_text(sentence.text, dated.start, dated.start + len(dated.written))
                entries.append((dated, event, sentence.span))
        for dated, event, tokens in entries:
            m = dated.mention
            placed = place(m, anchor.isoformat() if anchor else None, years, covered)
            out.append(
                _Mention(
                    sentence=sentence,
                    text=dated.written,
                    iso=placed.iso,
                    month_day=(m.month, m.day) if m.month and m.day else None,
                    written_in_full=bool(m.month and m.day and m.year),
                    when=placed.when,
                    event=event,
                    words=_content_words(tokens, range(dated.span.start, dated.span.end)),
                    position=(source_order(sentence.source_id), sentence.index, dated.start),
                )
            )
    return out


def similarity(a: dict[str, int], b: dict[str, int]) -> float:
    """Weighted overlap coefficient: shared weight over the lighter sentence's weight."""
    if not a or not b:
        return 0.0
    shared = sum(min(a[w], b[w]) for w in a.keys() & b.keys())
    return shared / min(sum(a.values()), sum(b.values()))


def _key(m: _Mention) -> str:
    return m.iso or m.text.lower()


def _buckets(mentions: list[_Mention]) -> dict[tuple[str, object], list[int]]:
    """Mentions that may be the same day: same ISO date or same text ("Monday", placed on the
    calendar in one article and not in another), or the same day and month where one side lacks
    the year ("July 31" and "July 31, 2025")."""
    buckets: dict[tuple[str, object], list[int]] = {}
    for i, m in enumerate(mentions):
        buckets.setdefault(("key", _key(m)), []).append(i)
        # "Monday" placed by one article's date and left unplaced in another's
        buckets.setdefault(("text", m.text.lower()), []).append(i)
        if m.month_day is not None:
            buckets.setdefault(("day", m.month_day), []).append(i)
    return buckets


def _cluster(mentions: list[_Mention]) -> list[_Event]:
    """Single-link groups of mentions of one bucket (`_buckets`) whose sentences share enough
    words (`similarity` >= SIMILAR); outside the ISO-date bucket two full dates are not compared
    (their ISO keys decided). Re-posts (the same words on the same day) are one wording: each
    joins the first of them. The groups single linkage gives do not depend on the order of
    comparing, so each bucket is read in the order that compares least (`_BucketIndex`)."""
    parent = list(range(len(mentions)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def join(i: int, j: int) -> None:
        ri, rj = root(i), root(j)
        if ri != rj:
            parent[rj] = ri

    rarity = Counter(w for m in mentions for w in m.words)
    for (kind, _), members in _buckets(mentions).items():
        first_of: dict[tuple[frozenset[tuple[str, int]], str | None], int] = {}
        index = _BucketIndex(rarity, root)
        lightest_first = sorted(members, key=lambda i: (sum(mentions[i].words.values()), i))
        for i in lightest_first:
            m = mentions[i]
            if not m.words:
                continue  # no words: similar to nothing, not even its twin
            first = first_of.setdefault((frozenset(m.words.items()), m.iso), i)
            if first != i:
                join(first, i)
                continue
            # Two full dates are compared in the ISO-date bucket only.
            for group, j in index.candidates(i, m.words, dated=kind != "key" and bool(m.iso)):
                if similarity(m.words, mentions[j].words) >= SIMILAR:
                    join(group, i)
            index.add(i, m.words, dated=bool(m.iso))
    events: dict[int, _Event] = {}
    for i, m in enumerate(mentions):
        events.setdefault(root(i), _Event()).mentions.append(m)
    return list(events.values())


class _BucketIndex:
    """The wordings of a bucket read so far, found by word, a group (root) at a time.

    Wordings are added lightest first (by summed word weight), so an earlier wording j is the
    lighter of a pair and `similarity` >= SIMILAR needs shared weight >= SIMILAR * weight(j):
    the pair must share one of j's words outside its most common ones that weigh less than that
    (prefix filtering, Bayardo et al. 2007), and j is indexed under those words only. Wordings
    of a group the new one has joined are skipped a group at a time, so a big event's "Monday"
    costs about its wordings times the groups they meet, not its wordings squared."""

    def __init__(self, rarity: Counter[str], root: Callable[[int], int]):
        self._rarity = rarity
        self._root = root
        # word → group key (a root when added) → wordings; undated and dated apart
        self._by_word: tuple[dict[str, dict[int, list[int]]], ...] = ({}, {})

    def add(self, i: int, words: dict[str, int], dated: bool) -> None:
        order = sorted(words, key=lambda w: (self._rarity[w], w))  # rarest first
        left = sum(words.values())
        limit = (
            SIMILAR * left - 1e-9
        )  # a shorter prefix would be unsafe; a longer one is only slower
        by_word = self._by_word[dated]
        group = self._root(i)
        for w in order:
            if left < limit:
                break
            by_word.setdefault(w, {}).setdefault(group, []).append(i)
            left -= words[w]

    def candidates(self, i: int, words: dict[str, int], dated: bool) -> Iterator[tuple[int, int]]:
        """(group, wording) pairs sharing an indexed word with wording i's `words`, each wording
        once, none of a group i has joined (it may join one while this runs); only undated
        wordings when `dated`."""
        root = self._root
        seen: set[int] = set()
        for by_word in self._by_word[:1] if dated else self._by_word:
            for w in words:
                groups = by_word.get(w)
                if not groups:
                    continue
                if len(groups) > 1:  # groups joined since they were indexed become one
                    merged: dict[int, list[int]] = {}
                    for key, found in groups.items():
                        merged.setdefault(root(key), []).extend(found)
                    if len(merged) < len(groups):
                        by_word[w] = groups = merged
                for key, found in list(groups.items()):
                    for j in found:
                        if root(key) == root(i):
                            break
                        if j not in seen:
                            seen.add(j)
                            yield key, j


def _representative(event: _Event) -> _Mention:
    """The mention most like the others; then the shorter event text; then the earliest.

    "Like the others" is the summed similarity to every other mention's word set. Mentions
    with the same words (re-posts) share one score, and each word set is compared with the
    MAX_PEERS most repeated ones only: a big event costs O(mentions × MAX_PEERS), not
    O(mentions²). Sums are rounded (SCORE_DIGITS) so that float noise never breaks a tie.
    """
    mentions = event.mentions
    kinds: dict[frozenset[tuple[str, int]], int] = {}
    distinct: list[dict[str, int]] = []
    count: list[int] = []
    kind_of: list[int] = []
    for m in mentions:
        key = frozenset(m.words.items())
        if key not in kinds:
            kinds[key] = len(distinct)
            distinct.append(m.words)
            count.append(0)
        count[kinds[key]] += 1
        kind_of.append(kinds[key])
    peers = sorted(range(len(distinct)), key=lambda k: (-count[k], k))[:MAX_PEERS]
    peer_set = set(peers)
    shared = []
    for k, words in enumerate(distinct):
        total = sum(count[j] * similarity(words, distinct[j]) for j in peers)
        if k in peer_set:  # a mention is not one of its own others
            total -= similarity(words, words)
        shared.append(round(total, SCORE_DIGITS))

    def score(p: int) -> tuple[float, int, tuple[int, int, int]]:
        return (-shared[kind_of[p]], len(mentions[p].event.split()), mentions[p].position)

    return mentions[min(range(len(mentions)), key=score)]


def pointer(event: str) -> str:
    """The opening words of an event the Context tells in full, and where to read it."""
    words = event.split()
    lead = " ".join(words[:POINTER_WORDS]).rstrip(" ,;:.")
    return f"{lead}{' …' if len(words) > POINTER_WORDS else ''} (see Context)"


def find_timeline(
    sentences: Sequence[Sentence],
    corpus: Sequence[ParsedArticle],
    context: Sequence[ContextItem] = (),
) -> list[TimelineEvent]:
    """Events placed on the calendar in date order (a bare year or month as its start), then
    the rest by how many sources report them. An event shown by the sentence the Context shows
    keeps its place and date but points to the Context instead of telling it twice (only that
    sentence: events on one relative date such as "last week" may gather different facts)."""
    in_context = {item.text for item in context}
    events = _cluster(_mentions(sentences, corpus))
    dated = [e for e in events if e.when]
    undated = [e for e in events if not e.when]
    first = {id(e): min(m.position for m in e.mentions) for e in events}
    dated.sort(key=lambda e: (e.when or (0, 0, 0), first[id(e)]))
    undated.sort(key=lambda e: (-len(e.sources), -len(e.mentions), first[id(e)]))
    out = []
    for event in [*dated, *undated]:
        rep = _representative(event)
        dated_mention = event.dated or rep
        out.append(
            TimelineEvent(
                text=dated_mention.text,
                date=event.iso,
                event=pointer(rep.event) if rep.sentence.text in in_context else rep.event,
                sources=event.sources,
            )
        )
    return out
