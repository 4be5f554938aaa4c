"""Stages run side by side in a forked process: same result, errors carried back, no leftovers."""

from __future__ import annotations

import multiprocessing
import os
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
    wait = alongside.start(lambda: (os.getpid(), sum(numbers)))
    child, total = wait()
    assert child != os.getpid()
    assert total == 45
    assert not multiprocessing.active_children()


def test_an_error_in_the_job_is_raised_by_the_wait():
    def fails():
        raise NothingToBriefError("no key point found in 0 articles")

    wait = alongside.start(fails)
    with pytest.raises(NothingToBriefError, match="no key point"):
        wait()
    assert not multiprocessing.active_children()


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
