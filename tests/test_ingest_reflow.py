"""Text printed one word per line is read as ordinary lines (ingest.reflow)."""

from __future__ import annotations

from pathlib import Path

from briefgen import ingest
from briefgen.ingest.reflow import is_word_per_line, rejoin_word_lines

PROSE = (
    "Acme Mining said on Monday it had raised its bid for the smaller Beta "
    "Resources, valuing it at $2.8 billion,\n\nabove the $2.5 billion of its first bid "
    ". The Harbour Capital Fund holds a 7% stake in Beta.\n\n"
    "What the deal means\n\nShares of Beta rose 2% in early trading."
)


def one_word_per_line(text: str) -> str:
    return "\n".join("\n".join(line.split()) for line in text.split("\n"))


def test_word_per_line_text_is_rejoined_into_paragraphs():
    assert rejoin_word_lines(one_word_per_line(PROSE)) == (
        "Acme Mining said on Monday it had raised its bid for the smaller Beta "
        "Resources, valuing it at $2.8 billion, above the $2.5 billion of its first bid. "
        "The Harbour Capital Fund holds a 7% stake in Beta.\n\n"
        "What the deal means\n\n"
        "Shares of Beta rose 2% in early trading.\n"
    )


def test_ordinary_text_with_a_list_of_single_words_is_left_alone():
    tags = "\n".join(["Tags:", "copper", "mining", "Chile", "deals"] * 3)
    text = "\n".join([PROSE.replace("\n\n", " ")] * 8) + "\n\n" + tags + "\n"
    assert not is_word_per_line(text)
    assert rejoin_word_lines(text) == text


def test_read_folder_rejoins_a_word_per_line_file(tmp_path: Path):
    (tmp_path / "a.txt").write_text(one_word_per_line(PROSE) + "\n", encoding="utf-8")
    (article,) = ingest.read_folder(tmp_path)
    assert "Harbour Capital Fund holds a 7% stake" in article.text
    assert "$2.8 billion, above the $2.5 billion" in article.text
