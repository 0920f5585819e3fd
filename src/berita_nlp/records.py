"""Typed, immutable records for an article and each kind of extracted item.

The records are the contract between the extractors, the CLI and the users'
own code: everything a component finds ends up here, and everything here
serialises to the JSON shape of the article record format (FORMAT v1, with
extra fields).  Offsets (`start`/`end`) always index the raw input text as it
was given, never a cleaned copy, so a user can always point back at the
evidence.

Records are frozen dataclasses with tuples for sequences: an extracted
record is a finished fact, and sharing it between threads, caches or a Dask
graph must never let one consumer change what another sees.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from dataclasses import dataclass, field
from typing import Any, ClassVar, TypeVar, Union, get_args, get_origin, get_type_hints

SCHEMA_VERSION = "1.0"
"""Version of the serialised record shape; bumped on any incompatible change."""

T = TypeVar("T", bound="Record")


class Record:
    """Mixin that gives every record a lossless JSON round trip.

    `to_dict` drops nothing: optional fields are written as `null` so the
    shape is stable for columnar tools (Parquet, DuckDB) that need one schema
    for all rows.
    """

    __slots__ = ()
    __dataclass_fields__: ClassVar[dict[str, Any]]

    def to_dict(self) -> dict[str, Any]:
        cls = type(self)
        fn = _TO_DICT.get(cls)
        if fn is None:
            fn = _TO_DICT[cls] = _compile_to_dict(cls)
            if cls.to_dict is Record.to_dict:
                _DIRECT[cls] = fn
        return fn(self)

    @classmethod
    def from_dict(cls: type[T], data: typing.Mapping[str, Any]) -> T:
        hints = _hints(cls)
        kwargs: dict[str, Any] = {}
        for f in dataclasses.fields(cls):  # type: ignore[arg-type]
            if f.name in data:
                kwargs[f.name] = _load(hints[f.name], data[f.name])
        return cls(**kwargs)


_HINTS: dict[type, dict[str, Any]] = {}
_NAMES: dict[type, tuple[str, ...]] = {}


def _field_names(cls: type) -> tuple[str, ...]:
    """Field names per record class, computed once: `dataclasses.fields` is slow
    enough to matter when a batch serialises millions of small records."""
    names = _NAMES.get(cls)
    if names is None:
        names = _NAMES[cls] = tuple(f.name for f in dataclasses.fields(cls))
    return names


def _hints(cls: type) -> dict[str, Any]:
    h = _HINTS.get(cls)
    if h is None:
        h = _HINTS[cls] = get_type_hints(cls)
    return h


_PLAIN = (str, int, float, bool, type(None))
_PLAIN_TYPES = frozenset(_PLAIN)
_TO_DICT: dict[type, typing.Callable[[Any], dict[str, Any]]] = {}
_DIRECT: dict[type, typing.Callable[[Any], dict[str, Any]]] = {}
"""The compiled `to_dict` of each record class that does not override
`to_dict`, for `_dump` to call without going through `Record.to_dict`."""


def _compile_to_dict(cls: type) -> typing.Callable[[Any], dict[str, Any]]:
    """`to_dict` for one record class, as straight-line code.

    A batch serialises ~100 small records per article; the generic loop
    (a generator over the field names, `getattr`, a `_dump` call per
    field) cost as much as the JSON encoding itself.  The generated
    function reads each field once and calls `_dump` only for values that
    are not plain JSON scalars, so its output is exactly the generic one.
    """
    names = _field_names(cls)
    body = [f"    v{i} = self.{name}" for i, name in enumerate(names)]
    items = ", ".join(f"{name!r}: v{i} if type(v{i}) in _P else _dump(v{i})" for i, name in enumerate(names))
    src = "def to_dict(self):\n" + "\n".join(body) + f"\n    return {{{items}}}\n"
    namespace: dict[str, Any] = {"_P": _PLAIN_TYPES, "_dump": _dump}
    exec(src, namespace)  # the source is built from the dataclass's own field names
    return namespace["to_dict"]  # type: ignore[no-any-return]


def _dump(value: Any) -> Any:
    # Exact-type shortcuts first (an article holds ~50 records in ~10
    # tuples); anything else, subclasses included, takes the general rules.
    t = type(value)
    fn = _DIRECT.get(t)
    if fn is not None:
        return fn(value)
    if t is tuple:
        direct = _DIRECT
        return [direct[tv](v) if (tv := type(v)) in direct else _dump_item(v) for v in value]
    if isinstance(value, _PLAIN):
        return value
    if isinstance(value, Record):
        return value.to_dict()
    if isinstance(value, tuple | list):
        return [v.to_dict() if isinstance(v, Record) else _dump(v) for v in value]
    if isinstance(value, dict):
        return {k: _dump(v) for k, v in value.items()}
    return value


def _dump_item(value: Any) -> Any:
    return value.to_dict() if isinstance(value, Record) else _dump(value)


def _load(hint: Any, value: Any) -> Any:
    if value is None:
        return None
    origin = get_origin(hint)
    if origin in (Union, types.UnionType):
        args = [a for a in get_args(hint) if a is not type(None)]
        for a in args:
            if isinstance(a, type) and issubclass(a, Record) and isinstance(value, dict):
                return a.from_dict(value)
        for a in args:
            if get_origin(a) in (tuple, list) and isinstance(value, list):
                return _load(a, value)
        return value
    if origin is tuple:
        inner = get_args(hint)[0]
        return tuple(_load(inner, v) for v in value)
    if origin is dict:
        _, vt = get_args(hint)
        return {k: _load(vt, v) for k, v in value.items()}
    if isinstance(hint, type) and issubclass(hint, Record) and isinstance(value, dict):
        return hint.from_dict(value)
    return value


@dataclass(frozen=True, slots=True)
class Mention(Record):
    """One place in the raw text where an item is named."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Zone(Record):
    """A stretch of the raw text with one role on the page.

    kind is one of: title, body, caption, teaser, credit, boilerplate, ad,
    dateline.  Extractors read title, body and caption; everything else is
    page furniture and yields no items.
    """

    kind: str
    start: int
    end: int


