"""Parties and values end to end on events other than the seeds (tests/data/events/)."""

from __future__ import annotations

from pathlib import Path

import pytest

import briefgen
from briefgen.brief import Brief, Party

EVENTS = Path(__file__).resolve().parent / "data" / "events"


@pytest.fixture(scope="module")
def battery_pact() -> Brief:
    return briefgen.build(EVENTS / "battery-pact", cache=False, date="2030-01-01")


@pytest.fixture(scope="module")
def copper_takeover() -> Brief:
    return briefgen.build(EVENTS / "copper-takeover", cache=False, date="2030-01-01")


def with_alias(brief: Brief, alias: str) -> list[Party]:
    return [p for p in brief.parties if alias.casefold() in {a.casefold() for a in p.aliases}]


def signatories(brief: Brief) -> set[str]:
    return {p.name for p in brief.parties if p.role and p.role.startswith("signatory")}


# --- battery-pact: Indonesia and LG Energy Solution ------------------------------------------


def test_battery_pact_acronym_after_a_possessive_country_is_one_party(battery_pact):
    [party] = with_alias(battery_pact, "CATL")
    assert "Contemporary Amperex Technology" in party.aliases


def test_battery_pact_common_noun_initialism_is_not_a_party(battery_pact):
    assert not with_alias(battery_pact, "EV")


def test_battery_pact_signatories_are_this_deal_s_only(battery_pact):
    assert signatories(battery_pact) == {"Indonesia", "LG Energy Solution", "MIND ID"}


def test_battery_pact_values_measure_the_project_not_the_officials(battery_pact):
    money = {v.amount: v for v in battery_pact.values if v.kind == "money"}
    assert money[9_000_000_000].refers_to == "project"
    assert "officials" not in (money[9_800_000_000].refers_to or "")


# --- copper-takeover: Kestrel Bay and Lunga Copper -------------------------------------------


def test_copper_takeover_company_short_names_and_acronyms_are_one_party(copper_takeover):
    [party] = with_alias(copper_takeover, "KBR")
    assert party.name == "Kestrel Bay Resources Inc."
    assert "Kestrel Bay" in party.aliases
    assert party.type == "ORG"


def test_copper_takeover_earlier_offtake_partner_is_not_a_signatory(copper_takeover):
    assert signatories(copper_takeover) == {"Kestrel Bay Resources Inc.", "Lunga Copper plc"}
    [party] = with_alias(copper_takeover, "PMGL")
    assert party.name == "Pinghai Metals Group"


def test_copper_takeover_people_keep_their_titles(copper_takeover):
    [ceo] = with_alias(copper_takeover, "Sarah Whitcombe")
    assert ceo.role == "Chief Executive Officer"
    [banda] = with_alias(copper_takeover, "Mwila Banda")
    assert banda.type == "PERSON"


def test_copper_takeover_money_in_four_currencies(copper_takeover):
    # a range ("between $300 million and $400 million") is one value with both ends
    money = {(v.currency, a) for v in copper_takeover.values for a in (v.amount, v.high) if a}
    assert {
        ("USD", 1_100_000_000),
        ("CAD", 1_500_000_000),
        ("GBP", 850_000_000),
        ("USD", 300_000_000),
        ("USD", 400_000_000),
        ("CAD", 120_000_000),
    } <= money


def test_copper_takeover_no_common_noun_initialisms(copper_takeover):
    assert not with_alias(copper_takeover, "IPO")
    assert not with_alias(copper_takeover, "CEO")
