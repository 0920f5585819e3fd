"""Score and time berita_counts alone on the dev set and the real corpus.

    .venv/bin/python bench/bench_counts.py [--dev] [--speed N] [--fp]

--dev    runs zones+dates+counts over ../shared/eval/dev-input.jsonl and prints
         score.py's count lines (other fields are empty, so ignore them);
--fp     also lists the false positives and misses, to find the rule to fix;
--speed  times `extract_counts` alone over N corpus articles
         (../shared/corpus/detik-summ-1000/data_berita.csv, column isi_berita).
"""

from __future__ import annotations

import argparse
import csv
import json
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT / "src"))


def dev(show_errors: bool) -> None:
    from berita_nlp.pipeline import load, prepare_doc

    nlp = load(["berita_zones", "berita_dates", "berita_counts"])
    gold_path = SHARED / "eval" / "dev.jsonl"
    gold = {g["id"]: g for g in map(json.loads, gold_path.read_text(encoding="utf-8").splitlines())}
    items = [json.loads(x) for x in (SHARED / "eval" / "dev-input.jsonl").read_text(encoding="utf-8").splitlines()]
    out = ROOT / "out" / "dev-counts.jsonl"
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8") as f:
        for it in items:
            doc = nlp(prepare_doc(nlp, it["text"], published=it.get("published"), id=str(it["id"])))
            rec = doc._.record.to_dict()
            f.write(json.dumps({"id": rec["id"], "counts": rec["counts"]}, ensure_ascii=False) + "\n")
            if show_errors:
                g = gold.get(str(it["id"]), {})
                _diff(it["text"], g.get("counts", []), rec["counts"])
    res = subprocess.run(
        [sys.executable, str(SHARED / "eval" / "score.py"), str(gold_path), str(out)],
        capture_output=True,
        text=True,
        check=False,
    )
    print("\n".join(ln for ln in res.stdout.splitlines() if "count" in ln))


def _diff(text: str, gold: list[dict], system: list[dict]) -> None:
    def ov(a: dict, b: dict) -> bool:
        return a["start"] < b["end"] and b["start"] < a["end"]

    for s in system:
        if not any(ov(s, g) for g in gold):
            print("FP", repr(text[max(0, s["start"] - 30) : s["end"] + 20]), s["value"], s["unit"])
    for g in gold:
        m = [s for s in system if ov(s, g)]
        if not m:
            print("FN", repr(text[max(0, g["start"] - 30) : g["end"] + 20]), g["value"], g["unit"])
        elif all(abs(float(s["value"]) - float(g["value"])) > 1e-6 * max(1, abs(float(g["value"]))) for s in m):
            print("VAL", repr(text[g["start"] : g["end"]]), g["value"], [s["value"] for s in m])
        elif (s := m[0])["unit"] and g["unit"] and s["unit"].split()[0].lower() != g["unit"].split()[0].lower():
            print("UNIT", repr(text[g["start"] : g["end"]]), g["unit"], "<>", s["unit"])


def speed(n: int) -> None:
    from berita_nlp.counts import extract_counts

    csv.field_size_limit(10**9)
    path = SHARED / "corpus" / "detik-summ-1000" / "data_berita.csv"
    with path.open(encoding="utf-8", newline="") as f:
        texts = [row["isi_berita"] for _, row in zip(range(n), csv.DictReader(f), strict=False)]
    extract_counts(texts[0])  # load data once
    best = float("inf")
    total = 0
    for _ in range(3):  # best of three, in CPU time: the machine is shared
        t0 = time.process_time()
        total = 0
        for t in texts:
            total += len(extract_counts(t)[0])
        best = min(best, time.process_time() - t0)
    dt = best
    chars = sum(map(len, texts))
    print(
        f"{len(texts)} articles, {chars / len(texts):.0f} chars avg, {total} counts: "
        f"{1000 * dt / len(texts):.3f} ms/article (CPU time, best of 3)"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dev", action="store_true")
    ap.add_argument("--fp", action="store_true")
    ap.add_argument("--speed", type=int, default=0)
    a = ap.parse_args()
    if a.dev or a.fp:
        dev(a.fp)
    if a.speed:
        speed(a.speed)


if __name__ == "__main__":
    main()
