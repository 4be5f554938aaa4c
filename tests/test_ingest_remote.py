"""Source folders given as fsspec URLs (briefgen/ingest/remote.py): fetched into a temporary
folder, built exactly as a local folder of the same files, labelled with the URL.

`memory://` stands for a bucket (it lives in this process, as the CLI run by CliRunner does);
the LocalCluster test uses `file://`, which every worker process sees.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from dataclasses import replace
from pathlib import Path

import pytest
from small_events import EVENTS, modules_a_build_imports
from typer.testing import CliRunner

from briefgen.cli import app
from briefgen.config import Options
from briefgen.errors import BriefgenError, NoArticlesError, UsageError
from briefgen.ingest import remote

fsspec = pytest.importorskip("fsspec")

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
runner = CliRunner()

PIER, RAIL = EVENTS["pier"], EVENTS["rail"]


@pytest.fixture(autouse=True)
def _in_tmp_cwd(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # no config file from the repository


@pytest.fixture
def bucket(tmp_path):
    """A folder in the memory filesystem, private to the test: (its URL, the filesystem)."""
    fs = fsspec.filesystem("memory")
    root = f"/{tmp_path.name}"
    yield f"memory://{root}", fs
    if fs.exists(root):
        fs.rm(root, recursive=True)


def write_tree(local: Path, url: str, files: dict[str, bytes | str]) -> None:
    """The same files under a local folder and under a URL."""
    fs, root = fsspec.core.url_to_fs(url)
    for rel, content in files.items():
        data = content.encode("utf-8") if isinstance(content, str) else content
        (local / rel).parent.mkdir(parents=True, exist_ok=True)
        (local / rel).write_bytes(data)
        fs.pipe_file(f"{root}/{rel}", data)


def files_in(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(out.iterdir()) if p.is_file()}


def stderr_lines(stderr: str, local: str, url: str) -> list[str]:
    """stderr with the local folder's name in place of the URL and without the seconds."""
    lines = stderr.replace(url, local).splitlines()
    return [line.rsplit(",", 1)[0] if line.startswith("summary: ") else line for line in lines]


# ---------------------------------------------------------------------------------------------
# What a URL is


URLS = [("s3://bucket/event/", True), ("memory://x", True), ("file:///srv/a", True)]
PATHS = [("seeds/", False), ("C:\\news", False), ("a:b", False), (Path("s3:/b"), False)]


@pytest.mark.parametrize(("value", "expected"), [*URLS, *PATHS])
def test_a_url_is_scheme_colon_slash_slash_given_as_a_string(value, expected):
    assert remote.is_url(value) is expected


@pytest.mark.parametrize(
    ("url", "name"),
    [
        ("s3://bucket/desk/event/", "event"),
        ("gcs://bucket/event", "event"),
        ("s3://bucket", "bucket"),
    ],
)
def test_a_urls_name_is_its_last_path_part(url, name):
    assert remote.source_name(url) == name


# ---------------------------------------------------------------------------------------------
# Building from a URL


def test_a_memory_url_builds_the_briefs_of_the_same_local_folder_byte_for_byte(tmp_path, bucket):
    url, _ = bucket
    files = {p.name: p.read_bytes() for p in SEEDS.iterdir() if p.is_file()}
    write_tree(tmp_path / "seeds", f"{url}/seeds", files)
    common = ["build", "--date", "2025-03-01", "--no-cache"]
    local = runner.invoke(app, [*common, "seeds", "--out", "local"])
    fetched = runner.invoke(app, [*common, f"{url}/seeds/", "--out", "remote"])
    assert local.exit_code == fetched.exit_code == 0, fetched.stderr
    built = files_in(tmp_path / "local")
    assert len(built) == 4
    assert files_in(tmp_path / "remote") == built
    # The summary names the URL where a local build names the folder.
    assert stderr_lines(fetched.stderr, "seeds", f"{url}/seeds/") == stderr_lines(
        local.stderr, "seeds", "seeds"
    )
    assert fetched.stderr.startswith(f"summary: {url}/seeds/: 5 articles read")


