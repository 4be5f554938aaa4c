"""The figures component: every money amount, percentage and quantity read once, onto the Doc."""

from __future__ import annotations

import pytest

from briefgen.annotate.figures import FACTORY, SPANS_KEY, Figure, FigureKind, figure_of, figures_in


def figures(nlp, text: str) -> list[Figure]:
    return figures_in(nlp(text)[:])


def test_the_component_is_in_the_pipeline_and_declares_what_it_assigns(nlp):
    assert FACTORY in nlp.pipe_names
    meta = nlp.get_pipe_meta(FACTORY)
    assert set(meta.assigns) == {"doc.spans", "span._.figure"}


def test_each_figure_is_a_span_with_typed_data(nlp):
    doc = nlp("The company signed a $500 million agreement and cut its costs by 12%.")
    spans = list(doc.spans[SPANS_KEY])
    assert [s.text for s in spans] == ["$500 million", "12%"]
    money, percent = (figure_of(s) for s in spans)
    assert (money.kind, money.amount, money.currency, money.scale) == (
        FigureKind.MONEY,
        500_000_000,
        "USD",
        1_000_000,
    )
    assert (percent.kind, percent.amount, percent.unit, percent.currency) == (
        FigureKind.PERCENT,
        12,
        "%",
        None,
    )


def test_the_data_is_plain_values_that_msgpack_can_write(nlp):
    import srsly

    doc = nlp("Tamsin Gold will invest US$8.5bn in the iron ore project by 2030.")
    [span] = doc.spans[SPANS_KEY]
    data = span._.figure
    assert srsly.msgpack_loads(srsly.msgpack_dumps(data)) == data


def test_figures_survive_the_docbin_cache(nlp):
    from spacy.tokens import DocBin

    doc = nlp("The firm raised A$150 million, up from about A$90 million a year earlier.")
    payload = DocBin(docs=[doc], store_user_data=True).to_bytes()
    [back] = DocBin().from_bytes(payload).get_docs(nlp.vocab)
    assert figures_in(back[:]) == figures_in(doc[:])
    assert [f.amount for f in figures_in(back[:])] == [150_000_000, 90_000_000]


def test_figures_survive_joining_the_chunks_of_a_long_article(nlp):
    from spacy.tokens import Doc

    first = nlp("The ministry approved a grant of €2 billion for the refinery.\n\n")
    second = nlp("Output should reach 40 kilotons of copper a year, up 15% on 2024.")
    joined = Doc.from_docs([first, second], ensure_whitespace=False)
    found = figures_in(joined[:])
    assert [(f.text, f.amount) for f in found] == [
        ("€2 billion", 2e9),
        ("40 kilotons", 40_000),
        ("15%", 15),
    ]
    assert [joined.text[f.start_char : f.end_char] for f in found] == [f.text for f in found]


@pytest.mark.parametrize(
    ("sentence", "text", "amount", "currency"),
    [
        ("The bank lent $US2.2 billion to the smelter.", "$US2.2 billion", 2.2e9, "USD"),
        ("The state pension fund paid $A2.5 billion for the port.", "$A2.5 billion", 2.5e9, "AUD"),
        ("The council set aside Rs 50 lakh in Mumbai for new roads.", "Rs 50 lakh", 5e6, "INR"),
        ("Lahore's council set aside Rs 50 lakh for new roads.", "Rs 50 lakh", 5e6, "PKR"),
    ],
)
def test_currency_forms(nlp, sentence, text, amount, currency):
    [fig] = figures(nlp, sentence)
    assert (fig.text, fig.amount, fig.currency) == (text, pytest.approx(amount), currency)


def test_a_range_gives_two_figures_that_know_their_range(nlp):
    low, high = figures(nlp, "The contract, valued at $1.2-1.5 billion, covers three mines.")
    assert (low.amount, high.amount) == (1.2e9, 1.5e9)
    assert (low.low, low.high) == (high.low, high.high) == (1.2e9, 1.5e9)
    assert low.text == high.text == "$1.2-1.5 billion"  # a borrowed multiplier shows the range
    assert (low.range_start, low.range_end) == (high.range_start, high.range_end)


