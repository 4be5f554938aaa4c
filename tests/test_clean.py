"""clean.content_sentences: site chrome, headings and list fragments out; real sentences kept."""

from __future__ import annotations

import pytest

from briefgen.annotate import clean


def texts(sentences) -> list[str]:
    return [s.text for s in sentences]


def test_site_chrome_lines_are_dropped(make_sentences):
    article = (
        "by Jane Doe\n0 comments\nSeptember 9, 2025\n\n"
        "Acme Mining agreed on Tuesday to buy a copper mine in Chile for $2 billion.\n\n"
        "Share this article\nRelated Posts\nLeave a Comment\nPosted by admin\n"
        "PREVIOUS POST\nYou May Also Like\n"
    )
    assert texts(make_sentences(article)) == [
        "Acme Mining agreed on Tuesday to buy a copper mine in Chile for $2 billion."
    ]


def test_heading_glued_to_next_sentence_is_split_off(make_sentences):
    sentences = make_sentences(
        "Looking Ahead\n\nThe company will open a second smelter in Ohio next year."
    )
    assert texts(sentences) == ["The company will open a second smelter in Ohio next year."]
    assert sentences[0].span.text.startswith("The company")


def test_sentence_case_headline_without_full_stop_is_dropped(make_sentences):
    sentences = make_sentences(
        "Acme signs $2bn deal for Chilean copper mine\n\n"
        "Acme Mining agreed on Tuesday to buy a copper mine in Chile."
    )
    assert texts(sentences) == ["Acme Mining agreed on Tuesday to buy a copper mine in Chile."]


def test_bullet_that_is_a_sentence_is_kept_without_its_marker(make_sentences):
    sentences = make_sentences(
        "The deal has two parts.\n\n"
        "  • Acme and Beta Corp signed a supply agreement covering copper and zinc.\n"
        "  • The first shipment is due in March.\n"
    )
    assert texts(sentences) == [
        "The deal has two parts.",
        "Acme and Beta Corp signed a supply agreement covering copper and zinc.",
        "The first shipment is due in March.",
    ]
    assert sentences[1].span.text.startswith("Acme")


def test_list_of_fragments_joins_its_lead_in_as_one_sentence(make_sentences):
    sentences = make_sentences(
        "The meeting was attended by:\n\n"
        "  • Finance Minister Maria Lopez\n"
        "  • Central bank governor Tom Reyes\n"
        "  • Senior officials\n"
    )
    assert texts(sentences) == [
        "The meeting was attended by: Finance Minister Maria Lopez; "
        "Central bank governor Tom Reyes; Senior officials."
    ]
    assert sentences[0].span.text.startswith("The meeting")
    assert sentences[0].span.text.endswith("Senior officials")


def test_fragments_without_a_lead_in_are_dropped(make_sentences):
    sentences = make_sentences(
        "Key facts\n- Copper output\n- Zinc exports\n\nAcme Mining raised its output forecast."
    )
    assert texts(sentences) == ["Acme Mining raised its output forecast."]


def test_lead_in_colon_is_joined_to_the_quotation_after_it(make_sentences):
    sentences = make_sentences(
        "Speaking at the ceremony, minister Ana Diaz said:\n\n"
        "“This agreement will create thousands of jobs in the north.”\n"
    )
    assert texts(sentences) == [
        "Speaking at the ceremony, minister Ana Diaz said: “This agreement will create "
        "thousands of jobs in the north.”"
    ]


def test_hard_wrapped_paragraph_is_read_as_one(make_sentences):
    sentences = make_sentences(
        "Copper miner Andes Resources agreed on Tuesday to sell its Chilean unit to a\n"
        "Canadian rival for $1.2 billion, the company said in a filing, ending a long\n"
        "search for a buyer.\n"
    )
    assert texts(sentences) == [
        "Copper miner Andes Resources agreed on Tuesday to sell its Chilean unit to a Canadian "
        "rival for $1.2 billion, the company said in a filing, ending a long search for a buyer."
    ]


@pytest.mark.parametrize(
    "chrome",
    [
        "Subscribe to our newsletter for the latest updates.",
        "Click here to read the full report.",
        "You must be logged in to post a comment.",
        "Your email address will not be published.",
    ],
)
def test_calls_to_action_and_reader_address_are_dropped(make_sentences, chrome):
    sentences = make_sentences(f"Acme Mining raised its output forecast on Monday.\n{chrome}\n")
    assert texts(sentences) == ["Acme Mining raised its output forecast on Monday."]


