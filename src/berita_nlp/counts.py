"""The berita_counts component: every count or measure, typed, with its unit.

A count is a numeral (see `numerals.py`) plus what it counts, read from the
words right after it (`76 Pemerintah Daerah`, `1.211 bidang`, `57,6
persen`, `Rp 1,2 miliar`).  Most numbers in news are not counts: dates,
times, legal citations (`Nomor 7 Tahun 2021`), addresses, codes, ordinals
and numbers inside names (`SMAN 1`).  The rules that drop those are word
lists in `data/counts_rules.json`, so a new kind of identifier is a data
edit, not a code change.

The text is scanned once by the numeral scanner; everything after that is
a few anchored regex matches per number found, so the cost follows the
number of numerals, not the length of the text.

Two consistency checks become findings: a count followed by a list
(`empat kabupaten, yaitu A, B, C, dan D`: does the list have four?) and a
total broken into parts (`76 ..., melibatkan 27 ..., 20 ... dan 29 ...`:
do the parts add up?).  A mismatch is usually the article's own error,
which is exactly what an analyst wants to know.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from .datafiles import json_file, tsv_rows
from .numerals import ParsedNumber, iter_numbers, qualifier_before, trie_pattern, words_to_int
from .patterns import longest_first
from .records import Count, Finding
from .state import ZoneMap, article_text, get_state, set_spans

__all__ = ["CountsComponent", "extract_counts", "make_counts"]

SPANS_GROUP = "berita_counts"


# ---------------------------------------------------------------- data


def _alt(words: Sequence[str]) -> str:
    return longest_first(words)


@dataclass(frozen=True)
class _Rules:
    """The word lists of `counts_rules.json`, compiled.

    not_unit: words after a number that are not what it counts (so the
      number has no unit of its own); id_heads: words before a number that
      make it an identifier (`Nomor 7`, `lantai 5`, `tahun 2024`);
      keep_with_unit: id_heads that still allow a count when a unit follows
      (`usia 17 tahun`); id_list: a number listed after another that an
      id_list_heads word made an identifier (`Pasal 362 dan 363 KUHP`) is
      one too; name_ok: capitalised words that may precede a
      count without making it part of a name (`Sebanyak 30 orang`);
      units_after_name: counted nouns that make a number after a capitalised
      word a count all the same (`Jawa Barat 20 Provinsi`).
    """

    not_unit: frozenset[str]
    not_unit_suffixes: tuple[str, ...]  # -kan, -nya: verbs and possessives, not counted nouns
    id_heads: frozenset[str]
    keep_with_unit: frozenset[str]
    id_list: re.Pattern[str]  # on reversed text: `Pasal 2, 3, dan 5`, `desil 1 hingga 4`
    name_ok: frozenset[str]
    units_after_name: frozenset[str]
    exclude_before: frozenset[str]
    multiword: frozenset[str]
    unit_kinds: dict[str, str]
    exclude_after: re.Pattern[str]
    idioms: re.Pattern[str]  # matched at the numeral: `satu sisi`, `dua arah`
    range_gap: re.Pattern[str]
    range_after: re.Pattern[str]
    range_before: re.Pattern[str]  # on reversed text
    list_marker: re.Pattern[str]
    list_start: re.Pattern[str]
    partial: frozenset[str]
    parts_trigger: re.Pattern[str]
    total_before: re.Pattern[str]  # on reversed text
    filler: re.Pattern[str]
    money_before: re.Pattern[str]  # on reversed text: `uang`, `kerugian` ... a few words back
    scope_stop: frozenset[str]  # capitalised words that start a new clause, not a place
    possessive: frozenset[str]  # `4 muridnya`: nouns still counted with -nya
    others: frozenset[str]  # `86 lainnya`: the count before lends its unit


def _id_list_re(heads: Sequence[str]) -> re.Pattern[str]:
    """The reversed-text pattern for a number that continues a citation list.

    Separators are mandatory between the listed numbers and a digit run is
    taken whole (`(?!\\d)`), so no run can be split two ways: linear.
    """
    sep = r"(?:(?:nad|uata|atres|aggnih|iapmas)(?:[ \t]*,)?|,|-|–|/)"
    num = r"[a-z]?\d+(?!\d)"
    heads_rev = _alt([h[::-1] for h in heads])
    return re.compile(rf"(?i:[ \t]*{sep}[ \t]*(?:{num}[ \t]*{sep}[ \t]*){{0,12}}{num}[ \t]+\.?(?:{heads_rev})(?!\w))")


def _reversed_forms(words: Sequence[str]) -> list[str]:
    """Each word and its capitalised form, reversed, for matching on reversed text."""
    return [f[::-1] for w in words for f in (w, w[:1].upper() + w[1:])]


@functools.lru_cache(maxsize=1)
def _rules() -> _Rules:
    r = json_file("counts_rules.json")
    kinds: dict[str, str] = {}
    for u, k in tsv_rows("counts_units.tsv"):
        kinds[u] = k
        kinds.setdefault(u.casefold(), k)
    markers = _alt(r["list_markers"])
    return _Rules(
        not_unit=frozenset(w.casefold() for w in r["not_unit"]),
        not_unit_suffixes=tuple(r["not_unit_suffixes"]),
        id_heads=frozenset(w.casefold() for w in r["id_heads"]),
        keep_with_unit=frozenset(r["id_heads_keep_with_unit"]),
        id_list=_id_list_re(r["id_list_heads"]),
        name_ok=frozenset(r["name_ok_before"]),
        units_after_name=frozenset(r["units_after_name"]),
        exclude_before=frozenset(r["exclude_before"]),
        multiword=frozenset(w.casefold() for w in r["multiword_units"]),
        unit_kinds=kinds,
        exclude_after=re.compile(rf"[ \t]*(?i:{_alt(r['exclude_after'])})(?!\w)"),
        idioms=re.compile(rf"(?i:{_alt(r['idioms'])})(?!\w)"),
        range_gap=re.compile(rf"[ \t]*(?i:{_alt(r['range_connectors'])})[ \t]*\Z"),
        range_after=re.compile(rf"[ \t]*(?:{_alt(r['range_connectors'])})[ \t]*\w"),
        range_before=re.compile(rf"[ \t]*(?:{_alt([w[::-1] for w in r['range_connectors']])})[ \t]*[\w%]"),
        list_marker=re.compile(rf"\b(?P<m>{trie_pattern(r['list_markers'])})(?!\w)[ \t]*:?|(?P<colon>:)"),
        list_start=re.compile(rf"[ \t]*(?P<m>(?i:{markers}))(?!\w)[ \t]*[:,]?"),
        partial=frozenset(r["partial_list_markers"]),
        parts_trigger=re.compile(rf"[^.\n]{{0,40}}?\b(?P<p>{trie_pattern(r['parts_triggers'])})(?!\w)"),
        total_before=re.compile(
            r"[ \t]*(?:aynabes[ \t]+|iapacnem[ \t]+)?[ \t:]*"
            rf"{trie_pattern(_reversed_forms(r['total_triggers']), capitalized=False)}(?!\w)"
        ),
        money_before=re.compile(
            r"(?:[ \t]+\S+(?=[ \t])){0,5}?[ \t]+"
            rf"{trie_pattern(_reversed_forms(r['money_cues']), capitalized=False)}(?!\w)"
        ),
        scope_stop=frozenset(r["scope_stop"]),
        possessive=frozenset(w.casefold() for w in r["possessive_units"]),
        others=frozenset(w.casefold() for w in r["others_words"]),
        filler=re.compile(rf"^(?:(?i:{_alt(r['list_fillers'])})\s+)+"),
    )


# ---------------------------------------------------------------- small patterns

_WORD = r"[^\W\d_][\w²³]*"
_UNIT_RE = re.compile(rf"[ \t]{{0,2}}(?P<u>%|{_WORD}(?:/{_WORD})?)")
_GAP_RE = re.compile(r"[ \t]*(?:\((?P<w>[a-zA-Z]+(?:[ \t][a-zA-Z]+){0,3})\)|lebih(?=[ \t]))")
_NEXT_RE = re.compile(rf"[ \t](?P<w>{_WORD})")
# Both read the reversed text before a number (anchored matches, no search).
_PREV_REV_RE = re.compile(r"[ \t]+\.?(?P<w>[\w-]+)")
_SENT_REV_RE = re.compile(r"[ \t]*(?:[.!?\n\"“”(:]|\Z)")
_SCOPE_RE = re.compile(
    r"[ \t]+(?:lainnya[ \t]+|yang[ \t]+ada[ \t]+)?"
    r"(?P<sc>se-?[ \t]?[A-Z][\w-]*(?:[ \t][A-Z][\w-]*){0,3}"
    r"|di[ \t]+luar[ \t]+[A-Z][\w-]*(?:[ \t][A-Z][\w-]*){0,3}"
    r"|di[ \t]+(?:seluruh[ \t]+)?[A-Z][\w-]*(?:[ \t][A-Z][\w-]*){0,3})"
)
_SENT_END_RE = re.compile(r"[.!?](?=[\s\"”’)]*(?:\s[A-Z\"“]|\Z))|\n")
_COMMA_SPLIT_RE = re.compile(r"\s*[,;]\s*(?:(?:dan|serta)\s+)?")
_AND_SPLIT_RE = re.compile(r"\s+(?:dan|serta)\s+")
_PAREN_RE = re.compile(r"\([^()]{0,80}\)")
_YEAR_RE = re.compile(r"(?:19|20)\d\d")
_CITATION_YEAR_RE = re.compile(r"[ \t]+(?:19|20)\d\d(?!\d)")
_TIME_HEADS = frozenset({"pukul", "pkl", "jam"})


@dataclass(slots=True)
class _Cand:
    """A numeral on its way to becoming a Count."""

    start: int
    num_end: int
    pn: ParsedNumber
    value: int | float
    unit: str | None = None
    unit_end: int = 0
    kind: str = "count"
    qualifier: str | None = None
    approximate: bool = False
    scope: str | None = None
    members: tuple[str, ...] = ()
    list_span: tuple[int, int] | None = None
    partial_list: bool = False
    sent_end: int = -1  # end of the sentence after the count, once looked up
    others: bool = False  # `86 lainnya`: waits for the unit of the count before it


def _scaled(value: int | float, factor: int) -> int | float:
    v = value * factor
    if isinstance(v, float) and v.is_integer():
        return int(v)
    return round(v, 6) if isinstance(v, float) else v


# ---------------------------------------------------------------- extraction


def extract_counts(
    text: str,
    zones: ZoneMap | None = None,
    blocked: Sequence[tuple[int, int]] = (),
) -> tuple[list[Count], list[Finding]]:
    """Find the counts of `text` and the consistency findings they invite.

    `zones` limits results to content (None: the whole text is content);
    `blocked` are spans already taken (dates), which no count may overlap.
    Usable without spaCy: the component is a thin wrapper around this.
    """
    if not text:
        return [], []
    rules = _rules()
    zmap = zones if zones is not None else ZoneMap.whole(len(text))
    blocked_sorted = sorted(blocked)
    b_starts = [b[0] for b in blocked_sorted]
    cands: list[_Cand] = []
    for s, e, pn in iter_numbers(text, years=False):
        c = _candidate(text, s, e, pn, rules, zmap, blocked_sorted, b_starts)
        if c is not None:
            cands.append(c)
    cands = _link_ranges(text, cands, rules)
    _lend_others(text, cands)
    kept = [c for i, c in enumerate(cands) if c.unit is not None and _indefinite_ok(text, i, cands)]
    _attach_scope_and_lists(text, kept, rules)
    counts = [
        Count(
            start=c.start,
            end=c.unit_end,
            text=text[c.start : c.unit_end],
            value=c.value,
            unit=c.unit,
            kind=c.kind,
            approximate=c.approximate,
            qualifier=c.qualifier,
            scope=c.scope,
            members=c.members,
        )
        for c in kept
    ]
    if _DOT_DECIMAL_GATE.search(text) is not None:  # the full pattern costs a fifth of the component
        extra = _dot_decimals(text, zmap, blocked_sorted, b_starts, rules, counts)
        if extra:
            counts = sorted([*counts, *extra], key=lambda c: c.start)
    findings = _findings(text, kept, rules)
    return counts, findings


# `naik 17.20 poin (1.05%)`: market data copied from English sources keeps
# the decimal point.  A dot followed by one or two digits cannot group
# thousands, and with a percent or point unit after it the figure is no time
# of day (`pukul 17.20` has none), so it reads as a decimal.
_DOT_DECIMAL_GATE = re.compile(r"\.\d{1,2}(?![\d.,])[ \t]?(?:%|persen|poin)")
_DOT_DECIMAL_RE = re.compile(r"(?<![\w.,/:-])(\d{1,3})\.(\d{1,2})(?![\d.,])(?:[ \t]?(%)|[ \t](persen|poin)(?!\w))")


def _dot_decimals(
    text: str,
    zmap: ZoneMap,
    blocked: Sequence[tuple[int, int]],
    b_starts: Sequence[int],
    rules: _Rules,
    counts: Sequence[Count],
) -> list[Count]:
    out: list[Count] = []
    c_starts = [c.start for c in counts]
    for m in _DOT_DECIMAL_RE.finditer(text):
        s, e = m.start(), m.end()
        if not zmap.allows(s) or (blocked and _overlaps(s, e, blocked, b_starts)):
            continue
        i = bisect.bisect_left(c_starts, e)
        if i and counts[i - 1].end > s:
            continue  # already read by the numeral scan (counts do not nest)
        prev = _PREV_REV_RE.match(text[max(0, s - 30) : s][::-1])
        if prev is not None and prev.group("w")[::-1].casefold() in _TIME_HEADS:
            continue
        unit = m.group(3) or m.group(4)
        kind = "percent" if unit in ("%", "persen") else rules.unit_kinds.get(unit, "measure")
        value = float(f"{m.group(1)}.{m.group(2)}")
        out.append(Count(start=s, end=e, text=text[s:e], value=value, unit=unit, kind=kind))
    return out


def _overlaps(s: int, e: int, spans: Sequence[tuple[int, int]], starts: Sequence[int]) -> bool:
    """Does [s, e) overlap a blocked span?  Dates barely nest, so the three
    spans starting last before `e` are enough, and the test stays O(log n)."""
    i = bisect.bisect_left(starts, e)
    return any(spans[j][1] > s for j in range(i - 1, max(-1, i - 4), -1))


def _candidate(
    text: str,
    s: int,
    e: int,
    pn: ParsedNumber,
    rules: _Rules,
    zmap: ZoneMap,
    blocked: Sequence[tuple[int, int]],
    b_starts: Sequence[int],
) -> _Cand | None:
    """Decide whether one numeral can be a count and read its unit; None drops it.

    The cheap tests come first: most numerals (years, dates, codes) fall at
    the zone, date or unit test before the context around them is read.
    """
    if not zmap.allows(s):
        return None
    if blocked and _overlaps(s, e, blocked, b_starts):
        return None
    raw = pn.text
    first = raw[0]
    is_digits = first.isdigit()
    unit: str | None = None
    unit_end = e
    kind = "count"
    start = s
    others = False
    # --- the unit
    if pn.percent:
        unit, kind = "%", "percent"
    elif pn.currency is not None:
        unit, kind = ("Rp" if pn.currency.casefold() == "rp" else pn.currency), "money"
    elif s and text[s - 1] == "$":
        start, unit, kind = s - 1, "$", "money"  # `$1 miliar`: `$` is no word, so the scan starts after it
    elif pn.unit is not None:
        unit, kind = pn.unit, "measure"
    else:
        ue = e
        gm = _GAP_RE.match(text, e)
        if gm is not None and (
            (gm.group("w") is not None and words_to_int(gm.group("w").casefold()) == pn.value)
            or (gm.group("w") is None and pn.scale > 1)
        ):
            # `2 (dua) orang` spells the number out; `35 juta lebih KPM` puts
            # `lebih` between a scaled number and what it counts.
            ue = gm.end()
        um = _UNIT_RE.match(text, ue)
        if um is not None:
            u = um.group("u")
            ul = u.casefold()
            if ul in rules.others and pn.kind in ("cardinal", "approximate"):
                others = True  # `86 lainnya`: the unit comes from the count before (see _lend_others)
                unit_end = um.end()
            elif len(ul) > 5 and ul.endswith("nya") and (ul[:-3] in rules.possessive or ul[:-3] in rules.unit_kinds):
                # `4 muridnya`, `70 persennya`: a possessive still counts; the unit is the noun
                unit, unit_end = u[:-3], um.end()
                kind = rules.unit_kinds.get(unit) or rules.unit_kinds.get(unit.casefold(), "count")
            elif (
                ul not in rules.not_unit
                and (len(u) > 1 or u in rules.unit_kinds)
                and not (ul.endswith(rules.not_unit_suffixes) and ul not in rules.unit_kinds)
            ):
                unit_end = um.end()
                nm = _NEXT_RE.match(text, unit_end)
                if nm is not None and f"{ul} {nm.group('w').casefold()}" in rules.multiword:
                    u = f"{u} {nm.group('w')}"
                    unit_end = nm.end()
                unit = u
                kind = rules.unit_kinds.get(um.group("u")) or rules.unit_kinds.get(ul, "count")
        if (
            unit is None
            and not others
            and abs(pn.value) < _BIG
            and not (rules.range_after.match(text, e) or rules.range_before.match(text[max(0, s - 16) : s][::-1]))
        ):
            # A bare number is kept only when a range partner may lend it a unit,
            # or when it is big enough to continue the figures before it (`hingga 4 juta.`).
            return None
    if rules.exclude_after.match(text, e) or (not is_digits and rules.idioms.match(text, s)):
        return None  # `satu per satu`, `di satu sisi`, `dua arah`: idioms, not counts
    if unit is not None and unit.casefold() == "tahun" and _CITATION_YEAR_RE.match(text, unit_end):
        return None  # `Nomor 138 Tahun 2024`: a legal citation
    if is_digits and pn.currency is None and not pn.percent:
        digits = raw.split()[0]
        if len(digits) > 1 and digits[0] == "0" and "," not in digits:
            return None  # codes and phone numbers keep their leading zero
        if len(digits) == 4 and pn.scale == 1 and _YEAR_RE.fullmatch(digits):
            return None  # a year
        if len(digits) >= 9 and "." not in digits:
            return None  # an unformatted long number is an id or a phone number
    # --- the word before: identifiers, times, names (read on the reversed window)
    rev = text[max(0, s - 60) : s][::-1]
    pm = _PREV_REV_RE.match(rev)
    prev = pm.group("w")[::-1] if pm else ""
    if prev and not prev[0].isalpha():
        prev = ""
    prev_l = prev.casefold()
    if prev_l in rules.exclude_before and pn.value == 1:
        return None  # salah satu
    # `pukul 10` and `jam 9` are times, but `1 jam 12 menit` goes on counting;
    # `40 jam seminggu` is a rate, so a se-word (`seminggu`) after `jam` stays out
    duration_tail = prev_l == "jam" and pn.unit is None and pm is not None and _after_count(rev, pm)
    if prev_l in _TIME_HEADS and pn.currency is None and not duration_tail:
        return None
    head = pn.currency is None and prev_l in rules.id_heads and not duration_tail
    if not head and kind == "count" and is_digits and rules.id_list.match(rev):
        return None  # `Pasal 362 dan 363 KUHP`: the second number is cited too
    if head and kind not in ("percent", "money"):
        if prev_l not in rules.keep_with_unit:
            return None  # Nomor 7, lantai 5, tahun 2024
        if unit is None and not rules.range_after.match(text, e):
            return None  # `usia 60` without a unit is a label, `usia 17 tahun` a count
    if (
        pm is not None
        and prev
        and pn.currency is None
        and not head
        and prev[0].isupper()
        and not _ends_sentence(rev, pm, prev)
    ):
        if prev.isupper() and len(prev) > 1:
            in_name = True  # SMAN 1, PP 12, KM 57
        else:
            in_name = (
                prev_l not in rules.name_ok
                and not _SENT_REV_RE.match(rev, pm.end())
                and zmap.kind_at(s) != "title"  # Lantai 2, Jalan Merdeka 5
            )
        if in_name and kind == "count" and (unit is None or unit.split()[0].casefold() not in rules.units_after_name):
            # `Jawa Barat 20 Provinsi` is a count and `SUV 200 kW` a measure;
            # `SMAN 1 Bandung` is a name.
            return None
    if (
        not is_digits
        and pn.currency is None
        and first.isupper()
        and prev_l not in rules.name_ok
        and not _SENT_REV_RE.match(rev)
        and zmap.kind_at(s) != "title"
    ):
        return None  # a number word inside a name
    c = _Cand(start=start, num_end=e, pn=pn, value=pn.value, unit=unit, unit_end=unit_end, kind=kind, others=others)
    c.approximate = pn.approximate
    if pn.kind == "approximate":
        c.qualifier = raw.split()[0].casefold() if not is_digits else "-an"
    q = qualifier_before(text, s)
    if q is not None:
        c.qualifier = q[1]
        c.approximate = c.approximate or q[2]
    return c


def _after_count(rev: str, pm: re.Match[str]) -> bool:
    """Whether the word before `jam` (read on the reversed window) is a number: `1 jam 12 menit`."""
    m2 = _PREV_REV_RE.match(rev, pm.end())
    if m2 is None:
        return False
    w = m2.group("w")[::-1]
    return w.isdigit() or words_to_int(w.casefold()) is not None


def _ends_sentence(rev: str, pm: re.Match[str], prev: str) -> bool:
    """`Kamboja. Puluhan WNI`: a full stop after a word (not an abbreviation
    such as `Jl.` or `No.`) ends the sentence, so the number opens the next
    one and is no part of a name."""
    # `SejarahVol. 6`: words glued by the scraper end in an abbreviation, not a sentence
    return rev[pm.start("w") - 1 : pm.start("w")] == "." and len(prev) >= 4 and prev[1:].islower()


def _lend_others(text: str, cands: list[_Cand]) -> None:
    """`11 orang dirawat, sementara 86 lainnya ditahan`: `lainnya` counts
    what the count before it counted.  Only a count of things (not money or
    a percentage) in the same paragraph, at most 250 characters back, lends
    its unit; with none, the number stays without a unit and is dropped."""
    last: _Cand | None = None
    for c in cands:
        if c.others and c.unit is None:
            if last is not None and c.start - last.unit_end <= 250 and "\n" not in text[last.unit_end : c.start]:
                c.unit, c.kind = last.unit, last.kind
        elif c.unit is not None and c.kind in ("count", "measure") and not c.others:
            last = c


def _link_ranges(text: str, cands: list[_Cand], rules: _Rules) -> list[_Cand]:
    """Give a bare number the unit (and scale) of its range partner: `3,5 sampai 4 juta ton`.

    Then a big bare figure continues the unit of the last big figure before
    it (`... 3,28 juta ton ... surplus hingga 4 juta.`), and ranges are
    linked once more so its partner gets that unit too.
    """
    _pair_ranges(text, cands, rules)
    last: _Cand | None = None
    for c in cands:
        if c.unit is None and abs(c.value) >= _BIG:
            if rules.money_before.match(text[max(0, c.start - 60) : c.start][::-1]):
                c.unit, c.kind = "Rp", "money"  # `kerugian negara hampir satu triliun`
            elif last is not None and c.start - last.unit_end <= 600:
                c.unit, c.kind = last.unit, last.kind
        if c.unit is not None and abs(c.value) >= _BIG and c.pn.kind != "approximate":
            last = c
    _pair_ranges(text, cands, rules)
    return cands


def _pair_ranges(text: str, cands: list[_Cand], rules: _Rules) -> None:
    for a, b in itertools.pairwise(cands):
        if b.start - a.unit_end > 16 or (a.unit is not None and b.unit is not None):
            continue
        if not rules.range_gap.match(text[a.unit_end : b.start]):
            continue
        if b.kind == "percent" and (a.pn.scale > 1 or abs(a.value) > 1000):
            continue  # `2 juta atau 15%` restates a figure, it is no range
        if a.unit is None and b.unit is not None:
            a.unit, a.kind = b.unit, b.kind
            if b.pn.scale > 1 and a.pn.scale == 1 and a.pn.currency is None:
                a.value = _scaled(a.value, b.pn.scale)
        elif a.kind == "money" and b.unit is None and b.pn.currency is None:
            b.unit, b.kind = a.unit, "money"
            if b.pn.scale > 1 and a.pn.scale == 1:
                a.value = _scaled(a.value, b.pn.scale)


_BIG = 1_000_000  # from a million on, a figure without a unit is an amount of the topic at hand


def _indefinite_ok(text: str, i: int, cands: list[_Cand]) -> bool:
    """`seorang`/`sebuah` count only inside a run of counts (`tiga camat dan seorang lurah`).

    Only the neighbouring numerals are looked at, so the cost stays flat
    however many numbers an article holds.
    """
    c = cands[i]
    if c.pn.kind != "indefinite":
        return True
    for j in (i - 1, i + 1):
        if not 0 <= j < len(cands):
            continue
        o = cands[j]
        if o.unit is None:
            continue
        gap = text[o.unit_end : c.start] if j < i else text[c.unit_end : o.start]
        if len(gap) <= 40 and _LIST_GAP_RE.fullmatch(gap):
            return True
    return False


_LIST_GAP_RE = re.compile(r"[\s,]*(?:(?:dan|serta)\s+)?[^\d.\n]{0,30}?[\s,]*(?:dan|serta)?\s*")


def _sentence_end(text: str, pos: int, limit: int = 400) -> int:
    m = _SENT_END_RE.search(text, pos, min(len(text), pos + limit))
    return m.start() if m else min(len(text), pos + limit)


def _attach_scope_and_lists(text: str, kept: list[_Cand], rules: _Rules) -> None:
    starts = [c.start for c in kept]
    for i, c in enumerate(kept):
        if c.kind != "count":
            continue
        sm = _SCOPE_RE.match(text, c.unit_end)
        if sm is not None:
            c.scope = _trim_scope(sm.group("sc"), rules)
        if c.approximate:
            continue
        nxt = kept[i + 1].start if i + 1 < len(kept) else len(text)
        end = c.sent_end = _sentence_end(text, c.unit_end)
        # A list announced by a count starts within a short clause of it.
        lm = rules.list_marker.search(text, c.unit_end, min(end, nxt, c.unit_end + 160))
        lst_start = -1
        marker = ""
        if lm is not None:
            lst_start, marker = lm.end(), (lm.group("m") or ":")
        elif end < len(text) and end < nxt:
            # `... tiga kabupaten. Yakni, A, B, dan C.`
            ns = _LEAD_RE.match(text, end + 1)
            if ns is not None:
                sm2 = rules.list_start.match(text, ns.end())
                if sm2 is not None:
                    lst_start, marker = sm2.end(), sm2.group("m")
                    end = _sentence_end(text, lst_start)
        if lst_start < 0:
            continue
        if bisect.bisect_left(starts, end, i + 1) > bisect.bisect_left(starts, lst_start, i + 1):
            continue  # a list of counts: parts, not members
        members = _split_items(text[lst_start:end], rules)
        if len(members) >= 2:
            c.members = tuple(members)
            c.list_span = (lst_start, end)
            c.partial_list = marker.casefold() in rules.partial


def _trim_scope(scope: str, rules: _Rules) -> str:
    """Cut a scope where the next clause's subject begins (`di Pekanbaru Pemprov Riau ...`)."""
    words = scope.split(" ")
    for k in range(2, len(words)):
        if words[k] in rules.scope_stop:
            return " ".join(words[:k])
    return scope


