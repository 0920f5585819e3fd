"""Command line: `berita-nlp extract INPUT -o OUTPUT` over news archives.

Exit codes: 0 when the run finished (articles that could not be processed
are error records in the output, not failures of the run); 1 when the input
or output as a whole is unusable; 2 for bad usage; 130 when interrupted
(rerun the same command to continue).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence

from .readers import FORMATS, Fields, InputError
from .writers import OUTPUT_FORMATS, OutputError

EPILOG = """\
examples:
  berita-nlp extract archive.jsonl.gz -o records.jsonl --jobs 4
  berita-nlp extract data.csv --text-field isi_berita --title-field judul \\
      --published-field tanggal --published-format '%m/%d/%Y %H:%M' -o out.parquet
  cat archive.jsonl | berita-nlp extract - -o records.jsonl
  berita-nlp extract crawl.warc.gz -o records.jsonl --scheduler tcp://10.0.0.5:8786

An interrupted run (Ctrl-C, kill, crash) continues where it stopped when the
same command is run again; --overwrite starts afresh.
"""


def _parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="berita-nlp", description="Indonesian news articles into structured records.")
    sub = ap.add_subparsers(dest="cmd", required=True)
    ex = sub.add_parser(
        "extract",
        help="extract records from a news archive",
        description="Extract one record per article from a news archive, resumably and in input order.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    ex.add_argument(
        "input",
        nargs="+",
        help="JSONL(.gz), CSV(.gz), Parquet, WARC(.gz), a folder of .txt files, or - (stdin); "
        "several inputs are read one after the other into one output",
    )
    ex.add_argument("-o", "--output", required=True, help="output .jsonl (or - for stdout) or .parquet")
    ex.add_argument("--input-format", choices=FORMATS, help="input format (default: from the name)")
    ex.add_argument("--output-format", choices=OUTPUT_FORMATS, help="output format (default: from the name)")
    g = ex.add_argument_group("input fields")
    g.add_argument("--id-field", default="id", metavar="NAME")
    g.add_argument("--text-field", default="text", metavar="NAME")
    g.add_argument("--published-field", default="published", metavar="NAME")
    g.add_argument("--title-field", default="title", metavar="NAME")
    g.add_argument("--url-field", default="url", metavar="NAME")
    g.add_argument("--published-format", metavar="FMT", help="strptime format of published dates (default: YYYY-MM-DD)")
    r = ex.add_argument_group("running")
    r.add_argument("-j", "--jobs", type=int, default=1, help="worker processes (0 = one per core; default 1)")
    r.add_argument("--batch-size", type=int, default=32, help="articles per task (default 32)")
    r.add_argument("--scheduler", metavar="ADDRESS", help="run on a Dask cluster, e.g. tcp://host:8786")
    r.add_argument("--components", metavar="LIST", help="comma-separated subset of pipeline components")
    r.add_argument("--overwrite", action="store_true", help="start afresh instead of continuing an earlier run")
    r.add_argument(
        "--checkpoint-seconds", type=float, metavar="S", help="commit interval (default 2 for JSONL, 10 for Parquet)"
    )
    o = ex.add_argument_group("reporting")
    o.add_argument("-q", "--quiet", action="store_true", help="no progress bar, no summary")
    o.add_argument("--progress", action=argparse.BooleanOptionalAction, help="force the progress bar on or off")
    o.add_argument("--summary-json", metavar="PATH", help="write the run summary as JSON (- for stdout)")
    sh = sub.add_parser(
        "show",
        help="print a readable summary of a records file",
        description="Print what each record of a JSONL records file holds, one block per article.",
    )
    sh.add_argument("records", help="a JSONL file written by `berita-nlp extract` (or - for stdin)")
    sh.add_argument("-n", "--limit", type=int, default=None, help="show only the first N records")
    return ap


def _components(value: str | None) -> tuple[str, ...] | None:
    if not value:
        return None
    from .pipeline import COMPONENTS

    names = tuple(c if c.startswith("berita_") else f"berita_{c}" for c in value.replace(" ", "").split(",") if c)
    unknown = [c for c in names if c not in COMPONENTS]
    if unknown:
        raise ValueError(f"unknown component(s) {', '.join(unknown)}; known: {', '.join(COMPONENTS)}")
    return tuple(c for c in COMPONENTS if c in names)


def _show(path: str, limit: int | None) -> int:
    from .report import show

    try:
        if path == "-":
            show(sys.stdin, sys.stdout, limit)
        else:
            with open(path, encoding="utf-8") as f:
                show(f, sys.stdout, limit)
    except OSError as e:
        print(f"berita-nlp: error: cannot read {path}: {e.strerror or e}", file=sys.stderr)
        return 1
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    a = _parser().parse_args(argv)
    if a.cmd == "show":
        return _show(a.records, a.limit)
    from .batch import BatchError, RunOptions, run

    if a.jobs < 0 or a.batch_size < 1:
        print("berita-nlp: error: --jobs must be >= 0 and --batch-size >= 1", file=sys.stderr)
        return 2
    jobs = a.jobs or (os.cpu_count() or 1)
    try:
        components = _components(a.components)
    except ValueError as e:
        print(f"berita-nlp: error: {e}", file=sys.stderr)
        return 2
    opts = RunOptions(
        input=a.input[0] if len(a.input) == 1 else list(a.input),
        output=a.output,
        input_format=a.input_format,
        output_format=a.output_format,
        fields=Fields(
            id=a.id_field,
            text=a.text_field,
            published=a.published_field,
            title=a.title_field,
            url=a.url_field,
            published_format=a.published_format,
        ),
        components=components,
        jobs=jobs,
        batch_size=a.batch_size,
        scheduler=a.scheduler,
        overwrite=a.overwrite,
        progress=False if a.quiet else a.progress,
        checkpoint_seconds=a.checkpoint_seconds,
    )
    try:
        summary = run(opts)
    except (InputError, OutputError, BatchError) as e:
        print(f"berita-nlp: error: {e}", file=sys.stderr)
        return 1
    except OSError as e:  # disk full, a vanished mount: what is committed stays valid
        print(f"berita-nlp: error: {e}; fix it and run the same command again to continue", file=sys.stderr)
        return 1
    if not a.quiet:
        print(summary.line(), file=sys.stderr)
    if a.summary_json:
        data = json.dumps(summary.to_dict(), indent=1)
        if a.summary_json == "-":
            print(data)
        else:
            try:
                with open(a.summary_json, "w", encoding="utf-8") as f:
                    f.write(data + "\n")
            except OSError as e:
                print(f"berita-nlp: error: cannot write summary {a.summary_json}: {e.strerror or e}", file=sys.stderr)
                return 1
    return 130 if summary.interrupted else 0


if __name__ == "__main__":
    raise SystemExit(main())
