"""Promises: a statement about the future ("will", "expected to", "currently choosing", "lays
the groundwork for") rewritten as a question about whether and when it happens; forecasts
("will benefit both countries") and the deal's own terms are not promises."""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Span, Token

from briefgen.analyse.signing import SIGN_LEMMAS
from briefgen.annotate import cues, dates
from briefgen.annotate.figures import FigureKind, figures_in
from briefgen.corpus import Sentence

# Future statements worth following up, and the words that tell a plan from the deal's terms or
# a forecast, are cues (briefgen/data/cues.toml); the phrasing below rewrites the sentence
# around the cue.
# The words trimmed from a statement (adverbs, sequencing words, pronoun subjects, the tails
# that end a step) are cue word lists and patterns too, read through `cues.word_list` and
# `cues.pattern`.
FINITE_TAGS = frozenset({"VBZ", "VBD", "VBP", "MD"})
# Who can be held to a plan: named parties, and nouns for people and institutions (cues).
AGENT_ENTITIES = frozenset({"ORG", "PERSON", "GPE", "NORP"})


def subject_of(text: str, end: int, sentence: Sentence) -> str | None:
    """The words before `end` back to the clause start; None for a bare pronoun, nothing, or
    words holding a verb of their own (then "will" belongs to a clause we cannot isolate)."""
    before = text[:end]
    # Where the clause holding the cue starts: after punctuation, a relative pronoun, or a verb
    # of saying ("Lahadalia said the government will choose": the subject is the government).
    starts = [m.end() for m in cues.pattern("clause_opening").finditer(before)]
    subject = before[starts[-1] if starts else 0 :].strip()
    if not subject and before.rstrip().endswith(","):
        # "The first phase, a cell plant with 10 GWh of capacity, is expected to": the subject
        # stands before the parenthesis.
        opening = before.rstrip()[:-1].rfind(",")
        return subject_of(text, opening, sentence) if opening > 0 else None
    words = [w for w in subject.split() if w.lower() not in cues.word_list("drop_adverb")]
    if len(words) == 1 and words[0].lower() in ("it", "they") and starts:
        # "The company said it will build": the speaker is the subject.
        said = list(cues.pattern("saying").finditer(before))
        if said and said[-1].end() == starts[-1]:
            return speaker(before[: said[-1].start()], sentence)
    if not words or (len(words) == 1 and words[0].lower() in cues.word_list("subject_pronoun")):
        return None
    if words[0].lower() in ("and", "but", "or", "as", "if", "while", "when", "although"):
        return None
    opener = token_for(words[0], sentence)
    if opener is not None and opener.tag_ in ("VBN", "VBG") and starts:
        # "The partnership, composed of A and B, is expected to": a parenthesis; the subject
        # stands before it.
        comma = before[: starts[-1]].rstrip().rfind(",")
        if comma >= 0 and comma >= len(before[: starts[-1]].rstrip()) - 1:
            return subject_of(text, comma, sentence)
        return None
    finite = {t.text for t in sentence.span if t.tag_ in FINITE_TAGS}
    if any(w in finite for w in words):
        # "The deal is subject to approval and is expected to close": the cue shares the
        # sentence's subject.
        return sentence_subject(sentence) if words[-1].lower() == "and" else None
    return " ".join(words)


def speaker(text: str, sentence: Sentence) -> str | None:
    """Who is said to speak, when the words before the verb of saying are a short name."""
    words = text.split()
    finite = {t.text for t in sentence.span if t.tag_ in FINITE_TAGS}
    if not words or len(words) > 6 or any(w in finite or w.endswith(",") for w in words):
        return None
    return None if words[0].lower() in cues.word_list("subject_pronoun") else " ".join(words)


