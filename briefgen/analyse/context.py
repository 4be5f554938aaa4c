"""Background for the brief: sentences that relate the event to other events, times and actors.

A context sentence is chosen for *how it relates* to the event, not for where it stands in an
article: it points to another, past time (a date that is not the event's, "last month", "in recent
months", a past-perfect "had"), names actors the key points do not, or ties the event to a wider
setting ("amid", "home to", "one of the world's largest"). Sentences that restate a key point are
never context, and no two context items state the same fact. The event's own next steps and
terms are not background either: a plan or milestone ahead ("will choose a site later this
year", "is expected to start production in 2027") or how the deal is financed, unless the
sentence also points to a past time (a past perfect: "had fallen") or to another event. A
sentence on "the deal" led by an organisation or person the key points do not name is another
actor's stance on it ("X, a shareholder, wants the deal put to a vote"): context. A
sentence opened by a pronoun or by a description standing for a company named before ("The
Argentine firm has …", cue `leans_back_reference`) is never shown alone. Two items naming one
actor tell one story; the parties' aliases say when two names ("XYZ", "Xavier Yield Zone") are
that one actor.

The text helpers it shares with the open questions live in `briefgen.analyse.text`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import pairwise

from spacy.lang.en.stop_words import STOP_WORDS

from briefgen.analyse.text import (
    QUOTE_MARKS,
    containment,
    ents,
    future_time,
    has_word,
    opens_leaning,
    other_time,
    overlap,
    past_perfect,
    span_keys,
    speaks_of_future,
    stem,
    text_keys,
)
from briefgen.annotate import cues, dates
from briefgen.annotate.dates import DateMention
from briefgen.annotate.names import name_key
from briefgen.annotate.numbers import numbers_in
from briefgen.brief import ContextItem, KeyPoint, Party
from briefgen.corpus import Sentence, SentenceGroup, source_order

MAX_ITEMS = 5
MIN_ITEMS = 2
# Key points take ~180 words of a one-page brief; context gets the rest of a ~300-word budget.
MAX_WORDS = 120
# A candidate whose content words are this much contained in one key point restates it.
REPEAT_OVERLAP = 0.5
# Two candidates that share this much of the smaller one's content say the same thing.
DUPLICATE_OVERLAP = 0.5
MIN_SCORE = 1.0
# Cue kinds (data/cues.toml) of sentences about the news cycle rather than the event's setting:
# the reporting itself ("was the first to report"), the outlet speaking to its readers and the
# market's mood on the day.
NOT_BACKGROUND_CUES = ("newsroom", "newsroom_more", "market_reaction", "market_reaction_more")
# Weight of "shares the key points' subject" against "points to another time/actor": background
# on the event's own subject beats unrelated history.
RELATED_WEIGHT = 1.5

ACTOR_LABELS = frozenset(
    {"ORG", "PERSON", "GPE", "LOC", "FAC", "NORP", "EVENT", "LAW", "PRODUCT", "WORK_OF_ART"}
)
# Labels whose shared mention marks two sentences as telling the same (background) story;
# GPE/NORP are too common ("India" appears in unrelated background facts) to count.
DISTINCT_LABELS = frozenset({"ORG", "PERSON", "FAC", "LOC", "EVENT", "LAW", "PRODUCT"})
FIGURE_LABELS = frozenset({"MONEY", "PERCENT", "QUANTITY"})
# Labels of the names the Parties table reads as companies and people.
PARTY_LABELS = frozenset({"ORG", "PERSON"})
# Entities that pin a sentence to the event when the key points name them too.
ANCHOR_LABELS = frozenset({"ORG", "PERSON", "FAC", "DATE", "EVENT", "LAW", "PRODUCT"})
# Kinds of happening a background sentence may be about. Two sentences naming the same kind with
# the same modifier ("trade deal" / "trade accord", "lithium strategy" / "lithium policy") tell
# the same story even when every other word differs.
STORY_KINDS: dict[str, str] = {
    **dict.fromkeys(
        ("deal", "accord", "agreement", "pact", "treaty", "memorandum", "contract", "partnership"),
        "deal",
    ),
    **dict.fromkeys(
        ("policy", "strategy", "plan", "programme", "program", "mission", "law", "scheme"),
        "policy",
    ),
    **dict.fromkeys(("ceasefire", "truce", "war", "hostility", "attack", "conflict"), "conflict"),
    **dict.fromkeys(("tariff", "duty", "sanction", "ban", "quota"), "trade measure"),
    **dict.fromkeys(("talk", "summit", "visit", "meeting", "statement"), "diplomacy"),
}

OPENING_QUOTES = "“\"‘'«"
LEANS_BACK_REFERENCE = "leans_back_reference"  # cue kind: "The company said …"


# --- key points as something to compare against --------------------------------------------


@dataclass(frozen=True)
class EventProfile:
    """What the key points already say: their words, their text, their figures."""

    keys: tuple[frozenset[str], ...]  # one set per key point
    text: str  # all key points, normalised (`name_key`), one per line
    figures: frozenset[str]  # digits of every number the key points state
    own_dates: frozenset[str] = frozenset()  # the event's own day(s), as normalised DATE text
    event_keys: frozenset[str] = frozenset()  # words at least half the sources use
    # name_key of every name a party goes by -> all its names (the Parties table's aliases)
    party_forms: Mapping[str, frozenset[str]] = field(default_factory=dict)

    @property
    def all_keys(self) -> frozenset[str]:
        return frozenset().union(*self.keys)

    def is_party(self, name: str) -> bool:
        """Whether a name (`name_key`) is one the Parties table keeps; any name when the
        parties are not known."""
        return not self.party_forms or name in self.party_forms

    def knows(self, entity: str, label: str = "", *, strict: bool = False) -> bool:
        """True when the key points name this entity: its full name or another name its party
        goes by, or (unless `strict`) all its words, or a person's surname."""
        name = name_key(entity)
        if not name or has_word(name, self.text):
            return True
        if any(has_word(form, self.text) for form in self.party_forms.get(name, ())):
            return True  # named under another of the party's names ("XYZ" for "Xavier Yield Zone")
        if strict:
            return False
        words = [w for w in name.split() if w not in STOP_WORDS]
        if label == "PERSON" and len(words) > 1 and len(words[-1]) > 3:
            return has_word(words[-1], self.text)
        return len(words) > 1 and all(has_word(w, self.text) for w in words)


