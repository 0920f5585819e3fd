"""The berita_zones component: tell article content from page furniture.

Scraped news arrives with everything the page showed: teasers for other
stories (`BACA JUGA: ...`), ad markers (`SCROLL TO CONTINUE WITH CONTENT`),
credits (`Editor: ...`, `Pewarta: ...`), comment forms and share buttons.
Left in, they yield false people (the reporter), false dates and false
organizations (the outlet).  This component runs first and marks every line
of the raw text with its role, so the extractors after it can drop matches
that start outside content with one lookup (`ZoneMap.allows`).

It also reads what the furniture says about the article itself: the title,
the outlet and dateline place (`KANTOR-BERITA.COM, JAWA BARAT -`), and the
credits (reporter, editor, photographer), which go into the record's meta.

The work is one pass over the lines with one compiled alternation per kind
of marker; the markers are data (`data/zones_markers.json`).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from .datafiles import json_file
from .records import Credit, Dateline, Zone
from .state import ArticleState, ZoneMap, article_text, get_state, set_spans

_KINDS = ("ad", "teaser", "credit", "boilerplate", "caption")


@dataclass(frozen=True)
class _Markers:
    line: re.Pattern[str]
    rest: re.Pattern[str]
    roles: dict[str, str]
    noise: re.Pattern[str]


@functools.lru_cache(maxsize=1)
def _markers() -> _Markers:
    raw: dict[str, Any] = json_file("zones_markers.json")
    alts = "|".join(f"(?P<{k}>{'|'.join(f'(?:{p})' for p in raw[k])})" for k in _KINDS)
    line = re.compile(rf"[ \t\u00a0]*(?:{alts})", re.I)
    rest = re.compile(rf"[ \t\u00a0]*(?:{'|'.join(raw['rest_is_furniture'])})", re.I)
    noise = re.compile(rf"(?:\s+(?:{'|'.join(raw['trailing_noise'])}))+\s*$", re.I)
    return _Markers(line, rest, dict(raw["credit_roles"]), noise)


# A credit or photo credit closing a line: "... (**)", "... (dn/as)", "... Foto, Nama."
_TRAILING_CREDIT = re.compile(
    r"[ \t]\((?:\*{1,3}|\*/[^()\n]{1,40}|[a-z]{1,5}(?:/[a-z*]{1,5}){1,3})\)[ \t]*$"
    r"|[ \t.]Foto\s*[,:]\s*[A-Z][\w.'-]*(?:[ \t][A-Z][\w.'-]*){0,3}\.?[ \t]*$"
)
_BULLET = re.compile(r"[ \t]*[-*•·][ \t]")
_CREDIT_SPLIT = re.compile(r"^[ \t(]*(?P<role>[A-Za-z]+)(?:\s+MC\b)?\s*[:.,]?\s*", re.I)

# Dateline at the start of the first body paragraph.  Chunks are words,
# domains or parenthesised outlets; at most 7 of them, so the pattern stays
# linear and cannot wander into the sentence.
_CHUNK = r"\(?[A-Za-z][\w.&'’]*(?:-[A-Za-z][\w.&'’]*)*\)?"
_DATELINE = re.compile(
    rf"(?P<head>{_CHUNK}(?:[ \t]?,?[ \t]{{1,2}}(?:{_CHUNK}|\.[ \t]?com)){{0,6}})"
    r"(?:[ \t]*,)?[ \t]*"
    r"(?P<sep>[-–—|:]{1,2}|,-)"
    r"(?:(?P<place2>[A-Z][A-Z .]{1,30}?)[-–—])?"
    r"[ \t]*"
)
_DOMAIN = re.compile(r"\w\.[ ]?(?:com|id|net|org|co|news|tv)\b|^detik\w*$", re.I)
_CAPS = re.compile(r"\b[A-Z]{2,}\b")
_HEADLINE_END = re.compile(r"[.!?;:,\"”’)]\s*$")


def _lines(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each non-empty line, end excluding the newline."""
    pos = 0
    n = len(text)
    while pos <= n:
        nl = text.find("\n", pos)
        end = n if nl < 0 else nl
        s, e = pos, end
        while s < e and text[s] in " \t\r\u00a0":
            s += 1
        while e > s and text[e - 1] in " \t\r\u00a0":
            e -= 1
        if e > s:
            yield s, e
        if nl < 0:
            break
        pos = nl + 1


def _looks_like_region(name: str) -> tuple[str, str | None] | None:
    """Resolve a dateline place through the gazetteer when it is available."""
    try:
        from .gazetteer import get_gazetteer
    except ImportError:  # the gazetteer ships with the places component
        return None
    try:
        region = get_gazetteer().resolve(name)
    except Exception:  # noqa: BLE001 - a dateline must never fail an article
        return None
    if region is None:
        return None
    return region.name, region.code


