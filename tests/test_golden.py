"""Golden briefs: every event's brief.json and brief.md, byte for byte, under tests/golden/.

Each folder (seeds/ and every tests/data/events/<event>/) is built with the default options, a
fixed generation date and no cache, then rendered through the CLI's own code path
(batch.build_one → output.render_all), and compared with tests/golden/<event>/brief.{json,md}.
Any change in behaviour therefore shows up as a diff of these files.

After an intended change, regenerate them and review the diff like any other code change:

    python -m pytest tests/test_golden.py --regen-golden
    git diff tests/golden
"""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest

from briefgen import batch
from briefgen.config import Options, OutputOptions
from briefgen.output import FORMATS

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
GOLDEN = TESTS / "golden"
EVENTS = TESTS / "data" / "events"
FOLDERS = {
    "seeds": ROOT / "seeds",
    **{p.name: p for p in sorted(EVENTS.iterdir()) if p.is_dir() and not p.name.startswith(".")},
}
# Explicit, so the "generated" line never depends on the day the tests run.
DATE = "2025-01-01"
REGEN = "python -m pytest tests/test_golden.py --regen-golden"
MAX_DIFF_LINES = 60


def render(folder: Path) -> dict[str, bytes]:
    """{"md": ..., "json": ...}: exactly the bytes `briefgen build folder --date DATE` writes."""
    job = batch.Job(folder, Options(date=DATE, cache=False), OutputOptions())
    outcome = batch.build_one(job)
    assert outcome.ok, f"{folder}: {outcome.error}\n{outcome.traceback or ''}"
    return {suffix: outcome.files[suffix] for suffix in ("md", "json")}


def diff(expected: bytes, actual: bytes, name: str) -> str:
    """A unified diff of the golden file against the new output, cut to MAX_DIFF_LINES lines."""
    old = expected.decode("utf-8", "replace").splitlines(keepends=True)
    new = actual.decode("utf-8", "replace").splitlines(keepends=True)
    lines = [
        line if line.endswith("\n") else line + "\n"
        for line in difflib.unified_diff(old, new, f"{name} (golden)", f"{name} (built)")
    ]
    if not lines:  # same text line by line: line endings or undecodable bytes differ
        return f"{name}: same lines, different bytes (line endings or encoding)\n"
    if len(lines) > MAX_DIFF_LINES:
        more = len(lines) - MAX_DIFF_LINES
        lines = [*lines[:MAX_DIFF_LINES], f"... ({more} more diff lines)\n"]
    return "".join(lines)


@pytest.fixture(autouse=True)
def _no_epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    # SOURCE_DATE_EPOCH would override the explicit date (pipeline.generation_date).
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)


@pytest.mark.parametrize("event", list(FOLDERS))
def test_golden_brief(event: str, nlp, request: pytest.FixtureRequest) -> None:
    # `nlp` loads the spaCy pipeline once per session; pipeline.build reuses it.
    built = render(FOLDERS[event])
    golden = GOLDEN / event
    paths = {suffix: golden / f"brief.{suffix}" for suffix in built}

    if request.config.getoption("--regen-golden"):
        golden.mkdir(parents=True, exist_ok=True)
        for suffix, path in paths.items():
            if not path.exists() or path.read_bytes() != built[suffix]:
                path.write_bytes(built[suffix])
        return

    missing = [str(p.relative_to(ROOT)) for p in paths.values() if not p.exists()]
    if missing:
        pytest.fail(f"{event}: no golden {', '.join(missing)}; create it with: {REGEN}", False)
    differing = [s for s in FORMATS if s in paths and paths[s].read_bytes() != built[s]]
    if differing:
        first = differing[0]
        names = ", ".join(str(paths[s].relative_to(ROOT)) for s in differing)
        pytest.fail(
            f"{event}: the built brief differs from {names}\n\n"
            f"{diff(paths[first].read_bytes(), built[first], str(paths[first].relative_to(ROOT)))}"
            f"\nIf the change is intended, regenerate and review the diff: {REGEN}",
            pytrace=False,
        )
