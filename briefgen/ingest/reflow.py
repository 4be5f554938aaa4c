"""Text printed one word per line (a page whose text was copied with a newline after every word)
→ ordinary lines, so names, figures and sentences are whole again ("Harbour\\nCapital\\nFund",
"£21.4\\nbillion").

This is done in ingest, not in clean, because the break is an artefact of how the file was
saved: every later reader (header lines, the title, spaCy's sentences, the figures) needs the
real lines.
"""

from __future__ import annotations

import re

MIN_WORD_LINES = 30  # a short list of single words (tags, a signature) is not this
WORD_LINE_SHARE = 0.6  # share of the text's words that stand alone on their line
# Punctuation that closes onto the word before it ("offer\n." → "offer.").
_CLOSING = re.compile(r"[.,:;!?)\]”’%]+")
_PARAGRAPHS = re.compile(r"\n[ \t]*\n\s*")
_SENTENCE_END = tuple('.!?:”"’)')


def is_word_per_line(text: str) -> bool:
    """Whether most of the text's words stand alone on their own line."""
    lines = [line.split() for line in text.split("\n")]
    words = sum(len(line) for line in lines)
    single = sum(1 for line in lines if len(line) == 1)
    return single >= MIN_WORD_LINES and single >= WORD_LINE_SHARE * words


def rejoin_word_lines(text: str) -> str:
    """The text with its words rejoined into lines, if it was printed one word per line.

    A blank line is a paragraph break, except inside a sentence: when the paragraph before has
    no final punctuation and the next one starts in lower case, the two are one sentence.
    """
    if not is_word_per_line(text):
        return text
    paragraphs: list[str] = []
    for block in _PARAGRAPHS.split(text.strip()):
        line = ""
        for word in block.split():
            line += word if not line or _CLOSING.fullmatch(word) else " " + word
        if not line:
            continue
        if paragraphs and line[0].islower() and not paragraphs[-1].endswith(_SENTENCE_END):
            paragraphs[-1] += " " + line
        else:
            paragraphs.append(line)
    return "\n\n".join(paragraphs) + "\n"
