"""The name annotator (briefgen/annotate/names.py) and the one reader of signings."""

from __future__ import annotations

from spacy.tokens import DocBin

from briefgen.analyse.parties import find_parties
from briefgen.analyse.signing import read_signings
from briefgen.annotate.names import (
    acronym_definitions,
    in_a_sentence,
    name_key,
    titled_names,
    token_bounds,
    transliteration_key,
    without_company_form,
)


def test_an_acronym_definition_is_annotated_with_its_long_form(nlp) -> None:
    doc = nlp("The deal was signed with Harbour Cobalt Refining (HCR) in March.")
    [definition] = acronym_definitions(doc)
    assert (definition.long_text, definition.short_text) == ("Harbour Cobalt Refining", "HCR")
    assert definition.label == "ORG" and not definition.common


def test_a_lower_case_long_form_is_a_common_noun_not_a_name(nlp) -> None:
    doc = nlp("They agreed a memorandum of understanding (MoU) last week.")
    [definition] = acronym_definitions(doc)
    assert definition.short_text == "MoU" and definition.common


def test_a_name_after_a_title_is_annotated(nlp) -> None:
    doc = nlp("The deal was welcomed by Field Marshal Tomas Brennick on Monday.")
    [titled] = titled_names(doc)
    assert doc[titled.start : titled.end].text == "Tomas Brennick"
    assert doc[titled.title_start].text == "Marshal"


def test_name_annotations_survive_the_doc_cache(nlp) -> None:
    doc = nlp("Officials from Harbour Cobalt Refining (HCR) attended.")
    restored = next(DocBin(docs=[doc], store_user_data=True).get_docs(nlp.vocab))
    assert acronym_definitions(restored) == acronym_definitions(doc)


def test_name_key_folds_spelling_country_forms_and_articles() -> None:
    assert name_key("the U.S. Organisation") == name_key("United States Organization")


def test_company_forms_come_off_the_end_of_a_name_only() -> None:
    assert without_company_form(["lunga", "copper", "plc"]) == ["lunga", "copper"]
    assert without_company_form(["group"]) == ["group"]


def test_signatories_and_facilitators_come_from_one_reading(make_sentences, nlp) -> None:
    sentences = make_sentences(
        "Harbour Cobalt Refining signed an agreement with Velden Metals on Monday.\n\n"
        "The agreement, signed in the capital and facilitated by Ostra Holdings, covers cobalt.\n"
    )
    signings = read_signings(sentences, nlp)
    signers = {
        e.text for g in signings for e in g.sentence.ents if g.signed(e.start_char, e.end_char)
    }
    helpers = {
        e.text for g in signings for e in g.sentence.ents if g.facilitated(e.start_char, e.end_char)
    }
    assert signers == {"Harbour Cobalt Refining", "Velden Metals"}
    assert helpers == {"Ostra Holdings"}
    parties = {p.name: p for p in find_parties(sentences, nlp, signings)}
    assert parties["Velden Metals"].role == "signatory"
    assert parties["Ostra Holdings"].role is None


def test_the_principals_are_the_organisations_that_sign(make_sentences, nlp) -> None:
    sentences = make_sentences(
        "Harbour Cobalt Refining signed an agreement with Velden Metals in Lusaka.\n",
        "Velden Metals and Harbour Cobalt Refining signed the deal, Zambia said.\n",
    )
    principals = {p.name for p in find_parties(sentences, nlp) if p.principal}
    assert principals == {"Harbour Cobalt Refining", "Velden Metals"}


def _not_parties(doc) -> list[tuple[str, str]]:
    from briefgen.annotate.names import not_party_spans

    return [(doc[a:b].text, label) for a, b, label in not_party_spans(doc)]


def test_a_listing_in_brackets_an_exchange_and_a_time_zone_are_not_parties(nlp) -> None:
    doc = nlp(
        "Harbour Cobalt Refining (NYSE: HCR) said the offer closes at 5pm BST. "
        "Its shares also trade on the ASX."
    )
    found = _not_parties(doc)
    assert ("(NYSE: HCR)", "TICKER") in found
    assert ("BST", "TIME_ZONE") in found
    assert ("ASX", "EXCHANGE") in found


