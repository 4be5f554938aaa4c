"""Time in a sentence: a past time sets background apart; a time ahead is a milestone."""

from __future__ import annotations

import pytest

from briefgen.analyse.text import future_time, other_time


@pytest.mark.parametrize(
    "text",
    [
        "Indonesia banned exports of nickel ore in 2020 to force miners to process it at home.",
        "The agreement follows a similar pact Indonesia signed with CATL in 2022.",
        "The policy, launched in 2019, aims to double output by 2030.",
        "The mine, which opened in 2018, will double its output.",
        "Last year, the government launched a national strategy.",
    ],
)
def test_a_past_time_is_another_time(text):
    assert other_time(text)


@pytest.mark.parametrize(
    "text",
    [
        "The first phase, a cell plant, is expected to start production in 2027.",
        "In 2027, the plant will start production.",
        "The deal is expected to close in the first half of 2026.",
        "The minister said the government will choose a site later this year.",
        "The smelter will be built within 18 months.",
        "Drilling will begin by the end of the decade.",
        "The company plans to finish the plant by 2030.",
        "The partners will start drilling next year.",
    ],
)
def test_a_time_ahead_is_a_milestone_not_another_time(text):
    assert future_time(text)
    assert not other_time(text)


def test_a_past_year_is_not_a_milestone():
    assert not future_time("Chile nationalised its copper mines in 1971.")
