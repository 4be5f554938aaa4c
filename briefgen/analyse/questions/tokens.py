"""The tokens of a sentence that a cue kind marks, found from the cues near the sentence
rather than by asking `cues.at` of every token (most sentences hold none)."""

from __future__ import annotations

from spacy.tokens import Span, Token

from briefgen.annotate import cues


def cue_tokens(span: Span, kind: str) -> list[Token]:
    """The tokens of `span`, in order, for which `cues.at(token, kind)` holds. A cue holding
    such a token lies inside the span widened by `cues.at`'s reach, so only the tokens of the
    cues found there are asked."""
    doc = span.doc
    near = doc[max(0, span.start - cues.AT_REACH) : min(len(doc), span.end + cues.AT_REACH)]
    inside = {
        i
        for cue in cues.find(near, kind)
        for i in range(max(cue.start, span.start), min(cue.end, span.end))
    }
    return [doc[i] for i in sorted(inside) if cues.at(doc[i], kind)]
