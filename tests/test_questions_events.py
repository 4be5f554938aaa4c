"""Open questions and context end to end on events other than the seeds, every stage real.

`battery-pact`: a binding battery supply-chain agreement whose value two sources give as $9.8
billion and one as "about $9 billion", with dated next steps. `lithium-takeover`: an
acquisition whose sources disagree on the day of signing, with approvals and a closing date
stated. `rail-contract`: a government contract whose value ("is worth about $600 million") and
signer for the contractor differ between sources.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import briefgen
from briefgen.brief import Brief, OpenQuestion

EVENTS = Path(__file__).resolve().parent / "data" / "events"


@pytest.fixture(scope="module")
def battery() -> Brief:
    return briefgen.build(EVENTS / "battery-pact", cache=False)


@pytest.fixture(scope="module")
def takeover() -> Brief:
    return briefgen.build(EVENTS / "lithium-takeover", cache=False)


@pytest.fixture(scope="module")
def contract() -> Brief:
    return briefgen.build(EVENTS / "rail-contract", cache=False)


def asked(brief: Brief, kind: str, pattern: str = "") -> list[OpenQuestion]:
    return [
        q
        for q in brief.open_questions
        if q.kind == kind and re.search(pattern, q.text, re.IGNORECASE)
    ]


# --- battery-pact ------------------------------------------------------------------------------


def test_battery_value_reported_two_ways_is_a_conflict(battery):
    conflicts = asked(battery, "conflict", "value")
    assert len(conflicts) == 1
    assert "S1, S3 value it at $9.8 billion" in conflicts[0].text
    assert "S2 at about $9 billion" in conflicts[0].text
    assert "about" in conflicts[0].basis


def test_battery_dated_next_steps_leave_no_timetable_gap(battery):
    assert asked(battery, "gap", "timetable") == []


def test_battery_permits_still_needed_leave_no_approvals_gap(battery):
    assert asked(battery, "gap", "approval") == []


def test_battery_context_is_other_events_not_the_deal_terms(battery):
    context = [c.text for c in battery.context]
    assert any("CATL" in t and "2022" in t for t in context)
    assert not any(t.startswith("Financing will come") for t in context)
    assert not any("recycling plant" in t for t in context)


def test_battery_follow_through_asks_who_acts_without_sequencing_words(battery):
    follow = [q.text for q in asked(battery, "follow-through")]
    assert any(t.startswith("Will the government choose a site") for t in follow)
    assert not any(re.search(r"\bfinancing\b|\bfirst(?:\?|,)", t) for t in follow)


# --- lithium-takeover --------------------------------------------------------------------------


def test_takeover_signing_days_in_conflict(takeover):
    conflicts = asked(takeover, "conflict", "which day")
    assert len(conflicts) == 1
    assert "S1: Monday" in conflicts[0].text and "S2: Tuesday" in conflicts[0].text


def test_takeover_agreed_price_raises_no_value_conflict(takeover):
    assert asked(takeover, "conflict", "value") == []


def test_takeover_stated_approval_and_closing_date_are_not_gaps(takeover):
    assert asked(takeover, "gap", "approval|timetable") == []


def test_takeover_financing_asks_how_the_buyer_pays(takeover):
    financing = asked(takeover, "gap", "pay|financ")
    assert len(financing) == 1
    assert financing[0].text.startswith("How will Cordillera Minerals pay")


def test_takeover_questions_name_only_the_deal_parties(takeover):
    # "a filing with the Santiago stock exchange" names no party to the deal.
    assert not any("Santiago" in q.text for q in takeover.open_questions)


def test_takeover_context_is_earlier_deals_and_the_setting(takeover):
    context = " ".join(c.text for c in takeover.context)
    assert "2021" in context and "Andina Resources" in context
    assert "feasibility study" not in context and "first half of 2026" not in context


# --- rail-contract -----------------------------------------------------------------------------


def test_contract_value_stated_with_a_copula_is_compared(contract):
    conflicts = asked(contract, "conflict", "value")
    assert len(conflicts) == 1
    assert "$640 million" in conflicts[0].text and "about $600 million" in conflicts[0].text


def test_contract_different_signers_for_the_contractor_are_a_conflict(contract):
    signers = asked(contract, "conflict", "who signed")
    assert len(signers) == 1
    assert "for Mota Rail" in signers[0].text
    assert "Paulo Serrano" in signers[0].text and "Joana Pires" in signers[0].text
    assert "Frank Tayali" not in signers[0].text  # both sources agree on the minister


def test_contract_follow_through_keeps_one_statement_per_question(contract):
    follow = [q.text for q in asked(contract, "follow-through")]
    assert "Will work begin in January, as S1 says?" in follow
