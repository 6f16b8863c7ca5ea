"""Cross-document facts (ends of 从A增加到B changes meet levels of the same year in another
report) and threshold checks (a rate stated as faster than economic growth)."""
from __future__ import annotations

import hashlib

from extractor.checks import check_corpus, merge_duplicates
from extractor.model import DocumentInfo, Finding, Span
from extractor.pipeline import DocResult

from checks_helpers import by_check, claim, mention, run


def _doc(name: str, date: str, text: str, claims) -> DocResult:
    info = DocumentInfo(name, name, hashlib.sha256((name + text).encode()).hexdigest(), "utf-8", len(text), 1, date=date)
    for c in claims:
        c.doc = name
        for v in c.values:
            v.mention.doc = name  # the span is derived from the mention
    return DocResult(info=info, claims=claims)


def _change(text: str, start: str, end: str, a: int, b: int, cid: str, indicator: str):
    return claim(text, "change", [("start", mention(text, start)), ("end", mention(text, end))], cid=cid,
                 indicator=indicator, period=f"{a}/{b}", period_source="document",
                 attrs={"start_year": a, "end_year": b})


OLD = "五年来，高速铁路运营里程从9.6万公里增加到2.5万公里，城镇化率从52.6%提高到58.5%。"
NEW = "五年来，高速铁路运营里程从2.5万公里增加到4.2万公里，常住人口城镇化率从60.2%提高到65.2%。"


def _corpus(new_first_value: str = "2.5万公里", same_date: bool = False):
    new = NEW.replace("2.5万公里", new_first_value)
    old_claims = [_change(OLD, "9.6万公里", "2.5万公里", 2012, 2017, "o1", "高速铁路运营里程"),
                  _change(OLD, "52.6%", "58.5%", 2012, 2017, "o2", "城镇化率")]
    new_claims = [_change(new, new_first_value, "4.2万公里", 2017, 2022, "n1", "高速铁路运营里程增加"),
                  _change(new, "60.2%", "65.2%", 2017, 2022, "n2", "常住人口城镇化率")]
    for c in old_claims[1:] + new_claims[1:]:
        c.indicator_id = "urbanisation"
    for c in old_claims + new_claims:
        c.subject = "全国"
    return [_doc("old.txt", "2018-03-05", OLD, old_claims),
            _doc("new.txt", "2018-03-05" if same_date else "2023-03-05", new, new_claims)]


def test_end_of_one_report_meets_start_of_the_next():
    findings = by_check(check_corpus(_corpus(), None), "cross_claim")
    verdicts = {f.spans[0].text: f.verdict for f in findings}
    assert verdicts.get("2.5万公里") == "consistent"
    # a different value of another vintage is a revision, never an error
    assert verdicts.get("60.2%") == "not_testable"


def test_same_date_different_value_is_inconsistent():
    findings = by_check(check_corpus(_corpus("2.8万公里", same_date=True), None), "cross_claim")
    assert any(f.verdict == "inconsistent" and "2.8万公里" in {s.text for s in f.spans} for f in findings)
    findings = by_check(check_corpus(_corpus("2.8万公里"), None), "cross_claim")
    assert not any(f.verdict == "inconsistent" for f in findings)


TEXT = "五年来，国内生产总值年均增长7.1%。居民收入年均增长7.4%、超过经济增速。"


def _rates(text: str, income: str, gdp: str = "7.1%"):
    return [claim(text, "cagr", [("rate", mention(text, gdp))], cid="g", indicator="国内生产总值年均增长",
                  indicator_id="gdp", period="2012/2017", period_source="document"),
            claim(text, "cagr", [("rate", mention(text, income))], cid="i", indicator="居民收入年均增长",
                  indicator_id="disposable_income", period="2012/2017", period_source="document")]


def test_rate_faster_than_economic_growth():
    f = by_check(run(TEXT, _rates(TEXT, "7.4%")), "threshold")
    assert len(f) == 1 and f[0].verdict == "consistent"
    assert f[0].formula == "rate-economy_rate" and {i.name for i in f[0].inputs} == {"rate", "economy_rate"}
    slow = TEXT.replace("7.4%", "6.4%")
    f = by_check(run(slow, _rates(slow, "6.4%")), "threshold")
    assert f[0].verdict == "inconsistent_decision"


def test_in_step_with_economic_growth():
    text = "国内生产总值年均增长5.2%。居民收入增长与经济增长基本同步，全国居民人均可支配收入年均增长5.1%。"
    f = by_check(run(text, _rates(text, "5.1%", "5.2%")), "threshold")
    assert len(f) == 1 and f[0].verdict == "consistent"


def _finding(fid: str, check: str, verdict: str, spans) -> Finding:
    return Finding(fid, check, verdict, "info", "", "t.txt", [Span("t.txt", s, e, 1, 1, "x") for s, e in spans])


def test_duplicates_keep_the_declared_check_and_name_the_other():
    a = _finding("sum-1", "sum", "consistent", [(0, 3), (5, 8)])
    b = _finding("gdp-1", "gdp_sectors_sum", "consistent", [(5, 8), (0, 3)])
    c = _finding("share-1", "share", "consistent", [(0, 3)])
    out = merge_duplicates([a, b, c], frozenset({"gdp_sectors_sum"}))
    assert [f.id for f in out] == ["gdp-1", "share-1"] and out[0].also == ["sum-1"]
    bad = _finding("sum-2", "sum", "inconsistent", [(0, 3), (5, 8)])
    out = merge_duplicates([b, bad], frozenset({"gdp_sectors_sum"}))
    assert [f.id for f in out] == ["sum-2"]  # a problem is never hidden behind a pass


