"""The numbers a piece of text writes in digits, in one normal form, so that two sentences can be
checked for giving the same figures ("$9.8bn" and "$9.8 billion" both give 9.8)."""

from __future__ import annotations

import re

NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")


def numbers_in(text: str) -> frozenset[str]:
    """Every number written in digits, normalised ("1,500" = "1500", "4.20" = "4.2")."""
    out = set()
    for written in NUMBER.findall(text):
        number = written.replace(",", "")
        out.add(number.rstrip("0").rstrip(".") if "." in number else number)
    return frozenset(out)
