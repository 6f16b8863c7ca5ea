"""The recogniser against the development gold, with the shared scorer (skipped without ../shared)."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from extractor.load import load_file
from extractor.normalise import normalise
from extractor.recognise import recognise


def _predict(paths, out):
    with open(out, "w", encoding="utf-8") as fh:
        for p in paths:
            src = load_file(p, p.name)
            for m in recognise(normalise(src.text), p.name):
                fh.write(json.dumps(m.to_record(), ensure_ascii=False) + "\n")


def _score(shared, gold, pred):
    res = subprocess.run([sys.executable, str(shared / "tools" / "score.py"), "--gold", str(shared / "gold" / gold),
                          "--pred", str(pred), "--json"], capture_output=True, text=True, check=True)
    return json.loads(res.stdout)


def test_seeds_targets(shared_dir, seeds_dir, tmp_path):
    pred = tmp_path / "seeds.jsonl"
    _predict(sorted(seeds_dir.glob("*.txt")), pred)
    r = _score(shared_dir, "seeds", pred)
    assert r["quantities"]["strict_f1"] >= 0.95
    assert r["times"]["strict_f1"] >= 0.90
    assert r["negatives"]["reported_as_quantity"] <= 2


def test_reports_targets(shared_dir, tmp_path):
    pred = tmp_path / "reports.jsonl"
    corpus = sorted((shared_dir / "corpus").glob("*.txt"))
    if not corpus:
        pytest.skip("no corpus")
    _predict(corpus, pred)
    r = _score(shared_dir, "reports", pred)
    assert r["quantities"]["strict_f1"] >= 0.93
    traps = r["negatives"]["reported_as_quantity"] / max(1, r["negatives"]["gold"])
    assert traps <= 0.02
