"""Near-duplicate detection: exact against a comparison of every pair, and full comparisons
that grow with the near-duplicates, not with the pairs of articles about one story."""

from __future__ import annotations

import random

import pytest
from calls import count_calls

import briefgen.ingest.duplicates as duplicates
from briefgen.ingest.duplicates import NEAR_DUPLICATE_PERCENT, Duplicate, find_duplicates

# Three stories; each article tells one of them in most of its sentences, in its own order, with
# figures of its own: articles of one story share well over half their word sequences.
STORY_SENTENCES = 30
TOLD_SENTENCES = 24


def story_sentence(story: int, k: int) -> str:
    subjects = ["The port authority", "The mining ministry", "The rail consortium"]
    verbs = ["confirmed", "disputed", "welcomed", "postponed", "reviewed", "approved"]
    objects = ["the tender", "the survey", "the lease", "the audit", "the levy"]
    return (
        f"{subjects[story]} {verbs[k % len(verbs)]} {objects[k % len(objects)]} number {k} "
        f"in district {story * 100 + k} after a meeting of {k + 3} delegates."
    )


def corpus(n: int, seed: int = 7) -> list[str]:
    """n articles; about one in ten repeats an earlier one with one word changed or a line
    added (a near-duplicate), one in forty repeats it exactly."""
    rng = random.Random(seed)
    texts: list[str] = []
    for i in range(n):
        roll = rng.random()
        if texts and roll < 0.025:
            texts.append(texts[rng.randrange(len(texts))])
        elif texts and roll < 0.1:
            earlier = texts[rng.randrange(len(texts))]
            texts.append(earlier.replace("delegates", "officials", 1) + "\nShare this story.")
        else:
            story = rng.randrange(3)
            told = rng.sample(range(STORY_SENTENCES), TOLD_SENTENCES)
            lines = [story_sentence(story, k) for k in told]
            lines.insert(3, f"Article {i} puts the cost at {rng.randrange(10**6)} dollars.")
            texts.append("\n".join(lines))
    return texts


def every_pair(texts: list[str]) -> list[Duplicate]:
    """The definition, by comparing each article with every earlier kept one."""
    sets = [
        set(duplicates._shingles(duplicates._words(text)).tolist()) if text.split() else set()
        for text in texts
    ]
    found: list[Duplicate] = []
    kept: list[int] = []
    for i, text in enumerate(texts):
        key = " ".join(duplicates._words(text))
        exact = next((j for j in kept if " ".join(duplicates._words(texts[j])) == key), None)
        if exact is not None:
            found.append(Duplicate(i, exact, None))
            continue
        best: tuple[int, int, int] | None = None
        for j in kept:
            shared = len(sets[i] & sets[j])
            union = len(sets[i] | sets[j])
            if 100 * shared >= NEAR_DUPLICATE_PERCENT * union and (
                best is None or shared * best[1] > best[0] * union
            ):
                best = (shared, union, j)
        if best is not None:
            found.append(Duplicate(i, best[2], 100 * best[0] // best[1]))
        else:
            kept.append(i)
    return found


def test_finds_exactly_what_comparing_every_pair_finds():
    texts = corpus(300)
    found = find_duplicates(texts)
    assert found == every_pair(texts)
    assert sum(d.percent is None for d in found) > 3  # exact copies
    assert sum(d.percent is not None for d in found) > 15  # near-duplicates


def test_same_story_articles_are_not_near_duplicates():
    texts = corpus(40)
    sets = [set(duplicates._shingles(duplicates._words(t)).tolist()) for t in texts]
    similar = [len(a & b) / len(a | b) for a in sets for b in sets if a is not b]
    assert max(s for s in similar if s < 0.9) > 0.5  # the stories overlap heavily …
    assert all(d.percent is None or d.percent >= 90 for d in find_duplicates(texts))


@pytest.mark.parametrize("n", [200])
def test_full_comparisons_grow_with_the_duplicates_not_the_pairs(monkeypatch, n):
    """Articles of one story share prefix shingles, so candidates grow as n²; the exact bounds
    leave a full comparison for each near-duplicate only (no timing: counted comparisons)."""
    compared = count_calls(monkeypatch, duplicates, "_shared")
    counts = []
    for size in (n, 4 * n):
        compared.count = 0
        found = find_duplicates(corpus(size))
        near = sum(d.percent is not None for d in found)
        counts.append((compared.count, near))
    (small, near_small), (large, near_large) = counts
    assert small <= near_small + 2
    assert large <= near_large + 8
    assert large <= 5 * small
