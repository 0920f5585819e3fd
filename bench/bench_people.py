"""Time the berita_people component alone on the real detik corpus.

    .venv/bin/python bench/bench_people.py [--limit 1000]
    .venv/bin/python bench/bench_people.py --idner   # names vs idner-news-2k test PER labels

Zones, places and organizations run first (the component reads their
items), untimed; only `berita_people` is timed, per article.  Prints the
mean and the 99th percentile in milliseconds.

With `--idner` it instead scores the names found against the PER spans of
`idner-news-2k/test.txt` (CoNLL; each sentence's tokens joined by spaces,
distinct name strings compared per sentence).  That set labels names
without titles, so it measures names alone.
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
IDNER = ROOT.parent / "shared" / "corpus" / "idner-news-2k" / "test.txt"


def idner() -> int:
    """Precision/recall of person names against the idner-news-2k test PER labels."""
    if not IDNER.exists():
        print(f"no corpus at {IDNER}", file=sys.stderr)
        return 2
    sys.path.insert(0, str(ROOT / "src"))
    from berita_nlp.people import extract_people

    sentences: list[list[tuple[str, str]]] = [[]]
    for line in IDNER.read_text(encoding="utf-8").splitlines():
        parts = line.strip().split()
        if not parts:
            if sentences[-1]:
                sentences.append([])
            continue
        sentences[-1].append((parts[0], parts[-1]))
    tp = fp = fn = 0
    for sent in sentences:
        if not sent:
            continue
        text = " ".join(w for w, _ in sent)
        gold: set[str] = set()
        cur: list[str] = []
        for w, tag in [*sent, ("", "O")]:
            if tag.endswith("PER") and (tag.startswith("I-") and cur):
                cur.append(w)
                continue
            if cur:
                gold.add(" ".join(cur))
                cur = []
            if tag.endswith("PER"):
                cur = [w]
        found = {m.text for p in extract_people(text) for m in p.mentions}
        tp += len(found & gold)
        fp += len(found - gold)
        fn += len(gold - found)
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    print(f"idner-news-2k test PER: tp {tp} fp {fp} fn {fn}  precision {p:.3f} recall {r:.3f} F1 {f:.3f}")
    return 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, default=1000)
    ap.add_argument("--idner", action="store_true", help="score names against idner-news-2k PER labels")
    a = ap.parse_args()
    if a.idner:
        return idner()
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
        t0 = time.process_time()
        people(doc)
        times.append(time.process_time() - t0)
        chars += len(t)
    times.sort()
    mean = statistics.fmean(times) * 1000
    p99 = times[int(len(times) * 0.99) - 1] * 1000
    avg = chars / len(texts)
    print(f"berita_people: {len(texts)} articles, {avg:.0f} chars avg, mean {mean:.3f} ms, p99 {p99:.3f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
