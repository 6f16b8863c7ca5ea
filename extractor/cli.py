"""The ``factsheet`` command line.

Exit codes (all commands): 0 clean; 1 inconsistent findings (``check``/``run``)
or failing rule examples (``rules test``); 2 usage errors, unreadable inputs or
broken rule files.
"""
from __future__ import annotations

import argparse
import csv
import io
import json
import sys
import time
from pathlib import Path
from typing import Sequence

from . import __version__

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
DEFAULT_INPUT = "seeds"
DEFAULT_OUTPUT = "output"


def _err(msg: str) -> None:
    print(f"factsheet: {msg}", file=sys.stderr)


class Progress:
    """Per-document progress on stderr (only when stderr is a terminal, or forced)."""

    def __init__(self, enabled: bool):
        self.enabled = enabled
        self.t0 = time.perf_counter()

    def __call__(self, n: int, total: int | None, name: str) -> None:
        if not self.enabled:
            return
        of = f"/{total}" if total else ""
        sys.stderr.write(f"\r[{n}{of}] {time.perf_counter() - self.t0:6.1f}s {name[-60:]:<60}")
        sys.stderr.flush()

    def done(self) -> None:
        if self.enabled:
            sys.stderr.write("\n")


def _progress(args) -> Progress:
    mode = getattr(args, "progress", "auto")
    enabled = mode == "always" or (mode == "auto" and sys.stderr.isatty())
    return Progress(enabled)


def _common(p: argparse.ArgumentParser, *, paths_required: bool = True) -> None:
    if paths_required:
        p.add_argument("paths", nargs="+", metavar="PATH", help="files or folders of .txt/.md files")
    else:
        p.add_argument("paths", nargs="*", metavar="PATH",
                       help=f"files or folders of .txt/.md files (default: {DEFAULT_INPUT}/)")
    p.add_argument("--rules", action="append", default=[], metavar="DIR",
                   help="extra rule pack (folder or .toml file) on top of the shipped one; repeatable")
    p.add_argument("--jobs", "-j", type=int, default=None, metavar="N",
                   help="documents processed in parallel (default: number of cores)")
    p.add_argument("--progress", choices=("auto", "always", "never"), default="auto",
                   help="per-document progress on stderr (default: when stderr is a terminal)")


