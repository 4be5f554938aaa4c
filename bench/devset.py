"""Quality per devset cluster and the mean: `python bench/devset.py [DEVSET_DIR]`.

    python bench/devset.py                          # seeds + every cluster of ../shared/devset
    python bench/devset.py --save baseline          # also bench/results/baseline.{md,json}
    python bench/devset.py --compare baseline       # the mean's change against a saved run
    python bench/devset.py --json                   # the numbers as JSON instead of the table

Builds each cluster's brief once with `briefgen.build` (default options, a fresh cache folder
under the system temp dir, so nothing stale is read and each folder is parsed once), writes its
Markdown to --briefs (default /tmp/devset-briefs/<cluster>.md) and scores it against the
cluster's gold.json. One row per cluster (the seeds first), then the mean over the devset
clusters (the seeds are not in the mean; a column's mean skips clusters where it is n/a).

Columns (bench/fields.py and bench/quality.py do the scoring; see their docstrings):
- party P: reported parties matching a gold party by any name or alias / reported parties;
- actor R: gold actors found / gold actors, an actor being a party whose role starts with
  "signatory", "official", "financier" or "principal" (those who sign, pay, run or are the
  subject of the deal; not "context" background or "media source" bylines and outlets);
- core R: gold `core_parties` found / core parties;
- split: gold parties matched by two or more reported entries (a count);
- type acc: reported parties that match a gold party and have its type / those matching;
- value P, R, F1: money values with the same currency and amount within 1% (fields.py);
- minerals F1: of fields.py's minerals precision and recall;
- nuggets: gold nuggets covered by the key points + context (quality.covered_nuggets);
- words: words of the key points + context;
- LexRank: nugget coverage of quality.py's baseline (sumy LexRank over all sentences) at the
  same word budget;
- repeats: pairs of key points that repeat a fact (quality.overlaps);
- unsupported: (key point, cited source) pairs where a number written in digits in the key
  point does not occur in that source's text (see `numbers` for the spellings that match);
- date R: gold dates with an `iso` found among the timeline's ISO dates / those gold dates
  (distinct days);
- date P: timeline items with an ISO date that the gold gives (an `iso`, or a day written
  "13 May 2024" in a `refers_to`) / timeline items with an ISO date. A lower bound: the gold
  does not list every date of the texts, but a day it does not know is often a wrong one;
- order: timeline items with an ISO date that come after a later ISO date (0 = ascending).

F1 is n/a when the gold has no items; 0 when the gold has items and the brief reports none.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import fields  # type: ignore[import-not-found]
import quality  # type: ignore[import-not-found]

import briefgen
from briefgen import cache, ingest, nlp
from briefgen.brief import Brief
from briefgen.config import Options
from briefgen.render import render_markdown

DEVSET = ROOT.parent / "shared" / "devset"
SEEDS = ROOT / "seeds"
SEEDS_GOLD = ROOT.parent / "shared" / "eval" / "seeds-gold.json"
RESULTS = ROOT / "bench" / "results"
BRIEFS = Path(tempfile.gettempdir()) / "devset-briefs"
ACTOR_ROLES = ("signatory", "official", "financier", "principal")


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    better: str | None  # "high", "low", or None (no direction: a budget, a reference)
    ratio: bool  # a fraction (two decimals) rather than a count


COLUMNS = [
    Column("party_p", "party P", "high", True),
    Column("actor_r", "actor R", "high", True),
    Column("core_r", "core R", "high", True),
    Column("split", "split", "low", False),
    Column("type_acc", "type acc", "high", True),
    Column("value_p", "value P", "high", True),
    Column("value_r", "value R", "high", True),
    Column("value_f1", "value F1", "high", True),
    Column("minerals_f1", "minerals F1", "high", True),
    Column("nuggets", "nuggets", "high", True),
    Column("words", "words", None, False),
    Column("lexrank", "LexRank", None, True),
    Column("repeats", "repeats", "low", False),
    Column("unsupported", "unsupported", "low", False),
    Column("date_r", "date R", "high", True),
    Column("date_p", "date P", "high", True),
    Column("order", "order", "low", False),
]


# ---------------------------------------------------------------------------------------------
# Numbers in key points and sources

# A run of digits with "." or "," between digit groups: "2025", "4.2", "1,000,000.5", "3,75".
NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
UNITS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty"
)
TENS = "thirty forty fifty sixty seventy eighty ninety"
NUMBER_WORDS = {w: float(n) for n, w in enumerate(UNITS.split())}
NUMBER_WORDS |= {w: float(30 + 10 * n) for n, w in enumerate(TENS.split())}
NUMBER_WORD = re.compile(r"\b(" + "|".join(NUMBER_WORDS) + r")\b", re.IGNORECASE)


def readings(token: str) -> set[float]:
    """The values a written number can mean: thousands separators dropped ("1,000" = 1000),
    "." as the decimal point, and "," as one too when it is not a thousands separator
    ("3,75" = 3.75). Scale words are not applied: "4.2bn" and "4.2 billion" both read 4.2."""
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?", token):
        return {float(token.replace(",", ""))}
    if re.fullmatch(r"\d+(?:\.\d+)?", token):
        return {float(token)}
    if re.fullmatch(r"\d+,\d+", token):
        return {float(token.replace(",", "."))}
    return {float(part) for part in re.split(r"[.,]", token)}  # "1.2.3" or a list: each part


def numbers(text: str, *, words: bool = False) -> list[set[float]]:
    """Each number written in digits in `text`, as its set of readings; with `words`, also the
    number words zero to twenty and the tens ("four months" = 4)."""
    found = [readings(m.group()) for m in NUMBER.finditer(text)]
    if words:
        found += [{NUMBER_WORDS[m.group().lower()]} for m in NUMBER_WORD.finditer(text)]
    return found


def unsupported_citations(brief: Brief, texts: dict[str, str]) -> list[tuple[int, str, list]]:
    """(key point number, source id, numbers absent from that source) for every cited source
    of a key point that lacks one of the point's numbers."""
    available = {sid: set().union(*numbers(text, words=True)) for sid, text in texts.items()}
    out = []
    for i, point in enumerate(brief.summary, start=1):
        written = numbers(point.text)
        for sid in point.sources:
            have = available.get(sid, set())
            missing = [min(r) for r in written if not r & have]
            if missing:
                out.append((i, sid, missing))
    return out


