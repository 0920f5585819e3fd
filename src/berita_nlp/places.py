"""The berita_places component: places with Kemendagri codes, and venues.

One gazetteer scan (`Gazetteer.scan`) and one Aho-Corasick pass for the
other triggers (countries, world areas, venue heads, `Desa`, `Jalan`) run
over the raw text; everything after that is local work around the hits.
The word lists behind the decisions are data (`data/places_*`), so a new
venue word or a title that marks a kota is a data edit, not a code change.

Decisions the text leaves open are taken from the article itself: a bare
`Bogor` follows the reading the article states elsewhere (`Kota Bogor`,
`Wali Kota Bogor`), a bare kecamatan name counts when its kabupaten/kota is
named in the same article, and a place word inside a person's name
(`Bima Arya`, `I Made Gianyar`) is dropped by its neighbours.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from .datafiles import json_file, tsv_rows
from .gazetteer import (
    Region,
    RegionMatch,
    get_gazetteer,
    phrase_before,
    select_longest,
    village_kind,
    village_names,
)
from .patterns import leftmost_longest
from .records import Mention, Place
from .state import article_text, get_state, set_spans

_NAMED_KINDS = frozenset({"desa", "kelurahan", "other_street"})
_LEVEL_WORDS = {"provinsi", "kabupaten", "kota", "kecamatan", "pemprov", "pemkab", "pemkot"}
_LEVEL_OF = {"pemprov": "provinsi", "pemkab": "kabupaten", "pemkot": "kota"}


@dataclass(frozen=True, slots=True)
class _Trigger:
    kind: str  # negara | other | venue | venue_lower | venue_fixed | desa | street
    form: str
    value: str  # recorded name (negara/other), head (venue), level (desa)
    prep: bool = False
    prep_alone: bool = False
    abbrev: bool = False  # an abbreviation recorded under its full name only when the article writes it


_PHRASE_TAG = "berita_places"


@dataclass
class _Rules:
    phrases: dict[str, Any]
    venue_modifiers: frozenset[str]
    locatives: frozenset[str]
    venue_generic: frozenset[str]
    name_stop: frozenset[str]
    person_before: frozenset[str]
    place_before: frozenset[str]
    place_after: frozenset[str]
    context_before: frozenset[str]
    desa_not_after: frozenset[str]
    person_verbs_before: frozenset[str]
    person_verbs_after: frozenset[str]
    venue_words: frozenset[str]
    person_like: frozenset[str]
    kecamatan_common: frozenset[str]
    venue_head_near: re.Pattern[str]
    negara_not_after: frozenset[str]
    company: re.Pattern[str]
    street_continue: frozenset[str]
    venue_not: tuple[str, ...]
    features: frozenset[str]
    area_suffix: frozenset[str]
    needs_level: frozenset[str]
    level_before_map: dict[str, str] = field(default_factory=dict)
    level_before_last: frozenset[str] = frozenset()
    weak_before_map: dict[str, str] = field(default_factory=dict)
    spot_not: frozenset[str] = frozenset()
    spot_areas: frozenset[str] = frozenset()
    weak_before_last: frozenset[str] = frozenset()
    quoted_title_words: frozenset[str] = frozenset()
    named_not_after: frozenset[str] = frozenset()
    street_not_after: frozenset[str] = frozenset()
    hamlet_not_after: frozenset[str] = frozenset()
    hamlet_not_names: frozenset[str] = frozenset()
    desa_categories: frozenset[str] = frozenset()
    area_generic: frozenset[str] = frozenset()
    venue_heads_also_suffix: frozenset[str] = frozenset()
    area_locatives: frozenset[str] = frozenset()
    area_not: frozenset[str] = frozenset()
    common_phrases: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # `di Warung Daun, Cikini`, `di Broadway, New York`: a named spot after a locative, placed by the place after it
    spot_before_comma: re.Pattern[str] = re.compile("(?!)")


def _tsv(name: str) -> Iterable[tuple[str, str, str]]:
    for cols in tsv_rows(name):
        yield cols[0], cols[1], cols[2] if len(cols) > 2 else ""


@functools.lru_cache(maxsize=1)
def _rules() -> _Rules:
    raw = json_file("places_rules.json")
    phrases: dict[str, dict[str, _Trigger]] = {}

    def add(form: str, trig: _Trigger) -> None:
        phrases.setdefault(form.lower(), {}).setdefault(form, trig)

    for fname, kind in (("places_countries.tsv", "negara"), ("places_other.tsv", "other")):
        for form, name, flag in _tsv(fname):
            add(form, _Trigger(kind, form, name, abbrev=flag == "abbrev"))
            if not form.isupper():
                add(form.upper(), _Trigger(kind, form.upper(), name, abbrev=flag == "abbrev"))
    for head, opts in raw["venue_heads"].items():
        if head.startswith("_"):
            continue
        add(head, _Trigger("venue", head, head, bool(opts.get("prep")), bool(opts.get("prep_alone"))))
    for form, head in raw["venue_heads_lower"].items():
        if not form.startswith("_"):
            add(form, _Trigger("venue_lower", form, head, True))
    for form in raw["venue_fixed_lower"]:
        add(form, _Trigger("venue_fixed", form, form.title()))
    for form in raw["venue_suffixes"]:
        add(form, _Trigger("venue_suffix", form, form))
    for form in raw["venue_fixed"]:
        add(form, _Trigger("venue_fixed", form, form))
    for form, level in raw["desa_words"].items():
        add(form, _Trigger("desa", form, level))
    for form, word in raw["street_words"].items():
        add(form, _Trigger("street", form, word))
    for form, word in raw.get("hamlet_words", {}).items():
        add(form, _Trigger("hamlet", form, word))
    for form in raw["village_titles"]:
        add(form, _Trigger("village_title", form, form))
    for form in raw["area_words"]:
        add(form, _Trigger("area", form, form))
    # the triggers ride along in the gazetteer's single pass over the text
    payloads = {k: (_PHRASE_TAG, v) for k, v in phrases.items()}
    get_gazetteer().add_phrases(payloads, _PHRASE_TAG)

    before: dict[str, str] = {}
    for lv in ("kota", "kabupaten", "provinsi", "kecamatan"):
        for w in raw[f"{lv}_before"]:
            before[" ".join(w.split()).lower()] = lv
    weak = {" ".join(w.split()).lower(): "kabupaten" for w in raw.get("kabupaten_before_weak", [])}
    ctx = set(raw["venue_generic"]) | set(raw["context_before"]) | {w.split()[-1] for w in before} | set(
        raw.get("kabupaten_before_weak", [])
    )
    heads = [h for h in raw["venue_heads"] if not h.startswith("_")]
    heads_long = sorted(heads, key=len, reverse=True)
    company_alts = "|".join(re.escape(w) for w in raw["company_words"])
    company = re.compile(rf"(?<![\w.])(?:{company_alts})(?:[ \t]+[A-Z][\w&'’.-]*){{0,5}}[ \t]+$")
    return _Rules(
        phrases=payloads,
        venue_modifiers=frozenset(raw["venue_modifiers"]),
        locatives=frozenset(raw["locatives"]),
        venue_generic=frozenset(raw["venue_generic"]),
        name_stop=frozenset(raw["name_stop"]),
        person_before=frozenset(raw["person_before"]),
        place_before=frozenset(raw["place_before"]),
        place_after=frozenset(raw["place_after"]),
        context_before=frozenset(ctx),
        desa_not_after=frozenset(raw["desa_not_after"]),
        person_verbs_before=frozenset(raw["person_verbs_before"]),
        person_verbs_after=frozenset(raw["person_verbs_after"]),
        venue_words=frozenset(w for h in heads for w in h.split()),
        person_like=frozenset(raw["person_like"]),
        kecamatan_common=frozenset(raw["kecamatan_common"]),
        venue_head_near=re.compile(r"\b(?:" + "|".join(re.escape(h) for h in heads_long) + r")\b"),
        negara_not_after=frozenset(raw["negara_not_after"]),
        company=company,
        street_continue=frozenset(raw["street_continue"]),
        venue_not=tuple(raw["venue_not"]),
        features=frozenset(raw["features"]),
        area_suffix=frozenset(raw["area_suffix"]),
        needs_level=frozenset(raw["needs_level"]),
        level_before_map=before,
        level_before_last=frozenset(k.split()[-1] for k in before),
        weak_before_map=weak,
        spot_not=frozenset(raw.get("spot_not", [])),
        spot_areas=frozenset(raw.get("spot_areas", [])),
        weak_before_last=frozenset(k.split()[-1] for k in weak),
        quoted_title_words=frozenset(raw["quoted_title_words"]),
        named_not_after=frozenset(raw["named_not_after"]),
        street_not_after=frozenset(raw["street_not_after"]),
        hamlet_not_after=frozenset(raw.get("hamlet_not_after", [])) | frozenset(raw["named_not_after"]),
        hamlet_not_names=frozenset(raw.get("hamlet_not_names", [])),
        desa_categories=frozenset(raw["desa_categories"]),
        area_generic=frozenset(raw["area_generic"]),
        venue_heads_also_suffix=frozenset(raw["venue_heads_also_suffix"]),
        area_locatives=frozenset(raw["locatives"]) | frozenset(raw["area_locatives"]),
        area_not=frozenset(raw["area_not"]),
        common_phrases={k: tuple(v) for k, v in raw["common_phrases"].items()},
        spot_before_comma=re.compile(
            r"(?<![\w-])(?:" + "|".join(map(re.escape, raw["spot_locatives"])) + r")"
            r"[ \t]+([A-Z][\w'’&-]*(?:[ \t]+[A-Z0-9][\w'’&-]*){0,3})[ \t]*,[ \t]*$"
        ),
    )


_SPACES = frozenset(" \t\u00a0")
_NEXT_WORD = re.compile(r"[ \t\u00a0]+([^\s,.;:!?()\"“”]+)")
_TOKEN = re.compile(r"[ \t\u00a0]{1,3}((?:[A-Z]\.){1,3}(?![\w])|[\w'’-]+)")
_WS = re.compile(r"\s+")
_PAREN_ACRONYM = re.compile(r"[ \t]{1,3}\([A-Z]{2,8}\)")
_COMMA = re.compile(r"\s*,\s*")
_WORD_AT = re.compile(r"[\w'’-]+")
_ACRONYM_AFTER = re.compile(r"[ \t]*\(([A-Z][A-Za-z]{1,9})\)")
_NAME_BEFORE_COMMA = re.compile(r"((?:[A-Z][\w'’-]*[ \t]){0,2}[A-Z][\w'’-]*)[ \t]*,[ \t]*$")
_NUMBERISH = re.compile(r"\d+|[IVX]{1,5}")
_COMMA_OR_SPACE = re.compile(r"[ \t]*,?[ \t]*")
_ITEM_SEP = r"(?:,[ \t]?(?:(?:dan|serta)[ \t])?|[ \t](?:dan|serta)[ \t])"
# the item before: a head word and up to five name words, then a separator, at the end of the window
_LIST_BEFORE = re.compile(r"[A-Z][\w-]*(?:[ \t][A-Z0-9][\w'-]*){1,5}" + _ITEM_SEP + r"\Z")
# the name after a head word, then a separator: the cheap test before the item is read
_LIST_AFTER = re.compile(r"(?:[ \t][A-Z0-9][\w'-]*){1,5}" + _ITEM_SEP)
_AGE_AFTER = re.compile(r"[ \t]{0,2}\(\d{1,3}\)")
_PAREN_OPEN = re.compile(r"[ \t]{0,3}\(")
_LIST_SEP = re.compile(r"\s*(?:,|dan|serta|atau|,\s*dan)\s*")


def _prev_word(text: str, pos: int) -> str | None:
    """The word before `pos` on the same line, separated by spaces (None at a line start or after punctuation glue)."""
    span = _prev_word_span(text, pos)
    return text[span[0] : span[1]] if span else None


def _prev_word_span(text: str, pos: int) -> tuple[int, int] | None:
    lo = max(0, pos - 44)
    seg = text[lo:pos]
    w = seg.rstrip(" \t\u00a0")
    if not w or len(w) == len(seg):
        return None
    if w[-1] in "\n\r":
        return lo + len(w), lo + len(w)  # at a line start: an empty word
    last = w.rsplit(None, 1)[-1]  # one C-level split instead of five searches
    return lo + len(w) - len(last), lo + len(w)


def _next_word(text: str, pos: int) -> str | None:
    m = _NEXT_WORD.match(text, pos)
    return m.group(1) if m else None


def _is_cap(tok: str) -> bool:
    return bool(tok) and (tok[0].isupper() or tok[0].isdigit())


@dataclass
class _Item:
    start: int
    end: int
    kind: str
    name: str
    code: str | None = None
    parent: str | None = None
    written: str | None = None  # set for an abbreviation: the form to record if the full name never appears
    weak: bool = False  # read off a headline-case line, where capitals do not end a name


class PlacesComponent:
    """Pipeline component `berita_places`."""

    def __call__(self, doc: Doc) -> Doc:
        st = get_state(doc)
        try:
            places, spans = extract_places(article_text(doc), st.zone_map(doc).allows)
        except Exception:  # noqa: BLE001 - one odd article must not stop a batch; it just yields no places
            places, spans = [], []
        st.places.extend(places)
        set_spans(doc, "berita_places", spans)
        return doc


def extract_places(text: str, allows: Any = None) -> tuple[list[Place], list[tuple[int, int, str]]]:
    """Places of one text, merged per code (or name), with the spans they come from."""
    if not text:
        return [], []
    rules = _rules()
    gz = get_gazetteer()
    if _PHRASE_TAG not in gz.phrase_tags:  # a fresh gazetteer (cache cleared): add the triggers again
        gz.add_phrases(rules.phrases, _PHRASE_TAG)
    ok = allows or (lambda _s: True)

    extra: list[tuple[int, int, Any]] = []
    raw_hits = gz.scan(text, extra)
    region_starts = {h.name_start for h in raw_hits} | {h.start for h in raw_hits}
    level_starts = {h.start for h in raw_hits if h.level_word is not None}
    area_ctx = _AreaContext(text, raw_hits, rules)
    triggers = _find_triggers(text, extra, rules, ok, region_starts, level_starts, area_ctx)
    streets_desa = [t for t in triggers if t.kind in _NAMED_KINDS]
    blocked = [(t.start, t.end) for t in streets_desa]

    blocked_set = _Spans(blocked)
    hits = [h for h in raw_hits if ok(h.start) and not blocked_set.covers(h.name_start, h.end)]
    regions, areas = _areas(text, _resolve_regions(text, hits, rules), rules)
    region_at = {h.start: h for h in regions}
    villages = _villages_before_regions(text, regions)
    venues = _venues(text, triggers, region_at, rules)
    vspans = [(v.start, v.end) for v in venues]

    vset = _Spans(vspans)
    others = [t for t in triggers if t.kind in ("negara", "other") and not vset.covers(t.start, t.end)]
    # world areas and countries give way to overlapping regions ("Sumatera Utara" over "Sumatera")
    rspans = [(h.start, h.end) for h in regions]
    rset = _Spans(rspans)
    others = _outermost([t for t in others if not rset.overlaps(t.start, t.end)])

    items: list[_Item] = []
    for h in regions:
        r = h.region
        items.append(_Item(h.start, h.end, r.level, r.name, r.code, r.parent))
    items.extend(others)
    items.extend(areas)
    vset2 = _Spans([(t.start, t.end) for t in triggers if isinstance(t, _Item)] + rspans + vspans)
    items.extend(v for v in villages if not vset2.overlaps(v.start, v.end))
    items.extend(venues)
    items.extend(t for t in triggers if t.kind in _NAMED_KINDS)
    items.extend(t for t in triggers if t.kind == "other_area")
    items.extend(_spots_before_places(text, items, rules, ok))
    return _merge(text, items)


def _spots_before_places(text: str, items: list[_Item], rules: _Rules, ok: Any) -> list[_Item]:
    """`di Warung Daun, Cikini, Jakarta Pusat`, `di Broadway, New York`: a named spot with no venue word.

    A run of capitalised words after a locative, closed by a comma and then a
    place already found, names where something happens; the place after it
    says where it is.  Words the village list or the region table know were
    read earlier; this takes only what nothing else claimed.
    """
    anchors = [it for it in items if it.kind in _SPOT_ANCHORS]
    if not anchors:
        return []
    taken = _Spans([(it.start, it.end) for it in items])
    out: list[_Item] = []
    for a in anchors:
        if "," not in text[max(0, a.start - 3) : a.start]:
            continue
        m = rules.spot_before_comma.search(text, max(0, a.start - 70), a.start)
        if m is None or not ok(m.start(1)) or taken.overlaps(m.start(1), m.end(1)):
            continue
        words = m.group(1).split()
        first = words[0]
        if first.endswith("nya") or first in rules.name_stop or first in _LEVEL_TOKENS or first in rules.spot_not:
            continue  # `di Kantornya, Jakarta`, `di Kabupaten X, ...` (read as a region), a weekday
        if (len(words) == 2 and _NUMBERISH.fullmatch(words[1])) or _names_body(words):
            continue  # `di KPK, Jakarta`, `di NTMC Polri, Jakarta`: the office of a body; `Lingkungan II`
        where = a.code or a.parent
        name = " ".join(words)
        inside = [c for c in village_names().get(name.lower(), ()) if where and c.startswith(where + ".")]
        if inside:
            kind = village_kind(inside[0])  # `di Legian, Kuta`: the village the list knows there
        elif len(words) > 1 and a.kind != "negara" and first not in rules.spot_areas:
            kind = "venue"  # a multi-word spot in a region is mostly a building (`di JS Luwansa, Jakarta`)
        else:
            kind = "other"  # a town abroad (`di Huzhou, China`), a hamlet (`di Dusun Cikuya, Desa ...`)
        out.append(_Item(m.start(1), m.end(1), kind, name, None, where))
    return out


def _names_body(words: list[str]) -> bool:
    """Does the run name an institution (`KPK`, `Kemenko Infra`, `NTMC Polri`) rather than a spot?"""
    try:
        from .orgwords import tables

        tb = tables()
    except Exception:  # noqa: BLE001 - without the organization tables every run counts as a spot
        return False
    return tb.head_at.match(" ".join(words)) is not None or any(
        (e := tb.entries.get(w)) is not None and not e.head and e.kind != "none" for w in words
    )


def _outermost(items: list[_Item]) -> list[_Item]:
    """Drop names inside a longer one (`Australia` in `Western Australia`, `Gaza` in `Jalur Gaza`)."""
    items = sorted(items, key=lambda i: (i.start, -i.end))
    out: list[_Item] = []
    reach = -1
    for it in items:
        if it.end <= reach:
            continue
        out.append(it)
        reach = it.end
    return out


def _villages_before_regions(text: str, regions: list[RegionMatch]) -> list[_Item]:
    """`Cikini, Jakarta Pusat`: a village written just before the region that contains it.

    The containing region is the evidence: a capitalised name before
    `, <region>` counts only when the official village list has a village of
    that name inside that region.
    """
    out: list[_Item] = []
    names: dict[str, tuple[str, ...]] | None = None
    gz = get_gazetteer()
    for y in regions:
        if "," not in text[max(0, y.start - 4) : y.start]:
            continue
        m = _NAME_BEFORE_COMMA.search(text, max(0, y.start - 60), y.start)
        if m is None:
            continue
        if names is None:
            names = village_names()
        words = m.group(1).split()
        prefix = y.region.code + "."
        for k in range(len(words), 0, -1):
            cand = " ".join(words[-k:])
            kec = [r for r in gz.candidates(cand) if r.level == "kecamatan" and r.code.startswith(prefix)]
            if len(kec) == 1:  # "Sayung, Demak": the kecamatan, not its village of the same name
                start = m.end(1) - len(cand)
                out.append(_Item(start, m.end(1), "kecamatan", kec[0].name, kec[0].code, kec[0].parent))
                break
            codes = names.get(cand.lower(), ())
            inside = [c for c in codes if c.startswith(prefix)]
            if inside:
                start = m.end(1) - len(cand)  # the words are one space or tab apart
                out.append(_Item(start, m.end(1), village_kind(inside[0]), text[start : m.end(1)], None, y.region.code))
                break
    return out


class _Spans:
    """Containment and overlap queries over many spans in O(log n) each.

    A pathological text can carry hundreds of thousands of mentions; a scan
    of all spans per query would make the component quadratic.
    """

    __slots__ = ("_max_end", "_starts")

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        spans = sorted(spans)
        self._starts = [a for a, _ in spans]
        self._max_end: list[int] = []
        m = -1
        for _, b in spans:
            m = max(m, b)
            self._max_end.append(m)

    def covers(self, s: int, e: int) -> bool:
        """Some span contains [s, e)."""
        i = bisect.bisect_right(self._starts, s) - 1
        return i >= 0 and self._max_end[i] >= e

    def overlaps(self, s: int, e: int) -> bool:
        """Some span overlaps [s, e)."""
        i = bisect.bisect_left(self._starts, e) - 1
        return i >= 0 and self._max_end[i] > s


# -- regions -----------------------------------------------------------------


def _context_level(text: str, h: RegionMatch, rules: _Rules) -> str | None:
    """The level the text states for this mention: a level word or a title before it, `Kota` after it."""
    if h.level_word in _LEVEL_WORDS:
        return _LEVEL_OF.get(h.level_word, h.level_word)
    nxt = _next_word(text, h.end)
    if nxt == "Kota" and any(r.level == "kota" for r in h.candidates):
        return "kota"  # first: `Polres Bogor Kota` is the kota's police, `Polres Bogor` the kabupaten's
    if h.name_start > 0:
        found = phrase_before(text, h.name_start, rules.level_before_map, 4, rules.level_before_last)
        if found is not None:
            return found[0]
    return None


def _looks_personal(text: str, h: RegionMatch, rules: _Rules) -> bool:
    """A bare place word that is part of a person's (or a brand's) name.

    A capitalised word before the place (`Kapolrestabes Palembang Kombes
    Harryo`, `(Kanwil DJP) Jawa Tengah II`) is a title or an organization
    the place belongs to, so a name after it does not make the place a
    name; at a sentence start or after a small word it does (`Bima Arya
    mengatakan`, `kata Bima`).  Two-word region names are not read as names.
    """
    written = text[h.name_start : h.end]
    if written.isupper() and len(written) > 3:
        return False  # headline in capitals: no case cues
    prev = _prev_word(text, h.name_start)
    if prev is not None and (prev in rules.person_before or prev in rules.person_verbs_before):
        return True  # "I Made Gianyar", "kata Bima", "Ipda Samosir"
    if _AGE_AFTER.match(text, h.end):
        return True  # "Bima (27)": an age follows a person
    if prev is not None and written in rules.person_like and _name_word(text, h.name_start, prev, rules):
        return True  # "Aria Bima": the tail of a person's name
    if " " in written or text[max(0, h.name_start - 3) : h.name_start].lower() == "se-":
        return False
    if prev is not None and (
        prev.endswith(")") or (prev[:1].isupper() and not _opens_sentence(text, h.name_start, prev))
    ):
        return False
    starts = prev is None or prev[-1:] in ".!?\"“”'(:;," or _opens_sentence(text, h.name_start, prev)
    small = prev is not None and prev.isalpha() and prev.islower() and prev not in rules.place_before
    nxt = _next_word(text, h.end)
    if nxt is not None and nxt in rules.person_verbs_after and (starts or small):
        return True  # "Bima mengatakan"
    if nxt is None or not nxt[:1].isupper() or nxt.rstrip(".") in rules.place_after or _NUMBERISH.fullmatch(nxt):
        return False
    if starts:
        return prev is None or not (prev.lower() in rules.place_before or prev in rules.context_before)
    return small


def _common_phrase(text: str, h: RegionMatch, rules: _Rules) -> bool:
    """`UU Mineral dan Batu Bara`: the region's name closes a phrase that makes it an ordinary noun."""
    before = rules.common_phrases.get(text[h.name_start : h.end])
    if not before:
        return False
    head = " ".join(text[max(0, h.name_start - 30) : h.name_start].lower().split())
    return head.endswith(before)


