"""Property test: binding never fails and binds every quantity exactly once, whatever the text."""
from __future__ import annotations

from hypothesis import given, settings, strategies as st

from extractor.bind import bind_claims
from extractor.model import QUANTITY_KINDS
from extractor.normalise import normalise
from extractor.recognise import recognise
from extractor.rules import default_rules

PIECES = ["全市", "我省", "全国", "重庆", "地区生产总值", "增长", "下降", "达到", "从", "到", "由", "提高到",
          "分别", "、", "和", "，", "。", "；", "\n", "年均", "占", "比重", "其中", "预计", "力争", "五年来",
          "“十四五”时期", "2023年", "2024年一季度", "88.4亿元", "16.7%", "3个", "三大", "1.2个百分点",
          "2倍", "翻一番", "41个", "中的", "39个", "万人", "以上", "左右", "是", "的", "  ", "（", "）", "表1"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=40))
def test_binding_is_total(pieces):
    text = "".join(pieces)
    nt = normalise(text)
    mentions = recognise(nt, "p.txt")
    claims, errors = bind_claims(nt, "p.txt", mentions, default_rules())
    assert all(e.kind == "timeout" for e in errors)
    bound = [id(cv.mention) for c in claims for cv in c.values]
    assert len(bound) == len(set(bound)), "a mention is in two claims"
    quantities = [m for m in mentions if m.kind in QUANTITY_KINDS]
    for m in quantities:
        assert m.claim_id and m.rule and m.claim_type and m.role, f"unbound quantity {m.text!r}"
    assert len({c.id for c in claims}) == len(claims)
    for c in claims:
        assert text[c.span.start:c.span.end] == c.span.text
