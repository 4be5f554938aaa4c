"""Context: background that relates the event to other times, actors and places — never the
event itself, never twice the same fact."""

from __future__ import annotations

import pytest

from briefgen.analyse import context, grouping
from briefgen.analyse.context import MAX_WORDS, find_context
from briefgen.annotate import cues
from briefgen.brief import KeyPoint, Party
from briefgen.corpus import SentenceGroup

EVENT = (
    "Norland Lithium and Chile's state-owned Andes Mining Corporation (AMC) signed a memorandum"
    " of understanding on Tuesday to develop lithium deposits in the north of the country.\n\n"
    "The partners will build a lithium carbonate plant with an annual capacity of 40,000 tonnes."
    "\n\n“This is a great day for our miners and for the whole country,” Chile's mining minister"
    " said at the ceremony.\n\nShe said Norland had signed a similar deal in Peru in 2021.\n\n"
    "Last year, Chile's government launched a national lithium strategy"
    " that reserves strategic salt flats for state companies.\n",
    "Andes Mining Corporation and Norland Lithium agreed on Tuesday to develop lithium deposits"
    " together under a memorandum of understanding.\n\nThe memorandum between AMC and Norland"
    " was signed at the presidential palace in Santiago.\n\nIn March, rival producer Kestrel"
    " Lithium bought a stake in a Chilean salt flat operator for $3 billion.\n\nAnalysts said the"
    " deal would make the country a bigger lithium supplier than its neighbours.\n\nChile last year"
    " announced a national lithium policy that keeps strategic salt flats in state hands.\n",
)
KEY_POINTS = [
    KeyPoint(
        "Norland Lithium and Chile's state-owned Andes Mining Corporation (AMC) signed a"
        " memorandum of understanding on Tuesday to develop lithium deposits in the north of the"
        " country.",
        ["S1", "S2"],
    ),
    KeyPoint(
        "The partners will build a lithium carbonate plant with an annual capacity of 40,000"
        " tonnes.",
        ["S1"],
    ),
]


@pytest.fixture
def groups(make_sentences) -> list[SentenceGroup]:
    return grouping.group_sentences(make_sentences(*EVENT))


@pytest.fixture
def context_texts(groups) -> list[str]:
    return [c.text for c in find_context(groups, KEY_POINTS)]


def test_context_holds_earlier_policy_and_third_party_deals(context_texts):
    assert any("national lithium" in t for t in context_texts)
    assert any("Kestrel" in t for t in context_texts)


def test_context_never_restates_a_key_point(context_texts):
    for text in context_texts:
        assert "memorandum" not in text.lower()  # the signing, in any wording
        assert "carbonate plant" not in text


def test_context_leaves_out_reactions_to_the_event(context_texts):
    assert not any("great day" in t for t in context_texts)  # a quotation
    assert not any("Analysts" in t for t in context_texts)  # comment on "the deal"


def test_context_leaves_out_sentences_that_lean_on_the_previous_one(context_texts):
    assert not any(t.startswith("She ") for t in context_texts)


def test_context_items_do_not_repeat_each_other(context_texts):
    assert sum("strategic salt flats" in t for t in context_texts) == 1


def test_context_item_carries_all_sources_of_its_group(groups):
    for item in find_context(groups, KEY_POINTS):
        group = next(g for g in groups if any(s.text == item.text for s in g.sentences))
        assert item.sources == group.sources


def test_context_is_deterministic(groups):
    assert find_context(groups, KEY_POINTS) == find_context(groups, KEY_POINTS)


# The signing and the plant told in other words, naming the same actors.
KEY_POINTS_OTHER_WORDING = [
    KeyPoint(
        "In Chile, Andes Mining Corporation (AMC) and Norland Lithium agreed on Tuesday to work"
        " lithium deposits together under a memorandum of understanding.",
        ["S1", "S2"],
    ),
    KeyPoint(
        "The partners will build a lithium carbonate plant with an annual capacity of 40,000"
        " tonnes.",
        ["S1"],
    ),
]


