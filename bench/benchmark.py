"""briefgen's speed and memory, measured as ratios within one run: `python bench/benchmark.py`.

Prints one table:

1. cold `briefgen build seeds/ --pdf --no-cache` (median of --runs fresh processes) next to the
   floor: a fresh process that only imports spaCy, loads the same pipeline components, parses
   the seeds with `nlp.pipe`, imports WeasyPrint and writes a one-page PDF;
2. warm rebuild (unchanged articles, after a template edit) as a ratio to cold;
3. first builds (empty cache) of generated corpora of 50, 200, 500 and 1,000 articles
   (bench/generate.py): wall time, words/s, peak RSS, and the growth factor 500 -> 1,000.

Every number is a wall time of a fresh process (time.perf_counter around it) and the peak RSS
from the rusage `os.wait4` returns for it: the largest single process in its tree, spaCy's
worker processes included. The machine's load average is printed before and after, because
ratios measured on a busy machine are noisy.

4. spaCy only, per corpus size: a fresh process that loads the same model with the same word
   components (briefgen.nlp.WORD_PIPES, without briefgen's annotate components) and parses the
   same texts with `nlp.pipe` at the batch size and process count briefgen would use
   (`nlp.plan`), and the ratio briefgen / spaCy only in words/s (issue 14: >= 0.95).

`--cold` measures only the floor / cold pairs (with each pair's ratio). `--throughput N` runs
only the briefgen / spaCy-only pair on N generated articles. `--components` measures what each
spaCy component costs (spaCy-only throughput with it removed) and each component's own time in
briefgen's pipeline, annotate components included, on 300 articles. `--each N` times
`briefgen build --each` over N folders of 3 generated articles against the same command over the
first folder alone, with and without `--pdf`, with `--jobs 1` and with its default (all cores),
and prints the cost per folder after the first (issue 14: <= 0.35 s). `--quick` skips the
1,000-article corpus and takes 3 runs instead of 5; `--stages N ...` times each pipeline stage
in-process on generated corpora of N articles instead (to find the stage that
grows faster than its input). `--full` runs one `--throughput` pair on 10,000 articles
(`briefgen build DIR --no-cache` in a fresh process) and checks briefgen's peak RSS against 2 GiB.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
TEMPLATES = ROOT / "templates"
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT))

SIZES = (50, 200, 500, 1000)
# Targets (issue 8).
MAX_COLD_OVER_FLOOR = 1.3
MAX_WARM_OVER_COLD = 0.5
MIN_WORDS_PER_S = 6000  # end to end, at 1,000 articles
MAX_GROWTH = 2.2  # wall time, 500 -> 1,000 articles
MAX_PEAK_MIB = 1536
MIN_OVER_SPACY = 0.95  # briefgen words/s / spaCy-only words/s (issue 14)
FULL_ARTICLES = 10_000  # `--full`: one build of this many generated articles (issue 14)
MAX_FULL_PEAK_MIB = 2048  # its peak RSS
COMPONENT_ARTICLES = 300
# `--each N` (issue 14): a batch of N folders of EACH_ARTICLES articles each, per folder after
# the first, in wall seconds.
EACH_ARTICLES = 3
MAX_EACH_PER_FOLDER = 0.35

FLOOR = r"""
import sys
from pathlib import Path
import spacy
model, seeds, out = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
keep = {"tok2vec", "tagger", "attribute_ruler", "lemmatizer", "ner", "senter"}
nlp = spacy.load(model)
for pipe in nlp.component_names:
    (nlp.enable_pipe if pipe in keep else nlp.disable_pipe)(pipe)
texts = [p.read_text(encoding="utf-8") for p in sorted(seeds.iterdir()) if p.is_file()]
docs = list(nlp.pipe(texts))
import weasyprint
html = "<h1>Floor</h1>" + "".join(f"<p>{len(d)} tokens</p>" for d in docs)
weasyprint.HTML(string=html).write_pdf(out)
"""


# spaCy alone on the texts briefgen reads (dumped as JSON by the parent, untimed). The tok2vec
# tensor is dropped before Docs leave the workers, as briefgen's own DROP_TENSOR pipe does, so
# both ship the same Docs between processes.
SPACY_ONLY = r"""
import json, sys
import numpy
import spacy
from spacy.language import Language
model, texts_file, keep, n_process, batch_size = sys.argv[1:6]
keep = set(keep.split(","))

