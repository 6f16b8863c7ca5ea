"""The auditable Excel workbook (openpyxl).

Laid out after the guidance for releasing statistics in spreadsheets (UK
Government Analysis Function; ONS gptables): a Cover sheet with the title in A1,
a Contents sheet with links, a Notes sheet, then one named Excel Table per sheet
with a single header row, no merged cells, verdicts in words.

The Checks sheet carries a *live formula* for every arithmetic finding: the
finding's formula with each input name replaced by the cell on the Inputs sheet
that holds that input; an input that is a claim value is itself a formula
pointing at the claim's row on the Claims sheet.  The number Python computed is
cached in the column beside it, so a reader can compare and change the arithmetic.

Text from documents is always written as a string cell (never as a formula) and
stripped of characters XML does not allow.
"""
from __future__ import annotations

import re
import warnings
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any, Iterable, Sequence

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Alignment, Font
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.hyperlink import Hyperlink
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet.table import Table, TableColumn, TableStyleInfo
from openpyxl.worksheet.worksheet import Worksheet

from ..atomic import atomic_path
from ..model import Claim, Finding, Mention
from . import formula as formula_mod
from .common import (CLAIM_TYPE_LABELS, MEASURE_LABELS, ROLE_LABELS, DocumentTexts, SEVERITY_LABELS, claim_verdicts, decimals_of, display_unit,
                     excel_number_format, finding_message, indicator_series, is_flagged, label,
                     one_line, parse_number, parse_scaled, period_sort_key, primary_span, reason_label, verdict_counts,
                     verdict_label,
                     written_number)

TITLE_FONT = Font(bold=True, size=14)
HEADING_FONT = Font(bold=True, size=12)
LINK_FONT = Font(color="0563C1", underline="single")
HEADER_FONT = Font(bold=True)
FLAG_FONT = Font(bold=True, color="9C0006")
WRAP = Alignment(wrap_text=True, vertical="top")
TOP = Alignment(vertical="top")
COVER_VALUE = Alignment(wrap_text=True, vertical="top", horizontal="left")
TABLE_STYLE = TableStyleInfo(name="TableStyleMedium2", showRowStripes=True, showColumnStripes=False,
                             showFirstColumn=False, showLastColumn=False)
HEADER_ROW = 3  # row 1: sheet title, row 2: what the table holds, row 3: the table's header
MAX_CELL_CHARS = 32767
COVER_WIDTH = 90

T = {
    "zh": {
        "title": "事实核查表：数量断言与一致性检验",
        "holds": "本工作簿内容",
        "holds_text": "从文档中抽取的数量断言（指标、主体、时期、数值及原文位置），对这些断言的一致性检验"
                      "（含可在 Excel 中重算的公式），指标×时期矩阵和所读文档清单。",
        "run_date": "运行时间", "tool": "工具版本", "summary": "汇总", "sources": "来源文档",
        "rule_packs": "规则包", "documents": "文档数", "claims": "断言数", "checks": "检验数",
        "errors": "输入错误数", "contents_link": "目录见 Contents 工作表。",
        "sheet": "工作表", "description": "内容", "rows": "行数",
        "note": "注释编号", "note_text": "注释",
        "Claims": "断言：每个断言数值一行，附原文位置与上下文。",
        "Checks": "检验：每项检验结果一行；“Excel 重算（公式）”列为实时公式，旁边是 Python 计算值。",
        "Inputs": "公式输入：检验公式引用的每个数值一行；来自断言的数值链接到 Claims 工作表。",
        "Indicators": "指标：指标×时期矩阵（按原文写法的数值，单位含数量级词）。",
        "Documents": "文档：所读文档及其 SHA-256 哈希值。",
        "Errors": "输入错误：未能读取的文件或规则。",
        "Notes": "注释：本工作簿的口径与说明。",
        "table_rows": "本表共 {n} 行。",
    },
    "en": {
        "title": "Fact sheet: quantitative claims and consistency checks",
        "holds": "What this workbook holds",
        "holds_text": "The quantitative claims read from the documents (indicator, subject, period, values and "
                      "where they were written), the consistency checks run on them (with formulas Excel "
                      "recomputes), an indicator × period matrix and the list of documents read.",
        "run_date": "Run date", "tool": "Tool version", "summary": "Summary", "sources": "Sources",
        "rule_packs": "Rule packs", "documents": "Documents", "claims": "Claims", "checks": "Checks",
        "errors": "Input errors", "contents_link": "See the Contents sheet for the list of tables.",
        "sheet": "Sheet", "description": "Contents", "rows": "Rows",
        "note": "Note number", "note_text": "Note",
        "Claims": "Claims: one row per claim value, with where it was written and its context.",
        "Checks": "Checks: one row per finding; the 'Recomputed in Excel' column is a live formula, "
                  "the value Python computed is beside it.",
        "Inputs": "Formula inputs: one row per number a check formula uses; values taken from claims "
                  "link to the Claims sheet.",
        "Indicators": "Indicators: indicator × period matrix (numbers as written; the unit includes the "
                      "scale word).",
        "Documents": "Documents: the documents read, with their SHA-256 hashes.",
        "Errors": "Input errors: files or rules that could not be read.",
        "Notes": "Notes: definitions and conventions used in this workbook.",
        "table_rows": "This table has {n} rows.",
    },
}

