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
