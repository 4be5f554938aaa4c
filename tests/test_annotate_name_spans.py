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


def _tokens(doc, name: str) -> tuple[int, int]:
    """The token range [start, end) of `name` in the Doc."""
    start = doc.text.index(name)
    span = doc.char_span(start, start + len(name))
    assert span is not None
    return span.start, span.end


def test_a_head_title_ties_a_person_to_the_organisation_beside_them(nlp) -> None:
    def tied(text: str, org: str, person: str) -> bool:
        doc = nlp(text)
        return name_spans.heads(doc, _tokens(doc, org), _tokens(doc, person))

    assert tied("Ofgem chief executive Jane Roe spoke.", "Ofgem", "Jane Roe")
    assert tied("Jane Roe, president of Ofgem, spoke.", "Ofgem", "Jane Roe")
    assert tied("The head of Ofgem, Jane Roe, spoke.", "Ofgem", "Jane Roe")
    assert not tied("Ofgem fined a firm that Jane Roe owns.", "Ofgem", "Jane Roe")
    assert not tied("Jane Roe, a critic of Ofgem, spoke.", "Ofgem", "Jane Roe")


def test_a_capitalised_first_word_before_a_noun_is_not_a_person(nlp) -> None:
    doc = nlp("Northstar copper prices fell. Okafor said prices would recover.")
    assert name_spans.not_a_name("Northstar", doc, 0, 9, "PERSON", set(), sentence_start=0)
    start = doc.text.index("Okafor")
    first = next(t.i for t in doc if t.text == "Okafor")
    assert not name_spans.not_a_name(
        "Okafor", doc, start, start + 6, "PERSON", set(), sentence_start=first
    )
    # not at the start of its sentence: a name, whatever follows it
    assert not name_spans.not_a_name("Northstar", doc, 0, 9, "PERSON", set(), sentence_start=-1)


def test_a_leader_title_ties_a_person_to_the_country_beside_them(nlp) -> None:
    def led(text: str, place: str, person: str) -> bool:
        doc = nlp(text)
        return name_spans.leads(doc, _tokens(doc, place), _tokens(doc, person))

    assert led("Bolivian President Luis Morales spoke.", "Bolivian", "Luis Morales")
    assert led("Chile's Prime Minister Ana Reyes spoke.", "Chile", "Ana Reyes")
    assert led("Luis Morales, the Bolivian president, spoke.", "Bolivian", "Luis Morales")
    assert not led("Bolivian Ambassador Luis Morales spoke.", "Bolivian", "Luis Morales")
    assert not led("Luis Morales, the Bolivian envoy, spoke.", "Bolivian", "Luis Morales")
