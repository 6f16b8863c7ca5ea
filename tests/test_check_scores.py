"""The engine against the development gold (seeds and the two national reports), with the
shared scorer. Runs the whole pipeline, so it also guards the interface with the
recogniser and the binder."""
from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest

from extractor.pipeline import run as run_pipeline


def _scorer(shared: Path):
    path = shared / "tools" / "score_checks.py"
    if not path.is_file():
        pytest.skip("score_checks.py not available")
    return path


def _score(shared: Path, gold: str, paths: list[Path], tmp_path: Path) -> dict:
    result = run_pipeline([str(p) for p in paths])
    pred = tmp_path / "pred.json"
    pred.write_text(json.dumps(result.to_dict(), ensure_ascii=False, default=str), encoding="utf-8")
    out = subprocess.run([sys.executable, str(_scorer(shared)), "--gold", str(shared / "gold" / gold),
                          "--pred", str(pred), "--json"], capture_output=True, text=True, check=True)
    return json.loads(out.stdout[:out.stdout.rindex("}") + 1]), result


def test_seed_relations(shared_dir, seeds_dir, tmp_path):
    scores, result = _score(shared_dir, "seeds.checks.jsonl", sorted(seeds_dir.glob("*.txt")), tmp_path)
    assert scores["coverage"] >= 0.88
    assert scores["false_alarms"] == 0
    caught, wanted = map(int, scores["caught"].split("/"))
    assert caught == wanted == 4
    cagr = [f for f in result.finding_list if f.check == "cagr" and "000_" in f.doc]
    assert cagr and cagr[0].verdict == "consistent"
    assert str(cagr[0].computed.low).startswith("16.647") and str(cagr[0].computed.high).startswith("16.76")


def test_report_relations_have_no_false_alarm(shared_dir, tmp_path):
    corpus = shared_dir / "corpus"
    paths = [corpus / "national_gov_work_report_2018.txt", corpus / "national_gov_work_report_2023.txt"]
    if not all(p.is_file() for p in paths):
        pytest.skip("national reports not available")
    scores, result = _score(shared_dir, "reports.checks.jsonl", paths, tmp_path)
    assert scores["false_alarms"] == 0 and scores["unmatched_flags"] == 0
    assert scores["coverage"] >= 0.5
    gdp = [f for f in result.finding_list if f.check == "cagr" and "7.1%" in [s.text for s in f.spans]]
    assert gdp and gdp[0].verdict == "not_testable"
    loans = [f for f in result.finding_list if f.check == "cagr" and "24%" in [s.text for s in f.spans]]
    assert loans and loans[0].verdict == "consistent"
