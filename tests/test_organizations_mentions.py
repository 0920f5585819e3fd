"""Mentions of organizations: every later use of a name or alias is recorded.

`fixtures/organizations_mentions.tsv` holds invented sentences: positive rows
give how many mentions of a written form an organization must have, negative
rows a form that must be no mention (a compound, part of a longer word).
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from berita_nlp import extract
from conftest import FIXTURES


def _rows() -> list[list[str]]:
    rows = []
    for line in (FIXTURES / "organizations_mentions.tsv").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            rows.append([*line.split("\t"), "", ""][:5])
    return rows


ROWS = _rows()
POS = [r for r in ROWS if r[0] == "pos"]
NEG = [r for r in ROWS if r[0] == "neg"]


def test_table_has_both_kinds() -> None:
    assert len(POS) >= 3 and len(NEG) >= 2


@pytest.mark.parametrize(("kind", "text", "name", "form", "count"), POS, ids=[r[3] for r in POS])
def test_later_mentions(kind: str, text: str, name: str, form: str, count: str) -> None:
    rec = extract(text)
    org = next((o for o in rec.organizations if o.name == name), None)
    assert org is not None, [o.name for o in rec.organizations]
    assert sum(m.text == form for m in org.mentions) == int(count), org.mentions
    for m in org.mentions:
        assert text[m.start:m.end] == m.text


@pytest.mark.parametrize(("kind", "text", "name", "form", "count"), NEG, ids=[f"not {r[3]}" for r in NEG])
def test_not_mentions(kind: str, text: str, name: str, form: str, count: str) -> None:
    rec = extract(text)
    at = text.index(form)
    for o in rec.organizations:
        for m in o.mentions:
            assert m.end <= at or m.start >= at + len(form), m  # nothing read inside the form


_WORDS = ["Yayasan Lentera Desa (YLD)", "YLD", "YLD-nya", "Pemkab Garut", "Dinas", "dan", "warga", ",", ".",
          "(", ")", "PT Sinar Cetra Abadi", "Direktur", "Budi", "\n", "  ", "Dinas perindustrian Lampung"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(_WORDS), max_size=30))
def test_mentions_are_sound(words: list[str]) -> None:
    """Mentions quote the raw text exactly (the spelled-out form is the name or an alias), never twice."""
    text = " ".join(words)
    rec = extract(text)
    seen: list[tuple[int, int]] = []
    for o in rec.organizations:
        for m in o.mentions:
            assert 0 <= m.start < m.end <= len(text)
            assert text[m.start:m.end] == m.text
            seen.append((m.start, m.end))
    seen.sort()
    assert len(seen) == len(set(seen))
