"""Run every benchmark in this folder, one after another, and the dev-set score.

    .venv/bin/python bench/run_all.py [--quick]

Each script measures its claim against a baseline in the same run and
prints ratios (these machines are noisy: absolute times mean little, ratios
measured together do). `--quick` passes each script its small-sample flag
where it has one. Scripts that need `../shared` say so and are skipped.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent

# (script, full arguments, quick arguments)
BENCHES: list[tuple[str, list[str], list[str]]] = [
    ("score_dev.py", [], []),
    ("silver_officials.py", [], ["--limit", "300"]),
    ("bench_tokenizer.py", [], ["--limit", "300", "--load-runs", "1"]),
    ("bench_pipeline.py", [], ["--limit", "300"]),
    ("bench_dates.py", ["--accuracy"], ["--limit-dateparser", "30"]),
    ("bench_counts.py", [], []),
    ("bench_gazetteer.py", [], ["--limit", "300"]),
    ("bench_people.py", [], ["--limit", "300"]),
    ("bench_linear.py", [], []),
    ("bench_batch.py", [], []),
]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true")
    a = ap.parse_args()
    failed = []
    for script, full, quick in BENCHES:
        path = HERE / script
        if not path.exists():
            continue
        print(f"\n=== {script} ===", flush=True)
        t = time.perf_counter()
        rc = subprocess.call([sys.executable, str(path), *(quick if a.quick else full)])
        print(f"--- {script}: exit {rc}, {time.perf_counter() - t:.0f} s", flush=True)
        if rc != 0:
            failed.append(script)
    if failed:
        print(f"\nfailed: {', '.join(failed)}")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
