"""The HTML page on screens, in headless Chromium when it is installed (Debian's `chromium`):
at phone and desktop widths nothing makes the page scroll sideways (wide tables and pictures
scroll inside their own box), and the body text is a readable size."""

from __future__ import annotations

import html as html_module
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from briefgen import render
from briefgen.brief import Brief

DATA = Path(__file__).parent / "data"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
WIDTHS = {"phone": 390, "desktop": 1280}
# Headless Chromium will not make a window narrower than 500 px, so the page is loaded into an
# iframe of the wanted width (as `srcdoc`: same origin, readable), and the wrapper reports the
# page's layout in its title, which --dump-dom prints.
WRAPPER = """<!DOCTYPE html><html><head><title>pending</title></head>
<body style="margin:0"><iframe id="f" width="{width}" height="900" style="border:0"></iframe>
<script>
const frame = document.getElementById("f");
frame.addEventListener("load", () => {{
  const doc = frame.contentDocument;
  const item = doc.querySelector(".key-points li");
  document.title = JSON.stringify({{
    scroll: doc.documentElement.scrollWidth,
    inner: frame.contentWindow.innerWidth,
    font: parseFloat(frame.contentWindow.getComputedStyle(item).fontSize),
    measure: item.getBoundingClientRect().width,
  }});
}});
frame.srcdoc = {page};
</script></body></html>"""

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="headless Chromium not installed")


def chromium(*args: str) -> str:
    assert CHROMIUM is not None
    command = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars"]
    result = subprocess.run(
        [*command, *args], capture_output=True, text=True, timeout=120, check=True
    )
    return result.stdout


def layout(html: str, width: int, tmp_path: Path) -> dict[str, float]:
    wrapper = tmp_path / f"screen-{width}.html"
    # "</" inside the script would end it early: JSON may escape "/" as "\/".
    page = json.dumps(html).replace("</", "<\\/")
    wrapper.write_text(WRAPPER.format(width=width, page=page), encoding="utf-8")
    dom = chromium(
        f"--window-size={max(width, 500)},900",
        "--virtual-time-budget=5000",
        "--dump-dom",
        wrapper.as_uri(),
    )
    title = re.search(r"<title>(.*?)</title>", dom, flags=re.S)
    assert title is not None
    return json.loads(html_module.unescape(title.group(1)))


@pytest.mark.parametrize("device", sorted(WIDTHS))
def test_the_page_never_scrolls_sideways_and_reads_comfortably(device: str, tmp_path: Path) -> None:
    brief = Brief.from_dict(json.loads((DATA / "brief-seeds-like.json").read_text("utf-8")))
    width = WIDTHS[device]
    found = layout(render.render_html(brief), width, tmp_path)
    assert found["scroll"] <= found["inner"] == width
    assert found["font"] >= 16  # body text at the reader's size, not the print 8.5pt
    assert found["measure"] <= 46 * 16  # a comfortable line length on a wide screen
