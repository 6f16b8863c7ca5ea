"""The recogniser: spans, kinds, values, units, approx, direction and the negatives."""
from __future__ import annotations

from decimal import Decimal

import pytest

from extractor.normalise import normalise
from extractor.recognise import document_date, recognise


def rec(text: str):
    return recognise(normalise(text), "t.txt")


def quantities(text: str):
    return [m for m in rec(text) if not m.is_time]


def one(text: str):
    qs = quantities(text)
    assert len(qs) == 1, [(m.text, m.kind) for m in qs]
    return qs[0]


@pytest.mark.parametrize("text, span, kind, value, unit", [
    ("产业规模达到88.4亿元", "88.4亿元", "amount", Decimal("8840000000"), "CNY"),
    ("年均复合增长率16.7%", "16.7%", "percent", Decimal("16.7"), "%"),
    ("提高1.64个百分点", "1.64个百分点", "percentage_points", Decimal("1.64"), "pp"),
    ("出生率为6.77‰", "6.77‰", "permille", Decimal("6.77"), "‰"),
    ("有医疗装备企业401家", "401家", "count", Decimal(401), "count"),
    ("获批产品400余个", "400余个", "count", Decimal(400), "count"),
    ("培育三大板块", "三大", "count", Decimal(3), "count"),
    ("从以下两方面着力", "两方面", "count", Decimal(2), "count"),
    ("24小时内完成", "24小时内", "duration", Decimal(24), "hour"),
    ("十几年如一日", "十几年", "duration", Decimal(10), "year"),
    ("时年40岁", "40岁", "age", Decimal(40), "year"),
    ("增长5.4倍", "5.4倍", "multiple", Decimal("5.4"), "times"),
    ("实现翻一番", "翻一番", "multiple", Decimal(2), "times"),
    ("减少三分之二", "三分之二", "percent", Decimal(200) / 3, "%"),
    ("约7成出口增量", "7成", "percent", Decimal(70), "%"),
    ("粮食产量1.37万亿斤", "1.37万亿斤", "amount", Decimal("1370000000000"), "jin"),
    ("净增经营主体11.7万户", "11.7万户", "count", Decimal(117000), "count"),
    ("新建高速公路3500公里", "3500公里", "amount", Decimal(3500), "km"),
    ("利用外资38亿美元", "38亿美元", "amount", Decimal("3800000000"), "USD"),
    ("装机391万千瓦", "391万千瓦", "amount", Decimal(3910000), "kW"),
    ("城乡居民收入比缩小至2.21∶1", "2.21∶1", "ratio", (Decimal("2.21"), Decimal(1)), "ratio"),
    ("全年新增40.8万青年留渝", "40.8万", "count", Decimal(408000), "count"),
    ("近1亿农村贫困人口", "1亿", "count", Decimal(100000000), "count"),
    ("1万6千多户", "1万6千多户", "count", Decimal(16000), "count"),
    ("突破千亿元", "千亿元", "amount", Decimal(10 ** 11), "CNY"),
    ("迈向万亿级规模", "万亿级", "amount", Decimal(10 ** 12), "CNY"),
    ("上千家配套企业", "上千家", "count", Decimal(1000), "count"),
    ("连续16个季度", "16个季度", "duration", Decimal(16), "quarter"),
    ("企业开办时间从一个月以上压缩", "一个月以上", "duration", Decimal(1), "month"),
    ("百分之十五的企业", "百分之十五", "percent", Decimal(15), "%"),
    ("积石山6.2级地震", "6.2级", "amount", Decimal("6.2"), "magnitude"),
    ("自然增长率为-0.99‰", "-0.99‰", "permille", Decimal("-0.99"), "‰"),
    ("补助25万元/人", "25万元/人", "amount", Decimal(250000), "CNY/person"),
])
def test_quantities(text, span, kind, value, unit):
    m = one(text)
    assert (m.text, m.kind, m.unit) == (span, kind, unit)
    assert m.value == value


