"""The `briefgen` process ends with os._exit once its command is done (briefgen.process): no
file may be lost or changed by that, whether the build succeeds, fails, is a batch or is
interrupted, and the output bytes are those of a run that ends the ordinary way."""

from __future__ import annotations

import ctypes.util
import json
import os
import shutil
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from briefgen import process

ROOT = Path(__file__).resolve().parent.parent
EVENTS = ROOT / "tests" / "data" / "events"

# The same command two ways: main() as the process's own command (fast exit), and
# main(argv) called from code, which raises SystemExit and lets the interpreter tear down.
FAST = "import sys; from briefgen.cli import main; sys.argv = ['briefgen', *{args!r}]; main()"
ORDINARY = "from briefgen.cli import main; main({args!r})"


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT), "SOURCE_DATE_EPOCH": "1700000000"}


def _run(template: str, args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    code = textwrap.dedent(template).format(args=args)
    return subprocess.run(
        [sys.executable, "-c", code], cwd=cwd, env=_env(), capture_output=True, text=True
    )


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def test_fast_exit_writes_the_same_bytes_as_an_ordinary_exit(tmp_path):
    event = str(EVENTS / "rail-contract")
    outputs = {}
    for name, template in (("fast", FAST), ("ordinary", ORDINARY)):
        out = tmp_path / name
        result = _run(
            template, ["build", event, "--pdf", "--no-cache", "--out", str(out)], tmp_path
        )
        assert result.returncode == 0, result.stderr
        # Every path is printed: stdout was flushed before os._exit.
        assert sorted(result.stdout.splitlines()) == sorted(str(p) for p in out.iterdir())
        outputs[name] = _files(out)
    assert {".json", ".md", ".pdf"} <= {Path(name).suffix for name in outputs["fast"]}
    assert outputs["fast"] == outputs["ordinary"]


def test_fast_exit_keeps_the_error_line_and_status_and_writes_nothing(tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    out = tmp_path / "out"
    result = _run(FAST, ["build", str(empty), "--out", str(out)], tmp_path)
    assert result.returncode == 1
    assert result.stderr.startswith("error: "), result.stderr
    assert not out.exists() or _files(out) == {}


def test_fast_exit_after_a_batch_keeps_every_brief_and_the_failure(tmp_path):
    parent = tmp_path / "events"
    for name in ("battery-pact", "copper-takeover"):
        shutil.copytree(EVENTS / name, parent / name)
    (parent / "nothing-here").mkdir()
    out = tmp_path / "out"
    result = _run(
        FAST, ["build", "--each", str(parent), "--out", str(out), "--jobs", "2"], tmp_path
    )
    assert result.returncode == 1, result.stderr
    assert "nothing-here" in result.stderr
    written = _files(out)
    briefs = sorted(name for name in written if name.endswith(".json"))
    assert len(briefs) == 2, sorted(written)  # the two good folders, whole
    assert all(json.loads(written[name])["sources"] for name in briefs)
    assert len([name for name in written if name.endswith(".md")]) == 2
    assert not [name for name in written if name.endswith(".tmp")]
    assert sorted(result.stdout.splitlines()) == sorted(str(out / name) for name in written)


def test_fast_exit_runs_atexit_hooks_and_flushes_buffered_output(tmp_path):
    code = """
        import atexit, sys
        from briefgen.cli import main
        atexit.register(lambda: print("hook ran"))
        sys.stdout.write("buffered, no newline")
        sys.argv = ["briefgen", "--version"]
        main()
        print("never reached")
    """
    result = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        cwd=tmp_path,
        env=_env(),
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert "never reached" not in result.stdout
    assert result.stdout.startswith("buffered, no newline")
    assert result.stdout.rstrip().endswith("hook ran")


def test_a_signal_while_writing_still_waits_for_the_files_with_a_fast_exit(tmp_path):
    out = tmp_path / "out"
    code = f"""
        import os, signal, sys
        from briefgen import output
        from briefgen.cli import main

        real = output._stage

        def stage_with_a_signal(path, data):
            if path.suffix == ".md":
                os.kill(os.getpid(), signal.SIGTERM)
            return real(path, data)

        output._stage = stage_with_a_signal
        sys.argv = ["briefgen", "build", {str(EVENTS / "rail-contract")!r}, "--out", {str(out)!r}]
        main()
    """
    result = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        cwd=tmp_path,
        env=_env(),
        capture_output=True,
        text=True,
    )
    assert result.returncode == 128 + signal.SIGTERM, result.stderr
    written = _files(out)
    assert {".json", ".md"} <= {Path(name).suffix for name in written}
    assert not [name for name in written if name.endswith(".tmp")]
    json.loads(next(data for name, data in written.items() if name.endswith(".json")))


def test_main_called_with_arguments_raises_systemexit_as_usual():
    from briefgen.cli import main

    with pytest.raises(SystemExit) as done:
        main(["--version"])
    assert done.value.code == 0


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="ldconfig is Linux's")
@pytest.mark.parametrize(
    "name",
    ["gobject-2.0", "pango-1.0", "harfbuzz", "fontconfig", "pangoft2-1.0", "c", "m", "nonesuch-9"],
)
def test_quick_library_lookup_finds_what_ctypes_finds(name):
    with process.quick_library_lookup():
        quick = ctypes.util.find_library(name)
    assert quick == ctypes.util.find_library(name)


def test_tune_gc_raises_only_the_first_threshold():
    import gc

    saved = gc.get_threshold()
    try:
        process.tune_gc()
        assert gc.get_threshold() == (process.GC_FIRST_THRESHOLD, *saved[1:])
    finally:
        gc.set_threshold(*saved)
