"""Silver recall of officials on UNSEEN articles (detik-summ-1000 `entity` column).

    .venv/bin/python bench/silver_officials.py [--limit N] [--misses N] [--partials N] [--extra N] [--seed S] [--json]

Why: the dev gold (72 articles) was used to write the people rules, so its
figures overstate quality.  The detik corpus (`../shared/corpus/detik-summ-1000`)
carries, per article, hand-written stakeholder strings written with their
titles (`Menteri Dalam Negeri Tito Karnavian`).  This script runs
`berita_nlp.extract()` over every corpus article whose id is NOT in the dev
set (`../shared/eval/dev-input.jsonl`, ids `detik-N`) and measures, per
silver category (government, industry, society, experts, other):

- name recall: the share of person-looking silver strings for which the
  article's record holds a person whose name matches the silver name part.
  `strict`: the same words (case, spacing, dots, degrees ignored);
  `loose`: one name's words are a contiguous part of the other's
  (`Prabowo` vs `Prabowo Subianto`: nicknames and short forms).
- title agreement: over silver strings with title words that were found
  (loose), the mean share of the silver title words present among the words
  of the person's titles (`title_words`), and the share with all of them
  (`title_all`).

Which silver strings count as people (a documented heuristic, not a truth):
the bracketed part is dropped (`Rini (Penulis Buku)`), degrees after a comma
are dropped, then the *name part* is the longest tail of capitalised words
that are not office, unit, rank, honorific, degree or stop words of the
people tables, not words of a place the pipeline found in the article (the
region of `Bupati Bogor`) and not in the small org-word list below; what
precedes it is the *title part*.  A string counts only when the name part is non-empty,
does not follow an org word (`PT X`, `Universitas X`), has two words or
more when no title precedes it (`Tesla`, `Arsenal` are brands), is
written in the article text with its capitals (so the silver is grounded
in the text; generic labels like `Penerima Manfaat` are lowercase there),
is not only ever written inside a place or organization the pipeline
found, and holds no org word
(`PT`, `Bank`, `Istana` ...).

Limits: silver labels are neither exhaustive nor offset-aligned, so there is
no precision here (use `--extra N` to print N people found that match no
silver string and judge them by hand); the heuristic uses the project's own
vocabulary to split title from name, so a title word missing from the tables
shows up as a strict-name miss (the window printed by `--misses` shows it).
`--misses N` prints N random misses (seeded) with a short text window,
`--partials N` N silver names matched only loosely, beside the name found.
The selection of silver strings uses the people tables, so it moves a
little when they change; to compare two versions on the same strings, run
one with `--dump-silver FILE` and the other with `--silver FILE`.
Runs in about 10 s on the 928 unseen articles.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import re
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus" / "detik-summ-1000" / "data_berita.csv"
DEV_INPUT = SHARED / "eval" / "dev-input.jsonl"

# words that make a silver string an organisation or a group, never a person
_ORG_TEXT = """pt tbk bank istana kantor tim komisi badan universitas partai fraksi dewan kementerian kemenko
    lembaga pemerintah pemkab pemprov pemkot polri tni polda polres polresta polsek kejaksaan kejari kejati
    pengadilan mahkamah dinas satgas sektor pihak warga masyarakat koperasi perum persero yayasan asosiasi
    himpunan ikatan forum serikat gabungan rumah sakit rs rsud sekolah sma smp sd smk pesantren desa
    kelurahan kecamatan kabupaten kota provinsi dprd dpr dpd mpr kpk bpk ojk bi bps bumn bumd group grup
    company inc ltd corp holding media news detik detikcom university universitas institut institute
    foundation alliance sekuritas capital invest investama securities reports fc united club stadium
    lapas rutan brimob ditjen kabinet keraton kawedanan satuan direktorat biro bagian unit markas"""
ORG_WORDS = frozenset(_ORG_TEXT.split())
_LOW_KEEP = frozenset({"bin", "binti", "van", "von", "de", "da", "al", "el", "der", "den"})
_TOKEN = re.compile(r"[^\s]+")


def _norm_word(w: str) -> str:
    return re.sub(r"[^\w]", "", w.casefold())


def _norm_words(s: str) -> list[str]:
    return [x for x in (_norm_word(w) for w in s.split()) if x]


def split_silver(s: str, lex: Any, deg: Any, place_words: frozenset[str] = frozenset()) -> tuple[list[str], list[str]]:
    """(title words, name words) of a silver string; name words empty when none.

    `place_words`: the words of the places the pipeline found in the article,
    so a title's region (`Bupati Luwu Utara`) is not read as part of the name.
    """
    s = re.sub(r"\([^)]*\)", " ", s)
    s = s.split(",")[0]  # `Budi, S.H.`: degrees after a comma
    words = s.split()
    # trailing degrees written without a comma
    while words and deg(words[-1]):
        words.pop()
    name: list[str] = []
    i = len(words)
    while i > 0:
        w = words[i - 1]
        core = w.strip(".'’\"")
        k = core.replace(".", "").lower()
        kinds = lex.kinds.get(k, frozenset())
        if not core:
            break
        if core.lower() in _LOW_KEEP and name:
            name.insert(0, w)
            i -= 1
            continue
        if not core[0].isupper() or k in ORG_WORDS:
            break
        if kinds & {"role", "modifier", "unit", "rank", "honorific", "degb", "stop", "address", "descriptor"} and not (
            kinds & {"given", "bali", "bali2"}
        ):
            break
        if core.isupper() and len(core) > 2:
            break  # an acronym: an office (`KPK`), not a name
        if k in place_words and not kinds & {"given", "bali", "bali2"}:
            break  # `Bupati Bogor Rudy Susmanto`: the region belongs to the title
        name.insert(0, w)
        i -= 1
    # honorifics/degrees just before the name are not title words
    title = words[:i]
    if title and (_norm_word(title[-1]) in ORG_WORDS or _norm_word(title[0]) in ORG_WORDS):
        return title, []  # `Universitas Diponegoro`, `PT Indobuildco`: the org's own name
    if not title and len(name) < 2:
        return title, []  # `Tesla`, `Arsenal`: a bare single word is too often a brand
    while title:
        k = title[-1].strip(".").replace(".", "").lower()
        kinds = lex.kinds.get(k, frozenset())
        if kinds & {"honorific", "degb", "rank", "address", "corps"} or deg(title[-1]):
            title.pop()
            continue
        break
    return title, [w.strip(".,'’\"") for w in name if w.strip(".,'’\"")]


def _contig(short: list[str], long: list[str]) -> bool:
    n = len(short)
    return n > 0 and any(long[i : i + n] == short for i in range(len(long) - n + 1))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, default=1000, help="corpus rows to read")
    ap.add_argument("--misses", type=int, default=0, help="print N random misses with a text window")
    ap.add_argument("--partials", type=int, default=0, help="print N random loose-only matches (name differs)")
    ap.add_argument("--extra", type=int, default=0, help="print N random found people matching no silver string")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--category", action="append", help="print misses of these silver categories only")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    ap.add_argument("--dump-silver", type=Path, help="write the silver strings counted (JSONL)")
    ap.add_argument("--silver", type=Path, help="count exactly these silver strings (a --dump-silver file)")
    a = ap.parse_args()
    if not CORPUS.exists():
        print(f"no corpus at {CORPUS}", file=sys.stderr)
        return 2
    sys.path.insert(0, str(ROOT / "src"))
    from berita_nlp import extract_many
    from berita_nlp.people import lexicon, split_degrees

    lex = lexicon()

    def deg(w: str) -> bool:
        w = w.strip(",")
        return bool(w) and w[0].isupper() and split_degrees(lex, w) is not None

    dev_ids: set[str] = set()
    if DEV_INPUT.exists():
        for line in DEV_INPUT.read_text(encoding="utf-8").splitlines():
            if line.strip():
                rid = str(json.loads(line)["id"])
                if rid.startswith("detik-"):
                    dev_ids.add(rid.removeprefix("detik-"))
    csv.field_size_limit(1 << 26)
    with CORPUS.open(encoding="utf-8", newline="") as f:
        rows = [r for r in csv.DictReader(f)][: a.limit]
    rows = [r for r in rows if r["id"] not in dev_ids]
    items = [{"id": r["id"], "text": r["isi_berita"] or ""} for r in rows]
    recs = list(extract_many(items))

    fixed: dict[tuple[str, str, str], tuple[list[str], list[str]]] | None = None
    if a.silver is not None:
        fixed = {}
        for line in a.silver.read_text(encoding="utf-8").splitlines():
            if line.strip():
                k = json.loads(line)
                fixed[(k["id"], k["cat"], k["silver"])] = (k["title"], k["name"])
    kept: list[dict[str, Any]] = []
    stats: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    misses: list[tuple[str, str, str, str]] = []
    partials: list[tuple[str, str, str, str]] = []
    extras: list[tuple[str, str, str, str]] = []
    for r, rec in zip(rows, recs, strict=True):
        text = r["isi_berita"] or ""
        try:
            ent = json.loads(r["entity"] or "{}")
        except json.JSONDecodeError:
            continue
        d = rec.to_dict()
        people = d.get("people", [])
        pnames = [_norm_words(p["name"]) for p in people]
        other = {" ".join(_norm_words(pl["name"])) for pl in d.get("places", [])}
        for o in d.get("organizations", []):
            other.add(" ".join(_norm_words(o["name"])))
            other.update(" ".join(_norm_words(x)) for x in o.get("aliases", []))
        place_words = frozenset(w.lower() for pl in d.get("places", []) for w in pl["name"].split())
        named = d.get("organizations", []) + d.get("places", [])
        inside = [(m["start"], m["end"]) for it in named for m in it.get("mentions", [])]
        used: set[int] = set()
        for cat, strings in ent.items():
            if not isinstance(strings, list):
                continue
            for s in strings:
                if not isinstance(s, str):
                    continue
                if fixed is not None:
                    got = fixed.get((r["id"], cat, s))
                    if got is None:
                        continue
                    title, name = got
                else:
                    title, name = split_silver(s, lex, deg, place_words)
                    if not name:
                        continue
                    occ = list(re.finditer(r"(?<!\w)" + r"\s+".join(map(re.escape, name)) + r"(?!\w)", text))
                    if not occ or all(any(x <= o.start() and o.end() <= y for x, y in inside) for o in occ):
                        continue  # not written in the text, or only ever inside an org or place name
                nw = _norm_words(" ".join(name))
                if not nw or (fixed is None and (" ".join(nw) in other or any(w in ORG_WORDS for w in nw))):
                    continue
                kept.append({"id": r["id"], "cat": cat, "silver": s, "title": title, "name": name})
                st = stats[cat]
                st["n"] += 1
                strict = [i for i, pn in enumerate(pnames) if pn == nw]
                loose = strict or [i for i, pn in enumerate(pnames) if _contig(pn, nw) or _contig(nw, pn)]
                st["strict"] += bool(strict)
                st["loose"] += bool(loose)
                used.update(loose)
                if not loose:
                    misses.append((r["id"], cat, s, _window(text, name)))
                elif not strict:
                    partials.append((r["id"], cat, s, people[loose[0]]["name"]))
                tw = [_norm_word(w) for w in title if w[:1].isupper() or _norm_word(w) not in ("dan", "di", "ri")]
                tw = [w for w in tw if w]
                if tw and loose:
                    p = people[loose[0]]
                    have = {w for t in p["titles"] for w in _norm_words(t)}
                    got = sum(1 for w in tw if w in have)
                    st["tn"] += 1
                    st["twords"] += got / len(tw)
                    st["tall"] += got == len(tw)
                elif tw:
                    st["tmissing_person"] += 1
        for i, p in enumerate(people):
            if i not in used:
                m = p["mentions"][0] if p.get("mentions") else {"start": p.get("start") or 0, "end": p.get("end") or 0}
                lo, hi = max(0, m["start"] - 70), min(len(text), m["end"] + 50)
                win = text[lo:hi].replace("\n", " ")
                extras.append((r["id"], p["name"], "; ".join(p["titles"]), win))

    if a.dump_silver is not None:
        with a.dump_silver.open("w", encoding="utf-8") as f:
            for k in kept:
                f.write(json.dumps(k, ensure_ascii=False) + "\n")
    tot: dict[str, float] = defaultdict(float)
    out: dict[str, Any] = {"articles": len(rows)}
    for cat in sorted(stats, key=lambda c: -stats[c]["n"]):
        st = stats[cat]
        for k, v in st.items():
            tot[k] += v
        out[cat] = _figs(st)
    out["all"] = _figs(tot)
    if a.json:
        print(json.dumps(out, indent=1))
    else:
        print(f"unseen articles: {len(rows)} (dev ids excluded: {len(dev_ids)})")
        for cat, f in out.items():
            if cat == "articles":
                continue
            print(
                f"{cat:11s} n {f['n']:4d}  name strict {f['strict']:.3f}  loose {f['loose']:.3f}   "
                f"title n {f['tn']:4d}  words {f['title_words']:.3f}  all {f['title_all']:.3f}"
            )
        print(f"people found matching no silver string: {len(extras)}")
    rnd = random.Random(a.seed)
    if a.category:
        misses = [m for m in misses if m[1] in a.category]
    for mid, cat, s, win in rnd.sample(misses, min(a.misses, len(misses))):
        print(f"MISS {mid} [{cat}] {s!r}\n    …{win}…")
    for mid, cat, s, got in rnd.sample(partials, min(a.partials, len(partials))):
        print(f"PARTIAL {mid} [{cat}] {s!r} -> found {got!r}")
    for mid, name, titles, win in rnd.sample(extras, min(a.extra, len(extras))):
        print(f"EXTRA {mid} {name!r} [{titles}]\n    …{win}…")
    return 0


def _figs(st: dict[str, float]) -> dict[str, Any]:
    n, tn = st.get("n", 0), st.get("tn", 0)
    return {
        "n": int(n),
        "strict": st.get("strict", 0) / n if n else 0.0,
        "loose": st.get("loose", 0) / n if n else 0.0,
        "tn": int(tn),
        "title_words": st.get("twords", 0) / tn if tn else 0.0,
        "title_all": st.get("tall", 0) / tn if tn else 0.0,
    }


def _window(text: str, name: list[str]) -> str:
    m = re.search(r"\s+".join(map(re.escape, name)), text)
    if not m:
        return ""
    lo, hi = max(0, m.start() - 80), min(len(text), m.end() + 60)
    return text[lo:hi].replace("\n", " ")


if __name__ == "__main__":
    raise SystemExit(main())
