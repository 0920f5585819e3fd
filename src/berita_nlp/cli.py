"""Command line: `berita-nlp extract INPUT -o OUTPUT.jsonl` (minimal first cut)."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

from .pipeline import extract_many


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="berita-nlp")
    sub = ap.add_subparsers(dest="cmd", required=True)
    ex = sub.add_parser("extract", help="extract records from a JSONL archive")
    ex.add_argument("input")
    ex.add_argument("-o", "--output", required=True)
    a = ap.parse_args(argv)
    src = sys.stdin if a.input == "-" else open(a.input, encoding="utf-8")
    items = (json.loads(line) for line in src if line.strip())
    with open(a.output, "w", encoding="utf-8") as out:
        for rec in extract_many(items):
            out.write(json.dumps(rec.to_dict(), ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
