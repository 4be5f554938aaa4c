"""Content sentences → groups of sentences that state the same fact, across sources.

Sentences become TF-IDF vectors over content-word lemmas, with spelling variants
(organisation/organization, U.S./US) and acronyms defined in the corpus ("Frontier Works
Organization (FWO)") folded into one term, so "FWO" and its long form count as the same word.
Sentences with the same content terms (re-posts, wire copies) are compared once; pairs whose
cosine reaches `THRESHOLD` are found with a sparse matrix product in row blocks, so only pairs
that share a term are ever touched and memory stays bounded. Groups form around leaders: sentences
in order of informativeness (named entities and figures, then source order) each join the most
similar existing leader, or lead a group of their own when no leader is similar enough or a
closer partner is still to come. Judging members against the leader, not against any member,
keeps chains (A≈B, B≈C, A≠C) from merging different facts.

Word overlap misses paraphrases that share few words ("agreed to buy Lunga Copper plc for about
US$1.1 billion" / "will acquire all of Lunga's shares ... valued at about $1.1bn"). So two
sentences from different articles also state the same fact when their `Facts` say so
(`same_fact`): they name the same parties (at least two, and most of the names of the sentence
naming fewer) and give the same money figure, or, giving no different figures, tell the same
kind of event (sign/agree, buy/acquire, ...) on the same day. Names are entities and proper-noun
runs without "the" or company forms, acronyms read as their long forms, each read as the
shortest name in the corpus that begins it ("Lunga Copper plc" = "Lunga"); figures are
read by `annotate.figures` ("$1.1bn" = "US$1.1 billion" = "1.1 billion dollars"). Pairs are
found with sparse products over party, figure and event-day keys, block by block like the cosine
pairs, and join the leader logic at the threshold's similarity. Naming the same parties with
different figures is not the same fact by this rule; word overlap may still group such sentences
(the same deal "valued at about $9 billion" / "worth $9.8 billion").

THRESHOLD was set by measurement on the seeds (83 content sentences, 2,677 pairs from different
sources; every pair at cosine ≥ 0.25 read by hand): at ≥ 0.40, 25 of 28 pairs state the same
fact; 0.35–0.40, 10 of 12; 0.30–0.35, 13 of 16; 0.25–0.30, about 5 of 19. 0.35 keeps 35 of 40
merged pairs right (88%) while catching paraphrases such as "The first phase of investment is
valued at $500 million." / "The initial phase of the project is valued at approximately $500
million, ..." (0.61); going lower adds mostly different facts that share a name.
"""

from __future__ import annotations

import calendar
import itertools
import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from briefgen.analyse.text import ents
from briefgen.annotate import cues, dates
from briefgen.annotate.figures import FigureKind
from briefgen.annotate.names import (
    BARE_COMPANY_FORMS,
    acronym_definitions,
    countries,
    fold_spelling,
    name_key,
)
from briefgen.corpus import Sentence, SentenceGroup, source_order

if TYPE_CHECKING:
    from scipy.sparse import csr_matrix
    from spacy.tokens import Span, Token

THRESHOLD = 0.35
# Cosine with another source's wording under which a single-source sentence is off the topic
# (devset: teasers, captions and bios sit under 0.1; on-topic asides at 0.1 and above, mostly).
TOPIC_SIMILARITY = 0.12
LEAD_SIMILARITY = 0.05
LEAD_POSITIONS = 2  # the first sentences of an article carry its news (inverted pyramid)
BLOCK_ROWS = 512  # rows per block of the similarity product: bounds memory at ~20k sentences
BLOCK_ENTRIES = 1_000_000  # and at most ~16 MiB a block (rows x rows compared) beyond that
BLOCK_PAIRS = 50_000  # pairs whose cosines are computed at once
FIGURE_LABELS = frozenset({"MONEY", "PERCENT", "QUANTITY", "CARDINAL", "DATE"})
NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "PRODUCT", "LAW"})
COUNTED = NAME_LABELS | FIGURE_LABELS
ABBREVIATION = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]?")  # U.S., U.K
ROUNDING = 0.015  # two figures within 1.5% are one figure rounded ("$27.1bn" / "$27.18bn")
TERM_KINDS = frozenset({"money", "percent"})  # figures that state a deal's terms
DURATION = "duration"  # Facts.figures kind of a length of time, counted in days
POSSESSIVE = ("'s", "’s")  # "Prime Minister's Office (PMO)": not a word of the long form
MIN_SHARED_PARTIES = 2  # one shared name is the subject of many facts; two pin one down
PARTY_LABELS = NAME_LABELS - {"NORP"}  # "Canadian" qualifies a party; it is not one
# Verbs that tell the same kind of event, as seen from either party or in either register.
EVENT_CLASSES: dict[str, str] = {
    **dict.fromkeys(("buy", "acquire", "purchase"), "acquire"),
    **dict.fromkeys(("sign", "agree", "ink", "seal", "conclude"), "sign"),
    **dict.fromkeys(("award", "pick", "select", "choose", "win", "grant"), "award"),
    **dict.fromkeys(("invest", "spend", "fund", "finance"), "invest"),
    **dict.fromkeys(("approve", "clear", "authorize", "authorise", "ratify"), "approve"),
    **dict.fromkeys(("sell", "divest"), "sell"),
}
ACTION_CUE = "action_"  # cue kinds (data/cues.toml) that name a kind of action
# Verbs that say nothing about what happened: reporting, and light verbs that any fact can use.
NOT_EVENTS = frozenset((
    "say", "tell", "add", "report", "accord", "state", "note", "announce", "confirm", "quote",
    "cite", "expect", "be", "have", "do", "make", "get", "go", "come", "take", "give", "put",
    "include", "become", "seem", "need", "want",
))  # fmt: skip


