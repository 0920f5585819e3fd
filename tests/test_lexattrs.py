"""The cheaper lexeme getters give exactly spaCy's values.

Compared getter by getter with the ones spaCy installs, over the words of
the project's own example texts plus a word list built here to hit every
branch: punctuation, digits and signed numbers, fractions, URLs and
emails, currency, number words, case variants, long runs, whitespace and
non-Latin scripts.  On the real corpus, when it is there, every token too.
"""

from __future__ import annotations

import csv
import functools
import itertools
import pickle

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from berita_nlp.lexattrs import fast_getters
from berita_nlp.pipeline import load
from berita_nlp.tokenizer import blank, language_class
from conftest import FIXTURES, shared_path


def _split(words: str) -> list[str]:
    return words.split()


WORDS = [
    *_split("a A z Z 0 9 . , ; : ! ? - – — ( ) [ ] { } < > \" ' ` « » ‘ ’ “ ” „ ‹ › ❮ ❯ '' `` $ € £ ¥ Rp IDR USD"),
    *_split("Rp. rp US$ S$ 1 12 123 1.234 1,5 -3 +4 ±5 ~6 3/4 1/2/3 10-20 ke-3 dua ke-dua Dua DUA sepuluh"),
    *_split("sebelas seratus ribu juta miliar triliun satu-satu 1½ ² ³ ½ ٣ ४ 一 二 三 ٣٤"),
    *_split("www.contoh.id https://a.b http://localhost http:// www. www.a a.com b.co.id .com x. @a a@b.c"),
    *_split("nama@domain.id foo.bar foo.xyz foo.qq localhost:8080 a.b/ 1.2.3.4 e-KTP M.Si. S.H. Dr. drg."),
    *_split("Jakarta JAKARTA jakarta jAKARTA Sukamaju Bupati yang dan di ke dari Yang DAN"),
    *_split("aaaaaaa AAAAAAA 11111111 ...... !!!!! ----- xxxxX XXXXx Ab1Ab1Ab1 ÉCOLE école Ünal İstanbul ß ﬁ"),
    *_split("Ḱ Σίσυφος ΣΊΣΥΦΟΣ Привет ПРИВЕТ 東京 ᾈ ǅ ǆ ǈ ˇ ´ ¨ ¯ ° × ÷ ‰ ‱ ′ ″ § ¶ © ® ™ № ℃"),
    "x" * 99,
    "x" * 100,
    "A" * 150,
    " ",
    "  ",
    "\n",
    "\n\n",
    "\t",
    "\u00a0",
    "\u200b",
    "\ufffd",
]


@functools.lru_cache(maxsize=1)
def _getters() -> tuple[dict[int, object], dict[int, object]]:
    spacy_getters = dict(language_class()().vocab.lex_attr_getters)  # spaCy's own, as `blank()` gets them
    return spacy_getters, fast_getters(spacy_getters)


def _same(word: str) -> None:
    ref, fast = _getters()
    for attr, g in ref.items():
        want = g(word)  # type: ignore[operator]
        got = fast[attr](word)  # type: ignore[operator]
        # None and False both leave a flag unset; anything else must be equal.
        assert (got if got is not None else False) == (want if want is not None else False), (attr, word)
        assert type(got if got is not None else False) is type(want if want is not None else False), (attr, word)


def _fixture_words() -> list[str]:
    words: set[str] = set()
    for p in sorted(FIXTURES.glob("*")):
        if p.suffix in (".tsv", ".jsonl", ".txt", ".json") and p.stat().st_size < 2_000_000:
            words.update(p.read_text(encoding="utf-8", errors="replace").split())
    return sorted(words)


@pytest.mark.parametrize("word", WORDS)
def test_listed_words(word: str) -> None:
    _same(word)


def test_fixture_words() -> None:
    words = _fixture_words()
    assert len(words) > 1000
    for w in words:
        _same(w)
        _same(w.upper())
        _same(w.title())


def test_corpus_tokens() -> None:
    path = shared_path("corpus", "detik-summ-1000", "data_berita.csv")
    with path.open(encoding="utf-8", newline="") as f:
        texts = [row["isi_berita"] for row, _ in zip(csv.DictReader(f), range(300), strict=False)]
    tok = blank().tokenizer
    words = {t.text for t in itertools.chain.from_iterable(tok(x) for x in texts)}
    for w in words:
        _same(w)


@settings(max_examples=400, deadline=None)
@given(st.text(min_size=1, max_size=12))
def test_any_text(word: str) -> None:
    _same(word)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("aAzZ09.,-+/@:$%()'\"~± é½²xX")), min_size=1, max_size=12))
def test_tricky_alphabet(word: str) -> None:
    _same(word)


def test_pipeline_uses_them_and_still_pickles() -> None:
    nlp = load()
    from spacy.attrs import SHAPE

    from berita_nlp.lexattrs import _shape

    assert nlp.vocab.lex_attr_getters[SHAPE] is _shape  # installed by `blank()`, which `load()` builds on
    doc = nlp.make_doc("Bupati Sukamaju membuka 12 kios di www.contoh.id, Senin.")
    ref = language_class()().make_doc(doc.text)
    for a, b in zip(doc, ref, strict=True):
        assert (a.shape_, a.norm_, a.like_num, a.is_punct, a.like_url, a.is_stop, a.lang_) == (
            b.shape_,
            b.norm_,
            b.like_num,
            b.is_punct,
            b.like_url,
            b.is_stop,
            b.lang_,
        )
    assert nlp.vocab.lang == "id"
    again = pickle.loads(pickle.dumps(nlp.vocab))
    assert again.lex_attr_getters.keys() == nlp.vocab.lex_attr_getters.keys()
