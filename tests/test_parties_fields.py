"""bench/fields.py: scoring a brief's structured fields against a gold file."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

from briefgen.brief import Brief, Mineral, Party, Value

BENCH = Path(__file__).resolve().parent.parent / "bench" / "fields.py"


@pytest.fixture(scope="module")
def fields():
    spec = importlib.util.spec_from_file_location("bench_fields", BENCH)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_fields"] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


GOLD = {
    "parties": [
        {"name": "Kivu Logistics", "aliases": ["Kivu Logistics", "KL"], "role": "signatory"},
        {"name": "Kenya", "aliases": ["Kenya", "Nairobi"], "role": "host"},
        {"name": "Tom Reed", "aliases": ["Tom Reed", "Reed"], "role": "official"},
        {"name": "Prime Minister’s Office", "aliases": ["PMO"], "role": "official"},
        {"name": "Old Times", "aliases": ["Old Times"], "role": "media source (byline)"},
        {"name": "Acme", "aliases": ["Acme"], "role": "context (history)"},
    ],
    "core_parties": ["Kivu Logistics", "Kenya"],
    "values": [
        {"text": "$500 million", "amount": 500_000_000, "currency": "USD"},
        {"text": "Rs 1,500-crore", "amount": 15_000_000_000, "currency": "INR"},
    ],
    "minerals": ["cobalt", "rare earth elements"],
    "minerals_optional": ["oil"],
}


def party(name: str, *aliases: str) -> Party:
    return Party(name, "ORG", [name, *aliases], None, 1, ["S1"])


def brief(parties=(), values=(), minerals=()) -> Brief:
    return Brief(
        title="t",
        generated="2025-01-01",
        parties=list(parties),
        values=list(values),
        minerals=list(minerals),
    )


def test_party_matches_on_any_alias_ignoring_case_and_quote_style(fields):
    scores = fields.score_parties(
        brief([party("KIVU LOGISTICS"), party("Prime Minister's Office")]), GOLD
    )
    assert scores["precision"].num == 2


def test_party_precision_counts_unmatched_entries(fields):
    scores = fields.score_parties(brief([party("Kenya"), party("House")]), GOLD)
    assert scores["precision"].value == 0.5
    assert scores["precision"].notes == ["unmatched: House"]


def test_recall_leaves_out_context_and_media_parties(fields):
    scores = fields.score_parties(
        brief([party("Kenya"), party("KL"), party("Reed"), party("PMO")]), GOLD
    )
    assert (scores["recall (required)"].num, scores["recall (required)"].den) == (4, 4)
    assert scores["recall (all gold)"].den == 6


def test_a_gold_party_matched_by_two_entries_is_split(fields):
    scores = fields.score_parties(brief([party("Kenya"), party("Nairobi")]), GOLD)
    assert scores["split gold parties"].num == 1
    assert fields.missed_targets({"parties": scores}) == [
        "a core party is missing",
        "a gold party is split over two entries",
    ]


def test_an_entry_matching_two_gold_parties_is_merged(fields):
    scores = fields.score_parties(brief([party("Kenya", "Kivu Logistics")]), GOLD)
    assert scores["merged entries"].num == 1


def test_core_parties_found(fields):
    scores = fields.score_parties(brief([party("Kenya"), party("Kivu Logistics")]), GOLD)
    assert (scores["core found"].num, scores["core found"].den) == (2, 2)
    assert fields.missed_targets({"parties": scores}) == []


def test_value_matches_within_one_percent_and_same_currency(fields):
    values = [
        Value("about $502 million", 502_000_000, "USD", None, ["S1"]),
        Value("₹1,500 crore", 15_000_000_000, "EUR", None, ["S1"]),
    ]
    scores = fields.score_values(brief(values=values), GOLD)
    assert (scores["precision"].num, scores["precision"].den) == (1, 2)
    assert (scores["recall"].num, scores["recall"].den) == (1, 2)


def test_value_off_by_more_than_one_percent_does_not_match(fields):
    values = [Value("$510 million", 510_000_000, "USD", None, ["S1"])]
    assert fields.score_values(brief(values=values), GOLD)["recall"].num == 0


def test_optional_minerals_are_neither_required_nor_penalised(fields):
    minerals = [Mineral("Cobalt", 2, ["S1"]), Mineral("oil", 1, ["S1"]), Mineral("sand", 1, [])]
    scores = fields.score_minerals(brief(minerals=minerals), GOLD)
    assert (scores["precision"].num, scores["precision"].den) == (2, 3)
    assert (scores["recall"].num, scores["recall"].den) == (1, 2)
    assert scores["recall"].notes == ["missing: rare earth elements"]


def test_cli_scores_a_brief_json_and_strict_fails_on_a_split(fields, tmp_path, capsys):
    gold = tmp_path / "gold.json"
    gold.write_text(json.dumps(GOLD), encoding="utf-8")
    good = tmp_path / "good.json"
    good.write_text(brief([party("Kenya"), party("Kivu Logistics")]).to_json(), encoding="utf-8")
    assert fields.main(["--json", str(good), "--gold", str(gold), "--strict"]) == 0
    out = capsys.readouterr().out
    assert "parties" in out and "precision" in out and "1.00 (2/2)" in out

    split = tmp_path / "split.json"
    split.write_text(
        brief([party("Kenya"), party("Nairobi"), party("KL")]).to_json(), encoding="utf-8"
    )
    assert fields.main(["--json", str(split), "--gold", str(gold), "--strict"]) == 1
    assert fields.main(["--json", str(split), "--gold", str(gold)]) == 0
