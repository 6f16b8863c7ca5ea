"""Claim binding on real recogniser output: roles, indicators, subjects, periods, qualifiers."""
from __future__ import annotations

from pathlib import Path

import pytest

from extractor.bind import GENERIC_RULE, bind_claims
from extractor.load import load_file
from extractor.model import DocumentInfo
from extractor.normalise import normalise
from extractor.pipeline import analyse_source
from extractor.recognise import recognise
from extractor.rules import default_rules

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def bind_text(text: str, title: str | None = None, date: str | None = None):
    nt = normalise(text)
    mentions = recognise(nt, "t.txt")
    info = DocumentInfo("t.txt", "t.txt", "", "utf-8", len(text), 1, date=date, title=title)
    claims, errors = bind_claims(nt, "t.txt", mentions, default_rules(), info=info)
    assert errors == []
    return claims, mentions


@pytest.fixture(scope="module")
def seed000():
    return analyse_source(load_file(SEEDS / "000_778209c8243ddb3d.txt", "000_778209c8243ddb3d.txt"), check=False)


@pytest.fixture(scope="module")
def seed002():
    return analyse_source(load_file(SEEDS / "002_50d3b4d398fe0756.txt", "002_50d3b4d398fe0756.txt"), check=False)


def test_cagr_claim_of_seed_000_has_three_roles(seed000):
    [c] = [c for c in seed000.claims if any(cv.mention.text == "16.7%" for cv in c.values)]
    assert c.claim_type == "cagr" and c.rule == "cagr.from_to_rate"
    assert {cv.role: cv.mention.text for cv in c.values} == {"start": "88.4亿元", "end": "120.4亿元", "rate": "16.7%"}
    assert c.period == "2020/2022" and c.period_source == "rule"
    assert (c.attrs["start_year"], c.attrs["end_year"]) == (2020, 2022)
    assert c.subject == "重庆" and "医疗装备产业规模" in c.indicator
    assert {"cagr", "time_range"} <= set(c.checks)
    # the mentions carry the binding too (the extract command's JSON fields)
    by_text = {m.text: m for m in seed000.mentions}
    assert by_text["88.4亿元"].period == "2020" and by_text["120.4亿元"].period == "2022"
    assert by_text["16.7%"].role == "rate" and by_text["16.7%"].claim_id == c.id
    assert by_text["2020年"].role == "start_year"


def test_rd_intensity_level_with_expected_across_broken_lines(seed002):
    [c] = [c for c in seed002.claims if any(cv.mention.text == "2.45%" for cv in c.values)]
    assert c.claim_type == "level"
    assert "expected" in c.qualifiers
    assert c.period == "2023" and c.period_source == "clause"
    assert c.indicator == "研发经费投入强度" and c.indicator_id == "rd_intensity"
    assert c.subject == "重庆"


def test_respectively_gives_three_growth_claims(seed000):
    group = [c for c in seed000.claims if c.attrs.get("group") and
             any(cv.mention.text in ("23.7%", "8.0%", "7.3%") for cv in c.values)]
    assert [c.claim_type for c in group] == ["growth"] * 3
    assert [c.subject for c in group] == ["重庆汽车", "重庆材料", "重庆电子信息"]
    assert {c.period for c in group} == {"2024Q1"}
    assert len({c.attrs["group"] for c in group}) == 1
    first = group[0]
    assert [i["text"] for i in first.attrs["items"]] == ["汽车", "材料", "电子信息"]
    assert [v["text"] for v in first.attrs["values"]] == ["23.7%", "8.0%", "7.3%"]
    text = (SEEDS / "000_778209c8243ddb3d.txt").read_text(encoding="utf-8")
    for item in first.attrs["items"]:
        assert text[item["start"]:item["end"]] == item["text"]


def test_respectively_uses_earlier_values_as_items():
    claims, _ = bind_text("省属企业完成产业类投资553.1亿元、研发投入133.5亿元，分别增长10.6%、10.3%。")
    rates = [c for c in claims if c.claim_type == "growth"]
    assert [c.indicator for c in rates] == ["产业类投资增长", "研发投入增长"]


