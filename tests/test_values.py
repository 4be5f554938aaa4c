"""Values: money normalised to amount + ISO currency, what it measures, merged across sources."""

from __future__ import annotations

import pytest

from briefgen.analyse.values import find_figures, find_values


def money(values):
    return [v for v in values if v.kind == "money"]


def others(sentences, nlp):
    return find_figures(sentences, nlp).figures


@pytest.mark.parametrize(
    ("sentence", "text", "amount", "currency"),
    [
        (
            "The company signed a $500 million agreement with the ministry.",
            "$500 million",
            5e8,
            "USD",
        ),
        ("Tamsin Gold will invest US$8.5bn in the iron ore project.", "US$8.5bn", 8.5e9, "USD"),
        (
            "The Indian cabinet approved a Rs 1,500-crore incentive plan.",
            "Rs 1,500-crore",
            1.5e10,
            "INR",
        ),
        ("The Indian state approved a Rs 50 lakh grant for the village.", "Rs 50 lakh", 5e6, "INR"),
        ("The union approved a €2 billion fund for battery plants.", "€2 billion", 2e9, "EUR"),
        ("Britain will spend £3m on a feasibility study for the plant.", "£3m", 3e6, "GBP"),
        ("The company said it received 410m dollars for the mine.", "410m dollars", 4.1e8, "USD"),
        ("The cabinet approved PKR 2 trillion for the new dams.", "PKR 2 trillion", 2e12, "PKR"),
        ("The firm raised A$150 million to fund the nickel mine.", "A$150 million", 1.5e8, "AUD"),
        ("The miner agreed to pay C$40 million for the licence.", "C$40 million", 4e7, "CAD"),
        ("China will lend 5 billion yuan to the smelter in Zambia.", "5 billion yuan", 5e9, "CNY"),
        ("The bank will lend 300 million euros to the project.", "300 million euros", 3e8, "EUR"),
        ("Copper traded at $9,850 a tonne on the exchange.", "$9,850 a tonne", 9850, "USD"),
    ],
)
def test_money_forms_are_normalised_to_amount_and_iso_currency(
    make_sentences, nlp, sentence, text, amount, currency
):
    [value] = money(find_values(make_sentences(sentence), nlp))
    assert (value.text, value.amount, value.currency) == (text, pytest.approx(amount), currency)


def test_the_same_amount_in_two_currency_forms_is_one_value_and_in_two_currencies_two(
    make_sentences, nlp
):
    sentences = make_sentences(
        "The bank lent $US2.2 billion to the smelter, the ministry said.",
        "The smelter received a $2.2 billion loan from the bank.",
        "The smelter also raised £2.2 billion from investors in London.",
    )
    by_currency = {v.currency: v.sources for v in find_values(sentences, nlp)}
    assert by_currency == {"USD": ["S1", "S2"], "GBP": ["S3"]}


def test_a_yearly_amount_and_a_total_of_the_same_size_are_two_values(make_sentences, nlp):
    sentences = make_sentences(
        "The mine will cost $6 billion to build, the company said.",
        "The mine is expected to earn $6 billion a year once it opens.",
    )
    assert sorted(v.text for v in find_values(sentences, nlp)) == [
        "$6 billion",
        "$6 billion a year",
    ]


def test_rupees_take_the_currency_of_the_country_named_nearest_the_figure(make_sentences, nlp):
    sentences = make_sentences(
        "India's cabinet cleared a Rs 50,000 crore package, while Pakistan approved Rs 3 billion "
        "for new roads."
    )
    by_text = {v.text: v.currency for v in find_values(sentences, nlp)}
    assert by_text == {"Rs 50,000 crore": "INR", "Rs 3 billion": "PKR"}


def test_a_money_range_is_one_value_with_both_ends(make_sentences, nlp):
    values = find_values(
        make_sentences(
            "Grants ranged from $1.2 million to $23.5 million last year, the agency said."
        ),
        nlp,
    )
    assert [(v.text, v.amount, v.high, v.currency) for v in values] == [
        ("$1.2 million to $23.5 million", 1_200_000, 23_500_000, "USD")
    ]