def test_written_precision_is_kept():
    m = one("材料增长8.0%")
    assert m.value_text == "8.0" and m.decimals == 1 and str(m.value) == "8.0"
    assert m.to_record()["value"] == 8.0


def test_base_values_from_pint():
    m = one("88.4亿元")
    assert m.base_value == Decimal("8840000000") and m.base_unit == "CNY"
    m = one("5421.8万吨")
    assert m.base_value == Decimal("54218000000") and m.base_unit == "kg"


def test_ranges():
    assert one("3—5年").value == (Decimal(3), Decimal(5))
    assert one("10%至15%").value == (Decimal(10), Decimal(15))
    m = one("8-10个")
    assert m.value == (Decimal(8), Decimal(10)) and m.unit == "count"
    assert one("3—5万元").value == (Decimal(30000), Decimal(50000))


def test_respectively_list_gives_one_mention_each():
    qs = quantities("汽车、材料和电子信息分别实现23.7%、8.0%和7.3%的增长")
    assert [m.text for m in qs] == ["23.7%", "8.0%", "7.3%"]


def test_list_inherits_the_unit_written_once():
    qs = quantities("沙化土地面积分别净减少10.6万、3.8万、3.3万平方公里")
    assert [(m.text, m.unit) for m in qs] == [("10.6万", "km2"), ("3.8万", "km2"), ("3.3万平方公里", "km2")]


def test_approx_inside_and_before_the_span():
    assert one("30%左右").approx == ["about"]
    assert one("65岁以上").approx == ["more_than"]
    assert one("约300元").approx == ["about"]
    assert one("超过3.8万亿元").approx == ["more_than"]
    assert one("不少于20个").approx == ["at_least"]
    assert one("力争研发投入强度达到2.45%").approx == ["expected"]
    assert one("24小时内").approx == ["at_most"]


def test_direction_from_the_governing_verb():
    assert one("地区生产总值增长5.3%").direction == "increase"
    assert one("单位能耗下降3.2%").direction == "decrease"
    assert one("提高到15%").direction is None
    assert one("占比58.8%").direction is None


@pytest.mark.parametrize("text", [
    "构建“33618”现代制造业集群", "以5G、人工智能为代表", "国家社科基金项目19BFX090成果",
    "下游的Tier1系统集成", "一是加大支持", "（一）着力推动", "一、2025年工作回顾", "第一次科技革命",
    "党的十九届五中全会", "党的二十大报告", "加快突破一批核心技术", "存在一些问题", "一方面，另一方面",
    "两江新区", "“满天星2.0”行动", "“四链”融合", "新一代信息技术", "第二个百年奋斗目标", "一个务虚的概念",
    "居全国第3位", "世界500强", "PM2.5浓度", "轨道15号线一期", "三级医院", "国家5A级旅游景区",
    "每万人口发明专利", "每一滴汗水", "零部件", "红十字", "文化进万家", "千方百计", "五位一体",
    "第一、二轮中央生态环保督察", "土地二轮延包", "十四届人民代表大会第四次会议", "六届八次全会",
    "排名由369位上升到235位", "参考文献[2]", "一年更比一年好", "几个方面", "三四线", "双碳目标", "水质保持三类",
])
def test_negatives_are_not_quantities(text):
    assert quantities(text) == []


def test_times():
    ms = rec("2023—2027年，2024年一季度，十四五，2024年7月，3月26日，二〇二六年一月二十七日，上世纪80年代，21世纪")
    got = [(m.text, m.kind, m.value) for m in ms]
    assert got == [
        ("2023—2027年", "year_range", "2023/2027"), ("2024年一季度", "quarter", "2024Q1"),
        ("十四五", "plan_period", "2021/2025"), ("2024年7月", "month", "2024-07"), ("3月26日", "date", "--03-26"),
        ("二〇二六年一月二十七日", "date", "2026-01-27"), ("上世纪80年代", "decade", "1980/1989"),
        ("21世纪", "century", "2001/2100"),
    ]