def test_a_chemical_formula_is_not_a_party_but_an_acronym_is(nlp) -> None:
    doc = nlp("The plant will make NdFeB magnets from NdPr oxide for the NLC unit.")
    found = _not_parties(doc)
    assert ("NdFeB", "FORMULA") in found and ("NdPr", "FORMULA") in found
    assert not any(text == "NLC" for text, _ in found)


def test_a_name_before_a_works_noun_names_a_site(nlp) -> None:
    doc = nlp("Output at the Kerrow Ridge copper mine rose, and the Tallis Creek Project stalled.")
    found = _not_parties(doc)
    assert ("Kerrow Ridge", "FACILITY") in found
    assert ("Tallis Creek Project", "FACILITY") in found


def test_an_organisation_s_dropped_first_word_is_restored(nlp) -> None:
    from spacy.tokens import Doc

    from briefgen.annotate.names import _restored_entities

    # the model's reading, as it reads a ticker-like first word: "Materials Corp." alone
    words = ["KT", "Materials", "Corp.", "signed", "with", "Chief", "Pallas", "Metals", "Ltd"]
    tags = ["NNP", "NNPS", "NNP", "VBD", "IN", "NNP", "NNP", "NNPS", "NNP"]
    ents = ["O", "B-ORG", "I-ORG", "O", "O", "O", "B-ORG", "I-ORG", "I-ORG"]
    doc = Doc(nlp.vocab, words=words, tags=tags, ents=ents)
    # a title before an organisation is not part of its name
    assert [e.text for e in _restored_entities(doc)] == ["KT Materials Corp.", "Pallas Metals Ltd"]


def test_capitals_in_brackets_after_an_organisation_are_another_name_for_it(nlp) -> None:
    doc = nlp("Financing came from Norrland Bank (NBK) and two other lenders.")
    [definition] = acronym_definitions(doc)
    assert (definition.long_text, definition.short_text) == ("Norrland Bank", "NBK")


def test_accents_and_inner_apostrophes_do_not_change_the_spelling_key() -> None:
    assert name_key("Tomás Ortega") == name_key("Tomas Ortega")
    assert name_key("Al-Ma’adin Holdings") == name_key("Al-Maadin Holdings")


def test_an_acronym_after_a_quantity_is_a_unit_but_not_after_a_year(nlp) -> None:
    doc = nlp("The mines produce 25,000 mt/y LCE. In 2023 NLC raised its offer.")
    found = _not_parties(doc)
    assert ("LCE", "UNIT") in found
    assert not any(text == "NLC" for text, _ in found)


def test_an_organisation_cut_in_two_is_joined(nlp) -> None:
    from spacy.tokens import Doc

    from briefgen.annotate.names import _restored_entities

    words = ["Its", "unit", ",", "Tamsin", "Gold", "LB", "Subsidiary", ",", "will", "pay"]
    tags = ["PRP$", "NN", ",", "NNP", "NNP", "NNP", "NNP", ",", "MD", "VB"]
    ents = ["O", "O", "O", "B-ORG", "O", "B-ORG", "I-ORG", "O", "O", "O"]
    doc = Doc(nlp.vocab, words=words, tags=tags, ents=ents)
    assert [e.text for e in _restored_entities(doc)] == ["Tamsin Gold LB Subsidiary"]


def test_sites_joined_before_a_works_noun_are_each_a_site(nlp) -> None:
    doc = nlp("The Tarrow and Kelby brine operations produce lithium carbonate.")
    found = _not_parties(doc)
    assert ("Tarrow", "FACILITY") in found and ("Kelby", "FACILITY") in found


def test_names_of_laws_and_of_places_are_read_by_their_words() -> None:
    from briefgen.annotate.names import document_by_words, place_by_words

    assert document_by_words("Critical Metals Security Act")
    assert not document_by_words("Kestrel Bay Resources")
    assert place_by_words("Salar de Maricunga") and place_by_words("Copperbelt Province")
    assert not place_by_words("Kestrel Bay Resources")


