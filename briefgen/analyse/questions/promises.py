"""Promises: a statement about the future ("will", "expected to", "currently choosing", "lays
the groundwork for") rewritten as a question about whether and when it happens; forecasts
("will benefit both countries") and the deal's own terms are not promises."""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Token

from briefgen.annotate import cues, dates
from briefgen.corpus import Sentence

# Future statements worth following up are cues (briefgen/data/cues.toml); the phrasing below
# rewrites the sentence around the cue. Evaluative future statements are not steps.
FUTURE = cues.pattern("future_step")
EVALUATIVE_LEMMAS = frozenset(
    {
        "benefit",
        "help",
        "strengthen",
        "deepen",
        "unlock",
        "boost",
        "improve",
        "serve",
        "be",
        "make",
        "bring",
        "create",
        "contribute",
        "transform",
        "mark",
        "signal",
        "reflect",
        "show",
        "result",
        "prove",
        "remain",
        "focus",
        "cover",
        "include",
        "involve",
        "ensure",
        "prioritize",
        "prioritise",
        "emphasize",
        "emphasise",
        "continue",
    }
)
DROP_ADVERBS = frozenset({"now", "immediately", "soon", "also", "then", "currently", "quickly"})
# Sequencing adverbs that may open a plan ("will first build"), dropped from its predicate.
SEQUENCE_ADVERBS = frozenset(
    {"first", "initially", "eventually", "subsequently", "later", "next", "afterwards", "finally"}
)
# Sequencing words at the end of a plan ("will be built first") order the steps; a question
# about whether and when one happens does not need them.
TRAILING_SEQUENCE = re.compile(
    r"\s+(?:first|next|then|later|afterwards|eventually|initially|subsequently|too|also|as well|"
    r"soon|thereafter)$",
    re.IGNORECASE,
)
LEADING_SEQUENCE = re.compile(r"^(be|have)\s+(?:first|initially|eventually|subsequently)\s+", re.I)
PARTICIPLES = {
    "choose": "chosen",
    "select": "selected",
    "pick": "picked",
    "identify": "identified",
    "name": "named",
    "appoint": "appointed",
    "hire": "hired",
    "negotiate": "negotiated",
    "finalize": "finalized",
    "finalise": "finalised",
    "review": "reviewed",
    "evaluate": "evaluated",
    "draft": "drafted",
}
PRONOUNS = frozenset({"they", "it", "he", "she", "we", "this", "these", "those", "that"})
FINITE_TAGS = frozenset({"VBZ", "VBD", "VBP", "MD"})
# Passive futures that state the deal's terms ("will be financed by", "will be split"), not a
# step anyone must take.
TERMS_LEMMAS = frozenset(
    {
        "finance",
        "fund",
        "pay",
        "value",
        "price",
        "split",
        "share",
        "own",
        "hold",
        "base",
        "comprise",
    }
)

# Where the clause holding a future cue starts: after punctuation, a relative pronoun, or a
# verb of saying ("Lahadalia said the government will choose": the subject is the government).
SAYING = (
    r"\b(?:said|says|told\s+\w+|added|noted|announced|stated|confirmed|explained|expects|"
    r"believes)\s+(?:on\s+\w+day\s+|yesterday\s+|today\s+|in\s+a\s+statement\s+)?(?:that\s+)?"
)
CLAUSE_START = re.compile(rf"(?:^|[,;:]\s+|\s(?:that|which|who)\s+|{SAYING})", re.IGNORECASE)
SAID = re.compile(SAYING, re.IGNORECASE)
# "will work with B on ...": a restatement of the partnership, not a step to follow up.
PARTNERING_LEMMAS = frozenset({"work", "cooperate", "collaborate", "partner", "team", "join"})
# Who can be held to a plan: named parties, and nouns for people and institutions.
AGENT_ENTITIES = frozenset({"ORG", "PERSON", "GPE", "NORP"})
AGENT_NOUNS = frozenset(
    {
        "government", "ministry", "minister", "company", "firm", "consortium", "partner", "group",
        "maker", "producer", "bank", "investor", "authority", "agency", "team", "official",
        "board", "council", "state", "parliament", "cabinet", "regulator", "administration",
        "operator", "developer", "contractor", "buyer", "seller", "side", "country", "nation",
        "party", "miner", "lender", "department", "president", "leader", "executive", "owner",
    }
)  # fmt: skip
# Subjects that are the deal's terms, not actors: "Financing will come from a consortium".
TERMS_SUBJECTS = frozenset(
    {
        "financing", "funding", "finance", "money", "capital", "cost", "payment", "revenue",
        "profit", "proceeds", "ownership", "stake", "investment", "fund", "loan", "royalty",
    }
)  # fmt: skip


