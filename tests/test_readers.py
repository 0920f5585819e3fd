"""Readers: every input format, written by the tests themselves, and the
normalisation rules that turn a raw item into an article or an error."""

from __future__ import annotations

import csv
import gzip
import io
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from berita_nlp.readers import Fields, InputError, RawItem, Reader, detect_format, normalize
from berita_nlp.records import ErrorRecord

FIXTURES = Path(__file__).parent / "fixtures"
ARTICLES = [json.loads(x) for x in (FIXTURES / "batch_articles.jsonl").read_text(encoding="utf-8").splitlines()]
EXAMPLES = [
    json.loads(x) for x in (FIXTURES / "batch_normalize_examples.jsonl").read_text(encoding="utf-8").splitlines()
]


def _norm_all(reader: Reader) -> list[dict[str, Any] | ErrorRecord]:
    return [normalize(r, reader.fields) for r in reader]


# -- normalisation rules, as a data table ------------------------------------


@pytest.mark.parametrize("ex", EXAMPLES, ids=[e["raw"][:40] for e in EXAMPLES])
def test_normalize_examples(ex: dict[str, Any]) -> None:
    out = normalize(RawItem("json", ex["raw"].encode("utf-8"), "line 1"), Fields())
    if ex["error"] is None:
        assert isinstance(out, dict), out
        assert out["id"] == ex["id"]
        assert isinstance(out["text"], str) and out["text"].strip()
    else:
        assert isinstance(out, ErrorRecord)
        assert ex["error"] in out.error
        assert out.error.startswith("line 1: ")
        assert out.id == ex["id"]


def test_normalize_bad_utf8_and_field_names() -> None:
    bad = normalize(RawItem("json", b'{"text": "caf\xe9"}', "line 9"), Fields())
    assert isinstance(bad, ErrorRecord) and "not UTF-8" in bad.error and "line 9" in bad.error
    f = Fields(id="kode", text="isi", published="tgl", published_format="%m/%d/%Y %H:%M")
    ok = normalize(RawItem("row", {"kode": "x1", "isi": "Isi berita.", "tgl": "10/21/2025 20:43"}, "row 1"), f)
    assert isinstance(ok, dict) and ok["published"] == "2025-10-21" and ok["id"] == "x1"
    wrong = normalize(RawItem("row", {"kode": "x2", "isi": "Isi berita.", "tgl": "2025-10-21"}, "row 2"), f)
    assert isinstance(wrong, ErrorRecord) and "does not match format" in wrong.error


def test_normalize_never_raises_on_odd_items() -> None:
    for raw in (RawItem("row", 42, "item 1"), RawItem("nope", None, "x"), RawItem("error", "rusak", "row 3")):
        assert isinstance(normalize(raw, Fields()), ErrorRecord)
    assert isinstance(normalize(RawItem("row", "Teks polos juga artikel.", "item 1"), Fields()), dict)


# -- formats -------------------------------------------------------------------


def test_detect_format(tmp_path: Path) -> None:
    assert detect_format("a.jsonl") == "jsonl"
    assert detect_format("a.ndjson.gz") == "jsonl"
    assert detect_format("a.CSV") == "csv"
    assert detect_format("a.parquet") == "parquet"
    assert detect_format("crawl.warc.gz") == "warc"
    assert detect_format(str(tmp_path)) == "txt"
    assert detect_format("-") == "jsonl"
    with pytest.raises(InputError, match="--input-format"):
        detect_format("a.xml")


def test_missing_input_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="input not found"):
        Reader(str(tmp_path / "tidak-ada.jsonl"))
    (tmp_path / "x.jsonl").write_text("", encoding="utf-8")
    with pytest.raises(InputError, match=r"folder of \.txt"):
        Reader(str(tmp_path / "x.jsonl"), "txt")


