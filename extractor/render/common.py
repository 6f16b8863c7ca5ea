"""What every renderer shares: labels in two languages, span geometry, value formatting.

All renderers are views of one :class:`extractor.result.Result`; the helpers here
turn its records into display rows without changing them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
import bisect
from typing import Iterable

from ..model import FLAG_VERDICTS, VERDICTS, Claim, Finding, Mention, Span

CONSISTENT_VERDICTS = frozenset({"consistent", "consistent_by_rounding_only"})

VERDICT_LABELS: dict[str, dict[str, str]] = {
    "zh": {
        "consistent": "一致",
        "consistent_by_rounding_only": "仅在舍入范围内一致",
        "inconsistent": "不一致",
        "inconsistent_decision": "不一致（决策层面）",
        "not_testable": "无法检验",
        "unchecked": "未检验",
    },
    "en": {
        "consistent": "consistent",
        "consistent_by_rounding_only": "consistent by rounding only",
        "inconsistent": "inconsistent",
        "inconsistent_decision": "inconsistent (decision)",
        "not_testable": "not testable",
        "unchecked": "not checked",
    },
}
# A symbol beside every verdict, so the verdict never rests on colour alone.
VERDICT_SYMBOLS = {
    "consistent": "✓", "consistent_by_rounding_only": "≈", "inconsistent": "✗",
    "inconsistent_decision": "✗", "not_testable": "?", "unchecked": "·",
}

CLAIM_TYPE_LABELS: dict[str, dict[str, str]] = {
    "zh": {
        "level": "水平值", "change": "变化（从…到…）", "growth": "增长率", "cagr": "年均增长率",
        "share": "占比", "part_of_whole": "部分与整体", "respectively": "分别", "target": "目标",
        "rank": "位次", "count": "数量", "multiple": "倍数", "pp_change": "百分点变化",
    },
    "en": {
        "level": "level", "change": "change (from … to …)", "growth": "growth rate", "cagr": "CAGR",
        "share": "share", "part_of_whole": "part of whole", "respectively": "respectively",
        "target": "target", "rank": "rank", "count": "count", "multiple": "multiple",
        "pp_change": "percentage-point change",
    },
}

ROLE_LABELS: dict[str, dict[str, str]] = {
    "zh": {"value": "数值", "start": "起点", "end": "终点", "delta": "变化量", "rate": "增速", "share": "占比",
           "part": "部分", "whole": "整体", "pp": "百分点", "multiple": "倍数", "base": "基数"},
    "en": {"value": "value", "start": "start", "end": "end", "delta": "change", "rate": "rate", "share": "share",
           "part": "part", "whole": "whole", "pp": "points", "multiple": "multiple", "base": "base"},
}

# Chinese names of the checks (the English page shows the check's id)
CHECK_LABELS: dict[str, dict[str, str]] = {
    "zh": {"cagr": "年均增长率", "change_direction": "变化方向", "ordinal_sequence": "序号连续",
           "enumeration_count": "列举项数", "respectively": "“分别”对应", "multiple": "倍数",
           "cross_claim": "跨文档一致", "pp_difference": "百分点差", "part_of_whole": "部分与整体",
           "discourse_pair": "成对表述", "char_count": "字数", "time_range": "时间范围", "sum": "加总",
           "threshold": "与经济增速比较", "duplicate_identifier": "编号重复", "tertiary_share": "三次产业结构",
           "growth": "增长率", "difference": "差值", "share": "占比", "table_total": "表格合计"},
    "en": {},
}

SEVERITY_LABELS = {
    "zh": {"error": "错误", "warning": "警告", "info": "提示"},
    "en": {"error": "error", "warning": "warning", "info": "info"},
}


# Chinese labels for the reason codes the checks give (``Finding.reason`` is English or a code).
REASON_LABELS_ZH: dict[str, str] = {
    "repeat": "重复",
    "skip": "序号跳过",
    "order": "顺序颠倒",
    "unpaired": "不成对",
    "count mismatch": "项数不符",
    "one identifier, different authors": "同一编号，作者不同",
    "the subjects (authors) of the list are not in the text": "原文未写出所列各项的主体（作者）",
    "different units": "单位不同",
    "documents of different dates: a different value is probably a revision": "文档日期不同：数值不同可能是修订",
    "the documents do not name whose figure it is": "文档未写明是谁的数字",
    "an average annual rate without the levels it links": "只有年均增速，没有它所连接的起止水平值",
    "a multiple without the levels it links": "只有倍数，没有它所连接的两个水平值",
    "only the change is stated, not both rates": "只写了变化幅度，没有写出两个增速",
    "one rate and the change are stated; the other rate is not in the text":
        "写了一个增速和变化幅度，另一个增速不在文中",
    "real growth (comparable prices) against levels at current prices": "增速按可比价格计算，水平值按现价，二者不能互相检验",
    "the rate is on a comparable basis (同口径/可比口径), the levels are not": "增速按同口径（可比口径）计算，水平值不是同口径",
    "rounding bands of the inputs too wide to test the stated value": "各数的四舍五入误差太大，无法检验所述数值",
    "computed band is open": "计算区间无界（有“超过”“以上”等约数）",
    "computed value unbounded": "计算值无界",
    "structure adjusted to add up to 100": "结构比为凑足100%调整了末位数字",
}


def reason_label(reason: str | None, lang: str) -> str | None:
    """A finding's reason for a reader: the Chinese label of a known reason code in zh, the code in en."""
    if reason is None or lang != "zh":
        return reason
    return REASON_LABELS_ZH.get(reason.strip(), reason)


