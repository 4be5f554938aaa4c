"""Readings of a finished Doc computed once per Doc and dropped with it.

The analysis asks about an article per sentence or per mention; scanning every span of the Doc
each time would be quadratic in a long article. Weak keys: an entry goes with its Doc, nothing
is pickled or written to a DocBin with it, and a recycled id() never aliases.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar
from weakref import WeakKeyDictionary, ref

from spacy.tokens import Doc

T = TypeVar("T")

_memos: WeakKeyDictionary[Doc, dict[str, Any]] = WeakKeyDictionary()

# The last Doc asked about and its memo: the analysis asks about one article many times in a
# row, and a look-up in `_memos` makes a new weak reference each time.
_last: tuple[ref[Doc], dict[str, Any]] | None = None


def once_per_doc(doc: Doc, key: str, compute: Callable[[Doc], T]) -> T:
    """`compute(doc)`, computed on the first call for this Doc and `key` and kept with the Doc."""
    global _last
    if _last is not None and _last[0]() is doc:
        memo = _last[1]
    else:
        found = _memos.get(doc)  # not setdefault: that makes a weak reference with a callback
        memo = found if found is not None else _memos.setdefault(doc, {})
        _last = (ref(doc), memo)
    if key not in memo:
        memo[key] = compute(doc)
    result: T = memo[key]
    return result
