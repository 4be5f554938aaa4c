"""Open questions: each kind raised by the evidence that supports it, and only then.

Small hand-written article sets trigger one kind each; a twin set that settles the point
triggers none of that kind. Parties and values are written by hand beside the parsed sentences so
each test depends only on the question rules.
"""

from __future__ import annotations

import re

import pytest

from briefgen.analyse.questions import find_open_questions
from briefgen.brief import Brief, ContextItem, KeyPoint, OpenQuestion, Party, Source, Value
from briefgen.corpus import Sentence, sorted_sources

MOU = (
    "Norland Lithium and Chile's state-owned Andes Mining Corporation (AMC) signed a memorandum"
    " of understanding on Tuesday to develop lithium deposits in the north of the country.\n\n"
    "The memorandum covers exploration and the construction of a lithium carbonate plant in"
    " Chile.\n\nThe first phase of the project is valued at $120 million.\n",
    "Andes Mining Corporation (AMC) and Norland Lithium have signed an MoU on lithium, the"
    " companies said on Tuesday.\n\nThe agreement was signed in the capital in the presence of"
    " Chile's mining minister.\n\nThe partners will begin drilling at two salt flats next year.\n",
    "Swedish battery group Norland Lithium struck a deal with Andes Mining Corporation (AMC) on"
    " Tuesday.\n\nUnder the memorandum, Norland Lithium will build a lithium carbonate plant in"
    " Chile.\n\nLast year, Chile's government launched a national lithium strategy that reserves"
    " strategic salt flats for state companies.\n",
)


def party(name: str, kind: str, aliases: list[str], sources: list[str], role=None) -> Party:
    return Party(name, kind, aliases, role, len(sources), sources)


MOU_PARTIES = [
    party("Norland Lithium", "ORG", ["Norland Lithium"], ["S1", "S2", "S3"], "signatory"),
    party("Andes Mining Corporation", "ORG", ["AMC"], ["S1", "S2", "S3"], "signatory"),
    party("Chile", "GPE", ["Chile"], ["S1", "S2", "S3"]),
]
PHASE_VALUE = Value("$120 million", 120e6, "USD", "first phase of the project", ["S1"])


def brief_for(
    sentences: list[Sentence],
    parties: list[Party],
    values: list[Value] = (),  # type: ignore[assignment]
    context: list[str] = (),  # type: ignore[assignment]
) -> Brief:
    ids = sorted_sources(s.source_id for s in sentences)
    return Brief(
        title="test",
        generated="2025-01-01",
        sources=[Source(i, f"{i}.txt", None, None, None, 100, i) for i in ids],
        summary=[KeyPoint(sentences[0].text, [sentences[0].source_id])],
        parties=parties,
        values=list(values),
        context=[ContextItem(t, []) for t in context],
    )


def ask(sentences: list[Sentence], parties: list[Party], **kw) -> list[OpenQuestion]:
    return find_open_questions(brief_for(sentences, parties, **kw), sentences)


def of_kind(questions: list[OpenQuestion], kind: str) -> list[OpenQuestion]:
    return [q for q in questions if q.kind == kind]


def about(questions: list[OpenQuestion], pattern: str) -> list[OpenQuestion]:
    return [q for q in questions if re.search(pattern, q.text, re.IGNORECASE)]


@pytest.fixture
def mou(make_sentences):
    return make_sentences(*MOU)


# --- thin sourcing ----------------------------------------------------------------------------


def test_figure_reported_by_a_minority_of_sources_is_thin(mou):
    questions = ask(mou, MOU_PARTIES, values=[PHASE_VALUE])
    thin = of_kind(questions, "thin-sourcing")
    assert len(thin) == 1
    assert "$120 million" in thin[0].text and "1 of 3" in thin[0].text
    assert "S1" in thin[0].basis


def test_a_thin_figure_tied_to_two_phrases_is_asked_about_the_first(mou):
    value = Value("$120 million", 120e6, "USD", "first phase; initial stage", ["S1"])
    [thin] = of_kind(ask(mou, MOU_PARTIES, values=[value]), "thin-sourcing")
    assert thin.text.startswith("Can the $120 million figure for the first phase be confirmed?")


def test_figure_reported_by_most_sources_is_not_thin(make_sentences):
    texts = [t.replace("on Tuesday", "on Tuesday in a $120 million deal", 1) for t in MOU]
    sentences = make_sentences(*texts)
    value = Value("$120 million", 120e6, "USD", "deal", ["S1", "S2", "S3"])
    assert of_kind(ask(sentences, MOU_PARTIES, values=[value]), "thin-sourcing") == []


def test_one_figure_tied_to_the_deal_and_to_a_phase_asks_which(make_sentences):
    sentences = make_sentences(
        MOU[0].replace("signed a memorandum", "signed a $120 million memorandum"), *MOU[1:]
    )
    value = Value("$120 million", 120e6, "USD", "memorandum; first phase", ["S1"])
    questions = of_kind(ask(sentences, MOU_PARTIES, values=[value]), "thin-sourcing")
    assert len(questions) == 1
    assert "first phase" in questions[0].text and "MoU" in questions[0].text


# --- conflicts ----------------------------------------------------------------------------------


