"""grouping: the same fact in other words (same parties + figure, or + event + day) is one group."""

from __future__ import annotations

import itertools

from calls import count_calls

from briefgen.analyse import grouping
from briefgen.annotate.names import name_key


def group_of(groups, fragment: str):
    return next(g for g in groups if any(fragment in s.text for s in g.sentences))


def cosine(sentences, i: int, j: int) -> float:
    matrix = grouping.tfidf(grouping.term_lists(sentences)).matrix
    return float(matrix.getrow(i).multiply(matrix.getrow(j)).sum())


def facts_of(sentences):
    reader = grouping.FactReader.from_sentences(sentences)
    return [reader.facts(s) for s in sentences]


TAKEOVER = (
    "Canada's Harrow Minerals Inc. agreed on Tuesday to buy London-listed Tamsin Gold plc for "
    "about US$2.4 billion in cash, giving it two gold mines in Ghana.",
    "Harrow Minerals and Tamsin Gold signed a definitive agreement under which the Canadian "
    "company will acquire all of Tamsin's shares, a transaction bankers valued at about $2.4bn.",
    "Harrow Minerals will take control of Tamsin Gold in a deal worth 2.4 billion dollars, "
    "people familiar with the matter said.",
)


def test_paraphrases_with_the_same_parties_and_figure_form_one_group(make_sentences):
    sentences = make_sentences(*TAKEOVER)
    assert max(cosine(sentences, i, j) for i, j in [(0, 1), (0, 2), (1, 2)]) < grouping.THRESHOLD
    groups = grouping.group_sentences(sentences)
    assert len(groups) == 1
    assert groups[0].sources == ["S1", "S2", "S3"]


def test_money_figures_are_compared_as_amounts(make_sentences):
    # "US$2.4 billion", "$2.4bn" and "2.4 billion dollars"
    keys = {grouping.money_keys(s) for s in make_sentences(*TAKEOVER)}
    assert keys == {frozenset({"USD 2.4e+09"})}


def test_same_parties_with_different_figures_stay_apart(make_sentences):
    sentences = make_sentences(
        "Harrow Minerals agreed to buy Tamsin Gold for about US$2.4 billion in cash.",
        "Harrow Minerals will lend Tamsin Gold $300 million to finish its smelter.",
    )
    assert not grouping.same_fact(*facts_of(sentences))
    assert len(grouping.group_sentences(sentences)) == 2


def test_same_parties_event_and_day_form_one_group_without_a_figure(make_sentences):
    sentences = make_sentences(
        "Ghana's Ministry of Roads signed a $640 million contract on Wednesday with a consortium "
        "led by Delmar Rail to rebuild 380 km of the line to Kumasi, the ministry said.",
        "Delmar Rail and the Ministry of Roads signed the rehabilitation deal on Wednesday in "
        "Accra, according to a statement.",
    )
    assert cosine(sentences, 0, 1) < grouping.THRESHOLD
    groups = grouping.group_sentences(sentences)
    assert len(groups) == 1
    assert groups[0].sources == ["S1", "S2"]


def test_same_parties_and_day_but_a_different_event_stay_apart(make_sentences):
    sentences = make_sentences(
        "Harrow Minerals agreed on Monday to buy Tamsin Gold, the companies said in a joint "
        "statement.",
        "Harrow Minerals sued Tamsin Gold in a Toronto court on Monday over unpaid royalties from "
        "the Obuasi mine.",
    )
    assert cosine(sentences, 0, 1) < grouping.THRESHOLD
    assert not grouping.same_fact(*facts_of(sentences))
    assert len(grouping.group_sentences(sentences)) == 2


def test_same_parties_and_event_on_different_days_stay_apart(make_sentences):
    sentences = make_sentences(
        "Harrow Minerals and Tamsin Gold signed the merger agreement on Monday in Toronto.",
        "Harrow Minerals and Tamsin Gold signed a gold offtake agreement on Friday in Accra.",
    )
    assert not grouping.same_fact(*facts_of(sentences))


