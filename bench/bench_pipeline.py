"""Whole-pipeline throughput and where the time goes, per component.

    .venv/bin/python bench/bench_pipeline.py [--corpus PATH] [--limit N] [--repeat K]

In ONE run over `../shared/corpus/detik-summ-1000/data_berita.csv` (column
`isi_berita`) it times, each from a freshly built pipeline so every pass
is a FIRST pass (cold vocabulary and tokenizer cache, as for the new
articles of a real archive):

1. baseline: `spacy.blank("id")` tokenization (`nlp.make_doc`);
2. whole: `berita_nlp.extract()` on every article, as users call it;
3. parts: the same articles through a second fresh pipeline, timing
   `prepare_doc` (tokenizer + article state), each component's own call,
   building the record (`doc._.record`) and `to_dict()` + JSON line
   (what `berita-nlp extract` adds per article).

How to read it: every figure is ms per article and, in brackets, its
ratio to the baseline of the same run.  The machines this runs on are
shared and noisy, so compare ratios between runs, not milliseconds.
"outside components" is the whole `extract()` time minus tokenizing and
the components: spaCy's `Language.__call__`, the record, our state (two
passes, so it carries their noise: a few hundredths either way).  With
`--repeat K` each measurement is taken K times (fresh pipelines every
time) and the minimum is shown, the better estimate on a busy machine.
With `--cpu` every figure is this process's CPU time instead of wall
time: other jobs on the machine then barely move it (caches aside), which
makes runs of two versions comparable on a shared machine.
"""

from __future__ import annotations

import argparse
import csv
import gc
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "detik-summ-1000" / "data_berita.csv"

CLOCK: list[Callable[[], float]] = [time.perf_counter]
"""The clock every pass reads: wall time, or with `--cpu` this process's CPU time."""


def read_corpus(path: Path, limit: int | None) -> list[str]:
    with path.open(encoding="utf-8", newline="") as f:
        texts = [row["isi_berita"] for row in csv.DictReader(f)]
    return texts[:limit] if limit else texts


def _fresh_pipeline() -> object:
    """A newly built full pipeline, its reference data already loaded.

    `load()` builds a new vocabulary and tokenizer cache; the lazily loaded
    data tables are process-wide, so one throwaway article loads them
    outside the timed pass.
    """
    from berita_nlp.pipeline import load

    nlp = load()
    nlp("Warm up.")
    return nlp


def load_lazy_data(texts: list[str]) -> None:
    """Run a throwaway pipeline over some articles before timing anything.

    Some reference tables are built on first use deep in a component (a
    village index, say), not by a one-line warm-up; left to the first timed
    pass they cost it ~0.2 ms/article.  They are process-wide, so every
    pipeline built afterwards finds them; its vocabulary and tokenizer
    cache are its own, and stay cold.
    """
    from berita_nlp.pipeline import extract, load

    nlp = load()
    for x in texts:
        extract(x, nlp=nlp)


def time_baseline(texts: list[str]) -> float:
    import spacy

    nlp = spacy.blank("id")
    make = nlp.make_doc
    t = CLOCK[0]()
    for x in texts:
        make(x)
    return CLOCK[0]() - t


def time_whole(texts: list[str]) -> float:
    from berita_nlp.pipeline import extract

    nlp = _fresh_pipeline()
    t = CLOCK[0]()
    for x in texts:
        extract(x, nlp=nlp)  # type: ignore[arg-type]
    return CLOCK[0]() - t


def time_parts(texts: list[str]) -> dict[str, float]:
    from berita_nlp.batch import dumps
    from berita_nlp.pipeline import prepare_doc

    nlp = _fresh_pipeline()
    pipes = list(nlp.pipeline)  # type: ignore[attr-defined]
    out = dict.fromkeys(["tokenize (prepare_doc)", *[n for n, _ in pipes], "record", "to_dict + JSON"], 0.0)
    clock = CLOCK[0]
    for x in texts:
        t0 = clock()
        doc = prepare_doc(nlp, x)  # type: ignore[arg-type]
        t1 = clock()
        out["tokenize (prepare_doc)"] += t1 - t0
        for name, proc in pipes:
            t0 = clock()
            doc = proc(doc)
            t1 = clock()
            out[name] += t1 - t0
        t0 = clock()
        rec = doc._.record
        t1 = clock()
        dumps(rec.to_dict())
        t2 = clock()
        out["record"] += t1 - t0
        out["to_dict + JSON"] += t2 - t1
    return out


def settled(fn: Callable[[list[str]], float], texts: list[str]) -> float:
    """Run one pass after collecting the previous passes' garbage, so no
    pass pays for another's cyclic garbage."""
    gc.collect()
    return fn(texts)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--limit", type=int, default=None, help="use only the first N articles")
    ap.add_argument("--repeat", type=int, default=1, help="take the minimum of K measurements")
    ap.add_argument("--cpu", action="store_true", help="CPU time of this process instead of wall time")
    args = ap.parse_args(argv)
    if args.cpu:
        CLOCK[0] = time.process_time
    if not args.corpus.exists():
        print(f"corpus not found: {args.corpus}", file=sys.stderr)
        return 2
    texts = read_corpus(args.corpus, args.limit)
    n = len(texts)
    kb = sum(len(x) for x in texts) / n / 1000
    repeat = max(1, args.repeat)

    load_lazy_data(texts[:200])
    base = whole = float("inf")
    parts: dict[str, float] = {}
    for _ in range(repeat):  # interleaved, so machine load hits all alike
        base = min(base, settled(time_baseline, texts))
        whole = min(whole, settled(time_whole, texts))
        gc.collect()
        got = time_parts(texts)
        parts = got if not parts else {k: min(v, got[k]) for k, v in parts.items()}

    def row(label: str, seconds: float) -> None:
        ms = seconds / n * 1000
        print(f"  {label:<28} {ms:7.3f} ms/article  ({seconds / base:5.2f}x baseline)")

    clock = "CPU" if args.cpu else "wall"
    print(f"{n} articles, {kb:.1f} k characters each on average, best of {repeat}, {clock} time")
    row('spacy.blank("id") tokenize', base)
    row("extract() whole pipeline", whole)
    print(f"  -> {n / whole:.0f} articles/s single process")
    print("parts (second fresh pipeline, same articles):")
    for k, v in parts.items():
        row(k, v)
    inside = sum(v for k, v in parts.items() if k not in ("record", "to_dict + JSON"))
    row("outside components", whole - inside)
    return 0


if __name__ == "__main__":
    sys.exit(main())
