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
def test_a_past_time_is_another_time(nlp, text):
    assert other_time(nlp(text)[:])


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
def test_a_time_ahead_is_a_milestone_not_another_time(nlp, text):
    sentence = nlp(text)[:]
    assert future_time(sentence)
    assert not other_time(sentence)


def test_a_past_year_is_not_a_milestone(nlp):
    assert not future_time(nlp("Chile nationalised its copper mines in 1971.")[:])


def test_the_event_s_own_day_is_not_another_time(nlp):
    sentence = nlp("The two companies signed the agreement yesterday in Santiago.")[:]
    assert not other_time(sentence)
    assert not future_time(sentence)


def test_a_time_ahead_on_the_next_line_does_not_reach_back(nlp):
    doc = nlp("The deal is expected to close in 2026.\n\nThe firm bought a stake in 2021.")
    second = doc.char_span(doc.text.index("The firm"), len(doc.text))
    assert other_time(second)
    assert not future_time(second)
