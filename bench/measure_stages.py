"""Time every pipeline stage on one corpus, in this process; print one JSON object.

Usage: ``python3 bench/measure_stages.py CORPUS_DIR [--rules DIR] [--render] [--profile FILE]``

Run by ``run_bench.py`` in a fresh subprocess per measurement, so the peak
RSS it reports belongs to this corpus alone.  The stages are timed by
wrapping the real stage functions the pipeline calls (``load_file``,
``normalise``, ``recognise``, ``bind_claims``, ``check_document``,
``check_corpus``, ``write_all``), so what is timed is exactly what
``factsheet run --jobs 1`` does.  In the same pass, the one-pattern regex
floor is timed over each normalised text.
"""
from __future__ import annotations

import argparse
import functools
import json
import os
import resource
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any, Callable

sys.path.insert(0, str(Path(__file__).resolve().parent))
from benchlib import FLOOR_PATTERN  # noqa: E402

TIMES: dict[str, float] = defaultdict(float)
COUNTS: dict[str, int] = defaultdict(int)


def _timed(stage: str, fn: Callable) -> Callable:
    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        t0 = time.perf_counter()
        try:
            return fn(*args, **kwargs)
        finally:
            TIMES[stage] += time.perf_counter() - t0
    wrapper.__wrapped_stage__ = stage  # type: ignore[attr-defined]
    return wrapper


def _floor_after(normalise: Callable) -> Callable:
    """Wrap ``normalise`` so the regex floor also runs (timed apart) on every normalised text."""
    @functools.wraps(normalise)
    def wrapper(text: str, *args: Any, **kwargs: Any):
        nt = normalise(text, *args, **kwargs)
        t0 = time.perf_counter()
        COUNTS["floor_matches"] += sum(1 for _ in FLOOR_PATTERN.finditer(nt.text))
        TIMES["floor"] += time.perf_counter() - t0
        return nt
    return wrapper


def _patch(module: Any, name: str, stage: str, also: tuple[Any, ...] = ()) -> None:
    """Replace ``module.name`` (and the same name in ``also`` modules that imported it) by a timed wrapper."""
    original = getattr(module, name, None)
    if original is None:
        return
    wrapped = _timed(stage, original)
    setattr(module, name, wrapped)
    for m in also:
        if getattr(m, name, None) is original:
            setattr(m, name, wrapped)


def instrument() -> None:
    """Wrap the stage functions the pipeline calls with timers."""
    import extractor.bind as bind
    import extractor.checks as checks
    import extractor.normalise as normalise
    import extractor.pipeline as pipeline
    import extractor.recognise as recognise

    _patch(pipeline, "load_file", "load")
    if hasattr(pipeline, "normalise"):
        pipeline.normalise = _floor_after(_timed("normalise", normalise.normalise))
    _patch(recognise, "recognise", "recognise", also=(pipeline,))
    _patch(bind, "bind_claims", "bind", also=(pipeline,))
    _patch(checks, "check_document", "check", also=(pipeline,))
    _patch(checks, "check_corpus", "check_corpus", also=(pipeline,))


def skip_corpus_check() -> None:
    """Make ``check_corpus`` return no findings (wherever the pipeline looks it up)."""
    import extractor.checks as checks
    import extractor.pipeline as pipeline

    def no_corpus_check(doc_results, pack):  # noqa: ARG001 - same signature as check_corpus
        return []

    checks.check_corpus = no_corpus_check
    if hasattr(pipeline, "check_corpus"):
        pipeline.check_corpus = no_corpus_check


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("corpus")
    ap.add_argument("--rules", action="append", default=[], help="extra rule pack (the duplicates)")
    ap.add_argument("--render", action="store_true", help="also time the renderers")
    ap.add_argument("--profile", metavar="FILE", help="write a pyinstrument profile (text) here")
    ap.add_argument("--skip-corpus-check", action="store_true",
                    help="replace the cross-document check by one returning no findings (it grows "
                         "faster than linearly with the number of documents; timed apart)")
    args = ap.parse_args(argv)

    from extractor.load import iter_input_files
    from extractor.pipeline import run
    from extractor.rules import load_rules

    t0 = time.perf_counter()
    pack = load_rules(args.rules)
    t_rules = time.perf_counter() - t0
    rss_base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    instrument()
    if args.skip_corpus_check:
        skip_corpus_check()
    nbytes = sum(p.stat().st_size for _, p in iter_input_files([args.corpus]) if p is not None)

    profiler = None
    if args.profile:
        from pyinstrument import Profiler
        profiler = Profiler(interval=0.002)
        profiler.start()
    t0, c0 = time.perf_counter(), time.process_time()
    result = run([args.corpus], pack, jobs=1)
    t_run, c_run = time.perf_counter() - t0, time.process_time() - c0
    t_render = 0.0
    if args.render:
        import extractor.render as render
        with tempfile.TemporaryDirectory(prefix="factsheet-bench-") as tmp:
            t1 = time.perf_counter()
            render.write_all(result, tmp)
            t_render = time.perf_counter() - t1
    if profiler is not None:
        profiler.stop()
        Path(args.profile).write_text(profiler.output_text(unicode=True, color=False, show_all=False),
                                      encoding="utf-8")
        Path(args.profile).with_suffix(".html").write_text(profiler.output_html(), encoding="utf-8")
    summary = result.summary()
    out = {
        "corpus": args.corpus,
        "bytes": nbytes,
        "chars": sum(d.chars for d in result.documents),
        "documents": summary["documents"],
        "mentions": len(result.mention_list),
        "claims": len(result.claim_list),
        "findings": len(result.finding_list),
        "errors": len(result.errors),
        "rule_load_s": round(t_rules, 4),
        "run_s": round(t_run, 4),
        "run_cpu_s": round(c_run, 4),
        "loadavg_1m": round(os.getloadavg()[0], 2),
        "render_s": round(t_render, 4) if args.render else None,
        "stages_s": {k: round(v, 4) for k, v in TIMES.items() if k != "floor"},
        "floor_s": round(TIMES["floor"], 4),
        "floor_matches": COUNTS["floor_matches"],
        "rss_base_kb": rss_base,
        "rss_peak_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
        "rule_errors": len(pack.errors),
        "corpus_check_skipped": bool(args.skip_corpus_check),
    }
    # time outside the timed stages inside run(): document info, Result.build, …
    out["stages_s"]["other"] = round(t_run - sum(out["stages_s"].values()) - out["floor_s"], 4)
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