def test_quoted_command_is_kept(make_sentences):
    quote = "“Stop the mine now,” protesters chanted outside the ministry in Santiago."
    assert texts(make_sentences(quote)) == [quote]


def test_quoted_reader_address_is_kept(make_sentences):
    quote = "“You will see the first ore by June,” Acme chief executive Jo Park told reporters."
    assert texts(make_sentences(quote)) == [quote]


def test_template_line_at_the_foot_of_unrelated_articles_is_dropped(make_sentences):
    footer = "All content on this site is checked by two editors before it is published."
    sentences = make_sentences(
        f"Wheat prices rose in Chicago on Monday after dry weather hit Kansas.\n{footer}\n",
        f"Rail workers in Ohio voted to strike over pay, their union said.\n{footer}\n",
        f"The central bank held interest rates at 4% on Thursday.\n{footer}\n",
    )
    assert footer not in texts(sentences)
    assert len(sentences) == 3


def test_quotation_repeated_by_two_outlets_is_kept(make_sentences):
    quote = "“This deal will benefit both countries,” the ambassador said in a statement."
    first = (
        "Acme Mining agreed to buy a copper mine in Chile on Tuesday.\n"
        "The mine produced 90,000 tonnes last year.\n"
        f"{quote}\n"
        "Shares in Acme rose 3% in early trading.\n"
        "The deal still needs approval from regulators.\n"
        "Acme expects to close the purchase in the first quarter.\n"
    )
    second = (
        "Chile welcomed a foreign investor for its largest copper mine.\n"
        "The government said the sale would protect local jobs.\n"
        f"{quote}\n"
        "Opposition lawmakers asked for a review of the terms.\n"
        "Unions plan to meet the new owner next week.\n"
        "A vote in the senate is expected in the spring.\n"
    )
    kept = texts(make_sentences(first, second))
    assert kept.count(quote) == 2


def test_shared_lead_that_names_parties_is_kept(make_sentences):
    lead = "Acme Mining and the government of Chile signed a copper supply deal on Monday."
    sentences = make_sentences(
        f"{lead}\nThe deal runs for ten years.\n",
        f"{lead}\nUnions said they would study the terms.\n",
    )
    assert texts(sentences).count(lead) == 2


def test_repeated_sentence_within_an_article_is_kept_once(make_sentences):
    line = "Acme Mining agreed to buy a copper mine in Chile on Tuesday."
    assert texts(make_sentences(f"{line}\n\n{line}\n")) == [line]


def test_seed_chrome_and_headings_are_gone(seeds_sentences):
    junk = ("Posted by", "PREVIOUS POST", "Related Posts", "Leave a Comment", "0 comments")
    headings = ("Signing Ceremony and Statements", "Looking Ahead", "Areas of Cooperation")
    for sentence in seeds_sentences:
        assert not any(j in sentence.text for j in junk)
        assert not sentence.text.startswith(headings)
        assert not sentence.text.startswith(("•", "-", "1."))


def test_seed_bullet_sentences_are_kept(seeds_sentences):
    assert any(
        s.text.startswith("FWO and USSM signed a cooperation framework") for s in seeds_sentences
    )


def test_spans_hold_the_kept_text(seeds_sentences):
    for sentence in seeds_sentences:
        if ";" in sentence.text and ":" in sentence.text:
            continue  # a lead-in joined with its list is rewritten as one sentence
        assert " ".join(sentence.span.text.split()) == sentence.text


def test_sentence_indices_count_up_within_each_article(seeds_sentences):
    by_article: dict[int, list[int]] = {}
    for s in seeds_sentences:
        by_article.setdefault(s.article_index, []).append(s.index)
    for indices in by_article.values():
        assert indices == list(range(len(indices)))


def test_boilerplate_keys_ignore_digits_and_case():
    assert clean._key("Updated 10 Sep 2025") == clean._key("updated 9 sep  2024")


@pytest.mark.parametrize(
    "opening",
    [
        "TORONTO, March 4 (Wire) - ",  # place, day and agency
        "Example.com -- ",  # a site that reports under its own name
        "OTTAWA -- ",
    ],
)
def test_dateline_does_not_open_a_key_sentence(make_sentences, opening):
    sentences = make_sentences(
        f"{opening}Acme Mining agreed to buy a copper mine in Chile for $2 billion.\n"
    )
    assert texts(sentences) == ["Acme Mining agreed to buy a copper mine in Chile for $2 billion."]


