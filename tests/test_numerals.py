"""Number grammar: Arabic, Chinese and mixed numerals → exact Decimals."""
from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, strategies as st

from extractor.numerals import NumeralError, chinese_numeral, parse_number, percent_from_fraction


@pytest.mark.parametrize("text, value", [
    ("3", "3"), ("1,234.5", "1234.5"), ("-0.5", "-0.5"), ("+2", "2"),
    ("3.5万", "35000"), ("1.2万亿", "1200000000000"), ("88.4亿", "8840000000"),
    ("1万6千", "16000"), ("2万5千", "25000"), ("1亿3千多万", "130000000"), ("3万多亿", "3000000000000"),
    ("三", "3"), ("十二", "12"), ("一百二十", "120"), ("两千", "2000"), ("〇", "0"), ("零", "0"),
    ("二〇二三", "2023"), ("二十三点五", "23.5"), ("一百零五", "105"), ("三万零五", "30005"),
    ("千亿", "100000000000"), ("十亿", "1000000000"), ("十几", "10"), ("400余", "400"),
])
def test_values(text, value):
    assert parse_number(text).value == Decimal(value)


def test_written_precision_and_scale_word():
    p = parse_number("8.0")
    assert p.value == Decimal("8.0") and p.decimals == 1 and str(p.value) == "8.0"
    assert parse_number("88.4亿").scale_word == "亿"
    assert parse_number("1.2万亿").scale_word == "万亿"
    assert parse_number("3万多亿").scale_word == "万亿"
    assert parse_number("3.5万").scale_word == "万"
    assert parse_number("120").scale_word is None


def test_approx_morphemes_inside_numerals():
    assert parse_number("1亿3千多万").approx == ["more_than"]
    assert parse_number("十几").approx == ["more_than"]
    assert parse_number("120").approx == []


def test_fractions_are_percent_values():
    assert parse_number("三分之二").value == Decimal(200) / Decimal(3)
    assert float(parse_number("三分之一").value) == pytest.approx(33.333333333333336)
    assert percent_from_fraction("百分之十五") == Decimal(15)
    assert percent_from_fraction("一半") == Decimal(50)
    assert percent_from_fraction("3成") == Decimal(30) and percent_from_fraction("七成") == Decimal(70)


@pytest.mark.parametrize("bad", ["", "几个", "abc", "几", "十点", "万x"])
def test_not_numerals(bad):
    with pytest.raises(NumeralError):
        parse_number(bad)


def test_no_float_noise():
    assert str(parse_number("0.7").value) == "0.7"
    assert parse_number("0.1").value + parse_number("0.2").value == Decimal("0.3")


@given(st.integers(min_value=0, max_value=10 ** 16 - 1))
def test_chinese_numerals_round_trip(n):
    assert parse_number(chinese_numeral(n)).value == n


@given(st.decimals(min_value=Decimal("0.01"), max_value=Decimal("99999.99"), places=2),
       st.sampled_from([("万", 10 ** 4), ("亿", 10 ** 8), ("万亿", 10 ** 12)]))
def test_scale_words_round_trip(d, scale):
    word, mult = scale
    assert parse_number(f"{d}{word}").value == d * mult


@given(st.integers(min_value=1, max_value=9999), st.integers(min_value=1, max_value=9))
def test_mixed_wan_qian(wan, qian):
    assert parse_number(f"{wan}万{qian}千").value == wan * 10000 + qian * 1000


@given(st.integers(min_value=1000, max_value=2999))
def test_year_digit_by_digit(year):
    digits = "〇一二三四五六七八九"
    assert parse_number("".join(digits[int(c)] for c in str(year))).value == year


def test_zero_before_a_scale_word_stays_zero():
    assert parse_number("0万").value == 0
    assert parse_number("万").value == 10000


@pytest.mark.parametrize("text, low, high", [
    ("五六十", 50, 60), ("十二三", 12, 13), ("三四百万", 3000000, 4000000), ("一两", 1, 2),
    ("二十五六", 25, 26), ("三千五六百", 3500, 3600), ("十二三万", 120000, 130000),
])
def test_approx_range(text, low, high):
    from extractor.numerals import approx_range
    assert approx_range(text) == (Decimal(low), Decimal(high))


@pytest.mark.parametrize("text", ["三五", "五十", "二十三", "四六", "十"])
def test_not_approx_range(text):
    from extractor.numerals import approx_range
    assert approx_range(text) is None
