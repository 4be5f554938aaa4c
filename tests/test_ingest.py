"""Ingestion: which files are read, how they decode, and what is skipped with which warning."""

from __future__ import annotations

import hashlib
import logging
import os
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from briefgen import ingest
from briefgen.errors import NoArticlesError, UsageError

SEEDS = Path(__file__).resolve().parent.parent / "seeds"

ARTICLE = (
    "The two governments signed a water-sharing accord on Thursday after three years of talks.\n"
    "Officials said the accord sets quotas for the river’s flow during the dry season.\n"
)


def write(folder: Path, name: str, content: str | bytes = ARTICLE) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def article(n: int) -> str:
    """A distinct small article: different numbers make different word sequences."""
    return (
        f"Negotiators from {n} delegations met in round {n} of the talks on Tuesday.\n"
        f"They agreed on {n * 3} points and will meet again in {n + 2} weeks, officials said.\n"
    )


def warnings(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]


# --- the sample articles -----------------------------------------------------------------------


def test_seeds_read_as_five_articles_in_file_order():
    articles = ingest.read_folder(SEEDS)
    assert [a.file for a in articles] == sorted(p.name for p in SEEDS.glob("*.txt"))
    assert len(articles) == 5


def test_seeds_byline_becomes_the_author_and_leaves_the_text():
    by_file = {a.file[:3]: a for a in ingest.read_folder(SEEDS)}
    byline = by_file["002"]
    assert byline.author == "Maryam Tariq"
    assert byline.title == "Pakistan, U.S. Firm Strike Deal on Critical Minerals"
    assert "by Maryam Tariq" not in byline.text
    assert byline.text.startswith(byline.title)  # the headline stays in the text
    assert by_file["001"].title is None  # a one-word lowercase fragment is no headline


def test_article_text_is_hashed_after_normalising():
    for a in ingest.read_folder(SEEDS):
        assert a.sha256 == hashlib.sha256(a.text.encode("utf-8")).hexdigest()
        assert a.text.endswith("\n") and not a.text.endswith("\n\n")


# --- folder errors -----------------------------------------------------------------------------


def test_missing_folder_is_a_usage_error(tmp_path: Path):
    with pytest.raises(UsageError, match=r"^source folder .*nowhere does not exist$") as err:
        ingest.read_folder(tmp_path / "nowhere")
    assert err.value.exit_code == 2


def test_a_file_given_as_the_folder_is_a_usage_error(tmp_path: Path):
    path = write(tmp_path, "a.txt")
    with pytest.raises(UsageError, match=r"a\.txt is not a folder$"):
        ingest.read_folder(path)


def test_empty_folder_names_the_folder_and_the_patterns(tmp_path: Path):
    folder = tmp_path / "seeds"
    folder.mkdir()
    with pytest.raises(NoArticlesError) as err:
        ingest.read_folder(folder)
    assert str(err.value) == (
        f"no articles found in {folder.as_posix()}/ (looked for *.txt, *.md, *.html, *.htm)"
    )
    assert err.value.exit_code == 1


def test_folder_of_unusable_files_says_how_many_were_skipped(tmp_path: Path):
    write(tmp_path, "a.txt", "")
    write(tmp_path, "b.txt", "   \n")
    with pytest.raises(NoArticlesError, match=r"skipped 2 unusable files\)$"):
        ingest.read_folder(tmp_path)


def test_articles_only_in_subfolders_suggest_recursive(tmp_path: Path):
    write(tmp_path, "2025/a.txt")
    with pytest.raises(
        NoArticlesError, match=r"1 more in sub-folders \(read them with --recursive\)"
    ):
        ingest.read_folder(tmp_path)


# --- which files are read ----------------------------------------------------------------------


def test_reads_every_supported_suffix_in_any_case(tmp_path: Path):
    for i, name in enumerate(["a.txt", "b.md", "c.html", "d.htm", "e.TXT"]):
        body = article(i)
        if name.endswith(("html", "htm")):
            body = f"<html><body><article><p>{body}</p></article></body></html>"
        write(tmp_path, name, body)
    assert [a.file for a in ingest.read_folder(tmp_path)] == [
        "a.txt",
        "b.md",
        "c.html",
        "d.htm",
        "e.TXT",
    ]


def test_files_are_sorted_by_relative_path(tmp_path: Path):
    for i, name in enumerate(["b.txt", "a/z.txt", "a.txt", "a/b/c.txt"]):
        write(tmp_path, name, article(i))
    names = [a.file for a in ingest.read_folder(tmp_path, recursive=True)]
    assert names == ["a/b/c.txt", "a/z.txt", "a.txt", "b.txt"]  # folder by folder, by name


