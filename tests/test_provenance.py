"""The project quotes no third-party article text.

The articles in `../shared` are third-party news: the project may learn
patterns from them but must write its own examples.  Rules and fixtures are
written while reading those articles, so a sentence can slip in unnoticed;
this test catches it.  It reads every text of `../shared` (the detik corpus,
the dev inputs, the seed, the NER sets), and looks for runs of
`RUN` words in the project's own files (source, data, tests, docs, bench,
README) that also occur there.

Facts are not quotes: a long official name (`Badan Pengawas Obat dan
Makanan`) or a list of names is written the same way by everybody.  So a
shared run only counts when at least `PROSE` of its words are written in
lower case or digits in the project file, i.e. when it is running prose.
Skips cleanly when `../shared` is absent.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path

import regex

from conftest import shared_path

RUN = 8
PROSE = 3
ROOT = Path(__file__).resolve().parent.parent
WORD = regex.compile(r"\w+")
OWN = ("src", "tests", "docs", "bench", "README.md")
SKIP_SUFFIXES = (".pyc", ".so", ".c", ".html", ".cpp")


def _runs(words: list[str]) -> Iterator[tuple[int, str]]:
    for i in range(len(words) - RUN + 1):
        yield i, " ".join(words[i : i + RUN])


def _shared_texts(shared: Path) -> Iterator[str]:
    corpus = shared / "corpus" / "detik-summ-1000" / "data_berita.csv"
    if corpus.exists():
        with corpus.open(encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f):
                yield row.get("isi_berita") or ""
    dev = shared / "eval" / "dev-input.jsonl"
    if dev.exists():
        with dev.open(encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    yield json.loads(line).get("text") or ""
    seeds = shared / "seeds"
    if seeds.is_dir():
        for p in sorted(seeds.iterdir()):
            if p.is_file():
                yield p.read_text(encoding="utf-8", errors="replace")
    # CoNLL-style NER sets: one token per line, a blank line between sentences
    for p in sorted((shared / "corpus").glob("**/*.txt")):
        words: list[str] = []
        with p.open(encoding="utf-8", errors="replace") as f:
            for line in f:
                parts = line.split()
                if parts:
                    words.append(parts[0])
                elif words:
                    yield " ".join(words)
                    words = []
        if words:
            yield " ".join(words)


def _own_files() -> Iterator[Path]:
    for name in OWN:
        p = ROOT / name
        if p.is_file():
            yield p
        elif p.is_dir():
            for f in sorted(p.rglob("*")):
                if f.is_file() and "__pycache__" not in f.parts and not f.name.endswith(SKIP_SUFFIXES):
                    yield f


def _prose(words: list[str]) -> bool:
    return sum(1 for w in words if not w[:1].isupper()) >= PROSE


def test_no_article_text_is_quoted() -> None:
    shared = shared_path("corpus").parent
    seen: set[int] = set()
    for text in _shared_texts(shared):
        words = [w.lower() for w in WORD.findall(text)]
        seen.update(hash(r) for _, r in _runs(words))
    found: list[str] = []
    for f in _own_files():
        if f.resolve() == Path(__file__).resolve():
            continue
        try:
            text = f.read_text(encoding="utf-8")
        except (UnicodeDecodeError, OSError):
            continue
        raw = WORD.findall(text)
        low = [w.lower() for w in raw]
        i = 0
        while i < len(low) - RUN + 1:
            run = " ".join(low[i : i + RUN])
            if hash(run) in seen and _prose(raw[i : i + RUN]):
                found.append(f"{f.relative_to(ROOT)}: {' '.join(raw[i : i + RUN])}")
                i += RUN
            else:
                i += 1
    assert not found, "runs of words quoted from ../shared articles:\n" + "\n".join(found)
