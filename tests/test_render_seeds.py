"""End to end on the seed articles: ``factsheet run`` writes all six outputs, and they agree with
the canonical result whatever claims and findings the other stages produce today."""
from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from decimal import Decimal
from pathlib import Path

import jsonschema
import openpyxl
import pytest

from extractor.cli import main
from extractor.render import OUTPUT_FILES
from extractor.render.formula import FormulaError, to_excel
from extractor.result import Result

SCHEMA = Path(__file__).resolve().parent / "data" / "sarif-schema-2.1.0.json"


@pytest.fixture(scope="module")
def run_dir(tmp_path_factory, seeds_dir) -> Path:
    out = tmp_path_factory.mktemp("run")
    code = main(["run", str(seeds_dir), "-o", str(out), "--jobs", "1", "--progress", "never"])
    assert code in (0, 1)  # 1 when some finding is inconsistent; never 2 (input errors)
    return out


@pytest.fixture(scope="module")
def result(run_dir) -> Result:
    return Result.from_dict(json.loads((run_dir / "report.json").read_text(encoding="utf-8")))


def test_all_six_outputs(run_dir, result):
    for name in OUTPUT_FILES:
        assert (run_dir / name).stat().st_size > 0, name
    assert len(result.documents) == 5


def test_reports_count_the_same_findings(run_dir, result):
    root = ET.parse(run_dir / "report.junit.xml").getroot()
    assert int(root.get("tests")) == len(result.finding_list) + len(result.errors)
    flagged = sum(1 for f in result.finding_list if f.verdict in ("inconsistent", "inconsistent_decision"))
    assert int(root.get("failures")) == flagged
    log = json.loads((run_dir / "report.sarif").read_text(encoding="utf-8"))
    validator = jsonschema.Draft7Validator(json.loads(SCHEMA.read_text(encoding="utf-8")))
    assert not list(validator.iter_errors(log))
    assert len(log["runs"][0]["results"]) == flagged
    html = (run_dir / "factsheet.html").read_text(encoding="utf-8")
    assert html.count('<article class="card finding') == len(result.finding_list)
    assert html.count('<article class="card claim') == len(result.claim_list)
    wb = openpyxl.load_workbook(run_dir / "factsheet.xlsx")
    checks = wb["Checks"]
    assert checks.tables["tblChecks"].ref.endswith(str(3 + max(1, len(result.finding_list))))


def test_live_formulas_agree_with_python(run_dir, result):
    """Every finding whose formula fits the shared syntax gets a live formula computing its number."""
    formulas = pytest.importorskip("formulas")
    wb = openpyxl.load_workbook(run_dir / "factsheet.xlsx")
    ws = wb["Checks"]
    row_of = {ws.cell(r, 1).value: r for r in range(4, ws.max_row + 1)}
    expected: dict[int, float] = {}
    for f in result.finding_list:
        cell = ws.cell(row_of[f.id], 8).value
        if not f.formula or f.computed_point is None:
            continue
        try:
            to_excel(f.formula, {i.name: "A1" for i in f.inputs})
        except FormulaError:
            assert cell is None  # outside the shared syntax: shown as text only
            continue
        if cell is None:
            continue  # an input that is not a number (then there is nothing Excel could compute)
        expected[row_of[f.id]] = float(Decimal(f.computed_point))
    if not expected:
        pytest.skip("no finding with an arithmetic formula in today's seed result")
    solution = formulas.ExcelModel().loads(str(run_dir / "factsheet.xlsx")).finish().calculate()
    got = {}
    for key, value in solution.items():
        m = re.fullmatch(r"'\[[^\]]+\]CHECKS'!H(\d+)", key)
        if m and int(m.group(1)) in expected:
            got[int(m.group(1))] = float(value.value[0][0])
    assert set(got) == set(expected)
    for row, value in expected.items():
        assert got[row] == pytest.approx(value, rel=1e-4, abs=1e-3), ws.cell(row, 1).value
