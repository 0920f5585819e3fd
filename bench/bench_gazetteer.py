"""Measure gazetteer load time and place-matching cost per article.

    .venv/bin/python bench/bench_gazetteer.py [--limit N] [--dump out/places-detik.jsonl]
    .venv/bin/python bench/bench_gazetteer.py --idner [--show 20]

Reads the detik corpus (../shared/corpus/detik-summ-1000/data_berita.csv,
column `isi_berita`) and reports: time to build the gazetteer in a fresh
process state, time per article of `Gazetteer.find` alone, and of the whole
`berita_places` extraction (scan + triggers + resolution + merge) without
zoning.  Timing is process CPU time, best of 3 passes, so a busy shared
machine shows up as little as possible.

`--idner` instead scores the place mentions against the LOC spans of
../shared/corpus/idner-news-2k/test.txt (CoNLL, CRLF): a gold LOC counts as
found when a place mention overlaps it, a mention counts as correct when it
overlaps a gold LOC.  That corpus tags the region inside an office title or
an organization name `O` (`Gubernur Jawa Barat`, `Pemkab Bogor`) while this
library reports it, so precision is also given with those mentions left out.
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
    ap.add_argument("--idner", action="store_true", help="score against idner-news-2k LOC labels")
    ap.add_argument("--show", type=int, default=0, help="with --idner: print this many misses and false hits")
    a = ap.parse_args()
    if a.idner:
        return idner(a.show)
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
    t0 = time.process_time()
    gazetteer.village_names()
    t_villages = time.process_time() - t0

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
    print(f"village list load   {t_villages * 1000:.0f} ms  (lazy, on the first article that needs it)")
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


def _conll_sentences(path: Path) -> list[tuple[str, list[tuple[int, int, str]]]]:
    """Sentences as (text joined with spaces, [(start, end, label)]) from a CoNLL IOB file."""
    out: list[tuple[str, list[tuple[int, int, str]]]] = []
    toks: list[tuple[str, str]] = []
    for line in [*path.read_text(encoding="utf-8").split("\n"), ""]:
        line = line.rstrip("\r")
        if line.strip():
            parts = line.split(" ")
            toks.append((parts[0], parts[-1]))
            continue
        if not toks:
            continue
        text, spans, pos = "", [], 0
        cur: list[int] | None = None
        for word, tag in toks:
            start = pos
            text += ("" if not text else " ") + word
            start = len(text) - len(word)
            pos = len(text)
            if tag.startswith("B-") or (tag.startswith("I-") and (cur is None or cur[2] != tag[2:])):
                if cur is not None:
                    spans.append((cur[0], cur[1], cur[2]))
                cur = [start, pos, tag[2:]]  # type: ignore[list-item]
            elif tag.startswith("I-") and cur is not None:
                cur[1] = pos
            else:
                if cur is not None:
                    spans.append((cur[0], cur[1], cur[2]))
                cur = None
        if cur is not None:
            spans.append((cur[0], cur[1], cur[2]))
        out.append((text, spans))
        toks = []
    return out


def idner(show: int) -> int:
    path = SHARED / "corpus" / "idner-news-2k" / "test.txt"
    if not path.exists():
        print(f"no corpus at {path}", file=sys.stderr)
        return 2
    from berita_nlp import places

    sents = _conll_sentences(path)
    gold_n = found = sys_n = sys_ok = adj_n = adj_ok = 0
    misses: list[str] = []
    false: list[str] = []
    for text, spans in sents:
        locs = [(s, e) for s, e, lab in spans if lab == "LOC"]
        other = [(s, e) for s, e, lab in spans if lab != "LOC"]
        ms = [(m.start, m.end) for p in places.extract_places(text)[0] for m in p.mentions]
        gold_n += len(locs)
        for s, e in locs:
            if any(a < e and s < b for a, b in ms):
                found += 1
            elif len(misses) < show:
                misses.append(f"MISS {text[s:e]!r} in {text[max(0, s - 50) : e + 30]!r}")
        for a, b in ms:
            ok = any(a < e and s < b for s, e in locs)
            sys_n += 1
            sys_ok += ok
            in_name = any(a < e and s < b for s, e in other) or _after_title(text, a)
            if not in_name:
                adj_n += 1
                adj_ok += ok
                if not ok and len(false) < show:
                    false.append(f"FALSE {text[a:b]!r} in {text[max(0, a - 50) : b + 30]!r}")
    r = found / max(gold_n, 1)
    p = sys_ok / max(sys_n, 1)
    pa = adj_ok / max(adj_n, 1)
    print(f"idner-news-2k test: {len(sents)} sentences, {gold_n} gold LOC spans")
    print(f"recall              {r:.3f}  ({found}/{gold_n})")
    print(f"precision           {p:.3f}  ({sys_ok}/{sys_n} mentions)  F1 {2 * p * r / max(p + r, 1e-9):.3f}")
    f1a = 2 * pa * r / max(pa + r, 1e-9)
    print(f"precision, outside titles/ORG/PER spans  {pa:.3f}  ({adj_ok}/{adj_n})  F1 {f1a:.3f}")
    for line in misses + false:
        print(line)
    return 0


_TITLES = ("Gubernur", "Bupati", "Wali Kota", "Walikota", "Wakil", "Camat", "Kapolda", "Kapolres", "Ketua", "Sekda")


def _after_title(text: str, pos: int) -> bool:
    before = text[max(0, pos - 20) : pos].rstrip()
    return before.endswith(_TITLES)


if __name__ == "__main__":
    raise SystemExit(main())
