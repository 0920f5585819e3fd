"""berita_dates: the example table, round trips of every written form, robustness.

The table (`fixtures/dates_examples.tsv`) is the specification: positive
rows name a span and the value a date overlapping it must have (overlap,
as the scorer matches), negative rows name text no date may touch.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from berita_nlp.dates import find_dates
from berita_nlp.records import DateItem
from conftest import FIXTURES, shared_path

WEEKDAYS = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]
MONTHS = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
          "November", "Desember"]  # fmt: skip
ABBR = ["Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"]


def _rows() -> list[Any]:
    rows = []
    for n, line in enumerate((FIXTURES / "dates_examples.tsv").read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        kind, pub, text, expect = line.split("\t")
        rows.append(pytest.param(kind, None if pub == "-" else dt.date.fromisoformat(pub), text, expect, id=f"L{n}"))
    return rows


ROWS = _rows()


def _overlapping(items: list[DateItem], start: int, end: int) -> list[DateItem]:
    return [i for i in items if i.start < end and start < i.end]


def _check(item: DateItem, key: str, want: str) -> None:
    if key == "flags":
        assert want in item.flags, (item, want)
        return
    attr = {"pod": "part_of_day", "tz": "time_zone"}.get(key, key)
    got = getattr(item, attr)
    if isinstance(got, bool) or got is None:
        assert str(got) == want, (key, item)
    else:
        assert got == want, (key, item)


def test_table_is_big_enough() -> None:
    kinds = [p.values[0] for p in ROWS]
    assert len(kinds) >= 150
    assert kinds.count("pos") >= 80 and kinds.count("neg") >= 40


@pytest.mark.parametrize(("kind", "published", "text", "expect"), ROWS)
def test_example(kind: str, published: dt.date | None, text: str, expect: str) -> None:
    items, _ = find_dates(text, published)
    for it in items:  # every item is well-formed, whatever the row
        assert text[it.start : it.end] == it.text
        assert (it.value is None) == (it.resolution == "unresolved"), it
    if kind == "neg":
        if expect == "*":
            assert items == [], items
        else:
            s = text.index(expect)
            assert _overlapping(items, s, s + len(expect)) == [], items
        return
    cursor = 0
    for part in expect.split(" ;; "):
        fields = [f.strip() for f in part.split(" | ")]
        span, value = (x.strip() for x in fields[0].split("=>"))
        s = text.index(span, cursor)
        cursor = s + len(span)
        cands = _overlapping(items, s, s + len(span))
        want = None if value == "null" else value
        match = [i for i in cands if i.value == want]
        assert match, f"{span!r}: want {want}, got {[(i.text, i.value) for i in cands]}"
        for f in fields[1:]:
            key, _, val = f.partition("=")
            _check(match[0], key, val)


# -- every valid calendar date, in every supported written form, parses back to itself

DATES = st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2099, 12, 31))


def _forms(d: dt.date) -> list[str]:
    wd = WEEKDAYS[d.weekday()]
    return [
        f"{wd} ({d.day}/{d.month}/{d.year})",
        f"{wd.lower()}, ({d.day:02d}/{d.month:02d}/{d.year})",
        f"{wd}, {d.day}-{d.month}-{d.year}",
        f"{wd} {d.day:02d}-{d.month:02d}-{d.year}",
        f"({d.day}/{d.month}/{d.year})",
        f"{d.day}/{d.month}/{d.year}",
        f"{d.day:02d}.{d.month:02d}.{d.year}",
        f"{d.isoformat()}",
        f"{d.day} {MONTHS[d.month - 1]} {d.year}",
        f"{wd}, {d.day} {MONTHS[d.month - 1]} {d.year}",
        f"{d.day} {ABBR[d.month - 1]}. {d.year}",
        f"{d.day} {MONTHS[d.month - 1].upper()} {d.year}",
        f"tanggal {d.day} {MONTHS[d.month - 1].lower()} {d.year}",
    ]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(DATES, st.sampled_from(range(13)))
def test_day_forms_round_trip(day: dt.date, form: int) -> None:
    written = _forms(day)[form]
    text = f"Kegiatan itu berlangsung {written}. Warga hadir."
    items, _ = find_dates(text, dt.date(2024, 6, 1))
    assert len(items) == 1, (written, items)
    assert items[0].value == day.isoformat(), (written, items[0])
    assert items[0].grain == "day"
    if items[0].weekday is not None:
        assert items[0].weekday_ok is True


@settings(max_examples=100, deadline=None)
@given(st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2069, 12, 31)))
def test_two_digit_year_round_trip(day: dt.date) -> None:
    text = f"Rapat digelar {WEEKDAYS[day.weekday()]} ({day.day}/{day.month}/{day.year % 100:02d}) di aula."
    items, _ = find_dates(text, None)
    assert [i.value for i in items] == [day.isoformat()]


@settings(max_examples=100, deadline=None)
@given(DATES)
def test_year_less_round_trip(day: dt.date) -> None:
    """`Senin (5/2)` takes its year from the publication date, the weekday confirming it."""
    text = f"Rapat digelar {WEEKDAYS[day.weekday()]} ({day.day}/{day.month}) di aula."
    items, _ = find_dates(text, day + dt.timedelta(days=1))
    assert [i.value for i in items] == [day.isoformat()]
    assert items[0].resolution == "year_from_published"


@settings(max_examples=100, deadline=None)
@given(st.integers(1950, 2099), st.integers(1, 12))
def test_month_forms_round_trip(year: int, month: int) -> None:
    for written in (
        f"{MONTHS[month - 1]} {year}",
        f"akhir {MONTHS[month - 1]} {year}",
        f"bulan {ABBR[month - 1]} {year}",
    ):
        items, _ = find_dates(f"Harga naik sejak {written}, kata petani.", None)
        assert [i.value for i in items] == [f"{year:04d}-{month:02d}"], written


@settings(max_examples=60, deadline=None)
@given(st.integers(1950, 2099))
def test_year_forms_round_trip(year: int) -> None:
    for written in (f"tahun {year}", f"Tahun {year}", f"sejak {year}", f"awal {year}"):
        items, _ = find_dates(f"Program itu berjalan {written} di desa.", None)
        assert [i.value for i in items] == [str(year)], written


@settings(max_examples=60, deadline=None)
@given(st.integers(1950, 2099), st.integers(1, 4))
def test_quarter_round_trip(year: int, q: int) -> None:
    roman = ["I", "II", "III", "IV"][q - 1]
    for written in (f"kuartal {roman}-{year}", f"triwulan {roman} {year}", f"kuartal {q} tahun {year}"):
        items, _ = find_dates(f"Pertumbuhan pada {written} melambat.", None)
        want = f"{year:04d}-{3 * q - 2:02d}/{year:04d}-{3 * q:02d}"
        assert [i.value for i in items] == [want], written


@settings(max_examples=60, deadline=None)
@given(DATES, st.integers(0, 40))
def test_relative_days(anchor: dt.date, n: int) -> None:
    items, _ = find_dates(f"Warga melapor {n} hari lalu dan kemarin.", anchor)
    assert [i.value for i in items] == [
        (anchor - dt.timedelta(days=n)).isoformat(),
        (anchor - dt.timedelta(days=1)).isoformat(),
    ]


# -- robustness: never raise, stay linear on hostile text


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet=st.sampled_from(list("0123456789/-.,() :'’ abcdefghijklmnopqrstuvwxyzSJRKMAH\n")), max_size=200)
)
def test_never_raises_on_date_like_noise(text: str) -> None:
    items, _ = find_dates(text, dt.date(2024, 2, 6))
    for it in items:
        assert 0 <= it.start < it.end <= len(text)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=300))
def test_never_raises_on_any_text(text: str) -> None:
    find_dates(text, None)


def test_hostile_long_inputs() -> None:
    for text in (
        "(" * 200_000,
        "1/" * 100_000,
        "Senin " * 50_000,
        " " * 300_000 + "5 Februari 2024",
        "2024-" * 60_000,
        "tahun " * 50_000,
        "İ" * 1000 + " Senin (5/2/2024)",  # lower() changes its length: the slow path must agree
    ):
        items, _ = find_dates(text, dt.date(2024, 2, 6))
        if text.endswith("2024") or text.endswith(")"):
            assert items and items[-1].value == "2024-02-05"


def test_content_zones_only() -> None:
    text = "Rapat digelar Senin (5/2/2024). BACA JUGA: Pasar dibuka Selasa (6/2/2024)"
    cut = text.index("BACA")
    items, _ = find_dates(text, None, allows=lambda s: s < cut)
    assert [i.value for i in items] == ["2024-02-05"]


def test_inferred_anchor() -> None:
    text = "Kepala desa menyampaikan hal itu, Selasa (23/1/2024). Bantuan akan cair Jumat (26/1) dan besok."
    items, anchor = find_dates(text, None)
    assert anchor == dt.date(2024, 1, 23)
    assert [i.value for i in items] == ["2024-01-23", "2024-01-26", "2024-01-24"]
    assert [i.resolution for i in items] == ["absolute", "inferred", "inferred"]


def test_component_records_inferred_publication(nlp: Any) -> None:
    from berita_nlp.pipeline import prepare_doc

    doc = nlp(prepare_doc(nlp, "Bupati membuka pameran, Rabu (24/1/2024), di alun-alun. Pameran berakhir besok."))
    rec = doc._.record
    assert rec.meta.published == "2024-01-24" and rec.meta.published_source == "inferred"
    assert [d.value for d in rec.dates] == ["2024-01-24", "2024-01-25"]
    assert [sp.text for sp in doc.spans["berita_dates"]] == ["Rabu (24/1/2024)", "besok"]


def test_component_keeps_given_publication(nlp: Any) -> None:
    from berita_nlp.pipeline import prepare_doc

    doc = nlp(prepare_doc(nlp, "Rapat digelar kemarin di kantor camat.", published="2024-02-06"))
    rec = doc._.record
    assert rec.meta.published_source == "input"
    assert [d.value for d in rec.dates] == ["2024-02-05"]


def test_lexicon_covers_dateparser_month_names() -> None:
    """dateparser's Indonesian data is the reference list of month spellings."""
    dp = pytest.importorskip("dateparser.data.date_translation_data.id")
    from berita_nlp.dates import _lexicon

    months = _lexicon().months
    for en in ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
               "november", "december"):  # fmt: skip
        for name in dp.info[en]:
            if len(name) >= 3 and not name.lower().startswith("dj") and name.lower() != "mai":
                assert name.lower() in months, name