def _headline_like(line: str, share: float) -> bool:
    """Most headlines capitalise their words; a sentence does not."""
    words = [w for w in line.split() if w[:1].isalpha()]
    if not words:
        return False
    caps = sum(1 for w in words if w[0].isupper())
    return caps >= share * len(words)


def _title_case(s: str) -> str:
    return s.title() if s.isupper() else s


def _parse_dateline(text: str, start: int, end: int) -> tuple[Dateline, str | None] | None:
    """Read `PLACE, OUTLET -` style openers; None when the line has none."""
    window = text[start : min(end, start + 90)]
    m = _DATELINE.match(window)
    if m is None:
        return None
    head = re.sub(r"\.[ \t]com\b", ".com", m.group("head").strip(" ,"))
    sep = m.group("sep")
    parts = [p.strip() for p in re.split(r",|(?=\()|(?<=\))", head) if p.strip(" ()")]
    if not parts or len(head) > 60:
        return None
    words = head.replace(",", " ").split()
    if any(not (w[0].isupper() or w[0] == "(" or _DOMAIN.search(w) or w == ".") for w in words if w):
        return None
    marked = bool(_CAPS.search(head) or _DOMAIN.search(head) or "(" in head)
    if not marked and not (sep in "-–—" and len(words) <= 3):
        return None
    if sep == ":" and not ("(" in head or _DOMAIN.search(head)):
        return None
    after = window[m.end("sep") : m.end("sep") + 1]
    # "Baru-baru ini", "Shin Tae-yong", "Prabowo-Gibran": a hyphenated word, not a dateline
    hyphenated = after.isalpha() and (after.islower() or not (_CAPS.search(head) or "(" in head))
    if sep == "-" and hyphenated and not _DOMAIN.search(head):
        return None
    dl_end = start + m.end()
    rest = text[dl_end:end]
    outlets = [p for p in parts if p.startswith("(") or _DOMAIN.search(p)]
    places = [p for p in parts if p not in outlets]
    place2 = m.group("place2")
    if place2:
        places.append(place2.strip())
    # "KOTA MALANG – malangpagi.com" or "Madinapos. com – Medan.": the line is only a dateline
    if len(rest.split()) <= 3 and rest.strip():
        tail = rest.strip(" .")
        if _DOMAIN.search(tail):
            outlets.append(tail)
        elif tail[:1].isupper():
            places.append(tail)
        dl_end = end
    place: str | None = None
    code: str | None = None
    for p in places:
        hit = _looks_like_region(_title_case(p.strip("() ")))
        if hit:
            place, code = hit[0], hit[1]
            break
    leftover = [p for p in places if place is None or _title_case(p.strip("() ")) != place]
    if place is None and places and (
        outlets or (len(places) == 1 and not _DOMAIN.search(places[0]) and places[0].isupper())
    ):
        place = _title_case(places[0].strip("() "))
        leftover = places[1:]
    if not outlets and leftover:
        outlets = leftover[:1]
    if place is None and not outlets:
        return None
    outlet = outlets[0].strip("() ") if outlets else None
    dl_text = text[start:dl_end].rstrip()
    dateline = Dateline(text=dl_text, place=place, code=code, start=start, end=start + len(dl_text))
    return dateline, outlet


def _pieces(text: str, s: int, e: int) -> Iterator[tuple[int, int]]:
    """Split `Penulis: A | Editor: B` into one stretch per credit."""
    pos = s
    while True:
        bar = text.find("|", pos, e)
        if bar < 0:
            yield pos, e
            return
        yield pos, bar
        pos = bar + 1
        while pos < e and text[pos] == " ":
            pos += 1


def _credit(text: str, s: int, e: int, roles: dict[str, str], noise: re.Pattern[str]) -> Credit | None:
    line = text[s:e]
    m = _CREDIT_SPLIT.match(line)
    if m is None:
        return None
    role = roles.get(m.group("role").lower(), "byline")
    name_start = s + m.end()
    if line.lower().startswith("foto mc"):
        name_start = s + line.lower().index("mc")
    if line.startswith("("):  # "(Jeni)", "(dn/as)": initials of the desk
        role, name_start = "byline", s + 1
    name = text[name_start:e]
    nm = noise.search(name)
    if nm:
        name = name[: nm.start()]
    name = name.strip(" ()*/.:")
    if not name:
        return None
    off = text.find(name, name_start, e)
    return Credit(role=role, name=name, start=off, end=off + len(name))


