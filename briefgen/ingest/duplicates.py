"""Duplicate articles: exact (same text after case-folding and collapsing whitespace) and near
(at least NEAR_DUPLICATE_PERCENT % of their 5-word sequences shared).

Near-duplicates are found exactly, without MinHash's misses, by prefix filtering (Chaudhuri et
al. 2006; Bayardo et al. 2007): put every shingle in one fixed order; two sets with Jaccard
similarity >= t then share one of their first |s| - ceil(t * |s|) + 1 shingles, so only
articles that share such a "prefix" shingle are compared. The order is rarest shingle first:
sentences that many articles quote (common for one event) then sit at the ends of the sets and
do not make every pair a candidate. The result does not depend on the order chosen, only the
work does. Shingles are 64-bit hashes in numpy arrays (numpy imported on first use, so
`import briefgen.ingest` stays cheap); 1,000 articles take a fraction of a second.

Articles about one event share many sentences, so most candidates are articles of the same story
told differently, and their number grows with the square of the articles. Two exact bounds rule
almost all of them out before the full comparison, so that grows only with the near-duplicates:
how many prefix shingles the two share (a near-duplicate shares most of its prefix), and the
shingles the two could share at most, counted in 2**SKETCH_BITS hash buckets.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import chain
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

NEAR_DUPLICATE_PERCENT = 90
SHINGLE_WORDS = 5

# Quote and dash variants read the same for duplicate detection ("curly" vs "straight").
_SAME_PUNCTUATION = (
    ("“", '"'),
    ("”", '"'),
    ("„", '"'),
    ("‘", "'"),
    ("’", "'"),
    ("–", "-"),
    ("—", "-"),
)
_MULTIPLIER = 0x9E3779B97F4A7C15  # odd 64-bit constant: mixes word hashes
_BUCKETS = 2**20
SKETCH_BITS = 8  # shingles counted in 2**8 buckets by their hash's top bits, for the bound


@dataclass(frozen=True)
class Duplicate:
    index: int  # position of the duplicate in the input
    of: int  # position of the earlier article it repeats
    percent: int | None  # shared word sequences for a near-duplicate; None for an exact copy


def find_duplicates(texts: Sequence[str]) -> list[Duplicate]:
    """Texts that repeat an earlier, kept text (input order decides which one is kept)."""
    if len(texts) < 2:
        return []
    words = [_words(text) for text in texts]
    keys = [" ".join(w) for w in words]  # compared within this run only
    shingles = _Shingles([_shingles(w) for w in words])
    prefixes = _prefixes(shingles.sets)

    found: list[Duplicate] = []
    first_with_key: dict[str, int] = {}
    index: dict[int, list[int]] = {}  # prefix shingle → kept articles having it
    for i, key in enumerate(keys):
        if key in first_with_key:
            found.append(Duplicate(i, first_with_key[key], None))
            continue
        near = _most_similar(i, shingles, prefixes[i], index)
        if near is not None:
            found.append(Duplicate(i, *near))
            continue
        first_with_key[key] = i
        for shingle in prefixes[i]:
            index.setdefault(shingle, []).append(i)
    return found


def _words(text: str) -> list[str]:
    # str.replace and split only: a regex tokenizer, or str.translate with a dict, is several
    # times slower on 1,000 articles.
    text = text.casefold()
    for variant, plain in _SAME_PUNCTUATION:
        if variant in text:
            text = text.replace(variant, plain)
    return text.split()


def _shingles(words: list[str]) -> np.ndarray:
    """Sorted unique 64-bit hashes of every run of SHINGLE_WORDS words.

    Python's str hash differs between processes; that only changes the order of shingles,
    which prefix filtering allows, never which articles are found similar (up to 64-bit
    hash collisions)."""
    import numpy as np

    if not words:
        return np.empty(0, dtype=np.uint64)
    hashes = np.fromiter(map(hash, words), dtype=np.int64, count=len(words)).view(np.uint64)
    width = min(SHINGLE_WORDS, len(words))
    count = len(words) - width + 1
    combined = np.zeros(count, dtype=np.uint64)
    multiplier = np.uint64(_MULTIPLIER)
    for k in range(width):  # arrays wrap around on overflow, as a hash should
        combined = combined * multiplier + hashes[k : k + count]
    combined.sort()  # sort + mask: faster than np.unique on many small arrays
    return combined[np.concatenate(([True], combined[1:] != combined[:-1]))]


def _prefixes(shingles: list[np.ndarray]) -> list[list[int]]:
    """Each set's first |s| - ceil(t|s|) + 1 shingles, rarest first.

    Rarity is counted in 2**20 hash buckets rather than per distinct shingle: a bucket's count
    is still a fixed function of the shingle, which is all prefix filtering needs, and it costs
    one bincount instead of sorting every shingle of the collection."""
    import numpy as np

    mask = np.uint64(_BUCKETS - 1)
    buckets = np.bincount((np.concatenate(shingles) & mask).astype(np.intp))
    prefixes = []
    for s in shingles:
        length = len(s) + (-NEAR_DUPLICATE_PERCENT * len(s)) // 100 + 1  # |s| - ceil(t|s|) + 1
        rarity = buckets[(s & mask).astype(np.intp)]
        order = np.lexsort((s, rarity))[:length]  # by rarity, then by hash
        prefixes.append(s[order].tolist())
    return prefixes


class _Shingles:
    """Every article's shingles, with their sizes and bucket counts (sketches) for the bounds."""

    def __init__(self, sets: list[np.ndarray]):
        import numpy as np

        self.sets = sets
        self.sizes = np.array([len(s) for s in sets], dtype=np.int64)
        self.sketches = np.zeros((len(sets), 2**SKETCH_BITS), dtype=np.int32)
        shift = np.uint64(64 - SKETCH_BITS)
        for k, s in enumerate(sets):
            self.sketches[k] = np.bincount((s >> shift).astype(np.intp), minlength=2**SKETCH_BITS)