def test_a_name_after_a_noun_describing_an_organisation_is_annotated(nlp) -> None:
    from briefgen.annotate.names import described_names

    doc = nlp("The deal brings in the hedge fund Harbour No. 2 with a 3% holding.")
    assert [doc[a:b].text for a, b in described_names(doc)] == ["Harbour No. 2"]
    doc = nlp("The company said on Monday it would sell the mine.")
    assert described_names(doc) == []


def test_a_name_known_as_another_is_annotated_as_its_alias(nlp) -> None:
    doc = nlp("Kivu Basin Mining, known as Kibamin, will buy a stake.")
    [definition] = acronym_definitions(doc)
    assert (definition.long_text, definition.short_text) == ("Kivu Basin Mining", "Kibamin")


def test_a_company_s_short_name_in_brackets_is_its_alias_but_a_city_is_not(nlp) -> None:
    doc = nlp("Kivu Basin Mining Co (Ki’bami) and Ashbury Capital (London) agreed the deal.")
    pairs = [(d.long_text, d.short_text) for d in acronym_definitions(doc)]
    assert ("Kivu Basin Mining Co", "Ki’bami") in pairs
    assert not any(short == "London" for _, short in pairs)


def test_names_used_as_places_are_annotated(nlp) -> None:
    from briefgen.annotate.names import place_positions

    doc = nlp(
        "Officials in Lusaka welcomed a bid from Kestrel Bay for a stake in Lunga Copper, "
        "and near Chingola's mines, output rose."
    )
    placed = {doc[i].text: kind for i, kind in place_positions(doc).items()}
    assert placed.get("Lusaka") == "PLACE"
    assert placed.get("Kestrel") == "PLACE_LOOSE"  # "from" also takes organisations
    assert "Lunga" not in placed  # "a stake in X" names a company
    assert "Chingola" not in placed  # "near X's mines": X owns something here


def test_sites_listed_after_a_plural_works_noun_are_sites(nlp) -> None:
    doc = nlp("Kestrel has two copper projects, Tarrow in Zambia and Kelby in Chile, but no mine.")
    found = _not_parties(doc)
    assert ("Tarrow", "FACILITY") in found and ("Kelby", "FACILITY") in found
    assert not any(text in ("Zambia", "Chile") for text, _ in found)


def test_a_site_s_name_keeps_its_small_words(nlp) -> None:
    doc = nlp("The Sal de Tierra brine operation is under construction.")
    assert ("Sal de Tierra", "FACILITY") in _not_parties(doc)


def test_an_acronym_may_leave_out_the_country_and_company_form_ending_a_name(nlp) -> None:
    doc = nlp("Compañía Minera y Química de Bolivia SA (CMQ) signed the deal.")
    pairs = [(d.long_text, d.short_text) for d in acronym_definitions(doc)]
    assert ("Compañía Minera y Química de Bolivia SA", "CMQ") in pairs


def test_a_country_that_takes_the_article_is_written_with_it() -> None:
    assert in_a_sentence("United States") == "the United States"
    assert in_a_sentence("Chile") == "Chile"


def test_a_transliteration_key_ignores_accents_possessives_and_doubled_letters() -> None:
    assert transliteration_key("Volodymyr Zelenskyy") == transliteration_key("Volodymyr Zelensky")
    assert transliteration_key("José Pérez’s") == transliteration_key("Jose Perez")
    assert transliteration_key("Ana Ruiz") != transliteration_key("Ana Ruis")


def test_sound_key_hears_a_slip_but_not_another_name() -> None:
    from briefgen.annotate.names import sound_key

    assert sound_key("Smith") == sound_key("Smyth") == "S530"
    assert sound_key("Okonkwo") == sound_key("Okonkvo")
    assert sound_key("Smith") != sound_key("Smart")
    assert sound_key("Johnson") != sound_key("Jackson")