def test_jsonl_plain_and_gzip(tmp_path: Path) -> None:
    lines = [json.dumps(a, ensure_ascii=False) for a in ARTICLES[:3]]
    body = "\n".join([lines[0], "", "bukan json", lines[1], lines[2]]) + "\n"
    plain = tmp_path / "a.jsonl"
    plain.write_text(body, encoding="utf-8")
    gz = tmp_path / "a.jsonl.gz"
    gz.write_bytes(gzip.compress(body.encode("utf-8")))
    for path in (plain, gz):
        out = _norm_all(Reader(str(path)))
        assert len(out) == 4  # the blank line is not an article
        assert isinstance(out[1], ErrorRecord) and "line 3: not JSON" in out[1].error
        assert [o["id"] for o in out if isinstance(o, dict)] == ["inv-001", "inv-002", "inv-003"]
    assert Reader(str(plain)).total() == 5
    # A gzip file cut short: the readable articles, then one error, no exception.
    cut = tmp_path / "cut.jsonl.gz"
    data = gzip.compress(("\n".join(lines * 30) + "\n").encode("utf-8"))
    cut.write_bytes(data[: len(data) // 2])
    out = _norm_all(Reader(str(cut)))
    assert isinstance(out[-1], ErrorRecord) and "truncated" in out[-1].error
    assert all(isinstance(o, dict) for o in out[:-1]) and out[:-1]


def test_csv_with_field_names_and_multiline_text(tmp_path: Path) -> None:
    path = tmp_path / "berita.csv"
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["kode", "judul", "isi_berita", "tanggal"])
        for i, a in enumerate(ARTICLES[:4]):
            w.writerow([f"c{i}", a["title"], a["text"], "03/12/2024 09:30"])
        w.writerow(["c9", "Tanpa isi", "", "03/12/2024 09:30"])
    fields = Fields(id="kode", text="isi_berita", title="judul", published="tanggal", published_format="%m/%d/%Y %H:%M")
    out = _norm_all(Reader(str(path), fields=fields))
    assert len(out) == 5
    first = out[0]
    assert isinstance(first, dict)
    assert first["text"] == ARTICLES[0]["text"] and "\n" in first["text"]
    assert first["title"] == ARTICLES[0]["title"] and first["published"] == "2024-03-12"
    assert isinstance(out[4], ErrorRecord) and out[4].id == "c9" and "empty text" in out[4].error


def test_parquet_rows_null_text_and_damaged_row_group(tmp_path: Path) -> None:
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    rows = [{"id": f"p{i}", "text": a["text"], "published": a["published"]} for i, a in enumerate(ARTICLES)]
    rows[2]["text"] = None
    path = tmp_path / "a.parquet"
    pq.write_table(pa.Table.from_pylist(rows), path, row_group_size=3, compression="snappy")
    out = _norm_all(Reader(str(path)))
    assert len(out) == len(rows)
    assert isinstance(out[2], ErrorRecord) and out[2].id == "p2" and "no text" in out[2].error
    assert Reader(str(path)).total() == len(rows)
    # Damage the second row group's text column: its rows become errors, the others survive.
    md = pq.ParquetFile(path).metadata
    col = md.row_group(1).column(1)
    start = col.dictionary_page_offset if col.has_dictionary_page else col.data_page_offset
    raw = bytearray(path.read_bytes())
    for i in range(start + 20, start + col.total_compressed_size - 4):
        raw[i] = 0xAB
    bad = tmp_path / "bad.parquet"
    bad.write_bytes(bytes(raw))
    out = _norm_all(Reader(str(bad)))
    assert len(out) == len(rows)
    assert all(isinstance(o, ErrorRecord) and "row group 1" in o.error for o in out[3:6])
    assert [o["id"] for o in out[:2] + out[6:] if isinstance(o, dict)] == ["p0", "p1", "p6", "p7"]


def test_parquet_non_string_text_column(tmp_path: Path) -> None:
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    path = tmp_path / "n.parquet"
    pq.write_table(pa.table({"id": [1, 2], "text": [10, 20]}), path)
    out = _norm_all(Reader(str(path)))
    assert [o.error.split(": ", 1)[1] for o in out if isinstance(o, ErrorRecord)] == [
        "text must be a string, got int"
    ] * 2
    assert [o.id for o in out if isinstance(o, ErrorRecord)] == ["1", "2"]


def test_txt_folder_sorted_recursive(tmp_path: Path) -> None:
    root = tmp_path / "arsip"
    (root / "2024" / "03").mkdir(parents=True)
    (root / "b.txt").write_text(ARTICLES[1]["text"], encoding="utf-8")
    (root / "a.txt").write_text(ARTICLES[0]["text"], encoding="utf-8")
    (root / "2024" / "03" / "c.txt").write_text(ARTICLES[2]["text"], encoding="utf-8")
    (root / "2024" / "rusak.txt").write_bytes(b"\xff\xfe bukan utf-8 \xc3")
    (root / "catatan.md").write_text("bukan artikel", encoding="utf-8")
    reader = Reader(str(root))
    assert reader.total() == 4
    ids = [r.id for r in reader]
    assert ids == ["2024/03/c", "2024/rusak", "a", "b"]
    out = _norm_all(reader)
    assert isinstance(out[1], ErrorRecord) and "not UTF-8" in out[1].error and out[1].id == "2024/rusak"
    assert isinstance(out[2], dict) and out[2]["text"] == ARTICLES[0]["text"]


def _html(a: dict[str, Any]) -> bytes:
    paras = "".join(f"<p>{p}</p>" for p in a["text"].split("\n") if p.strip())
    page = (
        f"<html><head><title>{a['title']}</title></head><body><nav>Beranda | Daerah | Ekonomi</nav>"
        f"<article><h1>{a['title']}</h1>{paras}{paras}</article><footer>Hak cipta redaksi</footer></body></html>"
    )
    return page.encode("utf-8")


def _warc(path: Path, gz: bool) -> None:
    warcio = pytest.importorskip("warcio")
    from warcio.statusandheaders import StatusAndHeaders

    with path.open("wb") as f:
        w = warcio.WARCWriter(f, gzip=gz)

        def response(url: str, body: bytes, ctype: str) -> None:
            http = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
            w.write_record(w.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=http))

        w.write_record(
            w.create_warc_record("https://berita.example/", "request", payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n"))
        )
        response("https://berita.example/a1", _html(ARTICLES[0]), "text/html; charset=utf-8")
        response("https://berita.example/logo.png", b"\x89PNG....", "image/png")
        response("https://berita.example/kosong", b"<html><body></body></html>", "text/html")
        http404 = StatusAndHeaders("404 Not Found", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        page404 = io.BytesIO(b"<html><body><p>Halaman tidak ditemukan</p></body></html>")
        w.write_record(
            w.create_warc_record("https://berita.example/x", "response", payload=page404, http_headers=http404)
        )
        response("https://berita.example/a2", _html(ARTICLES[1]), "text/html")


@pytest.mark.parametrize("gz", [False, True], ids=["warc", "warc.gz"])
def test_warc_html_responses(tmp_path: Path, gz: bool) -> None:
    pytest.importorskip("trafilatura")
    path = tmp_path / ("crawl.warc.gz" if gz else "crawl.warc")
    _warc(path, gz)
    out = _norm_all(Reader(str(path)))
    assert len(out) == 3  # the request, the image and the 404 page are not articles
    a1, empty, a2 = out
    assert isinstance(a1, dict) and a1["url"] == "https://berita.example/a1"
    assert "Perjanjian Kerja Sama" in a1["text"] and a1["title"] == ARTICLES[0]["title"]
    assert a1["id"] and len(a1["id"]) == 36  # the WARC record's UUID
    assert isinstance(empty, ErrorRecord) and "no article text" in empty.error
    assert isinstance(a2, dict) and "banjir" in a2["text"]


def test_warc_truncated_ends_with_one_error(tmp_path: Path) -> None:
    pytest.importorskip("trafilatura")
    path = tmp_path / "crawl.warc.gz"
    _warc(path, True)
    data = path.read_bytes()
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(data[: len(data) - 300])
    out = _norm_all(Reader(str(cut)))
    assert isinstance(out[0], dict)
    assert isinstance(out[-1], ErrorRecord)
    assert "unreadable WARC" in out[-1].error or "payload" in out[-1].error or "no article text" in out[-1].error


def test_iter_from_skips_like_islice(tmp_path: Path) -> None:
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    rows = [{"id": f"s{i}", "text": a["text"]} for i, a in enumerate(ARTICLES * 2)]
    path = tmp_path / "s.parquet"
    pq.write_table(pa.Table.from_pylist(rows), path, row_group_size=5)
    jl = tmp_path / "s.jsonl"
    jl.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    for p in (path, jl):
        r = Reader(str(p))
        full = list(r)
        for k in (0, 3, 5, 11, len(rows), len(rows) + 4):
            got = list(r.iter_from(k))
            assert [(x.where, x.id) for x in got] == [(x.where, x.id) for x in full[k:]]


# -- properties ------------------------------------------------------------------


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=300))
def test_normalize_any_bytes_never_raises(line: bytes) -> None:
    out = normalize(RawItem("json", line, "line 1"), Fields())
    assert isinstance(out, dict | ErrorRecord)
    if isinstance(out, dict):
        assert isinstance(out["text"], str) and out["text"].strip()
        out["text"].encode("utf-8")  # always writable as UTF-8


