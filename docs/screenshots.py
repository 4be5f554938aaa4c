"""Regenerate the pictures of the seeds brief shown in the README (docs/*.png).

    python docs/screenshots.py

PDF pages at 70 dpi with `pdftoppm` (poppler-utils); the HTML page at phone (390 px) and
desktop (1280 px) widths with headless Chromium (Debian's `chromium`), when installed. The brief
is tests/golden/seeds/brief.json: what `briefgen build seeds/` makes.
"""

from __future__ import annotations

import html as html_module
import json
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PIL import Image  # noqa: E402  (after the path: WeasyPrint brings Pillow)

from briefgen import render  # noqa: E402
from briefgen.brief import Brief  # noqa: E402

DOCS = ROOT / "docs"
WIDTHS = {"phone": 390, "desktop": 1280}
# Chromium's headless window is at least 500 px wide: the page goes in an iframe of the wanted
# width, first to measure its height (reported in the title), then for the screenshot.
WRAPPER = """<!DOCTYPE html><html><head><title>pending</title></head>
<body style="margin:0"><iframe id="f" width="{width}" height="{height}" style="border:0"></iframe>
<script>
const frame = document.getElementById("f");
frame.addEventListener("load", () => {{
  document.title = String(frame.contentDocument.documentElement.scrollHeight);
}});
frame.srcdoc = {page};
</script></body></html>"""


def chromium(*args: str) -> str:
    command = [shutil.which("chromium") or "chromium", "--headless", "--no-sandbox"]
    command += ["--disable-gpu", "--hide-scrollbars", "--virtual-time-budget=5000"]
    return subprocess.run(
        [*command, *args], capture_output=True, text=True, timeout=120, check=True
    ).stdout


def screenshot(page: str, width: int, target: Path, work: Path) -> None:
    source = json.dumps(page).replace("</", "<\\/")
    wrapper = work / "wrapper.html"
    wrapper.write_text(WRAPPER.format(width=width, height=900, page=source), encoding="utf-8")
    window = max(width, 500)
    dom = chromium(f"--window-size={window},900", "--dump-dom", wrapper.as_uri())
    found = re.search(r"<title>(\d+)</title>", dom)
    height = int(html_module.unescape(found.group(1))) if found else 3000
    wrapper.write_text(WRAPPER.format(width=width, height=height, page=source), encoding="utf-8")
    shot = work / "shot.png"
    chromium(f"--window-size={window},{height}", f"--screenshot={shot}", wrapper.as_uri())
    with Image.open(shot) as image:
        # A 64-colour palette: the page is text on white, and the file a quarter of the size.
        cropped = image.convert("RGB").crop((0, 0, width, height))
        cropped.quantize(colors=64).save(target, optimize=True)


def main() -> None:
    brief = Brief.from_dict(json.loads((ROOT / "tests/golden/seeds/brief.json").read_text("utf-8")))
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        pdf = work / "seeds.pdf"
        pdf.write_bytes(render.render_pdf(brief))
        for old in DOCS.glob("seeds-page-*.png"):
            old.unlink()
        subprocess.run(
            ["pdftoppm", "-png", "-r", "70", str(pdf), str(DOCS / "seeds-page")], check=True
        )
        if shutil.which("chromium"):
            page = render.render_html(brief)
            for device, width in WIDTHS.items():
                screenshot(page, width, DOCS / f"seeds-html-{device}.png", work)
    print("\n".join(sorted(str(p.relative_to(ROOT)) for p in DOCS.glob("seeds-*.png"))))


if __name__ == "__main__":
    main()
