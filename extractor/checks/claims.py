"""Checks triggered by the binder's claims (the claim contract of the project).

cagr (rate with start/end levels and years), change (direction, delta, rate),
share (against part/whole, not above 100 %), part_of_whole (parts not above
the whole), pp_change (against the two rates), multiple (增长N倍, 是…的N倍,
翻一番), respectively groups (subjects against values) and time_range (start
year before end year, a CAGR period that matches the years).
"""
from __future__ import annotations

from decimal import Decimal
from typing import Iterable

import regex

from ..model import Claim, Mention, Span
from . import messages as msg
from .arithmetic import (Operand, check_cagr, check_direction, check_growth, check_multiple, check_pp,
                         check_share, check_sum, operand_from_mention)
from .base import DocContext
from .intervals import exact, judge_at_most, sub

_YEARS = regex.compile(r"^(?P<a>\d{4})/(?P<b>\d{4})$")


def _op(name: str, c: Claim, role: str) -> Operand | None:
    m = c.value(role)
    return None if m is None else operand_from_mention(name, m, c.id, role)


def _years(c: Claim) -> tuple[int | None, int | None]:
    a, b = c.attrs.get("start_year"), c.attrs.get("end_year")
    if isinstance(a, int) and isinstance(b, int):
        return a, b
    m = _YEARS.match(c.period or "")
    if m:
        return int(m.group("a")), int(m.group("b"))
    return None, None


def _covered_span(m: Mention | None, covered: set[tuple[int, int]]) -> None:
    if m is not None:
        covered.add((m.start, m.end))


def check_claims(ctx: DocContext, claims: Iterable[Claim], covered: set[tuple[int, int]]) -> list[dict]:
    """Run the claim-triggered checks; add the spans of checked rates to ``covered``.

    Returns the 分别 groups whose subject and value counts differ: they are
    reported (by :func:`emit_pending`) only when the text-based check finds no
    list there, since splitting subjects is the binder's least certain step.
    """
    groups: dict[str, list[Claim]] = {}
    for c in claims:
        group = c.attrs.get("group")
        if group is not None:
            groups.setdefault(str(group), []).append(c)
        try:
            _check_one(ctx, c, covered)
        except (ArithmeticError, ValueError, TypeError):  # a malformed claim must not stop the run
            continue
    pending: list[dict] = []
    for members in groups.values():
        p = _check_group(ctx, members, covered)
        if p:
            pending.append(p)
    return pending


def emit_pending(ctx: DocContext, pending: list[dict]) -> None:
    """Report the binder's mismatched 分别 groups that no text-based finding covers."""
    for p in pending:
        spans = p["spans"]
        if p["n"] < 2 or p["k"] < 2:
            continue  # a group with one subject is a binding gap (城乡…分别), not evidence
        if any(f.check == "respectively" and any(a.start < b.end and b.start < a.end
                                                 for a in f.spans for b in spans) for f in ctx.findings):
            continue
        args = dict(n=p["n"], k=p["k"])
        ctx.add("respectively", "inconsistent", spans, msg.zh("resp_bad", **args), msg.en("resp_bad", **args),
                claims=p["claims"], severity="warning", reason="count mismatch")


# claim types whose checks need both a start and an end level (nothing to test without them)
_NEED_LEVELS = frozenset({"cagr", "change", "growth", "pp_change", "multiple"})