def test_different_amounts_for_the_deal_are_a_conflict(make_sentences):
    sentences = make_sentences(
        "Norland Lithium and Andes Mining Corporation signed a $300 million agreement on lithium"
        " on Tuesday.\n",
        "Norland Lithium and Andes Mining Corporation signed a $380 million agreement to mine"
        " lithium, officials said.\n",
    )
    values = [
        Value("$300 million", 300e6, "USD", "agreement", ["S1"]),
        Value("$380 million", 380e6, "USD", "agreement", ["S2"]),
    ]
    conflicts = of_kind(ask(sentences, MOU_PARTIES, values=values), "conflict")
    assert any("$300 million" in q.text and "$380 million" in q.text for q in conflicts)


def test_a_measure_given_a_thousand_times_apart_is_a_conflict_named_by_its_noun(make_sentences):
    # A slip of "million" for "billion" in one source is what an analyst must check.
    sentences = make_sentences(
        "Norland Lithium agreed to sell a stake in its zinc unit at an enterprise value"
        " of $12 billion.\n",
        "Norland Lithium will sell the stake, with the enterprise value for the zinc unit"
        " estimated at $12 million.\n",
    )
    conflicts = about(of_kind(ask(sentences, MOU_PARTIES), "conflict"), "enterprise value")
    assert [q.text for q in conflicts] == [
        "What is the enterprise value? S1 values it at $12 billion; S2 at $12 million."
        " Which is right?"
    ]


def test_a_change_from_one_amount_to_another_is_not_a_conflict(make_sentences):
    sentences = make_sentences(
        "Norland Lithium and Andes Mining Corporation signed an agreement on Tuesday that raised"
        " the budget of the plant from $300 million to $380 million.\n",
        "Norland Lithium and Andes Mining Corporation signed an agreement on lithium.\n",
    )
    values = [
        Value("$300 million", 300e6, "USD", "budget", ["S1"]),
        Value("$380 million", 380e6, "USD", "budget", ["S1"]),
    ]
    assert of_kind(ask(sentences, MOU_PARTIES, values=values), "conflict") == []


def test_signatory_in_one_source_and_facilitator_in_another_is_a_conflict(make_sentences):
    sentences = make_sentences(
        "The agreement was signed on Tuesday between Norland Lithium and Andes Mining"
        " Corporation (AMC).\n",
        "Chile has signed an agreement with Norland Lithium.\n\nThe agreement, signed in the"
        " capital and facilitated by Andes Mining Corporation (AMC), covers lithium.\n",
    )
    conflicts = of_kind(ask(sentences, MOU_PARTIES), "conflict")
    assert len(conflicts) == 1
    assert "Andes Mining Corporation" in conflicts[0].text and "facilitat" in conflicts[0].text
    assert "S1" in conflicts[0].text and "S2" in conflicts[0].text


def test_sources_agreeing_on_the_signatories_raise_no_conflict(mou):
    assert of_kind(ask(mou, MOU_PARTIES, values=[PHASE_VALUE]), "conflict") == []


def test_different_signing_days_are_a_conflict(make_sentences):
    sentences = make_sentences(
        "Norland Lithium and Andes Mining Corporation signed the agreement on Tuesday.\n",
        "Norland Lithium and Andes Mining Corporation signed the agreement on Wednesday.\n",
    )
    conflicts = about(of_kind(ask(sentences, MOU_PARTIES), "conflict"), "day")
    assert len(conflicts) == 1
    assert "Tuesday" in conflicts[0].text and "Wednesday" in conflicts[0].text


def test_a_name_spelled_two_ways_is_a_conflict(make_sentences):
    sentences = make_sentences(
        "Norland Lithium chief executive Jonathan Pereira signed the agreement with Andes Mining"
        " Corporation.\n",
        "The agreement with Andes Mining Corporation was signed by Norland Lithium chief"
        " executive Jonathan Pereyra.\n",
    )
    names = about(of_kind(ask(sentences, MOU_PARTIES), "conflict"), "spelling")
    assert len(names) == 1
    assert "Pereira" in names[0].text and "Pereyra" in names[0].text


def test_regional_spelling_of_an_organisation_is_not_asked_about(make_sentences):
    sentences = make_sentences(
        "Norland Lithium signed an agreement with the Andes Mining Organisation on Tuesday.\n",
        "Norland Lithium signed an agreement with the Andes Mining Organization on Tuesday.\n",
    )
    parties = [
        MOU_PARTIES[0],
        party(
            "Andes Mining Organisation",
            "ORG",
            ["Andes Mining Organisation", "Andes Mining Organization"],
            ["S1", "S2"],
        ),
    ]
    assert about(ask(sentences, parties), r"spell") == []


# --- gaps -------------------------------------------------------------------------------------


def test_unstated_financing_is_asked_naming_the_figure_and_parties(mou):
    financing = about(ask(mou, MOU_PARTIES, values=[PHASE_VALUE]), r"financ|pays")
    assert len(financing) == 1
    assert financing[0].kind == "gap"
    assert "$120 million" in financing[0].text and "Norland Lithium" in financing[0].text


def test_stated_financing_is_not_asked(make_sentences):
    sentences = make_sentences(
        MOU[0] + "\nThe first phase will be financed with a $90 million loan from the"
        " Inter-American Development Bank.\n",
        *MOU[1:],
    )
    questions = ask(sentences, MOU_PARTIES, values=[PHASE_VALUE])
    assert about(of_kind(questions, "gap"), r"financ|pays") == []


