"""The `briefgen` command: what a user types, what they get back, and the exit code."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from briefgen import __version__, config
from briefgen.cli import app
from briefgen.errors import ExitStatus

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SECTIONS = (
    "Key points",
    "Parties",
    "Value",
    "Minerals",
    "Timeline",
    "Context",
    "Open questions",
    "Sources",
)
CONTRACT_KEYS = {
    "schema",
    "title",
    "generated",
    "sources",
    "summary",
    "parties",
    "values",
    "minerals",
    "timeline",
    "context",
    "open_questions",
}
# Two short reports of one (invented) event: enough for every stage, quick to parse.
PIER_A = """Harbor City approves $40 million pier rebuild

Harbor City council approved a $40 million plan on Tuesday to rebuild the northern pier.
Mayor Dana Ortiz said construction would start in March 2025 and take two years.
The Harbor City Fishing Cooperative welcomed the decision, but some residents worry about
traffic during the works.
"""
PIER_B = """Council votes to rebuild storm-damaged pier

The Harbor City council voted on Tuesday to spend $40 million rebuilding the northern pier.
Work is expected to begin in March 2025, officials said.
The fishing cooperative said the pier had been unsafe since a storm damaged it last winter.
Engineers from the state transport department will review the design before tenders open.
"""

runner = CliRunner()


@pytest.fixture(autouse=True)
def _in_tmp_cwd(tmp_path, monkeypatch):
    # Config files are read from the current directory: never pick up the repository's own.
    monkeypatch.chdir(tmp_path)


@pytest.fixture
def pier(tmp_path) -> Path:
    folder = tmp_path / "pier"
    folder.mkdir()
    (folder / "a.txt").write_text(PIER_A, encoding="utf-8")
    (folder / "b.txt").write_text(PIER_B, encoding="utf-8")
    return folder


def invoke(*args: str | Path):
    return runner.invoke(app, [str(a) for a in args])


def files_in(folder: Path) -> list[str]:
    """Files directly in `folder` (temp files included; the cache's own subfolder not)."""
    return sorted(p.name for p in folder.iterdir() if p.is_file()) if folder.exists() else []


def brief_files(stem: str) -> list[str]:
    """The files a build writes by default, sorted: Markdown, JSON and the two SVG pictures."""
    return sorted(f"{stem}.{suffix}" for suffix in ("md", "json", "matrix.svg", "timeline.svg"))


def run_python(code: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code], cwd=cwd, capture_output=True, text=True, timeout=300
    )


# --- version and help -----------------------------------------------------------------------


def test_version_option_prints_name_and_version():
    result = invoke("--version")
    assert result.exit_code == 0
    assert result.stdout == f"briefgen {__version__}\n"


def test_version_command_lists_briefgen_and_spacy():
    result = invoke("version")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0] == f"briefgen {__version__}"
    assert any(line.startswith("spacy ") for line in result.stdout.splitlines())


@pytest.mark.parametrize("args", [["--help"], ["build", "--help"]])
def test_help_shows_an_example(args):
    result = invoke(*args)
    assert result.exit_code == 0
    assert "briefgen build seeds/ --pdf" in result.stdout


@pytest.mark.parametrize("args", [["--version"], ["--help"], ["build", "--help"]])
def test_version_and_help_import_neither_spacy_nor_weasyprint(tmp_path, args):
    code = (
        "import sys\n"
        "from briefgen.cli import main\n"
        "try:\n"
        f"    main({args!r})\n"
        "except SystemExit:\n"
        "    pass\n"
        "heavy = sorted(m for m in sys.modules if m.split('.')[0] in ('spacy', 'weasyprint'))\n"
        "print('HEAVY', heavy)\n"
    )
    result = run_python(code, tmp_path)
    assert "HEAVY []" in result.stdout, result.stdout + result.stderr


def test_python_dash_m_briefgen_runs_the_cli(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "briefgen", "--version"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert result.returncode == 0
    assert result.stdout.strip() == f"briefgen {__version__}"


def test_build_help_lists_every_option_of_the_option_table():
    words = " ".join(invoke("build", "--help").stdout.split())  # as if never wrapped
    for name, row in config.option_table().items():
        flag = "--" + name.replace("_", "-")
        assert (flag in words) == row.setting.cli, name
        if row.setting.cli:
            assert " ".join(row.setting.help.split()) in words, name


def test_exit_statuses_are_the_codes_the_readme_lists():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme.split("### Exit codes", 1)[1].split("\n\n", 2)[1]
    codes = [int(line.split("|")[1]) for line in table.splitlines()[2:]]
    assert codes == [status.value for status in ExitStatus]


# --- usage errors: exit 2 -------------------------------------------------------------------


def error_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("Error:")]


