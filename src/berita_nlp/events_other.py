"""Further event types of regional-government news, precision first.

Inaugurations of officials (`pelantikan`, `dilantik`), working visits
(`kunjungan kerja`), facility inaugurations (`peresmian`) and handovers of
aid or assets (`penyerahan`).  Each is read from one sentence: the trigger,
what the type needs to be an event at all (a facility word after
`meresmikan`, an aid or asset word after `menyerahkan`, a person or an
office for an inauguration, a visitor for a visit), and role fillers taken
from the record's own people, organizations and places around role cues
(`oleh`, `sebagai`, `kepada`, `ke`).  A trigger that only refers back to an
earlier event (`sejak dilantik`, `usai peresmian`) is no event: an event
the text does not support is worse than a missed one.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

import regex

from .events_text import Hit, MentionIndex, Sentences, cue_words, load_json, quote, triggers_at, word_re
from .records import DateItem, Event, EventArg, Mention, Organization, Person, Place
from .state import ZoneMap


class Indexes(Protocol):
    """The mention indexes find_other_events reads (built lazily by the caller)."""

    @property
    def people(self) -> MentionIndex[Person]: ...
    @property
    def orgs(self) -> MentionIndex[Organization]: ...
    @property
    def places(self) -> MentionIndex[Place]: ...
    @property
    def dates(self) -> MentionIndex[DateItem]: ...


_CHUNK = (
    r"\s*([^,.;:\n()\"“”]{2,80}?)(?=\s+(?:di|pada|oleh|yang|kepada|untuk|bagi|dengan|serta|dalam|sebagai|"
    r"kepada|ke|dari|senilai|sebanyak|sejumlah|bersama|dilakukan|dilaksanakan|digelar|berlangsung|secara|akan|"
    r"ini|itu|tersebut|pada)\s|[,.;:\n()\"“”]|$)"
)


@dataclass(frozen=True)
class TypeCues:
    name: str
    trigger: regex.Pattern[str]
    active: frozenset[str]
    obj: regex.Pattern[str] | None
    background: regex.Pattern[str]
    agent: regex.Pattern[str]
    office: regex.Pattern[str] | None
    host: regex.Pattern[str] | None
    recipient: regex.Pattern[str] | None
    prefilter: tuple[str, ...]
    nominal: frozenset[str]
    pronouns: frozenset[str]
    keyword: regex.Pattern[str] | None


@functools.lru_cache(maxsize=1)
def type_cues() -> tuple[TypeCues, ...]:
    d = load_json("events_types.json")
    out = []
    for name, spec in d.items():
        if name.startswith("_"):
            continue
        s: dict[str, Any] = spec

        def opt(key: str, spec: dict[str, Any] = s) -> regex.Pattern[str] | None:
            v = spec.get(key)
            return regex.compile(r"(?<!\w)" + v, regex.IGNORECASE) if v else None

        out.append(
            TypeCues(
                name=name,
                trigger=word_re(s["triggers"]),
                active=frozenset(x.casefold() for x in s.get("active", [])),
                obj=regex.compile(r"\s*(?:\w+\s+){0,2}?" + s["object"], regex.IGNORECASE) if s.get("object") else None,
                background=regex.compile("(?:" + "|".join(s["background"]) + ")", regex.IGNORECASE),
                agent=regex.compile(r"(?<!\w)" + s["agent_cue"], regex.IGNORECASE),
                office=opt("office_cue"),
                host=opt("host_cue"),
                recipient=opt("recipient_cue"),
                prefilter=tuple(s["prefilter"]),
                nominal=frozenset(x.casefold() for x in s.get("nominal", [])),
                pronouns=frozenset(x.casefold() for x in s.get("pronouns", [])),
                keyword=regex.compile(r"(?<!\w)" + s["object"], regex.IGNORECASE) if s.get("object") else None,
            )
        )
    return tuple(out)


@functools.lru_cache(maxsize=1)
def _same_occasion() -> tuple[regex.Pattern[str], regex.Pattern[str], regex.Pattern[str]]:
    d = load_json("events_types.json")["_same_occasion"]
    return (
        regex.compile(r"\s*(?:" + d["after"] + ")", regex.IGNORECASE),
        regex.compile(r"(?<!\w)" + d["before"], regex.IGNORECASE),
        regex.compile(r"(?<!\w)" + d["aggregate"], regex.IGNORECASE),
    )


def _refers_back(text: str, m: regex.Match[str], obj_end: int | None, lo: int) -> bool:
    """Whether a trigger tells an occasion already told: `Peresmian tersebut`,
    `peresmian Masjid X tersebut`, `Pada kesempatan itu, ... menyerahkan`."""
    after, before, _ = _same_occasion()
    if after.match(text, m.end(), min(len(text), m.end() + 12)):
        return True
    if obj_end is not None and after.match(text, obj_end, min(len(text), obj_end + 12)):
        return True
    return before.search(text, max(lo, m.start() - 120), m.start()) is not None


def _key(tc: TypeCues, ev: Event) -> frozenset[str]:
    """What makes two mentions one occasion: the kind of object (`santunan`,
    `masjid`), else the people inaugurated or visiting."""
    for role in ("facility", "object"):
        for a in ev.roles.get(role, ()):
            km = tc.keyword.search(a.name) if tc.keyword is not None else None
            if km is not None:
                return frozenset({km.group().split()[-1].casefold()})
    for role in ("appointee", "visitor"):
        if ev.roles.get(role):
            return frozenset(a.name.casefold() for a in ev.roles[role])
    return frozenset()


@functools.lru_cache(maxsize=1)
def _shared() -> tuple[regex.Pattern[str], regex.Pattern[str], regex.Pattern[str], regex.Pattern[str]]:
    a = load_json("events_agreement.json")
    plan = regex.compile("(?:" + "|".join(a["plan_cues"] + a["rumour_cues"]) + ")", regex.IGNORECASE)
    neg = regex.compile("(?:" + "|".join(a["negation_cues"]) + ")", regex.IGNORECASE)
    witness = word_re(a["witness_cues"])
    chunk = regex.compile(_CHUNK, regex.IGNORECASE)
    return plan, neg, witness, chunk


def _arg_person(h: Hit[Person]) -> EventArg:
    p = h.item
    title = p.positions[0].text if p.positions else (p.titles[0] if p.titles else None)
    return EventArg(name=p.name, title=title, start=h.start, end=h.end)


def _arg_org(h: Hit[Organization]) -> EventArg:
    return EventArg(name=h.item.name, code=h.item.code, start=h.start, end=h.end)


def _arg_place(h: Hit[Place]) -> EventArg:
    return EventArg(name=h.item.name, code=h.item.code, start=h.start, end=h.end)


def _dedupe(args: Sequence[EventArg]) -> tuple[EventArg, ...]:
    seen: set[str] = set()
    out = []
    for a in args:
        if a.name.casefold() not in seen:
            seen.add(a.name.casefold())
            out.append(a)
    return tuple(out)


def find_other_events(
    text: str,
    stems: Mapping[str, Sequence[int]],
    zmap: ZoneMap,
    sents: Sentences,
    idx: Indexes,
) -> list[Event]:
    plan, neg, witness, chunk = _shared()
    out: list[Event] = []
    keys: list[frozenset[str]] = []
    last_sent: dict[str, int] = {}
    for tc in type_cues():
        if tc.name not in stems:
            continue
        seen: set[tuple[int, int]] = set()
        tried: dict[tuple[int, int], int] = {}
        for m in triggers_at(text, stems[tc.name], tc.trigger):
            if not zmap.allows(m.start()):
                continue
            sent = sents.span(m.start())
            if sent in seen or tried.get(sent, 0) >= 3:
                continue
            tried[sent] = tried.get(sent, 0) + 1
            words = cue_words(text, m.start(), sent[0], 3)
            if any(tc.background.fullmatch(w) for w in words[-2:]):
                continue
            if words and words[-1].casefold() in tc.pronouns:
                continue  # `saya dilantik`: nobody named, nothing to record
            if any(neg.fullmatch(w) for w in words[-2:]):
                continue
            status = "planned" if any(plan.fullmatch(w) for w in words) else "happened"
            ev = _one(text, tc, m, sent, status, idx.people, idx.orgs, idx.places, idx.dates, witness, chunk)
            earlier = [j for j in range(len(out)) if out[j].type == tc.name]
            if ev is None:
                # `Peresmian ini dilakukan pada Rabu (...) di ...`: no object, but the
                # day and place of the occasion just told
                if earlier and _refers_back(text, m, None, sent[0]):
                    j = earlier[-1]
                    out[j] = _merge(out[j], _light(text, tc, m, sent, out[j].status, idx.places, idx.dates))
                    seen.add(sent)
                continue
            seen.add(sent)
            i = sents.index(m.start())
            key = _key(tc, ev)
            target: int | None = None
            if last_sent.get(tc.name) == i - 1 and out and out[-1].type == tc.name and out[-1].status == status:
                target = len(out) - 1
            elif earlier:
                obj_end = max(
                    (a.end for r in ("facility", "object") for a in ev.roles.get(r, ()) if a.end), default=None
                )
                back = _refers_back(text, m, obj_end, sent[0])
                for j in reversed(earlier):
                    if out[j].date and ev.date and out[j].date != ev.date:
                        continue  # dated on another day: another occasion
                    if back or (key and key & keys[j]):
                        target = j
                        break
            if target is not None:
                out[target] = _merge(out[target], ev)
                keys[target] = keys[target] | key
            else:
                out.append(ev)
                keys.append(key)
            last_sent[tc.name] = i
    return out


def _light(
    text: str,
    tc: TypeCues,
    m: regex.Match[str],
    sent: tuple[int, int],
    status: str,
    places: MentionIndex[Place],
    dates: MentionIndex[DateItem],
) -> Event:
    """A back-reference's own facts (day, place, evidence), to add to the event it refers to."""
    s, e = sent
    place = next((h for h in places.within(s, e) if h.item.kind != "venue"), None)
    venue = next((h for h in places.within(s, e) if h.item.kind == "venue"), None)
    date = next((h.item for h in dates.within(s, e) if h.item.value and h.item.grain == "day"), None)
    return Event(
        type=tc.name,
        trigger=Mention(m.start(), m.end(), m.group()),
        status=status,
        date=date.value if date else None,
        place=_arg_place(venue or place) if (venue or place) else None,  # type: ignore[arg-type]
        venue=_arg_place(venue) if venue else None,
        evidence=(quote(text, s, e),),
    )


