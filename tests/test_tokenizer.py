"""The berita tokenizer: example table, exact text round trip, long-chunk path."""

from __future__ import annotations

import functools
import pickle
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spacy.language import Language

from berita_nlp import tokenizer as tk

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def _rows() -> list[tuple[str, str, str]]:
    rows = []
    for line in (FIXTURES / "tokenizer_examples.tsv").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        text, tokens, note = line.split("\t")
        rows.append((text, tokens, note))
    return rows


@pytest.fixture(scope="module")
def nlp() -> Language:
    return tk.blank()


def _tokens(nlp: Language, text: str) -> list[str]:
    return [t.text for t in nlp.make_doc(text) if not t.is_space]


@pytest.mark.parametrize(("text", "expected", "note"), _rows(), ids=[r[2] for r in _rows()])
def test_examples(nlp: Language, text: str, expected: str, note: str) -> None:
    assert " | ".join(_tokens(nlp, text)) == expected, note


def test_language_and_config(nlp: Language) -> None:
    assert nlp.lang == "id"
    assert nlp.config["nlp"]["tokenizer"]["@tokenizers"] == "berita_nlp.Tokenizer.v1"
    assert isinstance(nlp.tokenizer, tk.BeritaTokenizer)
    assert nlp.tokenizer.rules == {}  # no special-case table at all
    assert nlp.max_length >= 5_000_000
    # spaCy's Indonesian lexical attributes are still there
    assert nlp.make_doc("dua puluh")[0].like_num
    assert nlp.make_doc("dan")[0].is_stop


def test_load_skips_spacy_exception_table() -> None:
    code = (
        "import sys; from berita_nlp.tokenizer import blank; blank();"
        "print('spacy.lang.id.tokenizer_exceptions' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_spacy_blank_id_still_works_after_ours() -> None:
    import spacy

    tk.blank()
    ref = spacy.blank("id")
    assert [t.text for t in ref("kunang-kunang")] == ["kunang-kunang"]


@pytest.mark.parametrize(
    "text",
    [
        "(" * 5000,
        "1/" * 3000,
        "x" * 1000 + " y",
        "awal " + "." * 700 + "  akhir",
        "a " * 10 + "-" * 300 + "\n" + "b" * 257 + " c",
        "http://contoh.id/" + "a" * 400 + " berita",
        " " * 5000,
        "a\n\n" + " " * 1000 + "b" + "(" * 300,
    ],
    ids=["brackets", "slashes", "letters", "dots", "mixed", "long-url", "spaces", "space-run-then-long"],
)
def test_long_chunks_piecewise(nlp: Language, text: str) -> None:
    doc = nlp.make_doc(text)
    assert doc.text == text
    assert all(len(t.text) <= tk.LONG_CHUNK for t in doc if not t.is_space)


def test_long_chunk_keeps_neighbours(nlp: Language) -> None:
    text = "Warga anak-anak " + "(" * 400 + " Dr. Budi hadir."
    toks = _tokens(nlp, text)
    assert toks[:2] == ["Warga", "anak-anak"]
    assert toks[-4:] == ["Dr.", "Budi", "hadir", "."]
    doc = nlp.make_doc(text)
    assert doc[1].whitespace_ == " "
    assert doc[len(doc) - 5].whitespace_ == " "  # the last "(" piece keeps its space


def test_serialisation_keeps_rules(nlp: Language) -> None:
    text = "Dr. H. Budi, M.Si. anak-anak (5/2/24)."
    other = tk.blank()
    other.tokenizer.from_bytes(nlp.tokenizer.to_bytes())
    assert _tokens(other, text) == _tokens(nlp, text)
    assert other.make_doc("(" * 3000).text == "(" * 3000
    clone = pickle.loads(pickle.dumps(nlp.tokenizer))
    assert [t.text for t in clone(text)] == _tokens(nlp, text)


def test_token_match_is_data_driven() -> None:
    pattern = tk.token_match_pattern()
    for abbr in ("drg.", "Hj.", "MPPM.", "Tbk."):
        assert abbr in tk.abbreviations()
    assert "bolak-balik" in tk.hyphen_words()
    assert re.fullmatch(pattern, "bolak-balik")
    assert re.fullmatch(pattern, "MPPM.")
    assert not re.fullmatch(pattern, "Jakarta-Bandung")


NEWS = st.sampled_from(
    [
        "Bupati H. Amir, S.T., M.Si. meninjau",
        "anak-anak",
        "(5/2/24)",
        "9-5-2018",
        "Jakarta-Bandung",
        "kunang-kunang.",
        "Rp15.000",
        "e-KTP",
        "Ph.D.",
        "\u202eعربي\u202c",
        "🙂🙂",
        "\x00\x07\x1b",
        "((((",
        "....",
        "  \n\t ",
        "1/1/1/1/",
    ]
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(st.text(max_size=40), NEWS), max_size=12))
def test_text_round_trip(nlp: Language, parts: list[str]) -> None:
    text = "".join(parts)
    doc = nlp.make_doc(text)
    assert doc.text == text
    assert sum(len(t.text_with_ws) for t in doc) == len(text)