def event_profile(
    summary: Sequence[KeyPoint], sentences: Sequence[Sentence], parties: Sequence[Party] = ()
) -> EventProfile:
    """Keys of each key point, from the parsed sentence it came from when it can be found."""
    by_text: dict[str, Sentence] = {}
    for s in sentences:
        by_text.setdefault(name_key(s.text), s)
    keys: list[frozenset[str]] = []
    figures: set[str] = set()
    for point in summary:
        text = name_key(point.text)
        match = by_text.get(text) or next(
            (s for t, s in by_text.items() if text and (text in t or t in text)), None
        )
        point_keys = text_keys(point.text)
        if match is not None:
            point_keys |= span_keys(match.span)
        keys.append(frozenset(point_keys))
        figures |= numbers_in(point.text)
    text = "\n".join(name_key(p.text) for p in summary)
    return EventProfile(
        tuple(keys),
        text,
        frozenset(figures),
        own_dates(sentences),
        common_keys(sentences),
        party_forms(parties),
    )


def own_dates(sentences: Iterable[Sentence]) -> frozenset[str]:
    """Dates that at least half the sources give (at least two): the event's own time."""
    return _told_by_half(
        sentences,
        lambda s: {
            name_key(span.text)
            for span, m in dates.mentions(s.span)
            if m.entity and m.own_orientation != "past"
        },
    )


def common_keys(sentences: Iterable[Sentence]) -> frozenset[str]:
    """Content words that at least half the sources use (at least two): the event's subject."""
    return _told_by_half(sentences, lambda s: span_keys(s.span))


