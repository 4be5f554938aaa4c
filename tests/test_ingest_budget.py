"""The input budget: what one article may cost before spaCy sees it (ingest/budget.py)."""

from __future__ import annotations

import time

import spacy

from briefgen.ingest import budget


def test_a_run_of_symbols_keeps_only_its_first_characters():
    text = "Officials signed the deal. " + "(" * 50_000 + " Then !!!!!!!!!!!! and ... stayed."
    capped = budget.cap_symbol_runs(text)
    assert capped == "Officials signed the deal. " + "(" * 8 + " Then !!!!!!!! and ... stayed."


def test_an_endless_word_is_broken_into_pieces_the_tokenizer_handles_fast():
    text = "A" + "x" * 250 + " short words stay."
    broken = budget.break_long_runs(text)
    assert [len(w) for w in broken.split()[:3]] == [100, 100, 51]
    assert broken.endswith(" short words stay.")
    tokenizer = spacy.blank("en").tokenizer
    start = time.process_time()
    tokenizer(budget.within_budget("(a" * 250_000, 10_000_000).text)
    assert time.process_time() - start < 5  # unbounded, one such run took minutes


def test_a_sentence_said_again_is_kept_once_and_counted():
    sentence = "The ministry said the agreement would be signed in the capital next week."
    text = f"{sentence} Talks began in May. {sentence}\n\nA new paragraph. {sentence} {sentence}\n"
    collapsed, dropped = budget.collapse_repeats(text)
    assert dropped == 3
    assert collapsed == f"{sentence} Talks began in May. \n\nA new paragraph. \n"


def test_short_pieces_may_repeat():
    text = "Yes. No. Yes. No.\n"
    assert budget.collapse_repeats(text) == (text, 0)


def test_two_hundred_thousand_copies_of_a_sentence_cost_one():
    sentence = "Officials from both countries met again and agreed on the next steps. "
    result = budget.within_budget(sentence * 200_000, 1_000_000)
    assert result.text == sentence
    assert result.repeats == 199_999
    assert result.truncated_from is None


def test_truncation_cuts_at_the_last_break_within_the_limit():
    text = "First paragraph here.\n\nSecond one. It goes on. And on and on."
    assert budget.truncate(text, 40) == "First paragraph here.\n"
    assert (
        budget.truncate("One two three four. Five six seven eight.", 30) == "One two three four.\n"
    )
    assert len(budget.truncate("x" * 50, 20)) == 20
    assert budget.truncate(text, 1_000) == text