def _ceil_percent(x: np.ndarray) -> np.ndarray:
    return -(-NEAR_DUPLICATE_PERCENT * x // 100)  # ceil(t * x)


def _candidates(
    i: int, shingles: _Shingles, prefix: list[int], index: dict[int, list[int]]
) -> list[int]:
    """Kept articles that may be near-duplicates of article i, in input order: those sharing a
    prefix shingle with it and passing the exact bounds of the module docstring."""
    import numpy as np

    shared_prefix = Counter(chain.from_iterable(index.get(shingle, ()) for shingle in prefix))
    if not shared_prefix:
        return []
    js = np.fromiter(shared_prefix.keys(), dtype=np.intp, count=len(shared_prefix))
    in_prefix = np.fromiter(shared_prefix.values(), dtype=np.int64, count=len(shared_prefix))
    mine, theirs = shingles.sizes[i], shingles.sizes[js]
    # Jaccard >= t  <=>  shared >= t / (1 + t) * (|a| + |b|), in whole shingles
    needed = -(-NEAR_DUPLICATE_PERCENT * (mine + theirs) // (100 + NEAR_DUPLICATE_PERCENT))
    possible = 100 * np.minimum(mine, theirs) >= NEAR_DUPLICATE_PERCENT * np.maximum(mine, theirs)
    # In the shared global order, the shorter-reaching prefix holds all but |s| - shared of its
    # article's shingles, and each shared one lies in the other prefix too.
    possible &= in_prefix >= needed - np.maximum(_ceil_percent(mine), _ceil_percent(theirs)) + 1
    js, needed = js[possible], needed[possible]
    if len(js):
        at_most = np.minimum(shingles.sketches[i], shingles.sketches[js]).sum(axis=1)
        js = js[at_most >= needed]
    return sorted(js.tolist())


def _most_similar(
    i: int, shingles: _Shingles, prefix: list[int], index: dict[int, list[int]]
) -> tuple[int, int] | None:
    """(earlier kept article, percent shared) of the kept article most similar to article i,
    if at least NEAR_DUPLICATE_PERCENT similar; ties go to the earlier article."""
    mine = shingles.sets[i]
    best: tuple[int, int, int] | None = None  # (shared, union, j)
    for j in _candidates(i, shingles, prefix, index):
        other = shingles.sets[j]
        shared = _shared(mine, other)
        union = len(mine) + len(other) - shared
        if 100 * shared >= NEAR_DUPLICATE_PERCENT * union and (
            best is None or shared * best[1] > best[0] * union
        ):
            best = (shared, union, j)
    if best is None:
        return None
    shared, union, j = best
    return j, 100 * shared // union


def _shared(a: np.ndarray, b: np.ndarray) -> int:
    """Size of the intersection of two sorted arrays of unique values."""
    import numpy as np

    positions = np.searchsorted(b, a).clip(max=len(b) - 1)
    return int(np.count_nonzero(b[positions] == a))
