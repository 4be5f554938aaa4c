"""Shared fixtures: the real English pipeline and the seed articles, parsed once per session."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--regen-golden",
        action="store_true",
        default=False,
        help="Rewrite tests/golden/ from the current output instead of comparing (test_golden.py).",
    )


@pytest.fixture(scope="session")
def nlp():
    from briefgen import nlp as nlp_module

    return nlp_module.load()


@pytest.fixture(scope="session")
def seeds_corpus(nlp):
    from briefgen import ingest
    from briefgen import nlp as nlp_module

    return nlp_module.parse(nlp, ingest.read_folder(SEEDS))


@pytest.fixture(scope="session")
def seeds_sentences(seeds_corpus):
    from briefgen.annotate import clean

    return clean.content_sentences(seeds_corpus)


@pytest.fixture
def make_sentences(nlp):
    """Build content sentences from small hand-written articles: make_sentences("a", "b")."""
    from briefgen import ingest
    from briefgen import nlp as nlp_module
    from briefgen.annotate import clean
    from briefgen.brief import Article

    def _make(*texts: str):
        articles = [
            Article(file=f"t{i}.txt", text=ingest.normalise(t), sha256=str(i))
            for i, t in enumerate(texts)
        ]
        return clean.content_sentences(nlp_module.parse(nlp, articles))

    return _make