_JOINED = regex.compile(r"\s*(?:,\s*)?(?:dan|serta|,)\s*")
_QUOTE = regex.compile(r"[\"“”]")


def _clause_start(text: str, pos: int, lo: int) -> int:
    best = lo
    for ch in (",", ";", ":", '"', "“", "”"):
        i = text.rfind(ch, lo, pos)
        if i + 1 > best:
            best = i + 1
    return best


def _merge(a: Event, b: Event) -> Event:
    """One occasion told over two adjacent sentences (`menyerahkan bantuan ...
    Bantuan diserahkan oleh ...`): one event with the roles of both."""
    roles = dict(a.roles)
    for k, v in b.roles.items():
        roles[k] = _dedupe([*roles.get(k, ()), *v]) if k not in ("object", "facility", "office") else roles.get(k, v)
    return Event(
        type=a.type,
        trigger=a.trigger,
        status=a.status if a.status == b.status or a.status != "planned" else b.status,
        date=a.date or b.date,
        place=a.place or b.place,
        venue=a.venue or b.venue,
        roles=roles,
        evidence=a.evidence + b.evidence,
        confidence=max(a.confidence, b.confidence),
    )


def _one(
    text: str,
    tc: TypeCues,
    m: regex.Match[str],
    sent: tuple[int, int],
    status: str,
    people: MentionIndex[Person],
    orgs: MentionIndex[Organization],
    places: MentionIndex[Place],
    dates: MentionIndex[DateItem],
    witness: regex.Pattern[str],
    chunk: regex.Pattern[str],
) -> Event | None:
    s, e = sent
    wm = witness.search(text, m.end(), e)
    end = wm.start() if wm else e  # attendees named after a witness cue play no role
    qm = _QUOTE.search(text, m.end(), end)
    if qm is not None:
        end = qm.start()  # past a quote mark: the speaker (`," imbuh Lenni`) or quoted speech, no role
    active = m.group().casefold() in tc.active
    roles: dict[str, tuple[EventArg, ...]] = {}
    obj_text: str | None = None
    obj_span: tuple[int | None, int | None] = (None, None)
    if tc.obj is not None:
        om = tc.obj.match(text, m.end(), end)
        if om is None and not active:
            # passive or nominal forms may name the object before the trigger
            om = tc.obj.search(text, max(_clause_start(text, m.start(), s), m.start() - 60), m.start())
        if om is None:
            return None
        cm = chunk.match(text, om.start(), end)
        obj_text = (cm.group(1) if cm else om.group()).strip()
        raw_s, raw_e = (cm.start(1), cm.end(1)) if cm else (om.start(), om.end())
        lead = len(text[raw_s:raw_e]) - len(text[raw_s:raw_e].lstrip())
        obj_span = (raw_s + lead, raw_s + lead + len(obj_text))
        if _same_occasion()[2].search(obj_text):
            return None  # `13 museum sepanjang tahun ini`: many occasions summed up, no one event
    # fillers before the trigger are its subject: only those of its own clause
    cs = _clause_start(text, m.start(), s)
    before_people = [h for h in people.within(cs, m.start())]
    before_orgs = orgs.within(cs, m.start())
    after_people = [h for h in people.within(m.end(), end)]
    agent_people: list[Hit[Person]] = []
    am = tc.agent.search(text, m.end(), end)
    if am is not None:
        agent_people = [h for h in after_people if h.start >= am.end()]
        after_people = [h for h in after_people if h.start < am.start()]
    if tc.name == "inauguration":
        trig = m.group().casefold()
        clause_people = before_people
        if active:
            agents = before_people[-1:] + agent_people
            appointees = after_people
        elif trig in tc.nominal:
            # `pelantikan X sebagai Y oleh Z`: who is inaugurated follows
            agents = agent_people
            appointees = after_people
        else:
            # `X dilantik sebagai Y`: the subject of the passive, in its clause
            agents = agent_people
            appointees = clause_people[-1:]
            if len(clause_people) >= 2 and _JOINED.fullmatch(text, clause_people[-2].end, clause_people[-1].start):
                # `X dan Y dilantik`: both; `X menanggapi kabar Y akan dilantik`: only Y
                appointees = clause_people[-2:]
        office = None
        if tc.office is not None:
            om2 = tc.office.search(text, m.end(), end)
            if om2 is not None:
                cm = chunk.match(text, om2.end(), end)
                if cm is not None:
                    # `menjadi Kepala Badan hari ini`: the office ends where a date begins
                    cut = next((h.start for h in dates.within(cm.start(1), e) if h.start < cm.end(1)), cm.end(1))
                    office = text[cm.start(1) : cut].strip() or None
        if not appointees:
            return None
        roles["appointee"] = _dedupe([_arg_person(h) for h in appointees])
        if office:
            roles["office"] = (EventArg(name=office),)
        if agents:
            roles["inaugurator"] = _dedupe([_arg_person(h) for h in agents])
    elif tc.name == "working_visit":
        hosts: list[EventArg] = []
        if cue_words(text, m.start(), s, 1)[-1:] == ["menerima"]:
            # `X menerima kunjungan kerja dari Y`: Y visits X
            dm = regex.compile(r"\bdari\s").search(text, m.end(), end)
            visitors = [_arg_person(h) for h in people.within(dm.end(), end)] if dm else []
            hosts = [_arg_org(h) for h in before_orgs[-1:]] + [_arg_person(h) for h in before_people[-1:]]
        else:
            visitors = [_arg_person(h) for h in before_people]
            if not visitors:
                visitors = [_arg_org(h) for h in before_orgs[-1:]]
            visitors += [_arg_person(h) for h in agent_people]
        if not visitors:
            return None
        roles["visitor"] = _dedupe(visitors)
        if tc.host is not None and not hosts:
            hm = tc.host.search(text, m.end(), end)
            if hm is not None:
                lo = hm.end()
                hosts = [_arg_org(h) for h in orgs.within(lo, end)[:1]] + [
                    _arg_place(h) for h in places.within(lo, end)[:1]
                ]
        if hosts:
            roles["host"] = _dedupe(hosts)
    elif tc.name == "facility_inauguration":
        roles["facility"] = (EventArg(name=obj_text or "", start=obj_span[0], end=obj_span[1]),)
        who = ([before_people[-1]] if active and before_people else []) + agent_people
        if who:
            roles["inaugurator"] = _dedupe([_arg_person(h) for h in who])
    elif tc.name == "handover":
        roles["object"] = (EventArg(name=obj_text or "", start=obj_span[0], end=obj_span[1]),)
        givers = ([before_people[-1]] if active and before_people else []) + agent_people
        if not givers and active:
            givers_o = before_orgs[-1:]
            if givers_o:
                roles["giver"] = (_arg_org(givers_o[0]),)
        if givers:
            roles["giver"] = _dedupe([_arg_person(h) for h in givers])
        if tc.recipient is not None:
            rm = tc.recipient.search(text, m.end(), end)
            if rm is not None:
                lo = rm.end()
                rec = [_arg_person(h) for h in people.within(lo, end)]
                rec += [_arg_org(h) for h in orgs.within(lo, end)]
                if rec:
                    roles["recipient"] = _dedupe(rec)
        if "giver" not in roles and "recipient" not in roles:
            return None  # an object changing hands between nobody named is no handover
    place = next((h for h in places.within(s, e) if h.item.kind != "venue"), None)
    venue = next((h for h in places.within(s, e) if h.item.kind == "venue"), None)
    date = next((h.item for h in dates.within(s, e) if h.item.value and h.item.grain == "day"), None)
    filled = sum(1 for v in roles.values() if v)
    return Event(
        type=tc.name,
        trigger=Mention(m.start(), m.end(), m.group()),
        status=status,
        date=date.value if date else None,
        place=_arg_place(venue or place) if (venue or place) else None,  # type: ignore[arg-type]
        venue=_arg_place(venue) if venue else None,
        roles=roles,
        evidence=(quote(text, s, e),),
        confidence=round(min(0.4 + 0.1 * filled + 0.1 * bool(date), 0.8), 2),
    )