MEMORY_EPILOG = ("Environment: FACTSHEET_MEMORY_MB sets how many megabytes of input keep their records "
                 "in memory (default 128); past that, records go to a temporary file, deleted at the end, "
                 "so a corpus larger than memory can be run.")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of every sub-command."""
    ap = argparse.ArgumentParser(
        prog="factsheet",
        description="Find every quantitative claim in Chinese documents, check the claims "
                    "against each other and render fact sheets and CI reports.",
        epilog="Exit codes: 0 clean, 1 inconsistent findings, 2 usage or input errors. "
               "Run 'factsheet COMMAND --help' for the options of a command.",
    )
    ap.add_argument("--version", action="version", version=f"factsheet {__version__}")
    sub = ap.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("extract", help="one record per quantity / time mention (JSON Lines or CSV)",
                       description="Recognise every quantity and time expression with its unit, "
                                   "normalised value and exact source span.")
    _common(p)
    p.add_argument("-o", "--output", metavar="FILE", help="output file (default: standard output)")
    p.add_argument("--format", choices=("jsonl", "csv"), default="jsonl")
    p.add_argument("--no-bind", action="store_true",
                   help="skip claim binding (indicator/subject/period fields stay empty)")

    p = sub.add_parser("claims", help="one row per claim value (CSV or JSON Lines)",
                       epilog=MEMORY_EPILOG,
                       description="Bind quantities into claims: indicator, subject, period, values with roles.")
    _common(p)
    p.add_argument("-o", "--output", metavar="FILE", help="output file (default: standard output)")
    p.add_argument("--format", choices=("csv", "jsonl"), default="csv")

    p = sub.add_parser("check", help="run the consistency checks and write the canonical result",
                       epilog=MEMORY_EPILOG,
                       description="Recompute what can be recomputed, aware of rounding, and report "
                                   "each finding with its verdict, evidence and source spans.")
    _common(p)
    p.add_argument("-o", "--output", metavar="FILE", help="output file (default: standard output)")
    p.add_argument("--format", choices=("json", "text", "github"), default="json",
                   help="json: the canonical result; text: one line per finding; "
                        "github: GitHub Actions annotations")
    p.add_argument("--lang", choices=("zh", "en"), default="zh", help="language of the messages")
    p.add_argument("--fail-on", choices=("error", "warning"), default="error",
                   help="exit 1 on inconsistent findings only (error) or on warnings too")

    p = sub.add_parser("run", help="extract, bind, check and render all fact sheets (the main job)",
                       epilog=MEMORY_EPILOG,
                       description="The main job: writes factsheet.xlsx, factsheet.html, report.json, "
                                   "report.junit.xml, report.sarif and summary.md.")
    _common(p, paths_required=False)
    p.add_argument("-o", "--output", metavar="DIR", default=DEFAULT_OUTPUT,
                   help=f"output folder (default: {DEFAULT_OUTPUT}/)")
    p.add_argument("--lang", choices=("zh", "en"), default="zh", help="language of labels and messages")
    p.add_argument("--fail-on", choices=("error", "warning"), default="error")
    p.add_argument("--format", choices=("text", "github"), default="text",
                   help="text: summary table; github: also GitHub Actions annotations on stdout")
    p.add_argument("--engine", choices=("local", "dask"), default="local",
                   help="local process pool, or a Dask cluster (needs the 'dask' extra)")
    p.add_argument("--scheduler", metavar="ADDRESS",
                   help="Dask scheduler address (default: start a local cluster)")

    p = sub.add_parser("rules", help="validate, test and list rule packs")
    rsub = p.add_subparsers(dest="rules_command", metavar="ACTION")
    for name, text in (("check", "validate rule files: every problem with file, line and key"),
                       ("test", "run the examples of every pattern"),
                       ("list", "show indicators and patterns")):
        q = rsub.add_parser(name, help=text, description=text)
        q.add_argument("rule_paths", nargs="*", metavar="RULES",
                       help="rule files or folders (default: the shipped pack)")
        q.add_argument("--rules", action="append", default=[], metavar="DIR",
                       help="extra rule pack on top of the shipped one")
    return ap


def _jobs(args) -> int:
    if args.jobs is None:
        from .parallel import default_jobs

        return default_jobs()
    if args.jobs < 1:
        raise SystemExit(_usage(f"--jobs must be at least 1, not {args.jobs}"))
    return args.jobs


def _usage(msg: str) -> int:
    _err(msg)
    return EXIT_ERROR


def _open_out(path: str | None, newline: str | None = None):
    from .atomic import atomic_write

    if path in (None, "-"):
        return _Stdout()
    return atomic_write(path, newline=newline)


class _Stdout:
    def __enter__(self):
        return sys.stdout

    def __exit__(self, *exc):
        sys.stdout.flush()
        return False


def _load_pack(args):
    from .rules import load_rules

    pack = load_rules(args.rules)
    for e in pack.errors:
        _err(str(e))
    return pack


def cmd_extract(args) -> int:
    from .model import InputError
    from .pipeline import analyse_paths

    pack = None if args.no_bind else _load_pack(args)
    progress = _progress(args)
    errors = list(pack.errors) if pack else []
    n = 0
    with _open_out(args.output, newline="" if args.format == "csv" else None) as fh:
        writer = None
        # JSON Lines are encoded where each document was analysed (in the workers with --jobs)
        for item in analyse_paths(args.paths, pack, bind=not args.no_bind, check=False,
                                  jobs=_jobs(args), progress=progress,
                                  as_records="jsonl" if args.format == "jsonl" else True):
            if isinstance(item, InputError):
                errors.append(item)
                _err(str(item))
                continue
            recs = item.records
            errors.extend(item.errors)
            if item.jsonl is not None:
                fh.write(item.jsonl)
                n += item.n_records
            else:
                for r in recs:
                    if writer is None:
                        writer = csv.DictWriter(fh, fieldnames=list(r.keys()), extrasaction="ignore")
                        writer.writeheader()
                    writer.writerow({k: (json.dumps(v, ensure_ascii=False) if isinstance(v, list) else v)
                                     for k, v in r.items()})
                    n += 1
    progress.done()
    print(f"factsheet: {n} mentions written" + (f", {len(errors)} input error(s)" if errors else ""),
          file=sys.stderr)
    return EXIT_ERROR if errors else EXIT_OK


def _analyse(args, paths, engine: str = "local", scheduler: str | None = None):
    """Run the pipeline with the command's rules, jobs and progress; report input errors."""
    from .spill import budget_bytes

    try:
        budget_bytes()
    except ValueError as exc:
        raise SystemExit(_usage(str(exc))) from None
    progress = _progress(args)
    pack = _load_pack(args)
    if engine == "dask":
        from .distributed import run_dask
        result = run_dask(paths, pack, scheduler=scheduler, progress=progress)
    else:
        from .pipeline import run
        result = run(paths, pack, jobs=_jobs(args), progress=progress)
    progress.done()
    for e in result.errors:
        if e.kind != "rule":  # rule errors were reported when the pack was loaded
            _err(str(e))
    return result