def test_sharing_two_parties_is_not_enough_when_both_sentences_name_many_others(
    make_sentences,
):
    # Most of the names of each sentence are its own: it tells something else about the pair
    # (who signed), not the same fact again.
    sentences = make_sentences(
        "Harrow Minerals said on Monday in Toronto it had agreed to acquire Tamsin Gold, which "
        "owns two mines in Ghana's Ashanti region.",
        "The agreement was signed on Monday in Accra by Harrow Minerals chief executive Ana Ruiz "
        "and Tamsin Gold chairman Kofi Mensah.",
    )
    first, second = facts_of(sentences)
    assert first.parties & second.parties == {"harrow minerals", "tamsin gold"}
    assert first.events & second.events and first.days & second.days
    assert not grouping.same_fact(first, second)


def test_company_forms_and_short_names_are_one_party(make_sentences):
    sentences = make_sentences(
        "Tamsin Gold plc owns two mines.",
        "Shares in Tamsin Gold rose.",
        "Tamsin said the board backed the offer.",
    )
    parties = [f.parties for f in facts_of(sentences)]
    assert parties[0] == parties[1] == parties[2] == {"tamsin"}


def test_an_acronym_is_the_party_it_stands_for(make_sentences):
    sentences = make_sentences(
        "Ghana Mining Holdings (GMH) holds a 15% stake in Tamsin.",
        "GMH must approve the sale.",
    )
    first, second = facts_of(sentences)
    assert second.parties <= first.parties and second.parties


def test_a_name_with_its_own_acronym_is_not_the_place_it_starts_with(make_sentences):
    sentences = make_sentences(
        "Ghana Mining Holdings (GMH) holds a 15% stake in Tamsin.",
        "Ghana will review the sale.",
    )
    first, second = facts_of(sentences)
    assert not first.parties & second.parties


def test_a_long_form_written_in_lower_case_is_not_a_party(make_sentences):
    sentences = make_sentences(
        "Ghana signed a memorandum of understanding (MoU) with Harrow Minerals on Monday."
    )
    assert facts_of(sentences)[0].parties == {name_key("Ghana"), "harrow minerals"}


def test_only_days_count_as_a_date(make_sentences):
    sentences = make_sentences(
        "Harrow Minerals will spend $40 million over three years and sign a deal next year.",
        "Harrow Minerals signed the deal on Monday, May 5, 2025.",
    )
    vague, precise = facts_of(sentences)
    assert vague.days == frozenset()
    assert precise.days == {"monday", "may 5", "2025"}


def test_facts_in_one_article_are_left_to_word_overlap(make_sentences):
    # A writer who names the same parties and figure twice is usually adding to the first
    # sentence; across articles the same claim is a restatement.
    sentences = make_sentences(TAKEOVER[0] + "\n" + TAKEOVER[1])
    assert len(grouping.group_sentences(sentences)) == 2


def test_fact_pairs_match_every_pair_checked_one_by_one(seeds_sentences, monkeypatch):
    monkeypatch.setattr(grouping, "BLOCK_ROWS", 16)  # several blocks, the last one partial
    facts = facts_of(seeds_sentences)
    articles = [s.article_index for s in seeds_sentences]
    found = set(grouping.fact_pairs(facts, articles))
    wanted = {
        (i, j)
        for i, j in itertools.permutations(range(len(facts)), 2)
        if articles[i] != articles[j] and grouping.same_fact(facts[i], facts[j])
    }
    assert found == wanted
    assert wanted  # the seeds do restate facts in other words


def test_no_facts_no_pairs():
    assert grouping.fact_pairs([], []) == []


def test_a_rejection_told_twice_in_other_words_restates_one_fact(make_sentences):
    sentences = make_sentences(
        "Harrow Minerals rebuffed a £2 billion approach from Tamsin Gold.",
        "Harrow Minerals on Friday rejected a $2.5 billion takeover bid from Tamsin Gold.",
    )
    first, second = facts_of(sentences)
    assert {"action_reject"} <= first.events & second.events
    assert grouping.restates(first, second)


