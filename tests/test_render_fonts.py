"""Fonts that travel: the PDF embeds the fonts shipped in templates/fonts, so its bytes do not
depend on the fonts installed on the machine."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from briefgen import render
from briefgen.brief import Brief

ROOT = Path(__file__).resolve().parent.parent
FONTS = ROOT / "templates" / "fonts"
SYSTEM_CONF = Path("/etc/fonts/fonts.conf")
SEEDS_LIKE = ROOT / "tests" / "data" / "brief-seeds-like.json"
SERIF = Path("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf")

# Renders in a fresh process (fontconfig is read once per process) and prints two digests: the
# seeds-like brief's PDF, and a control page that asks for the machine's sans-serif font.
SCRIPT = """
import hashlib, json, sys
from weasyprint import HTML
from briefgen import render
from briefgen.brief import Brief
from briefgen.brief import Brief
brief = Brief.from_dict(json.load(open(sys.argv[1], encoding="utf-8")))
pdf = render.render_pdf(brief)
control = HTML(string="<p style='font-family: sans-serif'>Control text</p>").write_pdf()
print(hashlib.sha256(pdf).hexdigest(), hashlib.sha256(control).hexdigest())
"""


def digests(env: dict[str, str]) -> list[str]:
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(SEEDS_LIKE)],
        env={**env, "PYTHONPATH": str(ROOT), "SOURCE_DATE_EPOCH": "0"},
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    return result.stdout.split()


def other_fonts_config(tmp_path: Path) -> Path:
    """A fontconfig setup with one more font folder whose family takes over every sans-serif
    request, and "DejaVu Sans" requests too: what installing a font package can do."""
    extra = tmp_path / "extra-fonts"
    extra.mkdir()
    shutil.copy(SERIF, extra / "Other.ttf")
    conf = tmp_path / "fonts.conf"
    conf.write_text(
        f"""<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">{SYSTEM_CONF}</include>
  <dir>{extra}</dir>
  <cachedir>{tmp_path / "cache"}</cachedir>
  <match target="pattern">
    <test name="family"><string>sans-serif</string></test>
    <edit name="family" mode="prepend" binding="strong"><string>DejaVu Serif</string></edit>
  </match>
  <match target="pattern">
    <test name="family"><string>DejaVu Sans</string></test>
    <edit name="family" mode="prepend" binding="strong"><string>DejaVu Serif</string></edit>
  </match>
</fontconfig>
""",
        encoding="utf-8",
    )
    return conf


@pytest.mark.skipif(
    not (SYSTEM_CONF.is_file() and SERIF.is_file()), reason="needs fontconfig and DejaVu Serif"
)
def test_pdf_bytes_do_not_change_when_the_machine_fonts_do(tmp_path: Path) -> None:
    plain = dict(os.environ)
    plain.pop("FONTCONFIG_FILE", None)
    changed = {**plain, "FONTCONFIG_FILE": str(other_fonts_config(tmp_path))}
    brief_before, control_before = digests(plain)
    brief_after, control_after = digests(changed)
    assert control_before != control_after  # the change does reach a page left to the system
    assert brief_before == brief_after


def test_the_pdf_fonts_come_from_the_shipped_files(monkeypatch: pytest.MonkeyPatch) -> None:
    from briefgen.render.fetcher import TemplateFolderFetcher

    fetchers: list[TemplateFolderFetcher] = []
    original_init = TemplateFolderFetcher.__init__

    def keep(self: TemplateFolderFetcher, *args: object, **kwargs: object) -> None:
        original_init(self, *args, **kwargs)  # type: ignore[arg-type]
        fetchers.append(self)

    monkeypatch.setattr(TemplateFolderFetcher, "__init__", keep)
    # An earlier PDF in this process registered the fonts once for all (render._pdf_fonts).
    monkeypatch.setattr(render, "_PDF_FONTS", {})
    brief = Brief.from_dict(json.loads(SEEDS_LIKE.read_text("utf-8")))
    render.render_pdf(brief)
    served = [Path(path) for f in fetchers for path in f.served]
    assert sorted(p.name for p in served if p.suffix == ".ttf") == [
        "DejaVuSans-Bold.ttf",
        "DejaVuSans-Bold.ttf",  # also the bold italic face
        "DejaVuSans-Oblique.ttf",
        "DejaVuSans.ttf",
    ]
    assert all(p.parent == FONTS for p in served if p.suffix == ".ttf")


def test_the_shipped_fonts_carry_their_licence_and_stay_small() -> None:
    assert "Bitstream Vera" in (FONTS / "LICENSE-DejaVu.txt").read_text("utf-8")
    total = sum(f.stat().st_size for f in FONTS.glob("*.ttf"))
    assert total < 2_500_000  # three faces of one family, not a font library


def test_a_second_pdf_reuses_the_fonts_and_an_edited_stylesheet_gets_fresh_ones(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(render, "_PDF_FONTS", {})
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "brief.css").write_text("body { color: #111; }\n", encoding="utf-8")
    brief = Brief.from_dict(json.loads(SEEDS_LIKE.read_text("utf-8")))
    first = render.render_pdf(brief, templates)
    made = list(render._PDF_FONTS.values())
    assert render.render_pdf(brief, templates) == first
    assert list(render._PDF_FONTS.values()) == made  # the same objects: nothing rebuilt
    (templates / "brief.css").write_text("body { color: #222; margin: 0; }\n", encoding="utf-8")
    edited = render.render_pdf(brief, templates)
    assert edited != first
    assert len(render._PDF_FONTS) == 1 and list(render._PDF_FONTS.values()) != made
