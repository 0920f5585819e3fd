"""The berita_dates component: every date expression, normalised to ISO 8601.

Indonesian news writes dates in a handful of house styles (`Senin
(5/2/2024)`, `5 Februari 2024`, `kuartal III-2025`, `Selasa lalu`), and the
general tools misread them: dateparser takes `(5/2/24)` for 2 May and `1,5`
for a date.  So the search is ours: one grammar (an alternation of
branches built from the word lists in `data/dates_lexicon.json`, every
word list a prefix trie, no nested quantifiers), tried only at the offsets
where a date can start, which one Aho-Corasick pass over the lower-cased
text finds.  Each match becomes a small candidate; a second, cheap pass
over the few candidates resolves
year-less and relative dates against the publication date (or a date
inferred from the article when none was given), checks written weekdays
against the calendar and attaches a time of day.

`find_dates` is the pure function (text in, `DateItem`s out) that tests and
benchmarks call directly; `DatesComponent` wraps it for the spaCy pipeline.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import ahocorasick
from spacy.language import Language
from spacy.tokens import Doc

from .datafiles import json_file
from .patterns import trie_regex
from .records import DateItem
from .state import article_text, get_state, set_spans

__all__ = ["DatesComponent", "find_dates", "make_dates"]


# --------------------------------------------------------------------------
# Lexicon and the compiled matcher (built once per process)
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class _Lexicon:
    months: dict[str, int]
    bare_months: frozenset[str]
    bare_month_before: frozenset[str]
    weekdays: dict[str, int]
    weekday_names: tuple[str, ...]
    parts_of_day: tuple[str, ...]
    time_zones: tuple[str, ...]
    hijri: tuple[str, ...]
    numbers: dict[str, int]
    vague: frozenset[str]
    units: dict[str, str]
    ago: frozenset[str]
    ahead: frozenset[str]
    deictic: dict[str, int]
    directions: dict[str, int]
    period_parts: tuple[str, ...]
    quarter_words: dict[str, int]
    ordinals: dict[str, int]
    suffixes: tuple[str, ...]
    year_prefixes: tuple[str, ...]
    year_blockers: frozenset[str]
    year_blocker_phrases: re.Pattern[str]
    duration_before: frozenset[str]
    legal_after: frozenset[str]
    count_units: frozenset[str]
    recurring: frozenset[str]
    tense: dict[str, int]
    anaphoric_directions: dict[str, int]
    speech_verbs: frozenset[str]
    long_range_before: frozenset[str]
    month_year_words: frozenset[str]
    month_year_re: re.Pattern[str]


_SPACES = re.compile(r"\s+")


@functools.lru_cache(maxsize=4096)
def _norm(word: str) -> str:
    """Fold case and the apostrophe variants of `Jum'at` so lookups are exact (cached: words repeat)."""
    return _SPACES.sub(" ", word.lower().replace("’", "'").replace("`", "'").replace("‘", "'")).strip(" .")


@functools.lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    raw: dict[str, Any] = json_file("dates_lexicon.json")
    months = {_norm(k): int(v) for k, v in raw["months"].items()}
    months.update({_norm(k): int(v) for k, v in raw["month_abbreviations"].items()})
    return _Lexicon(
        months=months,
        bare_months=frozenset(_norm(x) for x in raw["bare_month_names"]),
        bare_month_before=frozenset(_norm(x) for x in raw["bare_month_context_before"]),
        weekdays={_norm(k): int(v) for k, v in raw["weekdays"].items()},
        weekday_names=tuple(raw["weekday_names"]),
        parts_of_day=tuple(raw["parts_of_day"]),
        time_zones=tuple(raw["time_zones"]),
        hijri=tuple(raw["hijri_months"]),
        numbers={_norm(k): int(v) for k, v in raw["number_words"].items()},
        vague=frozenset(raw["vague_counts"]),
        units=dict(raw["relative_units"]),
        ago=frozenset(_norm(x) for x in raw["ago_words"]),
        ahead=frozenset(_norm(x) for x in raw["ahead_words"]),
        deictic={_norm(k): int(v) for k, v in raw["deictic_days"].items()},
        directions={_norm(k): int(v) for k, v in raw["unit_directions"].items()},
        period_parts=tuple(raw["period_parts"]),
        quarter_words={_norm(k): int(v) for k, v in raw["quarter_words"].items()},
        ordinals={_norm(k): int(v) for k, v in raw["ordinals"].items()},
        suffixes=tuple(raw["date_suffixes"]),
        year_prefixes=tuple(raw["year_prefixes"]),
        year_blockers=frozenset(_norm(x) for x in raw["year_name_blockers"]),
        # names of several words (`Undang-Undang Dasar 1945`) end right before the year
        year_blocker_phrases=re.compile(
            r"(?<![\w-])(?:"
            + "|".join(re.escape(x) for x in raw["year_name_blocker_phrases"])
            + r")\s*(?:\([^()\n]{1,15}\)\s*)?$",
            re.IGNORECASE,
        ),
        duration_before=frozenset(_norm(x) for x in raw["duration_before"]),
        legal_after=frozenset(_norm(x) for x in raw["legal_after"]),
        count_units=frozenset(_norm(x) for x in raw["year_count_units"]),
        recurring=frozenset(_norm(x) for x in raw["recurring_before"]),
        tense={**{_norm(x): 1 for x in raw["tense_future"]}, **{_norm(x): -1 for x in raw["tense_past"]}},
        anaphoric_directions={_norm(k): int(v) for k, v in raw["anaphoric_directions"].items()},
        speech_verbs=frozenset(_norm(x) for x in raw["speech_verbs"]),
        long_range_before=frozenset(_norm(x) for x in raw["long_year_range_before"]),
        month_year_words=frozenset(_norm(x) for x in raw["month_year_words"]),
        # the year words right after a bare month, one or two blanks away
        month_year_re=re.compile(
            r"[ \t]{1,2}(?:"
            + "|".join(r"[ \t]+".join(map(re.escape, x.split())) for x in raw["month_year_words"])
            + r")(?![\w])"
        ),
    )


def _tok(ch: str) -> str:
    if ch == " ":
        return r"\s+"
    if ch == "'":
        return "['’`‘]"
    return re.escape(ch)


def _alt(words: Sequence[str]) -> str:
    """A regex matching any of `words`, as a prefix trie, longest first.

    A flat alternation of 50 month spellings costs 50 failed tries at every
    number followed by a word; the trie costs one per letter.  Greedy
    optional tails keep `September` ahead of `Sept` ahead of `Sep`.  Spaces
    inside a phrase match any run of whitespace; apostrophes any variant.
    """
    return "(?:" + trie_regex(set(words), _tok) + ")"


@dataclass(frozen=True)
class _Matcher:
    master: re.Pattern[str]
    automaton: Any  # ahocorasick.Automaton: trigger -> (length, lower-case grammar, full grammar)
    digit_rules: tuple[re.Pattern[str], re.Pattern[str]]
    time_after: re.Pattern[str]
    before_legal: re.Pattern[str]
    gap_coord: re.Pattern[str]
    gap_merge: re.Pattern[str]
    day_span_end: re.Pattern[str]
    time_hints: tuple[str, ...]


_ORDER = ["A", "B", "N", "C", "D", "E", "F", "H", "I", "J", "L", "M", "Q", "K", "O", "P"]
_NUMBER_OPENERS = " \n\t\r\xa0([\"'“‘«:;,"
"""Branch order of the grammar: at one offset the first branch that matches wins."""


def _trigger_words(lx: _Lexicon) -> dict[str, set[str]]:
    """Every word a branch can start with, and the branches that can start with it.

    Numbers and `(` get their own automaton keys (see `_matcher`);
    everything else starts with one of these words, so the grammar is only
    tried at these offsets and only with the branches that can match there.
    """
    classes: list[tuple[list[str], str]] = [
        ([*lx.weekdays, "jum'at"], "ABNO"),
        (["hari"], "ABNMO"),
        (["tanggal", "tgl"], "BD"),
        (list(lx.months), "FP"),
        (["bulan"], "FPQK"),
        (list(lx.year_prefixes), "HIK"),
        (["pekan", "minggu"], "K"),
        (list(lx.period_parts), "FIKP"),
        (list(lx.quarter_words), "E"),
        ([*lx.numbers, *lx.vague], "J"),
        (["se" + u for u in lx.units], "J"),
        ([*lx.parts_of_day, "tadi"], "L"),
        (list(lx.deictic), "M"),
    ]
    keys: dict[str, set[str]] = {}
    for words, branches in classes:
        for ph in words:
            first = _norm(ph).split(" ")[0]
            variants = {first, first.rstrip(".")}
            if "'" in first:
                variants |= {first.replace("'", q) for q in "’`‘"}
            for v in variants:
                if len(v) >= 3:  # `ta`, `kw` would hit inside every other word; digits trigger those
                    keys.setdefault(v, set()).update(branches)
    return keys


@functools.lru_cache(maxsize=1)
def _matcher() -> _Matcher:
    lx = _lexicon()
    wd = _alt([w for w in lx.weekdays] + ["jum'at"])
    # `minggu` is also "week": alone or with a direction only the capitalised word is Sunday
    wd_no_sunday = _alt([w for w in lx.weekdays if w != "minggu"])
    wd_cased = "(?:" + wd_no_sunday + "|(?-i:Minggu|MINGGU))"
    mon_full = _alt([k for k in lx.months if len(k) > 4 or k in ("mei", "juni", "juli", "may", "june", "july")])
    mon_any = "(?:" + _alt(list(lx.months)) + r"\.?)"
    pod = _alt(lx.parts_of_day)
    sfx = _alt(lx.suffixes)
    num_w = _alt(list(lx.numbers))
    unit = _alt(list(lx.units))
    ago_ahead = _alt(sorted(lx.ago | lx.ahead))
    dirs = _alt(list(lx.directions))
    parts = _alt(lx.period_parts)
    qword = _alt(list(lx.quarter_words))
    ords = r"(?:iv|i{1,3}|[1-4]|pertama|kedua|ketiga|keempat|satu|dua|tiga|empat|awal|akhir|terakhir)"
    deictic = _alt(list(lx.deictic))
    hijri = _alt(lx.hijri)
    ypre = _alt(lx.year_prefixes)
    rng = r"(?:-|–|—|s\.?\s?d\.?|sampai(?:\s+dengan)?|hingga|dan|atau)"
    rng_span = r"(?:-|–|—|s\.?\s?d\.?|sampai(?:\s+dengan)?|hingga)"
    y4 = r"(?:19|20)\d\d"
    end_num = r"(?![\d/]|[.,-]\d)"  # a number must not go on (no 5/2/20245, no 2024,5)
    # lower case only: a capitalised `Ini` after a date opens the next sentence
    suffix = rf"(?:\s+(?P<{{g}}>(?-i:{sfx}))(?!\w))?"

    def sx(g: str) -> str:
        return suffix.format(g=g)

    # A: weekday + numbers: `Senin (5/2/2024)`, `hari senin, (5/2/24)`, `Rabu, 9-5-2018`
    nums_a = (
        rf"(?:(?P<a_d0>\d{{1,2}})\s*(?P<a_rng>{rng})\s*)?"
        rf"(?:(?P<a_d>\d{{1,2}})\s?/\s?(?P<a_m>\d{{1,2}})(?:\s?/\s?(?P<a_y>\d{{4}}|\d{{2}}))?"
        rf"|(?P<a_d2>\d{{1,2}})(?P<a_sep>[.-])(?P<a_m2>\d{{1,2}})(?P=a_sep)(?P<a_y2>\d{{4}}|\d{{2}})){end_num}"
    )
    branch_a = (
        rf"(?P<A>(?:hari\s+)?(?P<a_wd>{wd})(?:\s*[-–]\s*{wd})?(?:\s+(?P<a_pod>{pod}))?\s*(?:,\s*)?"
        rf"(?:\(\s*)?{nums_a}(?:\s*\))?{sx('a_sfx')})"
    )
    # B: written month: `5 Februari 2024`, `Rabu, 13 Januari 2021`, `11-12 September 2025`
    branch_b = (
        rf"(?P<B>(?:(?:hari\s+)?(?P<b_wd>{wd})(?:\s+(?P<b_pod>{pod}))?\s*(?:,\s*)?(?P<b_par>\(\s*)?)?"
        rf"(?:(?:tanggal|tgl\.?)\s*)?"
        rf"(?:(?P<b_d0>\d{{1,2}})(?:\s+(?P<b_mon0>{mon_any}))?\s*(?P<b_rng>{rng})\s*)?"
        rf"(?P<b_d>\d{{1,2}})\s*(?P<b_mon>{mon_any})(?![\w])(?:\s*(?:,\s*)?(?P<b_y>{y4}){end_num})?"
        rf"(?(b_par)\s*\)?){sx('b_sfx')})"
    )
    # C: bracketed numbers without weekday: `(20/9)`, `(1/12/23)`, `(27 atau 28/12/2016)`
    branch_c = (
        rf"(?P<C>\(\s*(?:(?P<c_d0>\d{{1,2}})\s*(?P<c_rng>{rng})\s*)?(?P<c_d>\d{{1,2}})/(?P<c_m>\d{{1,2}})"
        rf"(?:/(?P<c_y>\d{{4}}|\d{{2}}))?\s*\))"
    )
    # D: bare full numeric dates: `16/1/2021`, `09-05-2018`, ISO `2024-02-05`
    branch_d = (
        rf"(?P<D>(?<![./-])(?:(?:tanggal|tgl\.?)\s*)?(?:(?P<d_d>\d{{1,2}})(?P<d_sep>[/.-])(?P<d_m>\d{{1,2}})(?P=d_sep)(?P<d_y>{y4})"
        rf"|(?P<d_iy>{y4})-(?P<d_im>\d\d)-(?P<d_id>\d\d)){end_num})"
    )
    # E: quarters and halves: `kuartal III-2025`, `triwulan II 2025`, `Kuartal III atau IV ini`
    branch_e = (
        rf"(?P<E>(?P<e_w>{qword})\s*(?P<e_q>{ords})(?![\w])"
        rf"(?:\s*{rng}\s*(?:{qword}\s*)?(?P<e_q2>{ords})(?![\w]))?"
        rf"(?:\s*(?:[-/]|tahun|th\.?)?\s*(?P<e_y>{y4}){end_num}|\s+(?P<e_rel>(?:tahun\s+)?(?:ini|lalu|depan|mendatang|sebelumnya)))?)"
    )
    # F: month + year, with a period part or a month range: `akhir Maret 2024`, `Januari-Maret 2025`
    branch_f = (
        rf"(?P<F>(?:(?P<f_part>{parts})\s+)?(?:bulan\s+)?(?:(?P<f_mon0>{mon_any})\s*{rng_span}\s*)?"
        rf"(?P<f_mon>{mon_any})(?![\w])\s*(?:,\s*)?(?P<f_y>{y4}){end_num}{sx('f_sfx')})"
    )
    # H: year ranges: `2021-2022` (a date), `2024-2029` (a term of office, dropped later)
    branch_h = rf"(?P<H>(?:{ypre}\s+)?(?P<h_y0>{y4})\s*(?:[-–/]|s\.?\s?d\.?|hingga|sampai)\s*(?P<h_y>{y4}){end_num})"
    # I: years: `2024`, `tahun 2023`, `akhir 2026`, `awal tahun 2025 lalu`
    branch_i = (
        rf"(?P<I>(?:(?P<i_part>{parts})\s+)?(?:(?P<i_pre>{ypre})\s+(?:baru\s+)?)?(?P<i_y>{y4}){end_num}{sx('i_sfx')})"
    )
    # J: counted relative: `tiga hari lalu`, `sebulan yang lalu`, `2 tahun silam`
    vague_w = _alt(sorted(lx.vague))
    branch_j = (
        rf"(?P<J>(?:(?P<j_n>\d{{1,3}}|{num_w}|{vague_w})\s+(?P<j_u>{unit})|se(?P<j_u1>{unit}))"
        rf"\s+(?P<j_dir>{ago_ahead})(?![\w]))"
    )
    # K: unit + direction: `tahun ini`, `pekan lalu`, `akhir tahun`, `bulan depan`
    branch_k = (
        rf"(?P<K>(?:(?P<k_part>{parts})\s+)?(?P<k_u>pekan|minggu|bulan|tahun)"
        rf"(?(k_part)(?:\s+(?P<k_dir>{dirs}))?|\s+(?P<k_dir2>{dirs}))(?![\w])(?!\s+{mon_full}(?![\w])))"
    )
    # L: part of day + ini: `pagi ini`, `malam ini`
    branch_l = rf"(?P<L>(?:(?P<l_pod>{pod})\s+ini|tadi\s+(?P<l_pod2>{pod}))(?![\w]))"
    # M: deictic days: `hari ini`, `kemarin`, `besok`, `lusa`
    branch_m = rf"(?P<M>(?P<m_w>{deictic})(?![\w]))"
    # N: weekday + direction: `Selasa lalu`, `Jumat depan`, `Senin pekan depan`
    branch_n = (
        rf"(?P<N>(?:hari\s+(?P<n_wd2>{wd})|(?P<n_wd>{wd_no_sunday}))\s+(?P<n_dir>pekan\s+lalu|pekan\s+depan|minggu\s+lalu|minggu\s+depan|"
        rf"lalu|kemarin|depan|mendatang|ini|nanti)(?![\w]))"
    )
    # O: bare weekday (context checked in code): `, Selasa.`, `pada hari Rabu`
    branch_o = rf"(?P<O>(?P<o_hari>hari\s+)?(?P<o_wd>{wd_cased})(?![\w]))"
    # P: bare month name (context checked in code): `sampai Januari`, `Desember lalu`
    branch_p = (
        rf"(?P<P>(?:(?P<p_part>{parts})\s+)?(?:(?P<p_bulan>bulan)\s+)?(?P<p_mon>{mon_full})(?![\w])"
        rf"(?:\s+(?P<p_dir>lalu|mendatang|nanti|depan|silam|kemarin|ini)(?![\w]))?)"
    )
    # Q: Islamic months: `bulan Syawal`, `1 Ramadan 1446 H`
    branch_q = rf"(?P<Q>(?:bulan\s+|(?P<q_d>\d{{1,2}})\s+)(?P<q_m>{hijri})(?![\w])(?:\s+(?P<q_y>1[34]\d\d)\s*H\b)?)"

    branches = {
        "A": branch_a,
        "B": branch_b,
        "C": branch_c,
        "D": branch_d,
        "E": branch_e,
        "F": branch_f,
        "H": branch_h,
        "I": branch_i,
        "J": branch_j,
        "K": branch_k,
        "L": branch_l,
        "M": branch_m,
        "N": branch_n,
        "O": branch_o,
        "P": branch_p,
        "Q": branch_q,
    }
    compiled: dict[str, tuple[re.Pattern[str], re.Pattern[str]]] = {}

    def grammar(names: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
        """The branches in `names`, in grammar order: lower-case filter and full matcher.

        The filter is the same grammar, case-sensitive, for lower-cased
        text (IGNORECASE matching is ~3x slower); only its hits are
        re-matched on the original text, where case decides `Minggu`.
        """
        key = "".join(n for n in _ORDER if n in names)
        if key not in compiled:
            src = r"(?<![\w])(?:" + "|".join(branches[n] for n in key) + ")"
            compiled[key] = (re.compile(src.replace(wd_cased, wd)), re.compile(src, re.IGNORECASE))
        return compiled[key]

    master = r"(?<![\w])(?:" + "|".join(branches[n] for n in _ORDER) + ")"
    automaton = ahocorasick.Automaton()
    for word, names in _trigger_words(lx).items():
        automaton.add_word(word, (len(word), *grammar("".join(sorted(names)))))
    digit_rules = grammar("BDHIJQ")
    for ch in "0123456789":
        # a number opens a date only after a space, bracket or quote: never inside
        # `1,5`, `2.000`, `TR/442/2025` or `2024-2029`, and those digits cost nothing
        for before in _NUMBER_OPENERS:
            automaton.add_word(before + ch, (1, *digit_rules))
    automaton.add_word("(", (1, *grammar("C")))
    automaton.make_automaton()
    tz = _alt(lx.time_zones)
    time_after = (
        rf"\s*(?:,\s*)?(?:(?P<pod>{pod})(?![\w]))?\s*(?:,\s*)?(?:(?:sekitar|mulai|sejak|pada)\s+)?"
        rf"(?:(?:pukul|pkl\.?|jam)\s*(?P<h>\d{{1,2}})(?:[.:](?P<mi>\d\d))?(?!\d)\s*(?P<tz>{tz})?(?![\w])"
        rf"|(?P<h2>\d{{1,2}})[.:](?P<mi2>\d\d)\s*(?P<tz2>{tz})(?![\w]))?"
    )
    return _Matcher(
        master=re.compile(master, re.IGNORECASE),
        automaton=automaton,
        digit_rules=digit_rules,
        time_after=re.compile(time_after, re.IGNORECASE),
        before_legal=re.compile(r"(?:\d[\w./-]*|nomor|nomer|no\.?)\s*(?:,\s*)?$", re.IGNORECASE),
        gap_coord=re.compile(r"\s*(?:,|dan|atau|hingga|sampai|s\.?\s?d\.?|-|–)\s*(?:(?:dan|atau)\s+)?", re.IGNORECASE),
        gap_merge=re.compile(r"[ \t]+(?:pada\s+)?"),
        time_hints=("pukul", "pkl", "jam", *{_norm(p).split(" ")[0] for p in lx.parts_of_day}),
        day_span_end=re.compile(rf"{wd}\s*(?:[-–]|s\.?d\.?|sampai|hingga)\s*$", re.IGNORECASE),
    )


# --------------------------------------------------------------------------
# Candidates
# --------------------------------------------------------------------------


@dataclass
class _Cand:
    """A match before resolution: what was written, not yet what it means."""

    start: int
    end: int
    kind: str  # day, month, year, range, quarter, rel_day, rel_unit, rel_count, rel_wd, wd, month_bare, hijri
    y: int | None = None
    m: int | None = None
    d: int | None = None
    y2: int | None = None
    m2: int | None = None
    d2: int | None = None
    weekday: int | None = None
    pod: str | None = None
    unit: str | None = None
    offset: int = 0  # direction/amount for relative forms
    hint: int = 0  # -1 past, +1 future (from `lalu`, `mendatang`)
    part: str | None = None
    vague: bool = False
    alternative: bool = False
    two_digit_year: bool = False
    flags: list[str] = field(default_factory=list)


def _year4(s: str) -> tuple[int, bool]:
    y = int(s)
    if len(s) == 2:
        return (2000 + y if y < 70 else 1900 + y), True
    return y, False


def _hint_of(word: str | None) -> int:
    if not word:
        return 0
    w = _norm(word)
    if w in ("lalu", "silam", "kemarin", "yang lalu"):
        return -1
    if w in ("mendatang", "nanti", "yang akan datang", "depan"):
        return 1
    return 0


def _prev_word(text: str, start: int) -> str:
    """The word just before `start` (lower-cased), or a punctuation mark."""
    i = start - 1
    while i >= 0 and text[i] in " \t":
        i -= 1
    if i < 0:
        return ""
    if not (text[i].isalnum() or text[i] in ".-"):
        return text[i]
    j = i
    while j >= 0 and (text[j].isalnum() or text[j] in ".-©"):
        j -= 1
    return _norm(text[j + 1 : i + 1]) or text[i]


def _next_word(text: str, end: int) -> str:
    m = re.match(r"\s*([\w.]+)", text[end : end + 40])
    return _norm(m.group(1)) if m else ""


def _wd(lx: _Lexicon, s: str | None) -> int | None:
    return lx.weekdays.get(_norm(s)) if s else None


def _cands(m: re.Match[str], text: str, lx: _Lexicon) -> list[_Cand]:
    """Candidates of one match: `7 dan 28 Desember 2015` names two days, not a range."""
    c = _cand(m, text, lx)
    if c is None:
        return []
    kind = m.lastgroup or ""
    grp = {"A": "a", "B": "b", "C": "c"}.get(kind)
    if grp is None or c.kind != "range" or c.d2 is None or m.group(grp + "_rng") is None:
        return [c]
    if _norm(m.group(grp + "_rng")) != "dan":
        return [c]
    s0, e0 = m.span(grp + "_d0")
    r_end = m.end(grp + "_rng")
    while r_end < c.end and text[r_end].isspace():
        r_end += 1
    first = replace(
        c, kind="day", start=s0, end=e0, d2=None, m2=None, weekday=None, alternative=False, flags=list(c.flags)
    )
    second = replace(
        c,
        kind="day",
        start=r_end,
        d=c.d2,
        m=c.m2 if c.m2 else c.m,
        d2=None,
        m2=None,
        alternative=False,
        flags=list(c.flags),
    )
    return [first, second]


def _cand(m: re.Match[str], text: str, lx: _Lexicon) -> _Cand | None:
    """Turn one match into a candidate, or None when context says it is no date."""
    g = m.group
    kind = m.lastgroup
    s, e = m.start(), m.end()
    if kind in ("J", "K", "L", "M", "O") and s > 0 and text[s - 1] == "-":
        return None  # `hari-hari ini`, `sehari-hari`: part of a reduplicated word
    if kind == "A":
        if g("a_d") is not None:
            d, mo, ys = int(g("a_d")), int(g("a_m")), g("a_y")
        else:
            d, mo, ys = int(g("a_d2")), int(g("a_m2")), g("a_y2")
        c = _Cand(s, e, "day", d=d, m=mo, weekday=_wd(lx, g("a_wd")), pod=g("a_pod"), hint=_hint_of(g("a_sfx")))
        if ys:
            c.y, c.two_digit_year = _year4(ys)
        elif c.hint == 0 and c.weekday is not None and _after_speech(text, s, lx):
            c.hint = -1  # `kata Bupati X, Senin (2/12)`: when it was said, never ahead of the article
        if g("a_d0"):
            c.d2, c.d, c.alternative = c.d, int(g("a_d0")), "atau" in m.group(0).lower()
            c.kind = "range"
        return c
    if kind == "B":
        mon = lx.months.get(_norm(g("b_mon")))
        if mon is None:
            return None
        c = _Cand(
            s, e, "day", d=int(g("b_d")), m=mon, weekday=_wd(lx, g("b_wd")), pod=g("b_pod"), hint=_hint_of(g("b_sfx"))
        )
        if g("b_y"):
            c.y = int(g("b_y"))
        elif c.hint == 0 and c.weekday is None:
            c.hint = _tense(text, s, lx)
        elif c.hint == 0 and _after_speech(text, s, lx):
            c.hint = -1
        if g("b_d0"):
            c.kind = "range"
            c.d2, c.m2, c.d = c.d, c.m, int(g("b_d0"))
            c.m = lx.months.get(_norm(g("b_mon0")), mon) if g("b_mon0") else mon
            c.alternative = " atau " in m.group(0).lower()
        return c
    if kind == "C":
        c = _Cand(s, e, "day", d=int(g("c_d")), m=int(g("c_m")))
        if g("c_y"):
            c.y, c.two_digit_year = _year4(g("c_y"))
        if g("c_d0"):
            c.kind, c.d2, c.d = "range", c.d, int(g("c_d0"))
            c.alternative = "atau" in m.group(0).lower()
        return c
    if kind == "D":
        if g("d_iy"):
            return _Cand(s, e, "day", y=int(g("d_iy")), m=int(g("d_im")), d=int(g("d_id")))
        if g("d_sep") == "." and _prev_word(text, s) in ("pukul", "jam", "pkl"):
            return None
        return _Cand(s, e, "day", y=int(g("d_y")), m=int(g("d_m")), d=int(g("d_d")))
    if kind == "E":
        w = _norm(g("e_w"))
        size = lx.quarter_words.get(w, 3)
        q = lx.ordinals.get(_norm(g("e_q")), 0)
        q2 = lx.ordinals.get(_norm(g("e_q2")), q) if g("e_q2") else q
        n = 12 // size
        if q == -1:
            q = n
        if q2 == -1:
            q2 = n
        if not (1 <= q <= n and 1 <= q2 <= n) or q2 < q:
            return None
        if size == 6 and not (g("e_y") or g("e_rel")):
            return None  # `semester 3` is a school term, not a date
        c = _Cand(s, e, "quarter" if size == 3 and q == q2 else "range", m=(q - 1) * size + 1, m2=q2 * size)
        if g("e_y"):
            c.y = int(g("e_y"))
        elif g("e_rel"):
            rel = _norm(g("e_rel"))
            c.offset = _hint_of(rel.split(" ")[-1]) or (-1 if "sebelumnya" in rel else 0)
        return c
    if kind == "F":
        mon = lx.months.get(_norm(g("f_mon")))
        if mon is None:
            return None
        y = int(g("f_y"))
        if g("f_mon0"):
            m0 = lx.months.get(_norm(g("f_mon0")), mon)
            if m0 < mon:
                return _Cand(s, e, "range", y=y, m=m0, y2=y, m2=mon)
        return _Cand(s, e, "month", y=y, m=mon, part=g("f_part"))
    if kind == "H":
        y0, y1 = int(g("h_y0")), int(g("h_y"))
        if not 1 <= y1 - y0 <= 2 and not (
            y0 < y1
            and _WORD_RANGE.search(text, m.end("h_y0"), m.start("h_y")) is not None
            and _prev_word(text, s) in lx.long_range_before
        ):
            # Terms of office (2024-2029) and plan periods (2017/2022) are no dates;
            # `sejak 2016 sampai 2024` is: an opening word and a worded connector.
            return None
        c = _Cand(s, e, "range", y=y0, y2=y1)
        return c
    if kind == "I":
        return _year_cand(m, text, lx)
    if kind == "J":
        if s > 1 and text[s - 1] == "," and text[s - 2].isdigit():
            return None  # `1,5 tahun lalu`: the decimal's tail is no count
        u = lx.units[_norm(g("j_u") or g("j_u1"))]
        nw = g("j_n")
        vague = False
        if nw is None:
            n = 1
        elif nw.isdigit():
            n = int(nw)
        elif _norm(nw) in lx.numbers:
            n = lx.numbers[_norm(nw)]
        else:
            n, vague = 0, True
        dw = _norm(g("j_dir"))
        sign = -1 if dw in lx.ago else 1
        if sign > 0 and _prev_word(text, s) in lx.duration_before:
            return None  # `selama 3 tahun mendatang`, `tinggal tiga bulan lagi`: a span of time, not a day
        return _Cand(s, e, "rel_count", unit=u, offset=sign * n, vague=vague)
    if kind == "K":
        uw = g("k_u")
        u = lx.units[_norm(uw)]
        dirw = g("k_dir") or g("k_dir2")
        part = g("k_part")
        if dirw is None:
            if part is None or u == "week":
                return None  # a bare `tahun`/`bulan` is a unit, not a date
            off = 0
        else:
            off = lx.directions.get(_norm(dirw), 0)
        if _after_number(text, s, lx) or _prev_word(text, s) in lx.recurring:
            return None  # `2 tahun ini` is a duration, `setiap awal bulan` a schedule
        if uw == "Minggu" and dirw is not None:
            before = _WORD.findall(text, max(0, s - 20), s)[-2:]
            if len(before) == 2 and before[1].lower() == "dan" and _norm(before[0]) in lx.weekdays:
                return _Cand(s, e, "rel_wd", weekday=6, offset=-1 if off < 0 else off)  # `Sabtu dan Minggu lalu`
        return _Cand(s, e, "rel_unit", unit=u, offset=off, part=part)
    if kind == "L":
        return _Cand(s, e, "rel_day", offset=0, pod=(g("l_pod") or g("l_pod2")).lower())
    if kind == "M":
        return _Cand(s, e, "rel_day", offset=lx.deictic.get(_norm(g("m_w")), 0))
    if kind == "N":
        dw = _norm(g("n_dir"))
        off = -1 if dw in ("lalu", "kemarin", "pekan lalu", "minggu lalu") else (0 if dw in ("ini", "nanti") else 1)
        if dw == "nanti":
            off = 1
        if _prev_word(text, s) in lx.recurring:
            return None
        # `Minggu depan` is next week unless `hari` makes it Sunday (the K branch takes it)
        return _Cand(s, e, "rel_wd", weekday=_wd(lx, g("n_wd") or g("n_wd2")), offset=off)
    if kind == "O":
        return _bare_weekday(m, text, lx)
    if kind == "P":
        return _bare_month(m, text, lx)
    if kind == "Q":
        c = _Cand(s, e, "hijri")
        c.flags.append("hijri")
        return c
    return None


_WORD_RANGE = re.compile(r"hingga|sampai|s\.?\s?d", re.IGNORECASE)
_DECIMAL_BEFORE = re.compile(r"(\w+)\s+\d+,\d+\s*$")


def _after_number(text: str, start: int, lx: _Lexicon) -> bool:
    """Whether a unit word at `start` is counted by the number before it.

    A decimal (`3,8 tahun ini`) usually ends the previous clause (a tonnage,
    a rate), so it only counts after a duration word (`selama 2,5 tahun`).
    """
    pw = _prev_word(text, start)
    if pw in lx.numbers or pw in lx.vague:
        return True
    if not pw.replace("-", "").isdigit():
        return False
    dm = _DECIMAL_BEFORE.search(text, max(0, start - 40), start)
    if dm is None:
        return True
    return _norm(dm.group(1)) in ("selama", "dalam", "sudah", "hampir", "sekitar", "lebih", "kurang")


_PLATE_BEFORE = re.compile(r"(?<![\w])[A-Z]{1,2}\s$")
_PLATE_AFTER = re.compile(r"\s[A-Z]{1,3}(?![\w])")


def _year_cand(m: re.Match[str], text: str, lx: _Lexicon) -> _Cand | None:
    """A year, unless it is a legal citation, an identifier or a quantity."""
    g = m.group
    s, e = m.start(), m.end()
    y = int(g("i_y"))
    prev = _prev_word(text, s)
    if prev in lx.year_blockers or prev in ("/", "©"):
        return None
    if lx.year_blocker_phrases.search(text, max(0, s - 50), s):
        return None
    nxt = _next_word(text, m.end("i_y"))
    if nxt in lx.legal_after:
        return None
    if g("i_pre"):
        # `Nomor 7 Tahun 2021`, `PMK 138 tahun 2024`: the year of a regulation, not a date
        if _matcher().before_legal.search(text, max(0, s - 40), s):
            return None
    else:
        if nxt in lx.count_units and not g("i_sfx"):
            return None
        if text[e : e + 1] in ("/",) or (s > 0 and text[s - 1] in "/-.:"):
            return None
        if _PLATE_BEFORE.search(text, max(0, s - 4), s) and _PLATE_AFTER.match(text, e):
            return None  # a number plate: `B 2024 KJA`
        back = text[max(0, s - 30) : s].lower()
        if "©" in back or "copyright" in back:
            return None
    c = _Cand(s, e, "year", y=y, part=g("i_part"), hint=_hint_of(g("i_sfx")))
    return c


_DAY_SPAN = re.compile(r"\s*(?:[-–]|s\.?d\.?\s|sampai\s|hingga\s)\s*[A-Za-z]")


_WORD = re.compile(r"[^\W\d_]+")


def _tense(text: str, start: int, lx: _Lexicon) -> int:
    """+1 / -1 when the clause before a year-less date says future (`akan`) or past (`telah`)."""
    lo = max(0, start - 80)
    cut = max(text.rfind(".", lo, start), text.rfind("\n", lo, start))
    for w in reversed(_WORD.findall(text, cut + 1 if cut >= 0 else lo, start)):
        t = lx.tense.get(w.lower())
        if t:
            return t
    return 0


def _after_speech(text: str, start: int, lx: _Lexicon) -> bool:
    """Whether a date closes a speech tag (`..., kata Bupati X dalam keterangannya, Senin (2/12)`)."""
    lo = max(0, start - 90)
    cut = max(text.rfind(".", lo, start), text.rfind("\n", lo, start))
    words = _WORD.findall(text, cut + 1 if cut >= 0 else lo, start)
    return any(w.lower() in lx.speech_verbs for w in words[-12:])


def _bare_weekday(m: re.Match[str], text: str, lx: _Lexicon) -> _Cand | None:
    """A weekday alone names a day only where news uses it so (`, Selasa.`)."""
    s = m.start()
    wd_start = m.start("o_wd")
    word = m.group("o_wd")
    prev = _prev_word(text, s)
    if (
        prev in lx.recurring
        or _DAY_SPAN.match(text, m.end())
        or _matcher().day_span_end.search(text, max(0, s - 20), s)
    ):
        return None  # `setiap hari Rabu`, `Senin-Jumat`: a schedule, not a day
    if m.group("o_hari") is None:
        if prev not in (",", "pada", "sejak", "hingga", "sampai", "mulai"):
            return None
        if prev == "," and not word[:1].isupper():
            return None
        if _norm(word) == "minggu" and not word[:1].isupper():
            return None
    c = _Cand(wd_start if m.group("o_hari") is None else s, m.end(), "wd", weekday=_wd(lx, word))
    return c


@functools.lru_cache(maxsize=1)
def _month_list_res() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A capitalised month name joined to another one (`Mei dan Juli 2025`,
    `Oktober, November, Desember`): a list of months needs no context word."""
    names = "|".join(sorted((w.capitalize() for w in _lexicon().bare_months), key=len, reverse=True))
    join = r"(?:\s*,\s*(?:(?:dan|atau|serta)\s+)?|\s+(?:dan|atau|serta)\s+)"
    return (
        re.compile(join + r"(?:" + names + r")(?![\w])"),
        re.compile(r"(?<![\w])(?:" + names + r")" + join + r"$"),
    )


