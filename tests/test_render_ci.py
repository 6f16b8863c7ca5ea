"""CI reports: JUnit XML structure, SARIF 2.1.0 schema validity and fingerprints, GitHub annotations,
the Markdown job summary, and ``write_all``."""
from __future__ import annotations

import copy
import json
import os
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest

from extractor.model import Span
from extractor.render import OUTPUT_FILES, write_all
from extractor.render.github import annotations, escape_data, escape_property
from extractor.render.junit import render_junit
from extractor.render.markdown import render_markdown
from extractor.render.sarif import FINGERPRINT_KEY, build_sarif, fingerprint

from render_fixtures import DOC_A, DOC_B, DOC_C, build_result

SCHEMA = Path(__file__).resolve().parent / "data" / "sarif-schema-2.1.0.json"


@pytest.fixture(scope="module")
def result():
    return build_result()


# ----- JUnit -------------------------------------------------------------------------------
def test_junit_structure(result):
    root = ET.fromstring(render_junit(result, "en").encode("utf-8"))
    assert root.tag == "testsuites"
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == [DOC_A, DOC_B, DOC_C, "input-errors"]
    total = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    for s in suites:
        cases = s.findall("testcase")
        counts = {"tests": len(cases), "failures": sum(1 for c in cases if c.find("failure") is not None),
                  "errors": sum(1 for c in cases if c.find("error") is not None),
                  "skipped": sum(1 for c in cases if c.find("skipped") is not None)}
        for k, v in counts.items():
            assert int(s.get(k)) == v, (s.get("name"), k)
            total[k] += v
        for c in cases:
            assert c.get("name") and c.get("classname").startswith("factsheet.")
    for k, v in total.items():
        assert int(root.get(k)) == v
    assert total == {"tests": 8, "failures": 2, "errors": 1, "skipped": 2}


def test_junit_cases_named_by_stable_id_with_evidence(result):
    root = ET.fromstring(render_junit(result, "en").encode("utf-8"))
    cases = {c.get("name"): c for c in root.iter("testcase")}
    for f in result.finding_list:
        assert f.id in cases
    fail = cases["sum:bulletin_inject.txt:75-112"].find("failure")
    assert fail.get("type") == "inconsistent"
    assert fail.get("message").startswith("The parts add up to 36.0%")
    assert "formula: SUM(part1,part2,part3)" in fail.text and "stated: 35.0" in fail.text
    assert "bulletin_inject.txt:2:28: 35.0%" in fail.text
    assert cases["sum:bulletin_inject.txt:75-112"].get("line") == "2"
    skipped = cases["growth:bulletin_inject.txt:154-158"].find("skipped")
    assert skipped.get("message") == "no base level"
    # the control character of the bulletin never reaches the XML
    assert "\x07" not in render_junit(result)


# ----- SARIF -------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def validator():
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft7Validator.check_schema(schema)
    return jsonschema.Draft7Validator(schema, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER)


