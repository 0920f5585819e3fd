"""Organization mentions against the ORG spans of idner-news-2k (../shared, skipped without it).

This is the measurement quoted in docs/organizations.md: sentences of the
CoNLL file (CRLF) are joined with single spaces, the places and
organizations components run on each, and every written form of every
organization is compared with the gold ORG spans, exactly and by overlap.
The set spans `Full Name (ACR)` as one name, so a name followed by its
bracketed acronym is also offered joined; a form nested in another form
counts once.  Run with `-s` to see the figures.
"""

from __future__ import annotations

import itertools
from pathlib import Path

from conftest import shared_path


def _sentences(path: Path) -> list[list[tuple[str, str]]]:
    raw = path.read_bytes().decode("utf-8").replace("\r\n", "\n")
    out = []
    for block in raw.split("\n\n"):
        toks = [ln.split(" ") for ln in block.split("\n") if ln.strip()]
        if toks:
            out.append([(t[0], t[-1]) for t in toks])
    return out


def _gold_spans(toks: list[tuple[str, str]]) -> tuple[str, list[tuple[int, int]]]:
    text = " ".join(w for w, _ in toks)
    spans: list[tuple[int, int]] = []
    cur: list[int] | None = None
    pos = 0
    for w, lab in toks:
        s, e = pos, pos + len(w)
        pos = e + 1
        if lab == "B-ORG" or (lab == "I-ORG" and cur is None):
            if cur:
                spans.append((cur[0], cur[1]))
            cur = [s, e]
        elif lab == "I-ORG" and cur is not None:
            cur[1] = e
        else:
            if cur:
                spans.append((cur[0], cur[1]))
            cur = None
    if cur:
        spans.append((cur[0], cur[1]))
    return text, spans


def measure(path: Path) -> dict[str, float]:
    from berita_nlp.pipeline import load, prepare_doc

    nlp = load(["berita_places", "berita_organizations"])
    tp = fp = fn = otp = ofp = ofn = 0
    for toks in _sentences(path):
        text, gold = _gold_spans(toks)
        doc = nlp(prepare_doc(nlp, text))
        found: set[tuple[int, int]] = set()
        for o in doc._.record.organizations:
            ms = sorted((m.start, m.end) for m in o.mentions)
            for a, b in itertools.pairwise(ms):
                if text[a[1]:b[0]] == " (" and text[b[1]:b[1] + 2] == " )":
                    found.add((a[0], b[1] + 2))
            found.update(ms)
        sysm = [m for m in found if not any(o != m and o[0] <= m[0] and m[1] <= o[1] for o in found)]
        gs, ss = set(gold), set(sysm)
        tp += len(gs & ss)
        fp += len(ss - gs)
        fn += len(gs - ss)
        used: set[tuple[int, int]] = set()
        for g in gold:
            hit = next((m for m in sysm if m not in used and m[0] < g[1] and g[0] < m[1]), None)
            if hit is None:
                ofn += 1
            else:
                used.add(hit)
                otp += 1
        ofp += len(sysm) - len(used)

    def prf(a: int, b: int, c: int) -> tuple[float, float, float]:
        p = a / (a + b) if a + b else 0.0
        r = a / (a + c) if a + c else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    p, r, f = prf(tp, fp, fn)
    op, orr, of = prf(otp, ofp, ofn)
    return {"exact_p": p, "exact_r": r, "exact_f1": f, "overlap_p": op, "overlap_r": orr, "overlap_f1": of}


def test_idner_test_split_org_spans() -> None:
    figures = measure(shared_path("corpus", "idner-news-2k", "test.txt"))
    print("idner-news-2k test ORG:", {k: round(v, 3) for k, v in figures.items()})
    assert figures["overlap_f1"] >= 0.85
    assert figures["exact_f1"] >= 0.70