@functools.lru_cache(maxsize=1)
def _month_range_re() -> re.Pattern[str]:
    """`Juli-September`, `Januari hingga Oktober`: two capitalised months
    joined as a span, the year (if any) written once after the second."""
    names = "|".join(sorted((w.capitalize() for w in _lexicon().bare_months), key=len, reverse=True))
    return re.compile(
        r"[ \t]*(?:[-–][ \t]*|(?:hingga|sampai(?:[ \t]+dengan)?|s\.d\.?|sd)[ \t]+)(?P<m2>"
        + names
        + r")(?![\w])(?:[ \t]+(?P<y>(?:19|20)\d\d)(?![\w]))?"
    )


def _in_month_list(text: str, start: int, end: int) -> bool:
    after, before = _month_list_res()
    return after.match(text, end, min(len(text), end + 30)) is not None or (
        before.search(text, max(0, start - 30), start) is not None
    )


def _bare_month(m: re.Match[str], text: str, lx: _Lexicon) -> _Cand | None:
    """A month name alone is a date in context (`sampai Januari`), not in a title."""
    word = m.group("p_mon")
    mon = lx.months.get(_norm(word))
    if mon is None or _norm(word) not in lx.bare_months:
        return None
    if not word[:1].isupper() and m.group("p_bulan") is None:
        return None
    dirw = m.group("p_dir")
    prev = _prev_word(text, m.start())
    hint = _hint_of(dirw)
    if hint == 0:
        hint = -1 if prev == "sejak" else (1 if prev in ("jelang", "menjelang") else 0)
        if prev in ("sampai", "hingga"):
            hint = _UNTIL
    if hint == 0:
        hint = _tense(text, m.start(), lx)
    if dirw is None and word[:1].isupper():
        rm = _month_range_re().match(text, m.end(), min(len(text), m.end() + 40))
        m2 = lx.months.get(_norm(rm.group("m2"))) if rm else None
        if rm is not None and m2 is not None:
            # one span of months: the second month's year (written or nearest) dates both
            c = _Cand(m.start(), rm.end(), "month_range_bare", m=mon, m2=m2, hint=hint, part=m.group("p_part"))
            if rm.group("y"):
                c.y2 = int(rm.group("y"))
                c.y = c.y2 if mon <= m2 else c.y2 - 1
            return c
    if m.group("p_bulan") is None and dirw is None and m.group("p_part") is None:
        if (
            prev not in lx.bare_month_before
            and not _in_month_list(text, m.start(), m.end())
            and not lx.month_year_re.match(text, m.end(), min(len(text), m.end() + 24))
        ):
            return None  # `Juli tahun lalu` needs no context word: the year words make it a date
        if _norm(word) == "mei" and _next_word(text, m.end())[:1].isupper():
            return None
    return _Cand(m.start(), m.end(), "month_bare", m=mon, hint=hint, part=m.group("p_part"))


