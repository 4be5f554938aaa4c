"""The cue look-ups (briefgen/annotate/cues.py) and the per-Doc memo they read through."""

from __future__ import annotations

import gc

from briefgen.annotate import cues, per_doc

TEXT = (
    "The plant will be funded by a bridge loan from two banks. "
    "Construction is due to start next year, officials said. "
    "Shares rose 4% in early trading after the news."
)


def test_find_gives_the_marked_cues_inside_a_sentence_in_text_order(nlp) -> None:
    doc = nlp(TEXT)
    marked = sorted((s.start_char, s.end_char, s.label_) for s in doc.spans[cues.SPANS_KEY])
    assert marked, "the cue marker marked nothing in the test text"
    found = []
    for sentence in doc.sents:
        for kind in {label for _, _, label in marked}:
            spans = cues.find(sentence, kind)
            assert [s.start_char for s in spans] == sorted(s.start_char for s in spans)
            assert all(
                sentence.start_char <= s.start_char < s.end_char <= sentence.end_char for s in spans
            )
            assert cues.has(sentence, kind) == bool(spans)
            found += [(s.start_char, s.end_char, s.label_) for s in spans]
    # every cue lies in one sentence here, so the sentences give back exactly what was marked
    assert sorted(found) == marked


def test_find_has_and_at_read_the_financing_cue(nlp) -> None:
    doc = nlp(TEXT)
    first = next(iter(doc.sents))
    [cue] = [c for c in cues.find(first, "finance_stated") if c.text == "funded by"]
    assert cue.label_ == "finance_stated"
    assert cues.at(doc[cue.start], "finance_stated")
    assert not cues.at(doc[0], "finance_stated")  # "The" is not inside it
    last = list(doc.sents)[-1]
    assert not cues.has(last, "finance_stated")
    assert cues.find(last, "no_such_kind") == []


def test_a_reading_is_computed_once_per_doc_and_key_and_goes_with_its_doc(nlp) -> None:
    calls: list[str] = []

    def count(doc):
        calls.append(doc.text)
        return len(doc)

    first, second = nlp("One sentence here."), nlp("Another, longer sentence here.")
    assert per_doc.once_per_doc(first, "test length", count) == 4
    assert per_doc.once_per_doc(second, "test length", count) == 6
    assert per_doc.once_per_doc(first, "test length", count) == 4
    assert calls == [first.text, second.text]
    per_doc.once_per_doc(first, "another key", count)
    assert len(calls) == 3

    held = len(per_doc._memos)
    del first
    gc.collect()
    assert len(per_doc._memos) == held - 1