_LEAD_RE = re.compile(r"[\s\"”’)]*")


def _split_items(s: str, rules: _Rules) -> list[str]:
    """The items of a list, or [] when the text after the marker is prose.

    A list of names (every item capitalised) is trusted; a list of short
    common-noun items (`fashion, kuliner, kriya`) too; anything else is a
    sentence that happens to contain commas.
    """
    q = _QUOTE_END_RE.search(s)
    if q is not None:
        s = s[: q.start()]  # a quotation closes the list: `..., dan C," kata X`
    s = _PAREN_RE.sub(" ", s)
    out: list[str] = []
    # Commas separate items; `dan`/`serta` only in the last one (`A, B dan C`),
    # because names keep their own `dan` (`Biro Pemerintahan dan Otonomi Daerah`).
    parts = _COMMA_SPLIT_RE.split(s)
    parts[-1:] = _AND_SPLIT_RE.split(parts[-1])
    for part in parts:
        item = rules.filler.sub("", part.strip(" \t\"“”'.:")).strip()
        if not item:
            continue
        if len(item.split()) > 6:
            break  # the list has turned back into prose
        out.append(item)
    if all(it[0].isupper() or it[0].isdigit() for it in out):
        return out
    if all(len(it.split()) <= 2 for it in out):
        return out
    return []


