"""Minerals: a shipped lexicon matched on lower-case tokens, outside names, extensible by users."""

from __future__ import annotations

import os
import tomllib
from importlib import resources

import pytest

from briefgen.annotate.minerals import find_minerals, load_lexicon
from briefgen.errors import BriefgenError


def names(minerals):
    return [m.name for m in minerals]


def shipped_entries():
    text = resources.files("briefgen").joinpath("data", "minerals.toml").read_text()
    return tomllib.loads(text)["mineral"]


def test_shipped_lexicon_holds_the_50_usgs_2022_critical_minerals():
    usgs = [e["name"] for e in shipped_entries() if "usgs-critical-2022" in e.get("groups", [])]
    assert len(usgs) == 50
    assert {"antimony", "cobalt", "lithium", "nickel", "tungsten", "zirconium"} <= set(usgs)


def test_shipped_lexicon_has_the_rare_earth_and_platinum_groups_and_base_metals():
    entries = {e["name"]: e for e in shipped_entries()}
    assert {"rare earths", "REEs", "rare-earth elements"} <= set(
        entries["rare earth elements"]["synonyms"]
    )
    assert "PGMs" in entries["platinum group metals"]["synonyms"]
    assert len([e for e in entries.values() if "rare-earth" in e.get("groups", [])]) == 18
    assert {"gold", "silver", "copper", "iron ore", "lead", "zinc", "tin", "uranium"} <= set(
        entries
    )


def test_every_written_form_belongs_to_one_mineral():
    forms = [f.lower() for e in load_lexicon().entries for f in e.forms]
    assert len(forms) == len(set(forms))


def test_synonyms_and_plurals_count_as_one_mineral(make_sentences, nlp):
    sentences = make_sentences(
        "The country holds rare earths and REEs in the north of the province.",
        "Rare-earth elements were found near the border by the survey team.",
    )
    [mineral] = find_minerals(sentences, nlp)
    assert (mineral.name, mineral.mentions, mineral.sources) == (
        "rare earth elements",
        3,
        ["S1", "S2"],
    )


def test_pgms_and_the_group_name_are_platinum_group_metals_not_platinum(make_sentences, nlp):
    sentences = make_sentences("The mine produces PGMs, and platinum group metals are exported.")
    assert [(m.name, m.mentions) for m in find_minerals(sentences, nlp)] == [
        ("platinum group metals", 2)
    ]


def test_a_mineral_inside_a_hyphenated_word_counts(make_sentences, nlp):
    sentences = make_sentences(
        "The company explores cobalt-rich crusts off the coast of the island."
    )
    assert names(find_minerals(sentences, nlp)) == ["cobalt"]


def test_an_element_of_a_three_word_compound_names_a_material_not_a_mineral(make_sentences, nlp):
    sentences = make_sentences(
        "The plant will make cobalt-chromium-molybdenum implants and buy copper from the mine."
    )
    assert names(find_minerals(sentences, nlp)) == ["copper"]


def test_a_metaphor_is_not_the_mineral(make_sentences, nlp):
    sentences = make_sentences('Lithium, often called "white gold", is mined in the salt flats.')
    assert names(find_minerals(sentences, nlp)) == ["lithium"]


def test_a_mineral_word_inside_an_organisation_name_does_not_count(make_sentences, nlp):
    sentences = make_sentences(
        "The project is operated by Barrick Gold, the Canadian mining company, in the south."
    )
    assert find_minerals(sentences, nlp) == []


def test_the_same_word_outside_the_name_still_counts(make_sentences, nlp):
    sentences = make_sentences(
        "Reko Diq, operated by Barrick Gold, is one of the world's largest gold and copper mines."
    )
    assert {(m.name, m.mentions) for m in find_minerals(sentences, nlp)} == {
        ("gold", 1),
        ("copper", 1),
    }


def test_acronyms_must_be_written_in_capitals(make_sentences, nlp):
    sentences = make_sentences(
        "The officials said the rees along the river were cut down last year."
    )
    assert find_minerals(sentences, nlp) == []


def test_ambiguous_words_need_a_mining_context(make_sentences, nlp):
    assert (
        find_minerals(make_sentences("She will lead the talks with the ministry next week."), nlp)
        == []
    )
    assert (
        find_minerals(make_sentences("The opposition party took the lead in the polls."), nlp) == []
    )
    found = find_minerals(
        make_sentences("The company has mined lead and zinc in the western hills for years."), nlp
    )
    assert names(found) == ["lead", "zinc"]


def test_excluded_phrases_do_not_count(make_sentences, nlp):
    sentences = make_sentences("The athlete won a gold medal at the games held in the capital.")
    assert find_minerals(sentences, nlp) == []


def test_minerals_are_ordered_by_sources_then_mentions_then_name(make_sentences, nlp):
    sentences = make_sentences(
        "The deposit contains nickel, copper and copper ore of high grade.",
        "Exports of nickel and tungsten started in the spring of that year.",
        "Officials expect zinc and tungsten output to rise this year.",
    )
    assert [(m.name, m.mentions, m.sources) for m in find_minerals(sentences, nlp)] == [
        ("nickel", 2, ["S1", "S2"]),
        ("tungsten", 2, ["S2", "S3"]),
        ("copper", 2, ["S1"]),
        ("zinc", 1, ["S3"]),
    ]


