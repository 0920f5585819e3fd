"""Batch throughput on the real corpus: whole pipeline on 1 and 2 processes
against `spacy.blank("id")` tokenization, with peak memory per worker.

    .venv/bin/python bench/bench_batch.py [--limit N] [--json PATH]

Reads ../shared/corpus/detik-summ-1000/data_berita.csv (1,000 articles).
The pipeline runs are real `berita-nlp extract` runs in fresh processes
(CSV in, JSONL out), timed by the runner itself after the workers have
loaded the pipeline, so start-up is reported apart from throughput.
Targets (issue 8): 1 process >= 8x blank tokenization; 2 processes >= 1.7x
one; peak RSS < 400 MB per worker.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "detik-summ-1000" / "data_berita.csv"


def _baseline(texts: list[str]) -> dict[str, Any]:
    import spacy

    t0 = time.perf_counter()
    nlp = spacy.blank("id")
    load = time.perf_counter() - t0
    t0 = time.perf_counter()
    n = sum(1 for _ in nlp.pipe(texts, batch_size=64))
    secs = time.perf_counter() - t0
    return {"load_seconds": round(load, 2), "seconds": round(secs, 2), "articles_per_second": round(n / secs, 1)}


def _cli(src: Path, jobs: int, tmp: Path, *extra: str) -> dict[str, Any]:
    tag = f"{jobs}{'-'.join(extra)}"
    out = tmp / f"out-{tag}.jsonl"
    summ = tmp / f"summary-{tag}.json"
    cmd = [
        sys.executable, "-m", "berita_nlp.cli", "extract", str(src), "-o", str(out), "--overwrite", "-q",
        "--jobs", str(jobs), "--summary-json", str(summ),
        "--text-field", "isi_berita", "--title-field", "judul", "--url-field", "tautan",
        "--published-field", "tanggal", "--published-format", "%m/%d/%Y %H:%M", *extra,
    ]  # fmt: skip
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src") + os.pathsep + os.environ.get("PYTHONPATH", ""))
    t0 = time.perf_counter()
    subprocess.run(cmd, check=True, env=env)
    wall = time.perf_counter() - t0
    s: dict[str, Any] = json.loads(summ.read_text(encoding="utf-8"))
    s["wall_seconds"] = round(wall, 2)
    return s


def _rate(s: dict[str, Any]) -> float:
    return float(s["articles_per_second"])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--limit", type=int, default=1000, help="articles to use (default: all 1,000)")
    ap.add_argument("--json", metavar="PATH", help="also write the figures as JSON")
    ap.add_argument(
        "--repeat", type=int, default=3, help="runs of each measurement, best kept (default 3): other load only slows"
    )
    a = ap.parse_args()
    if not CORPUS.exists():
        print(f"corpus not found: {CORPUS}", file=sys.stderr)
        return 1
    with CORPUS.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))[: a.limit]
    texts = [r["isi_berita"] for r in rows]
    kb = sum(len(t) for t in texts) / len(texts) / 1000
    print(f"corpus: {len(texts)} articles, mean {kb:.1f} K characters; best of {a.repeat} runs each")
    with tempfile.TemporaryDirectory(prefix="bench-batch-") as d:
        tmp = Path(d)
        src = tmp / "corpus.csv"
        with src.open("w", encoding="utf-8", newline="") as f:
            w = csv.DictWriter(f, fieldnames=list(rows[0]))
            w.writeheader()
            w.writerows(rows)
        base = one = two = light = {"articles_per_second": 0.0}
        for _ in range(a.repeat):  # interleaved, so a burst of other load hits all alike
            base = max(base, _baseline(texts), key=_rate)
            one = max(one, _cli(src, 1, tmp), key=_rate)
            two = max(two, _cli(src, 2, tmp), key=_rate)
            light = max(light, _cli(src, 1, tmp, "--components", "zones"), key=_rate)
        same = (tmp / "out-1.jsonl").read_bytes() == (tmp / "out-2.jsonl").read_bytes()
    r1 = one["articles_per_second"] / base["articles_per_second"]
    r2 = two["articles_per_second"] / one["articles_per_second"]
    rss1 = max(one["worker_peak_rss_mb"].values())
    rss2 = max(two["worker_peak_rss_mb"].values())
    print(
        f"spacy.blank('id') nlp.pipe  : {base['articles_per_second']:8.1f} art/s  "
        f"(load {base['load_seconds']:.2f} s, {base['seconds']:.1f} s)"
    )
    for name, s, rss in (("pipeline, 1 process", one, rss1), ("pipeline, 2 processes", two, rss2)):
        print(
            f"{name:<28}: {s['articles_per_second']:8.1f} art/s  (start-up {s['startup_seconds']:.2f} s, "
            f"{s['seconds']:.1f} s processing, {s['wall_seconds']:.1f} s wall; peak RSS/worker {rss:.0f} MB; "
            f"{s['errors']} errors)"
        )
    print(
        f"{'runner + tokenizer + zones':<28}: {light['articles_per_second']:8.1f} art/s  "
        "(1 process; what the batch layer costs with an almost empty pipeline)"
    )
    print(f"1 process / blank tokenization : {r1:5.2f}x  (target >= 8x)   {'ok' if r1 >= 8 else 'MISSED'}")
    ceiling = light["articles_per_second"] / base["articles_per_second"]
    print(
        f"ceiling (tokenizer + zones only) / blank : {ceiling:5.2f}x  (what the whole pipeline would reach if "
        "every extractor cost nothing)"
    )
    print(f"2 processes / 1 process        : {r2:5.2f}x  (target >= 1.7x) {'ok' if r2 >= 1.7 else 'MISSED'}")
    rss = max(rss1, rss2)
    print(f"peak RSS per worker            : {rss:5.0f} MB (target < 400)  {'ok' if rss < 400 else 'MISSED'}")
    print(f"1- and 2-process outputs identical: {same}")
    load = " ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"load average during the run (1/5/15 min): {load} on {os.cpu_count()} cores")
    if a.json:
        Path(a.json).write_text(
            json.dumps({"baseline": base, "one": one, "two": two, "zones_only": light, "ratio_1_vs_blank": r1,
                        "ratio_2_vs_1": r2, "ceiling_vs_blank": ceiling, "identical": same}, indent=1),
            encoding="utf-8",
        )  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
