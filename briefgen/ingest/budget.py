"""Bound what one article may cost before spaCy sees it: its size, its repeats, its longest word.

Time and memory of a parse grow with the number of tokens, and spaCy's tokenizer is worse than
linear in the length of one whitespace-free run ("((((…" of 50 KB did not finish in 40 s). Four
cheap passes over the plain text keep a build at the normal words-per-second rate whatever the
shape of its input:

- `cap_symbol_runs`: a run of punctuation or symbols longer than `LONGEST_SYMBOL_RUN` keeps only
  its first characters (each of them would be a token: 50 KB of "(" is 50,000 tokens, 25 s and
  1 GB through the tagger and recogniser, where 50 KB of prose is ~9,000);
- `break_long_runs`: a run of more than `LONGEST_RUN` non-space characters gets a space every
  `LONGEST_RUN` characters (no word is that long; a URL or a base64 blob that is cut reads no
  worse);
- `collapse_repeats`: a sentence or line said again, verbatim, later in the same article is kept
  once (a re-posted paragraph, a headline printed twice, or 200,000 copies of one sentence);
- `truncate`: the text is cut at a paragraph, line or sentence break before the per-article
  limit (`Options.max_article_chars`), and the caller warns, naming the file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# spaCy's tokenizer: 0.04 s for 50,000 one-character tokens in runs of 100; 0.8 s for a single
# run of 2,000 and 2.3 s for 4,000 (measured, 2 cores). The longest English words are ~30.
LONGEST_RUN = 100
_LONG_RUN = re.compile(rf"\S{{{LONGEST_RUN + 1},}}")

# Longer runs of punctuation and symbols ("!!!!!!!!", "==========", "((((((((") carry no more
# meaning than their first few characters.
LONGEST_SYMBOL_RUN = 8
_SYMBOL_RUN = re.compile(rf"[^\w\s]{{{LONGEST_SYMBOL_RUN + 1},}}")

# Line breaks, and sentence ends followed by spaces and a capital: the pieces that a repeat is
# judged on. The end must follow a lower-case letter, digit, quote or bracket, so that "U.S. Firm"
# or "J. Smith" is not a break and no part of a sentence is dropped for repeating another's.
# Shorter pieces ("Yes.", "1.") may repeat legitimately.
_PIECE_BREAK = re.compile(r"((?<=[a-z0-9\"'”’)\]][.!?])[\"'”’)\]]*[ \t]+(?=[\"“‘'(]?[A-Z])|\n+)")
MIN_REPEATED_CHARS = 20


@dataclass(frozen=True)
class Budgeted:
    text: str
    repeats: int  # pieces dropped as verbatim repeats of an earlier one
    truncated_from: int | None  # the length before truncation, when it was truncated


def within_budget(text: str, max_chars: int) -> Budgeted:
    text = break_long_runs(cap_symbol_runs(text))
    text, repeats = collapse_repeats(text)
    cut = truncate(text, max_chars)
    return Budgeted(cut, repeats, len(text) if len(cut) < len(text) else None)


def cap_symbol_runs(text: str, longest: int = LONGEST_SYMBOL_RUN) -> str:
    return _SYMBOL_RUN.sub(lambda match: match.group()[:longest], text)


def break_long_runs(text: str, longest: int = LONGEST_RUN) -> str:
    if len(text) <= longest:
        return text

    def spaced(match: re.Match[str]) -> str:
        run = match.group()
        return " ".join(run[i : i + longest] for i in range(0, len(run), longest))

    return _LONG_RUN.sub(spaced, text)


def collapse_repeats(text: str) -> tuple[str, int]:
    """`text` with every sentence or line that repeats an earlier one (same characters, at least
    MIN_REPEATED_CHARS) dropped together with the break after it; and how many were dropped."""
    parts = _PIECE_BREAK.split(text)  # piece, break, piece, break, ..., piece
    seen: set[str] = set()
    kept: list[str] = []
    dropped = 0
    for i in range(0, len(parts), 2):
        piece = parts[i]
        after = parts[i + 1] if i + 1 < len(parts) else ""
        key = piece.strip()
        if len(key) >= MIN_REPEATED_CHARS:
            if key in seen:
                dropped += 1
                # Keep a paragraph break that the dropped piece ended, so paragraphs stay apart.
                if "\n" in after and kept and "\n" not in kept[-1]:
                    kept.append(after)
                continue
            seen.add(key)
        kept.append(piece)
        kept.append(after)
    return ("".join(kept), dropped) if dropped else (text, 0)


def truncate(text: str, max_chars: int) -> str:
    """At most `max_chars` characters (a final newline included), cut at the last paragraph
    break, line break or sentence end in the second half of the allowance, else at the limit."""
    if len(text) <= max_chars:
        return text
    cut = last_break(text, max_chars // 2, max_chars - 1, ("\n\n", "\n", ". "))
    return (text[:cut].rstrip() if cut != -1 else text[: max_chars - 1]) + "\n"


def last_break(text: str, start: int, end: int, separators: tuple[str, ...]) -> int:
    """Where the text may be cut within [start, end): just after the last of the first separator
    found there (in the order given, the strongest first); -1 when none is."""
    for sep in separators:
        at = text.rfind(sep, start, end)
        if at != -1:
            return at + len(sep)
    return -1
