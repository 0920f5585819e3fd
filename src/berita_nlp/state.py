"""Per-article working state shared by the pipeline components.

spaCy components only see a `Doc`.  The berita components need more: the
article id, its publication date, the page zones found first, and the items
each earlier component found (counts must not re-read dates, events need
everything).  That state lives on the Doc as `doc._.berita`, and the final
immutable record is built from it on demand (`doc._.record`).

Components append to the lists here; nothing else mutates them.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Doc

from .records import (
    CONTENT_ZONES,
    Article,
    Count,
    Credit,
    DateItem,
    Dateline,
    Event,
    Finding,
    Meta,
    Organization,
    Person,
    Place,
    Zone,
)


class ZoneMap:
    """Answers "is this offset article content?" in O(log n).

    Extractors scan the whole raw text once and drop matches that start in
    page furniture; that is cheaper and simpler than scanning each content
    zone separately, and keeps offsets raw.
    """

    __slots__ = ("_content", "_starts", "zones")

    def __init__(self, zones: Sequence[Zone], text_length: int) -> None:
        self.zones: tuple[Zone, ...] = tuple(sorted(zones, key=lambda z: (z.start, z.end)))
        self._starts = [z.start for z in self.zones]
        self._content = [z.kind in CONTENT_ZONES for z in self.zones]

    @classmethod
    def whole(cls, text_length: int) -> ZoneMap:
        """A map that treats the whole text as body (no zoning has run)."""
        return cls([Zone("body", 0, text_length)], text_length)

    def kind_at(self, offset: int) -> str | None:
        i = bisect.bisect_right(self._starts, offset) - 1
        if i >= 0 and self.zones[i].start <= offset < self.zones[i].end:
            return self.zones[i].kind
        return None

    def allows(self, start: int, end: int | None = None) -> bool:
        """True when the span starting at `start` lies in a content zone."""
        i = bisect.bisect_right(self._starts, start) - 1
        if i < 0:
            return False
        z = self.zones[i]
        return self._content[i] and z.start <= start < z.end

    def content_ranges(self) -> list[tuple[int, int]]:
        return [(z.start, z.end) for z, ok in zip(self.zones, self._content, strict=True) if ok]


@dataclass
class ArticleState:
    """Mutable working state of one article while the pipeline runs."""

    id: str | None = None
    published: dt.date | None = None
    published_source: str | None = None  # "input" or "inferred"
    zones: ZoneMap | None = None
    title: str | None = None
    outlet: str | None = None
    dateline: Dateline | None = None
    credits: list[Credit] = field(default_factory=list)
    url: str | None = None
    dates: list[DateItem] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    organizations: list[Organization] = field(default_factory=list)
    counts: list[Count] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    other_events: list[Event] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)

    def zone_map(self, doc: Doc) -> ZoneMap:
        if self.zones is None:
            self.zones = ZoneMap.whole(len(article_text(doc)))
        return self.zones

    def to_record(self) -> Article:
        zones = self.zones.zones if self.zones is not None else ()
        meta = Meta(
            title=self.title,
            outlet=self.outlet,
            dateline=self.dateline,
            credits=tuple(self.credits),
            published=self.published.isoformat() if self.published else None,
            published_source=self.published_source,
            url=self.url,
        )
        return Article(
            id=self.id,
            published=meta.published,
            meta=meta,
            zones=zones,
            dates=tuple(self.dates),
            people=tuple(self.people),
            places=tuple(self.places),
            organizations=tuple(self.organizations),
            counts=tuple(self.counts),
            events=tuple(self.events),
            other_events=tuple(self.other_events),
            findings=tuple(self.findings),
        )


def _record_getter(doc: Doc) -> Article:
    return get_state(doc).to_record()


if not Doc.has_extension("berita"):
    Doc.set_extension("berita", default=None)
if not Doc.has_extension("record"):
    Doc.set_extension("record", getter=_record_getter)


_STATE_KEY = ("._.", "berita", None, None)
"""Where spaCy's `Underscore` keeps `doc._.berita` in `doc.user_data`."""


_SURROGATE = re.compile("[\ud800-\udfff]")


def replace_surrogates(text: str) -> str:
    """`text` with every lone surrogate replaced by U+FFFD.

    Lone surrogates (broken UTF-16 in scraped pages, `"\\ud800"` in JSON)
    cannot be encoded as UTF-8, which spaCy hashes every token as and every
    writer writes; U+FFFD keeps the length, so every offset still indexes
    the caller's text.  A surrogate is there exactly when encoding fails:
    the encode is a C loop, ~50x cheaper than searching with the regex, and
    ASCII text needs neither.
    """
    if text.isascii():
        return text
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return _SURROGATE.sub("\ufffd", text)
    return text


def get_state(doc: Doc) -> ArticleState:
    """The article state of `doc`, created empty on first use.

    A Doc made by plain `nlp(text)` has no id or publication date; that is
    a valid article, so components never require `prepare_doc` to have run.

    The state is read from `doc.user_data` under the key `doc._.berita`
    uses: the same value, without building an `Underscore` object on each
    of the ~16 calls per article.
    """
    data: dict[Any, Any] = doc.user_data
    st = data.get(_STATE_KEY)
    if st is None:
        st = ArticleState()
        data[_STATE_KEY] = st
    return st  # type: ignore[no-any-return]


def article_text(doc: Doc) -> str:
    """The article's raw text, computed once per Doc.

    `Doc.text` rebuilds the string from every token on each call (about a
    millisecond for a news article), which would be paid once per
    component; the text is kept on the state instead (`prepare_doc` puts the
    caller's own string there, so it costs nothing at all).
    """
    st = get_state(doc)
    text = st.extra.get("text")
    if not isinstance(text, str):
        text = doc.text
        st.extra["text"] = text
    return text


def parse_published(value: object) -> dt.date | None:
    """Read a publication date given as a date, datetime or ISO string.

    Raises ValueError with a readable message for anything else, so a batch
    can turn a bad `published` field into an error record.
    """
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        s = value.strip()
        try:
            return dt.date.fromisoformat(s[:10])
        except ValueError:
            raise ValueError(f"published must be YYYY-MM-DD, got {value!r}") from None
    raise ValueError(f"published must be a date or YYYY-MM-DD string, got {type(value).__name__}")


def set_spans(doc: Doc, group: str, items: Iterable[tuple[int, int, str]]) -> None:
    """Write items as a `Doc.spans` group, snapping offsets out to token edges.

    Items whose offsets fall inside whitespace cannot become spans; they are
    still in the record, which is the source of truth.  (Bisecting token
    offsets instead of `char_span` was measured slower: reading the offsets
    of every token costs more than the ~40 spans of an article.)  With the
    compiled extension the group is built in C (`_tokenloop.span_group`,
    the same spans as `char_span(..., alignment_mode="expand")`): `char_span`
    and the `Span` objects cost ~5 us a span, 6% of the whole pipeline.
    """
    build = _span_group()
    if build is not None:
        doc.spans[group] = build(doc, group, items)
        return
    spans = []
    for start, end, label in items:
        sp = doc.char_span(start, end, label=label, alignment_mode="expand")
        if sp is not None:
            spans.append(sp)
    doc.spans[group] = spans


@functools.cache
def _span_group() -> Any:
    """`_tokenloop.span_group` when the compiled extension is usable (same
    conditions as the tokenizer's compiled loop), else None; looked up once."""
    from .tokenizer import compiled_loop

    if compiled_loop() is None:
        return None
    from . import _tokenloop

    return getattr(_tokenloop, "span_group", None)
