"""Record, or compare against, the full output of ``run()`` on a fixed set of texts.

Speed work must not change a single record. This script runs the whole pipeline
(recognise, bind, check, cross-document check) on the seeds, the shared corpus,
the held-out and check test texts and the 1 MB bench corpus, and writes every
mention, claim, finding and error as canonical JSON lines.

Usage::

    python3 bench/snapshot.py --write /tmp/ref.jsonl      # before a change
    python3 bench/snapshot.py --compare /tmp/ref.jsonl    # after: exit 1 on any difference

The volatile fields (run date, tool version) are left out.
"""
from __future__ import annotations

import argparse
import difflib
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_PATHS = [
    REPO / "seeds",
    REPO.parent / "shared" / "corpus",
    REPO / "tests" / "data" / "heldout",
    REPO / "tests" / "data" / "checks",
    REPO / "bench" / "corpus" / "1mb",
]


def snapshot_lines(paths: list[Path]) -> list[str]:
    """Canonical JSON lines of everything ``run()`` produces for ``paths``."""
    sys.path.insert(0, str(REPO))
    from extractor.pipeline import run

    result = run([str(p) for p in paths if p.exists()], jobs=1)
    d = result.to_dict()
    lines = []
    for key in ("documents", "errors", "mentions", "claims", "findings"):
        for item in d[key]:
            lines.append(key + "\t" + json.dumps(item, ensure_ascii=False, sort_keys=True, default=str))
    lines.append("summary\t" + json.dumps(d["summary"], ensure_ascii=False, sort_keys=True, default=str))
    return lines


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    g = ap.add_mutually_exclusive_group(required=True)
    g.add_argument("--write", metavar="FILE", help="write the snapshot to FILE")
    g.add_argument("--compare", metavar="FILE", help="compare with a snapshot written before")
    ap.add_argument("paths", nargs="*", type=Path, help="texts to run on (default: seeds, corpus, test texts, 1 MB bench)")
    args = ap.parse_args(argv)
    lines = snapshot_lines(args.paths or DEFAULT_PATHS)
    if args.write:
        Path(args.write).write_text("\n".join(lines) + "\n", encoding="utf-8")
        print(f"{len(lines)} records written to {args.write}")
        return 0
    ref = Path(args.compare).read_text(encoding="utf-8").splitlines()
    if ref == lines:
        print(f"identical: {len(lines)} records")
        return 0
    diff = list(difflib.unified_diff(ref, lines, "reference", "now", lineterm="", n=0))
    print(f"DIFFERENT: {len(ref)} records before, {len(lines)} now; first differences:")
    for line in diff[:40]:
        print(line[:400])
    return 1


if __name__ == "__main__":
    raise SystemExit(main())