def test_picture_caption_with_credit_is_dropped(make_sentences):
    sentences = make_sentences(
        "FILE PHOTO: A truck carries ore at the Acme mine in Chile, May 5, 2019. "
        "WIRE/Jane Roe\n\n"
        "Acme Mining agreed to buy a copper mine in Chile for $2 billion.\n"
    )
    assert texts(sentences) == ["Acme Mining agreed to buy a copper mine in Chile for $2 billion."]


def test_sentence_is_not_cut_after_a_month_abbreviation(make_sentences):
    sentences = make_sentences(
        "Acme shares closed at $2.64 on Nov. 6, the last trading day before the offer.\n"
    )
    assert texts(sentences) == [
        "Acme shares closed at $2.64 on Nov. 6, the last trading day before the offer."
    ]


@pytest.mark.parametrize(
    "opening",
    [
        "Feb 3 (Wire) - ",  # a day and an agency, no place
        "(Wire) -- ",  # an agency alone
        "London: ",  # a place and a colon
    ],
)
def test_dateline_without_a_place_or_with_a_colon_is_trimmed(make_sentences, opening):
    sentences = make_sentences(
        f"{opening}Acme Mining agreed to buy a copper mine in Chile for $2 billion.\n"
    )
    assert texts(sentences) == ["Acme Mining agreed to buy a copper mine in Chile for $2 billion."]


def test_a_speaker_before_a_colon_is_not_a_dateline(make_sentences):
    sentences = make_sentences(
        "Jane Roe: We agreed to buy a copper mine in Chile for $2 billion.\n"
    )
    assert texts(sentences) == ["Jane Roe: We agreed to buy a copper mine in Chile for $2 billion."]


def test_dateline_day_gives_the_day_and_month(nlp):
    from briefgen import nlp as nlp_module
    from briefgen.brief import Article

    def day_of(text: str):
        [parsed] = nlp_module.parse(nlp, [Article(file="t.txt", text=text, sha256="0")])
        return clean.dateline_day(parsed.doc)

    found = day_of("TORONTO, March 4 (Wire) - Acme Mining agreed to buy a copper mine.\n")
    assert found is not None and (found.month, found.day) == (3, 4)
    found = day_of("Feb 3 (Wire) - Acme Mining agreed to buy a copper mine.\n")
    assert found is not None and (found.month, found.day) == (2, 3)
    assert day_of("OTTAWA -- Acme Mining agreed to buy a copper mine.\n") is None
    assert day_of("Acme Mining agreed on March 4 to buy a copper mine.\n") is None


def test_wrapped_line_that_stops_on_a_small_word_runs_on(make_sentences):
    sentences = make_sentences(
        "Feb 3 (Wire) - Acme Mining said on\n"
        "Wednesday it will buy the Chilean copper miner Beta Resources in an\n"
        "all-cash deal valued at $4.2 billion, making it the region's second-largest\n"
        "copper producer. Acme will pay $3.75 per share, a premium to the close on Nov.\n"
        "6, the day before the talks were first reported by the press in Santiago.\n"
    )
    assert texts(sentences) == [
        "Acme Mining said on Wednesday it will buy the Chilean copper miner Beta Resources in an "
        "all-cash deal valued at $4.2 billion, making it the region's second-largest copper "
        "producer.",
        "Acme will pay $3.75 per share, a premium to the close on Nov. 6, the day before the "
        "talks were first reported by the press in Santiago.",
    ]


def test_list_items_that_state_terms_are_kept(make_sentences):
    sentences = make_sentences(
        "The agreement has three parts.\n\n"
        "  • $200 million of preferred stock taken up by the ministry at $50 a share, with a "
        "6% annual dividend.\n"
        "  • A seven-year warrant on up to two million shares at $12.50, together representing "
        "8% of the company.\n"
    )
    assert texts(sentences) == [
        "The agreement has three parts.",
        "$200 million of preferred stock taken up by the ministry at $50 a share, with a 6% "
        "annual dividend.",
        "A seven-year warrant on up to two million shares at $12.50, together representing 8% of "
        "the company.",
    ]


def test_statement_whose_verb_the_tagger_missed_is_kept_but_not_a_promotion(make_sentences):
    sentences = make_sentences(
        "A further $40 million grant from the ministry expected within 60 days of closing, at "
        "an interest rate of 4% over ten years.\n\n"
        "Combine market data and expert analysis to reach senior buyers across 40 specialist "
        "trade titles.\n"
    )
    assert texts(sentences) == [
        "A further $40 million grant from the ministry expected within 60 days of closing, at "
        "an interest rate of 4% over ten years."
    ]