# --------------------------------------------------------------------------
# Resolution
# --------------------------------------------------------------------------


def _valid(y: int, m: int, d: int) -> bool:
    return 1 <= m <= 12 and 1 <= d <= calendar.monthrange(y, m)[1] if 1 <= y <= 9999 else False


def _iso_week(day: dt.date) -> str:
    iy, iw, _ = day.isocalendar()
    return f"{iy:04d}-W{iw:02d}"


def _add_months(y: int, m: int, n: int) -> tuple[int, int]:
    k = y * 12 + (m - 1) + n
    return k // 12, k % 12 + 1


_WEEKDAY_MISMATCH_DAYS = 200


_UNTIL = 2  # hint of `sampai`/`hingga` before a bare month: the coming one, or the month just ended


def _pick_year(
    base: int, m: int, d: int | None, anchor: dt.date, hint: int, weekday: int | None
) -> tuple[int, bool | None]:
    """The year a year-less date most plausibly has, near the anchor.

    Candidates are the anchor's year and its neighbours; `lalu`/`mendatang`
    decide among them, then nearness, with a written weekday that does not
    fit costing as much as 200 days of distance.
    """
    best: tuple[float, int] | None = None
    wd_ok: bool | None = None
    until = hint == _UNTIL
    if until:
        hint = 0
    for y in (base - 1, base, base + 1):
        dd = d if d is not None else 15
        if not _valid(y, m, dd if d is not None else 1):
            continue
        day = dt.date(y, m, min(dd, calendar.monthrange(y, m)[1]))
        delta = (day - anchor).days
        if d is None:
            delta = (y * 12 + m) - (anchor.year * 12 + anchor.month)
            delta *= 30
        # news reports the past more than the future: a future reading must be twice as near
        cost = abs(delta) * (2 if delta > 0 and hint == 0 and not until else 1) + (0 if y == base else 1)
        if until and delta < -31:
            cost += 10_000  # `sampai Desember` runs ahead; only the month just ended is reported back to
        if hint < 0 and delta > 0:
            cost += 10_000
        if hint > 0 and delta < 0:
            cost += 10_000
        ok = None
        if weekday is not None and d is not None:
            ok = day.weekday() == weekday
            if not ok:
                # A weekday settles the year only among near readings: a typo'd
                # weekday (`Senin (21/10)` on a Tuesday) must not move the date a year.
                cost += _WEEKDAY_MISMATCH_DAYS
        if best is None or cost < best[0]:
            best, wd_ok = (cost, y), ok
    return (best[1] if best else base), wd_ok


