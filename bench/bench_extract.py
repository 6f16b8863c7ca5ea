"""Characters per second of extraction (issue 2): load → normalise → recognise, one process.

Usage: ``python3 bench/bench_extract.py [--mb 4] [--repeat 3] [--bind]``

Builds a corpus of ``--mb`` MB from the five seed documents (cycled whole, in
``bench/corpus/``, git-ignored), runs the recogniser over it ``--repeat``
times and prints the best run's characters per second.  ``--bind`` adds claim
binding (``factsheet extract`` without ``--no-bind``).
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from benchlib import MB, REPO, build_corpus, source_files  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--mb", type=float, default=4.0, help="corpus size in MB of UTF-8 (default 4)")
    ap.add_argument("--repeat", type=int, default=3, help="runs; the best is reported (default 3)")
    ap.add_argument("--bind", action="store_true", help="also bind claims")
    args = ap.parse_args(argv)

    from extractor.model import InputError
    from extractor.pipeline import analyse_paths
    from extractor.rules import load_rules

    corpus = build_corpus(args.mb, source_files([REPO / "seeds"]), name=f"seeds_{args.mb:g}mb")
    nbytes = sum(p.stat().st_size for p in corpus.glob("*.txt"))
    pack = load_rules([]) if args.bind else None
    best = None
    for _ in range(max(1, args.repeat)):
        chars = mentions = 0
        t0 = time.perf_counter()
        for item in analyse_paths([str(corpus)], pack, bind=args.bind, check=False, jobs=1):
            if isinstance(item, InputError):
                continue
            chars += item.info.chars
            mentions += len(item.mentions)
        elapsed = time.perf_counter() - t0
        best = elapsed if best is None else min(best, elapsed)
    stages = "load+normalise+recognise" + ("+bind" if args.bind else "")
    print(f"{stages}: {chars:,} chars ({nbytes / MB:.1f} MB UTF-8) in {best:.2f} s "
          f"(best of {args.repeat}): {chars / best:,.0f} chars/s, {nbytes / MB / best:.2f} MB/s, "
          f"{mentions:,} mentions")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
