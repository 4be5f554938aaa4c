"""Ingestion of Markdown and HTML, and the metadata (title, outlet, date, author) files carry."""

from __future__ import annotations

import logging
import socket
from pathlib import Path

import pytest

from briefgen import ingest
from briefgen.ingest.dates import parse_date
from briefgen.ingest.markdown import markdown_to_text

BODY = (
    "The two governments signed a water-sharing accord on Thursday after three years of talks, "
    "officials said."
)


def read_one(folder: Path, name: str, content: str | bytes):
    path = folder / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    (article,) = ingest.read_folder(folder)
    return article


# --- metadata lines at the top of text files ---------------------------------------------------


def test_headline_byline_date_and_source_lines_become_metadata(tmp_path: Path):
    text = (
        "Ministers agree water-sharing accord\n\n"
        "by Jane Okafor\n"
        "date: 2025-09-08\n"
        "source: The Daily Ledger\n\n"
        f"{BODY}\n"
    )
    article = read_one(tmp_path, "a.txt", text)
    assert (article.title, article.outlet, article.date, article.author) == (
        "Ministers agree water-sharing accord",
        "The Daily Ledger",
        "2025-09-08",
        "Jane Okafor",
    )
    # Metadata lines leave the text; the headline stays (later stages treat it as a heading).
    assert article.text == f"Ministers agree water-sharing accord\n\n{BODY}\n"


@pytest.mark.parametrize(
    ("line", "field", "value"),
    [
        ("Date 2025-09-08", "date", "2025-09-08"),
        ("Published: Monday, 8 September 2025, 10:32 PKT", "date", "2025-09-08"),
        ("September 8, 2025", "date", "2025-09-08"),
        ("Source: Dawn", "outlet", "Dawn"),
        ("Outlet: The Daily Ledger", "outlet", "The Daily Ledger"),
        ("By Jane Okafor and Li Wei", "author", "Jane Okafor and Li Wei"),
        ("Author: Staff reporter", "author", "Staff reporter"),
        ("Title: Accord signed after three years", "title", "Accord signed after three years"),
    ],
)
def test_metadata_line_forms(tmp_path: Path, line: str, field: str, value: str):
    article = read_one(tmp_path, "a.txt", f"{line}\n{BODY}\n")
    assert getattr(article, field) == value
    assert article.text == f"{BODY}\n"


def test_incomplete_date_is_not_metadata_and_stays_in_the_text(tmp_path: Path):
    article = read_one(tmp_path, "a.txt", f"Date: September 2025\n{BODY}\n")
    assert article.date is None
    assert article.text.startswith("Date: September 2025\n")


def test_metadata_like_lines_in_the_body_are_left_alone(tmp_path: Path):
    text = f"{BODY}\nBy Thursday evening the deal was public.\nSource: the ministry\n"
    article = read_one(tmp_path, "a.txt", text)
    assert (article.author, article.outlet) == (None, None)
    assert article.text == text


def test_a_repeated_field_at_the_top_is_content_not_metadata(tmp_path: Path):
    text = f"2025-01-10\nTalks began.\n2025-03-02\nDraft agreed.\n{BODY}\n"
    article = read_one(tmp_path, "a.txt", text)
    assert article.date == "2025-01-10"
    assert article.text == text.removeprefix("2025-01-10\n")


def test_byline_needs_a_capitalised_name(tmp_path: Path):
    article = read_one(tmp_path, "a.txt", f"by admin\n\n{BODY}\n")
    assert article.author is None
    assert article.text.startswith("by admin\n")


@pytest.mark.parametrize(
    "first_line",
    [
        "cooperation",  # a fragment left over from a cut headline
        "The meeting was attended by:",  # ends like an introduction
        "Officials said the accord was signed.",  # a sentence with a full stop
    ],
)
def test_first_lines_that_are_not_headlines(tmp_path: Path, first_line: str):
    assert read_one(tmp_path, "a.txt", f"{first_line}\n\n{BODY}\n").title is None


def test_headline_followed_directly_by_body_prose(tmp_path: Path):
    assert read_one(tmp_path, "a.txt", f"Accord Signed After Long Talks\n{BODY}\n").title == (
        "Accord Signed After Long Talks"
    )


# --- dates -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("2025-09-08", "2025-09-08"),
        ("2025/9/8", "2025-09-08"),
        ("2025-09-08T09:30:00+05:00", "2025-09-08"),
        ("8 September 2025", "2025-09-08"),
        ("8th Sept. 2025", "2025-09-08"),
        ("Sep 8, 2025", "2025-09-08"),
        ("Monday, September 8, 2025 10:30 AM", "2025-09-08"),
        ("15/09/2025", "2025-09-15"),
        ("09/15/2025", "2025-09-15"),
        ("08/09/2025", None),  # day/month order unknown
        ("September 2025", None),  # incomplete
        ("2025", None),
        ("31 September 2025", None),  # no such day
        ("8 Smarch 2025", None),
        ("Monday", None),
    ],
)
def test_parse_date_accepts_only_complete_unambiguous_dates(text: str, iso: str | None):
    assert parse_date(text) == iso


