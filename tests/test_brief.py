"""The Brief contract: closed sets of values are Enums whose members are the contract's strings."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from briefgen.brief import (
    Brief,
    KeyFigure,
    OpenQuestion,
    Party,
    PartyType,
    QuestionKind,
    Value,
    ValueKind,
)

GOLDEN = Path(__file__).resolve().parent / "golden"


@pytest.mark.parametrize("event", sorted(p.name for p in GOLDEN.iterdir() if p.is_dir()))
def test_brief_json_reads_back_to_the_same_bytes(event):
    text = (GOLDEN / event / "brief.json").read_text(encoding="utf-8")
    assert Brief.from_dict(json.loads(text)).to_json() == text


def test_strings_from_json_become_enum_members():
    data = json.loads((GOLDEN / "seeds" / "brief.json").read_text(encoding="utf-8"))
    brief = Brief.from_dict(data)
    assert all(isinstance(p.type, PartyType) for p in brief.parties)
    assert all(isinstance(v.kind, ValueKind) for v in brief.values)
    assert all(isinstance(q.kind, QuestionKind) for q in brief.open_questions)


def test_a_member_is_equal_to_its_string_and_written_as_it():
    party = Party("Frontier Works Organisation", "ORG", [], None, 1, ["S1"])
    assert party.type is PartyType.ORG
    assert party.type == "ORG"
    assert json.dumps(party.type) == '"ORG"'


def test_defaults_are_members():
    assert Value("$5m", 5e6, "USD", None, ["S1"]).kind is ValueKind.MONEY
    assert OpenQuestion("Who pays?", "S1").kind is QuestionKind.GAP


@pytest.mark.parametrize(
    "make",
    [
        lambda: Party("X", "LOC", [], None, 1, ["S1"]),
        lambda: Value("5", 5.0, None, None, ["S1"], kind="volume"),
        lambda: KeyFigure("5", 5.0, None, None, ["S1"], kind="volume"),
        lambda: OpenQuestion("Q?", "S1", kind="rumour"),
    ],
)
def test_a_string_outside_a_closed_set_is_refused(make):
    with pytest.raises(ValueError, match="is not a valid"):
        make()


def test_a_value_is_money_and_a_key_figure_is_not():
    with pytest.raises(ValueError, match="KeyFigure"):
        Value("10%", 10, None, None, ["S1"], kind="percent")
    with pytest.raises(ValueError, match="not money"):
        KeyFigure("$5m", 5e6, None, None, ["S1"], kind="money")


def test_a_brief_written_before_figures_existed_reads_its_percentages_into_figures():
    old = {
        "title": "T",
        "generated": "2025-01-01",
        "values": [
            {
                "text": "$5m",
                "amount": 5e6,
                "currency": "USD",
                "refers_to": "grant",
                "sources": ["S1"],
                "kind": "money",
                "unit": None,
            },
            {
                "text": "12%",
                "amount": 12,
                "currency": None,
                "refers_to": "stake",
                "sources": ["S2"],
                "kind": "percent",
                "unit": "%",
            },
        ],
    }
    brief = Brief.from_dict(old)
    assert [(v.text, v.currency) for v in brief.values] == [("$5m", "USD")]
    assert [(f.text, f.unit, f.kind) for f in brief.figures] == [("12%", "%", ValueKind.PERCENT)]
