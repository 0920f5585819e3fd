"""The runner: input order kept with several processes, bounded work in flight,
and a worker that dies costs one error record, not the run."""

from __future__ import annotations

import concurrent.futures as cf
import json
from pathlib import Path
from typing import Any

import pytest

from berita_nlp import batch
from berita_nlp.batch import BatchResult, RunOptions, WorkerConfig, run
from berita_nlp.readers import RawItem
from berita_nlp.writers import JsonlOutput

FIXTURES = Path(__file__).parent / "fixtures"
ARTICLES = [json.loads(x) for x in (FIXTURES / "batch_articles.jsonl").read_text(encoding="utf-8").splitlines()]


def _input(tmp_path: Path, n: int) -> Path:
    src = tmp_path / "a.jsonl"
    with src.open("w", encoding="utf-8") as f:
        for i in range(n):
            a = dict(ARTICLES[i % len(ARTICLES)], id=f"j{i:03d}")
            f.write(json.dumps(a, ensure_ascii=False) + "\n" if i % 11 != 4 else "{rusak\n")
    return src


def test_two_processes_same_output_as_one(tmp_path: Path) -> None:
    src = _input(tmp_path, 30)
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    s1 = run(RunOptions(input=str(src), output=str(one), progress=False, batch_size=3))
    s2 = run(RunOptions(input=str(src), output=str(two), progress=False, batch_size=3, jobs=2))
    assert one.read_bytes() == two.read_bytes()
    assert (s1.articles, s1.errors) == (s2.articles, s2.errors) == (30, 3)
    assert len(s2.worker_peak_rss_mb) == 2  # two workers, each loaded once
    assert all(v > 0 for v in s2.worker_peak_rss_mb.values())


class _DyingExecutor(batch.InlineExecutor):
    """Fails like a pool whose worker died whenever a batch holds the poisoned item."""

    slots = 3

    def __init__(self) -> None:
        self.restarts = 0

    def submit(self, fn: Any, *args: Any) -> cf.Future[Any]:
        items: list[RawItem] = args[0]
        if any(r.id == "racun" for r in items):
            fut: cf.Future[Any] = cf.Future()
            fut.set_exception(cf.process.BrokenProcessPool("a worker died"))
            return fut
        return super().submit(fn, *args)

    def restart(self) -> None:
        self.restarts += 1


