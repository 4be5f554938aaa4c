"""The numbers a piece of text writes in digits, in one normal form, so that two sentences can be
checked for giving the same figures ("$9.8bn" and "$9.8 billion" both give 9.8)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Span

# The number at the start of a token: "9.8bn" -> "9.8", "1,500" -> "1,500".
LEADING_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")


def numbers_in(span: Span) -> frozenset[str]:
    """Every number written in digits in `span`, normalised ("1,500" = "1500", "6.70" = "6.7")."""
    out = set()
    for token in span:
        m = LEADING_NUMBER.match(token.text)
        if m is None:
            continue
        number = m.group(0).replace(",", "")
        if "." in number:
            number = number.rstrip("0").rstrip(".")
        out.add(number)
    return frozenset(out)
