"""The berita_organizations component: institutions named in an article.

One regex pass (heads of the tables shaped as a trie, `(ACR)` definitions,
agency citations, English head-final names) finds candidate names in the raw
text; a short walk over each candidate's following words decides where the
name ends.  Names of offices continue only with office vocabulary, so the
official's name in `Kepala Dinas Pendidikan Budi Santoso` stays out; company
and university names are proper names and continue with any capitalised
word.  Regions inside names come from the places component (or the gazetteer
when places found none) and give regional bodies their Kemendagri code.

Candidates are then merged per article: `Pemerintah Kabupaten X` and `Pemkab
X` share a key (expanded words without the level word, plus the region code),
`Full Name (ACR)` ties the acronym to the full form, and a bare `Pemprov`,
`DPRD` or `Kejari` joins the single regional body of its kind the article
names.
"""

from __future__ import annotations

import bisect
import dataclasses
import functools
import itertools
import re
import unicodedata
from dataclasses import dataclass, field

import ahocorasick
from spacy.language import Language
from spacy.tokens import Doc

from .orgwords import CLOSED_WORDS, LOWER_OPENERS, Entry, Tables, tables
from .records import Mention, Organization
from .state import ArticleState, article_text, get_state, set_spans

_CLOSED: dict[str, frozenset[str]] = {k: frozenset(v) for k, v in CLOSED_WORDS.items()}
_TOKEN = re.compile(r"\(Persero\)|[A-Za-z0-9]\w*(?:['’]\w+)*(?:-\w+)*|[/&]")
_CONNECTORS = _CLOSED["connectors"]
_AFTER_REGION = _CLOSED["after_region"]
_GLUED = re.compile(r"(?<=[a-z])(?=[A-Z][a-z])")
_GLUED_TAIL = re.compile(r"[a-z](?:[A-Z][a-z]|[A-Z]{2})")  # `dariInternational`, `BiologiIPB`; not `McKinsey`
_HEADS_AS_WORDS = _CLOSED["heads_as_words"]
_TEAM_HEADS = _CLOSED["team_heads"]
_LEVEL_WORDS = _CLOSED["level_words"]
_ROMAN = re.compile(r"[IVXL]{1,6}|[A-Z]")
_NUMBERED = _CLOSED["numbered"]
_ACRONYM = re.compile(r"[A-Z][A-Z0-9&]{1,9}|[A-Z]{2,}[a-z]?")
_NATIONAL = _CLOSED["national"]
_PREFIX_ONLY = _CLOSED["prefix_only"]
_CODED_KINDS = frozenset({"government", "agency", "legislature", "judiciary", "police", "party", "other"})
_KEY_DROP = _CLOSED["key_drop"]
_TAIL_LEAD = _CLOSED["tail_lead"]
_TITLE_TAIL = _CLOSED["title_tail"]
_CITED = _CLOSED["cited"]
_UNIT_HEADS = _CLOSED["unit_heads"]
_BRANCH = _CLOSED["branch"]
_KECAMATAN_HEADS = _CLOSED["kecamatan_heads"]
_CATEGORY_HEADS = _CLOSED["category_heads"]
_NESTED_KINDS = _CLOSED["nested_kinds"]
_SECOND_BODY = _CLOSED["second_body"]
_COUNTED_HEADS = _CLOSED["counted_heads"]
_LOWER_GATE = tuple(w + " " for w in sorted(LOWER_OPENERS))  # the lower-case scan runs only where one occurs
_PLACE_RUN = re.compile(r"(?:[ \t][A-Z][a-z]+){1,3}(?=[ \t]*[,.;:)\n]|[ \t]+[a-z])")  # `Kejari Tanjung Perak)`
_NEEDS_REGION = frozenset({"government", "judiciary", "police"})
_LIST_ITEM = re.compile(
    r"(?:,[ \t]*(?:(?P<conj>dan|serta)[ \t]+)?|[ \t]+(?P<conj2>dan|serta)[ \t]+)"
    r"(?P<ws>[A-Z][\w-]*(?:[ \t]+[A-Z][\w-]*){0,3})"
)
_LOWER_RUN = re.compile(r"(?P<low>(?:[ \t][a-z]{3,20}+){1,3}+)(?=[ \t][A-Z])")
_NEXT_NAME_WORD = re.compile(r"[ \t]+(?!Rp\b)[A-Z][a-z]")
_AGE_AFTER = re.compile(r"[ \t]{0,2}\(\d{1,3}\)")
_INITIALS_BEFORE = re.compile(r"inisial[ \t]+(?:[A-Z]{1,6}[ \t]*(?:\(\d{1,3}\))?[ \t]*,[ \t]*|dan[ \t]+)*\Z")
_COMMA_NAME = re.compile(r",[ \t]{0,2}([A-Z][a-z]+(?:[ \t][A-Z][a-z]+){0,2})[ \t]{0,2},")  # `, Suharyanto,`
_STREET_GATE = re.compile(r"J[la]|G[ag]")  # cheap: most heads have no street word before them
_STREET_BEFORE = re.compile(r"\b(?:Jalan|Jl|Jln|Gang|Gg)\.?[ \t]+(?:[A-Z][\w'-]*\.?[ \t]+){0,3}\Z")


@dataclass(slots=True)
class _Cand:
    start: int
    end: int
    text: str
    entry: Entry
    code: str | None = None
    region_text: str | None = None
    forms: list[tuple[int, int, str]] = field(default_factory=list)
    key: str = ""
    bare: bool = False
    head_end: int = -1
    truncated: bool = False


_PUNCT = {c: " " for c in range(128) if not (chr(c).isalnum() or chr(c) == "_" or chr(c).isspace())}


@functools.lru_cache(maxsize=8192)
def _fold(s: str) -> str:
    """Case-fold and drop punctuation, as the scorer and users compare names."""
    if not s.isascii():
        s = unicodedata.normalize("NFKD", s)
        s = "".join(c for c in s if not unicodedata.combining(c))
        s = re.sub(r"[^\w\s]", " ", s)
    return " ".join(s.casefold().translate(_PUNCT).split())


def _code_level(code: str) -> str:
    parts = code.split(".")
    if len(parts) == 1:
        return "provinsi"
    if len(parts) == 2:
        return "kota" if parts[1].isdigit() and int(parts[1]) >= 71 else "kabupaten"
    return "kecamatan"


@functools.lru_cache(maxsize=8192)
def _key(text: str, head_len: int, region_text: str, expansion: str, uncoded: bool) -> str:
    """Key of a name (cached: the same names recur across articles)."""
    expansions = tables().expansions
    head = text[:head_len]
    rest = text[len(head):]
    if region_text:
        rest = rest.replace(region_text, " ")
    out: list[str] = _fold(expansion or head).split()
    for w in _TOKEN.findall(rest):
        exp = expansions.get(w)
        out.extend(_fold(exp).split() if exp else _fold(w).split())
    words = [w for w in out if w not in _KEY_DROP]
    while len(words) > 1 and words[0] == "partai":
        words = words[1:]
    if words and words[0] == "pemerintahan":
        words[0] = "pemerintah"
    if len(words) > 1 and words[0] == "pemerintah" and words[1] == "daerah":
        del words[1]
    if region_text and uncoded and len(words) <= 1:
        return _fold(text)
    return " ".join(words)