def test_how_a_sentence_relates_to_the_event_does_not_hang_on_the_key_points_wording(groups):
    # Which telling of the event the key points took must not change how background scores:
    # the event's subject is the words most sources use.
    sentences = [s for g in groups for s in g.sentences]
    one = context.event_profile(KEY_POINTS, sentences)
    other = context.event_profile(KEY_POINTS_OTHER_WORDING, sentences)
    assert one.all_keys != other.all_keys
    background = [
        s for s in sentences if not (context.restates(s, one) or context.restates(s, other))
    ]
    assert len(background) >= 4
    for s in background:
        assert context.relation_score(s, one) == context.relation_score(s, other), s.text


def test_the_event_words_are_those_half_the_sources_use(groups):
    keys = context.common_keys([s for g in groups for s in g.sentences])
    assert {"lithium", "memorandum", "salt"} <= keys  # both articles
    assert "carbonate" not in keys and "kestrel" not in keys  # one article only


def test_no_groups_no_context():
    assert find_context([], KEY_POINTS) == []


# --- the seeds ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seeds_brief_parts(seeds_sentences):
    from briefgen.analyse import summarize

    groups = grouping.group_sentences(seeds_sentences)
    summary = summarize.key_points(groups, n=6, max_words=180, algorithm="lexrank")
    return groups, summary, find_context(groups, summary)


def test_seeds_context_fits_the_brief(seeds_brief_parts):
    _, _, context = seeds_brief_parts
    assert 2 <= len(context) <= 5
    assert sum(len(c.text.split()) for c in context) <= MAX_WORDS


def test_seeds_context_covers_background_the_key_points_leave_out(seeds_brief_parts):
    _, summary, context = seeds_brief_parts
    background = {
        "trade deal and tariffs": ("tariff", "trade accord", "trade deal", "duties"),
        "Balochistan mining": ("balochistan", "reko diq"),
        "Rubio's statement": ("rubio",),
        "India's programme": ("national critical mineral mission", "india and russia"),
    }
    told = [c.text.lower() for c in context] + [k.text.lower() for k in summary]
    covered = [name for name, cues in background.items() if any(c in t for t in told for c in cues)]
    assert len(covered) >= 3, covered
    in_context = [
        name
        for name, cues in background.items()
        if any(c in item.text.lower() for item in context for c in cues)
    ]
    assert len(in_context) >= 2, in_context


def test_seeds_context_is_not_the_signing(seeds_brief_parts):
    _, summary, context = seeds_brief_parts
    key_texts = {k.text for k in summary}
    for item in context:
        assert item.text not in key_texts
        assert "Strategic Metals" not in item.text and "USSM" not in item.text


# --- the event's own next steps and terms are not background -------------------------------

NEXT_STEPS = (
    EVENT[0] + "\nFinancing will come from a consortium of Chilean banks and the state development"
    " agency Corfo, according to the ministry.\n\nThe minister said the government will choose"
    " a site for a recycling plant later this year.\n\nThe first phase, a plant with 20,000"
    " tonnes of capacity, is expected to start production in 2027.\n",
    EVENT[1],
)


@pytest.fixture
def next_steps_context(make_sentences) -> list[str]:
    groups = grouping.group_sentences(make_sentences(*NEXT_STEPS))
    return [c.text for c in find_context(groups, KEY_POINTS)]


def test_how_the_deal_is_financed_is_not_context(next_steps_context):
    assert not any("Financing" in t for t in next_steps_context)


def test_plans_and_milestones_of_the_event_are_not_context(next_steps_context):
    assert not any("recycling plant" in t for t in next_steps_context)
    assert not any("start production in 2027" in t for t in next_steps_context)


def test_past_background_is_still_chosen_beside_next_steps(next_steps_context):
    assert any("national lithium" in t for t in next_steps_context)
    assert any("Kestrel" in t for t in next_steps_context)


