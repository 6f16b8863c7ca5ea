"""Stage 6: renderers, all reading one :class:`extractor.result.Result` (development scaffold)."""
from __future__ import annotations

import json
from pathlib import Path

from ..atomic import atomic_write


def write_all(result, outdir, lang: str = "zh") -> list[Path]:
    """Write every report into ``outdir``; return the paths written."""
    out = Path(outdir)
    p = out / "report.json"
    with atomic_write(p) as fh:
        json.dump(result.to_dict(), fh, ensure_ascii=False, indent=1)
    return [p]
