"""Timeline: points in time with what happened then; ISO only from the text, never invented."""

from __future__ import annotations

import pytest
from calls import count_calls

from briefgen import ingest
from briefgen import nlp as nlp_module
from briefgen.analyse.dates import event_text, find_timeline
from briefgen.annotate import clean
from briefgen.annotate.dates import read
from briefgen.brief import Article, ContextItem


@pytest.fixture
def timeline(nlp):
    """timeline((text, date-or-None), ...) -> TimelineEvents of those articles."""

    def _build(*articles: tuple[str, str | None], context: tuple[ContextItem, ...] = ()):
        parsed = nlp_module.parse(
            nlp,
            [
                Article(file=f"t{i}.txt", text=ingest.normalise(text), sha256=str(i), date=day)
                for i, (text, day) in enumerate(articles)
            ],
        )
        return find_timeline(clean.content_sentences(parsed), parsed, context)

    return _build


@pytest.mark.parametrize(
    "text", ["July 31", "Monday", "last month", "Last Monday", "May", "2025", "three weeks ago"]
)
def test_points_in_time(text):
    assert read(text).kind == "point"


@pytest.mark.parametrize(
    "text",
    ["six-year", "each year", "annual", "recent months", "today", "10 years", "58-year-old"],
)
def test_durations_frequencies_and_vague_periods_are_not_points_in_time(text):
    assert read(text).kind != "point"


def test_a_full_date_is_normalised_to_iso(timeline):
    [event] = timeline(
        ("The two countries signed a trade accord on July 31, 2025 in Washington.", None)
    )
    assert (event.text, event.date) == ("July 31, 2025", "2025-07-31")


def test_day_month_year_order_is_read_too(timeline):
    [event] = timeline(
        ("The ministry signed the mining lease on 3 March 2024 in the capital.", None)
    )
    assert event.date == "2024-03-03"


def test_the_year_comes_from_the_articles_own_date(timeline):
    [event] = timeline(
        ("The two countries signed a trade accord on July 31 in Washington.", "2025-08-04")
    )
    assert (event.text, event.date) == ("July 31", "2025-07-31")


def test_the_inferred_year_is_the_one_nearest_the_article_date(timeline):
    [event] = timeline(
        ("The regulator approved the licence on December 30 after long talks.", "2026-01-03")
    )
    assert event.date == "2025-12-30"


def test_the_year_comes_from_the_one_year_the_same_article_states(timeline):
    events = timeline(
        (
            "The ceasefire held through 2025 despite the tensions. "
            "The two countries signed a trade accord on July 31 in Washington.",
            None,
        )
    )
    assert {e.text: e.date for e in events}["July 31"] == "2025-07-31"


def test_no_year_is_invented_without_one_in_the_article(timeline):
    events = timeline(
        ("The two countries signed a trade accord on July 31 in Washington.", None),
        ("The ceasefire between the neighbours held through 2025, officials said.", None),
    )
    assert {e.text: e.date for e in events}["July 31"] is None


def test_no_year_is_taken_when_the_article_states_several(timeline):
    events = timeline(
        (
            "The mine opened in 2019 and closed in 2023 after a long strike. "
            "The two countries signed a trade accord on July 31 in Washington.",
            None,
        )
    )
    assert {e.text: e.date for e in events}["July 31"] is None


def test_relative_dates_are_kept_as_written_without_a_date(timeline):
    events = timeline(
        (
            "The company signed the agreement on Monday in the capital. "
            "India and Russia said last month that they would cooperate on minerals.",
            None,
        )
    )
    assert [(e.text, e.date) for e in events] == [("Monday", None), ("last month", None)]


def test_durations_frequencies_and_vague_periods_are_skipped(timeline):
    events = timeline(
        (
            "The goal of this six-year plan is to encourage the recycling of batteries. "
            "The plant will produce about 40 kilotons of minerals each year. "
            "In recent months, political ties between the countries have improved. "
            "The embassy said the delegation signed the agreement today.",
            None,
        )
    )
    assert events == []


def test_a_holiday_is_a_point_in_time(timeline):
    [event] = timeline(
        (
            "On Pakistan's Independence Day, the State Department hailed progress on a trade deal.",
            None,
        )
    )
    assert (event.text, event.date) == ("Independence Day", None)


