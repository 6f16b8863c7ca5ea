"""Indicator and claims fact-sheet extractor for Chinese statistical texts.

Python API::

    import extractor
    df = extractor.extract(["seeds"])          # one row per quantity / time mention
    result = extractor.run(["seeds"])          # claims and findings
    result.claims, result.findings             # pandas DataFrames
    result.to_excel("factsheet.xlsx"); result.to_html("factsheet.html")
"""
from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__", "extract", "run"]


def extract(paths, rules=None, *, bind: bool = True):
    """Recognise every quantity and time expression in ``paths``; return a DataFrame."""
    import pandas as pd

    from .model import InputError
    from .pipeline import analyse_paths, rule_pack

    if isinstance(paths, str):
        paths = [paths]
    pack = rule_pack(rules) if bind else None
    rows = []
    for item in analyse_paths([str(p) for p in paths], pack, bind=bind, check=False):
        if isinstance(item, InputError):
            continue
        rows.extend(m.to_record() for m in item.mentions)
    return pd.DataFrame(rows)


def run(paths, rules=None, *, jobs: int = 1):
    """Extract, bind and check ``paths``; return a :class:`extractor.result.Result`."""
    from .pipeline import run as _run

    return _run(paths, rules, jobs=jobs)
