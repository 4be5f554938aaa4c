"""summarize.key_points: sumy-ranked, corroborated, distinct key points, bottom line first."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

import numpy as np
import pytest

from briefgen.analyse import grouping, rank, summarize
from briefgen.config import ALGORITHMS
from briefgen.errors import UsageError

DEAL = [
    (
        "Acme Mining signed a $2 billion agreement with Chile's state miner Cominor in Santiago "
        "on Monday to develop the El Alto copper mine.\n"
        "The mine is expected to produce 90,000 tonnes of copper a year from 2028.\n"
        "Shares in Acme rose 3% in early trading in Toronto.\n"
        "Analysts said the price was high for a mine that has not yet been built.\n"
    ),
    (
        "Chile's Cominor and Acme Mining agreed a $2 billion deal to develop the El Alto copper "
        "mine, the companies said on Monday.\n"
        "Unions at Cominor said they would study the terms of the deal.\n"
        "The government expects the mine to create 4,000 jobs in the Quilmar region.\n"
    ),
    (
        "Acme Mining will pay $2 billion to develop the El Alto copper mine with Cominor, "
        "the Canadian company said on Monday.\n"
        "The mine is expected to produce 90,000 tonnes of copper a year.\n"
        "Acme last bought a mine in Peru in 2019.\n"
    ),
]


@pytest.fixture(scope="module")
def seed_groups(seeds_sentences):
    return grouping.group_sentences(seeds_sentences)


@pytest.fixture(scope="module")
def seed_points(seed_groups):
    return summarize.key_points(seed_groups, n=6, max_words=180, algorithm="lexrank")


def test_key_points_keep_to_the_sentence_and_word_budget(seed_points):
    assert 1 <= len(seed_points) <= 6
    assert sum(len(p.text.split()) for p in seed_points) <= 180


def test_a_smaller_budget_gives_fewer_words(seed_groups):
    points = summarize.key_points(seed_groups, n=3, max_words=80, algorithm="lexrank")
    assert len(points) <= 3
    assert sum(len(p.text.split()) for p in points) <= 80


def test_each_key_point_carries_every_source_of_its_fact(seed_groups, seed_points):
    by_text = {g.representative.text: g for g in seed_groups}
    for point in seed_points:
        assert set(by_text[point.text].sources) <= set(point.sources)


def test_seed_bottom_line_is_credited_to_the_outlets_that_give_its_figure(seed_points):
    # "$500 million" is in S2 and S5 only; S4 reports the signing without the figure.
    assert "$500 million" in seed_points[0].text
    assert seed_points[0].sources == ["S2", "S5"]


def test_no_two_key_points_state_the_same_fact(seeds_sentences, seed_points):
    by_text = {s.text: s for s in seeds_sentences}
    spans = [by_text[p.text] for p in seed_points]
    matrix = grouping.tfidf(grouping.term_lists(spans)).matrix
    sims = (matrix @ matrix.T).toarray()
    np.fill_diagonal(sims, 0)
    assert sims.max() < grouping.THRESHOLD


def test_seed_bottom_line_names_the_deal_and_its_value(seed_points):
    lead = seed_points[0].text
    assert "signed" in lead and "$500 million" in lead


def test_bottom_line_comes_first_and_says_who_what_how_much(make_sentences):
    groups = grouping.group_sentences(make_sentences(*DEAL))
    points = summarize.key_points(groups, n=3, max_words=90, algorithm="lexrank")
    lead = points[0]
    assert "$2 billion" in lead.text and "Acme" in lead.text and "Cominor" in lead.text
    assert lead.sources == ["S1", "S2", "S3"]


def test_corroborated_fact_outranks_a_single_source_aside(make_sentences):
    groups = grouping.group_sentences(make_sentences(*DEAL))
    points = summarize.key_points(groups, n=2, max_words=80, algorithm="lexrank")
    texts = " ".join(p.text for p in points)
    assert "90,000 tonnes" in texts
    assert "Peru" not in texts


@pytest.mark.parametrize("algorithm", ALGORITHMS)
def test_every_sumy_algorithm_gives_key_points(seed_groups, algorithm):
    points = summarize.key_points(seed_groups, n=5, max_words=150, algorithm=algorithm)
    assert 1 <= len(points) <= 5
    assert sum(len(p.text.split()) for p in points) <= 150


def test_unknown_algorithm_is_a_usage_error(seed_groups):
    with pytest.raises(UsageError, match="unknown algorithm"):
        summarize.key_points(seed_groups, n=5, max_words=150, algorithm="bogus")


def test_no_groups_give_no_key_points():
    assert summarize.key_points([], n=6, max_words=180, algorithm="lexrank") == []


def test_key_points_are_deterministic(seed_groups, seed_points):
    again = summarize.key_points(list(seed_groups), n=6, max_words=180, algorithm="lexrank")
    assert again == seed_points


def seed_words(seeds_sentences):
    words = [summarize._sumy_words(s.span) for s in seeds_sentences]
    return words, [s.article_index for s in seeds_sentences]


def test_sparse_lexrank_equals_sumy_on_the_seeds(seeds_sentences):
    words, paragraphs = seed_words(seeds_sentences)
    ours = rank.lexrank_scores(summarize.stemmed_words(words))
    sumys = summarize.sumy_ratings(words, paragraphs, "lexrank")
    assert np.allclose(ours, sumys, rtol=1e-9, atol=1e-12)

    def top(scores):
        return sorted(range(len(scores)), key=lambda i: (-scores[i], i))[:10]

    assert top(ours) == top(sumys)


def test_default_lexrank_is_the_sparse_one_with_sumys_ranking(seeds_sentences, monkeypatch):
    words, paragraphs = seed_words(seeds_sentences)
    sumys = summarize.sumy_ratings(words, paragraphs, "lexrank")
    monkeypatch.setattr(summarize, "sumy_ratings", None)  # must not be called
    ours = summarize.rate(words, paragraphs, "lexrank")
    assert np.allclose(ours, sumys, rtol=1e-9, atol=1e-12)

    def order(scores):
        return sorted(range(len(scores)), key=lambda i: (-scores[i], i))

    assert order(ours) == order(sumys)


def test_big_inputs_preselect_for_other_algorithms(seeds_sentences, monkeypatch):
    words, paragraphs = seed_words(seeds_sentences)
    monkeypatch.setattr(summarize, "PRESELECT", 20)
    ratings = summarize.rate(words, paragraphs, "textrank")
    assert sum(r != -np.inf for r in ratings) == 20


def test_sumy_reads_spacy_tokens_through_the_adapter():
    tokenizer = summarize.SpacyTokenizer({"s0": ["Acme", "signed", "a", "deal"]})
    assert tokenizer.to_words("s0") == ("Acme", "signed", "a", "deal")
    document = summarize.build_document([["Acme", "signed"], ["Cominor", "agreed"]], [0, 1])
    assert [tuple(s.words) for s in document.sentences] == [
        ("Acme", "signed"),
        ("Cominor", "agreed"),
    ]
    assert len(document.paragraphs) == 2


SCRIPT = textwrap.dedent(
    """
    import json, sys
    from briefgen import nlp
    from briefgen.annotate import clean
    from briefgen.analyse import grouping
    from briefgen.analyse import summarize
    from briefgen.brief import Article

    texts = {texts!r}
    model = nlp.load()
    corpus = nlp.parse(model, [Article(f"{{i}}.txt", t, str(i)) for i, t in enumerate(texts)])
    groups = grouping.group_sentences(clean.content_sentences(corpus))
    points = summarize.key_points(groups, n=3, max_words=90, algorithm="lexrank")
    print(json.dumps({{
        "points": [p.text for p in points],
        "sklearn": "sklearn" in sys.modules,
    }}))
    """
)


def test_summarising_needs_no_nltk_data(tmp_path):
    empty = tmp_path / "nltk_data"
    empty.mkdir()
    env = {**os.environ, "NLTK_DATA": str(empty), "HOME": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT.format(texts=DEAL)],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout.strip().splitlines()[-1])
    assert out["points"] and "$2 billion" in out["points"][0]
    assert out["sklearn"] is False


def test_loading_sumy_leaves_scipy_stats_importable():
    code = (
        "import sys; from briefgen.analyse import summarize; summarize._sumy();"
        "assert 'scipy.stats' not in sys.modules; import scipy.stats; print('ok')"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"


def test_an_unrelated_headline_on_one_page_is_no_key_point(make_sentences):
    # A teaser for another story, on one outlet's page only, shares no word with the news.
    sidebar = "Heavy snow closes mountain passes across the Alps for a third day.\n"
    texts = [DEAL[0], DEAL[1] + sidebar, DEAL[2]]
    groups = grouping.group_sentences(make_sentences(*texts))
    flags = grouping.asides(groups)
    asides = [g.representative.text for g, a in zip(groups, flags, strict=True) if a]
    assert asides == [sidebar.strip()]  # one source's on-topic asides ("Peru") are kept
    points = summarize.key_points(groups, n=8, max_words=300, algorithm="lexrank")
    assert len(points) >= 4
    assert not any("snow" in p.text for p in points)


def test_a_single_source_is_never_an_aside(make_sentences):
    sidebar = "Heavy snow closes mountain passes across the Alps for a third day.\n"
    groups = grouping.group_sentences(make_sentences(DEAL[0] + sidebar))
    assert not any(grouping.asides(groups))


def test_a_point_that_only_adds_when_is_still_a_point(make_sentences):
    # Every name in the closing sentence is given already; its date is not.
    closing = "Acme Mining and Cominor expect the deal to close in March 2026.\n"
    texts = [DEAL[0] + closing, DEAL[1] + closing, DEAL[2]]
    groups = grouping.group_sentences(make_sentences(*texts))
    points = summarize.key_points(groups, n=8, max_words=300, algorithm="lexrank")
    assert any("March 2026" in p.text for p in points)


def test_a_sentence_that_points_back_with_a_connective_leans_on_context(make_sentences):
    text = (
        "Both uses have applications in the defence industry.\n"
        "Copper, on the other hand, is mostly used in power cables.\n"
        "Both Acme Mining and Cominor signed the agreement in Santiago.\n"
        "Acme Mining will pay $2 billion for the mine.\n"
    )
    leaning = [summarize._leans_on_context(s.span) for s in make_sentences(text)]
    assert leaning == [True, True, False, False]


def test_the_reporting_itself_scores_below_the_deal(make_sentences):
    texts = [
        DEAL[0] + "Mining Weekly was the first to report the agreement on Sunday.\n",
        DEAL[1] + "Cominor declined to comment on the price.\n",
        DEAL[2],
    ]
    candidates = summarize._candidates(grouping.group_sentences(make_sentences(*texts)))
    weight = {c.text: summarize._substance(c) for c in candidates}
    assert weight["Mining Weekly was the first to report the agreement on Sunday."] < 1
    assert weight["Cominor declined to comment on the price."] < 1
    assert weight["Unions at Cominor said they would study the terms of the deal."] == 1


def test_an_answering_connective_leans_on_the_sentence_before(make_sentences):
    text = (
        "However, there are still some obstacles in the way.\n"
        "Acme, however, said the price was fair.\n"
        "Acme Mining will pay $2 billion for the mine.\n"
    )
    leaning = [summarize._leans_on_context(s.span) for s in make_sentences(text)]
    assert leaning == [True, True, False]


def test_shares_dipping_or_receipts_dropping_score_as_market_mood(make_sentences):
    texts = [
        DEAL[0] + "Acme shares dipped 45 cents, or 1.2 per cent, by midday in Toronto.\n",
        DEAL[1] + "Acme's American depositary receipts have fallen 15% since March.\n",
        DEAL[2],
    ]
    candidates = summarize._candidates(grouping.group_sentences(make_sentences(*texts)))
    weight = {c.text: summarize._substance(c) for c in candidates}
    dipped = next(t for t in weight if "dipped" in t)
    receipts = next(t for t in weight if "depositary" in t)
    assert weight[dipped] == weight[receipts] == summarize.SIDESHOW_PENALTY
    assert weight["Unions at Cominor said they would study the terms of the deal."] == 1


def test_a_figure_stated_of_the_deal_is_its_terms(make_sentences):
    text = (
        "Under the deal, Puna's holders get a 45% premium on their shares.\n"
        "Under the agreement, Cominor will hold a 51 percent share in the joint venture.\n"
        "Acme Mining expects copper prices to rise 10% next year.\n"
        "The deal was signed at the presidential palace in Santiago on Monday.\n"
    )
    candidates = summarize._candidates(grouping.group_sentences(make_sentences(text)))
    terms = {c.text: summarize._states_terms(c) for c in candidates}
    assert terms == {
        "Under the deal, Puna's holders get a 45% premium on their shares.": True,
        "Under the agreement, Cominor will hold a 51 percent share in the joint venture.": True,
        "Acme Mining expects copper prices to rise 10% next year.": False,  # no deal named
        "The deal was signed at the presidential palace in Santiago on Monday.": False,  # no figure
    }


def test_the_outlet_speaking_to_its_readers_scores_below_the_deal(make_sentences):
    texts = [
        DEAL[0] + "Readers who want to contribute to this story can write to the Cominor desk.\n",
        DEAL[1] + "If you spot an error in this story, tell the Mining Weekly desk.\n",
        DEAL[2],
    ]
    candidates = summarize._candidates(grouping.group_sentences(make_sentences(*texts)))
    weight = {c.text: summarize._substance(c) for c in candidates}
    assert weight[next(t for t in weight if "contribute" in t)] == summarize.SIDESHOW_PENALTY
    assert weight[next(t for t in weight if "spot an error" in t)] == summarize.SIDESHOW_PENALTY
    assert weight["Unions at Cominor said they would study the terms of the deal."] == 1
