"""The berita_dates component (skeleton: registered, finds nothing yet)."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from .state import get_state


class DatesComponent:
    """Pipeline component `berita_dates`."""

    def __call__(self, doc: Doc) -> Doc:
        get_state(doc)
        return doc


@Language.factory("berita_dates")
def make_dates(nlp: Language, name: str) -> DatesComponent:
    return DatesComponent()