TITLES = {
    "zh": {"Claims": "断言", "Checks": "检验", "Inputs": "公式输入", "Indicators": "指标×时期",
           "Documents": "文档", "Errors": "输入错误", "Notes": "注释", "Contents": "目录"},
    "en": {"Claims": "Claims", "Checks": "Checks", "Inputs": "Formula inputs", "Indicators": "Indicators by period",
           "Documents": "Documents", "Errors": "Input errors", "Notes": "Notes", "Contents": "Contents"},
}

HEADERS = {
    "Claims": {
        "en": ["Claim ID", "Indicator", "Subject", "Period", "Claim type", "Role", "Value as written",
               "Number as written", "Value in base unit", "Base unit", "Unit", "Qualifiers", "Document",
               "Line", "Column", "Source text (context)", "Rule", "Check verdicts"],
        "zh": ["断言编号", "指标", "主体", "时期", "断言类型", "角色", "原文写法", "原文数值", "基本单位数值",
               "基本单位", "单位", "限定词", "文档", "行", "列", "原文（上下文）", "规则", "检验结论"],
    },
    "Checks": {
        "en": ["Finding ID", "Check", "Verdict", "Severity", "Stated (as written)", "Stated (number)",
               "Formula", "Recomputed in Excel (live formula)", "Computed by Python (cached)", "Computed low",
               "Computed high", "Tolerance", "Message", "Claims", "Document", "Line", "Column", "Reason",
               "Source text (context)"],
        "zh": ["检验编号", "检验类型", "结论", "严重程度", "原文陈述值", "陈述值（数值）", "公式",
               "Excel 重算（实时公式）", "Python 计算值（缓存）", "计算下限", "计算上限", "容差", "说明",
               "相关断言", "文档", "行", "列", "原因", "原文（上下文）"],
    },
    "Inputs": {
        "en": ["Finding ID", "Input name", "Value", "Value as written", "Claim ID", "Role", "Document", "Line",
               "Column", "Source text"],
        "zh": ["检验编号", "输入名", "数值", "原文写法", "断言编号", "角色", "文档", "行", "列", "原文"],
    },
    "Documents": {
        "en": ["Document", "Path", "Title", "Date", "SHA-256", "Encoding", "Characters", "Lines", "Claims",
               "Checks", "Flagged checks"],
        "zh": ["文档", "路径", "标题", "日期", "SHA-256", "编码", "字符数", "行数", "断言数", "检验数", "不一致数"],
    },
    "Errors": {
        "en": ["Path", "Line", "Key", "Kind", "Message"],
        "zh": ["路径", "行", "键", "类别", "说明"],
    },
    "Indicators": {"en": ["Indicator", "Subject", "Measure", "Unit"], "zh": ["指标", "主体", "度量", "单位"]},
}