def test_a_range_shares_one_written_multiplier_and_keeps_the_range_as_its_text(make_sentences, nlp):
    values = find_values(
        make_sentences("The contract, valued at $1.2-1.5 billion, covers three copper mines."), nlp
    )
    assert [(v.text, v.amount, v.high) for v in values] == [("$1.2-1.5 billion", 1.2e9, 1.5e9)]


def test_a_price_keeps_its_unit_and_two_spellings_of_it_are_one_value(make_sentences, nlp):
    sentences = make_sentences(
        "The state set a floor of $80 per kilogram for the oxide.",
        "Under the deal the oxide is guaranteed $80/kg for ten years.",
    )
    values = find_values(sentences, nlp)
    assert [(v.amount, v.currency, v.per, v.sources) for v in values] == [
        (80, "USD", "kilogram", ["S1", "S2"])
    ]


def test_a_price_range_per_unit_keeps_the_unit(make_sentences, nlp):
    (value,) = find_values(
        make_sentences("Spot oxide sold at around $42–44 per kg in May, traders in Shanghai said."),
        nlp,
    )
    assert (value.amount, value.high, value.per) == (42, 44, "kilogram")


@pytest.mark.parametrize("hedge", ["approximately", "about", "up to", "more than", "nearly"])
def test_hedges_are_kept_in_the_text(make_sentences, nlp, hedge):
    [value] = find_values(
        make_sentences(f"The first phase of the project is valued at {hedge} $500 million."), nlp
    )
    assert value.text == f"{hedge} $500 million"
    assert value.amount == 500_000_000


@pytest.mark.parametrize(
    ("sentence", "refers_to"),
    [
        ("The first phase of investment is valued at $500 million.", "first phase of investment"),
        (
            "Pakistan and the United States signed a landmark $500 million memorandum of "
            "understanding on Monday.",
            "memorandum of understanding",
        ),
        (
            "The Indian cabinet approved a Rs 1,500-crore incentive plan on Monday.",
            "incentive plan",
        ),
        ("The government approved a grant worth more than €2 billion for the refinery.", "grant"),
        ("The deal is worth about $3 billion, according to people familiar with it.", "deal"),
        (
            "Tamsin Gold will invest US$8.5bn in the Kessel iron ore project.",
            "investment in the Kessel iron ore project",
        ),
    ],
)
def test_refers_to_is_the_noun_phrase_the_money_measures(make_sentences, nlp, sentence, refers_to):
    [value] = money(find_values(make_sentences(sentence), nlp))
    assert value.refers_to == refers_to


def test_the_same_figure_from_several_sources_is_one_value_with_all_sources(make_sentences, nlp):
    sentences = make_sentences(
        "The two governments signed a $500 million agreement on critical minerals.",
        "Officials said the weather was fine and the talks went well for everyone.",
        "The initial phase of the project is valued at approximately $500 million.",
        "The two sides signed a $500 million agreement to develop the mines.",
    )
    [value] = find_values(sentences, nlp)
    assert value.sources == ["S1", "S3", "S4"]
    assert value.text == "$500 million"  # the wording most sources use
    assert "agreement" in (value.refers_to or "")


def test_values_are_money_only_ordered_by_sources_then_amount(make_sentences, nlp):
    sentences = make_sentences(
        "The government approved a $2 million grant. Tariffs were cut from 29% to 19% last year.",
        "The agency announced a $2 million grant for roads. It also approved a $90 million loan.",
    )
    found = find_figures(sentences, nlp)
    assert [(v.kind, v.amount) for v in found.values] == [
        ("money", 2_000_000),
        ("money", 90_000_000),
    ]
    assert [(f.kind, f.text) for f in found.figures] == [("percent", "from 29% to 19%")]


