"""Generate realistic synthetic corpora for the benchmark: `python bench/generate.py N OUT_DIR`.

Each article is rebuilt from one seed article (the lead stays first, body paragraphs are shuffled,
some sentences dropped, a paragraph or two borrowed from another seed) with its named entities,
figures and dates swapped: parties for other parties of the same kind or for names minted from
the seeds' own name parts, amounts scaled, dates moved. Site chrome ("Related Posts", bylines,
share lines) is added the way real pages carry it, and a few articles are re-posts of an earlier
one. Everything is drawn from `random.Random(f"{seed}-{index}")`, so article i is the same whatever
N is: the corpus of 50 is the first 50 files of the corpus of 1,000.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"

SWAPPED = ("PERSON", "ORG", "GPE", "NORP", "FAC", "LOC")
FIGURES = ("MONEY", "PERCENT", "CARDINAL", "QUANTITY")
MONTHS = [date(2025, m, 1).strftime("%B") for m in range(1, 13)]  # C locale: English names
WEEKDAYS = [date(2025, 1, d).strftime("%A") for d in range(6, 13)]
KEEP = {"GPE": 0.8, "NORP": 0.8, "LOC": 0.8, "FAC": 0.6, "PERSON": 0.5, "ORG": 0.5}
BULLET = re.compile(r"[•·*–-]|\d+[.)]\s")
ENDINGS = (".", ":", "!", "?", "”", '"')
NAME = re.compile(r"(?:[A-Z][\w’'.-]+ ?){1,4}")  # what may stand in for a party elsewhere
NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")
HEADER_CHROME = (
    "0 comments",
    "Share this:",
    "Listen to this article",
    "Updated {date}",
    "Advertisement",
)
FOOTER_CHROME = (
    "Related Posts",
    "Leave a Comment",
    "Posted by admin",
    "PREVIOUS POST",
    "NEXT POST",
    "You May Also Like",
    "Subscribe to our newsletter",
    "Tags: {tags}",
    "© {year} All rights reserved.",
)

# One segment of a sentence: plain text (label None) or an entity slot to fill.
Segment = tuple[str, str | None]


@dataclass(frozen=True)
class Paragraph:
    sentences: tuple[tuple[Segment, ...], ...]
    heading: bool  # a short line without a sentence ending: kept verbatim
    bullet: bool  # a list item


@dataclass(frozen=True)
class Seed:
    blocks: tuple[tuple[Paragraph, ...], ...]  # headings bound to the paragraph they introduce


@dataclass(frozen=True)
class Pools:
    entities: dict[str, tuple[str, ...]]  # label -> distinct texts, in first-seen order
    first_names: tuple[str, ...]
    last_names: tuple[str, ...]


def _segments(span) -> tuple[Segment, ...]:  # span: spacy Span
    out: list[Segment] = []
    cursor = span.start_char
    for ent in span.ents:
        if ent.label_ not in (*SWAPPED, *FIGURES, "DATE"):
            continue
        if ent.start_char > cursor:
            out.append((span.doc.text[cursor : ent.start_char], None))
        out.append((ent.text, ent.label_))
        cursor = ent.end_char
    if span.end_char > cursor:
        out.append((span.doc.text[cursor : span.end_char], None))
    return tuple(out)


def _blocks(paragraphs: Sequence[Paragraph]) -> tuple[tuple[Paragraph, ...], ...]:
    """Bind each run of heading lines to the paragraph after it; drop trailing chrome lines."""
    blocks: list[tuple[Paragraph, ...]] = []
    pending: list[Paragraph] = []
    for par in paragraphs:
        if par.bullet and blocks and not pending:  # list items stay under their lead-in line
            blocks[-1] = (*blocks[-1], par)
            continue
        pending.append(par)
        if not par.heading:
            blocks.append(tuple(pending))
            pending = []
    return tuple(blocks)


def read_seeds(folder: Path) -> tuple[list[Seed], Pools]:
    """Parse the seed articles once (spaCy NER) into entity-slotted sentences and name pools."""
    import spacy

    from briefgen import nlp as briefgen_nlp

    nlp = spacy.load(briefgen_nlp.resolve_model(None))
    seeds: list[Seed] = []
    entities: dict[str, dict[str, None]] = {}
    for path in sorted(folder.glob("*.txt")) + sorted(folder.glob("*.md")):
        lines = [ln.strip() for ln in path.read_text(encoding="utf-8").splitlines()]
        lines = [ln for ln in lines if ln]
        paragraphs = []
        for line, doc in zip(lines, nlp.pipe(lines), strict=True):
            for ent in doc.ents:
                if ent.label_ in (*FIGURES, "DATE") or NAME.fullmatch(ent.text):
                    entities.setdefault(ent.label_, {})[ent.text] = None
            bullet = BULLET.match(line) is not None
            heading = not bullet and len(line.split()) <= 8 and not line.endswith(ENDINGS)
            sentences = (((line, None),),) if heading else tuple(_segments(s) for s in doc.sents)
            paragraphs.append(Paragraph(sentences, heading, bullet))
        seeds.append(Seed(_blocks(paragraphs)))
    people = [p.split() for p in entities.get("PERSON", {}) if len(p.split()) >= 2]
    pools = Pools(
        entities={label: tuple(texts) for label, texts in entities.items()},
        first_names=tuple(dict.fromkeys(p[0] for p in people)),
        last_names=tuple(dict.fromkeys(p[-1] for p in people)),
    )
    return seeds, pools


def _scale_number(match: re.Match[str], factor: float) -> str:
    raw = match.group(0)
    value = float(raw.replace(",", "")) * factor
    if "." in raw:
        return f"{value:.{len(raw.split('.')[1])}f}"
    text = f"{max(1, round(value)):,}" if "," in raw else str(max(1, round(value)))
    return text


def _new_date(text: str, rng: random.Random) -> str:
    for month in MONTHS:
        if month in text:
            text = text.replace(month, rng.choice(MONTHS))
            break
    for day in WEEKDAYS:
        if day in text:
            text = text.replace(day, rng.choice(WEEKDAYS))
            break
    text = re.sub(
        r"\b(19|20)(\d\d)\b", lambda m: str(int(m.group(0)) + rng.choice((-1, 0, 1))), text
    )
    return re.sub(r"\b([1-9]|[12]\d|3[01])\b(?!,\d)", lambda m: str(rng.randint(1, 28)), text)


def _new_entity(text: str, label: str, pools: Pools, rng: random.Random) -> str:
    if label in FIGURES:
        factor = rng.choice((0.5, 0.75, 1.2, 1.5, 2.0, 3.0))
        return NUMBER.sub(lambda m: _scale_number(m, factor), text)
    if label == "DATE":
        return _new_date(text, rng)
    if label == "PERSON" and len(text.split()) >= 2 and rng.random() < 0.5:
        return f"{rng.choice(pools.first_names)} {rng.choice(pools.last_names)}"
    return rng.choice(pools.entities.get(label, (text,)))


def _fill(sentence: tuple[Segment, ...], mapping: dict[str, str], pools: Pools, rng) -> str:
    out = []
    for text, label in sentence:
        if label is None:
            out.append(text)
            continue
        if text not in mapping:
            # Articles about one event share most places and many parties, and differ in details.
            keep = rng.random() < KEEP.get(label, 0.4)
            mapping[text] = text if keep else _new_entity(text, label, pools, rng)
        out.append(mapping[text])
    return "".join(out).strip()


def _paragraph_text(par: Paragraph, mapping: dict[str, str], pools: Pools, rng) -> str:
    kept = [
        s for s in par.sentences if par.heading or len(par.sentences) == 1 or rng.random() > 0.15
    ]
    return " ".join(_fill(s, mapping, pools, rng) for s in kept or par.sentences[:1])


def _chrome(template: str, rng: random.Random, pools: Pools) -> str:
    tags = ", ".join(rng.sample(pools.entities.get("GPE", ("News",)), k=1))
    return template.format(
        date=f"{rng.choice(MONTHS)} {rng.randint(1, 28)}, {rng.choice((2024, 2025))}",
        tags=tags,
        year=rng.choice((2024, 2025)),
    )


def article(index: int, seeds: Sequence[Seed], pools: Pools, seed: int = 0) -> str:
    """The text of article `index` (deterministic for a given `seed`)."""
    rng = random.Random(f"{seed}-{index}")
    base = seeds[rng.randrange(len(seeds))]
    lead, body = base.blocks[0], list(base.blocks[1:])
    rng.shuffle(body)
    for _ in range(rng.choice((0, 1, 1, 2))):  # borrow a paragraph from another outlet's story
        donor = seeds[rng.randrange(len(seeds))].blocks[1:]
        if donor:
            body.insert(rng.randrange(len(body) + 1), rng.choice(donor)[-1:])
    mapping: dict[str, str] = {}
    lines = [_paragraph_text(p, mapping, pools, rng) for block in [lead, *body] for p in block]
    if rng.random() < 0.5:
        byline = f"by {rng.choice(pools.first_names)} {rng.choice(pools.last_names)}"
        lines.insert(0, _chrome(rng.choice(HEADER_CHROME), rng, pools))
        lines.insert(0, byline)
    footer = rng.sample(FOOTER_CHROME, k=rng.randint(0, 3))
    lines += [_chrome(t, rng, pools) for t in footer]
    separator = "\n\n" if rng.random() < 0.7 else "\n"
    return separator.join(line for line in lines if line) + "\n"


def generate(n: int, out: Path, *, seed: int = 0, seeds_dir: Path = SEEDS) -> list[Path]:
    """Write `n` articles into `out` (created if needed); return their paths."""
    seeds, pools = read_seeds(seeds_dir)
    out.mkdir(parents=True, exist_ok=True)
    texts: list[str] = []
    paths = []
    for i in range(n):
        rng = random.Random(f"{seed}-repost-{i}")
        if texts and rng.random() < 0.05:  # a re-post of an earlier story under other chrome
            text = texts[rng.randrange(len(texts))].rstrip("\n") + "\n\nShare this:\n"
        else:
            text = article(i, seeds, pools, seed)
        texts.append(text)
        path = out / f"article_{i + 1:05d}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, help="number of articles")
    parser.add_argument("out", type=Path, help="folder to write them into")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    parser.add_argument("--seeds", type=Path, default=SEEDS, help="seed articles folder")
    args = parser.parse_args(argv)
    paths = generate(args.n, args.out, seed=args.seed, seeds_dir=args.seeds)
    words = sum(len(p.read_text(encoding="utf-8").split()) for p in paths)
    print(f"wrote {len(paths)} articles ({words:,} words) to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