def _level(text: str, written: str, period: str, cid: str, **kw):
    return claim(text, "level", [("value", mention(text, written))], cid=cid, indicator="国内生产总值",
                 indicator_id="gdp", period=period, period_source="document", **kw)


def test_a_ten_year_change_against_levels_of_two_documents():
    old = "五年来，国内生产总值从54万亿元增加到82.7万亿元。"
    new = "国内生产总值增加到121万亿元，十年增加近70万亿元。"
    old_c = [claim(old, "change", [("start", mention(old, "54万亿元")), ("end", mention(old, "82.7万亿元"))],
                   cid="o", indicator="国内生产总值", indicator_id="gdp", period="2012/2017",
                   attrs={"start_year": 2012, "end_year": 2017})]

    def docs(delta: str):
        text = new.replace("70万亿元", delta)
        new_c = [_level(text, "121万亿元", "2022", "n1"),
                 claim(text, "change", [("delta", mention(text, delta, approx=["about"]))], cid="n2",
                       indicator="国内生产总值增加", indicator_id="gdp", period="2012/2022")]
        return [_doc("old.txt", "2018-03-05", old, old_c), _doc("new.txt", "2023-03-05", text, new_c)]

    [f] = by_check(check_corpus(docs("70万亿元"), None), "difference")
    assert f.verdict == "consistent" and f.formula == "end-start"
    assert {i.value_text for i in f.inputs} == {"54万亿元", "121万亿元"}
    [f] = by_check(check_corpus(docs("90万亿元"), None), "difference")
    assert f.verdict == "inconsistent"


def _flow(text: str, written: str, period: str, cid: str, **kw):
    return claim(text, "count", [("value", mention(text, written))], cid=cid, indicator="城镇新增就业",
                 indicator_id="employment_new", period=period, period_source="document", **kw)


def test_a_years_flow_is_part_of_the_flow_of_the_years_around_it():
    text = "五年来，城镇新增就业6600万人以上。去年城镇新增就业1351万人。"
    claims = [_flow(text, "6600万人", "2013/2017", "a", qualifiers=["more_than"]), _flow(text, "1351万人", "2017", "b")]
    [f] = by_check(run(text, claims), "part_of_whole")
    assert f.verdict == "consistent" and f.formula == "whole-part"
    bad = text.replace("1351万人", "7351万人")
    claims = [_flow(bad, "6600万人", "2013/2017", "a"), _flow(bad, "7351万人", "2017", "b")]
    assert by_check(run(bad, claims), "part_of_whole")[0].verdict == "inconsistent"
    # a yearly average over the span is not the span's total
    avg = "五年来，城镇新增就业年均1270万人。去年城镇新增就业1351万人。"
    claims = [_flow(avg, "1270万人", "2018/2022", "a"), _flow(avg, "1351万人", "2022", "b")]
    assert by_check(run(avg, claims), "part_of_whole") == []


def _avg(text: str, written: str, period: str, cid: str, **kw):
    return claim(text, "cagr", [("rate", mention(text, written))], cid=cid, indicator="国内生产总值年均增长",
                 indicator_id="gdp", period=period, period_source="document", **kw)


def test_average_rates_of_two_spans_chain_to_the_rate_of_the_whole_span():
    text = "前五年国内生产总值年均增长7.1%，后五年年均增长5.2%，十年年均增长6.2%。"

    def findings(t: str, long_rate: str):
        claims = [_avg(t, "7.1%", "2012/2017", "a"), _avg(t, "5.2%", "2017/2022", "b"),
                  _avg(t, long_rate, "2012/2022", "c")]
        return [f for f in by_check(run(t, claims), "cagr") if "rate1" in (f.formula or "")]

    [f] = findings(text, "6.2%")
    assert f.verdict == "consistent_by_rounding_only"  # 6.146 % computed: only the rounding bands agree
    assert {i.name for i in f.inputs} == {"rate1", "rate2", "start_year", "mid_year", "end_year"}
    bad = text.replace("6.2%", "8.2%")
    assert findings(bad, "8.2%")[0].verdict == "inconsistent"


def test_two_places_of_one_day_are_not_compared():
    docs = _corpus("2.8万公里", same_date=True)
    for c in docs[0].claims:
        c.subject, c.subject_source = "甲省", "document"
    for c in docs[1].claims:
        c.subject, c.subject_source = "乙省", "document"
    assert by_check(check_corpus(docs, None), "cross_claim") == []


def test_a_place_compared_with_is_not_the_owner():
    from test_bind import bind_text
    claims, _ = bind_text("高速铁路运营里程从9000多公里增加到2万5千公里、占世界三分之二，高速公路里程从9.6万公里增加到13.6万公里。")
    road = next(c for c in claims if "高速公路" in (c.indicator or ""))
    assert road.subject != "全球"


def test_documents_that_name_no_owner_are_not_accused():
    docs = _corpus("2.8万公里", same_date=True)
    for d in docs:
        for c in d.claims:
            c.subject = None
    findings = by_check(check_corpus(docs, None), "cross_claim")
    assert findings and not [f for f in findings if f.verdict == "inconsistent"]
