"""The Excel workbook: sheets, named tables, headers, live formulas, precision and safety."""
from __future__ import annotations

import re
import zipfile
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from extractor.render.excel import write_workbook
from extractor.render.formula import FormulaError, names, to_excel

from render_fixtures import build_result


@pytest.fixture(scope="module")
def result():
    return build_result()


@pytest.fixture(scope="module")
def workbook_path(tmp_path_factory, result) -> Path:
    path = tmp_path_factory.mktemp("xlsx") / "factsheet.xlsx"
    write_workbook(result, path, lang="en")
    return path


@pytest.fixture(scope="module")
def wb(workbook_path):
    return openpyxl.load_workbook(workbook_path)


def _table_rows(ws, table_name: str) -> list[dict]:
    table = ws.tables[table_name]
    rows = list(ws[table.ref])
    header = [c.value for c in rows[0]]
    return [dict(zip(header, (c.value for c in r))) for r in rows[1:]]


def test_sheets_in_order_with_short_names(wb):
    assert wb.sheetnames[:3] == ["Cover", "Contents", "Notes"]
    for name in ("Claims", "Checks", "Inputs", "Indicators", "Documents", "Errors"):
        assert name in wb.sheetnames
    assert all(len(n) < 31 for n in wb.sheetnames)


def test_cover_has_title_in_a1_sources_and_counts(wb, result):
    ws = wb["Cover"]
    assert ws["A1"].value.startswith("Fact sheet")
    text = "\n".join(str(c.value) for row in ws.iter_rows() for c in row if c.value is not None)
    for d in result.documents:
        assert d.sha256 in text
    assert "core" in text and "0.1.0" in text
    assert result.created in text
    labels = {ws.cell(r, 1).value: ws.cell(r, 2).value for r in range(1, ws.max_row + 1)}
    assert labels["Claims"] == len(result.claim_list)
    assert labels["Checks"] == len(result.finding_list)


def test_contents_links_every_sheet(wb):
    ws = wb["Contents"]
    rows = _table_rows(ws, "tblContents")
    listed = [r["Sheet"] for r in rows]
    assert listed == [n for n in wb.sheetnames if n not in ("Cover", "Contents")]
    for r in range(4, 4 + len(listed)):
        link = ws.cell(r, 1).hyperlink
        assert link is not None and link.location == f"'{ws.cell(r, 1).value}'!A1"


def test_one_named_table_per_data_sheet_with_single_header_row(wb):
    names = []
    for name in ("Notes", "Contents", "Claims", "Checks", "Inputs", "Indicators", "Documents", "Errors"):
        ws = wb[name]
        assert len(ws.tables) == 1, name
        (tname,) = list(ws.tables)
        table = ws.tables[tname]
        names.append(tname)
        assert re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", tname)
        assert table.ref.startswith("A3:")
        assert table.headerRowCount in (None, 1)
        headers = [c.value for c in ws[table.ref][0]]
        assert all(isinstance(h, str) and h for h in headers), name
        assert len(set(headers)) == len(headers), name
        assert not list(ws.merged_cells.ranges), name
    assert len(set(names)) == len(names)


def test_claims_table_headers_and_values(wb, result):
    ws = wb["Claims"]
    rows = _table_rows(ws, "tblClaims")
    assert list(rows[0]) == ["Claim ID", "Indicator", "Subject", "Period", "Claim type", "Role",
                             "Value as written", "Number as written", "Value in base unit", "Base unit", "Unit",
                             "Qualifiers", "Document", "Line", "Column", "Source text (context)", "Rule",
                             "Check verdicts"]
    assert len(rows) == sum(len(c.values) for c in result.claim_list)
    start = next(r for r in rows if r["Value as written"] == "88.4亿元")
    assert start["Number as written"] == pytest.approx(88.4)
    assert start["Value in base unit"] == 8840000000
    assert start["Unit"] == "亿元" and start["Period"] == "2020" and start["Role"] == "start"
    assert (start["Line"], start["Column"]) == (63, 153)
    assert "年均复合增长率达到16.7%" in start["Source text (context)"]
    assert start["Check verdicts"] == "consistent by rounding only"
    level = next(r for r in rows if r["Value as written"] == "2.45%")
    assert level["Qualifiers"] == "expected"
    assert level["Source text (context)"] == "2023 年研发经费投入强度预计提高到2.45%"  # PDF break shown as a space