def test_binding_status_of_an_mou_is_asked_when_unstated(mou):
    binding = about(ask(mou, MOU_PARTIES), "binding")
    assert len(binding) == 1 and "MoU" in binding[0].text


def test_binding_status_is_not_asked_when_stated(make_sentences):
    sentences = make_sentences(
        MOU[0].replace("signed a memorandum", "signed a non-binding memorandum"), *MOU[1:]
    )
    assert about(ask(sentences, MOU_PARTIES), "binding") == []


def test_binding_status_is_not_asked_for_a_contract(make_sentences):
    sentences = make_sentences(
        "Norland Lithium and Andes Mining Corporation signed a supply contract on Tuesday.\n",
        "The contract between Norland Lithium and Andes Mining Corporation covers lithium.\n",
    )
    assert about(ask(sentences, MOU_PARTIES), "binding") == []


def test_facility_placed_only_in_the_country_asks_where(mou):
    where = about(ask(mou, MOU_PARTIES), r"^Where")
    assert len(where) == 1
    assert "lithium carbonate plant" in where[0].text and "Chile" in where[0].text


def test_a_country_s_short_form_is_the_country_and_takes_its_article(make_sentences):
    # "U.S." and "United States" have one spelling key, so the plant is placed only in the
    # country, and the question writes the country's name as a sentence does.
    texts = [t.replace("Chile", "the United States") for t in MOU[:2]] + [
        MOU[2].replace("plant in Chile", "U.S. plant").replace("Chile", "the United States")
    ]
    parties = [*MOU_PARTIES[:2], party("United States", "GPE", ["U.S."], ["S1", "S2", "S3"])]
    [where] = about(ask(make_sentences(*texts), parties), r"^Where")
    assert where.text.startswith("Where in the United States would the lithium carbonate plant")
    assert "Sources say only “in the United States”" in where.text


def test_facility_with_a_named_site_is_not_asked_where(make_sentences):
    texts = [t.replace("plant in Chile", "plant in the Antofagasta region") for t in MOU]
    assert about(ask(make_sentences(*texts), MOU_PARTIES), r"^Where") == []


def test_timeline_is_asked_when_no_source_dates_the_next_steps(make_sentences):
    sentences = make_sentences(MOU[0], MOU[1].replace(" next year", ""), MOU[2])
    assert len(about(ask(sentences, MOU_PARTIES), "timetable")) == 1


def test_timeline_is_not_asked_when_a_source_dates_the_next_step(mou):
    assert about(ask(mou, MOU_PARTIES), "timetable") == []


def test_approvals_are_not_asked_when_a_source_mentions_them(make_sentences):
    sentences = make_sentences(
        *MOU,
        "The agreement between Norland Lithium and AMC still requires approval from Chile's"
        " environmental regulator.\n",
    )
    assert about(ask(sentences, MOU_PARTIES), "approval") == []


def test_an_event_that_is_not_a_deal_gets_no_deal_gaps(make_sentences):
    sentences = make_sentences(
        "A landslide at the Rio Verde copper mine killed four workers on Monday, the operator"
        " Andes Mining Corporation said.\n\nRescue teams will search the site until Friday.\n",
        "Four miners died when a slope collapsed at the Rio Verde mine in northern Chile.\n",
    )
    assert of_kind(ask(sentences, MOU_PARTIES), "gap") == []


# --- follow-through ---------------------------------------------------------------------------


def test_a_stated_plan_becomes_a_when_question(mou):
    follow = of_kind(ask(mou, MOU_PARTIES), "follow-through")
    assert any(
        q.text.startswith("When will") and "lithium carbonate plant" in q.text for q in follow
    )
    assert all(re.search(r"\bS\d\b", q.basis) for q in follow)


def test_an_ongoing_choice_becomes_a_which_question(make_sentences):
    sentences = make_sentences(
        *MOU[:2],
        "Norland Lithium and AMC signed the memorandum on Tuesday. The partners are"
        " currently choosing a contractor to build the plant.\n",
    )
    follow = of_kind(ask(sentences, MOU_PARTIES), "follow-through")
    assert any(q.text.startswith("Which contractor will be chosen") for q in follow)


def test_forecasts_of_benefit_are_not_follow_through(make_sentences):
    sentences = make_sentences(
        "Norland Lithium and Andes Mining Corporation signed an agreement on Tuesday.\n\n"
        "The agreement will benefit both countries.\n",
        "Officials said the deal will strengthen ties between the two nations.\n",
    )
    assert of_kind(ask(sentences, MOU_PARTIES), "follow-through") == []


# --- shape --------------------------------------------------------------------------------------


def test_questions_are_ordered_capped_and_deterministic(mou):
    first = ask(mou, MOU_PARTIES, values=[PHASE_VALUE])
    assert 3 <= len(first) <= 8
    assert first == ask(mou, MOU_PARTIES, values=[PHASE_VALUE])
    assert len({q.text for q in first}) == len(first)


def test_no_sentences_no_questions():
    assert find_open_questions(Brief(title="t", generated="2025-01-01"), []) == []


