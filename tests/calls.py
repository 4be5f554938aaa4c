"""Counting the work a function is given, to pin how a stage grows with its input without
timing it (the machines are shared and noisy)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


class Calls:
    """What `count_calls` has counted so far; set `count` to 0 to start again."""

    def __init__(self) -> None:
        self.count = 0


def count_calls(
    monkeypatch: Any, owner: object, name: str, weight: Callable[..., int] = lambda *a: 1
) -> Calls:
    """Replace `owner.name` with a wrapper that adds `weight(*args)` (1 by default) to the
    returned counter on every call, then calls the real function."""
    calls = Calls()
    real = getattr(owner, name)

    def counted(*args: Any, **kwargs: Any) -> Any:
        calls.count += weight(*args, **kwargs)
        return real(*args, **kwargs)

    monkeypatch.setattr(owner, name, counted)
    return calls