def _in_quoted_title(text: str, pos: int, rules: _Rules) -> bool:
    """Inside a quoted theme or title (`bertajuk 'Desa sebagai Jalan Kemajuan'`): the words name nothing.

    The nearest quote mark before `pos` on the same line must open a quote
    (a word follows it, none precedes it) and come right after a word that
    announces a title; a closing mark (`...Ekonomi' di Gedung BI`) means the
    title has ended.  A mark between letters is an apostrophe (`Jum'at`).
    """
    lo = max(0, pos - 160)
    nl = text.rfind("\n", lo, pos)
    if nl >= 0:
        lo = nl + 1
    if _QUOTE_MARK.search(text, lo, pos) is None:
        return False  # the common case: no quote mark on the line before pos
    hi = pos
    while True:
        q = max(text.rfind(c, lo, hi) for c in "'\"“”‘’")
        if q < lo:
            return False
        before = text[q - 1] if q > 0 else " "
        after = text[q + 1] if q + 1 < len(text) else " "
        if before.isalnum() and after.isalnum():
            hi = q  # an apostrophe inside a word
            continue
        if before.isalnum() or before in ".,!?" or not after.isalnum():
            return False  # a closing mark: the quote ended before pos
        prev = _prev_word(text, q)
        return prev is not None and prev.lower().rstrip(",:") in rules.quoted_title_words


