"""Shared regex builders: a trie-shaped alternation matches exactly its words."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from berita_nlp.patterns import first_chars, longest_first, trie_regex

WORDS = st.lists(st.text(alphabet="abcdeé .-", min_size=1, max_size=6), min_size=1, max_size=12)


@given(WORDS, st.text(alphabet="abcdeé .-", max_size=6))
def test_trie_matches_exactly_its_words(words: list[str], probe: str) -> None:
    rx = re.compile(trie_regex(words))
    assert all(rx.fullmatch(w) for w in words)
    assert bool(rx.fullmatch(probe)) == (probe in words)


@given(WORDS)
def test_trie_prefers_the_longest_entry(words: list[str]) -> None:
    rx = re.compile(trie_regex(words))
    for w in words:
        m = rx.match(w + "#")
        assert m is not None and m.group() == w  # greedy tails: never stops at a shorter entry


def test_longest_first() -> None:
    m = re.match(longest_first(["se", "sebelas", "sepuluh"]), "sebelas orang")
    assert m is not None and m.group() == "sebelas"
    assert trie_regex([]) == ""


FIRST_CHARS = [
    # pattern, first characters ("" = None: no shortcut)
    (r"abc", "a"),
    (r"^(?:Rp|US\$|[0-9])", "RU0123456789"),
    (r"(?<=x)[a-c]d", "abc"),
    (r"(?:a|b)?c", "abc"),
    (r"a*b", "ab"),
    (r"(?=z)q", "q"),
    (r"x?", ""),
    (r".a", ""),
    (r"[^a]", ""),
    (r"\wa", ""),
    (r"(?i)a", ""),
    (r"(?i:a)b", ""),
]


@pytest.mark.parametrize(("pattern", "chars"), FIRST_CHARS)
def test_first_chars(pattern: str, chars: str) -> None:
    got = first_chars(pattern)
    assert (got if got is None else "".join(sorted(got))) == ((sorted(chars) and "".join(sorted(chars))) or None)


@given(
    st.lists(st.text(alphabet="abcXY-.()", min_size=1, max_size=4), min_size=1, max_size=6),
    st.text(alphabet="abcXYz-.()", max_size=6),
)
def test_first_chars_of_a_trie_covers_every_match(words: list[str], probe: str) -> None:
    pattern = trie_regex(words)
    chars = first_chars(pattern)
    assert chars is not None
    if re.match(pattern, probe):
        assert probe[:1] in chars
