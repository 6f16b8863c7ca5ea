"""Claim-triggered arithmetic checks, the safe evaluator, declared checks and repeated claims."""
from __future__ import annotations

import hashlib

from decimal import Decimal

import pytest

from checks_helpers import by_check, claim, flags, mention, run
from extractor.checks import check_corpus
from extractor.checks.expression import ExpressionError, compare, evaluate, holds
from extractor.checks.intervals import exact, stated_band
from extractor.model import DocumentInfo
from extractor.pipeline import DocResult
from extractor.rules import DeclaredCheck

CAGR_TEXT = "医疗装备产业规模从2020年的88.4亿元增长到2022年的120.4亿元，年均复合增长率达到16.7%。"


def _cagr_claim(text: str, rate: str = "16.7%", nominal=None, indicator="医疗装备产业规模"):
    return claim(text, "cagr", [("start", mention(text, "88.4亿元")), ("end", mention(text, "120.4亿元")),
                                ("rate", mention(text, rate, direction="increase"))],
                 period="2020/2022", attrs={"start_year": 2020, "end_year": 2022}, nominal=nominal,
                 indicator=indicator)


def test_cagr_claim_consistent_with_its_interval():
    f = by_check(run(CAGR_TEXT, [_cagr_claim(CAGR_TEXT)]), "cagr")
    assert len(f) == 1 and f[0].verdict == "consistent"
    assert Decimal("16.647") <= f[0].computed.low < f[0].computed.high <= Decimal("16.762")
    assert f[0].formula == "((end/start)^(1/(end_year-start_year))-1)*100"
    assert {i.name for i in f[0].inputs} >= {"start", "end", "start_year", "end_year"}
    assert f[0].claims == ["c1"] and f[0].stated


def test_cagr_claim_with_a_wrong_rate_is_an_error():
    text = CAGR_TEXT.replace("16.7%", "18.7%")
    f = by_check(run(text, [_cagr_claim(text, "18.7%")]), "cagr")
    assert f[0].verdict == "inconsistent" and f[0].severity == "error"


def test_real_growth_against_nominal_levels_is_not_testable():
    text = "国内生产总值从54万亿元增加到82.7万亿元，年均增长7.1%。"
    c = claim(text, "cagr", [("start", mention(text, "54万亿元")), ("end", mention(text, "82.7万亿元")),
                             ("rate", mention(text, "7.1%"))], period="2012/2017",
              attrs={"start_year": 2012, "end_year": 2017}, indicator="国内生产总值", nominal=False)
    f = by_check(run(text, [c]), "cagr")
    assert f[0].verdict == "not_testable" and "real" in f[0].reason
    assert "8.9" in f[0].message
    # the same sentence without claims (sentence-level reading) reaches the same verdict
    assert by_check(run("五年来，" + text), "cagr")[0].verdict == "not_testable"


def test_nominal_rate_is_tested():
    text = "普惠小微贷款余额从8.2万亿元增加到23.8万亿元、年均增长24%。"
    c = claim(text, "cagr", [("start", mention(text, "8.2万亿元")), ("end", mention(text, "23.8万亿元")),
                             ("rate", mention(text, "24%"))], period="2017/2022",
              attrs={"start_year": 2017, "end_year": 2022}, indicator="普惠小微贷款余额", nominal=True)
    assert by_check(run(text, [c]), "cagr")[0].verdict == "consistent"
    bad = text.replace("24%", "29%")
    c2 = claim(bad, "cagr", [("start", mention(bad, "8.2万亿元")), ("end", mention(bad, "23.8万亿元")),
                             ("rate", mention(bad, "29%"))], period="2017/2022",
               attrs={"start_year": 2017, "end_year": 2022}, indicator="普惠小微贷款余额", nominal=True)
    assert by_check(run(bad, [c2]), "cagr")[0].verdict == "inconsistent"


