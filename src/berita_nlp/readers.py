"""Read news archives as a stream of raw input items, one per article.

Readers run in the main process and must keep up with all the workers, so
they do as little as possible: a JSONL reader hands over the raw line, a
folder reader the file path, a WARC reader the HTML bytes.  Parsing,
decoding and HTML-to-text happen in the workers (`normalize`), where they
are parallel and where a failure becomes that article's error record
instead of stopping the run.

Every reader yields items in a fixed, repeatable order.  Resuming a run
relies on that: the n-th item of a restart is the n-th item of the first
run, so skipping the items already in the output is exact.
"""

from __future__ import annotations

import csv
import datetime as dt
import gzip
import hashlib
import io
import itertools
import json
import os
import sys
import zlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, NamedTuple

from .records import ErrorRecord
from .state import parse_published, replace_surrogates

FORMATS = ("jsonl", "csv", "parquet", "txt", "warc")
"""Input formats; gzip-compressed JSONL and CSV are recognised by content."""


class InputError(Exception):
    """The input as a whole cannot be read (missing file, unknown format).

    Distinct from a bad article, which becomes an error record: this one
    stops the run before it starts, with a message for the user.
    """


class RawItem(NamedTuple):
    """One article as read, before any parsing.

    kind is `json` (data: the line as bytes), `row` (a mapping of field to
    value: CSV, Parquet, Python objects), `txt` (data: a file path), `html`
    (data: a mapping with `html` bytes and WARC metadata) or `error` (data:
    the reason the reader could not read it).  `where` locates the item in
    the input for error messages (`line 12`, `row 7`, `a/b.txt`).
    """

    kind: str
    data: Any
    where: str
    id: str | None = None


@dataclass(frozen=True, slots=True)
class Fields:
    """Which input fields hold the article's id, text and metadata.

    Archives name their columns in many ways (`isi_berita`, `content`,
    `body`); the mapping lets users read them as they are instead of
    rewriting terabytes first.  `published_format` is a `strptime` format
    for dates not written as ISO (`%m/%d/%Y %H:%M`).
    """

    id: str = "id"
    text: str = "text"
    published: str = "published"
    title: str = "title"
    url: str = "url"
    published_format: str | None = None


# --------------------------------------------------------------------------
# Normalisation: raw item -> arguments of pipeline.extract_one, or an error.
# --------------------------------------------------------------------------

Article = dict[str, Any]

def _fail(raw: RawItem, reason: str, art_id: str | None = None) -> ErrorRecord:
    return ErrorRecord(id=art_id if art_id is not None else raw.id, error=f"{raw.where}: {reason}")


def _as_id(value: object) -> str | None:
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    raise TypeError(f"id must be a string or an integer, got {type(value).__name__}")


def _published(value: object, fmt: str | None) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, str) and fmt:
        try:
            return dt.datetime.strptime(value.strip(), fmt).date().isoformat()
        except ValueError:
            raise ValueError(f"published {value!r} does not match format {fmt!r}") from None
    d = parse_published(value)
    return d.isoformat() if d else None


def from_mapping(raw: RawItem, obj: Mapping[str, Any], fields: Fields) -> Article | ErrorRecord:
    """Check one article's fields and return the canonical article mapping."""
    try:
        art_id = _as_id(obj.get(fields.id))
    except TypeError as e:
        return _fail(raw, str(e))
    if fields.text not in obj:
        return _fail(raw, f"no text (field {fields.text!r} missing)", art_id)
    text = obj[fields.text]
    if text is None:
        return _fail(raw, f"no text (field {fields.text!r} is null)", art_id)
    if not isinstance(text, str):
        return _fail(raw, f"text must be a string, got {type(text).__name__}", art_id)
    if not text.strip():
        return _fail(raw, "empty text", art_id)
    try:
        published = _published(obj.get(fields.published), fields.published_format)
    except ValueError as e:
        return _fail(raw, str(e), art_id)
    out: Article = {"id": art_id, "text": replace_surrogates(text), "published": published}
    for key, name in (("title", fields.title), ("url", fields.url)):
        v = obj.get(name)
        if isinstance(v, str) and v:
            out[key] = replace_surrogates(v)
    return out