# --- the seeds ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seeds_questions(nlp, seeds_corpus, seeds_sentences) -> list[OpenQuestion]:
    """The questions on the seeds, with every earlier stage real."""
    from briefgen.analyse import context, grouping, parties, summarize, values

    groups = grouping.group_sentences(seeds_sentences)
    summary = summarize.key_points(groups, n=6, max_words=180, algorithm="lexrank")
    brief = Brief(
        title="seeds",
        generated="2025-01-01",
        sources=[
            Source(p.source_id, p.article.file, None, None, None, 100, p.article.sha256)
            for p in seeds_corpus
        ],
        summary=summary,
        parties=parties.find_parties(seeds_sentences, nlp),
        values=values.find_values(seeds_sentences, nlp),
        context=context.find_context(groups, summary),
    )
    return find_open_questions(brief, seeds_sentences)


def test_seeds_ask_between_three_and_eight_questions_with_sourced_bases(seeds_questions):
    assert 3 <= len(seeds_questions) <= 8
    assert all(re.search(r"\bS[1-5]\b", q.basis) for q in seeds_questions)


def test_seeds_ask_every_kind_the_sources_support(seeds_questions):
    kinds = {q.kind for q in seeds_questions}
    assert kinds == {"conflict", "thin-sourcing", "gap", "follow-through"}


def test_seeds_conflict_is_whether_the_frontier_works_organisation_signed(seeds_questions):
    conflicts = of_kind(seeds_questions, "conflict")
    assert any("FWO" in q.text and "facilitat" in q.text for q in conflicts)


def test_seeds_thin_sourcing_is_the_500_million_figure(seeds_questions):
    thin = of_kind(seeds_questions, "thin-sourcing")
    assert any("$500 million" in q.text and "2 of 5" in q.text for q in thin)
    assert any("phase" in q.text for q in thin)


def test_seeds_gaps_are_binding_status_and_financing(seeds_questions):
    gaps = of_kind(seeds_questions, "gap")
    assert about(gaps, "binding")
    assert about(gaps, r"financ") and about(gaps, r"\$500 million")


def test_seeds_follow_through_on_exports_or_teams(seeds_questions):
    follow = of_kind(seeds_questions, "follow-through")
    assert about(follow, r"exports|teams")


def test_seeds_ask_nothing_the_sources_settle(seeds_questions):
    # Every source names the place of signing; the spelling variants are one organisation.
    assert about(seeds_questions, r"where .*signed|which day|spelling") == []


def test_different_people_reported_signing_is_a_conflict(make_sentences):
    sentences = make_sentences(
        "The agreement between Norland Lithium and Andes Mining Corporation was signed by"
        " Jonathan Pereira on Tuesday.\n",
        "The agreement between Norland Lithium and Andes Mining Corporation was signed by"
        " Erik Holmberg, the company said.\n",
    )
    signers = about(of_kind(ask(sentences, MOU_PARTIES), "conflict"), "Who signed")
    assert len(signers) == 1
    assert "Jonathan Pereira" in signers[0].text and "Erik Holmberg" in signers[0].text


def test_a_site_named_in_another_sentence_answers_where(make_sentences):
    texts = [*MOU[:2], MOU[2] + "\nThe project will be located near the port of Mejillones.\n"]
    assert about(ask(make_sentences(*texts), MOU_PARTIES), r"^Where") == []


# --- the deal's value reported two ways ---------------------------------------------------------

BATTERY = (
    "Volta Cells signed an agreement on Thursday with Norland Lithium to build a battery supply"
    " chain worth $9.8 billion.\n",
    "Norland Lithium and Volta Cells struck a deal on Thursday to develop battery plants, a"
    " project officials valued at about $9 billion.\n",
    "Volta Cells and Norland Lithium signed a $9.8bn agreement on Thursday.\n",
)
BATTERY_PARTIES = [
    party("Volta Cells", "ORG", ["Volta Cells"], ["S1", "S2", "S3"], "signatory"),
    MOU_PARTIES[0],
]


def test_close_amounts_for_the_deal_under_different_nouns_are_a_conflict(make_sentences):
    # "a project officials valued at": the project (the deal), not the officials, is valued.
    sentences = make_sentences(*BATTERY)
    values = [
        Value("$9.8 billion", 9.8e9, "USD", "supply chain; agreement", ["S1", "S3"]),
        Value("about $9 billion", 9e9, "USD", "project officials", ["S2"]),
    ]
    conflicts = about(of_kind(ask(sentences, BATTERY_PARTIES, values=values), "conflict"), "value")
    assert len(conflicts) == 1
    text = conflicts[0].text
    assert "S1, S3 value it at $9.8 billion" in text and "S2 at about $9 billion" in text
    assert text.endswith("Which is right?")


def test_a_hedged_figure_in_a_conflict_is_noted_in_the_basis(make_sentences):
    questions = ask(make_sentences(*BATTERY), BATTERY_PARTIES)
    conflict = about(of_kind(questions, "conflict"), "value")[0]
    assert "S2 hedges its figure (“about”)" in conflict.basis


def test_the_deal_and_a_part_of_it_are_not_a_conflict(make_sentences):
    sentences = make_sentences(
        BATTERY[0],
        "Norland Lithium and Volta Cells struck a deal on Thursday; the first phase is valued"
        " at $7.5 billion.\n",
        BATTERY[2],
    )
    assert about(of_kind(ask(sentences, BATTERY_PARTIES), "conflict"), "value") == []


