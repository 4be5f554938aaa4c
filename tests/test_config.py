"""Settings: defaults < [tool.briefgen] in pyproject.toml / briefgen.toml < CLI options."""

from __future__ import annotations

from dataclasses import fields
from pathlib import Path

import pytest

from briefgen import config
from briefgen.config import Algorithm, ConfigError, Options, OutputOptions, Paper
from briefgen.errors import UsageError


def write(folder: Path, name: str, text: str) -> None:
    (folder / name).write_text(text, encoding="utf-8")


def test_no_config_files_means_no_settings(tmp_path):
    assert config.load_file_settings(tmp_path) == {}


def test_no_settings_and_no_cli_values_give_the_defaults():
    assert config.resolve({}, {}) == (Options(), OutputOptions())


def test_pyproject_tool_briefgen_table_is_read(tmp_path):
    write(tmp_path, "pyproject.toml", '[project]\nname = "x"\n\n[tool.briefgen]\nsentences = 4\n')
    assert config.load_file_settings(tmp_path) == {"sentences": 4}


def test_pyproject_without_a_briefgen_table_is_ignored(tmp_path):
    write(tmp_path, "pyproject.toml", '[project]\nname = "x"\n\n[tool.ruff]\nline-length = 99\n')
    assert config.load_file_settings(tmp_path) == {}


def test_briefgen_toml_keys_are_top_level(tmp_path):
    write(tmp_path, "briefgen.toml", 'paper = "letter"\npdf = true\n')
    assert config.load_file_settings(tmp_path) == {"paper": "letter", "pdf": True}


def test_briefgen_toml_wins_over_pyproject_key_by_key(tmp_path):
    write(tmp_path, "pyproject.toml", "[tool.briefgen]\nsentences = 4\nmax_words = 100\n")
    write(tmp_path, "briefgen.toml", "sentences = 8\n")
    assert config.load_file_settings(tmp_path) == {"sentences": 8, "max_words": 100}


def test_hyphenated_keys_are_accepted_like_cli_option_names(tmp_path):
    write(tmp_path, "briefgen.toml", "max-words = 120\n")
    assert config.load_file_settings(tmp_path) == {"max_words": 120}


def test_lists_of_globs_become_tuples(tmp_path):
    write(tmp_path, "briefgen.toml", 'include = ["*.txt", "*.html"]\n')
    assert config.load_file_settings(tmp_path) == {"include": ("*.txt", "*.html")}


def test_unknown_key_is_an_error_naming_it_and_suggesting_the_right_one(tmp_path):
    write(tmp_path, "pyproject.toml", "[tool.briefgen]\nsentnces = 4\n")
    with pytest.raises(ConfigError) as err:
        config.load_file_settings(tmp_path)
    message = str(err.value)
    assert "pyproject.toml" in message
    assert "unknown key 'sentnces'" in message
    assert "did you mean 'sentences'" in message


def test_ignore_is_computed_not_configurable(tmp_path):
    write(tmp_path, "briefgen.toml", 'ignore = ["x"]\n')
    with pytest.raises(ConfigError, match="unknown key 'ignore'"):
        config.load_file_settings(tmp_path)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ('sentences = "6"', "'sentences' must be an integer, not string '6'"),
        ("sentences = true", "'sentences' must be an integer, not boolean True"),
        ("sentences = 2.5", "'sentences' must be an integer, not number 2.5"),
        ('pdf = "yes"', "'pdf' must be true or false, not string 'yes'"),
        ('include = "*.txt"', "'include' must be a list of strings, not string '*.txt'"),
        ("include = [1, 2]", "'include' must be a list of strings, not list [1, 2]"),
        ("model = 3", "'model' must be a string, not integer 3"),
    ],
)
def test_wrong_type_is_an_error_naming_key_and_value(tmp_path, line, expected):
    write(tmp_path, "briefgen.toml", line + "\n")
    with pytest.raises(ConfigError) as err:
        config.load_file_settings(tmp_path)
    assert str(err.value) == f"briefgen.toml: {expected}"


@pytest.mark.parametrize(
    ("line", "fragment"),
    [
        ("sentences = 0", "'sentences' must be at least 1"),
        ("jobs = -1", "'jobs' must be at least 0"),
        ('algorithm = "bogus"', "'algorithm' must be one of lexrank"),
        ('paper = "a3"', "'paper' must be one of a4, letter"),
        ('date = "2024-02-30"', "'date' must be a date written YYYY-MM-DD"),
        ('date = "20240201"', "'date' must be a date written YYYY-MM-DD"),
    ],
)
def test_out_of_range_values_are_errors_naming_the_key(tmp_path, line, fragment):
    write(tmp_path, "briefgen.toml", line + "\n")
    with pytest.raises(ConfigError, match=fragment):
        config.load_file_settings(tmp_path)


def test_invalid_toml_is_a_config_error_naming_the_file(tmp_path):
    write(tmp_path, "briefgen.toml", "sentences = = 4\n")
    with pytest.raises(ConfigError, match=r"^briefgen.toml: not valid TOML"):
        config.load_file_settings(tmp_path)


def test_config_error_is_a_usage_error_with_exit_code_2():
    assert ConfigError("x").exit_code == 2


