"""The berita_events component: typed events tying the record's items together.

Runs last: it reads the dates, places, organizations and people the other
components put on the article state and only decides which of them play a
role in an event.  It never re-finds entities, so an event can never name
something the record does not hold (except a government derived from a
signatory's office, which the office itself proves).

What goes into `events` by default is what FORMAT v1 calls an event: an
agreement signing that happened or is happening.  Planned or rumoured
signings and the further types (inauguration, working visit, facility
inauguration, handover) are found too, but go to the record's
`other_events` (and the `berita_events` spans), because FORMAT v1 consumers
and the dev scorer count every entry of `events` as a signing.  Build
the component with `config={"all_events": True}` to have them all in the
record; plans then carry the type suffix `_planned` and status `planned`.
"""

from __future__ import annotations

import contextvars
import datetime as dt
import functools
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

import regex
from spacy.language import Language
from spacy.tokens import Doc

from .events_other import find_other_events, type_cues
from .events_text import (
    Hit,
    MentionIndex,
    Sentences,
    StemIndex,
    alternation,
    cue_words,
    date_index,
    load_json,
    org_index,
    person_index,
    place_index,
    quote,
    triggers_at,
    word_re,
)
from .records import DateItem, Event, EventArg, Finding, Mention, Organization, Person, Place
from .state import ArticleState, ZoneMap, article_text, get_state, set_spans

_LOG = logging.getLogger(__name__)
PLANNED_SUFFIX = "_planned"
AGREEMENT = "agreement_signing"
_LEVEL_WORD = regex.compile(r"^(?:kabupaten|kab\.?|kota|provinsi|prov\.?)\s+", regex.IGNORECASE)
_ALIAS_PAIRS: contextvars.ContextVar[set[frozenset[int]]] = contextvars.ContextVar("events_alias_pairs")
"""Organizations written as `Full Name (Short)` in this article: one party, whatever upstream merged."""
_AT_PLACE = regex.compile(r"(?<![\w-])(?:di|ke|bertempat di|berlangsung di|digelar di)\s+$", regex.IGNORECASE)
_QUALIFIER_GAP = regex.compile(r"[\s)]*(?:\([^()]{0,3}\)|\(\w{1,12}\))?[\s)]*|\s*\(\s*")
REGION_KINDS = frozenset({"provinsi", "kabupaten", "kota", "kecamatan", "desa", "kelurahan", "negara"})


@dataclass(frozen=True)
class AgreementCues:
    """The compiled cue patterns of `events_agreement.json` (built once per process)."""

    trigger: regex.Pattern[str]
    instrument: regex.Pattern[str]
    instrument_types: tuple[tuple[regex.Pattern[str], str], ...]
    instrument_before: regex.Pattern[str]
    upper_only: frozenset[str]
    citation: regex.Pattern[str]
    not_instrument: regex.Pattern[str]
    regulation: regex.Pattern[str]
    witness_subject: regex.Pattern[str]
    plan_word: regex.Pattern[str]
    rumour_word: regex.Pattern[str]
    negation_word: regex.Pattern[str]
    ongoing_word: regex.Pattern[str]
    plan_after: regex.Pattern[str]
    witness: regex.Pattern[str]
    agent: regex.Pattern[str]
    speech_before: regex.Pattern[str]
    speech_after: regex.Pattern[str]
    continuation: regex.Pattern[str]
    field: regex.Pattern[str]
    venue_before: regex.Pattern[str]
    cooperation: regex.Pattern[str]
    government: regex.Pattern[str]
    government_unit: regex.Pattern[str]
    role_to_government: tuple[tuple[regex.Pattern[str], str], ...]
    government_short: tuple[tuple[str, str], ...]
    acronym_skip: frozenset[str]
    generic: frozenset[str]
    cooperation_verb: regex.Pattern[str]
    list_opener: regex.Pattern[str]
    list_continuer: regex.Pattern[str]
    instrument_after: regex.Pattern[str]
    agent_stop: regex.Pattern[str]
    location_before: regex.Pattern[str]
    location_chain: regex.Pattern[str]
    level_word: regex.Pattern[str]
    government_of_level: dict[str, str]
    role_to_institution: tuple[tuple[regex.Pattern[str], str], ...]
    office_to_institution: dict[str, tuple[str, ...]]
    attribution: regex.Pattern[str]
    tally: regex.Pattern[str]
    prefilter: tuple[str, ...]
    list_header: regex.Pattern[str]
    list_item: regex.Pattern[str]
    list_partner: regex.Pattern[str]
    habitual: regex.Pattern[str]
    plural_partner: regex.Pattern[str]
    plural_alone: frozenset[str]
    perfect_word: regex.Pattern[str]
    next_before: regex.Pattern[str]
    next_object: regex.Pattern[str]
    next_kinds: dict[str, frozenset[str]]


def _single_word(fragments: Sequence[str]) -> regex.Pattern[str]:
    return regex.compile("(?:" + "|".join(fragments) + ")", regex.IGNORECASE)


