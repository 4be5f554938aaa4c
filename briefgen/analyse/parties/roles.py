"""Roles: a person's title from the text ("Commerce Minister Jam Kamal", "X, the Acting Deputy
Chief of Mission"), the kind of role a party has (`RoleKind`: signatory, official, other), and which
parties are the principals (signatories come from `briefgen.analyse.signing`)."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Collection, Mapping, Sequence
from enum import IntEnum

from spacy.tokens import Token

from briefgen.analyse.parties.mentions import Mention
from briefgen.annotate.names import (
    BULLET_MARKS,
    CONNECTORS,
    GOVERNMENT_WORDS,
    HEAD_TITLES,
    TITLE_WORDS,
    country_of,
    is_capitalised,
    lowered,
    name_key,
    straight_quotes,
)
from briefgen.brief import Party


def _is_break(token: Token) -> bool:
    return token.is_space or "\n" in token.text or token.text in BULLET_MARKS


def _title_before(m: Mention, blocked: set[int]) -> str | None:
    """The title right before a name: "Chargé d'Affaires Natalie Baker", "Commerce Minister"."""
    doc, span = m.doc, m.sentence.span
    first, _ = m.token_range()
    run: list[int] = []
    i = first - 1
    if i - 2 >= span.start and doc[i].text == ")" and doc[i - 2].text == "(":
        i -= 3  # "Chief Executive Officer (CEO) Sarah Whitcombe"
    while i >= span.start and i not in blocked and not _is_break(doc[i]):
        low = lowered(doc[i])
        if not (is_capitalised(doc[i].text) or low in CONNECTORS or low in TITLE_WORDS):
            break
        run.insert(0, i)
        i -= 1
    # Start at the first title word, or a word right before a head ("Commerce Minister");
    # skip what comes earlier ("Embassy Islamabad", "US").
    while run:
        low = lowered(doc[run[0]])
        nxt = lowered(doc[run[1]]) if len(run) > 1 else ""
        portfolio = (
            nxt in HEAD_TITLES
            and low not in CONNECTORS
            and country_of(doc[run[0]].text) is None
            and doc[run[0]].ent_type_ not in ("GPE", "NORP")
        )
        if low in TITLE_WORDS or portfolio:
            break
        run.pop(0)
    # End at the last title word unless an "of" complement follows it ("Minister of Finance");
    # capitalised words after it are a first name the model left out ("chief executive Ana").
    titled = [k for k, j in enumerate(run) if lowered(doc[j]) in TITLE_WORDS]
    if titled and not any(lowered(doc[j]) in CONNECTORS for j in run[titled[-1] :]):
        run = run[: titled[-1] + 1]
    while run and lowered(doc[run[-1]]) in CONNECTORS:
        run.pop()
    if not any(lowered(doc[j]) in HEAD_TITLES for j in run):
        return None
    return doc[run[0] : run[-1] + 1].text


def _title_after(m: Mention) -> str | None:
    """An apposition: "Zach Harkenrider, the Acting Deputy Chief of Mission at ..."."""
    doc, span = m.doc, m.sentence.span
    _, j = m.token_range()
    if j >= span.end or doc[j].text != ",":
        return None
    j += 1
    if j < span.end and doc[j].lower_ in ("the", "a", "an"):
        j += 1
    run: list[int] = []
    while j < span.end and len(run) < 10 and (doc[j].is_alpha or is_capitalised(doc[j].text)):
        run.append(j)
        j += 1
    heads = [k for k, t in enumerate(run) if lowered(doc[t]) in HEAD_TITLES]
    if not heads:
        return None
    h = heads[-1]
    for t in run[:h]:  # only title-like words before the head ("a company that hired ..." is not)
        if not (
            lowered(doc[t]) in TITLE_WORDS
            or is_capitalised(doc[t].text)
            or doc[t].pos_ in ("NOUN", "ADJ")
        ):
            return None
    end = h + 1
    if end + 1 < len(run) and doc[run[end]].lower_ == "of":  # "Chief of Mission"
        k = end + 1
        if doc[run[k]].lower_ == "the":
            k += 1
        if k < len(run) and is_capitalised(doc[run[k]].text):
            end = k + 1
            while end < len(run) and is_capitalised(doc[run[end]].text):
                end += 1
    return doc[run[0] : run[end - 1] + 1].text


def _pick_title(titles: list[str]) -> str | None:
    """The title the sources use most; then the longer; then the first seen."""
    if not titles:
        return None
    counts = Counter(straight_quotes(t).casefold() for t in titles)
    best = min(
        range(len(titles)),
        key=lambda i: (-counts[straight_quotes(titles[i]).casefold()], -len(titles[i]), i),
    )
    return titles[best]


def name_tokens(mentions: Sequence[Mention]) -> defaultdict[int, set[int]]:
    """Tokens of the mentions (of person and organisation names), per Doc (by id): a title
    never runs into one."""
    blocked: defaultdict[int, set[int]] = defaultdict(set)
    for m in mentions:
        a, b = m.token_range()
        blocked[id(m.doc)].update(range(a, b))
    return blocked


def person_title(ms: Sequence[Mention], blocked: defaultdict[int, set[int]]) -> str | None:
    """The title the sources give a person, before or after any of their mentions."""
    titles = []
    for m in sorted(ms, key=lambda m: m.position):
        a, b = m.token_range()
        own = blocked[id(m.doc)] - set(range(a, b))
        titles += [t for t in (_title_before(m, own), _title_after(m)) if t]
    return _pick_title(titles)


def principals(
    parties: Sequence[Party], signed_in: Mapping[str, Collection[str]], n_sources: int
) -> list[str]:
    """The one definition of the principal parties: those the deal is between, at most three.

    The parties the sources show signing the event's agreement (`signed_in`: party name ->
    sources that show it signing) and that at least half the sources name, organisations first,
    then by how many sources show them signing; when fewer than two sign, the organisations at
    least half the sources name fill up, signatories first. A signer few sources name at all is
    more likely a misreading ("a filing *with* the stock exchange") than a principal.
    `parties` are in the Brief's order; names are returned most central first.
    """
    half = max(1, (n_sources + 1) // 2)
    order = {p.name: i for i, p in enumerate(parties)}
    signers = sorted(
        (p for p in parties if signed_in.get(p.name) and len(p.sources) >= half),
        key=lambda p: (p.type != "ORG", -len(signed_in[p.name]), order[p.name]),
    )
    if len(signers) < 2:
        orgs = [p for p in parties if p.type == "ORG" and len(p.sources) >= half]
        orgs.sort(key=lambda p: (not signed_in.get(p.name), -len(p.sources), order[p.name]))
        signers += [p for p in orgs if p not in signers]
    return [p.name for p in signers[:3]]


class RoleKind(IntEnum):
    """What a party does in the event, in the order the Parties table ranks the kinds (whether
    a party is a principal is a flag of its own, `Party.principal`)."""

    SIGNATORY = 0  # shown signing the event's agreement (analyse/signing.read_signings)
    OFFICIAL = 1  # a titled person or a government body
    OTHER = 2  # named in the event, no role the text gives

    @property
    def label(self) -> str | None:
        """The word the Parties table shows for the kind (a title stands for an official)."""
        return "signatory" if self is RoleKind.SIGNATORY else None


def role_kind(signatory: bool, kind: str, name: str, title: str | None) -> RoleKind:
    """Signatory; else official (a titled person, a government body); else other."""
    if signatory:
        return RoleKind.SIGNATORY
    government = kind == "ORG" and any(w in GOVERNMENT_WORDS for w in name_key(name).split())
    return RoleKind.OFFICIAL if (kind == "PERSON" and title) or government else RoleKind.OTHER


def role_text(kind: RoleKind, title: str | None) -> str | None:
    """The Party's role as the Brief shows it: "signatory; chief executive", a title, or None."""
    return "; ".join(r for r in (kind.label, title) if r) or None