# ---------------------------------------------------------------------------------------------
# Timeline dates

MONTHS = "january february march april may june july august september october november december"
# A day written out in a gold note: "13 May 2024".
NOTED_DAY = re.compile(r"\b(\d{1,2}) (" + "|".join(MONTHS.split()) + r") (\d{4})\b", re.I)


def gold_days(gold: dict[str, Any]) -> tuple[set[str], set[str]]:
    """(the gold's ISO dates, those plus the days its notes write out)."""
    isos = {str(d["iso"]) for d in gold.get("dates", []) if d.get("iso")}
    noted = set(isos)
    for d in gold.get("dates", []):
        for day, month, year in NOTED_DAY.findall(str(d.get("refers_to") or "")):
            number = MONTHS.split().index(month.lower()) + 1
            noted.add(f"{int(year):04d}-{number:02d}-{int(day):02d}")
    return isos, noted


def score_timeline(brief: Brief, gold: dict[str, Any]) -> dict[str, fields.Score]:
    """Date recall and precision of the timeline's ISO dates, and its order errors."""
    isos, noted = gold_days(gold)
    dated = [t.date for t in brief.timeline if t.date]
    found = set(dated)
    backwards = sum(1 for k, d in enumerate(dated) if any(d < e for e in dated[:k]))
    return {
        "date_r": fields.Score(
            len(isos & found), len(isos), [f"date missing: {d}" for d in sorted(isos - found)]
        ),
        "date_p": fields.Score(
            sum(1 for d in dated if d in noted),
            len(dated),
            [f"date not in gold: {d}" for d in dated if d not in noted],
        ),
        "order": fields.Score(backwards, len(dated), []),
    }