def test_each_over_a_url_builds_every_subfolder_as_a_local_parent_does(tmp_path, bucket):
    url, _ = bucket
    tree: dict[str, bytes | str] = {
        "pier/a.txt": PIER[0],
        "pier/b.txt": PIER[1],
        "pier/empty.txt": "",  # a warning, labelled with the folder
        "rail/a.txt": RAIL[0],
        "rail/b.md": RAIL[1],
        "rail/notes.pdf": b"%PDF-1.4",  # not an article: silently left out
        "rail-again/a.txt": RAIL[0],
        "rail-again/b.txt": RAIL[1],
        "nothing/photo.jpg": b"\xff\xd8",  # no articles: this folder fails, the others do not
        ".hidden/a.txt": PIER[0],  # hidden: not a folder to build
    }
    write_tree(tmp_path / "desk", f"{url}/desk", tree)
    common = ["build", "--date", "2025-03-01", "--no-cache", "--jobs", "1"]
    local = runner.invoke(app, [*common, "--each", "desk", "--out", "local"])
    fetched = runner.invoke(app, [*common, "--each", f"{url}/desk", "--out", "remote"])
    assert local.exit_code == fetched.exit_code == 1
    built = files_in(tmp_path / "local")
    assert len(built) == 12  # three briefs; "nothing" failed
    assert files_in(tmp_path / "remote") == built
    assert stderr_lines(fetched.stderr, "desk", f"{url}/desk") == stderr_lines(
        local.stderr, "desk", "desk"
    )
    assert f"warning: {url}/desk/pier: skipped empty.txt: empty file" in fetched.stderr
    assert f"error: {url}/desk/nothing: no articles found in {url}/desk/nothing/ " in (
        fetched.stderr
    )


def test_a_url_that_does_not_exist_is_the_usage_error_of_a_missing_folder(bucket):
    url, _ = bucket
    local = runner.invoke(app, ["build", "nowhere"])
    fetched = runner.invoke(app, ["build", f"{url}/nowhere"])
    assert local.exit_code == fetched.exit_code == 2
    assert fetched.stderr.replace(f"{url}/nowhere", "nowhere") == local.stderr
    assert f"Error: Invalid value for 'SOURCE_DIR': dir '{url}/nowhere' does not exist." in (
        fetched.stderr
    )
    each = runner.invoke(app, ["build", "--each", f"{url}/nowhere"])
    assert each.exit_code == 2
    assert f"dir '{url}/nowhere' does not exist." in each.stderr


def test_a_url_without_articles_fails_in_the_line_a_local_folder_gives(tmp_path, bucket):
    url, _ = bucket
    # Only a picture here, and an article one level down the walk does not enter.
    write_tree(tmp_path / "event", f"{url}/event", {"map.png": b"\x89PNG", "old/a.txt": PIER[0]})
    local = runner.invoke(app, ["build", "event", "--out", "local"])
    fetched = runner.invoke(app, ["build", f"{url}/event", "--out", "remote"])
    assert local.exit_code == fetched.exit_code == 1
    assert fetched.stderr.replace(f"{url}/event", "event") == local.stderr
    assert fetched.stderr == (
        f"error: no articles found in {url}/event/ (looked for *.txt, *.md, *.html, *.htm; "
        "1 more in sub-folders (read them with --recursive))\n"
    )
    assert not (tmp_path / "remote").exists()


def test_without_fsspec_a_url_is_a_usage_error_naming_the_install(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "fsspec", None)  # `import fsspec` fails
    monkeypatch.setitem(sys.modules, "fsspec.core", None)
    result = runner.invoke(app, ["build", "s3://bucket/event/"])
    assert result.exit_code == 2
    [line] = [line for line in result.stderr.splitlines() if line.startswith("Error:")]
    assert line.endswith(
        's3://bucket/event/: folders given as URLs need fsspec: pip install "briefgen[remote]"'
    )


def test_a_local_build_does_not_import_fsspec(tmp_path):
    (tmp_path / "pier").mkdir()
    for i, text in enumerate(PIER):
        (tmp_path / "pier" / f"{i}.txt").write_text(text, encoding="utf-8")
    result = modules_a_build_imports(tmp_path, "pier", ("fsspec",))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


# ---------------------------------------------------------------------------------------------
# The fetch


def copied(folder: Path) -> dict[str, int]:
    """Relative path → size of every file in the temporary copy."""
    return {
        p.relative_to(folder).as_posix(): p.stat().st_size for p in folder.rglob("*") if p.is_file()
    }


