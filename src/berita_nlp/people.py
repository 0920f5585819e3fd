"""The berita_people component: named people with their offices and degrees.

No Indonesian NER model runs offline, and public NER sets leave titles out of
their person spans, so the officials are found the way a reader finds them:
by the words around a name.  Indonesian news writes an official as a chain
`[modifier] role [unit] [rank] [honorific] [degrees] Name[, degrees]`
(`Pj Gubernur Jawa Barat Bey Triadi Machmudin`, `Kapolres Lamsel AKBP Edwin,
SIK, M.Si`), as an apposition (`Kepala Biro ..., Yulia Dewita, S.T.`, `Aron,
Bupati Sekadau`), or after a speech verb (`kata Aron`).  All of that
vocabulary is data (`data/people_*.tsv`); the code only walks the chain.

One Aho-Corasick pass finds the anchors (offices, ranks, honorifics, degrees,
Balinese name openers, speech verbs); only the capitalised run at each anchor
and the runs right beside it are walked word by word, so the work follows the
number of officials, not the length of the article.  Where a run's unit ends
and the name starts is decided by unit vocabulary, acronyms, and the places
and organizations found by the earlier components (so `I Made Gianyar` stays
a person while `Bupati Gianyar` is a unit).  Later mentions by a part of the
name, and a bare title when one person holds it, join the person found first.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from .datafiles import tsv_rows
from .records import Mention, Person, Place, Position
from .state import ArticleState, ZoneMap, article_text, get_state, set_spans

SPAN_GROUP = "berita_people"

# ---------------------------------------------------------------- data


def _rows(name: str) -> list[list[str]]:
    return tsv_rows(name, strip=True)


@functools.lru_cache(maxsize=65536)
def _key(text: str) -> str:
    """Lookup key of a written word or phrase: lower case, no dots."""
    return text.replace(".", "").lower()


@functools.lru_cache(maxsize=65536)
def _deg_key(text: str) -> str:
    return _DEG_STRIP.sub("", text)


_DEG_STRIP = re.compile(r"[.\s\-–()]")


_UPPER = "A-ZÀ-ÖØ-Þ"
# `McKenzie`, `DeCicco`, `MacArthur`: one or two letters, then a second capital
_TITLEWORD = re.compile(rf"[{_UPPER}](?:[a-z]{{1,2}}[{_UPPER}])?[a-zà-öø-ÿ'’]+(?:-[{_UPPER}]?[a-zà-öø-ÿ'’]+)*$")
_INITIALS = re.compile(rf"(?:[{_UPPER}]\.)+[{_UPPER}]?$|[{_UPPER}]$")
_ALLCAPS = re.compile(rf"[{_UPPER}][{_UPPER}0-9&\-]+$")
_PAIR = re.compile(rf"([{_UPPER}][a-z]+)-(?!\1$)[{_UPPER}][a-z]+$")
_ROMAN = re.compile(r"(?:X{0,3})(?:IX|IV|V?I{0,3})$")
_NUMLIKE = re.compile(r"\d")


@functools.lru_cache(maxsize=65536)
def _allcaps(w: str) -> bool:
    return _ALLCAPS.match(w) is not None


@functools.lru_cache(maxsize=65536)
def _titleword(w: str) -> bool:
    return _TITLEWORD.match(w) is not None


@dataclass(slots=True)
class _Lexicon:
    """Everything the walk looks up, built once per process from the data files."""

    kinds: dict[str, frozenset[str]]
    max_len: int
    deg_keys: frozenset[str]
    deg_upper: frozenset[str]
    abbrev: frozenset[str]
    run_re: re.Pattern[str]
    before_re: re.Pattern[str]
    before_rev: re.Pattern[str]
    after_re: re.Pattern[str]
    appoint_re: re.Pattern[str]
    credit_re: re.Pattern[str]
    chain_re: re.Pattern[str]
    gap_back: re.Pattern[str]
    tailname_rev: re.Pattern[str]
    automaton: Any
    heads: dict[str, int]
    # the lengths (longest first) of the phrases each head word opens: only
    # these are looked up, not every length down from the longest
    head_lens: dict[str, tuple[int, ...]]
    signature: frozenset[str]
    concept_re: re.Pattern[str]
    person_nouns: frozenset[str]
    noun_back_re: re.Pattern[str]  # a person noun earlier in the clause before `bernama`
    figures: frozenset[str]  # public figures' names (`prabowo`, `donald trump`), folded word keys
    figure_full: dict[str, str]  # a figure's short form -> full name (`jokowi` -> `joko widodo`)
    figure_heads: frozenset[str]  # the first words of `figures`: most names are looked up no further
    list_cue_re: re.Pattern[str]
    verb_after_re: re.Pattern[str]
    facility: frozenset[str]
    company: frozenset[str]
    comma_re: re.Pattern[str]
    aftersep_re: re.Pattern[str]
    appoint_lead_re: re.Pattern[str]
    age_re: re.Pattern[str]
    gap_re: re.Pattern[str]
    connect: frozenset[str]  # lowercase words joining the words of a unit (`Haji dan Umrah`)
    bare_not_after: re.Pattern[str]  # `analis di Thomas Weller`: the word before makes the name a place or firm
    tok_re: re.Pattern[str] = field(default_factory=lambda: re.compile(r"\([^()\n]*\)|[^\s/()]+"))


_REV_WORD = r"(?<![\w'’\-.])[\w'’\-.]*[A-Z](?![\w'’\-.])"  # a whole capitalised word, reversed


@functools.lru_cache(maxsize=1)
def lexicon() -> _Lexicon:
    """Load the people tables (lazily, once per process)."""
    kinds: dict[str, set[str]] = {}
    abbrev: set[str] = set()

    def add(form: str, kind: str) -> None:
        k = _key(form)
        if not k:
            return
        kinds.setdefault(k, set()).add(kind)
        if form.endswith("."):
            abbrev.add(k)

    for form, kind, *_ in _rows("people_roles.tsv"):
        add(form, kind)
    for form, kind, *_ in _rows("people_ranks.tsv"):
        add(form, kind)
    for form, kind, *_ in _rows("people_honorifics.tsv"):
        add(form, kind)
    for form, kind, *_ in _rows("people_particles.tsv"):
        add(form, kind)
    for form, *_ in _rows("people_units.tsv"):
        add(form, "unit")
    for form, *_ in _rows("people_stopwords.tsv"):
        add(form, "stop")
    for form, *_ in _rows("people_given_names.tsv"):
        add(form, "given")
    for form, *_ in _rows("people_given_foreign.tsv"):
        add(form, "given")
    kinds[_UNIT_KEY] = {"unit"}
    deg_keys: set[str] = set()
    for form, pos, *_ in _rows("people_degrees.tsv"):
        if pos == "before":
            add(form, "degb")
        else:
            deg_keys.add(_deg_key(form))
    ctx: dict[str, list[str]] = {}
    for form, kind, *_ in _rows("people_context.tsv"):
        ctx.setdefault(kind, []).append(form)

    def alt(words: Iterable[str]) -> str:
        return "|".join(sorted({re.escape(w) for w in words}, key=lambda w: (-len(w), w)))

    connect = frozenset(
        [f for f, k, *_ in _rows("people_particles.tsv") if k == "connector"] + ctx.get("unit_joiner", [])
    )
    inner = alt(sorted(connect | {f for f, k, *_ in _rows("people_particles.tsv") if k == "inner"}))
    low_deg = r"(?:dr|drg|drh|dra|apt)\.?"
    cap = rf"[{_UPPER}][\w'’\-]*(?:\.(?=[\w(])[\w'’\-()]*)*\.?"
    num = r"\d[\w\-]*(?:/[\w\-]+)*"
    paren = r"\([^()\n]{1,40}\)"
    tok = rf"(?:{cap}|{num}|{paren}|(?:{inner}|ke-\d+|{low_deg})(?=[ \t\xa0]+[{_UPPER}\d(]))"
    sep = r"(?:[ \t\xa0]+|/)"
    run_re = re.compile(rf"{cap}(?:{sep}{tok})*")
    before_re = re.compile(rf"(?:^|[^\w])(?:{alt(ctx['before'])})[ \t\xa0]+$")
    # before_re read on the reversed window (see _spoken)
    before_rev = re.compile(rf"\n?[ \t\xa0]+(?:{alt(w[::-1] for w in ctx['before'])})[^\w]")
    after_re = re.compile(
        rf"[ \t\xa0]*,?[ \t\xa0]*(?:(?:{alt(ctx['after_gap'])})[ \t\xa0]+)?"
        rf"(?:{alt(ctx['after'])})\b"
    )
    appoint_re = re.compile(
        rf"[ \t\xa0]*,?[ \t\xa0]*(?:(?:{alt(ctx['appoint_aux'])})[ \t\xa0]+){{0,3}}"
        rf"(?:(?:{alt(ctx['appoint'])})[ \t\xa0]+)?(?:{alt(ctx['appoint_to'])})[ \t\xa0]+"
        # `Budi Santoso, yang juga (menjabat) Menteri Pertanian`
        rf"|[ \t\xa0]*,[ \t\xa0]*(?:yang[ \t\xa0]+)?(?:{alt(ctx['also_is'])})[ \t\xa0]+"
        rf"(?:(?:{alt(ctx['appoint'])})[ \t\xa0]+)?(?:(?:{alt(ctx['appoint_to'])})[ \t\xa0]+)?"
        # `Budi Santoso yang sebelumnya menjabat Kepala Dinas X`: the verb needs no `sebagai`
        rf"|[ \t\xa0]*,?[ \t\xa0]*yang[ \t\xa0]+(?:(?:{alt(ctx['appoint_aux'])})[ \t\xa0]+){{0,2}}"
        rf"(?:{alt(ctx.get('appoint_direct', ['$^']))})[ \t\xa0]+"
    )
    # read back from a dangling office to the name before it: `Subagyo, yang kini dirotasi sebagai`
    aux, verb, to = alt(ctx["gap_aux"]), alt(ctx["gap_appoint"]), alt(ctx["appoint_to"])
    gap_back = re.compile(
        rf"(?:,[ \t\xa0]*(?:(?:{aux})[ \t\xa0]+){{0,3}}(?:(?:{verb})[ \t\xa0]+)?(?:(?:{to})[ \t\xa0]+)?"
        rf"|[ \t\xa0]+(?:(?:{aux})[ \t\xa0]+){{0,3}}(?:(?:{verb})[ \t\xa0]+)?(?:{to})[ \t\xa0]+)$"
    )
    # the name before a speech verb, matched on the reversed window (see _cap_before)
    tailname_rev = re.compile(
        rf"\n?(?:[ \t\xa0]+(?:{alt(w[::-1] for w in ctx['after_gap_back'])}))?[ \t\xa0]*,?[ \t\xa0]*"
        rf"{_REV_WORD}(?:[ \t\xa0]+{_REV_WORD}){{0,5}}"
    )
    credit_re = re.compile(rf"(?:{alt(ctx['credit'])})[ \t\xa0]*(?:oleh)?[ \t\xa0]*[:/|][ \t\xa0]*$", re.I)
    chain_re = re.compile(r"[ \t\xa0]*(,)?[ \t\xa0]*([A-Za-z][A-Za-z.()\-–]{0,15})")
    deg_upper = frozenset(k.upper() for k in deg_keys)
    then = alt(ctx["then"]).replace("\\ ", "[ \t\xa0]+")
    # `Direktur Utama PT Wira Karya periode 2011-2016 Hendra Saputra`: the term of the office stands
    # between it and its holder, with or without a comma
    term = (
        rf"[ \t\xa0]+(?:(?:{alt(ctx.get('term', ['$^']))})[ \t\xa0]+)?(?:19|20)\d\d"
        r"(?:[ \t\xa0]*[-–/][ \t\xa0]*(?:19|20)?\d\d)?"
    )
    comma_re = rf"(?:(?:[ \t\xa0]+(?:{then}))?[ \t\xa0]*,[ \t\xa0]*|{term}(?:[ \t\xa0]*,)?[ \t\xa0]+)"
    import ahocorasick

    auto = ahocorasick.Automaton()

    def anchor(form: str, kind: str) -> None:
        k = " " + " ".join(form.lower().translate(_PUNCT_TO_SPACE).split()) + " "
        if len(k) > 3:
            auto.add_word(k, (kind, len(k)))

    for k, v in kinds.items():
        if v & {"role", "modifier", "rank", "degb", "address", "descriptor"} or (v & {"honorific"} and len(k) > 1):
            anchor(k, "title")
    for k in ("hj", "hm", "kh", "k.h.", "h.m.", "tgh"):
        anchor(k, "title")
    bali2 = sorted(k for k, v in kinds.items() if "bali2" in v)
    for second in bali2:
        if second not in ("agung", "dewa", "gusti", "bagus", "ayu", "luh"):
            anchor(second, "title")  # `Gede Aryasa`, `Made Sudarta`: Balinese names open with these
    for opener in ("i", "ni", "anak agung", "ida bagus", "sang", "cokorda", "tjokorda", "desak", "gusti", "aa"):
        for second in bali2:
            anchor(f"{opener} {second}", "title")
    for form in ctx["before"]:
        anchor(form, "before")
    for form in ctx["after"]:
        anchor(form, "after")
    for form in ctx.get("agent", []):
        anchor(form, "agent")
    for form in ctx.get("holder", []):
        anchor(form, "holder")
    for form in ctx.get("named", []):
        anchor(form, "named")
    fig_rows = _rows("people_public_figures.tsv")
    figures = frozenset(" ".join(_key(w) for w in row[0].split()) for row in fig_rows)
    figure_full = {
        " ".join(_key(w) for w in row[0].split()): " ".join(_key(w) for w in row[1].split())
        for row in fig_rows
        if len(row) > 1 and row[1]
    }
    for form in figures:
        if not auto.exists(" " + form + " "):
            anchor(form, "figure")
    for form in ctx.get("person_noun", []):
        # an office word (`anggota`, `guru`) keeps its title anchor: one value per key
        if not auto.exists(" " + form + " "):
            anchor(form, "noun")
    bare_not = frozenset(_key(w) for w in ctx.get("bare_not", []))
    for k, v in kinds.items():
        # `terkait Rudi Marsono`: a common given name may open a person named with no cue;
        # every other anchor keeps its key (one value per key)
        if "given" in v and k not in bare_not and not auto.exists(" " + k + " "):
            anchor(k, "given")
    auto.make_automaton()
    frozen = {k: frozenset(v) for k, v in kinds.items()}
    heads: dict[str, int] = {}
    for k in frozen:
        words = k.split(" ")
        if len(words) > 1:
            heads[words[0]] = max(heads.get(words[0], 1), len(words))
    lens: dict[str, set[int]] = {}
    for k in frozen:
        words = k.split(" ")
        if len(words) > 1:
            # a bracketed token may hold spaces, so such a phrase may join fewer tokens
            got = range(2, len(words) + 1) if "(" in k else (len(words),)
            lens.setdefault(words[0], set()).update(got)
    max_len = max(k.count(" ") + 1 for k in frozen)
    return _Lexicon(
        connect=connect,
        bare_not_after=re.compile(rf"(?<![\w\-])(?:{alt(ctx.get('bare_not_after', ['$^']))})[ \t\xa0]+$"),
        kinds=frozen,
        max_len=min(max_len, 4),
        deg_keys=frozenset(deg_keys),
        deg_upper=deg_upper,
        abbrev=frozenset(abbrev),
        run_re=run_re,
        before_re=before_re,
        before_rev=before_rev,
        after_re=after_re,
        appoint_re=appoint_re,
        credit_re=credit_re,
        chain_re=chain_re,
        gap_back=gap_back,
        tailname_rev=tailname_rev,
        automaton=auto,
        heads=heads,
        head_lens={h: tuple(sorted(v, reverse=True)) for h, v in lens.items()},
        signature=frozenset(_key(w) for w in ctx.get("signature", [])),
        concept_re=re.compile(rf"(?:{alt(ctx.get('concept_suffix', ['$^']))})$"),
        person_nouns=frozenset(ctx.get("person_noun", [])),
        figures=figures,
        figure_full=figure_full,
        figure_heads=frozenset(f.split(" ")[0] for f in figures),
        # `model asal Belarusia bernama ...`, `mantan pejabat Antam bernama ...`: the noun
        # may stand a few words before `bernama`, but in the same clause
        noun_back_re=re.compile(
            rf"(?<![\w\-])(?:{alt(ctx.get('person_noun', ['$^']))})(?![\w\-])[^.!?\n\"“”]{{0,60}}$", re.I
        ),
        company=frozenset(_key(w) for w in ctx.get("company", [])),
        # the words of a prosecutor's list of people (`tersangka lain adalah A (AB)`);
        # without one, a phrase with its acronym is a programme
        list_cue_re=re.compile(rf"\b(?:{alt(ctx.get('list_cue', ['$^']))})\b"),
        verb_after_re=re.compile(rf" (?:{alt(ctx.get('verb_prefix', ['$^']))})[a-z]{{3,}}\b"),
        # `RSUP Prof Suwardi`, `Jl. Jenderal Sudirman`: a place named after a person
        # the last word of each (`Rumah Sakit` -> `sakit`): read off the word before a run
        facility=frozenset(_key(w.split()[-1]) for w in ctx["facility"]),
        comma_re=re.compile(comma_re),
        aftersep_re=re.compile(
            rf"(?:(?:[ \t\xa0]+(?:{then}))?[ \t\xa0]*[,:]|[ \t\xa0]+(?:{alt(ctx['also_held'])})"
            rf"|{term}(?:[ \t\xa0]*,)?[ \t\xa0])[ \t\xa0]*(?=[A-Z])"
        ),
        appoint_lead_re=re.compile(rf",|{alt(ctx['appoint_lead'])}"),
        age_re=re.compile(rf"\((\d{{1,2}})(?: (?:{alt(ctx['age_word'])}))?\)"),
        gap_re=re.compile(
            # the four joins of `_gap_kind` in its order, tried by one fullmatch
            rf"(?P<comma>{comma_re})|(?P<colon>{_COLON.pattern})|(?P<appoint>{appoint_re.pattern})"
            rf"|(?P<also>{_ALSO.pattern})"
        ),
    )


# ------------------------------------------------------------- degrees


def _is_degree_piece(lex: _Lexicon, piece: str) -> bool:
    k = _deg_key(piece)
    if not k:
        return False
    if "." not in piece and _titleword(piece) and len(k) > 2:
        return False  # `Ari`, `Mars`: a word, not a degree
    return k in lex.deg_keys or k.upper() in lex.deg_upper


_PARTS = re.compile(r"[^.]+\.?")


def split_degrees(lex: _Lexicon, written: str) -> list[str] | None:
    """The degrees in one written token (`SE.MM` -> `SE`, `MM`), or None.

    Writers glue degrees with dots and no space, so a token that is not one
    degree is cut at its dots into the longest known degrees, left to right.
    The answer depends on the written form alone, so it is kept per form:
    the word after every name (`mengatakan`, `S.Sos.`) is asked about.
    """
    if lex is not lexicon():
        return _split_degrees(lex, written)
    got = _split_cached(written)
    return list(got) if got is not None else None


@functools.lru_cache(maxsize=65536)
def _split_cached(written: str) -> tuple[str, ...] | None:
    got = _split_degrees(lexicon(), written)
    return tuple(got) if got is not None else None


def _split_degrees(lex: _Lexicon, written: str) -> list[str] | None:
    w = written.strip(",;")
    if not w or not w[0].isalpha():
        return None
    if _is_degree_piece(lex, w):
        return [w]
    if "." not in w[:-1]:
        return None  # nothing glued: one word that is no degree
    parts = _PARTS.findall(w)
    out: list[str] = []
    i = 0
    while i < len(parts):
        for j in range(len(parts), i, -1):
            cand = "".join(parts[i:j])
            if _is_degree_piece(lex, cand):
                out.append(cand)
                i = j
                break
        else:
            return None
    return out or None


# ---------------------------------------------------------------- walk


Tok = tuple[int, int, str, str]  # start, end, text, key


class _Block:
    """One `[title] [rank] [honorific] [degrees] name [degrees]` chain in a run.

    A plain slotted class: a dozen are made per article, and the generated
    dataclass constructor (fifteen keyword defaults) cost more than the walk
    that fills them.
    """

    __slots__ = (
        "alias",
        "anaphor",
        "attached",
        "degrees",
        "extra",
        "heading",
        "hons",
        "mods",
        "name",
        "ranks",
        "role",
        "soft",
        "strong",
        "title",
        "unit",
    )

    def __init__(self, name: list[Tok] | None = None) -> None:
        self.title: list[Tok] = []
        self.mods: list[Tok] = []
        self.role: list[Tok] = []
        self.unit: list[Tok] = []
        self.ranks: list[str] = []
        self.hons: list[str] = []
        self.degrees: list[str] = []
        self.name: list[Tok] = name if name is not None else []
        self.alias: str | None = None
        self.strong = False  # rank, honorific, degree, address word or Balinese opener seen
        self.soft = False  # the title was only written after the name in the same run
        self.attached = False  # a dangling title given to a name elsewhere
        self.anaphor = False  # a dangling title followed by `itu`/`ini`: the person just named
        self.heading: list[Tok] = []
        self.extra: list[_Block] = []  # further titles of the same name

    def has_title(self) -> bool:
        return bool(self.role)


class _Run:
    """The blocks of one capitalised run and how it joins the run before."""

    __slots__ = ("blocks", "end", "gap", "next", "prev_run", "skip", "start", "tail")

    def __init__(self, start: int, end: int, blocks: list[_Block]) -> None:
        self.start = start
        self.end = end
        self.blocks = blocks
        self.tail = 0  # end of the run with the degrees written after it
        self.gap: str | None = None  # what joins it to the run before: comma, colon, appoint
        self.skip = False
        self.next: _Run | None = None
        self.prev_run: _Run | None = None


@dataclass(slots=True)
class _Cand:
    """A person candidate before merging: one named block with its evidence."""

    name: list[Tok]
    titles: list[tuple[str, Position]]
    degrees: list[str]
    hons: list[str]
    ranks: list[str]
    strong: bool
    alias: str | None = None


class _Spans:
    """Sorted spans of places and organizations, asked `covers(start, end)`."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        s = sorted(spans)
        self.starts = [a for a, _ in s]
        self.ends = [b for _, b in s]

    def covers(self, start: int, end: int) -> bool:
        i = bisect.bisect_right(self.starts, start) - 1
        return i >= 0 and self.ends[i] >= end