def _check_one(ctx: DocContext, c: Claim, covered: set[tuple[int, int]]) -> None:
    t = c.claim_type
    if t in _NEED_LEVELS and (c.value("start") is None or c.value("end") is None):
        return  # a rate or multiple without both levels: the sentence-level checks read the clause
    if t == "cagr":
        rate = _op("rate", c, "rate")
        if rate is None:
            return
        start, end = _op("start", c, "start"), _op("end", c, "end")
        a, b = _years(c)
        years = None if a is None or b is None else b - a
        if start is None or end is None or years is None:
            return  # incomplete: the sentence-level check reads the clause itself
        year_ops = []
        if a is not None and b is not None:
            year_ops = [Operand("start_year", exact(a), str(a), _year_span(c, a, 0) or rate.span, 0, claim_id=c.id,
                                role="start_year"),
                        Operand("end_year", exact(b), str(b), _year_span(c, b, 1) or rate.span, 0, claim_id=c.id,
                                role="end_year")]
            if a >= b:
                _time_range(ctx, c, a, b)
        decrease = (c.value("rate").direction == "decrease")  # type: ignore[union-attr]
        last = check_cagr(ctx, rate, start, end, years, indicator=c.indicator, nominal=c.nominal,
                          year_operands=year_ops if start and end else (), claims=[c.id], decrease=decrease)
        if last is not None and c.id in last.claims and last.verdict in ("inconsistent", "inconsistent_decision") \
                and c.period_source == "document" and not isinstance(c.attrs.get("start_year"), int):
            # the years came from the document, not from the sentence: do not accuse on a guess
            last.verdict, last.severity = "not_testable", "info"
            last.reason = "the period of the rate was inferred from the document; the figures disagree for it"
        _covered_span(c.value("rate"), covered)
    elif t == "change":
        start, end = _op("start", c, "start"), _op("end", c, "end")
        if start is None or end is None:
            return
        verb = c.attrs.get("verb") or _verb_between(c)
        if verb:
            check_direction(ctx, start, end, verb, indicator=c.indicator, claims=[c.id])
        rate = _op("rate", c, "rate")
        if rate is not None:
            decrease = c.value("rate").direction == "decrease"  # type: ignore[union-attr]
            check_growth(ctx, rate, start, end, indicator=c.indicator, nominal=c.nominal,
                         decrease=decrease, claims=[c.id])
            _covered_span(c.value("rate"), covered)
        delta = _op("delta", c, "delta")
        delta_m = c.value("delta")
        if delta_m is not None and delta_m.unit not in (c.value("start").unit, "pp"):  # type: ignore[union-attr]
            delta = None  # 增长1.5倍 or 增长20% is not a change in the level's unit
        if delta is not None and start.band.point and end.band.point:
            diff = sub(end.band, start.band) if end.band.point >= start.band.point else sub(start.band, end.band)
            from .arithmetic import _emit
            # 从70.2%提高到71.0%、提高0.8个百分点 is a percentage-point difference; other deltas a difference
            name = "pp_difference" if c.value("delta").unit == "pp" else "difference"  # type: ignore[union-attr]
            _emit(ctx, name, f"{c.indicator or ''}增减量", "change in level", "end-start", diff, delta,
                  [start, end], claims=[c.id])
    elif t == "growth":
        rate, start, end = _op("rate", c, "rate"), _op("start", c, "start"), _op("end", c, "end")
        if rate is not None and start is not None and end is not None:
            decrease = c.value("rate").direction == "decrease"  # type: ignore[union-attr]
            check_growth(ctx, rate, start, end, indicator=c.indicator, nominal=c.nominal,
                         decrease=decrease, claims=[c.id])
            _covered_span(c.value("rate"), covered)
    elif t == "share":
        share, part, whole = _op("share", c, "share"), _op("part", c, "part"), _op("whole", c, "whole")
        if share is None:
            return
        if part is not None and whole is not None:
            check_share(ctx, share, part, whole, what=f"{c.indicator or ''}比重", claims=[c.id])
            _covered_span(c.value("share"), covered)
        elif share.band.low is not None and share.band.low > 100:
            args = dict(part=share.text, whole="100%", share=share.text)
            ctx.add("share", "inconsistent", [share.span], msg.zh("pow_bad", **args), msg.en("pow_bad", **args),
                    formula="100-share", inputs=[share.formula_input()], stated=None,
                    tolerance="100-share >= 0", claims=[c.id])
    elif t == "part_of_whole":
        whole = _op("whole", c, "whole")
        parts = [operand_from_mention(f"part{i + 1}", cv.mention, c.id, "part")
                 for i, cv in enumerate(v for v in c.values if v.role == "part")]
        parts = [p for p in parts if p is not None]
        if whole is None or not parts or c.value("whole").direction in ("increase", "decrease"):  # type: ignore[union-attr]
            return  # a change (减少208万人) is not a whole
        if len(parts) == 1:
            part = parts[0]
            verdict = judge_at_most(part.band, whole.band, approx=bool(part.approx or whole.approx))
            args = dict(part=part.text, whole=whole.text,
                        share=(part.band.point / whole.band.point * 100).quantize(Decimal("0.1"))
                        if whole.band.point else "")
            key = "pow_bad" if verdict == "inconsistent" else "pow_ok"
            ctx.add("part_of_whole", verdict, [whole.span, part.span], msg.zh(key, **args), msg.en(key, **args),
                    formula=f"whole-{part.name}", inputs=[part.formula_input(), whole.formula_input()],
                    stated=None, tolerance="whole-part >= 0", computed=sub(whole.band, part.band),
                    places=max(part.places, whole.places), claims=[c.id])
        else:
            from .sentences import _AVERAGE, _exhaustive

            names = [cv.mention.indicator or "" for cv in c.values if cv.role == "part"]
            if _AVERAGE.search(c.indicator or "") or any(_AVERAGE.search(n) for n in names):
                return  # 人均/平均 figures of a split do not add up
            # 中央财政赤字 and 地方财政赤字 make the whole 财政赤字: a complete split must add up
            exhaustive = bool(c.attrs.get("exhaustive")) or (len(names) == len(parts) and _exhaustive(names))
            check_sum(ctx, whole, parts, exhaustive=exhaustive, what=f"{c.indicator or ''}分项之和", claims=[c.id])
    elif t == "pp_change":
        pp, start, end = _op("pp", c, "pp"), _op("start", c, "start"), _op("end", c, "end")
        if pp is not None and start is not None and end is not None:
            decrease = c.value("pp").direction == "decrease"  # type: ignore[union-attr]
            check_pp(ctx, pp, start, end, decrease=decrease, claims=[c.id])
            _covered_span(c.value("pp"), covered)
    elif t == "multiple":
        mult, start, end = _op("multiple", c, "multiple"), _op("start", c, "start"), _op("end", c, "end")
        if mult is not None and start is not None and end is not None:
            check_multiple(ctx, mult, start, end, str(c.attrs.get("multiple_kind") or "times_of"), claims=[c.id])
            _covered_span(c.value("multiple"), covered)


