"""The compiled whitespace loop gives exactly the Doc spaCy's own loop gives.

`berita_nlp._tokenloop` replaces `Tokenizer._tokenize_affixes` for speed;
it is only correct if, for every text, tokens, trailing spaces and text
equal those of `Tokenizer.__call__` on the same tokenizer, on a cold cache
(new chunks go through spaCy's affix code) and on a warm one (chunks come
from the cache, hashed from the string buffer).
"""

from __future__ import annotations

import csv
import os

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.attrs import ORTH
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc

from berita_nlp import tokenizer as bt
from conftest import FIXTURES, shared_path

PURE = bool(os.environ.get(bt.PURE_ENV))


def _loop() -> bt._Loop:
    loop = bt.compiled_loop()
    if loop is None:
        if PURE:
            pytest.skip(f"{bt.PURE_ENV} is set: the pure-Python path is under test")
        pytest.fail(
            "berita_nlp._tokenloop was not built or does not match the running spaCy: "
            f"reinstall with a C++ compiler (pip install -e .), or set {bt.PURE_ENV}=1 to test the pure path"
        )
    return loop


def _shape(doc: Doc) -> tuple[str, list[tuple[str, str]]]:
    return doc.text, [(t.text, t.whitespace_) for t in doc]


def _same(text: str, tok: bt.BeritaTokenizer) -> None:
    """Compiled loop and spaCy's loop agree, including on raising."""
    loop = _loop()
    try:
        want = _shape(Tokenizer.__call__(tok, text))
    except bt._LongChunk:
        with pytest.raises(bt._LongChunk):
            loop(tok, text)
        return
    got = loop(tok, text)
    assert got is not None
    assert _shape(got) == want
    assert got.text == text


EDGE_CASES = [
    "",
    " ",
    "   ",
    "a",
    " a",
    "a ",
    "a  b",
    "  dua  spasi  di tepi  ",
    "\n",
    "baris\n\nbaru\t tab \r\n",
    "Senin (5/2/2024) pukul 10.00 WIB.",
    "“Kutipan” – tanda pisah…  dan ‘petik’ ",
    "Café à la mode naïve",
    "emoji 😀 di tengah 👍🏽 kalimat",
    "عربي mixed עברית text",
    "tanpa\u00a0spasi\u2003biasa\u200bnol",
    "\x00\x01 kendali \x1f",
    "x" * 256 + " batas",
    "é" * 200 + " non-ASCII panjang",
    "((((((((((",
    "Dr. Heriyandi Roni, K.Si. dan Yulia Dewita, S.T., MPPM., Ph.D.",
    "anak-anak bolak-balik e-KTP Jakarta-Bandung",
]


@pytest.mark.parametrize("text", EDGE_CASES)
def test_edge_cases_cold_and_warm(text: str) -> None:
    tok = bt.make_tokenizer(bt.blank().vocab)
    _same(text, tok)  # cold: every chunk is new
    _same(text, tok)  # warm: from the cache


def test_fixture_sentences() -> None:
    tok = bt.make_tokenizer(bt.blank().vocab)
    lines = (FIXTURES / "tokenizer_examples.tsv").read_text(encoding="utf-8").splitlines()
    texts = [line.split("\t")[0] for line in lines if line and not line.startswith("#")]
    assert len(texts) > 20
    for _ in range(2):
        for text in texts:
            _same(text, tok)


ALPHABET = st.sampled_from([*"aZ09 .,-/()“”–\n\t\u00a0éأ😀\x00", " ", "  ", "Dr.", "anak-anak", "5/2/24"])


@settings(max_examples=300, deadline=None)
@given(st.lists(ALPHABET, max_size=60).map("".join))
def test_generated_text(text: str) -> None:
    tok = bt.make_tokenizer(bt.blank().vocab)
    _same(text, tok)
    _same(text, tok)


def test_special_cases_fall_back_to_spacy() -> None:
    """A user-added special case must win: the loop steps aside."""
    nlp = bt.blank()
    tok = nlp.tokenizer
    tok.add_special_case("gotta", [{ORTH: "got"}, {ORTH: "ta"}])
    assert _loop()(tok, "gotta go") is None
    assert [t.text for t in nlp("gotta go")] == ["got", "ta", "go"]


def test_other_spacy_version_disables_the_loop(monkeypatch: pytest.MonkeyPatch) -> None:
    _loop()
    bt.compiled_loop.cache_clear()
    monkeypatch.setattr(spacy.about, "__version__", "0.0.0")
    try:
        assert bt.compiled_loop() is None
    finally:
        monkeypatch.undo()
        bt.compiled_loop.cache_clear()
    assert bt.compiled_loop() is not None


def test_pure_env_disables_the_loop(monkeypatch: pytest.MonkeyPatch) -> None:
    _loop()
    bt.compiled_loop.cache_clear()
    monkeypatch.setenv(bt.PURE_ENV, "1")
    try:
        assert bt.compiled_loop() is None
    finally:
        monkeypatch.undo()
        bt.compiled_loop.cache_clear()


@pytest.mark.slow
def test_real_corpus_cold_and_warm() -> None:
    path = shared_path("corpus", "detik-summ-1000", "data_berita.csv")
    with path.open(encoding="utf-8", newline="") as f:
        texts = [row["isi_berita"] for row in csv.DictReader(f)]
    tok = bt.make_tokenizer(bt.blank().vocab)
    for _ in range(2):
        for text in texts:
            _same(text, tok)
