"""`briefgen build --scheduler`: folders built on a real Dask LocalCluster (2 worker processes).

The cluster tests skip when Dask is not installed (`pip install "briefgen[dask]"`); the tests
of what happens without it, and that a local build never imports it, always run.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from briefgen import batch
from briefgen.cli import app
from briefgen.config import Options, OutputOptions

ROOT = Path(__file__).resolve().parent.parent
runner = CliRunner()

# Invented events, two short reports each: quick to parse, enough for every stage.
EVENTS = {
    "pier": (
        "Harbor City council approved a $40 million plan on Tuesday to rebuild the northern pier.\n"
        "Mayor Dana Ortiz said construction would start in March 2025 and take two years.\n",
        "The Harbor City council voted on Tuesday to spend $40 million rebuilding the pier.\n"
        "The fishing cooperative said the pier had been unsafe since a storm last winter.\n",
    ),
    "rail": (
        "The regional rail operator ordered 12 new trains worth 300 million euros on Friday.\n"
        "The first trains will enter service in 2027, the operator said in a statement.\n",
        "Northline Rail signed a 300 million euro contract for 12 trains on Friday.\n"
        "Unions welcomed the order but asked for more drivers to be hired before 2027.\n",
    ),
}


def errors(stderr: str) -> list[str]:
    """The stderr lines other than the per-brief summary lines."""
    return [line for line in stderr.splitlines() if not line.startswith("summary: ")]


def summaries(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("summary: ")]


@pytest.fixture(autouse=True)
def _in_tmp_cwd(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # no config file from the repository; relative paths here


def make_event(folder: Path, name: str) -> Path:
    folder.mkdir(parents=True)
    for i, text in enumerate(EVENTS[name]):
        (folder / f"{i}.txt").write_text(text, encoding="utf-8")
    return folder


def make_desk(parent: Path) -> Path:
    """Four folders: two events, one of them twice (the second gets a disambiguated stem),
    and one with no articles (it fails; the others do not)."""
    make_event(parent / "pier", "pier")
    make_event(parent / "rail", "rail")
    make_event(parent / "rail-again", "rail")
    (parent / "empty").mkdir()
    return parent


def files_in(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(out.iterdir()) if p.is_file()}


@pytest.fixture(scope="module")
def cluster():
    """A LocalCluster shared by the tests that give --scheduler its address."""
    distributed = pytest.importorskip("briefgen.distributed")
    with distributed.local_cluster(2) as running:
        yield running


def _run_python(code: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-c", code], cwd=cwd, env=env, capture_output=True, text=True, timeout=120
    )


# ---------------------------------------------------------------------------------------------
# Without a cluster


def test_scheduler_is_an_option_that_does_not_key_the_cache():
    assert Options(scheduler="tcp://10.0.0.5:8786").cache_key() == Options().cache_key()
    result = runner.invoke(app, ["build", "--help"])
    assert "--scheduler" in result.output


def test_scheduler_without_dask_is_one_line_naming_the_install(tmp_path, monkeypatch):
    make_event(tmp_path / "desk" / "pier", "pier")
    monkeypatch.setitem(sys.modules, "distributed", None)  # `import distributed` fails
    monkeypatch.delitem(sys.modules, "briefgen.distributed", raising=False)
    result = runner.invoke(app, ["build", "--each", "desk", "--scheduler", "local"])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        'error: --scheduler local: distributed builds need Dask: pip install "briefgen[dask]"'
    ]
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("address", ["nonsense", "tcp://", "http://host:1 x"])
def test_a_malformed_scheduler_address_is_a_usage_error(tmp_path, address):
    make_event(tmp_path / "desk" / "pier", "pier")
    result = runner.invoke(app, ["build", "--each", "desk", "--scheduler", address])
    assert result.exit_code == 2
    assert "must be local or an address such as tcp://host:8786" in result.output


def test_an_unreachable_scheduler_is_one_line(tmp_path, monkeypatch):
    distributed = pytest.importorskip("briefgen.distributed")
    monkeypatch.setattr(distributed, "CONNECT_TIMEOUT", "1s")
    make_event(tmp_path / "desk" / "pier", "pier")
    result = runner.invoke(app, ["build", "--each", "desk", "--scheduler", "tcp://127.0.0.1:9"])
    assert result.exit_code == 1
    [line] = result.stderr.splitlines()
    assert line.startswith("error: cannot reach the Dask scheduler at tcp://127.0.0.1:9: ")
    assert not (tmp_path / "out").exists()


def test_a_local_build_does_not_import_dask(tmp_path):
    make_event(tmp_path / "pier", "pier")
    code = (
        "import sys\n"
        "from briefgen.cli import main\n"
        "try:\n"
        "    main(['build', 'pier', '--no-cache', '-q'])\n"
        "except SystemExit as done:\n"
        "    assert done.code == 0, done.code\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] in ('dask', 'distributed'))\n"
        "print(loaded)\n"
    )
    result = _run_python(code, tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
    assert (tmp_path / "out").is_dir()


# ---------------------------------------------------------------------------------------------
# On a LocalCluster


def test_local_cluster_briefs_are_byte_identical_to_a_local_build(tmp_path):
    pytest.importorskip("distributed")
    desk = make_desk(tmp_path / "desk")
    common = ["build", "--each", str(desk), "--date", "2025-03-01", "--no-cache"]
    local = runner.invoke(app, [*common, "--jobs", "2", "--out", "local"])
    dask = runner.invoke(app, [*common, "--scheduler", "local", "--jobs", "2", "--out", "dask"])
    # The empty folder fails on both, in one line, and the other three are written.
    assert local.exit_code == dask.exit_code == 1
    [error] = errors(dask.stderr)
    assert error.startswith(f"error: {desk / 'empty'}: no articles found in ")
    assert errors(dask.stderr) == errors(local.stderr)
    # One summary line per brief built, in the same order (their seconds differ).
    assert [s.rsplit(",", 1)[0] for s in summaries(dask.stderr)] == [
        s.rsplit(",", 1)[0] for s in summaries(local.stderr)
    ]
    assert len(summaries(dask.stderr)) == 3
    built = files_in(tmp_path / "local")
    assert len(built) == 12  # three briefs: .md, .json and two SVG pictures each
    assert files_in(tmp_path / "dask") == built
    assert [Path(line).name for line in dask.stdout.splitlines()] == [
        Path(line).name for line in local.stdout.splitlines()
    ]


def test_scheduler_address_builds_and_shares_the_cache(tmp_path, cluster):
    desk = make_desk(tmp_path / "desk")
    args = ["build", "--each", str(desk), "--scheduler", cluster.scheduler_address, "-q"]
    first = runner.invoke(app, args)
    assert first.exit_code == 1  # the empty folder
    cache = tmp_path / "out" / ".cache"
    entries = sorted(p for p in cache.rglob("*") if p.is_file())
    assert entries  # the workers wrote the cache given as a relative path, here
    second = runner.invoke(app, args)
    assert second.exit_code == 1
    assert sorted(p for p in cache.rglob("*") if p.is_file()) == entries  # all hits
    briefs = sorted((tmp_path / "out").glob("*.json"))
    assert len(briefs) == 3
    for path in briefs:
        assert len(json.loads(path.read_text(encoding="utf-8"))["sources"]) == 2


def _jobs(tmp_path: Path) -> list[batch.Job]:
    folder = make_event(tmp_path / "pier", "pier")
    options = Options(cache=False, date="2025-03-01")
    return [batch.Job(folder, options, OutputOptions(out=str(tmp_path / "out")))]


def test_a_worker_dying_once_is_retried_elsewhere(tmp_path, cluster):
    from briefgen import distributed

    marker = tmp_path / "died-once"

    def dies_the_first_time(job: batch.Job) -> batch.Outcome:
        if not marker.exists():
            marker.touch()
            os._exit(1)  # the worker process dies mid-task
        return batch.build_one(job)

    outcomes: list[batch.Outcome] = []
    distributed.run(
        _jobs(tmp_path),
        scheduler=cluster.scheduler_address,
        workers=2,
        verbosity=0,
        on_outcome=outcomes.append,
        task=dies_the_first_time,
    )
    [outcome] = outcomes
    assert marker.exists()
    assert outcome.ok, outcome.error
    assert b"Harbor City" in outcome.files["md"]


def test_a_task_whose_worker_dies_twice_is_reported_failed(tmp_path, cluster):
    from briefgen import distributed

    def always_dies(job: batch.Job) -> batch.Outcome:
        os._exit(1)

    outcomes: list[batch.Outcome] = []
    distributed.run(
        _jobs(tmp_path),
        scheduler=cluster.scheduler_address,
        workers=2,
        verbosity=0,
        on_outcome=outcomes.append,
        task=always_dies,
    )
    [outcome] = outcomes
    assert outcome.error == "worker failed: its worker died 2 times (KilledWorker)"
    assert outcome.folder == tmp_path / "pier"


@pytest.mark.parametrize("where", ["address", "local"])
def test_ctrl_c_cancels_the_tasks_and_leaves_no_partial_file(tmp_path, cluster, where):
    """To the client only, on the shared cluster (which must forget the tasks); to the whole
    process group, as a terminal sends it, on a `local` cluster (whose workers must not print)."""
    from distributed import Client

    parent = tmp_path / "desk"
    for i in range(8):
        make_event(parent / f"pier{i}", "pier")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    scheduler = cluster.scheduler_address if where == "address" else "local"
    args = ["build", "--each", "desk", "--scheduler", scheduler, "--jobs", "2", "--no-cache"]
    process = subprocess.Popen(
        [sys.executable, "-m", "briefgen", *args],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    assert process.stdout is not None
    first = process.stdout.readline()  # the first brief is written: the run is under way
    assert first.endswith(".md\n")
    if where == "local":
        os.killpg(process.pid, signal.SIGINT)
    else:
        process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=30)
    assert process.returncode == 130
    assert errors(stderr) == ["error: interrupted by SIGINT"]
    names = [p.name for p in (tmp_path / "out").iterdir() if p.is_file()]
    assert not [n for n in names if n.endswith(".tmp")]
    stems = {n.split(".", 1)[0] for n in names}
    whole = ("md", "json", "matrix.svg", "timeline.svg")  # every file of each brief, none missing
    assert sorted(names) == sorted(f"{s}.{x}" for s in stems for x in whole)
    assert len(stems) < 8  # stopped before the end
    if where == "local":
        return
    with Client(cluster) as client:  # the scheduler forgot the interrupted run's tasks
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            left = client.run_on_scheduler(lambda dask_scheduler: len(dask_scheduler.tasks))
            if not left:
                break
            time.sleep(0.2)
        assert left == 0
