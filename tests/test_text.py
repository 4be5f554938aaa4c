from __future__ import annotations

import pytest

from briefgen.analyse.text import opens_leaning


@pytest.mark.parametrize(
    ("text", "leaning", "pronoun_only"),
    [
        ("Such magnets are needed for wind turbines.", True, False),
        ("“We will build the plant,” the chief executive said.", True, True),
        ("It’s planning a second kiln next year.", True, True),
        ("This year, Norland Mining doubled its copper output.", False, False),
        ("Norland Mining doubled its copper output this year.", False, False),
    ],
)
def test_a_sentence_leans_on_the_one_before_by_its_first_word(nlp, text, leaning, pronoun_only):
    doc = nlp(text)
    assert opens_leaning(doc[:]) is leaning
    assert opens_leaning(doc[:], demonstratives=False) is pronoun_only
