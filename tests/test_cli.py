"""`berita-nlp extract`: one line per input, in order, clear failures, resumable outputs."""

from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path
from typing import Any

import pytest

from berita_nlp.cli import main
from berita_nlp.pipeline import extract_one
from berita_nlp.readers import Fields, RawItem, normalize

FIXTURES = Path(__file__).parent / "fixtures"
ARTICLES = [json.loads(x) for x in (FIXTURES / "batch_articles.jsonl").read_text(encoding="utf-8").splitlines()]


def _lines(path: Path) -> list[dict[str, Any]]:
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines()]


def _write_jsonl(path: Path, items: list[Any]) -> Path:
    path.write_text("".join(json.dumps(a, ensure_ascii=False) + "\n" for a in items), encoding="utf-8")
    return path


def _expected(raw_line: str) -> dict[str, Any]:
    art = normalize(RawItem("json", raw_line.encode("utf-8"), "line 1"), Fields())
    assert isinstance(art, dict)
    return extract_one(art).to_dict()


def test_mixed_file_one_line_per_input_exit_0(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    big = ("Warga Desa Mekarsari menanam 1.200 bibit pohon di lereng bukit pada Minggu (4/8/2024). " * 60 + "\n") * 1000
    assert len(big) > 5_000_000
    src = tmp_path / "campur.jsonl"
    src.write_text(
        json.dumps(ARTICLES[0], ensure_ascii=False) + "\n"
        + '{"id": "rusak", "text": "baris terpotong\n'
        + '{"id": "kosong", "text": ""}\n'
        + '{"id": "angka", "text": 12345}\n'
        + json.dumps({"id": "besar", "text": big, "published": "2024-08-05"}) + "\n"
        + json.dumps(ARTICLES[1], ensure_ascii=False) + "\n",
        encoding="utf-8",
    )  # fmt: skip
    out = tmp_path / "hasil.jsonl"
    # The whole pipeline, the 5 MB article included (about 5 s: 60,000 dates and counts).
    rc = main(["extract", str(src), "-o", str(out)])
    assert rc == 0
    recs = _lines(out)
    assert [r["id"] for r in recs] == ["inv-001", None, "kosong", "angka", "besar", "inv-002"]
    assert "not JSON" in recs[1]["error"]
    assert recs[2]["error"] == "line 3: empty text"
    assert recs[3]["error"] == "line 4: text must be a string, got int"
    assert "error" not in recs[4] and recs[4]["published"] == "2024-08-05"
    assert len(recs[4]["dates"]) == 60_000
    assert all(r["schema_version"] for r in recs)
    err = capsys.readouterr().err
    assert "6 articles" in err and "3 errors" in err


def test_records_equal_the_library(tmp_path: Path) -> None:
    src = _write_jsonl(tmp_path / "a.jsonl", ARTICLES)
    out = tmp_path / "a.out.jsonl"
    assert main(["extract", str(src), "-o", str(out), "-q"]) == 0
    got = _lines(out)
    want = [_expected(json.dumps(a, ensure_ascii=False)) for a in ARTICLES]
    assert got == want


def test_missing_input_and_unwritable_output(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = _write_jsonl(tmp_path / "a.jsonl", ARTICLES[:1])
    assert main(["extract", str(tmp_path / "tidak-ada.jsonl"), "-o", str(tmp_path / "o.jsonl")]) == 1
    assert "input not found" in capsys.readouterr().err
    assert main(["extract", str(src), "-o", str(tmp_path / "tidak" / "ada" / "o.jsonl")]) == 1
    assert "does not exist" in capsys.readouterr().err
    assert main(["extract", str(src), "-o", str(tmp_path)]) == 1
    assert "is a folder" in capsys.readouterr().err
    assert main(["extract", str(tmp_path / "x.xml"), "-o", str(tmp_path / "o.jsonl")]) == 1
    assert capsys.readouterr().err.startswith("berita-nlp: error:")


def test_existing_output_rerun_and_overwrite(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = _write_jsonl(tmp_path / "a.jsonl", ARTICLES[:3])
    out = tmp_path / "o.jsonl"
    out.write_text("milik pengguna\n", encoding="utf-8")
    assert main(["extract", str(src), "-o", str(out)]) == 1
    assert "--overwrite" in capsys.readouterr().err
    assert out.read_text(encoding="utf-8") == "milik pengguna\n"  # never clobbered
    assert main(["extract", str(src), "-o", str(out), "--overwrite", "-q"]) == 0
    first = out.read_bytes()
    assert len(_lines(out)) == 3
    # Same command again: nothing to do, nothing duplicated.
    assert main(["extract", str(src), "-o", str(out)]) == 0
    assert "already complete" in capsys.readouterr().err
    assert out.read_bytes() == first
    # Another input into the same output: refused, not spliced.
    other = _write_jsonl(tmp_path / "b.jsonl", ARTICLES[3:])
    assert main(["extract", str(other), "-o", str(out)]) == 1
    assert "another input" in capsys.readouterr().err


def test_summary_json(tmp_path: Path) -> None:
    src = _write_jsonl(tmp_path / "a.jsonl", [*ARTICLES[:2], {"id": "x", "text": None}])
    out, summ = tmp_path / "o.jsonl", tmp_path / "ringkas.json"
    assert main(["extract", str(src), "-o", str(out), "-q", "--summary-json", str(summ)]) == 0
    s = json.loads(summ.read_text(encoding="utf-8"))
    assert (s["articles"], s["records"], s["errors"], s["complete"], s["interrupted"]) == (3, 2, 1, True, False)
    assert s["seconds"] >= 0 and s["worker_peak_rss_mb"]


def test_stdin_and_stdout(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsysbinary: Any) -> None:
    data = "".join(json.dumps(a, ensure_ascii=False) + "\n" for a in ARTICLES[:2]).encode("utf-8")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BufferedReader(io.BytesIO(data))))  # type: ignore[arg-type]
    assert main(["extract", "-", "-o", "-", "-q"]) == 0
    lines = capsysbinary.readouterr().out.decode("utf-8").splitlines()
    assert [json.loads(x)["id"] for x in lines] == ["inv-001", "inv-002"]


def test_csv_with_field_options(tmp_path: Path) -> None:
    src = tmp_path / "b.csv"
    with src.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["id", "judul", "tautan", "tanggal", "isi_berita"])
        for i, a in enumerate(ARTICLES[:3], 1):
            w.writerow([i, a["title"], f"https://berita.example/{i}", "3/12/2024 08:15", a["text"]])
    out = tmp_path / "b.jsonl"
    args = ["--text-field", "isi_berita", "--title-field", "judul", "--url-field", "tautan"]
    args += ["--published-field", "tanggal", "--published-format", "%m/%d/%Y %H:%M"]
    assert main(["extract", str(src), "-o", str(out), "-q", *args]) == 0
    recs = _lines(out)
    assert [r["id"] for r in recs] == ["1", "2", "3"]
    assert recs[0]["published"] == "2024-03-12"
    assert recs[0]["meta"]["title"] == ARTICLES[0]["title"]
    assert recs[2]["meta"]["url"] == "https://berita.example/3"