def _shift_weekday(anchor: dt.date, weekday: int, direction: int, inclusive: bool) -> dt.date:
    """The weekday nearest the anchor in one direction (`Selasa lalu`, `Jumat depan`)."""
    diff = (weekday - anchor.weekday()) % 7
    if direction > 0:
        return anchor + dt.timedelta(days=diff if (diff or inclusive) else 7)
    back = (anchor.weekday() - weekday) % 7
    return anchor - dt.timedelta(days=back if (back or inclusive) else 7)


def _resolve(c: _Cand, text: str, anchor: dt.date | None, inferred: bool, lx: _Lexicon) -> DateItem:
    """Give a candidate its ISO value, grain and resolution."""
    flags = list(c.flags)
    value: str | None = None
    grain = "day"
    resolution = "absolute"
    relative = False
    weekday_ok: bool | None = None
    anchored = "inferred" if inferred else ("year_from_published" if anchor else "unresolved")
    rel_res = "inferred" if inferred else ("relative" if anchor else "unresolved")
    if c.two_digit_year:
        flags.append("two_digit_year")
    if c.alternative:
        flags.append("alternative")
    if c.part:
        flags.append("part:" + _norm(c.part).replace(" ", "_"))

    if c.kind in ("day", "range") and c.d is not None and c.m is not None:
        grain = "day" if c.kind == "day" else "range"
        d, m, d2 = c.d, c.m, c.d2
        m2 = c.m2 if c.m2 is not None else m
        y = c.y
        if y is None and c.y2 is None:
            if anchor is None:
                resolution = "unresolved"
                y = None
            else:
                y, weekday_ok = _pick_year(anchor.year, m, d, anchor, c.hint, c.weekday)
                resolution = anchored
        if y is not None:
            if c.weekday is not None and c.kind == "day" and resolution == "absolute" and _valid(y, m, d):
                weekday_ok = dt.date(y, m, d).weekday() == c.weekday
                # The numbers win (annotation guide; in the corpus a weekday typo is far
                # likelier than US order), but say when month/day order would fit it.
                if not weekday_ok and d <= 12 and m <= 12 and d != m and dt.date(y, d, m).weekday() == c.weekday:
                    flags.append("weekday_fits_month_day")
            if not 1900 <= y <= 2100:
                flags.append("implausible_year")
            y2 = y if m2 >= m else y + 1
            if c.kind == "day":
                if _valid(y, m, d):
                    value = f"{y:04d}-{m:02d}-{d:02d}"
                else:
                    flags.append("invalid_date")
                    resolution = "unresolved"
            else:
                if d2 is not None and _valid(y, m, d) and _valid(y2, m2, d2) and (y2, m2, d2) > (y, m, d):
                    value = f"{y:04d}-{m:02d}-{d:02d}/{y2:04d}-{m2:02d}-{d2:02d}"
                else:
                    flags.append("invalid_date")
                    resolution = "unresolved"
        else:
            if not (1 <= m <= 12 and 1 <= d <= 31):
                flags.append("invalid_date")
        if weekday_ok is False:
            flags.append("weekday_mismatch")
    elif c.kind == "range" and c.y is not None and c.y2 is not None and c.m is None:
        grain, value = "range", f"{c.y:04d}/{c.y2:04d}"
    elif c.kind == "range" and c.m is not None and c.m2 is not None and c.d is None:
        grain = "range"
        y = c.y if c.y is not None else (anchor.year + c.offset if anchor else None)
        if c.y is None:
            resolution = anchored if anchor else "unresolved"
        if y is not None:
            value = f"{y:04d}-{c.m:02d}/{y:04d}-{c.m2:02d}"
    elif c.kind == "quarter":
        grain = "quarter"
        y = c.y if c.y is not None else (anchor.year + c.offset if anchor else None)
        if c.y is None:
            resolution = anchored if anchor else "unresolved"
            relative = c.offset != 0
        if y is not None and c.m is not None and c.m2 is not None:
            value = f"{y:04d}-{c.m:02d}/{y:04d}-{c.m2:02d}"
    elif c.kind == "month":
        grain, value = "month", f"{c.y:04d}-{c.m:02d}"
    elif c.kind == "year":
        grain, value = "year", f"{c.y:04d}"
    elif c.kind == "month_range_bare" and c.m is not None and c.m2 is not None:
        grain = "range"
        end_y: int | None = c.y2
        if end_y is None and anchor is not None:
            end_y, _ = _pick_year(anchor.year, c.m2, None, anchor, c.hint, None)
            resolution = anchored
        if end_y is not None:
            start_y = c.y if c.y is not None else (end_y if c.m <= c.m2 else end_y - 1)
            value = f"{start_y:04d}-{c.m:02d}/{end_y:04d}-{c.m2:02d}"
        else:
            resolution = "unresolved"
    elif c.kind == "month_bare" and c.m is not None:
        grain = "month"
        if anchor is None:
            resolution = "unresolved"
        else:
            y, _ = _pick_year(anchor.year, c.m, None, anchor, c.hint, None)
            value, resolution = f"{y:04d}-{c.m:02d}", anchored
    elif c.kind == "hijri":
        grain, resolution = "month", "unresolved"
    else:
        relative = True
        resolution = rel_res
        if c.kind == "rel_day":
            grain = "day"
            if anchor:
                value = (anchor + dt.timedelta(days=c.offset)).isoformat()
        elif c.kind == "wd" or c.kind == "rel_wd":
            grain = "day"
            if anchor and c.weekday is not None:
                if c.kind == "wd":
                    day = _shift_weekday(anchor, c.weekday, -1, inclusive=True)
                elif c.offset == 0:
                    day = anchor + dt.timedelta(days=c.weekday - anchor.weekday())
                else:
                    day = _shift_weekday(anchor, c.weekday, c.offset, inclusive=False)
                value = day.isoformat()
        elif c.kind in ("rel_unit", "rel_count"):
            grain = c.unit or "day"
            if c.vague:
                resolution = "unresolved"
                flags.append("vague")
            elif anchor:
                n = c.offset
                if grain == "day":
                    value = (anchor + dt.timedelta(days=n)).isoformat()
                elif grain == "week":
                    value = _iso_week(anchor + dt.timedelta(days=7 * n))
                elif grain == "month":
                    yy, mm = _add_months(anchor.year, anchor.month, n)
                    value = f"{yy:04d}-{mm:02d}"
                else:
                    value = f"{anchor.year + n:04d}"
        if value is None and resolution != "unresolved":
            resolution = "unresolved"

    if value is None and resolution not in ("unresolved",):
        resolution = "unresolved"
    span = text[c.start : c.end]
    return DateItem(
        start=c.start,
        end=c.end,
        text=span,
        value=value,
        grain=grain,
        resolution=resolution,
        relative=relative,
        weekday=lx.weekday_names[c.weekday] if c.weekday is not None else None,
        weekday_ok=weekday_ok,
        part_of_day=_norm(c.pod) if c.pod else None,
        flags=tuple(flags),
    )