def test_the_same_event_reported_by_several_articles_is_one_entry(timeline):
    events = timeline(
        ("The agreement was signed at the Prime Minister's House on Monday by both firms.", None),
        (
            "Both firms signed the agreement at the Prime Minister's House on Monday, aides said.",
            None,
        ),
    )
    assert [(e.text, e.sources) for e in events] == [("Monday", ["S1", "S2"])]


def test_a_day_without_year_joins_the_same_event_dated_in_another_article(timeline):
    events = timeline(
        ("The two countries signed a trade accord on July 31 that lowered duties.", None),
        ("The two countries signed a trade accord on July 31, 2025, lowering duties.", None),
    )
    assert [(e.text, e.date, e.sources) for e in events] == [
        ("July 31, 2025", "2025-07-31", ["S1", "S2"])
    ]


def test_different_events_on_the_same_relative_date_stay_apart(timeline):
    events = timeline(
        ("India and Russia said last month that they were studying rare earth supplies.", None),
        (
            "Last month, Secretary of State Marco Rubio praised cooperation with Pakistan on oil.",
            None,
        ),
    )
    assert len(events) == 2


def test_dated_events_come_first_in_date_order_then_undated_by_sources(timeline):
    events = timeline(
        (
            "The cabinet approved the plan on Tuesday after a short debate. "
            "The two countries signed a trade accord on July 31, 2025 in Washington.",
            None,
        ),
        (
            "The regulator granted the mining lease on March 3, 2024 to the firm. "
            "The cabinet approved the plan on Tuesday, the ministry said.",
            None,
        ),
        ("In May the neighbours fought a short war along the border.", None),
    )
    assert [(e.text, e.date) for e in events] == [
        ("March 3, 2024", "2024-03-03"),
        ("July 31, 2025", "2025-07-31"),
        ("Tuesday", None),
        ("May", None),
    ]
    assert events[2].sources == ["S1", "S2"]


def test_the_event_is_the_sentence_without_its_date_phrase():
    text = "Last Monday, the Indian Union Cabinet approved a Rs 1,500-crore incentive plan."
    assert event_text(text, 0, len("Last Monday")) == (
        "The Indian Union Cabinet approved a Rs 1,500-crore incentive plan."
    )
    text = "The agreement was inked at the House on Monday between the two firms."
    start = text.index("Monday")
    assert event_text(text, start, start + 6) == (
        "The agreement was inked at the House between the two firms."
    )


def test_a_date_that_is_part_of_a_phrase_stays_in_the_event():
    text = "On Pakistan's Independence Day, the State Department hailed progress on a trade deal."
    start = text.index("Independence Day")
    assert event_text(text, start, start + len("Independence Day")) == text


def test_a_long_event_is_cut_to_the_clause_that_holds_the_date():
    text = (
        "The MoU was signed between the two firms at the House on Monday, according to a statement "
        "from the embassy, which added that further agreements between companies of both countries "
        "in the mining sector would follow in the coming months and years, once the two "
        "governments have approved the terms of the framework."
    )
    start = text.index("Monday")
    event = event_text(text, start, start + 6)
    assert event == "The MoU was signed between the two firms at the House …"
    assert len(event.split()) <= 40


def test_seeds_timeline_has_the_signing_day_and_the_background_dates(seeds_corpus, seeds_sentences):
    events = find_timeline(seeds_sentences, seeds_corpus)
    by_text = {e.text: e for e in events}
    assert {"Monday", "July 31", "Independence Day", "May", "Last Monday"} <= set(by_text)
    assert len(by_text["Monday"].sources) >= 3
    undated = [e for e in events if not any(ch.isdigit() for ch in e.text)]
    assert undated[0].text == "Monday"  # the most reported undated event leads the undated ones
    assert all(e.date is None for e in events)  # the seeds give no year for any day
    assert not {"six-year", "annual", "each year", "today", "recent months"} & {
        e.text.lower() for e in events
    }


# --------------------------------------------------------------------------- clean event clauses


def test_a_leading_preposition_and_date_leave_a_clean_capitalised_clause():
    text = "In 2023, the two governments backed a separate upgrade of the port railway."
    start = text.index("2023")
    assert event_text(text, start, start + 4) == (
        "The two governments backed a separate upgrade of the port railway."
    )


def test_a_part_of_the_day_goes_out_with_its_date():
    text = "On Tuesday morning, the smelter resumed shipments to its port."
    start = text.index("Tuesday")
    assert event_text(text, start, start + len("Tuesday")) == (
        "The smelter resumed shipments to its port."
    )


