"""Time the per-document stages of ``factsheet run`` with N processes; print one JSON object.

Usage: ``python3 bench/measure_jobs.py CORPUS_DIR --jobs N``

Consumes ``pipeline.analyse_paths(..., jobs=N)`` (load → normalise → recognise
→ bind → check, results in input order) and keeps only counts, so what is
timed is the parallel part of a run: the corpus-wide check and the renderers
run once in the parent whatever N is and are timed by ``measure_stages.py``.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import time


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("corpus")
    ap.add_argument("--jobs", type=int, default=1)
    args = ap.parse_args(argv)

    from extractor.model import InputError
    from extractor.pipeline import analyse_paths
    from extractor.rules import load_rules

    pack = load_rules([])
    docs = mentions = claims = findings = 0
    t0 = time.perf_counter()
    for item in analyse_paths([args.corpus], pack, jobs=args.jobs):
        if isinstance(item, InputError):
            continue
        docs += 1
        mentions += len(item.mentions)
        claims += len(item.claims)
        findings += len(item.findings)
    wall = time.perf_counter() - t0
    print(json.dumps({"jobs": args.jobs, "wall_s": round(wall, 3), "documents": docs,
                      "loadavg_1m": round(os.getloadavg()[0], 2),
                      "mentions": mentions, "claims": claims, "findings": findings,
                      "rss_peak_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
