"""`briefgen build --scheduler`: folders built on a real Dask LocalCluster (2 worker processes).

The cluster tests skip when Dask is not installed (`pip install "briefgen[dask]"`); the tests
of what happens without it, and that a local build never imports it, always run.
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from small_events import EVENTS, make_event, modules_a_build_imports
from typer.testing import CliRunner

import briefgen
from briefgen import batch
from briefgen.cli import app
from briefgen.config import Options, OutputOptions

ROOT = Path(__file__).resolve().parent.parent
runner = CliRunner()


def errors(stderr: str) -> list[str]:
    """The stderr lines other than the per-brief summary lines."""
    return [line for line in stderr.splitlines() if not line.startswith("summary: ")]


def summaries(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("summary: ")]


@pytest.fixture(autouse=True)
def _in_tmp_cwd(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # no config file from the repository; relative paths here


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
    # and from the package: `from briefgen import distributed` takes the attribute an earlier
    # test's import left there without importing anything
    monkeypatch.delattr(briefgen, "distributed", raising=False)
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
    result = modules_a_build_imports(tmp_path, "pier", ("dask", "distributed"))
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
    """Two folders: one folder alone is built on the client (its parse in shards)."""
    options = Options(cache=False, date="2025-03-01")
    output = OutputOptions(out=str(tmp_path / "out"))
    return [batch.Job(make_event(tmp_path / n, n), options, output) for n in ("pier", "rail")]


def test_a_worker_dying_once_is_retried_elsewhere(tmp_path, cluster):
    from briefgen import distributed

    marker = tmp_path / "died-once"

    def dies_the_first_time(job: batch.Job) -> batch.Outcome:
        try:  # atomic: of two workers starting at once, only the first dies
            os.close(os.open(marker, os.O_CREAT | os.O_EXCL))
        except FileExistsError:
            return batch.build_one(job)
        os._exit(1)  # the worker process dies mid-task

    outcomes: list[batch.Outcome] = []
    distributed.run(
        _jobs(tmp_path),
        scheduler=cluster.scheduler_address,
        workers=2,
        verbosity=0,
        on_outcome=outcomes.append,
        task=dies_the_first_time,
    )
    pier, rail = outcomes
    assert marker.exists()
    assert pier.ok, pier.error
    assert rail.ok, rail.error
    assert b"Harbor City" in pier.files["md"]


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
    assert [o.error for o in outcomes] == [
        "worker failed: its worker died 2 times (KilledWorker)"
    ] * 2
    assert [o.folder for o in outcomes] == [tmp_path / "pier", tmp_path / "rail"]


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


# ---------------------------------------------------------------------------------------------
# One folder: the parse in shards

# More reports of the invented pier event, so a folder splits into several shards.
MORE_PIER = (
    "Engineers told the Harbor City council in January that the northern pier could collapse.\n"
    "The council closed the pier to the public on January 12 while it weighed repairs.\n",
    "Harbor City will pay for the $40 million pier from a bond approved by voters in 2023.\n"
    "Mayor Dana Ortiz said the bond would not raise property taxes.\n",
    "Local restaurants near the pier said the closure had cut their sales by a third.\n"
    "The Harbor City business association asked the council to reopen part of the pier.\n",
)


def make_big_event(folder: Path) -> Path:
    make_event(folder, "pier")
    for i, text in enumerate(MORE_PIER, start=len(EVENTS["pier"])):
        (folder / f"{i}.txt").write_text(text, encoding="utf-8")
    return folder


def test_shards_are_runs_of_consecutive_articles_within_the_word_budget():
    from briefgen.brief import Article

    distributed = pytest.importorskip("briefgen.distributed")
    articles = [
        Article(file=f"{i}.txt", text=" ".join(["word"] * n), sha256="")
        for i, n in enumerate([3, 4, 9, 2, 2])
    ]
    assert [a.words for a in articles] == [3, 4, 9, 2, 2]
    runs = distributed.shards(articles, 8)
    assert runs == [range(0, 2), range(2, 3), range(3, 5)]  # the 9-word article alone
    assert distributed.shards(articles, 100) == [range(0, 5)]
    assert distributed.shards([], 8) == []
    # About two shards per worker thread, within the bounds.
    assert distributed.shard_words(1_000_000, 2) == distributed.MAX_SHARD_WORDS
    assert distributed.shard_words(100, 2) == distributed.MIN_SHARD_WORDS
    assert distributed.shard_words(40_000, 4) == 5_000


@pytest.fixture
def tiny_shards(monkeypatch):
    """Shards of a few sentences, and the number of articles in each, as the client makes them."""
    distributed = pytest.importorskip("briefgen.distributed")
    monkeypatch.setattr(distributed, "MIN_SHARD_WORDS", 1)
    monkeypatch.setattr(distributed, "MAX_SHARD_WORDS", 60)
    made: list[list[int]] = []
    split = distributed.shards

    def recorded(articles, words):
        runs = split(articles, words)
        made.append([len(run) for run in runs])
        return runs

    monkeypatch.setattr(distributed, "shards", recorded)
    return made


def test_one_folder_parsed_in_shards_gives_the_local_brief_byte_for_byte(
    tmp_path, cluster, tiny_shards
):
    folder = make_big_event(tmp_path / "pier")
    common = ["build", str(folder), "--date", "2025-03-01", "--no-cache"]
    local = runner.invoke(app, [*common, "--out", "local"])
    assert local.exit_code == 0, local.output
    dask = runner.invoke(app, [*common, "--scheduler", cluster.scheduler_address, "--out", "dask"])
    assert dask.exit_code == 0, dask.output
    [sizes] = tiny_shards
    assert len(sizes) >= 2 and sum(sizes) == 5
    built = files_in(tmp_path / "local")
    assert len(built) == 4
    assert files_in(tmp_path / "dask") == built
    assert errors(dask.stderr) == errors(local.stderr)


def test_shards_keep_every_annotation_of_a_local_parse(tmp_path, cluster, tiny_shards):
    """Entities, sentences, lemmas, doc.spans and the Span._ attributes of annotate/."""
    from distributed import Client

    from briefgen import distributed, ingest, nlp

    articles = ingest.read_folder(make_big_event(tmp_path / "pier"))
    pipeline = nlp.load()
    local = nlp.parse(pipeline, articles)
    progress: list[int] = []
    with Client(cluster, set_as_default=False) as client:
        shipped = distributed.ShardParser(client, None, 0)(
            pipeline, articles, progress=progress.append
        )
    assert len(tiny_shards[0]) >= 2
    assert progress[-1] == len(articles) and progress == sorted(progress)
    assert [p.source_id for p in shipped] == [p.source_id for p in local]
    assert any(p.doc.user_data for p in local)  # the annotators' Span._ values, to compare
    for mine, theirs in zip(local, shipped, strict=True):
        assert theirs.article == mine.article
        assert theirs.doc.to_json() == mine.doc.to_json()
        assert theirs.doc.user_data == mine.doc.user_data
        assert {
            k: [(s.start, s.end, s.label_) for s in g] for k, g in theirs.doc.spans.items()
        } == {k: [(s.start, s.end, s.label_) for s in g] for k, g in mine.doc.spans.items()}


def test_articles_the_cache_holds_are_not_sent_to_the_workers(tmp_path, cluster, tiny_shards):
    folder = make_big_event(tmp_path / "pier")
    args = ["build", str(folder), "--scheduler", cluster.scheduler_address, "-q"]
    assert runner.invoke(app, args).exit_code == 0
    assert sum(tiny_shards[0]) == 5
    (folder / "9.txt").write_text(
        "The Harbor City council said on Thursday that the pier would reopen in 2027.\n",
        encoding="utf-8",
    )
    assert runner.invoke(app, args).exit_code == 0
    assert tiny_shards[1] == [1]  # only the new article was parsed, in one shard
    assert runner.invoke(app, args).exit_code == 0
    assert len(tiny_shards) == 2  # the analysis is cached: nothing to parse


def test_a_shard_whose_worker_dies_twice_fails_the_brief_in_one_line(
    tmp_path, cluster, tiny_shards, monkeypatch
):
    from briefgen import distributed

    def always_dies(model, articles):
        os._exit(1)

    monkeypatch.setattr(distributed, "parse_shard", always_dies)
    folder = make_big_event(tmp_path / "pier")
    args = ["build", str(folder), "--scheduler", cluster.scheduler_address, "--no-cache"]
    result = runner.invoke(app, args)
    assert result.exit_code == 1
    [line] = result.stderr.splitlines()
    assert re.match(r"error: parsing \d article\(s\) from \d\.txt: ", line), line
    assert line.endswith(": worker failed: its worker died 2 times (KilledWorker)")
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").glob("*.md"))


def test_progress_counts_folders_as_their_tasks_complete(tmp_path, cluster):
    """Not in command-line order: a slow first folder does not hold the count back."""
    from distributed import Client

    from briefgen import distributed

    with Client(cluster, set_as_default=False) as client:
        client.wait_for_workers(2, timeout=60)  # both folders at once (a fault test restarts one)

    def first_is_slow(job: batch.Job) -> batch.Outcome:
        if job.folder.name == "pier":
            time.sleep(3)
        return batch.build_one(job)

    events: list[tuple[object, ...]] = []
    distributed.run(
        _jobs(tmp_path),
        scheduler=cluster.scheduler_address,
        workers=2,
        verbosity=0,
        on_outcome=lambda outcome: events.append(("brief", outcome.folder.name)),
        progress=lambda done, total: events.append(("done", done, total)),
        task=first_is_slow,
    )
    # rail is done first, but briefs are still delivered (written) in command-line order.
    assert events == [("done", 1, 2), ("done", 2, 2), ("brief", "pier"), ("brief", "rail")]


def test_warnings_logged_on_the_workers_are_shown_as_a_local_build_shows_them(tmp_path):
    """Each folder's warnings, labelled with the folder, before its summary line, in folder
    order; and not at all with -q."""
    pytest.importorskip("distributed")
    desk = tmp_path / "desk"
    pier = make_event(desk / "pier", "pier")
    (pier / "2.txt").write_text(EVENTS["pier"][0], encoding="utf-8")  # a duplicate
    rail = make_event(desk / "rail", "rail")
    (rail / "empty.txt").write_text("", encoding="utf-8")
    common = ["build", "--each", str(desk), "--date", "2025-03-01", "--no-cache"]
    local = runner.invoke(app, [*common, "--jobs", "1", "--out", "local"])
    dask = runner.invoke(app, [*common, "--scheduler", "local", "--jobs", "2", "--out", "dask"])
    assert local.exit_code == dask.exit_code == 0

    def lines(stderr: str) -> list[str]:  # the summary lines without their seconds
        return [
            line.rsplit(",", 1)[0] if line.startswith("summary: ") else line
            for line in stderr.splitlines()
        ]

    assert lines(dask.stderr) == lines(local.stderr)
    assert lines(dask.stderr)[0] == f"warning: {pier}: skipped 2.txt: duplicate of 0.txt"
    assert lines(dask.stderr)[2] == f"warning: {rail}: skipped empty.txt: empty file"
    assert len(lines(dask.stderr)) == 4  # and one summary line after each folder's warning
    quiet = runner.invoke(app, [*common, "--scheduler", "local", "--out", "quiet", "-q"])
    assert quiet.exit_code == 0
    assert quiet.stderr == ""


def test_ctrl_c_during_a_sharded_parse_cancels_the_shards_and_writes_nothing(tmp_path, cluster):
    from distributed import Client

    folder = tmp_path / "pier"
    folder.mkdir()
    for i in range(40):  # ~12,000 words: several shards of a few seconds' parsing
        lines = [
            f"Inspectors from Harbor City checked section {i}-{k} of the northern pier on day {k}."
            f" They found {k + 2} cracked beams and asked the council for {k + 1} more weeks."
            for k in range(15)
        ]
        (folder / f"{i:02d}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    args = ["build", "pier", "--scheduler", cluster.scheduler_address, "--no-cache"]
    with Client(cluster, set_as_default=False) as client:

        def tasks() -> int:
            return client.run_on_scheduler(lambda dask_scheduler: len(dask_scheduler.tasks))

        process = subprocess.Popen(
            [sys.executable, "-m", "briefgen", *args],
            cwd=tmp_path,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        deadline = time.monotonic() + 60
        submitted = 0
        while submitted < 2 and time.monotonic() < deadline:  # the shards are submitted
            time.sleep(0.05)
            submitted = tasks()
        assert submitted > 1  # a sharded parse, interrupted while its shards are on the cluster
        process.send_signal(signal.SIGINT)
        stdout, stderr = process.communicate(timeout=30)
        assert process.returncode == 130
        assert errors(stderr) == ["error: interrupted by SIGINT"]
        assert stdout == ""
        assert not [p for p in (tmp_path / "out").glob("*") if p.is_file()]
        deadline = time.monotonic() + 10
        while tasks() and time.monotonic() < deadline:  # the scheduler forgets the shards
            time.sleep(0.2)
        assert tasks() == 0
