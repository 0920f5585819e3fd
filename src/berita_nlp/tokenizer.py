"""Fast Indonesian tokenizer (placeholder: spaCy's own until the fast one lands)."""

from __future__ import annotations

import spacy
from spacy.language import Language


def blank() -> Language:
    """A blank Indonesian pipeline with the berita tokenizer."""
    return spacy.blank("id")
