"""The word lists and patterns shipped with briefgen, one TOML file per reader (each file's header
says what it is for), read once per process."""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources
from typing import Any


@cache
def load(name: str) -> dict[str, Any]:
    """The shipped data file `name` (without ".toml") as a table."""
    return tomllib.loads(resources.files(__name__).joinpath(f"{name}.toml").read_text("utf-8"))


def words(name: str, key: str) -> frozenset[str]:
    """One word list of the data file `name`."""
    return frozenset(load(name)[key])
