"""Key-point quality on a folder with gold nuggets: `python bench/quality.py seeds/`.

Reports, for briefgen's key points (+ context, when the context stage returns any):
- nugget coverage: a nugget is covered when, for one of its `any_of` alternatives, every keyword
  occurs (case-insensitive substring) in one sentence of the key points or context
  (the rules of ../shared/eval/README.md);
- word counts;
- the worst pairwise overlap between key points (TF-IDF cosine over content lemmas, the measure
  grouping uses); a pair counts as a repeated fact when it is at or above grouping.THRESHOLD or
  when `grouping.restates` reads one as telling nothing the other does not, in other words (the
  same money figure, or the same actors doing the same kind of action with no figure told
  differently and no terms added);
next to a baseline: plain sumy LexRank over all spaCy sentences of all articles (no cleaning,
grouping or redundancy control), best-rated first, at the same word budget and at 250 words.

With --scale it also times this stage (clean → group → key points) on corpora of 50, 200 and
500 articles made by bench/generate.py, parsing once and timing the stage on the first N.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT.parent / "shared" / "eval" / "seeds-gold.json"
sys.path.insert(0, str(ROOT))

from briefgen import ingest, nlp
from briefgen.analyse import (
    grouping,
    summarize,
)
from briefgen.annotate import clean
from briefgen.config import Options
from briefgen.corpus import ParsedArticle


@dataclass(frozen=True)
class Report:
    name: str
    key_points: list[str]
    context: list[str]
    covered: list[int]  # nugget numbers (1-based)
    words: int
    worst_overlap: float
    worst_pair: tuple[int, int] | None
    repeats: int


def covered_nuggets(sentences: Sequence[str], nuggets: Sequence[dict]) -> list[int]:
    lowered = [s.lower() for s in sentences]
    return [
        n
        for n, nugget in enumerate(nuggets, start=1)
        if any(all(k.lower() in s for k in alt) for alt in nugget["any_of"] for s in lowered)
    ]


def overlaps(texts: Sequence[str], nlp_model) -> tuple[float, tuple[int, int] | None, int]:
    """Worst pairwise cosine among texts, the pair, and the pairs that repeat a fact (at/above
    the grouping threshold, or the same facts in other words)."""
    if len(texts) < 2:
        return 0.0, None, 0
    from briefgen.brief import Article
    from briefgen.corpus import Sentence

    articles = [Article(file=f"k{i}", text=t + "\n", sha256=str(i)) for i, t in enumerate(texts)]
    parsed = nlp.parse(nlp_model, articles)
    pairs = enumerate(zip(parsed, texts, strict=True))
    sentences = [Sentence(p.source_id, i, 0, p.doc[:], text) for i, (p, text) in pairs]
    matrix = grouping.tfidf(grouping.term_lists(sentences)).matrix
    sims = (matrix @ matrix.T).toarray()
    reader = grouping.FactReader.from_sentences(sentences)
    facts = [reader.facts(s) for s in sentences]
    worst, pair, repeats = 0.0, None, 0
    for i in range(len(texts)):
        for j in range(i + 1, len(texts)):
            if sims[i, j] > worst:
                worst, pair = float(sims[i, j]), (i + 1, j + 1)
            repeats += bool(
                sims[i, j] >= grouping.THRESHOLD
                or grouping.restates(facts[i], facts[j])
                or grouping.restates(facts[j], facts[i])
            )
    return worst, pair, repeats


def briefgen_points(folder: Path, options: Options, corpus, model) -> tuple[list, list[str]]:
    """Key points and context: from briefgen.build when the whole pipeline works, else direct."""
    try:
        import briefgen

        brief = briefgen.build(folder, options)
        print(f"title: {brief.title}")
        return brief.summary, [c.text for c in brief.context]
    except Exception as err:  # the other stages may not have landed yet
        print(f"(briefgen.build failed: {type(err).__name__}: {err}; using the stages directly)")
    sentences = clean.content_sentences(corpus)
    groups = grouping.group_sentences(sentences)
    points = summarize.key_points(
        groups, n=options.sentences, max_words=options.max_words, algorithm=options.algorithm
    )
    context: list[str] = []
    try:
        from briefgen.analyse import context as context_stage

        context = [c.text for c in context_stage.find_context(groups, points) or []]
    except Exception as err:
        print(f"(context stage unavailable: {type(err).__name__}: {err})")
    return points, context


def baseline(corpus: Sequence[ParsedArticle], budget: int) -> list[str]:
    """Plain sumy LexRank over every spaCy sentence of every article, best first, to `budget`."""
    texts, words, paragraphs, seen = [], [], [], set()
    for parsed in corpus:
        for sent in parsed.doc.sents:
            text = " ".join(sent.text.split())
            if not text or text in seen:
                continue  # sumy rates identical strings as one
            seen.add(text)
            texts.append(text)
            words.append([t.text for t in sent if not (t.is_punct or t.is_space)])
            paragraphs.append(parsed.source_id)
    ids = [int(p[1:]) for p in paragraphs]
    ratings = summarize.sumy_ratings(words, ids, "lexrank")
    out, total = [], 0
    for i in sorted(range(len(texts)), key=lambda i: (-ratings[i], i)):
        n = len(texts[i].split())
        if total + n > budget:
            continue  # fill the budget with the best sentences that fit (generous to it)
        out.append(texts[i])
        total += n
    return out


def report(name, points, context, nuggets, model) -> Report:
    texts = [p if isinstance(p, str) else p.text for p in points]
    worst, pair, repeats = overlaps(texts, model)
    return Report(
        name=name,
        key_points=texts,
        context=context,
        covered=covered_nuggets(texts + context, nuggets),
        words=sum(len(t.split()) for t in texts + context),
        worst_overlap=worst,
        worst_pair=pair,
        repeats=repeats,
    )


def show(rep: Report, nuggets: Sequence[dict], *, sources: Sequence[Sequence[str]] = ()) -> None:
    kp_words = sum(len(t.split()) for t in rep.key_points)
    print(f"\n== {rep.name}")
    for i, text in enumerate(rep.key_points, start=1):
        tag = f" [{', '.join(sources[i - 1])}]" if sources else ""
        print(f"  {i}. {text}{tag}")
    for text in rep.context:
        print(f"  context: {text}")
    missing = [n for n in range(1, len(nuggets) + 1) if n not in rep.covered]
    print(
        f"  nuggets {len(rep.covered)}/{len(nuggets)} covered {rep.covered}; missing "
        + "; ".join(f"{n}: {nuggets[n - 1]['fact'][:60]}" for n in missing)
    )
    print(
        f"  words: key points {kp_words}, context {rep.words - kp_words}, total {rep.words}; "
        f"worst overlap {rep.worst_overlap:.2f} {rep.worst_pair or ''}; "
        f"repeated facts (pairs ≥ {grouping.THRESHOLD}, same figure, or same actors+action) "
        f"{rep.repeats}"
    )


def stage_timing(model, sizes: Sequence[int], algorithm: str, n: int, max_words: int) -> None:
    """Time clean → group → key points on generated corpora (parsed once, timed per size)."""
    sys.path.insert(0, str(ROOT / "bench"))
    import generate  # type: ignore[import-not-found]

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        generate.generate(max(sizes), folder)
        articles = ingest.read_folder(folder)
        start = time.perf_counter()
        corpus = nlp.parse(model, articles, jobs=2)
        parse_s = time.perf_counter() - start
    print(
        f"\n== stage timing: {max(sizes)} generated articles, {len(articles)} after ingest's "
        f"duplicate check, parsed in {parse_s:.1f} s (not counted)"
    )
    for size in sizes:
        part = corpus[:size]
        t0 = time.perf_counter()
        sentences = clean.content_sentences(part)
        t1 = time.perf_counter()
        groups = grouping.group_sentences(sentences)
        t2 = time.perf_counter()
        summarize.key_points(groups, n=n, max_words=max_words, algorithm=algorithm)
        t3 = time.perf_counter()
        print(
            f"  {len(part):4d} articles, {len(sentences):6d} sentences, {len(groups):5d} groups: "
            f"clean {t1 - t0:5.2f} s, group {t2 - t1:5.2f} s, key points {t3 - t2:5.2f} s, "
            f"total {t3 - t0:5.2f} s"
        )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--gold", type=Path, default=GOLD)
    parser.add_argument("--algorithm", default=Options.algorithm)
    parser.add_argument("--sentences", type=int, default=Options.sentences)
    parser.add_argument("--max-words", type=int, default=Options.max_words)
    parser.add_argument("--scale", default="", help="article counts to time, e.g. 50,200,500")
    args = parser.parse_args(argv)

    nuggets = json.loads(args.gold.read_text(encoding="utf-8"))["nuggets"]
    model = nlp.load()
    corpus = nlp.parse(model, ingest.read_folder(args.folder))
    options = Options(sentences=args.sentences, max_words=args.max_words, algorithm=args.algorithm)
    points, context = briefgen_points(args.folder, options, corpus, model)
    ours = report("briefgen key points + context", points, context, nuggets, model)
    show(ours, nuggets, sources=[p.sources for p in points])
    for budget in sorted({ours.words, 250}):
        base = report(
            f"baseline: sumy LexRank, all sentences, {budget} words",
            baseline(corpus, budget),
            [],
            nuggets,
            model,
        )
        show(base, nuggets)
    if args.scale:
        sizes = [int(s) for s in args.scale.split(",") if s.strip()]
        stage_timing(model, sizes, args.algorithm, args.sentences, args.max_words)
    return 0


if __name__ == "__main__":
    sys.exit(main())
