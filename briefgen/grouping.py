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

THRESHOLD was set by measurement on the seeds (83 content sentences, 2,677 pairs from different
sources; every pair at cosine ≥ 0.25 read by hand): at ≥ 0.40, 25 of 28 pairs state the same
fact; 0.35–0.40, 10 of 12; 0.30–0.35, 13 of 16; 0.25–0.30, about 5 of 19. 0.35 keeps 35 of 40
merged pairs right (88%) while catching paraphrases such as "The first phase of investment is
valued at $500 million." / "The initial phase of the project is valued at approximately $500
million, ..." (0.61); going lower adds mostly different facts that share a name.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from briefgen.corpus import Sentence, SentenceGroup, source_order

if TYPE_CHECKING:
    from scipy.sparse import csr_matrix
    from spacy.tokens import Span, Token

THRESHOLD = 0.35
BLOCK_ROWS = 512  # rows per block of the similarity product: bounds memory at ~20k sentences
FIGURE_LABELS = frozenset({"MONEY", "PERCENT", "QUANTITY", "CARDINAL", "DATE"})
NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "PRODUCT", "LAW"})
COUNTED = NAME_LABELS | FIGURE_LABELS
ABBREVIATION = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]?")  # U.S., U.K
ACRONYM = re.compile(r"^(?=(?:[^A-Z]*[A-Z]){2})[A-Za-z]{2,8}$")  # FWO, USSM, MoU; 2+ capitals


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
    rows: dict[tuple[str, ...], list[int]] = {}
    for i, words in enumerate(term_lists(sentences)):
        rows.setdefault(tuple(words), []).append(i)
    keys = list(rows)
    by_leader_key = sorted(range(len(sentences)), key=lambda i: _leader_key(sentences[i]))
    rank = {i: r for r, i in enumerate(by_leader_key)}
    for members in rows.values():
        members.sort(key=rank.__getitem__)
    neighbours = similar_pairs(tfidf(keys).matrix, THRESHOLD)
    order = sorted(range(len(keys)), key=lambda k: rank[rows[keys[k]][0]])
    members_of: dict[int, list[int]] = {}
    placed: set[int] = set()
    for k in order:
        best, best_sim, waiting = -1, 0.0, 0.0
        for j, sim in neighbours.get(k, ()):
            if j in members_of and (sim > best_sim or (sim == best_sim and j < best)):
                best, best_sim = j, sim
            elif j not in placed:
                waiting = max(waiting, sim)
        placed.add(k)
        # A closer partner still to come makes this sentence a leader it can join, rather than
        # a loose member of an existing group.
        if best < 0 or waiting > best_sim:
            members_of[k] = [k]
        else:
            members_of[best].append(k)
    groups = []
    for ks in members_of.values():
        idx = sorted((i for k in ks for i in rows[keys[k]]), key=rank.__getitem__)
        rest = sorted(idx[1:], key=lambda i: _position(sentences[i]))
        groups.append(SentenceGroup(tuple(sentences[i] for i in [idx[0], *rest])))
    groups.sort(key=lambda g: min(_position(s) for s in g.sentences))
    return groups


def _position(sentence: Sentence) -> tuple[int, int]:
    return (sentence.article_index, sentence.index)


def _leader_key(sentence: Sentence) -> tuple[int, int, int, int]:
    """Most informative first: named entities and figures, then earliest source and position."""
    return (-informativeness(sentence.span), source_order(sentence.source_id), *_position(sentence))


def informativeness(span: Span) -> int:
    """Distinct names and figures in a sentence (who, where, how much, when): named entities,
    plus runs of proper nouns and numbers the entity recogniser missed (common in lists)."""
    found = {(e.label_, e.text.lower()) for e in span.ents if e.label_ in COUNTED}
    in_entity = {t.i for e in span.ents for t in e}
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
    word = word.lower()
    return re.sub(r"isation(s?)$", r"ization\1", word)


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
    """Long forms defined in the text as "Long Form (LF)" → the acronym, both normalised."""
    found: dict[tuple[str, ...], str] = {}
    for sentence in sentences:
        tokens = list(sentence.span)
        for k, token in enumerate(tokens[1:-1], start=1):
            bracketed = tokens[k - 1].text == "(" and tokens[k + 1].text == ")"
            if not bracketed or not ACRONYM.match(token.text):
                continue
            long_form = _long_form(tokens[: k - 1], token.text)
            if long_form:
                found.setdefault(long_form, normalise_word(token.text))
    return found


def _long_form(before: list[Token], acronym: str) -> tuple[str, ...] | None:
    """The words before "(ACR)" whose initials spell ACR ("memorandum of understanding")."""
    letters = acronym.lower()
    for skip_stops in (True, False):
        spelled = ""
        words: list[str] = []
        for token in reversed(before[-2 * len(letters) - 2 :]):
            if token.text in ("'s", "’s"):
                continue  # "Prime Minister's Office (PMO)"
            if token.is_punct:
                break
            if skip_stops and token.is_stop and not token.is_upper and words:
                words.append(normalise_word(token.text))
                continue
            initials = token.text.replace(".", "") if token.text.isupper() else token.text[0]
            spelled = initials.lower() + spelled
            words.append(normalise_word(token.text))
            if spelled == letters:
                return tuple(reversed(words))
            if not letters.endswith(spelled):
                break
    return None


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


def similar_pairs(matrix: csr_matrix, threshold: float) -> dict[int, list[tuple[int, float]]]:
    """For each row, the other rows with cosine ≥ threshold (rows are unit vectors)."""
    import numpy as np

    transposed = matrix.T.tocsc()
    out: dict[int, list[tuple[int, float]]] = defaultdict(list)
    for start in range(0, matrix.shape[0], BLOCK_ROWS):
        block = (matrix[start : start + BLOCK_ROWS] @ transposed).tocoo()
        keep = (block.data >= threshold - 1e-12) & (block.row + start != block.col)
        rows = (block.row[keep] + start).tolist()
        cols = block.col[keep].tolist()
        values = np.round(block.data[keep], 12).tolist()  # exact ties stay ties across blocks
        for i, j, v in zip(rows, cols, values, strict=True):
            out[i].append((j, v))
    return out