def _lex_match(lex: _Lexicon, toks: Sequence[Tok], i: int) -> tuple[frozenset[str], int]:
    """Longest phrase of the lexicon starting at token i: (kinds, length)."""
    kinds = lex.kinds
    first = toks[i][3]
    room = len(toks) - i
    for ln in lex.head_lens.get(first, ()):
        if ln <= room:
            v = kinds.get(" ".join([t[3] for t in toks[i : i + ln]]))
            if v is not None:
                return v, ln
    return kinds.get(first, _EMPTY), 1


_EMPTY: frozenset[str] = frozenset()
_WALK_KINDS = frozenset({"role", "modifier", "rank", "honorific", "degb", "bali", "bali2", "address", "corps"})


_TITLE_KINDS = frozenset({"role", "modifier"})
_NEXT_NAME_KINDS = frozenset({"honorific", "degb", "address"})  # kinds that ask whether a name follows
_NAMEISH = frozenset({"given", "bali", "bali2"})
_GIVEN_ONLY = frozenset({"given"})
_NOT_NAME = frozenset({"stop", "unit", "role", "modifier", "rank", "honorific", "address", "degb"})


def _kinds_at(lex: _Lexicon, toks: Sequence[Tok], i: int) -> frozenset[str]:
    return lex.kinds.get(toks[i][3], frozenset()) if i < len(toks) else frozenset()


@functools.lru_cache(maxsize=65536)
def _namey(text: str) -> bool:
    if len(text) > 5 and text.endswith("nya"):
        return False  # `Faktanya`, `Menurutnya`: a suffixed word, never a name
    return bool(_titleword(text) or _INITIALS.match(text.rstrip(".") + ("." if text.endswith(".") else "")))


