"""berita_places: example table (tests/fixtures/places_examples.jsonl), seed, dev set, properties.

Every example sentence in the table is written for this project in the
style of regional news; names of people are invented.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from berita_nlp.places import extract_places
from berita_nlp.records import Place
from conftest import FIXTURES, shared_path


def _examples() -> list[dict[str, Any]]:
    lines = (FIXTURES / "places_examples.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def _matches(p: Place, want: dict[str, Any]) -> bool:
    return all(getattr(p, k) == v for k, v in want.items())


@pytest.mark.parametrize("ex", _examples(), ids=lambda ex: ex["text"][:50])
def test_examples(ex: dict[str, Any]) -> None:
    places, spans = extract_places(ex["text"])
    for want in ex["places"]:
        assert any(_matches(p, want) for p in places), (want, places)
    for bad in ex["not"]:
        assert all(bad not in (p.code, p.name) for p in places), (bad, places)
    for p in places:
        for m in p.mentions:
            assert ex["text"][m.start : m.end] == m.text
    assert all(ex["text"][s:e] for s, e, _ in spans)


def test_merged_per_code() -> None:
    text = "Pemkab Sekadau menggelar apel. Bupati Sekadau hadir. Warga Kabupaten Sekadau antusias."
    places, _ = extract_places(text)
    sek = [p for p in places if p.code == "61.09"]
    assert len(sek) == 1 and len(sek[0].mentions) == 3


def test_zone_filter_drops_furniture() -> None:
    text = "Bupati Sekadau hadir.\nBACA JUGA: Wali Kota Bogor dilantik"
    cut = text.index("BACA")
    places, _ = extract_places(text, lambda s: s < cut)
    assert [p.code for p in places] == ["61.09"]


def test_pipeline_component(nlp: Any) -> None:
    doc = nlp("Pj Gubernur Jawa Barat menerima Pj Bupati Bengkulu Tengah di Gedung Sate.")
    codes = {p.code for p in doc._.record.places}
    assert {"32", "17.09"} <= codes
    assert "berita_places" in doc.spans


def test_seed_places(seed_text: str) -> None:
    places, _ = extract_places(seed_text)
    by_code = {p.code: p for p in places if p.code}
    for code in ("32", "17.09", "32.73", "73.24", "62.08", "72.09"):
        assert code in by_code, code
    assert by_code["72.09"].name == "Tojo Una-Una"
    names = {(p.name, p.kind) for p in places}
    assert ("Indonesia", "negara") in names
    assert ("Gedung Sate", "venue") in names


def test_dev_gold_region_recall() -> None:
    """Most coded places of the dev gold come out (guards against regressions, not a target)."""
    rows = [json.loads(x) for x in shared_path("eval", "dev.jsonl").read_text(encoding="utf-8").splitlines() if x]
    gold = found = 0
    for r in rows:
        codes = {p.code for p in extract_places(r["text"])[0] if p.code}
        for gp in r.get("places") or []:
            if gp.get("code"):
                gold += 1
                found += gp["code"] in codes
    assert found / gold > 0.9


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "Kota ",
                "Bandung",
                " Jabar",
                "Desa ",
                "Jalan ",
                "Gedung ",
                "Sate",
                " di ",
                ",",
                ".",
                "-",
                "(",
                ")",
                "\n",
                "\t",
                "İ",
                "Istana ",
                "PT ",
                "Bima ",
                "Arya",
                "Kecamatan ",
                "Toho",
                "AS",
                " ",
            ]
        ),
        max_size=80,
    ).map("".join)
)
def test_never_raises_and_offsets_hold(text: str) -> None:
    places, _spans = extract_places(text)
    for p in places:
        assert p.mentions
        for m in p.mentions:
            assert text[m.start : m.end] == m.text


def test_long_pathological_input() -> None:
    text = ("Jalan " * 5000) + ("(" * 50000) + " di Gedung " + ("Sate " * 2000) + "\n" * 1000 + "Kota Bandung"
    places, _ = extract_places(text)
    assert any(p.code == "32.73" for p in places)