def test_spans_slice_the_original_across_broken_lines(seeds_dir):
    raw = (seeds_dir / "002_50d3b4d398fe0756.txt").read_text(encoding="utf-8")
    ms = recognise(normalise(raw), "002")
    assert ms, "no mentions"
    for m in ms:
        assert raw[m.start:m.end] == m.text
    assert any(m.text == "2023\n\n年" and m.value == "2023" for m in ms)
    assert [m.start for m in ms] == sorted(m.start for m in ms)
    assert all(a.end <= b.start for a, b in zip(ms, ms[1:]))


def test_line_and_column():
    m = one("第一行\n增长16.7%")
    assert (m.line, m.col) == (2, 3)


def test_fullwidth_digits_are_read_and_mapped_back():
    m = one("增长１６．７％")
    assert m.text == "１６．７％" and m.value == Decimal("16.7")


def test_document_date():
    assert document_date(normalise("标题\n来源：重庆日报\n时间：2026-02-03\n正文")) == "2026-02-03"
    assert document_date(normalise("报告\n——二〇二六年一月二十七日在大会上\n")) == "2026-01-27"
    assert document_date(normalise("没有日期的文本，增长5%。")) is None


def test_direction_runs_through_a_respectively_list():
    qs = quantities("进出口与合同额分别增长22.1%、15.1%，经济损失分别下降36.7%、38.8%")
    assert [m.direction for m in qs] == ["increase", "increase", "decrease", "decrease"]


def test_direction_of_doubling_and_relief():
    assert one("科技型企业数量实现翻番").direction == "increase"
    assert one("降低利息负担1.2万亿元").direction == "decrease"
    assert one("全年新增40.8万青年").direction is None


def test_expected_runs_over_a_target_list():
    qs = quantities("今年发展主要预期目标是：国内生产总值增长5%左右；城镇新增就业1200万人以上。")
    assert all("expected" in m.approx for m in qs)
    assert qs[0].approx == ["about", "expected"]


def test_listed_years_take_the_last_year_word():
    ms = rec("2021、2022、2023年分别增长3%、4%和5%")
    assert [(m.text, m.kind, m.value) for m in ms if m.is_time] == [
        ("2021", "year", "2021"), ("2022", "year", "2022"), ("2023年", "year", "2023")]
    assert [m.text for m in ms if not m.is_time] == ["3%", "4%", "5%"]


def test_index_values_and_their_base():
    assert [(m.text, m.kind) for m in quantities("总人口性别比为104.34（以女性为100）")] == [("104.34", "index")]
    assert [(m.text, m.kind) for m in quantities("居民消费价格指数（上年=100）为102.1")] == [("102.1", "index")]


def test_three_term_ratio_with_fullwidth_colons():
    m = one("三次产业结构为6.9：38.5：54.6")
    assert m.kind == "ratio" and m.value == (Decimal("6.9"), Decimal("38.5"), Decimal("54.6"))
    assert quantities("时间：10：30") == []


def test_figures_under_a_plan_heading_are_goals():
    text = "一、2025年工作回顾\n全年新增就业60万人。\n三、2026年工作安排\n新建城市道路100公里，改造老旧小区600个。\n"
    qs = quantities(text)
    assert [(m.text, "expected" in m.approx) for m in qs] == [("60万人", False), ("100公里", True), ("600个", True)]


def test_categories_are_counted():
    m = one("分为三类")
    assert (m.text, m.value) == ("三类", Decimal(3))


@pytest.mark.parametrize("text, span", [
    ("召开12次会议", "12次"), ("居民代表5名", "5名"), ("举办3期培训班", "3期"), ("共有5位院士", "5位"),
])
def test_counts_that_look_like_ordinals_in_other_contexts(text, span):
    assert one(text).text == span