def test_number_formats_keep_the_stated_precision(wb):
    ws = wb["Claims"]
    formats = {ws.cell(r, 7).value: ws.cell(r, 8).number_format for r in range(4, ws.max_row + 1)}
    assert formats["16.7%"] == "0.0"
    assert formats["8.0%"] == "0.0"
    assert formats["2.45%"] == "0.00"
    assert formats["41个"] == "0"
    base_formats = {ws.cell(r, 7).value: ws.cell(r, 9).number_format for r in range(4, ws.max_row + 1)}
    assert base_formats["35.0%"] == "0.0"  # same scale as written: same precision
    assert base_formats["88.4亿元"] == "#,##0"
    checks = wb["Checks"]
    stated = {checks.cell(r, 1).value: checks.cell(r, 6) for r in range(4, checks.max_row + 1)}
    cagr = stated["cagr:000_778209c8243ddb3d.txt:5124-5161"]
    assert cagr.value == pytest.approx(16.7) and cagr.number_format == "0.0"


def test_verdicts_in_words_and_links_to_claims(wb, result):
    ws = wb["Checks"]
    rows = _table_rows(ws, "tblChecks")
    assert [r["Verdict"] for r in rows] == ["consistent by rounding only", "consistent", "consistent",
                                           "not testable", "inconsistent", "inconsistent (decision)",
                                           "not testable"]
    claims_ws = wb["Claims"]
    for r, f in zip(range(4, 4 + len(rows)), result.finding_list):
        link = ws.cell(r, 14).hyperlink
        assert link is not None and link.location.startswith("'Claims'!A")
        target_row = int(link.location.split("!A")[1])
        assert claims_ws.cell(target_row, 1).value == f.claims[0]


def test_live_formulas_point_at_the_inputs(wb):
    ws = wb["Checks"]
    formulas = {ws.cell(r, 1).value: ws.cell(r, 8).value for r in range(4, ws.max_row + 1)}
    cagr = formulas["cagr:000_778209c8243ddb3d.txt:5124-5161"]
    assert re.fullmatch(r"=\(\(Inputs!\$C\$\d+/Inputs!\$C\$\d+\)\^\(1/\(Inputs!\$C\$\d+-Inputs!\$C\$\d+\)\)-1\)\*100",
                        cagr)
    assert formulas["sum:bulletin_inject.txt:75-112"].startswith("=SUM(Inputs!$C$")
    assert formulas["time_range:002_50d3b4d398fe0756.txt:1358-1387"] is None  # no formula, no live cell
    inputs = wb["Inputs"]
    linked = [inputs.cell(r, 3).value for r in range(4, inputs.max_row + 1)
              if isinstance(inputs.cell(r, 3).value, str)]
    assert linked and all(re.fullmatch(r"=Claims!\$[HI]\$\d+", v) for v in linked)
    by_name = {(inputs.cell(r, 1).value, inputs.cell(r, 2).value): inputs.cell(r, 3).value
               for r in range(4, inputs.max_row + 1)}
    cagr_id = "cagr:000_778209c8243ddb3d.txt:5124-5161"
    assert re.fullmatch(r"=Claims!\$I\$\d+", by_name[(cagr_id, "start")])  # "88.4亿": the base-unit value
    assert by_name[(cagr_id, "start_year")] == 2020  # not a claim value: a literal
    sum_id = "sum:bulletin_inject.txt:75-112"
    assert re.fullmatch(r"=Claims!\$H\$\d+", by_name[(sum_id, "part1")])  # "12.0": the number as written


def test_formulas_compute_what_python_computed(workbook_path, result):
    """Evaluate the workbook with the ``formulas`` package and compare with Python's numbers."""
    formulas = pytest.importorskip("formulas")
    model = formulas.ExcelModel().loads(str(workbook_path)).finish()
    solution = model.calculate()
    values = {}
    for key, cell in solution.items():
        m = re.fullmatch(r"'\[[^\]]+\]CHECKS'!H(\d+)", key)
        if m and int(m.group(1)) > 3:  # below the header row
            values[int(m.group(1))] = float(cell.value[0][0])
    computed = {}
    for row, f in enumerate(result.finding_list, 4):
        if f.formula:
            computed[row] = float(Decimal(f.computed_point))
    assert set(values) == set(computed)
    for row, expected in computed.items():
        assert values[row] == pytest.approx(expected, abs=5e-4), row
    # and the formula really follows its inputs: 16.7% CAGR from 88.4 to 120.4 over two years
    cagr_row = 4
    assert values[cagr_row] == pytest.approx(((120.4 / 88.4) ** 0.5 - 1) * 100, rel=1e-12)