def sentence_subject(sentence: Sentence) -> str | None:
    """The words before a sentence's first finite verb, when they look like a short subject."""
    words: list[str] = []
    for t in sentence.span:
        if t.tag_ in FINITE_TAGS:
            break
        if not t.is_space:
            words.append(t.text)
    pronoun = bool(words) and words[0].lower() in cues.word_list("subject_pronoun")
    if not words or len(words) > 8 or pronoun or "," in words:
        return None
    return re.sub(r"\s+([’'],?s)\b", r"\1", " ".join(words))


def mid_sentence(phrase: str, sentence: Sentence, names: frozenset[str] = frozenset()) -> str:
    """Lower-case a phrase's first word unless it is a name: a word of a party's name in
    `names`, an acronym, or a word the sentence parses as a named entity."""
    first = phrase.split(maxsplit=1)[0] if phrase else ""
    token = token_for(first, sentence)
    acronym = first.isupper() and len(first) > 1  # not the article "A"
    if (
        acronym
        or first in names
        or (token is not None and token.pos_ == "PROPN" and token.ent_type_)
    ):
        return phrase
    return phrase[:1].lower() + phrase[1:]


def predicate(rest: str, max_items: int = 2, max_words: int = 22) -> str:
    """The words after a future cue, tidied: a list ("to: a; b; c") becomes "to a and b"."""
    rest = rest.strip().rstrip(".")
    words = rest.split()
    leading = cues.word_list("drop_adverb") | cues.word_list("sequence_adverb")
    while words and words[0].lower().strip(",") in leading:
        words = words[1:]
    rest = " ".join(words)
    if ";" in rest:
        lead, _, items_text = rest.partition(":")
        items = [i.strip() for i in (items_text or lead).split(";") if i.strip()]
        items = [i[:1].lower() + i[1:] if not i[:2].isupper() else i for i in items]
        shown = items[:max_items]
        listed = " and ".join(shown) + ("…" if len(items) > max_items else "")
        rest = f"{lead.strip()} {listed}" if items_text else listed
    rest = rest.replace(" :", "").rstrip(":; ")
    # "..., producing ...", "and is expected to take 36 months", "..., the company said": a
    # participle clause, a second statement, an attribution; not part of the plan.
    rest = cues.pattern("predicate_tail").sub("", rest)
    words = rest.split()
    return " ".join(words[:max_words]) + ("…" if len(words) > max_words else "")


def token_for(word: str, sentence: Sentence) -> Token | None:
    """The sentence's first token written as `word`."""
    return next((t for t in sentence.span if t.text == word), None)


def tag_of(word: str, sentence: Sentence) -> str:
    token = token_for(word, sentence)
    return token.tag_ if token is not None else ""


def lemma_of(word: str, sentence: Sentence) -> str:
    token = token_for(word, sentence)
    return token.lemma_.lower() if token is not None else word.lower()


DATE_TAIL = re.compile(
    r"(?:\s+(?:of\s+)?(?:19|20)\d\d)?"
    r"(?:\s+(?:to|until|through|and)\s+(?:\w+\s+)?(?:19|20)\d\d)?"
)


def other_statement(span: Span, after: int) -> Span | None:
    """The trailing ", with ..." clause holding the time phrase `span` when it states a figure
    of its own ("..., with an additional $40 million grant due within 60 days"): the time
    of that other thing, not of the step (`after`: where the step's words start, a char
    offset). None when the time is the step's."""
    doc = span.doc
    for t in reversed(doc[span.sent.start : span.start]):
        if t.idx < after:
            return None
        if t.lower_ == "with" and t.i > 0 and doc[t.i - 1].text == ",":
            clause = doc[t.i : span.end]
            return clause if any(f.kind == FigureKind.MONEY for f in figures_in(clause)) else None
    return None