from hypothesis import given, settings, strategies as st  # noqa: E402

UNIT_CASES = [("亿元", 10 ** 8, "CNY"), ("万吨", 10 ** 4, "t"), ("%", 1, "%"), ("个", 1, "count"),
              ("万人", 10 ** 4, "count"), ("平方公里", 1, "km2"), ("万亿元", 10 ** 12, "CNY"), ("个百分点", 1, "pp")]


@settings(max_examples=200, deadline=None)
@given(st.decimals(min_value=Decimal("0.1"), max_value=Decimal("99999.9"), places=1),
       st.sampled_from(UNIT_CASES), st.sampled_from(["全年增长", "达到", "其中", "约", "，"]))
def test_written_quantities_read_back(d, case, lead):
    word, scale, unit = case
    m = one(f"{lead}{d}{word}。")
    assert m.value == d * scale and m.unit == unit and m.text == f"{d}{word}"


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=3, max_value=10 ** 8))
def test_chinese_numeral_counts_read_back(n):
    from extractor.numerals import chinese_numeral

    m = one(f"共有{chinese_numeral(n)}个")
    assert m.value == n and m.kind == "count"


# --- round 2: approximate ranges, 二人/二者, slash fractions, scaled Chinese counts, day durations ---

@pytest.mark.parametrize("text, span, unit, low, high", [
    ("有五六十名员工", "五六十名", "count", 50, 60),
    ("经营了十二三年", "十二三年", "year", 12, 13),
    ("三四个方面", "三四个", "count", 3, 4),
    ("八九成的企业", "八九成", "%", 80, 90),
    ("投入三四百万元", "三四百万元", "CNY", 3000000, 4000000),
    ("二十五六岁的青年", "二十五六岁", "year", 25, 26),
])
def test_approximate_ranges(text, span, unit, low, high):
    m = one(text)
    assert (m.text, m.unit) == (span, unit)
    assert m.value == (Decimal(low), Decimal(high))
    assert "about" in m.approx


@pytest.mark.parametrize("text", ["三五成群", "三四线城市", "一二产业融合", "二三级支流"])
def test_neighbouring_numerals_that_are_labels(text):
    assert all(not isinstance(m.value, tuple) for m in quantities(text))
    assert not [m for m in quantities(text) if m.text.startswith(("三四", "一二", "二三"))]


@pytest.mark.parametrize("text, span, value", [
    ("他们二人已经在这里经营", "二人", 2),
    ("二者相互促进", "二者", 2),
    ("两者缺一不可", "两者", 2),
])
def test_er_with_person_words_counts(text, span, value):
    m = one(text)
    assert (m.text, m.kind, m.value) == (span, "count", Decimal(value))


@pytest.mark.parametrize("text", ["第二期工程", "二人转演出", "二轮修订"])
def test_er_ordinals_stay_out(text):
    assert not [m for m in quantities(text) if m.text.startswith("二")]


@pytest.mark.parametrize("text, span, value, approx", [
    ("近1/3的订单来自海外", "1/3", Decimal(100) / 3, ["about"]),
    ("占全部投资的1/4以上", "1/4以上", Decimal(25), ["more_than"]),
])
def test_slash_fractions(text, span, value, approx):
    m = one(text)
    assert (m.text, m.kind, m.unit) == (span, "percent", "%")
    assert abs(m.value - value) < Decimal("1e-9")
    assert m.approx == approx


@pytest.mark.parametrize("text", ["于3/5发布", "见http://x.cn/2024/3", "型号A1/2", "2024/3/5"])
def test_slashes_that_are_not_fractions(text):
    assert not [m for m in quantities(text) if "/" in m.text]


