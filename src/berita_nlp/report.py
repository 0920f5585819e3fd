"""A readable, per-article summary of a records file (`berita-nlp show`).

JSONL records are made for machines; a person checking a run wants to see
at a glance what each article yielded.  This prints the essentials of each
record (dates, officials with their offices, places with codes,
organizations, counts, events, findings) and the error records, reading the
file line by line so it works on any size.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any, TextIO

_WIDTH = 100


def _join(parts: Iterable[str], limit: int = 8) -> str:
    items = list(parts)
    more = len(items) - limit
    text = "; ".join(items[:limit])
    return text + (f"; … (+{more})" if more > 0 else "")


def _person(p: dict[str, Any]) -> str:
    extra = ", ".join([*p.get("titles", []), *p.get("degrees", [])])
    return f"{p['name']} ({extra})" if extra else str(p["name"])


def _place(p: dict[str, Any]) -> str:
    code = f" {p['code']}" if p.get("code") else ""
    return f"{p['name']} [{p['kind']}{code}]"


def _event(e: dict[str, Any]) -> str:
    def names(key: str) -> str:
        return ", ".join(str(x.get("name")) for x in e.get(key) or [])

    where = (e.get("venue") or e.get("place") or {}).get("name")
    bits = [
        e.get("instrument") or "",
        f"parties: {names('parties')}" if e.get("parties") else "",
        f"signed by: {names('signatories')}" if e.get("signatories") else "",
        f"on {e['date']}" if e.get("date") else "",
        f"at {where}" if where else "",
    ]
    return f"{e['type']} [{e.get('status', '')}] " + "; ".join(b for b in bits if b)


def summarize(rec: dict[str, Any]) -> Iterator[str]:
    """Lines describing one record (an article record or an error record)."""
    if "error" in rec:
        yield f"# {rec.get('id')}: ERROR {rec['error']}"
        return
    meta = rec.get("meta") or {}
    head = f"# {rec.get('id')}"
    if meta.get("title"):
        head += f" — {meta['title']}"
    yield head[:_WIDTH]
    src = [f"published {rec['published']} ({meta.get('published_source')})" if rec.get("published") else ""]
    if meta.get("outlet"):
        src.append(f"outlet {meta['outlet']}")
    if meta.get("dateline") and meta["dateline"].get("place"):
        src.append(f"dateline {meta['dateline']['place']}")
    if meta.get("credits"):
        src.append("credits " + ", ".join(f"{c['role']} {c['name']}" for c in meta["credits"]))
    if any(src):
        yield "  " + "; ".join(s for s in src if s)
    rows = [
        ("dates", (f"{d['text']} = {d['value']}" for d in rec.get("dates") or [])),
        ("people", (_person(p) for p in rec.get("people") or [])),
        ("places", (_place(p) for p in rec.get("places") or [])),
        (
            "orgs",
            (
                o["name"] + (f" ({', '.join(o['aliases'])})" if o.get("aliases") else "")
                for o in rec.get("organizations") or []
            ),
        ),
        ("counts", (f"{c['text']} = {c['value']} {c.get('unit') or ''}".rstrip() for c in rec.get("counts") or [])),
        ("events", (_event(e) for e in rec.get("events") or [])),
        ("other", (_event(e) for e in rec.get("other_events") or [])),
        ("checks", (("ok: " if f["ok"] else "MISMATCH: ") + f["message"] for f in rec.get("findings") or [])),
    ]
    for label, parts in rows:
        text = _join(parts)
        if text:
            yield f"  {label:7} {text}"


def show(lines: Iterable[str], out: TextIO, limit: int | None = None) -> int:
    """Print summaries of the records in `lines`; returns how many were shown."""
    n = 0
    for line in lines:
        if not line.strip():
            continue
        if limit is not None and n >= limit:
            break
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as e:
            out.write(f"# (line {n + 1} is not JSON: {e.msg})\n")
            n += 1
            continue
        for row in summarize(rec):
            out.write(row + "\n")
        n += 1
    return n
