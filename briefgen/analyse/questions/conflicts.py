"""Conflicts: what the sources disagree on. Different amounts for the same thing, different
lengths for the same thing ("banned for four months" / "for three months"), a party that signs
in some sources and only facilitates in others, different people named as signers, different
days of signing, and one person's name spelled two ways."""

from __future__ import annotations

import calendar
from bisect import bisect_left, bisect_right
from collections.abc import Mapping, Sequence
from dataclasses import replace
from difflib import SequenceMatcher

from briefgen.analyse.calendar import place, weekday_matches
from briefgen.analyse.questions.actors import Actor, signing_roles
from briefgen.analyse.questions.draft import QuestionDraft
from briefgen.analyse.questions.event import Event
from briefgen.analyse.questions.figures import Mention, distinct_amounts, same_amount
from briefgen.analyse.questions.phrasing import cite, ids, quote, report, says
from briefgen.analyse.signing import SIGN_LEMMAS, Signing
from briefgen.analyse.text import (
    QUOTE_MARKS,
    ents,
    has_word,
)
from briefgen.annotate import cues, dates
from briefgen.annotate.dates import DateMention
from briefgen.annotate.figures import MEASURE_NOUNS
from briefgen.annotate.names import name_key, transliteration_key
from briefgen.corpus import Sentence, doc_text, source_order

MAX_CLAIMS = 3  # disagreeing figures named in one question


# Two figures for the deal this close (larger over smaller) can be one figure reported two
# ways; further apart, they more likely measure different things (the deal and a part of it).
SAME_FIGURE_RATIO = 1.5


def single_figure_sources(mentions: Sequence[Mention]) -> list[Mention]:
    """Mentions from sources that state one amount for the thing: a source giving two
    describes two things or a change, not a disagreement with the others."""
    by_source: dict[str, list[Mention]] = {}
    for m in mentions:
        by_source.setdefault(m.sentence.source_id, []).append(m)
    return [m for m in mentions if len(distinct_amounts(by_source[m.sentence.source_id])) == 1]


def rounding_step(m: Mention) -> float:
    """How far the figure as written can be from the exact one: half a unit of its last digit
    ("£21bn": 0.5bn; "£21.4bn": 0.05bn)."""
    digits = "".join(c for c in m.text if c.isdigit() or c == ".").strip(".")
    decimals = len(digits.split(".")[1]) if "." in digits else 0
    scale = m.figure.scale or 1
    return 0.5 * scale * 10.0**-decimals


def unround(mentions: Sequence[Mention]) -> list[Mention]:
    """Each mention with the amount of a more exact mention it rounds ("£21bn" for "£21.4bn"):
    a rounded figure and the exact one are one figure, not a disagreement.

    Of the mentions within the rounding step, the most exact (the first written, on a tie).
    The answer depends only on a mention's amount and step, so it is worked out once per
    distinct pair, looking only at the amounts near it (sorted): a thousand articles repeat
    the same few figures, which a comparison of every pair made quadratic."""
    steps = [rounding_step(m) for m in mentions]
    first: dict[tuple[float, float], int] = {}  # (amount, step) -> its first mention
    for i, (m, step) in enumerate(zip(mentions, steps, strict=True)):
        first.setdefault((m.amount, step), i)
    kinds = sorted(first)  # by amount
    amounts = [amount for amount, _ in kinds]
    exact_amount: dict[tuple[float, float], float] = {}
    for amount, step in kinds:
        # A slightly wider window than the step; the exact test below decides.
        reach = step * (1 + 1e-9) + 1e-12
        lo, hi = bisect_left(amounts, amount - reach), bisect_right(amounts, amount + reach)
        near = [
            (other_step, first[(other, other_step)], other)
            for other, other_step in kinds[lo:hi]
            if other_step < step and abs(other - amount) <= step
        ]
        if near:
            exact_amount[(amount, step)] = min(near)[2]
    out = []
    for m, step in zip(mentions, steps, strict=True):
        exact = exact_amount.get((m.amount, step))
        out.append(replace(m, amount=exact) if exact is not None else m)
    return out


def close_figures(mentions: Sequence[Mention]) -> list[Mention]:
    """Mentions whose amount is within `SAME_FIGURE_RATIO` of a different amount: the same
    figure reported two ways, rather than the deal and something else."""
    amounts = distinct_amounts(mentions)
    keep = [
        a
        for a in amounts
        if any(
            not same_amount(a, b) and max(a, b) <= SAME_FIGURE_RATIO * min(a, b) for b in amounts
        )
    ]
    return [m for m in mentions if any(same_amount(m.amount, a) for a in keep)]