def subject_of(text: str, end: int, sentence: Sentence) -> str | None:
    """The words before `end` back to the clause start; None for a bare pronoun, nothing, or
    words holding a verb of their own (then "will" belongs to a clause we cannot isolate)."""
    before = text[:end]
    starts = [m.end() for m in CLAUSE_START.finditer(before)]
    subject = before[starts[-1] if starts else 0 :].strip()
    if not subject and before.rstrip().endswith(","):
        # "The first phase, a cell plant with 10 GWh of capacity, is expected to": the subject
        # stands before the parenthesis.
        opening = before.rstrip()[:-1].rfind(",")
        return subject_of(text, opening, sentence) if opening > 0 else None
    words = [w for w in subject.split() if w.lower() not in DROP_ADVERBS]
    if len(words) == 1 and words[0].lower() in ("it", "they") and starts:
        # "The company said it will build": the speaker is the subject.
        said = list(SAID.finditer(before))
        if said and said[-1].end() == starts[-1]:
            return speaker(before[: said[-1].start()], sentence)
    if not words or (len(words) == 1 and words[0].lower() in PRONOUNS):
        return None
    if words[0].lower() in ("and", "but", "or", "as", "if", "while", "when", "although"):
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
    return None if words[0].lower() in PRONOUNS else " ".join(words)


def sentence_subject(sentence: Sentence) -> str | None:
    """The words before a sentence's first finite verb, when they look like a short subject."""
    words: list[str] = []
    for t in sentence.span:
        if t.tag_ in FINITE_TAGS:
            break
        if not t.is_space:
            words.append(t.text)
    if not words or len(words) > 8 or words[0].lower() in PRONOUNS or "," in words:
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
    while words and words[0].lower().strip(",") in DROP_ADVERBS | SEQUENCE_ADVERBS:
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
    rest = re.sub(
        r",\s*(?:producing|signaling|signalling|marking|which|with an emphasis)\b.*$", "", rest
    )
    # "begin in January and is expected to take 36 months": a second statement, cut.
    rest = re.sub(r"\s+and\s+(?:is|are|was|were|will|would|has|have|had)\b.*$", "", rest)
    # "..., the company said on Wednesday": attribution, not part of the plan.
    rest = re.sub(
        r",\s*(?:[^,]{0,60}?\s)?(?:said|says|told|added|noted|announced|according to)\b.*$",
        "",
        rest,
    )
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


def split_time(rest: str, sentence: Sentence) -> tuple[str, str | None]:
    """The words after a future cue without the time ahead they give ("choose a site later
    this year" -> "choose a site", "later this year"), as the date reader marked it."""
    found = []
    for _, m in dates.mentions(sentence.span):
        written = m.phrase or m.text
        ahead = m.orientation == "future" or (m.phrase is not None and m.orientation is None)
        if ahead and (at := rest.find(written)) >= 0:
            found.append((at, written))
    if not found:
        return rest, None
    start, written = min(found)
    # Take the rest of the date with it: "in March 2027", "from 2027 to 2035".
    tail = DATE_TAIL.match(rest[start + len(written) :])
    end = start + len(written) + (tail.end() if tail else 0)
    when = rest[start:end].strip()
    kept = (rest[:start].rstrip(" ,") + " " + rest[end:].lstrip(" ,")).strip()
    return kept, when