def test_a_past_policy_with_an_aim_ahead_is_background(make_sentences):
    groups = grouping.group_sentences(
        make_sentences(
            EVENT[0],
            EVENT[1]
            + "\nThe national copper strategy, launched in 2019 by Chile's government, aims to"
            " double smelting capacity by 2030.\n",
        )
    )
    texts = [c.text for c in find_context(groups, KEY_POINTS)]
    assert any("launched in 2019" in t for t in texts)


def test_the_news_cycle_is_not_background(make_sentences):
    groups = grouping.group_sentences(
        make_sentences(
            EVENT[0]
            + "\nThe Santiago Herald was the first to report on the talks between the two firms"
            " in early 2023.\n",
            EVENT[1]
            + "\nNorland shares fell 4% in early trading in Sydney, a day after the firm had"
            " posted its first loss since 2019.\n",
        )
    )
    texts = [c.text for c in find_context(groups, KEY_POINTS)]
    assert not any("first to report" in t for t in texts)
    assert not any("shares fell" in t for t in texts)
    assert any("national lithium" in t for t in texts)


def test_the_outlet_speaking_to_its_readers_is_not_background(make_sentences):
    groups = grouping.group_sentences(
        make_sentences(
            EVENT[0]
            + "\nIf you spot an error in our coverage of Chile's 2019 mining reforms, please"
            " read our corrections policy and write to the Santiago Herald desk.\n",
            EVENT[1],
        )
    )
    texts = [c.text for c in find_context(groups, KEY_POINTS)]
    assert not any("corrections policy" in t for t in texts)
    assert any("national lithium" in t for t in texts)


# --- who is speaking, and when -----------------------------------------------------------------


def test_another_actors_stance_on_the_deal_is_context(make_sentences):
    # A shareholder the key points do not name, pushing back on "the deal": the event seen from
    # another actor, not the event itself.
    groups = grouping.group_sentences(
        make_sentences(
            EVENT[0],
            EVENT[1] + "\nAndina Capital Partners Inc., which owns a fifth of Norland, said it"
            " would vote against the deal and take the board to court.\n",
        )
    )
    texts = [c.text for c in find_context(groups, KEY_POINTS)]
    assert any(t.startswith("Andina Capital") for t in texts)


def test_a_key_point_actors_comment_on_the_deal_is_still_the_event(make_sentences):
    groups = grouping.group_sentences(
        make_sentences(
            EVENT[0],
            EVENT[1] + "\nNorland Lithium expects the deal to add two new wells to its"
            " operations and to raise its output sharply.\n",
        )
    )
    texts = [c.text for c in find_context(groups, KEY_POINTS)]
    assert not any("two new wells" in t for t in texts)


def test_a_company_referred_back_to_opens_no_context_item(make_sentences):
    # "The Argentine firm" stands for a company named in the sentence before: alone, it leaves
    # the reader asking which one. "The Chilean government" names itself.
    groups = grouping.group_sentences(
        make_sentences(
            EVENT[0]
            + "\nPampa Holdings, an Argentine lithium producer, opened a brine plant in Salta in"
            " 2019.\n\nThe Argentine firm had bought its first salt flat from a Canadian miner in"
            " 2015.\n",
            EVENT[1],
        )
    )
    sentences = {s.text: s for g in groups for s in g.sentences}
    firm = next(s for t, s in sentences.items() if t.startswith("The Argentine firm"))
    policy = next(s for t, s in sentences.items() if t.startswith("Chile last year"))
    assert context.is_dependent(firm)
    assert not context.is_dependent(policy)
    texts = [c.text for c in find_context(groups, KEY_POINTS)]
    assert not any(t.startswith("The Argentine firm") for t in texts)


def test_a_contracted_pronoun_leans_on_the_sentence_before(make_sentences):
    (sentence,) = make_sentences(
        "It’s the second such accord the two sides have signed this year.\n"
    )
    assert context.is_dependent(sentence)