def test_far_apart_amounts_for_the_deal_are_not_one_figure(make_sentences):
    sentences = make_sentences(
        BATTERY[0],
        "Norland Lithium and Volta Cells struck a deal on Thursday to develop battery plants, a"
        " project officials valued at about $2 billion.\n",
        BATTERY[2],
    )
    assert about(of_kind(ask(sentences, BATTERY_PARTIES), "conflict"), "value") == []


def test_a_revised_deal_value_is_not_a_conflict(make_sentences):
    sentences = make_sentences(
        BATTERY[0],
        "Norland Lithium and Volta Cells raised the value of their agreement to $9.8 billion"
        " from $9 billion.\n",
        BATTERY[2],
    )
    assert about(of_kind(ask(sentences, BATTERY_PARTIES), "conflict"), "value") == []


# --- milestones and stated approvals are not gaps ---------------------------------------------


@pytest.mark.parametrize(
    "milestone",
    [
        "The first phase, a plant with 10 gigawatt hours of capacity, is expected to start"
        " production in 2027.",
        "The partners will choose a site for a recycling plant later this year.",
        "Norland Lithium plans to finish the plant by the end of the decade.",
        "The carbonate plant will be built within 18 months.",
        "Drilling will begin by 2030.",
    ],
)
def test_a_future_milestone_fills_the_timeline(make_sentences, milestone):
    sentences = make_sentences(MOU[0], MOU[1].replace(" next year", ""), MOU[2] + milestone)
    assert about(ask(sentences, MOU_PARTIES), "timetable") == []


def test_a_past_year_is_not_a_milestone(make_sentences):
    sentences = make_sentences(
        MOU[0],
        MOU[1].replace(" next year", ""),
        MOU[2] + "Chile nationalised its copper mines in 1971.\n",
    )
    assert len(about(ask(sentences, MOU_PARTIES), "timetable")) == 1


def test_permits_still_needed_are_not_silence_on_approvals(make_sentences):
    sentences = make_sentences(
        *MOU[:2], MOU[2] + "Analysts said the plan still needs environmental permits.\n"
    )
    assert about(ask(sentences, MOU_PARTIES), "approval") == []


def test_financing_that_comes_from_named_lenders_is_not_a_gap(make_sentences):
    sentences = make_sentences(
        MOU[0] + "\nFinancing will come from a consortium of Chilean banks.\n", *MOU[1:]
    )
    questions = ask(sentences, MOU_PARTIES, values=[PHASE_VALUE])
    assert about(of_kind(questions, "gap"), r"financ") == []


# --- follow-through wording -----------------------------------------------------------------


def follow_up(make_sentences, extra: str) -> list[OpenQuestion]:
    sentences = make_sentences(MOU[0], MOU[1], MOU[2] + extra)
    return of_kind(ask(sentences, MOU_PARTIES), "follow-through")


def test_how_the_deal_is_financed_is_not_a_promise(make_sentences):
    follow = follow_up(make_sentences, "Financing will come from a consortium of Chilean banks.\n")
    assert about(follow, "financing|banks") == []


def test_a_reported_plan_with_its_time_asks_whether_it_happens_then(make_sentences):
    follow = follow_up(
        make_sentences,
        "The minister said the government will choose a site for a recycling plant later this"
        " year.\n",
    )
    asked = about(follow, "recycling plant")
    assert [q.text for q in asked] == [
        "Will the government choose a site for a recycling plant later this year, as S3 says?"
    ]


def test_sequencing_words_are_dropped_from_the_question(make_sentences):
    follow = follow_up(make_sentences, "The drying sheds at the salt flats will be built first.\n")
    assert "When will the drying sheds at the salt flats be built?" in [q.text for q in follow]


def test_a_named_actor_with_a_date_is_asked_before_a_passive_step(make_sentences):
    sentences = make_sentences(
        "Norland Lithium and Andes Mining Corporation signed an agreement on Tuesday.\n\n"
        "A pilot warehouse will be built in the port.\n\nThe minister said the government will"
        " choose a site for a recycling plant later this year.\n",
        "Norland Lithium and Andes Mining Corporation signed an agreement on lithium.\n",
    )
    texts = [q.text for q in of_kind(ask(sentences, MOU_PARTIES), "follow-through")]
    assert len(texts) == 2
    assert texts[0].startswith("Will the government choose a site")
    assert texts[1] == "When will a pilot warehouse be built in the port?"


def test_a_restatement_of_the_partnership_is_not_a_promise(make_sentences):
    follow = follow_up(
        make_sentences, "Norland Lithium will work with AMC on exploration and refining.\n"
    )
    assert about(follow, "work with") == []


# --- acquisitions and sites ---------------------------------------------------------------------

TAKEOVER_PARTIES = [
    party("Cordillera Minerals", "ORG", ["Cordillera Minerals"], ["S1", "S2"], "signatory"),
    party("Puna Lithium", "ORG", ["Puna Lithium"], ["S1", "S2"], "signatory"),
]