def test_change_direction_flip_is_a_decision_error():
    text = "服务业比重从51.6%下降到45.3%。"
    c = claim(text, "change", [("start", mention(text, "51.6%")), ("end", mention(text, "45.3%"))])
    assert by_check(run(text, [c]), "change_direction")[0].verdict == "consistent"
    text2 = "服务业比重从45.3%下降到51.6%。"
    c2 = claim(text2, "change", [("start", mention(text2, "45.3%")), ("end", mention(text2, "51.6%"))])
    f = by_check(run(text2, [c2]), "change_direction")
    assert f[0].verdict == "inconsistent_decision" and f[0].severity == "error"


def test_growth_rate_with_levels_and_decision_flip():
    text = "销售额从200亿元增加到230亿元，增长15%。"
    c = claim(text, "change", [("start", mention(text, "200亿元")), ("end", mention(text, "230亿元")),
                               ("rate", mention(text, "15%", direction="increase"))], nominal=True)
    assert by_check(run(text, [c]), "growth")[0].verdict == "consistent"
    text2 = "销售额从200亿元减少到170亿元，增长15%。"
    c2 = claim(text2, "change", [("start", mention(text2, "200亿元")), ("end", mention(text2, "170亿元")),
                                 ("rate", mention(text2, "15%", direction="increase"))], nominal=True)
    assert by_check(run(text2, [c2]), "growth")[0].verdict == "inconsistent_decision"


def test_share_part_of_whole_and_pp():
    text = "第一产业增加值2074.68亿元，地区生产总值30145.79亿元，占比6.9%。"
    c = claim(text, "share", [("part", mention(text, "2074.68亿元")), ("whole", mention(text, "30145.79亿元")),
                              ("share", mention(text, "6.9%"))])
    assert by_check(run(text, [c]), "share")[0].verdict == "consistent"
    text = "全国41个工业大类中，重庆有39个。"
    c = claim(text, "part_of_whole", [("whole", mention(text, "41个")), ("part", mention(text, "39个"))])
    assert by_check(run(text, [c]), "part_of_whole")[0].verdict == "consistent"
    text = "研发投入强度由2.11%提高到2.36%，提高0.25个百分点。"
    c = claim(text, "pp_change", [("start", mention(text, "2.11%")), ("end", mention(text, "2.36%")),
                                  ("pp", mention(text, "0.25个百分点", direction="increase"))])
    assert by_check(run(text, [c]), "pp_difference")[0].verdict == "consistent"


def test_percent_versus_percentage_points_confusion_is_explained():
    text = "失业率由5.0%下降到4.0%，下降20个百分点。"
    c = claim(text, "pp_change", [("start", mention(text, "5.0%")), ("end", mention(text, "4.0%")),
                                  ("pp", mention(text, "20个百分点", direction="decrease"))])
    f = by_check(run(text, [c]), "pp_difference")
    assert f[0].verdict == "inconsistent"
    assert "percentage point" in f[0].reason


@pytest.mark.parametrize("kind,end,ok", [("grew_by", "300亿元", True), ("times_of", "300亿元", False),
                                         ("times_of", "200亿元", True), ("doubling", "200亿元", True)])
def test_multiples(kind, end, ok):
    word = {"grew_by": "增长2倍", "times_of": "是基期的2倍", "doubling": "翻一番"}[kind]
    text = f"总量从100亿元增加到{end}，{word}。"
    m = mention(text, "翻一番", value=Decimal(2)) if kind == "doubling" else mention(text, "2倍")
    c = claim(text, "multiple", [("start", mention(text, "100亿元")), ("end", mention(text, end)),
                                 ("multiple", m)], attrs={"multiple_kind": kind})
    f = by_check(run(text, [c]), "multiple")
    assert f and (f[0].verdict == "consistent") is ok


def test_respectively_group_from_the_binder():
    text = "进口、出口通关时间分别压减67%和92%。"
    items = [{"text": "进口", "start": 0, "end": 2}, {"text": "出口", "start": 3, "end": 5}]
    values = [{"text": "67%", "start": 14, "end": 17}, {"text": "92%", "start": 18, "end": 21}]
    c1 = claim(text, "growth", [("rate", mention(text, "67%"))], cid="g1",
               attrs={"group": "r1", "items": items, "values": values})
    c2 = claim(text, "growth", [("rate", mention(text, "92%"))], cid="g2", attrs={"group": "r1"})
    f = by_check(run(text, [c1, c2]), "respectively")
    assert len(f) == 1 and f[0].verdict == "consistent" and f[0].claims == ["g1", "g2"]


