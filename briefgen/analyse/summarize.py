"""Sentence groups → key points: ranked by sumy, corroborated, distinct, bottom line first.

1. Each group (one fact, told by one or more sources) is a candidate, worded by its
   representative sentence.
2. A sumy summariser rates the candidates. The document is built with sumy's own document
   model (ObjectDocumentModel / Paragraph / Sentence, one paragraph per source) over spaCy's
   tokens, so sumy's NLTK-based tokenizer, which needs downloaded data, is never used. LexRank,
   the default, runs as `rank.lexrank_scores` (sumy's formulas on sparse matrices, same
   scores, with `stemmer`'s port of sumy's stemmer: neither sumy nor nltk is imported); on big
   inputs other algorithms rate the `PRESELECT` candidates that LexRank ranks highest.
3. score = W_RANK    × rank share (1 for sumy's best candidate, 0 for its worst)
         + W_SOURCES × share of the sources that report the fact (corroboration)
         + W_FACTS   × names and figures in the sentence (up to FACTS_CAP)
         + W_LEAD    × similarity to what the articles open with (the event, not background)
         + W_EARLY   × how early the fact comes in its articles (inverted pyramid),
   less for sentences that lean on the one before ("She said ...", "However, ...") or run
   long, and TERMS_BONUS more for a percentage stated of the deal ("the deal represents a 45%
   premium").
4. The bottom line is the best score plus a bonus for saying who, what, how much and where,
   and for opening its articles. The rest are picked by maximal marginal relevance under the
   budget (`n` sentences, `max_words` words). A candidate is out when its cosine with a chosen
   point reaches the grouping threshold or `grouping.adds_no_terms` says it tells a chosen fact
   again (the same money figure or length of time, or the same parties and kind of action with
   no term the point lacks: "X rejected Y's offer" after "X rejected Y's £2bn offer"), when
   every name and figure in it is already given (a new day counts), or when most of its weight
   is on words already said, or when it names no one and gives no figure or day (a lead-in:
   "Financing comes in two parts"). One page's aside (`grouping.asides`: a teaser for another
   story) is never a point. About to pick a candidate, the selection takes instead another
   telling of the same fact that gives every figure of it and a kind of term it lacks
   (`grouping.tells_with_more_terms`: "buy the 12% stake for $1.8bn" for "buy a 12% stake").
5. After the bottom line, points follow the order the articles tell them in (the average
   relative position of the group's sentences in their articles).

Measured with bench/quality.py on the seeds: key points + context cover 9 of 12 gold nuggets
in 293 words, no pair of key points at the grouping threshold; plain sumy LexRank over all
sentences covers 4 at 250 words and 6 at the same 293 words.
"""

from __future__ import annotations

import logging
import math
import statistics
import sys
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from briefgen.analyse import grouping
from briefgen.analyse.text import ents, opens_leaning
from briefgen.annotate import cues
from briefgen.annotate.figures import FigureKind
from briefgen.annotate.numbers import numbers_in
from briefgen.brief import KeyPoint
from briefgen.config import ALGORITHMS
from briefgen.corpus import Sentence, SentenceGroup, sorted_sources
from briefgen.errors import UsageError

if TYPE_CHECKING:
    from scipy.sparse import csr_matrix
    from spacy.tokens import Span

log = logging.getLogger(__name__)

PRESELECT = 300  # candidates other algorithms rate on big inputs (sumy's cost grows as n²)
W_RANK, W_SOURCES, W_FACTS, W_LEAD, W_EARLY = 0.25, 0.25, 0.2, 0.15, 0.15
FACTS_CAP = 8  # this many distinct entities and figures earn the full W_FACTS
LEANING_PENALTY = 0.6  # "She said ...", "This is ...": needs the sentence before it
LONG_WORDS = 45  # longer sentences read badly as a key point
LONG_PENALTY = 0.7
SIDESHOW_PENALTY = 0.6  # market reaction: share prices moving on the news
MARKET_CUES = ("market_reaction", "market_reaction_more")  # cue kinds in data/cues.toml
# The reporting itself ("was the first to report", "declined to comment") and the outlet
# speaking to its readers ("subscribe to our newsletter").
NEWSROOM_CUES = ("newsroom", "newsroom_more")
LEANS_BACK_CUES = ("leans_back", "leans_back_more")  # cue kinds: "Both …", "However, …"
LEANS_BACK_REACH = 2  # tokens after the first word within which a connective leans back
MIN_WORDS = 6
# Terms first (#12): a share the deal itself is stated in (a stake, a premium) often comes from
# one source only, deep in the article; this lifts it past ceremony and comment.
TERMS_BONUS = 0.25
DEAL_REFERENCE_CUE = "deal_reference"  # cue kind in data/cues.toml: "the deal", "this agreement"
ASIDE_SCORE = -1.0  # the score of a candidate that is not about the event (grouping.asides)
MMR_LAMBDA = 0.6  # weight of relevance against similarity to chosen points
MIN_NOVELTY = 0.5  # share of a candidate's TF-IDF weight that must be on words not yet said
LEAD_POSITIONS = grouping.LEAD_POSITIONS
STIGMA_WORDS = ("reportedly", "allegedly", "rumoured", "rumored", "unconfirmed", "speculation")
WHO = frozenset({"PERSON", "ORG", "NORP"})
WHERE = frozenset({"GPE", "LOC", "FAC"})
VALUE = frozenset({"MONEY", "PERCENT", "QUANTITY"})


