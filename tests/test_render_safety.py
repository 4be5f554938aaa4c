"""Rendering hostile input reads nothing outside the template folder and fetches nothing."""

from __future__ import annotations

import base64
import io
import logging
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pypdf
import pytest

from briefgen import render
from briefgen.brief import Brief, ContextItem, KeyPoint, Party, Source
from briefgen.render import fetcher

# A 1×1 PNG.
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
)
DATA_PNG = "data:image/png;base64," + base64.b64encode(PNG).decode()
HOSTILE_MARKUP = [
    '<img src="file:///etc/hostname">',
    '<link rel="stylesheet" href="http://127.0.0.1:9/evil.css">',
    "<script>document.write('x')</script>",
    '<div style="background: url(file:///etc/passwd)">x</div>',
    '<style>@import url("https://127.0.0.1:9/x.css");'
    " body { background: url(ftp://127.0.0.1/x) }</style>",
    '<a rel="attachment" href="file:///etc/passwd">passwd</a>',
    '<link rel="attachment" href="file:///etc/hostname">',
]

# Every file opened and every connection tried while `recording()` is active (audit events see
# opens and connects from Python code and C extensions' Python-level calls alike).
_EVENTS: list[tuple[str, str]] | None = None


def _audit(event: str, args: tuple[object, ...]) -> None:
    if _EVENTS is not None and event in {"open", "socket.connect", "urllib.Request"}:
        _EVENTS.append((event, str(args[0])))


sys.addaudithook(_audit)


@contextmanager
def recording() -> Iterator[list[tuple[str, str]]]:
    global _EVENTS
    _EVENTS = []
    try:
        yield _EVENTS
    finally:
        events, _EVENTS = _EVENTS, None
        del events


@pytest.fixture
def spy_fetchers(monkeypatch: pytest.MonkeyPatch) -> list[fetcher.TemplateFolderFetcher]:
    """The fetchers render_pdf creates, kept for inspection."""
    created: list[fetcher.TemplateFolderFetcher] = []

    class Spy(fetcher.TemplateFolderFetcher):
        def __init__(self, *args: object, **kwargs: object) -> None:
            super().__init__(*args, **kwargs)  # type: ignore[arg-type]
            created.append(self)

    monkeypatch.setattr(fetcher, "TemplateFolderFetcher", Spy)
    return created


def hostile_brief() -> Brief:
    text = " ".join(HOSTILE_MARKUP)
    return Brief(
        title="Hostile <b>title</b> " + HOSTILE_MARKUP[0],
        generated="2025-09-09",
        sources=[Source("S1", "x.txt", HOSTILE_MARKUP[5], HOSTILE_MARKUP[1], None, 9, "0")],
        summary=[KeyPoint(text, ["S1"])],
        parties=[Party(HOSTILE_MARKUP[3], "ORG", [HOSTILE_MARKUP[6]], None, 1, ["S1"])],
        context=[ContextItem(HOSTILE_MARKUP[4], ["S1"])],
    )


def opened_outside(events: list[tuple[str, str]], *folders: Path) -> list[str]:
    """Opened paths that are the hostile targets or lie in any of `folders`."""
    targets = {"/etc/hostname", "/etc/passwd"}
    return [
        path
        for event, path in events
        if event == "open"
        and (path in targets or any(Path(path).resolve().is_relative_to(f) for f in folders))
    ]


def not_shipped_fonts(served: list[str]) -> list[str]:
    """What a fetcher served besides the fonts shipped in the default templates' fonts/."""
    shipped = render.default_templates_dir().resolve() / "fonts"
    return [url for url in served if Path(url).parent != shipped]


def test_hostile_article_text_is_printed_not_followed(
    spy_fetchers: list[fetcher.TemplateFolderFetcher],
) -> None:
    with recording() as events:
        pdf = render.render_pdf(hostile_brief())
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    text = " ".join(page.extract_text() for page in reader.pages)
    assert '<img src="file:///etc/hostname">' in text
    assert "<script>" in text
    assert reader.attachments == {}
    assert not_shipped_fonts(spy_fetchers[0].served) == [] and spy_fetchers[0].refused == []
    assert opened_outside(events) == []
    assert [e for e in events if e[0] != "open"] == []