def test_parquet_output_with_flat_tables(tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    src = _write_jsonl(tmp_path / "a.jsonl", [*ARTICLES, {"id": "bad", "text": 3}])
    out_j, out_p = tmp_path / "o.jsonl", tmp_path / "o.parquet"
    assert main(["extract", str(src), "-o", str(out_j), "-q"]) == 0
    assert main(["extract", str(src), "-o", str(out_p), "-q", "--jobs", "1"]) == 0
    recs = _lines(out_j)
    table = pq.read_table(out_p).to_pylist()
    assert [r["row"] for r in table] == list(range(len(recs)))
    assert [r["id"] for r in table] == [r["id"] for r in recs]
    assert table[-1]["error"] == recs[-1]["error"]
    for t, r in zip(table[:-1], recs[:-1], strict=True):
        assert t["error"] is None
        assert [d["text"] for d in t["dates"]] == [d["text"] for d in r["dates"]]
        assert [p["name"] for p in t["people"]] == [p["name"] for p in r["people"]]
    flat = {k: pq.read_table(tmp_path / f"o.{k}.parquet").to_pylist() for k in ("people", "places", "events")}
    assert len(flat["people"]) == sum(len(r.get("people", [])) for r in recs)
    assert len(flat["places"]) == sum(len(r.get("places", [])) for r in recs)
    assert len(flat["events"]) == sum(len(r.get("events", [])) for r in recs)
    for row in flat["people"]:
        assert recs[row["row"]]["id"] == row["article_id"]
    assert not (tmp_path / "o.parquet.parts").exists()
    assert main(["extract", str(src), "-o", str(out_p)]) == 0  # already complete


def test_unknown_component_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = _write_jsonl(tmp_path / "a.jsonl", ARTICLES[:1])
    assert main(["extract", str(src), "-o", str(tmp_path / "o.jsonl"), "--components", "zones,ramalan"]) == 2
    assert "berita_ramalan" in capsys.readouterr().err
    assert not (tmp_path / "o.jsonl").exists()


def test_progress_bar_when_forced_and_quiet_otherwise(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("tqdm")
    src = _write_jsonl(tmp_path / "a.jsonl", ARTICLES[:3])
    assert main(["extract", str(src), "-o", str(tmp_path / "o.jsonl"), "--progress"]) == 0
    err = capsys.readouterr().err
    assert "art/s" in err and "3/3" in err  # the total is known for plain JSONL, so there is an ETA
    assert main(["extract", str(src), "-o", str(tmp_path / "p.jsonl")]) == 0
    err = capsys.readouterr().err
    assert "art/s" not in err and err.startswith("berita-nlp: 3 articles")  # not a terminal: the summary only


def test_deleted_finished_output_is_made_again(tmp_path: Path) -> None:
    src = _write_jsonl(tmp_path / "a.jsonl", ARTICLES[:2])
    for name in ("o.jsonl", "o.parquet"):
        out = tmp_path / name
        assert main(["extract", str(src), "-o", str(out), "-q"]) == 0
        first = out.read_bytes()
        out.unlink()
        assert main(["extract", str(src), "-o", str(out), "-q"]) == 0
        assert out.exists() and (name.endswith("parquet") or out.read_bytes() == first)


def test_second_writer_on_the_same_output_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from berita_nlp.writers import JsonlOutput

    src = _write_jsonl(tmp_path / "a.jsonl", ARTICLES[:1])
    out = tmp_path / "o.jsonl"
    holder = JsonlOutput(str(out))
    holder.open({"another": "run"})  # a run still alive, holding the output
    try:
        assert main(["extract", str(src), "-o", str(out), "--overwrite"]) == 1
        assert "another run is writing" in capsys.readouterr().err
    finally:
        holder.close()
    assert main(["extract", str(src), "-o", str(out), "--overwrite", "-q"]) == 0
    assert not (tmp_path / "o.jsonl.lock").exists()


def test_several_inputs_into_one_output(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    a = _write_jsonl(tmp_path / "a.jsonl", ARTICLES[:2])
    b = tmp_path / "b.jsonl"
    b.write_text(json.dumps(ARTICLES[2], ensure_ascii=False) + "\n{rusak\n", encoding="utf-8")
    c = tmp_path / "c.csv"
    with c.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["id", "text"])
        w.writerow(["c1", ARTICLES[3]["text"]])
    out = tmp_path / "o.jsonl"
    assert main(["extract", str(a), str(b), str(c), "-o", str(out), "-q"]) == 0
    recs = _lines(out)
    assert [r["id"] for r in recs] == ["inv-001", "inv-002", "inv-003", None, "c1"]
    assert recs[3]["error"].startswith("b.jsonl line 2: not JSON")
    assert main(["extract", str(a), "-", "-o", str(tmp_path / "p.jsonl")]) == 1
    assert "cannot be combined" in capsys.readouterr().err