def _walk(lex: _Lexicon, text: str, toks: list[Tok], places: _Spans, orgs: _Spans, spoken: bool) -> list[_Block]:
    """Cut one capitalised run into title/name blocks.

    The phases follow the order writers use: modifiers and role, then the
    unit, then rank/honorific/degrees, then the name, then degrees.
    """
    blocks: list[_Block] = []
    cur = _Block()
    heads = lex.heads
    kinds_get = lex.kinds.get
    org_words = False
    skipped: list[Tok] = []  # office words read past before a role: a list heading (`DPC PDIP Badung Ketua:`)
    phase = "pre"  # pre | unit | expect (name must follow) | name | post
    i = 0
    n = len(toks)

    def close(last: bool = False) -> None:
        nonlocal cur, phase
        while cur.unit and cur.unit[-1][2] in lex.connect and cur.title and cur.title[-1] is cur.unit[-1]:
            cur.unit.pop()
            cur.title.pop()
        if cur.title or cur.name:
            blocks.append(cur)
        if not last:
            cur = _Block()
            phase = "pre"

    while i < n:
        s, e, w, k = toks[i]
        if w.startswith("("):
            if phase == "name" and cur.name:
                inner = w[1:-1].strip()
                if inner and _namey(inner.split()[0]):
                    cur.alias = inner
                close()
            elif phase in ("expect",) and _key(w) in lex.kinds and "corps" in lex.kinds[_key(w)]:
                pass
            elif cur.role and not cur.name and phase == "unit":
                inside = _paren_name(lex, s, w, places, orgs)
                if inside:
                    cur.name = inside  # `Pak Menteri (Dody Hanggodo)`: the holder named in brackets
                    close()
            i += 1
            continue
        if k in heads:
            kinds, ln = _lex_match(lex, toks, i)
        else:
            kinds, ln = kinds_get(k, _EMPTY), 1
        # sentence end: a word with a full stop that is no abbreviation closes the run
        if phase == "name":
            if not kinds and "-" not in w and "." not in w and _namey(w):
                cur.name.append((s, e, w, k))  # the common case: one more word of the name
                i += 1
                continue
            if w == "dan" or w == "&":
                close()
                i += 1
                continue
            if len(w) == 2 and w[1] == "." and i + 1 < n and cur.name:
                glued = split_degrees(lex, w + toks[i + 1][2])
                if glued and len(glued) == 1:
                    # `M. Ag`: a degree written with a space after its first letter
                    cur.degrees.append(w + " " + toks[i + 1][2])
                    phase = "post"
                    i += 2
                    continue
            degs = split_degrees(lex, w) if ("." in toks[i][2] or not _titleword(w)) else None
            if degs and ln == 1 and not kinds & {"honorific", "given"}:
                cur.degrees.extend(degs)
                phase = "post"
                i += 1
                continue
            if kinds & _TITLE_KINDS and not kinds & {"given", "bali2"}:
                close()
                continue  # re-read the token as the start of a new block
            if kinds & {"rank", "honorific", "degb"} and not kinds & {"given"}:
                if cur.role:
                    cur.unit.extend(cur.name)
                    cur.title.extend(cur.name)
                    cur.name = []
                    phase = "expect"
                    continue
                close()
                continue
            if "unit" in kinds and not kinds & {"given", "bali2", "inner"} and cur.role and not cur.strong:
                # `Direktur Utama Bank Mega Syariah Yuwono`: the words read as a name were the unit
                cur.unit.extend([*cur.name, toks[i]])
                cur.title.extend([*cur.name, toks[i]])
                cur.name = []
                phase = "unit"
                i += 1
                continue
            if "stop" in kinds and not kinds & {"given", "bali2"}:
                close()
                i += 1
                continue
            if (
                "-" in w
                and _PAIR.match(w)
                and (
                    not cur.name
                    or (i + 1 < n and _namey(toks[i + 1][2]))
                    or "given" in lex.kinds.get(_key(w[w.index("-") + 1 :]), _EMPTY)
                )
            ):
                # `Sujadi-Fauzi`: a pair of office holders written as one word; a
                # double surname closing a name (`Agnes Pannier-Runacher`) stays
                # whole unless a given name follows the hyphen (`Umar Ahmad-Fauzi`)
                cut = w.index("-")
                cur.name.append((s, s + cut, w[:cut], _key(w[:cut])))
                strong = cur.strong or bool(cur.role)
                close()
                cur.name.append((s + cut + 1, e, w[cut + 1 :], _key(w[cut + 1 :])))
                cur.strong = strong
                phase = "name"
                i += 1
                continue
            if (
                k in ("bin", "binti", "van", "von", "der", "den", "de", "da", "al", "el")
                or _namey(w)
                or (_allcaps(w) and len(w) <= 3 and "unit" not in kinds)
            ):
                cur.name.append((s, s + len(w), w, k))
                i += 1
                continue
            close()
            continue
        if phase == "post":
            degs = split_degrees(lex, w)
            if degs and not kinds & {"honorific", "given", "role"}:
                cur.degrees.extend(degs)
                i += 1
                continue
            close()
            continue
        # pre / unit / expect
        if "modifier" in kinds and (ln > 1 or k != "wakil" or i + 1 < n):
            if cur.role or cur.name:
                close()
            cur.mods.extend(toks[i : i + ln])
            cur.title.extend(toks[i : i + ln])
            org_words = False
            i += ln
            continue
        if (
            "role" in kinds
            and (phase != "expect" or not (cur.ranks or cur.hons or cur.degrees))
            and not (cur.unit and "given" in kinds and _given_opens(lex, toks, i + ln, places))
        ):
            if cur.role:
                cur.unit.extend(toks[i : i + ln])
            else:
                cur.role.extend(toks[i : i + ln])
                cur.heading = skipped
            cur.title.extend(toks[i : i + ln])
            phase = "unit"
            org_words = False
            skipped = []
            i += ln
            continue
        if "rank" in kinds and (
            "unit" not in kinds
            or phase == "unit"
            or (i + ln < n and "corps" in lex.kinds.get(toks[i + ln][3], frozenset()))
        ):
            cur.ranks.append(" ".join(t[2] for t in toks[i : i + ln]))
            i += ln
            while i < n and "corps" in lex.kinds.get(toks[i][3], frozenset()):
                cur.ranks[-1] += " " + toks[i][2]
                i += 1
            cur.strong = True
            phase = "expect"
            continue
        if k == "hm" and ln == 1 and i + 1 < n and _namey(toks[i + 1][2]) and phase != "name":
            # `HM Harris`, `H.M. Nurdin`: Haji plus the initial of Muhammad, which stays in the name
            cur.hons.append("H.")
            cur.name.append((e - 2 if w.endswith(".") else e - 1, e, "M." if w.endswith(".") else "M", "m"))
            cur.strong = True
            phase = "name"
            i += 1
            continue
        nxt_namey = (
            bool(kinds & _NEXT_NAME_KINDS)
            and i + ln < n
            and (_namey(toks[i + ln][2].rstrip(".")) or toks[i + ln][3] in lex.kinds)
            # `Doktor Ilmu Politik`: a field of study (unit words) follows, not a name
            and not ("degb" in kinds and _field_next(lex, toks, i + ln))
        )
        if "honorific" in kinds and nxt_namey:
            cur.hons.append(" ".join(t[2] for t in toks[i : i + ln]))
            cur.strong = True
            phase = "expect"
            i += ln
            continue
        if "degb" in kinds and nxt_namey:
            cur.degrees.append(" ".join(t[2] for t in toks[i : i + ln]))
            cur.strong = True
            phase = "expect"
            i += ln
            continue
        if "degb" in kinds and phase != "name" and not kinds & _NAMEISH and _titleword(w) and len(w) > 3:
            i += ln  # `kata Doktor Ilmu Politik UI itu`: an academic title before a field, no name
            continue
        if (
            "address" in kinds
            and nxt_namey
            and phase != "unit"
            and not lex.kinds.get(toks[i + ln][3], frozenset()) & {"role", "modifier", "stop"}
        ):
            cur.strong = True
            phase = "expect"
            i += ln
            continue
        if "address" in kinds and phase != "name":
            i += ln  # `Bapak Bupati`, `Pak Menkeu`: a form of address, never a name
            continue
        if "bali" in kinds and i + ln < n:
            nk = lex.kinds.get(toks[i + ln][3], frozenset())
            if ln > 1 or "bali2" in nk or (w not in ("I", "Sang") and _namey(toks[i + ln][2])):
                if phase == "unit" or cur.name:
                    pass
                cur.name.extend(toks[i : i + ln])
                cur.strong = True
                phase = "name"
                i += ln
                continue
        if phase == "unit" and w in ("dan", "&") and i + 1 < n:
            nk = lex.kinds.get(toks[i + 1][3], frozenset())
            ns, ne, nw = toks[i + 1][0], toks[i + 1][1], toks[i + 1][2]
            if not (
                ("unit" in nk and "given" not in nk) or _allcaps(nw) or places.covers(ns, ne) or orgs.covers(ns, ne)
            ):
                close()  # `Kepala Bagian Hukum dan Mohamad Afin`: the unit ends, another person follows
                i += 1
                continue
        if phase == "unit":
            prev = toks[i - 1][2] if i else ""
            unitish = (
                ("unit" in kinds and "given" not in kinds)
                or kinds & {"connector"}
                or w in ("dan", "&", "for", "and", "of", "the")
                or w.startswith("ke-")
                or (_allcaps(w) and not (len(w) == 2 and i + 1 < n and _titleword(toks[i + 1][2])))
                or _NUMLIKE.match(w)
                or (_ROMAN.match(w) and w and not ("bali" in kinds and "bali2" in _kinds_at(lex, toks, i + 1)))
                or places.covers(s, e)
                or orgs.covers(s, e)
                or (_titleword(w) and _region_word(w) and (i + 1 == n or _unit_after_number(lex, toks, i)))
                or (
                    prev
                    and (_NUMLIKE.match(prev) or (_ROMAN.match(prev) and len(prev) <= 4))
                    and _titleword(w)
                    and _unit_after_number(lex, toks, i)
                )
            )
            given_next = "given" in kinds and i + 1 < n and _namey(toks[i + 1][2])
            if unitish and not (given_next and "unit" not in _kinds_at(lex, toks, i + 1)):
                cur.unit.extend(toks[i : i + ln])
                cur.title.extend(toks[i : i + ln])
                i += ln
                continue
        if phase in ("pre",):
            if "stop" in kinds or "unit" in kinds or (_allcaps(w) and len(w) > 3):
                if cur.title or cur.name:
                    close()
                org_words = org_words or ("unit" in kinds and "stop" not in kinds)
                skipped = [*skipped, *toks[i : i + ln]] if "stop" not in kinds else []
                i += ln
                if (
                    "stop" in kinds
                    and i + 1 < n
                    and toks[i][2]
                    and _ROMAN.match(toks[i][2])
                    and not _kinds_at(lex, toks, i + 1) & {"bali", "bali2"}
                ):
                    i += 1  # `Teradu VII Bernard`: the number of a case label, not an initial
                continue
            if org_words and not spoken:
                skipped = [*skipped, toks[i]]
                i += 1  # `Dinas Kominfo Kabupaten Sleman`: the words after an office word name the office
                continue
            if (places.covers(s, e) or orgs.covers(s, e)) and not spoken:
                skipped = [*skipped, toks[i]]
                i += 1
                continue
            if _allcaps(w) and not (i + 1 < n and _namey(toks[i + 1][2])):
                skipped = [*skipped, toks[i]]  # an acronym (`DPC`, `PDIP`) is an office, not a name
                i += 1
                continue
        if _namey(w) or (_allcaps(w) and len(w) <= 3 and i + 1 < n and _namey(toks[i + 1][2])):
            if "stop" in kinds and not kinds & {"given"}:
                close()
                i += 1
                continue
            if "-" in w and _PAIR.match(w):
                phase = "name"
                continue  # the pair is cut in the name phase
            cur.name.append((s, s + len(w), w, k))
            phase = "name"
            i += 1
            continue
        # anything else (a lowercase connector before any name) ends the block
        if cur.title and not cur.name and w in ("dan", "&"):
            close()
        i += 1
    close(last=True)
    return blocks


_PAREN_WORD = re.compile(r"[^\s()]+")


def _given_opens(lex: _Lexicon, toks: Sequence[Tok], j: int, places: _Spans) -> bool:
    """`Menteri Kehutanan Raja Juli Antoni`: after a full office, a given name that is
    also an office word opens the holder's name when a plain name word follows."""
    if j >= len(toks):
        return False
    t = toks[j]
    return _namey(t[2]) and not lex.kinds.get(t[3], _EMPTY) & _UNITISH_KINDS and not places.covers(t[0], t[1])


def _paren_name(lex: _Lexicon, s: int, w: str, places: _Spans, orgs: _Spans) -> list[Tok]:
    """The words of `(Dody Hanggodo)` when they make a name of two words or more, else nothing."""
    out: list[Tok] = []
    for m in _PAREN_WORD.finditer(w, 1, len(w) - 1):
        x = m.group()
        k = _key(x)
        if not _namey(x) or lex.kinds.get(k, _EMPTY) & _NOT_NAME:
            return []
        out.append((s + m.start(), s + m.end(), x, k))
    if len(out) < 2 or places.covers(out[0][0], out[-1][1]) or orgs.covers(out[0][0], out[-1][1]):
        return []
    return out


def _field_next(lex: _Lexicon, toks: Sequence[Tok], i: int) -> bool:
    """Whether the word at `i` is an office or stop word and no name word (`Ilmu`, `Teknik`)."""
    nk = _kinds_at(lex, toks, i)
    return bool(nk & {"unit", "stop"}) and not nk & _NAMEISH


def _unit_after_number(lex: _Lexicon, toks: Sequence[Tok], i: int) -> bool:
    """`Pangdam V Brawijaya Rudy`, `Dandim 1705/Nabire Letkol`: the word after a number names the unit
    when a rank or a name of two words still follows; `Asisten II Hotraja Sitanggang` is a name."""
    rest = toks[i + 1 :]
    if not rest:
        return False
    k0 = lex.kinds.get(rest[0][3], frozenset())
    if k0 & {"rank", "honorific", "degb", "unit"}:
        return True
    return len(rest) >= 2 and all(_namey(t[2]) for t in rest[:2])


@functools.lru_cache(maxsize=8192)
def _region_word(word: str) -> bool:
    """A kabupaten/kota/province name (the places component may have read it as part of a name)."""
    try:
        from .gazetteer import get_gazetteer

        return any(r.level != "kecamatan" for r in get_gazetteer().candidates(word))
    except Exception:  # noqa: BLE001
        return False


# ----------------------------------------------------------- positions


@functools.lru_cache(maxsize=1)
def _role_levels() -> dict[str, str]:
    """Region level a role's bare unit names (`Bupati X`: kabupaten X), from people_roles.tsv."""
    return {r[0].casefold(): r[2] for r in _rows("people_roles.tsv") if len(r) > 2 and r[2]}


@functools.lru_cache(maxsize=4096)
def _region_code(unit: str, level: str | None = None) -> str | None:
    """Region code of a unit that is, or ends with, a region (`Jawa Barat`, `Kejaksaan Negeri Sekadau`).

    With `level` (from the role), a bare unit must be a region of that level:
    a Bupati heads a kabupaten, never a same-named kecamatan.
    """
    if not unit:
        return None
    try:
        from .gazetteer import get_gazetteer

        g = get_gazetteer()
        if level is not None:
            r = g.resolve(unit, level)
            return r.code if r is not None else None
        r = g.resolve(unit)
        if r is not None:
            return r.code
        ms = g.find(unit)
        if ms and ms[-1].end >= len(unit.rstrip(". ")):
            return ms[-1].region.code
    except Exception:  # noqa: BLE001 - the gazetteer is optional; a code is a bonus
        return None
    return None


def _position(b: _Block) -> tuple[str, Position] | None:
    if not b.role:
        return None
    lex = lexicon()
    if "descriptor" in lex.kinds.get(" ".join([t[3] for t in b.role]), _EMPTY):
        return None  # `Pengamat`, `Politisi`: a profession, not an office
    toks = b.title
    if not toks:
        return None
    text = " ".join([t[2] for t in toks])
    text = text.rstrip(".") if not toks[-1][2].endswith("..") and toks[-1][3] not in lex.abbrev else text
    mod = " ".join([t[2] for t in b.mods]) or None
    role = " ".join([t[2] for t in b.role])
    unit = " ".join([t[2] for t in b.unit]).rstrip(".") or None
    code = _region_code(unit, _role_levels().get(role.casefold())) if unit else None
    pos = Position(text=text, modifier=mod, role=role, unit=unit, code=code, start=toks[0][0], end=toks[-1][1])
    return text, pos


# ------------------------------------------------------------ per article


@functools.lru_cache(maxsize=65536)
def _fold(s: str) -> str:
    return _NONWORD.sub("", s.casefold())


_NONWORD = re.compile(r"[^\w]")