@dataclass(frozen=True)
class PointCandidate:
    group: SentenceGroup
    words: tuple[str, ...]  # tokens sumy sees: spaCy's, without punctuation
    terms: tuple[str, ...]  # content lemmas, as grouping compares sentences
    atoms: frozenset[str]  # the names and figures it states, acronyms folded
    facts: grouping.Facts  # parties, money figures, events and days, as grouping reads them

    @property
    def sentence(self) -> Sentence:
        return self.group.representative

    @property
    def text(self) -> str:
        return self.sentence.text

    @property
    def length(self) -> int:
        return self.sentence.words


def key_points(
    groups: Sequence[SentenceGroup], *, n: int, max_words: int, algorithm: str = "lexrank"
) -> list[KeyPoint]:
    """At most `n` key points within `max_words` words, the bottom line first."""
    if algorithm not in ALGORITHMS:
        raise UsageError(f"unknown algorithm {algorithm!r}; choose one of {', '.join(ALGORITHMS)}")
    candidates = _candidates(groups)
    if not candidates or n <= 0:
        return []
    ratings = rate([c.words for c in candidates], _paragraph_ids(candidates), algorithm)
    vectors = grouping.tfidf([c.terms for c in candidates]).matrix
    scores = _scores(candidates, ratings, vectors)
    chosen = _select(candidates, scores, vectors, n=n, max_words=max_words)
    if not chosen:
        return []
    lengths = _article_lengths(groups)
    lead, rest = chosen[0], chosen[1:]
    rest.sort(key=lambda i: (_narrative_position(candidates[i].group, lengths), i))
    return [KeyPoint(candidates[i].text, _sources(i, candidates, vectors)) for i in [lead, *rest]]


def _sources(i: int, candidates: Sequence[PointCandidate], vectors: csr_matrix) -> list[str]:
    """Every source of the point's group, and of other groups whose wording states the same
    fact (cosine at the grouping threshold, or the same facts in other words): grouping gives
    each sentence one group, but a sentence close to two leaders supports both."""
    sims = (vectors @ vectors.getrow(i).T).toarray().ravel()
    mine = candidates[i].facts
    same = [
        j
        for j, c in enumerate(candidates)
        if j == i or sims[j] >= grouping.THRESHOLD or grouping.same_fact(mine, c.facts)
    ]
    # A source is cited only when its sentences of this fact give every number the point
    # states: sources that agree on the event but not on the figure do not back the figure.
    stated: dict[str, set[str]] = {}
    for j in same:
        for sentence in candidates[j].group.sentences:
            stated.setdefault(sentence.source_id, set()).update(numbers_in(sentence.text))
    needed = numbers_in(candidates[i].text)
    return sorted_sources(source for source, numbers in stated.items() if needed <= numbers)


# ---------------------------------------------------------------------------- candidates


def _candidates(groups: Sequence[SentenceGroup]) -> list[PointCandidate]:
    seen: set[str] = set()
    reps = []
    for group in groups:
        text = group.representative.text
        if text in seen or group.representative.words < MIN_WORDS:
            continue  # sumy rates identical strings as one sentence
        seen.add(text)
        reps.append(group)
    everything = [s for g in groups for s in g.sentences]
    acronyms = grouping.find_acronyms(everything)
    folder = grouping.TermFolder(acronyms)
    reader = grouping.FactReader.from_sentences(everything, acronyms)
    out = []
    for g in reps:
        facts = reader.facts(g.representative)
        out.append(
            PointCandidate(
                g,
                tuple(_sumy_words(g.representative.span)),
                tuple(folder.terms(g.representative.span)),
                _atoms(g.representative.span, folder, facts),
                facts,
            )
        )
    return out


