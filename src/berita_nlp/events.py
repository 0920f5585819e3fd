"""The berita_events component (skeleton: registered, finds nothing yet)."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from .state import get_state


class EventsComponent:
    """Pipeline component `berita_events`."""

    def __call__(self, doc: Doc) -> Doc:
        get_state(doc)
        return doc


@Language.factory("berita_events")
def make_events(nlp: Language, name: str) -> EventsComponent:
    return EventsComponent()