def cmd_claims(args) -> int:
    result = _analyse(args, args.paths)
    df = result.claims
    with _open_out(args.output, newline="" if args.format == "csv" else None) as fh:
        if args.format == "csv":
            df.to_csv(fh, index=False)
        else:
            from .model import write_jsonl
            write_jsonl((c.to_dict() for c in result.claim_list), fh)
    print(f"factsheet: {len(result.claim_list)} claims written", file=sys.stderr)
    return EXIT_ERROR if result.errors else EXIT_OK


def _text_findings(result, lang: str) -> str:
    lines = []
    for f in result.finding_list:
        msg = f.message_en if lang == "en" and f.message_en else f.message
        where = f"{f.spans[0].doc}:{f.spans[0].line}:{f.spans[0].col}" if f.spans else f.doc
        lines.append(f"{where}: {f.verdict}: [{f.check}] {msg}")
    return "\n".join(lines) + ("\n" if lines else "")


def cmd_check(args) -> int:
    result = _analyse(args, args.paths)
    with _open_out(args.output) as fh:
        if args.format == "json":
            from .render import dump_json
            dump_json(result, fh)
        elif args.format == "github":
            from .render.github import annotations
            fh.write(annotations(result, lang=args.lang))
        else:
            fh.write(_text_findings(result, args.lang))
    return result.exit_code(args.fail_on)


def _summary_table(result) -> str:
    s = result.summary()
    rows = [("documents", s["documents"]), ("quantities", s["quantities"]), ("times", s["times"]),
            ("claims", s["claims"]), ("relations checked", s["relations_checked"])]
    rows += [(f"  {k}", v) for k, v in s["verdicts"].items()]
    rows += [("coverage", "n/a" if s["coverage"] is None else f"{s['coverage']:.1%}"),
             ("input errors", s["errors"])]
    width = max(len(k) for k, _ in rows)
    return "\n".join(f"{k:<{width}}  {v}" for k, v in rows)


def _default_input() -> Path | None:
    """``seeds/`` of the current folder, else the seeds embedded in the checkout."""
    for cand in (Path(DEFAULT_INPUT), Path(__file__).resolve().parent.parent / DEFAULT_INPUT):
        if cand.is_dir():
            return cand
    return None


def cmd_run(args) -> int:
    from .render import write_all

    paths = args.paths
    if not paths:
        default = _default_input()
        if default is None:
            return _usage(f"no input given and no {DEFAULT_INPUT}/ folder found; name the documents to read")
        paths = [str(default)]
    result = _analyse(args, paths, engine=args.engine, scheduler=args.scheduler)
    written = write_all(result, args.output, lang=args.lang)
    if args.format == "github":
        from .render.github import annotations
        sys.stdout.write(annotations(result, lang=args.lang))
    print(_summary_table(result))
    for p in written:
        print(f"wrote {p}")
    return result.exit_code(args.fail_on)


def cmd_rules(args) -> int:
    from . import rules as rulemod

    action = args.rules_command
    if action is None:
        return _usage("rules needs an action: check, test or list")
    targets = args.rule_paths or None
    if action == "check":
        problems = rulemod.check_rule_paths(targets, extra=args.rules)
        for e in problems:
            print(str(e))
        print(f"{len(problems)} problem(s)" if problems else "rules OK", file=sys.stderr)
        return EXIT_ERROR if problems else EXIT_OK
    if action == "test":
        report = rulemod.test_rule_paths(targets, extra=args.rules)
        for line in report.lines:
            print(line)
        print(report.summary, file=sys.stderr)
        if report.errors:
            return EXIT_ERROR
        return EXIT_FINDINGS if report.failed else EXIT_OK
    pack = rulemod.load_rules(args.rules, base=targets)
    for e in pack.errors:
        _err(str(e))
    print(rulemod.describe(pack))
    return EXIT_ERROR if pack.errors else EXIT_OK


COMMANDS = {"extract": cmd_extract, "claims": cmd_claims, "check": cmd_check, "run": cmd_run,
            "rules": cmd_rules}


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``factsheet`` console script."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help, --version (0) or a usage error (2)
        return int(exc.code) if isinstance(exc.code, int) else EXIT_ERROR
    if args.command is None:
        parser.print_help()
        return EXIT_ERROR
    from .pipeline import rare_full_collections

    try:
        with rare_full_collections():  # the renderers, too, walk every result of the run
            return COMMANDS[args.command](args)
    except SystemExit as exc:
        return int(exc.code) if isinstance(exc.code, int) else EXIT_ERROR
    except KeyboardInterrupt:
        _err("interrupted")
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except OSError as exc:
        _err(f"{getattr(exc, 'filename', '') or ''}: {exc.strerror or exc}")
        return EXIT_ERROR