CONTENT_ZONES = frozenset({"title", "body", "caption", "dateline"})


@dataclass(frozen=True, slots=True)
class Credit(Record):
    """A byline credit: who wrote, edited or photographed the piece."""

    role: str  # reporter, editor, photographer, writer, source
    name: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Dateline(Record):
    """The dateline that opens the body (`Jakarta, Kompas.com -`)."""

    text: str
    place: str | None
    code: str | None
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Meta(Record):
    """Article-level metadata: what the page says about itself."""

    title: str | None = None
    outlet: str | None = None
    dateline: Dateline | None = None
    credits: tuple[Credit, ...] = ()
    published: str | None = None
    published_source: str | None = None  # "input", "inferred" or None
    url: str | None = None


@dataclass(frozen=True, slots=True)
class DateItem(Record):
    """A date expression with its normalised ISO 8601 value.

    value is at the grain written (`2024-02-05`, `2024-02`, `2024`) or a
    range `start/end`; it is None when nothing in the input fixes it (a
    relative date with no publication date).  resolution says how the value
    was reached: absolute, year_from_published, relative, unresolved,
    inferred.  weekday_ok records the calendar check of a written weekday
    (None where no weekday was written) so a user can audit typos in the
    source instead of trusting them silently.
    """

    start: int
    end: int
    text: str
    value: str | None
    grain: str  # day, month, year, range, quarter, week
    resolution: str = "absolute"
    relative: bool = False
    weekday: str | None = None
    weekday_ok: bool | None = None
    time: str | None = None  # HH:MM
    time_zone: str | None = None  # WIB, WITA, WIT
    part_of_day: str | None = None  # pagi, siang, sore, malam
    flags: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Position(Record):
    """One office held, as written, with its parts."""

    text: str
    modifier: str | None = None  # Pj, Plt, Plh, Wakil, Penjabat
    role: str | None = None  # Gubernur, Bupati, Kepala Biro ...
    unit: str | None = None  # Jawa Barat, Pemerintahan dan Otonomi Daerah
    code: str | None = None  # region code where the unit is a region
    start: int | None = None
    end: int | None = None