class _Regions:
    """Region spans of the article, for looking up the region inside a name."""

    __slots__ = ("spans", "starts")

    def __init__(self, spans: list[tuple[int, int, str]]) -> None:
        self.spans = sorted(spans)
        self.starts = [s[0] for s in self.spans]

    def at(self, offset: int) -> tuple[int, int, str] | None:
        i = bisect.bisect_right(self.starts, offset) - 1
        while i >= 0:
            s = self.spans[i]
            if s[0] <= offset < s[1]:
                return s
            if s[1] <= offset and i < len(self.spans) - 1:
                break
            i -= 1
            if i >= 0 and self.spans[i][1] <= offset:
                break
        return None


def _region_spans(doc: Doc, st: ArticleState) -> _Regions:
    spans: list[tuple[int, int, str]] = []
    for p in st.places:
        if p.code and p.kind in ("provinsi", "kabupaten", "kota"):
            for m in p.mentions:
                spans.append((m.start, m.end, p.code))
    if not spans and not st.places:
        try:
            from .gazetteer import get_gazetteer

            for rm in get_gazetteer().find(article_text(doc)):
                if rm.region.level != "kecamatan":
                    spans.append((rm.name_start, rm.end, rm.region.code))
        except Exception:  # noqa: BLE001 - no gazetteer means no codes, never a failure
            spans = []
    return _Regions(spans)


def _relevel(name: str, level: str, code: str) -> str:
    """The region of the level the head word states (`Pemkab Bogor` is the kabupaten)."""
    if _code_level(code) == level:
        return code
    try:
        from .gazetteer import get_gazetteer

        r = get_gazetteer().resolve(name, level)
    except Exception:  # noqa: BLE001
        return code
    return r.code if r is not None else code


