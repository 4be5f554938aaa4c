"""Parties: who is involved, from spaCy's entities, cleaned, merged across articles, with roles.

1. Candidates per sentence: NER entities (ORG, GPE, PERSON, NORP); names the text defines with an
   acronym ("Frontier Works Organisation (FWO)"); names after a title that the statistical model
   missed ("Field Marshal Syed Asim Munir").
2. Clean: split at line breaks and bullets; strip articles, possessives and titles; join
   hyphenated names ("Mota-Engil"); split country pairs ("U.S.-Pakistan").
3. Reject junk: single generic or title words, common-noun acronyms ("memorandum of understanding
   (MoU)", "a domestic EV industry"), words that are not proper nouns, and names seen only in
   headings or site chrome.
4. Propagate: a multi-word name or acronym found once is a mention wherever its tokens recur.
5. Merge surface forms (union-find): spelling variants, country short forms, demonyms and
   capitals, acronyms (one may add a company-form letter: "CATL"), corporate suffixes, company
   short names ("Kestrel Bay"), surnames, a surname misspelt by another source, an
   organisation one source names in its own words with the same head as another's name, "the
   <Surname> administration" and the country the text names that person the leader of.
6. Per party: type (vote, corrected by the words of the name), fullest name, role (a title from
   the text; "signatory" from a dependency parse of the few signing sentences, leaving out
   signings of another agreement: "a similar pact X signed in 2022"), then order:
   signatories, officials, others, each by salience (sources x mentions).
7. Principals (`roles.principals`, the one definition): the parties the deal is between,
   marked on the Party (`principal`) for the open questions and the renderers.

Modules: `mentions` (the Mention type), `initialisms` (common-noun acronyms), `cleaning`
(country pairs, junk, overlaps), `candidates` (steps 1-4), `propagation` (step 4), `aliases`
(step 5), `roles` (step 6). The words are read in `briefgen/annotate/`: `names` (acronym
definitions, titled names, spelling keys, the country table) and `name_spans` (where a name
starts and ends, titles, junk, acronym uses), with their lists in `data/names.toml` and
`data/parties.toml`; signing sentences are read by `briefgen.analyse.signing`, shared with the
open questions.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import replace

from spacy.language import Language

from briefgen.analyse.parties.aliases import FormContext, cluster_name, form_label, merge_forms
from briefgen.analyse.parties.candidates import find_mentions
from briefgen.analyse.parties.mentions import Mention, by_sentence, places_among
from briefgen.analyse.parties.roles import (
    RoleKind,
    name_tokens,
    person_title,
    principals,
    role_kind,
    role_text,
)
from briefgen.analyse.signing import Signing, read_signings
from briefgen.annotate.name_spans import heads as head_of
from briefgen.annotate.name_spans import leads
from briefgen.annotate.names import (
    aligns,
    countries,
    country_of,
    is_heading_line,
    name_key,
    one_body_by_words,
    place_by_words,
    plain_key,
    spells_by_prefixes,
    title_by_words,
)
from briefgen.brief import Party
from briefgen.corpus import Sentence, sorted_sources

__all__ = [
    "RoleKind",
    "aligns",
    "country_of",
    "find_parties",
    "is_heading_line",
    "name_key",
    "spells_by_prefixes",
]


def find_parties(
    sentences: Sequence[Sentence],
    nlp: Language | None = None,
    signings: Sequence[Signing] | None = None,
) -> list[Party]:
    """The parties in the content sentences, merged across articles, most important first,
    the principals marked. `signings`: `read_signings(sentences, nlp)`, if read already."""
    mentions, pairs = find_mentions(sentences)
    if not mentions:
        return []
    by_form: dict[str, list[Mention]] = {}
    for m in sorted(mentions, key=lambda m: m.position):
        by_form.setdefault(m.text, []).append(m)
    texts = list(by_form)
    index = {t: i for i, t in enumerate(texts)}
    labels = [form_label(t, by_form[t]) for t in texts]
    counts = [len(by_form[t]) for t in texts]
    contexts = _form_contexts(texts, labels, by_form)
    merged = merge_forms(texts, labels, pairs, places_among(mentions), counts, contexts)
    clusters: dict[int, list[int]] = defaultdict(list)
    for i in range(len(texts)):
        clusters[merged.root[i]].append(i)

    if signings is None:
        signings = read_signings(sentences, nlp)
    by_sentence: dict[int, list[Signing]] = defaultdict(list)
    for signing in signings:
        by_sentence[id(signing.sentence)].append(signing)
    signed = {
        m for m in mentions if any(g.signed(m.start, m.end) for g in by_sentence[id(m.sentence)])
    }
    names: dict[int, str] = {}
    kinds: dict[int, str] = {}
    located = places_among(mentions, strict=True)
    settlements = places_among(mentions, settlements=True)
    for root, members in clusters.items():
        names[root] = name = cluster_name(members, texts, merged.minor_forms, by_form)
        # A country is a GPE; otherwise the type of the fullest name, which carries the most
        # evidence ("Tamsin Gold Group" is an ORG where the model read "Tamsin Gold" as a person).
        kinds[root] = "GPE" if any(country_of(texts[i]) for i in members) else labels[index[name]]
        if any(country_of(texts[i]) for i in members):
            continue
        if kinds[root] != "ORG" and any(m.corporate for i in members for m in by_form[texts[i]]):
            kinds[root] = "ORG"  # "Norland Chairman ...", "Harrow's shareholders"
            continue
        if kinds[root] == "PERSON" and all(title_by_words(texts[i]) for i in members):
            kinds[root] = "ORG"  # "Le Figaro reports": an outlet, whatever the model said
            continue
        if (
            kinds[root] == "NORP"
            and all(one_body_by_words(texts[i]) for i in members)
            and not any(m.adjectival for i in members for m in by_form[texts[i]])
        ):
            kinds[root] = "ORG"  # "a takeover of Sino Canadian": no group of people
            continue
        if (
            kinds[root] in ("PERSON", "ORG")
            and all(texts[i] in settlements for i in members)
            and not any(m.corporate for i in members for m in by_form[texts[i]])
        ):
            kinds[root] = "GPE"  # "the towns of X and Y": places the model read otherwise
            continue
        if kinds[root] != "GPE":
            continue
        # A place is somewhere things happen ("in Velmora"); a "place" no source puts anything
        # in, whose name says no place, nor a capital or demonym, that the model reads as an
        # organisation somewhere is an organisation ("Norland said", "Tamsin Gold's offer").
        table = countries()
        votes = Counter(m.label for i in members for m in by_form[texts[i]])
        if votes["ORG"] and not any(
            texts[i] in located
            or place_by_words(texts[i])
            or plain_key(texts[i]) in table.capitals | table.demonyms
            for i in members
        ):
            kinds[root] = "ORG"
    # a title never runs into a person's or organisation's name, whatever a mention's label
    blocked = name_tokens(
        [
            m
            for i in range(len(texts))
            for m in by_form[texts[i]]
            if m.label in ("PERSON", "ORG") or kinds[merged.root[i]] in ("PERSON", "ORG")
        ]
    )

    n_sources = len({s.source_id for s in sentences})
    anchors = _anchor_sentences(clusters, texts, by_form, n_sources)
    signed_in: dict[str, set[str]] = {}
    ranked: list[tuple[tuple[RoleKind, int, tuple[int, int, int], str], Party]] = []
    for root, members in clusters.items():
        ms = [m for i in members for m in by_form[texts[i]]]
        name, kind = names[root], kinds[root]
        if kind == "NORP" and all(m.adjectival for m in ms):
            continue  # "Asian neighbours": a description, not a party
        title = person_title(ms, blocked) if kind == "PERSON" else None
        signed_in[name] = {m.sentence.source_id for m in ms if m in signed}
        signatory = bool(signed_in[name])
        if (
            kind == "GPE"
            and not signatory
            and 2 * len({m.sentence.source_id for m in ms}) < n_sources
            and not any(country_of(texts[i]) for i in members)
        ):
            continue  # a city, region or site few sources name: where, not who
        if _off_topic(ms, anchors):
            continue  # another story on the same page ("Related: ..."), named by one source
        rank = role_kind(signatory, kind, name, title)  # ranks the table: signatories first
        sources = sorted_sources(m.sentence.source_id for m in ms)
        party = Party(
            name=name,
            type=kind,
            aliases=sorted({texts[i] for i in members}, key=lambda t: (t.casefold(), t)),
            role=role_text(rank, title),
            mentions=len(ms),
            sources=sources,
        )
        first = min(m.position for m in ms)
        ranked.append(((rank, -len(sources) * len(ms), first, name), party))
    ordered = [party for _, party in sorted(ranked, key=lambda item: item[0])]
    central = set(principals(ordered, signed_in, n_sources))
    return [replace(p, principal=True) if p.name in central else p for p in ordered]


def _form_contexts(
    texts: list[str], labels: list[str], by_form: dict[str, list[Mention]]
) -> list[FormContext]:
    """Per form: its first position in each source, the persons named as its head in one of
    its sentences ("Ofgem chief executive Jane Roe") and, for a country, as its leader
    ("Freedonian President Ana Reyes")."""
    label = dict(zip(texts, labels, strict=True))
    heads: dict[str, set[str]] = defaultdict(set)
    leaders: dict[str, set[str]] = defaultdict(set)
    grouped = by_sentence(m for ms in by_form.values() for m in ms)
    for ms in grouped.values():
        persons = [m for m in ms if label[m.text] == "PERSON"]
        for other in (m for m in ms if label[m.text] != "PERSON"):
            for person in persons:
                at = (other.token_range(), person.token_range())
                if label[other.text] == "ORG" and head_of(other.doc, *at):
                    heads[other.text].add(person.text)
                elif label[other.text] in ("GPE", "NORP") and leads(other.doc, *at):
                    leaders[other.text].add(person.text)
    contexts = []
    for text in texts:
        first: dict[str, tuple[int, int, int]] = {}
        for m in by_form[text]:  # in the order of the text
            first.setdefault(m.sentence.source_id, m.position)
        contexts.append(FormContext(first, frozenset(heads[text]), frozenset(leaders[text])))
    return contexts


def _anchor_sentences(
    clusters: dict[int, list[int]],
    texts: list[str],
    by_form: dict[str, list[Mention]],
    n_sources: int,
) -> set[tuple[int, int]]:
    """The sentences (article, index) that name a party at least half the sources name: the
    event's own sentences."""
    half = max(2, (n_sources + 1) // 2)
    found: set[tuple[int, int]] = set()
    for members in clusters.values():
        ms = [m for i in members for m in by_form[texts[i]]]
        if len({m.sentence.source_id for m in ms}) >= half:
            found.update((m.sentence.article_index, m.sentence.index) for m in ms)
    return found


NEAR_SENTENCES = 2  # how far from the event's own sentences a party still belongs to it


def _off_topic(ms: Sequence[Mention], anchors: set[tuple[int, int]]) -> bool:
    """Named by one source only, and never in or near a sentence that names one of the event's
    parties: a party of another story on the page. Without such parties (one or two sources)
    nothing is off the topic."""
    if not anchors or len({m.sentence.source_id for m in ms}) > 1:
        return False
    return not any(
        (m.sentence.article_index, m.sentence.index + d) in anchors
        for m in ms
        for d in range(-NEAR_SENTENCES, NEAR_SENTENCES + 1)
    )
