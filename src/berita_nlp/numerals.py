"""Indonesian numerals: digits, words, scales, approximations and ordinals.

Indonesian writes `1.500.000` for one and a half million and `57,6` for
fifty-seven point six, spells numbers as `dua ribu dua puluh empat`, mixes
the two (`1,5 juta`, `Rp 1,2 M`) and marks orders of magnitude with `-an`
(`ratusan`, `Rp800-an juta`).  General-purpose number parsers read these
wrongly (English separators, no Indonesian scales), so this module parses
them itself.  It stands alone: the counts component uses it, and so can
anybody who only needs `parse_number("1,5 juta")`.

All word lists are data files (`data/numerals_*.tsv`), loaded once.
Values are computed with `Decimal` so `Rp 1,2 miliar` is exactly
1200000000, not 1199999999.9999998.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import NamedTuple

from .datafiles import tsv_rows
from .patterns import longest_first, trie_regex

__all__ = [
    "NumberMatch",
    "ParsedNumber",
    "format_digits",
    "int_to_words",
    "iter_numbers",
    "parse_digits",
    "parse_number",
    "qualifier_before",
    "trie_pattern",
    "words_to_int",
]

Number = int | float


class ParsedNumber(NamedTuple):
    """A number read from text.

    kind is cardinal, approximate (`puluhan`), fraction (`setengah`),
    indefinite (`seorang`, `sebuah`: one, but often only an article) or
    ordinal (`ke-3`, `kedua`: a position, never a count).  `unit` is set
    only where the numeral carries its own unit (`setahun` is one `tahun`).
    `scale` is the multiplier of a scale word written after the number
    (`juta`: 1000000), 1 where none was; a range partner may inherit it
    (`3,5 sampai 4 juta`).  A NamedTuple rather than a dataclass: it is
    immutable all the same and several times cheaper to build, which
    matters at a dozen numerals per article and millions of articles.
    """

    value: Number
    text: str
    kind: str = "cardinal"
    approximate: bool = False
    qualifier: str | None = None
    currency: str | None = None
    percent: bool = False
    scale: int = 1
    unit: str | None = None


class NumberMatch(NamedTuple):
    """A numeral found in running text, with raw offsets."""

    start: int
    end: int
    number: ParsedNumber


# ---------------------------------------------------------------- data


def _rows(name: str) -> list[list[str]]:
    return tsv_rows(name)


@dataclass(frozen=True, slots=True)
class _Tables:
    words: dict[str, tuple[str, Decimal]]  # word -> (kind, value)
    scales: dict[str, Decimal]  # casefolded, or exact for case-sensitive ones
    scales_exact: frozenset[str]
    se_words: dict[str, str]  # setahun -> tahun
    qualifiers: dict[str, bool]  # phrase -> approximate
    ordinals: dict[str, int]


@functools.lru_cache(maxsize=1)
def _tables() -> _Tables:
    words = {r[0].casefold(): (r[1], Decimal(r[2])) for r in _rows("numerals_words.tsv")}
    scales: dict[str, Decimal] = {}
    exact: set[str] = set()
    for w, v, case in _rows("numerals_scales.tsv"):
        if case == "s":
            exact.add(w)
            scales[w] = Decimal(v)
        else:
            scales[w.casefold()] = Decimal(v)
    return _Tables(
        words=words,
        scales=scales,
        scales_exact=frozenset(exact),
        se_words={r[0].casefold(): r[1] for r in _rows("numerals_se_words.tsv")},
        qualifiers={r[0].casefold(): r[1] == "1" for r in _rows("numerals_qualifiers.tsv")},
        ordinals={r[0].casefold(): int(r[1]) for r in _rows("numerals_ordinals.tsv")},
    )


def _alt(words: Iterable[str]) -> str:
    """One alternation, longest first, so `sebelas` never stops at `se`."""
    return longest_first(words)


def trie_pattern(words: Iterable[str], *, capitalized: bool = True) -> str:
    """A regex alternation of `words` shaped as a trie (`s(?:atu|e(?:puluh|...))`).

    The regex engine then picks a branch by the next character instead of
    trying every word in turn.  With `capitalized`, each word also matches
    with a capital first letter (sentence starts, headlines); matching is
    otherwise case-sensitive, because case-insensitive alternations are slow.
    """
    forms: set[str] = set()
    for w in words:
        forms.add(w)
        if capitalized and w:
            forms.add(w[0].upper() + w[1:])
    return trie_regex(forms) or "(?!)"


def _number(d: Decimal) -> Number:
    """An int where the value is whole (counts are mostly whole), else a float."""
    if d == d.to_integral_value():
        return int(d)
    return float(d)


# ---------------------------------------------------------------- digits

_DIGITS_RE = re.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?")


def parse_digits(text: str) -> Number | None:
    """Read digits written the Indonesian way: `.` groups thousands, `,` is the decimal mark.

    `1.211` is 1211 and `57,6` is 57.6.  A dot not followed by exactly three
    digits (`10.00`, `131.18`) is a time or an identifier, not a number.
    """
    d = _digits_decimal(text.strip())
    return None if d is None else _number(d)


def _digits_decimal(s: str) -> Decimal | None:
    if not _DIGITS_RE.fullmatch(s):
        return None
    try:
        return Decimal(s.replace(".", "").replace(",", "."))
    except InvalidOperation:
        return None


def format_digits(value: Number) -> str:
    """Write a number the way Indonesian news does (`1.500.000`, `57,6`)."""
    neg = value < 0
    d = Decimal(str(abs(value)))
    whole = int(d)
    frac = d - whole
    s = f"{whole:,}".replace(",", ".")
    if frac:
        s += "," + format(frac, "f").split(".", 1)[1].rstrip("0")
    return ("-" if neg else "") + s


# ---------------------------------------------------------------- words

_SMALL = ("nol", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan")
_SCALES = ((10**12, "triliun"), (10**9, "miliar"), (10**6, "juta"), (1000, "ribu"))


def _below_thousand(n: int) -> list[str]:
    out: list[str] = []
    h, rest = divmod(n, 100)
    if h == 1:
        out.append("seratus")
    elif h:
        out += [_SMALL[h], "ratus"]
    t, u = divmod(rest, 10)
    if rest == 10:
        out.append("sepuluh")
    elif rest == 11:
        out.append("sebelas")
    elif t == 1:
        out += [_SMALL[u], "belas"]
    else:
        if t:
            out += [_SMALL[t], "puluh"]
        if u:
            out.append(_SMALL[u])
    return out


def int_to_words(n: int) -> str:
    """Spell a whole number in standard Indonesian (`seribu`, `dua ribu dua puluh empat`).

    Used by the property tests as the reference spelling that `words_to_int`
    must read back, and handy for generating examples.
    """
    if n < 0:
        return "minus " + int_to_words(-n)
    if n == 0:
        return "nol"
    if n >= 10**15:
        raise ValueError("int_to_words handles numbers below 10**15")
    out: list[str] = []
    rest = n
    for size, name in _SCALES:
        q, rest = divmod(rest, size)
        if not q:
            continue
        if q == 1 and size == 1000:
            out.append("seribu")
        else:
            out += [*_below_thousand(q), name]
    out += _below_thousand(rest)
    return " ".join(out)


_STAGE = {"hundred": 3, "ten": 2, "teen": 1}


def words_to_int(text: str) -> int | None:
    """Read a number written in Indonesian words, or None when it is not one.

    The parts of a group must come in falling order (hundreds, tens, units)
    and scales must fall too, so `dua tiga` or `ribu juta` are rejected
    instead of being added up into nonsense.
    """
    toks = text.casefold().split()
    if not toks:
        return None
    words = _tables().words
    if toks == ["nol"]:
        return 0
    total = 0
    group = 0
    stage = 4  # the next part of the group must be of a lower stage than this
    pending: int | None = None  # a digit word waiting for belas/puluh/ratus or a scale
    last_scale = 10**18
    for tok in toks:
        info = words.get(tok)
        if info is None:
            return None
        kind, dval = info
        val = int(dval)
        if kind == "digit":
            if pending is not None or val == 0:
                return None
            pending = val
        elif kind == "mult":
            if pending is None:
                return None
            part_stage = 3 if val == 100 else (1 if tok == "belas" else 2)
            part = pending * 100 if val == 100 else (10 + pending if tok == "belas" else pending * 10)
            if part_stage >= stage:
                return None
            group += part
            stage = part_stage
            pending = None
        elif kind in _STAGE:
            if pending is not None or _STAGE[kind] >= stage:
                return None
            group += val
            stage = _STAGE[kind]
        elif kind in ("scale", "scale1"):
            if val >= last_scale:
                return None
            if kind == "scale1":
                if pending is not None or group:
                    return None
                n = 1
            else:
                if pending is not None:
                    if stage <= 1:
                        return None
                    group += pending
                n = group
                if n == 0:
                    return None
            total += n * val
            last_scale = val
            group, stage, pending = 0, 4, None
        else:
            return None
    if pending is not None:
        if stage <= 1:
            return None
        group += pending
    return total + group


# ---------------------------------------------------------------- scanning


_CURRENCIES = ("Rp", "RP", "rp", "IDR", "USD", "US$")


@functools.lru_cache(maxsize=2)
def _scan_re(years: bool = True) -> re.Pattern[str]:
    """One alternation over every numeral shape, so text is scanned once.

    Each branch is a fixed word list or a bounded digit shape, and repeated
    parts are separated by mandatory whitespace, so matching stays linear.
    Word lists are compiled as tries and the scan is anchored at word
    starts: a flat case-insensitive alternation made the engine try every
    word at every offset, which cost more than the rest of the pipeline.
    """
    t = _tables()
    card_kinds = ("digit", "ten", "teen", "hundred", "mult", "scale", "scale1")
    card = [w for w, (k, _) in t.words.items() if k in card_kinds]
    approx = [w for w, (k, _) in t.words.items() if k == "approx"]
    frac = [w for w, (k, _) in t.words.items() if k == "fraction"]
    indef = [w for w, (k, _) in t.words.items() if k == "indefinite"]
    scale_i = [w for w in t.scales if w not in t.scales_exact]
    scale_s = sorted(t.scales_exact)
    w = trie_pattern(card)
    starts = [*t.words, *t.se_words, *_CURRENCIES]
    # The characters a numeral can begin with (`trie_pattern` adds a capitalised form).
    firsts = "".join(sorted({c for w in starts if w for c in (w[0], w[0].upper())}))
    pat = (
        # Cheap gates first: one class test rejects most word starts (and
        # every word end), one trie walk a word that cannot start a numeral.
        rf"\b(?=[\d{re.escape(firsts)}])(?=\d|{trie_pattern(starts)})"
        rf"(?:(?P<cur>{_alt(_CURRENCIES)})\.?\s?)?"
        r"(?:"
        # Digit runs are bounded: a 5000-digit run is noise, not a number.  A
        # number may touch `Â±`, the plus-minus sign mis-decoded (`2,5Â±1%`).
        + ("" if years else r"(?(cur)|(?!(?:19|20)\d\d(?![\d.,])))")
        + r"(?P<dig>\d{1,3}(?:\.\d{3}){1,8}(?:,\d{1,9})?|\d{1,18}(?:,\d{1,9})?)"
        + r"(?!(?!Â±)\w|[.,]\d|(?(cur)/\d|/))(?P<an>-an)?"
        rf"|(?P<frac>{trie_pattern(frac)})(?![\w-])"
        rf"|(?P<apx>{trie_pattern(approx)})(?![\w-])"
        rf"|(?P<se>{trie_pattern(list(t.se_words))})(?![\w-])"
        rf"|(?P<ind>{trie_pattern(indef)})(?![\w-])"
        rf"|(?P<wrd>{w}(?:\s+{w}){{0,40}})(?P<half>\s+[sS]etengah)?(?![\w-])"
        r")"
        rf"(?:\s*(?:(?P<scale>(?i:{_alt(scale_i)}))(?!\w|-\w)|(?P<scale_s>{_alt(scale_s)})(?![\w-])))?"
        r"(?P<pct>\s?%)?"
    )
    return re.compile(pat)


def iter_numbers(text: str, *, years: bool = True) -> Iterator[NumberMatch]:
    """Every numeral in `text`, left to right, with raw offsets.

    `years=False` skips bare four-digit years (`2024`, not `Rp 2024`) inside
    the scan itself: they are a fifth of all numerals in news, and a caller
    looking for counts would only throw them away one by one.

    Ordinals (`ke-3`, `kedua`) are not found here: the scan's left boundary
    rejects a number glued to a word, and ordinal words are not numerals.
    Qualifiers are not attached: use `qualifier_before` where wanted.
    """
    t = _tables()
    for m in _scan_re(years).finditer(text):
        s = m.start()
        if s:
            prev = text[s - 1]
            if prev in ".,/":
                continue  # the tail of `1.5.3`, `131.18` or `1705/Nabire`
            if prev == "-" and s >= 2 and text[s - 2].isalpha():
                continue  # `ke-3` is an ordinal, `Covid-19` a name
        got = _from_match(m, t)
        if got is not None:
            yield NumberMatch(s, s + len(got.text), got)


# Group numbers of _scan_re, read once per match with m.groups() (cheaper than by name).
_G_CUR, _G_DIG, _G_AN, _G_FRAC, _G_APX, _G_SE, _G_IND, _G_WRD, _G_HALF, _G_SCALE, _G_SCALE_S, _G_PCT = range(12)
_OTHER_KINDS = ((_G_FRAC, "fraction"), (_G_APX, "approximate"), (_G_SE, "cardinal"), (_G_IND, "indefinite"))


def _from_match(m: re.Match[str], t: _Tables) -> ParsedNumber | None:
    g = m.groups()
    cur = g[_G_CUR]
    kind = "cardinal"
    approximate = False
    unit: str | None = None
    end = m.end()
    scale_word = g[_G_SCALE]
    scale_s = g[_G_SCALE_S]
    if scale_s is not None and cur is None:
        # `M`/`T` are scales only after a currency; elsewhere they are names.
        if g[_G_PCT]:
            return None
        end = m.start(_G_SCALE_S + 1)
        scale_s = None
    scale = 1
    if scale_word is not None:
        scale = int(t.scales[scale_word.casefold()])
    elif scale_s is not None:
        scale = int(t.scales[scale_s])
    dig = g[_G_DIG]
    value: Number
    if dig is not None:
        if "," not in dig:
            value = int(dig.replace(".", "")) * scale
        else:
            d = _digits_decimal(dig)
            if d is None:
                return None
            value = _number(d * scale)
        if g[_G_AN]:
            approximate = True
            kind = "approximate"
    elif (w := g[_G_WRD]) is not None:
        toks = w.split()
        n = words_to_int(w)
        while n is None and len(toks) > 1:
            # `dua tiga` or `lima ribu juta`: keep the longest reading that parses.
            toks.pop()
            n = words_to_int(" ".join(toks))
        if n is None:
            return None
        if len(toks) < len(w.split()):
            # The tail that was dropped is no longer part of this number.
            end = m.start(_G_WRD + 1) + _prefix_len(w, len(toks))
            scale = 1
            value = n
        elif g[_G_HALF]:
            value = _number((n + Decimal("0.5")) * scale)  # `satu setengah juta`
        else:
            value = n * scale
    else:
        gi, kind = next((gi, k) for gi, k in _OTHER_KINDS if g[gi] is not None)
        word = g[gi].casefold()
        if gi == _G_SE:
            value = scale
            unit = t.se_words[word]
        else:
            value = _number(t.words[word][1] * scale)
            approximate = gi == _G_APX
    pct = g[_G_PCT] is not None and end == m.end()
    s = m.start()
    text = m.string[s:end].rstrip()
    return ParsedNumber(value, text, kind, approximate, None, cur, pct, scale, unit)


def _prefix_len(s: str, n_tokens: int) -> int:
    """Length of the first `n_tokens` whitespace-separated tokens of `s`."""
    for count, m in enumerate(re.finditer(r"\S+", s), 1):
        if count == n_tokens:
            return m.end()
    return len(s)


@functools.lru_cache(maxsize=1)
def _qual_re() -> re.Pattern[str]:
    # Matched against the reversed text before the number: an anchored match
    # at the number instead of a search through the window.
    q = trie_pattern([w[::-1] for w in _tables().qualifiers], capitalized=False)
    return re.compile(rf"[ \t]*(?P<q>(?i:{q}))(?!\w)")


def qualifier_before(text: str, start: int) -> tuple[int, str, bool] | None:
    """The qualifier written just before offset `start` (`sekitar`, `lebih dari`).

    Returns (offset, phrase as written, approximate) or None.  Only a short
    window is read, so the cost does not grow with the text.
    """
    lo = max(0, start - 24)
    rev = text[lo:start][::-1]
    m = _qual_re().match(rev)
    if m is None:
        return None
    phrase = m.group("q")[::-1]
    return start - m.end(), phrase, _tables().qualifiers[phrase.casefold()]


# ---------------------------------------------------------------- whole expressions

_ORD_DIGIT_RE = re.compile(r"(?i)ke-?\s?(\d+)")


def parse_number(text: str) -> ParsedNumber | None:
    """Parse one whole numeral expression, or None when `text` is not one.

    Accepts an optional qualifier (`sekitar`, `lebih dari`), a currency
    (`Rp`), digits or words, a scale (`juta`, `M`), `-an` and `%`; ordinals
    parse with kind `ordinal`.  Anything left over makes it None: this is
    for reading a number, not for finding one (see `iter_numbers`).
    """
    if not isinstance(text, str):
        return None
    s = text.strip()
    if not s:
        return None
    t = _tables()
    om = _ORD_DIGIT_RE.fullmatch(s)
    if om:
        return ParsedNumber(value=int(om.group(1)), text=s, kind="ordinal")
    if s.casefold() in t.ordinals:
        return ParsedNumber(value=t.ordinals[s.casefold()], text=s, kind="ordinal")
    qual: tuple[str, bool] | None = None
    for phrase in sorted(t.qualifiers, key=len, reverse=True):
        if s.casefold().startswith(phrase + " ") or (phrase in ("±", "+/-") and s.startswith(phrase)):
            qual = (s[: len(phrase)], t.qualifiers[phrase])
            s = s[len(phrase) :].lstrip()
            break
    m = _scan_re().fullmatch(s)
    if m is None:
        return None
    pn = _from_match(m, t)
    if pn is None or len(pn.text) != len(s):
        return None
    if qual is not None:
        return ParsedNumber(
            value=pn.value,
            text=text.strip(),
            kind=pn.kind,
            approximate=pn.approximate or qual[1],
            qualifier=qual[0],
            currency=pn.currency,
            percent=pn.percent,
            scale=pn.scale,
            unit=pn.unit,
        )
    return pn
