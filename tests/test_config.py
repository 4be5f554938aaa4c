"""Settings: defaults < [tool.briefgen] in pyproject.toml / briefgen.toml < CLI options."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefgen import config
from briefgen.config import ConfigError, Options, OutputOptions


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