def test_financing_of_a_purchase_asks_how_the_buyer_pays(make_sentences):
    sentences = make_sentences(
        "Cordillera Minerals agreed to acquire Puna Lithium for $1.2 billion in cash.\n",
        "Cordillera Minerals signed an agreement to buy Puna Lithium on Monday.\n",
    )
    value = Value("$1.2 billion", 1.2e9, "USD", "deal", ["S1"])
    financing = about(ask(sentences, TAKEOVER_PARTIES, values=[value]), r"pay|financ")
    assert len(financing) == 1
    assert financing[0].text.startswith("How will Cordillera Minerals pay the $1.2 billion price")
    assert "in cash" in financing[0].text


def test_a_plant_near_the_projects_needs_no_where_question(make_sentences):
    texts = [t.replace("plant in Chile", "plant near the projects") for t in MOU]
    assert about(ask(make_sentences(*texts), MOU_PARTIES), r"^Where") == []


def test_different_signers_for_the_same_party_are_a_conflict_for_that_party(make_sentences):
    sentences = make_sentences(
        "The agreement was signed by AMC chairman Luis Soto and Norland Lithium chief executive"
        " Erik Holmberg on Tuesday.\n",
        "The agreement was signed by AMC chairman Luis Soto and Norland Lithium director Anna"
        " Berg on Tuesday.\n",
    )
    signers = about(of_kind(ask(sentences, MOU_PARTIES), "conflict"), "Who signed")
    assert len(signers) == 1
    assert "for Norland Lithium" in signers[0].text
    assert "Erik Holmberg" in signers[0].text and "Anna Berg" in signers[0].text
    assert "Luis Soto" not in signers[0].text


# --- stated uncertainty and false conflicts ------------------------------------------------------


def test_a_source_saying_it_is_unclear_whether_is_asked(make_sentences):
    sentences = make_sentences(
        *MOU[:2],
        MOU[2] + "It is unclear whether the plant will be financed by Chilean banks.\n",
    )
    gaps = about(of_kind(ask(sentences, MOU_PARTIES), "gap"), r"^Will the plant be financed")
    assert [q.text for q in gaps] == [
        "Will the plant be financed by Chilean banks? S3 says this is not known."
    ]
    assert "it is unclear whether" in gaps[0].basis.lower()


def test_a_name_with_and_without_accents_is_not_a_conflict(make_sentences):
    sentences = make_sentences(
        *MOU[:2],
        MOU[2] + "Minister Máximo Paredes attended the signing.\n",
        "Norland Lithium and AMC signed an MoU. Minister Maximo Paredes attended.\n",
    )
    assert about(ask(sentences, MOU_PARTIES), "spelling") == []


def test_the_deals_own_terms_in_the_future_tense_are_not_follow_through(make_sentences):
    follow = follow_up(
        make_sentences,
        "Norland Lithium will invest $50 million in the venture, in which AMC will hold a"
        " majority stake.\n\nAMC will pay $2 per tonne of brine.\n",
    )
    assert about(follow, r"invest|majority stake|pay \$2") == []


def test_a_clause_of_terms_gives_way_to_the_step_after_it(make_sentences):
    follow = follow_up(
        make_sentences,
        "The joint company, in which AMC will hold a majority stake, will start"
        " production in 2027.\n",
    )
    assert "Will the joint company start production in 2027, as S3 says?" in [
        q.text for q in follow
    ]


def test_a_figure_given_with_its_conversion_is_not_thinly_sourced(make_sentences):
    sentences = make_sentences(
        "Norland Lithium and Andes Mining Corporation signed an MoU on Tuesday. The first phase"
        " is valued at 100 million euros ($108 million).\n",
        "Norland Lithium and AMC signed an MoU. The first phase is valued at 100 million euros.\n",
        "Norland Lithium and AMC signed an MoU on lithium.\n",
        "AMC and Norland Lithium signed an MoU on Tuesday.\n",
    )
    assert about(ask(sentences, MOU_PARTIES), r"\$108") == []


def test_an_effect_of_the_deal_is_not_follow_through(make_sentences):
    follow = follow_up(make_sentences, "The memorandum will reshape lithium trade in the region.\n")
    assert about(follow, "reshape") == []


def test_a_measure_taking_immediate_effect_is_not_follow_through(make_sentences):
    follow = follow_up(make_sentences, "The export quota will be lifted with immediate effect.\n")
    assert about(follow, "quota") == []


def test_a_financing_facility_is_not_a_site_to_ask_about(make_sentences):
    sentences = make_sentences(
        MOU[0] + "Norland Lithium will build the plant with a financing facility from banks.\n",
        *MOU[1:],
    )
    where = about(of_kind(ask(sentences, MOU_PARTIES), "gap"), r"^Where")
    assert where and all("financing facility" not in q.text for q in where)


def test_a_fear_about_the_future_is_not_follow_through(make_sentences):
    follow = follow_up(
        make_sentences, "Rival producers worry that their plants will be closed by the rules.\n"
    )
    assert about(follow, "closed") == []


