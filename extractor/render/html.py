"""The self-contained HTML fact sheet (jinja2, autoescape on).

One file with inline CSS and JS and no network access: a summary on top, a
section per indicator (values over periods with a small inline SVG chart when
there are two or more periods), every claim with its source sentence and the
values highlighted, every finding with verdict, formula and evidence, and a
filter box that narrows claims and findings by text, document and verdict.
"""
from __future__ import annotations

import hashlib
import heapq
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any, Iterable

import jinja2
from markupsafe import Markup, escape

from ..atomic import atomic_write
from ..model import VERDICTS, Claim, Finding, Span
from .common import (CHECK_LABELS, CLAIM_TYPE_LABELS, ROLE_LABELS, CONSISTENT_VERDICTS, DocumentTexts, MEASURE_LABELS, SEVERITY_LABELS, VERDICT_SYMBOLS, SeriesPoint, claim_verdicts,
                     finding_message, highlight_segments, indicator_series, label, period_sort_key,
                     verdict_counts,
                     reason_label, verdict_label, worst_verdict, written_number)

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"

LABELS = {
    "zh": {
        "title": "事实核查表", "subtitle": "数量断言与一致性检验", "generated": "生成时间", "tool": "工具",
        "documents": "文档", "claims": "断言", "quantities": "数量表述", "checks": "检验",
        "filter": "筛选", "filter_text": "按文字筛选（指标、主体、原文…）", "all_documents": "全部文档",
        "all_verdicts": "全部结论", "shown": "显示", "of": "/", "indicators": "指标", "findings": "检验结果",
        "period": "时期", "value": "数值", "subject": "主体", "type": "类型", "role": "角色", "line": "行",
        "col": "列", "formula": "公式", "stated": "陈述值", "computed": "计算值", "range": "舍入区间",
        "tolerance": "容差", "evidence": "证据", "reason": "原因", "related_claims": "相关断言",
        "errors": "输入错误", "no_indicator": "未识别指标", "no_claims": "没有抽取到断言。",
        "no_findings": "没有检验结果。", "chart": "各时期数值", "qualifiers": "限定词", "rule": "规则",
        "verdict": "结论", "severity": "严重程度", "nothing_matches": "没有符合筛选条件的断言。",
        "sources": "来源文档", "lang_attr": "zh-Hans",
        "hidden_claims": "本指标另有 {n} 条断言未在本页显示（已先显示有问题的断言）；全部断言见 factsheet.xlsx 的 Claims 工作表和 report.json。",
        "hidden_findings": "另有 {n} 项检验结果未在本页显示（已先显示不一致的结果）；全部结果见 factsheet.xlsx 的 Checks 工作表和 report.json。",
        "not_searchable": "筛选只作用于本页显示的条目。",
    },
    "en": {
        "title": "Fact sheet", "subtitle": "Quantitative claims and consistency checks", "generated": "Generated",
        "tool": "Tool", "documents": "Documents", "claims": "Claims", "quantities": "Quantities",
        "checks": "Checks", "filter": "Filter", "filter_text": "Filter by text (indicator, subject, source…)",
        "all_documents": "All documents", "all_verdicts": "All verdicts", "shown": "Shown", "of": "of",
        "indicators": "Indicators", "findings": "Findings", "period": "Period", "value": "Value",
        "subject": "Subject", "type": "Type", "role": "Role", "line": "line", "col": "col", "formula": "Formula",
        "stated": "Stated", "computed": "Computed", "range": "Range allowing for rounding",
        "tolerance": "Tolerance", "evidence": "Evidence", "reason": "Reason", "related_claims": "Claims",
        "errors": "Input errors", "no_indicator": "Indicator not identified", "no_claims": "No claims were found.",
        "no_findings": "No findings.", "chart": "Values by period", "qualifiers": "Qualifiers", "rule": "Rule",
        "verdict": "Verdict", "severity": "Severity", "nothing_matches": "No claim matches the filter.",
        "sources": "Sources", "lang_attr": "en",
        "hidden_claims": "{n} more claims of this indicator are not shown on this page (flagged claims are shown first); the Claims sheet of factsheet.xlsx and report.json hold them all.",
        "hidden_findings": "{n} more findings are not shown on this page (inconsistent ones are shown first); the Checks sheet of factsheet.xlsx and report.json hold them all.",
        "not_searchable": "The filter applies to the entries shown on this page.",
    },
}


