"""Many briefs at once: `briefgen build DIR1 DIR2 ...` and `--each PARENT`."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from small_events import make_event
from typer.testing import CliRunner

from briefgen.cli import app

runner = CliRunner()

ROOT = Path(__file__).resolve().parent.parent  # this checkout's briefgen, for subprocesses


@pytest.fixture(autouse=True)
def _in_tmp_cwd(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # no config file from the repository


def invoke(*args: str | Path):
    # Batch behaviour is pinned on the Markdown and JSON; the SVG pictures a build also writes
    # by default are pinned in test_cli.py and the render tests.
    extra = ["--no-pictures"] if args and args[0] == "build" else []
    return runner.invoke(app, [*(str(a) for a in args), *extra])


def briefs_in(out: Path) -> list[str]:
    return sorted(p.name for p in out.iterdir() if p.is_file()) if out.exists() else []


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_one_failing_folder_does_not_stop_the_others(tmp_path, jobs):
    good = make_event(tmp_path / "pier", "pier")
    empty = tmp_path / "empty"
    empty.mkdir()
    result = invoke("build", empty, good, "--title", "Pier", "--jobs", jobs)
    assert result.exit_code == 1
    assert briefs_in(tmp_path / "out") == ["pier.json", "pier.md"]
    error, summary = result.stderr.splitlines()
    assert error.startswith(f"error: {empty}: no articles found in ")
    assert summary.startswith(f"summary: {good}: 2 articles read, ")
    assert result.stdout.splitlines() == [
        str(Path("out", "pier.md")),
        str(Path("out", "pier.json")),
    ]


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_each_builds_every_visible_subfolder(tmp_path, jobs):
    parent = tmp_path / "events"
    make_event(parent / "rail", "rail")
    make_event(parent / "pier", "pier")
    make_event(parent / ".drafts", "pier")
    result = invoke("build", "--each", parent, "--jobs", jobs, "--out", tmp_path / "briefs")
    assert result.exit_code == 0, result.output
    written = [Path(line) for line in result.stdout.splitlines()]
    assert [p.suffix for p in written] == [".md", ".json", ".md", ".json"]
    assert len(briefs_in(tmp_path / "briefs")) == 4
    for path in written[1::2]:
        assert len(json.loads(path.read_text(encoding="utf-8"))["sources"]) == 2


def test_each_lists_folders_in_name_order_and_prints_in_that_order(tmp_path):
    parent = tmp_path / "events"
    make_event(parent / "b-rail", "rail")
    make_event(parent / "a-pier", "pier")
    result = invoke("build", "--each", parent, "--jobs", "2")
    assert result.exit_code == 0, result.output
    jsons = [Path(line) for line in result.stdout.splitlines() if line.endswith(".json")]
    texts = [p.with_suffix(".md").read_text(encoding="utf-8") for p in jsons]
    assert "Harbor City" in texts[0]
    assert "trains" in texts[1]


def test_same_title_in_two_folders_gets_the_folder_name_in_the_second_stem(tmp_path):
    first = make_event(tmp_path / "north", "pier")
    second = make_event(tmp_path / "south", "rail")
    result = invoke("build", first, second, "--title", "Weekly brief")
    assert result.exit_code == 0, result.output
    assert briefs_in(tmp_path / "out") == [
        "weekly-brief-south.json",
        "weekly-brief-south.md",
        "weekly-brief.json",
        "weekly-brief.md",
    ]
    rail = (tmp_path / "out" / "weekly-brief-south.md").read_text(encoding="utf-8")
    assert "trains" in rail


def test_same_folder_given_twice_is_built_once(tmp_path):
    pier = make_event(tmp_path / "pier", "pier")
    result = invoke("build", pier, tmp_path / "pier" / ".." / "pier", "--title", "Pier")
    assert result.exit_code == 0, result.output
    assert briefs_in(tmp_path / "out") == ["pier.json", "pier.md"]
    assert len(result.stdout.splitlines()) == 2


def test_each_skips_the_output_folder_inside_the_parent(tmp_path):
    parent = tmp_path / "events"
    make_event(parent / "pier", "pier")
    out = parent / "briefs"
    assert invoke("build", "--each", parent, "--out", out, "-q").exit_code == 0
    again = invoke("build", "--each", parent, "--out", out)
    assert again.exit_code == 0, again.output
    assert "briefs" not in again.stderr
    assert len(briefs_in(out)) == 2


def test_each_parent_without_subfolders_exits_1_in_one_line(tmp_path):
    parent = tmp_path / "events"
    parent.mkdir()
    (parent / "loose.txt").write_text("Not in a subfolder.\n", encoding="utf-8")
    result = invoke("build", "--each", parent)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [f"error: {parent} has no subfolders to build (--each)"]


def test_missing_model_is_reported_once_for_the_whole_batch(tmp_path):
    first = make_event(tmp_path / "pier", "pier")
    second = make_event(tmp_path / "rail", "rail")
    result = invoke("build", first, second, "--model", "no_such_model")
    assert result.exit_code == 1
    [line] = result.stderr.splitlines()
    assert "no_such_model" in line
    assert "pip install" in line
    assert briefs_in(tmp_path / "out") == []


@pytest.mark.parametrize("workers", [1, 2])
def test_progress_counts_briefs_done_after_each_outcome(tmp_path, workers):
    from briefgen import batch
    from briefgen.config import Options, OutputOptions

    options = Options(cache=False, date="2025-03-01")
    output = OutputOptions(out=str(tmp_path / "out"), pictures=False)
    jobs = [batch.Job(make_event(tmp_path / n, n), options, output) for n in ("pier", "rail")]
    events: list[tuple[object, ...]] = []
    batch.run(
        jobs,
        workers=workers,
        verbosity=0,
        on_outcome=lambda outcome: events.append(("brief", outcome.folder.name)),
        progress=lambda done, total: events.append(("done", done, total)),
    )
    assert events == [("brief", "pier"), ("done", 1, 2), ("brief", "rail"), ("done", 2, 2)]


def files_in(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(out.iterdir()) if p.is_file()}


def briefgen_process(*args: str | Path, tmp: Path) -> None:
    """`briefgen ARGS` in a fresh process, as the command runs (ending with os._exit)."""
    env = {**os.environ, "TMPDIR": str(tmp), "PYTHONPATH": str(ROOT)}
    argv = [sys.executable, "-m", "briefgen", *map(str, args)]
    done = subprocess.run(argv, env=env, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr


def test_each_writes_the_same_bytes_as_one_build_per_folder_and_no_temp_files(tmp_path):
    # A batch shares what it can between briefs (templates, the PDF's fonts and stylesheet);
    # none of it may show in the output. Every build is a fresh process, so nothing one leaves
    # behind can hide a difference, and the PDF's temporary font folders must be gone after.
    parent = tmp_path / "events"
    make_event(parent / "pier", "pier")
    make_event(parent / "rail", "rail")
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    common = ["--date", "2025-03-01", "--pdf", "--no-cache"]
    alone: dict[str, bytes] = {}
    for name in ("rail", "pier"):  # the other order
        out = tmp_path / f"alone-{name}"
        briefgen_process("build", parent / name, "--out", out, *common, tmp=tmp)
        alone.update(files_in(out))
    assert {name.split(".", 1)[1] for name in alone} == {
        "md",
        "json",
        "matrix.svg",
        "timeline.svg",
        "pdf",
    }
    assert len(alone) == 10
    for jobs in ("1", "2"):  # in this process; in two worker processes
        out = tmp_path / f"batch-{jobs}"
        briefgen_process("build", "--each", parent, "--out", out, "--jobs", jobs, *common, tmp=tmp)
        assert files_in(out) == alone
    assert list(tmp.iterdir()) == []
