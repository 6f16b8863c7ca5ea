"""The benchmark suite: stage throughput, memory, rule-count growth, parallel speed-up.

Usage::

    python3 bench/run_bench.py                  # sizes 1 and 10 MB (a few minutes at most)
    python3 bench/run_bench.py --sizes 1,10,100 # adds the 100 MB corpus (several minutes)
    python3 bench/run_bench.py --quick          # 1 MB only, for a smoke test
    python3 bench/run_bench.py --readme-from bench/results/latest.json   # tables into README.md

Corpora are built in ``bench/corpus/`` (git-ignored) from ``seeds/`` and the
four government work reports in ``bench/data/`` by cycling whole documents.
Every measurement runs in a fresh subprocess, so the peak RSS of one size
does not inflate the next:

* **stages**: ``bench/measure_stages.py`` times load, normalise, recognise,
  bind, check (per document and corpus-wide) and render, in one process
  (``--jobs 1``), and the one-pattern regex floor over the same normalised text;
* **stream**: ``factsheet extract CORPUS --jobs N`` (records to /dev/null),
  wall time and peak RSS: the streaming path, whose memory must stay flat;
* **rules**: the stages again with the rule pack duplicated 2× and 4×
  (copies under new ids, loaded with ``--rules``);
* **jobs**: on the largest size, ``--jobs 1`` against ``--jobs 2`` for the
  per-document stages of ``factsheet run`` (``bench/measure_jobs.py``) and
  for ``factsheet extract`` end to end.

Prints tables and writes ``bench/results/latest.json``.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from benchlib import BENCH, MB, REPO, RESULTS, SCRATCH, build_corpus, duplicate_rules  # noqa: E402

STAGES = ("load", "normalise", "recognise", "bind", "check", "check_corpus", "render")


def child_env(extra: dict | None = None) -> dict:
    """The environment of a measured child: this one, with bytecode caching on.

    An installed tool has its modules compiled (pip writes the ``.pyc`` files); a
    shell with ``PYTHONDONTWRITEBYTECODE`` set would make every measured run compile
    all of them again, about 0.1 s per stage module, counted in the stage that
    imports it.  The caches go to ``__pycache__`` (git-ignored).
    """
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env.update(extra or {})
    return env


def run_child(cmd: list[str], timeout: float) -> dict:
    """Run ``cmd``; return wall time, exit code, stdout, stderr and the child's peak RSS (KB).

    ``os.wait4`` gives the resource usage of this child alone (with the
    workers it waited for), not of every child so far.
    """
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=err, cwd=REPO, text=True, env=child_env())
        timer = threading.Timer(timeout, proc.kill)
        timer.start()
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        finally:
            timer.cancel()
        wall = time.perf_counter() - t0
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return {"wall_s": wall, "rc": proc.returncode, "stdout": out.read(), "stderr": err.read(),
                "rss_peak_kb": usage.ru_maxrss, "cpu_s": round(usage.ru_utime + usage.ru_stime, 3)}


def measure_stages(corpus: Path, *, rules: Path | None, render: bool, timeout: float,
                   corpus_check: bool = True) -> dict:
    """One ``measure_stages.py`` run in a fresh process."""
    cmd = [sys.executable, str(BENCH / "measure_stages.py"), str(corpus)]
    if not corpus_check:
        cmd.append("--skip-corpus-check")
    if rules is not None:
        cmd += ["--rules", str(rules)]
    if render:
        cmd.append("--render")
    res = run_child(cmd, timeout)
    if res["rc"] != 0:
        raise SystemExit(f"measure_stages failed on {corpus} (exit {res['rc']}):\n{res['stderr'][-3000:]}")
    data = json.loads(res["stdout"].strip().splitlines()[-1])
    data["wall_s"] = round(res["wall_s"], 3)
    return data


def measure_stream(corpus: Path, jobs: int, timeout: float) -> dict:
    """``factsheet extract CORPUS --jobs N`` with output to /dev/null: wall time and peak RSS."""
    return _measure_cli(["extract", str(corpus), "--jobs", str(jobs), "--progress", "never", "-o", "-"],
                        jobs, timeout)


def measure_check_on_disk(corpus: Path, jobs: int, timeout: float) -> dict:
    """``factsheet check CORPUS --format json`` with every record kept on disk (``FACTSHEET_MEMORY_MB=0``).

    The whole run with the corpus-wide checks and the JSON report, whose records
    are read back from the record store: its peak RSS shows what a run holds
    beyond the store.
    """
    return _measure_cli(["check", str(corpus), "--jobs", str(jobs), "--progress", "never", "--format", "json",
                         "-o", "-"], jobs, timeout, env={"FACTSHEET_MEMORY_MB": "0"}, ok=(0, 1, 2))


def _measure_cli(args: list[str], jobs: int, timeout: float, env: dict | None = None,
                 ok: tuple[int, ...] = (0, 2)) -> dict:
    """Run ``python -m extractor ARGS`` with stdout to /dev/null: wall time, CPU time and peak RSS."""
    cmd = [sys.executable, "-m", "extractor", *args]
    with open(os.devnull, "w") as devnull:
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=devnull, stderr=subprocess.PIPE, cwd=REPO, text=True,
                                env=child_env(env))
        timer = threading.Timer(timeout, proc.kill)
        timer.start()
        try:
            stderr = proc.stderr.read() if proc.stderr else ""
            _, status, usage = os.wait4(proc.pid, 0)
        finally:
            timer.cancel()
        wall = time.perf_counter() - t0
    rc = os.waitstatus_to_exitcode(status)
    # extract exits 0, or 2 when an input or rule file had a problem (it still writes every
    # record it can); check also exits 1 for an inconsistent figure; 1 from extract, or a
    # traceback, means a crash
    if rc not in ok or "Traceback" in stderr:
        raise SystemExit(f"factsheet {args[0]} failed on {args[1]} (exit {rc}):\n{stderr[-3000:]}")
    if rc == 2:
        print(f"warning: factsheet {args[0]} reported problems: {stderr.strip()[-500:]}", file=sys.stderr)
    return {"jobs": jobs, "wall_s": round(wall, 3), "rss_peak_kb": usage.ru_maxrss, "rc": rc,
            "cpu_s": round(usage.ru_utime + usage.ru_stime, 3), "loadavg_1m": round(os.getloadavg()[0], 2),
            "summary": stderr.strip().splitlines()[-1] if stderr.strip() else ""}


def measure_jobs(corpus: Path, jobs: int, timeout: float) -> dict:
    """``measure_jobs.py CORPUS --jobs N`` in a fresh process."""
    res = run_child([sys.executable, str(BENCH / "measure_jobs.py"), str(corpus), "--jobs", str(jobs)],
                    timeout)
    if res["rc"] != 0:
        raise SystemExit(f"measure_jobs failed on {corpus} (exit {res['rc']}):\n{res['stderr'][-3000:]}")
    data = json.loads(res["stdout"].strip().splitlines()[-1])
    data["rss_peak_kb"] = res["rss_peak_kb"]
    data["cpu_s"] = res["cpu_s"]
    return data


def pipeline_s(d: dict, cpu: bool = False) -> float:
    """The run's seconds (wall, or CPU with ``cpu``) without the regex floor.

    ``measure_stages.py`` times the floor inside the run, over each normalised text,
    so ``run_s`` includes it; it is a measurement, not work the tool does.
    """
    return d["run_cpu_s" if cpu else "run_s"] - d["floor_s"]


def _mbps(nbytes: int, seconds: float | None) -> float | None:
    return None if not seconds else nbytes / MB / seconds


def _fmt_rate(chars: int, nbytes: int, seconds: float | None) -> str:
    if seconds is None:
        return "—"
    if seconds < 0.002:
        return "<2 ms"
    return f"{chars / seconds / 1e6:6.2f}M ({nbytes / MB / seconds:6.1f})"


def stage_table(stages: dict[str, dict]) -> str:
    """Chars per second (MB/s of UTF-8 in brackets) per stage and size."""
    head = ["size", *STAGES, "all stages (+render if timed)", "regex floor"]
    rows = [head]
    for size, d in stages.items():
        st = d["stages_s"]
        total = pipeline_s(d) + (d["render_s"] or 0)
        rows.append([f"{size} MB"] + [_fmt_rate(d["chars"], d["bytes"], st.get(s) if s != "render"
                                                 else d["render_s"]) for s in STAGES]
                    + [_fmt_rate(d["chars"], d["bytes"], total),
                       _fmt_rate(d["chars"], d["bytes"], d["floor_s"])])
    return _markdown(rows)


def _markdown(rows: list[list[str]]) -> str:
    widths = [max(len(str(r[i])) for r in rows) for i in range(len(rows[0]))]
    lines = ["| " + " | ".join(str(c).ljust(w) for c, w in zip(r, widths)) + " |" for r in rows]
    lines.insert(1, "|" + "|".join("-" * (w + 2) for w in widths) + "|")
    return "\n".join(lines)


def evaluate(report: dict) -> list[list[str]]:
    """The issue-6 targets with the measured figures."""
    rows = [["target", "measured", "met"]]
    stages, stream = report["stages"], report["stream"]
    largest = max(stages, key=float)
    d = stages[largest]
    e2e = _mbps(d["bytes"], pipeline_s(d) + (d["render_s"] or 0))
    if e2e is not None:
        cpu = pipeline_s(d, cpu=True) if d.get("run_cpu_s") else None
        per_cpu = f" (per CPU-second: {d['bytes'] / MB / cpu:.2f})" if cpu else ""
        render = "" if d["render_s"] is not None else " without render"
        rows.append([f"end-to-end ≥ 2 MB/s per core (all stages{render}, 1 process, {largest} MB)",
                     f"{e2e:.2f} MB/s{per_cpu}", "yes" if e2e >= 2 else "no"])
    s1 = stream.get(largest, {}).get("1")
    if s1:
        mb = _mbps(d["bytes"], s1["wall_s"])
        rows.append([f"`factsheet extract --jobs 1` incl. start-up ({largest} MB)", f"{mb:.2f} MB/s",
                     "yes" if mb >= 2 else "no"])
    rec, floor = d["stages_s"].get("recognise"), d["floor_s"]
    if rec and floor:
        ratio = rec / floor
        rows.append(["recognise within 10× of the regex floor", f"{ratio:.1f}×", "yes" if ratio <= 10 else "no"])
    sizes = sorted(stream, key=float)
    if len(sizes) >= 2:
        lo, hi = sizes[-2], sizes[-1]
        a, b = stream[lo]["1"]["rss_peak_kb"], stream[hi]["1"]["rss_peak_kb"]
        rows.append([f"memory flat {lo} → {hi} MB (stream, peak RSS)", f"{a / 1024:.0f} → {b / 1024:.0f} MiB",
                     "yes" if b <= a * 1.25 + 10240 else "no"])
    on_disk = report.get("check_on_disk", {})
    sizes = sorted(on_disk, key=float)
    if len(sizes) >= 2:
        lo, hi = sizes[-2], sizes[-1]
        a, b = on_disk[lo]["rss_peak_kb"], on_disk[hi]["rss_peak_kb"]
        rows.append([f"memory flat {lo} → {hi} MB (factsheet check, records on disk, peak RSS)",
                     f"{a / 1024:.0f} → {b / 1024:.0f} MiB", "yes" if b <= a * 1.25 + 10240 else "no"])
    rules = report.get("rules", {})
    if "1" in rules and "4" in rules:
        t1, t4 = pipeline_s(rules["1"]), pipeline_s(rules["4"])
        c1, c4 = (pipeline_s(rules[k], cpu=True) if rules[k].get("run_cpu_s") else None for k in ("1", "4"))
        cpu = f" (CPU time {c4 / c1:.2f}×)" if c1 and c4 else ""
        ratio = c4 / c1 if c1 and c4 else t4 / t1
        rows.append([f"4× rules under 2× the time of 1× ({report['rules_size']} MB, per-document stages)",
                     f"{t4 / t1:.2f}×{cpu}", "yes" if ratio < 2 else "no"])
    for what, jobs in (("run's per-document stages", report.get("jobs", {})),
                       ("factsheet extract", report.get("jobs_extract", {}))):
        if "1" in jobs and "2" in jobs:
            sp = jobs["1"]["wall_s"] / jobs["2"]["wall_s"]
            rows.append([f"--jobs 2 ≥ 1.7× --jobs 1 ({report['jobs_size']} MB, {what})", f"{sp:.2f}×",
                         "yes" if sp >= 1.7 else "no"])
    return rows


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="factsheet benchmark suite (see the module docstring)")
    ap.add_argument("--sizes", default="1,10", help="corpus sizes in MB, comma-separated (default 1,10)")
    ap.add_argument("--quick", action="store_true", help="1 MB only, rules 1× and 2×, no jobs run")
    ap.add_argument("--rules-size", type=float, default=None,
                    help="corpus size for the rule-count runs (default: 10 when measured, else the smallest)")
    ap.add_argument("--rule-multiples", default="1,2,4")
    ap.add_argument("--jobs-size", type=float, default=None,
                    help="corpus size for --jobs 1 vs 2 (default: the largest size)")
    ap.add_argument("--render-max-mb", type=float, default=1,
                    help="time the renderers only up to this corpus size (default 1: the Excel and "
                         "HTML fact sheets of a 10 MB corpus take minutes)")
    ap.add_argument("--corpus-check-max-mb", type=float, default=1,
                    help="run the cross-document check only up to this corpus size (default 1: the bench "
                         "corpora repeat whole documents, the check's worst case; its growth is probed "
                         "apart on 1, 2 and 4 MB)")
    ap.add_argument("--timeout", type=float, default=1200, help="seconds per measurement")
    ap.add_argument("--repeat", type=int, default=1,
                    help="run each --jobs measurement this many times, alternating 1 and 2, and keep the "
                         "fastest (a shared machine's load comes and goes)")
    ap.add_argument("--out", default=str(RESULTS / "latest.json"))
    ap.add_argument("--readme-from", metavar="JSON",
                    help="run nothing: put the tables of this saved report into README.md's Benchmarks section")
    args = ap.parse_args(argv)
    if args.readme_from:
        update_readme(json.loads(Path(args.readme_from).read_text(encoding="utf-8")), Path(args.readme_from))
        return 0

    sizes = [1.0] if args.quick else [float(s) for s in args.sizes.split(",") if s.strip()]
    multiples = [1, 2] if args.quick else [int(m) for m in args.rule_multiples.split(",")]
    rules_size = args.rules_size or (10.0 if 10.0 in sizes else min(sizes))
    jobs_size = args.jobs_size or max(sizes)
    key = lambda s: f"{s:g}"  # noqa: E731

    report: dict = {
        "created": dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat(),
        "git": _git_head(), "python": platform.python_version(), "machine": platform.machine(),
        "cpus": os.cpu_count(), "sizes_mb": [key(s) for s in sizes],
        "rules_size": key(rules_size), "jobs_size": key(jobs_size),
        "stages": {}, "stream": {}, "check_on_disk": {}, "rules": {}, "jobs": {}, "jobs_extract": {},
        "corpus_check": {},
    }
    corpora = {s: build_corpus(s) for s in sorted({*sizes, rules_size, jobs_size})}
    for s in sizes:
        print(f"[stages] {key(s)} MB …", file=sys.stderr, flush=True)
        report["stages"][key(s)] = measure_stages(corpora[s], rules=None, render=s <= args.render_max_mb,
                                                  timeout=args.timeout,
                                                  corpus_check=s <= args.corpus_check_max_mb)
    for s in sizes:
        print(f"[stream] {key(s)} MB --jobs 1 …", file=sys.stderr, flush=True)
        report["stream"][key(s)] = {"1": measure_stream(corpora[s], 1, args.timeout)}
    if not args.quick:
        for s in sizes:
            print(f"[check, records on disk] {key(s)} MB --jobs 1 …", file=sys.stderr, flush=True)
            report["check_on_disk"][key(s)] = measure_check_on_disk(corpora[s], 1, args.timeout)
    with tempfile.TemporaryDirectory(prefix="rules-", dir=SCRATCH) as tmp:
        for k in multiples:
            if k == 1 and rules_size in sizes:
                report["rules"]["1"] = report["stages"][key(rules_size)]
                continue
            print(f"[rules] {k}× on {key(rules_size)} MB …", file=sys.stderr, flush=True)
            extra = duplicate_rules(k, Path(tmp) / f"x{k}")
            report["rules"][str(k)] = measure_stages(corpora[rules_size], rules=extra, render=False,
                                                     timeout=args.timeout,
                                                     corpus_check=rules_size <= args.corpus_check_max_mb)
    if not args.quick:
        report["corpus_check"] = {}
        for mb in (1.0, 2.0, 4.0):
            print(f"[corpus check] {key(mb)} MB …", file=sys.stderr, flush=True)
            d = measure_stages(build_corpus(mb), rules=None, render=False, timeout=args.timeout)
            report["corpus_check"][key(mb)] = {"documents": d["documents"], "findings": d["findings"],
                                               "check_corpus_s": d["stages_s"].get("check_corpus")}
        for group, measure, label in (("jobs", measure_jobs, "per-document stages"),
                                      ("jobs_extract", measure_stream, "factsheet extract")):
            for _ in range(max(1, args.repeat)):
                for n in (1, 2):
                    print(f"[jobs] {key(jobs_size)} MB {label} --jobs {n} …", file=sys.stderr, flush=True)
                    res = measure(corpora[jobs_size], n, args.timeout)
                    best = report[group].get(str(n))
                    if best is None or res["wall_s"] < best["wall_s"]:
                        report[group][str(n)] = res

    print_report(report)
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp_out = out.with_suffix(".json.tmp")
    tmp_out.write_text(json.dumps(report, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    os.replace(tmp_out, out)
    print(f"\nwrote {out.relative_to(REPO) if out.is_relative_to(REPO) else out}")
    return 0


def print_report(report: dict) -> None:
    """Print every table of a report (also usable on a saved JSON report)."""
    loads = [d.get("loadavg_1m") for group in ("stages", "rules", "jobs", "jobs_extract")
             for d in report.get(group, {}).values() if d.get("loadavg_1m") is not None]
    busy = f" — 1-min load average during the runs up to {max(loads):.1f}" if loads else ""
    print(f"factsheet benchmarks — {report['created']} — git {report['git']} — "
          f"Python {report['python']} — {report['cpus']} CPUs{busy}\n")
    print("Per stage, one process: million chars/s (MB/s of UTF-8)\n")
    print(stage_table(report["stages"]))
    rows = [["size", "docs", "mentions", "claims", "findings", "stages RSS", "stream wall (jobs 1)",
             "stream MB/s", "stream RSS", "check on disk RSS"]]
    for s, d in report["stages"].items():
        st = report["stream"].get(s, {}).get("1", {})
        cd = report.get("check_on_disk", {}).get(s)
        rows.append([f"{s} MB", d["documents"], d["mentions"], d["claims"], d["findings"],
                     f"{d['rss_peak_kb'] / 1024:.0f} MiB", f"{st.get('wall_s', 0):.2f} s",
                     f"{d['bytes'] / MB / st['wall_s']:.2f}" if st else "—",
                     f"{st['rss_peak_kb'] / 1024:.0f} MiB" if st else "—",
                     f"{cd['rss_peak_kb'] / 1024:.0f} MiB" if cd else "—"])
    print("\nCounts and memory (stages = factsheet run without render, records in memory; "
          "stream = factsheet extract; check on disk = factsheet check --format json with "
          "FACTSHEET_MEMORY_MB=0)\n")
    print(_markdown(rows))
    if report["rules"]:
        rows = [["rule pack", "per-doc stages s", "CPU s", "bind s", "check s", "claims", "vs 1× (wall)",
                 "vs 1× (CPU)"]]
        base = report["rules"].get("1", {}).get("run_s")
        cbase = report["rules"].get("1", {}).get("run_cpu_s")
        for k, d in report["rules"].items():
            cpu = d.get("run_cpu_s")
            rows.append([f"{k}×", f"{d['run_s']:.3f}", f"{cpu:.3f}" if cpu else "—",
                         f"{d['stages_s'].get('bind', 0):.3f}",
                         f"{d['stages_s'].get('check', 0):.3f}", d["claims"],
                         f"{d['run_s'] / base:.2f}×" if base else "—",
                         f"{cpu / cbase:.2f}×" if cpu and cbase else "—"])
        print(f"\nRule-pack growth ({report['rules_size']} MB corpus)\n")
        print(_markdown(rows))
    if report["jobs"]:
        rows = [["what", "jobs", "wall s", "MB/s", "CPU s (all processes)", "cores obtained",
                 "load avg", "peak RSS (largest process)", "speed-up"]]
        nbytes = report["stages"].get(report["jobs_size"], {}).get("bytes")
        for what, table in (("run: per-document stages", report["jobs"]),
                            ("factsheet extract (CLI)", report.get("jobs_extract", {}))):
            base = table.get("1", {}).get("wall_s")
            for k, d in table.items():
                cpu = d.get("cpu_s")
                rows.append([what, k, f"{d['wall_s']:.2f}",
                             f"{nbytes / MB / d['wall_s']:.2f}" if nbytes else "—",
                             f"{cpu:.2f}" if cpu else "—", f"{cpu / d['wall_s']:.2f}" if cpu else "—",
                             d.get("loadavg_1m", "—"),
                             f"{d['rss_peak_kb'] / 1024:.0f} MiB", f"{base / d['wall_s']:.2f}×" if base else "—"])
        print(f"\nParallel on {report['jobs_size']} MB (cores obtained = CPU s / wall s: below 2 with "
              "--jobs 2 means other processes were using the machine)\n")
        print(_markdown(rows))
    if report.get("corpus_check"):
        rows = [["corpus", "documents", "findings (all checks)", "check_corpus s"]]
        for k, d in report["corpus_check"].items():
            rows.append([f"{k} MB", d["documents"], d["findings"],
                         "—" if d["check_corpus_s"] is None else f"{d['check_corpus_s']:.2f}"])
        print("\nCross-document check against the number of documents (every document repeated: "
              "its worst case)\n")
        print(_markdown(rows))
    skipped = [s for s, d in report["stages"].items() if d.get("corpus_check_skipped")]
    if skipped:
        print(f"\n(check_corpus skipped in the stage runs of {', '.join(s + ' MB' for s in skipped)})")
    print("\nTargets (issue 6)\n")
    print(_markdown(evaluate(report)))


README_START, README_END = "<!-- bench-table:start -->", "<!-- bench-table:end -->"


def update_readme(report: dict, source: Path, readme: Path = REPO / "README.md") -> None:
    """Replace the text between the bench-table markers of README.md by this report's tables."""
    import contextlib
    import io

    text = readme.read_text(encoding="utf-8")
    if README_START not in text or README_END not in text:
        raise SystemExit(f"{readme}: no {README_START} … {README_END} markers")
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        print_report(report)
    rel = source.resolve().relative_to(REPO) if source.resolve().is_relative_to(REPO) else source
    body = (f"Latest run (`{rel}`):\n\n" + buf.getvalue().strip() + "\n")
    head, rest = text.split(README_START, 1)
    _, tail = rest.split(README_END, 1)
    readme.write_text(f"{head}{README_START}\n{body}{README_END}{tail}", encoding="utf-8")
    print(f"updated {readme.relative_to(REPO)}")


def _git_head() -> str:
    try:
        return subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True,
                              text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


if __name__ == "__main__":
    raise SystemExit(main())