def find_people(
    text: str,
    zones: ZoneMap | None = None,
    places: Sequence[tuple[int, int]] = (),
    orgs: Sequence[tuple[int, int]] = (),
) -> list[Person]:
    """All people named in `text` (content zones only), merged per person.

    One Aho-Corasick pass finds the anchors (offices, ranks, honorifics,
    degrees, Balinese openers, speech verbs); only the capitalised runs at
    and beside the anchors are walked, so the cost follows the number of
    officials, not the length of the article.
    """
    lex = lexicon()
    zmap = zones or ZoneMap.whole(len(text))
    pl = _Spans(places)
    og = _Spans(orgs)
    starts: set[int] = set()
    spoken_at: set[int] = set()
    appos_end: set[int] = set()
    held_at: set[int] = set()  # `pemerintahan Prabowo Subianto`: a run after a word of rule
    named_at: set[int] = set()  # `bernama Erwin`: a run after a word that introduces a name
    noun_at: set[int] = set()  # `terpidana Andi Gouw`: a run right after a noun of a person
    bare_at: set[int] = set()  # `terkait Rudi Marsono`: a run opened by a common given name, no cue
    # keys are stored between spaces and everything but ASCII letters and digits
    # reads as a space, so the automaton reports only whole words; one byte per
    # character keeps the offsets of the raw text
    padded = " " + text.encode("ascii", "replace").translate(_BYTE_FOLD).decode("ascii") + " "
    nextcap = _NEXTCAP.match
    for end_i, (kind, ln) in lex.automaton.iter(padded):
        a = end_i + 1 - ln  # the key's leading space sits at a - 1 in the text
        b = end_i - 1  # the key's trailing space sits at b
        if kind == "title":
            if text[a].isupper() or nextcap(text, b):
                starts.add(a)
            if text[a].islower() and a > 3 and text[a - 2] == "," and text[a - 1] == " " and text[a - 3].isalpha():
                # `Priyanka Sachdeva, analis pasar senior ...`: a lowercase office or
                # profession after a comma says the words before it are a person
                s0 = _appositive(lex, text, a)
                if s0 is not None:
                    starts.add(s0)
                    appos_end.add(a - 2)
        elif kind in ("before", "agent", "holder", "named"):
            m = nextcap(text, b)
            if m:
                starts.add(m.end())
                if kind == "before":
                    spoken_at.add(m.end())
                elif kind == "holder" and text[a].islower():
                    held_at.add(m.end())
                elif kind == "named" and text[a].islower() and lex.noun_back_re.search(text, max(0, a - 72), a):
                    named_at.add(m.end())
        elif kind == "figure":
            if text[a].isupper():
                starts.add(a)  # `Prabowo meminta ...`: a public figure needs no cue
        elif kind == "noun":
            # `terpidana Andi Gouw`, `istrinya, Rina Kartika`: a lowercase noun of a
            # person right before a name (or before a comma and a name)
            if text[a].islower():
                m = _TWO_CAPS.match(text, b)
                if m is not None:
                    starts.add(m.end(1))
                    noun_at.add(m.end(1))
        elif kind == "given":
            if text[a].isupper() and _BARE_NEXT.match(text, b) and _bare_lead(text, a):
                bare_at.add(a)  # read after the cued runs, only where none of them reached
        elif kind == "after":
            s0 = _cap_before(text, a)
            if s0 is not None:
                starts.add(s0)
    if "(" in text:
        for s0, e0 in _initialed(lex, text, pl, og):
            starts.add(s0)
            appos_end.add(e0)
        for s0, e0 in _aged(lex, text, pl, og):
            starts.add(s0)
            appos_end.add(e0)
    signed_lines: list[tuple[int, int]] = []
    signed = _signatures(lex, text, zmap, pl, og, signed_lines) if "." in text else []
    runs: list[_Run] = []
    done = -1
    allows = zmap.allows
    for s in sorted(starts):
        if s < done:
            continue
        if signed_lines:
            k = bisect.bisect_right(signed_lines, (s, len(text) + 1)) - 1
            if k >= 0 and signed_lines[k][0] <= s < signed_lines[k][1]:
                continue  # the office on an author's line was read with the author
        span = _run_span(lex, text, s)
        if span is None:
            continue
        s, e = span
        done = e
        before = text[s - 24 if s > 24 else 0 : s]
        if (
            not allows(s)
            or (":" in before and lex.credit_re.search(before))
            or (before[-1:] == " " and _after_facility(lex, before))
        ):
            continue
        new = _make_runs(lex, text, s, e, pl, og, s in spoken_at)
        if not new:
            continue
        if new[-1].end < e:
            # the run was cut at a full stop (`... Gibran Rakabuming. Menteri Sosial
            # Saifullah Yusuf`): the anchors of the next sentence are read on their own
            done = new[-1].end + 1
        # neighbours: `Name, Title`, `Name, S.IP dilantik sebagai Title`
        fb = new[0].blocks[0] if new[0].blocks else None
        if fb is not None and fb.role and not fb.strong and lex.appoint_lead_re.search(before[-11:]):
            ps = _neighbour_before(lex, text, s)
            if ps is not None and zmap.allows(ps):
                pm = _run_at(lex, text, ps)
                if pm:
                    runs.extend(_make_runs(lex, text, ps, min(pm.end(), s), pl, og, _spoken(lex, text, ps)))
        elif fb is not None and fb.name and not fb.role:
            cm = _COLON_BEFORE.search(text, max(0, s - 4), s)
            if cm:
                # `DPC PDIP BadungKetua: I Nyoman ...`: the title sits before the colon
                nm = _NAME_END.search(text, max(0, cm.start() - 80), cm.start())
                if nm and zmap.allows(nm.start()):
                    runs.extend(_make_runs(lex, text, nm.start(), cm.start(), pl, og, False))
        if new[-1].blocks and text.startswith(",", new[-1].end):
            enum = _enumerated(lex, text, new[-1], pl, og, s in spoken_at)
            if enum is not None:
                new[-1] = enum
                done = max(done, enum.end)
        runs.extend(new)
        if lex.aftersep_re.match(text, new[-1].end) and new[-1].blocks:
            _firm_tail(lex, text, new[-1].blocks[-1], og)
            _unit_tail(lex, text, new[-1].blocks[-1])
        # `Title, Name` / `Title: Name`, chained through glued lists (`Ketua: A Sekretaris: B`)
        last = new[-1]
        for _ in range(8):
            lb = last.blocks[-1] if last.blocks else None
            if lb is None or not lb.role or lb.name:
                break
            nm = lex.aftersep_re.match(text, last.end)
            if not nm:
                break
            m3 = _run_at(lex, text, nm.end())
            if not m3 or not zmap.allows(nm.end()):
                break
            more = _make_runs(lex, text, nm.end(), m3.end(), pl, og, False)
            if not more:
                break
            runs.extend(more)
            done = max(done, m3.end())
            last = more[-1]
            if last.blocks and lex.aftersep_re.match(text, last.end):
                _firm_tail(lex, text, last.blocks[-1], og)
    if bare_at:
        bare_at = _bare(lex, text, bare_at, runs, zmap, pl, og)
    runs.sort(key=lambda r: r.start)
    uniq: list[_Run] = []
    for r in runs:
        if uniq and r.start < uniq[-1].end:
            continue
        uniq.append(r)
    runs = uniq
    _link(lex, text, runs)
    cands: list[_Cand] = []
    weak: list[_Cand] = []
    doubted: list[_Cand] = []  # `Direktur PT Amanat Perkasa`: the name may be the firm's
    bare_titles: list[tuple[str, Tok, Tok]] = []
    anaphors: list[_Block] = []
    for run in runs:
        if run.skip:
            continue
        blocks = run.blocks
        for bi, b in enumerate(blocks):
            if b.role and not b.name:
                if b.anaphor:
                    anaphors.append(b)
                elif len(b.role) == len(b.title) == 1 and b.role[0][2][:1].isupper() and not b.attached:
                    bare_titles.append((b.role[0][3], b.role[0], b.role[0]))
                continue
            if not b.name or (len(b.name) == 1 and lex.kinds.get(b.name[0][3], _EMPTY) & _HONORIFIC_KINDS):
                continue  # `Kiai dan Nyai bertemu`: an honorific alone names nobody
            if (not b.role or len(b.name) == 1) and not (b.ranks or b.hons or b.degrees) and _org_ending(lex, b.name):
                continue  # `menurut Migration Policy Institute`, `Wilmar Group`: a body, not a person
            strong = b.strong or (bool(b.role) and not b.soft)
            if strong and len(b.name) == 1 and len(b.name[0][2]) <= 2 and not (b.ranks or b.hons or b.degrees):
                strong = False  # `Kepala Kejaksaan ... /Fd/`, `Mensesneg Cq.`: two letters after an office are no name
            if not strong and bi == 0 and _spoken(lex, text, run.start):
                strong = True
            if not strong and run.start in held_at and (len(b.name) > 1 or b.alias):
                strong = True
            if not strong and bi == 0 and run.start in named_at and not _weak_single(lex, b.name[0]):
                strong = True
            if (
                not strong
                and not b.role
                and b.name[0][3] in lex.figure_heads
                and " ".join([t[3] for t in b.name]) in lex.figures
            ):
                strong = True
            if not strong and bi == 0 and run.start in noun_at and not b.role and _noun_name(lex, text, b.name, pl, og):
                strong = True  # `terpidana Andi Gouw`, `istrinya, Rina Kartika`
            if not strong and not b.role and b.name[0][0] in bare_at:
                strong = True  # `terkait Rudi Marsono`: a plain name opened by a given name (`_bare`)
            if not strong and (
                b.name[-1][1] in appos_end or (bi == len(blocks) - 1 and lex.after_re.match(text, run.end))
            ):
                strong = len(b.name) > 1 or not _weak_single(lex, b.name[0])
            doubt = strong and b.unit and not (b.ranks or b.hons or b.degrees) and _company_doubt(lex, text, b, og)
            if b.extra:
                titles = [p for p in (_position(x) for x in [b, *b.extra]) if p is not None]
            else:
                got = _position(b)
                titles = [got] if got is not None else []
            cand = _Cand(
                name=b.name,
                titles=titles,
                degrees=b.degrees,
                hons=b.hons,
                ranks=b.ranks,
                strong=strong,
                alias=b.alias,
            )
            (doubted if doubt else cands if strong else weak).append(cand)
    if doubted:
        # a name after a firm stands when another mention opens with the same word
        firsts = {_name_word(c.name[0][2]) for c in cands}
        for cand in doubted:
            (cands if _name_word(cand.name[0][2]) in firsts else weak).append(cand)
    if cands:
        cands.extend(_listed(lex, text, cands, zmap, pl, og))
    cands.extend(signed)
    return _merge(lex, text, cands, weak, bare_titles, zmap, pl, og, anaphors)


def _company_doubt(lex: _Lexicon, text: str, b: _Block, og: _Spans) -> bool:
    """Whether the name after `Direktur PT Amanat ...` may be the rest of the firm's name.

    Firm names are free capitalised words, so with no comma between firm and
    name the split is a guess (`Direktur PT Amanat Perkasa`: no person).  A
    common given name or an initial opens the person, so the split moves to
    the first one (`PT Bumi Tirta Yohanes Pardede`), unless the organizations
    component knows a firm of two words or more ending there (`PT Pertamina
    Gas Gamal Imam`); without one the name is in doubt (that component cuts
    unknown firms after one word by guess, so a short firm is no evidence).
    """
    unit = b.unit
    if (
        not unit
        or not b.name
        or b.ranks
        or b.hons
        or b.degrees
        or not any(t[3] in lex.company for t in unit)
        or not text[unit[-1][1] : b.name[0][0]].isspace()
    ):
        return False  # a comma ends the firm
    name = b.name
    firm = next(j for j, t in enumerate(unit) if t[3] in lex.company)
    known = len(unit) - firm > 2 and og.covers(unit[firm][0], unit[-1][1])
    for i, t in enumerate(name):
        if len(t[2].rstrip(".")) == 1 or "given" in lex.kinds.get(t[3], _EMPTY):
            if i and not known:
                unit.extend(name[:i])
                b.title.extend(name[:i])
                b.name = name[i:]
            return False
    return True


_COMMA_NAME = re.compile(r",[ \t\xa0]*([A-Z][a-z'’\-]+)[ \t\xa0]+[A-Z][a-z'’\-]+")
_UNIT_KEY = "\x00unit"  # the key of a word read as a unit whatever it is (an enumerated unit)
_ENUM = re.compile(
    r"((?:,[ \t\xa0]*[A-Z][\w\-]*(?:[ \t\xa0]+[A-Z][\w\-]*){0,2}){1,6}),?[ \t\xa0]+(?:dan|serta|&)[ \t\xa0]+(?=[A-Z])"
)


def _enumerated(lex: _Lexicon, text: str, run: _Run, pl: _Spans, og: _Spans, spoken: bool) -> _Run | None:
    """`Kepala Pusat Data, Informasi, dan Komunikasi BNPB Abdul Rahman`: a unit listed with commas.

    The run stops at the first comma; when every word listed after it is a
    unit word (or an acronym), the office runs on to the run after `dan`,
    whose name is then the holder's.  The commas stay in the office as written.
    """
    b = run.blocks[-1]
    if not b.role or b.strong or len(b.name) > 1:
        return None
    m = _ENUM.match(text, run.end)
    if m is None:
        return None
    for w in m.group(1).replace(",", " ").split():
        if "unit" not in lex.kinds.get(_key(w), _EMPTY) and not _allcaps(w):
            return None
    m3 = _run_at(lex, text, m.end())
    if m3 is None:
        return None
    toks: list[Tok] = []
    commas: set[int] = set()
    listed = b.name[0][0] if b.name else run.end  # `Data` in `Pusat Data, Informasi, dan ...`
    for t in lex.tok_re.finditer(text, run.start, m3.end()):
        w = t.group()
        a, e = t.start(), t.end()
        if w.endswith(",") and len(w) > 1:
            toks.append((a, e - 1, w[:-1], _UNIT_KEY))
            commas.add(a)
            continue
        if listed <= a < m.end() and w not in ("dan", "serta", "&"):
            toks.append((a, e, w, _UNIT_KEY))
            continue
        if w[-1] == "." and a >= m.end() and not _abbrev(lex, w):
            toks.append((a, e - 1, w[:-1], _key(w)))
            break
        toks.append((a, e, w, _key(w)))
    blocks = _walk(lex, text, toks, pl, og, spoken)
    lb = blocks[-1] if blocks else None
    if (
        lb is not None
        and lb.role
        and len(lb.name) == 1
        and not lb.strong
        and "given" not in lex.kinds.get(lb.name[0][3], _EMPTY)
        and (nx := _COMMA_NAME.match(text, lb.name[0][1])) is not None
        and not lex.kinds.get(_key(nx.group(1)), _EMPTY) & _UNITISH_KINDS
    ):
        # `..., dan Tata Laksana, Dewi Lestari`: the listed unit ends in a word the
        # walk took for a name; the name after the comma is the holder's
        lb.unit.extend(lb.name)
        lb.title.extend(lb.name)
        lb.name = []
    for bl in blocks:
        # the commas stay in the office as written
        bl.title = [(t[0], t[1] + 1, t[2] + ",", t[3]) if t[0] in commas else t for t in bl.title]
        bl.unit = [(t[0], t[1] + 1, t[2] + ",", t[3]) if t[0] in commas else t for t in bl.unit]
    return _Run(toks[0][0], toks[-1][1], blocks) if blocks else None


# after a noun of a person: two mixed-case words (the name), right away or after a comma;
# checked before a run is walked, as most such nouns precede lowercase words or a unit
_TWO_CAPS = re.compile(r"(,?[ \t\xa0]+)[A-Z][a-z'’\-]+[ \t\xa0]+[A-Z][a-z]")
_BRACKET_ACRONYM = re.compile(r"[ \t\xa0]*\(([A-Z]{2,6})\)")
_COMMA_NEXT_NAME = re.compile(r"[ \t\xa0]*,[ \t\xa0]*[A-Z][a-z'’\-]+[ \t\xa0]+[A-Z]")


