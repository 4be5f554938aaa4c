"""Property tests of the whole build on small generated folders (issue 13, "Fuzzing").

Articles are put together from word lists written for this test: deal, quote, figure, mineral,
date and filler sentences, with now and then a fragment a hostile or careless source could hold
(markup, template openers, runs of punctuation, other scripts). Whatever the folder, the build
gives a consistent brief, or stops with the one-line error that names why (nothing usable, no
key point); it never raises anything else, and gives the same brief twice.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefgen import pipeline
from briefgen.brief import Brief
from briefgen.errors import NoArticlesError, NothingToBriefError
from briefgen.output import render_all

PEOPLE = ["Amara Osei", "Lena Fischer", "Tomás Ruiz", "Mei Tanaka", "Kwame Mensah", "Ivo Horvat"]
COMPANIES = [
    "Northwind Metals",
    "Blue Ridge Mining",
    "Kestrel Power",
    "Solano Rail",
    "Ardent Battery Corp",
    "Harbour Lithium Ltd",
]
PLACES = ["Zambia", "Chile", "Norway", "Peru", "Ghana", "Western Australia", "Ontario"]
MINERALS = ["copper", "lithium", "cobalt", "nickel", "graphite", "rare earths"]
DEALS = ["agreed to buy", "signed a supply deal with", "invested in", "sued", "partnered with"]
MONTHS = ["January", "March", "June", "September", "November"]
FILLER = [
    "the board said",
    "talks had gone on for months",
    "and",
    "regulators still had to approve the plan",
    "while analysts expected",
    "shares to rise",
    "after the announcement",
]
HOSTILE = [
    "{{ secret }}",
    "{% include x %}",
    "{# note #}",
    "<script>alert(1)</script>",
    "**bold**",
    "[link](javascript:x)",
    "| a | b |",
    "$x$",
    "((((((((((((",
    "!!!!!!!!!!!!!!!!",
    "\u200b",
    "Ελλάδα",
    "北京市",
    "🚀",
    "\\",
    "&amp;",
]

person = st.sampled_from(PEOPLE)
company = st.sampled_from(COMPANIES)
place = st.sampled_from(PLACES)
mineral = st.sampled_from(MINERALS)
amount = st.integers(min_value=1, max_value=950)
day = st.integers(min_value=1, max_value=28)
month = st.sampled_from(MONTHS)
year = st.integers(min_value=2019, max_value=2027)

SENTENCES = st.one_of(
    st.builds(
        lambda a, verb, b, n, m, d, y: f"{a} {verb} {b} for ${n} million on {m} {d}, {y}.",
        company,
        st.sampled_from(DEALS),
        company,
        amount,
        month,
        day,
        year,
    ),
    st.builds(
        lambda p, c, w: f'"{" ".join(w).capitalize()}," said {p}, chief executive of {c}.',
        person,
        company,
        st.lists(st.sampled_from(FILLER), min_size=2, max_size=5),
    ),
    st.builds(
        lambda m, pl, n: f"The {m} mine in {pl} produces {n},000 tonnes a year.",
        mineral,
        place,
        amount,
    ),
    st.builds(lambda c, n: f"{c} will hold a {n % 100}% stake in the project.", company, amount),
    st.builds(
        lambda w: " ".join(w).capitalize() + ".",
        st.lists(st.sampled_from(FILLER), min_size=2, max_size=8),
    ),
    st.builds(
        lambda before, h, after: f"{before.capitalize()} {h} {after}.",
        st.sampled_from(FILLER),
        st.sampled_from(HOSTILE),
        st.sampled_from(FILLER),
    ),
)

ARTICLE = st.builds(
    lambda title, paragraphs: f"{title}\n\n" + "\n\n".join(" ".join(p) for p in paragraphs) + "\n",
    st.builds(lambda c, pl: f"{c} moves into {pl}", company, place),
    st.lists(st.lists(SENTENCES, min_size=1, max_size=4), min_size=1, max_size=3),
)
FOLDER = st.lists(ARTICLE, min_size=1, max_size=4)


def build(folder: Path) -> Brief:
    return pipeline.build(folder, date="2025-01-01", jobs=1)


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(FOLDER, st.sampled_from(["txt", "md"]))
def test_any_small_folder_gives_a_consistent_brief_or_says_why_not(nlp, articles, suffix):
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for i, text in enumerate(articles):
            (folder / f"article-{i}.{suffix}").write_text(text, encoding="utf-8")
        try:
            brief = build(folder)
        except (NoArticlesError, NothingToBriefError) as err:
            assert "\n" not in str(err)
            return
        again = build(folder)
    assert brief.to_json() == again.to_json()  # deterministic
    assert brief.summary and brief.title.strip()
    ids = {source.id for source in brief.sources}
    cited = [
        item.sources
        for items in (
            brief.summary,
            brief.parties,
            brief.values,
            brief.figures,
            brief.minerals,
            brief.timeline,
            brief.context,
        )
        for item in items
    ]
    assert all(sources and set(sources) <= ids for sources in cited)
    files = render_all(brief, html=True)
    assert Brief.from_dict(json.loads(files["json"])).to_json() == brief.to_json()
    assert files["md"].decode("utf-8").strip()