def test_missing_folder_is_a_usage_error_naming_it(tmp_path):
    result = invoke("build", tmp_path / "nowhere")
    assert result.exit_code == 2
    [line] = error_lines(result.stderr)
    assert "nowhere" in line
    assert "Traceback" not in result.output


def test_build_without_a_folder_is_a_usage_error():
    result = invoke("build")
    assert result.exit_code == 2
    assert error_lines(result.stderr) == ["Error: give at least one SOURCE_DIR, or --each PARENT"]


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["--sentences", "0"], "--sentences"),
        (["--algorithm", "bogus"], "must be one of lexrank"),
        (["--paper", "a3"], "must be one of a4, letter"),
        (["--date", "31/12/2024"], "must be a date written YYYY-MM-DD"),
        (["--jobs", "-2"], "--jobs"),
        (["--colour", "red"], "--colour"),
    ],
)
def test_bad_option_value_is_a_usage_error_naming_it(pier, args, fragment):
    result = invoke("build", pier, *args)
    assert result.exit_code == 2
    [line] = error_lines(result.stderr)
    assert fragment in line


def test_quiet_and_verbose_together_is_a_usage_error(pier):
    result = invoke("build", pier, "-q", "-v")
    assert result.exit_code == 2
    assert error_lines(result.stderr) == ["Error: use either --quiet or --verbose, not both"]


def test_unknown_config_key_is_a_usage_error_naming_it(tmp_path, pier):
    (tmp_path / "briefgen.toml").write_text("sentnces = 4\n")
    result = invoke("build", pier)
    assert result.exit_code == 2
    [line] = error_lines(result.stderr)
    assert "unknown key 'sentnces'" in line
    assert "briefgen.toml" in line
    assert files_in(tmp_path / "out") == []


def test_config_value_of_wrong_type_is_a_usage_error_naming_the_key(tmp_path, pier):
    (tmp_path / "pyproject.toml").write_text('[tool.briefgen]\nsentences = "six"\n')
    result = invoke("build", pier)
    assert result.exit_code == 2
    [line] = error_lines(result.stderr)
    assert "'sentences' must be an integer" in line


def test_out_that_is_a_file_is_a_usage_error(tmp_path, pier):
    (tmp_path / "taken").write_text("x")
    result = invoke("build", pier, "--out", tmp_path / "taken")
    assert result.exit_code == 2
    assert len(error_lines(result.stderr)) == 1


# --- errors a user can act on: exit 1, one line ---------------------------------------------


def test_empty_folder_exits_1_with_one_line_and_writes_nothing(tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    result = invoke("build", empty)
    assert result.exit_code == 1
    assert result.stderr.startswith("error: no articles found in ")
    assert len(result.stderr.splitlines()) == 1
    assert result.stdout == ""
    assert not (tmp_path / "out").exists()


def test_missing_model_exits_1_naming_the_pip_command(pier, tmp_path):
    result = invoke("build", pier, "--model", "no_such_model")
    assert result.exit_code == 1
    [line] = result.stderr.splitlines()
    assert line.startswith("error: ")
    assert "no_such_model" in line
    assert "pip install" in line
    assert not (tmp_path / "out").exists()


def test_a_missing_minerals_lexicon_exits_1_naming_it(pier, tmp_path):
    result = invoke("build", pier, "--minerals-lexicon", tmp_path / "nowhere.toml")
    assert result.exit_code == 1
    [line] = result.stderr.splitlines()
    assert line.startswith("error: minerals lexicon not found: ")
    assert "nowhere.toml" in line


def test_a_shipped_minerals_lexicon_is_named_without_a_file(pier, tmp_path):
    result = invoke("build", pier, "--minerals-lexicon", "fuels", "-q")
    assert result.exit_code == 0, result.output
    assert len(files_in(tmp_path / "out")) == 4  # .md, .json and the two pictures


# --- a real build ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seeds_build(tmp_path_factory):
    """`briefgen build seeds/ --pdf --html` once, in a fresh process, as a user runs it."""
    cwd = tmp_path_factory.mktemp("seeds-build")
    result = subprocess.run(
        [sys.executable, "-m", "briefgen", "build", str(SEEDS), "--pdf", "--html"],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, "NLTK_DATA": str(cwd / "no-nltk-data")},
    )
    return cwd, result