def _attach_time(item: DateItem, text: str) -> DateItem:
    """Keep `pukul 10.00 WIB` / `malam` that follows a day as the day's time."""
    if item.grain != "day" or (item.value is None and item.resolution != "unresolved"):
        return item
    ahead = text[item.end : item.end + 16].lower()
    if not any(k in ahead for k in _matcher().time_hints) and not any(ch.isdigit() for ch in ahead):
        return item  # the usual case, decided without the regex
    m = _matcher().time_after.match(text, item.end, min(len(text), item.end + 60))
    if m is None:
        return item
    h, mi_s, tz_s = m.group("h") or m.group("h2"), m.group("mi") or m.group("mi2"), m.group("tz") or m.group("tz2")
    if m.group("pod") is None and h is None:
        return item
    hh = int(h) if h else None
    mi = int(mi_s) if mi_s else 0
    time = f"{hh:02d}:{mi:02d}" if hh is not None and hh <= 24 and mi < 60 else None
    tz = tz_s.upper() if tz_s else None
    pod = item.part_of_day or (m.group("pod").lower() if m.group("pod") else None)
    return replace(item, time=time, time_zone=tz, part_of_day=pod)


def _infer_anchor(cands: Sequence[_Cand]) -> dt.date | None:
    """The article's own date when none was given: its first full dated sentence.

    A written weekday beside full numbers (`Senin (5/2/2024)`) is the
    house style for "the day this happened", so it wins over a bare date.
    """
    first: dt.date | None = None
    for c in cands:
        if c.kind == "day" and c.y is not None and c.m is not None and c.d is not None and _valid(c.y, c.m, c.d):
            day = dt.date(c.y, c.m, c.d)
            if c.weekday is not None and day.weekday() == c.weekday:
                return day
            if first is None:
                first = day
    return first


