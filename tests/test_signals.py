"""SIGINT and SIGTERM at every phase of a multi-process build (issue 13): the run ends within
2 s with 130 or 143, one line on stderr and no traceback, no worker process left, no partial or
temporary file, and the briefs already in --out untouched.

The CLI runs as a subprocess in its own session, so every process it starts can be found in
/proc afterwards by session id. Phases are found by the `-v` debug lines the run prints.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EVENT = ROOT / "tests" / "data" / "events" / "rail-contract"
TITLE = "Sweep brief"  # so the stem this run would write is known: sweep-brief
EARLIER = {"sweep-brief.md": b"# An earlier brief\n", "sweep-brief.json": b'{"earlier": true}\n'}
LINES = {
    signal.SIGINT: "error: interrupted by SIGINT",
    signal.SIGTERM: "error: terminated by SIGTERM",
}
DEADLINE = 2.0  # s from the signal to the exit

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT), "COLUMNS": "200"}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """30 generated articles, ~13k words: above the size at which `--jobs 2` forks workers."""
    folder = tmp_path_factory.mktemp("corpus") / "articles"
    subprocess.run(
        [sys.executable, str(ROOT / "bench" / "generate.py"), "30", str(folder)],
        check=True,
        capture_output=True,
    )
    return folder


def alive(pid: int) -> bool:
    """The process exists and is not a zombie (dead, waiting to be reaped)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def session_processes(session: int) -> list[int]:
    """Live (not zombie) processes of a session."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[1].split()
        if int(fields[3]) == session and fields[0] != "Z":
            found.append(int(entry))
    return found


class Run:
    """`python -m briefgen ARGS` in its own session, its stderr collected line by line."""

    def __init__(self, args: list[str], cwd: Path) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "briefgen", *args],
            cwd=cwd,
            env=_env(),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            start_new_session=True,
        )
        self.lines: list[str] = []
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            self.lines.append(line.rstrip("\n"))

    def wait_for(self, pattern: str, timeout: float = 120) -> None:
        end = time.monotonic() + timeout
        while not any(re.search(pattern, line) for line in list(self.lines)):
            assert self.process.poll() is None, f"ended before {pattern!r}: {self.lines}"
            assert time.monotonic() < end, f"no {pattern!r} in {timeout} s"
            time.sleep(0.02)

    def stop(self, signum: int, *, group: bool) -> float:
        """Send `signum` (to the whole process group, as Ctrl-C does, or to the main process
        only, as `kill` does); seconds until the run ended."""
        assert self.process.poll() is None, "the run had already ended"
        sent = time.monotonic()
        if group:
            os.killpg(self.process.pid, signum)
        else:
            os.kill(self.process.pid, signum)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            pytest.fail(f"still running 30 s after {signal.Signals(signum).name}")
        elapsed = time.monotonic() - sent
        self.reader.join(timeout=5)
        return elapsed


def check_stopped(run: Run, signum: int, elapsed: float, out: Path) -> None:
    stderr = "\n".join(run.lines)
    assert run.process.returncode == 128 + signum, stderr
    assert elapsed < DEADLINE, f"took {elapsed:.2f} s"
    # Besides log lines and the summary of a brief finished before the signal: one line.
    own = [line for line in run.lines if not line.startswith(("debug:", "warning:", "summary:"))]
    assert own == [LINES[signal.Signals(signum)]], stderr
    assert "Traceback" not in stderr and "Exception ignored" not in stderr
    end = time.monotonic() + 2
    while session_processes(run.process.pid) and time.monotonic() < end:
        time.sleep(0.05)
    assert session_processes(run.process.pid) == [], "a worker process survived"
    temps = [p for p in out.rglob("*") if p.name.endswith(".tmp") or p.name.startswith(".tmp")]
    assert temps == []
    for name, data in EARLIER.items():
        assert (out / name).read_bytes() == data, f"{name} was changed"


def earlier_outputs(out: Path) -> Path:
    out.mkdir(parents=True, exist_ok=True)
    for name, data in EARLIER.items():
        (out / name).write_bytes(data)
    return out


# Phase, the debug line that starts it (None: right after launch), the delay after it, the
# signal, and whether it goes to the process group (Ctrl-C) or to the main process (kill).
PHASES = [
    ("start-up", None, 0.3, signal.SIGTERM, False),
    ("model loading", r"loading spaCy model", 0.0, signal.SIGINT, True),
    ("parse with workers", r"in 2 process\(es\)", 0.5, signal.SIGINT, True),
    ("parse with workers", r"in 2 process\(es\)", 0.5, signal.SIGTERM, False),
    ("analysis", r"parsed \d+ articles", 0.2, signal.SIGTERM, False),
    ("render", r"rendering ", 0.3, signal.SIGINT, True),
]


@pytest.mark.parametrize(
    ("phase", "marker", "delay", "signum", "group"),
    PHASES,
    ids=[f"{p[0]}-{signal.Signals(p[3]).name}" for p in PHASES],
)
def test_a_signal_at_any_phase_stops_the_build_cleanly(
    corpus, tmp_path, phase, marker, delay, signum, group
):
    out = earlier_outputs(tmp_path / "out")
    args = ["build", str(corpus), "--jobs", "2", "--out", str(out), "--title", TITLE, "-v"]
    run = Run([*args, "--pdf"] if phase == "render" else args, tmp_path)
    if marker is not None:
        run.wait_for(marker)
    time.sleep(delay)
    if phase == "parse with workers":  # the workers are there to be left behind
        assert len(session_processes(run.process.pid)) >= 3
    elapsed = run.stop(signum, group=group)
    check_stopped(run, signum, elapsed, out)
    assert sorted(p.name for p in out.iterdir() if p.is_file()) == sorted(EARLIER)


def test_ctrl_c_in_a_batch_keeps_the_briefs_already_written_and_writes_no_more(corpus, tmp_path):
    parent = tmp_path / "events"
    parent.mkdir()
    shutil.copytree(EVENT, parent / "a-small")  # done first, and first in order
    shutil.copytree(corpus, parent / "b-large")
    out = earlier_outputs(tmp_path / "out")
    run = Run(["build", "--each", str(parent), "--jobs", "2", "--out", str(out), "-v"], tmp_path)
    run.wait_for(r"writing .* to ")
    elapsed = run.stop(signal.SIGINT, group=True)
    check_stopped(run, signal.SIGINT, elapsed, out)
    written = sorted(p.name for p in out.iterdir() if p.is_file() and p.name not in EARLIER)
    # a-small's Markdown, JSON and two pictures, whole; nothing of b-large
    assert [name.split(".", 1)[1] for name in written] == [
        "json",
        "matrix.svg",
        "md",
        "timeline.svg",
    ], written
    assert json.loads((out / written[0]).read_text())["sources"]


def test_a_signal_while_a_brief_is_written_waits_until_its_files_are_in_place(tmp_path):
    out = earlier_outputs(tmp_path / "out")
    code = textwrap.dedent(
        f"""
        import os, signal
        from briefgen import output
        from briefgen.cli import main

        real = output._stage

        def stage_with_a_signal(path, data):
            if path.suffix == ".md":  # the first of the brief's files
                os.kill(os.getpid(), signal.SIGTERM)
            return real(path, data)

        output._stage = stage_with_a_signal
        main(["build", {str(EVENT)!r}, "--out", {str(out)!r}, "--title", {TITLE!r}])
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=tmp_path, env=_env(), capture_output=True, text=True
    )
    assert result.returncode == 143, result.stderr
    assert result.stderr.splitlines() == [LINES[signal.SIGTERM]]
    # Every file replaced or written whole (the signal waited for the renames), no temp file.
    pictures = ["sweep-brief.matrix.svg", "sweep-brief.timeline.svg"]
    assert sorted(p.name for p in out.iterdir() if p.is_file()) == sorted([*EARLIER, *pictures])
    assert json.loads((out / "sweep-brief.json").read_text())["title"] == TITLE
    assert f"title: {TITLE}\n" in (out / "sweep-brief.md").read_text()


