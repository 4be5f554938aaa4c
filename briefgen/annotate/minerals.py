"""Minerals named in the articles, from a lexicon shipped with the package (and users' own).

The lexicon (briefgen/data/minerals.toml; its header documents the sources and the format) maps
every written form to one mineral. Forms are matched with spaCy's PhraseMatcher on lower-case
tokens, so "Cobalt" and the "cobalt" of "cobalt-rich" both count (the tokenizer splits hyphens);
all-capital forms ("REEs", "PGMs") must be written that way. A match that is only part of a
longer named entity ("Gold" in the organisation "Barrick Gold") does not count, nor does one inside
a hyphenated compound of three or more words ("a cobalt-chromium-molybdenum alloy").
"""

from __future__ import annotations

import json
import logging
import re
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from briefgen.annotate.names import HYPHENS
from briefgen.brief import Mineral
from briefgen.corpus import Sentence, doc_ents, sorted_sources
from briefgen.errors import BriefgenError

log = logging.getLogger(__name__)

SHIPPED = "minerals"  # briefgen/data/minerals.toml
# Entity types whose names may contain a mineral word without being about the mineral.
NAME_LABELS = frozenset(
    ("ORG", "PERSON", "GPE", "LOC", "FAC", "NORP", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW")
)
ENTRY_KEYS = frozenset(("name", "synonyms", "groups", "needs_context", "exclude", "disabled"))
LIST_KEYS = ("synonyms", "groups", "needs_context", "exclude")
ACRONYM = re.compile(r"[A-Z0-9]{2,}s?")


class LexiconError(BriefgenError):
    """A minerals lexicon file that cannot be read or does not follow the format."""


@dataclass
class Entry:
    name: str
    forms: list[str]  # the name and its synonyms as written
    groups: list[str] = field(default_factory=list)
    needs_context: set[str] = field(default_factory=set)  # lower-cased forms
    exclude: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Lexicon:
    entries: tuple[Entry, ...]
    context_words: frozenset[str]

    def entry(self, name: str) -> Entry | None:
        return next((e for e in self.entries if e.name == name), None)


# --------------------------------------------------------------------------- reading lexicons


def _shipped_path(name: str) -> Path:
    return Path(str(resources.files("briefgen").joinpath("data", f"{name}.toml")))


def _resolve(item: str | Path) -> Path:
    """A path, or the bare name of a lexicon shipped in briefgen/data ("fuels")."""
    path = Path(item)
    if path.is_file():
        return path
    name = str(item)
    if re.fullmatch(r"[a-z][a-z0-9_-]*", name) and name not in ("currencies", SHIPPED):
        shipped = _shipped_path(name)
        if shipped.is_file():
            return shipped
    raise LexiconError(f"minerals lexicon not found: {item}")


def _read(path: Path) -> dict[str, Any]:
    try:
        raw = path.read_bytes()
    except OSError as err:
        raise LexiconError(f"cannot read minerals lexicon {path}: {err.strerror}") from None
    try:
        if path.suffix.lower() == ".json":
            data = json.loads(raw.decode("utf-8"))
        else:
            data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise LexiconError(f"minerals lexicon {path} is not UTF-8 text") from None
    except (tomllib.TOMLDecodeError, json.JSONDecodeError) as err:
        kind = "JSON" if path.suffix.lower() == ".json" else "TOML"
        message = " ".join(str(err).split())
        raise LexiconError(f"minerals lexicon {path} is not valid {kind}: {message}") from None
    if not isinstance(data, dict):
        raise LexiconError(f"minerals lexicon {path}: expected a table of [[mineral]] entries")
    return data


def _entries(path: Path, data: dict[str, Any]) -> list[dict[str, Any]]:
    """The file's [[mineral]] entries, checked: a typo fails loudly instead of matching nothing."""
    raw = data.get("mineral")
    if not isinstance(raw, list) or not raw:
        raise LexiconError(f"minerals lexicon {path} has no [[mineral]] entries")
    checked = []
    for n, entry in enumerate(raw, start=1):
        where = f"minerals lexicon {path}, entry {n}"
        if not isinstance(entry, dict):
            raise LexiconError(f"{where}: expected a table with a name")
        name = entry.get("name")
        if not isinstance(name, str) or not name.strip():
            raise LexiconError(f"{where}: 'name' must be a non-empty string")
        where = f"{where} ({name})"
        unknown = sorted(set(entry) - ENTRY_KEYS)
        if unknown:
            raise LexiconError(f"{where}: unknown key {unknown[0]!r}")
        for key in LIST_KEYS:
            value = entry.get(key, [])
            if not isinstance(value, list) or not all(
                isinstance(v, str) and v.strip() for v in value
            ):
                raise LexiconError(f"{where}: {key!r} must be a list of non-empty strings")
        if not isinstance(entry.get("disabled", False), bool):
            raise LexiconError(f"{where}: 'disabled' must be true or false")
        checked.append(entry)
    return checked


def _context_words(path: Path, data: dict[str, Any]) -> list[str]:
    meta = data.get("lexicon", {})
    words = meta.get("context_words", []) if isinstance(meta, dict) else None
    if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
        raise LexiconError(f"minerals lexicon {path}: 'context_words' must be a list of strings")
    return words


def _merge_entry(entries: dict[str, Entry], raw: dict[str, Any]) -> None:
    name = " ".join(raw["name"].split())
    key = name.lower()
    if raw.get("disabled", False):
        entries.pop(key, None)
        return
    forms = [name, *(" ".join(s.split()) for s in raw.get("synonyms", []))]
    # A form claimed by this file leaves any earlier entry: the later lexicon decides.
    claimed = {f.lower() for f in forms}
    for other_key, other in entries.items():
        if other_key != key:
            other.forms = [f for f in other.forms if f.lower() not in claimed]
    entry = entries.setdefault(key, Entry(name=name, forms=[]))
    for form in forms:
        if form.lower() not in {f.lower() for f in entry.forms}:
            entry.forms.append(form)
    entry.groups.extend(g for g in raw.get("groups", []) if g not in entry.groups)
    entry.needs_context.update(f.lower() for f in raw.get("needs_context", []))
    entry.exclude.extend(x for x in raw.get("exclude", []) if x not in entry.exclude)


def load_lexicon(extra: Sequence[str | Path] = ()) -> Lexicon:
    """The shipped lexicon merged with the users' files, later files winning."""
    paths = [_shipped_path(SHIPPED), *(_resolve(item) for item in extra)]
    # Keyed on modification times too, so an edited file is re-read in a long-lived process.
    return _load(tuple((str(p), _mtime(p)) for p in paths))


def _mtime(path: Path) -> int:
    try:
        return path.stat().st_mtime_ns
    except OSError:
        return -1  # reported by _read


@lru_cache(maxsize=8)
def _load(files: tuple[tuple[str, int], ...]) -> Lexicon:
    entries: dict[str, Entry] = {}
    context: list[str] = []
    for path in (Path(name) for name, _ in files):
        data = _read(path)
        for raw in _entries(path, data):
            _merge_entry(entries, raw)
        context.extend(_context_words(path, data))
    kept = tuple(e for e in entries.values() if e.forms)
    return Lexicon(kept, frozenset(w.lower() for w in context))


# --------------------------------------------------------------------------- matching


def variants(form: str) -> list[str]:
    """A form with its plural and hyphenated spellings ("rare earth" -> "rare-earths", ...)."""
    bases = [form]
    if " " in form:
        bases.append(form.replace(" ", "-"))
        bases.append(form.replace(" ", "-", 1))
    out: list[str] = []
    for base in bases:
        for v in (base, base if base.endswith("s") else base + "s"):
            if v not in out:
                out.append(v)
    return out


@dataclass
class _Matchers:
    lower: Any  # spacy.matcher.PhraseMatcher on LOWER
    exact: Any  # PhraseMatcher on ORTH for acronyms
    exclude: Any  # PhraseMatcher on LOWER for phrases that veto a match
    context_forms: dict[str, set[str]]


# Built once per pipeline and lexicon, not per brief (~4 ms a brief in a batch): load_lexicon
# returns the same Lexicon object until a file changes. Held with both, so ids are not reused.
_MATCHERS: dict[tuple[int, int], tuple[Any, Lexicon, _Matchers]] = {}


def _matchers(nlp, lexicon: Lexicon) -> _Matchers:
    key = (id(nlp.vocab), id(lexicon))
    if key not in _MATCHERS:
        if len(_MATCHERS) >= 4:  # an edited lexicon: the old matchers are not needed again
            _MATCHERS.clear()
        _MATCHERS[key] = (nlp.vocab, lexicon, _build_matchers(nlp, lexicon))
    return _MATCHERS[key][2]


def _build_matchers(nlp, lexicon: Lexicon) -> _Matchers:
    from spacy.matcher import PhraseMatcher

    lower = PhraseMatcher(nlp.vocab, attr="LOWER")
    exact = PhraseMatcher(nlp.vocab, attr="ORTH")
    exclude = PhraseMatcher(nlp.vocab, attr="LOWER")
    context_forms: dict[str, set[str]] = {}
    for entry in lexicon.entries:
        plain = [v for f in entry.forms if not ACRONYM.fullmatch(f) for v in variants(f)]
        acronyms = [v for f in entry.forms if ACRONYM.fullmatch(f) for v in variants(f)]
        if plain:
            lower.add(entry.name, [nlp.make_doc(v) for v in plain])
        if acronyms:
            exact.add(entry.name, [nlp.make_doc(v) for v in acronyms])
        if entry.exclude:
            exclude.add(entry.name, [nlp.make_doc(x) for x in entry.exclude])
        context_forms[entry.name] = {
            v.lower() for f in entry.forms if f.lower() in entry.needs_context for v in variants(f)
        }
    return _Matchers(lower, exact, exclude, context_forms)


def _entity_of(doc) -> list[Any]:
    """Per token, the named entity (of a name-like type) it belongs to, or None."""
    owner: list[Any] = [None] * len(doc)
    for ent in doc_ents(doc):
        if ent.label_ in NAME_LABELS:
            for i in range(ent.start, ent.end):
                owner[i] = ent
    return owner


def _compound_parts(doc, start: int, end: int) -> int:
    """How many words the hyphenated compound holding tokens [start, end) has (1: none)."""
    parts = 1
    i = start
    while i >= 2 and doc[i - 1].text in HYPHENS and not doc[i - 2].whitespace_:
        if doc[i - 1].whitespace_:
            break
        parts += 1
        i -= 2
    i = end
    while i + 1 < len(doc) and doc[i].text in HYPHENS and not doc[i - 1].whitespace_:
        if doc[i].whitespace_:
            break
        parts += 1
        i += 2
    return parts


def _inside_longer_name(owner: list[Any], start: int, end: int) -> bool:
    ents = {owner[i] for i in range(start, end)} - {None}
    return any(ent.start < start or ent.end > end for ent in ents)


@dataclass(frozen=True)
class _Hit:
    name: str
    start: int
    end: int
    conditional: bool  # needs another mineral or a mining word in its sentence


def _hits_in_doc(doc, matchers: _Matchers) -> list[_Hit]:
    from spacy.tokens import Span
    from spacy.util import filter_spans

    strings = doc.vocab.strings
    vetoed: dict[str, list[tuple[int, int]]] = {}
    for match_id, s, e in matchers.exclude(doc):
        vetoed.setdefault(strings[match_id], []).append((s, e))
    spans = [
        Span(doc, s, e, label=strings[match_id])
        for match_id, s, e in [*matchers.lower(doc), *matchers.exact(doc)]
    ]
    owner = _entity_of(doc)
    hits = []
    for span in filter_spans(spans):  # longest wins: "platinum group metals" over "platinum"
        name = span.label_
        if any(s < span.end and span.start < e for s, e in vetoed.get(name, ())):
            continue
        if _inside_longer_name(owner, span.start, span.end):
            continue
        # A compound of three or more words names a material made of several elements (a
        # magnet, an alloy, a cathode chemistry), not a mineral the event trades in.
        if _compound_parts(doc, span.start, span.end) >= 3:
            continue
        conditional = span.text.lower() in matchers.context_forms.get(name, set())
        if conditional and any(t.pos_ in ("VERB", "AUX") for t in span):
            continue  # "to lead the talks"
        hits.append(_Hit(name, span.start, span.end, conditional))
    return hits


def find_minerals(
    sentences: Sequence[Sentence], nlp, extra_lexicons: Sequence[str | Path] = ()
) -> list[Mineral]:
    """Each mineral the content sentences name, with mentions and sources, most cited first."""
    lexicon = load_lexicon(extra_lexicons)
    if not sentences:
        return []
    matchers = _matchers(nlp, lexicon)
    by_doc: dict[int, list[_Hit]] = {}
    mentions: dict[str, int] = {}
    sources: dict[str, list[str]] = {}
    for sentence in sentences:
        doc = sentence.span.doc
        if id(doc) not in by_doc:
            by_doc[id(doc)] = _hits_in_doc(doc, matchers)
        span = sentence.span
        hits = [h for h in by_doc[id(doc)] if span.start <= h.start and h.end <= span.end]
        for hit in _with_context(hits, span, lexicon.context_words):
            mentions[hit.name] = mentions.get(hit.name, 0) + 1
            sources.setdefault(hit.name, []).append(sentence.source_id)
    found = [Mineral(name, mentions[name], sorted_sources(sources[name])) for name in mentions]
    return sorted(found, key=lambda m: (-len(m.sources), -m.mentions, m.name))


def _with_context(hits: list[_Hit], span, context_words: Iterable[str]) -> list[_Hit]:
    """Drop conditional hits ("lead", "iron") in a sentence with no other sign of mining."""
    if all(not h.conditional for h in hits):
        return hits
    words = frozenset(context_words)
    mining = any(not h.conditional for h in hits) or any(t.lower_ in words for t in span)
    return [h for h in hits if mining or not h.conditional]