def test_safe_evaluator():
    env = {"a": stated_band(Decimal("2074.68"), "2074.68"), "b": stated_band(Decimal("30145.79"), "30145.79"),
           "s": stated_band(Decimal("6.9"), "6.9")}
    cmp = compare("a / b * 100 == s", env)
    assert holds(cmp)[0] == "consistent"
    assert holds(compare("a / b * 100 == 7.9", env))[0] == "inconsistent"
    assert evaluate("MAX(1, 2) + ABS(-3) + SUM(1, 2) ^ 2", {}).point == 14
    assert evaluate("2 ^ 3 ^ 2", {}).point == 512
    for bad in ("__import__('os')", "a.b", "a +", "open(1)", "1 / (1 - 1)"):
        with pytest.raises(ExpressionError):
            evaluate(bad, {"a": exact(1)})


def test_declared_checks_from_a_rule_pack():
    text = "地区生产总值30145.79亿元，第一产业增加值2074.68亿元，第一产业比重6.9%。"

    def lvl(cid, written, ind, ctype="level", role="value"):
        return claim(text, ctype, [(role, mention(text, written))], cid=cid, indicator_id=ind, period="2023",
                     period_source="document")
    claims = [lvl("g", "30145.79亿元", "gdp"), lvl("p", "2074.68亿元", "gdp_primary"),
              lvl("s", "6.9%", "share_primary", "share", "share")]

    class Pack:
        checks = [DeclaredCheck("share_primary_check", "expression",
                                {"expression": "gdp_primary / gdp * 100 == share_primary", "severity": "error"},
                                "x.toml", 1)]
    f = by_check(run(text, claims, Pack()), "share_primary_check")
    assert f and f[0].verdict == "consistent"
    Pack.checks = [DeclaredCheck("tight", "expression", {"expression": "gdp_primary / gdp * 100 == 7", "tolerance": 0.01,
                                                          "severity": "error"}, "x.toml", 1)]
    f = by_check(run(text, claims, Pack()), "tight")
    assert f[0].verdict == "inconsistent" and f[0].severity == "error"
    # a pack without checks (or without the attribute) is fine
    assert run(text, claims, object()) is not None


def test_repeated_claims_within_and_across_documents():
    text = "今年增长目标6.5%左右。今年经济增长预期目标是6.5%左右。"

    def tgt(cid, occ, value="6.5%"):
        return claim(text, "target", [("value", mention(text, value, occurrence=occ, approx=["about"]))], cid=cid,
                     indicator_id="gdp_growth_target", period="2018", period_source="sentence")
    f = by_check(run(text, [tgt("a", 0), tgt("b", 1)]), "cross_claim")
    assert f[0].verdict == "consistent" and len(f[0].spans) == 2

    def doc(name, date, value):
        t = f"城镇化率{value}。"
        c = claim(t, "level", [("value", mention(t, value, doc=name))], cid=name, indicator_id="urbanisation",
                  period="2017", period_source="sentence", subject="全国")
        c.doc = name
        return DocResult(info=DocumentInfo(name, name, hashlib.sha256((name + t).encode()).hexdigest(), "utf-8", len(t), 1, date=date), claims=[c])
    revised = check_corpus([doc("a.txt", "2018-03-05", "58.5%"), doc("b.txt", "2023-03-05", "60.2%")], None)
    assert [x.verdict for x in revised] == ["not_testable"] and "revision" in revised[0].reason
    same_day = check_corpus([doc("a.txt", "2023-03-05", "58.5%"), doc("b.txt", "2023-03-05", "60.2%")], None)
    assert [x.verdict for x in same_day] == ["inconsistent"]


def test_no_claims_no_flags_on_plain_text():
    assert flags(run("今年以来，全市经济运行总体平稳。")) == []