_QUOTE_END_RE = re.compile(r"[\"”]")


def _findings(text: str, kept: list[_Cand], rules: _Rules) -> list[Finding]:
    out: list[Finding] = []
    for c in kept:
        if c.members and isinstance(c.value, int) and c.value > 1 and all(m[0].isupper() for m in c.members):
            n = len(c.members)
            ok = n <= c.value if c.partial_list else n == c.value
            what = "at most" if c.partial_list else "exactly"
            out.append(
                Finding(
                    kind="list_length",
                    ok=ok,
                    message=f"'{text[c.start : c.unit_end]}' is followed by a list of {n} "
                    f"({what} {c.value} expected): {'agrees' if ok else 'disagrees'}",
                    start=c.start,
                    end=c.list_span[1] if c.list_span else c.unit_end,
                    expected=c.value,
                    actual=n,
                )
            )
    out.extend(_parts_findings(text, kept, rules))
    return out


def _parts_findings(text: str, kept: list[_Cand], rules: _Rules) -> list[Finding]:
    out: list[Finding] = []
    used: set[int] = set()
    starts = [c.start for c in kept]
    for i, t in enumerate(kept):
        if t.kind not in ("count", "money") or i in used:
            continue
        # total first: `76 Pemerintah Daerah, melibatkan 27 ..., 20 ... dan 29 ...`
        nxt = kept[i + 1].start if i + 1 < len(kept) else len(text)
        # The trigger pattern stops at a full stop by itself; the sentence end is
        # only looked up once a trigger is there.
        tm = rules.parts_trigger.match(text, t.unit_end, nxt)
        parts: list[int] = []
        if tm is not None:
            end = t.sent_end if t.sent_end >= 0 else _sentence_end(text, t.unit_end)
            hi = bisect.bisect_left(starts, end, i + 1)
            parts = [j for j in range(i + 1, hi) if kept[j].kind == t.kind]
        else:
            # total last: `... 20 ... dan 29 ... dengan total 76 ...`
            if rules.total_before.match(text[max(0, t.start - 40) : t.start][::-1]) is None:
                continue
            begin = _sentence_begin(text, t.start)
            lo_i = bisect.bisect_left(starts, begin, 0, i)
            parts = [j for j in range(lo_i, i) if kept[j].kind == t.kind]
        if len(parts) < 2 or len(parts) == t.value:
            # As many parts as the total counts: `3 kelompok: 24 ..., 19 ..., 12 ...`
            # describes each member, it does not break the total down.
            continue
        partial = tm is not None and tm.group("p").casefold() in rules.partial
        total = sum(kept[j].value for j in parts)
        # Rounded figures (`Rp 402,61 miliar`) may miss by their rounding: allow half
        # a unit of the last written decimal for each number involved.
        slack = sum(_rounding(kept[j].pn) for j in [i, *parts]) / 2
        # After `di antaranya` the parts may be only some of the total.
        exact = abs(total - t.value) <= max(slack, 1e-6 * max(1.0, abs(t.value)))
        ok = total <= t.value + slack if partial else exact
        lo = min(t.start, kept[parts[0]].start)
        hi = max(t.unit_end, kept[parts[-1]].unit_end)
        shown = " + ".join(text[kept[j].start : kept[j].num_end] for j in parts)
        out.append(
            Finding(
                kind="parts_sum",
                ok=ok,
                message=f"{shown} = {_fmt(total)} {_verdict(ok, partial)} the total '{text[t.start : t.unit_end]}'",
                start=lo,
                end=hi,
                expected=t.value,
                actual=total,
            )
        )
        used.update(parts)
    return out