def test_respectively_restores_the_shared_head():
    claims, _ = bind_text("黄金、白银、精炼铜、镍产量分别增长544.4%、199.2%、110.9%、32.2%。")
    assert [c.indicator for c in claims] == ["黄金产量增长", "白银产量增长", "精炼铜产量增长", "镍产量增长"]


def test_part_of_whole_subjects_per_role():
    claims, mentions = bind_text("重庆作为我国老工业基地，有着全国41个工业大类中的39个。")
    [c] = claims
    assert c.claim_type == "part_of_whole"
    roles = {cv.role: cv.mention for cv in c.values}
    assert roles["whole"].subject == "全国" and roles["part"].subject == "重庆"
    assert c.indicator == "工业大类"


def test_growth_borrows_the_measure_of_the_level_before_it():
    claims, _ = bind_text("全市地区生产总值达到33757.93亿元、增长5.3%。", title="2026年重庆市政府工作报告",
                          date="2026-01-28")
    level, growth = claims
    assert level.indicator == "地区生产总值" and level.claim_type == "level"
    assert growth.indicator == "地区生产总值增长" and growth.claim_type == "growth"
    assert growth.subject == "重庆" and growth.subject_source == "clause"
    assert growth.nominal is False  # GDP growth is real unless stated


def test_review_block_periods():
    text = ("政府工作报告\n一、过去五年工作回顾\n"
            "五年来，国内生产总值从54万亿元增加到82.7万亿元，年均增长7.1%。全国新增就业6600万人以上。"
            "居民消费价格年均上涨1.9%。\n"
            "二、2018年经济社会发展总体要求\n今年发展主要预期目标是：国内生产总值增长6.5%左右。\n")
    claims, mentions = bind_text(text, date="2018-03-05")
    by_text = {m.text: m for m in mentions}
    assert by_text["54万亿元"].period == "2012" and by_text["82.7万亿元"].period == "2017"
    assert by_text["7.1%"].period == "2012/2017"
    assert by_text["6600万人以上"].period == "2013/2017"
    assert by_text["6.5%左右"].period == "2018"
    [target] = [c for c in claims if c.values[0].mention.text == "6.5%左右"]
    assert "expected" in target.qualifiers and target.period_source == "document"


def test_generic_rule_and_counted_nouns():
    claims, mentions = bind_text("形成体外诊断、高值耗材、医疗设备三大板块3335个产品，拥有医疗装备企业401家。")
    by_text = {m.text: m for m in mentions}
    assert by_text["3335个"].indicator == "产品" and by_text["3335个"].rule == GENERIC_RULE
    assert by_text["三大"].indicator == "板块"
    assert "医疗装备企业" in by_text["401家"].indicator
    assert all(c.claim_type == "count" for c in claims)


def test_every_quantity_mention_is_bound(seed000):
    for m in seed000.mentions:
        if not m.is_time:
            assert m.claim_id and m.rule and m.claim_type and m.role
    ids = [c.id for c in seed000.claims]
    assert len(ids) == len(set(ids))


def test_claim_ids_are_stable(seed000):
    again = analyse_source(load_file(SEEDS / "000_778209c8243ddb3d.txt", "000_778209c8243ddb3d.txt"), check=False)
    assert [c.id for c in again.claims] == [c.id for c in seed000.claims]


def test_claim_span_is_original_text(seed002):
    text = (SEEDS / "002_50d3b4d398fe0756.txt").read_text(encoding="utf-8")
    for c in seed002.claims:
        assert text[c.span.start:c.span.end] == c.span.text


LONG_PROSE = ("全年全部工业增加值比上年增长4.6%，规模以上工业增加值增长4.6%，其中制造业增长5.0%，"
              "高技术制造业增加值增长2.7%，装备制造业增加值增长6.8%，规模以上工业中的国有控股企业增加值增长5.0%。\n")


