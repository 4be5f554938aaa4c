"""The English stemmer and stop words sumy's LexRank uses, without importing nltk or sumy.

sumy stems with nltk's Snowball `EnglishStemmer` and reads its stop words from its own data
file. Importing nltk costs 0.1-1 s of start-up (more on a loaded machine) for one function, so
the default `--algorithm lexrank` uses this port of that stemmer instead: the Porter2 steps
exactly as nltk 3.x writes them (nltk.stem.snowball, Apache-2.0), including how it carries the
regions R1 and R2 through each step. `tests/test_stemmer.py` checks it against nltk word by word.
"""

from __future__ import annotations

import functools
import pkgutil

VOWELS = "aeiouy"
DOUBLES = ("bb", "dd", "ff", "gg", "mm", "nn", "pp", "rr", "tt")
LI_ENDING = "cdeghkmnrt"
STEP0 = ("'s'", "'s", "'")
STEP1A = ("sses", "ied", "ies", "us", "ss", "s")
STEP1B = ("eedly", "ingly", "edly", "eed", "ing", "ed")
# nltk's steps 2 and 3: (suffix, letters cut, letters added, R2 when shorter than the cut).
STEP2 = (
    ("ization", 7, "ize", ""),
    ("ational", 7, "ate", "e"),
    ("fulness", 4, "", ""),
    ("ousness", 7, "ous", ""),
    ("iveness", 7, "ive", "e"),
    ("tional", 2, "", ""),
    ("biliti", 6, "ble", ""),
    ("lessli", 2, "", ""),
    ("entli", 2, "", ""),
    ("ation", 5, "ate", "e"),
    ("alism", 5, "al", ""),
    ("aliti", 5, "al", ""),
    ("ousli", 5, "ous", ""),
    ("iviti", 5, "ive", "e"),
    ("fulli", 2, "", ""),
    ("enci", 1, "e", ""),
    ("anci", 1, "e", ""),
    ("abli", 1, "e", ""),
    ("izer", 4, "ize", ""),
    ("ator", 4, "ate", "e"),
    ("alli", 4, "al", ""),
    ("bli", 3, "ble", ""),
    ("ogi", 1, "", ""),  # only after l
    ("li", 2, "", ""),  # only after a valid li-ending
)
STEP3 = (
    ("ational", 7, "ate", ""),
    ("tional", 2, "", ""),
    ("alize", 3, "", ""),
    ("icate", 5, "ic", ""),
    ("iciti", 5, "ic", ""),
    ("ative", 5, "", ""),  # only in R2
    ("ical", 4, "ic", ""),
    ("ness", 4, "", ""),
    ("ful", 3, "", ""),
)
STEP4 = (
    "ement",
    "ance",
    "ence",
    "able",
    "ible",
    "ment",
    "ant",
    "ent",
    "ism",
    "ate",
    "iti",
    "ous",
    "ive",
    "ize",
    "ion",
    "al",
    "er",
    "ic",
)
SPECIAL = {
    "skis": "ski",
    "skies": "sky",
    "dying": "die",
    "lying": "lie",
    "tying": "tie",
    "idly": "idl",
    "gently": "gentl",
    "ugly": "ugli",
    "early": "earli",
    "only": "onli",
    "singly": "singl",
    "sky": "sky",
    "news": "news",
    "howe": "howe",
    "atlas": "atlas",
    "cosmos": "cosmos",
    "bias": "bias",
    "andes": "andes",
    "inning": "inning",
    "innings": "inning",
    "outing": "outing",
    "outings": "outing",
    "canning": "canning",
    "cannings": "canning",
    "herring": "herring",
    "herrings": "herring",
    "earring": "earring",
    "earrings": "earring",
    "proceed": "proceed",
    "proceeds": "proceed",
    "proceeded": "proceed",
    "proceeding": "proceed",
    "exceed": "exceed",
    "exceeds": "exceed",
    "exceeded": "exceed",
    "exceeding": "exceed",
    "succeed": "succeed",
    "succeeds": "succeed",
    "succeeded": "succeed",
    "succeeding": "succeed",
}


@functools.cache
def stop_words() -> frozenset[str]:
    """sumy's English stop words (its data file, read as sumy.utils.get_stop_words reads it)."""
    data = pkgutil.get_data("sumy", "data/stopwords/english.txt")
    assert data is not None
    return frozenset(w.rstrip() for w in data.decode("utf-8").splitlines() if w)


