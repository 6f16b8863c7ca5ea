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


def _formula_ok(formula: str, names: set[str]) -> None:
    from extractor.checks.expression import evaluate, names_in, tokenize
    from extractor.checks.intervals import exact

    assert not any(t in ("==", "<=", ">=", "<", ">") for _, t in tokenize(formula)), formula
    used = set(names_in(formula))
    assert used <= names, (formula, names)
    evaluate(formula, {n: exact(k + 2) for k, n in enumerate(sorted(used))})


def test_every_formula_is_plain_arithmetic_over_its_inputs():
    texts = [
        "产业规模从2020年的88.4亿元增长到2022年的120.4亿元，年均复合增长率达到16.7%。",
        "全年地区生产总值4825.36亿元，其中，第一产业增加值312.47亿元；第二产业增加值1936.52亿元；第三产业增加值2576.37亿元。"
        "三次产业结构比为6.5:40.1:53.4。第一产业增加值占地区生产总值的比重为6.5%。",
        "研发经费投入强度由2.14%提高到2.47%，提高0.33个百分点。全国41个工业大类中的39个。",
        "全年粮食产量1095.6万吨，比上年增加12.4万吨，增产1.1%。其中税收收入181.2亿元。",
        "出生率为6.62‰；死亡率为8.03‰；人口自然增长率为-1.41‰。",
        "居民消费价格年均上涨1.9%。全年一般公共预算收入244.1亿元，其中税收收入159.2亿元。",
        "全国41个工业大类中，重庆有39个。有着全国41个工业大类中的39个。",
    ]
    n = 0
    for text in texts:
        for f in run(text):
            if f.formula:
                n += 1
                _formula_ok(f.formula, {i.name for i in f.inputs})
    assert n >= 10


def test_formula_over_the_written_inputs_gives_the_computed_point():
    """A spreadsheet that reads each input as written (scale word multiplied out) recomputes the
    engine's value: inputs in different scales (1.55万亿元 + 8300亿元) still add up."""
    import re
    from decimal import Decimal

    from extractor.checks.expression import evaluate

    scales = {"万亿": Decimal(10) ** 12, "亿": Decimal(10) ** 8, "万": Decimal(10) ** 4, "": Decimal(1)}
    texts = [
        "2018年财政赤字2.38万亿元，其中中央财政赤字1.55万亿元，地方财政赤字8300亿元。",
        "产业规模从2020年的88.4亿元增长到2022年的120.4亿元，年均复合增长率达到16.7%。",
        "第一产业增加值312.47亿元，全年地区生产总值4825.36亿元。第一产业增加值占地区生产总值的比重为6.5%。",
        "全年粮食产量1095.6万吨，比上年增加12.4万吨，增产1.1%。",
    ]
    checked = 0
    for text in texts:
        for f in run(text):
            if not f.formula or f.computed_point is None:
                continue
            env = {}
            for inp in f.inputs:
                m = re.match(r"(-?\d+(?:\.\d+)?)(万亿|亿|万)?", inp.value_text)
                env[inp.name] = Decimal(m.group(1)) * scales[m.group(2) or ""]
            value = evaluate(f.formula, env).point
            assert abs(value - Decimal(f.computed_point)) <= abs(value) * Decimal("1e-6") + Decimal("1e-3")
            checked += 1
    assert checked >= 5