def measure(thing_name: str, m: Mention) -> str:
    """ "the value of the deal", but "the enterprise value", not "the value of" a value."""
    if m.figure.measures_head in MEASURE_NOUNS and thing_name.startswith("the "):
        return thing_name
    return f"the value of {thing_name}"


def figure_conflicts(event: Event) -> tuple[list[QuestionDraft], set[int]]:
    """Different amounts (same currency) for the same thing, from different sources; and the
    ids of the mentions involved (their figures need no thin-sourcing question too).

    The deal's own value is compared across every sentence about the deal that measures it as
    a whole ("a $9.8bn agreement", "a project officials valued at about $9bn"), whatever noun
    it is tied to; other things by the noun they are tied to ("the plant")."""
    out: list[QuestionDraft] = []
    disputed: set[int] = set()
    relevant = {id(s) for s in event.relevant}
    seen: set[int] = set()
    by_thing: dict[tuple[str, str], list[Mention]] = {}
    for f in event.figures:
        if not f.key:
            continue
        for m in f.mentions:
            thing = m.thing
            if thing is None or id(m) in seen or cues.has(m.sentence.span, "change"):
                continue
            if thing == "deal" and id(m.sentence) not in relevant:
                continue
            seen.add(id(m))
            by_thing.setdefault((thing, m.currency or ""), []).append(m)
    for (thing, _), found in sorted(by_thing.items()):
        ms = single_figure_sources(unround(found))
        if thing == "deal":
            ms = close_figures(ms)
        amounts = distinct_amounts(ms)
        if len(amounts) < 2:
            continue
        groups = [[m for m in ms if same_amount(m.amount, a)] for a in amounts]
        thing_name = event.deal if thing == "deal" else f"the {ms[0].referent}"
        groups.sort(
            key=lambda g: (
                -len({m.sentence.source_id for m in g}),
                source_order(min((m.sentence.source_id for m in g), key=source_order)),
            )
        )
        if len(groups) > MAX_CLAIMS:
            groups = groups[:MAX_CLAIMS]  # the best-supported figures; the count says the rest
        sources = [{m.sentence.source_id for m in g} for g in groups]
        claims = "; ".join(
            f"{ids(srcs)} {'values' if len(srcs) == 1 else 'value'} it at {g[0].text}"
            if i == 0
            else f"{ids(srcs)} at {g[0].text}"
            for i, (g, srcs) in enumerate(zip(groups, sources, strict=True))
        )
        many = len(amounts) > MAX_CLAIMS
        count = f" Sources give {len(amounts)} different figures." if many else ""
        hedged = [(g[0], h) for g in groups if (h := g[0].hedge)]
        hedge_note = "".join(
            f"; {m.sentence.source_id} hedges its figure (“{h}”), so rounding may explain part"
            " of the difference"
            for m, h in hedged
        )
        disputed |= {id(m) for m in found}
        out.append(
            QuestionDraft(
                "conflict",
                97,
                f"What is {measure(thing_name, ms[0])}?{count} {claims}. Which is right?",
                "; ".join(cite(g[0].sentence, g[0].text, 6) for g in groups) + hedge_note + ".",
                f"figure-conflict:{thing}",
            )
        )
    return out, disputed