def _swap(region: str, cut: int, new: str, short: str = "") -> str:
    """`region` with its last `cut` letters replaced by `new`; `short` if it has fewer."""
    return region[: len(region) - cut] + new if len(region) >= cut else short


def _after_vowel_consonant(word: str) -> str:
    """The region after the first non-vowel that follows a vowel (Snowball's R1 rule)."""
    for i in range(1, len(word)):
        if word[i] not in VOWELS and word[i - 1] in VOWELS:
            return word[i + 1 :]
    return ""


@functools.lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """nltk's `EnglishStemmer().stem(word)` (lower-cased, Porter2)."""
    word = word.lower()
    if len(word) <= 2:
        return word
    if word in SPECIAL:
        return SPECIAL[word]
    word = word.replace("\u2019", "'").replace("\u2018", "'").replace("\u201b", "'")
    if word.startswith("'"):
        word = word[1:]
    if word.startswith("y"):
        word = "Y" + word[1:]
    chars = list(word)
    for i in range(1, len(chars)):
        if chars[i - 1] in VOWELS and chars[i] == "y":
            chars[i] = "Y"
    word = "".join(chars)

    if word.startswith(("gener", "arsen")):
        r1 = word[5:]
        r2 = _after_vowel_consonant(r1)
    elif word.startswith("commun"):
        r1 = word[6:]
        r2 = _after_vowel_consonant(r1)
    else:
        r1 = _after_vowel_consonant(word)
        r2 = _after_vowel_consonant(r1)

    def cut(k: int) -> None:
        nonlocal word, r1, r2
        word, r1, r2 = word[:-k], r1[:-k], r2[:-k]

    for suffix in STEP0:
        if word.endswith(suffix):
            cut(len(suffix))
            break

    for suffix in STEP1A:
        if word.endswith(suffix):
            if suffix == "sses":
                cut(2)
            elif suffix in ("ied", "ies"):
                cut(2 if len(word) - len(suffix) > 1 else 1)
            elif suffix == "s" and any(c in VOWELS for c in word[:-2]):
                cut(1)
            break

    for suffix in STEP1B:
        if word.endswith(suffix):
            if suffix in ("eed", "eedly"):
                if r1.endswith(suffix):
                    k = len(suffix)
                    word, r1, r2 = word[:-k] + "ee", _swap(r1, k, "ee"), _swap(r2, k, "ee")
            elif any(c in VOWELS for c in word[: -len(suffix)]):
                cut(len(suffix))
                if word.endswith(("at", "bl", "iz")):
                    word, r1 = word + "e", r1 + "e"
                    if len(word) > 5 or len(r1) >= 3:
                        r2 += "e"
                elif word.endswith(DOUBLES):
                    cut(1)
                elif (
                    r1 == ""
                    and len(word) >= 3
                    and word[-1] not in VOWELS
                    and word[-1] not in "wxY"
                    and word[-2] in VOWELS
                    and word[-3] not in VOWELS
                ) or (r1 == "" and len(word) == 2 and word[0] in VOWELS and word[1] not in VOWELS):
                    word += "e"
                    if r1:
                        r1 += "e"
                    if r2:
                        r2 += "e"
            break

    if len(word) > 2 and word[-1] in "yY" and word[-2] not in VOWELS:
        word, r1, r2 = word[:-1] + "i", _swap(r1, 1, "i"), _swap(r2, 1, "i")

    for suffix, k, new, short in STEP2:
        if word.endswith(suffix):
            if r1.endswith(suffix) and (
                (suffix != "ogi" or word[-4] == "l") and (suffix != "li" or word[-3] in LI_ENDING)
            ):
                word, r1, r2 = word[:-k] + new, _swap(r1, k, new), _swap(r2, k, new, short)
            break

    for suffix, k, new, short in STEP3:
        if word.endswith(suffix):
            if r1.endswith(suffix) and (suffix != "ative" or r2.endswith(suffix)):
                word, r1, r2 = word[:-k] + new, _swap(r1, k, new), _swap(r2, k, new, short)
            break

    for suffix in STEP4:
        if word.endswith(suffix):
            if r2.endswith(suffix):
                if suffix != "ion":
                    cut(len(suffix))
                elif word[-4] in "st":
                    cut(3)
            break

    if (
        (r2.endswith("l") and word[-2] == "l")
        or r2.endswith("e")
        or (
            r1.endswith("e")
            and len(word) >= 4
            and (
                word[-2] in VOWELS
                or word[-2] in "wxY"
                or word[-3] not in VOWELS
                or word[-4] in VOWELS
            )
        )
    ):
        word = word[:-1]
    return word.replace("Y", "y")