def normalize(raw: RawItem, fields: Fields) -> Article | ErrorRecord:
    """Turn a raw item into an article mapping, or the error record saying why not.

    Runs in the workers.  Never raises: every input must leave one line.
    """
    try:
        if raw.kind == "json":
            try:
                line = raw.data.decode("utf-8") if isinstance(raw.data, bytes) else raw.data
            except UnicodeDecodeError as e:
                return _fail(raw, f"not UTF-8 ({e.reason} at byte {e.start})")
            try:
                obj = json.loads(line)
            except ValueError as e:
                return _fail(raw, f"not JSON ({e})")
            if not isinstance(obj, dict):
                return _fail(raw, f"not a JSON object (got {type(obj).__name__})")
            return from_mapping(raw, obj, fields)
        if raw.kind == "row":
            if isinstance(raw.data, str):
                return from_mapping(raw, {fields.text: raw.data}, fields)
            if not isinstance(raw.data, Mapping):
                return _fail(raw, f"an article is a mapping or a string, got {type(raw.data).__name__}")
            return from_mapping(raw, raw.data, fields)
        if raw.kind == "txt":
            try:
                text = Path(raw.data).read_bytes().decode("utf-8")
            except UnicodeDecodeError as e:
                return _fail(raw, f"not UTF-8 ({e.reason} at byte {e.start})")
            except OSError as e:
                return _fail(raw, f"cannot read file ({e.strerror or e})")
            return from_mapping(raw, {fields.id: raw.id, fields.text: text}, fields)
        if raw.kind == "html":
            return _from_html(raw, fields)
        if raw.kind == "error":
            return _fail(raw, str(raw.data))
        return _fail(raw, f"unknown item kind {raw.kind!r}")
    except Exception as e:  # noqa: BLE001 - a bad article becomes data, never a crash
        return _fail(raw, f"{type(e).__name__}: {e}")


def _from_html(raw: RawItem, fields: Fields) -> Article | ErrorRecord:
    trafilatura = _need_trafilatura()
    meta: Mapping[str, Any] = raw.data
    html = meta["html"]
    try:
        doc = trafilatura.bare_extraction(
            html,
            url=meta.get("url"),
            with_metadata=True,
            include_comments=False,
            include_tables=False,
        )
        if doc is not None and hasattr(doc, "as_dict"):  # trafilatura 2: a Document; 1.x: a dict
            doc = doc.as_dict()
    except Exception as e:  # noqa: BLE001 - a page the extractor chokes on is one bad article
        return _fail(raw, f"HTML extraction failed ({type(e).__name__}: {e})")
    text = doc.get("text") if isinstance(doc, dict) else None
    if not text or not str(text).strip():
        return _fail(raw, "no article text found in the HTML")
    published = doc.get("date") or meta.get("date")
    obj = {
        fields.id: raw.id,
        fields.text: text,
        fields.published: published if isinstance(published, str) else None,
        fields.title: doc.get("title"),
        fields.url: meta.get("url"),
    }
    art = from_mapping(raw, obj, Fields(**{**_field_dict(fields), "published_format": None}))
    if isinstance(art, ErrorRecord) and published:
        # A page date we cannot read must not cost the article.
        obj[fields.published] = None
        art = from_mapping(raw, obj, fields)
    return art


def _field_dict(fields: Fields) -> dict[str, Any]:
    return {k: getattr(fields, k) for k in ("id", "text", "published", "title", "url", "published_format")}


def _need_trafilatura() -> Any:
    try:
        import trafilatura
    except ImportError:
        raise InputError(
            "WARC input needs the optional extra 'warc' (warcio, trafilatura): pip install 'berita-nlp[warc]'"
        ) from None
    return trafilatura


def _need_warcio() -> Any:
    try:
        from warcio.archiveiterator import ArchiveIterator

        _need_trafilatura()
    except ImportError:
        raise InputError(
            "WARC input needs the optional extra 'warc' (warcio, trafilatura): pip install 'berita-nlp[warc]'"
        ) from None
    return ArchiveIterator


def _need_pyarrow() -> Any:
    try:
        import pyarrow.parquet as pq
    except ImportError:
        raise InputError("Parquet needs the optional extra 'parquet': pip install 'berita-nlp[parquet]'") from None
    return pq