_QUOTE_MARK = re.compile("['\"“”‘’]")
_WORD_RE = re.compile(r"[^\W\d_][\w'’-]*")


def _headline_line(text: str, pos: int) -> bool:
    """`pos` sits on a line in headline case (most words capitalised): a run of capitals there is no name."""
    nl = text.rfind("\n", max(0, pos - 300), pos)
    if nl < 0 and pos > 300:
        return False  # a line this long is no headline (and the look stays bounded)
    lo = nl + 1
    hi = text.find("\n", pos, pos + 300)
    if hi < 0 and pos + 300 < len(text):
        return False
    end = hi if hi >= 0 else len(text)
    if text[lo:end].rstrip().endswith("."):
        return False  # a sentence, not a headline
    words = _WORD_RE.findall(text, lo, end)
    if len(words) < 5 or len(words) > 40:
        return False
    caps = sum(1 for w in words if w[0].isupper())
    return caps * 4 >= len(words) * 3


def _past_category(item: _Item, rules: _Rules) -> _Item | None:
    """`Desa Terang` is a programme, `Desa Wisata Penglipuran` the village Penglipuran."""
    words = item.name.split(" ")
    if words[0] not in rules.desa_categories:
        return item
    if len(words) == 1:
        return None
    return _Item(item.start, item.end, item.kind, " ".join(words[1:]), item.code, item.parent)


