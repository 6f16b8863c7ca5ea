"""Process-pool execution of the per-document stages, results in input order."""
from __future__ import annotations

from concurrent.futures import ProcessPoolExecutor
from typing import Iterable, Iterator

from .model import InputError

_PACK = None


def _init(pack) -> None:
    global _PACK
    _PACK = pack


def _work(task):
    from .pipeline import analyse_source

    item, bind, check = task
    if isinstance(item, InputError):
        return item
    return analyse_source(item, _PACK, bind=bind, check=check)


def analyse_parallel(paths: Iterable[str], rules, *, bind: bool, check: bool, jobs: int,
                     progress=None) -> Iterator:
    """Analyse documents in ``jobs`` processes; yield results in input order."""
    from .pipeline import iter_sources

    tasks = ((item, bind, check) for item in iter_sources(paths))
    with ProcessPoolExecutor(max_workers=jobs, initializer=_init, initargs=(rules,)) as pool:
        for n, res in enumerate(pool.map(_work, tasks, chunksize=1), 1):
            if progress:
                progress(n, None, res.path if isinstance(res, InputError) else res.info.doc)
            yield res