def label(table: dict[str, dict[str, str]], key: str | None, lang: str) -> str:
    """The label of ``key`` in ``lang`` (falls back to English, then to the key)."""
    if key is None:
        return ""
    return table.get(lang, {}).get(key) or table["en"].get(key) or key


def verdict_label(verdict: str, lang: str) -> str:
    """A verdict in words, e.g. ``不一致`` or ``inconsistent``."""
    return label(VERDICT_LABELS, verdict, lang)


def finding_message(finding: Finding, lang: str) -> str:
    """The finding's message in ``lang`` (Chinese unless English is asked for and present)."""
    if lang == "en" and finding.message_en:
        return finding.message_en
    return finding.message or finding.message_en or ""


def is_flagged(finding: Finding) -> bool:
    """True for the verdicts that fail a CI run (inconsistent, inconsistent_decision)."""
    return finding.verdict in FLAG_VERDICTS


def is_warning(finding: Finding) -> bool:
    """True for a finding worth a warning: severity warning and not consistent."""
    return finding.severity == "warning" and finding.verdict not in CONSISTENT_VERDICTS


def span_end(span: Span) -> tuple[int, int]:
    """1-based end line and *exclusive* end column of ``span``, computed from its text.

    A span ``"2023\\n\\n年"`` starting at line 4, column 7 ends on line 6 before
    column 2 (the column after ``年``).
    """
    text = span.text or ""
    breaks = text.count("\n")
    if not breaks:
        return span.line, span.col + len(text)
    tail = text[text.rfind("\n") + 1:]
    return span.line + breaks, len(tail) + 1


def primary_span(finding: Finding) -> Span | None:
    """The span a finding is reported at: its first span (they are in text order)."""
    if not finding.spans:
        return None
    return min(finding.spans, key=lambda s: (s.start, s.end))


_PLAIN_NUMBER = re.compile(r"^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$")


def parse_number(text: str | None) -> Decimal | None:
    """The number in ``text`` as written (``"1,234.5"`` → 1234.5); None if it is not one."""
    if text is None:
        return None
    s = str(text).strip().replace(",", "").replace("，", "")
    if s.endswith("%"):
        s = s[:-1]
    if not _PLAIN_NUMBER.match(s):
        return None
    try:
        return Decimal(s)
    except InvalidOperation:
        return None


