"""Two invented events, two short reports each: quick to parse, enough for every stage. Shared
by the batch, distributed and remote-folder tests."""

from __future__ import annotations

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