def test_cli_values_override_file_settings_and_none_means_not_given():
    options, output = config.resolve(
        {"sentences": 3, "paper": None, "out": "briefs"},
        {"sentences": 8, "paper": "letter", "algorithm": "textrank"},
    )
    assert (options.sentences, options.algorithm) == (3, "textrank")
    assert (output.paper, output.out) == ("letter", "briefs")


def test_file_settings_split_into_analysis_and_output_options():
    options, output = config.resolve({}, {"max_words": 90, "pdf": True, "templates": "t"})
    assert options == Options(max_words=90)
    assert output == OutputOptions(pdf=True, templates="t")


def test_options_with_overrides_rejects_unknown_names():
    with pytest.raises(TypeError, match="unknown option"):
        Options().with_overrides(colour="blue")


def test_options_carry_cache_switch_and_ignore_paths_for_the_pipeline():
    options = Options().with_overrides(cache=False, cache_dir="/tmp/c", ignore=("out",))
    assert (options.cache, options.cache_dir, options.ignore) == (False, "/tmp/c", ("out",))


# --- the option table -----------------------------------------------------------------------


README = Path(__file__).resolve().parent.parent / "README.md"


def readme_config_keys() -> set[str]:
    text = README.read_text(encoding="utf-8").split("### Configuration", 1)[1]
    listed = text.split("Keys are the option names", 1)[1].split(". An unknown key", 1)[0]
    keys = listed.split(":", 1)[1]
    return {key.strip(" `\n") for key in keys.replace("\n", " ").split(",")}


def test_every_option_field_has_a_setting_with_help_or_stays_off_the_cli():
    for cls in (Options, OutputOptions):
        for f in fields(cls):
            row = config.setting_of(f)
            assert row.help or not row.cli, f.name


def test_config_keys_are_the_ones_the_readme_lists():
    assert set(config.config_keys()) == readme_config_keys()


def test_cache_dir_is_a_config_key_though_not_a_cli_option(tmp_path):
    write(tmp_path, "briefgen.toml", 'cache_dir = "elsewhere"\n')
    assert config.load_file_settings(tmp_path) == {"cache_dir": "elsewhere"}
    assert "cache_dir" not in [
        name for name, row in config.option_table().items() if row.setting.cli
    ]


def test_closed_sets_from_a_config_file_become_enum_members(tmp_path):
    write(tmp_path, "briefgen.toml", 'algorithm = "textrank"\npaper = "letter"\n')
    options, output = config.resolve({}, config.load_file_settings(tmp_path))
    assert options.algorithm is Algorithm.TEXTRANK
    assert output.paper is Paper.LETTER


def test_options_accept_the_names_of_a_closed_set_and_hold_members():
    assert Options(algorithm="lsa").algorithm is Algorithm.LSA
    assert OutputOptions(paper="letter").paper is Paper.LETTER
    assert Options().algorithm == "lexrank"  # a StrEnum member is its name


def test_a_name_outside_a_closed_set_is_a_usage_error_listing_the_choices():
    with pytest.raises(UsageError, match="'algorithm' must be one of lexrank, textrank, lsa"):
        Options(algorithm="bogus")


def test_algorithm_and_paper_names_are_the_documented_ones():
    assert config.ALGORITHMS == (
        "lexrank",
        "textrank",
        "lsa",
        "luhn",
        "kl",
        "sumbasic",
        "reduction",
        "edmundson",
    )
    assert config.PAPERS == ("a4", "letter")


def test_the_cache_key_ignores_how_to_run_and_which_files_are_read():
    base = Options().cache_key()
    run_only = dict(
        date="2020-01-01",
        jobs=3,
        cache=False,
        cache_dir="c",
        ignore=("out",),
        model="en_core_web_sm",
        recursive=True,
        include=("*.txt",),
        exclude=("drafts/*",),
    )
    for name, value in run_only.items():
        assert Options(**{name: value}).cache_key() == base, name


def test_the_cache_key_changes_with_every_option_that_changes_the_brief():
    base = Options().cache_key()
    for name, value in dict(title="T", sentences=3, max_words=90, algorithm="lsa").items():
        assert Options(**{name: value}).cache_key() != base, name


def test_the_cache_key_follows_the_content_of_a_lexicon_file(tmp_path):
    lexicon = tmp_path / "extra.toml"
    lexicon.write_text("[[mineral]]\nname = 'niobium'\n", encoding="utf-8")
    options = Options(minerals_lexicon=(str(lexicon),))
    before = options.cache_key()
    lexicon.write_text("[[mineral]]\nname = 'columbium'\n", encoding="utf-8")
    assert options.cache_key() != before


def test_a_configuration_file_not_in_utf8_is_a_one_line_error_naming_it(tmp_path):
    (tmp_path / "briefgen.toml").write_bytes("# caf\xe9\npdf = true\n".encode("latin-1"))
    with pytest.raises(ConfigError) as err:
        config.load_file_settings(tmp_path)
    assert str(err.value).startswith("briefgen.toml: not UTF-8")
    assert "\n" not in str(err.value)
    assert err.value.exit_code == 2
