"""Text helpers shared by the event builders: sentences, cue data, mention lookups.

Events are assembled from what earlier components found, located by
offsets.  Everything here works on raw offsets so an event's evidence can
always be pointed at, and only runs when a trigger was found: most articles
have no event, and they must cost next to nothing.
"""

from __future__ import annotations

import bisect
import functools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

import ahocorasick
import regex

from .datafiles import json_file
from .records import DateItem, Mention, Organization, Person, Place

T = TypeVar("T")


@functools.cache
def load_json(name: str) -> dict[str, Any]:
    """Load a data table once per process; cue lists are data, not code."""
    data: dict[str, Any] = json_file(name)
    return data


def alternation(fragments: Iterable[str]) -> str:
    """One non-capturing alternation, longest fragment first so that the
    leftmost match is also the longest (`penandatanganan` before `penandatangan`)."""
    frags = sorted(set(fragments), key=lambda f: (-len(f), f))
    return "(?:" + "|".join(frags) + ")"


def word_re(fragments: Iterable[str], flags: int = regex.IGNORECASE) -> regex.Pattern[str]:
    """A word-bounded alternation of cue fragments."""
    return regex.compile(r"(?<![\w-])" + alternation(fragments) + r"(?![\w-])", flags)


# Sentence ends: a full stop / ! / ? (optionally closing a quote or bracket)
# followed by space and a capital or an opening quote, or a line break.  The
# abbreviation check below keeps `Dr. Heriyandi` and `H. Nanang` together.
_BOUNDARY = regex.compile(r"[.!?][\"”’)]?[ \t]+(?=[\"“‘(]?[A-Z])|\n|(?<=[a-z]{3})[.!?](?=[A-Z][a-z])")


class StemIndex:
    """Where trigger stems occur, for every event type at once.

    Trigger alternations are slow to run over a whole article at every
    position; a stem automaton finds the few places worth trying in one
    C-speed pass over the lowercased text, and the trigger pattern is then
    only matched there.
    """

    def __init__(self, groups: dict[str, Sequence[str]]) -> None:
        self._auto: Any = ahocorasick.Automaton()
        for group, stems in groups.items():
            for stem in stems:
                key = stem.lower()
                old = self._auto.get(key, ())
                self._auto.add_word(key, (*old, (group, len(key))))
        self._auto.make_automaton()

    def find(self, low: str) -> dict[str, list[int]]:
        """Group -> start offsets of its stems in `low` (which must be `text.lower()`)."""
        out: dict[str, list[int]] = {}
        for end, values in self._auto.iter(low):
            for group, n in values:
                out.setdefault(group, []).append(end - n + 1)
        return out


def _prev_word_start(text: str, k: int) -> int | None:
    i = k
    while i > 0 and text[i - 1] in " \t":
        i -= 1
    if i == k or i == 0:
        return None
    e = i
    while i > 0 and text[i - 1].isalpha():
        i -= 1
    return None if i == e or e - i > 20 else i


def triggers_at(text: str, stems: Sequence[int], pattern: regex.Pattern[str]) -> list[regex.Match[str]]:
    """Matches of `pattern` that cover a stem occurrence, in text order and
    without overlaps, as `finditer` would give them.

    A trigger starts at the word holding the stem or at one of the two
    words before it (`di tanda tangani`, `melakukan kunjungan`); the
    leftmost start that matches wins.
    """
    found: dict[int, regex.Match[str]] = {}
    for pos in stems[: MAX_TRIGGERS * 4]:
        j = pos
        while j > 0 and text[j - 1].isalpha():
            j -= 1
        cands = [j]
        for _ in range(2):
            p = _prev_word_start(text, cands[-1])
            if p is None:
                break
            cands.append(p)
        for c in reversed(cands):
            m = found.get(c) or pattern.match(text, c, pos + 80)
            if m is not None and m.end() > pos:
                found[c] = m
                break
    out: list[regex.Match[str]] = []
    for k in sorted(found):
        if out and found[k].start() < out[-1].end():
            continue
        out.append(found[k])
        if len(out) >= MAX_TRIGGERS:
            break
    return out


@functools.cache
def _abbreviations() -> frozenset[str]:
    return frozenset(load_json("events_agreement.json")["sentence_abbreviations"])


MAX_SENTENCE = 1200
"""Longest stretch read as one sentence (real news sentences stay far below)."""
MAX_TRIGGERS = 300
"""Trigger matches read per type and article: a real article has a few dozen
at most; the cap keeps a multi-megabyte input linear."""