def _noun_name(lex: _Lexicon, text: str, name: list[Tok], pl: _Spans, og: _Spans) -> bool:
    """Whether the words after a noun of a person (`terpidana`, `istri`) are that person's name.

    The noun is weak evidence (`karyawan RS Ngoerah`, `pemain Persija
    Jakarta`, `warga Griya City` name a body or a place), so only a plain
    name of two to four mixed-case words passes: none an acronym or a word
    of the office and unit tables, none inside a place or organization found
    before, none written in lower case elsewhere in the article, not followed
    by an acronym in brackets (`Orang Asli Papua (OAP)`) or by another
    capitalised word the walk left out, and not
    followed by a comma and another name (`kiper Arema
    United, Budi Santoso`: the noun's person is the one after the comma).
    """
    if not _plain_name(lex, text, name, pl, og):
        return False
    end = name[-1][1]
    if _NEXTCAP.match(text, end):
        return False  # `pemain Oriental Circus Indonesia`: the run went on into a place or a body
    if _BRACKET_ACRONYM.match(text, end):
        return False  # `mahasiswa Komunitas Adat Terpencil (KAT)`: a group; initialled people have their own rule
    return _COMMA_NEXT_NAME.match(text, end) is None


def _bare(
    lex: _Lexicon, text: str, at: set[int], runs: list[_Run], zmap: ZoneMap, pl: _Spans, og: _Spans
) -> set[int]:
    """`terkait Rudi Marsono`: people named with no office, noun or speech verb.

    Only a common given name that opens its capitalised run is tried (one
    inside a cued run is that run's business; a cued run that opens at it is
    only marked); its run joins `runs` (and the starts returned mark it as a
    person) only when its first words are a plain name
    (`_bare_name`), outside the headline (its Title Case capitalises every
    word) and not after a facility word (`RSUD Siti Fatimah`) or a word of
    place (`analis di Thomas Weller`, people_context.tsv kind
    `bare_not_after`); other words (`Imam Besar Masjid ...`) add no run, so
    the cued rules read what they read before.
    """
    out: set[int] = set()
    drop: set[int] = set()
    added: list[_Run] = []
    spans = sorted((r.start, r.end) for r in runs)
    by_start = {r.start: r for r in runs}
    starts = [s for s, _ in spans]
    last = -1
    for a in sorted(at):
        if a < last:
            continue
        k = bisect.bisect_right(starts, a) - 1
        held = None
        if k >= 0 and spans[k][1] > a:
            if spans[k][0] != a:
                continue  # inside a cued run
            held = by_start[a]  # a cued run opens here (`Tommy Naibaho, Kepala ...`): only marked
        if not zmap.allows(a) or zmap.kind_at(a) == "title":
            continue
        before = text[max(0, a - 24) : a]
        if _after_facility(lex, before) or lex.bare_not_after.search(before):
            continue
        if held is not None:
            got = [held]
        else:
            m = _run_at(lex, text, a)
            if m is None:
                continue
            got = _make_runs(lex, text, a, m.end(), pl, og, False)
        if not got or not got[0].blocks:
            continue
        b = got[0].blocks[0]
        if b.role or b.ranks or b.hons or not b.name or b.name[0][0] != a:
            continue
        if not _bare_name(lex, text, b.name, pl, og):
            continue
        out.add(a)
        if held is not None:
            continue
        last = got[-1].end
        j = k + 1
        while j < len(starts) and starts[j] < last:
            drop.add(starts[j])  # a cued run inside this one is read as part of it, as from an earlier start
            j += 1
        added.extend(got)
    if drop:
        runs[:] = [r for r in runs if r.start not in drop]
    runs.extend(added)
    return out


# what may stand right before a name opened by a given name with no other cue: a
# lowercase word, a comma or colon or an opening quote or bracket, or nothing
# (a line start); a capital, digit or closing bracket before it means the given
# name sits inside a longer name (`RSUD Siti Fatimah`, `SMAN 10 Fajar Harapan`)
_BARE_NEXT = re.compile(r"[ \t\xa0][A-Z][a-z]")


def _bare_lead(text: str, a: int) -> bool:
    """Whether the word at `a` opens its capitalised run (see `_BARE_NEXT`'s comment)."""
    if a == 0:
        return True
    c = text[a - 1]
    if c in "\n\"“(":
        return True
    if c not in " \t\xa0" or a < 2:
        return False
    k = a - 2
    if text[k] in ",;:\n":
        return True
    lo = max(0, a - 40)
    while k > lo and text[k - 1].isalpha():
        k -= 1
    return text[k].islower()


def _bare_name(lex: _Lexicon, text: str, name: list[Tok], pl: _Spans, og: _Spans) -> bool:
    """Whether a run opened by a common given name with no cue is a person's name.

    A given name is weak evidence (`Gatot Subroto` the road, `Indah Permai`
    the estate), so the run must be a plain name (`_plain_name`) of two or
    three words, not run on into
    another capitalised word, and not be followed by an acronym in brackets
    (a programme or a body).
    """
    if len(name) > 3 or not _plain_name(lex, text, name, pl, og):
        return False
    end = name[-1][1]
    return not (_NEXTCAP.match(text, end) or _BRACKET_ACRONYM.match(text, end))


def _plain_name(lex: _Lexicon, text: str, name: list[Tok], pl: _Spans, og: _Spans) -> bool:
    """Two to four mixed-case words that can only be a name: no acronym, office or unit
    word, nothing inside a place or organization found before, no word the article
    also writes in lower case."""
    if not 2 <= len(name) <= 4:
        return False
    for a, e, w, k in name:
        if not _titleword(w) or lex.kinds.get(k, _EMPTY) & _NOT_NAME or pl.covers(a, e) or og.covers(a, e):
            return False
    return not any(_lower_in(text, t[2].lower()) for t in name)


# `, Name Name` / `, dan Name Name` / ` dan Name Name` right after a person, no capital word after it
_LIST_NEXT = re.compile(
    r"(?:[ \t\xa0]*,[ \t\xa0]*(?:(?:dan|serta)[ \t\xa0]+)?|[ \t\xa0]+(?:dan|serta)[ \t\xa0]+)"
    r"([A-Z][a-z'’\-]+(?:[ \t\xa0]+[A-Z][a-z'’\-]+){0,3})(?![\w'’\-])(?![ \t\xa0]*[A-Z\d])"
)
_WORD = re.compile(r"[^ \t\xa0]+")


def _listed(lex: _Lexicon, text: str, cands: list[_Cand], zmap: ZoneMap, pl: _Spans, og: _Spans) -> list[_Cand]:
    """`yakni Sinta Lestari, Kartika Ayu, dan Robby Gunadi`: names listed after a person.

    A name listed with a person found on other evidence is a person too; each
    item must be a plain name (`_plain_name`), or one word that is only a
    common given name (`Mulyadi`), ending at a comma, `dan` or a
    full stop, so `Budi Santoso, Jakarta Selatan` or `..., Kepala Dinas X`
    add nobody.  Up to eight items are read after each person.
    """
    out: list[_Cand] = []
    seen: set[int] = set()
    known = [_folded(tuple(t[2] for t in c.name)) for c in cands]
    for c in cands:
        end = c.name[-1][1]
        for _ in range(8):
            m = _LIST_NEXT.match(text, end)
            if m is None or m.start(1) in seen or not zmap.allows(m.start(1)):
                break
            base = m.start(1)
            name = [(base + w.start(), base + w.end(), w.group(), _key(w.group())) for w in _WORD.finditer(m.group(1))]
            if len(name) == 1:
                # `yakni Rudi Enggano, Mulyadi dan ...`: one word only when it is a common given name
                a1, e1, w1, k1 = name[0]
                if (
                    lex.kinds.get(k1, _EMPTY) != _GIVEN_ONLY
                    or pl.covers(a1, e1)
                    or og.covers(a1, e1)
                    or _lower_in(text, w1.lower())
                ):
                    break
            elif not _plain_name(lex, text, name, pl, og):
                break
            fset = _folded(tuple(t[2] for t in name))
            if any(k and k <= fset for k in known):
                break  # `Hamzah Haz, Soraya Hamzah Haz`: the merge would take one for the other
            seen.add(m.start(1))
            out.append(_Cand(name=name, titles=[], degrees=[], hons=[], ranks=[], strong=True))
            end = m.end(1)
    return out


def _org_ending(lex: _Lexicon, name: list[Tok]) -> bool:
    """A name whose last word names a body (`Institute`, `Group`, `Brothers`): no person."""
    kinds = lex.kinds.get(name[-1][3], _EMPTY)
    return "unit" in kinds and not kinds & _NAMEISH_END and "given" not in lex.kinds.get(name[0][3], _EMPTY)


def _unit_tail(lex: _Lexicon, text: str, b: _Block) -> None:
    """`Koordinator Gabdem, Guntur Harahap, mengatakan`: an unknown word after an office,
    then a full name after the comma: the word is the office's unit.

    Only when the word is written nowhere else in the article (a person named
    once by one word is rare; `Gubernur Khofifah, Emil Dardak` names her
    again) and the name after the comma is itself set off by a comma or a
    speech verb (an apposition, not a list).
    """
    if not b.role or len(b.name) != 1 or b.strong or b.ranks or b.hons or b.degrees:
        return
    t = b.name[0]
    if "given" in lex.kinds.get(t[3], _EMPTY) or len(t[2]) < 3:
        return
    nx = _COMMA_NAME.match(text, t[1])
    if nx is None or lex.kinds.get(_key(nx.group(1)), _EMPTY) & _UNITISH_KINDS:
        return
    after = _NAME_TAIL.match(text, nx.end())
    if after is None or not (text.startswith(",", after.end()) or lex.after_re.match(text, after.end())):
        return
    if text.find(t[2], t[1]) >= 0 or text.rfind(t[2], 0, t[0]) >= 0:
        return
    b.unit.append(t)
    b.title.append(t)
    b.name = []


_NAME_TAIL = re.compile(r"(?:[ \t\xa0]+[A-Z][\w'’\-.]*){0,3}")


def _firm_tail(lex: _Lexicon, text: str, b: _Block, og: _Spans) -> None:
    """`Direktur PT Bumi Tirta Lestari, Yohanes Pardede`: a doubtful name before a comma is the firm's."""
    if b.role and _company_doubt(lex, text, b, og):
        b.unit.extend(b.name)
        b.title.extend(b.name)
        b.name = []


# `Budi Santosa.Dosen Fakultas Hukum ...` on a line of its own: the author of an
# opinion piece, signed after the text (the full stop is often glued to the office)
_SIGNATURE = re.compile(
    rf"([{_UPPER}][\w'’\-]*(?:[ \t\xa0]+[{_UPPER}][\w'’\-]*){{1,5}})\.[ \t\xa0]?([{_UPPER}][\w\-]*)"
)


def _line_matches(pattern: re.Pattern[str], text: str) -> Iterable[re.Match[str]]:
    """`pattern` (a name, a full stop, a capital) at each line start.

    The lines worth trying (a capital, a full stop within 90 characters, a
    capital after it) are found by one C-level search, not a Python loop.
    """
    if text[:1].isupper():
        m = pattern.match(text, 0)
        if m:
            yield m
    for c in _SIG_LINE.finditer(text):
        m = pattern.match(text, c.start() + 1)
        if m:
            yield m


_SIG_LINE = re.compile(rf"\n[{_UPPER}][^\n.]{{0,88}}\.[ \t\xa0]?[{_UPPER}]")


def _signatures(
    lex: _Lexicon, text: str, zmap: ZoneMap, pl: _Spans, og: _Spans, lines: list[tuple[int, int]]
) -> list[_Cand]:
    """People named on an author's line, with the office written after the name."""
    out: list[_Cand] = []
    for m in _line_matches(_SIGNATURE, text):
        s, e = m.span(1)
        opener = _key(m.group(2))
        okinds = lex.kinds.get(opener, _EMPTY)
        if opener not in lex.signature and not okinds & {"role", "modifier", "descriptor"}:
            continue
        if not zmap.allows(s) or pl.covers(s, e) or og.covers(s, e):
            continue
        name: list[Tok] = []
        for w in _CAPWORD.finditer(text, s, e):
            k = _key(w.group())
            kw = lex.kinds.get(k, _EMPTY)
            if (kw & _NOT_NAME and not (name == [] and "bali" in kw)) or not (_namey(w.group()) or _allcaps(w.group())):
                break
            name.append((w.start(), w.end(), w.group(), k))
        if len(name) != len(m.group(1).split()):
            continue  # a word of the line is no name word: an ordinary sentence
        titles: list[tuple[str, Position]] = []
        t0 = m.start(2)
        rm = _run_at(lex, text, t0)
        if rm and okinds & {"role", "modifier"}:
            lines.append((t0, rm.end()))
            for run in _make_runs(lex, text, t0, rm.end(), pl, og, False):
                b = run.blocks[0] if run.blocks else None
                if b is not None and b.role and len(run.blocks) == 1:
                    # the whole line after the author's name is the office: a
                    # last word read as a name (`Universitas Andalas`) is its unit
                    b.unit.extend(b.name)
                    b.title.extend(b.name)
                    b.name = []
                    got = _position(b)
                    if got is not None:
                        titles.append(got)
        out.append(_Cand(name=name, titles=titles, degrees=[], hons=[], ranks=[], strong=True))
    return out


_COLON = re.compile(r"[ \t\xa0]*:[ \t\xa0]*")