@dataclass(frozen=True, slots=True)
class Person(Record):
    """A named person of the story, merged over all mentions."""

    name: str
    titles: tuple[str, ...] = ()
    positions: tuple[Position, ...] = ()
    degrees: tuple[str, ...] = ()
    honorifics: tuple[str, ...] = ()
    ranks: tuple[str, ...] = ()
    mentions: tuple[Mention, ...] = ()
    start: int | None = None
    end: int | None = None


@dataclass(frozen=True, slots=True)
class Place(Record):
    """A geographic place or venue, linked to its Kemendagri code."""

    name: str
    kind: str  # negara, provinsi, kabupaten, kota, kecamatan, desa, kelurahan, venue, other
    code: str | None = None
    parent: str | None = None  # code of the enclosing region (or name of a venue's place)
    mentions: tuple[Mention, ...] = ()
    start: int | None = None
    end: int | None = None


@dataclass(frozen=True, slots=True)
class Organization(Record):
    """An institution, with every form it is named by in the article."""

    name: str
    aliases: tuple[str, ...] = ()
    kind: str | None = None  # government, agency, legislature, ministry, university, company, ...
    code: str | None = None
    mentions: tuple[Mention, ...] = ()
    start: int | None = None
    end: int | None = None


@dataclass(frozen=True, slots=True)
class Count(Record):
    """A number that counts or measures something."""

    start: int
    end: int
    text: str
    value: int | float
    unit: str | None
    kind: str = "count"  # count, money, percent, measure
    approximate: bool = False
    qualifier: str | None = None  # sekitar, lebih dari, puluhan ...
    scope: str | None = None
    members: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Finding(Record):
    """A consistency check the article invites (a list's length, a sum of parts).

    Findings are observations, not errors: a mismatch usually means the
    article itself is inconsistent, which is worth knowing.
    """

    kind: str  # list_length, parts_sum, event_date
    ok: bool
    message: str
    start: int
    end: int
    expected: int | float | None = None
    actual: int | float | None = None


@dataclass(frozen=True, slots=True)
class EventArg(Record):
    """A role filler in an event: a reference to an item of the record."""

    name: str
    code: str | None = None
    title: str | None = None
    start: int | None = None
    end: int | None = None


@dataclass(frozen=True, slots=True)
class Event(Record):
    """A typed event tying the record's items together.

    parties, signatories and place follow FORMAT v1 for agreement signings;
    other event types fill `roles` (role name -> fillers).  status is
    happened, ongoing or planned; only the first two are facts.
    """

    type: str
    trigger: Mention
    status: str = "happened"
    date: str | None = None
    parties: tuple[EventArg, ...] = ()
    signatories: tuple[EventArg, ...] = ()
    witnesses: tuple[EventArg, ...] = ()
    place: EventArg | None = None
    venue: EventArg | None = None
    instrument: str | None = None
    fields: tuple[str, ...] = ()
    roles: dict[str, tuple[EventArg, ...]] = field(default_factory=dict)
    evidence: tuple[Mention, ...] = ()
    confidence: float = 0.5


@dataclass(frozen=True, slots=True)
class Article(Record):
    """Everything extracted from one article: the record of FORMAT v1.

    `events` holds the events FORMAT v1 scores (agreement signings that
    happened or are happening); `other_events` holds the rest the article
    reports (planned or rumoured signings, inaugurations, working visits,
    facility inaugurations, handovers), so consumers that count `events`
    are not misled and nothing found is hidden.
    """

    id: str | None
    schema_version: str = SCHEMA_VERSION
    published: str | None = None
    meta: Meta = field(default_factory=Meta)
    zones: tuple[Zone, ...] = ()
    dates: tuple[DateItem, ...] = ()
    people: tuple[Person, ...] = ()
    places: tuple[Place, ...] = ()
    organizations: tuple[Organization, ...] = ()
    counts: tuple[Count, ...] = ()
    events: tuple[Event, ...] = ()
    other_events: tuple[Event, ...] = ()
    findings: tuple[Finding, ...] = ()


@dataclass(frozen=True, slots=True)
class ErrorRecord(Record):
    """What a batch writes for an input it could not process, so no input is lost."""

    id: str | None
    error: str
    schema_version: str = SCHEMA_VERSION