def split_time(rest: str, sentence: Sentence, after: int = 0) -> tuple[str, str | None, int | None]:
    """The words after a future cue without the time ahead they give ("choose a site later
    this year" -> "choose a site", "later this year"), as the date reader marked it, and the
    year that time names (None when it names none)."""
    found = []
    for span, m in dates.mentions(sentence.span):
        written = m.phrase or m.text
        ahead = m.orientation == "future" or (m.phrase is not None and m.orientation is None)
        if (other := other_statement(span, after)) is not None:
            # Not part of the step: cut it from the words asked about.
            cut = rest.find(" ".join(other[:3].text.split()))
            rest = rest[:cut].rstrip(" ,") if cut > 0 else rest
            continue
        if ahead and (at := rest.find(written)) >= 0:
            found.append((at, written, m.year))
    if not found:
        return rest, None, None
    start, written, year = min(found)
    # Take the rest of the date with it: "in March 2027", "from 2027 to 2035".
    tail = DATE_TAIL.match(rest[start + len(written) :])
    end = start + len(written) + (tail.end() if tail else 0)
    when = rest[start:end].strip()
    kept = (rest[:start].rstrip(" ,") + " " + rest[end:].lstrip(" ,")).strip()
    return kept, when, year


def without_sequence(rest: str) -> str:
    """ "be built first" -> "be built": the order of steps is not part of the question."""
    rest = cues.pattern("sequence_head").sub(lambda m: m.group().split()[0] + " ", rest)
    while (trimmed := cues.pattern("sequence_tail").sub("", rest)) != rest:
        rest = trimmed
    return rest


def refers_back(subject: str, sentence: Sentence) -> bool:
    """The subject opens with a demonstrative ("this increase", "these measures"): it names
    something an earlier sentence said, which a question on its own cannot show."""
    token = token_for(subject.split()[0], sentence)
    return token is not None and "PronType=Dem" in str(token.morph)


def in_place(rest: str, when: str, sentence: Sentence) -> str:
    """The step with its time where the source puts it, before a clause that follows it
    ("close in mid-2027, subject to approval"), else at its end; and whose word it is."""
    text = sentence.text
    at = text.find(when)
    clause = text[at + len(when) :].lstrip()
    if at >= 0 and clause.startswith(","):
        opening = " ".join(clause[1:].split()[:3]).rstrip(".")
        cut = rest.find(opening) if opening else -1
        if cut > 0:
            rest = f"{rest[:cut].rstrip(' ,')} {when}, {rest[cut:]}"
            return f"{rest}, as {sentence.source_id} says"
    return f"{rest} {when}, as {sentence.source_id} says"


def is_terms_subject(subject: str, sentence: Sentence) -> bool:
    """The subject is a term of the deal ("financing", "the cost"), not someone who acts."""
    token = token_for(subject.split()[-1].strip(","), sentence)
    return token is not None and cues.at(token, "terms_subject")


@dataclass(frozen=True)
class Step:
    """A future step as a question, with what makes it worth asking first."""

    question: str
    actor: bool  # someone is named to act ("the government will choose"), not a passive
    dated: bool  # the source gives its time ("later this year", "in 2027")
    key: str = ""  # who does what ("the transaction close"): two sources' wordings of one step
    # A milestone and its year ("begin@2025"): one step, however sources name who reaches it.
    milestone: str = ""
    signs: bool = False  # the step is a signing ("will go ahead with the signing of")
    # The quantities it names ("12,000 tonnes a year"): two wordings of one step share them.
    quantities: frozenset[str] = frozenset()


def is_agent(subject: str, sentence: Sentence) -> bool:
    """The subject names someone who can act: a named party or an agent noun."""
    words = subject.split()
    if any(
        (t := token_for(w, sentence)) is not None and t.ent_type_ in AGENT_ENTITIES for w in words
    ):
        return True
    token = token_for(words[-1].strip(","), sentence)
    return token is not None and cues.at(token, "agent_noun")


def promise_question(sentence: Sentence) -> str | None:
    """Rewrite a sentence's statement about the future as a "when / whether" question."""
    step = future_step(sentence)
    return step.question if step is not None else None