def _link(lex: _Lexicon, text: str, runs: list[_Run]) -> None:
    """Tie titles written apart from their names, and degrees after a name.

    `Kepala Biro X, Yulia Dewita, S.T.` (title, comma, name), `Ketua: Budi`,
    `Aron, Bupati Sekadau,` (name, comma, title), `Budi, S.IP dilantik
    sebagai Kepala Bagian X` and `Sulpakar Penjabat Bupati X` all end with
    the title on the block holding the name.
    """
    consumed = -1
    prev: _Run | None = None
    for run in runs:
        if run.start < consumed:
            run.skip = True  # the degrees of the previous name (`, S.T., MPPM.`)
            continue
        last = run.blocks[-1] if run.blocks else None
        pos = run.end
        if last is not None and last.name:
            while True:
                cm = lex.chain_re.match(text, pos)
                if not cm:
                    break
                degs = split_degrees(lex, cm.group(2))
                if not degs:
                    break
                last.degrees.extend(degs)
                last.strong = True
                pos = cm.end()
            consumed = pos
        run.tail = pos
        if prev is not None:
            prev.next = run
            run.prev_run = prev
            run.gap = _gap_kind(lex, text, prev.tail, run.start)
        prev = run
    heading: list[Tok] = []
    for run in runs:
        if run.skip:
            continue
        blocks = run.blocks
        if not blocks:
            continue
        if len(blocks) > 2:
            _respective_inline(text, blocks)
        nxt = run.next
        first = blocks[0]
        lastb = blocks[-1]
        prv = run.prev_run
        back_ok = bool(
            not first.attached
            and first.role
            and not first.name
            and prv is not None
            and prv.blocks
            and prv.blocks[-1].name
        )
        if (
            run.gap == "appoint"
            and first.role
            and first.name
            and not first.strong
            and prv is not None
            and prv.blocks
            and prv.blocks[-1].name
            and not prv.blocks[-1].role
        ):
            # `dilantik sebagai Lurah Krandon`: one is appointed to a place, so the word is the unit
            first.unit.extend(first.name)
            first.title.extend(first.name)
            first.name = []
            back_ok = not first.attached
        if back_ok and run.gap == "appoint" and prv is not None and _respective(text, prv.blocks, blocks):
            back_ok = False  # `A dan B dilantik sebagai Bupati dan Wakil Bupati X`: one office each
        # `Budi, S.IP dilantik sebagai Kepala Bagian X`: the appointment goes back first
        if back_ok and run.gap == "appoint" and prv is not None and not prv.blocks[-1].role:
            _attach_title(prv.blocks[-1], first)
            prv.blocks[-1].strong = True
            first.attached = True
        # the last dangling title goes forward to `, Name` / `: Name`
        fwd = (
            lastb.role
            and not lastb.name
            and not lastb.attached
            and nxt is not None
            and nxt.blocks
            and nxt.blocks[0].name
            and not nxt.blocks[0].role
            and nxt.gap in ("colon", "comma")
        )
        if fwd and nxt is not None and nxt.gap == "colon" and not lastb.unit:
            # a list under a heading: `DPC PDIP Badung` / `Ketua: A` / `Sekretaris: B`
            if lastb.heading and lastb.heading[-1][1] + 1 >= lastb.role[0][0] - 1:
                heading = lastb.heading
            if heading and lastb.role[0][0] - heading[-1][1] < 400:
                lastb.unit = list(heading)
                lastb.title = [*lastb.title, *heading]
        if fwd and nxt is not None and len(blocks) > 1 and _respective(text, nxt.blocks[:2], blocks[-2:]):
            fwd = False  # `Bupati dan Wakil Bupati Kendal, Lukman Hakim dan Fauzan Jafar`: one office each
        if fwd and nxt is not None:
            _attach_title(nxt.blocks[0], lastb)
            nxt.blocks[0].strong = True
            lastb.attached = True
        elif (
            lastb.role
            and not lastb.name
            and not lastb.attached
            and nxt is not None
            and nxt.gap == "also"
            and nxt.blocks
            and nxt.blocks[0].name
        ):
            # `Sekjen Partai Nusa sekaligus Ketua Fraksi Nusa Harun Sasmita`
            nxt.blocks[0].extra.append(lastb)
            lastb.attached = True
        if (
            lastb.role
            and not lastb.name
            and not lastb.attached
            and len(blocks) == 1
            and _ANAPHOR.match(text, run.end)
            and _SENT_START.search(text, max(0, run.start - 12), run.start)
        ):
            lastb.anaphor = True  # `Mantan Gubernur Jakarta itu mengatakan`: the person just named
        # `Aron, Bupati Sekadau,`: a title after a comma goes back to a name without one
        if back_ok and not first.attached and run.gap == "comma" and prv is not None and not prv.blocks[-1].role:
            _attach_title(prv.blocks[-1], first)
            prv.blocks[-1].strong = True
            first.attached = True
        # inside the run: `Sulpakar Penjabat Bupati Kabupaten Mesuji`
        for a, b in itertools.pairwise(blocks):
            if b.role and not b.name and not b.attached and a.name and not a.role:
                _attach_title(a, b)
                a.soft = not b.unit  # `Sulpakar Penjabat Bupati Kabupaten Mesuji` is clear enough
                b.attached = True


_AND = re.compile(r"[ \t\xa0]+dan[ \t\xa0]+")
_PAIRED = re.compile(r"[ \t\xa0]+dan[ \t\xa0]+|-")  # `Sujadi-Fauzi`, `Lukman Hakim dan Fauzan Jafar`


def _respective(text: str, names: list[_Block], offices: list[_Block]) -> bool:
    """Give `A dan B` (dilantik sebagai) `Bupati dan Wakil Bupati Kendal` one office each, in order.

    Inaugurations and election results name a pair of winners and their pair
    of offices so; the unit written once after the second office belongs to
    both (`Presiden dan Wakil Presiden RI`: `Presiden RI`).  Both pairs must
    be joined by `dan` alone, the names without offices of their own.
    """
    if len(offices) != 2 or len(names) < 2:
        return False
    o1, o2 = offices
    a, b = names[-2], names[-1]
    if not (o1.role and o2.role and not o1.name and not o2.name and not o1.attached and not o2.attached):
        return False
    if not (a.name and b.name and not a.role and not b.role):
        return False
    if _AND.fullmatch(text, o1.title[-1][1], o2.title[0][0]) is None:
        return False
    if _PAIRED.fullmatch(text, a.name[-1][1], b.name[0][0]) is None:
        return False
    if o2.unit and not o1.unit:
        o1.unit = list(o2.unit)
        o1.title = [*o1.title, *o2.unit]
    for person, office in ((a, o1), (b, o2)):
        _attach_title(person, office)
        person.strong = True
        office.attached = True
    return True


def _respective_inline(text: str, blocks: list[_Block]) -> None:
    """`Bupati dan Wakil Bupati Pringsewu Sujadi-Fauzi`: the walk gives the second office
    to the first name and none to the second; each name takes its own, in order."""
    for i in range(len(blocks) - 2):
        o1, a, b = blocks[i], blocks[i + 1], blocks[i + 2]
        if not (o1.role and not o1.name and not o1.attached and a.role and a.name and b.name and not b.role):
            continue
        if _AND.fullmatch(text, o1.title[-1][1], a.title[0][0]) is None:
            continue
        if _PAIRED.fullmatch(text, a.name[-1][1], b.name[0][0]) is None:
            continue
        b.title, b.mods, b.role, b.unit = a.title, a.mods, a.role, a.unit
        a.title = [*o1.title, *(b.unit if not o1.unit else [])]
        a.mods, a.role, a.unit = o1.mods, o1.role, list(o1.unit or b.unit)
        o1.attached = True
        a.strong = b.strong = True


def _gap_kind(lex: _Lexicon, text: str, a: int, b: int) -> str | None:
    """What joins two runs; matched in place, since a gap can be a whole paragraph.

    One fullmatch of the four joins as named alternatives (comma, colon,
    appoint, also, tried in that order) instead of four calls per pair of runs.
    """
    m = lex.gap_re.fullmatch(text, a, b)
    return m.lastgroup if m is not None else None


_NAMEISH_END = frozenset({"given", "bali2", "inner", "connector"})
_UNITISH_KINDS = frozenset({"role", "unit", "modifier", "rank", "degb"})
_HONORIFIC_KINDS = frozenset({"honorific", "address"})
_LOWPRE_KINDS = frozenset({"role", "modifier", "degb"})
_BYTE_FOLD = bytes(
    (c + 32 if 65 <= c <= 90 else c) if (48 <= c <= 57 or 65 <= c <= 90 or 97 <= c <= 122) else 32 for c in range(256)
)
_PUNCT_TO_SPACE = {ord(c): " " for c in "\t\n\r\x0b\x0c\xa0.,;:!?\"'()[]{}<>/\\|-–—_*&%$#@+=~`^“”‘’…•"}
_NEXTCAP = re.compile(r"[ \t\xa0]+(?=[A-Z])")
_ALSO = re.compile(r"[ \t\xa0]+(?:sekaligus|merangkap)[ \t\xa0]+")
_COLON_BEFORE = re.compile(r"[ \t\xa0]*:[ \t\xa0]*$")
_SENT_START = re.compile(r"(?:(?:^|[.!?\n\"”’])[ \t\xa0]*|\bsebagai[ \t\xa0]+)$")
_ANAPHOR = re.compile(r"[ \t\xa0]+(?:itu|ini|tersebut)\b")
_LOWRUN = re.compile(r"(?:[a-z][a-z\-]*\.?[ \t\xa0]+){1,4}(?=[A-Z])")
# patterns searched backwards from an anchor open with the capital itself (the
# engine then skips to capitals) and take whole words (`*+`): same matches,
# a third of the work
_NAME_END = re.compile(r"[A-Z](?<![\w'’\-.][A-Z])[\w'’\-.]*+(?:[ \t\xa0]+[A-Z][\w'’\-.]*+){0,5}[ \t\xa0]*$")


def _after_facility(lex: _Lexicon, before: str) -> bool:
    """`RSUP Prof Suwardi`, `(RSUP) Prof ...`, `Jl. Jenderal ...`: the run names a place after a person."""
    if not before.endswith(" "):
        return False
    k = before.rfind(" ", 0, len(before) - 1)
    return _key(before[k + 1 : -1].strip("().")) in lex.facility


def _cap_before(text: str, a: int) -> int | None:
    """Start of the capitalised words right before a speech verb (`Aron mengatakan`).

    This is what the forward pattern of the tests (`_REF_TAILNAME`) finds,
    matched once on the reversed window instead of tried
    at every capital of it: tail first, then up to six whole capitalised
    words back.  One character stands for what precedes the window, so a
    word cut by the window's edge is no word.
    """
    lo = max(0, a - 80)
    edge = "x" if lo > 0 and (text[lo - 1].isalnum() or text[lo - 1] in "_'’-.") else " "
    m = lexicon().tailname_rev.match(text[lo:a][::-1] + edge)
    return a - m.end() if m else None


_SELAKU = re.compile(r"[ \t\xa0]+selaku\b")
# what may stand before `Budi Hermawan (BH)` with no list word: a comma or semicolon
# (`Lukas Enembe, Budi Hermawan (BH)`), the years of an office (`Direktur ... 2021-2024
# Herry Tho (HT)`) or `dan` after a name (`...; dan Alvin Pradipta (AP)`); a programme
# with its acronym follows a lowercase noun or verb (`program Makan Bergizi Gratis (MBG)`)
# or `dan` after another acronym (`Kartu Tanda Penduduk (KTP) dan Kartu Keluarga (KK)`)
_INIT_LEAD = re.compile(r"(?:[,;]|\d{4}|(?<!\))[ \t\xa0](?:dan|serta))[ \t\xa0]*$")
_ACRONYM = re.compile(r"\(([A-Z]{2,4})\)")


def _initialed(lex: _Lexicon, text: str, pl: _Spans, og: _Spans) -> list[tuple[int, int]]:
    """Names followed by their own initials in brackets: `Heri Gunawan (HG)`.

    Investigators' and prosecutors' releases name suspects this way; an
    institution written with its acronym (`Badan Gizi Nasional (BGN)`) is
    told apart by its office words and by the organizations found before.
    """
    out: list[tuple[int, int]] = []
    for m in _ACRONYM.finditer(text):
        acr = m.group(1)
        e = m.start() - 1
        if e < 1 or text[e] not in " \t\xa0":
            continue
        lo = e
        for _ in acr:
            lo = text.rfind(" ", max(0, lo - 40), lo)
            if lo < 0:
                break
        else:
            words = text[lo + 1 : e].split(" ")
            if (
                len(words) == len(acr)
                and "".join(w[:1] for w in words) == acr
                and all(_titleword(w) and not lex.kinds.get(_key(w), _EMPTY) & _NOT_NAME for w in words)
                and not pl.covers(lo + 1, e)
                and not og.covers(lo + 1, e)
                and not any(_lower_in(text, w.lower()) or lex.concept_re.search(w) for w in words)
                and (
                    lex.list_cue_re.search(text, max(0, lo - 100), lo) is not None
                    or _SELAKU.match(text, m.end()) is not None
                    or _INIT_LEAD.search(text, max(0, lo - 12), lo + 1) is not None
                )
            ):
                out.append((lo + 1, e))
    return out


_AGE_NAME = re.compile(rf"[{_UPPER}][\w'’\-]*(?:[ \t\xa0]+[{_UPPER}][\w'’\-]*){{0,3}}[ \t\xa0]$")


def _aged(lex: _Lexicon, text: str, pl: _Spans, og: _Spans) -> list[tuple[int, int]]:
    """Names followed by an age in brackets: `Kamal Mopangga (33)`, `Erwin (45)`.

    Crime and accident reports give every person's age so; the words must be
    name-shaped, unknown to the office and unit tables, and no word the
    article also writes in lower case (`Tahap (2)`). A label before the name
    (`Korban`, `Tersangka`) is stepped over.
    """
    out: list[tuple[int, int]] = []
    for m in lex.age_re.finditer(text):
        if m.start() < 3 or text[m.start() - 1] not in " \t\xa0":
            continue
        nm = _AGE_NAME.search(text, max(0, m.start() - 60), m.start())
        if not nm:
            continue
        words = [(w.start(), w.end(), w.group()) for w in _CAPWORD.finditer(text, nm.start(), m.start() - 1)]
        while words and (not _titleword(words[0][2]) or lex.kinds.get(_key(words[0][2]), _EMPTY) - {"given"}):
            words = words[1:]
        if not words or any(
            not _titleword(w) or lex.kinds.get(_key(w), _EMPTY) - {"given", "bali", "bali2"} for _, _, w in words
        ):
            continue
        s, e = words[0][0], words[-1][1]
        if (len(words) == 1 and len(words[0][2]) < 3) or pl.covers(s, e) or og.covers(s, e):
            continue
        if any(_lower_in(text, w.lower()) for _, _, w in words):
            continue
        out.append((s, e))
    return out


def _lower_in(text: str, w: str) -> bool:
    """Whether the article also writes `w` in lower case as a word: a common word, not a name.

    An article is searched directly (a few `str.find` calls); a very long text
    gets its lowercase words collected once, so many candidates stay linear.
    """
    if len(text) > 20_000:
        return w in _lower_words(text)
    n = len(text)
    i = text.find(w)
    while i >= 0:
        j = i + len(w)
        if (i == 0 or not text[i - 1].isalpha()) and (j >= n or not text[j].isalpha()):
            return True
        i = text.find(w, j)
    return False


@functools.lru_cache(maxsize=4)
def _lower_words(text: str) -> frozenset[str]:
    """The lowercase words of an article, read once (a search per candidate word would be quadratic)."""
    return frozenset(_LOWER_WORD.findall(text))


