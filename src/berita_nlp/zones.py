"""The berita_zones component (skeleton: registered, finds nothing yet)."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from .state import get_state


class ZonesComponent:
    """Pipeline component `berita_zones`."""

    def __call__(self, doc: Doc) -> Doc:
        get_state(doc)
        return doc


@Language.factory("berita_zones")
def make_zones(nlp: Language, name: str) -> ZonesComponent:
    return ZonesComponent()