def _told_by_half(
    sentences: Iterable[Sentence], items: Callable[[Sentence], Iterable[str]]
) -> frozenset[str]:
    sources_by_item: dict[str, set[str]] = {}
    all_sources: set[str] = set()
    for s in sentences:
        all_sources.add(s.source_id)
        for item in items(s):
            sources_by_item.setdefault(item, set()).add(s.source_id)
    need = max(2, (len(all_sources) + 1) // 2)
    return frozenset(item for item, srcs in sources_by_item.items() if item and len(srcs) >= need)


def restates(sentence: Sentence, profile: EventProfile) -> bool:
    """True when a sentence repeats a key point: most of its words, or one of its figures."""
    keys = span_keys(sentence.span)
    if any(containment(keys, point) >= REPEAT_OVERLAP for point in profile.keys):
        return True
    stated = {
        n for e in ents(sentence.span) if e.label_ in FIGURE_LABELS for n in numbers_in(e.text)
    }
    return bool(stated & profile.figures)


def is_event_itself(sentence: Sentence, profile: EventProfile) -> bool:
    """About the event, not its background: names "the deal" or an actor, place or day of the
    key points, states the event's next steps (a plan, a milestone: "will choose a site later
    this year") or its terms (who finances it), and neither points to a past time nor ties the
    event to something else."""
    text, span = sentence.text, sentence.span
    if other_time(span) or other_dates(sentence, profile) or cues.has(span, "relates"):
        return False
    if past_perfect(span):
        return False  # "had fallen": what led up to the event
    if speaks_of_future(text) or future_time(span) or cues.has(span, "deal_financing"):
        return True  # what the event will bring or how it is paid for: the event, not background
    if cues.has(sentence.span, "event_reference"):
        return not _led_by_other_actor(sentence, profile)
    return any(
        e.label_ in ANCHOR_LABELS and profile.knows(e.text, e.label_, strict=True)
        for e in ents(sentence.span)
    )


def _led_by_other_actor(sentence: Sentence, profile: EventProfile) -> bool:
    """Opens with an organisation or person the key points do not name: another actor's stance
    on the event ("X, a shareholder of Y, wants the deal put to a vote")."""
    first = next(iter(ents(sentence.span)), None)
    return (
        first is not None
        and first.start - sentence.span.start <= 1
        and first.label_ in ("ORG", "PERSON")
        and not profile.knows(first.text, first.label_)
    )


# --- scoring ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class ContextCandidate:
    group: SentenceGroup
    sentence: Sentence  # the member shown
    keys: frozenset[str]
    stories: frozenset[str]  # "trade|deal": modifier + kind of each happening it names
    new_actors: tuple[str, ...]  # distinctive entities (not places) the key points do not name
    score: float

    @property
    def words(self) -> int:
        return self.sentence.words

    @property
    def order(self) -> tuple[float, int, int, str]:
        s = self.sentence
        return (-self.score, source_order(s.source_id), s.index, s.text)


def other_dates(sentence: Sentence, profile: EventProfile) -> list[str]:
    """Dates that point to a past time the key points do not (the event's own day is known; a
    bare weekday or "today" is the event's own time; a milestone ahead, "in 2027" in a plan, is
    the event's own future)."""
    future = speaks_of_future(sentence.text)
    return [
        span.text
        for span, m in dates.mentions(sentence.span)
        if m.entity
        and _names_a_time(m)
        and not (m.own_orientation == "future" or (future and m.own_orientation != "past"))
        and not m.is_event_day
        and name_key(span.text) not in profile.own_dates
        and not profile.knows(span.text)
    ]


def _names_a_time(m: DateMention) -> bool:
    """A calendar word, or a time before the event ("recent months", "two years ago")."""
    past = m.orientation == "past" or (m.offset is not None and m.offset < 0)
    return m.month is not None or m.weekday is not None or m.year is not None or past


def new_actors(
    sentence: Sentence, profile: EventProfile, labels: frozenset[str] = ACTOR_LABELS
) -> list[str]:
    """Entities the key points do not name, in order of mention. When the parties are known, an
    organisation or person is an actor only if the Parties table keeps it: a name it rejects (a
    time zone, a ticker, a project or mine read as a company) is no actor of the background."""
    seen: list[str] = []
    for e in ents(sentence.span):
        if e.label_ in labels and not profile.knows(e.text, e.label_):
            name = name_key(e.text)
            if e.label_ in PARTY_LABELS and not profile.is_party(name):
                continue
            if name and name not in seen:
                seen.append(name)
    return seen


def is_dependent(sentence: Sentence) -> bool:
    """Opens with a pronoun or demonstrative ("It's", "She said"), or with a description that
    stands for a party named before ("The Argentine firm has …"): it needs the previous sentence
    to make sense."""
    if opens_leaning(sentence.span):
        return True
    return any(
        cue.start == sentence.span.start for cue in cues.find(sentence.span, LEANS_BACK_REFERENCE)
    )


def relation_score(sentence: Sentence, profile: EventProfile) -> float:
    """How much a sentence relates the event to another time, actor or setting."""
    time = 1.0 if other_dates(sentence, profile) or other_time(sentence.span) else 0.0
    if past_perfect(sentence.span):
        time += 0.25  # something that happened before the event
    actors = new_actors(sentence, profile)
    score = time + min(0.5 * len(actors), 1.0)
    if cues.has(sentence.span, "setting"):
        score += 0.5
    keys = span_keys(sentence.span)
    # Background is about the same subject (shares some of the words most sources use) but
    # says something new: reward both, up to a point. Measured against the sources, not the
    # key points, so that which telling of a fact the key points took does not move it.
    score += RELATED_WEIGHT * min(containment(keys, profile.event_keys), 0.25) / 0.25
    score += min(len(keys - profile.event_keys), 8) / 8 * 0.5
    return score


def penalties(sentence: Sentence, profile: EventProfile) -> float:
    penalty = 0.0
    if QUOTE_MARKS.search(sentence.text):
        penalty += 0.5  # quotes react to the event; they rarely set it in context
    if sentence.words > 40:
        penalty += 0.5
    if sentence.words < 8 or len(span_keys(sentence.span)) < 4:
        penalty += 1.0
    return penalty


def best_member(group: SentenceGroup) -> Sentence:
    """The member to show: self-contained, without quotes, then shortest, then source order."""
    return min(
        group.sentences,
        key=lambda s: (
            is_dependent(s),
            bool(QUOTE_MARKS.search(s.text)),
            s.words > 40,
            s.words,
            source_order(s.source_id),
            s.index,
        ),
    )


def party_forms(parties: Iterable[Party]) -> dict[str, frozenset[str]]:
    """name_key of every name a party goes by -> all of them."""
    out: dict[str, frozenset[str]] = {}
    for party in parties:
        forms = frozenset(filter(None, (name_key(f) for f in (party.name, *party.aliases))))
        out.update(dict.fromkeys(forms, forms))
    return out


def party_names(parties: Iterable[Party]) -> dict[str, str]:
    """Every name a party goes by (its aliases, acronyms included) -> its one name, so that
    "XYZ" and "Xavier Yield Zone" are one actor when context items are compared."""
    return {
        name_key(form): name_key(party.name)
        for party in parties
        for form in (party.name, *party.aliases)
        if name_key(form)
    }


def candidates(
    groups: Sequence[SentenceGroup],
    profile: EventProfile,
    names: dict[str, str] | None = None,
) -> list[ContextCandidate]:
    names = names or {}
    out: list[ContextCandidate] = []
    summary_lines = set(profile.text.split("\n"))
    for group in groups:
        if any(name_key(s.text) in summary_lines for s in group.sentences):
            continue
        if any(restates(s, profile) for s in group.sentences):
            continue  # some wording of this fact repeats a key point
        shown = best_member(group)
        if shown.text[:1] in OPENING_QUOTES:
            continue  # a quotation reacts to the event; it does not set it in context
        if is_dependent(shown):
            continue  # "She also said...", shown alone, leaves the reader asking who
        if is_event_itself(shown, profile):
            continue
        if any(cues.has(shown.span, kind) for kind in NOT_BACKGROUND_CUES):
            continue  # who reported first, how shares moved: the news cycle, not background
        score = relation_score(shown, profile) - penalties(shown, profile)
        # The same background reported by several outlets matters more.
        score += 0.25 * (len(group.sources) - 1)
        keys = frozenset(span_keys(shown.span))
        out.append(
            ContextCandidate(
                group=group,
                sentence=shown,
                keys=keys,
                stories=stories(shown),
                new_actors=tuple(
                    names.get(a, a) for a in new_actors(shown, profile, DISTINCT_LABELS)
                ),
                score=round(score, 6),
            )
        )
    out.sort(key=lambda c: c.order)
    return out


def stories(sentence: Sentence) -> frozenset[str]:
    """The happenings a sentence names, as "modifier|kind" ("trade accord" -> "trade|deal")."""
    out = set()
    tokens = list(sentence.span)
    for prev, tok in pairwise(tokens):
        kind = STORY_KINDS.get(tok.lemma_.lower())
        if kind and prev.pos_ in ("NOUN", "PROPN", "ADJ") and not prev.is_stop:
            out.add(f"{stem(prev.lemma_)}|{kind}")
        elif kind == "conflict" or kind == "trade measure":  # specific enough on their own
            out.add(kind)
    return frozenset(out)


def duplicates(a: ContextCandidate, b: ContextCandidate) -> bool:
    """Two candidates tell the same background story: same words, actors or happening."""
    if overlap(a.keys, b.keys) >= DUPLICATE_OVERLAP:
        return True
    if set(a.new_actors) & set(b.new_actors):
        return True
    return bool(a.stories & b.stories)


def select(pool: Sequence[ContextCandidate], threshold: float) -> list[ContextCandidate]:
    chosen: list[ContextCandidate] = []
    words = 0
    for cand in pool:
        if len(chosen) == MAX_ITEMS:
            break
        if cand.score < threshold or words + cand.words > MAX_WORDS:
            continue
        if any(duplicates(cand, c) for c in chosen):
            continue
        chosen.append(cand)
        words += cand.words
    return chosen


def find_context(
    groups: Sequence[SentenceGroup],
    summary: Sequence[KeyPoint],
    parties: Sequence[Party] = (),
) -> list[ContextItem]:
    """2–5 background sentences (≤ ~120 words) that are not the event itself, best first.
    `parties` (with their aliases) tell which differently written names are one actor."""
    profile = event_profile(summary, [s for g in groups for s in g.sentences], parties)
    pool = candidates(groups, profile, party_names(parties))
    chosen = select(pool, MIN_SCORE)
    if len(chosen) < MIN_ITEMS:
        # Thin corpora: accept weaker background rather than none, but never a restatement.
        chosen = select(pool, MIN_SCORE / 2)
    return [ContextItem(text=c.sentence.text, sources=c.group.sources) for c in chosen]