def test_seeds_build_exits_0_and_prints_every_path(seeds_build):
    cwd, result = seeds_build
    assert result.returncode == 0, result.stderr
    paths = [Path(line) for line in result.stdout.splitlines()]
    assert [p.name.split(".", 1)[1] for p in paths] == [
        "md",
        "json",
        "html",
        "pdf",
        "matrix.svg",
        "timeline.svg",
    ]
    assert len({p.name.split(".", 1)[0] for p in paths}) == 1
    assert all(p.parent == Path("out") and (cwd / p).is_file() for p in paths)
    assert "Traceback" not in result.stderr


def test_seeds_markdown_has_every_section_with_content(seeds_build):
    cwd, _ = seeds_build
    [md] = (cwd / "out").glob("*.md")
    text = md.read_text(encoding="utf-8")
    for section in SECTIONS:
        assert f"## {section}\n" in text, section
        body = text.split(f"## {section}\n", 1)[1].split("\n## ", 1)[0]
        assert body.strip(), f"section {section!r} is empty"


def test_seeds_json_parses_with_the_contract_keys(seeds_build):
    cwd, _ = seeds_build
    [path] = (cwd / "out").glob("*.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    assert set(data) >= CONTRACT_KEYS
    assert data["schema"] == "briefgen/brief@1"
    assert len(data["sources"]) == 5
    assert path.stem == path.with_suffix(".md").stem


def test_seeds_file_stem_is_the_slug_of_the_title(seeds_build):
    from briefgen.output import slugify

    cwd, _ = seeds_build
    [path] = (cwd / "out").glob("*.json")
    assert path.stem == slugify(json.loads(path.read_text(encoding="utf-8"))["title"])


def test_seeds_pdf_reads_back_with_title_and_every_heading(seeds_build):
    from pypdf import PdfReader

    cwd, _ = seeds_build
    [pdf] = (cwd / "out").glob("*.pdf")
    title = json.loads(pdf.with_suffix(".json").read_text(encoding="utf-8"))["title"]
    text = " ".join(page.extract_text() for page in PdfReader(pdf).pages)
    flat = " ".join(text.split())
    assert " ".join(title.split()) in flat
    for section in SECTIONS:
        assert section in flat, section


def test_seeds_build_leaves_no_temp_files(seeds_build):
    cwd, _ = seeds_build
    assert [p.name for p in (cwd / "out").iterdir() if p.name.endswith(".tmp")] == []


def test_build_without_pdf_never_imports_weasyprint(tmp_path, pier):
    code = (
        "import sys\n"
        "from briefgen.cli import main\n"
        "try:\n"
        f"    main(['build', {str(pier)!r}, '-q'])\n"
        "except SystemExit as exit:\n"
        "    print('EXIT', exit.code)\n"
        "print('WEASYPRINT', 'weasyprint' in sys.modules)\n"
    )
    result = run_python(code, tmp_path)
    assert "EXIT 0" in result.stdout, result.stderr
    assert "WEASYPRINT False" in result.stdout


def test_quiet_build_prints_nothing_but_writes_markdown_and_json(tmp_path, pier):
    result = invoke("build", pier, "-q", "--title", "Pier rebuild")
    assert result.exit_code == 0, result.output
    assert (result.stdout, result.stderr) == ("", "")
    assert files_in(tmp_path / "out") == brief_files("pier-rebuild")


def test_title_option_sets_title_and_file_name(tmp_path, pier):
    result = invoke("build", pier, "--title", "Pier: the $40m Rebuild", "--out", tmp_path / "b")
    assert result.exit_code == 0, result.output
    stem = tmp_path / "b" / "pier-the-40m-rebuild"
    assert result.stdout.splitlines() == [
        f"{stem}.md",
        f"{stem}.json",
        f"{stem}.matrix.svg",
        f"{stem}.timeline.svg",
    ]
    data = json.loads(Path(f"{stem}.json").read_text(encoding="utf-8"))
    assert data["title"] == "Pier: the $40m Rebuild"


@pytest.mark.parametrize("title", ["../../etc", "CON", "", "🔥🔥", "x" * 500, "a/b\\c"])
def test_hostile_title_writes_only_inside_out(tmp_path, pier, title):
    out = tmp_path / "deep" / "out"
    result = invoke("build", pier, "--title", title, "--out", out)
    assert result.exit_code == 0, result.output
    written = [Path(line) for line in result.stdout.splitlines()]
    assert len(written) == 4
    for path in written:
        assert path.parent == out
        assert path.is_file()
        stem = path.name.split(".", 1)[0]  # "<stem>.md", "<stem>.matrix.svg"
        assert len(stem) <= 80
        assert stem.lower() not in {"con", "", ".", ".."}
    everything = [p for p in (tmp_path / "deep").rglob("*") if p.is_file()]
    assert sorted(p for p in everything if ".cache" not in p.parts) == sorted(written)


def test_out_folder_inside_the_source_folder_is_not_read_back(pier):
    out = pier / "briefs"
    first = invoke("build", pier, "--recursive", "--out", out, "--title", "Pier")
    second = invoke("build", pier, "--recursive", "--out", out, "--title", "Pier")
    assert (first.exit_code, second.exit_code) == (0, 0), first.output + second.output
    data = json.loads((out / "pier.json").read_text(encoding="utf-8"))
    assert [s["file"] for s in data["sources"]] == ["a.txt", "b.txt"]


def test_config_file_sets_defaults_and_cli_overrides_them(tmp_path, pier):
    (tmp_path / "briefgen.toml").write_text('out = "from-config"\ntitle = "Configured"\n')
    result = invoke("build", pier, "--title", "From CLI", "-q")
    assert result.exit_code == 0, result.output
    assert files_in(tmp_path / "from-config") == brief_files("from-cli")


# --- failures part-way: nothing half-written ------------------------------------------------


def test_render_failure_writes_nothing_and_explains_in_one_line(tmp_path, pier, monkeypatch):
    from briefgen import render

    def broken(*args, **kwargs):
        raise RuntimeError("layout engine exploded")

    monkeypatch.setattr(render, "render_pdf", broken)
    result = invoke("build", pier, "--pdf")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "error: internal error: RuntimeError: layout engine exploded "
        "(rerun with -v for the traceback)"
    ]
    assert files_in(tmp_path / "out") == []


