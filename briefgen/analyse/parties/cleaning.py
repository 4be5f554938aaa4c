"""Cleaning candidate mentions: countries run together split into one mention each, junk
rejected, overlaps resolved.

The words are read in `briefgen/annotate/name_spans.py` (where a name starts and ends, whether
a span is a name at all); this module applies those readings to mentions.
"""

from __future__ import annotations

from briefgen.analyse.parties.mentions import Mention
from briefgen.annotate.name_spans import country_pair_parts, not_a_name


def split_country_pair(m: Mention) -> list[Mention]:
    """Countries the model ran together are each a mention: "U.S.-Pakistan" (one token to
    spaCy), "Pakistan and the United States"."""
    parts = None if m.label == "PERSON" else country_pair_parts(m.text)
    if parts is None:
        return [m]
    out = []
    offset = 0
    for part in parts:
        at = m.text.find(part, offset)
        out.append(Mention(part, "GPE", m.sentence, m.start + at, m.start + at + len(part)))
        offset = at + len(part)
    return out


def is_junk(m: Mention, common_acronyms: set[str]) -> bool:
    """Not a name (`name_spans.not_a_name`): no letters, lower case, too long, chrome, a
    common-noun acronym, a lone generic or title word, a sentence's capitalised first word
    before a noun, or no proper noun in it."""
    return not_a_name(
        m.text, m.doc, m.start, m.end, m.label, common_acronyms, m.sentence.span.start
    )


def without_overlaps(mentions: list[Mention]) -> list[Mention]:
    """Where candidates overlap, an acronym definition beats NER, which beats a title-led guess;
    then the longer wins."""
    kept: list[Mention] = []
    for m in sorted(mentions, key=lambda m: (m.origin, m.start - m.end, m.start)):
        if not any(k.overlaps(m.start, m.end) for k in kept):
            kept.append(m)
    return sorted(kept, key=lambda m: m.start)
