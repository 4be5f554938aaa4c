"""Stages run side by side in a forked process: same result, errors carried back, no leftovers."""

from __future__ import annotations

import multiprocessing
import os
import time
from pathlib import Path

import pytest

from briefgen import alongside, pipeline
from briefgen import nlp as nlp_module
from briefgen.errors import NothingToBriefError

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
EVENTS = Path(__file__).resolve().parent / "data" / "events"

pytestmark = pytest.mark.skipif(
    "fork" not in multiprocessing.get_all_start_methods(), reason="needs fork"
)


def test_the_job_runs_in_another_process_and_its_result_comes_back():
    numbers = list(range(10))  # the child reads this process's memory, not a pickled copy
    running = alongside.start(lambda: (os.getpid(), sum(numbers)))
    child, total = running.result()
    assert child != os.getpid()
    assert total == 45
    assert not multiprocessing.active_children()


def test_an_error_in_the_job_is_raised_by_the_wait():
    def fails():
        raise NothingToBriefError("no key point found in 0 articles")

    running = alongside.start(fails)
    with pytest.raises(NothingToBriefError, match="no key point"):
        running.result()
    assert not multiprocessing.active_children()


def test_a_value_handed_over_after_the_fork_reaches_the_child():
    handoff = alongside.Handoff()
    running = alongside.start(lambda: [n * 2 for n in handoff.take()])
    handoff.give([1, 2, 3])  # made here after the child started, as the Parties table is
    assert running.result() == [2, 4, 6]
    handoff.close()
    assert not multiprocessing.active_children()


def _running(pid: int) -> bool:
    """The process exists and is not a zombie (read from /proc, whoever reaps it)."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False


def test_a_cancelled_job_leaves_no_process():
    handoff = alongside.Handoff()
    running = alongside.start(handoff.take)  # waits for a value that never comes
    pids = [p.pid for p in running._pool._processes.values()]  # type: ignore[attr-defined]
    assert pids and all(_running(pid) for pid in pids)
    running.cancel()
    handoff.close()
    deadline = time.monotonic() + 5  # SIGKILL is sent at once; the kernel ends it soon after
    while any(_running(pid) for pid in pids) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(_running(pid) for pid in pids)


@pytest.mark.parametrize("folder", [SEEDS, EVENTS / "battery-pact"], ids=lambda p: p.name)
def test_a_build_with_the_story_forked_equals_the_build_in_one_process(folder, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    alone = pipeline.build(folder, cache=False, date="2030-01-01", jobs=1)
    forks = []
    real_start = alongside.start
    monkeypatch.setattr(alongside, "start", lambda job: forks.append(1) or real_start(job))
    monkeypatch.setattr(nlp_module, "MIN_WORDS_FOR_PROCESSES", 0)
    beside = pipeline.build(folder, cache=False, date="2030-01-01", jobs=2)
    assert forks == [1]
    assert beside.to_dict() == alone.to_dict()
