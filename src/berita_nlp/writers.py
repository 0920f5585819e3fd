"""Write records to JSONL or Parquet so that a killed run can always resume.

The promise is loss-free, exactly-once output under `kill -9`.  Both
writers get there the same way: output is only ever *extended* with whole
records, and a small progress file, replaced atomically after the data it
describes has been fsync'd, says how much of the output is committed.  On
restart everything past the committed point is thrown away and redone.

- JSONL: lines are appended to the output itself; the progress file holds
  the committed byte length and the number of inputs it covers.  A restart
  truncates the file there, which also removes a torn last line.
- Parquet cannot be appended to, so records go to numbered part files in
  `<output>.parts/`, each written under a temporary name and renamed into
  place (the rename is the commit).  At the end the parts are merged into
  the final files, again via a temporary name, and then removed.

The progress file (`<output>.progress.json`) also fingerprints the input
and options, so a restart against a different archive refuses instead of
splicing two inputs into one output; it stays after a finished run so that
repeating the command is a no-op rather than a duplicate.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import os
import shutil
import time
import types
import typing
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Union, get_args, get_origin

from .records import Article, Record

OUTPUT_FORMATS = ("jsonl", "parquet")
STATE_VERSION = 1


class OutputError(Exception):
    """The output cannot be written or resumed; the message tells the user what to do."""


def detect_output_format(path: str, explicit: str | None = None) -> str:
    if explicit:
        if explicit not in OUTPUT_FORMATS:
            raise OutputError(f"unknown output format {explicit!r}; known: {', '.join(OUTPUT_FORMATS)}")
        return explicit
    name = path.lower()
    if name.endswith((".parquet", ".pq")):
        return "parquet"
    return "jsonl"


@dataclass
class Progress:
    """How much of the input the committed output covers."""

    done: int = 0
    errors: int = 0
    complete: bool = False
    items: dict[str, int] = field(default_factory=dict)  # dates, people, ... found

    def add_items(self, items: Mapping[str, int] | None) -> None:
        for k, v in (items or {}).items():
            self.items[k] = self.items.get(k, 0) + v


def _fsync_dir(path: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _atomic_write(path: Path, data: bytes) -> None:
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "wb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)
    _fsync_dir(path.parent)


class Output:
    """Base of the resumable writers: progress file, fingerprint, checks."""

    payload = "dict"
    """What workers must send per record: `json` (a serialised line) or `dict`."""

    def __init__(self, path: str, *, checkpoint_seconds: float = 2.0) -> None:
        self.path = Path(path)
        self.state_path = self.path.with_name(self.path.name + ".progress.json")
        self.checkpoint_seconds = checkpoint_seconds
        self.progress = Progress()
        self.fingerprint: dict[str, Any] = {}
        self._last_commit = time.monotonic()
        self._lock_fd: int | None = None
        self._lock_path = self.path.with_name(self.path.name + ".lock")

    # -- progress file ------------------------------------------------------

    def _read_state(self) -> dict[str, Any] | None:
        try:
            data = json.loads(self.state_path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return None
        except (OSError, ValueError) as e:
            raise OutputError(
                f"cannot read progress file {self.state_path} ({e}); rerun with --overwrite to start again"
            ) from None
        if not isinstance(data, dict):
            raise OutputError(f"progress file {self.state_path} is damaged; rerun with --overwrite")
        return data

    def _write_state(self, **extra: Any) -> None:
        data = {
            "version": STATE_VERSION,
            "fingerprint": self.fingerprint,
            "done": self.progress.done,
            "errors": self.progress.errors,
            "complete": self.progress.complete,
            "items": self.progress.items,
            **extra,
        }
        _atomic_write(self.state_path, json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8"))

    def _check_dir(self) -> None:
        parent = self.path.parent
        if not parent.is_dir():
            raise OutputError(f"cannot write output {self.path}: folder {parent} does not exist")
        if not os.access(parent, os.W_OK | os.X_OK):
            raise OutputError(f"cannot write output {self.path}: folder {parent} is not writable")
        if self.path.is_dir():
            raise OutputError(f"cannot write output {self.path}: it is a folder")

    def _resume_state(self, fingerprint: dict[str, Any], overwrite: bool) -> dict[str, Any] | None:
        """The previous run's progress when it may be continued, else None (fresh start)."""
        self._check_dir()
        self._lock()
        self.fingerprint = fingerprint
        if overwrite:
            self._clear()
            return None
        state = self._read_state()
        if state is None:
            if self._has_output():
                raise OutputError(
                    f"output {self.path} already exists and was not written by an interrupted run; "
                    "rerun with --overwrite to replace it"
                )
            return None
        if state.get("complete") and not self.path.exists():
            self._clear()  # the finished output was deleted: make it again
            return None
        if state.get("version") != STATE_VERSION or state.get("fingerprint") != fingerprint:
            raise OutputError(
                f"output {self.path} belongs to a run with another input, other options or another "
                "berita_nlp version; "
                "rerun the original command to continue it, or add --overwrite to start again"
            )
        return state

    def _has_output(self) -> bool:
        return self.path.exists() and self.path.stat().st_size > 0

    def _clear(self) -> None:
        with contextlib.suppress(FileNotFoundError):
            self.state_path.unlink()

    # -- interface ------------------------------------------------------------

    def open(self, fingerprint: dict[str, Any], *, overwrite: bool = False) -> Progress:
        raise NotImplementedError

    def write(self, payloads: list[Any], errors: int, items: Mapping[str, int] | None = None) -> None:
        raise NotImplementedError

    def due(self) -> bool:
        return time.monotonic() - self._last_commit >= self.checkpoint_seconds

    def commit(self) -> None:
        """Make everything written so far durable and record it as done."""
        raise NotImplementedError

    def finish(self) -> None:
        raise NotImplementedError

    def close(self) -> None:
        """Release files without committing: whatever is uncommitted is redone on resume."""
        self._unlock()

    def _lock(self) -> None:
        """Hold `<output>.lock` for the run, so a second run cannot write the same output.

        Restarting while the old run is still alive (a hung process, a job
        scheduler's retry) would interleave two writers; the kernel drops
        the lock when its process dies, even by `kill -9`.
        """
        try:
            import fcntl
        except ImportError:  # not on this platform: no guard
            return
        lock_path = self._lock_path
        fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(fd)
            raise OutputError(f"another run is writing {self.path} right now (it holds {lock_path})") from None
        self._lock_fd = fd

    def _unlock(self) -> None:
        fd = self._lock_fd
        if fd is None:
            return
        self._lock_fd = None
        with contextlib.suppress(OSError):
            self._lock_path.unlink()
        os.close(fd)


