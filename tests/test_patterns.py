"""Shared regex builders: a trie-shaped alternation matches exactly its words."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from berita_nlp.patterns import longest_first, trie_regex

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
