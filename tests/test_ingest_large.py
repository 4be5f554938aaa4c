"""Very large articles: cut at the per-article budget with a warning, or, with a larger budget,
read whole and parsed in chunks below spaCy's max_length."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from briefgen import ingest
from briefgen import nlp as nlp_module

SENTENCE = "Negotiators from {n} delegations met again on Tuesday and agreed on {m} points. "


def ten_megabytes() -> str:
    paragraphs = [
        "".join(SENTENCE.format(n=n, m=n * 7 + k) for k in range(8)).strip() for n in range(16_000)
    ]
    text = "\n\n".join(paragraphs) + "\n"
    assert len(text) > 10_000_000
    return text


def test_an_article_over_the_budget_is_cut_at_a_paragraph_break_with_a_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
):
    text = ten_megabytes()
    (tmp_path / "big.txt").write_text(text, encoding="utf-8")
    with caplog.at_level(logging.WARNING):
        (article,) = ingest.read_folder(tmp_path, max_article_chars=1_000_000)
    assert 500_000 < len(article.text) <= 1_000_000
    assert text.startswith(article.text.rstrip("\n") + "\n\n")  # whole paragraphs only
    [warning] = caplog.messages
    assert warning.startswith("big.txt: read only the first")
    assert f"of {len(text):,} characters" in warning


def test_ten_megabyte_article_is_read_whole_within_a_larger_budget(tmp_path: Path):
    text = ten_megabytes()
    (tmp_path / "big.txt").write_text(text, encoding="utf-8")
    (article,) = ingest.read_folder(tmp_path, max_article_chars=20_000_000)
    assert article.text == text


def test_two_megabyte_single_line_is_read_and_cut_at_spaces(tmp_path: Path):
    line = " ".join(f"accord{n}" for n in range(250_000)) + "\n"
    assert len(line) > 2_000_000
    (tmp_path / "line.txt").write_text(line, encoding="utf-8")
    (article,) = ingest.read_folder(tmp_path, max_article_chars=4_000_000)
    assert article.text == line
    pieces = nlp_module.chunks(article.text)
    assert "".join(pieces) == article.text
    assert all(len(p) <= nlp_module.CHUNK_CHARS for p in pieces)
    assert all(p.endswith(" ") for p in pieces[:-1])  # no word is split


def test_single_line_longer_than_spacy_max_length_is_parsed(tmp_path: Path, nlp):
    # Long tokens keep the token count (and the test) small; the line is still one line of
    # 1.2 million characters, beyond spaCy's default max_length of 1,000,000.
    word = "Accord" + "x" * 93
    line = " ".join([word] * 12_000) + "\n"
    assert len(line) > nlp.max_length
    (tmp_path / "line.txt").write_text(line, encoding="utf-8")
    articles = ingest.read_folder(tmp_path, max_article_chars=2_000_000)
    (parsed,) = nlp_module.parse(nlp, articles, jobs=1)
    assert parsed.doc.text == line
    assert sum(1 for token in parsed.doc if token.text == word) == 12_000
