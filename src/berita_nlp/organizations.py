"""The berita_organizations component (skeleton: registered, finds nothing yet)."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from .state import get_state


class OrganizationsComponent:
    """Pipeline component `berita_organizations`."""

    def __call__(self, doc: Doc) -> Doc:
        get_state(doc)
        return doc


@Language.factory("berita_organizations")
def make_organizations(nlp: Language, name: str) -> OrganizationsComponent:
    return OrganizationsComponent()