def zone_text(text: str, st: ArticleState) -> list[Zone]:
    """Mark each line of `text`, filling title, outlet, dateline and credits on `st`."""
    mk = _markers()
    lines = list(_lines(text))
    kinds: list[str] = ["body"] * len(lines)
    extra: list[Zone] = []
    teaser_list = False
    rest_kind: str | None = None
    for i, (s, e) in enumerate(lines):
        m = mk.line.match(text, s, e)
        if rest_kind is not None and (m is None or m.lastgroup != "credit"):
            kinds[i] = rest_kind
            continue
        if m is not None:
            kind = m.lastgroup or "body"
            kinds[i] = kind
            if mk.rest.match(text, s, e):
                rest_kind = "boilerplate" if kind != "ad" else "ad"
            teaser_list = kind == "teaser" and e - s < 30
            if kind == "credit":
                for cs, ce in _pieces(text, s, e):
                    c = _credit(text, cs, ce, mk.roles, mk.noise)
                    if c is not None:
                        st.credits.append(c)
            continue
        if teaser_list and _BULLET.match(text, s, e):
            kinds[i] = "teaser"
            continue
        teaser_list = False
        # The credit's first form ends the line with `)`; its second needs the
        # word `Foto` and ends in a dot or a letter.  Lines with neither are
        # answered without trying both branches at each of 60 positions.
        tail = text[e - 1]
        lo = max(s, e - 60)
        tc = (
            _TRAILING_CREDIT.search(text, lo, e)
            if tail == ")" or ((tail == "." or tail.isalpha()) and text.find("Foto", lo, e) >= 0)
            else None
        )
        if tc is not None:
            cs = tc.start() + 1
            extra.append(Zone("credit", cs, e))
            c = _credit(text, cs, e, mk.roles, mk.noise)
            if c is not None:
                st.credits.append(c)
            lines[i] = (s, tc.start())
    # Link lists closing the page ("- Judul berita lain") are teasers.
    j = len(lines) - 1
    while j >= 0 and kinds[j] != "body":
        j -= 1
    k = j
    while (
        k >= 0
        and kinds[k] == "body"
        and _BULLET.match(text, *lines[k])
        and not _HEADLINE_END.search(text, *lines[k])
        and _headline_like(text[lines[k][0] : lines[k][1]], 0.6)
    ):
        k -= 1
    if j - k >= 2:
        for x in range(k + 1, j + 1):
            kinds[x] = "teaser"
    _title_and_dateline(text, lines, kinds, extra, st)
    spans = [(s, e, kind) for (s, e), kind in zip(lines, kinds, strict=True) if e > s]
    spans.extend((z.start, z.end, z.kind) for z in extra)
    return _merge(spans)


def _title_and_dateline(
    text: str, lines: list[tuple[int, int]], kinds: list[str], extra: list[Zone], st: ArticleState
) -> None:
    body_idx = [i for i, k in enumerate(kinds) if k == "body"]
    if not body_idx:
        return
    first = body_idx[0]
    s, e = lines[first]
    line = text[s:e]
    dl = _parse_dateline(text, s, e)
    if (
        dl is None
        and len(body_idx) > 1
        and e - s <= 200
        and len(line.split()) >= 3
        and not _HEADLINE_END.search(line)
        and _headline_like(line, 0.3)
    ):
        kinds[first] = "title"
        if st.title is None:
            st.title = line
        for i in body_idx[1:]:
            a, b = lines[i]
            if text[a:b] == line:
                kinds[i] = "title"
    if st.dateline is None:
        for i in [i for i, k in enumerate(kinds) if k == "body"][:2]:
            a, b = lines[i]
            parsed = dl if i == first else _parse_dateline(text, a, b)  # the first line is parsed already
            if parsed is not None:
                dl_rec, outlet = parsed
                st.dateline = dl_rec
                if outlet and st.outlet is None:
                    st.outlet = outlet
                extra.append(Zone("dateline", dl_rec.start, dl_rec.end))
                lines[i] = (dl_rec.end, b)
                break


def _merge(spans: list[tuple[int, int, str]]) -> list[Zone]:
    """Sort and merge neighbouring stretches of one kind into one zone."""
    spans.sort()
    out: list[list[Any]] = []
    for s, e, kind in spans:
        if out and out[-1][2] == kind and kind in _MERGED:
            if e > out[-1][1]:
                out[-1][1] = e
        else:
            out.append([s, e, kind])
    return [Zone(kind, s, e) for s, e, kind in out]


_MERGED = frozenset({"body", "teaser", "boilerplate", "ad"})


class ZonesComponent:
    """Pipeline component `berita_zones`: zones, title, outlet, dateline, credits."""

    def __call__(self, doc: Doc) -> Doc:
        st = get_state(doc)
        text = article_text(doc)
        zones = zone_text(text, st)
        st.zones = ZoneMap(zones, len(text))
        set_spans(doc, "berita_zones", ((z.start, z.end, z.kind) for z in zones))
        return doc


@Language.factory("berita_zones")
def make_zones(nlp: Language, name: str) -> ZonesComponent:
    return ZonesComponent()
