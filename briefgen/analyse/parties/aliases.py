"""Aliases: which surface forms name the same party, and the name the party goes by.

Union-find over the forms: spelling and punctuation variants, acronyms the text defines,
country short forms with their demonyms and capitals, company-form and "of <country>" tails,
short names without business words ("Kestrel Bay" of "Kestrel Bay Resources Inc."),
undefined acronyms that match one name's initials, surnames of one full name, a person's
surname misspelt by another source, and an organisation one source names in its own words with
the same head as another's name.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

from briefgen.analyse.parties.mentions import LABEL_PRIORITY, Mention
from briefgen.annotate.names import (
    BUSINESS_WORDS,
    COMPANY_FORMS,
    CONNECTORS,
    GENERIC_WORDS,
    GOVERNING_NOUNS,
    ORG_HEADS,
    REGION_WORDS,
    acronym_letters,
    aligns,
    core_person_tokens,
    countries,
    country_of,
    looks_like_acronym,
    loosely_aligns,
    name_key,
    org_by_words,
    place_by_words,
    plain_key,
    sound_key,
    without_company_form,
)


class _UnionFind:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:  # the earlier-seen form stays the root: deterministic
            self.parent[max(ra, rb)] = min(ra, rb)


def form_label(text: str, mentions: Iterable[Mention]) -> str:
    """The label most mentions carry, corrected where the words of the name say otherwise."""
    votes = Counter(m.label for m in mentions)
    label = min(votes, key=lambda lab: (-votes[lab], LABEL_PRIORITY[lab]))
    if country_of(text) or place_by_words(text):
        return "GPE"
    if label != "ORG" and org_by_words(text):
        return "ORG"
    if label == "PERSON" and looks_like_acronym(text):
        return "ORG"
    return label


def _stem(text: str) -> str | None:
    """A name without its company form or country or region tail: "National Logistics
    Corporation of Pakistan" -> "national logistics", "Mota Rail Africa" -> "mota rail"; None
    when nothing is dropped or nothing is left."""
    words = name_key(text).split()
    original = list(words)
    if len(words) >= 4 and words[-2] == "of" and words[-1].startswith("<"):
        words = words[:-2]
    elif (
        len(words) >= 3
        and words[-2] not in CONNECTORS
        and (words[-1].startswith("<") or words[-1] in REGION_WORDS)
    ):
        words = words[:-1]  # "Mota Rail Africa", "Standard Bank South Africa": a local arm
    while len(words) >= 2 and words[-1] in COMPANY_FORMS:  # "Holding Group", "Co Ltd"
        words = words[:-1]
    distinctive = [w for w in words if not w.startswith("<") and w not in GENERIC_WORDS]
    if words == original or not distinctive:
        return None
    return " ".join(words)


def _country_prefix(key: str, demonyms: dict[str, str]) -> str | None:
    """The country a name opens with ("<united_states> department of defense", "chinese ...")."""
    first = key.split()[0] if key else ""
    if first.startswith("<"):
        return first
    country = demonyms.get(first)
    return f"<{country.casefold().replace(' ', '_')}>" if country else None


def _bodies(key: str, demonyms: dict[str, str]) -> set[str]:
    """Keys the same organisation also goes by: without the company forms that end it
    ("harrow group ltd" -> "harrow"), without a country or demonym opening it ("<peru> ministry of
    mines" -> "ministry of mines"), and "X department" as "department of X"."""
    words = key.split()
    out: set[str] = set()
    forms = without_company_form(words)
    if forms != words:
        out.add(" ".join(forms))
    if len(words) >= 2 and _country_prefix(key, demonyms):
        words = words[1:]
        out.add(" ".join(words))
    if 2 <= len(words) <= 3 and words[-1] in ORG_HEADS and "of" not in words:
        out.add(" ".join([words[-1], "of", *words[:-1]]))
    return {b for b in out if b != key}


def _distinctive(key: str) -> bool:
    """Whether a key holds a word that is neither generic nor a country."""
    return any(not w.startswith("<") and w not in GENERIC_WORDS | CONNECTORS for w in key.split())


def _short_names(text: str) -> list[str]:
    """A company's names without its company form and business words, longest first: "Harrow
    Minerals Investment Company" -> ["harrow minerals", "harrow"]; only those that drop a
    business word and keep a distinctive one."""
    words = name_key(text).split()
    dropped_business = False
    out: list[str] = []
    while len(words) >= 2 and words[-1] in COMPANY_FORMS | BUSINESS_WORDS:
        dropped_business = dropped_business or words[-1] in BUSINESS_WORDS
        words = words[:-1]
        if dropped_business and any(
            not w.startswith("<") and w not in GENERIC_WORDS for w in words
        ):
            out.append(" ".join(words))
    return out


def _is_subsequence(short: list[str], long: list[str]) -> bool:
    it = iter(long)
    return all(word in it for word in short)


MIN_SLIP_LENGTH = 6  # shorter names differ by a letter too often to be one name misspelled


def _one_slip(a: str, b: str) -> bool:
    """Whether two words differ by one letter added, dropped, changed or two swapped."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [k for k in range(len(a)) if a[k] != b[k]]
        return len(diff) == 1 or (
            len(diff) == 2
            and diff[1] == diff[0] + 1
            and a[diff[0]] == b[diff[1]]
            and a[diff[1]] == b[diff[0]]
        )
    short, long = sorted((a, b), key=len)
    return any(long[:k] + long[k + 1 :] == short for k in range(len(long)))


MIN_MISSPELT_LETTERS = 4  # shorter names ("Li", "Kim") are too alike to tell a slip
MISSPELT_RATIO = 0.6  # difflib's share of letters in common: "Ndlovu"/"Ndluvo" 0.67


def misspelt(a: str, b: str) -> bool:
    """Whether two different words may be one name spelt two ways ("Okonkwo"/"Okonkvo"): four
    letters or more, the same sound (Soundex: "Smith"/"Smyth", not "Smith"/"Smart"), most
    letters in common."""
    return (
        a != b
        and min(len(a), len(b)) >= MIN_MISSPELT_LETTERS
        and sound_key(a) == sound_key(b)
        and SequenceMatcher(None, a, b).ratio() >= MISSPELT_RATIO
    )


@dataclass(frozen=True)
class FormContext:
    """Where a form is named: the first position of it in each source, by source id, the
    persons the text gives as its head ("Ofgem chief executive Jane Roe") and, for a country,
    as its leader."""

    first_seen: Mapping[str, tuple[int, int, int]]
    heads: frozenset[str] = frozenset()
    leaders: frozenset[str] = frozenset()  # of a country: "Freedonian President Ana Reyes"


@dataclass
class Merged:
    root: dict[int, int]  # form index -> cluster root
    # forms that do not name their party: surnames and title+surname forms merged into a full
    # name, and the spelling or wording fewer sources use ("Tomas Okonkvo", a translated name)
    minor_forms: set[int]


def merge_forms(
    texts: list[str],
    labels: list[str],
    pairs: Iterable[tuple[str, str]],
    places: Collection[str] = (),
    counts: Sequence[int] | None = None,
    contexts: Sequence[FormContext] | None = None,
) -> Merged:
    """Union the surface forms that name the same party; `places` are the forms the text uses
    as places ("in Jakarta"), which are never a company's short name; `counts`: mentions per
    form; `contexts`: where each form is named and who heads it (without them, no misspelt
    name is merged)."""
    n = len(texts)
    counts = counts if counts is not None else [1] * n
    contexts = contexts if contexts is not None else [FormContext({}) for _ in range(n)]
    uf = _UnionFind(n)
    index = {t: i for i, t in enumerate(texts)}
    keys = [name_key(t) for t in texts]
    person = [lab == "PERSON" for lab in labels]

    same: dict[tuple[str, bool], int] = {}  # spelling and punctuation variants
    for i in range(n):
        uf.union(same.setdefault((keys[i], person[i]), i), i)

    for short, long in pairs:  # acronyms the text defines
        if short in index and long in index:
            uf.union(index[short], index[long])

    table = countries()  # country names and short forms; demonyms and capitals if named too
    anchor: dict[str, int] = {}
    for i in range(n):
        country = None if person[i] else country_of(texts[i])
        if country:
            uf.union(anchor.setdefault(country, i), i)
    for i in range(n):
        plain = plain_key(texts[i])
        country = table.demonyms.get(plain)
        if country is None and labels[i] == "GPE":
            country = table.capitals.get(plain)
        if country in anchor and not person[i]:
            uf.union(anchor[country], i)
        named = [c for c in sorted(table.shared.get(plain, ())) if c in anchor]
        if len(named) == 1 and not person[i]:  # "Congo", when the articles name one Congo
            uf.union(anchor[named[0]], i)

    # "Harrow" = "Harrow Group" = "Harrow Group Ltd."; "Defense Department" = "U.S. Department of
    # Defense" = "Department of Defense"; "Canadian Harrow Group" = "Harrow Group"
    by_body: dict[str, list[int]] = defaultdict(list)
    for i in range(n):
        if not person[i]:
            aka = table.institutions.get(keys[i])  # "Pentagon" = "Department of Defense"
            for body in {keys[i], *_bodies(keys[i], table.demonyms), *([aka] if aka else [])}:
                by_body[body].append(i)
    for body, members in by_body.items():
        prefixes = {_country_prefix(keys[i], table.demonyms) for i in members} - {None}
        if len(members) > 1 and len(prefixes) <= 1 and _distinctive(body):
            for i in members[1:]:
                uf.union(members[0], i)

    # "Mota-Engil Group" = "Mota-Engil", even where the model took the short form for a person
    stems = {i: _stem(texts[i]) for i in range(n) if not person[i]}
    by_stem: dict[str, list[int]] = defaultdict(list)  # forms by key and by stem
    for j in range(n):
        by_stem[keys[j]].append(j)
        if stems.get(j):
            by_stem[str(stems[j])].append(j)
    for i, stem in stems.items():
        if stem is None:
            continue
        roots = {uf.find(j) for j in by_stem[stem] if j != i}
        roots.discard(uf.find(i))
        if len(roots) == 1:
            uf.union(i, roots.pop())

    # "Kestrel Bay" = "Kestrel Bay Resources Inc." when one company goes by that short name;
    # a place is never a company's short name ("in Jakarta" of "Jakarta Steel"), though the
    # model often calls the short name a place ("Cordillera bought ...")
    # ... unless that short name is a company of its own ("Tamsin Gold PLC" is not "Tamsin
    # Gold Royalties")
    incorporated = {
        " ".join(without_company_form(keys[j].split()))
        for j in range(n)
        if without_company_form(keys[j].split()) != keys[j].split()
    }
    claims: dict[str, set[int]] = defaultdict(set)
    for i in range(n):
        for short_key in [] if person[i] or labels[i] != "ORG" else _short_names(texts[i]):
            if short_key not in incorporated:
                claims[short_key].add(i)
    in_person_names = {w for j in range(n) if person[j] for w in keys[j].split()[1:]}
    for j in sorted(range(n), key=lambda j: (-len(keys[j].split()), j)):  # longest first
        owners = {uf.find(i) for i in claims.get(keys[j], ())}
        # a one-word PERSON form may be a person's surname: that rule merges it below
        ambiguous = person[j] and len(texts[j].split()) < 2 and keys[j] in in_person_names
        place = labels[j] == "GPE" and (
            texts[j] in places
            or country_of(texts[j]) is not None
            or plain_key(texts[j]) in table.capitals
        )
        if not ambiguous and not place and len(owners) == 1:
            uf.union(next(iter(owners)), j)

    # "Norland" = "Norland Lithium", "KB" = "KB Metals": a lone word that opens one organisation's
    # name is its short name, unless the text uses it as a place or it names a country
    by_first_word: dict[str, set[int]] = defaultdict(set)
    for j in range(n):
        words = keys[j].split()
        if (
            not person[j]
            and len(words) >= 2
            and not words[0].startswith("<")
            and country_of(texts[j]) is None
        ):
            by_first_word[words[0]].add(j)
    for i in range(n):
        key = keys[i]
        if (
            person[i]  # a surname, merged with its person below ("Trump" of "Trump administration")
            or len(key.split()) != 1
            or key.startswith("<")
            or key in GENERIC_WORDS
            or (labels[i] == "GPE" and texts[i] in places)
            or plain_key(texts[i]) in table.demonyms | table.capitals
        ):
            continue
        if any(uf.find(j) == uf.find(i) for j in range(n) if j != i):
            continue  # named already ("Harrow" of "Harrow SA" is not "Harrow Copper")
        weight: Counter[int] = Counter()
        for j in by_first_word.get(key, ()):
            weight[uf.find(j)] += counts[j]
        ranked = weight.most_common(2)
        # one organisation, or one named three times as often as the next ("Tamsin" of "Tamsin
        # Gold" rather than of its listed unit "Tamsin Gold Royalties")
        if ranked and (len(ranked) == 1 or ranked[0][1] >= 3 * ranked[1][1]):
            uf.union(i, ranked[0][0])

    # "Cuprands" = "Cuprandes": a one-letter slip in a long one-word name, when the right
    # spelling is used three times as often
    for i in range(n):
        if person[i] or len(keys[i]) < MIN_SLIP_LENGTH or " " in keys[i]:
            continue
        near = {
            uf.find(j)
            for j in range(n)
            if j != i
            and not person[j]
            and counts[j] >= 3 * counts[i]
            and _one_slip(keys[i], keys[j])
        }
        if len(near) == 1:
            uf.union(near.pop(), i)

    by_initial: dict[str, list[int]] = defaultdict(list)  # multi-word names by first letter
    for j in range(n):
        words = [w for w in texts[j].split() if w.lower() not in CONNECTORS]
        if not person[j] and len(texts[j].split()) >= 2 and words:
            by_initial[words[0][0].upper()].append(j)
    sizes = Counter(uf.find(i) for i in range(n))
    for i in range(n):  # an acronym nobody defined, matching one name's initials
        if person[i] or not looks_like_acronym(texts[i]) or country_of(texts[i]):
            continue
        letters = acronym_letters(texts[i])
        cluster = [j for j in range(n) if uf.find(j) == uf.find(i)]
        if any(not keys[j].startswith(letters.lower()) for j in cluster):
            continue  # merged already, beyond its own company forms ("NLC Group Ltd.")
        name_words = {
            j: [re.sub(r"['’]s$", "", w) for w in texts[j].split()] for j in by_initial[letters[0]]
        }
        roots = {uf.find(j) for j, ws in name_words.items() if aligns(letters, ws)}
        if not roots:  # "CATL": "Contemporary Amperex Technology"; "EV": "Eastern Valley Ltd"
            roots = {uf.find(j) for j, ws in name_words.items() if loosely_aligns(letters, ws)}
        if len(roots) == 1:
            uf.union(i, roots.pop())

    minor_forms: set[int] = set()  # "Baker", "CDA Baker" -> "Natalie Baker" when unambiguous
    cores = {i: core_person_tokens(texts[i]) for i in range(n) if person[i]}
    minor_forms |= _merge_misspelt_persons(uf, cores, contexts)
    by_last: dict[str, list[int]] = defaultdict(list)
    for i, core in cores.items():
        by_last[core[-1]].append(i)
    sizes = Counter(uf.find(i) for i in range(n))
    for i in range(n):  # a surname the model called an ORG or GPE ("Okafor added", "AMB Brent")
        core = core_person_tokens(texts[i])
        if (
            not person[i]
            and sizes[uf.find(i)] == 1
            and len(core) == 1
            and not looks_like_acronym(core[0])
            and not org_by_words(texts[i])
            and plain_key(core[0]) not in table.capitals | table.demonyms
            and country_of(core[0]) is None
        ):
            cores[i] = core
    for i in sorted(cores, key=lambda i: (len(cores[i]), i)):
        core = cores[i]
        roots = {
            uf.find(j)
            for j in by_last[core[-1]]
            if len(cores[j]) > len(core) and _is_subsequence(core, cores[j])
        }
        if not roots and len(core) == 1:  # family name first: "Xi" = "Xi Jinping"
            roots = {uf.find(j) for j in cores if len(cores[j]) > 1 and cores[j][0] == core[0]}
        if not roots and len(core) == 1:  # "Ndluvo" after "Patricia Ndlovu" in one article
            roots = {
                uf.find(j)
                for j in cores
                if len(cores[j]) > 1
                and misspelt(core[0], cores[j][-1])
                and _named_before(contexts[j], contexts[i])
            }
        if len(roots) == 1:
            uf.union(i, roots.pop())
            minor_forms.add(i)
    minor_forms |= _merge_by_heads(uf, keys, pairs, index, contexts)
    minor_forms |= _merge_governments(uf, keys, cores, index, contexts)
    return Merged({i: uf.find(i) for i in range(n)}, minor_forms)


def _named_before(full: FormContext, short: FormContext) -> bool:
    """Whether some source names the full form before the short one."""
    return any(
        source in full.first_seen and full.first_seen[source] < first
        for source, first in short.first_seen.items()
    )


def _sources_by_root(uf: _UnionFind, contexts: Sequence[FormContext]) -> dict[int, set[str]]:
    found: dict[int, set[str]] = defaultdict(set)
    for i, context in enumerate(contexts):
        found[uf.find(i)].update(context.first_seen)
    return found


def _fewer_sources(
    uf: _UnionFind, a: int, b: int, sources: Mapping[int, set[str]], n: int
) -> set[int]:
    """The forms of the one of two clusters (by root) that fewer sources name."""
    minor = min((a, b), key=lambda root: (len(sources[root]), -root))
    return {i for i in range(n) if uf.find(i) == minor}


def _merge_misspelt_persons(
    uf: _UnionFind, cores: Mapping[int, list[str]], contexts: Sequence[FormContext]
) -> set[int]:
    """One person whose surname sources spell two ways ("Tomas Okonkwo", "Tomas Okonkvo"):
    one given name, a misspelt surname, and no source using both spellings (two people who
    share a given name are named side by side); only when one person fits. Returns the forms
    of the spelling fewer sources use."""
    sources = _sources_by_root(uf, contexts)
    full = [i for i, core in cores.items() if len(core) >= 2]
    minor: set[int] = set()
    for i in full:
        near = {
            uf.find(j)
            for j in full
            if uf.find(j) != uf.find(i)
            and cores[j][:-1] == cores[i][:-1]
            and misspelt(cores[i][-1], cores[j][-1])
            and not sources[uf.find(i)] & sources[uf.find(j)]
        }
        if len(near) == 1:
            other = near.pop()
            minor |= _fewer_sources(uf, uf.find(i), other, sources, len(contexts))
            uf.union(i, other)
    return minor


def _merge_by_heads(
    uf: _UnionFind,
    keys: Sequence[str],
    pairs: Iterable[tuple[str, str]],
    index: Mapping[str, int],
    contexts: Sequence[FormContext],
) -> set[int]:
    """An organisation one source names in its own words (a translated name) is the one the
    other sources name when the same person heads both, no source names both, the names share
    a distinctive word and neither is the other with words added (a parent and its unit).
    Returns the forms of the wording fewer sources use."""
    words: dict[int, set[str]] = defaultdict(set)  # root -> its names' words, long forms too
    names: dict[int, list[list[str]]] = defaultdict(list)
    for i, key in enumerate(keys):
        names[uf.find(i)].append(key.split())
    for short, long in pairs:
        if short in index:
            names[uf.find(index[short])].append(name_key(long).split())
    for root, keyed in names.items():
        words[root] = {w for key in keyed for w in key} - CONNECTORS
    headed_by: dict[int, set[int]] = defaultdict(set)
    for i, context in enumerate(contexts):
        for head in context.heads:
            if head in index:
                headed_by[uf.find(i)].add(uf.find(index[head]))
    sources = _sources_by_root(uf, contexts)
    minor: set[int] = set()
    for a in sorted(headed_by):
        near = {
            b
            for b in headed_by
            if b != a
            and headed_by[a] & headed_by[b]
            and not sources[a] & sources[b]
            and words[a] & words[b] - GENERIC_WORDS
            and len(words[a] & words[b]) >= 2
            and not any(
                _is_subsequence(x, y) or _is_subsequence(y, x) for x in names[a] for y in names[b]
            )
        }
        if len(near) == 1:
            b = near.pop()
            if uf.find(a) != uf.find(b):
                minor |= _fewer_sources(uf, uf.find(a), uf.find(b), sources, len(contexts))
                uf.union(a, b)
    return minor


def _merge_governments(
    uf: _UnionFind,
    keys: Sequence[str],
    cores: Mapping[int, list[str]],
    index: Mapping[str, int],
    contexts: Sequence[FormContext],
) -> set[int]:
    """A "Reyes administration" is the country the text gives a Reyes as leader of
    ("Freedonian President Ana Reyes"), when that is one country; returns those forms. Without
    such a sentence the administration stays a party of its own."""
    led_by: dict[int, set[int]] = defaultdict(set)  # person root -> country roots
    for k, context in enumerate(contexts):
        for leader in context.leaders:
            if leader in index:
                led_by[uf.find(index[leader])].add(uf.find(k))
    minor: set[int] = set()
    for i, key in enumerate(keys):
        words = key.split()
        if len(words) != 2 or words[-1] not in GOVERNING_NOUNS:
            continue
        persons = {
            uf.find(j) for j, core in cores.items() if len(core) >= 2 and core[-1] == words[0]
        }
        countries_led = {c for p in persons for c in led_by[p]}
        if len(persons) == 1 and len(countries_led) == 1:
            uf.union(countries_led.pop(), i)
            minor.add(i)
    return minor


def cluster_name(
    members: list[int], texts: list[str], minor_forms: set[int], by_form: dict[str, list[Mention]]
) -> str:
    """The name a party goes by: a country's own name; else, of its non-acronym, non-minor
    forms, the fullest (in words, country prefixes counted once; then the most mentioned) that
    contains the form the sources use most."""
    for i in members:
        country = country_of(texts[i])
        if country:
            return country
    nicknames = countries().institutions
    named = [i for i in members if i not in minor_forms and name_key(texts[i]) not in nicknames]
    pool = [i for i in named if not looks_like_acronym(texts[i])] or named or members
    # the form the sources use most, at its fullest: "Cuprandes" over a translation used once,
    # "NLC Group Ltd." for "NLC"; else the fullest form ("Frontier Works Organisation")
    base = min(named or members, key=lambda i: (-len(by_form[texts[i]]), i))
    base_words = name_key(texts[base]).split()
    fuller = [i for i in pool if _is_subsequence(base_words, name_key(texts[i]).split())]
    best = min(
        fuller or pool,
        key=lambda i: (-len(name_key(texts[i]).split()), -len(by_form[texts[i]]), i),
    )
    return texts[best]