def test_table_cells_take_row_label_and_column_header():
    text = ("中华人民共和国2023年国民经济和社会发展统计公报\n" + LONG_PROSE * 3 +
            "表1  2023年年末人口数及其构成\n单位：万人\n"
            "指标            年末数      比重（%）\n"
            "全国人口        140967      100.0\n"
            "其中：城镇      93267       66.16\n"
            "      乡村      47700       33.84\n" + LONG_PROSE * 3)
    nt = normalise(text)
    assert not nt.wrapped
    claims, errors = bind_claims(nt, "gb.txt", recognise(nt, "gb.txt"), default_rules())
    assert errors == []
    cells = {c.values[0].mention.text: c for c in claims if c.values[0].mention.table}
    assert cells["93267"].indicator == "城镇年末数" and cells["93267"].claim_type == "count"
    assert cells["66.16"].indicator == "城镇比重" and cells["66.16"].claim_type == "share"
    assert cells["66.16"].period == "2023" and cells["66.16"].subject == "全国"


def test_communique_figures_are_for_the_title_year_and_not_targets():
    claims, _ = bind_text("初步核算，全年全市实现地区生产总值30145.79亿元，比上年增长6.1%。"
                          "全年粮食产量69541万吨，增产1.3%。",
                          title="2023年重庆市国民经济和社会发展统计公报")
    gdp, growth, grain, grain_growth = claims
    assert gdp.claim_type == "level" and gdp.period == "2023" and gdp.period_source == "document"
    assert "expected" not in gdp.qualifiers
    assert growth.claim_type == "growth" and growth.indicator == "地区生产总值增长"
    assert grain_growth.claim_type == "growth" and grain_growth.indicator == "粮食产量增产"


def test_news_report_binds_to_the_country_and_carries_measures_forward():
    text = ("新华社北京1月17日电 国家统计局17日发布数据，初步核算，2023年国内生产总值1260582亿元，比上年增长5.2%。"
            "分季度看，一季度国内生产总值同比增长4.5%，二季度增长6.3%，三季度增长4.9%。"
            "全国居民人均可支配收入39218元，比上年名义增长6.3%，扣除价格因素实际增长6.1%。"
            "全年经济增速比2022年加快2.2个百分点。"
            "上海、北京、深圳的地区生产总值分别达到4.72万亿元、4.38万亿元和3.46万亿元。")
    claims, _ = bind_text(text, title="2023年经济运行总体回升向好")
    by_value = {c.values[0].mention.text: c for c in claims}
    assert by_value["1260582亿元"].subject == "全国"
    assert by_value["4.9%"].indicator == "国内生产总值增长"
    assert by_value["6.1%"].indicator == "居民人均可支配收入增长" and by_value["6.1%"].nominal is False
    assert by_value["6.3%"].nominal is True
    pp = by_value["2.2个百分点"]
    assert pp.claim_type == "pp_change" and pp.indicator == "经济增速加快" and pp.period == "2023"
    cities = [by_value[v] for v in ("4.72万亿元", "4.38万亿元", "3.46万亿元")]
    assert [c.subject for c in cities] == ["上海", "北京", "深圳"]
    assert {c.indicator for c in cities} == {"地区生产总值"} and {c.indicator_id for c in cities} == {"gdp"}


def test_consecutive_years_and_since_a_year():
    text = ("政府工作报告\n一、2025年和“十四五”时期工作回顾\n五年来，全市经济稳步增长。"
            "74个国控断面水质优良比例连续3年保持100%。2022年以来经济增速连续16个季度高于全国平均水平。"
            "平均受教育年限达到10.5年。\n")
    claims, mentions = bind_text(text, date="2026-01-28")
    by_text = {m.text: m for m in mentions}
    assert by_text["3年"].period == "2023/2025" and by_text["100%"].period == "2023/2025"
    assert by_text["16个季度"].period == "2022/2025"
    assert by_text["10.5年"].period == "2025"  # a level, not a flow over the review


@pytest.mark.parametrize("sentence, value, indicator", [
    ("拟安排地方专项债券2.35万亿元，中央预算内投资比去年增加300亿元。", "300亿元", "中央预算内投资增加"),
    ("从经济基本面看，6.5%左右的增速可以实现比较充分的就业。", "6.5%左右", "增速"),
    ("今年再减少农村贫困人口1000万以上。", "1000万以上", "减少农村贫困人口"),
    ("分步骤全面推开营改增，结束了66年的营业税征收历史。", "66年", "营业税征收历史"),
    ("国内生产总值增加到121万亿元，十年增加近70万亿元。", "70万亿元", "国内生产总值增加"),
    ("一般工商业电价平均降低10%。", "10%", "一般工商业电价降低"),
])
def test_indicator_phrases(sentence, value, indicator):
    claims, _ = bind_text(sentence)
    [c] = [c for c in claims if c.values[0].mention.text == value]
    assert c.indicator == indicator