def signatory_conflicts(event: Event) -> list[QuestionDraft]:
    """A party that signs in some sources and only facilitates in others."""
    signs: dict[str, set[str]] = {}
    helps: dict[str, set[str]] = {}
    evidence: dict[tuple[str, str], Signing] = {}
    names: dict[str, Actor] = {}
    relevant = {id(s) for s in event.relevant}
    for signing in event.signings:
        if id(signing.sentence) not in relevant:
            continue
        signers, facilitators = signing_roles(signing, event.roster)
        source = signing.sentence.source_id
        for role, named in (("signs", signers), ("helps", facilitators)):
            for actor in named:
                names[actor.name] = actor
                (signs if role == "signs" else helps).setdefault(actor.name, set()).add(source)
                evidence.setdefault((role, actor.name), signing)
    out = []
    principal_names = {a.name for a in event.principals}
    for name in sorted(helps, key=lambda n: names[n].name):
        if name not in principal_names:
            continue  # the question is who signed the deal, asked about its central parties
        only_helps = helps[name] - signs.get(name, set())
        signing_only = signs.get(name, set()) - helps[name]
        if not only_helps or not signing_only:
            continue
        actor = names[name]
        helped, signer = evidence[("helps", name)], evidence[("signs", name)]
        sign_ids, sign_report = ids(signing_only), report(signing_only)
        other = [a.short for a in event.principals if a.name != name][:1]
        with_whom = f" with {other[0]}" if other else ""
        text = (
            f"Is {actor.name} ({actor.short}) a signatory of the {event.deal_noun or 'deal'}"
            f"{with_whom} or only its facilitator? {sign_ids} {sign_report} {actor.short}"
            " signing;"
            f" {ids(only_helps)} {says(only_helps)} it facilitated the agreement."
            if actor.short != actor.name
            else f"Is {actor.name} a signatory{with_whom} or only a facilitator? {sign_ids}"
            f" {sign_report} it signing; {ids(only_helps)} {says(only_helps)} it facilitated"
            " the agreement."
        )
        basis = f"{cite(helped.sentence, helped.helped_cue)}; {cite(signer.sentence, signer.cue)}."
        out.append(QuestionDraft("conflict", 95, text, basis, f"signatory:{name}"))
    return out


def signers_named(signing: Signing, event: Event) -> list[tuple[str, str | None]]:
    """The people a "signed by" clause names, each with the principal whose title stands before
    the name ("Mota Rail chief executive Paulo Serrano" signs for Mota Rail), if any."""
    out: list[tuple[str, str | None]] = []
    s = signing.sentence
    for prev_end in signing.signed_by:
        for e in ents(s.span):
            if e.start_char < prev_end or e.label_ != "PERSON" or len(e.text.split()) < 2:
                continue
            if e.start_char - prev_end > 80:
                break
            title = name_key(doc_text(s.span.doc)[prev_end : e.start_char])
            side = next(
                (a.name for a in event.principals if any(has_word(f, title) for f in a.keys)),
                None,
            )
            out.append((e.text, side))
            prev_end = e.end_char
    return out


def signer_conflicts(event: Event) -> list[QuestionDraft]:
    """Sources naming different people as the ones who signed ("signed by ..."): for the same
    party when the titles say whose side each signed for, else overall."""
    by_side: dict[str | None, dict[str, dict[str, Sentence]]] = {}
    relevant = {id(s) for s in event.relevant}
    for signing in event.signings:
        if id(signing.sentence) not in relevant:
            continue
        s = signing.sentence
        for person, side in signers_named(signing, event):
            by_side.setdefault(side, {}).setdefault(person, {}).setdefault(s.source_id, s)
    out = []
    for side in sorted(by_side, key=lambda x: (x is not None, x or "")):
        by_person = by_side[side]
        if len(by_person) < 2:
            continue
        people = sorted(by_person, key=lambda p: (min(map(source_order, by_person[p])), p))
        sources = [set(by_person[p]) for p in people]
        if any(a & b for i, a in enumerate(sources) for b in sources[i + 1 :]):
            continue  # a source naming several signers lists them; nobody contradicts it
        claims = "; ".join(f"{ids(by_person[p])}: {p}" for p in people)
        basis = "; ".join(
            f"{src}: {quote(sent.text, 16)}" for p in people for src, sent in by_person[p].items()
        )
        text = (
            f"Who signed {event.deal} for {side}? Sources name different people ({claims}); did"
            " both sign, or do the reports disagree?"
            if side
            else f"Who signed {event.deal}? Sources name different signatories ({claims}); did"
            " each sign for a different party, or do the reports disagree?"
        )
        out.append(QuestionDraft("conflict", 88, text, basis + ".", f"signers:{side or ''}"))
    return out


def signing_day(m: DateMention, published: str | None) -> tuple[str, str] | None:
    """(key, label) of a day a source gives: the ISO day when the calendar places it (a weekday
    by the article's own date), else the day as written; None for what names no single day."""
    if m.month is not None and m.day is not None:
        label = f"{calendar.month_name[m.month]} {m.day}"
    elif m.weekday is not None and m.offset in (None, 0) and m.month is None:
        label = calendar.day_name[m.weekday]
    else:
        return None
    return place(m, published).iso or label, label


