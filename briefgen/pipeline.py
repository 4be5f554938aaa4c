"""`build`: folder → Brief. Every stage is a function of plain data; this module only wires them.

The analysis stages (and spaCy under them) are imported only when the analysis is not cached:
a rebuild of unchanged articles then costs reading the folder and one cache file.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from briefgen import alongside, cache, ingest, nlp
from briefgen.brief import (
    Article,
    Brief,
    ContextItem,
    KeyPoint,
    Party,
    Source,
    TimelineEvent,
)
from briefgen.config import Options
from briefgen.errors import NothingToBriefError

if TYPE_CHECKING:
    from briefgen.analyse.signing import Signing
    from briefgen.analyse.values import Figures
    from briefgen.brief import Mineral
    from briefgen.corpus import ParsedArticle

Progress = Callable[[int, int], None]  # (articles parsed so far, articles in total)
Parser = Callable[..., list["ParsedArticle"]]  # called as nlp.parse(nlp, articles, jobs, progress)


def generation_date(explicit: str | None = None) -> str:
    """SOURCE_DATE_EPOCH (reproducible builds) wins, then an explicit date, then today (UTC)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.strip().isdigit():
        return datetime.fromtimestamp(int(epoch), UTC).date().isoformat()
    if explicit:
        return date.fromisoformat(explicit).isoformat()
    return datetime.now(UTC).date().isoformat()


def build(
    folder: str | Path,
    options: Options | None = None,
    *,
    progress: Progress | None = None,
    report: ingest.ReadReport | None = None,
    parser: Parser | None = None,
    **overrides: Any,
) -> Brief:
    """Analyse the articles in `folder` and return the Brief.

    Reads the folder and nothing else, unless `cache_dir` names a cache folder to read and
    write (the CLI passes <out>/.cache). `progress(done, total)` is called as articles are parsed.
    `parser` replaces `nlp.parse` for the articles not cached (a Dask build's shards).
    """
    opts = (options or Options()).with_overrides(**overrides)
    articles = ingest.read_folder(
        Path(folder),
        recursive=opts.recursive,
        include=opts.include,
        exclude=opts.exclude,
        ignore=[Path(p) for p in opts.ignore],
        max_article_chars=opts.max_article_chars,
        report=report,
    )
    generated = generation_date(opts.date)
    store = cache.for_options(opts)
    model = nlp.model_key(opts.model)  # without loading spaCy; raises if the model is missing
    key = cache.analysis_key(articles, opts, model) if store is not None else ""
    cached = store.get_brief(key) if store is not None else None
    if cached is not None:
        if progress is not None:
            progress(len(articles), len(articles))
        cached.generated = generated
        return cached
    brief = analyse(articles, opts, store=store, model=model, progress=progress, parser=parser)
    if store is not None:
        store.put_brief(key, brief)
    brief.generated = generated
    return brief


def analyse(
    articles: Sequence[Article],
    opts: Options,
    *,
    store: cache.Cache | None = None,
    model: str | None = None,
    progress: Progress | None = None,
    parser: Parser | None = None,
) -> Brief:
    """The analysis proper (every stage after ingest); `generated` is left for the caller."""
    from briefgen.analyse import (
        context,
        dates,
        grouping,
        parties,
        questions,
        signing,
        summarize,
        values,
    )
    from briefgen.analyse.titles import derive_title
    from briefgen.annotate import clean, minerals

    pipeline = nlp.load(opts.model)
    total = len(articles)
    corpus = cache.parse(
        pipeline,
        articles,
        store,
        model or nlp.model_key(opts.model),
        jobs=opts.jobs or nlp.cpu_count(),
        progress=(lambda done: progress(done, total)) if progress is not None else None,
        parser=parser,
    )
    sentences = clean.content_sentences(corpus)

    def story(
        parties_found: Callable[[], list[Party]],
    ) -> tuple[list[KeyPoint], list[ContextItem], list[TimelineEvent]]:
        """Key points, context and timeline: they read the sentences, each other and (Context)
        the Parties table, which `parties_found()` gives when it is ready."""
        groups = grouping.group_sentences(sentences)
        summary = summarize.key_points(
            groups, n=opts.sentences, max_words=opts.max_words, algorithm=opts.algorithm
        )
        if not summary:
            # An empty brief would look like success and overwrite the last one written.
            raise NothingToBriefError(
                f"no key point found in {total} article{'s' if total != 1 else ''}: "
                + (
                    "no English sentence with words"
                    if not sentences
                    else "no sentence worth a point"
                )
            )
        background = context.find_context(groups, summary, parties_found())
        timeline = dates.find_timeline(sentences, corpus, background)  # points to the Context
        return summary, background, timeline

    def the_rest() -> tuple[list[Party], list[Signing], Figures, list[Mineral]]:
        """Signings, parties, figures and minerals; the Parties table handed to the story."""
        signings = signing.read_signings(sentences, pipeline)  # who signed: parties, questions
        found_parties = parties.find_parties(sentences, pipeline, signings)
        if handoff is not None:
            handoff.give(found_parties)
        found_figures = values.find_figures(sentences, pipeline)  # money apart from other figures
        found_minerals = minerals.find_minerals(sentences, pipeline, opts.minerals_lexicon)
        return found_parties, signings, found_figures, found_minerals

    # The story in a forked process beside the rest when the corpus was big enough for parse
    # workers (the same measure: below it a fork costs more than it saves).
    words = sum(article.words for article in articles)
    beside = alongside.can_fork() and (
        nlp.plan(words, len(articles), opts.jobs or nlp.cpu_count(), 1)[0] > 1
    )
    handoff = alongside.Handoff() if beside else None
    if handoff is None:
        found_parties, signings, found_figures, found_minerals = the_rest()
        summary, background, timeline = story(lambda: found_parties)
    else:
        running = alongside.start(lambda: story(handoff.take))
        try:
            found_parties, signings, found_figures, found_minerals = the_rest()
            summary, background, timeline = running.result()
        except BaseException:
            running.cancel()
            raise
        finally:
            handoff.close()

    brief = Brief(
        title=opts.title or derive_title(corpus, summary, found_parties),
        generated=cache.DATE_PLACEHOLDER,
        sources=[
            Source(
                id=p.source_id,
                file=p.article.file,
                title=p.article.title,
                outlet=p.article.outlet,
                date=p.article.date,
                words=p.article.words,
                sha256=p.article.sha256,
                author=p.article.author,
            )
            for p in corpus
        ],
        summary=summary,
        parties=found_parties,
        values=found_figures.values,
        figures=found_figures.figures,
        minerals=found_minerals,
        timeline=timeline,
        context=background,
    )
    brief.open_questions = questions.find_open_questions(brief, sentences, signings)
    return brief