def _coordinate_years(cands: list[_Cand], text: str) -> None:
    """`Januari dan Mei 2025`, `5 dan 7 Februari 2024`: the year written once covers both."""
    gap = _matcher().gap_coord
    for i in range(len(cands) - 1, 0, -1):
        a, b = cands[i - 1], cands[i]
        if (
            a.y is None
            and a.kind in ("day", "month_bare")
            and b.y is not None
            and b.kind in ("day", "month", "range")
            and b.start - a.end <= 12
            and gap.fullmatch(text, a.end, b.start)
        ):
            a.y = b.y
            if a.kind == "month_bare":
                a.kind = "month"
            a.flags.append("year_from_context")


_SENTENCE_END = re.compile(r"[.!?](?:\s|$)|\n")


def _anaphoric_units(items: list[DateItem], text: str, lx: _Lexicon) -> list[DateItem]:
    """`Pada 2024, laba naik 9% dari tahun sebelumnya`: `sebelumnya` and
    `berikutnya` count from the date the sentence has just named (2023), not
    from the publication date as `tahun lalu` does."""
    out = list(items)
    for i, it in enumerate(out):
        if it.resolution != "relative" or it.grain not in ("year", "month") or not it.value:
            continue
        last = _norm(it.text).split(" ")[-1]
        if last not in lx.anaphoric_directions:
            continue
        step = lx.anaphoric_directions[last]
        lo = max(0, it.start - 300)  # only the sentence's own dates, and a bounded look back on run-on text
        for sm in _SENTENCE_END.finditer(text, lo, it.start):
            lo = sm.end()
        for j in range(i - 1, -1, -1):
            prev = out[j]
            if prev.start < lo:
                break
            if prev.relative or not prev.value or prev.resolution not in ("absolute", "year_from_published"):
                continue
            v = prev.value.split("/")[-1 if step > 0 else 0]
            if it.grain == "year":
                value = f"{int(v[:4]) + step:04d}"
            elif len(v) >= 7:
                y, m = _add_months(int(v[:4]), int(v[5:7]), step)
                value = f"{y:04d}-{m:02d}"
            else:
                break
            out[i] = replace(it, value=value, flags=(*it.flags, "from_context"))
            break
    return out