class _Extractor:
    """One article's extraction; holds the per-article lookups."""

    def __init__(self, doc: Doc, st: ArticleState, tb: Tables) -> None:
        self.doc = doc
        self.text: str = article_text(doc)
        self.st = st
        self.tb = tb
        self.zones = st.zone_map(doc)
        self.regions: _Regions | None = None
        self.foreign: dict[int, int] | None = None
        self.cands: list[_Cand] = []
        self.links: list[tuple[str, _Cand]] = []  # acronym defined for a candidate
        self.not_orgs: set[str] = set()
        self.prefix_at = -1
        self.truncated = False
        self.in_legislature = False
        self.office_forms: set[str] = set()
        self.short_names: dict[str, list[str]] = {}
        self.spans: list[tuple[int, int, str]] = []

    def foreign_at(self) -> dict[int, int]:
        """Start -> end of the countries and foreign places the places component found."""
        if self.foreign is None:
            self.foreign = {m.start: m.end for p in self.st.places if p.kind in ("negara", "other") for m in p.mentions}
        return self.foreign

    def region_map(self) -> _Regions:
        if self.regions is None:
            self.regions = _region_spans(self.doc, self.st)
        return self.regions

    # -- finding -------------------------------------------------------------------
    def run(self) -> list[Organization]:
        text = self.text
        tb = self.tb
        # Parenthesised acronyms and English head-final names come from their own
        # cheap scans and are handled in text order between the head matches.
        side: list[tuple[int, int, str]] = [
            (m.start(), m.end(), "(" if m.group("acr") else "l" if m.group("low") else "f")
            for m in tb.paren.finditer(text)
        ]
        if tb.tail_gate.search(text) is not None:  # any tail head at all (`Pakistan Halal Authority`)
            side.extend((m.start(), m.end(), "t") for m in tb.tail.finditer(text))
            side.sort()
        if any(w in text for w in _LOWER_GATE):  # `pemerintah RI`: the country's government, in lower case
            side.extend((m.start(), m.end(), "g") for m in tb.lower_forms.finditer(text)
                        if not m.start() or not (text[m.start() - 1].isalnum() or text[m.start() - 1] in "-_"))
            side.sort()
        si = 0
        search = tb.matcher.search
        pos = 0
        n = len(text)
        nside = len(side)
        allows = self.zones.allows
        while True:
            m = search(text, pos)
            hs = m.start() if m is not None else n
            while si < nside and side[si][0] < hs:
                ss, se, what = side[si]
                si += 1
                if ss < pos or not allows(ss):
                    continue
                if what == "(":
                    self.on_paren(ss, se, text[ss + 1:se - 1])
                    if self.cands and self.cands[-1].start < ss:
                        # `Dewan Pimpinan Pusat (DPP) Partai Golkar`: the name went on after the bracket
                        se = max(se, self.cands[-1].end)
                elif what == "l":
                    self.on_lower_paren(ss, se)
                elif what == "g":
                    self.on_head(ss, se, text[ss:se], se)
                elif what == "f":
                    if not self.on_full_paren(ss, se):
                        continue  # not a name: the head scan reads inside the bracket
                else:
                    self.on_tail(ss, se)
                pos = max(pos, se)
            if m is None:
                break
            if hs < pos:
                continue  # inside a bracket just read; search on from its end
            pos = m.end()
            if not allows(hs):
                continue
            head = m.group("head")
            if not self._boundary_before(hs, head):
                pos = hs + 1
                continue
            # the walk may end the name early; scan again from there (`Dinas A dan Dinas B`)
            he = m.end("head")
            pos = max(self.on_head(hs, he, head, pos), he)
        return self.merge()

    def _boundary_before(self, start: int, head: str) -> bool:
        """Does a name start here rather than inside a word (`TNI-Polri` does, `xBI` not)?"""
        if start == 0:
            return True
        ch = self.text[start - 1]
        if ch.isalnum() or ch in "._@/":
            # `dilansirAntara`: detik glues the agency credit to the verb
            return head in _CITED and self.text[max(0, start - 8):start].lower().endswith(("lansir", "kutip", "dari"))
        if ch == "-":
            return start < 2 or not self.text[start - 2].islower()
        return True

    def add(self, start: int, end: int, text: str, entry: Entry, code: str | None = None) -> _Cand:
        c = _Cand(start, end, text, entry, code)
        c.forms.append((start, end, text))
        self.cands.append(c)
        return c

    def on_head(self, hstart: int, hend: int, head: str, cend: int) -> int:
        tb = self.tb
        entry = tb.entries[head]
        lo = max(0, hstart - 40)
        if _STREET_GATE.search(self.text, lo, hstart) and _STREET_BEFORE.search(self.text[lo:hstart]):
            return hend  # `Jalan Poj Perum Asabri`: a street named after a body, not the body
        if entry.cls == "prefix":
            # `Kantor BPJS ...`: the institution is the name after the building word.
            if hend < len(self.text) and self.text[hend] == " " and tb.head_at.match(self.text, hend + 1):
                self.prefix_at = hend + 1
            return hend
        if head in _CITED:
            # `dikutip dari Antara`: the agency only when cited, `Antara` is also `between`
            before = self.text[max(0, hstart - 9):hstart].lower().rstrip()
            if before.endswith(("lansir", "kutip", "dari", "sumber:", "sumber", "kepada")):
                self.add(hstart, hend, head, Entry(head, "company", "open", None, True, entry.expansion))
            return hend
        if hend < len(self.text) and self.text[hend] == "-" and not self.tb.head_at.match(self.text, hend + 1):
            return hend  # `BI-Rate`, `KPK-nya`: a compound word, not the institution
        if head.isupper() and entry.expansion is not None and head != entry.expansion and self._doc_before(hstart):
            return hend  # `penandatanganan PKS`: the agreement, not the party
        if head.isupper() and (
            _AGE_AFTER.match(self.text, hend) or _INITIALS_BEFORE.search(self.text[max(0, hstart - 40):hstart])
        ):
            return hend  # `berinisial MK (45)`, `inisial AB, MK, dan PKS`: a person's initials
        if head in _COUNTED_HEADS and hstart >= 2 and self.text[hstart - 1] == " " and self.text[hstart - 2].isdigit():
            return hend  # `73 SPPG Polda Jateng`: a count of units; `Polda Jateng` is read next
        if head in _TEAM_HEADS:
            nxt = self.tb.head_at.match(self.text, hend + 1) if self.text[hend:hend + 1] == " " else None
            if nxt is not None and self.tb.entries[nxt.group("head")].kind != "none":
                return hend  # `Tim Dinkes`, `Tim Polrestabes Bandung`: a team of the body; the body is named
        if entry.scope == "brand" and (nw := _NEXT_NAME_WORD.match(self.text, hend)) is not None:
            w = self.text[nw.end() - 2:].split(" ", 1)[0].rstrip(".,;:)")
            if w not in _NATIONAL and w not in tb.words and w not in tb.markers_en and w not in tb.stop:
                return hend  # `Toyota Crown`, `Google News`: a product of the company, not the company
        self.truncated = False
        self.in_legislature = False
        text = self.text
        lower_end = self._lower_office_end(head, hend, cend)
        if lower_end > 0:
            # `Dinas perindustrian Lampung`: the office words typed in lower case, a region closing the name
            cm = tb.cont_at.match(text, lower_end)
            end, region, inner = self._walk(entry, head, hstart, hend, cm.end() if cm else lower_end, True)
            if region is None or end <= lower_end:
                end, region, inner = self._walk(entry, head, hstart, hend, cend)
        else:
            end, region, inner = self._walk(entry, head, hstart, hend, cend)
        if region is None and end == hend and entry.kind in _NESTED_KINDS and entry.scope == "regional" \
                and (pm := _PLACE_RUN.match(text, hend)) is not None and pm.end() <= cend \
                and not any(w in tb.stop or w in tb.given_names or w in tb.entries or w in tb.words
                            or w in _TAIL_LEAD for w in pm.group().split()):
            # `oleh Kejari Tanjung Perak)`: an office of a town the gazetteer does not list (a port, a
            # district's old name); the capitalised words up to the punctuation are its name, with no code
            end = pm.end()
        if region is None and entry.cls == "gov" and " " in head:
            short, last = head.rsplit(" ", 1)
            if short in tb.entries and self._resolves(last) is not None:
                # `Polres Metro` with no region after it is the police of Kota Metro, not of the next region
                return self.on_head(hstart, hstart + len(short), short, cend)
        if entry.cls == "closed" and end < len(text) and text[end] == "," and region is None \
                and " " in text[hstart:end]:
            le = self._comma_list_end(end)
            if le is not None:
                # `Badan Meteorologi, Klimatologi, dan Geofisika`: the name lists its fields
                cm = tb.cont_at.match(text, le)
                end2, region, inner2 = self._walk(entry, head, hstart, le, cm.end() if cm else le)
                end = max(end2, le)
                inner += inner2
        for alias in self.short_names.get(head, ()):
            if end < hstart + len(alias) <= cend and self.text.startswith(alias, hstart):
                end = hstart + len(alias)  # `PGN Saka`, defined earlier as a short name
        if self.in_legislature and entry.kind == "agency":
            entry = dataclasses.replace(entry, kind="legislature")
        c = self.add(hstart, end, text[hstart:end], entry)
        c.truncated = self.truncated
        c.head_end = hend
        slash = text.rfind("/", hstart, end)
        if entry.kind == "ministry" and slash > hend and " " not in text[slash:end]:
            # `Kementerian PPN/Bappenas`: the ministry is also written without its second name
            c.forms.append((hstart, slash, text[hstart:slash]))
            self.links.append((text[hstart:slash], c))
        c.bare = end == hend
        if region is not None:
            # a proper name that contains a place (`Universitas Brawijaya Malang`) is no regional body
            c.code = region[2] if entry.cls != "open" else None
            c.region_text = text[max(region[0], hend):min(region[1], end)].strip()
        if self.prefix_at == hstart and hstart >= 7:
            c.forms.append((hstart - 7, end, text[hstart - 7:end]))
            self.office_forms.add(text[hstart - 7:end])
        for s, w in inner:
            ent = tb.entries[w]
            if ent.kind in _NESTED_KINDS:
                if region is not None and region[0] >= s and (hm := tb.head_at.match(text, s)) is not None:
                    # the police or prosecutor's office that closes a unit's name (`Satlantas Polres Serang`),
                    # read as a name of its own; without its region (`Departemen Kepolisian New York`) none
                    self.on_head(s, s + len(hm.group("head")), hm.group("head"), end)
                continue
            if ent.kind == "party":
                ps = s - 7 if text[max(0, s - 7):s] == "Partai " else s
                ic = self.add(ps, s + len(w), text[ps:s + len(w)], ent)
                ic.head_end = ic.end
                continue
            ic = self.add(s, end, text[s:end], ent)
            ic.head_end = s + len(w)
            if region is not None and region[0] >= s:
                ic.code = c.code
                ic.region_text = c.region_text
        return end

    def _lower_office_end(self, head: str, hend: int, cend: int) -> int:
        """End of the lower-case office words after a strong head (`Dinas perindustrian`), else -1."""
        tb = self.tb
        if cend != hend or head not in tb.lower_heads:
            return -1
        m = _LOWER_RUN.match(self.text, hend)
        if m is None:
            return -1
        for w in m.group("low").split():
            cap = w.capitalize()
            if cap not in tb.words or cap in tb.stop:
                return -1
        return m.end("low")

    def _walk(
        self, entry: Entry, head: str, hstart: int, hend: int, cend: int, lower: bool = False
    ) -> tuple[int, tuple[int, int, str] | None, list[tuple[int, str]]]:
        """Where the name opened by `head` ends, the region in it, and names nested in it."""
        tb = self.tb
        text = self.text
        toks = [(t.start(), t.end(), t.group()) for t in _TOKEN.finditer(text, hend, cend)]
        cls = entry.cls
        # a short form (`BPJS Kesehatan`, `Kejari`) goes on only with a region or `RI`
        acr = entry.expansion is not None and cls == "closed" and head not in _HEADS_AS_WORDS \
            and head != entry.expansion
        end = hend
        unknown = 0
        accepted = 0
        known = entry.expansion is not None and not entry.head
        title = cls == "open" and (known or self._title_before(hstart))
        if known:
            accepted = 1  # a known name is complete; what follows is rarely part of it
        region: tuple[int, int, str] | None = None
        joined = False
        last = head.rsplit(" ", 1)[-1]
        regions = self.region_map() if toks else None
        inner: list[tuple[int, str]] = []
        open_region: tuple[int, int, str] | None = None
        foreign = self.foreign_at() if toks else {}
        through = -1  # last token of a firm's name vouched for by a firm word
        for i, (s, e, w) in enumerate(toks):
            if w in _CONNECTORS:
                if end == hend and cls == "open":
                    break  # `Bank dan ...`: a bare head word, not a name
                joined = True
                continue
            if joined and entry.kind == "ministry" and text[s - 1] == "/" \
                    and (ent := tb.entries.get(w)) is not None and not ent.head and ent.kind in ("ministry", "agency"):
                end = e  # `Kementerian PPN/Bappenas`: one body under both of its names
                joined = False
                continue
            if joined and (w in tb.entries or tb.head_at.match(text, s)):
                break  # `Dinas A dan Dinas B`: a second name starts
            if joined and cls == "open" and w not in tb.words and text[s - 1] != "/":
                break  # `Universitas Indonesia dan SIL UI`: only office words join a proper name
            if w == "Republik" and cls != "open" and (i + 1 == len(toks) or toks[i + 1][2] != "Indonesia"):
                break  # `PBB Republik Afrika Tengah`: the republic is a country, not part of the body
            prev_word, last = last, w
            if foreign and w not in _NATIONAL and s in foreign and (
                text[hstart:end] in tb.foreign_heads or (entry.expansion or "") in tb.foreign_heads
            ):
                end = foreign[s]  # `Kedutaan Besar Jepang`, `KBRI Canberra`: the country completes it
                break
            if w[0].isdigit():
                if prev_word not in _NUMBERED:
                    break  # `Kementerian Ketenagakerjaan 54`: a list number or a count, not the name
                end = e
                continue
            joined = False
            if region is not None:
                if s < region[1]:
                    end = min(e, region[1])
                    continue
                if w in _AFTER_REGION:
                    end = e
                    continue
                break
            r = regions.at(s) if regions is not None else None
            if r is None and cls != "open" and w[0].isupper() and w not in tb.words and w not in tb.entries:
                r = self._region_run(toks, i, head in _KECAMATAN_HEADS)  # a region the places component did not mark
            if r is not None and cls != "open":
                region = r
                end = min(e, r[1])
                continue
            if r is not None:
                open_region = r
            if w in _LEVEL_WORDS:
                continue
            if "a" <= w[-1] <= "z" and _GLUED.search(w):
                # `DPC PDIP BadungKetua`: words glued by the page; keep the first part.
                w0 = _GLUED.split(w, maxsplit=1)[0]
                code = self._resolves(w0) if cls != "open" else None
                if code is not None:
                    region = (s, s + len(w0), code)
                    end = s + len(w0)
                break
            ent = tb.entries.get(w)
            if cls == "gov":
                if w in _NATIONAL:
                    end = e
                    continue
                break
            if cls == "unit":
                if w == "Partai" or (ent is not None and ent.kind in ("party", "legislature")) or w in _NATIONAL:
                    if ent is not None and w != "Partai" and (ent.kind == "legislature" or head == "Fraksi"):
                        inner.append((s, w))
                    end = e
                    accepted += 1
                    continue
                break
            if acr:
                if w in _AFTER_REGION:
                    continue  # kept only when a region follows (`Cabang Tegal`)
                if w in _NATIONAL or (entry.scope == "generic" and w in tb.words):
                    end = e
                    continue
                break
            if cls == "open":
                if w in tb.stop:
                    break
                if ent is not None and ent.kind == "party":
                    end = e
                    accepted += 1
                    title = True
                    continue
                if w in tb.words or _ACRONYM.fullmatch(w) or w == "(Persero)" or r is not None \
                        or (_ROMAN.fullmatch(w) and (len(w) > 1 or w in "IVX")):
                    end = e
                    accepted += 1
                    continue
                if w[0].isdigit() or (len(w) == 1 and w not in "IVX"):
                    break  # `UIN Syarif Hidayatullah M Ihdan`: an initial opens a person's name
                if i <= through or (entry.kind == "company" and accepted + unknown and through < 0
                                    and (title or w in tb.given_names)
                                    and (through := self._firm_run_end(toks, i)) >= i):
                    # `Direktur PT Sinar Cetra Abadi untuk`: the run reaches a firm word, so it is the firm's
                    unknown += 1
                    end = e
                    continue
                if unknown >= 5 or (accepted + unknown and w in tb.given_names):
                    break  # `Universitas Muhammadiyah Tangerang Ahmad ...`: a person follows
                if title and accepted + unknown > 0 and not self._region_later(toks, s) \
                        and not (known and self._org_word_later(toks, i)) \
                        and not (not known and self._person_after_comma(toks, i)) \
                        and not any(x[2] in ("(Persero)", "Tbk") for x in toks[i + 1:i + 4]):
                    self.truncated = True  # a person's name probably follows; an earlier fuller form may exist
                    break
                unknown += 1
                end = e
                continue
            # closed: office vocabulary, acronyms, numerals
            if lower and region is None and w.islower() and w.capitalize() in tb.words:
                end = e
                continue
            if w in _SECOND_BODY and (end > hend or " " in head) and i + 1 < len(toks) and toks[i + 1][2] in _NATIONAL:
                break  # `Badan Narkotika Nasional Pemerintah Republik Indonesia`: two bodies without `dan`
            if ent is not None and ent.kind in _NESTED_KINDS and entry.kind != "none":
                inner.append((s, w))  # `Satlantas Polres Serang`: the police of Serang is named too
            if w in tb.words or w in _NATIONAL or w in tb.expansions or _ACRONYM.fullmatch(w) or _ROMAN.fullmatch(w):
                if ent is not None and ent.kind == "legislature":
                    self.in_legislature = True  # `Komisi XI DPR RI`, `Badan Anggaran DPR`: a body of the house
                end = e
                continue
            break
        if region is None and open_region is not None and open_region[1] <= end:
            region = open_region  # names the region (`Universitas Brawijaya Malang`), no code
        return end, region, inner

    def _comma_list_end(self, pos: int) -> int | None:
        """End of `, A, B, dan C` after a name when every item is office vocabulary, else None.

        An item that opens another name (`, Dinas Kesehatan`) or holds any other
        word ends the test: then the comma separates institutions, not fields.
        """
        text = self.text
        words = self.tb.words
        p = pos
        for k in range(8):
            m = _LIST_ITEM.match(text, p)
            if m is None or self.tb.head_at.match(text, m.start("ws")):
                return None
            if k == 0 and (m.group("conj") is not None or m.group("conj2") is not None):
                return None  # `Badan X, serta Arsip Nasional`: a list of bodies, not of fields
            toks = m.group("ws").split()
            n = 0
            while n < len(toks) and (toks[n] in words or (toks[n].isupper() and toks[n] in self.tb.expansions)):
                n += 1  # `Kemenko Hukum, HAM, Imigrasi, dan Pemasyarakatan`: a field may be an acronym
            if n == 0:
                return None
            end = m.start("ws") + len(" ".join(toks[:n]))
            if m.group("conj") is not None or m.group("conj2") is not None:
                return end
            if n < len(toks):
                return None
            p = end
        return None

    def _programme_before(self, start: int) -> bool:
        """Is the word before `start` one that makes the name a programme (`program`, `dinamai`)?"""
        before = self.text[max(0, start - 40):start]
        words = before.rstrip(" \t(").split()
        if before.rstrip(" \t").endswith("(") and len(words) > 1:
            words.pop()  # `program Gotasmil (Gerakan ...)`: the word before the short name decides
        return bool(words) and words[-1] in self.tb.programme_before

    def _doc_before(self, start: int) -> bool:
        seg = self.text[max(0, start - 30):start].split()
        if len(seg) > 1 and seg[-1] in ("dan", "atau", "serta"):
            seg.pop()
        return bool(seg) and seg[-1] in self.tb.docwords

    def _org_word_later(self, toks: list[tuple[int, int, str]], i: int) -> bool:
        """After a known name, do office or English head words go on (`PT PLN Indonesia Power ... Unit`)?"""
        tb = self.tb
        return any(w in tb.markers_en or (w in tb.words and w not in tb.stop) for _s, _e, w in toks[i + 1:i + 5])

    def _firm_run_end(self, toks: list[tuple[int, int, str]], i: int) -> int:
        """The last firm word of the capitalised run from token `i` (-1 if none), read before a person's name.

        A given name that is no firm word (`Ari` in `PT Dhirga Surya Ari Wibowo`) opens the person.
        """
        tb = self.tb
        best = -1
        prev_end = toks[i - 1][1] if i else toks[i][0] - 1
        for k in range(i, min(len(toks), i + 6)):
            s, e, w = toks[k]
            if self.text[prev_end:s] != " " or not w[:1].isupper() or w in tb.stop:
                break
            if w in tb.firm_words or tb.firm_suffix.search(w, max(0, len(w) - 12)):
                best = k
            elif w in tb.given_names:
                break
            prev_end = e
        return best

    def _person_after_comma(self, toks: list[tuple[int, int, str]], i: int) -> bool:
        """Is a person set off by commas after the run from token `i` (`Serikat Pekerja Taru Martani, Suharyanto,`)?

        Then the capitalised run up to the comma is the rest of the body's name,
        not the official's name (at most three words, none of them a given name).
        A run followed by `, Rabu,` or `, Menteri X` is the person's own name.
        """
        if len(toks) - i > 3:
            return False
        tb = self.tb
        prev_end = toks[i - 1][1] if i else toks[i][0] - 1
        for s, e, w in toks[i:]:
            if self.text[prev_end:s] != " " or not w[:1].isupper() or w in tb.given_names or w in tb.stop:
                return False
            prev_end = e
        m = _COMMA_NAME.match(self.text, prev_end)
        return m is not None and not any(w in tb.stop for w in m.group(1).split())

    def _region_later(self, toks: list[tuple[int, int, str]], pos: int) -> bool:
        """Does a region close the run (`Rektor Institut X Darmajaya Bandar Lampung, ...`)?"""
        regions = self.region_map()
        return any(s > pos and regions.at(s) is not None for s, _e, _w in toks[-3:])

    def _region_run(
        self, toks: list[tuple[int, int, str]], i: int, kecamatan: bool = False
    ) -> tuple[int, int, str] | None:
        for n in (3, 2, 1):
            if i + n <= len(toks):
                run = toks[i:i + n]
                if any(not w[0].isupper() for _s, _e, w in run):
                    continue
                code = self._resolves(self.text[run[0][0]:run[-1][1]], kecamatan)
                if code is not None and code.count(".") == 2 and i + n < len(toks) \
                        and toks[i + n][2][:1].isupper() and toks[i + n][2] not in _AFTER_REGION:
                    continue  # `Kejari Tanjung Perak`: the kecamatan is only the start of another name
                if code is not None:
                    return (run[0][0], run[-1][1], code)
        return None

    def _resolves(self, name: str, kecamatan: bool = False) -> str | None:
        """The code of a kabupaten, kota or province written `name`; a kecamatan too when `kecamatan`.

        Only the bodies of a kecamatan (`Polsek Patikraja`) take a bare kecamatan
        name: after any other head such a name is too often a word or a person.
        """
        try:
            from .gazetteer import get_gazetteer

            g = get_gazetteer()
            r = g.resolve(name)
            if kecamatan and r is None:
                r = g.resolve(name, "kecamatan")
        except Exception:  # noqa: BLE001
            return None
        return r.code if r is not None and (kecamatan or r.level != "kecamatan") else None

    def _title_before(self, start: int) -> bool:
        """Is the name preceded by a title (`Direktur PT X Budi`), so a person follows it?"""
        seg = self.text[max(0, start - 40):start].split()
        if seg and seg[-1][:1] == "(" and seg[-1][-1:] == ")":
            seg.pop()  # `General Manajer (GM) PT ...`
        if not seg:
            return False
        if seg[-1] in _TITLE_TAIL and len(seg) > 1:
            return seg[-2] in self.tb.stop
        return seg[-1] in self.tb.stop

    def on_paren(self, start: int, end: int, acr: str) -> None:
        tb = self.tb
        entry = tb.entries.get(acr)
        prev = self.cands[-1] if self.cands else None
        if prev is not None and entry is None and 0 <= start - prev.end <= 1 \
                and (r := self.region_map().at(prev.end - 1)) is not None and r[1] == prev.end \
                and self._resolves(acr) == r[2]:
            return  # `Bank Indonesia Kalimantan Timur (Kaltim)`: the bracket abbreviates the region, not the body
        if prev is not None and 0 <= start - prev.end <= 1 and self.text[prev.end:start].strip() == "":
            initials = {w[0].upper() for w in prev.text.split() if w[:1].isupper()}
            same_kind = entry is not None and entry.kind == prev.entry.kind
            if (entry is None or entry.kind != "none") and (acr[0].upper() in initials or same_kind):
                exp = entry.expansion if entry is not None else None
                at = prev.text.rfind(" " + exp) if exp and len(prev.text) > len(exp) else -1
                if exp and at > 0 and all(w in _NATIONAL for w in prev.text[at + 1 + len(exp):].split()):
                    # `Kantor Wilayah Badan Pertanahan Nasional (BPN) ...`, `Komisi XII Dewan Perwakilan
                    # Rakyat Republik Indonesia (DPR RI)`: the acronym names the inner body
                    istart = prev.start + at + 1
                    inner = self.add(istart, prev.end, self.text[istart:prev.end], entry)  # type: ignore[arg-type]
                    inner.head_end = prev.end
                    inner.forms.append((start + 1, end - 1, acr))
                    self.links.append((acr, inner))
                    self.cands.remove(inner)
                    self.cands.insert(len(self.cands) - 1, inner)
                    if prev.code is None:
                        self._region_after(prev, end, "")
                    return
                prev.forms.append((start + 1, end - 1, acr))
                self.links.append((acr, prev))
                # `Pemerintah Provinsi (Pemprov) Jawa Tengah`: the name goes on after the acronym.
                if prev.code is None:
                    self._region_after(prev, end, acr)
                return
            # `Kawasan Inti Pusat Pemerintahan (KIPP)`: the candidate was part of another name.
            self.cands.pop()
        elif prev is not None and entry is None and self._extends_to(prev, start, acr):
            return
        if entry is not None and entry.kind == "none":
            self.not_orgs.add(acr)
            return
        full = self._spelled_out(start, acr)
        if full is not None:
            fs, fe = full
            while self.cands and fs <= self.cands[-1].start and self.cands[-1].end < fe:
                self.cands.pop()  # `Satuan Pelayanan` was cut short by a word the vocabulary lacks
            c = self.add(fs, fe, self.text[fs:fe], entry or Entry(acr, "other", "closed", None, True))
            c.head_end = fe
            c.forms.append((start + 1, end - 1, acr))
            self.links.append((acr, c))
            return
        if entry is not None and entry.scope != "amb" and not self._spells(start, acr):
            c = self.add(start + 1, end - 1, acr, entry)
            c.head_end = end - 1
            c.bare = True
            return
        self.not_orgs.add(acr)

    def _extends_to(self, prev: _Cand, paren: int, acr: str) -> bool:
        """`Pertamina Hulu Energi (PHE)`: a known name cut short goes on to the bracketed acronym it spells.

        A known name is taken as complete where it is written (`Pertamina`), so a
        subsidiary named after it is cut; the acronym after it says how far it reaches.
        """
        gap = self.text[prev.end:paren]
        known = prev.entry.expansion is not None and not prev.entry.head and prev.entry.kind in ("company", "bank")
        if not 0 < len(gap) <= 60 or "\n" in gap or not (prev.entry.cls == "open" or known) or not acr.isupper():
            return False
        words = [w for w in (prev.text + gap).split() if w not in _CONNECTORS and w.lower() not in _KEY_DROP]
        if not words or words[-1] in self.tb.stop:
            return False  # `Pertamina Youth Program (PYP)`: a programme named after the company
        if not words or any(not w[:1].isupper() for w in words) or "".join(w[0] for w in words) != acr:
            return False
        if self._resolves(acr) is not None:
            return False
        prev.end = paren - len(gap) + len(gap.rstrip())
        prev.text = self.text[prev.start:prev.end]
        prev.forms[0] = (prev.start, prev.end, prev.text)
        prev.forms.append((paren + 1, paren + 1 + len(acr), acr))
        prev.head_end = prev.end
        prev.bare = False
        prev.entry = Entry(prev.text, prev.entry.kind, "open", None, True)  # its own body, not the parent's
        self.links.append((acr, prev))
        return True

    def on_full_paren(self, start: int, end: int) -> bool:
        """`ATRC (Advanced Technology Research Council)`, `PT Bank ... (Bank Kalteng)`: a bracketed name.

        Returns whether the bracket was read as a name; otherwise the head scan reads inside it.
        """
        full = self.text[start + 1:end - 1]
        known = self.tb.entries.get(full)
        if known is not None and known.expansion is not None and not known.head:
            self.on_paren(start, end, full)  # `(DPR RI)`: a known short form with a space in it
            return True
        words = [w for w in full.split() if w not in ("dan", "and", "of", "for", "the", "&")]
        prev = self.cands[-1] if self.cands else None
        if prev is not None and 0 <= start - prev.end <= 1 and len(words) <= 6 \
                and all(w[:1].isupper() or w[:1].isdigit() for w in words) \
                and (words[0][0] == prev.text[0] or any(w.isupper() for w in words)
                     or any(w in self.tb.markers_en or w in self.tb.markers for w in words)
                     or not set(words).isdisjoint(prev.text.split())):
            # a short name opens as the full one does, holds an acronym, a head word or one of its words
            # (`Kanwil DJP`, `UN Tourism`, `Ministry of Education`, `Bank Kalteng`); `Polda X (Tahap Pembangunan)`
            # is a status, not a name
            r = self.region_map().at(start + 1)
            if r is None or r[1] < end - 1:
                # `PT Bank Pembangunan Daerah Kalimantan Tengah (Bank Kalteng)`: the short name used later
                prev.forms.append((start + 1, end - 1, full))
                self.links.append((full, prev))
                self.short_names.setdefault(full.split(" ", 1)[0], []).append(full)
                return True
        seg = self.text[max(0, start - 14):start].split()
        if not seg or not words:
            return False
        acr = seg[-1]
        if not (acr.isupper() and 1 < len(acr) <= len(words) + 1) or words[0][0] != acr[0]:
            return False
        if words[0] not in self.tb.markers and words[-1] not in self.tb.markers_en and acr not in self.tb.entries:
            return False
        astart = start - 1 - len(acr)
        if prev is not None and prev.start == astart:
            prev.forms.append((start + 1, end - 1, full))
            return True
        c = self.add(start + 1, end - 1, full, self.tb.entries.get(acr) or Entry(acr, "other", "closed", None, True))
        c.head_end = end - 1
        c.forms.append((astart, start - 1, acr))
        self.links.append((acr, c))
        return True

    def on_lower_paren(self, start: int, end: int) -> None:
        """`PKS (perjanjian kerja sama)`: the acronym before names a thing, not an institution."""
        seg = self.text[max(0, start - 14):start].split()
        if not seg:
            return
        acr = seg[-1]
        initials = "".join(w[0] for w in self.text[start + 1:end - 1].split()).upper()
        if acr.isupper() and initials == acr:
            self.not_orgs.add(acr)

    def _spells(self, paren: int, acr: str) -> bool:
        """Do the words before `(ACR)` spell it, in any case (`perjanjian kerja sama (PKS)`)?"""
        words = self.text[max(0, paren - 80):paren].split()
        words = [w for w in words if w.lower() not in ("dan", "of", "and", "the", "for")]
        n = len(acr)
        return len(words) >= n and "".join(w[0] for w in words[-n:]).upper() == acr.upper()

    def _region_after(self, c: _Cand, pos: int, acr: str) -> None:
        """`Pemerintah Provinsi (Pemprov) Jawa Tengah`: the name goes on after the acronym."""
        m = self.tb.cont_at.match(self.text, pos)
        if m is None or m.end() == pos:
            return
        hend = pos
        end, region, _inner = self._walk(c.entry, c.text[: max(0, c.head_end - c.start)], c.start, hend, m.end())
        if end == hend:
            return
        rest = self.text[hend:end].strip()
        if region is None and not c.entry.head and c.entry.expansion == c.text \
                and c.entry.kind not in ("company", "bank") and not all(w in _NATIONAL for w in rest.split()) \
                and _NEXT_NAME_WORD.match(self.text, end) is not None:
            # `Center of Economic and Law Studies (CELIOS) Media Wahyu Askar`: a known full name is complete
            # when a name follows (`(BPJS) Kesehatan`, `(DPD) RI` still go on; so does a company's subsidiary)
            return
        if region is None and c.entry.cls == "open" and (
            rest.split(" ", 1)[0] in self.tb.given_names or (acr == "Persero" and not rest.startswith("Tbk"))
        ):
            # `Universitas X (UX) Aulia Rahma`, `PT Angkasa Jaya (Persero) Rudi Hartono`: a person follows
            return
        if region is None and acr and acr != "Persero" and c.entry.kind == "company" and not any(
            w in self.tb.words or w in self.tb.firm_words or w in _NATIONAL or _ACRONYM.fullmatch(w)
            for w in rest.split()
        ):
            # `Bendahara PT Sinar Natolu Group (SNG) Maryam bersaksi`: after a firm's own acronym only
            # firm or office words go on with its name; any other capitalised word opens a person's
            return
        if (
            region is None
            and all(_ACRONYM.fullmatch(w) and w not in self.tb.words and w not in _NATIONAL for w in rest.split())
            and _NEXT_NAME_WORD.match(self.text, end) is not None
        ) or (
            (hm := self.tb.head_at.match(rest)) is not None
            and c.entry.cls not in ("gov", "unit")
            and (self.tb.entries[hm.group("head")].kind in ("ministry", "government")
                 or self.tb.entries[hm.group("head")].cls == "open")
        ):
            # `(Kemensetneg) BLT Kesra`: an acronym opening another name follows (`(PKN) STAN`,
            # `(Satgas) MBG untuk` stay); `(DJPK) Kementerian Keuangan`, `(DKPKP) Pemprov DKI`:
            # the parent body, an organization of its own
            return
        c.text = c.text + " " + rest
        c.forms[0] = (c.start, end, c.text)
        if acr:
            c.forms.append((pos - len(acr) - 1, end, acr + " " + rest))
        c.end = end
        c.bare = False
        if region is not None:
            c.code = region[2]
            c.region_text = self.text[max(region[0], hend):min(region[1], end)].strip()

    def _spelled_out(self, paren: int, acr: str) -> tuple[int, int] | None:
        """Find `Full Name` before `(ACR)`: capitalised words whose initials start the acronym."""
        left = self.text[max(0, paren - 160):paren]
        base = paren - len(left)
        words = list(re.finditer(r"[\w'’-]+", left))
        if not words or words[-1].end() + base < paren - 1:
            return None
        first = acr[0].upper()
        caps = 0
        for w in reversed(words):
            t = w.group()
            if t in _CONNECTORS or (t.islower() and t in ("dan", "for", "of", "and", "the", "serta")):
                continue
            if not t[0].isupper():
                return None
            caps += 1
            if caps > len(acr) + 2:
                return None
            if t[0] == first and caps >= 2:
                span_words = left[w.start():].split()
                # the head noun opens an Indonesian name and closes an English one
                # (`Indonesian Society of Steel Construction`: the head closes the part before `of`)
                if span_words[0] not in self.tb.markers and span_words[-1] not in self.tb.markers_en and not any(
                    a in self.tb.markers_en and b in ("of", "for") for a, b in itertools.pairwise(span_words)
                ):
                    return None
                return base + w.start(), paren - 1 if self.text[paren - 1] == " " else paren
        return None

    def on_tail(self, hstart: int, hend: int) -> None:
        """`EDGE Group`, `Advanced Technology Research Council`: up to three capitalised words before."""
        left = self.text[max(0, hstart - 60):hstart]
        words = left.split(" ")
        if len(words) < 2 or words[-1] != "":
            return
        names: list[str] = []
        for w in reversed(words[:-1]):
            if not w or not w[0].isupper() or w in self.tb.stop or w in _TAIL_LEAD or not w.replace("-", "").isalnum() \
                    or _GLUED_TAIL.search(w):
                break  # `BiologiIPB University`: two words glued by the page are not one name word
            names.append(w)
            if len(names) == 4 or (w.isupper() and len(w) > 1):
                break  # `Dewan Direksi EDGE Group`: a brand in capitals opens the name
        if not names:
            return
        if hstart >= 4 and names[-1] != "The" and self.text[hstart - sum(len(w) + 1 for w in names) - 4:][:4] == "The ":
            names.append("The")
        start = hstart - sum(len(w) + 1 for w in names)
        c = self.add(start, hend, self.text[start:hend], Entry(self.text[hstart:hend], "company", "open", None, True))
        c.head_end = hend

    # -- merging -------------------------------------------------------------------
    def key_of(self, c: _Cand) -> str:
        """The article-level identity of a name: expanded words, no level word, no region."""
        head_len = c.head_end - c.start if c.head_end > c.start else len(c.text)
        text = c.text
        if c.entry.kind == "company" and not c.entry.head and c.entry.expansion and text.endswith(" Indonesia") \
                and len(text) - 10 >= head_len:
            text = text[:-10]  # `Danone Indonesia` and `Danone` in one article: one company
        return _key(text, head_len, c.region_text or "", c.entry.expansion or "", c.code is None)

    def _mentions(self, forms: list[tuple[int, int, str]]) -> tuple[Mention, ...]:
        """Mentions quote the page: a mention's text is exactly the raw text at its offsets.

        A form spelled out across a bracket (`Kejari Garut` from `Kejaksaan
        Negeri (Kejari) Garut`) lives on as the name or an alias; its stretch
        is kept as a mention only when no other mention of the body already
        covers it, so no mention reads like `Kejari) Garut`.
        """
        out: dict[tuple[int, int], Mention] = {}
        for s, e, t in forms:
            raw = self.text[s:e]
            if raw != t and any(s2 <= s and e <= e2 and (s2, e2) != (s, e) for s2, e2, _t in forms):
                continue
            out.setdefault((s, e), Mention(s, e, raw))
        return tuple(out.values())

    def merge(self) -> list[Organization]:
        outlet = _fold(self.st.outlet or "")
        outlet_base = outlet.split(" ")[0] if outlet else ""
        self._share_regions()
        keep: list[_Cand] = []
        linked = {a for a, _ in self.links}
        for c in self.cands:
            if c.bare and not c.entry.alone and c.code is None:
                continue
            if c.entry.scope == "amb" and c.bare and c.text not in linked and c.entry.kind != "party":
                continue
            if c.text in self.not_orgs or c.entry.kind == "none":
                continue
            if (c.entry.kind == "other" or c.entry.expansion is None) \
                    and any(self._programme_before(s) for s, _e, _t in c.forms):
                continue  # `program Sekolah Rakyat (SR)`: a programme named like an institution
            if self._category_only(c):
                continue  # `BUMD Riau`: the region's firms, no one body
            if c.entry.kind == "party":
                head = c.text[: max(0, c.head_end - c.start)]
                if head in _UNIT_HEADS:
                    if c.code is None:
                        continue
                else:
                    c.code = None
            f = _fold(c.text)
            if outlet and f in (outlet, outlet_base):
                continue
            if c.entry.kind not in _CODED_KINDS:
                c.code = None
            elif c.code is not None and c.entry.level and c.region_text:
                c.code = _relevel(c.region_text, c.entry.level, c.code)
            c.key = self.key_of(c)
            if c.key:
                keep.append(c)
        # ambiguous party acronyms count only beside another party
        parties = any(c.entry.kind == "party" and c.entry.scope != "amb" for c in keep)
        keep = [c for c in keep if not (c.entry.scope == "amb" and c.bare and c.entry.kind == "party" and not parties
                                          and c.text not in linked)]
        groups: dict[tuple[str, str | None], list[_Cand]] = {}
        alias_of: dict[str, tuple[str, str | None]] = {}
        for c in keep:
            groups.setdefault((c.key, c.code), []).append(c)
        # `Full Name (ACR)`: later bare mentions of ACR join the full form's group.
        for acr, c in self.links:
            if c.key:
                alias_of[_fold(acr)] = (c.key, c.code)
        target: dict[tuple[str, str | None], tuple[str, str | None]] = {}
        sorted_keys = sorted(groups, key=lambda g: (g[0], g[1] or ""))
        for gk, cs in groups.items():
            to = gk
            for c in cs:
                linked_to = alias_of.get(_fold(c.text))
                if linked_to is None and c.entry.kind == "company":
                    linked_to = alias_of.get(gk[0])  # `PT IAE` after `PT Inti Alasindo Energi (IAE)`
                if linked_to is not None and linked_to != gk and linked_to in groups:
                    to = linked_to
                    break
            if to == gk and gk[1] is None:
                to = self._bare_target(gk[0], cs[0], groups) or gk
            if to == gk and all(c.entry.cls == "closed" and c.entry.head for c in cs):
                longer = self._longer_groups(gk[0], sorted_keys)
                if gk[1] is not None:
                    longer = [g for g in longer if g[1] == gk[1]]  # `Balai karantina Jateng`: the same region
                if longer and all(c.entry.kind == "agency" and c.entry.form == "Komisi" for c in cs):
                    # `Komisi IV` after `Komisi IV DPR RI`: the same commission, the house left unsaid
                    house = [g for g in longer if any(c.entry.kind == "legislature" for c in groups[g])]
                    if len(house) == 1:
                        to = house[0]
                if to == gk and " " in gk[0] and not any(c.bare for c in cs) and len(longer) == 1:
                    # `Balai Karantina` after `Balai Karantina Hewan, Ikan, dan Tumbuhan`: the one body, shortened
                    # (`Dinas Lingkungan` after the one `Dinas Lingkungan Hidup Provinsi X`, whatever its region)
                    to = longer[0]
            if to == gk and all(c.truncated for c in cs):
                # `Komisaris PT Vitka Delifood Asman` was cut at `PT Vitka`; the article names it in full
                longer = [g for g in groups if g[0].startswith(gk[0] + " ")]
                if longer:
                    to = min(longer, key=lambda g: len(g[0]))
            target[gk] = to
        merged: dict[tuple[str, str | None], list[_Cand]] = {}
        for gk, cs in groups.items():
            to = target[gk]
            for _ in range(4):  # follow `BPJS` -> `BPJS Kesehatan` -> ... a few links at most
                nxt = target.get(to, to)
                if nxt == to:
                    break
                to = nxt
            merged.setdefault(to, []).extend(cs)
        for gk in [g for g, cs in merged.items() if g[1] is None and all(
                c.bare and c.entry.scope == "regional" and c.entry.kind in _NEEDS_REGION for c in cs)]:
            # a bare `Pemprov`/`Kejari` the article never ties to a region names no one body
            del merged[gk]
        later = self._later_mentions(merged)
        out: list[Organization] = []
        spans: list[tuple[int, int, str]] = []
        for gk, cs in merged.items():
            code = gk[1]
            forms: list[tuple[int, int, str]] = sorted({f for c in cs for f in c.forms} | set(later.get(gk, ())))
            texts = list(dict.fromkeys(t for _s, _e, t in forms))
            plain = [t for t in texts if t not in self.office_forms] or texts  # the body, not its office
            name = max(plain, key=lambda t: (len(t.split()), len(t)))
            lead = max(cs, key=lambda c: (len(c.text.split()), len(c.text)))
            out.append(
                Organization(
                    name=name,
                    aliases=tuple(t for t in texts if t != name),
                    kind=lead.entry.kind,
                    code=code,
                    mentions=self._mentions(forms),
                    start=forms[0][0],
                    end=forms[0][1],
                )
            )
            spans.extend((s, e, lead.entry.kind) for s, e, _t in forms)
        out.sort(key=lambda o: o.start or 0)
        self.spans = spans
        return out

    @staticmethod
    def _category_only(c: _Cand) -> bool:
        """Is `c` a category head with at most a region after it (`BUMD Kota Salatiga`)?"""
        head = next((h for h in _CATEGORY_HEADS if c.text == h or c.text.startswith(h + " ")), None)
        if head is None:
            return False
        rest = [w for w in c.text[len(head):].split() if w not in _LEVEL_WORDS]
        return not rest or rest == [w for w in (c.region_text or "").split() if w not in _LEVEL_WORDS]

    def _later_mentions(
        self, merged: dict[tuple[str, str | None], list[_Cand]]
    ) -> dict[tuple[str, str | None], list[tuple[int, int, str]]]:
        """Every other place in the content where a name or alias found is written again.

        The walk reads a name where its head word or its defining bracket stands,
        so a later bare `ICE` after `International Creatives Exchange (ICE)` has
        no head to start from; one automaton over the article's own names finds
        them all in a single pass.
        """
        owner: dict[str, tuple[str, str | None] | None] = {}
        taken: list[tuple[int, int]] = []
        for gk, cs in merged.items():
            for c in cs:
                for fs, fe, t in c.forms:
                    taken.append((fs, fe))
                    if len(t) < 2 or not t[0].isupper() or t in _CITED or t in self.tb.words or t in self.tb.stop:
                        continue
                    owner[t] = gk if owner.get(t, gk) == gk else None  # a form two bodies share names neither
        names = [t for t, g in owner.items() if g is not None]
        if not names:
            return {}
        auto = ahocorasick.Automaton()
        for t in names:
            auto.add_word(t, t)
        auto.make_automaton()
        taken.sort()
        starts = [s for s, _e in taken]
        text = self.text
        n = len(text)
        allows = self.zones.allows
        out: dict[tuple[str, str | None], list[tuple[int, int, str]]] = {}
        for last, t in auto.iter_long(text):
            e = last + 1
            s = e - len(t)
            if (s > 0 and (text[s - 1].isalnum() or text[s - 1] in "_@/")) or (e < n and (
                    text[e].isalnum() or text[e] == "_" or (text[e] == "-" and e + 1 < n and text[e + 1].islower()))):
                continue  # inside a longer word, or a compound (`ICE-nya`)
            i = bisect.bisect_left(starts, e)
            if i and max(taken[j][1] for j in range(max(0, i - 8), i)) > s:
                continue  # already a mention, or inside another name
            if not allows(s):
                continue
            owned = owner[t]
            if owned is not None:
                out.setdefault(owned, []).append((s, e, t))
        return out

    @staticmethod
    def _longer_groups(
        key: str, sorted_keys: list[tuple[str, str | None]]
    ) -> list[tuple[str, str | None]]:
        """The groups whose key continues `key` by whole words (`komisi iv` -> `komisi iv dpr`), by bisection."""
        lead = key + " "
        i = bisect.bisect_left(sorted_keys, (lead, ""), key=lambda g: (g[0], g[1] or ""))
        out = []
        while i < len(sorted_keys) and sorted_keys[i][0].startswith(lead):
            out.append(sorted_keys[i])
            i += 1
        return out

    def _share_regions(self) -> None:
        """`Pemerintah Kota (Pemkot) dan Pemerintah Kabupaten (Pemkab) Sukabumi`: one region for both."""
        cands = sorted(self.cands, key=lambda c: c.start)
        for c, n in itertools.pairwise(cands):
            if c.code is None and c.entry.cls == "gov" and c.entry.level and n.code and n.region_text \
                    and n.entry.cls == "gov" and 0 < n.start - c.end <= 40 and n.code.count(".") < 2:
                # (a kecamatan's body shares with no one: `Polrestabes dan Polsek Sako` are not both of Sako)
                between = self.text[c.end:n.start]
                if " dan " in between or between.strip() in ("dan", "serta"):
                    c.code = _relevel(n.region_text, c.entry.level, n.code)
                    c.bare = False
                    # the shared region completes each written form (`Pemkot` -> `Pemkot Sukabumi`)
                    c.forms = [(fs, fe, f"{t} {n.region_text}") for fs, fe, t in c.forms]
                    c.text = c.forms[0][2]
                    c.region_text = n.region_text

    @staticmethod
    def _bare_target(
        key: str, c: _Cand, groups: dict[tuple[str, str | None], list[_Cand]]
    ) -> tuple[str, str | None] | None:
        """The single fuller body a bare mention (`Pemprov`, `DPRD`, `BPJS`) refers to."""
        scope = c.entry.scope
        if scope not in ("national", "generic"):
            want = c.entry.level
            hits = [g for g in groups if g[0] == key and g[1] is not None
                    and (want is None or _code_level(g[1]) == want)]
            if len(hits) > 1 and want is None:
                hits = [g for g in hits if g[1] is not None and "." in g[1]]
            return hits[0] if len(hits) == 1 else None
        if scope == "generic":
            # `BPJS` -> `BPJS Kesehatan`; a branch office (`... Cabang Tegal`) is a body of its own
            hits = [g for g in groups if g[0].startswith(key + " ") and g[0][len(key) + 1:].split(" ", 1)[0]
                    not in _BRANCH]
            return min(hits, key=lambda g: len(g[0])) if hits else None
        return None


class OrganizationsComponent:
    """Pipeline component `berita_organizations`."""

    def __call__(self, doc: Doc) -> Doc:
        st = get_state(doc)
        try:
            ex = _Extractor(doc, st, tables())
            orgs = ex.run()
        except Exception:  # noqa: BLE001 - one odd article must not stop a batch
            orgs = []
            ex = None
        st.organizations.extend(orgs)
        set_spans(doc, "berita_organizations", getattr(ex, "spans", []) if ex is not None else [])
        return doc


@Language.factory("berita_organizations")
def make_organizations(nlp: Language, name: str) -> OrganizationsComponent:
    return OrganizationsComponent()