def _year_span(c: Claim, year: int, which: int):
    """The span of ``year年`` in the claim's sentence (the first for the start, the last for the end)."""
    if c.span is None or not c.span.text:
        return None
    hits = [m for m in regex.finditer(rf"{year}\s*年", c.span.text)]
    if not hits:
        return None
    m = hits[0] if which == 0 else hits[-1]
    s = c.span.start + m.start()
    return Span(c.doc, s, c.span.start + m.end(), c.span.line, c.span.col + m.start(), m.group())


_VERB = regex.compile(r"增加|增长|提高|上升|扩大|提升|上涨|下降|减少|降低|缩小|缩减|下跌|回落|压减")


def _verb_between(c: Claim) -> str | None:
    s, e = c.value("start"), c.value("end")
    if s is None or e is None or c.span is None:
        return None
    lo, hi = s.end - c.span.start, e.start - c.span.start
    if 0 <= lo <= hi <= len(c.span.text):
        m = _VERB.search(c.span.text[lo:hi])
        return m.group() if m else None
    return None


def _time_range(ctx: DocContext, c: Claim, a: int, b: int) -> None:
    args = dict(a=a, b=b, n=b - a + 1)
    verdict = "consistent" if a < b else "inconsistent"
    key = "range_ok" if a < b else "range_bad"
    ctx.add("time_range", verdict, [c.span], msg.zh(key, **args), msg.en(key, **args), claims=[c.id],
            formula="end_year-start_year", stated=c.period)


def _check_group(ctx: DocContext, members: list[Claim], covered: set[tuple[int, int]]) -> dict | None:
    head = next((c for c in members if c.attrs.get("items") is not None), None)
    if head is None:
        return None
    items = head.attrs.get("items") or []
    values = head.attrs.get("values") or []
    spans = []
    for it in list(items) + list(values):
        try:
            s, e = int(it["start"]), int(it["end"])
        except (KeyError, TypeError, ValueError):
            continue
        line, col = ctx.nt.line_col(s)
        spans.append(Span(ctx.doc, s, e, line, col, ctx.nt.original[s:e]))
    if not spans:
        return None
    n, k = len(items), len(values)
    args = dict(n=n, k=k)
    if n == k:
        for sp in spans:
            covered.add((sp.start, sp.end))
        ctx.add("respectively", "consistent", spans, msg.zh("resp_ok", **args), msg.en("resp_ok", **args),
                claims=[c.id for c in members])
        return None
    return {"spans": spans, "n": n, "k": k, "claims": [c.id for c in members]}
