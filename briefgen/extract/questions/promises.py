"""Promises: a statement about the future ("will", "expected to", "currently choosing", "lays
the groundwork for") rewritten as a question about whether and when it happens; forecasts
("will benefit both countries") and the deal's own terms are not promises."""

from __future__ import annotations

import re

from spacy.tokens import Token

from briefgen.corpus import Sentence

# Future statements worth following up, and the evaluative ones that are not.
FUTURE = re.compile(
    r"\b(?:will|shall)\b|\b(?:is|are|was|were)\s+(?:expected|set|scheduled|due|planned|"
    r"poised|slated|likely)\s+to\b|\b(?:plans?|planning|intends?|intending)\s+to\b"
    r"|\bcurrently\s+\w+ing\b|\b(?:lays?|laid|laying)\s+(?:the\s+)?groundwork\s+for\b"
    r"|\bpaves?\s+the\s+way\s+for\b|\bexpressed\s+(?:willingness|readiness|interest)\s+to\b",
    re.IGNORECASE,
)
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

CLAUSE_START = re.compile(r"(?:^|[,;:]\s+|\s(?:that|which|who)\s+)", re.IGNORECASE)


def subject_of(text: str, end: int, sentence: Sentence) -> str | None:
    """The words before `end` back to the clause start; None for a bare pronoun, nothing, or
    words holding a verb of their own (then "will" belongs to a clause we cannot isolate)."""
    before = text[:end]
    starts = [m.end() for m in CLAUSE_START.finditer(before)]
    subject = before[starts[-1] if starts else 0 :].strip()
    words = [w for w in subject.split() if w.lower() not in DROP_ADVERBS]
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


def mid_sentence(phrase: str, sentence: Sentence) -> str:
    """Lower-case a phrase's first word unless the sentence parses it as a name or acronym."""
    first = phrase.split(maxsplit=1)[0] if phrase else ""
    token = token_for(first, sentence)
    if first.isupper() or (token is not None and token.pos_ == "PROPN" and token.ent_type_):
        return phrase
    return phrase[:1].lower() + phrase[1:]


def predicate(rest: str, max_items: int = 2, max_words: int = 22) -> str:
    """The words after a future cue, tidied: a list ("to: a; b; c") becomes "to a and b"."""
    rest = rest.strip().rstrip(".")
    words = rest.split()
    while words and words[0].lower().strip(",") in DROP_ADVERBS:
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


def promise_question(sentence: Sentence) -> str | None:
    """Rewrite a sentence's statement about the future as a "when / whether" question."""
    text = sentence.text
    m = FUTURE.search(text)
    if m is None:
        return None
    cue = m.group(0).lower()
    rest = predicate(text[m.end() :])
    if not rest:
        return None
    if "groundwork" in cue or "way for" in cue:
        return f"Will {mid_sentence(rest, sentence)} go ahead, and when?"
    subject = subject_of(text, m.start(), sentence)
    if "currently" in cue:
        verb = cue.split()[-1]
        participle = PARTICIPLES.get(lemma_of(verb, sentence))
        obj = re.match(r"(?:a|an|the)\s+(\w+)(.*)$", rest)
        if participle is None or obj is None:
            return None
        return f"Which {obj.group(1)} will be {participle}{obj.group(2)}, and when?"
    if subject is None:
        return None
    subject = mid_sentence(subject, sentence)
    if any(w in cue for w in ("willingness", "readiness", "interest")):
        return f"Will {subject} act on their stated willingness to {rest}, and when?"
    verb, *after = rest.split()
    lemma = lemma_of(verb, sentence)
    passive = lemma == "be" and bool(after) and tag_of(after[0], sentence) == "VBN"
    if lemma in EVALUATIVE_LEMMAS and not passive:
        return None  # "will benefit both countries" is a forecast, not a plan to check
    if passive and lemma_of(after[0], sentence) in TERMS_LEMMAS:
        return None
    return f"When will {subject} {rest}?"