_LOWER_WORD = re.compile(r"(?<![^\W\d_])[a-z]+(?![^\W\d_])")


def _appositive(lex: _Lexicon, text: str, a: int) -> int | None:
    """Start of the name before `, analis ...` when the lowercase word at `a` is an office or profession."""
    m = _LOWWORD.match(text, a)
    if not m:
        return None
    two = lex.kinds.get(m.group(), _EMPTY)
    kinds = two or lex.kinds.get(m.group(1), _EMPTY)
    if not kinds & {"role", "descriptor"}:
        return None
    if lex.verb_after_re.match(text, m.end() if two else m.end(1)):
        return None  # `..., menteri mendapat jatah`: the office opens a new clause
    nm = _NAME_END.search(text, max(0, a - 82), a - 2)
    if not nm:
        return None
    words = text[nm.start() : a - 2].split()
    if len(words) < 2 and "given" not in lex.kinds.get(_key(words[0]), _EMPTY):
        return None  # one word before a comma is too often a place or a sentence opener
    if words[0] in ("Di", "Ke") or _LOCATIVE_BEFORE.search(text, max(0, nm.start() - 4), nm.start()):
        return None  # `Di Times Square, seorang petugas ...`: a place the gazetteer does not know
    return nm.start()


_LOWWORD = re.compile(r"([a-z]+)(?: [a-z]+)?(?=[^\w]|$)")
_LOCATIVE_BEFORE = re.compile(r"(?<![\w])[Dd]i[ \t\xa0]+$|(?<![\w])[Kk]e[ \t\xa0]+$")


def _neighbour_before(lex: _Lexicon, text: str, s: int) -> int | None:
    """Start of the name a dangling title at `s` may belong to, across `, ` or `dilantik sebagai`.

    Degrees written after that name (`Subagyo, S.IP dilantik sebagai`) are stepped over.
    """
    m = lex.gap_back.search(text, max(0, s - 60), s)
    if not m:
        return None
    end = m.start()
    for _ in range(5):
        nm = _NAME_END.search(text, max(0, end - 80), end)
        if not nm:
            return None
        words = text[nm.start() : end].split()
        if words and all(split_degrees(lex, w) for w in words):
            c = text.rfind(",", max(0, nm.start() - 3), nm.start())
            if c < 0:
                return None
            end = c
            while end > 0 and text[end - 1] in " \t\xa0":
                end -= 1
            continue
        return nm.start()
    return None


_RUN_MAX = 600  # no run of names and offices is longer; `A. B. C. ...` texts would make each match quadratic


def _run_at(lex: _Lexicon, text: str, s: int) -> re.Match[str] | None:
    """The capitalised run at `s`, read at most `_RUN_MAX` characters far.

    Full stops may sit inside a run (`Dr. H. Budi`), so on a text of short
    capitalised sentences one match could reach the end of the text, and the
    matches from every anchor would together grow with its square.
    """
    return lex.run_re.match(text, s, s + _RUN_MAX)


def _run_span(lex: _Lexicon, text: str, s: int) -> tuple[int, int] | None:
    """The capitalised run starting at `s`, with any lowercase office written before it."""
    kinds = lex.kinds
    for _ in range(3):
        # `wakil Ketua`, `mantan Bupati`: one lowercase office word right before
        # (one space, since the letter sits two back), read by hand rather than
        # by a backward regex search: ASCII letters back to a non-word character
        if s < 2 or not text[s - 2].islower() or text[s - 1] not in " \t\xa0":
            break
        k = s - 1
        lo = max(0, s - 24)
        while k > lo and "a" <= text[k - 1] <= "z":
            k -= 1
        if k == s - 1 or (k > 0 and (text[k - 1].isalnum() or text[k - 1] in "_'’-.")):
            break
        if not kinds.get(_key(text[k : s - 1]), _EMPTY) & _LOWPRE_KINDS:
            break
        s = k
    if text[s].isupper():
        m = lex.run_re.match(text, s, s + _RUN_MAX)  # `_run_at`, without the call
        return (s, m.end()) if m else None
    lm2 = _LOWRUN.match(text, s)
    if not lm2:
        return None
    m = _run_at(lex, text, lm2.end())
    return (s, m.end()) if m else None


def _make_runs(lex: _Lexicon, text: str, s: int, e: int, pl: _Spans, og: _Spans, spoken: bool) -> list[_Run]:
    """Walk the words of [s, e), cut into sentences at full stops."""
    w = text[s:e]
    if len(w) < 8 and _SPACED.search(w) is None:
        # one word (half of all runs: `kata Budi`, `Ia mengatakan`): decided without the walk
        if w.endswith(".") and not _abbrev(lex, w):
            w = w[:-1]
        k = _key(w)
        kinds = lex.kinds.get(k, _EMPTY)
        if not kinds & _WALK_KINDS:
            e = s + len(w)
            if (
                len(w) < 2
                or kinds & {"stop", "unit"}
                or not _namey(w)
                or ((pl.covers(s, e) or og.covers(s, e)) and not spoken)
            ):
                return [_Run(s, e, [])]
            return [_Run(s, e, [_Block(name=[(s, e, w, k)])])]
    toks: list[Tok] = []
    for m in lex.tok_re.finditer(text, s, e):
        w = m.group()
        if (w[-1].isdigit() or (w[-1] == "." and w[-2:-1].isdigit())) and (g := _LIST_NUM.fullmatch(w)):
            # `Natalius Pigai4. Menteri ...`: a numbered list lost its line breaks; the name ends here
            toks.append((m.start(), m.start() + g.end(1), g.group(1), _key(g.group(1))))
            return [_Run(toks[0][0], toks[-1][1], _walk(lex, text, toks, pl, og, spoken))]
        # a glued capital needs a capital after the first letter: most long words
        # (all lower case after it) skip the search
        if len(w) >= 8 and w[0] != "(" and not w[1:].islower() and _CAMEL.search(w, 4):
            parts = _camel_parts(m.start(), w)  # rare: the common case below makes no piece list
        elif "." in w[3:-1] and (cut := _glued_stop(lex, w)):
            # `Santoso.Budi menyambut`: a full stop with the space lost; the sentence ends here
            toks.append((m.start(), m.start() + cut, w[:cut], _key(w[:cut])))
            return [_Run(toks[0][0], toks[-1][1], _walk(lex, text, toks, pl, og, spoken))]
        elif w[-1] != ".":
            a, b = m.span()
            toks.append((a, b, w, _key(w)))
            continue
        else:
            parts = [(m.start(), m.end(), w)]
        for a, b, w in parts:
            if w[-1] == "." and not _abbrev(lex, w):
                # the sentence ends here; what follows has anchors of its own
                toks.append((a, b - 1, w[:-1], _key(w)))
                return [_Run(toks[0][0], toks[-1][1], _walk(lex, text, toks, pl, og, spoken))]
            toks.append((a, b, w, _key(w)))
    if toks:
        return [_Run(toks[0][0], toks[-1][1], _walk(lex, text, toks, pl, og, spoken))]
    return []


_LIST_NUM = re.compile(r"([A-Z][a-z'’]+)\d{1,2}\.?")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z][a-z])")


def _glued_stop(lex: _Lexicon, w: str) -> int:
    """Where a word glued to the next sentence ends (`Santoso.Budi` -> 7), or 0.

    Degrees and initials also hold dots (`S.Sos`, `A.M.`, `Prof.Dr`), so both
    sides must be whole titlecased words and the first no abbreviation.
    """
    i = w.find(".", 3)
    head, tail = w[:i], w[i + 1 :].rstrip(".,")
    if (
        len(tail) < 2
        or not tail[0].isupper()
        or not tail[1].islower()
        or not _titleword(head)
        or not _titleword(tail)
        or lex.kinds.get(_key(head), _EMPTY) & {"degb", "honorific", "rank", "address", "corps"}
        or _split_cached(w) is not None
    ):
        return 0
    return i


_SPACED = re.compile(r"[ \t\xa0/(]")


def _camel_parts(a: int, w: str) -> list[tuple[int, int, str]]:
    """A glued word (`PrastaSekretaris`, from lost line breaks) cut apart."""
    cut = [0] + [m.start() for m in _CAMEL.finditer(w) if 4 <= m.start() <= len(w) - 4] + [len(w)]
    return [(a + x, a + y, w[x:y]) for x, y in itertools.pairwise(cut)]


def _spoken(lex: _Lexicon, text: str, start: int) -> bool:
    """Whether a speech verb stands right before `start` (`kata Budi`).

    `lex.before_re.search(text, start - 16, start)`, matched once on the
    reversed window; a space stands for the start of the text, where `^` would
    match.
    """
    lo = max(0, start - 16)
    return lex.before_rev.match(text[lo:start][::-1] + (" " if lo == 0 else "")) is not None


def _abbrev(lex: _Lexicon, w: str) -> bool:
    """Whether the dot of a word is an abbreviation's (`Dr.`, `S.T.`, `A.`) rather than a full stop."""
    return _abbrev_word(w)


@functools.lru_cache(maxsize=65536)
def _abbrev_word(w: str) -> bool:
    lex = lexicon()
    core = w[:-1]
    if "." in core or len(core) <= 1:
        return True
    k = _key(w)
    if k in lex.abbrev:
        return True
    kinds = lex.kinds.get(k, frozenset())
    return bool(kinds & {"degb", "honorific", "rank", "address"}) and "stop" not in kinds


def _weak_single(lex: _Lexicon, tok: Tok) -> bool:
    """A lone word that is too often not a name to trust on a speech verb alone."""
    kinds = lex.kinds.get(tok[3], frozenset())
    return bool(kinds & {"stop", "unit", "role", "modifier"}) or len(tok[2]) < 3


def _attach_title(target: _Block, title: _Block) -> None:
    if target.role:
        target.extra.append(title)
        return
    target.title = title.title
    target.mods = title.mods
    target.role = title.role
    target.unit = title.unit
    target.ranks = target.ranks or title.ranks
    target.hons = target.hons or title.hons
    target.degrees = title.degrees + target.degrees


@functools.lru_cache(maxsize=16384)
def _folded(words: tuple[str, ...]) -> frozenset[str]:
    return frozenset(f for f in (_fold(x) for x in words) if len(f) > 1)


@functools.lru_cache(maxsize=65536)
def _name_word(w: str) -> str:
    """A word of a name as kept: initials keep their dots, other words lose a final one."""
    return w if _INITIALS.match(w) else w.rstrip(".")


@dataclass(slots=True)
class _Acc:
    name: list[str]
    start: int
    end: int
    titles: dict[str, Position] = field(default_factory=dict)
    degrees: dict[str, str] = field(default_factory=dict)
    hons: list[str] = field(default_factory=list)
    ranks: list[str] = field(default_factory=list)
    mentions: dict[tuple[int, int], str] = field(default_factory=dict)
    roles: set[str] = field(default_factory=set)
    # the folded words of `name`, kept while the same list is the name (a name
    # is replaced by a new list, never changed in place)
    _fkey: list[str] | None = field(default=None, compare=False, repr=False)
    _fset: frozenset[str] = field(default=frozenset(), compare=False, repr=False)

    def folded(self) -> frozenset[str]:
        if self._fkey is not self.name:
            self._fset = _folded(tuple(self.name))
            self._fkey = self.name
        return self._fset


def _merge(
    lex: _Lexicon,
    text: str,
    cands: list[_Cand],
    weak: list[_Cand],
    bare: list[tuple[str, Tok, Tok]],
    zmap: ZoneMap,
    pl: _Spans,
    og: _Spans,
    anaphors: Sequence[_Block] = (),
) -> list[Person]:
    """Join the mentions of one person under the fullest form of the name."""
    people: list[_Acc] = []
    index: dict[str, list[_Acc]] = {}  # folded word -> people whose name holds it

    def holding(fset: frozenset[str] | set[str]) -> list[_Acc]:
        if len(fset) == 1:
            (word,) = fset  # one word (most mentions): no search for the rarest
        else:
            word = min(fset, key=lambda w: len(index.get(w, ())))
        return [p for p in index.get(word, ()) if fset <= p.folded()]

    order = sorted(cands, key=lambda c: (-len(c.name), c.name[0][0]))
    for c in order:
        words = [_name_word(t[2]) for t in c.name]
        fset = _folded(tuple(words))
        if not fset:
            continue
        roles = {_fold(pos.role or "") for _, pos in c.titles}
        target = None
        hits = holding(fset)
        if len(hits) > 1:
            same = [p for p in hits if roles and roles & p.roles]
            hits = same if len(same) == 1 else hits[:1] if not roles else same[:1]
        if hits:
            h = hits[0]
            if not (
                roles
                and h.roles
                and not roles & h.roles
                and len(fset) < len(h.folded())
                and not any((pos.modifier or "").lower() in ("mantan", "eks") for _, pos in c.titles)
            ):
                target = h
        if target is None:
            target = _Acc(name=words, start=c.name[0][0], end=c.name[-1][1])
            people.append(target)
            for w in target.folded():
                index.setdefault(w, []).append(target)
        target.mentions[(c.name[0][0], c.name[-1][1])] = text[c.name[0][0] : c.name[-1][1]]
        for t, pos in c.titles:
            target.titles.setdefault(t, pos)
            target.roles.add(_fold(pos.role or ""))
        for d in c.degrees:
            target.degrees.setdefault(_deg_key(d).upper(), d)
        for hon in c.hons:
            if hon not in target.hons:
                target.hons.append(hon)
        for r in c.ranks:
            if r not in target.ranks:
                target.ranks.append(r)
    # `Rasmoro Pramono Aji (Oney)`: a name in brackets after a name is the same person
    aliases = {_fold(c.alias): c for c in cands if c.alias}
    for c in [c for c in cands if c.alias]:
        # `(Gus Ipul)`, later `ujar Gus Ipul`: the honorific is not kept in the name
        words = c.alias.split() if c.alias else []
        while len(words) > 1 and lex.kinds.get(_key(words[0]), _EMPTY) & {"honorific", "address"}:
            words = words[1:]
        aliases.setdefault(_fold(" ".join(words)), c)
    if aliases:
        for p in list(people):
            owner_c = aliases.get(_fold(" ".join(p.name)))
            if owner_c is None:
                continue
            owner = next(
                (q for q in people if q is not p and _folded(tuple(t[2] for t in owner_c.name)) <= q.folded()), None
            )
            if owner is None:
                continue
            owner.mentions.update(p.mentions)
            for t, pos in p.titles.items():
                owner.titles.setdefault(t, pos)
            people.remove(p)
    # weak mentions: a part of a known name
    for c in weak:
        fset = _folded(tuple(t[2] for t in c.name))
        if not fset:
            continue
        hits = holding(fset)
        if len(hits) == 1:
            h = hits[0]
            h.mentions[(c.name[0][0], c.name[-1][1])] = text[c.name[0][0] : c.name[-1][1]]
            for d in c.degrees:
                h.degrees.setdefault(_deg_key(d).upper(), d)
            for t, pos in c.titles:
                h.titles.setdefault(t, pos)
                h.roles.add(_fold(pos.role or ""))
    _scan_mentions(lex, text, people, zmap, pl, og)
    for b in anaphors:
        at = b.title[0][0]
        before = [(max(a for a, _ in p.mentions if a < at), p) for p in people if any(a < at for a, _ in p.mentions)]
        if before:
            holder = max(before, key=lambda x: x[0])[1]
            got = _position(b)
            if got is not None:
                holder.titles.setdefault(got[0], got[1])
    # bare titles: `Gubernur` when one governor is in the story
    for key, t0, t1 in bare:
        holders = [p for p in people if key in p.roles]
        if len(holders) == 1:
            holders[0].mentions.setdefault((t0[0], t1[1]), text[t0[0] : t1[1]])
    # weak runs that extend a known name (`Purbaya Yudhi Sadewa` after `kata Purbaya`): fullest form wins
    index.clear()
    for p in people:
        for w in p.folded():
            index.setdefault(w, []).append(p)
    for c in sorted(weak, key=lambda c: -len(c.name)):
        if len(c.name) < 2:
            continue
        fset = _folded(tuple(t[2] for t in c.name))
        seq = [_fold(t[2]) for t in c.name]
        if not fset or not seq[0]:
            continue
        sup = [
            p for p in index.get(seq[0], ()) if p.folded() < fset and seq[: len(p.name)] == [_fold(x) for x in p.name]
        ]
        if len(sup) == 1 and not holding(fset):
            sup[0].name = [t[2] for t in c.name]
            sup[0].mentions[(c.name[0][0], c.name[-1][1])] = text[c.name[0][0] : c.name[-1][1]]
            for w in sup[0].folded():
                index.setdefault(w, []).append(sup[0])
    if lex.figure_full and len(people) > 1:
        people = _join_figures(lex, people)
    out = []
    for p in sorted(people, key=lambda p: min(p.mentions) if p.mentions else (p.start, p.end)):
        folded = {t: " ".join(_key(t).split()) for t in p.titles} if len(p.titles) > 1 else {}
        for t in list(p.titles) if folded else ():
            if any(o != t and folded[o].startswith(folded[t] + " ") for o in p.titles):
                del p.titles[t]  # `Bupati` beside `Bupati Belu`: the fuller title says it all
        ms = tuple([Mention(a, b, t) for (a, b), t in sorted(p.mentions.items())])
        first = ms[0] if ms else None
        out.append(
            Person(
                name=" ".join(p.name),
                titles=tuple(p.titles),
                positions=tuple(p.titles.values()),
                degrees=tuple(p.degrees.values()),
                honorifics=tuple(p.hons),
                ranks=tuple(p.ranks),
                mentions=ms,
                start=first.start if first else None,
                end=first.end if first else None,
            )
        )
    return out


