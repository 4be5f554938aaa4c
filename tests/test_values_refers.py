"""Values: what a figure measures when people put the figure on it, and other attachments the
parser gets wrong ("a project officials valued at about $9 billion")."""

from __future__ import annotations

import pytest

from briefgen.analyse.values import find_figures, find_values


def refers_to_of(make_sentences, nlp, sentence: str) -> str | None:
    [value] = [v for v in find_values(make_sentences(sentence), nlp) if v.kind == "money"]
    return value.refers_to


@pytest.mark.parametrize(
    ("sentence", "refers_to"),
    [
        (
            "The two firms struck a deal on Thursday to develop a nickel-based battery supply "
            "chain, a project officials valued at about $9 billion.",
            "project",
        ),
        ("They bought a stake sources put at $40 million.", "stake"),
        ("It is a plan executives estimated at $3 billion.", "plan"),
        ("The company agreed to a deal bankers valued at $1.2 billion.", "deal"),
        ("The company agreed to a deal that bankers valued at $1.2 billion.", "deal"),
        ("The firm signed a contract analysts estimate at $500 million.", "contract"),
        ("The mine, which analysts valued at $2 billion, opened in May.", "mine"),
        (
            "The copper mine, which Fenwick Bank valued at $2 billion, opened in May last year.",
            "copper mine",
        ),
        (
            "A refinery people familiar with the matter valued at $700 million will be built.",
            "refinery",
        ),
    ],
)
def test_the_people_who_value_something_are_not_what_the_money_measures(
    make_sentences, nlp, sentence, refers_to
):
    assert refers_to_of(make_sentences, nlp, sentence) == refers_to


@pytest.mark.parametrize(
    ("sentence", "refers_to"),
    [
        ("Officials valued the project at $3 billion.", "project"),
        ("The project was valued by officials at $3 billion.", "project"),
        ("Executives said the deal was worth $5 billion.", "deal"),
        ("Analysts said the mine is worth $2 billion.", "mine"),
    ],
)
def test_the_thing_valued_is_kept_when_the_valuers_are_elsewhere(
    make_sentences, nlp, sentence, refers_to
):
    assert refers_to_of(make_sentences, nlp, sentence) == refers_to


def test_an_offer_that_values_a_company_measures_the_company(make_sentences, nlp):
    sentence = "The offer values the miner at about C$1.5 billion including debt."
    assert refers_to_of(make_sentences, nlp, sentence) == "miner"


def test_people_who_receive_money_are_what_it_is_paid_to(make_sentences, nlp):
    sentence = "The government paid $3 million to the farmers displaced by the mine."
    assert refers_to_of(make_sentences, nlp, sentence) == "payment to the farmers"


def test_hyphenated_words_keep_their_hyphen(make_sentences, nlp):
    sentence = "The firms will build an electric-vehicle battery supply chain worth $9.8 billion."
    assert refers_to_of(make_sentences, nlp, sentence) == "electric-vehicle battery supply chain"


def test_buying_a_named_company_is_its_purchase(make_sentences, nlp):
    sentence = "Kestrel Bay agreed on Monday to buy Lunga Copper plc for about US$1.1 billion."
    assert refers_to_of(make_sentences, nlp, sentence) == "purchase of Lunga Copper plc"


def test_a_second_amount_the_parser_hangs_on_the_verb_measures_its_own_purpose(make_sentences, nlp):
    sentences = make_sentences(
        "Kestrel Bay said it would spend between $300 million and $400 million over three "
        "years to expand the Chingola smelter, and a further C$120 million on exploration."
    )
    by_text = {v.text: v.refers_to for v in find_values(sentences, nlp)}
    assert by_text["a further C$120 million"] == "spending on exploration"


def test_energy_in_gigawatt_hours_is_a_quantity_with_what_it_measures(make_sentences, nlp):
    sentences = make_sentences(
        "The first phase, a cell plant with 10 gigawatt hours of annual capacity, is expected "
        "to start production in 2027."
    )
    [value] = find_figures(sentences, nlp).figures
    assert (value.kind, value.amount, value.unit) == ("quantity", 10_000, "MWh")
    assert value.refers_to == "annual capacity"
