"""Property tests: whatever bytes or text a folder holds, ingestion returns clean articles or
says that nothing was usable (NoArticlesError); it never raises anything else."""

from __future__ import annotations

import hashlib
import tempfile
import unicodedata
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefgen import ingest
from briefgen.errors import NoArticlesError

NAMES = st.sampled_from(["a.txt", "b.md", "c.html", "d.htm", "e.TXT"])
ENCODINGS = st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "cp1252", "latin-1"])

# A little structure now and then, so the Markdown, HTML and metadata code paths are reached.
TEXTY = st.one_of(
    st.text(),
    st.text(alphabet=st.characters(codec="utf-8"), min_size=1, max_size=400),
    st.lists(
        st.sampled_from(
            [
                "# Heading\n",
                "By Jane Doe\n",
                "Date: 2025-09-08\n",
                "---\n",
                "title: x\n",
                "- item\n",
                "<p>para</p>",
                "<html><body>",
                "\r\n",
                "\n\n",
                "“quoted” text — here. ",
                "Officials met on Tuesday and signed the accord. ",
                "\x00",
                "\ufeff",
                "[link](http://example.org) ",
                "![img](a.png)",
            ]
        ),
        max_size=30,
    ).map("".join),
)


def check(files: dict[str, bytes]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for name, data in files.items():
            (folder / name).write_bytes(data)
        try:
            articles = ingest.read_folder(folder)
        except NoArticlesError:
            return
    assert 1 <= len(articles) <= len(files)
    for article in articles:
        assert article.text.strip()
        assert article.text.endswith("\n")
        assert "\r" not in article.text and "\x00" not in article.text
        assert unicodedata.is_normalized("NFC", article.text)
        assert article.sha256 == hashlib.sha256(article.text.encode("utf-8")).hexdigest()
        assert article.date is None or len(article.date) == 10


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(NAMES, st.binary(max_size=2000), min_size=1, max_size=4))
def test_random_bytes_never_raise_anything_but_no_articles(files: dict[str, bytes]):
    check(files)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(NAMES, st.tuples(TEXTY, ENCODINGS), min_size=1, max_size=4))
def test_random_text_in_any_encoding_never_raises(files: dict[str, tuple[str, str]]):
    check({name: text.encode(enc, errors="ignore") for name, (text, enc) in files.items()})


# --- markup: HTML pages and Markdown files built from fragments ------------------------------

WORDS = st.sampled_from(
    [
        "the copper mine",
        "deal was signed",
        "in Lusaka on Tuesday",
        "officials said",
        "a stake of",
        "million dollars",
        "company board shareholders",
        "approved the plan",
        "rail line export",
    ]
)
SENTENCE = st.lists(WORDS, min_size=2, max_size=6).map(lambda w: " ".join(w).capitalize() + ".")
HIDDEN = "HIDDENMARKER"  # only ever inside elements a reader never sees

HTML_LEAVES = st.one_of(
    SENTENCE,
    st.sampled_from(
        [
            "&amp;",
            "&lt;b&gt;",
            "&#8217;",
            "&#x2014;",
            "&nbsp;",
            "&bogus;",
            "&#0;",
            "&#xD800;",
            "&#1114112;",
            "<br>",
            "<br/>",
            "<img src=x.png alt='a photo'>",
            "<!-- a comment -->",
            "<![CDATA[ raw ]]>",
            "<p>",
            "</div>",
            "<",
            ">",
            f"<script>var note = '{HIDDEN}'; if (a < b) {{}}</script>",
            f"<style>.{HIDDEN} {{ color: red }}</style>",
        ]
    ),
    st.text(max_size=30),
)
TAGS = st.sampled_from(
    ["p", "div", "article", "main", "span", "b", "em", "a", "h1", "h2", "li", "ul", "td", "pre"]
)


def _element(tag: str, children: list[str]) -> str:
    return f"<{tag}>" + " ".join(children) + f"</{tag}>"


HTML_BODY = st.recursive(
    HTML_LEAVES,
    lambda kids: st.builds(_element, TAGS, st.lists(kids, max_size=5)),
    max_leaves=25,
)
HTML_PAGE = st.tuples(st.booleans(), st.lists(HTML_BODY, min_size=1, max_size=6)).map(
    lambda t: (
        "<html><head><title>A page</title></head><body>" + "\n".join(t[1]) + "</body></html>"
        if t[0]
        else "\n".join(t[1])  # a bare fragment, as some tools save a page
    )
)

MARKDOWN_BLOCKS = st.one_of(
    SENTENCE,
    SENTENCE.map(lambda s: f"# {s}"),
    SENTENCE.map(lambda s: f"- {s}\n- {s}"),
    SENTENCE.map(lambda s: f"> {s}"),
    SENTENCE.map(lambda s: f"**{s}** _{s}_ `{s}`"),
    SENTENCE.map(lambda s: f"[{s}](https://example.org/a?b=c) ![{s}](x.png)"),
    SENTENCE.map(lambda s: f"| a | b |\n|---|---|\n| {s} | 1 |"),
    SENTENCE.map(lambda s: f"```\n{s}\n```"),
    st.sampled_from(
        ["---\ntitle: A title\ndate: 2025-09-08\n---", "---", "***", "<div>raw html</div>", "[^1]"]
    ),
)
MARKDOWN_FILE = st.lists(MARKDOWN_BLOCKS, min_size=1, max_size=12).map("\n\n".join)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(HTML_PAGE, min_size=1, max_size=3), ENCODINGS)
def test_html_pages_give_clean_text_without_scripts_or_styles(pages: list[str], encoding: str):
    files = {f"p{i}.html": page.encode(encoding, errors="ignore") for i, page in enumerate(pages)}
    check(files)
    with tempfile.TemporaryDirectory() as tmp:
        for name, data in files.items():
            (Path(tmp) / name).write_bytes(data)
        try:
            articles = ingest.read_folder(Path(tmp))
        except NoArticlesError:
            return
    assert all(HIDDEN not in article.text for article in articles)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(MARKDOWN_FILE, min_size=1, max_size=3), ENCODINGS)
def test_markdown_files_in_any_encoding_never_raise(texts: list[str], encoding: str):
    check({f"m{i}.md": text.encode(encoding, errors="ignore") for i, text in enumerate(texts)})


# --- encodings: what was written is what is read ---------------------------------------------

WESTERN = st.lists(
    st.one_of(
        SENTENCE,
        st.sampled_from(
            [
                "The café’s owner said “no” — twice.",
                "Müller and Ødegaard met in Zürich.",
                "Señora Núñez paid €40 million.",
                "It costs £3 – or ¥500.",
            ]
        ),
    ),
    min_size=4,
    max_size=12,
    unique_by=str.lower,  # a sentence repeated verbatim is read once (the input budget)
).map(" ".join)
ROUND_TRIP = st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-32", "cp1252"])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(WESTERN, ROUND_TRIP)
def test_western_text_reads_back_the_same_in_each_supported_encoding(text: str, encoding: str):
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "a.txt").write_bytes((text + "\n").encode(encoding))
        (article,) = ingest.read_folder(Path(tmp))
    assert " ".join(article.text.split()) == " ".join(text.split())
