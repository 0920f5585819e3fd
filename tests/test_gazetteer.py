"""Gazetteer: the region list, name resolution and the one-pass matcher.

Example tables live in tests/fixtures/places_gazetteer_*.tsv (positive and
negative rows); the official list is checked against ../shared's copy of the
Kemendagri table when it is there.
"""

from __future__ import annotations

import csv
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from berita_nlp.gazetteer import get_gazetteer
from conftest import FIXTURES, shared_path


def _rows(name: str) -> list[list[str]]:
    out = []
    for line in (FIXTURES / name).read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip("\n"):
            continue
        out.append(line.split("\t"))
    return out


@pytest.mark.parametrize("name,level,code", _rows("places_gazetteer_resolve.tsv"))
def test_resolve(name: str, level: str, code: str) -> None:
    r = get_gazetteer().resolve(name, None if level == "-" else level)
    assert (r.code if r else "-") == code


@pytest.mark.parametrize("row", _rows("places_gazetteer_find.tsv"), ids=lambda r: r[0][:40])
def test_find(row: list[str]) -> None:
    text = row[0]
    want = [x.strip() for x in row[1].split(" | ")] if len(row) > 1 and row[1].strip() else []
    got = [f"{m.text}={m.region.code}" for m in get_gazetteer().find(text)]
    assert got == want
    for m in get_gazetteer().find(text):
        assert text[m.start : m.end] == m.text
        assert m.start <= m.name_start < m.end


def test_counts_and_levels() -> None:
    regs = get_gazetteer().regions()
    by = {lv: sum(1 for r in regs if r.level == lv) for lv in ("provinsi", "kabupaten", "kota", "kecamatan")}
    assert by == {"provinsi": 38, "kabupaten": 416, "kota": 98, "kecamatan": 7285}
    g = get_gazetteer()
    for r in regs:
        if r.parent is not None:
            assert g.by_code(r.parent) is not None


_OFFICIAL_SPELLING = {"72.09", "71.09", "62.71", "74.72", "92.03", "19.71", "21.72", "16.73", "72.04"}


def test_against_shared_wilayah_csv() -> None:
    path = shared_path("data", "regions", "wilayah.csv")
    g = get_gazetteer()
    seen = 0
    with path.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            if row["tingkat"] == "desa":
                continue
            seen += 1
            r = g.by_code(row["kode"])
            assert r is not None, row
            assert r.level == row["jenis"]
            assert (r.parent or "") == row["kode_induk"]
            if r.code not in _OFFICIAL_SPELLING:
                bare = row["nama"]
                if row["tingkat"] == "kabkota":
                    bare = re.sub(r"^(Kabupaten|Kota)( Administrasi)? ", "", bare)
                assert r.name == bare
    assert seen == 38 + 514 + 7285 == len(g.regions())


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("Kota Bandung Jabar.,- \n\t(OKU)kecamatanİ")), max_size=300))
def test_find_never_raises_and_offsets_hold(text: str) -> None:
    ms = get_gazetteer().find(text)
    last = -1
    for m in ms:
        assert m.start >= last
        assert text[m.start : m.end] == m.text
        last = m.end


def test_long_punctuation_run() -> None:
    text = ("Kota " * 20000) + ("-" * 100000) + " Bandung"
    assert [m.region.code for m in get_gazetteer().find(text)][-1:] == ["32.73"]


def test_add_phrases_keeps_each_callers_payload() -> None:
    """Two components adding the same word both get their payload back (neither shadows the other)."""
    from berita_nlp.gazetteer import Gazetteer, _load_base

    gz = Gazetteer(_load_base())
    gz.add_phrases({"gedung": ("a", 1)}, "a")
    gz.add_phrases({"gedung": ("b", 2), "wisma": ("b", 3)}, "b")
    gz.add_phrases({"gedung": ("a", 9)}, "a")  # a caller's second call is a no-op
    extra: list[tuple[int, int, object]] = []
    gz.scan("Rapat di Gedung Sate dan Wisma Bupati Bogor.", extra)
    got = sorted((s, p) for s, _e, p in extra)
    assert got == [(9, ("a", 1)), (9, ("b", 2)), (25, ("b", 3))]
