"""Time expressions and their ISO-like values."""
from __future__ import annotations

import pytest

from extractor.timex import find_times, plan_period_years, publication_date


@pytest.mark.parametrize("text, kind, value", [
    ("2023年", "year", "2023"),
    ("2024 年", "year", "2024"),
    ("2023年度", "year", "2023"),
    ("2023—2027年", "year_range", "2023/2027"),
    ("2021年至2025年", "year_range", "2021/2025"),
    ("2024年一季度", "quarter", "2024Q1"),
    ("2024年第三季度", "quarter", "2024Q3"),
    ("2024年前三季度", "quarter", "2024Q1/2024Q3"),
    ("2025年上半年", "half_year", "2025H1"),
    ("2025年下半年", "half_year", "2025H2"),
    ("2024年7月", "month", "2024-07"),
    ("2024年1—11月", "month", "2024-01/2024-11"),
    ("2026年1月28日", "date", "2026-01-28"),
    ("2026-02-03", "date", "2026-02-03"),
    ("二〇二六年一月二十七日", "date", "2026-01-27"),
    ("3月26日", "date", "--03-26"),
    ("十三五", "plan_period", "2016/2020"),
    ("十四五", "plan_period", "2021/2025"),
    ("十五五", "plan_period", "2026/2030"),
    ("上世纪80年代", "decade", "1980/1989"),
    ("21世纪", "century", "2001/2100"),
])
def test_time_values(text, kind, value):
    ts = find_times(text)
    assert len(ts) == 1
    t = ts[0]
    assert (text[t.start:t.end], t.kind, t.value) == (text, kind, value)


def test_times_inside_sentences():
    text = "到2030年，“十五五”时期经济增长，2022年以来连续16个季度"
    got = [(text[t.start:t.end], t.value) for t in find_times(text)]
    assert got == [("2030年", "2030"), ("十五五", "2026/2030"), ("2022年", "2022")]


@pytest.mark.parametrize("text", ["三年级学生", "二十五个", "13月40日", "第十四五个", "一九八年", "2023年代"])
def test_not_times(text):
    assert find_times(text) == []


def test_plan_periods():
    assert plan_period_years(1) == (1953, 1957)
    assert plan_period_years(3) == (1966, 1970)
    assert plan_period_years(14) == (2021, 2025)


def test_publication_date():
    assert publication_date("标题\n来源：重庆日报\n时间：2026-02-03\n") == "2026-02-03"
    assert publication_date("——2023年3月5日在第十四届全国人民代表大会上") == "2023-03-05"
    assert publication_date("增长5%") is None


def test_bare_years_after_a_verb_of_looking():
    text = "透过2025回望“十四五”，中国制造2025"
    assert [(text[t.start:t.end], t.value) for t in find_times(text)] == [("2025", "2025"), ("十四五", "2021/2025")]


@pytest.mark.parametrize("text, kind, value", [
    ("1—2月份", "month", "--01/--02"),
    ("1-11月", "month", "--01/--11"),
    ("2月份", "month", "--02"),
    ("明年3月。", "month", "--03"),
    ("二季度", "quarter", "--Q2"),
    ("第三季度", "quarter", "--Q3"),
    ("前三季度", "quarter", "--Q1/--Q3"),
])
def test_year_less_months_and_quarters(text, kind, value):
    ts = find_times(text)
    assert ts and (ts[0].kind, ts[0].value) == (kind, value)


@pytest.mark.parametrize("text", ["连续三个季度", "3—5个月", "12个月"])
def test_not_bare_periods(text):
    assert [t for t in find_times(text) if t.kind in ("month", "quarter")] == []