def test_a_raised_bid_is_not_the_first_one_restated(make_sentences):
    sentences = make_sentences(
        "Harrow Minerals rejected a £2 billion approach from Tamsin Gold.",
        "Harrow Minerals rejected a third proposal from Tamsin Gold worth £2.9 billion.",
    )
    assert not grouping.restates(*facts_of(sentences))


def test_a_ban_and_a_halt_are_one_kind_of_action(make_sentences):
    sentences = make_sentences(
        "Ruritania halted all tin exports on Monday to support prices.",
        "Ruritania's tin export ban is set to last three months.",
    )
    assert grouping.restates(*facts_of(sentences))


def test_a_point_that_adds_the_terms_does_not_restate_the_bare_one(make_sentences):
    sentences = make_sentences(
        "Tamsin Gold will buy a stake in Harrow Minerals.",
        "Tamsin Gold will buy a 10% stake in Harrow Minerals for $300 million.",
    )
    assert not grouping.restates(*facts_of(sentences))


def test_the_same_money_figure_rounded_is_one_fact(make_sentences):
    sentences = make_sentences(
        "The offer valued Harrow Minerals at $27.18 billion.",
        "Tamsin Gold improved its proposal, valuing the miner at US$27.1 billion.",
    )
    assert grouping.restates(*facts_of(sentences))


def test_shared_actors_doing_different_things_do_not_restate(make_sentences):
    sentences = make_sentences(
        "Harrow Minerals rejected the proposal from Tamsin Gold.",
        "Harrow Minerals and Tamsin Gold operate neighbouring mines in Ghana.",
    )
    assert not grouping.restates(*facts_of(sentences))


def test_a_party_key_drops_bare_company_forms_but_keeps_holdings(make_sentences):
    # "GmbH" and "plc" only say what kind of company; "Holdings" may be a word of the name.
    [s] = make_sentences("Oster Metall GmbH and Ridge Holdings plc signed a supply contract.")
    names = grouping.party_names(s.span)
    assert ("oster", "metall") in names and ("ridge", "holdings") in names


def test_one_figure_rejected_then_walked_away_from_is_two_steps(make_sentences):
    sentences = make_sentences(
        "Harrow Minerals rejected a third proposal from Tamsin Gold worth £2.9 billion.",
        "Tamsin Gold has pulled out of its £2.9bn takeover of Harrow Minerals.",
    )
    first, second = facts_of(sentences)
    assert "action_reject" in first.events and "action_withdraw" in second.events
    assert not grouping.restates(first, second)


def test_one_figure_bought_and_sold_is_one_deal(make_sentences):
    sentences = make_sentences(
        "Tamsin Gold will buy a 10% stake in Harrow Minerals for $300 million.",
        "Harrow Minerals sold the stake to Tamsin Gold for $300 million.",
    )
    assert grouping.restates(*facts_of(sentences))


def test_a_name_with_a_describing_word_before_it_is_the_same_party():
    def facts(*parties: str) -> grouping.Facts:
        return grouping.Facts(
            frozenset(parties), frozenset(), frozenset({"acquire"}), frozenset(), frozenset()
        )

    one = facts("vehicle harbour capital fund", "peruvian tamsin mining", "harrow")
    other = facts("harbour capital fund", "tamsin mining", "harrow", "kelby")
    assert grouping.restates(one, other)
    assert grouping.restates(other, one)
    # a name is not the tail of an unrelated one that merely ends alike
    assert not grouping.restates(facts("capital", "tamsin", "harrow"), other)


def test_one_ban_of_one_length_told_by_the_country_and_its_regulator_is_one_fact(make_sentences):
    sentences = make_sentences(
        "Ruritania has suspended its tin exports for 6 months.",
        "The ban is to run for at least six months, the Tin Market Authority said.",
    )
    first, second = facts_of(sentences)
    assert {k for k, _, _ in first.figures & second.figures} == {"duration"}
    assert grouping.restates(first, second)


