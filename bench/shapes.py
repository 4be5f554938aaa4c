"""Pathological input shapes against the normal rate, in one run: `python bench/shapes.py`.

Each shape is built in a temp folder and run as a fresh `briefgen build --no-cache` process
(bench/benchmark.py `run`: wall time and the peak RSS of the process tree):

- normal:      100 generated articles (bench/generate.py), the reference words-per-second rate;
- line-20MB:   one line of 20 MB (generated articles joined with spaces; the input budget reads
               the first `--max-article-chars` of it);
- repeat-200k: 200,000 copies of one sentence (16 MB), after a short article;
- parens-500KB: a short article followed by 500 KB of "(";
- tiny-5000:   5,000 files of one sentence each.

A shape passes when its peak is at most MAX_PEAK_MIB and its time at most SLACK times what the
normal rate gives for the words it read (the sources' word counts in brief.json) plus the normal
run's start-up (its time minus its words at its rate is not separable, so the normal run's whole
time is the allowance for start-up). `--quick` drops the 20 MB line to 5 MB.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

import generate  # type: ignore[import-not-found]
from benchmark import Run, briefgen_command, run  # type: ignore[import-not-found]

MAX_PEAK_MIB = 1536
SLACK = 1.5

SENTENCE = "The ministry said on Tuesday that the two companies had agreed to extend the talks.\n"


def _articles(work: Path, n: int) -> list[str]:
    folder = work / f"generated-{n}"
    if not folder.exists():
        generate.generate(n, folder)
    return [p.read_text(encoding="utf-8") for p in sorted(folder.iterdir()) if p.is_file()]


def normal(work: Path, folder: Path) -> None:
    for i, text in enumerate(_articles(work, 100)):
        (folder / f"{i:03d}.txt").write_text(text, encoding="utf-8")


def long_line(megabytes: int) -> Callable[[Path, Path], None]:
    def build(work: Path, folder: Path) -> None:
        block = " ".join(t.replace("\n", " ") for t in _articles(work, 400))
        size = megabytes * 1_000_000
        (folder / "line.txt").write_text((block * (size // len(block) + 1))[:size] + "\n")

    return build


def repeats(work: Path, folder: Path) -> None:
    copies = (SENTENCE.strip() + " ") * 200_000
    (folder / "repeat.txt").write_text(_articles(work, 1)[0] + "\n" + copies + "\n")


def parens(work: Path, folder: Path) -> None:
    (folder / "parens.txt").write_text(_articles(work, 1)[0] + "\n" + "(" * 500_000 + "\n")


def tiny_files(work: Path, folder: Path) -> None:
    import re

    sentences = [
        s
        for text in _articles(work, 400)
        for s in re.split(r"(?<=[.!?])\s+", text.replace("\n", " "))
        if 60 < len(s) < 300
    ]
    for i in range(5_000):
        (folder / f"{i:05d}.txt").write_text(sentences[i % len(sentences)] + f" ({i})\n")


def words_read(out: Path) -> int:
    [brief] = out.glob("*.json")
    return sum(s["words"] for s in json.loads(brief.read_text(encoding="utf-8"))["sources"])


def measure(name: str, make: Callable[[Path, Path], None], work: Path) -> tuple[Run, int]:
    folder, out = work / name, work / f"out-{name}"
    folder.mkdir()
    make(work, folder)
    result = run([*briefgen_command(), "build", str(folder), "-o", str(out), "--no-cache", "-q"])
    return result, words_read(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--quick", action="store_true", help="a 5 MB line instead of 20 MB")
    args = parser.parse_args(argv)
    shapes: dict[str, Callable[[Path, Path], None]] = {
        f"line-{5 if args.quick else 20}MB": long_line(5 if args.quick else 20),
        "repeat-200k": repeats,
        "parens-500KB": parens,
        "tiny-5000": tiny_files,
    }
    with tempfile.TemporaryDirectory(prefix="briefgen-shapes-") as tmp:
        work = Path(tmp)
        base, base_words = measure("normal", normal, work)
        rate = base_words / base.seconds
        print("| shape | seconds | words read | words/s | peak MiB | allowed s | verdict |")
        print("|---|---:|---:|---:|---:|---:|---|")
        print(
            f"| normal (100 articles) | {base.seconds:.1f} | {base_words:,} | {rate:,.0f} "
            f"| {base.peak_mib:.0f} | — | reference |"
        )
        failed = 0
        for name, make in shapes.items():
            result, words = measure(name, make, work)
            allowed = SLACK * (base.seconds + words / rate)
            ok = result.seconds <= allowed and result.peak_mib <= MAX_PEAK_MIB
            failed += not ok
            print(
                f"| {name} | {result.seconds:.1f} | {words:,} "
                f"| {words / result.seconds:,.0f} | {result.peak_mib:.0f} | {allowed:.1f} "
                f"| {'ok' if ok else 'FAIL'} |"
            )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