def test_a_rounded_figure_and_the_exact_one_are_not_a_conflict(make_sentences):
    sentences = make_sentences(
        "Norland Lithium and Andes Mining Corporation signed a $1.24 billion agreement on"
        " Tuesday.\n",
        "Norland Lithium and AMC signed a $1.2 billion agreement on lithium.\n",
        "AMC and Norland Lithium signed a $1.6 billion agreement, officials said.\n",
    )
    conflicts = about(of_kind(ask(sentences, MOU_PARTIES), "conflict"), "value")
    assert len(conflicts) == 1
    assert "1.6" in conflicts[0].text and "1.2 billion;" not in conflicts[0].text


def test_groundwork_for_someone_to_act_asks_whether_they_will(make_sentences):
    follow = follow_up(
        make_sentences,
        "The pact lays the groundwork for Chilean smelters to receive Norland Lithium's ore.\n",
    )
    assert "Will Chilean smelters receive Norland Lithium's ore, and when?" in [
        q.text for q in follow
    ]


# --- lengths of time ----------------------------------------------------------------------------

BAN = (
    "Ruritania halted nickel exports on Monday.\n\n"
    "The ban on nickel exports will stay in force for at least five months, the regulator said.\n",
    "Ruritania has suspended nickel exports for five months to support prices.\n",
    "The ban on nickel exports will remain for two months, officials said.\n",
)
BAN_PARTIES = [party("Ruritania", "GPE", ["Ruritania"], ["S1", "S2", "S3"])]


def test_different_lengths_for_one_thing_are_a_conflict(make_sentences):
    conflicts = about(of_kind(ask(make_sentences(*BAN), BAN_PARTIES), "conflict"), "how long")
    assert len(conflicts) == 1
    assert "ban" in conflicts[0].text
    assert "5 months (S1, S2; S1 says at least)" in conflicts[0].text
    assert "2 months (S3)" in conflicts[0].text


def test_a_floor_and_a_longer_length_are_no_conflict(make_sentences):
    sentences = make_sentences(BAN[0], BAN[2].replace("two months", "seven months"))
    assert about(ask(sentences, BAN_PARTIES), "how long") == []


def test_a_review_time_or_an_extension_is_not_a_length(make_sentences):
    sentences = make_sentences(
        BAN[0],
        "The ban on nickel exports could be lifted after two months, officials said.\n",
        "The ban on nickel exports was extended for another two months.\n",
    )
    assert about(ask(sentences, BAN_PARTIES), "how long") == []


def test_lengths_of_different_things_are_no_conflict(make_sentences):
    sentences = make_sentences(
        "Ruritania signed a 10-year offtake contract with a smelter on Monday.\n",
        "Ruritania will hold a 3-month review of the smelter's permits.\n",
    )
    assert about(ask(sentences, BAN_PARTIES), "how long") == []


# --- follow-through that holds up: the event itself, terms, one step once, its own time ---------

SIGNED = (
    "Norland Lithium and Andes Mining Corporation signed a supply agreement on Friday.\n",
    "Andes Mining Corporation and Norland Lithium signed the supply agreement in Santiago.\n",
)


def test_a_signing_of_the_deal_the_sources_report_signed_is_not_follow_through(make_sentences):
    sentences = make_sentences(
        *SIGNED,
        "The government said Norland Lithium and AMC will go ahead with the signing of the"
        " supply agreement by Friday.\n",
    )
    assert about(of_kind(ask(sentences, MOU_PARTIES), "follow-through"), "signing") == []


def test_becoming_a_shareholder_is_a_term_not_follow_through(make_sentences):
    follow = follow_up(make_sentences, "AMC will become the venture's biggest shareholder.\n")
    assert about(follow, "shareholder") == []


def test_a_price_per_unit_is_a_term_not_follow_through(make_sentences):
    follow = follow_up(make_sentences, "AMC will set a price floor of $10 per tonne of brine.\n")
    assert about(follow, "floor") == []


def test_a_subject_naming_an_earlier_sentence_is_not_asked(make_sentences):
    follow = follow_up(make_sentences, "This increase will be achieved with new technology.\n")
    assert about(follow, "increase") == []


def test_one_step_told_twice_is_asked_once_in_its_dated_wording(make_sentences):
    follow = follow_up(
        make_sentences,
        "The plant will add 20,000 tonnes per year of lithium carbonate.\n\n"
        "The new plant will raise output by 20,000 tonnes a year by 2027.\n",
    )
    asked = about(follow, "20,000")
    assert len(asked) == 1
    assert "by 2027, as S3 says" in asked[0].text


def test_a_time_is_asked_where_the_source_puts_it(make_sentences):
    follow = follow_up(
        make_sentences, "The plant will start production in 2027, subject to permits.\n"
    )
    assert "Will the plant start production in 2027, subject to permits, as S3 says?" in [
        q.text for q in follow
    ]


def test_the_time_of_another_figure_in_a_with_clause_is_not_the_steps(make_sentences):
    follow = follow_up(
        make_sentences,
        "Norland Lithium will use the proceeds to expand the brine ponds, with a $20 million"
        " grant expected within 60 days.\n",
    )
    asked = about(follow, "brine ponds")
    assert asked and all("60 days" not in q.text for q in asked)


# --- figures: versions of a bid, the price of an earlier purchase -------------------------------