def test_a_user_lexicon_adds_minerals(make_sentences, nlp, tmp_path):
    extra = tmp_path / "mine.toml"
    extra.write_text('[[mineral]]\nname = "helium"\nsynonyms = ["He-3"]\n', encoding="utf-8")
    sentences = make_sentences("The firm found helium and copper in the basin last year.")
    assert names(find_minerals(sentences, nlp)) == ["copper"]
    assert names(find_minerals(sentences, nlp, [extra])) == ["copper", "helium"]


def test_a_user_lexicon_can_extend_and_disable_shipped_entries(make_sentences, nlp, tmp_path):
    extra = tmp_path / "mine.toml"
    extra.write_text(
        '[[mineral]]\nname = "copper"\nsynonyms = ["chalcopyrite"]\n\n'
        '[[mineral]]\nname = "gold"\ndisabled = true\n',
        encoding="utf-8",
    )
    sentences = make_sentences("The pit yields chalcopyrite and gold from the same deep vein.")
    assert [(m.name, m.mentions) for m in find_minerals(sentences, nlp, [str(extra)])] == [
        ("copper", 1)
    ]


def test_a_json_lexicon_works_too(make_sentences, nlp, tmp_path):
    extra = tmp_path / "mine.json"
    extra.write_text('{"mineral": [{"name": "helium"}]}', encoding="utf-8")
    sentences = make_sentences("The firm found helium in the basin during the survey last year.")
    assert names(find_minerals(sentences, nlp, [extra])) == ["helium"]


def test_the_shipped_fuels_lexicon_is_available_by_name(make_sentences, nlp):
    sentences = make_sentences(
        "The countries will develop their massive oil reserves, and palm oil exports will grow."
    )
    assert find_minerals(sentences, nlp) == []
    assert [(m.name, m.mentions) for m in find_minerals(sentences, nlp, ["fuels"])] == [("oil", 1)]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("[[mineral]\nname = 'x'\n", "is not valid TOML"),
        ("[lexicon]\nname = 'mine'\n", "has no [[mineral]] entries"),
        ("[[mineral]]\nsynonyms = ['x']\n", "'name' must be a non-empty string"),
        ("[[mineral]]\nname = 'helium'\nsynonym = ['He']\n", "unknown key 'synonym'"),
        ("[[mineral]]\nname = 'helium'\nsynonyms = 'He'\n", "'synonyms' must be a list"),
    ],
)
def test_a_bad_lexicon_is_a_one_line_error(make_sentences, nlp, tmp_path, content, message):
    bad = tmp_path / "bad.toml"
    bad.write_text(content, encoding="utf-8")
    with pytest.raises(BriefgenError, match=r"bad\.toml") as info:
        find_minerals(make_sentences("The mine produces copper for export markets."), nlp, [bad])
    assert message in str(info.value)
    assert "\n" not in str(info.value)


def test_a_missing_lexicon_is_a_one_line_error(make_sentences, nlp, tmp_path):
    with pytest.raises(BriefgenError, match="not found"):
        find_minerals(make_sentences("The mine produces copper."), nlp, [tmp_path / "nope.toml"])


def test_seeds_minerals_are_exactly_the_gold_set(seeds_sentences, nlp):
    assert sorted(names(find_minerals(seeds_sentences, nlp))) == [
        "antimony",
        "cobalt",
        "copper",
        "gold",
        "lithium",
        "nickel",
        "rare earth elements",
        "tungsten",
    ]


def test_seeds_copper_is_the_most_cited(seeds_sentences, nlp):
    first = find_minerals(seeds_sentences, nlp)[0]
    assert first.name == "copper"
    assert len(first.sources) == 4


def test_matchers_are_built_once_per_lexicon_and_an_edited_lexicon_is_read_again(
    make_sentences, nlp, tmp_path, monkeypatch
):
    from briefgen.annotate import minerals

    built = []
    real = minerals._build_matchers
    monkeypatch.setattr(minerals, "_MATCHERS", {})
    monkeypatch.setattr(minerals, "_build_matchers", lambda *a: built.append(1) or real(*a))
    extra = tmp_path / "mine.toml"
    extra.write_text('[[mineral]]\nname = "helium"\nsynonyms = ["He-3"]\n', encoding="utf-8")
    sentences = make_sentences("The plant refines copper and He-3 for the new reactor.")
    for _ in range(3):  # a batch of briefs
        assert names(find_minerals(sentences, nlp, [extra])) == ["copper", "helium"]
    assert len(built) == 1
    extra.write_text('[[mineral]]\nname = "argon"\nsynonyms = ["Ar-40"]\n', encoding="utf-8")
    later = extra.stat().st_mtime_ns + 1_000_000_000  # a clock tick may not separate the writes
    os.utime(extra, ns=(later, later))
    assert names(find_minerals(sentences, nlp, [extra])) == ["copper"]
    assert len(built) == 2
