"""Numbers and counts written for readers: shared by the templates' filters and the view models."""

from __future__ import annotations

from briefgen.brief import KeyFigure, Value


def format_number(amount: float) -> str:
    """1500000 → "1.5 million"; 2500 → "2,500"; 12.5 → "12.5"."""
    for size, word in ((1e12, "trillion"), (1e9, "billion"), (1e6, "million")):
        if abs(amount) >= size:
            return f"{amount / size:,.3f}".rstrip("0").rstrip(".") + f" {word}"
    if float(amount).is_integer():
        return f"{int(amount):,}"
    return f"{amount:,.2f}".rstrip("0").rstrip(".")


def format_amount(value: Value | KeyFigure) -> str:
    """The figure as a reader wants it: "USD 500 million", "USD 95 per kilogram",
    "USD 12–15 billion", "12%", "40 kt", or "—"."""
    if value.amount is None:
        return "—"
    number = format_number(value.amount)
    if value.high is not None and value.high != value.amount:
        number = _range(value.amount, value.high)
    per = f" per {value.per}" if value.per else ""
    if isinstance(value, Value):
        return f"{value.currency} {number}{per}" if value.currency else number + per
    if value.unit == "%":
        return f"{number}%{per}"
    if value.unit:
        return f"{number} {value.unit}{per}"
    return number + per


def _range(low: float, high: float) -> str:
    """ "12–15 billion": the multiplier written once when both ends share it."""
    low_text, high_text = format_number(low), format_number(high)
    low_words, high_words = low_text.split(" "), high_text.split(" ")
    if len(low_words) == len(high_words) == 2 and low_words[1] == high_words[1]:
        return f"{low_words[0]}–{high_text}"
    return f"{low_text}–{high_text}"


def plural(count: int, word: str) -> str:
    """3, "source" → "3 sources"; 1 → "1 source"."""
    return f"{count} {word}" if count == 1 else f"{count} {word}s"
