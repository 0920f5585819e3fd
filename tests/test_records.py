"""The record model: lossless JSON round trips and the published JSON Schema."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

import berita_nlp
from berita_nlp.records import (
    Article,
    Count,
    DateItem,
    ErrorRecord,
    Event,
    EventArg,
    Mention,
    Meta,
    Organization,
    Person,
    Place,
    Position,
)
from berita_nlp.schema import record_schema
from conftest import ROOT

SCHEMA_PATH = ROOT / "docs" / "record.schema.json"


def _full_article() -> Article:
    m = Mention(10, 24, "Bupati Sukamaju")
    return Article(
        id="a1",
        published="2024-02-06",
        meta=Meta(title="Judul", outlet="WARTA.COM", published="2024-02-06", published_source="input"),
        dates=(DateItem(0, 16, "Senin (5/2/2024)", "2024-02-05", "day", weekday="senin", weekday_ok=True),),
        people=(
            Person(
                "Rina Kartika",
                titles=("Bupati Sukamaju",),
                positions=(Position("Bupati Sukamaju", role="Bupati", unit="Sukamaju"),),
                degrees=("Dr.", "M.Si."),
                mentions=(m,),
            ),
        ),
        places=(Place("Jawa Barat", "provinsi", "32", mentions=(m,)),),
        organizations=(Organization("Pemerintah Provinsi Jawa Barat", aliases=("Pemprov Jabar",), code="32"),),
        counts=(Count(30, 50, "76 Pemerintah Daerah", 76, "Pemerintah Daerah"), Count(60, 63, "1,5", 1.5, "persen")),
        events=(
            Event(
                "agreement_signing",
                trigger=m,
                date="2024-02-05",
                parties=(EventArg("Pemerintah Provinsi Jawa Barat", code="32"),),
                roles={"witness": (EventArg("Dewi"),)},
            ),
        ),
    )


def test_round_trip_is_lossless() -> None:
    art = _full_article()
    data = json.loads(json.dumps(art.to_dict()))
    assert Article.from_dict(data) == art


def test_every_record_carries_schema_version() -> None:
    assert _full_article().to_dict()["schema_version"] == berita_nlp.SCHEMA_VERSION
    assert ErrorRecord(id="x", error="bad").to_dict()["schema_version"] == berita_nlp.SCHEMA_VERSION


def test_records_are_immutable() -> None:
    art = _full_article()
    with pytest.raises(AttributeError):
        art.id = "other"  # type: ignore[misc]


def test_docs_schema_is_current() -> None:
    """docs/record.schema.json is generated; regenerate with `python -m berita_nlp.schema`."""
    assert json.loads(SCHEMA_PATH.read_text(encoding="utf-8")) == record_schema()


def test_schema_validates_records_and_errors() -> None:
    schema = record_schema()
    jsonschema.validate(_full_article().to_dict(), schema)
    jsonschema.validate(ErrorRecord(id=None, error="ValueError: no text").to_dict(), schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"id": "x", "dates": "not a list"}, schema)


def test_real_output_validates(seed_text: str) -> None:
    rec = berita_nlp.extract(seed_text, id="seed", published="2024-02-06")
    jsonschema.validate(rec.to_dict(), record_schema())
    assert Article.from_dict(json.loads(json.dumps(rec.to_dict()))) == rec


def test_sample_archive_output_validates() -> None:
    path: Path = ROOT / "samples" / "archive.jsonl"
    items = []
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            items.append(json.loads(line))
        except json.JSONDecodeError:
            continue
    schema = record_schema()
    for rec in berita_nlp.extract_many(items):
        jsonschema.validate(rec.to_dict(), schema)


def _generic_dump(value: object) -> object:
    """The straightforward serialisation `to_dict` must stay equal to."""
    import dataclasses

    from berita_nlp.records import Record

    if isinstance(value, Record):
        return {f.name: _generic_dump(getattr(value, f.name)) for f in dataclasses.fields(value)}  # type: ignore[arg-type]
    if isinstance(value, tuple | list):
        return [_generic_dump(v) for v in value]
    if isinstance(value, dict):
        return {k: _generic_dump(v) for k, v in value.items()}
    return value


def test_compiled_to_dict_equals_generic_walk(seed_text: str) -> None:
    from berita_nlp import extract

    for art in (_full_article(), extract(seed_text, published="2024-02-06", id="seed")):
        got = art.to_dict()
        assert got == _generic_dump(art)
        assert list(got) == [f for f in _generic_dump(art)]  # type: ignore[union-attr]
        assert json.dumps(got) == json.dumps(_generic_dump(art))


def test_subclass_overriding_to_dict_is_honoured_inside_tuples() -> None:
    """`to_dict` calls a record's compiled function directly only for classes
    that keep `Record.to_dict`; a subclass with its own is still asked."""
    import dataclasses

    @dataclasses.dataclass(frozen=True)
    class LoudMention(Mention):
        def to_dict(self) -> dict[str, object]:
            return {**super().to_dict(), "loud": True}

    loud = LoudMention(0, 6, "Sukamaju")
    loud.to_dict()  # the parent's compiled function is now cached for the subclass too
    art = Article(id="x", people=(Person(name="Sukamaju", mentions=(loud, Mention(7, 9, "ia"))),))
    mentions = art.to_dict()["people"][0]["mentions"]
    assert mentions[0]["loud"] is True
    assert "loud" not in mentions[1]