@settings(max_examples=25, deadline=None)
@given(st.text(alphabet="(-./1a ", min_size=tk.LONG_CHUNK, max_size=3 * tk.LONG_CHUNK))
def test_text_round_trip_long_runs(nlp: Language, text: str) -> None:
    assert nlp.make_doc(text).text == text


def _letter_probes() -> list[str]:
    """Every alphabetic character of Unicode alone, tripled and between
    Latin letters: the chunks the letters-only shortcut skips."""
    letters = [chr(i) for i in range(sys.maxunicode + 1) if chr(i).isalpha()]
    return [w for c in letters for w in (c, c * 3, f"a{c}a", f"A{c}A", f"{c}a", f"a{c}")]


def test_letters_only_chunks_match_no_suffix_infix_or_url() -> None:
    """`_ChunkSearch(letters_pass=True)` skips the suffix, infix and URL rules
    for letters-only chunks; that is exact only while no rule can match one."""
    _, suffixes, infixes, url_match = tk._punctuation()
    from spacy.util import compile_infix_regex, compile_suffix_regex

    rules = [compile_suffix_regex(suffixes).search, compile_infix_regex(infixes).search, url_match]
    hits = [w for w in _letter_probes() for rule in rules if rule(w)]
    assert hits == []


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(categories=("Lu", "Ll", "Lt", "Lm", "Lo")), min_size=1, max_size=20))
def test_letters_only_random_words(word: str) -> None:
    _, suffixes, infixes, url_match = tk._punctuation()
    from spacy.util import compile_infix_regex, compile_suffix_regex

    assert compile_suffix_regex(suffixes).search(word) is None
    assert compile_infix_regex(infixes).search(word) is None
    assert url_match(word) is None


@functools.lru_cache(maxsize=1)
def _suffix_pair() -> tuple[re.Pattern[str], re.Pattern[str]]:
    from spacy.util import compile_suffix_regex

    suffixes = tk._punctuation()[1]
    return tk._suffix_regex(suffixes), compile_suffix_regex(suffixes)


def _same_suffix(words: list[str]) -> None:
    """Our regex, and the full search the tokenizer calls (shortcuts included), find spaCy's suffix."""
    ours, spacy_rx = _suffix_pair()
    search = tk._searches()[1].search
    for w in words:
        a, b, c = ours.search(w), spacy_rx.search(w), search(w)
        assert (a and a.span()) == (b and b.span()), w
        assert (c and c.span()) == (b and b.span()), w


def test_suffix_regex_finds_spacys_suffix_for_every_bmp_character() -> None:
    """`_suffix_regex` regroups spaCy's suffix rules; the suffix it finds must
    be spaCy's for every character after a letter, a digit, a unit and alone."""
    chars = [chr(i) for i in range(0x10000) if not 0xD800 <= i <= 0xDFFF]
    _same_suffix([w for c in chars for w in (c, f"ab{c}", f"12{c}", f"5km{c}", f"{c}.", f"{c}{c}", f"Ab{c}.")])


