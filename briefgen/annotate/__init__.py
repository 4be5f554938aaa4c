"""Reading words: the one layer that looks at the text of an article.

Each module here registers spaCy components (`@Language.factory`, with `assigns=` declared) that
run inside the pipeline after the statistical pipes and write typed annotations onto the Doc:
`doc.spans[...]` groups and `Span._` / `Doc._` extensions holding plain data (numbers, strings,
lists), so they survive the DocBin cache and the worker processes of a multi-process parse.
Word lists and patterns live in `briefgen/data/`. The cross-article stages in `briefgen/analyse/`
read these annotations, never the words.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language

# The components in pipeline order: (factory name, module that registers it). A new field that
# needs to read words adds its component here.
COMPONENTS: tuple[tuple[str, str], ...] = (
    ("briefgen_cues", "briefgen.annotate.cues"),
    ("briefgen_figures", "briefgen.annotate.figures"),
    ("briefgen_dates", "briefgen.annotate.dates"),
    ("briefgen_names", "briefgen.annotate.names"),
)


def register() -> None:
    """Import every annotating module, which registers its factories and Doc/Span extensions.

    Needed before a pipeline is built and before a cached Doc's annotations are read.
    """
    for _, module in COMPONENTS:
        import_module(module)


def add_to(nlp: Language) -> None:
    """Append briefgen's annotating components to a loaded pipeline, in order."""
    register()
    for name, _ in COMPONENTS:
        nlp.add_pipe(name, last=True)