@pytest.mark.parametrize("text, span, value, approx", [
    ("全国已有一千多万农村人口获得收入", "一千多万", 10000000, ["more_than"]),
    ("带动三千万群众增收", "三千万", 30000000, []),
    ("一亿二千万人次", "一亿二千万人次", 120000000, []),
])
def test_scaled_chinese_counts_before_a_noun(text, span, value, approx):
    m = one(text)
    assert (m.text, m.kind, m.value, m.approx) == (span, "count", Decimal(value), approx)


@pytest.mark.parametrize("text", ["十万火急", "千万不要放松", "亿万人民", "万一发生"])
def test_scale_idioms_are_not_counts(text):
    assert quantities(text) == []


@pytest.mark.parametrize("text, span, value", [
    ("自收到申请之日起15日内办结", "15日内", 15),
    ("公示期满30日后生效", "30日", 30),
])
def test_days_as_durations(text, span, value):
    m = one(text)
    assert (m.text, m.kind, m.unit, m.value) == (span, "duration", "day", Decimal(value))


def test_day_of_month_is_not_a_duration():
    assert quantities("国家统计局18日发布数据") == []


@pytest.mark.parametrize("text, span, kind, value, unit", [
    ("上升1个多百分点", "1个多百分点", "percentage_points", Decimal(1), "pp"),
    ("万分之三", "万分之三", "percent", Decimal("0.03"), "%"),
])
def test_more_rate_forms(text, span, kind, value, unit):
    m = one(text)
    assert (m.text, m.kind, m.value, m.unit) == (span, kind, value, unit)


@pytest.mark.parametrize("text, span, value", [
    ("2024年全年增长5.0%，其中一季度增长5.3%，二季度增长4.7%", "二季度", "2024Q2"),
    ("江川省2023年统计公报\n全年……\n三季度增长4.6%", "三季度", "2023Q3"),
    ("今年前三季度增长5.2%", "前三季度", "--Q1/--Q3"),
    ("2025年1—2月份……\n企业今年一季度订单增长", "一季度", "2025Q1"),
    ("2025年1—2月份……\n企业去年二季度订单增长", "二季度", "2024Q2"),
])
def test_bare_quarters_take_the_year(text, span, value):
    t = [m for m in rec(text) if m.is_time and m.text == span]
    assert t and t[0].value == value and t[0].kind == "quarter"


@pytest.mark.parametrize("text", ["获得前10名的成绩", "参加618大促活动"])
def test_rank_ranges_and_festival_labels(text):
    assert quantities(text) == []


def test_counts_of_people_with_ming_stay():
    assert [(m.text, m.value) for m in quantities("共招聘100名教师")] == [("100名", Decimal(100))]


@pytest.mark.parametrize("text, span, unit", [("历时一个多月", "一个多月", "month"), ("用了一个多小时", "一个多小时", "hour")])
def test_one_and_a_bit_durations(text, span, unit):
    m = one(text)
    assert (m.text, m.kind, m.unit, m.value, m.approx) == (span, "duration", unit, Decimal(1), ["more_than"])


def test_bare_half_years_take_the_year():
    ts = [(m.text, m.value) for m in rec("2024年，上半年增长5.4%，下半年有望保持。") if m.is_time]
    assert ts == [("2024年", "2024"), ("上半年", "2024H1"), ("下半年", "2024H2")]


def test_scaled_chinese_count_closing_a_clause():
    m = one("常住人口超过一千万，位居全省第一")
    assert (m.text, m.kind, m.value) == ("一千万", "count", Decimal(10000000))


def test_index_after_a_base_of_100():
    qs = [(m.text, m.kind, m.value) for m in quantities("居民消费价格上涨0.3%（上年=100为100.3）")]
    assert ("100.3", "index", Decimal("100.3")) in qs
    assert not [q for q in qs if q[0] == "100"]


def test_quake_magnitude_with_a_bound():
    m = one("全年共发生5.0级以上地震")
    assert (m.text, m.unit, m.value, m.approx) == ("5.0级以上", "magnitude", Decimal("5.0"), ["more_than"])