def test_dead_worker_becomes_one_error_record(tmp_path: Path) -> None:
    items = [RawItem("row", {"id": f"r{i}", "text": ARTICLES[i]["text"]}, f"row {i + 1}", f"r{i}") for i in range(6)]
    items.insert(3, RawItem("row", {"id": "racun", "text": "teks"}, "row 4", "racun"))
    out = JsonlOutput(str(tmp_path / "o.jsonl"))
    out.open({"t": 1})
    summary = batch.Summary(input="x", output="o")
    ex = _DyingExecutor()
    cfg = WorkerConfig(payload=out.payload)
    batches = [items[i : i + 2] for i in range(0, len(items), 2)]
    batch._drive(ex, cfg, batches, out, summary, batch._Progress(False, 0, None), batch._Stop())
    out.finish()
    recs = [json.loads(x) for x in (tmp_path / "o.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in recs] == ["r0", "r1", "r2", "racun", "r3", "r4", "r5"]
    assert "worker process died" in recs[3]["error"]
    assert sum("error" in r for r in recs) == 1
    assert ex.restarts >= 1


def test_window_is_bounded(tmp_path: Path) -> None:
    """At most `slots` batches are read ahead of the writer, whatever the input size."""
    seen: list[int] = []

    class Counting(batch.InlineExecutor):
        slots = 2

        def submit(self, fn: Any, *args: Any) -> cf.Future[Any]:
            seen.append(len(args[0]))
            return super().submit(fn, *args)

    pulled = 0

    def gen() -> Any:
        nonlocal pulled
        for i in range(50):
            pulled += 1
            yield [RawItem("row", {"id": str(i), "text": "Warga berkumpul."}, f"row {i}")]

    class Sink:
        payload = "json"
        written = 0

        def write(self, payloads: list[Any], errors: int, items: Any = None) -> None:
            self.written += len(payloads)
            assert pulled - self.written <= 2

        def due(self) -> bool:
            return False

    batch._drive(
        Counting(),
        WorkerConfig(),
        gen(),
        Sink(),
        batch.Summary("i", "o"),
        batch._Progress(False, 0, None),
        batch._Stop(),
    )  # type: ignore[arg-type]
    assert len(seen) == 50


def test_process_batch_one_payload_per_item() -> None:
    raws = [
        RawItem("json", b'{"id": "a", "text": "Camat meninjau posyandu."}', "line 1"),
        RawItem("json", b"[]", "line 2"),
        RawItem("error", "unreadable", "line 3"),
    ]
    res: BatchResult = batch.process_batch(raws, WorkerConfig(payload="dict"))
    assert len(res.payloads) == 3 and res.errors == 2
    assert res.payloads[0]["id"] == "a" and "error" in res.payloads[1] and "error" in res.payloads[2]


def test_dumps_is_strict_json() -> None:
    line = batch.dumps({"id": "n", "value": float("nan"), "xs": [float("inf"), 1.5], "t": "a\ud800b"})
    line.encode("utf-8")
    assert json.loads(line) == {"id": "n", "value": None, "xs": [None, 1.5], "t": "a\ud800b"}


def test_parquet_stores_huge_numbers_and_never_fails_a_commit(tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    from berita_nlp.writers import ParquetOutput

    count = {"start": 0, "end": 5, "text": "x", "value": 599440900000000000, "unit": "Rp", "kind": "money"}
    recs: list[dict[str, Any]] = [
        {"id": "big", "schema_version": "1.0", "counts": [count]},
        {"id": "huge", "schema_version": "1.0", "counts": [dict(count, value=10**400)]},
        {"id": "odd", "schema_version": "1.0", "counts": [dict(count, value="banyak")]},
        {"id": "e", "error": "line 4: empty text", "schema_version": "1.0"},
    ]
    out = ParquetOutput(str(tmp_path / "o.parquet"))
    out.open({"t": 1})
    out.write(recs, 1)
    out.finish()
    rows = pq.read_table(tmp_path / "o.parquet").to_pylist()
    assert [r["id"] for r in rows] == ["big", "huge", "odd", "e"]
    assert rows[0]["counts"][0]["value"] == 599440900000000000.0 and rows[0]["error"] is None
    assert rows[1]["counts"][0]["value"] is None
    assert "cannot be stored in Parquet" in rows[2]["error"]
    assert rows[3]["error"] == "line 4: empty text"


def test_found_items_survive_a_resume(tmp_path: Path) -> None:
    from berita_nlp.readers import Reader
    from berita_nlp.writers import open_output

    src = _input(tmp_path, 12)
    whole = run(RunOptions(input=str(src), output=str(tmp_path / "w.jsonl"), progress=False))
    assert whole.items and sum(whole.items.values()) > 0
    for ext in ("jsonl", "parquet"):
        out = tmp_path / f"r.{ext}"
        # A first run that committed two batches of three and then died ...
        reader = Reader(str(src))
        output = open_output(str(out), checkpoint_seconds=0)
        output.open(batch.run_fingerprint(RunOptions(input=str(src), output=str(out)), reader, output))
        batches = list(batch._batched(reader.iter_from(0), 3))[:2]
        progress = batch._Progress(False, 0, None)
        summary = batch.Summary("i", "o")
        batch._drive(
            batch.InlineExecutor(),
            WorkerConfig(payload=output.payload),
            batches,
            output,
            summary,
            progress,
            batch._Stop(),
        )
        output.commit()
        output.close()
        # ... and the same command again: the totals cover the whole output.
        rest = run(RunOptions(input=str(src), output=str(out), progress=False))
        assert (rest.resumed_from, rest.articles) == (6, 12)
        assert rest.items == whole.items, ext


def test_stream_python_objects_lazily_in_order() -> None:
    from berita_nlp.pipeline import extract_one

    pulled = 0

    def gen() -> Any:
        nonlocal pulled
        for i, a in enumerate(ARTICLES * 2):
            pulled += 1
            yield {"id": f"s{i}", "text": a["text"], "published": a["published"]}
        pulled += 1
        yield "Teks polos tanpa id juga artikel."
        yield {"id": "x", "text": 5}

    out = []
    for rec in batch.stream(gen(), batch_size=2):
        out.append(rec)
        assert pulled - len(out) <= 2  # one batch ahead at most (inline: one slot)
    want = [
        extract_one({"id": f"s{i}", "text": a["text"], "published": a["published"]}).to_dict()
        for i, a in enumerate(ARTICLES * 2)
    ]
    assert out[: len(want)] == want
    assert out[-2]["id"] is None and "error" not in out[-2]
    assert out[-1]["error"] == "item 18: text must be a string, got int"