@pytest.mark.parametrize("all_findings", [False, True])
def test_sarif_validates_against_the_schema(result, validator, all_findings):
    log = json.loads(json.dumps(build_sarif(result, "en", all_findings=all_findings), ensure_ascii=False))
    errors = sorted(validator.iter_errors(log), key=lambda e: list(e.path))
    assert not errors, [f"{list(e.path)}: {e.message}" for e in errors[:5]]
    broken = copy.deepcopy(log)
    broken["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] = 0
    assert list(validator.iter_errors(broken))  # the schema does reject a bad log


def test_sarif_rules_results_and_regions(result):
    log = build_sarif(result, "en")
    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == sorted({f.check for f in result.finding_list})
    assert run["columnKind"] == "unicodeCodePoints"
    results = run["results"]
    assert [r["properties"]["findingId"] for r in results] == [
        "sum:bulletin_inject.txt:75-112", "enumeration_count:bulletin_inject.txt:119-138"]
    first = results[0]
    assert rules[first["ruleIndex"]]["id"] == first["ruleId"] == "sum"
    assert first["kind"] == "fail" and first["level"] == "error"
    loc = first["locations"][0]["physicalLocation"]
    assert loc["artifactLocation"]["uri"] == "tests/data/bulletin_inject.txt"
    assert loc["region"] == {"startLine": 2, "startColumn": 28, "endLine": 2, "endColumn": 33,
                             "charOffset": 75, "charLength": 5, "snippet": {"text": "35.0%"}}
    assert len(first["relatedLocations"]) == 3
    assert results[1]["level"] == "warning"  # inconsistent_decision with severity warning


def test_sarif_region_of_a_span_over_line_breaks(result):
    log = build_sarif(result, "en", all_findings=True)
    res = next(r for r in log["runs"][0]["results"] if r["ruleId"] == "time_range")
    region = res["locations"][0]["physicalLocation"]["region"]
    assert region["snippet"]["text"] == "2023\n\n年"
    assert (region["startLine"], region["endLine"], region["endColumn"]) == (137, 139, 2)
    assert res["kind"] == "notApplicable" and res["level"] == "none"


def test_sarif_fingerprints_stable_when_text_moves(result):
    moved = build_result()
    f = moved.finding_list[4]
    f.spans = [Span(s.doc, s.start + 40, s.end + 40, s.line + 3, s.col, s.text) for s in f.spans]
    assert fingerprint(f) == fingerprint(result.finding_list[4])
    changed = build_result().finding_list[4]
    changed.spans[0] = Span(changed.spans[0].doc, 75, 80, 2, 28, "36.0%")
    assert fingerprint(changed) != fingerprint(result.finding_list[4])
    prints = [r["partialFingerprints"][FINGERPRINT_KEY]
              for r in build_sarif(result, all_findings=True)["runs"][0]["results"]]
    assert len(set(prints)) == len(prints)


# ----- GitHub annotations ----------------------------------------------------------------------
def test_github_annotations(result):
    lines = annotations(result, "en").splitlines()
    assert lines[0].startswith("::error file=seeds/missing.txt")
    flagged = [l for l in lines[1:]]
    assert flagged[0].startswith("::error file=tests/data/bulletin_inject.txt,line=2,col=28,endLine=2,endColumn=33,"
                                 "title=factsheet sum%3A inconsistent::")
    assert "36.0%25" in flagged[0] and "(stated 35.0, computed 36.0)" in flagged[0]
    assert flagged[1].startswith("::error file=tests/data/bulletin_inject.txt,line=3,col=6,")  # decision, severity warning
    assert flagged[2].startswith("::warning ") and "growth" in flagged[2]
    assert len(flagged) == 3  # consistent and info-level not-testable findings make no annotation
    assert all("\n" not in l and "\r" not in l for l in lines)


def test_github_escaping():
    assert escape_data("a%b\r\nc") == "a%25b%0D%0Ac"
    assert escape_property("x:y,z%\n") == "x%3Ay%2Cz%25%0A"


# ----- Markdown ----------------------------------------------------------------------------
def test_markdown_summary(result):
    md = render_markdown(result, "en")
    assert md.startswith("## factsheet summary")
    assert "| ✗ inconsistent | 1 |" in md and "| ? not testable | 2 |" in md
    assert "### Findings that need attention (3)" in md
    assert "`tests/data/bulletin_inject.txt:2:28`" in md
    capped = render_markdown(result, "en", max_listed=1)
    assert "2 more not listed" in capped
    assert len(md.encode("utf-8")) < 64 * 1024


def test_markdown_escapes_table_cells():
    r = build_result()
    r.finding_list[4].message_en = "a | b\nc <script>"
    md = render_markdown(r, "en")
    row = next(l for l in md.splitlines() if "sum" in l and l.startswith("| `"))
    assert "a \\| b c &lt;script&gt;" in row


# ----- write_all -------------------------------------------------------------------------------
def test_write_all_writes_six_files(tmp_path, result):
    written = write_all(result, tmp_path / "out", lang="en")
    assert [p.name for p in written] == list(OUTPUT_FILES)
    for p in written:
        assert p.is_file() and p.stat().st_size > 0
    assert not list((tmp_path / "out").glob(".*.tmp"))  # no temporary files left behind
    umask = os.umask(0)
    os.umask(umask)
    assert all(p.stat().st_mode & 0o777 == 0o666 & ~umask for p in written)  # not the temp file's 0600
    back = json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))
    assert back["summary"]["verdicts"]["inconsistent"] == 1
    ET.parse(tmp_path / "out" / "report.junit.xml")
    assert json.loads((tmp_path / "out" / "report.sarif").read_text(encoding="utf-8"))["version"] == "2.1.0"


def test_report_json_is_the_canonical_document_one_record_per_line(result, tmp_path):
    """report.json parses to exactly Result.to_dict() (same keys in the same order), one record a line."""
    import json as _json

    from extractor.render import write_json

    path = write_json(result, tmp_path / "report.json")
    text = path.read_text(encoding="utf-8")
    expected = _json.loads(_json.dumps(result.to_dict(), ensure_ascii=False))
    loaded = _json.loads(text)
    assert loaded == expected and list(loaded) == list(expected)
    lines = text.splitlines()
    n_records = sum(len(expected[k]) for k in ("documents", "errors", "findings", "claims", "mentions"))
    assert n_records > 3
    assert sum(1 for line in lines if line.startswith("{\"")) == n_records