_json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=8,
)


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(st.sampled_from(["id", "text", "published", "title", "url", "x"]), _json_values))
def test_normalize_any_object(obj: dict[str, Any]) -> None:
    out = normalize(RawItem("json", json.dumps(obj).encode("utf-8"), "line 1"), Fields())
    ok = isinstance(obj.get("text"), str) and obj["text"].strip()
    if isinstance(out, dict):
        assert ok and out["text"] == obj["text"]
    else:
        assert isinstance(out, ErrorRecord) and out.error.startswith("line 1: ")


@settings(max_examples=50, deadline=None)
@given(st.lists(st.binary(max_size=40).filter(lambda b: b"\n" not in b and b"\r" not in b), max_size=12))
def test_jsonl_reader_one_item_per_non_blank_line(tmp_path_factory: Any, lines: list[bytes]) -> None:
    data = b"\n".join(lines)
    assume(not data.startswith(b"\x1f\x8b"))  # that is a gzip file
    path = tmp_path_factory.mktemp("p") / "x.jsonl"
    path.write_bytes(data)
    items = list(Reader(str(path)))
    assert len(items) == sum(1 for x in lines if x.strip())


def test_table_without_the_text_column_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text("id,isi_berita\n1,Warga berkumpul.\n", encoding="utf-8")
    with pytest.raises(InputError, match="--text-field"):
        Reader(str(path))
    assert len(list(Reader(str(path), fields=Fields(text="isi_berita")))) == 1
    not_parquet = tmp_path / "x.parquet"
    not_parquet.write_bytes(b"bukan parquet sama sekali")
    with pytest.raises(InputError, match="cannot read"):
        Reader(str(not_parquet))


def test_multi_reader_skips_like_islice(tmp_path: Path) -> None:
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    from berita_nlp.readers import MultiReader

    rows = [{"id": f"m{i}", "text": a["text"]} for i, a in enumerate(ARTICLES)]
    pq.write_table(pa.Table.from_pylist(rows[:5]), tmp_path / "a.parquet", row_group_size=2)
    (tmp_path / "b.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows[5:]), encoding="utf-8")
    m = MultiReader([str(tmp_path / "a.parquet"), str(tmp_path / "b.jsonl")])
    full = list(m)
    # JSONL ids are only known once the worker parses the line.
    assert [x.id for x in full[:5]] == [r["id"] for r in rows[:5]] and full[5].where == "b.jsonl line 1"
    assert full[0].where == "a.parquet row 1" and len(full) == len(rows)
    assert m.total() == len(rows)
    for k in range(len(rows) + 2):
        assert [(x.where, x.id) for x in m.iter_from(k)] == [(x.where, x.id) for x in full[k:]]