def test_document_text_is_never_a_formula(workbook_path, result):
    wb = openpyxl.load_workbook(workbook_path)
    starts = ("=", "+", "-", "@")
    seen = 0
    allowed_formula_cols = {("Checks", 8), ("Inputs", 3)}
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for c in row:
                if c.data_type == "f":
                    assert (ws.title, c.column) in allowed_formula_cols, (ws.title, c.coordinate, c.value)
                    assert re.fullmatch(r"=[A-Za-z0-9_$!.,+\-*/^() ]+", c.value)
                elif isinstance(c.value, str) and c.value.startswith(starts):
                    seen += 1
                    assert c.data_type == "s"
    assert seen >= 4  # the bulletin's lines and the message starting with "="
    with zipfile.ZipFile(workbook_path) as z:
        sheet_xml = "".join(z.read(n).decode("utf-8") for n in z.namelist() if n.startswith("xl/worksheets/"))
    formula_elements = re.findall(r"<f>(.*?)</f>", sheet_xml)
    assert formula_elements and not any("HYPERLINK" in f for f in formula_elements)
    bait = re.search(r'<c [^>]*t="(inlineStr|s)"[^>]*><is><t>=HYPERLINK', sheet_xml)
    assert bait is not None  # written as a string cell


def test_illegal_xml_characters_are_stripped(workbook_path):
    with zipfile.ZipFile(workbook_path) as z:
        for name in z.namelist():
            if name.endswith(".xml"):
                data = z.read(name).decode("utf-8")
                assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f]", data), name
    wb = openpyxl.load_workbook(workbook_path)
    texts = [c.value for c in wb["Claims"]["P"] if isinstance(c.value, str)]
    assert any(t.startswith("@全年社会消费品零售总额增长7.1%") and "\x07" not in t for t in texts)


def test_indicator_matrix_by_period(wb):
    ws = wb["Indicators"]
    rows = _table_rows(ws, "tblIndicators")
    header = list(rows[0])
    assert header[:4] == ["Indicator", "Subject", "Measure", "Unit"]
    periods = header[4:]
    assert periods.index("2020") < periods.index("2022") < periods.index("2024Q1")
    med = next(r for r in rows if r["Indicator"] == "医疗装备产业规模")
    assert med["Unit"] == "亿元" and med["2020"] == pytest.approx(88.4) and med["2022"] == pytest.approx(120.4)
    assert med["Measure"] == "level"
    cars = next(r for r in rows if r["Subject"] == "重庆汽车")
    assert cars["Measure"] == "growth rate" and cars["2024Q1"] == pytest.approx(23.7)


def test_chinese_labels_by_default_and_empty_result(tmp_path, result):
    from extractor.result import Result

    path = tmp_path / "zh.xlsx"
    write_workbook(result, path)
    wb = openpyxl.load_workbook(path)
    assert wb["Cover"]["A1"].value.startswith("事实核查表")
    assert wb["Claims"].cell(3, 2).value == "指标"
    empty = Result(documents=[], mention_list=[], claim_list=[], finding_list=[])
    path2 = tmp_path / "empty.xlsx"
    write_workbook(empty, path2, lang="en")
    wb2 = openpyxl.load_workbook(path2)
    assert wb2["Claims"].tables["tblClaims"].ref == "A3:R4"  # header plus one empty row, never header-only


def test_formula_translation_is_strict():
    refs = {"end": "B2", "start": "B1", "end_year": "B4", "start_year": "B3"}
    assert to_excel("((end/start)^(1/(end_year-start_year))-1)*100", refs) == "=((B2/B1)^(1/(B4-B3))-1)*100"
    assert to_excel("sum(a, b)", {"a": "A1", "b": "A2"}) == "=SUM(A1,A2)"
    assert names("SUM(part1,part2)+ABS(x)") == ["part1", "part2", "x"]
    with pytest.raises(FormulaError):
        to_excel("end/start", {"end": "B2"})  # unknown name
    with pytest.raises(FormulaError):
        to_excel('HYPERLINK("x")', {})  # strings and other functions are not in the syntax
    with pytest.raises(FormulaError):
        to_excel("(a+b", {"a": "A1", "b": "A2"})


def test_claim_roles_are_labelled_in_the_sheet_language(tmp_path, result, wb):
    path = tmp_path / "zh.xlsx"
    write_workbook(result, path, lang="zh")
    zh_roles = {r["角色"] for r in _table_rows(openpyxl.load_workbook(path)["Claims"], "tblClaims")}
    assert "增速" in zh_roles and "rate" not in zh_roles
    en_roles = {r["Role"] for r in _table_rows(wb["Claims"], "tblClaims")}
    assert "rate" in en_roles and "增速" not in en_roles