# --------------------------------------------------------------------------
# Readers
# --------------------------------------------------------------------------


def detect_format(path: str, explicit: str | None = None) -> str:
    """The input format: the explicit one, else from the name (`-` is JSONL)."""
    if explicit:
        if explicit not in FORMATS:
            raise InputError(f"unknown input format {explicit!r}; known: {', '.join(FORMATS)}")
        return explicit
    if path == "-":
        return "jsonl"
    if os.path.isdir(path):
        return "txt"
    name = path.lower()
    for suffix in (".gz", ".gzip"):
        if name.endswith(suffix):
            name = name[: -len(suffix)]
    for ext, fmt in (
        (".jsonl", "jsonl"),
        (".ndjson", "jsonl"),
        (".json", "jsonl"),
        (".csv", "csv"),
        (".parquet", "parquet"),
        (".pq", "parquet"),
        (".warc", "warc"),
        (".arc", "warc"),
    ):
        if name.endswith(ext):
            return fmt
    raise InputError(f"cannot tell the format of {path!r} from its name; pass --input-format ({', '.join(FORMATS)})")


class Reader:
    """An input archive: iterate it for RawItems; `total()` may count them.

    Construction checks that the input exists and can be opened, so a typo
    in a path fails with a clear message before any worker starts.
    """

    def __init__(self, path: str, fmt: str | None = None, fields: Fields | None = None) -> None:
        self.path = path
        self.fields = fields or Fields()
        self.format = detect_format(path, fmt)
        if path != "-":
            if not os.path.exists(path):
                raise InputError(f"input not found: {path}")
            if self.format == "txt" and not os.path.isdir(path):
                raise InputError(f"txt input must be a folder of .txt files: {path}")
            if self.format != "txt":
                if os.path.isdir(path):
                    raise InputError(f"input is a folder, expected a {self.format} file: {path}")
                try:
                    with open(path, "rb"):
                        pass
                except OSError as e:
                    raise InputError(f"cannot read input {path}: {e.strerror or e}") from None
        elif self.format in ("parquet", "txt"):
            raise InputError(f"{self.format} input cannot be read from standard input; give a path")
        if self.format == "parquet":
            _need_pyarrow()
        if self.format == "warc":
            _need_warcio()
        if path != "-" and self.format in ("csv", "parquet"):
            self._check_columns()

    def _check_columns(self) -> None:
        """Refuse a table without the text column, before a million error records say so."""
        try:
            if self.format == "parquet":
                names = list(_need_pyarrow().ParquetFile(self.path).schema_arrow.names)
            else:
                with self._open_binary() as fb:
                    text = io.TextIOWrapper(fb, encoding="utf-8", errors="replace", newline="")
                    names = next(csv.reader(text), [])
        except (OSError, EOFError, zlib.error, csv.Error):
            return  # unreadable here: the reader reports it as it goes
        except Exception as e:  # noqa: BLE001 - pyarrow's errors for a file that is not Parquet
            raise InputError(f"cannot read {self.path} as {self.format}: {e}") from None
        if names and self.fields.text not in names:
            shown = ", ".join(names[:20]) + (", ..." if len(names) > 20 else "")
            raise InputError(
                f"{self.path} has no column {self.fields.text!r} (columns: {shown}); "
                "name the text column with --text-field"
            )

    def __iter__(self) -> Iterator[RawItem]:
        if self.format == "jsonl":
            return self._jsonl()
        if self.format == "csv":
            return self._csv()
        if self.format == "parquet":
            return self._parquet()
        if self.format == "txt":
            return self._txt()
        return self._warc()

    def iter_from(self, skip: int) -> Iterator[RawItem]:
        """The items after the first `skip` (a resumed run's remainder).

        Parquet skips whole row groups from the file's metadata without
        decoding them; other formats read past the skipped items, which
        costs I/O but no parsing (JSON is parsed in the workers).
        """
        if self.format == "parquet":
            return self._parquet(skip)
        return itertools.islice(iter(self), skip, None)

    def fingerprint(self) -> dict[str, Any]:
        """What identifies this input for resuming: path, size, a hash of its head.

        A restart against a different or rewritten input must not silently
        splice two archives into one output.
        """
        fp: dict[str, Any] = {"path": os.path.abspath(self.path) if self.path != "-" else "-"}
        fp["format"] = self.format
        fp["fields"] = _field_dict(self.fields)
        if self.path != "-" and os.path.isfile(self.path):
            fp["size"] = os.path.getsize(self.path)
            with open(self.path, "rb") as f:
                fp["head_sha1"] = hashlib.sha1(f.read(1 << 16)).hexdigest()
        return fp

    def total(self) -> int | None:
        """Number of items when it is cheap to know (for the progress bar's ETA)."""
        if self.path == "-":
            return None
        if self.format == "parquet":
            pq = _need_pyarrow()
            try:
                return int(pq.ParquetFile(self.path).metadata.num_rows)
            except Exception:  # noqa: BLE001 - a progress estimate is optional
                return None
        if self.format == "txt":
            return sum(1 for _ in _walk_txt(Path(self.path)))
        if self.format == "jsonl" and not _is_gzip_file(self.path):
            n = 0
            last = b"\n"
            with open(self.path, "rb") as f:
                while chunk := f.read(1 << 22):
                    n += chunk.count(b"\n")
                    last = chunk[-1:]
            return n + (last != b"\n")
        return None

    # -- formats ----------------------------------------------------------

    def _open_binary(self) -> IO[bytes]:
        if self.path == "-":
            stream: IO[bytes] = sys.stdin.buffer
        else:
            stream = open(self.path, "rb")  # noqa: SIM115 - closed by the generator
        if stream.peek(2)[:2] == b"\x1f\x8b":  # type: ignore[attr-defined]
            return gzip.GzipFile(fileobj=stream, mode="rb")  # type: ignore[return-value]
        return stream

    def _jsonl(self) -> Iterator[RawItem]:
        with self._open_binary() as f:
            lineno = 0
            try:
                for line in f:
                    lineno += 1
                    if line.strip():
                        yield RawItem("json", line, f"line {lineno}")
            except (EOFError, OSError, zlib.error) as e:
                yield RawItem("error", f"input ends in a damaged or truncated block ({e})", f"line {lineno + 1}")

    def _csv(self) -> Iterator[RawItem]:
        csv.field_size_limit(2**31 - 1)
        with self._open_binary() as fb:
            text = io.TextIOWrapper(fb, encoding="utf-8", errors="replace", newline="")
            reader = csv.DictReader(text)
            row = 0
            try:
                for rec in reader:
                    row += 1
                    yield RawItem("row", rec, f"row {row}", _safe_id(rec.get(self.fields.id)))
            except (csv.Error, EOFError, OSError, zlib.error) as e:
                yield RawItem("error", f"unreadable CSV from here on ({e})", f"row {row + 1}")

    def _parquet(self, skip: int = 0) -> Iterator[RawItem]:
        pq = _need_pyarrow()
        pf = pq.ParquetFile(self.path)
        names = set(pf.schema_arrow.names)
        f = self.fields
        cols = [c for c in (f.id, f.text, f.published, f.title, f.url) if c in names]
        row = 0
        for rg in range(pf.metadata.num_row_groups):
            n = pf.metadata.row_group(rg).num_rows
            if skip >= n:
                skip -= n
                row += n
                continue
            first, skip = skip, 0
            row += first
            n -= first
            try:
                rows = pf.read_row_group(rg, columns=cols).slice(first).to_pylist()
            except Exception as e:  # noqa: BLE001 - a damaged row group costs its rows only
                for _ in range(n):
                    row += 1
                    yield RawItem("error", f"unreadable Parquet row group {rg} ({type(e).__name__}: {e})", f"row {row}")
                continue
            for rec in rows:
                row += 1
                yield RawItem("row", rec, f"row {row}", _safe_id(rec.get(f.id)))

    def _txt(self) -> Iterator[RawItem]:
        root = Path(self.path)
        for p in _walk_txt(root):
            rel = p.relative_to(root).as_posix()
            yield RawItem("txt", str(p), rel, rel[:-4])

    def _warc(self) -> Iterator[RawItem]:
        archive_iterator = _need_warcio()
        stream = sys.stdin.buffer if self.path == "-" else open(self.path, "rb")  # noqa: SIM115
        n = 0
        try:
            it = iter(archive_iterator(stream, arc2warc=True))
            while True:
                try:
                    rec = next(it)
                except StopIteration:
                    break
                except Exception as e:  # noqa: BLE001 - damage ends the readable part of the archive
                    yield RawItem("error", f"unreadable WARC from here on ({type(e).__name__}: {e})", f"record {n + 1}")
                    break
                if rec.rec_type != "response":
                    continue
                http = rec.http_headers
                ctype = (http.get_header("Content-Type") or "") if http is not None else ""
                if http is None or "html" not in ctype.lower():
                    continue
                if not (http.get_statuscode() or "200").startswith("2"):
                    continue  # redirects and error pages are not articles
                n += 1
                url = rec.rec_headers.get_header("WARC-Target-URI")
                rid = (rec.rec_headers.get_header("WARC-Record-ID") or "").strip("<>")
                if rid.startswith("urn:uuid:"):
                    rid = rid[9:]
                where = f"record {n}" + (f" ({url})" if url else "")
                try:
                    html = rec.content_stream().read()
                except Exception as e:  # noqa: BLE001 - one unreadable payload is one error record
                    yield RawItem("error", f"unreadable WARC payload ({type(e).__name__}: {e})", where, rid or None)
                    continue
                wdate = (rec.rec_headers.get_header("WARC-Date") or "")[:10] or None
                yield RawItem("html", {"html": html, "url": url, "date": wdate}, where, rid or None)
        finally:
            if stream is not sys.stdin.buffer:
                stream.close()