def anchor(prefix: str, ident: str) -> str:
    """An HTML id for a record id (ids hold ``#`` and ``:``; the hash keeps them distinct)."""
    return f"{prefix}-{hashlib.sha1(ident.encode('utf-8')).hexdigest()[:12]}"


@dataclass(slots=True)
class ClaimView:
    """What the template shows for one claim."""

    anchor: str
    id: str
    doc: str
    line: int
    col: int
    type_label: str
    subject: str
    period: str
    qualifiers: str
    rule: str
    values: list[tuple[str, str]]
    segments: list[tuple[str, bool]]
    verdict: str
    verdict_label: str
    symbol: str
    verdicts: str
    search: str
    findings: list[tuple[str, str]] = field(default_factory=list)


@dataclass(slots=True)
class FindingView:
    """What the template shows for one finding."""

    anchor: str
    id: str
    check: str
    check_label: str
    verdict: str
    verdict_label: str
    symbol: str
    severity: str
    message: str
    formula: str | None
    stated: str | None
    computed_point: str | None
    low: str | None
    high: str | None
    tolerance: str | None
    reason: str | None
    doc: str
    line: int | None
    col: int | None
    contexts: list[tuple[str, list[tuple[str, bool]]]]
    claims: list[tuple[str, str]]
    search: str
    open: bool = True


@dataclass(slots=True)
class SeriesView:
    """One row of an indicator's period table, with its chart when it has two or more periods."""

    title: str
    unit: str
    points: dict[str, str]
    svg: Markup | None


@dataclass(slots=True)
class SectionView:
    """One indicator: its series over periods and its claims."""

    anchor: str
    title: str
    series: list[SeriesView]
    claims: list[ClaimView]
    periods: list[str] = field(default_factory=list)
    hidden_claims: int = 0  # claims of this indicator the page leaves out (see MAX_CLAIMS_PER_INDICATOR)


def _fmt(value: Decimal | None) -> str | None:
    if value is None:
        return None
    return format(value.normalize(), "f") if value == value.to_integral_value() else str(value)