def test_render_failure_keeps_the_previous_brief_intact(tmp_path, pier, monkeypatch):
    from briefgen import render

    assert invoke("build", pier, "--title", "Pier").exit_code == 0
    before = (tmp_path / "out" / "pier.md").read_bytes()

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(render, "render_pdf", broken)
    assert invoke("build", pier, "--title", "Pier", "--sentences", "1", "--pdf").exit_code == 1
    assert (tmp_path / "out" / "pier.md").read_bytes() == before
    assert files_in(tmp_path / "out") == brief_files("pier")


def test_verbose_shows_the_traceback_of_an_internal_error(pier, monkeypatch):
    from briefgen import render

    def broken(*args, **kwargs):
        raise RuntimeError("layout engine exploded")

    monkeypatch.setattr(render, "render_pdf", broken)
    result = invoke("build", pier, "--pdf", "-v")
    assert result.exit_code == 1
    assert "Traceback (most recent call last)" in result.stderr
    assert "error: internal error: RuntimeError: layout engine exploded" in result.stderr
    assert "rerun with -v" not in result.stderr


def test_ctrl_c_while_rendering_exits_130_and_writes_nothing(tmp_path, pier, monkeypatch):
    from briefgen import render

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(render, "render_pdf", interrupted)
    result = invoke("build", pier, "--pdf")
    assert result.exit_code == 130
    assert "Traceback" not in result.output
    assert result.stderr.splitlines() == ["error: interrupted by SIGINT"]
    assert files_in(tmp_path / "out") == []


def test_ctrl_c_while_writing_exits_130_and_leaves_no_partial_file(tmp_path, pier, monkeypatch):
    from briefgen import output

    real = output._stage
    calls = {"n": 0}

    def stage_then_interrupt(path, data):
        calls["n"] += 1
        if calls["n"] == 2:
            raise KeyboardInterrupt
        return real(path, data)

    monkeypatch.setattr(output, "_stage", stage_then_interrupt)
    result = invoke("build", pier)
    assert result.exit_code == 130
    assert files_in(tmp_path / "out") == []


