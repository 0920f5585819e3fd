"""Time the berita_people component alone on the real detik corpus.

    .venv/bin/python bench/bench_people.py [--limit 1000]

Zones, places and organizations run first (the component reads their
items), untimed; only `berita_people` is timed, per article.  Prints the
mean and the 99th percentile in milliseconds.
"""

from __future__ import annotations

import argparse
import csv
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "detik-summ-1000" / "data_berita.csv"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, default=1000)
    a = ap.parse_args()
    if not CORPUS.exists():
        print(f"no corpus at {CORPUS}", file=sys.stderr)
        return 2
    sys.path.insert(0, str(ROOT / "src"))
    from berita_nlp.pipeline import load, prepare_doc

    csv.field_size_limit(1 << 26)
    with CORPUS.open(encoding="utf-8", newline="") as f:
        texts = [row["isi_berita"] or "" for row in csv.DictReader(f)][: a.limit]
    nlp = load()
    names = [n for n in nlp.pipe_names if n in ("berita_zones", "berita_places", "berita_organizations")]
    before = [nlp.get_pipe(n) for n in names]
    people = nlp.get_pipe("berita_people")
    people(prepare_doc(nlp, texts[0]))  # load the tables outside the timing
    times: list[float] = []
    chars = 0
    for t in texts:
        doc = prepare_doc(nlp, t)
        for comp in before:
            doc = comp(doc)
        t0 = time.perf_counter()
        people(doc)
        times.append(time.perf_counter() - t0)
        chars += len(t)
    times.sort()
    mean = statistics.fmean(times) * 1000
    p99 = times[int(len(times) * 0.99) - 1] * 1000
    avg = chars / len(texts)
    print(f"berita_people: {len(texts)} articles, {avg:.0f} chars avg, mean {mean:.3f} ms, p99 {p99:.3f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