_SCALES = {"十": 10, "百": 100, "千": 1000, "万": 10 ** 4, "十万": 10 ** 5, "百万": 10 ** 6, "千万": 10 ** 7,
           "亿": 10 ** 8, "十亿": 10 ** 9, "百亿": 10 ** 10, "千亿": 10 ** 11, "万亿": 10 ** 12}
# a number, an optional scale word, then at most a unit (元, 个, %, 年 …): no further digits
_SCALED = re.compile(r"^\s*(?P<num>[+-]?[\d,，]*\.?\d+)\s*(?P<scale>十万|百万|千万|十亿|百亿|千亿|万亿|[十百千万亿])?"
                     r"(?P<unit>[^\d]{0,8})$")


def parse_scaled(text: str | None) -> tuple[Decimal, int] | None:
    """A written value with an optional scale word and unit: ``"88.4亿元"`` → (88.4, 10**8); None if not one."""
    if text is None:
        return None
    m = _SCALED.match(str(text))
    if not m:
        return None
    number = parse_number(m.group("num"))
    if number is None:
        return None
    return number, _SCALES.get(m.group("scale") or "", 1)


def decimals_of(text: str | None) -> int:
    """Number of decimals written in ``text`` (``"8.0"`` → 1, ``"3335"`` → 0)."""
    if not text:
        return 0
    s = str(text).strip()
    m = re.search(r"\.(\d+)", s)
    return len(m.group(1)) if m else 0


def excel_number_format(text: str | None, decimals: int | None = None) -> str:
    """An Excel number format that shows a number with the precision it was written with.

    ``"16.7"`` → ``0.0``, ``"8.0"`` → ``0.0``, ``"1,234"`` → ``#,##0``.
    """
    d = decimals if decimals is not None else decimals_of(text)
    grouped = bool(text and "," in str(text))
    base = "#,##0" if grouped else "0"
    return base + ("." + "0" * d if d > 0 else "")


def as_float(value) -> float | None:
    """A Decimal/int/float as a float for a spreadsheet cell; None for anything else."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (Decimal, int, float)):
        f = float(value)
        return int(f) if isinstance(value, (int,)) else f
    return None


def mention_display(m: Mention) -> str:
    """A mention as a reader sees it: the source text when present, else value and unit."""
    return m.text or f"{m.value_text}{m.unit or ''}"


def written_number(m: Mention) -> Decimal | None:
    """The number as the document wrote it (``88.4`` for 88.4亿元), else the mention's value."""
    scaled = parse_scaled(m.value_text)
    if scaled is not None:
        return scaled[0]
    return m.value if isinstance(m.value, Decimal) else None


_UNIT_WORDS = {"CNY": "元", "count": ""}


def display_unit(m: Mention) -> str:
    """The unit the written number is in: scale word and unit (``亿元``, ``%``, ``家``)."""
    unit = m.unit or ""
    word = _UNIT_WORDS.get(unit, unit)
    if unit == "count" and m.classifier:
        word = m.classifier
    return f"{m.scale_word or ''}{word}"


def value_period(claim: Claim, m: Mention) -> str | None:
    """The period a value belongs to: the mention's own period, else the claim's."""
    return m.period or claim.period


_PERIOD = re.compile(r"^(\d{4})(?:(Q)([1-4])|(H)([12])|-(\d{1,2}))?$")


def period_sort_key(period: str | None) -> tuple:
    """Order periods in time: 2023 < 2024Q1 < 2024H1 < 2024-07 < 2024; others after, by text."""
    if not period:
        return (9999, 99, "")
    m = _PERIOD.match(period)
    if not m:
        first = re.match(r"^(\d{4})", period)
        return (int(first.group(1)) if first else 9999, 98, period)
    year = int(m.group(1))
    if m.group(2):
        month = int(m.group(3)) * 3
    elif m.group(4):
        month = int(m.group(5)) * 6
    elif m.group(6):
        month = int(m.group(6))
    else:
        month = 13  # a whole year sorts after its parts
    return (year, month, period)


