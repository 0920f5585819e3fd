"""berita_counts: the example table (data), findings, the seed article, the dev set."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from berita_nlp.counts import extract_counts
from berita_nlp.records import Count
from conftest import shared_path

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def _rows() -> list[tuple[str, list[tuple[str, float, str]]]]:
    out = []
    with (FIXTURES / "counts_examples.tsv").open(encoding="utf-8", newline="") as f:
        for r in csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
            if not r or r[0].startswith("#"):
                continue
            sentence, expected = r[0], r[1].strip()
            items = []
            if expected != "-":
                for it in expected.split(" ;; "):
                    text, value, unit = it.split("|")
                    items.append((text, float(value), unit))
            out.append((sentence, items))
    return out


ROWS = _rows()


def test_table_is_large_enough() -> None:
    assert len(ROWS) >= 90
    assert sum(1 for _, items in ROWS if not items) >= 30  # negatives too


@pytest.mark.parametrize(("sentence", "expected"), ROWS, ids=[r[0][:50] for r in ROWS])
def test_counts_table(sentence: str, expected: list[tuple[str, float, str]]) -> None:
    counts, _ = extract_counts(sentence)
    got = [(c.text, float(c.value), c.unit) for c in counts]
    assert len(got) == len(expected), got
    for (gt, gv, gu), (et, ev, eu) in zip(got, expected, strict=True):
        assert gt == et
        assert gv == pytest.approx(ev, rel=1e-9)
        assert gu == eu
    for c in counts:
        assert sentence[c.start : c.end] == c.text


def _one(text: str) -> Count:
    counts, _ = extract_counts(text)
    assert len(counts) == 1, counts
    return counts[0]


def test_kinds_and_qualifiers() -> None:
    assert _one("Harga naik 5 persen.").kind == "percent"
    assert _one("Dana Rp 2 miliar cair.").kind == "money"
    assert _one("Lahan 40 hektare ditanami.").kind == "measure"
    c = _one("Hadir sekitar 30 orang.")
    assert c.kind == "count" and c.approximate and c.qualifier == "sekitar"
    c = _one("Puluhan warga hadir.")
    assert c.approximate and c.qualifier == "puluhan" and c.value == 10
    c = _one("Paling lama satu tahun.")
    assert not c.approximate


def test_scope() -> None:
    text = (
        "Provinsi itu bekerja sama dengan 12 Kabupaten/Kota se-Provinsi Sulawesi Tengah "
        "dan 7 Kabupaten di luar Provinsi Sulawesi Tengah."
    )
    counts, _ = extract_counts(text)
    assert [c.scope for c in counts] == ["se-Provinsi Sulawesi Tengah", "di luar Provinsi Sulawesi Tengah"]


def test_members_and_list_length_agree() -> None:
    text = "Terdapat tiga kabupaten yang ikut, yaitu Kabupaten Mawar, Kabupaten Melati, dan Kabupaten Kenanga."
    counts, findings = extract_counts(text)
    assert counts[0].members == ("Kabupaten Mawar", "Kabupaten Melati", "Kabupaten Kenanga")
    (f,) = [f for f in findings if f.kind == "list_length"]
    assert f.ok and f.expected == 3 and f.actual == 3


def test_list_length_disagrees() -> None:
    text = "Ada empat desa penerima bantuan, yakni Sukamaju, Sukasari, dan Cibeureum."
    _, findings = extract_counts(text)
    (f,) = findings
    assert f.kind == "list_length" and not f.ok and f.expected == 4 and f.actual == 3


def test_partial_list_is_not_a_mismatch() -> None:
    text = "Bantuan menyasar enam kabupaten, termasuk Kabupaten Mawar dan Kabupaten Melati."
    _, findings = extract_counts(text)
    (f,) = findings
    assert f.ok and f.actual == 2


def test_list_in_next_sentence() -> None:
    text = "Bantuan diberikan di tiga kecamatan. Yakni, Cisarua, Megamendung, dan Ciawi."
    counts, findings = extract_counts(text)
    assert counts[0].members == ("Cisarua", "Megamendung", "Ciawi")
    assert findings[0].ok


def test_parts_sum_agrees() -> None:
    text = "Provinsi itu bekerja sama dengan 50 pemerintah daerah, melibatkan 20 kabupaten, 18 kota dan 12 provinsi."
    counts, findings = extract_counts(text)
    assert [c.value for c in counts] == [50, 20, 18, 12]
    (f,) = [f for f in findings if f.kind == "parts_sum"]
    assert f.ok and f.expected == 50 and f.actual == 50


def test_parts_sum_disagrees() -> None:
    text = "Barang bukti mencapai 1.000 botol, terdiri dari 600 botol anggur dan 300 botol bir."
    _, findings = extract_counts(text)
    (f,) = [f for f in findings if f.kind == "parts_sum"]
    assert not f.ok and f.expected == 1000 and f.actual == 900


def test_total_after_parts() -> None:
    text = "Tercatat 120 pekerja penerima upah dan 80 pekerja mandiri, dengan total 200 pekerja."
    _, findings = extract_counts(text)
    (f,) = [f for f in findings if f.kind == "parts_sum"]
    assert f.ok and f.expected == 200 and f.actual == 200


def test_each_is_not_parts() -> None:
    text = "Pemprov menyertifikasi 90 bidang tanah, masing-masing 30 bidang di tiga kabupaten."
    _, findings = extract_counts(text)
    assert not [f for f in findings if f.kind == "parts_sum"]


def test_dates_block_counts() -> None:
    text = "Rapat digelar 5 hari setelah 12 orang datang."
    counts, _ = extract_counts(text, blocked=[(14, 20)])
    assert [c.text for c in counts] == ["12 orang"]


@pytest.mark.parametrize("text", ["", " ", "." * 10000, "Rp", "%%%", "1" * 10000, "dua " * 3000, "\x00\n\t", "ke-"])
def test_never_raises(text: str) -> None:
    extract_counts(text)


def test_component_writes_state_and_spans() -> None:
    from berita_nlp.pipeline import load

    nlp = load(["berita_zones", "berita_dates", "berita_counts"])
    doc = nlp("Sebanyak 45 kepala desa dan 3 camat hadir di Aula Kantor Bupati.")
    rec = doc._.record
    assert [c.text for c in rec.counts] == ["45 kepala desa", "3 camat"]
    assert [s.text for s in doc.spans["berita_counts"]] == ["45 kepala desa", "3 camat"]
    assert json.loads(json.dumps(rec.counts[0].to_dict()))["unit"] == "kepala desa"


# ---------------------------------------------------------------- shared material


def test_seed_article() -> None:
    path = next(shared_path("seeds").glob("000_*.txt"))
    text = path.read_text(encoding="utf-8")
    counts, findings = extract_counts(text)
    got = {(c.value, c.unit) for c in counts}
    expected = {
        # the six counts of ../shared/seeds/expected.md
        (76, "Pemerintah Daerah"),
        (4, "kabupaten"),
        (27, "Kabupaten/Kota"),
        (3, "Kabupaten"),
        (20, "Provinsi"),
        (29, "Kabupaten/Kota"),
    }
    assert got == expected
    sums = [f for f in findings if f.kind == "parts_sum"]
    assert any(f.ok and f.expected == 76 and f.actual == 76 for f in sums)
    four = next(c for c in counts if c.value == 4)
    assert len(four.members) == 4


def test_seed_article_through_pipeline(nlp: Any) -> None:
    path = next(shared_path("seeds").glob("000_*.txt"))
    rec = nlp(path.read_text(encoding="utf-8"))._.record
    assert {(c.value, c.unit) for c in rec.counts} >= {(76, "Pemerintah Daerah"), (20, "Provinsi")}
    assert any(f.kind == "parts_sum" and f.ok for f in rec.findings)


def test_dev_counts_f1() -> None:
    """A floor on dev count F1 with counts alone (no zones, no dates), as a regression guard."""
    gold = [json.loads(x) for x in shared_path("eval", "dev.jsonl").read_text(encoding="utf-8").splitlines() if x]
    tp = fp = fn = 0
    for g in gold:
        system = [c.to_dict() for c in extract_counts(g["text"])[0]]
        used: set[int] = set()
        for gc in g.get("counts", []):
            for j, s in enumerate(system):
                if j in used or not (s["start"] < gc["end"] and gc["start"] < s["end"]):
                    continue
                if abs(float(s["value"]) - float(gc["value"])) <= 1e-6 * max(1.0, abs(float(gc["value"]))):
                    used.add(j)
                    tp += 1
                    break
            else:
                fn += 1
        fp += len(system) - len(used)
    f1 = 2 * tp / (2 * tp + fp + fn)
    assert f1 >= 0.90, (tp, fp, fn)


def test_parts_within_rounding() -> None:
    text = "Anggaran Rp 452,88 miliar terdiri dari Rp 402,61 miliar belanja pegawai dan Rp 50,26 miliar belanja modal."
    _, findings = extract_counts(text)
    (f,) = [f for f in findings if f.kind == "parts_sum"]
    assert f.ok


def test_partial_breakdown_may_fall_short() -> None:
    text = "Ada 55 pembangkit baru, di antaranya 8 pembangkit surya dan 15 pembangkit angin."
    _, findings = extract_counts(text)
    (f,) = [f for f in findings if f.kind == "parts_sum"]
    assert f.ok and f.actual == 23


def test_member_sizes_are_not_parts() -> None:
    text = "Peserta dibagi menjadi 3 kelompok, yakni 24 orang, 19 orang, dan 12 orang."
    _, findings = extract_counts(text)
    assert not [f for f in findings if f.kind == "parts_sum"]


def test_names_keep_their_dan() -> None:
    text = "Acara diikuti dua biro, yaitu Biro Pemerintahan dan Otonomi Daerah, serta Biro Hukum."
    counts, findings = extract_counts(text)
    assert counts[0].members == ("Biro Pemerintahan dan Otonomi Daerah", "Biro Hukum")
    assert findings[0].ok


def test_prose_after_marker_is_not_a_list() -> None:
    text = "Ada dua hal, yaitu pemerintah daerah harus memperbaiki layanan publik yang selama ini lambat, dan warga."
    counts, findings = extract_counts(text)
    assert counts[0].members == ()
    assert not findings


def test_scope_stops_at_next_subject() -> None:
    text = "Pasar murah digelar di empat lokasi di Kota Sukamaju Pemkot Sukamaju menyediakan beras."
    counts, _ = extract_counts(text)
    assert counts[0].scope == "di Kota Sukamaju"


_WORDS = [
    "dua",
    "puluh",
    "ribu",
    "Rp",
    "1.000",
    "2,5",
    "juta",
    "orang",
    "yaitu",
    "A",
    "B",
    "dan",
    ",",
    ".",
    "-",
    "sampai",
    "se-",
    "di",
    "luar",
    "Provinsi",
    "seorang",
    "%",
    "ke-3",
    "terdiri",
    "dari",
    "total",
    "\n",
    "(",
    ")",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_WORDS), max_size=40))
def test_never_raises_on_word_salad(words: list[str]) -> None:
    text = " ".join(words)
    counts, _ = extract_counts(text)
    for c in counts:
        assert text[c.start : c.end] == c.text
        assert c.start < c.end


@settings(max_examples=200, deadline=None)
@given(st.integers(0, 999), st.integers(0, 99), st.sampled_from(["poin", "persen", "%"]))
def test_dot_decimal_market_figures(whole: int, frac: int, unit: str) -> None:
    # One or two digits after a dot never group thousands: with a point or
    # percent unit the figure is an English-style decimal.
    digits = f"{whole}.{frac:02d}" if frac % 10 else f"{whole}.{frac // 10}"
    sep = "" if unit == "%" else " "
    text = f"Indeks ditutup naik {digits}{sep}{unit} pada sesi sore."
    counts, _ = extract_counts(text)
    assert [(c.text, c.value) for c in counts] == [(f"{digits}{sep}{unit}", float(digits))]


@settings(max_examples=100, deadline=None)
@given(st.integers(2, 500), st.integers(1, 500))
def test_lainnya_takes_the_unit_before(first: int, rest: int) -> None:
    text = f"Sebanyak {first} warga dievakuasi, sementara {rest} lainnya bertahan."
    counts, _ = extract_counts(text)
    assert [(c.value, c.unit) for c in counts] == [(first, "warga"), (rest, "warga")]
