"""GitHub Actions workflow annotations (development scaffold)."""
from __future__ import annotations


def annotations(result, lang: str = "zh") -> str:
    """One ``::error``/``::warning`` line per flagged finding."""
    return ""