# --- warnings and progress ------------------------------------------------------------------


def test_warnings_are_one_line_each_and_quiet_silences_them(capsys):
    import logging

    from briefgen.console import NORMAL, QUIET, logging_to_stderr

    logger = logging.getLogger("briefgen.ingest")
    with logging_to_stderr(NORMAL):
        logger.warning("skipped %s:\nnot text", "x.bin")
        logger.warning("skipped %s:\nnot text", "x.bin")  # the same warning twice: shown once
        logger.debug("hidden detail")
    assert capsys.readouterr().err == "warning: skipped x.bin: not text\n"
    with logging_to_stderr(QUIET):
        logger.warning("skipped y.bin")
    assert capsys.readouterr().err == ""


def test_verbose_adds_debug_lines(capsys):
    import logging

    from briefgen.console import VERBOSE, logging_to_stderr

    with logging_to_stderr(VERBOSE):
        logging.getLogger("briefgen.nlp").debug("loaded %s", "a model")
    assert capsys.readouterr().err == "debug: loaded a model\n"


def test_a_command_leaves_logging_as_it_found_it(pier):
    import logging

    root, ours = logging.getLogger(), logging.getLogger("briefgen")
    before = (list(root.handlers), root.level, ours.level)
    assert invoke("build", pier, "-q").exit_code == 0
    assert (list(root.handlers), root.level, ours.level) == before


def test_no_progress_bar_when_stderr_is_not_a_terminal(tmp_path):
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(14):  # more than a few articles
        (folder / f"{i:02}.txt").write_text(
            f"Report {i}. The council approved plan number {i} on Tuesday after a long debate.\n"
            f"Officials said work on project {i} would begin next year.\n",
            encoding="utf-8",
        )
    result = invoke("build", folder, "--title", "Many")
    assert result.exit_code == 0, result.output
    assert "\r" not in result.stderr
    assert "━" not in result.stderr
    assert "parsing" not in result.stderr


@pytest.mark.parametrize(
    "text",
    [
        # a language the pipeline cannot read
        "矿业部周一宣布了一项新的出口许可制度。该制度立即生效。\n",
        "12 34 56\n7.5 8.25 99\n",  # numbers only
    ],
)
def test_articles_without_a_key_point_are_an_error_and_write_nothing(tmp_path, text):
    folder = tmp_path / "unreadable"
    folder.mkdir()
    (folder / "a.txt").write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    result = invoke("build", folder, "--out", out, "--pdf")
    assert result.exit_code == ExitStatus.ERROR
    assert result.stderr.strip().splitlines() == [
        "error: no key point found in 1 article: no English sentence with words"
    ]
    assert files_in(out) == []


def test_the_installed_command_handles_signals_while_the_cli_loads():
    # The console script enters through briefgen.__main__, which installs the SIGINT/SIGTERM
    # handlers before importing the CLI (README, "Exit codes").
    from importlib.metadata import entry_points

    [script] = [e for e in entry_points(group="console_scripts") if e.name == "briefgen"]
    assert script.value == "briefgen.__main__:main"


def test_build_help_shows_defaults_plainly_and_no_python_types():
    result = invoke("build", "--help")
    assert result.exit_code == 0
    assert "[default: out]" in result.output
    assert "[default: a4]" in result.output
    assert "<list[" not in result.output and "(out)" not in result.output
    assert "[SOURCE_DIR]..." in result.output


def test_a_build_ends_with_one_summary_line_of_what_was_read_and_found(tmp_path, pier):
    (pier / "copy.txt").write_text(PIER_A, encoding="utf-8")  # a duplicate
    (pier / "blank.txt").write_text("   \n", encoding="utf-8")  # unreadable
    result = invoke("build", pier, "--title", "Pier")
    assert result.exit_code == 0, result.output
    [summary] = [line for line in result.stderr.splitlines() if line.startswith("summary:")]
    assert summary.startswith(
        f"summary: {pier}: 2 articles read (1 duplicate, 1 unreadable skipped), "
    )
    assert " key point" in summary and " open question" in summary
    assert summary.endswith(" s")
    quiet = invoke("build", pier, "--title", "Pier", "-q")
    assert quiet.stderr == ""
