"""The Dask engine: per-document stages as a Dask bag on a cluster (``--engine dask``).

``run_dask(paths, pack, scheduler=None)`` walks the inputs on the client,
builds a bag of ``(display name, path, absolute path)`` triples, and maps the
per-document stages (load → normalise → recognise → bind → check) over its
partitions on the workers.  The rule pack is scattered to every worker once
(not sent per document), and only a bounded window of partitions is on the
cluster at a time.  Results are gathered partition by partition in input
order and handed to :func:`extractor.pipeline.collect_results`, which runs
the corpus-wide checks and builds the same :class:`~extractor.result.Result`
as the local engine.

Workers read the files themselves, so on a real cluster the input paths must
be readable on the workers (a shared file system); a file a worker cannot
read comes back as an input error naming the file, like any unreadable file.

With no scheduler address a local ``distributed`` cluster is started on the
loopback interface (one single-threaded worker process per core) and shut
down afterwards.
"""
from __future__ import annotations

import sys
from collections import deque
from pathlib import Path
from typing import Callable, Iterable

from .model import InputError

ProgressFn = Callable[[int, int | None, str], None]

# documents per bag partition: large enough to amortise task overhead,
# small enough to spread a few hundred documents over every worker
DEFAULT_PARTITION_SIZE = 8


def _analyse_partition(items: Iterable[tuple[str, str | None, str | None]], pack, bind: bool,
                       check: bool) -> list:
    """Run the per-document stages on one partition of ``(name, path, absolute path)`` (on a worker)."""
    from .parallel import analyse_file

    return [analyse_file(name, path, pack, bind=bind, check=check, read_from=absolute)
            for name, path, absolute in items]


def _input_files(paths: Iterable[str]) -> list[tuple[str, str | None, str | None]]:
    """``(display name, path as given, absolute path)`` of every input file, in input order."""
    from .load import iter_input_files

    return [(name, None, None) if path is None else (name, str(path), str(Path(path).resolve()))
            for name, path in iter_input_files(paths)]


def _connect(scheduler: str | None, n_workers: int | None):
    """A Client on ``scheduler``, or on a fresh loopback LocalCluster; also return the cluster."""
    from dask.distributed import Client, LocalCluster

    if scheduler:
        return Client(scheduler), None
    from .parallel import default_jobs

    cluster = LocalCluster(host="127.0.0.1", n_workers=n_workers or default_jobs(),
                           threads_per_worker=1, processes=True, dashboard_address=None)
    return Client(cluster), cluster


def analyse_dask(paths: Iterable[str], pack, *, client, bind: bool = True, check: bool = True,
                 partition_size: int = DEFAULT_PARTITION_SIZE, progress: ProgressFn | None = None,
                 in_flight: int | None = None):
    """Yield DocResult/InputError for every input file, in input order, computed on ``client``.

    The rule pack is scattered to every worker once.  At most ``in_flight``
    partitions (default: 2 per worker thread) are computed or held on the
    cluster at a time, so cluster memory stays bounded like the local pool's.
    """
    import dask.bag as db

    files = _input_files(paths)
    if not files:
        return
    pack_future = client.scatter(pack, broadcast=True, hash=False)
    bag = db.from_sequence(files, partition_size=max(1, partition_size))
    parts = bag.map_partitions(_analyse_partition, pack_future, bind, check).to_delayed()
    limit = max(1, in_flight or 2 * max(1, sum(client.nthreads().values())))
    window: deque = deque()
    total = len(files)
    done = 0

    def oldest() -> list:
        nonlocal done
        fut = window.popleft()
        items = fut.result()
        fut.release()
        for item in items:
            done += 1
            if progress:
                progress(done, total, item.path if isinstance(item, InputError) else item.info.doc)
        return items

    try:
        for part in parts:
            window.append(client.compute(part))
            if len(window) >= limit:
                yield from oldest()
        while window:
            yield from oldest()
    finally:
        if window:
            client.cancel(list(window))
        pack_future.release()


def run_dask(paths: Iterable[str] | str, pack=None, scheduler: str | None = None,
             progress: ProgressFn | None = None, *, n_workers: int | None = None,
             partition_size: int = DEFAULT_PARTITION_SIZE):
    """Extract, bind and check ``paths`` on a Dask cluster; return the same Result as ``pipeline.run``.

    ``scheduler`` is the address of an existing scheduler (``tcp://host:8786``);
    without it a local cluster with ``n_workers`` processes is started on 127.0.0.1.
    """
    from .pipeline import collect_results

    try:
        import dask.distributed  # noqa: F401
    except ImportError as exc:  # pragma: no cover - depends on the installation
        print(f"factsheet: --engine dask needs the 'dask' extra "
              f"(pip install 'factsheet-extractor[dask]'): {exc}", file=sys.stderr)
        raise SystemExit(2) from None
    if pack is None:
        from .rules import load_rules

        pack = load_rules([])
    if isinstance(paths, (str, Path)):
        paths = [str(paths)]
    client, cluster = _connect(scheduler, n_workers)
    try:
        items = analyse_dask([str(p) for p in paths], pack, client=client,
                             partition_size=partition_size, progress=progress)
        return collect_results(items, pack)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
