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

from ..atomic import atomic_write

OUTPUT_FILES = ("factsheet.xlsx", "factsheet.html", "report.json", "report.junit.xml", "report.sarif",
                "summary.md")


def write_json(result, path) -> Path:
    """Write the canonical JSON result (``report.json``) atomically; return the path."""
    target = Path(path)
    with atomic_write(target) as fh:
        json.dump(result.to_dict(), fh, ensure_ascii=False, indent=1)
        fh.write("\n")
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
