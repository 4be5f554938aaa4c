"""Output safety: file names from hostile titles, and all-or-nothing atomic writes."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from briefgen import output
from briefgen.output import disambiguate, slugify, write_files

SAFE_STEM = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def assert_safe(stem: str) -> None:
    assert SAFE_STEM.fullmatch(stem), stem
    assert 0 < len(stem) <= output.MAX_STEM
    assert stem not in output.WINDOWS_RESERVED


def test_slug_is_lowercase_ascii_words_joined_by_hyphens():
    assert slugify("US, Pakistan Sign $500m Critical-Minerals Deal!") == (
        "us-pakistan-sign-500m-critical-minerals-deal"
    )


def test_slug_folds_accents_to_their_base_letters():
    assert slugify("Société Générale à Zürich") == "societe-generale-a-zurich"


@pytest.mark.parametrize(
    "title",
    ["../../etc", "..", ".", "/", "a/../../b", "C:\\Windows\\System32", "x\0y", " \t\n"],
)
def test_slug_of_path_like_title_has_no_separators_or_dots(title):
    stem = slugify(title)
    assert_safe(stem)
    assert stem not in ("", ".", "..")


@pytest.mark.parametrize("title", ["CON", "nul", "Com1", "LPT9", "aux"])
def test_windows_device_names_are_never_a_stem(title):
    stem = slugify(title)
    assert_safe(stem)
    assert stem.startswith(title.lower())


def test_empty_title_gets_a_fallback_stem():
    assert slugify("") == "brief"
    assert slugify("   ") == "brief"


def test_title_without_latin_letters_gets_a_stable_distinct_stem():
    first, second = slugify("🔥🔥🔥"), slugify("巴基斯坦矿产协议")
    assert_safe(first)
    assert_safe(second)
    assert first != second
    assert first == slugify("🔥🔥🔥")


def test_emoji_are_dropped_from_an_otherwise_latin_title():
    assert slugify("Deal signed 🎉 in Islamabad") == "deal-signed-in-islamabad"


def test_long_title_is_cut_at_a_word_boundary_within_80_chars():
    stem = slugify("word " * 100)
    assert_safe(stem)
    assert stem.endswith("word")
    assert len(slugify("x" * 500)) == 80


def test_stem_free_of_clash_is_kept():
    assert disambiguate("deal", "folder-a", {"other"}) == "deal"


def test_clashing_stem_gets_the_folder_name_then_a_counter():
    assert disambiguate("deal", "Folder B", {"deal"}) == "deal-folder-b"
    assert disambiguate("deal", "Folder B", {"deal", "deal-folder-b"}) == "deal-folder-b-2"


def test_disambiguated_stem_stays_within_80_chars():
    stem = disambiguate(slugify("t" * 80), "f" * 80, {slugify("t" * 80)})
    assert_safe(stem)


@pytest.mark.parametrize("stem", ["", ".", "..", "a/b", "..\\x"])
def test_target_path_refuses_names_that_leave_the_folder(tmp_path, stem):
    with pytest.raises(ValueError):
        output.target_path(tmp_path, stem, "md")


def test_write_files_creates_the_folder_and_writes_in_format_order(tmp_path):
    out = tmp_path / "a" / "b"
    paths = write_files(out, "brief", {"pdf": b"%PDF", "json": b"{}", "md": b"# T\n"})
    assert [p.name for p in paths] == ["brief.md", "brief.json", "brief.pdf"]
    assert (out / "brief.md").read_bytes() == b"# T\n"
    assert sorted(p.name for p in out.iterdir()) == ["brief.json", "brief.md", "brief.pdf"]


def test_written_files_get_normal_permissions_not_temp_file_ones(tmp_path):
    umask = os.umask(0o022)
    try:
        write_files(tmp_path, "brief", {"md": b"x"})
    finally:
        os.umask(umask)
    assert (tmp_path / "brief.md").stat().st_mode & 0o777 == 0o644


def _fail_on_call(n: int, exc: BaseException, real):
    calls = {"n": 0}

    def wrapper(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == n:
            raise exc
        return real(*args, **kwargs)

    return wrapper


@pytest.mark.parametrize("exc", [OSError(28, "No space left on device"), KeyboardInterrupt()])
def test_failure_while_writing_the_third_file_leaves_no_file_and_no_temp(
    tmp_path, monkeypatch, exc
):
    monkeypatch.setattr(output.os, "fsync", _fail_on_call(3, exc, os.fsync))
    with pytest.raises(type(exc)):
        write_files(tmp_path, "brief", {"md": b"m", "json": b"j", "pdf": b"p"})
    assert list(tmp_path.iterdir()) == []


def test_failed_rewrite_leaves_the_previous_brief_intact(tmp_path, monkeypatch):
    write_files(tmp_path, "brief", {"md": b"old md", "pdf": b"old pdf"})
    monkeypatch.setattr(output.os, "fsync", _fail_on_call(2, OSError(5, "I/O error"), os.fsync))
    with pytest.raises(OSError):
        write_files(tmp_path, "brief", {"md": b"new md", "pdf": b"new pdf"})
    assert (tmp_path / "brief.md").read_bytes() == b"old md"
    assert (tmp_path / "brief.pdf").read_bytes() == b"old pdf"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["brief.md", "brief.pdf"]


def test_rewrite_replaces_the_previous_brief(tmp_path):
    write_files(tmp_path, "brief", {"md": b"old"})
    write_files(tmp_path, "brief", {"md": b"new"})
    assert (tmp_path / "brief.md").read_bytes() == b"new"
    assert [p.name for p in tmp_path.iterdir()] == ["brief.md"]


def test_out_path_that_is_a_file_is_an_os_error(tmp_path):
    (tmp_path / "out").write_text("not a folder")
    with pytest.raises(OSError):
        write_files(tmp_path / "out", "brief", {"md": b"x"})


def test_temp_files_are_hidden_so_ingestion_never_reads_them(tmp_path, monkeypatch):
    seen: list[Path] = []
    real = os.replace

    def spy(src, dst):
        seen.append(Path(src))
        real(src, dst)

    monkeypatch.setattr(output.os, "replace", spy)
    write_files(tmp_path, "brief", {"md": b"x"})
    assert seen and all(p.name.startswith(".") and p.parent == tmp_path for p in seen)