def sparkline(points: list[SeriesPoint], title: str, width: int = 320, height: int = 120) -> Markup:
    """A small inline SVG line chart of a series' values over its periods (labels escaped)."""
    values = [float(written_number(p.mention) or 0) for p in points]
    lo, hi = min(values), max(values)
    span = (hi - lo) or (abs(hi) or 1.0)
    left, right, top, bottom = 30, 30, 22, 26
    step = (width - left - right) / max(1, len(points) - 1)

    def xy(i: int, v: float) -> tuple[float, float]:
        return left + i * step, top + (1 - (v - lo) / span) * (height - top - bottom)

    coords = [xy(i, v) for i, v in enumerate(values)]
    path = " ".join(f"{x:.1f},{y:.1f}" for x, y in coords)
    parts = [f'<svg class="chart" role="img" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
             f'xmlns="http://www.w3.org/2000/svg"><title>{escape(title)}</title>',
             f'<polyline fill="none" stroke="#1f5fa8" stroke-width="2" points="{path}"/>']
    for (x, y), p in zip(coords, points):
        number = written_number(p.mention)  # the unit and scale word are in the chart's title
        parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.5" fill="#1f5fa8"/>')
        parts.append(f'<text x="{x:.1f}" y="{y - 7:.1f}" text-anchor="middle" font-size="11">'
                     f'{escape(str(number) if number is not None else p.mention.text)}</text>')
        parts.append(f'<text x="{x:.1f}" y="{height - 8}" text-anchor="middle" font-size="11" fill="#555">'
                     f'{escape(p.period)}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))


def _claim_view(c: Claim, verdicts: list[str], finding_refs: list[tuple[str, str]], lang: str) -> ClaimView:
    worst = worst_verdict(verdicts)
    marks = [(cv.mention.start, cv.mention.end) for cv in c.values]
    values = [(label(ROLE_LABELS, cv.role, lang), cv.mention.text) for cv in c.values]
    search = " ".join(filter(None, [c.indicator, c.subject, c.period, c.span.text, c.doc,
                                    *(t for _, t in values)])).lower()
    return ClaimView(
        anchor=anchor("c", c.id), id=c.id, doc=c.doc, line=c.span.line, col=c.span.col,
        type_label=label(CLAIM_TYPE_LABELS, c.claim_type, lang), subject=c.subject or "",
        period=c.period or "", qualifiers=", ".join(dict.fromkeys(
            [*c.qualifiers, *(a for cv in c.values for a in cv.mention.approx)])), rule=c.rule,
        values=values, segments=highlight_segments(c.span, marks), verdict=worst,
        verdict_label=verdict_label(worst, lang), symbol=VERDICT_SYMBOLS.get(worst, ""),
        verdicts=" ".join(dict.fromkeys(verdicts or ["unchecked"])), search=search, findings=finding_refs)


def _finding_view(f: Finding, claims: dict[str, Claim], lang: str, texts: DocumentTexts,
                  shown_claims: set[str] | None = None) -> FindingView:
    spans = sorted(f.spans, key=lambda s: (s.start, s.end))
    marks = [(s.start, s.end) for s in spans]
    contexts: list[tuple[str, list[tuple[str, bool]]]] = []
    seen: set[tuple[int, int]] = set()
    windows = texts.contexts(spans)
    if windows is not None:  # the sentences of the document itself, every span marked
        contexts = [(f"{w.doc}:{w.line}:{w.col}", highlight_segments(w, [(s.start, s.end) for s in spans
                                                                         if s.doc == w.doc]))
                    for w in windows]
        seen = {(w.start, w.end) for w in windows}
    for cid in ([] if windows is not None else f.claims):
        c = claims.get(cid)
        if c is None or (c.span.start, c.span.end) in seen:
            continue
        seen.add((c.span.start, c.span.end))
        contexts.append((f"{c.doc}:{c.span.line}:{c.span.col}", highlight_segments(c.span, marks)))
    covered = [s for s in spans if not any(a <= s.start and s.end <= b for a, b in seen)]
    for s in covered:  # spans outside every claim's context: show them on their own
        contexts.append((f"{s.doc}:{s.line}:{s.col}", [(s.text, True)]))
    first: Span | None = spans[0] if spans else None
    msg = finding_message(f, lang)
    return FindingView(
        anchor=anchor("f", f.id), id=f.id, check=f.check, check_label=label(CHECK_LABELS, f.check, lang),
        verdict=f.verdict,
        verdict_label=verdict_label(f.verdict, lang), symbol=VERDICT_SYMBOLS.get(f.verdict, ""),
        severity=label(SEVERITY_LABELS, f.severity, lang), message=msg, formula=f.formula, stated=f.stated,
        computed_point=f.computed_point, low=None if f.computed is None else _fmt(f.computed.low),
        high=None if f.computed is None else _fmt(f.computed.high), tolerance=f.tolerance, reason=reason_label(f.reason, lang),
        doc=f.doc, line=None if first is None else first.line, col=None if first is None else first.col,
        contexts=contexts, claims=[(anchor("c", cid), cid) for cid in f.claims if cid in claims
                                    and (shown_claims is None or cid in shown_claims)],
        search=" ".join(filter(None, [f.check, label(CHECK_LABELS, f.check, lang), msg, f.doc,
                                      *(s.text for s in spans)])).lower(),
        open=f.verdict not in CONSISTENT_VERDICTS)


_VERDICT_ORDER = {"inconsistent": 0, "inconsistent_decision": 1, "not_testable": 2,
                  "consistent_by_rounding_only": 3, "consistent": 4}


def _finding_order(f: Finding) -> tuple:
    """Flagged findings first, then by document and position (the sort is stable)."""
    first = min((s.start for s in f.spans), default=0)
    return (_VERDICT_ORDER.get(f.verdict, 5), f.doc, first)


# A big corpus gives tens of thousands of claims and findings; a page showing them all is too
# heavy for a browser.  The page shows at most this many claims per indicator and findings in
# all, the flagged ones first, and says how many more the workbook and report.json hold.
# A page with many indicators shares MAX_CLAIMS among them (never fewer than
# MIN_CLAIMS_PER_INDICATOR each).
MAX_CLAIMS_PER_INDICATOR = 100
MIN_CLAIMS_PER_INDICATOR = 5
MAX_CLAIMS = 5000
MAX_FINDINGS = 1000


def _pick_shown_per_group(items: Iterable, group, limit: int | None, priority) -> dict[str, list]:
    """Per ``group(item)``: at most ``limit`` items (lowest ``priority`` first, then earliest), in their order.

    One pass that holds only the kept items (a bounded heap per group), so the claims
    of a run too large for memory can be picked as they are read back.
    """
    heaps: dict[str, list[tuple[int, int, Any]]] = {}
    for i, item in enumerate(items):
        heap = heaps.setdefault(group(item), [])
        entry = (-priority(item), -i, item)  # a max-heap on (priority, position) by negation
        if limit is None or len(heap) < limit:
            heapq.heappush(heap, entry)
        elif heap and entry[:2] > heap[0][:2]:
            heapq.heapreplace(heap, entry)
    return {g: [e[2] for e in sorted(heap, key=lambda e: -e[1])] for g, heap in heaps.items()}


def build_context(result, lang: str = "zh", texts: DocumentTexts | None = None, *,
                  max_claims_per_indicator: int | None = MAX_CLAIMS_PER_INDICATOR,
                  max_claims: int | None = MAX_CLAIMS, max_findings: int | None = MAX_FINDINGS) -> dict:
    """Everything the template needs, as plain view objects (no markup but the SVG charts).

    ``texts`` (re-read documents) lets findings show the sentences they come from;
    without it they show their claims' context.  Each indicator shows at most
    ``max_claims_per_indicator`` claims (fewer when the indicators would together pass
    ``max_claims``, but at least ``MIN_CLAIMS_PER_INDICATOR``) and the page at most
    ``max_findings`` findings; flagged ones first, None shows all; the page states how
    many are left out.
    """
    lang = lang if lang in LABELS else "en"
    texts = texts if texts is not None else DocumentTexts()
    L = LABELS[lang]
    verdicts = claim_verdicts(result.finding_list)
    # the first ``max_findings`` in page order, without holding every finding of a large run
    shown_findings = (sorted(result.finding_list, key=_finding_order) if max_findings is None
                      else heapq.nsmallest(max_findings, result.finding_list, key=_finding_order))
    shown_ids = {f.id for f in shown_findings}
    # only the claims the shown findings name: a large run's claims are read back from disk
    wanted = {cid for f in shown_findings for cid in f.claims}
    claims = {c.id: c for c in result.claim_list if c.id in wanted}
    refs: dict[str, list[tuple[str, str]]] = {}
    for f in result.finding_list:
        if f.id not in shown_ids:
            continue  # no link to a finding the page does not show
        for cid in f.claims:
            refs.setdefault(cid, []).append((anchor("f", f.id), f"{VERDICT_SYMBOLS.get(f.verdict, '')} "
                                                                f"{label(CHECK_LABELS, f.check, lang)}"))
    series = indicator_series(result.claim_list)
    counts_of: dict[str, int] = {}  # claims per indicator, in first-mention order
    for c in result.claim_list:
        title = c.indicator or L["no_indicator"]
        counts_of[title] = counts_of.get(title, 0) + 1
    per_indicator = max_claims_per_indicator
    if max_claims is not None and counts_of:
        share = max(MIN_CLAIMS_PER_INDICATOR, max_claims // len(counts_of))
        per_indicator = share if per_indicator is None else min(per_indicator, share)
    grouped = _pick_shown_per_group(result.claim_list, lambda c: c.indicator or L["no_indicator"], per_indicator,
                                    lambda c: _VERDICT_ORDER.get(worst_verdict(verdicts.get(c.id, [])), 5))
    sections: dict[str, SectionView] = {}
    shown_claims: set[str] = set()
    for title, n in counts_of.items():
        picked = grouped[title]
        sec = sections[title] = SectionView(anchor("i", title), title, [], [], hidden_claims=n - len(picked))
        for c in picked:
            shown_claims.add(c.id)
            sec.claims.append(_claim_view(c, verdicts.get(c.id, []), refs.get(c.id, []), lang))
    for key, points in series.items():
        sec = sections.get(key.indicator)
        if sec is None:
            continue
        unit = "、".join(filter(None, [label(MEASURE_LABELS, key.measure, lang) if key.measure != "level" else "",
                                      key.unit]))
        title = " · ".join(filter(None, [key.subject, key.indicator])) + (f"（{unit}）" if unit else "")
        sec.series.append(SeriesView(
            title=title, unit=key.unit, points={p.period: p.mention.text for p in points},
            svg=sparkline(points, title) if len(points) >= 2 else None))
    for sec in sections.values():
        sec.periods = sorted({p for ser in sec.series for p in ser.points}, key=period_sort_key)
    counts = verdict_counts(result.finding_list)
    summary = result.summary()
    return {
        "lang": lang, "L": L, "created": result.created, "tool_version": result.tool_version,
        "summary": summary,
        "verdicts": [(v, verdict_label(v, lang), VERDICT_SYMBOLS[v], counts.get(v, 0)) for v in VERDICTS],
        "verdict_options": [(v, verdict_label(v, lang)) for v in (*VERDICTS, "unchecked")],
        "documents": result.documents,
        "sections": list(sections.values()),
        "findings": [_finding_view(f, claims, lang, texts, shown_claims) for f in shown_findings],
        "hidden_findings": len(result.finding_list) - len(shown_findings),
        "errors": [str(e) for e in result.errors],
        "n_claims": len(result.claim_list),
        "n_claims_shown": len(shown_claims),
    }


def _environment() -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES)), autoescape=True,
                              trim_blocks=True, lstrip_blocks=True, undefined=jinja2.StrictUndefined)


def render_html(result, lang: str = "zh", texts: DocumentTexts | None = None, **limits) -> str:
    """The fact sheet as one HTML string (documents are re-read for context unless ``texts`` is given).

    ``limits``: ``max_claims_per_indicator`` and ``max_findings`` of :func:`build_context`.
    """
    if texts is None:
        texts = DocumentTexts.load(result)
    return "".join(_stream(result, lang, texts, **limits))


def _stream(result, lang: str, texts: DocumentTexts, **limits):
    return _environment().get_template("factsheet.html.j2").generate(**build_context(result, lang, texts, **limits))


def write_html(result, path, lang: str = "zh", texts: DocumentTexts | None = None, **limits) -> Path:
    """Write the self-contained HTML fact sheet to ``path`` (atomically, streamed); return the path."""
    if texts is None:
        texts = DocumentTexts.load(result)
    target = Path(path)
    with atomic_write(target) as fh:
        fh.writelines(_stream(result, lang, texts, **limits))
    return target