def _merge_deictic(items: list[DateItem], text: str) -> list[DateItem]:
    """`hari ini 27 Februari 2017` is one date: the deictic word names the day written beside it."""
    out: list[DateItem] = []
    gap = _matcher().gap_merge
    for it in items:
        if out:
            prev = out[-1]
            if (
                prev.relative
                and prev.grain == "day"
                and prev.weekday is None
                and not it.relative
                and it.grain == "day"
                and gap.fullmatch(text, prev.end, it.start)
            ):
                out[-1] = replace(it, start=prev.start, text=text[prev.start : it.end], flags=(*it.flags, "deictic"))
                continue
        out.append(it)
    return out


def _merge_month_year(items: list[DateItem], text: str, lx: _Lexicon) -> list[DateItem]:
    """`Juli tahun lalu` is one date: the month as written, in the year the
    deictic words name (2024-07), not July of the publication year plus a
    separate year.  Only a bare month directly followed by the year words
    merges; a range of months (`Januari hingga September tahun ini`) keeps
    both items."""
    out: list[DateItem] = []
    for it in items:
        if out:
            prev = out[-1]
            if (
                prev.grain == "month"
                and prev.resolution in ("year_from_published", "inferred")
                and prev.value is not None
                and len(prev.value) == 7
                and it.grain == "year"
                and it.relative
                and it.value is not None
                and len(it.value) == 4
                and text[prev.end : it.start].isspace()
                and len(text[prev.end : it.start]) <= 2
                and _norm(it.text) in lx.month_year_words
            ):
                out[-1] = replace(
                    prev,
                    end=it.end,
                    text=text[prev.start : it.end],
                    value=f"{it.value}-{prev.value[5:7]}",
                    resolution=it.resolution,
                    relative=True,
                )
                continue
        out.append(it)
    return out


