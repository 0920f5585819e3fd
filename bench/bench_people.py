"""Time the berita_people component alone on the real detik corpus.

    .venv/bin/python bench/bench_people.py [--limit 1000]
    .venv/bin/python bench/bench_people.py --idner   # names vs idner-news-2k test PER labels
    git show HEAD~5:src/berita_nlp/people.py > /tmp/people_old.py
    .venv/bin/python bench/bench_people.py --baseline /tmp/people_old.py   # old vs new, same run

Zones, places and organizations run first (the component reads their
items), untimed; only `berita_people` is timed, per article.  Prints the
mean and the 99th percentile in milliseconds.

With `--baseline FILE` an older `people.py` is loaded beside the current one
and both components are timed on the same articles in the same run (each
on its own copy of the document, the order alternating per article), and
the number of articles whose people differ is printed.

With `--idner` it instead scores the names found against the PER spans of
`idner-news-2k/test.txt` (CoNLL; each sentence's tokens joined by spaces,
distinct name strings compared per sentence).  That set labels names
without titles, so it measures names alone.
"""

from __future__ import annotations

import argparse
import csv
import importlib.util
import statistics
import sys
import time
from pathlib import Path
from typing import Any

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
    ap.add_argument("--baseline", type=Path, help="an older people.py to time beside the current one")
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
    if a.baseline is not None:
        return compare(nlp, before, people, texts, a.baseline)
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


def _load_baseline(path: Path) -> Any:
    """The component class of an older people.py, importable beside the current module."""
    src = path.read_text(encoding="utf-8")
    cut = src.find('@Language.factory("berita_people")')
    if cut >= 0:
        src = src[:cut]  # the factory name is taken by the current module
    spec = importlib.util.spec_from_loader("berita_nlp._people_baseline", loader=None)
    assert spec is not None
    mod = importlib.util.module_from_spec(spec)
    mod.__package__ = "berita_nlp"
    sys.modules[spec.name] = mod
    exec(compile(src, str(path), "exec"), mod.__dict__)  # a file the user named
    return mod.PeopleComponent


def compare(nlp: Any, before: list[Any], people: Any, texts: list[str], path: Path) -> int:
    """Time an older component and the current one on the same documents."""
    from berita_nlp.pipeline import prepare_doc
    from berita_nlp.state import get_state

    old = _load_baseline(path)(nlp)
    warm = prepare_doc(nlp, texts[0])
    old(warm)
    people(prepare_doc(nlp, texts[0]))
    t_old: list[float] = []
    t_new: list[float] = []
    differ = 0
    for i, t in enumerate(texts):
        docs = []
        for _ in range(2):
            doc = prepare_doc(nlp, t)
            for comp in before:
                doc = comp(doc)
            docs.append(doc)
        order = [(old, docs[0], t_old), (people, docs[1], t_new)]
        for comp, doc, times in order if i % 2 == 0 else order[::-1]:
            t0 = time.process_time()
            comp(doc)
            times.append(time.process_time() - t0)
        if [p.to_dict() for p in get_state(docs[0]).people] != [p.to_dict() for p in get_state(docs[1]).people]:
            differ += 1
    mo = statistics.fmean(t_old) * 1000
    mn = statistics.fmean(t_new) * 1000
    print(
        f"berita_people: {len(texts)} articles; baseline {path.name} mean {mo:.3f} ms, "
        f"current mean {mn:.3f} ms ({mo / mn:.2f}x); articles with different people: {differ}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
