"""Stage 1: find input files and decode them to text.

Supported encodings: UTF-8 (with or without BOM), UTF-16 with BOM (LE/BE)
and GB18030 (a superset of GBK and GB2312).  Binary, empty and undecodable
files raise :class:`LoadError` naming the file; callers record the error and
go on with the other files.
"""
from __future__ import annotations

import codecs
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

TEXT_SUFFIXES = (".txt", ".md")
_CONTROL_OK = {0x09, 0x0A, 0x0C, 0x0D, 0x1B}


class LoadError(Exception):
    """A file that cannot be read as text; the message names the file."""

    def __init__(self, path: str, message: str):
        super().__init__(f"{path}: {message}")
        self.path = path
        self.reason = message


@dataclass(slots=True)
class Source:
    """A decoded input document: its name, path, text and how it was read."""

    doc: str
    path: str
    text: str
    encoding: str
    sha256: str


def iter_input_files(paths: Iterable[str | os.PathLike]) -> Iterator[tuple[str, Path | None]]:
    """Yield ``(display_name, path)`` for every input file, in a stable order.

    A directory is walked recursively for ``.txt``/``.md`` files (sorted); a
    file is taken whatever its suffix.  A path that does not exist is yielded
    with ``None`` so the caller can report it.
    """
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            found = sorted(
                q for q in p.rglob("*")
                if q.is_file() and q.suffix.lower() in TEXT_SUFFIXES and not q.name.startswith(".")
            )
            for q in found:
                yield str(q), q
        elif p.is_file():
            yield str(raw), p
        else:
            yield str(raw), None


# every byte that is not a suspicious control byte, deleted to count the suspicious ones
_NOT_CONTROL = bytes(b for b in range(256) if b >= 0x20 or b in _CONTROL_OK)


def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    bad = len(sample.translate(None, _NOT_CONTROL))
    return bad > max(4, len(sample) // 100)


def decode_bytes(data: bytes, path: str = "<bytes>") -> tuple[str, str]:
    """Decode ``data`` and return ``(text, encoding)``; raise LoadError if impossible."""
    if not data:
        raise LoadError(path, "file is empty")
    if data.startswith(codecs.BOM_UTF8):
        try:
            return data[len(codecs.BOM_UTF8):].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError as exc:
            raise LoadError(path, f"has a UTF-8 byte-order mark but invalid UTF-8 at byte {exc.start}") from None
    for bom, enc in ((codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
                     (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(enc), enc[:6]
            except UnicodeDecodeError as exc:
                name = enc[:6].upper()
                raise LoadError(path, f"has a {name} byte-order mark but invalid {name} at byte {exc.start}") from None
    if _looks_binary(data):
        raise LoadError(path, "looks like a binary file (NUL or control bytes), not text")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as utf8_exc:
        try:
            text = data.decode("gb18030")
        except UnicodeDecodeError:
            raise LoadError(
                path,
                f"is neither UTF-8 (invalid byte at offset {utf8_exc.start}) nor GB18030/GBK; "
                "convert it to UTF-8",
            ) from None
        return text, "gb18030"


def load_file(path: Path, doc: str | None = None) -> Source:
    """Read and decode one file; raise LoadError with a clear reason."""
    name = doc or str(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise LoadError(name, f"cannot be read: {exc.strerror or exc}") from None
    text, encoding = decode_bytes(data, name)
    if not text.strip():
        raise LoadError(name, "contains only white space")
    return Source(doc=name, path=str(path), text=text, encoding=encoding,
                  sha256=hashlib.sha256(data).hexdigest())


def load_text(text: str, doc: str = "<text>") -> Source:
    """Wrap an in-memory string as a Source (for the Python API and tests)."""
    return Source(doc=doc, path=doc, text=text, encoding="str",
                  sha256=hashlib.sha256(text.encode("utf-8")).hexdigest())
