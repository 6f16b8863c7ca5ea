"""Arithmetic checks: cagr, growth, change direction, sum, share, part of whole,
percentage-point differences, multiples (增长N倍 = ×(N+1), 是…的N倍 = ×N,
翻一番 = ×2) and the real-versus-nominal guard.

Each check takes :class:`Operand` values (a rounding band plus where it came
from) so the same code serves claims from the binder and figures read from a
clause. Results are findings with the formula, the stated value, the
computed interval and the tolerance used.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Sequence

import regex

from ..model import Finding, FormulaInput, Mention, Span
from . import messages as msg
from .base import DocContext
from .expression import names_in
from .intervals import (Band, add, cagr_percent, decimals_of, exact, fmt, growth_percent, judge_at_most,
                        judge_equal, monotone, share_percent, sub)
from .quantities import from_mention

# patterns used inside functions, compiled once
_STARTS_WITH_NUMBER = regex.compile(r"\s*[-+]?\d")
_SIGNED_NUMBER = regex.compile(r"-?\d+(?:\.\d+)?")

# growth of these is stated at comparable prices (real) while levels are at current prices
REAL_INDICATOR = regex.compile(
    r"国内生产总值|地区生产总值|生产总值|GDP|增加值|居民收入|可支配收入|人均收入|经济增速|经济增长|实际")
NOMINAL_HINT = regex.compile(r"名义|现价|按当年价格")


def is_real_indicator(indicator: str | None) -> bool:
    """True when growth of ``indicator`` is normally stated at comparable prices."""
    if not indicator:
        return False
    return bool(REAL_INDICATOR.search(indicator)) and not NOMINAL_HINT.search(indicator)


@dataclass(slots=True)
class Operand:
    """One input of a formula: its band, how it was written and where."""

    name: str
    band: Band
    text: str
    span: Span
    places: int = 0
    approx: list[str] = field(default_factory=list)
    claim_id: str | None = None
    role: str | None = None

    def formula_input(self) -> FormulaInput:
        """The input as a spreadsheet reads it: the written figure when it reads back as the value."""
        return FormulaInput(self.name, input_text(self.text, self.band.point), self.claim_id, self.role,
                            self.span)


_INPUT_SCALES = {"十": 10, "百": 100, "千": 1000, "万": 10 ** 4, "十万": 10 ** 5, "百万": 10 ** 6,
                 "千万": 10 ** 7, "亿": 10 ** 8, "十亿": 10 ** 9, "百亿": 10 ** 10, "千亿": 10 ** 11,
                 "万亿": 10 ** 12}
# a number, an optional scale word, then a unit without digits: how formula inputs are read back
_WRITTEN_INPUT = regex.compile(r"^\s*(?P<num>[+-]?[\d,]*\.?\d+)\s*(?P<scale>十万|百万|千万|十亿|百亿|千亿|万亿|"
                               r"[十百千万亿])?(?P<unit>[^\d]{0,8})$")


def input_text(written: str, value: Decimal) -> str:
    """``written`` when it reads back (number × scale word) as ``value``, else the plain value.

    88.4亿元 and 16.7% stay as written; 1万6千多户 or 两千亿元 become their base value
    (16000), so every input of a formula is a number a spreadsheet can read.
    """
    m = _WRITTEN_INPUT.match(written or "")
    if m:
        try:
            number = Decimal(m.group("num").replace(",", "")) * _INPUT_SCALES.get(m.group("scale") or "", 1)
        except ArithmeticError:
            number = None
        if number is not None and number == value:
            return written
    if value == value.to_integral_value():
        return format(value.quantize(Decimal(1)), "f")
    return format(value.normalize(), "f")


def operand_from_mention(name: str, m: Mention, claim_id: str | None = None,
                         role: str | None = None) -> Operand | None:
    """An operand from a recogniser mention; None when it has no single number."""
    band = from_mention(m)
    if band is None:
        return None
    places = m.decimals if m.decimals is not None else decimals_of(m.value_text or "")
    # the mention's own text keeps the scale word (88.4亿元), so inputs in different scales add up
    text = m.text if _STARTS_WITH_NUMBER.match(m.text or "") else (m.value_text or m.text)
    return Operand(name, band, text, m.span, places, list(m.approx), claim_id or m.claim_id, role or m.role)


REAL_VS_NOMINAL = "real growth (comparable prices) against levels at current prices"
COMPARABLE_BASIS = "the rate is on a comparable basis (同口径/可比口径), the levels are not"
COMPARABLE_WORDS = regex.compile(r"同口径|可比口径|按可比|可比价|扣除价格因素|实际|剔除")
REASON_ZH = {
    REAL_VS_NOMINAL: "增速按可比价格计算，水平值按现价，二者不能互相检验",
    "rounding bands of the inputs too wide to test the stated value": "各数的四舍五入误差太大，无法检验所述数值",
    "computed band is open": "计算区间无界（有“超过”“以上”等约数）",
    "computed value unbounded": "计算值无界",
    "structure adjusted to add up to 100": "结构比为凑足100%调整了末位数字",
    "the rate is on a comparable basis (同口径/可比口径), the levels are not": "增速按同口径（可比口径）计算，水平值不是同口径",
}


def _written_scale(stated: Operand) -> Decimal:
    """The factor between the value and the number as written (亿 → 1e8), 1 when unknown."""
    m = _SIGNED_NUMBER.search(stated.text or "")
    if not m:
        return Decimal(1)
    written = Decimal(m.group())
    if written == 0 or stated.band.point == 0:
        return Decimal(1)
    return abs(stated.band.point / written)


def _tolerance(stated: Operand) -> str:
    return stated.band.note or "exact"


def _emit(ctx: DocContext, check: str, what: str, what_en: str, formula: str, computed: Band,
          stated: Operand, others: Sequence[Operand], *, places: int | None = None,
          claims: Sequence[str] = (), extra_spans: Sequence[Span] = (),
          forced: tuple[str, str] | None = None, thresholds: Sequence[Decimal] = ()) -> Finding | None:
    """Judge ``computed`` against ``stated`` and record the finding; return it (None: a duplicate)."""
    if forced is not None:
        verdict, reason = forced
    else:
        verdict, reason = judge_equal(computed, stated.band,
                                      stated.places if places is None else places, stated.approx, thresholds)
    p = (stated.places if places is None else places) + 3
    scale = _written_scale(stated)
    show = (lambda x: fmt(None if x is None else x / scale, p)) if scale != 1 else (lambda x: fmt(x, p))
    args = dict(what=what, what_en=what_en, formula=formula, point=show(computed.point),
                low=show(computed.low), high=show(computed.high), stated=stated.span.text or stated.text,
                reason=REASON_ZH.get(reason or "", reason or ""), reason_en=reason or "")
    inputs = [o.formula_input() for o in others]
    spans = [stated.span] + [o.span for o in others] + list(extra_spans)
    claim_ids = list(dict.fromkeys([c for c in claims if c] + [o.claim_id for o in [stated, *others]
                                                                   if o.claim_id]))
    return ctx.add(check, verdict, spans, msg.zh(f"arith_{verdict}", **args), msg.en(f"arith_{verdict}", **args),
                   formula=formula, inputs=inputs, stated=stated.text, computed=computed, places=p - 3,
                   tolerance=_tolerance(stated), claims=claim_ids, reason=reason)


def not_testable(ctx: DocContext, check: str, what: str, what_en: str, reason_zh: str, reason_en: str,
                 operands: Sequence[Operand], formula: str | None = None, stated: Operand | None = None,
                 computed: Band | None = None, claims: Sequence[str] = (),
                 extra_spans: Sequence[Span] = ()) -> Finding | None:
    """Record a not_testable finding with its reason; return it (None: a duplicate)."""
    args = dict(what=what, what_en=what_en, reason=reason_zh, reason_en=reason_en)
    spans = [o.span for o in operands] + list(extra_spans)
    if formula is not None:
        given = {o.name for o in operands if o is not stated}
        if not set(names_in(formula)) <= given:
            formula = None  # an input is missing: there is nothing to compute
    claim_ids = list(dict.fromkeys([c for c in claims if c] + [o.claim_id for o in operands if o.claim_id]))
    return ctx.add(check, "not_testable", spans, msg.zh("arith_not_testable", **args),
                   msg.en("arith_not_testable", **args), formula=formula,
                   inputs=[o.formula_input() for o in operands if o is not stated],
                   stated=None if stated is None else stated.text, computed=computed,
                   places=None if stated is None else stated.places, claims=claim_ids, reason=reason_en)


# ----- the checks ------------------------------------------------------------------------------

def check_cagr(ctx: DocContext, rate: Operand, start: Operand | None, end: Operand | None,
               years: int | None, *, indicator: str | None = None, nominal: bool | None = None,
               year_operands: Sequence[Operand] = (), claims: Sequence[str] = (),
               extra_spans: Sequence[Span] = (), decrease: bool = False) -> Finding | None:
    """年均增长 R% from ``start`` to ``end`` over ``years`` years; return the finding (None: a duplicate)."""
    what = f"{indicator or ''}年均增长率"
    what_en = "average annual growth rate"
    if len(year_operands) == 2:
        formula = "((end/start)^(1/(end_year-start_year))-1)*100"
    else:
        formula = "((end/start)^(1/years)-1)*100"
    if decrease:
        formula = "(1-(end/start)^(1/" + ("(end_year-start_year)" if len(year_operands) == 2 else "years") + "))*100"
    if start is None or end is None:
        return not_testable(ctx, "cagr", what, what_en, "只有年均增长率，缺少起止水平值",
                            "an average annual rate without the levels it links",
                            [rate, *(o for o in (start, end) if o)],
                            formula, rate, claims=claims, extra_spans=extra_spans)
    if years is None or years <= 0:
        return not_testable(ctx, "cagr", what, what_en, "期间年数不明", "the number of years is not stated",
                            [rate, start, end], formula, rate, claims=claims, extra_spans=extra_spans)
    computed = cagr_percent(start.band, end.band, Decimal(years))
    if decrease:
        computed = monotone(lambda x: -x, [computed], [False], "cagr")
    operands = [start, end, *year_operands]
    if not year_operands:
        operands.append(Operand("years", exact(years), str(years), rate.span, 0))
    if nominal is not True and (nominal is False or is_real_indicator(indicator)):
        f = _emit(ctx, "cagr", what, what_en, formula, computed, rate, operands, claims=claims,
                  extra_spans=extra_spans, forced=("not_testable", REAL_VS_NOMINAL))
        if f is None:
            return None
        f.message = msg.zh("arith_not_testable", what=what,
                           reason=f"增速按可比价格计算，水平值为现价，名义年均增速{fmt(computed.point, 2)}%不能检验所述{rate.text}")
        f.message_en = msg.en("arith_not_testable", what_en=what_en,
                              reason_en=f"the rate is real (comparable prices) while the levels are nominal; "
                                        f"the nominal CAGR {fmt(computed.point, 2)}% does not test the stated {rate.text}")
        return f
    return _emit(ctx, "cagr", what, what_en, formula, computed, rate, operands, claims=claims,
                 extra_spans=extra_spans)


def check_growth(ctx: DocContext, rate: Operand, start: Operand, end: Operand, *,
                 indicator: str | None = None, nominal: bool | None = None, decrease: bool = False,
                 claims: Sequence[str] = (), extra_spans: Sequence[Span] = ()) -> None:
    """增长/下降 R% from ``start`` to ``end``."""
    what = f"{indicator or ''}增长率"
    formula = "(1-end/start)*100" if decrease else "(end/start-1)*100"
    computed = growth_percent(start.band, end.band)
    if decrease:
        computed = monotone(lambda x: -x, [computed], [False], "growth")
    if nominal is not True and (nominal is False or is_real_indicator(indicator)):
        _emit(ctx, "growth", what, "growth rate", formula, computed, rate, [start, end], claims=claims,
              extra_spans=extra_spans,
              forced=("not_testable", REAL_VS_NOMINAL))
        return
    original = getattr(ctx.nt, "original", "") or ""
    if COMPARABLE_WORDS.search(original[max(0, rate.span.start - 10):rate.span.start]):
        # 同口径增长6.0%, 扣除价格因素实际增长4.8%: not the change of the levels as written
        _emit(ctx, "growth", what, "growth rate", formula, computed, rate, [start, end], claims=claims,
              extra_spans=extra_spans, forced=("not_testable", COMPARABLE_BASIS))
        return
    f = _emit(ctx, "growth", what, "growth rate", formula, computed, rate, [start, end], claims=claims,
              extra_spans=extra_spans)
    if f is not None and f.verdict in ("inconsistent", "inconsistent_decision") and start.span.text.endswith("%") \
            and end.span.text.endswith("%"):
        pp = sub(start.band, end.band) if decrease else sub(end.band, start.band)
        if pp.overlaps(rate.band):
            f.reason = "percent vs percentage point: the stated figure is the difference of the two rates"


_RANK = regex.compile(r"排名|排位|位次|名次|位居|排序|位$|^位")
_UP = regex.compile(r"增加|增长|提高|上升|扩大|提升|上涨|升至|增至|达到")
_DOWN = regex.compile(r"下降|减少|降低|缩小|缩减|下跌|降至|压减|减至|回落|压缩|缩短")


def verb_direction(verb: str | None) -> str | None:
    """'increase' / 'decrease' / None for a change verb."""
    if not verb:
        return None
    if _DOWN.search(verb):
        return "decrease"
    if _UP.search(verb) and not verb.startswith("达到"):
        return "increase"
    return None


def check_direction(ctx: DocContext, start: Operand, end: Operand, verb: str, *,
                    indicator: str | None = None, claims: Sequence[str] = (),
                    extra_spans: Sequence[Span] = ()) -> None:
    """从A增加到B: B > A for an increase, B < A for a decrease."""
    direction = verb_direction(verb)
    if direction is None or _RANK.search(indicator or "") or _RANK.search(verb):
        return  # ranks rise as their numbers fall (排名从369位上升到235位)
    what = indicator or "变化"
    args = dict(what=what, what_en=indicator or "change", start=start.text, end=end.text, verb=verb)
    diff = sub(end.band, start.band)
    if direction == "increase":
        ok = diff.point > 0
        possible = diff.high is None or diff.high > 0
    else:
        ok = diff.point < 0
        possible = diff.low is None or diff.low < 0
    verdict = "consistent" if ok else ("consistent_by_rounding_only" if possible else "inconsistent_decision")
    key = "direction_ok" if verdict != "inconsistent_decision" else "direction_bad"
    ctx.add("change_direction", verdict, [start.span, end.span, *extra_spans], msg.zh(key, **args),
            msg.en(key, **args), formula="end-start", inputs=[start.formula_input(), end.formula_input()],
            stated=verb, computed=diff, places=max(start.places, end.places), claims=list(claims),
            tolerance="sign of end-start")


def check_sum(ctx: DocContext, total: Operand, parts: Sequence[Operand], *, exhaustive: bool,
              what: str = "分项之和", claims: Sequence[str] = (), extra_spans: Sequence[Span] = ()) -> None:
    """Parts against a total: equal within rounding when the parts are exhaustive,
    else no part above the total."""
    names = "+".join(p.name for p in parts)
    formula = f"({names})"
    computed = add(*[p.band for p in parts])
    places = max(p.places for p in parts)
    if exhaustive:
        # the total's own band decides; compare in the total's scale
        _emit(ctx, "sum", what, "sum of the parts", formula, computed, total, parts, places=None,
              claims=claims, extra_spans=extra_spans)
        return
    worst = max(parts, key=lambda p: p.band.point)
    verdict = judge_at_most(worst.band, total.band, approx=bool(worst.approx or total.approx))
    if verdict == "inconsistent":
        args = dict(part=worst.text, whole=total.text, share="")
        ctx.add("part_of_whole", "inconsistent", [total.span, worst.span], msg.zh("pow_bad", **args),
                msg.en("pow_bad", **args), formula=f"total-{worst.name}",
                inputs=[worst.formula_input(), total.formula_input()], stated=None, tolerance="total-part >= 0",
                computed=sub(total.band, worst.band), places=places, claims=list(claims))
        return
    if verdict == "consistent" and computed.overlaps(total.band):
        _emit(ctx, "sum", what, "sum of the parts", formula, computed, total, parts, claims=claims,
              extra_spans=extra_spans)
        return
    not_testable(ctx, "sum", what, "sum of the parts", "所列分项未必穷尽总量，只能检验各分项不大于总量",
                 "the parts listed need not exhaust the total; each is within it",
                 [total, *parts], formula, total, computed, claims=claims, extra_spans=extra_spans)


def check_share(ctx: DocContext, share: Operand, part: Operand, whole: Operand, *, what: str = "比重",
                claims: Sequence[str] = (), extra_spans: Sequence[Span] = (), adjusted: bool = False) -> None:
    """占比 X% against part / whole × 100.

    ``adjusted``: the share is a term of a structure written to add up to exactly 100
    (statistical offices move the last digit of one term so it does); a computed value
    one unit of the last place away is then consistent by rounding only, not an error.
    """
    computed = share_percent(part.band, whole.band)
    forced = None
    if adjusted:
        verdict, _ = judge_equal(computed, share.band, share.places, share.approx, SHARE_THRESHOLDS)
        unit = Decimal(1).scaleb(-share.places)
        if verdict == "inconsistent" and abs(computed.point - share.band.point) <= unit * Decimal("1.5"):
            forced = ("consistent_by_rounding_only", "structure adjusted to add up to 100")
    _emit(ctx, "share", what, "share", f"{part.name}/{whole.name}*100", computed, share, [part, whole],
          claims=claims, extra_spans=extra_spans, thresholds=SHARE_THRESHOLDS, forced=forced)


def check_pp(ctx: DocContext, pp: Operand, start: Operand, end: Operand, *, decrease: bool = False,
             what: str = "百分点变化", claims: Sequence[str] = (),
             extra_spans: Sequence[Span] = ()) -> Finding | None:
    """提高/下降 N个百分点 against two stated rates; return the finding (None: a repeat of an earlier one)."""
    if decrease:
        computed, formula = sub(start.band, end.band), "start-end"
    else:
        computed, formula = sub(end.band, start.band), "end-start"
    f = _emit(ctx, "pp_difference", what, "percentage-point change", formula, computed, pp, [start, end],
              claims=claims, extra_spans=extra_spans)
    if f is not None and f.verdict in ("inconsistent", "inconsistent_decision") and start.band.point != 0:
        rel = growth_percent(start.band, end.band)
        if decrease:
            rel = monotone(lambda x: -x, [rel], [False])
        if rel.overlaps(pp.band):
            f.reason = "percent vs percentage point: the stated figure is the relative change in %"
    return f


SHARE_THRESHOLDS = (Decimal(50), Decimal(100))  # a majority, the whole
MULTIPLE_FACTOR = {"grew_by": 1, "times_of": 0, "doubling": 0}


def check_multiple(ctx: DocContext, multiple: Operand, start: Operand, end: Operand, kind: str, *,
                   what: str = "倍数", claims: Sequence[str] = (), extra_spans: Sequence[Span] = ()) -> None:
    """增长N倍 (end = start×(N+1)), 是…的N倍 (end = start×N), 翻一番 (end = start×2)."""
    if kind == "grew_by":
        computed = monotone(lambda s, e: e / s - 1, [start.band, end.band], [False, True])
        formula = "end/start-1"
    else:
        computed = monotone(lambda s, e: e / s, [start.band, end.band], [False, True])
        formula = "end/start"
    _emit(ctx, "multiple", what, "multiple", formula, computed, multiple, [start, end], claims=claims,
          extra_spans=extra_spans)


def check_ratio_terms(ctx: DocContext, terms: Sequence[Operand], span: Span, *, what: str = "结构比") -> None:
    """Terms of a percentage structure (6.9:38.8:54.3) add up to 100 within rounding."""
    computed = add(*[t.band for t in terms])
    hundred = Operand("100", Band(Decimal(100), Decimal(100), Decimal(100), "exact"), "100", span, 0)
    formula = "(" + "+".join(t.name for t in terms) + ")"
    verdict = "consistent" if computed.contains(Decimal(100)) else "inconsistent"
    if verdict == "consistent" and computed.point != 100:
        verdict = "consistent_by_rounding_only"
    args = dict(what=what, what_en="structure ratio", formula=formula, point=fmt(computed.point),
                low=fmt(computed.low), high=fmt(computed.high), stated="100")
    ctx.add("sum", verdict, [t.span for t in terms], msg.zh(f"arith_{verdict}", **args),
            msg.en(f"arith_{verdict}", **args), formula=formula,
            inputs=[t.formula_input() for t in terms], stated="100", computed=computed,
            places=max(t.places for t in terms), tolerance=f"±{fmt(computed.point - computed.low)} (rounding of the terms)")