NOTES = {
    "en": [
        "Offsets, lines and columns point into the original document text; lines and columns start at 1.",
        "'Number as written' keeps the precision of the document: 16.7 is shown as 16.7 and 8.0 as 8.0. "
        "'Value in base unit' is the same number in the base unit (for example yuan).",
        "Verdicts: consistent; consistent by rounding only (holds only within the rounding of the stated "
        "numbers); inconsistent; inconsistent (decision) (a counting or wording decision does not hold); "
        "not testable (the text does not give enough to recompute).",
        "The 'Recomputed in Excel' column holds live formulas over the Inputs sheet; inputs taken from claims "
        "are formulas pointing at the Claims sheet, so changing a claim's number updates its checks.",
        "In Excel a leading minus binds tighter than ^ (=-2^2 is 4); the check formulas never start a power "
        "with a bare minus.",
        "Text taken from documents is stored as text, never as a formula, even when it starts with =, +, - or @.",
    ],
    "zh": [
        "偏移量、行号和列号均指向原始文档文本；行号和列号从 1 开始。",
        "“原文数值”保留文档写法的精度：16.7 显示为 16.7，8.0 显示为 8.0；“基本单位数值”为换算到基本单位（如元）后的数值。",
        "结论：一致；仅在舍入范围内一致（仅在陈述数值的舍入误差内成立）；不一致；不一致（决策层面）（计数或措辞判断不成立）；"
        "无法检验（文本信息不足以重算）。",
        "“Excel 重算”列为引用 Inputs 工作表的实时公式；来自断言的输入又链接到 Claims 工作表，修改断言数值会更新相应检验。",
        "Excel 中前置负号优先于乘方（=-2^2 结果为 4）；检验公式不会以裸负号开始乘方。",
        "取自文档的文本一律以文本存储，即使以 =、+、- 或 @ 开头也不会成为公式。",
    ],
}


def clean_text(value: Any) -> str:
    """A string fit for a cell: illegal XML characters removed, cut to Excel's cell limit."""
    text = "" if value is None else str(value)
    text = ILLEGAL_CHARACTERS_RE.sub("", text)
    return text[:MAX_CELL_CHARS]


class CellSpec:
    """A cell waiting to be written: its value, whether it is text, its style and link.

    The workbook is written in openpyxl's write-only (streaming) mode, so a sheet
    is built as light cell specs (random access, as the builders need) and written
    out in row order when the sheet is done (:meth:`BufferedSheet.flush`).
    """

    __slots__ = ("row", "column", "value", "data_type", "font", "alignment", "number_format", "hyperlink")

    def __init__(self, row: int, column: int):
        self.row, self.column = row, column
        self.value: Any = None
        self.data_type: str | None = None
        self.font: Font | None = None
        self.alignment: Alignment | None = None
        self.number_format: str | None = None
        self.hyperlink: Hyperlink | None = None

    @property
    def coordinate(self) -> str:
        return f"{get_column_letter(self.column)}{self.row}"


class BufferedSheet:
    """A write-only worksheet that accepts cells in any order until :meth:`flush` writes them.

    Only one sheet's specs are held at a time (each sheet is flushed when built), and the
    written rows are not kept, so memory stays far below openpyxl's normal mode.  Each
    combination of font, alignment and number format is resolved to a workbook style
    once (``styles`` is shared by the workbook's sheets) and copied onto later cells.
    """

    def __init__(self, sheet: WriteOnlyWorksheet, styles: dict[tuple, StyleArray]):
        self.sheet = sheet
        self.styles = styles
        self.cells: dict[int, dict[int, CellSpec]] = {}
        self.max_row = 0
        self.has_table = False

    @property
    def title(self) -> str:
        return self.sheet.title

    def cell(self, row: int, column: int) -> CellSpec:
        """The spec of the cell at ``row``, ``column`` (created empty on first use)."""
        cols = self.cells.setdefault(row, {})
        spec = cols.get(column)
        if spec is None:
            spec = cols[column] = CellSpec(row, column)
        return spec

    def _style(self, spec: CellSpec) -> StyleArray | None:
        if spec.font is None and spec.alignment is None and spec.number_format is None:
            return None
        key = (id(spec.font), id(spec.alignment), spec.number_format)
        style = self.styles.get(key)
        if style is None:
            proto = WriteOnlyCell(self.sheet)
            if spec.font is not None:
                proto.font = spec.font
            if spec.alignment is not None:
                proto.alignment = spec.alignment
            if spec.number_format is not None:
                proto.number_format = spec.number_format
            style = self.styles[key] = proto._style
        return style

    def _cell(self, spec: CellSpec) -> Cell | None:
        style = self._style(spec)
        if spec.value is None and style is None and spec.hyperlink is None:
            return None
        cell = WriteOnlyCell(self.sheet, value=spec.value)
        if spec.data_type == "s":
            cell.data_type = "s"  # text stays text, even when it starts with = (never a formula)
        if style is not None:
            cell._style = StyleArray(style)
        if spec.hyperlink is not None:
            cell.hyperlink = spec.hyperlink
        return cell

    def flush(self) -> None:
        """Write every row in order (column widths, row heights and panes must be set before)."""
        self.max_row = max(self.cells, default=0)
        for r in range(1, self.max_row + 1):
            cols = self.cells.pop(r, None)
            if not cols:
                self.sheet.append([])
                continue
            row: list[Cell | None] = [None] * max(cols)
            for c, spec in cols.items():
                row[c - 1] = self._cell(spec)
            self.sheet.append(row)
        self.cells = {}


