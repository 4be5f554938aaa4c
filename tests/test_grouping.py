"""grouping.group_sentences: the same fact told by several sources becomes one group."""

from __future__ import annotations

import numpy as np
from scipy.sparse import csr_matrix

from briefgen.analyse import grouping


def group_of(groups, fragment: str):
    return next(g for g in groups if any(fragment in s.text for s in g.sentences))


def test_paraphrases_from_different_sources_form_one_group(make_sentences):
    groups = grouping.group_sentences(
        make_sentences(
            "The first phase of investment is valued at $500 million.",
            "The initial phase of the project is valued at approximately $500 million.",
        )
    )
    assert len(groups) == 1
    assert groups[0].sources == ["S1", "S2"]


def test_different_facts_stay_apart(make_sentences):
    groups = grouping.group_sentences(
        make_sentences(
            "Acme Mining agreed on Tuesday to buy a copper mine in Chile.",
            "Rail workers in Ohio voted to strike over pay on Friday.",
        )
    )
    assert len(groups) == 2


def test_acronym_and_its_long_form_count_as_one_word(make_sentences):
    sentences = make_sentences(
        "The Frontier Works Organization (FWO) will build the road.",
        "Frontier Works Organization engineers surveyed the route.",
        "FWO engineers surveyed the route in May.",
    )
    terms = grouping.term_lists(sentences)
    assert terms[1].count("fwo") == 1 and "frontier" not in terms[1]
    assert "fwo" in terms[2]


def test_spelling_variants_are_folded():
    assert grouping.normalise_word("Organisation") == grouping.normalise_word("organization")
    assert grouping.normalise_word("U.S.") == grouping.normalise_word("US")


def test_representative_is_the_most_informative_member(make_sentences):
    groups = grouping.group_sentences(
        make_sentences(
            "The company signed the copper supply deal on Monday.",
            "Acme Mining signed the copper supply deal with Chile's Cominor in Santiago on Monday.",
        )
    )
    assert len(groups) == 1
    assert groups[0].representative.source_id == "S2"
    assert groups[0].sources == ["S1", "S2"]


def test_groups_follow_first_appearance(make_sentences):
    groups = grouping.group_sentences(
        make_sentences(
            "Rail workers in Ohio voted to strike over pay on Friday.\n"
            "Acme Mining agreed on Tuesday to buy a copper mine in Chile.",
        )
    )
    assert [g.representative.index for g in groups] == [0, 1]


def test_seed_value_is_corroborated_by_two_sources(seeds_sentences):
    groups = grouping.group_sentences(seeds_sentences)
    group = group_of(groups, "The first phase of investment is valued at $500 million.")
    assert group.sources == ["S2", "S5"]


def test_seed_quote_is_grouped_across_outlets(seeds_sentences):
    groups = grouping.group_sentences(seeds_sentences)
    group = group_of(groups, "This signing is yet another example of the strength")
    assert {"S2", "S4"} <= set(group.sources)


def test_seed_groups_hold_every_sentence_once(seeds_sentences):
    groups = grouping.group_sentences(seeds_sentences)
    members = [(s.article_index, s.index) for g in groups for s in g.sentences]
    assert sorted(members) == sorted((s.article_index, s.index) for s in seeds_sentences)


def test_grouping_is_deterministic(seeds_sentences):
    first = grouping.group_sentences(seeds_sentences)
    second = grouping.group_sentences(list(seeds_sentences))
    assert [[s.text for s in g.sentences] for g in first] == [
        [s.text for s in g.sentences] for g in second
    ]


def test_similar_pairs_match_a_dense_computation(monkeypatch):
    monkeypatch.setattr(grouping, "BLOCK_ROWS", 7)  # several blocks, one of them partial
    rng = np.random.default_rng(0)
    dense = rng.random((40, 12)) * (rng.random((40, 12)) < 0.3)
    dense /= np.maximum(np.linalg.norm(dense, axis=1, keepdims=True), 1e-12)
    expected = dense @ dense.T
    pairs = grouping.similar_pairs(csr_matrix(dense), 0.35)
    found = {(i, j) for i in range(40) for j, _ in pairs[i]}
    wanted = {(i, j) for i in range(40) for j in range(40) if i != j and expected[i, j] >= 0.35}
    assert found == wanted


def test_similar_pairs_are_the_same_in_blocks_bounded_by_their_entries(monkeypatch):
    rng = np.random.default_rng(1)
    dense = rng.random((40, 12)) * (rng.random((40, 12)) < 0.3)
    dense /= np.maximum(np.linalg.norm(dense, axis=1, keepdims=True), 1e-12)
    whole = grouping.similar_pairs(csr_matrix(dense), 0.35)
    monkeypatch.setattr(grouping, "BLOCK_ENTRIES", 100)  # 2 rows of 40 a block
    blocks = grouping.similar_pairs(csr_matrix(dense), 0.35)
    assert [blocks[i] for i in range(40)] == [whole[i] for i in range(40)]
    assert sum(len(whole[i]) for i in range(40)) > 40


def test_similar_pairs_of_some_rows_are_those_rows_of_the_whole(monkeypatch):
    monkeypatch.setattr(grouping, "BLOCK_ROWS", 3)  # the asked rows span several blocks
    rng = np.random.default_rng(3)
    dense = rng.random((40, 12)) * (rng.random((40, 12)) < 0.3)
    dense /= np.maximum(np.linalg.norm(dense, axis=1, keepdims=True), 1e-12)
    whole = grouping.similar_pairs(csr_matrix(dense), 0.35)
    asked = [31, 2, 17, 5, 38, 0, 11]
    some = grouping.similar_pairs(csr_matrix(dense), 0.35, asked)
    assert sorted(some) == sorted(i for i in asked if whole[i])
    assert all(some[i] == whole[i] for i in asked)
    assert sum(len(some[i]) for i in asked) > len(asked)


def test_cosines_of_pairs_in_blocks_match_a_dense_computation(monkeypatch):
    monkeypatch.setattr(grouping, "BLOCK_PAIRS", 3)  # several blocks, the last one partial
    rng = np.random.default_rng(2)
    dense = rng.random((20, 8))
    dense /= np.linalg.norm(dense, axis=1, keepdims=True)
    pairs = [(i, (i * 7 + 3) % 20) for i in range(10)]
    found = grouping._cosines(csr_matrix(dense), pairs)
    assert np.allclose(found, [float(dense[i] @ dense[j]) for i, j in pairs])
    assert len(found) == len(pairs)
    assert grouping._cosines(csr_matrix(dense), []) == []


def test_empty_input_gives_no_groups():
    assert grouping.group_sentences([]) == []