def _same_day(days: dict[str, dict[str, Sentence]], shown: dict[str, DateMention]) -> None:
    """Fold a day left unplaced into the one placed day it agrees with: "Wednesday" (or "April
    30" without a year) and 2025-04-30 are one day, not a conflict."""
    placed = [k for k in days if k[:1].isdigit()]
    for key in [k for k in days if not k[:1].isdigit()]:
        m = shown[key]
        fits = [
            iso
            for iso in placed
            if (m.month is None and weekday_matches(m, iso))
            or (m.month, m.day) == (int(iso[5:7]), int(iso[8:10]))
        ]
        if len(fits) == 1:
            for src, sentence in days.pop(key).items():
                days[fits[0]].setdefault(src, sentence)


def date_conflicts(event: Event, published: Mapping[str, str | None]) -> list[QuestionDraft]:
    """Sources that put the signing on different days (`published`: each source's own date)."""
    days: dict[str, dict[str, Sentence]] = {}
    labels: dict[str, str] = {}
    shown: dict[str, DateMention] = {}
    for s in event.relevant:
        if id(s) not in event.naming_principals or QUOTE_MARKS.search(s.text):
            continue
        # The cheap tests first: few sentences name a date; fewer still a signing.
        named_dates = [m for _, m in dates.mentions(s.span) if m.entity]
        if not named_dates or not any(t.lemma_.lower() in SIGN_LEMMAS for t in s.span):
            continue
        for m in named_dates:
            if found := signing_day(m, published.get(s.source_id)):
                key, label = found
                days.setdefault(key, {}).setdefault(s.source_id, s)
                labels.setdefault(key, label)
                shown.setdefault(key, m)
    _same_day(days, shown)
    if len(days) < 2:
        return []
    by_source: dict[str, set[str]] = {}
    for day, srcs in days.items():
        for src in srcs:
            by_source.setdefault(src, set()).add(day)
    if any(len(v) > 1 for v in by_source.values()):
        return []  # one source naming two days describes two events, not a conflict
    ordered = sorted(days, key=lambda d: (-len(days[d]), min(map(source_order, days[d]))))
    claims = "; ".join(f"{ids(days[d])}: {labels[d]}" for d in ordered)
    basis = "; ".join(
        f"{src}: {quote(s.text, 14)}" for d in ordered for src, s in sorted(days[d].items())
    )
    return [
        QuestionDraft(
            "conflict",
            90,
            f"On which day was {event.deal} signed? Sources differ ({claims}).",
            basis + ".",
            "date:signing",
        )
    ]


def name_conflicts(event: Event) -> list[QuestionDraft]:
    """The same person's name spelled two ways (regional spellings of an organisation's name,
    Organisation/Organization, are style, not a conflict, and are not asked about; nor are
    accents, possessives and doubled letters, which `transliteration_key` removes)."""
    spellings: dict[str, dict[str, set[str]]] = {}
    for s in event.sentences:
        for e in ents(s.span):
            if e.label_ == "PERSON" and len(e.text.split()) >= 2:
                spellings.setdefault("PERSON", {}).setdefault(e.text, set()).add(s.source_id)
    out = []
    names = sorted(spellings.get("PERSON", {}))
    # Only names sharing their first or last word can be one name spelled twice; comparing
    # within those blocks keeps this linear-ish on hundreds of articles.
    blocks: dict[str, list[str]] = {}
    for name in names:
        words = name.lower().split()
        blocks.setdefault("first:" + words[0], []).append(name)
        blocks.setdefault("last:" + words[-1], []).append(name)
    pairs = sorted({(a, b) for block in blocks.values() for a in block for b in block if a < b})
    done: set[str] = set()
    for a, b in pairs:
        same = name_key(a) == name_key(b) or transliteration_key(a) == transliteration_key(b)
        if a in done or b in done or same:
            continue
        if len(a.split()) != len(b.split()):
            continue  # "Natalie Baker" and "Chargé d'Affaires Natalie Baker" are one name
        matcher = SequenceMatcher(None, a.lower(), b.lower())
        if matcher.quick_ratio() < 0.85 or matcher.ratio() < 0.85:
            continue
        src_a = spellings["PERSON"][a]
        src_b = spellings["PERSON"][b]
        if src_a & src_b:
            continue  # one source spelling both ways is a typo, not a disagreement
        done |= {a, b}
        if min(map(source_order, src_b)) < min(map(source_order, src_a)):
            a, b, src_a, src_b = b, a, src_b, src_a
        out.append(
            QuestionDraft(
                "conflict",
                70,
                f"Which spelling of the name is correct: {a} ({ids(src_a)}) or {b} ({ids(src_b)})?",
                f"{a} in {ids(src_a)}; {b} in {ids(src_b)}.",
                f"name:{name_key(a)}",
            )
        )
    return out


