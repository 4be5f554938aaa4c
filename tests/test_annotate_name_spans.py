"""Token-level readings of names (briefgen/annotate/name_spans.py), on sentences written here."""

from __future__ import annotations

from briefgen.annotate import name_spans


def test_a_title_is_read_before_and_after_a_name(nlp) -> None:
    doc = nlp("Trade Minister Ana Reyes met Tom Hale, the Deputy Chief of Mission, on Monday.")
    assert name_spans.title_before(doc, 2, 0, set()) == "Trade Minister"
    hale_end = next(t.i for t in doc if t.text == "Hale") + 1
    assert name_spans.title_after(doc, hale_end, len(doc)) == "Deputy Chief of Mission"


def test_countries_run_together_are_split_but_one_country_is_not() -> None:
    assert name_spans.country_pair_parts("U.S.-Pakistan") == ["U.S.", "Pakistan"]
    assert name_spans.country_pair_parts("Chile and the United States") == [
        "Chile",
        "United States",
    ]
    assert name_spans.country_pair_parts("United States") is None


def test_a_lone_title_word_is_not_a_name_but_a_company_is(nlp) -> None:
    doc = nlp("Minister said Orebank Metals would pay.")
    assert name_spans.not_a_name("Minister", doc, 0, 8, "ORG", set())
    start = doc.text.index("Orebank")
    assert not name_spans.not_a_name("Orebank Metals", doc, start, start + 14, "ORG", set())


def test_an_acronym_used_as_a_common_noun_and_its_lower_case_spelling(nlp) -> None:
    doc = nlp("They plan an EV plant to make electric vehicle batteries.")
    [(letters, tok)] = name_spans.acronym_uses(doc[:])
    assert letters == "EV" and name_spans.used_as_common_noun(tok, doc[:])
    assert name_spans.lower_case_initials(doc[:], {"EV"}, {"E", "EV"}) == {"EV"}


def test_government_bodies_are_read_by_their_words() -> None:
    assert name_spans.government_by_words("Ministry of Mines")
    assert not name_spans.government_by_words("Orebank Metals")
