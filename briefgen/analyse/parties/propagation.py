"""Propagation: a name found once is a mention wherever its exact tokens recur ("Widodo said"
after "Joko Widodo"); a one-word name only where the tagger reads it as a name."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence

from briefgen.analyse.parties.cleaning import is_junk
from briefgen.analyse.parties.mentions import LABEL_PRIORITY, Mention, by_sentence, make_mention
from briefgen.annotate.name_spans import proper_here, runs_on
from briefgen.annotate.names import token_bounds, token_texts, without_company_form
from briefgen.corpus import Sentence


def _token_key(m: Mention) -> tuple[str, ...] | None:
    bounds = token_bounds(m.doc, m.start, m.end)
    return tuple(token_texts(m.doc)[bounds[0] : bounds[1]]) if bounds is not None else None


def _without_company_form(key: tuple[str, ...]) -> tuple[str, ...]:
    """A name's tokens without the company form ending it, two words kept at least."""
    words = without_company_form([w.lower() for w in key if w not in (",", ".")], keep=2)
    n = len(words)
    kept = [w for w in key if w not in (",", ".")][:n]
    return tuple(kept) if n >= 2 else key


def propagate(
    sentences: Sequence[Sentence],
    mentions: list[Mention],
    texts: dict[int, str],
    common: set[str],
) -> list[Mention]:
    """A name found once is a mention wherever its exact tokens recur ("Widodo said" after
    "Joko Widodo"); a one-word name only where the tagger reads a proper noun."""
    votes: dict[tuple[str, ...], Counter[str]] = defaultdict(Counter)
    surnames: dict[str, set[tuple[str, ...]]] = defaultdict(set)
    for m in mentions:
        key = _token_key(m)
        if key and m.label != "NORP":
            votes[key][m.label] += 1
            short = _without_company_form(key) if m.label == "ORG" else key
            if short != key:  # "KB Metals" wherever "KB Metals Corp." was found
                votes[short][m.label] += 1
            if m.label == "PERSON" and len(key) >= 2:
                surnames[key[-1]].add(key)
    for surname, names in surnames.items():
        if len(names) == 1 and (surname,) not in votes:  # unambiguous family names
            votes[(surname,)]["PERSON"] += 1
    if not votes:
        return mentions
    labels = {k: min(v, key=lambda lab: (-v[lab], LABEL_PRIORITY[lab])) for k, v in votes.items()}
    by_first: dict[str, list[tuple[str, ...]]] = defaultdict(list)  # longest first
    for key in sorted(labels, key=len, reverse=True):
        by_first[key[0]].append(key)
    in_sentence = by_sentence(mentions)
    out: list[Mention] = []
    for sentence in sentences:
        existing = in_sentence.get(id(sentence), [])
        span, doc = sentence.span, sentence.span.doc
        words = token_texts(doc)[span.start : span.end]
        i = 0
        while i < len(words):
            step = 1
            for key in by_first.get(words[i], ()):
                n = len(key)
                if tuple(words[i : i + n]) != key:
                    continue
                a, b = span.start + i, span.start + i + n
                if n == 1 and not proper_here(doc, a, span.end):
                    break
                if runs_on(doc, b, span.end):
                    break  # part of a longer name ("Tamsin Gold Chief Executive" is not)
                new = make_mention(sentence, a, b, labels[key], 3, texts[id(sentence.span.doc)])
                if is_junk(new, common):  # a surname such as "Chargé" minted from a title
                    break
                clash = [m for m in existing if m.overlaps(new.start, new.end)]
                if all(new.start <= m.start and m.end <= new.end for m in clash) and not any(
                    (m.start, m.end) == (new.start, new.end) for m in clash
                ):
                    existing = [m for m in existing if m not in clash] + [new]
                    step = n
                break
            i += step
        out += sorted(existing, key=lambda m: m.start)
    return out
