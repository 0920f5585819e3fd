"""`berita-nlp show`: a readable summary of a records file."""

from __future__ import annotations

import io
import json

import berita_nlp
from berita_nlp.cli import main
from berita_nlp.records import ErrorRecord
from berita_nlp.report import show

TEXT = (
    "Bupati Sukamaju Rina Kartika, S.E., menandatangani nota kesepahaman dengan Pemerintah Provinsi "
    "Jawa Tengah di Gedung Gradhika, Senin (5/2/2024). Kesepakatan itu mencakup 12 desa."
)


def _lines() -> list[str]:
    rec = berita_nlp.extract(TEXT, id="a1", published="2024-02-06")
    err = ErrorRecord(id="a2", error="ValueError: missing field 'text'")
    return [json.dumps(rec.to_dict()), "", json.dumps(err.to_dict()), "{not json"]


def test_show_summarises_records_errors_and_bad_lines() -> None:
    out = io.StringIO()
    assert show(_lines(), out) == 3
    text = out.getvalue()
    assert "# a1" in text
    assert "Senin (5/2/2024) = 2024-02-05" in text
    assert "Rina Kartika" in text
    assert "# a2: ERROR ValueError" in text
    assert "not JSON" in text


def test_show_limit() -> None:
    out = io.StringIO()
    assert show(_lines(), out, limit=1) == 1
    assert "a2" not in out.getvalue()


def test_cli_show(tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    p = tmp_path / "records.jsonl"
    p.write_text("\n".join(_lines()) + "\n", encoding="utf-8")
    assert main(["show", str(p)]) == 0
    assert "# a1" in capsys.readouterr().out
    assert main(["show", str(tmp_path / "missing.jsonl")]) == 1
