"""berita_nlp.dask on a LocalCluster: the same output as a single-process run."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("dask.bag")
distributed = pytest.importorskip("distributed")

from berita_nlp.batch import RunOptions, run  # noqa: E402

FIXTURES = Path(__file__).parent / "fixtures"
ARTICLES = [json.loads(x) for x in (FIXTURES / "batch_articles.jsonl").read_text(encoding="utf-8").splitlines()]


def test_module_name_does_not_shadow_dask() -> None:
    import dask

    import berita_nlp.dask as bd

    assert Path(dask.__file__).parent.name == "dask"
    assert bd.extract_bag and hasattr(dask, "compute")


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    cluster = distributed.LocalCluster(
        n_workers=1, threads_per_worker=2, processes=False, dashboard_address=None, silence_logs=50
    )
    c = distributed.Client(cluster)
    yield c
    c.close()
    cluster.close()


def _items() -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = [dict(a, id=f"d{i}") for i, a in enumerate(ARTICLES * 3)]
    items[5] = {"id": "d5", "text": None}
    return items


def _single(tmp_path: Path, items: list[dict[str, Any]]) -> tuple[Path, Path]:
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps(a, ensure_ascii=False) + "\n" for a in items), encoding="utf-8")
    ref = tmp_path / "ref.jsonl"
    run(RunOptions(input=str(src), output=str(ref), progress=False))
    return src, ref


def test_cli_scheduler_equals_single_process(tmp_path: Path, client: Any) -> None:
    src, ref = _single(tmp_path, _items())
    out = tmp_path / "cluster.jsonl"
    s = run(
        RunOptions(input=str(src), output=str(out), progress=False, batch_size=4, scheduler=client.scheduler.address)
    )
    assert s.complete and s.articles == len(_items())
    assert out.read_bytes() == ref.read_bytes()


def test_bag_and_dataframe_equal_single_process(tmp_path: Path, client: Any) -> None:
    import dask.bag as db
    import dask.dataframe as dd
    import pandas as pd

    from berita_nlp.dask import extract_bag, extract_dataframe, write

    items = _items()
    _, ref = _single(tmp_path, items)
    want = [json.loads(x) for x in ref.read_text(encoding="utf-8").splitlines()]
    # Error messages name the place in the input, which differs (line 6 / item 2); the rest is equal.
    strip = [{k: v for k, v in r.items() if k != "error"} for r in want]

    recs = extract_bag(db.from_sequence(items, npartitions=4)).compute()
    assert [{k: v for k, v in r.items() if k != "error"} for r in recs] == strip
    assert "no text" in recs[5]["error"]

    out = tmp_path / "bag.jsonl"
    write(extract_bag(db.from_sequence(items, npartitions=3)), str(out), client=client)
    got = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert [{k: v for k, v in r.items() if k != "error"} for r in got] == strip

    frame = pd.DataFrame(
        {
            "kode": [a["id"] for a in items],
            "isi": [a["text"] for a in items],
            "tgl": [a.get("published") for a in items],
        }
    )
    ddf = dd.from_pandas(frame, npartitions=3)
    recs = extract_dataframe(ddf, text="isi", id="kode", published="tgl").compute()
    assert [r["id"] for r in recs] == [a["id"] for a in items]
    assert [r.get("dates") for r in recs] == [r.get("dates") for r in want]


def test_parquet_through_the_cluster(tmp_path: Path, client: Any) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    import dask.bag as db

    from berita_nlp.dask import extract_bag, write

    items = _items()
    src, _ = _single(tmp_path, items)
    ref = tmp_path / "ref.parquet"
    run(RunOptions(input=str(src), output=str(ref), progress=False))
    out = tmp_path / "bag.parquet"
    write(extract_bag(db.from_sequence(items, npartitions=2)), str(out))
    a, b = pq.read_table(out).drop_columns(["error"]), pq.read_table(ref).drop_columns(["error"])
    assert a.equals(b)
    assert pq.read_table(tmp_path / "bag.people.parquet").equals(pq.read_table(tmp_path / "ref.people.parquet"))
