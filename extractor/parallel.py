"""Process-pool execution of the per-document stages, results in input order.

Memory stays bounded however large the corpus is:

* the file list is walked lazily and only file *names* go to the workers;
  each worker reads and decodes its own file, so no document text crosses
  the pipe and the parent never holds more than a window of documents;
* at most ``in_flight`` batches of documents (about 256 kB each, or one
  larger document; default ``3 × jobs`` batches) are submitted but not yet
  yielded; the parent waits for the oldest before submitting more, so a slow
  document cannot make the queue grow without limit;
* the rule pack is sent once per worker (pool initializer), and each worker
  warms up the recogniser (pint registry, compiled grammars) once, never per
  document.  The first document is analysed in the parent before the pool
  starts, so with the ``fork`` start method (Linux) the workers inherit a
  warm process and a single document never starts a pool.
"""
from __future__ import annotations

import gc
import itertools
import os
import pickle
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path
from typing import Callable, Iterable, Iterator

from .model import InputError
from .spill import loads_quietly

_PACK = None
_BIND = True
_CHECK = True
_AS_RECORDS = False
_WARMUP_TEXT = "2023年全市地区生产总值达88.4亿元，比上年增长6.1%，其中一季度增长百分之五。"

ProgressFn = Callable[[int, int | None, str], None]


def _init_worker(pack, bind: bool, check: bool, as_records: bool | str = False) -> None:
    """Pool initializer: keep the rule pack and warm up every lazily built table."""
    global _PACK, _BIND, _CHECK, _AS_RECORDS
    _PACK, _BIND, _CHECK, _AS_RECORDS = pack, bind, check, as_records
    warm_up(pack, bind=bind, check=check)
    # The worker lives as long as the pool.  What it inherited and warmed up (rule pack,
    # grammars, lexicon memos) stays to the end: moved out of the collector's sight, full
    # collections neither walk it again and again nor write to its pages (which the fork
    # shares with the parent until written); and, as in the parent (``rare_full_collections``),
    # full collections are rare.
    gc.freeze()
    g0, g1, g2 = gc.get_threshold()
    gc.set_threshold(g0, g1, max(g2, 1000))


def warm_up(pack, *, bind: bool = True, check: bool = True) -> None:
    """Run the per-document stages once on a short text so later documents pay no set-up cost.

    Only an optimisation: a failure here is ignored, because the same failure
    will surface (with the document's name) when a real document is analysed.
    """
    from .load import load_text
    from .pipeline import analyse_source

    try:
        analyse_source(load_text(_WARMUP_TEXT, "<warm-up>"), pack, bind=bind, check=check)
    except Exception:  # noqa: BLE001 - warm-up is best effort, see docstring
        pass


def analyse_file(name: str, path: str | None, pack, *, bind: bool = True, check: bool = True,
                 read_from: str | None = None):
    """Load and analyse one input file; a load problem comes back as an InputError.

    ``read_from`` (an absolute path, for workers with another working directory)
    is where the file is read; the document still records ``path`` as given.
    """
    from .load import LoadError, load_file
    from .pipeline import analyse_source

    if path is None:
        return InputError(name, "no such file or directory")
    try:
        source = load_file(Path(read_from or path), name)
    except LoadError as exc:
        return InputError(exc.path, exc.reason)
    source.path = path
    return analyse_source(source, pack, bind=bind, check=check)


def _work(name: str, path: str | None):
    res = analyse_file(name, path, _PACK, bind=_BIND, check=_CHECK)
    return res if isinstance(res, InputError) or not _AS_RECORDS else res.to_records(_AS_RECORDS == "jsonl")


def default_jobs() -> int:
    """The number of cores this process may use."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except (AttributeError, OSError):
        return os.cpu_count() or 1


# Small documents travel in batches, so a news archive of 100 000 short files does not pay the
# pool's per-task cost (submit, pickling, result) 100 000 times.
BATCH_BYTES = 256_000
BATCH_FILES = 64


def _batches(files: Iterable[tuple[str, Path | None]], max_bytes: int = BATCH_BYTES,
             max_files: int = BATCH_FILES) -> Iterator[list[tuple[str, str | None]]]:
    """Group consecutive input files into batches of about ``max_bytes`` (a large file goes alone)."""
    batch: list[tuple[str, str | None]] = []
    size = 0
    for name, path in files:
        batch.append((name, None if path is None else str(path)))
        if path is not None:
            try:
                size += path.stat().st_size
            except OSError:
                pass  # the worker reports the file as unreadable
        if size >= max_bytes or len(batch) >= max_files:
            yield batch
            batch, size = [], 0
    if batch:
        yield batch


def _work_batch(items: list[tuple[str, str | None]]) -> bytes:
    """Analyse a batch in a worker; return the results pickled (the parent unpickles them with
    :func:`extractor.spill.loads_quietly`, several times faster than the pool's own unpickling)."""
    return pickle.dumps([_work(name, path) for name, path in items], protocol=pickle.HIGHEST_PROTOCOL)


def analyse_parallel(paths: Iterable[str], rules, *, bind: bool, check: bool, jobs: int,
                     progress: ProgressFn | None = None,
                     in_flight: int | None = None, as_records: bool | str = False,
                     batch_bytes: int = BATCH_BYTES) -> Iterator:
    """Analyse documents in ``jobs`` processes; yield DocResult/InputError in input order.

    Documents go to the workers in batches of about ``batch_bytes`` (one
    document when it is larger); at most ``in_flight`` batches (default
    ``3 × jobs``) are being worked on or waiting to be yielded at any time.
    ``as_records``: see :func:`extractor.pipeline.analyse_paths`.
    """
    from .load import iter_input_files

    if bind and rules is None:
        from .rules import default_rules

        rules = default_rules()
    limit = max(1, in_flight if in_flight is not None else 3 * jobs)
    files = iter_input_files(paths)
    first = next(files, None)
    if first is None:
        return
    # The first document is analysed here, before the pool starts: it warms up this
    # process (pint registry, compiled grammars and rules), which forked workers then
    # inherit instead of each building them again; and one document needs no pool.
    name, path = first
    res = analyse_file(name, None if path is None else str(path), rules, bind=bind, check=check)
    if progress:
        progress(1, None, name)
    yield res if isinstance(res, InputError) or not as_records else res.to_records(as_records == "jsonl")
    second = next(files, None)
    if second is None:
        return
    pending: deque[tuple[list[tuple[str, str | None]], Future]] = deque()
    n = 1
    with ProcessPoolExecutor(max_workers=jobs, initializer=_init_worker,
                             initargs=(rules, bind, check, as_records)) as pool:
        try:
            for batch in _batches(itertools.chain((second,), files), max_bytes=batch_bytes):
                pending.append((batch, pool.submit(_work_batch, batch)))
                while len(pending) >= limit:
                    for res in _oldest(pending):
                        n += 1
                        if progress:
                            progress(n, None, res.path if isinstance(res, InputError) else res.info.doc)
                        yield res
            while pending:
                for res in _oldest(pending):
                    n += 1
                    if progress:
                        progress(n, None, res.path if isinstance(res, InputError) else res.info.doc)
                    yield res
        finally:
            for _, fut in pending:
                fut.cancel()


def _oldest(pending: deque) -> list:
    """The results of the oldest batch (waiting for it)."""
    _, fut = pending.popleft()
    return loads_quietly(fut.result())
