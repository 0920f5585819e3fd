"""The berita_people component (skeleton: registered, finds nothing yet)."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from .state import get_state


class PeopleComponent:
    """Pipeline component `berita_people`."""

    def __call__(self, doc: Doc) -> Doc:
        get_state(doc)
        return doc


@Language.factory("berita_people")
def make_people(nlp: Language, name: str) -> PeopleComponent:
    return PeopleComponent()