def test_only_the_files_a_local_read_looks_at_are_fetched(tmp_path, bucket, monkeypatch):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "temp"))
    (tmp_path / "temp").mkdir()
    url, fs = bucket
    for rel in ("a.txt", "b.md", "skip.txt", "c.pdf", ".d.txt", "sub/e.html", "sub/draft/f.txt"):
        fs.pipe_file(f"{url.removeprefix('memory://')}/event/{rel}", b"Some text.\n")
    options = Options(exclude=("skip.txt", "sub/draft"), include=("*.txt", "*.md", "*.pdf"))
    with remote.local_copy(f"{url}/event", options) as folder:
        assert folder.name == "event"
        # c.pdf: picked by --include, so named in a warning, never read: copied empty. Not
        # recursive: articles in sub-folders are only counted (the "no articles" hint): empty.
        counted = {"sub/e.html": 0, "sub/draft/f.txt": 0}
        assert copied(folder) == {"a.txt": 11, "b.md": 11, "c.pdf": 0, **counted}
    with remote.local_copy(f"{url}/event", replace(options, recursive=True)) as folder:
        # sub/e.html is not --include'd; sub/draft is --exclude'd.
        assert copied(folder) == {"a.txt": 11, "b.md": 11, "c.pdf": 0}
    with remote.local_copy(f"{url}/event", Options(recursive=True)) as folder:
        every = {"a.txt": 11, "b.md": 11, "skip.txt": 11, "sub/e.html": 11, "sub/draft/f.txt": 11}
        assert copied(folder) == every  # .d.txt hidden; c.pdf not an article
    assert list((tmp_path / "temp").iterdir()) == []  # every copy removed


def test_the_copy_is_removed_after_an_error_or_ctrl_c(tmp_path, bucket, monkeypatch):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "temp"))
    (tmp_path / "temp").mkdir()
    url, fs = bucket
    fs.pipe_file(f"{url.removeprefix('memory://')}/event/a.txt", b"Some text.\n")
    with pytest.raises(KeyboardInterrupt), remote.local_copy(f"{url}/event", Options()):
        raise KeyboardInterrupt
    no_articles = pytest.raises(NoArticlesError, match=f"^no articles found in {url}/event/ ")
    with no_articles, remote.local_copy(f"{url}/event", Options()) as folder:
        raise NoArticlesError(f"no articles found in {folder.as_posix()}/ (looked for *.txt)")
    assert list((tmp_path / "temp").iterdir()) == []
    gone = pytest.raises(UsageError, match=f"^source folder {url}/gone does not exist$")
    with gone, remote.local_copy(f"{url}/gone", Options()):
        pass


def test_the_runs_fetch_area_removes_a_copy_its_killed_worker_left(tmp_path, bucket, monkeypatch):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "temp"))
    (tmp_path / "temp").mkdir()
    url, fs = bucket
    fs.pipe_file(f"{url.removeprefix('memory://')}/event/a.txt", b"Some text.\n")
    with remote.fetch_area():
        [area] = (tmp_path / "temp").iterdir()
        # A worker killed mid-build: its copy is made, and never removed by the worker.
        copy = remote.local_copy(f"{url}/event", Options())
        folder = copy.__enter__()
        assert folder.parent.parent == area
        assert (folder / "a.txt").read_bytes() == b"Some text.\n"
    assert not folder.exists()
    assert list((tmp_path / "temp").iterdir()) == []
    assert remote.AREA_VARIABLE not in os.environ


def test_a_filesystem_error_is_one_line_naming_the_url(bucket, monkeypatch):
    url, fs = bucket
    fs.pipe_file(f"{url.removeprefix('memory://')}/event/a.txt", b"Some text.\n")

    def refuse(*args, **kwargs):
        raise PermissionError("Access Denied")

    monkeypatch.setattr(type(fs), "get", refuse)
    with pytest.raises(BriefgenError) as err, remote.local_copy(f"{url}/event", Options()):
        pass
    assert str(err.value) == f"cannot read {url}/event: PermissionError: Access Denied"
    assert err.value.exit_code == 1


# ---------------------------------------------------------------------------------------------
# On a LocalCluster: each worker fetches its folder


def test_file_urls_on_a_local_cluster_give_the_local_briefs(tmp_path):
    pytest.importorskip("distributed")
    desk = tmp_path / "desk"
    for name, texts in (("pier", PIER), ("rail", RAIL)):
        (desk / name).mkdir(parents=True)
        for i, text in enumerate(texts):
            (desk / name / f"{i}.txt").write_text(text, encoding="utf-8")
    common = ["build", "--date", "2025-03-01", "--no-cache", "--jobs", "2"]
    local = runner.invoke(app, [*common, "--each", "desk", "--out", "local"])
    url = desk.as_uri()  # file:///…/desk
    dask = runner.invoke(app, [*common, "--each", url, "--scheduler", "local", "--out", "dask"])
    assert local.exit_code == dask.exit_code == 0, dask.stderr
    built = files_in(tmp_path / "local")
    assert len(built) == 8
    assert files_in(tmp_path / "dask") == built
    assert stderr_lines(dask.stderr, "desk", url) == stderr_lines(local.stderr, "desk", "desk")
    shutil.rmtree(desk)
