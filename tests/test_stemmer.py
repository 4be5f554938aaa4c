"""briefgen.analyse.stemmer is nltk's English Snowball stemmer and sumy's stop words, without
importing either: the default LexRank path must rank exactly as sumy's did."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from briefgen.analyse import stemmer

ROOT = Path(__file__).resolve().parent.parent

# Words that take each rule and exception of Porter2 (written for this test).
EDGE_TEXT = """
generously generate communication communism arsenal arsenic skis skies dying lying tying idly
gently ugly early only singly sky news howe atlas cosmos bias andes inning innings outing
outings canning cannings herring herrings earring earrings proceed proceeds proceeded
proceeding exceed exceeding succeed succeeded agreed feed bled hopping hoping luxuriating
rationalization conditional fluency hesitancy reliability radically eerily analogy biology
geology cry by say saying happy syzygy yes yelling sayings 'tis o'neill's o’neill’s dogs'
caresses ponies ties cats gas this kiwis agreedly fitted hoped filing fizzed troubled sized
hopefulness goodness callousness decisiveness formality sensitivity hopefully fearlessly
recently electrical electricity formalize duplicate formative adjustment dependence
irritant adoption tension controllable rolls mineral minerals lithium royalties takeover
"""


def _seed_words() -> set[str]:
    words: set[str] = set()
    for path in (ROOT / "seeds").iterdir():
        if path.is_file():
            words.update(re.findall(r"[\w'’‘]+", path.read_text(encoding="utf-8")))
    return words


def test_stems_like_nltks_english_snowball_stemmer():
    snowball = pytest.importorskip("nltk.stem.snowball")
    nltk_stem = snowball.EnglishStemmer().stem
    words = sorted(_seed_words() | set(EDGE_TEXT.split()) | set(EDGE_TEXT.upper().split()))
    differ = [(w, nltk_stem(w), stemmer.stem(w)) for w in words if nltk_stem(w) != stemmer.stem(w)]
    assert differ == []
    assert len(words) > 500


def test_known_stems():
    assert [stemmer.stem(w) for w in ("Running", "generously", "skies", "agreed", "hopping")] == [
        "run",
        "generous",
        "sky",
        "agre",
        "hop",
    ]


def test_stop_words_are_sumys():
    utils = pytest.importorskip("sumy.utils")
    assert stemmer.stop_words() == utils.get_stop_words("english")
    assert {"the", "and", "of"} <= stemmer.stop_words()


def test_default_key_points_import_neither_sumy_nor_nltk(tmp_path):
    code = (
        "import sys\n"
        "from briefgen import pipeline\n"
        f"pipeline.build({str(ROOT / 'tests' / 'data' / 'events' / 'rail-contract')!r},"
        " cache=False, date='2030-01-01')\n"
        # sumy's package itself (its stop-word file lives there) but none of its modules.
        "print('LOADED', sorted(m for m in sys.modules if m.startswith(('sumy.', 'nltk'))))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=tmp_path,
        env={"PYTHONPATH": str(ROOT), "PATH": ""},
        capture_output=True,
        text=True,
    )
    assert "LOADED []" in result.stdout, result.stdout + result.stderr
