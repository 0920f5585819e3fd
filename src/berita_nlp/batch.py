"""The batch runner: stream an archive through the pipeline on N processes.

Shape of a run:

    Reader (main) --batches--> workers (N processes or a Dask cluster)
                  <--results--  in submission order --> Output (main)

The main process only reads raw items and writes finished lines; parsing,
extraction and serialisation happen in the workers, each of which loads the
pipeline once.  At most a small window of batches is in flight, so memory
stays flat however large the input is, and results are written in input
order because the window is drained strictly from its head.

Resuming: the Output says how many inputs its committed part covers; the
reader skips exactly that many and the run continues.  Commits happen every
few seconds and on Ctrl-C/SIGTERM.

A worker that dies (segfault, out of memory) takes its batch with it; the
runner restarts the pool and replays the batches in flight one article at a
time, so the article that kills a worker becomes an error record instead of
killing every restart.
"""

from __future__ import annotations

import collections
import concurrent.futures as cf
import concurrent.futures.process  # noqa: F401 - makes cf.process.BrokenProcessPool available
import contextlib
import functools
import itertools
import json
import multiprocessing as mp
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field
from typing import Any

from .readers import Fields, MultiReader, RawItem, Reader, normalize, open_reader
from .records import ErrorRecord
from .writers import Output, open_output


class BatchError(Exception):
    """The run cannot start (no Dask, no scheduler); the message says why."""


ITEM_KINDS = ("dates", "people", "places", "organizations", "counts", "events")
"""Record lists the run summary counts."""


@dataclass(frozen=True)
class WorkerConfig:
    """Everything a worker needs besides the batch; small and picklable."""

    fields: Fields = field(default_factory=Fields)
    components: tuple[str, ...] | None = None
    payload: str = "json"  # "json": serialised lines; "dict": record mappings; "arrow": an ArrowBatch


