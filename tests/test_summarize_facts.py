"""summarize.key_points: no key point restates another's fact in other words."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest

import briefgen
from briefgen.analyse import grouping, summarize

EVENTS = Path(__file__).resolve().parent / "data" / "events"

# One article that tells its lead fact twice: the second time with other words, a name more
# (who valued it) and the figure written another way.
RESTATED = (
    "Harrow Minerals agreed on Tuesday to buy Tamsin Gold plc for about US$2.4 billion in cash, "
    "giving it two gold mines in Ghana.\n"
    "Shares in Tamsin Gold jumped 30% in London after the announcement.\n"
    "The takeover, which bankers at Barclays valued at $2.4bn, hands Harrow Minerals every share "
    "of Tamsin Gold.\n"
    "The two mines produced 400,000 ounces of gold last year.\n"
    "Analysts said the price looked fair for producing mines.\n"
)


def test_a_restatement_in_other_words_is_not_a_second_key_point(make_sentences):
    groups = grouping.group_sentences(make_sentences(RESTATED))
    assert len(groups) == 5  # one article: grouping leaves the restatement apart
    points = summarize.key_points(groups, n=5, max_words=200, algorithm="lexrank")
    texts = [p.text for p in points]
    restating = [t for t in texts if "2.4" in t]
    assert len(restating) == 1
    assert any("400,000 ounces" in t for t in texts)  # other facts still get in


def test_without_the_fact_check_the_restatement_would_get_in(make_sentences, monkeypatch):
    # The case above is decided by the fact check, not by word overlap alone.
    monkeypatch.setattr(grouping, "adds_no_terms", lambda a, b: False)
    groups = grouping.group_sentences(make_sentences(RESTATED))
    points = summarize.key_points(groups, n=5, max_words=200, algorithm="lexrank")
    assert len([p for p in points if "2.4" in p.text]) == 2


def test_the_market_mood_scores_below_the_deal(make_sentences):
    groups = grouping.group_sentences(make_sentences(RESTATED))
    candidates = summarize._candidates(groups)
    substance = {c.text: summarize._substance(c) for c in candidates}
    market = next(t for t in substance if t.startswith("Shares in Tamsin Gold jumped"))
    assert substance[market] == summarize.SIDESHOW_PENALTY < 1.0
    assert all(v == 1.0 for t, v in substance.items() if t != market)


MONEY = re.compile(r"(\d+(?:\.\d+)?)\s?(?:bn|billion)|(\d+(?:\.\d+)?)\s?million", re.IGNORECASE)


def _amounts(text: str) -> set[float]:
    return {
        float(billions) * 1e9 if billions else float(millions) * 1e6
        for billions, millions in MONEY.findall(text.replace("&#36;", "$"))
    }


@pytest.fixture(scope="module")
def copper_brief():
    return briefgen.build(EVENTS / "copper-takeover", cache=False)


def test_copper_takeover_key_points_never_share_parties_and_figure(copper_brief):
    parties = ("Kestrel", "Lunga")
    points = copper_brief.summary
    for a, b in itertools.combinations(points, 2):
        both_name_them = all(p in a.text and p in b.text for p in parties)
        assert not (both_name_them and _amounts(a.text) & _amounts(b.text)), (a.text, b.text)


def test_copper_takeover_deal_is_one_key_point_reported_by_every_source(copper_brief):
    deal = [p for p in copper_brief.summary if 1.1e9 in _amounts(p.text)]
    assert len(deal) == 1
    assert deal[0].sources == ["S1", "S2", "S3"]


# The stake purchase told bare and with its price, and another fact.
STAKE = (
    "Harrow Minerals and Lunga Capital agreed to acquire 12% of Tamsin Gold's copper business,"
    " Tamsin Gold said in a filing.\n"
    "Harrow Minerals will pay $1.8 billion in cash to acquire the 12% holding, its finance chief"
    " told analysts.\n"
    "The copper unit runs three mines in Zambia and one in Peru.\n"
)


def _stake_candidates(make_sentences):
    import numpy as np

    candidates = summarize._candidates(grouping.group_sentences(make_sentences(STAKE)))
    bare = next(i for i, c in enumerate(candidates) if c.text.startswith("Harrow Minerals and"))
    priced = next(i for i, c in enumerate(candidates) if "$1.8 billion" in c.text)
    value = np.zeros(len(candidates))
    value[bare] = 1.0  # the bare telling is the one about to be picked
    assert len(candidates) == 3  # one article: each telling is a candidate of its own
    return candidates, bare, priced, value


def test_the_telling_with_the_price_and_the_share_replaces_the_bare_one(make_sentences):
    import numpy as np

    candidates, bare, priced, value = _stake_candidates(make_sentences)
    allowed = np.ones(len(candidates), dtype=bool)
    assert summarize._fuller_telling(bare, candidates, allowed, value) == priced


def test_no_swap_when_the_fuller_telling_is_not_allowed(make_sentences):
    import numpy as np

    candidates, bare, priced, value = _stake_candidates(make_sentences)
    allowed = np.ones(len(candidates), dtype=bool)
    allowed[priced] = False  # over the word budget, or restating a chosen point
    assert summarize._fuller_telling(bare, candidates, allowed, value) == bare


def test_a_sentence_that_names_no_one_and_gives_no_figure_is_no_key_point(make_sentences):
    # A lead-in ("Financing comes in two parts.") or a general remark fits a small word budget
    # but tells the analyst nothing on its own.
    groups = grouping.group_sentences(
        make_sentences(
            "Harrow Minerals agreed on Tuesday to buy Tamsin Gold plc for US$2.4 billion in cash.\n"
            "Financing for the purchase comes in two separate parts.\n"
            "Barclays and HSBC will lend Harrow Minerals $1.5 billion for the purchase.\n"
        )
    )
    texts = [p.text for p in summarize.key_points(groups, n=5, max_words=200)]
    assert not any(t.startswith("Financing") for t in texts)
    assert any("Barclays" in t for t in texts)