@dataclass(frozen=True)
class Vectors:
    """Row-normalised TF-IDF vectors of sentences, and the vocabulary behind the columns."""

    matrix: csr_matrix
    vocabulary: dict[str, int]


def group_sentences(sentences: list[Sentence]) -> list[SentenceGroup]:
    """Groups of sentences stating the same fact, in order of first appearance in the corpus."""
    if not sentences:
        return []
    # Sentences with the same content words are the same fact: compare each wording once.
    acronyms = find_acronyms(sentences)
    folder = TermFolder(acronyms)
    rows: dict[tuple[str, ...], list[int]] = {}
    for i, sentence in enumerate(sentences):
        rows.setdefault(tuple(folder.terms(sentence.span)), []).append(i)
    keys = list(rows)
    by_leader_key = sorted(range(len(sentences)), key=lambda i: _leader_key(sentences[i]))
    rank = {i: r for r, i in enumerate(by_leader_key)}
    for members in rows.values():
        members.sort(key=rank.__getitem__)
    matrix = tfidf(keys).matrix
    reader = FactReader.from_sentences(sentences, acronyms)
    facts = [reader.facts(sentences[rows[key][0]]) for key in keys]
    near = _similar_matrix(matrix, THRESHOLD)
    articles = [_only_article(sentences, rows[key]) for key in keys]
    pairs = fact_pairs(facts, articles)
    stated: dict[int, list[int]] = defaultdict(list)
    for (k, j), cosine in zip(pairs, _cosines(matrix, pairs), strict=True):
        # Stating the same fact in other words counts as similar enough, not as closer than
        # a wording that shares the words (those pairs are in `near` already).
        if cosine < THRESHOLD - 1e-12:
            stated[k].append(j)
    order = sorted(range(len(keys)), key=lambda k: rank[rows[keys[k]][0]])
    members_of = _lead(order, near, stated)
    groups = []
    for ks in members_of.values():
        idx = sorted((i for k in ks for i in rows[keys[k]]), key=rank.__getitem__)
        rest = sorted(idx[1:], key=lambda i: _position(sentences[i]))
        groups.append(SentenceGroup(tuple(sentences[i] for i in [idx[0], *rest])))
    groups.sort(key=lambda g: min(_position(s) for s in g.sentences))
    return groups


def _lead(
    order: Sequence[int], near: csr_matrix, stated: dict[int, list[int]]
) -> dict[int, list[int]]:
    """Leaders and their members: in `order`, each row joins its most similar leader (`near`:
    cosines at THRESHOLD or above; `stated`: other wordings of its fact, as THRESHOLD), the
    first of equals, or leads a group of its own when none is similar or a closer partner is
    still to come. Rows are read as arrays: a big event's rows have thousands of neighbours."""
    import numpy as np

    is_leader = np.zeros(near.shape[0], dtype=bool)
    placed = np.zeros(near.shape[0], dtype=bool)
    members_of: dict[int, list[int]] = {}
    for k in order:
        cols = near.indices[near.indptr[k] : near.indptr[k + 1]]
        sims = near.data[near.indptr[k] : near.indptr[k + 1]]
        if k in stated:
            cols = np.concatenate((cols, stated[k]))
            sims = np.concatenate((sims, np.full(len(stated[k]), THRESHOLD)))
        best, best_sim, waiting = -1, 0.0, 0.0
        leading = is_leader[cols]
        if leading.any():
            best_sim = float(sims[leading].max())
            best = int(cols[leading][sims[leading] == best_sim].min())
        coming = ~placed[cols]
        if coming.any():
            waiting = float(sims[coming].max())
        placed[k] = True
        # A closer partner still to come makes this sentence a leader it can join, rather than
        # a loose member of an existing group.
        if best < 0 or waiting > best_sim:
            members_of[k] = [k]
            is_leader[k] = True
        else:
            members_of[best].append(k)
    return members_of