def _headline_village_words(name: str) -> int:
    """`Desa Cemagi Pasang CCTV` in a headline: how many leading words the village list knows (at least one)."""
    words = name.split(" ")
    names = village_names()
    for k in range(len(words), 1, -1):
        if " ".join(words[:k]).lower() in names:
            return k
    return 1


def _opens_sentence(text: str, pos: int, prev: str) -> bool:
    """`prev` (the word before `pos`) is the first word of its sentence or line."""
    ps = pos - len(prev) - 1
    while ps > 0 and text[ps - 1] in _SPACES:
        ps -= 1
    return ps <= 0 or text[ps - 1] in ".!?\"“”'(:;\n"


def _name_word(text: str, pos: int, prev: str, rules: _Rules) -> bool:
    """`prev` is a capitalised word of a name, not a title, an office or a sentence opener."""
    if not (len(prev) > 1 and prev[0].isupper() and prev[1:].islower() and prev.isalpha()):
        return False
    if (
        prev in rules.context_before
        or prev.lower() in rules.place_before
        or prev in rules.venue_words
        or prev in rules.features
    ):
        return False  # "Selat Malaka" is the strait, "Tan Malaka" the man
    ps = pos - len(prev) - 1
    while ps > 0 and text[ps - 1] in _SPACES:
        ps -= 1
    if ps <= 0 or text[ps - 1] in ".!?\"“”'(:;\n" or text[ps - 1].isdigit():
        # the capital may only open the sentence, unless the article writes the pair again (`Tan Malaka`)
        word = _WORD_AT.match(text, pos)
        return word is not None and text.find(text[ps:pos].rstrip() + " " + word.group(), ps + 1) >= 0
    return rules.venue_head_near.search(text, max(0, pos - 40), pos) is None