def is_point_period(period: str | None) -> bool:
    """True for a single period (a year, quarter, half year or month), not a span of years."""
    return bool(period and _PERIOD.match(period))


QUANTITY_ROLE_ORDER = ("value", "start", "end", "delta", "rate", "share", "part", "whole", "pp",
                       "multiple")


MEASURE_OF_ROLE = {"rate": "rate", "pp": "rate", "share": "share", "multiple": "multiple"}
MEASURE_LABELS = {
    "zh": {"level": "水平", "rate": "增速", "share": "占比", "multiple": "倍数"},
    "en": {"level": "level", "rate": "growth rate", "share": "share", "multiple": "multiple"},
}


@dataclass(frozen=True, slots=True)
class SeriesKey:
    """One line of the indicator matrix: an indicator of a subject, one measure, one unit."""

    indicator: str
    subject: str
    unit: str
    measure: str = "level"

    def title(self) -> str:
        parts = [self.indicator]
        if self.subject:
            parts.insert(0, self.subject)
        return " · ".join(parts) + (f" ({self.unit})" if self.unit else "")


@dataclass(slots=True)
class SeriesPoint:
    """One value of a series: the period, the mention and the claim it came from."""

    period: str
    mention: Mention
    claim: Claim


def indicator_series(claims: Iterable[Claim]) -> dict[SeriesKey, list[SeriesPoint]]:
    """Group numeric claim values into series by indicator, subject and unit, over periods.

    Only single-number values with a single period take part; a series keeps the
    first value stated for a period (others are still listed with their claims).
    Values are compared as written (``88.4`` in 亿元), so the unit includes the scale word.
    Series are in first-mention order; points in time order.
    """
    series: dict[SeriesKey, dict[str, SeriesPoint]] = {}
    for claim in claims:
        if not claim.indicator:
            continue
        for cv in claim.values:
            m = cv.mention
            if m.is_time or written_number(m) is None:
                continue
            period = value_period(claim, m)
            if not is_point_period(period):
                continue
            measure = MEASURE_OF_ROLE.get(cv.role, "level")
            key = SeriesKey(claim.indicator, claim.subject or "", display_unit(m), measure)
            points = series.setdefault(key, {})
            points.setdefault(period, SeriesPoint(period, m, claim))
    return {k: sorted(v.values(), key=lambda p: period_sort_key(p.period)) for k, v in series.items()}


def one_line(text: str | None) -> str:
    """``text`` with its line breaks (PDF-style breaks inside sentences) shown as single spaces."""
    return _BREAKS.sub(" ", text or "")


_BREAKS = re.compile(r"[ \t]*(?:\r?\n[ \t]*)+")


def claim_verdicts(findings: Iterable[Finding]) -> dict[str, list[str]]:
    """For each claim id, the verdicts of the findings that involve it (in finding order)."""
    out: dict[str, list[str]] = {}
    for f in findings:
        for cid in f.claims:
            out.setdefault(cid, []).append(f.verdict)
    return out


def worst_verdict(verdicts: Iterable[str]) -> str:
    """The most serious of ``verdicts`` (inconsistent before not_testable before consistent)."""
    order = {"inconsistent": 0, "inconsistent_decision": 1, "not_testable": 2,
             "consistent_by_rounding_only": 3, "consistent": 4}
    best = None
    for v in verdicts:
        if best is None or order.get(v, 5) < order.get(best, 5):
            best = v
    return best or "unchecked"


def verdict_counts(findings: Iterable[Finding]) -> dict[str, int]:
    """Number of findings per verdict, every verdict present (zeros included)."""
    counts = {v: 0 for v in VERDICTS}
    for f in findings:
        counts[f.verdict] = counts.get(f.verdict, 0) + 1
    return counts