def test_dev_gold_f1() -> None:
    """Date F1 on the shared dev gold (overlap + equal value, as score.py), ≥ 0.95."""
    gold = [json.loads(x) for x in shared_path("eval", "dev.jsonl").read_text(encoding="utf-8").splitlines() if x]
    tp = fp = fn = 0
    for art in gold:
        pub = dt.date.fromisoformat(art["published"]) if art.get("published") else None
        items, _ = find_dates(art["text"], pub)
        used: set[int] = set()
        for g in art.get("dates") or []:
            for j, it in enumerate(items):
                ok = g["value"] is None or g["value"] == it.value
                if j not in used and it.start < g["end"] and g["start"] < it.end and ok:
                    used.add(j)
                    break
            else:
                fn += 1
        tp += len(used)
        fp += len(items) - len(used)
    f1 = 2 * tp / (2 * tp + fp + fn)
    assert f1 >= 0.95, (tp, fp, fn)


def test_fixture_is_our_own_text() -> None:
    """The table is written for the project; no row is lifted from ../shared."""
    p = Path(FIXTURES / "dates_examples.tsv")
    assert "detik" not in p.read_text(encoding="utf-8").lower()


def test_published_may_be_a_datetime() -> None:
    items, anchor = find_dates("Rapat digelar kemarin.", dt.datetime(2024, 2, 6, 14, 30))
    assert anchor == dt.date(2024, 2, 6)
    assert [i.value for i in items] == ["2024-02-05"]


_MONTHS_ID = [
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
]


@settings(max_examples=200, deadline=None)
@given(
    st.dates(dt.date(1990, 1, 1), dt.date(2090, 12, 31)),
    st.integers(1, 12),
    st.sampled_from([("lalu", -1), ("ini", 0), ("depan", 1)]),
)
def test_month_with_year_deixis_is_one_date(published: dt.date, month: int, direction: tuple[str, int]) -> None:
    # `Juli tahun lalu` names July of the year before the publication date, as one item.
    word, step = direction
    text = f"Harga gabah di desa itu naik sejak {_MONTHS_ID[month - 1]} tahun {word}."
    items, _ = find_dates(text, published)
    assert [(i.text, i.value) for i in items] == [
        (f"{_MONTHS_ID[month - 1]} tahun {word}", f"{published.year + step:04d}-{month:02d}")
    ]