# ---------------------------------------------------------------------------------------------
# Scoring one cluster


def f1(p: float | None, r: float | None) -> float | None:
    if r is None:
        return None  # nothing in the gold to find
    p = p or 0.0  # nothing reported: F1 0
    return 2 * p * r / (p + r) if p + r else 0.0


def actor_recall(brief: Brief, gold: dict[str, Any]) -> fields.Score:
    matched = {k for m in fields.party_matches(brief, gold) for k in m}
    actors = [
        k
        for k, g in enumerate(gold.get("parties", []))
        if str(g.get("role") or "").strip().lower().startswith(ACTOR_ROLES)
    ]
    return fields.Score(
        sum(1 for k in actors if k in matched),
        len(actors),
        [f"actor missing: {gold['parties'][k]['name']}" for k in actors if k not in matched],
    )


def type_accuracy(brief: Brief, gold: dict[str, Any]) -> fields.Score:
    gold_types = [str(g.get("type", "")).upper() for g in gold.get("parties", [])]
    pairs = [(p, m) for p, m in zip(brief.parties, fields.party_matches(brief, gold), strict=True)]
    matched = [(p, m) for p, m in pairs if m]
    wrong = [(p, m) for p, m in matched if p.type.upper() not in {gold_types[k] for k in m}]
    return fields.Score(
        len(matched) - len(wrong),
        len(matched),
        [f"type: {p.name} {p.type} (gold {gold_types[m[0]]})" for p, m in wrong],
    )


def evaluate(
    name: str, folder: Path, gold_file: Path, work: Path, briefs: Path, log: Callable[[str], None]
) -> dict[str, Any]:
    """Build `folder`'s brief, write its Markdown, and score it against `gold_file`."""
    gold = json.loads(gold_file.read_text(encoding="utf-8"))
    nuggets = gold.get("nuggets", [])
    options = Options(cache_dir=str(work / name))
    started = time.perf_counter()
    brief = briefgen.build(folder, options)
    built = time.perf_counter() - started
    (briefs / f"{name}.md").write_text(render_markdown(brief), encoding="utf-8")

    # The parsed corpus for the baseline: build stored every Doc in the cache, so no re-parse.
    model = nlp.load(options.model)
    articles = ingest.read_folder(folder)
    corpus = cache.parse(model, articles, cache.for_options(options), nlp.model_key(options.model))
    texts = {p.source_id: p.article.text for p in corpus}

    parties = fields.score_parties(brief, gold)
    values = fields.score_values(brief, gold)
    minerals = fields.score_minerals(brief, gold)
    scores = {
        "party_p": parties["precision"],
        "actor_r": actor_recall(brief, gold),
        "core_r": parties["core found"],
        "type_acc": type_accuracy(brief, gold),
        "value_p": values["precision"],
        "value_r": values["recall"],
    }
    timeline = score_timeline(brief, gold)
    context = [c.text for c in brief.context]
    ours = quality.report(name, brief.summary, context, nuggets, model)
    base = quality.baseline(corpus, ours.words)
    unsupported = unsupported_citations(brief, texts)
    row: dict[str, Any] = {key: s.value for key, s in scores.items()}
    row |= {
        "split": parties["split gold parties"].num,
        "value_f1": f1(values["precision"].value, values["recall"].value),
        "minerals_f1": f1(minerals["precision"].value, minerals["recall"].value),
        "nuggets": len(ours.covered) / len(nuggets) if nuggets else None,
        "words": ours.words,
        "lexrank": len(quality.covered_nuggets(base, nuggets)) / len(nuggets) if nuggets else None,
        "repeats": ours.repeats,
        "unsupported": len(unsupported),
        "date_r": timeline["date_r"].value,
        "date_p": timeline["date_p"].value,
        "order": timeline["order"].num,
    }
    counts = {key: [s.num, s.den] for key, s in scores.items()}
    counts["nuggets"] = [len(ours.covered), len(nuggets)]
    counts["lexrank"] = [len(quality.covered_nuggets(base, nuggets)), len(nuggets)]
    counts["minerals_p"] = [minerals["precision"].num, minerals["precision"].den]
    counts["minerals_r"] = [minerals["recall"].num, minerals["recall"].den]
    counts["key_points"] = [len(brief.summary), len(context)]
    counts |= {key: [s.num, s.den] for key, s in timeline.items()}
    notes = [n for s in (*parties.values(), *values.values(), *minerals.values()) for n in s.notes]
    notes += [n for s in scores.values() for n in s.notes if n not in notes]
    notes += [n for s in timeline.values() for n in s.notes]
    notes += [f"key point {i} cites {sid} without {missing}" for i, sid, missing in unsupported]
    log(f"{name}: built in {built:.1f} s, scored in {time.perf_counter() - started - built:.1f} s")
    return {"cluster": name, **row, "counts": counts, "build_s": round(built, 2), "notes": notes}