# --- Markdown ----------------------------------------------------------------------------------


def test_markdown_syntax_is_reduced_to_prose():
    source = (
        "# Ministers agree accord\n\n"
        "The governments **signed** a [water accord](https://example.org/a) on *Thursday*. "
        "![photo](img.png)\n\n"
        "## What it covers\n\n"
        "- Quotas for the `dry season`\n"
        "- A joint commission\n"
        "  1. with a chair\n\n"
        "> “We welcome it,” the minister said.\n\n"
        "---\n\n"
        "<!-- hidden note --><div>Raw HTML block</div>\n"
    )
    assert markdown_to_text(source) == (
        "Ministers agree accord\n\n"
        "The governments signed a water accord on Thursday.\n\n"
        "What it covers\n\n"
        "• Quotas for the dry season\n"
        "• A joint commission\n"
        "  1. with a chair\n\n"
        "“We welcome it,” the minister said.\n\n"
        "Raw HTML block\n"
    )


def test_markdown_hard_wrapped_sentences_are_joined_but_short_lines_kept():
    source = (
        "Signing ceremony\n"
        "The governments signed the accord on Thursday after three years of talks\n"
        "between their negotiators, officials said.\n"
        "A second sentence ends its line.\n"
        "And a third one.\n"
    )
    assert markdown_to_text(source) == (
        "Signing ceremony\n"
        "The governments signed the accord on Thursday after three years of talks "
        "between their negotiators, officials said.\n"
        "A second sentence ends its line.\n"
        "And a third one.\n"
    )


def test_markdown_tables_become_rows_of_cells():
    source = "| Mineral | Reserves |\n|---|---|\n| Copper | 5 Mt |\n"
    assert markdown_to_text(source) == "Mineral | Reserves\nCopper | 5 Mt\n"


def test_markdown_escapes_and_entities_become_characters():
    assert (
        markdown_to_text(r"Prices rose 5\* in Q3 &amp; Q4 \#1") == "Prices rose 5* in Q3 & Q4 #1\n"
    )


def test_markdown_file_with_front_matter(tmp_path: Path):
    source = (
        "---\n"
        'title: "Ministers agree accord"\n'
        "date: 2025-09-08\n"
        "authors: [Jane Okafor, Li Wei]\n"
        "publisher: The Daily Ledger\n"
        "tags: [water]\n"
        "---\n"
        f"{BODY}\n"
    )
    article = read_one(tmp_path, "a.md", source)
    assert (article.title, article.outlet, article.date, article.author) == (
        "Ministers agree accord",
        "The Daily Ledger",
        "2025-09-08",
        "Jane Okafor, Li Wei",
    )
    assert article.text == f"{BODY}\n"


def test_markdown_heading_is_the_headline(tmp_path: Path):
    article = read_one(tmp_path, "a.md", f"# Ministers agree accord\n\n{BODY}\n")
    assert article.title == "Ministers agree accord"
    assert article.text == f"Ministers agree accord\n\n{BODY}\n"


def test_a_rule_and_prose_at_the_top_are_not_front_matter(tmp_path: Path):
    source = f"---\nNote: an aside about the talks\n---\n{BODY}\n"
    article = read_one(tmp_path, "a.md", source)
    assert "Note: an aside about the talks" in article.text


def test_markdown_of_only_images_has_no_text(tmp_path: Path, caplog):
    (tmp_path / "b.txt").write_text(f"{BODY}\n")
    (tmp_path / "a.md").write_text("![one](a.png)\n\n![two](b.png)\n")
    with caplog.at_level(logging.WARNING):
        assert [a.file for a in ingest.read_folder(tmp_path)] == ["b.txt"]
    assert [r.getMessage() for r in caplog.records] == ["skipped a.md: no article text found"]


# --- HTML --------------------------------------------------------------------------------------

PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Ministers agree water-sharing accord | The Daily Ledger</title>
<meta property="og:site_name" content="The Daily Ledger">
<meta property="og:title" content="Ministers agree water-sharing accord">
<meta name="author" content="Jane Okafor">
<meta property="article:published_time" content="2024-03-14T09:30:00+00:00">
</head><body>
<nav><a href="/">Home</a> <a href="/world">World news</a></nav>
<article>
<h1>Ministers agree water-sharing accord</h1>
<p>The two governments signed a water-sharing accord on Thursday after three years of talks,
officials said.</p>
<h2>What the deal covers</h2>
<p>The accord sets <b>quotas</b> for the river’s flow during the dry season and creates a
<a href="/commission">joint commission</a> to monitor dams.</p>
<ul><li>Quotas for the dry season</li><li>A joint commission</li></ul>
<p>Critics said the deal did not address groundwater, which farmers on both sides rely on.</p>
</article>
<aside>Related Posts: <a href="/x">Something else entirely</a></aside>
<footer>Copyright 2024 The Daily Ledger. All rights reserved.</footer>
</body></html>
"""


def test_html_main_text_and_metadata(tmp_path: Path):
    article = read_one(tmp_path, "page.html", PAGE)
    assert (article.title, article.outlet, article.date, article.author) == (
        "Ministers agree water-sharing accord",
        "The Daily Ledger",
        "2024-03-14",
        "Jane Okafor",
    )
    assert "What the deal covers\n" in article.text  # headings on lines of their own
    assert "sets quotas for the river’s flow" in article.text  # markup gone, quotes kept
    assert "• Quotas for the dry season\n• A joint commission" in article.text
    for chrome in ("Home", "Related Posts", "Copyright", "#", "**", "<"):
        assert chrome not in article.text


def test_html_extraction_never_opens_a_network_connection(tmp_path: Path, monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("network access during ingestion")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    page = PAGE.replace("</head>", '<link rel="canonical" href="https://example.org/a"></head>')
    assert read_one(tmp_path, "page.html", page).outlet == "The Daily Ledger"


def test_html_fragment_without_html_or_body_tags(tmp_path: Path):
    article = read_one(tmp_path, "a.htm", f"<h1>Accord signed</h1><p>{BODY}</p><p>{BODY}</p>")
    assert BODY in article.text


def test_html_without_article_text_is_skipped(tmp_path: Path, caplog):
    (tmp_path / "b.txt").write_text(f"{BODY}\n")
    (tmp_path / "a.html").write_text("<html><head><title>x</title></head><body></body></html>")
    with caplog.at_level(logging.WARNING):
        assert [a.file for a in ingest.read_folder(tmp_path)] == ["b.txt"]
    # One line of our own; the extraction library's own complaints are not passed on.
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING] == [
        "skipped a.html: no article text found in the HTML"
    ]


def test_html_date_does_not_depend_on_the_day_it_runs(tmp_path: Path):
    # A page dated after "today" keeps its date: validation uses a fixed latest date.
    page = PAGE.replace("2024-03-14T09:30:00", "2098-01-02T09:30:00")
    assert read_one(tmp_path, "page.html", page).date == "2098-01-02"


# --- dates the first lines carry ---------------------------------------------------------------


def test_a_leading_date_on_the_first_line_is_taken_and_the_body_kept(tmp_path: Path):
    article = read_one(tmp_path, "a.txt", f" date 2025-09-08 {BODY}\n")
    assert article.date == "2025-09-08"
    assert article.text == f"{BODY}\n"


def test_a_published_date_in_a_list_of_page_details(tmp_path: Path):
    text = (
        "Ministers agree water-sharing accord\n"
        "- Region\n"
        "- Published Date: 09:41 | 08 September 2025\n"
        f"{BODY}\n"
    )
    assert read_one(tmp_path, "a.txt", text).date == "2025-09-08"


@pytest.mark.parametrize(
    "opening",
    [
        "Riverton, (NNA - Daily Ledger - 8th Sep, 2025) ",
        "RIVERTON, September 8, 2025 (NNA) - ",
    ],
)
def test_a_news_agency_dateline_gives_the_date_and_stays_in_the_text(tmp_path: Path, opening):
    article = read_one(tmp_path, "a.txt", f"{opening}{BODY}\n")
    assert article.date == "2025-09-08"
    assert article.text == f"{opening}{BODY}\n"


def test_a_dateline_without_a_year_is_no_date(tmp_path: Path):
    assert read_one(tmp_path, "a.txt", f"RIVERTON, Sept 8 (NNA) - {BODY}\n").date is None


def test_a_photo_caption_date_is_not_the_articles(tmp_path: Path):
    caption = "FILE PHOTO: A dam near Riverton, June 11, 2016. REUTERS/File Photo"
    assert read_one(tmp_path, "a.txt", f"{caption}\n\n{BODY}\n").date is None


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("09:41 | 17 March 2026", "2026-03-17"),
        ("9:53 am - 8 Sep 2025", "2025-09-08"),
        ("15.09.2025", "2025-09-15"),  # not a time of day
        ("12:30", None),
    ],
)
def test_parse_date_reads_past_a_time_of_day_before_the_date(text: str, iso: str | None):
    assert parse_date(text) == iso


def test_byline_and_date_on_one_line_between_bullets_are_metadata(tmp_path: Path):
    text = (
        "date 2025-09-08 By Jane Okafor • Published: 08 Sep 2025 • 9:53\n\n"
        "Ministers agree water-sharing accord\n\n"
        f"{BODY}\n"
    )
    article = read_one(tmp_path, "a.txt", text)
    assert (article.author, article.date) == ("Jane Okafor", "2025-09-08")
    assert "Published" not in article.text


def test_a_line_with_a_bullet_that_is_not_all_metadata_stays_in_the_text(tmp_path: Path):
    text = f"By Jane Okafor • Ministers agree water-sharing accord\n\n{BODY}\n"
    article = read_one(tmp_path, "a.txt", text)
    assert article.author is None
    assert article.text.startswith("By Jane Okafor •")
