"""Stage 6: renderers, all views of one :class:`extractor.result.Result`.

``write_all`` writes the six outputs of ``factsheet run``, each atomically:
``factsheet.xlsx`` (:mod:`.excel`), ``factsheet.html`` (:mod:`.html`),
``report.json`` (the canonical result), ``report.junit.xml`` (:mod:`.junit`),
``report.sarif`` (:mod:`.sarif`) and ``summary.md`` (:mod:`.markdown`).
GitHub annotations (:mod:`.github`) go to standard output instead.
"""
from __future__ import annotations

import json
import os
from pathlib import Path
from typing import IO, Any, Iterator

from ..atomic import atomic_write

OUTPUT_FILES = ("factsheet.xlsx", "factsheet.html", "report.json", "report.junit.xml", "report.sarif",
                "summary.md")


_ENCODE = json.JSONEncoder(ensure_ascii=False).encode  # no indent, so the C encoder does the work


def _json_parts(result) -> Iterator[tuple[str, Any, bool]]:
    """The canonical document's (key, value, is a record list) in ``Result.to_dict`` order.

    Record lists are generators, so records are encoded one at a time instead of
    the whole document being built first (a test pins this to ``to_dict``).
    """
    from ..result import SCHEMA_VERSION

    yield "schema_version", SCHEMA_VERSION, False
    yield "tool", {"name": "factsheet", "version": result.tool_version}, False
    yield "created", result.created, False
    yield "summary", result.summary(), False
    yield "documents", (d.to_dict() for d in result.documents), True
    yield "rule_packs", result.rule_packs, False
    yield "errors", (e.to_dict() for e in result.errors), True
    yield "findings", (f.to_dict() for f in result.finding_list), True
    yield "claims", (c.to_dict() for c in result.claim_list), True
    yield "mentions", (m.to_record() for m in result.mention_list), True


def dump_json(result, fh: IO[str]) -> None:
    """Write the canonical JSON document of ``result`` (``Result.to_dict``) to ``fh``, one record per line.

    One line per top-level key and per document, error, finding, claim and mention:
    readable and diffable, and every record goes through json's C encoder (``indent``
    would force the pure-Python encoder, several times slower).
    """
    fh.write("{")
    sep = "\n"
    for key, value, is_list in _json_parts(result):
        fh.write(f"{sep}{_ENCODE(key)}: ")
        sep = ",\n"
        if not is_list:
            fh.write(_ENCODE(value))
            continue
        opened = False
        for record in value:
            fh.write(",\n" if opened else "[\n")
            fh.write(_ENCODE(record))
            opened = True
        fh.write("\n]" if opened else "[]")
    fh.write("\n}\n")


def write_json(result, path) -> Path:
    """Write the canonical JSON result (``report.json``) atomically; return the path."""
    target = Path(path)
    with atomic_write(target) as fh:
        dump_json(result, fh)
    return target


def write_all(result, outdir, lang: str = "zh") -> list[Path]:
    """Write every report into ``outdir``; return the paths written (in ``OUTPUT_FILES`` order)."""
    from .excel import write_workbook
    from .html import write_html
    from .junit import write_junit
    from .markdown import write_markdown
    from .sarif import write_sarif

    out = Path(outdir)
    out.mkdir(parents=True, exist_ok=True)
    written = [
        write_workbook(result, out / "factsheet.xlsx", lang=lang),
        write_html(result, out / "factsheet.html", lang=lang),
        write_json(result, out / "report.json"),
        write_junit(result, out / "report.junit.xml", lang=lang),
        write_sarif(result, out / "report.sarif", lang=lang),
        write_markdown(result, out / "summary.md", lang=lang),
    ]
    for p in written:
        _readable(p)
    return written


def _readable(path: Path) -> None:
    """Give a written report the usual permissions (the temporary file behind it was created 0600)."""
    umask = os.umask(0)
    os.umask(umask)
    try:
        os.chmod(path, 0o666 & ~umask)
    except OSError:
        pass