def mean_row(rows: Sequence[dict[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {"cluster": "MEAN"}
    for col in COLUMNS:
        vals = [r[col.key] for r in rows if r.get(col.key) is not None]
        out[col.key] = sum(vals) / len(vals) if vals else None
    return out


# ---------------------------------------------------------------------------------------------
# Output


def cell(col: Column, value: Any, mean: bool = False) -> str:
    if value is None:
        return "n/a"
    if col.ratio:
        return f"{value:.2f}"
    return f"{value:.1f}" if mean else str(int(value))


def table(rows: Sequence[dict[str, Any]], mean: dict[str, Any]) -> str:
    lines = [
        "| cluster | " + " | ".join(c.header for c in COLUMNS) + " |",
        "|---|" + "---:|" * len(COLUMNS),
    ]
    for row in rows:
        lines.append(
            f"| {row['cluster']} | " + " | ".join(cell(c, row[c.key]) for c in COLUMNS) + " |"
        )
    lines.append(
        "| **devset MEAN** | " + " | ".join(cell(c, mean[c.key], True) for c in COLUMNS) + " |"
    )
    return "\n".join(lines)


def worse(col: Column, delta: float) -> bool:
    return (col.better == "high" and delta < -1e-9) or (col.better == "low" and delta > 1e-9)


def comparison(saved: dict[str, Any], rows: Sequence[dict[str, Any]], mean: dict) -> str:
    lines = [
        f"\nCompared with {saved.get('name')} ({saved.get('date')}, {saved.get('commit')}):",
        "| column | saved | now | change | |",
        "|---|---:|---:|---:|---|",
    ]
    for col in COLUMNS:
        old, new = saved["mean"].get(col.key), mean.get(col.key)
        if old is None or new is None:
            lines.append(f"| {col.header} | {cell(col, old, True)} | {cell(col, new, True)} | | |")
            continue
        delta = new - old
        mark = "WORSE" if worse(col, delta) else ("better" if col.better and delta else "")
        lines.append(
            f"| {col.header} | {cell(col, old, True)} | {cell(col, new, True)} "
            f"| {delta:+.2f} | {mark} |"
        )
    before = {r["cluster"]: r for r in saved.get("rows", [])}
    for row in rows:
        old_row = before.get(row["cluster"])
        if old_row is None:
            continue
        bad = [
            f"{c.header} {cell(c, old_row[c.key])}→{cell(c, row[c.key])}"
            for c in COLUMNS
            if old_row.get(c.key) is not None
            and row.get(c.key) is not None
            and worse(c, row[c.key] - old_row[c.key])
        ]
        if bad:
            lines.append(f"worse in {row['cluster']}: " + "; ".join(bad))
    return "\n".join(lines)


def git_commit() -> str:
    def git(*args: str) -> str:
        done = subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True)
        return done.stdout.strip() if done.returncode == 0 else ""

    commit = git("rev-parse", "--short", "HEAD") or "unknown"
    return commit + ("+uncommitted" if git("status", "--porcelain", "--", "briefgen") else "")


def save(name: str, data: dict[str, Any], markdown: str) -> None:
    RESULTS.mkdir(parents=True, exist_ok=True)
    legend = (__doc__ or "").split("Columns", 1)[1].split("\n", 1)[1].strip()
    text = (
        f"# devset quality: {name}\n\n"
        f"Date {data['date']}, commit {data['commit']}, briefgen {briefgen.__version__}, "
        f"default options, run time {data['runtime_s']:.0f} s.\n\n"
        f"Reproduce: `{data['command']}` (from the repository root, with the venv).\n\n"
        f"{markdown}\n\nColumns:\n{legend}\n"
    )
    (RESULTS / f"{name}.md").write_text(text, encoding="utf-8")
    saved = {k: v for k, v in data.items()}
    saved["rows"] = [{k: v for k, v in r.items() if k != "notes"} for r in data["rows"]]
    (RESULTS / f"{name}.json").write_text(json.dumps(saved, indent=1) + "\n", encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("devset", nargs="?", type=Path, default=DEVSET, help="devset folder")
    parser.add_argument("--seeds", type=Path, default=SEEDS, help="seeds folder ('' = none)")
    parser.add_argument("--seeds-gold", type=Path, default=SEEDS_GOLD)
    parser.add_argument("--briefs", type=Path, default=BRIEFS, help="where to write <cluster>.md")
    parser.add_argument("--save", metavar="NAME", help="write bench/results/NAME.{md,json}")
    parser.add_argument("--compare", metavar="NAME", help="compare with bench/results/NAME.json")
    parser.add_argument("--json", action="store_true", help="print the numbers as JSON")
    parser.add_argument("-v", "--verbose", action="store_true", help="print each cluster's notes")
    args = parser.parse_args(argv)

    started = time.perf_counter()
    clusters = sorted(p for p in args.devset.iterdir() if (p / "gold.json").is_file())
    if not clusters:
        parser.error(f"no cluster folders with gold.json in {args.devset}")
    args.briefs.mkdir(parents=True, exist_ok=True)

    def log(message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    rows = []
    with tempfile.TemporaryDirectory(prefix="devset-cache-") as tmp:
        if str(args.seeds) not in ("", "."):
            rows.append(evaluate("seeds", args.seeds, args.seeds_gold, Path(tmp), args.briefs, log))
        for folder in clusters:
            rows.append(
                evaluate(folder.name, folder, folder / "gold.json", Path(tmp), args.briefs, log)
            )
    devset_rows = [r for r in rows if r["cluster"] != "seeds"]
    mean = mean_row(devset_rows)
    runtime = time.perf_counter() - started
    data = {
        "name": args.save,
        "date": datetime.now(UTC).date().isoformat(),
        "commit": git_commit(),
        "command": "python bench/devset.py " + " ".join(sys.argv[1:] if argv is None else argv),
        "runtime_s": round(runtime, 1),
        "columns": [c.key for c in COLUMNS],
        "rows": rows,
        "mean": mean,
    }
    markdown = table(rows, mean)
    if args.json:
        print(json.dumps(data, indent=1))
    else:
        print(markdown)
        if args.verbose:
            for row in rows:
                print(f"\n== {row['cluster']}\n" + "\n".join(f"  {n}" for n in row["notes"]))
    if args.compare:
        saved = json.loads((RESULTS / f"{args.compare}.json").read_text(encoding="utf-8"))
        print(comparison(saved, rows, mean))
    if args.save:
        save(args.save, data, markdown)
        log(f"saved {RESULTS / args.save}.md and .json")
    log(f"briefs in {args.briefs}; run time {runtime:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