def test_subfolders_are_read_only_when_recursive(tmp_path: Path):
    write(tmp_path, "top.txt", article(1))
    write(tmp_path, "sub/deep.txt", article(2))
    assert [a.file for a in ingest.read_folder(tmp_path)] == ["top.txt"]
    both = [a.file for a in ingest.read_folder(tmp_path, recursive=True)]
    assert both == ["sub/deep.txt", "top.txt"]


def test_include_globs_match_the_relative_path_across_folders(tmp_path: Path):
    write(tmp_path, "a.txt", article(1))
    write(tmp_path, "b.md", article(2))
    write(tmp_path, "sub/c.md", article(3))
    chosen = ingest.read_folder(tmp_path, recursive=True, include=("*.md",))
    assert [a.file for a in chosen] == ["b.md", "sub/c.md"]  # "*" also matches "/"
    top_only = ingest.read_folder(tmp_path, recursive=True, include=("b.md",))
    assert [a.file for a in top_only] == ["b.md"]


def test_patterns_may_start_with_dot_slash(tmp_path: Path):
    write(tmp_path, "a.txt", article(1))
    write(tmp_path, "b.txt", article(2))
    assert [a.file for a in ingest.read_folder(tmp_path, include=("./b.txt",))] == ["b.txt"]


def test_exclude_globs_skip_files_and_whole_folders(tmp_path: Path):
    write(tmp_path, "a.txt", article(1))
    write(tmp_path, "draft-a.txt", article(2))
    write(tmp_path, "old/b.txt", article(3))
    kept = ingest.read_folder(tmp_path, recursive=True, exclude=("draft-*", "old"))
    assert [a.file for a in kept] == ["a.txt"]


def test_other_file_types_are_skipped_silently(tmp_path: Path, caplog):
    write(tmp_path, "a.txt")
    write(tmp_path, "photo.jpg", b"\xff\xd8\xff\xe0")
    write(tmp_path, "notes.docx", b"PK\x03\x04")
    with caplog.at_level(logging.WARNING):
        assert [a.file for a in ingest.read_folder(tmp_path)] == ["a.txt"]
    assert warnings(caplog) == []


def test_other_file_type_selected_by_include_gets_a_warning(tmp_path: Path, caplog):
    write(tmp_path, "a.txt")
    write(tmp_path, "report.pdf", b"%PDF-1.7")
    with caplog.at_level(logging.WARNING):
        ingest.read_folder(tmp_path, include=("*.txt", "*.pdf"))
    assert warnings(caplog) == [
        "skipped report.pdf: unsupported file type (briefgen reads .txt, .md, .html, .htm)"
    ]


def test_hidden_files_and_folders_are_ignored(tmp_path: Path, caplog):
    write(tmp_path, "a.txt", article(1))
    write(tmp_path, ".draft.txt", article(2))
    write(tmp_path, ".git/notes.txt", article(3))
    with caplog.at_level(logging.WARNING):
        assert [a.file for a in ingest.read_folder(tmp_path, recursive=True)] == ["a.txt"]
    assert warnings(caplog) == []


def test_output_folder_inside_the_source_is_not_read(tmp_path: Path):
    write(tmp_path, "a.txt", article(1))
    write(tmp_path, "out/brief.md", article(2))
    found = ingest.read_folder(tmp_path, recursive=True, ignore=[tmp_path / "out"])
    assert [a.file for a in found] == ["a.txt"]


def test_ignore_accepts_a_relative_path(tmp_path: Path, monkeypatch):
    write(tmp_path, "src/a.txt", article(1))
    write(tmp_path, "src/out/brief.md", article(2))
    monkeypatch.chdir(tmp_path)
    found = ingest.read_folder(Path("src"), recursive=True, ignore=[Path("src/out")])
    assert [a.file for a in found] == ["a.txt"]


@pytest.mark.skipif(sys.platform == "win32", reason="symlinks need privileges on Windows")
def test_symlink_leading_outside_the_folder_is_not_followed(tmp_path: Path, caplog):
    secret = write(tmp_path, "elsewhere/secret.txt", article(9))
    source = tmp_path / "src"
    write(source, "a.txt", article(1))
    (source / "link.txt").symlink_to(secret)
    (source / "linkdir").symlink_to(secret.parent, target_is_directory=True)
    with caplog.at_level(logging.WARNING):
        found = ingest.read_folder(source, recursive=True)
    assert [a.file for a in found] == ["a.txt"]
    assert warnings(caplog) == [
        "skipped link.txt: symlink to a file outside the source folder",
        "skipped linkdir/: symlink to a folder outside the source",
    ]


@pytest.mark.skipif(sys.platform == "win32", reason="symlinks need privileges on Windows")
def test_symlink_to_a_file_inside_the_folder_is_read(tmp_path: Path):
    target = write(tmp_path, "archive/a.txt", article(1))
    (tmp_path / "current.txt").symlink_to(target)
    assert [a.file for a in ingest.read_folder(tmp_path)] == ["current.txt"]