@pytest.fixture
def hostile_templates(tmp_path: Path) -> tuple[Path, Path]:
    """A user template folder whose HTML template itself names files and URLs everywhere, with
    a symlink and a `..` path out of the folder. Returns (templates, outside)."""
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.png").write_bytes(PNG)
    (outside / "secret.css").write_text("h1 { color: red }")
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "logo.png").write_bytes(PNG)
    (templates / "link.png").symlink_to(outside / "secret.png")
    (templates / "brief.html.j2").write_text(
        "<html><head><style>{{ stylesheet }}\n"
        "@font-face { font-family: X; src: url(../outside/font.ttf) }\n"
        "h2 { background: url(file:///etc/hostname) }</style>"
        '<link rel="stylesheet" href="../outside/secret.css"></head><body>'
        "<h1>{{ brief.title }}</h1>"
        + "".join(HOSTILE_MARKUP)
        + '<img src="link.png"><img src="../outside/secret.png">'
        + f'<img src="logo.png"><img src="{DATA_PNG}">'
        + '<a rel="attachment" href="../outside/secret.png">x</a>'
        + "</body></html>",
        encoding="utf-8",
    )
    return templates, outside


def test_a_hostile_template_gets_only_its_own_files_and_data_uris(
    hostile_templates: tuple[Path, Path],
    spy_fetchers: list[fetcher.TemplateFolderFetcher],
    caplog: pytest.LogCaptureFixture,
) -> None:
    templates, outside = hostile_templates
    caplog.set_level(logging.WARNING)
    with recording() as events:
        pdf = render.render_pdf(Brief(title="Hostile template", generated="2025-09-09"), templates)

    used = spy_fetchers[0]
    assert not_shipped_fonts(used.served) == [str(templates.resolve() / "logo.png"), DATA_PNG[:40]]
    refused = set(used.refused)
    assert {"file:///etc/hostname", "file:///etc/passwd"} <= refused
    assert any(url.startswith("http://127.0.0.1:9") for url in refused)
    assert any(url.startswith("https://127.0.0.1:9") for url in refused)
    assert any(url.startswith("ftp://") for url in refused)
    assert any(url.endswith("/link.png") for url in refused)  # the symlink out
    assert any(url.endswith("/outside/secret.png") for url in refused)  # the .. path
    ours = [r for r in caplog.records if r.name == "briefgen.render.fetcher"]
    assert len(ours) == len(used.refused)
    assert all(r.levelno == logging.WARNING for r in ours)
    # WeasyPrint's own "Failed to load … RefusedURLError" error lines are not repeated.
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR] == []

    assert pypdf.PdfReader(io.BytesIO(pdf)).attachments == {}
    assert opened_outside(events, outside.resolve()) == []
    assert [e for e in events if e[0] == "socket.connect"] == []


# ---------------------------------------------------------------------------------------------
# The fetcher on its own


def test_fetcher_serves_a_file_in_its_folder(tmp_path: Path) -> None:
    (tmp_path / "style.css").write_text("p {}")
    response = fetcher.TemplateFolderFetcher([tmp_path]).fetch((tmp_path / "style.css").as_uri())
    assert response.read() == b"p {}"
    assert response.content_type == "text/css"


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/hostname",
        "http://127.0.0.1:9/x.png",
        "https://127.0.0.1:9/x.png",
        "ftp://127.0.0.1/x.png",
        "file://otherhost/share/x.png",
    ],
)
def test_fetcher_refuses_anything_else_with_a_warning(
    url: str, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING, logger="briefgen.render.fetcher")
    with pytest.raises(fetcher.RefusedURLError):
        fetcher.TemplateFolderFetcher([tmp_path]).fetch(url)
    assert "not fetching" in caplog.text


def test_fetcher_refuses_dot_dot_and_symlinks_out_of_its_folder(tmp_path: Path) -> None:
    folder = tmp_path / "t"
    folder.mkdir()
    (tmp_path / "secret.txt").write_text("secret")
    (folder / "link.txt").symlink_to(tmp_path / "secret.txt")
    safe = fetcher.TemplateFolderFetcher([folder])
    for url in (f"{folder.as_uri()}/../secret.txt", (folder / "link.txt").as_uri()):
        with pytest.raises(fetcher.RefusedURLError):
            safe.fetch(url)
