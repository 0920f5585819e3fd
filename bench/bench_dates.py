"""Cost and accuracy of berita_dates next to dateparser's `search_dates`, in one run.

    .venv/bin/python bench/bench_dates.py [--limit-dateparser 100] [--accuracy]

Speed: the component's mean cost per article over the real detik corpus
(`../shared/corpus/detik-summ-1000/data_berita.csv`, column `isi_berita`),
timed on ready Docs (tokenizing is the tokenizer's cost, not ours), and
`search_dates(text, languages=['id'], settings={'DATE_ORDER': 'DMY'})` on
the first N articles (it is slow); both per-article means and the ratio.

Accuracy (`--accuracy`): both systems over `../shared/eval/dev-input.jsonl`,
each written as a JSONL of dates and scored by `../shared/eval/score.py`
against `dev.jsonl`; only the date lines are printed.  dateparser gives no
offsets, so each found substring is located in the text left to right.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import subprocess
import sys
import time
import warnings
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus" / "detik-summ-1000" / "data_berita.csv"
sys.path.insert(0, str(ROOT / "src"))


def _published(tanggal: str) -> dt.date | None:
    """detik's `tanggal` is US order `M/D/YYYY HH:MM`."""
    try:
        m, d, y = tanggal.split()[0].split("/")
        return dt.date(int(y), int(m), int(d))
    except (ValueError, IndexError):
        return None


def _dateparser_items(text: str, published: dt.date | None) -> list[dict[str, Any]]:
    from dateparser.search import search_dates

    settings: dict[str, Any] = {"DATE_ORDER": "DMY"}
    if published is not None:
        settings["RELATIVE_BASE"] = dt.datetime(published.year, published.month, published.day)
    try:
        found = search_dates(text, languages=["id"], settings=settings) or []
    except Exception:  # noqa: BLE001 - a crash of the baseline counts as finding nothing
        found = []
    out = []
    pos = 0
    for sub, when in found:
        i = text.find(sub, pos)
        if i < 0:
            i = text.find(sub)
        if i < 0:
            continue
        pos = i + len(sub)
        out.append({"start": i, "end": i + len(sub), "text": sub, "value": when.date().isoformat()})
    return out


def speed(limit_dp: int) -> None:
    from dateparser.search import search_dates
    from spacy.tokens import Doc

    from berita_nlp.pipeline import load, prepare_doc
    from berita_nlp.state import get_state

    if not CORPUS.exists():
        print(f"no corpus at {CORPUS}", file=sys.stderr)
        return
    with CORPUS.open(encoding="utf-8", newline="") as f:
        rows = [(r["isi_berita"], _published(r["tanggal"])) for r in csv.DictReader(f)]
    nlp = load(["berita_dates"])
    comp = nlp.get_pipe("berita_dates")

    def ready(text: str, pub: dt.date | None) -> Doc:
        # In the pipeline the raw text is already shared on the state (Doc.text
        # re-joins every token, ~1 ms); give the component what it would get.
        d = prepare_doc(nlp, text, published=pub)
        get_state(d).extra["text"] = text
        return d

    comp(ready(*rows[0]))  # build the matcher outside the clock, as a long batch would
    best = float("inf")
    for _ in range(3):
        docs = [ready(t, p) for t, p in rows]
        t0 = time.perf_counter()
        for d in docs:
            comp(d)
        best = min(best, time.perf_counter() - t0)
    n_items = sum(len(get_state(d).dates) for d in docs)
    ours = best / len(docs)
    chars = sum(len(t) for t, _ in rows) / len(rows)
    print(
        f"berita_dates : {len(docs)} articles (mean {chars:.0f} chars), {ours * 1e3:.3f} ms/article "
        f"(best of 3), {n_items / len(docs):.1f} dates/article"
    )
    sub = rows[:limit_dp]
    warnings.simplefilter("ignore")
    search_dates("Senin (5/2/2024)", languages=["id"], settings={"DATE_ORDER": "DMY"})  # warm its caches
    t0 = time.perf_counter()
    n_dp = 0
    for t, _p in sub:
        n_dp += len(search_dates(t, languages=["id"], settings={"DATE_ORDER": "DMY"}) or [])
    theirs = (time.perf_counter() - t0) / len(sub)
    print(f"search_dates : {len(sub)} articles, {theirs * 1e3:.3f} ms/article, {n_dp / len(sub):.1f} dates/article")
    print(f"ratio        : berita_dates is {theirs / ours:.0f}x faster per article")


def accuracy() -> None:
    from berita_nlp.dates import find_dates
    from berita_nlp.pipeline import load, prepare_doc

    gold_in = SHARED / "eval" / "dev-input.jsonl"
    if not gold_in.exists():
        print(f"no dev set at {gold_in}", file=sys.stderr)
        return
    del find_dates
    items = [json.loads(line) for line in gold_in.read_text(encoding="utf-8").splitlines() if line.strip()]
    out_dir = ROOT / "out"
    out_dir.mkdir(exist_ok=True)
    nlp = load(["berita_zones", "berita_dates"])
    ours_p, theirs_p = out_dir / "dev-dates-berita.jsonl", out_dir / "dev-dates-dateparser.jsonl"
    warnings.simplefilter("ignore")
    with ours_p.open("w", encoding="utf-8") as fo, theirs_p.open("w", encoding="utf-8") as ft:
        for it in items:
            pub = dt.date.fromisoformat(it["published"]) if it.get("published") else None
            doc = nlp(prepare_doc(nlp, it["text"], published=pub, id=str(it["id"])))
            rec = {"id": it["id"], "dates": [d.to_dict() for d in doc._.berita.dates]}
            fo.write(json.dumps(rec, ensure_ascii=False) + "\n")
            dp = {"id": it["id"], "dates": _dateparser_items(it["text"], pub)}
            ft.write(json.dumps(dp, ensure_ascii=False) + "\n")
    score = SHARED / "eval" / "score.py"
    gold = SHARED / "eval" / "dev.jsonl"
    for label, path in (("berita_dates", ours_p), ("search_dates", theirs_p)):
        res = subprocess.run([sys.executable, str(score), str(gold), str(path)], capture_output=True, text=True)
        lines = [ln for ln in res.stdout.splitlines() if ln.startswith("date")]
        for ln in lines:
            print(f"{label:13s}: {ln}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit-dateparser", type=int, default=100, help="articles given to search_dates (slow)")
    ap.add_argument("--accuracy", action="store_true", help="also score both on the dev set")
    ap.add_argument("--no-speed", action="store_true")
    a = ap.parse_args()
    if not a.no_speed:
        speed(a.limit_dateparser)
    if a.accuracy:
        accuracy()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
