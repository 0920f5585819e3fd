"""JSON Schema of the article record, derived from the record dataclasses.

The schema is generated rather than hand-written so that it cannot drift
from the code: `docs/record.schema.json` is this module's output, and a test
fails when the two differ (regenerate with `python -m berita_nlp.schema`).
"""

from __future__ import annotations

import dataclasses
import json
import sys
import types
from typing import Any, Union, get_args, get_origin

from . import records
from .records import Record, _hints

_SCALARS: dict[Any, dict[str, Any]] = {
    str: {"type": "string"},
    int: {"type": "integer"},
    float: {"type": "number"},
    bool: {"type": "boolean"},
}


def _type_schema(hint: Any, defs: dict[str, Any]) -> dict[str, Any]:
    origin = get_origin(hint)
    if origin in (Union, types.UnionType):
        args = get_args(hint)
        if set(args) == {int, float}:
            return {"type": "number"}
        return {"anyOf": [_type_schema(a, defs) for a in args]}
    if hint is type(None):
        return {"type": "null"}
    if origin in (tuple, list):
        return {"type": "array", "items": _type_schema(get_args(hint)[0], defs)}
    if origin is dict:
        return {"type": "object", "additionalProperties": _type_schema(get_args(hint)[1], defs)}
    if isinstance(hint, type) and issubclass(hint, Record):
        name = hint.__name__
        if name not in defs:
            defs[name] = {}
            defs[name] = _record_schema(hint, defs)
        return {"$ref": f"#/$defs/{name}"}
    if hint in _SCALARS:
        return dict(_SCALARS[hint])
    if hint is Any:
        return {}
    raise TypeError(f"no JSON Schema for {hint!r}")


def _record_schema(cls: type[Record], defs: dict[str, Any]) -> dict[str, Any]:
    hints = _hints(cls)
    props = {f.name: _type_schema(hints[f.name], defs) for f in dataclasses.fields(cls)}  # type: ignore[arg-type]
    doc = (cls.__doc__ or "").strip().split("\n\n")[0].replace("\n", " ")
    return {
        "type": "object",
        "description": doc,
        "properties": props,
        "required": list(props),
        "additionalProperties": True,
    }


def record_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of one output line: an article record or an error record."""
    defs: dict[str, Any] = {}
    article = _record_schema(records.Article, defs)
    error = _record_schema(records.ErrorRecord, defs)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "berita_nlp/record.schema.json",
        "title": f"berita_nlp article record (schema_version {records.SCHEMA_VERSION})",
        "oneOf": [{"$ref": "#/$defs/Article"}, {"$ref": "#/$defs/ErrorRecord"}],
        "$defs": {"Article": article, "ErrorRecord": error, **dict(sorted(defs.items()))},
    }


def main() -> None:
    json.dump(record_schema(), sys.stdout, indent=2, ensure_ascii=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