SUFFIX_WORDS = [
    "Jakarta,",
    "2024).",
    "Rp1.000",
    "5km",
    "10kg.",
    "3%",
    "100%)",
    "US$5",
    "5US$",
    "20°C.",
    "ok...",
    "M.Si.",
    "rumahnya-nya",
    "buku-ku",
    "'s",
    "Ali's",
    "x</b>",
    "a</strong>",
    "……",
    "dia’s",
    "(5/2)",
    "e-KTP",
    "a—",
    "kata...",
    "abc5km",
    "Rp5juta",
    "jalan2.",
    "kota)",
    "ABC's",
    "Budi'S.",
    "ok.</b>",
]


@pytest.mark.parametrize("word", SUFFIX_WORDS)
def test_suffix_regex_examples(word: str) -> None:
    _same_suffix([word, word + "\n", "\n" + word])


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.sampled_from(list("ab1kmg%.,;:!?)(]['\"’-—…$°C/<>®©™\n ")), max_size=12))
def test_suffix_regex_random(word: str) -> None:
    _same_suffix([word])


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("aZkmsu")), min_size=1, max_size=6), st.text(max_size=6))
def test_suffix_after_leading_letters_random(letters: str, rest: str) -> None:
    """The suffix search skips a chunk's leading ASCII letters: any tail after them."""
    _same_suffix([letters + rest])


def _token_match_words() -> list[str]:
    listed = [*tk.abbreviations(), *tk._base_exceptions()]
    extra = ["Dr", "dr", "Kab", "No", "kata", "Jakarta", "anak-anak", "M.Si.", "5/2/2024", "a.", ":)", "x\n", "Dr.\n"]
    return [*listed, *(w.lower() for w in listed), *(w.upper() for w in listed), *(w + "x" for w in listed), *extra]


def test_token_match_gate_equals_the_regex() -> None:
    """`_TokenMatch` answers plain words from a set; it must agree with the regex."""
    rx = re.compile(tk.token_match_pattern())
    gated = tk._token_match().match
    for w in _token_match_words():
        a, b = gated(w), rx.match(w)
        assert (a and a.span()) == (b and b.span()), w


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("aDrsKbNo.-/:)(\n1 ")), max_size=8))
def test_token_match_gate_random(word: str) -> None:
    rx = re.compile(tk.token_match_pattern())
    a, b = tk._token_match().match(word), rx.match(word)
    assert (a and a.span()) == (b and b.span()), word


def test_prefix_rules_match_no_chunk_outside_their_first_characters() -> None:
    """The prefix search answers "no prefix" from its first-character set;
    every other character of the BMP must indeed open no prefix."""
    prefix = tk._searches()[0]
    firsts = prefix._firsts
    assert firsts is not None and "a" not in firsts and "(" in firsts
    rx = prefix._rx
    for i in range(0x10000):
        c = chr(i)
        if c in firsts or 0xD800 <= i <= 0xDFFF:
            continue
        for w in (c, c + "a", c + "1", c + c, c + "(", c + "Rp"):
            assert rx.search(w) is None, w


def test_whitespace_runs_carry_no_suffix() -> None:
    """The suffix search answers None for whitespace runs without a regex."""
    import itertools

    from spacy.util import compile_suffix_regex

    spacy_rx = compile_suffix_regex(tk._punctuation()[1])
    spaces = [chr(i) for i in range(sys.maxunicode + 1) if chr(i).isspace()]
    for n in (1, 2, 3):
        for run in itertools.product(spaces, repeat=n):
            assert spacy_rx.search("".join(run)) is None
    suffix = tk._searches()[1]
    assert suffix.search("\n\n") is None
    assert suffix.search("\n") is None
