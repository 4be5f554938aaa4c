"""Roles: a person's title from the text ("Commerce Minister Jam Kamal", "X, the Acting Deputy
Chief of Mission"), the kind of role a party has (`RoleKind`: signatory, official, other), and which
parties are the principals (signatories come from `briefgen.analyse.signing`)."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Collection, Mapping, Sequence
from enum import IntEnum

from briefgen.analyse.parties.mentions import Mention
from briefgen.annotate.name_spans import government_by_words, title_after, title_before
from briefgen.annotate.names import straight_quotes
from briefgen.brief import Party


def _title_before(m: Mention, blocked: set[int]) -> str | None:
    """The title right before a name: "Chargé d'Affaires Natalie Baker", "Commerce Minister"."""
    first, _ = m.token_range()
    return title_before(m.doc, first, m.sentence.span.start, blocked)


def _title_after(m: Mention) -> str | None:
    """An apposition: "Zach Harkenrider, the Acting Deputy Chief of Mission at ..."."""
    _, end = m.token_range()
    return title_after(m.doc, end, m.sentence.span.end)


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
    government = kind == "ORG" and government_by_words(name)
    return RoleKind.OFFICIAL if (kind == "PERSON" and title) or government else RoleKind.OTHER


def role_text(kind: RoleKind, title: str | None) -> str | None:
    """The Party's role as the Brief shows it: "signatory; chief executive", a title, or None."""
    return "; ".join(r for r in (kind.label, title) if r) or None