class JsonlOutput(Output):
    """Append-only JSONL with a committed-length progress file."""

    payload = "json"

    def __init__(self, path: str, *, checkpoint_seconds: float = 2.0) -> None:
        super().__init__(path, checkpoint_seconds=checkpoint_seconds)
        self._f: Any = None
        self._bytes = 0
        self._stdout = path == "-"

    def open(self, fingerprint: dict[str, Any], *, overwrite: bool = False) -> Progress:
        if self._stdout:
            import sys

            self._f = sys.stdout.buffer
            return self.progress
        state = self._resume_state(fingerprint, overwrite)
        try:
            if state is None:
                self._f = open(self.path, "wb")  # noqa: SIM115 - held for the run
                self.progress = Progress()
                self._bytes = 0
                self._write_state(bytes=0)
                return self.progress
            self.progress = Progress(
                int(state["done"]), int(state["errors"]), bool(state["complete"]), dict(state.get("items") or {})
            )
            self._bytes = int(state.get("bytes", 0))
            if self.progress.complete:
                return self.progress
            size = self.path.stat().st_size if self.path.exists() else -1
            if size < self._bytes:
                raise OutputError(
                    f"output {self.path} is shorter than its progress file records "
                    f"({max(size, 0)} < {self._bytes} bytes); rerun with --overwrite to start again"
                )
            self._f = open(self.path, "r+b")  # noqa: SIM115 - held for the run
            self._f.truncate(self._bytes)  # drops uncommitted lines, a torn last line with them
            self._f.seek(self._bytes)
            return self.progress
        except OSError as e:
            raise OutputError(f"cannot write output {self.path}: {e.strerror or e}") from None

    def write(self, payloads: list[Any], errors: int, items: Mapping[str, int] | None = None) -> None:
        if not payloads:
            return
        data = ("\n".join(payloads) + "\n").encode("utf-8")
        self._f.write(data)
        self._bytes += len(data)
        self.progress.done += len(payloads)
        self.progress.errors += errors
        self.progress.add_items(items)

    def commit(self) -> None:
        self._last_commit = time.monotonic()
        if self._f is None:
            return
        self._f.flush()
        if self._stdout:
            return
        os.fsync(self._f.fileno())
        self._write_state(bytes=self._bytes)

    def finish(self) -> None:
        self.progress.complete = True
        self.commit()
        self.close()

    def close(self) -> None:
        if self._f is not None and not self._stdout:
            with contextlib.suppress(OSError, ValueError):
                self._f.close()
        self._f = None
        super().close()


