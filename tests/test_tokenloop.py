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
import spacy.vocab
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
    got = loop(tok, text, bt.plain_words(tok))
    assert got is not None
    assert _shape(got) == want
    assert got.text == text


def _same_cold(texts: list[str]) -> None:
    """The loop on a fresh tokenizer (every chunk new: the plain-word path and
    spaCy's affix code) against spaCy's loop on another fresh one, text after
    text: same tokens, same vocabulary strings in the same order."""
    loop = _loop()
    ours, ref = bt.blank().tokenizer, bt.blank().tokenizer
    assert bt.plain_words(ours)
    for text in texts:
        try:
            want = _shape(Tokenizer.__call__(ref, text))
        except bt._LongChunk:
            continue
        got = loop(ours, text, True)
        assert got is not None
        assert _shape(got) == want, text
    assert list(ours.vocab.strings) == list(ref.vocab.strings)


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


def test_edge_cases_cold() -> None:
    _same_cold(EDGE_CASES)


def test_plain_words_off_when_a_rule_is_replaced() -> None:
    import re

    tok = bt.blank().tokenizer
    assert bt.plain_words(tok)
    tok.suffix_search = re.compile(r"a$").search
    assert not bt.plain_words(tok)
    got = _loop()(tok, "kata bola", bt.plain_words(tok))
    assert got is not None and [t.text for t in got] == ["kat", "a", "bol", "a"]


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
    _same_cold(texts)


ALPHABET = st.sampled_from([*"aZ09 .,-/()“”–\n\t\u00a0éأ😀\x00", " ", "  ", "Dr.", "anak-anak", "5/2/24"])


@settings(max_examples=300, deadline=None)
@given(st.lists(ALPHABET, max_size=60).map("".join))
def test_generated_text(text: str) -> None:
    tok = bt.make_tokenizer(bt.blank().vocab)
    _same(text, tok)
    _same(text, tok)


PLAIN_ALPHABET = st.sampled_from(
    ["Rp", "USD", "Dr", "dr", "No", "kata", "A", "z", "Bupati", "IDR", "US", " ", "-", "."]
)


@settings(max_examples=200, deadline=None)
@given(st.lists(PLAIN_ALPHABET, max_size=30).map("".join))
def test_generated_plain_words_cold(text: str) -> None:
    """Letter chunks that open with a prefix rule (`Rp`, `USD`) or are listed
    abbreviations must still go spaCy's way."""
    _same_cold([text])


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
    _same_cold(texts)


# --- FastVocab: new lexemes computed in C -----------------------------------

LEXEME_ATTRS = (
    "orth_", "lower_", "norm_", "shape_", "prefix_", "suffix_", "lang_", "rank", "is_alpha", "is_ascii",
    "is_digit", "is_lower", "is_upper", "is_title", "is_punct", "is_space", "is_stop", "like_num", "like_url",
    "like_email", "is_bracket", "is_quote", "is_left_punct", "is_right_punct", "is_currency", "flags",
)  # fmt: skip


def _fast_vocab() -> spacy.vocab.Vocab:
    _loop()
    vocab = bt.blank().vocab
    assert type(vocab) is bt.compiled_vocab()
    return vocab


def _same_lexemes(words: list[str]) -> None:
    """Every attribute of every lexeme equals the one spaCy's own getters give."""
    fast = _fast_vocab()
    ref = bt.language_class()().vocab  # spaCy's getters, spaCy's Vocab
    for w in words:
        fast[w]
        ref[w]
    assert len(fast) == len(ref)
    assert list(fast.strings) == list(ref.strings)  # same strings, added in the same order
    for w in words:
        a, b = fast[w], ref[w]
        assert [getattr(a, n) for n in LEXEME_ATTRS] == [getattr(b, n) for n in LEXEME_ATTRS], w
        assert len(a.orth_) == len(b.orth_)


PRINTABLE_ASCII = [chr(c) for c in range(0x21, 0x7F)]


def test_fast_vocab_every_ascii_character_and_pair() -> None:
    words = PRINTABLE_ASCII + [a + b for a in PRINTABLE_ASCII for b in "aZ0.@/-'(x"]
    _same_lexemes(words)


def test_fast_vocab_fixture_words() -> None:
    text = " ".join((FIXTURES / "tokenizer_examples.tsv").read_text(encoding="utf-8").split())
    words = sorted(set(text.split()))
    _same_lexemes(words + [w.upper() for w in words] + [w.title() for w in words])


def test_fast_vocab_edge_words() -> None:
    words = [
        "x" * 99, "x" * 100, "Ab1" * 33, "....", "-----", "Rp", "USD", "IDR", "dua", "DUA", "Sepuluh",
        "http://x", "https://a", "http:", "www.a.id", "a.com", "a@b.id", "@", "1/2", "+3", "1.000,5",
        "yang", "Yang", "X", "x", "d", "ID", "_", "''", "``", "(", "NUM", "LAW", "ÉCOLE", "café", "a b", "\t",
    ]  # fmt: skip
    _same_lexemes(words)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from([*"aAzZ09.,-+/@:$%()'\"~_ é", "http://", "www.", "Rp", "dua"]), max_size=8).map("".join)
)
def test_fast_vocab_generated_words(word: str) -> None:
    _same_lexemes([word])


def test_fast_vocab_memory_zone_and_pickle() -> None:
    import pickle

    nlp = bt.blank()
    _fast_vocab()
    with nlp.memory_zone():
        doc = nlp.make_doc("Warga Desa Sukamakmur menerima 25 paket bantuan, Rabu.")
        assert doc[0].shape_ == "Xxxxx"
    assert "Sukamakmur" not in nlp.vocab.strings  # transient, as in spaCy's Vocab
    assert nlp.make_doc("Sukamakmur")[0].shape_ == "Xxxxx"
    again = pickle.loads(pickle.dumps(nlp.vocab))  # a plain Vocab, same lexemes
    assert again["Sukamakmur"].shape_ == "Xxxxx"
    assert again.lex_attr_getters.keys() == nlp.vocab.lex_attr_getters.keys()


def test_fast_vocab_follows_changed_getters() -> None:
    from spacy.attrs import IS_STOP, NORM

    vocab = _fast_vocab()
    vocab.lex_attr_getters[NORM] = lambda text: "norma"
    vocab.lex_attr_getters[IS_STOP] = lambda text: True
    lex = vocab["Kecamatan"]
    assert (lex.norm_, lex.is_stop) == ("norma", True)


@pytest.mark.slow
def test_fast_vocab_real_corpus() -> None:
    path = shared_path("corpus", "detik-summ-1000", "data_berita.csv")
    with path.open(encoding="utf-8", newline="") as f:
        texts = [row["isi_berita"] for row in csv.DictReader(f)]
    tok = bt.blank().tokenizer
    words = list(dict.fromkeys(t.text for x in texts for t in tok(x)))
    _same_lexemes(words)