@dataclass
class BatchResult:
    payloads: Any  # a list with one line/dict per article, or one ArrowBatch
    errors: int
    pid: int
    peak_rss_mb: float
    count: int = -1
    items: dict[str, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.count < 0:
            self.count = len(self.payloads)


@dataclass
class Summary:
    """What a run did; printed on stderr and written by `--summary-json`."""

    input: str
    output: str
    articles: int = 0
    records: int = 0
    errors: int = 0
    resumed_from: int = 0
    processed_now: int = 0
    seconds: float = 0.0
    startup_seconds: float = 0.0
    articles_per_second: float = 0.0
    jobs: int = 1
    worker_peak_rss_mb: dict[str, float] = field(default_factory=dict)
    items: dict[str, int] = field(default_factory=dict)
    complete: bool = False
    interrupted: bool = False

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def line(self) -> str:
        if self.interrupted:
            return (
                f"berita-nlp: interrupted after {self.articles} articles ({self.errors} errors) in "
                f"{self.output}; run the same command again to continue"
            )
        resumed = f", continuing after {self.resumed_from} already done" if self.resumed_from else ""
        found = ", ".join(f"{self.items[k]} {k}" for k in ITEM_KINDS if k in self.items)
        if self.complete and not self.processed_now and self.resumed_from:
            return f"berita-nlp: {self.output} is already complete ({self.articles} articles, {self.errors} errors)" + (
                f"\n  found: {found}" if found else ""
            )
        return (
            f"berita-nlp: {self.articles} articles -> {self.output}: {self.records} records, "
            f"{self.errors} errors{resumed}; {self.processed_now} in {self.seconds:.1f} s "
            f"({self.articles_per_second:.1f} articles/s, {self.jobs} job{'s' if self.jobs != 1 else ''})"
            + (f"\n  found: {found}" if found else "")
        )


# --------------------------------------------------------------------------
# Worker side
# --------------------------------------------------------------------------


@functools.lru_cache(maxsize=4)
def worker_pipeline(components: tuple[str, ...] | None) -> Any:
    """The pipeline of this process, loaded once (per component set)."""
    from .pipeline import shared_pipeline

    return shared_pipeline(components)


def _peak_rss_mb() -> float:
    try:
        import resource

        kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return kb / 1024 if sys.platform != "darwin" else kb / (1024 * 1024)
    except (ImportError, OSError):
        return 0.0


def _finite(value: Any) -> Any:
    if isinstance(value, float) and (value != value or value in (float("inf"), float("-inf"))):
        return None
    if isinstance(value, dict):
        return {k: _finite(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_finite(v) for v in value]
    return value


def dumps(record: dict[str, Any]) -> str:
    """One strict JSON line for a record, whatever is inside it.

    NaN/infinity would make invalid JSON and become null; a lone surrogate
    from the input (legal in JSON, not in UTF-8) is written escaped.
    Either would otherwise fail only when the main process writes the file.
    """
    try:
        line = json.dumps(record, ensure_ascii=False, allow_nan=False)
    except ValueError:
        line = json.dumps(_finite(record), ensure_ascii=False, allow_nan=False)
    try:
        line.encode("utf-8")
    except UnicodeEncodeError:
        line = json.dumps(json.loads(line), ensure_ascii=True)
    return line


def process_batch(batch: list[RawItem], cfg: WorkerConfig) -> BatchResult:
    """Normalise, extract and serialise one batch; one payload per item, always."""
    from .pipeline import extract_one

    nlp = worker_pipeline(cfg.components)
    payloads: list[Any] = []
    errors = 0
    found = dict.fromkeys(ITEM_KINDS, 0)
    for raw in batch:
        art = normalize(raw, cfg.fields)
        rec = art if isinstance(art, ErrorRecord) else extract_one(art, nlp)
        if isinstance(rec, ErrorRecord):
            errors += 1
        else:
            for k in ITEM_KINDS:
                found[k] += len(getattr(rec, k))
        d = rec.to_dict()
        payloads.append(dumps(d) if cfg.payload == "json" else d)
    if cfg.payload == "arrow":
        from .writers import arrow_batch

        return BatchResult(arrow_batch(payloads), errors, os.getpid(), _peak_rss_mb(), len(payloads), found)
    return BatchResult(payloads, errors, os.getpid(), _peak_rss_mb(), items=found)


_WARM_TEXT = (
    "SUKAMAJU - Pemerintah Kabupaten Sukamaju dan PT Air Lestari menandatangani perjanjian kerja sama "
    "pada Senin (5/2/2024) di Aula Kantor Bupati. Bupati Sukamaju Drs. Hendra Wiratmaja, M.Si. "
    "menyebut 14 desa di Kecamatan Cibening dan Provinsi Jawa Barat menerima Rp 1,2 miliar.\n\n"
    "BACA JUGA: Jalan Desa Diperbaiki\n\nEditor: Rina"
)


def warm_up(cfg: WorkerConfig) -> tuple[int, float]:
    """Load the pipeline and its lazily loaded tables before timing starts.

    One small article through every component makes each load its data
    now, so the first real batch is not slowed and figures measure steady
    throughput.  Returns (pid, peak RSS MB).
    """
    from .pipeline import extract_one

    extract_one({"text": _WARM_TEXT, "published": "2024-02-06"}, worker_pipeline(cfg.components))
    return os.getpid(), _peak_rss_mb()


_BARRIER: Any = None


def _init_worker(cfg: WorkerConfig, barrier: Any = None) -> None:
    # Ctrl-C reaches the whole process group; the main process alone decides
    # what to commit, so workers ignore it and are stopped by the main.
    global _BARRIER
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _BARRIER = barrier
    threading.Thread(target=_exit_with_parent, args=(os.getppid(),), daemon=True).start()
    worker_pipeline(cfg.components)


def _exit_with_parent(parent: int) -> None:
    # After `kill -9` of the main process nobody would ever stop the workers:
    # they would sit on their memory forever.  Follow the parent instead.
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(1)


def _warm_all(cfg: WorkerConfig) -> tuple[int, float]:
    """Warm-up task that waits for its siblings, so each worker gets exactly one."""
    out = warm_up(cfg)
    if _BARRIER is not None:
        with contextlib.suppress(threading.BrokenBarrierError):
            _BARRIER.wait(timeout=600)
    return out


# --------------------------------------------------------------------------
# Executors: inline, local processes, Dask
# --------------------------------------------------------------------------


class InlineExecutor:
    """Runs tasks at submit time in this process (`--jobs 1`: no pickling, no startup)."""

    slots = 1

    def submit(self, fn: Callable[..., Any], *args: Any) -> cf.Future[Any]:
        fut: cf.Future[Any] = cf.Future()
        try:
            fut.set_result(fn(*args))
        except BaseException as e:
            if isinstance(e, KeyboardInterrupt | SystemExit):
                raise
            fut.set_exception(e)
        return fut

    def warm(self, cfg: WorkerConfig) -> list[tuple[int, float]]:
        return [warm_up(cfg)]

    def restart(self) -> None:
        pass

    def shutdown(self, kill: bool = False) -> None:
        pass


class ProcessExecutor:
    """A pool of spawned worker processes, each loading the pipeline once.

    spawn rather than fork: the main process may hold threads (progress
    bar, Arrow) that make forking unsafe, and spawned workers are the same
    on every platform.  (A fork server would start workers faster, but its
    workers are not the main process's children and outlive a `kill -9`.)
    """

    def __init__(self, jobs: int, cfg: WorkerConfig) -> None:
        self.jobs = jobs
        self.cfg = cfg
        self.slots = jobs * 2 + 1
        self.pool = self._new()

    def _new(self) -> cf.ProcessPoolExecutor:
        ctx = mp.get_context("spawn")
        return cf.ProcessPoolExecutor(
            max_workers=self.jobs,
            mp_context=ctx,
            initializer=_init_worker,
            initargs=(self.cfg, ctx.Barrier(self.jobs)),
        )

    def submit(self, fn: Callable[..., Any], *args: Any) -> cf.Future[Any]:
        return self.pool.submit(fn, *args)

    def warm(self, cfg: WorkerConfig) -> list[tuple[int, float]]:
        # One task per worker, held until all workers are up, so each loads once.
        tasks = [self.pool.submit(_warm_all, cfg) for _ in range(self.jobs)]
        return [f.result() for f in tasks]

    def restart(self) -> None:
        self.shutdown(kill=True)
        self.pool = self._new()

    def shutdown(self, kill: bool = False) -> None:
        if kill:
            for p in list(getattr(self.pool, "_processes", {}).values()):
                if p.is_alive():
                    p.kill()
        self.pool.shutdown(wait=True, cancel_futures=True)


class DaskExecutor:
    """Batches as tasks on a running Dask cluster (`--scheduler ADDRESS`).

    The task function lives in this module, so each Dask worker process
    imports it once and caches its pipeline (`worker_pipeline`): loading
    happens once per worker, not per task.  Workers need berita_nlp
    installed, as for any Dask code.
    """

    def __init__(self, address: str | Any) -> None:
        try:
            import distributed
        except ImportError:
            raise BatchError("--scheduler needs the optional extra 'dask': pip install 'berita-nlp[dask]'") from None
        client_cls: Any = distributed.Client
        self._own = not isinstance(address, client_cls)
        self.client: Any = address
        if self._own:
            try:
                self.client = client_cls(address, timeout=30)
            except (OSError, TimeoutError) as e:
                raise BatchError(f"cannot connect to the Dask scheduler at {address}: {e}") from None
        threads = sum(self.client.nthreads().values()) or 1
        self.jobs = threads
        self.slots = threads * 2 + 1

    def submit(self, fn: Callable[..., Any], *args: Any) -> Any:
        return self.client.submit(fn, *args, pure=False)

    def warm(self, cfg: WorkerConfig) -> list[tuple[int, float]]:
        out = self.client.run(warm_up, cfg)
        return list(out.values())

    def restart(self) -> None:
        pass

    def shutdown(self, kill: bool = False) -> None:
        if self._own:
            self.client.close()


# --------------------------------------------------------------------------
# The run
# --------------------------------------------------------------------------


@dataclass
class RunOptions:
    input: str | list[str]  # one input, or several read one after the other
    output: str
    input_format: str | None = None
    output_format: str | None = None
    fields: Fields = field(default_factory=Fields)
    components: tuple[str, ...] | None = None
    jobs: int = 1
    batch_size: int = 32
    scheduler: str | Any | None = None
    overwrite: bool = False
    progress: bool | None = None  # None: on when stderr is a terminal
    checkpoint_seconds: float | None = None


def _batched(items: Iterator[RawItem], size: int) -> Iterator[list[RawItem]]:
    while batch := list(itertools.islice(items, size)):
        yield batch


class _Progress:
    """tqdm on a terminal, nothing otherwise."""

    def __init__(self, enabled: bool, initial: int, reader: Reader | MultiReader | None) -> None:
        self.bar: Any = None
        self._counter: threading.Thread | None = None
        if not enabled:
            return
        try:
            from tqdm import tqdm
        except ImportError:
            return
        self.bar = tqdm(
            initial=initial, unit=" art", unit_scale=False, dynamic_ncols=True, file=sys.stderr, smoothing=0.1
        )
        if reader is not None:
            # Counting a big file takes a while: the bar starts without a total.
            self._counter = threading.Thread(target=self._count, args=(reader,), daemon=True)
            self._counter.start()

    def _count(self, reader: Reader | MultiReader) -> None:
        total = reader.total()
        if total is not None and self.bar is not None:
            self.bar.total = total

    def update(self, n: int) -> None:
        if self.bar is not None:
            self.bar.update(n)

    def close(self) -> None:
        if self._counter is not None:
            self._counter.join(timeout=0.2)
        if self.bar is not None:
            self.bar.close()
            self.bar = None


class _Stop:
    """Ctrl-C / SIGTERM: the first asks for a clean stop at the next batch
    boundary (what is written gets committed); a second one stops at once,
    which is still safe because uncommitted output is dropped on resume."""

    def __init__(self) -> None:
        self.requested = False
        self._old: dict[int, Any] = {}

    def __enter__(self) -> _Stop:
        if threading.current_thread() is threading.main_thread():
            for sig in (signal.SIGINT, signal.SIGTERM):
                self._old[sig] = signal.signal(sig, self._handle)
        return self

    def _handle(self, signum: int, frame: Any) -> None:
        if self.requested:
            raise KeyboardInterrupt
        self.requested = True

    def __exit__(self, *exc: object) -> None:
        for sig, old in self._old.items():
            signal.signal(sig, old)


def _label(inputs: str | list[str]) -> str:
    return inputs if isinstance(inputs, str) else " ".join(inputs)


def run_fingerprint(opts: RunOptions, reader: Reader | MultiReader, output: Output) -> dict[str, Any]:
    """What must match for an output to be continued: input, options, version."""
    from . import __version__

    return {
        "berita_nlp": __version__,  # records of two versions must not share one output
        "input": reader.fingerprint(),
        "components": list(opts.components) if opts.components else None,
        "output_format": type(output).__name__,
    }


def run(opts: RunOptions, reader: Reader | MultiReader | None = None, output: Output | None = None) -> Summary:
    """Run one extraction job to completion (or to a clean interruption).

    Raises readers.InputError / writers.OutputError for problems with the
    input or output as a whole; every per-article problem is an error record.
    """
    reader = reader or open_reader(opts.input, opts.input_format, opts.fields)
    output = output or open_output(opts.output, opts.output_format, checkpoint_seconds=opts.checkpoint_seconds)
    cfg = WorkerConfig(fields=opts.fields, components=opts.components, payload=output.payload)
    fingerprint = run_fingerprint(opts, reader, output)
    summary = Summary(input=_label(opts.input), output=opts.output, jobs=opts.jobs)
    t_start = time.monotonic()
    try:
        prog = output.open(fingerprint, overwrite=opts.overwrite)
    except BaseException:
        output.close()  # releases the output's lock
        raise
    summary.resumed_from = prog.done
    if prog.complete:
        output.close()
        _fill(summary, output, 0.0)
        summary.complete = True
        return summary

    show = sys.stderr.isatty() if opts.progress is None else opts.progress
    bar: _Progress | None = None
    executor: Any = None
    t0 = t_end = time.monotonic()
    with _Stop() as stop:
        try:
            if opts.scheduler is not None:
                executor = DaskExecutor(opts.scheduler)
                summary.jobs = executor.jobs
            elif opts.jobs > 1:
                executor = ProcessExecutor(opts.jobs, cfg)
            else:
                executor = InlineExecutor()
            for pid, rss in executor.warm(cfg):
                summary.worker_peak_rss_mb[str(pid)] = round(rss, 1)
            summary.startup_seconds = round(time.monotonic() - t_start, 3)
            t0 = time.monotonic()
            if not stop.requested:
                bar = _Progress(show, prog.done, reader if opts.input != "-" else None)
                items = reader.iter_from(prog.done)
                _drive(executor, cfg, _batched(items, opts.batch_size), output, summary, bar, stop)
            if stop.requested:
                output.commit()
                summary.interrupted = True
            else:
                output.finish()
                summary.complete = True
            t_end = time.monotonic()
        except KeyboardInterrupt:
            summary.interrupted = True
            t_end = time.monotonic()
        finally:
            if bar is not None:
                bar.close()
            output.close()
            if executor is not None:
                executor.shutdown(kill=summary.interrupted)
    _fill(summary, output, t_end - t0)
    return summary


def _fill(summary: Summary, output: Output, seconds: float) -> None:
    p = output.progress
    summary.articles = p.done
    summary.errors = p.errors
    summary.records = p.done - p.errors
    summary.items = dict(p.items)
    summary.processed_now = p.done - summary.resumed_from
    summary.seconds = round(seconds, 3)
    summary.articles_per_second = round(summary.processed_now / seconds, 1) if seconds > 0 else 0.0


def _results(
    executor: Any, cfg: WorkerConfig, batches: Iterable[list[RawItem]], stop: _Stop | None = None
) -> Iterator[BatchResult]:
    """Batch results in submission order, with a bounded window in flight."""
    window: collections.deque[tuple[list[RawItem], Any]] = collections.deque()
    it = iter(batches)
    exhausted = False
    while True:
        while not exhausted and len(window) < executor.slots:
            batch = next(it, None)
            if batch is None:
                exhausted = True
                break
            window.append((batch, executor.submit(process_batch, batch, cfg)))
        if not window or (stop is not None and stop.requested):
            return
        batch, fut = window.popleft()
        try:
            res: BatchResult = fut.result()
        except cf.process.BrokenProcessPool:
            pending = [batch] + [b for b, _ in window]
            window.clear()
            for b in pending:
                yield from _isolated(executor, cfg, b)
            continue
        yield res


def _drive(
    executor: Any,
    cfg: WorkerConfig,
    batches: Iterable[list[RawItem]],
    output: Output,
    summary: Summary,
    bar: _Progress,
    stop: _Stop,
) -> None:
    for res in _results(executor, cfg, batches, stop):
        _accept(res, output, summary, bar)


def stream(
    items: Iterable[Any],
    *,
    jobs: int = 1,
    batch_size: int = 32,
    components: tuple[str, ...] | None = None,
    fields: Fields | None = None,
) -> Iterator[dict[str, Any]]:
    """Record dicts for Python objects (texts or article mappings), in order.

    The runner's machinery without files: `jobs` spawned workers loading
    the pipeline once, a bounded window (the input is consumed lazily, so
    memory stays flat for any generator), and a worker that dies costs one
    error record.  `pipeline.extract_many` can be built on this.
    """
    from .readers import iter_mappings

    f = fields or Fields()
    cfg = WorkerConfig(fields=f, components=components, payload="dict")
    executor: Any = ProcessExecutor(jobs, cfg) if jobs > 1 else InlineExecutor()
    try:
        for res in _results(executor, cfg, _batched(iter_mappings(items, f), batch_size)):
            yield from res.payloads
    finally:
        executor.shutdown(kill=True)


def _accept(res: BatchResult, output: Output, summary: Summary, bar: _Progress) -> None:
    output.write(res.payloads, res.errors, res.items)
    if res.pid:
        key = str(res.pid)
        summary.worker_peak_rss_mb[key] = round(max(summary.worker_peak_rss_mb.get(key, 0.0), res.peak_rss_mb), 1)
    bar.update(res.count)
    if output.due():
        output.commit()


def _isolated(executor: Any, cfg: WorkerConfig, batch: list[RawItem]) -> Iterator[BatchResult]:
    """Replay a batch one article per task after a worker died, to find the culprit."""
    executor.restart()
    for raw in batch:
        try:
            yield executor.submit(process_batch, [raw], cfg).result()
        except cf.process.BrokenProcessPool:
            executor.restart()
            rec = ErrorRecord(id=raw.id, error=f"{raw.where}: the worker process died on this article")
            d = rec.to_dict()
            if cfg.payload == "arrow":
                from .writers import arrow_batch

                yield BatchResult(arrow_batch([d]), 1, 0, 0.0, 1)
            else:
                yield BatchResult([dumps(d) if cfg.payload == "json" else d], 1, 0, 0.0)
