"""Where a run keeps its mentions, claims and findings: in memory up to a budget, then on disk.

A run needs every document's records once more at the end, for the reports;
the corpus-wide checks need only a few of the claims (see
``checks.corpus_view``).  :class:`RecordStore` keeps the documents' records in
memory while the corpus is small, and once the documents held pass the budget
(``FACTSHEET_MEMORY_MB``, default 128 MB of input text, roughly 1 GB of
records) it pickles every document's records to one temporary file and keeps
only their offsets.  :class:`RecordView` reads them back, one document at a
time, as often as a renderer iterates, so the memory a run needs stays bounded
by the budget however large the corpus is.  The temporary file is unlinked
when it is created (``tempfile.TemporaryFile``), so nothing is left behind,
even when the run is killed.
"""
from __future__ import annotations

import gc
import os
import pickle
import tempfile
from typing import Any, Iterator, Sequence

DEFAULT_BUDGET_MB = 128
ENV_BUDGET = "FACTSHEET_MEMORY_MB"


def budget_bytes() -> int:
    """The input size (bytes) whose records are kept in memory: ``$FACTSHEET_MEMORY_MB`` or 128 MB."""
    raw = os.environ.get(ENV_BUDGET, "").strip()
    try:
        mb = float(raw) if raw else DEFAULT_BUDGET_MB
    except ValueError:
        raise ValueError(f"{ENV_BUDGET}={raw!r}: expected a number of megabytes") from None
    return max(0, int(mb * 1_000_000))


def loads_quietly(blob: bytes) -> Any:
    """``pickle.loads`` with the cyclic garbage collector paused.

    Unpickling creates tens of thousands of objects per batch; with the collector on,
    every 700 allocations trigger a collection that walks all the survivors, which
    made loading the results of 10 MB about six times slower (1.2 s against 0.2 s).
    The objects are reference-counted as usual; the pause only defers the cycle
    search to the next collection after it.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        return pickle.loads(blob)
    finally:
        if enabled:
            gc.enable()


class RecordStore:
    """Per-document mentions, claims and findings of a run, in input order; see the module docstring.

    ``budget`` is in bytes of input text (``None``: :func:`budget_bytes`); 0 puts
    every document on disk.  On disk, a document's mentions and claims are one
    pickle (a claim's values are its document's mention objects) and its findings
    another, so a pass over the findings does not read the mentions.
    """

    MENTIONS, CLAIMS, FINDINGS = 0, 1, 2
    _BLOB_OF = (0, 0, 1)  # which of a document's two pickles holds mentions, claims, findings

    def __init__(self, budget: int | None = None):
        self.budget = budget_bytes() if budget is None else budget
        self._held = 0  # input bytes of the documents kept in memory
        # one entry per document: its (mentions, claims, findings) lists while in memory,
        # or the (offset, length) of its two pickles in the temporary file
        self._chunks: list[tuple] = []
        self._on_disk: list[bool] = []
        self._counts: list[tuple[int, int, int]] = []
        self._file = None

    @property
    def spilled(self) -> bool:
        """Whether records went to the temporary file."""
        return self._file is not None

    def add(self, mentions: list, claims: list, findings: list, size: int) -> None:
        """Keep one document's records (``size``: its input bytes)."""
        records = (mentions, claims, findings)
        self._counts.append((len(mentions), len(claims), len(findings)))
        if self._file is None and self._held + size <= self.budget:
            self._held += size
            self._chunks.append(records)
            self._on_disk.append(False)
            return
        if self._file is None:
            self._file = tempfile.TemporaryFile(prefix="factsheet-", suffix=".records")
            for i, held in enumerate(self._chunks):  # the budget is passed: everything goes to disk
                self._chunks[i] = self._write(held)
                self._on_disk[i] = True
            self._held = 0
        self._chunks.append(self._write(records))
        self._on_disk.append(True)

    def _write(self, records: tuple[list, list, list]) -> tuple[tuple[int, int], tuple[int, int]]:
        assert self._file is not None
        where = []
        for blob in (pickle.dumps(records[:2], protocol=pickle.HIGHEST_PROTOCOL),
                     pickle.dumps(records[2], protocol=pickle.HIGHEST_PROTOCOL)):
            where.append((self._file.seek(0, os.SEEK_END), len(blob)))
            self._file.write(blob)
        return where[0], where[1]

    def _read(self, i: int, which: int) -> list:
        chunk = self._chunks[i]
        if not self._on_disk[i]:
            return chunk[which]
        blob = self._BLOB_OF[which]
        offset, length = chunk[blob]
        assert self._file is not None
        self._file.flush()
        records = loads_quietly(os.pread(self._file.fileno(), length, offset))
        return records[which] if blob == 0 else records

    def records(self, which: int) -> Iterator[list]:
        """Every document's mentions (0), claims (1) or findings (2), in input order."""
        for i in range(len(self._chunks)):
            if self._counts[i][which]:
                yield self._read(i, which)

    def count(self, which: int) -> int:
        return sum(c[which] for c in self._counts)

    def view(self, which: int) -> "RecordView":
        """The mentions (0), claims (1) or findings (2) of all documents as one sequence."""
        return RecordView(self, which)

    def close(self) -> None:
        """Delete the temporary file (also done when the store is garbage-collected)."""
        if self._file is not None:
            self._file.close()


class RecordView(Sequence):
    """All documents' mentions or claims as one read-only sequence; iterating reads the store again."""

    def __init__(self, store: RecordStore, which: int):
        self._store = store
        self._which = which
        self._len = store.count(which)

    def __len__(self) -> int:
        return self._len

    def __iter__(self) -> Iterator:
        for records in self._store.records(self._which):
            yield from records

    def __getitem__(self, index):  # type: ignore[override]
        if isinstance(index, slice):
            return list(self)[index]
        if index < 0:
            index += self._len
        if not 0 <= index < self._len:
            raise IndexError(index)
        for i, counts in enumerate(self._store._counts):
            n = counts[self._which]
            if index < n:
                return self._store._read(i, self._which)[index]
            index -= n
        raise IndexError(index)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, (RecordView, list, tuple)):
            return len(self) == len(other) and all(a == b for a, b in zip(self, other))
        return NotImplemented

    def __repr__(self) -> str:
        kind = ("mentions", "claims", "findings")[self._which]
        where = "on disk" if self._store.spilled else "in memory"
        return f"<{self._len} {kind} {where}>"
