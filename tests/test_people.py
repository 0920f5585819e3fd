"""berita_people: the example table (data), credits, robustness, the seed article, the dev set."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from berita_nlp import people as people_mod
from berita_nlp.people import extract_people, find_people, lexicon, split_degrees
from berita_nlp.records import Person, Zone
from berita_nlp.state import ZoneMap
from conftest import shared_path

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def _fold(s: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", s.casefold()).split())


def _fold_degree(s: str) -> str:
    return re.sub(r"[\W_]", "", s.casefold())


def _rows() -> list[dict[str, Any]]:
    lines = (FIXTURES / "people_examples.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(x) for x in lines if x.strip()]


ROWS = _rows()


def test_table_covers_positive_and_negative() -> None:
    assert len(ROWS) >= 40
    assert sum(1 for r in ROWS if not r["people"]) >= 6
    patterns = " ".join(r["pattern"] for r in ROWS)
    for needed in (
        "title before name",
        "appositive",
        "name then title",
        "long chain",
        "sentence-final",
        "without dots",
        "drg",
        "ungkap",
        "kata",
        "jelas",
        "ujar",
        "without titles",
        "Balinese",
        "surname",
        "bare title",
        "negative",
    ):
        assert needed in patterns, needed


def _by_name(people: list[Person]) -> dict[str, Person]:
    return {_fold(p.name): p for p in people}


@pytest.mark.parametrize("row", ROWS, ids=[f"{i}-{r['pattern']}" for i, r in enumerate(ROWS)])
def test_examples(row: dict[str, Any]) -> None:
    text = row["text"]
    found = _by_name(extract_people(text))
    if not row["people"]:
        assert not found, f"expected nobody, got {list(found)}"
    for want in row["people"]:
        key = _fold(want["name"])
        assert key in found, f"{want['name']!r} not in {list(found)}"
        p = found[key]
        if "titles" in want:
            assert {_fold(t) for t in want["titles"]} == {_fold(t) for t in p.titles}
        if "degrees" in want:
            assert [_fold_degree(d) for d in want["degrees"]] == [_fold_degree(d) for d in p.degrees]
        if "honorifics" in want:
            assert [_fold_degree(h) for h in want["honorifics"]] == [_fold_degree(h) for h in p.honorifics]
        if "ranks" in want:
            assert [_fold(r) for r in want["ranks"]] == [_fold(r) for r in p.ranks]
        if "mentions" in want:
            assert len(p.mentions) >= want["mentions"]
        if "code" in want:
            assert want["code"] in {pos.code for pos in p.positions}
        for m in p.mentions:
            assert text[m.start : m.end] == m.text
    for name in row.get("absent", []):
        assert _fold(name) not in found


def test_positions_are_structured() -> None:
    (p,) = extract_people("Pj Gubernur Jawa Barat Sutisna Wiryawan membuka rapat.")
    (pos,) = p.positions
    assert (pos.text, pos.modifier, pos.role, pos.unit, pos.code) == (
        "Pj Gubernur Jawa Barat",
        "Pj",
        "Gubernur",
        "Jawa Barat",
        "32",
    )


def test_credit_zone_is_not_a_person() -> None:
    text = '"Harga naik," kata Sulastri di pasar.\n\nPewarta: Bonifasius Rahardjo\nEditor: Dian'
    cut = text.index("Pewarta")
    zones = ZoneMap([Zone("body", 0, cut), Zone("credit", cut, len(text))], len(text))
    names = {p.name for p in find_people(text, zones)}
    assert names == {"Sulastri"}


def test_bare_given_name_not_read_in_headline() -> None:
    """The headline's Title Case capitalises every word: a given name there opens no bare name."""
    text = "Agus Santika, Sosok di Balik Festival\n\nFestival itu ramai dikunjungi warga."
    cut = text.index("\n")
    zones = ZoneMap([Zone("title", 0, cut), Zone("body", cut, len(text))], len(text))
    assert find_people(text, zones) == []
    assert {p.name for p in find_people(text)} == {"Agus Santika"}


def test_split_degrees() -> None:
    lex = lexicon()
    assert split_degrees(lex, "SE.MM") == ["SE.", "MM"]
    assert split_degrees(lex, "S.Sos.") == ["S.Sos."]
    assert split_degrees(lex, "Ari") is None
    assert split_degrees(lex, "Ia") is None


