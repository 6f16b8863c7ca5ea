"""Profile ``factsheet run`` (one process) with pyinstrument and list the hot spots.

Usage: ``python3 bench/profile_pipeline.py [--mb 10] [--no-render] [--skip-corpus-check] [--top 25]``

Builds (or reuses) the ``--mb`` MB bench corpus, profiles load → … → check →
render, writes the call tree to ``bench/results/profile.txt`` and ``.html``,
and prints the functions with the most *own* time and the project functions
with the most *total* time, each with its share of the run.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from benchlib import REPO, RESULTS, build_corpus  # noqa: E402


def _walk(frame, stack: tuple[str, ...], own: dict, total: dict) -> None:
    if frame.function.startswith("["):  # pyinstrument's synthetic [self] / [await] frames
        return
    name = f"{_short(frame.file_path)}:{frame.function}"
    own[name] += frame.total_self_time
    if name not in stack:  # count recursive calls once
        total[name] += frame.time
    for child in frame.children:
        _walk(child, stack + (name,), own, total)


def _short(path: str | None) -> str:
    if not path:
        return "?"
    p = Path(path)
    try:
        return str(p.resolve().relative_to(REPO))
    except ValueError:
        parts = p.parts
        if "site-packages" in parts:
            return "/".join(parts[parts.index("site-packages") + 1:])
        return p.name


def hot_spots(session, top: int) -> str:
    """Two tables: own time per function, total time per project function (shares of the run)."""
    root = session.root_frame()
    own: dict[str, float] = defaultdict(float)
    total: dict[str, float] = defaultdict(float)
    _walk(root, (), own, total)
    run = root.time or 1.0
    lines = [f"run: {run:.2f} s", "", "own time (function body, incl. C calls it makes):"]
    for name, t in sorted(own.items(), key=lambda kv: -kv[1])[:top]:
        lines.append(f"  {t / run:6.1%}  {t:7.2f} s  {name}")
    lines += ["", "total time, project functions (extractor/):"]
    ours = [(n, t) for n, t in total.items() if n.startswith("extractor/")]
    for name, t in sorted(ours, key=lambda kv: -kv[1])[:top]:
        lines.append(f"  {t / run:6.1%}  {t:7.2f} s  {name}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--mb", type=float, default=10)
    ap.add_argument("--no-render", action="store_true")
    ap.add_argument("--top", type=int, default=25)
    ap.add_argument("--skip-corpus-check", action="store_true",
                    help="leave out the cross-document check (profile it on a smaller corpus)")
    args = ap.parse_args(argv)

    from pyinstrument import Profiler

    from extractor.pipeline import run
    from extractor.render import write_all
    from extractor.rules import load_rules

    if args.skip_corpus_check:
        from measure_stages import skip_corpus_check

        skip_corpus_check()
    corpus = build_corpus(args.mb)
    pack = load_rules([])
    profiler = Profiler(interval=0.001)
    t0 = time.perf_counter()
    profiler.start()
    result = run([str(corpus)], pack, jobs=1)
    if not args.no_render:
        with tempfile.TemporaryDirectory(prefix="factsheet-profile-") as tmp:
            write_all(result, tmp)
    session = profiler.stop()
    wall = time.perf_counter() - t0
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "profile.txt").write_text(profiler.output_text(unicode=True, color=False), encoding="utf-8")
    (RESULTS / "profile.html").write_text(profiler.output_html(), encoding="utf-8")
    print(f"corpus {corpus.name}: {len(result.documents)} documents, {len(result.mention_list)} mentions, "
          f"{len(result.claim_list)} claims, {len(result.finding_list)} findings; wall {wall:.2f} s "
          f"(profiled)\n")
    print(hot_spots(session, args.top))
    print(f"\ncall tree: {(RESULTS / 'profile.txt').relative_to(REPO)} (and profile.html)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