def test_percentage_points_written_as_percent_is_explained():
    text = "失业率由5.0%下降到4.0%，下降1%。"
    f = by_check(run(text), "growth")
    assert f and f[0].verdict == "inconsistent" and "percentage point" in f[0].reason
    assert by_check(run("失业率由5.0%下降到4.0%，下降20%。"), "growth")[0].verdict == "consistent"


def test_parts_listed_before_their_total():
    text = "去年底企业数量超过5200万户、个体工商户超过1.1亿户，市场主体总量超过1.6亿户。"
    f = by_check(run(text), "sum")
    assert f and f[0].verdict == "consistent"
    # lower bounds cannot contradict each other (超过2.1亿 and 超过1.6亿 may both hold) …
    assert flags(run(text.replace("超过1.1亿户", "超过2.1亿户"))) == []
    # … but a part above a stated total does
    bad = "去年底企业数量5200万户、个体工商户2.1亿户，市场主体总量1.6亿户。"
    assert [x.check for x in flags(run(bad))] == ["part_of_whole"]


def test_lone_changes_are_not_testable():
    text = "煤炭消费比重下降8.1个百分点，技术交易额翻了一番，国内有效发明专利拥有量增加两倍。"
    found = {(f.check, f.verdict) for f in run(text)}
    assert found == {("pp_difference", "not_testable"), ("multiple", "not_testable")}
    assert len(by_check(run(text), "multiple")) == 2


def test_ranks_and_bare_numbers_have_no_direction():
    assert flags(run("全省排名从第10位提高到第5位。")) == []
    assert flags(run("在世界500强排名中从369位上升到235位。")) == []


def test_nominal_and_real_words_decide_for_income():
    real = "居民人均可支配收入从2019年的28920元增加到2023年的37595元，年均增长6.8%。"
    assert by_check(run(real), "cagr")[0].verdict == "not_testable"
    nominal = real.replace("年均增长", "年均名义增长")
    assert by_check(run(nominal), "cagr")[0].verdict == "consistent"
    assert by_check(run(nominal.replace("6.8%", "8.8%")), "cagr")[0].verdict == "inconsistent"
    assert by_check(run(real.replace("年均增长", "年均实际增长")), "cagr")[0].verdict == "not_testable"


def test_multiples_read_from_the_sentence():
    def verdict(text):
        return [f.verdict for f in run(text) if f.check == "multiple"]
    assert verdict("财政收入从11.7万亿元增加到23.2万亿元，翻了一番。") == ["consistent"]
    assert verdict("财政收入从11.7万亿元增加到22.4万亿元，接近翻一番。") == ["consistent"]
    assert verdict("财政收入从11.7万亿元增加到35.1万亿元，增长两倍。") == ["consistent"]
    # 增长两倍 is ×3, not ×2
    assert verdict("财政收入从11.7万亿元增加到23.4万亿元，增长两倍。") == ["inconsistent"]
    assert verdict("财政收入从11.7万亿元增加到30.1万亿元，翻了一番。") == ["inconsistent"]


def test_growth_and_multiples_against_a_stated_base():
    def verdicts(text, check):
        return [f.verdict for f in run(text) if f.check == check]
    assert verdicts("全年货物进出口总额41.8万亿元，比2012年的24.4万亿元增长71.3%。", "growth") == ["consistent"]
    assert verdicts("全年货物进出口总额41.8万亿元，比2012年的24.4万亿元增长91.3%。", "growth") == ["inconsistent"]
    assert verdicts("全年网上零售额15.4万亿元，是2015年3.9万亿元的3.9倍。", "multiple") == ["consistent"]
    assert verdicts("全年网上零售额15.4万亿元，是2015年3.9万亿元的4.9倍。", "multiple") == ["inconsistent"]
    gdp = [f for f in run("全年地区生产总值3.01万亿元，比2012年的1.14万亿元增长164%。") if f.check == "growth"]
    assert gdp[0].verdict == "not_testable" and "可比价格" in gdp[0].message