def test_a_date_glued_to_a_word_stays_in_the_event():
    text = "The purchase of the refinery is expected to close in mid-2027."
    start = text.index("2027")
    assert event_text(text, start, start + 4) == text


def test_a_date_in_an_attribution_dates_what_was_said():
    text = (
        "After eleven months of negotiation, the two state refiners and the provincial miner"
        " signed a framework for joint exploration of the northern copper belt and the building of"
        " two concentrators near the coast, according to a joint note the three issued on"
        " Friday, which added that the first drilling would follow in the dry season."
    )
    start = text.index("Friday")
    assert event_text(text, start, start + len("Friday")) == (
        "After eleven months of negotiation, the two state refiners and the provincial miner"
        " signed a framework for joint exploration of the northern copper belt and the building"
        " of two concentrators near the coast …"
    )


def test_a_clause_cut_from_its_sentence_opens_without_its_connector():
    text = (
        "The province has courted investors for a decade, selling stakes in ports, railways and"
        " power plants to funds from three continents, but the smelter is the first plant in the"
        " metals industry it has sold since it created a mining agency in March with its partner."
    )
    start = text.index("March")
    assert event_text(text, start, start + len("March")).startswith(
        "The smelter is the first plant in the metals industry"
    )


def test_a_sentence_opening_with_a_pronoun_gives_no_entry(timeline):
    events = timeline(
        (
            "Norland Mining raised its copper output in 2024. It plans a second kiln in 2026.",
            None,
        )
    )
    assert [(e.text, e.event) for e in events] == [
        ("2024", "Norland Mining raised its copper output.")
    ]


def test_a_clause_without_a_finite_verb_is_no_event(timeline):
    events = timeline(
        (
            "The nickel market will stay in surplus in 2026, though less than now, with new"
            " Indonesian supply expected to arrive in late 2026.",
            None,
        )
    )
    assert [(e.text, e.event) for e in events] == [
        ("2026", "The nickel market will stay in surplus.")
    ]


def test_a_date_that_ends_its_clause_is_taken_out(timeline):
    [event] = timeline(("The company plans a listing of its battery unit next year.", None))
    assert (event.text, event.event) == (
        "next year",
        "The company plans a listing of its battery unit.",
    )


def test_a_deadline_keeps_its_date_in_the_event(timeline):
    [event] = timeline(("The government aims to double copper output by 2031.", None))
    assert event.event == "The government aims to double copper output by 2031."


def test_dates_in_coordinated_clauses_give_each_its_own_clause(timeline):
    events = timeline(
        (
            "Chile's lithium exports rose to 200,000 tonnes last year, and the ministry plans "
            "to double them by 2030.",
            None,
        )
    )
    assert {e.text: e.event for e in events} == {
        "last year": "Chile's lithium exports rose to 200,000 tonnes.",
        "2030": "The ministry plans to double them by 2030.",
    }


def test_dates_in_a_subordinate_clause_give_each_its_own_clause(timeline):
    events = timeline(
        (
            "The regulator fined the mining company in June after a tailings dam collapsed "
            "in March near the river.",
            None,
        )
    )
    assert {e.text: e.event for e in events} == {
        "June": "The regulator fined the mining company.",
        "March": "A tailings dam collapsed near the river.",
    }


def test_while_separates_two_dated_clauses(timeline):
    events = timeline(
        ("Exports of refined nickel fell sharply in 2024 while imports of ore rose in 2025.", None)
    )
    assert [(e.text, e.event) for e in events] == [
        ("2024", "Exports of refined nickel fell sharply."),
        ("2025", "Imports of ore rose."),
    ]


def test_a_list_joined_by_and_is_not_a_clause_boundary(timeline):
    events = timeline(
        (
            "The firm signed supply deals with Chile, Peru, and Bolivia in 2022 and expanded "
            "them in 2024.",
            None,
        )
    )
    assert [e.text for e in events] == ["2022"]


def test_dates_that_share_one_clause_give_one_entry_under_the_first(timeline):
    events = timeline(("The mine opened in 2019 and closed in 2023 after a long strike.", None))
    assert [e.text for e in events] == ["2019"]


def test_dates_that_share_one_clause_give_one_entry_under_the_most_specific(timeline):
    events = timeline(
        (
            "The ministry said on Monday that the lease was granted on March 3, 2024 to the firm.",
            None,
        )
    )
    assert [(e.text, e.date) for e in events] == [("March 3, 2024", "2024-03-03")]