def _atoms(span: Span, folder: grouping.TermFolder, facts: grouping.Facts) -> frozenset[str]:
    """The names and figures a sentence states, folded ("US Strategic Metals" = "USSM"), and
    its days: "the deal is expected to close in mid-2027" names no one new but tells when."""
    return frozenset(
        [
            *folder.terms(span, names_only=True),
            *(f"day:{d}" for d in facts.days),
        ]
    )


def _sumy_words(span: Span) -> list[str]:
    return [grouping.normalise_word(t.text) for t in span if not (t.is_punct or t.is_space)]


def _paragraph_ids(candidates: Sequence[PointCandidate]) -> list[int]:
    return [c.sentence.article_index for c in candidates]


# ---------------------------------------------------------------------------- sumy


def rate(
    sentences_words: Sequence[Sequence[str]], paragraph_ids: Sequence[int], algorithm: str
) -> list[float]:
    """A sumy rating for each sentence (higher is better), in input order."""
    n = len(sentences_words)
    if algorithm == "lexrank":  # sumy's LexRank, 2 ms instead of 0.1 s (+ nltk's import)
        from briefgen.analyse import rank

        log.debug("rating %d candidates with sparse LexRank", n)
        return rank.lexrank_scores(stemmed_words(sentences_words))
    if algorithm != "lexrank" and n > PRESELECT:
        # sumy's other summarisers grow as n² (or worse): rate the most central ones only.
        from briefgen.analyse import rank

        log.debug("rating the %d most central of %d candidates with %s", PRESELECT, n, algorithm)
        central = rank.lexrank_scores(stemmed_words(sentences_words))
        keep = sorted(range(n), key=lambda i: (-central[i], i))[:PRESELECT]
        keep.sort()
        inner = sumy_ratings(
            [sentences_words[i] for i in keep], [paragraph_ids[i] for i in keep], algorithm
        )
        out = [-math.inf] * n
        for i, value in zip(keep, inner, strict=True):
            out[i] = value
        return out
    return sumy_ratings(sentences_words, paragraph_ids, algorithm)


class SpacyTokenizer:
    """sumy's tokenizer interface over words spaCy already found (no NLTK data needed)."""

    def __init__(self, words_by_text: dict[str, Sequence[str]]):
        self._words = words_by_text

    def to_words(self, text: str) -> tuple[str, ...]:
        return tuple(self._words[text])

    def to_sentences(self, paragraph: str) -> tuple[str, ...]:  # pragma: no cover - unused
        raise NotImplementedError("sentences come from spaCy")


def build_document(sentences_words: Sequence[Sequence[str]], paragraph_ids: Sequence[int]) -> Any:
    """A sumy ObjectDocumentModel: one paragraph per source, sentences as given.

    sumy identifies a sentence by its text, so each gets a unique text key (its position);
    its words come from the tokenizer adapter.
    """
    sumy = _sumy()
    keys = [f"s{i}" for i in range(len(sentences_words))]
    tokenizer = SpacyTokenizer(dict(zip(keys, sentences_words, strict=True)))
    paragraphs: list[list[Any]] = []
    last: int | None = None
    for key, pid in zip(keys, paragraph_ids, strict=True):
        if pid != last or not paragraphs:
            paragraphs.append([])
            last = pid
        paragraphs[-1].append(sumy.Sentence(key, tokenizer))
    return sumy.ObjectDocumentModel([sumy.Paragraph(p) for p in paragraphs])


def summarizer(algorithm: str, sentences_words: Sequence[Sequence[str]] = ()) -> Any:
    """A configured sumy summariser: English stemmer and stop words (both offline)."""
    sumy = _sumy()
    cls = sumy.SUMMARIZERS[algorithm]
    instance = cls(sumy.Stemmer("english"))
    stop_words = sumy.get_stop_words("english")
    if algorithm == "edmundson":
        instance.null_words = stop_words
        instance.bonus_words = _frequent_words(sentences_words, stop_words) or ("news",)
        instance.stigma_words = STIGMA_WORDS
    else:
        instance.stop_words = stop_words
    return instance