def _resolve_regions(text: str, hits: list[RegionMatch], rules: _Rules) -> list[RegionMatch]:
    """Pick the reading of every mention from its context and from the rest of the article."""
    stated_ids: set[int] = set()
    weak: dict[int, str] = {}
    accepted: list[RegionMatch] = []
    deferred_kec: list[RegionMatch] = []
    common = _Spans(
        [
            (h.name_start, h.end)
            for h in hits
            if _common_phrase(text, h, rules) and _context_level(text, h, rules) is None
        ],
    )
    for h in hits:
        if common.covers(h.name_start, h.end) and _context_level(text, h, rules) is None:
            continue  # "Mineral dan Batu Bara": neither Batu Bara nor Batu
        lv = _context_level(text, h, rules)
        if lv is not None:
            pick = next((r for r in h.candidates if r.level == lv), None)
            if pick is not None:
                h = _with(h, pick)
                stated_ids.add(id(h))
                accepted.append(h)
                continue
        non_kec = [r for r in h.candidates if r.level != "kecamatan"]
        if not non_kec:
            deferred_kec.append(h)
            continue
        if _in_company(text, h.name_start, rules) or _looks_personal(text, h, rules):
            continue
        if text[h.name_start : h.end] in rules.needs_level and _prev_word(text, h.name_start) not in rules.place_before:
            continue  # "Polda Metro Jaya", "Menurut Karo" (Kepala Biro): the word alone is not the region
        if len(non_kec) == 1:
            stated_ids.add(id(h))
        elif h.name_start > 0:
            found = phrase_before(text, h.name_start, rules.weak_before_map, 3, rules.weak_before_last)
            if found is not None:
                weak[id(h)] = found[0]  # `Polres Bogor`: the kabupaten, unless the article says otherwise
        accepted.append(h)
    sel = select_longest(accepted)

    stated: dict[str, set[str]] = {}
    for h in sel:
        if id(h) in stated_ids:
            stated.setdefault(h.region.name.lower(), set()).add(h.region.code)
    provinces = {h.region.code[:2] for h in sel if id(h) in stated_ids}
    kec_parents = {k.parent for d in deferred_kec for k in d.candidates}
    out: list[RegionMatch] = []
    for i, h in enumerate(sel):
        if id(h) in stated_ids:
            out.append(h)
            continue
        non_kec = [r for r in h.candidates if r.level != "kecamatan"]
        said = [r for r in non_kec if r.code in stated.get(r.name.lower(), set())]
        listed = _list_level(text, sel, i, stated_ids)
        via_kec = [r for r in non_kec if r.code in kec_parents]
        if len(said) == 1:
            pick = said[0]
        elif id(h) in weak and any(r.level in (weak[id(h)], "kota") for r in non_kec):
            # `Polres Bogor` is the kabupaten's police; `Polresta Yogyakarta` (no such kabupaten) the kota's
            wl = weak[id(h)]
            pick = min((r for r in non_kec if r.level in (wl, "kota")), key=lambda r: r.level != wl)
        elif len(via_kec) == 1:
            pick = via_kec[0]  # "Cikande, Serang": a kecamatan of the kabupaten is named
        elif listed is not None and any(r.level == listed for r in non_kec):
            pick = next(r for r in non_kec if r.level == listed)
        else:
            near = [r for r in non_kec if r.code[:2] in provinces]
            pick = near[0] if len(near) == 1 else non_kec[0]
        out.append(_with(h, pick))

    parents = {h.region.code for h in out if h.region.level in ("kabupaten", "kota")}
    final: list[RegionMatch] = []
    for h in out:
        if h.region.level == "kecamatan":
            within = [r for r in h.candidates if r.level == "kecamatan" and r.parent in parents]
            if len(within) == 1:
                h = _with(h, within[0])
        final.append(h)
    by_start = {x.start: x for x in final}
    for h in deferred_kec:
        within = [r for r in h.candidates if r.parent in parents]
        if text[h.name_start : h.end] in rules.kecamatan_common:
            continue  # "kawasan Kota Lama": an ordinary word, unless written "Kecamatan Kota"
        prev = _prev_word(text, h.name_start)
        if (
            prev is not None
            and " " not in h.text
            and prev[:1].isupper()
            and prev not in rules.context_before
            and not prev.endswith(")")
            and not _opens_sentence(text, h.name_start, prev)
        ):
            continue  # "AKP Eriks Nainggolan": after a name word, a bare kecamatan name is a surname
        if not within:
            within = _inside_next(text, h, by_start)
        if len(within) == 1 and not _looks_personal(text, h, rules):
            final.append(_with(h, within[0]))
    return select_longest(final)


def _inside_next(text: str, h: RegionMatch, by_start: dict[int, RegionMatch]) -> list[Region]:
    """`Kelapa Gading, Jakarta`: the kecamatan readings inside the region written right after a comma."""
    m = _COMMA.match(text, h.end)
    nxt = by_start.get(m.end()) if m is not None else None
    if nxt is None:
        return []
    prefix = nxt.region.code + "."
    return [r for r in h.candidates if r.code.startswith(prefix)]


def _areas(text: str, regions: list[RegionMatch], rules: _Rules) -> tuple[list[RegionMatch], list[_Item]]:
    """Split off mentions that name an area, not the region: `Danau Toba`, `Malang Raya`, `Kuningan, Jakarta Selatan`.

    The first two are named features or metro areas built on a region name;
    the third is a neighbourhood that shares a kabupaten's name, told by the
    larger region written right after it that does not contain that kabupaten.
    """
    keep: list[RegionMatch] = []
    areas: list[_Item] = []
    n = len(regions)
    for i, h in enumerate(regions):
        bare = h.level_word is None
        if bare:
            prev = _prev_word(text, h.name_start)
            if prev in rules.features and prev is not None:
                s = h.name_start - len(prev) - 1
                if text[s : s + len(prev)] == prev:
                    areas.append(_Item(s, h.end, "other", _WS.sub(" ", text[s : h.end])))
                    continue
            nxt = _next_word(text, h.end)
            if nxt in rules.area_suffix:
                m = _NEXT_WORD.match(text, h.end)
                e = m.end() if m else h.end
                areas.append(_Item(h.start, e, "other", _WS.sub(" ", text[h.start : e])))
                continue
            if h.region.level == "kabupaten" and i + 1 < n:
                y = regions[i + 1]
                gap = text[h.end : y.start]
                after_y = regions[i + 2] if i + 2 < n else None
                listed_before = i > 0 and _LIST_SEP.fullmatch(text, regions[i - 1].end, h.start) is not None
                listed_after = after_y is not None and _LIST_SEP.fullmatch(text, y.end, after_y.start) is not None
                if (
                    _COMMA.fullmatch(gap)
                    and y.region.level == "kota"
                    and y.region.code[:2] != h.region.code[:2]
                    and not listed_before
                    and not listed_after
                ):
                    areas.append(_Item(h.start, h.end, "other", h.text))
                    continue
        keep.append(h)
    return keep, areas