class MultiReader:
    """Several archives read one after the other as one input (daily dumps).

    Items keep their order (file by file), error messages name the file,
    and resuming skips whole files whose size in items is cheap to know.
    """

    def __init__(self, paths: list[str], fmt: str | None = None, fields: Fields | None = None) -> None:
        if "-" in paths:
            raise InputError("standard input (-) cannot be combined with other inputs")
        self.readers = [Reader(p, fmt, fields) for p in paths]
        self.fields = self.readers[0].fields
        self.path = " ".join(paths)
        self.format = "+".join(sorted({r.format for r in self.readers}))

    def __iter__(self) -> Iterator[RawItem]:
        return self.iter_from(0)

    def iter_from(self, skip: int) -> Iterator[RawItem]:
        for r in self.readers:
            if skip and r.format == "parquet":
                n = r.total()
                if n is not None and skip >= n:
                    skip -= n
                    continue
            name = os.path.basename(r.path.rstrip("/")) or r.path
            for raw in r.iter_from(0):
                if skip:
                    skip -= 1
                    continue
                yield raw._replace(where=f"{name} {raw.where}")

    def fingerprint(self) -> dict[str, Any]:
        return {"inputs": [r.fingerprint() for r in self.readers]}

    def total(self) -> int | None:
        totals = [r.total() for r in self.readers]
        return None if any(t is None for t in totals) else sum(t for t in totals if t is not None)