@pytest.mark.skipif(sys.platform == "win32", reason="symlinks need privileges on Windows")
def test_broken_symlink_is_skipped_with_a_warning(tmp_path: Path, caplog):
    write(tmp_path, "a.txt", article(1))
    (tmp_path / "gone.txt").symlink_to(tmp_path / "missing.txt")
    with caplog.at_level(logging.WARNING):
        ingest.read_folder(tmp_path)
    assert warnings(caplog) == ["skipped gone.txt: broken symlink"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_named_pipe_is_skipped_instead_of_blocking(tmp_path: Path, caplog):
    write(tmp_path, "a.txt", article(1))
    os.mkfifo(tmp_path / "pipe.txt")
    with caplog.at_level(logging.WARNING):
        ingest.read_folder(tmp_path)
    assert warnings(caplog) == ["skipped pipe.txt: not a regular file"]


@pytest.mark.skipif(sys.platform != "linux", reason="needs a filesystem taking any bytes")
def test_file_name_that_is_not_utf8_is_stored_printable(tmp_path: Path):
    raw = os.path.join(os.fsencode(tmp_path), b"caf\xe9.txt")
    with open(raw, "wb") as handle:
        handle.write(article(1).encode())
    (found,) = ingest.read_folder(tmp_path)
    assert found.file == "caf\ufffd.txt"
    found.file.encode("utf-8")  # the brief's writers can encode it


# --- encodings ---------------------------------------------------------------------------------

TEXT = "Officials said the “accord” was worth €5 million — a record for the café owners.\n"


@pytest.mark.parametrize(
    "encoding",
    ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "cp1252"],
    ids=["utf8", "utf8-bom", "utf16-bom", "utf16le-no-bom", "utf16be-no-bom", "utf32", "cp1252"],
)
def test_encodings_decode_to_the_same_text(tmp_path: Path, encoding: str):
    write(tmp_path, "a.txt", TEXT.encode(encoding))
    (found,) = ingest.read_folder(tmp_path)
    assert found.text == TEXT  # curly quotes, euro sign and dash kept as written


def test_latin1_file_is_detected(tmp_path: Path):
    text = "Le ministre a signé l'accord à Genève, selon le communiqué de presse publié hier.\n"
    write(tmp_path, "a.txt", text.encode("latin-1"))
    assert ingest.read_folder(tmp_path)[0].text == text


def test_non_latin_legacy_encoding_is_detected(tmp_path: Path):
    text = "Министр заявил, что соглашение будет подписано в понедельник в столице.\n"
    write(tmp_path, "a.txt", text.encode("cp1251"))
    assert ingest.read_folder(tmp_path)[0].text == text


@pytest.mark.parametrize("newline", ["\r\n", "\r"], ids=["crlf", "cr"])
def test_windows_and_old_mac_line_endings_become_newlines(tmp_path: Path, newline: str):
    write(tmp_path, "a.txt", ARTICLE.replace("\n", newline).encode())
    assert ingest.read_folder(tmp_path)[0].text == ARTICLE


def test_text_is_unicode_nfc(tmp_path: Path):
    write(tmp_path, "a.txt", "The cafe\u0301 in Zu\u0308rich reopened on Monday after the talks.\n")
    text = ingest.read_folder(tmp_path)[0].text
    assert text == "The café in Zürich reopened on Monday after the talks.\n"
    assert unicodedata.is_normalized("NFC", text)


def test_invisible_and_control_characters_are_removed(tmp_path: Path):
    write(tmp_path, "a.txt", "The inter\u00adnational\u200b accord\x07 was signed.\f Next page.\n")
    assert (
        ingest.read_folder(tmp_path)[0].text
        == "The international accord was signed.\n Next page.\n"
    )


def test_whitespace_is_tidied_but_indentation_kept(tmp_path: Path):
    write(tmp_path, "a.txt", "\n\nFirst line.   \n\n\n\n  • indented bullet\t\nLast line.\n\n\n")
    text = ingest.read_folder(tmp_path)[0].text
    assert text == "First line.\n\n  • indented bullet\nLast line.\n"


def test_html_declared_charset_is_used(tmp_path: Path):
    page = (
        '<html><head><meta charset="windows-1252"><title>Café accord</title></head><body>'
        "<article><p>Officials said the “accord” was worth €5 million for the café owners "
        "and their suppliers in the old town.</p></article></body></html>"
    )
    write(tmp_path, "a.html", page.encode("cp1252"))
    assert "“accord” was worth €5 million for the café" in ingest.read_folder(tmp_path)[0].text


