"""The berita_counts component (skeleton: registered, finds nothing yet)."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from .state import get_state


class CountsComponent:
    """Pipeline component `berita_counts`."""

    def __call__(self, doc: Doc) -> Doc:
        get_state(doc)
        return doc


@Language.factory("berita_counts")
def make_counts(nlp: Language, name: str) -> CountsComponent:
    return CountsComponent()
