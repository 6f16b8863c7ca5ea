"""The engine never fails on odd text, and every finding keeps to the Finding contract."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from checks_helpers import run
from extractor.model import VERDICTS

ALPHABET = list("0123456789.%‰:、，。；：“”（）\n 万亿元个人家是要一二三四五六七八九十两第大方面另分别其中从由到增长下降提高百分点倍年均比重占字表合计")

SEVERITIES = {"error", "warning", "info"}


def _valid(findings, text):
    for f in findings:
        assert f.verdict in VERDICTS and f.severity in SEVERITIES
        assert f.message and f.message_en
        for sp in f.spans:
            assert text[sp.start:sp.end] == sp.text
        if f.verdict in ("inconsistent", "inconsistent_decision"):
            assert f.severity in ("error", "warning")


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=120))
def test_random_text_never_breaks_the_engine(text):
    _valid(run(text), text)


def test_contract_on_a_mixed_text():
    text = ("一是体系健全，形成体外诊断、高值耗材、医疗设备三大板块。二是增长较快，产业规模从2020年的88.4亿元"
            "增长到2022年的120.4亿元，年均复合增长率达到16.7%。四是技术领先。\n全年地区生产总值4825.36亿元。"
            "其中，第一产业增加值312.47亿元；第二产业增加值1936.52亿元；第三产业增加值2576.37亿元。")
    findings = run(text)
    _valid(findings, text)
    ids = [f.id for f in findings]
    assert len(ids) == len(set(ids))
    checks = {f.check for f in findings}
    assert {"ordinal_sequence", "enumeration_count", "cagr", "sum"} <= checks
    cagr = next(f for f in findings if f.check == "cagr")
    assert cagr.formula and cagr.inputs and cagr.computed and cagr.tolerance and cagr.stated
