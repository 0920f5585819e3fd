"""Tokenizer and pipeline throughput on the 1,000 real articles, and load times.

    .venv/bin/python bench/bench_tokenizer.py [--corpus PATH] [--limit N] [--load-runs K]

In ONE run it prints, for `../shared/corpus/detik-summ-1000/data_berita.csv`
(column `isi_berita`):

* articles/second of `spacy.blank("id")` tokenization, of the berita
  tokenizer, and of the whole `berita_nlp.extract()` pipeline, with ratios;
  each tokenizer is timed on its first pass over the corpus from a freshly
  built pipeline (cold: every word is new to its vocab and cache) and on a
  second pass (warm: the steady state of a long batch run); the berita
  tokenizer is timed as installed (with the compiled whitespace loop,
  `berita_nlp._tokenloop`, when it was built) and through spaCy's own loop
  (the pure-Python install);
* load times of `spacy.blank("id")` and of `berita_nlp.tokenizer.blank()`,
  each measured in fresh interpreters (import spacy + build + first call),
  `--load-runs` interleaved runs after one untimed run of each, from cached
  bytecode as an installed package loads; min and median (the min is the
  better estimate on a busy machine).
"""

from __future__ import annotations

import argparse
import csv
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "detik-summ-1000" / "data_berita.csv"

LOAD_SPACY = (
    "import time; t=time.perf_counter(); import spacy; nlp=spacy.blank('id'); nlp('a');"
    " print(time.perf_counter()-t)"
)
LOAD_BERITA = (
    "import time; t=time.perf_counter(); from berita_nlp.tokenizer import blank; nlp=blank(); nlp('a');"
    " print(time.perf_counter()-t)"
)


def read_corpus(path: Path, limit: int | None) -> list[str]:
    with path.open(encoding="utf-8", newline="") as f:
        texts = [row["isi_berita"] for row in csv.DictReader(f)]
    return texts[:limit] if limit else texts


# Loads are timed as an installed package runs: from cached bytecode.  Some
# environments set PYTHONDONTWRITEBYTECODE, and an editable install is never
# byte-compiled by pip, so without this every run would re-compile the
# project's sources (~0.1 s) and those of any package in the same state.
_LOAD_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def _once(code: str) -> float:
    out = subprocess.run(
        [sys.executable, "-c", code], check=True, capture_output=True, text=True, cwd=ROOT, env=_LOAD_ENV
    )
    return float(out.stdout.strip().splitlines()[-1])


def load_times(runs: int) -> tuple[list[float], list[float]]:
    """Wall times of both loads in fresh interpreters, interleaved so load on a
    shared machine hits both alike, after one untimed run of each (which
    writes the bytecode caches)."""
    _once(LOAD_SPACY)
    _once(LOAD_BERITA)
    ref, own = [], []
    for _ in range(runs):
        ref.append(_once(LOAD_SPACY))
        own.append(_once(LOAD_BERITA))
    return ref, own


def rate(fn: Callable[[str], object], texts: list[str]) -> float:
    t = time.perf_counter()
    for x in texts:
        fn(x)
    return len(texts) / (time.perf_counter() - t)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--limit", type=int, default=None, help="use only the first N articles")
    ap.add_argument("--load-runs", type=int, default=5)
    args = ap.parse_args(argv)
    if not args.corpus.exists():
        print(f"corpus not found: {args.corpus}", file=sys.stderr)
        return 2
    texts = read_corpus(args.corpus, args.limit)
    kb = sum(len(x) for x in texts) / len(texts) / 1000
    print(f"corpus: {len(texts)} articles, {kb:.1f} K characters each on average")

    import spacy
    from spacy.tokenizer import Tokenizer

    from berita_nlp.pipeline import default_pipeline, extract
    from berita_nlp.tokenizer import blank, compiled_loop

    ref = spacy.blank("id")
    ref_cold = rate(ref.make_doc, texts)
    ref_warm = rate(ref.make_doc, texts)
    own = blank()
    own_cold = rate(own.make_doc, texts)
    own_warm = rate(own.make_doc, texts)
    pure = blank().tokenizer  # the same rules through spaCy's own whitespace loop
    pure_cold = rate(lambda x: Tokenizer.__call__(pure, x), texts)
    pure_warm = rate(lambda x: Tokenizer.__call__(pure, x), texts)
    nlp = default_pipeline()
    nlp("warm up the components' lazy data")
    full = rate(lambda x: extract(x, nlp=nlp), texts)

    print("\narticles/second (tokenization only: nlp.make_doc)")
    print(f"  {'':28s}{'first pass':>12s}{'second pass':>13s}")
    print(f"  {'spacy.blank(id)':28s}{ref_cold:12.0f}{ref_warm:13.0f}")
    loop = "compiled loop" if compiled_loop() is not None else "pure path: loop NOT built"
    print(f"  {'berita_nlp tokenizer':28s}{own_cold:12.0f}{own_warm:13.0f}   ({loop})")
    print(f"  {'  same, spaCy loop (pure)':28s}{pure_cold:12.0f}{pure_warm:13.0f}")
    print(f"  {'ratio berita / spaCy':28s}{own_cold / ref_cold:11.1f}x{own_warm / ref_warm:12.1f}x")
    print(f"  {'  pure path / spaCy':28s}{pure_cold / ref_cold:11.1f}x{pure_warm / ref_warm:12.1f}x")
    met = ["met" if r >= 30 else "not met" for r in (own_cold / ref_cold, own_warm / ref_warm)]
    print(f"  target >= 30x: first pass {met[0]}, second pass {met[1]}")
    print(f"whole extract() pipeline: {full:.0f} articles/s ({1000 / full:.2f} ms/article)")
    print(f"  pipeline / spaCy blank('id') tokenization: {full / ref_cold:.2f}x (first pass), {full / ref_warm:.2f}x")
    print(f"  berita tokenization / pipeline: {own_warm / full:.1f}x (tokenizer share of pipeline time)")

    ref, own = load_times(args.load_runs)
    print(f"\nload time, fresh interpreter, {args.load_runs} interleaved runs (import spacy + build + first call)")
    print(f"  {'':28s}{'min':>8s}{'median':>9s}")
    print(f"  {'spacy.blank(id)':28s}{min(ref):7.2f}s{statistics.median(ref):8.2f}s")
    print(f"  {'berita_nlp.tokenizer.blank':28s}{min(own):7.2f}s{statistics.median(own):8.2f}s")
    print(
        f"  ratio berita / spaCy: {min(own) / min(ref):.2f} (min), "
        f"{statistics.median(own) / statistics.median(ref):.2f} (median); target < 0.33"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
