"""Corpus → content sentences. First version: drops very short and verbless lines (issue 3 extends)."""

from __future__ import annotations

import re

from briefgen.corpus import ParsedArticle, Sentence

BULLET = re.compile(r"^\s*(?:[•·\-*–]|\d+[.)])\s+")


def content_sentences(corpus: list[ParsedArticle]) -> list[Sentence]:
    out: list[Sentence] = []
    for a_index, parsed in enumerate(corpus):
        index = 0
        for span in parsed.doc.sents:
            text = " ".join(BULLET.sub("", span.text).split())
            if len(text.split()) < 5 or not any(t.pos_ in ("VERB", "AUX") for t in span):
                continue
            out.append(Sentence(parsed.source_id, a_index, index, span, text))
            index += 1
    return out
