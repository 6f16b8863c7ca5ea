"""Interval arithmetic of the consistency engine: rounding bands, propagation, verdicts."""
from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.checks.intervals import (about_tolerance, add, cagr_percent, decimals_of, exact, growth_percent,
                                        judge_at_most, judge_equal, round_half_up, share_percent,
                                        stated_band)

D = Decimal


def test_band_of_a_one_decimal_figure_in_its_written_scale():
    band = stated_band(D("88.4e8"), "88.4")
    assert band.low == D("88.35e8") and band.high == D("88.45e8")


def test_counts_are_exact_and_bound_words_close_the_band():
    assert stated_band(D(401), "401", unit="count").width == 0
    more = stated_band(D(400), "400", approx=["more_than"], unit="count", bound_word=True)
    assert more.low == 400 and more.high == 500
    open_ = stated_band(D(2e12), "2", approx=["more_than"])
    assert open_.low == D(2e12) and open_.high is None
    assert stated_band(D("13e8"), "13", approx=["more_than"], bound_word=True).high == D("14e8")


def test_about_gets_the_configured_tolerance():
    band = stated_band(D(30), "30", approx=["about"], about_tolerance=D("0.1"))
    assert band.low == 27 and band.high == 33
    assert stated_band(D(30), "30", approx=["about"]).low == D("28.5")
    with about_tolerance("0.2"):
        assert stated_band(D(30), "30", approx=["about"]).low == 24
    assert stated_band(D(30), "30", approx=["about"]).low == D("28.5")


def test_round_half_up_not_half_even():
    assert round_half_up(D("2.25"), 1) == D("2.3")
    assert round_half_up(D("0.125"), 2) == D("0.13")
    assert decimals_of("8.0") == 1 and decimals_of("120") == 0


def test_cagr_of_seed_000_interval():
    start = stated_band(D("88.4e8"), "88.4")
    end = stated_band(D("120.4e8"), "120.4")
    cagr = cagr_percent(start, end, D(2))
    assert D("16.647") <= cagr.low <= D("16.648")
    assert D("16.761") <= cagr.high <= D("16.762")
    verdict, _ = judge_equal(cagr, stated_band(D("16.7"), "16.7"))
    assert verdict == "consistent"
    assert judge_equal(cagr, stated_band(D("17.7"), "17.7"))[0] == "inconsistent"


def test_rounding_only_and_decision_verdicts():
    # 1.04 + 2.04 = 3.08 is written 3.1 only because of rounding of the parts (3.0 ± bands)
    parts = add(stated_band(D("1.0"), "1.0"), stated_band(D("2.0"), "2.0"))
    assert judge_equal(parts, stated_band(D("3.1"), "3.1"))[0] == "consistent_by_rounding_only"
    fall = growth_percent(exact(100), exact(95))
    assert judge_equal(fall, stated_band(D("5"), "5"))[0] == "inconsistent_decision"


def test_part_not_above_whole():
    assert judge_at_most(exact(39), exact(41)) == "consistent"
    assert judge_at_most(exact(42), exact(41)) == "inconsistent"
    assert judge_at_most(stated_band(D("13.5e8"), "13.5"),
                         stated_band(D("13e8"), "13", approx=["more_than"], bound_word=True), approx=True) == "consistent"
    assert judge_at_most(stated_band(D("13.5e8"), "13.5"),
                         stated_band(D("13e8"), "13", approx=["more_than"], bound_word=True)) == \
        "consistent_by_rounding_only"


def _round(x: Decimal, places: int) -> Decimal:
    return x.quantize(D(1).scaleb(-places), rounding=ROUND_HALF_UP)


exact_amounts = st.decimals(min_value=D("1"), max_value=D("100000"), places=4, allow_nan=False,
                            allow_infinity=False)


@settings(max_examples=150, deadline=None)
@given(st.lists(exact_amounts, min_size=2, max_size=5), st.integers(min_value=0, max_value=2))
def test_rounded_parts_and_total_are_never_judged_inconsistent(parts, places):
    total = sum(parts, D(0))
    rounded = [_round(p, places) for p in parts]
    r_total = _round(total, places)
    computed = add(*[stated_band(r, format(r, "f")) for r in rounded])
    verdict, _ = judge_equal(computed, stated_band(r_total, format(r_total, "f")))
    assert verdict in ("consistent", "consistent_by_rounding_only", "not_testable")
    assert verdict != "not_testable" or places == 0


@settings(max_examples=150, deadline=None)
@given(exact_amounts, exact_amounts, st.integers(min_value=0, max_value=2), st.integers(min_value=1, max_value=2))
def test_rounded_share_is_never_judged_inconsistent(a, b, places, rate_places):
    part, whole = min(a, b), max(a, b)
    share = part / whole * 100
    r_part, r_whole, r_share = _round(part, places), _round(whole, places), _round(share, rate_places)
    if r_part == 0:
        return
    computed = share_percent(stated_band(r_part, format(r_part, "f")), stated_band(r_whole, format(r_whole, "f")))
    verdict, _ = judge_equal(computed, stated_band(r_share, format(r_share, "f")))
    assert verdict in ("consistent", "consistent_by_rounding_only", "not_testable")


@settings(max_examples=150, deadline=None)
@given(st.decimals(min_value=D("10"), max_value=D("10000"), places=3, allow_nan=False, allow_infinity=False),
       st.decimals(min_value=D("-0.2"), max_value=D("0.5"), places=4, allow_nan=False, allow_infinity=False),
       st.integers(min_value=1, max_value=10))
def test_rounded_cagr_is_never_judged_inconsistent(start, rate, years):
    end = start * (1 + rate) ** years
    r_start, r_end = _round(start, 1), _round(end, 1)
    r_rate = _round(rate * 100, 1)
    if r_start <= 0 or r_end <= 0:
        return
    computed = cagr_percent(stated_band(r_start, format(r_start, "f")), stated_band(r_end, format(r_end, "f")),
                            D(years))
    verdict, _ = judge_equal(computed, stated_band(r_rate, format(r_rate, "f")))
    assert verdict != "inconsistent" and verdict != "inconsistent_decision"


def test_threshold_between_stated_and_computed_is_a_decision():
    share = share_percent(exact(45), exact(100))
    verdict, reason = judge_equal(share, stated_band(D("55"), "55"), thresholds=[D(50)])
    assert verdict == "inconsistent_decision" and "50" in reason
    assert judge_equal(share, stated_band(D("48"), "48"), thresholds=[D(50)])[0] == "inconsistent"
