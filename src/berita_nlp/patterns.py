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

import importlib
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


def first_chars(pattern: str) -> frozenset[str] | None:
    """Every character a match of `pattern` can begin with, or None if unknown.

    A regex tried at one position (an anchored `match`, or spaCy's prefix
    rules) cannot match a string whose first character is outside this
    set, so a set lookup can answer for it.  The set is read from the
    stdlib's own parse of the pattern; lookarounds and anchors are treated
    as consuming nothing, which only widens it.  None when the pattern can
    match the empty string or holds something this reading does not follow
    (case-insensitive parts, `.`, negated or category classes, back
    references): then there is no shortcut.
    """
    parser: Any = importlib.import_module("re._parser")  # constants and parser of the engine itself
    parsed = parser.parse(pattern)
    if parsed.state.flags & parser.SRE_FLAG_IGNORECASE:
        return None
    got = _first_of(parser, parsed.data)
    if got is None or got[1]:
        return None
    return frozenset(map(chr, got[0]))


def _first_of(c: Any, items: Iterable[tuple[Any, Any]]) -> tuple[set[int], bool] | None:
    """(first code points, can match empty) of a sequence of parsed items."""
    out: set[int] = set()
    for op, av in items:
        got = _first_one(c, op, av)
        if got is None:
            return None
        out |= got[0]
        if not got[1]:
            return out, False
    return out, True


def _first_one(c: Any, op: Any, av: Any) -> tuple[set[int], bool] | None:
    if op is c.LITERAL:
        return {av}, False
    if op is c.IN:
        chars: set[int] = set()
        for o, a in av:
            if o is c.LITERAL:
                chars.add(a)
            elif o is c.RANGE:
                chars.update(range(a[0], a[1] + 1))
            else:  # NEGATE, CATEGORY: too wide to list
                return None
        return chars, False
    if op is c.SUBPATTERN:
        _, add_flags, _, sub = av
        return None if add_flags & c.SRE_FLAG_IGNORECASE else _first_of(c, sub.data)
    if op is c.ATOMIC_GROUP:
        return _first_of(c, av.data)
    if op is c.BRANCH:
        union: set[int] = set()
        empty = False
        for sub in av[1]:
            got = _first_of(c, sub.data)
            if got is None:
                return None
            union |= got[0]
            empty = empty or got[1]
        return union, empty
    if op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
        lo, _, sub = av
        got = _first_of(c, sub.data)
        return None if got is None else (got[0], lo == 0 or got[1])
    if op in (c.ASSERT, c.ASSERT_NOT, c.AT):
        return set(), True
    return None