def future_step(sentence: Sentence, names: frozenset[str] = frozenset()) -> Step | None:
    """The sentence's first statement about the future that is a step to follow up, as a
    "when / whether" question; `names` are the capitalised words of the parties' names, kept
    as written. A clause stating the deal's terms ("in which A will hold a majority stake") is
    passed over for a later one ("..., will begin operating in 2025")."""
    for cue in cues.find(sentence.span, "future_step"):
        step = step_at(sentence, cue, names)
        if step is not None:
            return step
    return None


def verb_after(cue: Span, word: str) -> Token | None:
    """The token written `word` first after the cue (the verb of the future statement)."""
    sentence = cue.doc[cue.end : cue.sent.end] if cue.end < len(cue.doc) else cue
    return next((t for t in sentence if t.text == word), None)


def is_terms(verb: Token, after_verb: list[str], passive: bool, predicate_span: Span) -> bool:
    """The future statement gives the deal's own terms, not a later step: who holds, signs,
    or pays, buys or invests the sum it states ("will invest $400 million", "will have a
    majority stake"), how it is financed
    ("will be financed by"), where money comes from, or the partnership itself ("will partner
    with B"). Signing a definitive agreement after a preliminary one is a step."""
    doc = verb.doc
    if passive:
        participle = next((t for t in doc[verb.i + 1 : verb.i + 3] if t.tag_ == "VBN"), None)
        return participle is not None and cues.at(participle, "step_terms_passive")
    if any(f.kind == FigureKind.MONEY and f.per for f in figures_in(predicate_span)):
        return True  # "will set a floor of $95 per kilogram": a price the deal fixes
    if cues.at(verb, "step_becoming") and any(
        cues.at(t, "holding_role") for t in predicate_span[1:8]
    ):
        return True  # "will become the largest shareholder": what the deal makes a party
    if cues.at(verb, "step_terms"):
        return not (verb.lemma_.lower() == "sign" and cues.has(predicate_span, "binding"))
    if cues.at(verb, "step_transaction"):
        stated = {FigureKind.MONEY, FigureKind.PERCENT}
        return any(f.kind in stated for f in figures_in(predicate_span))
    if verb.lemma_.lower() == "come" and after_verb[:1] == ["from"]:
        return True  # "will come from a consortium of banks": where something comes from
    return cues.at(verb, "step_partnering") and (
        verb.lemma_.lower() in ("partner", "cooperate", "collaborate")
        or cues.pattern("partnering_object").match(" ".join(after_verb)) is not None
    )


def names_the_deal(sentence: Sentence, cue_start: int, subject: str) -> bool:
    """The subject is the deal itself ("the agreement", "this acquisition")."""
    return any(
        cues.words(c).lower() in subject.lower()
        for c in cues.find(sentence.span, "event_reference")
        if c.end_char - sentence.span.start_char <= cue_start
    )