def test_respectively_owners_and_scopes():
    claims, _ = bind_text("持续放宽外资市场准入，全国和自由贸易试验区负面清单条数分别压减51%、72%。")
    assert [(c.subject, c.indicator) for c in claims] == [("全国", "负面清单条数压减"),
                                                          ("自由贸易试验区", "负面清单条数压减")]
    claims, _ = bind_text("全市招商引资签约项目数与合同额分别增长22.1%、15.1%。", title="2026年重庆市政府工作报告")
    assert [(c.subject, c.indicator) for c in claims] == [("重庆", "招商引资签约项目数增长"), ("重庆", "合同额增长")]


def test_parts_listed_after_其中_name_themselves():
    claims, mentions = bind_text("全市建成“水盆子”项目1000个，其中小型水库7座、水池等调蓄设施993个。")
    [c] = claims
    assert c.claim_type == "part_of_whole" and c.indicator == "建成“水盆子”项目"
    by_text = {m.text: m for m in mentions}
    assert by_text["7座"].indicator == "小型水库" and by_text["993个"].indicator == "水池等调蓄设施"
    assert [cv.role for cv in c.values] == ["whole", "part", "part"]


def test_shared_head_after_the_last_item_keeps_the_items_whole():
    text = ("全年全市实现地区生产总值4825.36亿元。第一产业、第二产业、第三产业增加值分别为312.47亿元、"
            "1936.52亿元和2576.37亿元，分别增长4.1%、6.3%和5.6%。")
    claims, _ = bind_text(text)
    levels = [c for c in claims if c.claim_type == "level" and c.attrs.get("group")]
    assert [i["text"] for i in levels[0].attrs["items"]] == ["第一产业", "第二产业", "第三产业"]
    assert [c.indicator_id for c in levels] == ["gdp_primary", "gdp_secondary", "gdp_tertiary"]
    # the second 分别 of the sentence refers to the same three sectors
    rates = [c for c in claims if c.claim_type == "growth" and c.attrs.get("group")]
    assert [c.indicator_id for c in rates] == ["gdp_primary", "gdp_secondary", "gdp_tertiary"]


def test_a_time_word_and_deixis_are_not_the_documents_place():
    claims, _ = bind_text("全年全市实现地区生产总值4825.36亿元，比上年增长5.8%。")
    assert {c.subject for c in claims} == {"全市"}


def test_urban_rural_list_has_two_subjects():
    claims, _ = bind_text("城乡居民人均可支配收入分别增长5.1%和6.3%。")
    first = next(c for c in claims if c.attrs.get("items"))
    assert [i["text"] for i in first.attrs["items"]] == ["城", "乡"]
    assert [c.indicator for c in claims][:2] == ["城镇居民人均可支配收入增长", "农村居民人均可支配收入增长"]


def test_yearless_quarter_and_month_take_the_year_of_the_text():
    claims, _ = bind_text("2025年，全市经济平稳。二季度，全市规模以上工业增加值增长6.1%；2月份工业增加值增长3%。")
    assert [c.period for c in claims if c.claim_type == "growth"] == ["2025Q2", "2025-02"]


def test_a_bare_rate_noun_repeats_the_rate_written_the_same_way_before_it():
    text = ("今年发展主要预期目标是：国内生产总值增长6.5%左右；居民消费价格涨幅3%左右。"
            "从经济基本面和就业吸纳能力看，6.5%左右的增速可以实现比较充分的就业。")
    claims, _ = bind_text(text)
    echo = [c for c in claims if c.values[0].mention.start > text.index("基本面")]
    assert echo[0].indicator == "国内生产总值增速" and echo[0].indicator_id == claims[0].indicator_id
