"""Measure gazetteer load time and place-matching cost per article.

    .venv/bin/python bench/bench_gazetteer.py [--limit N] [--dump out/places-detik.jsonl]

Reads the detik corpus (../shared/corpus/detik-summ-1000/data_berita.csv,
column `isi_berita`) and reports: time to build the gazetteer in a fresh
process state, time per article of `Gazetteer.find` alone, and of the whole
`berita_places` extraction (scan + triggers + resolution + merge) without
zoning.  Timing is process CPU time, best of 3 passes, so a busy shared
machine shows up as little as possible.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT / "src"))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, default=1000)
    ap.add_argument("--dump", default=None, help="write each article's places as JSONL for reading")
    a = ap.parse_args()
    path = SHARED / "corpus" / "detik-summ-1000" / "data_berita.csv"
    if not path.exists():
        print(f"no corpus at {path}", file=sys.stderr)
        return 2
    csv.field_size_limit(1 << 26)
    with path.open(encoding="utf-8", newline="") as f:
        texts = [row["isi_berita"] or "" for row in csv.DictReader(f)][: a.limit]

    from berita_nlp import gazetteer, places

    t0 = time.process_time()
    gz = gazetteer.get_gazetteer()
    t_load = time.process_time() - t0
    t0 = time.process_time()
    places._rules()
    t_rules = time.process_time() - t0

    def best(fn: object) -> float:
        times = []
        for _ in range(3):
            t = time.process_time()
            for x in texts:
                fn(x)  # type: ignore[operator]
            times.append(time.process_time() - t)
        return min(times)

    t_find = best(gz.find)
    t_places = best(places.extract_places)
    n = len(texts)
    chars = sum(map(len, texts))
    print(f"articles            {n} (mean {chars / max(n, 1):.0f} chars)")
    print(f"gazetteer load      {t_load * 1000:.0f} ms  (+ places rules {t_rules * 1000:.0f} ms)")
    print(f"find() per article  {t_find / n * 1000:.3f} ms")
    print(f"places per article  {t_places / n * 1000:.3f} ms")
    if a.dump:
        out = Path(a.dump)
        out.parent.mkdir(parents=True, exist_ok=True)
        with out.open("w", encoding="utf-8") as f:
            for i, x in enumerate(texts):
                ps, _ = places.extract_places(x)
                f.write(json.dumps({"i": i, "places": [p.to_dict() for p in ps]}, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