# --- files that are not articles ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(40), "not text (looks like a PNG image)"),
        (
            b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>",
            "not text (looks like a PDF document)",
        ),
        (b"PK\x03\x04\x14\x00\x06\x00", "not text (looks like a ZIP archive or Office document)"),
        (b"Some text\x00\x00with NUL bytes inside", "not text (contains NUL bytes)"),
        (bytes(range(1, 32)) * 20 + b"abc", "not text (binary data)"),
        (b"", "empty file"),
        (b" \n\t\r\n  \n", "empty (only whitespace)"),
    ],
    ids=["png", "pdf", "zip", "nul", "controls", "empty", "whitespace"],
)
def test_unusable_file_is_skipped_with_a_warning(tmp_path: Path, caplog, content, reason):
    write(tmp_path, "a.txt", article(1))
    write(tmp_path, "bad.txt", content)
    with caplog.at_level(logging.WARNING):
        found = ingest.read_folder(tmp_path)
    assert [a.file for a in found] == ["a.txt"]
    assert warnings(caplog) == [f"skipped bad.txt: {reason}"]


def test_utf16_bom_followed_by_garbage_is_skipped(tmp_path: Path, caplog):
    write(tmp_path, "a.txt", article(1))
    write(tmp_path, "bad.txt", b"\xff\xfe" + b"\x00\xd8\x41\x00")  # lone surrogate
    with caplog.at_level(logging.WARNING):
        ingest.read_folder(tmp_path)
    assert warnings(caplog) == [
        "skipped bad.txt: not text (invalid UTF-16 after its byte-order mark)"
    ]


# --- duplicates --------------------------------------------------------------------------------


def test_exact_duplicate_after_whitespace_and_case_is_counted_once(tmp_path: Path, caplog):
    write(tmp_path, "a.txt", ARTICLE)
    write(tmp_path, "dup.txt", "  " + ARTICLE.upper().replace(" ", "   ").replace("\n", "\n\n"))
    with caplog.at_level(logging.WARNING):
        found = ingest.read_folder(tmp_path)
    assert [a.file for a in found] == ["a.txt"]
    assert warnings(caplog) == ["skipped dup.txt: duplicate of a.txt"]


def test_near_duplicate_is_counted_once_naming_the_overlap(tmp_path: Path, caplog):
    paragraphs = [article(n) for n in range(1, 40)]
    write(tmp_path, "a.txt", "\n".join(paragraphs))
    edited = [*paragraphs[:-1], "A different closing line was added by the second outlet."]
    write(tmp_path, "b.txt", "Headline From Another Outlet\n\n" + "\n".join(edited))
    with caplog.at_level(logging.WARNING):
        found = ingest.read_folder(tmp_path)
    assert [a.file for a in found] == ["a.txt"]
    (message,) = warnings(caplog)
    assert message.startswith("skipped b.txt: near-duplicate of a.txt (")
    assert message.endswith("% same wording)")
    assert 90 <= int(message.rsplit("(", 1)[1].split("%")[0]) < 100


def test_quote_and_dash_style_do_not_hide_a_duplicate(tmp_path: Path, caplog):
    write(tmp_path, "a.txt", "The minister said “we welcome it” — and the envoy’s team agreed.\n")
    write(tmp_path, "b.txt", 'The minister said "we welcome it" - and the envoy\'s team agreed.\n')
    with caplog.at_level(logging.WARNING):
        assert [a.file for a in ingest.read_folder(tmp_path)] == ["a.txt"]
    assert warnings(caplog) == ["skipped b.txt: duplicate of a.txt"]


def test_articles_sharing_quotes_but_not_wording_are_all_kept(tmp_path: Path):
    quote = "“This signing is yet another example of the strength of the relationship,” she said."
    for n in range(3):
        write(tmp_path, f"{n}.txt", f"{article(n)}{quote}\n{article(n + 10)}")
    assert len(ingest.read_folder(tmp_path)) == 3


def test_a_thousand_articles_sharing_quoted_sentences_are_all_kept(tmp_path: Path):
    # One event told by many outlets: each article has its own sentences plus quotes from a
    # common pool. (Speed at this size is measured by bench/benchmark.py, not here.)
    pool = [article(n).split("\n")[0] for n in range(100, 160)]
    for n in range(1000):
        quotes = " ".join(pool[(n * 7 + k * 13) % len(pool)] for k in range(10))
        write(tmp_path, f"{n:04d}.txt", f"{article(n)}{quotes}\n")
    assert len(ingest.read_folder(tmp_path)) == 1000


# --- imports -----------------------------------------------------------------------------------


def test_plain_text_folders_do_not_import_the_html_and_markdown_libraries():
    code = (
        "import sys; from pathlib import Path; from briefgen import ingest; "
        f"ingest.read_folder(Path({str(SEEDS)!r})); "
        "print(sorted(m for m in ('trafilatura', 'markdown_it', 'charset_normalizer', 'yaml') "
        "if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
