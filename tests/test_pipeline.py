"""The pipeline frame: components, Doc extensions, offsets and failure handling."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator

import pytest
import spacy

import berita_nlp
from berita_nlp.pipeline import COMPONENTS, prepare_doc
from berita_nlp.records import Article, ErrorRecord

TEXT = (
    "Pemkab Sukamaju Teken MoU dengan Universitas Lembah Hijau\n\n"
    "WARTADAERAH.COM, JAWA TENGAH – Bupati Sukamaju Rina Kartika menandatangani nota kesepahaman "
    "dengan Rektor Universitas Lembah Hijau, Senin (5/2/2024).\n\n"
    "Editor: Bayu\n"
)


def test_load_has_all_components_in_order() -> None:
    nlp = berita_nlp.load()
    assert tuple(nlp.pipe_names) == COMPONENTS
    assert nlp.lang == "id"


def test_load_subset_and_unknown() -> None:
    nlp = berita_nlp.load(["berita_zones", "berita_dates"])
    assert nlp.pipe_names == ["berita_zones", "berita_dates"]
    with pytest.raises(ValueError, match="unknown berita component"):
        berita_nlp.load(["berita_nope"])


def test_factories_are_usable_from_plain_spacy() -> None:
    berita_nlp.pipeline.register_factories()
    nlp = spacy.blank("id")
    for name in COMPONENTS:
        nlp.add_pipe(name)
    doc = nlp(TEXT)
    assert isinstance(doc._.record, Article)
    for name in COMPONENTS:  # every component writes its items as a span group
        assert name in doc.spans, name


def test_doc_extensions_and_spans() -> None:
    nlp = berita_nlp.load()
    doc = nlp(prepare_doc(nlp, TEXT, published="2024-02-06", id="t1"))
    rec = doc._.record
    assert rec.id == "t1"
    assert rec.published == "2024-02-06"
    assert doc.text == TEXT
    assert "berita_zones" in doc.spans
    assert rec.meta.outlet == "WARTADAERAH.COM"


def test_offsets_index_the_raw_text() -> None:
    rec = berita_nlp.extract(TEXT, published=dt.date(2024, 2, 6))
    for z in rec.zones:
        assert 0 <= z.start < z.end <= len(TEXT)
    for d in rec.dates:
        assert TEXT[d.start : d.end] == d.text
    for c in rec.counts:
        assert TEXT[c.start : c.end] == c.text
    for group in (rec.people, rec.places, rec.organizations):
        for item in group:
            for m in item.mentions:
                assert TEXT[m.start : m.end] == m.text


@pytest.mark.parametrize(
    ("item", "message"),
    [
        ({"id": "a"}, "missing field 'text'"),
        ({"id": "b", "text": 42}, "text must be a string"),
        ({"id": "c", "text": "x", "published": "kemarin"}, "published must be YYYY-MM-DD"),
        (17, "an article is a string or a mapping"),
    ],
)
def test_bad_items_become_error_records(item: object, message: str) -> None:
    (out,) = list(berita_nlp.extract_many([item]))  # type: ignore[list-item]
    assert isinstance(out, ErrorRecord)
    assert message in out.error
    if isinstance(item, dict):
        assert out.id == item["id"]


def test_extract_many_keeps_order_and_count() -> None:
    items = [{"id": str(i), "text": f"Bupati Sukamaju hadir pada Senin (5/2/2024). Nomor {i}."} for i in range(7)]
    items.insert(3, {"id": "bad"})
    out = list(berita_nlp.extract_many(items, batch_size=2))
    assert [o.id for o in out] == [str(i) for i in range(3)] + ["bad"] + [str(i) for i in range(3, 7)]


def test_empty_text_is_an_article() -> None:
    rec = berita_nlp.extract("")
    assert isinstance(rec, Article)
    assert rec.dates == ()


def test_extract_rejects_non_string() -> None:
    with pytest.raises(TypeError):
        berita_nlp.extract(b"bytes")  # type: ignore[arg-type]


def test_lone_surrogates_keep_offsets() -> None:
    text = "Bupati Sukamaju hadir \ud800 pada Senin (5/2/2024)."
    rec = berita_nlp.extract(text, published="2024-02-06")
    assert rec.dates and rec.dates[0].value == "2024-02-05"
    d = rec.dates[0]
    assert text[d.start : d.end] == d.text


def test_extract_many_with_processes_matches_one_process() -> None:
    items = [{"id": str(i), "text": f"Bupati Sukamaju meresmikan {i + 2} pasar, Senin (5/2/2024)."} for i in range(5)]
    items.append({"id": "bad", "text": 42})
    one = [r.to_dict() for r in berita_nlp.extract_many(items)]
    two = [r.to_dict() for r in berita_nlp.extract_many(iter(items), n_process=2, batch_size=2)]
    assert [r["id"] for r in two] == [r["id"] for r in one]
    assert two[:-1] == one[:-1]
    assert "error" in two[-1] and "error" in one[-1]


def test_saved_pipeline_loads_with_plain_spacy(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Factories and the tokenizer are entry points: spacy.load needs no berita import."""
    import subprocess
    import sys

    berita_nlp.load().to_disk(tmp_path / "p")
    path = str(tmp_path / "p")
    code = (
        f"import spacy; nlp = spacy.load({path!r}); doc = nlp('Rapat digelar Senin (5/2/2024).');"
        "print(type(nlp.tokenizer).__name__, doc._.record.dates[0].value)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["BeritaTokenizer", "2024-02-05"]


def test_shared_pipeline_is_rebuilt_when_its_vocabulary_grows(monkeypatch: pytest.MonkeyPatch) -> None:
    from berita_nlp import pipeline

    first = pipeline.shared_pipeline(["berita_zones", "berita_dates"])
    assert pipeline.shared_pipeline(["berita_zones", "berita_dates"]) is first  # built once
    monkeypatch.setattr(pipeline, "VOCAB_LIMIT", len(first.vocab.strings) - 1)
    text = "Bupati Sukamaju hadir pada Senin (5/2/2024)."
    before = berita_nlp.extract(text, nlp=first).to_dict()
    second = pipeline.shared_pipeline(["berita_zones", "berita_dates"])
    assert second is not first
    assert berita_nlp.extract(text, nlp=second).to_dict() == before


@pytest.mark.slow
def test_offsets_index_the_raw_text_of_real_articles() -> None:
    """Every quoted stretch in a record is the raw text exactly, on real pages
    (brackets, glued words, furniture), where a rule that rebuilds a form
    would show."""
    import csv

    from conftest import shared_path

    path = shared_path("corpus", "detik-summ-1000", "data_berita.csv")
    with path.open(encoding="utf-8", newline="") as f:
        texts = [row["isi_berita"] for _, row in zip(range(200), csv.DictReader(f), strict=False)]
    dev = shared_path("eval", "dev-input.jsonl")
    texts += [json.loads(line)["text"] for line in dev.read_text(encoding="utf-8").splitlines() if line.strip()]
    for text in texts:
        quoted = list(_quoted(berita_nlp.extract(text).to_dict()))
        assert quoted
        for start, end, said in quoted:  # dates, counts, mentions, event evidence, dateline, credits ...
            assert text[start:end] == said, (start, end, said)


def _quoted(node: object, key: str = "") -> Iterator[tuple[int, int, str]]:
    """Every `{start, end, text}` anywhere in a record, but positions: a
    position's text is the title, which leaves out a bracketed short form
    its offsets include (docs/record.md)."""
    if isinstance(node, dict):
        start, end, said = node.get("start"), node.get("end"), node.get("text")
        if key != "positions" and isinstance(start, int) and isinstance(end, int) and isinstance(said, str):
            yield start, end, said
        for k, value in node.items():
            yield from _quoted(value, k)
    elif isinstance(node, list):
        for value in node:
            yield from _quoted(value, key)