# --- the layers in briefgen.interrupts, each on its own ---------------------------------------


def run_python(code: str, tmp_path: Path) -> tuple[subprocess.CompletedProcess[str], float]:
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        cwd=tmp_path,
        env=_env(),
        capture_output=True,
        text=True,
        timeout=60,
    )
    return result, time.monotonic() - started


def test_an_interrupt_swallowed_by_a_finalizer_is_raised_again(tmp_path):
    # Python prints "Exception ignored" for an exception raised in __del__ and carries on: the
    # watchdog sends the signal again until the main thread takes it.
    result, _ = run_python(
        """
        import os, signal, sys, time
        from briefgen import interrupts
        from briefgen.errors import Interrupted

        class Finalized:
            def __del__(self):
                os.kill(os.getpid(), signal.SIGINT)
                for _ in range(10**6):  # the handler runs, and raises, in here
                    pass

        with interrupts.handling():
            try:
                Finalized()
                started = time.monotonic()
                while time.monotonic() - started < 5:
                    pass
                print("not interrupted")
            except Interrupted as stop:
                print("taken after", round(time.monotonic() - started, 1), "s")
                sys.exit(interrupts.report(stop.signum))
        """,
        tmp_path,
    )
    assert result.returncode == 130, result.stdout + result.stderr
    assert "taken after" in result.stdout
    assert float(result.stdout.split()[2]) < 1.0