def test_no_two_entries_of_the_seeds_tell_the_same_event(seeds_corpus, seeds_sentences):
    events = [e.event for e in find_timeline(seeds_sentences, seeds_corpus)]
    assert len(events) == len(set(events))


# --------------------------------------------------------------------------- order


def test_a_bare_year_sorts_as_its_start_without_an_invented_date(timeline):
    events = timeline(
        ("The regulator granted the licence on March 3, 2023 to the firm.", None),
        ("The ministry expects the mine to reach full output in 2031.", None),
        ("The mine opened in 2023 after years of delay.", None),
    )
    assert [(e.text, e.date) for e in events] == [
        ("2023", None),
        ("March 3, 2023", "2023-03-03"),
        ("2031", None),
    ]


def test_a_month_sorts_in_the_one_year_its_article_states(timeline):
    events = timeline(
        ("The regulator granted the licence on March 3, 2024 to the firm.", None),
        (
            "Copper output rose in 2024 at the northern mine. The workers struck in May over pay.",
            None,
        ),
        ("The smelter opened in 2025 after long delays.", None),
    )
    assert [(e.text, e.date) for e in events] == [
        ("2024", None),
        ("March 3, 2024", "2024-03-03"),
        ("May", None),
        ("2025", None),
    ]


def test_relative_dates_and_future_milestones_follow_the_calendar_ones(timeline):
    events = timeline(
        ("The two firms signed the deal on Monday in the capital.", None),
        ("Construction of the smelter will begin in January, the company said.", None),
        ("The company plans a listing of its battery unit next year.", None),
        ("The ministry expects the mine to reach full output in 2031.", None),
    )
    assert [e.text for e in events] == ["2031", "Monday", "January", "next year"]
    assert all(e.date is None for e in events)


def test_a_weekday_is_placed_in_the_articles_week(timeline):
    events = timeline(
        ("The company signed the agreement on Monday in the capital.", "2025-06-05"),
    )
    assert [(e.text, e.date) for e in events] == [("Monday", "2025-06-02")]


def test_yesterday_is_the_day_before_the_article(timeline):
    events = timeline(("The two ministers signed the accord yesterday in Lima.", "2025-03-01"))
    assert [(e.text, e.date) for e in events] == [("yesterday", "2025-02-28")]


def test_relative_months_sort_on_the_calendar_without_a_day(timeline):
    events = timeline(
        (
            "The miner reported record output in 2019. "
            "India and Russia said last month that they would cooperate on minerals. "
            "The firms signed the accord on June 2, 2025, in the capital.",
            "2025-06-05",
        ),
    )
    assert [(e.text, e.date) for e in events] == [
        ("2019", None),
        ("last month", None),
        ("June 2, 2025", "2025-06-02"),
    ]


def test_a_weekday_placed_in_one_article_joins_the_same_day_unplaced_in_another(timeline):
    events = timeline(
        ("The Andean Copper deal was signed on Tuesday by the two mining ministers.", "2025-06-05"),
        ("The two mining ministers signed the Andean Copper deal on Tuesday.", None),
    )
    assert [(e.text, e.date, e.sources) for e in events] == [
        ("Tuesday", "2025-06-03", ["S1", "S2"])
    ]


def test_an_undated_articles_day_and_month_take_the_year_of_the_dated_articles(timeline):
    events = timeline(
        (
            "The regulator approved the merger of the two miners on Tuesday in the capital.",
            "2024-11-12",
        ),
        ("Shares of the smaller miner closed at a record on November 8 before the news.", None),
    )
    assert [(e.text, e.date) for e in events] == [
        ("November 8", "2024-11-08"),
        ("Tuesday", "2024-11-12"),
    ]


def test_tomorrow_is_not_placed_by_a_page_date_months_after_the_others(timeline):
    events = timeline(
        ("The miner signed the supply contract with the army on Thursday in Denver.", "2025-09-11"),
        ("The share purchase by the army closes tomorrow at a fixed price.", "2026-04-19"),
    )
    assert [(e.text, e.date) for e in events] == [("Thursday", "2025-09-11"), ("tomorrow", None)]


def test_a_dateline_day_dates_an_undated_article_for_its_relative_dates(timeline):
    events = timeline(
        ("LISBON, June 4 (Wire) - The ministry approved the smelter licence on Tuesday.", None),
        ("The regulator cleared the smelter plan on 2 June 2025, the agency said.", "2025-06-02"),
    )
    assert {e.text: e.date for e in events}["Tuesday"] == "2025-06-03"