def report_path(path: str) -> str:
    """A document path as CI tools want it: relative to the working folder when inside it, with /."""
    p = Path(path)
    try:
        rel = p.resolve().relative_to(Path.cwd().resolve())
        return rel.as_posix()
    except (ValueError, OSError):
        return p.as_posix()


def doc_paths(result) -> dict[str, str]:
    """Map each document name to the path CI reports should name."""
    return {d.doc: report_path(d.path) for d in result.documents}


def highlight_segments(context: Span, marks: Iterable[tuple[int, int]]) -> list[tuple[str, bool]]:
    """Cut ``context.text`` into (text, highlighted) pieces for the original-offset ``marks``.

    Marks outside the context are ignored; overlapping marks are merged.
    """
    text = context.text or ""
    rel = sorted((max(0, s - context.start), min(len(text), e - context.start))
                 for s, e in marks)
    merged: list[list[int]] = []
    for s, e in rel:
        if e <= s:
            continue
        if merged and s <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], e)
        else:
            merged.append([s, e])
    pieces: list[tuple[str, bool]] = []
    pos = 0
    for s, e in merged:
        if s > pos:
            pieces.append((text[pos:s], False))
        pieces.append((text[s:e], True))
        pos = e
    if pos < len(text):
        pieces.append((text[pos:], False))
    return pieces



_TERMINATOR = re.compile(r"[。！？!?；;]")


class DocumentTexts:
    """The original texts of a result's documents, re-read from disk to show findings in context.

    A text is used only when its file still has the SHA-256 recorded in the result, so
    offsets are guaranteed to point into the same text; otherwise the document is left
    out and renderers fall back to the claims' own context spans.
    """

    def __init__(self, texts: dict[str, str] | None = None):
        self.texts = dict(texts or {})
        self._line_starts: dict[str, list[int]] = {}

    @classmethod
    def load(cls, result) -> "DocumentTexts":
        """Re-read every document of ``result`` whose file is unchanged."""
        from ..load import LoadError, load_file

        texts: dict[str, str] = {}
        for d in result.documents:
            try:
                source = load_file(Path(d.path), d.doc)
            except (LoadError, OSError):
                continue
            if source.sha256 == d.sha256:
                texts[d.doc] = source.text
        return cls(texts)

    def __contains__(self, doc: str) -> bool:
        return doc in self.texts

    def _span(self, doc: str, start: int, end: int) -> Span:
        starts = self._line_starts.get(doc)
        text = self.texts[doc]
        if starts is None:
            starts = [0] + [m.end() for m in re.finditer("\n", text)]
            self._line_starts[doc] = starts
        line = bisect.bisect_right(starts, start)
        return Span(doc, start, end, line, start - starts[line - 1] + 1, text[start:end])

    def window(self, doc: str, start: int, end: int, side: int = 60) -> tuple[int, int]:
        """The sentence around ``start:end``, at most ``side`` characters either way."""
        text = self.texts[doc]
        lo = max(0, start - side)
        before = None
        for m in _TERMINATOR.finditer(text, lo, start):
            before = m.end()
        a = before if before is not None else lo
        m = _TERMINATOR.search(text, end, min(len(text), end + side))
        b = m.end() if m else min(len(text), end + side)
        while a < start and text[a].isspace():
            a += 1
        while b > end and text[b - 1].isspace():
            b -= 1
        return a, b

    def contexts(self, spans: Iterable[Span], side: int = 60) -> list[Span] | None:
        """Sentence windows around ``spans`` (merged where they overlap), by document and in text order.

        None when a span's document text is not available.
        """
        spans = sorted(spans, key=lambda s: (s.doc, s.start, s.end))
        if not spans or any(s.doc not in self.texts for s in spans):
            return None
        windows: list[list] = []
        for s in spans:
            a, b = self.window(s.doc, s.start, s.end, side)
            if windows and windows[-1][0] == s.doc and a <= windows[-1][2]:
                windows[-1][2] = max(windows[-1][2], b)
            else:
                windows.append([s.doc, a, b])
        return [self._span(doc, a, b) for doc, a, b in windows]