def _join_figures(lex: _Lexicon, people: list[_Acc]) -> list[_Acc]:
    """`Jokowi` and `Joko Widodo` in one article: one person, under the full name.

    Only the short forms listed in people_public_figures.tsv are joined; a
    short form that is no part of the full name cannot be found by the
    part-of-name merge.
    """
    heads = lex.figure_heads
    if not any(_key(p.name[0]) in heads for p in people if p.name):
        return people
    by_key = {" ".join([_key(w) for w in p.name]): p for p in people}
    gone: set[int] = set()
    for key, p in by_key.items():
        full = by_key.get(lex.figure_full.get(key, ""))
        if full is None or full is p:
            continue
        full.mentions.update(p.mentions)
        for t, pos in p.titles.items():
            full.titles.setdefault(t, pos)
        gone.add(id(p))
    return [p for p in people if id(p) not in gone] if gone else people


def _scan_mentions(lex: _Lexicon, text: str, people: list[_Acc], zmap: ZoneMap, pl: _Spans, og: _Spans) -> None:
    """Later mentions by a part of the name (`Bey`, `Machmudin`), and the fullest written form.

    Only the article's own people are looked for (a handful of `str.find`
    calls each); a word shared by two people is left to neither.
    """
    n = len(text)
    owners: dict[str, list[_Acc]] = {}
    for p in people:
        for w in p.name:
            if len(w) >= 3 and not _INITIALS.match(w):
                owners.setdefault(w, [])
                if p not in owners[w]:
                    owners[w].append(p)
    found: dict[str, list[int]] = {}
    if len(owners) * n > 4_000_000:
        # a very long text: one pass over its capitalised words instead of a search per word
        for m in _CAPWORD.finditer(text):
            if m.group() in owners:
                found.setdefault(m.group(), []).append(m.start())
    big = len(owners) * n > 4_000_000
    allows = zmap.allows
    for w, ps in owners.items():
        if len(ps) != 1:
            continue
        p = ps[0]
        lw = len(w)
        hits: list[tuple[int, int]] = []
        for pos in found.get(w, ()) if big else _find_all(text, w, lw):
            end = pos + lw
            if (pos == 0 or not text[pos - 1].isalnum()) and (end == n or not text[end].isalnum()) and allows(pos):
                hits.append((pos, end))
                pn = p.name  # `_maybe_fuller` may replace the name: read it again per hit
                if (
                    w == pn[0]
                    and len(pn) < 4
                    and text[end : end + 1] == " "
                    and text[end + 1 : end + 2].isupper()
                ):
                    _maybe_fuller(lex, text, p, pos, pl, og)
                    pn = p.name
                if len(pn) == 1 and pos > 2 and text[pos - 1] == " " and text[pos - 2].isalpha():
                    fs = _maybe_fuller_back(lex, text, p, pos, pl, og, zmap)
                    if fs is not None:
                        hits.append((fs, end))
        if hits:
            # a hit inside a mention already held (the word of a full name) adds nothing
            held = p.mentions
            spans = list(held)
            if len(spans) > 16:
                # a name written thousands of times: the held spans searched by bisection
                big_held = _HeldSpans(spans)
                for a, b in hits:
                    if big_held.inside(a, b) or (big_held.covered(a) and big_held.covered(b - 1)):
                        continue
                    held[(a, b)] = text[a:b]
                continue
            for a, b in hits:
                if _inside(spans, a, b) or (_covered(spans, a) and _covered(spans, b - 1)):
                    continue
                held[(a, b)] = text[a:b]
    for p in people:
        if len(p.mentions) < 2:
            continue
        # join adjacent word mentions (`Bey` + `Triadi` -> `Bey Triadi`)
        spans = sorted(p.mentions)
        merged: list[tuple[int, int]] = []
        for a, b in spans:
            if merged and a <= merged[-1][1] + 1 and text[merged[-1][1] : a].strip() == "":
                merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
            elif merged and a >= merged[-1][0] and b <= merged[-1][1]:
                continue
            else:
                merged.append((a, b))
        if len(merged) != len(spans):
            p.mentions = {(a, b): text[a:b] for a, b in merged}


class _HeldSpans:
    """`_inside` and `_covered` over many spans: sorted starts and the running maximum of the ends."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        s = sorted(spans)
        self.starts = [x for x, _ in s]
        self.reach: list[int] = list(itertools.accumulate((y for _, y in s), max))

    def _reach(self, i: int) -> int:
        k = bisect.bisect_right(self.starts, i) - 1
        return self.reach[k] if k >= 0 else -1

    def inside(self, a: int, b: int) -> bool:
        return self._reach(a) >= b

    def covered(self, i: int) -> bool:
        return self._reach(i) > i


def _inside(spans: list[tuple[int, int]], a: int, b: int) -> bool:
    """Whether [a, b) lies in one of the spans (the usual case: a word of the full name)."""
    for x, y in spans:  # noqa: SIM110 - a plain loop: any() over a generator costs more here
        if x <= a and b <= y:
            return True
    return False


def _covered(spans: list[tuple[int, int]], i: int) -> bool:
    for x, y in spans:  # noqa: SIM110 - a plain loop: any() over a generator costs more here
        if x <= i < y:
            return True
    return False


_CAPWORD = re.compile(r"[A-ZÀ-ÖØ-Þ][\w'’\-]*")


def _find_all(text: str, w: str, lw: int) -> list[int]:
    out = []
    find = text.find
    pos = find(w)
    while pos >= 0:
        out.append(pos)
        pos = find(w, pos + lw)
    return out


def _maybe_fuller(lex: _Lexicon, text: str, p: _Acc, pos: int, pl: _Spans, og: _Spans) -> None:
    """`Purbaya Yudhi Sadewa` written once without context makes `Purbaya` fuller."""
    m = _run_at(lex, text, pos)
    if not m:
        return
    words = m.group().split()
    if len(words) <= len(p.name) or [_fold(x) for x in words[: len(p.name)]] != [_fold(x) for x in p.name]:
        return
    if words[len(p.name) - 1].endswith("."):
        return  # the name ends the sentence
    extra: list[str] = []
    at = pos + len(" ".join(words[: len(p.name)]))
    for w in words[len(p.name) : len(p.name) + 3]:
        core = w.rstrip(".,")
        start = text.find(core, at)
        kinds = lex.kinds.get(_key(core), frozenset())
        if not _titleword(core) or kinds & _NOT_NAME:
            break
        if pl.covers(start, start + len(core)) or og.covers(start, start + len(core)):
            break
        extra.append(core)
        at = start + len(core)
        if w.endswith((".", ",")):
            break
    if extra:
        p.name = p.name + extra


_PREV_NAME = re.compile(rf"(?<![\w'’\-.])[{_UPPER}][a-z'’\-]+$")


def _maybe_fuller_back(
    lex: _Lexicon, text: str, p: _Acc, pos: int, pl: _Spans, og: _Spans, zmap: ZoneMap
) -> int | None:
    """`Harry Brown` written once without context makes `Brown` (from `kata Brown`) fuller.

    Foreign and Batak names are introduced in full and then quoted by the
    surname; the word right before a surname hit joins the name when it is a
    name-shaped word the tables know nothing about.  Returns its start.
    """
    if lex.kinds.get(_key(p.name[0]), _EMPTY) - {"given"}:
        return None  # `Haji`, `Gede`: a word the tables know is no surname to grow from
    m = _PREV_NAME.search(text, max(0, pos - 25), pos - 1)
    if not m or m.start() == 0 or text[m.start() - 1] == "\n" or zmap.kind_at(m.start()) == "title":
        return None  # a line opening (`Ultimatum Prabowo ...`) is often a headline, title-cased
    w = m.group()
    kinds = lex.kinds.get(_key(w), _EMPTY)
    if (
        (kinds and kinds != {"given"})
        or not _namey(w)
        or pl.covers(m.start(), m.end())
        or og.covers(m.start(), m.end())
        or _lower_in(text, w.lower())
    ):
        return None  # `Kedatangan Prabowo`: a common word (written in lower case elsewhere) before the name
    p.name = [w, *p.name]
    return m.start()


def _spans_of(items: Iterable[Any]) -> list[tuple[int, int]]:
    return [(m.start, m.end) for it in items for m in getattr(it, "mentions", ()) or ()]


class PeopleComponent:
    """Pipeline component `berita_people`."""

    def __init__(self, nlp: Language | None = None) -> None:
        self.nlp = nlp

    def __call__(self, doc: Doc) -> Doc:
        st: ArticleState = get_state(doc)
        text = article_text(doc)
        try:
            places = _spans_of(st.places)
            if not places and (self.nlp is None or "berita_places" not in self.nlp.pipe_names):
                places = _region_spans(text)
            people = find_people(text, st.zone_map(doc), places, _spans_of(st.organizations))
        except Exception:  # noqa: BLE001 - an extractor never stops the batch; no people is a valid answer
            people = []
        st.people.extend(people)
        set_spans(doc, SPAN_GROUP, [(m.start, m.end, "PERSON") for p in people for m in p.mentions])
        kept = _places_outside_names(st.places, people)
        if len(kept) != len(st.places):
            st.places[:] = kept
            set_spans(doc, "berita_places", [(m.start, m.end, pl.kind) for pl in kept for m in pl.mentions])
        return doc


def _places_outside_names(places: list[Place], people: list[Person]) -> list[Place]:
    """Places with at least one mention outside every person's name.

    The places component runs first and cannot know that `Bima` in `Bima
    Arya` or `Gianyar` in `I Made Gianyar` is part of a name; once the
    people are known, a place named only inside names is dropped.
    """
    # only multi-word name mentions: a later mention by one word (`Lampung` for
    # a misread `Intan Bandar Lampung`) is weaker evidence than the place itself
    if not people or not places:
        return places
    lex = lexicon()
    spans = []
    for p in people:
        for m in p.mentions:
            if " " in m.text:
                first = _key(m.text.split(" ", 1)[0])
                spans.append((m.start, m.end, "bali" in lex.kinds.get(first, ())))
    spans.sort()
    starts = [a for a, _, _ in spans]

    def inside(m: Mention) -> bool:
        i = bisect.bisect_right(starts, m.start) - 1
        if i < 0 or " " in m.text:  # a multi-word region inside a "name" is more likely a misread name
            return False
        a, b, balinese = spans[i]
        if not (a <= m.start and m.end <= b and m.end - m.start < b - a):
            return False
        # a region closing a "name" is usually an institution misread as one
        # (`Polresta Yogyakarta`, `RS ... Surakarta`), except in Balinese names
        return m.end < b or balinese

    return [pl for pl in places if not pl.mentions or not all(inside(m) for m in pl.mentions)]


def _region_spans(text: str) -> list[tuple[int, int]]:
    """Region names in the text when the places component is not in the pipeline."""
    try:
        from .gazetteer import get_gazetteer

        return [(m.start, m.end) for m in get_gazetteer().find(text)]
    except Exception:  # noqa: BLE001
        return []


def extract_people(text: str) -> list[Person]:
    """People of a bare text (whole text is content; regions from the gazetteer)."""
    return find_people(text, None, _region_spans(text), ())


@Language.factory("berita_people")
def make_people(nlp: Language, name: str) -> PeopleComponent:
    return PeopleComponent(nlp)
