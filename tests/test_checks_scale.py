"""The cross-document checks stay linear: reprints count once, chains and facts are indexed."""
from __future__ import annotations

import hashlib
from decimal import Decimal

from extractor.checks import check_corpus
from extractor.model import Claim, ClaimValue, DocumentInfo, Mention, Span
from extractor.pipeline import DocResult


def _doc(name: str, text: str, value: str, date: str | None = "2024-03-01", sha: str | None = None) -> DocResult:
    m = Mention(name, 0, len(value), 1, 1, value, "percent", Decimal(value.rstrip("%")), value.rstrip("%"),
                "%", decimals=1)
    claim = Claim(id=f"{name}-c", doc=name, claim_type="level", rule="test", values=[ClaimValue("value", m)],
                  span=Span(name, 0, len(text), 1, 1, text), indicator="城镇化率", indicator_id="urbanisation",
                  subject="某省", period="2023")
    digest = sha or hashlib.sha256((name + text).encode()).hexdigest()
    info = DocumentInfo(name, name, digest, "utf-8", len(text), 1, date=date)
    return DocResult(info=info, claims=[claim])


def test_reprints_take_part_once():
    text = "年末城镇化率为58.7%。"
    same = "f" * 64
    docs = [_doc(f"copy{i}.txt", text, "58.7%", sha=same) for i in range(5)]
    assert check_corpus(docs, None) == []  # five copies of one file: nothing to compare


def test_many_documents_one_finding_per_figure():
    text = "年末城镇化率为58.7%。"
    docs = [_doc(f"d{i}.txt", text, "58.7%") for i in range(300)]
    found = [f for f in check_corpus(docs, None) if f.check == "cross_claim"]
    assert len(found) == 1 and found[0].verdict == "consistent"
    assert len({s.doc for s in found[0].spans}) == 300


def test_a_differing_document_among_many_is_reported():
    text = "年末城镇化率为58.7%。"
    docs = [_doc(f"d{i}.txt", text, "58.7%") for i in range(200)]
    docs.append(_doc("odd.txt", "年末城镇化率为57.8%。", "57.8%"))
    verdicts = {f.verdict for f in check_corpus(docs, None) if f.check == "cross_claim"}
    assert "inconsistent" in verdicts