def test_without_a_dateline_a_weekday_of_an_undated_article_stays_unplaced(timeline):
    events = timeline(
        ("The ministry approved the smelter licence on Tuesday, officials said.", None),
        ("The regulator cleared the smelter plan on 2 June 2025, the agency said.", "2025-06-02"),
    )
    assert {e.text: e.date for e in events}["Tuesday"] is None


def test_today_in_a_dated_article_is_its_date_when_something_was_done(timeline):
    [event] = timeline(
        (
            "The trade minister today signed the supply agreement in the capital. "
            "Today, the country is the largest producer of the metal. "
            "Today's prices rose sharply on the news.",
            "2024-05-14",
        )
    )
    assert (event.text, event.date) == ("today", "2024-05-14")
    assert "signed the supply agreement" in event.event


def test_a_possessive_date_stays_in_its_sentence(timeline):
    events = timeline(
        (
            "Such pacts help firms claim the subsidies in last year’s "
            "clean energy law, officials said.",
            "2023-06-14",
        )
    )
    assert [e.event for e in events] == [
        "Such pacts help firms claim the subsidies in last year’s clean energy law, officials said."
    ]


def test_an_event_the_context_tells_keeps_its_date_and_points_to_the_context(timeline):
    background = (
        "Two years ago the regulator had fined the smelter for breaching its export quota "
        "after a long inquiry."
    )
    text = f"The company signed the agreement on Monday in the capital. {background}"
    plain = timeline((text, "2025-03-05"))
    pointed = timeline((text, "2025-03-05"), context=(ContextItem(background, ["S1"]),))
    assert [e.text for e in pointed] == [e.text for e in plain]  # same dates, same order
    told = {e.text: e.event for e in pointed}
    assert told["Two years ago"] == (
        "The regulator had fined the smelter for breaching … (see Context)"
    )
    assert told["Monday"] == {e.text: e.event for e in plain}["Monday"]


def test_only_the_sentence_the_context_shows_becomes_a_pointer(timeline):
    shown = "The pension fund said last week that it was open to the miner's own plan."
    text = f"The miner unveiled its own plan to stay independent last week. {shown}"
    events = timeline((text, None), context=(ContextItem(shown, ["S1"]),))
    assert len(events) == 1  # one relative date, one entry: the two sentences share it
    [event] = events
    assert event.event.startswith("The miner unveiled its own plan")
    assert not event.event.endswith("(see Context)")  # the fund's sentence is not the one shown


# --- the representative of a big event: the mention most like the others, in linear time ---


def _mention(words: dict[str, int], event: str, position: int):
    from briefgen.analyse.dates import _Mention

    return _Mention(
        sentence=None,  # type: ignore[arg-type]  # not read by _representative
        text="March 3",
        iso="2030-03-03",
        month_day=(3, 3),
        written_in_full=False,
        when=(2030, 3, 3),
        event=event,
        words=words,
        position=(position, 0, 0),
    )


def test_representative_is_the_mention_most_like_the_others():
    from briefgen.analyse.dates import _Event, _representative

    usual = {"port": 2, "reopen": 1, "strike": 1}
    mentions = [
        _mention({"minister": 1, "visit": 1}, "The minister visited", 0),
        _mention(usual, "The port reopened after the strike ended", 1),
        _mention({**usual, "union": 1}, "The port reopened after the union strike", 2),
        _mention(usual, "The port reopened after the strike", 3),  # a shorter re-post
    ]
    assert _representative(_Event(mentions)).position == (3, 0, 0)


def test_representative_of_a_big_event_compares_each_wording_with_few_peers(monkeypatch):
    from briefgen.analyse import dates

    calls = []
    real = dates.similarity

    def counted(a, b):
        calls.append(1)
        return real(a, b)

    monkeypatch.setattr(dates, "similarity", counted)
    n = 600
    mentions = [_mention({"port": 1, f"word{i}": 1}, f"Event {i}", i) for i in range(n)]
    mentions.append(_mention({"port": 1, "word7": 1}, "Event 7 again", n))
    chosen = dates._representative(dates._Event(mentions))
    assert len(calls) <= n * (dates.MAX_PEERS + 1)
    assert chosen.position == (7, 0, 0)  # its wording is the only one written twice