def _matches(text: str, mt: _Matcher) -> Iterator[re.Match[str]]:
    """The grammar's leftmost non-overlapping matches, tried only where one can start.

    Equivalent to `mt.master.finditer(text)` (every branch begins with a
    trigger word, a digit or `(`) but ~10x cheaper: one automaton pass
    finds the few start offsets in C, the lower-cased grammar
    filters them, and only real hits are re-matched on the original text.
    """
    low = text.lower()
    if len(low) != len(text):  # a few Unicode letters change length when lower-cased
        yield from mt.master.finditer(text)
        return
    at: dict[int, tuple[re.Pattern[str], re.Pattern[str]]] = {}
    if low[:1].isdigit():
        at[0] = mt.digit_rules
    for end, (n, rule_low, rule) in mt.automaton.iter(low):
        start = end - n + 1
        if start and (low[start - 1].isalnum() or low[start - 1] == "_"):
            continue  # inside a word or a number: no branch starts there
        if n == 1 and low[start] == "(" and not low[start + 1 : start + 3].lstrip()[:1].isdigit():
            continue  # a bracket that opens no number
        # words sharing a start (`des`/`desember`) belong to one class; keep the widest grammar
        if start not in at or len(at[start][0].pattern) < len(rule_low.pattern):
            at[start] = (rule_low, rule)
    last = 0
    for pos in sorted(at):
        if pos < last:
            continue
        rule_low, rule = at[pos]
        if rule_low.match(low, pos) is None:
            continue
        m = rule.match(text, pos)
        if m is not None:
            last = m.end()
            yield m


def find_dates(
    text: str,
    published: dt.date | None = None,
    allows: Callable[[int], bool] | None = None,
) -> tuple[list[DateItem], dt.date | None]:
    """Every date expression in `text`, and the anchor date used.

    `published` anchors year-less and relative dates; when it is None the
    anchor is inferred from the article's first full date (returned, so the
    caller can record it), and items resolved against it say `inferred`.
    `allows(start)` drops matches outside article content.  Never raises
    on any text.
    """
    if isinstance(published, dt.datetime):
        published = published.date()  # datetime - date arithmetic would raise
    if not text:
        return [], published
    lx = _lexicon()
    mt = _matcher()
    cands: list[_Cand] = []
    for m in _matches(text, mt):
        if allows is not None and not allows(m.start()):
            continue
        if cands and cands[-1].kind == "month_range_bare" and m.start() < cands[-1].end:
            continue  # the second month of `Juli-September` is inside the span already read
        cands.extend(_cands(m, text, lx))
    if not cands:
        return [], published
    _coordinate_years(cands, text)
    anchor = published
    inferred = False
    if anchor is None:
        anchor = _infer_anchor(cands)
        inferred = anchor is not None
    items = [_attach_time(_resolve(c, text, anchor, inferred, lx), text) for c in cands]
    return _merge_month_year(_merge_deictic(_anaphoric_units(items, text, lx), text), text, lx), anchor


class DatesComponent:
    """Pipeline component `berita_dates`: fills `state.dates` and `doc.spans['berita_dates']`."""

    def __call__(self, doc: Doc) -> Doc:
        st = get_state(doc)
        text = article_text(doc)
        allows = st.zones.allows if st.zones is not None else None
        try:
            items, anchor = find_dates(text, st.published, allows)
        except Exception as e:  # noqa: BLE001 - a date bug must not cost the article its other fields
            st.extra["dates_error"] = f"{type(e).__name__}: {e}"
            items, anchor = [], st.published
        if st.published is None and anchor is not None:
            st.published = anchor
            st.published_source = "inferred"
        st.dates.extend(items)
        set_spans(doc, "berita_dates", ((i.start, i.end, i.grain) for i in items))
        return doc


@Language.factory("berita_dates")
def make_dates(nlp: Language, name: str) -> DatesComponent:
    return DatesComponent()
