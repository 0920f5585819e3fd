"""Build the berita spaCy pipeline and run it over articles.

The pipeline, front to back:

    tokenizer             fast Indonesian tokenizer          (tokenizer.py)
    berita_zones          title, body, captions, furniture   (zones.py)
    berita_dates          dates, normalised                  (dates.py)
    berita_counts         counts and measures                (counts.py)
    berita_places         places with region codes, venues   (places.py)
    berita_organizations  organizations with aliases         (organizations.py)
    berita_people         officials, titles, degrees         (people.py)
    berita_events         events tying the items together    (events.py)

Each component is a registered spaCy factory, reads and appends to the
article state on `doc._.berita`, writes its items as a `doc.spans` group,
and the finished record is `doc._.record`.
"""

from __future__ import annotations

import datetime as dt
import functools
import importlib
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from .records import Article, ErrorRecord
from .state import get_state, parse_published, replace_surrogates

COMPONENTS: tuple[str, ...] = (
    "berita_zones",
    "berita_dates",
    "berita_counts",
    "berita_places",
    "berita_organizations",
    "berita_people",
    "berita_events",
)
"""Component names in pipeline order; later components read earlier ones' items."""

_MODULES = ("zones", "dates", "counts", "places", "organizations", "people", "events")


def register_factories() -> None:
    """Import the component modules so their spaCy factories are registered.

    Entry points register them too when the package is installed; importing
    here makes `load()` work from a source checkout as well.
    """
    for mod in _MODULES:
        importlib.import_module(f"berita_nlp.{mod}")


def load(components: Iterable[str] | None = None) -> Language:
    """Return a new Indonesian `Language` with the berita components added.

    `components` selects a subset (in pipeline order); the default is all.
    Loading is cheap: reference data is loaded lazily and shared between
    pipelines in one process.
    """
    from .tokenizer import blank

    register_factories()
    wanted = COMPONENTS if components is None else tuple(components)
    unknown = [c for c in wanted if c not in COMPONENTS]
    if unknown:
        raise ValueError(f"unknown berita component(s): {', '.join(unknown)}; known: {', '.join(COMPONENTS)}")
    nlp = blank()
    for name in COMPONENTS:
        if name in wanted:
            nlp.add_pipe(name)
    return nlp


VOCAB_LIMIT = 500_000
"""Strings a shared pipeline's vocabulary may hold before it is rebuilt.

spaCy keeps every string it has ever seen (each new name, number and
typo); over an archive of millions of articles that alone would grow a
worker without bound.  Rebuilding takes about a second and happens every
hundred thousand articles or so, which keeps memory flat on endless input.
"""


@functools.lru_cache(maxsize=8)
def _built(components: tuple[str, ...] | None) -> Language:
    return load(components)


def shared_pipeline(components: Iterable[str] | None = None) -> Language:
    """The process's pipeline for `components` (all by default), built once.

    Rebuilt when its vocabulary passes `VOCAB_LIMIT`; records never refer
    to the vocabulary, so nothing extracted before is affected.
    """
    key = None if components is None else tuple(components)
    nlp = _built(key)
    if len(nlp.vocab.strings) > VOCAB_LIMIT:
        _built.cache_clear()
        nlp = _built(key)
    return nlp


def default_pipeline() -> Language:
    """The shared full pipeline used by `extract` (see `shared_pipeline`)."""
    return shared_pipeline()


def prepare_doc(
    nlp: Language,
    text: str,
    *,
    published: object = None,
    id: str | None = None,
    title: str | None = None,
    url: str | None = None,
) -> Doc:
    """Tokenize `text` and attach the article's id and publication date.

    Pass the result to `nlp(doc)`: spaCy accepts a ready Doc, which is how
    per-article context reaches the components.
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be a string, got {type(text).__name__}")
    text = replace_surrogates(text)
    doc = nlp.make_doc(text)
    st = get_state(doc)
    st.extra["text"] = text  # spaCy keeps doc.text == text; this saves re-joining tokens
    st.id = id
    st.published = parse_published(published)
    st.published_source = "input" if st.published else None
    st.title = title
    st.url = url
    return doc


def extract(
    text: str,
    *,
    published: dt.date | str | None = None,
    id: str | None = None,
    title: str | None = None,
    url: str | None = None,
    nlp: Language | None = None,
) -> Article:
    """Extract the structured record of one article.

    `published` (a date or `YYYY-MM-DD`) anchors dates without a year and
    relative dates (`kemarin`).  Raises TypeError/ValueError for input that
    is not an article; any text at all is an article.
    """
    nlp = nlp or default_pipeline()
    doc = nlp(prepare_doc(nlp, text, published=published, id=id, title=title, url=url))
    return doc._.record  # type: ignore[no-any-return]


ArticleInput = str | Mapping[str, Any]


def _as_kwargs(item: ArticleInput) -> dict[str, Any]:
    if isinstance(item, str):
        return {"text": item}
    if isinstance(item, Mapping):
        if "text" not in item:
            raise ValueError("missing field 'text'")
        out = {"text": item["text"], "published": item.get("published"), "id": item.get("id")}
        if out["id"] is not None:
            out["id"] = str(out["id"])
        for k in ("title", "url"):
            if isinstance(item.get(k), str):
                out[k] = item[k]
        return out
    raise TypeError(f"an article is a string or a mapping with 'text', got {type(item).__name__}")


def extract_one(item: ArticleInput, nlp: Language | None = None) -> Article | ErrorRecord:
    """Extract one article, turning any failure into an ErrorRecord.

    This is the unit of work of every batch: a bad article must never stop
    a run, and it must still leave a line saying why.
    """
    art_id = None
    try:
        kwargs = _as_kwargs(item)
        art_id = kwargs.get("id")
        return extract(nlp=nlp, **kwargs)
    except Exception as e:  # noqa: BLE001 - the error becomes data, by design
        if art_id is None and isinstance(item, Mapping) and item.get("id") is not None:
            art_id = str(item.get("id"))
        return ErrorRecord(id=art_id, error=f"{type(e).__name__}: {e}")


def extract_many(
    items: Iterable[ArticleInput],
    *,
    n_process: int = 1,
    batch_size: int = 64,
) -> Iterator[Article | ErrorRecord]:
    """Stream records for many articles, in input order.

    Each item is a text or a mapping with `text` and optional `id`,
    `published`, `title`, `url`.  Every item yields exactly one result: an
    Article, or an ErrorRecord saying why it could not be processed.  With
    `n_process > 1` the work is spread over processes that each load the
    pipeline once (`berita_nlp.batch.stream`); input is consumed lazily
    through a bounded window, so memory stays flat for any generator.
    """
    if n_process < 1:
        raise ValueError("n_process must be >= 1")
    if batch_size < 1:
        raise ValueError("batch_size must be >= 1")
    if n_process == 1:
        for item in items:
            yield extract_one(item, default_pipeline())
        return
    from .batch import stream

    for rec in stream(items, jobs=n_process, batch_size=batch_size):
        yield ErrorRecord.from_dict(rec) if "error" in rec else Article.from_dict(rec)
