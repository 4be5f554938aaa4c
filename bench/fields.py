"""Field quality: score a brief's structured fields against a gold file (issue 4).

    python bench/fields.py seeds/                     # build the brief with briefgen.build
    python bench/fields.py --json out/brief.json      # score an existing brief.json
    python bench/fields.py seeds/ --parties-only      # ingest -> parse -> clean -> parties only
    python bench/fields.py seeds/ --format json       # the numbers as JSON, for other tools

Measures (the gold file's README describes the annotations):
- parties: a reported party matches a gold party when any of its names/aliases equals any gold
  name/alias (case-insensitive, quotes normalised). precision = matching reported / reported;
  recall over the required gold parties (roles not starting "context" or "media source"), over
  all gold parties, and over `core_parties`; "split" = a gold party matched by two or more
  reported entries; "merged" = one reported entry matching two or more gold parties.
- values: money values (brief.values) with amount within +-1% and the same currency; the
  other figures (brief.figures: percentages, quantities) are not in the gold file.
- minerals: precision against minerals + minerals_optional, recall against minerals.

Exit status 0; with --strict, 1 when a party target of issue 4 is missed (a core party absent,
a gold party split, or party precision below 0.9).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from briefgen.brief import Brief

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_GOLD = ROOT.parent / "shared" / "eval" / "seeds-gold.json"
PRECISION_TARGET = 0.9
OPTIONAL_ROLES = ("context", "media source")


def norm(text: str) -> str:
    """Case-insensitive, quotes normalised, whitespace collapsed."""
    text = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    return " ".join(text.casefold().split())


def mineral_norm(name: str) -> str:
    words = norm(name).replace("-", " ").split()
    if words and len(words[-1]) > 3 and words[-1].endswith("s"):
        words[-1] = words[-1][:-1]  # "rare earth elements" = "rare earth element"
    return " ".join(words)


def ratio(num: int, den: int) -> float | None:
    return num / den if den else None


@dataclass
class Score:
    """One metric: a numerator over a denominator, and the items worth looking at."""

    num: int
    den: int
    notes: list[str] = field(default_factory=list)

    @property
    def value(self) -> float | None:
        return ratio(self.num, self.den)

    def cell(self) -> str:
        value = self.value
        return "n/a" if value is None else f"{value:.2f} ({self.num}/{self.den})"


def gold_party_names(gold: dict[str, Any]) -> list[set[str]]:
    """Per gold party, its normalised name and aliases."""
    return [
        {norm(g["name"]), *(norm(a) for a in g.get("aliases", []))} for g in gold.get("parties", [])
    ]


def party_matches(brief: Brief, gold: dict[str, Any]) -> list[list[int]]:
    """Per reported party, the indexes of the gold parties it matches (any name = any alias)."""
    gold_names = gold_party_names(gold)
    matches: list[list[int]] = []
    for party in brief.parties:
        names = {norm(party.name), *(norm(a) for a in party.aliases)}
        matches.append([k for k, gold_set in enumerate(gold_names) if names & gold_set])
    return matches


def score_parties(brief: Brief, gold: dict[str, Any]) -> dict[str, Score]:
    gold_parties = gold.get("parties", [])
    gold_names = gold_party_names(gold)
    matches = party_matches(brief, gold)  # per reported party: the gold parties it matches
    hits: dict[int, list[int]] = {}
    for r, gold_ids in enumerate(matches):
        for k in gold_ids:
            hits.setdefault(k, []).append(r)

    def name(k: int) -> str:
        return str(gold_parties[k]["name"])

    required = [
        k
        for k, g in enumerate(gold_parties)
        if not str(g.get("role") or "").startswith(OPTIONAL_ROLES)
    ]
    core = [norm(c) for c in gold.get("core_parties", [])]
    core_ids = [k for k, names in enumerate(gold_names) if any(c in names for c in core)]
    matched = sum(1 for m in matches if m)
    return {
        "precision": Score(
            matched,
            len(brief.parties),
            [f"unmatched: {p.name}" for p, m in zip(brief.parties, matches, strict=True) if not m],
        ),
        "recall (required)": Score(
            sum(1 for k in required if k in hits),
            len(required),
            [f"missing: {name(k)}" for k in required if k not in hits],
        ),
        "recall (all gold)": Score(
            len(hits),
            len(gold_parties),
            [
                f"missing (optional): {name(k)}"
                for k in range(len(gold_parties))
                if k not in hits and k not in required
            ],
        ),
        "core found": Score(
            sum(1 for k in core_ids if k in hits),
            len(core_ids),
            [f"core missing: {name(k)}" for k in core_ids if k not in hits],
        ),
        "split gold parties": Score(
            sum(1 for rs in hits.values() if len(rs) > 1),
            len(hits),
            [
                f"split: {name(k)} <- " + " | ".join(brief.parties[r].name for r in rs)
                for k, rs in sorted(hits.items())
                if len(rs) > 1
            ],
        ),
        "merged entries": Score(
            sum(1 for m in matches if len(m) > 1),
            len(brief.parties),
            [
                f"merged: {p.name} -> " + " | ".join(name(k) for k in m)
                for p, m in zip(brief.parties, matches, strict=True)
                if len(m) > 1
            ],
        ),
    }


def _value_matches(amount: float | None, currency: str | None, g: dict[str, Any]) -> bool:
    if amount is None or not currency or currency.upper() != str(g["currency"]).upper():
        return False
    target = float(g["amount"])
    return abs(amount - target) <= 0.01 * abs(target)


def score_values(brief: Brief, gold: dict[str, Any]) -> dict[str, Score]:
    money = brief.values  # money only; other figures are in brief.figures
    gold_values = gold.get("values", [])
    good = [v for v in money if any(_value_matches(v.amount, v.currency, g) for g in gold_values)]
    found = [g for g in gold_values if any(_value_matches(v.amount, v.currency, g) for v in money)]
    return {
        "precision": Score(
            len(good),
            len(money),
            [f"unmatched: {v.text} = {v.amount} {v.currency}" for v in money if v not in good],
        ),
        "recall": Score(
            len(found),
            len(gold_values),
            [
                f"missing: {g['text']} ({g['amount']} {g['currency']})"
                for g in gold_values
                if g not in found
            ],
        ),
    }


def score_minerals(brief: Brief, gold: dict[str, Any]) -> dict[str, Score]:
    required = {mineral_norm(m): m for m in gold.get("minerals", [])}
    optional = {mineral_norm(m) for m in gold.get("minerals_optional", [])}
    reported = [m.name for m in brief.minerals]
    ok = [m for m in reported if mineral_norm(m) in required.keys() | optional]
    seen = {mineral_norm(m) for m in reported}
    return {
        "precision": Score(
            len(ok), len(reported), [f"unexpected: {m}" for m in reported if m not in ok]
        ),
        "recall": Score(
            sum(1 for k in required if k in seen),
            len(required),
            [f"missing: {name}" for k, name in required.items() if k not in seen],
        ),
    }


def score(brief: Brief, gold: dict[str, Any], fields: Iterable[str]) -> dict[str, dict[str, Score]]:
    scorers = {"parties": score_parties, "values": score_values, "minerals": score_minerals}
    return {f: scorers[f](brief, gold) for f in fields}


def parties_only_brief(folder: Path) -> Brief:
    """Run just the stages parties need, for use before the whole pipeline works."""
    from briefgen import ingest, nlp
    from briefgen.analyse import parties
    from briefgen.annotate import clean

    pipeline = nlp.load(None)
    corpus = nlp.parse(pipeline, ingest.read_folder(folder))
    sentences = clean.content_sentences(corpus)
    return Brief(title="", generated="", parties=parties.find_parties(sentences, pipeline))


def load_brief(args: argparse.Namespace) -> Brief:
    if args.json:
        return Brief.from_dict(json.loads(Path(args.json).read_text(encoding="utf-8")))
    if args.parties_only:
        return parties_only_brief(Path(args.folder))
    import briefgen

    return briefgen.build(args.folder)


def table(results: dict[str, dict[str, Score]], verbose: bool) -> str:
    rows = [("field", "metric", "value")]
    notes: list[str] = []
    for name, metrics in results.items():
        for i, (metric, s) in enumerate(metrics.items()):
            rows.append((name if i == 0 else "", metric, s.cell()))
            notes += [f"  {name}: {n}" for n in s.notes]
    widths = [max(len(r[c]) for r in rows) for c in range(3)]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(r, widths, strict=True)) for r in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    if notes and verbose:
        lines += ["", *notes]
    return "\n".join(line.rstrip() for line in lines)


def missed_targets(results: dict[str, dict[str, Score]]) -> list[str]:
    parties = results.get("parties")
    if not parties:
        return []
    missed = []
    if parties["core found"].num < parties["core found"].den:
        missed.append("a core party is missing")
    if parties["split gold parties"].num:
        missed.append("a gold party is split over two entries")
    precision = parties["precision"].value
    if precision is not None and precision < PRECISION_TARGET:
        missed.append(f"party precision {precision:.2f} < {PRECISION_TARGET}")
    return missed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", help="folder of articles to build a brief from")
    parser.add_argument("--json", help="score this brief.json instead of building one")
    parser.add_argument("--gold", default=str(DEFAULT_GOLD), help="gold file (seeds-gold.json)")
    parser.add_argument("--parties-only", action="store_true", help="run only the parties stages")
    parser.add_argument("--format", choices=("table", "json"), default="table")
    parser.add_argument("-q", "--quiet", action="store_true", help="numbers only, no item notes")
    parser.add_argument(
        "--strict", action="store_true", help="exit 1 when a party target is missed"
    )
    args = parser.parse_args(argv)
    if not args.json and not args.folder:
        parser.error("give a folder of articles or --json BRIEF")
    gold = json.loads(Path(args.gold).read_text(encoding="utf-8"))
    brief = load_brief(args)
    fields = ["parties"] if args.parties_only else ["parties", "values", "minerals"]
    results = score(brief, gold, fields)
    if args.format == "json":
        data = {
            f: {
                m: {"value": s.value, "num": s.num, "den": s.den, "notes": s.notes}
                for m, s in ms.items()
            }
            for f, ms in results.items()
        }
        print(json.dumps(data, indent=2, ensure_ascii=False))
    else:
        print(table(results, verbose=not args.quiet))
    missed = missed_targets(results)
    if missed and args.strict:
        print("targets missed: " + "; ".join(missed), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