@functools.lru_cache(maxsize=1)
def agreement_cues() -> AgreementCues:
    d = load_json("events_agreement.json")
    inst = [(f, t) for f, t in d["instruments"]]
    return AgreementCues(
        trigger=word_re(d["triggers"]),
        instrument=word_re(f for f, _ in inst),
        instrument_types=tuple((regex.compile(f, regex.IGNORECASE), t) for f, t in inst),
        # `PKS Tripartit`: a capitalised word right after an instrument (and its
        # bracketed short form) names the instrument, it is nobody who signed
        instrument_before=regex.compile(
            r"(?<![\w-])" + alternation(f for f, _ in inst) + r"(?:\s*\(\w{1,12}\))?\s+$", regex.IGNORECASE
        ),
        upper_only=frozenset(d["instrument_uppercase_only"]),
        citation=regex.compile(d["citation_after_instrument"], regex.IGNORECASE),
        not_instrument=regex.compile(
            r"\s+(?:(?:naskah|dokumen|lembar|sebuah|secara simbolis)\s+)?(?:"
            + "|".join(d["not_instruments"] + d["regulations"])
            + r")(?![\w-])",
            regex.IGNORECASE,
        ),
        regulation=word_re(d["regulations"]),
        witness_subject=word_re(d["witness_subject_cues"]),
        plan_word=_single_word(d["plan_cues"]),
        rumour_word=_single_word(d["rumour_cues"]),
        negation_word=_single_word(d["negation_cues"]),
        ongoing_word=_single_word(d["ongoing_cues"]),
        plan_after=word_re(d["plan_after"]),
        witness=word_re(d["witness_cues"]),
        agent=word_re(d["agent_cues"]),
        speech_before=regex.compile(r"^[\s,\"“”]*" + word_re(d["speech_before"]).pattern, regex.IGNORECASE),
        speech_after=regex.compile(
            r"^[\s,]*(?:\([^()]{0,40}\)\s*)?" + word_re(d["speech_after"]).pattern, regex.IGNORECASE
        ),
        continuation=word_re(d["continuation_cues"]),
        field=regex.compile(
            r"(?<![\w.,])(?<!\d\s)(?:(?:di|dalam|pada)\s?)?bidang\s+([^,.;:\n()\"“”]{3,90}?)"
            r"(?=\s+(?:di|pada|antara|dengan|oleh|yang|untuk|guna|serta|bersama|dalam|ini|itu|tersebut|akan|"
            r"diharapkan|sebagai|agar|supaya|sehingga|kepada|bagi)\s|[,.;:\n()\"“”]|$)",
            regex.IGNORECASE,
        ),
        venue_before=regex.compile(d["venue_before"], regex.IGNORECASE),
        cooperation=word_re(d["cooperation_cues"]),
        government=regex.compile(d["government_name"], regex.IGNORECASE),
        government_unit=regex.compile(d["government_unit"], regex.IGNORECASE),
        role_to_government=tuple(
            (regex.compile(r"^(?:pj\.?|plt\.?|plh\.?|penjabat)?\s*" + k + "$", regex.IGNORECASE), v)
            for k, v in d["role_to_government"].items()
        ),
        government_short=tuple(sorted(d["government_short"].items(), key=lambda kv: -len(kv[0]))),
        acronym_skip=frozenset(d["acronym_skip_words"]),
        generic=frozenset(d["generic_party_names"]),
        cooperation_verb=word_re(d["cooperation_verbs"]),
        list_opener=regex.compile(d["list_openers"], regex.IGNORECASE),
        list_continuer=regex.compile(d["list_continuers"], regex.IGNORECASE),
        instrument_after=regex.compile(d["instrument_after_trigger"], regex.IGNORECASE),
        agent_stop=word_re(d["agent_stop"]),
        location_before=regex.compile(d["location_before_region"], regex.IGNORECASE),
        # `di A, B, ` right before a region: capitalised names and commas only
        # since a locative, so the region closes an address.  Each repeat starts
        # with a capital and the inner classes are disjoint: linear.
        location_chain=regex.compile(
            rf"(?<![\w])(?:{'|'.join(d['address_openers'])})\s+(?:[A-Z0-9][\w.'’/-]*+[\s,]*+)+$"
        ),
        level_word=regex.compile(r"(?:kabupaten|kab\.|kota|provinsi|prov\.)\s+$", regex.IGNORECASE),
        government_of_level=dict(d["government_of_level"]),
        prefilter=tuple(d["prefilter"]),
        office_to_institution={_fold(k): tuple(v) for k, v in d.get("office_to_institution", {}).items()},
        attribution=word_re(d["attribution_cues"]),
        tally=regex.compile(d["tally_before"], regex.IGNORECASE),
        list_header=word_re([d["document_list_header"]]),
        list_item=regex.compile(d["document_list_item"]),
        list_partner=regex.compile(d["document_list_partner"], regex.IGNORECASE),
        habitual=word_re(d["habitual_before"]),
        plural_partner=regex.compile(r"\s+" + d["plural_partner_after"], regex.IGNORECASE),
        plural_alone=frozenset(d["plural_partner_alone"]),
        perfect_word=_single_word(d["perfect_before"]),
        next_before=regex.compile(d["next_signing_before"], regex.IGNORECASE),
        next_kinds={k: frozenset(v) for k, v in d["next_signing_kinds"].items()},
        next_object=regex.compile(
            d["next_signing_object"] + "(" + alternation(f for f, _ in inst) + r")(?![\w-])", regex.IGNORECASE
        ),
        role_to_institution=tuple(
            (regex.compile(r"^" + k + "$", regex.IGNORECASE), v) for k, v in d["role_to_institution"].items()
        ),
    )


# ---------------------------------------------------------------------------
# small text predicates