@pytest.mark.parametrize(
    ("hedge", "approximate", "bare"),
    [
        ("about", True, "$9 billion"),
        ("nearly", True, "$9 billion"),
        ("up to", False, "up to $9 billion"),
        ("more than", False, "more than $9 billion"),
    ],
)
def test_a_hedge_is_kept_and_says_whether_the_figure_is_rounded(nlp, hedge, approximate, bare):
    [fig] = figures(nlp, f"The deal is worth {hedge} $9 billion, the company said.")
    assert (fig.text, fig.hedge, fig.approximate, fig.bare) == (
        f"{hedge} $9 billion",
        hedge,
        approximate,
        bare,
    )


def test_a_currency_sign_set_apart_is_shown_next_to_its_number(nlp):
    [fig] = figures(nlp, "Prices were less than $ 12 per pound in March.")
    assert (fig.text, fig.amount, fig.currency) == ("less than $12 per pound", 12, "USD")


def test_counts_years_and_ages_are_not_figures(nlp):
    text = "In 2024 the 58-year-old chief signed 3 agreements and 12 people attended."
    assert figures(nlp, text) == []


@pytest.mark.parametrize(
    ("sentence", "measures", "head", "part"),
    [
        ("The two sides signed a $500 million memorandum of understanding.", "memorandum of understanding", "memorandum", False),  # noqa: E501
        ("The first phase of investment is valued at $500 million.", "first phase of investment", "phase", True),  # noqa: E501
        ("It was a deal worth $3 billion, the company said.", "deal", "deal", False),
        ("The sale closes in May, with the enterprise value for the zinc unit estimated at $5 billion.", "enterprise value for the zinc unit", "value", False),  # noqa: E501
        ("Shares rose after a stake in the mine in a deal valued at $3 billion.", "deal", "deal", False),  # noqa: E501
    ],
)  # fmt: skip
def test_the_phrase_next_to_money_says_what_it_measures(nlp, sentence, measures, head, part):
    [fig] = figures(nlp, sentence)
    assert (fig.measures, fig.measures_head, fig.part) == (measures, head, part)


def test_a_time_next_to_money_is_not_what_it_measures(nlp):
    [fig] = figures(nlp, "The suitor made its third offer of £21bn on Friday.")
    assert fig.measures == "third offer"
    assert fig.currency == "GBP"


def test_money_after_for_prices_a_transaction(nlp):
    [fig] = figures(nlp, "The miner agreed to buy a 51% stake in the mine for $1.1 billion.")[1:]
    assert (fig.measures, fig.price) == (None, True)


@pytest.mark.parametrize(
    ("sentence", "amount", "per"),
    [
        ("The state will guarantee a floor of $80/kg for the oxide.", 80, "kilogram"),
        ("The state will guarantee a floor of $80 per kg for the oxide.", 80, "kilogram"),
        ("Buyers paid $12 a pound for the concentrate.", 12, "pound"),
        ("Holders get $4.50/share in cash.", 4.5, "share"),
    ],
)
def test_a_price_keeps_what_it_is_counted_per(nlp, sentence, amount, per):
    (fig,) = figures(nlp, sentence)
    assert (fig.kind, fig.amount, fig.currency, fig.per) == (FigureKind.MONEY, amount, "USD", per)


def test_pence_are_a_hundredth_of_a_pound(nlp):
    (fig,) = figures(nlp, "Shares in the miner fell 45p to £12.30 in London.")[:1]
    assert (fig.kind, fig.text, fig.currency) == (FigureKind.MONEY, "45p", "GBP")
    assert fig.amount == pytest.approx(0.45)


def test_a_lone_p_after_a_spaced_number_is_no_money(nlp):
    assert figures(nlp, "The board met at 3 p.m. and again at 5 p.m. on Friday.") == []


def test_a_paper_writing_dollar_us_means_its_own_dollar_by_a_bare_dollar(nlp):
    text = "The miner will pay $US2 billion ($3 billion) for the stake, the company said."
    us, local = figures(nlp, text)
    assert (us.amount, us.currency) == (2_000_000_000, "USD")
    assert (local.amount, local.currency) == (3_000_000_000, "AUD")


def test_a_bare_dollar_is_us_dollars_in_wire_copy(nlp):
    (fig,) = figures(nlp, "The miner will pay US$2 billion for the stake, the company said.")[:1]
    assert fig.currency == "USD"
    (bare,) = figures(nlp, "The miner will pay $3 billion for the stake, the company said.")
    assert bare.currency == "USD"