# --------------------------------------------------------------------------
# Parquet
# --------------------------------------------------------------------------


def _arrow_type(hint: Any) -> Any:
    import pyarrow as pa

    origin = get_origin(hint)
    if origin in (Union, types.UnionType):
        args = [a for a in get_args(hint) if a is not type(None)]
        if set(args) == {int, float}:
            return pa.float64()
        return _arrow_type(args[0])
    if origin is tuple:
        return pa.list_(_arrow_type(get_args(hint)[0]))
    if origin is dict:
        _, vt = get_args(hint)
        return pa.map_(pa.string(), _arrow_type(vt))
    if isinstance(hint, type) and issubclass(hint, Record):
        hints = typing.get_type_hints(hint)
        return pa.struct([(f.name, _arrow_type(hints[f.name])) for f in dataclasses.fields(hint)])  # type: ignore[arg-type]
    return {str: pa.string(), int: pa.int64(), float: pa.float64(), bool: pa.bool_()}[hint]


def article_schema() -> Any:
    """Arrow schema of the articles table: `row`, the record's fields, `error`.

    Derived from the record dataclasses, so it follows them; fixed up front
    so every part file (and every run) has the same schema whatever its
    rows happen to contain.  Numbers that may be int or float are float64.
    """
    import pyarrow as pa

    struct = _arrow_type(Article)
    fields = [pa.field("row", pa.int64()), *list(struct), pa.field("error", pa.string())]
    return pa.schema(fields)


def flat_schemas() -> dict[str, Any]:
    """Schemas of the flat tables an analyst loads straight into pandas/DuckDB."""
    import pyarrow as pa

    s, i, f, ls = pa.string(), pa.int64(), pa.float64(), pa.list_(pa.string())
    return {
        "people": pa.schema(
            [("row", i), ("article_id", s), ("name", s), ("titles", ls), ("degrees", ls),
             ("honorifics", ls), ("ranks", ls), ("mentions", i), ("start", i), ("end", i)]
        ),
        "places": pa.schema(
            [("row", i), ("article_id", s), ("name", s), ("kind", s), ("code", s), ("parent", s),
             ("mentions", i), ("start", i), ("end", i)]
        ),
        "events": pa.schema(
            [("row", i), ("article_id", s), ("type", s), ("status", s), ("date", s), ("parties", ls),
             ("signatories", ls), ("witnesses", ls), ("place", s), ("place_code", s), ("venue", s),
             ("instrument", s), ("trigger", s), ("trigger_start", i), ("confidence", f)]
        ),
    }  # fmt: skip


def _names(args: Any) -> list[str]:
    return [str(a["name"]) for a in (args or []) if isinstance(a, dict) and a.get("name")]


