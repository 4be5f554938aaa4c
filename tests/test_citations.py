"""Every cited source states the point: each number a key point writes in digits appears in
every source it cites (seeds and every event under tests/data/events/)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import briefgen

TESTS = Path(__file__).resolve().parent
FOLDERS = [TESTS.parent / "seeds", *sorted(p for p in (TESTS / "data" / "events").iterdir())]
NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")


def numbers(text: str) -> set[str]:
    """Digits as written, thousands separators dropped, trailing decimal zeros dropped: checked
    independently of briefgen's own reader."""
    out = set()
    for written in NUMBER.findall(text):
        number = written.replace(",", "")
        out.add(number.rstrip("0").rstrip(".") if "." in number else number)
    return out


@pytest.mark.parametrize("folder", FOLDERS, ids=[f.name for f in FOLDERS])
def test_key_point_numbers_are_in_every_cited_source(folder: Path) -> None:
    brief = briefgen.build(folder)
    texts = {s.id: (folder / s.file).read_text(encoding="utf-8") for s in brief.sources}
    assert brief.summary, "the brief must have key points to check"
    stated_somewhere = 0
    for point in brief.summary:
        needed = numbers(point.text)
        stated_somewhere += bool(needed)
        for source in point.sources:
            missing = needed - numbers(texts[source])
            assert not missing, f"{source} does not state {sorted(missing)}: {point.text}"
    assert stated_somewhere, "at least one key point gives a number"
