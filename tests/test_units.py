"""Units as data: the lexicon and the pint registry (base values)."""
from __future__ import annotations

from decimal import Decimal

from extractor.tables import resolve_unit
from extractor.units import base_factor, load_lexicon, to_base, unit_alternation


def test_lexicon_maps_words_to_canonical_units():
    lex = load_lexicon()
    assert lex["元"].unit == "CNY" and lex["元"].kind == "amount"
    assert lex["美元"].unit == "USD"
    assert lex["个百分点"].unit == "pp" and lex["个百分点"].kind == "percentage_points"
    assert lex["平方公里"].unit == "km2"
    assert lex["亩"].unit == "mu"
    assert lex["个"].kind == "count" and lex["个"].classifier
    assert lex["岁"].kind == "age" and lex["岁"].unit == "year"
    assert lex["个月"].unit == "month"


def test_alternation_is_longest_first():
    alt = unit_alternation(["个", "个百分点", "个月"]).split("|")
    assert alt[0] == "个百分点" and alt[-1] == "个"


def test_currencies_are_never_converted():
    assert base_factor("CNY") == (Decimal(1), "CNY")
    assert base_factor("USD") == (Decimal(1), "USD")


def test_physical_units_get_si_base_values():
    value, unit = to_base(Decimal("1.5"), "km")
    assert value == Decimal(1500) and unit == "m"
    value, unit = to_base(Decimal(2), "t")
    assert value == Decimal(2000) and unit == "kg"
    value, unit = to_base(Decimal(15), "mu")
    assert value == Decimal(10000) and unit.startswith("m")
    value, unit = to_base((Decimal(1), Decimal(2)), "jin")
    assert value == (Decimal("0.5"), Decimal("1.0")) and unit == "kg"


def test_base_factor_is_cached():
    base_factor.cache_clear()
    base_factor("km")
    base_factor("km")
    info = base_factor.cache_info()
    assert info.hits == 1 and info.misses == 1


def test_resolve_unit_phrases_with_scale_words():
    scale, word, uw = resolve_unit("万人")
    assert scale == 10000 and word == "万" and uw.kind == "count"
    scale, word, uw = resolve_unit("亿元")
    assert scale == 10 ** 8 and uw.unit == "CNY"
    assert resolve_unit("%")[2].unit == "%"
    assert resolve_unit("千瓦")[2].unit == "kW"
    assert resolve_unit("鹦鹉") is None


def test_stored_base_factors_agree_with_pint():
    from extractor.units import _stored_factors, pint_base_factor

    stored = _stored_factors()
    assert stored, "data/base_factors.json is missing or stale: run extractor.units.write_base_factor_cache()"
    for expr, (factor, unit) in stored.items():
        assert pint_base_factor(expr) == (factor, unit), expr
    lexicon_exprs = {uw.pint for uw in load_lexicon().values()}
    assert lexicon_exprs <= set(stored)


def test_registry_reads_chinese_scale_word_units():
    from extractor.units import registry

    ureg = registry()
    q = ureg.Quantity(Decimal("88.4"), "亿元").to("CNY")
    assert q.magnitude == Decimal("8840000000")
    assert ureg.Quantity(Decimal("5421.8"), "万吨").to("t").magnitude == Decimal("54218000")
    assert not ureg.Quantity(Decimal(1), "USD").is_compatible_with("CNY")