def flat_rows(row: int, rec: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """The people, places and events of one record as flat table rows."""
    aid = rec.get("id")
    out: dict[str, list[dict[str, Any]]] = {"people": [], "places": [], "events": []}
    for p in rec.get("people") or ():
        out["people"].append(
            {
                "row": row, "article_id": aid, "name": p.get("name"), "titles": list(p.get("titles") or ()),
                "degrees": list(p.get("degrees") or ()), "honorifics": list(p.get("honorifics") or ()),
                "ranks": list(p.get("ranks") or ()), "mentions": len(p.get("mentions") or ()),
                "start": p.get("start"), "end": p.get("end"),
            }
        )  # fmt: skip
    for p in rec.get("places") or ():
        out["places"].append(
            {
                "row": row, "article_id": aid, "name": p.get("name"), "kind": p.get("kind"),
                "code": p.get("code"), "parent": p.get("parent"), "mentions": len(p.get("mentions") or ()),
                "start": p.get("start"), "end": p.get("end"),
            }
        )  # fmt: skip
    for e in rec.get("events") or ():
        place = e.get("place") or {}
        venue = e.get("venue") or {}
        trig = e.get("trigger") or {}
        out["events"].append(
            {
                "row": row, "article_id": aid, "type": e.get("type"), "status": e.get("status"),
                "date": e.get("date"), "parties": _names(e.get("parties")),
                "signatories": _names(e.get("signatories")), "witnesses": _names(e.get("witnesses")),
                "place": place.get("name"), "place_code": place.get("code"), "venue": venue.get("name"),
                "instrument": e.get("instrument"), "trigger": trig.get("text"),
                "trigger_start": trig.get("start"), "confidence": e.get("confidence"),
            }
        )  # fmt: skip
    return out


def flat_paths(path: Path) -> dict[str, Path]:
    """`out.parquet` -> `out.events.parquet`, `out.people.parquet`, `out.places.parquet`."""
    stem = path.name[: -len(path.suffix)] if path.suffix else path.name
    return {k: path.with_name(f"{stem}.{k}.parquet") for k in ("events", "people", "places")}


@dataclass
class ArrowBatch:
    """One batch of records as Arrow tables (`part`, `people`, `places`, `events`).

    Built in the worker, so the main process only concatenates: converting
    nested records to Arrow costs about as much as a small pipeline
    component and would otherwise cap throughput on many workers.  `row`
    counts from 0 within the batch; the writer shifts it to input positions.
    """

    n: int
    tables: dict[str, Any]


def arrow_batch(recs: list[dict[str, Any]]) -> ArrowBatch:
    """Record dicts (records and error records) as an ArrowBatch."""
    flat: dict[str, list[dict[str, Any]]] = {"people": [], "places": [], "events": []}
    rows = []
    for row, rec in enumerate(recs):
        rows.append({"row": row, **rec})
        if "error" not in rec:
            for k, v in flat_rows(row, rec).items():
                flat[k].extend(v)
    tables = {"part": _to_table(rows, article_schema(), main=True)}
    for k, sch in flat_schemas().items():
        tables[k] = _to_table(flat[k], sch, main=False)
    return ArrowBatch(len(recs), tables)


class ParquetOutput(Output):
    """Numbered, atomically renamed part files merged into the final tables at the end."""

    payload = "arrow"

    def __init__(self, path: str, *, checkpoint_seconds: float = 10.0, part_rows: int = 5_000) -> None:
        super().__init__(path, checkpoint_seconds=checkpoint_seconds)
        if path == "-":
            raise OutputError("Parquet output needs a file path, not standard output")
        self.parts = self.path.with_name(self.path.name + ".parts")
        self.part_rows = part_rows
        self._buf: list[ArrowBatch] = []
        self._buf_rows = 0
        self._buf_errors = 0
        self._buf_items = Progress()
        self._seq = 0

    def _clear(self) -> None:
        super()._clear()
        shutil.rmtree(self.parts, ignore_errors=True)

    def _part(self, kind: str, seq: int) -> Path:
        return self.parts / f"{kind}-{seq:06d}.parquet"

    def open(self, fingerprint: dict[str, Any], *, overwrite: bool = False) -> Progress:
        import pyarrow.parquet as pq

        state = self._resume_state(fingerprint, overwrite)
        try:
            if state is None:
                shutil.rmtree(self.parts, ignore_errors=True)
                self.parts.mkdir()
                self.progress = Progress()
                self._write_state()
                return self.progress
            if state.get("complete"):
                self.progress = Progress(int(state["done"]), int(state["errors"]), True, dict(state.get("items") or {}))
                return self.progress
            self.parts.mkdir(exist_ok=True)
            done = errors = seq = 0
            found = Progress()
            while (p := self._part("part", seq)).exists():
                md = pq.read_metadata(p)
                done += md.num_rows
                errors += int((md.metadata or {}).get(b"berita_errors", b"0"))
                found.add_items(json.loads((md.metadata or {}).get(b"berita_items", b"{}")))
                seq += 1
            for p in self.parts.iterdir():  # half-written parts of the interrupted run
                committed = p.name.endswith(".parquet") and int(p.stem.rsplit("-", 1)[-1]) < seq
                if not committed:
                    p.unlink()
            self._seq = seq
            self.progress = Progress(done, errors, False, found.items)
            return self.progress
        except OSError as e:
            raise OutputError(f"cannot write output {self.path}: {e.strerror or e}") from None

    def write(self, payloads: Any, errors: int, items: Mapping[str, int] | None = None) -> None:
        """Buffer a batch: an ArrowBatch built by a worker, or record dicts."""
        batch = payloads if isinstance(payloads, ArrowBatch) else arrow_batch(list(payloads))
        self._buf.append(batch)
        self._buf_rows += batch.n
        self._buf_errors += errors
        self._buf_items.add_items(items)
        if self._buf_rows >= self.part_rows:
            self.commit()

    def commit(self) -> None:
        import pyarrow as pa
        import pyarrow.compute as pc
        import pyarrow.parquet as pq

        self._last_commit = time.monotonic()
        if not self._buf:
            return
        tables: dict[str, Any] = {}
        for kind in ("part", "people", "places", "events"):
            pieces, offset = [], self.progress.done
            for b in self._buf:
                t = b.tables[kind]
                pieces.append(t.set_column(0, "row", pc.add(t["row"], pa.scalar(offset, pa.int64()))))
                offset += b.n
            tables[kind] = pa.concat_tables(pieces)
        tables["part"] = tables["part"].replace_schema_metadata(
            {"berita_errors": str(self._buf_errors), "berita_items": json.dumps(self._buf_items.items)}
        )
        for kind in ("events", "people", "places", "part"):  # the main part last: its rename commits
            final = self._part(kind, self._seq)
            tmp = final.with_name(final.name + ".tmp")
            pq.write_table(tables[kind], tmp, compression="zstd")
            with open(tmp, "rb+") as f:
                os.fsync(f.fileno())
            os.replace(tmp, final)
        _fsync_dir(self.parts)
        self._seq += 1
        self.progress.done += self._buf_rows
        self.progress.errors += self._buf_errors
        self.progress.add_items(self._buf_items.items)
        self._buf_items = Progress()
        self._buf = []
        self._buf_rows = 0
        self._buf_errors = 0
        self._write_state()

    def finish(self) -> None:
        import pyarrow.parquet as pq

        self.commit()
        targets = {"part": self.path, **flat_paths(self.path)}
        schemas = {"part": article_schema(), **flat_schemas()}
        for kind, final in targets.items():
            tmp = final.with_name(final.name + ".tmp")
            with pq.ParquetWriter(tmp, schemas[kind], compression="zstd") as w:
                pending: list[Any] = []
                n = 0
                for seq in range(self._seq):
                    t = pq.read_table(self._part(kind, seq), schema=schemas[kind])
                    pending.append(t)
                    n += t.num_rows
                    if n >= 10_000:
                        w.write_table(_concat(pending), row_group_size=max(n, 1))
                        pending, n = [], 0
                if pending:
                    w.write_table(_concat(pending), row_group_size=max(n, 1))
            with open(tmp, "rb+") as f:
                os.fsync(f.fileno())
            os.replace(tmp, final)
        _fsync_dir(self.path.parent)
        self.progress.complete = True
        self._write_state()
        shutil.rmtree(self.parts, ignore_errors=True)
        self.close()


_EXACT = 2**53


def _floatish(value: Any) -> Any:
    """Huge integers as floats: Arrow refuses to put them in a float64 column."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int) and not -_EXACT <= value <= _EXACT:
        try:
            return float(value)
        except OverflowError:
            return None
    if isinstance(value, dict):
        return {k: _floatish(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_floatish(v) for v in value]
    return value


def _to_table(rows: list[dict[str, Any]], schema: Any, *, main: bool) -> Any:
    """Rows as an Arrow table; a row Arrow cannot store never sinks the batch.

    A failing batch is retried row by row, with huge integers made floats;
    an article row that still fails is stored as an error row saying why
    (so it keeps its place), a flat-table row is left out.
    """
    import pyarrow as pa

    errors = (pa.ArrowException, ValueError, TypeError, OverflowError)
    try:
        return pa.Table.from_pylist(rows, schema=schema)
    except errors:
        pass
    rows = [_floatish(r) for r in rows]
    try:
        return pa.Table.from_pylist(rows, schema=schema)
    except errors:
        pass
    good = []
    for r2 in rows:
        r = r2
        try:
            pa.Table.from_pylist([r2], schema=schema)
        except errors as e:
            if not main:
                continue
            r2 = {
                "row": r.get("row"),
                "id": r.get("id") if isinstance(r.get("id"), str) else None,
                "schema_version": r.get("schema_version"),
                "error": f"record cannot be stored in Parquet ({type(e).__name__}: {e})",
            }
        good.append(r2)
    return pa.Table.from_pylist(good, schema=schema)


def _concat(tables: list[Any]) -> Any:
    import pyarrow as pa

    return pa.concat_tables(tables)


def open_output(path: str, fmt: str | None = None, *, checkpoint_seconds: float | None = None) -> Output:
    """The writer for `path` (format from `fmt` or the file name)."""
    kind = detect_output_format(path, fmt)
    if kind == "parquet":
        try:
            import pyarrow  # noqa: F401
        except ImportError:
            raise OutputError(
                "Parquet output needs the optional extra 'parquet': pip install 'berita-nlp[parquet]'"
            ) from None
        return ParquetOutput(path, checkpoint_seconds=10.0 if checkpoint_seconds is None else checkpoint_seconds)
    return JsonlOutput(path, checkpoint_seconds=2.0 if checkpoint_seconds is None else checkpoint_seconds)