def open_reader(paths: str | list[str], fmt: str | None = None, fields: Fields | None = None) -> Reader | MultiReader:
    """A Reader for one input, a MultiReader for several."""
    if isinstance(paths, str):
        return Reader(paths, fmt, fields)
    if len(paths) == 1:
        return Reader(paths[0], fmt, fields)
    return MultiReader(list(paths), fmt, fields)


def _walk_txt(folder: Path) -> Iterator[Path]:
    """`.txt` files under `folder` in path order, one directory listed at a time."""
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError:
        return
    for e in entries:
        if e.is_dir(follow_symlinks=False):
            yield from _walk_txt(Path(e.path))
        elif e.name.endswith(".txt") and e.is_file():
            yield Path(e.path)


def _safe_id(value: object) -> str | None:
    try:
        return _as_id(value)
    except TypeError:
        return None


def _is_gzip_file(path: str) -> bool:
    with open(path, "rb") as f:
        return f.read(2) == b"\x1f\x8b"


def iter_mappings(items: Any, fields: Fields | None = None) -> Iterator[RawItem]:
    """Wrap Python objects (mappings or texts) as raw items, for the API and Dask."""
    for i, it in enumerate(items, 1):
        art_id = _safe_id(it.get((fields or Fields()).id)) if isinstance(it, Mapping) else None
        yield RawItem("row", it, f"item {i}", art_id)