def test_a_percentage_change_is_one_figure_that_keeps_its_direction(make_sentences, nlp):
    sentences = make_sentences(
        "The trade agreement reduced reciprocal tariffs from 29% to 19% in August."
    )
    assert find_values(sentences, nlp) == []
    assert [(f.text, f.amount, f.high, f.unit, f.refers_to) for f in others(sentences, nlp)] == [
        ("from 29% to 19%", 19, None, "%", "reciprocal tariffs")
    ]


def test_the_same_percentage_of_two_different_things_is_two_figures(make_sentences, nlp):
    sentences = make_sentences(
        "The fund will buy a 10% stake in the copper unit.",
        "Demand for copper is expected to grow by 10% a year, analysts said.",
    )
    rows = [(f.amount, f.sources) for f in others(sentences, nlp)]
    assert rows == [(10, ["S1"]), (10, ["S2"])]


def test_tonnages_are_reported_in_tonnes_with_what_they_measure(make_sentences, nlp):
    values = others(
        make_sentences(
            "The plan should build an annual recycling capacity of at least 270 kilotons, which "
            "will result in the production of about 40 kilotons of key minerals each year."
        ),
        nlp,
    )
    assert [(v.text, v.amount, v.unit, v.refers_to) for v in values] == [
        ("at least 270 kilotons", 270_000, "t", "annual recycling capacity"),
        ("about 40 kilotons", 40_000, "t", "production of key minerals"),
    ]


def test_counts_years_ages_and_durations_are_not_values(make_sentences, nlp):
    sentences = make_sentences(
        "The 58-year-old chief executive has led the company for 10 years and owns 2,000 shares. "
        "In 2024 the two countries signed 3 agreements and 12 people attended the signing."
    )
    assert find_figures(sentences, nlp) == find_figures([], nlp)


def test_output_does_not_depend_on_sentence_order(make_sentences, nlp):
    sentences = make_sentences(
        "The firm will invest $40 million in the mine. Tariffs were cut to 10% from 15%.",
        "The ministry said the firm would invest $40 million in the copper mine next year.",
    )
    assert find_figures(list(reversed(sentences)), nlp) == find_figures(sentences, nlp)


def test_seeds_have_both_money_values_and_no_other_money(seeds_sentences, nlp):
    values = find_values(seeds_sentences, nlp)
    found = {(v.amount, v.currency) for v in money(values)}
    assert found == {(500_000_000, "USD"), (15_000_000_000, "INR")}
    first = values[0]
    assert (first.amount, first.currency) == (500_000_000, "USD")
    assert len(first.sources) >= 2
    assert "memorandum of understanding" in (first.refers_to or "")


def test_seeds_report_the_tariff_cut_and_the_recycling_capacity(seeds_sentences, nlp):
    found = find_figures(seeds_sentences, nlp)
    assert all(v.kind == "money" for v in found.values)
    assert {(f.text, f.amount, f.unit) for f in found.figures} >= {
        ("from 29% to 19%", 19, "%"),
        ("at least 270 kilotons", 270_000, "t"),
    }


def test_figure_sentences_are_parsed_for_syntax_only_and_the_pipeline_is_restored(nlp):
    from briefgen.analyse.values import parse_sentences
    from briefgen.nlp import parse_syntax

    before = list(nlp.pipe_names)
    text = "Acme Mining agreed to pay $20 million for the Kibali copper mine in Ghana."
    (doc,) = parse_sentences(nlp, [text])
    assert doc.has_annotation("DEP") and doc.has_annotation("POS")
    assert not doc.ents and not doc.spans  # no entities, no annotations: never read
    assert list(nlp.pipe_names) == before
    (full,) = parse_syntax(nlp, [text])
    assert full.ents  # the full pipeline still finds them
    assert [(t.dep_, t.head.i, t.pos_, t.lemma_) for t in doc] == [
        (t.dep_, t.head.i, t.pos_, t.lemma_) for t in full
    ]