def set_text(cell: CellSpec, value: Any) -> CellSpec:
    """Write ``value`` as a string cell, whatever it starts with (never a formula)."""
    cell.value = clean_text(value)
    cell.data_type = "s"
    return cell


def set_number(cell: CellSpec, value: Any, number_format: str | None = None) -> CellSpec:
    """Write a Decimal/int/float as a number (None leaves the cell empty)."""
    if value is None or isinstance(value, bool):
        return cell
    if isinstance(value, Decimal):
        value = int(value) if value == value.to_integral_value() and abs(value) < 10 ** 15 else float(value)
    cell.value = value
    restyle(cell, alignment=TOP, number_format=number_format)
    return cell


def link(cell: CellSpec, sheet: str, coordinate: str) -> None:
    """Make ``cell`` a link to ``coordinate`` on ``sheet`` in the same workbook."""
    cell.hyperlink = Hyperlink(ref=cell.coordinate, location=f"'{sheet}'!{coordinate}")
    restyle(cell, font=LINK_FONT)


def restyle(cell: CellSpec, *, font: Font | None = None, alignment: Alignment | None = None,
            number_format: str | None = None) -> CellSpec:
    """Set the given parts of ``cell``'s style, keeping the others.

    Styles are matched by identity when the sheet is written (one workbook style per
    combination), so pass the module-level style constants.
    """
    if font is not None:
        cell.font = font
    if alignment is not None:
        cell.alignment = alignment
    if number_format is not None:
        cell.number_format = number_format
    return cell


@dataclass(slots=True)
class SheetTable:
    """A sheet with a title, a description line and one named table starting at ``HEADER_ROW``."""

    ws: BufferedSheet
    name: str
    headers: list[str]
    rows: int = 0
    widths: list[int] = field(default_factory=list)

    def start(self, title: str, description: str) -> None:
        restyle(set_text(self.ws.cell(1, 1), title), font=TITLE_FONT)
        set_text(self.ws.cell(2, 1), description)
        for col, h in enumerate(self.headers, 1):
            restyle(set_text(self.ws.cell(HEADER_ROW, col), h), font=HEADER_FONT)
        self.widths = [max(8, _width(h)) for h in self.headers]

    def next_row(self) -> int:
        self.rows += 1
        return HEADER_ROW + self.rows

    def note_width(self, col: int, text: Any) -> None:
        if text is None or self.widths[col - 1] >= 60:
            return  # nothing to widen: empty, or the column is at its widest already
        self.widths[col - 1] = max(self.widths[col - 1], min(60, _width(text)))

    def finish(self, wrap_cols: Sequence[int] = ()) -> None:
        """Add the named table over the header and rows (one empty row when there are none); write the sheet."""
        sheet = self.ws.sheet
        last_row = HEADER_ROW + max(self.rows, 1)
        ref = f"A{HEADER_ROW}:{get_column_letter(len(self.headers))}{last_row}"
        table = Table(displayName=self.name, ref=ref)
        table.tableStyleInfo = TABLE_STYLE
        # write-only mode cannot read the header row back: name the columns as the header cells say
        table.tableColumns = [TableColumn(id=i, name=clean_text(h)) for i, h in enumerate(self.headers, 1)]
        with warnings.catch_warnings():  # openpyxl reminds write-only users to add the columns: done above
            warnings.filterwarnings("ignore", "In write-only mode", UserWarning)
            sheet.add_table(table)
        self.ws.has_table = True
        sheet.freeze_panes = f"A{HEADER_ROW + 1}"
        for col, w in enumerate(self.widths, 1):
            sheet.column_dimensions[get_column_letter(col)].width = w + 2
        for row in range(HEADER_ROW + 1, last_row + 1):
            lines = 1
            for col in wrap_cols:
                cell = self.ws.cell(row, col)
                restyle(cell, alignment=WRAP)
                lines = max(lines, _wrapped_lines(cell.value, self.widths[col - 1] + 2))
            if lines > 1:
                sheet.row_dimensions[row].height = 15 * lines
        print_setup(sheet, HEADER_ROW)
        self.ws.flush()


_WIDE = re.compile(r"[\u2e80-\uffef]")


