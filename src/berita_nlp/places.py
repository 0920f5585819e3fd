"""The berita_places component (skeleton: registered, finds nothing yet)."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from .state import get_state


class PlacesComponent:
    """Pipeline component `berita_places`."""

    def __call__(self, doc: Doc) -> Doc:
        get_state(doc)
        return doc


@Language.factory("berita_places")
def make_places(nlp: Language, name: str) -> PlacesComponent:
    return PlacesComponent()