# Two lengths this close (in days) are one length written in two units ("a year", "12 months").
SAME_LENGTH = 0.02


def same_length(a: float, b: float) -> bool:
    return abs(a - b) <= SAME_LENGTH * max(a, b)


def length_claim(claims: Sequence[tuple[Sentence, DateMention]]) -> str:
    """One length and who gives it: "4 months (S1, S3; S1 says at least)"."""
    m = claims[0][1]
    unit = f"{m.length_unit}{'' if m.amount == 1 else 's'}"
    srcs = {s.source_id for s, _ in claims}
    floors = {s.source_id for s, n in claims if n.at_least}
    if floors == srcs:
        return f"at least {m.amount:g} {unit} ({ids(srcs)})"
    floor_note = f"; {ids(floors)} {says(floors)} at least" if floors else ""
    return f"{m.amount:g} {unit} ({ids(srcs)}{floor_note})"


def _clash(a: tuple[Sentence, DateMention], b: tuple[Sentence, DateMention]) -> bool:
    """Two lengths from different sources that cannot both hold: two different lengths, or a
    length shorter than another source's floor ("three months" / "at least four months")."""
    (sa, ma), (sb, mb) = a, b
    da, db = ma.days, mb.days
    if sa.source_id == sb.source_id or da is None or db is None or same_length(da, db):
        return False
    if ma.at_least and mb.at_least:
        return False
    if ma.at_least:
        return db < da
    if mb.at_least:
        return da < db
    return True


def duration_conflicts(event: Event) -> list[QuestionDraft]:
    """Sources giving different lengths for one thing: lengths tied to a shared noun ("the ban
    ... for four months" / "the ban ... for three months"), as the date reader marked what each
    length measures. A change ("extended for another month") is not marked as a length."""
    claims: list[tuple[Sentence, DateMention]] = []
    for s in event.current:
        claims += [(s, m) for _, m in dates.mentions(s.span) if m.measures and m.days]
    # One thing: the lengths linked by the nouns they measure (connected through shared nouns).
    groups: list[list[int]] = []
    by_noun: dict[str, list[int]] = {}
    for k, (_, m) in enumerate(claims):
        for noun in (m.measures or "").split():
            by_noun.setdefault(noun, []).append(k)
    seen: set[int] = set()
    spread: set[str] = set()  # nouns whose lengths are all in a group already
    for k in range(len(claims)):
        if k in seen:
            continue
        group, todo = [], [k]
        while todo:
            j = todo.pop()
            if j in seen:
                continue
            seen.add(j)
            group.append(j)
            # Each noun's lengths are added once: a noun shared by thousands of lengths
            # ("the ban") would otherwise add all of them again for each.
            for n in (claims[j][1].measures or "").split():
                if n not in spread:
                    spread.add(n)
                    todo += by_noun[n]
        groups.append(sorted(group))
    out = []
    for group in groups:
        found = [claims[k] for k in group]
        if not any(_clash(a, b) for a in found for b in found):
            continue
        firsts = [(m.measures or "").split()[0] for _, m in found]
        thing = min(set(firsts), key=lambda n: (-firsts.count(n), n))
        lengths: list[float] = []
        for _, m in found:
            if not any(same_length(m.days or 0.0, d) for d in lengths):
                lengths.append(m.days or 0.0)
        by_length = [[c for c in found if same_length(c[1].days or 0.0, d)] for d in lengths]
        by_length.sort(
            key=lambda g: (
                -len({s.source_id for s, _ in g}),
                min(source_order(s.source_id) for s, _ in g),
            )
        )
        claims_text = " or ".join(length_claim(g) for g in by_length)
        basis = "; ".join(cite(g[0][0], g[0][1].text, 7) for g in by_length)
        out.append(
            QuestionDraft(
                "conflict",
                92,
                f"How long is the {thing}: {claims_text}? Sources give different lengths.",
                basis + ".",
                f"duration:{thing}",
            )
        )
    return out