def asides(groups: Sequence[SentenceGroup]) -> list[bool]:
    """For each group, whether it is one page's aside rather than the event: one source alone
    tells it, it names someone or something no other source names, no other source says
    anything near it (TF-IDF cosine under TOPIC_SIMILARITY) and it shares almost nothing with
    what the articles open with: a teaser headline for another story on the page. A sentence
    that names no one ("Work will begin in January") is not judged by this. With a single
    source nothing is an aside."""
    if len({s for g in groups for s in g.sources}) < 2:
        return [False] * len(groups)
    folder = TermFolder.from_sentences([s for g in groups for s in g.sentences])
    matrix = tfidf([folder.terms(g.representative.span) for g in groups]).matrix
    lead = lead_relevance(groups, matrix)
    names = [_entity_words(g.representative.span) for g in groups]
    named_by: dict[str, set[str]] = defaultdict(set)
    for g, found in zip(groups, names, strict=True):
        for name in found:
            named_by[name].update(g.sources)
    suspects = [
        i
        for i, g in enumerate(groups)
        if len(g.sources) == 1
        and lead[i] < LEAD_SIMILARITY
        and bool(names[i])
        and all(named_by[name] <= set(g.sources) for name in names[i])
    ]
    # Neighbours of the suspects only: every group's would be millions of pairs in a big event.
    near = similar_pairs(matrix, TOPIC_SIMILARITY, suspects)
    out = [False] * len(groups)
    for i in suspects:
        own = set(groups[i].sources)
        out[i] = not any(set(groups[j].sources) - own for j, _ in near[i])
    return out


def _entity_words(span: Span) -> set[str]:
    """The words of a span's named entities ("President" alone, a title, is not one)."""
    return {normalise_word(t.lemma_) for t in span if t.ent_type_ in NAME_LABELS}


def lead_relevance(groups: Sequence[SentenceGroup], matrix: csr_matrix) -> list[float]:
    """Cosine of each group (a row of `matrix`) with the centroid of the articles' opening
    sentences (what each outlet led with), scaled so the most relevant gets 1: the event itself,
    not its background."""
    import numpy as np

    weights = np.array(
        [sum(1 for s in g.sentences if s.index < LEAD_POSITIONS) for g in groups], dtype=float
    )
    if not weights.any():
        return [0.0] * len(groups)
    sims = matrix @ (matrix.T @ weights)
    top = float(sims.max())
    return (sims / top).tolist() if top > 0 else [0.0] * len(groups)


def _position(sentence: Sentence) -> tuple[int, int]:
    return (sentence.article_index, sentence.index)


def _only_article(sentences: Sequence[Sentence], members: Sequence[int]) -> int:
    """The one article a wording comes from, or -1 when several carry it (a wire copy)."""
    found = {sentences[i].article_index for i in members}
    return found.pop() if len(found) == 1 else -1


def _cosines(matrix: csr_matrix, pairs: Sequence[tuple[int, int]]) -> list[float]:
    """Cosine of each pair of (unit) rows."""
    import numpy as np

    out: list[float] = []
    for start in range(0, len(pairs), BLOCK_PAIRS):  # two rows copied a pair: bound them
        left, right = (list(side) for side in zip(*pairs[start : start + BLOCK_PAIRS], strict=True))
        out += np.asarray(matrix[left].multiply(matrix[right]).sum(axis=1)).ravel().tolist()
    return out


def _leader_key(sentence: Sentence) -> tuple[int, int, int, int]:
    """Most informative first: named entities and figures, then earliest source and position."""
    return (-informativeness(sentence.span), source_order(sentence.source_id), *_position(sentence))


def informativeness(span: Span) -> int:
    """Distinct names and figures in a sentence (who, where, how much, when): named entities,
    plus runs of proper nouns and numbers the entity recogniser missed (common in lists)."""
    entities = ents(span)  # span.ents rescans the whole Doc on every call
    found = {(e.label_, e.text.lower()) for e in entities if e.label_ in COUNTED}
    in_entity = {t.i for e in entities for t in e}
    run: list[str] = []
    for token in [*span, None]:
        if token is not None and token.i not in in_entity and token.pos_ in ("PROPN", "NUM"):
            run.append(token.lower_)
            continue
        if run:
            found.add(("NAME", " ".join(run)))
            run = []
    return len(found)


# ---------------------------------------------------------------------------- terms


@lru_cache(maxsize=65536)
def normalise_word(word: str) -> str:
    """Fold spelling variants that would otherwise split a term: U.S./US, -isation/-ization."""
    if ABBREVIATION.fullmatch(word):
        word = word.replace(".", "")
    return fold_spelling(word.lower())


def _is_content(token: Token) -> bool:
    word = normalise_word(token.text)
    if not (word.isalpha() or token.like_num):
        return False
    # "US" is a stop word to spaCy (as "us"); in capitals it is a name.
    return not token.is_stop or (token.text.isupper() and len(word) >= 2)


