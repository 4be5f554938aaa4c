"""Two invented events, two short reports each: quick to parse, enough for every stage. Shared
by the batch, distributed and remote-folder tests."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

EVENTS = {
    "pier": (
        "Harbor City council approved a $40 million plan on Tuesday to rebuild the northern pier.\n"
        "Mayor Dana Ortiz said construction would start in March 2025 and take two years.\n",
        "The Harbor City council voted on Tuesday to spend $40 million rebuilding the pier.\n"
        "The fishing cooperative said the pier had been unsafe since a storm last winter.\n",
    ),
    "rail": (
        "The regional rail operator ordered 12 new trains worth 300 million euros on Friday.\n"
        "The first trains will enter service in 2027, the operator said in a statement.\n",
        "Northline Rail signed a 300 million euro contract for 12 trains on Friday.\n"
        "Unions welcomed the order but asked for more drivers to be hired before 2027.\n",
    ),
}


def make_event(folder: Path, name: str) -> Path:
    """`folder` with the event's reports as 0.txt, 1.txt."""
    folder.mkdir(parents=True)
    for i, text in enumerate(EVENTS[name]):
        (folder / f"{i}.txt").write_text(text, encoding="utf-8")
    return folder


def modules_a_build_imports(
    cwd: Path, folder: str, roots: tuple[str, ...]
) -> subprocess.CompletedProcess[str]:
    """`briefgen build FOLDER --no-cache -q` in a fresh interpreter run in `cwd`; its stdout is
    the sorted list of the imported modules whose top package is one of `roots`."""
    code = (
        "import sys\n"
        "from briefgen.cli import main\n"
        "try:\n"
        f"    main(['build', {folder!r}, '--no-cache', '-q'])\n"
        "except SystemExit as done:\n"
        "    assert done.code == 0, done.code\n"
        f"print(sorted(m for m in sys.modules if m.split('.')[0] in {roots!r}))\n"
    )
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)}
    return subprocess.run(
        [sys.executable, "-c", code], cwd=cwd, env=env, capture_output=True, text=True, timeout=300
    )
