"""extract() never raises on any text, and its offsets stay inside the text.

Real input is scraped HTML text: control characters, emoji, right-to-left
script, runs of punctuation or whitespace, unbalanced brackets, all mixed
with ordinary news sentences.  A batch over millions of articles must not
stop on any of it.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import berita_nlp
from berita_nlp.records import Article

# Invented fragments in the style of Indonesian regional news.
FRAGMENTS = [
    "KOTA SUMBER, KABAR-DAERAH.COM - ",
    "Bupati Sumber Jaya, H. Ahmad Fauzi, S.T., M.Si., meninjau lokasi banjir",
    " di Desa Cikaret, Kecamatan Mekarsari, Kabupaten Sumber Jaya, Senin (5/2/2024).",
    " Sebanyak 120 rumah terendam dan 3 warga luka-luka.",
    ' "Kami kirim bantuan ke daerah-daerah terdampak," ujarnya.',
    " Kapolres AKBP Rudi Hartono, S.I.K., M.H. bersama Dinas Sosial (Dinsos)",
    " menyalurkan Rp 250 juta pada 9-5-2018 dan 12 Januari 2023 pukul 10.30 WIB.",
    "\nBACA JUGA: Warga Desa Sukamaju Gelar Gotong-Royong\n",
    "\nFoto: Humas Pemkab\nEditor: Sari Wulan\n(ab/cd)",
    "SCROLL TO CONTINUE WITH CONTENT",
    "Jakarta, Kompas.com -",
    " Dr. drg. Lina Kusuma, Ph.D. dan K.H. Abdul Rozak, MPPM.",
]

NOISE = [
    "\x00",
    "\x07",
    "\x1b[0m",
    "\u200b",
    "\ufeff",
    "\u202e",
    "\r\n",
    "🙂",
    "👨‍👩‍👧",
    "🇮🇩",
    "عربي",
    "עברית",
    "中文",
    "(",
    ")",
    "[[",
    "}}",
    '"',
    "“",
    "'",
    "\\",
    "-",
    "–",
    "/",
    ".",
    ",",
    ":",
    "%",
    "Rp",
    "Dr.",
    "H.",
    "ke-",
    "-nya",
]

run = st.builds(
    lambda ch, n: ch * n,
    st.sampled_from(["(", ")", ".", " ", "\n", "\t", "-", "1/", "A. ", "Dr. ", "=", "!", "…", ",", "0"]),
    st.integers(min_value=1, max_value=3000),
)

piece = st.one_of(
    st.sampled_from(FRAGMENTS),
    st.sampled_from(NOISE),
    run,
    st.text(max_size=30),
    st.text(alphabet=st.characters(categories=["Cc", "Cf", "Zs", "Zl", "Zp", "So", "Po", "Ps", "Pe"]), max_size=20),
)

texts = st.lists(piece, max_size=14).map("".join)


def _offsets(value: Any) -> Iterator[tuple[int, int]]:
    if isinstance(value, dict):
        s, e = value.get("start"), value.get("end")
        if isinstance(s, int) and isinstance(e, int):
            yield s, e
        for v in value.values():
            yield from _offsets(v)
    elif isinstance(value, list):
        for v in value:
            yield from _offsets(v)


def _check(text: str, rec: Article) -> None:
    assert isinstance(rec, Article)
    data = rec.to_dict()
    json.dumps(data)  # serialisable
    for s, e in _offsets(data):
        assert 0 <= s <= e <= len(text), (s, e, len(text))


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(texts, st.sampled_from([None, "2024-02-06", "1999-12-31"]))
def test_extract_never_raises(text: str, published: str | None) -> None:
    _check(text, berita_nlp.extract(text, published=published, id="prop"))


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=300))
def test_extract_any_unicode(text: str) -> None:
    _check(text, berita_nlp.extract(text))


def test_extract_edge_cases() -> None:
    for text in ["", " ", "\n", "\x00", "(" * 20_000, "." * 20_000, " " * 20_000, "1/" * 10_000, "🙂" * 5000]:
        _check(text, berita_nlp.extract(text))