def _wrapped_lines(text: Any, width: float) -> int:
    """Roughly how many lines ``text`` takes in a wrapped cell ``width`` characters wide."""
    if text is None:
        return 1
    return sum(max(1, -(-_width(part) // max(1, int(width)))) for part in str(text).split("\n"))


def print_setup(ws: Worksheet | WriteOnlyWorksheet, header_row: int | None) -> None:
    """Landscape, fit to one page wide, header row repeated on every printed page."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    if header_row:
        ws.print_title_rows = f"{header_row}:{header_row}"


def _width(text: Any) -> int:
    """Display width of ``text``: wide (CJK) characters count twice."""
    s = "" if text is None else str(text)
    if s.isascii():
        return len(s)
    return len(s) + len(_WIDE.findall(s))


def _row(sheet: SheetTable, values: Iterable[Any]) -> int:
    """Write one table row: str → text cell, numbers → number cells; return the row number."""
    r = sheet.next_row()
    for col, v in enumerate(values, 1):
        sheet.note_width(col, v)
        if v is None:
            continue  # an empty cell needs no cell object (nor a style: nothing to align)
        cell = sheet.ws.cell(r, col)
        if isinstance(v, (int, float, Decimal)) and not isinstance(v, bool):
            set_number(cell, v)
        else:
            set_text(cell, v)
        restyle(cell, alignment=TOP)
    return r


def write_workbook(result, path, lang: str = "zh", texts: DocumentTexts | None = None) -> Path:
    """Write the auditable workbook for ``result`` to ``path`` (atomically); return the path.

    The documents are re-read (when unchanged) to give each finding its source sentences.
    """
    wb = build_workbook(result, lang, texts if texts is not None else DocumentTexts.load(result))
    target = Path(path)
    with atomic_path(target) as tmp:
        wb.save(tmp)
    return target


def build_workbook(result, lang: str = "zh", texts: DocumentTexts | None = None) -> Workbook:
    """The workbook (sheets Cover, Contents, Notes, Claims, Checks, …) as a write-only openpyxl
    Workbook, every sheet already written: call ``save`` once on it."""
    lang = lang if lang in T else "en"
    wb = Workbook(write_only=True)
    styles: dict[tuple, StyleArray] = {}
    sheets: dict[str, BufferedSheet] = {}

    def new_sheet(name: str) -> BufferedSheet:
        sheets[name] = BufferedSheet(wb.create_sheet(name), styles)
        return sheets[name]

    cover, contents_ws, notes_ws, claims_ws, checks_ws, inputs_ws = (
        new_sheet(n) for n in ("Cover", "Contents", "Notes", "Claims", "Checks", "Inputs"))
    claim_rows, linked = _claims_sheet(claims_ws, result, lang)
    input_cells = _inputs_sheet(inputs_ws, result, lang, claim_rows, linked)
    _checks_sheet(checks_ws, result, lang, claim_rows, linked, input_cells, texts or DocumentTexts())
    _indicators_sheet(new_sheet("Indicators"), result, lang)
    _documents_sheet(new_sheet("Documents"), result, lang)
    if result.errors:
        _errors_sheet(new_sheet("Errors"), result, lang)
    _notes_sheet(notes_ws, lang)
    _contents_sheet(contents_ws, sheets, lang)
    _cover_sheet(cover, result, lang)
    return wb


# ----- Claims ---------------------------------------------------------------------------------
def _claims_sheet(ws: BufferedSheet, result, lang: str) -> tuple[dict[tuple[str, str, int], int], dict[str, Claim]]:
    """Write the Claims table; return (claim id, role, mention start) → row number, and the claims
    the findings name by id (gathered in the same pass: a large run's claims are read back from disk)."""
    sheet = SheetTable(ws, "tblClaims", HEADERS["Claims"][lang])
    verdicts = claim_verdicts(result.finding_list)
    n_rows = sum(len(c.values) for c in result.claim_list)
    sheet.start(TITLES[lang]["Claims"], T[lang]["Claims"] + " " +
                T[lang]["table_rows"].format(n=n_rows))
    rows: dict[tuple[str, str, int], int] = {}
    wanted = referenced_claims(result)  # rows are remembered only for claims a finding links to
    linked: dict[str, Claim] = {}
    for claim in result.claim_list:
        if claim.id in wanted:
            linked[claim.id] = claim
        verdict_words = "; ".join(dict.fromkeys(verdict_label(v, lang) for v in verdicts.get(claim.id, [])))
        for cv in claim.values:
            m = cv.mention
            number = written_number(m)
            base = _base_value(m)
            qualifiers = ", ".join(dict.fromkeys([*claim.qualifiers, *m.approx]))
            r = _row(sheet, [
                claim.id, claim.indicator, claim.subject, m.period or claim.period,
                label(CLAIM_TYPE_LABELS, claim.claim_type, lang), label(ROLE_LABELS, cv.role, lang), m.text, None, None,
                m.base_unit or m.unit, display_unit(m), qualifiers, claim.doc, m.line, m.col,
                one_line(claim.span.text), claim.rule, verdict_words])
            written_format = excel_number_format(m.value_text, m.decimals)
            set_number(ws.cell(r, 8), number, written_format)
            same_scale = base is not None and number is not None and base == number
            set_number(ws.cell(r, 9), base, written_format if same_scale else (
                "#,##0" if base is None or base == base.to_integral_value() else "#,##0.########"))
            if claim.id in wanted:
                rows[(claim.id, cv.role, m.start)] = r
    sheet.widths[15] = 60
    sheet.finish(wrap_cols=[16])
    return rows, linked


# ----- Inputs -------------------------------------------------------------------------------
def referenced_claims(result) -> set[str]:
    """The ids of the claims the findings name (directly or through a formula input)."""
    ids = {cid for f in result.finding_list for cid in f.claims}
    ids.update(inp.claim_id for f in result.finding_list for inp in f.inputs if inp.claim_id)
    return ids


def _base_value(m: Mention) -> Decimal | None:
    if isinstance(m.base_value, Decimal):
        return m.base_value
    return m.value if isinstance(m.value, Decimal) else None


def _input_mention(claim: Claim | None, role: str | None, inp) -> Mention | None:
    """The claim value a formula input stands for (same role and, when known, same span)."""
    if claim is None:
        return None
    for cv in claim.values:
        if role and cv.role != role:
            continue
        if inp.span is not None and (cv.mention.start, cv.mention.end) != (inp.span.start, inp.span.end):
            continue
        return cv.mention
    return None


def _inputs_sheet(ws: BufferedSheet, result, lang: str,
                  claim_rows: dict[tuple[str, str, int], int],
                  claims: dict[str, Claim]) -> dict[str, dict[str, str]]:
    """Write the Inputs table; return finding id → input name → absolute cell reference."""
    sheet = SheetTable(ws, "tblInputs", HEADERS["Inputs"][lang])
    n_rows = sum(len(f.inputs) for f in result.finding_list if f.formula)
    sheet.start(TITLES[lang]["Inputs"],
                T[lang]["Inputs"] + " " + T[lang]["table_rows"].format(n=n_rows))
    refs: dict[str, dict[str, str]] = {}
    for f in result.finding_list:
        if not f.formula:
            continue
        names = refs.setdefault(f.id, {})
        for inp in f.inputs:
            span = inp.span
            r = _row(sheet, [f.id, inp.name, None, inp.value_text, inp.claim_id, inp.role, f.doc,
                             None if span is None else span.line, None if span is None else span.col,
                             None if span is None else one_line(span.text)])
            value_cell = ws.cell(r, 3)
            scaled = parse_scaled(inp.value_text)
            number = None if scaled is None else scaled[0] * scaled[1]
            mention = _input_mention(claims.get(inp.claim_id or ""), inp.role, inp)
            claim_row = None if mention is None else claim_rows.get((inp.claim_id, inp.role, mention.start))
            source_col = None
            if claim_row is not None and number is not None:
                if written_number(mention) == number:
                    source_col = "H"  # the number as written
                elif _base_value(mention) == number:
                    source_col = "I"  # the value in its base unit (the input carried a scale word)
            fmt = excel_number_format(inp.value_text) if scaled is None or scaled[1] == 1 else "#,##0"
            if source_col is not None:
                value_cell.value = f"=Claims!${source_col}${claim_row}"
                restyle(value_cell, alignment=TOP, number_format=fmt)
                link(ws.cell(r, 5), "Claims", f"A{claim_row}")
            elif number is not None:  # a year, a count of listed items, or another reading: a literal
                set_number(value_cell, number, fmt)
            else:
                continue  # not a number: the formula gets no live cell (to_excel refuses unknown names)
            names[inp.name] = f"Inputs!$C${r}"
    sheet.finish()
    return refs


# ----- Checks -------------------------------------------------------------------------------
def _decimal_or_none(text: str | None) -> Decimal | None:
    return parse_number(text) if text is not None else None


def _finding_context(f: Finding, claims: dict[str, Claim], texts: DocumentTexts) -> str:
    """The sentences a finding was read from (its claims' context when the document is not at hand)."""
    windows = texts.contexts(f.spans)
    if windows is None:
        windows = list({(c.span.start, c.span.end): c.span for cid in f.claims
                        if (c := claims.get(cid)) is not None}.values())
        if not windows:
            windows = sorted(f.spans, key=lambda s: s.start)
    return " … ".join(one_line(w.text) for w in windows)


def _checks_sheet(ws: BufferedSheet, result, lang: str, claim_rows: dict[tuple[str, str, int], int],
                  claims: dict[str, Claim], input_cells: dict[str, dict[str, str]], texts: DocumentTexts) -> None:
    sheet = SheetTable(ws, "tblChecks", HEADERS["Checks"][lang])
    sheet.start(TITLES[lang]["Checks"],
                T[lang]["Checks"] + " " + T[lang]["table_rows"].format(n=len(result.finding_list)))
    first_row_of_claim: dict[str, int] = {}
    for (cid, _role, _start), r in claim_rows.items():
        first_row_of_claim[cid] = min(r, first_row_of_claim.get(cid, r))
    for f in result.finding_list:
        span = primary_span(f)
        stated_number = parse_number(f.stated)
        r = _row(sheet, [
            f.id, f.check, verdict_label(f.verdict, lang), label(SEVERITY_LABELS, f.severity, lang), f.stated,
            None, f.formula, None, None, None, None, f.tolerance, finding_message(f, lang), ", ".join(f.claims),
            f.doc, None if span is None else span.line, None if span is None else span.col,
            reason_label(f.reason, lang),
            _finding_context(f, claims, texts)])
        places = decimals_of(f.stated) if f.stated is not None else 2
        stated_fmt = excel_number_format(f.stated)
        computed_fmt = "0." + "0" * (places + 2)
        set_number(ws.cell(r, 6), stated_number, stated_fmt)
        if f.formula and f.id in input_cells:
            try:
                ws.cell(r, 8).value = formula_mod.to_excel(f.formula, input_cells[f.id])
                restyle(ws.cell(r, 8), alignment=TOP, number_format=computed_fmt)
            except formula_mod.FormulaError:
                pass  # the formula text stays in column G; no live formula for it
        point = _decimal_or_none(f.computed_point)
        if point is None and f.computed is not None and f.computed.low is not None and f.computed.high is not None:
            point = (f.computed.low + f.computed.high) / 2
        set_number(ws.cell(r, 9), point, computed_fmt)
        if f.computed is not None:
            set_number(ws.cell(r, 10), f.computed.low, computed_fmt)
            set_number(ws.cell(r, 11), f.computed.high, computed_fmt)
        if f.claims and f.claims[0] in first_row_of_claim:
            link(ws.cell(r, 14), "Claims", f"A{first_row_of_claim[f.claims[0]]}")
        if is_flagged(f):
            restyle(ws.cell(r, 3), font=FLAG_FONT)
    sheet.widths[12] = 50
    sheet.widths[18] = 60
    sheet.finish(wrap_cols=[13, 19])


# ----- Indicators ----------------------------------------------------------------------------
def _indicators_sheet(ws: BufferedSheet, result, lang: str) -> None:
    series = indicator_series(result.claim_list)
    periods = sorted({p.period for pts in series.values() for p in pts}, key=period_sort_key)
    headers = HEADERS["Indicators"][lang] + periods
    sheet = SheetTable(ws, "tblIndicators", headers)
    sheet.start(TITLES[lang]["Indicators"],
                T[lang]["Indicators"] + " " + T[lang]["table_rows"].format(n=len(series)))
    col_of = {p: 5 + i for i, p in enumerate(periods)}
    for key, points in series.items():
        r = _row(sheet, [key.indicator, key.subject, label(MEASURE_LABELS, key.measure, lang), key.unit])
        for p in points:
            m = p.mention
            set_number(ws.cell(r, col_of[p.period]), written_number(m), excel_number_format(m.value_text, m.decimals))
    sheet.finish()


# ----- Documents, Errors ------------------------------------------------------------------------
def _documents_sheet(ws: BufferedSheet, result, lang: str) -> None:
    sheet = SheetTable(ws, "tblDocuments", HEADERS["Documents"][lang])
    sheet.start(TITLES[lang]["Documents"],
                T[lang]["Documents"] + " " + T[lang]["table_rows"].format(n=len(result.documents)))
    claims = Counter(c.doc for c in result.claim_list)
    findings = Counter(f.doc for f in result.finding_list)
    flagged = Counter(f.doc for f in result.finding_list if is_flagged(f))
    for d in result.documents:
        _row(sheet, [d.doc, d.path, d.title, d.date, d.sha256, d.encoding, d.chars, d.lines, claims[d.doc],
                     findings[d.doc], flagged[d.doc]])
    sheet.finish()


def _errors_sheet(ws: BufferedSheet, result, lang: str) -> None:
    sheet = SheetTable(ws, "tblErrors", HEADERS["Errors"][lang])
    sheet.start(TITLES[lang]["Errors"],
                T[lang]["Errors"] + " " + T[lang]["table_rows"].format(n=len(result.errors)))
    for e in result.errors:
        _row(sheet, [e.path, e.line, e.key, e.kind, e.message])
    sheet.finish(wrap_cols=[5])


# ----- Notes, Contents, Cover ------------------------------------------------------------------
def _notes_sheet(ws: BufferedSheet, lang: str) -> None:
    t = T[lang]
    sheet = SheetTable(ws, "tblNotes", [t["note"], t["note_text"]])
    notes = NOTES[lang]
    sheet.start(TITLES[lang]["Notes"], t["Notes"] + " " + t["table_rows"].format(n=len(notes)))
    for i, text in enumerate(notes, 1):
        _row(sheet, [f"note {i}" if lang == "en" else f"注{i}", text])
    sheet.widths[1] = 90
    sheet.finish(wrap_cols=[2])


def _contents_sheet(ws: BufferedSheet, sheets: dict[str, BufferedSheet], lang: str) -> None:
    t = T[lang]
    sheet = SheetTable(ws, "tblContents", [t["sheet"], t["description"], t["rows"]])
    listed = [s for s in sheets if s not in ("Cover", "Contents")]
    sheet.start(TITLES[lang]["Contents"], t["table_rows"].format(n=len(listed)))
    for name in listed:
        other = sheets[name]  # already written
        rows = max(0, other.max_row - HEADER_ROW) if other.has_table else None
        r = _row(sheet, [name, t.get(name, name), rows])
        link(ws.cell(r, 1), name, "A1")
    sheet.widths[1] = 80
    sheet.finish(wrap_cols=[2])


def _cover_sheet(ws: BufferedSheet, result, lang: str) -> None:
    t = T[lang]
    s = result.summary()
    restyle(set_text(ws.cell(1, 1), t["title"]), font=TITLE_FONT)
    lines: list[tuple[str, Any, bool]] = [
        (t["holds"], t["holds_text"], False),
        ("", t["contents_link"], False),
        (t["run_date"], result.created, False),
        (t["tool"], f"factsheet {result.tool_version}", False),
        (t["summary"], None, True),
        (t["documents"], s["documents"], False),
        (t["claims"], s["claims"], False),
        (t["checks"], s["relations_checked"], False),
    ]
    lines += [(f"  {verdict_label(v, lang)}", n, False) for v, n in verdict_counts(result.finding_list).items()]
    lines.append((t["errors"], s["errors"], False))
    lines.append((t["sources"], None, True))
    lines += [(d.doc, f"SHA-256 {d.sha256}", False) for d in result.documents]
    lines.append((t["rule_packs"], None, True))
    for pack in result.rule_packs or [{}]:
        desc = ", ".join(f"{k} {v}" for k, v in pack.items() if k != "name") if pack else "—"
        lines.append((str(pack.get("name", "—")) if pack else "—", desc, False))
    r = 3
    for key, value, heading in lines:
        if heading:
            r += 1
            restyle(set_text(ws.cell(r, 1), key), font=HEADING_FONT)
        else:
            set_text(ws.cell(r, 1), key)
            if isinstance(value, (int, float)):
                set_number(ws.cell(r, 2), value)
            elif value is not None:
                set_text(ws.cell(r, 2), value)
            restyle(ws.cell(r, 2), alignment=COVER_VALUE)
            lines = _wrapped_lines(value, COVER_WIDTH)
            if lines > 1:
                ws.sheet.row_dimensions[r].height = 15 * lines
        r += 1
    link(ws.cell(4, 2), "Contents", "A1")
    ws.sheet.column_dimensions["A"].width = 28
    ws.sheet.column_dimensions["B"].width = COVER_WIDTH
    print_setup(ws.sheet, None)
    ws.flush()