def without_sequence(rest: str) -> str:
    """ "be built first" -> "be built": the order of steps is not part of the question."""
    rest = LEADING_SEQUENCE.sub(r"\1 ", rest)
    while (trimmed := TRAILING_SEQUENCE.sub("", rest)) != rest:
        rest = trimmed
    return rest


def is_terms_subject(subject: str, sentence: Sentence) -> bool:
    """The subject is a term of the deal ("financing", "the cost"), not someone who acts."""
    last = subject.split()[-1].strip(",")
    return lemma_of(last, sentence) in TERMS_SUBJECTS or last.lower() in TERMS_SUBJECTS


@dataclass(frozen=True)
class Step:
    """A future step as a question, with what makes it worth asking first."""

    question: str
    actor: bool  # someone is named to act ("the government will choose"), not a passive
    dated: bool  # the source gives its time ("later this year", "in 2027")


def is_agent(subject: str, sentence: Sentence) -> bool:
    """The subject names someone who can act: a named party or an agent noun."""
    words = subject.split()
    if any(
        (t := token_for(w, sentence)) is not None and t.ent_type_ in AGENT_ENTITIES for w in words
    ):
        return True
    return lemma_of(words[-1].strip(","), sentence) in AGENT_NOUNS


def promise_question(sentence: Sentence) -> str | None:
    """Rewrite a sentence's statement about the future as a "when / whether" question."""
    step = future_step(sentence)
    return step.question if step is not None else None


def future_step(sentence: Sentence, names: frozenset[str] = frozenset()) -> Step | None:
    """A sentence's statement about the future as a "when / whether" question; `names` are the
    capitalised words of the parties' names, kept as written."""
    text = sentence.text
    m = FUTURE.search(text)
    if m is None:
        return None
    cue = m.group(0).lower()
    after, when = split_time(text[m.end() :].strip().rstrip("."), sentence)
    rest = without_sequence(predicate(after))
    if not rest:
        return None
    dated = when is not None
    said_when = f" {sentence.source_id} says {when}." if when else ""
    if "groundwork" in cue or "way for" in cue:
        return Step(
            f"Will {mid_sentence(rest, sentence, names)} go ahead, and when?{said_when}",
            False,
            dated,
        )
    subject = subject_of(text, m.start(), sentence)
    if "currently" in cue:
        verb = cue.split()[-1]
        participle = PARTICIPLES.get(lemma_of(verb, sentence))
        obj = re.match(r"(?:a|an|the)\s+(\w+)(.*)$", rest)
        if participle is None or obj is None:
            return None
        question = f"Which {obj.group(1)} will be {participle}{obj.group(2)}, and when?{said_when}"
        return Step(question, False, dated)
    if subject is None or is_terms_subject(subject, sentence):
        return None
    agent = is_agent(subject, sentence)
    subject = mid_sentence(subject, sentence, names)
    if any(w in cue for w in ("willingness", "readiness", "interest")):
        question = f"Will {subject} act on their stated willingness to {rest}, and when?{said_when}"
        return Step(question, agent, dated)
    verb, *after_verb = rest.split()
    lemma = lemma_of(verb, sentence)
    passive = lemma == "be" and bool(after_verb) and tag_of(after_verb[0], sentence) == "VBN"
    if lemma in EVALUATIVE_LEMMAS and not passive:
        return None  # "will benefit both countries" is a forecast, not a plan to check
    if passive and lemma_of(after_verb[0], sentence) in TERMS_LEMMAS:
        return None
    if lemma == "come" and after_verb[:1] == ["from"]:
        return None  # "will come from a consortium of banks": where something comes from, a term
    if lemma in PARTNERING_LEMMAS and re.match(r"(?:up |together )?with\b", " ".join(after_verb)):
        return None  # "will work with MIND ID on mining": the partnership itself, not a step
    return Step(f"When will {subject} {rest}?{said_when}", agent and not passive, dated)
