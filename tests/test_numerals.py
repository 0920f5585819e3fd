"""The numeral parser: an example table (data) and property tests."""

from __future__ import annotations

import csv
import random
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from berita_nlp.numerals import (
    format_digits,
    int_to_words,
    iter_numbers,
    parse_digits,
    parse_number,
    qualifier_before,
    words_to_int,
)

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def _rows() -> list[list[str]]:
    with (FIXTURES / "numerals_examples.tsv").open(encoding="utf-8", newline="") as f:
        rows = [r for r in csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE) if r and not r[0].startswith("#")]
    return [r + [""] * (5 - len(r)) for r in rows]


ROWS = _rows()


def test_table_is_large_enough() -> None:
    assert len(ROWS) >= 100
    assert sum(1 for r in ROWS if r[1] == "-") >= 15  # negatives too


@pytest.mark.parametrize(("text", "value", "kind", "approx", "currency"), ROWS, ids=[r[0] or "<empty>" for r in ROWS])
def test_parse_number_table(text: str, value: str, kind: str, approx: str, currency: str) -> None:
    got = parse_number(text)
    if value == "-":
        assert got is None, got
        return
    assert got is not None, text
    assert got.value == pytest.approx(float(value), rel=1e-9)
    assert got.kind == kind
    assert got.approximate == (approx == "1")
    assert (got.currency or "") == currency


@settings(max_examples=400, deadline=None)
@given(st.integers(min_value=0, max_value=999_999_999_999))
def test_words_round_trip(n: int) -> None:
    words = int_to_words(n)
    assert words_to_int(words) == n
    parsed = parse_number(words)
    assert parsed is not None and parsed.value == n


@settings(max_examples=400, deadline=None)
@given(st.integers(min_value=0, max_value=999_999_999_999))
def test_digits_round_trip(n: int) -> None:
    s = format_digits(n)
    assert parse_digits(s) == n
    parsed = parse_number(s)
    assert parsed is not None and parsed.value == n


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=0, max_value=99_999_999), st.integers(min_value=1, max_value=99))
def test_decimal_digits_round_trip(whole: int, frac: int) -> None:
    value = float(f"{whole}.{frac:02d}".rstrip("0"))
    assert parse_digits(format_digits(value)) == pytest.approx(value)


@pytest.mark.parametrize(
    "n", [0, 1, 10, 11, 12, 19, 20, 99, 100, 101, 110, 111, 999, 1000, 1001, 1100, 2024, 10**6, 10**9, 10**12 - 1]
)
def test_edges_round_trip(n: int) -> None:
    assert words_to_int(int_to_words(n)) == n


def test_standard_spellings() -> None:
    assert int_to_words(11) == "sebelas"
    assert int_to_words(100) == "seratus"
    assert int_to_words(1000) == "seribu"
    assert int_to_words(2024) == "dua ribu dua puluh empat"
    assert int_to_words(1_000_000) == "satu juta"


def test_qualifier_before() -> None:
    text = "tercatat sekitar 30 orang"
    q = qualifier_before(text, text.index("30"))
    assert q is not None and q[1] == "sekitar" and q[2] is True
    assert qualifier_before("kelebihan 5", 10) is None


def test_iter_numbers_offsets() -> None:
    text = "Ada 1.211 bidang, dua ratus orang, Rp 1,2 M dan ke-3 juara pada 10.00 WIB."
    found = [(m.start, m.end, m.number.value) for m in iter_numbers(text)]
    assert (4, 9, 1211) in found
    assert (18, 27, 200) in found
    assert any(v == 1_200_000_000 for _, _, v in found)
    assert all(v != 3 for _, _, v in found)  # ke-3 is an ordinal
    assert all(v not in (10, 0) for _, _, v in found)  # 10.00 is a time
    for s, e, _ in found:
        assert text[s:e] == text[s:e].strip()


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("0123456789.,/-% RpjutaribsM\n")), max_size=80))
def test_never_raises_on_numeric_noise(s: str) -> None:
    list(iter_numbers(s))
    parse_number(s)


def test_pathological_input_is_linear() -> None:
    rnd = random.Random(1)
    chunks = ["." * 5000, " " * 5000, "1" * 5000, "dua " * 2000, "1.000." * 1000, ",,,,9" * 1000]
    text = "".join(rnd.sample(chunks, len(chunks)))
    list(iter_numbers(text))  # must finish (no catastrophic backtracking)