def sumy_ratings(
    sentences_words: Sequence[Sequence[str]], paragraph_ids: Sequence[int], algorithm: str
) -> list[float]:
    """Run sumy's summariser and read the rating it gave every sentence."""
    document = build_document(sentences_words, paragraph_ids)
    instance = summarizer(algorithm, sentences_words)
    captured: dict[Any, float] = {}

    def capture(sentences: Sequence[Any], count: Any, rating: Any, *args: Any, **kw: Any):
        rate_one: Callable[[Any], float] = (
            rating.__getitem__ if isinstance(rating, dict) else lambda s: rating(s, *args, **kw)
        )
        for s in sentences:
            captured[s] = float(rate_one(s))
        return tuple(sentences)

    # Every sumy summariser ends with self._get_best_sentences(sentences, count, rating, ...);
    # shadowing it on the instance hands us the rating of every sentence, not only the top.
    instance._get_best_sentences = capture
    instance(document, len(sentences_words))
    return [captured.get(s, -math.inf) for s in document.sentences]


def english_stemmer() -> Callable[[str], str]:
    """sumy's English (Snowball) stemmer, lower-casing, memoised (without nltk)."""
    from briefgen.analyse import stemmer

    return stemmer.stem


def stemmed_words(sentences_words: Sequence[Sequence[str]]) -> list[list[str]]:
    """The words sumy's LexRank compares: lower-cased, stop words out, stemmed."""
    from briefgen.analyse.stemmer import stem as stemmer
    from briefgen.analyse.stemmer import stop_words

    stop = frozenset(w.lower() for w in stop_words())
    cache: dict[str, str] = {}
    out = []
    for words in sentences_words:
        row = []
        for word in words:
            low = word.lower()
            if low in stop:
                continue
            if low not in cache:
                cache[low] = stemmer(low)
            row.append(cache[low])
        out.append(row)
    return out


def _frequent_words(sentences_words: Sequence[Sequence[str]], stop: frozenset[str]) -> list[str]:
    counts = Counter(w.lower() for ws in sentences_words for w in ws if w.isalpha())
    ranked = sorted((w for w in counts if w not in stop), key=lambda w: (-counts[w], w))
    return ranked[:10]


@dataclass(frozen=True)
class _Sumy:
    ObjectDocumentModel: Any
    Paragraph: Any
    Sentence: Any
    Stemmer: Any
    get_stop_words: Callable[[str], frozenset[str]]
    SUMMARIZERS: dict[str, Any]


_SUMY: _Sumy | None = None


def _sumy() -> _Sumy:
    """Import sumy once. nltk (under sumy's stemmer) imports scipy.stats when it is installed,
    only for collocation statistics sumy never uses: 0.7 s of start-up (measured), so that
    import is blocked while nltk loads; scipy.stats stays importable afterwards."""
    global _SUMY
    if _SUMY is not None:
        return _SUMY
    hide = "scipy.stats" not in sys.modules and "nltk" not in sys.modules
    if hide:
        sys.modules["scipy.stats"] = None  # type: ignore[assignment]
    try:
        import nltk  # noqa: F401
    finally:
        if hide:
            del sys.modules["scipy.stats"]
    from sumy.models.dom import ObjectDocumentModel, Paragraph
    from sumy.models.dom import Sentence as SumySentence
    from sumy.nlp.stemmers import Stemmer
    from sumy.summarizers.edmundson import EdmundsonSummarizer
    from sumy.summarizers.kl import KLSummarizer
    from sumy.summarizers.lex_rank import LexRankSummarizer
    from sumy.summarizers.lsa import LsaSummarizer
    from sumy.summarizers.luhn import LuhnSummarizer
    from sumy.summarizers.reduction import ReductionSummarizer
    from sumy.summarizers.sum_basic import SumBasicSummarizer
    from sumy.summarizers.text_rank import TextRankSummarizer
    from sumy.utils import get_stop_words

    _SUMY = _Sumy(
        ObjectDocumentModel,
        Paragraph,
        SumySentence,
        Stemmer,
        get_stop_words,
        {
            "lexrank": LexRankSummarizer,
            "textrank": TextRankSummarizer,
            "lsa": LsaSummarizer,
            "luhn": LuhnSummarizer,
            "kl": KLSummarizer,
            "sumbasic": SumBasicSummarizer,
            "reduction": ReductionSummarizer,
            "edmundson": EdmundsonSummarizer,
        },
    )
    return _SUMY