_PIECES = [
    *"AaBbIiHhDdSsMm .,:;()-\n\"'",
    *("Bupati ", "kata ", "Dr. ", "S.T.", "I Made ", "dan ", "Budi ", "Pj ", "Patrick ", "dkk "),
]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=120).map("".join))
def test_never_raises_and_offsets_hold(text: str) -> None:
    for p in extract_people(text):
        for m in p.mentions:
            assert text[m.start : m.end] == m.text


# the plain backward regexes the fast readers in people.py must agree with
_REF_LOWPRE = re.compile(r"(?<![\w'’\-.])([a-z]+\.?)[ \t\xa0]+$")
_REF_TAILNAME = re.compile(
    r"(?<![\w'’\-.])[A-Z][\w'’\-.]*(?:[ \t\xa0]+[A-Z][\w'’\-.]*){0,5}"
    r"[ \t\xa0]*,?[ \t\xa0]*(?:(?:juga|pun|lalu|kemudian|sempat|telah|sudah|pun)[ \t\xa0]+)?$"
)
_REF_NAME_END = re.compile(r"(?<![\w'’\-.])[A-Z][\w'’\-.]*(?:[ \t\xa0]+[A-Z][\w'’\-.]*){0,5}[ \t\xa0]*$")
_BACK_PIECES = [
    *"aAzZéÉ .,-'’_\t\n\xa0",
    *("wakil ", "mantan ", "Ketua ", "dr. ", "Budi", "juga ", "Juga ", "kemudian ", "sudah ", ", ", "1", "x"),
    *("kata ", "ujarnya "),
]


def _ref_run_start(text: str, s: int) -> int:
    """Where people._run_span starts a run, computed with the plain regex."""
    kinds = lexicon().kinds
    for _ in range(3):
        if s < 2 or not text[s - 2].islower():
            break
        lm = _REF_LOWPRE.search(text, max(0, s - 24), s)
        if not lm or not kinds.get(lm.group(1).replace(".", "").lower(), frozenset()) & {"role", "modifier", "degb"}:
            break
        s = lm.start(1)
    return s


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_BACK_PIECES), max_size=40).map("".join))
def test_backward_readers_agree_with_plain_regexes(head: str) -> None:
    text = head + "Bupati Sleman"
    s = len(head)
    span = people_mod._run_span(lexicon(), text, s)
    if span is not None:
        assert span[0] == _ref_run_start(text, s)
    for a in range(len(text) + 1):
        lo = max(0, a - 80)
        ref = _REF_TAILNAME.search(text, lo, a)
        assert people_mod._cap_before(text, a) == (ref.start() if ref else None)
        spoken = lexicon().before_re.search(text, max(0, a - 16), a)
        assert people_mod._spoken(lexicon(), text, a) == (spoken is not None)
        got = people_mod._NAME_END.search(text, lo, a)
        ref2 = _REF_NAME_END.search(text, lo, a)
        assert (got.start() if got else None) == (ref2.start() if ref2 else None)


def test_pathological_input_finishes() -> None:
    for text in ("," * 200_000, " " * 200_000, "Bupati " * 20_000, "A. " * 50_000, "kata " * 30_000):
        extract_people(text)
    # the author-line, initials and surname passes: many candidates in one long text
    for text in (
        "Budi Santoso.Dosen\n" * 5_000,
        "tersangka Budi Santoso (BS), " * 4_000,
        "Harry Brown datang. kata Brown. " * 4_000,
        "Rudi Hartanto, analis " * 4_000,
    ):
        extract_people(text)
    # runs read across full stops (`Dr. H. Budi`) are bounded: short capitalised
    # sentences, enumerated units, firm names and glued list numbers
    for text in (
        "Menteri Koordinator Budi Antoni. " * 4_000,
        "Kepala Dinas Pendidikan, Informasi, dan Olahraga Budi Santoso. " * 2_000,
        "Kepala Dinas" + ", Informasi" * 20_000 + " dan Olahraga Budi Santoso.",
        "Direktur PT " + "Amanat " * 20_000,
        "Menteri Kehutanan Raja Juli Antoni5. " * 4_000,
        "lapangan I Wayan Sukerta, " * 4_000,
    ):
        extract_people(text)
    # bare names opened by a given name, one candidate per name in a long text
    for text in (
        "dan Agus Salim, " * 5_000,
        "terkait Patrick Vermeer dkk. " * 4_000,
        "Agus Budi " * 20_000,
    ):
        extract_people(text)