@Language.component("bench_drop_tensor")
def drop_tensor(doc):
    doc.tensor = numpy.zeros((0,), dtype="float32")
    return doc

nlp = spacy.load(model)
for pipe in nlp.component_names:
    (nlp.enable_pipe if pipe in keep else nlp.disable_pipe)(pipe)
nlp.add_pipe("bench_drop_tensor", last=True)
texts = json.loads(open(texts_file, encoding="utf-8").read())
tokens = 0
for doc in nlp.pipe(texts, batch_size=int(batch_size), n_process=int(n_process)):
    tokens += len(doc)
print(tokens)
"""


@dataclass(frozen=True)
class Run:
    seconds: float
    peak_mib: float
    cpu_seconds: float = 0.0  # user + system, the process and its waited-for children


def run(argv: Sequence[str], *, cwd: Path | None = None, env: dict[str, str] | None = None) -> Run:
    """Run `argv` in a fresh process; its wall time and the peak RSS of its process tree."""
    with tempfile.TemporaryFile() as log:
        start = time.perf_counter()
        proc = subprocess.Popen(argv, cwd=cwd, env=env, stdout=log, stderr=log)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode != 0:
            log.seek(0)
            tail = log.read().decode(errors="replace")[-2000:]
            raise SystemExit(f"failed ({proc.returncode}): {' '.join(argv)}\n{tail}")
    # ru_maxrss is in KiB on Linux, bytes on macOS.
    scale = 1 if sys.platform == "darwin" else 1024
    return Run(seconds, usage.ru_maxrss * scale / 2**20, usage.ru_utime + usage.ru_stime)


def briefgen_command() -> list[str]:
    """How to run the CLI: the installed console script, else `python -m briefgen`."""
    script = Path(sys.executable).parent / "briefgen"
    return [str(script)] if script.exists() else [sys.executable, "-m", "briefgen"]


def median_run(argv: Sequence[str], runs: int, before=None, **kwargs) -> Run:
    results = []
    for i in range(runs):
        if before is not None:
            before(i)
        results.append(run(argv, **kwargs))
    return Run(statistics.median(r.seconds for r in results), max(r.peak_mib for r in results))


def corpus_words(folder: Path) -> int:
    return sum(len(p.read_text(encoding="utf-8").split()) for p in folder.iterdir() if p.is_file())


def make_corpora(work: Path, sizes: Sequence[int]) -> dict[int, Path]:
    """Generated corpora of each size; the smaller are prefixes of the largest (hard links)."""
    import generate

    full = work / f"corpus-{max(sizes)}"
    paths = generate.generate(max(sizes), full)
    corpora = {}
    for n in sizes:
        folder = work / f"corpus-{n}"
        if n != max(sizes):
            folder.mkdir()
            for path in paths[:n]:
                os.link(path, folder / path.name)
        corpora[n] = folder
    return corpora


def spacy_only_argv(
    folder: Path, work: Path, jobs: int | None, keep: Sequence[str] | None = None
) -> list[str]:
    """The spaCy-only process for a corpus: the texts briefgen parses (its ingest, each article
    cut into briefgen's chunks), the same components and the same `nlp.plan`."""
    from briefgen import ingest, nlp

    articles = ingest.read_folder(folder)
    texts = [chunk for article in articles for chunk in nlp.chunks(article.text)]
    words = sum(article.words for article in articles)
    n_process, batch = nlp.plan(words, len(texts), jobs or nlp.cpu_count(), nlp.BATCH_SIZE)
    texts_file = work / f"texts-{folder.name}.json"
    texts_file.write_text(json.dumps(texts), encoding="utf-8")
    pipes = ",".join(nlp.WORD_PIPES if keep is None else keep)
    model = nlp.resolve_model(None)
    return [
        sys.executable,
        "-c",
        SPACY_ONLY,
        model,
        str(texts_file),
        pipes,
        str(n_process),
        str(batch),
    ]


def compile_checkout() -> None:
    """Byte-compile this checkout's briefgen, as pip does when it installs a package. With
    PYTHONDONTWRITEBYTECODE set (as on this project's machines) every fresh process would
    otherwise compile each module changed since its last .pyc from source (about 0.06 s of a
    2.4 s cold build), which an installed briefgen, like the floor's packages, never does."""
    import compileall

    compileall.compile_dir(ROOT / "briefgen", quiet=1)


def env_without_date() -> dict[str, str]:
    env = dict(os.environ)
    env.setdefault("SOURCE_DATE_EPOCH", "1700000000")  # deterministic PDFs, like a release build
    # This checkout's briefgen, not whichever one the console script was installed from.
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    return env


def measure(args: argparse.Namespace, work: Path) -> dict[str, object]:
    from briefgen import nlp

    env = env_without_date()
    cli = briefgen_command()
    jobs = ["--jobs", str(args.jobs)] if args.jobs is not None else []
    results: dict[str, object] = {}

    print(f"floor and cold: {args.runs} fresh processes each, alternating", file=sys.stderr)
    floor_argv = [
        sys.executable,
        "-c",
        FLOOR,
        nlp.resolve_model(None),
        str(SEEDS),
        str(work / "floor.pdf"),
    ]
    cold_argv = [*cli, "build", str(SEEDS), "--pdf", "--no-cache", "--out", str(work / "cold")]
    floors, colds = [], []
    for _ in range(args.runs):  # interleaved, so a burst of load hits both alike
        floors.append(run(floor_argv, env=env))
        colds.append(run([*cold_argv, *jobs], env=env))
    floor = Run(statistics.median(r.seconds for r in floors), max(r.peak_mib for r in floors))
    cold = Run(statistics.median(r.seconds for r in colds), max(r.peak_mib for r in colds))
    results["floor"], results["cold"] = floor, cold
    results["pairs"] = [c.seconds / f.seconds for f, c in zip(floors, colds, strict=True)]
    # CPU time moves far less than wall time when other processes share the cores.
    results["cpu_pairs"] = [
        c.cpu_seconds / f.cpu_seconds for f, c in zip(floors, colds, strict=True)
    ]
    if args.cold:
        return results

    print("warm: rebuilds after a template edit", file=sys.stderr)
    templates = work / "templates"
    shutil.copytree(TEMPLATES, templates)
    warm_out = work / "warm"
    warm_argv = [*cli, "build", str(SEEDS), "--pdf", "--out", str(warm_out), *jobs]
    run([*warm_argv], env=env)  # fills <out>/.cache

    def edit_template(i: int) -> None:
        with (templates / "brief.css").open("a", encoding="utf-8") as css:
            css.write(f"\n/* edit {i} */\n")

    results["warm"] = median_run(
        [*warm_argv, "--templates", str(templates)], args.runs, before=edit_template, env=env
    )

    sizes = [n for n in SIZES if not (args.quick and n == 1000)]
    print(f"scaling: generating {max(sizes)} articles", file=sys.stderr)
    corpora = make_corpora(work, sizes)
    scaling = {}
    for n in sizes:
        print(f"scaling: {n} articles", file=sys.stderr)
        out = work / f"out-{n}"
        r = run([*cli, "build", str(corpora[n]), "--out", str(out), *jobs], env=env)
        alone = run(spacy_only_argv(corpora[n], work, args.jobs), env=env)
        scaling[n] = (r, corpus_words(corpora[n]), alone)
    results["scaling"] = scaling
    return results


def throughput(
    args: argparse.Namespace, work: Path, n: int | None = None, max_peak_mib: int | None = None
) -> str:
    """`--throughput N`: briefgen and spaCy only on N generated articles, alternating;
    `--full` is one such pair at FULL_ARTICLES, with briefgen's peak RSS against its target."""
    env = env_without_date()
    jobs = ["--jobs", str(args.jobs)] if args.jobs is not None else []
    n = n or args.throughput
    print(f"throughput: generating {n} articles", file=sys.stderr)
    folder = make_corpora(work, [n])[n]
    words = corpus_words(folder)
    alone_argv = spacy_only_argv(folder, work, args.jobs)
    cli = [*briefgen_command(), "build", str(folder), "--no-cache", *jobs]
    lines = [
        f"{n:,} generated articles, {words:,} words",
        "",
        "| run | briefgen s | spaCy only s | briefgen words/s | spaCy only words/s "
        "| ratio | CPU s briefgen / spaCy only | peak RSS MiB briefgen / spaCy only |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    ratios, peaks = [], []
    for i in range(args.runs):
        print(f"throughput: pair {i + 1} of {args.runs}", file=sys.stderr)
        alone = run(alone_argv, env=env)
        built = run([*cli, "--out", str(work / f"out-{i}")], env=env)
        ratio = alone.seconds / built.seconds
        ratios.append(ratio)
        peaks.append(built.peak_mib)
        lines.append(
            f"| {i + 1} | {built.seconds:.1f} | {alone.seconds:.1f} | {words / built.seconds:,.0f} "
            f"| {words / alone.seconds:,.0f} | {ratio:.2f} | {built.cpu_seconds:.1f} / "
            f"{alone.cpu_seconds:.1f} | {built.peak_mib:.0f} / {alone.peak_mib:.0f} |"
        )
    ratio = statistics.median(ratios)
    lines.append(
        f"\nmedian briefgen / spaCy only: {ratio:.2f} "
        f"(≥ {MIN_OVER_SPACY} {verdict(ratio >= MIN_OVER_SPACY)})"
    )
    if max_peak_mib is not None:
        peak = max(peaks)
        ok = verdict(peak <= max_peak_mib)
        lines.append(f"briefgen peak RSS: {peak:,.0f} MiB (≤ {max_peak_mib:,} {ok})")
    return "\n".join(lines)


# Component sets for `--components`, each a removal that leaves the rest working: the lemmatizer
# reads the POS the attribute ruler maps from the tagger's tags, and the tagger reads tok2vec.
# ner and senter carry their own embedding layers.
REMOVALS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("lemmatizer", ("lemmatizer",)),
    ("attribute_ruler + lemmatizer (lemmas need its POS)", ("attribute_ruler", "lemmatizer")),
    (
        "tok2vec + tagger + attribute_ruler + lemmatizer (= ner and senter only)",
        ("tok2vec", "tagger", "attribute_ruler", "lemmatizer"),
    ),
    ("ner", ("ner",)),
    ("senter (briefgen needs its sentences)", ("senter",)),
)


def component_times(folder: Path) -> list[tuple[str, float]]:
    """Seconds each component of briefgen's pipeline spends on the corpus, in this process,
    one component at a time over every Doc (one process, briefgen's batch size)."""
    from briefgen import ingest, nlp

    pipeline = nlp.load(None)
    texts = [c for a in ingest.read_folder(folder) for c in nlp.chunks(a.text)]
    start = time.perf_counter()
    docs = [pipeline.make_doc(text) for text in texts]
    spent = [("tokenizer", time.perf_counter() - start)]
    for name, component in pipeline.pipeline:
        start = time.perf_counter()
        if hasattr(component, "pipe"):
            docs = list(component.pipe(docs, batch_size=nlp.BATCH_SIZE))
        else:
            docs = [component(doc) for doc in docs]
        spent.append((name, time.perf_counter() - start))
    return spent


def components(args: argparse.Namespace, work: Path) -> str:
    """`--components`: what each spaCy component costs, and briefgen's own components' time."""
    from briefgen import annotate, nlp

    env = env_without_date()
    n = COMPONENT_ARTICLES
    print(f"components: generating {n} articles", file=sys.stderr)
    folder = make_corpora(work, [n])[n]
    words = corpus_words(folder)
    configs: list[tuple[str, tuple[str, ...]]] = [
        ("none (briefgen's set: " + ", ".join(nlp.WORD_PIPES) + ")", ())
    ]
    configs += list(REMOVALS)
    seconds: dict[str, list[float]] = {label: [] for label, _ in configs}
    for i in range(args.runs):  # rounds, so a burst of load hits every set alike
        for label, removed in configs:
            print(f"components: round {i + 1}, without {label}", file=sys.stderr)
            keep = [p for p in nlp.WORD_PIPES if p not in removed]
            seconds[label].append(
                run(spacy_only_argv(folder, work, args.jobs, keep), env=env).seconds
            )
    base = statistics.median(seconds[configs[0][0]])
    lines = [
        f"spaCy only on {n} generated articles ({words:,} words), median of {args.runs} "
        "fresh processes each, the same process count and batch size as briefgen:",
        "",
        "| removed | wall s | words/s | saves s | share of the full set |",
        "|---|---:|---:|---:|---:|",
    ]
    for label, _ in configs:
        t = statistics.median(seconds[label])
        saved = base - t
        lines.append(f"| {label} | {t:.1f} | {words / t:,.0f} | {saved:.1f} | {saved / base:.0%} |")
    print("components: timing each component in one process", file=sys.stderr)
    spent = component_times(folder)
    total = sum(t for _, t in spent)
    ours = {name for name, _ in annotate.COMPONENTS} | {nlp.DROP_TENSOR}
    lines += [
        "",
        "Each component's own time in briefgen's pipeline (one process, every Doc through one "
        "component at a time):",
        "",
        "| component | from | s | µs/word | share |",
        "|---|---|---:|---:|---:|",
    ]
    for name, t in spent:
        origin = "briefgen" if name in ours else "spaCy"
        lines.append(f"| {name} | {origin} | {t:.2f} | {t / words * 1e6:.0f} | {t / total:.0%} |")
    mine = sum(t for name, t in spent if name in ours)
    per_word = mine / words * 1e6
    lines.append(
        f"| all briefgen components | | {mine:.2f} | {per_word:.0f} | {mine / total:.0%} |"
    )
    lines.append(f"| total | | {total:.2f} | {total / words * 1e6:.0f} | 100% |")
    return "\n".join(lines)


def as_json(results: dict[str, object]) -> dict[str, object]:
    """The raw numbers, for --json."""
    out: dict[str, object] = {k: vars(results[k]) for k in ("floor", "cold", "warm")}
    scaling = results["scaling"]
    assert isinstance(scaling, dict)
    out["scaling"] = {
        str(n): {**vars(r), "words": words, "spacy_only": vars(alone)}
        for n, (r, words, alone) in scaling.items()
    }
    return out


def make_batch(work: Path, n: int) -> tuple[Path, Path]:
    """A parent of `n` folders of EACH_ARTICLES generated articles each, and a parent holding
    only its first folder (the same files, hard-linked)."""
    import generate

    paths = generate.generate(n * EACH_ARTICLES, work / "each-articles")
    many, one = work / f"each-{n}", work / "each-1"
    for i, path in enumerate(paths):
        folder = f"event-{i // EACH_ARTICLES:04d}"
        for parent in (many, one) if i < EACH_ARTICLES else (many,):
            (parent / folder).mkdir(parents=True, exist_ok=True)
            os.link(path, parent / folder / path.name)
    return many, one


def each(args: argparse.Namespace, work: Path) -> str:
    """`--each N`: the cost per folder of `build --each` after the first, from the medians of a
    batch of N folders and of its first folder alone (fresh processes, alternating)."""
    env = env_without_date()
    n = args.each
    print(f"each: generating {n} folders of {EACH_ARTICLES} articles", file=sys.stderr)
    many, one = make_batch(work, n)
    cli = [*briefgen_command(), "build", "--no-cache", "-q"]
    jobs_values = [args.jobs] if args.jobs is not None else [0, 1]
    lines = [
        f"`build --each` over {n} folders of {EACH_ARTICLES} generated articles "
        f"({corpus_words(work / 'each-articles'):,} words) against the first folder alone, "
        f"{args.runs} runs each, medians",
        "",
        "| command | 1 folder s | CPU s | {n} folders s | CPU s | per folder after the first s "
        "| CPU s | target |".replace("{n}", f"{n:,}"),
        "|---|---:|---:|---:|---:|---:|---:|---|",
    ]
    for jobs in jobs_values:
        for pdf in (False, True):
            extra = ["--jobs", str(jobs), *(["--pdf"] if pdf else [])]
            label = f"--jobs {jobs}{' (all cores)' if jobs == 0 else ''}{' --pdf' if pdf else ''}"
            print(f"each: {label}", file=sys.stderr)
            ones, manys = [], []
            for _ in range(args.runs):  # interleaved, so a burst of load hits both alike
                for parent, runs in ((one, ones), (many, manys)):
                    out = work / "each-out"
                    runs.append(
                        run([*cli, "--each", str(parent), "--out", str(out), *extra], env=env)
                    )
                    shutil.rmtree(out)
            first = statistics.median(r.seconds for r in ones)
            first_cpu = statistics.median(r.cpu_seconds for r in ones)
            batch = statistics.median(r.seconds for r in manys)
            batch_cpu = statistics.median(r.cpu_seconds for r in manys)
            per = (batch - first) / (n - 1)
            per_cpu = (batch_cpu - first_cpu) / (n - 1)
            ok = verdict(per <= MAX_EACH_PER_FOLDER)
            lines.append(
                f"| `build --each {label}` | {first:.2f} | {first_cpu:.2f} | {batch:.1f} "
                f"| {batch_cpu:.1f} | {per:.3f} | {per_cpu:.3f} | ≤ {MAX_EACH_PER_FOLDER} {ok} |"
            )
    return "\n".join(lines)


def verdict(ok: bool) -> str:
    return "ok" if ok else "MISSED"


def report_cold(results: dict[str, object]) -> str:
    """The floor and cold rows only (`--cold`), with the ratio of each pair."""
    floor, cold, pairs = results["floor"], results["cold"], results["pairs"]
    assert isinstance(floor, Run) and isinstance(cold, Run) and isinstance(pairs, list)
    ratio = cold.seconds / floor.seconds
    each = ", ".join(f"{p:.2f}" for p in pairs)
    cpu = results["cpu_pairs"]
    assert isinstance(cpu, list)
    return (
        f"floor {floor.seconds:.2f} s, cold {cold.seconds:.2f} s (medians); "
        f"cold / floor {ratio:.2f} "
        f"(≤ {MAX_COLD_OVER_FLOOR} {verdict(ratio <= MAX_COLD_OVER_FLOOR)})"
        f"; per pair: {each}; median pair {statistics.median(pairs):.2f}"
        f"; CPU time cold / floor, median pair {statistics.median(cpu):.2f}"
    )


def report(results: dict[str, object]) -> str:
    floor, cold, warm = results["floor"], results["cold"], results["warm"]
    assert isinstance(floor, Run) and isinstance(cold, Run) and isinstance(warm, Run)
    scaling = results["scaling"]
    assert isinstance(scaling, dict)
    lines = [
        "| measurement | wall s | peak RSS MiB | words/s | ratio | target |",
        "|---|---:|---:|---:|---:|---|",
    ]
    for label, r in (
        ("floor: import spaCy, load, parse seeds, WeasyPrint 1-page PDF", floor),
        ("cold: `briefgen build seeds/ --pdf --no-cache`", cold),
        ("warm: the same with its cache, after a template edit", warm),
    ):
        lines.append(f"| {label} | {r.seconds:.2f} | {r.peak_mib:.0f} | | | |")
    ratio = cold.seconds / floor.seconds
    ok = verdict(ratio <= MAX_COLD_OVER_FLOOR)
    lines.append(f"| cold / floor | | | | {ratio:.2f} | ≤ {MAX_COLD_OVER_FLOOR} {ok} |")
    ratio = warm.seconds / cold.seconds
    ok = verdict(ratio <= MAX_WARM_OVER_COLD)
    lines.append(f"| warm / cold | | | | {ratio:.2f} | ≤ {MAX_WARM_OVER_COLD} {ok} |")
    for n, (r, words, alone) in sorted(scaling.items()):
        rate = words / r.seconds
        target = (
            f"≥ {MIN_WORDS_PER_S:,} words/s {verdict(rate >= MIN_WORDS_PER_S)}; "
            if n == 1000
            else ""
        )
        target += f"RSS ≤ {MAX_PEAK_MIB:,} {verdict(r.peak_mib <= MAX_PEAK_MIB)}"
        lines.append(
            f"| {n:,} articles ({words:,} words), first build | {r.seconds:.1f} | "
            f"{r.peak_mib:.0f} | {rate:,.0f} | | {target} |"
        )
        ratio = alone.seconds / r.seconds
        ok = verdict(ratio >= MIN_OVER_SPACY)
        lines.append(
            f"| {n:,} articles, spaCy only (same components, batch, processes) | "
            f"{alone.seconds:.1f} | {alone.peak_mib:.0f} | {words / alone.seconds:,.0f} | "
            f"{ratio:.2f} | briefgen / spaCy only ≥ {MIN_OVER_SPACY} {ok} |"
        )
    if 500 in scaling and 1000 in scaling:
        growth = scaling[1000][0].seconds / scaling[500][0].seconds
        ok = verdict(growth <= MAX_GROWTH)
        lines.append(f"| growth 500 → 1,000 articles | | | | {growth:.2f} | ≤ {MAX_GROWTH} {ok} |")
    return "\n".join(lines)


def environment() -> str:
    def version(name: str) -> str:
        try:
            return metadata.version(name)
        except metadata.PackageNotFoundError:
            return "-"

    from briefgen import nlp

    cores = nlp.cpu_count()
    python = platform.python_version()
    return (
        f"{platform.system()} {platform.machine()}, {cores} cores, Python {python}"
        f", spaCy {version('spacy')}, {nlp.model_key(None).split(';')[0]}, "
        f"WeasyPrint {version('weasyprint')}, briefgen {version('briefgen')}"
    )


def load() -> str:
    one, five, _ = os.getloadavg()
    return f"{one:.2f} (1 min) / {five:.2f} (5 min)"


def stages(sizes: Sequence[int], work: Path, cache_dir: Path | None = None) -> str:
    """Seconds per pipeline stage, in this process, on generated corpora.

    Size 0 stands for the seeds themselves. Without `cache_dir` nothing is cached; with it,
    parsed Docs are (so a second run times the later stages without re-parsing) but the
    analysis never is.
    """
    import importlib

    import briefgen.alongside as alongside
    import briefgen.pipeline as pipeline

    alongside.can_fork = lambda: False  # every stage in this process, where the timers see it
    generated = [n for n in sizes if n > 0]
    corpora = make_corpora(work, sorted(generated)) if generated else {}
    corpora[0] = SEEDS
    names = [
        ("briefgen.ingest", "read_folder"),
        ("briefgen.nlp", "load"),
        ("briefgen.nlp", "parse"),
        ("briefgen.annotate.clean", "content_sentences"),
        ("briefgen.analyse.grouping", "group_sentences"),
        ("briefgen.analyse.summarize", "key_points"),
        ("briefgen.analyse.parties", "find_parties"),
        ("briefgen.analyse.values", "find_figures"),
        ("briefgen.annotate.minerals", "find_minerals"),
        ("briefgen.analyse.dates", "find_timeline"),
        ("briefgen.analyse.context", "find_context"),
        ("briefgen.analyse.titles", "derive_title"),
        ("briefgen.analyse.questions", "find_open_questions"),
    ]
    spent: dict[str, float] = {}

    def timed(label, fn):
        def wrapper(*args, **kwargs):
            start = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                spent[label] = spent.get(label, 0.0) + time.perf_counter() - start

        return wrapper

    for module_name, attr in names:
        module = importlib.import_module(module_name)
        setattr(module, attr, timed(f"{module_name.split('.')[-1]}.{attr}", getattr(module, attr)))
    table: dict[int, dict[str, float]] = {}
    for n in sorted(sizes):
        spent.clear()
        start = time.perf_counter()
        if cache_dir is not None:
            shutil.rmtree(cache_dir / "analysis", ignore_errors=True)
            pipeline.build(corpora[n], cache_dir=str(cache_dir), date="2030-01-01")
        else:
            pipeline.build(corpora[n], cache=False, date="2030-01-01")
        spent["total"] = time.perf_counter() - start
        table[n] = dict(spent)
        print(f"stages: {n} articles in {spent['total']:.1f} s", file=sys.stderr)
    labels = [f"{m.split('.')[-1]}.{a}" for m, a in names] + ["total"]
    names_of = {n: f"{n:,} art. s" if n else "seeds s" for n in sizes}
    head = "| stage | " + " | ".join(names_of[n] for n in sorted(sizes)) + " | growth |"
    lines = [head, "|---|" + "---:|" * (len(sizes) + 1)]
    small, big = min(generated or [0]), max(sizes)
    for label in labels:
        cells = [f"{table[n].get(label, 0.0):.2f}" for n in sorted(sizes)]
        low, high = table[small].get(label, 0.0), table[big].get(label, 0.0)
        growth = f"{high / low:.1f}x" if low > 0.005 else ""
        lines.append(f"| {label} | " + " | ".join(cells) + f" | {growth} |")
    if small:
        lines.append(f"\n(input grows {big / small:.1f}x from {small} to {big} articles)")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="skip 1,000 articles; 3 runs")
    parser.add_argument("--cold", action="store_true", help="only the floor / cold pairs")
    parser.add_argument("--runs", type=int, help="fresh processes per median (default 5)")
    parser.add_argument("--jobs", type=int, help="pass --jobs N to briefgen (default: its own)")
    parser.add_argument(
        "--throughput", type=int, metavar="N", help="only briefgen / spaCy-only on N articles"
    )
    parser.add_argument(
        "--full",
        action="store_true",
        help=f"only one briefgen / spaCy-only pair on {FULL_ARTICLES:,} articles, with peak RSS",
    )
    parser.add_argument(
        "--components",
        action="store_true",
        help=f"what each component costs ({COMPONENT_ARTICLES} articles)",
    )
    parser.add_argument(
        "--each",
        type=int,
        metavar="N",
        help=f"only `build --each` over N folders of {EACH_ARTICLES} articles, per folder",
    )
    parser.add_argument("--json", type=Path, help="also write the raw numbers here")
    parser.add_argument("--keep", action="store_true", help="keep the work folder")
    parser.add_argument(
        "--stages",
        type=int,
        nargs="+",
        metavar="N",
        help="time each stage in-process at these sizes (0 = the seeds)",
    )
    parser.add_argument(
        "--cache-dir", type=Path, help="with --stages: keep parsed Docs here between runs"
    )
    args = parser.parse_args(argv)
    args.runs = args.runs or (
        3
        if args.quick or args.throughput or args.each
        else 1
        if args.components or args.full
        else 5
    )

    work = Path(tempfile.mkdtemp(prefix="briefgen-bench-"))
    try:
        print(environment())
        compile_checkout()
        print(f"load average at start: {load()}")
        if args.stages:
            print(stages(args.stages, work, args.cache_dir))
        elif args.throughput:
            print(throughput(args, work))
        elif args.full:
            print(throughput(args, work, FULL_ARTICLES, MAX_FULL_PEAK_MIB))
        elif args.each:
            print(each(args, work))
        elif args.components:
            print(components(args, work))
        else:
            results = measure(args, work)
            print(report_cold(results) if args.cold else report(results))
            if args.json and not args.cold:
                args.json.write_text(json.dumps(as_json(results), indent=2) + "\n")
        print(f"load average at end: {load()}")
    finally:
        if args.keep:
            print(f"work folder kept: {work}", file=sys.stderr)
        else:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
