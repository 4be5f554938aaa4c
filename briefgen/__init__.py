"""briefgen: a folder of news articles about one event → a sourced briefing note."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from briefgen.brief import Brief
    from briefgen.pipeline import build

__all__ = ["Brief", "__version__", "build"]


def __getattr__(name: str) -> Any:
    # Lazy, so `briefgen --version` and `import briefgen` stay cheap (spaCy costs ~0.6 s).
    if name == "build":
        from briefgen.pipeline import build

        return build
    if name == "Brief":
        from briefgen.brief import Brief

        return Brief
    raise AttributeError(f"module 'briefgen' has no attribute {name!r}")