def test_link_labels_are_cut_from_the_sentence(make_sentences):
    sentences = make_sentences(
        "Acme Mining (ACME.N), opens new tab on Wednesday agreed to buy Beta Resources "
        "(BETA.L), opens in a new window for $2 billion.\n"
    )
    assert texts(sentences) == [
        "Acme Mining (ACME.N) on Wednesday agreed to buy Beta Resources (BETA.L) for $2 billion."
    ]


@pytest.mark.parametrize(
    "caption",
    [
        "Jane Roe, chief executive of Acme (left), shakes hands with Minister John Poe.",
        "Acme signs copper deal with Beta Photo credit: Wire/Example",
        "More than half of the world's copper comes from Chile. Image Credit: WIRE",
        "The Acme smelter on the coast near Antofagasta, Chile. (Image courtesy of Acme.)",
        # an old picture: the present tense and a day two or more years before the story's year
        "Workers walk past the Acme smelter near Antofagasta, Chile, on May 5, 2019.",
    ],
)
def test_picture_captions_are_dropped(make_sentences, caption):
    sentences = make_sentences(
        f"{caption}\n\nAcme Mining agreed in 2025 to buy a copper mine in Chile for $2 billion.\n"
    )
    assert texts(sentences) == [
        "Acme Mining agreed in 2025 to buy a copper mine in Chile for $2 billion."
    ]


def test_a_present_tense_sentence_with_a_coming_date_is_not_a_picture(make_sentences):
    article = (
        "Acme Mining agreed in 2025 to buy a copper mine in Chile for $2 billion.\n\n"
        "The new export rules take effect on January 1, 2026.\n\n"
        "The transaction is expected to close by mid-2026, the company said.\n"
    )
    assert texts(make_sentences(article)) == [
        "Acme Mining agreed in 2025 to buy a copper mine in Chile for $2 billion.",
        "The new export rules take effect on January 1, 2026.",
        "The transaction is expected to close by mid-2026, the company said.",
    ]


def test_list_of_other_stories_headlines_is_dropped_but_not_list_items_of_terms(make_sentences):
    sentences = make_sentences(
        "Acme Mining agreed to buy a copper mine in Chile for $2 billion.\n\n"
        "  • The buyer pays $1.5 billion in cash at closing and the rest in shares\n"
        "  • Finance minister resigns over port deal after weeks of protests\n"
        "  • Floods close rail links to northern copper mines\n"
    )
    assert texts(sentences) == [
        "Acme Mining agreed to buy a copper mine in Chile for $2 billion.",
        "The buyer pays $1.5 billion in cash at closing and the rest in shares",
    ]


def test_the_note_on_the_author_at_the_foot_is_dropped(make_sentences):
    sentences = make_sentences(
        "Acme Mining agreed to buy a copper mine in Chile for $2 billion.\n\n"
        "Jane Roe said the deal would double the company's output by 2030.\n\n"
        "Jane Roe is a freelance journalist and media analyst who has covered mining for "
        "many years.\n"
    )
    assert texts(sentences) == [
        "Acme Mining agreed to buy a copper mine in Chile for $2 billion.",
        "Jane Roe said the deal would double the company's output by 2030.",
    ]


def test_wrapped_text_keeps_a_heading_line_apart(make_sentences):
    sentences = make_sentences(
        "Copper miner Andes Resources agreed on Tuesday to sell its Chilean unit to a\n"
        "Canadian rival for $1.2 billion, the company said in a filing, ending a long\n"
        "search for a buyer.\n"
        "What the sale means\n"
        "The buyer will take over two mines and a smelter near the coast of Chile.\n"
    )
    assert texts(sentences)[-1] == (
        "The buyer will take over two mines and a smelter near the coast of Chile."
    )


def test_headline_readers_cut_a_dateline_an_attribution_and_trailing_clauses():
    assert clean.is_byline("Written by Jane Roe")
    assert not clean.is_byline("Bylaws change for miners")
    assert clean.without_dateline("LIMA (Wire) - Acme signed a deal.") == "Acme signed a deal."
    assert clean.without_attribution("According to two officials, Acme signed.") == "Acme signed."
    text = "Acme and Orebank signed a copper supply deal, which runs to 2030."
    end = clean.main_clause_end(text, min_words=6)
    assert text[:end] == "Acme and Orebank signed a copper supply deal"
    assert clean.main_clause_end("Acme, a miner, signed.", min_words=6) is None