def test_re_posts_cluster_as_comparing_every_pair_clusters_them():
    import random

    from briefgen.analyse import dates

    def every_pair(mentions):
        events: list[list[int]] = []
        for i in range(len(mentions)):
            joined = [
                e
                for e in events
                if any(
                    dates._key(mentions[j]) == dates._key(mentions[i])
                    and dates.similarity(mentions[i].words, mentions[j].words) >= dates.SIMILAR
                    for j in e
                )
            ]
            merged = [i] + [j for e in joined for j in e]
            events = [e for e in events if e not in joined] + [sorted(merged)]
        return sorted(events)

    rng = random.Random(5)
    wordings = [{"smelter": 2, "open": 1}, {"smelter": 2, "close": 1}, {"port": 1}, {}]
    mentions = [_mention(dict(rng.choice(wordings)), "e", i) for i in range(60)]
    index = {id(m): i for i, m in enumerate(mentions)}
    clustered = sorted(sorted(index[id(m)] for m in e.mentions) for e in dates._cluster(mentions))
    assert clustered == every_pair(mentions)


def _dated_mention(text: str, iso: str | None, words: dict[str, int], position: int):
    from briefgen.analyse.dates import _Mention

    month_day = (3, 3) if "March 3" in text else None
    return _Mention(
        sentence=None,  # type: ignore[arg-type]  # not read by _cluster
        text=text,
        iso=iso,
        month_day=month_day,
        written_in_full=False,
        when=None,
        event="e",
        words=words,
        position=(position, 0, 0),
    )


def _every_pair_events(mentions) -> list[list[int]]:
    """Single linkage over every pair that shares a bucket (ISO key, text, or day and month,
    two full dates compared by their key only), as the definition."""
    from briefgen.analyse import dates

    parent = list(range(len(mentions)))

    def root(i: int) -> int:
        while parent[i] != i:
            i = parent[i]
        return i

    for i, a in enumerate(mentions):
        for j in range(i):
            b = mentions[j]
            same_key = dates._key(a) == dates._key(b)
            other_bucket = a.text.lower() == b.text.lower() or (
                a.month_day is not None and a.month_day == b.month_day
            )
            if not (same_key or (other_bucket and not (a.iso and b.iso))):
                continue
            twins = a.words and a.words == b.words and a.iso == b.iso
            if twins or dates.similarity(a.words, b.words) >= dates.SIMILAR:
                parent[root(i)] = root(j)
    events: dict[int, list[int]] = {}
    for i in range(len(mentions)):
        events.setdefault(root(i), []).append(i)
    return sorted(events.values())


def _random_mentions(n: int, seed: int):
    import random

    rng = random.Random(seed)
    texts = ["Monday", "March 3", "March 3, 2030", "2030", "last week"]
    isos = [None, "2030-03-03", "2030-03-10", "2030-02-28"]
    vocabulary = ["port", "strike", "smelter", "vote", "tariff", "union", "deal", "court"]
    out = []
    for i in range(n):
        words = {w: rng.choice((1, 2)) for w in rng.sample(vocabulary, rng.randrange(0, 4))}
        out.append(_dated_mention(rng.choice(texts), rng.choice(isos), words, i))
    return out


@pytest.mark.parametrize("seed", range(6))
def test_clusters_are_single_linkage_over_every_pair_of_a_bucket(seed):
    from briefgen.analyse import dates

    mentions = _random_mentions(150, seed)
    index = {id(m): i for i, m in enumerate(mentions)}
    clustered = sorted(sorted(index[id(m)] for m in e.mentions) for e in dates._cluster(mentions))
    assert clustered == _every_pair_events(mentions)


def test_a_big_bucket_costs_its_wordings_times_its_groups(monkeypatch):
    """Thousands of distinct wordings of a few events on "Monday": the comparisons grow with
    the mentions, not with their pairs (counted, not timed)."""
    from briefgen.analyse import dates

    calls = count_calls(monkeypatch, dates, "similarity")
    topics = [("port", "strike"), ("smelter", "tariff"), ("court", "vote")]

    def mentions(n: int):
        return [
            _dated_mention("Monday", None, {a: 2, b: 1, f"detail{i}": 1}, i)
            for i, (a, b) in ((i, topics[i % 3]) for i in range(n))
        ]

    counts = []
    for n in (300, 1200):
        calls.count = 0
        events = dates._cluster(mentions(n))
        assert len(events) == 3
        counts.append(calls.count)
    assert counts[1] <= 5 * counts[0]
    assert counts[1] <= 1200 * 3
