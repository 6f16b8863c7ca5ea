"""A Markdown summary short enough for a CI job summary ($GITHUB_STEP_SUMMARY).

A counts table, then the flagged findings (capped), each with where it is,
what was stated and what was computed.
"""
from __future__ import annotations

from pathlib import Path

from ..atomic import atomic_write
from ..model import VERDICTS
from .common import (VERDICT_SYMBOLS, doc_paths, finding_message, is_flagged, is_warning, primary_span,
                     verdict_counts, verdict_label)

MAX_LISTED = 25
MAX_CELL = 160

L = {
    "zh": {"title": "factsheet 核查摘要", "what": "项目", "n": "数量", "documents": "文档", "claims": "断言",
           "checks": "检验", "errors": "输入错误", "flagged": "需要关注的检验结果", "none": "没有不一致的检验结果。",
           "where": "位置", "check": "检验", "verdict": "结论", "message": "说明", "stated": "陈述值",
           "computed": "计算值", "more": "另有 {n} 项未列出，见 report.sarif / factsheet.html。",
           "coverage": "已检验的数量断言比例"},
    "en": {"title": "factsheet summary", "what": "", "n": "count", "documents": "documents", "claims": "claims",
           "checks": "checks", "errors": "input errors", "flagged": "Findings that need attention",
           "none": "No inconsistent findings.", "where": "where", "check": "check", "verdict": "verdict",
           "message": "message", "stated": "stated", "computed": "computed",
           "more": "{n} more not listed; see report.sarif / factsheet.html.",
           "coverage": "numeric claims checked"},
}


def _cell(text: object) -> str:
    s = "" if text is None else str(text)
    s = " ".join(s.split())
    if len(s) > MAX_CELL:
        s = s[:MAX_CELL - 1] + "…"
    return s.replace("\\", "\\\\").replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;")


def render_markdown(result, lang: str = "zh", max_listed: int = MAX_LISTED) -> str:
    """The job summary as Markdown text."""
    t = L.get(lang, L["en"])
    s = result.summary()
    counts = verdict_counts(result.finding_list)
    out = [f"## {t['title']}", "", f"| {t['what']} | {t['n']} |", "|---|---:|",
           f"| {t['documents']} | {s['documents']} |", f"| {t['claims']} | {s['claims']} |",
           f"| {t['checks']} | {s['relations_checked']} |"]
    out += [f"| {VERDICT_SYMBOLS[v]} {verdict_label(v, lang)} | {counts.get(v, 0)} |" for v in VERDICTS]
    if s["coverage"] is not None:
        out.append(f"| {t['coverage']} | {s['coverage']:.1%} |")
    out.append(f"| {t['errors']} | {s['errors']} |")
    out.append("")
    flagged = [f for f in result.finding_list if is_flagged(f) or is_warning(f)]
    flagged.sort(key=lambda f: (not is_flagged(f), f.doc, min((s.start for s in f.spans), default=0)))
    out.append(f"### {t['flagged']} ({len(flagged)})")
    out.append("")
    if not flagged:
        out.append(t["none"])
    else:
        paths = doc_paths(result)
        out += [f"| {t['where']} | {t['check']} | {t['verdict']} | {t['message']} | {t['stated']} | {t['computed']} |",
                "|---|---|---|---|---:|---:|"]
        for f in flagged[:max_listed]:
            span = primary_span(f)
            where = paths.get(f.doc, f.doc) + (f":{span.line}:{span.col}" if span else "")
            out.append(f"| `{_cell(where)}` | {_cell(f.check)} | {VERDICT_SYMBOLS.get(f.verdict, '')} "
                       f"{_cell(verdict_label(f.verdict, lang))} | {_cell(finding_message(f, lang))} | "
                       f"{_cell(f.stated)} | {_cell(f.computed_point)} |")
        if len(flagged) > max_listed:
            out += ["", t["more"].format(n=len(flagged) - max_listed)]
    if result.errors:
        out += ["", f"### {t['errors']} ({len(result.errors)})", ""]
        out += [f"- `{_cell(e.path)}`: {_cell(e.message)}" for e in result.errors[:max_listed]]
    return "\n".join(out) + "\n"


def write_markdown(result, path, lang: str = "zh") -> Path:
    """Write ``summary.md`` atomically; return the path."""
    target = Path(path)
    with atomic_write(target) as fh:
        fh.write(render_markdown(result, lang))
    return target