def _verdict(ok: bool, partial: bool) -> str:
    if partial:
        return "fits within" if ok else "exceeds"
    return "equals" if ok else "does not equal"


def _rounding(pn: ParsedNumber) -> float:
    """The unit of the last decimal written (`402,61 miliar` -> 10 000 000), 0 when exact."""
    digits = pn.text.split(",", 1)
    if len(digits) < 2:
        return 0.0
    k = len(_DECIMALS_RE.match(digits[1]).group())  # type: ignore[union-attr]
    return float(pn.scale) * 10.0**-k if k else 0.0


_DECIMALS_RE = re.compile(r"\d*")
_SENT_BEGIN_RE = re.compile(r"[.!?\n][^.!?\n]*\Z")


def _sentence_begin(text: str, pos: int) -> int:
    lo = max(0, pos - 400)
    m = _SENT_BEGIN_RE.search(text, lo, pos)
    return m.start() + 1 if m else lo


def _fmt(v: int | float) -> str:
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    return f"{v:,}".replace(",", "~").replace(".", ",").replace("~", ".")


# ---------------------------------------------------------------- component


class CountsComponent:
    """Pipeline component `berita_counts`: fills `state.counts` and adds findings."""

    def __call__(self, doc: Doc) -> Doc:
        st = get_state(doc)
        text = article_text(doc)  # shared copy: `doc.text` re-joins every token
        try:
            blocked = [(d.start, d.end) for d in st.dates]
            counts, findings = extract_counts(text, st.zone_map(doc), blocked)
        except Exception as e:  # noqa: BLE001 - a count is never worth losing the article
            # Not silent: the reason stays on the state for whoever debugs the batch.
            st.extra.setdefault("errors", []).append(f"berita_counts: {type(e).__name__}: {e}")
            counts, findings = [], []
        st.counts.extend(counts)
        st.findings.extend(findings)
        set_spans(doc, SPANS_GROUP, [(c.start, c.end, c.kind) for c in counts])
        return doc


@Language.factory("berita_counts")
def make_counts(nlp: Language, name: str) -> CountsComponent:
    return CountsComponent()