class TermFolder:
    """Content-word lemmas of a span, with the corpus's acronyms and long forms folded."""

    def __init__(self, acronyms: dict[tuple[str, ...], str]):
        self._by_first: dict[str, list[tuple[tuple[str, ...], str]]] = defaultdict(list)
        for long_form, short in sorted(acronyms.items(), key=lambda kv: (-len(kv[0]), kv[0])):
            self._by_first[long_form[0]].append((long_form, short))

    @classmethod
    def from_sentences(cls, sentences: Sequence[Sentence]) -> TermFolder:
        return cls(find_acronyms(sentences))

    def terms(self, span: Span, *, names_only: bool = False) -> list[str]:
        """Content terms in order; with names_only, only those naming someone or something
        (proper nouns, named entities, acronyms) or giving a figure."""
        tokens = list(span)  # indexing a Span builds a Token each time
        words = [normalise_word(t.text) for t in tokens]
        out: list[str] = []
        i = 0
        while i < len(tokens):
            for long_form, short in self._by_first.get(words[i], ()):
                if tuple(words[i : i + len(long_form)]) == long_form:
                    out.append(short)
                    i += len(long_form)
                    break
            else:
                token = tokens[i]
                if _is_content(token) and (not names_only or _is_name(token)):
                    out.append(words[i] if token.is_upper else normalise_word(token.lemma_))
                i += 1
        return out


def _is_name(token: Token) -> bool:
    if token.like_num:
        return any(c.isdigit() for c in token.text)
    return token.pos_ == "PROPN" or token.ent_type_ in NAME_LABELS or token.ent_type_ == "MONEY"


def term_lists(sentences: Sequence[Sentence]) -> list[list[str]]:
    """Content-word lemmas of each sentence, acronyms and their long forms folded together."""
    folder = TermFolder.from_sentences(sentences)
    return [folder.terms(s.span) for s in sentences]


def find_acronyms(sentences: Sequence[Sentence]) -> dict[tuple[str, ...], str]:
    """Long forms defined in the text as "Long Form (LF)" → the acronym, both normalised, as the
    `briefgen_names` component marked them."""
    found: dict[tuple[str, ...], str] = {}
    for sentence in sentences:
        span = sentence.span
        for definition in acronym_definitions(span.doc, span.start, span.end):
            words = span.doc[definition.start : definition.end]
            long_form = tuple(normalise_word(t.text) for t in words if t.text not in POSSESSIVE)
            found.setdefault(long_form, normalise_word(definition.short_text))
    return found


# ---------------------------------------------------------------------------- vectors


def tfidf(terms: Sequence[Sequence[str]]) -> Vectors:
    """Row-normalised TF-IDF (sublinear tf, smooth idf) as a sparse matrix."""
    import numpy as np
    from scipy.sparse import csr_matrix

    vocabulary: dict[str, int] = {}
    for words in terms:
        for word in words:
            vocabulary.setdefault(word, len(vocabulary))
    df = Counter(word for words in terms for word in set(words))
    n = len(terms)
    idf = {w: math.log((1 + n) / (1 + d)) + 1.0 for w, d in df.items()}
    rows, cols, vals = [], [], []
    for r, words in enumerate(terms):
        counts = Counter(words)
        weights = {w: (1 + math.log(c)) * idf[w] for w, c in counts.items()}
        norm = math.sqrt(sum(v * v for v in weights.values())) or 1.0
        for w in sorted(weights, key=vocabulary.__getitem__):
            rows.append(r)
            cols.append(vocabulary[w])
            vals.append(weights[w] / norm)
    matrix = csr_matrix(
        (np.array(vals, dtype=np.float64), (np.array(rows), np.array(cols))),
        shape=(n, len(vocabulary)),
    )
    return Vectors(matrix, vocabulary)


def similar_pairs(
    matrix: csr_matrix, threshold: float, rows: Sequence[int] | None = None
) -> dict[int, list[tuple[int, float]]]:
    """For each row (or each of `rows`), the other rows with cosine ≥ threshold (rows are unit
    vectors)."""
    out: dict[int, list[tuple[int, float]]] = defaultdict(list)
    for found, cols, values in _above(matrix, threshold, rows):
        for i, j, v in zip(found.tolist(), cols.tolist(), values.tolist(), strict=True):
            out[i].append((j, v))
    return out


def _similar_matrix(matrix: csr_matrix, threshold: float) -> csr_matrix:
    """`similar_pairs` as a sparse matrix: millions of pairs in a big event, as arrays rather
    than Python tuples (a tenth of the memory, and nothing for the garbage collector to scan).
    Built as CSR straight from the blocks, whose rows come in order: a COO matrix converted to
    CSR would hold every pair two more times at the peak."""
    import numpy as np
    from scipy.sparse import csr_matrix

    n = matrix.shape[0]
    counts = np.zeros(n, dtype=np.int64)
    cols, values = [], []
    for rows, block_cols, block_values in _above(matrix, threshold):
        counts += np.bincount(rows, minlength=n)
        cols.append(block_cols)
        values.append(block_values)
    indptr = np.concatenate(([0], np.cumsum(counts)))
    return csr_matrix((np.concatenate(values), np.concatenate(cols), indptr), shape=(n, n))