def test_a_stuck_main_thread_is_ended_by_the_watchdog_with_its_workers(tmp_path):
    result, elapsed = run_python(
        """
        import multiprocessing, os, signal, time
        from briefgen import interrupts

        worker = multiprocessing.Process(target=time.sleep, args=(60,))
        worker.start()
        print(worker.pid, flush=True)
        with interrupts.handling():
            try:
                os.kill(os.getpid(), signal.SIGTERM)
                time.sleep(5)
            except BaseException:
                interrupts.report(signal.SIGTERM)  # taken, then stuck
                time.sleep(60)
        """,
        tmp_path,
    )
    assert result.returncode == 143
    assert result.stderr.splitlines() == [LINES[signal.SIGTERM]]
    assert elapsed < 10
    worker = int(result.stdout.split()[0])
    end = time.monotonic() + 3
    while alive(worker) and time.monotonic() < end:
        time.sleep(0.05)
    assert not alive(worker)


def test_a_signal_inside_a_deferred_block_is_raised_when_it_ends(tmp_path):
    result, _ = run_python(
        """
        import os, signal
        from briefgen import interrupts
        from briefgen.errors import Interrupted

        steps = []
        with interrupts.handling():
            try:
                with interrupts.deferred():
                    os.kill(os.getpid(), signal.SIGINT)
                    for _ in range(10**5):
                        pass
                    steps.append("block finished")
                steps.append("after the block")
            except Interrupted as stop:
                steps.append(f"interrupted by {stop.signum}")
        print(steps)
        """,
        tmp_path,
    )
    assert result.stdout.strip() == "['block finished', 'interrupted by 2']", result.stderr


def test_a_worker_dies_with_its_parent_even_when_the_parent_is_killed(tmp_path):
    result, _ = run_python(
        """
        import os, sys, time
        from concurrent.futures import ProcessPoolExecutor
        from briefgen import interrupts

        pool = ProcessPoolExecutor(1, initializer=interrupts.init_worker, initargs=(os.getpid(),))
        print(pool.submit(os.getpid).result(), flush=True)
        os._exit(0)  # as if SIGKILLed: no cleanup of any kind
        """,
        tmp_path,
    )
    worker = int(result.stdout.split()[0])
    end = time.monotonic() + 3
    while alive(worker) and time.monotonic() < end:
        time.sleep(0.05)
    assert not alive(worker), "the worker outlived its parent"