def test_an_ordinal_offer_is_a_version_of_the_bid_not_a_part(make_sentences):
    sentences = make_sentences(
        "Norland Lithium agreed to buy Andes Mining Corporation in a deal worth $900 million.\n",
        "AMC accepted the third offer of $900 million from Norland Lithium.\n",
        "Norland Lithium and AMC agreed the terms of the takeover.\n",
    )
    value = Value("$900 million", 900e6, "USD", "deal; third offer", ["S1", "S2"])
    assert about(ask(sentences, MOU_PARTIES, values=[value]), "only of the third offer") == []


def test_the_price_of_an_earlier_purchase_is_not_a_figure_to_confirm(make_sentences):
    sentences = make_sentences(
        "Norland Lithium and Andes Mining Corporation signed a supply agreement on Friday."
        " AMC has held a stake in Norland Lithium since buying 20% for $300 million in 2018.\n",
        *SIGNED,
        "Norland Lithium and AMC signed the agreement on lithium supply.\n",
    )
    value = Value("$300 million", 300e6, "USD", "stake", ["S1"])
    assert about(ask(sentences, MOU_PARTIES, values=[value]), r"\$300 million") == []


# --- the words the questions read are cues (briefgen/data/cues.toml) -----------------------------


def test_the_name_of_the_deal_is_read_from_the_deal_name_cues(make_sentences):
    from briefgen.analyse.questions.event import deal_noun

    sentences = make_sentences(
        "Norland Lithium and AMC signed a memorandum of understanding on Tuesday.\n",
        "The MoU was signed in Santiago, and a contract may follow.\n",
    )
    assert deal_noun(sentences, 2) == ("MoU", True, ["S1", "S2"])


def test_kinds_only_the_phrasing_reads_are_not_marked_on_the_doc(nlp):
    from briefgen.annotate import cues

    doc = nlp("The minister said that the firm will now build a plant, which opens first.")
    marked = {span.label_ for span in doc.spans["cues"]}
    assert marked.isdisjoint({"clause_opening", "saying", "drop_adverb", "predicate_tail"})
    assert "future_step" in marked
    assert cues.pattern("saying").search(doc.text) is not None
    assert "now" in cues.word_list("drop_adverb")


BID = (
    "Norland Lithium made a takeover bid for Andes Mining Corporation on Monday, seeking a deal"
    " that would create the largest lithium miner.\n",
    "AMC rejected the third offer of $900 million from Norland Lithium, saying the deal"
    " undervalued it.\n",
    "The board of AMC said the third offer of $900 million undervalued the company.\n",
)


def test_a_bid_asks_how_the_offer_is_paid_not_who_of_the_parties_funds_it(make_sentences):
    value = Value("$900 million", 900e6, "USD", "third offer", ["S2", "S3"])
    gaps = about(ask(make_sentences(*BID), MOU_PARTIES, values=[value]), "financ|paid")
    assert [q.text for q in gaps] == [
        "How would the $900 million offer be paid: cash on hand, new debt or shares? No source"
        " says."
    ]


def test_a_bid_whose_payment_is_stated_asks_nothing_about_funding(make_sentences):
    sentences = make_sentences(
        BID[0], BID[1].replace("third offer", "all-share third offer"), BID[2]
    )
    value = Value("$900 million", 900e6, "USD", "third offer", ["S2", "S3"])
    assert about(ask(sentences, MOU_PARTIES, values=[value]), "financ|paid") == []


def test_a_quotation_finds_a_figure_whatever_its_spacing():
    from briefgen.analyse.questions.phrasing import quote_around

    text = "Early in the week, traders said, prices of the metal stood at less than $ 12 per pound."
    assert quote_around(text, "$12", width=2) == "“…less than $ 12 per…”"


def _mention(text: str, amount: float, scale: float):
    from types import SimpleNamespace

    from briefgen.analyse.questions.figures import Mention

    return Mention(None, SimpleNamespace(scale=scale), text, amount, None, None)  # type: ignore[arg-type]


def test_a_rounded_figure_takes_the_amount_of_the_most_exact_one_it_rounds():
    from briefgen.analyse.questions.conflicts import unround

    written = [
        ("£21bn", 21e9),
        ("£21.4bn", 21.4e9),
        ("£21.42bn", 21.42e9),
        ("£21.4bn", 21.4e9),
        ("£23bn", 23e9),
    ]
    got = unround([_mention(text, amount, 1e9) for text, amount in written])
    # "£21bn" rounds both; the most exact wins. "£21.4bn" rounds "£21.42bn". "£23bn" stands.
    assert [m.amount for m in got] == [21.42e9, 21.42e9, 21.42e9, 21.42e9, 23e9]


def test_unrounding_many_mentions_gives_what_comparing_every_pair_gives():
    import random

    from briefgen.analyse.questions.conflicts import rounding_step, unround

    def every_pair(mentions):
        out = []
        for m in mentions:
            step = rounding_step(m)
            exact = [
                n for n in mentions if rounding_step(n) < step and abs(n.amount - m.amount) <= step
            ]
            out.append(min(exact, key=rounding_step).amount if exact else m.amount)
        return out

    rng = random.Random(7)
    mentions = []
    for _ in range(400):
        decimals = rng.choice([0, 0, 1, 2])
        value = round(rng.uniform(1, 60), decimals)
        text = f"${value:.{decimals}f}bn"
        mentions.append(_mention(text, value * 1e9, 1e9))
    assert [m.amount for m in unround(mentions)] == every_pair(mentions)