def _above(
    matrix: csr_matrix, threshold: float, rows: Sequence[int] | None = None
) -> Iterator[tuple[Any, Any, Any]]:
    """(rows, columns, cosines) of the pairs of other rows at `threshold` or above, for every
    row (ascending) or for `rows` in their order, a block of rows at a time, so only pairs that
    share a term are ever touched and memory stays bounded."""
    import numpy as np

    transposed = matrix.T.tocsc()
    n = matrix.shape[0]
    asked = None if rows is None else np.asarray(rows, dtype=np.int64)
    count = n if asked is None else len(asked)
    # Sentences share common words, so a block's product is nearly dense: bound its entries.
    step = max(1, min(BLOCK_ROWS, BLOCK_ENTRIES // max(1, n)))
    for start in range(0, count, step):
        if asked is None:
            block_rows = np.arange(start, min(start + step, n))
            part = matrix[start : start + step]
        else:
            block_rows = asked[start : start + step]
            part = matrix[block_rows]
        block = (part @ transposed).tocoo()
        found = block_rows[block.row]
        keep = (block.data >= threshold - 1e-12) & (found != block.col)
        values = np.round(block.data[keep], 12)  # exact ties stay ties across blocks
        yield found[keep].astype(np.int32), block.col[keep].astype(np.int32), values


# ---------------------------------------------------------------------------- facts


@dataclass(frozen=True)
class Facts:
    """What a sentence claims, in keys comparable across wordings: who (parties), how much
    (money figures), what happened (kinds of event) and on which day."""

    parties: frozenset[str]
    amounts: frozenset[str]
    events: frozenset[str]
    days: frozenset[str]
    # Every figure as (kind, currency or unit and rate, amount): compared within a rounding.
    figures: frozenset[tuple[str, str, float]] = frozenset()


def same_fact(a: Facts, b: Facts) -> bool:
    """The same parties (`_same_parties`) and the same money figure, or the same parties doing
    the same kind of thing on the same day with no figure told differently."""
    if not _same_parties(len(a.parties & b.parties), len(a.parties), len(b.parties)):
        return False
    if a.amounts & b.amounts:
        return True
    if a.amounts and b.amounts:
        return False  # both give a figure, and not the same one
    return bool(a.events & b.events) and bool(a.days & b.days)


def restates(a: Facts, b: Facts) -> bool:
    """Whether two key points tell one fact in other words; more loosely than `same_fact`
    (which decides grouping): the same money figure (within a rounding), or the same actors
    (most of the names of the point naming fewer, one enough) doing the same kind of action
    (`action_kinds`: "rejected" = "rebuffed", "halted" = "the ban"), unless the two give a
    figure of one kind differently (a first bid and a raised one) or one states terms the other
    lacks (money or a percentage: "buy a 12% stake for $1.8bn" adds to "buy a stake").
    A shared figure is not enough when the two name opposite kinds of action on it: "rejected
    the £21.4bn offer" and "walked away from the £21.4bn deal" are two steps of one story."""
    return _one_fact(a, b, lambda terms_a, terms_b: terms_a == terms_b)


def adds_no_terms(candidate: Facts, point: Facts) -> bool:
    """Whether a candidate key point tells a chosen one's fact (`restates`) or the same actors'
    same kind of action with no terms the point lacks: "X rejected Y's improved offer" adds
    nothing once "X rejected Y's £21.4bn offer" is said (the reverse adds the price)."""
    return _one_fact(candidate, point, lambda mine, theirs: mine <= theirs)


def tells_with_more_terms(other: Facts, candidate: Facts) -> bool:
    """Whether `other` tells the candidate's fact (`adds_no_terms`) with every figure it gives
    (at least one, within a rounding) and a kind of term it lacks: "buy a 12% stake for
    $1.8bn" against "buy a 12% stake". A figure pins the two to one fact; same actors and
    action alone could be a comment on the deal."""
    return (
        bool(candidate.figures)
        and all(_has_figure(other, figure) for figure in candidate.figures)
        and _term_kinds(candidate) < _term_kinds(other)
        and adds_no_terms(candidate, other)
    )


def _has_figure(facts: Facts, figure: tuple[str, str, float]) -> bool:
    kind, unit, amount = figure
    return any(k == kind and u == unit and _close(x, amount) for k, u, x in facts.figures)


def _term_kinds(facts: Facts) -> set[str]:
    return {kind for kind, _, _ in facts.figures if kind in TERM_KINDS}


def _one_fact(a: Facts, b: Facts, terms_told: Callable[[set[str], set[str]], bool]) -> bool:
    if _shared_figure(a, b, kinds=(FigureKind.MONEY,)):
        return not _different_actions(a, b)
    if _shared_figure(a, b, kinds=(DURATION,)) and a.events & b.events & action_cue_kinds():
        return True  # "the ban will last four months" / "X suspends exports for 4 months"
    parties_a, parties_b = _governments(a.parties), _governments(b.parties)
    shared = _matching_parties(parties_a, parties_b)
    if not (shared and 2 * shared > min(len(parties_a), len(parties_b))):
        return False
    if not a.events & b.events & action_kinds():
        return False
    return terms_told(_term_kinds(a), _term_kinds(b)) and not _conflicting_figures(a, b)


def _governments(parties: frozenset[str]) -> frozenset[str]:
    """Capitals read as their countries, as news uses them for the government ("Washington
    pushes to …" = the United States), by the country table in data/parties.toml."""
    table = countries()
    return frozenset(
        name_key(table.capitals[party]) if party in table.capitals else party for party in parties
    )


def _matching_parties(a: frozenset[str], b: frozenset[str]) -> int:
    """How many parties of the one naming fewer the other names too, a name matching the same
    name with words before it ("harbour capital fund" = "vehicle harbour capital fund",
    "tamsin mining" = "peruvian tamsin mining"): a describing word or demonym that one writer
    put in front, and the party key kept."""
    fewer, more = sorted((a, b), key=lambda parties: (len(parties), sorted(parties)))
    tails = [name.split() for name in more]
    return sum(
        1
        for name in fewer
        if name in more or any(_one_is_tail(name.split(), other) for other in tails)
    )


def _one_is_tail(a: list[str], b: list[str]) -> bool:
    shorter, longer = sorted((a, b), key=len)
    return len(longer) > len(shorter) and longer[-len(shorter) :] == shorter


def _different_actions(a: Facts, b: Facts) -> bool:
    """Both name a kind of action from data/cues.toml (`action_` kinds: a ban, a rejection, a
    withdrawal) and none in common. EVENT_CLASSES are left out: "sell" and "buy" are one deal
    told from either side."""
    kinds = action_cue_kinds()
    acts_a, acts_b = a.events & kinds, b.events & kinds
    return bool(acts_a) and bool(acts_b) and not acts_a & acts_b


@lru_cache(maxsize=1)
def action_kinds() -> frozenset[str]:
    """The event keys that name a kind of action (not any verb): EVENT_CLASSES' classes and the
    `action_` cue kinds."""
    return action_cue_kinds() | frozenset(EVENT_CLASSES.values())


@lru_cache(maxsize=1)
def action_cue_kinds() -> frozenset[str]:
    """The cue kinds (data/cues.toml) that name a kind of action."""
    return frozenset(kind for kind in cues.patterns() if kind.startswith(ACTION_CUE))


def _close(x: float, y: float) -> bool:
    return abs(x - y) <= ROUNDING * max(abs(x), abs(y))


def _shared_figure(a: Facts, b: Facts, kinds: Collection[str]) -> bool:
    return any(
        ka == kb and ua == ub and ka in kinds and _close(x, y)
        for ka, ua, x in a.figures
        for kb, ub, y in b.figures
    )


def _conflicting_figures(a: Facts, b: Facts) -> bool:
    """Both give a figure of one kind and unit (or money in one currency), none of them alike."""
    measured_a = {(k, u) for k, u, _ in a.figures}
    measured_b = {(k, u) for k, u, _ in b.figures}
    for kind, unit in measured_a & measured_b:
        xs = [x for k, u, x in a.figures if (k, u) == (kind, unit)]
        ys = [y for k, u, y in b.figures if (k, u) == (kind, unit)]
        if not any(_close(x, y) for x in xs for y in ys):
            return True
    return False


def _same_parties(shared: Any, size_a: Any, size_b: Any) -> Any:
    """At least two names in common, and most of the names of the sentence naming fewer: a
    sentence that brings in more new parties than it shares tells something else about them
    ("... was signed by A's chief executive X and B's chairman Y"). Works on numpy arrays too."""
    import numpy as np

    return (shared >= MIN_SHARED_PARTIES) & (2 * shared > np.minimum(size_a, size_b))


class FactReader:
    """Reads `Facts` from sentences, with party names resolved over the whole corpus."""

    def __init__(
        self,
        names: Sequence[tuple[str, ...]],
        acronyms: dict[tuple[str, ...], str],
        common: Collection[tuple[str, ...]] = (),
        read: dict[tuple[str, int, int], list[tuple[str, ...]]] | None = None,
    ):
        """`names` as `party_names` reads them; `acronyms` as `find_acronyms` finds them;
        `common`: long forms written in lower case, which name a kind of thing, not a party
        ("memorandum of understanding (MoU)"); `read`: names already read, by sentence."""
        self._read = read or {}
        self._long_forms: dict[str, tuple[str, ...]] = {}
        for long_form, short in sorted(acronyms.items()):
            self._long_forms.setdefault(short, long_form)
        self._common = frozenset(common)
        defined = set(self._long_forms.values())
        known = {self._expand(n) for n in names}
        self._canonical: dict[tuple[str, ...], str] = {}
        for name in sorted(known):
            self._canonical[name] = " ".join(_shortest_prefix(name, known, defined))

    def _expand(self, name: tuple[str, ...]) -> tuple[str, ...]:
        return self._long_forms.get(name[0], name) if len(name) == 1 else name

    @classmethod
    def from_sentences(
        cls,
        sentences: Sequence[Sentence],
        acronyms: dict[tuple[str, ...], str] | None = None,
    ) -> FactReader:
        """A reader for these sentences (`acronyms`: `find_acronyms(sentences)`, if known)."""
        if acronyms is None:
            acronyms = find_acronyms(sentences)
        read = {_sentence_key(s): party_names(s.span) for s in sentences}
        names = [n for found in read.values() for n in found]
        return cls(names, acronyms, _written_in_lower_case(sentences, acronyms), read)

    def party(self, name: tuple[str, ...]) -> str | None:
        """The corpus's key for a name, or None when it names a kind of thing."""
        expanded = self._expand(name)
        if expanded in self._common:
            return None
        # The one spelling key: "US" = "United States", "Organisation" = "Organization".
        return name_key(self._canonical.get(expanded) or " ".join(expanded))

    def facts(self, sentence: Sentence) -> Facts:
        span = sentence.span
        names = self._read.get(_sentence_key(sentence))
        parties = (self.party(n) for n in (party_names(span) if names is None else names))
        return Facts(
            frozenset(p for p in parties if p is not None),
            money_keys(sentence),
            event_keys(span),
            day_keys(span),
            figure_keys(sentence),
        )


def _sentence_key(sentence: Sentence) -> tuple[str, int, int]:
    return (sentence.source_id, sentence.span.start, sentence.span.end)


def _written_in_lower_case(
    sentences: Sequence[Sentence], acronyms: dict[tuple[str, ...], str]
) -> set[tuple[str, ...]]:
    """Long forms that are not names ("memorandum of understanding (MoU)"), as the
    `briefgen_names` component labelled them."""
    common: set[tuple[str, ...]] = set()
    for sentence in sentences:
        span = sentence.span
        for definition in acronym_definitions(span.doc, span.start, span.end):
            if definition.common:
                words = span.doc[definition.start : definition.end]
                common.add(
                    tuple(normalise_word(t.text) for t in words if t.text not in ("'s", "’s"))
                )
    return common & set(acronyms)


def _shortest_prefix(
    name: tuple[str, ...], known: set[tuple[str, ...]], defined: set[tuple[str, ...]]
) -> tuple[str, ...]:
    """The shortest name in the corpus that begins this one ("Lunga" for "Lunga Copper"). A
    name the text defines an acronym for stays whole: "US Strategic Metals (USSM)" is not the
    US."""
    if name in defined:
        return name
    return next((name[:k] for k in range(1, len(name)) if name[:k] in known), name)


def party_names(span: Span) -> list[tuple[str, ...]]:
    """Normalised names in a sentence: named entities (not nationalities) and runs of proper
    nouns the entity recogniser missed, without "the", possessives or company forms."""
    entities = ents(span)
    runs = [list(e) for e in entities if e.label_ in PARTY_LABELS]
    in_entity = {t.i for e in entities for t in e}
    run: list[Token] = []
    for token in [*span, None]:
        if token is not None and token.i not in in_entity and token.pos_ == "PROPN":
            run.append(token)
            continue
        if run:
            runs.append(run)
            run = []
    out = []
    for tokens in runs:
        words = [normalise_word(t.text).rstrip(".") for t in tokens if not t.is_punct]
        words = [w for w in words if w and w not in ("'s", "’s")]
        if words and words[0] == "the":
            words = words[1:]
        while words and words[-1] in BARE_COMPANY_FORMS:
            words.pop()
        if any(w.isalpha() for w in words):
            out.append(tuple(words))
    return out


def money_keys(sentence: Sentence) -> frozenset[str]:
    """Money figures as currency and amount to three significant digits ("USD 1.1e+09"), from
    the figures the `briefgen_figures` component found."""
    from briefgen.annotate.figures import FigureKind, figures_in

    keys = set()
    for fig in figures_in(sentence.span):
        if fig.kind == FigureKind.MONEY:
            rate = f"/{fig.per}" if fig.per else ""
            keys.add(f"{fig.currency} {float(fig.amount):.3g}{rate}")
    return frozenset(keys)


def figure_keys(sentence: Sentence) -> frozenset[tuple[str, str, float]]:
    """Every figure the `briefgen_figures` component found: kind, currency or unit (with what it
    is counted per), amount."""
    from briefgen.annotate.figures import figures_in

    out = set()
    for fig in figures_in(sentence.span):
        unit = (fig.currency or fig.unit or "") + (f"/{fig.per}" if fig.per else "")
        out.add((str(fig.kind), unit, float(fig.amount)))
    # Lengths of time ("for six months" = "a period of 6 months"), in days.
    for _, mention in dates.mentions(sentence.span):
        if mention.kind == "duration" and mention.days is not None:
            out.add((DURATION, "day", float(mention.days)))
    return frozenset(out)


def event_keys(span: Span) -> frozenset[str]:
    """The kinds of event a sentence's verbs tell, synonyms folded ("agree" = "sign"), and the
    kinds of action its `action_` cues name in verbs or nouns ("halted" = "the ban")."""
    keys = {kind for kind in action_cue_kinds() if cues.has(span, kind)}
    for token in span:
        if token.pos_ != "VERB":
            continue
        lemma = token.lemma_.lower()
        if lemma not in NOT_EVENTS:
            keys.add(EVENT_CLASSES.get(lemma, lemma))
    return frozenset(keys)


def day_keys(span: Span) -> frozenset[str]:
    """The days, months and years a sentence's dates name ("on Monday, May 5, 2025": Monday,
    May 5, 2025); durations and relative times ("three years", "next year") name none."""
    keys = set()
    for _, m in dates.mentions(span):
        if not m.entity or m.holiday:
            continue
        if m.weekday is not None:
            keys.add(calendar.day_name[m.weekday].lower())
        if m.year is not None:
            keys.add(str(m.year))
        if m.month is not None and m.offset is None:
            month = calendar.month_name[m.month].lower()
            keys.add(f"{month} {m.day}" if m.day is not None else month)
    return frozenset(keys)


def fact_pairs(facts: Sequence[Facts], articles: Sequence[int]) -> list[tuple[int, int]]:
    """Pairs (i, j), both orders, that `same_fact` accepts, from different articles (`articles`
    gives each row's article, -1 for several). A pair `same_fact` accepts shares
    MIN_SHARED_PARTIES parties and an amount, or MIN_SHARED_PARTIES parties and an event on a
    day: candidates are the pairs sharing such a key, found with sparse products block by
    block. Pairs that share only one name (the event's main party, named everywhere) are never
    touched: their number grows with the square of the sentences."""
    import numpy as np

    n = len(facts)
    occasions = [{f"{e}@{d}" for e in f.events for d in f.days} for f in facts]
    with_amount = _incidence([_with_parties(f.parties, f.amounts) for f in facts])
    with_occasion = _incidence(
        [_with_parties(f.parties, days) for f, days in zip(facts, occasions, strict=True)]
    )
    parties = _incidence([f.parties for f in facts])
    has_amount = np.array([bool(f.amounts) for f in facts])
    sizes = np.array([len(f.parties) for f in facts])
    article = np.array(articles)
    amount_t, occasion_t = with_amount.T.tocsc(), with_occasion.T.tocsc()
    out: list[tuple[int, int]] = []
    for start in range(0, n, BLOCK_ROWS):
        stop = min(start + BLOCK_ROWS, n)
        same_amount = (with_amount[start:stop] @ amount_t).tocsr()
        same_day = (with_occasion[start:stop] @ occasion_t).tocsr()
        either = (same_amount + same_day).tocoo()
        rows, cols = either.row, either.col
        i = rows + start
        other = (i != cols) & ((article[i] != article[cols]) | (article[i] < 0))
        rows, cols, i = rows[other], cols[other], i[other]
        if not len(rows):
            continue
        shared = np.asarray(parties[i].multiply(parties[cols]).sum(axis=1)).ravel()
        amount = np.asarray(same_amount[rows, cols]).ravel() > 0
        day = np.asarray(same_day[rows, cols]).ravel() > 0
        both_amounts = has_amount[i] & has_amount[cols]
        accept = _same_parties(shared, sizes[i], sizes[cols]) & (amount | (day & ~both_amounts))
        out.extend(zip(i[accept].tolist(), cols[accept].tolist(), strict=True))
    return out


def _with_parties(parties: frozenset[str], keys: Collection[str]) -> set[str]:
    """Each key joined with each MIN_SHARED_PARTIES of the parties: two rows share one such key
    when they share that many parties and the key."""
    return {
        "\x00".join((*named, key))
        for named in itertools.combinations(sorted(parties), MIN_SHARED_PARTIES)
        for key in keys
    }


def _incidence(keys: Sequence[set[str] | frozenset[str]]) -> csr_matrix:
    """A 0/1 sparse matrix: row i has a 1 in the column of each of its keys."""
    import numpy as np
    from scipy.sparse import csr_matrix

    columns: dict[str, int] = {}
    rows, cols = [], []
    for r, row_keys in enumerate(keys):
        for key in sorted(row_keys):
            rows.append(r)
            cols.append(columns.setdefault(key, len(columns)))
    data = np.ones(len(rows), dtype=np.float64)
    return csr_matrix((data, (rows, cols)), shape=(len(keys), max(len(columns), 1)))
