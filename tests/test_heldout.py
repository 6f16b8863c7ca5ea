"""The recogniser on held-out documents of other genres (communiqué with tables, news, policy).

The documents and their hand annotations live in ``tests/data/heldout/`` (annotations are
built from anchors by ``build_expected.py``).  The annotations are split into a gold prefix
(``.quantities/.times/.negatives.jsonl``) and scored with the shared scorer, run as a
subprocess; the test is skipped when ``../shared`` is absent.
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from extractor.load import load_file
from extractor.normalise import normalise
from extractor.recognise import recognise

HELDOUT = Path(__file__).resolve().parent / "data" / "heldout"
DOCS = sorted(HELDOUT.glob("*.txt"))


def write_gold(prefix: Path, docs: list[Path]) -> None:
    """Split the ``*.expected.jsonl`` annotations of ``docs`` into the scorer's three gold files."""
    layers = {"quantities": [], "times": [], "negatives": []}
    for doc in docs:
        for line in (HELDOUT / doc.name.replace(".txt", ".expected.jsonl")).read_text(encoding="utf-8").splitlines():
            rec = json.loads(line)
            layer = "negatives" if rec.get("negative") else ("times" if rec["layer"] == "time" else "quantities")
            layers[layer].append(rec)
    for layer, rows in layers.items():
        with open(f"{prefix}.{layer}.jsonl", "w", encoding="utf-8") as fh:
            for r in rows:
                fh.write(json.dumps(r, ensure_ascii=False) + "\n")


def predict(docs: list[Path], out: Path) -> None:
    with open(out, "w", encoding="utf-8") as fh:
        for p in docs:
            src = load_file(p, p.name)
            for m in recognise(normalise(src.text), p.name):
                fh.write(json.dumps(m.to_record(), ensure_ascii=False) + "\n")


def score(shared: Path, prefix: Path, pred: Path) -> dict:
    res = subprocess.run([sys.executable, str(shared / "tools" / "score.py"), "--gold", str(prefix),
                          "--pred", str(pred), "--json"], capture_output=True, text=True, check=True)
    return json.loads(res.stdout)


def test_annotations_slice_the_documents():
    """Every annotation is an exact slice of its document and no two spans overlap."""
    for doc in DOCS:
        with open(doc, encoding="utf-8", newline="") as fh:
            raw = fh.read()
        recs = [json.loads(x) for x in (HELDOUT / doc.name.replace(".txt", ".expected.jsonl")).read_text(
            encoding="utf-8").splitlines()]
        assert recs
        last = -1
        for r in sorted(recs, key=lambda r: r["start"]):
            assert raw[r["start"]:r["end"]] == r["text"]
            assert r["start"] >= last
            last = r["end"]


@pytest.mark.parametrize("doc", DOCS, ids=lambda p: p.stem)
def test_heldout_document(shared_dir, tmp_path, doc):
    """Prose strict F1 ≥ 0.95, no trap reported, tables read with their header units."""
    prefix = tmp_path / "gold"
    write_gold(prefix, [doc])
    pred = tmp_path / "pred.jsonl"
    predict([doc], pred)
    r = score(shared_dir, prefix, pred)
    prose = r.get("quantities_prose", r["quantities"])
    assert prose["strict_f1"] >= 0.95, prose
    assert r["negatives"]["reported_as_quantity"] == 0, r["negatives"]
    if "quantities_tables" in r:
        assert r["quantities_tables"]["strict_f1"] >= 0.95, r["quantities_tables"]


def test_heldout_all(shared_dir, tmp_path):
    """All held-out documents together; times are read too."""
    prefix = tmp_path / "gold"
    write_gold(prefix, DOCS)
    pred = tmp_path / "pred.jsonl"
    predict(DOCS, pred)
    r = score(shared_dir, prefix, pred)
    assert r["quantities_prose"]["strict_f1"] >= 0.95
    assert r["negatives"]["reported_as_quantity"] == 0
    assert r["times"]["strict_f1"] >= 0.9
