"""A drafted question: what each kind of check proposes, before selection."""

from __future__ import annotations

from dataclasses import dataclass

from briefgen.brief import OpenQuestion


@dataclass(frozen=True)
class QuestionDraft:
    kind: str
    priority: float
    text: str
    basis: str
    topic: str  # what it is about, so two questions on one thing are not both asked

    def question(self) -> OpenQuestion:
        return OpenQuestion(text=self.text, basis=self.basis, kind=self.kind)