def test_growth_of_a_total_lies_between_the_growth_of_its_parts():
    text = ("全年社会消费品零售总额2315.42亿元，比上年增长7.6%。按经营地统计，城镇消费品零售额2017.35亿元，增长7.4%；"
            "乡村消费品零售额298.07亿元，增长8.9%。")
    f = by_check(run(text), "weighted_average")
    assert f and f[0].verdict == "consistent"
    assert by_check(run(text.replace("增长7.6%", "增长9.6%")), "weighted_average")[0].verdict == "inconsistent"
    trade = "全年货物进出口总额417568亿元，比上年增长0.2%。其中，出口237726亿元，增长0.6%；进口179842亿元，下降0.3%。"
    assert by_check(run(trade), "weighted_average")[0].verdict == "consistent"
    assert by_check(run(trade.replace("增长0.2%", "下降0.8%")), "weighted_average")[0].verdict == "inconsistent"
    # parts that need not be exhaustive give no bound (固定资产投资 vs 基础设施、制造业)
    partial = "全年固定资产投资57.2万亿元，增长5.1%，其中基础设施投资18.1万亿元，增长9.4%；制造业投资12.3万亿元，增长9.1%。"
    assert by_check(run(partial), "weighted_average") == []


def test_urbanisation_rate_and_income_ratio_identities():
    text = ("年末全市常住人口3191.43万人，比上年末增加0.14万人。其中，城镇常住人口2280.32万人，乡村常住人口911.11万人。"
            "常住人口城镇化率为71.45%，比上年末提高0.78个百分点。")
    f = [x for x in run(text) if "城镇化率" in x.message and x.check == "share"]
    assert f and f[0].verdict == "consistent"
    assert any("城镇化率" in x.message for x in flags(run(text.replace("71.45%", "72.45%"))))
    income = "城镇居民人均可支配收入47435元，增长4.6%；农村居民人均可支配收入20820元，增长7.1%。城乡居民收入比为2.28，比上年缩小0.06。"
    g = [x for x in run(income) if "收入比" in x.message]
    assert g and g[0].verdict == "consistent" and g[0].stated == "2.28"
    assert flags(run(income.replace("2.28", "2.38")))


def test_per_capita_figures_are_not_summed():
    text = ("全年全体居民人均可支配收入37595元，比上年增长5.4%。按常住地分，城镇居民人均可支配收入47435元，增长4.6%；"
            "农村居民人均可支配收入20820元，增长7.1%。")
    found = run(text)
    assert by_check(found, "sum") == [] and flags(found) == []
    assert [f.verdict for f in by_check(found, "weighted_average")] == ["consistent", "consistent"]
    assert flags(run(text.replace("37595元", "57595元")))


def test_per_capita_lists_and_tables_are_not_summed():
    text = "全市居民人均可支配收入37595元。城镇、农村居民人均可支配收入分别为47435元和20820元。"
    assert flags(run(text)) == []
    from test_mutations import _PROSE
    table = (_PROSE + "\n表4  2023年居民人均可支配收入\n指标\t绝对数（元）\n全市居民\t37595\n城镇居民\t47435\n"
             "农村居民\t20820\n\n" + _PROSE)
    assert flags(run(table)) == []


def test_a_check_that_repeats_a_finding_leaves_the_earlier_one_alone():
    """A check that adjusts the finding it just made must get None, not another finding,
    when its own was dropped as a repeat (same id, the earlier one flagged)."""
    from extractor.checks.arithmetic import check_pp, operand_from_mention
    from extractor.checks.base import DocContext
    from extractor.normalise import normalise

    text = "城镇化率由60.5%提高到62.5%，提高3个百分点。"
    ctx = DocContext(nt=normalise(text), doc="t.txt")
    pp, start, end = (operand_from_mention(n, mention(text, w)) for n, w in (("pp", "3个百分点"),
                                                                           ("start", "60.5%"), ("end", "62.5%")))
    made = check_pp(ctx, pp, start, end)
    assert made is ctx.findings[0] and made.verdict == "inconsistent"
    before = made.to_dict()
    assert check_pp(ctx, pp, start, end) is None  # the same figures again: the earlier finding stands
    assert ctx.add(made.check, "not_testable", made.spans, "x", "x") is None
    assert len(ctx.findings) == 1 and ctx.findings[0].to_dict() == before