def _list_level(text: str, sel: list[RegionMatch], i: int, stated_ids: set[int]) -> str | None:
    """The level of a stated neighbour in the same list (`Sragen, Kudus, Tegal, dan Cilacap`)."""
    h = sel[i]
    for j in (i - 1, i + 1):
        if not 0 <= j < len(sel) or id(sel[j]) not in stated_ids:
            continue
        o = sel[j]
        a, b = (o.end, h.start) if j < i else (h.end, o.start)
        if 0 <= b - a <= 8 and _LIST_SEP.fullmatch(text, a, b):
            lv = o.region.level
            if lv in ("kabupaten", "kota"):
                return lv
    return None


def _with(h: RegionMatch, r: Region) -> RegionMatch:
    if h.region is r:
        return h
    return RegionMatch(h.start, h.end, h.text, r, h.level_word, h.name_start, h.candidates)


# -- triggers: countries, areas, venues, villages, streets ---------------------


def _in_company(text: str, pos: int, rules: _Rules) -> bool:
    """Inside a company name (`PT Multi Nabati Sulawesi`): the place word names the firm, not a place."""
    lo = max(0, pos - 80)
    if all(text.find(w, lo, pos) < 0 for w in ("PT", "CV", "PO", "Perum")):
        return False
    return rules.company.search(text, lo, pos) is not None


def _find_triggers(
    text: str,
    extra: list[tuple[int, int, Any]],
    rules: _Rules,
    ok: Any,
    region_starts: set[int],
    level_starts: set[int],
    area_ctx: _AreaContext,
) -> list[Any]:
    out: list[Any] = []
    last_start = -1
    currency_end = -10
    person_forms: set[str] = set()
    for s, end, payload in sorted(extra, key=lambda x: (x[0], x[0] - x[1])):
        if s == last_start or not isinstance(payload, tuple) or payload[0] != _PHRASE_TAG:
            continue  # one trigger per start: the longest ("Jl." over "Jl")
        trig = payload[1].get(text[s:end])
        if trig is None or not ok(s):
            continue
        last_start = s
        pw = _prev_word(text, s)
        if trig.kind in ("negara", "other"):
            if trig.kind == "negara" and pw in rules.negara_not_after:
                currency_end = end
                continue  # "dolar AS", "bahasa Inggris": a currency or a language, not the country
            if trig.kind == "negara" and _PAREN_OPEN.fullmatch(text, currency_end, s):
                continue  # "dolar Amerika Serikat (AS)": the abbreviation of the same currency
            if trig.kind == "other" and _in_company(text, s, rules):
                continue
            written = text[s:end]
            if written.isupper() and len(written) <= 4 and pw in rules.person_before:
                person_forms.add(written)
                continue  # "saudara AS selaku Komisaris": a person's initials, not the country
            if written in rules.person_like and pw is not None and _name_word(text, s, pw, rules):
                person_forms.add(written)
                continue  # "Willy Indra Yunani": the tail of a person's name
            if _AGE_AFTER.match(text, end):
                person_forms.add(text[s:end])
                continue  # "kata Vatikan (27)": a person named like a country
            out.append(_Item(s, end, trig.kind, trig.value, written=text[s:end] if trig.abbrev else None))
        elif trig.kind == "desa":
            if (s > 0 and text[s - 1] == "/") or pw in rules.desa_not_after:
                continue
            if pw in rules.named_not_after or _in_quoted_title(text, s, rules):
                continue
            item = _named_after(text, s, end, rules, trig.value, 4, level_starts)
            if item is not None:
                item = _past_category(item, rules)
            if item is not None and " " in item.name and _headline_line(text, s):
                keep = _headline_village_words(item.name)
                skip = len(text[s : item.end].split()) - len(item.name.split()) - 1  # a category word
                if keep < len(item.name.split(" ")):
                    item = _named_after(text, s, end, rules, trig.value, keep + skip, level_starts)
                    item = _past_category(item, rules) if item is not None else None
            if item is not None:
                out.append(item)
                if trig.value in ("desa", "kelurahan"):
                    out.extend(_village_list(text, item, trig.value, rules))
        elif trig.kind == "area":
            item = _area_after(text, s, end, rules, *area_ctx.get())
            if item is not None:
                out.append(item)
        elif trig.kind == "village_title":
            item = _named_after(text, s, end, rules, "desa", 4, level_starts)
            codes = village_names().get(item.name.lower()) if item is not None else None
            if item is not None and codes:
                kinds = {village_kind(c) for c in codes}
                lurah = trig.form in ("Lurah", "Kepala Kelurahan")
                kind = kinds.pop() if len(kinds) == 1 else ("kelurahan" if lurah else "desa")
                name_start = end + (len(text[end : item.end]) - len(text[end : item.end].lstrip()))
                out.append(_Item(name_start, item.end, kind, item.name))
        elif trig.kind == "hamlet":
            if (pw is not None and (pw in rules.hamlet_not_after or _NUMBERISH.fullmatch(pw))) or _in_quoted_title(
                text, s, rules
            ):
                continue  # "Satgas Kampung Pancasila", "100 Kampung Nelayan": a programme, not a place
            if _next_word(text, end) in rules.hamlet_not_names:
                continue
            item = _named_after(text, s, end, rules, "other_street", 4, region_starts, keep_head=True)
            if item is not None:
                item.weak = _headline_line(text, s)
                out.append(item)
        elif trig.kind == "street":
            if pw in rules.street_not_after or _in_quoted_title(text, s, rules):
                continue  # "sebagai Jalan Tengah", a quoted theme: a figure of speech
            item = _named_after(text, s, end, rules, "other_street", 5, region_starts, keep_head=True)
            if item is not None and all(w in rules.street_continue for w in item.name.split(" ")[1:]):
                continue  # "Jalan Tol", "Jalan Raya" alone: a kind of road, not one road
            if item is not None:
                item.weak = _headline_line(text, s)
                out.append(item)
        else:
            if pw in rules.named_not_after or _in_quoted_title(text, s, rules):
                continue  # "program Masjid Berdaya": a programme named after a venue word
            out.append(_VenueTrigger(s, end, trig))
    if person_forms:  # the same person again ("Vatikan yang hendak menuju ...")
        out = [t for t in out if not (t.kind in ("negara", "other") and text[t.start : t.end] in person_forms)]
    return out


_VILLAGE_LIST_ITEM = re.compile(
    r"(?:[ \t]*,[ \t]*(?:(?:dan|serta)[ \t]+)?|[ \t]+(?:dan|serta)[ \t]+)"
    r"([A-Z][a-z'’-]+(?:[ \t][A-Z][a-z'’-]+){0,2})(?![ \t]*[A-Z0-9(])(?![\w'’-])"
)


