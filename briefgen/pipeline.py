"""`build`: folder → Brief. Every stage is a function of plain data; this module only wires them."""

from __future__ import annotations

import os
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from briefgen import clean, ingest, nlp, summarize
from briefgen.brief import Brief, Source
from briefgen.config import Options
from briefgen.extract import context, dates, minerals, parties, questions, values
from briefgen.titles import derive_title


def generation_date(explicit: str | None = None) -> str:
    """SOURCE_DATE_EPOCH (reproducible builds) wins, then an explicit date, then today (UTC)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.strip().isdigit():
        return datetime.fromtimestamp(int(epoch), UTC).date().isoformat()
    if explicit:
        return date.fromisoformat(explicit).isoformat()
    return datetime.now(UTC).date().isoformat()


def build(folder: str | Path, options: Options | None = None, **overrides: Any) -> Brief:
    """Analyse the articles in `folder` and return the Brief. Reads the folder; writes nothing."""
    opts = (options or Options()).with_overrides(**overrides)
    articles = ingest.read_folder(
        Path(folder), recursive=opts.recursive, include=opts.include, exclude=opts.exclude
    )
    pipeline = nlp.load(opts.model)
    corpus = nlp.parse(pipeline, articles, jobs=opts.jobs or (os.cpu_count() or 1))
    sentences = clean.content_sentences(corpus)

    summary = summarize.key_points(
        sentences, n=opts.sentences, max_words=opts.max_words, algorithm=opts.algorithm
    )
    found_parties = parties.find_parties(sentences, pipeline)
    found_values = values.find_values(sentences, pipeline)
    found_minerals = minerals.find_minerals(sentences, pipeline, opts.minerals_lexicon)
    timeline = dates.find_timeline(sentences, corpus)
    background = context.find_context(sentences, summary)

    brief = Brief(
        title=opts.title or derive_title(corpus, summary, found_parties),
        generated=generation_date(opts.date),
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
        values=found_values,
        minerals=found_minerals,
        timeline=timeline,
        context=background,
    )
    brief.open_questions = questions.find_open_questions(brief, sentences)
    return brief
