"""Run the pipeline over ../shared/eval/dev-input.jsonl and score it with score.py.

    .venv/bin/python bench/score_dev.py [--out out/dev-system.jsonl] [--json]

Prints score.py's figures; the system output stays in --out for inspection
(`score.py --per-article` on it finds the articles worth reading).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default=str(ROOT / "out" / "dev-system.jsonl"))
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--per-article", action="store_true")
    a = ap.parse_args()
    gold_in = SHARED / "eval" / "dev-input.jsonl"
    if not gold_in.exists():
        print(f"no dev set at {gold_in}", file=sys.stderr)
        return 2
    sys.path.insert(0, str(ROOT / "src"))
    from berita_nlp import extract_many

    items = [json.loads(line) for line in gold_in.read_text(encoding="utf-8").splitlines() if line.strip()]
    out = Path(a.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8") as f:
        for rec in extract_many(items):
            f.write(json.dumps(rec.to_dict(), ensure_ascii=False) + "\n")
    cmd = [sys.executable, str(SHARED / "eval" / "score.py"), str(SHARED / "eval" / "dev.jsonl"), str(out)]
    if a.json:
        cmd.append("--json")
    if a.per_article:
        cmd.append("--per-article")
    return subprocess.call(cmd)


if __name__ == "__main__":
    raise SystemExit(main())
