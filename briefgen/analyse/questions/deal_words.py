"""The words for the agreement itself: its names (the preliminary ones first, usually
non-binding) and the head nouns that make a noun phrase mean the deal."""

from __future__ import annotations

# Names for the agreement itself; the first group is preliminary (usually non-binding).
PRELIMINARY_TERMS: tuple[tuple[str, str], ...] = (
    (r"memorand(?:um|a) of understanding|mous?\b", "MoU"),
    (r"letters? of intent|lois?\b", "letter of intent"),
    (r"framework agreements?|cooperation frameworks?", "framework agreement"),
    (r"term sheets?|heads of terms|heads of agreement", "term sheet"),
    (r"agreements? in principle|preliminary agreements?", "preliminary agreement"),
)
DEAL_TERMS: tuple[tuple[str, str], ...] = (
    *PRELIMINARY_TERMS,
    (r"joint ventures?", "joint venture"),
    (r"contracts?\b", "contract"),
    (r"agreements?\b", "agreement"),
    (r"deals?\b", "deal"),
    (r"accords?\b|pacts?\b", "accord"),
    (r"partnerships?\b", "partnership"),
)
DEAL_HEADS = frozenset(
    {
        "memorandum",
        "mou",
        "agreement",
        "deal",
        "contract",
        "accord",
        "pact",
        "partnership",
        "framework",
        "venture",
        "transaction",
    }
)
