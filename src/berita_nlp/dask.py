"""Run berita_nlp over Dask bags and dataframes, partition by partition.

When one machine is not enough, the work spreads over a Dask cluster.  A
partition is the unit of work: each is handed to `extract_partition`,
which runs in a worker process and uses that process's pipeline, loaded
once on first use and kept for every later partition (`batch.worker_pipeline`).
Nothing about a pipeline is shipped in the task graph.

This module is called `dask` inside the `berita_nlp` package; every import
here is absolute, so `import dask` below is the real Dask, and so is any
`import dask` in user code.

    import dask.bag as db
    from berita_nlp.dask import extract_bag, write

    bag = db.read_text("s3://archive/2024-*.jsonl").map(json.loads)
    write(extract_bag(bag), "records.parquet")

For files, the CLI does the same with resumption: `berita-nlp extract
INPUT -o OUT --scheduler tcp://host:8786`.
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Iterable
from typing import Any

import dask.bag as db
import dask.base

from berita_nlp.batch import ITEM_KINDS, Summary, WorkerConfig, dumps, process_batch
from berita_nlp.readers import Fields, iter_mappings
from berita_nlp.writers import open_output

__all__ = ["extract_bag", "extract_dataframe", "extract_partition", "write"]


def extract_partition(
    items: Iterable[Any],
    fields: Fields | None = None,
    components: tuple[str, ...] | None = None,
) -> list[dict[str, Any]]:
    """Records (as dicts) for one partition of articles, in order.

    Items are texts or mappings with `text` and optional `id`, `published`,
    `title`, `url` (or the names given in `fields`).  One dict per item: the
    record, or an error record with `error` for an item that cannot be
    processed.  Runs wherever Dask puts it; the pipeline is that process's.
    """
    f = fields or Fields()
    cfg = WorkerConfig(fields=f, components=components, payload="dict")
    return list(process_batch(list(iter_mappings(items, f)), cfg).payloads)


def extract_bag(
    bag: db.Bag,
    *,
    fields: Fields | None = None,
    components: tuple[str, ...] | None = None,
) -> db.Bag:
    """A bag of record dicts, one per article of `bag`, partition for partition."""
    b: Any = bag
    out: db.Bag = b.map_partitions(extract_partition, fields, components)
    return out


def extract_dataframe(
    df: Any,
    *,
    text: str = "text",
    id: str | None = "id",
    published: str | None = None,
    title: str | None = None,
    url: str | None = None,
    published_format: str | None = None,
    components: tuple[str, ...] | None = None,
) -> db.Bag:
    """A bag of record dicts for the rows of a Dask dataframe.

    Only the named columns travel to the workers; a missing optional column
    is simply absent.
    """
    wanted = [c for c in (id, text, published, title, url) if c]
    cols = [c for c in dict.fromkeys(wanted) if c in df.columns]
    fields = Fields(
        id=id or "id",
        text=text,
        published=published or "published",
        title=title or "title",
        url=url or "url",
        published_format=published_format,
    )
    rows = df[cols].to_bag(format="dict")
    return extract_bag(rows, fields=fields, components=components)


def write(
    records: db.Bag,
    output: str,
    *,
    output_format: str | None = None,
    client: Any = None,
    in_flight: int = 4,
) -> Summary:
    """Write a bag of record dicts to JSONL or Parquet, in partition order.

    Uses the CLI's writers, so the files are the same as a local run's (the
    Parquet flat tables included).  Partitions are computed a few at a time
    (`in_flight`) and written as they arrive in order, so the driver holds
    only those.  This writes afresh; resumable runs over files are the CLI's
    `--scheduler` mode.
    """
    out = open_output(output, output_format)
    summary = Summary(input=f"dask:{records.name}", output=output)
    t0 = time.monotonic()
    recs_bag: Any = records
    parts = recs_bag.to_delayed()
    compute: Any = dask.base.compute
    try:
        out.open({"dask_bag": records.name}, overwrite=True)
        if client is not None:
            futures: list[Any] = []
            it = iter(parts)
            futures = [client.compute(p) for p in itertools.islice(it, in_flight)]
            while futures:
                recs = futures.pop(0).result()
                nxt = next(it, None)
                if nxt is not None:
                    futures.append(client.compute(nxt))
                _write(out, recs)
        else:
            for i in range(0, len(parts), in_flight):
                for recs in compute(*parts[i : i + in_flight]):
                    _write(out, recs)
        out.finish()
    finally:
        out.close()
    p = out.progress
    seconds = time.monotonic() - t0
    summary.articles = summary.processed_now = p.done
    summary.errors = p.errors
    summary.records = p.done - p.errors
    summary.items = dict(p.items)
    summary.seconds = round(seconds, 3)
    summary.articles_per_second = round(p.done / seconds, 1) if seconds > 0 else 0.0
    summary.complete = True
    return summary


def _write(out: Any, recs: list[dict[str, Any]]) -> None:
    errors = sum(1 for r in recs if "error" in r)
    items = {k: sum(len(r.get(k) or ()) for r in recs) for k in ITEM_KINDS}
    if out.payload == "json":
        out.write([dumps(r) for r in recs], errors, items)
    else:
        out.write(list(recs), errors, items)
    if out.due():
        out.commit()