def test_what_had_happened_before_the_event_is_background(make_sentences):
    # Names an actor of the key points, but in the past perfect: what led up to the event.
    groups = grouping.group_sentences(
        make_sentences(
            EVENT[0],
            EVENT[1] + "\nA slump in lithium prices had cut Norland Lithium's market value by"
            " half, leaving it open to offers from larger miners.\n",
        )
    )
    texts = [c.text for c in find_context(groups, KEY_POINTS)]
    assert any(t.startswith("A slump in lithium prices had") for t in texts)


# A background actor named in full in one sentence and by its acronym in another.
ACRONYM_EVENT = (
    EVENT[0]
    + "\nThe Highland Teachers Pension Board last month said it would back more lithium projects"
    " in the Andes if prices recover.\n",
    EVENT[1] + "\nHTPB has held a 4% stake in Norland Lithium since 2019, according to filings.\n",
)
PENSION_BOARD = Party(
    name="Highland Teachers Pension Board",
    type="ORG",
    aliases=["HTPB"],
    role=None,
    mentions=2,
    sources=["S1", "S2"],
)


def _pension_board_items(texts: list[str]) -> list[str]:
    return [t for t in texts if "Pension Board" in t or "HTPB" in t]


def test_an_actor_under_its_acronym_is_one_background_story(make_sentences):
    groups = grouping.group_sentences(make_sentences(*ACRONYM_EVENT))
    unfolded = [c.text for c in find_context(groups, KEY_POINTS)]
    folded = [c.text for c in find_context(groups, KEY_POINTS, [PENSION_BOARD])]
    assert len(_pension_board_items(unfolded)) == 2  # the names alone do not tell it is one actor
    assert len(_pension_board_items(folded)) == 1  # the party's aliases do


def test_party_names_map_every_alias_to_the_party():
    names = context.party_names([PENSION_BOARD])
    assert names["htpb"] == names["highland teachers pension board"]


def test_a_quoted_share_price_is_the_news_cycle_not_background(make_sentences):
    groups = grouping.group_sentences(
        make_sentences(
            EVENT[0] + "\nIn Santiago, Norland's shares were quoted at 14.35 pesos, up 0.2%.\n",
            EVENT[1],
        )
    )
    shares = next(s for g in groups for s in g.sentences if "quoted" in s.text)
    assert cues.has(shares.span, "market_reaction")
    assert not any("quoted" in c.text for c in find_context(groups, KEY_POINTS))


def test_a_party_the_key_points_name_is_known_under_its_other_names(make_sentences):
    sentences = [s for g in grouping.group_sentences(make_sentences(*EVENT)) for s in g.sentences]
    norland = Party(
        name="Norland Lithium",
        type="ORG",
        aliases=["Norland Lithium Holdings Corporation", "NLHC"],
        role=None,
        mentions=4,
        sources=["S1", "S2"],
    )
    plain = context.event_profile(KEY_POINTS, sentences)
    with_parties = context.event_profile(KEY_POINTS, sentences, [norland])
    for other_name in ("NLHC", "Norland Lithium Holdings Corporation"):
        assert not plain.knows(other_name, "ORG")
        assert with_parties.knows(other_name, "ORG")  # not a new actor of the background
    assert not with_parties.knows("Highland Teachers Pension Board", "ORG")


def test_only_names_the_parties_table_keeps_are_new_background_actors(make_sentences):
    # The Parties table keeps the pension board; "Silverline Capital" stands for a name it
    # rejected (a project, a ticker or a time zone the model read as an organisation).
    groups = grouping.group_sentences(make_sentences(*ACRONYM_EVENT))
    sentences = [s for g in groups for s in g.sentences]
    (board,) = make_sentences(
        "The Highland Teachers Pension Board sold its shares to Silverline Capital in 2020.\n"
    )
    everyone = context.new_actors(board, context.event_profile(KEY_POINTS, sentences))
    kept = context.new_actors(board, context.event_profile(KEY_POINTS, sentences, [PENSION_BOARD]))
    assert "silverline capital" in everyone
    assert kept == ["highland teachers pension board"]