def step_at(sentence: Sentence, cue: Span, names: frozenset[str]) -> Step | None:
    """The future statement at `cue` as a question, or None when it is not a step to follow."""
    if any(c.end_char <= cue.start_char for c in cues.find(sentence.span, "apprehension")):
        return None  # "who worry that ... will be rendered uncompetitive": a fear, not a plan
    text = sentence.text
    cue_start = cue.start_char - sentence.span.start_char
    cue_end = cue.end_char - sentence.span.start_char
    cue_words = cues.words(cue).lower()
    after, when, year = split_time(text[cue_end:].strip().rstrip("."), sentence, cue.end_char)
    rest = without_sequence(predicate(after))
    if not rest:
        return None
    dated = when is not None
    as_said = f" {when}, as {sentence.source_id} says" if when else ""
    if cues.pattern("step_groundwork").search(cue_words):
        what = mid_sentence(rest, sentence, names)
        doc = sentence.span.doc
        infinitive = next(
            (
                t
                for t in sentence.span[:-1]
                if t.lower_ == "to" and t.idx >= cue.end_char and doc[t.i + 1].tag_ == "VB"
            ),
            None,
        )
        if infinitive is not None and f" to {infinitive.nbor().text} " in f" {what} ":
            # "pave the way for cars made in Japan to be eligible": will they be eligible?
            who, _, does = f" {what} ".partition(f" to {infinitive.nbor().text} ")
            base = infinitive.nbor().text
            tail = f" {as_said.strip()}" if dated else ", and when"
            return Step(
                f"Will {who.strip()} {base} {does.strip()}{tail}?".replace(" ,", ","), False, dated
            )
        question = (
            f"Will {what} go ahead{as_said}?" if dated else f"Will {what} go ahead, and when?"
        )
        return Step(question, False, dated)
    subject = subject_of(text, cue_start, sentence)
    if cues.pattern("step_ongoing").search(cue_words):
        ongoing = cue_words.split()[-1]
        participle = cues.participles().get(lemma_of(ongoing, sentence))
        obj = re.match(r"(?:a|an|the)\s+(\w+)(.*)$", rest)
        if participle is None or obj is None:
            return None
        said_when = f" {sentence.source_id} says {when}." if when else ""
        question = f"Which {obj.group(1)} will be {participle}{obj.group(2)}, and when?{said_when}"
        return Step(question, False, dated)
    if subject is None or subject.split()[0].lower() in cues.word_list("relative_pronoun"):
        return None  # "..., which will invest": whose step it is lies outside the clause
    if is_terms_subject(subject, sentence):
        return None  # "financing will come from ...": a term of the deal, not a step
    if refers_back(subject, sentence) and not names_the_deal(sentence, cue_start, subject):
        return None  # "this increase will be achieved": what it is lies in another sentence
    agent = is_agent(subject, sentence)
    subject = mid_sentence(subject, sentence, names)
    if cues.pattern("step_willingness").search(cue_words):
        question = (
            f"Will {subject} act on their stated willingness to {rest}{as_said}?"
            if dated
            else f"Will {subject} act on their stated willingness to {rest}, and when?"
        )
        return Step(question, agent, dated)
    verb_word, *after_verb = rest.split()
    verb = verb_after(cue, verb_word)
    if verb is None:
        return None
    passive = (
        verb.lemma_.lower() == "be"
        and bool(after_verb)
        and tag_of(after_verb[0], sentence) == "VBN"
    )
    if cues.at(verb, "step_forecast") and not passive:
        return None  # "will benefit both countries" is a forecast, not a plan to check
    if names_the_deal(sentence, cue_start, subject) and not cues.at(verb, "milestone_verb"):
        return None  # "the acquisition will integrate ...": an effect of the deal, not a step
    predicate_span = sentence.span.doc[verb.i : sentence.span.end]
    if cues.has(predicate_span, "immediate"):
        return None  # "takes effect immediately": nothing left to follow up
    if is_terms(verb, after_verb, passive, predicate_span):
        return None
    question = (
        f"Will {subject} {in_place(rest, when, sentence)}?"
        if when
        else f"When will {subject} {rest}?"
    )
    milestone = (
        f"{verb.lemma_.lower()}@{year}"
        if year is not None and cues.at(verb, "milestone_verb")
        else ""
    )
    signs = any(t.lemma_.lower() in SIGN_LEMMAS for t in predicate_span)
    quantities = frozenset(
        # "12,000 t per year" and "12,000 t/y" are one figure, however the reader wrote it
        f"{f.amount:g} {f.unit}{'/' + f.per[:1] if f.per else ''}"
        for f in figures_in(predicate_span)
        if f.kind == FigureKind.QUANTITY and f.unit
    )
    return Step(
        question,
        agent and not passive,
        dated,
        f"{subject.lower()} {verb.lemma_.lower()}",
        milestone,
        signs,
        quantities,
    )