# ---------------------------------------------------------------------------- scoring


def _rank_share(ratings: Sequence[float]) -> list[float]:
    """1.0 for the best-rated, 0.0 for the worst: comparable across sumy's algorithms."""
    n = len(ratings)
    order = sorted(range(n), key=lambda i: (-ratings[i], i))
    share = [0.0] * n
    for position, i in enumerate(order):
        share[i] = 1.0 - position / (n - 1) if n > 1 else 1.0
    return share


def _scores(
    candidates: Sequence[PointCandidate], ratings: Sequence[float], vectors: csr_matrix
) -> list[float]:
    total = len({s for c in candidates for s in c.group.sources})
    shares = _rank_share(ratings)
    relevance = _lead_relevance(candidates, vectors)
    asides = grouping.asides([c.group for c in candidates])
    lengths = _article_lengths([c.group for c in candidates])
    out = []
    for c, share, lead, aside in zip(candidates, shares, relevance, asides, strict=True):
        if aside:
            out.append(ASIDE_SCORE)  # another story on one page: never a key point
            continue
        early = 1.0 - _narrative_position(c.group, lengths)
        corroboration = (len(c.group.sources) - 1) / (total - 1) if total > 1 else 0.0
        facts = min(grouping.informativeness(c.sentence.span) / FACTS_CAP, 1.0)
        score = (
            W_RANK * share
            + W_SOURCES * corroboration
            + W_FACTS * facts
            + W_LEAD * lead
            + W_EARLY * early
        )
        if _leans_on_context(c.sentence.span):
            score *= LEANING_PENALTY
        if c.length > LONG_WORDS:
            score *= LONG_PENALTY
        score *= _substance(c)
        if _states_terms(c):
            score += TERMS_BONUS
        out.append(score)
    return out


def _lead_relevance(candidates: Sequence[PointCandidate], vectors: csr_matrix) -> list[float]:
    return grouping.lead_relevance([c.group for c in candidates], vectors)


def _leans_on_context(span: Span) -> bool:
    """Opens with a pronoun or demonstrative, or a connective ("Both …", "On the other hand"),
    that points at an earlier sentence."""
    first = next((t for t in span if not (t.is_punct or t.is_space)), None)
    if first is None:
        return False
    # "Both uses …", "Antimony, on the other hand, …": the connective opens the sentence or
    # follows its first word.
    return opens_leaning(span) or any(
        cue.start - first.i <= LEANS_BACK_REACH
        for kind in LEANS_BACK_CUES
        for cue in cues.find(span, kind)
    )


def _substance(c: PointCandidate) -> float:
    """Terms first: the market's mood (share prices moving on the news, with their figures) and
    the newsroom's own story (who reported first, who declined to comment) lose to what the
    deal says."""
    span = c.sentence.span
    sideshow = any(cues.has(span, kind) for kind in (*MARKET_CUES, *NEWSROOM_CUES))
    return SIDESHOW_PENALTY if sideshow else 1.0


def _states_terms(c: PointCandidate) -> bool:
    """Gives the deal's terms: a percentage in a sentence that names the deal ("The deal
    represents a 45% premium", "X will own 50 percent plus one share in the new partnership").
    Money is left out: a price already earns its place as a figure, and a second source's
    rounder or different price for the deal ("the contract is worth about $600 million") would
    push out what the deal is made of (who lends, who owns)."""
    has_share = any(kind == FigureKind.PERCENT for kind, _, _ in c.facts.figures)
    return has_share and cues.has(c.sentence.span, DEAL_REFERENCE_CUE)


def _bottom_line_bonus(c: PointCandidate) -> float:
    """Says who did what, for how much, where; leads its articles."""
    span = c.sentence.span
    entities = ents(span)  # span.ents rescans the whole Doc on every call
    labels = {e.label_ for e in entities}
    who = len({e.text.lower() for e in entities if e.label_ in WHO})
    did = any(t.tag_ in ("VBD", "VBN") and t.pos_ == "VERB" for t in span)
    bonus = 0.1 * min(who, 2) + 0.1 * did + 0.1 * bool(labels & VALUE) + 0.1 * bool(labels & WHERE)
    leads = sum(1 for s in c.group.sentences if s.index < LEAD_POSITIONS)
    return bonus + 0.2 * leads / len(c.group.sentences)


# ---------------------------------------------------------------------------- selection


