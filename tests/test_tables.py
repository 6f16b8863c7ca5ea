"""Flattened tables: unit and scale from header, row unit cell or 单位 line; sign kept; table=True."""
from __future__ import annotations

from decimal import Decimal

from extractor.normalise import normalise
from extractor.recognise import recognise

POPULATION = """表1  2023年年末人口数及其构成
单位：万人
指标\t年末数\t比重（%）
全国人口\t140967\t100.0
其中：城镇\t93267\t66.16
"""

CROPS = """表2  主要农产品产量及其增长速度
产品名称    单位    产量    比上年增长（%）
粮食    万吨    69541    1.3
  其中：夏粮    万吨    14615    -0.9
"""


def table_mentions(text):
    return [m for m in recognise(normalise(text), "t") if m.table]


def test_unit_line_and_header_units():
    ms = table_mentions(POPULATION)
    got = [(m.text, m.kind, m.value, m.unit) for m in ms]
    assert got == [
        ("140967", "count", Decimal(1409670000), "count"), ("100.0", "percent", Decimal("100.0"), "%"),
        ("93267", "count", Decimal(932670000), "count"), ("66.16", "percent", Decimal("66.16"), "%"),
    ]
    for m in ms:
        assert POPULATION[m.start:m.end] == m.text


def test_row_unit_cells_and_signs():
    ms = table_mentions(CROPS)
    got = [(m.text, m.kind, m.value, m.unit) for m in ms]
    assert got == [
        ("69541", "amount", Decimal(695410000), "t"), ("1.3", "percent", Decimal("1.3"), "%"),
        ("14615", "amount", Decimal(146150000), "t"), ("-0.9", "percent", Decimal("-0.9"), "%"),
    ]
    assert ms[1].direction == "increase"
    assert ms[0].to_record()["table"] is True


def test_prose_after_a_table_is_prose():
    text = POPULATION + "\n全年粮食产量69541万吨，比上年增加888万吨，增产1.3%，各项工作取得了显著的成效。\n2023 5.2 7\n"
    ms = recognise(normalise(text), "t")
    prose = [m for m in ms if not m.table and not m.is_time]
    assert [m.text for m in prose] == ["69541万吨", "888万吨", "1.3%"]
    assert not any(m.table and m.text == "5.2" for m in ms)


def test_table_without_known_units_reports_nothing():
    assert table_mentions("表3  其他\n指标\t数值\n甲\t12\n") == []


ONE_CELL_PER_LINE = """表2 2023年主要农产品产量
产品名称
单位
产量
比上年增长（%）
粮食
万吨
69541
1.3
棉花
万吨
561.8
-6.1
"""


def test_one_cell_per_line_layout():
    got = [(m.text, m.value, m.unit) for m in table_mentions(ONE_CELL_PER_LINE)]
    assert got == [("69541", Decimal(695410000), "t"), ("1.3", Decimal("1.3"), "%"),
                   ("561.8", Decimal(5618000), "t"), ("-6.1", Decimal("-6.1"), "%")]


BLANK_LINES_AND_NO_TITLE = """全年全国居民人均可支配收入39218元，比上年增长6.3%，扣除价格因素，实际增长6.1%。

表3 2023年居民收入

指标

绝对数（元）

比上年增长（%）

全国居民人均可支配收入

39218

6.3

注：比上年增长为名义增长。

指标
年末数（万人）
比重（%）
全国人口
140967
100.0
"""


def test_cells_separated_by_blank_lines_and_tables_without_title():
    got = [(m.text, m.value, m.unit) for m in table_mentions(BLANK_LINES_AND_NO_TITLE)]
    assert got == [("39218", Decimal(39218), "CNY"), ("6.3", Decimal("6.3"), "%"),
                   ("140967", Decimal(1409670000), "count"), ("100.0", Decimal("100.0"), "%")]
    prose = [m.text for m in recognise(normalise(BLANK_LINES_AND_NO_TITLE), "t") if not m.table and not m.is_time]
    assert prose == ["39218元", "6.3%", "6.1%"]


def test_single_space_separated_rows():
    text = "表4 2023年年末人口\n单位：万人\n指标 年末数 比重（%）\n全国人口 140967 100.0\n"
    got = [(m.text, m.value, m.unit) for m in table_mentions(text)]
    assert got == [("140967", Decimal(1409670000), "count"), ("100.0", Decimal("100.0"), "%")]


def test_units_in_row_labels():
    grid = "表6 主要指标\n指标\t2022年\t2023年\n国内生产总值（亿元）\t1204724\t1260582\n人均国内生产总值（元）\t85310\t89358\n"
    got = [(m.text, m.value, m.unit) for m in table_mentions(grid)]
    assert got == [("1204724", Decimal(120472400000000), "CNY"), ("1260582", Decimal(126058200000000), "CNY"),
                   ("85310", Decimal(85310), "CNY"), ("89358", Decimal(89358), "CNY")]
    column = "表6 主要指标\n指标\n2022年\n2023年\n国内生产总值（亿元）\n1204724\n1260582\n人均国内生产总值（元）\n85310\n89358\n"
    assert [(m.text, m.value, m.unit) for m in table_mentions(column)] == got


YEAR_ROWS = """表1  2020—2024年全市地区生产总值
单位：亿元
年份    地区生产总值    第一产业
2020    2105.33    221.40
2021    2318.06    230.12
"""

GAPS = """表3  2024年全市主要工业产品产量
产品名称            单位          产量          比上年增长%
原煤                万吨          1,286.5       -3.2
商品混凝土          万立方米      1,512.0       —
发电量              亿千瓦时      215.8         +4.6
"""


def test_year_labels_are_times_not_amounts():
    ms = recognise(normalise(YEAR_ROWS), "t")
    years = [(m.text, m.kind, m.value) for m in ms if m.is_time and m.text in ("2020", "2021")]
    assert years == [("2020", "year", "2020"), ("2021", "year", "2021")]
    assert [m.value for m in ms if m.table] == [Decimal("210533000000"), Decimal("22140000000"),
                                                Decimal("231806000000"), Decimal("23012000000")]


def test_bare_percent_header_and_missing_cells_keep_columns():
    got = [(m.text, m.unit, m.value) for m in table_mentions(GAPS)]
    assert got == [
        ("1,286.5", "t", Decimal("12865000")), ("-3.2", "%", Decimal("-3.2")),
        ("1,512.0", "m3", Decimal("15120000")),  # the — cell keeps 1,512.0 in the 产量 column
        ("215.8", "kWh", Decimal("21580000000")), ("+4.6", "%", Decimal("4.6")),
    ]


TWO_UNITS = """表6  2024年分行业增加值
单位：亿元、%
行业            增加值        比上年增长
农林牧渔业      259.34        4.1
建筑业          127.24        -2.1
"""


def test_unit_line_with_a_level_and_a_rate_unit():
    got = [(m.text, m.unit, m.value, m.direction) for m in table_mentions(TWO_UNITS)]
    assert got == [
        ("259.34", "CNY", Decimal("25934000000"), None), ("4.1", "%", Decimal("4.1"), "increase"),
        ("127.24", "CNY", Decimal("12724000000"), None), ("-2.1", "%", Decimal("-2.1"), "increase"),
    ]