class Sentences:
    """Sentence spans of one text, found with one regex pass on first use
    (most articles with a trigger stem have no trigger) and bisected."""

    __slots__ = ("_ends", "_starts", "_text")

    def __init__(self, text: str) -> None:
        self._text = text
        self._starts: list[int] = []
        self._ends: list[int] = []

    def _build(self) -> None:
        text = self._text
        starts = [0]
        abbrev = _abbreviations()
        for m in _BOUNDARY.finditer(text):
            if m.group() == "\n":
                starts.append(m.end())
                continue
            i = m.start()
            j = i
            while j > 0 and (text[j - 1].isalpha() or text[j - 1] == "."):
                j -= 1
            word = text[j:i]
            if word and ("." in word or len(word) == 1 or word.casefold() in abbrev):
                continue
            # a full stop glued to the next sentence (`Budi Santoso.Budi menyambut`)
            starts.append(m.end())
        self._starts = starts
        self._ends = [*starts[1:], len(text)]

    def span(self, pos: int) -> tuple[int, int]:
        """The sentence holding `pos`; a run-on "sentence" longer than any
        real one (unpunctuated text) is cut to a window around `pos`, which
        keeps every per-trigger step bounded on arbitrary input."""
        if not self._starts:
            self._build()
        i = bisect.bisect_right(self._starts, pos) - 1
        i = max(i, 0)
        s, e = self._starts[i], self._ends[i]
        if e - s > MAX_SENTENCE:
            s, e = max(s, pos - MAX_SENTENCE // 2), min(e, pos + MAX_SENTENCE // 2)
        return s, e

    def index(self, pos: int) -> int:
        if not self._starts:
            self._build()
        return max(bisect.bisect_right(self._starts, pos) - 1, 0)

    def by_index(self, i: int) -> tuple[int, int]:
        if not self._starts:
            self._build()
        if self._ends[i] - self._starts[i] > MAX_SENTENCE:
            return self._starts[i], self._starts[i] + MAX_SENTENCE
        return self._starts[i], self._ends[i]

    def __len__(self) -> int:
        if not self._starts:
            self._build()
        return len(self._starts)


def cue_words(text: str, start: int, lo: int, n: int) -> list[str]:
    """The last `n` words before `start` (not before `lo`), as cue candidates.

    A capitalised word right after another capitalised word is part of a
    name (`Loe Mau`), never a cue (`mau`), so it is blanked; a capital after
    punctuation or a dateline (`DEPOK - Sejak`) opens a sentence and stays.
    """
    a = max(lo, start - 60)
    words = text[a:start].split()
    out = []
    prev = ""
    keep = _never_names()
    for raw in words:
        w = raw.strip(".,;:\"“”'()")
        name_run = prev[:1].isupper() and not prev.isupper() and not prev.endswith((",", ".", ":", ";"))
        # a Title Case headline capitalises its cue words too: `Pemkot X Akan Teken MoU`
        out.append("" if w[:1].isupper() and name_run and w.lower() not in keep else w)
        prev = raw
    return out[-n:]


@functools.lru_cache(maxsize=1)
def _never_names() -> frozenset[str]:
    """Cue words that are never part of a name, whatever their case."""
    return frozenset(load_json("events_agreement.json").get("never_name_words", ()))


@dataclass(frozen=True, slots=True)
class Hit(Generic[T]):
    """One mention of an item, located by offsets."""

    start: int
    end: int
    item: T


class MentionIndex(Generic[T]):
    """Mentions of items sorted by start, to list those inside a range in O(log n + k)."""

    __slots__ = ("_starts", "hits")

    def __init__(self, hits: Sequence[Hit[T]]) -> None:
        self.hits = sorted(hits, key=lambda h: (h.start, -h.end))
        self._starts = [h.start for h in self.hits]

    def within(self, start: int, end: int) -> list[Hit[T]]:
        i = bisect.bisect_left(self._starts, start)
        j = bisect.bisect_left(self._starts, end)
        return [h for h in self.hits[i:j] if h.end <= end]

    def __bool__(self) -> bool:
        return bool(self.hits)


def _mention_hits(item: T, mentions: Sequence[Any], start: int | None, end: int | None) -> list[Hit[T]]:
    hits = [Hit(m.start, m.end, item) for m in mentions]
    if not hits and start is not None and end is not None:
        hits.append(Hit(start, end, item))
    return hits


def org_index(orgs: Iterable[Organization]) -> MentionIndex[Organization]:
    return MentionIndex([h for o in orgs for h in _mention_hits(o, o.mentions, o.start, o.end)])


def person_index(people: Iterable[Person]) -> MentionIndex[Person]:
    return MentionIndex([h for p in people for h in _mention_hits(p, p.mentions, p.start, p.end)])


def place_index(places: Iterable[Place]) -> MentionIndex[Place]:
    return MentionIndex([h for p in places for h in _mention_hits(p, p.mentions, p.start, p.end)])


def date_index(dates: Iterable[DateItem]) -> MentionIndex[DateItem]:
    return MentionIndex([Hit(d.start, d.end, d) for d in dates])


def quote(text: str, start: int, end: int) -> Mention:
    """Evidence for a sentence: its span without the surrounding whitespace.

    Sentence spans run up to the next sentence and so carry its line break
    or space; trimming the offsets (not just the text) keeps the promise
    that a mention's text is exactly `text[start:end]`.
    """
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Mention(start, end, text[start:end])
