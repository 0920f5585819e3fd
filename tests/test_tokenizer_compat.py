"""The berita tokenizer agrees with spacy.blank("id") on real articles,
except for the deliberate decisions listed in
tests/fixtures/tokenizer_compat_decisions.tsv.

Both tokenizations of a sample of the real corpus are aligned; every
stretch where the token boundaries differ must have ONE token on one side,
and a decision row for that side whose pattern fully matches that token.
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from pathlib import Path
from typing import NamedTuple

import pytest
from spacy.tokens import Doc

from conftest import shared_path

FIXTURES = Path(__file__).resolve().parent / "fixtures"
SAMPLE_EVERY = 5  # 200 of the 1,000 articles


class Decision(NamedTuple):
    name: str
    side: str
    pattern: re.Pattern[str]
    reason: str


def decisions() -> list[Decision]:
    out = []
    for line in (FIXTURES / "tokenizer_compat_decisions.tsv").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        name, side, pattern, reason = line.split("\t")
        out.append(Decision(name, side, re.compile(pattern), reason))
    return out


def aligned_differences(a: Doc, b: Doc) -> list[tuple[list[str], list[str]]]:
    """Stretches where the token boundaries of `a` and `b` differ (whitespace tokens ignored)."""
    ta = [(t.idx, t.idx + len(t.text), t.text) for t in a if not t.is_space]
    tb = [(t.idx, t.idx + len(t.text), t.text) for t in b if not t.is_space]
    i = j = 0
    out = []
    while i < len(ta) and j < len(tb):
        if ta[i][:2] == tb[j][:2]:
            i += 1
            j += 1
            continue
        ga, gb = [ta[i]], [tb[j]]
        i += 1
        j += 1
        while ga[-1][1] != gb[-1][1]:
            if ga[-1][1] < gb[-1][1]:
                ga.append(ta[i])
                i += 1
            else:
                gb.append(tb[j])
                j += 1
        out.append(([x[2] for x in ga], [x[2] for x in gb]))
    assert i == len(ta) and j == len(tb)
    return out


def explain(spacy_toks: list[str], ours: list[str], rows: list[Decision]) -> str | None:
    for d in rows:
        one, many = (ours, spacy_toks) if d.side == "ours" else (spacy_toks, ours)
        if len(one) == 1 and len(many) > 1 and d.pattern.fullmatch(one[0]):
            return d.name
    return None


@pytest.fixture(scope="module")
def corpus() -> list[str]:
    path = shared_path("corpus", "detik-summ-1000", "data_berita.csv")
    with path.open(encoding="utf-8", newline="") as f:
        texts = [row["isi_berita"] for row in csv.DictReader(f)]
    return texts[::SAMPLE_EVERY]


def test_decision_table_is_well_formed() -> None:
    rows = decisions()
    assert rows
    assert all(d.side in {"ours", "spacy"} and d.reason for d in rows)
    assert len({d.name for d in rows}) == len(rows)


def test_agrees_with_spacy_except_listed_decisions(corpus: list[str]) -> None:
    import spacy

    from berita_nlp.tokenizer import blank

    ref, ours = spacy.blank("id"), blank()
    rows = decisions()
    used: Counter[str] = Counter()
    unexplained = []
    n_tokens = 0
    for text in corpus:
        a, b = ref.make_doc(text), ours.make_doc(text)
        assert b.text == text
        n_tokens += len(a)
        for sa, sb in aligned_differences(a, b):
            name = explain(sa, sb, rows)
            if name is None:
                unexplained.append((" ".join(sa), " ".join(sb)))
            else:
                used[name] += 1
    assert not unexplained, f"unlisted differences (spaCy => ours): {unexplained[:20]}"
    # the decisions are exceptions, not the rule
    assert sum(used.values()) < 0.01 * n_tokens
