"""Does extract() time grow linearly with input size?  Per component, per input shape.

    .venv/bin/python bench/bench_linear.py [--sizes 0.5,1,2,5] [--patterns corpus,brackets,...]
                                           [--timeout 300]

For every input shape and size (MB of text) it runs the whole pipeline in a
fresh interpreter (a catastrophic regex cannot be interrupted in-process)
and prints seconds per MB for the tokenizer and for each component.  Linear
growth shows as a flat s/MB column; a component whose s/MB climbs with size
(or that hits the timeout) has a pattern that backtracks.

Shapes: real articles glued together (`corpus`, needs ../shared, else an
invented paragraph), the same with runs of 1 % of the input size, each
after an invented sentence end that opens a match in some extractor
(`mixed`: a date, a title, a number, a place, an organization...),
articles with a whitespace run of 1 % of the input size after one of
their sentences (`gaps`: a pattern quadratic in a run's length shows as
s/MB growing with size), and
pure adversarial runs: `brackets` ((((), `dots` (....), `spaces`,
`newlines`, `digits` (1/1/1/...), `titles` (Dr. H. Dr. H. ...), `caps`
(Kabupaten Bandung Kabupaten Bandung ...), `dashes` (----).
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
CORPUS = ROOT.parent / "shared" / "corpus" / "detik-summ-1000" / "data_berita.csv"
MB = 1_000_000

FALLBACK = (
    "BANDUNG - Bupati Sumber Jaya, H. Ahmad Fauzi, S.T., M.Si., meninjau banjir di Desa Cikaret, "
    "Kecamatan Mekarsari, Senin (5/2/2024). Sebanyak 120 rumah terendam dan 3 warga luka-luka. "
    '"Kami kirim bantuan ke daerah-daerah terdampak," ujarnya.\n\n'
)

LEADS = [  # invented sentence ends that open a match in some extractor, each followed by a run
    "Banjir terjadi pada 18-20 Juli.",
    "Rapat digelar Senin (5/2/2024)",
    "Hadir Bupati Sumber Jaya H. Ahmad Fauzi, S.T.,",
    "Sebanyak 120",
    "di Desa Cikaret, Kecamatan Mekarsari, Kabupaten",
    "Dinas Sosial (Dinsos)",
    "Editor:",
    "menandatangani nota kesepahaman dengan",
]

RUNS = {
    "brackets": "(",
    "dots": ".",
    "spaces": " ",
    "newlines": "\n",
    "digits": "1/",
    "titles": "Dr. H. ",
    "caps": "Kabupaten Bandung ",
    "dashes": "-",
}
PATTERNS = ("corpus", "mixed", "gaps", *RUNS)


def _articles() -> list[str]:
    if not CORPUS.exists():
        return [FALLBACK]
    with CORPUS.open(encoding="utf-8", newline="") as f:
        return [row["isi_berita"] for row in csv.DictReader(f)]


def build(pattern: str, size: int) -> str:
    """An input of about `size` characters of the given shape."""
    if pattern in RUNS:
        unit = RUNS[pattern]
        return (unit * (size // len(unit) + 1))[:size]
    arts = _articles()
    parts: list[str] = []
    n = i = 0
    adversarial = list(RUNS.values())
    while n < size:
        part = arts[i % len(arts)] + "\n\n"
        if pattern == "mixed":  # a trigger of each extractor, then a run of 1 % of the input (10 K at least)
            unit = adversarial[i % len(adversarial)]
            lead = LEADS[(i // len(adversarial)) % len(LEADS)]
            part += lead + unit * (max(10_000, size // 100) // len(unit)) + "\n\n"
        elif pattern == "gaps":  # a whitespace run of 1 % of the input after one sentence of each article
            sentences = part.split(". ")
            k = i % len(sentences)
            gap = ". " + (" " if i % 2 else "\n") * (size // 100)
            part = ". ".join(sentences[: k + 1]) + gap + ". ".join(sentences[k + 1 :])
        parts.append(part)
        n += len(part)
        i += 1
    return "".join(parts)[:size]


def worker(pattern: str, size_mb: float) -> dict[str, float]:
    """Time the tokenizer and each component once on one input (runs in a child process)."""
    from berita_nlp.pipeline import default_pipeline, prepare_doc

    nlp = default_pipeline()
    nlp("Bupati H. Ahmad meninjau Desa Cikaret, Senin (5/2/2024).")  # load lazy data first
    text = build(pattern, int(size_mb * MB))
    times: dict[str, float] = {}
    t = time.perf_counter()
    doc = prepare_doc(nlp, text, published="2024-02-06", id="bench")
    times["tokenizer"] = time.perf_counter() - t
    for name, proc in nlp.pipeline:
        t = time.perf_counter()
        doc = proc(doc)
        times[name] = time.perf_counter() - t
    times["total"] = sum(times.values())
    return times


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="0.5,1,2,5", help="comma-separated sizes in MB")
    ap.add_argument("--patterns", default=",".join(PATTERNS), help=f"comma-separated, from {', '.join(PATTERNS)}")
    ap.add_argument("--timeout", type=float, default=300.0, help="seconds per run before giving up")
    ap.add_argument("--worker", nargs=2, metavar=("PATTERN", "MB"), help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.worker:
        print(json.dumps(worker(args.worker[0], float(args.worker[1]))))
        return 0
    sizes = [float(s) for s in args.sizes.split(",")]
    patterns = [p.strip() for p in args.patterns.split(",") if p.strip()]
    unknown = [p for p in patterns if p not in PATTERNS]
    if unknown:
        ap.error(f"unknown pattern(s): {', '.join(unknown)}")
    worst: list[tuple[float, str, str]] = []
    for pattern in patterns:
        print(f"\n== {pattern}: seconds per MB (flat = linear)")
        header = None
        for size in sizes:
            cmd = [sys.executable, str(Path(__file__).resolve()), "--worker", pattern, str(size)]
            try:
                out = subprocess.run(cmd, capture_output=True, text=True, timeout=args.timeout, cwd=ROOT)
            except subprocess.TimeoutExpired:
                print(f"  {size:4.1f} MB  TIMEOUT after {args.timeout:.0f} s (larger sizes skipped)")
                worst.append((float("inf"), pattern, f"timeout at {size} MB"))
                break
            if out.returncode != 0:
                print(f"  {size:4.1f} MB  FAILED: {out.stderr.strip().splitlines()[-1:]}")
                break
            times = json.loads(out.stdout.strip().splitlines()[-1])
            if header is None:
                header = list(times)
                short = [h.replace("berita_", "") for h in header]
                print("  size  " + "".join(f"{h:>14s}" for h in short))
            print(f"  {size:4.1f}  " + "".join(f"{times[h] / size:14.3f}" for h in header))
            for h in header:
                if h != "total":
                    worst.append((times[h] / size, pattern, f"{h} at {size} MB"))
    worst.sort(reverse=True)
    print("\nslowest component runs (s/MB):")
    for v, pattern, what in worst[:8]:
        print(f"  {v:8.3f}  {pattern:10s} {what}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