def _village_list(text: str, first_item: _Item, kind: str, rules: _Rules) -> list[_Item]:
    """`Kelurahan Purwokerto Wetan, Arcawinangun, dan Karangpucung`: the level word covers the whole list.

    Each further item must be the name of a known kelurahan or desa and no
    kabupaten, kota or kecamatan name: `Desa Cikaret, Cisolok, Sukabumi`
    names the desa's kecamatan and kabupaten after it, not more villages.
    """
    m = _VILLAGE_LIST_ITEM.match(text, first_item.end)
    if m is None:
        return []
    names = village_names()
    gaz = get_gazetteer()
    out: list[_Item] = []
    prev = names.get(first_item.name.lower(), ())  # a kecamatan holding the village ends the list
    for _ in range(12):
        if m is None:
            break
        name = _WS.sub(" ", m.group(1))
        first = name.split(" ", 1)[0]
        if first in rules.name_stop or first in _LEVEL_TOKENS:
            break
        regions = gaz.candidates(name)
        if any(r.level != "kecamatan" or any(c.startswith(r.code + ".") for c in prev) for r in regions):
            break  # the kecamatan or kabupaten the villages lie in
        codes = names.get(name.lower())
        if not codes:
            break
        nxt = _VILLAGE_LIST_ITEM.match(text, m.end(1))
        if regions and nxt is not None and any(r.level != "kecamatan" for r in gaz.candidates(nxt.group(1))):
            break  # `Desa A, Cisolok, Sukabumi`: a kecamatan name before the kabupaten is the kecamatan
        prev = codes
        kinds = {village_kind(c) for c in codes}
        out.append(_Item(m.start(1), m.end(1), kinds.pop() if len(kinds) == 1 else kind, name))
        m = _VILLAGE_LIST_ITEM.match(text, m.end(1))
    return out


class _AreaContext:
    """Region ends and name-ending starts for area names, built only for an article that has an area word."""

    __slots__ = ("_done", "_hits", "_rules", "_text")

    def __init__(self, text: str, hits: list[RegionMatch], rules: _Rules) -> None:
        self._text, self._hits, self._rules = text, hits, rules
        self._done: tuple[set[int], dict[int, int]] | None = None

    def get(self) -> tuple[set[int], dict[int, int]]:
        if self._done is None:
            text, rules = self._text, self._rules
            region_end: dict[int, int] = {}
            for h in self._hits:
                if h.level_word is None and h.end > region_end.get(h.name_start, -1):
                    region_end[h.name_start] = h.end
            major_starts = {  # where an area name ends: a region, not an ordinary word naming a kecamatan
                h.name_start
                for h in self._hits
                if text[h.name_start : h.end] not in rules.kecamatan_common
                or any(r.level != "kecamatan" for r in h.candidates)
            }
            self._done = (major_starts, region_end)
        return self._done


def _area_after(
    text: str, s: int, end: int, rules: _Rules, major_starts: set[int], region_end: dict[int, int]
) -> _Item | None:
    """`di Kawasan Inti Pusat Pemerintahan`: an area named after a locative, with its head word.

    Generic words alone (`Kawasan Industri`) name no area; the region written
    after them completes the name (`Kawasan Industri Kendal`), and is
    recorded on its own as well.
    """
    if region_end.get(s, -1) > end:
        return None  # "di Gunung Putri", "di Pasar Kliwon": a kecamatan's name, read as the region
    listed = False
    if _prev_word(text, s) not in rules.area_locatives:
        # "antara lain Pasar A, Pasar B, dan Pasar C": a list of areas under one head word needs no locative
        head = text[s:end]
        m = _LIST_BEFORE.search(text, max(0, s - 60), s) if text.endswith((",", ", ", "dan ", "serta "), 0, s) else None
        listed = m is not None and text.startswith(head + " ", m.start())
        if not listed:
            m = _LIST_AFTER.match(text, end)
            if m is None or not text.startswith(head + " ", m.end()):
                return None
    # a kecamatan named like an ordinary word does not end the name: "Taman Hutan Raya Bukit Soeharto"
    item = _named_after(text, s, end, rules, "other_area", 5, major_starts, keep_head=True)
    words = item.name.split(" ")[1:] if item is not None else []
    if item is None or (words and words[0] in rules.area_not):
        m = _TOKEN.match(text, end)  # "di Danau Toba": the region right after the word
        e = region_end.get(m.start(1), -1) if m is not None else -1
        return _Item(s, e, "other_area", _WS.sub(" ", text[s:e])) if e > 0 and item is None else None
    if _next_word(text, item.end) == "Kawasan":
        return None  # "Persetujuan Penggunaan Kawasan Hutan": a legal term, not an area
    if all(w in rules.area_generic for w in words):
        m = _TOKEN.match(text, item.end)
        e = region_end.get(m.start(1), -1) if m is not None else -1
        if e < 0:
            return None
        return _Item(s, e, "other_area", _WS.sub(" ", text[s:e]))
    return item


@dataclass
class _VenueTrigger:
    start: int
    end: int
    trig: _Trigger
    kind: str = "venue_trigger"


_SPOT_ANCHORS = frozenset({"negara", "provinsi", "kabupaten", "kota", "kecamatan", "kelurahan", "desa", "other"})
_LEVEL_TOKENS = frozenset({"Kecamatan", "Kabupaten", "Kab", "Kec", "Provinsi", "Distrik", "Kelurahan", "Desa"})


def _named_after(
    text: str,
    s: int,
    end: int,
    rules: _Rules,
    kind: str,
    max_tokens: int,
    region_starts: set[int],
    keep_head: bool = False,
) -> _Item | None:
    """A name of capitalised words after a level word (`Desa Sukamaju`, `Jalan Kapten Tendean`)."""
    pos = end
    last = end
    taken = 0
    prev_tok = ""
    for _ in range(max_tokens):
        m = _TOKEN.match(text, pos)
        if not m:
            break
        tok = m.group(1)
        if not _is_cap(tok) or tok in rules.name_stop or tok in _LEVEL_TOKENS:
            break
        if tok[0].isdigit() and taken == 0:
            break
        if tok[0].isdigit() and (nx := _TOKEN.match(text, m.end())) is not None and nx.group(1)[:1].islower():
            break  # `Desa Yeh Kuning 10 jiwa`: a count of what is there, not part of the name
        if taken and m.start(1) in region_starts and prev_tok not in rules.street_continue \
                and tok not in rules.street_continue:
            break  # "Jalan Sultan Syarif Hasim Pangkalan Kerinci": the street ends where the town begins
            # ("Jalan Pantura Kaligawe Raya" goes on: `Raya` closes street names, whatever region it also names)
        pos = last = m.end()
        taken += 1
        prev_tok = tok
    if taken == 0:
        return None
    name_start = s if keep_head else _TOKEN.match(text, end).start(1)  # type: ignore[union-attr]
    name = _WS.sub(" ", text[name_start:last])
    return _Item(s, last, kind, name)


def _venues(text: str, triggers: list[Any], region_at: dict[int, RegionMatch], rules: _Rules) -> list[_Item]:
    out: list[_Item] = []
    for t in triggers:
        if not isinstance(t, _VenueTrigger):
            continue
        v = _venue(text, t, region_at, rules)
        if v is not None:
            v.weak = _headline_line(text, v.start)
            out.append(v)
    return leftmost_longest(out)


