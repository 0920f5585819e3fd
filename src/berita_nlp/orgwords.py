"""Reference tables of the organizations extractor, loaded once per process.

The linguistic knowledge (which words open an institution's name, which
acronyms stand for which institution, which capitalised words may continue an
office's name) lives in `data/organizations_*`; this module only reads it and
compiles the one-pass matcher from it, so adding an agency is a data edit.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from . import patterns
from .datafiles import json_file, read_text, tsv_rows


@dataclass(frozen=True, slots=True)
class Entry:
    """What a head word or a known short form says about the name it opens.

    cls decides how the name may continue (gov: only a region; closed: only
    words of the office vocabulary, acronyms, numerals and a region; open: any
    capitalised words, as company and university names are proper names).
    scope says how a bare mention relates to fuller ones in the article.
    """

    form: str
    kind: str
    cls: str
    level: str | None
    alone: bool
    expansion: str | None = None
    scope: str = "national"
    head: bool = False  # opens names (heads table) rather than being one known name


@dataclass(frozen=True, slots=True)
class Tables:
    entries: dict[str, Entry]
    words: frozenset[str]
    stop: frozenset[str]
    docwords: frozenset[str]
    markers: frozenset[str]
    markers_en: frozenset[str]
    given_names: frozenset[str]
    foreign_heads: frozenset[str]
    programme_before: frozenset[str]
    expansions: dict[str, str]
    matcher: re.Pattern[str]
    head_at: re.Pattern[str]
    paren: re.Pattern[str]
    tail: re.Pattern[str]
    tail_gate: re.Pattern[str]
    cont_at: re.Pattern[str]
    firm_words: frozenset[str] = frozenset()
    lower_heads: frozenset[str] = frozenset()
    firm_suffix: re.Pattern[str] = re.compile(r"(?!)")
    # lower-case forms opened by a very common word (`pemerintah RI`): kept out of the
    # main matcher, whose first-character scan they would slow, and found by their own
    # scan only when the text holds that word (see LOWER_OPENERS)
    lower_forms: re.Pattern[str] = re.compile(r"(?!)")


def _lines(name: str) -> list[list[str]]:
    return tsv_rows(name)


def _words(name: str) -> frozenset[str]:
    text = read_text(name)
    return frozenset(w for ln in text.splitlines() if not ln.startswith("#") for w in ln.split())


def _given_names() -> frozenset[str]:
    """Common given names (the people component's list), where a proper name gives way to a person.

    Read-only and optional: without the file names simply run on.
    """
    try:
        names = _words("people_given_names.tsv")
    except (FileNotFoundError, OSError):
        return frozenset()
    return frozenset(n for n in names if n[:1].isupper())


def trie_regex(forms: list[str]) -> str:
    """An alternation of `forms` shaped as a prefix trie.

    A flat alternation of several hundred literals makes the regex engine
    try each one at every position; a trie shares prefixes, so the scan of
    an article stays one cheap pass however long the tables grow.
    """
    return patterns.trie_regex(forms)


_REGIONAL_KINDS = frozenset({"government", "agency", "legislature"})
CLOSED_WORDS: dict[str, list[str]] = {
    k: v for k, v in json_file("organizations_closed_words.json").items() if not k.startswith("_")
}
"""The closed word sets of the organization rules, read once for both modules."""
LOWER_OPENERS = frozenset(CLOSED_WORDS["lower_openers"])
"""Lower-case first words of table forms (`pemerintah RI`), read by their own scan (`Tables.lower_forms`)."""
# the word connectors of a name; a slash joins with its own spacing below
_CONNECT = "(?:" + "|".join(re.escape(w) for w in CLOSED_WORDS["connectors"] if w != "/") + ")"
_WORD = r"(?:[A-Z]\w*+(?:['’]\w++)*+(?:-\w++)*+|[0-9]{1,4}(?![\w])|\(Persero\))"
# at most 14 words: a name is never longer, and a bound keeps long capitalised runs linear
_CONT = (
    r"(?P<cont>(?:(?:[ \t]++(?:" + _CONNECT + r"[ \t]++)?+|[ \t]*+/[ \t]*+)" + _WORD + r"){0,14}+)"
)


@functools.lru_cache(maxsize=1)
def tables() -> Tables:
    """Load the tables and compile the matcher (once per process)."""
    entries: dict[str, Entry] = {}
    expansions: dict[str, str] = {}
    for row in _lines("organizations_acronyms.tsv"):
        form, expansion, kind, scope = [*row, "", "", "", ""][:4]
        expansions[form] = expansion
        if scope == "word":
            continue
        entries[form] = Entry(form, kind, "closed", None, scope != "amb", expansion, scope)
    for row in _lines("organizations_heads.tsv"):
        form, kind, cls, level, alone = [*row, "", "", "", "", ""][:5]
        old = entries.get(form)
        entries[form] = Entry(
            form,
            kind,
            cls,
            None if level in ("", "-") else level,
            alone == "yes",
            expansions.get(form),
            old.scope if old else ("regional" if cls == "gov" or kind in _REGIONAL_KINDS else "national"),
            True,
        )
    for e in list(entries.values()):
        # the spelled-out name of a known acronym is a name by itself (`Komisi Yudisial`)
        exp = e.expansion
        if exp and exp not in entries and e.kind != "none" and e.scope != "amb" and " " in exp:
            entries[exp] = Entry(exp, e.kind, "closed", None, True, exp, e.scope)
    for form, e in list(entries.items()):
        # `Bank Sentral`, `Partai Buruh`: a known name opened by an open head goes on like one
        first = form.split(" ", 1)[0]
        if e.expansion is not None and " " in form and first in entries and entries[first].cls == "open":
            entries[form] = Entry(form, e.kind, "open", e.level, e.alone, e.expansion, e.scope, e.head)
    forms = sorted(entries, key=len, reverse=True)
    lower = [f for f in forms if f.split(" ", 1)[0] in LOWER_OPENERS]
    trie = trie_regex([f for f in forms if f.split(" ", 1)[0] not in LOWER_OPENERS])
    # Each matcher opens with a literal character class, so the engine's first-character
    # scan skips most of the text in C; word boundaries before a name are checked by
    # the caller, where a lookbehind here would defeat that scan.
    matcher = re.compile(r"(?P<head>" + trie + r")(?![\w'’]|-[a-z])" + _CONT)
    paren = re.compile(
        r"\((?:(?P<acr>[A-Z][A-Za-z0-9&]{1,11}+)|(?P<low>[a-z][a-z ]{3,60}+)"
        r"|(?P<full>[A-Z][\w'’&-]*+(?: [\w'’&-]++){1,10}+))\)"
    )
    tails = trie_regex(CLOSED_WORDS["tail_heads"])
    # a tail head followed by another one is not the end (`Roatex Ltd Zrt`, `Maju Pte Ltd`)
    tail = re.compile(r"(?:" + tails + r")(?![\w]| (?:for|of|and) | (?:" + tails + r")(?!\w))")
    head_at = re.compile(r"(?P<head>" + trie + r")(?![\w'’-])")
    return Tables(
        entries=entries,
        words=_words("organizations_words.txt"),
        stop=_words("organizations_stop.txt"),
        docwords=_words("organizations_docwords.txt"),
        markers=_words("organizations_markers.txt"),
        markers_en=_words("organizations_markers_en.txt"),
        given_names=_given_names(),
        programme_before=_words("organizations_programme_before.txt"),
        foreign_heads=frozenset(
            ln.strip() for ln in read_text("organizations_foreign_heads.txt").splitlines()
            if ln.strip() and not ln.startswith("#")
        ),
        expansions=expansions,
        matcher=matcher,
        head_at=head_at,
        paren=paren,
        tail=tail,
        # one literal scan deciding whether the tail scan runs at all; built from the same list, so a new
        # tail head (`Authority`) is never left out of the gate
        tail_gate=re.compile("|".join(sorted(map(re.escape, CLOSED_WORDS["tail_heads"]), key=len, reverse=True))),
        cont_at=re.compile(_CONT),
        firm_words=_words("organizations_firm_words.txt"),
        lower_heads=_words("organizations_lower_heads.txt"),
        firm_suffix=re.compile(r"[a-z]{2}(?:" + "|".join(sorted(_words("organizations_firm_suffixes.txt"))) + r")\Z"),
        # no lookbehind: a literal opening keeps the scan in C; the caller checks the word start
        lower_forms=re.compile(r"(?:" + trie_regex(lower) + r")(?![\w'’-])") if lower else re.compile("(?!)"),
    )
