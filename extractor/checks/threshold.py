"""Threshold checks: a rate stated as faster or slower than another (居民收入增长快于经济增长).

The sentence that states the comparison carries one rate (居民收入年均增长7.4%、超过经济增速);
the other rate is the economic growth rate of the same period stated elsewhere in the
document (国内生产总值年均增长7.1%). Both are real rates, so the comparison is valid.
``基本同步`` (in step) holds when the two rates are within one percentage point.
"""
from __future__ import annotations

import re
from decimal import Decimal
from typing import Iterable

import regex

from ..model import Claim
from .arithmetic import operand_from_mention
from .base import DocContext
from .intervals import sub

_ECONOMY = r"(?:同期)?(?:经济增速|经济增长(?:速度)?|GDP增速|(?:地区|国内)生产总值增速)"
# every match of _COMPARE holds one of these (the _ECONOMY alternatives)
_ECONOMY_WORDS = ("经济增速", "经济增长", "GDP增速", "生产总值增速")
# (compiled with the standard ``re``: literals only, which ``re`` scans the whole text for faster)
_COMPARE = re.compile(r"(?P<op>超过|快于|高于|跑赢|低于|慢于|不低于|不高于|略高于|略低于)" + _ECONOMY)
_IN_STEP = regex.compile(r"(?:与|和|同)" + _ECONOMY + r"(?:基本|保持)?同步")
_SENTENCE_END = regex.compile(r"[。！？!?\n]")
_GDP_NAME = regex.compile(r"国内生产总值|地区生产总值|生产总值|GDP|经济增长|经济增速")
RATE_TYPES = ("growth", "cagr")
IN_STEP_POINTS = Decimal(1)


def _is_gdp_rate(c: Claim) -> bool:
    return c.claim_type in RATE_TYPES and c.value("rate") is not None and (
        c.indicator_id in ("gdp", "gdp_growth") or bool(_GDP_NAME.search(c.indicator or "")))


def check_thresholds(ctx: DocContext, claims: Iterable[Claim]) -> None:
    """Rates stated as above, below or in step with economic growth, against that rate."""
    original = getattr(ctx.nt, "original", "") or ""
    # the patterns that can match (most documents compare no rate with the economy's): tested
    # before the rates are gathered, as without a match nothing is looked up
    patterns = [(pattern, kind) for pattern, kind, words in ((_COMPARE, "compare", _ECONOMY_WORDS),
                                                             (_IN_STEP, "in_step", ("同步",)))
                if any(w in original for w in words)]
    if not patterns:
        return
    rates = sorted((c for c in claims if c.claim_type in RATE_TYPES and c.value("rate") is not None),
                   key=lambda c: c.value("rate").start)  # type: ignore[union-attr]
    if not rates:
        return
    for pattern, kind in patterns:
        for m in pattern.finditer(original):
            s0 = _sentence_start(original, m.start())
            s1 = _sentence_end(original, m.end())
            own = [c for c in rates if s0 <= c.value("rate").start < s1 and not _is_gdp_rate(c)]  # type: ignore[union-attr]
            if kind == "compare":
                own = [c for c in own if c.value("rate").end <= m.start()][-1:]  # type: ignore[union-attr]
            if not own:
                continue
            rate_claim = own[0] if kind == "in_step" else own[-1]
            gdp = _economy_rate(rates, rate_claim)
            if gdp is None:
                continue
            op = m.group("op") if kind == "compare" else "同步"
            _judge(ctx, rate_claim, gdp, op)


def _sentence_start(text: str, pos: int) -> int:
    k = max(text.rfind(ch, 0, pos) for ch in "。！？!?\n")
    return k + 1


def _sentence_end(text: str, pos: int) -> int:
    m = _SENTENCE_END.search(text, pos)
    return m.end() if m else len(text)


def _economy_rate(rates: list[Claim], c: Claim) -> Claim | None:
    """The economic growth rate of the same period and kind as ``c`` (the nearest one)."""
    if not c.period:
        return None  # without a period the economy's rate of the same time cannot be told
    cands = [g for g in rates if _is_gdp_rate(g) and g.period == c.period and g is not c]
    if not cands:
        return None
    same_kind = [g for g in cands if g.claim_type == c.claim_type] or cands
    pos = c.value("rate").start  # type: ignore[union-attr]
    return min(same_kind, key=lambda g: abs(g.value("rate").start - pos))  # type: ignore[union-attr]


def _judge(ctx: DocContext, c: Claim, gdp: Claim, op: str) -> None:
    """Record the comparison of ``c``'s rate with the economy's rate ``gdp``."""
    a = operand_from_mention("rate", c.value("rate"), c.id, "rate")  # type: ignore[arg-type]
    b = operand_from_mention("economy_rate", gdp.value("rate"), gdp.id, "rate")  # type: ignore[arg-type]
    if a is None or b is None or a.approx or b.approx:
        return
    diff = sub(a.band, b.band)
    low, high, point = diff.low, diff.high, diff.point
    if low is None or high is None:
        return
    reason = None
    if op == "同步":
        if abs(point) <= IN_STEP_POINTS:
            verdict = "consistent"
        else:
            verdict, reason = "not_testable", "rates more than one point apart: whether that is 'in step' is a judgement"
    else:
        sign = -1 if op in ("低于", "慢于", "略低于", "不高于") else 1
        lo, hi, pt = (low, high, point) if sign > 0 else (-high, -low, -point)
        strict = op not in ("不低于", "不高于")
        if lo > 0 or (not strict and lo >= 0):
            verdict = "consistent"
        elif hi < 0 or (strict and hi <= 0):
            verdict = "inconsistent_decision"
        else:
            verdict = "consistent_by_rounding_only"
    what = c.indicator or "该增速"
    zh = (f"{what}{a.text}与经济增速{b.text}相比：差{point}个百分点（区间{low}至{high}），"
          f"所述“{op}”{'成立' if verdict.startswith('consistent') else ('不成立' if verdict.startswith('inconsistent') else '无法判断')}。")
    en = (f"{c.indicator_id or what} {a.text} against economic growth {b.text}: difference {point} points "
          f"(band {low} to {high}); the stated '{op}' "
          f"{'holds' if verdict.startswith('consistent') else ('fails' if verdict.startswith('inconsistent') else 'cannot be judged')}.")
    ctx.add("threshold", verdict, [a.span, b.span], zh, en, formula="rate-economy_rate",
            inputs=[a.formula_input(), b.formula_input()], stated=op, computed=diff,
            places=max(a.places, b.places), tolerance=f"{a.band.note}; {b.band.note}",
            claims=[c.id, gdp.id], reason=reason)
