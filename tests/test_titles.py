"""titles.derive_title: the best-matching headline, else the lead key point's main clause."""

from __future__ import annotations

import pytest

from briefgen import ingest
from briefgen import nlp as nlp_module
from briefgen.analyse import titles
from briefgen.brief import Article, KeyPoint, Party

LEAD = KeyPoint(
    "Acme Mining signed a $2 billion agreement with Chile's state miner Cominor in Santiago on "
    "Monday to develop the El Alto copper mine, the company said.",
    ["S1", "S2"],
)

LEAD_TITLE = (
    "Acme Mining signed a $2 billion agreement with Chile's state miner Cominor in Santiago"
)


@pytest.fixture
def parse(nlp):
    def _parse(*texts: str, titles_: tuple[str | None, ...] = ()):
        articles = [
            Article(
                file=f"t{i}.txt",
                text=ingest.normalise(text),
                sha256=str(i),
                title=titles_[i] if i < len(titles_) else None,
            )
            for i, text in enumerate(texts)
        ]
        return nlp_module.parse(nlp, articles)

    return _parse


def test_seed_title_is_the_headline_matching_the_key_points(seeds_corpus):
    summary = [
        KeyPoint(
            "Pakistan has signed a $500 million memorandum of understanding (MoU) with the US "
            "Strategic Metals (USSM), a Missouri-based American company specializing in "
            "critical minerals.",
            ["S2", "S5"],
        ),
        KeyPoint("The deal covers the export of antimony and tungsten.", ["S2"]),
    ]
    assert titles.derive_title(seeds_corpus, summary, []) == (
        "Pakistan, U.S. Firm Strike Deal on Critical Minerals"
    )


def test_headline_from_metadata_loses_the_site_name(parse):
    corpus = parse(
        "Acme Mining signed a deal with Cominor on Monday.",
        titles_=("Acme Mining Signs $2bn Cominor Copper Deal | Mining Weekly",),
    )
    assert titles.derive_title(corpus, [LEAD], []) == "Acme Mining Signs $2bn Cominor Copper Deal"


def test_unrelated_headline_is_not_used(parse):
    corpus = parse("Weather Outlook For The Weekend\n\nIt will rain in Santiago on Saturday.")
    assert titles.derive_title(corpus, [LEAD], []) == LEAD_TITLE


def test_without_headlines_the_lead_key_point_is_cut_to_its_main_clause(parse):
    corpus = parse("Acme Mining signed a $2 billion agreement with Cominor on Monday.")
    title = titles.derive_title(corpus, [LEAD], [])
    assert title == LEAD_TITLE
    assert len(title.split()) <= titles.MAX_WORDS


def test_title_from_sentence_drops_dateline_attribution_and_parentheses():
    sentence = (
        "SANTIAGO — According to officials, the Chilean Copper Commission (Cochilco) "
        "approved the El Alto mine plan, which includes a new port."
    )
    assert titles.title_from_sentence(sentence) == (
        "The Chilean Copper Commission approved the El Alto mine plan"
    )


def test_title_never_ends_on_a_stop_word():
    title = titles.title_from_sentence(
        "Acme Mining and the Chilean government agreed to jointly develop the largest of the "
        "northern copper deposits over the next decade."
    )
    assert title.split()[-1].lower() not in titles.STOP


def test_bylines_and_dates_are_not_headlines():
    assert not titles.looks_like_headline("by Maryam Tariq")
    assert not titles.looks_like_headline("September 9, 2025")
    assert titles.looks_like_headline("Pakistan, U.S. Firm Strike Deal on Critical Minerals")


def test_no_summary_falls_back_to_the_parties(parse):
    corpus = parse("It rained.")
    parties = [
        Party("Acme Mining", "ORG", [], None, 3, ["S1"]),
        Party("Cominor", "ORG", [], None, 2, ["S1"]),
    ]
    assert titles.derive_title(corpus, [], parties) == "Briefing note: Acme Mining and Cominor"
    assert titles.derive_title(corpus, [], []) == "Briefing note"


def test_a_picture_caption_is_not_a_headline(parse):
    corpus = parse(
        "Acme Mining signs Cominor copper deal in Santiago Photo credit: Wire/Example\n\n"
        "Acme Mining signed a $2 billion agreement with Cominor on Monday."
    )
    assert titles.derive_title(corpus, [LEAD], []) == LEAD_TITLE
