"""sumy's LexRank on sparse matrices, for inputs too big for sumy's pure-Python n×n loops.

Same formulas as `sumy.summarizers.lex_rank.LexRankSummarizer` (sumy 0.13): per-sentence tf
divided by the sentence's largest tf, idf = log(N / (1 + n_j)) over sentences, the
idf-modified cosine, an unweighted graph of the pairs whose cosine exceeds 0.1 (a sentence's
link to itself included), rows divided by their degree, and sumy's power method (start at 1/N,
normalise each step, stop when the step moves less than 0.1). Only the pairs that share a word
are ever computed, in row blocks, so time and memory follow the number of linked pairs, not N².

Measured on this 2-core machine (MEASUREMENTS.md): sumy takes 9.9 s on 1,000 sentences and
85 s on 3,000; this takes 0.2 s and 0.7 s and picks the same top 10. `tests/test_summarize.py`
checks the scores against sumy's on the seeds.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence

THRESHOLD = 0.1  # sumy's LexRankSummarizer.threshold
EPSILON = 0.1  # sumy's LexRankSummarizer.epsilon
BLOCK_ROWS = 1024


def lexrank_scores(sentences_words: Sequence[Sequence[str]]) -> list[float]:
    """LexRank score of each sentence, given its (stemmed, stop-word-free) words, as in sumy."""
    import numpy as np
    from scipy.sparse import csr_matrix, diags

    n = len(sentences_words)
    if n == 0:
        return []
    vocabulary: dict[str, int] = {}
    df: Counter[str] = Counter()
    for words in sentences_words:
        for word in words:
            vocabulary.setdefault(word, len(vocabulary))
        df.update(set(words))
    idf = {w: math.log(n / (1 + d)) for w, d in df.items()}

    rows: list[int] = []
    cols: list[int] = []
    vals: list[float] = []
    for r, words in enumerate(sentences_words):
        counts = Counter(words)
        top = max(counts.values()) if counts else 1
        for word, count in counts.items():
            rows.append(r)
            cols.append(vocabulary[word])
            vals.append(count / top * idf[word])
    weights = csr_matrix((vals, (rows, cols)), shape=(n, max(len(vocabulary), 1)))
    norms = np.sqrt(np.asarray(weights.multiply(weights).sum(axis=1)).ravel())
    inverse = np.divide(1.0, norms, out=np.zeros_like(norms), where=norms > 0)
    unit = diags(inverse) @ weights
    unit_t = unit.T.tocsc()

    # The graph, 1 where cosine > threshold, each row divided by its degree: built block by
    # block into one CSR matrix, so its pairs are held once (not again in a stacked copy, a
    # scaled copy and a transposed copy).
    indptr = [np.zeros(1, dtype=np.int64)]
    indices, data = [], []
    for start in range(0, n, BLOCK_ROWS):
        sims = (unit[start : start + BLOCK_ROWS] @ unit_t).tocsr()
        sims.data = (sims.data > THRESHOLD).astype(np.float64)
        sims.eliminate_zeros()
        degrees = np.diff(sims.indptr).astype(np.float64)
        degrees[degrees == 0] = 1
        indptr.append(sims.indptr[1:].astype(np.int64) + indptr[-1][-1])
        indices.append(sims.indices)
        data.append(np.repeat(1.0 / degrees, np.diff(sims.indptr)))
    matrix = csr_matrix(
        (np.concatenate(data), np.concatenate(indices), np.concatenate(indptr)), shape=(n, n)
    )
    # `matrix.T` is a view: its product with a vector adds the same terms in the same order
    # as a transposed copy would.
    return _power_method(matrix.T, EPSILON).tolist()


def _power_method(transposed, epsilon: float):
    """sumy's LexRankSummarizer.power_method, with a sparse matrix."""
    import numpy as np

    n = transposed.shape[0]
    p_vector = np.full(n, 1.0 / n)
    lambda_val = 1.0
    while lambda_val > epsilon:
        next_p = transposed @ p_vector
        norm = float(np.linalg.norm(next_p))
        if norm == 0.0:  # no sentence has a word left to compare: nothing is central
            return np.full(n, 1.0 / n)
        next_p /= norm
        lambda_val = float(np.linalg.norm(next_p - p_vector))
        p_vector = next_p
    return p_vector