def _select(
    candidates: Sequence[PointCandidate],
    scores: Sequence[float],
    vectors: csr_matrix,
    *,
    n: int,
    max_words: int,
) -> list[int]:
    """Bottom line, then maximal marginal relevance under the sentence and word budget.

    A candidate is out when it restates a chosen point (cosine at the grouping threshold, or
    the same facts in other words), when every name and figure in it was already given, or
    when most of its weight is on words already said. Among the rest, relevance minus
    similarity to what is already chosen (the closest point, or all points together) decides.
    Per-candidate state is updated with one sparse product per pick, so a pick costs
    O(candidates).
    """
    import numpy as np

    count = len(candidates)
    lengths = np.array([c.length for c in candidates])
    fits = lengths <= max_words
    if not fits.any():
        return []
    bonus = np.array([_bottom_line_bonus(c) for c in candidates])
    relevance = np.array(scores)
    lead = int(np.argmax(np.where(fits, relevance + bonus, -np.inf)))
    squared = vectors.multiply(vectors).tocsc()
    max_sim = np.zeros(count)
    union = np.zeros(vectors.shape[1])
    said = np.zeros(count)  # squared weight on words already in a chosen point
    covered: set[int] = set()
    atoms: set[str] = set()
    no_new_atoms = np.zeros(count, dtype=bool)
    states_something = np.array([bool(c.atoms) for c in candidates])
    restates = np.zeros(count, dtype=bool)
    chosen: list[int] = []
    words = 0

    def take(i: int) -> None:
        nonlocal words
        chosen.append(i)
        words += int(lengths[i])
        row = vectors.getrow(i)
        np.maximum(max_sim, (vectors @ row.T).toarray().ravel(), out=max_sim)
        union[row.indices] += row.data
        new = [int(c) for c in row.indices if int(c) not in covered]
        covered.update(new)
        if new:
            said[:] += np.asarray(squared[:, new].sum(axis=1)).ravel()
        atoms.update(candidates[i].atoms)
        no_new_atoms[:] = [bool(c.atoms) and c.atoms <= atoms for c in candidates]
        facts = candidates[i].facts
        restates[:] |= [grouping.adds_no_terms(c.facts, facts) for c in candidates]

    take(lead)
    while len(chosen) < n:
        allowed = (
            fits
            & (relevance > ASIDE_SCORE)
            & (lengths + words <= max_words)
            & (max_sim < grouping.THRESHOLD)  # states a fact already chosen
            & ~restates  # the same fact in other words, or with no terms added
            & ~no_new_atoms  # names and figures all given already
            & states_something  # names no one and gives no figure or day
            & (1.0 - said >= MIN_NOVELTY)  # mostly words already said
        )
        allowed[chosen] = False
        if not allowed.any():
            break
        norm = float(np.linalg.norm(union)) or 1.0
        overlap = np.maximum(max_sim, vectors @ (union / norm))
        value = MMR_LAMBDA * relevance - (1 - MMR_LAMBDA) * overlap
        best = int(np.argmax(np.where(allowed, value, -np.inf)))
        take(_fuller_telling(best, candidates, allowed, value))
    return chosen


def _fuller_telling(
    pick: int, candidates: Sequence[PointCandidate], allowed: Any, value: Any
) -> int:
    """Terms first: another telling of the fact about to be picked that states a kind of term
    it lacks (the price of a stake told without it) and every figure it gives, if one is
    allowed; else the pick. Only a telling that keeps every figure: one that drops a figure
    would lose as much as it adds."""
    numbers = numbers_in(candidates[pick].text)
    fuller = [
        j
        for j, c in enumerate(candidates)
        if allowed[j]
        and j != pick
        and grouping.tells_with_more_terms(c.facts, candidates[pick].facts)
        and numbers <= numbers_in(c.text)  # the very figures, not rounded ones
    ]
    return max(fuller, key=lambda j: (value[j], -j)) if fuller else pick


def _article_lengths(groups: Sequence[SentenceGroup]) -> dict[int, int]:
    lengths: dict[int, int] = {}
    for g in groups:
        for s in g.sentences:
            lengths[s.article_index] = max(lengths.get(s.article_index, 0), s.index + 1)
    return lengths


def _narrative_position(group: SentenceGroup, lengths: dict[int, int]) -> float:
    """Where the group's fact sits in its articles, 0 = top, 1 = bottom, averaged."""
    return statistics.fmean(s.index / max(lengths[s.article_index] - 1, 1) for s in group.sentences)
