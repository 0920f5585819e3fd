"""Read the package's data tables (`src/berita_nlp/data/`).

Linguistic knowledge lives in data files, not code; every component reads
its tables through these three functions so the file conventions are the
same everywhere: UTF-8, `#` starts a comment line, blank lines are skipped,
TSV cells are tab-separated.  Callers cache what they build from the
tables (`functools.lru_cache`), so each file is read once per process.
"""

from __future__ import annotations

import json
from importlib import resources
from typing import Any


def read_text(name: str) -> str:
    """The text of data file `name` (a path under `berita_nlp/data/`)."""
    return resources.files("berita_nlp").joinpath("data", name).read_text(encoding="utf-8")


def tsv_rows(name: str, *, strip: bool = False) -> list[list[str]]:
    """Rows of a TSV table, without comment and blank lines.

    `strip` trims spaces around every cell (for hand-edited tables whose
    cells may carry stray spaces).
    """
    rows = []
    for line in read_text(name).splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        rows.append([c.strip() for c in cells] if strip else cells)
    return rows


def json_file(name: str) -> Any:
    """The parsed content of a JSON data file."""
    return json.loads(read_text(name))