def test_bans_of_different_lengths_are_not_one_fact(make_sentences):
    sentences = make_sentences(
        "Ruritania has suspended its tin exports for 6 months.",
        "The ban may be reviewed or ended after three months, the Tin Market Authority said.",
    )
    assert not grouping.restates(*facts_of(sentences))


def test_a_bare_telling_adds_nothing_to_the_one_with_the_price(make_sentences):
    sentences = make_sentences(
        "Harrow Minerals rejected a third proposal from Tamsin Gold worth £2.9 billion.",
        "Tamsin Gold on Monday confirmed its improved proposal, rejected by Harrow Minerals.",
    )
    priced, bare = facts_of(sentences)
    assert grouping.adds_no_terms(bare, priced)
    assert not grouping.adds_no_terms(priced, bare)  # the price is new
    assert not grouping.restates(bare, priced)  # as a pair, one tells more than the other


def test_a_capital_stands_for_its_country_when_telling_one_signing(make_sentences):
    sentences = make_sentences(
        "Pakistan and Japan are due to sign a minerals trade pact on Tuesday, with Islamabad"
        " seeking to rely less on China.",
        "Pakistan's minister Ali Raza and Japan's ambassador Kenji Sato signed a minerals trade"
        " agreement in Tokyo.",
    )
    first, second = facts_of(sentences)
    assert "islamabad" in first.parties
    assert grouping.restates(first, second)


STAKE_TELLINGS = (
    "Harrow Minerals and Lunga Capital will buy a 12% stake in Tamsin Gold's copper unit.",
    "Harrow Minerals will pay $1.8 billion in cash to acquire the 12% stake in Tamsin Gold's unit.",
    "Harrow Minerals will pay $1.8 billion in cash to acquire its stake in Tamsin Gold's unit.",
    "Harrow Minerals will buy Tamsin Gold's copper unit, its chief executive told reporters.",
)


def test_a_telling_with_the_price_and_every_figure_tells_more_terms(make_sentences):
    bare, priced, price_only, no_figure = facts_of(make_sentences(*STAKE_TELLINGS))
    assert grouping.tells_with_more_terms(priced, bare)
    assert not grouping.tells_with_more_terms(bare, priced)
    # Drops the 12%: it adds the price but loses the share, so it is not the fuller telling.
    assert not grouping.tells_with_more_terms(price_only, bare)
    # A telling with no figure is not pinned to the priced one's fact.
    assert not grouping.tells_with_more_terms(priced, no_figure)


def _one_party_in_common(n: int) -> tuple[list[grouping.Facts], list[int]]:
    """n sentences from n articles all naming the event's main party; pairs (2m, 2m + 1) also
    name a second party and the same amount: the only facts stated twice."""
    facts = [
        grouping.Facts(
            parties=frozenset({"harbour authority", f"firm {i // 2}"}),
            amounts=frozenset({f"USD {i // 2}e+06"}),
            events=frozenset({"sign"}),
            days=frozenset(),
        )
        for i in range(n)
    ]
    return facts, list(range(n))


def test_fact_pairs_touch_pairs_sharing_two_parties_not_every_pair(monkeypatch):
    """One name in every sentence makes every pair share a party; only the pairs that could be
    one fact are compared, so the work grows with them (counted, not timed)."""
    compared = count_calls(monkeypatch, grouping, "_same_parties", lambda shared, *_: len(shared))
    counts = []
    for n in (100, 400):
        compared.count = 0
        facts, articles = _one_party_in_common(n)
        found = sorted(grouping.fact_pairs(facts, articles))
        assert found == sorted((i, i ^ 1) for i in range(n))
        counts.append(compared.count)
    assert counts == [100, 400]  # each found pair once per order, nothing else
