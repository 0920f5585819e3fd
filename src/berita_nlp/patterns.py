"""Regex building blocks shared by the components.

Word lists compile into patterns in two shapes:

- `trie_regex`: an alternation shaped as a prefix trie (`s(?:atu|e(?:ratus|puluh))`).
  A flat alternation of hundreds of literals makes the engine try every
  entry at each position; a trie decides on the next character, so the cost
  of a scan does not grow with the list.  Optional tails are greedy, so a
  longer entry wins over its prefix (`September` over `Sept`).
- `longest_first`: a flat alternation with longer entries first, for short
  lists where the trie buys nothing but `sebelas` must still beat `se`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any, Protocol, TypeVar


class _Span(Protocol):
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...


S = TypeVar("S", bound=_Span)


def leftmost_longest(items: list[S]) -> list[S]:
    """The leftmost-longest non-overlapping subset of `items`, sorted by start.

    The usual way to resolve overlapping matches of one pass: at each start
    the longest match wins, and a match inside a kept one is dropped.
    """
    items.sort(key=lambda m: (m.start, m.start - m.end))
    out: list[S] = []
    last = -1
    for m in items:
        if m.start >= last:
            out.append(m)
            last = m.end
    return out


def trie_regex(words: Iterable[str], char: Callable[[str], str] = re.escape) -> str:
    """The trie-shaped alternation of `words` ("" when there are none).

    `char` renders one character; the default escapes it, and a caller can
    widen it (a space matching any run of whitespace, say).
    """
    root: dict[str, Any] = {}
    for w in words:
        node = root
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict[str, Any]) -> str:
        alts = [char(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if "" in node else body

    return build(root)


def longest_first(words: Iterable[str]) -> str:
    """A flat alternation of `words`, escaped, longer entries first."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))