def _fold(s: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", s.casefold()).split())


def _status(text: str, start: int, end: int, sent: tuple[int, int], cues: AgreementCues) -> str | None:
    """happened / ongoing / planned from the words just before (and, for a
    noun trigger, just after) it; None when the text denies it (`belum`)."""
    words = cue_words(text, start, sent[0], 4)
    if any(cues.negation_word.fullmatch(w) for w in words[-3:]):
        return None
    if cues.tally.search(text, max(sent[0], start - 80), start):
        return None  # `sudah ada 50 investor yang menandatangani`: a running count, no occasion
    pm = cues.plural_partner.match(text, end, min(sent[1], end + 160))
    if pm is not None and (
        pm.group("who").casefold() in cues.plural_alone
        or cues.habitual.search(text, _clause_start(text, start, sent[0]), start)
    ):
        return None  # `rutin meneken MoU dengan berbagai negara`: many signings summed up
    if any(cues.rumour_word.fullmatch(w) or cues.plan_word.fullmatch(w) for w in words):
        return "planned"
    after = text[end : min(sent[1], end + 120)]
    m = cues.plan_after.search(after)
    if m and not regex.search(r"[,;]", after[: m.start()]):
        return "planned"
    if any(cues.ongoing_word.fullmatch(w) for w in words[-2:]):
        return "ongoing"
    return "happened"


def _clause_start(text: str, pos: int, lo: int) -> int:
    """Start of the clause holding `pos`: after the last comma, quote or colon."""
    best = lo
    for ch in (",", "\"", "“", "”", ":", ";"):
        i = text.rfind(ch, lo, pos)
        if i >= 0 and i + 1 > best:
            best = i + 1
    return best


def _is_speaker(text: str, h: Hit[Person], sent: tuple[int, int], cues: AgreementCues) -> bool:
    cs = _clause_start(text, h.start, sent[0])
    if cues.speech_before.match(text, cs, h.start):
        return True
    # the clause from the speech verb to the name may hold the office: `kata Bupati X`
    if cues.speech_before.match(text[cs : h.start]):
        return True
    return bool(cues.speech_after.match(text[h.end : min(sent[1], h.end + 60)]))


def _excluded_ranges(text: str, sent: tuple[int, int], cues: AgreementCues) -> list[tuple[int, int]]:
    """Stretches of a sentence naming attendees and witnesses, not signers.

    A witness cue covers the rest of the sentence, unless a signing verb
    follows it (`Disaksikan Gubernur, Bupati X menandatangani ...`): then
    it ends at the last comma before that verb.
    """
    out: list[tuple[int, int]] = []
    s, e = sent
    for m in cues.witness.finditer(text, s, e):
        end = e
        t = cues.trigger.search(text, m.end(), e)
        if t is not None:
            c = text.rfind(",", m.end(), t.start())
            end = c if c > 0 else t.start()
        out.append((m.start(), end))
    # `Dikutip Biro Pers Istana, ...`: where the news was read, not who signed
    for m in cues.attribution.finditer(text, s, e):
        stops = [x for x in (text.find(",", m.end(), e), text.find(".", m.end(), e)) if x >= 0]
        t = cues.trigger.search(text, m.end(), e)
        if t is not None:
            stops.append(t.start())
        out.append((m.start(), min(stops) if stops else e))
    # `Jaksa Agung Muda X menghadiri penandatanganan ...`: the subject attended
    for m in cues.witness_subject.finditer(text, s, e):
        last = s
        for t in cues.trigger.finditer(text, s, m.start()):
            last = t.end()
        out.append((last, m.start()))
    return out


def _regulation_subject(text: str, start: int, sent: tuple[int, int], cues: AgreementCues) -> bool:
    """`Perpres itu diteken Presiden`: what is signed in a passive clause is
    named before the verb, and a regulation is no agreement."""
    cs = _clause_start(text, start, sent[0])
    return bool(
        cues.regulation.search(text, cs, start) and not cues.instrument.search(text, cs, start)
    )


def _agent_ranges(text: str, sent: tuple[int, int], cues: AgreementCues) -> list[tuple[int, int]]:
    """Stretches naming who acted for a party (`Pemkab X melalui dinas terkait,
    Dinas A, Dinas B`): they run to the next `dengan`/`antara`/`bersama` or
    signing verb, since what follows those is a party again."""
    out: list[tuple[int, int]] = []
    s, e = sent
    for m in cues.agent.finditer(text, s, e):
        stops = [x.start() for x in (cues.agent_stop.search(text, m.end(), e), cues.trigger.search(text, m.end(), e))
                 if x is not None]
        out.append((m.start(), min(stops) if stops else e))
    return out


def _inside(pos: int, ranges: Sequence[tuple[int, int]]) -> bool:
    return any(a <= pos < b for a, b in ranges)


# ---------------------------------------------------------------------------
# agreement signings


@dataclass
class _Trigger:
    start: int
    end: int
    sent: tuple[int, int]
    instrument: str | None
    status: str


@dataclass
class _Occasion:
    triggers: list[_Trigger] = field(default_factory=list)
    orgs: list[Organization] = field(default_factory=list)
    follows: bool = False
    """The next signing of the same ceremony (`dilanjutkan dengan penandatanganan PKS`)."""


def _instrument_at(text: str, sent: tuple[int, int], cues: AgreementCues) -> tuple[str | None, bool]:
    """Instrument type named in the sentence, and whether every instrument
    there is a citation of an old one (`Nota Kesepahaman Nomor ...`)."""
    found: str | None = None
    cited = False
    for m in cues.instrument.finditer(text, sent[0], sent[1]):
        raw = m.group()
        key = raw.casefold()
        if key in cues.upper_only and raw == raw.lower():
            continue
        if cues.citation.match(text, m.end(), m.end() + 40):
            cited = True
            continue
        kind = next((t for p, t in cues.instrument_types if p.fullmatch(raw)), "perjanjian")
        if found is None or found in ("perjanjian", "kesepakatan"):
            found = kind
    return found, cited and found is None


def _find_triggers(
    text: str, stems: Sequence[int], zmap: ZoneMap, sents: Sentences, cues: AgreementCues
) -> list[_Trigger]:
    out: list[_Trigger] = []
    for m in triggers_at(text, stems, cues.trigger):
        if not zmap.allows(m.start()):
            continue
        if cues.not_instrument.match(text, m.end(), m.end() + 80):
            continue
        sent = sents.span(m.start())
        if m.group()[:2].lower() == "di" and _regulation_subject(text, m.start(), sent, cues):
            continue
        status = _status(text, m.start(), m.end(), sent, cues)
        if status is None:
            continue
        inst, _ = _instrument_at(text, sent, cues)
        if inst is None and cues.instrument_after.match(text, m.end(), m.end() + 40):
            inst = "kerja_sama"
        out.append(_Trigger(m.start(), m.end(), sent, inst, status))
    return out


def _orgs_in(
    text: str, sent: tuple[int, int], orgs: MentionIndex[Organization], excl: Sequence[tuple[int, int]],
    cues: AgreementCues, venues: Sequence[tuple[int, int]] = (),
) -> list[Hit[Organization]]:
    """Organizations of a sentence that can be parties.

    Left out: mentions in witness or agent stretches (`Pemkab X melalui
    Bappeda`), mentions nested in an earlier one or inside a venue name
    (`Aula Setda II Pemkot Cilegon`), bare generic names (`Pemkab`) that
    only point back at a party named in full, an alias in brackets right
    after its full name, and a parent written right after another
    organization (`DJPK Kementerian Keuangan`): it qualifies that one, it
    did not sign.
    """
    out: list[Hit[Organization]] = []
    prev_end = -1
    prev_item: Organization | None = None
    ranges = [*excl, *_agent_ranges(text, sent, cues)]
    for h in orgs.within(sent[0], sent[1]):
        if h.start < prev_end:
            continue
        gap = text[prev_end : h.start] if prev_end >= 0 else "x"
        close = prev_end >= 0 and _QUALIFIER_GAP.fullmatch(gap) is not None
        attached = close and h.item is not prev_item
        if attached and prev_item is not None and gap.rstrip().endswith("("):
            _ALIAS_PAIRS.get().add(frozenset((id(prev_item), id(h.item))))
        prev_end, prev_item = h.end, h.item
        # `Kementerian Keuangan (Kemenkeu)` after `DJPK`: the bracketed short
        # form repeats the mention before it and shares its fate (a parent
        # that qualifies a party stays out in either spelling)
        if close or _inside(h.start, ranges):
            continue
        if any(a <= h.start and h.end <= b for a, b in venues):
            continue
        if _AT_PLACE.search(text, max(sent[0], h.start - 16), h.start):
            continue  # `... di Mabes Polri, Jakarta`: where it was signed, not who signed
        if _fold(h.item.name) in cues.generic:
            continue
        out.append(h)
    return out


_HEAD_BEFORE = regex.compile(
    r"(?<![\w-])(?:(?:pj|plt|plh|pjs)\.?\s+|penjabat\s+|wakil\s+)?(?P<role>bupati|wali\s?kota|gubernur)\s+"
    r"(?:(?:kabupaten|kab\.|kota|provinsi|prov\.)\s+)?$",
    regex.IGNORECASE,
)
_HEAD_KIND = {"bupati": "kabupaten", "wali kota": "kota", "walikota": "kota", "gubernur": "provinsi"}




def _region_parties(
    text: str, sent: tuple[int, int], places: MentionIndex[Place], taken: Sequence[tuple[int, int]],
    excl: Sequence[tuple[int, int]], cues: AgreementCues,
) -> list[Organization]:
    """Regions listed as signers by their level word (`yaitu Kabupaten Luwu
    Timur, Kabupaten Sukamara`): each is its regional government.  A region
    after `di`/`ke`/`se-` is where, not who, and one after a capitalised word
    belongs to an office (`Sekretaris Daerah Kabupaten Bogor`)."""
    out: list[Organization] = []
    for h in places.within(sent[0], sent[1]):
        pl = h.item
        if pl.kind not in cues.government_of_level or not pl.code or _inside(h.start, excl):
            continue
        if any(a <= h.start < b for a, b in taken):
            continue
        hm = _HEAD_BEFORE.search(text, max(sent[0], h.start - 30), h.start)
        if hm is not None:
            # `Bupati Kukar`: the office names the government that signs
            if _HEAD_KIND.get(regex.sub(r"\s+", " ", hm.group("role").casefold())) == pl.kind:
                out.append(Organization(name=f"{cues.government_of_level[pl.kind]} {pl.name}", kind="government",
                                        code=pl.code, start=h.start, end=h.end))
            continue
        head = text[h.start : h.end]
        lvl = regex.match(r"(?:kabupaten|kab\.|kota|provinsi|prov\.)\s+", head, regex.IGNORECASE)
        lw_start = h.start
        if lvl is None:
            m = cues.level_word.search(text, max(sent[0], h.start - 12), h.start)
            if m is None:
                continue
            lw_start = m.start()
        before = text[max(sent[0], lw_start - 20) : lw_start]
        if cues.location_before.search(before):
            continue
        if cues.location_chain.search(text, max(sent[0], lw_start - 120), lw_start):
            continue  # `di Ruang Polibu, Kantor Gubernur X, Kota Palu`: the end of an address
        prev_tok = before.split()[-1] if before.split() else ""
        if prev_tok[:1].isupper() and not prev_tok.endswith((",", ":", ";")):
            continue
        if pl.kind == "provinsi" and prev_tok[:1].isupper():
            continue  # `Belu, Provinsi Nusa Tenggara Timur`: where Belu lies
        out.append(Organization(name=f"{cues.government_of_level[pl.kind]} {pl.name}", kind="government",
                                code=pl.code, start=h.start, end=h.end))
    return out


def _signers_in(
    text: str, sent: tuple[int, int], people: MentionIndex[Person], excl: Sequence[tuple[int, int]],
    cues: AgreementCues, blocked: Sequence[tuple[int, int]] = (),
) -> list[Hit[Person]]:
    """People of a signing sentence who signed: not witnesses, not speakers,
    and not a `person` that is part of an organization's or venue's name or
    a signing word (upstream noise must not become a signatory)."""
    return [
        h
        for h in people.within(sent[0], sent[1])
        if not _inside(h.start, excl)
        and not any(a < h.end and h.start < b for a, b in blocked)
        and not cues.trigger.fullmatch(text, h.start, h.end)
        and not _is_speaker(text, h, sent, cues)
        and not cues.instrument_before.search(text, max(sent[0], h.start - 60), h.start)
    ]


def _speaker_ranges(
    text: str, sent: tuple[int, int], people: MentionIndex[Person], cues: AgreementCues
) -> list[tuple[int, int]]:
    """A speaker's name with the office written before it (`Kepala BPKAD
    Kota X, Absiah mengatakan ...`): the office's organization is who
    speaks about the signing, not a party to it."""
    out: list[tuple[int, int]] = []
    for h in people.within(*sent):
        if not _is_speaker(text, h, sent, cues):
            continue
        start = h.start
        for pos in h.item.positions:
            if pos.start is not None and pos.end is not None and 0 <= h.start - pos.end < 80:
                start = min(start, max(pos.start, sent[0]))
        out.append((start, h.end))
    return out


def _acronym(name: str, skip: frozenset[str]) -> str:
    return "".join(w[0] for w in _fold(name).split() if w not in skip)


def _org_forms(o: Organization, cues: AgreementCues) -> set[str]:
    forms = {_fold(x) for x in (o.name, *o.aliases) if _fold(x)}
    for f in list(forms):
        for short, full in cues.government_short:
            if f.startswith(short + " "):
                forms.add(full + f[len(short) :])
    return forms


def _same_party(a: Organization, b: Organization, cues: AgreementCues) -> bool:
    """One party named two ways: shared form, acronym of the other, or two
    government names of one region code (`Pemda Belu`, `Pemerintah Kabupaten Belu`)."""
    if a is b:
        return True
    fa, fb = _org_forms(a, cues), _org_forms(b, cues)
    if fa & fb:
        return True
    acr_a = {_acronym(x, cues.acronym_skip) for x in fa if len(x.split()) > 1}
    acr_b = {_acronym(x, cues.acronym_skip) for x in fb if len(x.split()) > 1}
    if ({x.replace(" ", "") for x in fa} & acr_b) or ({x.replace(" ", "") for x in fb} & acr_a):
        return True
    # a unit written by its parent's name and more (`PT PLN Indonesia Power`,
    # `PT PLN Indonesia Power Suralaya Generation Unit`) signs as one party
    if any(len(x.split()) >= 2 and y.startswith(x + " ") for x in fa for y in fb) or any(
        len(y.split()) >= 2 and x.startswith(y + " ") for x in fa for y in fb
    ):
        return True
    if frozenset((id(a), id(b))) in _ALIAS_PAIRS.get():
        return True
    # `BPJS Cabang Ambon` / `BPJS Kesehatan Cabang Ambon`: a shortening that
    # keeps the first and last words and drops some in between
    if any(_is_shortening(x, y) or _is_shortening(y, x) for x in fa for y in fb):
        return True
    if not a.code or a.code != b.code:
        return False
    ga, gb = bool(cues.government.match(a.name)), bool(cues.government.match(b.name))
    return (ga and gb) or (ga and bool(cues.government_unit.match(b.name))) or (
        gb and bool(cues.government_unit.match(a.name))
    )


def _is_shortening(short: str, full: str) -> bool:
    sw, fw = short.split(), full.split()
    if len(sw) < 3 or len(sw) >= len(fw) or sw[0] != fw[0] or sw[-1] != fw[-1]:
        return False
    it = iter(fw)
    return all(w in it for w in sw)


def _fullest(a: Organization, b: Organization, known: set[int], cues: AgreementCues) -> Organization:
    """The name to report for one party named two ways: a government over
    its secretariat, the record's own organization over one derived from an
    office, then the longer name."""
    ua, ub = bool(cues.government_unit.match(a.name)), bool(cues.government_unit.match(b.name))
    if ua != ub:
        return b if ua else a
    ka, kb = id(a) in known, id(b) in known
    if ka != kb:
        return a if ka else b
    return a if len(a.name) >= len(b.name) else b


def _party_of_signer(
    p: Person, orgs: Sequence[Organization], cues: AgreementCues,
) -> Organization | None:
    """The institution a signatory signed for, from the office held.

    A regional head signs for the regional government of its code; other
    offices sign for the organization named by their unit (`Rektor UB`,
    `Kepala Kejaksaan Negeri Belu`, `Menteri Dalam Negeri`).  When the
    government is not among the organizations it is named from the office.
    """
    for pos in p.positions:
        role = (pos.role or "").strip()
        names = cues.office_to_institution.get(_fold(role)) if not pos.unit else None
        if names:
            wanted = {_fold(n) for n in names}
            found = next((o for o in orgs if wanted & set(_org_forms(o, cues))), None)
            return found or Organization(name=names[0], kind="institution")
        gov_prefix = next((v for r, v in cues.role_to_government if r.match(role)), None)
        if gov_prefix and pos.code:
            for o in orgs:
                if o.code == pos.code and cues.government.match(o.name):
                    return o
            if pos.unit:
                unit = _LEVEL_WORD.sub("", pos.unit)
                return Organization(name=f"{gov_prefix} {unit}", kind="government", code=pos.code)
        if pos.unit:
            u = _fold(pos.unit)
            if not u:
                continue
            for o in orgs:
                forms = _org_forms(o, cues)
                if u in forms or any(f.endswith(" " + u) and len(u.split()) >= 2 for f in forms):
                    return o
            inst = next((v for r, v in cues.role_to_institution if r.match(role)), None)
            if inst:
                return Organization(name=f"{inst} {pos.unit}", kind="ministry")
    return None


def _title_for(p: Person, mention: Hit[Person]) -> str | None:
    """The office written next to this mention, else the person's first title."""
    best: str | None = None
    best_d = 10**9
    for pos in p.positions:
        if pos.start is None or pos.end is None:
            continue
        d = mention.start - pos.end if pos.end <= mention.start else pos.start - mention.end
        if 0 <= d < 80 and d < best_d:
            best, best_d = pos.text, d
    if best is None:
        if p.positions:
            best = p.positions[0].text
        elif p.titles:
            best = p.titles[0]
    return best


def _event_date(
    text: str, occ: _Occasion, dates: MentionIndex[DateItem], sents: Sentences,
    cues: AgreementCues | None = None,
) -> tuple[str | None, DateItem | None]:
    """The day of the occasion: a day date in its first signing sentence
    (closest to the trigger), else in its other signing sentences, else in
    the paragraph of one, else within two sentences of one.  Months and
    years alone (`Tahun 2021`) are not the day of a signing.  Outside its
    own sentences, a date in a sentence telling another signing (`Perpres
    itu diteken Presiden pada 10 Oktober`) is that signing's day."""
    own = {t.sent for t in occ.triggers}

    def other_signing(pos: int) -> bool:
        if cues is None:
            return False
        sp = sents.span(pos)
        return sp not in own and cues.trigger.search(text, sp[0], sp[1]) is not None

    def pick(lo: int, hi: int, anchor: int) -> DateItem | None:
        good = [h for h in dates.within(lo, hi) if h.item.value and h.item.grain == "day"]
        good = [h for h in good if not other_signing(h.start)]
        if not good:
            return None
        good.sort(key=lambda h: abs(h.start - anchor))
        return good[0].item

    d: DateItem | None = None
    for t in occ.triggers:
        d = pick(t.sent[0], t.sent[1], t.start)
        if d is not None:
            return d.value, d
    for t in occ.triggers:
        ps = text.rfind("\n", 0, t.start) + 1
        pe = text.find("\n", t.end)
        d = pick(ps, len(text) if pe < 0 else pe, t.start)
        if d is not None:
            return d.value, d
    if cues is not None and all(
        any(cues.perfect_word.fullmatch(w) for w in cue_words(text, t.start, t.sent[0], 2)) for t in occ.triggers
    ):
        return None, None  # `telah menandatangani`: a nearby date is when it was told, not signed
    for t in occ.triggers:
        i = sents.index(t.start)
        lo = sents.by_index(max(i - 2, 0))[0]
        hi = sents.by_index(min(i + 2, len(sents) - 1))[1]
        d = pick(lo, hi, t.start)
        if d is not None:
            return d.value, d
    return None, None


def _occasions(
    text: str, triggers: list[_Trigger], orgs: MentionIndex[Organization], people: MentionIndex[Person],
    cues: AgreementCues,
) -> list[_Occasion]:
    """Group the signing sentences into occasions.

    One article usually reports one signing, told over several sentences;
    those are one event, whatever number of parties signed.  A new occasion
    starts only where a sentence with its own instrument says it is another
    one (`juga`, `dilanjutkan`, `selain itu`) and brings in a party no
    earlier occasion has, from another region than theirs.
    """
    occs: list[_Occasion] = []
    seen_sent: set[tuple[int, int]] = set()
    anchored = any(t.instrument for t in triggers)
    if not anchored:
        return []
    for t in triggers:
        nxt = _next_signing(text, t, occs[-1], people, cues) if occs else None
        if nxt is not None:
            # the sentence is shared: what comes before the verb belongs to the
            # signing just told, what follows it to the next one
            for x in occs[-1].triggers:
                if x.sent == t.sent:
                    x.sent = (x.sent[0], t.start)
            t.instrument = nxt
            t.sent = (t.start, t.sent[1])
            seen_sent.add(t.sent)
            excl = _excluded_ranges(text, t.sent, cues)
            occs.append(_Occasion([t], [h.item for h in _orgs_in(text, t.sent, orgs, excl, cues)], follows=True))
            continue
        if t.sent in seen_sent:
            if occs:
                occs[-1].triggers.append(t)
            continue
        seen_sent.add(t.sent)
        excl = _excluded_ranges(text, t.sent, cues)
        sent_orgs = [h.item for h in _orgs_in(text, t.sent, orgs, excl, cues)]
        if not occs:
            if t.instrument is None:
                # support before any anchored sentence: keep it for the first occasion
                occs.append(_Occasion([t], sent_orgs))
                continue
            occs.append(_Occasion([t], sent_orgs))
            continue
        cur = occs[-1]
        head_end = min(t.sent[1], t.end + 80)
        if t.instrument and cur.orgs and sent_orgs and cues.continuation.search(text, t.sent[0], head_end):
            known = list({id(o): o for occ in occs for o in occ.orgs}.values())
            codes = {o.code for o in known if o.code}
            new = [o for o in sent_orgs if not any(_same_party(o, k, cues) for k in known)]
            if new and all(o.code not in codes or not o.code for o in new):
                occs.append(_Occasion([t], sent_orgs))
                continue
        cur.triggers.append(t)
        cur.orgs.extend(sent_orgs)
    # an occasion told only inside quotes (`"Kami sudah menandatangani MoU
    # dengan banyak pihak," kata ...`) is a remark, not a report of a signing
    return [
        o for o in occs
        if any(t.instrument for t in o.triggers)
        and not all(_inside(t.start, _quote_ranges(text, t.sent)) for t in o.triggers)
    ]


def _next_signing(
    text: str, t: _Trigger, cur: _Occasion, people: MentionIndex[Person], cues: AgreementCues
) -> str | None:
    """The instrument of the next signing of the day (`dilanjutkan dengan
    penandatanganan naskah PKS` after the MoU), when it is of another kind
    than the current occasion's; None when this trigger continues it."""
    if not cues.next_before.search(text, max(t.sent[0], t.start - 40), t.start):
        return None
    m = cues.next_object.match(text, t.end, min(t.sent[1], t.end + 80))
    if m is None:
        return None
    raw = m.group(1)
    if raw.casefold() in cues.upper_only and raw == raw.lower():
        return None
    kind = next((k for p, k in cues.instrument_types if p.fullmatch(raw)), "perjanjian")
    have = {x.instrument for x in cur.triggers if x.instrument}
    if kind in have or not have & cues.next_kinds.get(kind, frozenset()):
        return None
    # a signer of the occasion signing again: the same ceremony goes on
    before = {id(h.item) for x in cur.triggers for h in people.within(*x.sent)}
    if any(id(h.item) in before for h in people.within(t.end, t.sent[1])):
        return None
    return kind


_QUOTE_PAIR = regex.compile(r"\"[^\"\n]*(?:\"|$)|“[^”\n]*(?:”|$)")


def _quote_ranges(text: str, sent: tuple[int, int]) -> list[tuple[int, int]]:
    """Stretches of a sentence inside quotation marks (an unclosed quote runs
    to the sentence end, as a quoted paragraph does)."""
    if not any(q in text[sent[0] : sent[1]] for q in ("\"", "“")):
        return []
    return [(m.start(), m.end()) for m in _QUOTE_PAIR.finditer(text, sent[0], sent[1])]


def _arg_org(o: Organization, h: Hit[Organization] | None) -> EventArg:
    return EventArg(name=o.name, code=o.code, start=h.start if h else None, end=h.end if h else None)


def _party_sentences(text: str, occ: _Occasion, sents: Sentences, cues: AgreementCues) -> list[tuple[int, int]]:
    """Sentences that name the parties of a signing without its verb: the
    one before that says who cooperates (`X dan Y menjalin kerja sama`), and
    the one after that lists them (`Keempatnya yaitu ...`)."""
    out: list[tuple[int, int]] = []
    n = len(sents)
    for t in occ.triggers:
        if t.instrument is None:
            continue
        i = sents.index(t.start)
        if i > 0:
            prev = sents.by_index(i - 1)
            if cues.cooperation_verb.search(text, prev[0], prev[1]) and not cues.trigger.search(text, *prev):
                out.append(prev)
        if i + 1 < n:
            nxt = sents.by_index(i + 1)
            if cues.list_opener.match(text[nxt[0] : nxt[1]]):
                out.append(nxt)
                if i + 2 < n:
                    more = sents.by_index(i + 2)
                    if cues.list_continuer.match(text[more[0] : more[1]]):
                        out.append(more)
    return out


_LIST_COLON = regex.compile(r":[ \t]*\n")
MAX_LIST_ITEMS = 40
"""Document-list items read per article (a state visit signs a dozen)."""


def _document_lists(text: str, cues: AgreementCues) -> list[tuple[int, list[tuple[int, int]]]]:
    """Numbered lists of signed documents: (start of the colon line, item lines).

    State visits and forums sign several documents at one occasion and list
    them after a colon line (`Adapun dokumen MoU ... yang dipertukarkan,
    yaitu:`); each item names its parties (`1. MoU antara X dan Y ...`)."""
    out: list[tuple[int, list[tuple[int, int]]]] = []
    total = 0
    for m in _LIST_COLON.finditer(text):
        hs = text.rfind("\n", max(0, m.start() - 300), m.start()) + 1
        if not cues.list_header.search(text, hs, m.start()):
            continue
        items: list[tuple[int, int]] = []
        pos = m.end()
        while pos < len(text) and len(items) < MAX_LIST_ITEMS:
            e = text.find("\n", pos)
            e = len(text) if e < 0 else e
            if e - pos > MAX_SENTENCE_ITEM:
                break
            if text[pos:e].strip():
                if not cues.list_item.match(text, pos, e):
                    break
                if cues.list_partner.search(text, pos, e):
                    items.append((pos, e))
            pos = e + 1
        if items:
            out.append((hs, items))
            total += len(items)
            if total >= MAX_LIST_ITEMS:
                break  # more documents than any ceremony signs: degenerate input
    return out


MAX_SENTENCE_ITEM = 600
"""Longest line read as one item of a document list."""


def _build_agreement(
    text: str, occ: _Occasion, st: ArticleState, idx: _Indexes, sents: Sentences, cues: AgreementCues,
    listed: Sequence[tuple[int, int]] = (),
) -> tuple[Event, Finding | None]:
    parties: list[tuple[Organization, Hit[Organization] | None]] = []
    signers: list[tuple[Person, Hit[Person]]] = []
    witnesses: list[tuple[Person, Hit[Person]]] = []
    sent_list = list(dict.fromkeys(t.sent for t in occ.triggers))
    have = set(sent_list)
    extra = list(dict.fromkeys(x for x in [*_party_sentences(text, occ, sents, cues), *listed] if x not in have))
    venues = [(h.start, h.end) for h in idx.places.hits if h.item.kind == "venue"]
    for sent in [*sent_list, *extra]:
        # a quote comments on the signing; who signed is told outside it
        wit = _excluded_ranges(text, sent, cues)
        quotes = _quote_ranges(text, sent)
        excl = wit + quotes
        speakers = _speaker_ranges(text, sent, idx.people, cues)
        found = _orgs_in(text, sent, idx.orgs, excl + speakers, cues, venues)
        for ho in found:
            parties.append((ho.item, ho))
        taken = [(h.start, h.end) for h in idx.orgs.within(*sent)]
        for ro in _region_parties(text, sent, idx.places, taken, excl + speakers, cues):
            parties.append((ro, None))
        if sent in extra:
            continue
        blocked = [(h.start, h.end) for h in idx.orgs.within(*sent)] + [
            (h.start, h.end) for h in idx.places.within(*sent) if h.item.kind == "venue"
        ]
        for hp in _signers_in(text, sent, idx.people, excl, cues, blocked):
            if not any(p is hp.item for p, _ in signers):
                signers.append((hp.item, hp))
        for hp in idx.people.within(*sent):
            named = any(p is hp.item for p, _ in witnesses)
            if _inside(hp.start, wit) and not _inside(hp.start, quotes) and not named:
                witnesses.append((hp.item, hp))
    witnesses = [(p, h) for p, h in witnesses if not any(p is q for q, _ in signers)]
    for p, _ in signers:
        so = _party_of_signer(p, st.organizations, cues)
        if so is not None:
            parties.append((so, None))
    merged: list[tuple[Organization, Hit[Organization] | None]] = []
    known = {id(o) for o in st.organizations}
    first_hit: dict[int, tuple[Organization, Hit[Organization] | None]] = {}
    for o, h in parties:
        if id(o) not in first_hit or first_hit[id(o)][1] is None:
            first_hit[id(o)] = (o, h)
    for o, h in first_hit.values():
        for i, (m, mh) in enumerate(merged):
            if _same_party(o, m, cues):
                keep: Hit[Organization] | None = mh or h
                merged[i] = (_fullest(o, m, known, cues), keep)
                break
        else:
            merged.append((o, h))
    value, ditem = _event_date(text, occ, idx.dates, sents, cues)
    venue: EventArg | None = None
    place: EventArg | None = None
    for sent in sent_list:
        for hpl in idx.places.within(*sent):
            pl = hpl.item
            if pl.kind == "venue" and venue is None:
                venue = EventArg(name=pl.name, code=pl.code, start=hpl.start, end=hpl.end)
            elif pl.kind in REGION_KINDS and place is None and cues.venue_before.search(
                text, max(sent[0], hpl.start - 20), hpl.start
            ):
                place = EventArg(name=pl.name, code=pl.code, start=hpl.start, end=hpl.end)
    fields: list[str] = []
    for sent in [*sent_list, *_cooperation_sentences(text, sents, cues)]:
        for m in cues.field.finditer(text, sent[0], sent[1]):
            f = m.group(1).strip()
            if f and f not in fields:
                fields.append(f)
    first = occ.triggers[0]
    instrument = next((t.instrument for t in occ.triggers if t.instrument), None)
    status = "ongoing" if any(t.status == "ongoing" for t in occ.triggers) else "happened"
    conf = 0.55 + 0.15 * (len(merged) >= 2) + 0.1 * bool(signers) + 0.1 * bool(value)
    conf += 0.05 * bool(venue or place)
    ev = Event(
        type="agreement_signing",
        trigger=Mention(first.start, first.end, text[first.start : first.end]),
        status=status,
        date=value,
        parties=tuple(_arg_org(o, h) for o, h in merged),
        signatories=tuple(
            EventArg(name=p.name, title=_title_for(p, h), start=h.start, end=h.end) for p, h in signers
        ),
        witnesses=tuple(
            EventArg(name=p.name, title=_title_for(p, h), start=h.start, end=h.end) for p, h in witnesses
        ),
        place=venue or place,
        venue=venue,
        instrument=instrument,
        fields=tuple(fields),
        evidence=tuple(quote(text, s, e) for s, e in sent_list),
        confidence=round(min(conf, 0.95), 2),
    )
    return ev, _date_check(ev, ditem, st)


def _cooperation_sentences(text: str, sents: Sentences, cues: AgreementCues) -> list[tuple[int, int]]:
    """Sentences about the cooperation itself (`Kerja sama di bidang ...`):
    they name its fields more often than the signing sentence does."""
    return [sents.span(m.start()) for m in cues.cooperation.finditer(text)]


def _date_check(ev: Event, d: DateItem | None, st: ArticleState) -> Finding | None:
    """A happened event dated after its article's publication is a finding:
    the article or a date reading is wrong, and a user should look."""
    if d is None or st.published is None or not ev.date or d.grain != "day":
        return None
    try:
        when = dt.date.fromisoformat(ev.date[:10])
    except ValueError:
        return None
    if when > st.published and ev.status == "happened":
        return Finding(
            kind="event_date",
            ok=False,
            message=f"{ev.type} dated {ev.date} after publication {st.published.isoformat()}",
            start=d.start,
            end=d.end,
        )
    return None


def _planned_agreements(
    text: str, triggers: list[_Trigger], idx: _Indexes, cues: AgreementCues
) -> list[Event]:
    """Plans and rumours of a signing: recorded, never as facts.

    An article announcing a signing tells about one plan over several
    sentences, so all planned triggers make one planned event.
    """
    planned = [t for t in triggers if t.status == "planned"]
    if not any(t.instrument for t in planned):
        return []
    sents = list(dict.fromkeys(t.sent for t in planned))
    orgs: list[Organization] = []
    seen: set[int] = set()
    for sent in sents:
        excl = _excluded_ranges(text, sent, cues)
        for h in _orgs_in(text, sent, idx.orgs, excl, cues):
            if id(h.item) in seen:
                continue
            seen.add(id(h.item))
            if not any(_same_party(h.item, o, cues) for o in orgs):
                orgs.append(h.item)
    first = planned[0]
    return [
        Event(
            type="agreement_signing",
            trigger=Mention(first.start, first.end, text[first.start : first.end]),
            status="planned",
            parties=tuple(EventArg(name=o.name, code=o.code) for o in orgs),
            instrument=next((t.instrument for t in planned if t.instrument), None),
            evidence=tuple(quote(text, s, e) for s, e in sents),
            confidence=0.5,
        )
    ]


@dataclass
class _Indexes:
    """Mention indexes of the upstream items, built on first use: an article
    whose trigger stems match no trigger never pays for them."""

    st: ArticleState
    text: str = ""
    focus: list[tuple[int, int]] = field(default_factory=list)
    """Signing sentences: where a written form of a known organization counts
    as a mention even when upstream recorded none there."""

    @functools.cached_property
    def orgs(self) -> MentionIndex[Organization]:
        base = org_index(self.st.organizations)
        if not self.focus or not base:
            return base
        extra = _unrecorded_mentions(self.text, self.focus, self.st.organizations, base)
        return MentionIndex([*base.hits, *extra]) if extra else base

    @functools.cached_property
    def people(self) -> MentionIndex[Person]:
        return person_index(self.st.people)

    @functools.cached_property
    def places(self) -> MentionIndex[Place]:
        return place_index(self.st.places)

    @functools.cached_property
    def dates(self) -> MentionIndex[DateItem]:
        return date_index(self.st.dates)


def _unrecorded_mentions(
    text: str, spans: Sequence[tuple[int, int]], orgs: Sequence[Organization], base: MentionIndex[Organization],
) -> list[Hit[Organization]]:
    """Written forms of the record's organizations inside the signing
    sentences that upstream left without a mention there (it may record only
    the first mentions of a name: `... antara FKN dan ...` after
    `Forum Kopi Nusantara (FKN)`).  One alternation per article
    with a signing, run over those sentences only; a form inside a recorded
    mention (`Polri` in `Mabes Polri`) is not a new one."""
    generic = agreement_cues().generic
    by_form: dict[str, Organization] = {}
    for o in orgs:
        for f in (o.name, *o.aliases):
            if len(f) >= 3 and _fold(f) not in generic:
                by_form.setdefault(f, o)
    if not by_form:
        return []
    # a form next to another capitalised word is part of a longer name upstream
    # did not record (`Kejaksaan Negeri` for `Kejaksaan`): not this organization
    pat = regex.compile(
        r"(?<![\w-])(?<!\p{Lu}[\w.-]{0,30}\s)" + alternation(regex.escape(f) for f in by_form)
        + r"(?![\w-])(?!\s+\p{Lu})"
    )
    out: list[Hit[Organization]] = []
    for a, b in sorted(set(spans)):
        recorded = [(h.start, h.end) for h in base.within(max(0, a - 200), b + 200)]
        for m in pat.finditer(text, a, b):
            if any(x < m.end() and m.start() < y for x, y in recorded):
                continue
            out.append(Hit(m.start(), m.end(), by_form[m.group()]))
    return out


def find_events(text: str, st: ArticleState, zmap: ZoneMap) -> tuple[list[Event], list[Finding]]:
    """Every event of the article (facts and plans, all types) and the findings."""
    cues = agreement_cues()
    hits = stem_index().find(text.lower())
    if not hits:
        return [], []
    _ALIAS_PAIRS.set(set())
    sents = Sentences(text)
    idx = _Indexes(st, text)
    events: list[Event] = []
    findings: list[Finding] = []
    triggers = _find_triggers(text, hits.get(AGREEMENT, ()), zmap, sents, cues)
    idx.focus = [t.sent for t in triggers]
    facts = [t for t in triggers if t.status in ("happened", "ongoing")]
    occs = _occasions(text, facts, idx.orgs, idx.people, cues)
    lists = _document_lists(text, cues) if occs else []
    for i, occ in enumerate(occs):
        # a document list belongs to the occasion told last before it
        lo = occ.triggers[0].start
        hi = occs[i + 1].triggers[0].start if i + 1 < len(occs) else len(text)
        listed = [it for hs, items in lists if lo < hs < hi for it in items]
        ev, finding = _build_agreement(text, occ, st, idx, sents, cues, listed)
        if occ.follows and ev.date is None and events and events[-1].date:
            # the next signing of the same ceremony: the day told for the first
            ev = Event.from_dict({**ev.to_dict(), "date": events[-1].date})
        events.append(ev)
        if finding is not None:
            findings.append(finding)
    events.extend(_planned_agreements(text, triggers, idx, cues))
    events.extend(find_other_events(text, hits, zmap, sents, idx))
    return events, findings


@functools.lru_cache(maxsize=1)
def stem_index() -> StemIndex:
    groups: dict[str, Sequence[str]] = {AGREEMENT: agreement_cues().prefilter}
    for tc in type_cues():
        groups[tc.name] = tc.prefilter
    return StemIndex(groups)


def _is_fact(ev: Event) -> bool:
    """What FORMAT v1 calls an event: a signing that took place, with at
    least one party or signatory (a bare trigger ties nothing together)."""
    return (
        ev.type == AGREEMENT and ev.status in ("happened", "ongoing") and bool(ev.parties or ev.signatories)
    )


def _as_reported(ev: Event) -> Event:
    if ev.status != "planned" or ev.type.endswith(PLANNED_SUFFIX):
        return ev
    return Event.from_dict({**ev.to_dict(), "type": ev.type + PLANNED_SUFFIX})


class EventsComponent:
    """Pipeline component `berita_events`."""

    def __init__(self, all_events: bool = False) -> None:
        self.all_events = all_events

    def __call__(self, doc: Doc) -> Doc:
        st = get_state(doc)
        text = article_text(doc)
        try:
            events, findings = find_events(text, st, st.zone_map(doc))
        except Exception:  # noqa: BLE001 - an event bug must not lose the article's other items
            _LOG.warning("berita_events failed on article %r", st.id, exc_info=True)
            events, findings = [], []
        for ev in events:
            if self.all_events or _is_fact(ev):
                st.events.append(_as_reported(ev))
            else:
                st.other_events.append(ev)
        st.findings.extend(findings)
        set_spans(
            doc,
            "berita_events",
            [
                (e.trigger.start, e.trigger.end, e.type + (PLANNED_SUFFIX if e.status == "planned" else ""))
                for e in events
            ],
        )
        return doc


@Language.factory("berita_events", default_config={"all_events": False})
def make_events(nlp: Language, name: str, all_events: bool) -> EventsComponent:
    return EventsComponent(all_events=all_events)