def test_seed_article(nlp) -> None:  # type: ignore[no-untyped-def]
    d = shared_path("seeds")
    text = next(d.glob("000_*.txt")).read_text(encoding="utf-8")
    rec = nlp(text)._.record
    people = {p.name: p for p in rec.people}
    assert "Erwan" not in people  # the reporter credit (zones mark it; people rely on allows())
    assert people["Bey Triadi Machmudin"].titles == ("Pj Gubernur Jawa Barat",)
    h = people["Heriyandi Roni"]
    assert h.titles == ("Pj Bupati Bengkulu Tengah",)
    assert [_fold_degree(x) for x in h.degrees] == ["dr", "ksi"]
    y = people["Yulia Dewita"]
    assert y.titles == ("Kepala Biro Pemerintahan dan Otonomi Daerah",)
    assert [_fold_degree(x) for x in y.degrees] == ["st", "mppm", "phd"]
    assert len(people["Bey Triadi Machmudin"].mentions) >= 3


def test_dev_set_scores(nlp) -> None:  # type: ignore[no-untyped-def]
    lines = shared_path("eval", "dev.jsonl").read_text(encoding="utf-8").splitlines()
    gold = [json.loads(x) for x in lines if x.strip()]
    tp = fp = fn = 0
    for g in gold:
        sys_names = {_fold(p.name) for p in nlp(g["text"])._.record.people}
        gold_names = {_fold(p["name"]) for p in g.get("people") or []}
        tp += len(sys_names & gold_names)
        fp += len(sys_names - gold_names)
        fn += len(gold_names - sys_names)
    f1 = 2 * tp / (2 * tp + fp + fn)
    assert f1 >= 0.85, f1


@pytest.mark.parametrize(
    ("text", "person", "not_place"),
    [
        ("Bima Arya menyampaikan bahwa program itu berjalan baik.", "Bima Arya", "Bima"),
        ("Menurut I Made Gianyar, panen tahun ini berhasil.", "I Made Gianyar", "Gianyar"),
        ("Kepala Dinas Kesehatan Made Gianyar Putra, S.Ked., menjelaskan hal itu.", "Made Gianyar Putra", "Gianyar"),
    ],
)
def test_region_inside_a_name_is_not_a_place(text: str, person: str, not_place: str) -> None:
    import berita_nlp

    rec = berita_nlp.extract(text)
    assert person in {p.name for p in rec.people}
    assert not_place not in {p.name for p in rec.places}


def test_region_named_outside_the_name_stays_a_place() -> None:
    import berita_nlp

    rec = berita_nlp.extract("Menurut I Made Gianyar, panen di Kabupaten Gianyar tahun ini berhasil.")
    assert "Gianyar" in {p.name for p in rec.places}


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Bupati Bandung Dadang Wiguna hadir.", "32.04"),
        ("Wali Kota Bandung Budi Hartono hadir.", "32.73"),
        ("Wakil Bupati Bogor Asep Saepudin hadir.", "32.01"),
        ("Camat Jonggol Andi Suhendar hadir.", "32.01.06"),
        ("Gubernur Jawa Barat Rahmat Hidayat hadir.", "32"),
    ],
)
def test_position_code_follows_the_role_level(text: str, code: str) -> None:
    """A Bupati heads a kabupaten, a Wali Kota a kota: same-named regions of
    another level are not the unit."""
    import berita_nlp

    (person,) = berita_nlp.extract(text).people
    assert [p.code for p in person.positions] == [code]


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, 60), st.integers(1, 20)), min_size=1, max_size=40),
    st.integers(0, 80),
    st.integers(1, 20),
)
def test_held_spans_bisection_matches_the_plain_loop(raw: list[tuple[int, int]], a: int, ln: int) -> None:
    spans = [(x, x + n) for x, n in raw]
    held = people_mod._HeldSpans(spans)
    assert held.inside(a, a + ln) == people_mod._inside(spans, a, a + ln)
    assert held.covered(a) == people_mod._covered(spans, a)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="abcXYZ 5-.,é", max_size=40), st.sampled_from(["ab", "abc", "c", "ca"]))
def test_lower_words_is_a_whole_word_search(text: str, w: str) -> None:
    n = len(text)
    want = any(
        text.startswith(w, i)
        and (i == 0 or not text[i - 1].isalpha())
        and (i + len(w) >= n or not text[i + len(w)].isalpha())
        for i in range(n)
    )
    assert people_mod._lower_in(text, w) == want