def test_a_name_after_a_firm_s_staff_is_described_as_an_organisation(nlp) -> None:
    from briefgen.annotate.names import described_names

    doc = nlp("Analysts at Fenwick Partners said prices would rise, traders at the port added.")
    start = next(t.i for t in doc if t.text == "Fenwick")
    assert described_names(doc) == [(start, start + 2)]


def test_names_after_a_settlement_noun_are_places(nlp) -> None:
    from briefgen.annotate.names import place_positions

    doc = nlp(
        "Rebels seized the towns of Kamanyola and Luvungi, and the head of Okafor Mining fled."
    )
    placed = {doc[i].text: kind for i, kind in place_positions(doc).items()}
    assert placed == {"Kamanyola": "SETTLEMENT", "Luvungi": "SETTLEMENT"}


def test_a_singular_name_of_several_words_that_is_no_demonym_names_one_body() -> None:
    from briefgen.annotate.names import one_body_by_words

    assert one_body_by_words("Sino Canadian")
    assert not one_body_by_words("Latin Americans")  # a plural: people
    assert not one_body_by_words("South Korean")  # a demonym
    assert not one_body_by_words("Canadian")


def test_a_payment_term_after_a_percentage_and_a_benchmark_rate_are_not_parties(nlp) -> None:
    doc = nlp(
        "The notes pay interest at 6% APR. The loan is priced at the five-year Bund "
        "+ 2%, and Harbour Cobalt bought a 10% KBM stake."
    )
    found = _not_parties(doc)
    assert ("APR", "UNIT") in found
    assert ("Bund", "RATE") in found
    assert not any(text == "KBM" for text, _ in found)  # an owner, not a term


def test_a_loan_is_a_document_not_a_party() -> None:
    from briefgen.annotate.names import document_by_words

    assert document_by_words("Harbour Smelter Loan")
    assert not document_by_words("Harbour Loan Company")


def test_a_compound_word_may_give_two_letters_of_a_lower_case_long_form(nlp) -> None:
    from briefgen.annotate.names import acronym_definitions, aligns_in_compounds

    assert aligns_in_compounds("WWT", ["wastewater", "treatment"])
    assert not aligns_in_compounds("REE", ["rare", "earths"])  # "rare" is no compound
    doc = nlp("Plants must cut wastewater treatment (WWT) costs by 2030.")
    [definition] = acronym_definitions(doc)
    assert (definition.short_text, definition.long_text, definition.common) == (
        "WWT",
        "wastewater treatment",
        True,
    )


def test_a_unit_an_owner_names_before_a_business_noun_is_not_a_party(nlp) -> None:
    doc = nlp(
        "Kestrel said its Battery Metals business would grow, and the Orebank Metals "
        "project would start."
    )
    found = _not_parties(doc)
    assert ("Battery Metals", "FACILITY") in found
    assert not any(text == "Orebank Metals" for text, _ in found)  # the owner of a project


def test_a_name_opening_with_an_article_of_another_language_is_a_title() -> None:
    from briefgen.annotate.names import title_by_words

    assert title_by_words("Le Matin")
    assert title_by_words("El Informador")
    assert not title_by_words("Bruno Le Maire")
    assert not title_by_words("Le")


def test_token_bounds_are_the_tokens_of_exactly_those_characters(nlp) -> None:
    doc = nlp("Harbour Cobalt Refining (HCR) signed a supply deal worth $1.2 billion on Monday.")
    text = doc.text
    for phrase in ("Harbour Cobalt Refining", "HCR", "$1.2 billion", "Monday", "."):
        start = text.rindex(phrase)
        span = doc.char_span(start, start + len(phrase))
        assert token_bounds(doc, start, start + len(phrase)) == (span.start, span.end)
    start = text.index("Cobalt")
    assert token_bounds(doc, start + 1, start + len("Cobalt")) is None  # inside a token
    assert token_bounds(doc, start, start + 3) is None
    assert token_bounds(doc, len(text) - 1, len(text) + 5) is None  # past the end
