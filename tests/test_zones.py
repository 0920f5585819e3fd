"""Zones: page furniture told apart from content, from an example table (fixtures/zones_examples.jsonl)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from berita_nlp.state import ArticleState, ZoneMap
from berita_nlp.zones import zone_text
from conftest import FIXTURES

CASES = [json.loads(line) for line in (FIXTURES / "zones_examples.jsonl").read_text(encoding="utf-8").splitlines()]


def _run(text: str) -> tuple[ArticleState, ZoneMap]:
    st = ArticleState()
    zm = ZoneMap(zone_text(text, st), len(text))
    return st, zm


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_zone_kinds(case: dict[str, Any]) -> None:
    text = case["text"]
    _, zm = _run(text)
    for needle, kind in case["expect"].items():
        at = text.index(needle)
        assert zm.kind_at(at) == kind, f"{needle!r}: {zm.kind_at(at)} != {kind}"


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_meta(case: dict[str, Any]) -> None:
    st, _ = _run(case["text"])
    assert st.title == case["title"]
    assert st.outlet == case["outlet"]
    place = st.dateline.place if st.dateline else None
    if case["dateline_place"] is None:
        assert place is None
    else:
        assert place is not None and case["dateline_place"].lower() in place.lower()
    assert [[c.role, c.name] for c in st.credits] == case["credits"]
    for c in st.credits:
        assert case["text"][c.start : c.end] == c.name


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_zones_cover_text_without_overlap(case: dict[str, Any]) -> None:
    text = case["text"]
    _, zm = _run(text)
    last = 0
    for z in zm.zones:
        assert 0 <= z.start < z.end <= len(text)
        assert z.start >= last
        last = z.end
    # every non-space character lies in some zone
    for i, ch in enumerate(text):
        if not ch.isspace():
            assert zm.kind_at(i) is not None, (i, text[i - 10 : i + 10])


def test_content_gate() -> None:
    text = CASES[0]["text"]
    _, zm = _run(text)
    assert zm.allows(text.index("Bupati Sukamaju Rina"))
    assert zm.allows(text.index("Foto: Bupati"))  # captions are content
    assert not zm.allows(text.index("Sulastri"))
    assert not zm.allows(text.index("Festival Durian"))


def test_seed_article_zones(seed_text: str) -> None:
    st, zm = _run(seed_text)
    assert st.outlet == "KANTOR-BERITA.COM"
    assert st.dateline is not None and st.dateline.place == "Jawa Barat"
    expected = {("editor", "KB1"), ("reporter", "Erwan"), ("photographer", "MC Benteng")}  # seeds/expected.md
    assert {(c.role, c.name) for c in st.credits} >= expected
    assert st.title == seed_text.splitlines()[0]
    kinds = {z.kind for z in zm.zones}
    assert {"title", "caption", "teaser", "credit", "boilerplate", "body", "dateline"} <= kinds
    assert not zm.allows(seed_text.index("Erwan"))
    assert not zm.allows(seed_text.index("Tinggalkan Balasan"))
    assert not zm.allows(seed_text.index("BACA JUGA"))


@settings(max_examples=400, deadline=None)
@given(
    st.lists(
        st.sampled_from(["Foto", "foto", "(", ")", "*", "/", ".", ",", ":", " ", "\t", "a", "Z", "dok", "Rina", "-"]),
        min_size=1,
        max_size=25,
    ).map("".join)
)
def test_trailing_credit_gate(line: str) -> None:
    """`zone_text` tries the trailing-credit pattern only on lines ending in `)`,
    or ending in a dot or letter with `Foto` in the window: no other line can match."""
    from berita_nlp.zones import _TRAILING_CREDIT

    line = line.strip(" \t")
    if not line:
        return
    lo, e = max(0, len(line) - 60), len(line)
    tail = line[-1]
    tried = tail == ")" or ((tail == "." or tail.isalpha()) and line.find("Foto", lo, e) >= 0)
    if not tried:
        assert _TRAILING_CREDIT.search(line, lo, e) is None
