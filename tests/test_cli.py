"""The command line: help, exit codes CI relies on, errors that name the file."""
from __future__ import annotations

import json
import subprocess
import sys


from extractor.cli import main

GDP = ("全年地区生产总值53146.21亿元，比上年增长5.2%。其中，第一产业增加值4523.89亿元，"
       "第二产业增加值19837.62亿元，第三产业增加值28784.70亿元。\n")


def _doc(tmp_path, text: str, name: str = "doc.txt"):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def test_help_lists_every_command(capsys):
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    for cmd in ("extract", "claims", "check", "run", "rules"):
        assert cmd in out


def test_python_dash_m_works():
    out = subprocess.run([sys.executable, "-m", "extractor", "--version"], capture_output=True, text=True)
    assert out.returncode == 0 and out.stdout.startswith("factsheet ")


def test_usage_error_exits_2(capsys):
    assert main(["check"]) == 2


def test_consistent_document_exits_0(tmp_path, capsys):
    out = tmp_path / "r.json"
    assert main(["check", str(_doc(tmp_path, GDP)), "-o", str(out), "--jobs", "1"]) == 0
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["summary"]["verdicts"]["inconsistent"] == 0
    assert any(f["check"] in ("sum", "gdp_sectors_sum") for f in report["findings"])


def test_inconsistent_sum_exits_1(tmp_path, capsys):
    bad = GDP.replace("28784.70", "28794.70")
    out = tmp_path / "r.json"
    assert main(["check", str(_doc(tmp_path, bad)), "-o", str(out), "--jobs", "1"]) == 1
    report = json.loads(out.read_text(encoding="utf-8"))
    flagged = [f for f in report["findings"] if f["verdict"] == "inconsistent"]
    assert flagged and all(s["doc"].endswith("doc.txt") for f in flagged for s in f["spans"])


def test_warnings_fail_only_when_asked(tmp_path, capsys):
    text = "一是加快发展。三是扩大开放。\n"
    doc = str(_doc(tmp_path, text))
    out = str(tmp_path / "r.json")
    assert main(["check", doc, "-o", out, "--jobs", "1"]) == 0
    report = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert any(f["verdict"] == "inconsistent" and f["severity"] == "warning" for f in report["findings"])
    assert main(["check", doc, "-o", out, "--jobs", "1", "--fail-on", "warning"]) == 1


def test_bad_inputs_are_named_and_the_rest_goes_on(tmp_path, capsys):
    good = _doc(tmp_path, GDP, "good.txt")
    binary = tmp_path / "bin.txt"
    binary.write_bytes(b"\x00\x01\x02binary")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    out = tmp_path / "m.jsonl"
    code = main(["extract", str(good), str(binary), str(empty), str(tmp_path / "missing.txt"),
                 "-o", str(out), "--jobs", "1"])
    assert code == 2
    err = capsys.readouterr().err
    for name in ("bin.txt", "empty.txt", "missing.txt"):
        assert name in err
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert records and {r["doc"] for r in records} == {str(good)}


def test_run_writes_every_output(tmp_path, capsys):
    outdir = tmp_path / "out"
    code = main(["run", str(_doc(tmp_path, GDP)), "-o", str(outdir), "--jobs", "1"])
    assert code == 0
    names = {p.name for p in outdir.iterdir()}
    assert {"factsheet.xlsx", "factsheet.html", "report.json", "report.junit.xml",
            "report.sarif", "summary.md"} <= names
    assert "documents" in capsys.readouterr().out


def test_bad_memory_budget_is_a_usage_error(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("FACTSHEET_MEMORY_MB", "lots")
    assert main(["check", str(_doc(tmp_path, GDP)), "--jobs", "1"]) == 2
    assert "FACTSHEET_MEMORY_MB='lots'" in capsys.readouterr().err


def test_records_on_disk_give_the_same_report(tmp_path, capsys, monkeypatch):
    doc = str(_doc(tmp_path, GDP))
    assert main(["check", doc, "-o", str(tmp_path / "mem.json"), "--jobs", "1"]) == 0
    monkeypatch.setenv("FACTSHEET_MEMORY_MB", "0")
    assert main(["check", doc, "-o", str(tmp_path / "disk.json"), "--jobs", "1"]) == 0
    strip = lambda p: json.loads(p.read_text(encoding="utf-8")) | {"created": None}  # noqa: E731
    assert strip(tmp_path / "disk.json") == strip(tmp_path / "mem.json")
