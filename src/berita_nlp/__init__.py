"""berita_nlp: Indonesian news articles into structured, typed event records.

    import berita_nlp
    rec = berita_nlp.extract(text, published="2024-02-06", id="a1")
    rec.dates, rec.people, rec.places, rec.organizations, rec.counts, rec.events

`berita_nlp.load()` gives the spaCy pipeline itself (see `pipeline.py` for
the components in order); `extract_many` streams records for many articles.
"""

from __future__ import annotations

from .pipeline import COMPONENTS, extract, extract_many, extract_one, load, prepare_doc
from .records import (
    SCHEMA_VERSION,
    Article,
    Count,
    Credit,
    DateItem,
    Dateline,
    ErrorRecord,
    Event,
    EventArg,
    Finding,
    Mention,
    Meta,
    Organization,
    Person,
    Place,
    Position,
    Zone,
)

__version__ = "0.1.0"

__all__ = [
    "COMPONENTS",
    "SCHEMA_VERSION",
    "Article",
    "Count",
    "Credit",
    "DateItem",
    "Dateline",
    "ErrorRecord",
    "Event",
    "EventArg",
    "Finding",
    "Mention",
    "Meta",
    "Organization",
    "Person",
    "Place",
    "Position",
    "Zone",
    "__version__",
    "extract",
    "extract_many",
    "extract_one",
    "load",
    "prepare_doc",
]