def _region_after(text: str, pos: int, region_at: dict[int, RegionMatch]) -> str | None:
    """The region written right after a venue (`Gedung Sate Kota Bandung`, `Istana Negara, Jakarta`)."""
    m = _COMMA_OR_SPACE.match(text, pos)
    reg = region_at.get(m.end()) if m else None
    return reg.region.code if reg is not None else None


def _venue_by_suffix(text: str, t: _VenueTrigger, region_at: dict[int, RegionMatch], rules: _Rules) -> _Item | None:
    """`di NasDem Tower`: up to three capitalised words before a closing venue word, after a locative."""
    start = t.start
    for _ in range(3):
        span = _prev_word_span(text, start)
        w = text[span[0] : span[1]] if span else ""
        if not span or not w[:1].isupper() or not w.replace("-", "").isalnum():
            break
        start = span[0]
    if start == t.start or _prev_word(text, start) not in rules.locatives:
        return None
    return _Item(start, t.end, "venue", _WS.sub(" ", text[start : t.end]), None, _region_after(text, t.end, region_at))


def _venue(text: str, t: _VenueTrigger, region_at: dict[int, RegionMatch], rules: _Rules) -> _Item | None:
    trig = t.trig
    if trig.kind == "venue_suffix":
        return _venue_by_suffix(text, t, region_at, rules)
    prev = _prev_word(text, t.start)
    after_locative = prev is not None and prev in rules.locatives
    if trig.prep and not after_locative:
        return None
    if trig.kind == "venue_fixed":
        return _Item(t.start, t.end, "venue", trig.value, None, _region_after(text, t.end, region_at))
    pos = t.end
    last = t.end
    names = 0
    parent: str | None = None
    prev_tok = trig.value.split()[-1]
    alpha = 0
    for _ in range(10):
        if names:
            pm = _PAREN_ACRONYM.match(text, pos)
            if pm:  # "Aula Sultan Syarif Abdurrahman (SSA) Kantor Wali Kota"
                pos = pm.end()
                continue
        m = _TOKEN.match(text, pos)
        if not m:
            break
        tok = m.group(1)
        tstart = m.start(1)
        reg = region_at.get(tstart)
        if reg is not None:
            inside = prev_tok in rules.venue_generic or last == t.end or prev_tok in ("Kota", "Balaikota")
            if not inside:
                parent = reg.region.code
                break
            parent = reg.region.code
            pos = last = reg.end
            names += 1
            alpha += 1
            prev_tok = reg.text.split()[-1]
            if _headline_line(text, t.start):
                break  # "Gedung DPRD Jatim Arus Lalin ...": in a headline the region closes the name
            continue
        if names == 0 and tok.lower() in rules.venue_modifiers:
            pos = m.end()
            prev_tok = tok
            continue
        if not _is_cap(tok) or tok in rules.name_stop:
            break
        if tok[0].isdigit() and (nx := _TOKEN.match(text, m.end())) is not None and nx.group(1)[:1].islower():
            break  # `di Puskesmas Waimital 74 orang`: a count, not a ward number
        pos = last = m.end()
        names += 1
        alpha += tok[0].isalpha()
        if not _NUMBERISH.fullmatch(tok):  # "Aula Setda II Pemkot Cilegon": the number is not the name
            prev_tok = tok
    if names == 0:
        complete = trig.value in ("Balai Kota", "Balaikota") or (trig.prep_alone and after_locative)
        if not complete or last != t.end:
            if trig.kind == "venue" and trig.value in rules.venue_heads_also_suffix:
                return _venue_by_suffix(text, t, region_at, rules)  # "di Tribrata Hotel"
            return None
    if trig.kind == "venue_lower" and alpha == 0:
        return None
    if parent is None:
        parent = _region_after(text, last, region_at)
    start = t.start
    name = _WS.sub(" ", _PAREN_ACRONYM.sub("", text[start:last]))
    if name.startswith(rules.venue_not):
        return None
    return _Item(start, last, "venue", name, None, parent)


# -- merging ---------------------------------------------------------------


def _merge(text: str, items: list[Any]) -> tuple[list[Place], list[tuple[int, int, str]]]:
    """One Place per region code (or per name), holding every mention.

    A venue written once in full and once shortened (`Aula Pandopo Bupati
    SBT` ... `Aula Pandopo Bupati`) is one venue under its fuller name.
    """
    items = sorted((i for i in items if isinstance(i, _Item)), key=lambda i: (i.start, -i.end))
    groups: dict[tuple[str, str], list[_Item]] = {}
    for it in items:
        if it.kind in ("other_street", "other_area"):
            it.kind = "other"
        key = ("code", it.code) if it.code else ("name", it.name.casefold())
        groups.setdefault(key, []).append(it)
    venue_keys = sorted((k for k, g in groups.items() if g[0].kind == "venue"), key=lambda k: -len(k[1]))
    if len(venue_keys) > 200:
        venue_keys = []  # a text with hundreds of venues is no news article; skip the pairwise merge
    for short in reversed(venue_keys):
        for long in venue_keys:
            if long == short or len(long[1]) <= len(short[1]) or long not in groups or short not in groups:
                continue
            if long[1].startswith(short[1] + " "):
                groups[long].extend(groups.pop(short))
                break
    # `gedung Mahkamah Agung (MA)` ... `gedung MA`, `Monumen Nasional (Monas)` ... `Monas`: one venue
    for long in venue_keys:
        if long not in groups:
            continue
        for it in list(groups[long]):
            m = _ACRONYM_AFTER.match(text, it.end)
            if m is None:
                continue
            acr = m.group(1)
            shorts = {acr.casefold(), (it.name.split(" ", 1)[0] + " " + acr).casefold()}
            for short in [k for k in venue_keys if k != long and k in groups and k[1] in shorts]:
                groups[long].extend(groups.pop(short))
            break
    # a street read off a headline (`Jalan Indrapura Dialihkan`) is the body's shorter street
    other_keys = [k for k, g in groups.items() if g[0].kind == "other"]
    if len(other_keys) <= 200:
        for k in other_keys:
            if not all(i.weak for i in groups[k]):
                continue
            for short in other_keys:
                if short != k and short in groups and k[1].startswith(short[1] + " "):
                    groups[short].extend(groups.pop(k))
                    break
    places: list[Place] = []
    spans: list[tuple[int, int, str]] = []
    for group in groups.values():
        group.sort(key=lambda i: i.start)
        # a headline's run of capitals (`Museum Louvre Kemalingan`) yields to the body's form of the name
        first = max(group, key=lambda i: (i.written is None, not i.weak, len(i.name), -i.start))
        name = first.name if first.written is None else first.written
        mentions = tuple(Mention(i.start, i.end, text[i.start : i.end]) for i in group)
        parent = first.parent or next((i.parent for i in group if i.parent), None)
        places.append(
            Place(
                name=name,
                kind=first.kind,
                code=first.code,
                parent=parent,
                mentions=mentions,
                start=group[0].start,
                end=group[0].end,
            )
        )
        spans.extend((i.start, i.end, first.kind) for i in group)
    places.sort(key=lambda p: p.start or 0)
    spans.sort()
    return places, spans


@Language.factory("berita_places")
def make_places(nlp: Language, name: str) -> PlacesComponent:
    return PlacesComponent()
